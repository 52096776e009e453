/* aludel.h - the public API of libaludel, the aludel migration engine.
 *
 * Conventions (after libgit2; doc/api.md says more):
 *  - every exported name starts with ald_ (the library's internal functions
 *    are ald__*); handles are opaque;
 *  - functions that can fail return int: 0 on success, a negative ALD_E* code
 *    on failure, with the message kept for the calling thread (ald_error_last());
 *  - results come back through out-parameters placed first; what comes back
 *    through `**out` belongs to the caller and has a _free() that accepts NULL;
 *    a pointer returned as the function's value is borrowed from its parent and
 *    lives as long as the parent;
 *  - a callback's `void *payload` comes last;
 *  - an options struct starts with its version: fill it with its _INIT macro
 *    or ald_*_options_init(); an entry point refuses a version it does not know.
 */
#ifndef ALUDEL_H
#define ALUDEL_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Marks a function exported from libaludel; everything else is hidden. */
#if defined(__GNUC__)
#define ALD_EXTERN(type) __attribute__((visibility("default"))) type
#else
#define ALD_EXTERN(type) type
#endif

/* Error codes. */
enum {
	ALD_OK = 0,
	ALD_ERROR = -1,        /* generic error: see the message */
	ALD_ENOTFOUND = -3,    /* a revision, file or key does not exist */
	ALD_EAMBIGUOUS = -5,   /* a partial identifier matches several revisions */
	ALD_EMULTIPLEHEADS = -6, /* a single revision was asked for, several heads exist */
	ALD_ECYCLE = -7,       /* the revision graph has a cycle */
	ALD_EINVALID = -8,     /* malformed input: a header, a file, an identifier */
	ALD_EUSAGE = -9,       /* the request itself is not allowed (e.g. a range online) */
	ALD_EDB = -10,         /* the database reported an error */
	ALD_ELOCKED = -11,     /* the migration lock could not be taken in time */
	ALD_EINTERRUPTED = -12, /* the run was interrupted and rolled back */
	ALD_EUNFINISHED = -13  /* a non-transactional revision stopped part-way in an earlier
	                          run: resume it (ald_plan_options.resume) or stamp */
};

/* The last error of the calling thread. */
typedef struct {
	int code;            /* one of the ALD_E* codes */
	const char *message; /* human-readable message, naming file/line/revision */
} ald_error;

/* The calling thread's last error; never NULL: when none is recorded, a
 * record with code 0 and the message "no error". Borrowed: valid until the
 * next libaludel call on this thread. */
ALD_EXTERN(const ald_error *) ald_error_last(void);

/* The library's version string, e.g. "0.1.0". */
ALD_EXTERN(const char *) ald_version(void);


/* ---------------------------------------------------------------------------
 * Projects: a configuration file, its revision files and their graph.
 */

/* A project: configuration plus the loaded revision graph. */
typedef struct ald_project ald_project;
/* One revision of a project's graph; borrowed from the project. */
typedef struct ald_revision ald_revision;
/* An ordered list of revisions; the list is the caller's (ald_revlist_free),
 * the revisions in it are borrowed from the project. */
typedef struct ald_revlist ald_revlist;

typedef struct {
	unsigned int version;
	const char *config_path;  /* -c: NULL = $ALEMBIC_CONFIG, else aludel.ini, else alembic.ini,
	                             in the current folder */
	const char *section;      /* -n: NULL = [aludel], else [alembic] */
	const char *url;          /* --url: overrides DATABASE_URL and the file's URL */
	const char *const *x_args;/* -x key=value arguments */
	size_t n_x_args;
	/* version 2: */
	int no_cache;             /* --no-cache: the header cache (~/.cache/aludel, see
	                             aludel(1)) is neither read nor written, as with
	                             ALUDEL_CACHE_DIR set empty */
} ald_open_options;
#define ALD_OPEN_OPTIONS_VERSION 2
#define ALD_OPEN_OPTIONS_INIT { ALD_OPEN_OPTIONS_VERSION, NULL, NULL, NULL, NULL, 0, 0 }
/* Fills *opts with the defaults of options version `version` (what
 * ALD_OPEN_OPTIONS_INIT gives, for a caller that names its version at run
 * time); ALD_EUSAGE for a version this library does not know. Every entry
 * point taking options refuses an unknown version the same way. The other
 * option structs have the same function. */
ALD_EXTERN(int) ald_open_options_init(ald_open_options *opts, unsigned int version);

/* Reads the configuration and every revision file, and builds the graph.
 * *out is the caller's (ald_project_free). Errors name the file and line. */
ALD_EXTERN(int) ald_project_open(ald_project **out, const ald_open_options *opts);
/* Frees the project and every revision borrowed from it; NULL is a no-op. */
ALD_EXTERN(void) ald_project_free(ald_project *p);

/* Absolute path of the configuration file in use. */
ALD_EXTERN(const char *) ald_project_config_path(const ald_project *p);
/* The database URL with any password replaced by XXXXX, or NULL when no URL
 * is configured. The unmasked URL is never handed out. */
ALD_EXTERN(const char *) ald_project_url_display(const ald_project *p);
/* 1 when the project is an Alembic project (Python revisions): new revision
 * files are then written as Alembic .py files, else as native .sql files. */
ALD_EXTERN(int) ald_project_is_alembic(const ald_project *p);
/* What the project asks the user to know, once, before the version table is
 * used, or NULL: for an Alembic project whose env.py computes version_table,
 * version_table_schema or transaction_per_migration (aludel reads only the
 * literal arguments of context.configure(...); the ini section's keys win
 * over env.py's), which value aludel uses instead. Borrowed. */
ALD_EXTERN(const char *) ald_project_warning(const ald_project *p);
/* When the header cache was found damaged while the project was read (a
 * checksum that did not verify, a file written for another folder...), a
 * sentence naming the cache file; else NULL. Nothing from it was used: the
 * revision files were read instead, so the project is the same as without
 * the cache. For verbose output only (`-v`). Borrowed. */
ALD_EXTERN(const char *) ald_project_cache_note(const ald_project *p);

