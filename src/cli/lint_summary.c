/*
 * lint_summary.c - `mockexam lint --summary`: the table an author checks before shipping
 * a bank.  Per bank: questions per domain and task, types, the difficulty histogram, how
 * single-answer keys spread over the letters, the count of each item-writing cue found,
 * and every cue a question accepts with its reason (so acceptances stay visible).
 *
 * Cue counts come from the bank's warnings: each cue warning ends with its rule in
 * brackets, "[stem-echo]", the name 'lint: accept' takes.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

typedef struct summary {
	size_t per_task[64][16]; /* [domain][task + 1]: 0 counts questions without a task */
	size_t types[5];
	size_t difficulty[6]; /* 0: not marked */
	size_t keys[MX_MAX_OPTIONS];
	size_t cues[MX_CUE_COUNT];
	size_t accepted;
} summary;

/* The cue a warning reports, from its "[rule]" suffix; MX_CUE_COUNT when none. */
static mx_cue cue_of(const char *message)
{
	size_t n = strlen(message);
	if (n < 3 || message[n - 1] != ']')
		return MX_CUE_COUNT;
	const char *open = strrchr(message, '[');
	for (int c = 0; open && c < MX_CUE_COUNT; c++) {
		const char *name = mx_cue_name((mx_cue)c);
		if (strlen(name) == (size_t)(message + n - 1 - open - 1) &&
		    !strncmp(open + 1, name, strlen(name)))
			return (mx_cue)c;
	}
	return MX_CUE_COUNT;
}

static void tally(const mx_bank *b, const mx_diags *d, size_t first_diag, summary *s)
{
	memset(s, 0, sizeof *s);
	for (size_t i = 0; i < mx_bank_count(b); i++) {
		const mx_question *q = mx_bank_question(b, i);
		if (q->domain < 64 && q->task < 15)
			s->per_task[q->domain][q->task + 1]++;
		s->types[q->type]++;
		s->difficulty[q->difficulty >= 1 && q->difficulty <= 5 ? q->difficulty : 0]++;
		if (q->type == MX_TYPE_SINGLE)
			s->keys[q->answer.k[0]]++;
		s->accepted += q->accepted != 0;
	}
	for (size_t i = first_diag; i < d->count; i++) {
		mx_cue c = cue_of(d->items[i].message);
		if (d->items[i].severity == MX_SEV_WARNING && c != MX_CUE_COUNT)
			s->cues[c]++;
	}
}

static void print_domains(FILE *f, const mx_profile *p, const summary *s)
{
	for (size_t d = 0; d < p->ndomains && d < 64; d++) {
		const mx_domain *dom = &p->domains[d];
		size_t total = s->per_task[d][0];
		for (size_t t = 0; t < dom->ntasks && t < 15; t++)
			total += s->per_task[d][t + 1];
		fprintf(f, "  domain %d  %-44.44s %4zu", dom->id, dom->name, total);
		for (size_t t = 0; t < dom->ntasks && t < 15; t++)
			fprintf(f, "%s%s %zu", t ? ", " : "  (", dom->tasks[t].id,
				s->per_task[d][t + 1]);
		if (s->per_task[d][0] && dom->ntasks)
			fprintf(f, ", no task %zu", s->per_task[d][0]);
		fprintf(f, "%s\n", dom->ntasks ? ")" : "");
	}
}

