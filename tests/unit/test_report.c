/*
 * Analyses across history, checked against hand-computed values: readiness against the
 * exact beta-binomial answer, trends, Wilson intervals and priorities in the report,
 * point-biserial and KR-20 in the item statistics, and every drill filter.
 *
 * The fixture history: four submitted mock exams of the tiny bank, all with seed 7 (one
 * form, so KR-20 is the textbook one), right (1) and wrong (0) per question:
 *
 *            s1 m1 o1 | x1 s2 s3    total   domain 1  domain 2
 *   exam A    1  1  0 |  1  0  1      4        2/3       2/3
 *   exam B    1  0  0 |  1  0  0      2        1/3       1/3
 *   exam C    1  1  1 |  1  1  1      6        3/3       3/3
 *   exam D    0  1  1 |  1  1  1      5        2/3       3/3
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "mockexam/drill.h"
#include "mockexam/report.h"
#include "mockexam/stats.h"

static const char *const ids[] = {"s1", "m1", "o1", "x1", "s2", "s3"};
static const int right[4][6] = {
    {1, 1, 0, 1, 0, 1}, {1, 0, 0, 1, 0, 0}, {1, 1, 1, 1, 1, 1}, {0, 1, 1, 1, 1, 1}};

typedef struct fixture {
	char path[64];
	mx_bank *bank;
	mx_history *h;
	int64_t after; /* a moment after the fixture's answers */
} fixture;

/* A response to q that is right, or wrong in a way that fits its type. */
static mx_response response(const mx_question *q, bool ok)
{
	mx_response r = {.answered = true, .keys = q->answer};
	if (ok)
		return r;
	if (q->type == MX_TYPE_SINGLE)
		r.keys.k[0] = (uint8_t)((q->answer.k[0] + 1) % q->noptions);
	else if (q->type == MX_TYPE_MULTIPLE)
		r.keys.n = 1;
	else if (q->type == MX_TYPE_ORDERING) {
		uint8_t t = r.keys.k[0];
		r.keys.k[0] = r.keys.k[1];
		r.keys.k[1] = t;
	} else if (q->type == MX_TYPE_MATCHING)
		r.keys.k[0] = (uint8_t)((q->answer.k[0] + 1) % q->noptions);
	return r;
}

static int setup(void **state)
{
	fixture *fx = calloc(1, sizeof *fx);
	snprintf(fx->path, sizeof fx->path, "/tmp/mx-report-%ld.db", (long)getpid());
	unlink(fx->path);
	mx_diags d;
	mx_diags_init(&d);
	if (mx_bank_load(MX_TEST_DATA "/good/tiny", NULL, &d, &fx->bank) != MX_OK ||
	    mx_history_open(fx->path, &fx->h, NULL) != MX_OK)
		return -1;
	for (int e = 0; e < 4; e++) {
		mx_form_spec spec = {.seed = 7};
		mx_form *f = NULL;
		mx_attempt *a = NULL;
		mx_score *s = NULL;
		if (mx_form_build(fx->bank, &spec, &d, &f) != MX_OK ||
		    mx_attempt_new(f, 0, &a) != MX_OK ||
		    mx_history_start(fx->h, a, "exam", NULL) != MX_OK)
			return -1;
		for (int q = 0; q < 6; q++) {
			long qi = mx_bank_find_question(fx->bank, ids[q]);
			mx_response r =
			    response(mx_bank_question(fx->bank, (size_t)qi), right[e][q]);
			mx_attempt_answer(a, (size_t)mx_form_find(f, (size_t)qi), &r, NULL);
		}
		if (mx_attempt_submit(a, &s, NULL) != MX_OK)
			return -1;
		mx_score_free(s);
		mx_attempt_free(a);
		mx_form_free(f);
	}
	mx_diags_free(&d);
	fx->after = (int64_t)time(NULL) + 60;
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	mx_history_close(fx->h);
	mx_bank_free(fx->bank);
	char wal[80];
	snprintf(wal, sizeof wal, "%s-wal", fx->path);
	unlink(wal);
	snprintf(wal, sizeof wal, "%s-shm", fx->path);
	unlink(wal);
	unlink(fx->path);
	free(fx);
	return 0;
}

/* ---- pure functions ---- */

