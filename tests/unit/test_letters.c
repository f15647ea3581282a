/* Finding text that names an option by its letter: what counts, and what does not. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "src/lib/letters.h"

/* The phrases found in text, joined with '|'. */
static const char *phrases(const char *text)
{
	static char out[256];
	letter_ref r[8];
	size_t n = letter_refs(text, r, 8), used = 0;
	out[0] = '\0';
	for (size_t i = 0; i < n; i++)
		used += (size_t)snprintf(out + used, sizeof out - used, "%s%.*s", i ? "|" : "",
					 (int)(r[i].until - r[i].from), text + r[i].from);
	return out;
}

static void test_letters_found_in_each_form(void **state)
{
	assert_string_equal(phrases("B is correct."), "B is");
	assert_string_equal(phrases("Amazon Polly (A) speaks."), "(A)");
	assert_string_equal(phrases("Unlike option D, it scales."), "option D");
	assert_string_equal(phrases("Options C and D fail."), "Options C");
	assert_string_equal(phrases("A and C are wrong."), "A and C|C are");
	assert_string_equal(phrases("Pick D, E."), "D, E");
	assert_string_equal(phrases("B or D would do."), "B or D|D would");
	assert_string_equal(phrases("Why:\nC: too slow\n  D. too dear"), "C:|D.");
	assert_string_equal(phrases("the answer\n  H is last"), "answer\n  H");
}

static void test_letters_as_words_are_not_references(void **state)
{
	assert_string_equal(phrases("A company runs A/B tests."), "");
	assert_string_equal(phrases("Vitamin C, and C++ or C# code."), "");
	assert_string_equal(phrases("Amazon S3 and EC2 in us-east-1."), "");
	assert_string_equal(phrases("Plan I and J are not options."), "");
	assert_string_equal(phrases("a b c is lower case"), "");
	assert_string_equal(phrases("See section A.1 and Annex B.2."), "");
	assert_string_equal(phrases("Prompt 2 is about dogs."), "");
}

static void test_letters_stop_at_max(void **state)
{
	letter_ref r[2];
	assert_int_equal(letter_refs("(A) (B) (C)", r, 2), 2);
	assert_int_equal(r[1].letter, 'B');
	assert_int_equal(r[1].off, 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_letters_found_in_each_form),
	    cmocka_unit_test(test_letters_as_words_are_not_references),
	    cmocka_unit_test(test_letters_stop_at_max),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
