/*
 * qcheck.c - checking a question once its mapping has ended: the keys it must have and
 * may not have for its type, its choices (keys in order, counts in range), its answer
 * against those choices, a text question's patterns, then the rules of format 2
 * (reasons.c).  Errors name the question and point at the value at fault.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qdraft.h"

/* "A-D", "1-3": the keys of a choice list, for messages. */
const char *key_range(const choices *ch, char *buf, size_t size)
{
	if (ch->n == 0)
		snprintf(buf, size, "none");
	else if (ch->n == 1)
		snprintf(buf, size, "%s", ch->c[0].key);
	else
		snprintf(buf, size, "%s-%s", ch->c[0].key, ch->c[ch->n - 1].key);
	return buf;
}

/* Keys must run first, first+1, ... in file order: A, B, C or 1, 2, 3. */
static bool check_keys(yreader *r, const char *qid, const choices *ch, char first, const char *what,
		       size_t min, size_t max, ypos at)
{
	bool ok = true;
	for (size_t i = 0; i < ch->n; i++) {
		char want = (char)(first + (int)i);
		if (ch->c[i].key[0] != want) {
			yr_error(r, ch->pos[i],
				 "question '%s': %s keys must run %c, %c, %c... in order; expected "
				 "'%c', found '%s'",
				 qid, what, first, first + 1, first + 2, want, ch->c[i].key);
			ok = false;
			break;
		}
	}
	if (ch->n < min || ch->n > max) {
		yr_error(r, at, "question '%s': %zu %s; this type takes %zu to %zu", qid, ch->n,
			 what, min, max);
		ok = false;
	}
	return ok;
}

/* Index of key among ch, or -1. */
int choice_index(const choices *ch, const char *key)
{
	for (size_t i = 0; i < ch->n; i++)
		if (strcmp(ch->c[i].key, key) == 0)
			return (int)i;
	return -1;
}

static void answer_kind_error(yreader *r, const draft *d, const char *want)
{
	ypos p = d->answer.n ? d->answer.vpos[0] : d->at[K_ANSWER];
	yr_error(r, p, "question '%s': a %s question's answer is %s, found %s", d->q.id, d->type,
		 want, yr_kind_name(d->answer.kind));
}

/* Resolves answer keys against ch into q->answer; each key once. */
static bool answer_keys(yreader *r, draft *d, const choices *ch, const char *what)
{
	char range[16];
	mx_keys *a = &d->q.answer;
	a->n = 0;
	bool ok = true;
	for (size_t i = 0; i < d->answer.n; i++) {
		int c = choice_index(ch, d->answer.val[i]);
		if (c < 0) {
			yr_error(r, d->answer.vpos[i], "question '%s': answer '%s' is not %s (%s)",
				 d->q.id, d->answer.val[i], what,
				 key_range(ch, range, sizeof range));
			ok = false;
			continue;
		}
		for (size_t j = 0; j < a->n; j++)
			if (a->k[j] == c) {
				yr_error(r, d->answer.vpos[i],
					 "question '%s': answer lists '%s' twice", d->q.id,
					 d->answer.val[i]);
				ok = false;
			}
		if (a->n < MX_MAX_OPTIONS)
			a->k[a->n++] = (uint8_t)c;
	}
	return ok;
}

static int cmp_key(const void *a, const void *b)
{
	return *(const uint8_t *)a - *(const uint8_t *)b;
}

static void check_single(yreader *r, draft *d)
{
	if (!check_keys(r, d->q.id, &d->options, 'A', "options", 3, MX_MAX_OPTIONS,
			d->at[K_OPTIONS]))
		return;
	if (d->answer.kind != Y_SCALAR) {
		answer_kind_error(r, d, "one option key, such as B");
		return;
	}
	answer_keys(r, d, &d->options, "an option");
}

