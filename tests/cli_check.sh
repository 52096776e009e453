#!/bin/sh
# tests/cli_check.sh - `aludel check`, the CI gate: a clean project passes
# (status 0); two heads (and --heads 2 / 3 on them), a missing down revision,
# a native .sql file with a bad header, an Alembic .py file the static reader
# refuses, a duplicate id, a cycle, a lint error on a PostgreSQL project:
# each printed on its own line naming the file and line, status 1; several
# at once all printed; lint does not apply without a URL or on SQLite; usage
# errors. Where Alembic itself (/usr/bin/python3 -m alembic) reads the same
# broken .py projects, its message is compared: aludel's says the same and
# names the file.
. "${top_srcdir:-.}/tests/tap.sh"
set -u
PY=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
V=migrations/versions

# a native project: rev FILE ID REVISES [UPGRADE-SQL]; Revises is on line 4,
# the upgrade's statement on line 8
newproject() {
	rm -rf "$work/p" && mkdir -p "$work/p/$V" && cd "$work/p" || exit 1
	printf '[aludel]\nscript_location = %%(here)s/migrations\n%s' "${1:+sqlalchemy.url = $1
}" >aludel.ini
}
rev() {
	printf -- '-- %s\n--\n-- Revision ID: %s\n-- Revises: %s\n-- Create Date: 2026-01-01 00:00:00\n\n-- migrate:upgrade\n%s\n\n-- migrate:downgrade\nSELECT 1;\n' \
		"$2" "$2" "$3" "${4:-SELECT 1;}" >"$V/$1"
}
chain() {
	rev a1_one.sql a1 ""
	rev a2_two.sql a2 a1
	rev a3_three.sql a3 a2
}
check() { out=$("$ALUDEL" check "$@" 2>"$work/err"); st=$?; err=$(cat "$work/err"); }

# ---- a clean project ----
newproject
chain
check
ok_status "a clean project: status 0" 0 $st
ok_eq "a clean project: says so" "OK: no problems found" "$out"

# ---- two heads ----
rev b1_side.sql b1 a1
check
ok_status "two heads: status 1" 1 $st
ok_eq "two heads: one line naming both heads and their files" \
	"heads: 2 heads, expected 1: a3 ($V/a3_three.sql), b1 ($V/b1_side.sql)" "$out"
ok_match "the count of problems on stderr" "^FAILED: 1 problem found$" "$err"
check --heads 2
ok_status "--heads 2 on two heads: status 0" 0 $st
check --heads 3
ok_status "--heads 3 on two heads: status 1" 1 $st
ok_match "--heads 3: names the heads" "^heads: 2 heads, expected 3: a3 .*, b1 " "$out"
check --heads=2
ok_status "--heads=2 is the same" 0 $st

# ---- a missing parent ----
newproject
chain
rev b1_lost.sql b1 zz9
rev b2_next.sql b2 b1
check --heads 2
ok_status "a missing parent: status 1" 1 $st
ok_eq "a missing parent: file, the Revises line, the missing id" \
	"$V/b1_lost.sql:4: missing-parent: Revision zz9 referenced from b1 is not present" "$out"

# ---- broken files: a native header, a .py the reader refuses ----
newproject
chain
printf -- '-- bad\n--\n-- Revision ID: b1\n-- Revises: a3\n-- Revision Kind: x\n\n-- migrate:upgrade\nSELECT 1;\n' \
	>"$V/b1_bad.sql"
printf '"""bad\n"""\nfrom alembic import op\n\nrevision = "c1"\ndown_revision = compute("a3")\n' >"$V/c1_bad.py"
check
ok_status "broken files: status 1" 1 $st
ok_match "the .sql file: its line and the parser's message" \
	"^$V/b1_bad.sql:5: parse: unknown header key 'Revision Kind'" "$out"
ok_match "the .py file: its line and the reader's message" \
	"^$V/c1_bad.py:6: parse: cannot read down_revision statically: 'compute\(\"a3\"\)'" "$out"
ok_eq "both reported, nothing else (the project is not opened on broken files)" 2 "$(printf '%s\n' "$out" | wc -l)"
# `aludel heads` stops at the first broken file; check goes on
"$ALUDEL" heads >/dev/null 2>"$work/err2"
ok_match "(heads, by contrast, stops at the first)" "b1_bad.sql:5" "$(cat "$work/err2")"

# ---- a duplicate id ----
newproject
chain
rev a2_copy.sql a2 a1
check
ok_status "a duplicate id: status 1" 1 $st
ok_match "a duplicate id: both files named" \
	"^$V/a2_two.sql:3: duplicate: Revision a2 is present more than once: also in $V/a2_copy.sql$" "$out"

# ---- a cycle ----
newproject
rev a1_one.sql a1 ""
rev b1_x.sql b1 "a1, c1"
rev c1_x.sql c1 b1
rev d1_x.sql d1 c1
check
ok_status "a cycle: status 1" 1 $st
ok_eq "a cycle: the revisions on it and their files" \
	"$V/b1_x.sql:4: cycle: Cycle is detected in revisions (b1, c1); files: $V/b1_x.sql, $V/c1_x.sql" "$out"