static void test_trend_is_the_least_squares_slope(void **state)
{
	assert_float_equal(mx_trend((const double[]){50, 60, 70}, 3), 10, 1e-12);
	assert_float_equal(mx_trend((const double[]){80, 70}, 2), -10, 1e-12);
	assert_true(isnan(mx_trend((const double[]){80}, 1)));
}

/* One domain, 10 questions, P = 700: a pass needs 7 right.  With ability ~ Beta(701, 301)
 * the exact beta-binomial gives P(X >= 7) = 0.64815; median 7 right (730), 10th
 * percentile 5 (550), 90th 9 (910). */
static void test_readiness_matches_the_beta_binomial(void **state)
{
	mx_domain dom = {.id = 1, .name = "All", .weight = 100, .weight_micro = 100000000};
	mx_profile p = {.question_count = 10,
			.passing_score = 700,
			.scale_lo = 100,
			.scale_hi = 1000,
			.cut = 2.0 / 3,
			.domains = &dom,
			.ndomains = 1};
	size_t correct[1] = {700}, total[1] = {1000};
	mx_readiness r, again;
	assert_int_equal(mx_readiness_estimate(&p, correct, total, 1, 10000, 30, &r), MX_OK);
	assert_true(r.known);
	assert_float_equal(r.pass_probability, 0.64815, 0.015); /* 3 standard errors */
	assert_int_equal(r.median, 730);
	assert_int_equal(r.p10, 550);
	assert_int_equal(r.p90, 910);
	assert_int_equal(r.responses, 1000);
	assert_int_equal(r.simulations, 10000);
	assert_int_equal(mx_readiness_estimate(&p, correct, total, 1, 10000, 30, &again), MX_OK);
	assert_true(again.pass_probability == r.pass_probability); /* the seed fixes it */
}

static void test_readiness_refuses_too_few_responses(void **state)
{
	mx_domain dom = {.id = 1, .name = "All", .weight = 100, .weight_micro = 100000000};
	mx_profile p = {.question_count = 10,
			.passing_score = 700,
			.scale_lo = 100,
			.scale_hi = 1000,
			.cut = 2.0 / 3,
			.domains = &dom,
			.ndomains = 1};
	size_t correct[1] = {20}, total[1] = {29};
	mx_readiness r;
	assert_int_equal(mx_readiness_estimate(&p, correct, total, 1, 10000, 30, &r), MX_OK);
	assert_false(r.known);
	assert_string_equal(r.reason, "29 responses so far; readiness needs at least 30");
}

static void test_point_biserial_and_kr20_by_hand(void **state)
{
	bool x[] = {1, 1, 0, 0, 1};
	double y[] = {4, 3, 2, 1, 5};
	assert_float_equal(mx_point_biserial(x, y, 5), 0.8660254, 1e-6); /* sqrt(3)/2 */
	bool same[] = {1, 1, 1};
	assert_true(isnan(mx_point_biserial(same, y, 3)));
	/* 4 candidates x 3 items: p = .75 .5 .25, totals 3 2 1 0 (variance 1.25): 0.75 */
	double totals[] = {3, 2, 1, 0}, pq = 0.1875 + 0.25 + 0.1875, spq[] = {pq, pq, pq, pq};
	assert_float_equal(mx_kr20(3, totals, spq, 4), 0.75, 1e-12);
	/* sampled forms whose questions look easy overall but whose totals spread widely:
	 * 2 x (1 - 0.1 / 1) = 1.8 is no reliability, so none */
	double spread[] = {2, 0}, small[] = {0.1, 0.1};
	assert_true(isnan(mx_kr20(2, spread, small, 2)));
	double flat[] = {2, 2};
	assert_true(isnan(mx_kr20(2, flat, small, 2)));
}

static void test_next_review_doubles_and_respects_the_exam_date(void **state)
{
	const int64_t day = 86400, t = 1000000;
	assert_int_equal(mx_next_review(t, 0, t, 0), t);
	assert_int_equal(mx_next_review(t, 1, t, 0), t + day);
	assert_int_equal(mx_next_review(t, 3, t, 0), t + 4 * day);
	assert_int_equal(mx_next_review(t, 3, t, t + 2 * day), t + day); /* half the days left */
}

/* ---- the report of the fixture ---- */

