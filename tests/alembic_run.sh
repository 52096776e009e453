#!/bin/sh
# tests/alembic_run.sh - an unchanged Alembic project run through aludel, on
# SQLite and on a PostgreSQL server started here: .py steps run by the
# project's own Alembic (Debian's 1.8.1) with env.py's custom version table,
# -x and --tag; the log lines; a failing and an interrupted .py step (the
# message, the version table read again, the database consistent); the
# downgrade -1 warning; offline scripts from Alembic's offline mode and the
# round trip up / down to base / up through sqlite3 and psql, native and .py;
# how Alembic is found; graph queries that never start Python.
. "${top_srcdir:-.}/tests/tap.sh"
set -u
. "$top_srcdir/tests/alembic_env.sh"
# every run of Alembic is recorded, so that a test can tell whether Python started
cat >"$work/alembic-wrapper" <<EOF
#!/bin/sh
echo "\$*" >>"$work/alembic-calls"
exec $PY -m alembic "\$@"
EOF
chmod +x "$work/alembic-wrapper"
ALUDEL_ALEMBIC="$work/alembic-wrapper"
export ALUDEL_ALEMBIC

url() { # backend name
	if [ "$1" = sqlite ]; then echo "sqlite:///$work/$2.db"; else sh "$top_srcdir/tests/pg-cluster.sh" createdb "$pgdir" "$2"; fi
}
sqlq() { # backend name sql: one value a line
	if [ "$1" = sqlite ]; then sqlite3 "$work/$2.db" "$3"; else psql -At -d "dbname=$2 host=$pgdir user=postgres" -c "$3"; fi
}
tables() { # backend name: the tables, sorted, on one line (not aludel's history table)
	if [ "$1" = sqlite ]; then
		sqlq sqlite "$2" "SELECT name FROM sqlite_master WHERE type='table' AND name <> 'aludel_history' ORDER BY name"
	else
		sqlq postgresql "$2" "SELECT tablename FROM pg_tables WHERE schemaname='public' AND tablename <> 'aludel_history' ORDER BY tablename"
	fi | tr '\n' ' ' | sed 's/ $//'
}
rows() { sqlq "$1" "$2" "SELECT version_num FROM support_versions ORDER BY 1" | tr '\n' ' ' | sed 's/ $//'; }
feed() { # backend name file: runs an offline script in the database's own client
	if [ "$1" = sqlite ]; then sqlite3 -bail "$work/$2.db" <"$3"; else
		psql -q -v ON_ERROR_STOP=1 -d "dbname=$2 host=$pgdir user=postgres" -f "$3" >/dev/null 2>&1; fi
}
# pyrev id down labels message upgrade-body downgrade-body
pyrev() {
	labels=None; [ -n "$3" ] && labels="('$3',)"
	down=None; [ -n "$2" ] && down="'$2'"
	cat >"migrations/versions/$1_rev.py" <<PYREV
"""$4

Revision ID: $1
Revises: $2
Create Date: 2026-12-01 10:00:00

"""
from alembic import op
import sqlalchemy as sa

revision = '$1'
down_revision = $down
branch_labels = $labels
depends_on = None


def upgrade():
$5


def downgrade():
$6
PYREV
}
# an Alembic project in $work/<name>: env.py names its own version table
# (in both of its context.configure calls) and records -x and --tag
mkproject() { # name url
	mkdir -p "$work/$1" && cd "$work/$1" || exit 1
	$PY -m alembic init migrations >/dev/null 2>&1
	ini_db=$(printf '%s' "$2" | sed 's/%/%%/g; s/[&|]/\\&/g')
	sed -i "s|^sqlalchemy.url = .*|sqlalchemy.url = $ini_db|" alembic.ini
	$PY - migrations/env.py "$work/$1/seen" <<'EOF'
import sys
path, seen = sys.argv[1], sys.argv[2]
s = open(path).read()
s = s.replace('target_metadata=target_metadata,\n', 'target_metadata=target_metadata,\n        version_table="support_versions",\n', 1)
s = s.replace('connection=connection, target_metadata=target_metadata\n',
              'connection=connection, target_metadata=target_metadata,\n            version_table="support_versions",\n', 1)
s = s.replace('def run_migrations_online()', 'def run_migrations_online()', 1)
s += ('\nwith open(%r, "w") as f:\n    f.write("x=%%s tag=%%s\\n" %% (context.get_x_argument(as_dictionary=True).get("who"), context.get_tag_argument()))\n' % seen)
open(path, "w").write(s)
EOF
	pyrev a1a1 "" "" "accounts" '    op.execute("CREATE TABLE accounts (id INTEGER, name VARCHAR(40))")
    op.execute("INSERT INTO accounts (id, name) VALUES (1, '"'"'it'"''"'s'"'"')")' '    op.execute("DROP TABLE accounts")'
	pyrev b2b2 a1a1 "" "orders" "    op.create_table('orders', sa.Column('id', sa.Integer, primary_key=True))" "    op.drop_table('orders')"
	pyrev c3c3 a1a1 side "side branch" '    op.execute("CREATE TABLE side (id INTEGER)")' '    op.execute("DROP TABLE side")'
}

