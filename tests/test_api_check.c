/* test_api_check.c - lint, check and verify through include/aludel.h alone,
 * on a project written into a temporary folder: the lint catalogue and a
 * lint of SQL and of revisions; `check` on a sound project and on one with a
 * broken file, a missing parent and too many heads; verify on a SQLite
 * scratch file, restoring and not restoring. Results are freed, their
 * getters keep the last error, and each failure (a SQLite project linted, a
 * foreign revision, an unknown rule in the ini, an unknown options version,
 * a configuration that does not load, a scratch database that exists or
 * cannot be reached) gives its ALD_E* and names what is at fault. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api_fixture.h"

/* The catalogue, lint of an SQL text and of the project's revisions. */
static void test_lint(void **state)
{
	(void)state;
	fx_error_mark();
	size_t n = ald_lint_rule_count();
	assert_true(n > 5);
	int found = 0;
	for (size_t i = 0; i < n; i++) {
		const ald_lint_rule *r = ald_lint_rule_at(i);
		assert_non_null(r->id);
		assert_non_null(r->summary);
		assert_non_null(r->example);
		assert_true(r->severity == ALD_LINT_WARNING || r->severity == ALD_LINT_ERROR);
		found |= strcmp(r->id, "require-concurrent-index-creation") == 0;
	}
	assert_true(found);
	assert_null(ald_lint_rule_at(n));
	fx_error_kept();

	char *dir = fx_tmpdir();
	fx_project(dir, "postgresql://alice:s3cret@127.0.0.1:1/app");
	ald_project *p = fx_open(dir);
	ald_lint *l = NULL;
	assert_int_equal(ald_lint_sql(&l, p, "SELECT 1;\nCREATE INDEX ix_users_name ON users (name);\n", "plan.sql"), 0);
	fx_error_mark();
	assert_true(ald_lint_count(l) >= 1);
	const ald_lint_finding *f = NULL;
	for (size_t i = 0; i < ald_lint_count(l); i++)
		if (strcmp(ald_lint_at(l, i)->rule, "require-concurrent-index-creation") == 0)
			f = ald_lint_at(l, i);
	assert_non_null(f);
	assert_string_equal(f->path, "plan.sql");
	assert_int_equal(f->line, 2);
	assert_null(f->revision);
	assert_non_null(strstr(f->statement, "CREATE INDEX ix_users_name"));
	assert_non_null(f->message);
	assert_true(ald_lint_max_severity(l) >= ALD_LINT_WARNING);
	assert_null(ald_lint_at(l, ald_lint_count(l)));
	fx_error_kept();
	ald_lint_free(l);
	assert_int_equal(ald_lint_sql(&l, p, "SELECT 1;\n", "clean.sql"), 0);
	assert_int_equal(ald_lint_count(l), 0);
	assert_int_equal(ald_lint_max_severity(l), ALD_LINT_OFF);
	ald_lint_free(l);

	/* the revisions: c1 adds a column, d1 writes rows; each finding names its revision */
	size_t nr = ald_project_revision_count(p);
	const ald_revision *revs[8];
	for (size_t i = 0; i < nr; i++)
		revs[i] = ald_project_revision_at(p, i);
	assert_int_equal(ald_lint_revisions(&l, p, revs, nr), 0);
	for (size_t i = 0; i < ald_lint_count(l); i++) {
		f = ald_lint_at(l, i);
		assert_non_null(f->revision);
		assert_string_equal(f->path, ald_revision_path(f->revision));
	}
	ald_lint_free(l);
	assert_int_equal(ald_lint_revisions(&l, p, revs, 0), 0);
	assert_int_equal(ald_lint_count(l), 0);
	ald_lint_free(l);

	/* a revision of another project */
	char *dir2 = fx_tmpdir();
	fx_project(dir2, "");
	ald_project *other = fx_open(dir2);
	const ald_revision *foreign[] = {revs[0], ald_project_revision_at(other, 1)};
	l = (ald_lint *)1;
	fx_error_is(ald_lint_revisions(&l, p, foreign, 2), ALD_EUSAGE, "revision 1");
	assert_null(l);
	ald_project_free(other);
	fx_rmrf(dir2);
	ald_project_free(p);

	/* an unknown rule in the ini section: the file named */
	fx_project(dir, "");
	fx_put(dir, "aludel.ini", "[aludel]\nscript_location = %(here)s/m\nlint_disable = no-such-rule\n");
	char *ini = fx_path(dir, "aludel.ini");
	p = fx_open(dir);
	l = (ald_lint *)1;
	fx_error_is(ald_lint_sql(&l, p, "SELECT 1;", "x.sql"), ALD_EINVALID, ini);
	assert_non_null(strstr(ald_error_last()->message, "no-such-rule"));
	assert_null(l);
	free(ini);
	ald_project_free(p);

	/* lint is for PostgreSQL: a SQLite project is refused */
	fx_project(dir, NULL);
	p = fx_open(dir);
	l = (ald_lint *)1;
	fx_error_is(ald_lint_sql(&l, p, "SELECT 1;", "x.sql"), ALD_EUSAGE, "SQLite");
	assert_null(l);
	fx_error_is(ald_lint_revisions(&l, p, revs, 0), ALD_EUSAGE, "SQLite");
	ald_project_free(p);
	fx_rmrf(dir);
}

