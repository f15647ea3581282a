/*
 * history.c - attempts and responses in SQLite.
 *
 * Responses are stored in the answer sheet's terms, with the bank's keys, as short text
 * a person can read in the sqlite3 shell: "B", "A,D" (multiple), "C,A,B" (ordering),
 * "1:B,2:A" (matching), or the typed text.  A form is stored as its items (question id
 * and choice order), so a resumed attempt is exactly the one started, whatever the
 * bank's history or sampling does later.
 */
#define _XOPEN_SOURCE 700 /* realpath() */
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "mockexam/history.h"
#include "mockexam/rng.h"

enum {
	APPLICATION_ID = 0x4d584531, /* "MXE1": marks a mockexam history database */
	BUSY_TIMEOUT_MS = 10000,
	WAL_RETRY_MS = 10,
	MAX_QUESTIONS = 100000, /* more in one attempt means a damaged row */
};

/* Times beyond this (a hundred days) mean a damaged row, and would overflow sums. */
#define MAX_TIME_MS ((int64_t)100 * 24 * 3600 * 1000)

struct mx_history {
	sqlite3 *db;
	char path[1024];
	char err[512];
};

/*
 * The schema, one step per version.  Version 1 was the first layout; version 2 added
 * struck-out options, the current question, the bank's directory (to resume an exam
 * taken from a path), and an index for last-seen lookups.  Steps
 * only ever append: a database is brought forward one version at a time.
 */
static const char *const migrations[] = {
    /* 0 -> 1 */
    "CREATE TABLE attempts ("
    "  id INTEGER PRIMARY KEY,"
    "  kind TEXT NOT NULL CHECK (kind IN ('exam', 'drill')),"
    "  exam TEXT NOT NULL,"
    "  bank_hash TEXT NOT NULL,"
    "  seed INTEGER NOT NULL,"
    "  questions INTEGER NOT NULL,"
    "  pretest INTEGER NOT NULL,"
    "  limit_ms INTEGER NOT NULL,"
    "  elapsed_ms INTEGER NOT NULL DEFAULT 0,"
    "  started INTEGER NOT NULL,"
    "  finished INTEGER,"
    "  answered INTEGER, scored INTEGER, correct INTEGER,"
    "  scaled_score INTEGER, passed INTEGER);"
    "CREATE INDEX attempts_exam ON attempts (exam, started);"
    "CREATE TABLE items ("
    "  attempt_id INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,"
    "  position INTEGER NOT NULL,"
    "  question_id TEXT NOT NULL,"
    "  question_hash TEXT NOT NULL,"
    "  domain INTEGER NOT NULL,"
    "  task TEXT,"
    "  choice_order TEXT NOT NULL,"
    "  scored INTEGER NOT NULL,"
    "  response TEXT,"
    "  credit INTEGER NOT NULL DEFAULT 0,"
    "  flagged INTEGER NOT NULL DEFAULT 0,"
    "  spent_ms INTEGER NOT NULL DEFAULT 0,"
    "  answered_at INTEGER,"
    "  PRIMARY KEY (attempt_id, position));",
    /* 1 -> 2 */
    "ALTER TABLE attempts ADD COLUMN current INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE attempts ADD COLUMN bank_dir TEXT;"
    "ALTER TABLE items ADD COLUMN struck INTEGER NOT NULL DEFAULT 0;"
    "CREATE INDEX items_question ON items (question_id);",
};

_Static_assert(sizeof migrations / sizeof *migrations == MX_HISTORY_SCHEMA,
	       "one migration per schema version");

/*
 * Internal calls leave their message in h->err; every public call starts with it empty
 * and hands it to the caller's mx_error when it fails, so no message outlives its call.
 */
static mx_status report(mx_history *h, mx_status st, mx_error *err)
{
	if (st != MX_OK)
		mx_error_set(err, st, "%s", h && h->err[0] ? h->err : mx_status_str(st));
	if (h)
		h->err[0] = '\0';
	return st;
}

static mx_status fail(mx_history *h, const char *what)
{
	snprintf(h->err, sizeof h->err, "%s: %s", what, h->db ? sqlite3_errmsg(h->db) : "?");
	return MX_ERR_DATABASE;
}

static mx_status exec(mx_history *h, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(h->db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return MX_OK;
	snprintf(h->err, sizeof h->err, "%s", msg ? msg : sqlite3_errmsg(h->db));
	sqlite3_free(msg);
	return MX_ERR_DATABASE;
}

static int64_t int_query(mx_history *h, const char *sql, int *rc)
{
	sqlite3_stmt *st = NULL;
	int64_t v = 0;
	*rc = sqlite3_prepare_v2(h->db, sql, -1, &st, NULL);
	if (*rc == SQLITE_OK) {
		*rc = sqlite3_step(st);
		if (*rc == SQLITE_ROW) {
			v = sqlite3_column_int64(st, 0);
			*rc = SQLITE_OK;
		} else if (*rc == SQLITE_DONE) {
			*rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(st);
	return v;
}

/* ---- opening ---- */

/* Creates the directories above path that are missing, mode 0700. */
static int make_parents(const char *path)
{
	char buf[1024];
	if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf)
		return ENAMETOOLONG;
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0700) != 0 && errno != EEXIST)
			return errno;
		*p = '/';
	}
	return 0;
}

/*
 * Creates the file 0600 unless it exists, so SQLite never creates it with the umask.  An
 * empty file that is there already (made by touch, say) becomes the history too, so it
 * is made private the same way.
 */
static int create_private(const char *path)
{
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd >= 0) {
		close(fd);
		return 0;
	}
	if (errno != EEXIST)
		return errno;
	struct stat st;
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 0 &&
	    st.st_uid == geteuid() && (st.st_mode & 077) && chmod(path, 0600) != 0)
		return errno;
	return 0;
}

