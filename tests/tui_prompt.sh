#!/bin/sh
# tests/tui_prompt.sh - the TUI's `:` prompt, run log, editor and clipboard
# (issue 11), driven in tmux at 80x24 and 120x40, on SQLite and on a
# PostgreSQL server the test starts (its URL carries a password, which trust
# authentication accepts and the screen must never show), over a generated
# native project of 45 heads, some with branch labels (feat, bad, feature_N):
#   :upgrade feat@head confirms naming the target, its id and the masked
#   database URL, and then the version table holds exactly that head;
#   :sql A:B and :sql downgrade B:A show the text `aludel upgrade A:B --sql`
#   and `aludel downgrade B:A --sql` print; bad expressions, an ambiguous
#   prefix and an unknown command are named on the status line; :goto and a
#   bare :EXPR move the cursor; Escape cancels; Up recalls the last line; the
#   short forms and :stamp heads / :stamp base / :downgrade -2 / :downgrade
#   base change the version table as the command line would;
#   after a failing step, L shows the whole error (the CLI's own text for the
#   same failure), the failing statement in the run's SQL, the steps with
#   their times and the version table's outcome;
#   e runs $VISUAL (else $EDITOR) on the revision's file, passed as "$1" (its
#   name holds a quote, a '$' and blanks), and the TUI shows the new message
#   with the cursor on the same revision; y puts the id into tmux's paste
#   buffer through OSC 52 (set-clipboard on).
. "${top_srcdir:-.}/tests/tap.sh"
set -u
TMUX_FLAGS=-u
. "$top_srcdir/tests/tui_env.sh"
cd "$work"
export LC_ALL=C.UTF-8
ESC=$(printf '\033')

sh "$top_srcdir/tests/pg-cluster.sh" start "$pgdir" $$ >/dev/null ||
	{ echo "Bail out! could not start PostgreSQL"; exit 1; }
pw=Pr0mptS3cret

# the editors: ed.sh records its arguments, changes the file's message line
# and adds a revision that comes first in the graph (every row after it moves
# down one); wrong.sh must not run when VISUAL is set
cat >"$work/ed.sh" <<'EOF'
#!/bin/sh
printf '%s\n' "$#" "$1" >"$ED_LOG"
sed -i '1s/.*/-- EDITED9/' "$1"
printf -- '-- new\n--\n-- Revision ID: b00000000001\n-- Revises: a00000000000\n\n-- migrate:upgrade\nSELECT 1;\n\n-- migrate:downgrade\nSELECT 1;\n' \
	>"$(dirname "$1")/b00000000001_new.sql"
EOF
cat >"$work/wrong.sh" <<'EOF'
#!/bin/sh
echo "EDITOR ran although VISUAL is set" >"$ED_LOG"
EOF
chmod +x "$work/ed.sh" "$work/wrong.sh"

# mkrev DIR ID DOWN LABELS MESSAGE UPGRADE-SQL [FILE-SLUG]
mkrev() { # dir id down labels message upgrade-SQL [file-name]
	revfile "$1" "$2" "$3" "$5" "$6" "" "" "$4" "" "${7:-x}"
}
# mkproj DIR URL: one base and 45 branches of two revisions: 45 heads; the
# head of branch 7 is labelled feat, of 44 bad (its statement fails), of
# every third feature_N; branch 9's head file has an awkward name
mkproj() {
	mkdir -p "$1/migrations/versions"
	mkrev "$1" a00000000000 "" "" "the base" "CREATE TABLE t_a00000000000 (id INTEGER);"
	k=1
	while [ $k -le 45 ]; do
		one=$(printf 'c%03x00000001' $k) two=$(printf 'c%03x00000002' $k)
		label=""; [ $((k % 3)) -eq 0 ] && label="feature_$k"
		[ $k = 7 ] && label=feat
		[ $k = 44 ] && label=bad
		mkrev "$1" "$one" a00000000000 "" "branch $k one" "CREATE TABLE t_$one (id INTEGER);"
		if [ $k = 44 ]; then
			mkrev "$1" "$two" "$one" "$label" "branch $k fails" "CREATE TABLE t_$two (id INTEGER);
INSERT INTO no_such_table_for_the_prompt_test (a_rather_long_column_name) VALUES ('the end of the failing statement');"
		elif [ $k = 9 ]; then
			mkrev "$1" "$two" "$one" "$label" "branch $k two" "CREATE TABLE t_$two (id INTEGER);" "it's \$HOME a b"
		else
			mkrev "$1" "$two" "$one" "$label" "branch $k two" "CREATE TABLE t_$two (id INTEGER);"
		fi
		k=$((k + 1))
	done
	printf '[aludel]\nscript_location = %%(here)s/migrations\nsqlalchemy.url = %s\n' "$2" >"$1/aludel.ini"
}

