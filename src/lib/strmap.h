/*
 * strmap.h - a string-keyed hash index (open addressing, linear probing).
 *
 * Keys are borrowed, never copied: they must outlive the map (in the loader they live
 * in the bank's arena).  Values are indices.  A key's home slot is the top bits of its
 * hash (hash_slot()).
 */
#ifndef MX_STRMAP_H
#define MX_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct strmap_slot {
	const char *key;
	size_t len;
	uint64_t hash;
	size_t value;
} strmap_slot;

typedef struct strmap {
	strmap_slot *slots;
	size_t cap, count; /* cap is 2^bits, or 0 */
	unsigned bits;
} strmap;

void strmap_init(strmap *m);
void strmap_free(strmap *m);
/* The hash a key is stored under: hash_bytes() (hash.h). */
uint64_t strmap_hash(const char *s, size_t len);
/* Finds key; true and *value when present. */
bool strmap_get(const strmap *m, const char *key, size_t len, size_t *value);
/*
 * Inserts key unless present.  Returns 1 inserted, 0 present (*value set to the
 * existing value), -1 out of memory.
 */
int strmap_put(strmap *m, const char *key, size_t len, size_t *value);

#endif
