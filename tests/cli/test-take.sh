#!/bin/bash
# take, resume and history in plain mode, through pipes: answering, commands, end of
# input and resume, time running out, a kill -9 in the middle of an exam, fresh
# questions, and the history database refusing what it must refuse.
. "$(dirname "$0")/lib.sh"
need sqlite3 jq
export MOCKEXAM_DB="$TMP/history.db"
TINY=tests/data/good/tiny
q() { sqlite3 "$MOCKEXAM_DB" "$1"; }
# Time comes from the test clock: it stands still unless a test moves it, so every time
# shown is exact and nothing waits for time to pass.
use_test_clock

# start_exam ARGS...: runs mockexam ARGS in the background, reading its input from a
# FIFO that send writes to; its output goes to $TMP/out, its process id to $pid.
start_exam() {
	rm -f "$TMP/fifo"
	mkfifo "$TMP/fifo"
	"$MOCKEXAM" "$@" <"$TMP/fifo" >"$TMP/out" 2>"$TMP/err" &
	pid=$!
	exec 7>"$TMP/fifo"
}

# send LINE...: types each line into the exam start_exam began.
send() { printf '%s\n' "$@" >&7; }

# end_exam: ends the input and waits for mockexam to exit (30 s at most: then it is
# killed); its exit status goes to $status.
end_exam() {
	exec 7>&-
	for _ in $(seq 600); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.05
	done
	kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
	wait "$pid"
	status=$?
}

# ---- a whole exam through a pipe ----
# seed 7 shows: 1 s3 (C = spreadsheet), 2 s2 (C = three), 3 s1 (B), 4 x1 (1A 2B 3C),
# 5 m1 (C D), 6 o1 (C A B): all right but question 2, left unanswered.
printf 'C\n\n:flag\nb\n1A 2B 3C\nd,c\nCAB\n:submit\nyes\n\n' >"$TMP/in"
timeout 20 "$MOCKEXAM" take "$TINY" --seed 7 <"$TMP/in" >"$TMP/out" 2>"$TMP/err"
status=$?
check_status "take a whole exam" 0 && check_grep "take a whole exam" out "Result: +PASS" &&
	check_grep "take a whole exam" out "Scaled score: +850 " &&
	check_grep "take a whole exam" out "5 of 6 scored questions correct" && ok "take a whole exam"
check_grep "flag is saved" out "Question 3 flagged for review" &&
	[ "$(q "SELECT flagged FROM items WHERE attempt_id = 1 AND position = 2")" = 1 ] && ok "flag is saved"
[ "$(q "SELECT response FROM items WHERE attempt_id = 1 ORDER BY position" | tr '\n' ' ')" = "B  B 1:C,2:A,3:B B,D B,C,A " ] &&
	ok "responses saved in bank keys" || fail "responses saved in bank keys" "$(q "SELECT response FROM items")"
[ "$(q "SELECT scaled_score, passed, correct FROM attempts WHERE id = 1")" = "850|1|5" ] &&
	ok "result recorded" || fail "result recorded" "$(q "SELECT * FROM attempts")"
[ "$(stat -c %a "$MOCKEXAM_DB")" = 600 ] && ok "database is private" || fail "database is private"

# take --seed gives exactly the form build gives
"$MOCKEXAM" build "$TINY" --seed 7 --json | jq -r '.questions[].id' >"$TMP/built"
q "SELECT question_id FROM responses WHERE attempt_id = 1 ORDER BY position" >"$TMP/taken"
cmp -s "$TMP/built" "$TMP/taken" && ok "take --seed is build's form" ||
	fail "take --seed is build's form" "$(paste "$TMP/built" "$TMP/taken")"

# ---- answers the exam refuses ----
printf 'AB\nQ\n:goto 9\n:frob\n:quit\n' | timeout 20 "$MOCKEXAM" take "$TINY" --seed 7 >"$TMP/out" 2>"$TMP/err"
status=$?
check_status "bad answers" 0 && check_grep "bad answers" out "Choose one letter\." &&
	check_grep "bad answers" out "'Q' is not a choice here: type letters from A to C\." &&
	check_grep "bad answers" out "Give a question number from 1 to 6" &&
	check_grep "bad answers" out "Unknown command ':frob'" &&
	check_grep "bad answers" out "Continue with: mockexam resume 2" && ok "bad answers"

# ---- end of input, then resume ----
printf 'C\nC\n' | timeout 20 "$MOCKEXAM" take "$TINY" --seed 7 --untimed >"$TMP/out" 2>"$TMP/err"
status=$?
check_status "end of input saves" 0 && check_grep "end of input saves" out "Continue with: mockexam resume 3" &&
	ok "end of input saves"