# the prompt: types ":" then the line, then Enter
cmd() { keys ':'; keys -l "$1"; keys Enter; }
# the screen's lines joined by blanks (a wrapped title reads as one line)
joined() { printf '%s\n' "$scr" | sed 's/^ //' | tr '\n' ' '; }
# the rows of the graph drawn in reverse video (the cursor's; not the status line)
cursor_rows() { T capture-pane -p -e -t tui | sed '$d' | grep -E "$ESC\[([0-9]+;)*7m"; }
# the version table's rows, one line, sorted
rows() { (cd "$dir" && "$ALUDEL" current 2>/dev/null) | sed 's/ .*//' | sort | tr '\n' ' '; }
# the text of a text box: the lines after its title (which ends with $1) and
# before its bottom row, without the left margin and trailing blanks
box_text() { printf '%s\n' "$scr" | sed -n "/$1\$/,\$p" | sed '1d;$d' | sed 's/^ //; s/ *$//' | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'; }
# a text without its blanks and line ends (the box wraps long lines)
squash() { tr -d ' \n'; }

round=0
for backend in sqlite postgresql; do
for size in 80x24 120x40; do
	round=$((round + 1))
	cols=${size%x*} lines=${size#*x}
	dir="$work/r$round"
	if [ $backend = postgresql ]; then
		sh "$top_srcdir/tests/pg-cluster.sh" createdb "$pgdir" "prompt$round" >/dev/null
		sh "$top_srcdir/tests/pg-cluster.sh" createdb "$pgdir" "cli$round" >/dev/null
		url="postgresql://postgres:$pw@/prompt$round?host=$pgdir"
		cli_url="postgresql://postgres:$pw@/cli$round?host=$pgdir"
	else
		url="sqlite:///$dir/app.db"
		cli_url="sqlite:///$dir/cli.db"
	fi
	mkproj "$dir" "$url"
	masked=$(cd "$dir" && "$ALUDEL" current -v 2>/dev/null | sed -n '1s/^Current revision(s) for \(.*\):$/\1/p')
	nm="$backend $size"
	[ $backend = postgresql ] && ok_match "$nm: the masked URL hides the password" "^postgresql://postgres:XXXXX@" "$masked"
	# odd rounds: VISUAL wins over EDITOR; even rounds: EDITOR alone
	if [ $((round % 2)) = 1 ]; then eds="VISUAL='$work/ed.sh' EDITOR='$work/wrong.sh'"; else eds="EDITOR='$work/ed.sh'"; fi
	rm -f "$work/ed.log"
	tui_start "$cols" "$lines" "cd '$dir' && NO_COLOR=1 LANG=C.UTF-8 ED_LOG='$work/ed.log' $eds $ALUDEL tui; echo EXITED; sleep 5"
	T set -s set-clipboard on
	wait_for "Heads:"; ok_status "$nm: the TUI opens" 0 $?

	# :upgrade LABEL@head: the confirmation names the target, its id and the database
	cmd "upgrade feat@head"
	wait_for "run it\?"; ok_status "$nm: :upgrade feat@head shows the plan and asks" 0 $?
	ok_match "$nm: the title names the target, its id, the masked URL and the steps" \
		"^upgrade to feat@head \(c00700000002\) on $(printf '%s' "$masked" | sed 's/[][\.*^$?+(){}|/]/\\&/g'): 3 step\(s\)" "$(joined)"
	ok_eq "$nm: no piece of the password on the screen" "" "$(printf '%s\n' "$scr" | grep -e "$pw" -e S3cret)"
	keys y; wait_for "upgrade: done, 3 step"; ok_status "$nm: the upgrade runs" 0 $?
	ok_eq "$nm: the version table holds exactly feat's head" "c00700000002 (head)" "$(cd "$dir" && "$ALUDEL" current 2>&1)"

	# :sql A:B and :sql downgrade B:A: the --sql text
	cmd "sql a00000000000:c00100000002"
	wait_for "press q or Enter to close"; ok_status "$nm: :sql A:B opens a text box" 0 $?
	ok_match "$nm: ... titled with the range" "^SQL of upgrade a00000000000:c00100000002 \\(offline" "$(joined)"
	ok_eq "$nm: :sql A:B shows what aludel upgrade A:B --sql prints" \
		"$(cd "$dir" && "$ALUDEL" upgrade a00000000000:c00100000002 --sql 2>/dev/null | squash)" \
		"$(box_text 'step(s)' | squash)"
	keys q; wait_for "^Heads:"
	cmd "sql downgrade c00100000002:a00000000000"
	wait_for "press q or Enter to close"; ok_status "$nm: :sql downgrade B:A opens a text box" 0 $?
	ok_match "$nm: ... titled with the range" "^SQL of downgrade c00100000002:a00000000000 \\(offline" "$(joined)"
	ok_eq "$nm: :sql downgrade B:A shows what aludel downgrade B:A --sql prints" \
		"$(cd "$dir" && "$ALUDEL" downgrade c00100000002:a00000000000 --sql 2>/dev/null | squash)" \
		"$(box_text 'step(s)' | squash)"
	keys q; wait_for "^Heads:"

	# errors are named on the status line, and nothing runs
	cmd "upgrade feat@nosuch"
	wait_for "^ upgrade feat@nosuch: Can't locate revision identified by 'nosuch'"
	ok_status "$nm: a bad expression is named on the status line" 0 $?
	cmd "goto c02a"
	wait_for "^ goto c02a: Ambiguous revision 'c02a': it matches c02a00000001, c02a00000002"
	ok_status "$nm: an ambiguous prefix is named with its matches" 0 $?
	cmd "frobnicate heads"
	wait_for "^ unknown command 'frobnicate'"; ok_status "$nm: an unknown command is named" 0 $?
	cmd "upgrade"
	wait_for "^ upgrade needs a revision expression"; ok_status "$nm: a command without its expression says so" 0 $?
	ok_eq "$nm: the version table is unchanged after the errors" "c00700000002 " "$(rows)"

	# :goto and a bare :EXPR move the cursor (off the first screen)
	cmd "goto c02a00000002"
	wait_for "^ goto c02a00000002: c02a00000002"; ok_status "$nm: :goto says where it went" 0 $?
	ok_match "$nm: after :goto the cursor is on that revision" "c02a00000002 (.* )?branch 42( |$)" "$(cursor_rows)"
	ok_eq "$nm: ... and on no other row" "1" "$(cursor_rows | wc -l | tr -d ' ')"
	# y: the id through OSC 52 into tmux's paste buffer
	while T delete-buffer 2>/dev/null; do :; done
	keys y
	wait_for "^ copied c02a00000002"; ok_status "$nm: y says what it copied" 0 $?
	sleep 0.2
	ok_eq "$nm: y put the id into tmux's buffer (OSC 52)" "c02a00000002" "$(T show-buffer 2>&1)"
	cmd "bad@head"
	wait_for "^ goto bad@head: c02c00000002"; ok_status "$nm: a bare :EXPR goes to the revision" 0 $?
	ok_match "$nm: after :EXPR the cursor is on that revision" "c02c00000002 (.* )?branch 44( |$)" "$(cursor_rows)"

	# Escape cancels; Up recalls the last line
	keys ':'; keys -l "upgrade heads"; wait_for "^:upgrade heads"; keys Escape
	wait_for "^ goto bad@head: c02c00000002"; ok_status "$nm: Escape leaves the prompt" 0 $?
	ok_eq "$nm: ... and runs nothing" "no dialog" "$(printf '%s\n' "$scr" | grep -q 'run it' && echo dialog || echo no dialog)"
	keys ':'; keys Up; wait_for "^:bad@head *$"; ok_status "$nm: Up recalls the last line" 0 $?
	keys Up; wait_for "^:goto c02a00000002 *$"; ok_status "$nm: Up again, the one before" 0 $?
	keys Down; wait_for "^:bad@head *$"; ok_status "$nm: Down goes back" 0 $?
	keys Escape

	# a failing step: the status line points to the run log, which holds it all
	cmd "upgrade bad@head"
	wait_for "run it\?"; keys y
	wait_for "Migration failed"; ok_status "$nm: the failing upgrade fails" 0 $?
	keys q
	wait_for "^ upgrade failed; nothing was changed; L shows the run log"
	ok_status "$nm: the status line says the run failed and where to look" 0 $?
	keys L
	wait_for "lines 1-"; ok_status "$nm: L opens the run log" 0 $?
	log="$scr"
	i=0
	# page down until the bottom row says the last line is shown
	last_shown() { printf '%s\n' "$scr" | sed -n 's/.*lines [0-9]*-\([0-9]*\) of \([0-9]*\);.*/\1 \2/p' | tail -1; }
	while [ "$(last_shown | awk '{print ($1 == $2)}')" != 1 ] && [ $i -lt 20 ]; do
		keys NPage; sleep 0.2; scr=$(screen); log="$log
$scr"; i=$((i + 1))
	done
	flat=$(printf '%s' "$log" | tr -d ' \n')
	cli_error=$(cd "$dir" && "$ALUDEL" --url "$cli_url" upgrade bad@head 2>&1 >/dev/null | sed -n '/^FAILED: /,$p' | sed '1s/^FAILED: //')
	ok_match "$nm: the CLI's error for the same failure names the statement" "no_such_table_for_the_prompt_test" "$cli_error"
	case "$flat" in
	*"$(printf '%s' "$cli_error" | tr -d ' \n')"*) tap_result 0 "$nm: the run log shows the whole error text" ;;
	*) tap_result 1 "$nm: the run log shows the whole error text"; printf '%s\n' "$cli_error" "--- log:" "$log" | sed 's/^/# /' ;;
	esac
	ok_match "$nm: the newest run first, marked FAILED, naming target and database" \
		"^Runlog:.*#2upgradetobad@head\(c02c00000002\)on.*:FAILED.*#1upgradetofeat@head" "$flat"
	ok_match "$nm: the steps with their times" \
		"\[1/2\]Runningupgradea00000000000->c02c00000001,branch44onedonein[0-9]+\.[0-9]ms\[2/2\]Runningupgradec02c00000001->c02c00000002,branch44failsFAILEDafter[0-9]+\.[0-9]ms" "$flat"
	ok_match "$nm: the version table's outcome" "Nothingwaschanged:theversiontableisasitwas\(c00700000002\)\." "$flat"
	ok_match "$nm: the run's SQL with the failing statement" \
		"FAILED.*SQL:.*CREATETABLEt_c02c00000002\(idINTEGER\);INSERTINTOno_such_table_for_the_prompt_test\(a_rather_long_column_name\)VALUES\('theendofthefailingstatement'\);.*#1upgrade" "$flat"
	keys q; wait_for "^Heads:"; ok_status "$nm: q leaves the run log" 0 $?
	ok_eq "$nm: the version table is unchanged after the failure" "c00700000002 " "$(rows)"

	# e: the editor gets the file as "$1"; the TUI shows the new message, on the same revision
	cmd "c00900000002"; wait_for "^ goto c00900000002"
	keys e
	wait_for "^ edited c00900000002_it's \\\$HOME a b.sql; reloaded 92 revisions"
	ok_status "$nm: e runs the editor, then reloads" 0 $?
	ok_eq "$nm: the editor got one argument, the file's path" "1
