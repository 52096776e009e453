#!/bin/sh
# tests/cli_history_table.sh - the history table from the command line, on
# SQLite and on a PostgreSQL server started here: `history --runs` after
# upgrades, downgrades and a failed step (no row for the step rolled back),
# the checksum column (SHA-256 of the statements that ran, computed here with
# sha256sum), the table in version_table_schema, history_table = false, an
# edited file named by `current --verbose`; and Debian's Alembic 1.8 running
# current, upgrade and downgrade on a database where aludel wrote the table:
# its output and version rows are those of a database without the table.
. "${top_srcdir:-.}/tests/tap.sh"
set -u
. "$top_srcdir/tests/alembic_env.sh"
ALUDEL_ALEMBIC="$PY -m alembic"
export ALUDEL_ALEMBIC

# rev down message upgrade-sql downgrade-sql  (into $dir/migrations/versions)
mkrev() {
	{
		echo "-- $3"; echo "--"; echo "-- Revision ID: $1"; echo "-- Revises: $2"
		echo; echo "-- migrate:upgrade"; printf '%s\n' "$4"; echo; echo "-- migrate:downgrade"; printf '%s\n' "$5"
	} >"$dir/migrations/versions/$1_r.sql"
}
url() { # backend name
	if [ "$1" = sqlite ]; then echo "sqlite:///$work/$2.db"; else sh "$top_srcdir/tests/pg-cluster.sh" createdb "$pgdir" "$2"; fi
}
sql() { # backend name query: one value a line
	if [ "$1" = sqlite ]; then sqlite3 "$work/$2.db" "$3"; else psql -At -d "dbname=$2 host=$pgdir user=postgres" -c "$3"; fi
}
# the "revision direction" columns of `history --runs`, one run a line
runs() { "$ALUDEL" history --runs | awk 'NR > 1 { print $1, $2 }'; }
sum12() { printf '%s' "$1" | sha256sum | cut -c1-12; }

for be in sqlite postgresql; do
	dir="$work/native_$be"
	mkdir -p "$dir/migrations/versions"
	db=$(url $be hist)
	printf '[aludel]\nscript_location = %%(here)s/migrations\nsqlalchemy.url = %s\n' "$(printf '%s' "$db" | sed 's/%/%%/g')" >"$dir/aludel.ini"
	cd "$dir"
	mkrev a000000001 "" "accounts" "CREATE TABLE accounts (id INTEGER PRIMARY KEY);" "DROP TABLE accounts;"
	mkrev b000000001 a000000001 "orders" "CREATE TABLE orders (id INTEGER);
INSERT INTO accounts (id) VALUES (1);" "DROP TABLE orders;
DELETE FROM accounts;"
	mkrev c000000001 b000000001 "broken" "CREATE TABLE audit (id INTEGER);
INSERT INTO no_such_table VALUES (1);" "DROP TABLE audit;"

	out=$("$ALUDEL" history --runs 2>&1); st=$?
	ok_status "$be: history --runs before any run" 0 $st
	ok_eq "$be: ...says there is none" "No runs recorded in aludel_history." "$out"
	"$ALUDEL" -q upgrade b000000001; ok_status "$be: upgrade to b" 0 $?
	ok_eq "$be: a row per step, newest first" "b000000001 upgrade
a000000001 upgrade" "$(runs)"
	"$ALUDEL" -q downgrade a000000001; ok_status "$be: downgrade to a" 0 $?
	ok_eq "$be: the downgrade's row on top" "b000000001 downgrade
b000000001 upgrade
a000000001 upgrade" "$(runs)"
	out=$("$ALUDEL" -q upgrade heads 2>&1); st=$?
	ok_status "$be: upgrade through the broken revision fails" 1 $st
	ok_match "$be: ...naming it" "revision c000000001" "$out"
	ok_eq "$be: no row for the steps rolled back (b's again, c's)" "b000000001 downgrade
b000000001 upgrade
a000000001 upgrade" "$(runs)"
	ok_eq "$be: the history table itself holds 3 rows" "3" "$(sql $be hist 'SELECT count(*) FROM aludel_history')"

	mkrev c000000001 b000000001 "fixed" "CREATE TABLE audit (id INTEGER);" "DROP TABLE audit;"
	"$ALUDEL" -q upgrade heads; ok_status "$be: upgrade heads once fixed" 0 $?
	ok_eq "$be: the rows of both steps" "c000000001 upgrade
b000000001 upgrade
b000000001 downgrade
b000000001 upgrade
a000000001 upgrade" "$(runs)"
	top=$("$ALUDEL" history --runs | sed -n 2p)
	ok_match "$be: the row: checksum of the statements that ran, start, duration, user@host, version" \
		"^c000000001 +upgrade +$(sum12 'CREATE TABLE audit (id INTEGER);
