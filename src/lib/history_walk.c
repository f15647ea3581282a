/*
 * history_walk.c - every response of an exam, in history order, for the analyses.
 *
 * A million responses read through sqlite3_step() and a dozen sqlite3_column_*() calls
 * each, after a join that finds each item through an index, cost seven times one scan
 * of the table; so the usual walk is one scan of items in storage order inside a single
 * step, handing each row to the callback from an SQL function (walk_row).  Storage order
 * is the order the walk promises (oldest attempt first, then position) whenever attempt
 * ids ascend with their start times: an attempt's items are inserted with it, in
 * position order, and a new attempt's id is the largest.  The walk checks that promise
 * on every row; when start times disagree with ids, or the exam holds too small a part
 * of the history for a scan to pay, the ordered join below is used instead.
 *
 * An item names its question by number (a row of questions: id, content hash, domain
 * and task as they were when it was asked).  The walk reads the exam's question rows
 * first and resolves each against the bank once, so that a row costs the callback no
 * lookup: it comes with the bank's index of its question and whether the bank's
 * question is still the one answered.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "historydb.h"

enum {
	MAX_MAP = 1 << 22, /* question row ids spread wider than this are found by search */
};

typedef struct walk_attempt {
	int64_t id; /* first, for find() */
	int64_t started;
	bool drill, finished;
} walk_attempt;

/* A row of questions of the exam, resolved against the bank. */
typedef struct version {
	int64_t id;				  /* first, for find() */
	char *question_id, *question_hash, *task; /* task: NULL when none */
	int domain;
	long question;		       /* the bank's index, or -1 */
	bool unchanged;		       /* the bank's question has this content hash */
	long domain_index, task_index; /* in the bank's profile, or -1 */
} version;

typedef struct walk {
	unsigned fields; /* MX_ROW_* */
	mx_response_fn fn;
	void *ctx;
	const walk_attempt *att; /* the exam's attempts since the start, in id order */
	size_t natt;
	version *ver; /* the exam's question rows, in id order */
	size_t nver;
	int32_t *map;  /* when not NULL: map[id - base] is the index in ver, or -1 */
	int64_t base;  /* the smallest id in ver */
	uint64_t span; /* the largest less the smallest, plus one: map's length */
	/* once a row was scanned: the attempt of the last one, and its index in att or -1 */
	bool have_last;
	long last_id;
	long last_k;
	long cur;      /* the index in att of the last row of the exam, -1 before it */
	int64_t pos;   /* and its position */
	size_t handed; /* rows given to the callback */
	bool stopped;  /* the callback asked to stop */
	/* what stopped the scan, and in which attempt: a row out of order, naming no
	 * question of the exam, or with an impossible answer time */
	enum { WALK_FINE, WALK_DISORDER, WALK_UNKNOWN, WALK_TIME } damage;
	long damaged;
} walk;

/* The index of the element whose id (its first member) is id in v[0, n), sorted by id;
 * -1 when there is none. */
