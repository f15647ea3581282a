/*
 * output.c - how the program prints: diagnostics like a compiler's, JSON documents,
 * wrapped text and bars.
 */
#include <langinfo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"
#include "textout.h"

void print_diags(mx_diags *d)
{
	mx_diags_sort(d);
	for (size_t i = 0; i < d->count; i++) {
		const mx_diag *g = &d->items[i];
		const char *sev = g->severity == MX_SEV_ERROR ? "error" : "warning";
		if (g->line)
			fprintf(stderr, "%s:%u:%u: %s: %s\n", g->file, g->line, g->column, sev,
				g->message);
		else
			fprintf(stderr, "%s: %s: %s\n", g->file, sev, g->message);
	}
}

int print_json(json_t *doc)
{
	if (!doc) {
		fprintf(stderr, "mockexam: out of memory\n");
		return EXIT_SYSTEM;
	}
	int rc =
	    json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
	json_decref(doc);
	fputc('\n', stdout);
	if (rc != 0 || fflush(stdout) != 0)
		return EXIT_SYSTEM; /* main() says why: the output could not be written */
	return EXIT_OK;
}

json_t *json_percent(double v)
{
	return json_number(round(v * 100) / 100);
}

json_t *json_number(double v)
{
	if (v == floor(v) && fabs(v) < 1e15)
		return json_integer((json_int_t)v);
	return json_real(v);
}

int term_width(void)
{
	struct winsize ws;
	int w = 80;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col)
		w = ws.ws_col;
	return w > 100 ? 100 : w < 40 ? 40 : w;
}

bool utf8_output(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && !strcmp(cs, "UTF-8");
}

/* Columns a UTF-8 string of len bytes takes, counting each character as one. */
static int columns(const char *s, size_t len)
{
	int n = 0;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

static void put_file(wrapper *w, const char *s, size_t len, int cols)
{
	fwrite(s, 1, len, w->sink);
}

static void newline_file(wrapper *w)
{
	fprintf(w->sink, "\n%*s", w->indent, "");
}

void print_hanging(FILE *f, const char *prefix, const char *text, int indent, int width)
{
	wrapper w = {.width = width,
		     .indent = indent,
		     .measure = columns,
		     .put = put_file,
		     .newline = newline_file,
		     .sink = f};
	int first = fprintf(f, "%s", prefix); /* the column the first line goes on from */
	bool at_start = true;
	text_blocks tb = text_blocks_of(text);
	text_block b;
	while (text_blocks_next(&tb, &b)) {
		if (b.kind == TB_BLANK) { /* the paragraph break is kept */
			fputc('\n', f);
			continue;
		}
		if (!at_start)
			first = fprintf(f, "%*s", indent, "");
		at_start = false;
		if (b.kind == TB_CODE) { /* indented: code or a list, kept as written */
			fprintf(f, "%.*s\n", (int)b.len, b.s);
			continue;
		}
		w.col = first;
		w.fresh = true;
		wrap_paragraph(&w, b.s, b.len);
		fputc('\n', f);
	}
}

void print_wrapped(FILE *f, const char *text, int indent, int width)
{
	char prefix[64];
	snprintf(prefix, sizeof prefix, "%*s", indent < 60 ? indent : 60, "");
	print_hanging(f, prefix, text, indent, width);
}

void print_bar(FILE *f, double percent, int width)
{
	bool u = utf8_output();
	int filled = bar_filled(percent, width);
	for (int i = 0; i < width; i++)
		fputs(bar_cell(i, filled, u), f);
}

bool format_retired_note(const mx_profile *p, char *buf, size_t size)
{
	if (p->status != MX_EXAM_RETIRED || size == 0)
		return false;
	size_t used = (size_t)snprintf(
	    buf, size, "Note: %s was retired on %s; the real exam can no longer be booked.", p->id,
	    p->retired_on ? p->retired_on : "an earlier date");
	for (size_t i = 0; i < p->successors.n && used < size; i++)
		used += (size_t)snprintf(buf + used, size - used, "%s %s%s",
					 i == 0			    ? " It is replaced by"
					 : i + 1 == p->successors.n ? " and"
								    : ",",
					 p->successors.v[i], i + 1 == p->successors.n ? "." : "");
	return true;
}

void print_retired_note(FILE *f, const mx_profile *p)
{
	char buf[512];
	if (format_retired_note(p, buf, sizeof buf))
		fprintf(f, "%s\n", buf);
}

json_t *json_keys(const mx_question *q, const mx_keys *k, const char *text)
{
	if (q->type == MX_TYPE_TEXT)
		return text ? json_string(text) : json_null();
	if (q->type == MX_TYPE_SINGLE)
		return json_string(q->options[k->k[0]].key);
	if (q->type == MX_TYPE_MATCHING) {
		json_t *o = json_object();
		for (size_t p = 0; p < k->n; p++)
			if (k->k[p] != MX_NONE)
				json_object_set_new(o, q->prompts[p].key,
						    json_string(q->options[k->k[p]].key));
		return o;
	}
	const mx_choice *c = q->type == MX_TYPE_ORDERING ? q->items : q->options;
	json_t *a = json_array();
	for (size_t i = 0; i < k->n; i++)
		json_array_append_new(a, json_string(c[k->k[i]].key));
	return a;
}

json_t *json_choices(const mx_choice *c, const uint8_t *order, size_t n, const char *const *why)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		size_t k = order ? order[i] : i;
		char shown[2] = {order ? (char)('A' + (int)i) : c[k].key[0], '\0'};
		json_t *o = json_pack("{s:s, s:s, s:s}", "key", c[k].key, "letter", shown, "text",
				      c[k].text);
		if (why)
			json_object_set_new(o, "why", why[k] ? json_string(why[k]) : json_null());
		json_array_append_new(a, o);
	}
	return a;
}