static void test_report_figures(void **state)
{
	fixture *fx = *state;
	mx_report *r;
	mx_report_spec spec = mx_report_spec_default();
	assert_int_equal(mx_report_build(fx->h, fx->bank, &spec, &r, NULL), MX_OK);
	assert_int_equal(r->attempts, 4);
	assert_int_equal(r->exams, 4);
	assert_int_equal(r->responses, 24);
	const mx_area *d1 = &r->domains[0], *d2 = &r->domains[1];
	assert_int_equal(d1->responses, 12);
	assert_int_equal(d1->correct, 8);
	assert_float_equal(d1->percent, 66.6667, 1e-3);
	assert_float_equal(d1->low, 39.0618, 1e-3);
	assert_float_equal(d1->high, 86.1882, 1e-3);
	assert_true(d1->meets);
	assert_int_equal(d2->correct, 9);
	assert_float_equal(d2->low, 46.7690, 1e-3);
	assert_float_equal(d2->high, 91.1060, 1e-3);
	/* priorities: 50 x (1 - 9/14) = 17.86 for domain 1 against 50 x (1 - 10/14) = 14.29 */
	assert_float_equal(d1->priority_score, 50.0 * 5 / 14, 1e-9);
	assert_int_equal(d1->priority, 1);
	assert_int_equal(d2->priority, 2);
	/* domain 1 over the four exams: 66.7, 33.3, 100, 66.7: slope 6.67 points per exam */
	assert_int_equal(d1->trend_exams, 4);
	assert_float_equal(d1->trend, 6.6667, 1e-3);
	assert_int_equal(r->nscores, 4);
	int want[] = {700, 400, 1000, 850};
	for (int i = 0; i < 4; i++)
		assert_int_equal(r->scores[i].scaled, want[i]);
	/* readiness rests on first answers: the six of exam A; B, C and D repeat them */
	assert_false(r->readiness.known);
	assert_int_equal(r->readiness.responses, 6);
	assert_int_equal(r->readiness.repeats, 18);
	assert_string_equal(r->readiness.reason, "6 first answers so far (18 repeats left out); "
						 "readiness needs at least 30");
	assert_string_equal(r->next_command, "mockexam drill tiny --domain 1");
	mx_report_free(r);
	spec.min_responses = 20; /* enough answers, too few of them first: used up */
	assert_int_equal(mx_report_build(fx->h, fx->bank, &spec, &r, NULL), MX_OK);
	assert_false(r->readiness.known);
	assert_non_null(strstr(r->readiness.reason, "the bank is used up: 6 first answers and 18"));
	mx_report_free(r);
	spec.min_responses = 6;
	assert_int_equal(mx_report_build(fx->h, fx->bank, &spec, &r, NULL), MX_OK);
	assert_true(r->readiness.known);
	assert_int_equal(r->readiness.responses, 6);
	mx_report_free(r);
	spec.last = 2; /* answers before the window still make the window's repeats */
	assert_int_equal(mx_report_build(fx->h, fx->bank, &spec, &r, NULL), MX_OK);
	assert_false(r->readiness.known);
	assert_int_equal(r->readiness.responses, 0);
	assert_int_equal(r->readiness.repeats, 12);
	mx_report_free(r);
	spec = mx_report_spec_default();
	spec.last = 2; /* the last two attempts: C and D */
	assert_int_equal(mx_report_build(fx->h, fx->bank, &spec, &r, NULL), MX_OK);
	assert_int_equal(r->attempts, 2);
	assert_int_equal(r->domains[0].correct, 5);
	assert_int_equal(r->domains[1].correct, 6);
	mx_report_free(r);
}

static void test_stats_figures(void **state)
{
	fixture *fx = *state;
	mx_stats *s;
	assert_int_equal(mx_stats_build(fx->h, fx->bank, &s, NULL), MX_OK);
	const mx_item_stats *s1 = &s->items[mx_bank_find_question(fx->bank, "s1")];
	assert_int_equal(s1->responses, 4);
	assert_int_equal(s1->correct, 3);
	assert_float_equal(s1->p, 0.75, 1e-12);
	/* s1 against the rest of each exam: (1, 3) (1, 1) (1, 5) (0, 5) */
	assert_float_equal(s1->point_biserial, -0.5222330, 1e-6);
	assert_int_equal(s1->picks[1], 3); /* the key, B */
	assert_int_equal(s1->picks[2], 1); /* the wrong answer given, C */
	/* KR-20 of the four exams: p = .75 .75 .5 1 .5 .75, variance of totals 2.1875 */
	assert_int_equal(s->kr20_attempts, 4);
	assert_float_equal(s->kr20, 0.6171429, 1e-6);
	assert_string_equal(s->kr20_reason, "");
	const mx_item_stats *t1 = &s->items[mx_bank_find_question(fx->bank, "t1")];
	assert_int_equal(t1->responses, 0);
	assert_true(isnan(t1->p));
	mx_stats_free(s);
}

