#!/bin/sh
# tests/tui_golden.sh - the whole first screen of `aludel tui` on the demo
# project, compared character for character with tests/golden/demo_100x40.txt:
# the demo (demo/, copied into the work folder) on a new SQLite file upgraded
# by aludel to 1f2263992572 (the reporting branch's head; the billing branch
# pending), in tmux at 100x40, LANG=C.UTF-8, TZ=UTC. A path of the work folder
# on the screen would be replaced by @WORK@ before comparing (the demo's URL
# is relative: none shows). On a mismatch the diff is printed.
#
# After a deliberate change of the screen, write the golden file again with
#   ALUDEL_GOLDEN_UPDATE=1 make check TESTS=tests/tui_golden.sh
# (or ALUDEL_GOLDEN_UPDATE=1 top_srcdir=.. top_builddir=. sh ../tests/tui_golden.sh
# in the build folder) and read its diff before committing it.
. "${top_srcdir:-.}/tests/tap.sh"
set -u
TMUX_FLAGS=-u
. "$top_srcdir/tests/tui_env.sh"
golden="$top_srcdir/tests/golden/demo_100x40.txt"
cp -r "$top_srcdir/demo" "$work/demo"
cd "$work/demo" || exit 1
rm -f demo.db
"$ALUDEL" upgrade 1f2263992572 >/dev/null 2>&1; ok_status "aludel upgrade 1f2263992572 on a new demo.db" 0 $?

tui_start 100 40 "cd $work/demo && TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 $ALUDEL tui; echo EXITED \$?; sleep 60"
wait_for "^Heads:"; ok_status "the TUI opens on the demo" 0 $?
# the screen is taken once two captures a moment apart agree (drawn)
prev=
i=0
while [ $i -lt 50 ]; do
	sleep 0.2
	scr=$(T capture-pane -p -t tui | sed "s|$work|@WORK@|g")
	[ "$scr" = "$prev" ] && break
	prev=$scr
	i=$((i + 1))
done
if [ "${ALUDEL_GOLDEN_UPDATE:-}" = 1 ]; then
	mkdir -p "${golden%/*}"
	printf '%s\n' "$scr" >"$golden.tmp" && mv "$golden.tmp" "$golden"
	echo "# wrote $golden"
fi
ok_eq "the first screen at 100x40 is the golden one (tests/golden/demo_100x40.txt)" "$(cat "$golden" 2>/dev/null)" "$scr"
keys q; wait_for "EXITED 0"; ok_status "q quits" 0 $?
tap_done