') +20[0-9-]{8}T[0-9:.]{12}Z +[0-9]+\\.[0-9]{3}s +$(id -un)@$(hostname) +[0-9]+\\.[0-9]+" "$top"
	ok_match "$be: two statements: both in the checksum" "^b000000001 +upgrade +$(sum12 'CREATE TABLE orders (id INTEGER);
INSERT INTO accounts (id) VALUES (1);
') " "$("$ALUDEL" history --runs | sed -n 3p)"
	ok_match "$be: the downgrade's: of the downgrade section" "^b000000001 +downgrade +$(sum12 'DROP TABLE orders;
DELETE FROM accounts;
') " "$("$ALUDEL" history --runs | sed -n 4p)"
	ok_eq "$be: the table's direction column" "upgrade,upgrade,downgrade,upgrade,upgrade" \
		"$(sql $be hist 'SELECT direction FROM aludel_history ORDER BY id DESC' | tr '\n' , | sed 's/,$//')"

	out=$("$ALUDEL" current --verbose 2>&1); st=$?
	ok_status "$be: current --verbose" 0 $st
	ok_match "$be: ...lists the last runs" "^  c000000001 +upgrade" "$out"
	if printf '%s\n' "$out" | grep -q "edited since applied"; then r=1; else r=0; fi
	ok_status "$be: ...and no edited revision yet" 0 $r
	# b's upgrade changes by one character; c's downgrade only (not what ran up)
	mkrev b000000001 a000000001 "orders" "CREATE TABLE orders (id INTEGER);
INSERT INTO accounts (id) VALUES (2);" "DROP TABLE orders;
DELETE FROM accounts;"
	mkrev c000000001 b000000001 "fixed" "CREATE TABLE audit (id INTEGER);" "DROP TABLE audit; -- changed"
	out=$("$ALUDEL" current --verbose 2>&1)
	ok_match "$be: current --verbose names the edited revision" "^b000000001 \\(edited since applied" "$out"
	if printf '%s\n' "$out" | grep -Eq "^(a|c)000000001 \\(edited"; then r=1; else r=0; fi
	ok_status "$be: ...and only it" 0 $r
	ok_eq "$be: plain current is unchanged" "c000000001 (head)" "$("$ALUDEL" current 2>&1)"

	# version_table_schema (PostgreSQL): the table beside the version table;
	# history_table renames it; false: none is created
	if [ $be = postgresql ]; then
		db2=$(url $be schemadb)
		psql -q -d "dbname=schemadb host=$pgdir user=postgres" -c "CREATE SCHEMA app"
		printf '[aludel]\nscript_location = %%(here)s/migrations\nsqlalchemy.url = %s\nversion_table_schema = app\nhistory_table = Runs\n' \
			"$(printf '%s' "$db2" | sed 's/%/%%/g')" >"$dir/schema.ini"
		"$ALUDEL" -q -c schema.ini upgrade heads; ok_status "$be: upgrade with version_table_schema" 0 $?
		ok_eq "$be: the renamed table in that schema, quoted" "3" "$(sql $be schemadb 'SELECT count(*) FROM app."Runs"')"
	fi
	db3=$(url $be off)
	printf '[aludel]\nscript_location = %%(here)s/migrations\nsqlalchemy.url = %s\nhistory_table = false\n' \
		"$(printf '%s' "$db3" | sed 's/%/%%/g')" >"$dir/off.ini"
	"$ALUDEL" -q -c off.ini upgrade heads; ok_status "$be: upgrade with history_table = false" 0 $?
	if [ $be = sqlite ]; then q="SELECT count(*) FROM sqlite_master WHERE name = 'aludel_history'"; else q="SELECT count(*) FROM pg_tables WHERE tablename = 'aludel_history'"; fi
	ok_eq "$be: ...creates no history table" "0" "$(sql $be off "$q")"
	ok_eq "$be: ...while the default did" "1" "$(sql $be hist "$q")"
	out=$("$ALUDEL" -c off.ini history --runs 2>&1); st=$?
	ok_status "$be: history --runs with the history off fails" 1 $st
	ok_match "$be: ...saying so" "history table is turned off" "$out"

	# ---- Alembic 1.8 on a database with the table: as on one without ----
	for hist in on off; do
		dir="$work/alembic_${be}_$hist"
		mkdir -p "$dir" && cd "$dir"
		$PY -m alembic init migrations >/dev/null 2>&1
		db=$(url $be "py_$hist")
		ini_db=$(printf '%s' "$db" | sed 's/%/%%/g; s/[&|]/\\&/g')
		sed -i "s|^sqlalchemy.url = .*|sqlalchemy.url = $ini_db|" alembic.ini
		[ $hist = off ] && sed -i 's|^\[alembic\]$|[alembic]\nhistory_table = false|' alembic.ini
		py_chain 3
		"$ALUDEL" -q -c alembic.ini upgrade a1a1a1a1a002; ok_status "$be/$hist: aludel runs the .py revisions through Alembic" 0 $?
		"$ALUDEL" -q -c alembic.ini downgrade a1a1a1a1a001; ok_status "$be/$hist: ...and a downgrade" 0 $?
		"$ALUDEL" -q -c alembic.ini upgrade a1a1a1a1a002; ok_status "$be/$hist: ...and up again" 0 $?
		# what Alembic itself says and does next, recorded to compare on/off
		{
			$PY -m alembic current 2>&1 | grep -v '^INFO  \[alembic.runtime.migration\] \(Context impl\|Will assume\)'
			$PY -m alembic upgrade heads 2>&1
			$PY -m alembic current 2>&1 | grep -v '^INFO  \[alembic.runtime.migration\] \(Context impl\|Will assume\)'
			echo "rows: $(sql $be "py_$hist" 'SELECT version_num FROM alembic_version')"
			$PY -m alembic downgrade -2 2>&1
			$PY -m alembic current 2>&1 | grep -v '^INFO  \[alembic.runtime.migration\] \(Context impl\|Will assume\)'
			echo "rows: $(sql $be "py_$hist" 'SELECT version_num FROM alembic_version')"
		} >"$work/alembic_${be}_$hist.out"
		if [ $hist = on ]; then
			ok_eq "$be: the .py steps' rows, written after Alembic ran them" "a1a1a1a1a002 upgrade
