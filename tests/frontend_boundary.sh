#!/bin/sh
# tests/frontend_boundary.sh - the front ends (src/cli/, ui/) see only the
# public API (include/aludel.h) and their own headers, and the compiler
# enforces it: one-line probes built with the aludel program's own compile
# command (ALD_FRONTEND_COMPILE, exported by tests/cli.am from the Makefile)
# compile with "aludel.h", fail with "util.h", and reach none of the engine's
# headers (src/*.h);
# no #include of a front-end file names a path that reaches around the flags.
. "${top_srcdir:-.}/tests/tap.sh"
set -u
if [ -z "${ALD_FRONTEND_COMPILE:-}" ]; then
	echo "1..0 # SKIP ALD_FRONTEND_COMPILE not set (run through make check)"
	exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Compiles the probe file $1 with the program's flags (from the make directory:
# the flags hold paths relative to it); prints the compiler's messages.
probe() {
	$ALD_FRONTEND_COMPILE -fsyntax-only "$1" 2>&1
}

printf '#include "aludel.h"\nint probe(void) { return ALD_OK; }\n' >"$work/public.c"
out=$(probe "$work/public.c"); st=$?
ok_status "a front-end file including aludel.h compiles" 0 "$st"
[ "$st" -eq 0 ] || printf '%s\n' "$out" | sed 's/^/# /'

printf '#include "util.h"\nint probe(void) { return 0; }\n' >"$work/util.c"
out=$(probe "$work/util.c"); st=$?
if [ "$st" -ne 0 ] && printf '%s\n' "$out" | grep -q 'util\.h'; then
	tap_result 0 'a front-end file including the engine'"'"'s util.h does not compile'
else
	tap_result 1 'a front-end file including the engine'"'"'s util.h does not compile'
	echo "# status $st: the front ends' flags reach src/"
fi

# Every engine header: the preprocessor either finds no such file or finds a
# system header of that name (error.h), never the one in src/.
for h in "$top_srcdir"/src/*.h; do
	name=$(basename "$h")
	printf '#include "%s"\n' "$name" >"$work/private.c"
	deps=$($ALD_FRONTEND_COMPILE -M "$work/private.c" 2>/dev/null)
	if printf '%s\n' "$deps" | grep -q "src/$name"; then
		tap_result 1 "a front-end #include \"$name\" does not reach src/$name"
		printf '%s\n' "$deps" | sed 's/^/# /'
	else
		tap_result 0 "a front-end #include \"$name\" does not reach src/$name"
	fi
done

# Quoted includes are looked up next to the including file first: a path such as
# "../util.h" would get around the flags. Front-end files name their headers bare.
bad=$(grep -Hn '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' \
	"$top_srcdir"/src/cli/*.[ch] "$top_srcdir"/ui/*.[ch] |
	while IFS= read -r line; do
		f=$(printf '%s\n' "$line" | sed 's/.*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/')
		case "$f" in
		*/*) echo "$line" ;;
		*) [ -f "$top_srcdir/include/$f" ] || [ -f "$top_srcdir/ui/$f" ] ||
			[ -f "$top_srcdir/src/cli/$f" ] || echo "$line" ;;
		esac
	done)
ok_eq "front-end files include only aludel.h and front-end headers, by bare name" "" "$bad"
tap_done