/* Is this a database mockexam may use: ours, or new and empty? */
/*
 * Says honestly why a file cannot be read: damaged (it has SQLite's header, so it was a
 * database), or not a database at all.  Nothing is written to it either way.
 */
static mx_status unreadable(mx_history *h, int rc)
{
	char head[16] = {0};
	FILE *f = fopen(h->path, "rb");
	bool sqlite = f && fread(head, 1, sizeof head, f) == sizeof head &&
		      memcmp(head, "SQLite format 3", 16) == 0;
	if (f)
		fclose(f);
	if (sqlite || rc == SQLITE_CORRUPT)
		snprintf(h->err, sizeof h->err,
			 "the history database is damaged (%s); nothing was changed in it: "
			 "restore a backup, or move it away to start a new history",
			 sqlite3_errstr(rc));
	else
		snprintf(h->err, sizeof h->err,
			 "not a history database, nor any SQLite database (%s); nothing was "
			 "changed in it: is --db the right file?",
			 sqlite3_errstr(rc));
	return MX_ERR_DATABASE;
}

static mx_status check_identity(mx_history *h, int64_t *version)
{
	int rc;
	int64_t app = int_query(h, "PRAGMA application_id", &rc);
	if (rc != SQLITE_OK)
		return unreadable(h, rc);
	*version = int_query(h, "PRAGMA user_version", &rc);
	int64_t tables = int_query(h, "SELECT count(*) FROM sqlite_master", &rc);
	if (rc != SQLITE_OK)
		return unreadable(h, rc);
	if (app != APPLICATION_ID && (app != 0 || tables != 0)) {
		snprintf(h->err, sizeof h->err,
			 "an SQLite database of another program, not a mockexam history; "
			 "nothing was changed in it: choose another file with --db");
		return MX_ERR_DATABASE;
	}
	if (*version > MX_HISTORY_SCHEMA) {
		snprintf(h->err, sizeof h->err,
			 "written by a newer mockexam (schema %lld; this one reads up to %d); "
			 "upgrade mockexam or choose another file with --db",
			 (long long)*version, MX_HISTORY_SCHEMA);
		return MX_ERR_DATABASE;
	}
	return MX_OK;
}

/* Brings the schema forward, in one transaction that re-reads the version under lock. */
static mx_status migrate(mx_history *h)
{
	int64_t version;
	mx_status st = exec(h, "BEGIN IMMEDIATE");
	if (st != MX_OK)
		return st;
	if ((st = check_identity(h, &version)) != MX_OK)
		goto rollback;
	for (int64_t v = version; v < MX_HISTORY_SCHEMA; v++)
		if ((st = exec(h, migrations[v])) != MX_OK)
			goto rollback;
	if (version < MX_HISTORY_SCHEMA) {
		char sql[96];
		snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = %d",
			 APPLICATION_ID, MX_HISTORY_SCHEMA);
		if ((st = exec(h, sql)) != MX_OK)
			goto rollback;
	}
	return exec(h, "COMMIT");
rollback:
	sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
	return st;
}

/* WAL mode persists in the file, so this is a change only the first time. Changing it
 * needs the file to itself, and SQLite answers BUSY at once rather than call the busy
 * handler when another process is creating the same new history at the same moment:
 * wait for it here, as the busy timeout would. */
static mx_status use_wal(mx_history *h)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(h->db, "PRAGMA journal_mode = WAL", -1, &s, NULL) != SQLITE_OK)
		return fail(h, "cannot use write-ahead logging");
	int rc = SQLITE_BUSY;
	for (int waited = 0; waited <= BUSY_TIMEOUT_MS; waited += WAL_RETRY_MS) {
		rc = sqlite3_step(s);
		if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
			break;
		sqlite3_reset(s);
		sqlite3_sleep(WAL_RETRY_MS);
	}
	const unsigned char *mode = rc == SQLITE_ROW ? sqlite3_column_text(s, 0) : NULL;
	mx_status st = mode && strcmp((const char *)mode, "wal") == 0
			   ? MX_OK
			   : fail(h, "cannot use write-ahead logging");
	sqlite3_finalize(s);
	return st;
}

