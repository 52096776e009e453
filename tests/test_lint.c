/* test_lint.c - the lint engine through the public API alone: every rule on
 * a statement that fires it and on a close one that does not; the rule
 * catalogue (unique ids, each example fires its own rule); a table created
 * in the same revision; "Transactional: false"; the ignore comment; the ini
 * keys lint_disable / lint_warning / lint_error; file positions; empty
 * downgrades; parse errors; the SQLite refusal; ald_lint_max_severity; and
 * an Alembic .py revision through Alembic's offline mode (skipped without
 * /usr/bin/python3 -m alembic). */
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

/* ---- helpers ---- */

static ald_lint *lint_sql(ald_project *p, const char *sql)
{
	ald_lint *l = NULL;
	if (ald_lint_sql(&l, p, sql, "test.sql") < 0)
		fail_msg("ald_lint_sql: %s", ald_error_last()->message);
	return l;
}

static size_t count_rule(const ald_lint *l, const char *rule)
{
	size_t n = 0;
	for (size_t i = 0; i < ald_lint_count(l); i++)
		n += strcmp(ald_lint_at(l, i)->rule, rule) == 0;
	return n;
}

static const ald_lint_finding *find_rule(const ald_lint *l, const char *rule)
{
	for (size_t i = 0; i < ald_lint_count(l); i++)
		if (strcmp(ald_lint_at(l, i)->rule, rule) == 0)
			return ald_lint_at(l, i);
	return NULL;
}

static void dump(const ald_lint *l)
{
	for (size_t i = 0; i < ald_lint_count(l); i++) {
		const ald_lint_finding *f = ald_lint_at(l, i);
		print_message("#   %s:%u:%u %s: %s\n", f->path, f->line, f->column, f->rule, f->message);
	}
}

/* How many findings of `rule` the SQL gives (p NULL: no project). */
static size_t fires(const char *rule, const char *sql)
{
	ald_lint *l = lint_sql(NULL, sql);
	size_t n = count_rule(l, rule);
	if (getenv("LINT_DEBUG"))
		dump(l);
	ald_lint_free(l);
	return n;
}

/* ---- every rule: one statement that fires it, a close one that does not ---- */

struct rule_case {
	const char *rule, *yes, *no;
};

