/*
 * stats.c - item statistics from history.
 *
 * Only responses to a question's current content count: each saved response carries
 * the hash of the question as it was shown, and a response to an older version says
 * nothing about the present one.  Discrimination and reliability use submitted mock
 * exams only (drills are targeted, so their totals do not rank candidates); proportions
 * and option picks use every response.
 */
#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mockexam/stats.h"

/* A scored response of a submitted mock exam, kept for the second pass (8 bytes). */
typedef struct resp {
	uint32_t q;
	bool credit;
	bool sheet;    /* the first of its exam's: a new answer sheet starts */
	uint8_t picks; /* options chosen, a bit per bank option */
} resp;

/* A question's option keys, for reading picks out of stored responses. */
typedef struct keys {
	char k[MX_MAX_OPTIONS];
	uint8_t n; /* 0: not a single or multiple-response question */
} keys;

typedef struct gather {
	mx_item_stats *items; /* per question: responses, right and picks, as rows come */
	const keys *keys;     /* per question */
	resp *v;	      /* the mock exams' responses, in history order */
	long attempt;	      /* the attempt of the last one kept */
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
	if (!(var > 0))
		return NAN;
	double kr20 = k / (k - 1) * (1 - pq / var);
	return kr20 <= 1 ? kr20 : NAN;
}

static void keys_of(const mx_question *q, keys *k)
{
	k->n = 0;
	if (q->type == MX_TYPE_SINGLE || q->type == MX_TYPE_MULTIPLE)
		for (size_t o = 0; o < q->noptions && o < MX_MAX_OPTIONS; o++)
			k->k[k->n++] = q->options[o].key[0];
}

/* The options a stored response names: "B", "A,D" (single and multiple only). */
static uint8_t picks_of(const keys *k, const char *response)
{
	uint8_t bits = 0;
	for (const char *p = response; p && *p; p++)
		for (size_t o = 0; o < k->n; o++)
			if (k->k[o] == *p)
				bits |= (uint8_t)(1u << o);
	return bits;
}

/* Pass 0, as the rows come: every response counts in its question's figures; those of
 * submitted mock exams are kept for the passes below. */
static int take(const mx_response_row *r, void *ctx)
{
	gather *g = ctx;
	if (!r->unchanged) /* an answer to another version of the question, or to none */
		return 0;
	size_t q = (size_t)r->question;
	mx_item_stats *it = &g->items[q];
	uint8_t picks = picks_of(&g->keys[q], r->response);
	it->responses++;
	it->correct += r->credit;
	for (size_t o = 0; picks >> o; o++)
		it->picks[o] += picks >> o & 1;
	if (r->drill || !r->finished || !r->scored)
		return 0;
	if (g->n == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 4096;
		resp *v = realloc(g->v, cap * sizeof *v);
		if (!v) {
			g->st = MX_ERR_NOMEM;
			return 1;
		}
		g->v = v;
		g->cap = cap;
	}
	bool sheet = g->n == 0 || r->attempt != g->attempt;
	g->v[g->n++] = (resp){(uint32_t)q, r->credit, sheet, picks};
	g->attempt = r->attempt;
	return 0;
}

/*
 * The analysis reads the gathered responses in history order, in linear passes, so that
 * every sum runs in the order of the history:
 *   0. (take(), as the walk goes) per question: responses, right, picks;
 *   1. per submitted mock exam (a sheet): its scored responses and how many were right;
 *   2. the sheets' responses copied out question by question (right or not, the rest of
 *      the sheet, picks), and each sheet's sum of p(1 - p) for KR-20;
 * then each question's correlation and flags come from its own slice.
 */
typedef struct sheet {
	size_t n;
	double total; /* right */
	double pq;    /* the sum of p(1 - p) over its questions */
} sheet;

typedef struct slices {
	size_t *first; /* question q's sheet responses: [first[q], first[q + 1]) */
	bool *x;       /* right or not */
	double *y;     /* the rest of its sheet */
	uint8_t *picks;
	double *scratch; /* room for the widest slice */
} slices;

