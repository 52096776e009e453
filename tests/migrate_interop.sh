#!/bin/sh
# tests/migrate_interop.sh - aludel's databases against the outside world, on
# SQLite and on a PostgreSQL server started here: the --sql script fed to
# sqlite3/psql gives the same schema and version rows as the online run, two
# runs started together apply each revision once, and a database migrated by
# Debian's Alembic 1.8 is continued by aludel and handed back to Alembic.
. "${top_srcdir:-.}/tests/tap.sh"
set -u
. "$top_srcdir/tests/alembic_env.sh"

# rev down depends message upgrade-sql downgrade-sql  (into $dir/migrations/versions)
mkrev() {
	{
		echo "-- $4"; echo "--"; echo "-- Revision ID: $1"; echo "-- Revises: $2"
		[ -n "$3" ] && echo "-- Depends On: $3"
		echo; echo "-- migrate:upgrade"; printf '%s\n' "$5"; echo; echo "-- migrate:downgrade"; printf '%s\n' "$6"
	} >"$dir/migrations/versions/$1_r.sql"
}
# schema listing and version rows of a database: "table:column,..." lines, then
# rows (aludel's history table left out: a --sql script does not write it)
describe() { # backend db
	if [ "$1" = sqlite ]; then
		for t in $(sqlite3 "$2" "SELECT name FROM sqlite_master WHERE type='table' AND name <> 'aludel_history' ORDER BY name"); do
			printf '%s:%s\n' "$t" "$(sqlite3 "$2" "SELECT group_concat(name) FROM pragma_table_info('$t')")"
		done
		sqlite3 "$2" "SELECT version_num FROM alembic_version ORDER BY 1"
	else
		psql -At -d "dbname=$2 host=$pgdir user=postgres" -c \
			"SELECT table_name || ':' || string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'aludel_history' GROUP BY table_name ORDER BY table_name"
		psql -At -d "dbname=$2 host=$pgdir user=postgres" -c "SELECT version_num FROM alembic_version ORDER BY 1"
	fi
}
url() { # backend name
	if [ "$1" = sqlite ]; then echo "sqlite:///$work/$2.db"; else sh "$top_srcdir/tests/pg-cluster.sh" createdb "$pgdir" "$2"; fi
}
dbname() { if [ "$1" = sqlite ]; then echo "$work/$2.db"; else echo "$2"; fi; }

for be in sqlite postgresql; do
	# ---- 1. --sql script == online run ----
	dir="$work/native_$be"
	mkdir -p "$dir/migrations/versions"
	printf '[aludel]\nscript_location = %%(here)s/migrations\n' >"$dir/aludel.ini"
	mkrev a000000001 "" "" "accounts" "CREATE TABLE accounts (id INTEGER PRIMARY KEY, name VARCHAR(40));" "DROP TABLE accounts;"
	mkrev b000000001 a000000001 "" "orders" "CREATE TABLE orders (id INTEGER PRIMARY KEY, account_id INTEGER);
INSERT INTO accounts (id, name) VALUES (1, 'it''s; tricky');" "DROP TABLE orders;"
	mkrev c000000001 a000000001 "" "audit" "CREATE TABLE audit (id INTEGER, what TEXT);" "DROP TABLE audit;"
	mkrev d000000001 c000000001 b000000001 "audit orders" "ALTER TABLE audit ADD COLUMN order_id INTEGER;" "ALTER TABLE audit DROP COLUMN order_id;"
	cd "$dir"
	online=$(url $be online); script=$(url $be script)
	"$ALUDEL" --url "$online" upgrade heads; ok_status "$be: online upgrade heads" 0 $?
	"$ALUDEL" --url "$script" upgrade --sql heads >"$work/up_$be.sql"; ok_status "$be: upgrade --sql heads" 0 $?
	if [ $be = sqlite ]; then sqlite3 -bail "$(dbname $be script)" <"$work/up_$be.sql"; else psql -q -v ON_ERROR_STOP=1 -d "dbname=script host=$pgdir user=postgres" -f "$work/up_$be.sql" >/dev/null; fi
	ok_status "$be: the script runs in the database's own client" 0 $?
	expected=$(describe $be "$(dbname $be online)")
	ok_match "$be: the online run made the tables" "^audit:id,what,order_id" "$expected"
	ok_eq "$be: the script gives the same schema and version rows" "$expected" "$(describe $be "$(dbname $be script)")"
	"$ALUDEL" --url "$online" downgrade base >/dev/null; ok_status "$be: online downgrade base" 0 $?
	"$ALUDEL" --url "$script" downgrade --sql heads:base >"$work/down_$be.sql"
	if [ $be = sqlite ]; then sqlite3 -bail "$(dbname $be script)" <"$work/down_$be.sql"; else psql -q -v ON_ERROR_STOP=1 -d "dbname=script host=$pgdir user=postgres" -f "$work/down_$be.sql" >/dev/null; fi
	ok_status "$be: the downgrade script runs" 0 $?
	ok_eq "$be: downgrade script and online downgrade agree" "$(describe $be "$(dbname $be online)")" "$(describe $be "$(dbname $be script)")"

	# ---- 2. two runs started together: each revision applied once ----
	dir="$work/race_$be"
	mkdir -p "$dir/migrations/versions"
	printf '[aludel]\nscript_location = %%(here)s/migrations\n' >"$dir/aludel.ini"
	if [ $be = sqlite ]; then
		slow="WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 20000000) SELECT count(*) FROM c;"
	else
		slow="SELECT pg_sleep(1);"
	fi
	mkrev e000000001 "" "" "log table" "CREATE TABLE run_log (what TEXT);
