/*
 * results.c - after the exam: the result as a score report shows it, then every
 * question with the right answer, the candidate's, the explanation and references.
 */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "textout.h"
#include "tui.h"

/* A bar of width cells into buf, which holds at least 3 * width + 1 bytes. */
static void bar(char *buf, size_t size, double percent, int width)
{
	size_t used = 0;
	int filled = bar_filled(percent, width);
	for (int i = 0; i < width && used + 4 < size; i++)
		used += (size_t)snprintf(buf + used, size - used, "%s", bar_cell(i, filled, true));
}

static void drill_results(tui *t, tlines *l)
{
	const mx_profile *p = mx_bank_profile(t->a->form->bank);
	const mx_score *s = t->score;
	char buf[256];
	snprintf(buf, sizeof buf, "Drill finished: %zu of %zu right (%.0f%%).", s->correct,
		 s->questions,
		 s->questions ? 100.0 * (double)s->correct / (double)s->questions : 0);
	lines_add(l, "", buf, 0, ATTR_BOLD, -1);
	lines_blank(l);
	for (size_t d = 0; d < p->ndomains; d++) {
		if (!s->domains[d].total)
			continue;
		snprintf(buf, sizeof buf, "%-3d %3zu/%-3zu  %s", p->domains[d].id,
			 s->domains[d].correct, s->domains[d].total, p->domains[d].name);
		lines_add_raw(l, buf, 0, -1);
	}
	if (s->correct < s->questions) {
		lines_blank(l);
		snprintf(buf, sizeof buf,
			 "Drill the ones you missed again: mockexam drill %s --missed", p->id);
		lines_add(l, "", buf, 0, 0, -1);
	}
}

void results_draw(tui *t)
{
	const mx_form *f = t->a->form;
	const mx_profile *p = mx_bank_profile(f->bank);
	const mx_score *s = t->score;
	tlines l;
	lines_init(&l, content_width(t));
	char buf[512];
	if (t->a->drill) {
		drill_results(t, &l);
		draw_header(t);
		draw_lines(t, &l, 2, content_height(t), -1);
		draw_footer(t, "v review answers  w wrong only  m flagged only  q quit");
		lines_free(&l);
		return;
	}
	snprintf(buf, sizeof buf, "%s (%s)", p->title, p->id);
	lines_add(&l, "", buf, 0, ATTR_BOLD, -1);
	lines_blank(&l);
	lines_add(&l, "Result:        ", s->passed ? "PASS" : "FAIL", 0,
		  ATTR_BOLD | (s->passed ? ATTR_GOOD : ATTR_BAD), -1);
	snprintf(buf, sizeof buf, "%d  (passing score %d; scale %d-%d)", s->scaled,
		 p->passing_score, p->scale_lo, p->scale_hi);
	lines_add(&l, "Scaled score:  ", buf, 0, ATTR_BOLD, -1);
	snprintf(buf, sizeof buf,
		 "%zu of %zu scored questions correct (%.2f%%); %zu of %zu answered", s->correct,
		 s->scored, s->percent, s->answered, s->questions);
	lines_add(&l, "Raw score:     ", buf, 0, 0, -1);
	lines_blank(&l);
	for (size_t d = 0; d < p->ndomains; d++) {
		const mx_tally *dt = &s->domains[d];
		char prefix[16], b[128];
		snprintf(prefix, sizeof prefix, "%-3d", p->domains[d].id);
		lines_add(&l, prefix, p->domains[d].name, 3, ATTR_BOLD, -1);
		bar(b, sizeof b, dt->percent, 16);
		snprintf(buf, sizeof buf, "   %5g%% of the exam  %3zu/%-3zu %4.0f%%  %s  %s",
			 p->domains[d].weight, dt->correct, dt->total, dt->percent, b,
			 !dt->total  ? "no questions in this exam"
			 : dt->meets ? "Meets competencies"
				     : "Needs improvement");
		lines_add(&l, "", buf, 3, dt->meets || !dt->total ? 0 : ATTR_BAD, -1);
	}
	lines_blank(&l);
	snprintf(buf, sizeof buf,
		 "Each domain shows the share of its questions you got right; \"meets\" means at "
		 "least %.1f%%, the share that corresponds to the passing score. Scoring is "
		 "compensatory: only the overall scaled score decides pass or fail, so you do not "
		 "need to meet every domain.",
		 100 * p->cut);
	lines_add(&l, "", buf, 0, ATTR_DIM, -1);
	draw_header(t);
	draw_lines(t, &l, 2, content_height(t), -1);
	draw_footer(t, "v review answers  w wrong only  m flagged only  PgUp/PgDn Home/End scroll  "
		       "q quit");
	lines_free(&l);
}

