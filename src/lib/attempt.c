/*
 * attempt.c - the state of an exam being taken, and its changes.
 *
 * Responses are kept in the bank's terms (mx_response indexes the bank's choices); the
 * letters a candidate types and sees are the shown positions, translated through the
 * form item's choice order here and nowhere else.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "history_impl.h"
#include "mockexam/attempt.h"
#include "mockexam/review.h"

mx_status mx_attempt_new(const mx_form *form, int64_t limit_ms, mx_attempt **out)
{
	mx_attempt *a = calloc(1, sizeof *a);
	if (!a)
		return MX_ERR_NOMEM;
	a->items = calloc(form->n ? form->n : 1, sizeof *a->items);
	if (!a->items) {
		free(a);
		return MX_ERR_NOMEM;
	}
	a->form = form;
	a->limit_ms = limit_ms > 0 ? limit_ms : 0;
	a->clock_ms = -1;
	*out = a;
	return MX_OK;
}

void mx_attempt_free(mx_attempt *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->form->n; i++)
		free(a->items[i].text);
	free(a->items);
	free(a);
}

bool mx_attempt_tick(mx_attempt *a, int64_t now_ms)
{
	if (a->clock_ms >= 0 && now_ms > a->clock_ms && !a->submitted) {
		int64_t delta = now_ms - a->clock_ms;
		a->elapsed_ms += delta;
		a->items[a->current].spent_ms += delta;
	}
	a->clock_ms = now_ms;
	return a->limit_ms && a->elapsed_ms >= a->limit_ms;
}

int64_t mx_attempt_remaining(const mx_attempt *a)
{
	if (!a->limit_ms)
		return -1;
	return a->elapsed_ms >= a->limit_ms ? 0 : a->limit_ms - a->elapsed_ms;
}

/* ---- typed responses ---- */

static const mx_question *question(const mx_attempt *a, size_t i)
{
	return mx_bank_question(a->form->bank, a->form->items[i].question);
}

/* The shown letters typed: A-H in either case; spaces, commas and dashes separate. */
static mx_status letters(const char *text, size_t n, uint8_t *shown, size_t *count, char *err,
			 size_t errsize)
{
	*count = 0;
	for (const char *p = text; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (isspace(c) || c == ',' || c == '-')
			continue;
		int k = toupper(c) - 'A';
		if (k < 0 || k >= (int)n || !isalpha(c)) {
			snprintf(err, errsize,
				 "'%c' is not a choice here: type letters from A to %c.",
				 isprint(c) ? c : '?', 'A' + (int)n - 1);
			return MX_ERR_INPUT;
		}
		for (size_t j = 0; j < *count; j++)
			if (shown[j] == k) {
				snprintf(err, errsize, "%c is given twice.", 'A' + k);
				return MX_ERR_INPUT;
			}
		if (*count == MX_MAX_OPTIONS)
			return MX_ERR_INPUT;
		shown[(*count)++] = (uint8_t)k;
	}
	return MX_OK;
}

static mx_status parse_matching(const mx_question *q, const uint8_t *order, const char *text,
				mx_response *out, char *err, size_t errsize)
{
	out->keys.n = (uint8_t)q->nprompts;
	memset(out->keys.k, MX_NONE, sizeof out->keys.k);
	const char *p = text;
	for (;;) {
		while (*p && (isspace((unsigned char)*p) || *p == ','))
			p++;
		if (!*p)
			break;
		int prompt = *p - '1';
		if (prompt < 0 || prompt >= (int)q->nprompts) {
			snprintf(
			    err, errsize,
			    "Give pairs of a prompt number (1 to %zu) and a letter, such as 1B 2A.",
			    q->nprompts);
			return MX_ERR_INPUT;
		}
		p++;
		while (*p == ' ' || *p == '-' || *p == ':' || *p == '=')
			p++;
		int k = toupper((unsigned char)*p) - 'A';
		if (k < 0 || k >= (int)q->noptions) {
			snprintf(err, errsize, "Prompt %d needs a letter from A to %c.", prompt + 1,
				 'A' + (int)q->noptions - 1);
			return MX_ERR_INPUT;
		}
		p++;
		if (out->keys.k[prompt] != MX_NONE) {
			snprintf(err, errsize, "Prompt %d is given twice.", prompt + 1);
			return MX_ERR_INPUT;
		}
		out->keys.k[prompt] = order[k];
	}
	return MX_OK;
}

