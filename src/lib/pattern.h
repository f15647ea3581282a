/*
 * pattern.h - PCRE2 patterns with bounded matching.
 *
 * Every pattern the engine runs comes from a file or a command line, so each match runs
 * under a match limit and a depth (backtracking heap) limit: a catastrophic pattern
 * fails with an error instead of hanging the program.  Patterns are JIT-compiled where
 * the platform supports it.
 */
#ifndef MX_PATTERN_H
#define MX_PATTERN_H

#include <stdbool.h>
#include <stddef.h>

typedef struct mx_pattern mx_pattern;

enum {
	MX_PAT_UTF = 1u << 0, /* UTF-8 mode: the subject and pattern are UTF-8 */
	MX_PAT_CASELESS = 1u << 1,
};

/*
 * Compiles src.  On failure returns NULL and, when msg is given, fills it with PCRE2's
 * message and *offset with the offset (in bytes) where the error was found.
 */
mx_pattern *mx_pattern_compile(const char *src, size_t len, unsigned flags, char *msg,
			       size_t msgsize, size_t *offset);
void mx_pattern_free(mx_pattern *p);

/* 1 when the subject matches, 0 when not, -1 when a limit stopped the match. */
/* 1 match, 0 no match, -1 a limit hit or no memory.  Safe from several threads at once. */
int mx_pattern_match(const mx_pattern *p, const char *subject, size_t len);

#endif
