/*
 * cmd_build.c - `mockexam build EXAM`: one exam form, printed for a person or as JSON.
 *
 * The printed form shows choices under the letters a candidate would see (A, B, C in
 * shown order); the JSON form gives the bank's keys in shown order, which is what an
 * answer sheet uses.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "mockexam/rng.h"

static const char *const count_words[] = {"ZERO", "ONE", "TWO",	  "THREE", "FOUR",
					  "FIVE", "SIX", "SEVEN", "EIGHT"};

static json_t *domains_json(const mx_form *f)
{
	const mx_profile *p = mx_bank_profile(f->bank);
	json_t *a = json_array();
	for (size_t d = 0; d < p->ndomains; d++)
		json_array_append_new(a, json_pack("{s:i, s:s, s:o, s:I}", "id", p->domains[d].id,
						   "name", p->domains[d].name, "weight",
						   json_number(p->domains[d].weight), "count",
						   (json_int_t)f->domain_counts[d]));
	return a;
}

static int select_count(const mx_question *q)
{
	switch (q->type) {
	case MX_TYPE_MULTIPLE:
		return q->answer.n;
	case MX_TYPE_ORDERING:
		return (int)q->nitems;
	case MX_TYPE_MATCHING:
		return (int)q->nprompts;
	default:
		return 1;
	}
}

json_t *question_json(const mx_form *f, size_t i, bool answers)
{
	const mx_form_item *it = &f->items[i];
	const mx_question *q = mx_bank_question(f->bank, it->question);
	const mx_profile *p = mx_bank_profile(f->bank);
	const mx_case *c = q->case_index >= 0 ? mx_bank_case(f->bank, (size_t)q->case_index) : NULL;
	json_t *o = json_pack("{s:I, s:s, s:i, s:s?, s:s, s:i, s:s?, s:s}", "position",
			      (json_int_t)i + 1, "id", q->id, "domain", p->domains[q->domain].id,
			      "task", q->task >= 0 ? p->domains[q->domain].tasks[q->task].id : NULL,
			      "type", mx_qtype_name(q->type), "select", select_count(q), "case",
			      c ? c->id : NULL, "stem", q->stem);
	/* Reasons go with the answers: by option or item, or by prompt for matching. */
	const char *const *why = answers && q->why ? q->why : NULL;
	bool by_prompt = q->type == MX_TYPE_MATCHING;
	if (q->type == MX_TYPE_ORDERING) {
		json_object_set_new(o, "items", json_choices(q->items, it->order, q->nitems, why));
	} else {
		if (by_prompt)
			json_object_set_new(o, "prompts",
					    json_choices(q->prompts, NULL, q->nprompts, why));
		json_object_set_new(
		    o, "options",
		    json_choices(q->options, it->order, q->noptions, by_prompt ? NULL : why));
	}
	if (answers) {
		json_object_set_new(o, "answer", json_keys(q, &q->answer, q->answer_text));
		json_object_set_new(o, "scored", json_boolean(it->scored));
		json_object_set_new(o, "explanation",
				    q->explanation ? json_string(q->explanation) : json_null());
		json_t *refs = json_array();
		for (size_t r = 0; r < q->references.n; r++)
			json_array_append_new(refs, json_string(q->references.v[r]));
		json_object_set_new(o, "references", refs);
	}
	return o;
}

static json_t *cases_json(const mx_form *f)
{
	json_t *a = json_array();
	for (size_t i = 0; i < f->n; i++) {
		const mx_question *q = mx_bank_question(f->bank, f->items[i].question);
		if (!f->items[i].case_start)
			continue;
		const mx_case *c = mx_bank_case(f->bank, (size_t)q->case_index);
		json_array_append_new(a, json_pack("{s:s, s:s?, s:s}", "id", c->id, "title",
						   c->title, "scenario", c->scenario));
	}
	return a;
}

static json_t *form_json(const mx_form *f, bool answers)
{
	const mx_profile *p = mx_bank_profile(f->bank);
	json_t *qs = json_array();
	for (size_t i = 0; i < f->n; i++)
		json_array_append_new(qs, question_json(f, i, answers));
	return json_pack("{s:s, s:s, s:I, s:I, s:I, s:i, s:[i,i], s:b, s:I, s:o, s:o, s:o}", "exam",
			 p->id, "title", p->title, "seed", (json_int_t)f->seed, "question_count",
			 (json_int_t)f->n, "duration_minutes", (json_int_t)f->minutes,
			 "passing_score", p->passing_score, "scale", p->scale_lo, p->scale_hi,
			 "pretest", f->pretest, "scored", (json_int_t)f->scored, "domains",
			 domains_json(f), "cases", cases_json(f), "questions", qs);
}

/*
 * The choices of item i under the letters shown; with answers, each marked and followed
 * by its reason, then the key and the explanation (review.h).  A matching question's
 * reasons stand beside its prompts, printed with them.
 */