# ---- lint errors: PostgreSQL projects only (no server needed for .sql revisions) ----
newproject "postgresql://app:s3cretpw@127.0.0.1:9/app"
rev a1_one.sql a1 "" "CREATE TABLE accounts (id bigint PRIMARY KEY);"
rev a2_two.sql a2 a1 "ALTER TABLE accounts ADD COLUMN region text NOT NULL;"
rev a3_three.sql a3 a2 "CREATE INDEX CONCURRENTLY ix_region ON accounts (region);"
check
ok_status "a lint error: status 1" 1 $st
ok_match "a lint error: file, line, rule, message" \
	"^$V/a2_two.sql:8: lint: adding-required-field: .*region" "$out"
ok_match "every lint error is printed" "^$V/a3_three.sql:8: lint: ban-concurrent-index-creation-in-transaction: " "$out"
ok_eq "the password is never printed" "" "$(printf '%s\n%s\n' "$out" "$err" | grep s3cretpw)"
rev a2_two.sql a2 a1 "ALTER TABLE accounts ADD COLUMN region text;"
rev a3_three.sql a3 a2 "SELECT 1;"
check
ok_status "warnings only (prefer-...): status 0" 0 $st
rev a2_two.sql a2 a1 "ALTER TABLE accounts ADD COLUMN region text NOT NULL;"
sed -i '/^sqlalchemy.url/d' aludel.ini
check
ok_status "no URL: lint does not apply, status 0" 0 $st
ok_eq "no URL: nothing said about lint" "OK: no problems found" "$out"
printf 'sqlalchemy.url = sqlite:///app.db\n' >>aludel.ini
check
ok_status "a SQLite URL: lint does not apply, status 0" 0 $st
ok_eq "SQLite: nothing said about lint" "" "$err"

# ---- several at once ----
newproject
chain
rev a2_copy.sql a2 a1
rev b1_lost.sql b1 zz9
printf -- '-- no header\n' >"$V/c0_empty.sql"
printf '"""x"""\nrevision = "c2"\ndown_revision = "a3" + "x"\n' >"$V/c2_bad.py"
rev d1_x.sql d1 "a1, d2"
rev d2_x.sql d2 d1
check
ok_status "several problems: status 1" 1 $st
n=$(printf '%s\n' "$out" | wc -l)
ok_eq "several problems: six lines" 6 "$n"
ok_match "... the .sql file that does not parse" "^$V/c0_empty.sql: parse: no 'Revision ID' in the header$" "$out"
ok_match "... the .py file that does not parse" "^$V/c2_bad.py:3: parse: " "$out"
ok_match "... the duplicate" "^$V/a2_two.sql:3: duplicate: " "$out"
ok_match "... the missing parent (a broken file may hold it)" \
	"^$V/b1_lost.sql:4: missing-parent: Revision zz9 .* \(a file that does not parse may hold it\)$" "$out"
ok_match "... the cycle" "^$V/d1_x.sql:4: cycle: Cycle is detected in revisions \(d1, d2\)" "$out"
ok_match "... the heads" "^heads: 2 heads, expected 1: " "$out"
ok_match "the count on stderr" "^FAILED: 6 problems found$" "$err"

# ---- usage ----
check --heads 0
ok_status "--heads 0: usage error" 2 $st
check --heads x
ok_status "--heads x: usage error" 2 $st
ok_match "--heads x: says why" "argument --heads: invalid count: 'x'" "$err"
check extra
ok_status "an argument: usage error" 2 $st
cd "$work" && rm -rf "$work/none" && mkdir "$work/none" && cd "$work/none"
check
ok_status "no project: status 1" 1 $st
ok_match "no project: the reason" "^FAILED: " "$err"

