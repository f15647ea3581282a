/*
 * cmd_grade.c - `mockexam grade EXAM --seed N --answers FILE`: score an answer sheet for
 * the form `build EXAM --seed N` makes, and print a score report like a real one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "mockexam/score.h"
#include "mockexam/sheet.h"

static const char *status_name(const mx_tally *t)
{
	return t->meets ? "meets" : "needs-improvement";
}

static json_t *tally_json(json_t *o, const mx_tally *t)
{
	json_object_set_new(o, "total", json_integer((json_int_t)t->total));
	json_object_set_new(o, "correct", json_integer((json_int_t)t->correct));
	json_object_set_new(o, "percent", json_percent(t->percent));
	json_object_set_new(o, "low", json_percent(t->low));
	json_object_set_new(o, "high", json_percent(t->high));
	json_object_set_new(o, "status", json_string(status_name(t)));
	return o;
}

static json_t *domains_json(const mx_profile *p, const mx_score *s)
{
	json_t *a = json_array();
	for (size_t d = 0; d < p->ndomains; d++) {
		const mx_domain *dom = &p->domains[d];
		json_t *o = json_pack("{s:i, s:s, s:o}", "id", dom->id, "name", dom->name, "weight",
				      json_number(dom->weight));
		tally_json(o, &s->domains[d]);
		json_t *tasks = json_array();
		for (size_t t = 0; t < dom->ntasks; t++) {
			if (!s->tasks[d][t].total)
				continue;
			json_t *to = json_pack("{s:s, s:s}", "id", dom->tasks[t].id, "name",
					       dom->tasks[t].name);
			json_array_append_new(tasks, tally_json(to, &s->tasks[d][t]));
		}
		json_object_set_new(o, "tasks", tasks);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *items_json(const mx_form *f, const mx_response *r, const mx_score *s)
{
	json_t *a = json_array();
	const mx_profile *p = mx_bank_profile(f->bank);
	for (size_t i = 0; i < f->n; i++) {
		const mx_question *q = mx_bank_question(f->bank, f->items[i].question);
		json_t *resp = r[i].answered ? json_keys(q, &r[i].keys, r[i].text) : json_null();
		json_array_append_new(a, json_pack("{s:I, s:s, s:i, s:b, s:b, s:o, s:o}",
						   "position", (json_int_t)i + 1, "id", q->id,
						   "domain", p->domains[q->domain].id, "scored",
						   f->items[i].scored, "correct", s->credited[i],
						   "response", resp, "answer",
						   json_keys(q, &q->answer, q->answer_text)));
	}
	return a;
}

json_t *grade_json(const mx_form *f, const mx_response *r, const mx_score *s)
{
	const mx_profile *p = mx_bank_profile(f->bank);
	return json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:o, s:i, s:i, s:[i,i], s:b, s:o, s:o}",
			 "exam", p->id, "seed", (json_int_t)f->seed, "question_count",
			 (json_int_t)f->n, "scored", (json_int_t)s->scored, "answered",
			 (json_int_t)s->answered, "correct", (json_int_t)s->correct, "percent",
			 json_percent(s->percent), "scaled_score", s->scaled, "passing_score",
			 p->passing_score, "scale", p->scale_lo, p->scale_hi, "passed", s->passed,
			 "domains", domains_json(p, s), "items", items_json(f, r, s));
}

/* The seed: --seed, else the sheet's; both given must agree. */
static int pick_seed(const cli *c, const mx_sheet *sheet, uint64_t *seed)
{
	uint64_t s;
	bool in_sheet = mx_sheet_seed(sheet, &s);
	if (c->has_seed && in_sheet && s != c->seed) {
		fprintf(stderr, "mockexam grade: the sheet says seed %llu but --seed is %llu\n",
			(unsigned long long)s, (unsigned long long)c->seed);
		return EXIT_INPUT;
	}
	if (!c->has_seed && !in_sheet) {
		fprintf(stderr, "mockexam grade: give --seed N, or 'seed:' in the answer sheet\n");
		return EXIT_USAGE;
	}
	*seed = c->has_seed ? c->seed : s;
	return EXIT_OK;
}

static int grade(cli *c, const mx_bank *b, const mx_sheet *sheet)
{
	const char *exam = mx_sheet_exam(sheet);
	const mx_profile *p = mx_bank_profile(b);
	if (exam && strcmp(exam, p->id) != 0) {
		fprintf(stderr, "mockexam grade: the sheet is for exam '%s', not '%s'\n", exam,
			p->id);
		return EXIT_INPUT;
	}
	uint64_t seed;
	int rc = pick_seed(c, sheet, &seed);
	mx_form *f = NULL;
	if (rc == EXIT_OK)
		rc = build_form(c, b, seed, &f);
	if (rc != EXIT_OK)
		return rc;
	mx_response *r = calloc(f->n, sizeof *r);
	mx_diags d;
	mx_diags_init(&d);
	mx_status st = r ? mx_sheet_apply(sheet, f, &d, r) : MX_ERR_NOMEM;
	print_diags(&d);
	mx_diags_free(&d);
	mx_score *s = NULL;
	if (st == MX_OK)
		st = mx_score_form(f, r, &s);
	rc = cli_status(st);
	if (rc == EXIT_OK) {
		if (c->json)
			rc = print_json(grade_json(f, r, s));
		else
			print_score_report(f, s);
	}
	mx_score_free(s);
	free(r);
	mx_form_free(f);
	return rc;
}

static int run_grade(cli *c)
{
	if (!c->answers)
		return cli_usage_error(&cmd_grade, "missing --answers FILE");
	int rc = EXIT_OK;
	mx_bank *b = cli_load(c, c->args[0], &rc);
	if (!b)
		return rc;
	mx_diags d;
	mx_diags_init(&d);
	mx_sheet *sheet = NULL;
	mx_status st = mx_sheet_read(c->answers, &c->limits, &d, &sheet);
	print_diags(&d);
	mx_diags_free(&d);
	rc = st == MX_OK ? grade(c, b, sheet) : cli_status(st);
	mx_sheet_free(sheet);
	mx_bank_free(b);
	return rc;
}

const command cmd_grade = {
    .name = "grade",
    .synopsis = "grade EXAM --answers FILE [--seed N] [--questions N] [--pretest] [--json]",
    .summary = "score an answer sheet and print a score report",
    .options = O_BANKS | O_SEED | O_JSON | O_QUESTIONS | O_ANSWERS | O_PRETEST | O_LIMITS,
    .min_args = 1,
    .max_args = 1,
    .run = run_grade,
    .help = "Scores an answer sheet for the exam that 'mockexam build EXAM --seed N' makes\n"
	    "(with the same --questions and --pretest), and prints a score report: result,\n"
	    "scaled score against the passing score, and per domain the share correct with\n"
	    "its status. The sheet names questions by id and options by the bank's keys:\n\n"
	    "    exam: aif-c01\n"
	    "    seed: 42\n"
	    "    answers:\n"
	    "      aif-3-014: B\n"
	    "      aif-1-002: [A, D]\n\n"
	    "Options:\n"
	    "  --answers FILE   the answer sheet, YAML or JSON; '-' reads standard input\n"
	    "  --seed N         the seed of the exam (default: the sheet's 'seed')\n"
	    "  --questions N    grade a shorter exam built with --questions N\n"
	    "  --pretest        grade an exam built with --pretest\n"
	    "  --json           print the report as one JSON document\n"
	    "  --banks DIR      look for banks in DIR first (repeatable)",
};
