/*
 * history_read.c - attempts read back: the list, one attempt, an attempt resumed as it
 * was left, and when each question was last seen.  Every value read is checked before
 * it is used: a hand-edited or damaged row is reported, never trusted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "historydb.h"
#include "mockexam/rng.h"

/* ---- responses as text ---- */

static int key_index(const mx_choice *c, size_t n, char key)
{
	for (size_t i = 0; i < n; i++)
		if (c[i].key[0] == key)
			return (int)i;
	return -1;
}

/* The inverse of hdb_encode_response(); false when the text does not fit the question. */
bool hdb_decode_response(const mx_question *q, const char *s, mx_response *r)
{
	memset(r, 0, sizeof *r);
	if (!s)
		return true;
	r->answered = true;
	if (q->type == MX_TYPE_TEXT) {
		r->text = s;
		return true;
	}
	if (q->type == MX_TYPE_MATCHING) {
		r->keys.n = (uint8_t)q->nprompts;
		memset(r->keys.k, MX_NONE, sizeof r->keys.k);
		for (const char *p = s; *p; p += p[3] == ',' ? 4 : 3) {
			int pr = key_index(q->prompts, q->nprompts, p[0]);
			int o = p[1] == ':' ? key_index(q->options, q->noptions, p[2]) : -1;
			if (pr < 0 || o < 0)
				return false;
			r->keys.k[pr] = (uint8_t)o;
			if (!p[3])
				break;
		}
		return true;
	}
	const mx_choice *c = q->type == MX_TYPE_ORDERING ? q->items : q->options;
	size_t n = q->type == MX_TYPE_ORDERING ? q->nitems : q->noptions;
	for (const char *p = s; *p; p++) {
		if (*p == ',')
			continue;
		int k = key_index(c, n, *p);
		if (k < 0 || r->keys.n == MX_MAX_OPTIONS)
			return false;
		r->keys.k[r->keys.n++] = (uint8_t)k;
	}
	return true;
}

/* ---- reading ---- */

static const char info_columns[] =
    "SELECT id, kind, exam, bank_hash, seed, questions, pretest, limit_ms, elapsed_ms, "
    "current, started, coalesce(finished, 0), coalesce(answered, 0), coalesce(scored, 0), "
    "coalesce(correct, 0), coalesce(scaled_score, 0), coalesce(passed, 0) FROM attempts ";

/* A short text column into buf, cut to fit (a list reads tens of thousands). */
static void text_col(sqlite3_stmt *s, int col, char *buf, size_t size)
{
	const unsigned char *t = sqlite3_column_text(s, col);
	size_t n = t ? (size_t)sqlite3_column_bytes(s, col) : 0;
	n = n < size ? n : size - 1;
	if (n)
		memcpy(buf, t, n);
	buf[n] = '\0';
}

/*
 * Reads an attempt's row and checks what later stages rely on; returns what is wrong
 * with a hand-edited or damaged row (never used), or NULL.
 */
