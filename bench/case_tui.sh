#!/bin/sh
# bench/case_tui.sh - case 4 of bench/run: the TUI's first full screen and its
# peak memory, the time per key with the preview open (and the peak memory
# after 200 keys), and the lane layout alone.
#
#   sh bench/case_tui.sh SIZES...     (default: 10000 100000)
#
# Environment as bench/run sets it: ALUDEL (the real binary, LD_LIBRARY_PATH
# set), BENCH_DIR (projects pN made by bench/gen_projects.py), BENCH_RUNS.
# Prints table rows only (six columns, see bench/report.py).
#
# The TUI needs a terminal: each run is `script` giving it a 160x50 pty, with
# ALUDEL_TUI_EXIT_AFTER_DRAW=1 so it quits once the first screen is drawn.
# `script` running `true` is timed in the same hyperfine run; the TUI's own
# time is the difference (column "ratio": net). Peak memory is the TUI
# process's own, measured by GNU time inside the pty.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
dir=${BENCH_DIR:-/tmp/aludel-bench}
runs=${BENCH_RUNS:-5}
sizes=${*:-10000 100000}
PY=/usr/bin/python3
: "${ALUDEL:?ALUDEL must name the aludel binary}"
ALUDEL_CACHE_DIR=${ALUDEL_CACHE_DIR-$dir/cache}
export ALUDEL_CACHE_DIR TERM=xterm ALUDEL_TUI_EXIT_AFTER_DRAW=1
say() { echo "case_tui.sh: $*" >&2; }

# medians (4 decimals) of two commands timed in one hyperfine run ($3: runs)
medians() {
	hyperfine -N --warmup 1 --runs "${3:-$runs}" --export-json "$dir/tui.json" "$1" "$2" >/dev/null 2>&1 || { echo "- -"; return; }
	$PY -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; print(" ".join("%.4f" % x["median"] for x in r))' "$dir/tui.json"
}

for n in $sizes; do
	ini="$dir/p$n/native/aludel.ini"
	[ -f "$ini" ] || $PY "$top/bench/gen_projects.py" "$dir/p$n" "$n" 1
	"$ALUDEL" -c "$ini" heads >/dev/null # the header cache, as a user's second start has it
	tty="stty rows 50 cols 160"
	# did it draw? the status line names the number of revisions
	script -qec "$tty; $ALUDEL -c $ini tui" "$dir/tui.screen" >/dev/null 2>&1 || true
	if ! grep -q "$n revisions" "$dir/tui.screen"; then
		say "no screen at $n revisions (see $dir/tui.screen)"
		printf '| 4. TUI first screen | %s | NO SCREEN | - | - | - |\n' "$n"
		continue
	fi
	set -- $(medians "script -qec '$tty; $ALUDEL -c $ini tui' /dev/null" "script -qec '$tty; true' /dev/null")
	tui=$1 harness=$2
	net=$($PY -c 'import sys; a,b=sys.argv[1:]; print("-" if "-" in (a,b) else "%.4f" % (float(a)-float(b)))' "$tui" "$harness")
	script -qec "$tty; /usr/bin/time -f %M -o $dir/tui.mem $ALUDEL -c $ini tui" /dev/null >/dev/null 2>&1 || true
	mb=$(awk '{v=$1} END {printf "%.1f", v/1024}' "$dir/tui.mem")
	printf '| 4. TUI first screen, warm cache (target < 0.2 s at 10,000; < 100 MB at 100,000) | %s | %s | %s | net %s s | %s |\n' \
		"$n" "$tui" "$harness" "$net" "$mb"
done

# time per key with the preview open: the TUI replays keys from ALUDEL_TUI_KEYS
# (t opens the preview on its default tab, 3 on the plan tab; then j moves
# the selection down one revision each) and quits; the same start with no
# j is timed in the same hyperfine run, so per key = (with - without) / keys.
# Three rows: the upgrade SQL tab (the default); the plan tab with every
# screen finished before the next key (a person waiting for each plan); the
# plan tab with the keys typed ahead (ALUDEL_TUI_KEYS_AHEAD=1: plans are not
# built while keys wait, only the last one). Peak memory is the run with keys.
jkeys() { $PY -c 'import sys; print("j" * int(sys.argv[1]))' "$1"; }
per_key() { # NAME N INI OPEN KEYS RUNS [AHEAD]
	name=$1 n=$2 ini=$3 open=$4 k=$5 r=$6 ahead=${7:-0}
	env="ALUDEL_TUI_EXIT_AFTER_DRAW= ALUDEL_TUI_KEYS_AHEAD=$ahead"
	with="script -qec '$tty; $env ALUDEL_TUI_KEYS=$open$(jkeys "$k") $ALUDEL -c $ini tui' /dev/null"
	without="script -qec '$tty; $env ALUDEL_TUI_KEYS=$open $ALUDEL -c $ini tui' /dev/null"
	set -- $(medians "$with" "$without" "$r")
	pk=$($PY -c 'import sys; a,b,k=sys.argv[1:]; print("-" if "-" in (a,b) else "%.4f" % ((float(a)-float(b))/int(k)))' "$1" "$2" "$k")
	script -qec "$tty; $env ALUDEL_TUI_KEYS=$open$(jkeys "$k") /usr/bin/time -f %M -o $dir/tui.mem $ALUDEL -c $ini tui" /dev/null >/dev/null 2>&1 || true
	mb=$(awk '{v=$1} END {printf "%.1f", v/1024}' "$dir/tui.mem")
	printf '| 4. TUI per key, preview open, %s, %s x j (target < 50 ms at 100,000) | %s | %s | %s | per key %s s | %s |\n' \
		"$name" "$k" "$n" "$1" "$2" "$pk" "$mb"
}
plan_keys=${BENCH_PLAN_KEYS:-5}
for n in $sizes; do
	ini="$dir/p$n/native/aludel.ini"
	[ -f "$ini" ] || continue
	tty="stty rows 50 cols 160"
	say "time per key at $n revisions"
	per_key "upgrade SQL tab (the default)" "$n" "$ini" t 200 "$runs"
	per_key "plan tab, each screen finished" "$n" "$ini" 3 "$plan_keys" 3
	per_key "plan tab, keys typed ahead" "$n" "$ini" 3 200 3 1
done

# the lane layout alone, on the largest size's real display order
largest=0
for n in $sizes; do [ "$n" -gt "$largest" ] && largest=$n; done
libs=$(dirname "$ALUDEL")
if cc -O2 -D_GNU_SOURCE -I"$top/include" -I"$top/ui" "$top/bench/lanes_bench.c" "$top/ui/lanes.c" "$top/ui/lanes_render.c" \
	-L"$libs" -laludel -o "$dir/lanes_bench" 2>"$dir/lanes_bench.err"; then
	set -- $(LD_LIBRARY_PATH="$libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$dir/lanes_bench" "$dir/p$largest/native/aludel.ini" 11)
	printf '| 4. lane layout alone, median of 11 (target < 0.1 s at 100,000) | %s | %s | - | - | %s |\n' "$1" "$2" "$3"
	printf '| 4. a screen of 60 rows x 160 columns of lanes drawn, median of 101 places | %s | %s | - | - | - |\n' "$1" "$4"
else
	say "lanes_bench did not build: $(cat "$dir/lanes_bench.err")"
fi
