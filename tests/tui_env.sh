# tests/tui_env.sh - what the tests that drive `aludel tui` in tmux share
# (sourced after tests/tap.sh, and after tests/alembic_env.sh when a test
# uses that): T runs tmux on the test's own socket ($TMUX_FLAGS first, e.g.
# -u), screen prints the pane, keys types into it, wait_for waits until the
# screen shows a pattern (up to $2 tenths of a second, else $WAIT_TENTHS,
# else 15 s: a loaded CI machine under ASan is slow; the screen is kept in
# $scr). Without alembic_env.sh it also makes the work
# folder $work (the PostgreSQL server's user may read it) and, at exit, stops
# tmux, a PostgreSQL server started in $pgdir, and removes the folder.
command -v tmux >/dev/null || { echo "Bail out! tmux is not installed (apt-get install tmux)"; exit 1; }
if [ -z "${work:-}" ]; then
	work=$(mktemp -d)
	chmod 755 "$work" # the PostgreSQL server runs as another user
	pgdir="$work/pg"
	tui_env_cleanup() {
		T kill-server 2>/dev/null
		[ -d "$pgdir" ] && sh "$top_srcdir/tests/pg-cluster.sh" stop "$pgdir" >/dev/null 2>&1
		rm -rf "$work"
	}
	trap tui_env_cleanup EXIT
else
	at_exit() { T kill-server 2>/dev/null; } # called by alembic_env.sh's clean-up
fi
sock="$work/tmux.sock"
T() { tmux ${TMUX_FLAGS:-} -S "$sock" "$@"; }
screen() { T capture-pane -p -t tui 2>/dev/null; }
keys() { T send-keys -t tui "$@"; }
wait_for() {
	i=0
	while [ $i -lt "${2:-${WAIT_TENTHS:-150}}" ]; do
		scr=$(screen)
		printf '%s\n' "$scr" | grep -qE -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
# settle: waits (up to 5 s) until two captures 0.1 s apart are the same, so
# that $scr is a whole frame, not one tmux caught while the TUI was drawing
# it (the text a wait_for saw can be drawn before the rest of the frame)
settle() {
	_prev=
	_i=0
	while [ $_i -lt 50 ]; do
		scr=$(screen)
		[ "$scr" = "$_prev" ] && return 0
		_prev=$scr
		sleep 0.1
		_i=$((_i + 1))
	done
	return 0
}
# tui_start COLS ROWS COMMAND: the session "tui" runs COMMAND in a new pane of
# that size, replacing the one before; the new session is made first (killing
# the last session stops the tmux server, and a client that meets a server
# still exiting fails), and retried for up to 5 s
tui_start() {
	n=0
	until T new-session -d -s next -x "$1" -y "$2" "$3" 2>/dev/null; do
		n=$((n + 1))
		[ $n -ge 50 ] && return 1
		sleep 0.1
	done
	T kill-session -t tui 2>/dev/null
	T rename-session -t next tui
}

# revfile DIR ID REVISES MESSAGE UPGRADE [DOWNGRADE [DEPENDS [LABELS [DATE [NAME]]]]]
# writes the native revision DIR/migrations/versions/ID_NAME.sql (NAME: x):
# the header (REVISES may list several ids, comma-separated; an empty
# DEPENDS or LABELS writes no line; DATE defaults to 2026-11-22 10:00:00),
# the upgrade section with the text UPGRADE and, unless DOWNGRADE is "-",
# the downgrade section with DOWNGRADE (default: DROP TABLE t_ID;).
revfile() {
	{
		echo "-- $4"
		echo "--"
		echo "-- Revision ID: $2"
		echo "-- Revises: $3"
		echo "-- Create Date: ${9:-2026-11-22 10:00:00}"
		[ -n "${7:-}" ] && echo "-- Depends On: $7"
		[ -n "${8:-}" ] && echo "-- Branch Labels: $8"
		echo
		echo "-- migrate:upgrade"
		printf '%s\n' "$5"
		if [ "${6:-}" != "-" ]; then
			echo
			echo "-- migrate:downgrade"
			printf '%s\n' "${6:-DROP TABLE t_$2;}"
		fi
	} >"$1/migrations/versions/$2_${10:-x}.sql"
}
