/*
 * main.c - the mockexam program: picks the subcommand and hands it the arguments.
 */
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "config.h"

static const command *const commands[] = {&cmd_take,   &cmd_drill, &cmd_resume, &cmd_history,
					  &cmd_report, &cmd_stats, &cmd_list,	&cmd_lint,
					  &cmd_build,  &cmd_grade, &cmd_serve};

static void usage(FILE *f)
{
	fprintf(f, "usage: mockexam <command> [options] [arguments]\n\n"
		   "Practice exams built from YAML question banks, scored like the real exam.\n\n"
		   "Commands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		fprintf(f, "  %-8s %s\n", commands[i]->name, commands[i]->summary);
	fprintf(
	    f,
	    "\nCommon options:\n"
	    "  --banks DIR    look for banks in DIR first (repeatable)\n"
	    "  --json         print one JSON document on standard output\n"
	    "  --help         show a command's options\n"
	    "  --version      show the version\n\n"
	    "Banks are found in each --banks DIR, $MOCKEXAM_BANKS (colon-separated),\n"
	    "./question-banks, then %s.\n"
	    "Run 'mockexam <command> --help' for a command's options; 'man mockexam' for all.\n",
	    MX_BANKDIR);
}

/*
 * Output that could not be written (a full disk, /dev/full, a closed pipe) is a failure
 * whatever the command thought of its work: exit status 3, and a message that says so.
 */
static int checked_output(int rc)
{
	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return rc;
	fprintf(stderr, "mockexam: cannot write the output: %s\n",
		errno ? strerror(errno) : "write error");
	return rc > EXIT_SYSTEM ? rc : EXIT_SYSTEM;
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	const char *name = argv[1];
	if (!strcmp(name, "--help") || !strcmp(name, "-h") || !strcmp(name, "help")) {
		usage(stdout);
		return checked_output(EXIT_OK);
	}
	if (!strcmp(name, "--version")) {
		printf("mockexam %s (libmockexam %s)\n", MX_VERSION, mx_version());
		return checked_output(EXIT_OK);
	}
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
		if (strcmp(name, commands[i]->name) != 0)
			continue;
		cli c;
		memset(&c, 0, sizeof c);
		c.limits = mx_limits_default();
		c.minutes = -1;
		c.type = -1;
		c.count = 20;
		int rc = cli_parse(&c, commands[i], argc - 2, argv + 2);
		if (rc == EXIT_OK)
			rc = commands[i]->run(&c);
		free(c.args);
		free(c.banks);
		return checked_output(rc);
	}
	fprintf(stderr, "mockexam: '%s' is not a mockexam command\n\n", name);
	usage(stderr);
	return EXIT_USAGE;
}
