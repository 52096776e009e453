/* test_api.c - the public API's contract, through include/aludel.h alone
 * (built with only include/ on the include path and linked with the shared
 * library, so an internal symbol fails the build): the last error is never
 * NULL, a failure sets it with a message naming what is at fault, a getter
 * leaves it alone, every _free / _dispose takes NULL, options of a version
 * the library does not know are refused, and a revision's flags are only
 * the declared bits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "aludel.h"

static void test_error_never_null(void **state)
{
	(void)state;
	const ald_error *e = ald_error_last();
	assert_non_null(e);
	assert_int_equal(e->code, 0);
	assert_string_equal(e->message, "no error");
}

static void test_failure_sets_the_error(void **state)
{
	(void)state;
	ald_open_options o = ALD_OPEN_OPTIONS_INIT;
	o.config_path = "/nonexistent/aludel-test-api/aludel.ini";
	ald_project *p = (ald_project *)1;
	int err = ald_project_open(&p, &o);
	assert_true(err < 0);
	assert_null(p);
	const ald_error *e = ald_error_last();
	assert_int_equal(e->code, err);
	assert_non_null(strstr(e->message, "/nonexistent/aludel-test-api/aludel.ini"));
	/* a getter leaves it alone */
	assert_non_null(ald_version());
	assert_int_equal(ald_lint_rule_count() > 0, 1);
	assert_int_equal(ald_error_last()->code, err);
	assert_non_null(strstr(ald_error_last()->message, "aludel-test-api"));
}

static void test_free_null(void **state)
{
	(void)state;
	ald_project_free(NULL);
	ald_revlist_free(NULL);
	ald_plan_free(NULL);
	ald_lint_free(NULL);
	ald_check_result_free(NULL);
	ald_runs_free(NULL);
	ald_verify_result_free(NULL);
	ald_strarray empty = {0};
	ald_strarray_dispose(&empty);
	assert_null(empty.strings);
	assert_int_equal(empty.count, 0);
}

/* Options of a version the library does not know are refused, naming the
 * function; _init fills the defaults of a known version. */
static void test_options_versions(void **state)
{
	(void)state;
	ald_open_options o;
	assert_int_equal(ald_open_options_init(&o, ALD_OPEN_OPTIONS_VERSION), 0);
	assert_int_equal(o.version, ALD_OPEN_OPTIONS_VERSION);
	assert_null(o.config_path);
	assert_int_equal(ald_open_options_init(&o, 1), 0);
	assert_int_equal(o.version, 1);
	assert_int_equal(ald_open_options_init(&o, 99), ALD_EUSAGE);
	assert_non_null(strstr(ald_error_last()->message, "ald_open_options_init: options version 99"));
	/* a caller built against version 1's header has a shorter struct: the
	 * init writes that version's bytes only, nothing past them */
	_Alignas(ald_open_options) unsigned char v1[sizeof(ald_open_options) + 16];
	memset(v1, 0xab, sizeof(v1));
	assert_int_equal(ald_open_options_init((ald_open_options *)v1, 1), 0);
	for (size_t i = offsetof(ald_open_options, no_cache); i < sizeof(v1); i++)
		assert_int_equal(v1[i], 0xab);
	assert_int_equal(((ald_open_options *)v1)->version, 1);
	_Alignas(ald_revision_options) unsigned char r1[sizeof(ald_revision_options) + 16];
	memset(r1, 0xab, sizeof(r1));
	assert_int_equal(ald_revision_options_init((ald_revision_options *)r1, 1), 0);
	for (size_t i = offsetof(ald_revision_options, format); i < sizeof(r1); i++)
		assert_int_equal(r1[i], 0xab);
	ald_plan_options po;
	assert_int_equal(ald_plan_options_init(&po, ALD_PLAN_OPTIONS_VERSION), 0);
	assert_int_equal(po.offline, 0);
	/* version 2's layout (lock_timeout_ms in it) is refused, with the reason */
	assert_int_equal(ald_plan_options_init(&po, 2), ALD_EUSAGE);
	assert_non_null(strstr(ald_error_last()->message, "ald_plan_options_init: options version 2 is no longer supported"));
	ald_merge_options mo;
	assert_int_equal(ald_merge_options_init(&mo, ALD_MERGE_OPTIONS_VERSION), 0);
	assert_null(mo.message);
	assert_int_equal(ald_merge_options_init(&mo, 2), ALD_EUSAGE);
	ald_run_options runo;
	assert_int_equal(ald_run_options_init(&runo, ALD_RUN_OPTIONS_VERSION), 0);
	assert_int_equal(runo.lock_timeout_ms, -1);
	assert_null(runo.progress);
	ald_revision_options ro;
	assert_int_equal(ald_revision_options_init(&ro, 0), ALD_EUSAGE);
	ald_check_options co;
	assert_int_equal(ald_check_options_init(&co, ALD_CHECK_OPTIONS_VERSION), 0);
	ald_verify_options vo;
	assert_int_equal(ald_verify_options_init(&vo, ALD_VERIFY_OPTIONS_VERSION), 0);

	/* the entry points refuse an unknown version before anything else */
	ald_open_options bad = ALD_OPEN_OPTIONS_INIT;
	bad.version = 7;
	ald_project *p = (ald_project *)1;
	assert_int_equal(ald_project_open(&p, &bad), ALD_EUSAGE);
	assert_null(p);
	assert_non_null(strstr(ald_error_last()->message, "ald_project_open: options version 7"));
	ald_check_result *r = (ald_check_result *)1;
	ald_check_options badc = ALD_CHECK_OPTIONS_INIT;
	badc.version = 9;
	assert_int_equal(ald_check(&r, NULL, &badc), ALD_EUSAGE);
	assert_null(r);
}

