/* db_pg.c - the PostgreSQL backend, on libpq.
 *
 * Statements go through PQexec (the simple query protocol), in UTF8 unless the
 * URL or PGCLIENTENCODING asks for another client encoding. Errors keep the
 * server's primary message, DETAIL and HINT, SQLSTATE and statement position.
 * Notices (RAISE NOTICE, warnings) are dropped, as Alembic drops them. The
 * migration lock is a session-level advisory lock on a 64-bit FNV-1a hash of
 * its key, polled with pg_try_advisory_lock so that waiting can time out. */
#include "db_internal.h"
#include "error.h"

#include "pq_loader.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define LOCK_POLL_MS 50

struct pg_db {
	struct ald_db base;
	PGconn *conn;
	PGcancel *cancel; /* prepared at connect time for ald__db_cancel() */
};

static struct pg_db *P(struct ald_db *db)
{
	return (struct pg_db *)db;
}

static void ignore_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* libpq's connection-level message without its trailing newline. */
static char *conn_message(PGconn *conn)
{
	const char *m = conn ? PQerrorMessage(conn) : "out of memory";
	size_t n = strlen(m);
	while (n > 0 && (m[n - 1] == '\n' || m[n - 1] == ' '))
		n--;
	return ald__xstrndup(m, n);
}

/* Records the error of result r (which may be NULL: then the connection's). */
static int fail(struct pg_db *p, const PGresult *r)
{
	const char *primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	if (!primary) {
		char *m = conn_message(p->conn);
		int error = ald__db_fail(&p->base, ALD_EDB, *m ? m : "unknown error", NULL, "", 0);
		free(m);
		return error;
	}
	const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
	const char *pos = PQresultErrorField(r, PG_DIAG_STATEMENT_POSITION);
	const char *detail = PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL);
	const char *hint = PQresultErrorField(r, PG_DIAG_MESSAGE_HINT);
	struct ald_buf extra = {0};
	if (detail)
		ald__buf_printf(&extra, "DETAIL:  %s", detail);
	if (hint)
		ald__buf_printf(&extra, "%sHINT:  %s", extra.len ? "\n" : "", hint);
	int code = ALD_EDB;
	if (state && ald__streq(state, "57014") && p->base.cancelled)
		code = ALD_EINTERRUPTED; /* query_canceled by our own PQcancel */
	int error = ald__db_fail(&p->base, code, primary, extra.len ? ald__buf_cstr(&extra) : NULL,
				state ? state : "", pos ? atoi(pos) : 0);
	ald__buf_free(&extra);
	return error;
}

/* Ends a COPY that the statement started: we have no data to give or take. */
static void abandon_copy(struct pg_db *p, ExecStatusType status)
{
	if (status == PGRES_COPY_IN || status == PGRES_COPY_BOTH)
		PQputCopyEnd(p->conn, "COPY with STDIN/STDOUT is not supported by aludel");
	if (status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH) {
		char *buf;
		while (PQgetCopyData(p->conn, &buf, 0) > 0)
			PQfreemem(buf);
	}
	PGresult *r;
	while ((r = PQgetResult(p->conn)) != NULL)
		PQclear(r);
}

/* Runs sql; on success *out is the result (the caller PQclears it). */
static int run(struct pg_db *p, const char *sql, PGresult **out)
{
	PGresult *r = PQexec(p->conn, sql);
	ExecStatusType status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
	switch (status) {
	case PGRES_COMMAND_OK:
	case PGRES_TUPLES_OK:
	case PGRES_EMPTY_QUERY:
		*out = r;
		return 0;
	case PGRES_COPY_IN:
	case PGRES_COPY_OUT:
	case PGRES_COPY_BOTH:
		PQclear(r);
		abandon_copy(p, status);
		return ald__db_fail(&p->base, ALD_EDB, "COPY with STDIN/STDOUT is not supported by aludel",
				   NULL, "", 0);
	default: {
		int error = fail(p, r);
		PQclear(r);
		return error;
	}
	}
}

static int pg_exec(struct ald_db *db, const char *sql, long *rows)
{
	PGresult *r;
	int error = run(P(db), sql, &r);
	if (error < 0)
		return error;
	const char *tag = PQcmdStatus(r);
	if (strncmp(tag, "INSERT", 6) == 0 || strncmp(tag, "UPDATE", 6) == 0 ||
	    strncmp(tag, "DELETE", 6) == 0 || strncmp(tag, "MERGE", 5) == 0)
		*rows = atol(PQcmdTuples(r));
	PQclear(r);
	return 0;
}

