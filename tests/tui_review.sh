#!/bin/sh
# tests/tui_review.sh - the defects a new user's review of the TUI found, in
# tmux on SQLite: (1) the heads panel's rows never wrap at 40 and 60 columns;
# (2) a text box wraps long lines (a failed migration's "line 10" after a long
# path) and pages like a pager with its position shown (also D's view);
# (3) D works in the heads panel and comes back to it; (4) Ctrl-C cancels the
# `:` prompt and the merge message, and in the graph view quits with status 0
# and the terminal restored; (5) Escape in the graph view says nothing;
# (6) P / C say when there is only one parent / child; (7) the status line
# says what is being planned before the plan is made; (8) a status line too
# long ends with an ellipsis and `!` shows it whole; (9) the help's footer
# and bottom line name its keys alike. Projects: a generated one of 45 heads
# (Ctrl-C, the panel) and the demo, copied under a long directory, with a failing revision added.
. "${top_srcdir:-.}/tests/tap.sh"
set -u
TMUX_FLAGS=-u
. "$top_srcdir/tests/tui_env.sh"
cd "$work"
export LC_ALL=C.UTF-8 # for grep's '.' (one character) on the captured screens

# the generated project: 45 branches of two revisions from one base (45 heads)
# mkrev id down labels message
mkrev() { # id down labels message
	revfile "$work/proj" "$1" "$2" "$4" "CREATE TABLE t_$1 (id INTEGER);" "" "" "$3"
}
mkdir -p proj/migrations/versions
mkrev a00000000000 "" "" "base of every branch"
k=1
while [ $k -le 45 ]; do
	one=$(printf 'c%03x00000001' $k)
	two=$(printf 'c%03x00000002' $k)
	label=""; [ $((k % 3)) -eq 0 ] && label="feature_$k"
	mkrev "$one" a00000000000 "" "branch $k: the first table"
	mkrev "$two" "$one" "$label" "branch $k: fill the table with a rather long message that no narrow screen holds"
	k=$((k + 1))
done
printf '[aludel]\nscript_location = %%(here)s/migrations\nsqlalchemy.url = sqlite:///%s/app.db\n' "$work" >proj/aludel.ini
(cd proj && "$ALUDEL" upgrade c00300000002 >/dev/null 2>&1) || echo "# upgrade failed"

# the demo under a long path, with a revision whose statement on line 10 fails
demo="$work/a_rather_long_directory_name_for_the_work_dir/and_another_rather_long_level/demo"
mkdir -p "${demo%/demo}"
cp -r "$top_srcdir/demo" "$demo"
rm -f "$demo/demo.db"
cat >"$demo/migrations/versions/fa11fa11fa11_break.sql" <<'SQL'
-- a statement that fails
--
-- Revision ID: fa11fa11fa11
-- Revises: 1f2263992572
-- Create Date: 2026-11-13 10:00:00

-- migrate:upgrade
CREATE TABLE ok_one (id INTEGER);

INSERT INTO no_such_table VALUES (1);

-- migrate:downgrade
DROP TABLE ok_one;
SQL

# run DIR COLS ROWS: aludel tui in DIR; when it exits, its status and the
# terminal's settings are written to $work/exit and $work/stty
run() {
	rm -f "$work/exit" "$work/stty"
	tui_start "$2" "$3" "cd '$1' && NO_COLOR=1 $ALUDEL tui; echo \$? >'$work/exit'; stty -a >'$work/stty'; echo EXITED; sleep 60"
	wait_for "^Heads:"
}

