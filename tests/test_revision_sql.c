/* test_revision_sql.c - ald_revision_sql through the public API alone: a
 * native revision's upgrade and downgrade sections as written, an Alembic
 * revision's upgrade() and downgrade() source (strings holding "def" and
 * column-0 text, comments between the functions), a missing downgrade, and
 * files changed on disk since the project was opened. */
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
#include "test_files.h"

static char dir[64];

#define write_file(name, text) test_write_at(dir, (name), (text))

static const char native_a[] = "-- create users\n--\n-- Revision ID: a1\n\n"
			       "-- migrate:upgrade\n\nCREATE TABLE users (id INTEGER);\n"
			       "INSERT INTO users VALUES (1);\n\n"
			       "-- migrate:downgrade\nDROP TABLE users;\n";
/* no downgrade section */
static const char native_b[] = "-- add a column\n--\n-- Revision ID: b2\n-- Revises: a1\n\n"
			       "-- migrate:upgrade\nALTER TABLE users ADD COLUMN name TEXT;\n";
static const char py_c[] =
	"\"\"\"an alembic one\n\nRevision ID: c3\n\"\"\"\n"
	"from alembic import op\n\nrevision = 'c3'\ndown_revision = 'b2'\n\n\n"
	"def upgrade():\n"
	"    op.execute(\"\"\"\n"
	"def downgrade():\n" /* inside a string: not the function */
	"CREATE TABLE t (x INTEGER)\n"
	"\"\"\")\n"
	"\n"
	"    # a comment in the body\n"
	"    op.add_column('users', sa.Column('c', sa.Integer()))\n"
	"\n\n"
	"# the way back\n"
	"def downgrade() -> None:\n"
	"    op.drop_table('t')\n";
/* no downgrade() */
static const char py_d[] = "\"\"\"last\n\nRevision ID: d4\n\"\"\"\n"
			   "revision = 'd4'\ndown_revision = 'c3'\n\n"
			   "def upgrade():\n    pass\n";

static int setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/test_revision_sql.XXXXXX");
	assert_non_null(mkdtemp(dir));
	char path[256];
	snprintf(path, sizeof(path), "%s/versions", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	write_file("aludel.ini", "[aludel]\nscript_location = %(here)s\n");
	write_file("versions/a1_users.sql", native_a);
	write_file("versions/b2_column.sql", native_b);
	write_file("versions/c3_alembic.py", py_c);
	write_file("versions/d4_last.py", py_d);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	return 0;
}

static ald_project *open_project(void)
{
	char ini[128];
	snprintf(ini, sizeof(ini), "%s/aludel.ini", dir);
	ald_open_options o = ALD_OPEN_OPTIONS_INIT;
	o.config_path = ini;
	o.no_cache = 1;
	ald_project *p = NULL;
	if (ald_project_open(&p, &o) < 0)
		fail_msg("open: %s", ald_error_last()->message);
	return p;
}

static const ald_revision *rev(ald_project *p, const char *id)
{
	ald_revlist *l = NULL;
	assert_int_equal(ald_project_resolve(&l, p, id), 0);
	assert_int_equal(ald_revlist_count(l), 1);
	const ald_revision *r = ald_revlist_at(l, 0);
	ald_revlist_free(l);
	return r;
}

/* The text of one side, which must succeed. */
static char *sql(const ald_revision *r, int downgrade)
{
	char *out = NULL;
	if (ald_revision_sql(&out, r, downgrade) < 0)
		fail_msg("%s: %s", ald_revision_id(r), ald_error_last()->message);
	return out;
}

static void test_native(void **state)
{
	(void)state;
	ald_project *p = open_project();
	char *up = sql(rev(p, "a1"), 0), *down = sql(rev(p, "a1"), 1);
	assert_string_equal(up, "CREATE TABLE users (id INTEGER);\nINSERT INTO users VALUES (1);\n");
	assert_string_equal(down, "DROP TABLE users;\n");
	free(up);
	free(down);
	ald_project_free(p);
}

static void test_native_missing_downgrade(void **state)
{
	(void)state;
	ald_project *p = open_project();
	char *out = (char *)"untouched";
	assert_int_equal(ald_revision_sql(&out, rev(p, "b2"), 1), ALD_ENOTFOUND);
	assert_null(out);
	assert_non_null(strstr(ald_error_last()->message, "cannot be downgraded"));
	assert_non_null(strstr(ald_error_last()->message, "b2"));
	out = sql(rev(p, "b2"), 0);
	assert_string_equal(out, "ALTER TABLE users ADD COLUMN name TEXT;\n");
	free(out);
	ald_project_free(p);
}

static void test_python(void **state)
{
	(void)state;
	ald_project *p = open_project();
	char *up = sql(rev(p, "c3"), 0), *down = sql(rev(p, "c3"), 1);
	/* the whole function, the string's "def downgrade():" line included;
	 * the column-0 comment before the next def is not part of it */
	assert_string_equal(up, "def upgrade():\n"
				"    op.execute(\"\"\"\n"
				"def downgrade():\n"
				"CREATE TABLE t (x INTEGER)\n"
				"\"\"\")\n"
				"\n"
				"    # a comment in the body\n"
				"    op.add_column('users', sa.Column('c', sa.Integer()))\n");
	assert_string_equal(down, "def downgrade() -> None:\n    op.drop_table('t')\n");
	free(up);
	free(down);
	char *out = NULL;
	assert_int_equal(ald_revision_sql(&out, rev(p, "d4"), 1), ALD_ENOTFOUND);
	assert_null(out);
	assert_non_null(strstr(ald_error_last()->message, "no downgrade() function"));
	out = sql(rev(p, "d4"), 0);
	assert_string_equal(out, "def upgrade():\n    pass\n");
	free(out);
	ald_project_free(p);
}

/* The text is read when asked for: an edit after the project was opened
 * shows; a file that now holds another revision is an error. */
static void test_changed_on_disk(void **state)
{
	(void)state;
	ald_project *p = open_project();
	write_file("versions/b2_column.sql", "-- add a column\n--\n-- Revision ID: b2\n-- Revises: a1\n\n"
					     "-- migrate:upgrade\nALTER TABLE users ADD COLUMN nick TEXT;\n"
					     "-- migrate:downgrade\nALTER TABLE users DROP COLUMN nick;\n");
	char *down = sql(rev(p, "b2"), 1);
	assert_string_equal(down, "ALTER TABLE users DROP COLUMN nick;\n");
	free(down);
	write_file("versions/a1_users.sql", "-- renamed\n--\n-- Revision ID: z9\n\n-- migrate:upgrade\nSELECT 1;\n");
	char *out = NULL;
	assert_int_equal(ald_revision_sql(&out, rev(p, "a1"), 0), ALD_EINVALID);
	assert_null(out);
	assert_non_null(strstr(ald_error_last()->message, "changed since it was read"));
	write_file("versions/a1_users.sql", native_a);
	write_file("versions/b2_column.sql", native_b);
	ald_project_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_native),
		cmocka_unit_test(test_native_missing_downgrade),
		cmocka_unit_test(test_python),
		cmocka_unit_test(test_changed_on_disk),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
