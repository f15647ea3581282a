#!/bin/sh
# libmockexam exports only mx_ symbols: its internals (arena_*, strmap_*, yr_*...) are
# hidden, so no program can come to depend on them.  Also: it exports a good number of
# them (a build without the export macro would export none and pass the first check).
# Usage: test-exports.sh LIBRARY
set -u
lib=$1
syms=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBR]$/ {print $3}')
bad=$(printf '%s\n' "$syms" | grep -v '^mx_' | grep -v '^_' )
count=$(printf '%s\n' "$syms" | grep -c '^mx_')
if [ -n "$bad" ]; then
	echo "FAIL    exports: symbols outside the mx_ API:"
	printf '%s\n' "$bad" | sed 's/^/        /'
	exit 1
fi
if [ "$count" -lt 80 ]; then
	echo "FAIL    exports: only $count mx_ symbols exported"
	exit 1
fi
echo "ok      exports: $count mx_ symbols and nothing else"