/* ---- histories of their own, for the walk over responses ---- */

typedef struct own {
	char path[80];
	mx_history *h;
	size_t scored;	     /* scored responses of the submitted exams */
	bool unscored_first; /* an unscored question stood before a scored one */
} own;

/* n submitted mock exams of the fixture's bank, seeds 11, 12..., answers right and wrong in
 * turn; with pretest questions when asked. */
static void own_history(own *o, const mx_bank *b, const char *name, int n, bool pretest)
{
	snprintf(o->path, sizeof o->path, "/tmp/mx-report-%s-%ld.db", name, (long)getpid());
	unlink(o->path);
	assert_int_equal(mx_history_open(o->path, &o->h, NULL), MX_OK);
	for (int e = 0; e < n; e++) {
		mx_form_spec spec = {.seed = 11 + (uint64_t)e, .pretest = pretest};
		mx_form *f = NULL;
		mx_attempt *a = NULL;
		mx_score *s = NULL;
		mx_diags d;
		mx_diags_init(&d);
		assert_int_equal(mx_form_build(b, &spec, &d, &f), MX_OK);
		assert_int_equal(mx_attempt_new(f, 0, &a), MX_OK);
		assert_int_equal(mx_history_start(o->h, a, "exam", NULL), MX_OK);
		bool unscored = false;
		for (size_t i = 0; i < f->n; i++) {
			mx_response r = response(mx_bank_question(b, f->items[i].question),
						 (i + (size_t)e) % 2);
			assert_int_equal(mx_attempt_answer(a, i, &r, NULL), MX_OK);
			o->scored += f->items[i].scored;
			o->unscored_first |= unscored && f->items[i].scored;
			unscored |= !f->items[i].scored;
		}
		assert_int_equal(mx_attempt_submit(a, &s, NULL), MX_OK);
		mx_score_free(s);
		mx_attempt_free(a);
		mx_form_free(f);
		mx_diags_free(&d);
	}
}