# ---- against Alembic's own reading of the same broken .py projects ----
if $PY -c 'import alembic' 2>/dev/null; then
	pyrev() { # ID DOWN (a Python literal); down_revision on line 11
		printf '"""r %s\n\nRevision ID: %s\nRevises:\nCreate Date: 2026-01-01 00:00:00\n\n"""\nfrom alembic import op\n\nrevision = %s\ndown_revision = %s\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n' \
			"$1" "$1" "'$1'" "$2" >"$V/$1_r.py"
	}
	rm -rf "$work/al" && mkdir "$work/al" && cd "$work/al" && $PY -m alembic init migrations >/dev/null 2>&1
	pyrev a1 None
	pyrev a2 "'a1'"
	pyrev b2 "'a1'"
	al=$($PY -m alembic heads 2>&1)
	out=$("$ALUDEL" -c alembic.ini check 2>/dev/null)
	ok_eq "Alembic: the same two heads" "$(printf '%s\n' "$al" | sed 's/ (head)//' | sort | tr '\n' ' ')" \
		"$(printf '%s\n' "$out" | sed -n 's/^heads: 2 heads, expected 1: //p' | sed 's/ ([^)]*)//g; s/, /\n/g' | sort | tr '\n' ' ')"
	rm "$V/b2_r.py"
	pyrev c1 "'zz'"
	al=$($PY -m alembic heads 2>&1)
	out=$("$ALUDEL" -c alembic.ini check 2>/dev/null)
	ok_match "Alembic: the missing parent" "Revision zz referenced from .* is not present" "$al"
	ok_match "aludel: the same, with the file and line" \
		"^$V/c1_r.py:11: missing-parent: Revision zz referenced from c1 is not present$" "$out"
	pyrev c1 "('a2', 'd1')"
	pyrev d1 "'c1'"
	al=$($PY -m alembic heads 2>&1)
	out=$("$ALUDEL" -c alembic.ini check 2>/dev/null)
	ok_match "Alembic: a cycle (its own choice of revisions)" "Cycle is detected in revisions \(.*c1.*\)" "$al"
	ok_match "aludel: the cycle (exactly its revisions), with the files" \
		"^$V/c1_r.py:11: cycle: Cycle is detected in revisions \(c1, d1\); files: $V/c1_r.py, $V/d1_r.py$" "$out"
	rm "$V/c1_r.py" "$V/d1_r.py"
	cp "$V/a2_r.py" "$V/a3_r.py"
	al=$($PY -m alembic heads 2>&1)
	out=$("$ALUDEL" -c alembic.ini check 2>/dev/null)
	ok_match "Alembic: the duplicate (a warning only)" "Revision a2 is present more than once" "$al"
	ok_match "aludel: the duplicate, both files" \
		"^$V/a3_r.py:10: duplicate: Revision a2 is present more than once: also in $V/a2_r.py$" "$out"
	# lint on an Alembic project with a PostgreSQL URL: the .py revisions' SQL
	# from Alembic's offline mode (no server needed)
	rm "$V/a3_r.py"
	sed -i 's|^sqlalchemy.url = .*|sqlalchemy.url = postgresql://app:s3cretpw@127.0.0.1:9/app|' alembic.ini
	sed -i "s|^    pass\$|    op.execute('ALTER TABLE accounts ADD COLUMN region text NOT NULL')|" "$V/a2_r.py"
	out=$(ALUDEL_ALEMBIC="$PY -m alembic" "$ALUDEL" -c alembic.ini check 2>"$work/err"); st=$?
	ok_status "an Alembic project's lint error: status 1" 1 $st
	ok_match "an Alembic project's lint error: its file" "^$V/a2_r.py: lint: adding-required-field: " "$out"
	out=$(ALUDEL_ALEMBIC=/nonexistent/alembic "$ALUDEL" -c alembic.ini check 2>"$work/err"); st=$?
	ok_status "lint that cannot run (no Alembic): status 1" 1 $st
	ok_match "lint that cannot run: says so" "^lint: lint could not run: .*cannot start /nonexistent/alembic" "$out"
	ok_eq "the password is never printed" "" "$(printf '%s\n' "$out" "$(cat "$work/err")" | grep s3cretpw)"
else
	echo "# Alembic is not installed: the comparison is skipped"
fi
# ---- an applied revision edited since it ran (the history table's checksums; SQLite) ----
newproject "sqlite:///$work/p/app.db"
chain
# a3 holds a trigger: SQLite's rules keep its body one statement, and the
# checksum of the file now is taken by the same rules as the run's
rev a3_three.sql a3 a2 "CREATE TABLE t3 (n INTEGER);
CREATE TRIGGER t3_ins AFTER INSERT ON t3 BEGIN UPDATE t3 SET n = n + 1; SELECT 1; END;"
"$ALUDEL" upgrade heads >/dev/null 2>&1 || echo "# upgrade failed"
check
ok_status "applied, nothing edited: status 0" 0 $st
ok_eq "...a trigger's revision is not taken for edited" "" "$(printf '%s\n' "$out" | grep edited)"
rev a2_two.sql a2 a1 "SELECT 2;"
check
ok_status "an applied revision edited since it ran: status 1" 1 $st
ok_match "the edited revision, at its file" "^$V/a2_two.sql: edited: revision a2 was edited since it was applied" "$out"
ok_eq "only the edited one" 1 "$(printf '%s\n' "$out" | grep -c ': edited: ')"
rev a4_four.sql a4 a3 "SELECT 4;"
rev a4_four.sql a4 a3 "SELECT 44;"
check
ok_eq "a pending revision's edits are not findings" 1 "$(printf '%s\n' "$out" | grep -c ': edited: ')"
rev a2_two.sql a2 a1
check
ok_status "the file put back: status 0" 0 $st
rev a2_two.sql a2 a1 "SELECT 2;"
sed -i "s|^sqlalchemy.url = .*|sqlalchemy.url = sqlite:////nonexistent/dir/app.db|" aludel.ini
check
ok_status "a database that cannot be reached is not checked: status 0" 0 $st

tap_done
