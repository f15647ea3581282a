/*
 * questions.c - reading questions and cases from a question file.
 *
 * A question is read key by key into a draft that remembers where each value stood;
 * when its mapping ends the draft is checked as a whole (the answer against the
 * options, the keys against the type) and becomes an mx_question.  References to the
 * profile and to other questions are left to the resolve pass (loader.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "letters.h"
#include "loader.h"

static const char *const question_keys[] = {
    "id",	   "domain",	 "task",    "type",  "difficulty", "tags",   "case",
    "excludes",	   "stem",	 "options", "items", "prompts",	   "answer", "shuffle",
    "explanation", "references", "accept",  "why",   "lint",	   NULL,
};

enum {
	K_ID,
	K_DOMAIN,
	K_TASK,
	K_TYPE,
	K_DIFFICULTY,
	K_TAGS,
	K_CASE,
	K_EXCLUDES,
	K_STEM,
	K_OPTIONS,
	K_ITEMS,
	K_PROMPTS,
	K_ANSWER,
	K_SHUFFLE,
	K_EXPLANATION,
	K_REFERENCES,
	K_ACCEPT,
	K_WHY,
	K_LINT,
	K_COUNT
};

static const char *const type_names[] = {"single",   "multiple", "ordering",
					 "matching", "text",	 NULL};

enum { MAX_CHOICES = 16, MAX_REFS = 16 };

typedef struct choices {
	mx_choice c[MAX_CHOICES];
	ypos pos[MAX_CHOICES];
	size_t n;
} choices;

/* A place where a text names a letter, found as the text is read (letters.h). */
typedef struct text_ref {
	ypos pos;
	char letter;
	char reason; /* the key of the 'why' entry it is in, or 0 for the explanation */
	char phrase[24];
} text_ref;

typedef struct draft {
	mx_question q;
	pending pend;
	ypos start;
	ypos at[K_COUNT]; /* where each key stood; line 0 when absent */
	const char *type;
	choices options, items, prompts, why;
	text_ref refs[MAX_REFS];
	size_t nrefs;
	yvalue answer; /* as written, before it is checked against the choices */
	ypos *accept_pos;
} draft;

/* ---- small readers ---- */

static const char *str_value(loader *ld, yreader *r, const char *what, ypos *pos)
{
	const char *s;
	size_t len;
	if (!yr_str(r, what, &s, &len, pos))
		return NULL;
	return ld_dup(ld, r, s, len, *pos);
}

/*
 * In a format-2 bank, notes where the text just read names a letter; which letters are
 * the question's own is known only when the question ends (check_reasons()).  Positions
 * are taken now, while the reader still holds the scalar.
 */
static void scan_letters(loader *ld, yreader *r, draft *d, const char *text, char reason)
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

static void read_choices(loader *ld, yreader *r, const char *what, choices *ch, draft *d)
{
	ypos p;
	if (!yr_map(r, what, &p))
		return;
	const char *key;
	size_t klen;
	ypos kp;
	while (yr_key(r, &key, &klen, &kp)) {
		if (ch->n == MAX_CHOICES) {
			yr_error(r, kp, "too many entries in %s", what);
			yr_skip(r);
			continue;
		}
		mx_choice *c = &ch->c[ch->n];
		if (klen != 1) {
			yr_error(r, kp, "key '%s' in %s must be a single letter or digit", key,
				 what);
			yr_skip(r);
			continue;
		}
		c->key[0] = key[0];
		c->key[1] = '\0';
		ch->pos[ch->n] = kp;
		ypos vp;
		c->text = str_value(ld, r, what, &vp);
		if (!c->text)
			continue;
		c->line = vp.line;
		c->column = vp.column;
		if (d)
			scan_letters(ld, r, d, c->text, c->key[0]);
		if (is_blank(c->text))
			yr_error(r, vp, "empty text for '%s' in %s", c->key, what);
		ch->n++;
	}
}

/*
 * 'lint: {accept: [rule, ...], because: text}': cues the author accepts in this question,
 * for the rare case where the cue is the point; lint --summary lists them.
 */