/* Number of revisions, and the revision at `i` in map order (files of each
 * version folder sorted by name). */
ALD_EXTERN(size_t) ald_project_revision_count(const ald_project *p);
/* The revision at map index i (i < ald_project_revision_count), borrowed. */
ALD_EXTERN(const ald_revision *) ald_project_revision_at(const ald_project *p, size_t i);

/* ---------------------------------------------------------------------------
 * Revisions. Strings are borrowed from the project.
 */

/* Classification flags (Alembic's terms). */
enum {
	ALD_REVISION_BASE = 1u << 0,          /* no down revision */
	ALD_REVISION_HEAD = 1u << 2,          /* no revision revises it (versioned head) */
	ALD_REVISION_REAL_HEAD = 1u << 3,     /* head, and nothing depends on it */
	ALD_REVISION_BRANCHPOINT = 1u << 4,   /* revised by two or more revisions */
	ALD_REVISION_MERGEPOINT = 1u << 6     /* revises two or more revisions */
};

/* The revision id, as its file declares it. */
ALD_EXTERN(const char *) ald_revision_id(const ald_revision *r);
/* First paragraph of the docstring / header (the one-line message). */
ALD_EXTERN(const char *) ald_revision_message(const ald_revision *r);
/* The whole docstring / header text, whitespace-stripped, read from the
 * revision's file now (the graph keeps only the message). *out is the
 * caller's (free). ALD_EINVALID when the file now holds another revision or
 * no longer parses; the file's read errors. */
ALD_EXTERN(int) ald_revision_read_doc(char **out, const ald_revision *r);
/* Absolute path of the revision file. */
ALD_EXTERN(const char *) ald_revision_path(const ald_revision *r);
/* "Create Date" as written, or NULL. */
ALD_EXTERN(const char *) ald_revision_create_date(const ald_revision *r);
/* Its ALD_REVISION_* flags (only the bits declared above). */
ALD_EXTERN(unsigned) ald_revision_flags(const ald_revision *r);
/* 1 for an Alembic .py revision, 0 for a native .sql one (named as
 * ald_project_is_alembic). */
ALD_EXTERN(int) ald_revision_is_alembic(const ald_revision *r);
/* 0 when the revision must run outside a transaction ("Transactional: false"). */
ALD_EXTERN(int) ald_revision_transactional(const ald_revision *r);
/* Relations of a revision, one naming scheme: `X_count` counts them,
 * `X_at` gives the i-th as a revision of the graph, `X_id_at` gives the i-th
 * as the text the file declares (i < X_count in each case).
 *
 * Down revisions (Revises), in the file's order. */
ALD_EXTERN(size_t) ald_revision_parent_count(const ald_revision *r);
/* The i-th down revision. */
ALD_EXTERN(const ald_revision *) ald_revision_parent_at(const ald_revision *r, size_t i);
/* The i-th down revision's id, as written. */
ALD_EXTERN(const char *) ald_revision_parent_id_at(const ald_revision *r, size_t i);
/* depends_on entries as written: ids, id prefixes or branch labels. */
ALD_EXTERN(size_t) ald_revision_depends_on_count(const ald_revision *r);
/* The i-th depends_on entry, as written (a label is not resolved). */
ALD_EXTERN(const char *) ald_revision_depends_on_id_at(const ald_revision *r, size_t i);
/* The revisions the depends_on entries resolve to (a label resolved to its
 * revision); may differ in number from ald_revision_depends_on_count. */
ALD_EXTERN(size_t) ald_revision_dependency_count(const ald_revision *r);
/* The i-th depends_on target. */
ALD_EXTERN(const ald_revision *) ald_revision_dependency_at(const ald_revision *r, size_t i);
/* Branch labels carried by the revision (declared on it or propagated to it). */
ALD_EXTERN(size_t) ald_revision_label_count(const ald_revision *r);
/* The i-th branch label (i < ald_revision_label_count). */
ALD_EXTERN(const char *) ald_revision_label_at(const ald_revision *r, size_t i);
/* Revisions that list this one as a down revision, in map order. */
ALD_EXTERN(size_t) ald_revision_child_count(const ald_revision *r);
/* The i-th child (i < ald_revision_child_count). */
ALD_EXTERN(const ald_revision *) ald_revision_child_at(const ald_revision *r, size_t i);
/* Position in map order. */
ALD_EXTERN(size_t) ald_revision_index(const ald_revision *r);
/* The revision's own code as its file holds it now, read from the file (no
 * Python runs and nothing is planned): for a native .sql revision the text of
 * its "-- migrate:upgrade" section (downgrade 0) or "-- migrate:downgrade"
 * section (downgrade 1) as written; for an Alembic .py revision the source of
 * its module-level upgrade() or downgrade() function. Leading blank lines and
 * trailing blanks are dropped, and a text that is not empty ends in one line
 * break. *out is the caller's (free). ALD_ENOTFOUND when
 * there is no such section or function (for a downgrade: the revision cannot
 * be downgraded) or when the file is gone (the message says which),
 * ALD_EINVALID when the file now holds another revision or no longer parses;
 * the error is set. */
ALD_EXTERN(int) ald_revision_sql(char **out, const ald_revision *r, int downgrade);

/* ---------------------------------------------------------------------------
 * Lists and queries. Each query fills *out with a new list (the caller's).
 */

/* A list of strings owned by the caller (ald_strarray_dispose). */
typedef struct {
	char **strings;
	size_t count;
} ald_strarray;
/* Frees the strings and the array of *a and zeroes it; NULL or a zeroed *a is a no-op. */
ALD_EXTERN(void) ald_strarray_dispose(ald_strarray *a);

/* The number of revisions in the list. */
ALD_EXTERN(size_t) ald_revlist_count(const ald_revlist *l);
/* The revision at i (i < ald_revlist_count), borrowed from the project. */
ALD_EXTERN(const ald_revision *) ald_revlist_at(const ald_revlist *l, size_t i);
/* Frees the list (not the revisions, the project's); NULL is a no-op. */
ALD_EXTERN(void) ald_revlist_free(ald_revlist *l);

