#!/bin/sh
# The analytics benchmark: `mockexam report`, `stats` and `drill --weakest` over a history
# of a million responses, each against one sqlite3 aggregate scan of the same responses,
# all measured in the same run so they see the same machine.  Two scans are timed with
# the sqlite3 shell:
#   scan       SELECT count(*), sum(credit) FROM items   (every row, one column)
#   responses  the same aggregate over exactly the rows the analyses read: the exam's
#              items joined to their attempts, answered or in a submitted attempt
# Prints the median wall time of each command and its ratio to both, the ratio of CPU
# time (user + system, less moved by other work on the machine), the load average, and,
# with valgrind, instruction counts, which the load does not move at all.
#
# The history (bench/genhistory: 10,000 submitted mock exams of aws-aif-c01 and
# 20-question drills up to RESPONSES) is written once to bench/out, and again only when
# the generator or the bank changes.  The drill quits at once on its empty input; the
# unfinished drill attempts it leaves are deleted at the end.
#
# usage: bench/analytics.sh [BUILD_DIR] [RUNS] [RESPONSES]   (defaults: build, 10, 1000000)
#        CALLGRIND=0 skips the instruction counts (a few minutes under valgrind);
#        HYPERFINE=0 times with bench/measure even where hyperfine is installed.
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
runs=${2:-10}
responses=${3:-1000000}
out=bench/out
bank=question-banks/aws-aif-c01
db=$out/history-$responses.db
ninja -C "$build" >/dev/null
mkdir -p "$out"
M="$build/src/cli/mockexam"

if [ ! -s "$db" ] || [ -n "$(find "$build/bench/genhistory" "$bank" -newer "$db" -type f | head -1)" ]; then
	"$build/bench/genhistory" "$bank" "$db" "$responses"
fi
exam=$(sed -n 's/^id: *//p' "$bank/exam.yaml")
first_new=$(($(sqlite3 "$db" "SELECT max(id) FROM attempts") + 1))
cleanup() {
	sqlite3 "$db" "DELETE FROM items WHERE attempt_id >= $first_new;
		DELETE FROM attempts WHERE id >= $first_new; PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
}
trap cleanup EXIT

names="scan responses report stats drill-weakest"
cmd() {
	case $1 in
	scan) echo "sqlite3 $db 'SELECT count(*), sum(credit) FROM items'" ;;
	responses) echo "sqlite3 $db \"SELECT count(*), sum(i.credit) FROM items i JOIN attempts a" \
		"ON a.id = i.attempt_id WHERE a.exam = '$exam'" \
		"AND (i.response IS NOT NULL OR a.finished IS NOT NULL)\"" ;;
	report) echo "$M report $bank --db $db" ;;
	stats) echo "$M stats $bank --db $db" ;;
	drill-weakest) echo "$M drill $bank --weakest --seed 1 --db $db" ;;
	esac
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "history: $(sqlite3 "$db" "SELECT count(*) FROM items") responses, $(sqlite3 "$db" "SELECT count(*) FROM attempts") attempts in $db"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) CPUs)"
# one line per command: name, median wall seconds, CPU seconds (user + system)
if [ "${HYPERFINE:-1}" != 0 ] && command -v hyperfine >/dev/null 2>&1 &&
	command -v jq >/dev/null 2>&1; then
	set --
	for n in $names; do set -- "$@" -n "$n" "$(cmd "$n")"; done
	# -N: no shell in between; hyperfine gives every command an empty standard input
	hyperfine -N --warmup 2 --runs "$runs" --export-json "$out/analytics.json" "$@" >/dev/null
	jq -r '.results[] | "\(.command) \(.median) \(.user + .system)"' "$out/analytics.json" \
		>"$out/analytics.txt"
	how="hyperfine, $runs runs each after 2 warm-ups; CPU: mean user + system"
else
	: >"$out/runs.txt"
	for n in $names; do
		eval "$(cmd "$n")" </dev/null >/dev/null 2>&1 # warm-up
	done
	i=0
	while [ "$i" -lt "$runs" ]; do # alternating, so all see the same moments
		for n in $names; do
			echo "$n $(eval "$build/bench/measure $(cmd "$n")" </dev/null | cut -d' ' -f1)"
		done >>"$out/runs.txt"
		i=$((i + 1))
	done
	for n in $names; do
		echo "$n $(awk -v n="$n" '$1 == n { print $2 }' "$out/runs.txt" | median) -"
	done >"$out/analytics.txt"
	how="bench/measure, $runs alternating runs each; no CPU times without hyperfine"
fi
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
awk '
	{ name[NR] = $1; wall[NR] = $2; cpu[NR] = $3 }
	$1 == "scan" { ws = $2; cs = $3 }
	$1 == "responses" { wr = $2; cr = $3 }
	END {
		printf "%-14s %9s %9s %12s", "command", "median s", "vs scan", "vs responses"
		printf cpu[1] == "-" ? "\n" : sprintf(" %9s %9s\n", "CPU s", "CPU ratio")
		for (i = 1; i <= NR; i++) {
			printf "%-14s %9.4f %8.2fx %11.2fx", name[i], wall[i], wall[i] / ws, wall[i] / wr
			if (cpu[i] == "-")
				printf "\n"
			else
				printf " %9.4f %8.2fx\n", cpu[i], cpu[i] / cs
		}
	}' "$out/analytics.txt"
echo "ratios: median wall time over that of one sqlite3 scan ($how)"

# Wall time moves with whatever else the machine does; instruction counts do not.
if [ "${CALLGRIND:-1}" != 0 ] && command -v valgrind >/dev/null 2>&1; then
	count() {
		eval "valgrind --tool=callgrind --callgrind-out-file=$out/callgrind.out $(cmd "$1")" \
			</dev/null >/dev/null 2>&1
		callgrind_annotate "$out/callgrind.out" | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }'
	}
	iref=$(count scan)
	for n in $names; do
		i=$(count "$n")
		awk -v n="$n" -v i="$i" -v r="$iref" 'BEGIN { printf "instructions %-14s %7.0fM %7.2fx the scan\n", n, i / 1e6, i / r }'
	done
fi
