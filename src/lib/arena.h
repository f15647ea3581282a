/*
 * arena.h - a bump allocator: many small allocations, released at once.
 *
 * A loaded bank keeps every string and small array in one arena, so freeing a bank is
 * one walk over a few chunks instead of thousands of free() calls.
 */
#ifndef MX_ARENA_H
#define MX_ARENA_H

#include <stddef.h>

typedef struct arena_chunk arena_chunk;

typedef struct arena {
	arena_chunk *head;
	size_t total; /* bytes obtained from malloc, for measurements */
} arena;

void arena_init(arena *a);
void arena_free(arena *a);
/* Aligned for any object; NULL when out of memory. */
void *arena_alloc(arena *a, size_t size);
/* Copies len bytes and a terminating NUL. */
char *arena_strndup(arena *a, const char *s, size_t len);
char *arena_strdup(arena *a, const char *s);
/* Copies n elements of size bytes each, checking the multiplication. */
void *arena_memdup(arena *a, const void *p, size_t n, size_t size);

#endif
