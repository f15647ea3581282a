/*
 * readers.c - what the readers of exam.yaml and of question files share: strings copied
 * into the bank's arena, keywords, unknown keys with a suggestion for a typo, and lists
 * of strings.
 */
#include <stdlib.h>
#include <string.h>

#include "loader.h"

char *ld_dup(loader *ld, yreader *r, const char *s, size_t len, ypos pos)
{
	char *d = arena_strndup(&ld->bank->arena, s, len);
	if (!d)
		yr_error(r, pos, "out of memory");
	return d;
}

bool is_blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

const char *ld_str(loader *ld, yreader *r, const char *what, ypos *pos)
{
	const char *s;
	size_t len;
	ypos p;
	if (!yr_str(r, what, &s, &len, &p))
		return NULL;
	if (pos)
		*pos = p;
	return ld_dup(ld, r, s, len, p);
}

int ld_keyword(const char *key, const char *const *known)
{
	for (int i = 0; known[i]; i++)
		if (key[0] == known[i][0] && strcmp(key, known[i]) == 0)
			return i;
	return -1;
}

/* Levenshtein distance, capped: only small distances matter for suggestions. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 32 || lb > 32)
		return 99;
	size_t row[33];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

void ld_unknown_key(yreader *r, const char *key, ypos pos, const char *const *known)
{
	const char *best = NULL;
	size_t bestd = 3;
	for (size_t i = 0; known[i]; i++) {
		size_t d = edit_distance(key, known[i]);
		if (d < bestd && d * 3 <= strlen(known[i])) {
			bestd = d;
			best = known[i];
		}
	}
	if (best)
		yr_error(r, pos, "unknown key '%.*s' (did you mean '%s'?)", utf8_prefix(key, 80),
			 key, best);
	else
		yr_error(r, pos, "unknown key '%.*s'", utf8_prefix(key, 80), key);
}

bool ld_strs(loader *ld, yreader *r, const char *what, mx_strs *out, ypos **pos_out)
{
	ypos p;
	const char **v = NULL;
	ypos *pos = NULL;
	size_t n = 0, cap = 0;
	bool ok = true;
	if (!yr_seq(r, what, &p))
		return false;
	while (yr_item(r)) {
		const char *s;
		size_t len;
		ypos ip;
		if (!yr_str(r, what, &s, &len, &ip))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			const char **nv = realloc(v, cap * sizeof *v);
			ypos *np = nv ? realloc(pos, cap * sizeof *pos) : NULL;
			if (nv)
				v = nv;
			if (np)
				pos = np;
			if (!nv || !np) {
				yr_error(r, ip, "out of memory");
				ok = false;
				yr_skip(r);
				break;
			}
		}
		v[n] = ld_dup(ld, r, s, len, ip);
		pos[n] = ip;
		if (v[n])
			n++;
	}
	out->v = arena_memdup(&ld->bank->arena, v, n, sizeof *v);
	out->n = out->v ? n : 0;
	free(v);
	if (pos_out)
		*pos_out = pos;
	else
		free(pos);
	return ok;
}

int ld_known_key(yreader *r, const char *const *known, ypos *pos)
{
	const char *key;
	while (yr_key(r, &key, NULL, pos)) {
		int k = ld_keyword(key, known);
		if (k >= 0)
			return k;
		ld_unknown_key(r, key, *pos, known);
		yr_skip(r);
	}
	return -1;
}
