/*
 * stats.c - item statistics from history.
 *
 * Only responses to a question's current content count: each saved response carries
 * the hash of the question as it was shown, and a response to an older version says
 * nothing about the present one.  Discrimination and reliability use submitted mock
 * exams only (drills are targeted, so their totals do not rank candidates); proportions
 * and option picks use every response.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mockexam/stats.h"

typedef struct resp {
	long attempt;
	size_t q;
	bool credit;
	bool exam;     /* from a submitted mock exam */
	uint8_t picks; /* options chosen, a bit per bank option */
} resp;

typedef struct gather {
	const mx_bank *bank;
	char (*hash)[17]; /* current content hash per question */
	resp *v;
	size_t n, cap;
	mx_status st;
} gather;

const char *mx_item_flag_name(unsigned flag)
{
	switch (flag) {
	case MX_ITEM_TOO_EASY:
		return "too-easy";
	case MX_ITEM_TOO_HARD:
		return "too-hard";
	case MX_ITEM_NEGATIVE:
		return "negative-discrimination";
	case MX_ITEM_DEAD_DISTRACTOR:
		return "unused-distractor";
	case MX_ITEM_KEY_AVOIDED:
		return "key-avoided-by-strongest";
	}
	return "?";
}

double mx_point_biserial(const bool *item, const double *rest, size_t n)
{
	if (n < 2)
		return NAN;
	double mx = 0, my = 0;
	for (size_t i = 0; i < n; i++) {
		mx += item[i];
		my += rest[i];
	}
	mx /= (double)n;
	my /= (double)n;
	double sxy = 0, sxx = 0, syy = 0;
	for (size_t i = 0; i < n; i++) {
		double dx = item[i] - mx, dy = rest[i] - my;
		sxy += dx * dy;
		sxx += dx * dx;
		syy += dy * dy;
	}
	return sxx > 0 && syy > 0 ? sxy / sqrt(sxx * syy) : NAN;
}

double mx_kr20(double k, const double *totals, const double *sum_pq, size_t n)
{
	if (n < 2 || k <= 1)
		return NAN;
	double mean = 0, pq = 0, var = 0;
	for (size_t i = 0; i < n; i++) {
		mean += totals[i];
		pq += sum_pq[i];
	}
	mean /= (double)n;
	pq /= (double)n;
	for (size_t i = 0; i < n; i++)
		var += (totals[i] - mean) * (totals[i] - mean);
	var /= (double)n; /* the population variance, as KR-20 uses */
	return var > 0 ? k / (k - 1) * (1 - pq / var) : NAN;
}

/* The options a stored response names: "B", "A,D" (single and multiple only). */
static uint8_t picks_of(const mx_question *q, const char *response)
{
	uint8_t bits = 0;
	if (!response || (q->type != MX_TYPE_SINGLE && q->type != MX_TYPE_MULTIPLE))
		return 0;
	for (const char *p = response; *p; p++)
		for (size_t o = 0; o < q->noptions; o++)
			if (q->options[o].key[0] == *p)
				bits |= (uint8_t)(1u << o);
	return bits;
}

static int take(const mx_response_row *r, void *ctx)
{
	gather *g = ctx;
	long q = r->question_id ? mx_bank_find_question(g->bank, r->question_id) : -1;
	if (q < 0 || !r->question_hash || strcmp(r->question_hash, g->hash[q]) != 0)
		return 0;
	if (g->n == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 256;
		resp *v = realloc(g->v, cap * sizeof *v);
		if (!v) {
			g->st = MX_ERR_NOMEM;
			return 1;
		}
		g->v = v;
		g->cap = cap;
	}
	const mx_question *qq = mx_bank_question(g->bank, (size_t)q);
	g->v[g->n++] = (resp){r->attempt, (size_t)q, r->credit,
			      !r->drill && r->finished && r->scored, picks_of(qq, r->response)};
	return 0;
}

/* Per attempt of a mock exam: its first response, count and total correct. */
typedef struct sheet {
	size_t first, n;
	double total;
} sheet;

static size_t sheets_of(const gather *g, sheet *s)
{
	size_t m = 0;
	for (size_t i = 0; i < g->n; i++) {
		if (!g->v[i].exam)
			continue;
		if (m == 0 || g->v[s[m - 1].first].attempt != g->v[i].attempt)
			s[m++] = (sheet){i, 0, 0};
		s[m - 1].n++;
		s[m - 1].total += g->v[i].credit;
	}
	return m;
}

static const sheet *sheet_of(const sheet *s, size_t m, size_t i)
{
	for (size_t k = 0; k < m; k++)
		if (i >= s[k].first && i < s[k].first + s[k].n)
			return &s[k];
	return NULL;
}

/* The strongest 27% (by the rest of the attempt) pick a distractor more than the key. */
static bool key_avoided(const mx_question *q, const resp **r, const double *rest, size_t n)
{
	if (q->type != MX_TYPE_SINGLE || n < 5 * 100 / 27)
		return false;
	double cut = 0;
	{ /* the rest score at the 73rd percentile */
		double *v = malloc(n * sizeof *v);
		if (!v)
			return false;
		memcpy(v, rest, n * sizeof *v);
		for (size_t i = 1; i < n; i++)
			for (size_t j = i; j > 0 && v[j - 1] > v[j]; j--) {
				double t = v[j];
				v[j] = v[j - 1];
				v[j - 1] = t;
			}
		cut = v[n - (n * 27 + 99) / 100];
		free(v);
	}
	size_t top = 0, key = 0, picks[MX_MAX_OPTIONS] = {0};
	for (size_t i = 0; i < n; i++) {
		if (rest[i] < cut)
			continue;
		top++;
		key += r[i]->credit;
		for (size_t o = 0; o < q->noptions; o++)
			picks[o] += r[i]->picks >> o & 1;
	}
	for (size_t o = 0; top >= 5 && o < q->noptions; o++)
		if (o != q->answer.k[0] && picks[o] > key)
			return true;
	return false;
}