static int pg_query(struct ald_db *db, const char *sql, struct ald_strvec *out)
{
	PGresult *r;
	int error = run(P(db), sql, &r);
	if (error < 0)
		return error;
	if (PQresultStatus(r) == PGRES_TUPLES_OK && PQnfields(r) > 0)
		for (int i = 0; i < PQntuples(r); i++)
			ald__strvec_pushdup(out, PQgetisnull(r, i, 0) ? "" : PQgetvalue(r, i, 0));
	PQclear(r);
	return 0;
}

static int simple(struct ald_db *db, const char *sql)
{
	long rows;
	return pg_exec(db, sql, &rows);
}

static int pg_begin(struct ald_db *db)
{
	return simple(db, "BEGIN");
}

static int pg_commit(struct ald_db *db)
{
	/* The server answers COMMIT in a failed transaction with a silent ROLLBACK. */
	if (PQtransactionStatus(P(db)->conn) == PQTRANS_INERROR) {
		simple(db, "ROLLBACK");
		return ald__error_set(ALD_EDB, "the transaction was aborted by an earlier error "
				     "and has been rolled back");
	}
	return simple(db, "COMMIT");
}

static int pg_in_transaction(const struct ald_db *db)
{
	PGTransactionStatusType t = PQtransactionStatus(((const struct pg_db *)db)->conn);
	return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

static int pg_rollback(struct ald_db *db)
{
	if (!pg_in_transaction(db))
		return 0;
	return simple(db, "ROLLBACK");
}

/* The advisory lock id of a key: 64-bit FNV-1a. */
static long long lock_id(const char *key)
{
	uint64_t h = 14695981039346656037ULL;
	for (const unsigned char *c = (const unsigned char *)key; *c; c++) {
		h ^= *c;
		h *= 1099511628211ULL;
	}
	return (long long)h;
}

/* Runs a query returning one boolean; *value = 1 for true. */
static int query_bool(struct ald_db *db, const char *sql, int *value)
{
	struct ald_strvec rows = {0};
	int error = pg_query(db, sql, &rows);
	*value = error == 0 && rows.n == 1 && ald__streq(rows.v[0], "t");
	ald__strvec_free(&rows);
	return error;
}

static int pg_lock(struct ald_db *db, const char *key, int timeout_ms,
		   void (*waiting)(void *payload), void *payload)
{
	char *sql = ald__xasprintf("SELECT pg_try_advisory_lock(%lld)", lock_id(key));
	long long start = ald__db_now_ms();
	int got = 0, waited = 0, error;
	while ((error = query_bool(db, sql, &got)) == 0 && !got) {
		long long left = timeout_ms < 0 ? LOCK_POLL_MS : timeout_ms - (ald__db_now_ms() - start);
		if (left <= 0) {
			error = ald__error_set(ALD_ELOCKED, "timed out after %d ms waiting for the migration "
					      "lock of '%s' on %s: another migration is running on "
					      "this database", timeout_ms, key, db->display);
			break;
		}
		if (db->cancelled) {
			error = ald__error_set(ALD_EINTERRUPTED, "interrupted while waiting for the "
					      "migration lock of '%s'", key);
			break;
		}
		if (!waited && waiting) {
			waited = 1;
			waiting(payload);
		}
		ald__db_sleep_ms(left < LOCK_POLL_MS ? (long)left : LOCK_POLL_MS);
	}
	free(sql);
	return error;
}

static int pg_unlock(struct ald_db *db, const char *key)
{
	char *sql = ald__xasprintf("SELECT pg_advisory_unlock(%lld)", lock_id(key));
	int released, error = query_bool(db, sql, &released);
	free(sql);
	if (error == 0 && !released)
		error = ald__error_set(ALD_ERROR, "the migration lock of '%s' was not held", key);
	return error;
}

static void pg_cancel(struct ald_db *db)
{
	char errbuf[256]; /* on the stack: PQcancel is then async-signal-safe */
	if (P(db)->cancel)
		PQcancel(P(db)->cancel, errbuf, (int)sizeof(errbuf));
}

static void pg_close(struct ald_db *db)
{
	struct pg_db *p = P(db);
	if (p->cancel)
		PQfreeCancel(p->cancel);
	PQfinish(p->conn); /* the server rolls back an open transaction */
	ald__db_free_common(db);
	free(p);
}

static const struct ald_db_ops pg_ops = {
	.dialect = &ald__dialect_postgresql,
	.exec = pg_exec,
	.query = pg_query,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.in_transaction = pg_in_transaction,
	.lock = pg_lock,
	.unlock = pg_unlock,
	.cancel = pg_cancel,
	.close = pg_close,
};

/* Whether the URL or PGCLIENTENCODING chooses the client encoding; if not, we
 * use UTF8, the encoding of revision files, and the server converts. */
static int sets_client_encoding(const char *conninfo)
{
	const char *env = getenv("PGCLIENTENCODING");
	if (env && *env)
		return 1;
	PQconninfoOption *opts = PQconninfoParse(conninfo, NULL);
	int set = 0;
	for (PQconninfoOption *o = opts; o && o->keyword; o++)
		if (ald__streq(o->keyword, "client_encoding") && o->val)
			set = 1;
	PQconninfoFree(opts);
	return set;
}

/* The password of a conninfo string, or NULL; caller frees. */
static char *conninfo_password(const char *conninfo)
{
	PQconninfoOption *opts = PQconninfoParse(conninfo, NULL);
	char *pw = NULL;
	for (PQconninfoOption *o = opts; o && o->keyword; o++)
		if (ald__streq(o->keyword, "password") && o->val && *o->val)
			pw = ald__xstrdup(o->val);
	PQconninfoFree(opts);
	return pw;
}

/* libpq's message about a failed connection, with every occurrence of the
 * URL's password replaced by XXXXX. libpq quotes host names, ports, socket
 * paths and option values, not the password; this makes sure that a password
 * that ended up in one of those (a malformed URL) is not shown either. A
 * password of one or two characters is left: such a string in the message is
 * ordinary text, and replacing it would garble the message. Caller frees. */
static char *connect_message(PGconn *conn, const char *conninfo)
{
	char *m = conn_message(conn);
	char *pw = conninfo_password(conninfo);
	size_t n = pw ? strlen(pw) : 0;
	if (n < 3 || !strstr(m, pw)) {
		free(pw);
		return m;
	}
	struct ald_buf b = {0};
	for (const char *s = m, *hit; *s; s = hit + n) {
		hit = strstr(s, pw);
		if (!hit) {
			ald__buf_puts(&b, s);
			break;
		}
		ald__buf_printf(&b, "%.*sXXXXX", (int)(hit - s), s);
	}
	free(pw);
	free(m);
	return ald__buf_detach(&b);
}

int ald__db_pg_open(struct ald_db **out, const struct ald_db_url *url)
{
	int loaded = ald__pq_load();
	if (loaded < 0)
		return loaded;
	struct pg_db *p = ald__xcalloc(1, sizeof(*p));
	ald__db_init_common(&p->base, &pg_ops, url->display);
	p->conn = PQconnectdb(url->conninfo);
	if (!p->conn || PQstatus(p->conn) != CONNECTION_OK) {
		char *m = connect_message(p->conn, url->conninfo);
		int error = ald__error_set(ALD_EDB, "could not connect to %s: %s", url->display, m);
		free(m);
		pg_close(&p->base);
		return error;
	}
	PQsetNoticeProcessor(p->conn, ignore_notice, NULL);
	if (!sets_client_encoding(url->conninfo) && PQsetClientEncoding(p->conn, "UTF8") != 0) {
		char *m = connect_message(p->conn, url->conninfo);
		int error = ald__error_set(ALD_EDB, "could not set client_encoding UTF8 on %s: %s",
					  url->display, m);
		free(m);
		pg_close(&p->base);
		return error;
	}
	/* when the client is gone (killed), the server ends its statement, and
	 * frees its advisory lock, within a second instead of when the statement
	 * would have ended: PostgreSQL 14 and later; older servers have no such
	 * setting (then nothing is set) and run the statement to its end */
	PQclear(PQexec(p->conn, "SELECT set_config(name, '1000', false) FROM pg_settings "
				"WHERE name = 'client_connection_check_interval'"));
	p->cancel = PQgetCancel(p->conn);
	*out = &p->base;
	return 0;
}
