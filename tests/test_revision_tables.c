/* test_revision_tables.c - ald_revision_tables through the public API: the
 * tables a revision's upgrade touches, on native .sql revisions (comments,
 * string literals and dollar quotes that hold "CREATE TABLE", quoted and
 * schema-qualified names, statement shapes that are not writes) and on Alembic
 * .py revisions (op.* calls, keywords, op.execute SQL, sa.table variables,
 * code outside upgrade()). Each test writes a project in a temporary folder. */
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

static char dir[] = "/tmp/ald_revtablesXXXXXX";

#define write_file(name, text) test_write_at(dir, (name), (text))

static int setup(void **state)
{
	(void)state;
	char path[512];
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof(path), "%s/m", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/m/versions", dir);
	mkdir(path, 0700);
	write_file("aludel.ini", "[aludel]\nscript_location = %(here)s/m\n");
	unsetenv("DATABASE_URL");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) != 0;
}

/* Writes one revision file (m/versions/<name>) holding `text`, opens the
 * project and returns the tables of revision `id`, joined by blanks. */
static char *tables_of(const char *name, const char *text, const char *id, int *rc)
{
	char file[300], ini[512];
	snprintf(file, sizeof(file), "m/versions/%s", name);
	write_file(file, text);
	snprintf(ini, sizeof(ini), "%s/aludel.ini", dir);
	ald_open_options o = ALD_OPEN_OPTIONS_INIT;
	o.config_path = ini;
	o.no_cache = 1;
	ald_project *p = NULL;
	int open_rc = ald_project_open(&p, &o);
	char path[600];
	snprintf(path, sizeof(path), "%s/%s", dir, file);
	if (open_rc < 0) {
		unlink(path);
		fail_msg("open: %s", ald_error_last()->message);
	}
	const ald_revision *r = NULL;
	for (size_t i = 0; i < ald_project_revision_count(p); i++)
		if (strcmp(ald_revision_id(ald_project_revision_at(p, i)), id) == 0)
			r = ald_project_revision_at(p, i);
	assert_non_null(r);
	ald_strarray a = {0};
	*rc = ald_revision_tables(&a, p, r);
	size_t len = 1;
	for (size_t i = 0; i < a.count; i++)
		len += strlen(a.strings[i]) + 1;
	char *out = calloc(1, len);
	assert_non_null(out);
	for (size_t i = 0; i < a.count; i++) {
		if (i)
			strcat(out, " ");
		strcat(out, a.strings[i]);
	}
	ald_strarray_dispose(&a);
	ald_project_free(p);
	unlink(path);
	return out;
}

static void expect(const char *name, const char *text, const char *id, const char *want)
{
	int rc;
	char *got = tables_of(name, text, id, &rc);
	if (rc < 0)
		fail_msg("%s: %s", name, ald_error_last()->message);
	if (strcmp(got, want) != 0)
		print_error("%s: got  [%s]\n", name, got);
	assert_string_equal(got, want);
	free(got);
}

#define SQL_HEAD(id) "-- msg\n--\n-- Revision ID: " id "\n-- Revises: \n-- Create Date: x\n\n"

static void test_sql_basic(void **state)
{
	(void)state;
	expect("a1_x.sql",
	       SQL_HEAD("a1")
	       "-- migrate:upgrade\n"
	       "CREATE TABLE IF NOT EXISTS Users (id INTEGER, note TEXT DEFAULT 'CREATE TABLE fake1');\n"
	       "-- CREATE TABLE fake2 (id int);\n"
	       "/* DROP TABLE fake3; /* nested */ INSERT INTO fake4 */\n"
	       "ALTER TABLE IF EXISTS ONLY public.\"Orders\" ADD COLUMN x int;\n"
	       "DROP TABLE IF EXISTS a, s2.b, \"C\" CASCADE;\n"
	       "insert into audit (m) values ('UPDATE fake5 SET x = 1');\n"
	       "UPDATE accounts AS ac SET total = 0 WHERE ac.id IN (SELECT 1);\n"
	       "DELETE FROM ONLY sessions WHERE 1;\n"
	       "TRUNCATE TABLE logs, main.events;\n"
	       "CREATE UNIQUE INDEX IF NOT EXISTS ix_p ON ONLY products (name);\n"
	       "CREATE INDEX ON \"Weird \"\"name\"\"\" (a);\n"
	       "ALTER TABLE old_name RENAME TO new_name;\n"
	       "ALTER TABLE sch.t1 RENAME TO t2;\n"
	       "-- migrate:downgrade\n"
	       "DROP TABLE downonly;\n",
	       "a1",
	       "C Orders Weird \"name\" a accounts audit events logs new_name old_name products s2.b "
	       "sch.t1 sch.t2 sessions users");
}

/* Shapes that name no written table: ON DELETE CASCADE, ON UPDATE, FOR
 * UPDATE, trigger events, a RENAME COLUMN ... TO, dollar-quoted bodies,
 * E'' strings, a CREATE INDEX's index name, INSERT OR REPLACE. */