printf ':review\n:submit\nyes\n\n' | timeout 20 "$MOCKEXAM" resume >"$TMP/out" 2>"$TMP/err"
status=$?
check_status "resume" 0 && check_grep "resume" out "Attempt 3, seed 7, resumed" &&
	check_grep "resume" out "^   1  answered +C$" && check_grep "resume" out "^   2  answered +C$" &&
	check_grep "resume" out "^   3  unanswered" && check_grep "resume" out "Result: +FAIL" &&
	check_grep "resume" out "Untimed" && ok "resume"
run resume 3
check_status "resume a finished attempt" 1 &&
	check_grep "resume a finished attempt" err "attempt 3 is finished" && ok "resume a finished attempt"
run resume 2
check_status "resume by number" 0 && check_grep "resume by number" out "Attempt 2, seed 7, resumed" &&
	ok "resume by number"

# ---- time runs out ----
# A 3-second exam: at 2.999 s one second is left (a second begun counts); at 3 s the exam
# is submitted while it waits for a line, with nothing typed.
t="time runs out"
set_clock 0
start_exam take "$TINY" --seed 7 --minutes 0.05
wait_for "$t" "$TMP/out" "^Question 1 of 6  \(0 answered, 0:03 left\)$" && set_clock 2999 &&
	send :time && wait_for "$t" "$TMP/out" "^0:01 left\.$" && set_clock 3000 &&
	wait_for "$t" "$TMP/out" "^Time is up\. The exam has been submitted\.$"
steps=$?
end_exam
id=$(q "SELECT max(id) FROM attempts")
[ "$steps" = 0 ] && check_status "$t" 0 && check_grep "$t" out "Result: +FAIL" &&
	check_eq "$t" "$(q "SELECT elapsed_ms, finished IS NOT NULL FROM attempts WHERE id = $id")" "3000|1" &&
	ok "$t"

# The warnings come at exactly 15 and 5 minutes left, once each, while the exam waits.
t="15- and 5-minute warnings"
warnings() { grep -c "^\*\*\* $1 minutes left\. \*\*\*$" "$TMP/out"; }
set_clock 0
start_exam take "$TINY" --seed 7 --minutes 15.02 --plain
wait_for "$t" "$TMP/out" "^Question 1 of 6  \(0 answered, 15:02 left\)$" && set_clock 1199 &&
	send :time && wait_for "$t" "$TMP/out" "^15:01 left\.$" && check_eq "$t" "$(warnings 15)" 0 &&
	set_clock 1200 && wait_for "$t" "$TMP/out" "^\*\*\* 15 minutes left\. \*\*\*$" &&
	set_clock 601199 && send :time && wait_for "$t" "$TMP/out" "^5:01 left\.$" &&
	check_eq "$t" "$(warnings 5)" 0 && set_clock 601200 &&
	wait_for "$t" "$TMP/out" "^\*\*\* 5 minutes left\. \*\*\*$"
steps=$?
end_exam
[ "$steps" = 0 ] && check_status "$t" 0 && check_eq "$t" "$(warnings 15) $(warnings 5)" "1 1" &&
	ok "$t"

# ---- kill -9 in the middle of an exam ----
# The answers come 61.5 s in and are saved with the time; 5 s later the exam has counted
# that time but not saved it (the clock is saved every 10 s): the kill loses those 5 s.
t="kill -9 then resume"
set_clock 0
start_exam take "$TINY" --seed 7 --minutes 30
wait_for "$t" "$TMP/out" "^Question 1 of 6  \(0 answered, 30:00 left\)$" && set_clock 61500 &&
	send C :flag A ':strike B' B &&
	wait_for "$t" "$TMP/out" "^Question 4 of 6  \(3 answered, 28:59 left\)$" &&
	set_clock 66500 && send :show &&
	wait_for "$t" "$TMP/out" "^Question 4 of 6  \(3 answered, 28:54 left\)$"
kill -9 "$pid"
wait "$pid" 2>/dev/null
exec 7>&-
id=$(q "SELECT max(id) FROM attempts")
check_eq "time saved with the answers" "$(q "SELECT elapsed_ms FROM attempts WHERE id = $id")" 61500 &&
	ok "time saved with the answers"
printf ':review\n:time\n:goto 3\n:quit\n' | timeout 20 "$MOCKEXAM" resume "$id" >"$TMP/out" 2>"$TMP/err"
status=$?
check_status "$t" 0 &&
	check_grep "$t" out "^   1  answered +C$" &&
	check_grep "$t" out "^   2  answered +flagged +A$" &&
	check_grep "$t" out "^   3  answered +B$" &&
	check_grep "$t" out "^   4  unanswered" &&
	check_grep "$t" out "^  B\. \(struck\) The second letter$" && ok "$t"
# the time left is as at the last save, on resuming and after
check_eq "time survives the kill" "$(grep "left\.$" "$TMP/out" | tr '\n' ' ')" "28:59 left. 28:59 left. " &&
	ok "time survives the kill"

# ---- fresh questions: without --seed, unseen questions come first ----
export MOCKEXAM_DB="$TMP/fresh.db"
for _ in 1 2 3; do
	printf ':quit\n' | "$MOCKEXAM" take tests/data/good/multi >/dev/null 2>&1