a1a1a1a1a002 downgrade
a1a1a1a1a002 upgrade
a1a1a1a1a001 upgrade" "$(runs)"
			ok_match "$be: ...the checksum of the upgrade() source" "^a1a1a1a1a002 +upgrade +$(sum12 'def upgrade() -> None:
    op.execute("CREATE TABLE py_2 (id INTEGER)")
') " "$("$ALUDEL" -c alembic.ini history --runs | sed -n 2p)"
		fi
	done
	on=$(cat "$work/alembic_${be}_on.out")
	ok_match "$be: Alembic's current with the table: the row aludel left" "^a1a1a1a1a002$" "$on"
	ok_match "$be: Alembic's upgrade with the table runs the last step" "Running upgrade a1a1a1a1a002 -> a1a1a1a1a003" "$on"
	ok_match "$be: ...its version row" "^rows: a1a1a1a1a003$" "$on"
	ok_match "$be: Alembic's downgrade -2 with the table" "Running downgrade a1a1a1a1a002 -> a1a1a1a1a001" "$on"
	ok_match "$be: ...its version row" "^rows: a1a1a1a1a001$" "$on"
	ok_eq "$be: Alembic's output and rows are those of a database without the table" "$(cat "$work/alembic_${be}_off.out")" "$on"
	ok_eq "$be: Alembic left the history table alone" "4" "$(sql $be py_on 'SELECT count(*) FROM aludel_history')"
	# a .py step that fails (004, after 002 and 003): the steps Alembic
	# committed get their rows, the failed one none. On PostgreSQL env.py's
	# one transaction rolls all three back; on SQLite Python's sqlite3 module
	# commits before each DDL statement, so 002 and 003 stay applied
	cd "$work/alembic_${be}_on"
	sed -e 's/a1a1a1a1a003/a1a1a1a1a004/g; s/a1a1a1a1a002/a1a1a1a1a003/g' -e 's/CREATE TABLE py_3 (id INTEGER)/INSERT INTO no_such_table VALUES (1)/' \
		migrations/versions/a1a1a1a1a003_py.py >migrations/versions/a1a1a1a1a004_py.py
	"$ALUDEL" -q -c alembic.ini upgrade heads >/dev/null 2>&1; ok_status "$be: aludel upgrade heads through a failing .py revision fails" 1 $?
	if [ $be = sqlite ]; then kept="a1a1a1a1a003"; rows="a1a1a1a1a003 upgrade
a1a1a1a1a002 upgrade
"; else kept="a1a1a1a1a001"; rows=""; fi
	ok_eq "$be: ...what Alembic left applied" "$kept" "$(sql $be py_on 'SELECT version_num FROM alembic_version')"
	ok_eq "$be: ...rows for the steps it committed only, none for the failed one" "${rows}a1a1a1a1a002 upgrade
a1a1a1a1a002 downgrade
a1a1a1a1a002 upgrade
a1a1a1a1a001 upgrade" "$("$ALUDEL" -c alembic.ini history --runs | awk 'NR > 1 { print $1, $2 }')"
	# a stamp in an Alembic project is Alembic's: its row comes after it, without a checksum
	"$ALUDEL" -q -c alembic.ini stamp a1a1a1a1a002; ok_status "$be: aludel stamp (run by Alembic)" 0 $?
	ok_match "$be: ...its row on top, no checksum" "^a1a1a1a1a002 +stamp +- " "$("$ALUDEL" -c alembic.ini history --runs | sed -n 2p)"
done
tap_done
