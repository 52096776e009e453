#!/usr/bin/env python3
"""bench/report.py - prints bench/run's table and which targets it meets.

Usage: report.py ROWS.md BENCH_DIR
ROWS.md holds markdown rows of six columns (case | size | aludel s |
reference s | ratio | aludel peak MB) written by bench/run and the case
scripts. Prints the machine, the table, the targets of issue 5 with the
measured values and a verdict each, and callgrind's top functions.
"""
import os
import platform
import re
import subprocess
import sys


def machine():
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = "%.0f GiB" % (int(line.split()[1]) / 1048576)
    except OSError:
        pass
    debian = "?"
    try:
        debian = "Debian " + open("/etc/debian_version").read().strip()
    except OSError:
        pass
    gcc = subprocess.run(["sh", "-c", "gcc -dumpfullversion 2>/dev/null || echo ?"],
                         capture_output=True, text=True).stdout.strip()
    date = subprocess.run(["date", "-u", "+%Y-%m-%d %H:%M UTC"], capture_output=True,
                          text=True).stdout.strip()
    return "%d cores (%s), %s, Linux %s, %s, gcc %s; %s" % (
        os.cpu_count() or 0, cpu, mem, platform.release(), debian, gcc, date)


def num(s):
    m = re.match(r"^\s*([0-9.]+)", s)
    return float(m.group(1)) if m else None


