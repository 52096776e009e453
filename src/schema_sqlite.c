/* schema_sqlite.c - the schema snapshot's entries of a SQLite database, read
 * from sqlite_master and the table_info, foreign_key_list, index_list and
 * index_xinfo pragmas (as table functions), plus each object's CREATE text
 * in a canonical form (it alone shows CHECK constraints and view bodies). */
#include "schema.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define SEP "char(31)"

/* Splits a row of fields joined by \x1f into at most n fields (in place). */
static size_t fields(char *row, char **f, size_t n)
{
	size_t k = 0;
	while (k < n) {
		f[k++] = row;
		char *s = strchr(row, '\x1f');
		if (!s)
			break;
		*s = '\0';
		row = s + 1;
	}
	for (size_t i = k; i < n; i++)
		f[i] = "";
	return k;
}

static int word_char(int c)
{
	return isalnum(c) || c == '_' || c == '$' || (c & 0x80);
}

/* Whether s[0..n) is a name that needs no quotes (letters, digits, _). */
static int plain_name(const char *s, size_t n)
{
	if (n == 0 || isdigit((unsigned char)s[0]))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_')
			return 0;
	return 1;
}

/* Appends a word lower-cased, with a space before it when the text so far
 * ends with a word character. */
static void put_word(struct ald_buf *b, const char *s, size_t n, int *space)
{
	if (*space && b->len && word_char((unsigned char)b->ptr[b->len - 1]) && word_char((unsigned char)s[0]))
		ald__buf_putc(b, ' ');
	for (size_t i = 0; i < n; i++)
		ald__buf_putc(b, (char)tolower((unsigned char)s[i]));
	*space = 0;
}

char *ald__schema_sqlite_normalize(const char *sql)
{
	struct ald_buf b = {0};
	int space = 0; /* white space or a comment was seen since the last token */
	const char *s = sql;
	while (*s) {
		unsigned char c = (unsigned char)*s;
		if (isspace(c)) {
			space = 1;
			s++;
		} else if (c == '-' && s[1] == '-') {
			while (*s && *s != '\n')
				s++;
			space = 1;
		} else if (c == '/' && s[1] == '*') {
			const char *e = strstr(s + 2, "*/");
			s = e ? e + 2 : s + strlen(s);
			space = 1;
		} else if (c == '\'' || c == '"' || c == '`' || c == '[') {
			char close = c == '[' ? ']' : (char)c;
			const char *e = s + 1;
			for (; *e; e++) {
				if (*e == close && close != ']' && e[1] == close)
					e++; /* a doubled quote */
				else if (*e == close)
					break;
			}
			size_t inner = (size_t)(e - s - 1);
			if (c != '\'' && plain_name(s + 1, inner)) {
				put_word(&b, s + 1, inner, &space);
			} else { /* no space next to a quote: it is not needed */
				ald__buf_put(&b, s, (size_t)(e - s) + (*e != '\0'));
				space = 0;
			}
			s = *e ? e + 1 : e;
		} else if (word_char(c)) {
			size_t n = 0;
			while (s[n] && word_char((unsigned char)s[n]))
				n++;
			put_word(&b, s, n, &space);
			s += n;
		} else {
			ald__buf_putc(&b, (char)c);
			space = 0;
			s++;
		}
	}
	return ald__buf_detach(&b);
}

static int skipped(const struct ald_schema_skip *skip, const char *table)
{
	for (size_t i = 0; i < 3; i++)
		if (skip->names[i] && strcasecmp(skip->names[i], table) == 0)
			return 1;
	return 0;
}

/* Runs `sql` (a format with one %s: the quoted name) for one object. */
static int query_for(struct ald_strvec *rows, struct ald_db *db, const char *fmt, const char *name)
{
	char *lit = ald__sql_literal(name);
	char *sql = ald__xasprintf(fmt, lit);
	int error = ald__db_query_strings(db, sql, rows);
	free(sql);
	free(lit);
	return error;
}

/* The column entries of table t. */
static int columns(struct ald_strvec *out, struct ald_db *db, const char *t)
{
	struct ald_strvec rows = {0};
	int error = query_for(&rows, db,
			      "SELECT (cid + 1) ||" SEP "|| name ||" SEP "|| type ||" SEP "|| \"notnull\" ||" SEP
			      "|| coalesce(dflt_value, char(30)) ||" SEP "|| pk FROM pragma_table_info(%s)",
			      t);
	for (size_t i = 0; error == 0 && i < rows.n; i++) {
		char *f[6];
		fields(rows.v[i], f, 6);
		for (char *c = f[2]; *c; c++) /* declared types are read without regard to case */
			*c = (char)tolower((unsigned char)*c);
		ald__strvec_push(out, ald__xasprintf("table %s column %s #%s %s%s%s%s%s%s", t, f[1], f[0],
						   *f[2] ? f[2] : "(no type)", ald__streq(f[3], "1") ? " not null" : "",
						   ald__streq(f[4], "\x1e") ? "" : " default ",
						   ald__streq(f[4], "\x1e") ? "" : f[4],
						   ald__streq(f[5], "0") ? "" : " primary key #", ald__streq(f[5], "0") ? "" : f[5]));
	}
	ald__strvec_free(&rows);
	return error;
}

