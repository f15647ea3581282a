/* An attempt: typed and chosen responses in shown letters, the clock and its events,
 * incomplete answers, what is asked before submitting, and saving through a store. */
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
	char text[4] = {shown(fx, i, 1), 0};
	mx_error err;
	mx_response r;
	assert_int_equal(mx_attempt_parse(fx->a, i, text, &r, &err), MX_OK);
	assert_true(r.answered);
	assert_int_equal(r.keys.n, 1);
	assert_int_equal(r.keys.k[0], 1); /* the bank's B, the key */
	text[0] = (char)(text[0] - 'A' + 'a');
	assert_int_equal(mx_attempt_parse(fx->a, i, text, &r, &err), MX_OK);
	assert_int_equal(r.keys.k[0], 1);
	assert_int_equal(mx_attempt_parse(fx->a, i, "AB", &r, &err), MX_ERR_INPUT);
	assert_string_equal(err.message, "Choose one letter.");
	assert_int_equal(mx_attempt_parse(fx->a, i, "E", &r, &err), MX_ERR_INPUT);
	assert_string_equal(err.message, "'E' is not a choice here: type letters from A to D.");
	assert_int_equal(mx_attempt_parse(fx->a, i, "  ", &r, &err), MX_OK);
	assert_false(r.answered);
}

static void test_attempt_parse_multiple_forms(void **state)
{
	fixture *fx = *state;
	size_t i = pos(fx, "m1");
	mx_error err;
	mx_response r;
	const char *forms[] = {"AC", "A,C", "a c", "c, a"};
	for (size_t f = 0; f < 4; f++) {
		assert_int_equal(mx_attempt_parse(fx->a, i, forms[f], &r, &err), MX_OK);
		assert_int_equal(r.keys.n, 2);
	}
	assert_int_equal(mx_attempt_parse(fx->a, i, "AA", &r, &err), MX_ERR_INPUT);
	assert_string_equal(err.message, "A is given twice.");
	/* the right answer typed in shown letters earns credit */
	char key[4] = {shown(fx, i, 1), shown(fx, i, 3), 0};
	assert_int_equal(mx_attempt_parse(fx->a, i, key, &r, &err), MX_OK);
	assert_true(
	    mx_credit(fx->bank, mx_bank_question(fx->bank, fx->form->items[i].question), &r));
}

static void test_attempt_parse_ordering_needs_every_item(void **state)
{
	fixture *fx = *state;
	size_t i = pos(fx, "o1");
	mx_error err;
	char key[4] = {shown(fx, i, 1), shown(fx, i, 2), shown(fx, i, 0), 0};
	mx_response r;
	assert_int_equal(mx_attempt_parse(fx->a, i, key, &r, &err), MX_OK);
	assert_true(
	    mx_credit(fx->bank, mx_bank_question(fx->bank, fx->form->items[i].question), &r));
	assert_int_equal(mx_attempt_parse(fx->a, i, "AB", &r, &err), MX_ERR_INPUT);
	assert_string_equal(err.message, "Give all 3 letters, each once, in order (such as CAB).");
}

static void test_attempt_parse_matching_pairs(void **state)
{
	fixture *fx = *state;
	size_t i = pos(fx, "x1");
	mx_error err;
	char text[32];
	mx_response r;
	snprintf(text, sizeof text, "1%c 2-%c, 3:%c", shown(fx, i, 2), shown(fx, i, 0),
		 shown(fx, i, 1));
	assert_int_equal(mx_attempt_parse(fx->a, i, text, &r, &err), MX_OK);
	assert_true(
	    mx_credit(fx->bank, mx_bank_question(fx->bank, fx->form->items[i].question), &r));
	assert_int_equal(mx_attempt_parse(fx->a, i, "1A", &r, &err), MX_OK);
	assert_int_equal(r.keys.k[1], MX_NONE);
	assert_int_equal(mx_attempt_parse(fx->a, i, "4A", &r, &err), MX_ERR_INPUT);
	assert_string_equal(err.message,
			    "Give pairs of a prompt number (1 to 3) and a letter, such as 1B 2A.");
	assert_int_equal(mx_attempt_parse(fx->a, i, "1A 1B", &r, &err), MX_ERR_INPUT);
	assert_string_equal(err.message, "Prompt 1 is given twice.");
}

