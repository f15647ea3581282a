/*
 * screen.c - the full-screen exam: the terminal, the main loop, the clock, and what
 * every view shares (header, footer, messages, confirmations, help).
 *
 * The loop waits for a key at most a quarter of a second, so the clock in the header
 * moves, the warnings at 15 and 5 minutes appear on time, and the exam is submitted
 * the moment time runs out.  Every change goes through attempt.h and is saved before
 * the screen moves on; the clock is also saved every few seconds while nothing else
 * happens.
 */
#include <curses.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "signals.h"
#include "mockexam/history.h"
#include "screen.h"
#include "tui.h"

enum { TICK_MS = 250, PAIR_WARN = 1, PAIR_GOOD = 2, PAIR_BAD = 3 };

/* Screen lines the message needs, wrapped as drawn: one, or more for a long one (at most
 * three). */
static int message_lines(const tui *t)
{
	tlines l;
	lines_init(&l, t->cols - 2);
	lines_add(&l, "", t->message, 0, 0, -1);
	int n = (int)l.n;
	lines_free(&l);
	return n < 1 ? 1 : n > 3 ? 3 : n;
}

int content_height(const tui *t)
{
	int h = t->rows - 3 - message_lines(t);
	return h > 1 ? h : 1;
}

int content_width(const tui *t)
{
	return t->cols - 3; /* from column 1; then a blank one, and the scroll marks' */
}

void set_message(tui *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t->message, sizeof t->message, fmt, ap);
	va_end(ap);
}

static void put_text(int y, int x, const char *s, int maxcols)
{
	/* addnstr counts bytes; cut by columns so wide text never wraps the screen */
	mvaddnstr(y, x, s, (int)text_fit(s, strlen(s), maxcols));
}

/*
 * The header's left part, the longest that fits in width beside the time: parts are
 * dropped whole, never cut, so a narrow terminal never runs words together; "" when
 * not even the shortest fits.
 */
static void header_left(const tui *t, char *out, size_t size, int width)
{
	const mx_attempt *a = t->a;
	const char *id = mx_bank_profile(a->form->bank)->id;
	mx_attempt_counts c = mx_attempt_count(a);
	char v[5][160], incomplete[48] = "";
	int n = 0;
	if (c.incomplete)
		snprintf(incomplete, sizeof incomplete, "  Incomplete %zu", c.incomplete);
	size_t q = a->current + 1, total = a->form->n;
	if (a->submitted) { /* results: what matters now is the time it took */
		snprintf(v[n++], sizeof *v, " %s  Results", id);
		snprintf(v[n++], sizeof *v, " Results");
	} else {
		snprintf(v[n++], sizeof *v, " %s  Question %zu of %zu  Answered %zu%s  Flagged %zu",
			 id, q, total, c.answered, incomplete, c.flagged);
		snprintf(v[n++], sizeof *v, " Question %zu of %zu  Answered %zu%s  Flagged %zu", q,
			 total, c.answered, incomplete, c.flagged);
		snprintf(v[n++], sizeof *v, " Question %zu of %zu  Answered %zu", q, total,
			 c.answered);
		snprintf(v[n++], sizeof *v, " Question %zu of %zu", q, total);
		snprintf(v[n++], sizeof *v, " %zu/%zu", q, total);
	}
	out[0] = '\0';
	for (int i = 0; i < n; i++)
		if (text_width(v[i]) <= width) {
			size_t len = strlen(v[i]) < size ? strlen(v[i]) : size - 1;
			memcpy(out, v[i], len);
			out[len] = '\0';
			return;
		}
}

void draw_header(tui *t)
{
	mx_attempt *a = t->a;
	char left[160], time[48], d[24];
	if (a->submitted) {
		format_duration(a->elapsed_ms, d, sizeof d);
		snprintf(time, sizeof time, "%s%s ", t->cols >= 40 ? "Time used " : "", d);
	} else if (a->limit_ms) {
		format_duration(mx_attempt_remaining(a), d, sizeof d);
		snprintf(time, sizeof time, "%s%s ", t->cols >= 40 ? "Time left " : "", d);
	} else {
		snprintf(time, sizeof time, "Untimed ");
	}
	int tw = text_width(time);
	header_left(t, left, sizeof left, t->cols - tw - 1);
	attron(A_REVERSE);
	mvhline(0, 0, ' ', t->cols);
	put_text(0, 0, left, t->cols);
	bool urgent = t->a->warned & MX_CLOCK_WARN_15;
	if (urgent)
		attron(A_BOLD | (has_colors() ? COLOR_PAIR(PAIR_WARN) : 0));
	if (t->cols > tw)
		mvaddstr(0, t->cols - tw, time);
	attroff(A_BOLD | A_REVERSE | (has_colors() ? COLOR_PAIR(PAIR_WARN) : 0));
	move(1, 0);
	clrtoeol();
	if (t->warning[0]) {
		attron(A_BOLD | (has_colors() ? COLOR_PAIR(PAIR_WARN) : 0));
		put_text(1, 1, t->warning, t->cols - 2);
		attroff(A_BOLD | (has_colors() ? COLOR_PAIR(PAIR_WARN) : 0));
	}
}

