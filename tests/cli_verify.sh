#!/bin/sh
# tests/cli_verify.sh - `aludel verify` on SQLite and on PostgreSQL (a server
# started here): a revision whose downgrade forgets an index, a column
# default, a constraint or a view is caught, named with its file and the
# right diff lines, exit 1; a correct chain of 30 revisions verifies clean;
# an empty downgrade is reported as irreversible, not failed; -r RANGE;
# --scratch-url (made and removed; an existing one refused and left alone);
# the scratch database is gone afterwards, also when verify is interrupted
# (SIGINT during a slow revision); a password in a URL is never printed.
. "${top_srcdir:-.}/tests/tap.sh"
set -u
work=$(mktemp -d)
chmod 755 "$work" # the PostgreSQL server runs as another user
pgdir="$work/pg"
cleanup() {
	[ -d "$pgdir" ] && sh "$top_srcdir/tests/pg-cluster.sh" stop "$pgdir" >/dev/null 2>&1
	rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
scratch="$work/scratch" # TMPDIR of every verify: its SQLite scratch files go there
mkdir "$scratch"

# project DIR URL: a new project folder with its aludel.ini
project() {
	mkdir -p "$1/migrations/versions"
	printf '[aludel]\nscript_location = %%(here)s/migrations\nsqlalchemy.url = %s\n' "$2" >"$1/aludel.ini"
}
# mkrev DIR ID DOWN UPGRADE-SQL DOWNGRADE-SQL
mkrev() {
	printf -- '-- %s\n--\n-- Revision ID: %s\n-- Revises: %s\n-- Create Date: 2026-01-01 00:00:00\n\n-- migrate:upgrade\n%s\n\n-- migrate:downgrade\n%s\n' \
		"$2" "$2" "$3" "$4" "$5" >"$1/migrations/versions/$2_rev.sql"
}
# verify DIR ARGS...: runs verify in DIR; sets out (stdout), err (stderr), st
verify() {
	d=$1
	shift
	out=$(cd "$d" && TMPDIR="$scratch" "$ALUDEL" verify "$@" 2>"$work/err"); st=$?
	err=$(cat "$work/err")
}
# what is left of scratch databases: files in $scratch, aludel_verify_* databases
leftovers() {
	ls -A "$scratch"
	[ "$1" = pg ] && psql -h "$pgdir" -U postgres -d postgres -Atc \
		"SELECT datname FROM pg_database WHERE datname LIKE 'aludel\\_verify\\_%'"
}

pg=""
if sh "$top_srcdir/tests/pg-cluster.sh" start "$pgdir" $$ >/dev/null 2>&1; then
	pg=pg
else
	tap_result 1 "a PostgreSQL server starts (tests/pg-cluster.sh)"
fi

n=0
for b in sqlite $pg; do
	# newdb: url = the URL of a new empty database of backend $b
	newdb() {
		n=$((n + 1))
		if [ "$b" = pg ]; then
			url=$(sh "$top_srcdir/tests/pg-cluster.sh" createdb "$pgdir" "app$n")
		else
			url="sqlite:///$work/app$n.db"
		fi
	}
	if [ "$b" = pg ]; then
		int=integer
		t=public.t
	else
		int=INTEGER
		t=t
	fi

	# ---- each forgotten piece is caught, named, with its diff ----
	# case NAME UPGRADE DOWNGRADE: r1 makes table t (name with default 'a'), r2 is the case
	case_dir() {
		d="$work/$b-$1"
		newdb
		project "$d" "$url"
		mkrev "$d" r1 "" "CREATE TABLE t (id $int PRIMARY KEY, name TEXT DEFAULT 'a');" "DROP TABLE t;"
		mkrev "$d" r2 r1 "$2" "$3"
		mkrev "$d" r3 r2 "CREATE TABLE later (id $int);" "DROP TABLE later;"
		verify "$d"
		ok_status "$b: $1 forgotten: exit 1" 1 $st
		ok_match "$b: $1 forgotten: revision and file named" \
			"^FAILED: r2 \(migrations/versions/r2_rev.sql\): its downgrade does not restore the schema:$" "$out"
		ok_match "$b: $1 forgotten: the diff's header" "^--- schema before r2$" "$out"
		ok_match "$b: $1 forgotten: the diff's header" "^\+\+\+ schema after downgrading r2$" "$out"
		ok_match "$b: $1 forgotten: a hunk" "^@@ -[0-9]+,[0-9]+ \+[0-9]+,[0-9]+ @@$" "$out"
		ok_match "$b: $1 forgotten: stopped at r2, r1 restored" \
			"^Stopped after 2 revisions on .*: 1 restored, 0 irreversible, 0 skipped, failed at r2$" "$out"
		ok_eq "$b: $1 forgotten: no scratch database left" "" "$(leftovers $b)"
	}

	case_dir index "CREATE INDEX ix_t_name ON t (name);" "SELECT 1;"
	if [ "$b" = pg ]; then
		ok_match "$b: index: the index is the one line added" "^\+index public.ix_t_name on public.t: CREATE INDEX ix_t_name ON public.t USING btree \(name\)$" "$out"
	else
		ok_match "$b: index: the index is added" "^\+index ix_t_name on t \(name\)$" "$out"
	fi
	ok_eq "$b: index: nothing removed" "" "$(printf '%s\n' "$out" | grep '^-[^-]')"

	if [ "$b" = pg ]; then
		case_dir default "ALTER TABLE t ALTER COLUMN name SET DEFAULT 'b';" "ALTER TABLE t ALTER COLUMN name DROP DEFAULT;"
		ok_match "$b: default: the old default removed" "^-table public.t column name #2 text default 'a'::text$" "$out"
		ok_match "$b: default: no default after" "^\+table public.t column name #2 text$" "$out"
	else
		# SQLite changes a default by rebuilding the table; the downgrade rebuilds it without one
		case_dir default "CREATE TABLE t_new (id INTEGER PRIMARY KEY, name TEXT DEFAULT 'b');
INSERT INTO t_new SELECT * FROM t; DROP TABLE t; ALTER TABLE t_new RENAME TO t;" \
			"CREATE TABLE t_old (id INTEGER PRIMARY KEY, name TEXT);
INSERT INTO t_old SELECT * FROM t; DROP TABLE t; ALTER TABLE t_old RENAME TO t;"
		ok_match "$b: default: the old default removed" "^-table t column name #2 text default 'a'$" "$out"
		ok_match "$b: default: no default after" "^\+table t column name #2 text$" "$out"
	fi

	if [ "$b" = pg ]; then
		case_dir constraint "ALTER TABLE t ADD CONSTRAINT t_name_short CHECK (length(name) < 50);" "SELECT 1;"
		ok_match "$b: constraint: the constraint added" "^\+table public.t constraint t_name_short CHECK \(length\(name\) < 50\)$" "$out"
	else
		case_dir constraint "CREATE TABLE t_new (id INTEGER PRIMARY KEY, name TEXT DEFAULT 'a' CHECK (length(name) < 50));
INSERT INTO t_new SELECT * FROM t; DROP TABLE t; ALTER TABLE t_new RENAME TO t;" "SELECT 1;"
		ok_match "$b: constraint: the table's old text removed" "^-table t sql: create table t\(id integer primary key,name text default'a'\)$" "$out"
		ok_match "$b: constraint: its text with the CHECK added" "^\+table t sql: create table t\(id integer primary key,name text default'a'check\(length\(name\)<50\)\)$" "$out"
	fi

	case_dir view "CREATE VIEW names AS SELECT name FROM t;" "SELECT 1;"
	if [ "$b" = pg ]; then
		ok_match "$b: view: the view added" "^\+view public.names$" "$out"
		ok_match "$b: view: its definition" "^\+     SELECT (t\.)?name$" "$out"
	else
		ok_match "$b: view: the view added" "^\+view names sql: create view names as select name from t$" "$out"
	fi

	# ---- a correct chain of 30 revisions ----
	d="$work/$b-chain"
	newdb
	project "$d" "$url"
	prev=""
	i=1
	while [ $i -le 30 ]; do
		id=$(printf 'c%02d' $i)
		k=$(( (i - 1) / 5 * 5 + 1 )) # the table of this group of five
		tk=$(printf 't%02d' $k)
		case $(( (i - 1) % 5 )) in
		0) up="CREATE TABLE $tk (id $int PRIMARY KEY, v TEXT NOT NULL DEFAULT 'x');"; down="DROP TABLE $tk;" ;;
		1) up="ALTER TABLE $tk ADD COLUMN extra $int DEFAULT 7;"; down="ALTER TABLE $tk DROP COLUMN extra;" ;;
		2) up="CREATE INDEX ix_$id ON $tk (v, id);"; down="DROP INDEX ix_$id;" ;;
		3) up="CREATE VIEW v_$id AS SELECT id, v FROM $tk WHERE id > 10;"; down="DROP VIEW v_$id;" ;;
		4) if [ "$b" = pg ]; then
			up="ALTER TABLE $tk ADD CONSTRAINT ck_$id CHECK (id > 0);"; down="ALTER TABLE $tk DROP CONSTRAINT ck_$id;"
		   else
			up="CREATE TRIGGER tr_$id AFTER INSERT ON $tk BEGIN SELECT 1; END;"; down="DROP TRIGGER tr_$id;"
		   fi ;;
		esac
		mkrev "$d" $id "$prev" "$up" "$down"
		prev=$id
		i=$((i + 1))
	done
	verify "$d"
	ok_status "$b: a chain of 30 correct revisions: exit 0" 0 $st
	ok_match "$b: 30 revisions verified, all restored" \
		"^Verified 30 revisions on .*: 30 restored, 0 irreversible, 0 skipped$" "$out"
	ok_eq "$b: no FAILED line" "" "$(printf '%s\n' "$out" | grep FAILED)"
	ok_match "$b: progress logged as upgrades log it" \
		"^INFO  \[alembic.runtime.migration\] Running downgrade c30 -> c29, c30$" "$err"
	ok_match "$b: each revision's phases logged" "^INFO  \[aludel.verify\] \[17/30\] c17: upgrade again$" "$err"
	ok_eq "$b: chain: no scratch database left" "" "$(leftovers $b)"
	ok_eq "$b: the project's own database untouched" "" \
		"$(cd "$d" && "$ALUDEL" current 2>&1)"

	# -r: a range
	verify "$d" -r c10:c12
	ok_status "$b: -r c10:c12: exit 0" 0 $st
	ok_match "$b: -r c10:c12: three revisions" "^Verified 3 revisions on .*: 3 restored" "$out"
	ok_match "$b: -r c10:c12: starts at c10" "^INFO  \[aludel.verify\] \[1/3\] c10: upgrade$" "$err"

	# an empty downgrade: irreversible, not failed
	mkrev "$d" c31 c30 "CREATE TABLE keep (id $int);" "-- cannot be undone"
	verify "$d" -r c30:c31
	ok_status "$b: an irreversible revision is not a failure" 0 $st
	ok_match "$b: irreversible reported on its own line" \
		"^irreversible: c31 \(migrations/versions/c31_rev.sql\): its downgrade is empty; not downgraded$" "$out"
	ok_match "$b: counted as irreversible" ": 1 restored, 1 irreversible, 0 skipped$" "$out"

	# ---- branches, a merge, a second root and a dependency ----
	d="$work/$b-branches"
	newdb
	project "$d" "$url"
	for spec in "a1 -" "a2 a1" "b1 a2" "b2 b1" "c1 a2" "c2 c1" "m1 b2,_c2" "o1 -" "d1 m1"; do
		set -- $spec
		down=$(echo "$2" | sed 's/^-$//; s/_/ /')
		mkrev "$d" $1 "$down" "CREATE TABLE t_$1 (id $int);" "DROP TABLE t_$1;"
	done
	sed -i 's/^-- Revises: m1$/&\n-- Depends On: o1/' "$d/migrations/versions/d1_rev.sql"
	verify "$d"
	ok_status "$b: branches and a merge: exit 0" 0 $st
	ok_match "$b: branches and a merge: each revision downgraded alone" \
		"^Verified 9 revisions on .*: 9 restored, 0 irreversible, 0 skipped$" "$out"
	mkrev "$d" b1 a2 "CREATE TABLE t_b1 (id $int);" "SELECT 1;"
	verify "$d"
	ok_status "$b: a branch's broken downgrade: exit 1" 1 $st
	ok_match "$b: a branch's broken downgrade: named" "^FAILED: b1 \(migrations/versions/b1_rev.sql\)" "$out"
	ok_match "$b: a branch's broken downgrade: its table left" "^\+table (public\.)?t_b1$" "$out"
	ok_eq "$b: branches: no scratch database left" "" "$(leftovers $b)"
	# a sibling branch that cannot be downgraded first (irreversible): skipped, said why
	d="$work/$b-skip"
	newdb
	project "$d" "$url"
	mkrev "$d" k1 "" "CREATE TABLE k1 (id $int);" "DROP TABLE k1;"
	mkrev "$d" k2 k1 "CREATE TABLE k2 (id $int);" "DROP TABLE k2;"
	mkrev "$d" k3 k1 "CREATE TABLE k3 (id $int);" "" # verified before k2
	verify "$d"
	ok_status "$b: a revision that cannot be downgraded alone: not a failure" 0 $st
	ok_match "$b: skipped, with the steps a downgrade would run" \
		"^skipped: k2 \(migrations/versions/k2_rev.sql\): a downgrade to k1 would run 2 steps \(k2, k3\), not this revision alone$" "$out"
	ok_match "$b: counted" ": 1 restored, 1 irreversible, 1 skipped$" "$out"

	# ---- interrupted: SIGINT while a slow revision runs ----
	d="$work/$b-slow"
	newdb
	project "$d" "$url"
	if [ "$b" = pg ]; then
		slow="SELECT pg_sleep(20);"
	else
		slow="WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000) SELECT count(*) FROM c;"
	fi
	mkrev "$d" s1 "" "CREATE TABLE t (id $int);" "DROP TABLE t;"
	mkrev "$d" s2 s1 "$slow" ""
	(cd "$d" && TMPDIR="$scratch" exec "$ALUDEL" verify >"$work/iout" 2>"$work/ierr") &
	pid=$!
	k=0
	until grep -q "Running upgrade s1 -> s2" "$work/ierr" 2>/dev/null || [ $k -ge 300 ]; do
		sleep 0.1
		k=$((k + 1))
	done
	sleep 0.5
	ok_eq "$b: interrupt: the scratch database exists while verify runs" "yes" \
		"$([ -n "$(leftovers $b)" ] && echo yes)"
	kill -INT $pid
	k=0
	while kill -0 $pid 2>/dev/null && [ $k -lt 100 ]; do
		sleep 0.1
		k=$((k + 1))
	done
	ok_eq "$b: interrupt: verify stops within 10 s" "stopped" "$(kill -0 $pid 2>/dev/null && echo running || echo stopped)"
	kill -9 $pid 2>/dev/null
	wait $pid; st=$?
	ok_status "$b: interrupt: exit 1" 1 $st
	ok_match "$b: interrupt: said so" "^FAILED: .*[Ii]nterrupted" "$(cat "$work/ierr")"
	ok_match "$b: interrupt: the scratch database removed, said so" "^The scratch database .* was removed\.$" "$(cat "$work/ierr")"
	ok_eq "$b: interrupt: no scratch database left" "" "$(leftovers $b)"
