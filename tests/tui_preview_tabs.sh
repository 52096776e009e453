#!/bin/sh
# tests/tui_preview_tabs.sh - the preview's tabs and the graph's horizontal
# scroll (issue 11), driven in tmux at 80x24 and 120x40, on SQLite and on a
# PostgreSQL server the test starts itself. The project: 45 branches of two
# native revisions from one base (45 heads, about 45 lanes at the bottom of
# the graph), each revision creating and dropping its own table up_<id>; one
# revision has no downgrade section. Checked: the upgrade SQL tab (the
# default) shows the selected revision's own upgrade statement, the
# downgrade SQL tab its downgrade statement, the plan tab the version-table
# statement; t, 1 and 2 switch tabs; a revision without a downgrade says so;
# Right/> reveals lanes folded into "…+N" (the counts drop, the left marker
# appears, the status names the first lane shown) while every row keeps its
# symbol, id and message, and Left/< comes back; no line is wider than the
# screen.
. "${top_srcdir:-.}/tests/tap.sh"
set -u
TMUX_FLAGS=-u
. "$top_srcdir/tests/tui_env.sh"
cd "$work"
export LC_ALL=C.UTF-8 # for grep's '.' (one character) on the captured screens

sh "$top_srcdir/tests/pg-cluster.sh" start "$pgdir" $$ >/dev/null ||
	{ echo "Bail out! could not start PostgreSQL"; exit 1; }
pg_url=$(sh "$top_srcdir/tests/pg-cluster.sh" createdb "$pgdir" tabs)

# rev id down message minute [no-downgrade]
mkrev() { # id down message minute [no-downgrade]
	down="DROP TABLE up_$1;"
	[ -n "${5:-}" ] && down=-
	revfile "$work" "$1" "$2" "$3" "CREATE TABLE up_$1 (id INTEGER);" "$down" "" "" "2026-11-22 10:$4:00"
}
mkdir -p migrations/versions
base=a00000000000
mkrev $base "" "base of every branch" 00
k=1
while [ $k -le 45 ]; do
	one=$(printf 'c%03x00000001' $k)
	two=$(printf 'c%03x00000002' $k)
	nodown=""; [ $k -eq 7 ] && nodown=1
	mkrev "$one" $base "branch $k: add the first table of this branch" $(printf '%02d' $((k % 60)))
	mkrev "$two" "$one" "branch $k: fill the table with a rather long message" $(printf '%02d' $(((k + 7) % 60))) $nodown
	k=$((k + 1))
done
for backend in sqlite postgresql; do
	mkdir -p $backend
	url="sqlite:///$work/app.db"; [ $backend = postgresql ] && url=$pg_url
	printf '[aludel]\nscript_location = %s/migrations\nsqlalchemy.url = %s\n' "$work" "$url" >$backend/aludel.ini
	(cd $backend && "$ALUDEL" upgrade c00300000002 >/dev/null 2>&1) || echo "# upgrade on $backend failed"
done

# the sum of the "…+N" counts on the graph rows (lines 2 to $1) of $scr
folded() {
	printf '%s\n' "$scr" | sed -n "2,$1p" | grep -oE '…\+[0-9]+' | tr -d '…+' | awk '{s += $1} END {print s + 0}'
}
# every line of the screen with tmux's wrapped lines joined is at most $1 columns
no_wider() {
	joined=$(T capture-pane -p -J -t tui)
	ok_eq "$2: no line wider than $1 columns" "0" "$(printf '%s\n' "$joined" | grep -cE "^.{$(($1 + 1))}")"
}