/* The rule the instruction states: each prompt one option; an option may serve several. */
static void test_attempt_matching_option_may_serve_several_prompts(void **state)
{
	fixture *fx = *state;
	size_t i = pos(fx, "x1");
	const mx_question *q = mx_bank_question(fx->bank, fx->form->items[i].question);
	mx_error err;
	char text[32], buf[32];
	mx_response r;
	snprintf(text, sizeof text, "1%c 2%c 3%c", shown(fx, i, 0), shown(fx, i, 0),
		 shown(fx, i, 1));
	assert_int_equal(mx_attempt_parse(fx->a, i, text, &r, &err), MX_OK);
	assert_int_equal(r.keys.k[0], 0);
	assert_int_equal(r.keys.k[1], 0);
	mx_question twice = *q; /* a key that gives option A to prompts 1 and 2 */
	twice.answer.k[0] = twice.answer.k[1] = 0;
	twice.answer.k[2] = 1;
	assert_true(mx_credit(fx->bank, &twice, &r));
	assert_false(mx_credit(fx->bank, q, &r));
	/* chosen one at a time, giving an option to a second prompt keeps it on the first */
	assert_int_equal(mx_attempt_choose(fx->a, i, 0, 0, &err), MX_OK);
	assert_int_equal(mx_attempt_choose(fx->a, i, 0, 1, &err), MX_OK);
	mx_attempt_format(fx->a, i, &fx->a->items[i].response, buf, sizeof buf);
	assert_string_equal(buf, "1A 2A");
}

static void test_attempt_format_round_trips(void **state)
{
	fixture *fx = *state;
	const char *ids[] = {"s1", "m1", "o1", "x1"};
	const char *typed[] = {"C", "A,D", "CBA", "1A 3C"};
	const char *want[] = {"C", "A, D", "C, B, A", "1A 3C"};
	for (size_t t = 0; t < 4; t++) {
		size_t i = pos(fx, ids[t]);
		mx_error err;
		char buf[64];
		mx_response r;
		assert_int_equal(mx_attempt_parse(fx->a, i, typed[t], &r, &err), MX_OK);
		mx_attempt_format(fx->a, i, &r, buf, sizeof buf);
		assert_string_equal(buf, want[t]);
	}
}

/* A store that records what it was asked to save, and fails when told to. */
typedef struct recorder {
	size_t items, clocks, finishes;
	bool fail;
} recorder;

static mx_status rec_item(void *ctx, const mx_attempt *a, size_t i, mx_error *err)
{
	recorder *r = ctx;
	r->items++;
	return r->fail ? mx_error_set(err, MX_ERR_DATABASE, "disk I/O error") : MX_OK;
}

static mx_status rec_clock(void *ctx, const mx_attempt *a, mx_error *err)
{
	recorder *r = ctx;
	r->clocks++;
	return r->fail ? mx_error_set(err, MX_ERR_DATABASE, "disk I/O error") : MX_OK;
}

static mx_status rec_finish(void *ctx, const mx_attempt *a, const mx_score *s, mx_error *err)
{
	recorder *r = ctx;
	r->finishes++;
	return r->fail ? mx_error_set(err, MX_ERR_DATABASE, "disk I/O error") : MX_OK;
}

static void attach(mx_attempt *a, recorder *r)
{
	mx_attempt_store store = {r, rec_item, rec_clock, rec_finish};
	mx_attempt_set_store(a, &store, 42);
}

static unsigned clock_at(mx_attempt *a, int64_t now, mx_clock_report *rep)
{
	mx_attempt_clock(a, now, rep, NULL);
	return rep->events;
}

static void test_attempt_clock_counts_time_per_question(void **state)
{
	fixture *fx = *state;
	mx_attempt *a = fx->a; /* 60 s */
	mx_clock_report rep;
	clock_at(a, 1000, &rep); /* the first reading starts the clock */
	assert_int_equal(a->elapsed_ms, 0);
	clock_at(a, 31000, &rep);
	assert_int_equal(mx_attempt_remaining(a), 30000);
	assert_int_equal(rep.left_ms, 30000);
	assert_int_equal(a->items[0].spent_ms, 30000);
	mx_attempt_move(a, 2, NULL);
	clock_at(a, 41000, &rep);
	assert_int_equal(a->items[2].spent_ms, 10000);
	assert_true(clock_at(a, 61000, &rep) & MX_CLOCK_TIME_UP);
	assert_int_equal(mx_attempt_remaining(a), 0);
	clock_at(a, 50000, &rep); /* a clock that runs back adds nothing */
	assert_int_equal(a->elapsed_ms, 60000);
}

