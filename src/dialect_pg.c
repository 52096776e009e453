/* dialect_pg.c - PostgreSQL's SQL facts (dialect.h): SQLAlchemy's reserved
 * words, the catalogue query of a table, RETURNING, transactional DDL
 * (offline scripts in BEGIN/COMMIT), the advisory lock alone, BIGSERIAL. */
#include "dialect.h"
#include "db_internal.h"
#include "schema.h"
#include "util.h"

#include <stdlib.h>

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

static const char *const pg_schemes[] = {"postgresql", "postgres", NULL};

/* A table, partitioned table, view, materialized view or foreign table of
 * the schema, or else visible on the search_path. */
static char *pg_table_exists_sql(const struct ald_dialect *d, const char *table, const char *schema)
{
	(void)d;
	char *ltable = ald__sql_literal(table);
	char *lschema = schema ? ald__sql_literal(schema) : NULL;
	char *cond = schema ? ald__xasprintf("n.nspname = %s", lschema)
			    : ald__xstrdup("pg_catalog.pg_table_is_visible(c.oid)");
	char *out = ald__xasprintf("SELECT c.relname FROM pg_catalog.pg_class c "
				  "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
				  "WHERE c.relname = %s AND c.relkind IN ('r', 'p', 'v', 'm', 'f') "
				  "AND %s", ltable, cond);
	free(cond);
	free(lschema);
	free(ltable);
	return out;
}

const struct ald_dialect ald__dialect_postgresql = {
	.name = "postgresql",
	.title = "PostgreSQL",
	.url_schemes = pg_schemes,
	.file_database = 0,
	.open = ald__db_pg_open,
	.reserved = pg_reserved,
	.n_reserved = sizeof(pg_reserved) / sizeof(*pg_reserved),
	.quote_ident = ald__dialect_quote_double,
	.table_exists_sql = pg_table_exists_sql,
	.main_file_query = NULL,
	.insert_returning = 1,
	.transactional_ddl = 1,
	.offline_begin = "BEGIN;\n\n",
	.offline_commit = "COMMIT;\n\n",
	.file_lock = 0,
	.history_id_type = "BIGSERIAL PRIMARY KEY",
	.field_join_sql = " || chr(31) || ",
	.schema_entries = ald__schema_pg_entries,
	.split = ALD_SQL_POSTGRESQL,
	.lint_rules = 1,
};