# 1. the heads panel at 40 and 60 columns on the demo (2 heads): its rows,
# then empty lines; a row wider than the screen ran into the line below
for size in 40x16 60x20; do
	cols=${size%x*} rows=${size#*x}
	run "$demo" "$cols" "$rows"
	keys H; wait_for "^  HEAD"
	good=$(printf '%s\n' "$scr" | sed -n "3,$((rows - 1))p" | grep -cE '^(  |▶ |> )[0-9a-f]{12}  (applied|pending)')
	empty=$(printf '%s\n' "$scr" | sed -n "3,$((rows - 1))p" | grep -cE '^ *$')
	ok_eq "[1] $size: the panel is its 2 rows (id and state first), then empty lines" "2 $((rows - 5))" "$good $empty"
	[ "$good $empty" = "2 $((rows - 5))" ] || printf '%s\n' "$scr" | sed 's/^/#   /'
done
# 2. the failure dialog wraps: the failing statement's line number after the
# long path is on screen; the dialog says which lines it shows
run "$demo" 80 24
keys :; keys "upgrade fa11fa11fa11" Enter; wait_for "run it\?"; keys y
wait_for "Migration failed"
ok_match "[2] the failing statement's file and line are on screen (wrapped)" "fa11_break\.sql,line10" \
	"$(printf '%s\n' "$scr" | tr -d ' \n')"
wait_for "lines 1-[0-9]+ of [0-9]+ *$" # the bottom line may be drawn after the title
ok_match "[2] the dialog's bottom line shows its position" "lines 1-[0-9]+ of [0-9]+ *$" "$(printf '%s\n' "$scr" | tail -n 1)"
keys q; wait_for "upgrade failed"

# 6. P on a revision of one parent, C on one of one child: said
keys :; keys "goto 6910ac20911c" Enter; wait_for "^.{0,12}[●○*o].* 6910ac20911c"
keys P; wait_for "6910ac20911c has one parent"; ok_status "[6] P on a non-merge says it has one parent" 0 $?
keys :; keys "goto 6910ac20911c" Enter; sleep 0.3
keys C; wait_for "6910ac20911c has one child"; ok_status "[6] C on a revision of one child says so" 0 $?

# 8. a long error on the status line ends with an ellipsis; ! shows it whole
keys :; keys "sql downgrade heads:base" Enter; wait_for "Multiple head"
ok_match "[8] the cut status line ends with an ellipsis" "…$" "$(printf '%s\n' "$scr" | tail -n 1)"
keys '!'; wait_for "The last status message"; ok_status "[8] ! opens the last status message" 0 $?
ok_match "[8] ... with the end of the message" "or 'heads' for all heads" "$scr"
keys q; wait_for "^Heads:"

# 5. Escape in the graph view says nothing
run "$demo" 80 24
keys '~'; wait_for "unknown key ~"
keys Escape; sleep 1; scr=$(screen)
ok_match "[5] Escape leaves the status as it was" "unknown key ~" "$(printf '%s\n' "$scr" | tail -n 1)"

# 9. the help: its footer and its bottom line both say Space pages and any
# other key goes back, which they do
keys '?'; wait_for "Help: lines 1-"; keys G; wait_for "In this help"
foot=$(printf '%s\n' "$scr" | grep "In this help")
ok_match "[9] the help's footer names Space and any other key" "Space.*any other key goes back" "$foot"
ok_match "[9] the help's bottom line too" "Space.*any other key" "$(printf '%s\n' "$scr" | tail -n 1)"
keys g; wait_for "Help: lines 1-"; keys Space; wait_for "Help: lines [2-9][0-9]*-"; paged=$?
keys x; wait_for "^Heads:"; back=$?
ok_eq "[9] ... and they are true: Space pages, another key (x) goes back" "0 0 yes" \
	"$paged $back $(printf '%s\n' "$foot" | grep -q Space && echo yes)"

# 4. Ctrl-C cancels the : prompt and the merge message's prompt; the TUI runs on
run "$demo" 80 24
keys :; keys "upgr"; wait_for "^:upgr"; keys C-c
wait_for "^Heads:"; sleep 0.5; scr=$(screen)
ok_match "[4] Ctrl-C at the : prompt cancels it, the TUI runs on" "^Heads:" "$scr"
ok_eq "[4] ... and has not exited" "no" "$([ -e "$work/exit" ] && echo yes || echo no)"
keys g; keys Space; keys ']'; sleep 0.3; keys Space; keys m; wait_for "merge message"
keys C-c; wait_for "merge: cancelled"; ok_status "[4] Ctrl-C at the merge message cancels the merge" 0 $?

# 3. D in the heads panel (both heads are marked): the diverged view, its
# position, G to its end; q comes back to the panel
run "$demo" 50 16
keys H; wait_for "^  HEAD"; keys Space; keys Space
keys D; wait_for "Diverged:"; ok_status "[3] D in the heads panel opens the diverged view" 0 $?
ok_match "[3] [2] the diverged view shows its position" "lines 1-[0-9]+ of [0-9]+ *$" "$(printf '%s\n' "$scr" | tail -n 1)"
total=$(printf '%s\n' "$scr" | tail -n 1 | sed -nE 's/.*lines 1-[0-9]+ of ([0-9]+).*/\1/p')
keys G; wait_for "lines [0-9]+-${total:-x} of ${total:-x}"; ok_status "[3] [2] G goes to the end of the diverged view" 0 $?
ok_match "[3] [2] ... which is not its first line" "lines ([2-9]|[1-9][0-9]+)-" "$(printf '%s\n' "$scr" | tail -n 1)"
keys q; wait_for "^  HEAD"; ok_status "[3] closing it comes back to the heads panel" 0 $?
keys q; wait_for "^Heads:"

# 7. u says what it plans before the plan is made: the bytes written to the
# terminal (tmux pipe-pane) hold it, before the confirmation; the generated
# project of 45 heads, and the demo (ncurses skips the characters already
# on screen, so the target's id may be in pieces)
for p in "$work/proj c02d00000002" "$demo e725a25449d3"; do
	run "${p% *}" 80 24
	T pipe-pane -t tui -o "cat >'$work/pane.out'"
	keys :; keys "goto ${p#* }" Enter; sleep 0.3
	keys u; wait_for "run it\?"
	T pipe-pane -t tui
	ok_match "[7] ${p#* }: the status line said it was planning the upgrade" "planning upgrade to" \
		"$(tr -c '[:print:]' ' ' <"$work/pane.out")"
	keys n; wait_for "cancelled"
done

# 4. Ctrl-C in the graph view quits like q: status 0, the terminal restored
run "$demo" 80 24
keys C-c; wait_for "EXITED"
ok_eq "[4] Ctrl-C in the graph view quits with status 0, the terminal restored (canonical mode, echo)" \
	"0 restored" "$(cat "$work/exit" 2>/dev/null) $(tr '\n' ' ' <"$work/stty" 2>/dev/null | grep -qE '(^| )icanon .*(^| )echo( |$)' && echo restored)"
tap_done
