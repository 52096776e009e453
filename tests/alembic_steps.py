#!/usr/bin/env python3
"""tests/alembic_steps.py - the Python half of tests/alembic_steps.sh: random
command sequences run side by side by Debian's Alembic (copy A of a project)
and by aludel (copy B), on SQLite or PostgreSQL, the two databases compared
after every command.

Usage:
  alembic_steps.py gen OUTDIR
      writes the projects OUTDIR/<name>/ (made by `python3 -m alembic init
      migrations`, the generic template, plus random revisions) with
      OUTDIR/<name>.json (the graph, for choosing commands) and
      OUTDIR/projects (the names, one a line).
  alembic_steps.py run PROJECT WORKDIR sqlite|postgresql STEPS SEED [PGDIR]
      copies PROJECT to WORKDIR/A and WORKDIR/B, each with its own database
      (WORKDIR/{A,B}/db.sqlite, or databases <WORKDIR's name>_a/_b created
      on the server whose socket directory is PGDIR), then runs STEPS
      commands chosen at random (seeded with SEED) from the state of A:
      `python3 -m alembic -c alembic.ini CMD` in A, `$ALUDEL -c alembic.ini
      CMD` in B, both at once.  After each command it compares the exit
      statuses (zero or not) and the two databases: version rows, tables
      with their (sorted) column and index names, every table's rows
      (sorted).  Exit 0 when all agree; else 1, with `#` lines for TAP: the
      commands up to the first difference, the outputs, the two states.
      Exit 2 when the harness itself could not run.

$ALUDEL is a program path, or a command line split on spaces (e.g.
"/usr/bin/python3 -m alembic" to run Alembic on both sides).

The revisions do real work, each of it undone by its downgrade: revision R
creates table t_R (sometimes with an index) and fills it, writes its row
into the shared `log` table (created by the roots, dropped by the last root
going down), and may add a column to, or a row into, a table of one of its
ancestors.  So the database says which revisions ran; `log` in particular
lists them, which is how the command chooser knows which revisions' work is
present (W) besides what the version rows claim (V).

Commands are chosen so that most are valid.  While W agrees with V (no
stamp has moved them apart) any command is safe; once they differ, only
commands whose revisions either all run cleanly or all fail at their first
statement are chosen (a revision whose work is present fails creating its
table; one whose work is absent fails touching its table), and stamps that
bring V back to W, so that a failing Alembic run changes nothing it could
not roll back.

A command on which Alembic 1.8.1 itself crashes (a Python exception that is
not a database error: an AssertionError or KeyError in its revision
bookkeeping) says nothing about aludel: it is listed as skipped, both
databases are put back as they were before it, and the sequence goes on.
"""
import json
import os
import random
import shlex
import shutil
import subprocess
import sys
import time

SEED = 20261203
PROJECTS = 6
PY = "/usr/bin/python3"
WORDS = ["users", "tickets", "orders", "invoices", "audit", "tags", "comments", "sessions",
         "roles", "teams", "queues", "reports", "events", "payments"]


# ---------------------------------------------------------------- projects

def make_graph(rng):
    """8-20 revisions: roots (sometimes two), branch points, merges of two or
    three heads, branch labels and depends_on (by id or by label)."""
    n = rng.randint(8, 20)
    revs, ids, heads, label_of = [], [], [], {}
    anc = {}  # id -> its down-ancestors
    roots = 0
    for i in range(n):
        rid = "%012x" % rng.getrandbits(48)
        r = rng.random()
        if i == 0 or (roots < 2 and i >= 3 and r < 0.07):
            down = []
        elif len(heads) >= 2 and r < 0.30:
            down = sorted(rng.sample(heads, 3 if len(heads) > 2 and rng.random() < 0.2 else 2))
        elif r < 0.62:
            down = [ids[-1]]
        else:
            down = [rng.choice(ids)]
        roots += not down
        a = set()
        for d in down:
            a |= {d} | anc[d]
        deps = []
        others = [x for x in ids if x not in a]
        if others and rng.random() < 0.2:
            t = rng.choice(others)
            deps = [label_of[t] if t in label_of and rng.random() < 0.4 else t]
        labels = []
        if len(down) <= 1 and rng.random() < 0.2:
            labels = ["%s%d" % (rng.choice(WORDS), i)]
            label_of[rid] = labels[0]
        revs.append({"id": rid, "down": down, "deps": deps, "labels": labels,
                     "message": "%s %s" % (rng.choice(["create", "add", "extend", "fill"]),
                                           rng.choice(WORDS))})
        anc[rid] = a
        ids.append(rid)
        heads = [h for h in heads if h not in down] + [rid]
    for r in revs:  # depends_on as ids, for the chooser
        r["dep_ids"] = [next(x for x, l in label_of.items() if l == d) if d in label_of.values()
                        else d for d in r["deps"]]
    return revs, anc


