#!/usr/bin/env python3
"""tests/gen_alembic_projects.py - write the Alembic projects that
tests/compare_alembic.sh runs through both Alembic 1.8.1 and aludel.

Usage: gen_alembic_projects.py OUTDIR

OUTDIR/projects lists the project names, one a line.  Each project is a
directory OUTDIR/<name>/ made by `python3 -m alembic init migrations` (run
once into OUTDIR/.init and copied), whose migrations/versions/ folder holds
revision files in the shape of Alembic's generic template, plus
OUTDIR/<name>/commands: the command lines to compare, one a line, words
separated by single spaces (run after `-c alembic.ini`, from the project
directory, because script_location is relative to the working directory).

Projects: g1, g2 and lin5 of doc/alembic-compat.md (§2.6), labels (several
labels on one revision), merge3 (a merge of three branches), nodoc (empty and
missing docstrings, a two-line first paragraph) and rnd01..rnd32, random graphs
from a fixed seed.  Everything is deterministic: the same files every run.
"""
import os
import random
import shutil
import subprocess
import sys

SEED = 20261122
RANDOM_GRAPHS = 32

# The usual commands run on every project; ranges and shows are added per project.
BASIC = [
    "heads",
    "heads --verbose",
    "heads --resolve-dependencies",
    "branches",
    "branches --verbose",
    "history",
    "history --verbose",
    "history -r base:heads",
]


class Rev:
    """One revision file.  down: None, an id, or a tuple of ids (a merge);
    labels: None or a tuple; deps: None, a string or a list (as written);
    doc: None for the template's docstring, else the exact docstring text
    (False: no docstring at all); typed: newer template's annotated form."""

    def __init__(self, rev, down, message, labels=None, deps=None,
                 date="2022-01-01 00:00:00.000000", doc=None, typed=False,
                 filename=None):
        self.rev = rev
        self.down = down
        self.message = message
        self.labels = labels
        self.deps = deps
        self.date = date
        self.doc = doc
        self.typed = typed
        self.filename = filename

    def down_ids(self):
        if self.down is None:
            return ()
        return self.down if isinstance(self.down, tuple) else (self.down,)

    def slug(self):
        words = "".join(c if c.isalnum() or c == "_" else " " for c in self.message).split()
        return "_".join(words).lower()[:40]

    def text(self):
        if self.doc is None:
            doc = '"""%s\n\nRevision ID: %s\nRevises: %s\nCreate Date: %s\n\n"""\n' % (
                self.message, self.rev, ", ".join(self.down_ids()), self.date)
        elif self.doc is False:
            doc = ""
        else:
            doc = '"""%s"""\n' % self.doc
        lines = [doc.rstrip("\n")] if doc else []
        if self.typed:
            lines += ["from typing import Sequence, Union", ""]
        lines += ["from alembic import op", "import sqlalchemy as sa", "", "",
                  "# revision identifiers, used by Alembic."]
        if self.typed:
            lines += [
                "revision: str = %r" % self.rev,
                "down_revision: Union[str, Sequence[str], None] = %r" % (self.down,),
                "branch_labels: Union[str, Sequence[str], None] = %r" % (self.labels,),
                "depends_on: Union[str, Sequence[str], None] = %r" % (self.deps,),
            ]
        else:
            lines += [
                "revision = %r" % self.rev,
                "down_revision = %r" % (self.down,),
                "branch_labels = %r" % (self.labels,),
                "depends_on = %r" % (self.deps,),
            ]
        lines += ["", "", "def upgrade() -> None:",
                  '    op.execute("CREATE TABLE t_%s (id INTEGER)")' % self.rev,
                  "", "", "def downgrade() -> None:",
                  '    op.execute("DROP TABLE t_%s")' % self.rev, ""]
        return "\n".join(lines)

    def write(self, versions):
        name = self.filename or "%s_%s.py" % (self.rev, self.slug())
        with open(os.path.join(versions, name), "w", encoding="utf-8") as f:
            f.write(self.text())


