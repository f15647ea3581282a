/*
 * bank.h - question banks: loading, validation and read-only access.
 *
 * A bank is a directory holding exam.yaml (the exam profile) and any number of question
 * files (see docs/bank-format.md).  mx_bank_load() reads and checks all of it and reports
 * every error it finds; a bank that loaded without errors satisfies every rule of the
 * format, so later stages never re-validate.  Everything a loaded bank points to lives
 * as long as the bank and is released by mx_bank_free().
 */
#ifndef MOCKEXAM_BANK_H
#define MOCKEXAM_BANK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mockexam/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MX_MAX_OPTIONS 8    /* options A..H */
#define MX_MAX_EXAM_ID 63   /* characters in an exam id (the history keeps them whole) */
#define MX_MAX_ITEMS   5    /* ordering items */
#define MX_MAX_PROMPTS 7    /* matching prompts 1..7 */
#define MX_NONE	       0xff /* "no choice" in an mx_keys slot */

typedef enum mx_qtype {
	MX_TYPE_SINGLE,
	MX_TYPE_MULTIPLE,
	MX_TYPE_ORDERING,
	MX_TYPE_MATCHING,
	MX_TYPE_TEXT,
} mx_qtype;

typedef enum mx_lifecycle {
	MX_EXAM_ACTIVE,
	MX_EXAM_BETA,
	MX_EXAM_RETIRED,
} mx_lifecycle;

/* Limits on what the loader accepts; mx_limits_default() gives the format's defaults. */
typedef struct mx_limits {
	size_t max_file_bytes; /* 16 MiB */
	size_t max_depth;      /* 32 */
	size_t max_scalar;     /* 64 KiB */
} mx_limits;

typedef struct mx_strs {
	const char **v;
	size_t n;
} mx_strs;

typedef struct mx_task {
	const char *id; /* "3.2" */
	const char *name;
} mx_task;

typedef struct mx_domain {
	int id;
	const char *name;
	double weight;	      /* percent of scored content */
	int64_t weight_micro; /* the weight in millionths, exact, for apportionment */
	const mx_task *tasks;
	size_t ntasks;
	unsigned line, column; /* where the domain is defined in exam.yaml */
} mx_domain;

typedef struct mx_profile {
	/*
	 * The bank format, 1 or 2.  Format 2 gives every option a reason and names none
	 * by letter, so options may be shuffled; format-1 explanations name the bank's
	 * letters, so its options and items are shown in bank order.
	 */
	int format;
	unsigned format_line, format_column; /* where 'format' stands in exam.yaml */
	const char *id;
	const char *title;
	const char *vendor; /* NULL when absent, as for every optional string */
	const char *level;
	mx_lifecycle status;
	const char *retired_on; /* ISO date */
	mx_strs successors;
	const char *version;
	mx_strs sources;
	unsigned question_count;
	unsigned unscored_count;
	unsigned duration_minutes;
	int passing_score;
	int scale_lo, scale_hi;
	double cut; /* fraction of scored questions that maps to passing_score */
	bool cut_given;
	const char *id_pattern;
	const mx_domain *domains; /* in file order */
	size_t ndomains;
	const char *file; /* the exam.yaml it was read from */
} mx_profile;

/* A keyed choice: an option, an ordering item or a matching prompt. */
typedef struct mx_choice {
	char key[2]; /* "A".."H" or "1".."7" */
	const char *text;
	unsigned line, column; /* where the text stands in the question's file */
} mx_choice;

/*
 * The item-writing cues lint warns about (docs/bank-format.md, "Cues"): what lets a
 * candidate who knows nothing pick the key from the options' form.  A question may accept
 * one with a reason ('lint: {accept: [rule], because: ...}'), bit (1u << rule).
 */
typedef enum mx_cue {
	MX_CUE_ABSOLUTE_WORDS,
	MX_CUE_LONGEST_KEY,
	MX_CUE_STEM_ECHO,
	MX_CUE_ALL_OF_THE_ABOVE,
	MX_CUE_SAME_OPTIONS,
	MX_CUE_NEAR_COPY,
	MX_CUE_REUSED_DISTRACTOR,
	MX_CUE_COUNT
} mx_cue;

/* The rule's name as written in 'accept' and in brackets after a warning. */
MX_API const char *mx_cue_name(mx_cue cue);

