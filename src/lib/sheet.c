/*
 * sheet.c - reading answer sheets and turning them into responses.
 *
 * The file goes through the same checked reader as a bank (yamlread.h), so a hostile
 * sheet meets the same limits.  Option letters are accepted in either case: a sheet
 * is typed by hand, and "b" can only mean B.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "mockexam/rng.h"
#include "mockexam/sheet.h"
#include "yamlread.h"

typedef struct entry {
	const char *id;
	ypos pos;
	yvalue value;
} entry;

struct mx_sheet {
	arena arena;
	const char *file;
	const char *exam;
	bool has_seed;
	uint64_t seed;
	entry *entries;
	size_t n, cap;
};

static mx_status read_stdin(const mx_limits *limits, mx_diags *diags, unsigned char **buf,
			    size_t *len)
{
	size_t cap = 4096, n = 0;
	unsigned char *b = malloc(cap + 1);
	if (!b)
		return MX_ERR_NOMEM;
	for (;;) {
		if (n == cap) {
			if (cap > limits->max_file_bytes) {
				free(b);
				mx_diag_add(diags, MX_SEV_ERROR, "<stdin>", 1, 1,
					    "input is over the limit of %zu bytes",
					    limits->max_file_bytes);
				return MX_ERR_INPUT;
			}
			unsigned char *nb = realloc(b, cap * 2 + 1);
			if (!nb) {
				free(b);
				return MX_ERR_NOMEM;
			}
			b = nb;
			cap *= 2;
		}
		ssize_t r = read(STDIN_FILENO, b + n, cap - n);
		if (r < 0) {
			free(b);
			mx_diag_add(diags, MX_SEV_ERROR, "<stdin>", 0, 0,
				    "cannot read standard input");
			return MX_ERR_SYSTEM;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	b[n] = '\0';
	if (n > limits->max_file_bytes || !yr_check_utf8(b, n, "<stdin>", diags)) {
		if (n > limits->max_file_bytes)
			mx_diag_add(diags, MX_SEV_ERROR, "<stdin>", 1, 1,
				    "input is over the limit of %zu bytes", limits->max_file_bytes);
		free(b);
		return MX_ERR_INPUT;
	}
	*buf = b;
	*len = n;
	return MX_OK;
}

static bool add_entry(mx_sheet *s, const entry *e)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 128;
		entry *v = realloc(s->entries, cap * sizeof *v);
		if (!v)
			return false;
		s->entries = v;
		s->cap = cap;
	}
	s->entries[s->n++] = *e;
	return true;
}

static void read_answers(mx_sheet *s, yreader *r)
{
	ypos p;
	if (!yr_map(r, "'answers'", &p))
		return;
	const char *key;
	size_t klen;
	entry e;
	while (yr_key(r, &key, &klen, &e.pos)) {
		e.id = arena_strndup(&s->arena, key, klen);
		yr_value(r, &s->arena, "an answer", &e.value);
		if (!e.id || !add_entry(s, &e)) {
			yr_error(r, e.pos, "out of memory");
			return;
		}
	}
}

static void read_top(mx_sheet *s, yreader *r)
{
	static const char *const keys[] = {"exam", "seed", "answers", NULL};
	ypos p;
	bool have_answers = false;
	if (!yr_map(r, "the answer sheet", &p))
		return;
	const char *key, *v;
	size_t len;
	ypos kp, vp;
	while (yr_key(r, &key, NULL, &kp)) {
		if (strcmp(key, keys[0]) == 0) {
			if (yr_str(r, "'exam'", &v, &len, &vp))
				s->exam = arena_strndup(&s->arena, v, len);
		} else if (strcmp(key, keys[1]) == 0) {
			if (!yr_str(r, "'seed'", &v, &len, &vp))
				continue;
			char *end;
			unsigned long long n = strtoull(v, &end, 10);
			if (!isdigit((unsigned char)*v) || *end || n > MX_SEED_MAX)
				yr_error(r, vp,
					 "seed must be a whole number from 0 to %llu, found '%s'",
					 (unsigned long long)MX_SEED_MAX, v);
			else {
				s->seed = n;
				s->has_seed = true;
			}
		} else if (strcmp(key, keys[2]) == 0) {
			have_answers = true;
			read_answers(s, r);
		} else {
			yr_error(r, kp,
				 "unknown key '%.*s' (an answer sheet has exam, seed and answers)",
				 utf8_prefix(key, 80), key);
			yr_skip(r);
		}
	}
	if (!have_answers)
		yr_error(r, p, "missing key 'answers'");
}

mx_status mx_sheet_read(const char *path, const mx_limits *limits, mx_diags *diags, mx_sheet **out)
{
	mx_limits lim = limits ? *limits : mx_limits_default();
	*out = NULL;
	mx_sheet *s = calloc(1, sizeof *s);
	if (!s)
		return MX_ERR_NOMEM;
	arena_init(&s->arena);
	bool is_stdin = strcmp(path, "-") == 0;
	s->file = arena_strdup(&s->arena, is_stdin ? "<stdin>" : path);
	unsigned char *buf = NULL;
	size_t len = 0, cap = 0;
	mx_status st = !s->file	  ? MX_ERR_NOMEM
		       : is_stdin ? read_stdin(&lim, diags, &buf, &len)
				  : yr_read_file(path, &lim, diags, &buf, &cap, &len);
	if (st != MX_OK)
		goto fail;
	yreader r;
	st = yr_open(&r, s->file, buf, len, &lim, diags);
	if (st != MX_OK)
		goto fail;
	if (r.empty)
		yr_error(&r, (ypos){1, 1}, "empty answer sheet");
	else
		read_top(s, &r);
	size_t errors = r.errors;
	yr_close(&r);
	if (errors) {
		st = MX_ERR_INPUT;
		goto fail;
	}
	free(buf);
	*out = s;
	return MX_OK;
fail:
	free(buf);
	mx_sheet_free(s);
	return st;
}

void mx_sheet_free(mx_sheet *s)
{
	if (!s)
		return;
	free(s->entries);
	arena_free(&s->arena);
	free(s);
}

const char *mx_sheet_exam(const mx_sheet *s)
{
	return s->exam;
}

bool mx_sheet_seed(const mx_sheet *s, uint64_t *seed)
{
	if (s->has_seed)
		*seed = s->seed;
	return s->has_seed;
}

/* ---- applying ---- */

