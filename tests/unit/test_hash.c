/*
 * The one hash (hash.h): its values are part of the history's file format, so they are
 * pinned here against the algorithm docs/design.md specifies ("The bank hash").
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "src/lib/hash.h"
#include "src/lib/strmap.h"

static uint64_t one(const char *s, size_t n)
{
	uint64_t h = HASH_SEED;
	hash_update(&h, s, n);
	return h;
}

static void test_hash_values_are_the_documented_ones(void **state)
{
	char hundred[100];
	for (int i = 0; i < 100; i++)
		hundred[i] = (char)('0' + i % 10);
	assert_true(HASH_SEED == UINT64_C(0x14650fb0739d0383)); /* not FNV's: see hash.h */
	assert_true(one("", 0) == UINT64_C(0x367dc760b5919996));
	assert_true(one("\0", 1) == UINT64_C(0x4b7dc7635d919996));
	assert_true(one("a", 1) == UINT64_C(0xb0a4784fea3a6300));
	assert_true(one("abc", 3) == UINT64_C(0x006bdd233cad824a));
	/* a tail, whole words, one block, a block and a tail, several blocks */
	assert_true(one(hundred, 31) == UINT64_C(0xb0cb644515e18cb8));
	assert_true(one(hundred, 32) == UINT64_C(0xc6641a1bef051e97));
	assert_true(one(hundred, 33) == UINT64_C(0xfb4aa92f1537ceb5));
	assert_true(one(hundred, 100) == UINT64_C(0xfac11a557cb54dd3));
}

static void test_hash_updates_chain_as_the_bank_hash_does(void **state)
{
	uint64_t h = HASH_SEED;
	hash_update(&h, "exam.yaml", 10); /* a relative path and its NUL, then the bytes */
	hash_update(&h, "id: x\n", 6);
	assert_true(h == UINT64_C(0x046336d36fee451f));
	assert_true(hash_bytes("abc", 3) == one("abc", 3));
}

static void test_hash_slot_is_the_top_bits(void **state)
{
	assert_int_equal(hash_slot(UINT64_C(0xF000000000000001), 4), 15);
	assert_int_equal(hash_slot(UINT64_C(0x8000000000000000), 1), 1);
	assert_int_equal(hash_slot(UINT64_MAX, 0), 0);
}

/* Ids that differ only in their last characters must not pile up on one slot. */
static void test_hash_slots_spread_ids_that_differ_at_the_end(void **state)
{
	enum { N = 1000, BITS = 11 };
	static unsigned used[1u << BITS];
	memset(used, 0, sizeof used);
	size_t most = 0;
	for (int i = 0; i < N; i++) {
		char id[16];
		int n = snprintf(id, sizeof id, "q-%05d", i); /* 7 bytes: all in the tail */
		size_t s = hash_slot(strmap_hash(id, (size_t)n), BITS);
		if (++used[s] > most)
			most = used[s];
	}
	assert_true(most <= 6); /* half a slot each on average; a bad spread piles dozens */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_hash_values_are_the_documented_ones),
	    cmocka_unit_test(test_hash_updates_chain_as_the_bank_hash_does),
	    cmocka_unit_test(test_hash_slot_is_the_top_bits),
	    cmocka_unit_test(test_hash_slots_spread_ids_that_differ_at_the_end),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