static const struct rule_case cases[] = {
	{"adding-required-field", "ALTER TABLE users ADD COLUMN age integer NOT NULL",
	 "ALTER TABLE users ADD COLUMN age integer NOT NULL DEFAULT 0"},
	{"adding-required-field", "ALTER TABLE users ADD COLUMN age integer NOT NULL",
	 "ALTER TABLE users ADD COLUMN age integer"},
	{"adding-field-with-volatile-default", "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid()",
	 "ALTER TABLE users ADD COLUMN created timestamptz DEFAULT now()"},
	{"adding-field-with-volatile-default", "ALTER TABLE users ADD COLUMN r float8 DEFAULT (random() * 10)::int",
	 "ALTER TABLE users ADD COLUMN r float8 DEFAULT 10"},
	{"require-concurrent-index-creation", "CREATE INDEX users_email ON users (email)",
	 "CREATE INDEX CONCURRENTLY users_email ON users (email)"},
	{"require-concurrent-index-creation", "CREATE UNIQUE INDEX users_email ON users (email)",
	 "CREATE TABLE users (email text);\nCREATE UNIQUE INDEX users_email ON users (email)"},
	{"ban-concurrent-index-creation-in-transaction",
	 "BEGIN;\nCREATE INDEX CONCURRENTLY users_email ON users (email);\nCOMMIT",
	 "CREATE INDEX CONCURRENTLY users_email ON users (email)"},
	{"ban-concurrent-index-creation-in-transaction", "BEGIN;\nDROP INDEX CONCURRENTLY users_email;\nCOMMIT",
	 "BEGIN;\nCOMMIT;\nDROP INDEX CONCURRENTLY users_email"},
	{"ban-concurrent-index-creation-in-transaction", "START TRANSACTION;\nREINDEX INDEX CONCURRENTLY users_email",
	 "REINDEX INDEX CONCURRENTLY users_email"},
	{"constraint-missing-not-valid",
	 "ALTER TABLE orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users (id)",
	 "ALTER TABLE orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID"},
	{"constraint-missing-not-valid", "ALTER TABLE users ADD CONSTRAINT age_ok CHECK (age >= 0)",
	 "ALTER TABLE users ADD CONSTRAINT age_ok CHECK (age >= 0) NOT VALID"},
	{"constraint-missing-not-valid", "ALTER TABLE orders ADD COLUMN user_id bigint REFERENCES users (id)",
	 "ALTER TABLE orders ADD COLUMN user_id bigint;\n"
	 "ALTER TABLE orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID"},
	{"constraint-missing-not-valid", "ALTER TABLE orders ADD COLUMN user_id bigint REFERENCES users (id)",
	 "CREATE TABLE orders (id bigint);\nALTER TABLE orders ADD COLUMN user_id bigint REFERENCES users (id)"},
	{"set-not-null", "ALTER TABLE users ALTER COLUMN email SET NOT NULL",
	 "CREATE TABLE users (email text);\nALTER TABLE users ALTER COLUMN email SET NOT NULL"},
	{"set-not-null", "ALTER TABLE users ALTER COLUMN email SET NOT NULL",
	 "ALTER TABLE users ALTER COLUMN email DROP NOT NULL"},
	/* a validated CHECK (col IS NOT NULL) lets PostgreSQL 12+ skip the scan */
	{"set-not-null",
	 "ALTER TABLE users ADD CONSTRAINT email_nn CHECK (email IS NOT NULL) NOT VALID;\n"
	 "ALTER TABLE users ALTER COLUMN email SET NOT NULL",
	 "ALTER TABLE users ADD CONSTRAINT email_nn CHECK (email IS NOT NULL) NOT VALID;\n"
	 "ALTER TABLE users VALIDATE CONSTRAINT email_nn;\nALTER TABLE users ALTER COLUMN email SET NOT NULL"},
	{"set-not-null",
	 "ALTER TABLE users ADD CONSTRAINT email_nn CHECK (email IS NOT NULL) NOT VALID;\n"
	 "ALTER TABLE users VALIDATE CONSTRAINT email_nn;\nALTER TABLE users ALTER COLUMN name SET NOT NULL",
	 "ALTER TABLE users ADD CONSTRAINT email_nn CHECK (email IS NOT NULL);\n"
	 "ALTER TABLE users ALTER COLUMN email SET NOT NULL"},
	{"set-not-null",
	 "ALTER TABLE users ADD CONSTRAINT email_nn CHECK (email IS NOT NULL) NOT VALID;\n"
	 "ALTER TABLE orders VALIDATE CONSTRAINT email_nn;\nALTER TABLE users ALTER COLUMN email SET NOT NULL",
	 "ALTER TABLE users ADD CONSTRAINT email_nn CHECK (email IS NOT NULL) NOT VALID;\n"
	 "ALTER TABLE users VALIDATE CONSTRAINT email_nn;\nALTER TABLE users ALTER COLUMN email SET NOT NULL"},
	{"changing-column-type", "ALTER TABLE users ALTER COLUMN id TYPE bigint",
	 "CREATE TABLE users (id int);\nALTER TABLE users ALTER COLUMN id TYPE bigint"},
	{"disallowed-unique-constraint", "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email)",
	 "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email"},
	{"disallowed-unique-constraint", "ALTER TABLE users ADD PRIMARY KEY (id)",
	 "ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY USING INDEX users_id"},
	{"renaming-column", "ALTER TABLE users RENAME COLUMN email TO mail",
	 "CREATE TABLE users (email text);\nALTER TABLE users RENAME COLUMN email TO mail"},
	{"renaming-table", "ALTER TABLE users RENAME TO customers", "ALTER INDEX users_email RENAME TO users_mail"},
	{"ban-drop-column", "ALTER TABLE users DROP COLUMN email", "ALTER TABLE users DROP CONSTRAINT users_email_key"},
	{"ban-drop-table", "DROP TABLE users", "DROP VIEW users"},
	{"ban-drop-table", "DROP TABLE IF EXISTS public.users", "CREATE TABLE users (id bigint);\nDROP TABLE users"},
	{"ban-drop-index", "DROP INDEX users_email", "DROP VIEW users_email"},
	{"require-lock-timeout", "ALTER TABLE users ADD COLUMN note text",
	 "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN note text"},
	{"require-lock-timeout", "CREATE INDEX users_email ON users (email)",
	 "SET LOCAL lock_timeout = '2s';\nCREATE INDEX users_email ON users (email)"},
	{"require-lock-timeout", "DROP TABLE users", "CREATE TABLE t (id bigint);\nALTER TABLE t ADD COLUMN note text"},
	{"ban-vacuum-full", "VACUUM FULL users", "VACUUM users"},
	{"ban-vacuum-full", "VACUUM (FULL) users", "VACUUM (ANALYZE) users"},
	{"ban-cluster", "CLUSTER users USING users_pkey", "ANALYZE users"},
	{"require-concurrent-reindex", "REINDEX INDEX users_email", "REINDEX INDEX CONCURRENTLY users_email"},
	{"require-concurrent-reindex", "REINDEX TABLE users", "REINDEX (CONCURRENTLY) TABLE users"},
	{"ban-truncate", "TRUNCATE users", "DELETE FROM users WHERE id = 1"},
	{"unbounded-update-delete", "UPDATE users SET a = 1", "UPDATE users SET a = 1 WHERE id = 2"},
	{"unbounded-update-delete", "DELETE FROM users", "DELETE FROM users WHERE id = 2"},
	{"prefer-bigint-over-int", "CREATE TABLE t (id integer PRIMARY KEY)",
	 "CREATE TABLE t (id bigint PRIMARY KEY, n integer)"},
	{"prefer-bigint-over-int", "CREATE TABLE t (id int2, name text, PRIMARY KEY (id))",
	 "CREATE TABLE t (id int8, n int4, PRIMARY KEY (id))"},
	{"prefer-identity", "CREATE TABLE t (id bigserial PRIMARY KEY)",
	 "CREATE TABLE t (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY)"},
	{"prefer-identity", "ALTER TABLE users ADD COLUMN n serial", "ALTER TABLE users ADD COLUMN n integer"},
	{"prefer-timestamptz", "CREATE TABLE t (at timestamp)", "CREATE TABLE t (at timestamptz)"},
	{"prefer-timestamptz", "ALTER TABLE users ALTER COLUMN at TYPE timestamp without time zone",
	 "ALTER TABLE users ALTER COLUMN at TYPE timestamp with time zone"},
	{"ban-char-field", "CREATE TABLE t (c char(10))", "CREATE TABLE t (c varchar(10))"},
	{"ban-char-field", "CREATE TABLE t (c character(2))", "CREATE TABLE t (c text)"},
	{"parse-error", "SELEC 1", "SELECT 1"},
};

