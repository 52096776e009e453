/* version_sql.c - the version table's statements, as Alembic writes them (see version_sql.h). */
#include "version_sql.h"
#include "db.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* Words that SQLAlchemy 1.4 quotes when used as a name on PostgreSQL (its
 * reserved key words), sorted for bsearch. */
static const char *const pg_reserved[] = {
	"all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric",
	"authorization", "between", "binary", "both", "case", "cast", "check", "collate",
	"column", "constraint", "create", "cross", "current_catalog", "current_date",
	"current_role", "current_schema", "current_time", "current_timestamp", "current_user",
	"default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "false",
	"fetch", "for", "foreign", "freeze", "from", "full", "grant", "group", "having",
	"ilike", "in", "initially", "inner", "intersect", "into", "is", "isnull", "join",
	"leading", "left", "like", "limit", "localtime", "localtimestamp", "natural", "new",
	"not", "notnull", "null", "of", "off", "offset", "old", "on", "only", "or", "order",
	"outer", "over", "overlaps", "placing", "primary", "references", "returning", "right",
	"select", "session_user", "similar", "some", "symmetric", "table", "then", "to",
	"trailing", "true", "union", "unique", "user", "using", "variadic", "verbose", "when",
	"where", "window", "with",
};

/* The same for SQLite (its key words that cannot be bare names). */
static const char *const sqlite_reserved[] = {
	"add", "after", "all", "alter", "analyze", "and", "as", "asc", "attach",
	"autoincrement", "before", "begin", "between", "by", "cascade", "case", "cast",
	"check", "collate", "column", "commit", "conflict", "constraint", "create", "cross",
	"current_date", "current_time", "current_timestamp", "database", "default",
	"deferrable", "deferred", "delete", "desc", "detach", "distinct", "drop", "each",
	"else", "end", "escape", "except", "exclusive", "exists", "explain", "fail", "false",
	"for", "foreign", "from", "full", "glob", "group", "having", "if", "ignore",
	"immediate", "in", "index", "indexed", "initially", "inner", "insert", "instead",
	"intersect", "into", "is", "isnull", "join", "key", "left", "like", "limit", "match",
	"natural", "not", "notnull", "null", "of", "offset", "on", "or", "order", "outer",
	"plan", "pragma", "primary", "query", "raise", "references", "reindex", "rename",
	"replace", "restrict", "right", "rollback", "row", "select", "set", "table", "temp",
	"temporary", "then", "to", "transaction", "trigger", "true", "union", "unique",
	"update", "using", "vacuum", "values", "view", "virtual", "when", "where",
};

static int cmp_word(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

static int is_reserved(const char *dialect, const char *word)
{
	int pg = dialect && ald__streq(dialect, "postgresql");
	const char *const *words = pg ? pg_reserved : sqlite_reserved;
	size_t n = pg ? sizeof(pg_reserved) / sizeof(*pg_reserved)
		      : sizeof(sqlite_reserved) / sizeof(*sqlite_reserved);
	return bsearch(word, words, n, sizeof(*words), cmp_word) != NULL;
}

/* Whether SQLAlchemy would quote `s`. */
static int needs_quotes(const char *dialect, const char *s)
{
	if (*s == '\0' || (*s >= '0' && *s <= '9') || *s == '$')
		return 1;
	for (const char *c = s; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_' || *c == '$'))
			return 1;
	return is_reserved(dialect, s);
}

static char *quoted(const char *s)
{
	struct ald_buf b = {0};
	ald__buf_putc(&b, '"');
	for (; *s; s++) {
		if (*s == '"')
			ald__buf_putc(&b, '"');
		ald__buf_putc(&b, *s);
	}
	ald__buf_putc(&b, '"');
	return ald__buf_detach(&b);
}

char *ald__vsql_ident(const char *dialect, const char *ident)
{
	return needs_quotes(dialect, ident) ? quoted(ident) : ald__xstrdup(ident);
}

char *ald__vsql_table(const char *dialect, const char *table, const char *schema)
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

char *ald__vsql_create(const char *dialect, const char *table, const char *schema)
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

char *ald__vsql_insert(const char *dialect, const char *table, const char *schema, const char *rev)
{
	char *t = ald__vsql_table(dialect, table, schema);
	char *lit = ald__sql_literal(rev);
	char *out;
	if (dialect && ald__streq(dialect, "postgresql"))
		out = ald__xasprintf("INSERT INTO %s (version_num) VALUES (%s) RETURNING %s.version_num",
				    t, lit, t);
	else
		out = ald__xasprintf("INSERT INTO %s (version_num) VALUES (%s)", t, lit);
	free(lit);
	free(t);
	return out;
}

char *ald__vsql_update(const char *dialect, const char *table, const char *schema,
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

char *ald__vsql_delete(const char *dialect, const char *table, const char *schema, const char *rev)
{
	char *t = ald__vsql_table(dialect, table, schema);
	char *lit = ald__sql_literal(rev);
	char *out = ald__xasprintf("DELETE FROM %s WHERE %s.version_num = %s", t, t, lit);
	free(lit);
	free(t);
	return out;
}

char *ald__vsql_purge(const char *dialect, const char *table, const char *schema)
{
	char *t = ald__vsql_table(dialect, table, schema);
	char *out = ald__xasprintf("DELETE FROM %s", t);
	free(t);
	return out;
}

char *ald__vsql_drop(const char *dialect, const char *table, const char *schema)
{
	char *t = ald__vsql_table(dialect, table, schema);
	char *out = ald__xasprintf("DROP TABLE %s", t);
	free(t);
	return out;
}

char *ald__vsql_select(const char *dialect, const char *table, const char *schema)
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

void ald__vsql_make(struct ald_vsql *out, enum ald_vsql_kind kind, const char *dialect,
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
