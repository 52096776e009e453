/* test_api_plan_load.c - plans of many steps, whose files are read and split
 * by several threads at once, through include/aludel.h alone: the --sql
 * text of a 300-step plan made at once equals the one a lazy plan gives
 * when asked for one more step at a time (each step then read alone); with
 * broken revisions in the middle, the error is the first broken one's in
 * running order, every time, as it is when the steps are read one by one;
 * and a downgrade whose 200th step has no downgrade section names it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_fixture.h"

#define N_REVS 300

/* Writes a chain r0001 <- r0002 <- ... of N_REVS native revisions into a new
 * project in dir; revision `bad1` and `bad2` (0: none) hold an unterminated
 * string literal on line 9, revision `no_down` has no downgrade section. */
static void chain(const char *dir, int bad1, int bad2, int no_down)
{
	fx_put(dir, "aludel.ini", "[aludel]\nscript_location = %(here)s/m\nsqlalchemy.url = sqlite:///%(here)s/db.sqlite\n");
	for (int i = 1; i <= N_REVS; i++) {
		char name[64], parent[32] = "", text[1024];
		snprintf(name, sizeof(name), "m/versions/r%04d_step.sql", i);
		if (i > 1)
			snprintf(parent, sizeof(parent), "r%04d", i - 1);
		const char *body = i == bad1 || i == bad2 ? "INSERT INTO t VALUES ('never closed);\n"
							  : "CREATE TABLE t%1$d (id INTEGER);\nCREATE INDEX ix%1$d ON t%1$d (id);\n";
		char up[256];
		snprintf(up, sizeof(up), body, i);
		snprintf(text, sizeof(text),
			 "-- step %d\n--\n-- Revision ID: r%04d\n-- Revises: %s\n\n-- migrate:upgrade\n\n\n%s\n%s",
			 i, i, parent, up, i == no_down ? "" : "-- migrate:downgrade\nSELECT 1;\n");
		fx_put(dir, name, text);
	}
}

static char *sql_of(ald_plan *plan)
{
	char *text = NULL;
	if (ald_plan_sql(&text, plan) < 0)
		fail_msg("sql: %s", ald_error_last()->message);
	return text;
}

static void test_same_text_as_one_by_one(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	chain(dir, 0, 0, 0);
	ald_project *p = fx_open(dir);
	ald_plan_options o = ALD_PLAN_OPTIONS_INIT;
	o.offline = 1;
	ald_plan *all = NULL;
	assert_int_equal(ald_plan_upgrade(&all, p, "heads", &o), 0);
	assert_int_equal(ald_plan_step_count(all), N_REVS);
	char *at_once = sql_of(all);

	/* the lazy plan, asked for one more step at a time: each step alone */
	o.lazy = 1;
	ald_plan *lazy = NULL;
	assert_int_equal(ald_plan_upgrade(&lazy, p, "heads", &o), 0);
	for (size_t k = 1; k <= N_REVS; k++) {
		char *head = NULL;
		assert_int_equal(ald_plan_sql_head(&head, lazy, k), 0);
		free(head);
	}
	char *one_by_one = sql_of(lazy);
	assert_string_equal(at_once, one_by_one);
	assert_non_null(strstr(at_once, "CREATE INDEX ix300 ON t300 (id);"));
	free(at_once);
	free(one_by_one);
	ald_plan_free(all);
	ald_plan_free(lazy);
	ald_project_free(p);
	fx_rmrf(dir);
}

static void test_first_error_in_order(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	chain(dir, 120, 150, 0);
	ald_project *p = fx_open(dir);
	ald_plan_options o = ALD_PLAN_OPTIONS_INIT;
	o.offline = 1;
	char *want = fx_path(dir, "m/versions/r0120_step.sql:9:");
	for (int round = 0; round < 20; round++) { /* whichever thread meets r0150 first */
		ald_plan *plan = (ald_plan *)1;
		fx_error_is(ald_plan_upgrade(&plan, p, "heads", &o), ALD_EINVALID, want);
		assert_null(plan);
	}
	/* the same error as the steps read one by one give it (a lazy plan) */
	char *at_once = strdup(ald_error_last()->message);
	o.lazy = 1;
	ald_plan *lazy = NULL;
	assert_int_equal(ald_plan_upgrade(&lazy, p, "heads", &o), 0);
	char *head = NULL;
	for (size_t k = 1; k <= N_REVS; k++)
		if (ald_plan_sql_head(&head, lazy, k) < 0)
			break;
		else
			free(head);
	assert_string_equal(ald_error_last()->message, at_once);
	/* ... and asked again, the lazy plan fails again (nothing half made) */
	fx_error_is(ald_plan_sql_head(&head, lazy, N_REVS), ALD_EINVALID, want);
	ald_plan_free(lazy);
	free(at_once);
	free(want);
	ald_project_free(p);
	fx_rmrf(dir);
}

static void test_missing_downgrade(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	chain(dir, 0, 0, 101); /* the 200th step of a downgrade from the head */
	ald_project *p = fx_open(dir);
	ald_plan_options o = ALD_PLAN_OPTIONS_INIT;
	o.offline = 1;
	o.start = "r0300";
	ald_plan *plan = NULL;
	fx_error_is(ald_plan_downgrade(&plan, p, "base", &o), ALD_EUSAGE,
		    "revision r0101 has no \"-- migrate:downgrade\" section");
	assert_null(plan);
	/* from below it, the plan is whole */
	o.start = "r0100";
	assert_int_equal(ald_plan_downgrade(&plan, p, "base", &o), 0);
	assert_int_equal(ald_plan_step_count(plan), 100);
	ald_plan_free(plan);
	ald_project_free(p);
	fx_rmrf(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_text_as_one_by_one),
		cmocka_unit_test(test_first_error_in_order),
		cmocka_unit_test(test_missing_downgrade),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
