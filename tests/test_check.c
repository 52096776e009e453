/* test_check.c - ald_check (`aludel check`) through the public API alone:
 * a clean chain passes; two heads (and --heads 2 on them), a missing down
 * revision and depends_on, a native .sql file with a bad header and an
 * Alembic .py file the reader refuses, a duplicate id, a duplicate branch
 * label, a cycle, a dependency cycle and a self-loop: each found, with its file and line;
 * several at once all found; lint errors on a PostgreSQL project (no server
 * needed: native revisions are linted from their text) and none without a
 * URL or on SQLite; an empty project; messages naming other files relative
 * to base_dir. Each test in a fresh folder (tmp_cwd.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "aludel.h"
#include "test_files.h"
#include "tmp_cwd.h"

static int setup(void **state)
{
	(void)state;
	if (tmp_cwd_enter("ald_check_") < 0)
		return -1;
	if (mkdir("migrations", 0755) < 0 || mkdir("migrations/versions", 0755) < 0)
		return -1;
	return 0;
}

/* The project's ini, with `url` (NULL: none). */
static void ini(const char *url)
{
	char text[512];
	snprintf(text, sizeof(text), "[aludel]\nscript_location = %%(here)s/migrations\n%s%s%s",
		 url ? "sqlalchemy.url = " : "", url ? url : "", url ? "\n" : "");
	test_write_at(".", "aludel.ini", text);
}

/* A native revision: "Revises" is on line 4, "Depends On" (when given) on
 * line 6, the upgrade's first statement on line 8 (9 with a Depends On). */
static void rev(const char *file, const char *id, const char *down, const char *depends, const char *up)
{
	char text[2048];
	snprintf(text, sizeof(text),
		 "-- rev %s\n--\n-- Revision ID: %s\n-- Revises: %s\n-- Create Date: 2026-01-01 00:00:00\n%s%s%s\n"
		 "-- migrate:upgrade\n%s\n\n-- migrate:downgrade\nSELECT 1;\n",
		 id, id, down, depends ? "-- Depends On: " : "", depends ? depends : "", depends ? "\n" : "",
		 up ? up : "SELECT 1;");
	test_write_at("migrations/versions", file, text);
}

static ald_check_result *run(unsigned heads, const char *base_dir)
{
	ald_check_options o = ALD_CHECK_OPTIONS_INIT;
	o.heads = heads;
	o.base_dir = base_dir;
	ald_check_result *r = NULL;
	if (ald_check(&r, NULL, &o) < 0)
		fail_msg("ald_check: %s", ald_error_last()->message);
	assert_non_null(r);
	for (size_t i = 0; i < ald_check_count(r); i++) {
		const ald_check_finding *f = ald_check_at(r, i);
		print_message("#   %s:%u: %s: %s\n", f->path ? f->path : "-", f->line, ald_check_kind_name(f->kind),
			      f->message);
	}
	return r;
}

/* The findings of `kind`, and the first of them. */
static size_t count(const ald_check_result *r, int kind, const ald_check_finding **first)
{
	size_t n = 0;
	if (first)
		*first = NULL;
	for (size_t i = 0; i < ald_check_count(r); i++)
		if (ald_check_at(r, i)->kind == kind && n++ == 0 && first)
			*first = ald_check_at(r, i);
	return n;
}

/* Whether a finding's path is the file `name` of the versions folder. */
static int is_file(const ald_check_finding *f, const char *name)
{
	char want[1024];
	snprintf(want, sizeof(want), "%s/migrations/versions/%s", tmp_cwd, name);
	return f && f->path && strcmp(f->path, want) == 0;
}

static void chain(void)
{
	rev("a1_one.sql", "a1", "", NULL, NULL);
	rev("a2_two.sql", "a2", "a1", NULL, NULL);
	rev("a3_three.sql", "a3", "a2", NULL, NULL);
}

static void test_clean(void **state)
{
	(void)state;
	ini(NULL);
	chain();
	ald_check_result *r = run(0, NULL);
	assert_int_equal(ald_check_count(r), 0);
	assert_null(ald_check_at(r, 0));
	ald_check_result_free(r);
	r = run(2, NULL); /* one head where two are asked for */
	const ald_check_finding *f;
	assert_int_equal(count(r, ALD_CHECK_HEADS, &f), 1);
	assert_null(f->path);
	assert_int_equal(strncmp(f->message, "1 head, expected 2: a3 (/", 25), 0);
	ald_check_result_free(r);
}

