# tests/alembic_env.sh - the set-up shared by the shell tests that run Debian's
# Alembic beside aludel on SQLite and PostgreSQL (sourced after tests/tap.sh):
# checks python3-alembic and psycopg2 ($PY), makes the work folder $work (the
# server's user may read it), starts a PostgreSQL server in $pgdir, and at exit
# calls the test's `at_exit` when it defines one, then removes both.
PY=/usr/bin/python3
$PY -c 'import alembic, psycopg2' 2>/dev/null ||
	{ echo "Bail out! python3-alembic and python3-psycopg2 are needed (apt-get install python3-alembic python3-psycopg2)"; exit 1; }
work=$(mktemp -d)
chmod 755 "$work" # the PostgreSQL server runs as another user
pgdir="$work/pg"
alembic_env_cleanup() {
	command -v at_exit >/dev/null 2>&1 && at_exit
	sh "$top_srcdir/tests/pg-cluster.sh" stop "$pgdir" >/dev/null 2>&1
	rm -rf "$work"
}
trap alembic_env_cleanup EXIT
sh "$top_srcdir/tests/pg-cluster.sh" start "$pgdir" $$ >/dev/null || { echo "Bail out! could not start PostgreSQL"; exit 1; }

# py_chain N: Alembic revisions a1a1a1a1a001 .. a1a1a1a1a00N in
# migrations/versions/, each revising the one before; revision r creates
# table py_r, its downgrade drops it.
py_chain() {
	for r in $(seq 1 "$1"); do
		down=None; [ "$r" -gt 1 ] && down="'a1a1a1a1a00$((r - 1))'"
		cat >"migrations/versions/a1a1a1a1a00${r}_py.py" <<PYREV
"""python $r

Revision ID: a1a1a1a1a00$r
Revises:
Create Date: 2026-11-22 10:00:00

"""
from alembic import op

revision = 'a1a1a1a1a00$r'
down_revision = $down
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE TABLE py_$r (id INTEGER)")


def downgrade() -> None:
    op.execute("DROP TABLE py_$r")
PYREV
	done
}