static const char *read_info(sqlite3_stmt *s, mx_attempt_info *in)
{
	memset(in, 0, sizeof *in);
	int64_t questions = sqlite3_column_int64(s, 5), current = sqlite3_column_int64(s, 9);
	int64_t seed = sqlite3_column_int64(s, 4);
	in->id = (long)sqlite3_column_int64(s, 0);
	text_col(s, 1, in->kind, sizeof in->kind);
	text_col(s, 2, in->exam, sizeof in->exam);
	text_col(s, 3, in->bank_hash, sizeof in->bank_hash);
	in->seed = (uint64_t)sqlite3_column_int64(s, 4);
	in->questions = (size_t)sqlite3_column_int64(s, 5);
	in->pretest = sqlite3_column_int(s, 6);
	in->limit_ms = sqlite3_column_int64(s, 7);
	in->elapsed_ms = sqlite3_column_int64(s, 8);
	in->current = (size_t)sqlite3_column_int64(s, 9);
	in->started = sqlite3_column_int64(s, 10);
	in->finished = sqlite3_column_int64(s, 11);
	in->answered = (size_t)sqlite3_column_int64(s, 12);
	in->scored = (size_t)sqlite3_column_int64(s, 13);
	in->correct = (size_t)sqlite3_column_int64(s, 14);
	/* a drill has no score; drills saved before it was left out still carry one */
	in->graded = in->finished && strcmp(in->kind, "exam") == 0;
	in->scaled_score = in->graded ? sqlite3_column_int(s, 15) : 0;
	in->passed = in->graded && sqlite3_column_int(s, 16);
	if (questions < 1 || questions > HDB_MAX_QUESTIONS)
		return "its number of questions";
	if (current < 0 || current >= questions)
		return "its current question";
	if (seed < 0 || (uint64_t)seed > MX_SEED_MAX)
		return "its seed";
	if (in->limit_ms < 0 || in->limit_ms > HDB_MAX_TIME_MS)
		return "its time limit";
	if (in->elapsed_ms < 0 || in->elapsed_ms > HDB_MAX_TIME_MS)
		return "its time used";
	if (in->started < 0 || in->started > HDB_MAX_MOMENT)
		return "its start time";
	if (in->finished < 0 || in->finished > HDB_MAX_MOMENT)
		return "its finish time";
	if (sqlite3_column_int64(s, 12) < 0 || sqlite3_column_int64(s, 13) < 0 ||
	    sqlite3_column_int64(s, 14) < 0 || in->correct > in->scored)
		return "its result";
	return NULL;
}

static mx_status damaged(mx_history *h, const mx_attempt_info *in, const char *what)
{
	snprintf(h->err, sizeof h->err,
		 "the history is damaged: attempt %ld has an impossible value (%s); it was "
		 "not used",
		 in->id, what);
	return MX_ERR_DATABASE;
}

static mx_status list_impl(mx_history *h, const char *exam, mx_attempt_info **out, size_t *n)
{
	char sql[512];
	snprintf(sql, sizeof sql, "%s%s ORDER BY id DESC", info_columns,
		 exam ? "WHERE +exam = ?" : "");
	sqlite3_stmt *s = hdb_prepare(h, sql);
	*out = NULL;
	*n = 0;
	if (!s)
		return MX_ERR_DATABASE;
	if (exam)
		sqlite3_bind_text(s, 1, exam, -1, SQLITE_STATIC);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			mx_attempt_info *v = realloc(*out, cap * sizeof *v);
			if (!v) {
				sqlite3_finalize(s);
				free(*out);
				*out = NULL;
				*n = 0;
				return MX_ERR_NOMEM;
			}
			*out = v;
		}
		const char *bad = read_info(s, &(*out)[*n]);
		if (bad) {
			mx_status st = damaged(h, &(*out)[*n], bad);
			sqlite3_finalize(s);
			free(*out);
			*out = NULL;
			*n = 0;
			return st;
		}
		(*n)++;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return hdb_fail(h, "cannot list attempts");
	}
	return MX_OK;
}

static mx_status get_impl(mx_history *h, long id, mx_attempt_info *out)
{
	char sql[512];
	snprintf(sql, sizeof sql, "%s%s", info_columns,
		 id ? "WHERE id = ?" : "WHERE finished IS NULL ORDER BY id DESC LIMIT 1");
	sqlite3_stmt *s = hdb_prepare(h, sql);
	if (!s)
		return MX_ERR_DATABASE;
	if (id)
		sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s);
	const char *bad = rc == SQLITE_ROW ? read_info(s, out) : NULL;
	sqlite3_finalize(s);
	if (bad)
		return damaged(h, out, bad);
	if (rc == SQLITE_ROW)
		return MX_OK;
	if (rc != SQLITE_DONE)
		return hdb_fail(h, "cannot read the attempt");
	if (id)
		snprintf(h->err, sizeof h->err, "there is no attempt %ld", id);
	else
		snprintf(h->err, sizeof h->err, "there is no unfinished exam or drill to resume");
	return MX_ERR_INPUT;
}

