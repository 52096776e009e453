/* run_progress.c - the record of a non-transactional step while it runs, so
 * that a run killed in the middle of one is reported exactly and can be
 * resumed (see run.h).
 *
 * A revision marked "Transactional: false" runs each statement on its own
 * (CREATE INDEX CONCURRENTLY cannot run in a transaction), so a kill can
 * leave some of its statements applied and its version row unwritten. While
 * such a step runs, one row in the table <version_table>_progress (beside the
 * version table, created when first needed) says which revision, which
 * direction, how many statements there are, which one was started last and
 * how many completed; each change of it commits on its own. The step's
 * version rows and the removal of the progress row commit together.
 *
 * Reading it back: done == running means the run stopped cleanly after
 * `done` statements; running == done + 1 means statement `running` was
 * running when the run ended, and may or may not have completed.
 */
#include "error.h"
#include "run.h"
#include "version_sql.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The progress table's name: "<version_table>_progress". The caller's. */
static char *progress_name(const char *table)
{
	return ald__xasprintf("%s_progress", table ? table : "alembic_version");
}

/* The qualified, quoted name of the progress table. The caller's. */
static char *progress_table(struct ald_db *db, const char *table, const char *schema)
{
	char *name = progress_name(table);
	char *q = ald__vsql_table(ald__db_dialect_of(db), name, schema);
	free(name);
	return q;
}

/* Runs `fmt` with the table name `t` put in its one %s. */
static int exec_on(struct ald_db *db, const char *fmt, const char *t)
{
	char *sql = ald__xasprintf(fmt, t);
	int error = ald__db_exec(db, sql, NULL);
	free(sql);
	return error;
}

int ald__progress_read(struct ald_progress_row *out, struct ald_db *db, const char *table, const char *schema)
{
	memset(out, 0, sizeof(*out));
	char *name = progress_name(table);
	int exists = 0;
	int error = ald__db_version_table_exists(db, name, schema, &exists);
	free(name);
	if (error < 0 || !exists)
		return error;
	char *t = progress_table(db, table, schema);
	char *sql = ald__xasprintf("SELECT revision || ' ' || direction || ' ' || CAST(done AS VARCHAR(20)) || ' ' || "
				  "CAST(running AS VARCHAR(20)) || ' ' || CAST(total AS VARCHAR(20)) FROM %s",
				  t);
	struct ald_strvec rows = {0};
	error = ald__db_query_strings(db, sql, &rows);
	if (error == 0 && rows.n > 0) {
		char rev[64], dir[16];
		unsigned long done, running, total;
		if (sscanf(rows.v[0], "%63s %15s %lu %lu %lu", rev, dir, &done, &running, &total) == 5) {
			out->revision = ald__xstrdup(rev);
			out->upgrade = ald__streq(dir, "upgrade");
			out->done = done;
			out->running = running;
			out->total = total;
		} else {
			error = ald__error_set(ALD_EINVALID, "the progress table %s holds a row aludel cannot read: %s", t,
					      rows.v[0]);
		}
	}
	ald__strvec_free(&rows);
	free(sql);
	free(t);
	return error;
}

void ald__progress_row_clear(struct ald_progress_row *r)
{
	free(r->revision);
	memset(r, 0, sizeof(*r));
}

int ald__progress_start(struct ald_db *db, const char *table, const char *schema, const char *rev, int upgrade,
		       size_t done, size_t total)
{
	char *t = progress_table(db, table, schema);
	char *counts = ald__xasprintf("%zu, %zu, %zu", done, done, total);
	int error = ald__db_begin(db);
	if (error == 0)
		error = exec_on(db,
				"CREATE TABLE IF NOT EXISTS %s (revision VARCHAR(32) NOT NULL, direction "
				"VARCHAR(9) NOT NULL, done INTEGER NOT NULL, running INTEGER NOT NULL, total "
				"INTEGER NOT NULL)",
				t);
	if (error == 0)
		error = exec_on(db, "DELETE FROM %s", t);
	if (error == 0) {
		char *lit = ald__sql_literal(rev);
		char *sql = ald__xasprintf("INSERT INTO %s (revision, direction, done, running, total) VALUES "
					  "(%s, '%s', %s)",
					  t, lit, upgrade ? "upgrade" : "downgrade", counts);
		error = ald__db_exec(db, sql, NULL);
		free(sql);
		free(lit);
	}
	error = error == 0 ? ald__db_commit(db) : error;
	if (error < 0 && ald__db_in_transaction(db))
		ald__db_rollback(db);
	free(counts);
	free(t);
	return error;
}

int ald__progress_mark(struct ald_db *db, const char *table, const char *schema, size_t running, size_t done)
{
	char *t = progress_table(db, table, schema);
	char *sql = ald__xasprintf("UPDATE %s SET running = %zu, done = %zu", t, running, done);
	int error = ald__db_exec(db, sql, NULL);
	free(sql);
	free(t);
	return error;
}

int ald__progress_clear(struct ald_db *db, const char *table, const char *schema)
{
	char *name = progress_name(table);
	int exists = 0;
	int error = ald__db_version_table_exists(db, name, schema, &exists);
	free(name);
	if (error < 0 || !exists)
		return error;
	char *t = progress_table(db, table, schema);
	error = exec_on(db, "DELETE FROM %s", t);
	free(t);
	return error;
}

char *ald__progress_describe(const struct ald_progress_row *row)
{
	struct ald_buf b = {0};
	ald__buf_printf(&b, "revision %s (%s, Transactional: false) stopped after statement %zu of %zu",
		       row->revision, row->upgrade ? "upgrade" : "downgrade", row->done, row->total);
	if (row->running > row->done)
		ald__buf_printf(&b, "; statement %zu was running and may or may not have completed", row->running);
	return ald__buf_detach(&b);
}

int ald__progress_apply(struct ald_plan_data *p, const struct ald_graph *g, const struct ald_progress_row *row,
		       int resume)
{
	if (!row->revision || p->kind == ALD_STEP_STAMP)
		return 0;
	struct ald_step *st = p->n_steps ? &p->steps[0] : NULL;
	int matches = st && st->rev != ALD_NOREV && ald__streq(g->revs[st->rev].file.id, row->revision) &&
		      (st->kind == ALD_STEP_UPGRADE) == row->upgrade && st->sql.n == row->total && !st->transactional;
	char *what = ald__progress_describe(row);
	int error = 0;
	if (matches && resume) {
		st->skip = row->done;
	} else if (matches) {
		error = ald__error_set(ALD_EUNFINISHED,
				      "In an earlier run, %s. Look at the database, then either run this command "
				      "again with --resume to run statements %zu to %zu, or set the version table "
				      "by hand with `aludel stamp` (which forgets this record).",
				      what, row->done + 1, row->total);
	} else {
		error = ald__error_set(ALD_EUNFINISHED,
				      "In an earlier run, %s, and this command does not start by %s it. Finish it "
				      "first with --resume on a command that does (%s), or set the version table "
				      "by hand with `aludel stamp` (which forgets this record).",
				      what, row->upgrade ? "upgrading" : "downgrading",
				      row->upgrade ? "`aludel upgrade <revision> --resume`" : "a downgrade whose first "
				      "step is that revision");
	}
	free(what);
	return error;
}
