#!/usr/bin/env python3
"""tests/alembic_sorted.py - run Debian's Alembic 1.8.1 with aludel's
deterministic orders, as the reference for tests/compare_alembic.sh.

    alembic_sorted.py [alembic options] COMMAND ...      one command, like `alembic`
    alembic_sorted.py --batch OUTDIR PROJECT...          many commands, one process

Two things in 1.8.1 depend on the machine rather than on the project, and
aludel fixes both (doc/alembic-compat.md §0 and §8.1):
  * version folders are read in raw readdir() order: here os.listdir returns
    the names sorted, which is the order aludel reads them in;
  * when two or more depends_on targets survive normalisation they are kept in
    a Python set: here they are put back in the order written in the file.
The other set orders (several labels on one revision, `branches` child lines,
`Branches into:`) are left alone; the comparison treats them as sets.
Run with PYTHONHASHSEED=0 so that what remains is repeatable.

Batch mode: for each PROJECT directory, runs every line of PROJECT/commands
(words separated by spaces) as `alembic -c alembic.ini <words>` with the
project as working directory, and writes OUTDIR/<project>/<n>.out (stdout),
<n>.err (stderr) and <n>.st (the exit status the alembic program would have
had: 0, 255 for `FAILED:`, 2 for a usage error, 1 for a traceback), n = 1, 2, ...
"""
import os
import sys
import traceback

_os_listdir = os.listdir


def _listdir_sorted(path="."):
    """os.listdir, with the names in sorted order."""
    return sorted(_os_listdir(path))


os.listdir = _listdir_sorted

# Keep compiled revision files (__pycache__) out of the projects: aludel reads the same folders.
sys.dont_write_bytecode = True

from alembic.config import main as alembic_main  # noqa: E402
from alembic.script import revision as _revision  # noqa: E402

_normalize = _revision.RevisionMap._normalize_depends_on


def _normalize_in_written_order(self, revisions, map_):
    """1.8.1's normalisation, then the surviving targets in written order."""
    _normalize(self, revisions, map_)
    for rev in revisions:
        kept = set(rev._normalized_resolved_dependencies)
        ordered = []
        for dep in rev._resolved_dependencies:
            if dep in kept and dep not in ordered:
                ordered.append(dep)
        rev._normalized_resolved_dependencies = tuple(ordered)


_revision.RevisionMap._normalize_depends_on = _normalize_in_written_order


def run(argv):
    """Runs one alembic command line in this process; returns its exit status."""
    try:
        alembic_main(argv=argv)
        return 0
    except SystemExit as e:
        if e.code is None:
            return 0
        if isinstance(e.code, int):
            return e.code & 0xFF
        sys.stderr.write("%s\n" % e.code)
        return 1
    except Exception:
        traceback.print_exc()
        return 1


def run_redirected(argv, out, err):
    """run(argv) with file descriptors 1 and 2 sent to the files out and err."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    with open(out, "wb") as fo, open(err, "wb") as fe:
        os.dup2(fo.fileno(), 1)
        os.dup2(fe.fileno(), 2)
        try:
            status = run(argv)
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])
    return status


def batch(outdir, projects):
    top = os.getcwd()
    for proj in projects:
        proj = os.path.join(top, proj)
        dest = os.path.join(top, outdir, os.path.basename(proj))
        os.makedirs(dest, exist_ok=True)
        with open(os.path.join(proj, "commands")) as f:
            commands = [line.split() for line in f if line.strip()]
        os.chdir(proj)
        for n, words in enumerate(commands, 1):
            base = os.path.join(dest, str(n))
            status = run_redirected(["-c", "alembic.ini"] + words, base + ".out", base + ".err")
            with open(base + ".st", "w") as f:
                f.write("%d\n" % status)
        os.chdir(top)
    return 0


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--batch":
        sys.exit(batch(sys.argv[2], sys.argv[3:]))
    sys.exit(run(sys.argv[1:]))