for be in sqlite postgresql; do
	db=$(url $be app_$be)
	mkproject alembic_$be "$db"
	name=app_$be

	# ---- graph queries never start Python ----
	rm -f "$work/alembic-calls"
	for q in heads history branches "show a1a1" "history -v"; do "$ALUDEL" -c alembic.ini $q >/dev/null; done
	ok_eq "$be: heads, history, branches and show start no Alembic" "no" "$([ -e "$work/alembic-calls" ] && echo yes || echo no)"

	# ---- upgrade heads: one Alembic run, the log lines, env.py's own table, -x and --tag ----
	err=$("$ALUDEL" -c alembic.ini -x who=me upgrade --tag t1 heads 2>&1 >/dev/null); st=$?
	ok_status "$be: upgrade heads through Alembic" 0 $st
	ok_eq "$be: ...one Alembic run with the command's target" "1" "$(grep -c ' upgrade --tag t1 -- heads$' "$work/alembic-calls")"
	ok_eq "$be: ...each step logged as Alembic logs it" "INFO  [alembic.runtime.migration] Running upgrade  -> a1a1, accounts
INFO  [alembic.runtime.migration] Running upgrade a1a1 -> b2b2, orders
INFO  [alembic.runtime.migration] Running upgrade a1a1 -> c3c3, side branch" "$(printf '%s\n' "$err" | sort)"
	ok_eq "$be: ...-x and --tag reach env.py" "x=me tag=t1" "$(cat seen)"
	ok_eq "$be: ...rows in env.py's version table" "b2b2 c3c3" "$(rows $be $name)"
	ok_eq "$be: ...tables" "accounts orders side support_versions" "$(tables $be $name)"
	ok_eq "$be: current reads env.py's table" "b2b2 (head)
