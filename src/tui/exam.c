/*
 * exam.c - the question view: the question with its case study, the choices as they
 * are chosen, flagged and struck out, and the keys that act on them.
 *
 * Choices are shown under the letters of their shown position; a key press becomes a
 * response in the bank's terms through the form item's choice order.
 */
#include <ctype.h>
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "signals.h"
#include "tui.h"

enum { TAG_OPTION_LIST = 100 }; /* matching: option lines, not focusable */

static const mx_question *current_question(const tui *t)
{
	return mx_bank_question(t->a->form->bank, t->a->form->items[t->a->current].question);
}

/* How many focusable lines the question has: choices, or prompts for matching. */
static int focusable(const tui *t)
{
	const mx_question *q = current_question(t);
	return q->type == MX_TYPE_MATCHING ? (int)q->nprompts
	       : q->type == MX_TYPE_TEXT   ? 0
					   : t->a->form->items[t->a->current].norder;
}

static int rank(const mx_response *r, uint8_t c)
{
	for (size_t i = 0; i < r->keys.n; i++)
		if (r->keys.k[i] == c)
			return (int)i + 1;
	return 0;
}

static void add_choices(tui *t, tlines *l)
{
	const mx_attempt *a = t->a;
	const mx_form_item *it = &a->form->items[a->current];
	const mx_question *q = current_question(t);
	const mx_attempt_item *ai = &a->items[a->current];
	const mx_response *r = &ai->response;
	const mx_choice *ch = q->type == MX_TYPE_ORDERING ? q->items : q->options;
	if (q->type == MX_TYPE_MATCHING) {
		for (size_t p = 0; p < q->nprompts; p++) {
			char prefix[48], target[8] = "_";
			if (r->answered && r->keys.k[p] != MX_NONE)
				for (size_t k = 0; k < it->norder; k++)
					if (it->order[k] == r->keys.k[p])
						snprintf(target, sizeof target, "%c", 'A' + (int)k);
			snprintf(prefix, sizeof prefix, " %zu. [%s] ", p + 1, target);
			lines_add(l, prefix, q->prompts[p].text, text_width(prefix), 0, (int)p);
		}
		lines_blank(l);
	}
	for (size_t k = 0; k < it->norder; k++) {
		uint8_t c = it->order[k];
		char prefix[32];
		bool struck = ai->struck >> k & 1;
		bool on = mx_attempt_chosen(a, a->current, k);
		if (q->type == MX_TYPE_SINGLE)
			snprintf(prefix, sizeof prefix, " (%s) %c. ", on ? "*" : " ", 'A' + (int)k);
		else if (q->type == MX_TYPE_MULTIPLE)
			snprintf(prefix, sizeof prefix, " [%s] %c. ", on ? "x" : " ", 'A' + (int)k);
		else if (q->type == MX_TYPE_ORDERING && rank(r, c))
			snprintf(prefix, sizeof prefix, " [%d] %c. ", rank(r, c), 'A' + (int)k);
		else if (q->type == MX_TYPE_ORDERING)
			snprintf(prefix, sizeof prefix, " [ ] %c. ", 'A' + (int)k);
		else
			snprintf(prefix, sizeof prefix, "     %c. ", 'A' + (int)k);
		/* The whole text, however long: a fixed buffer would cut it silently. */
		static const char mark[] = " (struck out)";
		size_t len = strlen(ch[c].text);
		char *text = struck ? malloc(len + sizeof mark) : NULL;
		if (text) {
			memcpy(text, ch[c].text, len);
			memcpy(text + len, mark, sizeof mark);
		}
		int tag = q->type == MX_TYPE_MATCHING ? TAG_OPTION_LIST + (int)k : (int)k;
		lines_add(l, prefix, text ? text : ch[c].text, text_width(prefix),
			  struck ? ATTR_DIM : 0, tag);
		free(text);
	}
}

