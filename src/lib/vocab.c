/*
 * vocab.c - the words, vocabulary and id sets of vocab.h.  The vocabulary maps a word or
 * a "word word" phrase to its id through a strmap whose keys live in the vocabulary's own
 * arena; per id it keeps the text and the number of questions it appears in.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "vocab.h"

bool word_byte(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

static bool stopword(const char *w, size_t n)
{
	static const char *const stop[] = {
	    "a",     "an",     "the",	"and",	"or",	"of",	"to",	 "in",	  "for",
	    "on",    "with",   "by",	"from", "that", "this", "these", "those", "is",
	    "are",   "was",    "were",	"be",	"been", "as",	"it",	 "its",	  "at",
	    "which", "what",   "when",	"how",	"does", "do",	"not",	 "can",	  "will",
	    "would", "should", "their", "they", "them", "than", "into",	 "each",  "per",
	    "using", "use",    "used",	"uses", "s",	NULL};
	if (n > 6)
		return false;
	for (size_t i = 0; stop[i]; i++)
		if (strlen(stop[i]) == n && memcmp(stop[i], w, n) == 0)
			return true;
	return false;
}

void words_free(words *w)
{
	free(w->buf);
	free(w->off);
	free(w->len);
	memset(w, 0, sizeof *w);
}

bool words_split(const char *text, words *w)
{
	size_t size = strlen(text);
	memset(w, 0, sizeof *w);
	w->buf = malloc(size + 1);
	w->off = malloc((size / 2 + 1) * sizeof *w->off);
	w->len = malloc((size / 2 + 1) * sizeof *w->len);
	if (!w->buf || !w->off || !w->len) {
		words_free(w);
		return false;
	}
	for (size_t i = 0; i <= size; i++)
		w->buf[i] = (char)tolower((unsigned char)text[i]);
	const unsigned char *s = (const unsigned char *)w->buf;
	for (size_t i = 0; i < size;) {
		if (!word_byte(s[i])) {
			i++;
			continue;
		}
		size_t start = i;
		while (i < size && (word_byte(s[i]) || ((s[i] == '.' || s[i] == '-') &&
							i + 1 < size && word_byte(s[i + 1]))))
			i++;
		if (!stopword(w->buf + start, i - start)) {
			w->off[w->n] = start;
			w->len[w->n] = i - start;
			w->n++;
		}
	}
	return true;
}

void vocab_init(vocab *v)
{
	memset(v, 0, sizeof *v);
	strmap_init(&v->index);
	arena_init(&v->text);
}

void vocab_free(vocab *v)
{
	strmap_free(&v->index);
	arena_free(&v->text);
	free(v->word);
	free(v->len);
	free(v->df);
	free(v->last);
	free(v->scratch);
}

/* Grows the per-id arrays of v to hold cap ids. */
static bool vocab_grow(vocab *v, size_t cap)
{
	const char **word = realloc(v->word, cap * sizeof *word);
	if (word)
		v->word = word;
	size_t *len = realloc(v->len, cap * sizeof *len);
	if (len)
		v->len = len;
	size_t *df = realloc(v->df, cap * sizeof *df);
	if (df)
		v->df = df;
	size_t *last = realloc(v->last, cap * sizeof *last);
	if (last)
		v->last = last;
	if (!word || !len || !df || !last)
		return false;
	v->cap = cap;
	return true;
}

/* The id of s (len bytes), added when new; counted once for question q when count. */
static long vocab_id(vocab *v, const char *s, size_t len, size_t q, bool count)
{
	size_t id;
	if (!strmap_get(&v->index, s, len, &id)) {
		if (!count)
			return -1;
		if (v->n == v->cap && !vocab_grow(v, v->cap ? v->cap * 2 : 1024))
			return -2;
		char *key = arena_strndup(&v->text, s, len);
		id = v->n;
		if (!key || strmap_put(&v->index, key, len, &id) < 0)
			return -2;
		v->word[id] = key;
		v->len[id] = len;
		v->df[id] = 0;
		v->last[id] = 0;
		v->n++;
	}
	if (count && v->last[id] != q + 1) {
		v->last[id] = q + 1;
		v->df[id]++;
	}
	return (long)id;
}

/* The key "a b" of the phrase of words i and i + 1, in v->scratch. */
static const char *phrase(vocab *v, const words *w, size_t i, size_t *len)
{
	*len = w->len[i] + 1 + w->len[i + 1];
	if (*len + 1 > v->scratch_cap) {
		char *s = realloc(v->scratch, *len + 1);
		if (!s)
			return NULL;
		v->scratch = s;
		v->scratch_cap = *len + 1;
	}
	memcpy(v->scratch, w->buf + w->off[i], w->len[i]);
	v->scratch[w->len[i]] = ' ';
	memcpy(v->scratch + w->len[i] + 1, w->buf + w->off[i + 1], w->len[i + 1]);
	return v->scratch;
}

static bool idset_add(idset *s, long id)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 32;
		long *v = realloc(s->v, cap * sizeof *v);
		if (!v)
			return false;
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = id;
	return true;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

void idset_sort(idset *s)
{
	if (s->n == 0)
		return; /* and s->v may be NULL */
	qsort(s->v, s->n, sizeof *s->v, cmp_long);
	size_t j = 0;
	for (size_t i = 0; i < s->n; i++)
		if (j == 0 || s->v[j - 1] != s->v[i])
			s->v[j++] = s->v[i];
	s->n = j;
}

bool idset_has(const idset *s, long id)
{
	return bsearch(&id, s->v, s->n, sizeof *s->v, cmp_long) != NULL;
}

size_t idset_common(const idset *a, const idset *b)
{
	size_t i = 0, j = 0, n = 0;
	while (i < a->n && j < b->n)
		if (a->v[i] < b->v[j])
			i++;
		else if (a->v[i] > b->v[j])
			j++;
		else
			n++, i++, j++;
	return n;
}

int vocab_add_text(vocab *v, idset *set, const char *text, size_t q, bool count, bool phrases)
{
	words w;
	if (!text)
		return 0;
	if (!words_split(text, &w))
		return -1;
	int rc = 0;
	for (size_t i = 0; i < w.n && rc == 0; i++) {
		long id = vocab_id(v, w.buf + w.off[i], w.len[i], q, count);
		if (id == -2 || (id >= 0 && set && !idset_add(set, id)))
			rc = -1;
		size_t len;
		const char *p = phrases && i + 1 < w.n ? phrase(v, &w, i, &len) : NULL;
		if (phrases && i + 1 < w.n && !p)
			rc = -1;
		if (p) {
			id = vocab_id(v, p, len, q, count);
			if (id == -2 || (id >= 0 && set && !idset_add(set, id)))
				rc = -1;
		}
	}
	words_free(&w);
	return rc;
}
