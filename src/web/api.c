/*
 * api.c - the JSON API of mockexam serve (docs/api.md): routing a request to its
 * endpoint, and the endpoints, the library's exam model behind HTTP verbs, deciding
 * nothing the library does not.
 *
 * Every request about an attempt rebuilds it from the history (api_session.c), does its
 * work, and lets the attempt save itself before the answer goes out, so a kill -9 of the
 * server loses no answer it confirmed, and the command line can resume what the browser
 * began.  Requests are checked whole before anything is changed (api_read.c), so a
 * request that fails changes nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api.h"
#include "mockexam/drill.h"
#include "mockexam/report.h"
#include "mockexam/rng.h"

static void get_exams(server *s, reply *r)
{
	size_t nroots;
	char **roots = cli_roots(s->c, &nroots);
	mx_catalog *cat = NULL;
	mx_diags d;
	mx_diags_init(&d);
	mx_status st =
	    roots ? mx_catalog_scan((const char *const *)roots, nroots, &s->c->limits, &d, &cat)
		  : MX_ERR_NOMEM;
	mx_diags_free(&d);
	cli_roots_free(roots, nroots);
	if (st != MX_OK) {
		api_fail(r, 500, "cannot scan the bank search path: %s", mx_status_str(st));
		return;
	}
	json_t *exams = json_array();
	for (size_t i = 0; i < cat->n; i++) {
		reply ignored = {0, NULL};
		const mx_bank *b =
		    cat->entries[i].id ? server_bank(s, cat->entries[i].id, &ignored) : NULL;
		json_decref(ignored.doc);
		if (b)
			json_array_append_new(exams, list_exam_json(cat->entries[i].dir, b));
	}
	mx_catalog_free(cat);
	api_answer(r, 200, json_pack("{s:o}", "exams", exams));
}

static void get_attempts(server *s, mx_history *h, reply *r)
{
	mx_attempt_info *list = NULL;
	size_t n = 0;
	mx_error err;
	if (mx_history_list(h, NULL, &list, &n, &err) != MX_OK) {
		api_fail_with(r, &err);
		return;
	}
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, info_json(&list[i]));
	free(list);
	api_answer(r, 200, json_pack("{s:o}", "attempts", a));
}

static void get_state(server *s, mx_history *h, long id, reply *r)
{
	session ss;
	if (session_open(s, h, id, &ss, r))
		api_answer(r, 200, state_json(&ss));
	session_close(&ss);
}

static bool position_of(const session *ss, long pos, size_t *i, reply *r)
{
	if (pos < 1 || (size_t)pos > ss->form->n) {
		api_fail(r, 404, "attempt %ld has no question %ld (1 to %zu)", ss->info.id, pos,
			 ss->form->n);
		return false;
	}
	*i = (size_t)pos - 1;
	return true;
}

static void get_question(server *s, mx_history *h, long id, long pos, reply *r)
{
	session ss;
	size_t i;
	if (session_open(s, h, id, &ss, r) && position_of(&ss, pos, &i, r))
		api_answer(r, 200, question_state_json(&ss, i));
	session_close(&ss);
}

static void put_question(server *s, mx_history *h, long id, long pos, json_t *body, reply *r)
{
	session ss;
	size_t i;
	change c;
	mx_error err;
	if (!session_open(s, h, id, &ss, r) || !position_of(&ss, pos, &i, r))
		goto out;
	if (ss.a->submitted) {
		api_fail(r, 409, "attempt %ld has been submitted; it can no longer change", id);
		goto out;
	}
	if (!read_change(&ss, i, body, &c, r))
		goto out;
	mx_attempt *a = ss.a;
	/* A drill answer is given whole and checked at once (the page collects it): once its
	 * feedback was shown it stays (mx_attempt_check()). Flags and struck options still
	 * change. */
	if ((c.has_response || c.has_choose) && mx_attempt_locked(a, i)) {
		api_fail(r, 409,
			 "question %ld of drill %ld was checked; its answer can no longer change",
			 pos, id);
		goto out;
	}
	if (a->drill && c.has_choose &&
	    mx_bank_question(a->form->bank, a->form->items[i].question)->type != MX_TYPE_SINGLE) {
		api_fail(
		    r, 400,
		    "in a drill, 'choose' is for single-answer questions; give this answer whole "
		    "with 'response'");
		goto out;
	}
	mx_status st = a->current != i ? mx_attempt_move(a, i, &err) : MX_OK;
	if (st == MX_OK && c.has_response)
		st = mx_attempt_answer(a, i, &c.response, &err);
	if (st == MX_OK && c.has_choose)
		st = mx_attempt_choose(a, i, c.choose, c.prompt, &err);
	if (st == MX_OK && a->drill && (c.has_response || c.has_choose) &&
	    a->items[i].response.answered)
		st = mx_attempt_check(a, i, &err);
	if (st == MX_OK && c.has_flag)
		st = mx_attempt_flag(a, i, c.flagged, &err);
	if (st == MX_OK && c.has_struck)
		st = mx_attempt_strike(a, i, c.struck, &err);
	if (st != MX_OK)
		api_fail_with(r, &err);
	else
		api_answer(r, 200, question_state_json(&ss, i));
