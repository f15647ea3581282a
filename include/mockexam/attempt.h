/*
 * attempt.h - a candidate taking a form: the exam model every front end shares.
 *
 * The attempt holds the responses, flags, struck options, the clock and where the
 * candidate is, and it decides every rule of taking an exam: what choosing a choice
 * does for each type of question, when a multiple-response answer is incomplete, when
 * the 15- and 5-minute warnings fire and when the clock is saved, what is said before
 * submitting, the score report's content.  A front end (the full screen, plain mode, a
 * web page) draws the attempt and turns keys, lines or clicks into these calls; it never
 * decides a rule itself.
 *
 * Time is given by the caller in milliseconds of a monotonic clock: the attempt never
 * reads a clock itself, which keeps it testable and lets a resumed attempt continue from
 * its saved time.  An attempt with a store (mx_attempt_set_store(); the history database
 * is one, history.h) saves every change before the call returns, so a crash loses at
 * most the answer being typed.
 *
 * Lifetimes: an attempt borrows its form, which borrows its bank; free the attempt
 * before the form and the form before the bank.  Fields are for reading; change an
 * attempt only through these calls.
 */
#ifndef MOCKEXAM_ATTEMPT_H
#define MOCKEXAM_ATTEMPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mockexam/error.h"
#include "mockexam/form.h"
#include "mockexam/score.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mx_attempt mx_attempt;

/*
 * Where an attempt saves itself.  Each call returns MX_OK or fills err; the attempt
 * passes ctx back.  save_item saves item i and the clock, save_clock the clock and the
 * current position, finish the result.
 */
typedef struct mx_attempt_store {
	void *ctx;
	mx_status (*save_item)(void *ctx, const mx_attempt *a, size_t i, mx_error *err);
	mx_status (*save_clock)(void *ctx, const mx_attempt *a, mx_error *err);
	mx_status (*finish)(void *ctx, const mx_attempt *a, const mx_score *s, mx_error *err);
} mx_attempt_store;

typedef struct mx_attempt_item {
	mx_response response; /* response.text points to text below */
	char *text;	      /* the attempt's copy of a text response */
	bool flagged;
	bool checked;	  /* drills: the answer was checked (mx_attempt_check()) */
	uint8_t struck;	  /* bit i: the i-th shown choice is struck out */
	int64_t spent_ms; /* time spent on this question */
} mx_attempt_item;

struct mx_attempt {
	const mx_form *form;
	mx_attempt_item *items; /* per form item */
	size_t current;
	int64_t limit_ms;   /* 0: untimed */
	int64_t elapsed_ms; /* time used, as of the last call that took a clock reading */
	bool submitted;
	bool drill; /* practice with feedback after each question, not a mock exam */
	long id;    /* the store's id of the attempt, 0 when it has no store */
	mx_attempt_store store;
	bool stored;	  /* store is set */
	int64_t clock_ms; /* the caller's clock at the last reading, -1 before the first */
	int64_t saved_ms; /* the caller's clock when the clock was last saved */
	unsigned warned;  /* the warnings given: MX_CLOCK_WARN_15, MX_CLOCK_WARN_5 */
};

/* A new attempt at form with a time limit (0: untimed). */
MX_API mx_status mx_attempt_new(const mx_form *form, int64_t limit_ms, mx_attempt **out);
MX_API void mx_attempt_free(mx_attempt *a);

/* Attaches a store; every change after this is saved through it. */
MX_API void mx_attempt_set_store(mx_attempt *a, const mx_attempt_store *store, long id);

/* ---- the clock ---- */

enum {
	MX_SAVE_EVERY_MS = 10000, /* the clock is saved at least this often while open */
	MX_WARN_15_MS = 15 * 60000,
	MX_WARN_5_MS = 5 * 60000,
};

/* What reading the clock found due (a bit each). */
typedef enum mx_clock_event {
	MX_CLOCK_SAVED = 1,   /* the clock was saved (the save cadence) */
	MX_CLOCK_WARN_15 = 2, /* 15 minutes left: given once, when the exam was longer */
	MX_CLOCK_WARN_5 = 4,  /* 5 minutes left: given once, when the exam was longer */
	MX_CLOCK_TIME_UP = 8, /* the time limit is reached: submit the attempt */
} mx_clock_event;

typedef struct mx_clock_report {
	unsigned events; /* mx_clock_event bits */
	int64_t next_ms; /* how long until something is next due: the longest wait */
	int64_t left_ms; /* time left, -1 when untimed */
} mx_clock_report;

/*
 * Reads the clock: adds the time since the last reading to the elapsed time and to the
 * current question, then reports what is due, saving the clock itself when its cadence
 * says so.  Returns the save's status (err filled on failure); out is filled either way.
 */
MX_API mx_status mx_attempt_clock(mx_attempt *a, int64_t now_ms, mx_clock_report *out,
				  mx_error *err);