enum {
	ALD_HEADS_RESOLVE_DEPENDENCIES = 1u << 0 /* only real heads (nothing depends on them) */
};
/* The heads, in map order (`aludel heads`). */
ALD_EXTERN(int) ald_project_heads(ald_revlist **out, const ald_project *p, unsigned flags);

/* The revisions an identifier names (Alembic's grammar: ids, prefixes, labels,
 * head, heads, base, label@head, -N, ...). `base` gives an empty list. */
ALD_EXTERN(int) ald_project_resolve(ald_revlist **out, const ald_project *p, const char *spec);

/* History order, newest first, for a range "start:end" (NULL: everything).
 * `current` holds the database's version rows (as ald_project_current gives
 * them) for `current` in a range, and may be NULL. */
ALD_EXTERN(int) ald_project_history(ald_revlist **out, const ald_project *p, const char *range,
				    const ald_strarray *current);

/* ---------------------------------------------------------------------------
 * Creating files.
 */

typedef struct {
	unsigned int version;
	const char *message;       /* -m; NULL: "empty message" */
	const char *head;          /* --head; NULL: "head" */
	int splice;                /* --splice: allow a non-head parent */
	const char *const *branch_labels; /* --branch-label */
	size_t n_branch_labels;
	const char *version_path;  /* --version-path */
	const char *const *depends_on;    /* --depends-on (ids are resolved, labels kept) */
	size_t n_depends_on;
	const char *rev_id;        /* --rev-id (1 to 32 ASCII letters, digits or '_');
	                              NULL: 12 random hex digits */
	/* version 2: */
	const char *format;        /* --format: "py" (Alembic .py file: the scripts
				    * folder's script.py.mako if there is one, else
				    * Alembic's generic template) or "sql" (native);
				    * NULL: py in an Alembic project, sql in a native one */
} ald_revision_options;
#define ALD_REVISION_OPTIONS_VERSION 2
#define ALD_REVISION_OPTIONS_INIT { ALD_REVISION_OPTIONS_VERSION, NULL, NULL, 0, NULL, 0, NULL, NULL, 0, NULL, NULL }
/* As ald_open_options_init, for ald_revision_options. */
ALD_EXTERN(int) ald_revision_options_init(ald_revision_options *opts, unsigned int version);

/* Writes a new revision file (`aludel revision`); *out_path is the caller's
 * (NULL after a failure). */
ALD_EXTERN(int) ald_project_revision_create(char **out_path, ald_project *p, const ald_revision_options *opts);

/* What `merge` takes: the part of a new revision's options that a merge
 * revision can have (its parents are the merged revisions). */
typedef struct {
	unsigned int version;
	const char *message;       /* -m; NULL: "empty message" */
	const char *const *branch_labels; /* --branch-label */
	size_t n_branch_labels;
	const char *rev_id;        /* --rev-id, as for ald_revision_options */
	const char *format;        /* "py" or "sql", as for ald_revision_options */
} ald_merge_options;
#define ALD_MERGE_OPTIONS_VERSION 1
#define ALD_MERGE_OPTIONS_INIT { ALD_MERGE_OPTIONS_VERSION, NULL, NULL, 0, NULL, NULL }
/* As ald_open_options_init, for ald_merge_options. */
ALD_EXTERN(int) ald_merge_options_init(ald_merge_options *opts, unsigned int version);

/* Writes a merge revision of `revs` (each resolved; "heads" = every real head)
 * (`aludel merge`); *out_path is the caller's (NULL after a failure). opts may
 * be NULL (defaults). */
ALD_EXTERN(int) ald_project_merge(char **out_path, ald_project *p, const char *const *revs, size_t n_revs,
				  const ald_merge_options *opts);

/* What ald_project_init did, step by step. */
enum {
	ALD_INIT_DIRECTORY = 1, /* a directory was created */
	ALD_INIT_FILE,          /* a file was written */
	ALD_INIT_FILE_KEPT      /* the configuration file existed and was left alone */
};
typedef struct {
	int kind;           /* ALD_INIT_* */
	const char *path;   /* absolute */
	int failed;         /* 1 when this step failed (it is then the last) */
} ald_init_step;
typedef struct ald_init_result ald_init_result;

/* Creates a project (`aludel init`): the scripts folder `dir` (which may
 * exist if empty) with its versions folder, the template's files, and the
 * configuration file `config_path` unless it exists. template_name is one of
 * ald_project_template_name (NULL: "native"); config_path NULL: the file
 * named by $ALEMBIC_CONFIG, else the template's own (aludel.ini,
 * alembic.ini). Every file is written atomically and none is replaced.
 * *out gets the steps taken, also when the call fails (the caller's,
 * ald_init_result_free). An unknown template is ALD_ENOTFOUND, the message
 * listing the names; a non-empty `dir` is ALD_EINVALID. */
ALD_EXTERN(int) ald_project_init(ald_init_result **out, const char *dir, const char *config_path,
				 const char *template_name);
/* The number of steps taken. */
ALD_EXTERN(size_t) ald_init_result_count(const ald_init_result *r);
/* Step i (i < ald_init_result_count), or NULL. */
ALD_EXTERN(const ald_init_step *) ald_init_result_at(const ald_init_result *r, size_t i);
/* The configuration file (absolute path), or NULL when init failed before
 * it was written or kept. */
ALD_EXTERN(const char *) ald_init_result_config_path(const ald_init_result *r);
/* What the user edits in that file before going on, in the template's
 * words ("configuration/connection"), or NULL as for config_path. */
ALD_EXTERN(const char *) ald_init_result_settings(const ald_init_result *r);
/* Frees the result; NULL is a no-op. */
ALD_EXTERN(void) ald_init_result_free(ald_init_result *r);

/* ---------------------------------------------------------------------------
 * The database: version table, plans and running them.
 *
 * A function that reaches the database takes the project without const: the
 * connection is opened on first use and kept by the project. A function that
 * only reads the project (its graph, its configuration) takes it const.
 */


