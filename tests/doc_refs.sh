#!/bin/sh
# tests/doc_refs.sh - the design notes the code cites are in the repository:
# every "§N", "§N.M" or "§N.M.K" in src/, ui/ and tests/ names a section of
# doc/alembic-compat.md (a "## N." or "### N.M" heading, or item K of the
# numbered list under "### N.M"), every file citing one names that document,
# no comment points outside the repository (a "shared/" path), and every
# function include/aludel.h declares has its own doc comment right above it.
. "${top_srcdir:-.}/tests/tap.sh"
set -u
top=${top_srcdir:-.}
doc="$top/doc/alembic-compat.md"
cd "$top" || exit 1
files=$(grep -rl '§' src ui tests --include='*.[ch]' --include='*.sh' --include='*.py' --include='*.am' | grep -v '^tests/doc_refs.sh$')
ok_match "some code cites the document (the check has something to check)" . "$files"

# does section $1 exist?
resolves() {
	case $1 in
	*.*.*)
		sec=${1%.*} item=${1##*.}
		awk -v sec="### $sec " -v item="$item." '
			index($0, sec) == 1 { inside = 1; next }
			/^##/ { inside = 0 }
			inside && index($0, item " ") == 1 { found = 1 }
			END { exit !found }' "$doc"
		;;
	*.*) grep -q "^### $1 " "$doc" ;;
	*) grep -q "^## $1\. " "$doc" ;;
	esac
}
bad=""
for f in $files; do
	for ref in $(grep -o '§[0-9][0-9.]*' "$f" | sed 's/^§//; s/\.$//' | sort -u); do
		resolves "$ref" || bad="$bad $f:§$ref"
	done
done
ok_eq "every § the code cites is a section of doc/alembic-compat.md" "" "$bad"
unnamed=""
for f in $files; do
	grep -q 'alembic-compat.md' "$f" || unnamed="$unnamed $f"
done
ok_eq "every file citing a § names doc/alembic-compat.md" "" "$unnamed"
outside=$(grep -rln '\.\./shared\|shared/alembic' src ui tests | grep -v '^tests/doc_refs.sh$' || true)
ok_eq "no comment points outside the repository" "" "$outside"
undocumented=$(awk '/^ALD_EXTERN\(/ { if (prev !~ /\*\/[ \t]*$/) print NR ": " $0 }
	!/^[ \t]*$/ { prev = $0 }' include/aludel.h)
ok_eq "every function of include/aludel.h has a doc comment" "" "$undocumented"
tap_done