static void test_two_heads(void **state)
{
	(void)state;
	ini(NULL);
	chain();
	rev("b1_side.sql", "b1", "a1", NULL, NULL);
	ald_check_result *r = run(0, tmp_cwd);
	const ald_check_finding *f;
	assert_int_equal(ald_check_count(r), 1);
	assert_int_equal(count(r, ALD_CHECK_HEADS, &f), 1);
	assert_string_equal(f->message, "2 heads, expected 1: a3 (migrations/versions/a3_three.sql), "
					"b1 (migrations/versions/b1_side.sql)");
	ald_check_result_free(r);
	r = run(2, NULL);
	assert_int_equal(ald_check_count(r), 0);
	ald_check_result_free(r);
	r = run(3, NULL);
	assert_int_equal(count(r, ALD_CHECK_HEADS, NULL), 1);
	ald_check_result_free(r);
}

static void test_missing_parent(void **state)
{
	(void)state;
	ini(NULL);
	chain();
	rev("b1_lost.sql", "b1", "zz9", NULL, NULL);
	rev("c1_dep.sql", "c1", "a3", "nolabel", NULL);
	ald_check_result *r = run(2, NULL);
	const ald_check_finding *f;
	assert_int_equal(count(r, ALD_CHECK_MISSING_PARENT, &f), 2);
	assert_true(is_file(f, "b1_lost.sql"));
	assert_int_equal(f->line, 4);
	assert_string_equal(f->message, "Revision zz9 referenced from b1 is not present");
	f = ald_check_at(r, 1);
	assert_int_equal(f->kind, ALD_CHECK_MISSING_PARENT);
	assert_true(is_file(f, "c1_dep.sql"));
	assert_int_equal(f->line, 6);
	assert_string_equal(f->message, "Revision c1 depends on 'nolabel', which is not present");
	ald_check_result_free(r);
}

static void test_broken_files(void **state)
{
	(void)state;
	ini(NULL);
	chain();
	/* a header key aludel does not know, on line 5 */
	test_write_at("migrations/versions", "b1_bad.sql",
		      "-- bad\n--\n-- Revision ID: b1\n-- Revises: a3\n-- Revision Kind: x\n\n"
		      "-- migrate:upgrade\nSELECT 1;\n");
	/* a down_revision the static reader cannot read, on line 6 */
	test_write_at("migrations/versions", "c1_bad.py",
		      "\"\"\"bad\n\"\"\"\nfrom alembic import op\n\nrevision = 'c1'\n"
		      "down_revision = compute('a3')\nbranch_labels = None\ndepends_on = None\n\n"
		      "def upgrade():\n    pass\n");
	ald_check_result *r = run(0, NULL);
	const ald_check_finding *f;
	assert_int_equal(count(r, ALD_CHECK_PARSE, &f), 2);
	assert_true(is_file(f, "b1_bad.sql"));
	assert_int_equal(f->line, 5);
	assert_non_null(strstr(f->message, "Revision Kind"));
	assert_null(strstr(f->message, "b1_bad.sql")); /* the path is the finding's, not the message's */
	f = ald_check_at(r, 1);
	assert_int_equal(f->kind, ALD_CHECK_PARSE);
	assert_true(is_file(f, "c1_bad.py"));
	assert_int_equal(f->line, 6);
	assert_non_null(strstr(f->message, "down_revision"));
	/* the files that parse are still checked, and the project is not opened */
	assert_int_equal(ald_check_count(r), 2);
	ald_check_result_free(r);
}

static void test_duplicate(void **state)
{
	(void)state;
	ini(NULL);
	chain();
	rev("a3_again.sql", "a3", "a2", NULL, NULL);
	ald_check_result *r = run(0, tmp_cwd);
	const ald_check_finding *f;
	assert_int_equal(ald_check_count(r), 1);
	assert_int_equal(count(r, ALD_CHECK_DUPLICATE, &f), 1);
	assert_true(is_file(f, "a3_three.sql")); /* sorted by name: a3_again.sql comes first */
	assert_int_equal(f->line, 3);
	assert_string_equal(f->message, "Revision a3 is present more than once: also in migrations/versions/a3_again.sql");
	ald_check_result_free(r);
}