/*
 * A key or a response, as indices into a question's choices:
 *   single    n = 1, k[0] = the option;
 *   multiple  n keys, ascending;
 *   ordering  n = item count, k = the items in order;
 *   matching  n = prompt count, k[p] = the option for prompt p, or MX_NONE.
 * text questions keep their answer as a string instead.
 */
typedef struct mx_keys {
	uint8_t n;
	uint8_t k[MX_MAX_OPTIONS];
} mx_keys;

typedef struct mx_question {
	const char *id;
	size_t domain; /* index into profile.domains */
	long task;     /* index into that domain's tasks, or -1 */
	mx_qtype type;
	int difficulty; /* 1..5, or 0 when not given */
	mx_strs tags;
	long case_index;	/* index into the bank's cases, or -1 */
	const size_t *excludes; /* question indices, both directions merged */
	size_t nexcludes;
	const char *stem;
	const mx_choice *options; /* single, multiple, matching */
	size_t noptions;
	const mx_choice *items; /* ordering */
	size_t nitems;
	const mx_choice *prompts; /* matching */
	size_t nprompts;
	mx_keys answer;
	const char *answer_text; /* text questions: the answer to show */
	mx_strs accept;		 /* text questions: PCRE2 patterns */
	bool shuffle;		 /* options may be shown in any order (format 2 only) */
	/*
	 * Format 2: the reason beside each option (single, multiple), item (ordering) or
	 * prompt (matching), indexed like them; an entry is NULL where the bank gives no
	 * reason, and why itself is NULL when the question has none.
	 */
	const char *const *why;
	const char *explanation;      /* NULL when a format-2 question gives only reasons */
	unsigned accepted;	      /* cues this question accepts, a bit (1u << mx_cue) each */
	const char *accepted_because; /* the reason given for accepting them */
	unsigned stem_line, stem_column;
	mx_strs references;
	const char *file; /* where the question is defined */
	unsigned line, column;
} mx_question;

typedef struct mx_case {
	const char *id;
	const char *title;
	const char *scenario;
	const char *file;
	unsigned line, column;
} mx_case;

typedef struct mx_bank mx_bank;

MX_API mx_limits mx_limits_default(void);

/*
 * Loads the bank in directory dir.  Every problem found is appended to diags; the call
 * returns MX_OK and a bank only when there was no error (warnings are left to
 * mx_bank_lint()).  limits may be NULL for the defaults.
 */
MX_API mx_status mx_bank_load(const char *dir, const mx_limits *limits, mx_diags *diags,
			      mx_bank **out);
MX_API void mx_bank_free(mx_bank *bank);

/* Reads only the profile of the bank in dir (for search and listing). */
MX_API mx_status mx_bank_load_profile(const char *dir, const mx_limits *limits, mx_diags *diags,
				      mx_bank **out);

/* The lint warnings of bank-format.md, appended to diags. */
MX_API mx_status mx_bank_lint(const mx_bank *bank, mx_diags *diags);

MX_API const char *mx_bank_dir(const mx_bank *bank);
MX_API const mx_profile *mx_bank_profile(const mx_bank *bank);
MX_API size_t mx_bank_count(const mx_bank *bank);
MX_API const mx_question *mx_bank_question(const mx_bank *bank, size_t i);
MX_API size_t mx_bank_case_count(const mx_bank *bank);
MX_API const mx_case *mx_bank_case(const mx_bank *bank, size_t i);
/* A hash of the bank's content: the same files give the same hash (hex, 16 digits). */
MX_API const char *mx_bank_hash(const mx_bank *bank);

/* Index of the question with this id, or -1. */
MX_API long mx_bank_find_question(const mx_bank *bank, const char *id);
/* Index of the domain with this id, or -1. */
MX_API long mx_profile_find_domain(const mx_profile *p, int domain_id);

/*
 * A hash of what a candidate sees and is scored on (type, stem, choices, key, accept
 * patterns), as 16 hex digits in out: history counts only responses to the current
 * content of a question.
 */
MX_API void mx_question_hash(const mx_question *q, char out[17]);

/* Whether the response string matches one of a text question's accept patterns. */
MX_API bool mx_question_accepts(const mx_bank *bank, const mx_question *q, const char *response);

MX_API const char *mx_qtype_name(mx_qtype t);
MX_API const char *mx_lifecycle_name(mx_lifecycle s);

#ifdef __cplusplus
}
#endif

#endif
