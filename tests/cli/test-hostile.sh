#!/bin/bash
# Inputs that cannot live in git as they are: a FIFO, a symbolic-link loop, a device,
# a dangling link.  Each must give a clear error promptly (run() kills after 20 s).
. "$(dirname "$0")/lib.sh"

bank="$TMP/bank"
fresh_bank() {
	rm -rf "$bank"
	mkdir -p "$bank/questions"
	cp tests/data/good/tiny/exam.yaml "$bank/"
}

fresh_bank
mkfifo "$bank/questions/pipe.yaml"
run lint "$bank"
check_status "fifo" 1 && check_grep "fifo" err "questions/pipe.yaml:1:1: error: not a regular file$" && ok "fifo"

fresh_bank
ln -s .. "$bank/questions/loop"
run lint "$bank"
check_status "symlink loop" 1 &&
	check_grep "symlink loop" err "questions/loop: error: directory loop" && ok "symlink loop"

fresh_bank
ln -s /dev/zero "$bank/questions/zero.yaml"
run lint "$bank"
check_status "device" 1 && check_grep "device" err "zero.yaml:1:1: error: not a regular file" &&
	ok "device"

fresh_bank
ln -s "$bank/missing.yaml" "$bank/questions/dangling.yaml"
run lint "$bank"
check_status "dangling link" 1 &&
	check_grep "dangling link" err "dangling.yaml: error: cannot read: No such file" && ok "dangling link"

fresh_bank
ln -s ../exam.yaml "$bank/questions/linked.yaml"
run lint "$bank"
check_status "linked file is read" 1 &&
	check_grep "linked file is read" err "duplicate question id 's1'" && ok "linked file is read"

# A link to a directory outside the bank is not followed (it could be /).
fresh_bank
ln -s / "$bank/questions/everything"
run lint "$bank"
check_status "link out of the bank" 1 &&
	check_grep "link out of the bank" err "questions/everything: error: symbolic link to a directory outside the bank; not followed" &&
	ok "link out of the bank"
# ...but one inside it is.
fresh_bank
mkdir -p "$bank/real"
cp tests/data/good/tiny/exam.yaml "$bank/real/more.yaml"
ln -s ../real "$bank/questions/alias"
run lint "$bank"
check_grep "link inside the bank" err "questions/alias/more.yaml.*duplicate question id 's1'" && ok "link inside the bank"

# A file far over the limit is refused without reading it.
fresh_bank
head -c 20000000 /dev/zero | tr '\0' 'a' >"$bank/questions/huge.yaml"
run lint "$bank"
check_status "huge file" 1 &&
	check_grep "huge file" err "huge.yaml:1:1: error: file is 20000000 bytes, over the limit of 16777216" &&
	ok "huge file"

# Ten thousand nested flow lists stop at the depth limit.
fresh_bank
{ printf 'questions: '; head -c 10000 /dev/zero | tr '\0' '['; } >"$bank/questions/deep.yaml"
run lint "$bank"
check_status "deep nesting" 1 && check_grep "deep nesting" err "nesting deeper than 32 levels" &&
	ok "deep nesting"

# A billion-laughs style file needs aliases, which are refused at the first one.
fresh_bank
printf 'questions:\n  - &a [x, x]\n  - [*a, *a]\n' >"$bank/questions/laughs.yaml"
run lint "$bank"
check_status "aliases" 1 && check_grep "aliases" err "anchors are not allowed \(&a\)" && ok "aliases"

# An unreadable file is an operating-system failure, not a data error.
if [ "$(id -u)" -ne 0 ]; then
	fresh_bank
	cp tests/data/good/tiny/exam.yaml "$bank/questions/locked.yaml"
	chmod 000 "$bank/questions/locked.yaml"
	run lint "$bank"
	check_status "unreadable file" 3 && ok "unreadable file"
fi
# ---- output that cannot be written is a failure (exit 3), for every command ----
export MOCKEXAM_DB="$TMP/full.db"
printf 'B\n:submit\nyes\n\n' | timeout 20 "$MOCKEXAM" take tests/data/good/tiny --seed 7 >/dev/null 2>&1
for args in "list" "lint --summary tests/data/good/tiny" "build tests/data/good/tiny --seed 7" \
	"build tests/data/good/tiny --seed 7 --json" "history" "history --json" "report tiny --banks tests/data/good" \
	"report tiny --csv --banks tests/data/good" "stats tests/data/good/tiny" "--help" "--version"; do
	# shellcheck disable=SC2086
	timeout 20 "$MOCKEXAM" $args >/dev/full 2>"$TMP/err" </dev/null
	status=$?
	check_status "$args > /dev/full" 3 &&
		check_grep "$args > /dev/full" err "^mockexam: cannot write the output: " &&
		ok "$args > /dev/full"
done
# shellcheck disable=SC2086
timeout 20 "$MOCKEXAM" grade tests/data/good/tiny --answers tests/data/sheets/tiny-half.yaml >/dev/full 2>"$TMP/err" </dev/null
status=$?
check_status "grade > /dev/full" 3 && ok "grade > /dev/full"
unset MOCKEXAM_DB
# ---- SIGINT, SIGTERM, SIGHUP: the clock saved, exit 128 + the signal, resumable ----
export MOCKEXAM_DB="$TMP/signals.db"
for sig in INT TERM HUP; do
	rm -f "$TMP/fifo"
	mkfifo "$TMP/fifo"
	"$MOCKEXAM" take tests/data/good/tiny --seed 7 <"$TMP/fifo" >"$TMP/out" 2>"$TMP/err" &
	pid=$!
	exec 7>"$TMP/fifo"
	printf 'C\n' >&7
	for _ in $(seq 300); do grep -q "Question 2 of 6" "$TMP/out" && break; sleep 0.1; done
	kill -s "$sig" "$pid"
	wait "$pid"
	status=$?
	exec 7>&-
	want=$((128 + $(kill -l "$sig")))
	check_status "SIG$sig" "$want" &&
		check_grep "SIG$sig" err "stopped by signal [0-9]+; your answers are saved" &&
		ok "SIG$sig stops the exam, saved"
done
id=$(sqlite3 "$MOCKEXAM_DB" "SELECT max(id) FROM attempts")
printf ':review\n:quit\n' | timeout 20 "$MOCKEXAM" resume "$id" >"$TMP/out" 2>&1
status=$?
check_status "resume after a signal" 0 && check_grep "resume after a signal" out "^   1  answered +C$" &&
	ok "resume after a signal"
unset MOCKEXAM_DB
finish