typedef struct applier {
	const mx_sheet *sheet;
	mx_diags *diags;
	size_t errors;
} applier;

static void err(applier *a, ypos p, const char *fmt, ...) MX_PRINTF(3, 4);

static void err(applier *a, ypos p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	mx_diag_vadd(a->diags, MX_SEV_ERROR, a->sheet->file, p.line, p.column, fmt, ap);
	va_end(ap);
	a->errors++;
}

static const char *range(const mx_choice *c, size_t n, char *buf, size_t size)
{
	snprintf(buf, size, "%s-%s", c[0].key, c[n - 1].key);
	return buf;
}

/* Index of the choice keyed s (letters in either case), or -1. */
static int find_choice(const mx_choice *c, size_t n, const char *s)
{
	if (!s[0] || s[1])
		return -1;
	char k = (char)toupper((unsigned char)s[0]);
	for (size_t i = 0; i < n; i++)
		if (c[i].key[0] == k)
			return (int)i;
	return -1;
}

static bool keys_from_list(applier *a, const entry *e, const mx_choice *c, size_t n,
			   const char *what, mx_keys *out)
{
	char buf[16];
	out->n = 0;
	for (size_t i = 0; i < e->value.n; i++) {
		int k = find_choice(c, n, e->value.val[i]);
		if (k < 0) {
			err(a, e->value.vpos[i], "question '%s': '%s' is not %s (%s)", e->id,
			    e->value.val[i], what, range(c, n, buf, sizeof buf));
			return false;
		}
		for (size_t j = 0; j < out->n; j++)
			if (out->k[j] == k) {
				err(a, e->value.vpos[i], "question '%s': '%s' is given twice",
				    e->id, e->value.val[i]);
				return false;
			}
		if (out->n == MX_MAX_OPTIONS)
			return false;
		out->k[out->n++] = (uint8_t)k;
	}
	return true;
}

