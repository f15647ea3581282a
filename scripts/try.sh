#!/bin/sh
# Quick start, part one: install what is missing, build, and show mockexam at work on
# the shipped banks: the exams found, one AIF-C01 mock exam, and its score report for a
# sample answer sheet (a candidate who knows about three answers in four).
set -eu
cd "$(dirname "$0")/.."
. scripts/deps.sh
mockexam_deps
mockexam_build build
M=build/src/cli/mockexam
seed=${SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}

echo
echo "== mockexam list"
$M list
echo
echo "== mockexam build aif-c01 --seed $seed (the first five questions)"
$M build aif-c01 --seed "$seed" | awk '/^Question 6 of/ { exit } { print }'
echo "   ... (run '$M build aif-c01 --seed $seed' for all of them)"

# A sample answer sheet: the key for three questions in four, a wrong option otherwise.
sheet=$(mktemp)
trap 'rm -f "$sheet"' EXIT
$M build aif-c01 --seed "$seed" --json --with-answers | jq -r '
	"exam: \(.exam)", "seed: \(.seed)", "answers:",
	(.questions[] | "  \(.id): " + (
		if (.position % 4 == 0) and (.type == "single")
		then ([.options[].key] - [.answer])[0] | tojson
		else .answer | tojson end))' >"$sheet"
echo
echo "== mockexam grade aif-c01 --seed $seed --answers SHEET"
$M grade aif-c01 --seed "$seed" --answers "$sheet"
