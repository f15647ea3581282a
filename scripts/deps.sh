#!/bin/sh
# Installs the Debian packages mockexam needs to build, run and test, when missing.
# Runs apt-get directly as root, through sudo otherwise.  Sourced by the other scripts.
set -eu

# What building and running need (cmocka too: the build compiles the unit tests).
MOCKEXAM_PACKAGES="gcc pkg-config meson ninja-build libyaml-dev libpcre2-dev libsqlite3-dev
libncurses-dev libjansson-dev libmicrohttpd-dev libcmocka-dev"
# What the tests add: the terminal, command-level and browser tests' tools.
MOCKEXAM_TEST_PACKAGES="jq tmux sqlite3 python3 python3-selenium chromium chromium-driver
binutils"

# mockexam_deps [test]: installs what is missing (with "test", the test tools too).
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
		meson setup "$dir" "$@"
	fi
	ninja -C "$dir"
}
