/* plan.h - migration plans as data: the ordered steps of an upgrade,
 * downgrade or stamp, the SQL each step runs and the exact version-table
 * statements after it, computed without a database from the graph, the rows
 * of the version table and the command. One plan gives the offline `--sql`
 * script, the progress lines and the TUI's preview, and is what the runner
 * executes.
 *
 * A plan refers to revisions by their index in the graph it was built from
 * (keep the graph alive while the plan is used); everything else it holds
 * is its own.
 *
 * Behaviour reference: doc/alembic-compat.md §4.4-4.5 (order), §5.2
 * (row maintenance), §5.4 (stamp), §6.8 (offline script), §8 (deterministic
 * choices: where Alembic 1.8.1 iterates a Python set, map order is used;
 * where it crashes with KeyError, the plan does what §5.2 means).
 */
#ifndef ALD_PLAN_H
#define ALD_PLAN_H

#include <stddef.h>

#include "graph.h"
#include "sql_split.h"
#include "util.h"
#include "version_sql.h"

/* How the plan's statements are written. */
struct ald_plan_config {
	const struct ald_dialect *dialect; /* dialect.h; NULL: ALD_DIALECT_DEFAULT */
	const char *version_table;        /* NULL: "alembic_version" */
	const char *version_table_schema; /* NULL: none (PostgreSQL schema) */
	int transaction_per_migration;    /* commit after every step instead of once */
	int offline;                      /* --sql: a script for a database assumed at the rows given */
	int table_exists;                 /* online: whether the version table exists already */
	int lazy;                         /* upgrade/downgrade: make only the first step now, the
	                                     others when asked for (ald__plan_make_steps); the
	                                     downgrade-section check still covers every step */
	const struct ald_dialect *split_dialect; /* the database URL's: its `split` rules split
	                                     the revisions' statements (sql_split.h); NULL (no
	                                     URL): ALD_SQL_ANY, PostgreSQL's */
};

enum ald_step_kind { ALD_STEP_UPGRADE, ALD_STEP_DOWNGRADE, ALD_STEP_STAMP };

struct ald_step {
	enum ald_step_kind kind;
	size_t rev;              /* upgrade/downgrade: the revision run; stamp: the revision
	                            stamped to, ALD_NOREV for a "delete" step of a stamp to base */
	struct ald_ixvec from;   /* stamp: the "from" revisions of the log line (may be empty) */
	int transactional;       /* 0: run outside any transaction ("Transactional: false") */
	size_t skip;             /* resuming: the first `skip` statements ran in an earlier run */
	int create_table;        /* the set of rows is empty before this step: an offline
	                            script creates the version table here (§6.8) */
	struct ald_stmts sql;    /* the revision's statements with their file lines;
	                            empty for a stamp */
	struct ald_vsql *vsql;   /* the version-table statements after them (INSERT, UPDATE,
	                            DELETE), exact text for the dialect (version_sql.h) */
	size_t n_vsql;
	char *label;             /* Alembic's log text: "Running upgrade a -> b, message" */
	char *comment;           /* the offline comment text: "Running upgrade a -> b" */
	char *note;              /* SQL comment lines printed after the comment, or NULL (a
	                            .py step whose SQL Alembic could not give: why, and its
	                            source) */
};

struct ald_plan_data {
	enum ald_step_kind kind; /* the command: upgrade, downgrade or stamp */
	int offline;             /* built for an offline script (cfg->offline) */
	int purge;               /* stamp --purge: every row is deleted before the steps */
	int create_table;        /* online: the version table is missing and must be created
	                            before anything else */
	unsigned downgrade_flags;/* ALD_DOWNGRADE_* of resolve.h: ALD_DOWNGRADE_AMBIGUOUS_ROWS
	                            asks for Alembic's warning "downgrade -1 from multiple
	                            heads is ambiguous; ..." */
	struct ald_vsql *pre;    /* online: what runs before the first step, in order:
	                            CREATE TABLE (create_table), DELETE FROM (purge) */
	size_t n_pre;
	struct ald_step *steps;
	size_t n_steps;
	struct ald_ixvec rows;       /* the rows assumed before the plan, table order */
	struct ald_ixvec final_rows; /* the rows after the last step, table order (an INSERT
	                                appends, an UPDATE keeps its place: SQLite's rowid order);
	                                of a lazy plan, only once every step is made */
	size_t n_ready;          /* steps [0, n_ready) are made: label, statements, version
	                            statements; the others have kind, rev and transactional
	                            only (a lazy plan, ald__plan_make_steps); else n_steps */
	struct ald_ixvec ready_rows; /* the rows after step n_ready - 1 (a lazy plan) */
	unsigned char *applied;  /* kept by ald__plan_step_versions_kept beside ready_rows:
	                            the applied record, scratch, the rows' places */
};

