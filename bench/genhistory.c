/*
 * genhistory.c - writes a large, realistic history database for the analytics benchmark.
 *
 * usage: genhistory BANK DB RESPONSES [EXAMS [PRETEST_EVERY]]
 *
 * The schema is made by the library (mx_history_open), so the database is exactly what
 * mockexam writes; the rows then go in directly with SQLite in one transaction, since a
 * million responses saved one transaction each would take hours.  EXAMS (default
 * 10,000) submitted mock exams of the bank, each form built by the library's sampler
 * with its own seed (every fourth, or every PRETEST_EVERY-th, 0 for none, with pretest
 * questions), alternate with 20-question
 * drills on one domain until RESPONSES responses are written.  A simulated candidate
 * grows from 45% to 85% right, varying by domain and by question; about 1% of an exam's
 * questions go unanswered.  Responses are encoded as history.c encodes them, credit and
 * scores come from the library's scoring, and the same arguments always write the same
 * rows (start times excepted: none, they are fixed).
 */
#define _XOPEN_SOURCE 700 /* realpath() */
#include <math.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mockexam/bank.h"
#include "mockexam/form.h"
#include "mockexam/history.h"
#include "mockexam/score.h"

enum { DRILL_SIZE = 20, START = 1600000000, HOUR = 3600 };

static uint64_t state = 0x9e3779b97f4a7c15ull;

static double unit(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return (double)(state >> 11) / 9007199254740992.0;
}

/* As history.c stores it: "B", "A,D", "C,A,B", "1:B,2:A", or the typed text. */
static void encode(const mx_question *q, const mx_response *r, char *buf)
{
	char *p = buf;
	const mx_choice *c = q->type == MX_TYPE_ORDERING ? q->items : q->options;
	*p = '\0';
	if (q->type == MX_TYPE_TEXT) {
		snprintf(buf, 64, "%s", r->text);
		return;
	}
	for (size_t i = 0; i < r->keys.n; i++) {
		if (q->type == MX_TYPE_MATCHING)
			p += sprintf(p, "%s%s:%s", p == buf ? "" : ",", q->prompts[i].key,
				     c[r->keys.k[i]].key);
		else
			p += sprintf(p, "%s%s", i ? "," : "", c[r->keys.k[i]].key);
	}
}

/* A right response, or a wrong one that fits the question's type. */
static mx_response respond(const mx_question *q, bool right)
{
	mx_response r = {.answered = true, .keys = q->answer};
	if (q->type == MX_TYPE_TEXT)
		r.text = right && q->answer_text ? q->answer_text : "not sure";
	else if (right)
		return r;
	else if (q->type == MX_TYPE_SINGLE || q->type == MX_TYPE_MATCHING)
		r.keys.k[0] = (uint8_t)((q->answer.k[0] + 1 + (size_t)(unit() * 3)) % q->noptions);
	else if (q->type == MX_TYPE_MULTIPLE)
		r.keys.n = 1;
	else if (q->type == MX_TYPE_ORDERING) {
		uint8_t t = r.keys.k[0];
		r.keys.k[0] = r.keys.k[1];
		r.keys.k[1] = t;
	}
	return r;
}

typedef struct gen {
	const mx_bank *bank;
	char (*hash)[17];
	double *ease; /* per question: added to the candidate's ability */
	sqlite3 *db;
	sqlite3_stmt *attempt, *item;
	unsigned pretest_every;
	char *dir;
	size_t written;
} gen;

/* The candidate's chance on question q at progress t (0 .. 1). */
static double chance(const gen *g, size_t q, double t)
{
	double p = 0.45 + 0.40 * t + g->ease[q];
	return p < 0.05 ? 0.05 : p > 0.98 ? 0.98 : p;
}

