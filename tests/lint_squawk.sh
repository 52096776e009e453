#!/bin/sh
# tests/lint_squawk.sh - `aludel lint` against squawk (a PostgreSQL migration
# linter) on the migrations of tests/lint_corpus/: for every rule both tools
# have (the MAPPING below), every statement squawk flags must be flagged by
# aludel, and every statement aludel flags must be flagged by squawk, except
# the differences listed with their reasons in ALLOWED below. An unlisted
# difference fails, and so does a listed one that no longer happens.
#
# Each corpus file is wrapped into a native revision (a file whose name ends
# in _notx.sql gets "Transactional: false"; squawk lints the others with
# --assume-in-transaction, as the revision runs in one transaction).
# squawk is optional: taken from $SQUAWK (the program, or a folder holding
# it or node_modules/.bin/squawk), else from PATH; without it the test is
# skipped (npm install squawk-cli).
. "${top_srcdir:-.}/tests/tap.sh"
set -u
corpus="$top_srcdir/tests/lint_corpus"

squawk=""
if [ -n "${SQUAWK:-}" ]; then
	for c in "$SQUAWK" "$SQUAWK/squawk" "$SQUAWK/node_modules/.bin/squawk" "$SQUAWK/.bin/squawk"; do
		[ -f "$c" ] && [ -x "$c" ] && { squawk=$c; break; }
	done
	[ -n "$squawk" ] || { echo "1..0 # SKIP SQUAWK=$SQUAWK is neither squawk nor a folder holding node_modules/.bin/squawk"; exit 0; }
else
	squawk=$(command -v squawk 2>/dev/null || true)
	[ -n "$squawk" ] || { echo "1..0 # SKIP squawk is not installed (npm install squawk-cli, then SQUAWK=path/to/node_modules/.bin/squawk or put it on PATH)"; exit 0; }
fi
version=$("$squawk" --version 2>&1) || { echo "1..0 # SKIP $squawk --version fails: $version"; exit 0; }
echo "# $version ($squawk)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
mkdir -p migrations/versions
printf '[aludel]\nscript_location = %%(here)s/migrations\n' >aludel.ini

# squawk rule -> the aludel rule ids that flag the same statements
cat >mapping <<'EOF'
adding-required-field                         adding-required-field
adding-field-with-default                     adding-field-with-volatile-default
require-concurrent-index-creation             require-concurrent-index-creation
require-concurrent-index-deletion             ban-drop-index
ban-concurrent-index-creation-in-transaction  ban-concurrent-index-creation-in-transaction
constraint-missing-not-valid                  constraint-missing-not-valid
adding-foreign-key-constraint                 constraint-missing-not-valid
adding-not-nullable-field                     set-not-null
changing-column-type                          changing-column-type
disallowed-unique-constraint                  disallowed-unique-constraint
renaming-column                               renaming-column
renaming-table                                renaming-table
ban-drop-column                               ban-drop-column
ban-drop-table                                ban-drop-table
require-lock-timeout                          require-lock-timeout
require-concurrent-reindex                    require-concurrent-reindex
prefer-repack                                 ban-vacuum-full ban-cluster
ban-truncate-cascade                          ban-truncate
prefer-bigint-over-int                        prefer-bigint-over-int
prefer-bigint-over-smallint                   prefer-bigint-over-int
prefer-identity                               prefer-identity
prefer-timestamp-tz                           prefer-timestamptz
ban-char-field                                ban-char-field
EOF

# The known differences: "squawk FILE:LINE RULE reason" (squawk flags the
# statement at LINE of the corpus file, aludel does not) or "aludel FILE:LINE
# RULE reason" (the other way round).
cat >allowed <<'EOF'
EOF