def parse(path):
    rows = []
    for line in open(path):
        if not line.startswith("|"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 6 or cells[0] in ("case",) or set(cells[0]) <= set("-"):
            continue
        rows.append(cells)
    return rows


def verdicts(rows):
    """(target, measured, status) triples for every target that has rows."""
    out = []

    def find(prefix, contains=(), size=None):
        return [r for r in rows if r[0].startswith(prefix) and all(c in r[0] for c in contains)
                and (size is None or r[1] == str(size))]

    for size, want in ((1000, 50), (10000, 100)):
        got = find("1.", ("warm cache", "Alembic"), size)
        if not got:
            continue
        ratios = ["%s %s" % (r[0].split(",")[0][3:], r[4]) for r in got]
        cold = find("1.", ("cold", "Alembic"), size)
        worst = min(num(r[4]) or 0 for r in got)
        status = "met" if worst >= want else "NOT met (worst %.1fx)" % worst
        stat = find("floor: list and stat", (), size)
        if worst < want and stat and num(stat[0][3]):
            w = min(got, key=lambda r: num(r[4]) or 0)
            budget = num(w[3]) / want
            status += ("; bound: %s needs %.4f s, and one stat per file alone takes %.4f s "
                       "(aludel: %s s)" % (w[0].split(",")[0][3:], budget, num(stat[0][3]), w[2]))
        out.append(("1. at %d: >= %dx faster than Alembic 1.8" % (size, want),
                    "warm: " + ", ".join(ratios) + "; cold: " +
                    ", ".join(r[4] for r in cold), status))
    for size in (10000, 100000):
        got = find("2.", ("native",), size)
        if not got:
            continue
        worst = max(num(r[4]) or 0 for r in got)
        out.append(("2. at %d: within 2x of reading every file" % size,
                    ", ".join("%s %s" % (r[0][3:].split(" vs")[0], r[4].replace(" of floor", ""))
                              for r in got),
                    "met" if worst <= 2 else "NOT met (worst %.1fx)" % worst))
    growth = []
    for r in find("2."):
        if r[1] != "100000":
            continue
        base = [b for b in rows if b[0] == r[0] and b[1] == "10000"]
        if base and num(base[0][2]) and num(r[2]):
            growth.append((r[0][3:].split(" vs")[0], num(r[2]) / num(base[0][2])))
    if growth:
        worst = max(g for _, g in growth)
        out.append(("2. growth 10,000 -> 100,000 linear (n log n: at most 12.5x)",
                    ", ".join("%s %.1fx" % g for g in growth),
                    "met" if worst <= 12.5 else "NOT met (worst %.1fx)" % worst))
    for r in find("3."):
        if "floor" in r[0]:
            v = num(r[4])
            out.append(("3. %s: within 1.3x of the floor" % r[0][3:].split(" vs")[0], r[4],
                        "-" if v is None else ("met" if v <= 1.3 else "NOT met")))
        elif "Alembic" in r[0]:
            v = num(r[4])
            status = "-" if v is None else ("met" if v >= 10 else "NOT met")
            backend = r[0][3:].split(" vs")[0]
            fl = [f for f in find("3.", ("floor",)) if f[0][3:].split(" vs")[0] == backend]
            if v is not None and v < 10 and fl and num(r[3]) and num(fl[0][3]):
                status += ("; bound: 10x needs %.4f s, below the floor's own %.4f s "
                           "(the database's time)" % (num(r[3]) / 10, num(fl[0][3])))
            out.append(("3. %s: >= 10x faster than Alembic" % backend, r[4], status))
    for r in find("4. TUI first screen"):
        net = re.search(r"net ([0-9.]+)", r[4])
        t = float(net.group(1)) if net else num(r[2])
        if r[1] == "10000" and t is not None:
            out.append(("4. TUI first screen at 10,000 < 0.2 s", "%.3f s" % t,
                        "met" if t < 0.2 else "NOT met"))
        if r[1] == "100000" and t is not None:
            out.append(("4. TUI first screen at 100,000 < 0.5 s", "%.3f s" % t,
                        "met" if t < 0.5 else "NOT met"))
        if r[1] == "100000" and num(r[5]) is not None:
            out.append(("4. TUI peak memory at 100,000 < 100 MB", r[5] + " MB",
                        "met" if num(r[5]) < 100 else "NOT met"))
    for r in find("4. TUI per key", (), 100000):
        m = re.search(r"per key (-?[0-9.]+)", r[4])
        what = r[0].split("preview open, ", 1)[-1].split(" (target")[0]
        if m:
            ms = float(m.group(1)) * 1000
            out.append(("4. TUI per key at 100,000, preview open, %s < 50 ms" % what,
                        "%.1f ms%s" % (ms, " (below the noise)" if ms < 0 else ""),
                        "met" if ms < 50 else "NOT met"))
        if "200 x j" in r[0] and num(r[5]) is not None:
            out.append(("4. TUI peak memory at 100,000 after 200 keys, preview open, %s < 100 MB"
                        % what.split(", 200 x j")[0], r[5] + " MB",
                        "met" if num(r[5]) < 100 else "NOT met"))
    for r in find("4. lane"):
        t = num(r[2])
        if t is not None:
            out.append(("4. lane layout of 100,000 < 0.1 s", "%.4f s" % t,
                        "met" if t < 0.1 else "NOT met"))
    for r in find("5. lint", ("squawk",), 10000):
        if "not installed" in r[0]:
            out.append(("5. lint at 10,000 faster than squawk", r[2] + " s", "squawk not installed"))
        elif num(r[2]) is not None and num(r[3]) is not None:
            out.append(("5. lint at 10,000 faster than squawk", r[4],
                        "met" if num(r[2]) < num(r[3]) else "NOT met"))
    return out


def main():
    rows_path, bench_dir = sys.argv[1], sys.argv[2]
    rows = parse(rows_path)
    print("Machine: " + machine())
    print()
    print("| case | size | aludel (s) | reference (s) | ratio | aludel peak MB |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    print()
    print("Ratios of case 1 are reference / aludel; \"of floor\" ratios are aludel / floor.")
    print()
    print("| target | measured | status |")
    print("|---|---|---|")
    for t, m, s in verdicts(rows):
        print("| %s | %s | %s |" % (t, m, s))
    for mode in ("warm", "cold"):
        top = os.path.join(bench_dir, "cg.%s.top" % mode)
        if os.path.exists(top) and os.path.getsize(top):
            print()
            print("callgrind, `heads` at 10,000 revisions, %s: top functions (Ir, self)" % mode)
            print()
            print("```")
            sys.stdout.write(open(top).read())
            print("```")


if __name__ == "__main__":
    main()
