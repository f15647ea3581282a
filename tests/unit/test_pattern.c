/* Bounded PCRE2 patterns: matching, flags, compile errors with offsets, and limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "src/lib/pattern.h"

static mx_pattern *compile(const char *src, unsigned flags)
{
	mx_pattern *p = mx_pattern_compile(src, strlen(src), flags, NULL, 0, NULL);
	assert_non_null(p);
	return p;
}

static int match(const mx_pattern *p, const char *subject)
{
	return mx_pattern_match(p, subject, strlen(subject));
}

static void test_pattern_match_returns_one_or_zero(void **state)
{
	mx_pattern *p = compile("^guard(rail)?s?$", 0);
	assert_int_equal(match(p, "guardrails"), 1);
	assert_int_equal(match(p, "guard"), 1);
	assert_int_equal(match(p, "Guardrails"), 0);
	assert_int_equal(match(p, "guardrailss"), 0);
	assert_int_equal(match(p, ""), 0);
	mx_pattern_free(p);
}

static void test_pattern_caseless_flag_ignores_case(void **state)
{
	mx_pattern *p = compile("^amazon bedrock$", MX_PAT_CASELESS);
	assert_int_equal(match(p, "Amazon Bedrock"), 1);
	assert_int_equal(match(p, "AMAZON BEDROCK"), 1);
	mx_pattern_free(p);
	p = compile("^amazon bedrock$", 0);
	assert_int_equal(match(p, "Amazon Bedrock"), 0);
	mx_pattern_free(p);
}

static void test_pattern_utf_flag_matches_characters_not_bytes(void **state)
{
	mx_pattern *u = compile("^.$", MX_PAT_UTF), *b = compile("^.$", 0);
	assert_int_equal(match(u, "\xc3\xa9"), 1); /* é is one character */
	assert_int_equal(match(b, "\xc3\xa9"), 0); /* and two bytes */
	mx_pattern_free(u);
	mx_pattern_free(b);
	/* Unicode properties: \w takes letters beyond ASCII, and case folds beyond ASCII */
	mx_pattern *w = compile("^\\w+$", MX_PAT_UTF);
	assert_int_equal(match(w, "caf\xc3\xa9"), 1);
	mx_pattern_free(w);
	mx_pattern *c = compile("^\xc3\xa9t\xc3\xa9$", MX_PAT_UTF | MX_PAT_CASELESS);
	assert_int_equal(match(c, "\xc3\x89T\xc3\x89"), 1); /* ÉTÉ */
	mx_pattern_free(c);
}

static void test_pattern_lengths_are_respected(void **state)
{
	/* neither the pattern nor the subject needs a terminating NUL */
	mx_pattern *p = mx_pattern_compile("ab(", 2, 0, NULL, 0, NULL);
	assert_non_null(p);
	assert_int_equal(mx_pattern_match(p, "xxab", 3), 0);
	assert_int_equal(mx_pattern_match(p, "xxab", 4), 1);
	assert_int_equal(mx_pattern_match(p, "a\0ab", 4), 1);
	mx_pattern_free(p);
	mx_pattern *nul = mx_pattern_compile("^a\0b$", 5, 0, NULL, 0, NULL);
	assert_non_null(nul);
	assert_int_equal(mx_pattern_match(nul, "a\0b", 3), 1);
	assert_int_equal(mx_pattern_match(nul, "a", 1), 0);
	mx_pattern_free(nul);
}

/* The error PCRE2 gives for src, and the offset where it found it. */
static void expect_error(const char *src, const char *message, size_t offset)
{
	char msg[256] = "unchanged";
	size_t off = 12345;
	assert_null(mx_pattern_compile(src, strlen(src), 0, msg, sizeof msg, &off));
	assert_string_equal(msg, message);
	assert_int_equal(off, offset);
}

static void test_pattern_compile_error_gives_message_and_offset(void **state)
{
	expect_error("abc(", "missing closing parenthesis", 4);
	expect_error("a)b", "unmatched closing parenthesis", 1);
	expect_error("[z-a]", "range out of order in character class", 3);
	expect_error("x{2,1}", "numbers out of order in {} quantifier", 5);
	expect_error("a**", "quantifier does not follow a repeatable item", 2);
	expect_error("ab\\", "\\ at end of pattern", 3);
}

static void test_pattern_compile_error_message_fits_the_buffer(void **state)
{
	char msg[8];
	memset(msg, 'x', sizeof msg);
	assert_null(mx_pattern_compile("abc(", 4, 0, msg, sizeof msg, NULL));
	assert_string_equal(msg, "missing"); /* cut to 7 bytes and terminated */
	/* no buffer and no offset wanted: still refused, nothing written */
	assert_null(mx_pattern_compile("abc(", 4, 0, NULL, 0, NULL));
}

static void test_pattern_invalid_utf8_pattern_is_refused(void **state)
{
	char msg[256];
	size_t off = 99;
	assert_null(mx_pattern_compile("ab\xff", 3, MX_PAT_UTF, msg, sizeof msg, &off));
	assert_int_equal(off, 2);
	assert_true(strstr(msg, "UTF-8") != NULL);
	mx_pattern *bytes = mx_pattern_compile("ab\xff", 3, 0, NULL, 0, NULL);
	assert_non_null(bytes); /* without UTF mode, any byte is a character */
	mx_pattern_free(bytes);
}

static void test_pattern_catastrophic_backtracking_returns_minus_one(void **state)
{
	/* 2^40 ways to split the a's: the match limit stops it at once instead */
	mx_pattern *p = compile("^(a+)+$", 0);
	assert_int_equal(match(p, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab"), -1);
	assert_int_equal(match(p, "aaaaaaaaaa"), 1); /* and matching still works after */
	assert_int_equal(match(p, "ab"), 0);
	mx_pattern_free(p);
	mx_pattern *q = compile("^(\\w+\\s?)*$", MX_PAT_UTF);
	assert_int_equal(match(q, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"), -1);
	mx_pattern_free(q);
}

static void test_pattern_deep_recursion_returns_minus_one(void **state)
{
	/* balanced a^n b^n by recursion: each level nests a backtracking frame */
	enum { DEEP = 20000 };
	static char s[2 * DEEP];
	mx_pattern *p = compile("^(a(?1)?b)$", 0);
	memset(s, 'a', 50);
	memset(s + 50, 'b', 50);
	assert_int_equal(mx_pattern_match(p, s, 100), 1);
	memset(s, 'a', DEEP);
	memset(s + DEEP, 'b', DEEP);
	assert_int_equal(mx_pattern_match(p, s, 2 * DEEP), -1);
	mx_pattern_free(p);
}

static void test_pattern_free_accepts_null(void **state)
{
	mx_pattern_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_pattern_match_returns_one_or_zero),
	    cmocka_unit_test(test_pattern_caseless_flag_ignores_case),
	    cmocka_unit_test(test_pattern_utf_flag_matches_characters_not_bytes),
	    cmocka_unit_test(test_pattern_lengths_are_respected),
	    cmocka_unit_test(test_pattern_compile_error_gives_message_and_offset),
	    cmocka_unit_test(test_pattern_compile_error_message_fits_the_buffer),
	    cmocka_unit_test(test_pattern_invalid_utf8_pattern_is_refused),
	    cmocka_unit_test(test_pattern_catastrophic_backtracking_returns_minus_one),
	    cmocka_unit_test(test_pattern_deep_recursion_returns_minus_one),
	    cmocka_unit_test(test_pattern_free_accepts_null),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
