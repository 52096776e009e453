/* db_sqlite.c - the SQLite3 backend.
 *
 * Looking writes nothing: an existing file is opened read-only, and a file
 * that does not exist is not created - its stand-in is an empty read-only
 * in-memory database (SQLite's memdb VFS) that carries the file's name, so
 * it reads as a database with no version table and ald__db_refuse_temporary
 * and the run lock still see the file. The first operation that may change
 * the database (ald__db_lock, begin, exec) reopens the file read-write,
 * creating it then. An in-memory URL (:memory:) is opened read-write at once.
 *
 * The write lock of a run is BEGIN IMMEDIATE. Waiting for another connection's
 * lock goes through our own busy handler, which honours the timeout of
 * ald__db_lock(), calls its `waiting` callback once and stops on ald__db_cancel(). */
#include "sqlite_loader.h"
#include "db_internal.h"
#include "error.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEFAULT_BUSY_TIMEOUT_MS 5000

/* How the connection's handle is open (see the top of this file). */
enum sq_mode { SQ_ABSENT, SQ_READONLY, SQ_READWRITE };

struct sqlite_db {
	struct ald_db base;
	sqlite3 *h;
	char *path;
	enum sq_mode mode;
	int timeout_ms;                  /* < 0: wait forever */
	void (*waiting)(void *payload);  /* from ald__db_lock, or NULL */
	void *payload;
	int waited;                      /* waiting() was called for this lock */
	long long busy_since;            /* when the current wait began */
};

static struct sqlite_db *S(struct ald_db *db)
{
	return (struct sqlite_db *)db;
}

/* Called by SQLite while a lock is held by another connection: 1 = retry. */
static int busy_handler(void *arg, int count)
{
	struct sqlite_db *s = arg;
	if (s->base.cancelled)
		return 0;
	long long now = ald__db_now_ms();
	if (count == 0) {
		s->busy_since = now;
		if (s->waiting && !s->waited) {
			s->waited = 1;
			s->waiting(s->payload);
		}
	}
	long long left = s->timeout_ms < 0 ? 20 : s->timeout_ms - (now - s->busy_since);
	if (left <= 0)
		return 0;
	ald__db_sleep_ms(left < 20 ? (long)left : 20);
	return 1;
}

/* Records SQLite's error of `rc`; `off` is the byte offset of the failing
 * statement in `sql` (the whole text given to exec), `sql` may be NULL. */
static int fail(struct sqlite_db *s, int rc, const char *sql, size_t stmt_off)
{
	int pos = 0;
	if (sql) {
		int eoff = sqlite3_error_offset(s->h);
		if (eoff >= 0)
			pos = ald__db_char_position(sql, stmt_off + (size_t)eoff);
	}
	const char *msg = sqlite3_errmsg(s->h);
	int prim = rc & 0xff;
	if (prim == SQLITE_INTERRUPT || (s->base.cancelled && (prim == SQLITE_BUSY || prim == SQLITE_LOCKED)))
		return ald__db_fail(&s->base, ALD_EINTERRUPTED, prim == SQLITE_INTERRUPT ? msg : "interrupted",
				   NULL, "", pos);
	if (prim == SQLITE_BUSY || prim == SQLITE_LOCKED) {
		ald__db_fail(&s->base, ALD_ELOCKED, msg, NULL, "", pos);
		if (s->timeout_ms < 0)
			return ald__error_set(ALD_ELOCKED, "%s: another connection holds the write lock of %s",
					     msg, s->path);
		return ald__error_set(ALD_ELOCKED, "%s: another connection holds the write lock of %s "
				     "(gave up after %d ms)", msg, s->path, s->timeout_ms);
	}
	return ald__db_fail(&s->base, ALD_EDB, msg, NULL, "", pos);
}

