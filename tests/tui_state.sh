#!/bin/sh
# tests/tui_state.sh - the TUI's view of the database, driven in tmux as a
# person would (issue 11): `r` keeps the version table's state, a project with
# no revisions survives every key, looking at a database whose file does not
# exist does not create it, pending rows differ from applied ones without
# colour (NO_COLOR), and after `-` with two applied heads the status line
# lists the same current revisions as `aludel current`. The reload and `-`
# checks run on SQLite and on a PostgreSQL server started by
# tests/pg-cluster.sh (skipped when none can be started).
. "${top_srcdir:-.}/tests/tap.sh"
set -u
. "$top_srcdir/tests/tui_env.sh"

# starts the TUI in the current directory; a crash or an exit shows EXITED
start_tui() { # [ENV=VALUE...]
	tui_start 120 30 "env LANG=C.UTF-8 $* $ALUDEL tui; echo EXITED \$?; sleep 60"
	wait_for "Heads:"
}
status_line() { printf '%s\n' "$scr" | awk 'NF{l=$0} END{print l}'; }
# the ids `aludel current` lists, comma-separated, as the status line shows them
current_ids() { "$ALUDEL" current 2>/dev/null | awk '{print $1}' | paste -sd, -; }

# rev down depends labels message
mkrev() {
	revfile . "$1" "$2" "$5" "CREATE TABLE t_$1 (id INTEGER);" "" "$3" "$4"
}
# a project in directory $1 on database URL $2: two heads, bbbb (left) and
# dddd (right); cccc depends on bbbb, so after `upgrade heads` the version
# table holds dddd only and `aludel current` lists dddd and bbbb
mkproject() {
	mkdir -p "$1/migrations/versions"
	cd "$1" || exit 1
	printf '[aludel]\nscript_location = %%(here)s/migrations\nsqlalchemy.url = %s\n' "$2" >aludel.ini
	mkrev aaaa00000001 "" "" "" "create base"
	mkrev bbbb00000001 aaaa00000001 "" left "left one"
	mkrev cccc00000001 aaaa00000001 bbbb00000001 right "right one"
	mkrev dddd00000001 cccc00000001 "" "" "right two"
}

# defects 1 and 13 on the database of URL $2 (TAP names say $1)
reload_and_step_down() { # BACKEND URL
	mkproject "$work/$1" "$2"
	"$ALUDEL" upgrade left@head >/dev/null 2>&1
	ok_eq "$1: aludel current after upgrade left@head" "bbbb00000001" "$(current_ids)"
	start_tui; ok_status "$1: the TUI opens" 0 $?
	ok_match "$1: before r, the status line shows the current row" "2 pending \| current: bbbb00000001 \|" "$(status_line)"
	keys r; wait_for "reloaded 4 revisions"; ok_status "$1: r reloads" 0 $?
	ok_match "$1: after r, the status line keeps the current row and the pending count" \
		"2 pending \| current: $(current_ids) \|" "$(status_line)"
	ok_match "$1: after r, bbbb is still marked current" "bbbb00000001 \(current\)" "$scr"
	keys +; wait_for "run it\?"; ok_status "$1: after r, + offers a pending revision" 0 $?
	ok_match "$1: ... the next one on the pending branch" "cccc00000001" "$scr"
	keys n; wait_for "cancelled"
	T kill-session -t tui 2>/dev/null

	"$ALUDEL" upgrade heads >/dev/null 2>&1
	start_tui
	ok_match "$1: with two applied heads the status line lists both, as aludel current does" \
		"current: $(current_ids) \|" "$(status_line)"
	keys -; wait_for "run it\?"; keys y; wait_for "step down: done"; ok_status "$1: - steps down" 0 $?
	ok_eq "$1: aludel current after - lists two revisions" "cccc00000001,bbbb00000001" "$(current_ids)"
	ok_match "$1: after -, the status line lists the same current revisions" \
		"current: cccc00000001,bbbb00000001 \|" "$(status_line)"
	keys q; wait_for "EXITED 0"; ok_status "$1: q quits" 0 $?
	T kill-session -t tui 2>/dev/null
}

# --- 1 and 13 on SQLite
reload_and_step_down sqlite "sqlite:///$work/sqlite.db"