static void test_label(void **state)
{
	(void)state;
	ini(NULL);
	rev("a1_one.sql", "a1", "", NULL, NULL);
	test_write_at("migrations/versions", "b1_x.sql",
		      "-- x\n--\n-- Revision ID: b1\n-- Revises:\n-- Branch Labels: shop\n\n-- migrate:upgrade\nSELECT 1;\n");
	test_write_at("migrations/versions", "c1_x.sql",
		      "-- x\n--\n-- Revision ID: c1\n-- Revises:\n-- Branch Labels: shop\n\n-- migrate:upgrade\nSELECT 1;\n");
	ald_check_result *r = run(3, NULL);
	const ald_check_finding *f;
	assert_int_equal(count(r, ALD_CHECK_LABEL, &f), 1);
	assert_true(is_file(f, "c1_x.sql"));
	assert_non_null(strstr(f->message, "Branch name 'shop' in revision c1 already used by revision b1"));
	ald_check_result_free(r);
}

static void test_cycle(void **state)
{
	(void)state;
	ini(NULL);
	rev("a1_one.sql", "a1", "", NULL, NULL);
	rev("b1_x.sql", "b1", "a1, c1", NULL, NULL);
	rev("c1_x.sql", "c1", "b1", NULL, NULL);
	rev("d1_x.sql", "d1", "c1", NULL, NULL);
	ald_check_result *r = run(0, tmp_cwd);
	const ald_check_finding *f;
	assert_int_equal(count(r, ALD_CHECK_CYCLE, &f), 1);
	assert_true(is_file(f, "b1_x.sql"));
	assert_int_equal(f->line, 4);
	assert_string_equal(f->message, "Cycle is detected in revisions (b1, c1); files: migrations/versions/b1_x.sql, "
					"migrations/versions/c1_x.sql");
	ald_check_result_free(r);
}

static void test_dependency_cycle(void **state)
{
	(void)state;
	ini(NULL);
	rev("a1_one.sql", "a1", "", NULL, NULL);
	rev("b1_x.sql", "b1", "a1", "c1", NULL);
	rev("c1_x.sql", "c1", "b1", NULL, NULL);
	ald_check_result *r = run(0, NULL);
	const ald_check_finding *f;
	assert_int_equal(ald_check_count(r), 1);
	assert_int_equal(count(r, ALD_CHECK_CYCLE, &f), 1);
	assert_true(is_file(f, "b1_x.sql"));
	assert_int_equal(f->line, 6); /* the Depends On line */
	assert_non_null(strstr(f->message, "Dependency cycle is detected in revisions (b1, c1)"));
	ald_check_result_free(r);
}

static void test_self_loop(void **state)
{
	(void)state;
	ini(NULL);
	chain();
	rev("b1_self.sql", "b1", "a3, b1", NULL, NULL);
	ald_check_result *r = run(0, NULL);
	const ald_check_finding *f;
	assert_int_equal(ald_check_count(r), 1);
	assert_int_equal(count(r, ALD_CHECK_CYCLE, &f), 1); /* the reader refuses it: a cycle, not a parse error */
	assert_true(is_file(f, "b1_self.sql"));
	assert_int_equal(f->line, 4);
	assert_string_equal(f->message, "Self-loop is detected in revisions (b1)");
	ald_check_result_free(r);
}

