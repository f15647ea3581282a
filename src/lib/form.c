/*
 * form.c - the sampler: from a bank and a seed to an exam form.
 *
 * The generator is consumed in a fixed order, documented in docs/design.md ("The
 * generator is consumed in this order"): draws per
 * domain in profile order, then the delivery shuffle, then option orders in delivered
 * order, then the pretest choice.  Each domain's pool is sorted by question id, so
 * moving a question between files does not change the forms a seed gives.
 */
#include <stdlib.h>
#include <string.h>

#include "loader.h"
#include "mockexam/blueprint.h"
#include "mockexam/form.h"
#include "mockexam/rng.h"
#include "shuffle.h"
#include "sort.h"

enum { ORDER_REDRAWS = 8 };

typedef struct pooled {
	const char *id;
	size_t q;
	int64_t seen; /* when last seen, for fresh-question draws */
} pooled;

unsigned mx_scaled_minutes(const mx_profile *p, size_t n)
{
	unsigned long long num = (unsigned long long)p->duration_minutes * n;
	unsigned long long m = (num * 2 + p->question_count) / (2ull * p->question_count);
	return m ? (unsigned)m : 1;
}

size_t mx_scaled_unscored(const mx_profile *p, size_t n)
{
	unsigned long long num = (unsigned long long)p->unscored_count * n;
	size_t k = (size_t)((num * 2 + p->question_count) / (2ull * p->question_count));
	return k < n ? k : (n ? n - 1 : 0);
}

static int cmp_pooled(const void *a, const void *b)
{
	return strcmp(((const pooled *)a)->id, ((const pooled *)b)->id);
}

/* Oldest first (never seen is 0, so first); sorted stably, so the seeded order breaks ties. */
static int cmp_seen(const void *a, const void *b)
{
	int64_t x = ((const pooled *)a)->seen, y = ((const pooled *)b)->seen;
	return (x > y) - (x < y);
}

static bool conflicts(const mx_question *q, const bool *chosen)
{
	for (size_t i = 0; i < q->nexcludes; i++)
		if (chosen[q->excludes[i]])
			return true;
	return false;
}

/*
 * Draws need questions of domain d into out, by a Fisher-Yates pass over the domain's
 * pool that passes over a candidate excluded by one already chosen.
 */
static mx_status draw_domain(const mx_bank *b, size_t d, size_t need, mx_rng *rng,
			     const int64_t *last_seen, bool *chosen, size_t *out, size_t *eligible)
{
	pooled *pool = malloc((b->nquestions ? b->nquestions : 1) * sizeof *pool);
	if (!pool)
		return MX_ERR_NOMEM;
	size_t m = 0;
	for (size_t i = 0; i < b->nquestions; i++)
		if (b->questions[i].domain == d && b->questions[i].type != MX_TYPE_TEXT)
			pool[m++] = (pooled){b->questions[i].id, i, last_seen ? last_seen[i] : 0};
	qsort(pool, m, sizeof *pool, cmp_pooled);
	*eligible = m;
	if (last_seen) {
		/* A seeded shuffle, then oldest first: the draw below takes them in order. */
		rng_shuffle(rng, pool, m, sizeof *pool);
		if (!stable_sort(pool, m, sizeof *pool, cmp_seen)) {
			free(pool);
			return MX_ERR_NOMEM;
		}
		size_t got = 0;
		for (size_t i = 0; i < m && got < need; i++) {
			if (conflicts(&b->questions[pool[i].q], chosen))
				continue;
			chosen[pool[i].q] = true;
			out[got++] = pool[i].q;
		}
		free(pool);
		return got == need ? MX_OK : MX_ERR_INPUT;
	}
	size_t got = 0;
	for (size_t i = 0; i < m && got < need; i++) {
		rng_pick(rng, pool, i, m, sizeof *pool);
		const mx_question *q = &b->questions[pool[i].q];
		if (conflicts(q, chosen))
			continue;
		chosen[pool[i].q] = true;
		out[got++] = pool[i].q;
	}
	free(pool);
	return got == need ? MX_OK : MX_ERR_INPUT;
}

/* Questions of one case stand together, where the first of them fell. */
static mx_status group_cases(const mx_bank *b, size_t *v, size_t n)
{
	size_t *out = malloc((n ? n : 1) * sizeof *out);
	bool *done = calloc(n ? n : 1, sizeof *done);
	if (!out || !done) {
		free(out);
		free(done);
		return MX_ERR_NOMEM;
	}
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (done[i])
			continue;
		long c = b->questions[v[i]].case_index;
		for (size_t j = i; j < n; j++)
			if (!done[j] &&
			    (j == i || (c >= 0 && b->questions[v[j]].case_index == c))) {
				out[k++] = v[j];
				done[j] = true;
			}
	}
	memcpy(v, out, n * sizeof *v);
	free(out);
	free(done);
	return MX_OK;
}

