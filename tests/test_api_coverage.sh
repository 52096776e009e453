#!/bin/sh
# tests/test_api_coverage.sh - every function include/aludel.h declares is
# called by the API tests (tests/test_api*.c, built against aludel.h alone):
# a function added to the API without a test, or a test dropped, fails here.
. "${top_srcdir:-.}/tests/tap.sh"
. "${top_srcdir:-.}/tests/api_header.sh"
set -u
header="$top_srcdir/include/aludel.h"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

api_declared >"$work/declared"
ok_eq "every ALD_EXTERN line of aludel.h gives a function name (the list is read whole)" \
	"$(grep -c '^ALD_EXTERN' "$header")" "$(wc -l <"$work/declared" | tr -d ' ')"
ok_status "aludel.h declares functions" 0 "$([ "$(wc -l <"$work/declared")" -ge 50 ]; echo $?)"

tests=$(ls "$top_srcdir"/tests/test_api*.c)
ok_match "the API tests are there" 'test_api\.c' "$tests"
# a name counts when it is followed by "(" (a call), not as a part of a longer name
missing=""
while read -r name; do
	# shellcheck disable=SC2086
	grep -Eq "(^|[^A-Za-z0-9_])$name *\(" $tests || missing="$missing $name"
done <"$work/declared"
ok_eq "every function aludel.h declares is called in tests/test_api*.c" "" "$missing"
tap_done