def g1():
    """G1 of doc/alembic-compat.md §2.6, with the file names of §1.4."""
    revs = [
        Rev("1000aaaa0001", None, "initial schema"),
        Rev("2000aaaa0002", "1000aaaa0001", "second step"),
        Rev("3000bbbb0001", "2000aaaa0002", "feature b start", labels=("featb",)),
        Rev("3000bbbb0002", "3000bbbb0001", "feature b more"),
        Rev("4000cccc0001", "2000aaaa0002", "feature c start"),
        Rev("4000cccc0002", "4000cccc0001", "feature c more"),
        Rev("5000eeee0001", ("3000bbbb0002", "4000cccc0002"), "merge b and c"),
        Rev("6000dddd0001", "5000eeee0001", "after merge"),
        Rev("7000ffff0001", None, "other root", labels=("other",)),
        Rev("7000ffff0002", "7000ffff0001", "other two"),
        Rev("8000dddd0002", "6000dddd0001", "needs other root", deps=["7000ffff0001"]),
    ]
    ranges = ["-r :", "-r base:head", "-r 2000aaaa0002:", "-r :3000bbbb0002",
              "-r 2000aaaa0002:5000eeee0001", "-r 3000bbbb0001:+2",
              "-r featb@base:featb@head", "-r other@base:", "-r heads:",
              "-r 3000bbbb0002:3000bbbb0002", "-r base:base",
              "-r 3000bbbb0001:4000cccc0002", "-r 5000eeee0001:2000aaaa0002",
              "-r 7000ffff0001:8000dddd0002", "-r 3000", "-r -1:",
              "-r 5000eeee0001:6000dddd0001 --verbose"]
    shows = ["heads", "head", "base", "featb", "featb@head", "other@heads", "5000eeee0001",
             "2000aaaa", "3000", "nosuch", "featb@4000cccc0001"]
    return revs, ranges, shows


def g2():
    revs = [
        Rev("aaaa00000001", None, "base"),
        Rev("bbbb00000001", "aaaa00000001", "left 1", labels=("left",)),
        Rev("bbbb00000002", "bbbb00000001", "left 2"),
        Rev("cccc00000001", "aaaa00000001", "right 1", labels=("right",)),
        Rev("cccc00000002", "cccc00000001", "right 2 depends on left 2",
            deps=["bbbb00000002"]),
    ]
    ranges = ["-r aaaa00000001:", "-r :bbbb00000002", "-r left@base:left@head",
              "-r right@base:right@head", "-r base:head"]
    shows = ["heads", "head", "left", "right@head", "bbbb0000", "cccc00000002"]
    return revs, ranges, shows


def lin5():
    names = ["one", "two", "three", "four", "five"]
    revs = []
    for i, name in enumerate(names):
        revs.append(Rev("aaaa0000000%d" % (i + 1), "aaaa0000000%d" % i if i else None, name,
                        labels=("lbl",) if i == 2 else None))
    ranges = ["-r=-2:", "--rev-range=-3:-1", "-r aaaa00000002:+2", "-r lbl@-2:lbl@head",
              "-r aaaa00000002:aaaa00000004", "-r lbl@base:lbl@head", "-r :aaaa00000003 --verbose"]
    shows = ["heads", "head", "lbl", "lbl@head", "aaaa00000003", "-2"]
    return revs, ranges, shows


def labels():
    """Several labels on one revision, labels flowing into each other."""
    revs = [
        Rev("a1b2c3d4e5f6", None, "create accounts", labels=("core", "accounts", "zeta")),
        Rev("b2c3d4e5f6a7", "a1b2c3d4e5f6", "add email"),
        Rev("c3d4e5f6a7b8", "b2c3d4e5f6a7", "branch for audit", labels=("audit", "logs")),
        Rev("d4e5f6a7b8c9", "b2c3d4e5f6a7", "branch for billing", labels=("billing",)),
        Rev("e5f6a7b8c9d0", "d4e5f6a7b8c9", "invoices", deps="audit"),
        Rev("f6a7b8c9d0e1", "c3d4e5f6a7b8", "audit trail", labels=("trail", "history", "aa")),
    ]
    ranges = ["-r core@base:core@heads", "-r audit@base:audit@head",
              "-r billing@base:billing@head", "-r b2c3d4e5f6a7:", "-r :e5f6a7b8c9d0"]
    shows = ["heads", "core", "logs", "billing@head", "f6a7b8", "a1b2c3d4e5f6"]
    return revs, ranges, shows


