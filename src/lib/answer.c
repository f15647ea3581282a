/*
 * answer.c - what a candidate's keys, clicks and typed lines do to a response.
 *
 * Responses are kept in the bank's terms (mx_response indexes the bank's choices); the
 * letters a candidate types and sees are the shown positions, translated through the
 * form item's choice order here and in review.c, nowhere else.  Every front end edits
 * answers through these calls, so a click in a browser, a key on the screen and a typed
 * line in plain mode mean the same thing.
 */
#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mockexam/attempt.h"
#include "mockexam/review.h"

static const char *const count_words[] = {"ZERO", "ONE", "TWO",	  "THREE", "FOUR",
					  "FIVE", "SIX", "SEVEN", "EIGHT"};

/* ---- typed lines ---- */

static const mx_question *question(const mx_attempt *a, size_t i)
{
	assert(i < a->form->n); /* callers check positions that come from input */
	return mx_bank_question(a->form->bank, a->form->items[i].question);
}

/* The shown letters typed: A-H in either case; spaces, commas and dashes separate. */
static mx_status letters(const char *text, size_t n, uint8_t *shown, size_t *count, mx_error *err)
{
	*count = 0;
	for (const char *p = text; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (isspace(c) || c == ',' || c == '-')
			continue;
		int k = toupper(c) - 'A';
		if (k < 0 || k >= (int)n || !isalpha(c)) {
			return mx_error_set(err, MX_ERR_INPUT,
					    "'%c' is not a choice here: type letters from A to %c.",
					    isprint(c) ? c : '?', 'A' + (int)n - 1);
		}
		for (size_t j = 0; j < *count; j++)
			if (shown[j] == k) {
				return mx_error_set(err, MX_ERR_INPUT, "%c is given twice.",
						    'A' + k);
			}
		if (*count == MX_MAX_OPTIONS)
			return mx_error_set(err, MX_ERR_INPUT, "Too many letters.");
		shown[(*count)++] = (uint8_t)k;
	}
	return MX_OK;
}

