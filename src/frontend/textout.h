/*
 * textout.h - text laid out for a terminal, one way for every text front end: the
 * printed output (output.c) and the exam screen (tui/layout.c, tui/results.c).
 *
 * A text is blocks: paragraphs, whose lines are joined and re-wrapped; kept lines, which
 * keep a line of their own: indented lines (code, tables, the lines that continue a list
 * item) and list items ("- ", "* ", "1. " or "1) " at the start of a line); and blank
 * lines, kept as paragraph breaks.  Printed text keeps a kept line as written; the
 * screen, which can be narrower than the text was written for, re-wraps a list item with
 * the lines that continue it under the item's text, and breaks a line too wide for it
 * under its own indentation, so nothing is cut.  A
 * paragraph is broken into lines by one routine, wrap_paragraph(); the front end says how
 * wide a piece of text is (characters when printing, display columns on the screen),
 * whether a word wider than a line is cut, and where the pieces go.  Knows nothing of
 * exams, and nothing of curses.  (Shared by front ends, like clock.h.)
 */
#ifndef MX_TEXTOUT_H
#define MX_TEXTOUT_H

#include <stdbool.h>
#include <stddef.h>

/* ---- blocks and words ---- */

typedef enum text_kind { TB_PARAGRAPH, TB_CODE, TB_BLANK } text_kind;

/* A block: a paragraph's lines still joined by newlines, a kept line (TB_CODE) without
 * its newline, or a blank line (empty). */
typedef struct text_block {
	text_kind kind;
	const char *s;
	size_t len;
	/* A kept line: the bytes before its text (its indentation, then any list marker),
	 * and whether it starts a list item. */
	size_t hang;
	bool item;
} text_block;

/* Where reading a text's blocks has got to. */
typedef struct text_blocks {
	const char *p, *end;
} text_blocks;

/* The blocks of text, to read with text_blocks_next(); newlines at its end are dropped. */
text_blocks text_blocks_of(const char *text);
/* The next block into *b; false after the last.  A paragraph runs to a blank line or a
 * kept one. */
bool text_blocks_next(text_blocks *t, text_block *b);

/* ---- breaking a paragraph into lines ---- */

typedef struct wrapper wrapper;
struct wrapper {
	int width;  /* columns a line may hold */
	int indent; /* columns a continuation line starts with (the sink writes them) */
	int col;    /* columns used on the current line */
	bool fresh; /* the current line holds no word yet: the next goes without a space */
	/* Columns that s[0..len) takes. */
	int (*measure)(const char *s, size_t len);
	/* Bytes of s[0..len) that fit in cols columns; NULL: a word wider than a line is
	 * left whole, past the width. */
	size_t (*fit)(const char *s, size_t len, int cols);
	/* Appends s[0..len), which takes cols columns, to the current line. */
	void (*put)(wrapper *w, const char *s, size_t len, int cols);
	/* Ends the current line and starts the next, indented by indent columns. */
	void (*newline)(wrapper *w);
	void *sink; /* where put() and newline() write */
};

/*
 * Adds the words of the paragraph s[0..len) (spaces and newlines separate them) to the
 * line being filled, from column w->col: a word that would pass the width starts a new
 * line, and with fit, a word wider than a whole line is cut across lines.
 */
void wrap_paragraph(wrapper *w, const char *s, size_t len);

/* ---- bars ---- */

/* How many of a bar's width cells percent fills, rounded to the nearest. */
int bar_filled(double percent, int width);
/* Cell i of a bar whose first filled cells are full: a full or a light block in UTF-8,
 * else '#' or '.'. */
const char *bar_cell(int i, int filled, bool utf8);

#endif