static bool in_filter(const tui *t, size_t i)
{
	return t->review_filter == 0 || (t->review_filter == 1 && !t->score->credited[i]) ||
	       (t->review_filter == 2 && t->a->items[i].flagged);
}

/* Moves the answer review to the next question in the filter, in direction dir. */
static bool step(tui *t, int dir)
{
	for (long i = (long)t->answer_pos + dir; i >= 0 && i < (long)t->a->form->n; i += dir)
		if (in_filter(t, (size_t)i)) {
			t->answer_pos = (size_t)i;
			t->scroll = 0;
			return true;
		}
	return false;
}

static void open_answers(tui *t, int filter)
{
	t->review_filter = filter;
	t->answer_pos = 0;
	t->view = VIEW_ANSWERS;
	t->scroll = 0;
	if (!in_filter(t, 0) && !step(t, 1)) {
		t->view = VIEW_RESULTS;
		set_message(t, "No questions match: %s.",
			    filter == 1 ? "none is wrong" : "none is flagged");
	}
}

void results_key(tui *t, int key)
{
	t->message[0] = '\0';
	if (scroll_key(t, key, true))
		return;
	switch (key) {
	case 'v':
		open_answers(t, 0);
		break;
	case 'w':
		open_answers(t, 1);
		break;
	case 'm':
		open_answers(t, 2);
		break;
	case 'q':
		t->done = true;
		break;
	default:
		break;
	}
}

void answers_draw(tui *t)
{
	const mx_attempt *a = t->a;
	size_t i = t->answer_pos;
	const mx_form_item *it = &a->form->items[i];
	const mx_question *q = mx_bank_question(a->form->bank, it->question);
	const mx_response *mine = &a->items[i].response;
	bool right = t->score->credited[i];
	tlines l;
	lines_init(&l, content_width(t));
	char buf[512];
	snprintf(buf, sizeof buf, "Question %zu of %zu (%s): %s%s%s", i + 1, a->form->n, q->id,
		 right		  ? "correct"
		 : mine->answered ? "wrong"
				  : "unanswered",
		 a->items[i].flagged ? ", flagged" : "", it->scored ? "" : ", unscored");
	lines_add(&l, "", buf, 0, ATTR_BOLD | (right ? ATTR_GOOD : ATTR_BAD), -1);
	lines_blank(&l);
	if (q->case_index >= 0) {
		const mx_case *c = mx_bank_case(a->form->bank, (size_t)q->case_index);
		lines_add(&l, "Case study: ", c->title ? c->title : c->id, 0, ATTR_BOLD, -1);
		lines_add(&l, "", c->scenario, 0, ATTR_DIM, -1);
		lines_blank(&l);
	}
	lines_add(&l, "", q->stem, 0, 0, -1);
	lines_blank(&l);
	mx_review rv;
	mx_review_item(a->form, i, mine, &rv);
	lines_add_review(&l, &rv);
	draw_header(t);
	draw_lines(t, &l, 2, content_height(t), -1);
	draw_footer(t, "n/p next/prev  v all  w wrong  m flagged  PgUp/PgDn Home/End scroll  "
		       "Esc results");
	lines_free(&l);
}

void answers_key(tui *t, int key)
{
	if (scroll_key(t, key, true))
		return;
	switch (key) {
	case 'n':
	case KEY_RIGHT:
	case '\r':
	case '\n':
	case KEY_ENTER:
		if (!step(t, 1))
			set_message(t, "That was the last one.");
		break;
	case 'p':
	case KEY_LEFT:
		if (!step(t, -1))
			set_message(t, "That was the first one.");
		break;
	case 'v':
	case 'w':
	case 'm':
		open_answers(t, key == 'v' ? 0 : key == 'w' ? 1 : 2);
		break;
	case 27:
	case 'q':
		t->view = VIEW_RESULTS;
		t->scroll = 0;
		break;
	default:
		break;
	}
}
