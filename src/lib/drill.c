/*
 * drill.c - choosing the questions of a drill.
 *
 * Filters narrow the bank (domain, task, type, pattern, missed, due); then the order is
 * seeded random, or with --weakest the tasks (domains when the profile lists no tasks)
 * by weight x (1 - mastery), highest first, seeded random within each.  Mastery comes
 * from every response in history, as in the report.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mockexam/drill.h"
#include "mockexam/rng.h"
#include "pattern.h"
#include "shuffle.h"

enum { DAY = 86400 };

int64_t mx_next_review(int64_t last, unsigned streak, int64_t now, int64_t exam_date)
{
	if (streak == 0)
		return last;
	int64_t interval = (int64_t)DAY << (streak - 1 < 20 ? streak - 1 : 20);
	if (exam_date > now) {
		int64_t cap = (exam_date - now) / 2;
		if (interval > cap)
			interval = cap;
	}
	return last + interval;
}

/* What history says of each question: latest response, streak, last time, tallies. */
typedef struct seen {
	bool any;     /* answered at least once */
	bool flagged; /* flagged the last time it was shown (answered or in a submitted exam) */
	bool last_right;
	unsigned streak;
	int64_t last;
} seen;

typedef struct tally {
	const mx_bank *bank;
	seen *q;
	size_t *dom_right, *dom_total;	 /* per domain */
	size_t *task_right, *task_total; /* per task, flattened */
	size_t *task_base;		 /* first flattened slot of each domain */
	bool per_question;		 /* fill q: missed, flagged and due need it */
} tally;

static int take(const mx_response_row *r, void *ctx)
{
	tally *t = ctx;
	long d = r->domain_index, k = r->task_index;
	if (d >= 0) {
		t->dom_total[d]++;
		t->dom_right[d] += r->credit;
	}
	if (d >= 0 && k >= 0) {
		t->task_total[t->task_base[d] + (size_t)k]++;
		t->task_right[t->task_base[d] + (size_t)k] += r->credit;
	}
	if (!t->per_question || r->question < 0)
		return 0;
	seen *s = &t->q[r->question];
	s->flagged = r->flagged;
	if (!r->answered)
		return 0;
	s->any = true;
	s->last_right = r->credit;
	s->streak = r->credit ? s->streak + 1 : 0;
	s->last = r->answered_at ? r->answered_at : r->started;
	return 0;
}

