#!/bin/sh
# tests/compare_alembic.sh - runs Debian's Alembic 1.8.1 and aludel on the
# same Alembic projects (tests/gen_alembic_projects.py) and compares the output
# of heads, branches, history (with ranges) and show, command by command.
#
# Alembic runs through tests/alembic_sorted.py (folders read in sorted order,
# surviving depends_on targets in written order, PYTHONHASHSEED=0), all of its
# commands in one Python process.  Before comparing, both outputs go through
# the same normaliser, which sorts what 1.8.1 prints in set order: the label
# list in the parentheses after a revision id, `Branch names:` and
# `Branches into:` lists, and each run of `branches` child lines (` -> ...`).
# Exit statuses: Alembic 0 = aludel 0, Alembic 255 (FAILED) = aludel 1,
# Alembic 2 (usage) = aludel 2; when both fail only the statuses are compared.
# A command on which Alembic itself crashes (traceback, behaviour notes §8.2)
# is reported as skipped, with the exception.
#
# Run by `make check`, or by hand from the build directory:
#   sh ../tests/compare_alembic.sh            (aludel = ./aludel)
#   ALUDEL=/path/to/aludel PYTHON=python3 sh tests/compare_alembic.sh
# KEEP=1 keeps the projects and outputs (the directory is printed).
set -u
set -f

