# Shared by the command-level tests: run the real mockexam binary and compare.
# Each test script sources this, calls check_* per case, and ends with finish.
# Usage of a script: SCRIPT MOCKEXAM SOURCE_ROOT

set -u
MOCKEXAM=$(realpath "$1")
ROOT=$(realpath "$2")
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

# check_grep NAME WHICH PATTERN: out or err must match the extended regex
check_grep() {
	if ! grep -Eq -- "$3" "$TMP/$2"; then
		fail "$1" "no line matching: $3" "$(head -10 "$TMP/$2")"
		return 1
	fi
	return 0
}

finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
