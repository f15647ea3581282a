#!/bin/sh
# scripts/try.sh's install, for real, into a new prefix: its install step
# (mockexam_install of scripts/deps.sh: build, meson install, the list of what it
# installed; no apt-get, no exam) with a clean environment.  Installed, mockexam finds
# libmockexam and the shipped banks from / with nothing but PATH, man finds its page
# through PATH, nothing was written outside the prefix, and scripts/uninstall.sh removes
# everything the install created and nothing else.
# Usage: test-install.sh MOCKEXAM SOURCE_ROOT
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
prefix=$TMP/prefix
build=$TMP/build
mkdir "$TMP/home" "$TMP/tmp"
list=$prefix/share/mockexam/installed-files.txt

# install_step PATH: runs the install step with only PATH, HOME and TMPDIR (both empty
# directories of this test) set; output in $TMP/out and $TMP/err, status in $status.
install_step() {
	# shellcheck disable=SC2016 # $1 and $2 are the inner shell's
	env -i PATH="$1" HOME="$TMP/home" TMPDIR="$TMP/tmp" LC_ALL=C.UTF-8 \
		sh -c '. scripts/deps.sh && mockexam_install "$1" "$2"' sh "$build" "$prefix" \
		>"$TMP/out" 2>"$TMP/err" </dev/null
	status=$?
}

# installed CMD...: runs CMD from / with only PATH (the prefix's bin first) and HOME set.
installed() {
	(cd / && timeout 20 env -i PATH="$prefix/bin:/usr/bin:/bin" HOME="$TMP/home" \
		LC_ALL=C.UTF-8 "$@") >"$TMP/out" 2>"$TMP/err" </dev/null
	status=$?
}

# check_line NAME WHICH LINE: out or err must have exactly this line
check_line() {
	grep -Fxq -- "$3" "$TMP/$2" && return 0
	fail "$1" "no line: $3" "$(head -20 "$TMP/$2")"
	return 1
}

# ---- the install ----
install_step "$PATH"
if [ "$status" -ne 0 ]; then
	fail "install" "exit status $status" "$(tail -30 "$TMP/err")"
	finish
	exit
fi
check_line "install" out "Installed mockexam into $prefix, and nothing outside it:" &&
	check_line "install" out "    $prefix/bin/mockexam" &&
	check_line "install" out "'MOCKEXAM_PREFIX=$prefix scripts/uninstall.sh' removes all $(wc -l <"$list") files and directories it created, listed in" &&
	ok "install"
check_grep "install: PATH advice" out "^$prefix/bin is not on your PATH" &&
	check_line "install: PATH advice" out "    export PATH=\"$prefix/bin:\$PATH\"" &&
	ok "install: PATH advice"

# ---- nothing outside the prefix ----
# Meson's log of every file and directory it wrote, the install's build directory and
# the prefix aside: HOME and TMPDIR stayed empty, nothing appeared beside them.
outside=$(grep -v '^#' "$build/meson-logs/install-log.txt" | grep -v '^$' |
	grep -Fvx "$prefix" | grep -Fv "$prefix/")
if [ -n "$outside" ]; then
	fail "nothing outside the prefix" "installed outside $prefix:" "$outside"
elif [ -n "$(ls -A "$TMP/home")$(ls -A "$TMP/tmp")" ]; then
	fail "nothing outside the prefix" "written in HOME or TMPDIR:" "$(find "$TMP/home" "$TMP/tmp")"
