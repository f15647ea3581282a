/* The seeded generator: a fixed seed gives a fixed sequence on every build. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "mockexam/rng.h"

/* Expected values computed by an independent implementation (Python, from the papers). */
static void test_rng_seed_0_sequence(void **state)
{
	mx_rng r;
	mx_rng_seed(&r, 0);
	assert_true(mx_rng_next(&r) == UINT64_C(0x99ec5f36cb75f2b4));
	assert_true(mx_rng_next(&r) == UINT64_C(0xbf6e1f784956452a));
	assert_true(mx_rng_next(&r) == UINT64_C(0x1a5f849d4933e6e0));
	assert_true(mx_rng_next(&r) == UINT64_C(0x6aa594f1262d2d2c));
}

static void test_rng_seed_42_sequence(void **state)
{
	mx_rng r;
	mx_rng_seed(&r, 42);
	assert_true(mx_rng_next(&r) == UINT64_C(0x15780b2e0c2ec716));
	assert_true(mx_rng_next(&r) == UINT64_C(0x6104d9866d113a7e));
	assert_true(mx_rng_next(&r) == UINT64_C(0xae17533239e499a1));
	assert_true(mx_rng_next(&r) == UINT64_C(0xecb8ad4703b360a1));
}

static void test_rng_below_stays_in_range_and_covers_it(void **state)
{
	mx_rng r;
	mx_rng_seed(&r, 7);
	int seen[7] = {0};
	for (int i = 0; i < 7000; i++) {
		uint64_t x = mx_rng_below(&r, 7);
		assert_true(x < 7);
		seen[x]++;
	}
	for (int i = 0; i < 7; i++)
		assert_true(seen[i] > 800 && seen[i] < 1200);
	assert_true(mx_rng_below(&r, 1) == 0);
}

static void test_rng_below_is_reproducible(void **state)
{
	mx_rng a, b;
	mx_rng_seed(&a, 12345);
	mx_rng_seed(&b, 12345);
	for (int i = 0; i < 1000; i++)
		assert_true(mx_rng_below(&a, 1000003) == mx_rng_below(&b, 1000003));
}

static void test_rng_unit_is_in_unit_interval(void **state)
{
	mx_rng r;
	mx_rng_seed(&r, 1);
	for (int i = 0; i < 10000; i++) {
		double u = mx_rng_unit(&r);
		assert_true(u >= 0 && u < 1);
	}
}

static void test_seed_from_os_fits_53_bits(void **state)
{
	for (int i = 0; i < 100; i++)
		assert_true(mx_seed_from_os() <= MX_SEED_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rng_seed_0_sequence),
	    cmocka_unit_test(test_rng_seed_42_sequence),
	    cmocka_unit_test(test_rng_below_stays_in_range_and_covers_it),
	    cmocka_unit_test(test_rng_below_is_reproducible),
	    cmocka_unit_test(test_rng_unit_is_in_unit_interval),
	    cmocka_unit_test(test_seed_from_os_fits_53_bits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
