/*
 * api_read.c - reading what a request asks for: a response in the answer sheet's JSON
 * form, a change to a question (PUT), the start of an attempt (POST).  Each is checked
 * whole, with a message naming the field at fault, before anything changes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "mockexam/rng.h"

static int cmp_key(const void *a, const void *b)
{
	return *(const uint8_t *)a - *(const uint8_t *)b;
}

static int choice_of(const mx_choice *c, size_t n, json_t *v)
{
	const char *key = json_string_value(v);
	for (size_t i = 0; key && i < n; i++)
		if (!strcmp(c[i].key, key))
			return (int)i;
	return -1;
}

/* The keys of a JSON array into r, each once; false when one is not a choice. */
static bool keys_of(json_t *v, const mx_choice *c, size_t n, mx_response *r)
{
	size_t i;
	json_t *x;
	if (!json_is_array(v) || json_array_size(v) == 0 || json_array_size(v) > n)
		return false;
	json_array_foreach(v, i, x)
	{
		int k = choice_of(c, n, x);
		for (size_t j = 0; k >= 0 && j < r->keys.n; j++)
			if (r->keys.k[j] == k)
				k = -1;
		if (k < 0)
			return false;
		r->keys.k[r->keys.n++] = (uint8_t)k;
	}
	return true;
}

static bool parse_response(const mx_question *q, json_t *v, mx_response *r, char *why, size_t size)
{
	memset(r, 0, sizeof *r);
	if (json_is_null(v))
		return true;
	r->answered = true;
	switch (q->type) {
	case MX_TYPE_SINGLE:
		r->keys.n = 1;
		r->keys.k[0] = (uint8_t)choice_of(q->options, q->noptions, v);
		if (choice_of(q->options, q->noptions, v) >= 0)
			return true;
		snprintf(why, size, "a single-answer response is one option key (A-%c)",
			 'A' + (int)q->noptions - 1);
		return false;
	case MX_TYPE_MULTIPLE:
		if (keys_of(v, q->options, q->noptions, r)) { /* ascending, as keys are */
			qsort(r->keys.k, r->keys.n, sizeof *r->keys.k, cmp_key);
			return true;
		}
		snprintf(why, size,
			 "a multiple-response response is a list of option keys, "
			 "each once, such as [\"A\", \"C\"]");
		return false;
	case MX_TYPE_ORDERING:
		if (keys_of(v, q->items, q->nitems, r) && r->keys.n == q->nitems)
			return true;
		snprintf(why, size,
			 "an ordering response lists all %zu item keys once each, "
			 "first to last",
			 q->nitems);
		return false;
	case MX_TYPE_MATCHING: {
		const char *prompt;
		json_t *x;
		r->keys.n = (uint8_t)q->nprompts;
		memset(r->keys.k, MX_NONE, sizeof r->keys.k);
		bool ok = json_is_object(v) && json_object_size(v) > 0;
		json_object_foreach(v, prompt, x)
		{
			int p = -1, o = choice_of(q->options, q->noptions, x);
			for (size_t k = 0; k < q->nprompts; k++)
				if (!strcmp(q->prompts[k].key, prompt))
					p = (int)k;
			ok &= p >= 0 && o >= 0;
			if (p >= 0 && o >= 0)
				r->keys.k[p] = (uint8_t)o;
		}
		if (ok)
			return true;
		snprintf(why, size,
			 "a matching response maps prompt numbers to option keys, such "
			 "as {\"1\": \"B\", \"2\": \"A\"}");
		return false;
	}
	case MX_TYPE_TEXT:
		if ((r->text = json_string_value(v)))
			return true;
		snprintf(why, size, "a text question's response is a string");
		return false;
	}
	return false;
}