static void check_multiple(yreader *r, draft *d)
{
	if (!check_keys(r, d->q.id, &d->options, 'A', "options", 3, MX_MAX_OPTIONS,
			d->at[K_OPTIONS]))
		return;
	if (d->answer.kind != Y_SEQ) {
		answer_kind_error(r, d, "a list of two or more option keys, such as [A, D]");
		return;
	}
	if (!answer_keys(r, d, &d->options, "an option"))
		return;
	qsort(d->q.answer.k, d->q.answer.n, sizeof *d->q.answer.k, cmp_key);
	if (d->q.answer.n < 2)
		yr_error(r, d->at[K_ANSWER],
			 "question '%s': a multiple-response answer lists two or more keys",
			 d->q.id);
	else if (d->options.n < (size_t)d->q.answer.n + 1)
		yr_error(r, d->at[K_OPTIONS],
			 "question '%s': %zu options for %u keys; give at least one more option "
			 "than keys",
			 d->q.id, d->options.n, d->q.answer.n);
}

static void check_ordering(yreader *r, draft *d)
{
	if (!check_keys(r, d->q.id, &d->items, 'A', "items", 3, MX_MAX_ITEMS, d->at[K_ITEMS]))
		return;
	if (d->answer.kind != Y_SEQ) {
		answer_kind_error(r, d, "every item key in order, such as [C, A, B]");
		return;
	}
	if (answer_keys(r, d, &d->items, "an item") && d->q.answer.n != d->items.n)
		yr_error(
		    r, d->at[K_ANSWER],
		    "question '%s': the answer orders %u of the %zu items; list every item once",
		    d->q.id, d->q.answer.n, d->items.n);
}

static void check_matching(yreader *r, draft *d)
{
	char range[16];
	bool ok = check_keys(r, d->q.id, &d->prompts, '1', "prompts", 2, MX_MAX_PROMPTS,
			     d->at[K_PROMPTS]);
	ok &= check_keys(r, d->q.id, &d->options, 'A', "options", 2, MX_MAX_OPTIONS,
			 d->at[K_OPTIONS]);
	if (!ok)
		return;
	if (d->answer.kind != Y_MAP) {
		answer_kind_error(r, d, "a mapping of prompt to option, such as {1: B, 2: A}");
		return;
	}
	mx_keys *a = &d->q.answer;
	a->n = (uint8_t)d->prompts.n;
	memset(a->k, MX_NONE, sizeof a->k);
	for (size_t i = 0; i < d->answer.n; i++) {
		int p = choice_index(&d->prompts, d->answer.key[i]);
		int o = choice_index(&d->options, d->answer.val[i]);
		if (p < 0)
			yr_error(r, d->answer.kpos[i], "question '%s': '%s' is not a prompt (%s)",
				 d->q.id, d->answer.key[i],
				 key_range(&d->prompts, range, sizeof range));
		else if (o < 0)
			yr_error(r, d->answer.vpos[i],
				 "question '%s': answer '%s' is not an option (%s)", d->q.id,
				 d->answer.val[i], key_range(&d->options, range, sizeof range));
		else
			a->k[p] = (uint8_t)o;
	}
	if (d->answer.n == 0) {
		yr_error(r, d->at[K_ANSWER], "question '%s': the answer gives no options", d->q.id);
		return;
	}
	for (size_t p = 0; p < d->prompts.n; p++)
		if (a->k[p] == MX_NONE)
			yr_error(r, d->at[K_ANSWER],
				 "question '%s': the answer gives no option for prompt %s", d->q.id,
				 d->prompts.c[p].key);
}

static void check_text(loader *ld, yreader *r, draft *d)
{
	if (d->answer.kind != Y_SCALAR) {
		answer_kind_error(r, d, "the text to show, such as guardrails");
		return;
	}
	d->q.answer_text = d->answer.val[0];
	if (!d->at[K_ACCEPT].line || d->q.accept.n == 0) {
		yr_error(r, d->at[K_ACCEPT].line ? d->at[K_ACCEPT] : d->start,
			 "question '%s': a text question needs 'accept' patterns", d->q.id);
		return;
	}
	mx_pattern **codes = arena_alloc(&ld->bank->arena, d->q.accept.n * sizeof *codes);
	if (!codes)
		return;
	for (size_t i = 0; i < d->q.accept.n; i++) {
		char msg[256];
		size_t off = 0;
		const char *src = d->q.accept.v[i];
		codes[i] = mx_pattern_compile(src, strlen(src), MX_PAT_UTF, msg, sizeof msg, &off);
		if (!codes[i])
			yr_error(
			    r, d->accept_pos[i],
			    "question '%s': accept pattern '%s' does not compile: %s at offset %zu",
			    d->q.id, src, msg, off);
	}
	ld->bank->accept[ld->bank->nquestions] = codes;
}

