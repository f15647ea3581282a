/*
 * weakness.c - building the report of report.h from history.
 *
 * What counts as a response: every answered question, and every unanswered question of
 * a submitted mock exam (it scored no credit, as on the real exam).  Drills count too:
 * an answer given in practice is evidence of what the candidate knows.  Priorities rank
 * areas by weight x (1 - mastery), mastery being the posterior mean (1 + correct) /
 * (2 + responses), so an area with few responses is neither ignored nor over-trusted.
 *
 * The responses are read once, in history order, and never kept: each adds to its area's
 * tallies, to its domain's ring of the latest responses (readiness) and, in a mock exam
 * of the window, to that exam's tally per domain (trends).  Memory grows with attempts
 * and domains, not with responses.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mockexam/report.h"
#include "mockexam/score.h"
#include "yamlread.h"

/* A domain's latest responses for readiness: a ring of their credits, at most window. */
typedef struct recent {
	bool *v;
	size_t cap, len, head; /* head: the oldest once the ring is full */
	size_t correct;
} recent;

typedef struct collect {
	mx_report *r;
	const long *ids; /* the attempts in the window, sorted */
	size_t nids;
	size_t window;	      /* readiness: the latest responses per domain */
	recent *recent;	      /* per profile domain: its latest first exposures */
	bool *seen;	      /* per bank question: answered before, in any attempt */
	size_t repeats;	      /* responses in the window to a question seen before */
	uint32_t *exam_total; /* per mock exam of r->scores and domain: responses */
	uint32_t *exam_right; /* and how many were right */
	bool have;	      /* the attempt of the last row read, and what it is */
	long attempt;
	bool in_window;
	long score; /* its index in r->scores, or -1 */
	mx_status st;
} collect;

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

static int cmp_score(const void *key, const void *elem)
{
	long x = *(const long *)key, y = ((const mx_exam_score *)elem)->attempt;
	return (x > y) - (x < y);
}

/* Adds a response to the ring, the oldest leaving once it holds window; false: no memory. */
static bool remember(recent *q, bool credit, size_t window)
{
	if (window == 0)
		return true;
	if (q->len < window) {
		if (q->len == q->cap) {
			size_t cap = q->cap ? q->cap * 2 : 64;
			bool *v = realloc(q->v, (cap < window ? cap : window) * sizeof *v);
			if (!v)
				return false;
			q->v = v;
			q->cap = cap < window ? cap : window;
		}
		q->v[q->len++] = credit;
		q->correct += credit;
		return true;
	}
	q->correct -= q->v[q->head]; /* the oldest leaves */
	q->correct += credit;
	q->v[q->head] = credit;
	if (++q->head == window)
		q->head = 0;
	return true;
}

static int take_row(const mx_response_row *w, void *ctx)
{
	collect *c = ctx;
	mx_report *r = c->r;
	const mx_profile *p = mx_bank_profile(r->bank);
	if (!c->have || w->attempt != c->attempt) { /* rows come attempt by attempt */
		const mx_exam_score *e =
		    bsearch(&w->attempt, r->scores, r->nscores, sizeof *r->scores, cmp_score);
		c->have = true;
		c->attempt = w->attempt;
		c->in_window =
		    bsearch(&w->attempt, c->ids, c->nids, sizeof *c->ids, cmp_long) != NULL;
		c->score = e ? e - r->scores : -1;
	}
	long d = w->domain_index;
	if (!c->in_window) { /* outside --last: not counted, but seen all the same */
		if (w->question >= 0)
			c->seen[w->question] = true;
		return 0;
	}
	if (d < 0)
		return 0;
	r->responses++;
	r->domains[d].responses++;
	r->domains[d].correct += w->credit;
	long t = w->task_index;
	if (t >= 0) {
		r->tasks[d][t].responses++;
		r->tasks[d][t].correct += w->credit;
	}
	if (c->score >= 0) {
		c->exam_total[(size_t)c->score * p->ndomains + (size_t)d]++;
		c->exam_right[(size_t)c->score * p->ndomains + (size_t)d] += w->credit;
	}
	/* Readiness rests on first exposures only (scoring.md, section 6): a question met
	 * again measures the memory of it, not the domain. */
	long q = w->question;
	bool first = q < 0 || !c->seen[q]; /* a question gone from the bank counts */
	if (q >= 0)
		c->seen[q] = true;
	c->repeats += !first;
	if (first && d < 64 && !remember(&c->recent[d], w->credit, c->window)) {
		c->st = MX_ERR_NOMEM;
		return 1;
	}
	return 0;
}

