/*
 * history_walk.c - every response of an exam, in history order, for the analyses.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "historydb.h"

/*
 * Reading every response of an exam for the analyses.  A million responses read through
 * sqlite3_step() and a dozen sqlite3_column_*() calls each (every one taking the
 * connection's mutex), after a join that finds each item through an index, cost seven
 * times one scan of the table; so the usual walk is one scan of items in storage order
 * inside a single step, handing each row to the callback from an SQL function (walk_row).  Storage order is the order the walk promises
 * (oldest attempt first, then position) whenever attempt ids ascend with their start
 * times: an attempt's items are inserted with it, in position order, and a new
 * attempt's id is the largest.  The walk checks that promise on every row; when start
 * times disagree with ids, or the exam holds too small a part of the history for a scan
 * to pay, the ordered join below is used instead.
 */
typedef struct walk_attempt {
	long id;
	int64_t started;
	bool drill, finished;
} walk_attempt;

typedef struct walk {
	mx_response_fn fn;
	void *ctx;
	const walk_attempt *att; /* the exam's attempts since the start, in id order */
	size_t natt;
	long last_id; /* the attempt of the last row, and its index in att or -1 */
	long last_k;
	long cur;      /* the index in att of the last row of the exam, -1 before it */
	int64_t pos;   /* and its position */
	size_t handed; /* rows given to the callback */
	bool stopped;  /* the callback asked to stop */
	long disorder; /* the attempt whose row came out of order, or 0 */
} walk;

static long walk_find(const walk *w, long id)
{
	size_t lo = 0, hi = w->natt;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (w->att[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < w->natt && w->att[lo].id == id ? (long)lo : -1;
}

/* walk_row(walk, attempt_id, position, question_id, question_hash, task, response, domain,
 * credit, scored, answered_at): hands one row to the walk's callback. */
static void walk_row(sqlite3_context *cx, int argc, sqlite3_value **v)
{
	walk *w = sqlite3_value_pointer(v[0], "mx_walk");
	if (!w) {
		sqlite3_result_error(cx, "walk_row: not inside a walk", -1);
		return;
	}
	sqlite3_result_int(cx, 0);
	long id = (long)sqlite3_value_int64(v[1]);
	if (id != w->last_id) {
		w->last_id = id;
		w->last_k = walk_find(w, id);
	}
	long k = w->last_k;
	if (k < 0)
		return; /* another exam's, or before the start */
	int64_t pos = sqlite3_value_int64(v[2]);
	if (k < w->cur || (k == w->cur && pos <= w->pos)) {
		w->disorder = id;
		sqlite3_result_error(cx, "responses out of order", -1);
		return;
	}
	w->cur = k;
	w->pos = pos;
	const walk_attempt *a = &w->att[k];
	mx_response_row r = {
	    .attempt = id,
	    .drill = a->drill,
	    .finished = a->finished,
	    .started = a->started,
	    .position = (size_t)pos,
	    .question_id = (const char *)sqlite3_value_text(v[3]),
	    .question_hash = (const char *)sqlite3_value_text(v[4]),
	    .task = (const char *)sqlite3_value_text(v[5]),
	    .response = (const char *)sqlite3_value_text(v[6]),
	    .domain = sqlite3_value_int(v[7]),
	    .credit = sqlite3_value_int(v[8]),
	    .scored = sqlite3_value_int(v[9]),
	    .answered_at = sqlite3_value_int64(v[10]),
	    .flagged = sqlite3_value_int(v[11]),
	};
	r.answered = r.response != NULL;
	if (!r.answered && !a->finished)
		return; /* not a response yet */
	w->handed++;
	if (w->fn(&r, w->ctx)) {
		w->stopped = true;
		sqlite3_result_error(cx, "walk stopped", -1);
	}
}

/* The exam's attempts since the start, oldest first, and whether ids ascend with them. */
static mx_status walk_attempts(mx_history *h, const char *exam, int64_t since, walk_attempt **out,
			       size_t *n, int64_t *questions, bool *ascending)
{
	sqlite3_stmt *s =
	    hdb_prepare(h, "SELECT id, kind = 'drill', finished IS NOT NULL, started, questions "
			   "FROM attempts WHERE exam = ? AND started >= ? ORDER BY started, id");
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	*questions = 0;
	*ascending = true;
	if (!s)
		return MX_ERR_DATABASE;
	sqlite3_bind_text(s, 1, exam, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, since);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			walk_attempt *v = realloc(*out, cap * sizeof *v);
			if (!v) {
				sqlite3_finalize(s);
				return MX_ERR_NOMEM;
			}
			*out = v;
		}
		walk_attempt *a = &(*out)[(*n)++];
		a->id = (long)sqlite3_column_int64(s, 0);
		a->drill = sqlite3_column_int(s, 1);
		a->finished = sqlite3_column_int(s, 2);
		a->started = sqlite3_column_int64(s, 3);
		int64_t q = sqlite3_column_int64(s, 4);
		*questions += q < 0 ? 0 : q > HDB_MAX_QUESTIONS ? HDB_MAX_QUESTIONS : q;
		if (*n > 1 && a[-1].id >= a->id)
			*ascending = false;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? MX_OK : hdb_fail(h, "cannot read the attempts");
}

/* The walk as one scan of items; MX_ERR_INPUT when it found rows out of order before it
 * handed any to the callback (the ordered join can still do it). */
static mx_status walk_scan(mx_history *h, walk *w)
{
	int rc = sqlite3_create_function_v2(h->db, "walk_row", 12, SQLITE_UTF8 | SQLITE_DIRECTONLY,
					    NULL, walk_row, NULL, NULL, NULL);
	if (rc != SQLITE_OK && rc != SQLITE_BUSY) /* busy: a walk running registered it */
		return hdb_fail(h, "cannot read the responses");
	sqlite3_stmt *s = hdb_prepare(
	    h, "SELECT 1 FROM items WHERE walk_row(?, attempt_id, position, question_id, "
	       "question_hash, task, response, domain, credit, scored, answered_at, flagged)");
	if (!s)
		return MX_ERR_DATABASE;
	sqlite3_bind_pointer(s, 1, w, "mx_walk", NULL);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE || rc == SQLITE_ROW || w->stopped)
		return MX_OK;
	if (w->disorder && !w->handed)
		return MX_ERR_INPUT;
	if (w->disorder) {
		snprintf(h->err, sizeof h->err,
			 "the history is damaged: the responses of attempt %ld are stored out of "
			 "order",
			 w->disorder);
		return MX_ERR_DATABASE;
	}
	return hdb_fail(h, "cannot read the responses");
}