/* Reads one saved item into the form item and the attempt item. */
static mx_status load_item(mx_history *h, const mx_bank *b, sqlite3_stmt *s, mx_form_item *fi,
			   mx_attempt_item *ai)
{
	const char *qid = (const char *)sqlite3_column_text(s, 0);
	const char *order = (const char *)sqlite3_column_text(s, 1);
	long q = qid ? mx_bank_find_question(b, qid) : -1;
	if (q < 0) {
		snprintf(h->err, sizeof h->err,
			 "question '%s' of this attempt is no longer in the bank", qid ? qid : "?");
		return MX_ERR_INPUT;
	}
	const mx_question *qq = mx_bank_question(b, (size_t)q);
	size_t n = qq->type == MX_TYPE_ORDERING ? qq->nitems : qq->noptions;
	memset(fi, 0, sizeof *fi);
	fi->question = (size_t)q;
	fi->scored = sqlite3_column_int(s, 2);
	size_t len = order ? strlen(order) : 0;
	/* a hand-edited or damaged row must not reach the form: every shown choice once */
	bool ok = len <= MX_MAX_OPTIONS && (len == n || qq->type == MX_TYPE_TEXT);
	unsigned seen = 0;
	for (size_t k = 0; ok && k < len; k++) {
		int c = order[k] - '0';
		ok = c >= 0 && (size_t)c < n && !(seen >> c & 1);
		seen |= 1u << (c & 7);
		fi->order[k] = (uint8_t)c;
	}
	fi->norder = (uint8_t)(ok ? len : 0);
	mx_response r;
	const char *resp = (const char *)sqlite3_column_text(s, 3);
	if (!ok || !hdb_decode_response(qq, resp, &r)) {
		snprintf(h->err, sizeof h->err,
			 "question '%s' has changed since this attempt began", qid);
		return MX_ERR_INPUT;
	}
	ai->text = r.text ? strdup(r.text) : NULL;
	ai->response = r;
	ai->response.text = ai->text;
	ai->flagged = sqlite3_column_int(s, 4);
	ai->struck = (uint8_t)sqlite3_column_int(s, 5);
	ai->spent_ms = sqlite3_column_int64(s, 6);
	ai->checked = r.answered && sqlite3_column_int(s, 7); /* nothing to lock otherwise */
	if (ai->spent_ms < 0 || ai->spent_ms > HDB_MAX_TIME_MS) {
		snprintf(h->err, sizeof h->err,
			 "the history is damaged: question '%s' has a time of %lld ms", qid,
			 (long long)ai->spent_ms);
		free(ai->text);
		ai->text = NULL;
		return MX_ERR_DATABASE;
	}
	return r.text && !ai->text ? MX_ERR_NOMEM : MX_OK;
}

