#!/bin/sh
# tests/compare_alembic.sh - runs Debian's Alembic 1.8.1 and aludel on the
# same Alembic projects (tests/gen_alembic_projects.py) and compares the output
# of heads, branches, history (with ranges) and show, command by command.
#
# Alembic runs through tests/alembic_sorted.py (folders read in sorted order,
# surviving depends_on targets in written order, PYTHONHASHSEED=0), all of its
# commands in one Python process, in the background while aludel runs.  The
# comparison (a Python program at the end) first passes both outputs through
# the same normaliser, which sorts what 1.8.1 prints in set order: the label
# list in the parentheses after a revision id, `Branch names:` and
# `Branches into:` lists, and each run of `branches` child lines (` -> ...`).
# Exit statuses: Alembic 0 = aludel 0, Alembic 255 (FAILED) = aludel 1,
# Alembic 2 (usage) = aludel 2; when both fail only the statuses are compared.
# A command on which Alembic itself crashes (traceback, doc/alembic-compat.md §8.2)
# is reported as skipped, with the exception.
#
# Run by `make check`, or by hand from the build directory:
#   sh ../tests/compare_alembic.sh            (aludel = ./aludel)
#   ALUDEL=/path/to/aludel PYTHON=python3 sh tests/compare_alembic.sh
# KEEP=1 keeps the projects and outputs (the directory is printed): p/<project>
# (with its `commands`), ref/<project>/<n>.{out,err,st} from Alembic,
# out/<project>/<n>.{out,err,st} from aludel.
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
# In a build tree aludel is libtool's wrapper script, which costs a shell for
# each of the ~700 runs: run the program it wraps the way it does (the
# build's library first on LD_LIBRARY_PATH).
if [ -f "${ALUDEL%/*}/.libs/aludel" ] && sed -n 3p "$ALUDEL" | grep -q 'temporary wrapper script'; then
	LD_LIBRARY_PATH="${ALUDEL%/*}/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
	export LD_LIBRARY_PATH
	ALUDEL="${ALUDEL%/*}/.libs/aludel"
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
# Alembic runs in the background while aludel runs below.
(cd "$work" && exec "$py" "$srcdir/tests/alembic_sorted.py" --batch ref "$@" </dev/null >"$work/ref.log" 2>&1) &
alembic_pid=$!

# aludel on every command of every project (from the project directory, as
# script_location is relative): out/<project>/<n>.out, .err, .st, as Alembic's in ref/.
for p in $projects; do
	cd "$work/p/$p" || exit 1
	mkdir -p "$work/out/$p"
	i=0
	while IFS= read -r cmd; do
		[ -n "$cmd" ] || continue
		i=$((i + 1))
		base="$work/out/$p/$i"
		# shellcheck disable=SC2086 # the words of $cmd are the arguments
		"$ALUDEL" -c alembic.ini $cmd </dev/null >"$base.out" 2>"$base.err"
		echo $? >"$base.st"
	done <commands
done
cd "$work" || exit 1
if ! wait "$alembic_pid"; then
	echo "Bail out! running Alembic failed:"
	sed 's/^/# /' "$work/ref.log"
	exit 1
fi

# Comparison and TAP report, in one Python process.
"$py" - "$work" <<'EOF'
import os, re, sys

work = sys.argv[1]
projects = open(os.path.join(work, "p", "projects")).read().split()


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def sort_list(text):
    return ", ".join(sorted(text.split(", ")))


ID_LABELS = re.compile(r"^([^ (]+) \(([^)]*)\)")


def sort_labels(line):
    """Sorts the label list in the parentheses right after the revision id
    (the id after ' -> ' in history and branches lines, else the first word)."""
    cut = line.find(" -> ")
    pre, rest = (line[:cut + 4], line[cut + 4:]) if cut >= 0 else ("", line)
    m = ID_LABELS.match(rest)
    if m:
        rest = "%s (%s)%s" % (m.group(1), sort_list(m.group(2)), rest[m.end():])
    return pre + rest