/* The foreign keys of table t, one entry each (its columns gathered). */
static int foreign_keys(struct ald_strvec *out, struct ald_db *db, const char *t)
{
	struct ald_strvec rows = {0};
	int error = query_for(&rows, db,
			      "SELECT id ||" SEP "|| \"table\" ||" SEP "|| \"from\" ||" SEP "|| coalesce(\"to\", '') ||"
			      SEP "|| on_update ||" SEP "|| on_delete ||" SEP "|| \"match\""
			      " FROM pragma_foreign_key_list(%s) ORDER BY id, seq",
			      t);
	struct ald_buf from = {0}, to = {0};
	for (size_t i = 0; error == 0 && i < rows.n; i++) {
		char *f[7], *g[7] = {0};
		fields(rows.v[i], f, 7);
		ald__buf_printf(&from, "%s%s", from.len ? ", " : "", f[2]);
		ald__buf_printf(&to, "%s%s", to.len ? ", " : "", f[3]);
		char *next = i + 1 < rows.n ? ald__xstrdup(rows.v[i + 1]) : NULL;
		if (next)
			fields(next, g, 7);
		if (!next || !ald__streq(g[0], f[0])) {
			ald__strvec_push(out, ald__xasprintf("table %s foreign key (%s) references %s (%s) on update %s "
							   "on delete %s match %s",
							   t, ald__buf_cstr(&from), f[1], ald__buf_cstr(&to), f[4], f[5],
							   f[6]));
			ald__buf_free(&from);
			ald__buf_free(&to);
		}
		free(next);
	}
	ald__buf_free(&from);
	ald__buf_free(&to);
	ald__strvec_free(&rows);
	return error;
}

/* The index entries of table t: kind, origin and key columns of each. */
static int indexes(struct ald_strvec *out, struct ald_db *db, const char *t)
{
	struct ald_strvec rows = {0};
	int error = query_for(&rows, db,
			      "SELECT name ||" SEP "|| \"unique\" ||" SEP "|| origin ||" SEP "|| partial"
			      " FROM pragma_index_list(%s)",
			      t);
	for (size_t i = 0; error == 0 && i < rows.n; i++) {
		char *f[4];
		fields(rows.v[i], f, 4);
		struct ald_strvec cols = {0};
		error = query_for(&cols, db,
				  "SELECT coalesce(name, CASE cid WHEN -2 THEN '(expression)' ELSE 'rowid' END) ||"
				  " CASE WHEN \"desc\" THEN ' desc' ELSE '' END ||"
				  " CASE WHEN coll <> 'BINARY' THEN ' collate ' || coll ELSE '' END"
				  " FROM pragma_index_xinfo(%s) WHERE key ORDER BY seqno",
				  f[0]);
		if (error == 0) {
			char *list = ald__strvec_join(&cols, ", ");
			/* an automatic index's name (sqlite_autoindex_<table>_<n>) depends on
			 * the table's first name and the order of its constraints */
			int autoindex = strncmp(f[0], "sqlite_autoindex_", 17) == 0;
			ald__strvec_push(out, ald__xasprintf("index %s on %s%s (%s)%s%s", autoindex ? "(automatic)" : f[0], t,
							   ald__streq(f[1], "1") ? " unique" : "", list,
							   ald__streq(f[2], "c") ? ""
							   : ald__streq(f[2], "pk") ? " from primary key"
										   : " from unique constraint",
							   ald__streq(f[3], "1") ? " partial" : ""));
			free(list);
		}
		ald__strvec_free(&cols);
	}
	ald__strvec_free(&rows);
	return error;
}

int ald__schema_sqlite_entries(struct ald_strvec *out, struct ald_db *db, const struct ald_schema_skip *skip)
{
	struct ald_strvec rows = {0};
	int error = ald__db_query_strings(db,
					 "SELECT type ||" SEP "|| name ||" SEP "|| tbl_name ||" SEP "|| coalesce(sql, '')"
					 " FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
					 &rows);
	for (size_t i = 0; error == 0 && i < rows.n; i++) {
		char *f[4];
		fields(rows.v[i], f, 4);
		if (skipped(skip, f[2]) || (strncmp(f[2], "sqlite_", 7) == 0))
			continue;
		if (*f[3]) {
			char *norm = ald__schema_sqlite_normalize(f[3]);
			if (ald__streq(f[0], "table") || ald__streq(f[0], "view"))
				ald__strvec_push(out, ald__xasprintf("%s %s sql: %s", f[0], f[1], norm));
			else
				ald__strvec_push(out, ald__xasprintf("%s %s on %s sql: %s", f[0], f[1], f[2], norm));
			free(norm);
		}
		if (ald__streq(f[0], "table")) {
			ald__strvec_push(out, ald__xasprintf("table %s", f[1]));
			error = columns(out, db, f[1]);
			if (error == 0)
				error = foreign_keys(out, db, f[1]);
			if (error == 0)
				error = indexes(out, db, f[1]);
		}
	}
	ald__strvec_free(&rows);
	return error;
}