static mx_status resume_impl(mx_history *h, const mx_bank *b, const mx_attempt_info *info,
			     mx_form **form, mx_attempt **attempt)
{
	*form = NULL;
	*attempt = NULL;
	size_t n = info->questions;
	mx_form_item *fi = calloc(n ? n : 1, sizeof *fi);
	mx_attempt_item *ai = calloc(n ? n : 1, sizeof *ai);
	sqlite3_stmt *s =
	    hdb_prepare(h, "SELECT q.question_id, i.choice_order, i.scored, i.response, "
			   "i.flagged, i.struck, i.spent_ms, i.checked FROM items i "
			   "JOIN questions q ON q.id = i.question "
			   "WHERE i.attempt_id = ? ORDER BY i.position");
	mx_status st = fi && ai ? MX_OK : MX_ERR_NOMEM;
	if (!s)
		st = MX_ERR_DATABASE;
	size_t got = 0;
	if (st == MX_OK) {
		sqlite3_bind_int64(s, 1, info->id);
		int rc = SQLITE_DONE;
		while (st == MX_OK && got < n && (rc = sqlite3_step(s)) == SQLITE_ROW)
			st = load_item(h, b, s, &fi[got], &ai[got]), got++;
		if (st == MX_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
			st = hdb_fail(h, "cannot read the attempt's questions");
		if (st == MX_OK && got != n) {
			snprintf(h->err, sizeof h->err, "attempt %ld is incomplete in the database",
				 info->id);
			st = MX_ERR_DATABASE;
		}
	}
	sqlite3_finalize(s);
	if (st == MX_OK)
		st = mx_form_restore(b, info->seed, info->pretest, fi, n, form);
	if (st == MX_OK)
		st = mx_attempt_new(*form, info->limit_ms, attempt);
	if (st == MX_OK) {
		mx_attempt *a = *attempt;
		memcpy(a->items, ai, n * sizeof *ai);
		a->elapsed_ms = info->elapsed_ms;
		a->current = info->current < n ? info->current : 0;
		hdb_attach(h, a, info->id);
		a->drill = !strcmp(info->kind, "drill");
	} else {
		for (size_t i = 0; i < got; i++)
			free(ai[i].text);
		mx_form_free(*form);
		*form = NULL;
	}
	free(fi);
	free(ai);
	return st;
}

static mx_status bank_dir_impl(mx_history *h, long id, char **dir)
{
	*dir = NULL;
	sqlite3_stmt *s = hdb_prepare(h, "SELECT bank_dir FROM attempts WHERE id = ?");
	if (!s)
		return MX_ERR_DATABASE;
	sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s);
	const char *t = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(s, 0) : NULL;
	mx_status st = MX_OK;
	if (t && *t && !(*dir = strdup(t)))
		st = MX_ERR_NOMEM;
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE) {
		snprintf(h->err, sizeof h->err, "there is no attempt %ld", id);
		return MX_ERR_INPUT;
	}
	return rc == SQLITE_ROW ? st : hdb_fail(h, "cannot read the attempt");
}

static mx_status last_seen_impl(mx_history *h, const mx_bank *b, int64_t *last_seen)
{
	memset(last_seen, 0, mx_bank_count(b) * sizeof *last_seen);
	sqlite3_stmt *s = hdb_prepare(h, "SELECT q.question_id, max(a.started) FROM items i "
					 "JOIN attempts a ON a.id = i.attempt_id "
					 "JOIN questions q ON q.id = i.question WHERE a.exam = ? "
					 "GROUP BY q.question_id");
	if (!s)
		return MX_ERR_DATABASE;
	sqlite3_bind_text(s, 1, mx_bank_profile(b)->id, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *qid = (const char *)sqlite3_column_text(s, 0);
		long q = qid ? mx_bank_find_question(b, qid) : -1;
		if (q >= 0)
			last_seen[q] = sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? MX_OK : hdb_fail(h, "cannot read when questions were seen");
}

mx_status mx_history_list(mx_history *h, const char *exam, mx_attempt_info **out, size_t *n,
			  mx_error *err)
{
	h->err[0] = '\0';
	return hdb_report(h, list_impl(h, exam, out, n), err);
}

mx_status mx_history_get(mx_history *h, long id, mx_attempt_info *out, mx_error *err)
{
	h->err[0] = '\0';
	return hdb_report(h, get_impl(h, id, out), err);
}

mx_status mx_history_resume(mx_history *h, const mx_bank *b, const mx_attempt_info *info,
			    mx_form **form, mx_attempt **attempt, mx_error *err)
{
	h->err[0] = '\0';
	return hdb_report(h, resume_impl(h, b, info, form, attempt), err);
}

mx_status mx_history_last_seen(mx_history *h, const mx_bank *b, int64_t *last_seen, mx_error *err)
{
	h->err[0] = '\0';
	return hdb_report(h, last_seen_impl(h, b, last_seen), err);
}

mx_status mx_history_bank_dir(mx_history *h, long id, char **dir, mx_error *err)
{
	h->err[0] = '\0';
	return hdb_report(h, bank_dir_impl(h, id, dir), err);
}