else
	extra=""
	for f in "$TMP"/* "$TMP"/.[!.]*; do
		case ${f#"$TMP"/} in
		build | prefix | home | tmp | out | err | ".[!.]*") ;;
		*) extra="$extra $f" ;;
		esac
	done
	if [ -n "$extra" ]; then
		fail "nothing outside the prefix" "written beside the build directory and the prefix:$extra"
	else
		ok "nothing outside the prefix"
	fi
fi
# The list names everything in the prefix but itself: uninstalling can remove it all.
find "$prefix" | grep -Fvx "$list" | LC_ALL=C sort >"$TMP/found"
if diff -u "$TMP/found" "$list" >"$TMP/diff"; then
	ok "the list of installed files is complete"
else
	fail "the list of installed files is complete" "$(head -20 "$TMP/diff")"
fi

# ---- installed, from / ----
installed mockexam list
if check_status "list from /" 0; then
	good=1
	for exam in aif-c01 aip-c01 mla-c01 mls-c01; do
		check_grep "list from /: $exam" out "^$exam  " &&
			check_line "list from /: $exam" out "  $prefix/share/mockexam/question-banks/aws-$exam" ||
			good=0
	done
	[ "$good" -eq 1 ] && ok "list from /: the four shipped exams, from the prefix's banks"
fi
installed ldd "$prefix/bin/mockexam"
lib=$(sed -n 's/^[[:space:]]*libmockexam\.so[^ ]* => \([^ ]*\) .*/\1/p' "$TMP/out")
case $lib in
"$prefix"/*) ok "libmockexam from the prefix, with an empty LD_LIBRARY_PATH" ;;
*) fail "libmockexam from the prefix, with an empty LD_LIBRARY_PATH" "$(cat "$TMP/out")" ;;
esac
if command -v man >/dev/null 2>&1; then
	installed man -w mockexam
	check_status "man -w mockexam" 0 &&
		check_eq "man -w mockexam" "$(cat "$TMP/out")" "$prefix/share/man/man1/mockexam.1" &&
		ok "man -w mockexam: the prefix's page, found through PATH"
	installed env MANWIDTH=80 man -P cat mockexam
	check_status "man mockexam" 0 && check_grep "man mockexam" out "^NAME" &&
		check_grep "man mockexam" out "mockexam take" && ok "man mockexam"
else
	skip "man -w mockexam" "man is not installed (scripts/deps.sh installs man-db)"
fi

# ---- again, with the prefix on PATH ----
cp "$list" "$TMP/list1"
install_step "$prefix/bin:$PATH"
if check_status "install again" 0 &&
	check_line "install again" out "mockexam and 'man mockexam' work from any directory."; then
	if grep -q "not on your PATH" "$TMP/out"; then
		fail "install again" "PATH advice with the prefix on PATH" "$(cat "$TMP/out")"
	elif ! diff -u "$TMP/list1" "$list" >"$TMP/diff"; then
		fail "install again" "the list of installed files changed" "$(head -20 "$TMP/diff")"
	else
		ok "install again, with the prefix on PATH: no PATH advice, the same files"
	fi
fi

# ---- uninstall ----
# What the install did not put there stays: the exam history lives in
# ~/.local/share/mockexam when the prefix is ~/.local, and ~/.local/bin holds other
# programs.
printf 'history\n' >"$prefix/share/mockexam/history.db"
printf 'other\n' >"$prefix/bin/other-program"
env -i PATH="$PATH" HOME="$TMP/home" MOCKEXAM_PREFIX="$prefix" sh scripts/uninstall.sh \
	>"$TMP/out" 2>"$TMP/err" </dev/null
status=$?
left=$(find "$prefix" | LC_ALL=C sort | tr '\n' ' ')
want="$prefix $prefix/bin $prefix/bin/other-program $prefix/share $prefix/share/mockexam $prefix/share/mockexam/history.db "
check_status "uninstall" 0 && check_eq "uninstall" "$left" "$want" &&
	check_grep "uninstall" out "^Uninstalled mockexam from $prefix: " && ok "uninstall: every installed file, nothing else"
rm "$prefix/share/mockexam/history.db" "$prefix/bin/other-program"
env -i PATH="$PATH" HOME="$TMP/home" MOCKEXAM_PREFIX="$prefix" sh scripts/uninstall.sh \
	>"$TMP/out" 2>"$TMP/err" </dev/null
status=$?
check_status "uninstall twice" 1 && check_grep "uninstall twice" err "^Nothing to uninstall in $prefix" &&
	ok "uninstall twice"

finish
