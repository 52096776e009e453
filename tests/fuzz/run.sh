#!/bin/sh
# tests/fuzz/run.sh - runs each libFuzzer target of tests/fuzz/ for N seconds
# (default 60), one after another, over a copy of its seed corpus; fails if any
# target crashes, leaks, hangs or breaks one of its checks. Builds nothing: the
# targets come from a tree configured with --enable-fuzzing CC=clang (`make fuzz`).
#
#   tests/fuzz/run.sh [seconds] [target...]     e.g. tests/fuzz/run.sh 30 fuzz_ini
#
# The targets are looked for in $FUZZ_BIN_DIR, else ./tests/fuzz (run from the
# build folder), else build-fuzz/tests/fuzz at the top of the tree. Inputs that
# fail are kept under $FUZZ_OUT (default: a new folder in /tmp, named at the end).
set -eu

secs=${1:-60}
[ $# -gt 0 ] && shift
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
if [ -n "${FUZZ_BIN_DIR:-}" ]; then
	bindir=$FUZZ_BIN_DIR
elif [ -x tests/fuzz/fuzz_rev_sql ]; then
	bindir=$(pwd)/tests/fuzz
else
	bindir=$top/build-fuzz/tests/fuzz
fi
targets=${*:-"fuzz_rev_sql fuzz_rev_py fuzz_sql_split fuzz_ini fuzz_db_url fuzz_envpy fuzz_revcache"}
out=${FUZZ_OUT:-$(mktemp -d /tmp/aludel-fuzz.XXXXXX)}
mkdir -p "$out"
# UndefinedBehaviorSanitizer's reports with their stacks
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
export UBSAN_OPTIONS

# the longest input worth trying for each target
max_len() {
	case $1 in
	fuzz_db_url) echo 512 ;;
	fuzz_ini | fuzz_sql_split) echo 4096 ;;
	*) echo 8192 ;;
	esac
}

failed=""
for t in $targets; do
	bin=$bindir/$t
	if [ ! -x "$bin" ]; then
		echo "fuzz: $bin is not built (./configure --enable-fuzzing CC=clang && make fuzz)" >&2
		failed="$failed $t"
		continue
	fi
	name=${t#fuzz_}
	work=$out/$t
	rm -rf "$work"
	mkdir -p "$work/corpus" "$work/artifacts"
	cp "$here/corpus/$name"/* "$work/corpus/" 2>/dev/null || true
	log=$work/log
	status=0
	# fuzz_revcache writes (and fsyncs) a cache file per run: on a memory file system if there is one
	tmp=${TMPDIR:-/tmp}
	[ "$t" = fuzz_revcache ] && [ -d /dev/shm ] && [ -w /dev/shm ] && tmp=/dev/shm
	TMPDIR=$tmp "$bin" -max_total_time="$secs" -max_len="$(max_len "$t")" -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$work/artifacts/" "$work/corpus" >"$log" 2>&1 || status=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
	if [ "$status" -ne 0 ]; then
		echo "fuzz: $t FAILED (exit $status) after ${runs:-?} runs; log and input in $work"
		# the harness's own message, then the sanitizer's report and stack
		grep -a -E 'check failed|^fuzz_revcache:|shown:' "$log" | head -5 || true
		grep -a -E -A40 '^==[0-9]+== ?ERROR|runtime error' "$log" |
			grep -a -E 'ERROR|runtime error|SUMMARY|^ +#[0-9]+ ' | head -30 || true
		ls "$work/artifacts"
		failed="$failed $t"
	else
		echo "fuzz: $t ok: ${runs:-?} runs in ${secs} s, ${cov:-cov: ?}, corpus $(ls "$work/corpus" | wc -l) inputs"
	fi
done
if [ -n "$failed" ]; then
	echo "fuzz: failed:$failed (kept in $out)"
	exit 1
fi
rm -rf "$out"
echo "fuzz: all targets ran ${secs} s without a failure"
