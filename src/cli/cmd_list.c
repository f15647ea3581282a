/*
 * cmd_list.c - `mockexam list`: the exams on the search path, with what one exam draws
 * from each domain and what the bank holds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "mockexam/blueprint.h"

typedef struct listed {
	const char *dir;
	const mx_bank *bank; /* the full bank, or NULL when it has errors */
	size_t need[64], have[64];
	bool fills;
} listed;

static void count(listed *l)
{
	const mx_profile *p = mx_bank_profile(l->bank);
	memset(l->have, 0, sizeof l->have);
	if (p->ndomains > 64 || mx_blueprint(p, 0, l->need) != MX_OK)
		return;
	for (size_t i = 0; i < mx_bank_count(l->bank); i++) {
		const mx_question *q = mx_bank_question(l->bank, i);
		if (q->type != MX_TYPE_TEXT)
			l->have[q->domain]++;
	}
	l->fills = true;
	for (size_t d = 0; d < p->ndomains; d++)
		l->fills &= l->have[d] >= l->need[d];
}

static json_t *exam_json(const listed *l);

json_t *list_exam_json(const char *dir, const mx_bank *bank)
{
	listed l = {.dir = dir, .bank = bank};
	count(&l);
	return exam_json(&l);
}

static json_t *exam_json(const listed *l)
{
	const mx_profile *p = mx_bank_profile(l->bank);
	json_t *domains = json_array();
	for (size_t d = 0; d < p->ndomains; d++)
		json_array_append_new(domains,
				      json_pack("{s:i, s:s, s:o, s:I, s:I}", "id", p->domains[d].id,
						"name", p->domains[d].name, "weight",
						json_number(p->domains[d].weight), "exam_count",
						(json_int_t)l->need[d], "bank_count",
						(json_int_t)l->have[d]));
	return json_pack("{s:s, s:s, s:s?, s:s, s:i, s:i, s:i, s:[i,i], s:s, s:I, s:b, s:o}", "id",
			 p->id, "title", p->title, "vendor", p->vendor, "status",
			 mx_lifecycle_name(p->status), "question_count", (int)p->question_count,
			 "duration_minutes", (int)p->duration_minutes, "passing_score",
			 p->passing_score, "scale", p->scale_lo, p->scale_hi, "path", l->dir,
			 "bank_questions", (json_int_t)mx_bank_count(l->bank), "fills_exam",
			 l->fills, "domains", domains);
}

static void print_exam(const listed *l, bool blank_before)
{
	const mx_profile *p = mx_bank_profile(l->bank);
	if (blank_before)
		putchar('\n');
	printf("%s  %s\n", p->id, p->title);
	printf(
	    "  %s, %u questions in %u minutes, passing score %d of %d-%d; bank: %zu questions%s\n",
	    mx_lifecycle_name(p->status), p->question_count, p->duration_minutes, p->passing_score,
	    p->scale_lo, p->scale_hi, mx_bank_count(l->bank),
	    l->fills ? "" : " (too few for a full exam)");
	for (size_t d = 0; d < p->ndomains; d++)
		printf("  %3d  %5g%%  draws %3zu, bank has %4zu  %s\n", p->domains[d].id,
		       p->domains[d].weight, l->need[d], l->have[d], p->domains[d].name);
	printf("  %s\n", l->dir);
	if (p->status == MX_EXAM_RETIRED) {
		printf("  ");
		print_retired_note(stdout, p);
	}
}

static int run_list(cli *c)
{
	size_t nroots;
	char **roots = cli_roots(c, &nroots);
	mx_catalog *cat = NULL;
	mx_diags scratch;
	mx_diags_init(&scratch);
	mx_status st =
	    roots ? mx_catalog_scan((const char *const *)roots, nroots, &c->limits, &scratch, &cat)
		  : MX_ERR_NOMEM;
	cli_roots_free(roots, nroots);
	mx_diags_free(&scratch);
	if (st != MX_OK) {
		fprintf(stderr, "mockexam list: cannot scan the bank search path: %s\n",
			mx_status_str(st));
		return EXIT_SYSTEM;
	}
	int rc = EXIT_OK;
	json_t *exams = json_array();
	for (size_t i = 0; i < cat->n; i++) {
		const mx_catalog_entry *e = &cat->entries[i];
		mx_bank *bank = NULL;
		mx_diags d;
		mx_diags_init(&d);
		mx_bank_load(e->dir, &c->limits, &d, &bank);
		mx_diags_free(&d);
		listed l = {.dir = e->dir, .bank = bank};
		if (!l.bank) {
			fprintf(
			    stderr,
			    "mockexam list: the bank in %s has errors; run 'mockexam lint %s'\n",
			    e->dir, e->id ? e->id : e->dir);
			rc = EXIT_INPUT;
			continue;
		}
		count(&l);
		if (c->json)
			json_array_append_new(exams, exam_json(&l));
		else
			print_exam(&l, i > 0);
		mx_bank_free(bank);
	}
	if (!c->json && cat->n == 0)
		fprintf(stderr,
			"mockexam list: no banks on the search path (see 'mockexam --help')\n");
	mx_catalog_free(cat);
	if (c->json) {
		int jrc = print_json(json_pack("{s:o}", "exams", exams));
		return rc ? rc : jrc;
	}
	json_decref(exams);
	return rc;
}

const command cmd_list = {
    .name = "list",
    .synopsis = "list [--json] [--banks DIR]",
    .summary = "the exams found, with their blueprints and bank sizes",
    .options = O_BANKS | O_JSON | O_LIMITS,
    .min_args = 0,
    .max_args = 0,
    .run = run_list,
    .help = "Lists every exam on the bank search path: id, title, status, question count,\n"
	    "duration, passing score, and per domain the count one exam draws and the\n"
	    "count the bank has.\n\n"
	    "Options:\n"
	    "  --json        print {exams: [...]} as JSON\n"
	    "  --banks DIR   look for banks in DIR first (repeatable)",
};
