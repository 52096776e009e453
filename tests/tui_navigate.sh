#!/bin/sh
# tests/tui_navigate.sh - moving along the graph, the diverged view and the
# ancestry filter (issue 11), in tmux at 80x24 and 120x40 on a generated
# native project of 44 heads and about 45 lanes: p, P (cycling the parents of
# a merge), c, C (cycling the children of a branch point), b, ] and [ (heads in
# history order, wrapping) each land on the right revision - the selected row
# (reverse video, NO_COLOR) and the status line both say which; D with two
# marked heads lists the merge base, each side's own revisions, the table
# both sides alter (one side spells it "shared", quoted) and each side's own
# table; f shows only the selected revision's ancestry
# (count in the status line, another branch neither on screen nor found by /),
# f and F clear it with the cursor kept. D and f also with a PostgreSQL
# server the test starts itself.
. "${top_srcdir:-.}/tests/tap.sh"
set -u
TMUX_FLAGS=-u
. "$top_srcdir/tests/tui_env.sh"
cd "$work"
export LC_ALL=C.UTF-8

# rev id, down (blank-separated), depends, message, upgrade SQL
mkrev() { # id "down ..." depends message upgrade-SQL
	revfile "$work/proj" "$1" "$(echo $2 | sed 's/ /, /g')" "$4" "$5" "SELECT 1;" "$3"
}
# a base, a trunk revision creating the table `shared`, then 45 branches of
# two revisions from it (its 45 children: ~45 lanes); every fifth branch's
# second revision depends on the previous branch's first; branches 3 and 4
# are merged by m00000000001: 44 heads. Branches 1 and 2 each create a table
# of their own and both alter `shared` (branch 2 as "shared", quoted; a
# comment naming a decoy table must not count).
mkdir -p proj/migrations/versions
mkrev a00000000000 "" "" "the base" "CREATE TABLE base_t (id INTEGER);"
mkrev a00000000001 a00000000000 "" "the trunk" "CREATE TABLE shared (id INTEGER);"
k=1
while [ $k -le 45 ]; do
	one=$(printf 'c%03x00000001' $k)
	two=$(printf 'c%03x00000002' $k)
	dep=""; [ $((k % 5)) -eq 0 ] && dep=$(printf 'c%03x00000001' $((k - 1)))
	case $k in
	1) up1="CREATE TABLE own_1 (id INTEGER);"
	   up2="ALTER TABLE shared ADD COLUMN b1 INTEGER; INSERT INTO own_1 (id) VALUES (1);" ;;
	2) up1="CREATE TABLE IF NOT EXISTS own_2 (id INTEGER);"
	   up2="-- ALTER TABLE decoy_t ADD COLUMN x INTEGER;
ALTER TABLE \"shared\" ADD COLUMN b2 TEXT DEFAULT 'DROP TABLE decoy_u';" ;;
	*) up1="CREATE TABLE t_$one (id INTEGER);"; up2="CREATE TABLE t_$two (id INTEGER);" ;;
	esac
	mkrev "$one" a00000000001 "" "branch $k: first" "$up1"
	mkrev "$two" "$one" "$dep" "branch $k: second" "$up2"
	k=$((k + 1))
done
mkrev m00000000001 "c00300000002 c00400000002" "" "merge branches 3 and 4" "SELECT 1;"
total=$(ls proj/migrations/versions | wc -l | tr -d ' ')
printf '[aludel]\nscript_location = %%(here)s/migrations\nsqlalchemy.url = sqlite:///%s/app.db\n' "$work" >proj/aludel.ini
(cd proj && "$ALUDEL" upgrade a00000000001 >/dev/null 2>&1) || echo "# upgrade failed"
# the heads in history order (the TUI's display order)
heads=$(cd proj && "$ALUDEL" history 2>/dev/null | grep '(head)' | sed -E 's/.*-> ([0-9a-z]+) .*/\1/')
nheads=$(printf '%s\n' "$heads" | wc -l | tr -d ' ')
ok_eq "the generated project has 44 heads" 44 "$nheads"
head_at() { printf '%s\n' "$heads" | sed -n "${1}p"; }

