/*
 * session.c - what take and resume share: the history database's path and opening,
 * the clock, and handing an attempt to a front end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "screen.h"

char *cli_db_path(const cli *c)
{
	if (c->db)
		return strdup(c->db);
	const char *env = getenv("MOCKEXAM_DB");
	if (env && *env)
		return strdup(env);
	const char *base = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	const char *dir, *rest;
	if (base && *base == '/')
		dir = base, rest = "/mockexam/history.db";
	else if (home && *home)
		dir = home, rest = "/.local/share/mockexam/history.db";
	else
		return NULL;
	char *path = malloc(strlen(dir) + strlen(rest) + 1);
	if (path)
		strcat(strcpy(path, dir), rest);
	return path;
}

static mx_history *open_history(const cli *c, bool reading, int *status)
{
	char *path = cli_db_path(c);
	if (!path) {
		fprintf(stderr, "mockexam: no place for the history database: set HOME, "
				"MOCKEXAM_DB or --db\n");
		*status = EXIT_SYSTEM;
		return NULL;
	}
	mx_error err;
	mx_history *h = NULL;
	if ((reading ? mx_history_open_read : mx_history_open)(path, &h, &err) != MX_OK) {
		fprintf(stderr, "%s: error: %s\n", path, mx_error_message(&err));
		*status = EXIT_SYSTEM;
	}
	free(path);
	return h;
}

mx_history *cli_open_history(const cli *c, int *status)
{
	return open_history(c, false, status);
}

mx_history *cli_open_history_read(const cli *c, int *status)
{
	return open_history(c, true, status);
}

int run_attempt(const cli *c, mx_attempt *a, bool resumed, const char *notice)
{
	/* The full screen needs a terminal on both sides; anything else gets plain mode. */
	if (c->plain || !isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return plain_run(a, resumed, notice);
	return screen_run(a, resumed, notice);
}

mx_bank *cli_load_attempt_bank(const cli *c, const char *cmd, mx_history *h,
			       const mx_attempt_info *info, int *status)
{
	char *dir = cli_find_exam(c, info->exam);
	mx_error err;
	if (!dir && mx_history_bank_dir(h, info->id, &dir, &err) != MX_OK) {
		*status = cli_fail(cmd, &err);
		return NULL;
	}
	mx_bank *b = cli_load(c, dir ? dir : info->exam, status);
	free(dir);
	if (b && strcmp(mx_bank_hash(b), info->bank_hash) != 0)
		fprintf(stderr,
			"mockexam: note: the %s bank has changed since attempt %ld "
			"began; its questions are taken from the bank as it is now\n",
			info->exam, info->id);
	return b;
}
