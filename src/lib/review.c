/*
 * review.c - a question as it is reviewed (review.h).
 *
 * Responses and keys are kept in the bank's terms; the letters a candidate reads are
 * positions in the form item's choice order.  This file and the attempt's parser are
 * the only places that translate between the two.
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "mockexam/review.h"

/* The letter shown for bank choice c of item it; '?' when it was not shown. */
static char shown_letter(const mx_form_item *it, uint8_t c)
{
	for (size_t k = 0; k < it->norder; k++)
		if (it->order[k] == c)
			return (char)('A' + (int)k);
	return '?';
}

void mx_review_format(const mx_form *form, size_t i, const mx_response *r, char *buf, size_t size)
{
	const mx_form_item *it = &form->items[i];
	const mx_question *q = mx_bank_question(form->bank, it->question);
	size_t used = 0;
	if (size == 0)
		return;
	buf[0] = '\0';
	if (!r->answered || size < 2)
		return;
	if (q->type == MX_TYPE_TEXT) {
		snprintf(buf, size, "%s", r->text ? r->text : "");
		return;
	}
	if (q->type == MX_TYPE_MATCHING) {
		for (size_t p = 0; p < r->keys.n && used + 6 < size; p++)
			if (r->keys.k[p] != MX_NONE)
				used += (size_t)snprintf(buf + used, size - used, "%s%zu%c",
							 used ? " " : "", p + 1,
							 shown_letter(it, r->keys.k[p]));
		return;
	}
	if (q->type == MX_TYPE_ORDERING) {
		for (size_t k = 0; k < r->keys.n && used + 4 < size; k++)
			used += (size_t)snprintf(buf + used, size - used, "%s%c", k ? ", " : "",
						 shown_letter(it, r->keys.k[k]));
		return;
	}
	for (size_t k = 0; k < it->norder && used + 4 < size; k++) /* shown order: "A, C" */
		for (size_t j = 0; j < r->keys.n; j++)
			if (it->order[k] == r->keys.k[j])
				used += (size_t)snprintf(buf + used, size - used, "%s%c",
							 used ? ", " : "", 'A' + (int)k);
}

/* The place of bank choice c in keys, from 1; 0 when it is not there. */
static int place_in(const mx_keys *keys, uint8_t c)
{
	for (size_t j = 0; j < keys->n; j++)
		if (keys->k[j] == c)
			return (int)j + 1;
	return 0;
}

void mx_review_item(const mx_form *form, size_t i, const mx_response *r, mx_review *out)
{
	assert(i < form->n);
	const mx_form_item *it = &form->items[i];
	const mx_question *q = mx_bank_question(form->bank, it->question);
	/* the form shows every option or item once, and the loader gave each a key */
	assert(it->norder == (q->type == MX_TYPE_ORDERING ? q->nitems : q->noptions));
	mx_response key = {.answered = true, .keys = q->answer, .text = q->answer_text};
	const mx_keys *mine = r->answered ? &r->keys : NULL;
	memset(out, 0, sizeof *out);
	out->question = q;
	out->answered = r->answered;
	out->correct = mx_credit(form->bank, q, r);
	out->explanation = q->explanation;
	mx_review_format(form, i, &key, out->key, sizeof out->key);
	mx_review_format(form, i, r, out->response, sizeof out->response);
	const mx_choice *choices = q->type == MX_TYPE_ORDERING ? q->items : q->options;
	bool by_choice =
	    q->type == MX_TYPE_SINGLE || q->type == MX_TYPE_MULTIPLE || q->type == MX_TYPE_ORDERING;
	for (size_t k = 0; k < it->norder; k++) {
		uint8_t c = it->order[k];
		mx_review_choice *rc = &out->choices[out->nchoices++];
		rc->letter = (char)('A' + (int)k);
		rc->text = choices[c].text;
		rc->why = by_choice && q->why ? q->why[c] : NULL;
		if (q->type == MX_TYPE_ORDERING) {
			rc->key_place = place_in(&q->answer, c);
			rc->chosen_place = mine ? place_in(mine, c) : 0;
		} else if (q->type != MX_TYPE_MATCHING) {
			rc->key = place_in(&q->answer, c) != 0;
			rc->chosen = mine && place_in(mine, c) != 0;
		}
	}
	if (q->type != MX_TYPE_MATCHING)
		return;
	for (size_t p = 0; p < q->nprompts; p++) {
		mx_review_prompt *rp = &out->prompts[out->nprompts++];
		rp->number = (int)p + 1;
		rp->text = q->prompts[p].text;
		rp->why = q->why ? q->why[p] : NULL;
		rp->key = shown_letter(it, q->answer.k[p]);
		rp->chosen =
		    mine && p < mine->n && mine->k[p] != MX_NONE ? shown_letter(it, mine->k[p]) : 0;
	}
}

/* "1st", "2nd", "3rd", "4th"...: places in an order of at most MX_MAX_ITEMS. */
static const char *ordinal(int n)
{
	static const char *const names[] = {"1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th"};
	return n >= 1 && n <= 8 ? names[n - 1] : "?";
}

void mx_review_choice_mark(const mx_review_choice *c, char *buf, size_t size)
{
	if (c->key_place && c->chosen_place && c->chosen_place != c->key_place)
		snprintf(buf, size, "belongs %s, yours %s", ordinal(c->key_place),
			 ordinal(c->chosen_place));
	else if (c->key_place)
		snprintf(buf, size, "belongs %s%s", ordinal(c->key_place),
			 c->chosen_place ? ", yours too" : "");
	else
		snprintf(buf, size, "%s%s%s", c->key ? "correct" : "",
			 c->key && c->chosen ? ", " : "", c->chosen ? "your answer" : "");
}

void mx_review_prompt_mark(const mx_review_prompt *p, char *buf, size_t size)
{
	if (p->chosen && p->chosen != p->key)
		snprintf(buf, size, "matches %c, yours %c", p->key, p->chosen);
	else
		snprintf(buf, size, "matches %c%s", p->key, p->chosen ? ", yours too" : "");
}
