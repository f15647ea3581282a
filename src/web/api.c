/*
 * api.c - the JSON API of mockexam serve (docs/api.md): the library's exam model behind
 * HTTP verbs, deciding nothing the library does not.
 *
 * Every request about an attempt rebuilds it from the history (mx_history_resume), does
 * its work, and lets the attempt save itself before the answer goes out: nothing lives
 * only in the server's memory but the clock's last reading, so a kill -9 of the server
 * loses no answer it confirmed, and the command line can resume what the browser began.
 * Requests are checked whole before anything is changed, so a request that fails
 * changes nothing.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "mockexam/drill.h"
#include "mockexam/report.h"
#include "mockexam/review.h"
#include "mockexam/rng.h"
#include "web.h"

static void answer(reply *r, int status, json_t *doc)
{
	r->status = status;
	r->doc = doc;
}

static void fail(reply *r, int status, const char *fmt, ...) MX_PRINTF(3, 4);

static void fail(reply *r, int status, const char *fmt, ...)
{
	char msg[600];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (status >= 500)
		fprintf(stderr, "mockexam serve: %s\n", msg);
	answer(r, status, json_pack("{s:s}", "error", msg));
}

/* A library failure: bad input is the client's (400), anything else the server's. */
static void fail_with(reply *r, const mx_error *err)
{
	fail(r, err->status == MX_ERR_INPUT ? 400 : 500, "%s", mx_error_message(err));
}

/* ---- the server's clock for open attempts ---- */

static int64_t clock_take(server *s, long id, int64_t now)
{
	int64_t last = -1;
	pthread_mutex_lock(&s->lock);
	size_t i = 0;
	while (i < s->nclocks && s->clocks[i].id != id)
		i++;
	if (i < s->nclocks) {
		last = s->clocks[i].at_ms;
		s->clocks[i].at_ms = now;
	} else if (s->nclocks < s->capclocks ||
		   (s->clocks = realloc(s->clocks, (s->capclocks = s->capclocks * 2 + 64) *
						       sizeof *s->clocks))) {
		s->clocks[s->nclocks++] = (clock_slot){id, now};
	}
	pthread_mutex_unlock(&s->lock);
	return last;
}

static void clock_drop(server *s, long id)
{
	pthread_mutex_lock(&s->lock);
	for (size_t i = 0; i < s->nclocks; i++)
		if (s->clocks[i].id == id) {
			s->clocks[i] = s->clocks[--s->nclocks];
			break;
		}
	pthread_mutex_unlock(&s->lock);
}

/* ---- an attempt, rebuilt from the history for one request ---- */

typedef struct session {
	server *s;
	mx_history *h;
	mx_attempt_info info;
	const mx_bank *bank;
	mx_form *form;
	mx_attempt *a;
	pthread_mutex_t *lock;
	unsigned events; /* what the clock reported on opening */
	mx_score *score; /* when the server submitted it on opening (time up) */
} session;

static void session_close(session *ss)
{
	mx_score_free(ss->score);
	mx_attempt_free(ss->a);
	mx_form_free(ss->form);
	if (ss->lock)
		pthread_mutex_unlock(ss->lock);
}

/*
 * Opens attempt id: rebuilt, its clock read (the time since this server last read it
 * counts), and submitted when its time has run out.  False with the reply filled.
 */
