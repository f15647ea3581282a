/* A question as reviewed: choices in the order shown, each with its own reason and marks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "mockexam/review.h"

static mx_bank *bank;
static mx_form *form;

static int setup(void **state)
{
	char dir[512];
	snprintf(dir, sizeof dir, "%s/good/tiny", MX_TEST_DATA);
	mx_diags d;
	mx_diags_init(&d);
	mx_form_spec spec = {.seed = 7};
	int rc = mx_bank_load(dir, NULL, &d, &bank) != MX_OK ||
		 mx_form_build(bank, &spec, &d, &form) != MX_OK;
	mx_diags_free(&d);
	return rc;
}

static int teardown(void **state)
{
	mx_form_free(form);
	mx_bank_free(bank);
	return 0;
}

/* The form position of question id. */
static size_t pos(const char *id)
{
	long q = mx_bank_find_question(bank, id);
	assert_true(q >= 0);
	long i = mx_form_find(form, (size_t)q);
	assert_true(i >= 0);
	return (size_t)i;
}

static void test_review_reasons_follow_their_shuffled_options(void **state)
{
	size_t i = pos("s1");
	const mx_form_item *it = &form->items[i];
	const mx_question *q = mx_bank_question(bank, it->question);
	mx_response r = {.answered = true, .keys = {.n = 1, .k = {2}}}; /* the third letter */
	mx_review rv;
	mx_review_item(form, i, &r, &rv);
	assert_int_equal(rv.nchoices, 4);
	bool moved = false;
	for (size_t k = 0; k < rv.nchoices; k++) {
		assert_int_equal(rv.choices[k].letter, 'A' + (int)k);
		assert_ptr_equal(rv.choices[k].text, q->options[it->order[k]].text);
		assert_ptr_equal(rv.choices[k].why, q->why[it->order[k]]);
		assert_int_equal(rv.choices[k].key, it->order[k] == 1);
		assert_int_equal(rv.choices[k].chosen, it->order[k] == 2);
		moved |= it->order[k] != k;
	}
	assert_true(moved); /* seed 7 shuffles s1, so the test means something */
	assert_false(rv.correct);
	assert_null(rv.explanation);
	char want[8];
	for (size_t k = 0; k < rv.nchoices; k++)
		if (it->order[k] == 1)
			snprintf(want, sizeof want, "%c", 'A' + (int)k);
	assert_string_equal(rv.key, want);
}

static void test_review_marks_say_the_same_everywhere(void **state)
{
	mx_review_choice c = {.key = true, .chosen = true};
	char buf[64];
	mx_review_choice_mark(&c, buf, sizeof buf);
	assert_string_equal(buf, "correct, your answer");
	c.key = false;
	mx_review_choice_mark(&c, buf, sizeof buf);
	assert_string_equal(buf, "your answer");
	c.chosen = false;
	mx_review_choice_mark(&c, buf, sizeof buf);
	assert_string_equal(buf, "");
	mx_review_choice_mark(&(mx_review_choice){.key_place = 2, .chosen_place = 3}, buf,
			      sizeof buf);
	assert_string_equal(buf, "belongs 2nd, yours 3rd");
	mx_review_choice_mark(&(mx_review_choice){.key_place = 1, .chosen_place = 1}, buf,
			      sizeof buf);
	assert_string_equal(buf, "belongs 1st, yours too");
	mx_review_prompt_mark(&(mx_review_prompt){.key = 'C', .chosen = 'A'}, buf, sizeof buf);
	assert_string_equal(buf, "matches C, yours A");
	mx_review_prompt_mark(&(mx_review_prompt){.key = 'B'}, buf, sizeof buf);
	assert_string_equal(buf, "matches B");
}

static void test_review_ordering_places_and_matching_prompts(void **state)
{
	size_t i = pos("o1"); /* answer B, C, A */
	const mx_form_item *it = &form->items[i];
	mx_response none = {.answered = false};
	mx_review rv;
	mx_review_item(form, i, &none, &rv);
	for (size_t k = 0; k < rv.nchoices; k++) {
		int want = it->order[k] == 1 ? 1 : it->order[k] == 2 ? 2 : 3;
		assert_int_equal(rv.choices[k].key_place, want);
		assert_int_equal(rv.choices[k].chosen_place, 0);
	}
	assert_string_equal(rv.response, "");
	i = pos("x1"); /* 1: C, 2: A, 3: B, reasons for prompts 1 and 3 */
	mx_response r = {.answered = true, .keys = {.n = 3, .k = {2, 2, MX_NONE}}};
	mx_review_item(form, i, &r, &rv);
	assert_int_equal(rv.nprompts, 3);
	assert_string_equal(rv.prompts[0].why, "Cats meow.");
	assert_null(rv.prompts[1].why);
	assert_int_equal(rv.prompts[0].chosen, rv.prompts[0].key);
	assert_int_not_equal(rv.prompts[1].chosen, rv.prompts[1].key);
	assert_int_equal(rv.prompts[2].chosen, 0);
	assert_null(rv.choices[0].why); /* matching reasons are by prompt, not by option */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_review_reasons_follow_their_shuffled_options),
	    cmocka_unit_test(test_review_marks_say_the_same_everywhere),
	    cmocka_unit_test(test_review_ordering_places_and_matching_prompts),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
