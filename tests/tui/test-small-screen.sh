#!/bin/bash
# The exam screen on small terminals, 80x24 and 40x12, driven through tmux (lib.sh): a
# case study longer than the screen wraps and scrolls whole, PgUp, PgDn, Home and End
# stop at the ends of the page, the header drops fields whole rather than run them
# together, and what the results and the review say on a narrow screen.
# Usage: test-small-screen.sh MOCKEXAM SOURCE_ROOT
. "$(dirname "$0")/../cli/lib.sh"
need tmux
export MOCKEXAM_DB="$TMP/history.db"
use_test_clock
. "$ROOT/tests/tui/lib.sh"
CASES=tests/data/good/cases

# screen_text_has NAME TEXT: waits for TEXT (an extended regex) in the screen's text read
# as one line, without the scroll marks, runs of spaces as one: a sentence however the
# width wrapped it.
screen_text_has() {
	for _ in $(seq 300); do
		tmux capture-pane -t "$S" -p | sed -E 's/ +[v^]$//' | tr '\n' ' ' | tr -s ' ' >"$TMP/text"
		grep -Eq -- "$2" "$TMP/text" && return 0
		sleep 0.1
	done
	fail "$1" "the screen never said: $2" "$(tmux capture-pane -t "$S" -p)"
	return 1
}

# screen_is NAME FILE: waits for the screen to be exactly FILE, a screen saved before.
screen_is() {
	for _ in $(seq 300); do
		tmux capture-pane -t "$S" -p >"$TMP/screen"
		cmp -s "$TMP/screen" "$2" && return 0
		sleep 0.1
	done
	fail "$1" "the screen is not the one saved" "$(diff "$2" "$TMP/screen")"
	return 1
}

# page_until NAME FIRST NEXT: PgDn, a page at a time (each waited for), until a line
# matching FIRST directly followed by one matching NEXT (extended regexes) is on the
# screen.  A page keeps the last line of the one before, so every such pair is whole on
# some page.
page_until() {
	for _ in $(seq 20); do
		tmux capture-pane -t "$S" -p >"$TMP/before"
		awk -v a="$2" -v b="$3" 'prev ~ a && $0 ~ b { found = 1 } { prev = $0 }
			END { exit !found }' "$TMP/before" && return 0
		keys NPage
		for _ in $(seq 300); do
			tmux capture-pane -t "$S" -p | cmp -s - "$TMP/before" || continue 2
			sleep 0.1
		done
		break
	done
	fail "$1" "no page showed '$2' above '$3'" "$(cat "$TMP/before")"
	return 1
}

# screen_leaves NAME FILE OUT: waits for the screen to differ from FILE, a screen saved
# before, and saves the new one in OUT.
screen_leaves() {
	for _ in $(seq 300); do
		tmux capture-pane -t "$S" -p >"$3"
		cmp -s "$3" "$2" || return 0
		sleep 0.1
	done
	fail "$1" "the screen never changed" "$(cat "$2")"
	return 1
}

# the header of a question: the fields that fit, each whole, two spaces apart
HEADER="^ ((cases  )?Question [0-9] of 3(  Answered [0-9]( +Incomplete [0-9])?(  Flagged [0-9])?)?) +Time left 12:00 ?$"

