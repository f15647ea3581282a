/*
 * tui.h - what the exam screen's files share: its state, the text layout, and the
 * drawing and key handling of each view.  The screen talks to the exam only through
 * attempt.h; everything here is presentation.
 */
#ifndef MX_TUI_H
#define MX_TUI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mockexam/attempt.h"
#include "mockexam/review.h"
#include "mockexam/score.h"

/* ---- text laid out in lines (layout.c) ---- */

enum {
	ATTR_NORMAL = 0,
	ATTR_BOLD = 1,
	ATTR_DIM = 2,
	ATTR_REVERSE = 4,
	ATTR_GOOD = 8,
	ATTR_BAD = 16,
	ATTR_CODE = 32
};

typedef struct tline {
	char *text;
	int attr;
	int tag; /* which choice or prompt the line belongs to, or -1 */
} tline;

typedef struct tlines {
	tline *v;
	size_t n, cap;
	int width;
} tlines;

void lines_init(tlines *l, int width);
void lines_free(tlines *l);
void lines_blank(tlines *l);
/*
 * Adds text wrapped at the layout's width: prefix on the first line, the following
 * lines indented by indent; paragraphs re-wrapped, indented lines (code) kept as
 * written and cut at the width.
 */
void lines_add(tlines *l, const char *prefix, const char *text, int indent, int attr, int tag);
/* Adds one line as written (a table row), cut at the layout's width. */
void lines_add_raw(tlines *l, const char *text, int attr, int tag);
/*
 * Adds a reviewed question (review.h): the choices as shown, each with its mark and its
 * reason, then the key, the response, the explanation and the references.
 */
void lines_add_review(tlines *l, const mx_review *rv);
/* Display columns of a UTF-8 string, and of its first len bytes. */
int text_width(const char *s);
int text_width_n(const char *s, size_t len);
/* Bytes of s[0..avail) that fit in cols display columns, ending on a whole character. */
size_t text_fit(const char *s, size_t avail, int cols);

/* ---- the screen's state (screen.c) ---- */

typedef enum view { VIEW_QUESTION, VIEW_REVIEW, VIEW_HELP, VIEW_RESULTS, VIEW_ANSWERS } view;

typedef struct tui {
	mx_attempt *a;
	mx_score *score; /* after submission */
	view view, back; /* the view, and the one help returns to */
	int rows, cols;
	int focus;	   /* the choice (or prompt, for matching) the arrows are on */
	int focus_option;  /* matching: the option focused in the option list */
	int scroll;	   /* first content line shown */
	int max_scroll;	   /* the page last drawn: the scroll that shows its last line */
	int page;	   /* and its height */
	bool follow;	   /* the focus moved: scroll it into view at the next drawing */
	bool to_stem;	   /* a question of the case just shown: start at its stem */
	char message[256]; /* one-line message under the content, until the next key */
	char warning[64];  /* the latest clock warning, shown until the exam ends */
	/* review lists */
	int review_filter; /* 0 all, 1 unanswered, 2 flagged; results: 0 all, 1 wrong, 2 flagged */
	int review_pos;
	size_t answer_pos;	/* the question shown in the answer review */
	bool save_failed;	/* a change could not be saved: the exit status says so */
	char save_failure[512]; /* what the last failed save said, for the exit */
	bool quit;		/* leave, saved for resume */
	bool done;		/* leave after results */
} tui;

/* Drawing helpers (screen.c). */
void draw_header(tui *t);
void draw_footer(tui *t, const char *keys);
void draw_lines(tui *t, const tlines *l, int top, int height, int focus_tag);
void set_message(tui *t, const char *fmt, ...) MX_PRINTF(2, 3);
bool confirm(tui *t, const char *question);
/* Shows a failure to save, and remembers it for the exit status. */
void save_error(tui *t, const char *fmt, ...) MX_PRINTF(2, 3);
/* Lines and columns the content of a view has (below the header, above the footer). */
int content_height(const tui *t);
int content_width(const tui *t);
/*
 * PgUp, PgDn, Home and End (with lines, also Up and Down by a line) scroll the page last
 * drawn, never before its first line or past its last; false when key is none of them.
 */
bool scroll_key(tui *t, int key, bool lines);

/* The question view (exam.c). */
void exam_draw(tui *t);
void exam_key(tui *t, int key);
void go_question(tui *t, size_t i);
/* Asks for confirmation (with any wrong number of choices) and submits. */
void ask_submit(tui *t);

/* The review list, before submitting (review.c). */
void review_draw(tui *t);
void review_key(tui *t, int key);

/* Results and the answer review, after submitting (results.c). */
void results_draw(tui *t);
void results_key(tui *t, int key);
void answers_draw(tui *t);
void answers_key(tui *t, int key);

/* Help (screen.c). */
void help_draw(tui *t);

/* Submitting, asked for or forced by the clock (screen.c). */
void submit(tui *t, bool time_up);

#endif
