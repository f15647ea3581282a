/*
 * history_save.c - recording an attempt and saving it as it goes: the history is the
 * attempt's store (attempt.h).
 *
 * Responses are stored in the answer sheet's terms, with the bank's keys, as short text
 * a person can read in the sqlite3 shell: "B", "A,D" (multiple), "C,A,B" (ordering),
 * "1:B,2:A" (matching), or the typed text.  A form is stored as its items (question id
 * and choice order), so a resumed attempt is exactly the one started, whatever the
 * bank's history or sampling does later.
 */
#define _XOPEN_SOURCE 700 /* realpath() */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "historydb.h"

/* ---- responses as text ---- */

/* ---- responses as text ---- */

/* "B", "A,D", "C,A,B", "1:B,2:A" or the text; NULL when unanswered. */
char *hdb_encode_response(const mx_question *q, const mx_response *r)
{
	if (!r->answered)
		return NULL;
	if (q->type == MX_TYPE_TEXT)
		return strdup(r->text ? r->text : "");
	char *s = malloc(4 * MX_MAX_OPTIONS + 1), *p = s;
	if (!s)
		return NULL;
	const mx_choice *c = q->type == MX_TYPE_ORDERING ? q->items : q->options;
	for (size_t i = 0; i < r->keys.n; i++) {
		if (q->type == MX_TYPE_MATCHING) {
			if (r->keys.k[i] == MX_NONE)
				continue;
			p += sprintf(p, "%s%s:%s", p == s ? "" : ",", q->prompts[i].key,
				     c[r->keys.k[i]].key);
		} else {
			p += sprintf(p, "%s%s", i ? "," : "", c[r->keys.k[i]].key);
		}
	}
	*p = '\0';
	return s;
}

/* ---- saving ---- */

static void order_text(const mx_form_item *it, char *buf)
{
	for (size_t k = 0; k < it->norder; k++)
		buf[k] = (char)('0' + it->order[k]);
	buf[it->norder] = '\0';
}

/* The row of the questions table for the question as it is now, made when it is new. */
static mx_status question_row(mx_history *h, const char *exam, const mx_question *q,
			      const mx_domain *d, const char *hash, int64_t *id)
{
	static const char *const sql[] = {
	    "INSERT OR IGNORE INTO questions (exam, question_id, question_hash, domain, task) "
	    "VALUES (?1, ?2, ?3, ?4, ?5)",
	    "SELECT id FROM questions WHERE exam = ?1 AND question_id = ?2 AND "
	    "question_hash = ?3 AND domain = ?4 AND ifnull(task, '') = ifnull(?5, '')",
	};
	for (size_t k = 0; k < 2; k++) {
		sqlite3_stmt *st = hdb_prepare(h, sql[k]);
		if (!st)
			return MX_ERR_DATABASE;
		sqlite3_bind_text(st, 1, exam, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, q->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, hash, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 4, d->id);
		if (q->task >= 0)
			sqlite3_bind_text(st, 5, d->tasks[q->task].id, -1, SQLITE_STATIC);
		int rc = sqlite3_step(st);
		if (k == 1 && rc == SQLITE_ROW)
			*id = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		if (rc != (k == 0 ? SQLITE_DONE : SQLITE_ROW))
			return hdb_fail(h, "cannot record a question");
	}
	return MX_OK;
}

static mx_status insert_item(mx_history *h, const mx_attempt *a, size_t i)
{
	const mx_form_item *it = &a->form->items[i];
	const mx_bank *b = a->form->bank;
	const mx_question *q = mx_bank_question(b, it->question);
	const mx_domain *d = &mx_bank_profile(b)->domains[q->domain];
	char hash[17], order[MX_MAX_OPTIONS + 1];
	mx_question_hash(q, hash);
	order_text(it, order);
	int64_t question = 0;
	mx_status st = question_row(h, mx_bank_profile(b)->id, q, d, hash, &question);
	if (st != MX_OK)
		return st;
	sqlite3_stmt *s = hdb_prepare(h, "INSERT INTO items (attempt_id, position, question, "
					 "choice_order, scored) VALUES (?, ?, ?, ?, ?)");
	if (!s)
		return MX_ERR_DATABASE;
	sqlite3_bind_int64(s, 1, a->id);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
	sqlite3_bind_int64(s, 3, question);
	sqlite3_bind_text(s, 4, order, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 5, it->scored);
	return hdb_run(h, s, "cannot record a question");
}

/* ---- the attempt's store (attempt.h): history saves an attached attempt ---- */

static mx_status save_item(mx_history *h, const mx_attempt *a, size_t i);
static mx_status save_clock(mx_history *h, const mx_attempt *a);
static mx_status finish(mx_history *h, const mx_attempt *a, const mx_score *sc);

static mx_status store_item(void *ctx, const mx_attempt *a, size_t i, mx_error *err)
{
	mx_history *h = ctx;
	h->err[0] = '\0';
	return hdb_report(h, save_item(h, a, i), err);
}

static mx_status store_clock(void *ctx, const mx_attempt *a, mx_error *err)
{
	mx_history *h = ctx;
	h->err[0] = '\0';
	return hdb_report(h, save_clock(h, a), err);
}

static mx_status store_finish(void *ctx, const mx_attempt *a, const mx_score *s, mx_error *err)
{
	mx_history *h = ctx;
	h->err[0] = '\0';
	return hdb_report(h, finish(h, a, s), err);
}

void hdb_attach(mx_history *h, mx_attempt *a, long id)
{
	mx_attempt_store store = {h, store_item, store_clock, store_finish};
	mx_attempt_set_store(a, &store, id);
}

