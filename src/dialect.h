/* dialect.h - what aludel knows of each database's SQL, as one constant
 * table per backend (struct ald_dialect), so that no code outside the tables
 * asks "is this PostgreSQL?" by comparing names.
 *
 * The facts are needed offline too (--sql scripts, previews, lint, checksums:
 * no connection), so they live here, apart from the connection operations
 * (struct ald_db_ops of db_internal.h, which points to its dialect).
 *
 * Adding a backend means:
 *   - one file src/dialect_<name>.c defining `const struct ald_dialect
 *     ald__dialect_<name>` with every field filled (tests/test_dialect.c
 *     checks that no function pointer is NULL);
 *   - its connection operations, src/db_<name>.c (an ald_db_ops whose
 *     `dialect` is that table, and the `open` function the table names), and
 *     its schema reader (schema_<name>.c);
 *   - one line in dialect.c's list of dialects, which is also the one map
 *     of URL schemes (each table lists its schemes);
 *   - if its statements end by other rules than an existing splitter's, an
 *     enum ald_sql_dialect value and a splitter (sql_split.h).
 * doc/backends.md says the same at more length.
 */
#ifndef ALD_DIALECT_H
#define ALD_DIALECT_H

#include <stddef.h>

#include "sql_split.h"

struct ald_db;
struct ald_db_url;
struct ald_strvec;
struct ald_schema_skip;

struct ald_dialect {
	/* Its name: "postgresql", as ald__db_dialect() prints it. */
	const char *name;
	/* Its name in messages: "PostgreSQL". */
	const char *title;
	/* The URL schemes that name it (before any "+driver" suffix), NULL-ended. */
	const char *const *url_schemes;
	/* Whether a database is a file the URL names (sqlite:///app.db): the URL
	 * has no host or user, the database may live in memory, verify's
	 * scratch database is a file beside it. 0: a server's database. */
	int file_database;
	/* Connects (db_<name>.c); see ald__db_open. */
	int (*open)(struct ald_db **out, const struct ald_db_url *url);

	/* Quoting, as SQLAlchemy does it: the words quoted when used as a name
	 * (sorted for bsearch), and `ident` in the dialect's quotes with inner
	 * quotes doubled (caller frees). */
	const char *const *reserved;
	size_t n_reserved;
	char *(*quote_ident)(const char *ident);

	/* The query listing `table` of `schema` (NULL: the default place) when
	 * it exists: one row, or none. Caller frees. */
	char *(*table_exists_sql)(const struct ald_dialect *d, const char *table, const char *schema);
	/* The query of the main database's file ("" for one in memory); NULL
	 * for a server's database. */
	const char *main_file_query;

	/* The version INSERT ends with " RETURNING <t>.version_num" (what
	 * SQLAlchemy compiles when the dialect has implicit RETURNING). */
	int insert_returning;
	/* Alembic's transactional_ddl: an offline script wraps its steps in
	 * offline_begin ... offline_commit (both NULL when 0). */
	int transactional_ddl;
	const char *offline_begin;
	const char *offline_commit;

	/* The run lock: 1, a lock file <database file>.aludel-lock is taken
	 * besides the connection's own lock (ald__db_lock), for a database any
	 * process may open (needs main_file_query); 0, ald__db_lock alone
	 * (PostgreSQL's advisory lock). */
	int file_lock;

	/* The history table: its id column, and what joins two text columns
	 * with the separator character 31 between them. */
	const char *history_id_type;
	const char *field_join_sql;

	/* Appends the schema snapshot's entries of db (schema.h). */
	int (*schema_entries)(struct ald_strvec *out, struct ald_db *db, const struct ald_schema_skip *skip);
	/* Whose rules split its migrations into statements. */
	enum ald_sql_dialect split;
	/* Whether aludel lint's rules (written for PostgreSQL) apply. */
	int lint_rules;
};

/* The tables, one per backend (dialect_<name>.c). */
extern const struct ald_dialect ald__dialect_postgresql;
extern const struct ald_dialect ald__dialect_sqlite;

/* The dialect a database URL defaults to when there is none or it cannot be
 * read (offline scripts and previews). */
#define ALD_DIALECT_DEFAULT (&ald__dialect_sqlite)

/* The dialect named `name` ("postgresql", "sqlite"); NULL if none (no error
 * is set). */
const struct ald_dialect *ald__dialect_by_name(const char *name);
/* The dialect of a URL scheme such as "postgres" or "postgresql+psycopg2"
 * (a "+driver" suffix is ignored); NULL if none (no error is set). */
const struct ald_dialect *ald__dialect_of_scheme(const char *scheme);
/* The same, failing with ALD_EINVALID for an unknown scheme: "unsupported
 * database URL scheme '<scheme>' in <url_display>: aludel supports ..."
 * (the " in ..." part only when url_display is not NULL). */
int ald__dialect_by_scheme(const struct ald_dialect **out, const char *scheme, const char *url_display);
/* The known dialects, in the order the lookups try them; *n gets the count. */
const struct ald_dialect *const *ald__dialect_all(size_t *n);

/* Whether SQLAlchemy writes `word` quoted on d as a reserved word. */
int ald__dialect_is_reserved(const struct ald_dialect *d, const char *word);
/* `ident` in double quotes, inner double quotes doubled (the quote_ident of
 * both SQL dialects aludel knows). Caller frees. */
char *ald__dialect_quote_double(const char *ident);

#endif
