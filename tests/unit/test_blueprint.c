/* Largest-remainder apportionment (scoring.md section 1). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "mockexam/blueprint.h"

#define W(x) ((int64_t)(x)*1000000)

static void apportion(size_t n, const int64_t *w, size_t nd, size_t *out)
{
	int ids[16];
	for (size_t i = 0; i < nd; i++)
		ids[i] = (int)i + 1;
	assert_int_equal(mx_apportion(n, w, ids, nd, out), MX_OK);
}

static void test_apportion_spec_example(void **state)
{
	const int64_t w[] = {W(31), W(26), W(20), W(12), W(11)};
	size_t c[5];
	apportion(75, w, 5, c);
	assert_int_equal(c[0], 23);
	assert_int_equal(c[1], 20);
	assert_int_equal(c[2], 15);
	assert_int_equal(c[3], 9);
	assert_int_equal(c[4], 8);
}

static void test_apportion_aif_full_exam(void **state)
{
	/* 13 + 15.6 + 18.2 + 9.1 + 9.1: the one seat left goes to the .6 */
	const int64_t w[] = {W(20), W(24), W(28), W(14), W(14)};
	size_t c[5];
	apportion(65, w, 5, c);
	assert_int_equal(c[0], 13);
	assert_int_equal(c[1], 16);
	assert_int_equal(c[2], 18);
	assert_int_equal(c[3], 9);
	assert_int_equal(c[4], 9);
}

static void test_apportion_ties_go_to_larger_weight(void **state)
{
	/* n = 3, weights 50/30/20: quotas 1.5, 0.9, 0.6 -> 1, 0, 0; remainders .5 .9 .6:
	 * seats to domain 2 then 3.  With n = 2, weights 25/25/25/25 ... below. */
	const int64_t w[] = {W(40), W(20), W(40)};
	size_t c[3];
	/* n = 1: every remainder .4/.2/.4; the tie between 40 and 40 goes to the lower id */
	apportion(1, w, 3, c);
	assert_int_equal(c[0], 1);
	assert_int_equal(c[1], 0);
	assert_int_equal(c[2], 0);
	/* remainders equal for 30 and 20 (n = 10: 3.0 and 2.0?) use n = 5 with 30/20/50:
	 * quotas 1.5, 1.0, 2.5: remainders .5 and .5 tie; larger weight (50) first. */
	const int64_t w2[] = {W(30), W(20), W(50)};
	apportion(5, w2, 3, c);
	assert_int_equal(c[0], 1);
	assert_int_equal(c[1], 1);
	assert_int_equal(c[2], 3);
}

static void test_apportion_ties_then_lower_id(void **state)
{
	const int64_t w[] = {W(25), W(25), W(25), W(25)};
	size_t c[4];
	apportion(6, w, 4, c); /* 1.5 each: the two seats go to ids 1 and 2 */
	assert_int_equal(c[0], 2);
	assert_int_equal(c[1], 2);
	assert_int_equal(c[2], 1);
	assert_int_equal(c[3], 1);
}

static void test_apportion_exact_remainders(void **state)
{
	/* 28 and 13 have fractional parts .2 and .2 in floating point that differ in the
	 * last bits (18.2 - 18 vs 13.2 - 13); integer arithmetic must see a tie, and the
	 * larger weight wins it. */
	const int64_t w[] = {W(22), W(28), W(50)};
	size_t c[3];
	apportion(65, w, 3, c); /* 14.3, 18.2, 32.5 -> 14, 18, 32; seat to .5 */
	assert_int_equal(c[0] + c[1] + c[2], 65);
	assert_int_equal(c[2], 33);
	const int64_t w2[] = {W(20), W(28), W(52)};
	apportion(65, w2, 3, c); /* 13.0, 18.2, 33.8 -> seat to .8 */
	assert_int_equal(c[2], 34);
}

static void test_apportion_sums_and_stays_within_one_of_quota(void **state)
{
	const int64_t w[] = {W(31), W(26), W(20), W(12), W(11)};
	for (size_t n = 0; n <= 500; n++) {
		size_t c[5], total = 0;
		apportion(n, w, 5, c);
		for (size_t d = 0; d < 5; d++) {
			double quota = (double)n * (double)w[d] / 1e8;
			assert_true((double)c[d] > quota - 1 && (double)c[d] < quota + 1);
			total += c[d];
		}
		assert_int_equal(total, n);
	}
}

static void test_apportion_rejects_bad_weights(void **state)
{
	const int64_t w[] = {W(50), 0};
	const int ids[] = {1, 2};
	size_t c[2];
	assert_int_equal(mx_apportion(4, w, ids, 2, c), MX_ERR_INPUT);
	assert_int_equal(mx_apportion(4, w, ids, 0, c), MX_ERR_INPUT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_apportion_spec_example),
	    cmocka_unit_test(test_apportion_aif_full_exam),
	    cmocka_unit_test(test_apportion_ties_go_to_larger_weight),
	    cmocka_unit_test(test_apportion_ties_then_lower_id),
	    cmocka_unit_test(test_apportion_exact_remainders),
	    cmocka_unit_test(test_apportion_sums_and_stays_within_one_of_quota),
	    cmocka_unit_test(test_apportion_rejects_bad_weights),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
