/*
 * strmap.c - the string index behind question ids, case ids and duplicate stems.
 *
 * The table stays at most half full, so probes stay short; it only grows.
 */
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "strmap.h"

void strmap_init(strmap *m)
{
	m->slots = NULL;
	m->cap = m->count = 0;
	m->bits = 0;
}

void strmap_free(strmap *m)
{
	free(m->slots);
	strmap_init(m);
}

uint64_t strmap_hash(const char *s, size_t len)
{
	return hash_bytes(s, len);
}

static strmap_slot *probe(const strmap *m, const char *key, size_t len, uint64_t h)
{
	size_t mask = m->cap - 1;
	for (size_t i = hash_slot(h, m->bits);; i = (i + 1) & mask) {
		strmap_slot *s = &m->slots[i];
		if (!s->key || (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0))
			return s;
	}
}

bool strmap_get(const strmap *m, const char *key, size_t len, size_t *value)
{
	if (!m->cap)
		return false;
	strmap_slot *s = probe(m, key, len, strmap_hash(key, len));
	if (!s->key)
		return false;
	*value = s->value;
	return true;
}

/* Moves every entry into a table of cap slots, a power of two. */
static bool rehash(strmap *m, size_t cap)
{
	strmap_slot *old = m->slots;
	size_t oldcap = m->cap;
	m->slots = calloc(cap, sizeof *m->slots);
	if (!m->slots) {
		m->slots = old;
		return false;
	}
	m->cap = cap;
	m->bits = 0;
	while (((size_t)1 << m->bits) < cap)
		m->bits++;
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].key)
			*probe(m, old[i].key, old[i].len, old[i].hash) = old[i];
	free(old);
	return true;
}

int strmap_put(strmap *m, const char *key, size_t len, size_t *value)
{
	if ((m->count + 1) * 2 > m->cap && !rehash(m, m->cap ? m->cap * 2 : 64))
		return -1;
	uint64_t h = strmap_hash(key, len);
	strmap_slot *s = probe(m, key, len, h);
	if (s->key) {
		*value = s->value;
		return 0;
	}
	s->key = key;
	s->len = len;
	s->hash = h;
	s->value = *value;
	m->count++;
	return 1;
}
