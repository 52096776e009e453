#!/bin/sh
# tests/tui_plan_cut.sh - the preview's plan tab on a far target (issue 11,
# defect 10): a chain of 503 native revisions, none applied; the plan to the
# head has 503 steps, and the tab shows the SQL of the first 500 only
# (ald_plan_sql_head), then the engine's line naming the 3 left out and where
# the whole script is (:sql base:<head>); the pane's title names the 503
# steps. Driven in tmux at 100x30 on SQLite.
. "${top_srcdir:-.}/tests/tap.sh"
set -u
TMUX_FLAGS=-u
. "$top_srcdir/tests/tui_env.sh"
cd "$work"
export LC_ALL=C.UTF-8

mkdir -p migrations/versions
i=0 down=
while [ $i -lt 503 ]; do
	id=$(printf 'p%011d' $i)
	{
		echo "-- step $i"
		echo "--"
		echo "-- Revision ID: $id"
		[ -n "$down" ] && echo "-- Revises: $down"
		echo
		echo "-- migrate:upgrade"
		echo "CREATE TABLE t_$id (id INTEGER);"
		echo
		echo "-- migrate:downgrade"
		echo "DROP TABLE t_$id;"
	} >"migrations/versions/${id}_x.sql"
	down=$id i=$((i + 1))
done
head=$down
printf '[aludel]\nscript_location = %s/migrations\nsqlalchemy.url = sqlite:///%s/app.db\n' "$work" "$work" >aludel.ini

repeat() { n=$1; out=; while [ "$n" -gt 0 ]; do out="$out$2"; n=$((n - 1)); done; printf '%s' "$out"; }
tui_start 100 30 "cd $work && $ALUDEL tui; sleep 30"
wait_for "^Heads:" || echo "# no first screen: $scr"
keys Enter
keys 3
wait_for "\\[plan\\].* 503 steps "; ok_status "the plan tab's title names the plan's 503 steps" 0 $?
ok_match "the plan starts at the first revision" "Running upgrade  -> p00000000000" "$scr"
# to the end of the text: 500 steps of six lines and more
keys "$(repeat 1000 J)"; keys "$(repeat 1000 J)"; keys "$(repeat 1000 J)"; keys "$(repeat 1000 J)"
wait_for "the whole script"
ok_match "the text ends with the engine's line: 3 steps not shown" "^ *-- aludel: 3 more steps not shown \\(503 in all\\)" "$scr"
ok_match "... then where the whole script is" "-- the whole script: :sql base:$head \\(or .aludel upgrade base:$head --sql.\\)" "$scr"
ok_match "the last step shown is the 500th" "UPDATE alembic_version SET version_num='p00000000499'" "$scr"
tap_done
