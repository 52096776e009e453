/* test_version_sql.c - the version table's statements, compared byte for byte
 * with what Alembic 1.8.1 (SQLAlchemy 1.4) emits offline for SQLite and
 * PostgreSQL, with and without a schema, with names that need quotes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "version_sql.h"

/* The offline script of: create, insert 'aaa', update aaa->bbb, delete 'bbb',
 * drop - as `alembic ... --sql` prints those statements. */
static char *script(const char *name, const char *table, const char *schema)
{
	const struct ald_dialect *dialect = ald__dialect_by_name(name);
	char *stmts[5] = {
		ald__vsql_create(dialect, table, schema),
		ald__vsql_insert(dialect, table, schema, "aaa"),
		ald__vsql_update(dialect, table, schema, "aaa", "bbb"),
		ald__vsql_delete(dialect, table, schema, "bbb"),
		ald__vsql_drop(dialect, table, schema),
	};
	size_t len = 0;
	char *parts[5];
	for (int i = 0; i < 5; i++) {
		parts[i] = ald__vsql_offline(stmts[i]);
		len += strlen(parts[i]);
		free(stmts[i]);
	}
	char *out = calloc(1, len + 1);
	for (int i = 0; i < 5; i++) {
		strcat(out, parts[i]);
		free(parts[i]);
	}
	return out;
}

static void check_script(const char *dialect, const char *table, const char *schema,
			 const char *expected)
{
	char *got = script(dialect, table, schema);
	assert_string_equal(got, expected);
	free(got);
}

static void test_default_table(void **state)
{
	(void)state;
	check_script("sqlite", "alembic_version", NULL,
		"CREATE TABLE alembic_version (\n    version_num VARCHAR(32) NOT NULL, \n"
		"    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)\n);\n\n"
		"INSERT INTO alembic_version (version_num) VALUES ('aaa');\n\n"
		"UPDATE alembic_version SET version_num='bbb' WHERE alembic_version.version_num = 'aaa';\n\n"
		"DELETE FROM alembic_version WHERE alembic_version.version_num = 'bbb';\n\n"
		"DROP TABLE alembic_version;\n\n");
	check_script("postgresql", "alembic_version", NULL,
		"CREATE TABLE alembic_version (\n    version_num VARCHAR(32) NOT NULL, \n"
		"    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)\n);\n\n"
		"INSERT INTO alembic_version (version_num) VALUES ('aaa') RETURNING alembic_version.version_num;\n\n"
		"UPDATE alembic_version SET version_num='bbb' WHERE alembic_version.version_num = 'aaa';\n\n"
		"DELETE FROM alembic_version WHERE alembic_version.version_num = 'bbb';\n\n"
		"DROP TABLE alembic_version;\n\n");
}

static void test_schema(void **state)
{
	(void)state;
	check_script("postgresql", "alembic_version", "myschema",
		"CREATE TABLE myschema.alembic_version (\n    version_num VARCHAR(32) NOT NULL, \n"
		"    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)\n);\n\n"
		"INSERT INTO myschema.alembic_version (version_num) VALUES ('aaa') "
		"RETURNING myschema.alembic_version.version_num;\n\n"
		"UPDATE myschema.alembic_version SET version_num='bbb' "
		"WHERE myschema.alembic_version.version_num = 'aaa';\n\n"
		"DELETE FROM myschema.alembic_version WHERE myschema.alembic_version.version_num = 'bbb';\n\n"
		"DROP TABLE myschema.alembic_version;\n\n");
	check_script("sqlite", "alembic_version", "myschema",
		"CREATE TABLE myschema.alembic_version (\n    version_num VARCHAR(32) NOT NULL, \n"
		"    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)\n);\n\n"
		"INSERT INTO myschema.alembic_version (version_num) VALUES ('aaa');\n\n"
		"UPDATE myschema.alembic_version SET version_num='bbb' "
		"WHERE myschema.alembic_version.version_num = 'aaa';\n\n"
		"DELETE FROM myschema.alembic_version WHERE myschema.alembic_version.version_num = 'bbb';\n\n"
		"DROP TABLE myschema.alembic_version;\n\n");
}

