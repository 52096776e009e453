/* test_plan_sql_head.c - ald_plan_sql_head and lazy plans
 * (ald_plan_options.lazy) through the public API alone: the head is
 * ald_plan_sql's text cut after step N plus a line naming the steps left
 * out (N below, at and above the step count, 0), on SQLite and PostgreSQL
 * (a transaction left open at the cut), for a stamp; a lazy plan gives the
 * same texts, reads only the files of the steps it shows (a broken file
 * further on fails only when its step is asked for), and still refuses a
 * downgrade through a revision without a downgrade section when planned. */
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

#define N_REVS 5
static const char *const ids[N_REVS] = {"a1", "b2", "c3", "d4", "e5"};

static char dir[64];

#define write_file(name, text) test_write_at(dir, (name), (text))

/* Revision i of the chain a1 <- b2 <- ... (with a downgrade section unless
 * `no_down`; `body` replaces its upgrade statement when not NULL). */
static void write_rev(size_t i, int no_down, const char *body)
{
	char name[64], text[512];
	snprintf(name, sizeof(name), "versions/%s_rev.sql", ids[i]);
	char revises[32] = "";
	if (i)
		snprintf(revises, sizeof(revises), "-- Revises: %s\n", ids[i - 1]);
	char def[64];
	snprintf(def, sizeof(def), "CREATE TABLE t_%s (id INTEGER);\n", ids[i]);
	snprintf(text, sizeof(text),
		 "-- step %s\n--\n-- Revision ID: %s\n%s\n-- migrate:upgrade\n%s\n%s%s%s", ids[i], ids[i], revises,
		 body ? body : def, no_down ? "" : "-- migrate:downgrade\nDROP TABLE t_", no_down ? "" : ids[i],
		 no_down ? "" : ";\n");
	write_file(name, text);
}

/* A project of the chain; `url` the database URL (only its dialect matters:
 * the plans are offline). */
