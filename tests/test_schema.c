/* test_schema.c - the schema snapshot (ald_project_schema) and ald_verify,
 * through the public API, on SQLite files and on PostgreSQL databases of the
 * server the harness starts: two databases built in different ways with the
 * same schema give the same text; a changed default, index or constraint
 * changes it; aludel's own tables are left out; ald_verify: restored and
 * irreversible revisions, a downgrade that forgets an index caught with its
 * diff, a failing downgrade recorded, a cancel (as SIGINT) stopping it, and
 * the scratch database gone after each.
 * Also the line diff and the scratch URL (internal helpers). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "aludel.h"
#include "db.h"
#include "line_diff.h"
#include "pg_harness.h"
#include "verify.h"

struct backend {
	int pg;
};
static struct backend on_sqlite = {0}, on_pg = {1};

/* One case: a project folder and the databases made for it. */
struct ctx {
	int pg;
	char *dir;            /* the project: aludel.ini, migrations/versions */
	struct ald_strvec urls;
};

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int setup(void **state)
{
	static int n;
	struct ctx *c = ald__xcalloc(1, sizeof(*c));
	c->pg = ((const struct backend *)*state)->pg;
	c->dir = ald__xasprintf("%s/p%d", ald_test_tmpdir(), ++n);
	char *versions = ald__xasprintf("%s/migrations/versions", c->dir);
	char *mig = ald__xasprintf("%s/migrations", c->dir);
	char *ini = ald__xasprintf("%s/aludel.ini", c->dir);
	int ok = mkdir(c->dir, 0755) == 0 && mkdir(mig, 0755) == 0 && mkdir(versions, 0755) == 0;
	if (ok)
		write_file(ini, "[aludel]\nscript_location = %(here)s/migrations\n");
	free(versions);
	free(mig);
	free(ini);
	if (c->pg && !ald_test_pg_start())
		ok = 0;
	*state = c;
	return ok ? 0 : -1;
}

static int teardown(void **state)
{
	struct ctx *c = *state;
	for (size_t i = 0; c->pg && i < c->urls.n; i++)
		ald_test_pg_drop_db(c->urls.v[i]);
	ald__strvec_free(&c->urls);
	free(c->dir);
	free(c);
	return 0;
}

/* A new empty database; its URL is borrowed from c. */
static const char *new_db(struct ctx *c)
{
	char *url;
	if (c->pg) {
		url = ald_test_pg_create_db("ald_test_schema");
		assert_non_null(url);
	} else {
		url = ald__xasprintf("sqlite:///%s/db%zu.db", c->dir, c->urls.n);
	}
	ald__strvec_push(&c->urls, url);
	return url;
}

/* Runs the statements (a NULL-ended list) on url. */
static void build(const char *url, const char *const *sql)
{
	struct ald_db *db = NULL;
	assert_int_equal(ald__db_open(&db, url), 0);
	for (; *sql; sql++)
		if (ald__db_exec(db, *sql, NULL) < 0)
			fail_msg("%s: %s", *sql, ald_error_last()->message);
	ald__db_close(db);
}

/* The project opened on url. */
static ald_project *open_on(const struct ctx *c, const char *url)
{
	char *ini = ald__xasprintf("%s/aludel.ini", c->dir);
	ald_open_options o = ALD_OPEN_OPTIONS_INIT;
	o.config_path = ini;
	o.url = url;
	o.no_cache = 1;
	ald_project *p = NULL;
	if (ald_project_open(&p, &o) < 0)
		fail_msg("open: %s", ald_error_last()->message);
	free(ini);
	return p;
}

/* The snapshot of url (the caller's). */
static char *snap(const struct ctx *c, const char *url)
{
	ald_project *p = open_on(c, url);
	char *s = NULL;
	if (ald_project_schema(&s, p) < 0)
		fail_msg("schema: %s", ald_error_last()->message);
	ald_project_free(p);
	return s;
}

/* ---- the schemas ---- */

/* SQLite: the reference, written plainly. */
static const char *const sqlite_a[] = {
	"CREATE TABLE teams (id INTEGER PRIMARY KEY, name TEXT UNIQUE)",
	"CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL DEFAULT '', age INTEGER CHECK (age >= 0), "
	"team_id INTEGER REFERENCES teams (id) ON DELETE CASCADE)",
	"CREATE INDEX ix_users_email ON users (email)",
	"CREATE VIEW adults AS SELECT id, email FROM users WHERE age >= 18",
	"CREATE TRIGGER users_touch AFTER UPDATE ON users BEGIN SELECT 1; END",
	NULL,
};
/* The same schema reached another way: other case and spacing, comments,
 * columns added later, a table rebuilt under another name and renamed,
 * objects in another order, aludel's own tables besides. */