static mx_status configure(mx_history *h)
{
	sqlite3_busy_timeout(h->db, BUSY_TIMEOUT_MS);
	int64_t version;
	/* Before anything writes to the file, in one read transaction: a consistent view
	 * even while another process is creating the schema. */
	mx_status st = exec(h, "BEGIN");
	if (st == MX_OK)
		st = check_identity(h, &version);
	sqlite3_exec(h->db, st == MX_OK ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
	if (st != MX_OK)
		return st;
	if ((st = use_wal(h)) != MX_OK)
		return st;
	if ((st = exec(h, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON")) != MX_OK)
		return st;
	return migrate(h);
}

mx_status mx_history_open(const char *path, mx_history **out, mx_error *err)
{
	*out = NULL;
	mx_history *h = calloc(1, sizeof *h);
	if (!h)
		return mx_error_set(err, MX_ERR_NOMEM, "%s: out of memory", path);
	snprintf(h->path, sizeof h->path, "%s", path);
	int e = make_parents(path);
	if (!e)
		e = create_private(path);
	mx_status st = MX_OK;
	if (e) {
		snprintf(h->err, sizeof h->err, "cannot create: %s", strerror(e));
		st = MX_ERR_DATABASE;
	} else if (sqlite3_open_v2(path, &h->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX,
				   NULL) != SQLITE_OK) {
		st = fail(h, "cannot open");
	} else {
		st = configure(h);
	}
	if (st != MX_OK) {
		report(h, st, err);
		if (err)
			snprintf(err->file, sizeof err->file, "%s", path);
		mx_history_close(h);
		return st;
	}
	*out = h;
	return MX_OK;
}

void mx_history_close(mx_history *h)
{
	if (!h)
		return;
	sqlite3_close(h->db);
	free(h);
}

/* ---- responses as text ---- */

/* "B", "A,D", "C,A,B", "1:B,2:A" or the text; NULL when unanswered. */
static char *encode_response(const mx_question *q, const mx_response *r)
{
	if (!r->answered)
		return NULL;
	if (q->type == MX_TYPE_TEXT)
		return strdup(r->text ? r->text : "");
	char *s = malloc(4 * MX_MAX_OPTIONS + 1), *p = s;
	if (!s)
		return NULL;
	const mx_choice *c = q->type == MX_TYPE_ORDERING ? q->items : q->options;
	for (size_t i = 0; i < r->keys.n; i++) {
		if (q->type == MX_TYPE_MATCHING) {
			if (r->keys.k[i] == MX_NONE)
				continue;
			p += sprintf(p, "%s%s:%s", p == s ? "" : ",", q->prompts[i].key,
				     c[r->keys.k[i]].key);
		} else {
			p += sprintf(p, "%s%s", i ? "," : "", c[r->keys.k[i]].key);
		}
	}
	*p = '\0';
	return s;
}

static int key_index(const mx_choice *c, size_t n, char key)
{
	for (size_t i = 0; i < n; i++)
		if (c[i].key[0] == key)
			return (int)i;
	return -1;
}

/* The inverse of encode_response(); false when the text does not fit the question. */
static bool decode_response(const mx_question *q, const char *s, mx_response *r)
{
	memset(r, 0, sizeof *r);
	if (!s)
		return true;
	r->answered = true;
	if (q->type == MX_TYPE_TEXT) {
		r->text = s;
		return true;
	}
	if (q->type == MX_TYPE_MATCHING) {
		r->keys.n = (uint8_t)q->nprompts;
		memset(r->keys.k, MX_NONE, sizeof r->keys.k);
		for (const char *p = s; *p; p += p[3] == ',' ? 4 : 3) {
			int pr = key_index(q->prompts, q->nprompts, p[0]);
			int o = p[1] == ':' ? key_index(q->options, q->noptions, p[2]) : -1;
			if (pr < 0 || o < 0)
				return false;
			r->keys.k[pr] = (uint8_t)o;
			if (!p[3])
				break;
		}
		return true;
	}
	const mx_choice *c = q->type == MX_TYPE_ORDERING ? q->items : q->options;
	size_t n = q->type == MX_TYPE_ORDERING ? q->nitems : q->noptions;
	for (const char *p = s; *p; p++) {
		if (*p == ',')
			continue;
		int k = key_index(c, n, *p);
		if (k < 0 || r->keys.n == MX_MAX_OPTIONS)
			return false;
		r->keys.k[r->keys.n++] = (uint8_t)k;
	}
	return true;
}

/* ---- saving ---- */

static sqlite3_stmt *prepare(mx_history *h, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(h->db, sql, -1, &st, NULL) != SQLITE_OK) {
		fail(h, "cannot prepare a statement");
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

/* Runs a prepared statement to completion and finalizes it. */
static mx_status run(mx_history *h, sqlite3_stmt *st, const char *what)
{
	if (!st)
		return MX_ERR_DATABASE;
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return fail(h, what);
	return MX_OK;
}

static void order_text(const mx_form_item *it, char *buf)
{
	for (size_t k = 0; k < it->norder; k++)
		buf[k] = (char)('0' + it->order[k]);
	buf[it->norder] = '\0';
}

static mx_status insert_item(mx_history *h, const mx_attempt *a, size_t i)
{
	const mx_form_item *it = &a->form->items[i];
	const mx_bank *b = a->form->bank;
	const mx_question *q = mx_bank_question(b, it->question);
	const mx_domain *d = &mx_bank_profile(b)->domains[q->domain];
	char hash[17], order[MX_MAX_OPTIONS + 1];
	mx_question_hash(q, hash);
	order_text(it, order);
	sqlite3_stmt *st = prepare(h, "INSERT INTO items (attempt_id, position, question_id, "
				      "question_hash, domain, task, choice_order, scored) "
				      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
	if (!st)
		return MX_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, a->id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
	sqlite3_bind_text(st, 3, q->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, hash, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 5, d->id);
	if (q->task >= 0)
		sqlite3_bind_text(st, 6, d->tasks[q->task].id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, order, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 8, it->scored);
	return run(h, st, "cannot record a question");
}

/* ---- the attempt's store (attempt.h): history saves an attached attempt ---- */

static mx_status save_item(mx_history *h, const mx_attempt *a, size_t i);
static mx_status save_clock(mx_history *h, const mx_attempt *a);
static mx_status finish(mx_history *h, const mx_attempt *a, const mx_score *sc);

static mx_status store_item(void *ctx, const mx_attempt *a, size_t i, mx_error *err)
{
	mx_history *h = ctx;
	h->err[0] = '\0';
	return report(h, save_item(h, a, i), err);
}

static mx_status store_clock(void *ctx, const mx_attempt *a, mx_error *err)
{
	mx_history *h = ctx;
	h->err[0] = '\0';
	return report(h, save_clock(h, a), err);
}

static mx_status store_finish(void *ctx, const mx_attempt *a, const mx_score *s, mx_error *err)
{
	mx_history *h = ctx;
	h->err[0] = '\0';
	return report(h, finish(h, a, s), err);
}

static void attach(mx_history *h, mx_attempt *a, long id)
{
	mx_attempt_store store = {h, store_item, store_clock, store_finish};
	mx_attempt_set_store(a, &store, id);
}

static mx_status start_impl(mx_history *h, mx_attempt *a, const char *kind)
{
	const mx_form *f = a->form;
	mx_status st = exec(h, "BEGIN IMMEDIATE");
	if (st != MX_OK)
		return st;
	sqlite3_stmt *s =
	    prepare(h, "INSERT INTO attempts (kind, exam, bank_hash, seed, questions, "
		       "pretest, limit_ms, elapsed_ms, started, current, bank_dir) "
		       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	if (!s) {
		st = MX_ERR_DATABASE;
		goto rollback;
	}
	sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, mx_bank_profile(f->bank)->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, mx_bank_hash(f->bank), -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)f->seed);
	sqlite3_bind_int64(s, 5, (sqlite3_int64)f->n);
	sqlite3_bind_int(s, 6, f->pretest);
	sqlite3_bind_int64(s, 7, a->limit_ms);
	sqlite3_bind_int64(s, 8, a->elapsed_ms);
	sqlite3_bind_int64(s, 9, (sqlite3_int64)time(NULL));
	sqlite3_bind_int64(s, 10, (sqlite3_int64)a->current);
	char *dir = realpath(mx_bank_dir(f->bank), NULL);
	sqlite3_bind_text(s, 11, dir ? dir : mx_bank_dir(f->bank), -1, SQLITE_TRANSIENT);
	free(dir);
	if ((st = run(h, s, "cannot record the attempt")) != MX_OK)
		goto rollback;
	a->id = (long)sqlite3_last_insert_rowid(h->db);
	for (size_t i = 0; i < f->n; i++)
		if ((st = insert_item(h, a, i)) != MX_OK)
			goto rollback;
	if ((st = exec(h, "COMMIT")) != MX_OK)
		goto rollback;
	attach(h, a, a->id);
	a->drill = !strcmp(kind, "drill");
	return MX_OK;
rollback:
	sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
	a->id = 0;
	return st;
}

/* The item's state and the attempt's clock, in one transaction. */
static mx_status save_item(mx_history *h, const mx_attempt *a, size_t i)
{
	const mx_attempt_item *it = &a->items[i];
	const mx_question *q = mx_bank_question(a->form->bank, a->form->items[i].question);
	char *resp = encode_response(q, &it->response);
	if (it->response.answered && !resp)
		return MX_ERR_NOMEM;
	mx_status st = exec(h, "BEGIN IMMEDIATE");
	if (st != MX_OK) {
		free(resp);
		return st;
	}
	/* answered_at moves only when the response changes: flags, moves and the clock
	 * save the item too, and the review schedule must not count them as answers. */
	sqlite3_stmt *s = prepare(h, "UPDATE items SET answered_at = CASE WHEN response IS ?1 "
				     "THEN answered_at ELSE ?6 END, response = ?1, credit = ?2, "
				     "flagged = ?3, struck = ?4, spent_ms = ?5 "
				     "WHERE attempt_id = ?7 AND position = ?8");
	if (s) {
		if (resp)
			sqlite3_bind_text(s, 1, resp, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(s, 2, mx_credit(a->form->bank, q, &it->response));
		sqlite3_bind_int(s, 3, it->flagged);
		sqlite3_bind_int(s, 4, it->struck);
		sqlite3_bind_int64(s, 5, it->spent_ms);
		if (resp)
			sqlite3_bind_int64(s, 6, (sqlite3_int64)time(NULL));
		sqlite3_bind_int64(s, 7, a->id);
		sqlite3_bind_int64(s, 8, (sqlite3_int64)i);
	}
	free(resp);
	st = run(h, s, "cannot save the answer");
	if (st == MX_OK)
		st = save_clock(h, a);
	if (st == MX_OK)
		return exec(h, "COMMIT");
	sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
	return st;
}

static mx_status save_clock(mx_history *h, const mx_attempt *a)
{
	sqlite3_stmt *s =
	    prepare(h, "UPDATE attempts SET elapsed_ms = ?, current = ? WHERE id = ?");
	if (!s)
		return MX_ERR_DATABASE;
	sqlite3_bind_int64(s, 1, a->elapsed_ms);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)a->current);
	sqlite3_bind_int64(s, 3, a->id);
	return run(h, s, "cannot save the time");
}

static mx_status finish(mx_history *h, const mx_attempt *a, const mx_score *sc)
{
	sqlite3_stmt *s =
	    prepare(h, "UPDATE attempts SET finished = ?, elapsed_ms = ?, answered = ?, "
		       "scored = ?, correct = ?, scaled_score = CASE kind WHEN 'exam' THEN ? END, "
		       "passed = CASE kind WHEN 'exam' THEN ? END WHERE id = ?");
	if (!s)
		return MX_ERR_DATABASE;
	sqlite3_bind_int64(s, 1, (sqlite3_int64)time(NULL));
	sqlite3_bind_int64(s, 2, a->elapsed_ms);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)sc->answered);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)sc->scored);
	sqlite3_bind_int64(s, 5, (sqlite3_int64)sc->correct);
	sqlite3_bind_int(s, 6, sc->scaled);
	sqlite3_bind_int(s, 7, sc->passed);
	sqlite3_bind_int64(s, 8, a->id);
	return run(h, s, "cannot record the result");
}