out:
	session_close(&ss);
}

static void post_submit(server *s, mx_history *h, long id, reply *r)
{
	session ss;
	mx_error err;
	if (!session_open(s, h, id, &ss, r))
		goto out;
	if (ss.a->submitted && !ss.score) {
		api_fail(r, 409, "attempt %ld has been submitted already", id);
		goto out;
	}
	if (!ss.score && mx_attempt_submit(ss.a, &ss.score, &err) != MX_OK) {
		api_fail_with(r, &err);
		goto out;
	}
	api_clock_drop(s, id);
	json_t *doc = score_json(&ss, ss.score);
	if (doc)
		api_answer(r, 200, doc);
	else
		api_fail(r, 500, "out of memory");
out:
	session_close(&ss);
}

static void get_review(server *s, mx_history *h, long id, reply *r)
{
	session ss;
	mx_score *score = NULL;
	if (!session_open(s, h, id, &ss, r))
		goto out;
	if (!ss.a->submitted) {
		api_fail(r, 409, "attempt %ld is open: the review comes after submitting", id);
		goto out;
	}
	mx_response *resp = malloc((ss.form->n + 1) * sizeof *resp);
	for (size_t i = 0; resp && i < ss.form->n; i++)
		resp[i] = ss.a->items[i].response;
	if (!resp || mx_score_form(ss.form, resp, &score) != MX_OK) {
		free(resp);
		api_fail(r, 500, "out of memory");
		goto out;
	}
	json_t *questions = json_array();
	for (size_t i = 0; i < ss.form->n; i++)
		json_array_append_new(questions, review_json(&ss, i, &resp[i]));
	api_answer(r, 200,
		   json_pack("{s:I, s:o, s:o}", "attempt", (json_int_t)id, "score",
			     grade_json(ss.form, resp, score), "questions", questions));
	free(resp);
out:
	mx_score_free(score);
	session_close(&ss);
}

static void delete_attempt(server *s, mx_history *h, long id, reply *r)
{
	pthread_mutex_t *lock = &s->attempt_locks[(unsigned long)id % WEB_ATTEMPT_LOCKS];
	mx_error err;
	pthread_mutex_lock(lock);
	mx_status st = mx_history_delete(h, id, &err);
	pthread_mutex_unlock(lock);
	if (st == MX_ERR_INPUT)
		api_fail(r, 404, "%s", mx_error_message(&err));
	else if (st != MX_OK)
		api_fail_with(r, &err);
	else
		api_answer(r, 204, NULL);
	api_clock_drop(s, id);
}