static void set_area(mx_area *a, const mx_profile *p, double weight)
{
	mx_tally t;
	mx_tally_set(&t, p, a->correct, a->responses);
	a->percent = t.percent;
	a->low = t.low;
	a->high = t.high;
	a->meets = t.meets;
	a->mastery = (1.0 + (double)a->correct) / (2.0 + (double)a->responses);
	a->weight = weight;
	a->priority_score = weight * (1 - a->mastery);
	a->trend = NAN;
}

typedef struct ranked {
	mx_area *a;
	size_t i;
} ranked;

static int by_priority(const void *x, const void *y)
{
	const ranked *a = x, *b = y;
	if (a->a->priority_score != b->a->priority_score)
		return a->a->priority_score > b->a->priority_score ? -1 : 1;
	return (a->i > b->i) - (a->i < b->i);
}

/* Ranks areas (at most 512) by priority_score, highest first; ties go to the earlier area. */
static void rank(mx_area **areas, size_t n)
{
	ranked v[512];
	for (size_t i = 0; i < n; i++)
		v[i] = (ranked){areas[i], i};
	qsort(v, n, sizeof *v, by_priority);
	for (size_t i = 0; i < n; i++)
		v[i].a->priority = i + 1;
}

static mx_status alloc_report(const mx_bank *b, mx_report **out)
{
	const mx_profile *p = mx_bank_profile(b);
	mx_report *r = calloc(1, sizeof *r);
	if (!r)
		return MX_ERR_NOMEM;
	r->bank = b;
	r->domains = calloc(p->ndomains + 1, sizeof *r->domains);
	r->tasks = calloc(p->ndomains + 1, sizeof *r->tasks);
	bool ok = r->domains && r->tasks;
	for (size_t d = 0; ok && d < p->ndomains; d++)
		ok = (r->tasks[d] = calloc(p->domains[d].ntasks + 1, sizeof **r->tasks)) != NULL;
	if (!ok) {
		mx_report_free(r);
		return MX_ERR_NOMEM;
	}
	*out = r;
	return MX_OK;
}

void mx_report_free(mx_report *r)
{
	if (!r)
		return;
	for (size_t d = 0; r->tasks && r->tasks[d]; d++)
		free(r->tasks[d]);
	free(r->tasks);
	free(r->domains);
	free(r->scores);
	free(r);
}

static void areas(mx_report *r)
{
	const mx_profile *p = mx_bank_profile(r->bank);
	for (size_t d = 0; d < p->ndomains; d++) {
		set_area(&r->domains[d], p, p->domains[d].weight);
		for (size_t t = 0; t < p->domains[d].ntasks; t++)
			set_area(&r->tasks[d][t], p,
				 p->domains[d].weight / (double)p->domains[d].ntasks);
	}
	mx_area *dv[64], *tv[512];
	size_t nt = 0;
	for (size_t d = 0; d < p->ndomains && d < 64; d++) {
		dv[d] = &r->domains[d];
		for (size_t t = 0; t < p->domains[d].ntasks && nt < 512; t++)
			tv[nt++] = &r->tasks[d][t];
	}
	rank(dv, p->ndomains < 64 ? p->ndomains : 64);
	rank(tv, nt);
}

/*
 * Per domain, the share correct in each of the last mock exams that had questions of it
 * (at most last_exams, oldest first), and its slope.
 */
