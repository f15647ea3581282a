#!/bin/bash
# The full-screen exam, driven through tmux (lib.sh): send-keys types, capture-pane reads
# the screen.  Each check waits (a few seconds at most) for the text to appear, so timing
# never decides a result; only a screen that never shows it fails.
# Usage: test-screen.sh MOCKEXAM SOURCE_ROOT
. "$(dirname "$0")/../cli/lib.sh"
need tmux sqlite3 pgrep
export MOCKEXAM_DB="$TMP/history.db"
# The screen reads the time from the test clock (lib.sh): it stands still unless a test
# moves it, so the time shown is exact and no test waits for time to pass.
use_test_clock
TINY=tests/data/good/tiny
. "$ROOT/tests/tui/lib.sh"

# ---- answering every type, flags, strike ----
# seed 7 shows: 1 s3 (C), 2 s2 (C), 3 s1 (B), 4 x1 (1A 2B 3C), 5 m1 (C D), 6 o1 (C A B)
start take "$TINY" --seed 7 &&
	screen_has "first question" "Where does the shop keep its sales\?" &&
	screen_has "header" "tiny  Question 1 of 6  Answered 0  Flagged 0 +Time left 12:00" &&
	ok "first question"
keys c
screen_has "single choice" "\(\*\) C\. A spreadsheet" && ok "single choice"
keys n m
screen_has "flag" "\[Flagged for review\]" && screen_has "flag" "Flagged 1" && ok "flag"
keys Down x
screen_has "strike" "B\. two \(struck out\)" && ok "strike"
keys n b n
screen_has "matching shown" "1\. \[_\] cat" && keys a b c &&
	screen_has "matching" "3\. \[C\] cow" && screen_has "matching" "2\. \[B\] dog" && ok "matching"
keys n c d
screen_has "multiple" "\[x\] C\. four" && screen_has "multiple" "\[x\] D\. two" &&
	screen_has "multiple" "\(Select TWO\.\) Chosen 2 of 2$" && ok "multiple"
keys n c a b
screen_has "ordering" "\[1\] C\. one" && screen_has "ordering" "\[3\] B\. three" && ok "ordering"
keys BSpace
screen_has "ordering take back" "\[ \] B\. three" && keys b && ok "ordering take back"

# ---- review screen, filters, opening a question, go to ----
keys r
screen_has "review" "Review: 5 answered, 1 unanswered, 1 flagged" &&
	screen_has "review" "^ +2 +Unanswered +Flagged" && ok "review"
keys u
screen_has "review filter" "Showing unanswered" && screen_has "review filter" "^ +2 +Unanswered" &&
	ok "review filter"
keys a m
screen_has "review flagged" "Showing flagged" && keys Enter &&
	screen_has "open from review" "Question 2 of 6" && ok "open from review"
keys j 5 Enter
screen_has "go to" "Question 5 of 6" && screen_has "go to" "Which two are even\?" && ok "go to"
keys '?'
screen_has "help" "flag the question for review" && keys Escape && screen_has "help closes" "Question 5 of 6" &&
	ok "help"

# ---- resize: the screen is drawn again at the new size ----
tmux resize-window -t "$S" -x 100 -y 30
screen_has "resize" "^ tiny  Question 5 of 6 .{40,} Time left" && ok "resize"
tmux resize-window -t "$S" -x 80 -y 24

# ---- submit with confirmation; results; the answer review ----
keys s
screen_has "submit asks" "Submit the exam\? 1 unanswered, 1 flagged\. \[y/N\]" && keys n &&
	screen_has "submit declined" "Question 5 of 6" && ok "submit asks"
keys s y
screen_has "results" "Result: +PASS" && screen_has "results" "Scaled score: +850" &&
	screen_has "results" "Needs improvement|Meets competencies" &&
	screen_has "results" "compensatory" && ok "results"
keys w
screen_has "wrong only" "Question 2 of 6 \(s2\): unanswered, flagged" &&
	screen_has "wrong only" "Correct answer: C" && screen_has "wrong only" "Your answer: +\(none\)" &&
	screen_pair "wrong only" "^ +C\. \[correct\] three$" "^ +The scenario says three\.$" &&
	ok "wrong only"
keys v n n
# s1's options are shuffled under seed 7: each reason stands beside its own option
screen_has "answer review" "Question 3 of 6 \(s1\): correct" &&
	screen_pair "answer review" "^ +A\. The third letter$" "^ +The third letter comes third\.$" &&
	screen_pair "answer review" "^ +B\. \[correct, your answer\] The second letter$" \
		"^ +The second letter comes second\.$" &&
	screen_pair "answer review" "^ +C\. The first letter$" "^ +The first letter comes first\.$" &&
	ok "answer review"
