/*
 * score.c - scoring an attempt: credit, scaled score, domain and task results.
 *
 * Rounding follows scoring.md: the scaled score rounds halves away from zero, which is
 * what C's round() does.  Whether a group "meets" the cut is decided on the exact
 * fraction with a tolerance far below one question, so 2/3 meets a cut of 2/3 however
 * the division rounds.
 */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mockexam/score.h"

static const double Z = 1.96;

bool mx_credit(const mx_bank *bank, const mx_question *q, const mx_response *r)
{
	if (!r->answered)
		return false;
	if (q->type == MX_TYPE_TEXT)
		return r->text && mx_question_accepts(bank, q, r->text);
	/* What the loader promises of every key it let through. */
	assert(q->answer.n >= 1 && q->answer.n <= MX_MAX_OPTIONS);
	if (r->keys.n != q->answer.n)
		return false;
	if (q->type == MX_TYPE_MULTIPLE) {
		/* The same set: compare as bit sets, whatever order the keys came in. */
		unsigned want = 0, got = 0;
		for (size_t i = 0; i < q->answer.n; i++) {
			want |= 1u << q->answer.k[i];
			got |= 1u << r->keys.k[i];
		}
		return want == got;
	}
	return memcmp(r->keys.k, q->answer.k, q->answer.n) == 0;
}

int mx_scaled_score(const mx_profile *p, double f)
{
	double lo = p->scale_lo, hi = p->scale_hi, pass = p->passing_score, c = p->cut;
	double s;
	if (f < 0)
		f = 0;
	if (f > 1)
		f = 1;
	if (f <= c)
		s = lo + (pass - lo) * f / c;
	else
		s = pass + (hi - pass) * (f - c) / (1 - c);
	s = round(s);
	if (s < lo)
		s = lo;
	if (s > hi)
		s = hi;
	return (int)s;
}

void mx_wilson(size_t correct, size_t n, double *low, double *high)
{
	if (n == 0) {
		*low = *high = 0;
		return;
	}
	double nn = (double)n, p = (double)correct / nn, z2 = Z * Z;
	double denom = 1 + z2 / nn;
	double center = (p + z2 / (2 * nn)) / denom;
	double half = Z * sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn)) / denom;
	*low = center - half < 0 ? 0 : center - half;
	*high = center + half > 1 ? 1 : center + half;
}

void mx_tally_set(mx_tally *t, const mx_profile *p, size_t correct, size_t total)
{
	t->total = total;
	t->correct = correct;
	t->percent = total ? 100.0 * (double)correct / (double)total : 0;
	mx_wilson(correct, total, &t->low, &t->high);
	t->low *= 100;
	t->high *= 100;
	t->meets = total && (double)correct / (double)total >= p->cut - 1e-9;
}

void mx_score_free(mx_score *s)
{
	if (!s)
		return;
	if (s->tasks)
		for (size_t i = 0; s->domains && s->tasks[i]; i++)
			free(s->tasks[i]);
	free(s->tasks);
	free(s->domains);
	free(s->credited);
	free(s);
}

static mx_status alloc_score(const mx_profile *p, size_t n, mx_score **out)
{
	mx_score *s = calloc(1, sizeof *s);
	if (!s)
		return MX_ERR_NOMEM;
	s->domains = calloc(p->ndomains + 1, sizeof *s->domains);
	s->tasks = calloc(p->ndomains + 1, sizeof *s->tasks);
	s->credited = calloc(n ? n : 1, sizeof *s->credited);
	bool ok = s->domains && s->tasks && s->credited;
	for (size_t d = 0; ok && d < p->ndomains; d++)
		ok = (s->tasks[d] = calloc(p->domains[d].ntasks + 1, sizeof **s->tasks)) != NULL;
	if (!ok) {
		mx_score_free(s);
		return MX_ERR_NOMEM;
	}
	*out = s;
	return MX_OK;
}

mx_status mx_score_form(const mx_form *form, const mx_response *responses, mx_score **out)
{
	const mx_bank *b = form->bank;
	const mx_profile *p = mx_bank_profile(b);
	mx_score *s;
	mx_status st = alloc_score(p, form->n, &s);
	if (st != MX_OK)
		return st;
	s->questions = form->n;
	for (size_t i = 0; i < form->n; i++) {
		const mx_form_item *it = &form->items[i];
		const mx_question *q = mx_bank_question(b, it->question);
		bool ok = mx_credit(b, q, &responses[i]);
		s->credited[i] = ok;
		s->answered += responses[i].answered;
		if (!it->scored)
			continue;
		s->scored++;
		s->correct += ok;
		s->domains[q->domain].total++;
		s->domains[q->domain].correct += ok;
		if (q->task >= 0) {
			s->tasks[q->domain][q->task].total++;
			s->tasks[q->domain][q->task].correct += ok;
		}
	}
	for (size_t d = 0; d < p->ndomains; d++) {
		mx_tally_set(&s->domains[d], p, s->domains[d].correct, s->domains[d].total);
		for (size_t t = 0; t < p->domains[d].ntasks; t++)
			mx_tally_set(&s->tasks[d][t], p, s->tasks[d][t].correct,
				     s->tasks[d][t].total);
	}
	double f = s->scored ? (double)s->correct / (double)s->scored : 0;
	s->percent = 100 * f;
	s->scaled = mx_scaled_score(p, f);
	s->passed = s->scaled >= p->passing_score;
	*out = s;
	return MX_OK;
}
