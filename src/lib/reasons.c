/*
 * reasons.c - the rules of format 2 (bank-format.md, "Version 2"): 'why' gives each
 * choice its reason, no text a candidate reads names an option or an item by its letter
 * (the screen shows them in another order), and 'lint: accept' lets an author keep a cue
 * that is the point of the question.
 *
 * Letters named in a text are found as the text is read, while the reader still knows
 * where each byte stands; which letters are the question's own is known only when the
 * question ends, so they are judged then.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "letters.h"
#include "qdraft.h"

/*
 * In a format-2 bank, notes where the text just read names a letter; which letters are
 * the question's own is known only when the question ends (check_reasons()).  Positions
 * are taken now, while the reader still holds the scalar.
 */
void scan_letters(loader *ld, yreader *r, draft *d, const char *text, char reason)
{
	letter_ref found[MAX_REFS];
	if (ld->bank->profile.format != 2)
		return;
	size_t n = letter_refs(text, found, MAX_REFS - d->nrefs);
	for (size_t i = 0; i < n; i++) {
		text_ref *t = &d->refs[d->nrefs++];
		t->pos = yr_scalar_pos(r, found[i].off);
		t->letter = found[i].letter;
		t->reason = reason;
		size_t from = found[i].from, len = found[i].until - from;
		snprintf(t->phrase, sizeof t->phrase, "%.*s", utf8_prefix(text + from, len),
			 text + from);
	}
}

/*
 * 'lint: {accept: [rule, ...], because: text}': cues the author accepts in this question,
 * for the rare case where the cue is the point; lint --summary lists them.
 */
void read_lint(loader *ld, yreader *r, draft *d)
{
	static const char *const keys[] = {"accept", "because", NULL};
	ypos start, vp;
	bool seen[2] = {false, false};
	if (!yr_map(r, "'lint'", &start))
		return;
	int k;
	while ((k = ld_known_key(r, keys, &vp)) >= 0) {
		seen[k] = true;
		if (k == 1) {
			d->q.accepted_because = ld_str(ld, r, "'because'", &vp);
			continue;
		}
		mx_strs rules = {NULL, 0};
		ypos *pos = NULL;
		ld_strs(ld, r, "'accept'", &rules, &pos);
		for (size_t i = 0; i < rules.n; i++) {
			int c = 0;
			while (c < MX_CUE_COUNT && strcmp(rules.v[i], mx_cue_name((mx_cue)c)) != 0)
				c++;
			if (c == MX_CUE_COUNT)
				yr_error(r, pos[i],
					 "unknown lint rule '%s' (absolute-words, longest-key, "
					 "stem-echo, all-of-the-above, same-options, near-copy or "
					 "reused-distractor)",
					 rules.v[i]);
			else
				d->q.accepted |= 1u << c;
		}
		free(pos);
	}
	if (!seen[0] || !seen[1] || !d->q.accepted_because || is_blank(d->q.accepted_because))
		yr_error(r, start,
			 "'lint' needs 'accept' (the rules) and 'because' (why the cue is the "
			 "point of the question)");
}

/* What a question's reasons are keyed by: its options, items or prompts (NULL: text). */
static const choices *reason_keys(const draft *d, const char **noun)
{
	switch (d->q.type) {
	case MX_TYPE_ORDERING:
		*noun = "item";
		return &d->items;
	case MX_TYPE_MATCHING:
		*noun = "prompt";
		return &d->prompts;
	case MX_TYPE_TEXT:
		return NULL;
	default:
		*noun = "option";
		return &d->options;
	}
}

/* Whether letter names one of the question's shown choices: options or items. */
static bool own_letter(const draft *d, char letter, const char **noun)
{
	const choices *ch = d->q.type == MX_TYPE_ORDERING ? &d->items : &d->options;
	*noun = d->q.type == MX_TYPE_ORDERING ? "item" : "option";
	for (size_t i = 0; i < ch->n; i++)
		if (ch->c[i].key[0] == letter)
			return true;
	return false;
}

/*
 * The rules of format 2 (bank-format.md, "Version 2"): 'why' belongs to format 2; it
 * gives each option of a single or multiple question exactly one reason, and only
 * choices that exist get one; no explanation or reason names an option by its letter.
 */
void check_reasons(loader *ld, yreader *r, draft *d)
{
	char range[16];
	const char *noun = NULL;
	const choices *keys = reason_keys(d, &noun);
	int format = ld->bank->profile.format;
	if (d->at[K_WHY].line && format == 1) {
		yr_error(r, d->at[K_WHY],
			 "question '%s': 'why' needs format 2 (exam.yaml says format 1; "
			 "docs/bank-format.md shows how to move a bank)",
			 d->q.id);
		return;
	}
	if (!keys)
		return;
	for (size_t i = 0; i < d->why.n; i++)
		if (choice_index(keys, d->why.c[i].key) < 0)
			yr_error(r, d->why.pos[i],
				 "question '%s': 'why' gives a reason for '%s', which is not %s %s "
				 "(%s)",
				 d->q.id, d->why.c[i].key, *noun == 'p' ? "a" : "an", noun,
				 key_range(keys, range, sizeof range));
	bool every = d->q.type == MX_TYPE_SINGLE || d->q.type == MX_TYPE_MULTIPLE;
	if (format == 2 && every && !d->at[K_WHY].line)
		yr_error(r, d->start,
			 "question '%s': missing key 'why' (format 2 gives every option a reason)",
			 d->q.id);
	else if (format == 2 && every)
		for (size_t i = 0; i < keys->n; i++)
			if (choice_index(&d->why, keys->c[i].key) < 0)
				yr_error(r, d->at[K_WHY],
					 "question '%s': 'why' gives no reason for option '%s'",
					 d->q.id, keys->c[i].key);
	for (size_t i = 0; i < d->nrefs; i++) {
		const text_ref *t = &d->refs[i];
		char where[32] = "explanation";
		if (!own_letter(d, t->letter, &noun))
			continue;
		if (t->reason && d->q.type == MX_TYPE_MATCHING)
			snprintf(where, sizeof where, "reason for prompt %c", t->reason);
		else if (t->reason)
			snprintf(where, sizeof where, "reason for '%c'", t->reason);
		yr_error(r, t->pos,
			 "question '%s': the %s names %s '%c' by its letter ('%s'); the screen "
			 "shows %ss in another order, so name it by its content",
			 d->q.id, where, noun, t->letter, t->phrase, noun);
	}
}

/* The reasons in the order of what they are keyed by, in the arena; NULL when none. */
const char *const *copy_reasons(loader *ld, const draft *d)
{
	const char *noun;
	const choices *keys = reason_keys(d, &noun);
	if (!keys || d->why.n == 0)
		return NULL;
	const char **why = arena_alloc(&ld->bank->arena, keys->n * sizeof *why);
	if (!why)
		return NULL;
	for (size_t i = 0; i < keys->n; i++) {
		int w = choice_index(&d->why, keys->c[i].key);
		why[i] = w < 0 ? NULL : d->why.c[w].text;
	}
	return why;
}
