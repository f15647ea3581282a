/*
 * lint.c - the warnings of bank-format.md: findings that do not make a bank unusable
 * but make it worse.  Errors are the loader's; these run on a bank that loaded.
 *
 * The key-letter check compares each letter's count with what chance gives when every
 * option of a question is equally likely to be the key: the expectation and variance
 * sum over questions (a Poisson binomial), and a letter more than three standard
 * deviations above its expectation is reported.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cues.h"
#include "loader.h"
#include "mockexam/blueprint.h"

enum { MIN_KEYED = 8 }; /* fewer single-answer questions than this say nothing */

/* Lower-cases and collapses white space, so trivial edits do not hide a duplicate. */
static char *normalise(const char *s)
{
	size_t n = strlen(s);
	char *out = malloc(n + 1), *o = out;
	if (!out)
		return NULL;
	bool space = true;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (isspace(c)) {
			if (!space)
				*o++ = ' ';
			space = true;
		} else {
			*o++ = (char)tolower(c);
			space = false;
		}
	}
	if (o > out && o[-1] == ' ')
		o--;
	*o = '\0';
	return out;
}

static mx_status lint_stems(const mx_bank *b, mx_diags *diags)
{
	strmap seen;
	strmap_init(&seen);
	char **norm = calloc(b->nquestions ? b->nquestions : 1, sizeof *norm);
	mx_status st = norm ? MX_OK : MX_ERR_NOMEM;
	for (size_t i = 0; i < b->nquestions && st == MX_OK; i++) {
		const mx_question *q = &b->questions[i];
		norm[i] = normalise(q->stem);
		size_t first = i;
		int put = norm[i] ? strmap_put(&seen, norm[i], strlen(norm[i]), &first) : -1;
		if (put < 0)
			st = MX_ERR_NOMEM;
		else if (put == 0)
			mx_diag_add(diags, MX_SEV_WARNING, q->file, q->line, q->column,
				    "question '%s' has the same stem as '%s' (%s:%u)", q->id,
				    b->questions[first].id, b->questions[first].file,
				    b->questions[first].line);
	}
	for (size_t i = 0; norm && i < b->nquestions; i++)
		free(norm[i]);
	free(norm);
	strmap_free(&seen);
	return st;
}

static void lint_counts(const mx_bank *b, mx_diags *diags)
{
	const mx_profile *p = &b->profile;
	size_t need[64], have[64] = {0};
	if (mx_blueprint(p, 0, need) != MX_OK)
		return;
	for (size_t i = 0; i < b->nquestions; i++)
		if (b->questions[i].type != MX_TYPE_TEXT)
			have[b->questions[i].domain]++;
	for (size_t d = 0; d < p->ndomains; d++)
		if (have[d] < need[d])
			mx_diag_add(
			    diags, MX_SEV_WARNING, p->file, p->domains[d].line,
			    p->domains[d].column,
			    "domain %d has %zu question%s; one exam of %u draws %zu from it",
			    p->domains[d].id, have[d], have[d] == 1 ? "" : "s", p->question_count,
			    need[d]);
}

static void lint_key_letters(const mx_bank *b, mx_diags *diags)
{
	const mx_profile *p = &b->profile;
	for (size_t d = 0; d < p->ndomains; d++) {
		size_t count[MX_MAX_OPTIONS] = {0}, n = 0;
		double mean[MX_MAX_OPTIONS] = {0}, var[MX_MAX_OPTIONS] = {0};
		for (size_t i = 0; i < b->nquestions; i++) {
			const mx_question *q = &b->questions[i];
			if (q->domain != d || q->type != MX_TYPE_SINGLE)
				continue;
			n++;
			count[q->answer.k[0]]++;
			double pr = 1.0 / (double)q->noptions;
			for (size_t o = 0; o < q->noptions; o++) {
				mean[o] += pr;
				var[o] += pr * (1 - pr);
			}
		}
		if (n < MIN_KEYED)
			continue;
		for (size_t o = 0; o < MX_MAX_OPTIONS; o++)
			if (var[o] > 0 && ((double)count[o] - mean[o]) / sqrt(var[o]) > 3.0)
				mx_diag_add(diags, MX_SEV_WARNING, p->file, p->domains[d].line,
					    p->domains[d].column,
					    "domain %d: %zu of its %zu single-answer keys are '%c' "
					    "(chance gives %.1f); spread the keys over the letters",
					    p->domains[d].id, count[o], n, 'A' + (int)o, mean[o]);
	}
}

static void lint_references(const mx_bank *b, mx_diags *diags)
{
	for (size_t i = 0; i < b->nquestions; i++) {
		const mx_question *q = &b->questions[i];
		if (q->references.n == 0)
			mx_diag_add(diags, MX_SEV_WARNING, q->file, q->line, q->column,
				    "question '%s' has no references", q->id);
	}
}

/* A format-1 bank loads, unshuffled; the warning says what moving to format 2 gives. */
static void lint_format(const mx_bank *b, mx_diags *diags)
{
	const mx_profile *p = &b->profile;
	if (p->format == 1)
		mx_diag_add(diags, MX_SEV_WARNING, p->file, p->format_line, p->format_column,
			    "bank format 1: explanations may name the bank's letters, so options "
			    "are shown in bank order, never shuffled; move to format 2, a reason "
			    "beside every option (docs/bank-format.md)");
}

mx_status mx_bank_lint(const mx_bank *b, mx_diags *diags)
{
	lint_format(b, diags);
	mx_status st = lint_stems(b, diags);
	if (st != MX_OK)
		return st;
	lint_counts(b, diags);
	lint_key_letters(b, diags);
	lint_references(b, diags);
	return cues_lint(b, diags);
}
