#!/bin/bash
# The mockexam commands run for real on the banks in tests/data and on the shipped
# banks: exit statuses, exact outputs where they are fixed, and reproducibility.
# With --update as third argument, rewrites the golden files in tests/data/expected.
. "$(dirname "$0")/lib.sh"
update=${3:-}
EXP=tests/data/expected

# golden NAME FILE: the last run's standard output must equal tests/data/expected/FILE
golden() {
	[ "$update" = --update ] && cp "$TMP/out" "$EXP/$2"
	check_file "$1" out "$EXP/$2"
}

# ---- usage and help ----
run
check_status "no command" 2 && check_grep "no command" err "^usage: mockexam" && ok "no command"
run frobnicate
check_status "unknown command" 2 && check_grep "unknown command" err "'frobnicate' is not a mockexam command" &&
	ok "unknown command"
run --version
check_status "version" 0 && check_grep "version" out "^mockexam ([0-9]+\.[0-9]+\.[0-9]+) \(libmockexam \1\)$" && ok "version"
run --help
check_status "help" 0 && check_grep "help" out "^  lint " && ok "help"
for cmd in list lint build grade; do
	run "$cmd" --help
	check_status "$cmd --help" 0 && check_grep "$cmd --help" out "^usage: mockexam $cmd" && ok "$cmd --help"
done
run build
check_status "build without exam" 2 && check_grep "build without exam" err "missing the exam" &&
	ok "build without exam"
run build tiny --seed -3
check_status "negative seed" 2 && check_grep "negative seed" err "--seed must be a whole number from 0 to 9007199254740991, not '-3'" &&
	ok "negative seed"
run build tests/data/good/tiny --seed 9007199254740992
check_status "seed too large" 2 && check_grep "seed too large" err "--seed must be a whole number from 0 to 9007199254740991" &&
	ok "seed too large"
run build tests/data/good/tiny --answers x
check_status "option of another command" 2 &&
	check_grep "option of another command" err "'--answers' is not an option of this command" &&
	ok "option of another command"
run grade tests/data/good/tiny --seed 1
check_status "grade without answers" 2 && check_grep "grade without answers" err "missing --answers FILE" &&
	ok "grade without answers"
run build tests/data/good/tiny --questions 0
check_status "zero questions" 2 && ok "zero questions"

# ---- finding banks ----
run build no-such-exam
check_status "unknown exam" 1 && check_grep "unknown exam" err "no exam 'no-such-exam' on the bank search path" &&
	check_grep "unknown exam" err "the exams found are: aif-c01 aip-c01 mla-c01 mls-c01" && ok "unknown exam"
run build tests/data/nowhere
check_status "path without bank" 1 && check_grep "path without bank" err "'tests/data/nowhere' is not a bank" &&
	ok "path without bank"
run build tiny --banks tests/data/good --seed 1 --json
check_status "--banks finds an id" 0 && check_grep "--banks finds an id" out '"exam": "tiny"' && ok "--banks finds an id"
MOCKEXAM_BANKS=/nonexistent:tests/data/good run build multi --seed 1 --json
check_status "MOCKEXAM_BANKS" 0 && check_grep "MOCKEXAM_BANKS" out '"exam": "multi"' && ok "MOCKEXAM_BANKS"
# A bank earlier on the path shadows a later one with the same id.
mkdir -p "$TMP/shadow/aif"
sed 's/^title: .*/title: Shadowing bank/; s/^id: tiny/id: aif-c01/; /^id_pattern/d' \
	tests/data/good/tiny/exam.yaml >"$TMP/shadow/aif/exam.yaml"
run list --banks "$TMP/shadow" --json
check_status "shadowing" 0 && check_grep "shadowing" out '"title": "Shadowing bank"' &&
	[ "$(grep -c '"id": "aif-c01"' "$TMP/out")" -eq 1 ] && ok "shadowing"