static const char *const sqlite_b[] = {
	"create table users(\n  id integer primary key,   -- the key\n  email text not null default ''\n)",
	"CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)",
	"CREATE TABLE alembic_version_progress (revision TEXT)",
	"CREATE TABLE aludel_history (id INTEGER PRIMARY KEY, revision TEXT)",
	"CREATE INDEX ix_history ON aludel_history (revision)",
	"create index \"ix_users_email\" on users(email)",
	"CREATE TABLE teams_new (id INTEGER PRIMARY KEY, name TEXT UNIQUE)",
	"ALTER TABLE teams_new RENAME TO teams",
	"ALTER TABLE users ADD COLUMN age INTEGER CHECK (age >= 0)",
	"ALTER TABLE users ADD COLUMN team_id INTEGER REFERENCES teams (id) ON DELETE CASCADE",
	"create trigger users_touch after update on users\nbegin\n  select 1;\nend",
	"create view adults as\n  select id, email\n  from users\n  where age >= 18",
	NULL,
};

static const char *const pg_a[] = {
	"CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
	"CREATE TABLE teams (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text UNIQUE)",
	"CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL DEFAULT '', "
	"age int CHECK (age >= 0), team_id bigint REFERENCES teams (id) ON DELETE CASCADE, m mood)",
	"CREATE INDEX ix_users_email ON users (email)",
	"CREATE VIEW adults AS SELECT id, email FROM users WHERE age >= 18",
	"CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
	"CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch()",
	"CREATE SCHEMA extra",
	"CREATE SEQUENCE extra.counter START 10",
	NULL,
};
static const char *const pg_b[] = {
	"CREATE SCHEMA extra",
	"create sequence extra.counter start with 10 increment by 1",
	"CREATE TABLE users (id serial PRIMARY KEY, junk int, email text)",
	"ALTER TABLE users DROP COLUMN junk",
	"ALTER TABLE users ALTER COLUMN email SET NOT NULL, ALTER COLUMN email SET DEFAULT ''",
	"CREATE TABLE teams (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text)",
	"ALTER TABLE teams ADD CONSTRAINT teams_name_key UNIQUE (name)",
	"CREATE TYPE mood AS ENUM ('sad', 'happy')",
	"ALTER TYPE mood ADD VALUE 'ok' BEFORE 'happy'",
	"ALTER TABLE users ADD COLUMN age int, ADD COLUMN team_id bigint, ADD COLUMN m mood",
	"ALTER TABLE users ADD CONSTRAINT users_age_check CHECK (age >= 0)",
	"ALTER TABLE users ADD CONSTRAINT users_team_id_fkey FOREIGN KEY (team_id) REFERENCES teams (id) "
	"ON DELETE CASCADE",
	"create view adults as select id,\n email from users where age >= 18",
	"create index ix_users_email on users(email)",
	"CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
	"CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch()",
	"CREATE TABLE alembic_version (version_num varchar(32) NOT NULL, "
	"CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))",
	"CREATE TABLE aludel_history (id serial PRIMARY KEY, revision text)",
	"CREATE INDEX ix_history ON aludel_history (revision)",
	NULL,
};

/* Whether some line of text starts with prefix `p` (a '-' or '+' line of
 * a diff, say) and contains `needle`. */
static int has_line(const char *text, const char *p, const char *needle)
{
	for (const char *s = text; s && *s;) {
		size_t n = strcspn(s, "\n");
		char *line = ald__xstrndup(s, n);
		int hit = strncmp(line, p, strlen(p)) == 0 && strstr(line, needle);
		free(line);
		if (hit)
			return 1;
		s += n + (s[n] == '\n');
	}
	return 0;
}

