/*
 * report.h - where a candidate stands, across attempts: accuracy per domain and task
 * with Wilson intervals, trends over recent mock exams, study priorities, the history of
 * mock-exam scores, and readiness (scoring.md section 6).
 */
#ifndef MOCKEXAM_REPORT_H
#define MOCKEXAM_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mockexam/bank.h"
#include "mockexam/error.h"
#include "mockexam/history.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mx_readiness {
	bool known; /* false: too few responses, reason says why */
	char reason[256];
	double pass_probability;
	int median, p10, p90; /* scaled scores of the simulated exams */
	size_t responses;     /* the responses the estimate rests on: first answers */
	size_t repeats;	      /* responses left out: to a question answered before */
	size_t simulations;
} mx_readiness;

/*
 * Readiness from per-domain counts (one slot per profile domain): ability per domain
 * ~ Beta(1 + correct, 1 + wrong); each of sims exams (at least 10,000) draws
 * Binomial(count_d, ability) per domain with the blueprint's counts, and is scored by
 * the scaled-score map.  Fewer than min_responses responses in all: not known.
 */
MX_API mx_status mx_readiness_estimate(const mx_profile *p, const size_t *correct,
				       const size_t *total, uint64_t seed, size_t sims,
				       size_t min_responses, mx_readiness *out);

/* The least-squares slope of values against 0, 1, 2...: the change per step. */
MX_API double mx_trend(const double *values, size_t n);

/* A domain or a task across the report's window. */
typedef struct mx_area {
	size_t responses, correct;
	double percent, low, high; /* accuracy and its Wilson 95% interval, in percent */
	bool meets;		   /* accuracy reaches the cut */
	double mastery;		   /* (1 + correct) / (2 + responses) */
	double weight;		   /* percent of the exam (a task: its domain's, shared) */
	double priority_score;	   /* weight * (1 - mastery): how much studying it pays */
	size_t priority;	   /* 1 is the area to study first */
	double trend;		   /* points per mock exam over the recent ones */
	size_t trend_exams;	   /* how many; the trend means nothing below 2 */
} mx_area;

typedef struct mx_exam_score {
	long attempt;
	int64_t started;
	int scaled;
	bool passed;
	double percent;
	size_t questions;
	bool mini; /* fewer questions than the real exam (take --questions) */
} mx_exam_score;

typedef struct mx_report_spec {
	int64_t since;	      /* attempts started at or after (Unix seconds); 0: all */
	size_t last;	      /* only the last N attempts; 0: all */
	uint64_t seed;	      /* the simulation's seed */
	size_t sims;	      /* simulated exams (at least 10,000) */
	size_t window;	      /* readiness: the last N responses per domain (200) */
	size_t min_responses; /* readiness: refuse below this (30) */
	size_t trend_exams;   /* trend over the last N mock exams (5) */
} mx_report_spec;

MX_API mx_report_spec mx_report_spec_default(void);

typedef struct mx_report {
	const mx_bank *bank;
	size_t attempts, exams, drills; /* in the window */
	size_t responses;
	mx_area *domains;      /* per profile domain */
	mx_area **tasks;       /* tasks[d][t] */
	mx_exam_score *scores; /* finished mock exams in the window, oldest first */
	size_t nscores;
	mx_readiness readiness;
	char next_command[256]; /* what to run next, exactly */
	char next_why[256];
} mx_report;

MX_API mx_status mx_report_build(mx_history *h, const mx_bank *bank, const mx_report_spec *spec,
				 mx_report **out, mx_error *err);
MX_API void mx_report_free(mx_report *r);

#ifdef __cplusplus
}
#endif

#endif
