#!/bin/sh
# bench/case_lint.sh - case 5 of bench/run: `aludel lint` of every revision of
# a generated native project (N revisions, five statements each in their
# upgrade and downgrade sections) against squawk linting the same files
# (squawk reads the headers and section markers as SQL comments, so both
# tools parse the same statements), side by side in one hyperfine run.
#
#   sh bench/case_lint.sh [N]      (default 10000)
#
# squawk is taken from $SQUAWK (the program, or a folder holding it or
# node_modules/.bin/squawk), else from PATH; without it the row says so and
# only aludel is timed. Environment as bench/run sets it: ALUDEL (the real
# binary, LD_LIBRARY_PATH set), BENCH_DIR, BENCH_RUNS. Prints table rows only
# (see bench/report.py). Both tools exit 1 on findings: hyperfine -i.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
dir=${BENCH_DIR:-/tmp/aludel-bench}
runs=${BENCH_RUNS:-5}
n=${1:-10000}
PY=/usr/bin/python3
: "${ALUDEL:?ALUDEL must name the aludel binary}"
ALUDEL_CACHE_DIR=${ALUDEL_CACHE_DIR-$dir/cache}
export ALUDEL_CACHE_DIR
say() { echo "case_lint.sh: $*" >&2; }

squawk=""
if [ -n "${SQUAWK:-}" ]; then
	for c in "$SQUAWK" "$SQUAWK/squawk" "$SQUAWK/node_modules/.bin/squawk" "$SQUAWK/.bin/squawk"; do
		[ -f "$c" ] && [ -x "$c" ] && { squawk=$c; break; }
	done
else
	squawk=$(command -v squawk 2>/dev/null || true)
fi

proj="$dir/p$n"
[ -d "$proj" ] || $PY "$top/bench/gen_projects.py" "$proj" "$n" 1
work="$dir/lint"
rm -rf "$work"
mkdir -p "$work"
# the generated project's URL is SQLite, which lint refuses: the same folder without a URL
ini="$work/lint.ini"
printf '[aludel]\nscript_location = %s/native/migrations\n' "$proj" >"$ini"
versions="$proj/native/migrations/versions"
"$ALUDEL" -c "$ini" heads >/dev/null # warm the header cache
found=$("$ALUDEL" -c "$ini" lint --json 2>/dev/null | $PY -c 'import json,sys; print(len(json.load(sys.stdin)))' || echo "?")

peak() {
	/usr/bin/time -f %M sh -c "$1 >/dev/null 2>&1" 2>&1 | tail -1 | awk '{printf "%.1f", $1/1024}'
}
ratio() { $PY -c 'import sys; a,b=sys.argv[1:]; print("-" if "-" in (a,b) or float(b)==0 else "%.1fx" % (float(a)/float(b)))' "$1" "$2"; }

mem=$(peak "$ALUDEL -c $ini lint")
if [ -n "$squawk" ]; then
	version=$("$squawk" --version 2>/dev/null | awk '{print $NF}')
	sfound=$("$squawk" --reporter json "$versions/*.sql" 2>/dev/null | $PY -c 'import json,sys; print(len(json.load(sys.stdin)))' || echo "?")
	say "$n revisions: aludel reports $found findings, squawk $version $sfound"
	hyperfine -N -i --warmup 1 --runs "$runs" --export-json "$work/h.json" \
		"$ALUDEL -c $ini lint" "$squawk --reporter json $versions/*.sql" >/dev/null 2>"$work/h.err" ||
		{ say "hyperfine failed: $(tail -3 "$work/h.err")"; exit 0; }
	set -- $($PY -c 'import json,sys; print(" ".join("%.4f" % r["median"] for r in json.load(open(sys.argv[1]))["results"]))' "$work/h.json")
	printf '| 5. lint every revision, native project, vs squawk %s on the same files | %s | %s | %s | %s | %s |\n' \
		"$version" "$n" "$1" "$2" "$(ratio "$2" "$1")" "$mem"
else
	say "squawk is not installed (npm install squawk-cli; SQUAWK=path/to/node_modules/.bin/squawk): timing aludel alone"
	hyperfine -N -i --warmup 1 --runs "$runs" --export-json "$work/h.json" "$ALUDEL -c $ini lint" \
		>/dev/null 2>"$work/h.err" || { say "hyperfine failed: $(tail -3 "$work/h.err")"; exit 0; }
	a=$($PY -c 'import json,sys; print("%.4f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$work/h.json")
	printf '| 5. lint every revision, native project (squawk not installed) | %s | %s | - | - | %s |\n' "$n" "$a" "$mem"
fi
