/*
 * cmd_stats.c - `mockexam stats EXAM`: item analysis for bank authors.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "mockexam/stats.h"

static const unsigned all_flags[] = {MX_ITEM_TOO_EASY, MX_ITEM_TOO_HARD, MX_ITEM_NEGATIVE,
				     MX_ITEM_DEAD_DISTRACTOR, MX_ITEM_KEY_AVOIDED};

static json_t *maybe(double v)
{
	return isnan(v) ? json_null() : json_real(round(v * 10000) / 10000);
}

static json_t *item_json(const mx_bank *b, const mx_item_stats *it)
{
	const mx_question *q = mx_bank_question(b, it->question);
	const mx_domain *d = &mx_bank_profile(b)->domains[q->domain];
	json_t *picks = json_object(), *flags = json_array();
	for (size_t o = 0; o < q->noptions; o++)
		json_object_set_new(picks, q->options[o].key,
				    json_integer((json_int_t)it->picks[o]));
	for (size_t f = 0; f < sizeof all_flags / sizeof *all_flags; f++)
		if (it->flags & all_flags[f])
			json_array_append_new(flags, json_string(mx_item_flag_name(all_flags[f])));
	return json_pack("{s:s, s:i, s:s?, s:s, s:I, s:I, s:o, s:o, s:I, s:o, s:o}", "id", q->id,
			 "domain", d->id, "task", q->task >= 0 ? d->tasks[q->task].id : NULL,
			 "type", mx_qtype_name(q->type), "responses", (json_int_t)it->responses,
			 "correct", (json_int_t)it->correct, "p", maybe(it->p), "point_biserial",
			 maybe(it->point_biserial), "discrimination_responses",
			 (json_int_t)it->discrimination_n, "picks", picks, "flags", flags);
}

static void flags_text(unsigned flags, char *buf, size_t size)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t f = 0; f < sizeof all_flags / sizeof *all_flags && used < size; f++)
		if (flags & all_flags[f])
			used += (size_t)snprintf(buf + used, size - used, "%s%s", used ? " " : "",
						 mx_item_flag_name(all_flags[f]));
}

static void stats_csv(const mx_bank *b, const mx_stats *s)
{
	printf("id,domain,task,type,responses,correct,p,point_biserial,flags\n");
	for (size_t i = 0; i < s->n; i++) {
		const mx_item_stats *it = &s->items[i];
		const mx_question *q = mx_bank_question(b, it->question);
		const mx_domain *d = &mx_bank_profile(b)->domains[q->domain];
		char flags[256];
		flags_text(it->flags, flags, sizeof flags);
		printf("%s,%d,%s,%s,%zu,%zu,", q->id, d->id,
		       q->task >= 0 ? d->tasks[q->task].id : "", mx_qtype_name(q->type),
		       it->responses, it->correct);
		if (!isnan(it->p))
			printf("%.4f", it->p);
		putchar(',');
		if (!isnan(it->point_biserial))
			printf("%.4f", it->point_biserial);
		printf(",%s\n", flags);
	}
}

static void stats_text(const mx_bank *b, const mx_stats *s)
{
	size_t answered = 0, flagged = 0;
	printf("%-14s %6s %6s %7s  %s\n", "question", "answers", "right", "r(pb)", "flags");
	for (size_t i = 0; i < s->n; i++) {
		const mx_item_stats *it = &s->items[i];
		if (!it->responses)
			continue;
		answered++;
		flagged += it->flags != 0;
		char flags[256], rpb[16] = "-";
		flags_text(it->flags, flags, sizeof flags);
		if (!isnan(it->point_biserial))
			snprintf(rpb, sizeof rpb, "%+.2f", it->point_biserial);
		printf("%-14s %6zu %5.0f%% %7s  %s\n", mx_bank_question(b, it->question)->id,
		       it->responses, 100 * it->p, rpb, flags);
	}
	printf("\n%zu of %zu questions answered at least once; %zu flagged.\n", answered, s->n,
	       flagged);
	if (isnan(s->kr20))
		printf("KR-20 reliability: n/a, %s.\n", s->kr20_reason);
	else
		printf("KR-20 reliability of %zu submitted mock exams: %.2f\n", s->kr20_attempts,
		       s->kr20);
}

static int run_stats(cli *c)
{
	int rc = EXIT_OK;
	mx_bank *b = cli_load(c, c->args[0], &rc);
	if (!b)
		return rc;
	mx_history *h = cli_open_history_read(c, &rc);
	mx_stats *s = NULL;
	mx_error err;
	if (h && mx_stats_build(h, b, &s, &err) != MX_OK)
		rc = cli_fail("stats", &err);
	if (s) {
		if (c->json) {
			json_t *items = json_array();
			for (size_t i = 0; i < s->n; i++)
				json_array_append_new(items, item_json(b, &s->items[i]));
			rc = print_json(
			    json_pack("{s:s, s:o, s:I, s:o, s:o}", "exam", mx_bank_profile(b)->id,
				      "kr20", maybe(s->kr20), "kr20_attempts",
				      (json_int_t)s->kr20_attempts, "kr20_reason",
				      isnan(s->kr20) ? json_string(s->kr20_reason) : json_null(),
				      "items", items));
		} else if (c->csv) {
			stats_csv(b, s);
		} else {
			stats_text(b, s);
		}
	}
	mx_stats_free(s);
	mx_history_close(h);
	mx_bank_free(b);
	return rc;
}

const command cmd_stats = {
    .name = "stats",
    .synopsis = "stats EXAM [--json | --csv]",
    .summary = "item analysis for bank authors, from history",
    .options = O_BANKS | O_DB | O_JSON | O_FORMATS | O_LIMITS,
    .min_args = 1,
    .max_args = 1,
    .run = run_stats,
    .help = "Per question, from the responses in history to its current content: answers,\n"
	    "proportion right, point-biserial discrimination against the rest of the mock\n"
	    "exam, how often each option was chosen, and flags (too-easy, too-hard,\n"
	    "negative-discrimination, unused-distractor, key-avoided-by-strongest); and the\n"
	    "KR-20 reliability of the submitted mock exams.\n\n"
	    "Options:\n"
	    "  --json        one JSON document\n"
	    "  --csv         one CSV row per question\n"
	    "  --db PATH     the history database",
};
