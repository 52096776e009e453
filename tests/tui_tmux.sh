#!/bin/sh
# tests/tui_tmux.sh - drives `aludel tui` as a person would: tmux runs it on a
# fixed-size screen, send-keys types, capture-pane reads the screen. Runs
# against a real SQLite database, or with TUI_BACKEND=postgresql against a
# PostgreSQL server it starts itself (tests/pg-cluster.sh).
. "${top_srcdir:-.}/tests/tap.sh"
set -u
. "$top_srcdir/tests/tui_env.sh"
cd "$work"
if [ "${TUI_BACKEND:-sqlite}" = postgresql ]; then
	sh "${top_srcdir:-.}/tests/pg-cluster.sh" start "$pgdir" $$ >/dev/null ||
		{ echo "Bail out! could not start PostgreSQL"; exit 1; }
	ALUDEL_TUI_URL=$(sh "${top_srcdir:-.}/tests/pg-cluster.sh" createdb "$pgdir" tui)
	rows() { psql -At -d "dbname=tui host=$pgdir user=postgres" -c "SELECT version_num FROM alembic_version ORDER BY 1" 2>/dev/null | tr '\n' ' '; }
else
	rows() { sqlite3 "$work/app.db" "SELECT version_num FROM alembic_version ORDER BY 1" 2>/dev/null | tr '\n' ' '; }
fi
mkdir -p migrations/versions

