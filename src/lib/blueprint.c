/*
 * blueprint.c - largest-remainder apportionment, in exact integer arithmetic.
 *
 * Remainders are compared as integers (numerators over the common denominator
 * sum(w)), never as floating-point fractions: two domains whose quotas have equal
 * fractional parts must tie exactly, or the tie rule of scoring.md would depend on
 * rounding.
 */
#include <stdlib.h>

#include "mockexam/blueprint.h"

typedef struct seat {
	size_t domain;
	int64_t rem;
} seat;

/* Does a deserve a seat before b? */
static int before(const seat *a, const seat *b, const int64_t *w, const int *ids)
{
	if (a->rem != b->rem)
		return a->rem > b->rem;
	if (w[a->domain] != w[b->domain])
		return w[a->domain] > w[b->domain];
	return ids[a->domain] < ids[b->domain];
}

mx_status mx_apportion(size_t n, const int64_t *w, const int *ids, size_t nd, size_t *counts)
{
	int64_t sum = 0;
	for (size_t d = 0; d < nd; d++) {
		if (w[d] <= 0 || w[d] > INT64_C(1) << 40)
			return MX_ERR_INPUT;
		sum += w[d];
	}
	/* n * w must fit: weights are at most 2^40 millionths, n at most 2^20. */
	if (nd == 0 || n > (size_t)1 << 20)
		return MX_ERR_INPUT;
	seat *s = malloc(nd * sizeof *s);
	if (!s)
		return MX_ERR_NOMEM;
	size_t given = 0;
	for (size_t d = 0; d < nd; d++) {
		int64_t num = (int64_t)n * w[d];
		counts[d] = (size_t)(num / sum);
		given += counts[d];
		s[d].domain = d;
		s[d].rem = num % sum;
	}
	/* Insertion sort by priority: there are a handful of domains. */
	for (size_t i = 1; i < nd; i++)
		for (size_t j = i; j > 0 && before(&s[j], &s[j - 1], w, ids); j--) {
			seat t = s[j];
			s[j] = s[j - 1];
			s[j - 1] = t;
		}
	/* Fewer seats are left than domains, since every remainder is below one seat. */
	for (size_t i = 0; given < n; i = (i + 1) % nd, given++)
		counts[s[i].domain]++;
	free(s);
	return MX_OK;
}

mx_status mx_blueprint(const mx_profile *p, size_t n, size_t *counts)
{
	int64_t w[64];
	int ids[64];
	if (p->ndomains > 64)
		return MX_ERR_INPUT;
	for (size_t d = 0; d < p->ndomains; d++) {
		w[d] = p->domains[d].weight_micro;
		ids[d] = p->domains[d].id;
	}
	return mx_apportion(n ? n : p->question_count, w, ids, p->ndomains, counts);
}