static long find(const void *v, size_t n, size_t size, int64_t id)
{
	const char *p = v;
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (*(const int64_t *)(const void *)(p + mid * size) < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && *(const int64_t *)(const void *)(p + lo * size) == id ? (long)lo : -1;
}

static const version *find_version(const walk *w, int64_t id)
{
	if (w->map) {
		uint64_t k = (uint64_t)id - (uint64_t)w->base;
		return k < w->span && w->map[k] >= 0 ? &w->ver[w->map[k]] : NULL;
	}
	long i = find(w->ver, w->nver, sizeof *w->ver, id);
	return i >= 0 ? &w->ver[i] : NULL;
}

/* Fills the row's question from its version; false when the history has no such row. */
static bool set_question(const walk *w, int64_t id, mx_response_row *r)
{
	const version *v = find_version(w, id);
	if (!v)
		return false;
	r->question_id = v->question_id;
	r->question_hash = v->question_hash;
	r->task = v->task;
	r->domain = v->domain;
	r->question = v->question;
	r->unchanged = v->unchanged;
	r->domain_index = v->domain_index;
	r->task_index = v->task_index;
	return true;
}

/* The walk this thread is running (a callback may run another: walk_scan() keeps the one
 * it interrupts).  SQLite calls walk_row on the thread that steps the statement; a
 * pointer bound as an argument would cost a string comparison per row to read back. */
static _Thread_local walk *running;

/* walk_row(attempt_id, position, question, response, credit, scored, answered_at,
 * flagged): hands one row to the running walk's callback.  Fields the walk does not read
 * come as 0, and response as whether there is one (walk_scan()). */
static void walk_row(sqlite3_context *cx, int argc, sqlite3_value **v)
{
	(void)argc;
	walk *w = running;
	if (!w) {
		sqlite3_result_error(cx, "walk_row: not inside a walk", -1);
		return;
	}
	sqlite3_result_int(cx, 0);
	long id = (long)sqlite3_value_int64(v[0]);
	if (!w->have_last || id != w->last_id) {
		w->have_last = true;
		w->last_id = id;
		w->last_k = find(w->att, w->natt, sizeof *w->att, id);
	}
	long k = w->last_k;
	if (k < 0)
		return; /* another exam's, or before the start */
	int64_t pos = sqlite3_value_int64(v[1]);
	if (k < w->cur || (k == w->cur && pos <= w->pos)) {
		w->damage = WALK_DISORDER;
		w->damaged = id;
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
	    .credit = sqlite3_value_int(v[4]),
	    .scored = sqlite3_value_int(v[5]),
	    .answered_at = sqlite3_value_int64(v[6]),
	    .flagged = sqlite3_value_int(v[7]),
	};
	if (w->fields & MX_ROW_RESPONSE) {
		r.response = (const char *)sqlite3_value_text(v[3]);
		r.answered = r.response != NULL;
	} else {
		r.answered = sqlite3_value_int(v[3]);
	}
	if (!r.answered && !a->finished)
		return; /* not a response yet */
	if (!set_question(w, sqlite3_value_int64(v[2]), &r)) {
		w->damage = WALK_UNKNOWN;
		w->damaged = id;
		sqlite3_result_error(cx, "a response names no question", -1);
		return;
	}
	if (r.answered_at < 0 || r.answered_at > HDB_MAX_MOMENT) {
		w->damage = WALK_TIME;
		w->damaged = id;
		sqlite3_result_error(cx, "a response has an impossible time", -1);
		return;
	}
	w->handed++;
	if (w->fn(&r, w->ctx)) {
		w->stopped = true;
		sqlite3_result_error(cx, "walk stopped", -1);
	}
}

/*
 * The exam's attempts since the start in id order, whether their start times ascend
 * with their ids (so that id order is history order), and the questions of the exam's
 * and of all attempts: one scan of attempts in storage order, nothing sorted.
 */
static mx_status walk_attempts(mx_history *h, const char *exam, int64_t since, walk_attempt **out,
			       size_t *n, int64_t *mine, int64_t *all, bool *ascending)
{
	sqlite3_stmt *s =
	    hdb_prepare(h, "SELECT id, kind = 'drill', finished IS NOT NULL, started, questions, "
			   "exam = ? FROM attempts ORDER BY id");
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	*mine = *all = 0;
	*ascending = true;
	if (!s)
		return MX_ERR_DATABASE;
	sqlite3_bind_text(s, 1, exam, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t q = sqlite3_column_int64(s, 4), started = sqlite3_column_int64(s, 3);
		q = q < 0 ? 0 : q > HDB_MAX_QUESTIONS ? HDB_MAX_QUESTIONS : q;
		*all += q;
		if (!sqlite3_column_int(s, 5))
			continue; /* another exam's */
		if (started < 0 || started > HDB_MAX_MOMENT) {
			snprintf(
			    h->err, sizeof h->err,
			    "the history is damaged: attempt %lld has an impossible value (its "
			    "start time); it was not used",
			    (long long)sqlite3_column_int64(s, 0));
			sqlite3_finalize(s);
			return MX_ERR_DATABASE;
		}
		if (started < since)
			continue;
		*mine += q;
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
		a->id = sqlite3_column_int64(s, 0);
		a->drill = sqlite3_column_int(s, 1);
		a->finished = sqlite3_column_int(s, 2);
		a->started = started;
		if (*n > 1 && a[-1].started > a->started)
			*ascending = false;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? MX_OK : hdb_fail(h, "cannot read the attempts");
}

static char *copy_col(sqlite3_stmt *s, int col, bool *ok)
{
	const char *t = (const char *)sqlite3_column_text(s, col);
	char *c = t ? strdup(t) : NULL;
	*ok &= !t || c;
	return c;
}

static void free_versions(walk *w)
{
	for (size_t i = 0; i < w->nver; i++) {
		free(w->ver[i].question_id);
		free(w->ver[i].question_hash);
		free(w->ver[i].task);
	}
	free(w->ver);
	free(w->map);
}

/* Resolves a question row against the bank: its index there, whether it is unchanged, and
 * where its domain and task are in the profile. */
static void resolve(version *v, const mx_bank *b)
{
	const mx_profile *p = mx_bank_profile(b);
	v->domain_index = mx_profile_find_domain(p, v->domain);
	v->task_index = -1;
	for (size_t t = 0;
	     v->task && v->domain_index >= 0 && t < p->domains[v->domain_index].ntasks; t++)
		if (strcmp(p->domains[v->domain_index].tasks[t].id, v->task) == 0)
			v->task_index = (long)t;
	v->question = mx_bank_find_question(b, v->question_id);
	v->unchanged = false;
	if (v->question >= 0) {
		char hash[17];
		mx_question_hash(mx_bank_question(b, (size_t)v->question), hash);
		v->unchanged = strcmp(hash, v->question_hash) == 0;
	}
}

/* The exam's question rows in id order, each resolved, and the map from ids to them. */
static mx_status walk_versions(mx_history *h, const mx_bank *b, walk *w)
{
	sqlite3_stmt *s = hdb_prepare(h, "SELECT id, question_id, question_hash, domain, task "
					 "FROM questions WHERE exam = ? ORDER BY id");
	if (!s)
		return MX_ERR_DATABASE;
	sqlite3_bind_text(s, 1, mx_bank_profile(b)->id, -1, SQLITE_STATIC);
	size_t cap = 0;
	int rc;
	bool ok = true;
	while (ok && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (w->nver == cap) {
			cap = cap ? cap * 2 : 256;
			version *v = realloc(w->ver, cap * sizeof *v);
			if (!v) {
				ok = false;
				break;
			}
			w->ver = v;
		}
		version *v = &w->ver[w->nver++];
		*v =
		    (version){.id = sqlite3_column_int64(s, 0), .domain = sqlite3_column_int(s, 3)};
		if (sqlite3_column_type(s, 1) != SQLITE_TEXT ||
		    sqlite3_column_type(s, 2) != SQLITE_TEXT) {
			w->nver--;
			sqlite3_finalize(s);
			snprintf(h->err, sizeof h->err,
				 "the history is damaged: question row %lld has no question id or "
				 "hash",
				 (long long)v->id);
			return MX_ERR_DATABASE;
		}
		v->question_id = copy_col(s, 1, &ok);
		v->question_hash = copy_col(s, 2, &ok);
		v->task = copy_col(s, 4, &ok);
		if (ok)
			resolve(v, b);
	}
	sqlite3_finalize(s);
	if (!ok)
		return MX_ERR_NOMEM;
	if (rc != SQLITE_DONE)
		return hdb_fail(h, "cannot read the questions");
	if (!w->nver)
		return MX_OK;
	/* ids as unsigned distances from the smallest: no overflow, whatever they are */
	w->base = w->ver[0].id;
	uint64_t last = (uint64_t)w->ver[w->nver - 1].id - (uint64_t)w->base;
	if (last >= MAX_MAP)
		return MX_OK; /* found by search */
	w->span = last + 1;
	if (!(w->map = malloc(w->span * sizeof *w->map)))
		return MX_ERR_NOMEM;
	memset(w->map, 0xff, w->span * sizeof *w->map);
	for (size_t i = 0; i < w->nver; i++)
		w->map[(uint64_t)w->ver[i].id - (uint64_t)w->base] = (int32_t)i;
	return MX_OK;
}

/* The walk as one scan of items; MX_ERR_INPUT when it found rows out of order before it
 * handed any to the callback (the ordered join can still do it). */
static mx_status walk_scan(mx_history *h, walk *w)
{
	int rc = sqlite3_create_function_v2(h->db, "walk_row", 8, SQLITE_UTF8 | SQLITE_DIRECTONLY,
					    NULL, walk_row, NULL, NULL, NULL);
	if (rc != SQLITE_OK && rc != SQLITE_BUSY) /* busy: a walk running registered it */
		return hdb_fail(h, "cannot read the responses");
	/* a column left out is a constant, which SQLite computes once for the whole scan */
	char sql[256];
	snprintf(sql, sizeof sql,
		 "SELECT 1 FROM items WHERE walk_row(attempt_id, position, question, %s, "
		 "credit, %s, %s, %s)",
		 w->fields & MX_ROW_RESPONSE ? "response" : "response IS NOT NULL",
		 w->fields & MX_ROW_SCORED ? "scored" : "0",
		 w->fields & MX_ROW_ANSWERED_AT ? "answered_at" : "0",
		 w->fields & MX_ROW_FLAGGED ? "flagged" : "0");
	sqlite3_stmt *s = hdb_prepare(h, sql);
	if (!s)
		return MX_ERR_DATABASE;
	walk *outer = running;
	running = w;
	rc = sqlite3_step(s);
	running = outer;
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE || rc == SQLITE_ROW || w->stopped)
		return MX_OK;
	if (w->damage == WALK_DISORDER && !w->handed)
		return MX_ERR_INPUT;
	if (w->damage != WALK_FINE) {
		snprintf(h->err, sizeof h->err,
			 w->damage == WALK_DISORDER
			     ? "the history is damaged: the responses of attempt %ld are stored "
			       "out of order"
			 : w->damage == WALK_UNKNOWN
			     ? "the history is damaged: a response of attempt %ld names no "
			       "question of its exam"
			     : "the history is damaged: a response of attempt %ld has an "
			       "impossible answer time",
			 w->damaged);
		return MX_ERR_DATABASE;
	}
	return hdb_fail(h, "cannot read the responses");
}

/* The walk as a join ordered by SQLite, row by row. */
static mx_status walk_ordered(mx_history *h, walk *w, const char *exam, int64_t since)
{
	sqlite3_stmt *s = hdb_prepare(
	    h, "SELECT a.id, a.kind = 'drill', a.finished IS NOT NULL, a.started, i.position, "
	       "i.question, i.response, i.credit, i.scored, coalesce(i.answered_at, 0), "
	       "i.flagged FROM items i JOIN attempts a ON a.id = i.attempt_id "
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
		r.response = (const char *)sqlite3_column_text(s, 6);
		r.answered = r.response != NULL;
		r.credit = sqlite3_column_int(s, 7);
		/* the same row as the scan gives, fields left out and all */
		r.scored = w->fields & MX_ROW_SCORED && sqlite3_column_int(s, 8);
		r.answered_at = w->fields & MX_ROW_ANSWERED_AT ? sqlite3_column_int64(s, 9) : 0;
		r.flagged = w->fields & MX_ROW_FLAGGED && sqlite3_column_int(s, 10);
		if (!(w->fields & MX_ROW_RESPONSE))
			r.response = NULL;
		bool known = set_question(w, sqlite3_column_int64(s, 5), &r);
		if (!known || r.answered_at < 0 || r.answered_at > HDB_MAX_MOMENT) {
			sqlite3_finalize(s);
			snprintf(h->err, sizeof h->err,
				 known ? "the history is damaged: a response of attempt %ld has an "
					 "impossible answer time"
				       : "the history is damaged: a response of attempt %ld names "
					 "no question of its exam",
				 r.attempt);
			return MX_ERR_DATABASE;
		}
		if (w->fn(&r, w->ctx))
			break;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? MX_OK
						     : hdb_fail(h, "cannot read the responses");
}

static mx_status responses_impl(mx_history *h, const mx_bank *b, int64_t since, unsigned fields,
				mx_response_fn fn, void *ctx)
{
	const char *exam = mx_bank_profile(b)->id;
	walk w = {.fields = fields, .fn = fn, .ctx = ctx, .last_k = -1, .cur = -1};
	walk_attempt *att;
	int64_t mine, all;
	bool ascending;
	mx_status st = walk_attempts(h, exam, since, &att, &w.natt, &mine, &all, &ascending);
	w.att = att;
	if (st == MX_OK && w.natt)
		st = walk_versions(h, b, &w);
	if (st == MX_OK && w.natt) {
		/* a scan reads every exam's items: it pays when this exam's are half of them */
		st = ascending && 2 * mine >= all ? walk_scan(h, &w) : MX_ERR_INPUT;
		if (st == MX_ERR_INPUT)
			st = walk_ordered(h, &w, exam, since);
	}
	free_versions(&w);
	free(att);
	return st;
}

mx_status mx_history_responses(mx_history *h, const mx_bank *b, int64_t since, unsigned fields,
			       mx_response_fn fn, void *ctx, mx_error *err)
{
	h->err[0] = '\0';
	return hdb_report(h, responses_impl(h, b, since, fields, fn, ctx), err);
}