/* The tables revision r's upgrade touches, read statically (nothing runs):
 * created, altered, renamed (both names), dropped or written. A native .sql
 * revision: the statements of its upgrade section - CREATE TABLE [IF NOT
 * EXISTS], ALTER TABLE [IF EXISTS] [ONLY] (and its RENAME TO), DROP TABLE
 * [IF EXISTS] a, b, INSERT [OR ...] INTO, REPLACE INTO, UPDATE ... SET,
 * DELETE FROM, TRUNCATE [TABLE], CREATE [UNIQUE] INDEX ... ON; comments,
 * string literals and dollar quotes are skipped. An Alembic .py revision: the
 * literal table arguments of the op.* calls in its top-level upgrade()
 * (create_table, drop_table, add_column, drop_column, alter_column,
 * create_index, drop_index, rename_table, create_foreign_key's source table,
 * the constraint calls, batch_alter_table, bulk_insert of x.table("name")),
 * and the literal SQL of op.execute read as above. Names are normalised: an
 * unquoted one lower-cased, a quoted one as written, "schema.table" when
 * qualified, without the default schemas public and main. Sorted, unique;
 * a revision without an upgrade section gives none. *out is the caller's
 * (ald_strarray_dispose). Fails when the file cannot be read (it is read
 * again, within the revision file size limit) or its quotes are not closed. */
ALD_EXTERN(int) ald_revision_tables(ald_strarray *out, const ald_project *p, const ald_revision *r);


/* The rows of the version table, in the database's order (no table: none).
 * Connects to the project's database on first use. */
ALD_EXTERN(int) ald_project_current(ald_strarray *out, ald_project *p);
/* Every applied revision: the rows and everything below them (through
 * down revisions and dependencies), in map order. */
ALD_EXTERN(int) ald_project_applied(ald_revlist **out, const ald_project *p, const ald_strarray *rows);
/* The tips `aludel current` shows for the rows (rows first, then revisions
 * implied by dependencies). */
ALD_EXTERN(int) ald_project_current_tips(ald_revlist **out, const ald_project *p, const ald_strarray *rows);
/* A revision marked "Transactional: false" runs statement by statement; while
 * it runs, aludel keeps its progress in <version_table>_progress. When an
 * earlier run stopped inside one (killed, or a statement failed), *out gets a
 * sentence saying which revision, after which statement of how many, and
 * whether the next one may have run ("revision X (upgrade, Transactional:
 * false) stopped after statement 3 of 5"); else NULL. Plans then fail with
 * ALD_EUNFINISHED unless they resume it (ald_plan_options.resume) or are
 * stamps (a stamp forgets the record). *out is the caller's. */
ALD_EXTERN(int) ald_project_unfinished(char **out, ald_project *p);

/* A plan: the ordered steps of an upgrade, downgrade or stamp, each with its
 * revision, its statements and the version-table statements. The same plan
 * gives the --sql text, the progress lines and the TUI's preview. */
typedef struct ald_plan ald_plan;

typedef struct {
	unsigned int version;
	int offline;              /* --sql: no database; the start is `start` (NULL: empty) */
	const char *start;        /* offline start revision (the A of A:B), or NULL */
	int purge;                /* stamp --purge */
	const char *tag;          /* --tag, passed to Alembic for .py steps (env.py reads it) */
	int raiseerr;             /* --raiseerr: Alembic's whole output when a .py step fails */
	int resume;               /* --resume: a non-transactional revision that stopped part-way
	                             in an earlier run goes on from its next statement */
	int lazy;                 /* a preview's plan: upgrade/downgrade make the order of the
	                             steps and only the first step's statements now; the others'
	                             files are read, and their statements and version-table
	                             statements made, when asked for (ald_plan_sql_head reads
	                             only the steps it shows). A statement the splitter rejects
	                             then fails ald_plan_sql/ald_plan_sql_head instead of the
	                             planning; a missing downgrade section still fails here.
	                             ald_plan_run is unaffected (it plans again, all at once). */
} ald_plan_options;
/* Version 3 (lock_timeout_ms moved to ald_run_options): versions 1 and 2
 * are refused. */
#define ALD_PLAN_OPTIONS_VERSION 3
#define ALD_PLAN_OPTIONS_INIT { ALD_PLAN_OPTIONS_VERSION, 0, NULL, 0, NULL, 0, 0, 0 }
/* As ald_open_options_init, for ald_plan_options. */
ALD_EXTERN(int) ald_plan_options_init(ald_plan_options *opts, unsigned int version);

/* Plans `upgrade target` / `downgrade target` from the database's rows (or,
 * offline, from opts->start). *out is the caller's (ald_plan_free). A plan
 * that would run a revision that cannot run (a native revision without a
 * downgrade section) fails here, before anything runs.
 *
 * Steps of Alembic .py revisions are run by the project's own Alembic (see
 * ald_alembic_command): consecutive .py steps are one Alembic run, given the
 * command's own target when the whole plan is .py and the target is not
 * relative, else an exact revision id that gives exactly those steps. Their
 * SQL (ald_plan_sql) comes from Alembic's offline mode. */
ALD_EXTERN(int) ald_plan_upgrade(ald_plan **out, ald_project *p, const char *target, const ald_plan_options *opts);
/* As ald_plan_upgrade, for `downgrade target`. */
ALD_EXTERN(int) ald_plan_downgrade(ald_plan **out, ald_project *p, const char *target, const ald_plan_options *opts);
/* Plans `stamp revs...` (opts->purge: --purge); no migration runs. */
ALD_EXTERN(int) ald_plan_stamp(ald_plan **out, ald_project *p, const char *const *revs, size_t n_revs,
			       const ald_plan_options *opts);
/* Frees the plan; NULL is a no-op. */
ALD_EXTERN(void) ald_plan_free(ald_plan *plan);

