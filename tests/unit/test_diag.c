/* Findings and errors: adding, counting, the stable sort, mx_error and status names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mockexam/error.h"
#include "mockexam/version.h"

static void test_diags_init_is_empty(void **state)
{
	mx_diags d;
	memset(&d, 0xA5, sizeof d);
	mx_diags_init(&d);
	assert_null(d.items);
	assert_int_equal(d.count, 0);
	assert_int_equal(d.errors, 0);
	assert_int_equal(d.warnings, 0);
	mx_diags_free(&d);
}

static void test_diag_add_formats_and_counts_by_severity(void **state)
{
	mx_diags d;
	mx_diags_init(&d);
	assert_int_equal(
	    mx_diag_add(&d, MX_SEV_ERROR, "q/ml.yaml", 42, 7, "unknown key '%s'", "anwser"), MX_OK);
	assert_int_equal(mx_diag_add(&d, MX_SEV_WARNING, "exam.yaml", 3, 1, "%d%%", 50), MX_OK);
	assert_int_equal(d.count, 2);
	assert_int_equal(d.errors, 1);
	assert_int_equal(d.warnings, 1);
	assert_string_equal(d.items[0].file, "q/ml.yaml");
	assert_int_equal(d.items[0].line, 42);
	assert_int_equal(d.items[0].column, 7);
	assert_int_equal(d.items[0].severity, MX_SEV_ERROR);
	assert_string_equal(d.items[0].message, "unknown key 'anwser'");
	assert_string_equal(d.items[1].message, "50%");
	assert_int_equal(d.items[1].severity, MX_SEV_WARNING);
	mx_diags_free(&d);
	assert_int_equal(d.count, 0);
	assert_null(d.items);
}

static void test_diag_add_copies_file_and_message(void **state)
{
	char file[] = "a.yaml", arg[] = "value";
	mx_diags d;
	mx_diags_init(&d);
	mx_diag_add(&d, MX_SEV_ERROR, file, 1, 1, "%s", arg);
	file[0] = 'X';
	arg[0] = 'X';
	assert_string_equal(d.items[0].file, "a.yaml");
	assert_string_equal(d.items[0].message, "value");
	mx_diag_add(&d, MX_SEV_ERROR, NULL, 0, 0, "whole run");
	assert_string_equal(d.items[1].file, ""); /* no file: an empty name, never NULL */
	mx_diags_free(&d);
}