/* Milliseconds left, or -1 when untimed (never below 0). */
MX_API int64_t mx_attempt_remaining(const mx_attempt *a);

/* ---- answering (answer.c) ---- */

/*
 * Parses a response typed as the screen shows the question: letters of the shown
 * choices ("B", "AC", "A,C", "a c"), ordering letters in order ("CAB"), matching pairs
 * ("1B 2A 3C"), or free text for text questions.  An empty response is unanswered.  On
 * error returns MX_ERR_INPUT with a message for the candidate in err.
 */
MX_API mx_status mx_attempt_parse(const mx_attempt *a, size_t i, const char *text, mx_response *out,
				  mx_error *err);

/*
 * The candidate picks the k-th shown choice of item i, the way a click or a key does:
 * single replaces the answer; multiple adds the choice or takes it back; ordering places
 * the item next, or takes it back (those placed after it move up); matching gives the
 * option to prompt (from 0), or takes it back when the prompt had it already.  Saved like
 * mx_attempt_answer().
 */
MX_API mx_status mx_attempt_choose(mx_attempt *a, size_t i, size_t k, size_t prompt, mx_error *err);
/*
 * Takes back the last choice, as Backspace does: ordering the item placed last,
 * matching the option of prompt, any other type the whole answer.  Nothing to take back
 * is not an error.
 */
MX_API mx_status mx_attempt_take_back(mx_attempt *a, size_t i, size_t prompt, mx_error *err);
/* Whether the k-th shown choice of item i is part of the response (for a check mark). */
MX_API bool mx_attempt_chosen(const mx_attempt *a, size_t i, size_t k);

/* What a question asks for, and how the response measures up. */
typedef struct mx_selection {
	unsigned wanted; /* choices to give: the keys (multiple), items, prompts; 1 or 0 (text) */
	unsigned chosen; /* given so far */
	bool incomplete; /* answered, with fewer or more than wanted */
} mx_selection;
MX_API mx_selection mx_attempt_selection(const mx_attempt *a, size_t i);

/*
 * The instruction under the question, the same words in every front end: "(Select
 * TWO.)", "(Put the items in order: choose them first to last.)", "(Match each numbered
 * prompt with one option; an option may serve more than one prompt, or none.)", the
 * rule the grading applies (bank-format.md).  "" when the question needs none.
 */
MX_API const char *mx_attempt_instruction(const mx_attempt *a, size_t i, char *buf, size_t size);
/* "Chosen 3 of 2": how far a multiple-response answer is; "" for other types. */
MX_API const char *mx_attempt_progress(const mx_attempt *a, size_t i, char *buf, size_t size);

/* Formats a response in the letters shown ("A, C", "C, A, B", "1B 2A"); "" when unanswered. */
MX_API void mx_attempt_format(const mx_attempt *a, size_t i, const mx_response *r, char *buf,
			      size_t size);

/* ---- changes, each saved through the store; i is a form position ---- */

MX_API mx_status mx_attempt_answer(mx_attempt *a, size_t i, const mx_response *r, mx_error *err);
MX_API mx_status mx_attempt_flag(mx_attempt *a, size_t i, bool flagged, mx_error *err);
MX_API mx_status mx_attempt_strike(mx_attempt *a, size_t i, uint8_t struck, mx_error *err);
MX_API mx_status mx_attempt_move(mx_attempt *a, size_t i, mx_error *err);
/*
 * Drills: the candidate asks for the answer to be checked, and is shown its feedback;
 * from then on the answer cannot change (mx_attempt_answer(), choose and take back give
 * MX_ERR_INPUT), or the key could be read and then given.  Flags and struck choices
 * still change.  The check is saved with the item: a resumed drill keeps which answers
 * were checked.  MX_ERR_INPUT when the attempt is not a drill or the question is
 * unanswered.
 */
MX_API mx_status mx_attempt_check(mx_attempt *a, size_t i, mx_error *err);
/* Whether item i's answer is checked and can no longer change (drills only). */
MX_API bool mx_attempt_locked(const mx_attempt *a, size_t i);
/* Saves the clock (and position) without another change. */
MX_API mx_status mx_attempt_save_clock(mx_attempt *a, mx_error *err);

typedef struct mx_attempt_counts {
	size_t answered, unanswered, flagged;
	size_t incomplete; /* answered with fewer or more choices than asked */
} mx_attempt_counts;
MX_API mx_attempt_counts mx_attempt_count(const mx_attempt *a);

/*
 * What to ask before submitting, the same words everywhere: "Submit the exam? 1
 * unanswered, 2 flagged, question 7 incomplete."  Returns buf.
 */
MX_API const char *mx_attempt_submit_question(const mx_attempt *a, char *buf, size_t size);

/* Scores the attempt and, with a store, records the result; the attempt is then closed. */
MX_API mx_status mx_attempt_submit(mx_attempt *a, mx_score **out, mx_error *err);

#ifdef __cplusplus
}
#endif

#endif
