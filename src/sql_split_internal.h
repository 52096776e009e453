/* sql_split_internal.h - what the dialects' splitters (sql_split_pg.c,
 * sql_split_sqlite.c) share: the text, the statements found so far and a
 * lazy line counter. */
#ifndef ALD_SQL_SPLIT_INTERNAL_H
#define ALD_SQL_SPLIT_INTERNAL_H

#include "sql_split.h"

#include <stddef.h>

#define ALD_SPLIT_NO_POS ((size_t)-1)

struct ald_split {
	const char *t;    /* the text, NUL-terminated at len */
	size_t len;
	size_t line_pos;  /* lazy line counter: `line` is the line of byte line_pos */
	unsigned line;
	unsigned first_line;
	struct ald_stmts *out;
};

/* The line of byte `pos` (cheapest when asked in increasing order). */
unsigned ald__split_line(struct ald_split *s, size_t pos);
/* Adds the statement whose code is bytes [from, to). */
void ald__split_emit(struct ald_split *s, size_t from, size_t to);
/* The error "line N: unterminated WHAT starting here" for byte `pos`. */
int ald__split_unterminated(struct ald_split *s, size_t pos, const char *what);

/* The splitters of each dialect. */
int ald__sql_split_pg(struct ald_split *s);
int ald__sql_split_sqlite(struct ald_split *s);

#endif