static void test_each_rule(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		const struct rule_case *c = &cases[i];
		if (fires(c->rule, c->yes) == 0)
			fail_msg("%s does not fire on: %s", c->rule, c->yes);
		if (fires(c->rule, c->no) != 0)
			fail_msg("%s fires on: %s", c->rule, c->no);
	}
}

/* Every rule of the catalogue has a case above (empty-downgrade: below). */
static void test_every_rule_has_a_case(void **state)
{
	(void)state;
	for (size_t r = 0; r < ald_lint_rule_count(); r++) {
		const char *id = ald_lint_rule_at(r)->id;
		size_t k = 0;
		while (k < sizeof(cases) / sizeof(*cases) && strcmp(cases[k].rule, id) != 0)
			k++;
		if (k == sizeof(cases) / sizeof(*cases) && strcmp(id, "empty-downgrade") != 0)
			fail_msg("rule %s has no test case", id);
	}
}

/* ---- the catalogue ---- */

static void test_catalogue(void **state)
{
	(void)state;
	size_t n = ald_lint_rule_count();
	assert_true(n >= 25);
	assert_null(ald_lint_rule_at(n));
	for (size_t i = 0; i < n; i++) {
		const ald_lint_rule *r = ald_lint_rule_at(i);
		assert_non_null(r);
		assert_true(r->id && *r->id && r->summary && *r->summary && r->example && *r->example);
		assert_true(r->severity == ALD_LINT_WARNING || r->severity == ALD_LINT_ERROR);
		for (size_t k = 0; k < i; k++)
			if (strcmp(ald_lint_rule_at(k)->id, r->id) == 0)
				fail_msg("rule id %s twice", r->id);
		if (strcmp(r->id, "empty-downgrade") == 0)
			continue; /* a rule about a revision as a whole: test_empty_downgrade */
		ald_lint *l = lint_sql(NULL, r->example);
		const ald_lint_finding *f = find_rule(l, r->id);
		if (!f)
			fail_msg("the example of %s does not fire it: %s", r->id, r->example);
		assert_int_equal(f->severity, r->severity);
		assert_true(f->reason && *f->reason && f->fix && *f->fix && f->message && *f->message);
		ald_lint_free(l);
	}
	/* the default severities the brief gives */
	for (size_t i = 0; i < n; i++) {
		const ald_lint_rule *r = ald_lint_rule_at(i);
		int error = strcmp(r->id, "adding-required-field") == 0 ||
			    strcmp(r->id, "ban-concurrent-index-creation-in-transaction") == 0 ||
			    strcmp(r->id, "parse-error") == 0;
		assert_int_equal(r->severity, error ? ALD_LINT_ERROR : ALD_LINT_WARNING);
	}
}

