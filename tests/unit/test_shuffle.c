/*
 * The seeded shuffles (shuffle.h) make exactly the draws docs/design.md describes, so a
 * seed gives the same exam in every release.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "src/lib/shuffle.h"

static void test_shuffle_swaps_from_the_end_with_below_i(void **state)
{
	size_t v[10], want[10];
	for (size_t i = 0; i < 10; i++)
		v[i] = want[i] = i;
	mx_rng a, b;
	mx_rng_seed(&a, 42);
	mx_rng_seed(&b, 42);
	rng_shuffle(&a, v, 10, sizeof *v);
	for (size_t i = 10; i > 1; i--) { /* the documented order, written out */
		size_t j = (size_t)mx_rng_below(&b, i), t = want[i - 1];
		want[i - 1] = want[j];
		want[j] = t;
	}
	assert_memory_equal(v, want, sizeof v);
	assert_true(mx_rng_next(&a) == mx_rng_next(&b)); /* no draw more, none fewer */
}

static void test_pick_swaps_i_with_i_plus_below_n_minus_i(void **state)
{
	uint8_t v[6] = {0, 1, 2, 3, 4, 5}, want[6] = {0, 1, 2, 3, 4, 5};
	mx_rng a, b;
	mx_rng_seed(&a, 7);
	mx_rng_seed(&b, 7);
	for (size_t i = 0; i < 3; i++) {
		rng_pick(&a, v, i, 6, sizeof *v);
		size_t j = i + (size_t)mx_rng_below(&b, 6 - i);
		uint8_t t = want[i];
		want[i] = want[j];
		want[j] = t;
	}
	assert_memory_equal(v, want, sizeof v);
	assert_true(mx_rng_next(&a) == mx_rng_next(&b));
}

static void test_shuffle_moves_whole_elements(void **state)
{
	typedef struct {
		char tag[3];
	} odd; /* an element of an odd size */
	odd v[40];
	for (int i = 0; i < 40; i++)
		v[i] = (odd){{(char)i, (char)(i + 1), (char)(i + 2)}};
	mx_rng r;
	mx_rng_seed(&r, 3);
	rng_shuffle(&r, v, 40, sizeof *v);
	int seen[40] = {0};
	for (int i = 0; i < 40; i++) {
		int k = v[i].tag[0];
		assert_true(k >= 0 && k < 40);
		assert_int_equal(v[i].tag[1], k + 1);
		assert_int_equal(v[i].tag[2], k + 2);
		seen[k]++;
	}
	for (int i = 0; i < 40; i++)
		assert_int_equal(seen[i], 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_shuffle_swaps_from_the_end_with_below_i),
	    cmocka_unit_test(test_pick_swaps_i_with_i_plus_below_n_minus_i),
	    cmocka_unit_test(test_shuffle_moves_whole_elements),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
