/*
 * yamlpos.c - where a byte of a scalar's value stands in the file (yr_scalar_pos()).
 *
 * libyaml gives a scalar's start and end, not where each byte of its value came from,
 * and a value is not a copy of the source: block scalars lose their indentation, plain,
 * quoted and folded ones fold line breaks into spaces, double-quoted ones turn escapes
 * into the characters they stand for.  The source is walked again from the scalar's
 * start, matching the value byte by byte, so a diagnostic about text inside a string
 * (a letter named in an explanation, a control character written as an escape) points
 * at the place an editor shows.
 */
#include <string.h>

#include "yamlread.h"

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
	ypos start = yr_mark_pos(r->ev.start_mark), p = start;
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
			yr_step_pos(r->src, i, &p);
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
				yr_step_pos(r->src, i + e, &p);
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
		yr_step_pos(r->src, i, &p);
	}
	return start;
}
