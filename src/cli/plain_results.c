/*
 * plain_results.c - plain mode after the exam: the score report, then questions
 * reviewed on request (a number, :wrong, :flagged or :all), and a drill's summary.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plain.h"

void plain_print_review(const mx_review *rv, int width)
{
	char mark[64], prefix[96];
	for (size_t k = 0; k < rv->nprompts; k++) {
		const mx_review_prompt *rp = &rv->prompts[k];
		mx_review_prompt_mark(rp, mark, sizeof mark);
		snprintf(prefix, sizeof prefix, "  %d. [%s] ", rp->number, mark);
		print_hanging(stdout, prefix, rp->text, 5, width);
		if (rp->why)
			print_wrapped(stdout, rp->why, 5, width);
	}
	for (size_t k = 0; k < rv->nchoices; k++) {
		const mx_review_choice *rc = &rv->choices[k];
		mx_review_choice_mark(rc, mark, sizeof mark);
		snprintf(prefix, sizeof prefix, *mark ? "  %c. [%s] " : "  %c. %s", rc->letter,
			 mark);
		print_hanging(stdout, prefix, rc->text, 5, width);
		if (rc->why)
			print_wrapped(stdout, rc->why, 5, width);
	}
	printf("Correct answer: %s\nYour answer:    %s\n", rv->key,
	       *rv->response ? rv->response : "(none)");
	if (rv->explanation)
		print_wrapped(stdout, rv->explanation, 0, width);
	for (size_t r = 0; r < rv->question->references.n; r++)
		printf("  %s\n", rv->question->references.v[r]);
}

/* Question i reviewed after the exam: whether it was right, its stem, then its review. */
static void review_question(const mx_attempt *a, const mx_score *s, size_t i, int width)
{
	const mx_form_item *it = &a->form->items[i];
	mx_review rv;
	mx_review_item(a->form, i, &a->items[i].response, &rv);
	printf("\nQuestion %zu (%s): %s%s\n", i + 1, rv.question->id,
	       s->credited[i] ? "correct"
	       : rv.answered  ? "wrong"
			      : "unanswered",
	       it->scored ? "" : ", unscored");
	print_wrapped(stdout, rv.question->stem, 0, width);
	plain_print_review(&rv, width);
}

void plain_results(plain *p, const mx_score *s)
{
	printf("\n");
	print_score_report(p->a->form, s);
	printf("\nType a question number to review it, :wrong or :flagged to review those, "
	       ":all for every question, or an empty line to finish.\n");
	char line[LINE_MAX_BYTES];
	for (;;) {
		printf("review> ");
		fflush(stdout);
		int rc = read_line(&p->in, -1, line, sizeof line);
		if (rc == LINE_TOO_LONG)
			continue;
		if (rc != LINE_OK || !line[0])
			break;
		if (p->echo)
			printf("%s\n", line);
		char *end;
		long n = strtol(line, &end, 10);
		bool wrong = !strcmp(line, ":wrong"), flagged = !strcmp(line, ":flagged");
		if (!*end && n >= 1 && (size_t)n <= p->a->form->n) {
			review_question(p->a, s, (size_t)n - 1, p->width);
		} else if (wrong || flagged || !strcmp(line, ":all")) {
			for (size_t i = 0; i < p->a->form->n; i++)
				if ((!wrong || !s->credited[i]) &&
				    (!flagged || p->a->items[i].flagged))
					review_question(p->a, s, i, p->width);
		} else {
			printf("Type a number from 1 to %zu, :wrong, :flagged, :all, or an empty "
			       "line.\n",
			       p->a->form->n);
		}
	}
}

void plain_drill_summary(const plain *p, const mx_score *s)
{
	const mx_attempt *a = p->a;
	const mx_profile *pr = mx_bank_profile(a->form->bank);
	printf("\nDrill finished: %zu of %zu right (%.0f%%).\n", s->correct, s->questions,
	       s->questions ? 100.0 * (double)s->correct / (double)s->questions : 0);
	for (size_t d = 0; d < pr->ndomains; d++)
		if (s->domains[d].total)
			printf("  %-3d %3zu/%-3zu  %s\n", pr->domains[d].id, s->domains[d].correct,
			       s->domains[d].total, pr->domains[d].name);
	size_t missed = s->questions - s->correct;
	if (missed)
		printf("Drill the ones you missed again with: mockexam drill %s --missed\n",
		       pr->id);
}
