#!/bin/sh
# tests/tui_heads.sh - the heads panel (`H`, issue 11): on a generated native
# project of 44 heads (a trunk, 42 branches of 1 to 4 revisions leaving it at
# three branch points, a second root), `aludel tui` runs in tmux at 80x24 and
# 120x40, on SQLite and on a PostgreSQL server the test starts itself. One head
# is upgraded first. The panel must list every head with its state, branch
# point and counts as built here, scroll with the cursor on screen, share its
# marks with the graph view, merge three marked heads with the default
# message (the file, `aludel heads`, the cursor on the merge afterwards), go
# to a head with Enter, close with q, Escape and H, and never draw a row wider
# than the screen. NO_COLOR=1: the selected row is the one in reverse video.
. "${top_srcdir:-.}/tests/tap.sh"
set -u
TMUX_FLAGS=-u
. "$top_srcdir/tests/tui_env.sh"
cd "$work"
export LC_ALL=C.UTF-8 # for grep's '.' (one character) on the captured screens
sh "$top_srcdir/tests/pg-cluster.sh" start "$pgdir" $$ >/dev/null ||
	{ echo "Bail out! could not start PostgreSQL"; exit 1; }

# mkrev DIR id down labels message
mkrev() { # dir id down labels message
	revfile "$1" "$2" "$3" "$5" "CREATE TABLE t_$2 (id INTEGER);" "" "" "$4"
}
long="with a message much wider than any screen: 漢字と仮名の説明 $(printf 'word%03d ' $(seq 1 40))"
# project DIR URL: the trunk a0 <- b1 <- b2 <- b3, a second root r1 <- r2, and
# 42 branches: branch k leaves a0 (k odd), b1 (k % 4 = 2) or b2 (k % 4 = 0)
# and is 1 + k % 4 revisions long, c<k in 3 hex><j in 8 digits>; every third
# branch's head has the label feature_k. Heads: b3, r2 and the 42 branch ends.
project() {
	mkdir -p "$1/migrations/versions"
	mkrev "$1" a00000000000 "" "" "base of the trunk"
	mkrev "$1" b00000000001 a00000000000 "" "trunk one"
	mkrev "$1" b00000000002 b00000000001 "" "trunk two"
	mkrev "$1" b00000000003 b00000000002 "" "trunk three"
	mkrev "$1" r00000000001 "" "" "second root"
	mkrev "$1" r00000000002 r00000000001 "" "second root two"
	k=1
	while [ $k -le 42 ]; do
		case $((k % 4)) in 1 | 3) down=a00000000000 ;; 2) down=b00000000001 ;; 0) down=b00000000002 ;; esac
		len=$((1 + k % 4)) j=1
		while [ $j -le $len ]; do
			id=$(printf 'c%03x%08d' $k $j)
			label=""; [ $j -eq $len ] && [ $((k % 3)) -eq 0 ] && label="feature_$k"
			msg="branch $k revision $j"
			# one head's message is far wider than the screen, with wide characters:
			# drawn unclipped, it would run into the next rows
			[ $k -eq 3 ] && [ $j -eq $len ] && msg="$msg $long"
			mkrev "$1" "$id" "$down" "$label" "$msg"
			down=$id j=$((j + 1))
		done
		k=$((k + 1))
	done
	printf '[aludel]\nscript_location = %%(here)s/migrations\nsqlalchemy.url = %s\n' "$2" >"$1/aludel.ini"
}

# the screen without the first line (heads bar) and the last (status line)
body() { printf '%s\n' "$scr" | sed -n "2,$((rows - 1))p"; }
# the selected row: the one in reverse video between the first and the last line
selected() {
	T capture-pane -p -e -t tui | sed -n "2,$((rows - 1))p" | grep -E "$(printf '\033')\\[([0-9]+;)*7(;[0-9]+)*m" |
		sed "s/$(printf '\033')\\[[0-9;]*m//g"
}
# the row of head $1 in the panel on the screen
row() { printf '%s\n' "$scr" | grep -E "^(▶| ) $1 "; }
# waits for the panel, then checks it is drawn in $rows lines none wider than $cols
panel_open() {
	wait_for "^  HEAD +STATE +FROM +REVS +PENDING" && sleep 0.2
	scr=$(screen)
}
joined_ok() {
	joined=$(T capture-pane -p -J -t tui)
	ok_eq "$1: $rows lines, none wider than $cols" "$rows/$rows" \
		"$(printf '%s\n' "$joined" | grep -cvE "^.{$((cols + 1))}")/$(printf '%s\n' "$joined" | wc -l | tr -d ' ')"
}

