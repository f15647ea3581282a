/*
 * cli.h - what the mockexam program's files share: parsed options, the bank search
 * path and output helpers.  Subcommands live one per file (cmd_*.c); each parses its
 * options through cli_parse() and does its work through the library.
 */
#ifndef MX_CLI_H
#define MX_CLI_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "mockexam/bank.h"
#include "mockexam/catalog.h"
#include "mockexam/error.h"
#include "clock.h"
#include "mockexam/attempt.h"
#include "mockexam/form.h"
#include "mockexam/history.h"
#include "mockexam/review.h"
#include "mockexam/score.h"

/* Exit statuses of cli.md. */
enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_SYSTEM = 3 };

/* Options; a command names the ones it takes in its option mask. */
enum cli_opt {
	O_BANKS = 1u << 0,
	O_DB = 1u << 1,
	O_SEED = 1u << 2,
	O_JSON = 1u << 3,
	O_QUESTIONS = 1u << 4,
	O_WITH_ANSWERS = 1u << 5,
	O_ANSWERS = 1u << 6,
	O_PRETEST = 1u << 7,
	O_LIMITS = 1u << 8,  /* --max-file-size, --max-depth, --max-scalar */
	O_WERROR = 1u << 9,  /* --werror, --summary */
	O_TIMING = 1u << 10, /* --minutes, --extra-time, --untimed */
	O_PLAIN = 1u << 11,
	O_DRILL = 1u << 12,   /* --domain, --task, --match, --type, --missed, --flagged, --weakest,
			       --due, --exam-date, --count, --timed */
	O_WINDOW = 1u << 13,  /* --since, --last */
	O_FORMATS = 1u << 14, /* --csv, --html */
	O_SERVE = 1u << 15,   /* --listen, --port, --token */
	O_DELETE = 1u << 16,  /* --delete, --yes */
};

typedef struct cli {
	const char *command;
	const char **banks; /* --banks, in order */
	size_t nbanks;
	const char *db;
	bool json;
	bool has_seed;
	uint64_t seed;
	size_t questions;
	bool with_answers;
	const char *answers;
	bool pretest;
	bool werror;
	bool summary;		    /* lint --summary */
	const char *listen, *token; /* serve */
	long delete_id;		    /* history --delete; 0: none */
	bool yes;		    /* history --delete without asking */
	unsigned port;
	double minutes; /* --minutes; < 0 when not given */
	double extra_minutes;
	bool untimed;
	bool plain;
	int domains[16]; /* --domain, repeatable */
	size_t ndomains;
	const char *task;
	const char *match;
	int type; /* -1: any */
	bool missed, flagged, weakest, due, timed;
	int64_t exam_date; /* Unix seconds, 0: none */
	size_t count;
	int64_t since; /* Unix seconds, 0: all */
	size_t last;
	bool csv;
	const char *html;
	mx_limits limits;
	char **args; /* operands */
	int nargs;
} cli;

typedef struct command {
	const char *name;
	const char *synopsis;
	const char *summary;
	unsigned options;
	int min_args, max_args; /* max -1: any */
	int (*run)(cli *c);
	const char *help; /* the command's own --help text, after the synopsis */
} command;

/* Parses argv (after the command name) for cmd; exits 2 with a message on bad usage. */
int cli_parse(cli *c, const command *cmd, int argc, char **argv);
int cli_usage_error(const command *cmd, const char *fmt, ...) MX_PRINTF(2, 3);

/* ---- banks (banks.c) ---- */

/* The search path of cli.md; free with cli_roots_free(). */
char **cli_roots(const cli *c, size_t *n);
void cli_roots_free(char **roots, size_t n);
/* The directory of the bank with this exam id on the search path, or NULL (quietly). */
char *cli_find_exam(const cli *c, const char *id);
/* Resolves EXAM (an id or a path) to a bank directory; prints why not and returns NULL. */
char *cli_resolve(const cli *c, const char *exam, int *status);
/* Resolves and loads a bank, printing its diagnostics; NULL and *status on failure. */
mx_bank *cli_load(const cli *c, const char *exam, int *status);
int cli_status(mx_status st);
/* Prints "mockexam CMD: [file: ]message" for a failed call; returns its exit status. */
int cli_fail(const char *cmd, const mx_error *err);