# seed 1 shows the three questions of the case "rail": 1 r2 (multiple: A C), 2 r1 (B),
# 3 r3 (A).  Its scenario is longer than an 80x24 screen.
for size in 80x24 40x12; do
	cols=${size%x*} rows=${size#*x}
	bottom=$((rows - 2)) # the page's last row while no message shows
	start_sized "$cols" "$rows" take "$CASES" --seed 1 || continue
	row_is "$size: header" 1 "$HEADER" && ok "$size: header"
	row_is "$size: a case study starts at its top" 3 "^ Case study: A commuter railway" &&
		screen_has "$size: a case study starts at its top" "^ Northwind Rail runs commuter trains" &&
		ok "$size: a case study starts at its top"

	# the lists of the scenario stay lists, wrapped under their text
	page_until "$size: scenario lists" "^ 1\. Ticket machines at 140 stations" "^    (report|predict) " &&
		page_until "$size: scenario lists" "^ 2\. Passengers send about 9,000" "^    [a-z]" &&
		page_until "$size: scenario lists" "^ The data the projects can use:" "^ - Five years of hourly" &&
		page_until "$size: scenario lists" "^ - Five years of hourly" "^   [a-z]" &&
		ok "$size: scenario lists"

	# End: the last line of the page on the last row, not a blank past it
	keys End
	row_is "$size: End" "$bottom" "^  \[ \] E\. Amazon Transcribe$" &&
		screen_lacks "$size: End" "Northwind" && ok "$size: End"
	# from the end, PgUp and then PgDn past the end come back to the same screens
	tmux capture-pane -t "$S" -p >"$TMP/end"
	keys PPage
	screen_leaves "$size: PgDn stops at the end" "$TMP/end" "$TMP/up" &&
		keys NPage NPage NPage NPage &&
		row_is "$size: PgDn stops at the end" "$bottom" "^  \[ \] E\. Amazon Transcribe$" &&
		keys PPage && screen_is "$size: PgDn stops at the end" "$TMP/up" &&
		ok "$size: PgDn stops at the end"
	keys Home
	row_is "$size: Home" 3 "^ Case study: A commuter railway" && ok "$size: Home"
	keys PPage PPage End
	row_is "$size: PgUp stops at the top" "$bottom" "E\. Amazon Transcribe" &&
		keys $(printf 'PPage %.0s' $(seq 12)) &&
		row_is "$size: PgUp stops at the top" 3 "^ Case study: A commuter railway" &&
		screen_has "$size: PgUp stops at the top" "^ Northwind Rail runs commuter trains" &&
		ok "$size: PgUp stops at the top"

	# more choices than asked: said on the question and in the review list
	keys a b c
	screen_text_has "$size: chosen 3 of 2" "\(Select TWO\.\) Chosen 3 of 2: incomplete" &&
		ok "$size: chosen 3 of 2"
	keys r
	screen_has "$size: incomplete in the review" "^ +1 +Incomplete +A, B, C$" &&
		screen_text_has "$size: incomplete in the review" "Review: 1 answered \(1 incomplete\), 2 unanswered, 0 flagged\. Showing all questions\." &&
		ok "$size: incomplete in the review"
	keys Escape b
	screen_text_has "$size: chosen 2 of 2" "\(Select TWO\.\) Chosen 2 of 2 " && ok "$size: chosen 2 of 2"

	# the next question of the same case starts at its stem; the case study is above
	keys n
	screen_has "$size: next question of the case" "^ The analytics team wants to start on" &&
		screen_text_has "$size: next question of the case" "The case study is above: PgUp or Home shows it\." &&
		screen_lacks "$size: next question of the case" "Northwind" && ok "$size: next question of the case"
	keys $(printf 'PPage %.0s' $(seq 12))
	row_is "$size: PgUp reaches the case study" 3 "^ Case study: A commuter railway" &&
		screen_has "$size: PgUp reaches the case study" "^ Northwind Rail runs commuter trains" &&
		ok "$size: PgUp reaches the case study"
	keys End
	row_is "$size: End of a question" "$bottom" "numbers$" && keys Home &&
		row_is "$size: Home of a question" 3 "^ Case study: A commuter railway" &&
		ok "$size: End and Home of a question"

	# help scrolls, and says what the keys do
	keys '?'
	row_is "$size: help" 3 "^ Keys$" && if [ "$cols" = 80 ]; then
		screen_has "$size: help" "^ Home, End +the top or the bottom of the question$" &&
			screen_has "$size: help" "^ PgUp, PgDn +scroll a long question up or down a page$"
	fi && keys End && row_is "$size: help scrolls" "$bottom" " it\.$" &&
		screen_text_has "$size: help scrolls" "Every answer is saved as you give it\." &&
		if [ "$cols" = 80 ]; then
			screen_text_has "$size: help" "a letter gives the marked prompt that option, and the mark moves on to the next prompt\."
		fi && keys Home && row_is "$size: help scrolls" 3 "^ Keys$" && ok "$size: help"
	keys Escape
	row_is "$size: help goes back" 1 "Question 2 of 3" && ok "$size: help goes back"

	# every answer right; the results, the wrong ones (none) and the answer review
	keys b n a s y
	screen_has "$size: results" "Result: +PASS" &&
		row_is "$size: results header" 1 "^ (cases  )?Results +Time used 0:00 ?$" && ok "$size: results"
	keys w
	screen_has "$size: none is wrong" "No questions match: none is wrong\.$" && ok "$size: none is wrong"
	keys v
	row_is "$size: answer review" 3 "^ Question 1 of 3 \(r2\): correct$" && keys End &&
		row_is "$size: answer review End" "$bottom" "https://example\.com/comprehend$" &&
		keys $(printf 'PPage %.0s' $(seq 12)) &&
		row_is "$size: answer review PgUp" 3 "^ Question 1 of 3 \(r2\): correct$" &&
		keys $(printf 'NPage %.0s' $(seq 12)) &&
		row_is "$size: answer review PgDn" "$bottom" "https://example\.com/comprehend$" &&
		keys Home && row_is "$size: answer review Home" 3 "^ Question 1 of 3 \(r2\): correct$" &&
		ok "$size: answer review scrolls"
	keys Escape q
	for _ in $(seq 300); do [ -s "$TMP/status" ] && break; sleep 0.1; done
	check_eq "$size: exits after results" "$(cat "$TMP/status" 2>/dev/null)" 0 &&
		ok "$size: exits after results"
done

# ---- 40 columns: the header drops fields whole, whatever the time ----
start_sized 40 12 take tests/data/good/tiny --seed 7 --minutes 95
row_is "40 columns, long time" 1 "^ Question 1 of 6 +Time left 1:35:00 ?$" &&
	ok "40 columns, long time"
keys c
row_is "40 columns, footer" 12 "^ A-H choose  x strike  m flag  \? help ?$" && ok "40 columns, footer"
tmux resize-window -t "$S" -x 60 -y 12
row_is "60 columns" 1 "^ Question 1 of 6  Answered 1(  Flagged 0)? +Time left 1:35:00 ?$" && ok "60 columns"
# every width from 40 to 80: whole fields, two spaces apart, then the time
for cols in $(seq 40 80); do
	tmux resize-window -t "$S" -x "$cols" -y 12
	row_is "header at $cols columns" 1 \
		"^ (tiny  )?Question 1 of 6(  Answered 1(  Flagged 0)?)? +Time left 1:35:00$" || break
done && ok "header at every width from 40 to 80"
keys q y
finish
