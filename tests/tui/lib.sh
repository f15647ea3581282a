# Shared by the screen tests: the exam screen in a tmux window, keys typed into it and
# its text read back.  Sourced after tests/cli/lib.sh (ok, fail, TMP, MOCKEXAM).  Each
# check waits (30 s at most) for what it expects, so timing never decides a result;
# only a screen that never shows it fails.
export TMUX_TMPDIR="$TMP"
S=mx
tmux kill-server 2>/dev/null
trap 'tmux kill-server 2>/dev/null; rm -rf "$TMP"' EXIT
# A session that outlives the test's: killing the last session makes the server exit,
# and a new session asked for while it exits fails ("server exited unexpectedly").
tmux new-session -d -s keep "sleep 86400"

# start_sized COLS ROWS ARGS...: runs mockexam in a fresh tmux window of that size; its
# exit status goes to $TMP/status when it ends.
start_sized() {
	local cols=$1 rows=$2
	shift 2
	tmux kill-session -t "$S" 2>/dev/null
	rm -f "$TMP/status"
	tmux new-session -d -s "$S" -x "$cols" -y "$rows" \
		"TERM=screen MOCKEXAM_DB='$MOCKEXAM_DB' MOCKEXAM_TEST_CLOCK='$MOCKEXAM_TEST_CLOCK' '$MOCKEXAM' $*; echo \$? >'$TMP/status'; sleep 60"
	screen_has "start $1" "Question [0-9]+ of" || return 1
}

# start ARGS...: start_sized in the usual 80x24.
start() { start_sized 80 24 "$@"; }

# keys KEY...: types keys (tmux names: Enter, Escape, BSpace, NPage, PPage, Home, End...).
# Quote any the shell could expand ('?', '*', '['): unquoted, a file of that name in the
# directory replaces it.
keys() { tmux send-keys -t "$S" "$@"; }

# screen_has NAME TEXT: waits for TEXT (an extended regex) on the screen; it returns as
# soon as the text appears, so a loaded machine only makes it wait longer.
screen_has() {
	for _ in $(seq 300); do
		tmux capture-pane -t "$S" -p >"$TMP/screen"
		grep -Eq -- "$2" "$TMP/screen" && return 0
		sleep 0.1
	done
	fail "$1" "the screen never showed: $2" "$(cat "$TMP/screen")"
	return 1
}

# screen_pair NAME FIRST NEXT: waits for a line matching FIRST directly followed by a line
# matching NEXT (extended regexes): a choice with its reason beside it.
screen_pair() {
	for _ in $(seq 300); do
		tmux capture-pane -t "$S" -p >"$TMP/screen"
		awk -v a="$2" -v b="$3" 'prev ~ a && $0 ~ b { found = 1 } { prev = $0 }
			END { exit !found }' "$TMP/screen" && return 0
		sleep 0.1
	done
	fail "$1" "the screen never showed '$2' above '$3'" "$(cat "$TMP/screen")"
	return 1
}

# row_is NAME ROW TEXT: waits for screen row ROW (1 is the top) to match TEXT (an
# extended regex): what is at the top or at the bottom of the page.
row_is() {
	for _ in $(seq 300); do
		tmux capture-pane -t "$S" -p >"$TMP/screen"
		sed -n "$2p" "$TMP/screen" | grep -Eq -- "$3" && return 0
		sleep 0.1
	done
	fail "$1" "screen row $2 never showed: $3" "$(cat "$TMP/screen")"
	return 1
}

# screen_lacks NAME TEXT: the screen last read (by a check that waited for something
# else) does not show TEXT.
screen_lacks() {
	grep -Eq -- "$2" "$TMP/screen" || return 0
	fail "$1" "the screen shows what it must not: $2" "$(cat "$TMP/screen")"
	return 1
}
