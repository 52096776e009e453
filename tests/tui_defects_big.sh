#!/bin/sh
# tests/tui_defects_big.sh - issue 11's fourteen TUI defects, each checked on a
# big generated native project (91 revisions: 45 heads, about 45 lanes, long
# messages, labels, depends_on, a revision with a 300-column SQL line), at
# 80x24 and at 120x40, on SQLite and on a PostgreSQL server this test starts
# (tests/pg-cluster.sh; skipped when none can be started). tmux runs `aludel
# tui`, send-keys types, capture-pane reads the screen. Defects 2 and 11 have
# their own setups (a project with no revisions; a database that does not
# exist yet). Above each check, a comment says what it would see if its
# defect came back.
. "${top_srcdir:-.}/tests/tap.sh"
set -u
TMUX_FLAGS=-u
. "$top_srcdir/tests/tui_env.sh"
cd "$work"
export LC_ALL=C.UTF-8 # for grep's '.' (one character) on the captured screens

# ---- the project -------------------------------------------------------
# mkrev DIR ID DOWN DEPENDS LABELS MESSAGE MINUTE [MORE-UPGRADE-SQL]
mkrev() { # dir id down depends labels message minute [more upgrade SQL]
	revfile "$1" "$2" "$3" "$6" "CREATE TABLE t_$2 (id INTEGER);${8:+
$8}" "" "$4" "$5" "2026-11-22 10:$7:00"
}
# LONG: the revision whose preview is long (defects 7, 10, 14): 60 short
# statements, a 300-column line whose far end says WRAPMARK, and last
# CACHEMARK_OLD (defect 10 changes it on disk)
LONG=c00700000002
pad=$(printf 'x%.0s' $(seq 300))
long_sql="CREATE TABLE t_long (id INTEGER, note TEXT);
INSERT INTO t_long VALUES (1000, '$pad WRAPMARK');"
for i in $(seq 1 60); do long_sql="$long_sql
INSERT INTO t_long VALUES ($i, 'row $i');"; done
long_sql="$long_sql
INSERT INTO t_long VALUES (0, 'CACHEMARK_OLD');"
# 45 branches from one base, each two revisions long and left open: 45 heads,
# every branch's lane waits for the base, so the graph is about 45 lanes wide;
# every third head has a label, every fifth depends on the previous branch's
# first revision, every fourth branch's first message is 140 characters
mkdir -p proj/migrations/versions
mkrev proj a00000000000 "" "" "" "base of every branch" 00
k=1
while [ $k -le 45 ]; do
	one=$(printf 'c%03x00000001' $k) two=$(printf 'c%03x00000002' $k)
	label=""; [ $((k % 3)) -eq 0 ] && label="feature_$k"
	dep=""; [ $((k % 5)) -eq 0 ] && dep=$(printf 'c%03x00000001' $((k - 1)))
	msg="branch $k: add the first table of this branch"
	[ $((k % 4)) -eq 0 ] && msg="$msg, with a message long enough to run past the right edge of any screen, 80 or 120 columns wide, by far"
	more=""; [ "$two" = $LONG ] && more=$long_sql
	mkrev proj "$one" a00000000000 "" "" "$msg" $(printf '%02d' $((k % 60)))
	mkrev proj "$two" "$one" "$dep" "$label" "branch $k: fill the table with a rather long message" \
		$(printf '%02d' $(((k + 7) % 60))) "$more"
	k=$((k + 1))
done
TOTAL=91