# the id on the selected row: the graph row drawn in reverse video (NO_COLOR)
sel() {
	T capture-pane -p -e -t tui | sed -n "2,$((rows - 1))p" | grep -E "$(printf '\033')\\[([0-9]+;)*7(;[0-9]+)*m" |
		sed 's/\x1b\[[0-9;]*m//g' | grep -oE '[0-9a-z]{12}' | head -1
}
status() { printf '%s\n' "$scr" | tail -n 1; }
# press keys, wait for the status line to match $2, then check the selected row
step() { # NAME KEYS STATUS_REGEX SELECTED_ID
	keys $2
	wait_for "$3" 30
	ok_match "$size: $1: status" "$3" "$(status)"
	ok_eq "$size: $1: selected row" "$4" "$(sel)"
}
goto() { # ID: / selects it (the status line may be cut at 80 columns: the row tells)
	keys / "$1" Enter
	i=0
	while [ "$(sel)" != "$1" ] && [ $i -lt 30 ]; do sleep 0.1; i=$((i + 1)); done
}
# the lines of the diverged view's section whose heading contains $1, up to a blank line
section() { printf '%s\n' "$all" | awk -v h="$1" 'index($0, h) && /:$/ {on = 1; next} /^ *$/ {on = 0} on'; }

start() { # DIR
	tui_start "$cols" "$rows" "cd $work/$1 && NO_COLOR=1 $ALUDEL tui; sleep 30"
	wait_for "^Heads:" && sleep 0.3
}

# D with c00100000002 and c00200000002 marked; then the ancestry filter
diverged_and_filter() { # NAME
	name="$size $1"
	goto c00100000002; keys Space
	goto c00200000002; keys Space
	keys D
	wait_for "^ Diverged: " 30
	d=$(screen)
	# the view may be longer than the screen: its text rows (all but the
	# title and the last two lines), page after page
	all=$(printf '%s\n' "$d" | sed -n "2,$((rows - 2))p")
	page=$all
	i=0
	while [ $i -lt 3 ]; do
		keys PageDown; sleep 0.3
		next=$(screen | sed -n "2,$((rows - 2))p")
		[ "$next" = "$page" ] && break # the last page
		all=$(printf '%s\n%s\n' "$all" "$next")
		page=$next
		i=$((i + 1))
	done
	keys q
	ok_match "$name: D: the title names both heads" "Diverged: c00100000002 and c00200000002" "$d"
	base=$(section "Merge base" | grep -oE '[0-9a-z]{12}' | sort -u | tr '\n' ' ')
	ok_eq "$name: D: the merge base" "a00000000001 " "$base"
	only1=$(section "Only in c00100000002" | grep -oE '^ +[0-9a-z]{12}' | tr -d ' ' | sort -u | tr '\n' ' ')
	ok_eq "$name: D: the revisions only c00100000002 has" "c00100000001 c00100000002 " "$only1"
	only2=$(section "Only in c00200000002" | grep -oE '^ +[0-9a-z]{12}' | tr -d ' ' | sort -u | tr '\n' ' ')
	ok_eq "$name: D: the revisions only c00200000002 has" "c00200000001 c00200000002 " "$only2"
	both=$(section "Tables BOTH" | awk '{print $1}' | grep . | sort -u | tr '\n' ' ')
	ok_eq "$name: D: the table both sides touch" "shared " "$both"
	t1=$(section "Tables only c00100000002" | awk '{print $1}' | grep . | sort -u | tr '\n' ' ')
	ok_eq "$name: D: the table only c00100000002 touches" "own_1 " "$t1"
	t2=$(section "Tables only c00200000002" | awk '{print $1}' | grep . | sort -u | tr '\n' ' ')
	ok_eq "$name: D: the table only c00200000002 touches" "own_2 " "$t2"
	ok_eq "$name: D: no table named in a comment or a string" "" "$(printf '%s\n' "$all" | grep -o 'decoy_.' | sort -u)"

	# the ancestry of c00500000002: it, c00500000001, c00400000001 (a
	# dependency), the trunk and the base
	goto c00500000002
	keys f
	wait_for "filter: ancestry of c00500000002 \(5 of $total revisions\)" 30
	ok_match "$name: f: the status line names the filter and counts" \
		"filter: ancestry of c00500000002 \(5 of $total revisions\)" "$(status)"
	shown=$(printf '%s\n' "$scr" | sed -n "2,$((rows - 1))p" | grep -oE ' [0-9a-z]{12} ' | tr -d ' ' | sort | tr '\n' ' ')
	ok_eq "$name: f: only the ancestry is on the screen" \
		"a00000000000 a00000000001 c00400000001 c00500000001 c00500000002 " "$shown"
	ok_eq "$name: f: the selected row stays" c00500000002 "$(sel)"
	keys / c00600000002 Enter
	wait_for "/c00600000002: not f" 30
	ok_match "$name: f: another branch is not found by /" "/c00600000002: not f" "$(status)"
	goto c00400000001
	ok_eq "$name: f: the dependency is found" c00400000001 "$(sel)"
	keys "$2"
	wait_for "filter cleared: $total revisions" 30
	ok_match "$name: $2 clears the filter" "filter cleared: $total revisions" "$(status)"
	ok_eq "$name: $2: the cursor stays on the same revision" c00400000001 "$(sel)"
	ok_eq "$name: $2: the whole graph is back" "$((rows - 2))" \
		"$(printf '%s\n' "$scr" | sed -n "2,$((rows - 1))p" | grep -cE ' [0-9a-z]{12} ')"
	keys F
	wait_for "no filter to clear" 30
	ok_match "$name: F with no filter" "no filter to clear" "$(status)"
}