static void analyse_item(mx_item_stats *it, const mx_question *q, const gather *g, const sheet *s,
			 size_t m, const resp **buf, bool *x, double *y)
{
	size_t ne = 0;
	for (size_t i = 0; i < g->n; i++) {
		const resp *r = &g->v[i];
		if (r->q != it->question)
			continue;
		it->responses++;
		it->correct += r->credit;
		for (size_t o = 0; o < MX_MAX_OPTIONS; o++)
			it->picks[o] += r->picks >> o & 1;
		const sheet *sh = r->exam ? sheet_of(s, m, i) : NULL;
		if (sh) {
			buf[ne] = r;
			x[ne] = r->credit;
			y[ne++] = sh->total - r->credit;
		}
	}
	it->p = it->responses ? (double)it->correct / (double)it->responses : NAN;
	it->point_biserial = mx_point_biserial(x, y, ne);
	it->discrimination_n = ne;
	if (it->responses < MX_STATS_MIN_RESPONSES)
		return;
	if (it->p >= 0.95)
		it->flags |= MX_ITEM_TOO_EASY;
	double chance = q->type == MX_TYPE_SINGLE ? 1.0 / (double)q->noptions : 0.1;
	if (it->p < chance)
		it->flags |= MX_ITEM_TOO_HARD;
	if (ne >= MX_STATS_MIN_RESPONSES && it->point_biserial < 0)
		it->flags |= MX_ITEM_NEGATIVE;
	if (it->responses >= MX_STATS_MIN_FOR_DISTRACTORS &&
	    (q->type == MX_TYPE_SINGLE || q->type == MX_TYPE_MULTIPLE))
		for (size_t o = 0; o < q->noptions; o++)
			if (!it->picks[o])
				it->flags |= MX_ITEM_DEAD_DISTRACTOR;
	if (key_avoided(q, buf, y, ne))
		it->flags |= MX_ITEM_KEY_AVOIDED;
}

static void reliability(mx_stats *st, const gather *g, const sheet *s, size_t m)
{
	double *totals = malloc((m ? m : 1) * sizeof *totals);
	double *pq = malloc((m ? m : 1) * sizeof *pq);
	double k = 0;
	st->kr20 = NAN;
	st->kr20_attempts = m;
	if (!totals || !pq)
		goto out;
	for (size_t a = 0; a < m; a++) {
		totals[a] = s[a].total;
		pq[a] = 0;
		k += (double)s[a].n;
		for (size_t i = s[a].first; i < s[a].first + s[a].n; i++) {
			double p = st->items[g->v[i].q].p;
			pq[a] += p * (1 - p);
		}
	}
	if (m)
		st->kr20 = mx_kr20(k / (double)m, totals, pq, m);
out:
	free(totals);
	free(pq);
}

mx_status mx_stats_build(mx_history *h, const mx_bank *b, mx_stats **out, mx_error *err)
{
	size_t nq = mx_bank_count(b);
	gather g = {.bank = b, .hash = calloc(nq + 1, sizeof *g.hash)};
	mx_stats *st = calloc(1, sizeof *st);
	mx_status rc = g.hash && st ? MX_OK : MX_ERR_NOMEM;
	sheet *s = NULL;
	const resp **buf = NULL;
	bool *x = NULL;
	double *y = NULL;
	for (size_t q = 0; rc == MX_OK && q < nq; q++)
		mx_question_hash(mx_bank_question(b, q), g.hash[q]);
	if (rc == MX_OK)
		rc = mx_history_responses(h, mx_bank_profile(b)->id, 0, take, &g, err);
	if (rc == MX_OK)
		rc = g.st;
	if (rc == MX_OK) {
		st->n = nq;
		st->items = calloc(nq + 1, sizeof *st->items);
		s = calloc(g.n + 1, sizeof *s);
		buf = calloc(g.n + 1, sizeof *buf);
		x = calloc(g.n + 1, sizeof *x);
		y = calloc(g.n + 1, sizeof *y);
		if (!st->items || !s || !buf || !x || !y)
			rc = MX_ERR_NOMEM;
	}
	if (rc == MX_OK) {
		size_t m = sheets_of(&g, s);
		for (size_t q = 0; q < nq; q++) {
			st->items[q].question = q;
			analyse_item(&st->items[q], mx_bank_question(b, q), &g, s, m, buf, x, y);
		}
		reliability(st, &g, s, m);
	}
	free(s);
	free(buf);
	free(x);
	free(y);
	free(g.v);
	free(g.hash);
	if (rc != MX_OK) {
		mx_stats_free(st);
		/* a failed read filled err already; what failed here was memory */
		return rc == MX_ERR_NOMEM ? mx_error_set(err, rc, "out of memory") : rc;
	}
	*out = st;
	return MX_OK;
}

void mx_stats_free(mx_stats *s)
{
	if (!s)
		return;
	free(s->items);
	free(s);
}