static bool blank(const char *s)
{
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

mx_status mx_attempt_parse(const mx_attempt *a, size_t i, const char *text, mx_response *out,
			   char *err, size_t errsize)
{
	const mx_question *q = question(a, i);
	const mx_form_item *it = &a->form->items[i];
	memset(out, 0, sizeof *out);
	if (blank(text))
		return MX_OK;
	out->answered = true;
	if (q->type == MX_TYPE_TEXT) {
		out->text = text;
		return MX_OK;
	}
	if (q->type == MX_TYPE_MATCHING)
		return parse_matching(q, it->order, text, out, err, errsize);
	uint8_t shown[MX_MAX_OPTIONS];
	size_t n;
	mx_status st = letters(text, it->norder, shown, &n, err, errsize);
	if (st != MX_OK)
		return st;
	if (q->type == MX_TYPE_SINGLE && n != 1) {
		snprintf(err, errsize, "Choose one letter.");
		return MX_ERR_INPUT;
	}
	if (q->type == MX_TYPE_ORDERING && n != q->nitems) {
		static const char *const examples[] = {"", "", "BA", "CAB", "DACB", "EBDAC"};
		snprintf(err, errsize, "Give all %zu letters, each once, in order (such as %s).",
			 q->nitems, examples[q->nitems <= 5 ? q->nitems : 5]);
		return MX_ERR_INPUT;
	}
	out->keys.n = (uint8_t)n;
	for (size_t k = 0; k < n; k++)
		out->keys.k[k] = it->order[shown[k]];
	return MX_OK;
}

void mx_attempt_format(const mx_attempt *a, size_t i, const mx_response *r, char *buf, size_t size)
{
	mx_review_format(a->form, i, r, buf, size);
}

/* ---- changes ---- */

static mx_status save_item(mx_attempt *a, size_t i)
{
	return a->history ? history_save_item(a->history, a, i) : MX_OK;
}

mx_status mx_attempt_answer(mx_attempt *a, size_t i, const mx_response *r)
{
	if (i >= a->form->n || a->submitted)
		return MX_ERR_INPUT;
	mx_attempt_item *it = &a->items[i];
	char *text = NULL;
	if (r->answered && r->text && !(text = strdup(r->text)))
		return MX_ERR_NOMEM;
	free(it->text);
	it->text = text;
	it->response = *r;
	it->response.text = text;
	return save_item(a, i);
}

mx_status mx_attempt_flag(mx_attempt *a, size_t i, bool flagged)
{
	if (i >= a->form->n || a->submitted)
		return MX_ERR_INPUT;
	a->items[i].flagged = flagged;
	return save_item(a, i);
}

mx_status mx_attempt_strike(mx_attempt *a, size_t i, uint8_t struck)
{
	if (i >= a->form->n || a->submitted)
		return MX_ERR_INPUT;
	a->items[i].struck = struck;
	return save_item(a, i);
}

mx_status mx_attempt_move(mx_attempt *a, size_t i)
{
	if (i >= a->form->n)
		return MX_ERR_INPUT;
	/* The time on the question being left is saved with it. */
	mx_status st = save_item(a, a->current);
	a->current = i;
	if (st == MX_OK)
		st = mx_attempt_save_clock(a);
	return st;
}

mx_status mx_attempt_save_clock(mx_attempt *a)
{
	return a->history && !a->submitted ? history_save_clock(a->history, a) : MX_OK;
}

mx_attempt_counts mx_attempt_count(const mx_attempt *a)
{
	mx_attempt_counts c = {0, 0, 0};
	for (size_t i = 0; i < a->form->n; i++) {
		if (a->items[i].response.answered)
			c.answered++;
		else
			c.unanswered++;
		c.flagged += a->items[i].flagged;
	}
	return c;
}

bool mx_attempt_wrong_count(const mx_attempt *a, size_t i)
{
	const mx_question *q = question(a, i);
	const mx_response *r = &a->items[i].response;
	return q->type == MX_TYPE_MULTIPLE && r->answered && r->keys.n != q->answer.n;
}

mx_status mx_attempt_submit(mx_attempt *a, mx_score **out)
{
	mx_response *r = malloc((a->form->n ? a->form->n : 1) * sizeof *r);
	if (!r)
		return MX_ERR_NOMEM;
	for (size_t i = 0; i < a->form->n; i++)
		r[i] = a->items[i].response;
	mx_status st = mx_score_form(a->form, r, out);
	free(r);
	if (st != MX_OK)
		return st;
	if (a->history && !a->submitted) {
		/* the time on the last question, then the result: a failure of either is said */
		st = save_item(a, a->current);
		if (st == MX_OK)
			st = history_finish(a->history, a, *out);
	}
	a->submitted = true;
	return st;
}