static void get_report(server *s, mx_history *h, const char *exam, reply *r)
{
	const mx_bank *b = server_bank(s, exam, r);
	mx_report *rep = NULL;
	mx_error err;
	if (!b)
		return;
	mx_report_spec spec = mx_report_spec_default();
	if (mx_report_build(h, b, &spec, &rep, &err) != MX_OK)
		api_fail_with(r, &err);
	else
		api_answer(r, 200, report_json(rep));
	mx_report_free(rep);
}

/* The form of a mock exam: as take builds it, unseen questions first without a seed. */
static mx_status exam_form(mx_history *h, const mx_bank *b, const start *st, mx_form **f, reply *r)
{
	int64_t *seen = NULL;
	mx_error err;
	if (!st->has_seed) {
		seen = calloc(mx_bank_count(b) + 1, sizeof *seen);
		if (!seen || mx_history_last_seen(h, b, seen, &err) != MX_OK) {
			free(seen);
			api_fail(r, 500, "cannot read which questions were seen");
			return MX_ERR_DATABASE;
		}
	}
	mx_form_spec spec = {.seed = st->has_seed ? st->seed : mx_seed_from_os(),
			     .questions = (size_t)st->questions,
			     .pretest = st->pretest,
			     .last_seen = seen};
	mx_diags d;
	mx_diags_init(&d);
	mx_status rc = mx_form_build(b, &spec, &d, f);
	if (rc != MX_OK)
		api_fail(r, rc == MX_ERR_INPUT ? 400 : 500, "%s",
			 d.count ? d.items[0].message : mx_status_str(rc));
	mx_diags_free(&d);
	free(seen);
	return rc;
}

static mx_status drill_form(mx_history *h, const mx_bank *b, const start *st, mx_form **f, reply *r)
{
	mx_drill_spec spec = {.domains = st->domains,
			      .ndomains = st->ndomains,
			      .task = st->task,
			      .match = st->match,
			      .type = -1,
			      .missed = st->missed,
			      .flagged = st->flagged,
			      .weakest = st->weakest,
			      .due = st->due,
			      .now = (int64_t)time(NULL),
			      .count = st->count ? (size_t)st->count : 20,
			      .seed = st->has_seed ? st->seed : mx_seed_from_os()};
	for (int t = 0; st->type && t <= MX_TYPE_TEXT; t++)
		if (!strcmp(st->type, mx_qtype_name((mx_qtype)t)))
			spec.type = t;
	if (st->type && spec.type < 0) {
		api_fail(r, 400, "'type' is single, multiple, ordering, matching or text");
		return MX_ERR_INPUT;
	}
	if (st->exam_date && !parse_date(st->exam_date, &spec.exam_date)) {
		api_fail(r, 400, "'exam_date' is a date such as \"2026-12-15\"");
		return MX_ERR_INPUT;
	}
	size_t *qs = NULL, n = 0;
	mx_error err;
	if (mx_drill_select(h, b, &spec, &qs, &n, &err) != MX_OK) {
		api_fail_with(r, &err);
		return err.status;
	}
	mx_status rc = MX_ERR_INPUT;
	char why[256], next[128];
	if (n == 0) {
		mx_drill_advice(&spec, b, why, sizeof why, next, sizeof next);
		api_fail(r, 400, "nothing to drill: %s; try: %s", why, next);
	} else if ((rc = mx_form_custom(b, spec.seed, qs, n, f)) != MX_OK)
		api_fail(r, 500, "cannot build the drill: %s", mx_status_str(rc));
	free(qs);
	return rc;
}