/* ---- history and attempts (session.c) ---- */

/* The history database path of cli.md: --db, $MOCKEXAM_DB, XDG, ~/.local/share. */
char *cli_db_path(const cli *c);
/*
 * The bank an attempt was taken on: by its exam id on the search path, else in the
 * directory it was taken from; with a note when its content has changed since.
 */
mx_bank *cli_load_attempt_bank(const cli *c, const char *cmd, mx_history *h,
			       const mx_attempt_info *info, int *status);
/* Opens the history database, printing why not (and setting *status) on failure. */
struct mx_history *cli_open_history(const cli *c, int *status);
/* The same for commands that only read: a history that cannot be written is read. */
struct mx_history *cli_open_history_read(const cli *c, int *status);
/*
 * Runs an attempt in the plain or full-screen front end, then shows its results; notice
 * (may be NULL) is said once at the start.
 */
int run_attempt(const cli *c, mx_attempt *a, bool resumed, const char *notice);
/* The plain, line-by-line front end (plain.c). */
int plain_run(mx_attempt *a, bool resumed, const char *notice);

/* ---- output (output.c) ---- */

void print_diags(mx_diags *d);
int print_json(json_t *doc); /* takes the reference */
/* A key or response in the JSON form of an answer sheet (string, list or object). */
json_t *json_keys(const mx_question *q, const mx_keys *k, const char *text);
/* Choices as [{"key", "text"}], in the given order (NULL: file order). */
/*
 * The JSON documents of the commands, shared with mockexam serve: list's entry for one
 * bank, history's attempt, build's question (with the answer and reasons when answers),
 * grade's report.
 */
json_t *list_exam_json(const char *dir, const mx_bank *bank);
json_t *info_json(const mx_attempt_info *in);
json_t *question_json(const mx_form *f, size_t i, bool answers);
json_t *grade_json(const mx_form *f, const mx_response *r, const mx_score *s);
struct mx_report;
json_t *report_json(const struct mx_report *r);
/* YYYY-MM-DD as local midnight in Unix seconds; false unless the calendar has that day. */
bool parse_date(const char *s, int64_t *out);

/* lint --summary (lint_summary.c): one bank's table, from the diagnostics found from
 * first_diag on. */
void lint_summary_print(FILE *f, const mx_bank *b, const mx_diags *d, size_t first_diag);
json_t *lint_summary_json(const mx_bank *b, const mx_diags *d, size_t first_diag);

/*
 * Choices as JSON in the order shown (order NULL: as in the bank), each with its bank
 * key, the letter shown and the text; with why, also its reason (null when none).
 */
json_t *json_choices(const mx_choice *c, const uint8_t *order, size_t n, const char *const *why);
json_t *json_percent(double v); /* rounded to two decimals */
json_t *json_number(double v);	/* an integer when whole */
int term_width(void);
bool utf8_output(void);
/*
 * Prints text wrapped at width: lines of a paragraph are joined and re-wrapped, blank
 * lines kept, indented lines (code, lists) printed as written.  print_hanging() prints
 * prefix first and indents the following lines by indent.
 */
void print_wrapped(FILE *f, const char *text, int indent, int width);
void print_hanging(FILE *f, const char *prefix, const char *text, int indent, int width);
void print_bar(FILE *f, double percent, int width);
void print_retired_note(FILE *f, const mx_profile *p);
/* The note a retired exam's mock carries; false when the exam is not retired. */
bool format_retired_note(const mx_profile *p, char *buf, size_t size);
/* The score report of grade and of a finished mock exam (report.c). */
void print_score_report(const mx_form *f, const mx_score *s);

/* Builds the form the exam options describe (shared by build and grade). */
int build_form(const cli *c, const mx_bank *b, uint64_t seed, mx_form **out);

/* The weakness report as a self-contained HTML page (report_html.c). */
struct mx_report;
int report_html(const struct mx_report *r, const char *path);

/* ---- commands ---- */

extern const command cmd_list, cmd_lint, cmd_build, cmd_grade, cmd_take, cmd_resume, cmd_history,
    cmd_drill, cmd_report, cmd_stats, cmd_serve;

#endif
