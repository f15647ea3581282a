/*
 * api_session.c - answering a request, and the attempt it is about.
 *
 * Every request about an attempt rebuilds it from the history (mx_history_resume), does
 * its work, and lets the attempt save itself before the answer goes out: nothing lives
 * only in the server's memory but the clock's last reading, kept here per attempt.  A
 * lock chosen by the attempt's id is held from opening to closing, so two tabs of one
 * candidate cannot interleave.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api.h"
#include "clock.h"

void api_answer(reply *r, int status, json_t *doc)
{
	r->status = status;
	r->doc = doc;
}

void api_fail(reply *r, int status, const char *fmt, ...)
{
	char msg[600];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (status >= 500)
		fprintf(stderr, "mockexam serve: %s\n", msg);
	api_answer(r, status, json_pack("{s:s}", "error", msg));
}

void api_fail_with(reply *r, const mx_error *err)
{
	api_fail(r, err->status == MX_ERR_INPUT ? 400 : 500, "%s", mx_error_message(err));
}

/* The server's last reading of attempt id's clock (-1: none yet), replaced by now. */
static int64_t clock_take(server *s, long id, int64_t now)
{
	int64_t last = -1;
	pthread_mutex_lock(&s->lock);
	size_t i = 0;
	while (i < s->nclocks && s->clocks[i].id != id)
		i++;
	if (i < s->nclocks) {
		last = s->clocks[i].at_ms;
		s->clocks[i].at_ms = now;
	} else if (s->nclocks < s->capclocks ||
		   (s->clocks = realloc(s->clocks, (s->capclocks = s->capclocks * 2 + 64) *
						       sizeof *s->clocks))) {
		s->clocks[s->nclocks++] = (clock_slot){id, now};
	}
	pthread_mutex_unlock(&s->lock);
	return last;
}

void api_clock_drop(server *s, long id)
{
	pthread_mutex_lock(&s->lock);
	for (size_t i = 0; i < s->nclocks; i++)
		if (s->clocks[i].id == id) {
			s->clocks[i] = s->clocks[--s->nclocks];
			break;
		}
	pthread_mutex_unlock(&s->lock);
}

void session_close(session *ss)
{
	mx_score_free(ss->score);
	mx_attempt_free(ss->a);
	mx_form_free(ss->form);
	if (ss->lock)
		pthread_mutex_unlock(ss->lock);
}

bool session_open(server *s, mx_history *h, long id, session *ss, reply *r)
{
	memset(ss, 0, sizeof *ss);
	ss->s = s;
	ss->h = h;
	ss->lock = &s->attempt_locks[(unsigned long)id % WEB_ATTEMPT_LOCKS];
	pthread_mutex_lock(ss->lock);
	mx_error err;
	mx_status st = mx_history_get(h, id, &ss->info, &err);
	if (st != MX_OK) {
		if (st == MX_ERR_INPUT)
			api_fail(r, 404, "%s", mx_error_message(&err));
		else
			api_fail_with(r, &err);
		return false;
	}
	if (!(ss->bank = server_bank(s, ss->info.exam, r)))
		return false;
	if (mx_history_resume(h, ss->bank, &ss->info, &ss->form, &ss->a, &err) != MX_OK) {
		api_fail(r, err.status == MX_ERR_INPUT ? 409 : 500, "attempt %ld: %s", id,
			 mx_error_message(&err));
		return false;
	}
	if (ss->info.finished) {
		ss->a->submitted = true;
		return true;
	}
	int64_t now = now_ms();
	ss->a->clock_ms = clock_take(s, id, now);
	mx_clock_report rep;
	int64_t before = ss->a->elapsed_ms;
	if (mx_attempt_clock(ss->a, now, &rep, &err) != MX_OK ||
	    (ss->a->elapsed_ms != before && mx_attempt_save_clock(ss->a, &err) != MX_OK)) {
		api_fail_with(r, &err);
		return false;
	}
	ss->events = rep.events;
	if (rep.events & MX_CLOCK_TIME_UP) { /* the server submits, as the screen does */
		if (mx_attempt_submit(ss->a, &ss->score, &err) != MX_OK) {
			api_fail_with(r, &err);
			return false;
		}
		ss->info.finished = (int64_t)time(NULL);
		api_clock_drop(s, id);
	}
	return true;
}

const mx_question *session_question(const session *ss, size_t i)
{
	return mx_bank_question(ss->bank, ss->form->items[i].question);
}

const char *session_shown_key(const session *ss, size_t i, size_t k)
{
	const mx_question *q = session_question(ss, i);
	const mx_choice *ch = q->type == MX_TYPE_ORDERING ? q->items : q->options;
	return ch[ss->form->items[i].order[k]].key;
}
