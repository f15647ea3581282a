/* Credit, the scaled score, Wilson intervals and tallies (scoring.md sections 3-5). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "mockexam/score.h"

static mx_profile profile(int lo, int hi, int pass, double cut)
{
	mx_profile p;
	memset(&p, 0, sizeof p);
	p.scale_lo = lo;
	p.scale_hi = hi;
	p.passing_score = pass;
	p.cut = cut > 0 ? cut : (double)(pass - lo) / (hi - lo);
	p.cut_given = cut > 0;
	return p;
}

static void test_scaled_spec_example(void **state)
{
	/* 47 of 65 with P = 720, linear: 100 + 900 * 0.72308 = 750.77 -> 751 */
	mx_profile p = profile(100, 1000, 720, 0);
	assert_int_equal(mx_scaled_score(&p, 47.0 / 65.0), 751);
}

static void test_scaled_linear_ends_and_cut(void **state)
{
	mx_profile p = profile(100, 1000, 700, 0);
	assert_int_equal(mx_scaled_score(&p, 0), 100);
	assert_int_equal(mx_scaled_score(&p, 1), 1000);
	assert_int_equal(mx_scaled_score(&p, 4.0 / 6.0), 700); /* exactly the cut: passes */
	assert_int_equal(mx_scaled_score(&p, 0.5), 550);
}

static void test_scaled_both_branches_with_cut_percent(void **state)
{
	/* c = 0.6: below, s = 100 + 650 * f / 0.6; above, s = 750 + 250 * (f - .6) / .4 */
	mx_profile p = profile(100, 1000, 750, 0.6);
	assert_int_equal(mx_scaled_score(&p, 0.3), 425);
	assert_int_equal(mx_scaled_score(&p, 0.6), 750);
	assert_int_equal(mx_scaled_score(&p, 0.8), 875);
	assert_int_equal(mx_scaled_score(&p, 1.0), 1000);
}

static void test_scaled_rounds_halves_away_from_zero(void **state)
{
	/* scale [0, 16], P = 8, linear: s = 16 f, exact in binary for f = k / 32 */
	mx_profile p = profile(0, 16, 8, 0);
	assert_int_equal(mx_scaled_score(&p, 5.0 / 32), 3);   /* 2.5 */
	assert_int_equal(mx_scaled_score(&p, 3.0 / 32), 2);   /* 1.5 */
	assert_int_equal(mx_scaled_score(&p, 1.0 / 64), 0);   /* 0.25 */
	assert_int_equal(mx_scaled_score(&p, 23.0 / 32), 12); /* 11.5, the upper branch */
}

static void test_scaled_clamps_out_of_range_fractions(void **state)
{
	mx_profile p = profile(100, 1000, 700, 0);
	assert_int_equal(mx_scaled_score(&p, -0.5), 100);
	assert_int_equal(mx_scaled_score(&p, 1.5), 1000);
}

static void test_wilson_spec_example(void **state)
{
	double lo, hi;
	mx_wilson(9, 13, &lo, &hi); /* grade --json example: 42.37 .. 87.32 */
	assert_float_equal(lo * 100, 42.37, 0.005);
	assert_float_equal(hi * 100, 87.32, 0.005);
}

static void test_wilson_extremes(void **state)
{
	double lo, hi;
	mx_wilson(0, 10, &lo, &hi);
	assert_float_equal(lo, 0, 1e-12);
	assert_float_equal(hi, 0.27754, 1e-5);
	mx_wilson(10, 10, &lo, &hi);
	assert_float_equal(lo, 0.72246, 1e-5);
	assert_float_equal(hi, 1, 1e-12);
	mx_wilson(0, 0, &lo, &hi);
	assert_float_equal(lo, 0, 0);
	assert_float_equal(hi, 0, 0);
}

static void test_tally_meets_exactly_at_the_cut(void **state)
{
	mx_profile p = profile(100, 1000, 700, 0); /* c = 2/3 */
	mx_tally t;
	mx_tally_set(&t, &p, 2, 3);
	assert_true(t.meets);
	mx_tally_set(&t, &p, 19, 29); /* 65.5% */
	assert_false(t.meets);
	mx_tally_set(&t, &p, 0, 0);
	assert_false(t.meets);
	assert_float_equal(t.percent, 0, 0);
}

