#!/bin/sh
# bench/case_order.sh - case 6 of bench/run (issue 14): the ordered walks on
# the graph shapes of bench/gen_projects.py --shape (tangled, wide, deep).
# `history`, `branches` and `upgrade heads --sql` (an offline plan from an
# empty database through every revision) at each size; the growth from the
# smallest size to the largest (target at most 12.5x for 10x the revisions,
# n log n) and the ratio to Alembic 1.8 on the same generated Alembic project
# at sizes up to BENCH_ALEMBIC_MAX (target at least 100x). Then the TUI's own
# walk over the display order, its lane layout, timed alone at each size,
# and the drawing of a screen of lanes from it.
#
#   sh bench/case_order.sh [SIZES]    (default 10000 100000)
#
# Environment as bench/run sets it: ALUDEL (the real binary; LD_LIBRARY_PATH
# set), BENCH_DIR, BENCH_RUNS (default 3 here); BENCH_ALEMBIC_MAX (default
# 10000), BENCH_ALEMBIC_LIMIT (seconds one Alembic run may take, default 600),
# BENCH_ALEMBIC_RUNS (Alembic runs per command, their median; default 3: one
# run of Alembic varied by up to 1.7x between runs on the bench machine),
# BENCH_SHAPES (default "tangled wide deep"). Prints table rows only
# (see bench/report.py); progress on stderr. aludel runs with its header cache
# warm (a user's second command), as bench/run's "warm" rows.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
dir=${BENCH_DIR:-/tmp/aludel-bench}
runs=${BENCH_RUNS:-3}
sizes=${*:-10000 100000}
shapes=${BENCH_SHAPES:-tangled wide deep}
alembic_max=${BENCH_ALEMBIC_MAX:-10000}
alembic_limit=${BENCH_ALEMBIC_LIMIT:-600}
alembic_runs=${BENCH_ALEMBIC_RUNS:-3}
PY=/usr/bin/python3
: "${ALUDEL:?ALUDEL must name the aludel binary}"
ALUDEL_CACHE_DIR=${ALUDEL_CACHE_DIR-$dir/cache}
export ALUDEL_CACHE_DIR
say() { echo "case_order.sh: $*" >&2; }
work="$dir/order"
mkdir -p "$work"

median() { # COMMAND: median seconds (4 decimals) of $runs runs after a warm-up
	hyperfine -N --warmup 1 --runs "$runs" --export-json "$work/h.json" "$1" >/dev/null 2>"$work/h.err" ||
		{ say "hyperfine failed: $(tail -3 "$work/h.err")"; echo "-"; return; }
	$PY -c 'import json,sys; print("%.4f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$work/h.json"
}
peak() {
	/usr/bin/time -f %M sh -c "$1 >/dev/null 2>&1" 2>&1 | tail -1 | awk '{printf "%.1f", $1/1024}'
}
once() { # COMMAND: seconds of one run, or "-" (failed or cut at the limit)
	start=$(date +%s.%N)
	if timeout "$alembic_limit" sh -c "$1 >/dev/null 2>&1"; then
		$PY -c "import sys; print('%.4f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$start" "$(date +%s.%N)"
	else
		echo "-"
	fi
}
median_once() { # COMMAND: the median of $alembic_runs runs of once, or "-" if one failed
	_all=""
	_k=0
	while [ $_k -lt "$alembic_runs" ]; do
		_t=$(once "$1")
		[ "$_t" = "-" ] && { echo "-"; return; }
		_all="$_all $_t"
		_k=$((_k + 1))
	done
	$PY -c 'import statistics,sys; print("%.4f" % statistics.median(map(float, sys.argv[1:])))' $_all
}
ratio() { $PY -c 'import sys; a,b=sys.argv[1:]; print("-" if "-" in (a,b) or float(b)==0 else "%.1fx" % (float(a)/float(b)))' "$1" "$2"; }

# the TUI's own walk over the display order: its lane layout (ui/lanes.c),
# timed alone by bench/lanes_bench.c on the order ald_project_history gives
libs=$(dirname "$ALUDEL")
lanes=""
if cc -O2 -D_GNU_SOURCE -I"$top/include" -I"$top/ui" "$top/bench/lanes_bench.c" "$top/ui/lanes.c" "$top/ui/lanes_render.c" \
	-L"$libs" -laludel -o "$work/lanes_bench" 2>"$work/lanes_bench.err"; then
	lanes="$work/lanes_bench"
else
	say "lanes_bench did not build: $(cat "$work/lanes_bench.err")"
fi

for shape in $shapes; do
	first=""
	for n in $sizes; do
		proj="$dir/$shape$n"
		if [ ! -f "$proj/native/aludel.ini" ]; then
			say "generating $shape, $n revisions"
			rm -rf "$proj"
			$PY "$top/bench/gen_projects.py" --shape "$shape" "$proj" "$n" 1
		fi
		[ -n "$first" ] || first=$n
		nat="$proj/native/aludel.ini"
		py="$proj/alembic/alembic.ini"
		$ALUDEL -c "$nat" heads >/dev/null # fills the header cache
		for cmd in history branches "upgrade heads --sql"; do
			say "$shape $n: $cmd"
			t=$(median "$ALUDEL -c $nat $cmd")
			m=$(peak "$ALUDEL -c $nat $cmd")
			key=$(echo "$shape $cmd" | tr -c 'a-z0-9\n' _)
			eval "t_${key}_$n=\$t"
			if [ "$n" -le "$alembic_max" ]; then
				say "$shape $n: Alembic $cmd ($alembic_runs runs)"
				a=$(median_once "$PY -m alembic -c $py $cmd")
				row="6. $cmd, $shape shape, vs Alembic 1.8 (median of $alembic_runs)"
				printf '| %s | %s | %s | %s | %s | %s |\n' "$row" "$n" "$t" "$a" "$(ratio "$a" "$t")" "$m"
			fi
			if [ "$n" != "$first" ]; then
				eval "t0=\$t_${key}_$first"
				row="6. $cmd, $shape shape, growth from $first (reference: aludel at $first)"
				printf '| %s | %s | %s | %s | %s | %s |\n' "$row" "$n" "$t" "$t0" "$(ratio "$t" "$t0")" "$m"
			fi
		done
		if [ -n "$lanes" ]; then
			say "$shape $n: the TUI's lane layout"
			set -- $(LD_LIBRARY_PATH="$libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$lanes" "$nat" 5)
			eval "l_${shape}_$n=\$2"
			printf '| 6. TUI lane layout alone (median of 5), %s shape | %s | %s | - | - | %s |\n' "$shape" "$n" "$2" "$3"
			printf '| 6. TUI screen of 60 rows x 160 columns of lanes drawn (median of 101 places), %s shape | %s | %s | - | - | - |\n' "$shape" "$n" "$4"
			if [ "$n" != "$first" ]; then
				eval "l0=\$l_${shape}_$first"
				printf '| 6. TUI lane layout, %s shape, growth from %s (reference: at %s) | %s | %s | %s | %s | %s |\n' \
					"$shape" "$first" "$first" "$n" "$2" "$l0" "$(ratio "$2" "$l0")" "$3"
			fi
		fi
	done
done
