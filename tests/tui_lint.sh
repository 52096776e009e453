#!/bin/sh
# tests/tui_lint.sh - the TUI shows lint findings (issue 12): on a project
# whose URL is a PostgreSQL server the test starts, at 80x24 and 120x40, a
# graph row whose revision has findings shows "⚠" before its message (red for
# an error), a clean revision's row does not; the preview's upgrade SQL tab
# shows "-- ⚠ rule: message" on the line after the flagged statement ends;
# the confirmation of an upgrade lists the findings of the plan's SQL and asks
# "lint found errors: run anyway?" (answered n: the database is unchanged).
# On a SQLite project: no marker, no finding line, no "Lint:" block.
. "${top_srcdir:-.}/tests/tap.sh"
set -u
TMUX_FLAGS=-u
. "$top_srcdir/tests/tui_env.sh"
cd "$work"
export LC_ALL=C.UTF-8
ESC=$(printf '\033')
sh "$top_srcdir/tests/pg-cluster.sh" start "$pgdir" $$ >/dev/null || { echo "Bail out! could not start PostgreSQL"; exit 1; }
url=$(sh "$top_srcdir/tests/pg-cluster.sh" createdb "$pgdir" lint)
rows() { psql -At -d "dbname=lint host=$pgdir user=postgres" -c "SELECT version_num FROM alembic_version ORDER BY 1" 2>/dev/null | tr '\n' ' '; }

# rev down message upgrade downgrade
mkrev() { # id down message upgrade-SQL downgrade-SQL
	revfile proj "$1" "$2" "$3" "$4" "$5"
}
mkdir -p proj/migrations/versions
# aaaa and dddd are clean; bbbb: an index on aaaa's table without
# CONCURRENTLY (a warning); cccc: a NOT NULL column without a default (an
# error), its statement over two lines
mkrev aaaa00000001 "" "create items" "CREATE TABLE items (id bigint PRIMARY KEY, name text);" \
	"-- aludel:ignore ban-drop-table,require-lock-timeout undoes the upgrade
DROP TABLE items;"
mkrev bbbb00000001 aaaa00000001 "index items" "SET lock_timeout = '5s';
CREATE INDEX items_name ON items (name);
SELECT 1;" "SET lock_timeout = '5s';
-- aludel:ignore ban-drop-index undoes the upgrade
DROP INDEX IF EXISTS items_name;"
mkrev cccc00000001 bbbb00000001 "require a code" "SET lock_timeout = '5s';
ALTER TABLE items
  ADD COLUMN code text NOT NULL;
SELECT 2;" "SET lock_timeout = '5s';
-- aludel:ignore ban-drop-column undoes the upgrade
ALTER TABLE items DROP COLUMN code;"
mkrev dddd00000001 cccc00000001 "create others" "CREATE TABLE others (id bigint PRIMARY KEY);" \
	"-- aludel:ignore ban-drop-table,require-lock-timeout undoes the upgrade
DROP TABLE others;"
# eeee: an index on the table dddd creates - one plan runs both, but each
# revision is linted alone, so the index is on an existing table
mkrev eeee00000001 dddd00000001 "index others" "SET lock_timeout = '5s';
CREATE INDEX others_id ON others (id);" "SET lock_timeout = '5s';
-- aludel:ignore ban-drop-index undoes the upgrade
DROP INDEX others_id;"
printf '[aludel]\nscript_location = %%(here)s/migrations\nsqlalchemy.url = %s\n' "$url" >proj/aludel.ini
cp -r proj sqlite
printf '[aludel]\nscript_location = %%(here)s/migrations\nsqlalchemy.url = sqlite:///%s/app.db\n' "$work" >sqlite/aludel.ini
(cd proj && "$ALUDEL" upgrade aaaa00000001 >/dev/null 2>&1) || echo "# upgrade failed"

# the graph row of a revision, colours stripped / kept
row() { printf '%s\n' "$scr" | grep -E "$1" | head -n 1; }
row_colour() { T capture-pane -p -e -t tui | grep -E "$1" | head -n 1; }