static int save(gen *g, const mx_form *f, bool drill, int64_t started, const mx_response *resp)
{
	mx_score *s = NULL;
	if (mx_score_form(f, resp, &s) != MX_OK)
		return 1;
	sqlite3_stmt *a = g->attempt;
	sqlite3_reset(a);
	sqlite3_bind_text(a, 1, drill ? "drill" : "exam", -1, SQLITE_STATIC);
	sqlite3_bind_text(a, 2, mx_bank_profile(g->bank)->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(a, 3, mx_bank_hash(g->bank), -1, SQLITE_STATIC);
	sqlite3_bind_int64(a, 4, (sqlite3_int64)f->seed);
	sqlite3_bind_int64(a, 5, (sqlite3_int64)f->n);
	sqlite3_bind_int(a, 6, f->pretest);
	sqlite3_bind_int64(a, 7, drill ? 0 : (sqlite3_int64)f->minutes * 60000);
	sqlite3_bind_int64(a, 8, (sqlite3_int64)f->n * 70000);
	sqlite3_bind_int64(a, 9, started);
	sqlite3_bind_int64(a, 10, started + (int64_t)f->n * 70);
	sqlite3_bind_int64(a, 11, (sqlite3_int64)s->answered);
	sqlite3_bind_int64(a, 12, (sqlite3_int64)s->scored);
	sqlite3_bind_int64(a, 13, (sqlite3_int64)s->correct);
	sqlite3_bind_int(a, 14, s->scaled);
	sqlite3_bind_int(a, 15, s->passed);
	sqlite3_bind_text(a, 16, g->dir, -1, SQLITE_STATIC);
	int rc = sqlite3_step(a) != SQLITE_DONE;
	long id = (long)sqlite3_last_insert_rowid(g->db);
	for (size_t i = 0; !rc && i < f->n; i++) {
		const mx_form_item *it = &f->items[i];
		const mx_question *q = mx_bank_question(g->bank, it->question);
		char order[MX_MAX_OPTIONS + 1], text[128];
		for (size_t k = 0; k < it->norder; k++)
			order[k] = (char)('0' + it->order[k]);
		order[it->norder] = '\0';
		sqlite3_stmt *st = g->item;
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)it->question + 1); /* its questions row */
		sqlite3_bind_text(st, 4, order, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 5, it->scored);
		if (resp[i].answered) {
			encode(q, &resp[i], text);
			sqlite3_bind_text(st, 6, text, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(st, 9, started + (int64_t)i * 70 + 60);
		}
		sqlite3_bind_int(st, 7, s->credited[i]);
		sqlite3_bind_int64(st, 8, 40000 + (int64_t)(unit() * 60000));
		rc = sqlite3_step(st) != SQLITE_DONE;
	}
	g->written += f->n;
	mx_score_free(s);
	return rc;
}

/* One attempt: a mock exam with its own seed, or a drill on one domain. */
static int attempt(gen *g, bool drill, uint64_t seed, int64_t started, double t)
{
	const mx_bank *b = g->bank;
	mx_form *f = NULL;
	mx_diags d;
	mx_diags_init(&d);
	if (drill) {
		size_t nq = mx_bank_count(b),
		       dom = (size_t)(unit() * 1e6) % mx_bank_profile(b)->ndomains, qs[DRILL_SIZE],
		       n = 0;
		for (size_t tries = 0; n < DRILL_SIZE && tries < 100000; tries++) {
			size_t q = (size_t)(unit() * (double)nq);
			bool dup = false;
			for (size_t k = 0; k < n; k++)
				dup |= qs[k] == q;
			if (!dup && mx_bank_question(b, q)->domain == dom)
				qs[n++] = q;
		}
		if (mx_form_custom(b, seed, qs, n, &f) != MX_OK)
			return 1;
	} else {
		mx_form_spec spec = {.seed = seed,
				     .pretest = g->pretest_every && seed % g->pretest_every == 0};
		if (mx_form_build(b, &spec, &d, &f) != MX_OK)
			return 1;
	}
	mx_diags_free(&d);
	mx_response *r = calloc(f->n, sizeof *r);
	int rc = !r;
	for (size_t i = 0; !rc && i < f->n; i++) {
		size_t q = f->items[i].question;
		if (drill || unit() >= 0.01)
			r[i] = respond(mx_bank_question(b, q), unit() < chance(g, q, t));
	}
	rc = rc || save(g, f, drill, started, r);
	free(r);
	mx_form_free(f);
	return rc;
}

/* One row of questions per bank question, question q's id q + 1, as the library makes
 * them when a question is first asked (history_save.c). */