static void test_attempt_clock_warns_once_each_when_longer(void **state)
{
	fixture *fx = *state;
	mx_attempt *a;
	mx_clock_report rep;
	assert_int_equal(mx_attempt_new(fx->form, 20 * 60000, &a), MX_OK);
	assert_int_equal(clock_at(a, 0, &rep) & (MX_CLOCK_WARN_15 | MX_CLOCK_WARN_5), 0);
	assert_int_equal(rep.next_ms, 5 * 60000); /* no store: the warning is next */
	clock_at(a, 4 * 60000, &rep);
	assert_int_equal(rep.next_ms, 60000); /* one minute to the 15-minute warning */
	assert_true(clock_at(a, 5 * 60000, &rep) & MX_CLOCK_WARN_15);
	assert_false(clock_at(a, 5 * 60000 + 1, &rep) & MX_CLOCK_WARN_15); /* once */
	assert_true(clock_at(a, 15 * 60000, &rep) & MX_CLOCK_WARN_5);
	assert_false(clock_at(a, 16 * 60000, &rep) & MX_CLOCK_WARN_5);
	assert_true(clock_at(a, 20 * 60000, &rep) & MX_CLOCK_TIME_UP);
	mx_attempt_free(a);
	/* a 10-minute exam gets the 5-minute warning and never the 15-minute one */
	assert_int_equal(mx_attempt_new(fx->form, 10 * 60000, &a), MX_OK);
	assert_false(clock_at(a, 0, &rep) & MX_CLOCK_WARN_15);
	assert_int_equal(clock_at(a, 5 * 60000, &rep) & (MX_CLOCK_WARN_15 | MX_CLOCK_WARN_5),
			 MX_CLOCK_WARN_5);
	mx_attempt_free(a);
	/* straight past both: the later warning only */
	assert_int_equal(mx_attempt_new(fx->form, 20 * 60000, &a), MX_OK);
	clock_at(a, 0, &rep);
	assert_int_equal(clock_at(a, 17 * 60000, &rep) & (MX_CLOCK_WARN_15 | MX_CLOCK_WARN_5),
			 MX_CLOCK_WARN_5);
	mx_attempt_free(a);
}

static void test_attempt_clock_saves_on_its_cadence(void **state)
{
	fixture *fx = *state;
	recorder r = {0};
	mx_clock_report rep;
	attach(fx->a, &r);
	clock_at(fx->a, 0, &rep);
	assert_false(clock_at(fx->a, MX_SAVE_EVERY_MS - 1, &rep) & MX_CLOCK_SAVED);
	assert_int_equal(rep.next_ms, 1);
	assert_true(clock_at(fx->a, MX_SAVE_EVERY_MS, &rep) & MX_CLOCK_SAVED);
	assert_int_equal(r.clocks, 1);
	/* an answer saves the clock with it: the cadence starts again from there */
	mx_attempt_answer(fx->a, 0, &(mx_response){0}, NULL);
	clock_at(fx->a, MX_SAVE_EVERY_MS + 5000, &rep);
	mx_attempt_answer(fx->a, 0, &(mx_response){0}, NULL);
	assert_false(clock_at(fx->a, 2 * MX_SAVE_EVERY_MS + 1000, &rep) & MX_CLOCK_SAVED);
	assert_int_equal(r.clocks, 1);
	/* a failed save is the caller's error, with the store's message */
	r.fail = true;
	mx_error err;
	assert_int_equal(mx_attempt_clock(fx->a, 4 * MX_SAVE_EVERY_MS, &rep, &err),
			 MX_ERR_DATABASE);
	assert_string_equal(err.message, "disk I/O error");
	assert_int_equal(mx_attempt_flag(fx->a, 0, true, &err), MX_ERR_DATABASE);
}

