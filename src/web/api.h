/*
 * api.h - what the files of the JSON API share (web.h says how they fit in serve).
 *
 * api.c routes a request to its endpoint; api_session.c answers and fails, and opens an
 * attempt rebuilt from the history for one request; api_read.c reads what a request
 * asks for, checked whole before anything changes; api_json.c builds the documents.
 */
#ifndef MX_API_H
#define MX_API_H

#include "mockexam/review.h"
#include "web.h"

/* ---- answers (api_session.c) ---- */

void api_answer(reply *r, int status, json_t *doc);
/* A failure: status and a message; a server error (500 and up) is also logged. */
void api_fail(reply *r, int status, const char *fmt, ...) MX_PRINTF(3, 4);
/* A library failure: bad input is the client's (400), anything else the server's. */
void api_fail_with(reply *r, const mx_error *err);

/* ---- an attempt, rebuilt from the history for one request (api_session.c) ---- */

typedef struct session {
	server *s;
	mx_history *h;
	mx_attempt_info info;
	const mx_bank *bank;
	mx_form *form;
	mx_attempt *a;
	pthread_mutex_t *lock;
	unsigned events; /* what the clock reported on opening */
	mx_score *score; /* when the server submitted it on opening (time up) */
} session;

/*
 * Opens attempt id: rebuilt, its clock read (the time since this server last read it
 * counts), and submitted when its time has run out.  False with the reply filled.
 * Close it with session_close() either way.
 */
bool session_open(server *s, mx_history *h, long id, session *ss, reply *r);
void session_close(session *ss);
const mx_question *session_question(const session *ss, size_t i);
/* The key of the k-th shown choice of item i. */
const char *session_shown_key(const session *ss, size_t i, size_t k);
/* Forgets the server's clock reading of attempt id: it is submitted or deleted. */
void api_clock_drop(server *s, long id);

/* ---- the documents (api_json.c) ---- */

/* The attempt: status, counts, time left, the clock's warning, every item's state. */
json_t *state_json(const session *ss);
/* One question as reviewed (review.h): choices in shown order with marks and reasons. */
json_t *review_json(const session *ss, size_t i, const mx_response *r);
/* One question as the candidate sees it now, with the drill's feedback once answered. */
json_t *question_state_json(const session *ss, size_t i);
/* The score report of the attempt's responses; NULL when out of memory. */
json_t *score_json(const session *ss, const mx_score *score);

/* ---- reading requests (api_read.c) ---- */

/* What a PUT asks for, checked whole before anything changes. */
typedef struct change {
	bool has_response, has_flag, has_struck, has_choose;
	mx_response response;
	bool flagged;
	uint8_t struck;
	size_t choose, prompt;
} change;

bool read_change(const session *ss, size_t i, json_t *body, change *c, reply *r);

typedef struct start {
	const char *exam, *kind, *task, *match, *type, *exam_date;
	bool has_seed, untimed, pretest, missed, flagged, weakest, due, timed;
	uint64_t seed;
	json_int_t questions, count;
	double minutes, extra;
	int domains[16];
	size_t ndomains;
} start;

bool read_start(json_t *body, start *st, reply *r);

#endif