/* ---- ald_lint_sql: findings, positions, parse errors, severity ---- */

static void test_sql_script(void **state)
{
	(void)state;
	ald_lint *l = lint_sql(NULL, "-- a script\nSELECT 1;\n\n  UPDATE users SET a = 1;\nSELEC 2;\nDELETE FROM t;\n");
	assert_int_equal(ald_lint_count(l), 3);
	const ald_lint_finding *f = ald_lint_at(l, 0);
	assert_string_equal(f->rule, "unbounded-update-delete");
	assert_string_equal(f->path, "test.sql");
	assert_null(f->revision);
	assert_int_equal(f->line, 4);
	assert_int_equal(f->column, 3);
	assert_int_equal(f->downgrade, 0);
	assert_string_equal(f->statement, "UPDATE users SET a = 1");
	assert_non_null(strstr(f->message, "users"));
	assert_int_equal(f->severity, ALD_LINT_WARNING);
	/* the parse error in the middle: the parser's message and position; the
	 * statements after it are still linted */
	f = ald_lint_at(l, 1);
	assert_string_equal(f->rule, "parse-error");
	assert_int_equal(f->line, 5);
	assert_int_equal(f->column, 1);
	assert_non_null(strstr(f->message, "syntax error at or near \"SELEC\""));
	assert_non_null(strstr(f->message, "line 5, column 1"));
	assert_int_equal(f->severity, ALD_LINT_ERROR);
	assert_string_equal(ald_lint_at(l, 2)->rule, "unbounded-update-delete");
	assert_int_equal(ald_lint_at(l, 2)->line, 6);
	assert_int_equal(ald_lint_max_severity(l), ALD_LINT_ERROR);
	ald_lint_free(l);

	/* a parse error inside a statement: the position of the bad token */
	l = lint_sql(NULL, "SELECT 1;\nCREATE TABLE t (\n  id bigint,\n  x intt int\n);\n");
	assert_int_equal(count_rule(l, "parse-error"), 1);
	f = find_rule(l, "parse-error");
	assert_int_equal(f->line, 2);
	assert_non_null(strstr(f->message, "line 4, column 10"));
	ald_lint_free(l);

	/* an unterminated quote */
	l = lint_sql(NULL, "SELECT 1;\nSELECT 'oops;\n");
	assert_int_equal(count_rule(l, "parse-error"), 1);
	ald_lint_free(l);

	/* no findings, warnings only */
	l = lint_sql(NULL, "SELECT 1;\n-- just a comment\n");
	assert_int_equal(ald_lint_count(l), 0);
	assert_int_equal(ald_lint_max_severity(l), ALD_LINT_OFF);
	ald_lint_free(l);
	l = lint_sql(NULL, "");
	assert_int_equal(ald_lint_count(l), 0);
	ald_lint_free(l);
	l = lint_sql(NULL, "SET lock_timeout = '1s'; DELETE FROM users;");
	assert_int_equal(ald_lint_max_severity(l), ALD_LINT_WARNING);
	assert_int_equal(ald_lint_at(l, 0)->column, 26); /* two statements on one line */
	ald_lint_free(l);
	assert_int_equal(ald_lint_max_severity(NULL), ALD_LINT_OFF);
}

