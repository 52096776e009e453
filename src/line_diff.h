/* line_diff.h - a unified-style line diff of two texts (line_diff.c). */
#ifndef ALD_LINE_DIFF_H
#define ALD_LINE_DIFF_H

#include "util.h"

/* Above this many cells (lines of a x lines of b, after the common start and
 * end are cut off) no alignment is searched: the lines are shown all removed,
 * then all added. 4M cells are 16 MiB. */
#define ALD_LINE_DIFF_MAX_CELLS ((size_t)4 << 20)

/* The diff of a and b: "--- label_a", "+++ label_b", then hunks
 * "@@ -l,n +l,n @@" of lines prefixed ' ', '-' or '+', with `ctx` kept lines
 * around each change. NULL when the texts have the same lines. Caller frees. */
char *ald__line_diff(const char *a, const char *b, const char *label_a, const char *label_b, size_t ctx);

#endif
