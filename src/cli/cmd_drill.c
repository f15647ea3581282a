/*
 * cmd_drill.c - `mockexam drill EXAM`: practice with feedback after every question,
 * aimed by domain, task, type, pattern, weakness, misses or review schedule.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "mockexam/drill.h"
#include "mockexam/rng.h"

static int select_questions(const cli *c, mx_history *h, const mx_bank *b, uint64_t seed,
			    size_t **qs, size_t *n)
{
	mx_drill_spec spec = {.domains = c->domains,
			      .ndomains = c->ndomains,
			      .task = c->task,
			      .match = c->match,
			      .type = c->type,
			      .missed = c->missed,
			      .flagged = c->flagged,
			      .weakest = c->weakest,
			      .due = c->due,
			      .now = (int64_t)time(NULL),
			      .exam_date = c->exam_date,
			      .count = c->count,
			      .seed = seed};
	const mx_profile *p = mx_bank_profile(b);
	for (size_t i = 0; i < c->ndomains; i++)
		if (mx_profile_find_domain(p, c->domains[i]) < 0) {
			fprintf(stderr, "mockexam drill: %s has no domain %d\n", p->id,
				c->domains[i]);
			return EXIT_INPUT;
		}
	mx_error err;
	if (mx_drill_select(h, b, &spec, qs, n, &err) != MX_OK)
		return cli_fail("drill", &err);
	if (*n == 0) { /* not a fault: say why, and what to try */
		char why[256], next[128];
		mx_drill_advice(&spec, b, why, sizeof why, next, sizeof next);
		printf("Nothing to drill: %s.\nTry: %s\n", why, next);
	}
	return EXIT_OK;
}

static int run_drill(cli *c)
{
	int rc = EXIT_OK;
	mx_bank *b = cli_load(c, c->args[0], &rc);
	if (!b)
		return rc;
	mx_history *h = cli_open_history(c, &rc);
	size_t *qs = NULL, n = 0;
	uint64_t seed = c->has_seed ? c->seed : mx_seed_from_os();
	if (h)
		rc = select_questions(c, h, b, seed, &qs, &n);
	bool go = h && rc == EXIT_OK && n > 0; /* nothing to drill was said, and is no fault */
	mx_form *f = NULL;
	mx_attempt *a = NULL;
	if (go && mx_form_custom(b, seed, qs, n, &f) != MX_OK)
		rc = EXIT_SYSTEM;
	/* A timed drill keeps the real exam's pace: the duration scaled to its length, as
	 * for a mini mock (mx_scaled_minutes()). */
	int64_t limit = c->timed ? (int64_t)mx_scaled_minutes(mx_bank_profile(b), n) * 60000 : 0;
	if (go && rc == EXIT_OK && mx_attempt_new(f, limit, &a) != MX_OK)
		rc = EXIT_SYSTEM;
	mx_error err;
	if (go && rc == EXIT_OK && mx_history_start(h, a, "drill", &err) != MX_OK)
		rc = cli_fail("drill", &err);
	if (go && rc == EXIT_OK)
		rc = run_attempt(c, a, false, NULL);
	mx_attempt_free(a);
	mx_form_free(f);
	free(qs);
	mx_history_close(h);
	mx_bank_free(b);
	return rc;
}

const command cmd_drill = {
    .name = "drill",
    .synopsis =
	"drill EXAM [--domain D]... [--task T] [--match REGEX] [--type TYPE] "
	"[--missed] [--flagged] [--weakest] [--due [--exam-date DATE]] [--count N] [--timed]",
    .summary = "practice with feedback after every question, aimed where you are weak",
    .options = O_BANKS | O_DB | O_SEED | O_DRILL | O_PLAIN | O_LIMITS,
    .min_args = 1,
    .max_args = 1,
    .run = run_drill,
    .help = "Questions one at a time, each followed by every option with its reason, the\n"
	    "answer, the explanation and the references.  Text questions take part,\n"
	    "answered by typing.  Every response is saved to history as a drill.  When\n"
	    "nothing fits the filters, it says why and what to try, and exits 0.\n\n"
	    "Options (filters combine):\n"
	    "  --domain D       questions of domain D (repeatable)\n"
	    "  --task T         questions of task statement T, such as 3.2\n"
	    "  --match REGEX    a PCRE2 pattern over stem, choices, reasons, explanation and tags\n"
	    "                   ((?i) at its start ignores case)\n"
	    "  --type TYPE      single, multiple, ordering, matching or text\n"
	    "  --missed         questions whose latest response was wrong\n"
	    "  --flagged        questions flagged the last time they were shown\n"
	    "  --weakest        the weakest task statements first, by weight x (1 - mastery)\n"
	    "  --due            questions due for review (spaced repetition)\n"
	    "  --exam-date D    with --due: intervals end before the exam on D (YYYY-MM-DD)\n"
	    "  --count N        at most N questions (default 20)\n"
	    "  --timed          a time limit at the exam's pace\n"
	    "  --seed N         the order of the questions and choices\n"
	    "  --plain          line by line even on a terminal\n"
	    "  --db PATH        the history database",
};