static bool session_open(server *s, mx_history *h, long id, session *ss, reply *r)
{
	memset(ss, 0, sizeof *ss);
	ss->s = s;
	ss->h = h;
	ss->lock = &s->attempt_locks[(unsigned long)id % WEB_ATTEMPT_LOCKS];
	pthread_mutex_lock(ss->lock);
	mx_error err;
	mx_status st = mx_history_get(h, id, &ss->info, &err);
	if (st != MX_OK) {
		if (st == MX_ERR_INPUT)
			fail(r, 404, "%s", mx_error_message(&err));
		else
			fail_with(r, &err);
		return false;
	}
	if (!(ss->bank = server_bank(s, ss->info.exam, r)))
		return false;
	if (mx_history_resume(h, ss->bank, &ss->info, &ss->form, &ss->a, &err) != MX_OK) {
		fail(r, err.status == MX_ERR_INPUT ? 409 : 500, "attempt %ld: %s", id,
		     mx_error_message(&err));
		return false;
	}
	if (ss->info.finished) {
		ss->a->submitted = true;
		return true;
	}
	int64_t now = now_ms();
	ss->a->clock_ms = clock_take(s, id, now);
	mx_clock_report rep;
	int64_t before = ss->a->elapsed_ms;
	if (mx_attempt_clock(ss->a, now, &rep, &err) != MX_OK ||
	    (ss->a->elapsed_ms != before && mx_attempt_save_clock(ss->a, &err) != MX_OK)) {
		fail_with(r, &err);
		return false;
	}
	ss->events = rep.events;
	if (rep.events & MX_CLOCK_TIME_UP) { /* the server submits, as the screen does */
		if (mx_attempt_submit(ss->a, &ss->score, &err) != MX_OK) {
			fail_with(r, &err);
			return false;
		}
		ss->info.finished = (int64_t)time(NULL);
		clock_drop(s, id);
	}
	return true;
}

static const mx_question *question_at(const session *ss, size_t i)
{
	return mx_bank_question(ss->bank, ss->form->items[i].question);
}

static json_t *state_json(const session *ss)
{
	const mx_attempt *a = ss->a;
	mx_attempt_counts c = mx_attempt_count(a);
	char ask[512];
	int64_t left = mx_attempt_remaining(a);
	const char *warning = a->submitted		      ? NULL
			      : ss->events & MX_CLOCK_WARN_5  ? "5 minutes left."
			      : ss->events & MX_CLOCK_WARN_15 ? "15 minutes left."
							      : NULL;
	json_t *items = json_array();
	for (size_t i = 0; i < ss->form->n; i++)
		json_array_append_new(items, json_pack("{s:I, s:b, s:b, s:b}", "position",
						       (json_int_t)i + 1, "answered",
						       a->items[i].response.answered, "flagged",
						       a->items[i].flagged, "incomplete",
						       mx_attempt_selection(a, i).incomplete));
	return json_pack(
	    "{s:I, s:s, s:s, s:s, s:s, s:I, s:I, s:o, s:s?, s:{s:I, s:I, s:I, s:I}, s:s, s:o}",
	    "attempt", (json_int_t)ss->info.id, "exam", ss->info.exam, "title",
	    mx_bank_profile(ss->bank)->title, "kind", ss->info.kind, "status",
	    a->submitted ? "submitted" : "open", "question_count", (json_int_t)ss->form->n,
	    "current", (json_int_t)a->current + 1, "time_left_ms",
	    left < 0 ? json_null() : json_integer(left), "warning", warning, "counts", "answered",
	    (json_int_t)c.answered, "unanswered", (json_int_t)c.unanswered, "flagged",
	    (json_int_t)c.flagged, "incomplete", (json_int_t)c.incomplete, "submit_question",
	    mx_attempt_submit_question(a, ask, sizeof ask), "items", items);
}

static json_t *response_json(const mx_question *q, const mx_response *r)
{
	return r->answered ? json_keys(q, &r->keys, r->text) : json_null();
}

/* The key of the k-th shown choice of item i. */
static const char *shown_key(const session *ss, size_t i, size_t k)
{
	const mx_question *q = question_at(ss, i);
	const mx_choice *ch = q->type == MX_TYPE_ORDERING ? q->items : q->options;
	return ch[ss->form->items[i].order[k]].key;
}