static void test_same_schema(void **state)
{
	struct ctx *c = *state;
	const char *a = new_db(c), *b = new_db(c);
	build(a, c->pg ? pg_a : sqlite_a);
	build(b, c->pg ? pg_b : sqlite_b);
	char *sa = snap(c, a), *sb = snap(c, b);
	char *diff = ald__line_diff(sa, sb, "a", "b", 3);
	if (diff)
		fail_msg("the same schema gives two texts:\n%s", diff);
	/* what is in it, one object a line; aludel's tables are not */
	assert_true(has_line(sa, "", c->pg ? "index public.ix_users_email on public.users: CREATE INDEX"
					     : "index ix_users_email on users (email)"));
	assert_true(has_line(sa, "", c->pg ? "table public.users column email #2 text not null default ''"
					     : "table users column email #2 text not null default ''"));
	assert_true(has_line(sa, "", c->pg ? "constraint users_age_check CHECK (age >= 0)" : "check(age>=0)"));
	assert_true(has_line(sa, "", c->pg ? "view public.adults" : "view adults sql:"));
	assert_true(has_line(sa, "", "trigger users_touch"));
	if (c->pg) {
		assert_true(has_line(sa, "", "enum public.mood ('sad', 'ok', 'happy')"));
		assert_true(has_line(sa, "", "function public.touch()"));
		assert_true(has_line(sa, "", "sequence extra.counter bigint start 10"));
		assert_true(has_line(sa, "", "table public.users constraint users_team_id_fkey FOREIGN KEY (team_id) "
					     "REFERENCES teams(id) ON DELETE CASCADE"));
	} else {
		assert_true(has_line(sa, "", "table users foreign key (team_id) references teams (id) on update NO "
					     "ACTION on delete CASCADE"));
	}
	assert_false(has_line(sb, "", "alembic_version"));
	assert_false(has_line(sb, "", "aludel_history"));
	assert_false(has_line(sb, "", "ix_history"));
	free(sa);
	free(sb);
}

/* Each change to the reference schema changes the text, and the diff shows it. */
static void test_changes_seen(void **state)
{
	struct ctx *c = *state;
	const char *const *ref = c->pg ? pg_a : sqlite_a;
	const char *a = new_db(c);
	build(a, ref);
	char *sa = snap(c, a);
	struct change {
		const char *from, *to; /* in the reference's statements */
		const char *removed, *added;
	} changes_sqlite[] = {
		{"DEFAULT ''", "DEFAULT 'x'", "column email #2 text not null default ''",
		 "column email #2 text not null default 'x'"},
		{"CHECK (age >= 0)", "CHECK (age > 0)", "check(age>=0)", "check(age>0)"},
		{"ON users (email)", "ON users (email, id)", "index ix_users_email on users (email)",
		 "index ix_users_email on users (email, id)"},
	}, changes_pg[] = {
		{"DEFAULT ''", "DEFAULT 'x'", "column email #2 text not null default ''::text",
		 "column email #2 text not null default 'x'::text"},
		{"CHECK (age >= 0)", "CHECK (age > 0)", "CHECK (age >= 0)", "CHECK (age > 0)"},
		{"ON users (email)", "ON users (email, id)", "USING btree (email)", "USING btree (email, id)"},
	};
	struct change *changes = c->pg ? changes_pg : changes_sqlite;
	for (size_t k = 0; k < 3; k++) {
		const char *sql[16];
		char *owned[16] = {0};
		size_t n = 0;
		for (; ref[n]; n++) {
			const char *at = strstr(ref[n], changes[k].from);
			sql[n] = ref[n];
			if (at)
				sql[n] = owned[n] = ald__xasprintf("%.*s%s%s", (int)(at - ref[n]), ref[n], changes[k].to,
								  at + strlen(changes[k].from));
		}
		sql[n] = NULL;
		const char *b = new_db(c);
		build(b, sql);
		char *sb = snap(c, b);
		char *diff = ald__line_diff(sa, sb, "a", "b", 3);
		if (!diff)
			fail_msg("change %zu (%s) not seen", k, changes[k].to);
		if (!has_line(diff, "-", changes[k].removed) || !has_line(diff, "+", changes[k].added))
			fail_msg("change %zu: the diff does not show it:\n%s", k, diff);
		free(diff);
		free(sb);
		for (size_t i = 0; i < n; i++)
			free(owned[i]);
	}
	free(sa);
}

/* ---- verify ---- */

