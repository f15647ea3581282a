/*
 * The history database: saving and resuming, file modes, refusing foreign, corrupt and
 * newer databases, migrating the previous schema, and two writers at once.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "mockexam/history.h"

typedef struct fixture {
	char dir[64];
	char path[128];
	mx_bank *bank;
} fixture;

static int setup(void **state)
{
	fixture *fx = calloc(1, sizeof *fx);
	static int serial;
	snprintf(fx->dir, sizeof fx->dir, "/tmp/mx-history-%ld-%d", (long)getpid(), serial++);
	if (mkdir(fx->dir, 0700) != 0)
		return -1;
	snprintf(fx->path, sizeof fx->path, "%s/sub/dir/history.db", fx->dir);
	mx_diags d;
	mx_diags_init(&d);
	mx_bank_load(MX_TEST_DATA "/good/tiny", NULL, &d, &fx->bank);
	mx_diags_free(&d);
	*state = fx;
	return fx->bank ? 0 : -1;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	char cmd[160];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->dir);
	if (system(cmd) != 0)
		return -1;
	mx_bank_free(fx->bank);
	free(fx);
	return 0;
}

static mx_history *open_ok(fixture *fx)
{
	mx_history *h = NULL;
	assert_int_equal(mx_history_open(fx->path, &h, NULL), MX_OK);
	return h;
}

/* Opens expecting failure; returns the message (static buffer). */
static const char *open_fails(fixture *fx)
{
	static char msg[512];
	mx_error err;
	mx_history *h = NULL;
	assert_int_equal(mx_history_open(fx->path, &h, &err), MX_ERR_DATABASE);
	assert_null(h);
	assert_int_equal(err.status, MX_ERR_DATABASE);
	assert_string_equal(err.file, fx->path);
	snprintf(msg, sizeof msg, "%s", err.message);
	return msg;
}

static mx_attempt *start(fixture *fx, mx_history *h, uint64_t seed, mx_form **form)
{
	mx_form_spec spec = {.seed = seed, .pretest = true};
	mx_diags d;
	mx_diags_init(&d);
	assert_int_equal(mx_form_build(fx->bank, &spec, &d, form), MX_OK);
	mx_diags_free(&d);
	mx_attempt *a = NULL;
	assert_int_equal(mx_attempt_new(*form, 720000, &a), MX_OK);
	assert_int_equal(mx_history_start(h, a, "exam", NULL), MX_OK);
	assert_true(a->id > 0);
	return a;
}

static void answer(mx_attempt *a, size_t i, const char *text)
{
	mx_error err;
	mx_response r;
	assert_int_equal(mx_attempt_parse(a, i, text, &r, &err), MX_OK);
	assert_int_equal(mx_attempt_answer(a, i, &r, NULL), MX_OK);
}

