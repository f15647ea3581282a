/*
 * questions.c - reading questions and cases from a question file.
 *
 * A question is read key by key into a draft that remembers where each value stood
 * (qdraft.h); when its mapping ends the draft is checked as a whole (qcheck.c) and
 * becomes an mx_question.  References to the profile and to other questions are left to
 * the resolve pass (loader.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qdraft.h"

const char *const question_keys[] = {
    "id",	   "domain",	 "task",    "type",  "difficulty", "tags",   "case",
    "excludes",	   "stem",	 "options", "items", "prompts",	   "answer", "shuffle",
    "explanation", "references", "accept",  "why",   "lint",	   NULL,
};

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
		c->text = ld_str(ld, r, what, &vp);
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

static void read_key(loader *ld, yreader *r, draft *d, int k, ypos kp)
{
	mx_question *q = &d->q;
	ypos vp;
	const char *s;
	d->at[k] = kp;
	switch (k) {
	case K_ID:
		q->id = ld_str(ld, r, "'id'", &d->pend.id_pos);
		break;
	case K_DOMAIN:
		d->pend.domain = ld_str(ld, r, "'domain'", &d->pend.domain_pos);
		break;
	case K_TASK:
		d->pend.task = ld_str(ld, r, "'task'", &d->pend.task_pos);
		break;
	case K_TYPE:
		d->type = ld_str(ld, r, "'type'", &vp);
		if (d->type) {
			int t = ld_keyword(d->type, qtype_names);
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
		s = ld_str(ld, r, "'difficulty'", &vp);
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
		d->pend.case_id = ld_str(ld, r, "'case'", &d->pend.case_pos);
		break;
	case K_EXCLUDES: {
		mx_strs ex = {NULL, 0};
		ld_strs(ld, r, "'excludes'", &ex, &d->pend.exclude_pos);
		d->pend.excludes = ex.v;
		d->pend.nexcludes = ex.n;
		break;
	}
	case K_STEM:
		q->stem = ld_str(ld, r, "'stem'", &vp);
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
		s = ld_str(ld, r, "'shuffle'", &vp);
		if (s && strcmp(s, "true") != 0 && strcmp(s, "false") != 0)
			yr_error(r, vp, "shuffle must be true or false, found '%s'", s);
		else if (s)
			q->shuffle = strcmp(s, "true") == 0;
		break;
	case K_EXPLANATION:
		q->explanation = ld_str(ld, r, "'explanation'", &vp);
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
	ypos kp;
	int k;
	while ((k = ld_known_key(r, question_keys, &kp)) >= 0)
		read_key(ld, r, &d, k, kp);
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
	ypos kp;
	int k;
	while ((k = ld_known_key(r, keys, &kp)) >= 0) {
		ypos vp;
		at[k] = kp;
		const char *s = ld_str(ld, r, keys[k], &vp);
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