/* `check`: a sound project passes; broken files, a missing parent and two
 * heads are findings naming their file and line. */
static void test_check(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	fx_project(dir, NULL);
	char *ini = fx_path(dir, "aludel.ini");
	ald_open_options o = ALD_OPEN_OPTIONS_INIT;
	o.config_path = ini;
	o.no_cache = 1;
	ald_check_result *r = NULL;
	assert_int_equal(ald_check(&r, &o, NULL), 0);
	assert_int_equal(ald_check_count(r), 0);
	assert_null(ald_check_at(r, 0));
	ald_check_result_free(r);

	/* a file that does not parse, one that revises nothing that exists */
	fx_put(dir, "m/versions/b1_create_posts.sql", "-- create posts\n--\n-- Revision ID: b1\n-- Oops\n");
	fx_put(dir, "m/versions/e1_orphan.sql",
	       "-- orphan\n--\n-- Revision ID: e1\n-- Revises: q7\n\n-- migrate:upgrade\nSELECT 1;\n");
	ald_check_options co = ALD_CHECK_OPTIONS_INIT;
	co.base_dir = dir;
	assert_int_equal(ald_check(&r, &o, &co), 0);
	fx_error_mark();
	int parse = 0, orphan = 0;
	for (size_t i = 0; i < ald_check_count(r); i++) {
		const ald_check_finding *f = ald_check_at(r, i);
		assert_non_null(ald_check_kind_name(f->kind));
		assert_non_null(f->message);
		if (f->kind == ALD_CHECK_PARSE) {
			parse++;
			assert_non_null(strstr(f->path, "/m/versions/b1_create_posts.sql"));
			assert_int_equal(f->line, 4);
		}
		/* also c1 and d1, whose b1 does not parse */
		if (f->kind == ALD_CHECK_MISSING_PARENT && strstr(f->message, "q7")) {
			orphan++;
			assert_true(f->path[0] == '/');
			assert_non_null(strstr(f->path, "/m/versions/e1_orphan.sql"));
		}
	}
	assert_int_equal(parse, 1);
	assert_int_equal(orphan, 1);
	assert_string_equal(ald_check_kind_name(ALD_CHECK_PARSE), "parse");
	assert_string_equal(ald_check_kind_name(ALD_CHECK_MISSING_PARENT), "missing-parent");
	assert_string_equal(ald_check_kind_name(ALD_CHECK_HEADS), "heads");
	assert_null(ald_check_kind_name(0));
	assert_null(ald_check_kind_name(999));
	fx_error_kept();
	ald_check_result_free(r);

	/* two heads where one is asked for, then allowed */
	fx_project(dir, NULL);
	char *orphan_path = fx_path(dir, "m/versions/e1_orphan.sql");
	assert_int_equal(unlink(orphan_path), 0);
	free(orphan_path);
	fx_put(dir, "m/versions/e1_other.sql",
	       "-- other\n--\n-- Revision ID: e1\n-- Revises: a1\n\n-- migrate:upgrade\nSELECT 1;\n");
	assert_int_equal(ald_check(&r, &o, NULL), 0);
	assert_int_equal(ald_check_count(r), 1);
	assert_int_equal(ald_check_at(r, 0)->kind, ALD_CHECK_HEADS);
	assert_non_null(strstr(ald_check_at(r, 0)->message, "e1"));
	ald_check_result_free(r);
	co.heads = 2;
	assert_int_equal(ald_check(&r, &o, &co), 0);
	assert_int_equal(ald_check_count(r), 0);
	ald_check_result_free(r);

	/* it cannot run: no configuration; an unknown options version */
	ald_open_options missing_cfg = o;
	missing_cfg.config_path = "/nonexistent/aludel-test-api/check.ini";
	r = (ald_check_result *)1;
	fx_error_is(ald_check(&r, &missing_cfg, NULL), ALD_ENOTFOUND, "/nonexistent/aludel-test-api/check.ini");
	assert_null(r);
	co.version = 5;
	r = (ald_check_result *)1;
	fx_error_is(ald_check(&r, &o, &co), ALD_EUSAGE, "ald_check");
	assert_null(r);
	free(ini);
	fx_rmrf(dir);
}

struct phases {
	char log[512];
};

