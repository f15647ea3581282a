/*
 * review.h - a question as a candidate reviews it: after a drill answer, in the results'
 * answer review, in plain mode's review>.
 *
 * The choices stand in the order they were shown, under the letters shown, each with
 * its reason (bank format 2), the key and the candidate's choice marked; the
 * explanation, when the bank gives one, follows them.  Every front end presents this
 * one model, so none can show a letter other than the one on screen, or decide on its
 * own what counts as the key.
 */
#ifndef MOCKEXAM_REVIEW_H
#define MOCKEXAM_REVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "mockexam/bank.h"
#include "mockexam/form.h"
#include "mockexam/score.h"

#ifdef __cplusplus
extern "C" {
#endif

/* An option (single, multiple, matching) or an item (ordering), as shown. */
typedef struct mx_review_choice {
	char letter;	  /* the letter it was shown under: 'A'.. */
	const char *text; /* borrowed from the bank, as are the strings below */
	const char *why;  /* its reason; NULL when the bank gives none */
	bool key;	  /* single, multiple: part of the key */
	bool chosen;	  /* single, multiple: the candidate chose it */
	int key_place;	  /* ordering: its place in the right order, from 1; else 0 */
	int chosen_place; /* ordering: its place in the candidate's order; 0 when not placed */
} mx_review_choice;

/* A matching prompt, with the letters of its right option and of the candidate's. */
typedef struct mx_review_prompt {
	int number; /* as shown: 1.. */
	const char *text;
	const char *why; /* the reason for its match; NULL when none */
	char key;	 /* the letter shown of the option that matches it */
	char chosen;	 /* the letter the candidate gave it; 0 when none */
} mx_review_prompt;

typedef struct mx_review {
	const mx_question *question;
	bool answered;
	bool correct;
	char key[256];	    /* the key in the letters shown: "B", "A, C", "C, A, B", "1B 2A" */
	char response[256]; /* the response likewise; "" when unanswered */
	mx_review_choice choices[MX_MAX_OPTIONS];
	size_t nchoices; /* 0 for text questions */
	mx_review_prompt prompts[MX_MAX_PROMPTS];
	size_t nprompts;	 /* matching only */
	const char *explanation; /* to show after the choices; NULL when none */
} mx_review;

/* The review of form item i answered with r (unanswered when r->answered is false). */
MX_API void mx_review_item(const mx_form *form, size_t i, const mx_response *r, mx_review *out);

/*
 * Formats a response to form item i in the letters shown: "AC" as "A, C", ordering
 * "C, A, B", matching "1B 2A", a text response as typed; "" when unanswered.
 */
MX_API void mx_review_format(const mx_form *form, size_t i, const mx_response *r, char *buf,
			     size_t size);

/*
 * The mark beside a reviewed choice or prompt, in the same words in every front end:
 * "correct", "your answer", "correct, your answer", "belongs 2nd, yours 3rd",
 * "belongs 1st, yours too", "matches C, yours A"; "" when there is nothing to mark.
 */
MX_API void mx_review_choice_mark(const mx_review_choice *c, char *buf, size_t size);
MX_API void mx_review_prompt_mark(const mx_review_prompt *p, char *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif
