#!/usr/bin/env python3
"""bench/gen_projects.py - writes the benchmark's revision graphs.

Usage: gen_projects.py [--shape SHAPE] [--native-only] OUTDIR N [SEED]
Writes OUTDIR/native (aludel.ini + native .sql revisions) and OUTDIR/alembic
(alembic.ini + Alembic .py revisions; not with --native-only) holding the
same graph of N revisions:
a main line with a side branch every 10 revisions (merged back 4 later), a
labelled feature branch every 500 revisions (one revision, left open as a
head: a label on a branch that is merged back would pass to every later
revision, Alembic's rule, and make each revision carry thousands of labels),
a depends_on every 25 revisions, and a second root every 1000 revisions. Each
revision has three real statements.

That is the default shape, "bench". The others (issue 14), all with ids from
the same seeded generator:
  tangled  each new revision extends a random open head, branches off a random
           earlier revision, starts a new base (4% of the first 70%), or
           merges two or three random open heads: about 22% merge points, 18%
           branch points, a handful of heads at the end; 20 branch labels and
           30 depends_on on random revisions.
  wide     hundreds of open heads (N / 25, at most 500): branches off random
           earlier revisions until there are that many, each revision then
           extending a random open head; a few merges, 20 labels, 30 depends_on.
  deep     one long line with a short side branch (1-3 revisions) every 6-10
           revisions, merged back 2-4 revisions later (one in fifty left open);
           20 labels, 30 depends_on on a revision 50-500 below.
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


def ids_for(n, rnd):
    return ["%012x" % rnd.getrandbits(48) for _ in range(n)]


def sprinkle(revs, rnd, nlabels=20, ndeps=30, dep_span=None):
    """Puts nlabels branch labels on random revisions and ndeps depends_on
    from a random revision to an earlier one (dep_span: how far below)."""
    n = len(revs)
    if n < 4:
        return revs
    for k, i in enumerate(rnd.sample(range(1, n), min(nlabels, n - 1))):
        revs[i][3].append("lbl%d" % k)
    for _ in range(min(ndeps, n // 4)):
        i = rnd.randrange(n // 4, n)
        lo = 0 if dep_span is None else max(0, i - dep_span[1])
        hi = i - 1 if dep_span is None else max(lo, i - dep_span[0])
        j = rnd.randint(lo, hi)
        if revs[j][0] not in revs[i][1] and revs[j][0] not in revs[i][2]:
            revs[i][2].append(revs[j][0])
    return revs


# The moves the shapes make on their list of open heads (indices); each
# takes the random numbers it needs in the same order as written out.
def branch_off(rnd, i, heads, ids):
    """A revision off a random earlier one (no longer a head if it was)."""
    j = rnd.randrange(i)
    if j in heads:
        heads.remove(j)
    return [ids[j]]


def merge(rnd, heads, ids, k):
    """A merge of k random open heads."""
    picked = rnd.sample(heads, k)
    for h in picked:
        heads.remove(h)
    return [ids[h] for h in picked]


def extend(rnd, heads, ids):
    """A revision on a random open head."""
    h = rnd.choice(heads)
    heads.remove(h)
    return [ids[h]]


def tangled(n, seed):
    rnd = random.Random(seed)
    ids = ids_for(n, rnd)
    revs = []
    heads = []  # open heads (indices)
    for i in range(n):
        down = []
        x = rnd.random()
        if i == 0 or (i < 0.7 * n and x < 0.04):
            pass  # a new base
        elif x < 0.28 and len(heads) >= 5:  # a merge of two or three heads
            k = 3 if rnd.random() < 0.3 and len(heads) >= 3 else 2
            down = merge(rnd, heads, ids, k)
        elif x < 0.47:  # a branch off an earlier revision
            down = branch_off(rnd, i, heads, ids)
        else:  # extend an open head
            down = extend(rnd, heads, ids)
        heads.append(i)
        revs.append((ids[i], down, [], []))
    return sprinkle(revs, rnd)


def wide(n, seed):
    rnd = random.Random(seed)
    ids = ids_for(n, rnd)
    target = max(4, min(500, n // 25))
    revs = []
    heads = []
    for i in range(n):
        down = []
        x = rnd.random()
        if i == 0:
            pass
        elif len(heads) < target and x < 0.5:  # a branch off an earlier revision
            down = branch_off(rnd, i, heads, ids)
        elif x < 0.03 and len(heads) >= 2:  # a merge
            down = merge(rnd, heads, ids, 2)
        else:
            down = extend(rnd, heads, ids)
        heads.append(i)
        revs.append((ids[i], down, [], []))
    return sprinkle(revs, rnd)


def deep(n, seed):
    rnd = random.Random(seed)
    ids = ids_for(n, rnd)
    revs = []
    main_tip = None
    side = []  # open side branches: [tip, merge at]
    next_side = rnd.randint(6, 10)
    for i in range(n):
        down = []
        due = [s for s in side if s[1] <= i]
        if main_tip is not None and due:  # merge a side branch back
            s = due[0]
            side.remove(s)
            down = [ids[main_tip], ids[s[0]]]
            main_tip = i
        elif side and rnd.random() < 0.3:  # grow a side branch
            s = rnd.choice(side)
            down = [ids[s[0]]]
            s[0] = i
        elif main_tip is not None and i >= next_side:  # open one
            down = [ids[main_tip]]
            next_side = i + rnd.randint(6, 10)
            if rnd.random() < 0.98:
                side.append([i, i + rnd.randint(2, 4) + 1])
        else:
            if main_tip is not None:
                down = [ids[main_tip]]
            main_tip = i
        revs.append((ids[i], down, [], []))
    return sprinkle(revs, rnd, dep_span=(50, 500))


SHAPES = {"bench": graph, "tangled": tangled, "wide": wide, "deep": deep}


def write(outdir, revs, native_only=False):
    nat = os.path.join(outdir, "native", "migrations", "versions")
    alb = os.path.join(outdir, "alembic", "migrations", "versions")
    os.makedirs(nat, exist_ok=True)
    with open(os.path.join(outdir, "native", "aludel.ini"), "w") as f:
        f.write("[aludel]\nscript_location = %(here)s/migrations\n"
                "sqlalchemy.url = sqlite:///%(here)s/bench.db\n")
    if not native_only:
        os.makedirs(alb, exist_ok=True)
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
        if native_only:
            continue
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
    args = sys.argv[1:]
    shape = "bench"
    native_only = False
    while args and args[0].startswith("--"):
        flag = args.pop(0)
        if flag == "--native-only":
            native_only = True
        elif flag.startswith("--shape=") or (flag == "--shape" and args):
            shape = flag.split("=", 1)[1] if "=" in flag else args.pop(0)
        else:
            sys.exit("gen_projects.py: unknown option %s" % flag)
    if len(args) < 2 or shape not in SHAPES:
        sys.exit("usage: gen_projects.py [--shape bench|tangled|wide|deep] [--native-only] OUTDIR N [SEED]")
    out, n = args[0], int(args[1])
    seed = int(args[2]) if len(args) > 2 else 1
    write(out, SHAPES[shape](n, seed), native_only)