def graph_ok(revs):
    """Has merges, labels, depends_on and branch points; and no merge of
    revisions one of which needs another through depends_on (Alembic 1.8.1
    crashes with a KeyError on those)."""
    g = Graph(revs)
    for r in revs:
        if any(x != y and x in g.closure(y) for x in r["down"] for y in r["down"]):
            return False
    return (any(len(r["down"]) > 1 for r in revs) and any(r["labels"] for r in revs)
            and any(r["deps"] for r in revs)
            and any(sum(r["id"] in x["down"] for x in revs) > 1 for r in revs))


def revision_text(rng, rev, anc, several_roots, k):
    """The revision file of REV: upgrade() and its exact inverse downgrade()."""
    me = "t_" + rev["id"]
    up, down = [], []  # down is built in the order of up, then reversed

    def step(u, d):
        up.append(u)
        down.append(d)

    cols = ['sa.Column("id", sa.Integer, primary_key=True)',
            'sa.Column("note", sa.String(40), nullable=False)']
    if rng.random() < 0.5:
        cols.append('sa.Column("amount", sa.Numeric(10, 2), server_default="0")')
    if rng.random() < 0.3:
        cols.append('sa.Column("flag", sa.Boolean, nullable=True)')
    step('op.create_table(\n        "%s",\n        %s,\n    )' % (me, ",\n        ".join(cols)),
         'op.drop_table("%s")' % me)
    if not rev["down"]:
        if several_roots:
            step('op.execute("CREATE TABLE IF NOT EXISTS log (rev VARCHAR(32) NOT NULL, '
                 'what VARCHAR(60))")',
                 'if op.get_bind().execute(sa.text("SELECT count(*) FROM log")).scalar() == 0:\n'
                 '        op.drop_table("log")')
        else:
            step('op.create_table(\n        "log",\n'
                 '        sa.Column("rev", sa.String(32), nullable=False),\n'
                 '        sa.Column("what", sa.String(60)),\n    )',
                 'op.drop_table("log")')
    step('op.execute("INSERT INTO log (rev, what) VALUES (\'%s\', \'%s\')")'
         % (rev["id"], rev["message"]),
         'op.execute("DELETE FROM log WHERE rev = \'%s\'")' % rev["id"])
    nrows = rng.randint(1, 3)
    if rng.random() < 0.5:
        step('op.bulk_insert(\n        sa.table("%s", sa.column("id", sa.Integer), '
             'sa.column("note", sa.String)),\n        [%s],\n    )'
             % (me, ", ".join('{"id": %d, "note": "%s %d"}' % (j, rev["message"], j)
                              for j in range(1, nrows + 1))),
             'op.execute("DELETE FROM %s")' % me)
    else:
        step('op.execute("INSERT INTO %s (id, note) VALUES %s")'
             % (me, ", ".join("(%d, '%s %d')" % (j, rev["id"][:4], j)
                              for j in range(1, nrows + 1))),
             'op.execute("DELETE FROM %s WHERE id <= %d")' % (me, nrows))
    if rng.random() < 0.3:
        step('op.create_index("ix_%s", "%s", ["note"])' % (rev["id"], me),
             'op.drop_index("ix_%s", table_name="%s")' % (rev["id"], me))
    ancestors = sorted(anc)
    if ancestors and rng.random() < 0.45:
        t = "t_" + rng.choice(ancestors)
        c = "c_" + rev["id"]
        step('op.add_column("%s", sa.Column("%s", sa.Integer, nullable=True))' % (t, c),
             'op.drop_column("%s", "%s")' % (t, c))
        step('op.execute("UPDATE %s SET %s = %d")' % (t, c, k),
             'op.execute("UPDATE %s SET %s = NULL")' % (t, c))
    if ancestors and rng.random() < 0.35:
        t = "t_" + rng.choice(ancestors)
        rid = 1000 + k
        step('op.execute("INSERT INTO %s (id, note) VALUES (%d, \'from %s\')")'
             % (t, rid, rev["id"]),
             'op.execute("DELETE FROM %s WHERE id = %d")' % (t, rid))
    # last: touches t_R, so that the downgrade's first statement fails when
    # the revision's work is absent (the upgrade's first one fails when present)
    step('op.execute("UPDATE %s SET note = \'done\' WHERE id = 1")' % me,
         'op.execute("UPDATE %s SET note = \'undone\' WHERE id = 1")' % me)

    def value(v):
        if not v:
            return "None"
        return repr(v[0]) if len(v) == 1 and rng.random() < 0.5 else repr(tuple(v))

    lines = ['"""%s' % rev["message"], "", "Revision ID: %s" % rev["id"],
             "Revises: %s" % ", ".join(rev["down"]), "Create Date: 2026-12-03 10:%02d:00.000000"
             % (k % 60), "", '"""', "from alembic import op", "import sqlalchemy as sa", "", "",
             "# revision identifiers, used by Alembic.",
             "revision = %r" % rev["id"], "down_revision = %s" % value(rev["down"]),
             "branch_labels = %s" % value(rev["labels"]),
             "depends_on = %s" % value(rev["deps"]), "", "",
             "def upgrade() -> None:"]
    lines += ["    " + s for s in up]
    lines += ["", "", "def downgrade() -> None:"]
    lines += ["    " + s for s in reversed(down)]
    return "\n".join(lines) + "\n"


