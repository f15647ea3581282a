/*
 * yamlread.c - the checked event walk described in yamlread.h.
 *
 * Duplicate keys are found with a stack of per-mapping key lists: a mapping's keys are
 * compared by hash in a linear scan while it is small and through an open-addressing
 * table once it grows (an answer sheet may hold thousands of keys), and the list is
 * popped when the mapping ends, so the cost is proportional to the document.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
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

static ypos mark_pos(yaml_mark_t m)
{
	ypos p = {(unsigned)m.line + 1, (unsigned)m.column + 1};
	return p;
}

/* ---- reading and checking the bytes ---- */

/* Line and column (in characters) of byte offset off, as libyaml counts them. */
static ypos byte_pos(const unsigned char *buf, size_t off)
{
	ypos p = {1, 1};
	for (size_t i = 0; i < off; i++) {
		if (buf[i] == '\n') {
			p.line++;
			p.column = 1;
		} else if ((buf[i] & 0xC0) != 0x80) {
			p.column++;
		}
	}
	return p;
}

/* Length of the valid UTF-8 sequence at s, or 0. */
static size_t utf8_seq(const unsigned char *s, size_t avail)
{
	unsigned c = s[0];
	size_t n;
	unsigned min;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		min = 0x10000;
	} else {
		return 0;
	}
	if (avail < n)
		return 0;
	unsigned cp = c & (0x3F >> (n - 1));
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

/*
 * Whether the 8 bytes at s are printable ASCII (0x20-0x7E): the common case, checked at
 * once.  Per byte, the high bit of (x - n) & ~x is set when x < n (no borrow crosses a
 * byte that does not itself hold a hit).
 */
static bool printable_ascii8(const unsigned char *s)
{
	uint64_t w;
	memcpy(&w, s, sizeof w);
	const uint64_t ones = UINT64_C(0x0101010101010101), highs = UINT64_C(0x8080808080808080);
	uint64_t del = w ^ (ones * 0x7F); /* a zero byte where w has DEL */
	return ((w | ((w - ones * 0x20) & ~w) | ((del - ones) & ~del)) & highs) == 0;
}

/*
 * The code point of the character at s (avail bytes, valid UTF-8) when it is a control
 * character that text may not hold: C0 but tab and newline, DEL, or C1 (U+0080-U+009F,
 * which UTF-8 writes as 0xC2 0x80-0x9F); -1 otherwise.  Any of them could drive the
 * terminal a question is shown on.
 */
static long forbidden_control(const unsigned char *s, size_t avail)
{
	if ((s[0] < 0x20 && s[0] != '\t' && s[0] != '\n') || s[0] == 0x7F)
		return s[0];
	if (s[0] == 0xC2 && avail > 1 && s[1] >= 0x80 && s[1] <= 0x9F)
		return s[1];
	return -1;
}

bool yr_check_utf8(const unsigned char *buf, size_t len, const char *file, mx_diags *diags)
{
	size_t i = 0;
	while (i < len) {
		if (len - i >= 8 && printable_ascii8(buf + i)) {
			i += 8;
			continue;
		}
		if (buf[i] == 0) {
			ypos p = byte_pos(buf, i);
			mx_diag_add(diags, MX_SEV_ERROR, file, p.line, p.column,
				    "NUL byte (files must be UTF-8 text)");
			return false;
		}
		size_t n = buf[i] < 0x80 ? 1 : utf8_seq(buf + i, len - i);
		if (n == 0) {
			ypos p = byte_pos(buf, i);
			mx_diag_add(diags, MX_SEV_ERROR, file, p.line, p.column,
				    "invalid UTF-8 byte 0x%02x (files must be UTF-8)", buf[i]);
			return false;
		}
		/* CR LF is a line break; a CR alone would be one to libyaml and to no editor. */
		bool crlf = buf[i] == '\r' && i + 1 < len && buf[i + 1] == '\n';
		long cp = crlf ? -1 : forbidden_control(buf + i, len - i);
		if (cp >= 0) {
			ypos p = byte_pos(buf, i);
			mx_diag_add(diags, MX_SEV_ERROR, file, p.line, p.column,
				    "control character U+%04lX (text may hold tab and line breaks, "
				    "no other control character)",
				    (unsigned long)cp);
			return false;
		}
		i += n;
	}
	return true;
}

