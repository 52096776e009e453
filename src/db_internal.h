/* db_internal.h - what the database backends share with db.c: the operations
 * table every backend fills in, the common part of a connection, and the
 * helpers that record errors. Nothing outside src/db*.c includes this. */
#ifndef ALD_DB_INTERNAL_H
#define ALD_DB_INTERNAL_H

#include "db.h"
#include "dialect.h"

#include <signal.h>

/* The operations of one backend. Every function may assume that db->ops is
 * this table; errors are recorded with ald__db_fail(). */
struct ald_db_ops {
	const struct ald_dialect *dialect; /* its SQL facts (dialect.h) */
	/* One statement; *rows (never NULL) = rows inserted/updated/deleted. */
	int (*exec)(struct ald_db *db, const char *sql, long *rows);
	/* First column of every row, as text, appended to *out. */
	int (*query)(struct ald_db *db, const char *sql, struct ald_strvec *out);
	int (*begin)(struct ald_db *db);
	/* Commits the open transaction (called only when one is open). */
	int (*commit)(struct ald_db *db);
	/* Rolls back the open transaction; 0 when there is none. */
	int (*rollback)(struct ald_db *db);
	int (*in_transaction)(const struct ald_db *db);
	int (*lock)(struct ald_db *db, const char *key, int timeout_ms,
		    void (*waiting)(void *payload), void *payload);
	int (*unlock)(struct ald_db *db, const char *key);
	/* Async-signal-safe: interrupts the running statement. */
	void (*cancel)(struct ald_db *db);
	/* Closes the connection and frees db (the common part included). */
	void (*close)(struct ald_db *db);
};

/* The common part of a connection; a backend's struct begins with it. */
struct ald_db {
	const struct ald_db_ops *ops;
	char *display;                  /* the masked URL */
	struct ald_db_error err;        /* details of the last database error */
	volatile sig_atomic_t cancelled;/* set by ald__db_cancel() */
};

/* Opens a connection of each backend from a parsed URL. */
int ald__db_sqlite_open(struct ald_db **out, const struct ald_db_url *url);
int ald__db_pg_open(struct ald_db **out, const struct ald_db_url *url);

/* Initialises the common part (takes a copy of display). */
void ald__db_init_common(struct ald_db *db, const struct ald_db_ops *ops, const char *display);
/* Frees what the common part owns (not db itself). */
void ald__db_free_common(struct ald_db *db);
/* Forgets the details of the last database error. */
void ald__db_error_reset(struct ald_db *db);
/* Records a database error on db: `message` is the database's primary text,
 * `extra` more lines (DETAIL/HINT) or NULL, `sqlstate` "" or a SQLSTATE,
 * `position` a 1-based character offset or 0. Sets the thread's error to the
 * message with the SQLSTATE and position added, and returns `code`. */
int ald__db_fail(struct ald_db *db, int code, const char *message, const char *extra,
		const char *sqlstate, int position);
/* The 1-based character (UTF-8) position of byte offset `off` of s. */
int ald__db_char_position(const char *s, size_t off);
/* Milliseconds of a monotonic clock. */
long long ald__db_now_ms(void);
/* Sleeps for ms milliseconds (returns early on a signal). */
void ald__db_sleep_ms(long ms);

#endif
