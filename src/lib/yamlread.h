/*
 * yamlread.h - a checked, pull-style walk over one YAML document.
 *
 * The bank loader and the answer-sheet reader walk their documents by pulling libyaml
 * events through this reader instead of building a node tree: memory stays proportional
 * to what is kept, and every rule that does not depend on meaning is enforced here, in
 * one place, for every file: no anchors, aliases, tags or merge keys, no duplicate keys,
 * no nesting deeper than the limit, no scalar longer than the limit, no control character
 * but tab and newline in a scalar (escaped ones included).  Each violation is
 * reported once, at the offending node, and the walk goes on where that is safe so one
 * run finds every error.
 */
#ifndef MX_YAMLREAD_H
#define MX_YAMLREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <yaml.h>

#include "mockexam/bank.h"
#include "mockexam/error.h"
#include "utf8.h"

typedef struct ypos {
	unsigned line, column; /* 1-based */
} ypos;

typedef enum ykind {
	Y_SCALAR,
	Y_SEQ,
	Y_MAP,
	Y_END,	/* the end of the collection being walked */
	Y_BAD,	/* an alias: already reported, to be skipped */
	Y_NONE, /* the document has ended or the parse stopped */
} ykind;

typedef struct ykey {
	uint64_t hash;
	size_t off, len; /* into the reader's key text */
	ypos pos;
} ykey;

typedef struct ylevel {
	bool is_map;
	size_t first;  /* first key of this mapping in keys[] */
	size_t *table; /* open-addressing index of keys, for large mappings */
	size_t tcap;   /* 2^tbits slots, or 0 */
	unsigned tbits;
} ylevel;

typedef struct yreader {
	yaml_parser_t parser;
	yaml_event_t ev;
	bool have_ev; /* ev has been fetched and not yet consumed */
	bool ev_live; /* ev holds memory to release */
	bool stopped; /* a fatal problem: nothing more is read */
	bool empty;   /* the stream holds no document */
	const char *file;
	mx_diags *diags;
	mx_limits limits;
	size_t errors;
	size_t depth;
	ylevel *levels;
	ykey *keys;
	size_t nkeys, capkeys;
	char *keytext;
	size_t keytext_len, keytext_cap;
	const unsigned char *src; /* the document, for positions inside scalars */
	size_t srclen;
	unsigned src_line; /* a line of src whose start is known: src_off */
	size_t src_off;
} yreader;

/* A libyaml mark (0-based) as a position. */
static inline ypos yr_mark_pos(yaml_mark_t m)
{
	ypos p = {(unsigned)m.line + 1, (unsigned)m.column + 1};
	return p;
}

/* Moves *p past byte i of src: columns count characters, as libyaml counts them. */
static inline void yr_step_pos(const unsigned char *src, size_t i, ypos *p)
{
	if (src[i] == '\n') {
		p->line++;
		p->column = 1;
	} else if ((src[i] & 0xC0) != 0x80) {
		p->column++;
	}
}

/*
 * Reads a whole file into *buf, refusing what is not a regular file, a file over the
 * size limit, invalid UTF-8, NUL bytes and other control characters.  *buf (NULL or
 * malloc'd, *cap bytes) is grown as needed and reused, so loading many files costs one
 * buffer; the caller frees it (yamlfile.c).
 */
mx_status yr_read_file(const char *path, const mx_limits *limits, mx_diags *diags,
		       unsigned char **buf, size_t *cap, size_t *len);

/*
 * Checks buf is UTF-8 text: no NUL byte and no control character but tab and line
 * breaks (LF, CR LF).  Reports the first bad byte's position.
 */
bool yr_check_utf8(const unsigned char *buf, size_t len, const char *file, mx_diags *diags);

/* Starts a walk of the document in buf (which must outlive the reader). */
mx_status yr_open(yreader *r, const char *file, const unsigned char *buf, size_t len,
		  const mx_limits *limits, mx_diags *diags);
/* Ends the walk, reporting a second document if there is one; releases the reader. */
void yr_close(yreader *r);

/* The kind of the next node, without consuming it; *pos is where it starts. */
ykind yr_peek(yreader *r, ypos *pos);

/* Consumes a mapping start.  Otherwise reports "expected a mapping for WHAT" and skips. */
bool yr_map(yreader *r, const char *what, ypos *pos);
/*
 * The next key of the current mapping; false at its end (consumed).  Non-string keys,
 * merge keys and duplicates are reported and skipped with their values.  *key is valid
 * until the next call on the reader.
 */
bool yr_key(yreader *r, const char **key, size_t *len, ypos *pos);

bool yr_seq(yreader *r, const char *what, ypos *pos);
/* Whether the current sequence has another item (false at its end, consumed). */
bool yr_item(yreader *r);

/*
 * Consumes a scalar.  Otherwise reports "expected a string for WHAT" and skips the node.
 * *s is valid until the next call on the reader.
 */
bool yr_str(yreader *r, const char *what, const char **s, size_t *len, ypos *pos);
/*
 * Where byte off of the value of the scalar just read by yr_str() stands in the file
 * (yamlpos.c).
 * Block, folded, plain and quoted scalars are followed through their indentation and
 * folding, and double-quoted ones through their escapes (a byte an escape stands for is
 * at its backslash); when the value cannot be followed to off, the scalar's own position
 * is returned.
 */
ypos yr_scalar_pos(yreader *r, size_t off);
/* Whether the scalar just read was plain (unquoted), for null-like values. */
bool yr_last_plain(const yreader *r);

enum { YVALUE_MAX = 16 };

/* A small value read whole: a string, a list of strings or a mapping of strings. */
typedef struct yvalue {
	ykind kind;
	size_t n;
	bool null; /* a plain empty, ~ or null scalar, or an empty list or mapping */
	ypos pos;
	const char *key[YVALUE_MAX]; /* mapping keys */
	const char *val[YVALUE_MAX];
	ypos kpos[YVALUE_MAX], vpos[YVALUE_MAX];
} yvalue;

/*
 * Reads the next node as a yvalue, copying its strings into a (an arena).  Entries past
 * YVALUE_MAX and nested collections are reported as errors naming what.
 */
struct arena;
void yr_value(yreader *r, struct arena *a, const char *what, yvalue *v);

/* Skips the next node whatever it is. */
void yr_skip(yreader *r);

/* Reports an error at pos in this reader's file. */
void yr_error(yreader *r, ypos pos, const char *fmt, ...) MX_PRINTF(3, 4);

const char *yr_kind_name(ykind k);

#endif
