/*
 * cmd_history.c - `mockexam history [EXAM]`: past attempts, newest first.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <stdlib.h>
#include <time.h>

#include "cli.h"

json_t *info_json(const mx_attempt_info *in)
{
	json_t *o =
	    json_pack("{s:I, s:s, s:s, s:I, s:I, s:b, s:I, s:I, s:I, s:I}", "id",
		      (json_int_t)in->id, "kind", in->kind, "exam", in->exam, "seed",
		      (json_int_t)in->seed, "question_count", (json_int_t)in->questions, "pretest",
		      in->pretest, "limit_seconds", (json_int_t)(in->limit_ms / 1000),
		      "elapsed_seconds", (json_int_t)(in->elapsed_ms / 1000), "started",
		      (json_int_t)in->started, "finished", (json_int_t)in->finished);
	json_object_set_new(o, "status", json_string(in->finished ? "finished" : "unfinished"));
	if (in->finished) {
		json_object_set_new(o, "answered", json_integer((json_int_t)in->answered));
		json_object_set_new(o, "scored", json_integer((json_int_t)in->scored));
		json_object_set_new(o, "correct", json_integer((json_int_t)in->correct));
		/* a drill is practice: it has no scaled score and no pass or fail */
		json_object_set_new(o, "scaled_score",
				    in->graded ? json_integer(in->scaled_score) : json_null());
		json_object_set_new(o, "passed",
				    in->graded ? json_boolean(in->passed) : json_null());
	}
	return o;
}

static void print_info(const mx_attempt_info *in)
{
	char started[32], used[32];
	format_moment(in->started, true, started, sizeof started);
	format_duration(in->elapsed_ms, used, sizeof used);
	printf("%6ld  %-16s %-5s %-10s %4zu q  %8s  ", in->id, started, in->kind, in->exam,
	       in->questions, used);
	if (in->graded)
		printf("%4d %s  (%zu/%zu)\n", in->scaled_score, in->passed ? "pass" : "fail",
		       in->correct, in->scored);
	else if (in->finished)
		printf("%zu of %zu right\n", in->correct, in->scored);
	else
		printf("unfinished: mockexam resume %ld\n", in->id);
}

/*
 * history --delete ID: what the attempt was, a confirmation on a terminal (--yes for
 * scripts), then the attempt and its responses are gone from reports and statistics.
 */
static int delete_attempt(const cli *c, mx_history *h)
{
	mx_attempt_info in;
	mx_error err;
	if (mx_history_get(h, c->delete_id, &in, &err) != MX_OK)
		return cli_fail("history", &err);
	if (!c->yes) {
		if (!isatty(STDIN_FILENO)) {
			fprintf(stderr, "mockexam history: deleting needs a confirmation on a "
					"terminal; add --yes to delete without asking\n");
			return EXIT_USAGE;
		}
		char started[32], line[16] = "";
		format_moment(in.started, true, started, sizeof started);
		printf("Delete attempt %ld (%s %s, %s, %zu questions) and all its answers? "
		       "Type yes to delete: ",
		       in.id, in.exam, in.kind, started, in.questions);
		fflush(stdout);
		if (!fgets(line, sizeof line, stdin) || strncmp(line, "yes", 3) != 0) {
			printf("Not deleted.\n");
			return EXIT_OK;
		}
	}
	if (mx_history_delete(h, in.id, &err) != MX_OK)
		return cli_fail("history", &err);
	printf("Attempt %ld deleted; reports and statistics no longer count it.\n", in.id);
	return EXIT_OK;
}

static int run_history(cli *c)
{
	int rc = EXIT_OK;
	if (c->yes && !c->delete_id)
		return cli_usage_error(&cmd_history, "--yes goes with --delete ATTEMPT");
	mx_history *h = c->delete_id ? cli_open_history(c, &rc) : cli_open_history_read(c, &rc);
	if (!h)
		return rc;
	if (c->delete_id) {
		rc = delete_attempt(c, h);
		mx_history_close(h);
		return rc;
	}
	mx_attempt_info *list = NULL;
	size_t n = 0;
	mx_error err;
	if (mx_history_list(h, c->nargs ? c->args[0] : NULL, &list, &n, &err) != MX_OK) {
		rc = cli_fail("history", &err);
	} else if (c->json) {
		json_t *a = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(a, info_json(&list[i]));
		rc = print_json(json_pack("{s:o}", "attempts", a));
	} else if (n == 0) {
		printf("No attempts yet%s%s. Start one with: mockexam take %s\n",
		       c->nargs ? " at " : "", c->nargs ? c->args[0] : "",
		       c->nargs ? c->args[0] : "EXAM");
	} else {
		printf("%6s  %-16s %-5s %-10s %6s  %8s  %s\n", "id", "started", "kind", "exam",
		       "length", "time", "result");
		for (size_t i = 0; i < n; i++)
			print_info(&list[i]);
	}
	free(list);
	mx_history_close(h);
	return rc;
}

const command cmd_history = {
    .name = "history",
    .synopsis = "history [EXAM] [--json] [--db PATH] [--delete ATTEMPT [--yes]]",
    .summary = "past attempts, newest first; --delete removes one",
    .options = O_DB | O_JSON | O_DELETE,
    .min_args = 0,
    .max_args = 1,
    .run = run_history,
    .help = "Lists past attempts, newest first: a mock exam with its scaled score and pass\n"
	    "or fail, a drill (practice, with no score) with how many it got right;\n"
	    "unfinished ones show the command that resumes them.  EXAM limits the list to\n"
	    "one exam id.\n\n"
	    "Options:\n"
	    "  --json              print {attempts: [...]} as JSON\n"
	    "  --delete ATTEMPT    remove the attempt and its answers, after a confirmation;\n"
	    "                      reports, statistics and drills no longer count it\n"
	    "  --yes               delete without asking (for scripts)\n"
	    "  --db PATH           the history database",
};
