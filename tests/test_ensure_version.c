/* test_ensure_version.c - ald_project_ensure_version and
 * ald_project_ensure_version_sql through the public API, on a real SQLite
 * file and on PostgreSQL (the server of pg_harness.c): the table is created
 * when missing and left alone (rows too) when present, under a configured
 * name and schema; the --sql script per dialect; no URL is an error. The
 * database is looked at afterwards through the engine's own db layer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "aludel.h"
#include "db.h"
#include "pg_harness.h"
#include "util.h"

struct fixture {
	int pg;
	char *url;
	char *dir; /* the project: <dir>/aludel.ini, <dir>/m/versions */
};

static int setup(void **state, int pg)
{
	static unsigned counter;
	struct fixture *f = ald__xcalloc(1, sizeof(*f));
	f->pg = pg;
	f->dir = ald__xasprintf("%s/proj%u", ald_test_tmpdir(), ++counter);
	if (pg) {
		f->url = ald_test_pg_create_db("ald_test_ensure");
		if (!f->url) {
			free(f->dir);
			free(f);
			return -1;
		}
	} else {
		f->url = ald__xasprintf("sqlite:///%s.db", f->dir);
	}
	char *versions = ald__xasprintf("%s/m/versions", f->dir);
	char *cmd = ald__xasprintf("mkdir -p '%s'", versions);
	int rc = system(cmd);
	free(cmd);
	free(versions);
	*state = f;
	return rc == 0 ? 0 : -1;
}

static int setup_sqlite(void **state)
{
	return setup(state, 0);
}

static int setup_pg(void **state)
{
	return setup(state, 1);
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	if (f->pg)
		ald_test_pg_drop_db(f->url);
	free(f->url);
	free(f->dir);
	free(f);
	return 0;
}

/* Writes <dir>/aludel.ini with `extra` lines in [aludel] and opens it with
 * the fixture's URL (url: 1) or none. */
static ald_project *open_project(struct fixture *f, const char *extra, int url)
{
	char *ini = ald__xasprintf("%s/aludel.ini", f->dir);
	FILE *fp = fopen(ini, "w");
	assert_non_null(fp);
	fprintf(fp, "[aludel]\nscript_location = %%(here)s/m\n%s", extra);
	fclose(fp);
	ald_open_options o = ALD_OPEN_OPTIONS_INIT;
	o.config_path = ini;
	o.url = url ? f->url : NULL;
	ald_project *p = NULL;
	if (ald_project_open(&p, &o) < 0)
		fail_msg("open: %s", ald_error_last()->message);
	free(ini);
	return p;
}

/* Whether the table exists, asked on a connection of its own. */
static int table_exists(struct fixture *f, const char *table, const char *schema)
{
	struct ald_db *db = NULL;
	int exists = -1;
	if (ald__db_open(&db, f->url) < 0 || ald__db_version_table_exists(db, table, schema, &exists) < 0)
		fail_msg("%s", ald_error_last()->message);
	ald__db_close(db);
	return exists;
}

static void exec_sql(struct fixture *f, const char *sql)
{
	struct ald_db *db = NULL;
	if (ald__db_open(&db, f->url) < 0 || ald__db_exec(db, sql, NULL) < 0)
		fail_msg("%s: %s", sql, ald_error_last()->message);
	ald__db_close(db);
}

static void test_creates_once(void **state)
{
	struct fixture *f = *state;
	ald_project *p = open_project(f, "", 1);
	int created = -1;
	assert_int_equal(table_exists(f, "alembic_version", NULL), 0);
	assert_int_equal(ald_project_ensure_version(&created, p, -1), 0);
	assert_int_equal(created, 1);
	assert_int_equal(table_exists(f, "alembic_version", NULL), 1);

	/* present: nothing happens, the rows stay */
	exec_sql(f, "INSERT INTO alembic_version (version_num) VALUES ('abc123')");
	assert_int_equal(ald_project_ensure_version(&created, p, -1), 0);
	assert_int_equal(created, 0);
	assert_int_equal(ald_project_ensure_version(NULL, p, 0), 0);
	ald_strarray rows = {0};
	assert_int_equal(ald_project_current(&rows, p), 0);
	assert_int_equal(rows.count, 1);
	assert_string_equal(rows.strings[0], "abc123");
	ald_strarray_dispose(&rows);
	ald_project_free(p);

	/* the table is the one a stamp expects: an Alembic-shaped primary key */
	exec_sql(f, "DELETE FROM alembic_version");
	exec_sql(f, "INSERT INTO alembic_version (version_num) VALUES ('x')");
	struct ald_db *db = NULL;
	assert_int_equal(ald__db_open(&db, f->url), 0);
	assert_int_equal(ald__db_exec(db, "INSERT INTO alembic_version (version_num) VALUES ('x')", NULL),
			 ALD_EDB);
	ald__db_close(db);
}

