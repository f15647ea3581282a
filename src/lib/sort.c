/*
 * sort.c - the stable sort of sort.h: a top-down merge sort with one scratch buffer of
 * half the array.  A run whose halves are already in order costs one comparison, so a
 * sorted or nearly sorted array goes fast.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sort.h"

typedef int (*compare)(const void *, const void *);

/* Sorts v (n elements); tmp holds at least n / 2 elements. */
static void merge_sort(unsigned char *v, unsigned char *tmp, size_t n, size_t size, compare cmp)
{
	if (n < 2)
		return;
	size_t h = n / 2;
	merge_sort(v, tmp, h, size, cmp);
	merge_sort(v + h * size, tmp, n - h, size, cmp);
	if (cmp(v + (h - 1) * size, v + h * size) <= 0)
		return;
	/* The left half moves aside; the merge writes at k < j, behind what it reads. */
	memcpy(tmp, v, h * size);
	size_t i = 0, j = h, k = 0;
	while (i < h && j < n) {
		if (cmp(v + j * size, tmp + i * size) < 0) /* only a smaller right goes first */
			memcpy(v + k++ * size, v + j++ * size, size);
		else
			memcpy(v + k++ * size, tmp + i++ * size, size);
	}
	memcpy(v + k * size, tmp + i * size, (h - i) * size); /* the right's rest is in place */
}

bool stable_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n < 2)
		return true;
	if (size && n / 2 > SIZE_MAX / size)
		return false;
	unsigned char *tmp = malloc(n / 2 * size);
	if (!tmp)
		return false;
	merge_sort(base, tmp, n, size, cmp);
	free(tmp);
	return true;
}

int cmp_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}