for size in 80x24 120x40; do
	cols=${size%x*} rows=${size#*x}
	start proj
	# p down to the base
	goto c00100000002
	ok_eq "$size: / selects c00100000002" c00100000002 "$(sel)"
	step "p" p "parent of c00100000002: c00100000001" c00100000001
	step "p again" p "parent of c00100000001: a00000000001" a00000000001
	step "p to the base" p "parent of a00000000001: a00000000000" a00000000000
	step "p on the base" p "a00000000000 is a base: no parent" a00000000000
	# c up, C through the 45 children of the trunk
	step "c" c "child of a00000000000: a00000000001" a00000000001
	step "c on a branch point" c "child 1 of 45 of a00000000001: c00100000001" c00100000001
	step "C" C "child 2 of 45 of a00000000001: c00200000001" c00200000001
	step "C again" C "child 3 of 45 of a00000000001: c00300000001" c00300000001
	step "c on a head-less revision" c "child of c00300000001: c00300000002" c00300000002
	step "c to the merge" c "child of c00300000002: m00000000001" m00000000001
	step "c on a head" c "m00000000001 is a head: no child" m00000000001
	# P through the parents of the merge, cycling
	step "p on a merge" p "parent 1 of 2 of m00000000001: c00300000002" c00300000002
	step "P" P "parent 2 of 2 of m00000000001: c00400000002" c00400000002
	step "P cycles" P "parent 1 of 2 of m00000000001: c00300000002" c00300000002
	# b
	goto c00700000002
	step "b" b "branch point of c00700000002: a00000000001 \(2 down\)" a00000000001
	step "b below the last branch point" b "no branch point below a00000000001: base a00000000000 \(1 down\)" a00000000000
	# ] and [ through the heads in display order, wrapping
	keys g
	h1=$(head_at 1) h2=$(head_at 2) hl=$(head_at 44)
	step "]" "]" "head 2 of 44: $h2" "$h2"
	step "[" "[" "head 1 of 44: $h1" "$h1"
	step "[ wraps" "[" "head 44 of 44: $hl" "$hl"
	step "] wraps" "]" "head 1 of 44: $h1" "$h1"
	keys G
	step "[ from the last row" "[" "head 44 of 44: $hl" "$hl"
	diverged_and_filter sqlite f
	keys q
done

# D and the filter on PostgreSQL
sh "$top_srcdir/tests/pg-cluster.sh" start "$pgdir" $$ >/dev/null ||
	{ echo "Bail out! could not start PostgreSQL"; exit 1; }
url=$(sh "$top_srcdir/tests/pg-cluster.sh" createdb "$pgdir" nav)
mkdir -p pg
cp -r proj/migrations pg/
printf '[aludel]\nscript_location = %%(here)s/migrations\nsqlalchemy.url = %s\n' "$url" >pg/aludel.ini
(cd pg && "$ALUDEL" upgrade c00100000002 >/dev/null 2>&1) || echo "# upgrade on PostgreSQL failed"
for size in 80x24 120x40; do
	cols=${size%x*} rows=${size#*x}
	start pg
	ok_match "$size postgresql: connected" "pending \| current: c00100000002 \| postgresql://" "$(status)"
	diverged_and_filter postgresql F
	keys q
done
tap_done