def gen(outdir):
    os.makedirs(outdir, exist_ok=True)
    init = os.path.join(outdir, ".init")
    os.mkdir(init)
    subprocess.run([PY, "-m", "alembic", "init", "migrations"], cwd=init, check=True,
                   stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    names = []
    for k in range(1, PROJECTS + 1):
        seed = SEED + k
        rng = random.Random(seed)
        while True:
            revs, anc = make_graph(rng)
            if graph_ok(revs):
                break
        name = "p%d" % k
        proj = os.path.join(outdir, name)
        shutil.copytree(init, proj)
        versions = os.path.join(proj, "migrations", "versions")
        several_roots = sum(not r["down"] for r in revs) > 1
        for i, r in enumerate(revs):
            path = os.path.join(versions, "%s_%s.py" % (r["id"], r["message"].replace(" ", "_")))
            with open(path, "w") as f:
                f.write(revision_text(rng, r, anc[r["id"]], several_roots, i + 1))
        with open(os.path.join(outdir, name + ".json"), "w") as f:
            json.dump({"seed": seed, "revs": revs}, f, indent=1)
        names.append(name)
    shutil.rmtree(init)
    with open(os.path.join(outdir, "projects"), "w") as f:
        f.write("".join(n + "\n" for n in names))


# ---------------------------------------------------------------- databases

class Db:
    def __init__(self, backend, where, pgdir=None):
        self.backend, self.where, self.pgdir = backend, where, pgdir

    def url(self):
        if self.backend == "sqlite":
            return "sqlite:///" + self.where
        return "postgresql:///%s?host=%s&user=postgres" % (self.where, self.pgdir)

    def connect(self):
        if self.backend == "sqlite":
            import sqlite3
            return sqlite3.connect(self.where)
        import psycopg2
        c = psycopg2.connect(dbname=self.where, host=self.pgdir, user="postgres")
        c.autocommit = True
        return c

    def create(self):
        if self.backend == "postgresql":
            import psycopg2
            c = psycopg2.connect(dbname="postgres", host=self.pgdir, user="postgres")
            c.autocommit = True
            c.cursor().execute('CREATE DATABASE "%s"' % self.where)
            c.close()

    def clone(self, other):
        """Makes this database a copy of OTHER (same backend)."""
        if self.backend == "sqlite":
            shutil.copyfile(other.where, self.where)
            return
        import psycopg2
        c = psycopg2.connect(dbname="postgres", host=self.pgdir, user="postgres")
        c.autocommit = True
        c.cursor().execute('DROP DATABASE "%s"' % self.where)
        c.cursor().execute('CREATE DATABASE "%s" TEMPLATE "%s"' % (self.where, other.where))
        c.close()

    def snapshot(self):
        """(text, version rows, revisions in log): the state compared."""
        con = self.connect()
        cur = con.cursor()

        def q(sql):
            cur.execute(sql)
            return cur.fetchall()

        if self.backend == "sqlite":
            tables = [r[0] for r in q("SELECT name FROM sqlite_master WHERE type = 'table' "
                                      "AND name NOT LIKE 'sqlite%' AND name <> 'aludel_history'")]
            columns = {t: [r[1] for r in q("PRAGMA table_info(\"%s\")" % t)] for t in tables}
            indexes = q("SELECT tbl_name, name FROM sqlite_master WHERE type = 'index'")
        else:
            tables = [r[0] for r in q("SELECT table_name FROM information_schema.tables WHERE "
                                      "table_schema = 'public' AND table_type = 'BASE TABLE' "
                                      "AND table_name <> 'aludel_history'")]
            columns = {t: [] for t in tables}
            for t, c in q("SELECT table_name, column_name FROM information_schema.columns "
                          "WHERE table_schema = 'public'"):
                if t in columns:
                    columns[t].append(c)
            indexes = q("SELECT tablename, indexname FROM pg_indexes WHERE schemaname = 'public'")
        versions = []
        if "alembic_version" in tables:
            versions = sorted(r[0] for r in q("SELECT version_num FROM alembic_version"))
        # An empty version table and none at all are the same state (Alembic
        # on SQLite keeps the one it created before a command failed).
        lines = ["version rows: " + (" ".join(versions) or "(none)")]
        logged = set()
        for t in sorted(x for x in tables if x != "alembic_version"):
            cols = sorted(columns[t])
            lines.append("table %s (%s)" % (t, ", ".join(cols)))
            for _, ix in sorted(i for i in indexes if i[0] == t):
                lines.append("  index " + ix)
            rows = q("SELECT %s FROM \"%s\"" % (", ".join('"%s"' % c for c in cols), t))
            for row in sorted(repr(tuple(row)) for row in rows):
                lines.append("  " + row)
            if t == "log":
                logged = {r[0] for r in q("SELECT rev FROM log")}
        con.close()
        return "\n".join(lines) + "\n", versions, logged


# ---------------------------------------------------------------- choosing commands

class Graph:
    def __init__(self, revs):
        self.revs = revs
        self.ids = [r["id"] for r in revs]
        self.by_id = {r["id"]: r for r in revs}
        self.labels = {l: r["id"] for r in revs for l in r["labels"]}
        self._closure = {}

    def closure(self, rid):
        """RID and everything it needs: down revisions and depends_on."""
        if rid not in self._closure:
            s = {rid}
            r = self.by_id[rid]
            for d in r["down"] + r["dep_ids"]:
                s |= self.closure(d)
            self._closure[rid] = s
        return self._closure[rid]

    def applied(self, heads):
        s = set()
        for h in heads:
            if h in self.by_id:
                s |= self.closure(h)
        return s

    def tops(self, revs):
        """The members of REVS that no other member needs."""
        return sorted(r for r in revs
                      if not any(r in self.closure(o) for o in revs if o != r))

    def closed(self, revs):
        return all(self.closure(r) <= revs for r in revs)


def short(rng, rid):
    return rid[:rng.randint(6, 9)] if rng.random() < 0.2 else rid


def choose(rng, g, versions, logged):
    """The next command (a list of words), from the state of copy A."""
    applied = g.applied(versions)
    everything = set(g.ids)
    labels = sorted(g.labels)
    if applied == logged:  # in step: anything goes
        pending = sorted(everything - applied)
        done = sorted(applied)
        menu = [(12, lambda: ["upgrade", "heads"]),
                (14, lambda: ["upgrade", short(rng, rng.choice(pending))] if pending else None),
                (8, lambda: ["upgrade", rng.choice(labels) + "@head"] if labels else None),
                (2, lambda: ["upgrade", rng.choice(labels) + "@+1"] if labels else None),
                (6, lambda: ["upgrade", rng.choice(["+1", "+1", "+2"])]),
                (5, lambda: ["upgrade", rng.choice(done or g.ids) + "+1"]),
                (3, lambda: ["upgrade", "head"]),
                (12, lambda: ["downgrade", short(rng, rng.choice(done))] if done else None),
                (8, lambda: ["downgrade", "-1"] if len(versions) == 1 else None),
                (2, lambda: ["downgrade", "-2"] if len(versions) == 1 else None),
                (2, lambda: ["downgrade", rng.choice(done) + "-1"] if done else None),
                (4, lambda: ["downgrade", "base"]),
                (5, lambda: ["downgrade", rng.choice(labels) + "@base"] if labels else None),
                (2, lambda: ["downgrade", rng.choice(labels) + "@-1"] if labels else None),
                (2, lambda: ["downgrade", rng.choice(pending)] if pending else None),
                (4, lambda: ["stamp", rng.choice(g.ids)]),
                (2, lambda: ["stamp", "heads"]),
                (1, lambda: ["stamp", "base"]),
                (1, lambda: ["stamp", "--purge", rng.choice(g.ids)]),
                (1, lambda: ["stamp"] + g.tops(rng.sample(g.ids, 2))),
                (1, lambda: ["upgrade", "0000dead0000"])]
    else:
        # Out of step after a stamp: bring V back to W, or run a command
        # that is clean or fails at once (see the module's comment).
        def runs(targets):
            todo = g.applied(targets) - applied
            if todo and (todo <= logged or (not todo & logged and g.closed(logged | todo))):
                return todo
            return None

        ups = [t for t in g.ids if runs([t])]
        gone = applied  # downgrade base takes away all V claims
        down_ok = gone and (gone <= logged and g.closed(logged - gone) or not gone & logged)
        menu = [(6, lambda: ["stamp", "--purge"] + (g.tops(logged) or ["base"])),
                (1, lambda: ["stamp", rng.choice(g.ids)]),
                (6, lambda: ["upgrade", rng.choice(ups)] if ups else None),
                (2, lambda: ["upgrade", "heads"] if runs(g.ids) else None),
                (2, lambda: ["downgrade", "base"] if down_ok else None)]
    while True:
        total = sum(w for w, _ in menu)
        x = rng.uniform(0, total)
        for w, f in menu:
            x -= w
            if x <= 0:
                break
        cmd = f()
        if cmd:
            return cmd


# ---------------------------------------------------------------- running

def sync_ini(path, url):
    with open(path) as f:
        lines = f.read().split("\n")
    lines = ["sqlalchemy.url = " + url.replace("%", "%%") if l.startswith("sqlalchemy.url =")
             else l for l in lines]
    with open(path, "w") as f:
        f.write("\n".join(lines))


def tail(text, n=8):
    """The last N lines of a program's output, without traceback frames."""
    lines = [l for l in text.decode("utf-8", "replace").split("\n")
             if l.strip() and not l.startswith(" ")]
    return lines[-n:] or ["(nothing)"]


def crash(status, out):
    """Alembic's own crash (a Python exception that is not a database
    error, e.g. 1.8.1's KeyError in its version bookkeeping of some merges
    with depends_on): its last line, else None."""
    text = out.decode("utf-8", "replace")
    if status == 0 or "Traceback (most recent call last)" not in text or "sqlalchemy.exc." in text:
        return None
    lines = [l for l in text.split("\n") if l.strip() and not l.startswith(" ")]
    return lines[-1] if lines else "exit %d" % status


def report(backend, n, cmd, why, done, outs, prev_same, state_a, state_b, g):
    import difflib
    print("# %s, step %d (`%s`): %s" % (backend, n, " ".join(cmd), why))
    print("# commands run (exit status alembic/aludel; \"stamped\": chosen in a state where"
          " the version rows do not match the revisions whose work is present):")
    for i, (c, a, b) in enumerate(done, 1):
        print("#   %2d. %-46s %s/%s" % (i, c, a, b))
    for name, out in (("alembic", outs[0]), ("aludel", outs[1])):
        print("# %s said (last lines):" % name)
        for l in tail(out):
            print("#   " + l)
    if not prev_same:
        print("# (the states before the step already differed)")
    a, b = state_a.splitlines(), state_b.splitlines()
    if a == b:
        print("# the two databases after the step (the same):")
        d = ["  " + l for l in a]
    else:
        print("# the two databases after the step (lines only in alembic's marked -,"
              " only in aludel's +):")
        d = list(difflib.unified_diff(a, b, "alembic", "aludel", n=len(a) + len(b),
                                      lineterm=""))[3:]
    for l in d:
        print("#   " + l)
    print("# the graph (id <- down revisions [labels] depends_on):")
    for r in g.revs:
        print("#   %s <- %s%s%s" % (r["id"], " ".join(r["down"]) or "base",
                                  " [%s]" % " ".join(r["labels"]) if r["labels"] else "",
                                  " depends_on " + " ".join(r["deps"]) if r["deps"] else ""))


def run(project, work, backend, steps, seed, pgdir):
    with open(project.rstrip("/") + ".json") as f:
        g = Graph(json.load(f)["revs"])
    aludel = os.environ.get("ALUDEL", "")
    aludel = [aludel] if os.path.isfile(aludel) else shlex.split(aludel)
    if not aludel:
        print("# ALUDEL is not set")
        return 2
    alembic = [PY, "-m", "alembic"]
    project, work = os.path.abspath(project), os.path.abspath(work)
    sides = []
    for side in ("A", "B"):
        d = os.path.join(work, side)
        shutil.copytree(project, d)
        if backend == "sqlite":
            db = Db(backend, os.path.join(d, "db.sqlite"))
        else:
            db = Db(backend, "%s_%s" % (os.path.basename(work), side.lower()), pgdir)
        db.create()
        sync_ini(os.path.join(d, "alembic.ini"), db.url())
        sides.append((d, db))
    db_a, db_b = sides[0][1], sides[1][1]
    saved = Db(backend, os.path.join(work, "before.sqlite"))
    env = dict(os.environ, PYTHONHASHSEED="0")
    rng = random.Random(seed)
    done = []  # (command, status A, status B)
    state_a, versions, logged = db_a.snapshot()
    state_b = db_b.snapshot()[0]
    failures, crashes = 0, []
    started = time.time()
    for n in range(1, steps + 1):
        cmd = choose(rng, g, versions, logged)
        # "stamped": the version rows claim other revisions than those whose
        # work is in the database
        mark = "" if g.applied(versions) == logged else " (stamped)"
        if backend == "sqlite":
            saved.clone(db_a)
        procs = [subprocess.Popen(prog + ["-c", "alembic.ini"] + cmd, cwd=d, env=env,
                                  stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT)
                 for prog, (d, _) in ((alembic, sides[0]), (aludel, sides[1]))]
        outs = []
        for p in procs:
            try:
                outs.append(p.communicate(timeout=120)[0])
            except subprocess.TimeoutExpired:
                p.kill()
                outs.append(p.communicate()[0] + b"\n(killed after 120 s)")
        st = [p.returncode for p in procs]
        before = state_a
        state_a, versions, logged = db_a.snapshot()
        state_b = db_b.snapshot()[0]
        why = crash(st[0], outs[0])
        if why:
            # Nothing to compare aludel with: put both databases back as they
            # were (Alembic on SQLite does not roll back its DDL; on
            # PostgreSQL it leaves A as it was) and go on.
            done.append((" ".join(cmd) + mark, "crash", "-"))
            crashes.append("step %d, `%s`: %s (aludel: exit %d%s)"
                           % (n, " ".join(cmd), why, st[1],
                              "" if state_b == before else ", database changed"))
            if backend == "sqlite":
                db_a.clone(saved)
                db_b.clone(saved)
            elif state_a != before:
                report(backend, n, cmd, "Alembic crashed (%s) and changed its PostgreSQL "
                       "database: the run stops here" % why, done, outs, True, state_a,
                       state_b, g)
                print("# (not a difference: the test passes)")
                return 0
            elif state_b != before:
                db_b.clone(db_a)
            state_a, versions, logged = db_a.snapshot()
            state_b = db_b.snapshot()[0]
            continue
        done.append((" ".join(cmd) + mark, st[0], st[1]))
        failures += st[0] != 0
        if (st[0] == 0) == (st[1] == 0) and state_a == state_b:
            continue
        why = ("exit status: alembic %d, aludel %d" % tuple(st) if (st[0] == 0) != (st[1] == 0)
               else "the databases differ")
        report(backend, n, cmd, why, done, outs, True, state_a, state_b, g)
        return 1
    if os.environ.get("STEPS_VERBOSE"):
        for i, (c, a, b) in enumerate(done, 1):
            print("#   %2d. %-46s %s/%s" % (i, c, a, b))
    print("# %d commands in %.1f s: %d failed on both sides, Alembic crashed on %d (skipped)"
          % (steps, time.time() - started, failures, len(crashes)))
    for c in crashes:
        print("#   Alembic crashed at " + c)
    if steps >= 10 and (failures + len(crashes)) * 2 > steps:  # the chooser or the projects are broken
        print("# Alembic failed more than half of the commands: the harness is wrong")
        return 1
    return 0


def main(argv):
    if len(argv) == 3 and argv[1] == "gen":
        gen(argv[2])
        return 0
    if len(argv) in (7, 8) and argv[1] == "run" and argv[4] in ("sqlite", "postgresql"):
        return run(argv[2], argv[3], argv[4], int(argv[5]), int(argv[6]),
                   argv[7] if len(argv) == 8 else None)
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
