/* Loading banks through the public API: what a loaded bank holds, and what lint warns. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "mockexam/bank.h"

static mx_bank *load(const char *name, mx_diags *d)
{
	char dir[512];
	snprintf(dir, sizeof dir, "%s/%s", MX_TEST_DATA, name);
	mx_diags_init(d);
	mx_bank *b = NULL;
	mx_bank_load(dir, NULL, d, &b);
	return b;
}

static const mx_question *find(const mx_bank *b, const char *id)
{
	long i = mx_bank_find_question(b, id);
	assert_true(i >= 0);
	return mx_bank_question(b, (size_t)i);
}

static void test_bank_tiny_profile(void **state)
{
	mx_diags d;
	mx_bank *b = load("good/tiny", &d);
	assert_non_null(b);
	assert_int_equal(d.errors, 0);
	const mx_profile *p = mx_bank_profile(b);
	assert_string_equal(p->id, "tiny");
	assert_int_equal(p->question_count, 6);
	assert_int_equal(p->unscored_count, 2);
	assert_int_equal(p->scale_lo, 100);
	assert_int_equal(p->scale_hi, 1000);
	assert_float_equal(p->cut, 2.0 / 3.0, 1e-12);
	assert_int_equal(p->ndomains, 2);
	assert_int_equal(p->domains[0].weight_micro, 50000000);
	assert_int_equal(p->domains[0].ntasks, 2);
	assert_string_equal(p->domains[0].tasks[1].id, "1.2");
	assert_int_equal(mx_bank_count(b), 7);
	assert_int_equal(mx_bank_case_count(b), 1);
	assert_int_equal(strlen(mx_bank_hash(b)), 16);
	mx_bank_free(b);
	mx_diags_free(&d);
}

static void test_bank_tiny_questions(void **state)
{
	mx_diags d;
	mx_bank *b = load("good/tiny", &d);
	assert_non_null(b);
	const mx_question *s1 = find(b, "s1");
	assert_int_equal(s1->type, MX_TYPE_SINGLE);
	assert_int_equal(s1->task, 0);
	assert_int_equal(s1->difficulty, 1);
	assert_int_equal(s1->answer.n, 1);
	assert_int_equal(s1->answer.k[0], 1);
	assert_true(s1->shuffle);
	assert_int_equal(s1->tags.n, 1);
	assert_int_equal(s1->line, 39);
	const mx_question *m1 = find(b, "m1");
	assert_int_equal(m1->answer.n, 2);
	assert_int_equal(m1->answer.k[0], 1);
	assert_int_equal(m1->answer.k[1], 3);
	const mx_question *o1 = find(b, "o1");
	assert_int_equal(o1->nitems, 3);
	assert_memory_equal(o1->answer.k, ((uint8_t[]){1, 2, 0}), 3);
	const mx_question *x1 = find(b, "x1");
	assert_int_equal(x1->nprompts, 3);
	assert_memory_equal(x1->answer.k, ((uint8_t[]){2, 0, 1}), 3);
	const mx_question *s2 = find(b, "s2");
	assert_false(s2->shuffle);
	assert_int_equal(s2->case_index, 0);
	assert_string_equal(mx_bank_case(b, 0)->id, "shop");
	mx_bank_free(b);
	mx_diags_free(&d);
}

static void test_bank_text_answers_match_accept_patterns(void **state)
{
	mx_diags d;
	mx_bank *b = load("good/tiny", &d);
	assert_non_null(b);
	const mx_question *t1 = find(b, "t1");
	assert_string_equal(t1->answer_text, "Guardrails");
	assert_true(mx_question_accepts(b, t1, "guardrails"));
	assert_true(mx_question_accepts(b, t1, "  Amazon Bedrock Guardrails \n"));
	assert_true(mx_question_accepts(b, t1, "GUARDRAIL"));
	assert_false(mx_question_accepts(b, t1, "guard rails"));
	assert_false(mx_question_accepts(b, t1, ""));
	assert_false(mx_question_accepts(b, find(b, "s1"), "guardrails"));
	mx_bank_free(b);
	mx_diags_free(&d);
}

static void test_bank_multi_file_order_and_excludes(void **state)
{
	mx_diags d;
	mx_bank *b = load("good/multi", &d);
	assert_non_null(b);
	assert_int_equal(d.errors, 0);
	/* exam.yaml first, then files in byte order of their relative paths */
	assert_string_equal(mx_bank_question(b, 0)->id, "m-1-01");
	const mx_question *last = mx_bank_question(b, mx_bank_count(b) - 1);
	assert_string_equal(last->id, "m-2-09");
	/* excludes hold both directions */
	const mx_question *a = find(b, "m-1-02"), *c = find(b, "m-1-03");
	assert_int_equal(a->nexcludes, 1);
	assert_int_equal(c->nexcludes, 1);
	assert_string_equal(mx_bank_question(b, c->excludes[0])->id, "m-1-02");
	mx_bank_free(b);
	mx_diags_free(&d);
}

