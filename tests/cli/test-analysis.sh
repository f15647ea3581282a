#!/bin/bash
# drill, report and stats on real histories: feedback and filters of drills, the
# report's figures in every format, the HTML page rendered by headless Chromium (its
# screenshot is kept as report-screenshot.png where the test started: the build
# directory under meson test), and item statistics.
. "$(dirname "$0")/lib.sh"
export MOCKEXAM_DB="$TMP/history.db"
TINY=tests/data/good/tiny
SHOTS=$STARTDIR
cd "$ROOT" || exit 2
q() { sqlite3 "$MOCKEXAM_DB" "$1"; }

# ---- a drill with feedback after every answer, a text question among them ----
printf 'Amazon Bedrock Guardrails\n' | timeout 20 "$MOCKEXAM" drill "$TINY" --type text >"$TMP/out" 2>&1
status=$?
check_status "text drill" 0 && check_grep "text drill" out "^Correct\.$" &&
	check_grep "text drill" out "^Correct answer: Guardrails$" &&
	check_grep "text drill" out "Drill finished: 1 of 1 right" && ok "text drill"
[ "$(q "SELECT kind, response, credit FROM attempts JOIN items ON attempt_id = id ORDER BY id DESC LIMIT 1")" = "drill|Amazon Bedrock Guardrails|1" ] &&
	ok "drill saved as a drill" || fail "drill saved as a drill" "$(q "SELECT * FROM attempts")"
# five letters where two are asked: wrong whatever the order shown
printf 'ABCDE\n' | timeout 20 "$MOCKEXAM" drill "$TINY" --type multiple --seed 1 >"$TMP/out" 2>&1
check_grep "feedback" out "^Wrong\.$" &&
	check_grep "feedback" out "^Correct answer: [A-E], [A-E]$" &&
	check_grep "feedback" out "^  [A-E]\. \[correct, your answer\] two$" &&
	check_grep "feedback" out "^     Two is even\.$" &&
	check_grep "feedback" out "^  [A-E]\. \[your answer\] three$" &&
	check_grep "feedback" out "An even number divides by two" &&
	check_grep "feedback" out "https://example.com/even" &&
	check_grep "feedback" out "mockexam drill tiny --missed" && ok "feedback"
# a checked answer stays: going back shows its feedback, and a new answer or :clear is
# refused with the library's reason, the drill going on
# (a history of its own: the filters below count what is missed)
printf 'A\n:back\nB\n:clear\n:quit\n' | MOCKEXAM_DB="$TMP/checked.db" \
	timeout 20 "$MOCKEXAM" drill "$TINY" --type single --seed 1 >"$TMP/out" 2>&1
status=$?
check_status "a checked answer stays" 0 &&
	[ "$(grep -c "^question 1 was checked: its answer can no longer change$" "$TMP/out")" = 2 ] &&
	[ "$(grep -c "^Your answer:    A$" "$TMP/out")" = 2 ] &&
	check_grep "a checked answer stays" out "Checked: :next goes on" &&
	[ "$(sqlite3 "$TMP/checked.db" "SELECT count(response) FROM items")" = 1 ] &&
	ok "a checked answer stays" || fail "a checked answer stays" "$(cat "$TMP/out")"
printf '\n:quit\n' | timeout 20 "$MOCKEXAM" drill "$TINY" --domain 2 --seed 1 >"$TMP/out" 2>&1
id=$(q "SELECT max(id) FROM attempts")
printf '\n\n' | timeout 20 "$MOCKEXAM" resume "$id" >"$TMP/out" 2>&1
status=$?
check_status "resume a drill" 0 && check_grep "resume a drill" out "drill: 3 questions" &&
	check_grep "resume a drill" out "Drill finished: 0 of 3 right" && ok "resume a drill"

# ---- drill filters and their errors ----
printf '\n%.0s' 1 2 3 4 5 6 7 | timeout 20 "$MOCKEXAM" drill "$TINY" --missed >"$TMP/out" 2>&1
check_grep "missed" out "drill: 1 question," && check_grep "missed" out "Which two are even" && ok "missed"
run drill "$TINY" --match 'ab(c'
check_status "bad pattern" 1 &&
	check_grep "bad pattern" err "pattern 'ab\(c' does not compile: missing closing parenthesis at offset 4" &&
	ok "bad pattern"
