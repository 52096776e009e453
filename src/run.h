/* run.h - executing a migration on a database, safely.
 *
 * ald__run() takes the migration lock, reads the version table, plans the
 * command from those rows (plan.h) and runs the plan:
 *  - transactions: one around the whole run by default (both dialects);
 *    with cfg->transaction_per_migration a commit after each step (its
 *    statements and its version statements); a step whose revision says
 *    "Transactional: false" first commits what is open, runs its statements
 *    outside any transaction, then writes its version rows in a short
 *    transaction of their own right after them, and what follows opens a new
 *    transaction;
 *  - failure: the open transaction is rolled back (the version table is as it
 *    was before that transaction began) and the message names the step, the
 *    revision, its file, the line of the failing statement, the statement,
 *    the database's text (SQLSTATE and position on PostgreSQL) and what stays
 *    applied;
 *  - interrupt: ald__db_cancel(db) from another thread or a signal handler
 *    stops the running statement (and the runner before its next statement:
 *    db's cancel request is sticky); the run rolls back and fails with
 *    ALD_EINTERRUPTED. The runner clears the request when it returns.
 *
 * Alembic .py revisions: what is open is committed first, then consecutive
 * .py steps are run by the project's own Alembic as one child process
 * (run_alembic.c), in the transactions its env.py opens; the version table
 * is read again after it. The lock stays held meanwhile, so no other aludel
 * run interleaves.
 *
 * Non-transactional steps leave a record while they run (run_progress.c):
 * a later run finds it under the lock and fails with ALD_EUNFINISHED, unless
 * it resumes that step (req->resume: its first `done` statements are
 * skipped) or is a stamp (which forgets the record).
 *
 * The lock: PostgreSQL, a session-level advisory lock keyed on the version
 * table's name ("schema.table" or "table"), held from before the rows are
 * read until after the last commit. SQLite, an exclusive flock() on the file
 * "<database file>.aludel-lock" beside the database (none for an in-memory or
 * temporary database; the file is left in place, removing it would race with
 * a waiting run), plus BEGIN IMMEDIATE for every transaction.
 */
#ifndef ALD_RUN_H
#define ALD_RUN_H

#include <stddef.h>

#include "alembic.h"
#include "db.h"
#include "graph.h"
#include "plan.h"

/* The command to run; it is planned under the lock from the rows read then. */
struct ald_run_request {
	enum ald_step_kind kind;     /* ALD_STEP_UPGRADE, _DOWNGRADE or _STAMP */
	const char *target;          /* upgrade/downgrade: the target as typed */
	const char *const *targets;  /* stamp: the targets (none: base) */
	size_t n_targets;
	int purge;                   /* stamp --purge */
	int resume;                  /* go on with a non-transactional revision that stopped part-way */
};

struct ald_run_config {
	long lock_timeout_ms;        /* how long to wait for another run's lock; < 0: forever */
	/* Called once when another run holds the lock and this one starts waiting
	 * (SQLite: also when another connection holds the database's write lock). */
	void (*waiting)(void *payload);
	/* Called when step `step` of `plan` starts (done = 0, seconds = 0), ends
	 * (done = 1, seconds = its time on a monotonic clock) or fails or is
	 * interrupted (done = -1, seconds until then). */
	void (*progress)(const struct ald_plan_data *plan, size_t step, int done, double seconds,
			 void *payload);
	void *payload;               /* given to both callbacks */
	/* How to start the project's Alembic for steps of .py revisions (NULL:
	 * such a step fails before it starts). */
	const struct ald_alembic_ctx *alembic;
	/* The history table (history_table.h) in version_table_schema: a row
	 * per step, written in its transaction; NULL: none. */
	const char *history_table;
};

/* Runs `req` on `db` (see the top of this file). `cfg` gives the version table
 * and transaction_per_migration; its dialect, offline and table_exists are
 * ignored (taken from db and the database). `o` may be NULL (wait forever, no
 * callbacks). *executed (if not NULL) receives the plan built under the lock,
 * also when running it failed (then it shows what was attempted), NULL when no
 * plan was built; the caller frees it with ald__plan_data_free.
 * Errors: ALD_ELOCKED (lock timeout; nothing ran), the plan builder's errors
 * (nothing ran: an unknown row, a .py revision, a missing downgrade section,
 * resolution errors), ALD_EDB (a statement, version statement, BEGIN or
 * COMMIT failed: the message described at the top), ALD_EINTERRUPTED, and
 * ALD_EUSAGE for an offline cfg. */
int ald__run(struct ald_plan_data **executed, struct ald_db *db, const struct ald_graph *g,
	    const struct ald_run_request *req, const struct ald_plan_config *cfg,
	    const struct ald_run_config *o);

/* ---- Shared by run.c, run_lock.c and run_alembic.c only. ---- */

/* Progress of one step (done: 0 started, 1 ended, -1 failed). */
typedef void (*ald_step_progress)(void *payload, size_t step, int done, double seconds);