done
n=$(q "SELECT count(DISTINCT question_id) FROM responses WHERE domain = 2")
[ "$n" = 9 ] && ok "fresh questions" || fail "fresh questions" "three exams saw $n of the 9 domain-2 questions"

# ---- two exams at once on one database ----
export MOCKEXAM_DB="$TMP/two.db"
flag_all() { printf ':flag\n\n%.0s' 1 2 3 4 5 6; printf ':quit\n'; }
flag_all | "$MOCKEXAM" take "$TINY" --seed 1 >"$TMP/one" 2>&1 &
flag_all | "$MOCKEXAM" take "$TINY" --seed 2 >"$TMP/two" 2>&1 &
wait
[ "$(q "SELECT count(*) FROM items WHERE flagged = 1")" = 12 ] &&
	[ "$(q "SELECT count(*) FROM attempts")" = 2 ] && ! grep -qi "error" "$TMP/one" "$TMP/two" &&
	ok "two exams at once" ||
	fail "two exams at once" "$(cat "$TMP/one" "$TMP/two" | grep -i error)"

# ---- history ----
run history --json
check_status "history --json" 0 && [ "$(jq '.attempts | length' "$TMP/out")" = 2 ] &&
	[ "$(jq -r '.attempts[0].status' "$TMP/out")" = unfinished ] && ok "history --json"
run history
check_status "history" 0 && check_grep "history" out "unfinished: mockexam resume 2" && ok "history"

# ---- databases that must be refused ----
head -c 4096 /dev/urandom >"$TMP/junk.db"
cp "$TMP/junk.db" "$TMP/junk.copy"
run take "$TINY" --db "$TMP/junk.db"
check_status "corrupt database" 3 && check_grep "corrupt database" err "junk.db: error: not a history database, nor any SQLite database \(.*\); nothing was changed in it" &&
	cmp -s "$TMP/junk.db" "$TMP/junk.copy" && ok "corrupt database"
sqlite3 "$TMP/newer.db" "PRAGMA application_id = 1297630513; PRAGMA user_version = 9; CREATE TABLE t (x);"
run history --db "$TMP/newer.db"
check_status "newer database" 3 && check_grep "newer database" err "written by a newer mockexam \(schema 9" &&
	ok "newer database"
run take "$TINY" --untimed --minutes 5
check_status "untimed with minutes" 2 && ok "untimed with minutes"
# ---- a line longer than the reader's buffer is refused whole ----
export MOCKEXAM_DB="$TMP/long.db"
{ head -c 5000 /dev/zero | tr '\0' ' '; printf 'B\n:review\n:quit\n'; } |
	timeout 20 "$MOCKEXAM" take "$TINY" --seed 7 >"$TMP/out" 2>"$TMP/err"
check_grep "overlong line" out "That line was too long to be an answer; it was ignored\." &&
	check_grep "overlong line" out "^   1  unanswered" && check_grep "overlong line" out "^   2  unanswered" &&
	ok "overlong line"

# ---- a case study keeps its lines: list items and their indented lines as written ----
export MOCKEXAM_DB="$TMP/cases.db"
printf ':quit\n' | timeout 20 "$MOCKEXAM" take tests/data/good/cases --seed 1 >"$TMP/out" 2>"$TMP/err"
check_grep "case study lists" out "^  approved three projects:$" &&
	check_grep "case study lists" out \
		"^  1\. Ticket machines at 140 stations report every sale\. The company wants to predict$" &&
	check_grep "case study lists" out \
		"^     how many passengers will enter each station in every hour of the next week, so$" &&
	check_grep "case study lists" out "^  2\. Passengers send about 9,000 emails each month\." &&
	check_grep "case study lists" out "^  The data the projects can use:$" &&
	check_grep "case study lists" out "^  - Five years of hourly station entries, with the weather of each hour and a column$" &&
	check_grep "case study lists" out "^    that marks public holidays\.$" &&
	check_grep "case study lists" out "^  - A short video clip of each platform every ten seconds\.$" &&
	ok "case study lists"
# the paragraphs around the lists are still wrapped to the width
check_grep "case study paragraphs" out "^  Northwind Rail runs commuter trains around a large city\. It carries about$" &&
	ok "case study paragraphs"


# ---- a mini mock that leaves a domain out gives it no label ----
printf ':submit\nyes\n\n' | MOCKEXAM_DB="$TMP/mini.db" timeout 20 "$MOCKEXAM" take "$TINY" --questions 1 --seed 1 --plain >"$TMP/out" 2>&1
[ "$(grep -c '0/0 .* no questions in this exam$' "$TMP/out")" = 1 ] &&
	[ "$(grep -Ec '0/0 .*(Needs improvement|Meets competencies)$' "$TMP/out")" = 0 ] &&
	ok "a domain left out has no label" || fail "a domain left out has no label" "$(grep '% of the exam' "$TMP/out")"

finish