/* ---- reading ---- */

static const char info_columns[] =
    "SELECT id, kind, exam, bank_hash, seed, questions, pretest, limit_ms, elapsed_ms, "
    "current, started, coalesce(finished, 0), coalesce(answered, 0), coalesce(scored, 0), "
    "coalesce(correct, 0), coalesce(scaled_score, 0), coalesce(passed, 0), "
    "coalesce(bank_dir, '') FROM attempts ";

static void text_col(sqlite3_stmt *s, int col, char *buf, size_t size)
{
	const unsigned char *t = sqlite3_column_text(s, col);
	snprintf(buf, size, "%s", t ? (const char *)t : "");
}

/*
 * Reads an attempt's row and checks what later stages rely on; returns what is wrong
 * with a hand-edited or damaged row (never used), or NULL.
 */
static const char *read_info(sqlite3_stmt *s, mx_attempt_info *in)
{
	memset(in, 0, sizeof *in);
	int64_t questions = sqlite3_column_int64(s, 5), current = sqlite3_column_int64(s, 9);
	int64_t seed = sqlite3_column_int64(s, 4);
	in->id = (long)sqlite3_column_int64(s, 0);
	text_col(s, 1, in->kind, sizeof in->kind);
	text_col(s, 2, in->exam, sizeof in->exam);
	text_col(s, 3, in->bank_hash, sizeof in->bank_hash);
	in->seed = (uint64_t)sqlite3_column_int64(s, 4);
	in->questions = (size_t)sqlite3_column_int64(s, 5);
	in->pretest = sqlite3_column_int(s, 6);
	in->limit_ms = sqlite3_column_int64(s, 7);
	in->elapsed_ms = sqlite3_column_int64(s, 8);
	in->current = (size_t)sqlite3_column_int64(s, 9);
	in->started = sqlite3_column_int64(s, 10);
	in->finished = sqlite3_column_int64(s, 11);
	in->answered = (size_t)sqlite3_column_int64(s, 12);
	in->scored = (size_t)sqlite3_column_int64(s, 13);
	in->correct = (size_t)sqlite3_column_int64(s, 14);
	/* a drill has no score; drills saved before it was left out still carry one */
	in->graded = in->finished && strcmp(in->kind, "exam") == 0;
	in->scaled_score = in->graded ? sqlite3_column_int(s, 15) : 0;
	in->passed = in->graded && sqlite3_column_int(s, 16);
	text_col(s, 17, in->bank_dir, sizeof in->bank_dir);
	if (questions < 1 || questions > MAX_QUESTIONS)
		return "its number of questions";
	if (current < 0 || current >= questions)
		return "its current question";
	if (seed < 0 || (uint64_t)seed > MX_SEED_MAX)
		return "its seed";
	if (in->limit_ms < 0 || in->limit_ms > MAX_TIME_MS)
		return "its time limit";
	if (in->elapsed_ms < 0 || in->elapsed_ms > MAX_TIME_MS)
		return "its time used";
	if (sqlite3_column_int64(s, 12) < 0 || sqlite3_column_int64(s, 13) < 0 ||
	    sqlite3_column_int64(s, 14) < 0 || in->correct > in->scored)
		return "its result";
	return NULL;
}

