/*
 * yamlread.c - the checked event walk described in yamlread.h.
 *
 * Reading the file and checking its bytes is yamlfile.c's; finding where a byte of a
 * scalar stands in the file is yamlpos.c's.  Here: pulling events, the rules every node
 * must satisfy, duplicate keys, and small values read whole.
 *
 * Duplicate keys are found with a stack of per-mapping key lists: a mapping's keys are
 * compared by hash in a linear scan while it is small and through an open-addressing
 * table once it grows (an answer sheet may hold thousands of keys), and the list is
 * popped when the mapping ends, so the cost is proportional to the document.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "hash.h"
#include "yamlread.h"

enum { SMALL_MAP = 16 };

const char *yr_kind_name(ykind k)
{
	switch (k) {
	case Y_SCALAR:
		return "a string";
	case Y_SEQ:
		return "a list";
	case Y_MAP:
		return "a mapping";
	case Y_END:
	case Y_NONE:
		return "nothing";
	case Y_BAD:
		return "an alias";
	}
	return "nothing";
}

void yr_error(yreader *r, ypos pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	mx_diag_vadd(r->diags, MX_SEV_ERROR, r->file, pos.line, pos.column, fmt, ap);
	va_end(ap);
	r->errors++;
}

/* ---- events ---- */

static void stop(yreader *r)
{
	r->stopped = true;
	r->have_ev = false;
}

static void parse_failed(yreader *r)
{
	yaml_parser_t *p = &r->parser;
	ypos pos = yr_mark_pos(p->problem_mark);
	if (p->error == YAML_MEMORY_ERROR) {
		yr_error(r, pos, "out of memory while parsing");
	} else if (p->context) {
		yr_error(r, pos, "YAML syntax: %s %s", p->problem ? p->problem : "error",
			 p->context);
	} else {
		yr_error(r, pos, "YAML syntax: %s", p->problem ? p->problem : "error");
	}
	stop(r);
}

static void show_tag(const char *tag, char *out, size_t size)
{
	static const char core[] = "tag:yaml.org,2002:";
	if (strncmp(tag, core, sizeof core - 1) == 0)
		snprintf(out, size, "!!%s", tag + sizeof core - 1);
	else
		snprintf(out, size, "%s", tag);
}

static void check_props(yreader *r, const yaml_char_t *anchor, const yaml_char_t *tag, ypos pos)
{
	if (anchor)
		yr_error(r, pos, "anchors are not allowed (&%s)", (const char *)anchor);
	if (tag) {
		char shown[64];
		show_tag((const char *)tag, shown, sizeof shown);
		yr_error(r, pos, "tags are not allowed (%s)", shown);
	}
}

static bool push_level(yreader *r, bool is_map, ypos pos)
{
	if (r->depth >= r->limits.max_depth) {
		yr_error(r, pos, "nesting deeper than %zu levels", r->limits.max_depth);
		stop(r);
		return false;
	}
	ylevel *l = &r->levels[r->depth++];
	l->is_map = is_map;
	l->first = r->nkeys;
	l->table = NULL;
	l->tcap = 0;
	l->tbits = 0;
	return true;
}

static void pop_level(yreader *r)
{
	if (r->depth == 0)
		return;
	ylevel *l = &r->levels[--r->depth];
	if (l->is_map) {
		r->nkeys = l->first;
		r->keytext_len =
		    r->nkeys ? r->keys[r->nkeys - 1].off + r->keys[r->nkeys - 1].len : 0;
	}
	free(l->table);
	l->table = NULL;
}

/*
 * Reports the first control character of the scalar in r->ev that text may not hold.
 * The file itself holds none (yr_check_utf8), but a double-quoted scalar can write one
 * as an escape ("\e", "\x1b", "\u0085"), and "\0" would cut the string short.
 */
static void check_controls(yreader *r)
{
	const unsigned char *v = r->ev.data.scalar.value;
	size_t len = r->ev.data.scalar.length;
	for (size_t i = 0; i < len; i++) {
		long cp = utf8_control(v + i, len - i);
		if (cp >= 0) {
			yr_error(r, yr_scalar_pos(r, i),
				 "control character U+%04lX in a string; only tab and newline may "
				 "appear",
				 (unsigned long)cp);
			return;
		}
	}
}

