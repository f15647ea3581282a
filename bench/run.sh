#!/bin/sh
# The loader benchmark: `mockexam build` on synthetic banks of 1k, 10k and 100k
# questions against raw libyaml event parsing of the same files (bench/yamlparse), the
# two alternating in the same run so both see the same machine.  Prints the median wall
# time of each, their ratio, and mockexam's peak memory against the bank's size.
#
# usage: bench/run.sh [BUILD_DIR] [RUNS]     (defaults: build, 7)
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
runs=${2:-7}
out=bench/out
ninja -C "$build" >/dev/null
mkdir -p "$out"
M="$build/src/cli/mockexam"
measure="$build/bench/measure"

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

printf '%-8s %10s %12s %12s %7s %12s %10s %7s\n' questions "bank MiB" "build s" "libyaml s" ratio \
	"build MiB" "yaml MiB" "mem/bank"
for n in 1000 10000 100000; do
	bank="$out/bank-$n"
	[ -f "$bank/exam.yaml" ] || "$build/bench/genbank" "$bank" "$n"
	bytes=$(cat "$bank"/*.yaml | wc -c)
	: >"$out/build.txt"
	: >"$out/yaml.txt"
	# one warm-up of each, so neither pays for a cold page cache
	"$measure" "$M" build "$bank" --seed 1 --json >/dev/null
	"$measure" "$build/bench/yamlparse" "$bank" >/dev/null
	i=0
	while [ "$i" -lt "$runs" ]; do
		"$measure" "$M" build "$bank" --seed 1 --json >>"$out/build.txt"
		"$measure" "$build/bench/yamlparse" "$bank" >>"$out/yaml.txt"
		i=$((i + 1))
	done
	tb=$(cut -d' ' -f1 "$out/build.txt" | median)
	ty=$(cut -d' ' -f1 "$out/yaml.txt" | median)
	mb=$(cut -d' ' -f2 "$out/build.txt" | median)
	my=$(cut -d' ' -f2 "$out/yaml.txt" | median)
	awk -v n="$n" -v bytes="$bytes" -v tb="$tb" -v ty="$ty" -v mb="$mb" -v my="$my" 'BEGIN {
		printf "%-8d %10.1f %12.4f %12.4f %6.2fx %12.1f %10.1f %6.2fx\n", n, bytes / 1048576,
			tb, ty, tb / ty, mb / 1024, my / 1024, mb * 1024 / bytes }'
done
echo "ratio: median build time / median raw libyaml parse time of the same files ($runs runs each)"
echo "mem/bank: mockexam's peak resident memory / the bank's size on disk"

# Wall time moves with whatever else the machine does; instruction counts do not.
if command -v valgrind >/dev/null 2>&1; then
	count() {
		valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.out" "$@" >/dev/null 2>&1
		callgrind_annotate "$out/callgrind.out" | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }'
	}
	ib=$(count "$M" build "$out/bank-10000" --seed 1 --json)
	iy=$(count "$build/bench/yamlparse" "$out/bank-10000")
	awk -v b="$ib" -v y="$iy" 'BEGIN { printf "instructions on the 10k bank: build %.0fM, libyaml %.0fM: %.2fx\n", b / 1e6, y / 1e6, b / y }'
fi
