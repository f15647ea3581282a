#!/bin/sh
# A history this user cannot write: commands that only read (history, report, stats)
# read it and change nothing; commands that save say why they cannot.  As root, which
# may write anything, the commands run as nobody (setpriv); as anyone else, as them.
. "$(dirname "$0")/lib.sh"
need sqlite3

if [ "$(id -u)" = 0 ]; then
	need setpriv
	as_reader() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
else
	as_reader() { "$@"; }
fi
chmod 755 "$TMP" # the reader must reach what is in it
bank=tests/data/good/tiny
if ! as_reader "$MOCKEXAM" lint "$bank" >/dev/null 2>&1; then
	skip "read-only histories" "the unprivileged user cannot reach $MOCKEXAM or $ROOT"
	finish
fi

# A history with a submitted mock exam and an unfinished drill.
db="$TMP/ro/history.db"
export MOCKEXAM_DB="$db"
printf ':submit\nyes\n\n' | timeout 20 "$MOCKEXAM" take "$bank" --seed 1 --plain >/dev/null 2>&1
printf ':quit\n' | timeout 20 "$MOCKEXAM" drill "$bank" --seed 1 --plain >/dev/null 2>&1
[ "$(sqlite3 "$db" "SELECT count(*) FROM attempts")" = 2 ] || fail "the history is made" "$(sqlite3 "$db" "SELECT * FROM attempts")"
"$MOCKEXAM" history >"$TMP/history.want"
"$MOCKEXAM" report "$bank" --json >"$TMP/report.want"
cp "$db" "$TMP/copy.db"

# reading, as the reader, with the file and (in turn) its directory read-only
check_reads() { # NAME
	as_reader "$MOCKEXAM" history >"$TMP/out" 2>&1 && cmp -s "$TMP/out" "$TMP/history.want" &&
		ok "$1: history lists it" || fail "$1: history lists it" "$(cat "$TMP/out")"
	as_reader "$MOCKEXAM" report "$bank" --json >"$TMP/out" 2>&1 && cmp -s "$TMP/out" "$TMP/report.want" &&
		ok "$1: the report is the owner's" || fail "$1: the report is the owner's" "$(head -5 "$TMP/out")"
	as_reader "$MOCKEXAM" stats "$bank" >"$TMP/out" 2>&1 &&
		ok "$1: stats reads it" || fail "$1: stats reads it" "$(head -5 "$TMP/out")"
	as_reader "$MOCKEXAM" take "$bank" --seed 2 --plain </dev/null >"$TMP/out" 2>&1
	rc=$?
	[ "$rc" = 3 ] && grep -q "cannot save to it: it or its directory is read-only here" "$TMP/out" &&
		ok "$1: take says it cannot save (exit 3)" ||
		fail "$1: take says it cannot save (exit 3)" "exit $rc" "$(head -5 "$TMP/out")"
	as_reader "$MOCKEXAM" history --delete 1 --yes >"$TMP/out" 2>&1
	rc=$?
	[ "$rc" = 3 ] && ok "$1: history --delete cannot delete" ||
		fail "$1: history --delete cannot delete" "exit $rc" "$(head -5 "$TMP/out")"
	cmp -s "$db" "$TMP/copy.db" && ok "$1: nothing was written" ||
		fail "$1: nothing was written"
}

# A directory anyone may write in (sticky, as /tmp): SQLite would make -wal and -shm
# files there, the reader's, which the owner could then not write.
chmod 644 "$db"
chmod 1777 "$TMP/ro"
if [ "$(id -u)" != 0 ]; then chmod 444 "$db"; fi # as root, the reader (nobody) is not the owner
check_reads "a file the reader may not change"
[ -z "$(find "$TMP/ro" -name 'history.db-*')" ] && ok "nothing was made beside it" ||
	fail "nothing was made beside it" "$(ls -l "$TMP/ro")"

chmod 555 "$TMP/ro"
check_reads "a read-only directory"
chmod 755 "$TMP/ro"

# The owner goes on after a reader's visit (two users, so only as root).
if [ "$(id -u)" = 0 ]; then
	as_owner() { setpriv --reuid=65533 --regid=65533 --clear-groups "$@"; }
	mkdir -m 1777 "$TMP/shared"
	shared="$TMP/shared/history.db"
	printf ':quit\n' | MOCKEXAM_DB="$shared" as_owner timeout 20 "$MOCKEXAM" drill "$bank" \
		--seed 1 --plain >/dev/null 2>&1
	as_owner chmod 644 "$shared"
	MOCKEXAM_DB="$shared" as_reader "$MOCKEXAM" history >"$TMP/out" 2>&1 &&
		ok "another user's history is read" || fail "another user's history is read" "$(cat "$TMP/out")"
	printf ':quit\n' | MOCKEXAM_DB="$shared" as_owner timeout 20 "$MOCKEXAM" drill "$bank" \
		--seed 2 --plain >"$TMP/out" 2>&1
	rc=$?
	[ "$rc" = 0 ] && [ "$(sqlite3 "$shared" "SELECT count(*) FROM attempts")" = 2 ] &&
		ok "its owner saves to it after the reader's visit" ||
		fail "its owner saves to it after the reader's visit" "exit $rc" "$(cat "$TMP/out")"
else
	skip "the owner after a reader's visit" "needs two users: runs as root"
fi

# An empty file a reader cannot write has no history yet: it says so.
: >"$TMP/ro/empty.db"
chmod 444 "$TMP/ro/empty.db"
chmod 555 "$TMP/ro"
MOCKEXAM_DB="$TMP/ro/empty.db" as_reader "$MOCKEXAM" history >"$TMP/out" 2>&1
rc=$?
[ "$rc" = 3 ] && grep -q "an empty file, read-only here: no history has been saved in it yet" "$TMP/out" &&
	ok "an empty read-only file" || fail "an empty read-only file" "exit $rc" "$(cat "$TMP/out")"
chmod 755 "$TMP/ro"

# An older history in a read-only place cannot be brought up to date: it says so.
old="$TMP/ro/old.db"
sqlite3 "$old" "CREATE TABLE attempts (id INTEGER PRIMARY KEY, kind TEXT NOT NULL,
	exam TEXT NOT NULL, bank_hash TEXT NOT NULL, seed INTEGER NOT NULL,
	questions INTEGER NOT NULL, pretest INTEGER NOT NULL, limit_ms INTEGER NOT NULL,
	elapsed_ms INTEGER NOT NULL DEFAULT 0, started INTEGER NOT NULL, finished INTEGER,
	answered INTEGER, scored INTEGER, correct INTEGER, scaled_score INTEGER,
	passed INTEGER); PRAGMA application_id = 1297630513; PRAGMA user_version = 1;"
chmod 444 "$old"
chmod 555 "$TMP/ro"
MOCKEXAM_DB="$old" as_reader "$MOCKEXAM" history >"$TMP/out" 2>&1
rc=$?
[ "$rc" = 3 ] && grep -q "written by an older mockexam (schema 1) and read-only here" "$TMP/out" &&
	ok "an older read-only history: why it cannot be read" ||
	fail "an older read-only history: why it cannot be read" "exit $rc" "$(cat "$TMP/out")"
chmod 755 "$TMP/ro"

finish
