/* An attempt: typed responses in shown letters, the clock, counts and submitting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mockexam/attempt.h"

typedef struct fixture {
	mx_bank *bank;
	mx_form *form;
	mx_attempt *a;
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
	mx_attempt_new(fx->form, 60000, &fx->a);
	*state = fx;
	return fx->a ? 0 : -1;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	mx_attempt_free(fx->a);
	mx_form_free(fx->form);
	mx_bank_free(fx->bank);
	free(fx);
	return 0;
}

static size_t pos(fixture *fx, const char *id)
{
	return (size_t)mx_form_find(fx->form, (size_t)mx_bank_find_question(fx->bank, id));
}

/* The letter a bank choice is shown under in this form. */
static char shown(fixture *fx, size_t i, uint8_t choice)
{
	const mx_form_item *it = &fx->form->items[i];
	for (size_t k = 0; k < it->norder; k++)
		if (it->order[k] == choice)
			return (char)('A' + k);
	return '?';
}

static void test_attempt_parse_single_maps_shown_letters(void **state)
{
	fixture *fx = *state;
	size_t i = pos(fx, "s1");
	char text[4] = {shown(fx, i, 1), 0}, err[128];
	mx_response r;
	assert_int_equal(mx_attempt_parse(fx->a, i, text, &r, err, sizeof err), MX_OK);
	assert_true(r.answered);
	assert_int_equal(r.keys.n, 1);
	assert_int_equal(r.keys.k[0], 1); /* the bank's B, the key */
	text[0] = (char)(text[0] - 'A' + 'a');
	assert_int_equal(mx_attempt_parse(fx->a, i, text, &r, err, sizeof err), MX_OK);
	assert_int_equal(r.keys.k[0], 1);
	assert_int_equal(mx_attempt_parse(fx->a, i, "AB", &r, err, sizeof err), MX_ERR_INPUT);
	assert_string_equal(err, "Choose one letter.");
	assert_int_equal(mx_attempt_parse(fx->a, i, "E", &r, err, sizeof err), MX_ERR_INPUT);
	assert_string_equal(err, "'E' is not a choice here: type letters from A to D.");
	assert_int_equal(mx_attempt_parse(fx->a, i, "  ", &r, err, sizeof err), MX_OK);
	assert_false(r.answered);
}

static void test_attempt_parse_multiple_forms(void **state)
{
	fixture *fx = *state;
	size_t i = pos(fx, "m1");
	char err[128];
	mx_response r;
	const char *forms[] = {"AC", "A,C", "a c", "c, a"};
	for (size_t f = 0; f < 4; f++) {
		assert_int_equal(mx_attempt_parse(fx->a, i, forms[f], &r, err, sizeof err), MX_OK);
		assert_int_equal(r.keys.n, 2);
	}
	assert_int_equal(mx_attempt_parse(fx->a, i, "AA", &r, err, sizeof err), MX_ERR_INPUT);
	assert_string_equal(err, "A is given twice.");
	/* the right answer typed in shown letters earns credit */
	char key[4] = {shown(fx, i, 1), shown(fx, i, 3), 0};
	assert_int_equal(mx_attempt_parse(fx->a, i, key, &r, err, sizeof err), MX_OK);
	assert_true(
	    mx_credit(fx->bank, mx_bank_question(fx->bank, fx->form->items[i].question), &r));
}

static void test_attempt_parse_ordering_needs_every_item(void **state)
{
	fixture *fx = *state;
	size_t i = pos(fx, "o1");
	char err[128], key[4] = {shown(fx, i, 1), shown(fx, i, 2), shown(fx, i, 0), 0};
	mx_response r;
	assert_int_equal(mx_attempt_parse(fx->a, i, key, &r, err, sizeof err), MX_OK);
	assert_true(
	    mx_credit(fx->bank, mx_bank_question(fx->bank, fx->form->items[i].question), &r));
	assert_int_equal(mx_attempt_parse(fx->a, i, "AB", &r, err, sizeof err), MX_ERR_INPUT);
	assert_string_equal(err, "Give all 3 letters, each once, in order (such as CAB).");
}