run drill "$TINY" --domain 9
check_status "unknown domain" 1 && check_grep "unknown domain" err "tiny has no domain 9" && ok "unknown domain"
run drill "$TINY" --match 'nothing-like-this'
check_status "nothing fits" 0 &&
	check_grep "nothing fits" out "^Nothing to drill: no question matches these filters together\.$" &&
	check_grep "nothing fits" out "^Try: mockexam drill tiny$" && ok "nothing fits"
run drill "$TINY" --type essay
check_status "bad type" 2 && ok "bad type"
run drill "$TINY" --exam-date 2026-13-01 --due
check_status "bad date" 2 && ok "bad date"

# ---- bookmarks: drill --flagged drills what was flagged when last shown ----
run drill "$TINY" --flagged
check_status "nothing flagged" 0 && check_grep "nothing flagged" out "^Nothing to drill: no question is flagged" &&
	check_grep "nothing flagged" out "^Try: mockexam drill tiny --weakest$" && ok "nothing flagged"
# seed 7 shows s3 first: flag it, answer nothing else, submit
printf ':flag\n:submit\nyes\n\n' | timeout 20 "$MOCKEXAM" take "$TINY" --seed 7 >/dev/null 2>&1
printf '\n\n' | timeout 20 "$MOCKEXAM" drill "$TINY" --flagged >"$TMP/out" 2>&1
status=$?
check_status "drill --flagged" 0 && check_grep "drill --flagged" out "drill: 1 question," &&
	check_grep "drill --flagged" out "Where does the shop keep its sales" &&
	ok "drill --flagged"
# shown again in that drill, not flagged: the bookmark is gone
run drill "$TINY" --flagged
check_status "flag cleared" 0 && check_grep "flag cleared" out "^Nothing to drill: no question is flagged" && ok "flag cleared"

# ---- two mock exams and a drill: the report names the weakest domain ----
export MOCKEXAM_DB="$TMP/report.db"
# seed 7 order: 1 s3 2 s2 (case, domain 2) 3 s1 4 x1 (domain 1, 2) 5 m1 6 o1 (domain 1)
# domain 1 (s1 m1 o1) all wrong, domain 2 (s3 s2 x1) all right, twice
printf 'C\nC\nA\n1A 2B 3C\nA\nABC\n:submit\nyes\n\n' | "$MOCKEXAM" take "$TINY" --seed 7 >/dev/null 2>&1
printf 'C\nC\nA\n1A 2B 3C\nA\nABC\n:submit\nyes\n\n' | "$MOCKEXAM" take "$TINY" --seed 7 >/dev/null 2>&1
printf 'Guardrails\n' | "$MOCKEXAM" drill "$TINY" --type text >/dev/null 2>&1
run report "$TINY" --json
check_status "report --json" 0 &&
	[ "$(jq -r '[.attempts, .exams, .drills, .responses] | @tsv' "$TMP/out")" = "3	2	1	13" ] &&
	[ "$(jq -r '.domains[0] | [.id, .responses, .correct, .percent, .low, .high, .status, .priority] | @tsv' "$TMP/out")" = "1	7	1	14.29	2.57	51.31	needs-improvement	1" ] &&
	[ "$(jq -r '.domains[1] | [.responses, .correct, .percent, .status, .priority, .trend] | @tsv' "$TMP/out")" = "6	6	100	meets	2	0" ] &&
	[ "$(jq -r '.readiness | [.pass_probability, .responses + .repeats, .repeats > 0] | @tsv' "$TMP/out")" = "	13	true" ] &&
	jq -r .readiness.reason "$TMP/out" |
	grep -Eqx '[0-9]+ first answers so far \([0-9]+ repeats left out\); readiness needs at least 30' &&
	[ "$(jq -r '.recommendation.command' "$TMP/out")" = "mockexam drill tiny --domain 1" ] &&
	[ "$(jq -r '[.scores[].scaled_score] | @tsv' "$TMP/out")" = "550	550" ] &&
	ok "report --json" || fail "report --json" "$(jq -c '.domains[] | del(.tasks)' "$TMP/out")