/* The ignore comment: the line right before the statement, one or several ids. */
static void test_ignore_comment(void **state)
{
	(void)state;
	ald_lint *l = lint_sql(NULL, "SET lock_timeout = '2s';\n"
				     "-- aludel:ignore ban-drop-table the table moved to the archive\n"
				     "DROP TABLE users;\n"
				     "DROP TABLE orders;\n");
	assert_int_equal(count_rule(l, "ban-drop-table"), 1);
	assert_non_null(strstr(find_rule(l, "ban-drop-table")->message, "orders"));
	ald_lint_free(l);
	/* several ids; another rule on the same statement still fires */
	l = lint_sql(NULL, "-- aludel:ignore ban-drop-table, require-lock-timeout old data\nDROP TABLE users;\n");
	assert_int_equal(ald_lint_count(l), 0);
	ald_lint_free(l);
	l = lint_sql(NULL, "-- aludel:ignore ban-drop-table,require-lock-timeout old data\nDROP TABLE users;\n");
	assert_int_equal(ald_lint_count(l), 0);
	ald_lint_free(l);
	l = lint_sql(NULL, "-- aludel:ignore ban-drop-table old data\nDROP TABLE users;\n");
	assert_int_equal(count_rule(l, "ban-drop-table"), 0);
	assert_int_equal(count_rule(l, "require-lock-timeout"), 1);
	ald_lint_free(l);
	/* not the line right before: no exemption */
	l = lint_sql(NULL, "-- aludel:ignore ban-drop-table old data\n\nDROP TABLE users;\n");
	assert_int_equal(count_rule(l, "ban-drop-table"), 1);
	ald_lint_free(l);
}

/* ---- projects on disk ---- */

static char dir[64];

#define write_file(name, text) test_write_at(dir, (name), (text))

static void make_dir(void)
{
	strcpy(dir, "/tmp/test_lint.XXXXXX");
	assert_non_null(mkdtemp(dir));
	char path[256];
	snprintf(path, sizeof(path), "%s/versions", dir);
	assert_int_equal(mkdir(path, 0700), 0);
}

