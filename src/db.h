/* db.h - the database backends of libaludel: SQLite3 and PostgreSQL (libpq).
 *
 * One connection is a `struct ald_db`; every backend implements the same
 * operations. Functions return 0 or a negative ALD_E* code with the message
 * recorded by ald__error_set(); database errors are ALD_EDB and their details
 * (the database's message, SQLSTATE, position) are also kept on the connection
 * (ald__db_last_error()). A password never appears in a message.
 */
#ifndef ALD_DB_H
#define ALD_DB_H

#include "dialect.h"
#include "util.h"

/* A parsed database URL, as Alembic users write them:
 *   sqlite:///relative.db   sqlite:////abs/path.db   sqlite:// (in memory)
 *   postgresql://user:pw@host:port/db?sslmode=require&host=/socket/dir
 *   postgres://...   postgresql+psycopg2://... (a driver suffix is ignored)
 * All strings are owned by the struct (ald__db_url_clear). */
struct ald_db_url {
	char *scheme;   /* the dialect's name: "sqlite" or "postgresql" */
	const struct ald_dialect *dialect; /* the scheme's dialect */
	char *path;     /* sqlite: the file as given (":memory:" for sqlite://); else NULL */
	char *conninfo; /* postgresql: libpq keyword/value string, password included
	                 * (never print it); else NULL */
	char *display;  /* the URL as Alembic renders it, password replaced by XXXXX */
};

/* Parses `url`. user and password are percent-decoded, query parameters too
 * ('+' is a space) and passed to libpq as connection keywords (host= in the
 * query overrides the URL's host). The user info ends at the URL's last '@',
 * so an unescaped '@' belongs to the password. An unknown scheme is
 * ALD_EINVALID naming the scheme; no message ever contains a character of the
 * password, however malformed the URL. On failure *out is zeroed. */
int ald__db_url_parse(struct ald_db_url *out, const char *url);
/* The URL as shown to users, for any string, parsed or not: the display of
 * ald__db_url_parse, or for a string that is not a URL, the scheme and the
 * text after the last '@' (up to any query) with all else XXXXX. Caller frees. */
char *ald__db_url_display(const char *url);
void ald__db_url_clear(struct ald_db_url *u);
/* The dialect of `url` (may be NULL); NULL for a URL that does not parse
 * (the parse error is not kept). */
const struct ald_dialect *ald__db_url_dialect(const char *url);

/* The details of the last database error of a connection. */
struct ald_db_error {
	char *message;   /* the database's text (PostgreSQL: primary message, then
	                  * DETAIL/HINT lines); NULL if no error */
	char sqlstate[6];/* PostgreSQL's SQLSTATE, "" on SQLite */
	int position;    /* 1-based character offset of the error in the statement, 0 if unknown */
};

/* A connection; opaque. */
struct ald_db;

/* Connects to the database of `url` (see ald__db_url_parse). SQLite: opens an
 * existing file read-only (checking that it is a database) and creates none;
 * the first lock, BEGIN or statement reopens it read-write, creating a
 * missing file then (looking never writes); busy timeout 5 s.
 * PostgreSQL: PQconnectdb, so PGPASSFILE, ~/.pgpass, PGSERVICE and the PG*
 * variables work as in psql; client_encoding UTF8 unless the URL or
 * PGCLIENTENCODING says otherwise; notices are dropped. *out is the caller's
 * (ald__db_close); NULL on failure. */
int ald__db_open(struct ald_db **out, const char *url);
/* Disconnects (rolling back any open transaction) and frees; accepts NULL. */
void ald__db_close(struct ald_db *db);
/* The name of the connection's dialect: "sqlite" or "postgresql". */
const char *ald__db_dialect(const struct ald_db *db);
/* The connection's dialect (dialect.h). */
const struct ald_dialect *ald__db_dialect_of(const struct ald_db *db);
/* The URL of the connection as shown to users (password masked); borrowed. */
const char *ald__db_display(const struct ald_db *db);

/* Executes one SQL statement. *rows_affected (if not NULL) receives the rows
 * inserted, updated or deleted by it (0 for other statements). On a database
 * error: ALD_EDB, the details in ald__db_last_error(); ALD_EINTERRUPTED if the
 * statement was interrupted by ald__db_cancel(). */
int ald__db_exec(struct ald_db *db, const char *sql, long *rows_affected);
/* Runs a query and appends the first column of every row, as text, to *out
 * (NULL becomes ""). */