srcdir=${top_srcdir:-$(dirname "$0")/..}
ALUDEL=${ALUDEL:-${top_builddir:-.}/aludel}
case "$ALUDEL" in /*) ;; *) ALUDEL="$(pwd)/$ALUDEL" ;; esac
case "$srcdir" in /*) ;; *) srcdir="$(pwd)/$srcdir" ;; esac

# A Python that has Alembic: $PYTHON, python3 on the PATH, or Debian's own.
py=""
for cand in "${PYTHON:-python3}" python3 /usr/bin/python3; do
	if "$cand" -c 'import alembic' >/dev/null 2>&1; then py=$cand; break; fi
done
if [ -z "$py" ]; then
	echo "Bail out! python3-alembic is not installed (apt-get install python3-alembic)"
	exit 1
fi
version=$("$py" -c 'import alembic; print(alembic.__version__)')
case "$version" in
1.8.*) ;;
*) echo "Bail out! the reference is Alembic 1.8.1 (Debian's python3-alembic); found $version"; exit 1 ;;
esac
if [ ! -x "$ALUDEL" ]; then
	echo "Bail out! $ALUDEL is not built"
	exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/compare_alembic.XXXXXX") || exit 1
work=$(cd "$work" && pwd -P)
if [ -n "${KEEP:-}" ]; then echo "# keeping $work"; else trap 'rm -rf "$work"' EXIT; fi
PYTHONHASHSEED=0
export PYTHONHASHSEED

if ! "$py" "$srcdir/tests/gen_alembic_projects.py" "$work/p" >"$work/gen.log" 2>&1; then
	echo "Bail out! tests/gen_alembic_projects.py failed:"
	sed 's/^/# /' "$work/gen.log"
	exit 1
fi
projects=$(cat "$work/p/projects")
set --
for p in $projects; do set -- "$@" "p/$p"; done
if ! (cd "$work" && "$py" "$srcdir/tests/alembic_sorted.py" --batch ref "$@" </dev/null >"$work/ref.log" 2>&1); then
	echo "Bail out! running Alembic failed:"
	sed 's/^/# /' "$work/ref.log"
	exit 1
fi

# The normaliser (see the top of this file).
norm='
function sortlist(s,    n, a, i, j, t, out) {
	n = split(s, a, ", ")
	for (i = 2; i <= n; i++) {
		t = a[i]
		for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]
		a[j + 1] = t
	}
	out = a[1]
	for (i = 2; i <= n; i++) out = out ", " a[i]
	return out
}
function labels(line,    p, pre, rest, q, inner) {
	p = index(line, " -> ")
	if (p) { pre = substr(line, 1, p + 3); rest = substr(line, p + 4) }
	else { pre = ""; rest = line }
	if (match(rest, /^[^ (]+ \([^)]*\)/)) {
		q = index(rest, " (")
		inner = substr(rest, q + 2, RLENGTH - q - 2)
		rest = substr(rest, 1, q + 1) sortlist(inner) substr(rest, RLENGTH)
	}
	return pre rest
}
function flush(    i, j, t) {
	for (i = 2; i <= nb; i++) {
		t = blk[i]
		for (j = i - 1; j >= 1 && blk[j] > t; j--) blk[j + 1] = blk[j]
		blk[j + 1] = t
	}
	for (i = 1; i <= nb; i++) print blk[i]
	nb = 0
}
/^Branch names: / { flush(); print "Branch names: " sortlist(substr($0, 15)); next }
/^Branches into: / { flush(); print "Branches into: " sortlist(substr($0, 16)); next }
/^ +-> / { blk[++nb] = labels($0); next }
{ flush(); print labels($0) }
END { flush() }
'

# The plan: one sanity check of the reference, then one test per command.
total=1
for p in $projects; do
	total=$((total + $(grep -c . "$work/p/$p/commands")))
done
echo "1..$total"
n=0
failed=0

# Sanity: Alembic's history of G1 has the lines captured in the behaviour
# notes (§6.6; their order there is that machine's readdir order).
n=$((n + 1))
g1_history='6000dddd0001 (7000ffff0001) -> 8000dddd0002 (featb) (head), needs other root
5000eeee0001 -> 6000dddd0001 (featb), after merge
3000bbbb0002, 4000cccc0002 -> 5000eeee0001 (featb) (mergepoint), merge b and c
3000bbbb0001 -> 3000bbbb0002 (featb), feature b more
2000aaaa0002 -> 3000bbbb0001 (featb), feature b start
4000cccc0001 -> 4000cccc0002, feature c more
2000aaaa0002 -> 4000cccc0001, feature c start
7000ffff0001 -> 7000ffff0002 (other) (head), other two
1000aaaa0001 -> 2000aaaa0002 (branchpoint), second step
<base> -> 1000aaaa0001, initial schema
<base> -> 7000ffff0001 (other), other root'
g1n=$(grep -n '^history$' "$work/p/g1/commands" | cut -d: -f1)
printf '%s\n' "$g1_history" | LC_ALL=C sort >"$work/g1.expected"
LC_ALL=C sort "$work/ref/g1/$g1n.out" >"$work/g1.actual"
if cmp -s "$work/g1.expected" "$work/g1.actual"; then
	echo "ok $n - reference: Alembic's G1 history has the captured lines"
else
	echo "not ok $n - reference: Alembic's G1 history has the captured lines"
	diff -u "$work/g1.expected" "$work/g1.actual" | sed 's/^/# /'
	failed=1
fi

for p in $projects; do
	i=0
	while IFS= read -r cmd; do
		[ -n "$cmd" ] || continue
		i=$((i + 1))
		n=$((n + 1))
		ref="$work/ref/$p/$i"
		out="$work/ref/$p/$i.aludel"
		# shellcheck disable=SC2086 # the words of $cmd are the arguments
		(cd "$work/p/$p" && exec "$ALUDEL" -c alembic.ini $cmd) \
			<"/dev/null" >"$out.out" 2>"$out.err"
		st=$?
		ast=$(cat "$ref.st")
		name="$p: $cmd"
		case "$ast" in
		0) want=0 ;;
		255) want=1 ;;
		2) want=2 ;;
		*)
			why=$(grep -v '^ ' "$ref.err" | tail -n 1)
			echo "ok $n - $name # SKIP alembic crashed: ${why:-exit $ast}"
			continue
			;;
		esac
		if [ "$st" -ne "$want" ]; then
			echo "not ok $n - $name"
			echo "# alembic exit $ast, aludel exit $st (expected $want)"
			if [ "$ast" -ne 0 ]; then sed -n '1,3s/^/# alembic: /p' "$ref.out"; fi
			sed -n '1,5s/^/# aludel stderr: /p' "$out.err"
			failed=1
			continue
		fi
		if [ "$want" -ne 0 ]; then
			echo "ok $n - $name (both fail)"
			continue
		fi
		awk "$norm" "$ref.out" >"$ref.norm"
		awk "$norm" "$out.out" >"$out.norm"
		if cmp -s "$ref.norm" "$out.norm"; then
			echo "ok $n - $name"
		else
			echo "not ok $n - $name"
			diff -u "$ref.norm" "$out.norm" | sed -e '1s/^.*$/--- alembic/' \
				-e '2s/^.*$/+++ aludel/' -e 's/^/# /'
			failed=1
		fi
	done <"$work/p/$p/commands"
done
exit $failed
