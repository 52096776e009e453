#!/bin/sh
# tests/tui_tangled_big.sh - the graph view on a tangled project of 100,000
# revisions (bench/gen_projects.py --shape tangled: merges among random open
# heads, branches off random earlier revisions, several bases; in its middle
# thousands of edges cross every row), in tmux at 160x50: the first screen
# comes; a revision found in the middle is shown with thousands of lanes
# folded into "…+N" markers and every row keeps its own symbol; Right
# scrolls the lanes and says how many there are; G reaches the last row;
# and the TUI's peak memory stays under 600 MB: about 100 MB in a plain
# build and 250 MB under AddressSanitizer (the CI's build); a layout that
# stores every row's cells needs 2 GB here even in a plain build.
. "${top_srcdir:-.}/tests/tap.sh"
set -u
TMUX_FLAGS=-u
. "$top_srcdir/tests/tui_env.sh"
cd "$work"
export LC_ALL=C.UTF-8
N=100000
/usr/bin/python3 "$top_srcdir/bench/gen_projects.py" --shape tangled --native-only "$work/t" $N 1 >/dev/null ||
	{ echo "Bail out! gen_projects.py failed"; exit 1; }
v="$work/t/native/migrations/versions"
id_of() { grep -rl -- "^-- rev $1\$" "$v" | head -1 | xargs basename | cut -c1-12; }
mid=$(id_of 50000)

# the graph rows of the screen: between the heads bar and the status line
rows() { printf '%s\n' "$scr" | sed '1d;$d'; }

tui_start 160 50 "cd $work/t/native && ALUDEL_CACHE_DIR= NO_COLOR=1 /usr/bin/time -f %M -o $work/peak $ALUDEL tui; sleep 60"
wait_for "$N revisions; \\? for help" 600
ok_status "the first screen of $N revisions" 0 $?
settle
ok_eq "every row of the first screen has one revision symbol" 0 \
	"$(rows | grep -E '[0-9a-f]{12}' | grep -vcE '^[^●○]*[●○][^●○]*[0-9a-f]{12}')"

keys /; wait_for '^ ?/'; keys "$mid" Enter
wait_for "^ ?/$mid: $mid"
ok_status "/ finds the revision in the middle" 0 $?
settle
ok_match "it is on the screen" " $mid rev 50000 " "$(rows)"
ok_eq "every row there has one revision symbol" 0 \
	"$(rows | grep -E '[0-9a-f]{12}' | grep -vcE '^[^●○]*[●○][^●○]*[0-9a-f]{12}')"
most=$(rows | grep -oE '…\+[0-9]+' | tr -d '…+' | sort -n | tail -1)
ok_status "thousands of lanes folded into a marker there (most: ${most:-none})" 0 "$([ "${most:-0}" -ge 1000 ]; echo $?)"

keys Right Right Right
wait_for 'lanes from 7 of [0-9]+ shown'
ok_status "Right scrolls the lanes by 2 each" 0 $?
lanes=$(printf '%s\n' "$scr" | grep -oE 'lanes from 7 of [0-9]+' | grep -oE '[0-9]+$')
ok_status "the lanes counted: ${lanes:-none}, thousands" 0 "$([ "${lanes:-0}" -ge 1000 ]; echo $?)"
ok_match "the scrolled rows start with the left marker" "^  . ?‹" "$(rows | sed -n 5p)"

keys G
wait_for '^ .*○ .*[0-9a-f]{12} rev [0-9]+ .*$'
settle
last=$(rows | grep -E '[0-9a-f]{12}' | tail -1 | grep -oE '[0-9a-f]{12} rev [0-9]+' | cut -c1-12)
ok_eq "G: the last row is a revision with no parent" "" \
	"$(grep -h '^-- Revises:' "$v/${last:-none}"_* 2>/dev/null | sed 's/^-- Revises: *//')"

keys q
i=0
while [ ! -s "$work/peak" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
kb=$(cat "$work/peak" 2>/dev/null)
ok_status "peak memory ${kb:-?} kB, under 600 MB" 0 "$([ "${kb:-999999999}" -lt 614400 ]; echo $?)"

tap_done