/* Runs every statement of `sql`; `row` (may be NULL) sees each result row. */
static int run(struct sqlite_db *s, const char *sql, long *rows,
	       void (*row)(sqlite3_stmt *st, void *arg), void *arg)
{
	const char *tail = sql;
	*rows = 0;
	while (*tail) {
		sqlite3_stmt *st = NULL;
		const char *next = NULL;
		int rc = sqlite3_prepare_v2(s->h, tail, -1, &st, &next);
		if (rc != SQLITE_OK)
			return fail(s, rc, sql, (size_t)(tail - sql));
		if (!st) { /* only white space or a comment */
			tail = next;
			continue;
		}
		sqlite3_int64 before = sqlite3_total_changes64(s->h);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			if (row)
				row(st, arg);
		if (rc != SQLITE_DONE) {
			int error = fail(s, rc, sql, (size_t)(tail - sql));
			sqlite3_finalize(st);
			return error;
		}
		*rows = sqlite3_total_changes64(s->h) != before ? (long)sqlite3_changes64(s->h) : 0;
		sqlite3_finalize(st);
		tail = next;
	}
	return 0;
}

static int sq_writable(struct sqlite_db *s);

/* A statement may change the database: the connection becomes read-write. */
static int sq_exec(struct ald_db *db, const char *sql, long *rows)
{
	int error = sq_writable(S(db));
	if (error < 0)
		return error;
	return run(S(db), sql, rows, NULL, NULL);
}

static void collect(sqlite3_stmt *st, void *arg)
{
	const unsigned char *text = sqlite3_column_text(st, 0);
	ald__strvec_pushdup(arg, text ? (const char *)text : "");
}

static int sq_query(struct ald_db *db, const char *sql, struct ald_strvec *out)
{
	long rows;
	return run(S(db), sql, &rows, collect, out);
}

static int sq_begin(struct ald_db *db)
{
	long rows;
	int error = sq_writable(S(db));
	if (error < 0)
		return error;
	S(db)->waited = 0;
	return run(S(db), "BEGIN IMMEDIATE", &rows, NULL, NULL);
}

static int sq_commit(struct ald_db *db)
{
	long rows;
	return run(S(db), "COMMIT", &rows, NULL, NULL);
}

static int sq_rollback(struct ald_db *db)
{
	long rows;
	if (sqlite3_get_autocommit(S(db)->h))
		return 0;
	return run(S(db), "ROLLBACK", &rows, NULL, NULL);
}

static int sq_in_transaction(const struct ald_db *db)
{
	return !sqlite3_get_autocommit(((const struct sqlite_db *)db)->h);
}

/* The lock is taken only by runs that change the database: from here on the
 * connection is read-write (the file is created if it was missing). */
static int sq_lock(struct ald_db *db, const char *key, int timeout_ms,
		   void (*waiting)(void *payload), void *payload)
{
	(void)key;
	struct sqlite_db *s = S(db);
	int error = sq_writable(s);
	if (error < 0)
		return error;
	s->timeout_ms = timeout_ms;
	s->waiting = waiting;
	s->payload = payload;
	s->waited = 0;
	return 0;
}

static int sq_unlock(struct ald_db *db, const char *key)
{
	(void)key;
	S(db)->waiting = NULL;
	S(db)->payload = NULL;
	return 0;
}

static void sq_cancel(struct ald_db *db)
{
	sqlite3_interrupt(S(db)->h);
}

static void sq_close(struct ald_db *db)
{
	struct sqlite_db *s = S(db);
	sqlite3_close_v2(s->h); /* an open transaction is rolled back */
	free(s->path);
	ald__db_free_common(db);
	free(s);
}

static const struct ald_db_ops sqlite_ops = {
	.dialect = &ald__dialect_sqlite,
	.exec = sq_exec,
	.query = sq_query,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.in_transaction = sq_in_transaction,
	.lock = sq_lock,
	.unlock = sq_unlock,
	.cancel = sq_cancel,
	.close = sq_close,
};