/* Writes `text` to dir/name. */
static void put(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* ald_revision_flags gives only the bits aludel.h declares; the docstring
 * is read by a call that can fail, and the getters leave its error alone. */
static void test_revision_flags(void **state)
{
	(void)state;
	char dir[] = "/tmp/aludel-test-api.XXXXXX", sub[600], ini[600];
	assert_non_null(mkdtemp(dir));
	snprintf(sub, sizeof(sub), "%s/m", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	snprintf(sub, sizeof(sub), "%s/m/versions", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	put(dir, "aludel.ini", "[aludel]\nscript_location = %(here)s/m\n");
	put(sub, "a1_base.sql", "-- base\n--\n-- Revision ID: a1\n-- Revises:\n\n-- migrate:upgrade\nSELECT 1;\n");
	put(sub, "b1_x.sql", "-- x\n--\n-- Revision ID: b1\n-- Revises: a1\n\n-- migrate:upgrade\nSELECT 1;\n");
	put(sub, "c1_y.sql", "-- y\n--\n-- Revision ID: c1\n-- Revises: a1\n\n-- migrate:upgrade\nSELECT 1;\n");
	snprintf(ini, sizeof(ini), "%s/aludel.ini", dir);
	ald_open_options o = ALD_OPEN_OPTIONS_INIT;
	o.config_path = ini;
	o.no_cache = 1;
	ald_project *p = NULL;
	assert_int_equal(ald_project_open(&p, &o), 0);
	unsigned declared = ALD_REVISION_BASE | ALD_REVISION_HEAD | ALD_REVISION_REAL_HEAD | ALD_REVISION_BRANCHPOINT |
			    ALD_REVISION_MERGEPOINT;
	assert_int_equal(ald_project_revision_count(p), 3);
	for (size_t i = 0; i < ald_project_revision_count(p); i++) {
		const ald_revision *r = ald_project_revision_at(p, i);
		unsigned f = ald_revision_flags(r);
		assert_int_equal(f & ~declared, 0);
		if (strcmp(ald_revision_id(r), "a1") == 0)
			assert_int_equal(f, ALD_REVISION_BASE | ALD_REVISION_BRANCHPOINT);
		else
			assert_int_equal(f, ALD_REVISION_HEAD | ALD_REVISION_REAL_HEAD);
	}
	/* the docstring is read from the file when asked, a failure reported */
	const ald_revision *a1 = ald_project_revision_at(p, 0);
	assert_string_equal(ald_revision_id(a1), "a1");
	char *doc = NULL;
	assert_int_equal(ald_revision_read_doc(&doc, a1), 0);
	assert_int_equal(strncmp(doc, "base\n", 5), 0);
	assert_non_null(strstr(doc, "Revision ID: a1"));
	free(doc);
	put(sub, "a1_base.sql", "-- base\n--\n-- Revision ID: zz\n-- Revises:\n\n-- migrate:upgrade\nSELECT 1;\n");
	doc = (char *)1;
	assert_int_equal(ald_revision_read_doc(&doc, a1), ALD_EINVALID);
	assert_null(doc);
	assert_non_null(strstr(ald_error_last()->message, "a1_base.sql now holds revision zz, not a1"));
	/* getters leave that error alone */
	assert_string_equal(ald_revision_message(a1), "base");
	assert_int_equal(ald_error_last()->code, ALD_EINVALID);
	ald_project_free(p);
	char cmd[700];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_error_never_null),
		cmocka_unit_test(test_failure_sets_the_error),
		cmocka_unit_test(test_free_null),
		cmocka_unit_test(test_options_versions),
		cmocka_unit_test(test_revision_flags),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