static void post_attempt(server *s, mx_history *h, json_t *body, reply *r)
{
	start st;
	mx_form *f = NULL;
	mx_attempt *a = NULL;
	mx_error err;
	const mx_bank *b;
	if (!read_start(body, &st, r) || !(b = server_bank(s, st.exam, r)))
		return;
	bool drill = !strcmp(st.kind, "drill");
	if ((drill ? drill_form(h, b, &st, &f, r) : exam_form(h, b, &st, &f, r)) != MX_OK)
		return;
	double minutes = drill	      ? (st.timed ? mx_scaled_minutes(mx_bank_profile(b), f->n) : 0)
			 : st.untimed ? 0
			 : st.minutes >= 0 ? st.minutes
					   : f->minutes;
	int64_t limit = minutes > 0 ? (int64_t)((minutes + st.extra) * 60000 + 0.5) : 0;
	if (mx_attempt_new(f, limit, &a) != MX_OK) {
		api_fail(r, 500, "out of memory");
	} else if (mx_history_start(h, a, st.kind, &err) != MX_OK) {
		api_fail_with(r, &err);
	} else {
		long id = a->id;
		mx_attempt_free(a);
		mx_form_free(f);
		a = NULL;
		f = NULL;
		session ss;
		if (session_open(s, h, id, &ss, r))
			api_answer(r, 201, state_json(&ss));
		session_close(&ss);
	}
	mx_attempt_free(a);
	mx_form_free(f);
}

/* The number at *p, up to the next '/' or the end; false when it is not one. */
static bool path_number(const char **p, long *out)
{
	char *end;
	if (**p < '1' || **p > '9')
		return false;
	*out = strtol(*p, &end, 10);
	if (*end && *end != '/')
		return false;
	*p = end;
	return true;
}

/* Whether s is one non-empty path segment: no '/' in it. */
static bool one_segment(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s == '/')
			return false;
	return true;
}

static void wrong_method(reply *r, const char *method, const char *allowed)
{
	api_fail(r, 405, "%s is not allowed here (%s)", method, allowed);
}

void api_handle(server *s, const char *method, const char *path, json_t *body, reply *r)
{
	bool get = !strcmp(method, "GET"), post = !strcmp(method, "POST"),
	     put = !strcmp(method, "PUT"), del = !strcmp(method, "DELETE");
	r->status = 0;
	r->doc = NULL;
	if (!strcmp(path, "/api/exams")) {
		if (get)
			get_exams(s, r);
		else
			wrong_method(r, method, "GET");
		return;
	}
	mx_history *h = server_checkout(s);
	const char *p = path;
	long id = 0, pos = 0;
	if (!strcmp(path, "/api/attempts")) {
		if (get)
			get_attempts(s, h, r);
		else if (post)
			post_attempt(s, h, body, r);
		else
			wrong_method(r, method, "GET, POST");
	} else if (!strncmp(path, "/api/report/", 12) && one_segment(path + 12)) {
		if (get)
			get_report(s, h, path + 12, r);
		else
			wrong_method(r, method, "GET");
	} else if (!strncmp(path, "/api/attempts/", 14) && (p = path + 14, path_number(&p, &id))) {
		if (!*p) {
			if (get)
				get_state(s, h, id, r);
			else if (del)
				delete_attempt(s, h, id, r);
			else
				wrong_method(r, method, "GET, DELETE");
		} else if (!strcmp(p, "/submit")) {
			if (post)
				post_submit(s, h, id, r);
			else
				wrong_method(r, method, "POST");
		} else if (!strcmp(p, "/review")) {
			if (get)
				get_review(s, h, id, r);
			else
				wrong_method(r, method, "GET");
		} else if (!strncmp(p, "/questions/", 11) && (p += 11, path_number(&p, &pos)) &&
			   !*p) {
			if (get)
				get_question(s, h, id, pos, r);
			else if (put)
				put_question(s, h, id, pos, body, r);
			else
				wrong_method(r, method, "GET, PUT");
		} else {
			api_fail(r, 404, "no such resource: %s", path);
		}
	} else {
		api_fail(r, 404, "no such resource: %s", path);
	}
	server_checkin(s, h);
	if (!r->status)
		api_fail(r, 500, "the request was not answered");
}
