/*
 * review.c - the review screen before submitting: every question marked answered,
 * unanswered or flagged, filtered, and any of them opened from here.
 */
#include <curses.h>
#include <stdio.h>

#include "tui.h"

static const char *const filters[] = {"all questions", "unanswered", "flagged"};

static bool shown(const tui *t, size_t i)
{
	const mx_attempt_item *it = &t->a->items[i];
	return t->review_filter == 0 || (t->review_filter == 1 && !it->response.answered) ||
	       (t->review_filter == 2 && it->flagged);
}

void review_draw(tui *t)
{
	mx_attempt *a = t->a;
	tlines l;
	lines_init(&l, content_width(t));
	mx_attempt_counts c = mx_attempt_count(a);
	char head[200], incomplete[48] = "";
	if (c.incomplete)
		snprintf(incomplete, sizeof incomplete, " (%zu incomplete)", c.incomplete);
	snprintf(head, sizeof head,
		 "Review: %zu answered%s, %zu unanswered, %zu flagged. Showing %s.", c.answered,
		 incomplete, c.unanswered, c.flagged, filters[t->review_filter]);
	int first = -1, count = 0;
	for (size_t i = 0; i < a->form->n; i++) {
		if (!shown(t, i))
			continue;
		const mx_attempt_item *it = &a->items[i];
		char resp[128], line[256];
		mx_attempt_format(a, i, &it->response, resp, sizeof resp);
		snprintf(line, sizeof line, "%4zu   %-10s  %-7s  %s", i + 1,
			 !it->response.answered			 ? "Unanswered"
			 : mx_attempt_selection(a, i).incomplete ? "Incomplete"
								 : "Answered",
			 it->flagged ? "Flagged" : "", resp);
		lines_add_raw(&l, line, it->response.answered ? 0 : ATTR_BOLD, (int)i);
		if (first < 0)
			first = (int)i;
		count++;
	}
	if (!count)
		lines_add(&l, "", "No questions match this filter.", 0, 0, -1);
	else if (!shown(t, (size_t)t->review_pos))
		t->review_pos = first;
	/* The summary stays put above the list, whole, at any width; only the list scrolls. */
	tlines top;
	lines_init(&top, content_width(t));
	lines_add(&top, "", head, 0, ATTR_BOLD, -1);
	int above = (int)top.n + 1, height = content_height(t) - above;
	if (height < 1)
		height = 1;
	for (size_t i = 0; i < l.n; i++) /* keep the selection on screen */
		if (l.v[i].tag == t->review_pos) {
			if ((int)i >= t->scroll + height)
				t->scroll = (int)i - height + 1;
			if ((int)i < t->scroll)
				t->scroll = (int)i;
		}
	draw_header(t);
	int saved = t->scroll;
	t->scroll = 0;
	draw_lines(t, &top, 2, above - 1, -1);
	t->scroll = saved;
	lines_free(&top);
	draw_lines(t, &l, 2 + above, height, count ? t->review_pos : -1);
	draw_footer(t, "Up/Down PgUp/PgDn Home/End select  Enter open  a all  u unanswered  "
		       "m flagged  s submit  Esc back");
	lines_free(&l);
}

/* Moves the selection by up to n shown questions in direction dir. */
static void step(tui *t, int dir, int n)
{
	for (long i = t->review_pos + dir; n > 0 && i >= 0 && i < (long)t->a->form->n; i += dir)
		if (shown(t, (size_t)i)) {
			t->review_pos = (int)i;
			n--;
		}
}

void review_key(tui *t, int key)
{
	switch (key) {
	case KEY_UP:
		step(t, -1, 1);
		break;
	case KEY_DOWN:
		step(t, 1, 1);
		break;
	case KEY_PPAGE:
	case KEY_NPAGE:
		step(t, key == KEY_PPAGE ? -1 : 1, t->page > 1 ? t->page - 1 : 1);
		break;
	case KEY_HOME:
	case KEY_END:
		step(t, key == KEY_HOME ? -1 : 1, (int)t->a->form->n);
		break;
	case 'a':
	case 'u':
	case 'm':
		t->review_filter = key == 'a' ? 0 : key == 'u' ? 1 : 2;
		t->scroll = 0;
		break;
	case '\r':
	case '\n':
	case KEY_ENTER:
		if (shown(t, (size_t)t->review_pos)) {
			go_question(t, (size_t)t->review_pos);
			t->view = VIEW_QUESTION;
		}
		break;
	case 's':
		ask_submit(t);
		break;
	case 27:
	case 'r':
	case KEY_LEFT:
		t->view = VIEW_QUESTION;
		t->scroll = 0;
		break;
	case '?':
		t->back = VIEW_REVIEW;
		t->view = VIEW_HELP;
		t->scroll = 0;
		break;
	default:
		break;
	}
}
