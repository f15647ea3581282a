/*
 * cmd_take.c - `mockexam take EXAM` and `mockexam resume [ATTEMPT]`: a timed mock exam
 * saved as it goes, and taking one up again where it stopped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "mockexam/rng.h"

/* The time limit in ms: --minutes, or the profile's scaled to the exam; plus extra time. */
static int64_t limit_ms(const cli *c, const mx_form *f)
{
	if (c->untimed)
		return 0;
	double minutes = c->minutes > 0 ? c->minutes : f->minutes;
	return (int64_t)((minutes + c->extra_minutes) * 60000 + 0.5);
}

/*
 * Builds take's form; without a seed, unseen questions come first and *fresh says how
 * many of the form's are new to the candidate (-1 with a seed).
 */
static int build_take_form(const cli *c, const mx_bank *b, mx_history *h, mx_form **out,
			   long *fresh)
{
	int64_t *seen = NULL;
	uint64_t seed = c->seed;
	if (!c->has_seed) {
		/* No seed: prefer questions never seen, then those seen longest ago. */
		seed = mx_seed_from_os();
		seen = calloc(mx_bank_count(b) + 1, sizeof *seen);
		mx_error err;
		if (!seen)
			mx_error_set(&err, MX_ERR_NOMEM, "out of memory");
		if (!seen || mx_history_last_seen(h, b, seen, &err) != MX_OK) {
			free(seen);
			return cli_fail("take", &err);
		}
	}
	mx_form_spec spec = {
	    .seed = seed, .questions = c->questions, .pretest = c->pretest, .last_seen = seen};
	mx_diags d;
	mx_diags_init(&d);
	mx_status st = mx_form_build(b, &spec, &d, out);
	print_diags(&d);
	mx_diags_free(&d);
	*fresh = st == MX_OK && seen ? (long)mx_form_unseen(*out, seen) : -1;
	free(seen);
	return cli_status(st);
}

static int run_take(cli *c)
{
	int rc = EXIT_OK;
	if (c->untimed && (c->minutes > 0 || c->extra_minutes > 0))
		return cli_usage_error(
		    &cmd_take, "--untimed cannot be combined with --minutes or --extra-time");
	mx_bank *b = cli_load(c, c->args[0], &rc);
	if (!b)
		return rc;
	mx_history *h = cli_open_history(c, &rc);
	mx_form *f = NULL;
	mx_attempt *a = NULL;
	long fresh = -1;
	if (h)
		rc = build_take_form(c, b, h, &f, &fresh);
	if (rc == EXIT_OK && mx_attempt_new(f, limit_ms(c, f), &a) != MX_OK)
		rc = EXIT_SYSTEM;
	mx_error err;
	if (rc == EXIT_OK && mx_history_start(h, a, "exam", &err) != MX_OK)
		rc = cli_fail("take", &err);
	if (rc == EXIT_OK) {
		/* Said before the first question: repeats measure memory, not knowledge. */
		char note[1024] = "", *end = note;
		if (fresh >= 0)
			end += snprintf(note, sizeof note, "%ld of %zu questions are new to you%s ",
					fresh, f->n,
					fresh == 0 ? ": the bank is used up, every question is one "
						     "you have seen."
					: (size_t)fresh < f->n ? "; the rest are those you saw "
								 "longest ago."
							       : ".");
		if (!format_retired_note(mx_bank_profile(b), end,
					 sizeof note - (size_t)(end - note)) &&
		    end > note)
			end[-1] = '\0'; /* no note follows: no space either */
		rc = run_attempt(c, a, false, *note ? note : NULL);
	}
	mx_attempt_free(a);
	mx_form_free(f);
	mx_history_close(h);
	mx_bank_free(b);
	return rc;
}