$slow" "DROP TABLE run_log;"
	mkrev e000000002 e000000001 "" "log once" "INSERT INTO run_log VALUES ('e000000002');" "DELETE FROM run_log;"
	cd "$dir"
	race=$(url $be race)
	"$ALUDEL" --url "$race" upgrade heads 2>"$work/race1.err" &
	p1=$!
	sleep 0.3
	"$ALUDEL" --url "$race" upgrade heads 2>"$work/race2.err" &
	p2=$!
	wait $p1; s1=$?
	wait $p2; s2=$?
	ok_eq "$be: both concurrent runs succeed" "0 0" "$s1 $s2"
	ok_match "$be: the second one waited, and said so" "Waiting for another aludel run" "$(cat "$work/race2.err")"
	if [ $be = sqlite ]; then n=$(sqlite3 "$work/race.db" "SELECT count(*) FROM run_log"); else n=$(psql -At -d "dbname=race host=$pgdir user=postgres" -c "SELECT count(*) FROM run_log"); fi
	ok_eq "$be: each revision ran once" "1" "$n"
	"$ALUDEL" --url "$race" downgrade base >/dev/null
	"$ALUDEL" --url "$race" upgrade heads 2>/dev/null &
	p1=$!
	sleep 0.3
	out=$("$ALUDEL" --url "$race" upgrade heads --lock-timeout 0.1 2>&1); st=$?
	wait $p1
	ok_status "$be: --lock-timeout gives up while another run holds the lock" 1 $st
	ok_match "$be: ...with a clear message" "lock|locked" "$out"

	# ---- 3. Alembic migrates, aludel continues, Alembic takes over again ----
	dir="$work/alembic_$be"
	mkdir -p "$dir" && cd "$dir"
	$PY -m alembic init migrations >/dev/null 2>&1
	db=$(url $be shared)
	# in an ini file % is written %%; & and | are special to sed
	ini_db=$(printf '%s' "$db" | sed 's/%/%%/g; s/[&|]/\\&/g')
	sed -i "s|^sqlalchemy.url = .*|sqlalchemy.url = $ini_db|" alembic.ini
	py_chain 2
	$PY -m alembic upgrade heads >/dev/null 2>&1; ok_status "$be: Alembic upgrades its project" 0 $?
	ok_eq "$be: aludel reads Alembic's version table" "a1a1a1a1a002 (head)" "$("$ALUDEL" -c alembic.ini current)"
	# aludel's own revisions in the same folder, on top of Alembic's head
	mkrev b2b2b2b2b001 a1a1a1a1a002 "" "native one" "CREATE TABLE native_1 (id INTEGER);" "DROP TABLE native_1;"
	mkrev b2b2b2b2b002 b2b2b2b2b001 "" "native two" "CREATE TABLE native_2 (id INTEGER);" "DROP TABLE native_2;"
	"$ALUDEL" -c alembic.ini upgrade heads; ok_status "$be: aludel continues from Alembic's row" 0 $?
	ok_eq "$be: aludel's row" "b2b2b2b2b002 (head)" "$("$ALUDEL" -c alembic.ini current)"
	ok_match "$be: history -i marks it" "^b2b2b2b2b001 -> b2b2b2b2b002 \\(head\\) \\(current\\)" "$("$ALUDEL" -c alembic.ini history -i)"
	"$ALUDEL" -c alembic.ini upgrade a1a1a1a1a001 >/dev/null 2>&1
	ok_status "$be: nothing to run below the current revision" 0 $?
	# down through both native revisions (run by aludel) and a .py one (run by Alembic)
	out=$("$ALUDEL" -c alembic.ini downgrade a1a1a1a1a001 2>&1); st=$?
	ok_status "$be: downgrading through native and Python revisions" 0 $st
	ok_match "$be: ...each step logged, the .py one too" "Running downgrade a1a1a1a1a002 -> a1a1a1a1a001" "$out"
	ok_eq "$be: ...the row" "a1a1a1a1a001" "$("$ALUDEL" -c alembic.ini current)"
	ok_eq "$be: ...the tables" "py_1" "$(describe $be "$(dbname $be shared)" | sed -n 's/:.*//p' | grep -v alembic_version | tr '\n' ' ' | sed 's/ $//')"
	"$ALUDEL" -c alembic.ini upgrade a1a1a1a1a002 >/dev/null 2>&1; ok_status "$be: aludel hands back at Alembic's head" 0 $?
	rm migrations/versions/b2b2b2b2b00*_r.sql
	ok_match "$be: Alembic reads the table aludel left" "^a1a1a1a1a002 \\(head\\)" "$($PY -m alembic current 2>/dev/null)"
	$PY -m alembic downgrade base >/dev/null 2>&1; ok_status "$be: Alembic downgrades to base" 0 $?
	ok_eq "$be: empty version table" "" "$("$ALUDEL" -c alembic.ini current)"
done
tap_done