static void revision(const struct ctx *c, const char *id, const char *down, const char *up, const char *dn)
{
	char *path = ald__xasprintf("%s/migrations/versions/%s_r.sql", c->dir, id);
	char *text = ald__xasprintf("-- %s\n--\n-- Revision ID: %s\n-- Revises: %s\n-- Create Date: 2026-01-01 "
				   "00:00:00\n\n-- migrate:upgrade\n%s\n\n-- migrate:downgrade\n%s\n",
				   id, id, down, up, dn);
	write_file(path, text);
	free(text);
	free(path);
}

/* The scratch databases (aludel_verify_*) left on the server, or the files
 * left in dir. */
static size_t leftovers(const struct ctx *c, const char *url, const char *dir)
{
	size_t n = 0;
	if (c->pg) {
		struct ald_db *db = NULL;
		struct ald_strvec rows = {0};
		assert_int_equal(ald__db_open(&db, url), 0);
		assert_int_equal(ald__db_query_strings(db, "SELECT datname FROM pg_database WHERE datname LIKE "
							  "'aludel\\_verify\\_%'", &rows), 0);
		n = rows.n;
		ald__strvec_free(&rows);
		ald__db_close(db);
		return n;
	}
	DIR *d = opendir(dir);
	assert_non_null(d);
	for (struct dirent *e; (e = readdir(d));)
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

/* A progress callback that cancels the project when the step of revision
 * `id` starts. */
struct cancel_at {
	ald_project *p;
	const char *id;
	int fired;
};

static void cancel_on_start(const ald_plan *plan, size_t step, int event, double seconds, void *payload)
{
	struct cancel_at *ca = payload;
	const ald_revision *r = ald_plan_step_revision(plan, step);
	(void)seconds;
	if (event == ALD_PROGRESS_START && r && strcmp(ald_revision_id(r), ca->id) == 0 && !ca->fired) {
		ca->fired = 1;
		ald_project_cancel(ca->p);
	}
}

static void test_verify(void **state)
{
	struct ctx *c = *state;
	char *tmp = ald__xasprintf("%s/tmp", c->dir);
	assert_int_equal(mkdir(tmp, 0755), 0);
	setenv("TMPDIR", tmp, 1);
	const char *url = c->pg ? new_db(c) : ald__xasprintf("sqlite:///%s/app.db", c->dir);
	if (!c->pg)
		ald__strvec_push(&c->urls, (char *)url);
	revision(c, "r1", "", "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);", "DROP TABLE t;");
	revision(c, "r2", "r1", "CREATE INDEX ix_t_name ON t (name);", "DROP INDEX ix_t_name;");
	revision(c, "r3", "r2", "CREATE TABLE log (id INTEGER);", "-- nothing to undo");
	ald_project *p = open_on(c, url);
	ald_verify_options o = ALD_VERIFY_OPTIONS_INIT;
	ald_verify_result *v = NULL;
	if (ald_verify(&v, p, &o) < 0)
		fail_msg("verify: %s", ald_error_last()->message);
	assert_int_equal(ald_verify_result_count(v), 3);
	assert_null(ald_verify_result_failed(v));
	assert_int_equal(ald_verify_result_at(v, 0)->status, ALD_VERIFY_RESTORED);
	assert_int_equal(ald_verify_result_at(v, 1)->status, ALD_VERIFY_RESTORED);
	assert_int_equal(ald_verify_result_at(v, 2)->status, ALD_VERIFY_IRREVERSIBLE);
	assert_string_equal(ald_revision_id(ald_verify_result_at(v, 2)->revision), "r3");
	ald_verify_result_free(v);
	assert_int_equal(leftovers(c, url, tmp), 0);
	ald_project_free(p);

	/* r2's downgrade forgets its index */
	revision(c, "r2", "r1", "CREATE INDEX ix_t_name ON t (name);", "SELECT 1;");
	p = open_on(c, url);
	assert_int_equal(ald_verify(&v, p, &o), 0);
	const ald_verify_entry *f = ald_verify_result_failed(v);
	assert_non_null(f);
	assert_string_equal(ald_revision_id(f->revision), "r2");
	assert_int_equal(f->status, ALD_VERIFY_NOT_RESTORED);
	assert_true(has_line(f->diff, "--- ", "schema before r2"));
	assert_true(has_line(f->diff, "+++ ", "schema after downgrading r2"));
	assert_true(has_line(f->diff, "+index ", "ix_t_name"));
	assert_false(has_line(f->diff, "-", "ix_t_name"));
	assert_int_equal(ald_verify_result_count(v), 2);
	ald_verify_result_free(v);
	assert_int_equal(leftovers(c, url, tmp), 0);
	/* the project's own database was not touched */
	if (c->pg) {
		char *own = NULL;
		assert_int_equal(ald_project_schema(&own, p), 0);
		assert_false(has_line(own, "table ", ""));
		free(own);
	} else {
		char *file = ald__xasprintf("%s/app.db", c->dir);
		assert_int_not_equal(access(file, F_OK), 0);
		free(file);
	}
	ald_project_free(p);

	/* r2's downgrade fails: recorded with the database's message, verify stops */
	revision(c, "r2", "r1", "CREATE INDEX ix_t_name ON t (name);", "DROP INDEX no_such_index;");
	p = open_on(c, url);
	assert_int_equal(ald_verify(&v, p, &o), 0);
	f = ald_verify_result_failed(v);
	assert_non_null(f);
	assert_int_equal(f->status, ALD_VERIFY_DOWNGRADE_FAILED);
	assert_non_null(strstr(f->message, "no_such_index"));
	assert_null(f->diff);
	ald_verify_result_free(v);
	assert_int_equal(leftovers(c, url, tmp), 0);

	/* cancelled (as SIGINT does) while r2 upgrades: ALD_EINTERRUPTED, nothing left */
	struct cancel_at ca = {p, "r2", 0};
	o.progress = cancel_on_start;
	o.payload = &ca;
	assert_int_equal(ald_verify(&v, p, &o), ALD_EINTERRUPTED);
	assert_null(v);
	assert_int_equal(ca.fired, 1);
	assert_non_null(strstr(ald_error_last()->message, "was removed"));
	assert_int_equal(leftovers(c, url, tmp), 0);
	ald_project_free(p);
	unsetenv("TMPDIR");
	free(tmp);
}

/* ---- helpers ---- */

static void test_line_diff(void **state)
{
	(void)state;
	assert_null(ald__line_diff("a\nb\n", "a\nb\n", "x", "y", 3));
	char *d = ald__line_diff("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nfive\n6\n7\n8\n9\n", "x", "y", 3);
	assert_string_equal(d, "--- x\n+++ y\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
	free(d);
	d = ald__line_diff("", "new\n", "x", "y", 3);
	assert_string_equal(d, "--- x\n+++ y\n@@ -0,0 +1,1 @@\n+new\n");
	free(d);
	/* two changes far apart: two hunks */
	d = ald__line_diff("a\n1\n2\n3\n4\n5\n6\n7\n8\nb\n", "A\n1\n2\n3\n4\n5\n6\n7\n8\nB\n", "x", "y", 2);
	assert_string_equal(d, "--- x\n+++ y\n@@ -1,3 +1,3 @@\n-a\n+A\n 1\n 2\n@@ -8,3 +8,3 @@\n 7\n 8\n-b\n+B\n");
	free(d);
}

static void test_scratch_url(void **state)
{
	(void)state;
	char *u = ald__url_with_database("postgresql://u:p@ss/w@host:5432/app?sslmode=require", "aludel_verify_1");
	assert_string_equal(u, "postgresql://u:p@ss/w@host:5432/aludel_verify_1?sslmode=require");
	free(u);
	u = ald__url_with_database("postgresql:///app?host=/tmp/x&user=postgres", "s");
	assert_string_equal(u, "postgresql:///s?host=/tmp/x&user=postgres");
	free(u);
	u = ald__url_with_database("postgresql://host", "s");
	assert_string_equal(u, "postgresql://host/s");
	free(u);
	u = ald__url_database("postgresql://u:pw@h/scratch_db?x=1");
	assert_string_equal(u, "scratch_db");
	free(u);
	assert_null(ald__url_database("postgresql://h"));
	assert_null(ald__url_with_database("not a url", "s"));
}

#define BOTH(f)                                                                  \
	{#f " (sqlite)", f, setup, teardown, &on_sqlite},                        \
	{#f " (postgresql)", f, setup, teardown, &on_pg}

int main(void)
{
	const struct CMUnitTest tests[] = {
		BOTH(test_same_schema),
		BOTH(test_changes_seen),
		BOTH(test_verify),
		cmocka_unit_test(test_line_diff),
		cmocka_unit_test(test_scratch_url),
	};
	return cmocka_run_group_tests(tests, ald_test_backends_setup, ald_test_backends_teardown);
}