static void own_free(own *o)
{
	char side[96];
	mx_history_close(o->h);
	snprintf(side, sizeof side, "%s-wal", o->path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", o->path);
	unlink(side);
	unlink(o->path);
}

static void own_sql(const own *o, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(o->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

/* The walk as "attempt:position" words. */
typedef struct trail {
	char text[1024];
	size_t n;
} trail;

static int follow(const mx_response_row *r, void *ctx)
{
	trail *t = ctx;
	size_t len = strlen(t->text);
	snprintf(t->text + len, sizeof t->text - len, "%s%ld:%zu", len ? " " : "", r->attempt,
		 r->position);
	t->n++;
	return 0;
}

static const char *walk(const own *o, const mx_bank *b, mx_status want)
{
	static trail t;
	static mx_error err;
	memset(&t, 0, sizeof t);
	assert_int_equal(mx_history_responses(o->h, b, 0, MX_ROW_ALL, follow, &t, &err), want);
	return want == MX_OK ? t.text : err.message;
}

static const char *const in_order = "1:0 1:1 1:2 1:3 1:4 1:5 2:0 2:1 2:2 2:3 2:4 2:5";

static void test_responses_come_oldest_attempt_first(void **state)
{
	fixture *fx = *state;
	own o = {0};
	own_history(&o, fx->bank, "walk", 2, false);
	assert_string_equal(walk(&o, fx->bank, MX_OK), in_order);
	/* a clock set back: the second attempt started first, and comes first */
	own_sql(&o, "UPDATE attempts SET started = started - 3600 WHERE id = 2");
	assert_string_equal(walk(&o, fx->bank, MX_OK),
			    "2:0 2:1 2:2 2:3 2:4 2:5 1:0 1:1 1:2 1:3 1:4 1:5");
	/* another exam's attempts, most of the history: the same rows, read by the index */
	own_sql(
	    &o,
	    "UPDATE attempts SET started = started + 3600 WHERE id = 2;"
	    "INSERT INTO attempts (kind, exam, bank_hash, seed, questions, pretest, limit_ms,"
	    " started) SELECT kind, 'other', bank_hash, seed, 100, 0, 0, started FROM attempts;");
	assert_string_equal(walk(&o, fx->bank, MX_OK), in_order);
	own_free(&o);
}

/* Every field of every row, one line per row. */
static int dump(const mx_response_row *r, void *ctx)
{
	trail *t = ctx;
	size_t len = strlen(t->text);
	snprintf(t->text + len, sizeof t->text - len,
		 "%ld:%zu %s %s %s %d %ld %d %ld %ld %s %d%d%d%d %lld\n", r->attempt, r->position,
		 r->question_id, r->question_hash, r->task ? r->task : "-", r->domain, r->question,
		 r->unchanged, r->domain_index, r->task_index, r->response ? r->response : "-",
		 r->answered, r->credit, r->scored, r->flagged, (long long)r->answered_at);
	t->n++;
	return 0;
}

static const char *dump_walk(const own *o, const mx_bank *b, unsigned fields)
{
	static trail t;
	memset(&t, 0, sizeof t);
	assert_int_equal(mx_history_responses(o->h, b, 0, fields, dump, &t, NULL), MX_OK);
	assert_true(strlen(t.text) < sizeof t.text - 1);
	return t.text;
}

/*
 * A walk reads the fields it is asked for and leaves the others NULL or 0, the same in
 * the scan and in the ordered join; every row carries its question resolved against the
 * bank, and a question whose content changed since is not "unchanged".
 */
static void test_responses_carry_the_fields_asked(void **state)
{
	fixture *fx = *state;
	own o = {0};
	own_history(&o, fx->bank, "fields", 1, false);
	own_sql(&o, "UPDATE items SET flagged = 1, answered_at = 77 WHERE position = 1;"
		    "UPDATE questions SET question_hash = 'old' WHERE id = (SELECT question FROM "
		    "items WHERE position = 2)");
	char all[1024], none[1024];
	snprintf(all, sizeof all, "%s", dump_walk(&o, fx->bank, MX_ROW_ALL));
	snprintf(none, sizeof none, "%s", dump_walk(&o, fx->bank, 0));
	trail t = {0};
	/* the rows of MX_ROW_ALL, fields left out set to nothing */
	for (const char *line = all; *line;) {
		long attempt, question, di, ti;
		size_t pos;
		char qid[32], hash[32], task[16], resp[32];
		int domain, unchanged, answered, credit, scored, flagged;
		long long at;
		int used = 0;
		assert_int_equal(
		    sscanf(line,
			   "%ld:%zu %31s %31s %15s %d %ld %d %ld %ld %31s %1d%1d%1d%1d %lld\n%n",
			   &attempt, &pos, qid, hash, task, &domain, &question, &unchanged, &di,
			   &ti, resp, &answered, &credit, &scored, &flagged, &at, &used),
		    16);
		assert_true(question >= 0 && di >= 0);
		assert_int_equal(unchanged, strcmp(hash, "old") != 0);
		size_t len = strlen(t.text);
		snprintf(t.text + len, sizeof t.text - len,
			 "%ld:%zu %s %s %s %d %ld %d %ld %ld - %d%d00 0\n", attempt, pos, qid, hash,
			 task, domain, question, unchanged, di, ti, answered, credit);
		line += used;
	}
	assert_string_equal(none, t.text);
	assert_non_null(strstr(all, "1 77\n")); /* flagged, answered at 77 */
	/* the ordered join (a clock set back makes the scan give way) gives the same rows */
	own_sql(&o, "INSERT INTO attempts (kind, exam, bank_hash, seed, questions, pretest, "
		    "limit_ms, started) VALUES ('exam', 'tiny', 'x', 1, 1, 0, 0, 1)");
	assert_string_equal(dump_walk(&o, fx->bank, MX_ROW_ALL), all);
	assert_string_equal(dump_walk(&o, fx->bank, 0), none);
	own_free(&o);
}

/* Each line of a dump without its attempt id (up to the first ':'). */
static void without_attempts(const char *dump, char *out, size_t size)
{
	size_t len = 0;
	for (const char *line = dump; *line && len + 1 < size;) {
		const char *colon = strchr(line, ':'), *end = strchr(line, '\n');
		assert_non_null(colon);
		assert_non_null(end);
		len +=
		    (size_t)snprintf(out + len, size - len, "%.*s", (int)(end - colon + 1), colon);
		line = end + 1;
	}
}

/* Ids a hand-edited history may hold, at the ends of their range: the same rows. */
static void test_responses_survive_extreme_ids(void **state)
{
	fixture *fx = *state;
	own o = {0};
	own_history(&o, fx->bank, "ids", 1, false);
	char before[1024], after[1024];
	without_attempts(dump_walk(&o, fx->bank, MX_ROW_ALL), before, sizeof before);
	own_sql(&o, "UPDATE items SET question = -9223372036854775808 WHERE question = "
		    "(SELECT min(id) FROM questions);"
		    "UPDATE questions SET id = -9223372036854775808 WHERE id = "
		    "(SELECT min(id) FROM questions);"
		    "UPDATE items SET question = 9223372036854775807 WHERE question = "
		    "(SELECT max(id) FROM questions);"
		    "UPDATE questions SET id = 9223372036854775807 WHERE id = "
		    "(SELECT max(id) FROM questions);"
		    "UPDATE items SET attempt_id = -1; UPDATE attempts SET id = -1;");
	const char *dump = dump_walk(&o, fx->bank, MX_ROW_ALL);
	assert_true(strncmp(dump, "-1:0 ", 5) == 0);
	without_attempts(dump, after, sizeof after);
	assert_string_equal(after, before);
	own_free(&o);
}

/* Moments no history holds (they would overflow review intervals) are damage, said so. */
static void test_responses_with_impossible_times_are_refused(void **state)
{
	fixture *fx = *state;
	own o = {0};
	own_history(&o, fx->bank, "times", 1, false);
	own_sql(&o, "UPDATE items SET answered_at = 9223372036854775807 WHERE position = 2");
	assert_string_equal(walk(&o, fx->bank, MX_ERR_DATABASE),
			    "the history is damaged: a response of attempt 1 has an impossible "
			    "answer time");
	own_sql(&o, "UPDATE items SET answered_at = 1700000000;"
		    "UPDATE attempts SET started = -1");
	assert_string_equal(walk(&o, fx->bank, MX_ERR_DATABASE),
			    "the history is damaged: attempt 1 has an impossible value (its start "
			    "time); it was not used");
	own_free(&o);
}

static void test_responses_stored_out_of_order_are_refused(void **state)
{
	fixture *fx = *state;
	own o = {0};
	own_history(&o, fx->bank, "disorder", 2, false);
	/* rewritten by hand: attempt 1's first item now lies after attempt 2's */
	own_sql(&o, "CREATE TEMP TABLE t AS SELECT * FROM items WHERE attempt_id = 1 AND "
		    "position = 0; DELETE FROM items WHERE attempt_id = 1 AND position = 0; "
		    "INSERT INTO items SELECT * FROM t;");
	assert_string_equal(walk(&o, fx->bank, MX_ERR_DATABASE),
			    "the history is damaged: the responses of attempt 1 are stored out "
			    "of order");
	own_free(&o);
}

/* Pretest questions stand among the scored ones: every scored response still counts. */
static void test_stats_pretest_exams_count_every_scored_response(void **state)
{
	fixture *fx = *state;
	own o = {0};
	own_history(&o, fx->bank, "pretest", 3, true);
	assert_true(o.unscored_first);
	mx_stats *s;
	assert_int_equal(mx_stats_build(o.h, fx->bank, &s, NULL), MX_OK);
	size_t n = 0;
	for (size_t q = 0; q < s->n; q++)
		n += s->items[q].discrimination_n;
	assert_int_equal(n, o.scored);
	assert_int_equal(s->kr20_attempts, 3);
	mx_stats_free(s);
	own_free(&o);
}

/* ---- drill filters ---- */

static char *chosen(fixture *fx, mx_drill_spec spec)
{
	static char buf[128];
	size_t *q, n;
	spec.count = spec.count ? spec.count : 20;
	assert_int_equal(mx_drill_select(fx->h, fx->bank, &spec, &q, &n, NULL), MX_OK);
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		strcat(buf, i ? " " : "");
		strcat(buf, mx_bank_question(fx->bank, q[i])->id);
	}
	free(q);
	return buf;
}

/* The chosen ids, sorted, for filters whose order is random. */
static char *chosen_sorted(fixture *fx, mx_drill_spec spec)
{
	char *s = chosen(fx, spec), *words[16];
	size_t n = 0;
	for (char *w = strtok(s, " "); w && n < 16; w = strtok(NULL, " "))
		words[n++] = w;
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp(words[j - 1], words[j]) > 0; j--) {
			char *t = words[j];
			words[j] = words[j - 1];
			words[j - 1] = t;
		}
	static char out[128];
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		strcat(out, i ? " " : "");
		strcat(out, words[i]);
	}
	return out;
}

