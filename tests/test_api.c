/* test_api.c - the public API's contract, through include/aludel.h alone
 * (built with only include/ on the include path and linked with the shared
 * library, so an internal symbol fails the build): the last error is never
 * NULL, a failure sets it with a message naming what is at fault, a getter
 * leaves it alone, every _free / _dispose takes NULL, and options of a
 * version the library does not know are refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
	ald_plan_options po;
	assert_int_equal(ald_plan_options_init(&po, ALD_PLAN_OPTIONS_VERSION), 0);
	assert_int_equal(po.lock_timeout_ms, -1);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_error_never_null),
		cmocka_unit_test(test_failure_sets_the_error),
		cmocka_unit_test(test_free_null),
		cmocka_unit_test(test_options_versions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
