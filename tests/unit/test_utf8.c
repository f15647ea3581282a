/* UTF-8 as bytes (utf8.h): valid sequences, control characters, counting and cutting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "src/lib/utf8.h"

static size_t seq(const char *s)
{
	return utf8_seq((const unsigned char *)s, strlen(s));
}

static void test_utf8_seq_accepts_only_shortest_valid_forms(void **state)
{
	assert_int_equal(seq("a"), 1);
	assert_int_equal(seq("\xc3\xa9"), 2);	      /* é */
	assert_int_equal(seq("\xe6\x97\xa5"), 3);     /* 日 */
	assert_int_equal(seq("\xf0\x9f\x98\x80"), 4); /* an emoji */
	assert_int_equal(seq("\xc0\xaf"), 0);	      /* an overlong '/' */
	assert_int_equal(seq("\xe0\x80\xaf"), 0);     /* overlong in three bytes */
	assert_int_equal(seq("\xed\xa0\x80"), 0);     /* a surrogate */
	assert_int_equal(seq("\xf4\x90\x80\x80"), 0); /* past U+10FFFF */
	assert_int_equal(seq("\xc3"), 0);	      /* cut short */
	assert_int_equal(seq("\xc3("), 0);	      /* not a continuation */
	assert_int_equal(seq("\x80"), 0);	      /* a continuation alone */
}

static long control(const char *s)
{
	return utf8_control((const unsigned char *)s, strlen(s) ? strlen(s) : 1);
}

static void test_utf8_control_allows_tab_and_newline_only(void **state)
{
	assert_int_equal(control("\t"), -1);
	assert_int_equal(control("\n"), -1);
	assert_int_equal(control("a"), -1);
	assert_int_equal(control("\xc3\xa9"), -1);
	assert_int_equal(control(""), 0); /* NUL */
	assert_int_equal(control("\r"), 0x0d);
	assert_int_equal(control("\x1b"), 0x1b);
	assert_int_equal(control("\x7f"), 0x7f);
	assert_int_equal(control("\xc2\x85"), 0x85); /* NEL, a C1 control */
	assert_int_equal(control("\xc2\xa0"), -1);   /* no-break space is text */
}

static void test_utf8_chars_counts_characters_not_bytes(void **state)
{
	assert_int_equal(utf8_chars("", 0), 0);
	assert_int_equal(utf8_chars("abc", 3), 3);
	assert_int_equal(utf8_chars("caf\xc3\xa9", 5), 4);
	assert_int_equal(utf8_chars("\xf0\x9f\x98\x80!", 5), 2);
}

static void test_utf8_prefix_never_cuts_a_character(void **state)
{
	assert_int_equal(utf8_prefix("caf\xc3\xa9", 4), 3);
	assert_int_equal(utf8_prefix("caf\xc3\xa9", 5), 5);
	assert_int_equal(utf8_prefix("\xe6\x97\xa5\xe6\x97\xa5", 5), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_utf8_seq_accepts_only_shortest_valid_forms),
	    cmocka_unit_test(test_utf8_control_allows_tab_and_newline_only),
	    cmocka_unit_test(test_utf8_chars_counts_characters_not_bytes),
	    cmocka_unit_test(test_utf8_prefix_never_cuts_a_character),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
