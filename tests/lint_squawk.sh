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

# squawk rule -> the aludel rule ids that flag the same statements. "@file":
# squawk reports the rule once per file (at the first statement that needs
# it), so a file flagged by one tool must be flagged by the other, anywhere.
# Not mapped: squawk's prefer-repack, which flagged neither VACUUM FULL nor
# CLUSTER here (even with -i prefer-repack), so aludel's ban-vacuum-full and
# ban-cluster have no counterpart; squawk's adding-serial-primary-key-field
# (ADD PRIMARY KEY and ADD COLUMN serial PRIMARY KEY: aludel splits these
# between disallowed-unique-constraint and adding-field-with-volatile-default);
# and the rules only one tool has (prefer-robust-stmts, require-statement-timeout,
# ban-drop-not-null, prefer-text-field, unbounded-update-delete, empty-downgrade...).
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
require-lock-timeout                          require-lock-timeout @file
require-concurrent-reindex                    require-concurrent-reindex
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
squawk 03_required_field_new_table.sql:6 adding-required-field          the table was created earlier in the same revision: it has no rows, aludel does not flag it
squawk 03_required_field_new_table.sql:6 require-lock-timeout           the only lock is on a table created in the same revision
squawk 08_constant_default.sql:1 prefer-bigint-over-int                 squawk flags every int column; aludel only primary-key columns (other ints do not run out the way ids do)
squawk 24_set_not_null_new_table.sql:1 prefer-bigint-over-int           squawk flags every int column; aludel only primary-key columns
squawk 24_set_not_null_new_table.sql:2 adding-not-nullable-field        SET NOT NULL on a table created in the same revision: no rows to scan
squawk 24_set_not_null_new_table.sql:2 require-lock-timeout             the only locks are on a table created in the same revision
squawk 28_column_type_new_table.sql:2 changing-column-type              the type change is on a table created in the same revision: nothing to rewrite
squawk 28_column_type_new_table.sql:2 require-lock-timeout              the only locks are on a table created in the same revision
squawk 34_rename_new_table.sql:2 renaming-table                         the renamed table was created in the same revision: no client knows its old name
squawk 34_rename_new_table.sql:2 require-lock-timeout                   the only locks are on a table created in the same revision
squawk 12_index_on_new_table.sql:6 require-lock-timeout                 CREATE INDEX on a table created in the same revision
squawk 70_multi_table_create.sql:6 require-lock-timeout                 squawk counts the SHARE ROW EXCLUSIVE lock a new table's REFERENCES takes on the referenced table; aludel's rule counts ACCESS EXCLUSIVE and SHARE locks (and warehouses is new here)
squawk 22_foreign_key_new_table.sql:5 require-lock-timeout              the altered table is new; the referenced table gets SHARE ROW EXCLUSIVE, which aludel's rule does not count
squawk 63_new_table_with_indexes.sql:1 require-lock-timeout             CREATE TABLE ... REFERENCES orders takes SHARE ROW EXCLUSIVE on orders, which aludel's rule does not count
squawk 68_function_body.sql:2 require-lock-timeout                      CREATE FUNCTION locks no table
squawk 11_index_concurrently_notx.sql:1 require-lock-timeout            CONCURRENTLY takes SHARE UPDATE EXCLUSIVE (reads and writes go on); aludel's rule counts ACCESS EXCLUSIVE and SHARE
squawk 14_concurrent_index_in_transaction.sql:1 require-lock-timeout    CONCURRENTLY takes SHARE UPDATE EXCLUSIVE; aludel flags the statement as an error instead (refused in a transaction)
squawk 15_drop_index_concurrently_in_transaction.sql:1 require-lock-timeout  as above: DROP INDEX CONCURRENTLY
squawk 16_drop_index_concurrently_notx.sql:1 require-lock-timeout       DROP INDEX CONCURRENTLY takes SHARE UPDATE EXCLUSIVE
squawk 17_reindex_concurrently_in_transaction.sql:1 require-lock-timeout  REINDEX CONCURRENTLY takes SHARE UPDATE EXCLUSIVE
squawk 38_drop_index_concurrently_notx.sql:1 require-lock-timeout       DROP INDEX CONCURRENTLY takes SHARE UPDATE EXCLUSIVE
squawk 45_reindex_concurrently_notx.sql:1 require-lock-timeout          REINDEX CONCURRENTLY takes SHARE UPDATE EXCLUSIVE
aludel 14_concurrent_index_in_transaction.sql:1 ban-concurrent-index-creation-in-transaction  squawk 2.66 flags it only inside an explicit BEGIN, not under --assume-in-transaction; the revision does run in a transaction
aludel 15_drop_index_concurrently_in_transaction.sql:1 ban-concurrent-index-creation-in-transaction  as above (DROP INDEX CONCURRENTLY)
aludel 17_reindex_concurrently_in_transaction.sql:1 ban-concurrent-index-creation-in-transaction  as above (REINDEX CONCURRENTLY)
aludel 15_drop_index_concurrently_in_transaction.sql:1 ban-drop-index   squawk's require-concurrent-index-deletion flags only a DROP INDEX without CONCURRENTLY; aludel's ban-drop-index flags every dropped index (queries may need it)
aludel 16_drop_index_concurrently_notx.sql:1 ban-drop-index             as above
aludel 38_drop_index_concurrently_notx.sql:1 ban-drop-index             as above
aludel 64_index_builds_notx.sql:4 ban-drop-index                        as above
squawk 19_foreign_key_not_valid.sql:3 constraint-missing-not-valid      squawk flags VALIDATE CONSTRAINT in the same transaction as the NOT VALID add; aludel flags only the ADD without NOT VALID
squawk 21_check_constraint_not_valid.sql:2 constraint-missing-not-valid  as above
squawk 61_add_column_backfill_constraint.sql:7 constraint-missing-not-valid  as above
squawk 29_add_unique_constraint.sql:1 constraint-missing-not-valid      UNIQUE cannot be NOT VALID; aludel flags it as disallowed-unique-constraint only
squawk 31_add_primary_key.sql:1 constraint-missing-not-valid            PRIMARY KEY cannot be NOT VALID; aludel flags it as disallowed-unique-constraint
aludel 31_add_primary_key.sql:1 disallowed-unique-constraint            squawk's disallowed-unique-constraint covers UNIQUE only (it flags ADD PRIMARY KEY as adding-serial-primary-key-field, not mapped)
aludel 46_truncate.sql:1 ban-truncate                                    squawk flags TRUNCATE only with CASCADE (ban-truncate-cascade); aludel flags every TRUNCATE (all rows lost, ACCESS EXCLUSIVE lock)
squawk 67_ignore_comment.sql:3 ban-drop-column                          the statement carries -- aludel:ignore ban-drop-column
aludel 74_add_serial_primary_key.sql:1 adding-field-with-volatile-default  a serial column's default is nextval(), volatile: the table is rewritten; squawk's adding-field-with-default does not count serial
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
mapping, per_file = {}, set()
for line in open("mapping"):
    f = line.split()
    if f:
        mapping[f[0]] = set(x for x in f[1:] if x != "@file")
        if "@file" in f:
            per_file.add(f[0])
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
def near(sq_rule, line, lo, hi):
    return sq_rule in per_file or lo <= line <= hi
for name, line, rule in flags:
    if not any(n == name and near(rule, line, lo, hi) and r in mapping[rule] for n, lo, hi, r in spans):
        diffs[name].append(("squawk", "%s:%d" % (name, line), rule))
for name, lo, hi, rule in spans:
    if rule not in ours:
        continue
    if not any(n == name and near(r, line, lo, hi) and rule in mapping[r] for n, line, r in flags):
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