static mx_status start_impl(mx_history *h, mx_attempt *a, const char *kind)
{
	const mx_form *f = a->form;
	mx_status st = hdb_exec(h, "BEGIN IMMEDIATE");
	if (st != MX_OK)
		return st;
	sqlite3_stmt *s =
	    hdb_prepare(h, "INSERT INTO attempts (kind, exam, bank_hash, seed, questions, "
			   "pretest, limit_ms, elapsed_ms, started, current, bank_dir) "
			   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	if (!s) {
		st = MX_ERR_DATABASE;
		goto rollback;
	}
	sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, mx_bank_profile(f->bank)->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, mx_bank_hash(f->bank), -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)f->seed);
	sqlite3_bind_int64(s, 5, (sqlite3_int64)f->n);
	sqlite3_bind_int(s, 6, f->pretest);
	sqlite3_bind_int64(s, 7, a->limit_ms);
	sqlite3_bind_int64(s, 8, a->elapsed_ms);
	sqlite3_bind_int64(s, 9, (sqlite3_int64)time(NULL));
	sqlite3_bind_int64(s, 10, (sqlite3_int64)a->current);
	char *dir = realpath(mx_bank_dir(f->bank), NULL);
	sqlite3_bind_text(s, 11, dir ? dir : mx_bank_dir(f->bank), -1, SQLITE_TRANSIENT);
	free(dir);
	if ((st = hdb_run(h, s, "cannot record the attempt")) != MX_OK)
		goto rollback;
	a->id = (long)sqlite3_last_insert_rowid(h->db);
	for (size_t i = 0; i < f->n; i++)
		if ((st = insert_item(h, a, i)) != MX_OK)
			goto rollback;
	if ((st = hdb_exec(h, "COMMIT")) != MX_OK)
		goto rollback;
	hdb_attach(h, a, a->id);
	a->drill = !strcmp(kind, "drill");
	return MX_OK;
rollback:
	sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
	a->id = 0;
	return st;
}

/* The item's state and the attempt's clock, in one transaction. */
static mx_status save_item(mx_history *h, const mx_attempt *a, size_t i)
{
	const mx_attempt_item *it = &a->items[i];
	const mx_question *q = mx_bank_question(a->form->bank, a->form->items[i].question);
	char *resp = hdb_encode_response(q, &it->response);
	if (it->response.answered && !resp)
		return MX_ERR_NOMEM;
	mx_status st = hdb_exec(h, "BEGIN IMMEDIATE");
	if (st != MX_OK) {
		free(resp);
		return st;
	}
	/* answered_at moves only when the response changes: flags, moves and the clock
	 * save the item too, and the review schedule must not count them as answers. */
	sqlite3_stmt *s =
	    hdb_prepare(h, "UPDATE items SET answered_at = CASE WHEN response IS ?1 "
			   "THEN answered_at ELSE ?6 END, response = ?1, credit = ?2, "
			   "flagged = ?3, struck = ?4, spent_ms = ?5, checked = ?9 "
			   "WHERE attempt_id = ?7 AND position = ?8");
	if (s) {
		if (resp)
			sqlite3_bind_text(s, 1, resp, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(s, 2, mx_credit(a->form->bank, q, &it->response));
		sqlite3_bind_int(s, 3, it->flagged);
		sqlite3_bind_int(s, 4, it->struck);
		sqlite3_bind_int64(s, 5, it->spent_ms);
		if (resp)
			sqlite3_bind_int64(s, 6, (sqlite3_int64)time(NULL));
		sqlite3_bind_int64(s, 7, a->id);
		sqlite3_bind_int64(s, 8, (sqlite3_int64)i);
		sqlite3_bind_int(s, 9, it->checked);
	}
	free(resp);
	st = hdb_run(h, s, "cannot save the answer");
	if (st == MX_OK)
		st = save_clock(h, a);
	if (st == MX_OK)
		return hdb_exec(h, "COMMIT");
	sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
	return st;
}

static mx_status save_clock(mx_history *h, const mx_attempt *a)
{
	sqlite3_stmt *s =
	    hdb_prepare(h, "UPDATE attempts SET elapsed_ms = ?, current = ? WHERE id = ?");
	if (!s)
		return MX_ERR_DATABASE;
	sqlite3_bind_int64(s, 1, a->elapsed_ms);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)a->current);
	sqlite3_bind_int64(s, 3, a->id);
	return hdb_run(h, s, "cannot save the time");
}

static mx_status finish(mx_history *h, const mx_attempt *a, const mx_score *sc)
{
	sqlite3_stmt *s = hdb_prepare(
	    h, "UPDATE attempts SET finished = ?, elapsed_ms = ?, answered = ?, "
	       "scored = ?, correct = ?, scaled_score = CASE kind WHEN 'exam' THEN ? END, "
	       "passed = CASE kind WHEN 'exam' THEN ? END WHERE id = ?");
	if (!s)
		return MX_ERR_DATABASE;
	sqlite3_bind_int64(s, 1, (sqlite3_int64)time(NULL));
	sqlite3_bind_int64(s, 2, a->elapsed_ms);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)sc->answered);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)sc->scored);
	sqlite3_bind_int64(s, 5, (sqlite3_int64)sc->correct);
	sqlite3_bind_int(s, 6, sc->scaled);
	sqlite3_bind_int(s, 7, sc->passed);
	sqlite3_bind_int64(s, 8, a->id);
	return hdb_run(h, s, "cannot record the result");
}

mx_status mx_history_start(mx_history *h, mx_attempt *a, const char *kind, mx_error *err)
{
	h->err[0] = '\0';
	return hdb_report(h, start_impl(h, a, kind), err);
}