static void remove_dir(void)
{
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static int setup(void **state)
{
	(void)state;
	unsetenv("DATABASE_URL");
	make_dir();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	remove_dir();
	return 0;
}

static int open_project(ald_project **p)
{
	char ini[128];
	snprintf(ini, sizeof(ini), "%s/aludel.ini", dir);
	ald_open_options o = ALD_OPEN_OPTIONS_INIT;
	o.config_path = ini;
	o.no_cache = 1;
	*p = NULL;
	return ald_project_open(p, &o);
}

static ald_project *project(void)
{
	ald_project *p = NULL;
	if (open_project(&p) < 0)
		fail_msg("open: %s", ald_error_last()->message);
	return p;
}

/* Lints every revision of the project (in the project's order). */
static int lint_all(ald_lint **out, ald_project *p)
{
	size_t n = ald_project_revision_count(p);
	const ald_revision **v = calloc(n ? n : 1, sizeof(*v));
	for (size_t i = 0; i < n; i++)
		v[i] = ald_project_revision_at(p, i);
	int rc = ald_lint_revisions(out, p, v, n);
	free(v);
	return rc;
}

static ald_lint *lint_rev(ald_project *p, const char *id)
{
	ald_revlist *rl = NULL;
	assert_int_equal(ald_project_resolve(&rl, p, id), 0);
	const ald_revision *r = ald_revlist_at(rl, 0);
	ald_lint *l = NULL;
	if (ald_lint_revisions(&l, p, &r, 1) < 0)
		fail_msg("lint %s: %s", id, ald_error_last()->message);
	ald_revlist_free(rl);
	return l;
}

static const char ini_plain[] = "[aludel]\nscript_location = %(here)s\n";

/* Positions: the statement's line and column in the file, in the middle of
 * a section; the downgrade flag; the revision. */
static void test_positions(void **state)
{
	(void)state;
	write_file("aludel.ini", ini_plain);
	write_file("versions/a1_pos.sql", "-- positions\n"        /* 1 */
					  "--\n"                   /* 2 */
					  "-- Revision ID: a1\n"   /* 3 */
					  "\n"                     /* 4 */
					  "-- migrate:upgrade\n"   /* 5 */
					  "SET lock_timeout = '2s';\n" /* 6 */
					  "CREATE TABLE t (id bigint);\n" /* 7 */
					  "\n"                     /* 8 */
					  "  -- a comment\n"       /* 9 */
					  "  DROP TABLE users;\n"  /* 10 */
					  "\n"                     /* 11 */
					  "-- migrate:downgrade\n" /* 12 */
					  "SET lock_timeout = '2s';\n" /* 13 */
					  "DROP TABLE t;\n"        /* 14 */
					  "CREATE TABLE users (id bigint);\n");
	ald_project *p = project();
	ald_lint *l = lint_rev(p, "a1");
	assert_int_equal(ald_lint_count(l), 2);
	const ald_lint_finding *f = ald_lint_at(l, 0);
	assert_string_equal(f->rule, "ban-drop-table");
	assert_int_equal(f->line, 10);
	assert_int_equal(f->column, 3);
	assert_int_equal(f->downgrade, 0);
	assert_string_equal(f->statement, "DROP TABLE users");
	assert_non_null(f->revision);
	assert_string_equal(ald_revision_id(f->revision), "a1");
	assert_string_equal(f->path, ald_revision_path(f->revision));
	f = ald_lint_at(l, 1);
	assert_string_equal(f->rule, "ban-drop-table");
	assert_int_equal(f->line, 14);
	assert_int_equal(f->column, 1);
	assert_int_equal(f->downgrade, 1);
	ald_lint_free(l);
	ald_project_free(p);
}

/* A table created earlier in the same revision is not flagged; one created
 * in another revision is. */
static void test_same_revision_table(void **state)
{
	(void)state;
	write_file("aludel.ini", ini_plain);
	write_file("versions/a1_t.sql", "-- t\n--\n-- Revision ID: a1\n\n-- migrate:upgrade\n"
					"CREATE TABLE t (id bigint, email text);\n"
					"CREATE INDEX t_email ON t (email);\n"
					"ALTER TABLE t ALTER COLUMN email SET NOT NULL;\n"
					"ALTER TABLE t ADD CONSTRAINT t_email_key UNIQUE (email);\n"
					"-- migrate:downgrade\nSELECT 1;\n");
	write_file("versions/b2_t.sql", "-- t again\n--\n-- Revision ID: b2\n-- Revises: a1\n\n-- migrate:upgrade\n"
					"CREATE INDEX t_email2 ON t (email);\n"
					"-- migrate:downgrade\nSELECT 1;\n");
	ald_project *p = project();
	ald_lint *l = lint_rev(p, "a1");
	assert_int_equal(ald_lint_count(l), 0);
	ald_lint_free(l);
	l = lint_rev(p, "b2");
	assert_int_equal(count_rule(l, "require-concurrent-index-creation"), 1);
	assert_int_equal(count_rule(l, "require-lock-timeout"), 1);
	assert_int_equal(find_rule(l, "require-lock-timeout")->line, 7);
	ald_lint_free(l);
	ald_project_free(p);
}

/* CREATE INDEX CONCURRENTLY: an error in a transactional revision, none in
 * a "Transactional: false" one. */
static void test_transactional(void **state)
{
	(void)state;
	write_file("aludel.ini", ini_plain);
	write_file("versions/a1_ix.sql", "-- ix\n--\n-- Revision ID: a1\n\n-- migrate:upgrade\n"
					 "CREATE INDEX CONCURRENTLY users_email ON users (email);\n"
					 "-- migrate:downgrade\nDROP INDEX CONCURRENTLY users_email;\n");
	write_file("versions/b2_ix.sql", "-- ix\n--\n-- Revision ID: b2\n-- Revises: a1\n-- Transactional: false\n\n"
					 "-- migrate:upgrade\n"
					 "CREATE INDEX CONCURRENTLY users_email ON users (email);\n"
					 "-- migrate:downgrade\nDROP INDEX CONCURRENTLY users_email;\n");
	ald_project *p = project();
	ald_lint *l = lint_rev(p, "a1");
	assert_int_equal(count_rule(l, "ban-concurrent-index-creation-in-transaction"), 2);
	assert_int_equal(ald_lint_max_severity(l), ALD_LINT_ERROR);
	ald_lint_free(l);
	l = lint_rev(p, "b2");
	assert_int_equal(count_rule(l, "ban-concurrent-index-creation-in-transaction"), 0);
	assert_int_equal(count_rule(l, "require-concurrent-index-creation"), 0);
	assert_int_equal(count_rule(l, "ban-drop-index"), 1);
	ald_lint_free(l);
	ald_project_free(p);
}

static void test_empty_downgrade(void **state)
{
	(void)state;
	write_file("aludel.ini", ini_plain);
	write_file("versions/a1_none.sql", "-- none\n--\n-- Revision ID: a1\n\n-- migrate:upgrade\nSELECT 1;\n");
	write_file("versions/b2_empty.sql", "-- empty\n--\n-- Revision ID: b2\n-- Revises: a1\n\n-- migrate:upgrade\n"
					    "SELECT 1;\n\n-- migrate:downgrade\n-- nothing to undo\n\n");
	write_file("versions/c3_full.sql", "-- full\n--\n-- Revision ID: c3\n-- Revises: b2\n\n-- migrate:upgrade\n"
					   "SELECT 1;\n-- migrate:downgrade\nSELECT 2;\n");
	ald_project *p = project();
	ald_lint *l = lint_rev(p, "a1");
	assert_int_equal(ald_lint_count(l), 1);
	const ald_lint_finding *f = ald_lint_at(l, 0);
	assert_string_equal(f->rule, "empty-downgrade");
	assert_int_equal(f->downgrade, 1);
	assert_int_equal(f->line, 1);
	assert_non_null(strstr(f->message, "a1"));
	ald_lint_free(l);
	l = lint_rev(p, "b2");
	assert_int_equal(count_rule(l, "empty-downgrade"), 1);
	assert_int_equal(find_rule(l, "empty-downgrade")->line, 9); /* the marker's line */
	ald_lint_free(l);
	l = lint_rev(p, "c3");
	assert_int_equal(ald_lint_count(l), 0);
	ald_lint_free(l);
	/* every revision at once, in the order given */
	assert_int_equal(lint_all(&l, p), 0);
	assert_int_equal(count_rule(l, "empty-downgrade"), 2);
	ald_lint_free(l);
	/* ald_lint_sql has no revision: no empty-downgrade */
	l = lint_sql(p, "-- migrate:downgrade\n");
	assert_int_equal(ald_lint_count(l), 0);
	ald_lint_free(l);
	ald_project_free(p);
}

/* The ini keys: disable, change severity, an unknown id. */
static void test_ini_keys(void **state)
{
	(void)state;
	write_file("aludel.ini", "[aludel]\nscript_location = %(here)s\n"
				 "lint_disable = ban-drop-table, require-lock-timeout\n"
				 "lint_error = ban-truncate\n"
				 "lint_warning = adding-required-field parse-error\n");
	ald_project *p = project();
	ald_lint *l = lint_sql(p, "DROP TABLE users;\nTRUNCATE orders;\nALTER TABLE users ADD COLUMN a int NOT NULL;\n");
	assert_int_equal(count_rule(l, "ban-drop-table"), 0);
	assert_int_equal(count_rule(l, "require-lock-timeout"), 0);
	assert_int_equal(find_rule(l, "ban-truncate")->severity, ALD_LINT_ERROR);
	assert_int_equal(find_rule(l, "adding-required-field")->severity, ALD_LINT_WARNING);
	assert_int_equal(ald_lint_max_severity(l), ALD_LINT_ERROR);
	ald_lint_free(l);
	l = lint_sql(p, "SELEC 1;\nALTER TABLE users ADD COLUMN a int NOT NULL;\n");
	assert_int_equal(ald_lint_count(l), 2);
	assert_int_equal(ald_lint_max_severity(l), ALD_LINT_WARNING);
	ald_lint_free(l);
	ald_project_free(p);

	write_file("aludel.ini", "[aludel]\nscript_location = %(here)s\nlint_warning = ban-truncate, no-such-rule\n");
	p = project();
	l = (ald_lint *)1;
	assert_int_equal(ald_lint_sql(&l, p, "SELECT 1", "x.sql"), ALD_EINVALID);
	assert_null(l);
	const char *msg = ald_error_last()->message;
	assert_non_null(strstr(msg, "lint_warning"));
	assert_non_null(strstr(msg, "no-such-rule"));
	assert_int_equal(lint_all(&l, p), ALD_EINVALID);
	assert_null(l);
	ald_project_free(p);

	/* an [alembic] section takes the keys too */
	write_file("aludel.ini", "[alembic]\nscript_location = %(here)s\nlint_disable = ban-truncate\n");
	p = project();
	l = lint_sql(p, "TRUNCATE users");
	assert_int_equal(count_rule(l, "ban-truncate"), 0);
	ald_lint_free(l);
	ald_project_free(p);
}

/* SQLite: refused; PostgreSQL or no URL: linted. */
static void test_sqlite_refused(void **state)
{
	(void)state;
	write_file("versions/a1_x.sql", "-- x\n--\n-- Revision ID: a1\n\n-- migrate:upgrade\nDELETE FROM users;\n");
	write_file("aludel.ini", "[aludel]\nscript_location = %(here)s\nsqlalchemy.url = sqlite:///%(here)s/x.db\n");
	ald_project *p = project();
	ald_lint *l = (ald_lint *)1;
	assert_int_equal(ald_lint_sql(&l, p, "DELETE FROM users", "x.sql"), ALD_EUSAGE);
	assert_null(l);
	assert_string_equal(ald_error_last()->message,
			    "aludel lint checks PostgreSQL migrations; this project's database URL is SQLite");
	assert_int_equal(lint_all(&l, p), ALD_EUSAGE);
	assert_null(l);
	ald_project_free(p);

	write_file("aludel.ini", "[aludel]\nscript_location = %(here)s\n"
				 "sqlalchemy.url = postgresql://me:secret@localhost/db\n");
	p = project();
	assert_int_equal(lint_all(&l, p), 0);
	assert_int_equal(count_rule(l, "unbounded-update-delete"), 1);
	ald_lint_free(l);
	ald_project_free(p);
}

/* ---- an Alembic .py revision, through Alembic's offline mode ---- */

static const char env_py[] =
	"from alembic import context\n"
	"config = context.config\n"
	"if not context.is_offline_mode():\n"
	"    raise SystemExit('offline only')\n"
	"context.configure(url=config.get_main_option('sqlalchemy.url'), literal_binds=True)\n"
	"with context.begin_transaction():\n"
	"    context.run_migrations()\n";

static void test_python(void **state)
{
	(void)state;
	if (access("/usr/bin/python3", X_OK) != 0 ||
	    system("/usr/bin/python3 -c 'import alembic' >/dev/null 2>&1") != 0)
		skip();
	setenv("ALUDEL_ALEMBIC", "/usr/bin/python3 -m alembic", 1);
	write_file("aludel.ini", "[alembic]\nscript_location = %(here)s\n"
				 "sqlalchemy.url = postgresql://localhost/nothing\n");
	write_file("env.py", env_py);
	write_file("versions/p1_first.py", "\"\"\"first\n\nRevision ID: p1\n\"\"\"\nfrom alembic import op\n\n"
					   "revision = 'p1'\ndown_revision = None\n\n"
					   "def upgrade():\n    op.execute('CREATE INDEX users_email ON users (email)')\n\n"
					   "def downgrade():\n    pass\n");
	write_file("versions/p2_second.py", "\"\"\"second\n\nRevision ID: p2\n\"\"\"\nfrom alembic import op\n\n"
					    "revision = 'p2'\ndown_revision = 'p1'\n\n"
					    "def upgrade():\n    op.execute('SELECT 1')\n\n"
					    "def downgrade():\n    op.execute('DELETE FROM users')\n");
	ald_project *p = project();
	ald_lint *l = NULL;
	if (lint_all(&l, p) < 0)
		fail_msg("%s", ald_error_last()->message);
	dump(l);
	const ald_lint_finding *f = find_rule(l, "require-concurrent-index-creation");
	assert_non_null(f);
	assert_string_equal(ald_revision_id(f->revision), "p1");
	assert_int_equal(f->line, 0);
	assert_int_equal(f->downgrade, 0);
	assert_non_null(strstr(f->path, "p1_first.py"));
	f = find_rule(l, "empty-downgrade");
	assert_non_null(f);
	assert_string_equal(ald_revision_id(f->revision), "p1");
	assert_int_equal(count_rule(l, "empty-downgrade"), 1);
	f = find_rule(l, "unbounded-update-delete");
	assert_non_null(f);
	assert_string_equal(ald_revision_id(f->revision), "p2");
	assert_int_equal(f->downgrade, 1);
	ald_lint_free(l);
	ald_project_free(p);

	/* Alembic cannot give a revision's SQL: an error naming the revision */
	write_file("versions/p2_second.py", "\"\"\"second\n\nRevision ID: p2\n\"\"\"\nfrom alembic import op\n\n"
					    "revision = 'p2'\ndown_revision = 'p1'\n\n"
					    "def upgrade():\n    raise RuntimeError('cannot be written offline')\n\n"
					    "def downgrade():\n    pass\n");
	p = project();
	l = (ald_lint *)1;
	assert_true(lint_all(&l, p) < 0);
	assert_null(l);
	print_message("#   %s\n", ald_error_last()->message);
	assert_non_null(strstr(ald_error_last()->message, "p2"));
	assert_non_null(strstr(ald_error_last()->message, "cannot be written offline"));
	ald_project_free(p);
	unsetenv("ALUDEL_ALEMBIC");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_rule),
		cmocka_unit_test(test_every_rule_has_a_case),
		cmocka_unit_test(test_catalogue),
		cmocka_unit_test(test_sql_script),
		cmocka_unit_test(test_ignore_comment),
		cmocka_unit_test_setup_teardown(test_positions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_revision_table, setup, teardown),
		cmocka_unit_test_setup_teardown(test_transactional, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_downgrade, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ini_keys, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sqlite_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_python, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
