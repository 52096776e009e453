#!/bin/sh
# tests/alembic_steps.sh - random command sequences side by side: Debian's
# Alembic 1.8 on one copy of an Alembic project, aludel on another, each copy
# with its own database, on SQLite and on a PostgreSQL server started here.
# The projects (revisions that create tables, fill them, add columns to their
# ancestors' tables and write a shared `log` table; branches, merges, labels,
# depends_on) and the commands (upgrade/downgrade/stamp to ids, heads, labels,
# relative steps, base) come from fixed seeds; after every command the exit
# statuses (zero or not), the version rows, the schema and every table's rows
# must agree.  tests/alembic_steps.py does the work: one TAP line per project
# and backend, and on a difference the commands up to it and both states.
#
#   sh tests/alembic_steps.sh                       (from the top of the tree)
#   ALUDEL="/usr/bin/python3 -m alembic" sh tests/alembic_steps.sh
#                                  (Alembic on both sides: checks the harness)
# STEPS=n changes the number of commands per project (25); KEEP=1 keeps the
# work directory (printed).
. "${top_srcdir:-.}/tests/tap.sh"
set -u
PY=/usr/bin/python3
$PY -c 'import alembic, sqlalchemy, psycopg2' 2>/dev/null ||
	{ echo "Bail out! python3-alembic and python3-psycopg2 are needed (apt-get install python3-alembic python3-psycopg2)"; exit 1; }
case "$($PY -c 'import alembic; print(alembic.__version__)')" in
1.8.*) ;;
*) echo "Bail out! the reference is Alembic 1.8 (Debian's python3-alembic)"; exit 1 ;;
esac
# ALUDEL may be a command line ("/usr/bin/python3 -m alembic"): check its first word
# shellcheck disable=SC2086 # its words
set -- $ALUDEL
[ -x "$1" ] || { echo "Bail out! $1 is not built"; exit 1; }
steps=${STEPS:-25}
helper="$top_srcdir/tests/alembic_steps.py"

work=$(mktemp -d "${TMPDIR:-/tmp}/alembic_steps.XXXXXX") || exit 1
chmod 755 "$work" # the PostgreSQL server runs as another user
pgdir="$work/pg"
if [ -n "${KEEP:-}" ]; then
	echo "# keeping $work"
	trap 'sh "$top_srcdir/tests/pg-cluster.sh" stop "$pgdir" >/dev/null 2>&1' EXIT
else
	trap 'sh "$top_srcdir/tests/pg-cluster.sh" stop "$pgdir" >/dev/null 2>&1; rm -rf "$work"' EXIT
fi
sh "$top_srcdir/tests/pg-cluster.sh" start "$pgdir" $$ >/dev/null || { echo "Bail out! could not start PostgreSQL"; exit 1; }

if ! $PY "$helper" gen "$work/gen" >"$work/gen.log" 2>&1; then
	echo "Bail out! tests/alembic_steps.py gen failed:"
	sed 's/^/# /' "$work/gen.log"
	exit 1
fi
export ALUDEL
seed=0
for be in sqlite postgresql; do
	while read -r p; do
		seed=$((seed + 1))
		n=$(set -- "$work/gen/$p"/migrations/versions/*.py; echo $#)
		$PY "$helper" run "$work/gen/$p" "$work/${p}_$be" $be "$steps" $seed "$pgdir" </dev/null >"$work/${p}_$be.log" 2>&1
		st=$?
		# the helper's own failure (status 2, or a traceback) is a failure too
		tap_result $((st != 0)) "$be, project $p ($n revisions), $steps commands (seed $seed): alembic and aludel agree"
		sed 's/^\([^#]\)/# \1/' "$work/${p}_$be.log"
	done <"$work/gen/projects"
done
tap_done