c3c3 (head)" "$("$ALUDEL" -c alembic.ini current 2>&1 | sort)"
	ok_match "$be: history -i marks the current revisions" "^a1a1 -> c3c3 \\(side\\) \\(head\\) \\(current\\)" "$("$ALUDEL" -c alembic.ini history -i)"
	ok_eq "$be: Alembic agrees" "$("$ALUDEL" -c alembic.ini current 2>&1 | sort)" "$($PY -m alembic current 2>/dev/null | sort)"
	ok_eq "$be: -q logs nothing" "" "$("$ALUDEL" -q -c alembic.ini upgrade heads 2>&1)"
	if command -v tmux >/dev/null; then
		# the TUI reads env.py's table too: both heads current, nothing pending
		tmux -S "$work/tmux.sock" new-session -d -s tui -x 120 -y 12 "'$ALUDEL' -c alembic.ini tui"
		i=0 scr=""
		while ! printf '%s' "$scr" | grep -q "current: " && [ $i -lt 50 ]; do
			sleep 0.1; i=$((i + 1)); scr=$(tmux -S "$work/tmux.sock" capture-pane -p -t tui 2>/dev/null)
		done
		sc=$scr
		# the preview of a .py step asks Alembic once, not at every key
		tmux -S "$work/tmux.sock" send-keys -t tui G Enter
		i=0
		while ! printf '%s' "$scr" | grep -q "Running downgrade" && [ $i -lt 150 ]; do
			sleep 0.1; i=$((i + 1)); scr=$(tmux -S "$work/tmux.sock" capture-pane -p -t tui 2>/dev/null)
		done
		calls=$(wc -l <"$work/alembic-calls")
		tmux -S "$work/tmux.sock" send-keys -t tui J J J K K
		sleep 1
		ok_eq "$be: scrolling the preview of a .py step starts no Python" "$calls" "$(wc -l <"$work/alembic-calls")"
		tmux -S "$work/tmux.sock" kill-server 2>/dev/null
		scr=$sc
		ok_match "$be: the TUI shows env.py's rows as current" "0 pending \\| current: (b2b2,c3c3|c3c3,b2b2) " "$scr"
		ok_match "$be: ...and marks them" "c3c3 \\(current\\) \\(head\\)" "$scr"
	fi

	# ---- downgrade -1 from two heads: Alembic's warning; the step is given an exact target ----
	rm -f "$work/alembic-calls"
	err=$("$ALUDEL" --url "$db" -c alembic.ini downgrade -1 2>&1); st=$?
	ok_status "$be: downgrade -1 from two heads" 0 $st
	ok_match "$be: ...warns as Alembic does" "^WARNING: downgrade -1 from multiple heads is ambiguous" "$err"
	ok_match "$be: ...and that env.py, not --url, picks the database of .py steps" "^WARNING: the database URL comes from --url, but Alembic" "$err"
	ok_match "$be: ...Alembic is given an exact target, not -1" " downgrade -- (b2b2@a1a1|c3c3@a1a1)$" "$(cat "$work/alembic-calls")"
	ok_eq "$be: ...one head left" "1" "$(rows $be $name | wc -w)"
	"$ALUDEL" -q -c alembic.ini upgrade heads

	# ---- a failing .py revision ----
	pyrev d4d4 b2b2 "" "broken" '    op.execute("SELECT * FROM no_such_table")' '    pass'
	err=$("$ALUDEL" -c alembic.ini upgrade heads 2>&1); st=$?
	ok_status "$be: a failing .py revision fails the command" 1 $st
	ok_match "$be: ...FAILED names the step" "^FAILED: Running upgrade b2b2 -> d4d4, broken: failed" "$err"
	ok_match "$be: ...the revision and its file" "revision d4d4, .*/migrations/versions/d4d4_rev.py" "$err"
	ok_match "$be: ...Alembic's own error, not the traceback" "alembic: sqlalchemy.exc.*(no such table|does not exist)" "$err"
	ok_eq "$be: ...no traceback frames" "0" "$(printf '%s\n' "$err" | grep -c 'File \"')"
	ok_match "$be: ...the version table read again" "holds: b2b2, c3c3|holds: c3c3, b2b2" "$err"
	ok_eq "$be: ...the rows unchanged" "b2b2 c3c3" "$(rows $be $name)"
	ok_eq "$be: ...the tables unchanged" "accounts orders side support_versions" "$(tables $be $name)"
	err=$("$ALUDEL" --raiseerr -c alembic.ini upgrade heads 2>&1)
	ok_match "$be: --raiseerr shows Alembic's whole output" "Traceback \\(most recent call last\\)" "$err"
	rm migrations/versions/d4d4_rev.py

	# ---- Ctrl-C during a slow .py step: passed on to Alembic, waited for ----
	if [ $be = sqlite ]; then slow='    op.execute("INSERT INTO accounts (id, name) VALUES (2, '"'"'slow'"'"')")
    import time
    time.sleep(20)'
	else slow='    op.execute("CREATE TABLE slow (id INTEGER)")
    op.execute("SELECT pg_sleep(3)")'; fi
	pyrev e5e5 b2b2 "" "slow" "$slow" '    pass'
	"$ALUDEL" -c alembic.ini upgrade heads >/dev/null 2>"$work/int.err" &
	pid=$!
	i=0
	while ! grep -qs "Running upgrade b2b2 -> e5e5" "$work/int.err" && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	sleep 0.5
	# aludel's lock is held while Alembic runs: a second run waits, here in vain
	out=$("$ALUDEL" -c alembic.ini upgrade heads --lock-timeout 0.3 2>&1); st=$?
	ok_status "$be: a second run does not start while Alembic runs the first's step" 1 $st
	ok_match "$be: ...it says why" "lock|locked" "$out"
	t0=$(date +%s)
	kill -INT $pid
	wait $pid; st=$?
	err=$(cat "$work/int.err")
	ok_status "$be: Ctrl-C stops the run" 1 $st
	# Python takes the interrupt at once in time.sleep; psycopg2 only when the
	# server's statement ends (as under Alembic alone): aludel waits for it
	[ $be = sqlite ] &&
		ok_eq "$be: ...Alembic stops at once" "yes" "$([ $(($(date +%s) - t0)) -lt 10 ] && echo yes || echo no)"
	ok_match "$be: ...says interrupted" "Running upgrade b2b2 -> e5e5, slow: interrupted" "$err"
	ok_match "$be: ...and what the version table holds now" "holds: (b2b2, c3c3|c3c3, b2b2)" "$err"
	ok_eq "$be: ...the rows are consistent" "b2b2 c3c3" "$(rows $be $name)"
	if [ $be = postgresql ]; then
		ok_eq "$be: ...the step's table rolled back" "accounts orders side support_versions" "$(tables $be $name)"
	fi
	ok_eq "$be: ...no Alembic left running" "" "$(pgrep -f "alembic.*$work/alembic_$be" || true)"
	rm migrations/versions/e5e5_rev.py

	# ---- a native revision in the Alembic project: run by aludel, with a warning ----
	printf -- '-- native\n--\n-- Revision ID: f6f6\n-- Revises: c3c3\n\n-- migrate:upgrade\nCREATE TABLE f6 (id INTEGER);\n\n-- migrate:downgrade\nDROP TABLE f6;\n' \
		>migrations/versions/f6f6_native.sql
	err=$("$ALUDEL" -c alembic.ini upgrade heads 2>&1); st=$?
	ok_status "$be: a native .sql revision in an Alembic project runs" 0 $st
	ok_match "$be: ...with a warning" "^WARNING: native .sql revision f6f6, .*Alembic alone can no longer read" "$err"
	ok_eq "$be: ...recorded" "b2b2 f6f6" "$(rows $be $name)"
	"$ALUDEL" -q -c alembic.ini downgrade c3c3; ok_status "$be: ...and taken back" 0 $?
	ok_eq "$be: ...its table gone" "accounts orders side support_versions" "$(tables $be $name)"
	rm migrations/versions/f6f6_native.sql

	# ---- a stamp of .py revisions is Alembic's too ----
	rm -f "$work/alembic-calls"
	"$ALUDEL" -q -c alembic.ini stamp --purge a1a1; ok_status "$be: stamp --purge" 0 $?
	ok_eq "$be: ...one Alembic run with the command's targets" "1" "$(grep -c ' stamp --purge -- a1a1$' "$work/alembic-calls")"
	ok_eq "$be: ...its row" "a1a1" "$(rows $be $name)"
	"$ALUDEL" -q -c alembic.ini stamp b2b2 c3c3; ok_status "$be: stamp of two revisions" 0 $?
	ok_eq "$be: ...their rows" "b2b2 c3c3" "$(rows $be $name)"

	# ---- offline: Alembic's statements, aludel's script around them; the round trip ----
	"$ALUDEL" -c alembic.ini upgrade --sql base:heads >"$work/up.sql"
	ok_status "$be: upgrade --sql base:heads" 0 $?
	$PY -m alembic upgrade --sql base:heads 2>/dev/null >"$work/alembic_up.sql"
	ok_eq "$be: ...holds every statement of Alembic's own script" "" \
		"$(grep -v -e '^$' -e 'support_versions' -e '^BEGIN;' -e '^COMMIT;' -e '^--' -e '^ ' -e '^)' "$work/alembic_up.sql" | while read -r l; do grep -qxF -- "$l" "$work/up.sql" || echo "missing: $l"; done)"
	ok_match "$be: ...creates the version table only where it is missing" "^CREATE TABLE IF NOT EXISTS support_versions" "$(cat "$work/up.sql")"
	for kind in py native; do
		off=$(url $be off_${kind}_$be)
		if [ $kind = native ]; then
			mkdir -p "$work/native_$be/migrations/versions" && cd "$work/native_$be"
			printf '[aludel]\nscript_location = %%(here)s/migrations\nversion_table = support_versions\n' >aludel.ini
			for r in 1 2; do
				down=""; [ $r = 2 ] && down=n0000001
				printf -- '-- native %s\n--\n-- Revision ID: n000000%s\n-- Revises: %s\n\n-- migrate:upgrade\nCREATE TABLE n%s (id INTEGER);\n\n-- migrate:downgrade\nDROP TABLE n%s;\n' \
					$r $r "$down" $r $r >migrations/versions/n000000${r}_r.sql
			done
			top=n0000002
		else
			cd "$work/alembic_$be"; top=b2b2
		fi
		st=0
		for step in "upgrade --sql base:$top" "downgrade --sql $top:base" "upgrade --sql base:$top"; do
			"$ALUDEL" $step >"$work/r.sql" && feed $be off_${kind}_$be "$work/r.sql" || st=1
		done
		ok_status "$be: offline round trip, $kind: up, down to base, up again through the database's client" 0 $st
	done
	cd "$work/alembic_$be"
