/*
 * score.h - credit, the scaled score and per-domain results (scoring.md sections 3-5).
 */
#ifndef MOCKEXAM_SCORE_H
#define MOCKEXAM_SCORE_H

#include <stdbool.h>
#include <stddef.h>

#include "mockexam/bank.h"
#include "mockexam/error.h"
#include "mockexam/form.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A candidate's response, in the same index form as a question's key (mx_keys). */
typedef struct mx_response {
	bool answered;
	mx_keys keys;
	const char *text; /* text questions */
} mx_response;

/* Results of a group of questions: a domain, a task or the whole exam. */
typedef struct mx_tally {
	size_t total, correct;
	double percent;	  /* 100 * correct / total; 0 when total is 0 */
	double low, high; /* the Wilson 95% interval, in percent */
	bool meets;	  /* percent reaches the cut: "meets" rather than "needs-improvement" */
} mx_tally;

typedef struct mx_score {
	size_t questions; /* delivered */
	size_t scored;
	size_t answered; /* of all delivered questions */
	size_t correct;	 /* of the scored questions */
	double percent;
	int scaled;
	bool passed;
	mx_tally *domains; /* per profile domain, scored questions only */
	mx_tally **tasks;  /* tasks[d][t], per task of each domain */
	bool *credited;	   /* per form item */
} mx_score;

/* All-or-nothing credit for one response (scoring.md section 3). */
MX_API bool mx_credit(const mx_bank *bank, const mx_question *q, const mx_response *r);

/* The scaled score of a fraction f of scored questions credited (section 4). */
MX_API int mx_scaled_score(const mx_profile *p, double f);

/* The Wilson interval of correct out of n at z = 1.96, as fractions; [0, 0] for n = 0. */
MX_API void mx_wilson(size_t correct, size_t n, double *low, double *high);

/* Fills a tally from its counts, with the profile's cut deciding "meets". */
MX_API void mx_tally_set(mx_tally *t, const mx_profile *p, size_t correct, size_t total);

/* Scores responses[i] as the answer to form item i. */
MX_API mx_status mx_score_form(const mx_form *form, const mx_response *responses, mx_score **out);
MX_API void mx_score_free(mx_score *s);

#ifdef __cplusplus
}
#endif

#endif