/* Number of steps (0: nothing to do). */
ALD_EXTERN(size_t) ald_plan_step_count(const ald_plan *plan);
/* The revision of step i (NULL for a stamp to base). */
ALD_EXTERN(const ald_revision *) ald_plan_step_revision(const ald_plan *plan, size_t i);
/* Alembic's log text of step i, e.g. "Running upgrade 1a2b -> 3c4d, add column". */
ALD_EXTERN(const char *) ald_plan_step_label(const ald_plan *plan, size_t i);
/* The complete SQL script of the plan, as `--sql` prints it; *out is the caller's.
 * The SQL of .py steps is asked of Alembic's offline mode (`upgrade --sql
 * A:B`, one Python start for the plan, or one per step where one range
 * cannot give them all); where that fails, the step shows its upgrade() or
 * downgrade() source as comments, with the reason. A script that starts with
 * no rows creates the version table only where it is missing. */
ALD_EXTERN(int) ald_plan_sql(char **out, const ald_plan *plan);
/* The script of the plan's first max_steps steps only: exactly the start of
 * ald_plan_sql's text, up to the end of step max_steps (its version-table
 * statements, and on PostgreSQL with transaction_per_migration its COMMIT,
 * included; a transaction still open there is left open), then the line
 * "-- aludel: N more steps not shown (M in all)\n". With max_steps at or
 * above the step count, the same text as ald_plan_sql. .py steps as in
 * ald_plan_sql, Alembic asked for the steps shown only. On a lazy plan
 * (ald_plan_options.lazy) only the files of the steps shown are read, so
 * the cost grows with max_steps, not with the plan. *out is the caller's. */
ALD_EXTERN(int) ald_plan_sql_head(char **out, const ald_plan *plan, size_t max_steps);
/* Warnings about the plan to show before it runs, one a line, or NULL:
 * Alembic's "downgrade -1 from multiple heads is ambiguous; ...", and, in an
 * Alembic project, the native .sql revisions an upgrade would record (Alembic
 * alone can then no longer read the database's history). Borrowed from the
 * plan. */
ALD_EXTERN(const char *) ald_plan_warning(const ald_plan *plan);

/* Progress events of a run. */
enum {
	ALD_PROGRESS_WAITING = -2, /* another run holds the lock: this one waits (step unused) */
	ALD_PROGRESS_FAILED = -1,  /* step failed or was interrupted (seconds until then) */
	ALD_PROGRESS_START = 0,    /* step starts */
	ALD_PROGRESS_DONE = 1      /* step ended (seconds: its time) */
};
/* Called for each progress event of a run. */
typedef void (*ald_progress_cb)(const ald_plan *plan, size_t step, int event, double seconds, void *payload);

/* How a plan runs: what only a run needs (the plan itself, and its --sql
 * text, do not depend on it). */
typedef struct {
	unsigned int version;
	ald_progress_cb progress; /* each step's events, or NULL */
	void *payload;            /* passed to progress */
	long lock_timeout_ms;     /* how long to wait for another run's lock; < 0 forever */
} ald_run_options;
#define ALD_RUN_OPTIONS_VERSION 1
#define ALD_RUN_OPTIONS_INIT { ALD_RUN_OPTIONS_VERSION, NULL, NULL, -1 }
/* As ald_open_options_init, for ald_run_options. */
ALD_EXTERN(int) ald_run_options_init(ald_run_options *opts, unsigned int version);

/* Runs the plan on the project's database: locks, transactions, version
 * table (opts NULL: the defaults). On failure everything of the failing
 * transaction is rolled back and the error names the revision, file, line,
 * statement and database message. */
ALD_EXTERN(int) ald_plan_run(ald_plan *plan, const ald_run_options *opts);
/* Asks the plan's running ald_plan_run to stop, from a signal handler or
 * another thread (async-signal-safe; the plan and its project must outlive
 * the call). From the moment ald_plan_run is entered, also while it
 * connects; a plan that is not running is not affected. The running
 * transaction is rolled back and ald_plan_run fails with ALD_EINTERRUPTED. While Alembic runs a .py
 * step, SIGINT is passed on to it and it is waited for; the version table is
 * then read again and the error says what is applied. */
ALD_EXTERN(void) ald_plan_cancel(ald_plan *plan);
/* Asks whatever runs on the project to stop (async-signal-safe): a plan's
 * run as ald_plan_cancel does, and ald_verify, which has no handle of its
 * own while it runs. */
ALD_EXTERN(void) ald_project_cancel(ald_project *p);

/* The command that runs the project's Alembic for .py revisions, as one line,
 * and how it was chosen: ALUDEL_ALEMBIC in the environment, else
 * alembic_command in the ini section, else .venv/bin/alembic beside the ini
 * file, else `alembic` on PATH, else `python3 -m alembic`. `p` may be NULL
 * (no project: the environment and PATH only). Both strings are the caller's. */
ALD_EXTERN(int) ald_alembic_command(char **out_command, char **out_origin, const ald_project *p);

/* ---------------------------------------------------------------------------
 * Project templates and the version table.
 */

/* The templates `aludel init --template NAME` knows, in the order `aludel
 * list_templates` shows them: "native" (aludel.ini and .sql revisions; the
 * default) and "generic" (an Alembic project: alembic.ini, env.py,
 * script.py.mako, README). Name and one-line description of template i, or
 * NULL past the end; static strings. */
ALD_EXTERN(size_t) ald_project_template_count(void);
/* The name of template i, or NULL past the end. */
ALD_EXTERN(const char *) ald_project_template_name(size_t i);
/* The one-line description of template i, or NULL past the end. */
ALD_EXTERN(const char *) ald_project_template_description(size_t i);


/* Creates the project's version table if it is missing (`aludel
 * ensure_version`), in one transaction under the lock migration runs take,
 * waiting for it up to lock_timeout_ms (< 0: forever; ALD_ELOCKED after).
 * *created (may be NULL) is 1 when the table was created, 0 when it existed. */
ALD_EXTERN(int) ald_project_ensure_version(int *created, ald_project *p, long lock_timeout_ms);
/* The script `ensure_version --sql` prints: the version table's CREATE TABLE
 * for the dialect of the project's URL (SQLite without one), in BEGIN/COMMIT
 * on PostgreSQL; no database is touched. *out is the caller's. */