done

# ---- how Alembic is found ----
cd "$work/alembic_sqlite"
unset ALUDEL_ALEMBIC
ok_match "--version --verbose: alembic on PATH" "^Alembic for \\.py revisions: .*alembic \\(alembic on PATH\\)" \
	"$(PATH="$(dirname "$(command -v alembic || echo /usr/bin/alembic)"):/bin" "$ALUDEL" --version --verbose)"
# a PATH without alembic, with what a libtool wrapper script needs
mkdir -p "$work/tools"
for t in sh ls sed expr dirname basename cat rm mkdir; do ln -s "$(command -v $t)" "$work/tools/$t"; done
ok_match "--version --verbose: python3 -m alembic as the last resort" "python3 -m alembic \\(no alembic command found" \
	"$(PATH="$work/tools" "$ALUDEL" --version --verbose)"
mkdir -p .venv/bin && cp "$work/alembic-wrapper" .venv/bin/alembic
ok_match "--version --verbose: .venv/bin/alembic beside the ini file" "\\.venv/bin/alembic \\(the virtual environment beside" \
	"$("$ALUDEL" --version --verbose)"
sed -i 's|^\[alembic\]$|[alembic]\nalembic_command = /usr/bin/python3 -m alembic|' alembic.ini
ok_match "--version --verbose: alembic_command in the ini section" "/usr/bin/python3 -m alembic \\(alembic_command in \\[alembic\\]" \
	"$("$ALUDEL" --version --verbose)"
