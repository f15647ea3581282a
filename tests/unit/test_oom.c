/*
 * Out of memory, everywhere: the library's work runs again and again, the k-th
 * allocation failing in run k, for every k until a run needs no failure.  Each run must
 * end in a clean error or in success: no crash, no assertion, and (under ASan) no leak.
 *
 * The test links the library's objects with the linker's --wrap for malloc, calloc,
 * realloc, strdup and strndup (tests/meson.build), so every allocation the library
 * itself makes passes through failing_alloc(); the libraries it uses (libyaml, PCRE2,
 * SQLite) keep their own allocators, and the library's handling of their failures is
 * tested elsewhere.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "mockexam/attempt.h"
#include "mockexam/bank.h"
#include "mockexam/drill.h"
#include "mockexam/history.h"
#include "mockexam/report.h"
#include "mockexam/review.h"
#include "mockexam/sheet.h"
#include "mockexam/stats.h"

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);

static long fail_at; /* the allocation to fail, counting from 1; 0: none */
static long counted; /* allocations so far in this run */
static bool failed;  /* the run reached fail_at */

static bool should_fail(void)
{
	if (fail_at && ++counted == fail_at) {
		failed = true;
		return true;
	}
	return false;
}

void *__wrap_malloc(size_t size)
{
	return should_fail() ? NULL : __real_malloc(size);
}

void *__wrap_calloc(size_t n, size_t size)
{
	return should_fail() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t size)
{
	return should_fail() ? NULL : __real_realloc(p, size);
}

char *__wrap_strdup(const char *s)
{
	return should_fail() ? NULL : __real_strdup(s);
}

char *__wrap_strndup(const char *s, size_t n)
{
	return should_fail() ? NULL : __real_strndup(s, n);
}

/*
 * Runs scenario with the k-th allocation failing for k = 1, 2, ... until a run
 * completes without reaching its k.  The scenario returns what it reached; that a
 * failing run reaches less than a full one is what it must show.
 */
static long every_failure(int (*scenario)(void), int complete)
{
	for (long k = 1;; k++) {
		fail_at = k;
		counted = 0;
		failed = false;
		int reached = scenario();
		if (!failed) {
			fail_at = 0;
			assert_int_equal(reached, complete);
			print_message("%ld allocations, each failed once\n", k - 1);
			return k - 1;
		}
	}
}

/* ---- scenarios: each frees everything it made, whatever failed ---- */

static int load_and_lint(void)
{
	mx_diags d;
	mx_diags_init(&d);
	mx_bank *b = NULL;
	int reached = 0;
	if (mx_bank_load(MX_TEST_DATA "/good/tiny", NULL, &d, &b) == MX_OK) {
		reached = 1;
		if (mx_bank_lint(b, &d) == MX_OK)
			reached = 2;
	}
	mx_bank_free(b);
	mx_diags_free(&d);
	return reached;
}

static int bad_bank(void)
{
	mx_diags d;
	mx_diags_init(&d);
	mx_bank *b = NULL;
	mx_status st = mx_bank_load(MX_TEST_DATA "/bad/letters-in-text", NULL, &d, &b);
	mx_diags_free(&d);
	assert_null(b);
	return st == MX_ERR_INPUT; /* the errors found: with memory, the usual answer */
}

static int exam(void)
{
	mx_diags d;
	mx_diags_init(&d);
	mx_bank *b = NULL;
	mx_form *f = NULL;
	mx_attempt *a = NULL;
	mx_score *s = NULL;
	int reached = 0;
	mx_form_spec spec = {.seed = 7};
	if (mx_bank_load(MX_TEST_DATA "/good/tiny", NULL, &d, &b) != MX_OK ||
	    mx_form_build(b, &spec, &d, &f) != MX_OK || mx_attempt_new(f, 60000, &a) != MX_OK)
		goto out;
	reached = 1;
	mx_response r;
	mx_error err;
	if (mx_attempt_parse(a, 0, "A", &r, &err) != MX_OK ||
	    mx_attempt_answer(a, 0, &r, &err) != MX_OK ||
	    mx_attempt_choose(a, 1, 0, 0, &err) != MX_OK || mx_attempt_flag(a, 2, true, &err))
		goto out;
	reached = 2;
	mx_review rv;
	mx_review_item(f, 0, &a->items[0].response, &rv);
	if (mx_attempt_submit(a, &s, &err) == MX_OK)
		reached = 3;
out:
	mx_score_free(s);
	mx_attempt_free(a);
	mx_form_free(f);
	mx_bank_free(b);
	mx_diags_free(&d);
	return reached;
}

static char db_path[256];

static int history_round(void)
{
	mx_diags d;
	mx_diags_init(&d);
	mx_bank *b = NULL;
	mx_form *f = NULL, *f2 = NULL;
	mx_attempt *a = NULL, *a2 = NULL;
	mx_history *h = NULL;
	mx_report *rep = NULL;
	mx_stats *st = NULL;
	size_t *qs = NULL, n = 0;
	int reached = 0;
	mx_form_spec spec = {.seed = 3};
	mx_attempt_info info;
	mx_error err;
	unlink(db_path);
	if (mx_bank_load(MX_TEST_DATA "/good/tiny", NULL, &d, &b) != MX_OK ||
	    mx_history_open(db_path, &h, &err) != MX_OK || mx_form_build(b, &spec, &d, &f) ||
	    mx_attempt_new(f, 0, &a) || mx_history_start(h, a, "exam", &err) ||
	    mx_attempt_choose(a, 0, 1, 0, &err))
		goto out;
	reached = 1;
	if (mx_history_get(h, 0, &info, &err) || mx_history_resume(h, b, &info, &f2, &a2, &err))
		goto out;
	reached = 2;
	mx_report_spec rs = mx_report_spec_default();
	rs.sims = 200;
	mx_drill_spec ds = {.type = -1, .weakest = true, .count = 3};
	if (mx_report_build(h, b, &rs, &rep, &err) || mx_stats_build(h, b, &st, &err) ||
	    mx_drill_select(h, b, &ds, &qs, &n, &err))
		goto out;
	reached = 3;
out:
	free(qs);
	mx_stats_free(st);
	mx_report_free(rep);
	mx_attempt_free(a2);
	mx_form_free(f2);
	mx_attempt_free(a);
	mx_form_free(f);
	mx_history_close(h);
	mx_bank_free(b);
	mx_diags_free(&d);
	return reached;
}

static int answer_sheet(void)
{
	mx_diags d;
	mx_diags_init(&d);
	mx_sheet *s = NULL;
	int reached = mx_sheet_read(MX_TEST_DATA "/sheets/tiny-half.yaml", NULL, &d, &s) == MX_OK;
	mx_sheet_free(s);
	mx_diags_free(&d);
	return reached;
}

static void test_oom_loading_and_lint(void **state)
{
	assert_true(every_failure(load_and_lint, 2) > 10);
	assert_true(every_failure(bad_bank, 1) > 5);
	assert_true(every_failure(answer_sheet, 1) > 3);
}

static void test_oom_taking_an_exam(void **state)
{
	assert_true(every_failure(exam, 3) > 10);
}

static void test_oom_history_and_analyses(void **state)
{
	snprintf(db_path, sizeof db_path, "/tmp/mx-oom-%ld.db", (long)getpid());
	assert_true(every_failure(history_round, 3) > 20);
	unlink(db_path);
	char side[300];
	snprintf(side, sizeof side, "%s-wal", db_path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", db_path);
	unlink(side);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_oom_loading_and_lint),
	    cmocka_unit_test(test_oom_taking_an_exam),
	    cmocka_unit_test(test_oom_history_and_analyses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