/*
 * The keys of the footer that fit in width: its parts (two spaces apart) in order, each
 * that still fits, and always the last ("? help", "q quit", "Esc back").
 */
static void footer_keys(const char *keys, int width, char *out, size_t size)
{
	const char *part[16];
	int len[16], n = 0;
	for (const char *p = keys; n < 16;) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		const char *e = strstr(p, "  ");
		e = e ? e : p + strlen(p);
		part[n] = p;
		len[n++] = (int)(e - p);
		p = e;
	}
	int room = width - (n ? text_width_n(part[n - 1], (size_t)len[n - 1]) : 0);
	size_t used = 0;
	out[0] = '\0';
	for (int i = 0; i < n && used < size; i++) {
		int w = text_width_n(part[i], (size_t)len[i]) + (used ? 2 : 0);
		if (i < n - 1 && w > room - 2)
			continue; /* dropped whole; a later, shorter one may fit */
		room -= w;
		used += (size_t)snprintf(out + used, size - used, "%s%.*s", used ? "  " : "",
					 len[i], part[i]);
	}
}

void draw_footer(tui *t, const char *keys)
{
	int n = message_lines(t), top = t->rows - 1 - n;
	for (int r = top; r < t->rows - 1; r++) {
		move(r, 0);
		clrtoeol();
	}
	if (t->message[0]) {
		tlines l;
		lines_init(&l, t->cols - 2);
		lines_add(&l, "", t->message, 0, 0, -1);
		attron(A_BOLD);
		for (int r = 0; r < n && (size_t)r < l.n; r++)
			put_text(top + r, 1, l.v[r].text, t->cols - 2);
		attroff(A_BOLD);
		lines_free(&l);
	}
	char fit[256];
	footer_keys(keys, t->cols - 2, fit, sizeof fit);
	attron(A_REVERSE);
	mvhline(t->rows - 1, 0, ' ', t->cols);
	put_text(t->rows - 1, 1, fit, t->cols - 2);
	attroff(A_REVERSE);
}

static int curses_attr(int attr)
{
	int a = A_NORMAL;
	if (attr & ATTR_BOLD)
		a |= A_BOLD;
	if (attr & ATTR_DIM)
		a |= A_DIM;
	if (attr & ATTR_REVERSE)
		a |= A_REVERSE;
	if (attr & ATTR_GOOD)
		a |= A_BOLD | (has_colors() ? COLOR_PAIR(PAIR_GOOD) : 0);
	if (attr & ATTR_BAD)
		a |= has_colors() ? COLOR_PAIR(PAIR_BAD) : A_UNDERLINE;
	return a;
}

void draw_lines(tui *t, const tlines *l, int top, int height, int focus_tag)
{
	int max_scroll = (int)l->n > height ? (int)l->n - height : 0;
	if (t->scroll > max_scroll)
		t->scroll = max_scroll;
	if (t->scroll < 0)
		t->scroll = 0;
	for (int r = 0; r < height; r++) {
		move(top + r, 0);
		clrtoeol();
		size_t i = (size_t)(t->scroll + r);
		if (i >= l->n)
			continue;
		int a = curses_attr(l->v[i].attr);
		if (focus_tag >= 0 && l->v[i].tag == focus_tag)
			a |= A_REVERSE;
		attron(a);
		put_text(top + r, 1, l->v[i].text, t->cols - 2);
		attroff(a);
	}
	/* more above, more below: in the last column, which text never takes */
	if (t->scroll > 0)
		mvaddstr(top, t->cols - 1, "^");
	if (t->scroll < max_scroll)
		mvaddstr(top + height - 1, t->cols - 1, "v");
	t->max_scroll = max_scroll;
	t->page = height;
}

