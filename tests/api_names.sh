#!/bin/sh
# tests/api_names.sh - a reader tells the API from the internals by the name:
# the public functions are exactly those include/aludel.h declares, spelled
# ald_<name>; every other function of the engine is marked ald__<name> (or has
# a name of its own), and so is its global data - read from the built objects
# with nm:
# - every global function the engine's archive defines under the public prefix
#   (ald_ then a letter) is declared in aludel.h;
# - the shared library exports exactly the functions aludel.h declares;
# - no ald__ function is declared in aludel.h.
. "${top_srcdir:-.}/tests/tap.sh"
. "${top_srcdir:-.}/tests/api_header.sh"
set -u
top_builddir=${top_builddir:-.}
core="$top_builddir/.libs/libaludel_core.a"
shared="$top_builddir/.libs/libaludel.so"
if ! command -v nm >/dev/null 2>&1 || [ ! -f "$core" ] || [ ! -f "$shared" ]; then
	echo "1..0 # SKIP nm or the built libraries ($core, $shared) missing"
	exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

api_declared >"$work/declared"
ok_status "aludel.h declares functions (the list is read)" 0 "$([ "$(wc -l <"$work/declared")" -ge 50 ]; echo $?)"

nm --defined-only -g "$core" 2>/dev/null | awk '$2 == "T" { print $3 }' | sort -u >"$work/core_globals"
grep '^ald_[a-z]' "$work/core_globals" >"$work/core_public" || true
comm -23 "$work/core_public" "$work/declared" >"$work/unmarked"
ok_eq "every engine function named ald_<letter> is declared in aludel.h (internals are ald__)" \
	"" "$(cat "$work/unmarked")"
# the engine's global data (tables, loaded libraries' entry points): all internal
nm --defined-only -g "$core" 2>/dev/null | awk '$2 ~ /^[BDRGS]$/ { print $3 }' | sort -u >"$work/core_data"
ok_eq "no global data of the engine is named ald_<letter> (internals are ald__)" \
	"" "$(grep '^ald_[a-z]' "$work/core_data")"

nm -D --defined-only "$shared" | awk '$2 == "T" { print $3 }' | sort -u >"$work/exported"
ok_eq "libaludel exports exactly the functions aludel.h declares" \
	"" "$(comm -3 "$work/exported" "$work/declared")"

ok_eq "aludel.h declares no ald__ function" "" "$(grep -n '^ALD_EXTERN.*[^a-z_]ald__' "$top_srcdir/include/aludel.h")"
tap_done
