/* test_dialect.c - the dialect tables (src/dialect.h): lookups by name and by
 * URL scheme (driver suffixes ignored, an unknown scheme a clear error),
 * every table filled in (no NULL function pointer, sorted reserved words),
 * the facts that differ per dialect as the SQL has them (quoting of reserved
 * words, RETURNING, offline BEGIN/COMMIT), and a connection pointing to its
 * dialect's table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "dialect.h"
#include "error.h"
#include "version_sql.h"

static void test_by_name(void **state)
{
	(void)state;
	assert_ptr_equal(ald__dialect_by_name("postgresql"), &ald__dialect_postgresql);
	assert_ptr_equal(ald__dialect_by_name("sqlite"), &ald__dialect_sqlite);
	assert_null(ald__dialect_by_name("postgres")); /* a scheme, not a name */
	assert_null(ald__dialect_by_name("mysql"));
	assert_null(ald__dialect_by_name(""));
	assert_null(ald__dialect_by_name(NULL));
	assert_string_equal(ald__dialect_postgresql.name, "postgresql");
	assert_string_equal(ald__dialect_sqlite.name, "sqlite");
}

static void test_by_scheme(void **state)
{
	(void)state;
	static const struct {
		const char *scheme;
		const struct ald_dialect *d;
	} cases[] = {
		{"postgresql", &ald__dialect_postgresql},
		{"postgres", &ald__dialect_postgresql},
		{"postgresql+psycopg2", &ald__dialect_postgresql},
		{"postgres+asyncpg", &ald__dialect_postgresql},
		{"sqlite", &ald__dialect_sqlite},
		{"sqlite+pysqlite", &ald__dialect_sqlite},
		{"sqlit", NULL},
		{"sqlite3", NULL},
		{"postgresq", NULL},
		{"postgresqlx+psycopg2", NULL},
		{"mysql", NULL},
		{"+sqlite", NULL},
		{"", NULL},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		const struct ald_dialect *d = (const struct ald_dialect *)1;
		assert_ptr_equal(ald__dialect_of_scheme(cases[i].scheme), cases[i].d);
		int error = ald__dialect_by_scheme(&d, cases[i].scheme, NULL);
		assert_ptr_equal(d, cases[i].d);
		assert_int_equal(error, cases[i].d ? 0 : ALD_EINVALID);
	}
	assert_null(ald__dialect_of_scheme(NULL));
}

static void test_unknown_scheme_error(void **state)
{
	(void)state;
	const struct ald_dialect *d = NULL;
	assert_int_equal(ald__dialect_by_scheme(&d, "mysql+pymysql", NULL), ALD_EINVALID);
	assert_null(d);
	assert_string_equal(ald_error_last()->message,
			    "unsupported database URL scheme 'mysql': aludel supports sqlite:// and postgresql://");
	assert_int_equal(ald__dialect_by_scheme(&d, "oracle", "oracle://scott:XXXXX@db"), ALD_EINVALID);
	assert_string_equal(ald_error_last()->message,
			    "unsupported database URL scheme 'oracle' in oracle://scott:XXXXX@db: aludel supports "
			    "sqlite:// and postgresql://");

	/* through the URL parser: the same message, the password masked */
	struct ald_db_url u;
	assert_int_equal(ald__db_url_parse(&u, "mysql://me:secret@host/db"), ALD_EINVALID);
	assert_null(u.dialect);
	assert_string_equal(ald_error_last()->message,
			    "unsupported database URL scheme 'mysql' in mysql://me:XXXXX@host/db: aludel supports "
			    "sqlite:// and postgresql://");
	assert_null(strstr(ald_error_last()->message, "secret"));
	assert_null(ald__db_url_dialect("mysql://me@host/db"));
	assert_null(ald__db_url_dialect(NULL));
}

static void test_url_dialect(void **state)
{
	(void)state;
	struct ald_db_url u;
	assert_int_equal(ald__db_url_parse(&u, "postgresql+psycopg2://me@host/db"), 0);
	assert_ptr_equal(u.dialect, &ald__dialect_postgresql);
	assert_string_equal(u.scheme, "postgresql");
	ald__db_url_clear(&u);
	assert_int_equal(ald__db_url_parse(&u, "postgres://me@host/db"), 0);
	assert_ptr_equal(u.dialect, &ald__dialect_postgresql);
	assert_string_equal(u.scheme, "postgresql");
	ald__db_url_clear(&u);
	assert_int_equal(ald__db_url_parse(&u, "sqlite:///app.db"), 0);
	assert_ptr_equal(u.dialect, &ald__dialect_sqlite);
	assert_string_equal(u.path, "app.db");
	ald__db_url_clear(&u);
	assert_ptr_equal(ald__db_url_dialect("sqlite://"), &ald__dialect_sqlite);
	assert_ptr_equal(ald__db_url_dialect("postgresql://h/d"), &ald__dialect_postgresql);
}

/* Every table: each field set, the function pointers too, reserved words
 * sorted (they are searched with bsearch), found again by its name and by
 * each of its schemes; the offline wrapper there exactly with
 * transactional DDL; a lock file only where the file can be asked for. */