/* The library's instruction, the progress of a multiple-response answer, and the keys. */
static void instruction(const tui *t, tlines *l)
{
	const mx_question *q = current_question(t);
	char buf[160], progress[64], line[256];
	mx_attempt_instruction(t->a, t->a->current, buf, sizeof buf);
	mx_attempt_progress(t->a, t->a->current, progress, sizeof progress);
	if (!*buf)
		return;
	snprintf(line, sizeof line, "%s%s%s", buf, *progress ? "  " : "", progress);
	lines_add(l, "", line, 0, ATTR_BOLD, -1);
	if (q->type == MX_TYPE_ORDERING)
		lines_add(l, "",
			  "Letters place the items first to last; Backspace takes the last back.",
			  0, ATTR_DIM, -1);
	else if (q->type == MX_TYPE_MATCHING)
		lines_add(
		    l, "",
		    "Up and Down mark a prompt; a letter gives it that option and the mark "
		    "moves on to the next prompt; the prompt's own letter again takes it back.",
		    0, ATTR_DIM, -1);
}

/* Scrolls so the focused line is on screen. */
static void follow_focus(tui *t, const tlines *l, int height)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].tag == t->focus) {
			size_t last = i;
			while (last + 1 < l->n && l->v[last + 1].tag == t->focus)
				last++;
			if ((int)last >= t->scroll + height)
				t->scroll = (int)last - height + 1;
			if ((int)i < t->scroll)
				t->scroll = (int)i;
			return;
		}
}

/* A drill's verdict on the question: right or wrong, then the question's review. */
static void add_feedback(tui *t, tlines *l)
{
	const mx_attempt *a = t->a;
	mx_review rv;
	mx_review_item(a->form, a->current, &a->items[a->current].response, &rv);
	lines_add(l, "", rv.correct ? "Correct." : "Wrong.", 0,
		  ATTR_BOLD | (rv.correct ? ATTR_GOOD : ATTR_BAD), -1);
	lines_add_review(l, &rv);
}

void exam_draw(tui *t)
{
	const mx_question *q = current_question(t);
	const mx_attempt_item *ai = &t->a->items[t->a->current];
	tlines l;
	lines_init(&l, content_width(t));
	if (q->case_index >= 0) {
		const mx_case *c = mx_bank_case(t->a->form->bank, (size_t)q->case_index);
		lines_add(&l, "Case study: ", c->title ? c->title : c->id, 0, ATTR_BOLD, -1);
		lines_add(&l, "", c->scenario, 0, 0, -1);
		lines_blank(&l);
	}
	int stem = (int)l.n; /* where the question itself starts */
	if (ai->flagged)
		lines_add(&l, "", "[Flagged for review]", 0, ATTR_BOLD, -1);
	lines_add(&l, "", q->stem, 0, 0, -1);
	instruction(t, &l);
	lines_blank(&l);
	if (mx_attempt_locked(t->a, t->a->current))
		add_feedback(t, &l); /* the choices again, each with its reason */
	else if (q->type != MX_TYPE_TEXT)
		add_choices(t, &l);
	else
		lines_add(&l, "Your answer: ",
			  ai->response.answered ? ai->response.text : "(press Enter to type it)",
			  13, 0, -1);
	int height = content_height(t);
	if (t->to_stem) /* the case study was on the question before: it is above */
		t->scroll = stem;
	if (t->follow) /* only when the focus moved: PgUp and Home reach the top */
		follow_focus(t, &l, height);
	t->follow = t->to_stem = false;
	draw_header(t);
	draw_lines(t, &l, 2, height, focusable(t) ? t->focus : -1);
	if (t->a->drill)
		draw_footer(
		    t,
		    "A-H choose  Enter check, then next  x strike  m flag  p back  q stop  ? help");
	else
		draw_footer(
		    t,
		    "A-H choose  x strike  m flag  n/p move  j jump  r review  s submit  ? help");
	lines_free(&l);
}

/* ---- acting on the question ---- */

/* A change the attempt could not save is said on the screen (and in the exit status). */
static void failed(tui *t, const char *what, const mx_error *err)
{
	save_error(t, "%s: %s", what, mx_error_message(err));
}