/* ---- credit ---- */

static const mx_choice opts[] = {
    {"A", "a", 0, 0}, {"B", "b", 0, 0}, {"C", "c", 0, 0}, {"D", "d", 0, 0}, {"E", "e", 0, 0}};

static mx_question question(mx_qtype type, const uint8_t *key, uint8_t n)
{
	mx_question q;
	memset(&q, 0, sizeof q);
	q.type = type;
	q.options = opts;
	q.noptions = 5;
	q.items = opts;
	q.nitems = n;
	q.prompts = opts;
	q.nprompts = n;
	q.answer.n = n;
	memcpy(q.answer.k, key, n);
	return q;
}

static mx_response response(const uint8_t *k, uint8_t n)
{
	mx_response r;
	memset(&r, 0, sizeof r);
	r.answered = true;
	r.keys.n = n;
	memcpy(r.keys.k, k, n);
	return r;
}

static void test_credit_single(void **state)
{
	mx_question q = question(MX_TYPE_SINGLE, (const uint8_t[]){1}, 1);
	mx_response right = response((const uint8_t[]){1}, 1);
	mx_response wrong = response((const uint8_t[]){2}, 1);
	mx_response none = {0};
	assert_true(mx_credit(NULL, &q, &right));
	assert_false(mx_credit(NULL, &q, &wrong));
	assert_false(mx_credit(NULL, &q, &none));
}

static void test_credit_multiple_needs_exactly_the_set(void **state)
{
	mx_question q = question(MX_TYPE_MULTIPLE, (const uint8_t[]){0, 3}, 2);
	assert_true(mx_credit(NULL, &q, &(mx_response){true, {2, {3, 0}}, NULL}));
	assert_false(mx_credit(NULL, &q, &(mx_response){true, {1, {0}}, NULL}));
	assert_false(mx_credit(NULL, &q, &(mx_response){true, {3, {0, 3, 4}}, NULL}));
	assert_false(mx_credit(NULL, &q, &(mx_response){true, {2, {0, 4}}, NULL}));
}

static void test_credit_ordering_needs_exactly_the_order(void **state)
{
	mx_question q = question(MX_TYPE_ORDERING, (const uint8_t[]){2, 0, 1}, 3);
	assert_true(mx_credit(NULL, &q, &(mx_response){true, {3, {2, 0, 1}}, NULL}));
	assert_false(mx_credit(NULL, &q, &(mx_response){true, {3, {2, 1, 0}}, NULL}));
}

static void test_credit_matching_needs_every_pair(void **state)
{
	mx_question q = question(MX_TYPE_MATCHING, (const uint8_t[]){1, 0, 1}, 3);
	assert_true(mx_credit(NULL, &q, &(mx_response){true, {3, {1, 0, 1}}, NULL}));
	assert_false(mx_credit(NULL, &q, &(mx_response){true, {3, {1, 0, MX_NONE}}, NULL}));
	assert_false(mx_credit(NULL, &q, &(mx_response){true, {3, {1, 1, 1}}, NULL}));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_scaled_spec_example),
	    cmocka_unit_test(test_scaled_linear_ends_and_cut),
	    cmocka_unit_test(test_scaled_both_branches_with_cut_percent),
	    cmocka_unit_test(test_scaled_rounds_halves_away_from_zero),
	    cmocka_unit_test(test_scaled_clamps_out_of_range_fractions),
	    cmocka_unit_test(test_wilson_spec_example),
	    cmocka_unit_test(test_wilson_extremes),
	    cmocka_unit_test(test_tally_meets_exactly_at_the_cut),
	    cmocka_unit_test(test_credit_single),
	    cmocka_unit_test(test_credit_multiple_needs_exactly_the_set),
	    cmocka_unit_test(test_credit_ordering_needs_exactly_the_order),
	    cmocka_unit_test(test_credit_matching_needs_every_pair),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
