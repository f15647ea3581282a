/*
 * plain.h - what the two halves of plain mode share: the session (plain.c runs the exam
 * line by line; plain_results.c shows the results and reviews questions after it).
 */
#ifndef MX_PLAIN_H
#define MX_PLAIN_H

#include "cli.h"
#include "linereader.h"

typedef struct plain {
	mx_attempt *a;
	bool drill_done; /* a drill passed its last question */
	linereader in;
	bool echo; /* input is not a terminal: echo each line after its prompt */
	int width;
	bool at_end;  /* the end-of-exam summary was shown for the last question */
	mx_error err; /* why the last change could not be saved */
} plain;

/*
 * A reviewed question (review.h): the choices as they were shown, each marked and
 * followed by its reason, then the key, the response, the explanation and references.
 */
void plain_print_review(const mx_review *rv, int width);
/* After the exam: the score report, then any question on request, until an empty line. */
void plain_results(plain *p, const mx_score *s);
/* After a drill: how many were right, per domain. */
void plain_drill_summary(const plain *p, const mx_score *s);

#endif