static void rotate(uint8_t *order, size_t n)
{
	uint8_t first = order[0];
	memmove(order, order + 1, n - 1);
	order[n - 1] = first;
}

static bool in_key_order(const mx_question *q, const uint8_t *order)
{
	for (size_t i = 0; i < q->nitems; i++)
		if (order[i] != q->answer.k[i])
			return false;
	return true;
}

/*
 * Ordering items are always shuffled and never shown already in the right order.  A
 * format-1 bank's explanations name its letters, so its choices keep the bank's order
 * (and the generator is not drawn from); only an ordering question written in its
 * right order is rotated by one, as after eight unlucky shuffles.
 */
static void order_choices(const mx_question *q, int format, mx_rng *rng, mx_form_item *it)
{
	size_t n = q->type == MX_TYPE_ORDERING ? q->nitems : q->noptions;
	it->norder = (uint8_t)n;
	for (size_t i = 0; i < n; i++)
		it->order[i] = (uint8_t)i;
	if (format == 1) {
		if (q->type == MX_TYPE_ORDERING && in_key_order(q, it->order))
			rotate(it->order, n);
		return;
	}
	if (q->type == MX_TYPE_ORDERING) {
		for (int tries = 0; tries < ORDER_REDRAWS; tries++) {
			rng_shuffle(rng, it->order, n, sizeof *it->order);
			if (!in_key_order(q, it->order))
				return;
		}
		rotate(it->order, n); /* unlucky eight times */
	} else if (q->shuffle && q->type != MX_TYPE_TEXT) {
		rng_shuffle(rng, it->order, n, sizeof *it->order);
	}
}

static mx_status choose_unscored(mx_form *f, mx_rng *rng, size_t k)
{
	size_t *pos = malloc((f->n ? f->n : 1) * sizeof *pos);
	if (!pos)
		return MX_ERR_NOMEM;
	for (size_t i = 0; i < f->n; i++)
		pos[i] = i;
	for (size_t i = 0; i < k; i++) {
		rng_pick(rng, pos, i, f->n, sizeof *pos);
		f->items[pos[i]].scored = false;
	}
	free(pos);
	return MX_OK;
}

static mx_status draw_all(const mx_bank *b, mx_form *f, mx_rng *rng, const int64_t *last_seen,
			  size_t *picked, mx_diags *diags)
{
	const mx_profile *p = &b->profile;
	bool *chosen = calloc(b->nquestions ? b->nquestions : 1, sizeof *chosen);
	if (!chosen)
		return MX_ERR_NOMEM;
	mx_status st = MX_OK;
	size_t at = 0;
	for (size_t d = 0; d < p->ndomains && st != MX_ERR_NOMEM; d++) {
		size_t eligible;
		mx_status ds = draw_domain(b, d, f->domain_counts[d], rng, last_seen, chosen,
					   picked + at, &eligible);
		if (ds == MX_ERR_INPUT) {
			const mx_domain *dom = &p->domains[d];
			if (eligible < f->domain_counts[d])
				mx_diag_add(diags, MX_SEV_ERROR, p->file, dom->line, dom->column,
					    "domain %d needs %zu questions for an exam of %zu; the "
					    "bank has %zu",
					    dom->id, f->domain_counts[d], f->n, eligible);
			else
				mx_diag_add(diags, MX_SEV_ERROR, p->file, dom->line, dom->column,
					    "domain %d needs %zu questions for an exam of %zu; "
					    "'excludes' leave "
					    "too few of its %zu to draw from",
					    dom->id, f->domain_counts[d], f->n, eligible);
		}
		if (ds != MX_OK)
			st = ds;
		at += f->domain_counts[d];
	}
	free(chosen);
	return st;
}

/* What a form's items determine: domain counts, scored count, case starts, minutes. */
static void derive(mx_form *f)
{
	const mx_bank *b = f->bank;
	long last_case = -1;
	f->scored = 0;
	memset(f->domain_counts, 0, b->profile.ndomains * sizeof *f->domain_counts);
	for (size_t i = 0; i < f->n; i++) {
		mx_form_item *it = &f->items[i];
		const mx_question *q = &b->questions[it->question];
		f->domain_counts[q->domain]++;
		f->scored += it->scored;
		it->case_start = q->case_index >= 0 && q->case_index != last_case;
		last_case = q->case_index;
	}
	f->minutes = mx_scaled_minutes(&b->profile, f->n);
}

mx_status mx_form_build(const mx_bank *b, const mx_form_spec *spec, mx_diags *diags, mx_form **out)
{
	const mx_profile *p = &b->profile;
	size_t n = spec->questions ? spec->questions : p->question_count;
	*out = NULL;
	if (n > b->nquestions) {
		mx_diag_add(diags, MX_SEV_ERROR, p->file, 0, 0,
			    "an exam of %zu questions needs more than the bank's %zu", n,
			    b->nquestions);
		return MX_ERR_INPUT;
	}
	mx_form *f = calloc(1, sizeof *f);
	size_t *picked = malloc(n * sizeof *picked);
	mx_status st = MX_ERR_NOMEM;
	if (!f || !picked)
		goto fail;
	f->bank = b;
	f->seed = spec->seed;
	f->pretest = spec->pretest;
	f->n = n;
	f->items = calloc(n, sizeof *f->items);
	f->domain_counts = calloc(p->ndomains, sizeof *f->domain_counts);
	if (!f->items || !f->domain_counts)
		goto fail;
	st = mx_blueprint(p, n, f->domain_counts);
	if (st != MX_OK)
		goto fail;
	mx_rng rng;
	mx_rng_seed(&rng, spec->seed);
	st = draw_all(b, f, &rng, spec->last_seen, picked, diags);
	if (st != MX_OK)
		goto fail;
	rng_shuffle(&rng, picked, n, sizeof *picked);
	st = group_cases(b, picked, n);
	if (st != MX_OK)
		goto fail;
	for (size_t i = 0; i < n; i++) {
		mx_form_item *it = &f->items[i];
		it->question = picked[i];
		it->scored = true;
		order_choices(&b->questions[picked[i]], mx_bank_profile(b)->format, &rng, it);
	}
	if (spec->pretest && (st = choose_unscored(f, &rng, mx_scaled_unscored(p, n))) != MX_OK)
		goto fail;
	derive(f);
	free(picked);
	*out = f;
	return MX_OK;
fail:
	free(picked);
	mx_form_free(f);
	return st;
}

mx_status mx_form_restore(const mx_bank *b, uint64_t seed, bool pretest, const mx_form_item *items,
			  size_t n, mx_form **out)
{
	*out = NULL;
	mx_form *f = calloc(1, sizeof *f);
	if (!f)
		return MX_ERR_NOMEM;
	f->bank = b;
	f->seed = seed;
	f->pretest = pretest;
	f->n = n;
	f->items = malloc((n ? n : 1) * sizeof *f->items);
	f->domain_counts = calloc(b->profile.ndomains + 1, sizeof *f->domain_counts);
	if (!f->items || !f->domain_counts) {
		mx_form_free(f);
		return MX_ERR_NOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		if (items[i].question >= b->nquestions) {
			mx_form_free(f);
			return MX_ERR_INPUT;
		}
		f->items[i] = items[i];
	}
	derive(f);
	*out = f;
	return MX_OK;
}

mx_status mx_form_custom(const mx_bank *b, uint64_t seed, const size_t *questions, size_t n,
			 mx_form **out)
{
	mx_form_item *items = calloc(n ? n : 1, sizeof *items);
	if (!items)
		return MX_ERR_NOMEM;
	mx_rng rng;
	mx_rng_seed(&rng, seed);
	for (size_t i = 0; i < n; i++) {
		if (questions[i] >= b->nquestions) {
			free(items);
			return MX_ERR_INPUT;
		}
		items[i].question = questions[i];
		items[i].scored = true;
		order_choices(&b->questions[questions[i]], mx_bank_profile(b)->format, &rng,
			      &items[i]);
	}
	mx_status st = mx_form_restore(b, seed, false, items, n, out);
	free(items);
	return st;
}

void mx_form_free(mx_form *f)
{
	if (!f)
		return;
	free(f->items);
	free(f->domain_counts);
	free(f);
}

long mx_form_find(const mx_form *f, size_t q)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->items[i].question == q)
			return (long)i;
	return -1;
}

size_t mx_form_unseen(const mx_form *form, const int64_t *last_seen)
{
	size_t n = 0;
	for (size_t i = 0; i < form->n; i++)
		n += last_seen[form->items[i].question] == 0;
	return n;
}