bool scroll_key(tui *t, int key, bool lines)
{
	int page = t->page > 2 ? t->page - 1 : 1; /* a line of the last page stays in view */
	switch (key) {
	case KEY_PPAGE:
		t->scroll -= page;
		break;
	case KEY_NPAGE:
		t->scroll += page;
		break;
	case KEY_HOME:
		t->scroll = 0;
		break;
	case KEY_END:
		t->scroll = t->max_scroll;
		break;
	case KEY_UP:
	case KEY_DOWN:
		if (!lines)
			return false;
		t->scroll += key == KEY_UP ? -1 : 1;
		break;
	default:
		return false;
	}
	if (t->scroll > t->max_scroll)
		t->scroll = t->max_scroll;
	if (t->scroll < 0)
		t->scroll = 0;
	return true;
}

void save_error(tui *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t->save_failure, sizeof t->save_failure, fmt, ap);
	va_end(ap);
	snprintf(t->message, sizeof t->message, "%.250s", t->save_failure);
	t->save_failed = true;
}

bool confirm(tui *t, const char *question)
{
	set_message(t, "%s [y/N]", question);
	draw_footer(t, "y yes   any other key no");
	refresh();
	int k;
	timeout(-1);
	while ((k = getch()) == KEY_RESIZE)
		;
	timeout(TICK_MS);
	t->message[0] = '\0';
	return k == 'y' || k == 'Y';
}

void help_draw(tui *t)
{
	static const char *const keys[][2] = {
	    {"A-H", "choose an option; with several answers or an order, the same letter again "
		    "takes it back"},
	    {"Up, Down", "mark an option (a prompt, in matching); with none to mark, scroll"},
	    {"Space", "choose the marked option"},
	    {"x", "strike out the marked option, or restore it"},
	    {"Backspace", "take the answer back (ordering: the item placed last; matching: the "
			  "marked prompt's option)"},
	    {"m", "flag the question for review, or unflag it"},
	    {"Enter, Right, n", "next question (after the last, the review list)"},
	    {"Left, p", "previous question"},
	    {"PgUp, PgDn", "scroll a long question up or down a page"},
	    {"Home, End", "the top or the bottom of the question"},
	    {"j", "jump to a question by number"},
	    {"r", "review list: Up, Down, PgUp, PgDn, Home and End select a question, Enter "
		  "opens it, a, u and m show all, unanswered or flagged, Esc goes back"},
	    {"s", "submit the exam"},
	    {"q", "stop now; 'mockexam resume' continues later"},
	    {"?", "this help"},
	};
	static const char *const notes[] = {
	    "Ordering: letters place the items first to last; Backspace takes the last back.",
	    "Matching: Up and Down mark a prompt; a letter gives the marked prompt that option, "
	    "and the mark moves on to the next prompt. The prompt's own letter again, or "
	    "Backspace, takes it back.",
	    "Drills: Enter checks the answer and shows why; Enter again goes on. For a typed "
	    "answer, press Enter, type it and press Enter.",
	    "Results: v reviews every answer, w the wrong ones, m the flagged ones; there n and "
	    "p move, Esc goes back to the results, and q leaves.",
	    "Up, Down, PgUp, PgDn, Home and End scroll the results, an answer's review and this "
	    "help; here any other key goes back. Every answer is saved as you give it.",
	};
	tlines l;
	lines_init(&l, content_width(t));
	lines_add(&l, "", "Keys", 0, ATTR_BOLD, -1);
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		char prefix[32];
		if (l.width >= 60) { /* the keys in a column beside what they do */
			snprintf(prefix, sizeof prefix, "%-15s ", keys[i][0]);
			lines_add(&l, prefix, keys[i][1], 16, 0, -1);
		} else { /* narrow: each key above what it does */
			lines_add(&l, "", keys[i][0], 0, ATTR_BOLD, -1);
			lines_add(&l, "  ", keys[i][1], 2, 0, -1);
		}
	}
	for (size_t i = 0; i < sizeof notes / sizeof *notes; i++) {
		lines_blank(&l);
		lines_add(&l, "", notes[i], 0, 0, -1);
	}
	draw_header(t);
	draw_lines(t, &l, 2, content_height(t), -1);
	draw_footer(t, "PgUp/PgDn Home/End scroll  any other key: back");
	lines_free(&l);
}

void submit(tui *t, bool time_up)
{
	mx_error err;
	mx_status st = mx_attempt_submit(t->a, &t->score, &err);
	if (st != MX_OK) {
		save_error(t, "Cannot record the result: %s", mx_error_message(&err));
		if (!t->score)
			return;
	} else {
		t->message[0] = '\0';
	}
	if (time_up)
		set_message(t, "Time is up. The exam has been submitted.");
	t->view = VIEW_RESULTS;
	t->scroll = 0;
	t->warning[0] = '\0';
}