# --- 12: NO_COLOR: pending and applied rows differ by a glyph, not by attributes
cd "$work/sqlite" && "$ALUDEL" downgrade base >/dev/null 2>&1 && "$ALUDEL" upgrade left@head >/dev/null 2>&1
start_tui NO_COLOR=1; ok_status "NO_COLOR: the TUI opens" 0 $?
ok_match "NO_COLOR: an applied row shows the solid dot" "● *bbbb00000001" "$scr"
ok_match "NO_COLOR: a pending row shows the hollow dot" "○ *dddd00000001" "$scr"
ok_match "NO_COLOR: another pending row shows the hollow dot" "○.* cccc00000001" "$scr"
start_tui NO_COLOR=1 LANG=C LC_ALL=C; ok_status "NO_COLOR, LANG=C: the TUI opens" 0 $?
ok_match "NO_COLOR, LANG=C: an applied row shows *" "\* *bbbb00000001" "$scr"
ok_match "NO_COLOR, LANG=C: a pending row shows o" "o *dddd00000001" "$scr"
keys '?'; keys G; wait_for "Legend"; ok_match "the help's legend explains the pending glyph" "o / hollow dot +pending" "$scr"
keys q; keys q; wait_for "EXITED 0"
T kill-session -t tui 2>/dev/null

# --- 11: looking at a database whose file does not exist creates nothing
mkproject "$work/missing" "sqlite:///$work/missing/app.db"
start_tui; ok_status "missing file: the TUI opens" 0 $?
ok_match "missing file: everything is pending, nothing is current" "4 pending \| current: base \|" "$(status_line)"
keys 3; wait_for "Running upgrade"; ok_status "missing file: the preview shows the plan" 0 $?
keys Enter; keys q; wait_for "EXITED 0"; ok_status "missing file: q quits" 0 $?
T kill-session -t tui 2>/dev/null
ok_eq "missing file: opening and closing the TUI created no file" "" "$(ls "$work/missing" | grep '^app\.db')"
ok_eq "missing file: aludel current lists nothing" "" "$("$ALUDEL" current 2>&1)"
ok_eq "missing file: ... and creates nothing either" "" "$(ls "$work/missing" | grep '^app\.db')"
"$ALUDEL" upgrade heads >/dev/null 2>&1; ok_status "missing file: aludel upgrade heads runs" 0 $?
ok_eq "missing file: ... and creates the database" "dddd00000001 " \
	"$(sqlite3 "$work/missing/app.db" "SELECT version_num FROM alembic_version" 2>/dev/null | tr '\n' ' ')"
# an existing file is only read: its bytes do not change
sum_before=$(cksum <"$work/missing/app.db")
start_tui; keys Enter; keys j; keys Enter; keys r; keys q; wait_for "EXITED 0"
T kill-session -t tui 2>/dev/null
ok_eq "existing file: looking does not change it" "$sum_before" "$(cksum <"$work/missing/app.db")"

# --- 2: a project with no revisions survives every key
mkdir -p "$work/empty" && cd "$work/empty" && "$ALUDEL" init migrations >/dev/null 2>&1
start_tui; ok_status "empty project: the TUI opens" 0 $?
ok_match "empty project: says there are no revisions" "No revisions yet" "$scr"
alive() { # NAME: the TUI is still on screen and its process runs
	sleep 0.2
	wait_for "No revisions yet"
	s=$?
	printf '%s\n' "$scr" | grep -q "EXITED" && s=1
	ok_status "empty project: $1 keeps the TUI running" 0 $s
}
keys / x Enter; alive "/ x Enter"
for k in g G j k Enter Enter u d + - s Space m r n N p P c C b ] [ f F D t 1 2 3 Left Right; do
	keys "$k"; alive "$k"
done
keys '?'; keys G; wait_for "Legend"; ok_status "empty project: ? shows the help" 0 $?
keys x; alive "? then a key"
keys / Enter; alive "/ Enter"
keys / Escape; alive "/ Escape"
ok_eq "empty project: the TUI made no database file" "" "$(ls | grep '\.db$')"
keys q; wait_for "EXITED 0"; ok_status "empty project: q quits with status 0" 0 $?
T kill-session -t tui 2>/dev/null

# --- 1 and 13 on PostgreSQL
if sh "${top_srcdir:-.}/tests/pg-cluster.sh" start "$pgdir" $$ >/dev/null 2>&1; then
	reload_and_step_down postgresql "$(sh "${top_srcdir:-.}/tests/pg-cluster.sh" createdb "$pgdir" state)"
else
	tap_n=$((tap_n + 1)); echo "ok $tap_n - postgresql # SKIP no PostgreSQL server could be started"
fi
tap_done