# Two banks with one id in the same directory: lint says so.
mkdir -p "$TMP/twins/a" "$TMP/twins/b"
cp tests/data/good/tiny/exam.yaml "$TMP/twins/a/"
cp tests/data/good/tiny/exam.yaml "$TMP/twins/b/"
MOCKEXAM_BANKS= run list --banks "$TMP/twins" --json
check_status "twins listed once" 0 && [ "$(grep -c '"id": "tiny"' "$TMP/out")" -eq 1 ] && ok "twins listed once"
run lint --banks "$TMP/twins"
check_status "lint reports twins" 1 &&
	check_grep "lint reports twins" err "twins/b/exam.yaml: error: exam id 'tiny' is also the id of the bank in .*twins/a$" &&
	ok "lint reports twins"
# every operand is linted and everything found is shown, whatever befell the others
run lint ./nope tests/data/bad/alias --json
check_status "lint goes on past a bad operand" 1 && check_grep "lint goes on past a bad operand" err "'./nope' is not a bank" &&
	[ "$(jq .errors "$TMP/out")" = 1 ] && ok "lint goes on past a bad operand"

# ---- lint ----
run lint tests/data/good/tiny tests/data/good/multi
check_status "lint good banks" 0 && check_grep "lint good banks" err "^2 banks, 21 questions: 0 errors, 0 warnings$" &&
	ok "lint good banks"
run lint tests/data/warn
[ "$update" = --update ] && cp "$TMP/err" "$EXP/lint-warn.txt"
check_status "lint warnings" 0 && check_file "lint warnings" err "$EXP/lint-warn.txt" && ok "lint warnings"
run lint --summary tests/data/cues/accepted tests/data/cues/same-options
check_status "lint --summary" 0 && check_grep "lint --summary" out "^cue: 2 questions \(tests/data/cues/accepted\)$" &&
	check_grep "lint --summary" out "^  domain 1  One +2$" &&
	check_grep "lint --summary" out "^  types       single 2, multiple 0, ordering 0, matching 0, text 0$" &&
	check_grep "lint --summary" out "^  cues        absolute-words 0, longest-key 0, stem-echo 0, all-of-the-above 0, same-options 1, near-copy 0, reused-distractor 0$" &&
	check_grep "lint --summary" out "^    q1: absolute-words, because: The point is that Standard does not always cost the least\.$" &&
	ok "lint --summary"
run lint --summary --json tests/data/cues/accepted
check_status "lint --summary --json" 0 &&
	[ "$(jq -c '.summaries[0] | [.questions, .cues["absolute-words"], .accepted[0].rules, .single_keys.A]' "$TMP/out")" = '[2,0,["absolute-words"],2]' ] &&
	ok "lint --summary --json" || fail "lint --summary --json" "$(cat "$TMP/out")"
run lint --werror tests/data/warn
check_status "lint --werror" 1 && ok "lint --werror"
run lint --json tests/data/bad/answer-not-option
check_status "lint --json" 1 && golden "lint --json" lint-answer-not-option.json && ok "lint --json"
run lint --json tests/data/bad/long-unknown-key
[ "$(jq '.diagnostics | length' "$TMP/out")" = 1 ] && ok "messages cut on whole characters" ||
	fail "messages cut on whole characters" "$(head -c 300 "$TMP/out")"
# a directory without exam.yaml fails lint in both forms
mkdir -p "$TMP/nobank"
run lint "$TMP/nobank"
check_status "lint of no bank" 1 && check_grep "lint of no bank" err "is not a bank: it has no exam.yaml" &&
	ok "lint of no bank"
run lint --json "$TMP/nobank"
check_status "lint --json of no bank" 1 && check_grep "lint --json of no bank" err "is not a bank: it has no exam.yaml" &&
	jq -e .diagnostics "$TMP/out" >/dev/null && ok "lint --json of no bank"
