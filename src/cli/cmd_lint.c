/*
 * cmd_lint.c - `mockexam lint [EXAM...]`: every error and warning of the named banks,
 * or of every bank on the search path.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct lint_run {
	mx_diags diags;
	size_t banks, questions;
	int status;
	json_t *summaries;  /* --summary --json: one per bank that loaded */
	char *summary_text; /* --summary: the tables, printed after the diagnostics */
	size_t summary_len;
	FILE *summary;
} lint_run;

static void lint_dir(lint_run *run, const cli *c, const char *dir)
{
	mx_bank *b = NULL;
	size_t first = run->diags.count;
	mx_status st = mx_bank_load(dir, &c->limits, &run->diags, &b);
	if (st == MX_OK)
		st = mx_bank_lint(b, &run->diags);
	if (st != MX_OK && st != MX_ERR_INPUT)
		run->status = cli_status(st);
	run->banks++;
	if (b)
		run->questions += mx_bank_count(b);
	if (b && st == MX_OK && run->summaries)
		json_array_append_new(run->summaries, lint_summary_json(b, &run->diags, first));
	else if (b && st == MX_OK && run->summary)
		lint_summary_print(run->summary, b, &run->diags, first);
	mx_bank_free(b);
}

static int lint_all(lint_run *run, const cli *c)
{
	size_t nroots;
	char **roots = cli_roots(c, &nroots);
	mx_catalog *cat = NULL;
	/* The scan's findings (two banks with one id, among others) go in with the rest; a
	 * profile's errors, found again by the full load below, are dropped as duplicates. */
	mx_status st = roots ? mx_catalog_scan((const char *const *)roots, nroots, &c->limits,
					       &run->diags, &cat)
			     : MX_ERR_NOMEM;
	cli_roots_free(roots, nroots);
	if (st != MX_OK) {
		fprintf(stderr, "mockexam lint: cannot scan the bank search path: %s\n",
			mx_status_str(st));
		return EXIT_SYSTEM;
	}
	for (size_t i = 0; i < cat->n; i++)
		lint_dir(run, c, cat->entries[i].dir);
	mx_catalog_free(cat);
	return EXIT_OK;
}

static json_t *diags_json(const lint_run *run)
{
	json_t *list = json_array();
	for (size_t i = 0; i < run->diags.count; i++) {
		const mx_diag *g = &run->diags.items[i];
		json_array_append_new(
		    list, json_pack("{s:s, s:I, s:I, s:s, s:s}", "file", g->file, "line",
				    (json_int_t)g->line, "column", (json_int_t)g->column,
				    "severity", g->severity == MX_SEV_ERROR ? "error" : "warning",
				    "message", g->message));
	}
	json_t *o =
	    json_pack("{s:I, s:I, s:I, s:I, s:o}", "errors", (json_int_t)run->diags.errors,
		      "warnings", (json_int_t)run->diags.warnings, "banks", (json_int_t)run->banks,
		      "questions", (json_int_t)run->questions, "diagnostics", list);
	if (run->summaries)
		json_object_set(o, "summaries", run->summaries);
	return o;
}

/* Drops findings equal to the one before them (the list is sorted). */
static void unique(mx_diags *d)
{
	size_t n = 0;
	for (size_t i = 0; i < d->count; i++) {
		mx_diag *g = &d->items[i], *prev = n ? &d->items[n - 1] : NULL;
		if (prev && prev->line == g->line && prev->column == g->column &&
		    prev->severity == g->severity && !strcmp(prev->file, g->file) &&
		    !strcmp(prev->message, g->message)) {
			if (g->severity == MX_SEV_ERROR)
				d->errors--;
			else
				d->warnings--;
			free(g->file);
			free(g->message);
			continue;
		}
		d->items[n++] = *g;
	}
	d->count = n;
}

static int run_lint(cli *c)
{
	lint_run run;
	memset(&run, 0, sizeof run);
	mx_diags_init(&run.diags);
	int rc = EXIT_OK;
	if (c->summary && c->json)
		run.summaries = json_array();
	else if (c->summary)
		run.summary = open_memstream(&run.summary_text, &run.summary_len);
	if (c->summary && !run.summaries && !run.summary) {
		fprintf(stderr, "mockexam lint: out of memory\n");
		return EXIT_SYSTEM;
	}
	if (c->nargs == 0)
		rc = lint_all(&run, c);
	for (int i = 0; i < c->nargs; i++) { /* every operand, whatever befell the others */
		int one = EXIT_OK;
		char *dir = cli_resolve(c, c->args[i], &one);
		if (dir)
			lint_dir(&run, c, dir);
		free(dir);
		if (one > rc)
			rc = one;
	}
	mx_diags_sort(&run.diags);
	unique(&run.diags);
	if (rc != EXIT_SYSTEM || run.diags.count) { /* what was found is always shown */
		if (c->json) {
			/* The JSON is printed whatever the status; an operand that is no
			 * bank still makes it 1, as in the text form. */
			int out = print_json(diags_json(&run));
			if (out > rc)
				rc = out;
		} else {
			print_diags(&run.diags);
			fprintf(stderr, "%zu bank%s, %zu questions: %zu error%s, %zu warning%s\n",
				run.banks, run.banks == 1 ? "" : "s", run.questions,
				run.diags.errors, run.diags.errors == 1 ? "" : "s",
				run.diags.warnings, run.diags.warnings == 1 ? "" : "s");
		}
	}
	if (run.summary && fclose(run.summary) == 0 && run.summary_len) {
		fwrite(run.summary_text, 1, run.summary_len, stdout);
		if (fflush(stdout) != 0 && rc < EXIT_SYSTEM)
			rc = EXIT_SYSTEM;
	}
	free(run.summary_text);
	json_decref(run.summaries);
	if (run.status > rc)
		rc = run.status;
	if (rc == EXIT_OK && (run.diags.errors || (c->werror && run.diags.warnings)))
		rc = EXIT_INPUT;
	mx_diags_free(&run.diags);
	return rc;
}

const command cmd_lint = {
    .name = "lint",
    .synopsis = "lint [--json] [--werror] [--summary] [--banks DIR] [EXAM...]",
    .summary = "check banks: every error and warning, compiler style",
    .options = O_BANKS | O_JSON | O_WERROR | O_LIMITS,
    .min_args = 0,
    .max_args = -1,
    .run = run_lint,
    .help = "Checks the named banks (exam ids or bank directories), or every bank on the\n"
	    "search path, against the bank format, and prints each problem as\n"
	    "file:line:column: error|warning: message, then a summary line.\n\n"
	    "Options:\n"
	    "  --json               print {errors, warnings, diagnostics} as JSON\n"
	    "  --werror             exit 1 on warnings too\n"
	    "  --summary            per bank: questions per domain and task, types,\n"
	    "                       difficulties, key letters, cue warnings and the cues\n"
	    "                       questions accept (with --json: 'summaries')\n"
	    "  --banks DIR          look for banks in DIR first (repeatable)\n"
	    "  --max-file-size N    accept files up to N bytes (default 16 MiB)\n"
	    "  --max-depth N        accept nesting up to N levels (default 32)\n"
	    "  --max-scalar N       accept strings up to N bytes (default 64 KiB)\n\n"
	    "Exit status: 0 clean, 1 errors (or warnings with --werror), 2 usage, 3 system.",
};