static void trends(mx_report *r, const collect *c, size_t last_exams)
{
	const mx_profile *p = mx_bank_profile(r->bank);
	for (size_t d = 0; d < p->ndomains; d++) {
		double v[64];
		size_t n = 0;
		for (size_t e = r->nscores; e-- > 0 && n < last_exams && n < 64;) {
			size_t total = c->exam_total[e * p->ndomains + d];
			if (total)
				v[n++] = 100.0 * (double)c->exam_right[e * p->ndomains + d] /
					 (double)total;
		}
		for (size_t i = 0; i < n / 2; i++) { /* newest first: turn it round */
			double t = v[i];
			v[i] = v[n - 1 - i];
			v[n - 1 - i] = t;
		}
		r->domains[d].trend_exams = n;
		r->domains[d].trend = mx_trend(v, n);
	}
}

/* Readiness from the latest window responses of each of the first 64 domains. */
static mx_status readiness(mx_report *r, const collect *c, const mx_report_spec *spec)
{
	const mx_profile *p = mx_bank_profile(r->bank);
	size_t *correct = calloc(p->ndomains + 1, sizeof *correct);
	size_t *total = calloc(p->ndomains + 1, sizeof *total);
	mx_status st = correct && total ? MX_OK : MX_ERR_NOMEM;
	for (size_t d = 0; st == MX_OK && d < p->ndomains && d < 64; d++) {
		correct[d] = c->recent[d].correct;
		total[d] = c->recent[d].len;
	}
	if (st == MX_OK)
		st = mx_readiness_estimate(p, correct, total, spec->seed, spec->sims,
					   spec->min_responses, &r->readiness);
	r->readiness.repeats = c->repeats;
	if (st == MX_OK && !r->readiness.known && c->repeats) {
		if (r->readiness.responses + c->repeats >= spec->min_responses)
			snprintf(r->readiness.reason, sizeof r->readiness.reason,
				 "the bank is used up: %zu first answers and %zu answers to "
				 "questions seen before, which measure memory of them; readiness "
				 "needs at least %zu first answers",
				 r->readiness.responses, c->repeats, spec->min_responses);
		else
			snprintf(r->readiness.reason, sizeof r->readiness.reason,
				 "%zu first answers so far (%zu repeats left out); readiness needs "
				 "at least %zu",
				 r->readiness.responses, c->repeats, spec->min_responses);
	}
	free(correct);
	free(total);
	return st;
}

static void recommend(mx_report *r)
{
	const mx_profile *p = mx_bank_profile(r->bank);
	if (r->responses == 0) {
		snprintf(r->next_command, sizeof r->next_command, "mockexam take %s", p->id);
		snprintf(r->next_why, sizeof r->next_why,
			 "No answers yet: a full mock exam shows where you stand.");
		return;
	}
	size_t top = 0;
	for (size_t d = 0; d < p->ndomains; d++)
		if (r->domains[d].priority == 1)
			top = d;
	const mx_area *a = &r->domains[top];
	bool all_meet = true;
	for (size_t d = 0; d < p->ndomains; d++)
		all_meet &= r->domains[d].meets;
	if (all_meet && r->readiness.known && r->readiness.pass_probability >= 0.8) {
		snprintf(r->next_command, sizeof r->next_command, "mockexam take %s", p->id);
		snprintf(
		    r->next_why, sizeof r->next_why,
		    "Every domain meets the cut: confirm it with a full mock exam under time.");
		return;
	}
	snprintf(r->next_command, sizeof r->next_command, "mockexam drill %s --domain %d", p->id,
		 p->domains[top].id);
	snprintf(r->next_why, sizeof r->next_why,
		 "Domain %d (%.*s) has the most to gain: %g%% of the exam, %.0f%% correct.",
		 p->domains[top].id, utf8_prefix(p->domains[top].name, 120), p->domains[top].name,
		 a->weight, a->percent);
}