/* One stamp argument, resolved. */
struct ald_stamp_arg {
	struct ald_ixvec dests;   /* the revisions it names (get_revisions); none for base */
	struct ald_ixvec lineage; /* a row is "from" when it shares lineage (dependencies
	                             included) with one of these */
	int every_row;            /* every row shares lineage (base, or nothing to test against) */
};

/* Plans `upgrade target` from the version table's `rows` (table order; ids
 * exactly as stored): the steps are Alembic's (§4.4), each with the
 * revision's upgrade statements and the version statements of §5.2. Errors:
 * a row unknown to the graph ("Can't locate revision identified by '<x>'",
 * ALD_ENOTFOUND), a ':' in the target ("Range revision not allowed",
 * ALD_EUSAGE), resolution errors, a step through an Alembic .py revision, a
 * statement the splitter rejects ("<path>:<line>: ..."). *out is the caller's. */
int ald__plan_build_upgrade(struct ald_plan_data **out, const struct ald_graph *g, const char *target,
			   const char *const *rows, size_t n_rows, const struct ald_plan_config *cfg);
/* Plans `downgrade target` (§4.5). Also fails, before anything runs, when a
 * step's native revision has no downgrade section: `<path>: revision <id> has
 * no "-- migrate:downgrade" section and cannot be downgraded`. */
int ald__plan_build_downgrade(struct ald_plan_data **out, const struct ald_graph *g, const char *target,
			     const char *const *rows, size_t n_rows, const struct ald_plan_config *cfg);
/* Plans `stamp targets...` (§5.4): each target through get_revisions
 * (resolve.h); several heads for `head` is "Multiple heads are present;
 * please specify a single target revision". With `purge` the rows are
 * ignored (they may be unknown to the graph) and the plan starts from an
 * empty table; purge is refused offline ("Can't use --purge with --sql
 * mode", ALD_EUSAGE). No targets means base. */
int ald__plan_build_stamp(struct ald_plan_data **out, const struct ald_graph *g, const char *const *targets,
			 size_t n_targets, const char *const *rows, size_t n_rows, int purge,
			 const struct ald_plan_config *cfg);

/* The same plans from an already ordered list of revisions (oldest first for
 * an upgrade, newest first for a downgrade), for callers and tests that did
 * the resolution themselves. kind is ALD_STEP_UPGRADE or ALD_STEP_DOWNGRADE. */
int ald__plan_build_from_revs(struct ald_plan_data **out, const struct ald_graph *g, enum ald_step_kind kind,
			     const size_t *revs, size_t n_revs, const char *const *rows, size_t n_rows,
			     const struct ald_plan_config *cfg);

/* The same stamp from resolved arguments (what ald__plan_build_stamp does after
 * resolving each target). */
int ald__plan_build_stamp_args(struct ald_plan_data **out, const struct ald_graph *g, const struct ald_stamp_arg *args,
			      size_t n_args, const char *const *rows, size_t n_rows, int purge,
			      const struct ald_plan_config *cfg);

/* Offline ranges (§3.5). Splits "A:B" into *start (NULL without a ':') and
 * *dest, both the caller's; more than one ':' is "Invalid range 'a:b:c'"
 * (1.8.1 crashes). */
int ald__plan_split_range(char **start, char **dest, const char *arg);
/* The rows an offline script assumes for the start A of "A:B": none for NULL
 * or "base", else the id of the single revision A names (Alembic's
 * get_revision: several, e.g. `heads` with two heads, is the Multiple head
 * revisions error naming A; an empty A is an error). Appends copies of the
 * ids to *rows. An offline plan is then built from these rows with
 * cfg->offline set; `downgrade --sql` without a range and `stamp --sql` with
 * different starts are the caller's errors (the CLI checks them). */
int ald__plan_offline_rows(struct ald_strvec *rows, const struct ald_graph *g, const char *start);