/* Reads size bytes into *buf, growing it (its capacity in *cap) when it is too small. */
static mx_status read_fd(int fd, size_t size, unsigned char **out, size_t *cap)
{
	unsigned char *buf = *out;
	if (!buf || *cap < size + 1) {
		buf = realloc(*out, size + 1);
		if (!buf)
			return MX_ERR_NOMEM;
		*out = buf;
		*cap = size + 1;
	}
	size_t got = 0;
	while (got < size) {
		ssize_t n = read(fd, buf + got, size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	if (got != size)
		return MX_ERR_SYSTEM;
	buf[size] = '\0';
	return MX_OK;
}

mx_status yr_read_file(const char *path, const mx_limits *limits, mx_diags *diags,
		       unsigned char **buf, size_t *cap, size_t *len)
{
	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		mx_diag_add(diags, MX_SEV_ERROR, path, 0, 0, "cannot open: %s", strerror(errno));
		return MX_ERR_SYSTEM;
	}
	mx_status st = MX_OK;
	struct stat sb;
	if (fstat(fd, &sb) != 0) {
		mx_diag_add(diags, MX_SEV_ERROR, path, 0, 0, "cannot stat: %s", strerror(errno));
		st = MX_ERR_SYSTEM;
		goto out;
	}
	if (!S_ISREG(sb.st_mode)) {
		mx_diag_add(diags, MX_SEV_ERROR, path, 1, 1, "not a regular file");
		st = MX_ERR_INPUT;
		goto out;
	}
	if ((unsigned long long)sb.st_size > limits->max_file_bytes) {
		mx_diag_add(diags, MX_SEV_ERROR, path, 1, 1,
			    "file is %lld bytes, over the limit of %zu", (long long)sb.st_size,
			    limits->max_file_bytes);
		st = MX_ERR_INPUT;
		goto out;
	}
	st = read_fd(fd, (size_t)sb.st_size, buf, cap);
	if (st == MX_ERR_SYSTEM)
		mx_diag_add(diags, MX_SEV_ERROR, path, 0, 0, "cannot read: %s",
			    errno ? strerror(errno) : "file changed while read");
	if (st != MX_OK)
		goto out;
	*len = (size_t)sb.st_size;
	if (!yr_check_utf8(*buf, *len, path, diags))
		st = MX_ERR_INPUT;
out:
	close(fd);
	return st;
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
	ypos pos = mark_pos(p->problem_mark);
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
		long cp = forbidden_control(v + i, len - i);
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
	ypos pos = mark_pos(r->ev.start_mark);
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
		*pos = mark_pos(r->ev.start_mark);
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
	ypos pos = mark_pos(r->ev.start_mark);
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

/* The byte offset where line starts in r->src, moving a cursor that usually goes forward. */
static bool line_offset(yreader *r, unsigned line, size_t *off)
{
	if (line < r->src_line) {
		r->src_line = 1;
		r->src_off = 0;
	}
	while (r->src_line < line) {
		const unsigned char *nl = memchr(r->src + r->src_off, '\n', r->srclen - r->src_off);
		if (!nl)
			return false;
		r->src_off = (size_t)(nl - r->src) + 1;
		r->src_line++;
	}
	*off = r->src_off;
	return true;
}

static void step_pos(const unsigned char *src, size_t i, ypos *p)
{
	if (src[i] == '\n') {
		p->line++;
		p->column = 1;
	} else if ((src[i] & 0xC0) != 0x80) {
		p->column++;
	}
}

static int hex_digit(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
		return (c | 0x20) - 'a' + 10;
	return -1;
}

/*
 * How many bytes of a double-quoted scalar's value the escape after a backslash stands
 * for, as libyaml reads it: s (n bytes) follows the backslash, and *used is set to the
 * escape's length, backslash included.  An escaped line break stands for nothing (0);
 * 0 with *used left alone when s starts no escape.
 */
static size_t escape_len(const unsigned char *s, size_t n, size_t *used)
{
	static const char one[] = "0abt\tnvfre \"/'\\", two[] = "N_", three[] = "LP";
	if (n == 0)
		return 0;
	if (s[0] == '\n' || s[0] == '\r') {
		*used = s[0] == '\r' && n > 1 && s[1] == '\n' ? 3 : 2;
		return 0;
	}
	*used = 2;
	if (memchr(one, s[0], sizeof one - 1))
		return 1;
	if (memchr(two, s[0], 2))
		return 2;
	if (memchr(three, s[0], 2))
		return 3;
	size_t digits = s[0] == 'x' ? 2 : s[0] == 'u' ? 4 : s[0] == 'U' ? 8 : 0;
	if (!digits || n <= digits)
		return 0;
	unsigned long cp = 0;
	for (size_t i = 1; i <= digits; i++) {
		int h = hex_digit(s[i]);
		if (h < 0)
			return 0;
		cp = cp << 4 | (unsigned long)h;
	}
	*used = digits + 2;
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; /* its UTF-8 length */
}

/*
 * A block scalar (| or >): moves *i and *p past its header line to the first content
 * line, and says how many spaces of each line are the block's indentation: the
 * explicit indicator added to the indentation of the header's line, or else the
 * indentation of the first line that is not empty.
 */
static bool block_start(const yreader *r, size_t line_start, size_t *i, size_t *bindent, ypos *p)
{
	size_t parent = 0, h = *i, explicit = 0;
	while (line_start + parent < r->srclen && r->src[line_start + parent] == ' ')
		parent++;
	for (; h < r->srclen && r->src[h] != '\n' && r->src[h] != '#'; h++)
		if (r->src[h] >= '1' && r->src[h] <= '9' && !explicit)
			explicit = (size_t)(r->src[h] - '0');
	while (h < r->srclen && r->src[h] != '\n')
		h++;
	if (h >= r->srclen)
		return false;
	*i = h + 1;
	p->line++;
	p->column = 1;
	if (explicit) {
		*bindent = parent + explicit;
		return true;
	}
	for (size_t k = *i; k < r->srclen;) { /* the first line with something on it */
		size_t n = 0;
		while (k + n < r->srclen && r->src[k + n] == ' ')
			n++;
		if (k + n < r->srclen && r->src[k + n] != '\n') {
			*bindent = n;
			return true;
		}
		k += n + 1;
	}
	*bindent = 0;
	return true;
}

ypos yr_scalar_pos(yreader *r, size_t off)
{
	ypos start = mark_pos(r->ev.start_mark), p = start;
	unsigned last_line = (unsigned)r->ev.end_mark.line + 1;
	const unsigned char *v = r->ev.data.scalar.value;
	size_t i, len = r->ev.data.scalar.length;
	if (r->ev.type != YAML_SCALAR_EVENT || off > len || !line_offset(r, start.line, &i))
		return start;
	yaml_scalar_style_t style = r->ev.data.scalar.style;
	bool dq = style == YAML_DOUBLE_QUOTED_SCALAR_STYLE, indent = false;
	bool flow = style != YAML_LITERAL_SCALAR_STYLE && style != YAML_FOLDED_SCALAR_STYLE;
	size_t line_start = i, bindent = 0, skip = 0;
	for (p.column = 1; p.column < start.column && i < r->srclen; p.column++)
		do
			i++;
		while (i < r->srclen && (r->src[i] & 0xC0) == 0x80);
	if (!flow && !block_start(r, line_start, &i, &bindent, &p))
		return start;
	skip = bindent;
	/* Each byte of the value up to off is matched in order; what the source has in
	 * between (indentation, quotes, a header) is skipped, and a line break folded
	 * into a space matches that space.  A flow scalar's continuation lines start
	 * with no value.  In a double-quoted scalar an escape matches the character it
	 * stands for, which is then found at its backslash, and a bare quote matches
	 * nothing. */
	for (size_t k = 0; k <= off; i++) {
		if (i >= r->srclen || p.line > last_line)
			return start;
		unsigned char c = r->src[i];
		if (skip && c == ' ') { /* a block scalar's own indentation holds no value */
			skip--;
			step_pos(r->src, i, &p);
			continue;
		}
		skip = !flow && c == '\n' ? bindent : 0;
		indent = indent && (c == ' ' || c == '\t');
		if (!indent && dq && c == '\\') {
			size_t used = 1, m = escape_len(r->src + i + 1, r->srclen - i - 1, &used);
			if (m && off < k + m)
				return p;
			k += m;
			for (size_t e = 0; e < used; e++)
				step_pos(r->src, i + e, &p);
			i += used - 1;
			indent = m == 0 && used > 1; /* after an escaped line break */
			continue;
		}
		bool match = k < len && !indent && !(dq && c == '"') &&
			     (c == v[k] || (v[k] == ' ' && c == '\n'));
		if (match && k == off)
			return p;
		if (match)
			k++;
		indent = indent || (flow && c == '\n');
		step_pos(r->src, i, &p);
	}
	return start;
}

bool yr_last_plain(const yreader *r)
{
	return r->ev_live && r->ev.type == YAML_SCALAR_EVENT &&
	       r->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

/* ---- duplicate keys ---- */

static uint64_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h;
}

static bool key_equal(const yreader *r, const ykey *k, uint64_t h, const char *s, size_t len)
{
	return k->hash == h && k->len == len &&
	       (len == 0 || memcmp(r->keytext + k->off, s, len) == 0);
}

static bool table_rebuild(yreader *r, ylevel *l, size_t cap)
{
	size_t *t = malloc(cap * sizeof *t);
	if (!t)
		return false;
	for (size_t i = 0; i < cap; i++)
		t[i] = SIZE_MAX;
	for (size_t i = l->first; i < r->nkeys; i++) {
		size_t j = r->keys[i].hash & (cap - 1);
		while (t[j] != SIZE_MAX)
			j = (j + 1) & (cap - 1);
		t[j] = i;
	}
	free(l->table);
	l->table = t;
	l->tcap = cap;
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
	for (size_t j = h & (l->tcap - 1); l->table[j] != SIZE_MAX; j = (j + 1) & (l->tcap - 1))
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
		return table_rebuild(r, l, l->tcap ? l->tcap * 2 : 64);
	if (l->table) {
		size_t j = h & (l->tcap - 1);
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
			yr_error(r, mark_pos(r->ev.start_mark),
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

int utf8_prefix(const char *s, size_t max)
{
	size_t n = strnlen(s, max + 1);
	if (n <= max)
		return (int)n;
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--; /* s[n] continues a character that began before the cut */
	return (int)n;
}