run lint
check_status "shipped banks lint clean" 0 &&
	check_grep "shipped banks lint clean" err "^4 banks, [0-9]+ questions: 0 errors, 0 warnings$" &&
	ok "shipped banks lint clean"

# ---- list ----
run list --banks tests/data/good --json
# only the test banks: the shipped (and any installed) banks are on the path too
jq '[.exams[] | select(.id == "tiny" or .id == "multi")]' "$TMP/out" >"$TMP/exams" &&
	mv "$TMP/exams" "$TMP/out"
check_status "list --json" 0 && golden "list --json" list-good.json && ok "list --json"
run list
check_status "list" 0 && check_grep "list" out "^aif-c01  AWS Certified AI Practitioner$" &&
	check_grep "list" out "mls-c01 was retired on 2026-03-31" && ok "list"

# ---- dates: only days the calendar has ----
mkdir -p "$TMP/leap"
sed 's/^status: active$/status: retired\nretired_on: 2028-02-29/' tests/data/good/tiny/exam.yaml >"$TMP/leap/exam.yaml"
run lint "$TMP/leap"
check_status "retired on a leap day" 0 && ok "retired on a leap day"
for date in 2026-02-31 2027-02-29 1900-02-29 2026-04-31 2026-00-10; do
	run drill tests/data/good/tiny --due --exam-date "$date"
	check_status "--exam-date $date" 2 &&
		check_grep "--exam-date $date" err "^mockexam drill: --exam-date: there is no day $date in the calendar$" &&
		ok "--exam-date $date"
done
run drill tests/data/good/tiny --due --exam-date 2026-2-3
check_status "--exam-date 2026-2-3" 2 &&
	check_grep "--exam-date 2026-2-3" err "--exam-date takes a date as YYYY-MM-DD, not '2026-2-3'" && ok "--exam-date 2026-2-3"
for date in 2028-02-29 2000-02-29; do
	run drill tests/data/good/tiny --due --exam-date "$date"
	if [ "$status" -ne 2 ] && ! grep -q "exam-date" "$TMP/err"; then
		ok "--exam-date $date is a day"
	else
		fail "--exam-date $date is a day" "exit status $status" "$(head -3 "$TMP/err")"
	fi
done
run report tests/data/good/tiny --since 2026-02-29
check_status "--since 2026-02-29" 2 &&
	check_grep "--since 2026-02-29" err "^mockexam report: --since: there is no day 2026-02-29 in the calendar$" &&
	ok "--since 2026-02-29"

# ---- one output format at a time ----
run report tests/data/good/tiny --json --csv
check_status "report --json --csv" 2 &&
	check_grep "report --json --csv" err "^mockexam report: --json and --csv are two output formats; give one$" &&
	[ ! -s "$TMP/out" ] && ok "report --json --csv"
run stats tests/data/good/tiny --csv --json
check_status "stats --csv --json" 2 &&
	check_grep "stats --csv --json" err "^mockexam stats: --json and --csv are two output formats; give one$" &&
	ok "stats --csv --json"

# ---- build ----
run build tests/data/good/tiny --seed 7 --json --with-answers
check_status "build tiny json" 0 && golden "build tiny json" build-tiny-7.json && ok "build tiny json"
run build tests/data/good/tiny --seed 7
check_status "build tiny text" 0 && golden "build tiny text" build-tiny-7.txt && ok "build tiny text"
for exam in aif-c01 aip-c01 mla-c01 mls-c01; do
	run build "$exam" --seed 42 --json
	cp "$TMP/out" "$TMP/first.json"
	run build "$exam" --seed 42 --json
	if check_status "build $exam reproducible" 0; then
		if cmp -s "$TMP/out" "$TMP/first.json"; then
			ok "build $exam reproducible"
		else
			fail "build $exam reproducible" "two runs with --seed 42 differ"
		fi
	fi