int ald__db_query_strings(struct ald_db *db, const char *sql, struct ald_strvec *out);
/* The details of the connection's last database error (message NULL if the
 * last call succeeded or failed without a database error); borrowed. */
const struct ald_db_error *ald__db_last_error(const struct ald_db *db);

/* Transactions. SQLite: BEGIN IMMEDIATE, which takes the database's write lock,
 * waiting up to the busy timeout (see ald__db_lock) and failing with ALD_ELOCKED
 * ("database is locked ...") after it; PostgreSQL: BEGIN. Rolling back when no
 * transaction is open is not an error. */
int ald__db_begin(struct ald_db *db);
int ald__db_commit(struct ald_db *db);
int ald__db_rollback(struct ald_db *db);
/* Whether a transaction is open on the connection. */
int ald__db_in_transaction(const struct ald_db *db);

/* Takes the migration lock named `key` (the qualified version table name).
 * PostgreSQL: a session-level advisory lock on a 64-bit hash of key, retried
 * until timeout_ms have passed (timeout_ms < 0: wait forever); `waiting` (may
 * be NULL) is called once when the lock is held by another session and we
 * start to wait. ALD_ELOCKED on timeout, ALD_EINTERRUPTED if ald__db_cancel()
 * was called while waiting. SQLite: takes no lock here (the run's BEGIN
 * IMMEDIATE is the lock) but sets the busy timeout to timeout_ms and makes
 * ald__db_begin call `waiting` once when it has to wait for the write lock. */
int ald__db_lock(struct ald_db *db, const char *key, int timeout_ms,
		void (*waiting)(void *payload), void *payload);
/* ALD_EUSAGE, with a message saying why, when db is an in-memory or temporary
 * SQLite database (sqlite://, sqlite:///, sqlite:///:memory:): it lives only
 * as long as the connection, so a change made to it by a command would vanish
 * when aludel exits. 0 for any other database. Called before a command
 * changes a database. */
int ald__db_refuse_temporary(struct ald_db *db);
/* Releases the lock taken by ald__db_lock (SQLite: forgets the callback). */
int ald__db_unlock(struct ald_db *db, const char *key);

/* Asks the connection to interrupt the statement it is running (sqlite3_interrupt,
 * PQcancel with the cancel object prepared at connect time) and to stop waiting
 * for a lock; they fail with ALD_EINTERRUPTED. Safe to call from a signal
 * handler or another thread while the connection is in use. The request is
 * sticky: until ald__db_cancel_clear(), every call fails at once with
 * ALD_EINTERRUPTED except ald__db_rollback, ald__db_unlock and ald__db_close. */
int ald__db_cancel(struct ald_db *db);
/* Forgets a cancel request, so that the connection can be used again. */
void ald__db_cancel_clear(struct ald_db *db);
/* Whether a cancel request is pending (for work done outside the connection,
 * such as a child process, which polls it). */
int ald__db_cancel_requested(const struct ald_db *db);

/* The version table. `schema` may be NULL (PostgreSQL: search_path; SQLite: the
 * main database, else an attached database's name). */
int ald__db_version_table_exists(struct ald_db *db, const char *table, const char *schema, int *exists);
/* Appends the rows of the version table to *out, in the database's order
 * (SELECT without ORDER BY, as Alembic; SQLite returns rowid order). A missing
 * table gives no rows, not an error. */
int ald__db_version_rows(struct ald_db *db, const char *table, const char *schema, struct ald_strvec *out);

struct ald_vsql;
/* Executes a version-table statement (version_sql.h) online. An UPDATE or a
 * DELETE must change exactly one row, else ALD_ERROR with Alembic's message:
 * "Online migration expected to match one row when updating '<from>' to '<to>'
 * in '<table>'; <n> found" (or "when deleting '<rev>' in ..."). */
int ald__db_exec_vsql(struct ald_db *db, const struct ald_vsql *st);

/* `ident` quoted as the connection's dialect quotes (both: double quotes,
 * inner quotes doubled); caller frees. */
char *ald__db_quote_ident(const struct ald_db *db, const char *ident);
/* `s` as an SQL string literal in single quotes, inner quotes doubled; caller frees. */
char *ald__sql_literal(const char *s);
/* s between two `q` characters, each q inside doubled (SQL's quoting of a
 * string literal with '\'', of a name with '"'). Caller frees. */
char *ald__sql_quote(const char *s, char q);

#endif