ALD_EXTERN(int) ald_project_ensure_version_sql(char **out, const ald_project *p);

/* ---------------------------------------------------------------------------
 * Lint: warnings about statements that are unsafe to run on a busy
 * PostgreSQL database (long ACCESS EXCLUSIVE locks, table rewrites, lost
 * data), read from the parse tree of the real PostgreSQL parser
 * (libpg_query, loaded on first use: commands that do not lint never load
 * it).
 */

/* Severities. */
enum {
	ALD_LINT_OFF = 0,     /* disabled (the ini section's lint_disable) */
	ALD_LINT_WARNING = 1,
	ALD_LINT_ERROR = 2    /* `aludel lint` exits 1 when one fires */
};

/* One rule of the catalogue; static strings. */
typedef struct {
	const char *id;       /* e.g. "require-concurrent-index-creation" */
	int severity;         /* its default severity */
	const char *summary;  /* one line: what it flags */
	const char *example;  /* a short statement that fires it */
} ald_lint_rule;

/* The rules, in the order `aludel lint --rules` and the man page list them. */
ALD_EXTERN(size_t) ald_lint_rule_count(void);
/* Rule i (i < ald_lint_rule_count), static. */
ALD_EXTERN(const ald_lint_rule *) ald_lint_rule_at(size_t i);

/* One finding; its strings are borrowed from the result. */
typedef struct {
	const char *rule;     /* the rule's id */
	int severity;         /* after the ini section's settings (never ALD_LINT_OFF) */
	const ald_revision *revision; /* NULL for ald_lint_sql */
	const char *path;     /* the revision's file, or the name given to ald_lint_sql */
	unsigned line, column; /* 1-based start of the statement in that file (0: unknown) */
	int downgrade;        /* 1 when the statement is in the downgrade part */
	const char *statement; /* the statement's text */
	const char *message;  /* what was found, naming the table and column */
	const char *reason;   /* one line: why it is unsafe */
	const char *fix;      /* one line: the safer way to write it */
} ald_lint_finding;

/* The findings of one lint, in file order. */
typedef struct ald_lint ald_lint;

/* Lints the upgrade and downgrade SQL of `n` revisions: native .sql
 * revisions from their sections, Alembic .py revisions from Alembic's
 * offline SQL. A statement preceded by the line `-- aludel:ignore RULE-ID
 * reason` is not flagged for that rule; the ini section's lint_disable,
 * lint_warning and lint_error (lists of rule ids) turn rules off or set
 * their severity. *out is the caller's (ald_lint_free). */
ALD_EXTERN(int) ald_lint_revisions(ald_lint **out, const ald_project *p, const ald_revision *const *revs, size_t n);
/* Lints an SQL script (e.g. a plan's ald_plan_sql), `name` standing for
 * its path in the findings. Rules about a revision as a whole (an empty
 * downgrade) do not apply. */
ALD_EXTERN(int) ald_lint_sql(ald_lint **out, const ald_project *p, const char *sql, const char *name);
/* Number of findings. */
ALD_EXTERN(size_t) ald_lint_count(const ald_lint *l);
/* Finding i (i < ald_lint_count), borrowed from the result. */
ALD_EXTERN(const ald_lint_finding *) ald_lint_at(const ald_lint *l, size_t i);
/* The highest severity among the findings (ALD_LINT_OFF: none). */
ALD_EXTERN(int) ald_lint_max_severity(const ald_lint *l);
/* Frees the result; NULL is a no-op. */
ALD_EXTERN(void) ald_lint_free(ald_lint *l);

/* ---------------------------------------------------------------------------
 * Check: the CI gate (`aludel check`). Every revision file is read and
 * parsed on its own, so that one broken file does not hide the others; the
 * graph the files give is then checked as a whole, every problem reported.
 */

/* What a finding is about. */
enum {
	ALD_CHECK_PARSE = 1,          /* a revision file does not parse (the parser's message) */
	ALD_CHECK_FOLDER,             /* a versions folder cannot be read */
	ALD_CHECK_DUPLICATE,          /* two files hold the same revision id (both named) */
	ALD_CHECK_LABEL,              /* a branch label declared by two revisions */
	ALD_CHECK_MISSING_PARENT,     /* a down_revision or depends_on names nothing that exists */
	ALD_CHECK_CYCLE,              /* revisions that revise or depend on each other in a loop */
	ALD_CHECK_HEADS,              /* not the expected number of heads (the heads named) */
	ALD_CHECK_PROJECT,            /* the project does not open for another reason */
	ALD_CHECK_LINT,               /* a lint finding of severity error (PostgreSQL projects) */
	ALD_CHECK_EDITED              /* an applied revision's file was edited since it ran (needs
	                                 the database and the checksums of its history table) */
};

/* One finding; its strings are borrowed from the result. */
typedef struct {
	int kind;            /* ALD_CHECK_* */
	const char *path;    /* the file at fault (absolute), or NULL (e.g. the heads) */
	unsigned line;       /* 1-based line in that file, 0 when unknown or none */
	const char *message; /* what is wrong, one line, without the path and line;
	                        other files it names are written as `ald_check_options.base_dir`
	                        asks */
} ald_check_finding;

/* The findings of one check: file problems in map order (folder by folder,
 * files sorted by name), then the graph's, the heads, lint, edited files. */
typedef struct ald_check_result ald_check_result;

typedef struct {
	unsigned int version;
	unsigned heads;           /* --heads N: how many heads the project must have; 0 = 1 */
	const char *base_dir;     /* files named inside messages are written relative to this
	                             folder when they lie under it (NULL: absolute) */
} ald_check_options;
#define ALD_CHECK_OPTIONS_VERSION 1
#define ALD_CHECK_OPTIONS_INIT { ALD_CHECK_OPTIONS_VERSION, 0, NULL }
/* As ald_open_options_init, for ald_check_options. */
ALD_EXTERN(int) ald_check_options_init(ald_check_options *opts, unsigned int version);

