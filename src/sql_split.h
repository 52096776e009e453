/* sql_split.h - splitting a migration section into SQL statements.
 *
 * Understands single and double quotes (with doubled-quote escapes), E'...'
 * backslash escapes, -- and nested block comments, PostgreSQL dollar quoting
 * ($$...$$, $tag$...$tag$) and BEGIN ... END bodies of SQLite/PostgreSQL
 * CREATE TRIGGER (and BEGIN ATOMIC function bodies), so that semicolons inside
 * them do not end a statement.
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

/* Splits `text` (len bytes) whose first byte is on line `first_line`. A section
 * holding only comments and whitespace gives zero statements. An unterminated
 * quote, comment or dollar quote is an error naming its starting line.
 * On success *out holds the statements (caller frees with ald_stmts_free). */
int ald_sql_split(struct ald_stmts *out, const char *text, size_t len, unsigned first_line);

void ald_stmts_free(struct ald_stmts *s);

#endif
