# Shared by the command-level tests: run the real mockexam binary and compare.
# Each test script sources this, calls check_* per case, and ends with finish.
# Usage of a script: SCRIPT MOCKEXAM SOURCE_ROOT

set -u
MOCKEXAM=$(realpath "$1")
ROOT=$(realpath "$2")
STARTDIR=$PWD # where the test was started: the build directory under meson test
cd "$ROOT" || exit 2
# Keep the user's environment out of the tests: no extra banks, a private history.
unset MOCKEXAM_BANKS
export MOCKEXAM_DB=/nonexistent/mockexam-tests.db
export LC_ALL=C.UTF-8
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
passed=0
failed=0

ok() {
	passed=$((passed + 1))
	printf 'ok      %s\n' "$1"
}

fail() {
	failed=$((failed + 1))
	printf 'FAIL    %s\n' "$1"
	shift
	[ $# -gt 0 ] && printf '%s\n' "$@" | sed 's/^/        /'
	return 0
}

# skip NAME REASON: a check that cannot run here says so; it is never passed over in
# silence.
skipped=0
skip() {
	skipped=$((skipped + 1))
	printf 'SKIP    %s: %s\n' "$1" "$2"
}

# need TOOL...: when a tool the script needs is missing, the whole script is skipped: it
# says so and exits with 77, which meson counts as skipped.
need() {
	for tool in "$@"; do
		if ! command -v "$tool" >/dev/null 2>&1; then
			printf 'SKIP    %s: %s is not installed (scripts/deps.sh installs it)\n' \
				"$(basename "$0")" "$tool"
			exit 77
		fi
	done
}

# use_test_clock: from here on mockexam reads the time from a file this script writes
# (MOCKEXAM_TEST_CLOCK, src/frontend/clock.h): it starts at 0 and stands still until
# set_clock moves it, so no test waits for time to pass.
use_test_clock() {
	export MOCKEXAM_TEST_CLOCK="$TMP/clock"
	set_clock 0
}

# set_clock MS: sets the test clock.  The new file is renamed over the old, so mockexam
# never reads half a number.
set_clock() {
	printf '%s\n' "$1" >"$TMP/clock.new" && mv -f "$TMP/clock.new" "$TMP/clock"
}

# wait_for NAME FILE PATTERN: waits for a line of FILE matching the extended regex and
# returns as soon as there is one; a loaded machine only makes it wait longer.  Fails
# NAME when none has come after 30 s.
wait_for() {
	for _ in $(seq 600); do
		grep -Eq -- "$3" "$2" 2>/dev/null && return 0
		sleep 0.05
	done
	fail "$1" "no line matching: $3" "$(tail -10 "$2" 2>/dev/null)"
	return 1
}

# run NAME STATUS CMD...: runs mockexam with a 20 s limit (nothing may hang); leaves
# standard output in $TMP/out, standard error in $TMP/err and the status in $status.
run() {
	timeout 20 "$MOCKEXAM" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
	status=$?
}

# check_status NAME WANT: the last run's exit status
check_status() {
	if [ "$status" -ne "$2" ]; then
		fail "$1" "exit status $status, expected $2" "$(head -5 "$TMP/err")"
		return 1
	fi
	return 0
}

# check_file NAME WHICH EXPECTED_FILE: out or err must equal the file exactly
check_file() {
	if ! diff -u "$3" "$TMP/$2" >"$TMP/diff"; then
		fail "$1" "$(head -40 "$TMP/diff")"
		return 1
	fi
	return 0
}

# check_eq NAME GOT WANT: two strings must be equal
check_eq() {
	[ "$2" = "$3" ] && return 0
	fail "$1" "got '$2', expected '$3'"
	return 1
}

# check_grep NAME WHICH PATTERN: out or err must match the extended regex
check_grep() {
	if ! grep -Eq -- "$3" "$TMP/$2"; then
		fail "$1" "no line matching: $3" "$(head -10 "$TMP/$2")"
		return 1
	fi
	return 0
}

finish() {
	if [ "$skipped" -gt 0 ]; then
		echo "$passed passed, $failed failed, $skipped skipped"
	else
		echo "$passed passed, $failed failed"
	fi
	[ "$failed" -eq 0 ]
}
