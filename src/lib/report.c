/*
 * report.c - the weakness report across attempts, and readiness.
 *
 * Readiness follows scoring.md section 6 exactly: a Beta posterior per domain from the
 * window's responses, simulated exams of the blueprint's counts, each scored with the
 * scaled-score map.  The Beta draws use two Gamma draws (Marsaglia and Tsang, 2000,
 * valid here since every shape is at least 1) from the same seeded generator as the
 * sampler, so a report is reproducible for a given seed.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mockexam/blueprint.h"
#include "mockexam/report.h"
#include "mockexam/rng.h"
#include "mockexam/score.h"

enum { MIN_SIMS = 10000 };

mx_report_spec mx_report_spec_default(void)
{
	mx_report_spec s = {0, 0, 1, MIN_SIMS, 200, 30, 5};
	return s;
}

/* ---- random variates ---- */

static double normal(mx_rng *r)
{
	for (;;) { /* Marsaglia's polar method; the second value is not kept */
		double u = 2 * mx_rng_unit(r) - 1, v = 2 * mx_rng_unit(r) - 1, s = u * u + v * v;
		if (s > 0 && s < 1)
			return u * sqrt(-2 * log(s) / s);
	}
}

/* Gamma(shape, 1) for shape >= 1 (Marsaglia and Tsang). */
static double gamma_draw(mx_rng *r, double shape)
{
	double d = shape - 1.0 / 3, c = 1 / sqrt(9 * d);
	for (;;) {
		double x, v;
		do {
			x = normal(r);
			v = 1 + c * x;
		} while (v <= 0);
		v = v * v * v;
		double u = mx_rng_unit(r);
		if (u < 1 - 0.0331 * x * x * x * x || log(u) < 0.5 * x * x + d * (1 - v + log(v)))
			return d * v;
	}
}

static double beta_draw(mx_rng *r, double a, double b)
{
	double x = gamma_draw(r, a), y = gamma_draw(r, b);
	return x / (x + y);
}

static size_t binomial_draw(mx_rng *r, size_t n, double p)
{
	size_t k = 0; /* n is a domain's share of one exam: a few dozen at most */
	for (size_t i = 0; i < n; i++)
		k += mx_rng_unit(r) < p;
	return k;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* The q-quantile of sorted values, by the nearest rank. */
static int quantile(const int *v, size_t n, double q)
{
	size_t rank = (size_t)ceil(q * (double)n);
	return v[rank ? rank - 1 : 0];
}

mx_status mx_readiness_estimate(const mx_profile *p, const size_t *correct, const size_t *total,
				uint64_t seed, size_t sims, size_t min_responses, mx_readiness *out)
{
	memset(out, 0, sizeof *out);
	for (size_t d = 0; d < p->ndomains; d++)
		out->responses += total[d];
	if (out->responses < min_responses) {
		snprintf(out->reason, sizeof out->reason,
			 "%zu responses so far; readiness needs at least %zu", out->responses,
			 min_responses);
		return MX_OK;
	}
	if (sims < MIN_SIMS)
		sims = MIN_SIMS;
	size_t counts[64];
	if (p->ndomains > 64 || mx_blueprint(p, 0, counts) != MX_OK)
		return MX_ERR_INPUT;
	int *scores = malloc(sims * sizeof *scores);
	if (!scores)
		return MX_ERR_NOMEM;
	mx_rng rng;
	mx_rng_seed(&rng, seed);
	size_t passed = 0;
	for (size_t s = 0; s < sims; s++) {
		size_t right = 0;
		for (size_t d = 0; d < p->ndomains; d++) {
			double theta = beta_draw(&rng, 1.0 + (double)correct[d],
						 1.0 + (double)(total[d] - correct[d]));
			right += binomial_draw(&rng, counts[d], theta);
		}
		scores[s] = mx_scaled_score(p, (double)right / p->question_count);
		passed += scores[s] >= p->passing_score;
	}
	qsort(scores, sims, sizeof *scores, cmp_int);
	out->known = true;
	out->simulations = sims;
	out->pass_probability = (double)passed / (double)sims;
	out->median = quantile(scores, sims, 0.5);
	out->p10 = quantile(scores, sims, 0.1);
	out->p90 = quantile(scores, sims, 0.9);
	free(scores);
	return MX_OK;
}

double mx_trend(const double *v, size_t n)
{
	if (n < 2)
		return NAN;
	double mx = (double)(n - 1) / 2, my = 0, sxy = 0, sxx = 0;
	for (size_t i = 0; i < n; i++)
		my += v[i];
	my /= (double)n;
	for (size_t i = 0; i < n; i++) {
		sxy += ((double)i - mx) * (v[i] - my);
		sxx += ((double)i - mx) * ((double)i - mx);
	}
	return sxy / sxx;
}
