/*
 * stats.h - item analysis for bank authors: which questions work and which do not,
 * from the responses in history to each question's current content.
 */
#ifndef MOCKEXAM_STATS_H
#define MOCKEXAM_STATS_H

#include <stdbool.h>
#include <stddef.h>

#include "mockexam/bank.h"
#include "mockexam/error.h"
#include "mockexam/history.h"

#ifdef __cplusplus
extern "C" {
#endif

enum {
	MX_ITEM_TOO_EASY = 1 << 0,	  /* almost everyone gets it right */
	MX_ITEM_TOO_HARD = 1 << 1,	  /* fewer right than guessing would give */
	MX_ITEM_NEGATIVE = 1 << 2,	  /* stronger candidates do worse on it */
	MX_ITEM_DEAD_DISTRACTOR = 1 << 3, /* an option nobody picks */
	MX_ITEM_KEY_AVOIDED = 1 << 4,	  /* the strongest pick a distractor over the key */
};

typedef struct mx_item_stats {
	size_t question; /* bank index */
	size_t responses, correct;
	double p;		      /* proportion correct; NAN without responses */
	double point_biserial;	      /* against the rest of the attempt; NAN when undefined */
	size_t discrimination_n;      /* mock-exam responses the correlation rests on */
	size_t picks[MX_MAX_OPTIONS]; /* how often each option (bank order) was chosen */
	unsigned flags;
} mx_item_stats;

typedef struct mx_stats {
	mx_item_stats *items; /* one per bank question, in bank order */
	size_t n;
	double kr20; /* reliability of the mock exams, at most 1; NAN when there is none */
	size_t kr20_attempts;
	char kr20_reason[128]; /* why kr20 is NAN: "needs two or more ..."; "" otherwise */
} mx_stats;

/* The thresholds behind the flags (docs/design.md explains them). */
enum { MX_STATS_MIN_RESPONSES = 10, MX_STATS_MIN_FOR_DISTRACTORS = 20 };

MX_API mx_status mx_stats_build(mx_history *h, const mx_bank *bank, mx_stats **out, mx_error *err);
MX_API void mx_stats_free(mx_stats *s);

/* Pearson correlation of a 0/1 item score with a continuous score; NAN if undefined. */
MX_API double mx_point_biserial(const bool *item, const double *rest, size_t n);

/*
 * KR-20 of attempts: k items per attempt (its mean over attempts), the attempts' total
 * scores, and for each attempt the sum of p(1 - p) over its items.  With one form for
 * every attempt this is the textbook KR-20; with sampled forms, its natural extension.
 * NAN below two attempts, when the totals do not vary, and when the extension would
 * exceed 1 (which one form never does: the forms then share too few questions).
 */
MX_API double mx_kr20(double k, const double *totals, const double *sum_pq, size_t n);

MX_API const char *mx_item_flag_name(unsigned flag);

#ifdef __cplusplus
}
#endif

#endif