/* Pass 1; count[q] gets how many of question q's responses are in a sheet. */
static mx_status tally(mx_stats *st, const gather *g, sheet **s, size_t *m, size_t *count)
{
	size_t cap = 0;
	for (size_t i = 0; i < g->n; i++) {
		const resp *r = &g->v[i];
		if (r->sheet) {
			if (*m == cap) {
				cap = cap ? cap * 2 : 256;
				sheet *v = realloc(*s, cap * sizeof *v);
				if (!v)
					return MX_ERR_NOMEM;
				*s = v;
			}
			(*s)[(*m)++] = (sheet){0, 0, 0};
		}
		assert(*m > 0); /* the first response kept starts a sheet (take()) */
		(*s)[*m - 1].n++;
		(*s)[*m - 1].total += r->credit;
		count[r->q]++;
	}
	for (size_t q = 0; q < st->n; q++) {
		mx_item_stats *it = &st->items[q];
		it->p = it->responses ? (double)it->correct / (double)it->responses : NAN;
	}
	return MX_OK;
}

/* Pass 2: next[q] starts at first[q] and ends at first[q + 1]. */
static void spread(const mx_stats *st, const gather *g, sheet *s, const slices *sl, size_t *next)
{
	size_t m = 0;
	for (size_t i = 0; i < g->n; i++) {
		const resp *r = &g->v[i];
		m += r->sheet;
		size_t k = next[r->q]++;
		sl->x[k] = r->credit;
		sl->y[k] = s[m - 1].total - r->credit;
		sl->picks[k] = r->picks;
		double p = st->items[r->q].p;
		s[m - 1].pq += p * (1 - p);
	}
}

/* The k-th smallest of v[0, n), k < n, moving v's values about (quickselect). */
static double kth_smallest(double *v, size_t n, size_t k)
{
	size_t lo = 0, hi = n;
	while (hi - lo > 1) {
		double a = v[lo], b = v[lo + (hi - lo) / 2], c = v[hi - 1];
		double pivot = a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
		/* below the pivot: [lo, lt), equal: [lt, i), above: [gt, hi) */
		size_t lt = lo, i = lo, gt = hi;
		while (i < gt) {
			double t = v[i];
			if (t < pivot) {
				v[i++] = v[lt];
				v[lt++] = t;
			} else if (t > pivot) {
				v[i] = v[--gt];
				v[gt] = t;
			} else {
				i++;
			}
		}
		if (k < lt)
			hi = lt;
		else if (k >= gt)
			lo = gt;
		else
			return pivot;
	}
	return v[lo];
}

/* The strongest 27% (by the rest of the attempt) pick a distractor more than the key. */
static bool key_avoided(const mx_question *q, const bool *right, const double *rest,
			const uint8_t *chosen, size_t n, double *scratch)
{
	if (q->type != MX_TYPE_SINGLE || n < 5 * 100 / 27)
		return false;
	memcpy(scratch, rest, n * sizeof *scratch); /* the rest score at the 73rd percentile */
	double cut = kth_smallest(scratch, n, n - (n * 27 + 99) / 100);
	size_t top = 0, key = 0, picks[MX_MAX_OPTIONS] = {0};
	for (size_t i = 0; i < n; i++) {
		if (rest[i] < cut)
			continue;
		top++;
		key += right[i];
		for (size_t o = 0; o < q->noptions; o++)
			picks[o] += chosen[i] >> o & 1;
	}
	for (size_t o = 0; top >= 5 && o < q->noptions; o++)
		if (o != q->answer.k[0] && picks[o] > key)
			return true;
	return false;
}

static void flag_item(mx_item_stats *it, const mx_question *q, const slices *sl)
{
	size_t f = sl->first[it->question], ne = sl->first[it->question + 1] - f;
	it->point_biserial = mx_point_biserial(sl->x + f, sl->y + f, ne);
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
	if (key_avoided(q, sl->x + f, sl->y + f, sl->picks + f, ne, sl->scratch))
		it->flags |= MX_ITEM_KEY_AVOIDED;
}

