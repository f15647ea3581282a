/*
 * hash.c - the hash of hash.h: four interleaved lanes over 32-byte blocks, so the
 * multiplications do not wait on each other, then the 8-byte words left, then the tail
 * and the length.  Words are read little-endian so every machine agrees on a value.
 */
#include <string.h>

#include "hash.h"

static uint64_t load_le64(const unsigned char *s)
{
	static const uint16_t probe = 1;
	uint64_t w;
	memcpy(&w, s, sizeof w);
	if (*(const unsigned char *)&probe) /* little-endian: the word as loaded */
		return w;
	w = 0;
	for (int k = 7; k >= 0; k--)
		w = (w << 8) | s[k];
	return w;
}

static uint64_t mix(uint64_t h, uint64_t w)
{
	h = (h ^ w) * UINT64_C(0x9E3779B97F4A7C15);
	return h ^ (h >> 29);
}

void hash_update(uint64_t *state, const void *p, size_t len)
{
	const unsigned char *s = p;
	uint64_t lane[4] = {*state, *state ^ 1, *state ^ 2, *state ^ 3};
	size_t i = 0;
	for (; i + 32 <= len; i += 32)
		for (int k = 0; k < 4; k++)
			lane[k] = mix(lane[k], load_le64(s + i + 8 * (size_t)k));
	uint64_t h = mix(mix(mix(lane[0], lane[1]), lane[2]), lane[3]);
	for (; i + 8 <= len; i += 8)
		h = mix(h, load_le64(s + i));
	uint64_t w = 0;
	for (size_t k = len; k > i; k--)
		w = (w << 8) | s[k - 1];
	*state = mix(h, w ^ ((uint64_t)len << 56));
}

uint64_t hash_bytes(const void *p, size_t len)
{
	uint64_t h = HASH_SEED;
	hash_update(&h, p, len);
	return h;
}
