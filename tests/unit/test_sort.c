/* The stable sort (sort.h): sorted, equal elements in their order, any size of input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "src/lib/sort.h"

typedef struct rec {
	int key;
	size_t at; /* where it stood before sorting */
} rec;

static int by_key(const void *a, const void *b)
{
	int x = ((const rec *)a)->key, y = ((const rec *)b)->key;
	return (x > y) - (x < y);
}

static void check_sorted_stably(const rec *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		assert_true(v[i - 1].key <= v[i].key);
		if (v[i - 1].key == v[i].key)
			assert_true(v[i - 1].at < v[i].at);
	}
}

static void sort_keys(int (*key)(size_t i, size_t n), size_t n)
{
	rec *v = malloc((n ? n : 1) * sizeof *v);
	assert_non_null(v);
	for (size_t i = 0; i < n; i++)
		v[i] = (rec){key(i, n), i};
	assert_true(stable_sort(v, n, sizeof *v, by_key));
	check_sorted_stably(v, n);
	free(v);
}

static int few_values(size_t i, size_t n)
{
	return (int)((i * 7919) % 5); /* many equal keys, in no order */
}

static int ascending(size_t i, size_t n)
{
	return (int)i / 3;
}

static int descending(size_t i, size_t n)
{
	return (int)(n - i) / 3;
}

static void test_sort_keeps_equal_elements_in_their_order(void **state)
{
	for (size_t n = 0; n < 70; n++) {
		sort_keys(few_values, n);
		sort_keys(ascending, n);
		sort_keys(descending, n);
	}
}

static void test_sort_handles_large_arrays(void **state)
{
	sort_keys(few_values, 200000); /* an insertion sort would take minutes */
	sort_keys(descending, 200000);
}

static void test_sort_orders_strings_in_byte_order(void **state)
{
	const char *v[] = {"questions/b.yaml", "questions/a.yaml", "exam.yaml", "Z.yaml"};
	qsort(v, 4, sizeof *v, cmp_strings);
	assert_string_equal(v[0], "Z.yaml");
	assert_string_equal(v[1], "exam.yaml");
	assert_string_equal(v[2], "questions/a.yaml");
	assert_string_equal(v[3], "questions/b.yaml");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sort_keeps_equal_elements_in_their_order),
	    cmocka_unit_test(test_sort_handles_large_arrays),
	    cmocka_unit_test(test_sort_orders_strings_in_byte_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
