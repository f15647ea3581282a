/*
 * weakness.c - building the report of report.h from history.
 *
 * What counts as a response: every answered question, and every unanswered question of
 * a submitted mock exam (it scored no credit, as on the real exam).  Drills count too:
 * an answer given in practice is evidence of what the candidate knows.  Priorities rank
 * areas by weight x (1 - mastery), mastery being the posterior mean (1 + correct) /
 * (2 + responses), so an area with few responses is neither ignored nor over-trusted.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mockexam/report.h"
#include "mockexam/score.h"
#include "yamlread.h"

typedef struct row {
	long attempt;
	int64_t started;
	size_t domain;
	long task;
	bool credit;
} row;

typedef struct collect {
	const mx_bank *bank;
	const long *ids; /* the attempts in the window, sorted */
	size_t nids;
	row *rows;
	size_t n, cap;
	mx_status st;
} collect;

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

static long task_index(const mx_domain *d, const char *id)
{
	for (size_t t = 0; id && t < d->ntasks; t++)
		if (strcmp(d->tasks[t].id, id) == 0)
			return (long)t;
	return -1;
}

static int take_row(const mx_response_row *r, void *ctx)
{
	collect *c = ctx;
	const mx_profile *p = mx_bank_profile(c->bank);
	long d = mx_profile_find_domain(p, r->domain);
	if (d < 0 || !bsearch(&r->attempt, c->ids, c->nids, sizeof *c->ids, cmp_long))
		return 0;
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 256;
		row *v = realloc(c->rows, cap * sizeof *v);
		if (!v) {
			c->st = MX_ERR_NOMEM;
			return 1;
		}
		c->rows = v;
		c->cap = cap;
	}
	c->rows[c->n++] = (row){r->attempt, r->started, (size_t)d,
				task_index(&p->domains[d], r->task), r->credit};
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

/* Ranks areas by priority_score, highest first; ties go to the earlier area. */
static void rank(mx_area **areas, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t r = 1;
		for (size_t j = 0; j < n; j++)
			if (areas[j]->priority_score > areas[i]->priority_score ||
			    (areas[j]->priority_score == areas[i]->priority_score && j < i))
				r++;
		areas[i]->priority = r;
	}
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

static void areas(mx_report *r, const collect *c)
{
	const mx_profile *p = mx_bank_profile(r->bank);
	for (size_t i = 0; i < c->n; i++) {
		const row *w = &c->rows[i];
		r->domains[w->domain].responses++;
		r->domains[w->domain].correct += w->credit;
		if (w->task >= 0) {
			r->tasks[w->domain][w->task].responses++;
			r->tasks[w->domain][w->task].correct += w->credit;
		}
	}
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
			size_t total = 0, right = 0;
			for (size_t i = 0; i < c->n; i++)
				if (c->rows[i].attempt == r->scores[e].attempt &&
				    c->rows[i].domain == d) {
					total++;
					right += c->rows[i].credit;
				}
			if (total)
				v[n++] = 100.0 * (double)right / (double)total;
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

static mx_status readiness(mx_report *r, const collect *c, const mx_report_spec *spec)
{
	const mx_profile *p = mx_bank_profile(r->bank);
	size_t correct[64] = {0}, total[64] = {0};
	for (size_t i = c->n; i-- > 0;) { /* newest first: the last window per domain */
		const row *w = &c->rows[i];
		if (w->domain < 64 && total[w->domain] < spec->window) {
			total[w->domain]++;
			correct[w->domain] += w->credit;
		}
	}
	return mx_readiness_estimate(p, correct, total, spec->seed, spec->sims, spec->min_responses,
				     &r->readiness);
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
		if (!drill && a->finished)
			r->scores[r->nscores++] = (mx_exam_score){
			    a->id, a->started, a->scaled_score, a->passed,
			    a->scored ? 100.0 * (double)a->correct / (double)a->scored : 0};
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

mx_status mx_report_build(mx_history *h, const mx_bank *b, const mx_report_spec *spec,
			  mx_report **out, mx_error *err)
{
	mx_report *r;
	mx_status st = alloc_report(b, &r);
	if (st != MX_OK)
		return mx_error_set(err, st, "out of memory");
	collect c = {.bank = b};
	long *ids = NULL;
	st = window(h, r, spec, &ids, &c.nids, err);
	c.ids = ids;
	if (st == MX_OK)
		st =
		    mx_history_responses(h, mx_bank_profile(b)->id, spec->since, take_row, &c, err);
	if (st == MX_OK && c.st != MX_OK)
		st = mx_error_set(err, c.st, "out of memory");
	if (st == MX_OK) {
		r->responses = c.n;
		areas(r, &c);
		trends(r, &c, spec->trend_exams);
		if ((st = readiness(r, &c, spec)) != MX_OK)
			mx_error_set(err, st, "out of memory");
		recommend(r);
	}
	free(c.rows);
	free(ids);
	if (st != MX_OK) {
		mx_report_free(r);
		return st;
	}
	*out = r;
	return MX_OK;
}
