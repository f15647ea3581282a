/*
 * layout.c - text wrapped into screen lines, measured in display columns.
 *
 * Paragraph lines of a stem are joined and re-wrapped to the screen's width; indented
 * lines (code, tables, lists) keep their shape and are cut, not wrapped, at the edge,
 * as a code block is on the real exam.  Widths count columns, not bytes, so accented
 * and East Asian text line up.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tui.h"

void lines_init(tlines *l, int width)
{
	memset(l, 0, sizeof *l);
	l->width = width > 10 ? width : 10;
}

void lines_free(tlines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].text);
	free(l->v);
	memset(l, 0, sizeof *l);
}

static void push(tlines *l, const char *s, size_t len, int attr, int tag)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		tline *v = realloc(l->v, cap * sizeof *v);
		if (!v)
			return;
		l->v = v;
		l->cap = cap;
	}
	char *text = malloc(len + 1);
	if (!text)
		return;
	memcpy(text, s, len);
	text[len] = '\0';
	l->v[l->n++] = (tline){text, attr, tag};
}

void lines_blank(tlines *l)
{
	push(l, "", 0, 0, -1);
}

/* Columns of the character at s (its byte length in *len); 1 for anything odd. */
static int char_width(const char *s, size_t avail, size_t *len)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	wchar_t wc;
	size_t n = mbrtowc(&wc, s, avail, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*len = 1;
		return 1;
	}
	*len = n;
	int w = wcwidth(wc);
	return w < 0 ? 1 : w;
}

int text_width(const char *s)
{
	int w = 0;
	size_t avail = strlen(s), len;
	while (avail) {
		w += char_width(s, avail, &len);
		s += len;
		avail -= len;
	}
	return w;
}

/* Bytes of s that fit in cols columns. */
static size_t fit(const char *s, size_t avail, int cols)
{
	size_t used = 0, len;
	int w = 0;
	while (used < avail) {
		int cw = char_width(s + used, avail - used, &len);
		if (w + cw > cols)
			break;
		w += cw;
		used += len;
	}
	return used;
}

typedef struct builder {
	tlines *l;
	char buf[2048];
	size_t len;
	int col, indent, attr, tag;
	bool pending; /* the line being built holds something */
} builder;

static void flush(builder *b)
{
	push(b->l, b->buf, b->len, b->attr, b->tag);
	b->pending = false;
	memset(b->buf, ' ', (size_t)b->indent);
	b->len = (size_t)b->indent;
	b->col = b->indent;
}

static void append(builder *b, const char *s, size_t n, int w)
{
	if (b->len + n >= sizeof b->buf)
		n = sizeof b->buf - b->len - 1;
	memcpy(b->buf + b->len, s, n);
	b->len += n;
	b->col += w;
	b->pending = true;
}

/* Words of p[0..n) into the builder, wrapping at the width. */
static void words(builder *b, const char *p, size_t n)
{
	int width = b->l->width;
	size_t i = 0;
	while (i < n) {
		while (i < n && (p[i] == ' ' || p[i] == '\n'))
			i++;
		size_t j = i;
		while (j < n && p[j] != ' ' && p[j] != '\n')
			j++;
		if (j == i)
			break;
		char word[1024];
		size_t wl = j - i < sizeof word - 1 ? j - i : sizeof word - 1;
		memcpy(word, p + i, wl);
		word[wl] = '\0';
		int w = text_width(word);
		bool fresh = !b->pending || b->len == 0 || b->buf[b->len - 1] == ' ';
		if (!fresh && b->col + 1 + w > width)
			flush(b);
		else if (!fresh)
			append(b, " ", 1, 1);
		while (w > width - b->indent && wl) { /* a word wider than the line: cut it */
			size_t k = fit(word, wl, width - b->col);
			if (!k)
				break;
			append(b, word, k, width - b->col);
			flush(b);
			memmove(word, word + k, wl - k + 1);
			wl -= k;
			w = text_width(word);
		}
		append(b, word, wl, w);
		i = j;
	}
}

static bool code_line(const char *p, const char *end)
{
	return p < end && (*p == ' ' || *p == '\t');
}

void lines_add(tlines *l, const char *prefix, const char *text, int indent, int attr, int tag)
{
	builder b = {.l = l, .indent = indent, .attr = attr, .tag = tag};
	append(&b, prefix, strlen(prefix), text_width(prefix));
	const char *p = text, *end = text + strlen(text);
	while (end > p && end[-1] == '\n')
		end--;
	bool first = true; /* the first line goes after the prefix */
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		if (eol == p) { /* a blank line keeps its paragraph break */
			if (b.pending)
				flush(&b);
			push(l, "", 0, attr, tag);
			p = eol + 1;
			first = false;
			continue;
		}
		if (!first && b.pending)
			flush(&b);
		first = false;
		if (code_line(p, end)) {
			size_t k = fit(p, (size_t)(eol - p), l->width - b.col);
			append(&b, p, k, 0);
			p = nl ? nl + 1 : end;
			continue;
		}
		const char *q = p; /* the paragraph runs to a blank or an indented line */
		while (q < end) {
			const char *n = memchr(q, '\n', (size_t)(end - q));
			if (!n || n + 1 >= end || n[1] == '\n' || code_line(n + 1, end)) {
				q = n ? n : end;
				break;
			}
			q = n + 1;
		}
		words(&b, p, (size_t)(q - p));
		p = q < end ? q + 1 : end;
	}
	if (b.pending)
		flush(&b);
}

void lines_add_raw(tlines *l, const char *text, int attr, int tag)
{
	size_t len = strlen(text);
	push(l, text, fit(text, len, l->width), attr, tag);
}

void lines_add_review(tlines *l, const mx_review *rv)
{
	char mark[64], prefix[96];
	for (size_t k = 0; k < rv->nprompts; k++) {
		const mx_review_prompt *rp = &rv->prompts[k];
		mx_review_prompt_mark(rp, mark, sizeof mark);
		snprintf(prefix, sizeof prefix, " %d. [%s] ", rp->number, mark);
		bool wrong = rp->chosen && rp->chosen != rp->key;
		lines_add(l, prefix, rp->text, 4, wrong ? ATTR_BAD : ATTR_GOOD, -1);
		if (rp->why)
			lines_add(l, "    ", rp->why, 4, ATTR_DIM, -1);
	}
	for (size_t k = 0; k < rv->nchoices; k++) {
		const mx_review_choice *rc = &rv->choices[k];
		mx_review_choice_mark(rc, mark, sizeof mark);
		snprintf(prefix, sizeof prefix, *mark ? " %c. [%s] " : " %c. %s", rc->letter, mark);
		bool misplaced = rc->chosen_place && rc->chosen_place != rc->key_place;
		int attr = rc->key ? ATTR_GOOD | ATTR_BOLD : rc->chosen || misplaced ? ATTR_BAD : 0;
		lines_add(l, prefix, rc->text, 4, attr, -1);
		if (rc->why)
			lines_add(l, "    ", rc->why, 4, ATTR_DIM, -1);
	}
	lines_blank(l);
	lines_add(l, "Correct answer: ", rv->key, 16, ATTR_GOOD, -1);
	lines_add(l, "Your answer:    ", *rv->response ? rv->response : "(none)", 16,
		  rv->correct ? ATTR_GOOD : ATTR_BAD, -1);
	if (rv->explanation) {
		lines_blank(l);
		lines_add(l, "", rv->explanation, 0, 0, -1);
	}
	for (size_t r = 0; r < rv->question->references.n; r++)
		lines_add(l, "  ", rv->question->references.v[r], 2, ATTR_DIM, -1);
}
