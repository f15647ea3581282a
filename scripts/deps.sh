#!/bin/sh
# Installs the Debian packages mockexam needs to build, run and test, when missing.
# Runs apt-get directly as root, through sudo otherwise.  Sourced by the other scripts.
set -eu

# What building (without the tests) and running need, man-db for 'man mockexam'.
MOCKEXAM_PACKAGES="gcc pkg-config meson ninja-build libyaml-dev libpcre2-dev libsqlite3-dev
libncurses-dev libjansson-dev libmicrohttpd-dev man-db"
# What the tests add: cmocka for the unit tests, the terminal, command-level and browser
# tests' tools.
MOCKEXAM_TEST_PACKAGES="libcmocka-dev jq tmux sqlite3 python3 python3-selenium chromium
chromium-driver binutils"

# mockexam_deps run|test: installs what is missing to build and run (with "test", the
# test tools too).
mockexam_deps() {
	missing=""
	wanted=$MOCKEXAM_PACKAGES
	[ "${1:-}" = test ] && wanted="$wanted $MOCKEXAM_TEST_PACKAGES"
	for p in $wanted; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
			missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	echo "Installing:$missing"
	if [ "$(id -u)" -eq 0 ]; then
		SUDO=""
	elif command -v sudo >/dev/null 2>&1; then
		SUDO="sudo"
	else
		echo "error: these packages are missing and neither root nor sudo is available:$missing" >&2
		exit 3
	fi
	export DEBIAN_FRONTEND=noninteractive
	# shellcheck disable=SC2086
	$SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends $missing
}

# mockexam_build DIR [meson options...]: configures (once) and builds into DIR.
mockexam_build() {
	dir=$1
	shift
	if [ ! -f "$dir/build.ninja" ]; then
		meson setup "$dir" "$@" || return
	fi
	ninja -C "$dir"
}

