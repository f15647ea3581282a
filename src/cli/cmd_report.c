/*
 * cmd_report.c - `mockexam report [EXAM]`: the weakness report across history, on the
 * terminal, as JSON, as CSV, or as a self-contained HTML page (report_html.c).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "mockexam/report.h"

static const char *status_of(const mx_area *a)
{
	return a->meets ? "meets" : "needs-improvement";
}

static json_t *num_or_null(double v, bool percent)
{
	return isnan(v) ? json_null() : percent ? json_percent(v) : json_number(v);
}

static json_t *area_json(json_t *o, const mx_area *a)
{
	json_object_set_new(o, "weight", json_number(round(a->weight * 100) / 100));
	json_object_set_new(o, "responses", json_integer((json_int_t)a->responses));
	json_object_set_new(o, "correct", json_integer((json_int_t)a->correct));
	json_object_set_new(o, "percent", json_percent(a->percent));
	json_object_set_new(o, "low", json_percent(a->low));
	json_object_set_new(o, "high", json_percent(a->high));
	json_object_set_new(o, "status", json_string(status_of(a)));
	json_object_set_new(o, "priority", json_integer((json_int_t)a->priority));
	json_object_set_new(o, "mastery", json_percent(a->mastery));
	json_object_set_new(o, "trend", num_or_null(a->trend, true));
	json_object_set_new(o, "trend_exams", json_integer((json_int_t)a->trend_exams));
	return o;
}

static json_t *readiness_json(const mx_readiness *r)
{
	if (!r->known)
		return json_pack("{s:n, s:s, s:I, s:I}", "pass_probability", "reason", r->reason,
				 "responses", (json_int_t)r->responses, "repeats",
				 (json_int_t)r->repeats);
	return json_pack("{s:o, s:i, s:i, s:i, s:I, s:I, s:I}", "pass_probability",
			 json_real(round(r->pass_probability * 10000) / 10000), "median_score",
			 r->median, "p10", r->p10, "p90", r->p90, "responses",
			 (json_int_t)r->responses, "repeats", (json_int_t)r->repeats, "simulations",
			 (json_int_t)r->simulations);
}

json_t *report_json(const mx_report *r)
{
	const mx_profile *p = mx_bank_profile(r->bank);
	json_t *domains = json_array();
	for (size_t d = 0; d < p->ndomains; d++) {
		json_t *o =
		    json_pack("{s:i, s:s}", "id", p->domains[d].id, "name", p->domains[d].name);
		area_json(o, &r->domains[d]);
		json_t *tasks = json_array();
		for (size_t t = 0; t < p->domains[d].ntasks; t++)
			json_array_append_new(
			    tasks,
			    area_json(json_pack("{s:s, s:s}", "id", p->domains[d].tasks[t].id,
						"name", p->domains[d].tasks[t].name),
				      &r->tasks[d][t]));
		json_object_set_new(o, "tasks", tasks);
		json_array_append_new(domains, o);
	}
	json_t *scores = json_array();
	for (size_t i = 0; i < r->nscores; i++) {
		const mx_exam_score *e = &r->scores[i];
		json_array_append_new(
		    scores, json_pack("{s:I, s:I, s:i, s:b, s:o, s:I, s:b}", "attempt",
				      (json_int_t)e->attempt, "started", (json_int_t)e->started,
				      "scaled_score", e->scaled, "passed", e->passed, "percent",
				      json_percent(e->percent), "question_count",
				      (json_int_t)e->questions, "mini", e->mini));
	}
	return json_pack("{s:s, s:I, s:I, s:I, s:I, s:i, s:o, s:o, s:o, s:{s:s, s:s}}", "exam",
			 p->id, "attempts", (json_int_t)r->attempts, "exams", (json_int_t)r->exams,
			 "drills", (json_int_t)r->drills, "responses", (json_int_t)r->responses,
			 "passing_score", p->passing_score, "domains", domains, "scores", scores,
			 "readiness", readiness_json(&r->readiness), "recommendation", "command",
			 r->next_command, "why", r->next_why);
}

/* CSV fields are quoted when they hold a comma, a quote or a line break. */
static void csv_field(const char *s)
{
	if (!strpbrk(s, ",\"\n\r")) {
		fputs(s, stdout);
		return;
	}
	putchar('"');
	for (; *s; s++) {
		if (*s == '"')
			putchar('"');
		putchar(*s);
	}
	putchar('"');
}

static void csv_area(const char *kind, const char *id, const char *name, const mx_area *a)
{
	printf("%s,%s,", kind, id);
	csv_field(name);
	printf(",%g,%zu,%zu,%.2f,%.2f,%.2f,%s,%zu,", round(a->weight * 100) / 100, a->responses,
	       a->correct, a->percent, a->low, a->high, status_of(a), a->priority);
	if (!isnan(a->trend))
		printf("%.2f", a->trend);
	putchar('\n');
}