static mx_status damaged(mx_history *h, const mx_attempt_info *in, const char *what)
{
	snprintf(h->err, sizeof h->err,
		 "the history is damaged: attempt %ld has an impossible value (%s); it was "
		 "not used",
		 in->id, what);
	return MX_ERR_DATABASE;
}

static mx_status list_impl(mx_history *h, const char *exam, mx_attempt_info **out, size_t *n)
{
	char sql[512];
	snprintf(sql, sizeof sql, "%s%s ORDER BY id DESC", info_columns,
		 exam ? "WHERE exam = ?" : "");
	sqlite3_stmt *s = prepare(h, sql);
	*out = NULL;
	*n = 0;
	if (!s)
		return MX_ERR_DATABASE;
	if (exam)
		sqlite3_bind_text(s, 1, exam, -1, SQLITE_STATIC);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			mx_attempt_info *v = realloc(*out, cap * sizeof *v);
			if (!v) {
				sqlite3_finalize(s);
				free(*out);
				*out = NULL;
				*n = 0;
				return MX_ERR_NOMEM;
			}
			*out = v;
		}
		const char *bad = read_info(s, &(*out)[*n]);
		if (bad) {
			mx_status st = damaged(h, &(*out)[*n], bad);
			sqlite3_finalize(s);
			free(*out);
			*out = NULL;
			*n = 0;
			return st;
		}
		(*n)++;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return fail(h, "cannot list attempts");
	}
	return MX_OK;
}

static mx_status get_impl(mx_history *h, long id, mx_attempt_info *out)
{
	char sql[512];
	snprintf(sql, sizeof sql, "%s%s", info_columns,
		 id ? "WHERE id = ?" : "WHERE finished IS NULL ORDER BY id DESC LIMIT 1");
	sqlite3_stmt *s = prepare(h, sql);
	if (!s)
		return MX_ERR_DATABASE;
	if (id)
		sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s);
	const char *bad = rc == SQLITE_ROW ? read_info(s, out) : NULL;
	sqlite3_finalize(s);
	if (bad)
		return damaged(h, out, bad);
	if (rc == SQLITE_ROW)
		return MX_OK;
	if (rc != SQLITE_DONE)
		return fail(h, "cannot read the attempt");
	if (id)
		snprintf(h->err, sizeof h->err, "there is no attempt %ld", id);
	else
		snprintf(h->err, sizeof h->err, "there is no unfinished exam or drill to resume");
	return MX_ERR_INPUT;
}

