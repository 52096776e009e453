/* project_ensure.c - `ensure_version`: creating the project's version table
 * when it is missing (Alembic's ensure_version), online or as the --sql
 * script, with the same CREATE TABLE text the plans use (version_sql.h). */
#include "error.h"
#include "project.h"
#include "run.h"
#include "version_sql.h"

#include <stdlib.h>

int ald_project_ensure_version_sql(char **out, const ald_project *p)
{
	ald__error_clear();
	const struct ald_dialect *d = ald__project_dialect(p);
	char *create = ald__vsql_create(d, p->config.version_table, p->config.version_table_schema);
	char *stmt = ald__vsql_offline(create);
	/* with transactional DDL (PostgreSQL) the script is one transaction, as
	 * the --sql scripts of upgrade and stamp are */
	*out = d->transactional_ddl ? ald__xasprintf("%s%s%s", d->offline_begin, stmt, d->offline_commit)
				    : ald__xstrdup(stmt);
	free(stmt);
	free(create);
	return 0;
}

int ald_project_ensure_version(int *created, ald_project *p, long lock_timeout_ms)
{
	struct ald_db *db = NULL;
	struct ald_run_lock lock = {0};
	const char *table = p->config.version_table, *schema = p->config.version_table_schema;
	int exists = 0, error;

	ald__error_clear();
	if (created)
		*created = 0;
	if ((error = ald__project_db(&db, p)) < 0 || (error = ald__db_refuse_temporary(db)) < 0)
		return error;
	/* the run lock: a migration running meanwhile finishes first, and two
	 * ensure_version never both try to create the table */
	if ((error = ald__run_lock_take(&lock, db, table, schema, lock_timeout_ms, NULL, NULL)) < 0)
		return error;
	if ((error = ald__db_begin(db)) < 0)
		goto done;
	error = ald__db_version_table_exists(db, table, schema, &exists);
	if (error == 0 && !exists) {
		char *sql = ald__vsql_create(ald__db_dialect_of(db), table, schema);
		error = ald__db_exec(db, sql, NULL);
		free(sql);
	}
	error = error < 0 ? error : ald__db_commit(db);
	if (error < 0)
		ald__db_rollback(db);
	else if (created)
		*created = !exists;
done:
	ald__run_lock_release(&lock, db);
	return error;
}