# mockexam_install DIR PREFIX: builds into DIR, without the tests, for the absolute
# PREFIX, and installs there: PREFIX/bin/mockexam, its man page (PREFIX/share/man), the
# shipped banks (PREFIX/share/mockexam/question-banks, compiled into the program),
# libmockexam (the program's run path names PREFIX's library directory) with its headers
# and pkg-config file.  Nothing outside PREFIX: it must be yours, no root is asked for.
# Every file and directory the install created is added to PREFIX/share/mockexam/
# installed-files.txt, which mockexam_uninstall reads.  Prints where it installed, and
# the line to add to a shell profile when PREFIX/bin is not on PATH.
mockexam_install() {
	dir=$1
	prefix=$(mockexam_prefix "$2") || return
	existing=$prefix
	while [ ! -e "$existing" ]; do
		existing=$(dirname "$existing")
	done
	if [ ! -d "$existing" ] || [ ! -w "$existing" ]; then
		echo "error: cannot install into $prefix: $existing is not a directory you can write to;" \
			"choose another prefix: MOCKEXAM_PREFIX=DIR scripts/try.sh" >&2
		return 3
	fi
	if [ -f "$dir/build.ninja" ]; then
		meson configure "$dir" --prefix="$prefix" -Dtests=false >/dev/null || return
	fi
	if ! out=$(mockexam_build "$dir" --prefix="$prefix" -Dtests=false 2>&1); then
		printf '%s\n' "$out" | tail -40 >&2
		echo "error: the build in $dir failed (above)" >&2
		return 1
	fi
	# Where it cannot write, meson 1.0 runs itself again through pkexec (PKEXEC_UID set
	# stops it) and later versions offer sudo on a terminal (output not to one stops it).
	status=0
	out=$(PKEXEC_UID=$(id -u) meson install -C "$dir" --no-rebuild --quiet 2>&1 </dev/null) ||
		status=$?
	# What a failed install created is listed too, so that uninstalling removes it.
	list=$prefix/share/mockexam/installed-files.txt
	if [ -d "$prefix/share/mockexam" ]; then
		{
			[ -f "$list" ] && cat "$list"
			grep -v '^#' "$dir/meson-logs/install-log.txt" | grep -v '^$'
		} | LC_ALL=C sort -u >"$list.new" && mv -f "$list.new" "$list"
	fi
	if [ "$status" -ne 0 ]; then
		printf '%s\n' "$out" >&2
		echo "error: installing into $prefix failed (above)" >&2
		return "$status"
	fi
	uninstall=scripts/uninstall.sh
	[ "$prefix" = "$HOME/.local" ] || uninstall="MOCKEXAM_PREFIX=$prefix $uninstall"
	echo "Installed mockexam into $prefix, and nothing outside it:"
	echo "    $prefix/bin/mockexam"
	echo "    $prefix/share/man/man1/mockexam.1"
	echo "    $prefix/share/mockexam/question-banks/ (the shipped banks)"
	echo "    libmockexam, its headers and pkg-config file, under $prefix/lib and include"
	echo "'$uninstall' removes all $(wc -l <"$list") files and directories it created, listed in"
	echo "$list."
	case ":$PATH:" in
	*":$prefix/bin:"* | *":$prefix/bin/:"*)
		echo "mockexam and 'man mockexam' work from any directory."
		;;
	*)
		shown=$prefix
		case $prefix in
		"$HOME"/*) shown="\$HOME${prefix#"$HOME"}" ;;
		esac
		echo "$prefix/bin is not on your PATH."
		echo "Until it is, run $prefix/bin/mockexam. For 'mockexam' and 'man mockexam' to work"
		echo "from any directory, add this line to your shell profile (~/.profile, or ~/.bashrc):"
		echo
		echo "    export PATH=\"$shown/bin:\$PATH\""
		echo
		if [ "$prefix" = "$HOME/.local" ] && grep -qs '\.local/bin' "$HOME/.profile"; then
			echo "(Your ~/.profile names ~/.local/bin: Debian's adds it to PATH at login when it"
			echo "exists, so logging in again may be enough.)"
		fi
		;;
	esac
	# man finds the page through PATH (bin -> share/man) unless MANPATH says otherwise.
	case ":${MANPATH:-}:" in
	"::" | *"::"* | *":$prefix/share/man:"*) ;;
	*)
		echo "MANPATH is set: for 'man mockexam', add $prefix/share/man to it too:"
		echo "    export MANPATH=\"$prefix/share/man:\$MANPATH\""
		;;
	esac
}

# mockexam_uninstall PREFIX: removes every file and directory mockexam_install listed in
# PREFIX/share/mockexam/installed-files.txt, and nothing else: a directory it created
# stays when something else is in it now (the exam history, in ~/.local/share/mockexam).
mockexam_uninstall() {
	prefix=$(mockexam_prefix "$1") || return
	list=$prefix/share/mockexam/installed-files.txt
	if [ ! -f "$list" ]; then
		echo "Nothing to uninstall in $prefix: there is no $list." >&2
		return 1
	fi
	installed=$(cat "$list")
	rm -f "$list"
	# In reverse order, what a directory holds comes before the directory.
	printf '%s\n' "$installed" | LC_ALL=C sort -ru | {
		removed=0
		kept=""
		while IFS= read -r f; do
			# Inside the prefix, or a directory the install made on the way to it.
			case $f in
			"$prefix" | "$prefix"/*) ;;
			*) case $prefix in "$f"/*) ;; *) continue ;; esac ;;
			esac
			if [ -d "$f" ] && [ ! -L "$f" ]; then
				if rmdir "$f" 2>/dev/null; then
					removed=$((removed + 1))
				else
					kept="$kept
    $f"
				fi
			elif [ -e "$f" ] || [ -L "$f" ]; then
				rm -f "$f" && removed=$((removed + 1))
			fi
		done
		echo "Uninstalled mockexam from $prefix: $removed files and directories removed."
		[ -z "$kept" ] || echo "Kept these directories, as something else is in them:$kept"
	}
}

# mockexam_prefix DIR: DIR, which must be absolute, without a trailing slash.
mockexam_prefix() {
	p=$1
	case $p in
	/*) ;;
	*)
		echo "error: the install prefix must be an absolute path, not '$p'" >&2
		return 2
		;;
	esac
	while [ "$p" != / ] && [ "${p%/}" != "$p" ]; do
		p=${p%/}
	done
	printf '%s\n' "$p"
}