static void test_attempt_parse_matching_pairs(void **state)
{
	fixture *fx = *state;
	size_t i = pos(fx, "x1");
	char err[128], text[32];
	mx_response r;
	snprintf(text, sizeof text, "1%c 2-%c, 3:%c", shown(fx, i, 2), shown(fx, i, 0),
		 shown(fx, i, 1));
	assert_int_equal(mx_attempt_parse(fx->a, i, text, &r, err, sizeof err), MX_OK);
	assert_true(
	    mx_credit(fx->bank, mx_bank_question(fx->bank, fx->form->items[i].question), &r));
	assert_int_equal(mx_attempt_parse(fx->a, i, "1A", &r, err, sizeof err), MX_OK);
	assert_int_equal(r.keys.k[1], MX_NONE);
	assert_int_equal(mx_attempt_parse(fx->a, i, "4A", &r, err, sizeof err), MX_ERR_INPUT);
	assert_string_equal(err,
			    "Give pairs of a prompt number (1 to 3) and a letter, such as 1B 2A.");
	assert_int_equal(mx_attempt_parse(fx->a, i, "1A 1B", &r, err, sizeof err), MX_ERR_INPUT);
	assert_string_equal(err, "Prompt 1 is given twice.");
}

static void test_attempt_format_round_trips(void **state)
{
	fixture *fx = *state;
	const char *ids[] = {"s1", "m1", "o1", "x1"};
	const char *typed[] = {"C", "A,D", "CBA", "1A 3C"};
	const char *want[] = {"C", "A, D", "C, B, A", "1A 3C"};
	for (size_t t = 0; t < 4; t++) {
		size_t i = pos(fx, ids[t]);
		char err[128], buf[64];
		mx_response r;
		assert_int_equal(mx_attempt_parse(fx->a, i, typed[t], &r, err, sizeof err), MX_OK);
		mx_attempt_format(fx->a, i, &r, buf, sizeof buf);
		assert_string_equal(buf, want[t]);
	}
}

static void test_attempt_clock(void **state)
{
	fixture *fx = *state;
	mx_attempt *a = fx->a;
	assert_false(mx_attempt_tick(a, 1000)); /* the first reading starts the clock */
	assert_int_equal(a->elapsed_ms, 0);
	assert_false(mx_attempt_tick(a, 31000));
	assert_int_equal(mx_attempt_remaining(a), 30000);
	assert_int_equal(a->items[0].spent_ms, 30000);
	mx_attempt_move(a, 2);
	assert_false(mx_attempt_tick(a, 41000));
	assert_int_equal(a->items[2].spent_ms, 10000);
	assert_true(mx_attempt_tick(a, 61000));
	assert_int_equal(mx_attempt_remaining(a), 0);
	mx_attempt_tick(a, 50000); /* a clock that runs back adds nothing */
	assert_int_equal(a->elapsed_ms, 60000);
}

static void test_attempt_counts_and_submit(void **state)
{
	fixture *fx = *state;
	mx_attempt *a = fx->a;
	char err[128];
	mx_response r;
	size_t m = pos(fx, "m1");
	mx_attempt_parse(a, m, "A", &r, err, sizeof err);
	mx_attempt_answer(a, m, &r);
	assert_true(mx_attempt_wrong_count(a, m));
	mx_attempt_flag(a, pos(fx, "s2"), true);
	mx_attempt_counts c = mx_attempt_count(a);
	assert_int_equal(c.answered, 1);
	assert_int_equal(c.unanswered, 5);
	assert_int_equal(c.flagged, 1);
	size_t s = pos(fx, "s1");
	char key[2] = {shown(fx, s, 1), 0};
	mx_attempt_parse(a, s, key, &r, err, sizeof err);
	mx_attempt_answer(a, s, &r);
	mx_score *sc = NULL;
	assert_int_equal(mx_attempt_submit(a, &sc), MX_OK);
	assert_int_equal(sc->correct, 1);
	assert_int_equal(sc->answered, 2);
	assert_true(a->submitted);
	assert_int_equal(mx_attempt_answer(a, s, &r), MX_ERR_INPUT); /* closed */
	mx_score_free(sc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_attempt_parse_single_maps_shown_letters, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_attempt_parse_multiple_forms, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_attempt_parse_ordering_needs_every_item, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_attempt_parse_matching_pairs, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_attempt_format_round_trips, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_attempt_clock, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_attempt_counts_and_submit, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