/* The complete offline script of the plan, as `alembic ... --sql` prints it
 * (§6.8): BEGIN/COMMIT on PostgreSQL (once, or around each step with
 * transaction_per_migration; a non-transactional step outside any), the
 * version table's CREATE TABLE before a step that starts from no rows, a
 * "-- Running ..." comment before each step, every statement followed by ";"
 * and a blank line. Unlike 1.8.1 (§8.2.9) it never ends with DROP TABLE.
 * A plan built online renders the same way, its `pre` statements first.
 * `cfg` is the configuration the plan was built with. *out is the caller's. */
int ald__plan_render_sql(char **out, const struct ald_plan_data *p, const struct ald_plan_config *cfg);

void ald__plan_data_free(struct ald_plan_data *p);

/* Reads and splits the statements step st runs (plan_load.c); the checks
 * that make a plan fail before anything runs: a revision to downgrade
 * without a downgrade section, a file changed since it was read, a
 * statement the splitter rejects ("<path>:<line>: ..."). */
int ald__plan_load_sql(struct ald_step *st, const struct ald_graph *g, const struct ald_plan_config *cfg);

/* From this many steps on, ald__plan_make_steps loads them all at once. */
#define ALD_PLAN_LOAD_PARALLEL_MIN 64
/* The first step ald__plan_load_sql_many could not load: its error. */
struct ald_plan_load_failure {
	int code;
	char *message; /* owned; NULL: none failed */
};
/* ald__plan_load_sql for the n steps, by worker threads beside the calling
 * one. Returns how many steps from the first were loaded; when that is
 * less than n, *fail holds the error of the step after them (the caller's:
 * ald__plan_load_failure_raise), and the later steps are left unloaded, as
 * one step at a time leaves them. */
size_t ald__plan_load_sql_many(struct ald_plan_load_failure *fail, struct ald_step *steps, size_t n,
			       const struct ald_graph *g, const struct ald_plan_config *cfg);
/* Makes *fail the calling thread's error and frees its message; returns the code. */
int ald__plan_load_failure_raise(struct ald_plan_load_failure *fail);

/* Makes the steps of a lazy plan up to `upto` (at most n_steps): each one's
 * label, statements (reading its file: the splitter's errors come here) and
 * version statements, in order. A step that fails stays unmade (asking again
 * fails again). Nothing to do on a plan already made that far. */
int ald__plan_make_steps(struct ald_plan_data *p, const struct ald_graph *g, const struct ald_plan_config *cfg,
			size_t upto);
/* The label of step i (ald_step.label), made now if the step is not. */
const char *ald__plan_data_label(struct ald_plan_data *p, const struct ald_graph *g, size_t i);
/* ald__plan_render_sql stopping after step `max_steps` (the text is then the
 * complete script's prefix up to there), followed by the line
 * "-- aludel: N more steps not shown (M in all)". The steps shown must be
 * made. With max_steps >= n_steps, the complete script. */
int ald__plan_render_sql_head(char **out, const struct ald_plan_data *p, const struct ald_plan_config *cfg,
			     size_t max_steps);

/* ---- Shared by plan.c, plan_versions.c and plan_sql.c only. ---- */

/* Appends to st the version operations and statements that follow upgrade
 * or downgrade step st->rev (§5.2) and applies them to `rows`. `*applied`
 * (NULL at first; owned by the plan, g->n bytes) is plan_versions.c's record
 * of the revisions at or below the rows of an upgrade. */
void ald__plan_step_versions_kept(struct ald_step *st, struct ald_ixvec *rows, unsigned char **applied,
				 const struct ald_graph *g, const struct ald_plan_config *cfg);
/* The same for one step alone (its record made and dropped). */
void ald__plan_step_versions(struct ald_step *st, struct ald_ixvec *rows, const struct ald_graph *g,
			    const struct ald_plan_config *cfg);
/* Appends the steps of a stamp of `args` (§5.4) to p, starting from `rows`,
 * which it updates. Sets each step's rev, from, create_table and vsql (not
 * the labels). */
void ald__plan_stamp_steps(struct ald_plan_data *p, struct ald_ixvec *rows, const struct ald_graph *g,
			  const struct ald_stamp_arg *args, size_t n_args, const struct ald_plan_config *cfg);
/* Fills *out with a version statement of `kind` for cfg's dialect and table
 * (ald__vsql_make with the defaults: table "alembic_version", no schema). */
void ald__plan_vsql(struct ald_vsql *out, enum ald_vsql_kind kind, const struct ald_plan_config *cfg,
		   const char *from, const char *to);

#endif