static void test_drill_filters(void **state)
{
	fixture *fx = *state;
	int d2[] = {2};
	assert_string_equal(
	    chosen_sorted(fx, (mx_drill_spec){.domains = d2, .ndomains = 1, .type = -1}),
	    "s2 s3 x1");
	assert_string_equal(chosen_sorted(fx, (mx_drill_spec){.type = MX_TYPE_TEXT}), "t1");
	assert_string_equal(chosen_sorted(fx, (mx_drill_spec){.task = "1.2", .type = -1}), "m1");
	assert_string_equal(chosen_sorted(fx, (mx_drill_spec){.match = "(?i)SOUND", .type = -1}),
			    "x1");
	assert_string_equal(chosen_sorted(fx, (mx_drill_spec){.missed = true, .type = -1}), "s1");
	assert_string_equal(chosen_sorted(fx, (mx_drill_spec){.type = -1}), "m1 o1 s1 s2 s3 t1 x1");
	size_t all = strlen(chosen(fx, (mx_drill_spec){.type = -1, .count = 3}));
	assert_true(all > 0 && all <= 8); /* three ids of two letters */
}

/* Flags the questions of ids in a new attempt (each left unanswered), and submits it or
 * leaves it open. */
static void flag_in_new_attempt(fixture *fx, const char *const *which, size_t n, bool submit)
{
	mx_diags d;
	mx_diags_init(&d);
	mx_form_spec spec = {.seed = 3};
	mx_form *f = NULL;
	mx_attempt *a = NULL;
	assert_int_equal(mx_form_build(fx->bank, &spec, &d, &f), MX_OK);
	assert_int_equal(mx_attempt_new(f, 0, &a), MX_OK);
	assert_int_equal(mx_history_start(fx->h, a, "exam", NULL), MX_OK);
	for (size_t i = 0; i < f->n; i++) {
		const char *id = mx_bank_question(fx->bank, f->items[i].question)->id;
		bool flag = false;
		for (size_t k = 0; k < n; k++)
			flag |= strcmp(id, which[k]) == 0;
		assert_int_equal(mx_attempt_flag(a, i, flag, NULL), MX_OK);
	}
	mx_score *s = NULL;
	if (submit) {
		assert_int_equal(mx_attempt_submit(a, &s, NULL), MX_OK);
		mx_score_free(s);
	}
	mx_attempt_free(a);
	mx_form_free(f);
	mx_diags_free(&d);
}