static void report_csv(const mx_report *r)
{
	const mx_profile *p = mx_bank_profile(r->bank);
	printf("kind,id,name,weight,responses,correct,percent,low,high,status,priority,trend\n");
	for (size_t d = 0; d < p->ndomains; d++) {
		char id[16];
		snprintf(id, sizeof id, "%d", p->domains[d].id);
		csv_area("domain", id, p->domains[d].name, &r->domains[d]);
		for (size_t t = 0; t < p->domains[d].ntasks; t++)
			csv_area("task", p->domains[d].tasks[t].id, p->domains[d].tasks[t].name,
				 &r->tasks[d][t]);
	}
}

/* One domain (domain_priority 0) or task line: its priorities, each in its own column. */
static void print_area_line(const char *id, const char *name, const mx_area *a,
			    size_t domain_priority, int width)
{
	char prefix[24], trend[24] = "", rank[40];
	snprintf(prefix, sizeof prefix, "  %-4s ", id);
	print_hanging(stdout, prefix, name, 7, width);
	if (a->trend_exams >= 2)
		snprintf(trend, sizeof trend, "  %+.0f/exam",
			 round(a->trend) +
			     0.0); /* + 0.0: a slope that rounds to zero is +0, not -0 */
	if (domain_priority)
		snprintf(rank, sizeof rank, "task #%-3zu domain #%-2zu", a->priority,
			 domain_priority);
	else
		snprintf(rank, sizeof rank, "domain #%-2zu", a->priority);
	char figures[96];
	int used =
	    snprintf(figures, sizeof figures, "       %s %4zu answers  %4.0f%% (%2.0f-%3.0f)  ",
		     rank, a->responses, a->percent, a->low, a->high);
	const char *status =
	    a->responses ? (a->meets ? "meets" : "needs improvement") : "no answers";
	/* the bar takes what the line leaves, up to 12 cells; below 3 it is left out */
	int bar = width - used - 2 - (int)strlen(status) - (int)strlen(trend);
	bar = bar > 12 ? 12 : bar;
	fputs(figures, stdout);
	if (bar >= 3) {
		print_bar(stdout, a->percent, bar);
		fputs("  ", stdout);
	}
	printf("%s%s\n", status, trend);
}

/* The text report shows the latest mock exams only: thousands would bury the rest. */
enum { SHOWN_SCORES = 10 };

static void report_text(const mx_report *r)
{
	const mx_profile *p = mx_bank_profile(r->bank);
	int width = term_width();
	printf("%s (%s): %zu attempt%s (%zu mock exam%s, %zu drill%s), %zu answers\n\n", p->title,
	       p->id, r->attempts, r->attempts == 1 ? "" : "s", r->exams, r->exams == 1 ? "" : "s",
	       r->drills, r->drills == 1 ? "" : "s", r->responses);
	if (r->nscores) {
		size_t from = r->nscores > SHOWN_SCORES ? r->nscores - SHOWN_SCORES : 0;
		printf("Mock exams (passing score %d):\n", p->passing_score);
		if (from)
			printf("  (%zu earlier mock exam%s not shown; --json lists all %zu)\n",
			       from, from == 1 ? "" : "s", r->nscores);
		for (size_t i = from; i < r->nscores; i++) {
			char date[32];
			format_moment(r->scores[i].started, false, date, sizeof date);
			printf("  %s  attempt %-4ld %4d %s  ", date, r->scores[i].attempt,
			       r->scores[i].scaled, r->scores[i].passed ? "pass" : "fail");
			print_bar(stdout,
				  (r->scores[i].scaled - p->scale_lo) * 100.0 /
				      (p->scale_hi - p->scale_lo),
				  20);
			if (r->scores[i].mini)
				printf("  mini mock, %zu questions", r->scores[i].questions);
			putchar('\n');
		}
		putchar('\n');
	}
	char head[320];
	snprintf(head, sizeof head,
		 "Domains: the order to study them (domain #1 first), answers, percent right and "
		 "its 95%% range, status against the cut, and the trend (+N/exam: the change in "
		 "percent right per mock exam, over the last %zu):",
		 mx_report_spec_default().trend_exams);
	print_hanging(stdout, "", head, 0, width);
	for (size_t d = 0; d < p->ndomains; d++) {
		char id[16];
		snprintf(id, sizeof id, "%d", p->domains[d].id);
		print_area_line(id, p->domains[d].name, &r->domains[d], 0, width);
	}
	putchar('\n');
	print_hanging(stdout, "",
		      "Task statements most worth studying (task #N ranks one among all tasks, "
		      "domain #N is its domain's rank):",
		      0, width);
	for (size_t rank = 1, shown = 0; shown < 5 && rank <= 512; rank++)
		for (size_t d = 0; d < p->ndomains; d++)
			for (size_t t = 0; t < p->domains[d].ntasks; t++)
				if (r->tasks[d][t].priority == rank && shown < 5) {
					print_area_line(
					    p->domains[d].tasks[t].id, p->domains[d].tasks[t].name,
					    &r->tasks[d][t], r->domains[d].priority, width);
					shown++;
				}
	const mx_readiness *rd = &r->readiness;
	char text[512];
	putchar('\n');
	if (rd->known) {
		int n =
		    snprintf(text, sizeof text,
			     "%.0f%% chance of passing now; median scaled score %d (10th-90th "
			     "percentile %d-%d), from %zu first answers and %zu simulated exams.",
			     100 * rd->pass_probability, rd->median, rd->p10, rd->p90,
			     rd->responses, rd->simulations);
		if (rd->repeats && n > 0 && (size_t)n < sizeof text)
			snprintf(text + n, sizeof text - (size_t)n,
				 " %zu answers to questions seen before are left out: they measure "
				 "memory of the question, not the domain.",
				 rd->repeats);
	} else {
		snprintf(text, sizeof text, "not estimated: %s.", rd->reason);
	}
	print_hanging(stdout, "Readiness: ", text, 2, width);
	printf("\nNext: %s\n", r->next_command);
	print_hanging(stdout, "  ", r->next_why, 2, width);
}

