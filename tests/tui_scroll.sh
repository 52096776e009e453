#!/bin/sh
# tests/tui_scroll.sh - the help screen and the preview pane scroll within
# bounds and show their position, and preview lines are clipped at the pane's
# edge, never wrapped (issue 11, defects 6, 7 and 14). tmux runs `aludel tui`
# on fixed-size screens, send-keys types, capture-pane reads the screen; the
# project is generated here, with a revision whose SQL has more than 100 lines
# and lines longer than 200 characters (ASCII and UTF-8).
. "${top_srcdir:-.}/tests/tap.sh"
set -u
. "$top_srcdir/tests/tui_env.sh"
cd "$work"
mkdir -p migrations/versions
printf '[aludel]\nscript_location = %%(here)s/migrations\nsqlalchemy.url = sqlite:///%s/app.db\n' "$work" >aludel.ini
cat >migrations/versions/aaaa00000001_base.sql <<'SQL'
-- create base
--
-- Revision ID: aaaa00000001
-- Revises:
-- Create Date: 2026-11-22 10:00:00

-- migrate:upgrade
CREATE TABLE t_a (id INTEGER);

-- migrate:downgrade
DROP TABLE t_a;
SQL
# WRAPMARKn sits past column 200 of a long line: clipped, it is never on screen
pad=$(printf 'x%.0s' $(seq 230))
{
	printf -- '-- long lines\n--\n-- Revision ID: bbbb00000001\n-- Revises: aaaa00000001\n'
	printf -- '-- Create Date: 2026-11-22 11:00:00\n\n-- migrate:upgrade\n'
	echo "CREATE TABLE t_b (id INTEGER, note TEXT);"
	echo "-- a comment $pad WRAPMARK1"
	echo "INSERT INTO t_b VALUES (0, 'é日本語 $pad WRAPMARK2');"
	echo "INSERT INTO t_b VALUES (1, '$(printf 'long_identifier_%.0s' $(seq 15))WRAPMARK3');"
	echo "INSERT INTO t_b VALUES (2, '日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語 WRAPMARK4');"
	for i in $(seq 3 130); do echo "INSERT INTO t_b VALUES ($i, 'row $i');"; done
	echo "INSERT INTO t_b VALUES (999, 'LASTSQLLINE');"
	printf '\n-- migrate:downgrade\nDROP TABLE t_b;\n'
} >migrations/versions/bbbb00000001_long.sql