static void test_drill_flagged_follows_the_latest_flag(void **state)
{
	fixture *fx = *state;
	mx_drill_spec flagged = {.flagged = true, .type = -1};
	assert_string_equal(chosen_sorted(fx, flagged), ""); /* nothing flagged: no error */
	const char *const two[] = {"s2", "m1"}, *const one[] = {"m1"};
	flag_in_new_attempt(fx, two, 2, true);
	assert_string_equal(chosen_sorted(fx, flagged), "m1 s2");
	flag_in_new_attempt(fx, one, 1, true); /* s2 shown again, not flagged: no longer */
	assert_string_equal(chosen_sorted(fx, flagged), "m1");
	int d2[] = {2}; /* filters combine */
	assert_string_equal(
	    chosen_sorted(
		fx, (mx_drill_spec){.flagged = true, .domains = d2, .ndomains = 1, .type = -1}),
	    "");
}

static void test_drill_due_follows_the_schedule(void **state)
{
	fixture *fx = *state;
	/* now: only s1 (wrong last) is due; in three days, the streaks of two (m1 o1 s2 s3)
	 * are due too, but not x1 (four right: eight days) */
	assert_string_equal(
	    chosen_sorted(fx, (mx_drill_spec){.due = true, .type = -1, .now = fx->after}), "s1");
	assert_string_equal(
	    chosen_sorted(fx,
			  (mx_drill_spec){.due = true, .type = -1, .now = fx->after + 3 * 86400}),
	    "m1 o1 s1 s2 s3");
	/* with the exam in two days, intervals are capped at one day: all but x1 are due
	 * tomorrow, and x1 too, whose eight days are capped the same way */
	assert_string_equal(chosen_sorted(fx, (mx_drill_spec){.due = true,
							      .type = -1,
							      .now = fx->after + 86400 + 60,
							      .exam_date = fx->after + 3 * 86400}),
			    "m1 o1 s1 s2 s3 x1");
}

