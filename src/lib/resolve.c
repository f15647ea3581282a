/*
 * resolve.c - the loader's last pass: every reference a question makes is checked
 * against the whole bank (ids, the profile's domains and tasks, cases, excludes).
 *
 * When the profile itself had errors its domains cannot be trusted, so domain and task
 * references are not checked: one broken exam.yaml should not bury its own diagnostic
 * under one error per question.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"

static void qerror(loader *ld, const mx_question *q, ypos pos, const char *fmt, ...)
    MX_PRINTF(4, 5);

static void qerror(loader *ld, const mx_question *q, ypos pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	mx_diag_vadd(ld->diags, MX_SEV_ERROR, q->file, pos.line, pos.column, fmt, ap);
	va_end(ap);
}

static void domain_range(const mx_profile *p, char *buf, size_t size)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < p->ndomains && used + 16 < size; i++)
		used += (size_t)snprintf(buf + used, size - used, "%s%d", i ? ", " : "",
					 p->domains[i].id);
}

static void resolve_domain(loader *ld, mx_question *q, const pending *pd)
{
	const mx_profile *p = &ld->bank->profile;
	unsigned long id = 0;
	long d = -1;
	if (parse_count(pd->domain, 1000000, &id))
		d = mx_profile_find_domain(p, (int)id);
	if (d < 0) {
		char range[128];
		domain_range(p, range, sizeof range);
		qerror(ld, q, pd->domain_pos,
		       "question '%s': domain '%s' is not a domain of this exam (%s)", q->id,
		       pd->domain, range);
		return;
	}
	q->domain = (size_t)d;
	if (!pd->task)
		return;
	const mx_domain *dom = &p->domains[d];
	for (size_t t = 0; t < dom->ntasks; t++)
		if (strcmp(dom->tasks[t].id, pd->task) == 0) {
			q->task = (long)t;
			return;
		}
	if (dom->ntasks == 0)
		qerror(ld, q, pd->task_pos,
		       "question '%s': task '%s' given, but domain %d lists no tasks", q->id,
		       pd->task, dom->id);
	else
		qerror(ld, q, pd->task_pos,
		       "question '%s': task '%s' is not a task of domain %d (%s-%s)", q->id,
		       pd->task, dom->id, dom->tasks[0].id, dom->tasks[dom->ntasks - 1].id);
}

static void resolve_ids(loader *ld)
{
	mx_bank *b = ld->bank;
	for (size_t i = 0; i < b->nquestions; i++) {
		mx_question *q = &b->questions[i];
		const pending *pd = &ld->pend[i];
		size_t v = i;
		int put = strmap_put(&b->qindex, q->id, strlen(q->id), &v);
		if (put < 0) {
			qerror(ld, q, pd->id_pos, "out of memory");
			return;
		}
		if (put == 0)
			qerror(ld, q, pd->id_pos,
			       "duplicate question id '%s' (first defined at %s:%u)", q->id,
			       b->questions[v].file, b->questions[v].line);
		if (b->id_pattern && mx_pattern_match(b->id_pattern, q->id, strlen(q->id)) != 1)
			qerror(ld, q, pd->id_pos, "question id '%s' does not match id_pattern '%s'",
			       q->id, b->profile.id_pattern);
	}
}

static int cmp_index(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return (x > y) - (x < y);
}

/* Builds each question's excludes list, both directions merged, sorted, unique. */
static void resolve_excludes(loader *ld)
{
	mx_bank *b = ld->bank;
	size_t *deg = calloc(b->nquestions + 1, sizeof *deg);
	size_t *pair = NULL, npair = 0, **lists = NULL;
	size_t total = 0;
	for (size_t i = 0; i < b->nquestions; i++)
		total += ld->pend[i].nexcludes;
	if (total)
		pair = malloc(2 * total * sizeof *pair);
	if (!deg || (total && !pair))
		goto out;
	for (size_t i = 0; i < b->nquestions; i++) {
		const pending *pd = &ld->pend[i];
		mx_question *q = &b->questions[i];
		for (size_t k = 0; k < pd->nexcludes; k++) {
			size_t j;
			const char *id = pd->excludes[k];
			if (!strmap_get(&b->qindex, id, strlen(id), &j)) {
				qerror(ld, q, pd->exclude_pos[k],
				       "question '%s': excludes '%s', which is not a question of "
				       "this bank",
				       q->id, id);
			} else if (j == i) {
				qerror(ld, q, pd->exclude_pos[k], "question '%s' excludes itself",
				       q->id);
			} else {
				pair[2 * npair] = i;
				pair[2 * npair + 1] = j;
				npair++;
				deg[i]++;
				deg[j]++;
			}
		}
	}
	lists = calloc(b->nquestions + 1, sizeof *lists);
	if (!lists)
		goto out;
	for (size_t i = 0; i < b->nquestions; i++)
		if (deg[i] && !(lists[i] = arena_alloc(&b->arena, deg[i] * sizeof **lists)))
			goto out;
	for (size_t i = 0; i < b->nquestions; i++)
		deg[i] = 0;
	for (size_t k = 0; k < npair; k++) {
		size_t i = pair[2 * k], j = pair[2 * k + 1];
		lists[i][deg[i]++] = j;
		lists[j][deg[j]++] = i;
	}
	for (size_t i = 0; i < b->nquestions; i++) {
		size_t *v = lists[i], n = 0;
		if (deg[i] > 1) /* a hostile bank may give one question thousands */
			qsort(v, deg[i], sizeof *v, cmp_index);
		for (size_t a = 0; a < deg[i]; a++)
			if (n == 0 || v[n - 1] != v[a])
				v[n++] = v[a];
		b->questions[i].excludes = v;
		b->questions[i].nexcludes = n;
	}
out:
	free(lists);
	free(deg);
	free(pair);
}

void resolve_questions(loader *ld)
{
	mx_bank *b = ld->bank;
	resolve_ids(ld);
	for (size_t i = 0; i < b->nquestions; i++) {
		mx_question *q = &b->questions[i];
		const pending *pd = &ld->pend[i];
		if (ld->profile_ok && pd->domain)
			resolve_domain(ld, q, pd);
		if (pd->case_id) {
			size_t c;
			if (strmap_get(&b->cindex, pd->case_id, strlen(pd->case_id), &c))
				q->case_index = (long)c;
			else
				qerror(ld, q, pd->case_pos,
				       "question '%s': case '%s' is not a case of this bank", q->id,
				       pd->case_id);
		}
	}
	resolve_excludes(ld);
}
