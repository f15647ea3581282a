/*
 * layout.c - text wrapped into screen lines, measured in display columns.
 *
 * Paragraph lines of a stem are joined and re-wrapped to the screen's width.  Kept lines
 * (textout.h) keep a line of their own: a list item is re-wrapped with the lines that
 * continue it, under the item's text; code and tables stay as written while they fit,
 * and a line wider than the screen is broken under its own indentation, never cut, so
 * a case study reads whole on an 80- or a 40-column terminal.  Widths count columns,
 * not bytes, so accented and East Asian text line up.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "textout.h"
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

/* Columns of s[0..len) (tui.h). */
int text_width_n(const char *s, size_t len)
{
	int w = 0;
	size_t n;
	for (size_t i = 0; i < len; i += n)
		w += char_width(s + i, len - i, &n);
	return w;
}

int text_width(const char *s)
{
	return text_width_n(s, strlen(s));
}

size_t text_fit(const char *s, size_t avail, int cols)
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

/* The line being built: text, its columns, and whether it holds anything yet. */
typedef struct builder {
	tlines *l;
	char *buf; /* malloc'd, grown as needed: a line is never cut short */
	size_t len, cap;
	int col, indent, attr, tag;
	bool pending; /* the line being built holds something */
} builder;

static void append(builder *b, const char *s, size_t n, int w)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *buf = realloc(b->buf, cap);
		if (!buf)
			return; /* out of memory: the text is left out, as push() leaves a line */
		b->buf = buf;
		b->cap = cap;
	}
	memcpy(b->buf + b->len, s, n);
	b->len += n;
	b->col += w;
	b->pending = true;
}

/* Ends the line: the next holds its indentation and nothing yet. */
static void flush(builder *b)
{
	push(b->l, b->buf ? b->buf : "", b->len, b->attr, b->tag);
	b->len = 0;
	b->col = 0;
	for (int i = 0; i < b->indent; i++)
		append(b, " ", 1, 1);
	b->pending = false;
}

static void put_line(wrapper *w, const char *s, size_t len, int cols)
{
	append(w->sink, s, len, cols);
}

static void newline_line(wrapper *w)
{
	flush(w->sink);
}

/*
 * Adds the kept line blk, with the lines of tb that continue it when it is a list item
 * (indented to its text, with no marker of their own), to the line being built.
 */
static void add_kept(builder *b, wrapper *w, text_blocks *tb, const text_block *blk)
{
	const char *end = blk->s + blk->len;
	text_blocks ahead = *tb;
	text_block more;
	bool joined = false;
	while (blk->item && text_blocks_next(&ahead, &more) && more.kind == TB_CODE && !more.item &&
	       more.hang == blk->hang) {
		end = more.s + more.len;
		*tb = ahead;
		joined = true;
	}
	size_t len = (size_t)(end - blk->s);
	if (!joined && b->col + text_width_n(blk->s, len) <= w->width) {
		append(b, blk->s, len, text_width_n(blk->s, len)); /* fits: as written */
		return;
	}
	int hang = text_width_n(blk->s, blk->hang), indent = b->indent;
	if (hang > (w->width - indent) / 2) /* deep indentation on a narrow screen */
		hang = (w->width - indent) / 2;
	append(b, blk->s, blk->hang, text_width_n(blk->s, blk->hang));
	b->indent = w->indent = indent + hang; /* continuation lines go under the text */
	w->col = b->col;
	w->fresh = true;
	wrap_paragraph(w, blk->s + blk->hang, len - blk->hang);
	b->indent = w->indent = indent;
}

void lines_add(tlines *l, const char *prefix, const char *text, int indent, int attr, int tag)
{
	builder b = {.l = l, .indent = indent, .attr = attr, .tag = tag};
	wrapper w = {.width = l->width,
		     .indent = indent,
		     .measure = text_width_n,
		     .fit = text_fit,
		     .put = put_line,
		     .newline = newline_line,
		     .sink = &b};
	append(&b, prefix, strlen(prefix), text_width(prefix));
	bool first = true; /* the first line goes after the prefix */
	text_blocks tb = text_blocks_of(text);
	text_block blk;
	while (text_blocks_next(&tb, &blk)) {
		if (blk.kind == TB_BLANK) { /* a blank line keeps its paragraph break */
			if (b.pending)
				flush(&b);
			push(l, "", 0, attr, tag);
			first = false;
			continue;
		}
		if (!first && b.pending)
			flush(&b);
		first = false;
		if (blk.kind == TB_CODE) {
			add_kept(&b, &w, &tb, &blk);
			continue;
		}
		w.col = b.col;
		w.fresh = !b.pending || b.len == 0 || b.buf[b.len - 1] == ' ';
		wrap_paragraph(&w, blk.s, blk.len);
	}
	if (b.pending)
		flush(&b);
	free(b.buf);
}

void lines_add_raw(tlines *l, const char *text, int attr, int tag)
{
	size_t len = strlen(text);
	push(l, text, text_fit(text, len, l->width), attr, tag);
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