static mx_status parse_matching(const mx_question *q, const uint8_t *order, const char *text,
				mx_response *out, mx_error *err)
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
			return mx_error_set(
			    err, MX_ERR_INPUT,
			    "Give pairs of a prompt number (1 to %zu) and a letter, such as 1B 2A.",
			    q->nprompts);
		}
		p++;
		while (*p == ' ' || *p == '-' || *p == ':' || *p == '=')
			p++;
		int k = toupper((unsigned char)*p) - 'A';
		if (k < 0 || k >= (int)q->noptions) {
			return mx_error_set(err, MX_ERR_INPUT,
					    "Prompt %d needs a letter from A to %c.", prompt + 1,
					    'A' + (int)q->noptions - 1);
		}
		p++;
		if (out->keys.k[prompt] != MX_NONE) {
			return mx_error_set(err, MX_ERR_INPUT, "Prompt %d is given twice.",
					    prompt + 1);
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
			   mx_error *err)
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
		return parse_matching(q, it->order, text, out, err);
	uint8_t shown[MX_MAX_OPTIONS];
	size_t n;
	mx_status st = letters(text, it->norder, shown, &n, err);
	if (st != MX_OK)
		return st;
	if (q->type == MX_TYPE_SINGLE && n != 1) {
		return mx_error_set(err, MX_ERR_INPUT, "Choose one letter.");
	}
	if (q->type == MX_TYPE_ORDERING && n != q->nitems) {
		static const char *const examples[] = {"", "", "BA", "CAB", "DACB", "EBDAC"};
		return mx_error_set(err, MX_ERR_INPUT,
				    "Give all %zu letters, each once, in order (such as %s).",
				    q->nitems, examples[q->nitems <= 5 ? q->nitems : 5]);
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

/* ---- choosing, one choice at a time ---- */

/* The place of bank choice c in keys, or -1. */
static int place_of(const mx_keys *keys, uint8_t c)
{
	for (size_t j = 0; j < keys->n; j++)
		if (keys->k[j] == c)
			return (int)j;
	return -1;
}

bool mx_attempt_chosen(const mx_attempt *a, size_t i, size_t k)
{
	const mx_form_item *it = &a->form->items[i];
	const mx_response *r = &a->items[i].response;
	return k < it->norder && r->answered && question(a, i)->type != MX_TYPE_MATCHING &&
	       place_of(&r->keys, it->order[k]) >= 0;
}

mx_status mx_attempt_choose(mx_attempt *a, size_t i, size_t k, size_t prompt, mx_error *err)
{
	if (i >= a->form->n)
		return mx_error_set(err, MX_ERR_INPUT, "there is no question %zu", i + 1);
	const mx_form_item *it = &a->form->items[i];
	const mx_question *q = question(a, i);
	if (k >= it->norder)
		return mx_error_set(err, MX_ERR_INPUT, "there is no choice %c here",
				    (int)('A' + (k < 26 ? k : 25)));
	if (q->type == MX_TYPE_MATCHING && prompt >= q->nprompts)
		return mx_error_set(err, MX_ERR_INPUT, "there is no prompt %zu here", prompt + 1);
	mx_response r = a->items[i].response;
	uint8_t c = it->order[k];
	if (!r.answered) {
		memset(&r, 0, sizeof r);
		memset(r.keys.k, MX_NONE, sizeof r.keys.k);
		r.keys.n = q->type == MX_TYPE_MATCHING ? (uint8_t)q->nprompts : 0;
	}
	int at = place_of(&r.keys, c);
	switch (q->type) {
	case MX_TYPE_SINGLE:
		r.keys.n = 1;
		r.keys.k[0] = c;
		break;
	case MX_TYPE_MULTIPLE:
	case MX_TYPE_ORDERING:
		if (at >= 0) { /* again: take it back; those after it move up */
			memmove(r.keys.k + at, r.keys.k + at + 1, (size_t)(r.keys.n - at - 1));
			r.keys.n--;
		} else if (r.keys.n < MX_MAX_OPTIONS) {
			r.keys.k[r.keys.n++] = c;
		}
		if (q->type == MX_TYPE_MULTIPLE) /* kept ascending, as keys are */
			for (size_t x = 1; x < r.keys.n; x++)
				for (size_t y = x; y > 0 && r.keys.k[y - 1] > r.keys.k[y]; y--) {
					uint8_t t = r.keys.k[y];
					r.keys.k[y] = r.keys.k[y - 1];
					r.keys.k[y - 1] = t;
				}
		break;
	case MX_TYPE_MATCHING:
		r.keys.k[prompt] = r.keys.k[prompt] == c ? MX_NONE : c;
		break;
	case MX_TYPE_TEXT:
		return mx_error_set(err, MX_ERR_INPUT, "a text question is answered by typing");
	}
	r.answered = r.keys.n > 0;
	if (q->type == MX_TYPE_MATCHING) {
		r.answered = false;
		for (size_t p = 0; p < q->nprompts; p++)
			r.answered |= r.keys.k[p] != MX_NONE;
	}
	return mx_attempt_answer(a, i, &r, err);
}

mx_status mx_attempt_take_back(mx_attempt *a, size_t i, size_t prompt, mx_error *err)
{
	if (i >= a->form->n)
		return mx_error_set(err, MX_ERR_INPUT, "there is no question %zu", i + 1);
	const mx_question *q = question(a, i);
	mx_response r = a->items[i].response;
	if (!r.answered)
		return MX_OK;
	if (q->type == MX_TYPE_ORDERING && r.keys.n) {
		r.keys.n--;
		r.answered = r.keys.n > 0;
	} else if (q->type == MX_TYPE_MATCHING && prompt < q->nprompts) {
		r.keys.k[prompt] = MX_NONE;
		r.answered = false;
		for (size_t p = 0; p < q->nprompts; p++)
			r.answered |= r.keys.k[p] != MX_NONE;
	} else {
		memset(&r, 0, sizeof r);
	}
	return mx_attempt_answer(a, i, &r, err);
}

mx_selection mx_attempt_selection(const mx_attempt *a, size_t i)
{
	const mx_question *q = question(a, i);
	const mx_response *r = &a->items[i].response;
	mx_selection s = {1, r->answered, false};
	switch (q->type) {
	case MX_TYPE_MULTIPLE:
		s.wanted = q->answer.n;
		s.chosen = r->answered ? r->keys.n : 0;
		break;
	case MX_TYPE_ORDERING:
		s.wanted = (unsigned)q->nitems;
		s.chosen = r->answered ? r->keys.n : 0;
		break;
	case MX_TYPE_MATCHING:
		s.wanted = (unsigned)q->nprompts;
		s.chosen = 0;
		for (size_t p = 0; r->answered && p < r->keys.n; p++)
			s.chosen += r->keys.k[p] != MX_NONE;
		break;
	case MX_TYPE_TEXT:
		s.wanted = 0;
		break;
	case MX_TYPE_SINGLE:
		break;
	}
	s.incomplete = r->answered && s.wanted && s.chosen != s.wanted;
	return s;
}

const char *mx_attempt_instruction(const mx_attempt *a, size_t i, char *buf, size_t size)
{
	const mx_question *q = question(a, i);
	buf[0] = '\0';
	if (q->type == MX_TYPE_MULTIPLE)
		snprintf(buf, size, "(Select %s.)",
			 count_words[q->answer.n <= 8 ? q->answer.n : 8]);
	else if (q->type == MX_TYPE_ORDERING)
		snprintf(buf, size, "(Put the items in order: choose them first to last.)");
	else if (q->type == MX_TYPE_MATCHING)
		snprintf(buf, size,
			 "(Match each numbered prompt with one option; an option may "
			 "serve more than one prompt, or none.)");
	return buf;
}

const char *mx_attempt_progress(const mx_attempt *a, size_t i, char *buf, size_t size)
{
	mx_selection s = mx_attempt_selection(a, i);
	buf[0] = '\0';
	if (question(a, i)->type == MX_TYPE_MULTIPLE)
		snprintf(buf, size, "Chosen %u of %u%s", s.chosen, s.wanted,
			 s.incomplete ? ": incomplete" : "");
	return buf;
}
