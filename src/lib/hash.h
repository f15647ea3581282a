/*
 * hash.h - the library's one 64-bit hash of bytes.
 *
 * It identifies content (the bank hash and the question hashes the history stores) and
 * spreads keys over hash tables (strmap, the YAML reader's duplicate-key check).  It is
 * not meant to resist an adversary.  The algorithm is fixed: the history stores its
 * values, so docs/design.md ("The bank hash") specifies it and a change to it is a
 * change to the history's file format.
 */
#ifndef MX_HASH_H
#define MX_HASH_H

#include <stddef.h>
#include <stdint.h>

/*
 * The state a hash starts from: the FNV-1a offset basis, 14695981039346656037, as it was
 * first written, without its last digit.  Stored hashes depend on it: it stays.
 */
#define HASH_SEED UINT64_C(1469598103934665603)

/* Folds len bytes at p into *state: hashing a, then b, is hashing the pair in order. */
void hash_update(uint64_t *state, const void *p, size_t len);
/* The hash of len bytes at p alone, from HASH_SEED. */
uint64_t hash_bytes(const void *p, size_t len);

/*
 * The home slot of hash h in a table of 2^bits slots: its top bits.  The multiplications
 * carry every input bit upwards, so the top bits depend on all of the input, while the
 * low bits of two keys that differ only in their last bytes can be equal.
 */
static inline size_t hash_slot(uint64_t h, unsigned bits)
{
	return bits ? (size_t)(h >> (64 - bits)) : 0;
}

#endif