static void print_choices(const mx_form *f, size_t i, bool answers, int width)
{
	mx_response none = {.answered = false};
	mx_review rv;
	char mark[64] = "", prefix[96];
	mx_review_item(f, i, &none, &rv);
	for (size_t k = 0; k < rv.nchoices; k++) {
		if (answers)
			mx_review_choice_mark(&rv.choices[k], mark, sizeof mark);
		snprintf(prefix, sizeof prefix, *mark ? "    %c. [%s] " : "    %c. %s",
			 rv.choices[k].letter, mark);
		print_hanging(stdout, prefix, rv.choices[k].text, 7, width);
		if (answers && rv.choices[k].why)
			print_wrapped(stdout, rv.choices[k].why, 7, width);
	}
	if (!answers)
		return;
	printf("    Answer: %s%s\n", rv.key, f->items[i].scored ? "" : "   (unscored)");
	if (rv.explanation)
		print_wrapped(stdout, rv.explanation, 4, width);
}

static void print_question(const mx_form *f, size_t i, bool answers, int width)
{
	const mx_form_item *it = &f->items[i];
	const mx_question *q = mx_bank_question(f->bank, it->question);
	const mx_profile *p = mx_bank_profile(f->bank);
	if (it->case_start) {
		const mx_case *c = mx_bank_case(f->bank, (size_t)q->case_index);
		printf("\n  Case study%s%s\n", c->title ? ": " : "", c->title ? c->title : "");
		print_wrapped(stdout, c->scenario, 4, width);
	}
	printf("\nQuestion %zu of %zu  [domain %d%s%s]\n", i + 1, f->n, p->domains[q->domain].id,
	       q->task >= 0 ? ", task " : "",
	       q->task >= 0 ? p->domains[q->domain].tasks[q->task].id : "");
	print_wrapped(stdout, q->stem, 2, width);
	if (q->type == MX_TYPE_MULTIPLE)
		printf("  (Select %s.)\n", count_words[q->answer.n]);
	if (q->type == MX_TYPE_ORDERING)
		printf("  (Put the items in order.)\n");
	if (q->type == MX_TYPE_MATCHING) {
		printf("  (Match each numbered prompt with an option.)\n");
		for (size_t pr = 0; pr < q->nprompts; pr++) {
			char prefix[16];
			snprintf(prefix, sizeof prefix, "  %s. ", q->prompts[pr].key);
			print_hanging(stdout, prefix, q->prompts[pr].text, 5, width);
			if (answers && q->why && q->why[pr])
				print_wrapped(stdout, q->why[pr], 5, width);
		}
	}
	print_choices(f, i, answers, width);
}

static void print_form(const mx_form *f, bool answers)
{
	const mx_profile *p = mx_bank_profile(f->bank);
	int width = term_width();
	printf("%s (%s), seed %llu\n", p->title, p->id, (unsigned long long)f->seed);
	printf("%zu questions, %u minutes; passing score %d on a scale of %d-%d\n", f->n,
	       f->minutes, p->passing_score, p->scale_lo, p->scale_hi);
	if (f->pretest)
		printf(
		    "%zu of the questions are unscored, as on the real exam; which is not shown.\n",
		    f->n - f->scored);
	print_retired_note(stdout, p);
	for (size_t i = 0; i < f->n; i++)
		print_question(f, i, answers, width);
}

/* Builds the form the options describe; shared with grade. */
int build_form(const cli *c, const mx_bank *b, uint64_t seed, mx_form **out)
{
	mx_form_spec spec = {.seed = seed, .questions = c->questions, .pretest = c->pretest};
	mx_diags d;
	mx_diags_init(&d);
	mx_status st = mx_form_build(b, &spec, &d, out);
	print_diags(&d);
	mx_diags_free(&d);
	return cli_status(st);
}

static int run_build(cli *c)
{
	int rc = EXIT_OK;
	mx_bank *b = cli_load(c, c->args[0], &rc);
	if (!b)
		return rc;
	uint64_t seed = c->has_seed ? c->seed : mx_seed_from_os();
	mx_form *f = NULL;
	rc = build_form(c, b, seed, &f);
	if (rc == EXIT_OK) {
		if (c->json)
			rc = print_json(form_json(f, c->with_answers));
		else
			print_form(f, c->with_answers);
	}
	mx_form_free(f);
	mx_bank_free(b);
	return rc;
}

const command cmd_build = {
    .name = "build",
    .synopsis = "build EXAM [--seed N] [--questions N] [--pretest] [--with-answers] [--json]",
    .summary = "sample one exam form and print it",
    .options = O_BANKS | O_SEED | O_JSON | O_QUESTIONS | O_WITH_ANSWERS | O_PRETEST | O_LIMITS,
    .min_args = 1,
    .max_args = 1,
    .run = run_build,
    .help = "Samples one exam from the bank by its blueprint and prints it. The same bank\n"
	    "and seed always give the same exam; without --seed one is drawn and shown.\n\n"
	    "Options:\n"
	    "  --seed N         the seed, 0 to 2^53-1\n"
	    "  --questions N    a shorter (or longer) exam with the same proportions;\n"
	    "                   the time is scaled to N\n"
	    "  --pretest        leave the profile's unscored_count questions unscored\n"
	    "  --with-answers   show keys, each option's reason, explanations and references\n"
	    "  --json           print the exam as one JSON document (keys are the bank's)\n"
	    "  --banks DIR      look for banks in DIR first (repeatable)",
};