static void shape_error(applier *a, const entry *e, const mx_question *q, const char *want)
{
	err(a, e->value.pos, "question '%s' is a %s question: its answer is %s, not %s", e->id,
	    mx_qtype_name(q->type), want, yr_kind_name(e->value.kind));
}

static void apply_matching(applier *a, const entry *e, const mx_question *q, mx_response *r)
{
	char buf[16];
	r->keys.n = (uint8_t)q->nprompts;
	memset(r->keys.k, MX_NONE, sizeof r->keys.k);
	for (size_t i = 0; i < e->value.n; i++) {
		int p = find_choice(q->prompts, q->nprompts, e->value.key[i]);
		int o = find_choice(q->options, q->noptions, e->value.val[i]);
		if (p < 0)
			err(a, e->value.kpos[i], "question '%s': '%s' is not a prompt (%s)", e->id,
			    e->value.key[i], range(q->prompts, q->nprompts, buf, sizeof buf));
		else if (o < 0)
			err(a, e->value.vpos[i], "question '%s': '%s' is not an option (%s)", e->id,
			    e->value.val[i], range(q->options, q->noptions, buf, sizeof buf));
		else
			r->keys.k[p] = (uint8_t)o;
	}
}

static void apply_entry(applier *a, const entry *e, const mx_question *q, mx_response *r)
{
	const yvalue *v = &e->value;
	memset(r, 0, sizeof *r);
	if (v->null)
		return;
	switch (q->type) {
	case MX_TYPE_SINGLE:
		if (v->kind != Y_SCALAR) {
			shape_error(a, e, q, "one option key, such as B");
			return;
		}
		r->answered = keys_from_list(a, e, q->options, q->noptions, "an option", &r->keys);
		break;
	case MX_TYPE_MULTIPLE:
		if (v->kind != Y_SEQ) {
			shape_error(a, e, q, "a list of option keys, such as [A, D]");
			return;
		}
		r->answered = keys_from_list(a, e, q->options, q->noptions, "an option", &r->keys);
		break;
	case MX_TYPE_ORDERING:
		if (v->kind != Y_SEQ) {
			shape_error(a, e, q, "the item keys in order, such as [C, A, B]");
			return;
		}
		r->answered = keys_from_list(a, e, q->items, q->nitems, "an item", &r->keys);
		if (r->answered && r->keys.n != q->nitems) {
			err(a, v->pos,
			    "question '%s': the answer orders %u of the %zu items; list every item "
			    "once",
			    e->id, r->keys.n, q->nitems);
			r->answered = false;
		}
		break;
	case MX_TYPE_MATCHING:
		if (v->kind != Y_MAP) {
			shape_error(a, e, q, "a mapping of prompt to option, such as {1: B, 2: A}");
			return;
		}
		apply_matching(a, e, q, r);
		r->answered = true;
		break;
	case MX_TYPE_TEXT:
		if (v->kind != Y_SCALAR) {
			shape_error(a, e, q, "a string");
			return;
		}
		r->text = v->val[0];
		r->answered = true;
		break;
	}
}

mx_status mx_sheet_apply(const mx_sheet *s, const mx_form *form, mx_diags *diags,
			 mx_response *responses)
{
	applier a = {s, diags, 0};
	const mx_bank *b = form->bank;
	const mx_profile *p = mx_bank_profile(b);
	memset(responses, 0, form->n * sizeof *responses);
	for (size_t i = 0; i < s->n; i++) {
		const entry *e = &s->entries[i];
		long q = mx_bank_find_question(b, e->id);
		long at = q < 0 ? -1 : mx_form_find(form, (size_t)q);
		if (at < 0) {
			err(&a, e->pos, "question '%.*s' is not in this exam (%s, seed %llu%s)",
			    utf8_prefix(e->id, 80), e->id, p->id, (unsigned long long)form->seed,
			    form->n != p->question_count ? ", a shorter form" : "");
			continue;
		}
		apply_entry(&a, e, mx_bank_question(b, (size_t)q), &responses[at]);
	}
	return a.errors ? MX_ERR_INPUT : MX_OK;
}
