/*
 * arena.c - the bump allocator behind a loaded bank.
 *
 * Chunks grow geometrically from 64 KiB up to 4 MiB, so a large bank costs few
 * allocations while a tiny one does not reserve much.  An object larger than a chunk
 * gets a chunk of its own.
 */
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

struct arena_chunk {
	arena_chunk *next;
	size_t used, size;
	alignas(max_align_t) unsigned char data[];
};

enum { CHUNK_MIN = 64 * 1024, CHUNK_MAX = 4 * 1024 * 1024 };

void arena_init(arena *a)
{
	a->head = NULL;
	a->total = 0;
}

void arena_free(arena *a)
{
	arena_chunk *c = a->head;
	while (c) {
		arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	arena_init(a);
}

void *arena_alloc(arena *a, size_t size)
{
	const size_t align = alignof(max_align_t);
	if (size > SIZE_MAX / 2)
		return NULL;
	size = (size + align - 1) & ~(align - 1);
	arena_chunk *c = a->head;
	if (size > CHUNK_MIN / 4 && c) {
		/* A big object gets its own chunk behind the head, which keeps its space. */
		arena_chunk *big = malloc(sizeof *big + size);
		if (!big)
			return NULL;
		big->used = big->size = size;
		big->next = c->next;
		c->next = big;
		a->total += sizeof *big + size;
		return big->data;
	}
	if (!c || c->size - c->used < size) {
		size_t want = c ? c->size * 2 : CHUNK_MIN;
		if (want > CHUNK_MAX)
			want = CHUNK_MAX;
		if (want < size)
			want = size;
		c = malloc(sizeof *c + want);
		if (!c)
			return NULL;
		c->used = 0;
		c->size = want;
		c->next = a->head;
		a->head = c;
		a->total += sizeof *c + want;
	}
	void *p = c->data + c->used;
	c->used += size;
	return p;
}

char *arena_strndup(arena *a, const char *s, size_t len)
{
	if (len == SIZE_MAX)
		return NULL;
	char *p = arena_alloc(a, len + 1);
	if (p) {
		memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}

char *arena_strdup(arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void *arena_memdup(arena *a, const void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	if (n == 0)
		return NULL;
	void *q = arena_alloc(a, n * size);
	if (q)
		memcpy(q, p, n * size);
	return q;
}