done
run build aip-c01 --seed 42 --json
n=$(grep -c '"position":' "$TMP/out")
[ "$n" -eq 75 ] && ok "aip-c01 full exam has 75 questions" || fail "aip-c01 full exam" "$n questions"
run build aif-c01 --seed 43 --json
cp "$TMP/out" "$TMP/other.json"
run build aif-c01 --seed 42 --json
cmp -s "$TMP/out" "$TMP/other.json" && fail "seeds differ" "seeds 42 and 43 gave the same exam" ||
	ok "seeds differ"
run build aif-c01
check_status "build without seed" 0 && check_grep "build without seed" out "^AWS Certified AI Practitioner \(aif-c01\), seed [0-9]+$" &&
	ok "build without seed"
run build aif-c01 --questions 20 --seed 1 --json
check_status "mini mock" 0 && check_grep "mini mock" out '"question_count": 20,' &&
	check_grep "mini mock" out '"duration_minutes": 28,' && ok "mini mock"
run build tests/data/good/multi --questions 12 --seed 1
check_status "too few questions" 1 &&
	check_grep "too few questions" err "exam.yaml:10:5: error: domain 1 needs 6 questions for an exam of 12; the bank has 5" &&
	ok "too few questions"
run build tests/data/bad/answer-not-option --seed 1
check_status "build of a broken bank" 1 && check_grep "build of a broken bank" err "answer 'E' is not an option" &&
	ok "build of a broken bank"

# ---- grade ----
run grade tests/data/good/tiny --answers tests/data/sheets/tiny-half.yaml
check_status "grade report" 0 && golden "grade report" grade-tiny-half.txt && ok "grade report"
run grade tests/data/good/tiny --answers tests/data/sheets/tiny-half.yaml --json
check_status "grade half" 0 && golden "grade half" grade-tiny-half.json &&
	check_grep "grade half" out '"scaled_score": 550,' && check_grep "grade half" out '"passed": false,' &&
	ok "grade half"
run grade tests/data/good/tiny --answers tests/data/sheets/tiny-at-cut.json --json
check_status "grade at cut" 0 && check_grep "grade at cut" out '"scaled_score": 700,' &&
	check_grep "grade at cut" out '"passed": true,' && ok "grade at cut"
run grade tests/data/good/tiny --seed 1234 --answers tests/data/sheets/tiny-all.yaml --json
check_status "grade all right" 0 && check_grep "grade all right" out '"scaled_score": 1000,' && ok "grade all right"
timeout 20 "$MOCKEXAM" grade tests/data/good/tiny --seed 3 --answers - --json \
	<tests/data/sheets/tiny-all.yaml >"$TMP/out" 2>"$TMP/err"
status=$?
check_status "grade from stdin" 0 && check_grep "grade from stdin" out '"correct": 6,' && ok "grade from stdin"
run grade tests/data/good/tiny --seed 7 --pretest --answers tests/data/sheets/tiny-all.yaml --json
check_status "grade pretest" 0 && check_grep "grade pretest" out '"scored": 4,' && ok "grade pretest"
run grade tests/data/good/tiny --answers tests/data/sheets/tiny-all.yaml
check_status "grade needs a seed" 2 && check_grep "grade needs a seed" err "give --seed N, or 'seed:' in the answer sheet" &&
	ok "grade needs a seed"
run grade tests/data/good/tiny --seed 8 --answers tests/data/sheets/tiny-half.yaml
check_status "seed mismatch" 1 && check_grep "seed mismatch" err "the sheet says seed 7 but --seed is 8" &&
	ok "seed mismatch"
run grade tests/data/good/multi --answers tests/data/sheets/tiny-half.yaml
check_status "exam mismatch" 1 && check_grep "exam mismatch" err "the sheet is for exam 'tiny', not 'multi'" &&
	ok "exam mismatch"
for sheet in tests/data/sheets/bad-*.yaml; do
	name=$(basename "$sheet" .yaml)
	run grade tests/data/good/tiny --seed 7 --answers "$sheet"
	[ "$update" = --update ] && cp "$TMP/err" "$EXP/grade-$name.txt"
	check_status "grade $name" 1 && check_file "grade $name" err "$EXP/grade-$name.txt" && ok "grade $name"
