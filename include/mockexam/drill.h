/*
 * drill.h - choosing questions for practice: by domain, task, type or pattern, the
 * ones last answered wrong, the weakest areas first, or those due for review.
 */
#ifndef MOCKEXAM_DRILL_H
#define MOCKEXAM_DRILL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mockexam/bank.h"
#include "mockexam/error.h"
#include "mockexam/history.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mx_drill_spec {
	const int *domains; /* domain ids; none: every domain */
	size_t ndomains;
	const char *task;  /* a task id, or NULL */
	const char *match; /* a PCRE2 pattern over stem, choices, reasons, explanation, tags */
	int type;	   /* an mx_qtype, or -1 for any */
	bool missed;	   /* only questions whose latest response was wrong */
	bool flagged;	   /* only questions flagged the last time they were shown */
	bool weakest;	   /* the weakest tasks (or domains) first */
	bool due;	   /* only questions due for review */
	int64_t now;	   /* Unix seconds: what "due" is measured from */
	int64_t exam_date; /* Unix seconds, or 0: intervals end before it */
	size_t count;	   /* at most this many questions */
	uint64_t seed;	   /* the order among equals */
} mx_drill_spec;

/*
 * Selects questions (bank indices into *out, malloc'd; *n of them).  h is needed for
 * missed, flagged, weakest and due, and may be NULL otherwise.  Nothing fitting is not
 * an error: *n is 0.  A pattern that does not compile,
 * or that hits PCRE2's match limit on a question, is MX_ERR_INPUT naming the pattern.
 */
MX_API mx_status mx_drill_select(mx_history *h, const mx_bank *bank, const mx_drill_spec *spec,
				 size_t **out, size_t *n, mx_error *err);

/*
 * When mx_drill_select() finds nothing: why, in words (the narrowest filter that can
 * explain it), and the command to try instead, exactly, for the exam of bank.
 */
MX_API void mx_drill_advice(const mx_drill_spec *spec, const mx_bank *bank, char *why,
			    size_t why_size, char *next, size_t next_size);

/*
 * Spaced repetition, per question: after a wrong answer it is due at once; after s
 * right answers in a row, 2^(s-1) days after the last one, an interval capped at half
 * the time left before exam_date when one is given.  Returns when the question is next
 * due (Unix seconds), from its last answer time and streak.
 */
MX_API int64_t mx_next_review(int64_t last, unsigned streak, int64_t now, int64_t exam_date);

#ifdef __cplusplus
}
#endif

#endif