/* The walk as a join ordered by SQLite, row by row. */
static mx_status walk_ordered(mx_history *h, const char *exam, int64_t since, mx_response_fn fn,
			      void *ctx)
{
	sqlite3_stmt *s = hdb_prepare(
	    h, "SELECT a.id, a.kind = 'drill', a.finished IS NOT NULL, a.started, i.position, "
	       "i.question_id, i.question_hash, i.task, i.response, i.domain, i.credit, i.scored, "
	       "coalesce(i.answered_at, 0), i.flagged FROM items i "
	       "JOIN attempts a ON a.id = i.attempt_id "
	       "WHERE a.exam = ? AND a.started >= ? "
	       "AND (i.response IS NOT NULL OR a.finished IS NOT NULL) "
	       "ORDER BY a.started, a.id, i.position");
	if (!s)
		return MX_ERR_DATABASE;
	sqlite3_bind_text(s, 1, exam, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, since);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		mx_response_row r;
		r.attempt = (long)sqlite3_column_int64(s, 0);
		r.drill = sqlite3_column_int(s, 1);
		r.finished = sqlite3_column_int(s, 2);
		r.started = sqlite3_column_int64(s, 3);
		r.position = (size_t)sqlite3_column_int64(s, 4);
		r.question_id = (const char *)sqlite3_column_text(s, 5);
		r.question_hash = (const char *)sqlite3_column_text(s, 6);
		r.task = (const char *)sqlite3_column_text(s, 7);
		r.response = (const char *)sqlite3_column_text(s, 8);
		r.domain = sqlite3_column_int(s, 9);
		r.answered = r.response != NULL;
		r.credit = sqlite3_column_int(s, 10);
		r.scored = sqlite3_column_int(s, 11);
		r.answered_at = sqlite3_column_int64(s, 12);
		r.flagged = sqlite3_column_int(s, 13);
		if (fn(&r, ctx))
			break;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? MX_OK
						     : hdb_fail(h, "cannot read the responses");
}

static mx_status responses_impl(mx_history *h, const char *exam, int64_t since, mx_response_fn fn,
				void *ctx)
{
	walk w = {.fn = fn, .ctx = ctx, .last_id = -1, .last_k = -1, .cur = -1};
	walk_attempt *att;
	int64_t mine, all = 0;
	bool ascending;
	mx_status st = walk_attempts(h, exam, since, &att, &w.natt, &mine, &ascending);
	int rc = SQLITE_OK;
	if (st == MX_OK && w.natt)
		all = hdb_int_query(h, "SELECT total(max(questions, 0)) FROM attempts", &rc);
	if (st == MX_OK && rc != SQLITE_OK)
		st = hdb_fail(h, "cannot read the attempts");
	if (st != MX_OK || !w.natt) {
		free(att);
		return st;
	}
	w.att = att;
	/* a scan reads every exam's items: it pays when this exam's are half of them */
	st = ascending && 2 * mine >= all ? walk_scan(h, &w) : MX_ERR_INPUT;
	free(att);
	return st == MX_ERR_INPUT ? walk_ordered(h, exam, since, fn, ctx) : st;
}

mx_status mx_history_responses(mx_history *h, const char *exam, int64_t since, mx_response_fn fn,
			       void *ctx, mx_error *err)
{
	h->err[0] = '\0';
	return hdb_report(h, responses_impl(h, exam, since, fn, ctx), err);
}