static int run_report(cli *c)
{
	int rc = EXIT_OK;
	mx_attempt_info latest;
	bool by_latest = false;
	const char *exam = c->nargs ? c->args[0] : NULL;
	mx_history *h = cli_open_history_read(c, &rc);
	if (!h)
		return rc;
	mx_error err;
	if (!exam) { /* the exam of the latest attempt */
		mx_attempt_info *list = NULL;
		size_t n = 0;
		if (mx_history_list(h, NULL, &list, &n, &err) != MX_OK) {
			/* a failed read is not "no attempts yet" */
			rc = cli_fail("report", &err);
			mx_history_close(h);
			return rc;
		}
		if (n) {
			latest = list[0];
			exam = latest.exam;
			by_latest = true;
		}
		free(list);
		if (!exam) {
			fprintf(
			    stderr,
			    "mockexam report: no attempts yet; start with 'mockexam take EXAM'\n");
			mx_history_close(h);
			return EXIT_INPUT;
		}
	}
	mx_bank *b = by_latest ? cli_load_attempt_bank(c, "report", h, &latest, &rc)
			       : cli_load(c, exam, &rc);
	mx_report *r = NULL;
	mx_report_spec spec = mx_report_spec_default();
	spec.since = c->since;
	spec.last = c->last;
	if (c->has_seed)
		spec.seed = c->seed;
	if (b && mx_report_build(h, b, &spec, &r, &err) != MX_OK)
		rc = cli_fail("report", &err);
	if (r && c->html && (rc = report_html(r, c->html)) == EXIT_OK) {
		/* say where it went: on stderr when stdout carries a document */
		char *where = realpath(c->html, NULL);
		fprintf(c->json || c->csv ? stderr : stdout,
			"Wrote the report to %s; open it in a web browser.\n",
			where ? where : c->html);
		free(where);
	}
	if (r && rc == EXIT_OK) {
		if (c->json)
			rc = print_json(report_json(r));
		else if (c->csv)
			report_csv(r);
		else if (!c->html)
			report_text(r);
	}
	mx_report_free(r);
	mx_bank_free(b);
	mx_history_close(h);
	return rc;
}

const command cmd_report = {
    .name = "report",
    .synopsis = "report [EXAM] [--since DATE | --last N] [--json | --csv] [--html FILE]",
    .summary = "where you are weak, across attempts, and how ready you are",
    .options = O_BANKS | O_DB | O_JSON | O_WINDOW | O_FORMATS | O_SEED | O_LIMITS,
    .min_args = 0,
    .max_args = 1,
    .run = run_report,
    .help = "Reports, across your attempts at EXAM (default: the exam of your latest\n"
	    "attempt): per domain and task statement, answers, accuracy with its 95% range,\n"
	    "the trend over recent mock exams, the status against the cut and a priority to\n"
	    "study it; the latest ten mock-exam scores, mini mocks marked (--json has them\n"
	    "all); readiness (the chance of passing now, from 10,000 simulated exams,\n"
	    "resting on each question's first answer only and saying how many repeats it\n"
	    "left out); and the command to run next.\n\n"
	    "Options:\n"
	    "  --since DATE    only attempts started on or after DATE (YYYY-MM-DD)\n"
	    "  --last N        only the last N attempts\n"
	    "  --json          one JSON document\n"
	    "  --csv           domains and tasks as CSV\n"
	    "  --html FILE     a self-contained page with charts, readable offline\n"
	    "  --seed N        the seed of the readiness simulation (default 1)\n"
	    "  --db PATH       the history database",
};
