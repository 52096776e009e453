#!/bin/sh
# tests/man_lint.sh - the man pages pass mandoc's linter, and aludel.1 names
# every command of `aludel --help`.
. "${top_srcdir:-.}/tests/tap.sh"
command -v mandoc >/dev/null || { echo "Bail out! mandoc is not installed (apt-get install mandoc)"; exit 1; }
for page in aludel.1 aludel.ini.5 aludel-revision.5; do
	out=$(mandoc -T lint -W warning "$top_srcdir/man/$page" 2>&1)
	ok_eq "$page: mandoc -T lint is clean" "" "$out"
done
cmds=$("$ALUDEL" --help | sed -n '/^commands:/,/^$/p' | awk 'NR>1 && NF {print $1}')
missing=""
for c in $cmds; do
	grep -q "^\.It Ic $c\b" "$top_srcdir/man/aludel.1" || missing="$missing $c"
done
ok_eq "aludel.1 documents every command" "" "$missing"
rules=$("$ALUDEL" lint --rules | awk '/^[a-z]/ {print $1}')
missing=""
[ -n "$rules" ] || missing="(aludel lint --rules lists no rule)"
for r in $rules; do
	grep -q "^\.It Li $r Pq" "$top_srcdir/man/aludel.1" || missing="$missing $r"
done
ok_eq "aludel.1 documents every lint rule ($(echo $rules | wc -w) rules)" "" "$missing"
for k in lint_disable lint_warning lint_error; do
	grep -q "^\.It Li $k Pq" "$top_srcdir/man/aludel.ini.5" || missing="$missing $k"
done
ok_eq "aludel.ini.5 documents lint_disable, lint_warning, lint_error" "" "$missing"
tap_done
