#!/bin/sh
# tests/pg-cluster.sh - a throwaway PostgreSQL server for the tests.
#
#   pg-cluster.sh start DIR [WATCH_PID]  creates DIR, runs initdb and starts a server that
#                                         listens only on a Unix socket in DIR; prints DIR
#                                         (absolute), which is the socket directory.
#                                         With WATCH_PID, the server is stopped and DIR
#                                         removed when that process ends (a crashed test).
#   pg-cluster.sh stop DIR               stops the server (immediately) and removes DIR.
#   pg-cluster.sh createdb DIR NAME      creates database NAME; prints its URL.
#   pg-cluster.sh url DIR NAME           prints the URL of database NAME.
#
# Clients connect as the superuser `postgres` with trust authentication:
#   postgresql:///NAME?host=DIR&user=postgres
# The server binaries are taken from $PG_BINDIR, else the newest /usr/lib/postgresql/*/bin,
# else `pg_config --bindir`. PostgreSQL refuses to run as root: as root, initdb, pg_ctl
# and the server run as the `postgres` user, and DIR is owned by it.
set -eu

die() {
	echo "pg-cluster.sh: $*" >&2
	exit 1
}

find_bindir() {
	if [ -n "${PG_BINDIR:-}" ]; then
		[ -x "$PG_BINDIR/pg_ctl" ] || die "PG_BINDIR=$PG_BINDIR has no pg_ctl"
		echo "$PG_BINDIR"
		return
	fi
	best=""
	for d in /usr/lib/postgresql/*/bin; do
		[ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ] || continue
		v=${d#/usr/lib/postgresql/}
		v=${v%/bin}
		if [ -z "$best" ] || [ "$v" -gt "${best_v:-0}" ] 2>/dev/null; then
			best=$d
			best_v=$v
		fi
	done
	if [ -z "$best" ] && command -v pg_config >/dev/null 2>&1; then
		d=$(pg_config --bindir)
		[ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ] && best=$d
	fi
	[ -n "$best" ] || die "no PostgreSQL server binaries (initdb, pg_ctl) found in /usr/lib/postgresql/*/bin: install the Debian package postgresql (apt-get install postgresql)"
	echo "$best"
}

# Runs a command as the user that owns the cluster (postgres when we are root).
as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

abspath() {
	case "$1" in
	/*) echo "$1" ;;
	*) echo "$(pwd)/$1" ;;
	esac
}

url() { # DIR NAME
	echo "postgresql:///$2?host=$1&user=postgres"
}

start() { # DIR [WATCH_PID]
	dir=$(abspath "$1")
	bindir=$(find_bindir)
	[ ! -e "$dir/data" ] || die "$dir/data already exists"
	mkdir -p "$dir"
	if [ "$(id -u)" -eq 0 ]; then
		id postgres >/dev/null 2>&1 || die "running as root but there is no postgres user to run the server"
		chown postgres "$dir"
		chmod 0755 "$dir"
	fi
	# The server must be able to reach DIR through its parents.
	as_owner test -w "$dir" || die "$dir is not writable by the server's user"
	# Unix socket paths are limited to 107 bytes.
	[ ${#dir} -le 90 ] || die "socket directory path too long (${#dir} > 90 bytes): $dir"
	(cd / && as_owner "$bindir/initdb" -D "$dir/data" --auth=trust -U postgres -E UTF8 \
		--no-locale --no-sync >"$dir/initdb.log" 2>&1) ||
		{ sed 's/^/  /' "$dir/initdb.log" >&2; die "initdb failed in $dir (log above)"; }
	opts="-c listen_addresses= -c unix_socket_directories=$dir -c fsync=off"
	opts="$opts -c synchronous_commit=off -c full_page_writes=off -c max_connections=40"
	(cd / && as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "$opts" -w -t 60 \
		start >"$dir/pg_ctl.log" 2>&1) ||
		{ cat "$dir/pg_ctl.log" "$dir/server.log" 2>/dev/null | sed 's/^/  /' >&2
		  die "the PostgreSQL server did not start in $dir (logs above)"; }
	if [ $# -ge 2 ]; then
		watch=$2
		# A watchdog that stops the server when the test process is gone without stopping it.
		(
			trap '' HUP INT
			while kill -0 "$watch" 2>/dev/null && [ -d "$dir/data" ]; do
				sleep 1
			done
			[ -d "$dir/data" ] && stop_dir "$dir" "$bindir"
		) </dev/null >/dev/null 2>&1 &
		echo $! >"$dir/watchdog.pid"
	fi
	echo "$dir"
}

stop_dir() { # DIR BINDIR
	if [ -f "$1/data/postmaster.pid" ]; then
		(cd / && as_owner "$2/pg_ctl" -D "$1/data" -m immediate -w stop >/dev/null 2>&1) || true
	fi
	rm -rf "$1"
}

stop() { # DIR
	dir=$(abspath "$1")
	[ -d "$dir" ] || return 0
	if [ -f "$dir/watchdog.pid" ]; then
		kill "$(cat "$dir/watchdog.pid")" 2>/dev/null || true
	fi
	stop_dir "$dir" "$(find_bindir)"
}

createdb() { # DIR NAME
	dir=$(abspath "$1")
	bindir=$(find_bindir)
	"$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -U postgres -d postgres \
		-c "CREATE DATABASE \"$2\"" >/dev/null || die "could not create database $2 in $dir"
	url "$dir" "$2"
}

[ $# -ge 2 ] || die "usage: pg-cluster.sh start DIR [WATCH_PID] | stop DIR | createdb DIR NAME | url DIR NAME"
cmd=$1
shift
case "$cmd" in
start) start "$@" ;;
stop) stop "$1" ;;
createdb) [ $# -eq 2 ] || die "usage: pg-cluster.sh createdb DIR NAME"; createdb "$1" "$2" ;;
url) [ $# -eq 2 ] || die "usage: pg-cluster.sh url DIR NAME"; url "$(abspath "$1")" "$2" ;;
*) die "unknown command $cmd" ;;
esac
