/*
 * attempt.c - the state of an exam being taken, its changes, its clock and its end.
 *
 * Every change goes through one path: change the state, then save the item through the
 * store when there is one.  The clock follows the caller's readings (mx_attempt_clock()):
 * the attempt decides when a warning is due and when the clock is saved, so every front
 * end gives the same warnings at the same moments.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mockexam/attempt.h"

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

void mx_attempt_set_store(mx_attempt *a, const mx_attempt_store *store, long id)
{
	a->store = *store;
	a->stored = true;
	a->id = id;
}

/* ---- the clock ---- */

int64_t mx_attempt_remaining(const mx_attempt *a)
{
	if (!a->limit_ms)
		return -1;
	return a->elapsed_ms >= a->limit_ms ? 0 : a->limit_ms - a->elapsed_ms;
}

/*
 * A warning means something only when the exam was longer than it: a 10-minute drill
 * gets no 15-minute warning, and a warning missed while the attempt was closed is not
 * given late (the later one, or time up, stands for it).
 */
static unsigned warnings_due(mx_attempt *a, int64_t left)
{
	unsigned due = 0;
	if (a->limit_ms <= MX_WARN_15_MS)
		a->warned |= MX_CLOCK_WARN_15;
	if (a->limit_ms <= MX_WARN_5_MS)
		a->warned |= MX_CLOCK_WARN_5;
	if (left <= 0)
		return 0;
	if (left <= MX_WARN_5_MS && !(a->warned & MX_CLOCK_WARN_5))
		due = MX_CLOCK_WARN_5;
	else if (left <= MX_WARN_15_MS && !(a->warned & MX_CLOCK_WARN_15))
		due = MX_CLOCK_WARN_15;
	a->warned |= due | (due == MX_CLOCK_WARN_5 ? MX_CLOCK_WARN_15 : 0);
	return due;
}

/* How long until the next warning, time up or save (with a store), from now. */
static int64_t next_due(const mx_attempt *a, int64_t left, int64_t now_ms)
{
	int64_t next = a->stored ? MX_SAVE_EVERY_MS - (now_ms - a->saved_ms) : INT64_MAX;
	if (left >= 0) {
		if (left < next)
			next = left;
		if (!(a->warned & MX_CLOCK_WARN_15) && left - MX_WARN_15_MS < next)
			next = left - MX_WARN_15_MS;
		else if (!(a->warned & MX_CLOCK_WARN_5) && left - MX_WARN_5_MS < next)
			next = left - MX_WARN_5_MS;
	}
	return next < 0 ? 0 : next;
}

mx_status mx_attempt_clock(mx_attempt *a, int64_t now_ms, mx_clock_report *out, mx_error *err)
{
	mx_status st = MX_OK;
	memset(out, 0, sizeof *out);
	if (a->clock_ms < 0)
		a->saved_ms = now_ms; /* the first reading: what was loaded is what is saved */
	if (a->clock_ms >= 0 && now_ms > a->clock_ms && !a->submitted) {
		int64_t delta = now_ms - a->clock_ms;
		a->elapsed_ms += delta;
		a->items[a->current].spent_ms += delta;
	}
	a->clock_ms = now_ms;
	out->left_ms = mx_attempt_remaining(a);
	if (a->submitted) {
		out->next_ms = MX_SAVE_EVERY_MS;
		return MX_OK;
	}
	if (out->left_ms == 0)
		out->events |= MX_CLOCK_TIME_UP;
	out->events |= warnings_due(a, out->left_ms);
	if (now_ms - a->saved_ms >= MX_SAVE_EVERY_MS) {
		st = mx_attempt_save_clock(a, err);
		if (st == MX_OK)
			a->saved_ms = now_ms;
		if (a->stored)
			out->events |= MX_CLOCK_SAVED;
	}
	out->next_ms = next_due(a, out->left_ms, now_ms);
	return st;
}

/* ---- changes ---- */

static mx_status save_item(mx_attempt *a, size_t i, mx_error *err)
{
	if (!a->stored)
		return MX_OK;
	mx_status st = a->store.save_item(a->store.ctx, a, i, err);
	if (st == MX_OK && a->clock_ms >= 0)
		a->saved_ms = a->clock_ms; /* the item's save carries the clock */
	return st;
}

static mx_status closed(const mx_attempt *a, size_t i, mx_error *err)
{
	if (i >= a->form->n)
		return mx_error_set(err, MX_ERR_INPUT, "there is no question %zu", i + 1);
	return mx_error_set(err, MX_ERR_INPUT, "the attempt has been submitted");
}

bool mx_attempt_locked(const mx_attempt *a, size_t i)
{
	return i < a->form->n && a->drill && a->items[i].checked;
}