# ---- helpers -----------------------------------------------------------
status_line() { printf '%s\n' "$scr" | awk 'NF{l=$0} END{print l}'; }
current_ids() { "$ALUDEL" current 2>/dev/null | awk '{print $1}' | paste -sd, -; }
# status_is NAME EXPECTED: the status line starts with EXPECTED, as far as
# the screen's $cols columns show it
status_is() {
	want=$(printf '%s' "$2" | cut -c1-"$((cols - 1))") # the corner cell stays empty
	got=$(status_line | cut -c1-"$(printf '%s' "$want" | wc -m)")
	ok_eq "$1" "$want" "$got"
}
# count_rows [ROWS]: the number of graph rows of $scr (rows 2 to ROWS-1, ROWS
# else $rows) showing a symbol, a 12-hex id and a message
row_re='^..[^A-Za-z]*[●○*o][^A-Za-z]* [0-9a-f]{12} .*(branch|base)'
count_rows() { printf '%s\n' "$scr" | sed -n "2,$((${1:-$rows} - 1))p" | grep -cE -- "$row_re"; }
# symbols: "SYMBOL ID" for each graph row of $scr: the node before the id,
# lines and lanes folded into '+N' or '…+N' between them
symbols() {
	printf '%s\n' "$scr" | sed -n "2,$((rows - 1))p" |
		sed -nE 's/.*([●○*o])([^A-Za-z0-9]|…?\+[0-9]+)* ([0-9a-f]{12}) .*/\1 \3/p'
}
# bad_symbols APPLIED-IDS SOLID HOLLOW: the rows whose symbol is not SOLID
# for an applied revision and HOLLOW for a pending one
bad_symbols() {
	symbols | while read -r s id; do
		case " $1 " in *" $id "*) [ "$s" = "$2" ] || echo "$id shows $s, applied" ;;
		*) [ "$s" = "$3" ] || echo "$id shows $s, pending" ;; esac
	done
}
# rows of the preview pane (under its title, above the status line) that do
# not start with the blank column 0: the continuation of a wrapped line
wrapped_rows() {
	printf '%s\n' "$scr" | awk -v last="$rows" '
		in_pane && NR < last && substr($0, 1, 1) != " " && $0 != "" { print NR ": " $0 }
		/\[[0-9]+-[0-9]+\/[0-9]+\]/ { in_pane = 1 }'
}
pos() { printf '%s\n' "$scr" | grep -oE '\[[0-9]+-[0-9]+/[0-9]+\]' | head -1; }
repeat() { _rn=$1 _out=; while [ "$_rn" -gt 0 ]; do _out="$_out$2"; _rn=$((_rn - 1)); done; printf '%s' "$_out"; }
# wait_count N TENTHS [ROWS]: waits until count_rows gives N on a screen of
# ROWS rows (else $rows); the screen is left in $scr
wait_count() {
	i=0
	while [ $i -lt "$2" ]; do
		scr=$(screen)
		[ "$(count_rows "${3:-$rows}")" = "$1" ] && return 0
		sleep 0.1; i=$((i + 1))
	done
	return 1
}
# wait_gone REGEX: waits until the screen no longer shows REGEX
wait_gone() {
	i=0
	while [ $i -lt "${WAIT_TENTHS:-150}" ]; do
		scr=$(screen)
		printf '%s\n' "$scr" | grep -qE -- "$1" || return 0
		sleep 0.1; i=$((i + 1))
	done
	return 1
}