static void test_several(void **state)
{
	(void)state;
	ini(NULL);
	chain();
	rev("a3_again.sql", "a3", "a2", NULL, NULL);
	rev("b1_lost.sql", "b1", "zz9", NULL, NULL);
	test_write_at("migrations/versions", "c1_bad.sql", "-- no header at all\n");
	test_write_at("migrations/versions", "c2_bad.sql", "-- bad\n--\n-- Revision ID: c2\n-- Revises: a1\n"
							   "-- Revision ID: c3\n\n-- migrate:upgrade\nSELECT 1;\n");
	rev("d1_x.sql", "d1", "a1, d2", NULL, NULL);
	rev("d2_x.sql", "d2", "d1", NULL, NULL);
	ald_check_result *r = run(0, NULL);
	assert_int_equal(count(r, ALD_CHECK_PARSE, NULL), 2);
	assert_int_equal(count(r, ALD_CHECK_DUPLICATE, NULL), 1);
	const ald_check_finding *f;
	assert_int_equal(count(r, ALD_CHECK_MISSING_PARENT, &f), 1);
	/* a broken file may hold the missing revision: the message says so */
	assert_non_null(strstr(f->message, "a file that does not parse may hold it"));
	assert_int_equal(count(r, ALD_CHECK_CYCLE, NULL), 1);
	assert_int_equal(count(r, ALD_CHECK_HEADS, NULL), 1);
	ald_check_result_free(r);
}

static void test_lint(void **state)
{
	(void)state;
	/* native revisions are linted from their text: the server need not run */
	ini("postgresql://u:secret@127.0.0.1:1/db");
	rev("a1_one.sql", "a1", "", NULL, "CREATE TABLE t (id bigint);");
	rev("a2_two.sql", "a2", "a1", NULL, "SELECT 1;\nALTER TABLE t ADD COLUMN age integer NOT NULL;");
	ald_check_result *r = run(0, NULL);
	const ald_check_finding *f;
	assert_int_equal(count(r, ALD_CHECK_LINT, &f), 1);
	assert_true(is_file(f, "a2_two.sql"));
	assert_int_equal(f->line, 9);
	assert_non_null(strstr(f->message, "adding-required-field: "));
	assert_null(strstr(f->message, "secret"));
	ald_check_result_free(r);
	/* a warning only: nothing */
	rev("a2_two.sql", "a2", "a1", NULL, "ALTER TABLE t ADD COLUMN age integer;\nDROP TABLE t;");
	r = run(0, NULL);
	for (size_t i = 0; i < ald_check_count(r); i++)
		assert_int_not_equal(ald_check_at(r, i)->kind, ALD_CHECK_LINT);
	ald_check_result_free(r);
	/* no URL, and SQLite: lint does not apply */
	rev("a2_two.sql", "a2", "a1", NULL, "ALTER TABLE t ADD COLUMN age integer NOT NULL;");
	ini(NULL);
	r = run(0, NULL);
	assert_int_equal(ald_check_count(r), 0);
	ald_check_result_free(r);
	ini("sqlite:///app.db");
	r = run(0, NULL);
	assert_int_equal(ald_check_count(r), 0);
	ald_check_result_free(r);
}

static void test_empty(void **state)
{
	(void)state;
	ini(NULL);
	ald_check_result *r = run(0, NULL);
	assert_int_equal(ald_check_count(r), 0);
	ald_check_result_free(r);
	r = run(2, NULL);
	const ald_check_finding *f;
	assert_int_equal(count(r, ALD_CHECK_HEADS, &f), 1);
	assert_string_equal(f->message, "no head, expected 2");
	ald_check_result_free(r);
}

static void test_api(void **state)
{
	(void)state;
	/* no configuration: the check cannot run */
	ald_check_result *r = (ald_check_result *)1;
	assert_true(ald_check(&r, NULL, NULL) < 0);
	assert_null(r);
	assert_true(ald_error_last()->code < 0);
	ald_check_options o = ALD_CHECK_OPTIONS_INIT;
	o.version = 99;
	ini(NULL);
	assert_int_equal(ald_check(&r, NULL, &o), ALD_EUSAGE);
	assert_string_equal(ald_check_kind_name(ALD_CHECK_MISSING_PARENT), "missing-parent");
	assert_null(ald_check_kind_name(0));
	assert_null(ald_check_kind_name(99));
	assert_int_equal(ald_check_count(NULL), 0);
	ald_check_result_free(NULL);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, tmp_cwd_leave)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_clean),     T(test_two_heads), T(test_missing_parent), T(test_broken_files),
		T(test_duplicate), T(test_label),     T(test_cycle),          T(test_dependency_cycle),
		T(test_self_loop), T(test_several),   T(test_lint),      T(test_empty),          T(test_api),
	};
	return cmocka_run_group_tests(tests, tmp_cwd_group_setup, tmp_cwd_group_teardown);
}
