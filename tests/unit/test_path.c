/* Joining paths (path.h): one slash between the parts, and never cut short. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "src/lib/path.h"

static void joined(const char *a, const char *b, const char *want)
{
	char *p = path_join(a, b);
	assert_non_null(p);
	assert_string_equal(p, want);
	free(p);
}

static void test_path_join_puts_one_slash_between(void **state)
{
	joined("bank", "exam.yaml", "bank/exam.yaml");
	joined("bank/", "exam.yaml", "bank/exam.yaml");
	joined("/", "etc", "/etc");
	joined("", "exam.yaml", "exam.yaml");
	joined("a/b", "c/d.yaml", "a/b/c/d.yaml");
}

static void test_path_join_keeps_long_paths_whole(void **state)
{
	enum { N = 20000 }; /* longer than PATH_MAX: the system refuses it, we do not cut it */
	char *a = malloc(N + 1);
	assert_non_null(a);
	memset(a, 'd', N);
	a[N] = '\0';
	char *p = path_join(a, "exam.yaml");
	assert_non_null(p);
	assert_int_equal(strlen(p), N + 1 + 9);
	assert_string_equal(p + N, "/exam.yaml");
	free(p);
	free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_path_join_puts_one_slash_between),
	    cmocka_unit_test(test_path_join_keeps_long_paths_whole),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