/* Checks the project `open` names: every revision file parses; no two files
 * hold one id and no branch label is declared twice; every down_revision and
 * depends_on names a revision (or, for depends_on, a label) that exists; no
 * cycle; exactly opts->heads heads (versioned heads, as `aludel heads`; a
 * project without revisions is not held to one). When all of that holds
 * and the project's URL is PostgreSQL, its revisions are linted
 * (ald_lint_revisions) and every finding of severity error reported (no URL,
 * or SQLite: lint does not apply). With a URL whose database answers, every
 * applied revision edited since it ran (ald_project_edited) is a finding at
 * its file; a database that cannot be reached is not checked. Returns 0 when the check ran, whatever it
 * found; a negative code, with the error set, when it could not (the
 * configuration does not load). *out is the caller's (ald_check_result_free). */
ALD_EXTERN(int) ald_check(ald_check_result **out, const ald_open_options *open, const ald_check_options *opts);
/* Number of findings (0: the check passed). */
ALD_EXTERN(size_t) ald_check_count(const ald_check_result *r);
/* Finding i (i < ald_check_count), borrowed from the result. */
ALD_EXTERN(const ald_check_finding *) ald_check_at(const ald_check_result *r, size_t i);
/* A short name of a finding kind ("parse", "duplicate", "missing-parent",
 * "cycle", "heads", "lint"...), or NULL for an unknown kind; static. */
ALD_EXTERN(const char *) ald_check_kind_name(int kind);
/* Frees the result; NULL is a no-op. */
ALD_EXTERN(void) ald_check_result_free(ald_check_result *r);

/* ---------------------------------------------------------------------------
 * History table: every step a run makes (upgrade, downgrade, stamp) leaves a
 * row in the table named by the ini key history_table (default
 * "aludel_history", in version_table_schema; empty or false: none), written
 * in the step's own transaction, so a step rolled back leaves no row. A
 * "Transactional: false" revision's row is written with its version row;
 * the steps of .py revisions, which Alembic runs in env.py's transactions,
 * get theirs in a transaction of their own right after Alembic committed
 * them. The checksum is the SHA-256 (hex) of the code that ran: a native
 * revision's statements as split from its section, an Alembic revision's
 * upgrade() or downgrade() source; ald_revision_checksum computes it the
 * same way from the file as it is now.
 */

/* One row of the history table; strings borrowed from its list. */
typedef struct {
	const char *revision;    /* the revision id ("base": a stamp to base) */
	const char *direction;   /* "upgrade", "downgrade" or "stamp" */
	const char *checksum;    /* 64 hex digits; "" for a stamp */
	const char *started_at;  /* UTC, ISO 8601: "2026-12-03T15:39:15.123Z" */
	const char *finished_at;
	double seconds;          /* finished_at - started_at */
	const char *user;        /* who ran it: user name and host */
	const char *host;
	const char *version;     /* aludel's version (ald_version()) */
} ald_run_record;

/* Rows of the history table, newest first. */
typedef struct ald_runs ald_runs;

/* The history table's name, or NULL when the project turns it off. Borrowed. */
ALD_EXTERN(const char *) ald_project_history_table(const ald_project *p);
/* Reads the newest `max` rows (0: all) of the project's database's history
 * table, newest first; no table (or the history off): an empty list.
 * Connects to the database on first use. *out is the caller's (ald_runs_free). */
ALD_EXTERN(int) ald_project_runs(ald_runs **out, ald_project *p, size_t max);
/* Number of rows. */
ALD_EXTERN(size_t) ald_runs_count(const ald_runs *l);
/* Row i (i < ald_runs_count), newest first, borrowed from the list. */
ALD_EXTERN(const ald_run_record *) ald_runs_at(const ald_runs *l, size_t i);
/* Frees the list; NULL is a no-op. */
ALD_EXTERN(void) ald_runs_free(ald_runs *l);

/* The checksum revision r's file has now for its upgrade (downgrade 0) or
 * downgrade (1), computed as the history table's (same code, same
 * checksum), read again from the file. *out (64 hex digits) is the
 * caller's. ALD_ENOTFOUND when there is no such section or function, or
 * the file is gone (the message says which); the file's reading and parsing
 * errors. */
ALD_EXTERN(int) ald_revision_checksum(char **out, const ald_revision *r, int downgrade);
/* The applied revisions (ald_project_applied of the version table's rows)
 * edited since they ran: for each, the checksum of the newest "upgrade" row
 * of the history table against ald_revision_checksum now; a file whose code
 * can no longer be read (its upgrade gone, no longer parsing) counts as
 * edited. A revision with no upgrade row (applied before the history table
 * existed, by Alembic alone, or stamped) is not listed: nothing to compare.
 * In map order. *out is the caller's; empty when the history is off. */
ALD_EXTERN(int) ald_project_edited(ald_revlist **out, ald_project *p);

/* ---------------------------------------------------------------------------
 * Schema and verify: a canonical text of a database's schema, and `aludel
 * verify`, which proves on a scratch database that every downgrade restores
 * the schema its upgrade found.
 */

/* The schema of the project's database as canonical text, read from the
 * catalogue: one object a line, sorted, so that two snapshots diff line by
 * line (an object with a definition of several lines - a view, a function -
 * continues on lines indented by four spaces). SQLite: every table (its
 * columns with position, type, NOT NULL, default and primary key; its
 * foreign keys; its indexes with their key columns), view, index and trigger,
 * each also with its CREATE text in a canonical form (comments and white
 * space between symbols dropped, unquoted names lower-cased), which alone
 * holds CHECK constraints. PostgreSQL, every schema but pg_catalog,
 * information_schema and pg_toast: schemas, extensions, tables (columns
 * with position, type by format_type, collation, NOT NULL, default,
 * identity), constraints (pg_get_constraintdef), indexes (pg_get_indexdef),
 * views and materialized views (pg_get_viewdef), sequences, functions and
 * procedures (pg_get_functiondef), triggers, enums and domains; objects of
 * an extension are left out. The version table, <version_table>_progress and
 * aludel_history are left out, with their indexes and constraints. Grants,
 * comments, policies and statistics are not part of it. An empty schema is
 * "". *out is the caller's (free). Connects on first use. */