/* 1 when a text of q matches, 0 when none does, -1 when the pattern hit its limits. */
static int matches(const mx_pattern *pat, const mx_question *q)
{
	const char *texts[4 + 3 * MX_MAX_OPTIONS + 16];
	size_t n = 0;
	texts[n++] = q->stem;
	texts[n++] = q->explanation;
	for (size_t i = 0; i < q->noptions; i++)
		texts[n++] = q->options[i].text;
	size_t nwhy = q->type == MX_TYPE_ORDERING   ? q->nitems
		      : q->type == MX_TYPE_MATCHING ? q->nprompts
						    : q->noptions;
	for (size_t i = 0; q->why && i < nwhy; i++)
		texts[n++] = q->why[i];
	for (size_t i = 0; i < q->nitems; i++)
		texts[n++] = q->items[i].text;
	for (size_t i = 0; i < q->nprompts; i++)
		texts[n++] = q->prompts[i].text;
	for (size_t i = 0; i < q->tags.n && n < sizeof texts / sizeof *texts; i++)
		texts[n++] = q->tags.v[i];
	for (size_t i = 0; i < n; i++) {
		int rc = texts[i] ? mx_pattern_match(pat, texts[i], strlen(texts[i])) : 0;
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* 1 when question qi is wanted, 0 when not, -1 when the pattern hit its limits on it. */
static int wanted(const mx_drill_spec *s, const mx_bank *b, size_t qi, const mx_pattern *pat,
		  const tally *t)
{
	const mx_question *q = mx_bank_question(b, qi);
	const mx_domain *d = &mx_bank_profile(b)->domains[q->domain];
	bool in_domain = s->ndomains == 0;
	for (size_t i = 0; i < s->ndomains; i++)
		in_domain |= s->domains[i] == d->id;
	if (!in_domain || (s->type >= 0 && (int)q->type != s->type))
		return false;
	if (s->task && (q->task < 0 || strcmp(d->tasks[q->task].id, s->task) != 0))
		return false;
	int m = pat ? matches(pat, q) : 1;
	if (m <= 0)
		return m;
	const seen *h = t->q ? &t->q[qi] : NULL;
	if (s->missed && !(h && h->any && !h->last_right))
		return false;
	if (s->flagged && !(h && h->flagged))
		return false;
	if (s->due &&
	    !(h && h->any && mx_next_review(h->last, h->streak, s->now, s->exam_date) <= s->now))
		return false;
	return true;
}

/* weight x (1 - mastery) of a question's task, or of its domain without tasks. */
static double need(const tally *t, const mx_question *q)
{
	const mx_domain *d = &mx_bank_profile(t->bank)->domains[q->domain];
	size_t right = t->dom_right[q->domain], total = t->dom_total[q->domain];
	double weight = d->weight;
	if (q->task >= 0) {
		right = t->task_right[t->task_base[q->domain] + (size_t)q->task];
		total = t->task_total[t->task_base[q->domain] + (size_t)q->task];
		weight /= (double)d->ntasks;
	}
	return weight * (1 - (1.0 + (double)right) / (2.0 + (double)total));
}

static mx_status read_history(mx_history *h, const mx_bank *b, tally *t, mx_error *err)
{
	const mx_profile *p = mx_bank_profile(b);
	size_t ntasks = 0;
	t->task_base = calloc(p->ndomains + 1, sizeof *t->task_base);
	for (size_t d = 0; t->task_base && d < p->ndomains; d++) {
		t->task_base[d] = ntasks;
		ntasks += p->domains[d].ntasks;
	}
	t->q = calloc(mx_bank_count(b) + 1, sizeof *t->q);
	t->dom_right = calloc(p->ndomains + 1, sizeof *t->dom_right);
	t->dom_total = calloc(p->ndomains + 1, sizeof *t->dom_total);
	t->task_right = calloc(ntasks + 1, sizeof *t->task_right);
	t->task_total = calloc(ntasks + 1, sizeof *t->task_total);
	if (!t->task_base || !t->q || !t->dom_right || !t->dom_total || !t->task_right ||
	    !t->task_total)
		return mx_error_set(err, MX_ERR_NOMEM, "out of memory");
	return h ? mx_history_responses(h, b, 0, MX_ROW_FLAGGED | MX_ROW_ANSWERED_AT, take, t, err)
		 : MX_OK;
}

static void free_tally(tally *t)
{
	free(t->q);
	free(t->dom_right);
	free(t->dom_total);
	free(t->task_right);
	free(t->task_total);
	free(t->task_base);
}

typedef struct ranked {
	size_t q;
	double need;
	size_t order; /* the seeded order, which breaks ties */
} ranked;

/* Highest need first; among equals, the seeded order. */
static int by_need(const void *x, const void *y)
{
	const ranked *a = x, *b = y;
	if (a->need != b->need)
		return a->need > b->need ? -1 : 1;
	return (a->order > b->order) - (a->order < b->order);
}

mx_status mx_drill_select(mx_history *h, const mx_bank *b, const mx_drill_spec *s, size_t **out,
			  size_t *n, mx_error *err)
{
	*out = NULL;
	*n = 0;
	mx_pattern *pat = NULL;
	if (s->match) {
		size_t off = 0;
		char msg[256];
		pat = mx_pattern_compile(s->match, strlen(s->match), MX_PAT_UTF, msg, sizeof msg,
					 &off);
		if (!pat)
			return mx_error_set(err, MX_ERR_INPUT,
					    "pattern '%s' does not compile: %s at offset %zu",
					    s->match, msg, off);
	}
	tally t = {.bank = b, .per_question = s->missed || s->flagged || s->due};
	mx_status st = read_history(h, b, &t, err);
	size_t nq = mx_bank_count(b), m = 0;
	ranked *v = st == MX_OK ? malloc((nq + 1) * sizeof *v) : NULL;
	if (st == MX_OK && !v)
		st = mx_error_set(err, MX_ERR_NOMEM, "out of memory");
	for (size_t q = 0; st == MX_OK && q < nq; q++) {
		int w = wanted(s, b, q, pat, &t);
		if (w < 0) /* not a silent "no match": the user must know the filter failed */
			st = mx_error_set(err, MX_ERR_INPUT,
					  "pattern '%s' hit its match limit on question '%s'; "
					  "simplify it",
					  s->match, mx_bank_question(b, q)->id);
		else if (w)
			v[m++] = (ranked){q, need(&t, mx_bank_question(b, q)), 0};
	}
	if (st == MX_OK) {
		mx_rng rng;
		mx_rng_seed(&rng, s->seed);
		rng_shuffle(&rng, v, m, sizeof *v); /* seeded order among equals */
		for (size_t i = 0; i < m; i++)
			v[i].order = i;
		if (s->weakest)
			qsort(v, m, sizeof *v, by_need);
		size_t take_n = s->count && s->count < m ? s->count : m;
		*out = malloc((take_n + 1) * sizeof **out);
		if (!*out)
			st = mx_error_set(err, MX_ERR_NOMEM, "out of memory");
		for (size_t i = 0; st == MX_OK && i < take_n; i++)
			(*out)[i] = v[i].q;
		if (st == MX_OK)
			*n = take_n;
	}
	free(v);
	free_tally(&t);
	mx_pattern_free(pat);
	return st;
}

void mx_drill_advice(const mx_drill_spec *s, const mx_bank *b, char *why, size_t why_size,
		     char *next, size_t next_size)
{
	const char *id = mx_bank_profile(b)->id;
	const char *reason = "no question matches these filters together";
	if (s->flagged)
		reason = "no question is flagged (flag one with f on the exam screen, or :flag "
			 "in plain mode, and it stays flagged until it is shown again unflagged)";
	else if (s->missed)
		reason = "none of your latest answers to these questions is wrong";
	else if (s->due)
		reason = "none of these questions is due for review yet";
	snprintf(why, why_size, "%s", reason);
	if (s->flagged || s->missed || s->due)
		snprintf(next, next_size, "mockexam drill %s --weakest", id);
	else
		snprintf(next, next_size, "mockexam drill %s", id);
}
