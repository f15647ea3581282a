/*
 * history.c - the history database: opening it, its schema and its migrations, the
 * helpers its parts share (historydb.h), and deleting an attempt.  Saving is in
 * history_save.c, reading attempts back in history_read.c, the analyses' walk over
 * every response in history_walk.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "historydb.h"

enum {
	APPLICATION_ID = 0x4d584531, /* "MXE1": marks a mockexam history database */
	BUSY_TIMEOUT_MS = 10000,
	WAL_RETRY_MS = 10,
};

/*
 * The schema, one step per version.  Version 1 was the first layout; version 2 added
 * struck-out options, the current question, the bank's directory (to resume an exam
 * taken from a path), and an index for last-seen lookups.  Version 3 moved what an item
 * says of its question (id, content hash, domain, task: a few dozen bytes repeated in
 * every response) into one row per question version met, which items name by number,
 * and saved whether a drill answer was checked (its feedback shown, attempt.h):
 * the file is half the size, and the analyses' walk reads four numbers and a short
 * response per row and resolves each question once, not once per response.  The view
 * responses shows items as they were, for the sqlite3 shell.  Steps only ever append:
 * a database is brought forward one version at a time, in one transaction.
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
    /* 2 -> 3: items are copied in storage order, the order the walk reads them in */
    "CREATE TABLE questions ("
    "  id INTEGER PRIMARY KEY,"
    "  exam TEXT NOT NULL,"
    "  question_id TEXT NOT NULL,"
    "  question_hash TEXT NOT NULL,"
    "  domain INTEGER NOT NULL,"
    "  task TEXT);"
    "CREATE UNIQUE INDEX questions_key "
    "  ON questions (exam, question_id, question_hash, domain, ifnull(task, ''));"
    "INSERT OR IGNORE INTO questions (exam, question_id, question_hash, domain, task)"
    "  SELECT a.exam, i.question_id, i.question_hash, i.domain, i.task"
    "  FROM items i JOIN attempts a ON a.id = i.attempt_id ORDER BY i.rowid;"
    "ALTER TABLE items RENAME TO items_2;"
    "CREATE TABLE items ("
    "  attempt_id INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,"
    "  position INTEGER NOT NULL,"
    "  question INTEGER NOT NULL REFERENCES questions (id),"
    "  choice_order TEXT NOT NULL,"
    "  scored INTEGER NOT NULL,"
    "  response TEXT,"
    "  credit INTEGER NOT NULL DEFAULT 0,"
    "  flagged INTEGER NOT NULL DEFAULT 0,"
    "  spent_ms INTEGER NOT NULL DEFAULT 0,"
    "  answered_at INTEGER,"
    "  struck INTEGER NOT NULL DEFAULT 0,"
    "  checked INTEGER NOT NULL DEFAULT 0,"
    "  PRIMARY KEY (attempt_id, position));"
    /* a drill showed the feedback of every answer it saved */
    "INSERT INTO items (attempt_id, position, question, choice_order, scored, response,"
    "  credit, flagged, spent_ms, answered_at, struck, checked)"
    "  SELECT i.attempt_id, i.position, q.id, i.choice_order, i.scored, i.response,"
    "  i.credit, i.flagged, i.spent_ms, i.answered_at, i.struck,"
    "  a.kind = 'drill' AND i.response IS NOT NULL"
    "  FROM items_2 i JOIN attempts a ON a.id = i.attempt_id"
    "  JOIN questions q ON q.exam = a.exam AND q.question_id = i.question_id"
    "  AND q.question_hash = i.question_hash AND q.domain = i.domain"
    "  AND ifnull(q.task, '') = ifnull(i.task, '') ORDER BY i.rowid;"
    "DROP TABLE items_2;"
    "CREATE VIEW responses AS SELECT i.attempt_id, i.position, q.question_id,"
    "  q.question_hash, q.domain, q.task, i.choice_order, i.scored, i.response, i.credit,"
    "  i.flagged, i.spent_ms, i.answered_at, i.struck, i.checked"
    "  FROM items i JOIN questions q ON q.id = i.question;",
};

_Static_assert(sizeof migrations / sizeof *migrations == MX_HISTORY_SCHEMA,
	       "one migration per schema version");

/* ---- the helpers of historydb.h ---- */

mx_status hdb_report(mx_history *h, mx_status st, mx_error *err)
{
	if (st != MX_OK)
		mx_error_set(err, st, "%s", h && h->err[0] ? h->err : mx_status_str(st));
	if (h)
		h->err[0] = '\0';
	return st;
}

mx_status hdb_fail(mx_history *h, const char *what)
{
	snprintf(h->err, sizeof h->err, "%s: %s", what, h->db ? sqlite3_errmsg(h->db) : "?");
	return MX_ERR_DATABASE;
}

