/* history_table.h - the run history: one row per step a run made, in the
 * table named by the ini key history_table (default "aludel_history", in
 * version_table_schema), written in the step's own transaction by run.c.
 *
 * Columns: id (ascending with each row), revision (the id; "base" for the
 * step of a stamp to base), direction ("upgrade", "downgrade", "stamp"),
 * checksum (SHA-256 in hex of the code that ran, NULL for a stamp),
 * started_at and finished_at (UTC, ISO 8601 with milliseconds:
 * 2026-12-03T15:39:15.123Z, text so that both dialects store and sort them
 * alike), run_user, run_host, aludel_version.
 *
 * The checksum of a step of a native .sql revision: the statements of its
 * section as the splitter gives them (sql_split.h), each followed by ";\n",
 * through SHA-256; so the same section text gives the same checksum, and a
 * change inside a statement (not only around it, in blank lines between
 * statements) changes it. Of an Alembic .py revision: its upgrade() or
 * downgrade() function's source as ald_revision_sql gives it. The same
 * functions compute both the checksum written and the one a file has now.
 *
 * The history is a side table Alembic never reads: it changes nothing of
 * what Alembic sees in the version table.
 */
#ifndef ALD_HISTORY_TABLE_H
#define ALD_HISTORY_TABLE_H

#include <stddef.h>

#include "db.h"
#include "graph.h"
#include "plan.h"
#include "sql_split.h"

/* What a run needs to write the history. */
struct ald_histtab {
	const struct ald_dialect *dialect;
	const char *table;   /* NULL: no history is written */
	const char *schema;  /* may be NULL */
	int known;           /* the table exists (created by a committed transaction) */
	int pending;         /* CREATE TABLE IF NOT EXISTS ran in the open transaction */
	char *sql;           /* the last statement run (kept for a failure report) */
};

/* A wall-clock UTC timestamp "YYYY-MM-DDTHH:MM:SS.mmmZ" of now. */
#define ALD_HISTTAB_TIME_LEN 32
void ald__histtab_now(char out[ALD_HISTTAB_TIME_LEN]);
/* Seconds between two such timestamps (0 when one cannot be read). */
double ald__histtab_seconds(const char *from, const char *to);

/* CREATE TABLE IF NOT EXISTS of the history table for the dialect, its name
 * quoted as the version table's (ald__vsql_table). Caller frees. */
char *ald__histtab_create_sql(const struct ald_dialect *dialect, const char *table, const char *schema);

/* One row to write. */
struct ald_histtab_row {
	const char *revision;
	const char *direction;       /* "upgrade", "downgrade", "stamp" */
	const char *checksum;        /* NULL: none */
	const char *started, *finished;
};
/* Writes the row in the transaction open on db (creating the table first,
 * if this run has not seen it). Nothing when h->table is NULL. On failure
 * h->sql is the statement that failed. */
int ald__histtab_write(struct ald_histtab *h, struct ald_db *db, const struct ald_histtab_row *row);
/* To call after a commit: what was created is now known to exist. */
void ald__histtab_committed(struct ald_histtab *h);
void ald__histtab_clear(struct ald_histtab *h);

/* The checksum of statements as a step runs them (see the top). */
void ald__histtab_stmts_checksum(char hex[65], const struct ald_stmts *sql);
/* The checksum revision `rev`'s file has now for the direction, read again
 * from the file. Errors: ALD_ENOTFOUND for a downgrade the file does not
 * have (a .py file without upgrade() too), the reading and splitting errors.
 * A native section is split by `dialect`'s rules, as the plan that ran it
 * (ald__project_split_dialect); a .py revision's source is not split. */
int ald__histtab_rev_checksum(char hex[65], const struct ald_rev *rev, int downgrade, enum ald_sql_dialect dialect);

/* The step's direction as the table writes it. */
const char *ald__histtab_direction(enum ald_step_kind kind);

/* The rows of steps [first, end) of p that Alembic ran (or stamped), in a
 * transaction of their own after Alembic committed them: Alembic's
 * transactions are its env.py's, so a row cannot share them. With
 * rows_after (the version table read after a failed Alembic run) only the
 * steps it shows done are written (an upgrade whose revision is applied, a
 * downgrade whose revision is not); NULL: all of them. times[k] holds the
 * start and end of step k as the progress of Alembic's log lines saw them
 * ("" where none was seen: then now). The checksum is of the .py file's
 * upgrade() or downgrade() source now, just after it ran (NULL for a stamp,
 * and where the source cannot be read). On failure the transaction is
 * rolled back, *failed_step is the step whose row failed and h->sql the
 * statement. */
int ald__histtab_write_steps(struct ald_histtab *h, struct ald_db *db, const struct ald_graph *g,
			    const struct ald_plan_data *p, size_t first, size_t end, const struct ald_strvec *rows_after,
			    char (*times)[2][ALD_HISTTAB_TIME_LEN], size_t *failed_step);

/* One row read back. Every string is owned by the row. */
struct ald_histtab_record {
	char *revision, *direction, *checksum, *started, *finished, *user, *host, *version;
};
struct ald_histtab_records {
	struct ald_histtab_record *v;
	size_t n;
};
/* Reads the rows, newest first (at most `max`, 0: all); only those of
 * `direction` when it is not NULL. A missing table gives none. */
int ald__histtab_read(struct ald_histtab_records *out, struct ald_db *db, const char *table, const char *schema,
		     const char *direction, size_t max);
void ald__histtab_records_clear(struct ald_histtab_records *r);

#endif