done
run grade tests/data/good/tiny --seed 7 --answers tests/data/sheets/none.yaml
check_status "missing sheet" 3 && check_grep "missing sheet" err "none.yaml: error: cannot open: No such file" &&
	ok "missing sheet"
# ---- history --delete: asked on a terminal, --yes for scripts, gone from reports ----
export MOCKEXAM_DB="$TMP/delete.db"
for seed in 1 2; do
	printf ':submit\nyes\n\n' | timeout 20 "$MOCKEXAM" take tests/data/good/tiny --seed $seed >/dev/null 2>&1
done
run history --delete 1
check_status "history --delete without a terminal" 2 &&
	check_grep "history --delete without a terminal" err "add --yes to delete without asking" &&
	ok "history --delete without a terminal"
run history --delete 1 --yes
check_status "history --delete --yes" 0 && check_grep "history --delete --yes" out "^Attempt 1 deleted" &&
	[ "$(sqlite3 "$MOCKEXAM_DB" "SELECT count(*) FROM items WHERE attempt_id = 1")" = 0 ] &&
	ok "history --delete --yes"
run report tiny --banks tests/data/good --json
check_status "report after delete" 0 && [ "$(jq .attempts "$TMP/out")" = 1 ] && ok "report after delete" ||
	fail "report after delete" "$(head -c 300 "$TMP/out")"
run history --delete 1 --yes
check_status "history --delete twice" 1 && check_grep "history --delete twice" err "there is no attempt 1" &&
	ok "history --delete twice"
run history --yes
check_status "--yes alone" 2 && ok "--yes alone"
unset MOCKEXAM_DB
# ---- take without --seed says how many questions are new, and when the bank is used up ----
export MOCKEXAM_DB="$TMP/fresh-count.db"
# the seed is random, and two questions of the bank exclude each other: the count said
# must be the latest attempt's questions that no earlier attempt showed
for k in 1 2 3; do
	printf ':submit\nyes\n\n' | timeout 20 "$MOCKEXAM" take tests/data/good/multi --plain >"$TMP/out" 2>&1
	new=$(sqlite3 "$MOCKEXAM_DB" "SELECT count(*) FROM responses i WHERE i.attempt_id = (SELECT max(id) FROM attempts)
		AND NOT EXISTS (SELECT 1 FROM responses j WHERE j.question_id = i.question_id AND j.attempt_id < i.attempt_id)")
	case $new in
	6) want="6 of 6 questions are new to you." ;;
	0) want="0 of 6 questions are new to you: the bank is used up" ;;
	*) want="$new of 6 questions are new to you; " ;;
	esac
	[ "$k" != 1 ] || [ "$new" = 6 ] || fail "new questions said, take 1" "the first take had $new new questions"
	grep -qF "$want" "$TMP/out" && ok "new questions said, take $k" ||
		fail "new questions said, take $k" "want: $want" "$(grep -i 'new to you' "$TMP/out")"
done
printf ':quit\n' | timeout 20 "$MOCKEXAM" take tests/data/good/tiny --plain >/dev/null 2>&1
printf ':quit\n' | timeout 20 "$MOCKEXAM" take tests/data/good/tiny --plain >"$TMP/out" 2>&1
grep -qF "0 of 6 questions are new to you: the bank is used up" "$TMP/out" && ok "bank used up said" ||
	fail "bank used up said" "$(grep -i 'new to you' "$TMP/out")"
printf ':quit\n' | timeout 20 "$MOCKEXAM" take tests/data/good/tiny --seed 3 --plain >"$TMP/out" 2>&1
! grep -q "new to you" "$TMP/out" && ok "a seeded take says nothing of new questions" ||
	fail "a seeded take says nothing of new questions"
unset MOCKEXAM_DB
finish
