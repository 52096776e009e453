#!/bin/sh
# tests/cli_lint.sh - `aludel lint`: the text lines (file:line:column, reason
# and fix, the summary), --json, SARIF 2.1.0 (its structure checked by a
# Python script), the exit status (1 on an error finding, 0 on warnings only),
# -r RANGE, --rules, the default revisions (every one without a database; the
# pending ones with a PostgreSQL server started here; every one, with a note,
# when the database is not reachable), a password never printed, SQLite refused.
. "${top_srcdir:-.}/tests/tap.sh"
set -u
PY=/usr/bin/python3
work=$(mktemp -d)
chmod 755 "$work" # the PostgreSQL server runs as another user
pgdir="$work/pg"
cleanup() {
	[ -d "$pgdir" ] && sh "$top_srcdir/tests/pg-cluster.sh" stop "$pgdir" >/dev/null 2>&1
	rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
mkdir -p migrations/versions elsewhere
printf '[aludel]\nscript_location = %%(here)s/migrations\n' >aludel.ini
# rev down upgrade-sql downgrade-sql: the upgrade's first statement is on line 8
mkrev() {
	printf -- '-- r%s\n--\n-- Revision ID: %s\n-- Revises: %s\n-- Create Date: 2026-01-01 00:00:00\n\n-- migrate:upgrade\n%s\n\n-- migrate:downgrade\n%s\n' \
		"$1" "$1" "$2" "$3" "$4" >"migrations/versions/$1_r.sql"
}
mkrev a1 "" "CREATE TABLE accounts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text);" \
	"DROP TABLE accounts;"
# a statement with quotes, a backslash and a tab: the JSON must escape them
mkrev a2 a1 "CREATE INDEX ix_accounts_email ON accounts (email);
UPDATE accounts SET email = 'a\"b\\c	d';" "DROP INDEX ix_accounts_email;"
mkrev a3 a2 "SELECT 1;
ALTER TABLE accounts ADD COLUMN region text NOT NULL;" "ALTER TABLE accounts DROP COLUMN region;"
a3=migrations/versions/a3_r.sql

# ---- the catalogue ----
rules=$("$ALUDEL" lint --rules); st=$?
ok_status "lint --rules succeeds" 0 $st
missing=""
for id in adding-required-field adding-field-with-volatile-default require-concurrent-index-creation \
	ban-concurrent-index-creation-in-transaction constraint-missing-not-valid set-not-null \
	changing-column-type disallowed-unique-constraint renaming-column renaming-table ban-drop-column \
	ban-drop-table ban-drop-index require-lock-timeout ban-vacuum-full ban-cluster \
	require-concurrent-reindex ban-truncate unbounded-update-delete prefer-bigint-over-int \
	prefer-identity prefer-timestamptz ban-char-field empty-downgrade parse-error; do
	printf '%s\n' "$rules" | grep -qE "^$id +(error|warning) +[^ ]" || missing="$missing $id"
done
ok_eq "--rules lists every rule with its severity and summary" "" "$missing"
ok_match "--rules gives an example under a rule" "^ +example: .*ADD COLUMN" "$rules"
out=$("$ALUDEL" lint --rules --json | $PY -c '
import json, sys
r = json.load(sys.stdin)
print(len(r), all(set(x) == {"id", "severity", "summary", "example"} for x in r),
      [x["severity"] for x in r if x["id"] == "adding-required-field"])')
ok_eq "--rules --json: one object per rule" "25 True ['error']" "$out"

# ---- no URL: every revision ----
out=$("$ALUDEL" lint 2>&1); st=$?
ok_status "an error finding: status 1" 1 $st
ok_match "a finding is path:line:column: severity: rule: message (path relative)" \
	"^$a3:9:1: error: adding-required-field: .*region" "$out"
ok_match "...then its reason and fix, indented" "adding-required-field: .*
    why: [^ ].*
    fix: [^ ]" "$out"
ok_match "a downgrade finding says so" "^$a3:1[0-9]:1: warning: ban-drop-column: .*\(downgrade\)$" "$out"
ok_match "the summary counts warnings, errors and revisions" "^[0-9]+ warnings?, 1 error in 3 revisions$" "$out"
ok_eq "...and is the last line" "1" "$(printf '%s\n' "$out" | tail -1 | grep -cE 'error in 3 revisions$')"

out=$(cd elsewhere && "$ALUDEL" -c ../aludel.ini lint 2>&1)
ok_match "a path outside the current folder stays absolute" "^$work/$a3:9:1: error: " "$out"

# ---- -r RANGE ----
out=$("$ALUDEL" lint -r base:a2 2>&1); st=$?
ok_status "-r base:a2: warnings only, status 0" 0 $st
ok_match "-r base:a2 lints two revisions" "^[0-9]+ warnings?, 0 errors in 2 revisions$" "$out"
ok_match "-r base:a2 finds the index built without CONCURRENTLY" \
	"^migrations/versions/a2_r.sql:8:1: warning: require-concurrent-index-creation: " "$out"
ok_eq "-r base:a2 does not lint a3" "" "$(printf '%s\n' "$out" | grep a3_r)"
out=$("$ALUDEL" lint -r a3: 2>&1); st=$?
ok_match "-r a3: lints one revision" "^[0-9]+ warnings?, 1 error in 1 revision$" "$out"
out=$("$ALUDEL" lint -r nosuch: 2>&1); st=$?
ok_status "-r with an unknown revision fails" 1 $st
ok_match "...saying so" "^FAILED: .*nosuch" "$out"

# ---- --json ----
"$ALUDEL" lint --json >lint.json 2>lint.err; st=$?
ok_status "--json: status 1 too" 1 $st
out=$($PY - lint.json <<'EOF'
import json, sys
f = json.load(open(sys.argv[1]))
keys = {"rule", "severity", "revision", "path", "line", "column", "downgrade", "statement",
        "message", "reason", "fix"}
assert all(set(x) == keys for x in f), [sorted(x) for x in f]
e = [x for x in f if x["rule"] == "adding-required-field"]
assert len(e) == 1, e
e = e[0]
print(e["severity"], e["revision"], e["line"], e["column"], e["downgrade"], e["path"].endswith("/a3_r.sql"),
      e["statement"].startswith("ALTER TABLE accounts ADD COLUMN region"))
u = [x for x in f if x["rule"] == "unbounded-update-delete"]
print(len(u), "'a\"b\\c\td'" in u[0]["statement"])
print(any(x["downgrade"] and x["rule"] == "ban-drop-column" for x in f))
EOF
)
ok_eq "--json: an array of findings with every field; strings escaped" "error a3 9 1 False True True
1 True
True" "$out"
out=$("$ALUDEL" lint --format json -r base:a2); st=$?
ok_status "--format json -r base:a2: status 0" 0 $st
ok_eq "...and no error in it" "0" "$(printf '%s' "$out" | $PY -c 'import json,sys; print(sum(x["severity"] == "error" for x in json.load(sys.stdin)))')"

# ---- SARIF ----
(cd migrations && "$ALUDEL" -c ../aludel.ini lint --format sarif >../lint.sarif); st=$?
ok_status "--format sarif: status 1 too" 1 $st
out=$($PY - lint.sarif "$ALUDEL" <<'EOF'
import json, subprocess, sys
log = json.load(open(sys.argv[1]))
problems = []
def need(cond, what):
    if not cond:
        problems.append(what)
need(log.get("version") == "2.1.0", "version is 2.1.0")
need(isinstance(log.get("$schema"), str) and "sarif" in log["$schema"] and "2.1.0" in log["$schema"], "$schema")
runs = log.get("runs")
need(isinstance(runs, list) and len(runs) == 1, "one run")
driver = runs[0]["tool"]["driver"]
need(driver.get("name") == "aludel", "driver.name")
version = subprocess.run([sys.argv[2], "--version"], capture_output=True, text=True).stdout.split()[-1]
need(driver.get("version") == version, "driver.version is aludel's")
rules = driver.get("rules")
need(isinstance(rules, list) and len(rules) == 25, "25 rules")
ids = []
for r in rules:
    ids.append(r.get("id"))
    need(isinstance(r.get("id"), str), "rule.id")
    need(isinstance(r.get("shortDescription", {}).get("text"), str) and r["shortDescription"]["text"], "rule.shortDescription.text")
    need(r.get("defaultConfiguration", {}).get("level") in ("error", "warning"), "rule.defaultConfiguration.level")
need(len(set(ids)) == len(ids), "rule ids unique")
need(dict(zip(ids, rules))["adding-required-field"]["defaultConfiguration"]["level"] == "error", "adding-required-field's level")
results = runs[0].get("results")
need(isinstance(results, list) and results, "results")
for res in results:
    need(res.get("ruleId") in ids, "result.ruleId is a rule")
    need(isinstance(res.get("ruleIndex"), int) and ids[res["ruleIndex"]] == res["ruleId"], "result.ruleIndex")
    need(res.get("level") in ("error", "warning"), "result.level")
    need(isinstance(res.get("message", {}).get("text"), str) and res["message"]["text"], "result.message.text")
    loc = res.get("locations")
    need(isinstance(loc, list) and len(loc) >= 1, "result.locations")
    pl = loc[0].get("physicalLocation", {})
    need(isinstance(pl.get("artifactLocation", {}).get("uri"), str), "artifactLocation.uri")
    reg = pl.get("region", {})
    need(isinstance(reg.get("startLine"), int) and reg["startLine"] >= 1, "region.startLine")
    need(isinstance(reg.get("startColumn"), int) and reg["startColumn"] >= 1, "region.startColumn")
e = [r for r in results if r["ruleId"] == "adding-required-field"]
need(len(e) == 1 and e[0]["level"] == "error", "the error result")
loc = e[0]["locations"][0]["physicalLocation"]
print(loc["artifactLocation"]["uri"], loc["region"]["startLine"])
print("; ".join(sorted(set(problems))) or "valid")
EOF
)
ok_eq "SARIF 2.1.0: the required keys and types; uri relative to the current folder" "versions/a3_r.sql 9
valid" "$out"

# ---- usage ----
"$ALUDEL" lint --json --format text >/dev/null 2>&1; st=$?
ok_status "--json with --format text: usage error" 2 $st
out=$("$ALUDEL" lint --format xml 2>&1); st=$?
ok_status "--format xml: usage error" 2 $st
ok_match "...naming the choices" "invalid choice: 'xml'" "$out"
"$ALUDEL" lint extra >/dev/null 2>&1; st=$?
ok_status "a positional argument: usage error" 2 $st

# ---- the ini section's severities ----
cp aludel.ini plain.ini
printf 'lint_error = require-concurrent-index-creation\n' >>aludel.ini
out=$("$ALUDEL" lint -r base:a2 2>&1); st=$?
ok_status "lint_error makes a warning an error: status 1" 1 $st
ok_match "...shown as an error" "a2_r.sql:8:1: error: require-concurrent-index-creation: " "$out"
cp plain.ini aludel.ini
printf 'lint_disable = adding-required-field\n' >>aludel.ini
"$ALUDEL" lint >/dev/null 2>&1; st=$?
ok_status "lint_disable turns the error off: status 0" 0 $st
cp plain.ini aludel.ini

# ---- SQLite refused ----
out=$("$ALUDEL" --url sqlite:///app.db lint 2>&1); st=$?
ok_status "a SQLite project: status 1" 1 $st
ok_match "...saying the rules are PostgreSQL's" "PostgreSQL.*SQLite" "$out"

# ---- a database: the pending revisions ----
secret=Zq9PwX7v
all_out=""
if sh "$top_srcdir/tests/pg-cluster.sh" start "$pgdir" $$ >/dev/null 2>&1 &&
	sh "$top_srcdir/tests/pg-cluster.sh" createdb "$pgdir" app >/dev/null; then
	url="postgresql://postgres:$secret@/app?host=$pgdir"
	out=$("$ALUDEL" --url "$url" lint 2>&1); st=$?
	all_out="$all_out$out"
	ok_match "nothing applied: every revision is pending" "error in 3 revisions$" "$out"
	"$ALUDEL" --url "$url" upgrade a1 >/dev/null 2>&1
	out=$("$ALUDEL" --url "$url" lint 2>&1); st=$?
	all_out="$all_out$out"
	ok_match "a1 applied: a2 and a3 are linted" "error in 2 revisions$" "$out"
	ok_eq "...not a1" "" "$(printf '%s\n' "$out" | grep a1_r)"
	"$ALUDEL" --url "$url" upgrade a2 >/dev/null 2>&1
	out=$("$ALUDEL" --url "$url" lint --json 2>&1); st=$?
	all_out="$all_out$out"
	ok_status "a2 applied: a3's error, status 1" 1 $st
	ok_eq "...and only a3's findings" "a3" "$(printf '%s' "$out" | $PY -c 'import json,sys; print(" ".join(sorted({x["revision"] for x in json.load(sys.stdin)})))')"
	"$ALUDEL" --url "$url" upgrade head >/dev/null 2>&1
	out=$("$ALUDEL" --url "$url" lint 2>&1); st=$?
	all_out="$all_out$out"
	ok_status "all applied: status 0" 0 $st
	ok_eq "...nothing pending" "0 warnings, 0 errors in 0 revisions" "$out"
	out=$("$ALUDEL" --url "$url" lint -r a1:a2 2>&1)
	all_out="$all_out$out"
	ok_match "-r still names applied revisions" "in 2 revisions$" "$out"
	out=$(DATABASE_URL="$url" "$ALUDEL" lint --format sarif 2>&1)
	all_out="$all_out$out"
else
	tap_n=$((tap_n + 1)); echo "ok $tap_n - pending revisions # SKIP no PostgreSQL server could be started"
fi
# a database that does not answer: every revision, with a note
out=$("$ALUDEL" --url "postgresql://postgres:$secret@/app?host=$work/nosocket" lint 2>&1); st=$?
all_out="$all_out$out"
ok_match "an unreachable database: a note on stderr" "^aludel lint: the database is not reachable" "$out"
ok_match "...and every revision linted" "error in 3 revisions$" "$out"
case "$all_out" in
*"$secret"*) tap_result 1 "the password is never printed" ;;
*) tap_result 0 "the password is never printed" ;;
esac
tap_done