bool read_change(const session *ss, size_t i, json_t *body, change *c, reply *r)
{
	const mx_question *q = session_question(ss, i);
	const mx_form_item *it = &ss->form->items[i];
	const char *field;
	json_t *v;
	char why[256];
	memset(c, 0, sizeof *c);
	if (!json_is_object(body)) {
		api_fail(r, 400, "the body is a JSON object such as {\"response\": \"B\"}");
		return false;
	}
	json_t *prompt = json_object_get(body, "prompt");
	json_object_foreach(body, field, v)
	{
		if (!strcmp(field, "response")) {
			c->has_response = true;
			if (!parse_response(q, v, &c->response, why, sizeof why)) {
				api_fail(r, 400, "question %zu: %s", i + 1, why);
				return false;
			}
		} else if (!strcmp(field, "flagged") && json_is_boolean(v)) {
			c->has_flag = true;
			c->flagged = json_is_true(v);
		} else if (!strcmp(field, "struck") && json_is_array(v)) {
			size_t k;
			json_t *x;
			c->has_struck = true;
			json_array_foreach(v, k, x)
			{
				size_t shown = it->norder;
				for (size_t j = 0; j < it->norder; j++)
					if (json_is_string(x) &&
					    !strcmp(session_shown_key(ss, i, j),
						    json_string_value(x)))
						shown = j;
				if (shown == it->norder) {
					api_fail(r, 400,
						 "question %zu: 'struck' lists option keys of the "
						 "question",
						 i + 1);
					return false;
				}
				c->struck |= (uint8_t)(1u << shown);
			}
		} else if (!strcmp(field, "choose") && json_is_string(v)) {
			c->has_choose = true;
			c->choose = it->norder;
			for (size_t j = 0; j < it->norder; j++)
				if (!strcmp(session_shown_key(ss, i, j), json_string_value(v)))
					c->choose = j;
			if (c->choose == it->norder || q->type == MX_TYPE_TEXT) {
				api_fail(r, 400,
					 "question %zu: 'choose' names an option key of the "
					 "question",
					 i + 1);
				return false;
			}
		} else if (!strcmp(field, "prompt") && json_is_string(v) &&
			   q->type == MX_TYPE_MATCHING) {
			c->prompt = q->nprompts;
			for (size_t p = 0; p < q->nprompts; p++)
				if (!strcmp(q->prompts[p].key, json_string_value(v)))
					c->prompt = p;
			if (c->prompt == q->nprompts) {
				api_fail(r, 400, "question %zu: there is no prompt '%s'", i + 1,
					 json_string_value(v));
				return false;
			}
		} else {
			api_fail(r, 400,
				 "unknown or malformed field '%s' (response, flagged, struck, "
				 "choose, prompt)",
				 field);
			return false;
		}
	}
	if (c->has_choose && q->type == MX_TYPE_MATCHING && !prompt) {
		api_fail(r, 400, "question %zu: a matching choice names its 'prompt'", i + 1);
		return false;
	}
	if (c->has_choose && c->has_response) {
		api_fail(r, 400, "give 'response' or 'choose', not both");
		return false;
	}
	return true;
}

bool read_start(json_t *body, start *st, reply *r)
{
	static const char *const strings[] = {"exam", "kind",	   "task", "match",
					      "type", "exam_date", NULL};
	static const char *const flags[] = {"untimed", "pretest", "missed", "flagged",
					    "weakest", "due",	  "timed",  NULL};
	const char *field;
	json_t *v;
	memset(st, 0, sizeof *st);
	st->kind = "exam";
	st->minutes = -1;
	if (!json_is_object(body)) {
		api_fail(r, 400, "the body is a JSON object such as {\"exam\": \"aif-c01\"}");
		return false;
	}
	json_object_foreach(body, field, v)
	{
		int sf = -1, ff = -1;
		for (int k = 0; strings[k]; k++)
			sf = !strcmp(field, strings[k]) ? k : sf;
		for (int k = 0; flags[k]; k++)
			ff = !strcmp(field, flags[k]) ? k : ff;
		const char **sv[] = {&st->exam,	 &st->kind, &st->task,
				     &st->match, &st->type, &st->exam_date};
		bool *fv[] = {&st->untimed, &st->pretest, &st->missed, &st->flagged,
			      &st->weakest, &st->due,	  &st->timed};
		if (sf >= 0 && json_is_string(v)) {
			*sv[sf] = json_string_value(v);
		} else if (ff >= 0 && json_is_boolean(v)) {
			*fv[ff] = json_is_true(v);
		} else if (!strcmp(field, "seed") && json_is_integer(v) &&
			   json_integer_value(v) >= 0 &&
			   (uint64_t)json_integer_value(v) <= MX_SEED_MAX) {
			st->has_seed = true;
			st->seed = (uint64_t)json_integer_value(v);
		} else if ((!strcmp(field, "questions") || !strcmp(field, "count")) &&
			   json_is_integer(v) && json_integer_value(v) >= 1 &&
			   json_integer_value(v) <= 1000) {
			*(field[0] == 'q' ? &st->questions : &st->count) = json_integer_value(v);
		} else if ((!strcmp(field, "minutes") || !strcmp(field, "extra_time")) &&
			   json_is_number(v) && json_number_value(v) >= 0 &&
			   json_number_value(v) <= 10000) {
			*(field[0] == 'm' ? &st->minutes : &st->extra) = json_number_value(v);
		} else if (!strcmp(field, "domain") && (json_is_integer(v) || json_is_array(v))) {
			size_t k;
			json_t *x;
			if (json_is_integer(v))
				st->domains[st->ndomains++] = (int)json_integer_value(v);
			else
				json_array_foreach(v, k, x)
				{
					if (!json_is_integer(x) || st->ndomains == 16) {
						api_fail(r, 400,
							 "'domain' is a domain id or a list of "
							 "them");
						return false;
					}
					st->domains[st->ndomains++] = (int)json_integer_value(x);
				}
		} else {
			api_fail(r, 400, "unknown or malformed field '%s'", field);
			return false;
		}
	}
	if (!st->exam) {
		api_fail(r, 400, "'exam' is required, such as {\"exam\": \"aif-c01\"}");
		return false;
	}
	if (strcmp(st->kind, "exam") && strcmp(st->kind, "drill")) {
		api_fail(r, 400, "'kind' is \"exam\" or \"drill\"");
		return false;
	}
	if (st->untimed && (st->minutes >= 0 || st->extra > 0)) {
		api_fail(r, 400, "'untimed' cannot be combined with 'minutes' or 'extra_time'");
		return false;
	}
	return true;
}
