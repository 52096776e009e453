# tests/tap.sh - tiny TAP helpers for the shell tests (sourced).
# ok_eq NAME EXPECTED ACTUAL   - passes when the two texts are equal, else shows a diff
# ok_status NAME EXPECTED_STATUS ACTUAL_STATUS
# ok_match NAME PATTERN TEXT   - passes when TEXT matches the grep -E PATTERN
# the tests change directory: make the tree's paths absolute first
top_srcdir=$(cd "${top_srcdir:-.}" && pwd)
[ -n "${top_builddir:-}" ] && top_builddir=$(cd "$top_builddir" && pwd)
tap_n=0
tap_failed=0
ALUDEL=${ALUDEL:-${top_builddir:-.}/aludel}
case "$ALUDEL" in /*) ;; *) ALUDEL="$(pwd)/$ALUDEL" ;; esac

tap_result() { # STATUS NAME
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $tap_n - $2"; else echo "not ok $tap_n - $2"; tap_failed=1; fi
}
ok_eq() {
	if [ "$2" = "$3" ]; then tap_result 0 "$1"; else
		tap_result 1 "$1"
		printf '%s\n' "$2" >"${TMPDIR:-/tmp}/tap_expected.$$"
		printf '%s\n' "$3" >"${TMPDIR:-/tmp}/tap_actual.$$"
		diff -u "${TMPDIR:-/tmp}/tap_expected.$$" "${TMPDIR:-/tmp}/tap_actual.$$" | sed 's/^/# /'
		rm -f "${TMPDIR:-/tmp}/tap_expected.$$" "${TMPDIR:-/tmp}/tap_actual.$$"
	fi
}
ok_status() {
	if [ "$2" = "$3" ]; then tap_result 0 "$1"; else tap_result 1 "$1"; echo "# expected status $2, got $3"; fi
}
ok_match() {
	if printf '%s\n' "$3" | grep -qE -- "$2"; then tap_result 0 "$1"; else
		tap_result 1 "$1"; echo "# /$2/ does not match:"; printf '%s\n' "$3" | sed 's/^/#   /'
	fi
}
tap_done() { echo "1..$tap_n"; exit $tap_failed; }
