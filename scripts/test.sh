#!/bin/sh
# Quick start, part two: install what is missing, build with warnings as errors, and run
# every test twice: in a normal build and in an ASan+UBSan build.
set -eu
cd "$(dirname "$0")/.."
. scripts/deps.sh
mockexam_deps test

# report_skips DIR: what the last meson test in DIR skipped, a line each ("SKIP    test:
# why"): whole tests (exit status 77) and checks a test passed over.  Counted in $skips, so
# a run that skipped something never reads as a full pass.
skips=0
report_skips() {
	jq -r '.name as $test | (.stdout // "") as $out |
		($out | split("\n")[] | select(startswith("SKIP ")) |
			sub("^SKIP +"; "SKIP    \($test): ")),
		(select(.result == "SKIP" and ($out | test("(^|\n)SKIP ") | not)) |
			"SKIP    \($test): skipped without saying why")' \
		"$1/meson-logs/testlog.json" >"$1/meson-logs/skipped.txt"
	cat "$1/meson-logs/skipped.txt"
	skips=$((skips + $(wc -l <"$1/meson-logs/skipped.txt")))
}

mockexam_build build --werror
meson test -C build --print-errorlogs
report_skips build

# Installed, the program finds its banks from any directory, and the library builds a
# program through its pkg-config file.
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
rm -rf build-install
meson setup build-install --prefix="$prefix" -Dtests=false >/dev/null
meson install -C build-install --quiet >/dev/null
(cd / && "$prefix/bin/mockexam" list --json) | grep -q '"id": "aif-c01"'
build/src/cli/mockexam build aip-c01 --seed 42 --json >"$prefix/ref.json"
(cd / && "$prefix/bin/mockexam" build aip-c01 --seed 42 --json) | cmp - "$prefix/ref.json"
printf '#include <string.h>\n#include <mockexam/bank.h>\n#include <mockexam/version.h>\nint main(void) { return mx_limits_default().max_depth != 32 || strcmp(mx_version(), MX_VERSION_STRING); }\n' \
	>"$prefix/use.c"
# shellcheck disable=SC2046 # the flags are words
PKG_CONFIG_PATH=$(dirname "$(find "$prefix" -name mockexam.pc)") &&
	export PKG_CONFIG_PATH &&
	cc -o "$prefix/use" "$prefix/use.c" $(pkg-config --cflags --libs mockexam) \
		-Wl,-rpath,"$(pkg-config --variable=libdir mockexam)" &&
	"$prefix/use"
rm -rf build-install
echo "Install test passed: banks found from /, same exam as the build tree, pkg-config works."

mockexam_build build-asan --werror -Db_sanitize=address,undefined -Db_lundef=false \
	-Dbuildtype=debug
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	meson test -C build-asan --print-errorlogs
report_skips build-asan
if [ "$skips" -gt 0 ]; then
	echo "All tests that ran passed, in the normal and the ASan+UBSan builds; $skips skipped (SKIP lines above)."
else
	echo "All tests passed, in the normal and the ASan+UBSan builds."
fi
