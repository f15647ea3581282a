#!/bin/sh
# Quick start, part one: install what is missing, build, and start a real, timed
# AWS Certified AI Practitioner (AIF-C01) mock exam on the shipped bank.
#
# usage: scripts/try.sh [EXAM] [take options]     (default: aif-c01)
# On a terminal the exam is full screen; otherwise it runs line by line.  Your answers
# are saved as you go: 'build/src/cli/mockexam resume' continues an interrupted exam.
set -eu
cd "$(dirname "$0")/.."
. scripts/deps.sh
mockexam_deps
mockexam_build build >/dev/null
exam=${1:-aif-c01}
[ $# -gt 0 ] && shift
echo
build/src/cli/mockexam list | sed -n "/^$exam /,/^\$/p"
echo "Starting the $exam mock exam. Press ? on the exam screen for the keys."
[ -t 0 ] && [ -t 1 ] && sleep 2
exec build/src/cli/mockexam take "$exam" "$@"
