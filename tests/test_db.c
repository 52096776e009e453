/* test_db.c - the database backends against real databases: every case runs
 * on SQLite (a fresh file) and on PostgreSQL (a fresh database in the server
 * that the harness starts). Statements and row counts, error details,
 * transactions, the version table, the migration lock, cancelling. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "error.h"
#include "version_sql.h"
#include "pg_harness.h"

/* Which backend a test runs on (the cmocka initial state). */
struct backend {
	int pg;
};
static struct backend on_sqlite = {0}, on_pg = {1};

/* One test's database. */
struct ctx {
	int pg;
	char *url;
	char *path; /* SQLite: the file */
};


static int setup(void **state)
{
	static int n;
	const struct backend *b = *state;
	struct ctx *c = calloc(1, sizeof(*c));
	c->pg = b->pg;
	if (c->pg) {
		c->url = ald_test_pg_create_db("ald_test_db");
		if (!c->url) {
			free(c);
			return -1;
		}
	} else {
		c->path = ald__xasprintf("%s/t%d.db", ald_test_tmpdir(), ++n);
		c->url = ald__xasprintf("sqlite:///%s", c->path);
	}
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	struct ctx *c = *state;
	if (c->pg)
		ald_test_pg_drop_db(c->url);
	free(c->url);
	free(c->path);
	free(c);
	return 0;
}

/* Opens a connection or fails the test with the message. */
static struct ald_db *open_db(const struct ctx *c)
{
	struct ald_db *db = NULL;
	if (ald__db_open(&db, c->url) < 0)
		fail_msg("open %s: %s", c->url, ald_error_last()->message);
	return db;
}

static void exec_ok(struct ald_db *db, const char *sql)
{
	if (ald__db_exec(db, sql, NULL) < 0)
		fail_msg("%s: %s", sql, ald_error_last()->message);
}

/* The first column of a query's rows joined by commas. */
static char *query(struct ald_db *db, const char *sql)
{
	struct ald_strvec rows = {0};
	if (ald__db_query_strings(db, sql, &rows) < 0)
		fail_msg("%s: %s", sql, ald_error_last()->message);
	char *s = ald__strvec_join(&rows, ",");
	ald__strvec_free(&rows);
	return s;
}

static void assert_query(struct ald_db *db, const char *sql, const char *expected)
{
	char *got = query(db, sql);
	if (strcmp(got, expected) != 0)
		fail_msg("%s: expected '%s', got '%s'", sql, expected, got);
	free(got);
}