# wrap the corpus into revisions c01, c02... chained one after the other
prev=""
for f in "$corpus"/*.sql; do
	name=$(basename "$f")
	id="c${name%%_*}"
	tx=""
	case "$name" in *_notx.sql) tx="-- Transactional: false" ;; *) tx="--" ;; esac
	{
		printf -- '-- corpus %s\n--\n-- Revision ID: %s\n-- Revises: %s\n-- Create Date: 2026-01-01 00:00:00\n%s\n\n-- migrate:upgrade\n' \
			"$name" "$id" "$prev" "$tx"
		cat "$f"
		printf '\n-- migrate:downgrade\nSELECT 1;\n'
	} >"migrations/versions/${id}_$name"
	prev=$id
done
offset=8 # header lines before the corpus file's first line

"$ALUDEL" lint --json >aludel.json 2>aludel.err
st=$?
ok_status "aludel lint runs on the corpus (an error finding: status 1)" 1 $st
[ -s aludel.err ] && sed 's/^/# aludel: /' aludel.err

tx_files=$(ls "$corpus"/*.sql | grep -v '_notx\.sql$')
notx_files=$(ls "$corpus"/*_notx.sql)
# shellcheck disable=SC2086
"$squawk" --reporter json --assume-in-transaction $tx_files >squawk_tx.json 2>squawk.err
# shellcheck disable=SC2086
"$squawk" --reporter json $notx_files >squawk_notx.json 2>>squawk.err
[ -s squawk.err ] && sed 's/^/# squawk: /' squawk.err

/usr/bin/python3 - "$offset" "$corpus" "$tap_n" >compare.tap <<'EOF'
import json, os, sys
offset, corpus, n = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
mapping = {}
for line in open("mapping"):
    f = line.split()
    if f:
        mapping[f[0]] = set(f[1:])
ours = {a for ids in mapping.values() for a in ids}
allowed = {}
for line in open("allowed"):
    f = line.split(None, 3)
    if f:
        allowed[(f[0], f[1], f[2])] = f[3].strip() if len(f) > 3 else ""

def load(name):
    try:
        return json.load(open(name))
    except ValueError as e:
        print("not ok - %s is not JSON: %s" % (name, e))
        return []
aludel = load("aludel.json")
squawk = load("squawk_tx.json") + load("squawk_notx.json")
files = sorted(f for f in os.listdir(corpus) if f.endswith(".sql"))

# aludel's findings: (corpus file, first line, last line, rule), lines of the corpus file
spans = []
for a in aludel:
    name = os.path.basename(a["path"]).split("_", 1)[1]
    first = a["line"] - offset
    spans.append((name, first, first + a["statement"].count("\n"), a["rule"]))
# squawk's: (corpus file, line, rule); its lines count from 0
flags = [(os.path.basename(s["file"]), s["line"] + 1, s["rule_name"]) for s in squawk
         if s["rule_name"] in mapping]

diffs = {f: [] for f in files}
seen = set()
for name, line, rule in flags:
    if not any(n == name and lo <= line <= hi and r in mapping[rule] for n, lo, hi, r in spans):
        diffs[name].append(("squawk", "%s:%d" % (name, line), rule))
for name, lo, hi, rule in spans:
    if rule not in ours:
        continue
    if not any(n == name and lo <= line <= hi and rule in mapping[r] for n, line, r in flags):
        diffs[name].append(("aludel", "%s:%d" % (name, lo), rule))

def result(ok, text):
    global n
    n += 1
    print("%s %d - %s" % ("ok" if ok else "not ok", n, text))
result(len(aludel) > 0 and len(squawk) > 0, "both tools report findings on the corpus (%d aludel, %d squawk)"
       % (len(aludel), len(squawk)))
for f in files:
    bad = []
    for d in sorted(set(diffs[f])):
        if d in allowed:
            seen.add(d)
            print("# allowed: %s flagged only by %s (%s): %s" % (d[1], d[0], d[2], allowed[d]))
        else:
            bad.append(d)
    result(not bad, "%s: the mapped rules agree" % f)
    for who, where, rule in bad:
        other = "aludel" if who == "squawk" else "squawk"
        print("#   %s flags %s at %s, %s does not" % (who, rule, where, other))
stale = sorted(set(allowed) - seen)
result(not stale, "every allowed difference still happens")
for s in stale:
    print("#   not a difference any more: %s %s %s" % s)
open("count", "w").write("%d\n" % n)
EOF
st=$?
cat compare.tap
[ -s count ] && tap_n=$(cat count)
grep -q '^not ok' compare.tap && tap_failed=1
[ $st -eq 0 ] || { tap_result 1 "the comparison script ran (status $st)"; }
tap_done