/* The candidate chose the k-th shown choice (or, for matching, gave it to the prompt). */
static void choose(tui *t, int k)
{
	mx_attempt *a = t->a;
	const mx_question *q = current_question(t);
	mx_error err;
	if (mx_attempt_choose(a, a->current, (size_t)k, (size_t)t->focus, &err) != MX_OK) {
		failed(t, "Cannot save the answer", &err);
		return;
	}
	const mx_response *r = &a->items[a->current].response;
	t->follow = true; /* what changed is in view */
	if (q->type != MX_TYPE_MATCHING)
		t->focus = k;
	else if (r->answered && r->keys.k[t->focus] != MX_NONE && t->focus + 1 < (int)q->nprompts)
		t->focus++; /* given, not taken back: on to the next prompt */
}

static void take_back(tui *t)
{
	mx_error err;
	if (mx_attempt_take_back(t->a, t->a->current, (size_t)t->focus, &err) != MX_OK)
		failed(t, "Cannot save the answer", &err);
}

void go_question(tui *t, size_t i)
{
	const mx_form *f = t->a->form;
	int from = mx_bank_question(f->bank, f->items[t->a->current].question)->case_index;
	int to = i < f->n ? mx_bank_question(f->bank, f->items[i].question)->case_index : -1;
	bool moved = i != t->a->current;
	mx_error err;
	if (mx_attempt_move(t->a, i, &err) != MX_OK)
		failed(t, "Cannot save", &err);
	t->focus = 0;
	t->scroll = 0; /* the top: a case study before its question */
	t->follow = false;
	/* A case study just read starts above the screen, as plain mode prints it once. */
	t->to_stem = moved && to >= 0 && to == from;
	if (t->to_stem && !t->message[0])
		set_message(t, "The case study is above: PgUp or Home shows it.");
}

/* Reads a number typed on the message line; 0 when cancelled. */
static size_t ask_number(tui *t, const char *prompt)
{
	char buf[8] = "";
	size_t len = 0;
	for (;;) {
		set_message(t, "%s %s_", prompt, buf);
		draw_footer(t, "digits, Enter to go, Esc to cancel");
		refresh();
		int k = getch();
		if (signals_caught())
			return 0;
		if (k == ERR || k == KEY_RESIZE)
			continue;
		if (k == 27)
			return 0;
		if (k == '\r' || k == '\n' || k == KEY_ENTER)
			break;
		if ((k == KEY_BACKSPACE || k == 127 || k == 8) && len)
			buf[--len] = '\0';
		else if (isdigit(k) && len < sizeof buf - 1)
			buf[len++] = (char)k, buf[len] = '\0';
	}
	t->message[0] = '\0';
	return len ? (size_t)strtoul(buf, NULL, 10) : 0;
}

/* Reads a line of text on the message line; false when cancelled. */
static bool ask_text(tui *t, const char *prompt, char *buf, size_t size)
{
	size_t len = strlen(buf);
	curs_set(1);
	for (;;) {
		set_message(t, "%s %s", prompt, buf);
		draw_footer(t, "type, Enter to give it, Esc to cancel");
		refresh();
		int k = getch();
		if (signals_caught()) {
			curs_set(0);
			return false;
		}
		if (k == ERR || k == KEY_RESIZE)
			continue;
		if (k == 27) {
			curs_set(0);
			t->message[0] = '\0';
			return false;
		}
		if (k == '\r' || k == '\n' || k == KEY_ENTER)
			break;
		if ((k == KEY_BACKSPACE || k == 127 || k == 8) && len) {
			while (len > 1 && ((unsigned char)buf[len - 1] & 0xC0) == 0x80)
				len--; /* a whole UTF-8 character, never past the start */
			buf[--len] = '\0';
		} else if (k >= 32 && k < 256 && len + 1 < size) {
			buf[len++] = (char)k;
			buf[len] = '\0';
		}
	}
	curs_set(0);
	t->message[0] = '\0';
	return true;
}

