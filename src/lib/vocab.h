/*
 * vocab.h - a bank's text as words, for the cue rules (cues.c).
 *
 * Text is read as words: runs of letters and digits (ASCII lower-cased, other UTF-8 bytes
 * kept) that may hold inner dots and dashes ("ml.c5.2xlarge", "well-architected"), small
 * function words left out.  Every word and two-word phrase gets a bank-wide id and a count
 * of the questions it appears in; a text is then a sorted set of ids, and comparing texts
 * is merging small arrays.
 */
#ifndef MX_VOCAB_H
#define MX_VOCAB_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "strmap.h"

/* A text's content words, lower-cased into buf: word i is buf + off[i], len[i] bytes. */
typedef struct words {
	char *buf;
	size_t *off, *len;
	size_t n;
} words;

/* Whether c may stand in a word: a letter, a digit, or a byte of a UTF-8 character. */
bool word_byte(unsigned char c);
/* The content words of text into w; false when out of memory.  Free with words_free(). */
bool words_split(const char *text, words *w);
void words_free(words *w);

typedef struct vocab {
	strmap index;	   /* word or "word word" -> id */
	arena text;	   /* the keys of index */
	const char **word; /* per id: its text (in text), len bytes */
	size_t *len;
	size_t *df;   /* per id: questions it appears in */
	size_t *last; /* per id: the last question counted, + 1 */
	size_t n, cap;
	char *scratch; /* for building phrase keys */
	size_t scratch_cap;
} vocab;

void vocab_init(vocab *v);
void vocab_free(vocab *v);

/* A set of ids, sorted; the words of a text, or of several. */
typedef struct idset {
	long *v;
	size_t n, cap;
} idset;

/* Sorts s and drops repeated ids. */
void idset_sort(idset *s);
bool idset_has(const idset *s, long id);
/* |a & b| of two sorted sets. */
size_t idset_common(const idset *a, const idset *b);

/*
 * Adds the words (and, with phrases, the two-word phrases) of text to set (which may be
 * NULL); with count, new ones join the vocabulary and are counted for question q.  -1 on
 * out of memory.
 */
int vocab_add_text(vocab *v, idset *set, const char *text, size_t q, bool count, bool phrases);

#endif