/* Fetches the next event into r->ev and checks what every node must satisfy. */
static bool fetch(yreader *r)
{
	if (r->stopped)
		return false;
	if (r->have_ev)
		return true;
	if (r->ev_live) {
		yaml_event_delete(&r->ev);
		r->ev_live = false;
	}
	if (!yaml_parser_parse(&r->parser, &r->ev)) {
		parse_failed(r);
		return false;
	}
	r->ev_live = true;
	r->have_ev = true;
	ypos pos = yr_mark_pos(r->ev.start_mark);
	switch (r->ev.type) {
	case YAML_ALIAS_EVENT:
		yr_error(r, pos, "aliases are not allowed (*%s)",
			 (const char *)r->ev.data.alias.anchor);
		break;
	case YAML_SCALAR_EVENT:
		check_props(r, r->ev.data.scalar.anchor, r->ev.data.scalar.tag, pos);
		if (r->ev.data.scalar.length > r->limits.max_scalar)
			yr_error(r, pos, "string of %zu bytes is over the limit of %zu",
				 r->ev.data.scalar.length, r->limits.max_scalar);
		check_controls(r);
		break;
	case YAML_SEQUENCE_START_EVENT:
		check_props(r, r->ev.data.sequence_start.anchor, r->ev.data.sequence_start.tag,
			    pos);
		break;
	case YAML_MAPPING_START_EVENT:
		check_props(r, r->ev.data.mapping_start.anchor, r->ev.data.mapping_start.tag, pos);
		break;
	default:
		break;
	}
	return true;
}

ykind yr_peek(yreader *r, ypos *pos)
{
	if (!fetch(r))
		return Y_NONE;
	if (pos)
		*pos = yr_mark_pos(r->ev.start_mark);
	switch (r->ev.type) {
	case YAML_SCALAR_EVENT:
		return Y_SCALAR;
	case YAML_SEQUENCE_START_EVENT:
		return Y_SEQ;
	case YAML_MAPPING_START_EVENT:
		return Y_MAP;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return Y_END;
	case YAML_ALIAS_EVENT:
		return Y_BAD;
	default:
		return Y_NONE;
	}
}

/* Consumes the peeked event, keeping the depth bookkeeping. */
static void consume(yreader *r)
{
	if (!r->have_ev)
		return;
	ypos pos = yr_mark_pos(r->ev.start_mark);
	switch (r->ev.type) {
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		r->have_ev = false;
		push_level(r, r->ev.type == YAML_MAPPING_START_EVENT, pos);
		return;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		pop_level(r);
		break;
	default:
		break;
	}
	r->have_ev = false;
}

void yr_skip(yreader *r)
{
	ykind k = yr_peek(r, NULL);
	if (k == Y_NONE || k == Y_END)
		return;
	size_t base = r->depth;
	consume(r);
	if (k != Y_SEQ && k != Y_MAP)
		return;
	while (!r->stopped && r->depth > base) {
		if (!fetch(r))
			return;
		consume(r);
	}
}

static bool expect(yreader *r, ykind want, const char *what, ypos *pos)
{
	ypos p;
	ykind k = yr_peek(r, &p);
	if (pos)
		*pos = p;
	if (k == want) {
		consume(r);
		return true;
	}
	if (k == Y_NONE || k == Y_END)
		return false;
	if (k != Y_BAD)
		yr_error(r, p, "expected %s for %s, found %s", yr_kind_name(want), what,
			 yr_kind_name(k));
	yr_skip(r);
	return false;
}

bool yr_map(yreader *r, const char *what, ypos *pos)
{
	return expect(r, Y_MAP, what, pos);
}

bool yr_seq(yreader *r, const char *what, ypos *pos)
{
	return expect(r, Y_SEQ, what, pos);
}

bool yr_item(yreader *r)
{
	ykind k = yr_peek(r, NULL);
	if (k == Y_END) {
		consume(r);
		return false;
	}
	return k != Y_NONE;
}

bool yr_str(yreader *r, const char *what, const char **s, size_t *len, ypos *pos)
{
	if (!expect(r, Y_SCALAR, what, pos))
		return false;
	*s = (const char *)r->ev.data.scalar.value;
	if (len)
		*len = r->ev.data.scalar.length;
	return true;
}