ok_match "--version --verbose: ALUDEL_ALEMBIC first" "/bin/echo \\(ALUDEL_ALEMBIC" "$(ALUDEL_ALEMBIC=/bin/echo "$ALUDEL" --version --verbose)"

# ---- env.py computing its version table: said once ----
sed -i 's|version_table="support_versions",|version_table=os.environ.get("VT", "support_versions"),|' migrations/env.py
sed -i 's|^import os$||; 1i import os' migrations/env.py
err=$("$ALUDEL" -c alembic.ini current 2>&1 >/dev/null)
ok_match "a computed version_table is said, with the file and line" "^WARNING: .*migrations/env.py:[0-9]+ computes version_table" "$err"
ok_eq "...once" "1" "$(printf '%s\n' "$err" | grep -c 'computes version_table')"
sed -i 's|^\[alembic\]$|[alembic]\nversion_table = support_versions|' alembic.ini
ok_eq "...not when the ini section names the table" "" "$("$ALUDEL" -c alembic.ini current 2>&1 >/dev/null)"

# ---- an env.py that cannot run offline: the preview shows the source, and why ----
sed -i 's|^from alembic import context$|from alembic import context\nif context.is_offline_mode():\n    raise RuntimeError("this env.py runs online only")|' migrations/env.py
out=$("$ALUDEL" -c alembic.ini upgrade --sql base:a1a1 2>&1); st=$?
ok_status "upgrade --sql with an env.py that cannot run offline still prints a script" 0 $st
ok_match "...saying why" "^--   RuntimeError: this env.py runs online only" "$out"
ok_match "...and showing upgrade() instead" "^-- The upgrade\\(\\) of .*/a1a1_rev.py instead:" "$out"
ok_match "...line by line" "^--     op.execute\\(\"CREATE TABLE accounts" "$out"
ok_match "...with the version table statements around it" "^INSERT INTO support_versions" "$out"
rm -f "$work/alembic-calls"
ALUDEL_ALEMBIC="$work/alembic-wrapper" "$ALUDEL" -c alembic.ini upgrade --sql base:b2b2 >/dev/null 2>&1
ok_eq "...Alembic asked twice, not once a step, when every step fails alike" "2" "$(wc -l <"$work/alembic-calls")"

# ---- an env.py that is a FIFO is refused at once, never waited on ----
mv migrations/env.py "$work/env.py.saved" && mkfifo migrations/env.py
out=$(timeout 5 "$ALUDEL" -c alembic.ini current 2>&1); st=$?
ok_status "an env.py that is a FIFO: current does not hang" 0 $st
ok_match "...and says what it is" "env.py: not a regular file \\(a FIFO\\)" "$out"
rm migrations/env.py && mv "$work/env.py.saved" migrations/env.py
tap_done
