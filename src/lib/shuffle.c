/*
 * shuffle.c - the seeded shuffles of shuffle.h, over elements of any size.
 */
#include "shuffle.h"

static void swap(void *base, size_t a, size_t b, size_t size)
{
	unsigned char *x = (unsigned char *)base + a * size, *y = (unsigned char *)base + b * size;
	for (size_t k = 0; k < size && a != b; k++) {
		unsigned char t = x[k];
		x[k] = y[k];
		y[k] = t;
	}
}

void rng_shuffle(mx_rng *rng, void *base, size_t n, size_t size)
{
	for (size_t i = n; i > 1; i--)
		swap(base, i - 1, (size_t)mx_rng_below(rng, i), size);
}

void rng_pick(mx_rng *rng, void *base, size_t i, size_t n, size_t size)
{
	swap(base, i, i + (size_t)mx_rng_below(rng, n - i), size);
}