static void test_drill_weakest_first(void **state)
{
	fixture *fx = *state;
	/* need: o1 and t1 (domain 1, no task) 17.86; x1 s2 s3 (domain 2) 14.29; s1 m1
	 * (tasks 1.1 and 1.2: 25 x (1 - 4/6)) 8.33 */
	char *order = chosen(fx, (mx_drill_spec){.weakest = true, .type = -1});
	char first[16], last[16];
	assert_int_equal(sscanf(order, "%15s", first), 1);
	assert_true(!strcmp(first, "o1") || !strcmp(first, "t1"));
	const char *tail = strrchr(order, ' ') + 1;
	snprintf(last, sizeof last, "%s", tail);
	assert_true(!strcmp(last, "s1") || !strcmp(last, "m1"));
	assert_string_equal(
	    chosen_sorted(fx, (mx_drill_spec){.weakest = true, .type = -1, .count = 2}), "o1 t1");
}

static void test_drill_bad_pattern_names_the_offset(void **state)
{
	fixture *fx = *state;
	size_t *q, n;
	mx_error err;
	mx_drill_spec spec = {.match = "ab(c", .type = -1, .count = 5};
	assert_int_equal(mx_drill_select(fx->h, fx->bank, &spec, &q, &n, &err), MX_ERR_INPUT);
	assert_string_equal(
	    err.message,
	    "pattern 'ab(c' does not compile: missing closing parenthesis at offset 4");
	/* a pattern that exhausts PCRE2's backtracking limit is an error, never "no match" */
	mx_drill_spec slow = {.match = "^(\\w+\\s?)*$", .type = -1, .count = 5};
	assert_int_equal(mx_drill_select(fx->h, fx->bank, &slow, &q, &n, &err), MX_ERR_INPUT);
	assert_non_null(strstr(err.message, "hit its match limit on question"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_trend_is_the_least_squares_slope),
	    cmocka_unit_test(test_readiness_matches_the_beta_binomial),
	    cmocka_unit_test(test_readiness_refuses_too_few_responses),
	    cmocka_unit_test(test_point_biserial_and_kr20_by_hand),
	    cmocka_unit_test(test_next_review_doubles_and_respects_the_exam_date),
	    cmocka_unit_test(test_report_figures),
	    cmocka_unit_test(test_stats_figures),
	    cmocka_unit_test(test_responses_come_oldest_attempt_first),
	    cmocka_unit_test(test_responses_stored_out_of_order_are_refused),
	    cmocka_unit_test(test_responses_carry_the_fields_asked),
	    cmocka_unit_test(test_responses_survive_extreme_ids),
	    cmocka_unit_test(test_responses_with_impossible_times_are_refused),
	    cmocka_unit_test(test_stats_pretest_exams_count_every_scored_response),
	    cmocka_unit_test(test_drill_filters),
	    cmocka_unit_test(test_drill_due_follows_the_schedule),
	    cmocka_unit_test(test_drill_weakest_first),
	    cmocka_unit_test(test_drill_bad_pattern_names_the_offset),
	    /* last: it adds attempts to the fixture's history */
	    cmocka_unit_test(test_drill_flagged_follows_the_latest_flag),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