ALD_EXTERN(int) ald_project_schema(char **out, ald_project *p);

/* What verify found for one revision. */
enum {
	ALD_VERIFY_RESTORED = 0,        /* the downgrade restored the schema, upgrading again gave
	                                   the schema of the first upgrade */
	ALD_VERIFY_IRREVERSIBLE = 1,    /* the downgrade is empty (no section, or no statement in
	                                   it): not downgraded, not a failure */
	ALD_VERIFY_NOT_RESTORED = 2,    /* after the downgrade the schema differs (diff) */
	ALD_VERIFY_DOWNGRADE_FAILED = 3,/* the downgrade failed (message) */
	ALD_VERIFY_REUPGRADE_DIFFERS = 4,/* upgrading again gave another schema than the first
	                                   upgrade (diff) */
	ALD_VERIFY_SKIPPED = 5          /* it cannot be downgraded alone (a downgrade to its parent
	                                   would also downgrade another branch, which could not be
	                                   downgraded first): message says which */
};

/* The phases verify reports for each revision (ald_verify_options.revision_cb). */
enum {
	ALD_VERIFY_PHASE_UPGRADE = 0,   /* upgrading to it (its missing ancestors first) */
	ALD_VERIFY_PHASE_DOWNGRADE = 1, /* downgrading it alone */
	ALD_VERIFY_PHASE_REUPGRADE = 2, /* upgrading to it again */
	ALD_VERIFY_PHASE_DONE = 3       /* its entry is made (ald_verify_result_at(v, i)) */
};

/* One revision's result; strings borrowed from the result. */
typedef struct {
	const ald_revision *revision;
	int status;          /* ALD_VERIFY_* */
	const char *message; /* DOWNGRADE_FAILED: the error; SKIPPED: why; else NULL */
	const char *diff;    /* NOT_RESTORED, REUPGRADE_DIFFERS: the unified diff of the two
	                        schemas ("--- ", "+++ ", "@@ " hunks); else NULL */
} ald_verify_entry;

/* Called when verify starts a phase of revision r, the i-th of n. */
typedef void (*ald_verify_cb)(const ald_revision *r, size_t i, size_t n, int phase, void *payload);

typedef struct {
	unsigned int version;
	const char *range;        /* "[start]:[end]" as ald_project_history takes it; NULL: every
	                             revision, base to heads */
	const char *scratch_url;  /* the scratch database, which must not exist: created, used and
	                             removed (SQLite: a file; PostgreSQL: CREATE DATABASE through
	                             the postgres or template1 database of the URL's server). NULL:
	                             SQLite project: a new file in $TMPDIR (else /tmp);
	                             PostgreSQL project: aludel_verify_<random> on the project's
	                             server, reached by the project's URL with the database name
	                             replaced, created through the project's database */
	ald_verify_cb revision_cb;/* phases of each revision, or NULL */
	ald_progress_cb progress; /* the steps of every plan verify runs, as ald_plan_run reports
	                             them, or NULL */
	void *payload;            /* for both callbacks */
} ald_verify_options;
#define ALD_VERIFY_OPTIONS_VERSION 1
#define ALD_VERIFY_OPTIONS_INIT { ALD_VERIFY_OPTIONS_VERSION, NULL, NULL, NULL, NULL, NULL }
/* As ald_open_options_init, for ald_verify_options. */
ALD_EXTERN(int) ald_verify_options_init(ald_verify_options *opts, unsigned int version);

/* The result of a verify. */
typedef struct ald_verify_result ald_verify_result;

/* Verifies the revisions of opts->range in order, oldest first, on a scratch
 * database (see ald_verify_options.scratch_url), through a second opening of
 * the project on the scratch URL and the plan API: for each revision, other
 * branches grown from its parent (verified before it) are downgraded, its
 * missing ancestors are upgraded to, the schema read (as ald_project_schema),
 * the revision upgraded, the schema read, the revision alone downgraded (to
 * its parent), the schema read and compared with the one before the upgrade,
 * the revision upgraded again and the schema compared with the first
 * upgrade's. Irreversible revisions (an empty downgrade) are recorded as such
 * and stay applied. Verify stops at the first revision whose entry is
 * NOT_RESTORED, DOWNGRADE_FAILED or REUPGRADE_DIFFERS. The scratch database
 * is removed in every case, also after ald_project_cancel(p) (SIGINT), which
 * stops the run: then ALD_EINTERRUPTED.
 *
 * Alembic .py revisions in the range are refused (ALD_EUSAGE) before
 * anything is made: Alembic would run them on the database env.py connects
 * to, not on the scratch database.
 *
 * Returns 0 when every revision was verified or verify stopped at a failing
 * one (*out tells: ald_verify_failed); negative when it could not go on: the
 * scratch database could not be made, an upgrade failed (the error names the
 * revision), it was interrupted. *out is the caller's (ald_verify_free),
 * NULL on failure. No message contains the password of either URL. */
ALD_EXTERN(int) ald_verify(ald_verify_result **out, ald_project *p, const ald_verify_options *opts);
/* The entries, one per revision verified, in the order verified. */
ALD_EXTERN(size_t) ald_verify_result_count(const ald_verify_result *v);
/* Entry i (i < ald_verify_result_count), borrowed from the result. */
ALD_EXTERN(const ald_verify_entry *) ald_verify_result_at(const ald_verify_result *v, size_t i);
/* The entry of the revision verify stopped at, or NULL when every one was
 * restored, irreversible or skipped. */
ALD_EXTERN(const ald_verify_entry *) ald_verify_result_failed(const ald_verify_result *v);
/* The scratch database's URL as shown to users (password masked). */
ALD_EXTERN(const char *) ald_verify_result_scratch_display(const ald_verify_result *v);
/* Frees the result; NULL is a no-op. */
ALD_EXTERN(void) ald_verify_result_free(ald_verify_result *v);

#ifdef __cplusplus
}
#endif

#endif
