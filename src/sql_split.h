/* sql_split.h - splitting a migration section into SQL statements.
 *
 * Whose rules end a statement depends on the database: PostgreSQL's are
 * PostgreSQL's own parser and scanner (libpg_query, loaded on first use),
 * which know quotes, E'' strings, nested comments, dollar quotes and BEGIN
 * ATOMIC bodies; SQLite's are its lexis (quotes, `names`, [names],
 * non-nesting comments, CREATE TRIGGER ... BEGIN ... END bodies), read in one
 * pass by sql_split_sqlite.c.
 */
#ifndef ALD_SQL_SPLIT_H
#define ALD_SQL_SPLIT_H

#include <stddef.h>

struct ald_stmt {
	char *sql;     /* statement text without the ending ';', leading blank lines
	                  and trailing whitespace removed; comments inside kept; owned */
	unsigned line; /* 1-based line of the statement's first non-blank, non-comment character */
};

struct ald_stmts {
	struct ald_stmt *v;
	size_t n, cap;
};

/* Whose rules end a statement (a database's are the `split` of its dialect,
 * dialect.h). ALD_SQL_ANY (no database URL, or one of another kind) uses
 * PostgreSQL's. */
enum ald_sql_dialect { ALD_SQL_ANY, ALD_SQL_POSTGRESQL, ALD_SQL_SQLITE };

/* Splits `text` (len bytes) whose first byte is on line `first_line` by the
 * rules of `dialect`, in time linear in len. A section holding only comments
 * and whitespace gives zero statements. An unterminated quote, comment,
 * dollar quote or trigger body is an error naming its starting line ("line
 * N: unterminated ..."), and so is a NUL byte; text the database would
 * reject otherwise is split as well as it can be and left to the database
 * to report. Failing to load libpg_query is an error naming it and its
 * Debian package. On success *out holds the statements (caller frees with
 * ald__stmts_free). */
int ald__sql_split_dialect(struct ald_stmts *out, enum ald_sql_dialect dialect, const char *text, size_t len,
			  unsigned first_line);

/* ald__sql_split_dialect with ALD_SQL_ANY. */
int ald__sql_split(struct ald_stmts *out, const char *text, size_t len, unsigned first_line);

void ald__stmts_free(struct ald_stmts *s);

#endif
