/* Answer sheets: parsing, turning answers into responses, and every error a sheet can hold. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "mockexam/sheet.h"

typedef struct fixture {
	mx_bank *bank;
	mx_form *form;
	char path[64];
} fixture;

static int setup(void **state)
{
	fixture *fx = calloc(1, sizeof *fx);
	mx_diags d;
	mx_diags_init(&d);
	mx_bank_load(MX_TEST_DATA "/good/tiny", NULL, &d, &fx->bank);
	mx_form_spec spec = {.seed = 7};
	mx_form_build(fx->bank, &spec, &d, &fx->form);
	mx_diags_free(&d);
	snprintf(fx->path, sizeof fx->path, "/tmp/mx-sheet-%ld.yaml", (long)getpid());
	*state = fx;
	return fx->form ? 0 : -1;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	unlink(fx->path);
	mx_form_free(fx->form);
	mx_bank_free(fx->bank);
	free(fx);
	return 0;
}

/* Writes text as a sheet, reads and applies it; returns the status and fills d. */
static mx_status apply(fixture *fx, const char *text, mx_diags *d, mx_response *r)
{
	FILE *f = fopen(fx->path, "w");
	fputs(text, f);
	fclose(f);
	mx_diags_init(d);
	mx_sheet *s = NULL;
	mx_status st = mx_sheet_read(fx->path, NULL, d, &s);
	if (st == MX_OK)
		st = mx_sheet_apply(s, fx->form, d, r);
	mx_sheet_free(s);
	return st;
}

static size_t credited(fixture *fx, mx_response *r)
{
	size_t n = 0;
	for (size_t i = 0; i < fx->form->n; i++)
		n += mx_credit(fx->bank, mx_bank_question(fx->bank, fx->form->items[i].question),
			       &r[i]);
	return n;
}

static void test_sheet_every_type(void **state)
{
	fixture *fx = *state;
	mx_response r[6];
	mx_diags d;
	assert_int_equal(apply(fx,
			       "answers:\n  s1: b\n  m1: [D, B]\n  o1: [B, C, A]\n"
			       "  x1: {1: C, 2: A, 3: B}\n  s2: C\n  s3: ~\n",
			       &d, r),
			 MX_OK);
	assert_int_equal(d.count, 0);
	assert_int_equal(credited(fx, r), 5);
	long s3 = mx_form_find(fx->form, (size_t)mx_bank_find_question(fx->bank, "s3"));
	assert_false(r[s3].answered);
	mx_diags_free(&d);
}

static void test_sheet_reads_exam_and_seed(void **state)
{
	fixture *fx = *state;
	FILE *f = fopen(fx->path, "w");
	fputs("{\"exam\": \"tiny\", \"seed\": 7, \"answers\": {}}", f);
	fclose(f);
	mx_diags d;
	mx_diags_init(&d);
	mx_sheet *s = NULL;
	assert_int_equal(mx_sheet_read(fx->path, NULL, &d, &s), MX_OK);
	uint64_t seed = 0;
	assert_true(mx_sheet_seed(s, &seed));
	assert_int_equal(seed, 7);
	assert_string_equal(mx_sheet_exam(s), "tiny");
	mx_sheet_free(s);
	mx_diags_free(&d);
}

static void expect_error(fixture *fx, const char *text, unsigned line, unsigned col,
			 const char *message)
{
	mx_response r[6];
	mx_diags d;
	assert_int_equal(apply(fx, text, &d, r), MX_ERR_INPUT);
	assert_int_equal(d.errors, 1);
	assert_int_equal(d.items[0].line, line);
	assert_int_equal(d.items[0].column, col);
	assert_string_equal(d.items[0].message, message);
	mx_diags_free(&d);
}