/* The clock (attempt.h): the warnings it gives, its saves, and time up. */
static void clock_tick(tui *t)
{
	mx_clock_report rep;
	mx_error err;
	if (t->a->submitted)
		return;
	if (mx_attempt_clock(t->a, now_ms(), &rep, &err) != MX_OK)
		save_error(t, "Cannot save the time: %s", mx_error_message(&err));
	if (rep.events & MX_CLOCK_TIME_UP)
		submit(t, true);
	else if (rep.events & MX_CLOCK_WARN_5)
		snprintf(t->warning, sizeof t->warning, "5 minutes left.");
	else if (rep.events & MX_CLOCK_WARN_15)
		snprintf(t->warning, sizeof t->warning, "15 minutes left.");
}

static void draw(tui *t)
{
	erase();
	switch (t->view) {
	case VIEW_QUESTION:
		exam_draw(t);
		break;
	case VIEW_REVIEW:
		review_draw(t);
		break;
	case VIEW_HELP:
		help_draw(t);
		break;
	case VIEW_RESULTS:
		results_draw(t);
		break;
	case VIEW_ANSWERS:
		answers_draw(t);
		break;
	}
	refresh();
}

static void key(tui *t, int k)
{
	if (k != ERR && t->view != VIEW_HELP && t->view != VIEW_RESULTS)
		t->message[0] = '\0';
	switch (t->view) {
	case VIEW_QUESTION:
		exam_key(t, k);
		break;
	case VIEW_REVIEW:
		review_key(t, k);
		break;
	case VIEW_HELP:
		if (!scroll_key(t, k, true)) {
			t->view = t->back;
			t->scroll = 0;
		}
		break;
	case VIEW_RESULTS:
		results_key(t, k);
		break;
	case VIEW_ANSWERS:
		answers_key(t, k);
		break;
	}
}

static void start_curses(void)
{
	initscr();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25); /* Esc answers at once, not after curses' default second */
	curs_set(0);
	timeout(TICK_MS);
	if (has_colors()) {
		start_color();
		use_default_colors();
		init_pair(PAIR_WARN, COLOR_RED, -1);
		init_pair(PAIR_GOOD, COLOR_GREEN, -1);
		init_pair(PAIR_BAD, COLOR_RED, -1);
	}
}

int screen_run(mx_attempt *a, bool resumed, const char *notice)
{
	tui t;
	memset(&t, 0, sizeof t);
	t.a = a;
	t.view = VIEW_QUESTION;
	if (notice)
		set_message(&t, "%s", notice);
	else if (resumed)
		set_message(&t, "Resumed where you stopped. Press ? for the keys.");
	else
		set_message(&t, "Press ? for the keys. Every answer is saved as you give it.");
	signals_catch(); /* before curses, which then leaves these signals to us */
	start_curses();
	while (!t.quit && !t.done && !signals_caught()) {
		getmaxyx(stdscr, t.rows, t.cols);
		clock_tick(&t);
		draw(&t);
		int k = getch();
		if (k == KEY_RESIZE || k == ERR)
			continue;
		key(&t, k);
	}
	endwin();
	int sig = signals_caught();
	t.quit |= sig && !t.done;
	mx_error err;
	if (t.quit && mx_attempt_save_clock(a, &err) != MX_OK)
		save_error(&t, "Cannot save the time: %s", mx_error_message(&err));
	if (t.save_failed) {
		fprintf(stderr, "mockexam: some changes could not be saved: %s\n", t.save_failure);
	} else if (t.quit && sig) {
		fprintf(stderr,
			"mockexam: stopped by signal %d; your answers are saved. Continue with: "
			"mockexam resume %ld\n",
			sig, a->id);
	} else if (t.quit) {
		printf("Your answers are saved. Continue with: mockexam resume %ld\n", a->id);
	} else if (t.score && a->drill) {
		printf("%s drill: %zu of %zu right.\n", mx_bank_profile(a->form->bank)->id,
		       t.score->correct, t.score->questions);
	} else if (t.score) {
		printf("%s: scaled score %d, %s (passing score %d).\n",
		       mx_bank_profile(a->form->bank)->id, t.score->scaled,
		       t.score->passed ? "pass" : "fail",
		       mx_bank_profile(a->form->bank)->passing_score);
	}
	mx_score_free(t.score);
	return t.save_failed ? 3 : sig && t.quit ? 128 + sig : 0;
}
