/* run_lock.c - the migration lock of a run (see run.h): PostgreSQL's
 * session-level advisory lock through ald__db_lock, or on SQLite an exclusive
 * flock() on "<database file>.aludel-lock", polled so that the wait can time
 * out and be cancelled, then ald__db_lock for BEGIN IMMEDIATE's busy wait.
 */
#include "run.h"
#include "error.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#define POLL_MS 20

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
}

/* Calls the caller's waiting callback, once per run. */
static void waiting_once(void *arg)
{
	struct ald_run_lock *l = arg;
	if (l->waited)
		return;
	l->waited = 1;
	if (l->waiting)
		l->waiting(l->payload);
}

/* Whether ald__db_cancel() was called on db. db.h offers no accessor; an empty
 * statement is refused at once with ALD_EINTERRUPTED after a cancel request
 * and otherwise does nothing (SQLite: no call into the library at all). */
static int cancel_requested(struct ald_db *db)
{
	return ald__db_exec(db, "", NULL) == ALD_EINTERRUPTED;
}

/* The file database's file (SQLite), "" for an in-memory or temporary one. */
static int sqlite_file(char **out, struct ald_db *db)
{
	const struct ald_dialect *d = ald__db_dialect_of(db);
	struct ald_strvec rows = {0};
	int error = ald__db_query_strings(db, d->main_file_query, &rows);
	*out = error == 0 && rows.n == 1 ? ald__xstrdup(rows.v[0]) : NULL;
	ald__strvec_free(&rows);
	if (error == 0 && !*out)
		error = ald__error_set(ALD_ERROR, "cannot find the file of the %s database %s", d->title,
				      ald__db_display(db));
	return error;
}

/* What is left of timeout_ms since `start`, at least 0; < 0 stays forever. */
static long left_ms(long timeout_ms, long long start)
{
	if (timeout_ms < 0)
		return -1;
	long long left = timeout_ms - (now_ms() - start);
	return left > 0 ? (long)left : 0;
}

/* Takes the exclusive flock of l->file, polling. */
static int flock_wait(struct ald_run_lock *l, struct ald_db *db, long timeout_ms, long long start)
{
	l->fd = open(l->file, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (l->fd < 0)
		return ald__error_set(ALD_ERROR, "cannot open the lock file %s of the SQLite database: %s",
				     l->file, strerror(errno));
	for (;;) {
		if (flock(l->fd, LOCK_EX | LOCK_NB) == 0)
			return 0;
		if (errno != EWOULDBLOCK && errno != EINTR)
			return ald__error_set(ALD_ERROR, "cannot lock %s: %s", l->file, strerror(errno));
		long left = left_ms(timeout_ms, start);
		if (left == 0)
			return ald__error_set(ALD_ELOCKED, "timed out after %ld ms waiting for the migration "
					     "lock of %s (lock file %s): another migration is running on "
					     "this database", timeout_ms, ald__db_display(db), l->file);
		if (cancel_requested(db))
			return ald__error_set(ALD_EINTERRUPTED, "interrupted while waiting for the migration "
					     "lock of %s (lock file %s)", ald__db_display(db), l->file);
		waiting_once(l);
		sleep_ms(left > 0 && left < POLL_MS ? left : POLL_MS);
	}
}

static int clamp_int(long v)
{
	return v > INT_MAX ? INT_MAX : (int)v;
}

int ald__run_lock_take(struct ald_run_lock *l, struct ald_db *db, const char *table,
		      const char *schema, long timeout_ms, void (*waiting)(void *payload),
		      void *payload)
{
	long long start = now_ms();
	int error = 0;
	memset(l, 0, sizeof(*l));
	l->fd = -1;
	l->waiting = waiting;
	l->payload = payload;
	l->key = schema ? ald__xasprintf("%s.%s", schema, table) : ald__xstrdup(table);
	if (ald__db_dialect_of(db)->file_lock) {
		char *path = NULL;
		error = sqlite_file(&path, db);
		if (error == 0 && *path) {
			l->file = ald__xasprintf("%s.aludel-lock", path);
			error = flock_wait(l, db, timeout_ms, start);
		}
		free(path);
	}
	if (error == 0) {
		long left = left_ms(timeout_ms, start);
		error = ald__db_lock(db, l->key, left < 0 ? -1 : clamp_int(left), waiting_once, l);
		l->db_locked = error == 0;
	}
	if (error < 0) {
		ald__run_lock_release(l, db);
		return error;
	}
	return 0;
}

/* A copy of the thread's last error, to put back after a cleanup. */
struct saved_error {
	int code;
	char *message;
};

static void save_error(struct saved_error *s)
{
	const ald_error *e = ald_error_last();
	s->code = e->code;
	s->message = e->code ? ald__xstrdup(e->message) : NULL;
}

static void restore_error(struct saved_error *s)
{
	if (s->message)
		ald__error_set(s->code, "%s", s->message);
	else
		ald__error_clear();
	free(s->message);
}

void ald__run_lock_release(struct ald_run_lock *l, struct ald_db *db)
{
	struct saved_error saved;
	save_error(&saved);
	if (l->db_locked) {
		/* a cancel racing with the end of a statement may hit the unlock
		 * query on PostgreSQL: try again, else the lock would outlive the run */
		for (int i = 0; i < 3 && ald__db_unlock(db, l->key) == ALD_EINTERRUPTED; i++)
			;
		l->db_locked = 0;
	}
	if (l->fd >= 0)
		close(l->fd); /* releases the flock */
	l->fd = -1;
	free(l->key);
	free(l->file);
	l->key = l->file = NULL;
	restore_error(&saved);
}
