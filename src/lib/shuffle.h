/*
 * shuffle.h - seeded Fisher-Yates shuffles: the one place the library turns draws of the
 * generator into an order.  Which draws are made, and in what order, is part of what a
 * seed means (docs/design.md, "The sampler, step by step"), so both forms are fixed.
 */
#ifndef MX_SHUFFLE_H
#define MX_SHUFFLE_H

#include <stddef.h>

#include "mockexam/rng.h"

/*
 * Shuffles the n elements of size bytes at base from the end: for i = n down to 2,
 * element i - 1 is swapped with element below(i).
 */
void rng_shuffle(mx_rng *rng, void *base, size_t n, size_t size);

/*
 * Step i of a shuffle from the front, for a draw that may stop early: element i is
 * swapped with element i + below(n - i), a uniform choice among elements i to n - 1.
 */
void rng_pick(mx_rng *rng, void *base, size_t i, size_t n, size_t size);

#endif
