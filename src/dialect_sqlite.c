/* dialect_sqlite.c - SQLite's SQL facts (dialect.h): its key words that
 * cannot be bare names, sqlite_master, no RETURNING and no offline
 * BEGIN/COMMIT (Alembic's SQLite implementation has no transactional DDL),
 * a lock file beside the database file, INTEGER PRIMARY KEY. */
#include "dialect.h"
#include "db_internal.h"
#include "schema.h"
#include "util.h"

#include <stdlib.h>

/* SQLite's key words that SQLAlchemy 1.4 quotes when used as a name, sorted
 * for bsearch. */
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

static const char *const sqlite_schemes[] = {"sqlite", NULL};

/* A table of the main database, or of the attached database `schema`; SQLite
 * compares names without regard to case. */
static char *sqlite_table_exists_sql(const struct ald_dialect *d, const char *table, const char *schema)
{
	char *ltable = ald__sql_literal(table);
	char *qschema = d->quote_ident(schema ? schema : "main");
	char *out = ald__xasprintf("SELECT name FROM %s.sqlite_master WHERE type = 'table' "
				  "AND name = %s COLLATE NOCASE", qschema, ltable);
	free(qschema);
	free(ltable);
	return out;
}

const struct ald_dialect ald__dialect_sqlite = {
	.name = "sqlite",
	.title = "SQLite",
	.url_schemes = sqlite_schemes,
	.file_database = 1,
	.open = ald__db_sqlite_open,
	.reserved = sqlite_reserved,
	.n_reserved = sizeof(sqlite_reserved) / sizeof(*sqlite_reserved),
	.quote_ident = ald__dialect_quote_double,
	.table_exists_sql = sqlite_table_exists_sql,
	.main_file_query = "SELECT file FROM pragma_database_list WHERE name = 'main'",
	.insert_returning = 0,
	.transactional_ddl = 0,
	.offline_begin = NULL,
	.offline_commit = NULL,
	.file_lock = 1,
	.history_id_type = "INTEGER PRIMARY KEY",
	.field_join_sql = " || char(31) || ",
	.schema_entries = ald__schema_sqlite_entries,
	.split = ALD_SQL_SQLITE,
	.lint_rules = 0,
};