for size in 80x24 120x40; do
	cols=${size%x*} lines=${size#*x}
	tui_start "$cols" "$lines" "cd $work/proj && LANG=C.UTF-8 $ALUDEL tui; echo EXITED; sleep 5"
	wait_for "Heads:" || echo "# no screen"
	marked=$(printf '%s\n' "$scr" | grep '⚠' | grep -oE '[a-e]{4}00000001' | tr '\n' ' ')
	ok_eq "$size: exactly the rows of the revisions with findings have the marker" \
		"eeee00000001 cccc00000001 bbbb00000001 " "$marked"
	ok_match "$size: the index revision's row has the marker before its message" "bbbb00000001.*⚠ index items" "$(row bbbb00000001)"
	ok_match "$size: the NOT NULL revision's row has the marker" "cccc00000001.*⚠ require a code" "$(row cccc00000001)"
	ok_match "$size: the error's marker is in the warning colour (red)" \
		"${ESC}\\[([0-9;]*;)?31(;[0-9;]*)?m ?⚠" "$(row_colour cccc00000001)"
	ok_match "$size: the warning's marker is not red (yellow)" \
		"${ESC}\\[([0-9;]*;)?33(;[0-9;]*)?m ?⚠" "$(row_colour bbbb00000001)"

	# the preview of cccc (third row): the statement over two lines, the
	# finding after its second (J: the pane is short at 80x24)
	keys g; keys j; keys j; keys Enter; keys J J J
	wait_for "adding-required-field" || echo "# no finding for cccc"
	after=$(printf '%s\n' "$scr" | grep -A1 -E '^   ADD COLUMN code text NOT NULL' | sed -n 2p)
	ok_match "$size: a two-line statement's finding follows its last line" \
		"^ -- ⚠ adding-required-field: column items.code" "$after"
	ok_match "$size: the finding line is in the warning colour" "${ESC}\\[([0-9;]*;)?31(;[0-9;]*)?m-- ⚠ adding-required-field" \
		"$(T capture-pane -p -e -t tui)"
	# bbbb: the finding right after its statement, then its fix
	keys j; keys J J
	wait_for "fix: use CREATE INDEX CONCURRENTLY" || echo "# no finding in the preview"
	after=$(printf '%s\n' "$scr" | grep -A1 -E '^ CREATE INDEX items_name ON items' | sed -n 2p)
	ok_match "$size: the preview shows the finding on the line after the CREATE INDEX" \
		"^ -- ⚠ require-concurrent-index-creation: CREATE INDEX items_name" "$after"
	after=$(printf '%s\n' "$scr" | grep -A1 -E '^ -- ⚠ require-concurrent-index-creation' | sed -n 2p)
	ok_match "$size: the finding's fix follows it" "^ --   fix: use CREATE INDEX CONCURRENTLY" "$after"
	n=$(printf '%s\n' "$scr" | grep -c '⚠')
	ok_eq "$size: the preview of bbbb has one finding line (and the three row markers)" 4 "$n"
	keys k; keys Enter

	# the confirmation of the upgrade to the head lists the plan's findings
	# and says there is an error
	keys g; keys u; wait_for "run anyway|run it\?" || echo "# no confirmation"
	ok_match "$size: the confirmation counts the plan's findings" "Lint: 2 warnings, 1 error" "$scr"
	ok_match "$size: a revision's index on a table an earlier step of the plan creates is flagged" \
		"warning require-concurrent-index-creation: CREATE INDEX others_id on" "$scr"
	ok_match "$size: the finding names the revision's file and line" "\\(eeee00000001_x\\.sql:9\\)" "$scr"
	ok_match "$size: it lists the index finding" "warning require-concurrent-index-creation: CREATE INDEX items_name" "$scr"
	ok_match "$size: it lists the NOT NULL finding" "error adding-required-field: column items.code" "$scr"
	ok_match "$size: the ask line says lint found errors" "lint found errors: run anyway\\? y" "$scr"
	asked=$(printf '%s\n' "$scr" | grep -c 'lint found errors')
	keys n; wait_for "cancelled, nothing was changed" || echo "# not cancelled"
	ok_eq "$size: asked about the errors and answered n, the database is unchanged" "1 aaaa00000001 " "$asked $(rows)"
	keys q; wait_for EXITED || echo "# did not quit"
done

# SQLite: the rules are PostgreSQL's, nothing is said about lint
tui_start 120 40 "cd $work/sqlite && LANG=C.UTF-8 $ALUDEL tui; echo EXITED; sleep 5"
wait_for "eeee00000001" || echo "# no screen"
ok_match "sqlite: the graph is drawn" "cccc00000001.* require a code" "$scr"
n=$(printf '%s\n' "$scr" | grep -c '⚠')
ok_eq "sqlite: no marker on any row" 0 "$n"
ok_match "sqlite: the status line has no lint error" "5 revisions; \\? for help" "$scr"
keys g; keys j; keys j; keys Enter; keys J J J; wait_for "ADD COLUMN code" || echo "# no preview"
ok_match "sqlite: the preview shows the statements" "ADD COLUMN code text NOT NULL" "$scr"
n=$(printf '%s\n' "$scr" | grep -cE 'adding-required|-- ⚠|-- !')
ok_eq "sqlite: the preview has no finding line" 0 "$n"
keys u; wait_for "run it\\?" || echo "# no confirmation"
n=$(printf '%s\n' "$scr" | grep -cE 'Lint:|run anyway')
ok_eq "sqlite: the confirmation has no lint block" 0 "$n"
keys n
keys q; wait_for EXITED
tap_done