# rev down depends labels message upgrade-sql
mkrev() {
	revfile . "$1" "$2" "$5" "$6" "" "$3" "$4"
}
cat >aludel.ini <<INI
[aludel]
script_location = %(here)s/migrations
sqlalchemy.url = ${ALUDEL_TUI_URL:-sqlite:///$work/app.db}
INI
mkrev aaaa00000001 "" "" "" "create base" "CREATE TABLE t_aaaa00000001 (id INTEGER);"
mkrev bbbb00000001 aaaa00000001 "" left "left one" "CREATE TABLE t_bbbb00000001 (id INTEGER);"
mkrev cccc00000001 aaaa00000001 bbbb00000001 right "right one" "CREATE TABLE t_cccc00000001 (id INTEGER);"
mkrev dddd00000001 cccc00000001 "" "" "right two fails" "CREATE TABLE t_dddd00000001 (id INTEGER);
INSERT INTO no_such_table VALUES (1);"


T new-session -d -s tui -x 100 -y 40 "LANG=C.UTF-8 $ALUDEL tui; echo EXITED; sleep 5"
wait_for "Heads:"; ok_status "opens on the graph view" 0 $?
ok_match "heads bar shows both heads and warns" "Heads:.*bbbb00000001.*dddd00000001|Heads:.*dddd00000001.*bbbb00000001" "$scr"
ok_match "more than one head is flagged" "2 heads" "$scr"
ok_match "graph rows with markers" "aaaa00000001.*\(branchpoint\)" "$scr"
ok_match "depends_on shown" "depends on bbbb00000001" "$scr"
ok_match "status line shows the pending count and the URL" "4 pending .*(sqlite|postgresql):///" "$scr"

keys '?'; keys G; wait_for "Legend"; ok_status "? shows the help with the legend" 0 $?
keys q; wait_for "Heads:"
# a key that does nothing says so (the key table has no entry for ~)
keys '~'; wait_for "unknown key ~: \\? lists the keys"; ok_status "an unknown key is named on the status line" 0 $?
keys '/' ; keys 'left one' Enter
wait_for "/left one: bbbb00000001"; ok_status "search finds a message" 0 $?

keys 3; wait_for "Running upgrade  -> aaaa00000001"; ok_status "3 opens the preview on its plan tab (the SQL that would run)" 0 $?
ok_match "preview shows the version table statement" "CREATE TABLE alembic_version" "$scr"
ok_match "preview shows the revision's file" "File: .*bbbb00000001_x.sql" "$scr"
keys Tab

# upgrade to the selected revision (bbbb00000001) with confirmation
keys u; wait_for "run it\?"; ok_status "u shows the plan and asks" 0 $?
ok_match "the plan lists the SQL" "CREATE TABLE t_aaaa00000001" "$scr"
keys y; wait_for "upgrade: done"; ok_status "upgrade runs" 0 $?
ok_eq "version table after upgrade" "bbbb00000001 " "$(rows)"
ok_match "current revision marked" "bbbb00000001.*\(current\)" "$scr"

# step up: one pending head left (dddd, on the right branch), so no question;
# cccc depends on bbbb, so its row absorbs bbbb's (Alembic's rule)
keys +; wait_for "run it\?"; keys y; wait_for "step up: done"; ok_status "+ steps one revision up" 0 $?
ok_eq "version table after +" "cccc00000001 " "$(rows)"
keys -; wait_for "run it\?"; keys y; wait_for "step down: done"; ok_status "- steps one revision down" 0 $?
ok_eq "version table after -" "bbbb00000001 " "$(rows)"

# a failing migration: dialog, database unchanged
keys g
keys u; wait_for "run it\?"; ok_match "the plan runs cccc then dddd" "Running upgrade aaaa00000001 -> cccc00000001" "$scr"
keys y
wait_for "Migration failed"; ok_status "a failing migration shows the failure dialog" 0 $?
ok_match "the dialog names the statement and the database message" "no_such_table|no such table" "$scr"
ok_match "the dialog says nothing was changed" "Nothing was changed" "$scr"
keys q
ok_eq "database unchanged after the failure" "bbbb00000001 " "$(rows)"

# stamp the base revision
keys G; wait_for "aaaa00000001"
keys s; wait_for "run it\?"; keys y; wait_for "stamp: done"; ok_status "s stamps" 0 $?
ok_eq "version table after stamp" "aaaa00000001 " "$(rows)"

# resize: the screen redraws at the new size; after G, shrinking to 5 rows
# and growing back draws every revision again (it drew 3 until g)
T resize-window -t tui -x 80 -y 24 2>/dev/null
wait_for "Heads:"; ok_status "resize redraws" 0 $?
ok_eq "the status line is on the last row after the resize" "24" "$(screen | awk 'NF{n=NR} END{print n}')"
keys G; sleep 0.2
T resize-window -t tui -x 80 -y 5 2>/dev/null; sleep 0.3
T resize-window -t tui -x 80 -y 24 2>/dev/null; sleep 0.3
ok_eq "after G, 5 rows and back: all 4 revisions drawn" "4" "$(screen | grep -cE '[0-9a-f]{12} .* 2026-11-22 10:00$')"

T resize-window -t tui -x 140 -y 40 2>/dev/null
# only heads can be marked: Space on cccc (row 2) says so and marks nothing
keys g; keys j; keys ' '
wait_for "only heads can be marked"; ok_status "Space on a non-head says only heads can be marked" 0 $?
# merge the two heads: mark each with Space (rows 1 and 3: dddd and bbbb), m,
# Enter takes the default message, which names them by their labels
keys g; keys ' '
keys g; keys j; keys j; keys ' '
keys m; wait_for 'merge message \(Enter: "merge left and right"\)'; ok_status "the merge prompt offers a message naming the heads" 0 $?
keys Enter
wait_for "merge: wrote"; ok_status "m writes a merge revision" 0 $?
ok_eq "a merge file revising both heads exists" "1" "$(grep -l 'Revises: .*dddd00000001' migrations/versions/*_merge_left_and_right.sql 2>/dev/null | xargs grep -l 'bbbb00000001' 2>/dev/null | wc -l | tr -d ' ')"
ok_match "the graph shows one head" "^Heads: [0-9a-f]{12} (\(left\) )?\[pending\]$" "$(screen | sed -n 1p)"

keys q; wait_for "EXITED"; ok_status "q quits" 0 $?

# Ctrl-C while a migration runs: a revision whose second statement takes long
T kill-session -t tui 2>/dev/null
mkdir -p "$work/slow/migrations/versions"
cd "$work/slow"
if [ "${TUI_BACKEND:-sqlite}" = postgresql ]; then
	slow_url=$(sh "${top_srcdir:-.}/tests/pg-cluster.sh" createdb "$pgdir" slow)
	slow_sql="SELECT pg_sleep(60);"
	slow_state() { psql -At -d "dbname=slow host=$pgdir user=postgres" -c "SELECT count(*) FROM pg_tables WHERE tablename IN ('t_ffff00000001', 'alembic_version')" 2>/dev/null; }
else
	slow_url="sqlite:///$work/slow.db"
	slow_sql="WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000000) SELECT count(*) FROM c;"
	slow_state() { sqlite3 "$work/slow.db" "SELECT count(*) FROM sqlite_master WHERE name IN ('t_ffff00000001', 'alembic_version')" 2>/dev/null; }
fi
printf '[aludel]\nscript_location = %%(here)s/migrations\nsqlalchemy.url = %s\n' "$slow_url" >aludel.ini
mkrev ffff00000001 "" "" "" "slow one" "CREATE TABLE t_ffff00000001 (id INTEGER);
$slow_sql"
tui_start 100 40 "LANG=C.UTF-8 $ALUDEL tui; echo EXITED; sleep 5"
wait_for "Heads:"; keys u; wait_for "run it\?"; keys y
wait_for "\[1/1\].*ffff00000001.*\.\.\."; ok_status "the slow migration is running" 0 $?
sleep 0.5
keys C-c
wait_for "Migration failed"; ok_status "Ctrl-C stops the running migration" 0 $?
ok_match "the dialog says the run was interrupted" "interrupted" "$scr"
ok_match "... and that nothing was changed" "Nothing was changed" "$scr"
ok_eq "no table and no version table after the interrupted run" "0" "$(slow_state)"
keys q; keys q; wait_for "EXITED"; ok_status "q quits after the interruption" 0 $?
tap_done