/* One question as reviewed (review.h): choices in shown order with marks and reasons. */
static json_t *review_json(const session *ss, size_t i, const mx_response *r)
{
	const mx_question *q = question_at(ss, i);
	mx_review rv;
	mx_review_item(ss->form, i, r, &rv);
	json_t *choices = json_array(), *prompts = json_array(), *refs = json_array();
	char mark[64];
	for (size_t k = 0; k < rv.nchoices; k++) {
		char letter[2] = {rv.choices[k].letter, '\0'};
		mx_review_choice_mark(&rv.choices[k], mark, sizeof mark);
		json_array_append_new(choices, json_pack("{s:s, s:s, s:s, s:s?, s:s}", "letter",
							 letter, "key", shown_key(ss, i, k), "text",
							 rv.choices[k].text, "why",
							 rv.choices[k].why, "mark", mark));
	}
	for (size_t p = 0; p < rv.nprompts; p++) {
		mx_review_prompt_mark(&rv.prompts[p], mark, sizeof mark);
		json_array_append_new(prompts, json_pack("{s:I, s:s, s:s?, s:s}", "number",
							 (json_int_t)rv.prompts[p].number, "text",
							 rv.prompts[p].text, "why",
							 rv.prompts[p].why, "mark", mark));
	}
	for (size_t k = 0; k < q->references.n; k++)
		json_array_append_new(refs, json_string(q->references.v[k]));
	return json_pack("{s:I, s:s, s:s, s:s, s:b, s:b, s:b, s:o, s:o, s:s, s:s, s:o, s:o, s:s?, "
			 "s:o}",
			 "position", (json_int_t)i + 1, "id", q->id, "type", mx_qtype_name(q->type),
			 "stem", q->stem, "scored", ss->form->items[i].scored, "correct",
			 rv.correct, "answered", rv.answered, "answer",
			 json_keys(q, &q->answer, q->answer_text), "response", response_json(q, r),
			 "key_letters", rv.key, "response_letters", rv.response, "choices", choices,
			 "prompts", prompts, "explanation", rv.explanation, "references", refs);
}

static json_t *question_state_json(const session *ss, size_t i)
{
	const mx_attempt *a = ss->a;
	const mx_question *q = question_at(ss, i);
	const mx_attempt_item *it = &a->items[i];
	json_t *o = question_json(ss->form, i, false);
	char instruction[160], progress[64];
	json_t *struck = json_array();
	for (size_t k = 0; k < ss->form->items[i].norder; k++)
		if (it->struck >> k & 1)
			json_array_append_new(struck, json_string(shown_key(ss, i, k)));
	bool drill = !strcmp(ss->info.kind, "drill");
	json_object_set_new(
	    o, "instruction",
	    json_string(mx_attempt_instruction(a, i, instruction, sizeof instruction)));
	json_object_set_new(o, "progress",
			    json_string(mx_attempt_progress(a, i, progress, sizeof progress)));
	json_object_set_new(o, "response", response_json(q, &it->response));
	json_object_set_new(o, "flagged", json_boolean(it->flagged));
	json_object_set_new(o, "struck", struck);
	json_object_set_new(o, "incomplete", json_boolean(mx_attempt_selection(a, i).incomplete));
	json_object_set_new(o, "checked", json_boolean(drill && it->response.answered));
	if (q->case_index >= 0) {
		const mx_case *c = mx_bank_case(ss->bank, (size_t)q->case_index);
		json_object_set_new(o, "scenario",
				    json_pack("{s:s, s:s?, s:s}", "id", c->id, "title", c->title,
					      "text", c->scenario));
	}
	if (drill && it->response.answered)
		json_object_set_new(o, "feedback", review_json(ss, i, &it->response));
	return o;
}

/* ---- reading a response given in the answer sheet's form ---- */

static int choice_of(const mx_choice *c, size_t n, json_t *v)
{
	const char *key = json_string_value(v);
	for (size_t i = 0; key && i < n; i++)
		if (!strcmp(c[i].key, key))
			return (int)i;
	return -1;
}

/* The keys of a JSON array into r, each once; false when one is not a choice. */
static bool keys_of(json_t *v, const mx_choice *c, size_t n, mx_response *r)
{
	size_t i;
	json_t *x;
	if (!json_is_array(v) || json_array_size(v) == 0 || json_array_size(v) > n)
		return false;
	json_array_foreach(v, i, x)
	{
		int k = choice_of(c, n, x);
		for (size_t j = 0; k >= 0 && j < r->keys.n; j++)
			if (r->keys.k[j] == k)
				k = -1;
		if (k < 0)
			return false;
		r->keys.k[r->keys.n++] = (uint8_t)k;
	}
	return true;
}