def normalise(text):
    """What 1.8.1 prints in set order, sorted: labels after an id, the lists
    of `Branch names:` and `Branches into:`, runs of `branches` child lines."""
    out, block = [], []
    for line in text.split("\n"):
        if re.match(r"^ +-> ", line):
            block.append(sort_labels(line))
            continue
        out += sorted(block)
        block = []
        for key in ("Branch names: ", "Branches into: "):
            if line.startswith(key):
                line = key + sort_list(line[len(key):])
                break
        else:
            line = sort_labels(line)
        out.append(line)
    out += sorted(block)
    return "\n".join(out)


def diff(a, b):
    import difflib
    return "".join("# " + l if l.endswith("\n") else "# " + l + "\n"
                   for l in difflib.unified_diff(a.splitlines(True), b.splitlines(True),
                                                 "alembic", "aludel", n=2))


tests = []  # (ok, name, directive, diagnostics)

# Sanity: Alembic's history of G1 has the lines shown in doc/alembic-compat.md
# (§6.6; the order here is the readdir order of the machine that captured them).
G1_HISTORY = """\
6000dddd0001 (7000ffff0001) -> 8000dddd0002 (featb) (head), needs other root
5000eeee0001 -> 6000dddd0001 (featb), after merge
3000bbbb0002, 4000cccc0002 -> 5000eeee0001 (featb) (mergepoint), merge b and c
3000bbbb0001 -> 3000bbbb0002 (featb), feature b more
2000aaaa0002 -> 3000bbbb0001 (featb), feature b start
4000cccc0001 -> 4000cccc0002, feature c more
2000aaaa0002 -> 4000cccc0001, feature c start
7000ffff0001 -> 7000ffff0002 (other) (head), other two
1000aaaa0001 -> 2000aaaa0002 (branchpoint), second step
<base> -> 1000aaaa0001, initial schema
<base> -> 7000ffff0001 (other), other root
"""
g1_cmds = [c for c in read(os.path.join(work, "p", "g1", "commands")).split("\n") if c]
got = read(os.path.join(work, "ref", "g1", "%d.out" % (g1_cmds.index("history") + 1)))
want_sorted = "".join(sorted(G1_HISTORY.splitlines(True)))
got_sorted = "".join(sorted(got.splitlines(True)))
tests.append((want_sorted == got_sorted, "reference: Alembic's G1 history has the captured lines",
              "", diff(want_sorted, got_sorted)))

EXPECTED_STATUS = {0: 0, 255: 1, 2: 2}
for p in projects:
    cmds = [c for c in read(os.path.join(work, "p", p, "commands")).split("\n") if c]
    for i, cmd in enumerate(cmds, 1):
        ref = os.path.join(work, "ref", p, str(i))
        name = "%s: %s" % (p, cmd)
        ast = int(read(ref + ".st"))
        mine = os.path.join(work, "out", p, str(i))
        st = int(read(mine + ".st"))
        if ast not in EXPECTED_STATUS:
            lines = [l for l in read(ref + ".err").splitlines() if l and not l.startswith(" ")]
            why = lines[-1] if lines else "exit %d" % ast
            tests.append((True, name, " # SKIP alembic crashed: " + why, ""))
            continue
        want = EXPECTED_STATUS[ast]
        if st != want:
            diag = "# alembic exit %d, aludel exit %d (expected %d)\n" % (ast, st, want)
            if ast:
                diag += "".join("# alembic: %s\n" % l for l in read(ref + ".out").splitlines()[:3])
            diag += "".join("# aludel stderr: %s\n" % l
                            for l in read(mine + ".err").splitlines()[:5])
            tests.append((False, name, "", diag))
            continue
        if want:
            tests.append((True, name + " (both fail)", "", ""))
            continue
        a = normalise(read(ref + ".out"))
        b = normalise(read(mine + ".out"))
        tests.append((a == b, name, "", "" if a == b else diff(a, b)))

print("1..%d" % len(tests))
failed = 0
for n, (ok, name, directive, diag) in enumerate(tests, 1):
    print("%s %d - %s%s" % ("ok" if ok else "not ok", n, name, directive))
    if not ok:
        failed = 1
        sys.stdout.write(diag)
sys.exit(failed)
EOF