done

# ---- an Alembic .py revision: refused before anything is made ----
d="$work/sqlite-py"
project "$d" "sqlite:///$work/py.db"
mkrev "$d" n1 "" "CREATE TABLE t (id INTEGER);" "DROP TABLE t;"
printf '"""py step\n\nRevision ID: p1\nRevises: n1\nCreate Date: 2026-01-01 00:00:00\n\n"""\nrevision = "p1"\ndown_revision = "n1"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n' \
	>"$d/migrations/versions/p1_py_step.py"
verify "$d"
ok_status "a .py revision: exit 1" 1 $st
ok_match "a .py revision: refused, named" "^FAILED: revision p1 \(.*p1_py_step.py\) is an Alembic .py revision" "$err"
ok_eq "a .py revision: no scratch database made" "" "$(ls -A "$scratch")"
verify "$d" -r n1:n1
ok_status "a .py revision left out by -r: exit 0" 0 $st

# ---- --scratch-url ----
d="$work/sqlite-chain"
verify "$d" --scratch-url "sqlite:///$work/mine.db" -r c01:c03
ok_status "sqlite: --scratch-url: exit 0" 0 $st
ok_match "sqlite: --scratch-url: used" "^Verified 3 revisions on sqlite:///$work/mine.db: 3 restored" "$out"
ok_eq "sqlite: --scratch-url: the file removed after" "" "$(ls "$work" | grep mine)"
touch "$work/exists.db"
verify "$d" --scratch-url "sqlite:///$work/exists.db"
ok_status "sqlite: --scratch-url on an existing file: exit 1" 1 $st
ok_match "sqlite: --scratch-url on an existing file: refused" "^FAILED: the scratch database .*exists.db exists" "$err"
ok_eq "sqlite: --scratch-url on an existing file: the file left alone" "yes" "$([ -f "$work/exists.db" ] && echo yes)"