mx_status hdb_exec(mx_history *h, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(h->db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return MX_OK;
	snprintf(h->err, sizeof h->err, "%s", msg ? msg : sqlite3_errmsg(h->db));
	sqlite3_free(msg);
	return MX_ERR_DATABASE;
}

int64_t hdb_int_query(mx_history *h, const char *sql, int *rc)
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

sqlite3_stmt *hdb_prepare(mx_history *h, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(h->db, sql, -1, &st, NULL) != SQLITE_OK) {
		hdb_fail(h, "cannot prepare a statement");
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

mx_status hdb_run(mx_history *h, sqlite3_stmt *st, const char *what)
{
	if (!st)
		return MX_ERR_DATABASE;
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return hdb_fail(h, what);
	return MX_OK;
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
	int64_t app = hdb_int_query(h, "PRAGMA application_id", &rc);
	if (rc != SQLITE_OK)
		return unreadable(h, rc);
	*version = hdb_int_query(h, "PRAGMA user_version", &rc);
	int64_t tables = hdb_int_query(h, "SELECT count(*) FROM sqlite_master", &rc);
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
static mx_status migrate(mx_history *h, int64_t *version_before)
{
	int64_t version;
	mx_status st = hdb_exec(h, "BEGIN IMMEDIATE");
	if (st != MX_OK)
		return st;
	if ((st = check_identity(h, &version)) != MX_OK)
		goto rollback;
	*version_before = version;
	for (int64_t v = version; v < MX_HISTORY_SCHEMA; v++)
		if ((st = hdb_exec(h, migrations[v])) != MX_OK)
			goto rollback;
	if (version < MX_HISTORY_SCHEMA) {
		char sql[96];
		snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = %d",
			 APPLICATION_ID, MX_HISTORY_SCHEMA);
		if ((st = hdb_exec(h, sql)) != MX_OK)
			goto rollback;
	}
	return hdb_exec(h, "COMMIT");
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
		return hdb_fail(h, "cannot use write-ahead logging");
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
			   : hdb_fail(h, "cannot use write-ahead logging");
	sqlite3_finalize(s);
	return st;
}

static mx_status configure(mx_history *h)
{
	sqlite3_busy_timeout(h->db, BUSY_TIMEOUT_MS);
	int64_t version;
	/* Before anything writes to the file, in one read transaction: a consistent view
	 * even while another process is creating the schema. */
	mx_status st = hdb_exec(h, "BEGIN");
	if (st == MX_OK)
		st = check_identity(h, &version);
	sqlite3_exec(h->db, st == MX_OK ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
	if (st != MX_OK)
		return st;
	if ((st = use_wal(h)) != MX_OK)
		return st;
	if ((st = hdb_exec(h, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON")) != MX_OK)
		return st;
	if ((st = migrate(h, &version)) != MX_OK)
		return st;
	/* Version 3 rewrote every item: give the old table's pages back, once.  VACUUM is a
	 * transaction of its own; when another process has the file open it cannot run, the
	 * history is whole all the same, and the space is reused by what comes next. */
	if (version >= 1 && version < 3)
		sqlite3_exec(h->db, "VACUUM", NULL, NULL, NULL);
	return MX_OK;
}

/* Whether this process may change the file, and make the -wal and -shm files SQLite
 * keeps beside it. */
static bool writable(const char *path)
{
	if (access(path, W_OK) != 0)
		return false;
	const char *slash = strrchr(path, '/');
	if (!slash)
		return access(".", W_OK) == 0;
	if (slash == path)
		return access("/", W_OK) == 0;
	char *dir = strndup(path, (size_t)(slash - path));
	bool ok = !dir || access(dir, W_OK) == 0; /* out of memory: SQLite will tell */
	free(dir);
	return ok;
}

/* "file:PATH?mode=ro", or "?immutable=1", the path escaped as SQLite's URIs want. */
static char *read_only_uri(const char *path, bool immutable)
{
	char *u = malloc(3 * strlen(path) + 32), *p = u;
	if (!u)
		return NULL;
	p += sprintf(p, "file:");
	for (const char *s = path; *s; s++)
		if (*s == '%' || *s == '?' || *s == '#')
			p += sprintf(p, "%%%02X", (unsigned)(unsigned char)*s);
		else
			*p++ = *s;
	strcpy(p, immutable ? "?immutable=1" : "?mode=ro");
	return u;
}

/* The size of the file SQLite keeps beside path with suffix ("-wal", "-shm"): -1 when
 * there is none (or no memory to name it, which SQLite would meet next). */
static off_t side_file(const char *path, const char *suffix)
{
	char *name = malloc(strlen(path) + strlen(suffix) + 1);
	struct stat st;
	off_t size = name && stat(strcat(strcpy(name, path), suffix), &st) == 0 ? st.st_size : -1;
	free(name);
	return size;
}

/*
 * Opens an existing history that this process may not write, without writing a byte to
 * it or beside it.  SQLite reads a WAL database read-only through its -shm file, and
 * makes one (and an empty -wal) when there is none and the directory lets it: files the
 * owner may then be unable to write, which would lock the owner out of their own
 * history.  So -shm is used only when a writer made it (mode=ro); otherwise a history
 * with nothing pending in -wal is opened as immutable, which it is to this process while
 * it reads (were the owner to write meanwhile, the read could fail, never the history).
 */
static mx_status open_read_only(mx_history *h, const char *path)
{
	bool shm = side_file(path, "-shm") >= 0;
	if (!shm && side_file(path, "-wal") > 0) {
		snprintf(h->err, sizeof h->err,
			 "cannot read it without changing it: it holds changes not yet written "
			 "into it (its -wal file); any command its owner runs puts them in");
		return MX_ERR_DATABASE;
	}
	char *uri = read_only_uri(path, !shm);
	if (!uri)
		return MX_ERR_NOMEM;
	int rc = sqlite3_open_v2(
	    uri, &h->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_URI, NULL);
	free(uri);
	if (rc != SQLITE_OK)
		return hdb_fail(h, "cannot open");
	sqlite3_busy_timeout(h->db, BUSY_TIMEOUT_MS);
	int64_t version = 0;
	mx_status st = hdb_exec(h, "BEGIN");
	if (st == MX_OK)
		st = check_identity(h, &version);
	sqlite3_exec(h->db, st == MX_OK ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
	if (st == MX_OK && version == 0) {
		snprintf(h->err, sizeof h->err,
			 "an empty file, read-only here: no history has been saved in it yet");
		st = MX_ERR_DATABASE;
	} else if (st == MX_OK && version < MX_HISTORY_SCHEMA) {
		snprintf(h->err, sizeof h->err,
			 "written by an older mockexam (schema %lld) and read-only here, so it "
			 "cannot be brought up to date (schema %d): open it once where it can be "
			 "written",
			 (long long)version, MX_HISTORY_SCHEMA);
		st = MX_ERR_DATABASE;
	}
	return st;
}

static mx_status open_impl(const char *path, bool reading, mx_history **out, mx_error *err)
{
	*out = NULL;
	mx_history *h = calloc(1, sizeof *h);
	if (!h || !(h->path = strdup(path))) {
		free(h);
		return mx_error_set(err, MX_ERR_NOMEM, "%s: out of memory", path);
	}
	bool exists = access(path, F_OK) == 0;
	int e = exists ? 0 : make_parents(path);
	if (!e)
		e = create_private(path);
	mx_status st = MX_OK;
	if (exists && !writable(path)) {
		if (reading) {
			st = open_read_only(h, path);
		} else {
			snprintf(h->err, sizeof h->err,
				 "cannot save to it: it or its directory is read-only here "
				 "(history, report and stats can still read it)");
			st = MX_ERR_DATABASE;
		}
	} else if (e) {
		snprintf(h->err, sizeof h->err, "cannot create: %s", strerror(e));
		st = MX_ERR_DATABASE;
	} else if (sqlite3_open_v2(path, &h->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX,
				   NULL) != SQLITE_OK) {
		st = hdb_fail(h, "cannot open");
	} else {
		st = configure(h);
	}
	if (st != MX_OK) {
		hdb_report(h, st, err);
		if (err)
			snprintf(err->file, sizeof err->file, "%s", path);
		mx_history_close(h);
		return st;
	}
	*out = h;
	return MX_OK;
}

mx_status mx_history_open(const char *path, mx_history **out, mx_error *err)
{
	return open_impl(path, false, out, err);
}

mx_status mx_history_open_read(const char *path, mx_history **out, mx_error *err)
{
	return open_impl(path, true, out, err);
}

void mx_history_close(mx_history *h)
{
	if (!h)
		return;
	sqlite3_close(h->db);
	free(h->path);
	free(h);
}

static mx_status delete_impl(mx_history *h, long id)
{
	mx_status st = hdb_exec(h, "BEGIN IMMEDIATE");
	if (st != MX_OK)
		return st;
	sqlite3_stmt *s = hdb_prepare(h, "DELETE FROM items WHERE attempt_id = ?");
	if (s)
		sqlite3_bind_int64(s, 1, id);
	st = hdb_run(h, s, "cannot delete the attempt's responses");
	if (st == MX_OK) {
		s = hdb_prepare(h, "DELETE FROM attempts WHERE id = ?");
		if (s)
			sqlite3_bind_int64(s, 1, id);
		st = hdb_run(h, s, "cannot delete the attempt");
	}
	if (st == MX_OK && sqlite3_changes(h->db) == 0) {
		snprintf(h->err, sizeof h->err, "there is no attempt %ld", id);
		st = MX_ERR_INPUT;
	}
	if (st == MX_OK)
		return hdb_exec(h, "COMMIT");
	sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
	return st;
}

mx_status mx_history_delete(mx_history *h, long id, mx_error *err)
{
	h->err[0] = '\0';
	return hdb_report(h, delete_impl(h, id), err);
}