for backend in sqlite postgresql; do
	for size in 80x24 120x40; do
		cols=${size%x*} rows=${size#*x}
		name="$backend $size"
		list=$(((rows - 2) / 2 + 1)) # the last graph line with the preview open
		tui_start "$cols" "$rows" "cd $work/$backend && $ALUDEL tui; sleep 30"
		wait_for "^Heads:" || echo "# no first screen: $scr"
		keys Enter
		wait_for '\[upgrade SQL\]'; settle
		id=$(printf '%s\n' "$scr" | sed -n 's/^── \([0-9a-f]\{12\}\)  \[upgrade SQL\].*/\1/p')
		ok_match "$name: the preview opens on the upgrade SQL tab, its title names the three tabs" \
			'── [0-9a-f]{12}  \[upgrade SQL\]  downgrade SQL   plan  ' "$scr"
		ok_match "$name: upgrade SQL shows the revision's own upgrade statement" "^ CREATE TABLE up_$id \(id INTEGER\);" "$scr"
		ok_eq "$name: upgrade SQL shows neither its downgrade nor the version table" "0" \
			"$(printf '%s\n' "$scr" | grep -cE "DROP TABLE up_$id|alembic_version")"
		no_wider "$cols" "$name, upgrade SQL"

		keys t
		wait_for '\[downgrade SQL\]'; settle
		ok_match "$name: t: downgrade SQL shows the revision's own downgrade statement" "^ DROP TABLE up_$id;" "$scr"
		ok_eq "$name: downgrade SQL does not show the upgrade statement" "0" "$(printf '%s\n' "$scr" | grep -c "CREATE TABLE up_$id")"

		keys t
		wait_for '\[plan\]'
		for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25; do keys J; done
		wait_for '(INSERT INTO|UPDATE) alembic_version' 50
		ok_match "$name: t: the plan tab shows the version-table statement of the move" \
			"^ (INSERT INTO|UPDATE) alembic_version .*'c001000000" "$scr"
		ok_match "$name: the plan tab's title" '  upgrade SQL   downgrade SQL  \[plan\]  ' "$scr"
		no_wider "$cols" "$name, plan"

		keys 1
		wait_for '\[upgrade SQL\]'; settle
		ok_match "$name: 1 goes back to upgrade SQL" "^ CREATE TABLE up_$id \(id INTEGER\);" "$scr"
		keys 2
		wait_for '\[downgrade SQL\]'; settle
		ok_match "$name: 2 shows downgrade SQL" "^ DROP TABLE up_$id;" "$scr"

		# the revision without a downgrade section
		keys / ; sleep 0.2; keys c00700000002 Enter
		wait_for '── c00700000002 '
		wait_for 'cannot be downgraded' 30
		ok_match "$name: a revision without a downgrade section says so" \
			'^ -- revision c00700000002 cannot be downgraded' "$scr"

		# horizontal scroll at the bottom of the graph, where the lanes fold
		keys G
		wait_for '── a00000000000 '; settle
		before=$(folded $list)
		ok_eq "$name: at the bottom, lanes are folded into …+N" "yes" "$([ "$before" -gt 0 ] && echo yes)"
		ok_eq "$name: no left marker before scrolling" "0" "$(printf '%s\n' "$scr" | sed -n "2,${list}p" | grep -c '‹')"
		keys Right '>'
		wait_for 'lanes from 5 of 4[0-9] shown'; settle
		after=$(folded $list)
		echo "# the …+N counts add up to $before, scrolled $after"
		ok_eq "$name: Right > reveal folded lanes (the …+N counts drop)" "yes" "$([ "$after" -lt "$before" ] && echo yes)"
		ok_eq "$name: every graph row has the left marker" "$((list - 1))" \
			"$(printf '%s\n' "$scr" | sed -n "2,${list}p" | grep -c '^  .‹')"
		ok_eq "$name: every graph row keeps its symbol, id and message" "$((list - 1))" \
			"$(printf '%s\n' "$scr" | sed -n "2,${list}p" | grep -cE '[●○][^A-Za-z]* [0-9a-f]{12} .*(branch|base)')"
		no_wider "$cols" "$name, scrolled"
		keys Left '<'
		wait_for 'lanes from the first of 4[0-9] shown'; settle
		ok_eq "$name: Left < scroll back: no left marker, the counts as before" "0 $before" \
			"$(printf '%s\n' "$scr" | sed -n "2,${list}p" | grep -c '‹') $(folded $list)"
		keys q
	done
done
tap_done