/* Reads one saved item into the form item and the attempt item. */
static mx_status load_item(mx_history *h, const mx_bank *b, sqlite3_stmt *s, mx_form_item *fi,
			   mx_attempt_item *ai)
{
	const char *qid = (const char *)sqlite3_column_text(s, 0);
	const char *order = (const char *)sqlite3_column_text(s, 1);
	long q = qid ? mx_bank_find_question(b, qid) : -1;
	if (q < 0) {
		snprintf(h->err, sizeof h->err,
			 "question '%s' of this attempt is no longer in the bank", qid ? qid : "?");
		return MX_ERR_INPUT;
	}
	const mx_question *qq = mx_bank_question(b, (size_t)q);
	size_t n = qq->type == MX_TYPE_ORDERING ? qq->nitems : qq->noptions;
	memset(fi, 0, sizeof *fi);
	fi->question = (size_t)q;
	fi->scored = sqlite3_column_int(s, 2);
	size_t len = order ? strlen(order) : 0;
	/* a hand-edited or damaged row must not reach the form: every shown choice once */
	bool ok = len <= MX_MAX_OPTIONS && (len == n || qq->type == MX_TYPE_TEXT);
	unsigned seen = 0;
	for (size_t k = 0; ok && k < len; k++) {
		int c = order[k] - '0';
		ok = c >= 0 && (size_t)c < n && !(seen >> c & 1);
		seen |= 1u << (c & 7);
		fi->order[k] = (uint8_t)c;
	}
	fi->norder = (uint8_t)(ok ? len : 0);
	mx_response r;
	const char *resp = (const char *)sqlite3_column_text(s, 3);
	if (!ok || !decode_response(qq, resp, &r)) {
		snprintf(h->err, sizeof h->err,
			 "question '%s' has changed since this attempt began", qid);
		return MX_ERR_INPUT;
	}
	ai->text = r.text ? strdup(r.text) : NULL;
	ai->response = r;
	ai->response.text = ai->text;
	ai->flagged = sqlite3_column_int(s, 4);
	ai->struck = (uint8_t)sqlite3_column_int(s, 5);
	ai->spent_ms = sqlite3_column_int64(s, 6);
	if (ai->spent_ms < 0 || ai->spent_ms > MAX_TIME_MS) {
		snprintf(h->err, sizeof h->err,
			 "the history is damaged: question '%s' has a time of %lld ms", qid,
			 (long long)ai->spent_ms);
		free(ai->text);
		ai->text = NULL;
		return MX_ERR_DATABASE;
	}
	return r.text && !ai->text ? MX_ERR_NOMEM : MX_OK;
}

static mx_status resume_impl(mx_history *h, const mx_bank *b, const mx_attempt_info *info,
			     mx_form **form, mx_attempt **attempt)
{
	*form = NULL;
	*attempt = NULL;
	size_t n = info->questions;
	mx_form_item *fi = calloc(n ? n : 1, sizeof *fi);
	mx_attempt_item *ai = calloc(n ? n : 1, sizeof *ai);
	sqlite3_stmt *s =
	    prepare(h, "SELECT question_id, choice_order, scored, response, flagged, "
		       "struck, spent_ms FROM items WHERE attempt_id = ? ORDER BY position");
	mx_status st = fi && ai ? MX_OK : MX_ERR_NOMEM;
	if (!s)
		st = MX_ERR_DATABASE;
	size_t got = 0;
	if (st == MX_OK) {
		sqlite3_bind_int64(s, 1, info->id);
		int rc;
		while (st == MX_OK && (rc = sqlite3_step(s)) == SQLITE_ROW && got < n)
			st = load_item(h, b, s, &fi[got], &ai[got]), got++;
		if (st == MX_OK && got != n) {
			snprintf(h->err, sizeof h->err, "attempt %ld is incomplete in the database",
				 info->id);
			st = MX_ERR_DATABASE;
		}
	}
	sqlite3_finalize(s);
	if (st == MX_OK)
		st = mx_form_restore(b, info->seed, info->pretest, fi, n, form);
	if (st == MX_OK)
		st = mx_attempt_new(*form, info->limit_ms, attempt);
	if (st == MX_OK) {
		mx_attempt *a = *attempt;
		memcpy(a->items, ai, n * sizeof *ai);
		a->elapsed_ms = info->elapsed_ms;
		a->current = info->current < n ? info->current : 0;
		attach(h, a, info->id);
		a->drill = !strcmp(info->kind, "drill");
	} else {
		for (size_t i = 0; i < got; i++)
			free(ai[i].text);
		mx_form_free(*form);
		*form = NULL;
	}
	free(fi);
	free(ai);
	return st;
}