mx_status mx_attempt_check(mx_attempt *a, size_t i, mx_error *err)
{
	if (i >= a->form->n || a->submitted)
		return closed(a, i, err);
	if (!a->drill)
		return mx_error_set(err, MX_ERR_INPUT,
				    "only a drill checks each answer as it is given");
	if (!a->items[i].response.answered)
		return mx_error_set(err, MX_ERR_INPUT, "question %zu has no answer to check",
				    i + 1);
	a->items[i].checked = true;
	return save_item(a, i, err);
}

mx_status mx_attempt_answer(mx_attempt *a, size_t i, const mx_response *r, mx_error *err)
{
	if (i >= a->form->n || a->submitted)
		return closed(a, i, err);
	if (mx_attempt_locked(a, i))
		return mx_error_set(err, MX_ERR_INPUT,
				    "question %zu was checked: its answer can no longer change",
				    i + 1);
	mx_attempt_item *it = &a->items[i];
	char *text = NULL;
	if (r->answered && r->text && !(text = strdup(r->text)))
		return mx_error_set(err, MX_ERR_NOMEM, "out of memory");
	free(it->text);
	it->text = text;
	it->response = *r;
	it->response.text = text;
	return save_item(a, i, err);
}

mx_status mx_attempt_flag(mx_attempt *a, size_t i, bool flagged, mx_error *err)
{
	if (i >= a->form->n || a->submitted)
		return closed(a, i, err);
	a->items[i].flagged = flagged;
	return save_item(a, i, err);
}

mx_status mx_attempt_strike(mx_attempt *a, size_t i, uint8_t struck, mx_error *err)
{
	if (i >= a->form->n || a->submitted)
		return closed(a, i, err);
	a->items[i].struck = struck;
	return save_item(a, i, err);
}

mx_status mx_attempt_move(mx_attempt *a, size_t i, mx_error *err)
{
	if (i >= a->form->n)
		return closed(a, i, err);
	/* The time on the question being left is saved with it. */
	mx_status st = a->submitted ? MX_OK : save_item(a, a->current, err);
	a->current = i;
	if (st == MX_OK)
		st = mx_attempt_save_clock(a, err);
	return st;
}

mx_status mx_attempt_save_clock(mx_attempt *a, mx_error *err)
{
	if (!a->stored || a->submitted)
		return MX_OK;
	mx_status st = a->store.save_clock(a->store.ctx, a, err);
	if (st == MX_OK && a->clock_ms >= 0)
		a->saved_ms = a->clock_ms;
	return st;
}

mx_attempt_counts mx_attempt_count(const mx_attempt *a)
{
	mx_attempt_counts c = {0, 0, 0, 0};
	for (size_t i = 0; i < a->form->n; i++) {
		if (a->items[i].response.answered)
			c.answered++;
		else
			c.unanswered++;
		c.flagged += a->items[i].flagged;
		c.incomplete += mx_attempt_selection(a, i).incomplete;
	}
	return c;
}

const char *mx_attempt_submit_question(const mx_attempt *a, char *buf, size_t size)
{
	mx_attempt_counts c = mx_attempt_count(a);
	size_t used = (size_t)snprintf(buf, size, "Submit the %s?", a->drill ? "drill" : "exam");
	const char *sep = " ";
	if (c.unanswered && used < size)
		used += (size_t)snprintf(buf + used, size - used, "%s%zu unanswered", sep,
					 c.unanswered),
		    sep = ", ";
	if (c.flagged && used < size)
		used += (size_t)snprintf(buf + used, size - used, "%s%zu flagged", sep, c.flagged),
		    sep = ", ";
	for (size_t i = 0; i < a->form->n && used < size; i++)
		if (mx_attempt_selection(a, i).incomplete)
			used += (size_t)snprintf(buf + used, size - used,
						 "%squestion %zu incomplete", sep, i + 1),
			    sep = ", ";
	if (used < size && *sep == ',')
		snprintf(buf + used, size - used, ".");
	return buf;
}

mx_status mx_attempt_submit(mx_attempt *a, mx_score **out, mx_error *err)
{
	mx_response *r = malloc((a->form->n ? a->form->n : 1) * sizeof *r);
	if (!r)
		return mx_error_set(err, MX_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < a->form->n; i++)
		r[i] = a->items[i].response;
	mx_status st = mx_score_form(a->form, r, out);
	free(r);
	if (st != MX_OK)
		return mx_error_set(err, st, "cannot score the attempt: %s", mx_status_str(st));
	if (a->stored && !a->submitted) {
		/* the time on the last question, then the result: a failure of either is said */
		st = save_item(a, a->current, err);
		if (st == MX_OK)
			st = a->store.finish(a->store.ctx, a, *out, err);
	}
	a->submitted = true;
	return st;
}