/* Keys that belong to other types: 'items' on a single question and the like. */
static void check_type_keys(yreader *r, const draft *d)
{
	static const struct {
		int key;
		unsigned types; /* bit per mx_qtype */
	} rules[] = {
	    {K_OPTIONS, 1u << MX_TYPE_SINGLE | 1u << MX_TYPE_MULTIPLE | 1u << MX_TYPE_MATCHING},
	    {K_ITEMS, 1u << MX_TYPE_ORDERING},
	    {K_PROMPTS, 1u << MX_TYPE_MATCHING},
	    {K_ACCEPT, 1u << MX_TYPE_TEXT},
	    {K_WHY, ~(1u << MX_TYPE_TEXT)},
	};
	for (size_t i = 0; i < sizeof rules / sizeof *rules; i++) {
		int k = rules[i].key;
		bool allowed = rules[i].types & (1u << d->q.type);
		if (d->at[k].line && !allowed)
			yr_error(r, d->at[k], "question '%s': '%s' is not used by %s questions",
				 d->q.id, question_keys[k], d->type);
		if (!d->at[k].line && allowed && k != K_ACCEPT && k != K_WHY)
			yr_error(r, d->start,
				 "question '%s': missing key '%s' (a %s question has %s)", d->q.id,
				 question_keys[k], d->type, question_keys[k]);
	}
}

/*
 * Checks a question whose mapping has ended.  When reading it already failed, only the
 * missing keys are reported: the rest would mostly echo the first error.
 */
bool check_draft(loader *ld, yreader *r, draft *d, size_t errors_at_start)
{
	size_t before = r->errors;
	if (r->stopped)
		return false;
	if (!d->q.id) {
		yr_error(r, d->start, "question without 'id'");
		d->q.id = "?";
	}
	/* Format 2 may give reasons alone; format 1 (or a profile that failed to say which)
	 * needs the explanation. */
	bool every = d->type && (d->q.type == MX_TYPE_SINGLE || d->q.type == MX_TYPE_MULTIPLE);
	bool reasons_only = ld->bank->profile.format != 1 && (d->at[K_WHY].line || every);
	static const int required[] = {K_DOMAIN, K_TYPE, K_STEM, K_ANSWER, K_EXPLANATION};
	for (size_t i = 0; i < sizeof required / sizeof *required; i++)
		if (!d->at[required[i]].line && !(required[i] == K_EXPLANATION && reasons_only))
			yr_error(r, d->start, "question '%s': missing key '%s'", d->q.id,
				 question_keys[required[i]]);
	if (d->at[K_STEM].line && d->q.stem && is_blank(d->q.stem))
		yr_error(r, d->at[K_STEM], "question '%s': empty stem", d->q.id);
	if (d->at[K_EXPLANATION].line && d->q.explanation && is_blank(d->q.explanation))
		yr_error(r, d->at[K_EXPLANATION], "question '%s': empty explanation", d->q.id);
	if (r->errors != before || r->errors != errors_at_start || !d->type)
		return false;
	check_type_keys(r, d);
	if (r->errors != before)
		return false;
	switch (d->q.type) {
	case MX_TYPE_SINGLE:
		check_single(r, d);
		break;
	case MX_TYPE_MULTIPLE:
		check_multiple(r, d);
		break;
	case MX_TYPE_ORDERING:
		check_ordering(r, d);
		break;
	case MX_TYPE_MATCHING:
		check_matching(r, d);
		break;
	case MX_TYPE_TEXT:
		check_text(ld, r, d);
		break;
	}
	if (r->errors == before)
		check_reasons(ld, r, d);
	return r->errors == before;
}
