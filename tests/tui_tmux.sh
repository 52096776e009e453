#!/bin/sh
# tests/tui_tmux.sh - drives `aludel tui` as a person would: tmux runs it on a
# fixed-size screen, send-keys types, capture-pane reads the screen. Runs
# against a real SQLite database (and PostgreSQL when ALUDEL_PG_URL is set).
. "${top_srcdir:-.}/tests/tap.sh"
set -u
command -v tmux >/dev/null || { echo "Bail out! tmux is not installed (apt-get install tmux)"; exit 1; }
work=$(mktemp -d)
sock="$work/tmux.sock"
T() { tmux -S "$sock" "$@"; }
trap 'T kill-server 2>/dev/null; rm -rf "$work"' EXIT
cd "$work"
mkdir -p migrations/versions

# rev down depends labels message upgrade-sql
mkrev() {
	{
		echo "-- $5"
		echo "--"
		echo "-- Revision ID: $1"
		echo "-- Revises: $2"
		echo "-- Create Date: 2026-11-22 10:00:00"
		[ -n "$3" ] && echo "-- Depends On: $3"
		[ -n "$4" ] && echo "-- Branch Labels: $4"
		echo
		echo "-- migrate:upgrade"
		echo "$6"
		echo
		echo "-- migrate:downgrade"
		echo "DROP TABLE t_$1;"
	} >"migrations/versions/$1_x.sql"
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

screen() { T capture-pane -p -t tui; }
# waits until the screen shows a pattern (up to 5 s); the screen is kept in $scr
wait_for() {
	i=0
	while [ $i -lt 50 ]; do
		scr=$(screen)
		printf '%s\n' "$scr" | grep -qE -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
keys() { T send-keys -t tui "$@"; }
rows() { sqlite3 "$work/app.db" "SELECT version_num FROM alembic_version ORDER BY 1" 2>/dev/null | tr '\n' ' '; }

T new-session -d -s tui -x 100 -y 30 "LANG=C.UTF-8 $ALUDEL tui; echo EXITED; sleep 5"
wait_for "Heads:"; ok_status "opens on the graph view" 0 $?
ok_match "heads bar shows both heads and warns" "Heads:.*bbbb00000001.*dddd00000001|Heads:.*dddd00000001.*bbbb00000001" "$scr"
ok_match "more than one head is flagged" "2 heads" "$scr"
ok_match "graph rows with markers" "aaaa00000001.*\(branchpoint\)" "$scr"
ok_match "depends_on shown" "depends on bbbb00000001" "$scr"
ok_match "status line shows the URL and pending count" "sqlite:///.*4 pending" "$scr"

keys '?'; wait_for "Legend"; ok_status "? shows the help with the legend" 0 $?
keys q; wait_for "Heads:"
keys '/' ; keys 'left one' Enter
wait_for "/left one: bbbb00000001"; ok_status "search finds a message" 0 $?

keys Enter; wait_for "CREATE TABLE t_bbbb00000001"; ok_status "Enter opens the SQL preview" 0 $?
ok_match "preview shows the version table statement" "INSERT INTO alembic_version" "$scr"
keys Tab

# upgrade to the selected revision (bbbb00000001) with confirmation
keys u; wait_for "run it\?"; ok_status "u shows the plan and asks" 0 $?
ok_match "the plan lists the SQL" "CREATE TABLE t_aaaa00000001" "$scr"
keys y; wait_for "upgrade: done"; ok_status "upgrade runs" 0 $?
ok_eq "version table after upgrade" "bbbb00000001 " "$(rows)"
ok_match "current revision marked" "bbbb00000001.*\(current\)" "$scr"

# step up: one pending branch left (right), so no question
keys +; wait_for "run it\?"; keys y; wait_for "step up: done"; ok_status "+ steps one revision up" 0 $?
ok_eq "version table after +" "bbbb00000001 cccc00000001 " "$(rows)"
keys -; wait_for "run it\?"; keys y; wait_for "step down: done"; ok_status "- steps one revision down" 0 $?
ok_eq "version table after -" "bbbb00000001 " "$(rows)"

# a failing migration: dialog, database unchanged
keys G; keys k; keys k; keys k
wait_for "dddd00000001"
keys g
keys u; wait_for "run it\?"; keys y
wait_for "Migration failed"; ok_status "a failing migration shows the failure dialog" 0 $?
ok_match "the dialog names the statement and the database message" "no_such_table|no such table" "$scr"
ok_match "the dialog says nothing was changed" "Nothing was changed" "$scr"
keys q
ok_eq "database unchanged after the failure" "bbbb00000001 " "$(rows)"

# stamp the base revision
keys G; wait_for "aaaa00000001"
keys s; wait_for "run it\?"; keys y; wait_for "stamp: done"; ok_status "s stamps" 0 $?
ok_eq "version table after stamp" "aaaa00000001 " "$(rows)"

# merge the two heads: mark with Space, m, message
keys g
wait_for "dddd00000001"
keys ' '
keys G; keys k; keys k
T resize-window -t tui -x 80 -y 24 2>/dev/null
wait_for "Heads:"; ok_status "resize redraws" 0 $?
keys g; keys j; keys j; keys j
# mark whichever row holds bbbb00000001
i=0
while [ $i -lt 6 ]; do
	scr=$(screen)
	cur=$(printf '%s\n' "$scr" | sed -n '2,$p' | head -4)
	i=$((i + 1))
done
keys g
for n in 1 2 3 4; do
	line=$(screen | sed -n "$((n + 1))p")
	case "$line" in *bbbb00000001*) break ;; esac
	keys j
done
keys ' '
keys m; wait_for "merge message"; keys 'join heads' Enter
wait_for "merge: wrote"; ok_status "m writes a merge revision" 0 $?
ok_eq "a merge file exists" "1" "$(grep -l 'Revises: .*bbbb00000001' migrations/versions/*_join_heads.sql 2>/dev/null | wc -l | tr -d ' ')"
ok_match "the graph shows one head" "Heads: [0-9a-f]{12}( |$)" "$(screen | sed -n 1p)"

keys q; wait_for "EXITED"; ok_status "q quits" 0 $?
tap_done