static int run_resume(cli *c)
{
	long id = 0;
	if (c->nargs) {
		char *end;
		id = strtol(c->args[0], &end, 10);
		if (*end || id <= 0)
			return cli_usage_error(&cmd_resume, "'%s' is not an attempt number",
					       c->args[0]);
	}
	int rc = EXIT_OK;
	mx_history *h = cli_open_history(c, &rc);
	if (!h)
		return rc;
	mx_attempt_info info;
	mx_error err;
	mx_status st = mx_history_get(h, id, &info, &err);
	if (st == MX_OK && info.finished) {
		fprintf(stderr,
			"mockexam resume: attempt %ld is finished; 'mockexam history' lists "
			"attempts\n",
			id);
		st = MX_ERR_INPUT;
	} else if (st != MX_OK) {
		cli_fail("resume", &err);
	}
	mx_bank *b = st == MX_OK ? cli_load_attempt_bank(c, "resume", h, &info, &rc) : NULL;
	mx_form *f = NULL;
	mx_attempt *a = NULL;
	if (b && (st = mx_history_resume(h, b, &info, &f, &a, &err)) != MX_OK)
		fprintf(stderr, "mockexam resume: attempt %ld: %s\n", info.id,
			mx_error_message(&err));
	if (st != MX_OK)
		rc = cli_status(st);
	else if (b)
		rc = run_attempt(c, a, true, NULL);
	mx_attempt_free(a);
	mx_form_free(f);
	mx_bank_free(b);
	mx_history_close(h);
	return rc;
}

const command cmd_take = {
    .name = "take",
    .synopsis = "take EXAM [--seed N] [--questions N] [--minutes M | --untimed] "
		"[--extra-time M] [--pretest] [--plain]",
    .summary = "a timed mock exam, saved as you go",
    .options = O_BANKS | O_DB | O_SEED | O_QUESTIONS | O_PRETEST | O_TIMING | O_PLAIN | O_LIMITS,
    .min_args = 1,
    .max_args = 1,
    .run = run_take,
    .help = "Starts a timed mock exam with the real exam's question count, time and domain\n"
	    "weights.  Every answer is saved as you give it; if the exam is interrupted,\n"
	    "'mockexam resume' continues it.  Without --seed, questions you have never seen\n"
	    "come first, then those seen longest ago; with --seed you get exactly the exam\n"
	    "'mockexam build EXAM --seed N' prints.\n\n"
	    "On a terminal the exam is full screen (press ? for the keys); with --plain, or\n"
	    "when input or output is not a terminal, it runs line by line: answer with the\n"
	    "letters shown, ':help' lists the commands (see docs/plain-mode.md).\n\n"
	    "Options:\n"
	    "  --seed N          the exam of this seed\n"
	    "  --questions N     a mini mock of N questions, the time scaled to N\n"
	    "  --minutes M       a time limit of M minutes (decimals allowed)\n"
	    "  --extra-time M    M more minutes (30 for the ESL accommodation)\n"
	    "  --untimed         no time limit\n"
	    "  --pretest         leave the profile's unscored questions unscored, unrevealed\n"
	    "  --plain           line by line even on a terminal\n"
	    "  --db PATH         the history database\n"
	    "  --banks DIR       look for banks in DIR first (repeatable)",
};

const command cmd_resume = {
    .name = "resume",
    .synopsis = "resume [ATTEMPT] [--plain] [--db PATH]",
    .summary = "continue an interrupted exam or drill where it stopped",
    .options = O_BANKS | O_DB | O_PLAIN | O_LIMITS,
    .min_args = 0,
    .max_args = 1,
    .run = run_resume,
    .help =
	"Continues the latest unfinished exam or drill, or attempt ATTEMPT ('mockexam history'\n"
	"lists them), with the same questions in the same order, your answers, flags\n"
	"and struck options, and the time left when it stopped.\n\n"
	"Options:\n"
	"  --plain       line by line even on a terminal\n"
	"  --db PATH     the history database\n"
	"  --banks DIR   look for banks in DIR first (repeatable)",
};
