#!/bin/sh
# Quick start, part one: install what is missing, build, install mockexam into a prefix
# of yours, and start a real, timed AWS Certified AI Practitioner (AIF-C01) mock exam on
# the shipped bank with the installed program.
#
# usage: scripts/try.sh [EXAM] [take options]     (default: aif-c01)
# The prefix is $MOCKEXAM_PREFIX, else ~/.local: PREFIX/bin/mockexam, its man page, the
# banks and libmockexam, nothing outside it; scripts/uninstall.sh removes them.  On a
# terminal the exam is full screen; otherwise it runs line by line.  Your answers are
# saved as you go: 'mockexam resume' continues an interrupted exam.
set -eu
here=$(pwd)
prefix=${MOCKEXAM_PREFIX:-$HOME/.local}
case $prefix in
/*) ;;
*) prefix=$here/$prefix ;;
esac
cd "$(dirname "$0")/.."
. scripts/deps.sh
mockexam_deps run
mockexam_install build-try "$prefix"
prefix=$(mockexam_prefix "$prefix")
exam=${1:-aif-c01}
[ $# -gt 0 ] && shift
cd "$here"
echo
"$prefix/bin/mockexam" list | sed -n "/^$exam /,/^\$/p"
echo "Starting the $exam mock exam. Press ? on the exam screen for the keys."
[ -t 0 ] && [ -t 1 ] && sleep 2
exec "$prefix/bin/mockexam" take "$exam" "$@"
