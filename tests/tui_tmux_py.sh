#!/bin/sh
# tests/tui_tmux_py.sh - drives `aludel tui` in tmux over an unchanged Alembic
# project (made by `alembic init`, revisions written as .py files), whose steps
# aludel hands to Debian's Alembic; once on SQLite and once on PostgreSQL (a
# server started by tests/pg-cluster.sh). Checks each step against the
# database itself: the preview of .py steps (Alembic's offline SQL), `+`, `-`,
# `u`, a failing revision and Ctrl-C during a slow one.
. "${top_srcdir:-.}/tests/tap.sh"
set -u
[ -x /usr/bin/alembic ] || { echo "Bail out! Debian's alembic command is needed (apt-get install alembic)"; exit 1; }
. "$top_srcdir/tests/alembic_env.sh"
WAIT_TENTHS=300 # each step starts Python: up to 30 s on a loaded machine
. "$top_srcdir/tests/tui_env.sh"

# The revisions: a line R1..R5 and a side branch S off R2. R5 fails; S is slow.
R1=1a1a00000001 R2=2b2b00000002 R3=3c3c00000003 R4=4d4d00000004 R5=5e5e00000005 S=6f6f00000006

# pyrev ID DOWN MESSAGE TABLE UPGRADE-BODY: an Alembic revision file whose
# downgrade() drops TABLE
pyrev() {
	down=None
	[ -n "$2" ] && down="'$2'"
	cat >"migrations/versions/${1}_$(echo "$3" | tr ' ' _).py" <<EOF
"""$3

Revision ID: $1
Revises: $2
Create Date: 2026-11-22 10:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '$1'
down_revision = $down
branch_labels = None
depends_on = None


def upgrade() -> None:
$5


def downgrade() -> None:
    op.drop_table("$4")
EOF
}

plan= scr= # the last plan confirmed, the last screen read
# scrolls the preview down (J) until it shows a pattern
scroll_to() {
	j=0
	while [ $j -lt 60 ]; do
		wait_for "$1" 2 && return 0
		keys J
		j=$((j + 1))
	done
	return 1
}

# Starts the TUI in the current directory, in a new session or, in place of
# what runs in it, in the same pane (its screen is cleared)
start_tui() {
	# aludel finds `alembic` on PATH: Debian's
	cmd="PATH=/usr/bin:/bin:\$PATH LANG=C.UTF-8 $ALUDEL -c alembic.ini tui; echo EXITED; sleep 60"
	if T has-session -t tui 2>/dev/null; then
		T respawn-pane -k -t tui -c "$PWD" "$cmd"
	else
		T new-session -d -s tui -x 200 -y 50 -c "$PWD" "$cmd"
	fi
	wait_for "Heads:"
}

# Presses + (answering the question for head $2 when two are pending) or -,
# and waits for the plan: 0 when it asks "run it?", 2 when aludel died
press_step() {
	keys "$1"
	if [ "$1" = + ]; then
		wait_for "step toward which head\?|run it\?|EXITED" || return 1
		case $scr in *EXITED*) return 2 ;; esac
		if printf '%s\n' "$scr" | grep -q "step toward which head?"; then
			n=$(printf '%s\n' "$scr" | sed -n "s/.*\([0-9]\)=$2.*/\1/p" | head -n 1)
			[ -n "$n" ] || return 1
			keys "$n" Enter
		fi
	fi
	wait_for "run it\?|EXITED" || return 1
	case $scr in *EXITED*) return 2 ;; esac
	return 0
}

# Selects the revision whose message is $1 by searching for it
select_rev() {
	keys / "$1" Enter
	wait_for "/$1: [0-9a-f]{12}"
}

# Confirms the plan on the screen (kept in $plan) with y, waits for "<what>: done"
confirm() {
	plan=
	wait_for "run it\?" || return 1
	plan=$scr
	keys y
	wait_for "$1: done" 150
}

# step KEY HEAD: + (toward HEAD) or -, its plan confirmed and run
step() {
	press_step "$1" "${2:-}"; st=$?
	if [ $st -eq 0 ]; then
		confirm "$([ "$1" = + ] && echo 'step up' || echo 'step down')"; st=$?
	fi
	ok_status "$be: $1 shows the plan of one .py step and runs it" 0 $st
	return $st
}

for be in sqlite postgresql; do
	dir="$work/$be"
	mkdir "$dir"
	cd "$dir" || exit 1
	if [ $be = postgresql ]; then
		url=$(sh "$top_srcdir/tests/pg-cluster.sh" createdb "$pgdir" tuipy)
		q() { psql -X -At -d "dbname=tuipy host=$pgdir user=postgres" -c "$1" 2>/dev/null; }
		tables() { q "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'aludel_history' ORDER BY 1" | tr '\n' ' '; }
		slow='    op.execute("SELECT pg_sleep(5)")'
		missing="does not exist"
	else
		url="sqlite:///$dir/app.db"
		q() { sqlite3 "$dir/app.db" "$1" 2>/dev/null; }
		tables() { q "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'aludel_history' ORDER BY 1" | tr '\n' ' '; }
		slow='    import time
    time.sleep(5)'
		missing="no such table"
	fi
	rows() { q "SELECT version_num FROM alembic_version ORDER BY 1" | tr '\n' ' '; }

	$PY -m alembic init migrations >/dev/null 2>&1; ok_status "$be: alembic init makes the project" 0 $?
	# (the URL's & and | are literal for sed)
	sed -i "s|^sqlalchemy.url = .*|sqlalchemy.url = $(printf '%s' "$url" | sed 's/[&|\\]/\\&/g')|" alembic.ini
	ok_eq "$be: alembic.ini has the URL" "sqlalchemy.url = $url" "$(grep '^sqlalchemy.url' alembic.ini)"
	pyrev $R1 "" "create alpha" alpha '    op.create_table("alpha", sa.Column("id", sa.Integer, primary_key=True))'
	pyrev $R2 $R1 "create beta" beta '    op.execute("CREATE TABLE beta (id INTEGER)")'
	pyrev $R3 $R2 "create gamma" gamma '    op.create_table("gamma", sa.Column("id", sa.Integer), sa.Column("name", sa.String(40)))'
	pyrev $R4 $R3 "create delta" delta '    op.execute("CREATE TABLE delta (id INTEGER)")'
	# The failing and the slow revision write a row first: on SQLite, Python's
	# sqlite3 opens a transaction before an INSERT but not before DDL, so
	# without it the CREATE TABLE would stay whatever happens next
	# (Alembic says "Will assume non-transactional DDL").
	pyrev $R5 $R4 "break epsilon" epsilon '    op.execute("INSERT INTO alpha (id) VALUES (5)")
    op.execute("CREATE TABLE epsilon (id INTEGER)")
    op.execute("SELECT * FROM no_such_table")'
	pyrev $S $R2 "slow side" side_slow "    op.execute(\"INSERT INTO alpha (id) VALUES (6)\")
    op.execute(\"CREATE TABLE side_slow (id INTEGER)\")
$slow"

	start_tui; ok_status "$be: opens on the graph view" 0 $?
	ok_match "$be: the heads bar shows both heads" "Heads:.*($R5.*$S|$S.*$R5)" "$scr"
	ok_match "$be: status line counts the .py revisions as pending" "6 pending" "$scr"

	# Enter on a pending .py revision: Alembic's offline SQL
	select_rev "create gamma"; ok_match "$be: search finds the .py revision" "/create gamma: $R3" "$scr"
	keys 3 # the preview's plan tab
	wait_for "File: " 100
	ok_match "$be: the preview names the .py file" "File: .*/${R3}_create_gamma.py" "$scr"
	preview=$scr
	scroll_to "CREATE TABLE gamma"; ok_status "$be: the preview shows the CREATE TABLE of its upgrade()" 0 $?
	preview="$preview
$scr"
	ok_match "$be: ... under Alembic's offline header for the step" "Running upgrade $R2 -> $R3" "$scr"
	ok_match "$be: ... after the steps before it" "CREATE TABLE beta" "$preview"
	if printf '%s\n' "$preview" | grep -qiE "not supported|no SQL preview|did not give|cannot"; then
		tap_result 1 "$be: the preview is Alembic's SQL, not a refusal or the source"
		printf '%s\n' "$preview" | sed 's/^/#   /'
	else
		tap_result 0 "$be: the preview is Alembic's SQL, not a refusal or the source"
	fi
	keys Tab

	# + three times toward R5's head, then -
	step + $R5; ok_status "$be: up one step to $R1" 0 $?
	ok_match "$be: the plan showed alpha's CREATE TABLE" "CREATE TABLE alpha" "$plan"
	ok_eq "$be: version row at $R1" "$R1 " "$(rows)"
	ok_eq "$be: tables at $R1" "alembic_version alpha " "$(tables)"
	ok_match "$be: $R1 shown as current" "$R1.*\(current\)" "$scr"

	step + $R5; ok_status "$be: up one step to $R2" 0 $?
	ok_match "$be: the plan is $R2 alone" "Running upgrade $R1 -> $R2" "$plan"
	ok_eq "$be: version row at $R2" "$R2 " "$(rows)"
	ok_eq "$be: tables at $R2" "alembic_version alpha beta " "$(tables)"
	ok_match "$be: $R2 shown as current" "$R2.*\(current\)" "$scr"

	step + $R5; ok_status "$be: up one step to $R3" 0 $?
	ok_eq "$be: version row at $R3" "$R3 " "$(rows)"
	ok_eq "$be: tables at $R3" "alembic_version alpha beta gamma " "$(tables)"
	ok_match "$be: $R3 shown as current" "$R3.*\(current\)" "$scr"

	step -; ok_status "$be: down one step to $R2" 0 $?
	ok_match "$be: the plan drops gamma" "Running downgrade $R3 -> $R2" "$plan"
	ok_eq "$be: version row back at $R2" "$R2 " "$(rows)"
	ok_eq "$be: gamma is gone" "alembic_version alpha beta " "$(tables)"
	ok_match "$be: $R2 shown as current again" "$R2.*\(current\)" "$scr"

	# u on R4: two .py steps in one Alembic run
	select_rev "create delta"
	keys u; confirm upgrade; ok_status "$be: u upgrades to $R4" 0 $?
	ok_match "$be: the plan runs $R3 and $R4" "Running upgrade $R2 -> $R3" "$plan"
	ok_eq "$be: version row at $R4" "$R4 " "$(rows)"
	ok_eq "$be: tables at $R4" "alembic_version alpha beta delta gamma " "$(tables)"
	ok_match "$be: $R4 shown as current" "$R4.*\(current\)" "$scr"

	# the failing revision, by +
	before_rows=$(rows) before_tables=$(tables)
	press_step + $R5; ok_status "$be: + toward the failing revision shows its plan" 0 $?
	wait_for "run it\?"; ok_status "$be: the failing revision's plan asks" 0 $?
	keys y
	wait_for "Migration failed" 150; ok_status "$be: the failure dialog opens" 0 $?
	ok_match "$be: it names the revision and its file" "revision $R5, .*/${R5}_break_epsilon\.py" "$scr"
	ok_match "$be: it shows Alembic's error" "$missing" "$scr"
	ok_match "$be: it says nothing was changed" "Nothing was changed: the version table is as it was \($R4\)" "$scr"
	keys q
	wait_for "step up failed"; ok_status "$be: the dialog closes to the graph" 0 $?
	ok_eq "$be: version rows unchanged after the failure" "$before_rows" "$(rows)"
	ok_eq "$be: tables unchanged after the failure" "$before_tables" "$(tables)"
	ok_eq "$be: the failed revision's INSERT was rolled back" "0" "$(q 'SELECT count(*) FROM alpha')"
	ok_match "$be: $R4 still shown as current" "$R4.*\(current\)" "$scr"

	# Ctrl-C while Alembic runs the slow side revision
	select_rev "slow side"
	keys u; wait_for "run it\?"; keys y
	wait_for "\[1/1\].*$S.*\.\.\." 100; ok_status "$be: the slow step is shown running" 0 $?
	sleep 1 # Alembic is in upgrade() by now
	keys C-c
	wait_for "Migration failed" 150; ok_status "$be: Ctrl-C stops the run" 0 $?
	ok_match "$be: the dialog says interrupted" "$S.*: interrupted" "$scr"
	ok_match "$be: ... and what the version table holds" "Nothing was changed: the version table is as it was \($R4\)" "$scr"
	keys q
	wait_for "upgrade failed"; ok_status "$be: the dialog closes" 0 $?
	ok_eq "$be: version rows after the interruption" "$R4 " "$(rows)"
	ok_eq "$be: the interrupted revision's table is absent" "$before_tables" "$(tables)"
	ok_eq "$be: its INSERT was rolled back" "0" "$(q 'SELECT count(*) FROM alpha')"
	ok_eq "$be: aludel current agrees" "$R4" "$(PATH=/usr/bin:/bin:$PATH "$ALUDEL" -c alembic.ini current 2>/dev/null | sed 's/ .*//')"
	ok_match "$be: $R4 still shown as current" "$R4.*\(current\)" "$scr"

	keys q; wait_for "EXITED"; ok_status "$be: q quits" 0 $?
done
tap_done