static int add_questions(gen *g)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(g->db,
			       "INSERT INTO questions (id, exam, question_id, question_hash, "
			       "domain, task) VALUES (?, ?, ?, ?, ?, ?)",
			       -1, &st, NULL) != SQLITE_OK)
		return 1;
	int rc = 0;
	for (size_t q = 0; !rc && q < mx_bank_count(g->bank); q++) {
		const mx_question *qq = mx_bank_question(g->bank, q);
		const mx_domain *d = &mx_bank_profile(g->bank)->domains[qq->domain];
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		sqlite3_bind_int64(st, 1, (sqlite3_int64)q + 1);
		sqlite3_bind_text(st, 2, mx_bank_profile(g->bank)->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, qq->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, g->hash[q], -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 5, d->id);
		if (qq->task >= 0)
			sqlite3_bind_text(st, 6, d->tasks[qq->task].id, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) != SQLITE_DONE;
	}
	sqlite3_finalize(st);
	return rc;
}

static int prepare(gen *g)
{
	return sqlite3_prepare_v2(
		   g->db,
		   "INSERT INTO attempts (kind, exam, bank_hash, seed, questions, pretest, "
		   "limit_ms, elapsed_ms, started, finished, answered, scored, correct, "
		   "scaled_score, passed, bank_dir) "
		   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		   -1, &g->attempt, NULL) != SQLITE_OK ||
	       sqlite3_prepare_v2(g->db,
				  "INSERT INTO items (attempt_id, position, question, "
				  "choice_order, scored, response, credit, spent_ms, answered_at) "
				  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
				  -1, &g->item, NULL) != SQLITE_OK;
}

static int generate(gen *g, size_t responses, size_t exams)
{
	size_t exam_n = mx_bank_profile(g->bank)->question_count, done_exams = 0;
	size_t drills = responses > exams * exam_n ? (responses - exams * exam_n) / DRILL_SIZE : 0;
	size_t total = exams + drills;
	int rc = 0;
	for (size_t i = 0; !rc && i < total && g->written < responses; i++) {
		/* the drills spread evenly between the exams */
		bool drill = done_exams * total >= (i + 1) * exams || done_exams == exams;
		double t = (double)i / (double)total;
		rc = attempt(g, drill, i + 1, START + (int64_t)i * HOUR, t);
		done_exams += !drill;
	}
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 4 || argc > 6) {
		fprintf(stderr, "usage: genhistory BANK DB RESPONSES [EXAMS [PRETEST_EVERY]]\n");
		return 2;
	}
	size_t responses = strtoull(argv[3], NULL, 10);
	size_t exams = argc > 4 ? strtoull(argv[4], NULL, 10) : 10000;
	mx_diags d;
	mx_diags_init(&d);
	mx_bank *b = NULL;
	mx_history *h = NULL;
	mx_error err;
	gen g = {.pretest_every = argc > 5 ? (unsigned)strtoul(argv[5], NULL, 10) : 4};
	int rc = 1;
	if (mx_bank_load(argv[1], NULL, &d, &b) != MX_OK) {
		fprintf(stderr, "genhistory: %s: the bank does not load\n", argv[1]);
		goto out;
	}
	unlink(argv[2]);
	if (mx_history_open(argv[2], &h, &err) != MX_OK) {
		fprintf(stderr, "genhistory: %s\n", mx_error_message(&err));
		goto out;
	}
	mx_history_close(h);
	size_t nq = mx_bank_count(b);
	g.bank = b;
	g.hash = calloc(nq, sizeof *g.hash);
	g.ease = calloc(nq, sizeof *g.ease);
	g.dir = realpath(argv[1], NULL);
	if (!g.hash || !g.ease || !g.dir)
		goto out;
	for (size_t q = 0; q < nq; q++) {
		mx_question_hash(mx_bank_question(b, q), g.hash[q]);
		g.ease[q] = 0.3 * (unit() - 0.5) + 0.05 * (double)(q % 3);
	}
	if (sqlite3_open(argv[2], &g.db) != SQLITE_OK || prepare(&g) ||
	    sqlite3_exec(g.db, "PRAGMA synchronous = OFF; BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "genhistory: %s\n", sqlite3_errmsg(g.db));
		goto out;
	}
	rc = add_questions(&g) || generate(&g, responses, exams);
	if (rc || sqlite3_exec(g.db, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL) !=
		      SQLITE_OK) {
		fprintf(stderr, "genhistory: %s\n", sqlite3_errmsg(g.db));
		rc = 1;
		goto out;
	}
	printf("%zu responses in %s\n", g.written, argv[2]);
out:
	sqlite3_finalize(g.attempt);
	sqlite3_finalize(g.item);
	sqlite3_close(g.db);
	free(g.hash);
	free(g.ease);
	free(g.dir);
	mx_bank_free(b);
	mx_diags_free(&d);
	return rc;
}