static void test_configured_table(void **state)
{
	struct fixture *f = *state;
	const char *schema = NULL;
	char *extra;
	if (f->pg) {
		exec_sql(f, "CREATE SCHEMA audit");
		schema = "audit";
		extra = ald__xstrdup("version_table = Mixed_Versions\nversion_table_schema = audit\n");
	} else {
		extra = ald__xstrdup("version_table = Mixed_Versions\n");
	}
	ald_project *p = open_project(f, extra, 1);
	int created = 0;
	assert_int_equal(ald_project_ensure_version(&created, p, -1), 0);
	assert_int_equal(created, 1);
	assert_int_equal(table_exists(f, "Mixed_Versions", schema), 1);
	assert_int_equal(table_exists(f, "alembic_version", NULL), 0);
	assert_int_equal(ald_project_ensure_version(&created, p, -1), 0);
	assert_int_equal(created, 0);

	char *sql = NULL;
	assert_int_equal(ald_project_ensure_version_sql(&sql, p), 0);
	const char *want = f->pg ? "BEGIN;\n\n"
				   "CREATE TABLE audit.\"Mixed_Versions\" (\n"
				   "    version_num VARCHAR(32) NOT NULL, \n"
				   "    CONSTRAINT \"Mixed_Versions_pkc\" PRIMARY KEY (version_num)\n"
				   ");\n\n"
				   "COMMIT;\n\n"
				 : "CREATE TABLE \"Mixed_Versions\" (\n"
				   "    version_num VARCHAR(32) NOT NULL, \n"
				   "    CONSTRAINT \"Mixed_Versions_pkc\" PRIMARY KEY (version_num)\n"
				   ");\n\n";
	assert_string_equal(sql, want);
	free(sql);
	free(extra);
	ald_project_free(p);
}

/* --sql: the statement for the URL's dialect, no database touched. */
static void test_offline(void **state)
{
	struct fixture *f = *state;
	ald_project *p = open_project(f, "", 1);
	char *sql = NULL;
	assert_int_equal(ald_project_ensure_version_sql(&sql, p), 0);
	const char *create = "CREATE TABLE alembic_version (\n"
			     "    version_num VARCHAR(32) NOT NULL, \n"
			     "    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)\n"
			     ");\n\n";
	char *want = f->pg ? ald__xasprintf("BEGIN;\n\n%sCOMMIT;\n\n", create) : ald__xstrdup(create);
	assert_string_equal(sql, want);
	free(want);
	free(sql);
	ald_project_free(p);
	assert_int_equal(table_exists(f, "alembic_version", NULL), 0);
}

/* No URL anywhere: online is an error, --sql is SQLite's text. */
static void test_no_url(void **state)
{
	struct fixture *f = *state;
	unsetenv("DATABASE_URL");
	ald_project *p = open_project(f, "", 0);
	int created = -1;
	assert_int_equal(ald_project_ensure_version(&created, p, -1), ALD_EUSAGE);
	assert_non_null(strstr(ald_error_last()->message, "No database URL"));
	assert_int_equal(created, 0);
	char *sql = NULL;
	assert_int_equal(ald_project_ensure_version_sql(&sql, p), 0);
	assert_non_null(strstr(sql, "CREATE TABLE alembic_version ("));
	assert_null(strstr(sql, "BEGIN"));
	free(sql);
	ald_project_free(p);
}

#define BOTH(t) cmocka_unit_test_setup_teardown(t, setup_sqlite, teardown), \
		cmocka_unit_test_setup_teardown(t, setup_pg, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		BOTH(test_creates_once),
		BOTH(test_configured_table),
		BOTH(test_offline),
		cmocka_unit_test_setup_teardown(test_no_url, setup_sqlite, teardown),
	};
	return cmocka_run_group_tests(tests, ald_test_backends_setup, ald_test_backends_teardown);
}