static void test_sql_not_tables(void **state)
{
	(void)state;
	expect("b1_x.sql",
	       SQL_HEAD("b1")
	       "-- migrate:upgrade\n"
	       "CREATE TABLE kids (pid INT REFERENCES parents (id) ON DELETE CASCADE ON UPDATE CASCADE);\n"
	       "SELECT * FROM parents FOR UPDATE;\n"
	       "ALTER TABLE kids RENAME COLUMN pid TO parent_id;\n"
	       "CREATE FUNCTION f() RETURNS int AS $body$ BEGIN DELETE FROM ghost1; RETURN 1; END $body$ "
	       "LANGUAGE plpgsql;\n"
	       "SELECT E'it\\'s DROP TABLE ghost2', $$ INSERT INTO ghost3 $$;\n"
	       "CREATE INDEX ix_kids ON kids (pid);\n"
	       "INSERT OR REPLACE INTO `Cfg` (k) VALUES (1);\n"
	       "REPLACE INTO [Cfg2] (k) VALUES (1);\n"
	       "GRANT TRUNCATE ON kids TO someone;\n"
	       "-- migrate:downgrade\n",
	       "b1", "Cfg Cfg2 kids");
}

static void test_sql_no_upgrade(void **state)
{
	(void)state;
	expect("c2_x.sql", SQL_HEAD("c2") "-- migrate:upgrade\n-- only a comment\n-- migrate:downgrade\n",
	       "c2", "");
}

static void test_sql_unterminated(void **state)
{
	(void)state;
	int rc;
	char *got = tables_of("d1_x.sql", SQL_HEAD("d1") "-- migrate:upgrade\nINSERT INTO t VALUES ('x);\n", "d1",
			      &rc);
	assert_int_equal(rc, ALD_EINVALID);
	assert_non_null(strstr(ald_error_last()->message, "d1_x.sql"));
	assert_string_equal(got, "");
	free(got);
}

#define PY_HEAD(id) "\"\"\"msg\n\nRevision ID: " id "\n\"\"\"\nfrom alembic import op\nimport sqlalchemy as sa\n\n" \
		    "revision = '" id "'\ndown_revision = None\nbranch_labels = None\ndepends_on = None\n\n"

static void test_py(void **state)
{
	(void)state;
	expect("e1_x.py",
	       PY_HEAD("e1")
	       "# op.create_table('ghost1')\n"
	       "NOTE = \"op.drop_table('ghost2')\"\n"
	       "\n"
	       "def upgrade() -> None:\n"
	       "    \"\"\"op.create_table('ghost3') in a docstring\"\"\"\n"
	       "    op.create_table(\n"
	       "        'users',  # op.drop_table('ghost4')\n"
	       "        sa.Column('id', sa.Integer),\n"
	       "    )\n"
	       "    op.add_column(table_name=\"orders\", column=sa.Column('x', sa.Text))\n"
	       "    op.drop_column('items', 'x', schema='shop')\n"
	       "    op.alter_column('Mixed', 'y', nullable=True)\n"
	       "    op.create_index(op.f('ix_a'), 'accts', ['a'], unique=False)\n"
	       "    op.drop_index('ix_b', table_name='bees')\n"
	       "    op.rename_table('before', 'after')\n"
	       "    op.create_foreign_key('fk', 'src', 'referent', ['a'], ['b'])\n"
	       "    with op.batch_alter_table('batched') as batch_op:\n"
	       "        batch_op.add_column(sa.Column('z', sa.Integer))\n"
	       "    op.execute(\"CREATE TABLE IF NOT EXISTS raw1 (a int); -- DROP TABLE ghost5\\n\"\n"
	       "               'UPDATE raw2 SET a = 1')\n"
	       "    op.execute(sa.text(\"DELETE FROM raw3\"))\n"
	       "    op.execute(some_variable)\n"
	       "    accounts = sa.table('accounts', sa.column('id'))\n"
	       "    op.bulk_insert(accounts, [{'id': 1}])\n"
	       "    op.bulk_insert(sa.table('lit', sa.column('id')), [])\n"
	       "    name = compute()\n"
	       "    op.drop_table(name)\n"
	       "    op.drop_table('public.dotted' if False else 'x' + 'y')\n"
	       "\n"
	       "\n"
	       "def downgrade() -> None:\n"
	       "    op.drop_table('downonly')\n"
	       "\n"
	       "op.create_table('module_level')\n",
	       "e1",
	       "Mixed accounts accts after batched bees before lit orders raw1 raw2 raw3 shop.items src "
	       "users");
}

static void test_py_no_upgrade(void **state)
{
	(void)state;
	expect("f1_x.py", PY_HEAD("f1") "def downgrade():\n    op.drop_table('t')\n", "f1", "");
	/* upgrade nested in a class or indented is not the module's upgrade() */
	expect("f2_x.py", PY_HEAD("f2") "class K:\n    def upgrade(self):\n        op.drop_table('t')\n", "f2", "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sql_basic),
		cmocka_unit_test(test_sql_not_tables),
		cmocka_unit_test(test_sql_no_upgrade),
		cmocka_unit_test(test_sql_unterminated),
		cmocka_unit_test(test_py),
		cmocka_unit_test(test_py_no_upgrade),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
