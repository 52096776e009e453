/* db.c - the backend-independent part of database connections: opening by
 * URL, dispatch to the backend, error records, the version table (see db.h). */
#include "db_internal.h"
#include "error.h"
#include "version_sql.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int ald__db_open(struct ald_db **out, const char *url)
{
	struct ald_db_url u;
	int error;
	*out = NULL;
	if ((error = ald__db_url_parse(&u, url)) < 0)
		return error;
	error = u.dialect->open(out, &u);
	ald__db_url_clear(&u);
	return error;
}

void ald__db_close(struct ald_db *db)
{
	if (db)
		db->ops->close(db);
}

const char *ald__db_dialect(const struct ald_db *db)
{
	return db->ops->dialect->name;
}

const struct ald_dialect *ald__db_dialect_of(const struct ald_db *db)
{
	return db->ops->dialect;
}

const char *ald__db_display(const struct ald_db *db)
{
	return db->display;
}

void ald__db_init_common(struct ald_db *db, const struct ald_db_ops *ops, const char *display)
{
	db->ops = ops;
	db->display = ald__xstrdup(display);
	memset(&db->err, 0, sizeof(db->err));
	db->cancelled = 0;
}

void ald__db_free_common(struct ald_db *db)
{
	ald__db_error_reset(db);
	free(db->display);
	db->display = NULL;
}

void ald__db_error_reset(struct ald_db *db)
{
	free(db->err.message);
	memset(&db->err, 0, sizeof(db->err));
}

int ald__db_fail(struct ald_db *db, int code, const char *message, const char *extra,
		const char *sqlstate, int position)
{
	ald__db_error_reset(db);
	db->err.message = extra && *extra ? ald__xasprintf("%s\n%s", message, extra)
					  : ald__xstrdup(message);
	snprintf(db->err.sqlstate, sizeof(db->err.sqlstate), "%s", sqlstate ? sqlstate : "");
	db->err.position = position > 0 ? position : 0;

	struct ald_buf b = {0};
	ald__buf_puts(&b, message);
	if (db->err.sqlstate[0] && position > 0)
		ald__buf_printf(&b, " (SQLSTATE %s, at character %d)", db->err.sqlstate, position);
	else if (db->err.sqlstate[0])
		ald__buf_printf(&b, " (SQLSTATE %s)", db->err.sqlstate);
	else if (position > 0)
		ald__buf_printf(&b, " (at character %d)", position);
	if (extra && *extra)
		ald__buf_printf(&b, "\n%s", extra);
	ald__error_set(code, "%s", ald__buf_cstr(&b));
	ald__buf_free(&b);
	return code;
}

int ald__db_char_position(const char *s, size_t off)
{
	int pos = 1;
	for (size_t i = 0; i < off && s[i]; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			pos++;
	return pos;
}

long long ald__db_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void ald__db_sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	nanosleep(&ts, NULL); /* an interrupting signal ends the sleep early: fine */
}

/* Fails with ALD_EINTERRUPTED if a cancel was requested. */
static int check_cancel(struct ald_db *db)
{
	ald__db_error_reset(db);
	if (db->cancelled)
		return ald__error_set(ALD_EINTERRUPTED, "interrupted");
	return 0;
}

int ald__db_exec(struct ald_db *db, const char *sql, long *rows_affected)
{
	long rows = 0;
	int error = check_cancel(db);
	if (error == 0)
		error = db->ops->exec(db, sql, &rows);
	if (rows_affected)
		*rows_affected = error < 0 ? 0 : rows;
	return error;
}

int ald__db_query_strings(struct ald_db *db, const char *sql, struct ald_strvec *out)
{
	int error = check_cancel(db);
	return error < 0 ? error : db->ops->query(db, sql, out);
}

const struct ald_db_error *ald__db_last_error(const struct ald_db *db)
{
	return &db->err;
}

int ald__db_begin(struct ald_db *db)
{
	int error = check_cancel(db);
	if (error < 0)
		return error;
	if (db->ops->in_transaction(db))
		return ald__error_set(ALD_EUSAGE, "a transaction is already open on %s", db->display);
	return db->ops->begin(db);
}

