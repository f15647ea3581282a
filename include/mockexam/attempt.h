/*
 * attempt.h - a candidate taking a form: responses, flags, struck options, the clock,
 * and where they are.  Both front ends (the full screen and the line-by-line plain
 * mode) drive an exam only through these calls.
 *
 * An attempt attached to a history database (history.h) writes every change before the
 * call returns, so a crash loses at most the answer being typed.  Time is given by the
 * caller in milliseconds of a monotonic clock: the attempt never reads a clock itself,
 * which keeps it testable and lets a resumed attempt continue from its saved time.
 */
#ifndef MOCKEXAM_ATTEMPT_H
#define MOCKEXAM_ATTEMPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mockexam/error.h"
#include "mockexam/form.h"
#include "mockexam/score.h"

struct mx_history;

typedef struct mx_attempt_item {
	mx_response response; /* response.text points to text below */
	char *text;	      /* the attempt's copy of a text response */
	bool flagged;
	uint8_t struck;	  /* bit i: the i-th shown choice is struck out */
	int64_t spent_ms; /* time spent on this question */
} mx_attempt_item;

typedef struct mx_attempt {
	const mx_form *form;
	mx_attempt_item *items; /* per form item */
	size_t current;
	int64_t limit_ms;   /* 0: untimed */
	int64_t elapsed_ms; /* time used, as of the last call that took a clock reading */
	bool submitted;
	bool drill; /* practice with feedback after each question, not a mock exam */
	long id;    /* the history id, 0 when not attached */
	struct mx_history *history;
	int64_t clock_ms; /* the caller's clock at the last reading, -1 before the first */
} mx_attempt;

/* A new attempt at form with a time limit (0: untimed). */
mx_status mx_attempt_new(const mx_form *form, int64_t limit_ms, mx_attempt **out);
void mx_attempt_free(mx_attempt *a);

/*
 * Reads the clock: adds the time since the last reading to the elapsed time and to the
 * current question.  Returns true when the time limit has been reached.
 */
bool mx_attempt_tick(mx_attempt *a, int64_t now_ms);
/* Milliseconds left, or -1 when untimed (never below 0). */
int64_t mx_attempt_remaining(const mx_attempt *a);

/*
 * Parses a response typed as the screen shows the question: letters of the shown
 * choices ("B", "AC", "A,C", "a c"), ordering letters in order ("CAB"), matching pairs
 * ("1B 2A 3C"), or free text for text questions.  An empty response is unanswered.  On
 * error returns MX_ERR_INPUT with a message for the candidate in err.
 */
mx_status mx_attempt_parse(const mx_attempt *a, size_t i, const char *text, mx_response *out,
			   char *err, size_t errsize);
/* Formats a response in the letters shown ("AC", "C, A, B", "1B 2A"); "" when unanswered. */
void mx_attempt_format(const mx_attempt *a, size_t i, const mx_response *r, char *buf, size_t size);

/* Changes, each saved to history when attached; i is a form position. */
mx_status mx_attempt_answer(mx_attempt *a, size_t i, const mx_response *r);
mx_status mx_attempt_flag(mx_attempt *a, size_t i, bool flagged);
mx_status mx_attempt_strike(mx_attempt *a, size_t i, uint8_t struck);
mx_status mx_attempt_move(mx_attempt *a, size_t i);
/* Saves the clock (and position) without another change. */
mx_status mx_attempt_save_clock(mx_attempt *a);

typedef struct mx_attempt_counts {
	size_t answered, unanswered, flagged;
} mx_attempt_counts;
mx_attempt_counts mx_attempt_count(const mx_attempt *a);

/* For multiple response: how many keys the question wants, and how many are chosen. */
bool mx_attempt_wrong_count(const mx_attempt *a, size_t i);

/* Scores the attempt and, when attached, records the result; the attempt is then closed. */
mx_status mx_attempt_submit(mx_attempt *a, mx_score **out);

#endif