$dir/migrations/versions/c00900000002_it's \$HOME a b.sql" "$(cat "$work/ed.log" 2>&1)"
	wait_for "c00900000002 .*EDITED9"
	ok_status "$nm: the graph shows the edited message" 0 $?
	ok_match "$nm: the cursor stays on the edited revision" "c00900000002 .*EDITED9" "$(cursor_rows)"
	keys g; wait_for "b00000000001 .*new"; ok_status "$nm: the reloaded graph has the revision the editor added" 0 $?

	# the other commands and the short forms change the version table as the CLI would
	cmd "d -2"; wait_for "run it\?"; keys y; wait_for "^ downgrade: done, 2 step"
	ok_eq "$nm: :d -2 goes two steps down" "a00000000000 " "$(rows)"
	cmd "downgrade base"; wait_for "run it\?"; keys y; wait_for "^ downgrade: done, 1 step"
	ok_eq "$nm: :downgrade base empties the version table" "" "$(rows)"
	cmd "u c00100000002"; wait_for "run it\?"
	ok_match "$nm: :u's title names the target" "^upgrade to c00100000002 on " "$(joined)"
	keys y; wait_for "^ upgrade: done, 3 step"
	ok_eq "$nm: :u c00100000002 upgrades" "c00100000002 " "$(rows)"
	cmd "s heads"; wait_for "run it\?"
	ok_match "$nm: :s heads' title names the target" "^stamp heads \(b00000000001, c00100000002, c00200000002, .*\+43\) on " "$(joined)"
	keys y; wait_for "^ stamp: done"
	ok_eq "$nm: :s heads stamps the 46 heads" "46" "$(rows | wc -w | tr -d ' ')"
	cmd "stamp base"; wait_for "run it\?"; keys y; wait_for "^ stamp: done"
	ok_eq "$nm: :stamp base empties the version table" "" "$(rows)"

	keys q; wait_for EXITED; ok_status "$nm: q quits" 0 $?
done
done
tap_done