/* Opens s->path with `flags` (through the memdb VFS for a stand-in) and
 * reads the schema (SQLite opens files lazily: a bad file is reported here).
 * On success the new handle replaces s->h; on failure s is unchanged and the
 * error is set. *rc_out (may be NULL) gets SQLite's code of the failure. */
static int sq_handle_open(struct sqlite_db *s, const char *name, int flags, const char *vfs, int *rc_out)
{
	sqlite3 *h = NULL;
	int rc = sqlite3_open_v2(name, &h, flags, vfs);
	if (rc == SQLITE_OK) {
		sqlite3_extended_result_codes(h, 1);
		sqlite3_busy_handler(h, busy_handler, s);
		rc = sqlite3_exec(h, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
	}
	if (rc_out)
		*rc_out = rc;
	if (rc != SQLITE_OK) {
		int error = ald__error_set(ALD_EDB, "could not open the SQLite database %s: %s",
					  s->path, h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
		sqlite3_close_v2(h);
		return error;
	}
	sqlite3 *old = s->h;
	s->h = h;
	sqlite3_close_v2(old);
	return 0;
}

/* Makes the connection able to change the database: reopens a read-only
 * file or a stand-in read-write, creating the file. No-op when it already is. */
static int sq_writable(struct sqlite_db *s)
{
	if (s->mode == SQ_READWRITE)
		return 0;
	int error = sq_handle_open(s, s->path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL, NULL);
	if (error == 0)
		s->mode = SQ_READWRITE;
	return error;
}

/* The name of the stand-in of a missing file: the path made absolute, as
 * SQLite shows a real file's name in pragma_database_list. Caller frees. */
static char *standin_name(const char *path)
{
	char cwd[4096];
	if (path[0] == '/' || !getcwd(cwd, sizeof(cwd)))
		return ald__xstrdup(path);
	return ald__xasprintf("%s/%s", cwd, path);
}

/* Whether the directory that would hold `path` exists. */
static int parent_dir_exists(const char *path)
{
	char *dir = ald__xstrdup(path);
	char *slash = strrchr(dir, '/');
	struct stat st;
	int ok;
	if (!slash)
		ok = 1;
	else {
		if (slash == dir)
			slash[1] = '\0';
		else
			*slash = '\0';
		ok = stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
	}
	free(dir);
	return ok;
}

int ald__db_sqlite_open(struct ald_db **out, const struct ald_db_url *url)
{
	if (ald__sqlite_load() < 0)
		return ALD_ERROR;
	struct sqlite_db *s = ald__xcalloc(1, sizeof(*s));
	ald__db_init_common(&s->base, &sqlite_ops, url->display);
	s->path = ald__xstrdup(url->path);
	s->timeout_ms = DEFAULT_BUSY_TIMEOUT_MS;
	struct stat st;
	int error, rc = SQLITE_OK;
	if (strcmp(url->path, ":memory:") == 0) {
		s->mode = SQ_READWRITE;
		error = sq_handle_open(s, s->path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL, NULL);
	} else if (stat(url->path, &st) < 0 && errno == ENOENT) {
		if (!parent_dir_exists(url->path)) {
			error = ald__error_set(ALD_EDB, "could not open the SQLite database %s: %s",
					      url->path, sqlite3_errstr(SQLITE_CANTOPEN));
		} else {
			char *name = standin_name(url->path);
			s->mode = SQ_ABSENT;
			error = sq_handle_open(s, name, SQLITE_OPEN_READONLY, "memdb", NULL);
			free(name);
		}
	} else {
		s->mode = SQ_READONLY;
		error = sq_handle_open(s, s->path, SQLITE_OPEN_READONLY, NULL, &rc);
		/* a hot journal left by a crashed writer needs a read-write
		 * connection to be rolled back before anything can be read */
		if (error < 0 && (rc & 0xff) == SQLITE_READONLY)
			error = sq_writable(s);
	}
	if (error < 0) {
		sq_close(&s->base);
		return error;
	}
	*out = &s->base;
	return 0;
}
