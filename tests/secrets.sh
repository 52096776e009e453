#!/bin/sh
# tests/secrets.sh - a password in a database URL is never shown: aludel run
# with malformed and well-formed URLs holding a password (by --url and by
# DATABASE_URL) for current, current -v, history -i and upgrade heads prints
# no piece of it on stdout or stderr, nor in the TUI's status line; libpq's
# connection errors (a missing socket, a refused port, an unknown host) of a
# PostgreSQL server started here do not show it; --url is gone from ps and
# /proc/PID/cmdline of a running aludel (one waiting for another run's lock,
# and the TUI); an in-memory SQLite URL is refused for changes, not for --sql.
. "${top_srcdir:-.}/tests/tap.sh"
set -u
work=$(mktemp -d)
chmod 755 "$work" # the PostgreSQL server runs as another user
pgdir="$work/pg"
sock="$work/tmux.sock"
cleanup() {
	[ -n "${slow_pid:-}" ] && kill "$slow_pid" 2>/dev/null
	[ -n "${wait_pid:-}" ] && kill "$wait_pid" 2>/dev/null
	command -v tmux >/dev/null && tmux -S "$sock" kill-server 2>/dev/null
	[ -d "$pgdir" ] && sh "$top_srcdir/tests/pg-cluster.sh" stop "$pgdir" >/dev/null 2>&1
	rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
mkdir -p migrations/versions
printf '[aludel]\nscript_location = %%(here)s/migrations\n' >aludel.ini
# rev down upgrade-sql
mkrev() {
	printf -- '-- %s\n--\n-- Revision ID: %s\n-- Revises: %s\n-- Create Date: 2026-01-01 00:00:00\n\n-- migrate:upgrade\n%s\n\n-- migrate:downgrade\nSELECT 1;\n' \
		"r$1" "$1" "$2" "$3" >"migrations/versions/$1_r.sql"
}
mkrev a000000001 "" "CREATE TABLE t1 (id INTEGER);"

# The password is made of these pieces (with '@', ':', '/' and more between
# them); none may show anywhere.
pieces="Zqx 7Pk W3v Rj9"
# fails with the first piece found in the text
shows_secret() { # TEXT
	for p in $pieces; do
		case "$1" in *"$p"*) return 0 ;; esac
	done
	return 1
}
# runs aludel with URL given by --url, then by DATABASE_URL, for a command;
# checks stdout and stderr of each
check_url() { # URL COMMAND...
	u=$1
	shift
	for how in --url DATABASE_URL; do
		if [ $how = --url ]; then
			"$ALUDEL" --url "$u" "$@" >"$work/out" 2>"$work/err"
		else
			DATABASE_URL=$u "$ALUDEL" "$@" >"$work/out" 2>"$work/err"
		fi
		st=$?
		all="$(cat "$work/out" "$work/err")"
		if shows_secret "$all"; then
			tap_result 1 "$how '$u' $*: no piece of the password shown"
			printf '%s\n' "$all" | sed 's/^/#   /'
		else
			tap_result 0 "$how '$u' $*: no piece of the password shown (status $st)"
		fi
	done
}

urls="postgresql://app:Zqx7Pk/appdb
postgresql://app:Zqx7Pk
postgresql://app:Zqx/7Pk/appdb
postgresql://app:Zqx@7Pk@nohost.invalid/appdb
postgresql://app:Zqx:7Pk/W3v@127.0.0.1:1/appdb
postgresql://app:Zqx@7Pk:W3v/Rj9@h:notaport/appdb
postgresql://app:Zqx7Pk@h:99999/appdb
postgresql://app:Zqx%zz7Pk%4@127.0.0.1:1/appdb
postgresql://app/Zqx@7Pk@h/appdb
postgresql://app:Zqx7Pk@[::1/appdb
postgresql://h/appdb?password=Zqx7Pk&bad%20key=1
mysql://app:Zqx@7Pk@h/appdb
mysql://app:Zqx7Pk/appdb
app:Zqx@7Pk@h/appdb
Zqx7PkW3v
sqlite://app:Zqx7Pk@/x.db
sqlite://app:Zqx7Pk/x.db"

# with a PostgreSQL server: a missing socket and a server that accepts
if sh "$top_srcdir/tests/pg-cluster.sh" start "$pgdir" $$ >/dev/null 2>&1; then
	have_pg=1
	urls="$urls
postgresql://postgres:Zqx@7Pk@/postgres?host=$pgdir&port=1
postgresql://postgres:Zqx:7Pk/W3v@/nodb?host=$pgdir
postgresql://nouser:Zqx@7Pk@/postgres?host=$pgdir
postgresql://postgres:Zqx7Pk@/postgres?host=$pgdir&sslmode=bogus
postgresql://postgres:Zqx7Pk@/postgres?host=$pgdir&connect_timeout=abc"
else
	have_pg=0
	echo "# no PostgreSQL server: libpq's errors of a running server not tested"
fi

old_ifs=$IFS
IFS='
'
for u in $urls; do
	IFS=$old_ifs
	check_url "$u" current
	check_url "$u" current -v
	check_url "$u" history -i
	check_url "$u" upgrade heads
	IFS='
'
done
IFS=$old_ifs

