#!/bin/sh
# Removes what scripts/try.sh installed: every file and directory it listed in
# PREFIX/share/mockexam/installed-files.txt, and nothing else (your exam history stays).
#
# usage: scripts/uninstall.sh      (PREFIX: $MOCKEXAM_PREFIX, else ~/.local, as for try.sh)
set -eu
prefix=${MOCKEXAM_PREFIX:-$HOME/.local}
case $prefix in
/*) ;;
*) prefix=$(pwd)/$prefix ;;
esac
cd "$(dirname "$0")/.."
. scripts/deps.sh
mockexam_uninstall "$prefix"