# ---- the checks on the big project, at one size on one database ---------
# big BACKEND COLS ROWS URL DB-ROWS-COMMAND
big() {
	cols=$2 rows=$3 nm="$1 $2x$3" db_rows=$5
	dir="$work/$1-$2x$3"
	cp -r "$work/proj" "$dir"
	printf '[aludel]\nscript_location = %%(here)s/migrations\nsqlalchemy.url = %s\n' "$4" >"$dir/aludel.ini"
	cd "$dir" || return
	"$ALUDEL" upgrade c00300000002 >/dev/null 2>&1; ok_status "$nm: aludel upgrade c00300000002" 0 $?
	tui_start "$cols" "$rows" "cd $dir && LANG=C.UTF-8 LC_ALL=C.UTF-8 NO_COLOR=1 $ALUDEL tui; echo EXITED \$?; sleep 60"
	wait_for "^Heads:" && sleep 0.3; scr=$(screen)
	joined=$(T capture-pane -p -J -t tui)
	graph=$(printf '%s\n' "$scr" | sed -n "2,$((rows - 1))p")

	# 3: back, the heads bar lists every head and runs past the right edge
	# onto line 2: the first line is no summary, line 2 no graph row, or a
	# line is wider than the screen
	ok_match "$nm [3]: the first line is the heads bar, summarised" "^Heads: 45 heads, 1 applied: " "$(printf '%s\n' "$scr" | sed -n 1p)"
	ok_match "$nm [3]: the second line is a graph row" "$row_re" "$(printf '%s\n' "$scr" | sed -n 2p)"
	ok_eq "$nm [3]: the screen is $rows lines, none wider than $cols (wrapped lines joined)" "$rows/$rows" \
		"$(printf '%s\n' "$joined" | grep -cvE "^.{$((cols + 1))}")/$(printf '%s\n' "$joined" | wc -l | tr -d ' ')"
	# 4 (UTF-8): back, rows cut by bytes lose the symbol, the id or the message
	ok_eq "$nm [4]: every graph row shows its symbol, id and message" "$((rows - 2))" "$(count_rows)"
	# 5: back, labels and '(depends on ...)' run into the date column
	ok_eq "$nm [5]: every date in the date column, a blank before it" "$((rows - 2))" \
		"$(printf '%s\n' "$graph" | grep -cE -- "^.{$((cols - 18))} 2026-11-22 10:[0-5][0-9]$")"
	ok_eq "$nm [5]: rows with labels, dependencies and long messages are on the screen" "yes yes yes" \
		"$(printf '%s\n' "$graph" | grep -q '\[feature_' && echo yes) $(printf '%s\n' "$graph" | grep -q '(depends on' && echo yes) $(printf '%s\n' "$graph" | grep -q 'with a' && echo yes)"
	# 12: back, NO_COLOR shows pending rows with the applied rows' solid dot
	ok_eq "$nm [12]: NO_COLOR: applied rows show ●, pending ones ○" "" \
		"$(bad_symbols "a00000000000 c00300000001 c00300000002" ● ○)"
	ok_eq "$nm [12]: ... both are on the screen" "● c00300000002 ○ c00100000002" \
		"$(symbols | grep -E '^(● c00300000002|○ c00100000002)$' | sort -r | paste -sd' ' -)"
	# 4 and 12 after G: the last rows are the widest (the base's row joins
	# every lane)
	keys G; wait_for "a00000000000"; sleep 0.2; scr=$(screen)
	ok_eq "$nm, G [4]: every graph row shows its symbol, id and message" "$((rows - 2))" "$(count_rows)"
	ok_eq "$nm, G [12]: applied rows show ●, pending ones ○" "" \
		"$(bad_symbols "a00000000000 c00300000001 c00300000002" ● ○)"
	ok_match "$nm, G [12]: ... the base, applied, on the screen" "^● a00000000000$" "$(symbols)"
	keys g; wait_for "^..○ +c00100000002"

	# 6: back, the help is cut at the screen's bottom and does not scroll: its
	# position is not shown, or paging down never reaches its last line. The
	# help is read page by page (PgDn) and put together from its lines.
	keys '?'; wait_for "lines 1-[0-9]+ of [0-9]+"; ok_status "$nm [6]: ? shows the help and its position" 0 $?
	total=$(printf '%s\n' "$scr" | sed -nE 's/.*lines 1-[0-9]+ of ([0-9]+).*/\1/p')
	total=${total:-0}
	: >"$work/help"
	last=0 pages=0
	while [ $pages -lt 30 ]; do
		range=$(printf '%s\n' "$scr" | sed -nE 's/.*lines ([0-9]+)-([0-9]+) of [0-9]+.*/\1 \2/p')
		from=${range% *} to=${range#* }
		[ -n "$range" ] || break
		# the screen's rows 1.. hold the help's lines $from..$to
		printf '%s\n' "$scr" | sed -n "1,$((to - from + 1))p" | awk -v f="$from" '{ print f + NR - 1 "\t" $0 }' >>"$work/help"
		[ "$to" -ge "$total" ] && { last=$to; break; }
		keys NPage; wait_gone "lines $from-$to of"
		pages=$((pages + 1))
	done
	ok_eq "$nm [6]: paging down reaches the help's last line" "$total" "$last"
	ok_eq "$nm [6]: every one of the help's $total lines was on the screen" "$total" \
		"$(cut -f1 "$work/help" | sort -un | wc -l | tr -d ' ')"
	ok_match "$nm [6]: ... the keys among them" "^ +q +quit" "$(cut -f2- "$work/help")"
	ok_match "$nm [6]: ... and the legend" "^ *Legend" "$(cut -f2- "$work/help")"
	[ "$rows" = 24 ] && ok_eq "$nm [6]: the help is longer than the screen (it has to scroll)" "yes" \
		"$([ "$total" -gt $((rows - 1)) ] && echo yes)"
	keys G; wait_for "lines [0-9]+-$total of $total"; ok_status "$nm [6]: G shows the help's end" 0 $?
	keys q; wait_for "^Heads:"; ok_status "$nm [6]: q leaves the help" 0 $?

	# 9: back, Space marks a row that is no head (▶), and m then asks for a
	# message and fails on it (pointing at --splice); or a failed merge does
	# not say the typed message back. Row 1 is c00100000002 (a head), row 2
	# c00100000001 (not one), row 3 c00200000002 (a head).
	keys g ' '; wait_for "^▶ .*c00100000002"; ok_status "$nm [9]: Space marks a head" 0 $?
	keys ' '; wait_for "only heads can be marked"; ok_status "$nm [9]: Space on a non-head says only heads can be marked" 0 $?
	ok_eq "$nm [9]: ... and marks nothing: one row is marked" "1" "$(printf '%s\n' "$scr" | grep -c '^▶')"
	keys m; wait_for "merge: mark two or more heads"; ok_status "$nm [9]: m with one head marked asks for two" 0 $?
	keys j ' '; wait_for "^▶ .*c00200000002"; ok_status "$nm [9]: Space marks a second head" 0 $?
	keys m; wait_for 'merge message \(Enter: "merge c00100000002 and c00200000002"\)'
	ok_status "$nm [9]: m asks for the merge message" 0 $?
	bar=$(printf '%s\n' "$scr" | sed -n 1p) # the heads bar at $cols columns
	# the merge cannot be written: the versions folder is a file meanwhile
	mv migrations/versions migrations/versions.away && : >migrations/versions
	keys 'typed words kept' Enter
	# the status line is cut at the edge (the error names the file): a wider
	# screen shows all of it
	T resize-window -t tui -x 400 -y "$rows" 2>/dev/null
	wait_for "\(message was: typed words kept\)"; ok_status "$nm [9]: the failed merge says the typed message back" 0 $?
	rm migrations/versions && mv migrations/versions.away migrations/versions
	# back to $cols columns: the keys wait until the TUI has drawn at that
	# width again (keys typed while tmux resizes could be drawn at 400)
	T resize-window -t tui -x "$cols" -y "$rows" 2>/dev/null
	wait_for "^$(printf '%s' "$bar" | sed 's/[][\\.*^$()+?{}|]/\\&/g')\$"
	ok_status "$nm [9]: back at $cols columns, the heads bar is as before" 0 $?
	keys g ' ' j ' '; wait_gone '^▶'; ok_status "$nm [9]: Space unmarks both" 0 $?
	ok_eq "$nm [9]: nothing was written" "$TOTAL" "$(ls migrations/versions | wc -l | tr -d ' ')"

	# 7 and 14: the preview of $LONG, walked 4 lines at a time to its end
	keys / "$LONG" Enter; wait_for "/$LONG: $LONG"
	keys Enter 3; wait_for '\[plan\]  \[1-[0-9]+/[0-9]+\]'; ok_status "$nm [14]: the preview shows its position" 0 $?
	p=$(pos); shown=${p#*-}; shown=${shown%/*}; ptotal=${p#*/}; ptotal=${ptotal%]}
	[ -n "$p" ] || { shown=1; ptotal=1000; }
	max=$((ptotal - shown + 1))
	# 7: back, the long line wraps: a pane row starts in column 0 with its
	# continuation, and its far end (WRAPMARK) shows
	bad=$(wrapped_rows); marks=; at=1; walk=0; steps=0; seen=1
	while [ $steps -lt 40 ]; do
		keys JJJJ
		steps=$((steps + 1)); at=$((at + 4)); [ $at -gt $max ] && at=$max
		if [ $walk = 0 ]; then wait_for "\\[$at-[0-9]+/" || walk=1; else sleep 0.3; scr=$(screen); fi
		bad="$bad$(wrapped_rows)"
		marks="$marks$(printf '%s\n' "$scr" | grep -o 'WRAPMARK')"
		printf '%s\n' "$scr" | grep -q "^ INSERT INTO t_long VALUES (1000, 'xxx" && seen=0
		[ $at = $max ] && break
	done
	ok_status "$nm [14]: J moves the preview one line at a time" 0 $walk
	ok_status "$nm [7]: the 300-column line is on screen, clipped" 0 $seen
	ok_eq "$nm [7]: no preview row is a wrapped line's continuation" "" "$bad"
	ok_eq "$nm [7]: the long line's far end never shows" "" "$marks"
	# 14: back, J goes on past the end (the pane empties), no position shown
	keys "$(repeat 200 J)"
	wait_for "\\[$max-$ptotal/$ptotal\\]"; ok_status "$nm [14]: 200 more J stop at the end, $max-$ptotal/$ptotal" 0 $?
	sleep 0.3; scr=$(screen)
	# the last page is full: the SQL's end (the version table's UPDATE; on
	# PostgreSQL COMMIT after it) is on the pane's last rows
	ok_match "$nm [14]: the last page is full, the SQL's end at the bottom" \
		"UPDATE alembic_version SET version_num='$LONG'" "$(printf '%s\n' "$scr" | tail -5 | head -4)"
	keys K; wait_for "\\[$((max - 1))-$((ptotal - 1))/$ptotal\\]"; ok_status "$nm [14]: one K scrolls back one line" 0 $?
	keys J; wait_for "\\[$max-$ptotal/$ptotal\\]"
	ok_match "$nm [10]: the preview shows the revision's last statement" "CACHEMARK_OLD" "$scr"
	# 10: back, every key builds the plan again, reading the revision's file
	# again: after the file changed on disk, J/K and other keys show the new
	# text. Built once per selection, the preview keeps the text it was built
	# with until another revision is selected (then the change shows: the
	# observation can see it).
	f=migrations/versions/${LONG}_x.sql
	sed 's/CACHEMARK_OLD/CACHEMARK_NEW/' "$f" >"$f.new" && mv "$f.new" "$f"
	keys K J K; wait_for "\\[$((max - 1))-$((ptotal - 1))/$ptotal\\]"
	ok_match "$nm [10]: K J K after the file changed: the preview is not built again" "CACHEMARK_OLD" "$scr"
	keys J; wait_for "\\[$max-$ptotal/$ptotal\\]"
	ok_match "$nm [10]: ... nor after one more J" "CACHEMARK_OLD" "$scr"
	# one key at a time: keys typed ahead build no plan (j k would come back
	# to the cached one before any was built)
	keys j; wait_gone "$LONG +\\["; keys k "$(repeat 200 J)"; wait_for "CACHEMARK_NEW"
	ok_status "$nm [10]: selecting another revision and back builds it again (the new text)" 0 $?
	sed 's/CACHEMARK_NEW/CACHEMARK_OLD/' "$f" >"$f.new" && mv "$f.new" "$f"
	keys Enter; wait_gone '\[[0-9]+-[0-9]+/[0-9]+\]'

	# 1: back, r forgets the database: everything pending, 'current: base'.
	# The upgrade is made outside while the TUI is open; c00500000002
	# depends on c00400000001, applied with it.
	"$ALUDEL" upgrade c00500000002 >/dev/null 2>&1; ok_status "$nm [1]: aludel upgrade c00500000002, outside" 0 $?
	keys r; wait_for "reloaded $TOTAL revisions"; ok_status "$nm [1]: r reloads" 0 $?
	sleep 0.2; scr=$(screen)
	status_is "$nm [1]: after r, the status line's pending count and current revisions are the database's" \
		" reloaded $TOTAL revisions | $((TOTAL - 6)) pending | current: $(current_ids) |"
	ok_eq "$nm [1]: after r, the applied rows are solid (●), the others hollow" "" \
		"$(bad_symbols "a00000000000 c00300000001 c00300000002 c00400000001 c00500000001 c00500000002" ● ○)"
	# 13: back, the status line lists the version table's rows only: two,
	# where aludel current lists the dependency c00400000001 too
	keys -; wait_for "run it\?"; keys y; wait_for "step down: done"; ok_status "$nm [13]: - steps down" 0 $?
	sleep 0.2; scr=$(screen)
	ok_eq "$nm [13]: the version table holds two rows" "c00300000001 c00500000002 " "$($db_rows)"
	ok_eq "$nm [13]: aludel current lists three revisions" "c00300000001 c00400000001 c00500000002" \
		"$(current_ids | tr , '\n' | sort | paste -sd' ' -)"
	status_is "$nm [13]: after -, the status line lists the current revisions as aludel current does" \
		" step down: done, 1 step(s) | $((TOTAL - 5)) pending | current: $(current_ids) |"

	# 8: back, after G, shrinking to 5 rows and growing back to a screen the
	# whole graph fits on draws 3 rows (those of the small screen) until g.
	# The rows drawn after growing are counted on the captured screen. Grown
	# back to $rows rows (the graph does not fit), every row must be a graph
	# row, the last revision on the last; the code before the fix passed
	# that one (it kept the last page full when the graph does not fit).
	# Grown to 100 rows, every one of the $TOTAL revisions must be drawn: the
	# defect's case, which fails with the fix reverted (22 rows drawn).
	keys G; sleep 0.2
	T resize-window -t tui -x "$cols" -y 5 2>/dev/null
	wait_count 3 50 5; ok_status "$nm [8]: at 5 rows, 3 graph rows" 0 $?
	T resize-window -t tui -x "$cols" -y "$rows" 2>/dev/null
	wait_count $((rows - 2)) 50
	ok_eq "$nm [8]: grown back after G: every one of the $((rows - 2)) rows is a graph row" "$((rows - 2))" "$(count_rows)"
	ok_match "$nm [8]: ... the last revision on the last of them" "a00000000000" "$(printf '%s\n' "$scr" | sed -n "$((rows - 1))p")"
	T resize-window -t tui -x "$cols" -y 5 2>/dev/null
	wait_count 3 50 5
	T resize-window -t tui -x "$cols" -y 100 2>/dev/null
	wait_count $TOTAL 50 100
	ok_eq "$nm [8]: after G, 5 rows and 100: all $TOTAL revisions are drawn" "$TOTAL" "$(count_rows 100)"
	T resize-window -t tui -x "$cols" -y "$rows" 2>/dev/null
	keys q; wait_for "EXITED 0"; ok_status "$nm: q quits" 0 $?

	# 4 (LANG=C) and 12: under LANG=C the rows keep their symbol (* / o),
	# id and message, on the first screen and after G
	tui_start "$cols" "$rows" "cd $dir && LANG=C LC_ALL=C NO_COLOR=1 $ALUDEL tui; echo EXITED \$?; sleep 60"
	wait_for "^Heads:" && sleep 0.3; scr=$(screen)
	ok_eq "$nm LANG=C [4]: every graph row shows its symbol, id and message" "$((rows - 2))" "$(count_rows)"
	ok_eq "$nm LANG=C [12]: applied rows show *, pending ones o" "" \
		"$(bad_symbols "a00000000000 c00300000001 c00400000001 c00500000001 c00500000002" '*' o)"
	keys G; sleep 0.5; scr=$(screen)
	ok_eq "$nm LANG=C, G [4]: every graph row shows its symbol, id and message" "$((rows - 2))" "$(count_rows)"
	ok_eq "$nm LANG=C, G [12]: applied rows show *, pending ones o" "" \
		"$(bad_symbols "a00000000000 c00300000001 c00400000001 c00500000001 c00500000002" '*' o)"
	ok_match "$nm LANG=C, G [12]: ... the base, applied, on the screen" "^\* a00000000000$" "$(symbols)"
	keys q; wait_for "EXITED 0"; ok_status "$nm LANG=C: q quits" 0 $?
	cd "$work" || return
}

# 11: looking at a database that does not exist yet (the big project) and
# quitting creates nothing. Back, the SQLite file exists afterwards (empty),
# or the version table does.
# missing BACKEND COLS ROWS URL CREATED-COMMAND
missing() {
	nm="$1 $2x$3" dir="$work/missing-$1-$2x$3"
	cp -r "$work/proj" "$dir"
	printf '[aludel]\nscript_location = %%(here)s/migrations\nsqlalchemy.url = %s\n' "$4" >"$dir/aludel.ini"
	tui_start "$2" "$3" "cd $dir && LANG=C.UTF-8 $ALUDEL tui; echo EXITED \$?; sleep 60"
	wait_for "^Heads:" && sleep 0.2; scr=$(screen)
	cols=$2
	ok_match "$nm [11]: nothing applied, nothing current" "\| $TOTAL pending \| current: base \|" "$(status_line)"
	keys / "$LONG" Enter Enter 3 "$(repeat 200 J)"; wait_for "UPDATE alembic_version SET version_num='$LONG'"
	ok_status "$nm [11]: the preview shows the plan" 0 $?
	keys G Enter r; wait_for "reloaded"
	keys q; wait_for "EXITED 0"; ok_status "$nm [11]: q quits" 0 $?
	ok_eq "$nm [11]: looking created nothing" "" "$($5)"
}

# 2: a project with no revisions: back, '/ x Enter' (a search) crashes it
# empty BACKEND COLS ROWS URL
empty() {
	nm="$1 $2x$3" dir="$work/empty-$1-$2x$3"
	mkdir -p "$dir/migrations/versions"
	printf '[aludel]\nscript_location = %%(here)s/migrations\nsqlalchemy.url = %s\n' "$4" >"$dir/aludel.ini"
	tui_start "$2" "$3" "cd $dir && LANG=C.UTF-8 $ALUDEL tui; echo EXITED \$?; sleep 60"
	wait_for "No revisions yet"; ok_status "$nm [2]: the TUI opens on no revisions" 0 $?
	for k in "/ x Enter" "n" "/ Enter" "Enter" "J" "G" "Space" "m" "u" "r"; do
		# shellcheck disable=SC2086
		keys $k; sleep 0.2
		wait_for "No revisions yet"; alive=$?
		printf '%s\n' "$scr" | grep -q EXITED && alive=1
		ok_status "$nm [2]: '$k' keeps the TUI running" 0 $alive
	done
	keys q; wait_for "EXITED 0"; ok_status "$nm [2]: q quits with status 0" 0 $?
}

sqlite_rows() { sqlite3 "$db" "SELECT version_num FROM alembic_version ORDER BY 1" 2>/dev/null | tr '\n' ' '; }
sqlite_made() { ls "$work/missing-$sz.db" 2>/dev/null; }
for sz in 80x24 120x40; do
	C_=${sz%x*} R_=${sz#*x}
	db="$work/big-$sz.db"
	big sqlite "$C_" "$R_" "sqlite:///$db" sqlite_rows
	missing sqlite "$C_" "$R_" "sqlite:///$work/missing-$sz.db" sqlite_made
	empty sqlite "$C_" "$R_" "sqlite:///$work/empty-$sz.db"
	ok_eq "sqlite $sz [2]: the empty project's TUI made no database file" "" "$(ls "$work/empty-$sz.db" 2>/dev/null)"
done

if sh "$top_srcdir/tests/pg-cluster.sh" start "$pgdir" $$ >/dev/null 2>&1; then
	psql_in() { psql -At -d "dbname=$1 host=$pgdir user=postgres" -c "$2" 2>/dev/null | tr '\n' ' '; }
	for sz in 80x24 120x40; do
		C_=${sz%x*} R_=${sz#*x} s_=$(echo "$sz" | tr x _)
		pg_rows() { psql_in "big_$s_" "SELECT version_num FROM alembic_version ORDER BY 1"; }
		big postgresql "$C_" "$R_" "$(sh "$top_srcdir/tests/pg-cluster.sh" createdb "$pgdir" "big_$s_")" pg_rows
		pg_made() { psql_in "missing_$s_" "SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')"; }
		missing postgresql "$C_" "$R_" "$(sh "$top_srcdir/tests/pg-cluster.sh" createdb "$pgdir" "missing_$s_")" pg_made
		empty postgresql "$C_" "$R_" "$(sh "$top_srcdir/tests/pg-cluster.sh" createdb "$pgdir" "empty_$s_")"
	done
else
	tap_n=$((tap_n + 1)); echo "ok $tap_n - postgresql # SKIP no PostgreSQL server could be started"
fi
tap_done