static void test_tables_filled(void **state)
{
	(void)state;
	size_t n = 0;
	const struct ald_dialect *const *all = ald__dialect_all(&n);
	assert_int_equal(n, 2);
	for (size_t i = 0; i < n; i++) {
		const struct ald_dialect *d = all[i];
		assert_non_null(d->name);
		assert_non_null(d->title);
		assert_non_null(d->url_schemes);
		assert_non_null(d->url_schemes[0]);
		assert_non_null(d->open);
		assert_non_null(d->reserved);
		assert_true(d->n_reserved > 10);
		for (size_t w = 1; w < d->n_reserved; w++)
			if (strcmp(d->reserved[w - 1], d->reserved[w]) >= 0)
				fail_msg("%s: reserved words not sorted at %s", d->name, d->reserved[w]);
		for (size_t w = 0; w < d->n_reserved; w++)
			assert_true(ald__dialect_is_reserved(d, d->reserved[w]));
		assert_non_null(d->quote_ident);
		assert_non_null(d->table_exists_sql);
		assert_non_null(d->history_id_type);
		assert_non_null(d->field_join_sql);
		assert_non_null(d->schema_entries);
		if (d->transactional_ddl) {
			assert_non_null(d->offline_begin);
			assert_non_null(d->offline_commit);
		} else {
			assert_null(d->offline_begin);
			assert_null(d->offline_commit);
		}
		if (d->file_lock)
			assert_non_null(d->main_file_query);
		assert_ptr_equal(ald__dialect_by_name(d->name), d);
		for (const char *const *s = d->url_schemes; *s; s++)
			assert_ptr_equal(ald__dialect_of_scheme(*s), d);
		char *q = d->table_exists_sql(d, "alembic_version", NULL);
		assert_non_null(strstr(q, "'alembic_version'"));
		free(q);
	}
}

/* A reserved word is quoted on the dialect that reserves it only, as
 * SQLAlchemy writes it (tests/test_version_sql.c has Alembic's texts). */
static void test_quoting_differs(void **state)
{
	(void)state;
	const struct ald_dialect *pg = &ald__dialect_postgresql, *sq = &ald__dialect_sqlite;
	assert_true(ald__dialect_is_reserved(pg, "user"));
	assert_false(ald__dialect_is_reserved(sq, "user"));
	assert_true(ald__dialect_is_reserved(sq, "transaction"));
	assert_false(ald__dialect_is_reserved(pg, "transaction"));
	assert_false(ald__dialect_is_reserved(pg, "alembic_version"));

	char *a = ald__vsql_ident(pg, "user"), *b = ald__vsql_ident(sq, "user");
	char *c = ald__vsql_ident(pg, "transaction"), *e = ald__vsql_ident(sq, "transaction");
	assert_string_equal(a, "\"user\"");
	assert_string_equal(b, "user");
	assert_string_equal(c, "transaction");
	assert_string_equal(e, "\"transaction\"");
	free(a);
	free(b);
	free(c);
	free(e);
	/* NULL is the default dialect, SQLite */
	char *f = ald__vsql_ident(NULL, "transaction");
	assert_string_equal(f, "\"transaction\"");
	free(f);

	char *q = pg->quote_ident("a\"b");
	assert_string_equal(q, "\"a\"\"b\"");
	free(q);
}

/* The other facts as the SQL has them. */
static void test_facts(void **state)
{
	(void)state;
	const struct ald_dialect *pg = &ald__dialect_postgresql, *sq = &ald__dialect_sqlite;
	char *i1 = ald__vsql_insert(pg, "alembic_version", NULL, "a1");
	char *i2 = ald__vsql_insert(sq, "alembic_version", NULL, "a1");
	assert_string_equal(i1, "INSERT INTO alembic_version (version_num) VALUES ('a1') "
				"RETURNING alembic_version.version_num");
	assert_string_equal(i2, "INSERT INTO alembic_version (version_num) VALUES ('a1')");
	free(i1);
	free(i2);
	assert_true(pg->transactional_ddl);
	assert_string_equal(pg->offline_begin, "BEGIN;\n\n");
	assert_string_equal(pg->offline_commit, "COMMIT;\n\n");
	assert_false(sq->transactional_ddl);
	assert_false(pg->file_database);
	assert_true(sq->file_database);
	assert_false(pg->file_lock);
	assert_true(sq->file_lock);
	assert_null(pg->main_file_query);
	assert_int_equal(pg->split, ALD_SQL_POSTGRESQL);
	assert_int_equal(sq->split, ALD_SQL_SQLITE);
	assert_true(pg->lint_rules);
	assert_false(sq->lint_rules);
	assert_ptr_equal(ALD_DIALECT_DEFAULT, sq);

	char *e1 = pg->table_exists_sql(pg, "v", "s"), *e2 = sq->table_exists_sql(sq, "v", "s");
	assert_non_null(strstr(e1, "n.nspname = 's'"));
	assert_string_equal(e2, "SELECT name FROM \"s\".sqlite_master WHERE type = 'table' AND name = 'v' "
				"COLLATE NOCASE");
	free(e1);
	free(e2);
}

/* A connection's operations point to its dialect's table. */
static void test_connection(void **state)
{
	(void)state;
	struct ald_db *db = NULL;
	assert_int_equal(ald__db_open(&db, "sqlite://"), 0);
	assert_ptr_equal(ald__db_dialect_of(db), &ald__dialect_sqlite);
	assert_string_equal(ald__db_dialect(db), "sqlite");
	char *q = ald__db_quote_ident(db, "x\"y");
	assert_string_equal(q, "\"x\"\"y\"");
	free(q);
	int exists = 1;
	assert_int_equal(ald__db_version_table_exists(db, "alembic_version", NULL, &exists), 0);
	assert_false(exists);
	assert_int_equal(ald__db_refuse_temporary(db), ALD_EUSAGE);
	assert_non_null(strstr(ald_error_last()->message, "is an in-memory SQLite database"));
	ald__db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_by_name),
		cmocka_unit_test(test_by_scheme),
		cmocka_unit_test(test_unknown_scheme_error),
		cmocka_unit_test(test_url_dialect),
		cmocka_unit_test(test_tables_filled),
		cmocka_unit_test(test_quoting_differs),
		cmocka_unit_test(test_facts),
		cmocka_unit_test(test_connection),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
