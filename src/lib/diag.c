/*
 * diag.c - the list of findings every loading call appends to.
 *
 * Findings are kept rather than printed so that the caller decides the format (GCC-style
 * lines or a JSON document) and so that one run can collect everything wrong at once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mockexam/error.h"
#include "mockexam/version.h"
#include "sort.h"

const char *mx_version(void)
{
	return MX_VERSION_STRING;
}

void mx_diags_init(mx_diags *d)
{
	memset(d, 0, sizeof *d);
}

void mx_diags_free(mx_diags *d)
{
	for (size_t i = 0; i < d->count; i++) {
		free(d->items[i].file);
		free(d->items[i].message);
	}
	free(d->items);
	mx_diags_init(d);
}

static char *vformat(const char *fmt, va_list ap) MX_PRINTF(1, 0);

static char *vformat(const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return NULL;
	char *s = malloc((size_t)n + 1);
	if (s)
		vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

mx_status mx_diag_vadd(mx_diags *d, mx_severity sev, const char *file, unsigned line,
		       unsigned column, const char *fmt, va_list ap)
{
	if (d->count == d->capacity) {
		size_t cap = d->capacity ? d->capacity * 2 : 16;
		mx_diag *items = realloc(d->items, cap * sizeof *items);
		if (!items)
			return MX_ERR_NOMEM;
		d->items = items;
		d->capacity = cap;
	}
	mx_diag *g = &d->items[d->count];
	g->file = strdup(file ? file : "");
	g->message = vformat(fmt, ap);
	if (!g->file || !g->message) {
		free(g->file);
		free(g->message);
		return MX_ERR_NOMEM;
	}
	g->line = line;
	g->column = column;
	g->severity = sev;
	d->count++;
	if (sev == MX_SEV_ERROR)
		d->errors++;
	else
		d->warnings++;
	return MX_OK;
}

mx_status mx_diag_add(mx_diags *d, mx_severity sev, const char *file, unsigned line,
		      unsigned column, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	mx_status st = mx_diag_vadd(d, sev, file, line, column, fmt, ap);
	va_end(ap);
	return st;
}

static int diag_cmp(const mx_diag *a, const mx_diag *b)
{
	int c = strcmp(a->file, b->file);
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->column != b->column)
		return a->column < b->column ? -1 : 1;
	return 0;
}

static int diag_order(const void *a, const void *b)
{
	return diag_cmp(a, b);
}

void mx_diags_sort(mx_diags *d)
{
	/* stable: a hostile bank can make hundreds of thousands of findings, in file order */
	if (!stable_sort(d->items, d->count, sizeof *d->items, diag_order))
		/* no memory for the merge: an insertion sort needs none */
		for (size_t i = 1; i < d->count; i++) {
			mx_diag x = d->items[i];
			size_t j = i;
			for (; j > 0 && diag_cmp(&d->items[j - 1], &x) > 0; j--)
				d->items[j] = d->items[j - 1];
			d->items[j] = x;
		}
}

mx_status mx_error_set(mx_error *err, mx_status st, const char *fmt, ...)
{
	if (!err)
		return st;
	memset(err, 0, sizeof *err);
	err->status = st;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
	return st;
}

const char *mx_error_message(const mx_error *err)
{
	return err->message[0] ? err->message : mx_status_str(err->status);
}

const char *mx_status_str(mx_status st)
{
	switch (st) {
	case MX_OK:
		return "success";
	case MX_ERR_INPUT:
		return "invalid input";
	case MX_ERR_SYSTEM:
		return "system error";
	case MX_ERR_NOMEM:
		return "out of memory";
	case MX_ERR_DATABASE:
		return "database error";
	}
	return "unknown status";
}