static void make_project(const char *url)
{
	strcpy(dir, "/tmp/test_plan_sql_head.XXXXXX");
	assert_non_null(mkdtemp(dir));
	char path[256], ini[256];
	snprintf(path, sizeof(path), "%s/versions", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(ini, sizeof(ini), "[aludel]\nscript_location = %%(here)s\nsqlalchemy.url = %s\n", url);
	write_file("aludel.ini", ini);
	for (size_t i = 0; i < N_REVS; i++)
		write_rev(i, 0, NULL);
}

static void remove_project(void)
{
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
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

static ald_plan *upgrade(ald_project *p, const char *start, const char *target, int lazy)
{
	ald_plan_options o = ALD_PLAN_OPTIONS_INIT;
	o.offline = 1;
	o.start = start;
	o.lazy = lazy;
	ald_plan *plan = NULL;
	if (ald_plan_upgrade(&plan, p, target, &o) < 0)
		fail_msg("plan: %s", ald_error_last()->message);
	return plan;
}

static char *sql_head(const ald_plan *plan, size_t n)
{
	char *out = NULL;
	if (ald_plan_sql_head(&out, plan, n) < 0)
		fail_msg("head %zu: %s", n, ald_error_last()->message);
	assert_non_null(out);
	return out;
}

static char *sql_full(const ald_plan *plan)
{
	char *out = NULL;
	if (ald_plan_sql(&out, plan) < 0)
		fail_msg("sql: %s", ald_error_last()->message);
	return out;
}

/* head must be full's text up to the end of step n, then the left-out line. */
static void check_cut(const char *head, const char *full, size_t n, size_t count)
{
	char tail[128];
	snprintf(tail, sizeof(tail), "-- aludel: %zu more step%s not shown (%zu in all)\n", count - n,
		 count - n == 1 ? "" : "s", count);
	size_t hl = strlen(head), tl = strlen(tail);
	assert_true(hl >= tl);
	assert_string_equal(head + hl - tl, tail);
	assert_true(hl - tl < strlen(full));
	assert_memory_equal(head, full, hl - tl);
	/* the cut is where step n+1 starts: its comment follows in the full text
	 * (after a BEGIN only where a transaction opens there) */
	const char *rest = full + (hl - tl);
	char next[64];
	snprintf(next, sizeof(next), "-- Running upgrade %s -> %s\n", n ? ids[n - 1] : "", ids[n]);
	assert_non_null(strstr(rest, next));
	assert_null(strstr(head, next));
	if (n) { /* step n's version-table statement is shown */
		char v[64];
		snprintf(v, sizeof(v), "'%s'", ids[n - 1]); /* quoted: a version-table statement */
		assert_non_null(strstr(head, v));
	}
	char after[64];
	snprintf(after, sizeof(after), "'%s'", ids[n]);
	assert_null(strstr(head, after));
}

/* Every N on one plan: below (cut), at and above the count (the full text). */
static void check_all_heads(const ald_plan *plan, const char *full)
{
	for (size_t n = 0; n < N_REVS; n++) {
		char *head = sql_head(plan, n);
		check_cut(head, full, n, N_REVS);
		free(head);
	}
	size_t big[] = {N_REVS, N_REVS + 1, SIZE_MAX};
	for (size_t k = 0; k < 3; k++) {
		char *head = sql_head(plan, big[k]);
		assert_string_equal(head, full);
		free(head);
	}
}

static void test_sqlite_heads(void **state)
{
	(void)state;
	make_project("sqlite:///db.sqlite");
	ald_project *p = open_project();
	ald_plan *eager = upgrade(p, NULL, "e5", 0);
	assert_int_equal(ald_plan_step_count(eager), N_REVS);
	char *full = sql_full(eager);
	check_all_heads(eager, full);
	/* 0 steps of an offline plan: nothing but the line */
	char *zero = sql_head(eager, 0);
	assert_string_equal(zero, "-- aludel: 5 more steps not shown (5 in all)\n");
	free(zero);

	/* a lazy plan: the same texts, heads first, the full script last */
	ald_plan *lazy = upgrade(p, NULL, "e5", 1);
	assert_int_equal(ald_plan_step_count(lazy), N_REVS);
	assert_string_equal(ald_plan_step_label(lazy, 4), "Running upgrade d4 -> e5, step e5");
	check_all_heads(lazy, full);
	char *lazy_full = sql_full(lazy);
	assert_string_equal(lazy_full, full);
	free(lazy_full);
	ald_plan_free(lazy);

	/* a plan from a start: steps counted from there */
	ald_plan *mid = upgrade(p, "c3", "e5", 1);
	assert_int_equal(ald_plan_step_count(mid), 2);
	char *mid_head = sql_head(mid, 1);
	assert_non_null(strstr(mid_head, "-- Running upgrade c3 -> d4\n"));
	assert_null(strstr(mid_head, "-> e5"));
	assert_non_null(strstr(mid_head, "-- aludel: 1 more step not shown (2 in all)\n"));
	free(mid_head);
	ald_plan_free(mid);

	free(full);
	ald_plan_free(eager);
	ald_project_free(p);
	remove_project();
}

/* PostgreSQL: one transaction around the script; a cut inside it leaves
 * it open (the text is still the full script's start). */
static void test_postgresql_open_transaction(void **state)
{
	(void)state;
	make_project("postgresql://u@localhost/db");
	ald_project *p = open_project();
	ald_plan *plan = upgrade(p, NULL, "e5", 1);
	char *full = sql_full(plan);
	assert_int_equal(strncmp(full, "BEGIN;\n\n", 8), 0);
	check_all_heads(plan, full);
	char *head = sql_head(plan, 2);
	assert_int_equal(strncmp(head, "BEGIN;\n\n", 8), 0);
	assert_null(strstr(head, "COMMIT;"));
	free(head);
	free(full);
	ald_plan_free(plan);
	ald_project_free(p);
	remove_project();
}

/* A lazy plan reads the files of the steps shown only: a statement the
 * splitter rejects in the last step fails only when that step is asked
 * for; a plan made at once fails when planned. */
static void test_lazy_reads_shown_steps_only(void **state)
{
	(void)state;
	make_project("sqlite:///db.sqlite");
	write_rev(4, 0, "INSERT INTO t VALUES ('never closed);\n");
	ald_project *p = open_project();
	ald_plan *lazy = upgrade(p, NULL, "e5", 1);
	assert_int_equal(ald_plan_step_count(lazy), N_REVS);
	char *head = sql_head(lazy, 4);
	assert_non_null(strstr(head, "-- aludel: 1 more step not shown (5 in all)\n"));
	free(head);
	char *out = NULL;
	assert_true(ald_plan_sql_head(&out, lazy, 5) < 0);
	assert_null(out);
	assert_non_null(strstr(ald_error_last()->message, "e5_rev.sql:"));
	assert_true(ald_plan_sql(&out, lazy) < 0); /* asked again: the same error */
	assert_null(out);
	assert_non_null(strstr(ald_error_last()->message, "e5_rev.sql:"));
	ald_plan_free(lazy);

	ald_plan_options o = ALD_PLAN_OPTIONS_INIT;
	o.offline = 1;
	ald_plan *eager = NULL;
	assert_true(ald_plan_upgrade(&eager, p, "e5", &o) < 0);
	assert_null(eager);
	assert_non_null(strstr(ald_error_last()->message, "e5_rev.sql:"));
	ald_project_free(p);
	remove_project();
}

/* The early "cannot be downgraded" error stays with the planning of a lazy
 * downgrade, wherever the revision is in the plan. */
static void test_lazy_downgrade_checks_sections(void **state)
{
	(void)state;
	make_project("sqlite:///db.sqlite");
	write_rev(1, 1, NULL); /* b2: no downgrade section */
	ald_project *p = open_project();
	ald_plan_options o = ALD_PLAN_OPTIONS_INIT;
	o.offline = 1;
	o.start = "e5";
	o.lazy = 1;
	ald_plan *plan = NULL;
	assert_true(ald_plan_downgrade(&plan, p, "base", &o) < 0);
	assert_null(plan);
	assert_non_null(strstr(ald_error_last()->message, "revision b2 has no \"-- migrate:downgrade\" section"));
	/* a downgrade that stays above b2 plans, lazily, and cuts */
	assert_int_equal(ald_plan_downgrade(&plan, p, "b2", &o), 0);
	assert_int_equal(ald_plan_step_count(plan), 3);
	char *head = sql_head(plan, 1);
	assert_non_null(strstr(head, "-- Running downgrade e5 -> d4\n"));
	assert_non_null(strstr(head, "DROP TABLE t_e5;"));
	assert_null(strstr(head, "t_d4"));
	assert_non_null(strstr(head, "-- aludel: 2 more steps not shown (3 in all)\n"));
	free(head);
	ald_plan_free(plan);
	ald_project_free(p);
	remove_project();
}

/* A stamp: one step; 0 cuts it, 1 is the full script. */
static void test_stamp(void **state)
{
	(void)state;
	make_project("sqlite:///db.sqlite");
	ald_project *p = open_project();
	ald_plan_options o = ALD_PLAN_OPTIONS_INIT;
	o.offline = 1;
	o.lazy = 1;
	const char *revs[] = {"c3"};
	ald_plan *plan = NULL;
	assert_int_equal(ald_plan_stamp(&plan, p, revs, 1, &o), 0);
	assert_int_equal(ald_plan_step_count(plan), 1);
	char *full = sql_full(plan);
	assert_non_null(strstr(full, "version_num"));
	char *zero = sql_head(plan, 0);
	assert_string_equal(zero, "-- aludel: 1 more step not shown (1 in all)\n");
	char *one = sql_head(plan, 1);
	assert_string_equal(one, full);
	free(zero);
	free(one);
	free(full);
	ald_plan_free(plan);
	ald_project_free(p);
	remove_project();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sqlite_heads),
		cmocka_unit_test(test_postgresql_open_transaction),
		cmocka_unit_test(test_lazy_reads_shown_steps_only),
		cmocka_unit_test(test_lazy_downgrade_checks_sections),
		cmocka_unit_test(test_stamp),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