/* Drills: Enter checks an answer, then moves on; the last question ends the drill. */
static void drill_enter(tui *t)
{
	mx_attempt *a = t->a;
	size_t i = a->current;
	const mx_question *q = current_question(t);
	bool locked = mx_attempt_locked(a, i);
	if (!locked && q->type == MX_TYPE_TEXT && !a->items[i].response.answered) {
		char buf[256] = "";
		if (!ask_text(t, "Your answer:", buf, sizeof buf) || !buf[0])
			return;
		mx_response r = {.answered = true, .text = buf};
		mx_error err;
		if (mx_attempt_answer(a, i, &r, &err) != MX_OK)
			failed(t, "Cannot save the answer", &err);
	}
	if (!locked && a->items[i].response.answered) {
		mx_error err;
		if (mx_attempt_check(a, i, &err) != MX_OK)
			failed(t, "Cannot save", &err);
		return;
	}
	if (i + 1 < a->form->n)
		go_question(t, i + 1);
	else
		submit(t, false);
}

void ask_submit(tui *t)
{
	char ask[512];
	if (confirm(t, mx_attempt_submit_question(t->a, ask, sizeof ask)))
		submit(t, false);
}

void exam_key(tui *t, int key)
{
	mx_attempt *a = t->a;
	const mx_question *q = current_question(t);
	int letter = toupper(key) - 'A', shown = a->form->items[a->current].norder;
	bool locked = mx_attempt_locked(a, a->current);
	int n = locked ? 0 : focusable(t); /* lines the arrows mark; with none they scroll */
	if (a->drill && (key == '\r' || key == '\n' || key == KEY_ENTER)) {
		drill_enter(t);
		return;
	}
	if (locked && ((key < 256 && isalpha(key) && letter >= 0 && letter < 8) || key == ' ' ||
		       key == 'x' || key == KEY_BACKSPACE || key == 127 || key == 8)) {
		set_message(t, "Checked already: Enter goes to the next question.");
		return;
	}
	if (key < 256 && isalpha(key) && letter >= 0 && letter < 8 && q->type != MX_TYPE_TEXT) {
		if (letter < shown)
			choose(t, letter);
		else
			set_message(t, "This question has choices A to %c.", 'A' + shown - 1);
		return;
	}
	if (scroll_key(t, key, n == 0))
		return;
	switch (key) {
	case KEY_UP:
	case KEY_DOWN:
		if (key == KEY_UP ? t->focus > 0 : t->focus + 1 < n)
			t->focus += key == KEY_UP ? -1 : 1;
		t->follow = true;
		break;
	case ' ':
		if (n && q->type != MX_TYPE_MATCHING)
			choose(t, t->focus);
		break;
	case KEY_BACKSPACE:
	case 127:
	case 8:
		take_back(t);
		break;
	case 'x':
		if (q->type == MX_TYPE_SINGLE || q->type == MX_TYPE_MULTIPLE) {
			uint8_t s = a->items[a->current].struck ^ (uint8_t)(1u << t->focus);
			mx_error err;
			if (mx_attempt_strike(a, a->current, s, &err) != MX_OK)
				failed(t, "Cannot save", &err);
		}
		break;
	case 'm': {
		mx_error err;
		if (mx_attempt_flag(a, a->current, !a->items[a->current].flagged, &err) != MX_OK)
			failed(t, "Cannot save", &err);
	} break;
	case '\r':
	case '\n':
	case KEY_ENTER:
	case KEY_RIGHT:
	case 'n':
		if (a->current + 1 < a->form->n)
			go_question(t, a->current + 1);
		else if (a->drill)
			submit(t, false);
		else
			t->view = VIEW_REVIEW, t->review_pos = 0;
		break;
	case KEY_LEFT:
	case 'p':
		if (a->current > 0)
			go_question(t, a->current - 1);
		break;
	case 'j': {
		size_t to = ask_number(t, "Go to question:");
		if (to >= 1 && to <= a->form->n)
			go_question(t, to - 1);
		else if (to)
			set_message(t, "There are questions 1 to %zu.", a->form->n);
		break;
	}
	case 'r':
		t->view = VIEW_REVIEW;
		t->review_pos = (int)a->current;
		t->scroll = 0;
		break;
	case 's':
		ask_submit(t);
		break;
	case 'q':
		if (confirm(t, "Stop now? Your answers are saved; 'mockexam resume' continues."))
			t->quit = true;
		break;
	case '?':
		t->back = VIEW_QUESTION;
		t->view = VIEW_HELP;
		t->scroll = 0;
		break;
	default:
		break;
	}
}
