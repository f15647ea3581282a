/*
 * pattern.c - PCRE2 behind pattern.h.
 *
 * A compiled pattern and its match context (the limits) are read-only once made, so a
 * loaded bank can be shared by threads (mockexam serve); each match makes its own match
 * data, which is the one thing a match writes.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>

#include "pattern.h"

enum {
	MATCH_LIMIT = 1000000,	    /* backtracking steps per match */
	DEPTH_LIMIT = 10000,	    /* nested backtracking frames */
	HEAP_LIMIT_KIB = 20 * 1024, /* heap for backtracking frames */
};

struct mx_pattern {
	pcre2_code *code;
	pcre2_match_context *ctx;
};

void mx_pattern_free(mx_pattern *p)
{
	if (!p)
		return;
	pcre2_match_context_free(p->ctx);
	pcre2_code_free(p->code);
	free(p);
}

mx_pattern *mx_pattern_compile(const char *src, size_t len, unsigned flags, char *msg,
			       size_t msgsize, size_t *offset)
{
	uint32_t opts = 0;
	if (flags & MX_PAT_UTF)
		opts |= PCRE2_UTF | PCRE2_UCP;
	if (flags & MX_PAT_CASELESS)
		opts |= PCRE2_CASELESS;
	mx_pattern *p = calloc(1, sizeof *p);
	if (!p) {
		if (msg)
			snprintf(msg, msgsize, "out of memory");
		return NULL;
	}
	int err;
	PCRE2_SIZE erroff;
	p->code = pcre2_compile((PCRE2_SPTR)src, len, opts, &err, &erroff, NULL);
	if (!p->code) {
		if (msg) {
			PCRE2_UCHAR buf[256];
			pcre2_get_error_message(err, buf, sizeof buf);
			snprintf(msg, msgsize, "%s", (const char *)buf);
		}
		if (offset)
			*offset = erroff;
		free(p);
		return NULL;
	}
	/* JIT is an optimisation: where it is unavailable the interpreter runs. */
	(void)pcre2_jit_compile(p->code, PCRE2_JIT_COMPLETE);
	p->ctx = pcre2_match_context_create(NULL);
	if (!p->ctx) {
		if (msg)
			snprintf(msg, msgsize, "out of memory");
		mx_pattern_free(p);
		return NULL;
	}
	pcre2_set_match_limit(p->ctx, MATCH_LIMIT);
	pcre2_set_depth_limit(p->ctx, DEPTH_LIMIT);
	pcre2_set_heap_limit(p->ctx, HEAP_LIMIT_KIB);
	return p;
}

int mx_pattern_match(const mx_pattern *p, const char *subject, size_t len)
{
	pcre2_match_data *data = pcre2_match_data_create_from_pattern(p->code, NULL);
	if (!data)
		return -1;
	int rc = pcre2_match(p->code, (PCRE2_SPTR)subject, len, 0, 0, data, p->ctx);
	pcre2_match_data_free(data);
	if (rc >= 0)
		return 1;
	if (rc == PCRE2_ERROR_NOMATCH || rc == PCRE2_ERROR_PARTIAL)
		return 0;
	return -1;
}