static void on_phase(const ald_revision *r, size_t i, size_t n, int phase, void *payload)
{
	struct phases *ph = payload;
	assert_true(i < n);
	if (phase != ALD_VERIFY_PHASE_DONE)
		return;
	char item[32];
	snprintf(item, sizeof(item), "%s%s", ph->log[0] ? " " : "", ald_revision_id(r));
	strncat(ph->log, item, sizeof(ph->log) - strlen(ph->log) - 1);
}

/* verify on a scratch SQLite file: every revision restored; then a
 * downgrade that forgets a column, found with its diff. */
static void test_verify(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	fx_project(dir, NULL);
	ald_project *p = fx_open(dir);
	char *scratch = fx_path(dir, "scratch.sqlite"), *scratch_url = NULL;
	assert_true(asprintf(&scratch_url, "sqlite:///%s", scratch) > 0);
	ald_verify_options vo = ALD_VERIFY_OPTIONS_INIT;
	struct phases ph = {.log = ""};
	vo.scratch_url = scratch_url;
	vo.revision_cb = on_phase;
	vo.payload = &ph;
	ald_verify_result *v = NULL;
	int err = ald_verify(&v, p, &vo);
	if (err < 0)
		fail_msg("verify: %s", ald_error_last()->message);
	fx_error_mark();
	assert_int_equal(ald_verify_result_count(v), 4);
	/* c1 depends on b1: downgrading it to a1 would take b1 down too */
	const int status[] = {ALD_VERIFY_RESTORED, ALD_VERIFY_RESTORED, ALD_VERIFY_SKIPPED, ALD_VERIFY_RESTORED};
	const char *order[] = {"a1", "b1", "c1", "d1"};
	for (size_t i = 0; i < 4; i++) {
		const ald_verify_entry *e = ald_verify_result_at(v, i);
		assert_string_equal(ald_revision_id(e->revision), order[i]);
		if (e->status != status[i])
			fail_msg("%s: %d %s", order[i], e->status, e->message ? e->message : "");
		assert_null(e->diff);
	}
	assert_non_null(strstr(ald_verify_result_at(v, 2)->message, "c1, b1"));
	assert_null(ald_verify_result_at(v, 4));
	assert_null(ald_verify_result_failed(v));
	assert_non_null(strstr(ald_verify_result_scratch_display(v), "scratch.sqlite"));
	fx_error_kept();
	assert_string_equal(ph.log, "a1 b1 c1 d1");
	ald_verify_result_free(v);
	assert_int_equal(access(scratch, F_OK), -1); /* removed */

	/* b1's downgrade forgets its table: NOT_RESTORED, with the diff */
	fx_put(dir, "m/versions/b1_create_posts.sql",
	       "-- create posts\n--\n-- Revision ID: b1\n-- Revises: a1\n-- Branch Labels: feat\n\n"
	       "-- migrate:upgrade\nCREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER);\n\n"
	       "-- migrate:downgrade\nSELECT 1;\n");
	assert_int_equal(ald_verify(&v, p, &vo), 0);
	const ald_verify_entry *bad = ald_verify_result_failed(v);
	assert_non_null(bad);
	assert_string_equal(ald_revision_id(bad->revision), "b1");
	assert_int_equal(bad->status, ALD_VERIFY_NOT_RESTORED);
	assert_non_null(bad->diff);
	assert_non_null(strstr(bad->diff, "posts"));
	assert_int_equal(ald_verify_result_count(v), 2); /* it stopped there */
	ald_verify_result_free(v);

	/* failures: the scratch database exists; one that cannot be reached (its
	 * password masked); no options; an unknown options version */
	fx_put(dir, "scratch.sqlite", "");
	v = (ald_verify_result *)1;
	fx_error_is(ald_verify(&v, p, &vo), ALD_EUSAGE, scratch);
	assert_null(v);
	assert_int_equal(access(scratch, F_OK), 0); /* not the verify's to remove */
	vo.scratch_url = "postgresql://bob:hunter22@127.0.0.1:1/aludel_scratch";
	v = (ald_verify_result *)1;
	err = ald_verify(&v, p, &vo);
	assert_true(err < 0);
	assert_int_equal(ald_error_last()->code, err);
	assert_non_null(strstr(ald_error_last()->message, "bob:XXXXX@127.0.0.1:1"));
	fx_error_hides("hunter22");
	assert_null(v);
	fx_error_is(ald_verify(&v, p, NULL), ALD_EUSAGE, "ald_verify");
	vo.version = 42;
	fx_error_is(ald_verify(&v, p, &vo), ALD_EUSAGE, "ald_verify");
	vo.version = ALD_VERIFY_OPTIONS_VERSION;
	vo.scratch_url = NULL;
	vo.range = "zz1:";
	fx_error_is(ald_verify(&v, p, &vo), ALD_ENOTFOUND, "zz1");
	assert_null(v);
	free(scratch_url);
	free(scratch);
	ald_project_free(p);
	fx_rmrf(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lint),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_verify),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