int ald__db_commit(struct ald_db *db)
{
	int error = check_cancel(db);
	if (error < 0)
		return error;
	if (!db->ops->in_transaction(db))
		return ald__error_set(ALD_EUSAGE, "no transaction is open on %s to commit", db->display);
	return db->ops->commit(db);
}

int ald__db_rollback(struct ald_db *db)
{
	ald__db_error_reset(db);
	return db->ops->rollback(db);
}

int ald__db_in_transaction(const struct ald_db *db)
{
	return db->ops->in_transaction(db);
}

/* A file database names its main database's file; an in-memory or temporary
 * one has none (see db.h). A server's database is never temporary. */
int ald__db_refuse_temporary(struct ald_db *db)
{
	const char *query = db->ops->dialect->main_file_query;
	if (!query)
		return 0;
	struct ald_strvec rows = {0};
	int error = db->ops->query(db, query, &rows);
	int temporary = error == 0 && rows.n == 1 && !*rows.v[0];
	ald__strvec_free(&rows);
	if (error < 0 || !temporary)
		return error;
	return ald__error_set(ALD_EUSAGE, "%s is an in-memory %s database, which vanishes when "
			     "aludel exits: the changes would be lost, so aludel does not make them; "
			     "name a database file (%s:///app.db), or use --sql to write a script",
			     db->display, db->ops->dialect->title, db->ops->dialect->url_schemes[0]);
}

int ald__db_lock(struct ald_db *db, const char *key, int timeout_ms,
		void (*waiting)(void *payload), void *payload)
{
	int error = check_cancel(db);
	return error < 0 ? error : db->ops->lock(db, key, timeout_ms, waiting, payload);
}

int ald__db_unlock(struct ald_db *db, const char *key)
{
	ald__db_error_reset(db);
	return db->ops->unlock(db, key);
}

int ald__db_cancel(struct ald_db *db)
{
	db->cancelled = 1;
	db->ops->cancel(db);
	return 0;
}

void ald__db_cancel_clear(struct ald_db *db)
{
	db->cancelled = 0;
}

int ald__db_cancel_requested(const struct ald_db *db)
{
	return db->cancelled != 0;
}

char *ald__db_quote_ident(const struct ald_db *db, const char *ident)
{
	return db->ops->dialect->quote_ident(ident);
}

char *ald__sql_quote(const char *s, char q)
{
	size_t n = 0, quotes = 0;
	for (; s[n]; n++)
		quotes += s[n] == q;
	char *out = ald__xmalloc(n + quotes + 3), *at = out; /* sized once: a plan makes thousands */
	*at++ = q;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == q)
			*at++ = q;
		*at++ = s[i];
	}
	*at++ = q;
	*at = '\0';
	return out;
}

char *ald__sql_literal(const char *s)
{
	return ald__sql_quote(s, '\'');
}

int ald__db_version_table_exists(struct ald_db *db, const char *table, const char *schema, int *exists)
{
	struct ald_strvec rows = {0};
	char *sql = db->ops->dialect->table_exists_sql(db->ops->dialect, table, schema);
	int error = ald__db_query_strings(db, sql, &rows);
	*exists = error == 0 && rows.n > 0;
	ald__strvec_free(&rows);
	free(sql);
	return error;
}

int ald__db_version_rows(struct ald_db *db, const char *table, const char *schema, struct ald_strvec *out)
{
	int exists, error;
	if ((error = ald__db_version_table_exists(db, table, schema, &exists)) < 0 || !exists)
		return error;
	char *sql = ald__vsql_select(db->ops->dialect, table, schema);
	error = ald__db_query_strings(db, sql, out);
	free(sql);
	return error;
}

int ald__db_exec_vsql(struct ald_db *db, const struct ald_vsql *st)
{
	long rows;
	int error = ald__db_exec(db, st->sql, &rows);
	if (error < 0 || rows == 1)
		return error;
	if (st->kind == ALD_VSQL_UPDATE)
		return ald__error_set(ALD_ERROR, "Online migration expected to match one row when "
				     "updating '%s' to '%s' in '%s'; %ld found",
				     st->from, st->to, st->table, rows);
	if (st->kind == ALD_VSQL_DELETE)
		return ald__error_set(ALD_ERROR, "Online migration expected to match one row when "
				     "deleting '%s' in '%s'; %ld found", st->from, st->table, rows);
	return 0;
}