static void test_attempt_choose_by_type(void **state)
{
	fixture *fx = *state;
	mx_attempt *a = fx->a;
	char buf[64];
	size_t s = pos(fx, "s1"), m = pos(fx, "m1"), o = pos(fx, "o1"), x = pos(fx, "x1");
	/* single: a choice replaces the last */
	mx_attempt_choose(a, s, 0, 0, NULL);
	mx_attempt_choose(a, s, 2, 0, NULL);
	mx_attempt_format(a, s, &a->items[s].response, buf, sizeof buf);
	assert_string_equal(buf, "C");
	assert_true(mx_attempt_chosen(a, s, 2));
	assert_false(mx_attempt_chosen(a, s, 0));
	/* multiple: adds, and takes back when chosen again */
	mx_attempt_choose(a, m, 3, 0, NULL);
	mx_attempt_choose(a, m, 0, 0, NULL);
	mx_attempt_choose(a, m, 4, 0, NULL);
	mx_attempt_format(a, m, &a->items[m].response, buf, sizeof buf);
	assert_string_equal(buf, "A, D, E");
	mx_attempt_choose(a, m, 3, 0, NULL);
	mx_attempt_format(a, m, &a->items[m].response, buf, sizeof buf);
	assert_string_equal(buf, "A, E");
	/* ordering: places next; taking one back moves those after it up */
	mx_attempt_choose(a, o, 2, 0, NULL);
	mx_attempt_choose(a, o, 0, 0, NULL);
	mx_attempt_choose(a, o, 1, 0, NULL);
	mx_attempt_format(a, o, &a->items[o].response, buf, sizeof buf);
	assert_string_equal(buf, "C, A, B");
	mx_attempt_choose(a, o, 0, 0, NULL);
	mx_attempt_format(a, o, &a->items[o].response, buf, sizeof buf);
	assert_string_equal(buf, "C, B");
	mx_attempt_take_back(a, o, 0, NULL);
	mx_attempt_format(a, o, &a->items[o].response, buf, sizeof buf);
	assert_string_equal(buf, "C");
	/* matching: per prompt; the same option again takes it back */
	mx_attempt_choose(a, x, 1, 0, NULL);
	mx_attempt_choose(a, x, 2, 2, NULL);
	mx_attempt_format(a, x, &a->items[x].response, buf, sizeof buf);
	assert_string_equal(buf, "1B 3C");
	mx_attempt_choose(a, x, 1, 0, NULL);
	mx_attempt_format(a, x, &a->items[x].response, buf, sizeof buf);
	assert_string_equal(buf, "3C");
	mx_attempt_take_back(a, x, 2, NULL);
	assert_false(a->items[x].response.answered);
	/* what does not exist is refused, and says so */
	mx_error err;
	assert_int_equal(mx_attempt_choose(a, s, 7, 0, &err), MX_ERR_INPUT);
	assert_string_equal(err.message, "there is no choice H here");
	assert_int_equal(mx_attempt_choose(a, x, 0, 5, &err), MX_ERR_INPUT);
	assert_int_equal(mx_attempt_choose(a, pos(fx, "t1"), 0, 0, &err), MX_ERR_INPUT);
}

/* Drills: an answer checked cannot change, in any way of giving it; flags still can. */
static void test_attempt_drill_answer_locks_once_checked(void **state)
{
	fixture *fx = *state;
	mx_attempt *a = fx->a;
	recorder rec = {0};
	attach(a, &rec);
	size_t s = pos(fx, "s1"), m = pos(fx, "m1");
	mx_error err;
	/* a mock exam checks nothing: its answers change until it is submitted */
	assert_int_equal(mx_attempt_choose(a, s, 0, 0, NULL), MX_OK);
	assert_int_equal(mx_attempt_check(a, s, &err), MX_ERR_INPUT);
	assert_false(mx_attempt_locked(a, s));
	assert_int_equal(mx_attempt_choose(a, s, 1, 0, NULL), MX_OK);

	a->drill = true;
	assert_int_equal(mx_attempt_check(a, m, &err), MX_ERR_INPUT); /* unanswered */
	assert_string_equal(err.message, "question 5 has no answer to check");
	/* before the check, a multiple-response answer is built a choice at a time */
	assert_int_equal(mx_attempt_choose(a, m, 0, 0, NULL), MX_OK);
	assert_int_equal(mx_attempt_choose(a, m, 2, 0, NULL), MX_OK);
	assert_false(mx_attempt_locked(a, m));
	size_t items = rec.items;
	assert_int_equal(mx_attempt_check(a, m, &err), MX_OK);
	assert_true(mx_attempt_locked(a, m));
	assert_int_equal(rec.items, items + 1); /* saved with the item */
	mx_response before = a->items[m].response;
	assert_int_equal(mx_attempt_choose(a, m, 1, 0, &err), MX_ERR_INPUT);
	assert_string_equal(err.message, "question 5 was checked: its answer can no longer change");
	assert_int_equal(mx_attempt_take_back(a, m, 0, &err), MX_ERR_INPUT);
	mx_response none = {0};
	assert_int_equal(mx_attempt_answer(a, m, &none, &err), MX_ERR_INPUT);
	assert_memory_equal(&a->items[m].response, &before, sizeof before);
	assert_int_equal(mx_attempt_flag(a, m, true, NULL), MX_OK);
	assert_int_equal(mx_attempt_strike(a, m, 1, NULL), MX_OK);
	/* the other questions are not locked by it */
	assert_int_equal(mx_attempt_choose(a, s, 2, 0, NULL), MX_OK);
}

