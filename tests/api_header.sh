# tests/api_header.sh - sourced by the tests that read include/aludel.h's
# list of functions (api_names.sh, test_api_coverage.sh).
#
# api_declared: the function names aludel.h declares, sorted, one a line
# (each declaration is one line: ALD_EXTERN(type) name( ...).
api_declared() {
	sed -n 's/^ALD_EXTERN(.*) *\(ald_[a-z][a-z0-9_]*\)(.*/\1/p' "${top_srcdir:-.}/include/aludel.h" | sort -u
}
