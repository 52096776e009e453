#!/bin/sh
# tests/tui_edited.sh - the graph's marker of applied revisions edited since
# they ran (history table checksums), driven in tmux on SQLite: none after
# the upgrade; after a revision's upgrade section is edited and the TUI
# reloaded (r), its row alone carries the marker (UTF-8 pencil, ASCII ~);
# the run log (L) lists the history table's last runs;
# the file put back as it ran, the marker goes at the next reload; a pending
# revision edited is never marked.
. "${top_srcdir:-.}/tests/tap.sh"
set -u
. "$top_srcdir/tests/tui_env.sh"

start_tui() { # LANG
	tui_start 100 24 "env LANG=$1 $ALUDEL tui; echo EXITED \$?; sleep 60"
	wait_for "Heads:"
}
row() { printf '%s\n' "$scr" | grep -E " $1 " | head -n 1; }

dir="$work/p"
mkdir -p "$dir/migrations/versions"
cd "$dir" || exit 1
printf '[aludel]\nscript_location = %%(here)s/migrations\nsqlalchemy.url = sqlite:///%s/t.db\n' "$dir" >aludel.ini
revfile . aaaa00000001 "" "create base" "CREATE TABLE t_a (id INTEGER);"
revfile . bbbb00000001 aaaa00000001 "add column" "CREATE TABLE t_b (id INTEGER);"
revfile . cccc00000001 bbbb00000001 "not applied" "CREATE TABLE t_c (id INTEGER);"
"$ALUDEL" -q upgrade bbbb00000001; ok_status "upgrade to bbbb" 0 $?

start_tui C.UTF-8; ok_status "the TUI opens" 0 $?
if printf '%s\n' "$scr" | grep -q "✎"; then r=1; else r=0; fi
ok_status "no marker before any file is edited" 0 $r

# bbbb's upgrade changes by one character; cccc (pending) too
revfile . bbbb00000001 aaaa00000001 "add column" "CREATE TABLE t_b (id BIGINT);"
revfile . cccc00000001 bbbb00000001 "not applied" "CREATE TABLE t_c (id BIGINT);"
if printf '%s\n' "$(screen)" | grep -q "✎"; then r=1; else r=0; fi
ok_status "no marker before the reload" 0 $r
keys r; wait_for "reloaded 3 revisions"; ok_status "r reloads" 0 $?
wait_for "bbbb00000001.*✎"; ok_status "after the reload, the edited applied revision's row has the marker" 0 $?
ok_match "...the marker before its message" "bbbb00000001 \(current\) ✎ add column" "$(row bbbb00000001)"
if row aaaa00000001 | grep -q "✎"; then r=1; else r=0; fi
ok_status "...not the unedited applied one" 0 $r
if row cccc00000001 | grep -q "✎"; then r=1; else r=0; fi
ok_status "...nor the edited pending one" 0 $r
ok_match "aludel current --verbose agrees" "^bbbb00000001 \\(edited since applied" "$("$ALUDEL" current --verbose 2>&1)"

# the help's legend names it
keys '?'; wait_for "Legend|help"; keys G; wait_for "pencil"; ok_status "the help's legend explains the marker" 0 $?
keys q; wait_for "Heads:"

# the run log (L) lists the history table's last runs: the two upgrades
keys L; wait_for "The last runs in aludel_history"; ok_status "L lists the history table's runs" 0 $?
ok_match "...the newest first: bbbb's upgrade, its time, user@host, version and checksum" \
	"^ +20[0-9-]+T[0-9:]+ +upgrade +bbbb00000001 +[0-9.]+ s +[^ ]+@[^ ]+ +aludel [^ ]+ +sha256 [0-9a-f]{12}" \
	"$(printf '%s\n' "$scr" | grep -A1 'last runs in aludel_history' | sed -n 2p)"
ok_eq "...then aaaa's" "aaaa00000001" "$(printf '%s\n' "$scr" | grep -oE 'upgrade +[a-c]{4}00000001' | awk 'NR==2 {print $2}')"
keys q; wait_for "Heads:"

# put back as it ran: the marker goes at the next reload
revfile . bbbb00000001 aaaa00000001 "add column" "CREATE TABLE t_b (id INTEGER);"
keys r; wait_for "reloaded 3 revisions"
sleep 0.3; scr=$(screen)
if printf '%s\n' "$scr" | grep -q "✎"; then r=1; else r=0; fi
ok_status "the file put back: no marker after the reload" 0 $r

# ASCII: the same marker as ~
revfile . bbbb00000001 aaaa00000001 "add column" "CREATE TABLE t_b (id SMALLINT);"
start_tui C; ok_status "the TUI opens without UTF-8" 0 $?
ok_match "without UTF-8 the marker is ~" "bbbb00000001 \(current\) ~ add column" "$(row bbbb00000001)"
T kill-session -t tui 2>/dev/null
tap_done