def merge3():
    """Three branches merged by one revision, a dependency across them."""
    revs = [
        Rev("0a0a0a0a0a01", None, "root"),
        Rev("1b1b1b1b1b01", "0a0a0a0a0a01", "left", labels=("left",)),
        Rev("2c2c2c2c2c01", "0a0a0a0a0a01", "middle"),
        Rev("3d3d3d3d3d01", "0a0a0a0a0a01", "right", labels=("right",)),
        Rev("3d3d3d3d3d02", "3d3d3d3d3d01", "right more", deps=["1b1b1b1b1b01"]),
        Rev("9e9e9e9e9e01", ("2c2c2c2c2c01", "1b1b1b1b1b01", "3d3d3d3d3d02"), "merge three"),
        Rev("9e9e9e9e9e02", "9e9e9e9e9e01", "after merge"),
    ]
    ranges = ["-r 0a0a0a0a0a01:9e9e9e9e9e01", "-r :9e9e9e9e9e01", "-r 2c2c2c2c2c01:",
              "-r right@base:right@head", "-r 9e9e9e9e9e01: --verbose"]
    shows = ["heads", "9e9e9e9e9e01", "left@head", "0a0a", "right"]
    return revs, ranges, shows


def nodoc():
    """An empty docstring, a file without a docstring, a two-line first
    paragraph, and a root whose docstring has only one paragraph."""
    revs = [
        Rev("aaaa00000001", None, "one"),
        Rev("aaaa00000002", "aaaa00000001", "two"),
        Rev("nodoc00001", "aaaa00000002", "", doc="", filename="nodoc00001_x.py"),
        Rev("nodoc00002", "nodoc00001", "", doc=False, filename="nodoc00002_.py"),
        Rev("multi00001", "nodoc00002", "first line\nsecond line",
            doc="first line\nsecond line\n\nRevision ID: multi00001\nRevises: nodoc00002\n"
                "Create Date: 2022-01-01 00:00:00\n\n", filename="multi00001_first_line.py"),
        Rev("short00001", "aaaa00000001", "", doc="  just one paragraph  ",
            filename="short00001_just_one.py"),
    ]
    ranges = ["-r nodoc00001:", "-r :multi00001 --verbose", "-r aaaa00000002:nodoc00002"]
    shows = ["heads", "nodoc00001", "nodoc00002", "multi00001", "short"]
    return revs, ranges, shows


WORDS = ["users", "tickets", "orders", "invoices", "audit", "tags", "comments", "sessions",
         "roles", "teams", "queues", "reports", "events", "settings", "payments", "labels"]
VERBS = ["add", "create", "index", "drop", "rename", "backfill", "split", "extend"]


