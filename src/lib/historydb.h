/*
 * historydb.h - what the parts of the history (history*.c) share: the handle, the limits
 * that tell a damaged row, and the helpers that leave their message in h->err.
 * Private to the library.
 */
#ifndef MX_HISTORYDB_H
#define MX_HISTORYDB_H

#include <sqlite3.h>
#include <stdint.h>

#include "mockexam/history.h"

enum {
	HDB_MAX_QUESTIONS = 100000, /* more in one attempt means a damaged row */
};

/* Times beyond this (a hundred days) mean a damaged row, and would overflow sums. */
#define HDB_MAX_TIME_MS ((int64_t)100 * 24 * 3600 * 1000)
/* Moments (Unix seconds) outside [0, this], 9999-12-31 23:59:59 UTC, mean a damaged row;
 * later ones would overflow review intervals and have no calendar date. */
#define HDB_MAX_MOMENT ((int64_t)253402300799)

struct mx_history {
	sqlite3 *db;
	char *path;    /* as given to open */
	char err[512]; /* the failure of the call under way; empty between calls */
};

/*
 * Internal calls leave their message in h->err; every public call starts with it empty
 * and hands it to the caller's mx_error through hdb_report(), so no message outlives
 * its call.
 */
mx_status hdb_report(mx_history *h, mx_status st, mx_error *err);
/* "what: SQLite's message" in h->err; MX_ERR_DATABASE. */
mx_status hdb_fail(mx_history *h, const char *what);
mx_status hdb_exec(mx_history *h, const char *sql);
/* The first column of the first row (0 when none); *rc is SQLITE_OK or the failure. */
int64_t hdb_int_query(mx_history *h, const char *sql, int *rc);
/* A prepared statement, or NULL with the failure in h->err. */
sqlite3_stmt *hdb_prepare(mx_history *h, const char *sql);
/* Runs a prepared statement (NULL: a failed hdb_prepare) to completion and finalizes it. */
mx_status hdb_run(mx_history *h, sqlite3_stmt *st, const char *what);

/* Makes the history the attempt's store (attempt.h) under the attempt's row id. */
void hdb_attach(mx_history *h, mx_attempt *a, long id);

/* A response as stored: "B", "A,D", "C,A,B", "1:B,2:A" or the text; NULL when
 * unanswered (or out of memory: answered says which).  The caller frees it. */
char *hdb_encode_response(const mx_question *q, const mx_response *r);
/* The inverse; false when the text does not fit the question.  r->text points into s. */
bool hdb_decode_response(const mx_question *q, const char *s, mx_response *r);

#endif