static bool parse_response(const mx_question *q, json_t *v, mx_response *r, char *why, size_t size)
{
	memset(r, 0, sizeof *r);
	if (json_is_null(v))
		return true;
	r->answered = true;
	switch (q->type) {
	case MX_TYPE_SINGLE:
		r->keys.n = 1;
		r->keys.k[0] = (uint8_t)choice_of(q->options, q->noptions, v);
		if (choice_of(q->options, q->noptions, v) >= 0)
			return true;
		snprintf(why, size, "a single-answer response is one option key (A-%c)",
			 'A' + (int)q->noptions - 1);
		return false;
	case MX_TYPE_MULTIPLE:
		if (keys_of(v, q->options, q->noptions, r)) {
			for (size_t x = 1; x < r->keys.n; x++) /* ascending, as keys are */
				for (size_t y = x; y > 0 && r->keys.k[y - 1] > r->keys.k[y]; y--) {
					uint8_t t = r->keys.k[y];
					r->keys.k[y] = r->keys.k[y - 1];
					r->keys.k[y - 1] = t;
				}
			return true;
		}
		snprintf(why, size,
			 "a multiple-response response is a list of option keys, "
			 "each once, such as [\"A\", \"C\"]");
		return false;
	case MX_TYPE_ORDERING:
		if (keys_of(v, q->items, q->nitems, r) && r->keys.n == q->nitems)
			return true;
		snprintf(why, size,
			 "an ordering response lists all %zu item keys once each, "
			 "first to last",
			 q->nitems);
		return false;
	case MX_TYPE_MATCHING: {
		const char *prompt;
		json_t *x;
		r->keys.n = (uint8_t)q->nprompts;
		memset(r->keys.k, MX_NONE, sizeof r->keys.k);
		bool ok = json_is_object(v) && json_object_size(v) > 0;
		json_object_foreach(v, prompt, x)
		{
			int p = -1, o = choice_of(q->options, q->noptions, x);
			for (size_t k = 0; k < q->nprompts; k++)
				if (!strcmp(q->prompts[k].key, prompt))
					p = (int)k;
			ok &= p >= 0 && o >= 0;
			if (p >= 0 && o >= 0)
				r->keys.k[p] = (uint8_t)o;
		}
		if (ok)
			return true;
		snprintf(why, size,
			 "a matching response maps prompt numbers to option keys, such "
			 "as {\"1\": \"B\", \"2\": \"A\"}");
		return false;
	}
	case MX_TYPE_TEXT:
		if ((r->text = json_string_value(v)))
			return true;
		snprintf(why, size, "a text question's response is a string");
		return false;
	}
	return false;
}

/* ---- endpoints ---- */

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
		fail(r, 500, "cannot scan the bank search path: %s", mx_status_str(st));
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
	answer(r, 200, json_pack("{s:o}", "exams", exams));
}

static void get_attempts(server *s, mx_history *h, reply *r)
{
	mx_attempt_info *list = NULL;
	size_t n = 0;
	mx_error err;
	if (mx_history_list(h, NULL, &list, &n, &err) != MX_OK) {
		fail_with(r, &err);
		return;
	}
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, info_json(&list[i]));
	free(list);
	answer(r, 200, json_pack("{s:o}", "attempts", a));
}

static void get_state(server *s, mx_history *h, long id, reply *r)
{
	session ss;
	if (session_open(s, h, id, &ss, r))
		answer(r, 200, state_json(&ss));
	session_close(&ss);
}

