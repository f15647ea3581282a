/*
 * report.c - the score report a person reads after grade or a mock exam: the result,
 * the scaled score against the passing score, the domains with bars and status, the
 * task statements to work on, and the compensatory-scoring note.
 */
#include <stdio.h>

#include "cli.h"

/* The task statements below the cut, weakest first: where to study next. */
static void print_weak_tasks(const mx_profile *p, const mx_score *s, int width)
{
	const mx_tally *worst[256];
	const mx_task *task[256];
	size_t n = 0;
	for (size_t d = 0; d < p->ndomains; d++)
		for (size_t t = 0; t < p->domains[d].ntasks && n < 256; t++)
			if (s->tasks[d][t].total && !s->tasks[d][t].meets) {
				worst[n] = &s->tasks[d][t];
				task[n++] = &p->domains[d].tasks[t];
			}
	if (n == 0)
		return;
	for (size_t i = 1; i < n; i++) /* insertion sort by percent, stable */
		for (size_t j = i; j > 0 && worst[j - 1]->percent > worst[j]->percent; j--) {
			const mx_tally *t = worst[j];
			const mx_task *k = task[j];
			worst[j] = worst[j - 1];
			task[j] = task[j - 1];
			worst[j - 1] = t;
			task[j - 1] = k;
		}
	printf("\n  Task statements to work on, weakest first:\n");
	for (size_t i = 0; i < n; i++) {
		char prefix[48];
		snprintf(prefix, sizeof prefix, "  %5s %3zu/%-3zu ", task[i]->id, worst[i]->correct,
			 worst[i]->total);
		print_hanging(stdout, prefix, task[i]->name, 17, width);
	}
}

void print_score_report(const mx_form *f, const mx_score *s)
{
	const mx_profile *p = mx_bank_profile(f->bank);
	printf("%s (%s), seed %llu\n\n", p->title, p->id, (unsigned long long)f->seed);
	printf("  Result:        %s\n", s->passed ? "PASS" : "FAIL");
	printf("  Scaled score:  %d  (passing score %d; scale %d-%d)\n", s->scaled,
	       p->passing_score, p->scale_lo, p->scale_hi);
	printf("  Raw score:     %zu of %zu scored questions correct (%.2f%%); %zu of %zu "
	       "answered\n\n",
	       s->correct, s->scored, s->percent, s->answered, s->questions);
	int width = term_width();
	for (size_t d = 0; d < p->ndomains; d++) {
		const mx_tally *t = &s->domains[d];
		char prefix[16];
		snprintf(prefix, sizeof prefix, "  %-3d", p->domains[d].id);
		print_hanging(stdout, prefix, p->domains[d].name, 5, width);
		printf("     %5g%% of the exam  %3zu/%-3zu %4.0f%%  ", p->domains[d].weight,
		       t->correct, t->total, t->percent);
		print_bar(stdout, t->percent, 16);
		/* a mini mock can leave a domain out: no label for what was not asked */
		printf("  %s\n", !t->total  ? "no questions in this exam"
				 : t->meets ? "Meets competencies"
					    : "Needs improvement");
	}
	print_weak_tasks(p, s, width);
	printf(
	    "\n  Each domain shows the share of its questions you got right; \"meets\" means at\n"
	    "  least %.1f%%, the share that corresponds to the passing score. Scoring is\n"
	    "  compensatory: only the overall scaled score decides pass or fail, so you do\n"
	    "  not need to meet every domain.\n",
	    100 * p->cut);
}