static void assert_message_contains(const char *part)
{
	const ald_error *e = ald_error_last();
	assert_non_null(e);
	if (!strstr(e->message, part))
		fail_msg("message '%s' lacks '%s'", e->message, part);
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void test_open(void **state)
{
	struct ctx *c = *state;
	struct ald_db *db = open_db(c);
	assert_string_equal(ald__db_dialect(db), c->pg ? "postgresql" : "sqlite");
	if (c->pg) /* the display re-encodes the query as Alembic does */
		assert_non_null(strstr(ald__db_display(db), "?host=%2F"));
	else
		assert_string_equal(ald__db_display(db), c->url);
	assert_false(ald__db_in_transaction(db));
	ald__db_close(db);
	ald__db_close(NULL);
}

static void test_open_errors(void **state)
{
	struct ctx *c = *state;
	struct ald_db *db = (struct ald_db *)1;
	if (c->pg) {
		/* a missing database; the password of the URL is never shown */
		const char *dir = ald_test_pg_start();
		char *url = ald__xasprintf("postgresql://postgres:sekret@/no_such_db?host=%s", dir);
		assert_int_equal(ald__db_open(&db, url), ALD_EDB);
		assert_null(db);
		assert_message_contains("could not connect to postgresql://postgres:XXXXX@/no_such_db?host=%2F");
		assert_message_contains("database \"no_such_db\" does not exist");
		if (strstr(ald_error_last()->message, "sekret"))
			fail_msg("password shown: %s", ald_error_last()->message);
		free(url);
	} else {
		assert_int_equal(ald__db_open(&db, "sqlite:////nonexistent/dir/x.db"), ALD_EDB);
		assert_null(db);
		assert_message_contains("could not open the SQLite database /nonexistent/dir/x.db: "
					"unable to open database file");
		/* a file that is not a database */
		FILE *f = fopen(c->path, "w");
		assert_non_null(f);
		fputs("this is not a database, just a text file that is long enough......\n", f);
		fclose(f);
		assert_int_equal(ald__db_open(&db, c->url), ALD_EDB);
		assert_message_contains("file is not a database");
	}
	/* a bad URL fails before connecting */
	assert_int_equal(ald__db_open(&db, "mysql://u:p@h/d"), ALD_EINVALID);
	assert_null(db);
}

static void test_exec_rows(void **state)
{
	struct ctx *c = *state;
	struct ald_db *db = open_db(c);
	long rows = -1;
	assert_int_equal(ald__db_exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)", &rows), 0);
	assert_int_equal(rows, 0);
	assert_int_equal(ald__db_exec(db, "INSERT INTO t (id, v) VALUES (1, 'a'), (2, 'b'), (3, NULL)",
				     &rows), 0);
	assert_int_equal(rows, 3);
	assert_int_equal(ald__db_exec(db, "UPDATE t SET v = 'x' WHERE id > 1", &rows), 0);
	assert_int_equal(rows, 2);
	assert_int_equal(ald__db_exec(db, "UPDATE t SET v = 'x' WHERE id > 100", &rows), 0);
	assert_int_equal(rows, 0);
	assert_int_equal(ald__db_exec(db, "DELETE FROM t WHERE id = 3", &rows), 0);
	assert_int_equal(rows, 1);
	/* a query or DDL after DML reports no rows affected */
	assert_int_equal(ald__db_exec(db, "SELECT * FROM t", &rows), 0);
	assert_int_equal(rows, 0);
	assert_int_equal(ald__db_exec(db, "CREATE INDEX t_v ON t (v)", &rows), 0);
	assert_int_equal(rows, 0);
	/* white space and comments only */
	assert_int_equal(ald__db_exec(db, "  -- nothing\n", &rows), 0);
	assert_int_equal(rows, 0);
	assert_int_equal(ald__db_exec(db, "INSERT INTO t (id, v) VALUES (4, 'd') RETURNING id", &rows), 0);
	assert_int_equal(rows, 1);
	assert_query(db, "SELECT v FROM t ORDER BY id", "a,x,d");
	/* NULL is read as "" */
	exec_ok(db, "INSERT INTO t (id) VALUES (5)");
	assert_query(db, "SELECT v FROM t ORDER BY id", "a,x,d,");
	assert_query(db, "SELECT v FROM t WHERE id > 100", "");
	/* rows_affected may be NULL; no error recorded after success */
	assert_int_equal(ald__db_exec(db, "DELETE FROM t", NULL), 0);
	assert_null(ald__db_last_error(db)->message);
	ald__db_close(db);
}

static void test_error_details(void **state)
{
	struct ctx *c = *state;
	struct ald_db *db = open_db(c);
	long rows = 7;
	const struct ald_db_error *err;

	assert_int_equal(ald__db_exec(db, "SELECT * FROM nope", &rows), ALD_EDB);
	assert_int_equal(rows, 0);
	err = ald__db_last_error(db);
	if (c->pg) {
		assert_string_equal(err->message, "relation \"nope\" does not exist");
		assert_string_equal(err->sqlstate, "42P01");
		assert_int_equal(err->position, 15);
		assert_string_equal(ald_error_last()->message,
				    "relation \"nope\" does not exist (SQLSTATE 42P01, at character 15)");
	} else {
		/* SQLite 3.40 gives no position for a missing table */
		assert_string_equal(err->message, "no such table: nope");
		assert_string_equal(err->sqlstate, "");
		assert_int_equal(err->position, 0);
		assert_string_equal(ald_error_last()->message, "no such table: nope");
	}
	assert_int_equal(ald_error_last()->code, ALD_EDB);

	/* a missing column, with its position; positions count characters, not bytes */
	exec_ok(db, "CREATE TABLE c (id INTEGER)");
	assert_int_equal(ald__db_exec(db, "SELECT nocol FROM c", NULL), ALD_EDB);
	err = ald__db_last_error(db);
	assert_string_equal(err->message, c->pg ? "column \"nocol\" does not exist"
						: "no such column: nocol");
	assert_int_equal(err->position, 8);
	assert_string_equal(ald_error_last()->message,
			    c->pg ? "column \"nocol\" does not exist (SQLSTATE 42703, at character 8)"
				  : "no such column: nocol (at character 8)");
	assert_int_equal(ald__db_exec(db, "SELECT 'h\xc3\xa9llo', nocol FROM c", NULL), ALD_EDB);
	assert_int_equal(ald__db_last_error(db)->position, 17);
	if (c->pg) {
		assert_int_equal(ald__db_exec(db, "SELECT 'h\xc3\xa9llo' FROM nope", NULL), ALD_EDB);
		assert_int_equal(ald__db_last_error(db)->position, 21);
	}
	/* a statement that fails at its first character */
	assert_int_equal(ald__db_exec(db, "SELEC 1", NULL), ALD_EDB);
	assert_int_equal(ald__db_last_error(db)->position, 1);

	/* a syntax error */
	assert_int_equal(ald__db_exec(db, "CREATE TABLE t (id INTEGER,)", NULL), ALD_EDB);
	err = ald__db_last_error(db);
	if (c->pg) {
		assert_string_equal(err->message, "syntax error at or near \")\"");
		assert_string_equal(err->sqlstate, "42601");
		assert_int_equal(err->position, 28);
	} else {
		assert_string_equal(err->message, "near \")\": syntax error");
		assert_int_equal(err->position, 28);
	}

	/* DETAIL lines are kept */
	exec_ok(db, "CREATE TABLE t (id INTEGER PRIMARY KEY)");
	exec_ok(db, "INSERT INTO t VALUES (1)");
	assert_int_equal(ald__db_exec(db, "INSERT INTO t VALUES (1)", NULL), ALD_EDB);
	err = ald__db_last_error(db);
	if (c->pg) {
		assert_string_equal(err->message, "duplicate key value violates unique constraint "
				    "\"t_pkey\"\nDETAIL:  Key (id)=(1) already exists.");
		assert_string_equal(err->sqlstate, "23505");
		assert_int_equal(err->position, 0);
		assert_string_equal(ald_error_last()->message,
				    "duplicate key value violates unique constraint \"t_pkey\" "
				    "(SQLSTATE 23505)\nDETAIL:  Key (id)=(1) already exists.");
	} else {
		assert_string_equal(err->message, "UNIQUE constraint failed: t.id");
		assert_int_equal(err->position, 0);
		assert_string_equal(ald_error_last()->message, "UNIQUE constraint failed: t.id");
	}

	/* success forgets the details */
	exec_ok(db, "SELECT 1");
	assert_null(ald__db_last_error(db)->message);
	assert_string_equal(ald__db_last_error(db)->sqlstate, "");
	assert_int_equal(ald__db_last_error(db)->position, 0);
	ald__db_close(db);
}

static int table_exists(struct ald_db *db, const char *name)
{
	int exists = -1;
	if (ald__db_version_table_exists(db, name, NULL, &exists) < 0)
		fail_msg("exists %s: %s", name, ald_error_last()->message);
	return exists;
}

static void test_transactions(void **state)
{
	struct ctx *c = *state;
	struct ald_db *db = open_db(c);

	/* rolled-back DDL and data are gone (both dialects have transactional DDL) */
	assert_int_equal(ald__db_begin(db), 0);
	assert_true(ald__db_in_transaction(db));
	exec_ok(db, "CREATE TABLE t (id INTEGER)");
	exec_ok(db, "INSERT INTO t VALUES (1)");
	assert_int_equal(ald__db_rollback(db), 0);
	assert_false(ald__db_in_transaction(db));
	assert_int_equal(table_exists(db, "t"), 0);

	/* committed work stays, seen from another connection */
	assert_int_equal(ald__db_begin(db), 0);
	exec_ok(db, "CREATE TABLE t (id INTEGER)");
	exec_ok(db, "INSERT INTO t VALUES (1)");
	assert_int_equal(ald__db_commit(db), 0);
	assert_false(ald__db_in_transaction(db));
	struct ald_db *other = open_db(c);
	assert_query(other, "SELECT id FROM t", "1");

	/* a rolled-back insert leaves the committed rows */
	assert_int_equal(ald__db_begin(db), 0);
	exec_ok(db, "INSERT INTO t VALUES (2)");
	exec_ok(db, "DROP TABLE t");
	assert_int_equal(ald__db_rollback(db), 0);
	assert_query(other, "SELECT id FROM t", "1");
	ald__db_close(other);

	/* misuse */
	assert_int_equal(ald__db_rollback(db), 0); /* nothing open: fine */
	assert_int_equal(ald__db_commit(db), ALD_EUSAGE);
	assert_message_contains("no transaction is open");
	assert_int_equal(ald__db_begin(db), 0);
	assert_int_equal(ald__db_begin(db), ALD_EUSAGE);
	assert_message_contains("a transaction is already open");
	assert_int_equal(ald__db_rollback(db), 0);

	/* a failing statement inside a transaction: PostgreSQL aborts the whole
	 * transaction and COMMIT must not pretend to succeed; SQLite undoes only
	 * the statement */
	assert_int_equal(ald__db_begin(db), 0);
	exec_ok(db, "INSERT INTO t VALUES (3)");
	assert_int_equal(ald__db_exec(db, "INSERT INTO nope VALUES (1)", NULL), ALD_EDB);
	if (c->pg) {
		assert_int_equal(ald__db_commit(db), ALD_EDB);
		assert_message_contains("aborted by an earlier error");
		assert_false(ald__db_in_transaction(db));
		assert_query(db, "SELECT id FROM t ORDER BY id", "1");
	} else {
		assert_true(ald__db_in_transaction(db));
		assert_int_equal(ald__db_rollback(db), 0);
		assert_query(db, "SELECT id FROM t ORDER BY id", "1");
	}

	/* closing with an open transaction rolls it back */
	assert_int_equal(ald__db_begin(db), 0);
	exec_ok(db, "INSERT INTO t VALUES (4)");
	ald__db_close(db);
	db = open_db(c);
	assert_query(db, "SELECT id FROM t ORDER BY id", "1");
	ald__db_close(db);
}

/* The version rows as "a,b", sorted when `sort` (PostgreSQL moves updated rows). */
static char *version_rows(struct ald_db *db, const char *table, const char *schema, int sort)
{
	struct ald_strvec rows = {0};
	if (ald__db_version_rows(db, table, schema, &rows) < 0)
		fail_msg("version rows: %s", ald_error_last()->message);
	if (sort)
		for (size_t i = 1; i < rows.n; i++)
			for (size_t j = i; j > 0 && strcmp(rows.v[j - 1], rows.v[j]) > 0; j--) {
				char *t = rows.v[j];
				rows.v[j] = rows.v[j - 1];
				rows.v[j - 1] = t;
			}
	char *s = ald__strvec_join(&rows, ",");
	ald__strvec_free(&rows);
	return s;
}

static void assert_rows(struct ald_db *db, const char *table, const char *schema, int sort,
			const char *expected)
{
	char *got = version_rows(db, table, schema, sort);
	if (strcmp(got, expected) != 0)
		fail_msg("rows of %s: expected '%s', got '%s'", table, expected, got);
	free(got);
}

/* Runs a version statement; returns the code. */
static int vexec(struct ald_db *db, enum ald_vsql_kind kind, const char *table, const char *schema,
		 const char *from, const char *to)
{
	struct ald_vsql st;
	ald__vsql_make(&st, kind, ald__db_dialect_of(db), table, schema, from, to);
	int error = ald__db_exec_vsql(db, &st);
	ald__vsql_clear(&st);
	return error;
}

static void vexec_ok(struct ald_db *db, enum ald_vsql_kind kind, const char *table,
		     const char *schema, const char *from, const char *to)
{
	if (vexec(db, kind, table, schema, from, to) < 0)
		fail_msg("version statement %d: %s", (int)kind, ald_error_last()->message);
}

/* The whole life of a version table named `table` in `schema`. */
static void version_table_cycle(struct ald_db *db, const char *table, const char *schema)
{
	int pg = ald__streq(ald__db_dialect(db), "postgresql");
	int exists = -1;
	assert_int_equal(ald__db_version_table_exists(db, table, schema, &exists), 0);
	assert_int_equal(exists, 0);
	/* a missing table is no rows, not an error */
	assert_rows(db, table, schema, 0, "");

	vexec_ok(db, ALD_VSQL_CREATE, table, schema, NULL, NULL);
	assert_int_equal(ald__db_version_table_exists(db, table, schema, &exists), 0);
	assert_int_equal(exists, 1);
	assert_rows(db, table, schema, 0, "");

	vexec_ok(db, ALD_VSQL_INSERT, table, schema, NULL, "1000aaaa0001");
	vexec_ok(db, ALD_VSQL_INSERT, table, schema, NULL, "7000ffff0001");
	assert_rows(db, table, schema, 0, "1000aaaa0001,7000ffff0001"); /* insertion order */
	vexec_ok(db, ALD_VSQL_UPDATE, table, schema, "1000aaaa0001", "2000aaaa0002");
	/* SQLite keeps the rowid of an updated row; PostgreSQL may move it */
	assert_rows(db, table, schema, pg, pg ? "2000aaaa0002,7000ffff0001"
					      : "2000aaaa0002,7000ffff0001");

	/* UPDATE and DELETE must hit exactly one row */
	assert_int_equal(vexec(db, ALD_VSQL_UPDATE, table, schema, "1000aaaa0001", "3000bbbb0001"),
			 ALD_ERROR);
	char *msg = ald__xasprintf("Online migration expected to match one row when updating "
				  "'1000aaaa0001' to '3000bbbb0001' in '%s'; 0 found", table);
	assert_string_equal(ald_error_last()->message, msg);
	free(msg);
	assert_int_equal(vexec(db, ALD_VSQL_DELETE, table, schema, "9999", NULL), ALD_ERROR);
	msg = ald__xasprintf("Online migration expected to match one row when deleting '9999' in "
			    "'%s'; 0 found", table);
	assert_string_equal(ald_error_last()->message, msg);
	free(msg);
	/* the primary key refuses a duplicate row */
	assert_int_equal(vexec(db, ALD_VSQL_INSERT, table, schema, NULL, "7000ffff0001"), ALD_EDB);

	vexec_ok(db, ALD_VSQL_DELETE, table, schema, "7000ffff0001", NULL);
	assert_rows(db, table, schema, 0, "2000aaaa0002");
	vexec_ok(db, ALD_VSQL_INSERT, table, schema, NULL, "4000cccc0001");
	vexec_ok(db, ALD_VSQL_PURGE, table, schema, NULL, NULL);
	assert_rows(db, table, schema, 0, "");
	vexec_ok(db, ALD_VSQL_DROP, table, schema, NULL, NULL);
	assert_int_equal(ald__db_version_table_exists(db, table, schema, &exists), 0);
	assert_int_equal(exists, 0);
}

static void test_version_table(void **state)
{
	struct ctx *c = *state;
	struct ald_db *db = open_db(c);
	version_table_cycle(db, "alembic_version", NULL);
	/* a table name that needs quotes */
	version_table_cycle(db, "My Versions", NULL);

	/* SQLite stores the DDL exactly as Alembic's */
	vexec_ok(db, ALD_VSQL_CREATE, "alembic_version", NULL, NULL, NULL);
	if (!c->pg)
		assert_query(db, "SELECT sql FROM sqlite_master WHERE name = 'alembic_version'",
			     "CREATE TABLE alembic_version (\n\tversion_num VARCHAR(32) NOT NULL, \n"
			     "\tCONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)\n)");
	/* version_num is VARCHAR(32) NOT NULL with the primary key alembic_version_pkc */
	if (c->pg) {
		assert_query(db, "SELECT data_type || ' ' || character_maximum_length || ' ' || is_nullable "
			     "FROM information_schema.columns WHERE table_name = 'alembic_version'",
			     "character varying 32 NO");
		assert_query(db, "SELECT conname FROM pg_constraint WHERE contype = 'p' AND "
			     "conrelid = 'alembic_version'::regclass", "alembic_version_pkc");
	}
	/* the version table inside a transaction that is rolled back is gone */
	vexec_ok(db, ALD_VSQL_DROP, "alembic_version", NULL, NULL, NULL);
	assert_int_equal(ald__db_begin(db), 0);
	vexec_ok(db, ALD_VSQL_CREATE, "alembic_version", NULL, NULL, NULL);
	vexec_ok(db, ALD_VSQL_INSERT, "alembic_version", NULL, NULL, "abc");
	assert_int_equal(ald__db_rollback(db), 0);
	assert_int_equal(table_exists(db, "alembic_version"), 0);
	ald__db_close(db);
}

static void test_version_schema(void **state)
{
	struct ctx *c = *state;
	struct ald_db *db = open_db(c);
	const char *schema;
	if (c->pg) {
		exec_ok(db, "CREATE SCHEMA myschema");
		exec_ok(db, "CREATE SCHEMA \"My Schema\"");
		version_table_cycle(db, "alembic_version", "myschema");
		version_table_cycle(db, "MyVersions", "My Schema");
		schema = "myschema";
	} else {
		/* on SQLite a "schema" is an attached database */
		char *sql = ald__xasprintf("ATTACH DATABASE '%s.other' AS other", c->path);
		exec_ok(db, sql);
		free(sql);
		version_table_cycle(db, "alembic_version", "other");
		schema = "other";
	}
	/* a table in the schema is not the unqualified one, and the other way round */
	vexec_ok(db, ALD_VSQL_CREATE, "alembic_version", schema, NULL, NULL);
	vexec_ok(db, ALD_VSQL_INSERT, "alembic_version", schema, NULL, "in_schema");
	int exists = -1;
	assert_int_equal(ald__db_version_table_exists(db, "alembic_version", NULL, &exists), 0);
	assert_int_equal(exists, 0);
	assert_rows(db, "alembic_version", NULL, 0, "");
	vexec_ok(db, ALD_VSQL_CREATE, "alembic_version", NULL, NULL, NULL);
	vexec_ok(db, ALD_VSQL_INSERT, "alembic_version", NULL, NULL, "plain");
	assert_rows(db, "alembic_version", schema, 0, "in_schema");
	assert_rows(db, "alembic_version", NULL, 0, "plain");
	ald__db_close(db);
}

static void test_quote(void **state)
{
	struct ctx *c = *state;
	struct ald_db *db = open_db(c);
	char *q = ald__db_quote_ident(db, "we\"ird name");
	assert_string_equal(q, "\"we\"\"ird name\"");
	char *lit = ald__sql_literal("it's");
	assert_string_equal(lit, "'it''s'");
	char *sql = ald__xasprintf("CREATE TABLE %s (v TEXT)", q);
	exec_ok(db, sql);
	free(sql);
	sql = ald__xasprintf("INSERT INTO %s VALUES (%s)", q, lit);
	exec_ok(db, sql);
	free(sql);
	sql = ald__xasprintf("SELECT v FROM %s", q);
	assert_query(db, sql, "it's");
	free(sql);
	free(q);
	free(lit);
	ald__db_close(db);
}

/* Counts calls of the `waiting` callback. */
static void count_wait(void *payload)
{
	++*(int *)payload;
}

static void test_lock_timeout(void **state)
{
	struct ctx *c = *state;
	struct ald_db *a = open_db(c), *b = open_db(c);
	const char *key = "public.alembic_version";
	int waits = 0;

	assert_int_equal(ald__db_lock(a, key, 200, count_wait, &waits), 0);
	assert_int_equal(ald__db_begin(a), 0);
	assert_int_equal(waits, 0);

	long long t0 = now_ms();
	assert_int_equal(ald__db_lock(b, key, 200, count_wait, &waits), c->pg ? ALD_ELOCKED : 0);
	if (c->pg) {
		/* the second session times out on the advisory lock */
		assert_message_contains("timed out after 200 ms waiting for the migration lock of "
					"'public.alembic_version'");
	} else {
		/* the second connection times out on BEGIN IMMEDIATE */
		assert_int_equal(ald__db_begin(b), ALD_ELOCKED);
		assert_message_contains("database is locked: another connection holds the write lock of ");
		assert_message_contains("(gave up after 200 ms)");
		assert_false(ald__db_in_transaction(b));
	}
	long long waited = now_ms() - t0;
	assert_int_equal(waits, 1);
	if (waited < 190 || waited > 3000)
		fail_msg("waited %lld ms for a 200 ms timeout", waited);

	/* once released, the second one gets it at once, without waiting */
	assert_int_equal(ald__db_commit(a), 0);
	assert_int_equal(ald__db_unlock(a, key), 0);
	waits = 0;
	assert_int_equal(ald__db_lock(b, key, 200, count_wait, &waits), 0);
	assert_int_equal(ald__db_begin(b), 0);
	assert_int_equal(waits, 0);
	assert_int_equal(ald__db_commit(b), 0);

	if (c->pg) {
		/* other keys are other locks; unlocking a lock not held is an error */
		assert_int_equal(ald__db_lock(a, "other.alembic_version", 0, NULL, NULL), 0);
		assert_int_equal(ald__db_unlock(a, "other.alembic_version"), 0);
		assert_int_equal(ald__db_unlock(a, key), ALD_ERROR);
		assert_message_contains("was not held");
		/* a lock survives the rollback of the transaction it was taken in */
		assert_int_equal(ald__db_unlock(b, key), 0);
		assert_int_equal(ald__db_begin(a), 0);
		assert_int_equal(ald__db_lock(a, key, 0, NULL, NULL), 0);
		assert_int_equal(ald__db_rollback(a), 0);
		assert_int_equal(ald__db_lock(b, key, 0, NULL, NULL), ALD_ELOCKED);
		/* and ends with the session */
		ald__db_close(a);
		a = NULL;
		assert_int_equal(ald__db_lock(b, key, 2000, NULL, NULL), 0);
	}
	assert_int_equal(ald__db_unlock(b, key), 0);
	ald__db_close(a);
	ald__db_close(b);
}

/* A thread that runs one action on a connection after a delay. */
struct later {
	struct ald_db *db;
	int delay_ms;
	int action; /* 0: commit + unlock, 1: cancel */
	const char *key;
	pthread_t thread;
};

static void *later_main(void *arg)
{
	struct later *l = arg;
	usleep((useconds_t)l->delay_ms * 1000);
	if (l->action == 0) {
		ald__db_commit(l->db);
		ald__db_unlock(l->db, l->key);
	} else {
		ald__db_cancel(l->db);
	}
	return NULL;
}

static void start_later(struct later *l, struct ald_db *db, int delay_ms, int action, const char *key)
{
	l->db = db;
	l->delay_ms = delay_ms;
	l->action = action;
	l->key = key;
	assert_int_equal(pthread_create(&l->thread, NULL, later_main, l), 0);
}

static void test_lock_wait(void **state)
{
	struct ctx *c = *state;
	struct ald_db *a = open_db(c), *b = open_db(c);
	const char *key = "alembic_version";
	int waits = 0;
	struct later l;

	assert_int_equal(ald__db_lock(a, key, -1, NULL, NULL), 0);
	assert_int_equal(ald__db_begin(a), 0);
	exec_ok(a, "CREATE TABLE t (id INTEGER)");
	/* the second run waits (told once), then gets the lock when the first ends */
	start_later(&l, a, 300, 0, key);
	long long t0 = now_ms();
	assert_int_equal(ald__db_lock(b, key, -1, count_wait, &waits), 0);
	assert_int_equal(ald__db_begin(b), 0);
	long long waited = now_ms() - t0;
	pthread_join(l.thread, NULL);
	assert_int_equal(waits, 1);
	if (waited < 250 || waited > 5000)
		fail_msg("waited %lld ms for a lock released after 300 ms", waited);
	/* and sees what the first one committed */
	assert_query(b, "SELECT count(*) FROM t", "0");
	assert_int_equal(ald__db_commit(b), 0);
	assert_int_equal(ald__db_unlock(b, key), 0);
	ald__db_close(a);
	ald__db_close(b);
}

static void test_cancel_statement(void **state)
{
	struct ctx *c = *state;
	struct ald_db *db = open_db(c);
	struct later l;
	assert_int_equal(ald__db_begin(db), 0);
	exec_ok(db, "CREATE TABLE t (id INTEGER)");
	start_later(&l, db, 200, 1, NULL);
	long long t0 = now_ms();
	const char *slow = c->pg ? "SELECT pg_sleep(20)"
				 : "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
				   "WHERE i < 2000000000) SELECT count(*) FROM n";
	assert_int_equal(ald__db_exec(db, slow, NULL), ALD_EINTERRUPTED);
	long long took = now_ms() - t0;
	pthread_join(l.thread, NULL);
	if (took > 5000)
		fail_msg("the cancelled statement ran for %lld ms", took);
	/* the request is sticky until cleared; rolling back still works */
	assert_int_equal(ald__db_exec(db, "SELECT 1", NULL), ALD_EINTERRUPTED);
	assert_int_equal(ald__db_begin(db), ALD_EINTERRUPTED);
	assert_int_equal(ald__db_rollback(db), 0);
	assert_false(ald__db_in_transaction(db));
	ald__db_cancel_clear(db);
	assert_int_equal(table_exists(db, "t"), 0);
	exec_ok(db, "SELECT 1");
	ald__db_close(db);
}

static void test_cancel_lock_wait(void **state)
{
	struct ctx *c = *state;
	struct ald_db *a = open_db(c), *b = open_db(c);
	struct later l;
	assert_int_equal(ald__db_lock(a, "k", -1, NULL, NULL), 0);
	assert_int_equal(ald__db_begin(a), 0);
	start_later(&l, b, 200, 1, NULL);
	long long t0 = now_ms();
	int error;
	if (c->pg) {
		error = ald__db_lock(b, "k", -1, NULL, NULL); /* waits forever, but for the cancel */
	} else {
		assert_int_equal(ald__db_lock(b, "k", -1, NULL, NULL), 0);
		error = ald__db_begin(b);
	}
	pthread_join(l.thread, NULL);
	assert_int_equal(error, ALD_EINTERRUPTED);
	if (now_ms() - t0 > 5000)
		fail_msg("the cancelled wait lasted %lld ms", now_ms() - t0);
	ald__db_close(a);
	ald__db_close(b);
}

static void test_copy_refused(void **state)
{
	struct ctx *c = *state;
	if (!c->pg)
		return; /* COPY exists only on PostgreSQL */
	struct ald_db *db = open_db(c);
	exec_ok(db, "CREATE TABLE t (id INTEGER)");
	assert_int_equal(ald__db_exec(db, "COPY t FROM STDIN", NULL), ALD_EDB);
	assert_message_contains("COPY with STDIN/STDOUT is not supported");
	assert_int_equal(ald__db_exec(db, "COPY t TO STDOUT", NULL), ALD_EDB);
	/* the connection is still usable; notices are not printed */
	exec_ok(db, "DO $$ BEGIN RAISE NOTICE 'hello'; END $$");
	assert_query(db, "SELECT count(*) FROM t", "0");
	ald__db_close(db);
}

static void test_encoding(void **state)
{
	struct ctx *c = *state;
	struct ald_db *db = open_db(c);
	struct ald_db *db2 = NULL;
	if (c->pg) {
		/* statements are sent as UTF-8 even to a LATIN1 database */
		exec_ok(db, "CREATE DATABASE ald_latin1 ENCODING 'LATIN1' TEMPLATE template0");
		char *url = ald__xasprintf("postgresql:///ald_latin1?host=%s&user=postgres",
					  ald_test_pg_start());
		if (ald__db_open(&db2, url) < 0)
			fail_msg("%s", ald_error_last()->message);
		exec_ok(db2, "CREATE TABLE t (v TEXT)");
		exec_ok(db2, "INSERT INTO t VALUES ('h\xc3\xa9')");
		assert_query(db2, "SELECT v || ' ' || octet_length(v) FROM t", "h\xc3\xa9 2");
		ald__db_close(db2);
		/* a client_encoding in the URL is kept */
		char *url2 = ald__xasprintf("%s&client_encoding=LATIN1", url);
		db2 = NULL;
		if (ald__db_open(&db2, url2) < 0)
			fail_msg("%s", ald_error_last()->message);
		assert_query(db2, "SHOW client_encoding", "LATIN1");
		assert_query(db2, "SELECT v FROM t", "h\xe9");
		ald__db_close(db2);
		free(url2);
		free(url);
		exec_ok(db, "DROP DATABASE ald_latin1");
	} else {
		exec_ok(db, "CREATE TABLE t (v TEXT)");
		exec_ok(db, "INSERT INTO t VALUES ('h\xc3\xa9')");
		assert_query(db, "SELECT v || ' ' || length(CAST(v AS BLOB)) FROM t", "h\xc3\xa9 3");
	}
	ald__db_close(db);
}

#define BOTH(f)                                                                  \
	{#f " (sqlite)", f, setup, teardown, &on_sqlite},                        \
	{#f " (postgresql)", f, setup, teardown, &on_pg}

/* SQLite: reading a database whose file does not exist creates nothing (it
 * has no version table); the first change creates the file. An existing
 * file is opened read-only until a change. */
static void test_open_no_create(void **state)
{
	struct ctx *c = *state;
	struct ald_db *db = open_db(c);
	struct ald_strvec rows = {0};
	int exists = 1;
	assert_int_equal(ald__db_version_table_exists(db, "alembic_version", NULL, &exists), 0);
	assert_false(exists);
	assert_int_equal(ald__db_version_rows(db, "alembic_version", NULL, &rows), 0);
	assert_int_equal(rows.n, 0);
	assert_int_equal(ald__db_refuse_temporary(db), 0); /* a file, not in memory */
	assert_int_equal(access(c->path, F_OK), -1);
	exec_ok(db, "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)");
	exec_ok(db, "INSERT INTO alembic_version VALUES ('abc')");
	assert_int_equal(access(c->path, F_OK), 0);
	ald__db_close(db);
	db = open_db(c);
	assert_int_equal(ald__db_version_rows(db, "alembic_version", NULL, &rows), 0);
	assert_int_equal(rows.n, 1);
	assert_string_equal(rows.v[0], "abc");
	ald__strvec_free(&rows);
	exec_ok(db, "DELETE FROM alembic_version"); /* read-write again for a change */
	ald__db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		BOTH(test_open),
		BOTH(test_open_errors),
		{"test_open_no_create (sqlite)", test_open_no_create, setup, teardown, &on_sqlite},
		BOTH(test_exec_rows),
		BOTH(test_error_details),
		BOTH(test_transactions),
		BOTH(test_version_table),
		BOTH(test_version_schema),
		BOTH(test_quote),
		BOTH(test_lock_timeout),
		BOTH(test_lock_wait),
		BOTH(test_cancel_statement),
		BOTH(test_cancel_lock_wait),
		BOTH(test_copy_refused),
		BOTH(test_encoding),
	};
	return cmocka_run_group_tests(tests, ald_test_backends_setup, ald_test_backends_teardown);
}
