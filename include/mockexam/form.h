/*
 * form.h - one exam form: which questions, in which order, with which option order
 * (scoring.md section 2).
 *
 * A form is a pure function of the bank's content and the spec: the same bank and the
 * same seed give the same form on every machine and build.  docs/design.md ("The
 * generator is consumed in this order") gives the
 * exact order in which the generator is consumed.
 */
#ifndef MOCKEXAM_FORM_H
#define MOCKEXAM_FORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mockexam/bank.h"
#include "mockexam/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mx_form_spec {
	uint64_t seed;	  /* 0 .. MX_SEED_MAX */
	size_t questions; /* 0: the profile's question_count */
	bool pretest;	  /* leave unscored_count questions (scaled to the count) unscored */
	/*
	 * Optional, one slot per bank question: when it was last seen (0: never).  Each
	 * domain then draws unseen questions first, then those seen longest ago, in seeded
	 * random order among equals.  NULL: a uniform draw, the form build gives.
	 */
	const int64_t *last_seen;
} mx_form_spec;

typedef struct mx_form_item {
	size_t question; /* index into the bank */
	/*
	 * The order choices are shown in: order[i] is the index of the i-th choice shown,
	 * among the options (single, multiple, matching) or the items (ordering).
	 */
	uint8_t order[MX_MAX_OPTIONS];
	uint8_t norder;
	bool scored;
	bool case_start; /* the first question of its case here: show the scenario */
} mx_form_item;

typedef struct mx_form {
	const mx_bank *bank;
	uint64_t seed;
	bool pretest;
	size_t n;
	mx_form_item *items;   /* in delivered order */
	size_t *domain_counts; /* per profile domain */
	size_t scored;
	unsigned minutes; /* the profile's duration scaled to n */
} mx_form;

/*
 * Builds a form.  A domain without enough eligible questions is an error naming the
 * domain, the count it needs and the count it has (appended to diags).
 */
MX_API mx_status mx_form_build(const mx_bank *bank, const mx_form_spec *spec, mx_diags *diags,
			       mx_form **out);
MX_API void mx_form_free(mx_form *form);

/*
 * Rebuilds a form from its items (as saved in history): the questions, choice orders
 * and scored flags are taken as given; counts, minutes and case starts are derived.
 */
MX_API mx_status mx_form_restore(const mx_bank *bank, uint64_t seed, bool pretest,
				 const mx_form_item *items, size_t n, mx_form **out);

/*
 * A form of the given questions in the given order (a drill): choice orders are drawn
 * from seed as for any form; every question is scored.
 */
MX_API mx_status mx_form_custom(const mx_bank *bank, uint64_t seed, const size_t *questions,
				size_t n, mx_form **out);

/* How many questions of the form were never seen (last_seen as in mx_form_spec). */
MX_API size_t mx_form_unseen(const mx_form *form, const int64_t *last_seen);

/* The position of question index q in the form, or -1. */
MX_API long mx_form_find(const mx_form *form, size_t q);

/* A duration scaled to n questions: duration * n / question_count, rounded, at least 1. */
MX_API unsigned mx_scaled_minutes(const mx_profile *p, size_t n);
/* unscored_count scaled to n questions, rounded, and always fewer than n. */
MX_API size_t mx_scaled_unscored(const mx_profile *p, size_t n);

#ifdef __cplusplus
}
#endif

#endif