static void test_history_creates_private_files(void **state)
{
	fixture *fx = *state;
	mx_history *h = open_ok(fx);
	struct stat sb;
	assert_int_equal(stat(fx->path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	char dir[160];
	snprintf(dir, sizeof dir, "%s/sub", fx->dir);
	assert_int_equal(stat(dir, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	mx_history_close(h);
}

static void test_history_resume_restores_everything(void **state)
{
	fixture *fx = *state;
	mx_history *h = open_ok(fx);
	mx_form *form;
	mx_attempt *a = start(fx, h, 11, &form);
	size_t s1 = (size_t)mx_form_find(form, (size_t)mx_bank_find_question(fx->bank, "s1"));
	size_t m1 = (size_t)mx_form_find(form, (size_t)mx_bank_find_question(fx->bank, "m1"));
	size_t x1 = (size_t)mx_form_find(form, (size_t)mx_bank_find_question(fx->bank, "x1"));
	mx_attempt_move(a, s1, NULL);
	mx_clock_report rep;
	mx_attempt_clock(a, 0, &rep, NULL);
	answer(a, s1, "B");
	answer(a, m1, "AC");
	answer(a, x1, "1A 3B");
	mx_attempt_flag(a, m1, true, NULL);
	mx_attempt_strike(a, x1, 0x5, NULL);
	mx_attempt_clock(a, 95000, &rep, NULL);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(fx->path, &db), SQLITE_OK);
	/* an answer's time is when it was given, not when the question was last left */
	assert_int_equal(sqlite3_exec(db,
				      "UPDATE items SET answered_at = 7 WHERE response IS NOT NULL",
				      0, 0, 0),
			 SQLITE_OK);
	mx_attempt_move(a, 3, NULL);
	mx_attempt_flag(a, s1, true, NULL);
	sqlite3_stmt *q;
	sqlite3_prepare_v2(
	    db, "SELECT min(answered_at), max(answered_at) FROM items WHERE response IS NOT NULL",
	    -1, &q, NULL);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int64(q, 0), 7);
	assert_int_equal(sqlite3_column_int64(q, 1), 7);
	sqlite3_finalize(q);
	sqlite3_close(db);
	mx_attempt_flag(a, s1, false, NULL);
	long id = a->id;
	mx_history_close(h); /* as if the process ended here */

	h = open_ok(fx);
	mx_attempt_info info;
	assert_int_equal(mx_history_get(h, 0, &info, NULL), MX_OK); /* the latest unfinished */
	assert_int_equal(info.id, id);
	assert_int_equal(info.seed, 11);
	assert_int_equal(info.elapsed_ms, 95000);
	assert_int_equal(info.current, 3);
	assert_string_equal(info.exam, "tiny");
	mx_form *f2;
	mx_attempt *b;
	assert_int_equal(mx_history_resume(h, fx->bank, &info, &f2, &b, NULL), MX_OK);
	assert_int_equal(f2->n, form->n);
	for (size_t i = 0; i < form->n; i++) {
		assert_int_equal(f2->items[i].question, form->items[i].question);
		assert_memory_equal(f2->items[i].order, form->items[i].order, MX_MAX_OPTIONS);
		assert_int_equal(f2->items[i].scored, form->items[i].scored);
		assert_int_equal(b->items[i].response.answered, a->items[i].response.answered);
		assert_int_equal(b->items[i].response.keys.n, a->items[i].response.keys.n);
		assert_memory_equal(b->items[i].response.keys.k, a->items[i].response.keys.k,
				    a->items[i].response.keys.n);
		assert_int_equal(b->items[i].flagged, a->items[i].flagged);
		assert_int_equal(b->items[i].struck, a->items[i].struck);
	}
	assert_int_equal(b->items[s1].spent_ms, 95000);
	assert_int_equal(mx_attempt_remaining(b), 720000 - 95000);
	assert_int_equal(b->current, 3);
	/* finishing closes it: nothing left to resume */
	mx_score *sc;
	assert_int_equal(mx_attempt_submit(b, &sc, NULL), MX_OK);
	mx_error err;
	assert_int_equal(mx_history_get(h, 0, &info, &err), MX_ERR_INPUT);
	assert_int_equal(err.status, MX_ERR_INPUT);
	assert_string_equal(err.message, "there is no unfinished exam or drill to resume");
	assert_int_equal(mx_history_get(h, id, &info, NULL), MX_OK);
	assert_true(info.finished > 0);
	assert_int_equal(info.scaled_score, sc->scaled);
	mx_score_free(sc);
	mx_attempt_free(b);
	mx_form_free(f2);
	mx_attempt_free(a);
	mx_form_free(form);
	mx_history_close(h);
}

static void test_history_list_and_last_seen(void **state)
{
	fixture *fx = *state;
	mx_history *h = open_ok(fx);
	mx_form *f1, *f2;
	mx_attempt *a1 = start(fx, h, 1, &f1), *a2 = start(fx, h, 2, &f2);
	mx_attempt_info *list;
	size_t n;
	assert_int_equal(mx_history_list(h, "tiny", &list, &n, NULL), MX_OK);
	assert_int_equal(n, 2);
	assert_int_equal(list[0].id, a2->id); /* newest first */
	free(list);
	assert_int_equal(mx_history_list(h, "other", &list, &n, NULL), MX_OK);
	assert_int_equal(n, 0);
	free(list);
	int64_t seen[16];
	assert_int_equal(mx_history_last_seen(h, fx->bank, seen, NULL), MX_OK);
	long t1 = mx_bank_find_question(fx->bank, "t1"), s1 = mx_bank_find_question(fx->bank, "s1");
	assert_int_equal(seen[t1], 0); /* text questions are never in an exam */
	assert_true(seen[s1] > 0);
	mx_attempt_free(a1);
	mx_attempt_free(a2);
	mx_form_free(f1);
	mx_form_free(f2);
	mx_history_close(h);
}

static void write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fwrite(data, 1, len, f);
	fclose(f);
}

static void test_history_refuses_a_corrupt_file(void **state)
{
	fixture *fx = *state;
	mx_history_close(open_ok(fx));
	char junk[8192];
	memset(junk, 'x', sizeof junk);
	write_file(fx->path, junk, sizeof junk);
	const char *msg = open_fails(fx);
	assert_non_null(strstr(msg, "not a history database, nor any SQLite database"));
	/* nothing was written over it */
	FILE *f = fopen(fx->path, "rb");
	char back[8192];
	assert_int_equal(fread(back, 1, sizeof back, f), sizeof back);
	fclose(f);
	assert_memory_equal(back, junk, sizeof junk);
}

static void test_history_refuses_another_programs_database(void **state)
{
	fixture *fx = *state;
	mx_history_close(open_ok(fx));
	unlink(fx->path);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(fx->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE bookmarks (url TEXT)", 0, 0, 0), SQLITE_OK);
	sqlite3_close(db);
	assert_non_null(strstr(open_fails(fx), "an SQLite database of another program"));
}

static void test_history_calls_a_damaged_database_damaged(void **state)
{
	fixture *fx = *state;
	mx_history_close(open_ok(fx));
	unlink(fx->path);
	char junk[4096];
	memset(junk, 'x', sizeof junk);
	memcpy(junk, "SQLite format 3", 16); /* the header, then garbage */
	write_file(fx->path, junk, sizeof junk);
	assert_non_null(strstr(open_fails(fx), "the history database is damaged"));
}

static void test_history_makes_an_empty_file_private(void **state)
{
	fixture *fx = *state;
	mx_history_close(open_ok(fx));
	unlink(fx->path);
	write_file(fx->path, "", 0);
	chmod(fx->path, 0644);
	mx_history_close(open_ok(fx));
	struct stat sb;
	assert_int_equal(stat(fx->path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
}

/* A hand-edited row is refused with what is wrong in it, never used. */
static void test_history_refuses_impossible_values(void **state)
{
	static const struct {
		const char *sql, *what;
	} cases[] = {
	    {"UPDATE attempts SET questions = -5", "its number of questions"},
	    {"UPDATE attempts SET elapsed_ms = 9223372036854775000", "its time used"},
	    {"UPDATE attempts SET current = 99", "its current question"},
	    {"UPDATE attempts SET limit_ms = -1", "its time limit"},
	    {"UPDATE attempts SET started = 9223372036854775807", "its start time"},
	};
	fixture *fx = *state;
	for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
		unlink(fx->path);
		mx_history *h = open_ok(fx);
		mx_form *form;
		mx_attempt *a = start(fx, h, 11, &form);
		mx_attempt_free(a);
		mx_form_free(form);
		sqlite3 *db;
		assert_int_equal(sqlite3_open(fx->path, &db), SQLITE_OK);
		assert_int_equal(sqlite3_exec(db, cases[c].sql, 0, 0, 0), SQLITE_OK);
		sqlite3_close(db);
		mx_attempt_info info, *list = NULL;
		size_t n;
		mx_error err;
		assert_int_equal(mx_history_get(h, 0, &info, &err), MX_ERR_DATABASE);
		assert_non_null(strstr(err.message, cases[c].what));
		assert_int_equal(mx_history_list(h, NULL, &list, &n, &err), MX_ERR_DATABASE);
		assert_null(list);
		assert_non_null(strstr(err.message, "the history is damaged: attempt 1"));
		mx_history_close(h);
	}
}

static void test_history_refuses_a_newer_schema(void **state)
{
	fixture *fx = *state;
	mx_history_close(open_ok(fx));
	sqlite3 *db;
	assert_int_equal(sqlite3_open(fx->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", 0, 0, 0), SQLITE_OK);
	sqlite3_close(db);
	char want[160];
	snprintf(want, sizeof want,
		 "written by a newer mockexam (schema 99; this one reads up to %d); upgrade "
		 "mockexam or choose another file with --db",
		 MX_HISTORY_SCHEMA);
	assert_string_equal(open_fails(fx), want);
}

/* A resumed drill keeps which answers were checked: an answer built a choice at a time and
 * left before its check can still change. */
static void test_history_resumed_drill_keeps_its_checked_answers(void **state)
{
	fixture *fx = *state;
	mx_history *h = open_ok(fx);
	mx_form_spec spec = {.seed = 5};
	mx_diags d;
	mx_diags_init(&d);
	mx_form *form;
	assert_int_equal(mx_form_build(fx->bank, &spec, &d, &form), MX_OK);
	mx_diags_free(&d);
	mx_attempt *a = NULL;
	assert_int_equal(mx_attempt_new(form, 0, &a), MX_OK);
	assert_int_equal(mx_history_start(h, a, "drill", NULL), MX_OK);
	answer(a, 0, a->form->items[0].norder ? "A" : "text");
	assert_int_equal(mx_attempt_check(a, 0, NULL), MX_OK);
	answer(a, 1, a->form->items[1].norder ? "A" : "text"); /* not checked */
	long id = a->id;
	mx_attempt_free(a);
	mx_attempt_info info;
	assert_int_equal(mx_history_get(h, id, &info, NULL), MX_OK);
	mx_form *f2;
	mx_attempt *b;
	assert_int_equal(mx_history_resume(h, fx->bank, &info, &f2, &b, NULL), MX_OK);
	assert_true(b->drill);
	assert_true(mx_attempt_locked(b, 0));
	assert_true(b->items[1].response.answered);
	assert_false(mx_attempt_locked(b, 1));
	mx_attempt_free(b);
	mx_form_free(f2);
	mx_form_free(form);
	mx_history_close(h);
}

/* The schema-1 layout, as the first mockexam wrote it, with one attempt in it. */
static const char schema1[] =
    "CREATE TABLE attempts (id INTEGER PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN "
    "('exam', 'drill')), exam TEXT NOT NULL, bank_hash TEXT NOT NULL, seed INTEGER NOT NULL, "
    "questions INTEGER NOT NULL, pretest INTEGER NOT NULL, limit_ms INTEGER NOT NULL, "
    "elapsed_ms INTEGER NOT NULL DEFAULT 0, started INTEGER NOT NULL, finished INTEGER, "
    "answered INTEGER, scored INTEGER, correct INTEGER, scaled_score INTEGER, passed INTEGER);"
    "CREATE INDEX attempts_exam ON attempts (exam, started);"
    "CREATE TABLE items (attempt_id INTEGER NOT NULL REFERENCES attempts (id) ON DELETE "
    "CASCADE, position INTEGER NOT NULL, question_id TEXT NOT NULL, question_hash TEXT NOT "
    "NULL, domain INTEGER NOT NULL, task TEXT, choice_order TEXT NOT NULL, scored INTEGER NOT "
    "NULL, response TEXT, credit INTEGER NOT NULL DEFAULT 0, flagged INTEGER NOT NULL DEFAULT "
    "0, spent_ms INTEGER NOT NULL DEFAULT 0, answered_at INTEGER, PRIMARY KEY (attempt_id, "
    "position));"
    "INSERT INTO attempts VALUES (1, 'exam', 'tiny', '0', 5, 1, 0, 60000, 1234, 1700000000, "
    "NULL, NULL, NULL, NULL, NULL, NULL);"
    "INSERT INTO items VALUES (1, 0, 's1', 'x', 1, '1.1', '3210', 1, 'B', 1, 1, 1234, "
    "1700000001);"
    "PRAGMA application_id = 1297630513; PRAGMA user_version = 1;";

/* Replaces the fixture's history with a schema-1 file written by hand. */
static sqlite3 *old_history(fixture *fx)
{
	mx_history_close(open_ok(fx)); /* its directory */
	unlink(fx->path);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(fx->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, schema1, 0, 0, 0), SQLITE_OK);
	return db;
}

static void test_history_migrates_schema_1(void **state)
{
	fixture *fx = *state;
	sqlite3 *db = old_history(fx);
	sqlite3_close(db);

	mx_history *h = open_ok(fx);
	mx_attempt_info info;
	assert_int_equal(mx_history_get(h, 1, &info, NULL), MX_OK);
	assert_int_equal(info.elapsed_ms, 1234);
	assert_int_equal(info.current, 0); /* the column schema 2 added, at its default */
	mx_form *f;
	mx_attempt *a;
	assert_int_equal(mx_history_resume(h, fx->bank, &info, &f, &a, NULL), MX_OK);
	assert_int_equal(f->n, 1);
	assert_true(a->items[0].response.answered);
	assert_true(a->items[0].flagged);
	assert_int_equal(f->items[0].order[0], 3); /* the saved choice order, D first */
	mx_attempt_free(a);
	mx_form_free(f);
	mx_history_close(h);
	assert_int_equal(sqlite3_open(fx->path, &db), SQLITE_OK);
	sqlite3_stmt *st;
	sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), MX_HISTORY_SCHEMA);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* The rows of a query, one line each, columns joined by '|' (as the sqlite3 shell). */
static char *rows(const char *path, const char *sql)
{
	static char out[4096];
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	out[0] = '\0';
	size_t len = 0;
	while (sqlite3_step(st) == SQLITE_ROW)
		for (int c = 0; c < sqlite3_column_count(st); c++) {
			const unsigned char *t = sqlite3_column_text(st, c);
			len += (size_t)snprintf(out + len, sizeof out - len, "%s%s",
						t ? (const char *)t : "",
						c + 1 < sqlite3_column_count(st) ? "|" : "\n");
			assert_true(len < sizeof out);
		}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return out;
}

/*
 * Schema 2 to 3: items keep every value, in storage order (the walk reads them so), and
 * name their question by a row of questions: one per version met, per exam.  Here two
 * exams ask a question of the same id, one asks it in two versions, one has no task.
 */
static void test_history_migrates_schema_2(void **state)
{
	fixture *fx = *state;
	sqlite3 *db = old_history(fx);
	assert_int_equal(
	    sqlite3_exec(
		db,
		"ALTER TABLE attempts ADD COLUMN current INTEGER NOT NULL DEFAULT 0;"
		"ALTER TABLE attempts ADD COLUMN bank_dir TEXT;"
		"ALTER TABLE items ADD COLUMN struck INTEGER NOT NULL DEFAULT 0;"
		"CREATE INDEX items_question ON items (question_id);"
		"INSERT INTO attempts VALUES (2, 'drill', 'other', '0', 7, 3, 0, 0, 0, 1700000100,"
		" 1700000200, 3, 3, 1, 0, 0, 0, NULL);"
		"INSERT INTO items VALUES (2, 2, 's1', 'y', 1, '1.1', '10', 1, NULL, 0, 0, 5, "
		"NULL, 0);"
		"INSERT INTO items VALUES (2, 0, 's1', 'x', 2, NULL, '01', 1, 'A', 1, 0, 6, 9, 2);"
		"INSERT INTO items VALUES (2, 1, 's1', 'x', 1, '1.1', '10', 0, 'B', 0, 1, 7, 9, 0);"
		"PRAGMA user_version = 2;",
		0, 0, 0),
	    SQLITE_OK);
	sqlite3_close(db);
#define BY_STORAGE(from)                                                                           \
	"SELECT attempt_id, position, question_id, question_hash, domain, task, choice_order, "    \
	"scored, response, credit, flagged, spent_ms, answered_at, struck FROM " from              \
	" ORDER BY rowid"
	char before[4096];
	snprintf(before, sizeof before, "%s", rows(fx->path, BY_STORAGE("items")));

	mx_history_close(open_ok(fx));
	assert_string_equal(rows(fx->path, BY_STORAGE("(SELECT i.rowid AS rowid, r.* FROM items i "
						      "JOIN responses r ON r.attempt_id = "
						      "i.attempt_id AND r.position = i.position)")),
			    before);
#undef BY_STORAGE
	assert_string_equal(
	    rows(fx->path, "SELECT exam, question_id, question_hash, domain, "
			   "ifnull(task, '-') FROM questions ORDER BY id"),
	    "tiny|s1|x|1|1.1\nother|s1|y|1|1.1\nother|s1|x|2|-\nother|s1|x|1|1.1\n");
	assert_string_equal(rows(fx->path, "SELECT count(*) FROM sqlite_master WHERE name IN "
					   "('items_2', 'items_question')"),
			    "0\n");
	/* a drill's saved answers had their feedback shown: checked; an exam's are not */
	assert_string_equal(rows(fx->path, "SELECT attempt_id, position, checked FROM items "
					   "ORDER BY rowid"),
			    "1|0|0\n2|2|0\n2|0|1\n2|1|1\n");
	/* the old table's pages were given back */
	assert_string_equal(rows(fx->path, "PRAGMA freelist_count"), "0\n");
	/* and the history goes on: the resumed attempt reads its question through its row */
	mx_history *h = open_ok(fx);
	mx_attempt_info info;
	assert_int_equal(mx_history_get(h, 1, &info, NULL), MX_OK);
	mx_form *f;
	mx_attempt *a;
	assert_int_equal(mx_history_resume(h, fx->bank, &info, &f, &a, NULL), MX_OK);
	assert_string_equal(mx_bank_question(fx->bank, f->items[0].question)->id, "s1");
	mx_attempt_free(a);
	mx_form_free(f);
	mx_history_close(h);
}

/* Two processes answer at once on one database; every answer of both must be there. */
static void test_history_two_writers(void **state)
{
	fixture *fx = *state;
	mx_history_close(open_ok(fx));
	enum { ROUNDS = 60 };
	pid_t kids[2];
	for (int k = 0; k < 2; k++) {
		kids[k] = fork();
		if (kids[k] == 0) {
			mx_history *h = NULL;
			mx_diags d;
			mx_diags_init(&d);
			if (mx_history_open(fx->path, &h, NULL) != MX_OK)
				_exit(2);
			mx_form_spec spec = {.seed = (uint64_t)k};
			mx_form *f = NULL;
			mx_attempt *a = NULL;
			if (mx_form_build(fx->bank, &spec, &d, &f) != MX_OK ||
			    mx_attempt_new(f, 0, &a) != MX_OK ||
			    mx_history_start(h, a, "exam", NULL) != MX_OK)
				_exit(3);
			for (int r = 0; r < ROUNDS; r++)
				if (mx_attempt_flag(a, (size_t)r % f->n, r % 2, NULL) != MX_OK)
					_exit(4);
			_exit(0);
		}
	}
	for (int k = 0; k < 2; k++) {
		int status;
		assert_int_equal(waitpid(kids[k], &status, 0), kids[k]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	mx_history *h = open_ok(fx);
	mx_attempt_info *list;
	size_t n;
	assert_int_equal(mx_history_list(h, "tiny", &list, &n, NULL), MX_OK);
	assert_int_equal(n, 2);
	free(list);
	mx_history_close(h);
}

/* Several processes open the same new history at the same moment: each must get it (the
 * switch to write-ahead logging waits for the others rather than fail). */
static void test_history_created_by_many_at_once(void **state)
{
	fixture *fx = *state;
	enum { KIDS = 16, ROUNDS = 20 };
	for (int round = 0; round < ROUNDS; round++) {
		char path[160];
		snprintf(path, sizeof path, "%s/new-%d.db", fx->dir, round);
		int go[2];
		assert_int_equal(pipe(go), 0);
		pid_t kids[KIDS];
		for (int k = 0; k < KIDS; k++) {
			kids[k] = fork();
			if (kids[k] == 0) {
				char c;
				close(go[1]);
				if (read(go[0], &c, 1) != 0) /* all start when the pipe closes */
					_exit(5);
				mx_history *h = NULL;
				mx_error err;
				if (mx_history_open(path, &h, &err) != MX_OK) {
					fprintf(stderr, "%s: %s\n", err.file, err.message);
					_exit(2);
				}
				mx_history_close(h);
				_exit(0);
			}
		}
		close(go[0]);
		close(go[1]);
		for (int k = 0; k < KIDS; k++) {
			int status;
			assert_int_equal(waitpid(kids[k], &status, 0), kids[k]);
			assert_true(WIFEXITED(status));
			assert_int_equal(WEXITSTATUS(status), 0);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_history_creates_private_files, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_history_resume_restores_everything, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_history_list_and_last_seen, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_history_refuses_a_corrupt_file, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_history_refuses_another_programs_database, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_history_refuses_a_newer_schema, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_history_calls_a_damaged_database_damaged, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_history_makes_an_empty_file_private, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_history_refuses_impossible_values, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_history_resumed_drill_keeps_its_checked_answers,
					    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_history_migrates_schema_1, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_history_migrates_schema_2, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_history_two_writers, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_history_created_by_many_at_once, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
