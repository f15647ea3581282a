/* The string index: insertion, lookup, growth, borrowed keys and running out of memory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "src/lib/strmap.h"

/* Under ASan an impossible allocation returns NULL, as it does without it. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "allocator_may_return_null=1";
}

static void test_strmap_empty_map_finds_nothing(void **state)
{
	strmap m;
	strmap_init(&m);
	size_t v = 42;
	assert_false(strmap_get(&m, "a", 1, &v));
	assert_int_equal(v, 42); /* left alone when absent */
	assert_int_equal(m.count, 0);
	strmap_free(&m);
}

static void test_strmap_put_inserts_and_get_finds(void **state)
{
	strmap m;
	strmap_init(&m);
	size_t v = 7;
	assert_int_equal(strmap_put(&m, "seven", 5, &v), 1);
	v = 3;
	assert_int_equal(strmap_put(&m, "three", 5, &v), 1);
	assert_int_equal(m.count, 2);
	size_t got = 0;
	assert_true(strmap_get(&m, "seven", 5, &got));
	assert_int_equal(got, 7);
	assert_true(strmap_get(&m, "three", 5, &got));
	assert_int_equal(got, 3);
	assert_false(strmap_get(&m, "eight", 5, &got));
	strmap_free(&m);
}

static void test_strmap_put_returns_existing_value(void **state)
{
	strmap m;
	strmap_init(&m);
	size_t v = 1;
	assert_int_equal(strmap_put(&m, "id", 2, &v), 1);
	v = 2;
	assert_int_equal(strmap_put(&m, "id", 2, &v), 0);
	assert_int_equal(v, 1); /* the existing value, for "first at ..." messages */
	size_t got = 0;
	assert_true(strmap_get(&m, "id", 2, &got));
	assert_int_equal(got, 1); /* not replaced */
	assert_int_equal(m.count, 1);
	strmap_free(&m);
}

static void test_strmap_keys_are_the_given_bytes(void **state)
{
	strmap m;
	strmap_init(&m);
	size_t v = 1;
	/* a prefix, the same bytes with a longer length, and an embedded NUL are other keys */
	assert_int_equal(strmap_put(&m, "abc", 3, &v), 1);
	v = 2;
	assert_int_equal(strmap_put(&m, "abcd", 2, &v), 1);
	v = 3;
	assert_int_equal(strmap_put(&m, "ab\0x", 4, &v), 1);
	v = 4;
	assert_int_equal(strmap_put(&m, "", 0, &v), 1);
	size_t got;
	assert_true(strmap_get(&m, "abc", 3, &got));
	assert_int_equal(got, 1);
	assert_true(strmap_get(&m, "ab", 2, &got));
	assert_int_equal(got, 2);
	assert_true(strmap_get(&m, "ab\0x", 4, &got));
	assert_int_equal(got, 3);
	assert_true(strmap_get(&m, "", 0, &got));
	assert_int_equal(got, 4);
	assert_false(strmap_get(&m, "ab\0y", 4, &got));
	assert_false(strmap_get(&m, "ABC", 3, &got));
	strmap_free(&m);
}

static void test_strmap_borrows_keys(void **state)
{
	static const char key[] = "borrowed";
	strmap m;
	strmap_init(&m);
	size_t v = 5;
	assert_int_equal(strmap_put(&m, key, 8, &v), 1);
	const strmap_slot *found = NULL;
	for (size_t i = 0; i < m.cap; i++)
		if (m.slots[i].key)
			found = &m.slots[i];
	assert_non_null(found);
	assert_ptr_equal(found->key, key);
	strmap_free(&m);
}

static void test_strmap_grows_keeping_every_entry(void **state)
{
	enum { N = 5000 };
	static char keys[N][16];
	strmap m;
	strmap_init(&m);
	for (size_t i = 0; i < N; i++) {
		snprintf(keys[i], sizeof keys[i], "q-%zu", i);
		size_t v = i * 3;
		assert_int_equal(strmap_put(&m, keys[i], strlen(keys[i]), &v), 1);
		/* at most half full, and a power of two (probes wrap with a mask) */
		assert_true(m.count * 2 <= m.cap);
		assert_int_equal(m.cap & (m.cap - 1), 0);
	}
	assert_int_equal(m.count, N);
	for (size_t i = 0; i < N; i++) {
		size_t got = SIZE_MAX;
		assert_true(strmap_get(&m, keys[i], strlen(keys[i]), &got));
		assert_int_equal(got, i * 3);
	}
	assert_false(strmap_get(&m, "q-5000", 6, &(size_t){0}));
	strmap_free(&m);
}

static void test_strmap_hash_depends_on_every_byte_and_the_length(void **state)
{
	char a[] = "question-1", b[] = "question-1";
	assert_true(strmap_hash(a, 10) == strmap_hash(b, 10)); /* the bytes, not the address */
	assert_true(strmap_hash("ab", 2) != strmap_hash("ba", 2));
	assert_true(strmap_hash("ab", 2) != strmap_hash("ab\0", 3));
	assert_true(strmap_hash("", 0) != strmap_hash("\0", 1));
	assert_true(strmap_hash("question-1", 10) != strmap_hash("question-2", 10));
	assert_true(strmap_hash("question-1", 9) == strmap_hash("question-2", 9));
}

static void test_strmap_free_leaves_an_empty_map(void **state)
{
	strmap m;
	strmap_init(&m);
	size_t v = 1;
	assert_int_equal(strmap_put(&m, "x", 1, &v), 1);
	strmap_free(&m);
	assert_null(m.slots);
	assert_int_equal(m.cap, 0);
	assert_int_equal(m.count, 0);
	assert_false(strmap_get(&m, "x", 1, &v));
	assert_int_equal(strmap_put(&m, "x", 1, &v), 1); /* usable again */
	strmap_free(&m);
}

static void test_strmap_put_out_of_memory_returns_minus_one(void **state)
{
	/* A full map whose doubled table cannot be allocated: the map is left as it was. */
	strmap_slot slot = {0};
	strmap m = {.slots = &slot, .cap = (size_t)1 << (sizeof(size_t) * 8 - 4)};
	m.count = m.cap / 2;
	size_t v = 9;
	assert_int_equal(strmap_put(&m, "k", 1, &v), -1);
	assert_ptr_equal(m.slots, &slot);
	assert_int_equal(m.count, m.cap / 2);
	assert_int_equal(v, 9);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_strmap_empty_map_finds_nothing),
	    cmocka_unit_test(test_strmap_put_inserts_and_get_finds),
	    cmocka_unit_test(test_strmap_put_returns_existing_value),
	    cmocka_unit_test(test_strmap_keys_are_the_given_bytes),
	    cmocka_unit_test(test_strmap_borrows_keys),
	    cmocka_unit_test(test_strmap_grows_keeping_every_entry),
	    cmocka_unit_test(test_strmap_hash_depends_on_every_byte_and_the_length),
	    cmocka_unit_test(test_strmap_free_leaves_an_empty_map),
	    cmocka_unit_test(test_strmap_put_out_of_memory_returns_minus_one),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
