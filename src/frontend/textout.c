/*
 * textout.c - the blocks, line breaking and bars of textout.h.
 */
#include <ctype.h>
#include <math.h>
#include <string.h>

#include "textout.h"

text_blocks text_blocks_of(const char *text)
{
	text_blocks t = {text, text + strlen(text)};
	while (t.end > t.p && t.end[-1] == '\n')
		t.end--;
	return t;
}

/* Bytes of the list marker at p ("- ", "* ", "1. ", "12) "), or 0. */
static size_t marker_len(const char *p, const char *end)
{
	if (end - p > 2 && (p[0] == '-' || p[0] == '*') && p[1] == ' ')
		return 2;
	const char *q = p;
	while (q < end && q - p < 2 && isdigit((unsigned char)*q))
		q++;
	if (q > p && end - q > 2 && (q[0] == '.' || q[0] == ')') && q[1] == ' ')
		return (size_t)(q - p) + 2;
	return 0;
}

/* Whether the line at p keeps a line of its own: indented, or a list item. */
static bool is_kept_line(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	const char *eol = nl ? nl : end;
	return p < eol && (*p == ' ' || *p == '\t' || marker_len(p, eol));
}

bool text_blocks_next(text_blocks *t, text_block *b)
{
	const char *p = t->p, *end = t->end;
	if (p >= end)
		return false;
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	const char *eol = nl ? nl : end;
	b->s = p;
	b->hang = 0;
	b->item = false;
	if (eol == p) {
		b->kind = TB_BLANK;
		b->len = 0;
		t->p = eol + 1;
		return true;
	}
	if (is_kept_line(p, end)) {
		const char *text = p;
		while (text < eol && (*text == ' ' || *text == '\t'))
			text++;
		size_t marker = marker_len(text, eol);
		b->kind = TB_CODE;
		b->len = (size_t)(eol - p);
		b->hang = (size_t)(text - p) + marker;
		b->item = marker > 0;
		t->p = nl ? nl + 1 : end;
		return true;
	}
	const char *q = p; /* the paragraph runs to a blank or a kept line */
	while (q < end) {
		const char *n = memchr(q, '\n', (size_t)(end - q));
		if (!n || n + 1 >= end || n[1] == '\n' || is_kept_line(n + 1, end)) {
			q = n ? n : end;
			break;
		}
		q = n + 1;
	}
	b->kind = TB_PARAGRAPH;
	b->len = (size_t)(q - p);
	t->p = q < end ? q + 1 : end;
	return true;
}

static void put(wrapper *w, const char *s, size_t len, int cols)
{
	w->put(w, s, len, cols);
	w->col += cols;
	if (len)
		w->fresh = false;
}

static void newline(wrapper *w)
{
	w->newline(w);
	w->col = w->indent;
	w->fresh = true;
}

static void wrap_word(wrapper *w, const char *s, size_t len)
{
	int cols = w->measure(s, len);
	if (!w->fresh && w->col + 1 + cols > w->width)
		newline(w);
	else if (!w->fresh)
		put(w, " ", 1, 1);
	while (w->fit && cols > w->width - w->indent && len) { /* wider than a line: cut */
		size_t k = w->fit(s, len, w->width - w->col);
		if (!k)
			break;
		put(w, s, k, w->width - w->col);
		newline(w);
		s += k;
		len -= k;
		cols = w->measure(s, len);
	}
	put(w, s, len, cols);
}

void wrap_paragraph(wrapper *w, const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		while (i < len && (s[i] == ' ' || s[i] == '\n'))
			i++;
		size_t j = i;
		while (j < len && s[j] != ' ' && s[j] != '\n')
			j++;
		if (j == i)
			break;
		wrap_word(w, s + i, j - i);
		i = j;
	}
}

int bar_filled(double percent, int width)
{
	return (int)lround(percent * width / 100);
}

const char *bar_cell(int i, int filled, bool utf8)
{
	if (i < filled)
		return utf8 ? "\u2588" : "#";
	return utf8 ? "\u2591" : ".";
}
