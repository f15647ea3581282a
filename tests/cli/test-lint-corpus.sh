#!/bin/bash
# Every deliberately broken bank in tests/data/bad/ must fail lint with exit status 1
# and exactly the diagnostics in its 'expected' file (file, line, column, message).
# A case may pass extra options in an 'args' file.  With --update, rewrites 'expected'
# from the current output (read the diff before committing it).
. "$(dirname "$0")/lib.sh"
update=${3:-}

for dir in tests/data/bad/*/; do
	name=${dir%/}
	args=()
	[ -f "$name/args" ] && read -ra args <"$name/args"
	run lint "${args[@]}" "$name"
	if [ "$update" = --update ]; then
		cp "$TMP/err" "$name/expected"
	fi
	check_status "lint ${name##*/}" 1 && check_file "lint ${name##*/}" err "$name/expected" &&
		ok "lint ${name##*/}"
done
# Every item-writing cue in tests/data/cues/ draws exactly its warning, and its near
# misses none: lint exits 0 with exactly the diagnostics in 'expected'.
for dir in tests/data/cues/*/; do
	name=${dir%/}
	run lint "$name"
	if [ "$update" = --update ]; then
		cp "$TMP/err" "$name/expected"
	fi
	check_status "cue ${name##*/}" 0 && check_file "cue ${name##*/}" err "$name/expected" &&
		ok "cue ${name##*/}"
done
finish