static void test_attempt_selection_and_instructions(void **state)
{
	fixture *fx = *state;
	mx_attempt *a = fx->a;
	char buf[160];
	size_t m = pos(fx, "m1"), x = pos(fx, "x1"), s = pos(fx, "s1");
	assert_string_equal(mx_attempt_instruction(a, m, buf, sizeof buf), "(Select TWO.)");
	assert_string_equal(mx_attempt_instruction(a, s, buf, sizeof buf), "");
	assert_string_equal(mx_attempt_instruction(a, x, buf, sizeof buf),
			    "(Match each numbered prompt with one option; an option may serve "
			    "more than one prompt, or none.)");
	mx_attempt_choose(a, m, 0, 0, NULL);
	mx_attempt_choose(a, m, 1, 0, NULL);
	mx_attempt_choose(a, m, 2, 0, NULL);
	mx_selection sel = mx_attempt_selection(a, m);
	assert_int_equal(sel.wanted, 2);
	assert_int_equal(sel.chosen, 3);
	assert_true(sel.incomplete);
	assert_string_equal(mx_attempt_progress(a, m, buf, sizeof buf),
			    "Chosen 3 of 2: incomplete");
	mx_attempt_choose(a, x, 0, 0, NULL); /* one of three prompts */
	assert_true(mx_attempt_selection(a, x).incomplete);
	mx_attempt_flag(a, s, true, NULL);
	mx_attempt_counts c = mx_attempt_count(a);
	assert_int_equal(c.answered, 2);
	assert_int_equal(c.incomplete, 2);
	assert_int_equal(c.unanswered, 4);
	assert_int_equal(c.flagged, 1);
	snprintf(buf, sizeof buf,
		 "Submit the exam? 4 unanswered, 1 flagged, question %zu "
		 "incomplete, question %zu incomplete.",
		 (m < x ? m : x) + 1, (m < x ? x : m) + 1);
	char ask[256];
	assert_string_equal(mx_attempt_submit_question(a, ask, sizeof ask), buf);
	mx_attempt_choose(a, m, 2, 0, NULL);
	assert_false(mx_attempt_selection(a, m).incomplete);
	assert_string_equal(mx_attempt_progress(a, m, buf, sizeof buf), "Chosen 2 of 2");
}

static void test_attempt_counts_and_submit(void **state)
{
	fixture *fx = *state;
	mx_attempt *a = fx->a;
	mx_error err;
	recorder rec = {0};
	mx_response r;
	attach(a, &rec);
	size_t s = pos(fx, "s1");
	char key[2] = {shown(fx, s, 1), 0};
	mx_attempt_parse(a, s, key, &r, &err);
	mx_attempt_answer(a, s, &r, NULL);
	mx_score *sc = NULL;
	assert_int_equal(mx_attempt_submit(a, &sc, NULL), MX_OK);
	assert_int_equal(rec.finishes, 1);
	assert_int_equal(sc->correct, 1);
	assert_int_equal(sc->answered, 1);
	assert_true(a->submitted);
	assert_int_equal(mx_attempt_answer(a, s, &r, &err), MX_ERR_INPUT); /* closed */
	assert_string_equal(err.message, "the attempt has been submitted");
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
	    cmocka_unit_test_setup_teardown(test_attempt_matching_option_may_serve_several_prompts,
					    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_attempt_format_round_trips, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_attempt_clock_counts_time_per_question, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_attempt_clock_warns_once_each_when_longer, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_attempt_clock_saves_on_its_cadence, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_attempt_choose_by_type, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_attempt_drill_answer_locks_once_checked, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_attempt_selection_and_instructions, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_attempt_counts_and_submit, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