# repeat N TEXT: TEXT N times
repeat() { n=$1; out=; while [ "$n" -gt 0 ]; do out="$out$2"; n=$((n - 1)); done; printf '%s' "$out"; }
start() { # COLS ROWS
	tui_start "$1" "$2" "LANG=C.UTF-8 $ALUDEL tui; echo EXITED; sleep 5"
	wait_for "Heads:"
}
# rows of the preview (under its title, above the status line) that do not
# start with the blank column 0: the continuation of a wrapped line
wrapped_rows() {
	printf '%s\n' "$1" | awk -v last="$(printf '%s\n' "$1" | wc -l)" '
		in_pane && NR < last && substr($0, 1, 1) != " " && $0 != "" { print NR ": " $0 }
		/bbbb00000001  [[(]/ { in_pane = 1 }'
}
# the preview's position [first-last/total] on the screen $scr
pos() { printf '%s\n' "$scr" | grep -oE '\[[0-9]+-[0-9]+/[0-9]+\]' | head -1; }

help_checks() { # SIZE
	keys '?'; wait_for "lines 1-[0-9]+ of [0-9]+"; ok_status "$1: ? shows the help and its position" 0 $?
	sleep 0.2; scr=$(screen)
	ok_match "$1: the help's first line is on screen" "^ *Moving" "$scr"
	total=$(printf '%s\n' "$scr" | sed -nE 's/.*lines 1-[0-9]+ of ([0-9]+).*/\1/p')
	keys "$(repeat 150 j)" # more than the help has lines
	wait_for "lines [0-9]+-${total:-x} of ${total:-x}"; ok_status "$1: j scrolls the help to its end" 0 $?
	ok_match "$1: the help's last line is on screen" "any other key goes back" "$scr"
	keys g; wait_for "lines 1-"; ok_status "$1: g goes back to the help's top" 0 $?
	keys G; wait_for "lines [0-9]+-${total:-x} of ${total:-x}"; ok_status "$1: G shows the help's last line" 0 $?
	ok_match "$1: ... the legend's end above it" "dotted lane" "$scr"
	first=$(printf '%s\n' "$scr" | sed -nE 's/.*lines ([0-9]+)-.*/\1/p')
	if [ "${first:-1}" -gt 1 ]; then
		keys k; wait_for "lines $((first - 1))-$((${total:-1} - 1)) of"; ok_status "$1: k scrolls up one line" 0 $?
	else
		keys k; wait_for "lines 1-${total:-x} of"; ok_status "$1: the whole help fits: k stays at the top" 0 $?
	fi
	keys NPage; wait_for "lines [0-9]+-${total:-x} of"; ok_status "$1: PgDn stops at the end" 0 $?
	keys q; wait_for "Heads:"; ok_status "$1: q leaves the help" 0 $?
}

preview_checks() { # SIZE
	keys g 3 # the preview's plan tab
	wait_for '\[1-[0-9]+/[0-9]+\]'; ok_status "$1: the preview shows its position" 0 $?
	p=$(pos); shown=${p#*-}; shown=${shown%/*}; total=${p#*/}; total=${total%]}
	[ -n "$p" ] || { shown=1; total=1000; }
	max=$((total - shown + 1))
	# walk the preview 4 lines at a time until its last statement shows (the
	# position synchronises when it is shown, else a pause): no row is a
	# wrapped continuation, no long line's far end shows
	bad=$(wrapped_rows "$scr"); marks=; at=1; walk=0; utf=1; steps=0
	while [ $steps -lt 100 ]; do
		keys JJJJ
		steps=$((steps + 1)); at=$((at + 4)); [ $at -gt $max ] && at=$max
		if [ $walk = 0 ]; then wait_for "\\[$at-[0-9]+/" || walk=1; else sleep 0.3; scr=$(screen); fi
		bad="$bad$(wrapped_rows "$scr")"
		marks="$marks$(printf '%s\n' "$scr" | grep -o 'WRAPMARK[0-9]')"
		printf '%s\n' "$scr" | grep -q "^ INSERT INTO t_b VALUES (2, '日本語日本語" && utf=0
		printf '%s\n' "$scr" | grep -q LASTSQLLINE && break
	done
	ok_status "$1: J moves the preview one line at a time" 0 $walk
	ok_eq "$1: no preview row starts with a wrapped line's continuation" "" "$bad"
	ok_eq "$1: long lines are clipped at the pane's edge (their far end never shows)" "" "$marks"
	ok_status "$1: the long line of wide characters is shown, clipped" 0 $utf
	keys "$(repeat 500 J)"
	sleep 1
	wait_for "\\[$max-$total/$total\\]"; ok_status "$1: 500 J stop at the end, position $max-$total/$total" 0 $?
	sleep 0.2; scr=$(screen)
	ok_match "$1: the SQL's last line is visible" "UPDATE alembic_version SET version_num='bbbb00000001'" "$scr"
	ok_match "$1: ... and the revision's last statement" "LASTSQLLINE" "$scr"
	# the last page is full: the last statement is on one of the two rows above the status line
	tail2=$(printf '%s\n' "$scr" | tail -3 | head -2)
	ok_match "$1: the last page is full (the SQL ends at the pane's bottom)" "UPDATE alembic_version" "$tail2"
	keys K; wait_for "\\[$((max - 1))-$((total - 1))/$total\\]"; ok_status "$1: one K after the end scrolls back one line" 0 $?
	keys Enter; wait_for "Heads:"
}

start 80 24; ok_status "80x24: opens" 0 $?
help_checks 80x24
# a fresh session: the preview checks do not depend on how the help was left
start 80 24
preview_checks 80x24
start 120 40; ok_status "120x40: opens" 0 $?
help_checks 120x40
# a fresh session: the preview checks do not depend on how the help was left
start 120 40
preview_checks 120x40
start 80 10; ok_status "80x10: opens" 0 $?
help_checks 80x10
keys q; wait_for EXITED; ok_status "q quits" 0 $?
tap_done