if [ $have_pg = 1 ]; then
	# a server with trust authentication accepts any password: the runs succeed
	sh "$top_srcdir/tests/pg-cluster.sh" createdb "$pgdir" app >/dev/null
	good="postgresql://postgres:Zqx@7Pk:W3v/Rj9@/app?host=$pgdir"
	check_url "$good" upgrade heads
	out=$("$ALUDEL" --url "$good" current -v 2>&1)
	ok_match "current -v names the database with the password masked" \
		"^Current revision\(s\) for postgresql://postgres:XXXXX@/app\?host=" "$out"
	ok_match "...and the run was made with the whole password" "Rev: a000000001 \(head\)" "$out"

	# ps and /proc/PID/cmdline of a run waiting for another's lock
	mkrev b000000001 a000000001 "SELECT pg_sleep(3);"
	"$ALUDEL" --url "$good" upgrade heads >/dev/null 2>"$work/slow.err" &
	slow_pid=$!
	sleep 0.5
	"$ALUDEL" --url "$good" upgrade heads >/dev/null 2>"$work/wait.err" &
	wait_pid=$!
	i=0
	until grep -q "Waiting for another aludel run" "$work/wait.err" 2>/dev/null || [ $i -ge 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	ok_match "the second run waits for the first one's lock" "Waiting for another aludel run" "$(cat "$work/wait.err")"
	for pid in $slow_pid $wait_pid; do
		args=$(ps -o args= -p $pid)
		cmdline=$(tr '\0' ' ' </proc/$pid/cmdline)
		ok_match "ps of a running aludel shows the command" "upgrade heads" "$args"
		if shows_secret "$args$cmdline"; then
			tap_result 1 "ps and /proc/PID/cmdline do not show the --url password"
			echo "# ps: $args"
			echo "# cmdline: $cmdline"
		else
			tap_result 0 "ps and /proc/PID/cmdline do not show the --url password"
		fi
		ok_match "...the --url argument reads XXXXX" "--url XXXXX" "$args"
	done
	wait $slow_pid
	s1=$?
	wait $wait_pid
	s2=$?
	slow_pid=
	wait_pid=
	ok_eq "both runs succeed" "0 0" "$s1 $s2"
	rm -f migrations/versions/b000000001_r.sql
	"$ALUDEL" --url "$good" stamp a000000001 >/dev/null 2>&1
fi

# the TUI: its status line, and ps while it runs
if command -v tmux >/dev/null; then
	T() { tmux -S "$sock" "$@"; }
	n_tui=0
	tui_check() { # URL NAME
		n_tui=$((n_tui + 1))
		s=tui$n_tui
		T new-session -d -s $s -x 160 -y 30 "LANG=C.UTF-8 $ALUDEL --url '$1' tui; echo EXITED; sleep 30"
		i=0
		until T capture-pane -p -t $s 2>/dev/null | grep -q "revision" || [ $i -ge 50 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		scr=$(T capture-pane -p -t $s)
		ok_match "TUI ($2) is open" "revision" "$scr"
		if shows_secret "$scr"; then
			tap_result 1 "TUI ($2): the screen shows no piece of the password"
			printf '%s\n' "$scr" | sed 's/^/#   /'
		else
			tap_result 0 "TUI ($2): the screen shows no piece of the password"
		fi
		pid=$(pgrep -P "$(T list-panes -t $s -F '#{pane_pid}')" -f "tui" | head -1)
		if [ -n "$pid" ] && [ -r /proc/$pid/cmdline ]; then
			args="$(ps -o args= -p "$pid")$(tr '\0' ' ' </proc/$pid/cmdline)"
			if shows_secret "$args"; then
				tap_result 1 "TUI ($2): ps and /proc/PID/cmdline do not show the password"
				echo "# $args"
			else
				tap_result 0 "TUI ($2): ps and /proc/PID/cmdline do not show the password"
			fi
		else
			tap_result 1 "TUI ($2): its process is found"
		fi
		T send-keys -t $s q
	}
	tui_check "postgresql://app:Zqx7Pk/appdb" "password without '@'"
	tui_check "postgresql://app:Zqx@7Pk@nohost.invalid/appdb" "'@' in the password"
	[ $have_pg = 1 ] && tui_check "postgresql://postgres:Zqx@7Pk:W3v/Rj9@/app?host=$pgdir" "connected"
else
	echo "# tmux is not installed: the TUI is not tested"
fi

# an in-memory SQLite database is refused for changes, online only
for u in sqlite:// sqlite:/// sqlite:///:memory:; do
	for cmd in "upgrade heads" "downgrade base" "stamp heads"; do
		# shellcheck disable=SC2086
		out=$("$ALUDEL" --url "$u" $cmd 2>&1)
		st=$?
		ok_status "$u $cmd is refused" 1 $st
		ok_match "...saying why" "in-memory SQLite database.*the changes would be lost" "$out"
	done
	out=$(DATABASE_URL=$u "$ALUDEL" upgrade heads 2>&1)
	ok_status "DATABASE_URL=$u upgrade heads is refused" 1 $?
	"$ALUDEL" --url "$u" upgrade --sql heads >"$work/out" 2>&1
	ok_status "$u upgrade --sql heads writes the script" 0 $?
	ok_match "...which creates the table" "CREATE TABLE t1" "$(cat "$work/out")"
	"$ALUDEL" --url "$u" current >/dev/null 2>&1
	ok_status "$u current reads (nothing)" 0 $?
done

tap_done
