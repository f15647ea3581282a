/*
 * banks.c - the bank search path of cli.md and turning EXAM into a loaded bank.
 *
 * EXAM is a path when it contains a slash (or is . or ..); otherwise it is an exam id
 * looked up on the search path, and only when no bank has that id is it tried as a
 * directory name, so a stray directory in the working directory never hides a bank.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "config.h"

int cli_status(mx_status st)
{
	switch (st) {
	case MX_OK:
		return EXIT_OK;
	case MX_ERR_INPUT:
		return EXIT_INPUT;
	default:
		return EXIT_SYSTEM;
	}
}

int cli_fail(const char *cmd, const mx_error *err)
{
	fprintf(stderr, "mockexam %s: %s%s%s\n", cmd, err->file, err->file[0] ? ": " : "",
		mx_error_message(err));
	return cli_status(err->status);
}

static bool push(char ***v, size_t *n, const char *s, size_t len)
{
	char **nv = realloc(*v, (*n + 1) * sizeof *nv);
	if (!nv)
		return false;
	*v = nv;
	if (!(nv[*n] = strndup(s, len)))
		return false;
	(*n)++;
	return true;
}

char **cli_roots(const cli *c, size_t *n)
{
	char **v = NULL;
	bool ok = true;
	*n = 0;
	for (size_t i = 0; ok && i < c->nbanks; i++)
		ok = push(&v, n, c->banks[i], strlen(c->banks[i]));
	const char *env = getenv("MOCKEXAM_BANKS");
	while (ok && env && *env) {
		size_t len = strcspn(env, ":");
		if (len)
			ok = push(&v, n, env, len);
		env += len + (env[len] == ':');
	}
	if (ok)
		ok = push(&v, n, "question-banks", strlen("question-banks"));
	if (ok)
		ok = push(&v, n, MX_BANKDIR, strlen(MX_BANKDIR));
	if (!ok) {
		cli_roots_free(v, *n);
		*n = 0;
		return NULL;
	}
	return v;
}

void cli_roots_free(char **roots, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(roots[i]);
	free(roots);
}

/* Whether dir is itself a bank, as the catalog decides it: it holds exam.yaml. */
static bool is_bank(const cli *c, const char *dir)
{
	const char *const roots[] = {dir};
	mx_diags scratch; /* a broken exam.yaml is still a bank: loading it will say why */
	mx_diags_init(&scratch);
	mx_catalog *cat = NULL;
	bool yes = mx_catalog_scan(roots, 1, &c->limits, &scratch, &cat) == MX_OK && cat->n &&
		   !strcmp(cat->entries[0].dir, dir);
	mx_catalog_free(cat);
	mx_diags_free(&scratch);
	return yes;
}

static void print_known(const mx_catalog *cat)
{
	if (!cat || cat->n == 0) {
		fprintf(
		    stderr,
		    "mockexam: no banks were found on the search path; see 'mockexam --help'\n");
		return;
	}
	fprintf(stderr, "mockexam: the exams found are:");
	for (size_t i = 0; i < cat->n; i++)
		if (cat->entries[i].id)
			fprintf(stderr, " %s", cat->entries[i].id);
	fprintf(stderr, " (see 'mockexam list')\n");
}

/* Scans the search path; the catalog, or NULL with *st set. */
static mx_catalog *scan(const cli *c, mx_status *st)
{
	size_t nroots;
	char **roots = cli_roots(c, &nroots);
	mx_diags scratch; /* problems of other banks are not this command's business */
	mx_diags_init(&scratch);
	mx_catalog *cat = NULL;
	*st = roots
		  ? mx_catalog_scan((const char *const *)roots, nroots, &c->limits, &scratch, &cat)
		  : MX_ERR_NOMEM;
	mx_diags_free(&scratch);
	cli_roots_free(roots, nroots);
	return cat;
}

char *cli_find_exam(const cli *c, const char *id)
{
	mx_status st;
	mx_catalog *cat = scan(c, &st);
	const mx_catalog_entry *e = cat ? mx_catalog_find(cat, id) : NULL;
	char *dir = e ? strdup(e->dir) : NULL;
	mx_catalog_free(cat);
	return dir;
}

char *cli_resolve(const cli *c, const char *exam, int *status)
{
	bool path = strchr(exam, '/') || !strcmp(exam, ".") || !strcmp(exam, "..");
	if (path) {
		if (is_bank(c, exam))
			return strdup(exam);
		fprintf(stderr, "mockexam: '%s' is not a bank: it has no exam.yaml\n", exam);
		*status = EXIT_INPUT;
		return NULL;
	}
	mx_status st;
	mx_catalog *cat = scan(c, &st);
	char *dir = NULL;
	const mx_catalog_entry *e = cat ? mx_catalog_find(cat, exam) : NULL;
	if (e)
		dir = strdup(e->dir);
	else if (st == MX_OK && is_bank(c, exam))
		dir = strdup(exam);
	if (!dir) {
		if (st != MX_OK) {
			fprintf(stderr, "mockexam: cannot scan the bank search path: %s\n",
				mx_status_str(st));
			*status = EXIT_SYSTEM;
		} else {
			fprintf(stderr, "mockexam: no exam '%s' on the bank search path\n", exam);
			print_known(cat);
			*status = EXIT_INPUT;
		}
	}
	mx_catalog_free(cat);
	return dir;
}

mx_bank *cli_load(const cli *c, const char *exam, int *status)
{
	char *dir = cli_resolve(c, exam, status);
	if (!dir)
		return NULL;
	mx_diags d;
	mx_diags_init(&d);
	mx_bank *b = NULL;
	mx_status st = mx_bank_load(dir, &c->limits, &d, &b);
	print_diags(&d);
	if (st != MX_OK) {
		fprintf(stderr,
			"mockexam: the bank in %s has errors (%zu); 'mockexam lint' lists them\n",
			dir, d.errors);
		*status = cli_status(st);
	}
	mx_diags_free(&d);
	free(dir);
	return b;
}