static mx_status last_seen_impl(mx_history *h, const mx_bank *b, int64_t *last_seen)
{
	memset(last_seen, 0, mx_bank_count(b) * sizeof *last_seen);
	sqlite3_stmt *s = prepare(h, "SELECT i.question_id, max(a.started) FROM items i "
				     "JOIN attempts a ON a.id = i.attempt_id WHERE a.exam = ? "
				     "GROUP BY i.question_id");
	if (!s)
		return MX_ERR_DATABASE;
	sqlite3_bind_text(s, 1, mx_bank_profile(b)->id, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *qid = (const char *)sqlite3_column_text(s, 0);
		long q = qid ? mx_bank_find_question(b, qid) : -1;
		if (q >= 0)
			last_seen[q] = sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? MX_OK : fail(h, "cannot read when questions were seen");
}

/*
 * Reading every response of an exam for the analyses.  A million responses read through
 * sqlite3_step() and a dozen sqlite3_column_*() calls each (every one taking the
 * connection's mutex), after a join that finds each item through an index, cost seven
 * times one scan of the table; so the usual walk is one scan of items in storage order
 * inside a single step, handing each row to the callback from an SQL function (walk_row).  Storage order is the order the walk promises
 * (oldest attempt first, then position) whenever attempt ids ascend with their start
 * times: an attempt's items are inserted with it, in position order, and a new
 * attempt's id is the largest.  The walk checks that promise on every row; when start
 * times disagree with ids, or the exam holds too small a part of the history for a scan
 * to pay, the ordered join below is used instead.
 */
typedef struct walk_attempt {
	long id;
	int64_t started;
	bool drill, finished;
} walk_attempt;

typedef struct walk {
	mx_response_fn fn;
	void *ctx;
	const walk_attempt *att; /* the exam's attempts since the start, in id order */
	size_t natt;
	long last_id; /* the attempt of the last row, and its index in att or -1 */
	long last_k;
	long cur;      /* the index in att of the last row of the exam, -1 before it */
	int64_t pos;   /* and its position */
	size_t handed; /* rows given to the callback */
	bool stopped;  /* the callback asked to stop */
	long disorder; /* the attempt whose row came out of order, or 0 */
} walk;

static long walk_find(const walk *w, long id)
{
	size_t lo = 0, hi = w->natt;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (w->att[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < w->natt && w->att[lo].id == id ? (long)lo : -1;
}

/* walk_row(walk, attempt_id, position, question_id, question_hash, task, response, domain,
 * credit, scored, answered_at): hands one row to the walk's callback. */
static void walk_row(sqlite3_context *cx, int argc, sqlite3_value **v)
{
	walk *w = sqlite3_value_pointer(v[0], "mx_walk");
	if (!w) {
		sqlite3_result_error(cx, "walk_row: not inside a walk", -1);
		return;
	}
	sqlite3_result_int(cx, 0);
	long id = (long)sqlite3_value_int64(v[1]);
	if (id != w->last_id) {
		w->last_id = id;
		w->last_k = walk_find(w, id);
	}
	long k = w->last_k;
	if (k < 0)
		return; /* another exam's, or before the start */
	int64_t pos = sqlite3_value_int64(v[2]);
	if (k < w->cur || (k == w->cur && pos <= w->pos)) {
		w->disorder = id;
		sqlite3_result_error(cx, "responses out of order", -1);
		return;
	}
	w->cur = k;
	w->pos = pos;
	const walk_attempt *a = &w->att[k];
	mx_response_row r = {
	    .attempt = id,
	    .drill = a->drill,
	    .finished = a->finished,
	    .started = a->started,
	    .position = (size_t)pos,
	    .question_id = (const char *)sqlite3_value_text(v[3]),
	    .question_hash = (const char *)sqlite3_value_text(v[4]),
	    .task = (const char *)sqlite3_value_text(v[5]),
	    .response = (const char *)sqlite3_value_text(v[6]),
	    .domain = sqlite3_value_int(v[7]),
	    .credit = sqlite3_value_int(v[8]),
	    .scored = sqlite3_value_int(v[9]),
	    .answered_at = sqlite3_value_int64(v[10]),
	    .flagged = sqlite3_value_int(v[11]),
	};
	r.answered = r.response != NULL;
	if (!r.answered && !a->finished)
		return; /* not a response yet */
	w->handed++;
	if (w->fn(&r, w->ctx)) {
		w->stopped = true;
		sqlite3_result_error(cx, "walk stopped", -1);
	}
}

/* The exam's attempts since the start, oldest first, and whether ids ascend with them. */
static mx_status walk_attempts(mx_history *h, const char *exam, int64_t since, walk_attempt **out,
			       size_t *n, int64_t *questions, bool *ascending)
{
	sqlite3_stmt *s =
	    prepare(h, "SELECT id, kind = 'drill', finished IS NOT NULL, started, questions "
		       "FROM attempts WHERE exam = ? AND started >= ? ORDER BY started, id");
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	*questions = 0;
	*ascending = true;
	if (!s)
		return MX_ERR_DATABASE;
	sqlite3_bind_text(s, 1, exam, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, since);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			walk_attempt *v = realloc(*out, cap * sizeof *v);
			if (!v) {
				sqlite3_finalize(s);
				return MX_ERR_NOMEM;
			}
			*out = v;
		}
		walk_attempt *a = &(*out)[(*n)++];
		a->id = (long)sqlite3_column_int64(s, 0);
		a->drill = sqlite3_column_int(s, 1);
		a->finished = sqlite3_column_int(s, 2);
		a->started = sqlite3_column_int64(s, 3);
		int64_t q = sqlite3_column_int64(s, 4);
		*questions += q < 0 ? 0 : q > MAX_QUESTIONS ? MAX_QUESTIONS : q;
		if (*n > 1 && a[-1].id >= a->id)
			*ascending = false;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? MX_OK : fail(h, "cannot read the attempts");
}

/* The walk as one scan of items; MX_ERR_INPUT when it found rows out of order before it
 * handed any to the callback (the ordered join can still do it). */
static mx_status walk_scan(mx_history *h, walk *w)
{
	int rc = sqlite3_create_function_v2(h->db, "walk_row", 12, SQLITE_UTF8 | SQLITE_DIRECTONLY,
					    NULL, walk_row, NULL, NULL, NULL);
	if (rc != SQLITE_OK && rc != SQLITE_BUSY) /* busy: a walk running registered it */
		return fail(h, "cannot read the responses");
	sqlite3_stmt *s =
	    prepare(h, "SELECT 1 FROM items WHERE walk_row(?, attempt_id, position, question_id, "
		       "question_hash, task, response, domain, credit, scored, answered_at, flagged)");
	if (!s)
		return MX_ERR_DATABASE;
	sqlite3_bind_pointer(s, 1, w, "mx_walk", NULL);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE || rc == SQLITE_ROW || w->stopped)
		return MX_OK;
	if (w->disorder && !w->handed)
		return MX_ERR_INPUT;
	if (w->disorder) {
		snprintf(h->err, sizeof h->err,
			 "the history is damaged: the responses of attempt %ld are stored out of "
			 "order",
			 w->disorder);
		return MX_ERR_DATABASE;
	}
	return fail(h, "cannot read the responses");
}

/* The walk as a join ordered by SQLite, row by row. */
static mx_status walk_ordered(mx_history *h, const char *exam, int64_t since, mx_response_fn fn,
			      void *ctx)
{
	sqlite3_stmt *s = prepare(
	    h, "SELECT a.id, a.kind = 'drill', a.finished IS NOT NULL, a.started, i.position, "
	       "i.question_id, i.question_hash, i.task, i.response, i.domain, i.credit, i.scored, "
	       "coalesce(i.answered_at, 0), i.flagged FROM items i "
	       "JOIN attempts a ON a.id = i.attempt_id "
	       "WHERE a.exam = ? AND a.started >= ? "
	       "AND (i.response IS NOT NULL OR a.finished IS NOT NULL) "
	       "ORDER BY a.started, a.id, i.position");
	if (!s)
		return MX_ERR_DATABASE;
	sqlite3_bind_text(s, 1, exam, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, since);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		mx_response_row r;
		r.attempt = (long)sqlite3_column_int64(s, 0);
		r.drill = sqlite3_column_int(s, 1);
		r.finished = sqlite3_column_int(s, 2);
		r.started = sqlite3_column_int64(s, 3);
		r.position = (size_t)sqlite3_column_int64(s, 4);
		r.question_id = (const char *)sqlite3_column_text(s, 5);
		r.question_hash = (const char *)sqlite3_column_text(s, 6);
		r.task = (const char *)sqlite3_column_text(s, 7);
		r.response = (const char *)sqlite3_column_text(s, 8);
		r.domain = sqlite3_column_int(s, 9);
		r.answered = r.response != NULL;
		r.credit = sqlite3_column_int(s, 10);
		r.scored = sqlite3_column_int(s, 11);
		r.answered_at = sqlite3_column_int64(s, 12);
		r.flagged = sqlite3_column_int(s, 13);
		if (fn(&r, ctx))
			break;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? MX_OK : fail(h, "cannot read the responses");
}

static mx_status responses_impl(mx_history *h, const char *exam, int64_t since, mx_response_fn fn,
				void *ctx)
{
	walk w = {.fn = fn, .ctx = ctx, .last_id = -1, .last_k = -1, .cur = -1};
	walk_attempt *att;
	int64_t mine, all = 0;
	bool ascending;
	mx_status st = walk_attempts(h, exam, since, &att, &w.natt, &mine, &ascending);
	int rc = SQLITE_OK;
	if (st == MX_OK && w.natt)
		all = int_query(h, "SELECT total(max(questions, 0)) FROM attempts", &rc);
	if (st == MX_OK && rc != SQLITE_OK)
		st = fail(h, "cannot read the attempts");
	if (st != MX_OK || !w.natt) {
		free(att);
		return st;
	}
	w.att = att;
	/* a scan reads every exam's items: it pays when this exam's are half of them */
	st = ascending && 2 * mine >= all ? walk_scan(h, &w) : MX_ERR_INPUT;
	free(att);
	return st == MX_ERR_INPUT ? walk_ordered(h, exam, since, fn, ctx) : st;
}

static mx_status delete_impl(mx_history *h, long id)
{
	mx_status st = exec(h, "BEGIN IMMEDIATE");
	if (st != MX_OK)
		return st;
	sqlite3_stmt *s = prepare(h, "DELETE FROM items WHERE attempt_id = ?");
	if (s)
		sqlite3_bind_int64(s, 1, id);
	st = run(h, s, "cannot delete the attempt's responses");
	if (st == MX_OK) {
		s = prepare(h, "DELETE FROM attempts WHERE id = ?");
		if (s)
			sqlite3_bind_int64(s, 1, id);
		st = run(h, s, "cannot delete the attempt");
	}
	if (st == MX_OK && sqlite3_changes(h->db) == 0) {
		snprintf(h->err, sizeof h->err, "there is no attempt %ld", id);
		st = MX_ERR_INPUT;
	}
	if (st == MX_OK)
		return exec(h, "COMMIT");
	sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
	return st;
}

/* ---- the public calls: each hands its failure to the caller's mx_error ---- */

mx_status mx_history_delete(mx_history *h, long id, mx_error *err)
{
	h->err[0] = '\0';
	return report(h, delete_impl(h, id), err);
}


mx_status mx_history_start(mx_history *h, mx_attempt *a, const char *kind, mx_error *err)
{
	h->err[0] = '\0';
	return report(h, start_impl(h, a, kind), err);
}

mx_status mx_history_list(mx_history *h, const char *exam, mx_attempt_info **out, size_t *n,
			  mx_error *err)
{
	h->err[0] = '\0';
	return report(h, list_impl(h, exam, out, n), err);
}

mx_status mx_history_get(mx_history *h, long id, mx_attempt_info *out, mx_error *err)
{
	h->err[0] = '\0';
	return report(h, get_impl(h, id, out), err);
}

mx_status mx_history_last_seen(mx_history *h, const mx_bank *b, int64_t *last_seen, mx_error *err)
{
	h->err[0] = '\0';
	return report(h, last_seen_impl(h, b, last_seen), err);
}

mx_status mx_history_resume(mx_history *h, const mx_bank *b, const mx_attempt_info *info,
			    mx_form **form, mx_attempt **attempt, mx_error *err)
{
	h->err[0] = '\0';
	return report(h, resume_impl(h, b, info, form, attempt), err);
}

mx_status mx_history_responses(mx_history *h, const char *exam, int64_t since, mx_response_fn fn,
			       void *ctx, mx_error *err)
{
	h->err[0] = '\0';
	return report(h, responses_impl(h, exam, since, fn, ctx), err);
}
