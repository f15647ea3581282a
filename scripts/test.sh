#!/bin/sh
# Quick start, part two: install what is missing, build with warnings as errors, and run
# every test twice: in a normal build and in an ASan+UBSan build.
set -eu
cd "$(dirname "$0")/.."
. scripts/deps.sh
mockexam_deps

mockexam_build build --werror
meson test -C build --print-errorlogs

mockexam_build build-asan --werror -Db_sanitize=address,undefined -Db_lundef=false \
	-Dbuildtype=debug
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	meson test -C build-asan --print-errorlogs
echo "All tests passed, in the normal and the ASan+UBSan builds."