static void test_bank_bad_reports_every_file(void **state)
{
	mx_diags d;
	mx_bank *b = load("bad/errors-in-many-files", &d);
	assert_null(b);
	assert_int_equal(d.errors, 4);
	mx_diags_free(&d);
}

static void test_bank_missing_directory_is_a_system_error(void **state)
{
	mx_diags d;
	mx_diags_init(&d);
	mx_bank *b = NULL;
	assert_int_equal(mx_bank_load("/nonexistent/bank", NULL, &d, &b), MX_ERR_SYSTEM);
	assert_null(b);
	assert_int_equal(d.errors, 1);
	mx_diags_free(&d);
}

static void test_lint_reports_each_warning(void **state)
{
	mx_diags d;
	mx_bank *b = load("warn", &d);
	assert_non_null(b);
	assert_int_equal(mx_bank_lint(b, &d), MX_OK);
	assert_int_equal(d.errors, 0);
	assert_int_equal(d.warnings, 5);
	mx_diags_sort(&d);
	assert_non_null(strstr(d.items[0].message, "bank format 1: explanations may name"));
	assert_int_equal(d.items[0].line, 2);
	assert_non_null(strstr(d.items[1].message, "10 of its 10 single-answer keys are 'A'"));
	assert_non_null(strstr(d.items[2].message, "domain 2 has 1 question;"));
	assert_non_null(strstr(d.items[3].message, "same stem as 'w1-01'"));
	assert_non_null(strstr(d.items[4].message, "has no references"));
	mx_bank_free(b);
	mx_diags_free(&d);
}

static void test_bank_format2_reasons_stand_beside_their_choices(void **state)
{
	mx_diags d;
	mx_bank *b = load("good/tiny", &d);
	assert_non_null(b);
	assert_int_equal(mx_bank_profile(b)->format, 2);
	const mx_question *s1 = find(b, "s1");
	assert_string_equal(s1->why[0], "The first letter comes first.");
	assert_string_equal(s1->why[1], "The second letter comes second.");
	assert_string_equal(s1->why[3], "The fourth letter comes fourth.");
	assert_null(s1->explanation);	       /* reasons alone are enough in format 2 */
	const mx_question *o1 = find(b, "o1"); /* ordering: by item, where given */
	assert_string_equal(o1->why[0], "Three is the largest.");
	assert_string_equal(o1->why[1], "One is the smallest.");
	assert_null(o1->why[2]);
	const mx_question *x1 = find(b, "x1"); /* matching: by prompt */
	assert_string_equal(x1->why[0], "Cats meow.");
	assert_null(x1->why[1]);
	assert_string_equal(x1->why[2], "Cows moo.");
	assert_null(find(b, "t1")->why);
	mx_bank_free(b);
	mx_diags_free(&d);
}

static void test_bank_format1_loads_and_lint_suggests_format2(void **state)
{
	mx_diags d;
	mx_bank *b = load("good/v1", &d);
	assert_non_null(b);
	assert_int_equal(mx_bank_profile(b)->format, 1);
	assert_null(find(b, "s1")->why);
	assert_string_equal(find(b, "s1")->explanation, "B is second; A, C and D are not.");
	assert_int_equal(mx_bank_lint(b, &d), MX_OK);
	assert_int_equal(d.warnings, 1);
	assert_int_equal(d.items[0].line, 4);
	assert_int_equal(d.items[0].column, 9);
	assert_non_null(strstr(d.items[0].message, "move to format 2"));
	mx_bank_free(b);
	mx_diags_free(&d);
}

static void test_lint_clean_bank_has_no_warnings(void **state)
{
	mx_diags d;
	mx_bank *b = load("good/tiny", &d);
	assert_non_null(b);
	assert_int_equal(mx_bank_lint(b, &d), MX_OK);
	assert_int_equal(d.count, 0);
	mx_bank_free(b);
	mx_diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_bank_tiny_profile),
	    cmocka_unit_test(test_bank_tiny_questions),
	    cmocka_unit_test(test_bank_text_answers_match_accept_patterns),
	    cmocka_unit_test(test_bank_multi_file_order_and_excludes),
	    cmocka_unit_test(test_bank_bad_reports_every_file),
	    cmocka_unit_test(test_bank_missing_directory_is_a_system_error),
	    cmocka_unit_test(test_lint_reports_each_warning),
	    cmocka_unit_test(test_bank_format2_reasons_stand_beside_their_choices),
	    cmocka_unit_test(test_bank_format1_loads_and_lint_suggests_format2),
	    cmocka_unit_test(test_lint_clean_bank_has_no_warnings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