bool yr_last_plain(const yreader *r)
{
	return r->ev_live && r->ev.type == YAML_SCALAR_EVENT &&
	       r->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

/* ---- duplicate keys ---- */

static bool key_equal(const yreader *r, const ykey *k, uint64_t h, const char *s, size_t len)
{
	return k->hash == h && k->len == len &&
	       (len == 0 || memcmp(r->keytext + k->off, s, len) == 0);
}

/* Indexes the current mapping's keys in a table of 2^bits slots. */
static bool table_rebuild(yreader *r, ylevel *l, unsigned bits)
{
	size_t cap = (size_t)1 << bits;
	size_t *t = malloc(cap * sizeof *t);
	if (!t)
		return false;
	for (size_t i = 0; i < cap; i++)
		t[i] = SIZE_MAX;
	for (size_t i = l->first; i < r->nkeys; i++) {
		size_t j = hash_slot(r->keys[i].hash, bits);
		while (t[j] != SIZE_MAX)
			j = (j + 1) & (cap - 1);
		t[j] = i;
	}
	free(l->table);
	l->table = t;
	l->tcap = cap;
	l->tbits = bits;
	return true;
}

/* Finds an earlier equal key of the current mapping. */
static const ykey *find_key(yreader *r, uint64_t h, const char *s, size_t len)
{
	ylevel *l = &r->levels[r->depth - 1];
	size_t n = r->nkeys - l->first;
	if (n <= SMALL_MAP || !l->table) {
		for (size_t i = l->first; i < r->nkeys; i++)
			if (key_equal(r, &r->keys[i], h, s, len))
				return &r->keys[i];
		return NULL;
	}
	for (size_t j = hash_slot(h, l->tbits); l->table[j] != SIZE_MAX;
	     j = (j + 1) & (l->tcap - 1))
		if (key_equal(r, &r->keys[l->table[j]], h, s, len))
			return &r->keys[l->table[j]];
	return NULL;
}

static bool grow(void **p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return true;
	size_t c = *cap ? *cap : 64;
	while (c < need)
		c *= 2;
	void *q = realloc(*p, c * size);
	if (!q)
		return false;
	*p = q;
	*cap = c;
	return true;
}

/* Remembers a key of the current mapping; false when out of memory. */
static bool add_key(yreader *r, uint64_t h, const char *s, size_t len, ypos pos)
{
	if (!grow((void **)&r->keys, &r->capkeys, r->nkeys + 1, sizeof *r->keys) ||
	    !grow((void **)&r->keytext, &r->keytext_cap, r->keytext_len + len, 1))
		return false;
	ykey *k = &r->keys[r->nkeys++];
	k->hash = h;
	k->off = r->keytext_len;
	k->len = len;
	k->pos = pos;
	if (len) /* an empty key has no text, and keytext may not exist yet */
		memcpy(r->keytext + r->keytext_len, s, len);
	r->keytext_len += len;
	ylevel *l = &r->levels[r->depth - 1];
	size_t n = r->nkeys - l->first;
	if (n > SMALL_MAP && n * 2 > l->tcap)
		return table_rebuild(r, l, l->tcap ? l->tbits + 1 : 6);
	if (l->table) {
		size_t j = hash_slot(h, l->tbits);
		while (l->table[j] != SIZE_MAX)
			j = (j + 1) & (l->tcap - 1);
		l->table[j] = r->nkeys - 1;
	}
	return true;
}

bool yr_key(yreader *r, const char **key, size_t *len, ypos *pos)
{
	for (;;) {
		ypos p;
		ykind k = yr_peek(r, &p);
		if (k == Y_END) {
			consume(r);
			return false;
		}
		if (k == Y_NONE)
			return false;
		if (k != Y_SCALAR) {
			if (k != Y_BAD)
				yr_error(r, p, "keys must be strings, found %s", yr_kind_name(k));
			yr_skip(r);
			yr_skip(r);
			continue;
		}
		consume(r);
		const char *s = (const char *)r->ev.data.scalar.value;
		size_t n = r->ev.data.scalar.length;
		if (n == 2 && memcmp(s, "<<", 2) == 0 && yr_last_plain(r)) {
			yr_error(r, p, "merge keys (<<) are not allowed");
			yr_skip(r);
			continue;
		}
		uint64_t h = hash_bytes(s, n);
		const ykey *dup = find_key(r, h, s, n);
		if (dup) {
			yr_error(r, p, "duplicate key '%.*s' (first at line %u)",
				 utf8_prefix(s, 80), s, dup->pos.line);
			yr_skip(r);
			continue;
		}
		if (!add_key(r, h, s, n, p)) {
			yr_error(r, p, "out of memory");
			stop(r);
			return false;
		}
		*key = s;
		if (len)
			*len = n;
		if (pos)
			*pos = p;
		return true;
	}
}

/* ---- documents ---- */

mx_status yr_open(yreader *r, const char *file, const unsigned char *buf, size_t len,
		  const mx_limits *limits, mx_diags *diags)
{
	memset(r, 0, sizeof *r);
	r->file = file;
	r->diags = diags;
	r->limits = *limits;
	r->levels = calloc(limits->max_depth + 1, sizeof *r->levels);
	if (!r->levels || !yaml_parser_initialize(&r->parser)) {
		free(r->levels);
		r->levels = NULL;
		return MX_ERR_NOMEM;
	}
	yaml_parser_set_input_string(&r->parser, buf, len);
	r->src = buf;
	r->srclen = len;
	r->src_line = 1;
	yaml_parser_set_encoding(&r->parser, YAML_UTF8_ENCODING);
	/* STREAM-START, then DOCUMENT-START or STREAM-END for an empty file. */
	for (int i = 0; i < 2 && fetch(r); i++) {
		yaml_event_type_t t = r->ev.type;
		r->have_ev = false;
		if (t == YAML_STREAM_END_EVENT) {
			r->empty = true;
			stop(r);
		}
	}
	return MX_OK;
}

void yr_close(yreader *r)
{
	if (!r->levels)
		return;
	/* Past the document: its end, then the stream's end or a second document. */
	while (!r->stopped && r->depth > 0 && fetch(r))
		consume(r);
	if (!r->stopped && fetch(r) && r->ev.type == YAML_DOCUMENT_END_EVENT) {
		r->have_ev = false;
		if (fetch(r) && r->ev.type == YAML_DOCUMENT_START_EVENT)
			yr_error(r, yr_mark_pos(r->ev.start_mark),
				 "a file holds one YAML document; this is a second");
	}
	if (r->ev_live)
		yaml_event_delete(&r->ev);
	for (size_t i = 0; i <= r->limits.max_depth; i++)
		free(r->levels[i].table);
	free(r->levels);
	free(r->keys);
	free(r->keytext);
	yaml_parser_delete(&r->parser);
	memset(r, 0, sizeof *r);
}

/* ---- small values ---- */

static const char *value_str(yreader *r, arena *a, const char *what, ypos *pos)
{
	const char *s;
	size_t len;
	if (!yr_str(r, what, &s, &len, pos))
		return NULL;
	char *d = arena_strndup(a, s, len);
	if (!d)
		yr_error(r, *pos, "out of memory");
	return d;
}

static bool value_room(yreader *r, yvalue *v, ypos pos, const char *what)
{
	if (v->n < YVALUE_MAX)
		return true;
	yr_error(r, pos, "too many entries in %s (at most %d)", what, YVALUE_MAX);
	return false;
}

void yr_value(yreader *r, arena *a, const char *what, yvalue *v)
{
	ykind k = yr_peek(r, &v->pos);
	v->kind = k;
	v->n = 0;
	v->null = false;
	if (k == Y_SCALAR) {
		v->val[0] = value_str(r, a, what, &v->vpos[0]);
		v->n = v->val[0] != NULL;
		v->null = v->n && yr_last_plain(r) &&
			  (!*v->val[0] || !strcmp(v->val[0], "~") || !strcmp(v->val[0], "null"));
	} else if (k == Y_SEQ) {
		yr_seq(r, what, NULL);
		while (yr_item(r)) {
			ypos p;
			const char *s = value_str(r, a, what, &p);
			if (s && value_room(r, v, p, what)) {
				v->val[v->n] = s;
				v->vpos[v->n++] = p;
			}
		}
		v->null = v->n == 0;
	} else if (k == Y_MAP) {
		yr_map(r, what, NULL);
		const char *key;
		size_t klen;
		ypos kp, p;
		while (yr_key(r, &key, &klen, &kp)) {
			char *kd = arena_strndup(a, key, klen);
			const char *s = value_str(r, a, what, &p);
			if (kd && s && value_room(r, v, kp, what)) {
				v->key[v->n] = kd;
				v->kpos[v->n] = kp;
				v->val[v->n] = s;
				v->vpos[v->n++] = p;
			}
		}
		v->null = v->n == 0;
	} else {
		yr_skip(r);
	}
}