static void test_diag_add_keeps_long_messages_whole(void **state)
{
	char big[5000];
	memset(big, 'm', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	mx_diags d;
	mx_diags_init(&d);
	mx_diag_add(&d, MX_SEV_ERROR, "f", 1, 1, "<%s>", big);
	assert_int_equal(strlen(d.items[0].message), sizeof big + 1);
	mx_diags_free(&d);
}

static void test_diags_grow_keeping_every_finding(void **state)
{
	mx_diags d;
	mx_diags_init(&d);
	for (unsigned i = 0; i < 1000; i++)
		assert_int_equal(
		    mx_diag_add(&d, i % 3 ? MX_SEV_ERROR : MX_SEV_WARNING, "f", i, 1, "n%u", i),
		    MX_OK);
	assert_int_equal(d.count, 1000);
	assert_true(d.capacity >= 1000);
	assert_int_equal(d.warnings, 334);
	assert_int_equal(d.errors, 666);
	for (unsigned i = 0; i < 1000; i++) {
		char want[16];
		snprintf(want, sizeof want, "n%u", i);
		assert_string_equal(d.items[i].message, want);
	}
	mx_diags_free(&d);
}

static void test_diags_sort_orders_by_file_line_column(void **state)
{
	mx_diags d;
	mx_diags_init(&d);
	mx_diag_add(&d, MX_SEV_ERROR, "b.yaml", 1, 1, "b1:1");
	mx_diag_add(&d, MX_SEV_ERROR, "a.yaml", 10, 2, "a10:2");
	mx_diag_add(&d, MX_SEV_ERROR, "a.yaml", 9, 30, "a9:30");
	mx_diag_add(&d, MX_SEV_ERROR, "a.yaml", 10, 1, "a10:1");
	mx_diag_add(&d, MX_SEV_ERROR, "a.yaml", 0, 0, "a whole");
	mx_diag_add(&d, MX_SEV_ERROR, "", 0, 0, "no file");
	mx_diags_sort(&d);
	const char *want[] = {"no file", "a whole", "a9:30", "a10:1", "a10:2", "b1:1"};
	for (size_t i = 0; i < 6; i++)
		assert_string_equal(d.items[i].message, want[i]);
	mx_diags_free(&d);
}

static void test_diags_sort_keeps_the_order_of_equal_positions(void **state)
{
	/* Thousands of findings, most at a few shared places: equal places keep the order
	 * they were found in, which the message (a sequence number) records. */
	enum { N = 5000 };
	mx_diags d;
	mx_diags_init(&d);
	const char *files[] = {"z.yaml", "a.yaml", "m.yaml"};
	for (unsigned i = 0; i < N; i++) {
		unsigned k = (i * 7919u) % 17; /* scattered over 3 files x 3 lines x 2 columns */
		mx_diag_add(&d, MX_SEV_ERROR, files[k % 3], 1 + k / 3 % 3, 1 + k / 9 % 2, "%u", i);
	}
	mx_diags_sort(&d);
	assert_int_equal(d.count, N);
	for (size_t i = 1; i < N; i++) {
		const mx_diag *a = &d.items[i - 1], *b = &d.items[i];
		int c = strcmp(a->file, b->file);
		assert_true(c <= 0);
		if (c)
			continue;
		assert_true(a->line <= b->line);
		if (a->line != b->line)
			continue;
		assert_true(a->column <= b->column);
		if (a->column == b->column)
			assert_true(atoi(a->message) < atoi(b->message));
	}
	mx_diags_free(&d);
}

static void test_diags_sort_of_none_or_one_is_harmless(void **state)
{
	mx_diags d;
	mx_diags_init(&d);
	mx_diags_sort(&d);
	assert_int_equal(d.count, 0);
	mx_diag_add(&d, MX_SEV_WARNING, "x", 2, 3, "only");
	mx_diags_sort(&d);
	assert_int_equal(d.count, 1);
	assert_string_equal(d.items[0].message, "only");
	mx_diags_free(&d);
}

static void test_error_set_fills_status_and_message(void **state)
{
	mx_error e;
	memset(&e, 0, sizeof e);
	strcpy(e.file, "stale.yaml");
	e.line = 9;
	e.column = 9;
	assert_int_equal(mx_error_set(&e, MX_ERR_INPUT, "seed %d is %s", -1, "negative"),
			 MX_ERR_INPUT);
	assert_int_equal(e.status, MX_ERR_INPUT);
	assert_string_equal(e.message, "seed -1 is negative");
	/* a new error says nothing of an old one's place */
	assert_string_equal(e.file, "");
	assert_int_equal(e.line, 0);
	assert_int_equal(e.column, 0);
	assert_string_equal(mx_error_message(&e), "seed -1 is negative");
}

static void test_error_set_without_error_returns_the_status(void **state)
{
	assert_int_equal(mx_error_set(NULL, MX_ERR_SYSTEM, "ignored %s", "x"), MX_ERR_SYSTEM);
	assert_int_equal(mx_error_set(NULL, MX_OK, "ignored"), MX_OK);
}

static void test_error_set_cuts_a_long_message(void **state)
{
	char big[2000];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	mx_error e;
	mx_error_set(&e, MX_ERR_DATABASE, "%s", big);
	assert_int_equal(strlen(e.message), sizeof e.message - 1);
	assert_int_equal(e.status, MX_ERR_DATABASE);
}

static void test_error_message_falls_back_to_the_status_name(void **state)
{
	mx_error e;
	mx_error_set(&e, MX_ERR_NOMEM, "%s", "");
	assert_string_equal(mx_error_message(&e), "out of memory");
	mx_error_set(&e, MX_ERR_SYSTEM, "%s", "");
	assert_string_equal(mx_error_message(&e), "system error");
}

static void test_status_str_names_every_status(void **state)
{
	assert_string_equal(mx_status_str(MX_OK), "success");
	assert_string_equal(mx_status_str(MX_ERR_INPUT), "invalid input");
	assert_string_equal(mx_status_str(MX_ERR_SYSTEM), "system error");
	assert_string_equal(mx_status_str(MX_ERR_NOMEM), "out of memory");
	assert_string_equal(mx_status_str(MX_ERR_DATABASE), "database error");
	assert_string_equal(mx_status_str((mx_status)99), "unknown status");
}

static void test_version_is_the_headers_version(void **state)
{
	assert_string_equal(mx_version(), MX_VERSION_STRING);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_diags_init_is_empty),
	    cmocka_unit_test(test_diag_add_formats_and_counts_by_severity),
	    cmocka_unit_test(test_diag_add_copies_file_and_message),
	    cmocka_unit_test(test_diag_add_keeps_long_messages_whole),
	    cmocka_unit_test(test_diags_grow_keeping_every_finding),
	    cmocka_unit_test(test_diags_sort_orders_by_file_line_column),
	    cmocka_unit_test(test_diags_sort_keeps_the_order_of_equal_positions),
	    cmocka_unit_test(test_diags_sort_of_none_or_one_is_harmless),
	    cmocka_unit_test(test_error_set_fills_status_and_message),
	    cmocka_unit_test(test_error_set_without_error_returns_the_status),
	    cmocka_unit_test(test_error_set_cuts_a_long_message),
	    cmocka_unit_test(test_error_message_falls_back_to_the_status_name),
	    cmocka_unit_test(test_status_str_names_every_status),
	    cmocka_unit_test(test_version_is_the_headers_version),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