static void test_sheet_errors(void **state)
{
	fixture *fx = *state;
	expect_error(fx, "answers:\n  zz: A\n", 2, 3,
		     "question 'zz' is not in this exam (tiny, seed 7)");
	expect_error(fx, "answers:\n  s1: E\n", 2, 7, "question 's1': 'E' is not an option (A-D)");
	expect_error(fx, "answers:\n  s1: [A, B]\n", 2, 7,
		     "question 's1' is a single question: its answer is one option key, such as B, "
		     "not a list");
	expect_error(fx, "answers:\n  m1: B\n", 2, 7,
		     "question 'm1' is a multiple question: its answer is a list of option keys, "
		     "such as [A, D], not a string");
	expect_error(fx, "answers:\n  m1: [B, B]\n", 2, 11, "question 'm1': 'B' is given twice");
	expect_error(fx, "answers:\n  o1: [A, B]\n", 2, 7,
		     "question 'o1': the answer orders 2 of the 3 items; list every item once");
	expect_error(fx, "answers:\n  x1: {4: A}\n", 2, 8,
		     "question 'x1': '4' is not a prompt (1-3)");
	expect_error(fx, "answers:\n  s1: A\n  s1: B\n", 3, 3,
		     "duplicate key 's1' (first at line 2)");
	expect_error(fx, "answers: [A]\n", 1, 10, "expected a mapping for 'answers', found a list");
	expect_error(fx, "exam: tiny\n", 1, 1, "missing key 'answers'");
	expect_error(fx, "answers:\n  s1: A\nanswer: {}\n", 3, 1,
		     "unknown key 'answer' (an answer sheet has exam, seed and answers)");
	expect_error(fx, "seed: -1\nanswers: {}\n", 1, 7,
		     "seed must be a whole number from 0 to 9007199254740991, found '-1'");
	expect_error(fx, "", 1, 1, "empty answer sheet");
}

static void test_sheet_refuses_control_characters(void **state)
{
	/* Escaped or raw, a control character could drive the terminal; "\0" would cut the
	 * answer short.  Each is found at its backslash or byte, in keys and lists too. */
	fixture *fx = *state;
#define CONTROL(cp) "control character U+" cp " in a string; only tab and newline may appear"
	expect_error(fx, "answers:\n  s1: \"B\\e[2J\"\n", 2, 9, CONTROL("001B"));
	expect_error(fx, "exam: \"tiny\\x1b\"\nanswers: {}\n", 1, 12, CONTROL("001B"));
	expect_error(fx, "answers:\n  t1: \"Guardrails\\0 and more\"\n", 2, 18, CONTROL("0000"));
	expect_error(fx, "answers:\n  \"s\\u009b1\": B\n", 2, 5, CONTROL("009B"));
	expect_error(fx, "answers:\n  m1: [B, \"D\\x7f\"]\n", 2, 13, CONTROL("007F"));
#undef CONTROL
	expect_error(fx, "answers:\n  s1: B\x1b[31m\n", 2, 8,
		     "control character U+001B (text may hold tab and line breaks, no other "
		     "control character)");
	expect_error(fx, "answers:\n  s1: B\xc2\x85\n", 2, 8,
		     "control character U+0085 (text may hold tab and line breaks, no other "
		     "control character)");
}

static void test_sheet_allows_tab_newline_and_crlf(void **state)
{
	fixture *fx = *state;
	FILE *f = fopen(fx->path, "w");
	fputs("exam: \"ti\\tny\\n\"\r\nanswers:\r\n  s1: B\r\n", f);
	fclose(f);
	mx_diags d;
	mx_diags_init(&d);
	mx_sheet *s = NULL;
	assert_int_equal(mx_sheet_read(fx->path, NULL, &d, &s), MX_OK);
	assert_int_equal(d.count, 0);
	assert_string_equal(mx_sheet_exam(s), "ti\tny\n");
	mx_sheet_free(s);
	mx_diags_free(&d);
}

static void test_sheet_large_is_fine(void **state)
{
	/* Thousands of keys take the reader's hashed duplicate check. */
	fixture *fx = *state;
	FILE *f = fopen(fx->path, "w");
	fputs("answers:\n", f);
	for (int i = 0; i < 5000; i++)
		fprintf(f, "  k%d: A\n", i);
	fputs("  k17: B\n", f);
	fclose(f);
	mx_diags d;
	mx_diags_init(&d);
	mx_sheet *s = NULL;
	assert_int_equal(mx_sheet_read(fx->path, NULL, &d, &s), MX_ERR_INPUT);
	assert_int_equal(d.errors, 1);
	assert_int_equal(d.items[0].line, 5002);
	mx_diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sheet_every_type),
	    cmocka_unit_test(test_sheet_reads_exam_and_seed),
	    cmocka_unit_test(test_sheet_errors),
	    cmocka_unit_test(test_sheet_refuses_control_characters),
	    cmocka_unit_test(test_sheet_allows_tab_newline_and_crlf),
	    cmocka_unit_test(test_sheet_large_is_fine),
	};
	return cmocka_run_group_tests_name("sheet", tests, setup, teardown);
}
