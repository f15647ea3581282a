/* The bump allocator: alignment, separate allocations, large objects and overflow. */
#include <setjmp.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "src/lib/arena.h"

/* Under ASan an impossible allocation returns NULL, as it does without it. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "allocator_may_return_null=1";
}

static bool aligned(const void *p)
{
	return (uintptr_t)p % alignof(max_align_t) == 0;
}

static void test_arena_alloc_aligns_for_any_object(void **state)
{
	arena a;
	arena_init(&a);
	for (size_t size = 1; size < 200; size++) {
		void *p = arena_alloc(&a, size);
		assert_non_null(p);
		assert_true(aligned(p));
	}
	/* past a chunk's end, in a new chunk, and in a large object's own chunk */
	for (int i = 0; i < 100; i++)
		assert_true(aligned(arena_alloc(&a, 1000 + (size_t)i)));
	assert_true(aligned(arena_alloc(&a, 100000)));
	assert_true(aligned(arena_alloc(&a, 3)));
	arena_free(&a);
}

static void test_arena_allocations_do_not_overlap(void **state)
{
	enum { N = 3000 };
	static unsigned char *p[N];
	arena a;
	arena_init(&a);
	for (size_t i = 0; i < N; i++) {
		size_t size = 1 + i % 97 + (i % 500 == 0 ? 20000 : 0);
		p[i] = arena_alloc(&a, size);
		assert_non_null(p[i]);
		memset(p[i], (int)(i & 0xFF), size);
	}
	for (size_t i = 0; i < N; i++) {
		size_t size = 1 + i % 97 + (i % 500 == 0 ? 20000 : 0);
		for (size_t k = 0; k < size; k++)
			assert_int_equal(p[i][k], i & 0xFF);
	}
	arena_free(&a);
}

static void test_arena_large_object_leaves_the_current_chunk_in_use(void **state)
{
	arena a;
	arena_init(&a);
	unsigned char *small = arena_alloc(&a, 16);
	size_t before = a.total;
	unsigned char *big = arena_alloc(&a, 100000);
	assert_non_null(big);
	memset(big, 0xAB, 100000); /* the whole of it is ours (ASan checks the bounds) */
	assert_true(a.total >= before + 100000);
	/* the next small object follows the first in the same chunk */
	unsigned char *next = arena_alloc(&a, 16);
	assert_ptr_equal(next, small + 16);
	assert_true(big[99999] == 0xAB);
	arena_free(&a);
}

static void test_arena_allocates_objects_larger_than_the_largest_chunk(void **state)
{
	arena a;
	arena_init(&a);
	size_t size = 5u * 1024 * 1024; /* chunks stop growing at 4 MiB */
	unsigned char *first = arena_alloc(&a, size);
	assert_non_null(first);
	memset(first, 1, size);
	unsigned char *second = arena_alloc(&a, size);
	assert_non_null(second);
	memset(second, 2, size);
	assert_true(first[size - 1] == 1 && second[0] == 2);
	assert_true(a.total >= 2 * size);
	arena_free(&a);
}

static void test_arena_small_bank_reserves_one_small_chunk(void **state)
{
	arena a;
	arena_init(&a);
	assert_int_equal(a.total, 0);
	assert_non_null(arena_alloc(&a, 16));
	assert_true(a.total >= 64 * 1024 && a.total < 65 * 1024);
	arena_free(&a);
}

static void test_arena_chunks_grow_geometrically(void **state)
{
	arena a;
	arena_init(&a);
	size_t used = 0;
	while (used < 8u * 1024 * 1024) {
		assert_non_null(arena_alloc(&a, 1024));
		used += 1024;
	}
	/* 64 KiB doubling to 4 MiB, then 4 MiB chunks: never more than twice what is used */
	assert_true(a.total < 2 * used);
	arena_free(&a);
}

static void test_arena_refuses_sizes_that_overflow(void **state)
{
	arena a;
	arena_init(&a);
	assert_null(arena_alloc(&a, SIZE_MAX));
	assert_null(arena_alloc(&a, SIZE_MAX / 2 + 1));
	assert_null(arena_alloc(&a, SIZE_MAX - 3)); /* would wrap when rounded up */
	assert_null(arena_strndup(&a, "x", SIZE_MAX));
	assert_null(arena_memdup(&a, "x", SIZE_MAX / 2, 4));
	assert_null(arena_memdup(&a, "x", 3, SIZE_MAX / 2));
	assert_int_equal(a.total, 0); /* nothing was allocated for any of them */
	arena_free(&a);
}

static void test_arena_failed_large_allocation_returns_null(void **state)
{
	arena a;
	arena_init(&a);
	assert_non_null(arena_alloc(&a, 8));
	/* below the overflow guard but more than any machine gives */
	assert_null(arena_alloc(&a, SIZE_MAX / 4));
	assert_non_null(arena_alloc(&a, 8)); /* the arena is still usable */
	arena_free(&a);
}

static void test_arena_strndup_copies_and_terminates(void **state)
{
	arena a;
	arena_init(&a);
	char *s = arena_strndup(&a, "hello world", 5);
	assert_string_equal(s, "hello");
	char *t = arena_strndup(&a, "a\0b", 3); /* len bytes, NUL included */
	assert_memory_equal(t, "a\0b", 4);
	char *e = arena_strndup(&a, "", 0);
	assert_string_equal(e, "");
	char *d = arena_strdup(&a, "dup");
	assert_string_equal(d, "dup");
	assert_true(s != d);
	arena_free(&a);
}

static void test_arena_memdup_copies_elements(void **state)
{
	arena a;
	arena_init(&a);
	const uint32_t v[3] = {1, 2, 0xFFFFFFFF};
	uint32_t *c = arena_memdup(&a, v, 3, sizeof *v);
	assert_non_null(c);
	assert_true(aligned(c));
	assert_memory_equal(c, v, sizeof v);
	assert_ptr_not_equal(c, v);
	arena_free(&a);
}

static void test_arena_free_releases_everything_and_can_be_reused(void **state)
{
	arena a;
	arena_init(&a);
	for (int i = 0; i < 100; i++)
		assert_non_null(arena_alloc(&a, 5000));
	assert_non_null(arena_alloc(&a, 200000));
	arena_free(&a); /* ASan's leak check sees every chunk released */
	assert_null(a.head);
	assert_int_equal(a.total, 0);
	assert_non_null(arena_alloc(&a, 10));
	arena_free(&a);
	arena_free(&a); /* twice is harmless */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_arena_alloc_aligns_for_any_object),
	    cmocka_unit_test(test_arena_allocations_do_not_overlap),
	    cmocka_unit_test(test_arena_large_object_leaves_the_current_chunk_in_use),
	    cmocka_unit_test(test_arena_allocates_objects_larger_than_the_largest_chunk),
	    cmocka_unit_test(test_arena_small_bank_reserves_one_small_chunk),
	    cmocka_unit_test(test_arena_chunks_grow_geometrically),
	    cmocka_unit_test(test_arena_refuses_sizes_that_overflow),
	    cmocka_unit_test(test_arena_failed_large_allocation_returns_null),
	    cmocka_unit_test(test_arena_strndup_copies_and_terminates),
	    cmocka_unit_test(test_arena_memdup_copies_elements),
	    cmocka_unit_test(test_arena_free_releases_everything_and_can_be_reused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
