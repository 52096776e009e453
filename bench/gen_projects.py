#!/usr/bin/env python3
"""bench/gen_projects.py - writes the benchmark's revision graphs.

Usage: gen_projects.py OUTDIR N [SEED]
Writes OUTDIR/native (aludel.ini + native .sql revisions) and OUTDIR/alembic
(alembic.ini + Alembic .py revisions) holding the same graph of N revisions:
a main line with a side branch every 10 revisions (merged back 4 later), a
labelled feature branch every 500 revisions (one revision, left open as a
head: a label on a branch that is merged back would pass to every later
revision, Alembic's rule, and make each revision carry thousands of labels),
a depends_on every 25 revisions, and a second root every 1000 revisions. Each
revision has three real statements.
"""
import os
import random
import sys


def graph(n, seed):
    rnd = random.Random(seed)
    ids = ["%012x" % rnd.getrandbits(48) for _ in range(n)]
    revs = []  # (id, down list, depends list, labels list)
    main_tip = None
    side_tip = None
    side_left = 0
    root_tip = None
    for i, rid in enumerate(ids):
        down, deps, labels = [], [], []
        if i % 1000 == 999 and i + 1 < n:  # a second root, depended on later
            revs.append((rid, [], [], []))
            root_tip = rid
            continue
        if side_left == 0 and i % 10 == 5 and main_tip:
            # open a side branch from the main tip
            side_tip = main_tip
            side_left = 4
        if side_left > 0 and side_tip and i % 2 == 0:
            down = [side_tip]
            side_tip = rid
            side_left -= 1
            revs.append((rid, down, deps, labels))
            continue
        if i % 500 == 251 and main_tip:  # a labelled feature branch, never merged
            revs.append((rid, [main_tip], [], ["feat%d" % i]))
            continue
        if side_left == 0 and side_tip:
            down = [main_tip, side_tip]  # merge the side branch back
            side_tip = None
        elif main_tip:
            down = [main_tip]
        if i % 25 == 0 and root_tip:
            deps = [root_tip]
            root_tip = None
        revs.append((rid, down, deps, labels))
        main_tip = rid
    return revs


def write(outdir, revs):
    nat = os.path.join(outdir, "native", "migrations", "versions")
    alb = os.path.join(outdir, "alembic", "migrations", "versions")
    os.makedirs(nat, exist_ok=True)
    os.makedirs(alb, exist_ok=True)
    with open(os.path.join(outdir, "native", "aludel.ini"), "w") as f:
        f.write("[aludel]\nscript_location = %(here)s/migrations\n"
                "sqlalchemy.url = sqlite:///%(here)s/bench.db\n")
    with open(os.path.join(outdir, "alembic", "alembic.ini"), "w") as f:
        f.write("[alembic]\nscript_location = %(here)s/migrations\n"
                "sqlalchemy.url = sqlite:///%(here)s/bench.db\n")
    with open(os.path.join(outdir, "alembic", "migrations", "env.py"), "w") as f:
        f.write(ENV_PY)
    for i, (rid, down, deps, labels) in enumerate(revs):
        t = "t%d" % i
        up = ["CREATE TABLE %s (id INTEGER PRIMARY KEY, name VARCHAR(40))" % t,
              "CREATE INDEX ix_%s ON %s (name)" % (t, t),
              "INSERT INTO %s (id, name) VALUES (1, 'r%d')" % (t, i)]
        dn = ["DROP INDEX ix_%s" % t, "DROP TABLE %s" % t]
        with open(os.path.join(nat, "%s_rev_%d.sql" % (rid, i)), "w") as f:
            f.write("-- rev %d\n--\n-- Revision ID: %s\n-- Revises: %s\n"
                    "-- Create Date: 2026-01-01 00:00:00\n" % (i, rid, ", ".join(down)))
            if labels:
                f.write("-- Branch Labels: %s\n" % ", ".join(labels))
            if deps:
                f.write("-- Depends On: %s\n" % ", ".join(deps))
            f.write("\n-- migrate:upgrade\n%s;\n\n-- migrate:downgrade\n%s;\n"
                    % (";\n".join(up), ";\n".join(dn)))
        pyrepr = lambda l: "None" if not l else (repr(l[0]) if len(l) == 1 else repr(tuple(l)))
        with open(os.path.join(alb, "%s_rev_%d.py" % (rid, i)), "w") as f:
            f.write('"""rev %d\n\nRevision ID: %s\nRevises: %s\nCreate Date: 2026-01-01 00:00:00\n\n"""\n'
                    "from alembic import op\n\n\nrevision = %r\ndown_revision = %s\n"
                    "branch_labels = %s\ndepends_on = %s\n\n\n"
                    "def upgrade() -> None:\n%s\n\n\ndef downgrade() -> None:\n%s\n"
                    % (i, rid, ", ".join(down), rid, pyrepr(down),
                       ("(%r,)" % labels[0]) if labels else "None", pyrepr(deps),
                       "\n".join("    op.execute(%r)" % s for s in up),
                       "\n".join("    op.execute(%r)" % s for s in dn)))


ENV_PY = '''from alembic import context
from sqlalchemy import engine_from_config, pool

config = context.config


def run_migrations_offline():
    context.configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    engine = engine_from_config(config.get_section(config.config_ini_section),
                                prefix="sqlalchemy.", poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
'''

if __name__ == "__main__":
    out, n = sys.argv[1], int(sys.argv[2])
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    write(out, graph(n, seed))