static void test_quoted_names(void **state)
{
	(void)state;
	check_script("postgresql", "MyVersions", "My Schema",
		"CREATE TABLE \"My Schema\".\"MyVersions\" (\n    version_num VARCHAR(32) NOT NULL, \n"
		"    CONSTRAINT \"MyVersions_pkc\" PRIMARY KEY (version_num)\n);\n\n"
		"INSERT INTO \"My Schema\".\"MyVersions\" (version_num) VALUES ('aaa') "
		"RETURNING \"My Schema\".\"MyVersions\".version_num;\n\n"
		"UPDATE \"My Schema\".\"MyVersions\" SET version_num='bbb' "
		"WHERE \"My Schema\".\"MyVersions\".version_num = 'aaa';\n\n"
		"DELETE FROM \"My Schema\".\"MyVersions\" "
		"WHERE \"My Schema\".\"MyVersions\".version_num = 'bbb';\n\n"
		"DROP TABLE \"My Schema\".\"MyVersions\";\n\n");
	/* reserved words are quoted, the constraint name "order_pkc" is not */
	check_script("sqlite", "order", "select",
		"CREATE TABLE \"select\".\"order\" (\n    version_num VARCHAR(32) NOT NULL, \n"
		"    CONSTRAINT order_pkc PRIMARY KEY (version_num)\n);\n\n"
		"INSERT INTO \"select\".\"order\" (version_num) VALUES ('aaa');\n\n"
		"UPDATE \"select\".\"order\" SET version_num='bbb' WHERE \"select\".\"order\".version_num = 'aaa';\n\n"
		"DELETE FROM \"select\".\"order\" WHERE \"select\".\"order\".version_num = 'bbb';\n\n"
		"DROP TABLE \"select\".\"order\";\n\n");
	check_script("postgresql", "1abc", NULL,
		"CREATE TABLE \"1abc\" (\n    version_num VARCHAR(32) NOT NULL, \n"
		"    CONSTRAINT \"1abc_pkc\" PRIMARY KEY (version_num)\n);\n\n"
		"INSERT INTO \"1abc\" (version_num) VALUES ('aaa') RETURNING \"1abc\".version_num;\n\n"
		"UPDATE \"1abc\" SET version_num='bbb' WHERE \"1abc\".version_num = 'aaa';\n\n"
		"DELETE FROM \"1abc\" WHERE \"1abc\".version_num = 'bbb';\n\n"
		"DROP TABLE \"1abc\";\n\n");
}

static void test_ident(void **state)
{
	(void)state;
	struct {
		const char *dialect, *in, *out;
	} cases[] = {
		{"postgresql", "alembic_version", "alembic_version"},
		{"postgresql", "ver$x", "ver$x"},
		{"postgresql", "$x", "\"$x\""},
		{"postgresql", "user", "\"user\""},     /* reserved on PostgreSQL */
		{"sqlite", "user", "user"},             /* not on SQLite */
		{"sqlite", "transaction", "\"transaction\""},
		{"postgresql", "transaction", "transaction"},
		{"postgresql", "a\"b", "\"a\"\"b\""},
		{"postgresql", "", "\"\""},
		{"sqlite", "with-dash", "\"with-dash\""},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *got = ald__vsql_ident(ald__dialect_by_name(cases[i].dialect), cases[i].in);
		assert_string_equal(got, cases[i].out);
		free(got);
	}
}

static void test_online_text(void **state)
{
	(void)state;
	/* online, the CREATE keeps SQLAlchemy's tabs (SQLite stores this text) */
	char *c = ald__vsql_create(&ald__dialect_sqlite, "alembic_version", NULL);
	assert_string_equal(c, "CREATE TABLE alembic_version (\n\tversion_num VARCHAR(32) NOT NULL, \n"
			       "\tCONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)\n)");
	free(c);
	char *s = ald__vsql_select(&ald__dialect_postgresql, "alembic_version", "s");
	assert_string_equal(s, "SELECT s.alembic_version.version_num FROM s.alembic_version");
	free(s);
	char *p = ald__vsql_purge(&ald__dialect_sqlite, "alembic_version", NULL);
	assert_string_equal(p, "DELETE FROM alembic_version");
	free(p);
	/* revisions are literals with quotes doubled */
	char *i = ald__vsql_insert(&ald__dialect_sqlite, "alembic_version", NULL, "it's");
	assert_string_equal(i, "INSERT INTO alembic_version (version_num) VALUES ('it''s')");
	free(i);
	char *o = ald__vsql_offline("  \n\tSELECT 1\t\n ");
	assert_string_equal(o, "SELECT 1;\n\n");
	free(o);
}

static void test_vsql_make(void **state)
{
	(void)state;
	struct ald_vsql st;
	ald__vsql_make(&st, ALD_VSQL_UPDATE, &ald__dialect_postgresql, "alembic_version", NULL, "a1", "b2");
	assert_int_equal(st.kind, ALD_VSQL_UPDATE);
	assert_string_equal(st.sql, "UPDATE alembic_version SET version_num='b2' "
				    "WHERE alembic_version.version_num = 'a1'");
	assert_string_equal(st.from, "a1");
	assert_string_equal(st.to, "b2");
	assert_string_equal(st.table, "alembic_version");
	ald__vsql_clear(&st);
	assert_null(st.sql);
	ald__vsql_make(&st, ALD_VSQL_DELETE, &ald__dialect_sqlite, "v", "s", "a1", NULL);
	assert_string_equal(st.sql, "DELETE FROM s.v WHERE s.v.version_num = 'a1'");
	assert_string_equal(st.from, "a1");
	assert_null(st.to);
	assert_string_equal(st.table, "v");
	ald__vsql_clear(&st);
	ald__vsql_make(&st, ALD_VSQL_INSERT, &ald__dialect_sqlite, "v", NULL, NULL, "c3");
	assert_string_equal(st.sql, "INSERT INTO v (version_num) VALUES ('c3')");
	assert_null(st.from);
	assert_string_equal(st.to, "c3");
	ald__vsql_clear(&st);
	ald__vsql_make(&st, ALD_VSQL_DROP, &ald__dialect_sqlite, "v", NULL, NULL, NULL);
	assert_string_equal(st.sql, "DROP TABLE v");
	ald__vsql_clear(&st);
	ald__vsql_clear(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_table),
		cmocka_unit_test(test_schema),
		cmocka_unit_test(test_quoted_names),
		cmocka_unit_test(test_ident),
		cmocka_unit_test(test_online_text),
		cmocka_unit_test(test_vsql_make),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