static mx_status reliability(mx_stats *st, const sheet *s, size_t m)
{
	double *totals = malloc((m ? m : 1) * sizeof *totals);
	double *pq = malloc((m ? m : 1) * sizeof *pq);
	double k = 0;
	st->kr20 = NAN;
	st->kr20_attempts = m;
	if (!totals || !pq) {
		free(totals);
		free(pq);
		return MX_ERR_NOMEM;
	}
	for (size_t a = 0; a < m; a++) {
		totals[a] = s[a].total;
		pq[a] = s[a].pq;
		k += (double)s[a].n;
	}
	if (m)
		st->kr20 = mx_kr20(k / (double)m, totals, pq, m);
	bool varies = false;
	for (size_t a = 1; a < m && !varies; a++)
		varies = totals[a] != totals[0];
	if (m < 2)
		snprintf(st->kr20_reason, sizeof st->kr20_reason,
			 "needs two or more submitted mock exams (%zu so far)", m);
	else if (!varies)
		snprintf(st->kr20_reason, sizeof st->kr20_reason,
			 "the %zu submitted mock exams have one total score", m);
	else if (isnan(st->kr20))
		snprintf(st->kr20_reason, sizeof st->kr20_reason,
			 "the %zu submitted mock exams share too few questions for an estimate", m);
	free(totals);
	free(pq);
	return MX_OK;
}

static mx_status analyse(mx_stats *st, const mx_bank *b, const gather *g)
{
	size_t nq = mx_bank_count(b), m = 0, widest = 0;
	sheet *s = NULL;
	slices sl = {.first = calloc(nq + 1, sizeof *sl.first)};
	size_t *next = calloc(nq + 1, sizeof *next);
	mx_status rc = sl.first && next ? MX_OK : MX_ERR_NOMEM;
	if (rc == MX_OK)
		rc = tally(st, g, &s, &m, next);
	for (size_t q = 0, at = 0; rc == MX_OK && q < nq; q++) { /* counts become offsets */
		size_t c = next[q];
		widest = c > widest ? c : widest;
		sl.first[q] = next[q] = at;
		at += c;
		sl.first[q + 1] = at;
	}
	size_t total = rc == MX_OK ? sl.first[nq] + 1 : 1;
	sl.x = malloc(total * sizeof *sl.x);
	sl.y = malloc(total * sizeof *sl.y);
	sl.picks = malloc(total * sizeof *sl.picks);
	sl.scratch = malloc((widest + 1) * sizeof *sl.scratch);
	if (rc == MX_OK && (!sl.x || !sl.y || !sl.picks || !sl.scratch))
		rc = MX_ERR_NOMEM;
	if (rc == MX_OK) {
		spread(st, g, s, &sl, next);
		for (size_t q = 0; q < nq; q++)
			flag_item(&st->items[q], mx_bank_question(b, q), &sl);
		rc = reliability(st, s, m);
	}
	free(s);
	free(next);
	free(sl.first);
	free(sl.x);
	free(sl.y);
	free(sl.picks);
	free(sl.scratch);
	return rc;
}

mx_status mx_stats_build(mx_history *h, const mx_bank *b, mx_stats **out, mx_error *err)
{
	size_t nq = mx_bank_count(b);
	mx_stats *st = calloc(1, sizeof *st);
	keys *k = calloc(nq + 1, sizeof *k);
	mx_status rc =
	    st && k && (st->items = calloc(nq + 1, sizeof *st->items)) ? MX_OK : MX_ERR_NOMEM;
	for (size_t q = 0; rc == MX_OK && q < nq; q++) {
		st->items[q].question = q;
		keys_of(mx_bank_question(b, q), &k[q]);
	}
	gather g = {.items = rc == MX_OK ? st->items : NULL, .keys = k};
	if (rc == MX_OK) {
		st->n = nq;
		rc = mx_history_responses(h, b, 0, MX_ROW_RESPONSE | MX_ROW_SCORED, take, &g, err);
	}
	if (rc == MX_OK)
		rc = g.st;
	if (rc == MX_OK)
		rc = analyse(st, b, &g);
	free(g.v);
	free(k);
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