def random_graph(rng, k):
    """A random graph of 3-40 revisions: several roots, branch and merge
    points, dependencies on one or two earlier revisions (ids or labels),
    branch labels (sometimes two on one revision), and a few files in the
    annotated form of newer templates."""
    n = rng.randint(3, 40)
    ids, revs, heads, label_of = [], [], [], {}
    ancestors = {}  # rev -> set of down-ancestors (itself excluded)
    while len(ids) < n:
        x = "%012x" % rng.getrandbits(48)
        if x not in ids:
            ids.append(x)
    next_label = 0
    for i, rev in enumerate(ids):
        r = rng.random()
        if i == 0 or r < 0.08:
            down = None
        elif len(heads) >= 2 and r < 0.22:
            down = tuple(rng.sample(heads, min(len(heads), rng.choice([2, 2, 3]))))
        elif r < 0.62:
            down = ids[i - 1]
        else:
            down = rng.choice(ids[:i])
        downs = () if down is None else (down if isinstance(down, tuple) else (down,))
        anc = set()
        for d in downs:
            anc |= {d} | ancestors[d]
        ancestors[rev] = anc
        deps = None
        if i > 0 and rng.random() < 0.18:
            targets = rng.sample(ids[:i], min(i, rng.choice([1, 1, 2])))
            written = [label_of[t] if t in label_of and rng.random() < 0.5 else t
                       for t in targets]
            deps = written[0] if len(written) == 1 and rng.random() < 0.3 else written
        labels = None
        if rng.random() < 0.14:
            count = 2 if rng.random() < 0.25 else 1
            labels = tuple("%s%d" % (rng.choice(WORDS), next_label + j) for j in range(count))
            next_label += count
            label_of[rev] = labels[0]
        message = "%s %s %d" % (rng.choice(VERBS), rng.choice(WORDS), i)
        date = "2024-%02d-%02d %02d:%02d:%02d.%06d" % (
            1 + i % 12, 1 + i % 28, i % 24, (7 * i) % 60, (13 * i) % 60, rng.randrange(10**6))
        typed = rng.random() < 0.1
        if isinstance(down, tuple) and len(down) == 1:
            down = down[0]
        revs.append(Rev(rev, down, message, labels=labels, deps=deps, date=date, typed=typed))
        heads = [h for h in heads if h not in downs] + [rev]

    # Ranges: one open at the top, one open at the bottom, one between a
    # revision and one of its descendants, one per label lineage.
    ranges = ["-r %s:" % rng.choice(ids), "-r :%s" % rng.choice(ids)]
    with_anc = [x for x in ids if ancestors[x]]
    if with_anc:
        top = rng.choice(with_anc)
        ranges.append("-r %s:%s" % (rng.choice(sorted(ancestors[top])), top))
    if label_of:
        lbl = label_of[rng.choice(sorted(label_of))]
        ranges.append("-r %s@base:%s@head" % (lbl, lbl))
        ranges.append("-r %s@base:%s@heads --verbose" % (lbl, lbl))
    ranges.append("-r %s: --verbose" % rng.choice(ids))
    pick = rng.choice(ids)
    shows = ["heads", pick[:rng.randint(4, 8)], rng.choice(ids)]
    if label_of:
        lbl = label_of[rng.choice(sorted(label_of))]
        shows += [lbl, lbl + "@head"]
    return revs, ranges, shows


def write_project(outdir, name, revs, ranges, shows):
    proj = os.path.join(outdir, name)
    shutil.copytree(os.path.join(outdir, ".init"), proj)
    versions = os.path.join(proj, "migrations", "versions")
    for r in revs:
        r.write(versions)
    cmds = BASIC + ["history " + r for r in ranges] + ["show " + s for s in shows]
    with open(os.path.join(proj, "commands"), "w") as f:
        f.write("".join(c + "\n" for c in cmds))


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: gen_alembic_projects.py OUTDIR\n")
        return 2
    outdir = argv[1]
    os.makedirs(outdir, exist_ok=True)
    init = os.path.join(outdir, ".init")
    os.mkdir(init)
    subprocess.run([sys.executable, "-m", "alembic", "init", "migrations"], cwd=init,
                   check=True, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    projects = [("g1", g1()), ("g2", g2()), ("lin5", lin5()), ("labels", labels()),
                ("merge3", merge3()), ("nodoc", nodoc())]
    rng = random.Random(SEED)
    for k in range(1, RANDOM_GRAPHS + 1):
        projects.append(("rnd%02d" % k, random_graph(rng, k)))
    for name, (revs, ranges, shows) in projects:
        write_project(outdir, name, revs, ranges, shows)
    with open(os.path.join(outdir, "projects"), "w") as f:
        f.write("".join(name + "\n" for name, _ in projects))
    shutil.rmtree(init)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