/* What one Alembic run of a chunk of .py steps did. */
struct ald_py_chunk {
	size_t next;                 /* the first step after the chunk (on success) */
	size_t failed_step;          /* on failure: the step that failed or was running */
	char *command;               /* what Alembic was asked, e.g. "upgrade heads" (NULL: nothing) */
	char *alembic_output;        /* on failure: Alembic's error (the whole tail with raiseerr) */
	struct ald_strvec rows_after;/* the version table read after the run */
};
/* Runs the .py steps of p from `first` on (all of them that follow in a
 * row, or fewer when no single target gives them all) through Alembic, from
 * the rows in the table now; `whole` is the command's own target. Nothing
 * may be open on db. Errors: no exact target (nothing ran), Alembic's
 * failure (ALD_ERROR) or interrupt (ALD_EINTERRUPTED) with res->alembic_output,
 * rows different from the plan's while steps remain. res->rows_after is read
 * whatever happened. Free res with ald__py_chunk_clear. */
int ald__run_python_chunk(struct ald_py_chunk *res, struct ald_db *db, const struct ald_graph *g,
			 const struct ald_plan_data *p, size_t first, const char *whole,
			 const struct ald_plan_config *cfg, const struct ald_alembic_ctx *ctx,
			 ald_step_progress progress, void *payload);
/* Runs a whole stamp plan (at least one step) as `alembic stamp [--purge]
 * targets...` (none: base); errors and res as for a chunk. */
int ald__run_alembic_stamp(struct ald_py_chunk *res, struct ald_db *db, const struct ald_graph *g,
			  const struct ald_plan_data *p, const char *const *targets, size_t n_targets, int purge,
			  const struct ald_plan_config *cfg, const struct ald_alembic_ctx *ctx,
			  ald_step_progress progress, void *payload);
void ald__py_chunk_clear(struct ald_py_chunk *res);

/* ---- The progress of non-transactional steps (run_progress.c) ---- */

/* The row of <version_table>_progress. */
struct ald_progress_row {
	char *revision;   /* NULL: there is no row */
	int upgrade;      /* 1 upgrade, 0 downgrade */
	size_t done;      /* statements completed */
	size_t running;   /* the statement started last (done when none was running) */
	size_t total;     /* statements of the step */
};
/* Reads the row (none when the table or the row is missing). */
int ald__progress_read(struct ald_progress_row *out, struct ald_db *db, const char *table, const char *schema);
void ald__progress_row_clear(struct ald_progress_row *r);
/* In a short transaction of its own: creates the table when missing and
 * makes the row (rev, direction, done, running = done, total) its only one. */
int ald__progress_start(struct ald_db *db, const char *table, const char *schema, const char *rev, int upgrade,
		       size_t done, size_t total);
/* Updates the row outside any transaction (each call commits). */
int ald__progress_mark(struct ald_db *db, const char *table, const char *schema, size_t running, size_t done);
/* Deletes the row, in whatever transaction is open (none: at once); no
 * table, nothing to do. */
int ald__progress_clear(struct ald_db *db, const char *table, const char *schema);
/* "revision X (upgrade, Transactional: false) stopped after statement 3 of
 * 5[; statement 4 was running and may or may not have completed]". The
 * caller's. */
char *ald__progress_describe(const struct ald_progress_row *row);
/* Checks a plan against the row (if any): resuming, the plan's first step
 * must be the row's revision, direction and statement count, and skips the
 * `done` statements; else ALD_EUNFINISHED with a message saying what to do.
 * Stamps pass. */
int ald__progress_apply(struct ald_plan_data *p, const struct ald_graph *g, const struct ald_progress_row *row,
		       int resume);

/* The migration lock of one run. Zero-initialise, then ald__run_lock_take. */
struct ald_run_lock {
	char *key;                   /* PostgreSQL: the advisory lock's key while held */
	char *file;                  /* SQLite: the lock file (NULL: in-memory database) */
	int fd;                      /* SQLite: the open, locked lock file; -1 none */
	int db_locked;               /* ald__db_lock was called (ald__db_unlock owed) */
	int waited;                  /* the caller's waiting callback was called */
	void (*waiting)(void *payload);
	void *payload;
};

/* Takes the lock for the version table `table` (in `schema`, may be NULL),
 * waiting up to timeout_ms (< 0: forever); `waiting` (may be NULL) is called
 * at most once for the whole run. On SQLite also sets the busy timeout used by
 * BEGIN IMMEDIATE to what is left of timeout_ms. Errors: ALD_ELOCKED naming
 * the database and the lock, ALD_EINTERRUPTED (ald__db_cancel while waiting),
 * ALD_ERROR when the lock file cannot be opened. On failure nothing is held. */
int ald__run_lock_take(struct ald_run_lock *l, struct ald_db *db, const char *table,
		      const char *schema, long timeout_ms, void (*waiting)(void *payload),
		      void *payload);
/* Releases what ald__run_lock_take holds (also after a cancel) and frees it;
 * keeps the thread's error message. Accepts a lock never taken. */
void ald__run_lock_release(struct ald_run_lock *l, struct ald_db *db);

#endif