keys Escape q
for _ in $(seq 300); do [ -s "$TMP/status" ] && break; sleep 0.1; done
[ "$(cat "$TMP/status" 2>/dev/null)" = 0 ] && ok "exits after results" || fail "exits after results"
[ "$(sqlite3 "$MOCKEXAM_DB" "SELECT scaled_score FROM attempts WHERE id = 1")" = 850 ] &&
	ok "result recorded" || fail "result recorded"

# ---- quit and resume on the screen ----
start take "$TINY" --seed 7
keys c n
screen_has "answered before quit" "Answered 1" && keys q y
for _ in $(seq 300); do [ -s "$TMP/status" ] && break; sleep 0.1; done
screen_has "quit" "Continue with: mockexam resume 2" && ok "quit"
start resume
screen_has "resume on the screen" "Question 2 of 6  Answered 1" &&
	screen_has "resume on the screen" "Resumed where you stopped" && ok "resume on the screen"

# ---- kill -9 while on the screen; nothing answered is lost ----
keys m n b
screen_has "before kill" "\(\*\) B\. The second letter"
# the pane runs sh, which runs mockexam: kill that child, and only it
pane=$(tmux display-message -p -t "$S" '#{pane_pid}')
pid=$(pgrep -P "$pane" mockexam)
kill -9 "$pid"
while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
printf ':review\n:quit\n' | timeout 20 "$MOCKEXAM" resume 2 --plain >"$TMP/out" 2>&1
grep -Eq "^   1  answered +C$" "$TMP/out" && grep -Eq "^   2  unanswered flagged" "$TMP/out" &&
	grep -Eq "^   3  answered +B$" "$TMP/out" && ok "kill -9 on the screen" ||
	fail "kill -9 on the screen" "$(cat "$TMP/out" | tail -12)"

# ---- a retired exam says so, once, on its first screen ----
start take aif-c01 --questions 3 --seed 1
keys q y
start take mls-c01 --questions 3 --seed 1
screen_has "retired exam" "mls-c01 was retired on 2026-03-31; the real exam can no longer" &&
	screen_has "retired exam" "booked\. It is replaced by mla-c01 and aip-c01\." && keys n &&
	screen_has "said once" "Question 2 of 3" && ! grep -q "retired" "$TMP/screen" && ok "retired exam"
keys q y

# ---- the 15-minute warning makes the time prominent, at exactly 15 minutes left ----
set_clock 0
start take "$TINY" --seed 7 --minutes 15.02
screen_has "15-minute warning" "Time left 15:02" && set_clock 1199 &&
	screen_has "15-minute warning" "Time left 15:01" && check_eq "15-minute warning" \
	"$(grep -c "minutes left" "$TMP/screen")" 0 && set_clock 1200 &&
	screen_has "15-minute warning" "^ 15 minutes left\.$" && ok "15-minute warning"
keys q y

# ---- a drill on the screen: check with Enter, feedback, next, summary ----
start drill "$TINY" --domain 2 --type single --seed 2
screen_has "drill" "Enter check, then next" && keys a Enter &&
	screen_has "drill feedback" "(Correct|Wrong)\." &&
	screen_pair "drill feedback" "^ +A\. \[(correct, )?your answer\] " \
		"^ +(The scenario says|The scenario names no|One is too few|Two is too few)" &&
	keys b && screen_has "drill locked" "Checked already" && keys Enter Enter Enter &&
	screen_has "drill summary" "Drill finished: [0-2] of 2 right" && ok "drill"
keys q

# ---- text questions are typed on the screen ----
start drill "$TINY" --type text
keys Enter
screen_has "text input" "type, Enter to give it" && keys "guardrail" Enter &&
	screen_has "text answer" "Correct answer: Guardrails" && ok "text answer"
keys Enter q

# ---- time runs out on the screen: at exactly the limit, with no key pressed ----
set_clock 0
start take "$TINY" --seed 7 --minutes 0.05
screen_has "time runs out" "Time left 0:03" && set_clock 2999 &&
	screen_has "time runs out" "Time left 0:01" && set_clock 3000 &&
	screen_has "time runs out" "Time is up\. The exam has been submitted\." &&
	screen_has "time runs out" "Result: +FAIL" && ok "time runs out"
finish