/* The attempts in the window, and the mock-exam scores among them. */
static mx_status window(mx_history *h, mx_report *r, const mx_report_spec *spec, long **ids,
			size_t *nids, mx_error *err)
{
	mx_attempt_info *list;
	size_t n;
	mx_status st = mx_history_list(h, mx_bank_profile(r->bank)->id, &list, &n, err);
	if (st != MX_OK)
		return st;
	*ids = malloc((n ? n : 1) * sizeof **ids);
	r->scores = calloc(n ? n : 1, sizeof *r->scores);
	if (!*ids || !r->scores) {
		free(list);
		return mx_error_set(err, MX_ERR_NOMEM, "out of memory");
	}
	*nids = 0;
	for (size_t i = 0; i < n; i++) { /* newest first */
		const mx_attempt_info *a = &list[i];
		if (a->started < spec->since || (spec->last && *nids == spec->last))
			continue;
		(*ids)[(*nids)++] = a->id;
		bool drill = !strcmp(a->kind, "drill");
		r->drills += drill;
		r->exams += !drill;
		if (a->graded)
			r->scores[r->nscores++] = (mx_exam_score){
			    .attempt = a->id,
			    .started = a->started,
			    .scaled = a->scaled_score,
			    .passed = a->passed,
			    .percent =
				a->scored ? 100.0 * (double)a->correct / (double)a->scored : 0,
			    .questions = a->questions,
			    .mini = a->questions < mx_bank_profile(r->bank)->question_count};
	}
	r->attempts = *nids;
	for (size_t i = 0; i < r->nscores / 2; i++) { /* oldest first */
		mx_exam_score t = r->scores[i];
		r->scores[i] = r->scores[r->nscores - 1 - i];
		r->scores[r->nscores - 1 - i] = t;
	}
	qsort(*ids, *nids, sizeof **ids, cmp_long);
	free(list);
	return MX_OK;
}

static mx_status collect_init(collect *c, mx_report *r, const mx_report_spec *spec)
{
	size_t nd = mx_bank_profile(r->bank)->ndomains;
	c->r = r;
	c->window = spec->window;
	c->recent = calloc(nd + 1, sizeof *c->recent);
	c->seen = calloc(mx_bank_count(r->bank) + 1, sizeof *c->seen);
	c->exam_total = calloc(r->nscores * nd + 1, sizeof *c->exam_total);
	c->exam_right = calloc(r->nscores * nd + 1, sizeof *c->exam_right);
	return c->recent && c->seen && c->exam_total && c->exam_right ? MX_OK : MX_ERR_NOMEM;
}

static void collect_free(collect *c, size_t ndomains)
{
	for (size_t d = 0; c->recent && d < ndomains; d++)
		free(c->recent[d].v);
	free(c->recent);
	free(c->seen);
	free(c->exam_total);
	free(c->exam_right);
}

mx_status mx_report_build(mx_history *h, const mx_bank *b, const mx_report_spec *spec,
			  mx_report **out, mx_error *err)
{
	mx_report *r;
	mx_status st = alloc_report(b, &r);
	if (st != MX_OK)
		return mx_error_set(err, st, "out of memory");
	collect c = {0};
	long *ids = NULL;
	st = window(h, r, spec, &ids, &c.nids, err);
	c.ids = ids;
	if (st == MX_OK && collect_init(&c, r, spec) != MX_OK)
		st = mx_error_set(err, MX_ERR_NOMEM, "out of memory");
	if (st == MX_OK)
		st = mx_history_responses(h, b, spec->since, 0, take_row, &c, err);
	if (st == MX_OK && c.st != MX_OK)
		st = mx_error_set(err, c.st, "out of memory");
	if (st == MX_OK) {
		areas(r);
		trends(r, &c, spec->trend_exams);
		if ((st = readiness(r, &c, spec)) != MX_OK)
			mx_error_set(err, st, "out of memory");
		recommend(r);
	}
	collect_free(&c, mx_bank_profile(b)->ndomains);
	free(ids);
	if (st != MX_OK) {
		mx_report_free(r);
		return st;
	}
	*out = r;
	return MX_OK;
}
