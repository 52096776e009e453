/* version_sql.c - the version table's statements, as Alembic writes them (see version_sql.h). */
#include "version_sql.h"
#include "db.h"
#include "util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* The texts of a NULL-terminated list, one after the other, in one new
 * string: each statement below is a fixed text around names, and a printf
 * per statement was most of the time of a plan of 10,000 steps. */
static char *concat(const char *first, ...)
{
	va_list ap;
	size_t n = 0;
	va_start(ap, first);
	for (const char *p = first; p; p = va_arg(ap, const char *))
		n += strlen(p);
	va_end(ap);
	char *out = ald__xmalloc(n + 1), *at = out;
	va_start(ap, first);
	for (const char *p = first; p; p = va_arg(ap, const char *)) {
		size_t k = strlen(p);
		memcpy(at, p, k);
		at += k;
	}
	va_end(ap);
	*at = '\0';
	return out;
}

/* The dialect's table; NULL is the default one. */
static const struct ald_dialect *facts(const struct ald_dialect *dialect)
{
	return dialect ? dialect : ALD_DIALECT_DEFAULT;
}

/* Whether SQLAlchemy would quote `s`. */
static int needs_quotes(const struct ald_dialect *dialect, const char *s)
{
	if (*s == '\0' || (*s >= '0' && *s <= '9') || *s == '$')
		return 1;
	for (const char *c = s; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_' || *c == '$'))
			return 1;
	return ald__dialect_is_reserved(facts(dialect), s);
}

char *ald__vsql_ident(const struct ald_dialect *dialect, const char *ident)
{
	return needs_quotes(dialect, ident) ? facts(dialect)->quote_ident(ident) : ald__xstrdup(ident);
}

char *ald__vsql_table(const struct ald_dialect *dialect, const char *table, const char *schema)
{
	char *t = ald__vsql_ident(dialect, table);
	if (!schema)
		return t;
	char *s = ald__vsql_ident(dialect, schema);
	char *out = concat(s, ".", t, (char *)NULL);
	free(s);
	free(t);
	return out;
}

char *ald__vsql_create(const struct ald_dialect *dialect, const char *table, const char *schema)
{
	char *t = ald__vsql_table(dialect, table, schema);
	char *pkc_name = ald__xasprintf("%s_pkc", table);
	char *pkc = ald__vsql_ident(dialect, pkc_name);
	char *out = ald__xasprintf("CREATE TABLE %s (\n\tversion_num VARCHAR(32) NOT NULL, \n"
				  "\tCONSTRAINT %s PRIMARY KEY (version_num)\n)", t, pkc);
	free(pkc);
	free(pkc_name);
	free(t);
	return out;
}

char *ald__vsql_insert(const struct ald_dialect *dialect, const char *table, const char *schema, const char *rev)
{
	char *t = ald__vsql_table(dialect, table, schema);
	char *lit = ald__sql_literal(rev);
	char *out;
	if (facts(dialect)->insert_returning)
		out = concat("INSERT INTO ", t, " (version_num) VALUES (", lit, ") RETURNING ", t, ".version_num",
			     (char *)NULL);
	else
		out = concat("INSERT INTO ", t, " (version_num) VALUES (", lit, ")", (char *)NULL);
	free(lit);
	free(t);
	return out;
}

char *ald__vsql_update(const struct ald_dialect *dialect, const char *table, const char *schema,
		const char *from, const char *to)
{
	char *t = ald__vsql_table(dialect, table, schema);
	char *lfrom = ald__sql_literal(from), *lto = ald__sql_literal(to);
	char *out = concat("UPDATE ", t, " SET version_num=", lto, " WHERE ", t, ".version_num = ", lfrom,
			   (char *)NULL);
	free(lfrom);
	free(lto);
	free(t);
	return out;
}

char *ald__vsql_delete(const struct ald_dialect *dialect, const char *table, const char *schema, const char *rev)
{
	char *t = ald__vsql_table(dialect, table, schema);
	char *lit = ald__sql_literal(rev);
	char *out = concat("DELETE FROM ", t, " WHERE ", t, ".version_num = ", lit, (char *)NULL);
	free(lit);
	free(t);
	return out;
}

char *ald__vsql_purge(const struct ald_dialect *dialect, const char *table, const char *schema)
{
	char *t = ald__vsql_table(dialect, table, schema);
	char *out = ald__xasprintf("DELETE FROM %s", t);
	free(t);
	return out;
}

char *ald__vsql_drop(const struct ald_dialect *dialect, const char *table, const char *schema)
{
	char *t = ald__vsql_table(dialect, table, schema);
	char *out = ald__xasprintf("DROP TABLE %s", t);
	free(t);
	return out;
}

char *ald__vsql_select(const struct ald_dialect *dialect, const char *table, const char *schema)
{
	char *t = ald__vsql_table(dialect, table, schema);
	char *out = ald__xasprintf("SELECT %s.version_num FROM %s", t, t);
	free(t);
	return out;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

char *ald__vsql_offline(const char *stmt)
{
	size_t start = 0, end = strlen(stmt), tabs = 0;
	while (start < end && is_space(stmt[start]))
		start++;
	while (end > start && is_space(stmt[end - 1]))
		end--;
	for (size_t i = start; i < end; i++)
		tabs += stmt[i] == '\t';
	char *out = ald__xmalloc(end - start + 3 * tabs + 4), *at = out;
	for (size_t i = start; i < end; i++) {
		if (stmt[i] == '\t') {
			memcpy(at, "    ", 4);
			at += 4;
		} else {
			*at++ = stmt[i];
		}
	}
	memcpy(at, ";\n\n", 4); /* NUL included */
	return out;
}

void ald__vsql_make(struct ald_vsql *out, enum ald_vsql_kind kind, const struct ald_dialect *dialect,
		const char *table, const char *schema, const char *from, const char *to)
{
	memset(out, 0, sizeof(*out));
	out->kind = kind;
	out->table = ald__xstrdup(table);
	switch (kind) {
	case ALD_VSQL_CREATE:
		out->sql = ald__vsql_create(dialect, table, schema);
		break;
	case ALD_VSQL_INSERT:
		out->to = ald__xstrdup(to);
		out->sql = ald__vsql_insert(dialect, table, schema, to);
		break;
	case ALD_VSQL_UPDATE:
		out->from = ald__xstrdup(from);
		out->to = ald__xstrdup(to);
		out->sql = ald__vsql_update(dialect, table, schema, from, to);
		break;
	case ALD_VSQL_DELETE:
		out->from = ald__xstrdup(from);
		out->sql = ald__vsql_delete(dialect, table, schema, from);
		break;
	case ALD_VSQL_PURGE:
		out->sql = ald__vsql_purge(dialect, table, schema);
		break;
	case ALD_VSQL_DROP:
		out->sql = ald__vsql_drop(dialect, table, schema);
		break;
	}
}

void ald__vsql_clear(struct ald_vsql *st)
{
	if (!st)
		return;
	free(st->sql);
	free(st->from);
	free(st->to);
	free(st->table);
	memset(st, 0, sizeof(*st));
}
