#!/bin/sh
# scripts/setup.sh - the README's two commands: install what aludel needs on a
# Debian 12 machine (as root, or with sudo), build it, then either open the
# demo project (`demo`) or run the whole test suite (`check`).
set -eu

mode=${1:-demo}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

packages="build-essential autoconf automake libtool pkgconf
	libinih-dev libsqlite3-dev libpq-dev libncurses-dev libcmocka-dev libpg-query-dev libprotobuf-c-dev
	sqlite3 postgresql postgresql-client tmux python3 python3-alembic python3-psycopg2 alembic
	mandoc valgrind hyperfine time locales clang libclang-rt-14-dev"

missing=""
for p in $packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "setup: installing$missing"
	as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

[ -x configure ] || autoreconf -fi

case "$mode" in
demo)
	mkdir -p build && cd build
	[ -f Makefile ] || ../configure -q
	make -s -j"$(nproc)"
	cd "$top/demo"
	"$top/build/aludel" history
	"$top/build/aludel" heads
	# on a terminal, end in the TUI on the demo project (q quits)
	if [ -t 0 ] && [ -t 1 ]; then
		exec "$top/build/aludel" tui
	fi
	;;
check)
	# The test suite runs in a build with AddressSanitizer and UndefinedBehaviorSanitizer.
	mkdir -p build-check && cd build-check
	[ -f Makefile ] || ../configure -q --enable-werror --enable-sanitizers
	make -s -j"$(nproc)"
	# squawk (npm squawk-cli), the linter tests/lint_squawk.sh compares `aludel
	# lint` with: a reference for the tests only, never used by aludel. Pinned,
	# as the test lists the known differences of this version; without npm or
	# the registry the test says it is skipped.
	if [ -z "${SQUAWK:-}" ] && command -v npm >/dev/null 2>&1; then
		if [ -x squawk/node_modules/.bin/squawk ] ||
		   timeout 300 npm install --silent --no-audit --no-fund --prefix squawk squawk-cli@2.66.0 >/dev/null 2>&1; then
			SQUAWK="$PWD/squawk/node_modules/.bin/squawk"
			export SQUAWK
		else
			echo "setup: npm could not install squawk-cli: tests/lint_squawk.sh will be skipped"
		fi
	fi
	status=0
	make -s -j"$(nproc)" check || status=$?
	# The tarball builds and installs on its own (make distcheck: the unit
	# tests are run above, here only the API's contract test).
	if ! make -s distcheck TESTS=tests/test_api DISTCHECK_CONFIGURE_FLAGS=--enable-werror >distcheck.log 2>&1; then
		tail -40 distcheck.log
		echo "setup: make distcheck failed (build-check/distcheck.log)"
		status=1
	fi
	# The fuzz targets (tests/fuzz/): their own build with clang, libFuzzer and
	# both sanitizers, each target run for 60 s; a failure fails the check.
	(
		mkdir -p "$top/build-fuzz" && cd "$top/build-fuzz" &&
		{ [ -f Makefile ] || ../configure -q --enable-werror --enable-fuzzing CC=clang; } &&
		make -s -j"$(nproc)" fuzz &&
		"$top/tests/fuzz/run.sh" 60
	) || status=$?
	# One closing line for every suite, from the automake logs.
	pass=$(cat $(find . -name '*.trs') 2>/dev/null | grep -c '^:test-result: PASS' || true)
	fail=$(cat $(find . -name '*.trs') 2>/dev/null | grep -c '^:test-result: \(FAIL\|ERROR\|XPASS\)' || true)
	skip=$(cat $(find . -name '*.trs') 2>/dev/null | grep -c '^:test-result: SKIP' || true)
	if [ "$status" -ne 0 ]; then
		find . -name 'test-suite.log' -exec cat {} + | tail -200
	fi
	echo "$pass passed, $fail failed, $skip skipped"
	exit "$status"
	;;
*)
	echo "usage: $0 demo|check" >&2
	exit 2
	;;
esac
