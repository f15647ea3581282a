/*
 * The bank search path: a root that is a bank, a directory of banks, missing roots,
 * shadowing across roots, one id twice in a root, and a bank whose profile is broken.
 * Each test builds its banks (a profile alone) in a fresh temporary directory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

/* the six characters mkstemp() and mkdtemp() replace */
#define MKTEMP_TAIL                                                                                \
	"XX"                                                                                       \
	"XX"                                                                                       \
	"XX"

#include "mockexam/catalog.h"

/* The paths a test made, removed in reverse order by cleanup(). */
static char made[64][512];
static size_t nmade;

static const char *remember(const char *path)
{
	assert_true(nmade < sizeof made / sizeof *made);
	snprintf(made[nmade], sizeof made[nmade], "%s", path);
	return made[nmade++];
}

static int cleanup(void **state)
{
	while (nmade > 0)
		remove(made[--nmade]);
	return 0;
}

static const char *tmpdir(void)
{
	char path[] = "/tmp/mx-catalog-" MKTEMP_TAIL;
	assert_non_null(mkdtemp(path));
	return remember(path);
}

static const char *mkdir_in(const char *parent, const char *name)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", parent, name);
	assert_int_equal(mkdir(path, 0700), 0);
	return remember(path);
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	remember(path);
}

/* A bank directory name in parent whose profile has exam id id. */
static const char *bank(const char *parent, const char *name, const char *id)
{
	const char *dir = mkdir_in(parent, name);
	char text[512];
	snprintf(text, sizeof text,
		 "format: 2\nid: %s\ntitle: Exam %s\nquestion_count: 1\nduration_minutes: 10\n"
		 "passing_score: 700\ndomains:\n  - id: 1\n    name: Only\n    weight: 100\n",
		 id, id);
	write_file(dir, "exam.yaml", text);
	return dir;
}

static mx_catalog *scan(const char *const *roots, size_t n, mx_diags *d)
{
	mx_catalog *c = NULL;
	assert_int_equal(mx_catalog_scan(roots, n, NULL, d, &c), MX_OK);
	assert_non_null(c);
	return c;
}

static void test_catalog_root_that_is_a_bank_is_listed_alone(void **state)
{
	const char *root = tmpdir();
	const char *solo = bank(root, "solo", "solo");
	bank(solo, "inner", "inner"); /* a bank inside a bank is not looked for */
	mx_diags d;
	mx_diags_init(&d);
	mx_catalog *c = scan(&solo, 1, &d);
	assert_int_equal(d.count, 0);
	assert_int_equal(c->n, 1);
	assert_string_equal(c->entries[0].id, "solo");
	assert_string_equal(c->entries[0].dir, solo);
	assert_non_null(c->entries[0].profile);
	assert_null(mx_catalog_find(c, "inner"));
	mx_catalog_free(c);
	mx_diags_free(&d);
}

static void test_catalog_lists_a_directory_of_banks_in_name_order(void **state)
{
	const char *root = tmpdir();
	bank(root, "b-two", "two");
	bank(root, "a-one", "one");
	bank(root, ".hidden", "hidden");
	mkdir_in(root, "c-no-profile");
	const char *dir = mkdir_in(root, "d-profile-is-a-directory");
	mkdir_in(dir, "exam.yaml");
	write_file(root, "e-file", "not a bank\n");
	mx_diags d;
	mx_diags_init(&d);
	mx_catalog *c = scan(&root, 1, &d);
	assert_int_equal(d.count, 0);
	assert_int_equal(c->n, 2);
	char want[512];
	snprintf(want, sizeof want, "%s/a-one", root);
	assert_string_equal(c->entries[0].dir, want);
	assert_string_equal(c->entries[0].id, "one");
	snprintf(want, sizeof want, "%s/b-two", root);
	assert_string_equal(c->entries[1].dir, want);
	assert_string_equal(c->entries[1].id, "two");
	assert_string_equal(mx_bank_profile(c->entries[1].profile)->title, "Exam two");
	assert_ptr_equal(mx_catalog_find(c, "two"), &c->entries[1]);
	assert_null(mx_catalog_find(c, "hidden"));
	mx_catalog_free(c);
	mx_diags_free(&d);
}