void lint_summary_print(FILE *f, const mx_bank *b, const mx_diags *d, size_t first_diag)
{
	summary s;
	const mx_profile *p = mx_bank_profile(b);
	tally(b, d, first_diag, &s);
	fprintf(f, "%s: %zu questions (%s)\n", p->id, mx_bank_count(b), mx_bank_dir(b));
	print_domains(f, p, &s);
	fprintf(f, "  types       ");
	for (int t = 0; t <= MX_TYPE_TEXT; t++)
		fprintf(f, "%s%s %zu", t ? ", " : "", mx_qtype_name((mx_qtype)t), s.types[t]);
	fprintf(f, "\n  difficulty  ");
	for (int k = 1; k <= 5; k++)
		fprintf(f, "%s%d: %zu", k > 1 ? "  " : "", k, s.difficulty[k]);
	fprintf(f, "  not marked: %zu\n  single keys ", s.difficulty[0]);
	for (int k = 0; k < MX_MAX_OPTIONS; k++)
		if (s.keys[k] || k < 4)
			fprintf(f, "%s%c %zu", k ? "  " : "", 'A' + k, s.keys[k]);
	fprintf(f, "\n  cues        ");
	for (int c = 0; c < MX_CUE_COUNT; c++)
		fprintf(f, "%s%s %zu", c ? ", " : "", mx_cue_name((mx_cue)c), s.cues[c]);
	fprintf(f, "\n  accepted    %zu\n", s.accepted);
	for (size_t i = 0; i < mx_bank_count(b); i++) {
		const mx_question *q = mx_bank_question(b, i);
		if (!q->accepted)
			continue;
		fprintf(f, "    %s:", q->id);
		for (int c = 0; c < MX_CUE_COUNT; c++)
			if (q->accepted & (1u << c))
				fprintf(f, " %s", mx_cue_name((mx_cue)c));
		fprintf(f, ", because: %s\n", q->accepted_because);
	}
}

json_t *lint_summary_json(const mx_bank *b, const mx_diags *d, size_t first_diag)
{
	summary s;
	const mx_profile *p = mx_bank_profile(b);
	tally(b, d, first_diag, &s);
	json_t *domains = json_array(), *types = json_object(), *diff = json_object(),
	       *keys = json_object(), *cues = json_object(), *acc = json_array();
	for (size_t i = 0; i < p->ndomains && i < 64; i++) {
		json_t *tasks = json_object();
		size_t total = s.per_task[i][0];
		for (size_t t = 0; t < p->domains[i].ntasks && t < 15; t++) {
			json_object_set_new(tasks, p->domains[i].tasks[t].id,
					    json_integer((json_int_t)s.per_task[i][t + 1]));
			total += s.per_task[i][t + 1];
		}
		json_array_append_new(domains,
				      json_pack("{s:i, s:I, s:o}", "id", p->domains[i].id,
						"questions", (json_int_t)total, "tasks", tasks));
	}
	for (int t = 0; t <= MX_TYPE_TEXT; t++)
		json_object_set_new(types, mx_qtype_name((mx_qtype)t),
				    json_integer((json_int_t)s.types[t]));
	for (int k = 0; k <= 5; k++) {
		char name[16];
		snprintf(name, sizeof name, "%d", k);
		json_object_set_new(diff, k ? name : "none",
				    json_integer((json_int_t)s.difficulty[k]));
	}
	for (int k = 0; k < MX_MAX_OPTIONS; k++) {
		char name[2] = {(char)('A' + k), '\0'};
		json_object_set_new(keys, name, json_integer((json_int_t)s.keys[k]));
	}
	for (int c = 0; c < MX_CUE_COUNT; c++)
		json_object_set_new(cues, mx_cue_name((mx_cue)c),
				    json_integer((json_int_t)s.cues[c]));
	for (size_t i = 0; i < mx_bank_count(b); i++) {
		const mx_question *q = mx_bank_question(b, i);
		if (!q->accepted)
			continue;
		json_t *rules = json_array();
		for (int c = 0; c < MX_CUE_COUNT; c++)
			if (q->accepted & (1u << c))
				json_array_append_new(rules, json_string(mx_cue_name((mx_cue)c)));
		json_array_append_new(acc, json_pack("{s:s, s:o, s:s}", "id", q->id, "rules", rules,
						     "because", q->accepted_because));
	}
	return json_pack("{s:s, s:s, s:I, s:o, s:o, s:o, s:o, s:o, s:o}", "exam", p->id, "path",
			 mx_bank_dir(b), "questions", (json_int_t)mx_bank_count(b), "domains",
			 domains, "types", types, "difficulty", diff, "single_keys", keys, "cues",
			 cues, "accepted", acc);
}
