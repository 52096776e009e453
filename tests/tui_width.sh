#!/bin/sh
# tests/tui_width.sh - the graph view is never garbled by width (issue 11,
# defects 3-5): on a generated native project of 45 heads and about 45 lanes,
# `aludel tui` runs in tmux at 80x24 and 120x40, in a UTF-8 locale and with
# LANG=C, on SQLite and with no database; on the captured screen (first screen
# and after G) the first line is one line, every graph row shows the revision's
# symbol, its 12-hex id and the start of its message, no line is wider than
# the screen, the dates stay in their column and labels never run into them.
. "${top_srcdir:-.}/tests/tap.sh"
set -u
TMUX_FLAGS=-u
. "$top_srcdir/tests/tui_env.sh"
cd "$work"
export LC_ALL=C.UTF-8 # for grep's '.' (one character) on the captured screens

# rev id down depends labels message minute
mkrev() { # id down depends labels message minute
	revfile "$work/proj" "$1" "$2" "$5" "CREATE TABLE t_$1 (id INTEGER);" "" "$3" "$4" "2026-11-22 10:$6:00"
}
# 45 branches from one base, each two revisions long and left open: 45 heads,
# every branch's lane waits for the base, so the graph is about 45 lanes wide;
# every third head has a label, every fifth depends on the previous branch
mkdir -p proj/migrations/versions
base=a00000000000
mkrev $base "" "" "" "base of every branch" 00
k=1
while [ $k -le 45 ]; do
	one=$(printf 'c%03x00000001' $k)
	two=$(printf 'c%03x00000002' $k)
	prev=$(printf 'c%03x00000001' $((k - 1)))
	label=""; [ $((k % 3)) -eq 0 ] && label="feature_$k"
	dep=""; [ $((k % 5)) -eq 0 ] && dep=$prev
	mkrev "$one" $base "" "" "branch $k: add the first table of this branch" $(printf '%02d' $((k % 60)))
	mkrev "$two" "$one" "$dep" "$label" "branch $k: fill the table with a rather long message" $(printf '%02d' $(((k + 7) % 60)))
	k=$((k + 1))
done
printf '[aludel]\nscript_location = %%(here)s/migrations\nsqlalchemy.url = sqlite:///%s/app.db\n' "$work" >proj/aludel.ini
mkdir -p nodb
cp -r proj/migrations nodb/
printf '[aludel]\nscript_location = %%(here)s/migrations\n' >nodb/aludel.ini
(cd proj && "$ALUDEL" upgrade c00300000002 >/dev/null 2>&1) || echo "# upgrade failed"


# checks one captured screen: $1 the case's name, $2 columns, $3 rows, $4 the
# revision's symbol, $5 set when rows with labels must be on it; $scr holds the screen, $joined the screen with tmux's
# wrapped lines joined (a line written past the right edge shows there)
check_screen() {
	name=$1 cols=$2 rows=$3 sym=$4
	graph=$(printf '%s\n' "$scr" | sed -n "2,$((rows - 1))p")
	ok_match "$name: the first line is the heads bar" "^Heads: " "$(printf '%s\n' "$scr" | sed -n 1p)"
	ok_match "$name: the second line is a graph row" "^..[^A-Za-z]*$sym[^A-Za-z]* [0-9a-f]{12} " "$(printf '%s\n' "$scr" | sed -n 2p)"
	good=$(printf '%s\n' "$graph" | grep -cE -- "^..[^A-Za-z]*$sym[^A-Za-z]* [0-9a-f]{12} .*(branch|base)")
	ok_eq "$name: every graph row shows $sym, the id and the message" "$((rows - 2))" "$good"
	[ "$good" = $((rows - 2)) ] || printf '%s\n' "$graph" | sed 's/^/#   /' 
	ok_eq "$name: the screen is $rows lines, none wider than $cols" "$rows/$rows" \
		"$(printf '%s\n' "$joined" | grep -cvE "^.{$((cols + 1))}")/$(printf '%s\n' "$joined" | wc -l | tr -d ' ')"
	good=$(printf '%s\n' "$graph" | grep -cE -- "^.{$((cols - 18))} 2026-11-22 10:[0-5][0-9]$")
	ok_eq "$name: every date is in the date column, a blank before it" "$((rows - 2))" "$good"
	[ -n "${5:-}" ] && ok_eq "$name: rows with labels and dependencies are on the screen" "yes yes" \
		"$(printf '%s\n' "$graph" | grep -q '\[feature_' && echo yes) $(printf '%s\n' "$graph" | grep -q '(depends on' && echo yes)"
}

for size in 80x24 120x40; do
	cols=${size%x*} rows=${size#*x}
	for loc in C.UTF-8 C; do
		sym='[●○]'; [ $loc = C ] && sym='[*o]' # ○ and o: pending
		for dir in proj nodb; do
			tui_start "$cols" "$rows" "cd $work/$dir && LANG=$loc LC_ALL=$loc $ALUDEL tui; sleep 30"
			name="$size $loc $dir"
			wait_for "^Heads:" && sleep 0.3
			scr=$(screen) joined=$(T capture-pane -p -J -t tui)
			check_screen "$name" "$cols" "$rows" "$sym" labels
			ok_match "$name: the first line summarises 45 heads" "45 heads" "$(printf '%s\n' "$scr" | sed -n 1p)"
			T send-keys -t tui G
			sleep 0.5
			scr=$(screen) joined=$(T capture-pane -p -J -t tui)
			check_screen "$name, G" "$cols" "$rows" "$sym"
			T send-keys -t tui q
		done
	done
done
tap_done