$(jq -c .readiness "$TMP/out")"
run report "$TINY"
check_status "report" 0 && check_grep "report" out "Next: mockexam drill tiny --domain 1" &&
	check_grep "report" out "Readiness: not estimated: [0-9]* first answers so far \\([0-9]* repeats left out\\)" &&
	check_grep "report" out "\\(\\+N/exam: the change in" &&
	check_grep "report" out "^       domain #1 +7 answers +14% \\( 3- 51\\)  .*  needs improvement  \\+0/exam$" &&
	check_grep "report" out "^       task #1 +domain #1 +[0-9]+ answers" &&
	[ "$(python3 -c 'import sys; print(max(len(l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8")))' "$TMP/out")" -le 80 ] &&
	ok "report"
run report "$TINY" --csv
check_status "report --csv" 0 &&
	check_grep "report --csv" out "^kind,id,name,weight,responses,correct,percent,low,high,status,priority,trend$" &&
	check_grep "report --csv" out "^domain,1,First domain,50,7,1,14.29,2.57,51.31,needs-improvement,1,0.00$" &&
	check_grep "report --csv" out "^task,1.1,First task,25,2,0,0.00," && ok "report --csv"
run report "$TINY" --last 1 --json
[ "$(jq -r '[.attempts, .responses] | @tsv' "$TMP/out")" = "1	1" ] && ok "report --last" ||
	fail "report --last" "$(cat "$TMP/out" | head -5)"
run report --json
[ "$(jq -r .exam "$TMP/out")" = tiny ] && ok "report of the latest exam" || fail "report of the latest exam"

# ---- a long history: the text report shows the latest ten mock exams, --json all ----
export MOCKEXAM_DB="$TMP/many.db"
for _ in 1 2 3 4 5 6 7 8 9 10 11 12; do
	printf 'C\nC\nA\n1A 2B 3C\nA\nABC\n:submit\nyes\n\n' | "$MOCKEXAM" take "$TINY" --seed 7 >/dev/null 2>&1
done
run report "$TINY"
shown=$(grep -Ec '^  [0-9]{4}-[0-9]{2}-[0-9]{2}  attempt [0-9]+ ' "$TMP/out")
check_status "report shows the latest ten" 0 && [ "$shown" = 10 ] &&
	check_grep "report shows the latest ten" out "^  \(2 earlier mock exams not shown; --json lists all 12\)$" &&
	check_grep "report shows the latest ten" out "  attempt 3 .* 550 fail" &&
	check_grep "report shows the latest ten" out "  attempt 12 .* 550 fail" &&
	! grep -Eq '  attempt (1|2) ' "$TMP/out" && ok "report shows the latest ten" ||
	fail "report shows the latest ten" "$shown score lines" "$(head -16 "$TMP/out")"
run report "$TINY" --json
[ "$(jq -r '[.scores[].attempt] | @tsv' "$TMP/out")" = "$(seq -s '	' 1 12)" ] &&
	ok "report --json lists every mock exam" || fail "report --json lists every mock exam"
# a mini mock is marked as one; a drill is practice: no scaled score, no pass or fail
printf ':submit\nyes\n\n' | "$MOCKEXAM" take "$TINY" --questions 3 --seed 2 >/dev/null 2>&1
printf '\n%.0s' 1 2 3 4 5 6 7 | "$MOCKEXAM" drill "$TINY" --domain 1 >/dev/null 2>&1
run report "$TINY" --json
[ "$(jq -r '.scores | [length, .[11].mini, .[12].mini, .[12].question_count] | @tsv' "$TMP/out")" = "13	false	true	3" ] &&
	ok "report --json marks the mini mock" || fail "report --json marks the mini mock" "$(jq -c '.scores[-2:]' "$TMP/out")"
run report "$TINY"
check_grep "report marks the mini mock" out "  attempt 13 .* fail  .*  mini mock, 3 questions$" &&
	! grep -q "attempt 12 .*mini" "$TMP/out" && ! grep -q "attempt 14 " "$TMP/out" && ok "report marks the mini mock"
