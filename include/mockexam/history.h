/*
 * history.h - every attempt and every response, in an SQLite database.
 *
 * The database is opened in WAL mode with synchronous=FULL and every change is one
 * short transaction, so a kill -9 or a power cut loses at most the change being made,
 * and two mockexam processes can use one database at once (a busy timeout makes the
 * second wait for the first).  The schema is versioned (PRAGMA user_version) and
 * migrated forward on open; a database from a newer mockexam, or a file that is not a
 * mockexam database, is refused with a clear message and never written.
 */
#ifndef MOCKEXAM_HISTORY_H
#define MOCKEXAM_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mockexam/attempt.h"
#include "mockexam/bank.h"
#include "mockexam/error.h"
#include "mockexam/form.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MX_HISTORY_SCHEMA 3 /* the schema version this library writes */

typedef struct mx_history mx_history;

/* One attempt as listed: what was taken, when, and how it ended. */
typedef struct mx_attempt_info {
	long id;
	char kind[8]; /* "exam" or "drill" */
	char exam[MX_MAX_EXAM_ID + 1];
	char bank_hash[17];
	uint64_t seed;
	size_t questions;
	bool pretest;
	int64_t limit_ms; /* 0: untimed */
	int64_t elapsed_ms;
	size_t current;
	int64_t started, finished; /* Unix seconds; finished is 0 while the attempt is open */
	size_t answered, scored, correct;
	bool graded;	  /* a finished mock exam: scaled_score and passed are its result */
	int scaled_score; /* 0 and false when not graded: a drill is practice, not an exam */
	bool passed;
} mx_attempt_info;

/*
 * Opens (creating it, mode 0600, and its directory, mode 0700) the database at path.
 * A failure is MX_ERR_DATABASE with err->file the path.  Every call below fills err
 * when it fails.
 */
MX_API mx_status mx_history_open(const char *path, mx_history **out, mx_error *err);

/*
 * The same, for commands that only read.  Where this process cannot write the file or
 * its directory, the history is opened read-only and nothing is ever written to it (a
 * history can be read from a read-only directory or a file the user may not change);
 * mx_history_open() refuses such a history with a message that says so.  A read-only
 * history of an older schema cannot be brought up to date, and is refused.
 */
MX_API mx_status mx_history_open_read(const char *path, mx_history **out, mx_error *err);
MX_API void mx_history_close(mx_history *h);

/*
 * Records a new attempt (kind "exam" or "drill") and attaches it: it saves itself
 * through the history (attempt.h, mx_attempt_store) from then on, so the history must
 * outlive the attempt.
 */
MX_API mx_status mx_history_start(mx_history *h, mx_attempt *a, const char *kind, mx_error *err);

/* Attempts, newest first; exam NULL for every exam.  Free *out with free(). */
MX_API mx_status mx_history_list(mx_history *h, const char *exam, mx_attempt_info **out, size_t *n,
				 mx_error *err);
/*
 * Removes attempt id with all its responses, in one transaction: reports, statistics and
 * drills no longer count it.  No such attempt is MX_ERR_INPUT.
 */
MX_API mx_status mx_history_delete(mx_history *h, long id, mx_error *err);

/* One attempt by id, or the latest unfinished one (exam or drill) when id is 0. */
MX_API mx_status mx_history_get(mx_history *h, long id, mx_attempt_info *out, mx_error *err);

/*
 * Rebuilds an unfinished attempt on bank: the same questions in the same order with the
 * same choice orders, its responses, flags, struck options and time, attached.  A
 * question that is no longer in the bank is an error (MX_ERR_INPUT).
 */
MX_API mx_status mx_history_resume(mx_history *h, const mx_bank *bank, const mx_attempt_info *info,
				   mx_form **form, mx_attempt **attempt, mx_error *err);

/*
 * Where the bank of attempt id was when it began: an absolute path in *dir, which the
 * caller frees, or NULL when the history does not say (attempts saved before it did).
 */
MX_API mx_status mx_history_bank_dir(mx_history *h, long id, char **dir, mx_error *err);

/*
 * When each question of bank was last delivered in an attempt at its exam: Unix
 * seconds, 0 for never.  last_seen has one slot per bank question.
 */
MX_API mx_status mx_history_last_seen(mx_history *h, const mx_bank *bank, int64_t *last_seen,
				      mx_error *err);

/* One saved response, as the analyses read them (mx_history_responses()). */
typedef struct mx_response_row {
	long attempt;
	bool drill;    /* a drill rather than a mock exam */
	bool finished; /* the attempt was submitted */
	int64_t started;
	size_t position;
	/* The question as it was asked: its id, content hash (mx_question_hash()), domain
	 * id and task id (NULL when none).  Valid until the walk returns. */
	const char *question_id, *question_hash, *task;
	int domain;
	long question;	      /* the bank's index of a question of that id, or -1 */
	bool unchanged;	      /* and that question has the content hash: it is the one asked */
	long domain_index;    /* the profile's index of the domain, or -1 */
	long task_index;      /* that domain's index of the task, or -1 */
	const char *response; /* as stored (history_save.c), NULL when unanswered; valid in
				 the callback */
	bool answered;	      /* a response was given */
	bool credit;
	bool scored;
	bool flagged;	     /* marked for review when the attempt last saved it */
	int64_t answered_at; /* Unix seconds, 0 when unanswered */
} mx_response_row;

/* Called per row; a non-zero return stops the walk. */
typedef int (*mx_response_fn)(const mx_response_row *row, void *ctx);

/* What a walk reads beyond the attempt, position, question, answered and credit: a field
 * left out is NULL or 0 in every row, and costs the walk nothing. */
enum {
	MX_ROW_RESPONSE = 1 << 0, /* the response text */
	MX_ROW_SCORED = 1 << 1,
	MX_ROW_FLAGGED = 1 << 2,
	MX_ROW_ANSWERED_AT = 1 << 3,
	MX_ROW_ALL = (1 << 4) - 1,
};

/*
 * Every saved response at the bank's exam (answered, or in a finished attempt) of the
 * attempts started at or after since (0: all), oldest attempt first, in position order,
 * each with its question resolved against bank; fields: MX_ROW_* or'd.
 */
MX_API mx_status mx_history_responses(mx_history *h, const mx_bank *bank, int64_t since,
				      unsigned fields, mx_response_fn fn, void *ctx, mx_error *err);

#ifdef __cplusplus
}
#endif

#endif
