/*
 * sort.h - the library's stable sort, for arrays whose order among equals matters (a
 * seeded order broken only by the sort key).  Where equal elements are interchangeable,
 * qsort() is enough.
 */
#ifndef MX_SORT_H
#define MX_SORT_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Sorts the n elements of size bytes at base by cmp, equal elements keeping their order:
 * a merge sort, n log n comparisons whatever the input.  False when out of memory, base
 * then left as it was.
 */
bool stable_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

/* A comparison for qsort() and stable_sort() of an array of C strings: byte order. */
int cmp_strings(const void *a, const void *b);

#endif