run=0 # (tui_start uses n)
for backend in sqlite postgresql; do
	for size in 80x24 120x40; do
		cols=${size%x*} rows=${size#*x} run=$((run + 1))
		name="$backend $size"
		d="$work/p$run"
		if [ $backend = postgresql ]; then
			url=$(sh "$top_srcdir/tests/pg-cluster.sh" createdb "$pgdir" "heads$run")
		else
			url="sqlite:///$work/heads$run.db"
		fi
		project "$d" "$url"
		(cd "$d" && "$ALUDEL" upgrade c00600000003 >/dev/null 2>&1) || echo "# upgrade failed"
		heads=$(cd "$d" && "$ALUDEL" heads | cut -c1-12)
		ok_eq "$name: the project has 44 heads" 44 "$(printf '%s\n' "$heads" | wc -l | tr -d ' ')"
		h=$((rows - 3)) # rows of the panel's list
		tui_start "$cols" "$rows" "cd $d && LANG=C.UTF-8 NO_COLOR=1 $ALUDEL tui; sleep 60"
		wait_for "^Heads:"
		keys G # the graph's cursor on its last row, away from where the merge goes
		keys H
		panel_open
		ok_match "$name: H opens the panel" "^  HEAD +STATE +FROM +REVS +PENDING" "$(printf '%s\n' "$scr" | sed -n 2p)"
		ok_match "$name: the first line is still the heads bar" "^Heads: 44 heads, 1 applied:" \
			"$(printf '%s\n' "$scr" | sed -n 1p)"
		ok_eq "$name: the list fills the screen, one row per head in \`aludel heads\` order" \
			"$(printf '%s\n' "$heads" | head -n $h)" \
			"$(body | sed 1d | cut -c3-14)"
		ok_match "$name: the trunk's head left b2, 1 revision, pending" \
			"^  b00000000003 +pending +b00000000002 +1 +1 +trunk three" "$(row b00000000003)"
		ok_match "$name: branch 3 left the base revision a0, 4 revisions, its label" \
			"^  c00300000004 +pending +a00000000000 +4 +4 +feature_3 +branch 3" "$(row c00300000004)"
		ok_match "$name: the row after the widest one is clipped too: nothing runs into it" \
			"^  c00400000001 +pending +b00000000002 +1 +1 +branch 4 revision 1$" "$(row c00400000001)"
		ok_match "$name: branch 2 left b1, 3 revisions, 3 pending" \
			"^  c00200000003 +pending +b00000000001 +3 +3 +branch 2" "$(row c00200000003)"
		ok_match "$name: the upgraded head is applied, none of its 3 revisions pending" \
			"^  c00600000003 +applied +b00000000001 +3 +0 +feature_6" "$(row c00600000003)"
		ok_eq "$name: one head applied, the others pending" "1 $((h - 1))" \
			"$(body | grep -cE '^. [0-9a-z]{12} +applied ') $(body | grep -cE '^. [0-9a-z]{12} +pending ')"
		ok_match "$name: the first row is selected" "^  b00000000003 " "$(selected)"
		joined_ok "$name, panel"

		# scrolling: the cursor always on screen
		keys G; sleep 0.2; scr=$(screen)
		ok_match "$name: G selects the last head, a second root: 2 revisions from base" \
			"^  r00000000002 +pending +base +2 +2 +second root two" "$(selected)"
		ok_match "$name: ... on the last row of the list" "^  r00000000002 " "$(body | tail -n 1)"
		joined_ok "$name, G"
		# cursor (from 0) after PgDn, PgDn, PgUp and k: a page is h - 1 rows
		c1=$((h - 1)) c2=$((2 * (h - 1) < 43 ? 2 * (h - 1) : 43))
		c3=$((c2 - (h - 1) - 1))
		keys g; sleep 0.1; keys PageDown; sleep 0.2
		ok_match "$name: PgDn moves a page less one row" "^  $(printf '%s\n' "$heads" | sed -n "$((c1 + 1))p") " "$(selected)"
		keys PageDown; sleep 0.2
		ok_match "$name: PgDn again scrolls, the cursor on screen" \
			"^  $(printf '%s\n' "$heads" | sed -n "$((c2 + 1))p") " "$(selected)"
		keys PageUp; keys k; sleep 0.2
		ok_match "$name: PgUp and k" "^  $(printf '%s\n' "$heads" | sed -n "$((c3 + 1))p") " "$(selected)"
		keys g; keys j; sleep 0.2
		ok_match "$name: g and j" "^  c00100000002 " "$(selected)"

		# marks: Space marks and moves down; on a marked head it unmarks
		keys Space Space Space; sleep 0.2; scr=$(screen)
		ok_eq "$name: Space marked three heads" "3" "$(body | grep -cE '^▶ c00[123]0000000[234] ')"
		ok_eq "$name: ... and only those" "3" "$(body | grep -c '^▶')"
		keys k Space; sleep 0.2; scr=$(screen)
		ok_match "$name: Space on a marked head unmarks it" "^  c00300000004 " "$(row c00300000004)"
		keys k Space; sleep 0.2; scr=$(screen)
		ok_match "$name: ... and marks it again" "^▶ c00300000004 " "$(row c00300000004)"
		# the marks are the graph view's: q closes, a search goes to the head
		keys q; wait_for "^..[^A-Za-z]*[●○][^A-Za-z]* [0-9a-f]{12} "
		ok_status "$name: q closes the panel" 0 $?
		keys / c00200000003 Enter; wait_for "^▶ .* c00200000003 "
		ok_status "$name: a head marked in the panel is marked in the graph view" 0 $?
		# a head marked in the graph view shows marked in the panel; unmark it there
		keys / c00400000001 Enter; sleep 0.2; keys Space; keys G
		keys H; panel_open
		ok_match "$name: a head marked in the graph view is marked in the panel" "^▶ c00400000001 " "$(row c00400000001)"
		i=$(printf '%s\n' "$heads" | grep -n c00400000001 | cut -d: -f1)
		keys g; while [ "$i" -gt 1 ]; do keys j; i=$((i - 1)); done
		keys Space; sleep 0.2; scr=$(screen)
		ok_match "$name: ... and unmarked there" "^  c00400000001 " "$(row c00400000001)"

		# the help lists the panel's keys
		keys '?'; wait_for "Legend|Moving"
		found=no
		for _ in 1 2 3 4; do
			screen | grep -q "^ Heads panel (H)" && found=yes && break
			keys PageDown; sleep 0.2
		done
		ok_eq "$name: ? in the panel shows the help with the panel's section" yes "$found"
		ok_match "$name: ... listing the panel's keys" "q / Escape / H +close the panel" \
			"$(screen; keys PageDown; sleep 0.2; screen)"
		keys q; panel_open
		ok_match "$name: leaving the help goes back to the panel" "HEAD +STATE" "$scr"

		# merge the three marked heads with the default message
		keys m; wait_for 'merge message \(Enter: "merge c00100000002, c00200000003 and feature_3"\)'
		ok_status "$name: m asks with the default message naming the three heads" 0 $?
		keys Enter; wait_for "merge: wrote"
		ok_status "$name: Enter takes it, the merge is written" 0 $?
		f=$(ls "$d"/migrations/versions/*_merge_*.sql 2>/dev/null)
		ok_eq "$name: one merge file" 1 "$(printf '%s' "$f" | grep -c .)"
		new=$(basename "$f" | cut -d_ -f1)
		ok_eq "$name: its message" "-- merge c00100000002, c00200000003 and feature_3" "$(sed -n 1p "$f")"
		ok_eq "$name: its Revises line names the three heads" "3" \
			"$(grep '^-- Revises:' "$f" | grep -oE 'c00100000002|c00200000003|c00300000004' | sort -u | wc -l | tr -d ' ')"
		ok_eq "$name: \`aludel heads\` has 2 heads fewer" 42 "$(cd "$d" && "$ALUDEL" heads | wc -l | tr -d ' ')"
		scr=$(screen)
		ok_match "$name: the panel closed on the merge: a graph row on line 2" \
			"^..[^A-Za-z]*[●○][^A-Za-z]* [0-9a-f]{12} " "$(printf '%s\n' "$scr" | sed -n 2p)"
		ok_match "$name: the graph's cursor is on the merge revision" "^..[^A-Za-z]*[●○][^A-Za-z]* $new " "$(selected)"
		ok_match "$name: the heads bar counts 42 heads" "^Heads: 42 heads" "$(printf '%s\n' "$scr" | sed -n 1p)"

		# the graph view's m puts the cursor on the merge too
		keys / c00700000004 Enter; sleep 0.2; keys Space
		keys / c00800000001 Enter; sleep 0.2; keys Space
		keys G m; wait_for 'Enter: "merge c00700000004 and c00800000001"'; keys Enter
		wait_for "merge: wrote"
		ok_status "$name: the graph view's m merges two heads" 0 $?
		f=$(ls "$d"/migrations/versions/*_merge_c007*.sql 2>/dev/null)
		new=$(basename "$f" | cut -d_ -f1)
		ok_match "$name: ... and its cursor is on the merge revision" "^..[^A-Za-z]*[●○][^A-Za-z]* ${new:-none} " "$(selected)"

		# Enter on a row: the graph's cursor on that head
		keys g H; panel_open
		heads=$(cd "$d" && "$ALUDEL" heads | cut -c1-12)
		i=$(printf '%s\n' "$heads" | grep -n c00900000002 | cut -d: -f1)
		while [ "$i" -gt 1 ]; do keys j; i=$((i - 1)); done
		keys Enter; sleep 0.3
		ok_match "$name: Enter closes the panel, the graph's cursor on the head" \
			"^..[^A-Za-z]*[●○][^A-Za-z]* c00900000002 " "$(selected)"
		# Escape and H close the panel too
		keys H; panel_open; keys Escape; sleep 0.3
		ok_match "$name: Escape closes the panel" "^..[^A-Za-z]*[●○][^A-Za-z]* [0-9a-f]{12} " "$(screen | sed -n 2p)"
		keys H; panel_open; keys H; sleep 0.3
		ok_match "$name: H closes the panel" "^..[^A-Za-z]*[●○][^A-Za-z]* [0-9a-f]{12} " "$(screen | sed -n 2p)"
		keys H; panel_open
		joined_ok "$name, panel after the merges"
		keys q q
	done
done
tap_done