static void read_lint(loader *ld, yreader *r, draft *d)
{
	static const char *const keys[] = {"accept", "because", NULL};
	ypos start, vp;
	bool seen[2] = {false, false};
	if (!yr_map(r, "'lint'", &start))
		return;
	const char *key;
	while (yr_key(r, &key, NULL, &vp)) {
		int k = ld_keyword(key, keys);
		if (k < 0) {
			ld_unknown_key(r, key, vp, keys);
			yr_skip(r);
			continue;
		}
		seen[k] = true;
		if (k == 1) {
			d->q.accepted_because = str_value(ld, r, "'because'", &vp);
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

static void read_key(loader *ld, yreader *r, draft *d, int k, ypos kp)
{
	mx_question *q = &d->q;
	ypos vp;
	const char *s;
	d->at[k] = kp;
	switch (k) {
	case K_ID:
		q->id = str_value(ld, r, "'id'", &d->pend.id_pos);
		break;
	case K_DOMAIN:
		d->pend.domain = str_value(ld, r, "'domain'", &d->pend.domain_pos);
		break;
	case K_TASK:
		d->pend.task = str_value(ld, r, "'task'", &d->pend.task_pos);
		break;
	case K_TYPE:
		d->type = str_value(ld, r, "'type'", &vp);
		if (d->type) {
			int t = ld_keyword(d->type, type_names);
			if (t < 0) {
				yr_error(r, vp,
					 "unknown type '%s' (single, multiple, ordering, matching "
					 "or text)",
					 d->type);
				d->type = NULL;
			} else {
				q->type = (mx_qtype)t;
			}
		}
		break;
	case K_DIFFICULTY: {
		unsigned long v;
		s = str_value(ld, r, "'difficulty'", &vp);
		if (s && (!parse_count(s, 5, &v) || v < 1))
			yr_error(r, vp, "difficulty must be 1 to 5, found '%s'", s);
		else if (s)
			q->difficulty = (int)v;
		break;
	}
	case K_TAGS:
		ld_strs(ld, r, "'tags'", &q->tags, NULL);
		break;
	case K_CASE:
		d->pend.case_id = str_value(ld, r, "'case'", &d->pend.case_pos);
		break;
	case K_EXCLUDES: {
		mx_strs ex = {NULL, 0};
		ld_strs(ld, r, "'excludes'", &ex, &d->pend.exclude_pos);
		d->pend.excludes = ex.v;
		d->pend.nexcludes = ex.n;
		break;
	}
	case K_STEM:
		q->stem = str_value(ld, r, "'stem'", &vp);
		q->stem_line = vp.line;
		q->stem_column = vp.column;
		break;
	case K_OPTIONS:
		read_choices(ld, r, "'options'", &d->options, NULL);
		break;
	case K_ITEMS:
		read_choices(ld, r, "'items'", &d->items, NULL);
		break;
	case K_PROMPTS:
		read_choices(ld, r, "'prompts'", &d->prompts, NULL);
		break;
	case K_WHY:
		read_choices(ld, r, "'why'", &d->why, d);
		break;
	case K_LINT:
		read_lint(ld, r, d);
		break;
	case K_ANSWER:
		yr_value(r, &ld->bank->arena, "'answer'", &d->answer);
		break;
	case K_SHUFFLE:
		s = str_value(ld, r, "'shuffle'", &vp);
		if (s && strcmp(s, "true") != 0 && strcmp(s, "false") != 0)
			yr_error(r, vp, "shuffle must be true or false, found '%s'", s);
		else if (s)
			q->shuffle = strcmp(s, "true") == 0;
		break;
	case K_EXPLANATION:
		q->explanation = str_value(ld, r, "'explanation'", &vp);
		if (q->explanation)
			scan_letters(ld, r, d, q->explanation, 0);
		break;
	case K_REFERENCES:
		ld_strs(ld, r, "'references'", &q->references, NULL);
		break;
	case K_ACCEPT:
		ld_strs(ld, r, "'accept'", &q->accept, &d->accept_pos);
		break;
	}
}

/* ---- checking a draft ---- */

/* "A-D", "1-3": the keys of a choice list, for messages. */
static const char *key_range(const choices *ch, char *buf, size_t size)
{
	if (ch->n == 0)
		snprintf(buf, size, "none");
	else if (ch->n == 1)
		snprintf(buf, size, "%s", ch->c[0].key);
	else
		snprintf(buf, size, "%s-%s", ch->c[0].key, ch->c[ch->n - 1].key);
	return buf;
}

/* Keys must run first, first+1, ... in file order: A, B, C or 1, 2, 3. */
static bool check_keys(yreader *r, const char *qid, const choices *ch, char first, const char *what,
		       size_t min, size_t max, ypos at)
{
	bool ok = true;
	for (size_t i = 0; i < ch->n; i++) {
		char want = (char)(first + (int)i);
		if (ch->c[i].key[0] != want) {
			yr_error(r, ch->pos[i],
				 "question '%s': %s keys must run %c, %c, %c... in order; expected "
				 "'%c', found '%s'",
				 qid, what, first, first + 1, first + 2, want, ch->c[i].key);
			ok = false;
			break;
		}
	}
	if (ch->n < min || ch->n > max) {
		yr_error(r, at, "question '%s': %zu %s; this type takes %zu to %zu", qid, ch->n,
			 what, min, max);
		ok = false;
	}
	return ok;
}

/* Index of key among ch, or -1. */
static int choice_index(const choices *ch, const char *key)
{
	for (size_t i = 0; i < ch->n; i++)
		if (strcmp(ch->c[i].key, key) == 0)
			return (int)i;
	return -1;
}

static void answer_kind_error(yreader *r, const draft *d, const char *want)
{
	ypos p = d->answer.n ? d->answer.vpos[0] : d->at[K_ANSWER];
	yr_error(r, p, "question '%s': a %s question's answer is %s, found %s", d->q.id, d->type,
		 want, yr_kind_name(d->answer.kind));
}

/* Resolves answer keys against ch into q->answer; each key once. */
static bool answer_keys(yreader *r, draft *d, const choices *ch, const char *what)
{
	char range[16];
	mx_keys *a = &d->q.answer;
	a->n = 0;
	bool ok = true;
	for (size_t i = 0; i < d->answer.n; i++) {
		int c = choice_index(ch, d->answer.val[i]);
		if (c < 0) {
			yr_error(r, d->answer.vpos[i], "question '%s': answer '%s' is not %s (%s)",
				 d->q.id, d->answer.val[i], what,
				 key_range(ch, range, sizeof range));
			ok = false;
			continue;
		}
		for (size_t j = 0; j < a->n; j++)
			if (a->k[j] == c) {
				yr_error(r, d->answer.vpos[i],
					 "question '%s': answer lists '%s' twice", d->q.id,
					 d->answer.val[i]);
				ok = false;
			}
		if (a->n < MX_MAX_OPTIONS)
			a->k[a->n++] = (uint8_t)c;
	}
	return ok;
}

static void sort_keys(mx_keys *a)
{
	for (size_t i = 1; i < a->n; i++)
		for (size_t j = i; j > 0 && a->k[j - 1] > a->k[j]; j--) {
			uint8_t t = a->k[j];
			a->k[j] = a->k[j - 1];
			a->k[j - 1] = t;
		}
}

static void check_single(yreader *r, draft *d)
{
	if (!check_keys(r, d->q.id, &d->options, 'A', "options", 3, MX_MAX_OPTIONS,
			d->at[K_OPTIONS]))
		return;
	if (d->answer.kind != Y_SCALAR) {
		answer_kind_error(r, d, "one option key, such as B");
		return;
	}
	answer_keys(r, d, &d->options, "an option");
}

static void check_multiple(yreader *r, draft *d)
{
	if (!check_keys(r, d->q.id, &d->options, 'A', "options", 3, MX_MAX_OPTIONS,
			d->at[K_OPTIONS]))
		return;
	if (d->answer.kind != Y_SEQ) {
		answer_kind_error(r, d, "a list of two or more option keys, such as [A, D]");
		return;
	}
	if (!answer_keys(r, d, &d->options, "an option"))
		return;
	sort_keys(&d->q.answer);
	if (d->q.answer.n < 2)
		yr_error(r, d->at[K_ANSWER],
			 "question '%s': a multiple-response answer lists two or more keys",
			 d->q.id);
	else if (d->options.n < (size_t)d->q.answer.n + 1)
		yr_error(r, d->at[K_OPTIONS],
			 "question '%s': %zu options for %u keys; give at least one more option "
			 "than keys",
			 d->q.id, d->options.n, d->q.answer.n);
}

static void check_ordering(yreader *r, draft *d)
{
	if (!check_keys(r, d->q.id, &d->items, 'A', "items", 3, MX_MAX_ITEMS, d->at[K_ITEMS]))
		return;
	if (d->answer.kind != Y_SEQ) {
		answer_kind_error(r, d, "every item key in order, such as [C, A, B]");
		return;
	}
	if (answer_keys(r, d, &d->items, "an item") && d->q.answer.n != d->items.n)
		yr_error(
		    r, d->at[K_ANSWER],
		    "question '%s': the answer orders %u of the %zu items; list every item once",
		    d->q.id, d->q.answer.n, d->items.n);
}

static void check_matching(yreader *r, draft *d)
{
	char range[16];
	bool ok = check_keys(r, d->q.id, &d->prompts, '1', "prompts", 2, MX_MAX_PROMPTS,
			     d->at[K_PROMPTS]);
	ok &= check_keys(r, d->q.id, &d->options, 'A', "options", 2, MX_MAX_OPTIONS,
			 d->at[K_OPTIONS]);
	if (!ok)
		return;
	if (d->answer.kind != Y_MAP) {
		answer_kind_error(r, d, "a mapping of prompt to option, such as {1: B, 2: A}");
		return;
	}
	mx_keys *a = &d->q.answer;
	a->n = (uint8_t)d->prompts.n;
	memset(a->k, MX_NONE, sizeof a->k);
	for (size_t i = 0; i < d->answer.n; i++) {
		int p = choice_index(&d->prompts, d->answer.key[i]);
		int o = choice_index(&d->options, d->answer.val[i]);
		if (p < 0)
			yr_error(r, d->answer.kpos[i], "question '%s': '%s' is not a prompt (%s)",
				 d->q.id, d->answer.key[i],
				 key_range(&d->prompts, range, sizeof range));
		else if (o < 0)
			yr_error(r, d->answer.vpos[i],
				 "question '%s': answer '%s' is not an option (%s)", d->q.id,
				 d->answer.val[i], key_range(&d->options, range, sizeof range));
		else
			a->k[p] = (uint8_t)o;
	}
	if (d->answer.n == 0) {
		yr_error(r, d->at[K_ANSWER], "question '%s': the answer gives no options", d->q.id);
		return;
	}
	for (size_t p = 0; p < d->prompts.n; p++)
		if (a->k[p] == MX_NONE)
			yr_error(r, d->at[K_ANSWER],
				 "question '%s': the answer gives no option for prompt %s", d->q.id,
				 d->prompts.c[p].key);
}

static void check_text(loader *ld, yreader *r, draft *d)
{
	if (d->answer.kind != Y_SCALAR) {
		answer_kind_error(r, d, "the text to show, such as guardrails");
		return;
	}
	d->q.answer_text = d->answer.val[0];
	if (!d->at[K_ACCEPT].line || d->q.accept.n == 0) {
		yr_error(r, d->at[K_ACCEPT].line ? d->at[K_ACCEPT] : d->start,
			 "question '%s': a text question needs 'accept' patterns", d->q.id);
		return;
	}
	mx_pattern **codes = arena_alloc(&ld->bank->arena, d->q.accept.n * sizeof *codes);
	if (!codes)
		return;
	for (size_t i = 0; i < d->q.accept.n; i++) {
		char msg[256];
		size_t off = 0;
		const char *src = d->q.accept.v[i];
		codes[i] = mx_pattern_compile(src, strlen(src), MX_PAT_UTF, msg, sizeof msg, &off);
		if (!codes[i])
			yr_error(
			    r, d->accept_pos[i],
			    "question '%s': accept pattern '%s' does not compile: %s at offset %zu",
			    d->q.id, src, msg, off);
	}
	ld->bank->accept[ld->bank->nquestions] = codes;
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
static void check_reasons(loader *ld, yreader *r, draft *d)
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
static const char *const *copy_reasons(loader *ld, const draft *d)
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

/* Keys that belong to other types: 'items' on a single question and the like. */
static void check_type_keys(yreader *r, const draft *d)
{
	static const struct {
		int key;
		unsigned types; /* bit per mx_qtype */
	} rules[] = {
	    {K_OPTIONS, 1u << MX_TYPE_SINGLE | 1u << MX_TYPE_MULTIPLE | 1u << MX_TYPE_MATCHING},
	    {K_ITEMS, 1u << MX_TYPE_ORDERING},
	    {K_PROMPTS, 1u << MX_TYPE_MATCHING},
	    {K_ACCEPT, 1u << MX_TYPE_TEXT},
	    {K_WHY, ~(1u << MX_TYPE_TEXT)},
	};
	for (size_t i = 0; i < sizeof rules / sizeof *rules; i++) {
		int k = rules[i].key;
		bool allowed = rules[i].types & (1u << d->q.type);
		if (d->at[k].line && !allowed)
			yr_error(r, d->at[k], "question '%s': '%s' is not used by %s questions",
				 d->q.id, question_keys[k], d->type);
		if (!d->at[k].line && allowed && k != K_ACCEPT && k != K_WHY)
			yr_error(r, d->start,
				 "question '%s': missing key '%s' (a %s question has %s)", d->q.id,
				 question_keys[k], d->type, question_keys[k]);
	}
}

/*
 * Checks a question whose mapping has ended.  When reading it already failed, only the
 * missing keys are reported: the rest would mostly echo the first error.
 */
static bool check_draft(loader *ld, yreader *r, draft *d, size_t errors_at_start)
{
	size_t before = r->errors;
	if (r->stopped)
		return false;
	if (!d->q.id) {
		yr_error(r, d->start, "question without 'id'");
		d->q.id = "?";
	}
	/* Format 2 may give reasons alone; format 1 (or a profile that failed to say which)
	 * needs the explanation. */
	bool every = d->type && (d->q.type == MX_TYPE_SINGLE || d->q.type == MX_TYPE_MULTIPLE);
	bool reasons_only = ld->bank->profile.format != 1 && (d->at[K_WHY].line || every);
	static const int required[] = {K_DOMAIN, K_TYPE, K_STEM, K_ANSWER, K_EXPLANATION};
	for (size_t i = 0; i < sizeof required / sizeof *required; i++)
		if (!d->at[required[i]].line && !(required[i] == K_EXPLANATION && reasons_only))
			yr_error(r, d->start, "question '%s': missing key '%s'", d->q.id,
				 question_keys[required[i]]);
	if (d->at[K_STEM].line && d->q.stem && is_blank(d->q.stem))
		yr_error(r, d->at[K_STEM], "question '%s': empty stem", d->q.id);
	if (d->at[K_EXPLANATION].line && d->q.explanation && is_blank(d->q.explanation))
		yr_error(r, d->at[K_EXPLANATION], "question '%s': empty explanation", d->q.id);
	if (r->errors != before || r->errors != errors_at_start || !d->type)
		return false;
	check_type_keys(r, d);
	if (r->errors != before)
		return false;
	switch (d->q.type) {
	case MX_TYPE_SINGLE:
		check_single(r, d);
		break;
	case MX_TYPE_MULTIPLE:
		check_multiple(r, d);
		break;
	case MX_TYPE_ORDERING:
		check_ordering(r, d);
		break;
	case MX_TYPE_MATCHING:
		check_matching(r, d);
		break;
	case MX_TYPE_TEXT:
		check_text(ld, r, d);
		break;
	}
	if (r->errors == before)
		check_reasons(ld, r, d);
	return r->errors == before;
}

static void *copy_choices(loader *ld, const choices *ch)
{
	return arena_memdup(&ld->bank->arena, ch->c, ch->n, sizeof *ch->c);
}

static bool grow_questions(loader *ld)
{
	mx_bank *b = ld->bank;
	if (b->nquestions < b->capquestions)
		return true;
	size_t cap = b->capquestions ? b->capquestions * 2 : 256;
	mx_question *q = realloc(b->questions, cap * sizeof *q);
	if (!q)
		return false;
	b->questions = q;
	pending *p = realloc(ld->pend, cap * sizeof *p);
	if (!p)
		return false;
	ld->pend = p;
	mx_pattern ***a = realloc(b->accept, cap * sizeof *a);
	if (!a)
		return false;
	b->accept = a;
	b->capquestions = cap;
	return true;
}

static void read_question(loader *ld, yreader *r, const char *file)
{
	draft d;
	/* Only what is read before it is written: the choice and answer arrays are filled
	 * up to their counts, and zeroing them whole for every question shows in profiles. */
	memset(&d.q, 0, sizeof d.q);
	memset(&d.pend, 0, sizeof d.pend);
	memset(d.at, 0, sizeof d.at);
	d.type = NULL;
	d.accept_pos = NULL;
	d.options.n = d.items.n = d.prompts.n = d.why.n = 0;
	d.nrefs = 0;
	d.answer.kind = Y_NONE;
	d.answer.n = 0;
	d.answer.null = false;
	d.q.shuffle = true;
	d.q.task = -1;
	d.q.case_index = -1;
	if (!yr_map(r, "a question", &d.start))
		return;
	if (!grow_questions(ld)) {
		yr_error(r, d.start, "out of memory");
		yr_skip(r);
		return;
	}
	ld->bank->accept[ld->bank->nquestions] = NULL;
	size_t errors_at_start = r->errors;
	const char *key;
	ypos kp;
	while (yr_key(r, &key, NULL, &kp)) {
		int k = ld_keyword(key, question_keys);
		if (k < 0) {
			ld_unknown_key(r, key, kp, question_keys);
			yr_skip(r);
			continue;
		}
		read_key(ld, r, &d, k, kp);
	}
	bool ok = check_draft(ld, r, &d, errors_at_start);
	if (ok && d.why.n && !(d.q.why = copy_reasons(ld, &d))) {
		yr_error(r, d.start, "out of memory");
		ok = false;
	}
	free(d.accept_pos);
	if (!ok) {
		free(d.pend.exclude_pos);
		if (ld->bank->accept[ld->bank->nquestions]) {
			for (size_t i = 0; i < d.q.accept.n; i++)
				mx_pattern_free(ld->bank->accept[ld->bank->nquestions][i]);
			ld->bank->accept[ld->bank->nquestions] = NULL;
		}
		return;
	}
	d.q.options = copy_choices(ld, &d.options);
	d.q.noptions = d.options.n;
	d.q.items = copy_choices(ld, &d.items);
	d.q.nitems = d.items.n;
	d.q.prompts = copy_choices(ld, &d.prompts);
	d.q.nprompts = d.prompts.n;

	d.q.file = file;
	d.q.line = d.start.line;
	d.q.column = d.start.column;
	ld->pend[ld->bank->nquestions] = d.pend;
	ld->bank->questions[ld->bank->nquestions++] = d.q;
}

static void read_case(loader *ld, yreader *r, const char *file)
{
	static const char *const keys[] = {"id", "title", "scenario", NULL};
	mx_case c = {NULL, NULL, NULL, file, 0, 0};
	ypos start, at[3] = {{0, 0}, {0, 0}, {0, 0}};
	if (!yr_map(r, "a case", &start))
		return;
	const char *key;
	ypos kp;
	while (yr_key(r, &key, NULL, &kp)) {
		int k = ld_keyword(key, keys);
		ypos vp;
		if (k < 0) {
			ld_unknown_key(r, key, kp, keys);
			yr_skip(r);
			continue;
		}
		at[k] = kp;
		const char *s = str_value(ld, r, keys[k], &vp);
		if (k == 0)
			c.id = s;
		else if (k == 1)
			c.title = s;
		else
			c.scenario = s;
	}
	if (!c.id || !at[2].line) {
		yr_error(r, start, "a case needs an 'id' and a 'scenario'");
		return;
	}
	if (c.scenario && is_blank(c.scenario)) {
		yr_error(r, at[2], "case '%s': empty scenario", c.id);
		return;
	}
	mx_bank *b = ld->bank;
	if (b->ncases == b->capcases) {
		size_t cap = b->capcases ? b->capcases * 2 : 16;
		mx_case *v = realloc(b->cases, cap * sizeof *v);
		if (!v) {
			yr_error(r, start, "out of memory");
			return;
		}
		b->cases = v;
		b->capcases = cap;
	}
	size_t idx = b->ncases;
	int put = strmap_put(&b->cindex, c.id, strlen(c.id), &idx);
	if (put < 0) {
		yr_error(r, start, "out of memory");
		return;
	}
	if (put == 0) {
		yr_error(r, start, "duplicate case id '%s' (first defined at %s:%u)", c.id,
			 b->cases[idx].file, b->cases[idx].line);
		return;
	}
	c.line = start.line;
	c.column = start.column;
	b->cases[b->ncases++] = c;
}

bool qfile_key(loader *ld, yreader *r, const char *key)
{
	bool questions = strcmp(key, "questions") == 0;
	if (!questions && strcmp(key, "cases") != 0)
		return false;
	ld->questions_seen = true;
	ypos p;
	if (!yr_seq(r, questions ? "'questions'" : "'cases'", &p))
		return true;
	while (yr_item(r)) {
		if (questions)
			read_question(ld, r, r->file);
		else
			read_case(ld, r, r->file);
	}
	return true;
}