static void test_catalog_missing_roots_are_passed_over(void **state)
{
	const char *root = tmpdir();
	bank(root, "only", "only");
	const char *roots[] = {"/nonexistent/mockexam-banks", root, "/nonexistent/too"};
	mx_diags d;
	mx_diags_init(&d);
	mx_catalog *c = scan(roots, 3, &d);
	assert_int_equal(d.count, 0);
	assert_int_equal(c->n, 1);
	assert_string_equal(c->entries[0].id, "only");
	mx_catalog_free(c);
	mx_diags_free(&d);
}

static void test_catalog_earlier_root_shadows_a_later_bank_of_the_same_id(void **state)
{
	const char *first = tmpdir(), *second = tmpdir();
	const char *winner = bank(first, "x", "same");
	bank(second, "a", "same");
	bank(second, "b", "other");
	const char *roots[] = {first, second};
	mx_diags d;
	mx_diags_init(&d);
	mx_catalog *c = scan(roots, 2, &d);
	assert_int_equal(d.count, 0); /* shadowing is not an error */
	assert_int_equal(c->n, 2);
	assert_string_equal(c->entries[0].id, "same");
	assert_string_equal(c->entries[0].dir, winner);
	assert_string_equal(c->entries[1].id, "other");
	assert_string_equal(mx_catalog_find(c, "same")->dir, winner);
	mx_catalog_free(c);
	mx_diags_free(&d);
}

static void test_catalog_same_id_twice_in_one_root_is_an_error(void **state)
{
	const char *root = tmpdir();
	const char *first = bank(root, "a", "dup");
	const char *second = bank(root, "b", "dup");
	mx_diags d;
	mx_diags_init(&d);
	mx_catalog *c = scan(&root, 1, &d);
	assert_int_equal(d.errors, 1);
	char want[1200];
	snprintf(want, sizeof want, "%s/exam.yaml", second);
	assert_string_equal(d.items[0].file, want);
	snprintf(want, sizeof want, "exam id 'dup' is also the id of the bank in %s", first);
	assert_string_equal(d.items[0].message, want);
	assert_int_equal(c->n, 1); /* the first in name order is kept */
	assert_string_equal(c->entries[0].dir, first);
	mx_catalog_free(c);
	mx_diags_free(&d);
}

static void test_catalog_bank_with_a_broken_profile_is_listed_by_directory(void **state)
{
	const char *root = tmpdir();
	const char *broken = mkdir_in(root, "broken");
	write_file(broken, "exam.yaml", "id: [unclosed\n");
	bank(root, "good", "good");
	mx_diags d;
	mx_diags_init(&d);
	mx_catalog *c = scan(&root, 1, &d);
	assert_true(d.errors >= 1);
	char want[512];
	snprintf(want, sizeof want, "%s/exam.yaml", broken);
	assert_string_equal(d.items[0].file, want);
	assert_int_equal(c->n, 2);
	assert_string_equal(c->entries[0].dir, broken);
	assert_null(c->entries[0].id);
	assert_null(c->entries[0].profile);
	assert_string_equal(c->entries[1].id, "good");
	assert_ptr_equal(mx_catalog_find(c, "good"), &c->entries[1]); /* passes the NULL id */
	mx_catalog_free(c);
	mx_diags_free(&d);
}

static void test_catalog_of_nothing_is_empty(void **state)
{
	const char *root = tmpdir();
	mx_diags d;
	mx_diags_init(&d);
	mx_catalog *c = scan(&root, 1, &d);
	assert_int_equal(c->n, 0);
	assert_null(mx_catalog_find(c, "anything"));
	mx_catalog_free(c);
	c = scan(NULL, 0, &d);
	assert_int_equal(c->n, 0);
	mx_catalog_free(c);
	mx_catalog_free(NULL);
	assert_int_equal(d.count, 0);
	mx_diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_catalog_root_that_is_a_bank_is_listed_alone, cleanup),
	    cmocka_unit_test_teardown(test_catalog_lists_a_directory_of_banks_in_name_order,
				      cleanup),
	    cmocka_unit_test_teardown(test_catalog_missing_roots_are_passed_over, cleanup),
	    cmocka_unit_test_teardown(test_catalog_earlier_root_shadows_a_later_bank_of_the_same_id,
				      cleanup),
	    cmocka_unit_test_teardown(test_catalog_same_id_twice_in_one_root_is_an_error, cleanup),
	    cmocka_unit_test_teardown(
		test_catalog_bank_with_a_broken_profile_is_listed_by_directory, cleanup),
	    cmocka_unit_test_teardown(test_catalog_of_nothing_is_empty, cleanup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
