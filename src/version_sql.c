/* version_sql.c - the version table's statements, as Alembic writes them (see version_sql.h). */
#include "version_sql.h"
#include "db.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

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
	char *out = ald__xasprintf("%s.%s", s, t);
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
		out = ald__xasprintf("INSERT INTO %s (version_num) VALUES (%s) RETURNING %s.version_num",
				    t, lit, t);
	else
		out = ald__xasprintf("INSERT INTO %s (version_num) VALUES (%s)", t, lit);
	free(lit);
	free(t);
	return out;
}

char *ald__vsql_update(const struct ald_dialect *dialect, const char *table, const char *schema,
		const char *from, const char *to)
{
	char *t = ald__vsql_table(dialect, table, schema);
	char *lfrom = ald__sql_literal(from), *lto = ald__sql_literal(to);
	char *out = ald__xasprintf("UPDATE %s SET version_num=%s WHERE %s.version_num = %s",
				  t, lto, t, lfrom);
	free(lfrom);
	free(lto);
	free(t);
	return out;
}

char *ald__vsql_delete(const struct ald_dialect *dialect, const char *table, const char *schema, const char *rev)
{
	char *t = ald__vsql_table(dialect, table, schema);
	char *lit = ald__sql_literal(rev);
	char *out = ald__xasprintf("DELETE FROM %s WHERE %s.version_num = %s", t, t, lit);
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
	struct ald_buf b = {0};
	for (const char *c = stmt; *c; c++) {
		if (*c == '\t')
			ald__buf_puts(&b, "    ");
		else
			ald__buf_putc(&b, *c);
	}
	const char *s = ald__buf_cstr(&b);
	size_t start = 0, end = b.len;
	while (start < end && is_space(s[start]))
		start++;
	while (end > start && is_space(s[end - 1]))
		end--;
	char *out = ald__xasprintf("%.*s;\n\n", (int)(end - start), s + start);
	ald__buf_free(&b);
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