if [ -n "$pg" ]; then
	d="$work/pg-chain"
	verify "$d" --scratch-url "postgresql://postgres:Sekr1tPw@/my_scratch?host=$pgdir" -r c01:c02
	ok_status "pg: --scratch-url: exit 0" 0 $st
	ok_match "pg: --scratch-url: used, password masked" \
		"^Verified 2 revisions on postgresql://postgres:XXXXX@/my_scratch\?host=.*: 2 restored" "$out"
	ok_eq "pg: --scratch-url: dropped after" "" \
		"$(psql -h "$pgdir" -U postgres -d postgres -Atc "SELECT datname FROM pg_database WHERE datname = 'my_scratch'")"
	existing=existing_db
	sh "$top_srcdir/tests/pg-cluster.sh" createdb "$pgdir" $existing >/dev/null
	verify "$d" --scratch-url "postgresql://postgres:Sekr1tPw@/$existing?host=$pgdir"
	ok_status "pg: --scratch-url naming an existing database: exit 1" 1 $st
	ok_match "pg: --scratch-url naming an existing database: refused" \
		"^FAILED: cannot create the scratch database $existing: .*already exists" "$err"
	ok_eq "pg: --scratch-url naming an existing database: not dropped" "$existing" \
		"$(psql -h "$pgdir" -U postgres -d postgres -Atc "SELECT datname FROM pg_database WHERE datname = '$existing'")"
	all="$out$err"

	# a password in the project's URL: the scratch URL built from it keeps it, never shows it
	d="$work/pg-pw"
	sh "$top_srcdir/tests/pg-cluster.sh" createdb "$pgdir" pwapp >/dev/null
	project "$d" "postgresql://postgres:Sekr1tPw@/pwapp?host=$pgdir"
	mkrev "$d" r1 "" "CREATE TABLE t (id integer);" "DROP TABLE t;"
	mkrev "$d" r2 r1 "CREATE INDEX ix ON t (id);" "SELECT 1;"
	verify "$d"
	ok_status "pg: password in the URL: the failure found (exit 1)" 1 $st
	ok_match "pg: password in the URL: the scratch URL shown masked" \
		"on postgresql://postgres:XXXXX@/aludel_verify_[0-9a-f]+\?host=" "$out"
	all="$all$out$err"
	ok_eq "pg: the password is never printed" "" "$(printf '%s\n' "$all" | grep Sekr1tPw)"
	ok_eq "pg: password case: no scratch database left" "" "$(leftovers pg)"
fi

tap_done