run history --json
[ "$(jq -r '.attempts[] | select(.id == 14) | [.kind, .scaled_score, .passed] | @tsv' "$TMP/out")" = "drill		" ] &&
	[ "$(jq -r '.attempts[] | select(.id == 13) | [.kind, .scaled_score > 0, .passed] | @tsv' "$TMP/out")" = "exam	true	false" ] &&
	ok "history --json: a drill has no score" || fail "history --json: a drill has no score" "$(jq -c '.attempts[0:2]' "$TMP/out")"
run history
check_grep "history: a drill has no score" out "^ +14  .* drill .* of [0-9]+ right$" &&
	! grep -Eq "^ +14  .*(pass|fail)" "$TMP/out" && ok "history: a drill has no score"
run report "$TINY" --html "$TMP/many.html"
[ "$(grep -c '<text class="axis date"' "$TMP/many.html")" = 7 ] &&
	grep -q '<circle class="fail mini"' "$TMP/many.html" &&
	[ "$(grep -c '<circle class="fail"' "$TMP/many.html")" = 12 ] &&
	grep -q 'hollow: a mini mock' "$TMP/many.html" &&
	ok "report --html: dates on the axis, the mini mock hollow" || fail "report --html: dates on the axis, the mini mock hollow"
export MOCKEXAM_DB="$TMP/report.db"

# ---- the HTML page: self-contained, with its charts, rendered by a browser ----
run report "$TINY" --html "$TMP/report.html"
check_status "report --html" 0 && check_grep "report --html" out "^Wrote the report to $TMP/report.html; open it in a web browser\.$" &&
	grep -q '<svg id="domain-chart"' "$TMP/report.html" &&
	grep -q '<svg id="score-chart"' "$TMP/report.html" && ! grep -Eq '(src|href)=' "$TMP/report.html" &&
	ok "report --html is self-contained" || fail "report --html is self-contained"
if command -v chromium >/dev/null; then
	browser() {
		timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
			--disable-background-networking --disable-component-update --disable-sync \
			--user-data-dir="$TMP/chromium" "$@" 2>/dev/null
	}
	browser --dump-dom "file://$TMP/report.html" >"$TMP/dom"
	grep -q 'id="domain-chart"' "$TMP/dom" && grep -q '<rect class="bar needs"' "$TMP/dom" &&
		grep -q '<polyline class="trend"' "$TMP/dom" && ok "chromium renders the charts" ||
		fail "chromium renders the charts" "$(head -c 300 "$TMP/dom")"
	browser --screenshot="$SHOTS/report-screenshot.png" --window-size=1100,1400 "file://$TMP/report.html"
	[ -s "$SHOTS/report-screenshot.png" ] && ok "screenshot kept: $SHOTS/report-screenshot.png" ||
		fail "screenshot"
else
	fail "chromium" "chromium is not installed (scripts/deps.sh installs it)"
fi

# ---- stats ----
run stats "$TINY" --json
check_status "stats --json" 0 &&
	[ "$(jq -r '.items[] | select(.id == "s1") | [.responses, .correct, .p] | @tsv' "$TMP/out")" = "2	0	0" ] &&
	[ "$(jq -r '.items[] | select(.id == "s3") | .picks.B' "$TMP/out")" = 2 ] &&
	[ "$(jq -r '[.kr20, .kr20_attempts, .kr20_reason] | @tsv' "$TMP/out")" = "	2	the 2 submitted mock exams have one total score" ] &&
	ok "stats --json" ||
	fail "stats --json" "$(jq -c '.items[0:3]' "$TMP/out")"
run stats "$TINY" --csv
check_status "stats --csv" 0 && check_grep "stats --csv" out "^id,domain,task,type,responses,correct,p,point_biserial,flags$" &&
	check_grep "stats --csv" out "^t1,1,,text,1,1,1.0000,," && ok "stats --csv"
run stats "$TINY"
check_status "stats" 0 && check_grep "stats" out "^s1 +2 +0% +- *$" &&
	check_grep "stats" out "KR-20 reliability: n/a, the 2 submitted mock exams have one total score\.$" &&
	ok "stats"
finish