static bool position_of(const session *ss, long pos, size_t *i, reply *r)
{
	if (pos < 1 || (size_t)pos > ss->form->n) {
		fail(r, 404, "attempt %ld has no question %ld (1 to %zu)", ss->info.id, pos,
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
		answer(r, 200, question_state_json(&ss, i));
	session_close(&ss);
}

/* What a PUT asks for, checked whole before anything changes. */
typedef struct change {
	bool has_response, has_flag, has_struck, has_choose;
	mx_response response;
	bool flagged;
	uint8_t struck;
	size_t choose, prompt;
} change;

static bool read_change(const session *ss, size_t i, json_t *body, change *c, reply *r)
{
	const mx_question *q = question_at(ss, i);
	const mx_form_item *it = &ss->form->items[i];
	const char *field;
	json_t *v;
	char why[256];
	memset(c, 0, sizeof *c);
	if (!json_is_object(body)) {
		fail(r, 400, "the body is a JSON object such as {\"response\": \"B\"}");
		return false;
	}
	json_t *prompt = json_object_get(body, "prompt");
	json_object_foreach(body, field, v)
	{
		if (!strcmp(field, "response")) {
			c->has_response = true;
			if (!parse_response(q, v, &c->response, why, sizeof why)) {
				fail(r, 400, "question %zu: %s", i + 1, why);
				return false;
			}
		} else if (!strcmp(field, "flagged") && json_is_boolean(v)) {
			c->has_flag = true;
			c->flagged = json_is_true(v);
		} else if (!strcmp(field, "struck") && json_is_array(v)) {
			size_t k;
			json_t *x;
			c->has_struck = true;
			json_array_foreach(v, k, x)
			{
				size_t shown = it->norder;
				for (size_t j = 0; j < it->norder; j++)
					if (json_is_string(x) &&
					    !strcmp(shown_key(ss, i, j), json_string_value(x)))
						shown = j;
				if (shown == it->norder) {
					fail(r, 400,
					     "question %zu: 'struck' lists option keys of the "
					     "question",
					     i + 1);
					return false;
				}
				c->struck |= (uint8_t)(1u << shown);
			}
		} else if (!strcmp(field, "choose") && json_is_string(v)) {
			c->has_choose = true;
			c->choose = it->norder;
			for (size_t j = 0; j < it->norder; j++)
				if (!strcmp(shown_key(ss, i, j), json_string_value(v)))
					c->choose = j;
			if (c->choose == it->norder || q->type == MX_TYPE_TEXT) {
				fail(r, 400,
				     "question %zu: 'choose' names an option key of the "
				     "question",
				     i + 1);
				return false;
			}
		} else if (!strcmp(field, "prompt") && json_is_string(v) &&
			   q->type == MX_TYPE_MATCHING) {
			c->prompt = q->nprompts;
			for (size_t p = 0; p < q->nprompts; p++)
				if (!strcmp(q->prompts[p].key, json_string_value(v)))
					c->prompt = p;
			if (c->prompt == q->nprompts) {
				fail(r, 400, "question %zu: there is no prompt '%s'", i + 1,
				     json_string_value(v));
				return false;
			}
		} else {
			fail(r, 400,
			     "unknown or malformed field '%s' (response, flagged, struck, "
			     "choose, prompt)",
			     field);
			return false;
		}
	}
	if (c->has_choose && q->type == MX_TYPE_MATCHING && !prompt) {
		fail(r, 400, "question %zu: a matching choice names its 'prompt'", i + 1);
		return false;
	}
	if (c->has_choose && c->has_response) {
		fail(r, 400, "give 'response' or 'choose', not both");
		return false;
	}
	return true;
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
		fail(r, 409, "attempt %ld has been submitted; it can no longer change", id);
		goto out;
	}
	if (!read_change(&ss, i, body, &c, r))
		goto out;
	mx_attempt *a = ss.a;
	mx_status st = a->current != i ? mx_attempt_move(a, i, &err) : MX_OK;
	if (st == MX_OK && c.has_response)
		st = mx_attempt_answer(a, i, &c.response, &err);
	if (st == MX_OK && c.has_choose)
		st = mx_attempt_choose(a, i, c.choose, c.prompt, &err);
	if (st == MX_OK && c.has_flag)
		st = mx_attempt_flag(a, i, c.flagged, &err);
	if (st == MX_OK && c.has_struck)
		st = mx_attempt_strike(a, i, c.struck, &err);
	if (st != MX_OK)
		fail_with(r, &err);
	else
		answer(r, 200, question_state_json(&ss, i));
out:
	session_close(&ss);
}

static json_t *score_json(const session *ss, const mx_score *score)
{
	mx_response *resp = malloc((ss->form->n + 1) * sizeof *resp);
	if (!resp)
		return NULL;
	for (size_t i = 0; i < ss->form->n; i++)
		resp[i] = ss->a->items[i].response;
	json_t *doc = grade_json(ss->form, resp, score);
	free(resp);
	return doc;
}

static void post_submit(server *s, mx_history *h, long id, reply *r)
{
	session ss;
	mx_error err;
	if (!session_open(s, h, id, &ss, r))
		goto out;
	if (ss.a->submitted && !ss.score) {
		fail(r, 409, "attempt %ld has been submitted already", id);
		goto out;
	}
	if (!ss.score && mx_attempt_submit(ss.a, &ss.score, &err) != MX_OK) {
		fail_with(r, &err);
		goto out;
	}
	clock_drop(s, id);
	json_t *doc = score_json(&ss, ss.score);
	if (doc)
		answer(r, 200, doc);
	else
		fail(r, 500, "out of memory");
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
		fail(r, 409, "attempt %ld is open: the review comes after submitting", id);
		goto out;
	}
	mx_response *resp = malloc((ss.form->n + 1) * sizeof *resp);
	for (size_t i = 0; resp && i < ss.form->n; i++)
		resp[i] = ss.a->items[i].response;
	if (!resp || mx_score_form(ss.form, resp, &score) != MX_OK) {
		free(resp);
		fail(r, 500, "out of memory");
		goto out;
	}
	json_t *questions = json_array();
	for (size_t i = 0; i < ss.form->n; i++)
		json_array_append_new(questions, review_json(&ss, i, &resp[i]));
	answer(r, 200,
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
		fail(r, 404, "%s", mx_error_message(&err));
	else if (st != MX_OK)
		fail_with(r, &err);
	else
		answer(r, 204, NULL);
	clock_drop(s, id);
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
		fail_with(r, &err);
	else
		answer(r, 200, report_json(rep));
	mx_report_free(rep);
}

/* ---- starting an attempt ---- */

typedef struct start {
	const char *exam, *kind, *task, *match, *type, *exam_date;
	bool has_seed, untimed, pretest, missed, weakest, due, timed;
	uint64_t seed;
	json_int_t questions, count;
	double minutes, extra;
	int domains[16];
	size_t ndomains;
} start;

static bool read_start(json_t *body, start *st, reply *r)
{
	static const char *const strings[] = {"exam", "kind",	   "task", "match",
					      "type", "exam_date", NULL};
	static const char *const flags[] = {"untimed", "pretest", "missed", "weakest",
					    "due",     "timed",	  NULL};
	const char *field;
	json_t *v;
	memset(st, 0, sizeof *st);
	st->kind = "exam";
	st->minutes = -1;
	if (!json_is_object(body)) {
		fail(r, 400, "the body is a JSON object such as {\"exam\": \"aif-c01\"}");
		return false;
	}
	json_object_foreach(body, field, v)
	{
		int sf = -1, ff = -1;
		for (int k = 0; strings[k]; k++)
			sf = !strcmp(field, strings[k]) ? k : sf;
		for (int k = 0; flags[k]; k++)
			ff = !strcmp(field, flags[k]) ? k : ff;
		const char **sv[] = {&st->exam,	 &st->kind, &st->task,
				     &st->match, &st->type, &st->exam_date};
		bool *fv[] = {&st->untimed, &st->pretest, &st->missed,
			      &st->weakest, &st->due,	  &st->timed};
		if (sf >= 0 && json_is_string(v)) {
			*sv[sf] = json_string_value(v);
		} else if (ff >= 0 && json_is_boolean(v)) {
			*fv[ff] = json_is_true(v);
		} else if (!strcmp(field, "seed") && json_is_integer(v) &&
			   json_integer_value(v) >= 0 &&
			   (uint64_t)json_integer_value(v) <= MX_SEED_MAX) {
			st->has_seed = true;
			st->seed = (uint64_t)json_integer_value(v);
		} else if ((!strcmp(field, "questions") || !strcmp(field, "count")) &&
			   json_is_integer(v) && json_integer_value(v) >= 1 &&
			   json_integer_value(v) <= 1000) {
			*(field[0] == 'q' ? &st->questions : &st->count) = json_integer_value(v);
		} else if ((!strcmp(field, "minutes") || !strcmp(field, "extra_time")) &&
			   json_is_number(v) && json_number_value(v) >= 0 &&
			   json_number_value(v) <= 10000) {
			*(field[0] == 'm' ? &st->minutes : &st->extra) = json_number_value(v);
		} else if (!strcmp(field, "domain") && (json_is_integer(v) || json_is_array(v))) {
			size_t k;
			json_t *x;
			if (json_is_integer(v))
				st->domains[st->ndomains++] = (int)json_integer_value(v);
			else
				json_array_foreach(v, k, x)
				{
					if (!json_is_integer(x) || st->ndomains == 16) {
						fail(r, 400,
						     "'domain' is a domain id or a list of "
						     "them");
						return false;
					}
					st->domains[st->ndomains++] = (int)json_integer_value(x);
				}
		} else {
			fail(r, 400, "unknown or malformed field '%s'", field);
			return false;
		}
	}
	if (!st->exam) {
		fail(r, 400, "'exam' is required, such as {\"exam\": \"aif-c01\"}");
		return false;
	}
	if (strcmp(st->kind, "exam") && strcmp(st->kind, "drill")) {
		fail(r, 400, "'kind' is \"exam\" or \"drill\"");
		return false;
	}
	if (st->untimed && (st->minutes >= 0 || st->extra > 0)) {
		fail(r, 400, "'untimed' cannot be combined with 'minutes' or 'extra_time'");
		return false;
	}
	return true;
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
			fail(r, 500, "cannot read which questions were seen");
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
		fail(r, rc == MX_ERR_INPUT ? 400 : 500, "%s",
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
			      .weakest = st->weakest,
			      .due = st->due,
			      .now = (int64_t)time(NULL),
			      .count = st->count ? (size_t)st->count : 20,
			      .seed = st->has_seed ? st->seed : mx_seed_from_os()};
	for (int t = 0; st->type && t <= MX_TYPE_TEXT; t++)
		if (!strcmp(st->type, mx_qtype_name((mx_qtype)t)))
			spec.type = t;
	if (st->type && spec.type < 0) {
		fail(r, 400, "'type' is single, multiple, ordering, matching or text");
		return MX_ERR_INPUT;
	}
	if (st->exam_date && !parse_date(st->exam_date, &spec.exam_date)) {
		fail(r, 400, "'exam_date' is a date such as \"2026-12-15\"");
		return MX_ERR_INPUT;
	}
	size_t *qs = NULL, n = 0;
	mx_error err;
	if (mx_drill_select(h, b, &spec, &qs, &n, &err) != MX_OK) {
		fail_with(r, &err);
		return err.status;
	}
	mx_status rc = MX_ERR_INPUT;
	if (n == 0)
		fail(r, 400, "no question of %s fits this drill", mx_bank_profile(b)->id);
	else if ((rc = mx_form_custom(b, spec.seed, qs, n, f)) != MX_OK)
		fail(r, 500, "cannot build the drill: %s", mx_status_str(rc));
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
		fail(r, 500, "out of memory");
	} else if (mx_history_start(h, a, st.kind, &err) != MX_OK) {
		fail_with(r, &err);
	} else {
		long id = a->id;
		mx_attempt_free(a);
		mx_form_free(f);
		a = NULL;
		f = NULL;
		session ss;
		if (session_open(s, h, id, &ss, r))
			answer(r, 201, state_json(&ss));
		session_close(&ss);
	}
	mx_attempt_free(a);
	mx_form_free(f);
}

/* ---- routing ---- */

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
	fail(r, 405, "%s is not allowed here (%s)", method, allowed);
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
			fail(r, 404, "no such resource: %s", path);
		}
	} else {
		fail(r, 404, "no such resource: %s", path);
	}
	server_checkin(s, h);
	if (!r->status)
		fail(r, 500, "the request was not answered");
}
