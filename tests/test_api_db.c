/* test_api_db.c - the database API through include/aludel.h alone, on a
 * SQLite database file in a temporary folder: the version table, plans
 * (upgrade, downgrade, stamp; their steps, labels, SQL and warnings), runs
 * with their progress, cancelling, a non-transactional revision left
 * part-way, the history table, edited revisions and the schema. Every
 * result is freed; the plan and list getters keep the last error; each kind
 * of failure (unknown revision, a range online, an offline plan run, a
 * failing statement, a database that cannot be reached, no URL, an unknown
 * options version) gives its ALD_E* code and a message naming the
 * revision, file or URL, never a password. */
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

/* The version rows, joined by spaces. */
static char *rows_of(ald_project *p)
{
	ald_strarray rows = {0};
	int err = ald_project_current(&rows, p);
	if (err < 0)
		fail_msg("current: %s", ald_error_last()->message);
	char buf[256] = "";
	for (size_t i = 0; i < rows.count; i++) {
		if (i)
			strcat(buf, " ");
		strcat(buf, rows.strings[i]);
	}
	ald_strarray_dispose(&rows);
	return strdup(buf);
}

static void rows_are(ald_project *p, const char *want)
{
	char *got = rows_of(p);
	assert_string_equal(got, want);
	free(got);
}

/* The ids of a list, joined by spaces; the list is freed. */
static void list_is(ald_revlist *l, const char *ids)
{
	char buf[256] = "";
	for (size_t i = 0; i < ald_revlist_count(l); i++) {
		if (i)
			strcat(buf, " ");
		strcat(buf, ald_revision_id(ald_revlist_at(l, i)));
	}
	ald_revlist_free(l);
	assert_string_equal(buf, ids);
}

/* Plans and runs `upgrade target`. */
static void upgrade(ald_project *p, const char *target)
{
	ald_plan *plan = NULL;
	if (ald_plan_upgrade(&plan, p, target, NULL) < 0 || ald_plan_run(plan, NULL) < 0)
		fail_msg("upgrade %s: %s", target, ald_error_last()->message);
	ald_plan_free(plan);
}

struct events {
	char log[512];
	int cancel_at_start; /* cancel when a step starts: the plan (if set), else the project */
	ald_project *p;
	ald_plan *plan;
};

static void on_progress(const ald_plan *plan, size_t step, int event, double seconds, void *payload)
{
	struct events *ev = payload;
	const ald_revision *r = ald_plan_step_revision(plan, step);
	char item[64];
	snprintf(item, sizeof(item), "%s%s:%d", ev->log[0] ? " " : "", r ? ald_revision_id(r) : "base", event);
	strncat(ev->log, item, sizeof(ev->log) - strlen(ev->log) - 1);
	assert_true(seconds >= 0);
	if (event == ALD_PROGRESS_START && ev->cancel_at_start) {
		if (ev->plan)
			ald_plan_cancel(ev->plan);
		else
			ald_project_cancel(ev->p);
	}
}

/* The version table, an upgrade plan and its run, the rows read back. */
static void test_upgrade(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	fx_project(dir, NULL);
	ald_project *p = fx_open(dir);

	char *sql = NULL;
	assert_int_equal(ald_project_ensure_version_sql(&sql, p), 0);
	assert_non_null(strstr(sql, "CREATE TABLE alembic_version"));
	free(sql);
	rows_are(p, "");
	char *unfinished = (char *)1;
	assert_int_equal(ald_project_unfinished(&unfinished, p), 0);
	assert_null(unfinished);
	int created = -1;
	assert_int_equal(ald_project_ensure_version(&created, p, 1000), 0);
	assert_int_equal(created, 1);
	assert_int_equal(ald_project_ensure_version(&created, p, 1000), 0);
	assert_int_equal(created, 0);
	assert_int_equal(ald_project_ensure_version(NULL, p, 1000), 0);

	ald_plan *plan = NULL;
	assert_int_equal(ald_plan_upgrade(&plan, p, "heads", NULL), 0);
	fx_error_mark();
	assert_int_equal(ald_plan_step_count(plan), 4);
	const char *order[] = {"a1", "b1", "c1", "d1"};
	for (size_t i = 0; i < 4; i++) {
		assert_string_equal(ald_revision_id(ald_plan_step_revision(plan, i)), order[i]);
		assert_non_null(strstr(ald_plan_step_label(plan, i), order[i]));
		assert_non_null(strstr(ald_plan_step_label(plan, i), "Running upgrade"));
	}
	assert_null(ald_plan_step_revision(plan, 4));
	assert_null(ald_plan_step_label(plan, 4));
	assert_null(ald_plan_warning(plan));
	fx_error_kept();
	assert_int_equal(ald_plan_sql(&sql, plan), 0);
	assert_non_null(strstr(sql, "CREATE TABLE users (id INTEGER PRIMARY KEY);"));
	assert_non_null(strstr(sql, "INSERT INTO users (id, name) VALUES (1, 'x');"));
	char *head = NULL;
	assert_int_equal(ald_plan_sql_head(&head, plan, 1), 0);
	assert_non_null(strstr(head, "CREATE TABLE users"));
	assert_null(strstr(head, "CREATE TABLE posts"));
	assert_non_null(strstr(head, "-- aludel: 3 more steps not shown (4 in all)"));
	free(head);
	assert_int_equal(ald_plan_sql_head(&head, plan, 4), 0);
	assert_string_equal(head, sql);
	free(head);
	free(sql);

	/* a lazy plan (a preview's): the same steps and labels, its getters keep the error too */
	ald_plan_options lazy = ALD_PLAN_OPTIONS_INIT;
	lazy.lazy = 1;
	ald_plan *lp = NULL;
	assert_int_equal(ald_plan_upgrade(&lp, p, "heads", &lazy), 0);
	fx_error_mark();
	assert_int_equal(ald_plan_step_count(lp), 4);
	for (size_t i = 0; i < 4; i++) {
		assert_ptr_equal(ald_plan_step_revision(lp, i), ald_plan_step_revision(plan, i));
		assert_string_equal(ald_plan_step_label(lp, i), ald_plan_step_label(plan, i));
	}
	fx_error_kept();
	assert_int_equal(ald_plan_sql_head(&head, lp, 2), 0);
	assert_non_null(strstr(head, "CREATE TABLE posts"));
	assert_non_null(strstr(head, "-- aludel: 2 more steps not shown (4 in all)"));
	free(head);
	ald_plan_free(lp);

	struct events ev = {.log = ""};
	assert_int_equal(ald_plan_run(plan, &(ald_run_options){ALD_RUN_OPTIONS_VERSION, on_progress, &ev, -1}), 0);
	assert_string_equal(ev.log, "a1:0 a1:1 b1:0 b1:1 c1:0 c1:1 d1:0 d1:1");
	ald_plan_free(plan);
	rows_are(p, "d1");

	ald_strarray rows = {0};
	assert_int_equal(ald_project_current(&rows, p), 0);
	ald_revlist *l = NULL;
	assert_int_equal(ald_project_applied(&l, p, &rows), 0);
	list_is(l, "a1 b1 c1 d1");
	assert_int_equal(ald_project_current_tips(&l, p, &rows), 0);
	list_is(l, "d1");
	ald_strarray_dispose(&rows);

	/* nothing left to do */
	assert_int_equal(ald_plan_upgrade(&plan, p, "heads", NULL), 0);
	assert_int_equal(ald_plan_step_count(plan), 0);
	assert_int_equal(ald_plan_run(plan, NULL), 0);
	ald_plan_free(plan);
	ald_project_free(p);
	fx_rmrf(dir);
}

/* Downgrade and stamp plans, and what the rows say after them. */
static void test_downgrade_and_stamp(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	fx_project(dir, NULL);
	ald_project *p = fx_open(dir);
	upgrade(p, "heads");

	ald_plan *plan = NULL;
	assert_int_equal(ald_plan_downgrade(&plan, p, "a1", NULL), 0);
	assert_int_equal(ald_plan_step_count(plan), 3);
	assert_string_equal(ald_revision_id(ald_plan_step_revision(plan, 0)), "d1");
	assert_non_null(strstr(ald_plan_step_label(plan, 0), "Running downgrade"));
	assert_int_equal(ald_plan_run(plan, NULL), 0);
	ald_plan_free(plan);
	rows_are(p, "a1");

	const char *to_heads[] = {"heads"};
	assert_int_equal(ald_plan_stamp(&plan, p, to_heads, 1, NULL), 0);
	assert_int_equal(ald_plan_step_count(plan), 1);
	assert_int_equal(ald_plan_run(plan, NULL), 0);
	ald_plan_free(plan);
	rows_are(p, "d1");

	/* --purge: the rows go, then a1 is stamped */
	ald_plan_options po = ALD_PLAN_OPTIONS_INIT;
	po.purge = 1;
	const char *to_a1[] = {"a1"};
	assert_int_equal(ald_plan_stamp(&plan, p, to_a1, 1, &po), 0);
	assert_int_equal(ald_plan_run(plan, NULL), 0);
	ald_plan_free(plan);
	rows_are(p, "a1");

	/* stamp to base: its step has no revision */
	const char *to_base[] = {"base"};
	assert_int_equal(ald_plan_stamp(&plan, p, to_base, 1, NULL), 0);
	fx_error_mark();
	assert_int_equal(ald_plan_step_count(plan), 1);
	assert_null(ald_plan_step_revision(plan, 0));
	fx_error_kept();
	assert_int_equal(ald_plan_run(plan, NULL), 0);
	ald_plan_free(plan);
	rows_are(p, "");

	/* offline: no database, the start given */
	po = (ald_plan_options)ALD_PLAN_OPTIONS_INIT;
	po.offline = 1;
	po.start = "b1";
	assert_int_equal(ald_plan_upgrade(&plan, p, "d1", &po), 0);
	assert_int_equal(ald_plan_step_count(plan), 2);
	char *sql = NULL;
	assert_int_equal(ald_plan_sql(&sql, plan), 0);
	assert_non_null(strstr(sql, "ALTER TABLE users ADD COLUMN name TEXT;"));
	assert_null(strstr(sql, "CREATE TABLE posts"));
	free(sql);
	/* an offline plan cannot run */
	fx_error_is(ald_plan_run(plan, NULL), ALD_EUSAGE, "offline");
	ald_plan_free(plan);
	rows_are(p, "");
	ald_project_free(p);
	fx_rmrf(dir);
}

/* The plans' failures. */
static void test_plan_errors(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	fx_project(dir, NULL);
	ald_project *p = fx_open(dir);
	ald_plan *plan = (ald_plan *)1;
	fx_error_is(ald_plan_upgrade(&plan, p, "zz4", NULL), ALD_ENOTFOUND, "zz4");
	assert_null(plan);
	plan = (ald_plan *)1;
	fx_error_is(ald_plan_downgrade(&plan, p, "zz3", NULL), ALD_ENOTFOUND, "zz3");
	assert_null(plan);
	const char *unknown[] = {"zz2"};
	plan = (ald_plan *)1;
	fx_error_is(ald_plan_stamp(&plan, p, unknown, 1, NULL), ALD_ENOTFOUND, "zz2");
	assert_null(plan);
	/* a range online */
	plan = (ald_plan *)1;
	fx_error_is(ald_plan_upgrade(&plan, p, "a1:b1", NULL), ALD_EUSAGE, NULL);
	assert_null(plan);
	/* options of an unknown version, named with the function */
	ald_plan_options po = ALD_PLAN_OPTIONS_INIT;
	po.version = 77;
	fx_error_is(ald_plan_upgrade(&plan, p, "heads", &po), ALD_EUSAGE, "ald_plan_upgrade");
	fx_error_is(ald_plan_downgrade(&plan, p, "base", &po), ALD_EUSAGE, "ald_plan_downgrade");
	fx_error_is(ald_plan_stamp(&plan, p, unknown, 1, &po), ALD_EUSAGE, "ald_plan_stamp");
	assert_null(plan);

	/* a revision without a downgrade section: refused when planned, naming it */
	upgrade(p, "heads");
	fx_put(dir, "m/versions/d1_merge.sql",
	       "-- merge\n--\n-- Revision ID: d1\n-- Revises: b1, c1\n\n-- migrate:upgrade\nSELECT 1;\n");
	plan = (ald_plan *)1;
	int err = ald_plan_downgrade(&plan, p, "base", NULL);
	assert_true(err < 0);
	assert_int_equal(ald_error_last()->code, err);
	assert_non_null(strstr(ald_error_last()->message, "d1"));
	assert_null(plan);
	ald_project_free(p);

	/* a failing statement: ALD_EDB naming the revision, its file and the statement; rolled back */
	fx_project(dir, NULL);
	char *db = fx_path(dir, "db.sqlite");
	assert_int_equal(unlink(db), 0);
	free(db);
	fx_put(dir, "m/versions/b1_create_posts.sql",
	       "-- create posts\n--\n-- Revision ID: b1\n-- Revises: a1\n\n-- migrate:upgrade\n"
	       "CREATE TABLE posts (id INTEGER);\nINSERT INTO no_such_table VALUES (1);\n");
	p = fx_open(dir);
	upgrade(p, "a1");
	assert_int_equal(ald_plan_upgrade(&plan, p, "b1", NULL), 0);
	fx_error_is(ald_plan_run(plan, NULL), ALD_EDB, "b1_create_posts.sql");
	assert_non_null(strstr(ald_error_last()->message, "b1"));
	assert_non_null(strstr(ald_error_last()->message, "no_such_table"));
	ald_plan_free(plan);
	rows_are(p, "a1");
	char *schema = NULL;
	assert_int_equal(ald_project_schema(&schema, p), 0);
	assert_null(strstr(schema, "posts"));
	free(schema);
	ald_project_free(p);
	fx_rmrf(dir);
}

/* A cancel before the run, and one while a step runs: ALD_EINTERRUPTED,
 * nothing applied; the project runs again after. */
static void test_cancel(void **state)
{
	(void)state;
	ald_project_cancel(NULL);
	char *dir = fx_tmpdir();
	fx_project(dir, NULL);
	ald_project *p = fx_open(dir);
	upgrade(p, "a1");

	ald_plan *plan = NULL;
	assert_int_equal(ald_plan_upgrade(&plan, p, "heads", NULL), 0);
	ald_project_cancel(p);
	fx_error_is(ald_plan_run(plan, NULL), ALD_EINTERRUPTED, NULL);
	ald_plan_free(plan);
	rows_are(p, "a1");

	struct events ev = {.log = "", .cancel_at_start = 1, .p = p};
	assert_int_equal(ald_plan_upgrade(&plan, p, "b1", NULL), 0);
	fx_error_is(ald_plan_run(plan, &(ald_run_options){ALD_RUN_OPTIONS_VERSION, on_progress, &ev, -1}), ALD_EINTERRUPTED, "b1");
	ald_plan_free(plan);
	rows_are(p, "a1");

	/* the plan's own cancel: during its run, the step is rolled back */
	ald_plan_cancel(NULL);
	assert_int_equal(ald_plan_upgrade(&plan, p, "b1", NULL), 0);
	struct events pev = {.log = "", .cancel_at_start = 1, .p = p, .plan = plan};
	fx_error_is(ald_plan_run(plan, &(ald_run_options){ALD_RUN_OPTIONS_VERSION, on_progress, &pev, -1}),
		    ALD_EINTERRUPTED, "b1");
	ald_plan_free(plan);
	rows_are(p, "a1");
	/* ... and before it: a plan that is not running is not affected */
	assert_int_equal(ald_plan_upgrade(&plan, p, "b1", NULL), 0);
	ald_plan_cancel(plan);
	assert_int_equal(ald_plan_run(plan, NULL), 0);
	ald_plan_free(plan);
	rows_are(p, "b1");
	ald_project_free(p);
	fx_rmrf(dir);
}

/* A non-transactional revision that stopped part-way: described, plans
 * refused with ALD_EUNFINISHED, resumed. */
static void test_unfinished(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	fx_project(dir, NULL);
	fx_put(dir, "m/versions/c1_add_name.sql",
	       "-- add name\n--\n-- Revision ID: c1\n-- Revises: a1\n-- Transactional: false\n\n"
	       "-- migrate:upgrade\nALTER TABLE users ADD COLUMN name TEXT;\nINSERT INTO nope VALUES (1);\n\n"
	       "-- migrate:downgrade\nALTER TABLE users DROP COLUMN name;\n");
	ald_project *p = fx_open(dir);
	upgrade(p, "a1");
	ald_plan *plan = NULL;
	assert_int_equal(ald_plan_upgrade(&plan, p, "c1", NULL), 0);
	fx_error_is(ald_plan_run(plan, NULL), ALD_EDB, "c1");
	ald_plan_free(plan);

	char *what = NULL;
	assert_int_equal(ald_project_unfinished(&what, p), 0);
	assert_non_null(what);
	assert_non_null(strstr(what, "c1"));
	assert_non_null(strstr(what, "statement 1 of 2"));
	free(what);
	plan = (ald_plan *)1;
	fx_error_is(ald_plan_upgrade(&plan, p, "heads", NULL), ALD_EUNFINISHED, "c1");
	assert_null(plan);

	/* fixed, then resumed from its second statement */
	fx_put(dir, "m/versions/c1_add_name.sql",
	       "-- add name\n--\n-- Revision ID: c1\n-- Revises: a1\n-- Transactional: false\n\n"
	       "-- migrate:upgrade\nALTER TABLE users ADD COLUMN name TEXT;\nCREATE TABLE nope (x INTEGER);\n\n"
	       "-- migrate:downgrade\nALTER TABLE users DROP COLUMN name;\n");
	ald_plan_options po = ALD_PLAN_OPTIONS_INIT;
	po.resume = 1;
	assert_int_equal(ald_plan_upgrade(&plan, p, "c1", &po), 0);
	assert_int_equal(ald_plan_run(plan, NULL), 0);
	ald_plan_free(plan);
	assert_int_equal(ald_project_unfinished(&what, p), 0);
	assert_null(what);
	rows_are(p, "c1");
	ald_project_free(p);
	fx_rmrf(dir);
}

/* The history table's rows, edited revisions and the schema. */
static void test_history_and_schema(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	fx_project(dir, NULL);
	ald_project *p = fx_open(dir);
	fx_error_mark();
	assert_string_equal(ald_project_history_table(p), "aludel_history");
	fx_error_kept();
	ald_runs *runs = NULL;
	assert_int_equal(ald_project_runs(&runs, p, 0), 0);
	assert_int_equal(ald_runs_count(runs), 0);
	ald_runs_free(runs);
	upgrade(p, "heads");

	assert_int_equal(ald_project_runs(&runs, p, 0), 0);
	fx_error_mark();
	assert_int_equal(ald_runs_count(runs), 4);
	const ald_run_record *r = ald_runs_at(runs, 0);
	assert_string_equal(r->revision, "d1");
	assert_string_equal(r->direction, "upgrade");
	assert_string_equal(r->version, ald_version());
	assert_true(r->seconds >= 0);
	assert_non_null(r->started_at);
	assert_non_null(r->finished_at);
	assert_string_equal(ald_runs_at(runs, 3)->revision, "a1");
	assert_null(ald_runs_at(runs, 4));
	fx_error_kept();
	char *sum = NULL;
	assert_int_equal(ald_revision_checksum(&sum, fx_rev(p, "d1"), 0), 0);
	assert_string_equal(r->checksum, sum);
	free(sum);
	ald_runs_free(runs);
	assert_int_equal(ald_project_runs(&runs, p, 2), 0);
	assert_int_equal(ald_runs_count(runs), 2);
	ald_runs_free(runs);

	ald_revlist *l = NULL;
	assert_int_equal(ald_project_edited(&l, p), 0);
	list_is(l, "");
	fx_put(dir, "m/versions/b1_create_posts.sql",
	       "-- create posts\n--\n-- Revision ID: b1\n-- Revises: a1\n\n"
	       "-- migrate:upgrade\nCREATE TABLE posts (id INTEGER PRIMARY KEY, body TEXT);\n");
	assert_int_equal(ald_project_edited(&l, p), 0);
	list_is(l, "b1");

	char *schema = NULL;
	assert_int_equal(ald_project_schema(&schema, p), 0);
	assert_non_null(strstr(schema, "users"));
	assert_non_null(strstr(schema, "posts"));
	assert_non_null(strstr(schema, "name"));
	assert_null(strstr(schema, "alembic_version"));
	assert_null(strstr(schema, "aludel_history"));
	free(schema);
	ald_project_free(p);

	/* history off: no table, no rows, nothing edited */
	fx_put(dir, "aludel.ini",
	       "[aludel]\nscript_location = %(here)s/m\nsqlalchemy.url = sqlite:///%(here)s/db.sqlite\nhistory_table = false\n");
	p = fx_open(dir);
	assert_null(ald_project_history_table(p));
	assert_int_equal(ald_project_runs(&runs, p, 0), 0);
	assert_int_equal(ald_runs_count(runs), 0);
	ald_runs_free(runs);
	assert_int_equal(ald_project_edited(&l, p), 0);
	list_is(l, "");
	ald_project_free(p);
	fx_rmrf(dir);
}

/* Rows that name no revision. */
static void test_rows_errors(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	fx_project(dir, NULL);
	ald_project *p = fx_open(dir);
	char *bad = strdup("zz1");
	ald_strarray rows = {&bad, 1};
	ald_revlist *l = (ald_revlist *)1;
	fx_error_is(ald_project_applied(&l, p, &rows), ALD_ENOTFOUND, "zz1");
	assert_null(l);
	l = (ald_revlist *)1;
	fx_error_is(ald_project_current_tips(&l, p, &rows), ALD_ENOTFOUND, "zz1");
	assert_null(l);
	free(bad);
	ald_project_free(p);
	fx_rmrf(dir);
}

/* Every call that needs the database, on `url`: fails with ALD_EDB (no URL:
 * ALD_EUSAGE), naming `named`, never showing `secret`. */
static void unreachable(const char *dir, const char *url, int code, const char *named, const char *secret)
{
	fx_project(dir, url);
	ald_project *p = fx_open(dir);
	ald_strarray rows = {0};
	ald_revlist *l = NULL;
	ald_runs *runs = NULL;
	ald_plan *plan = NULL;
	char *s = NULL;
	int created = 0;
	const char *revs[] = {"heads"};
	fx_error_is(ald_project_current(&rows, p), code, named);
	fx_error_hides(secret);
	assert_null(rows.strings);
	fx_error_is(ald_project_unfinished(&s, p), code, named);
	fx_error_hides(secret);
	fx_error_is(ald_project_ensure_version(&created, p, 0), code, named);
	fx_error_hides(secret);
	fx_error_is(ald_plan_upgrade(&plan, p, "heads", NULL), code, named);
	fx_error_hides(secret);
	fx_error_is(ald_plan_downgrade(&plan, p, "base", NULL), code, named);
	fx_error_is(ald_plan_stamp(&plan, p, revs, 1, NULL), code, named);
	assert_null(plan);
	fx_error_is(ald_project_runs(&runs, p, 0), code, named);
	fx_error_hides(secret);
	assert_null(runs);
	fx_error_is(ald_project_edited(&l, p), code, named);
	fx_error_hides(secret);
	assert_null(l);
	fx_error_is(ald_project_schema(&s, p), code, named);
	fx_error_hides(secret);
	assert_null(s);
	/* an offline plan needs no database, and can not run */
	ald_plan_options po = ALD_PLAN_OPTIONS_INIT;
	po.offline = 1;
	assert_int_equal(ald_plan_upgrade(&plan, p, "heads", &po), 0);
	assert_int_equal(ald_plan_step_count(plan), 4);
	fx_error_is(ald_plan_run(plan, NULL), ALD_EUSAGE, "offline");
	ald_plan_free(plan);
	ald_project_free(p);
}

static void test_unreachable(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	/* a SQLite file in a folder that does not exist */
	unreachable(dir, "sqlite:////nonexistent-aludel-dir/x/db.sqlite", ALD_EDB,
		    "/nonexistent-aludel-dir/x/db.sqlite", "no secret here");
	/* a PostgreSQL server that does not answer: the URL named, its password masked */
	unreachable(dir, "postgresql://alice:s3cretpw@127.0.0.1:1/app", ALD_EDB, "alice:XXXXX@127.0.0.1:1/app",
		    "s3cretpw");
	/* no URL at all: the configuration file named */
	char *ini = fx_path(dir, "aludel.ini");
	unreachable(dir, "", ALD_EUSAGE, ini, "no secret here");
	free(ini);
	fx_rmrf(dir);
}

/* In an Alembic project (an env.py), an upgrade recording native revisions warns. */
static void test_plan_warning(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	fx_project(dir, NULL);
	fx_put(dir, "m/env.py", "from alembic import context\n");
	ald_project *p = fx_open(dir);
	assert_int_equal(ald_project_is_alembic(p), 1);
	ald_plan_options po = ALD_PLAN_OPTIONS_INIT;
	po.offline = 1;
	ald_plan *plan = NULL;
	assert_int_equal(ald_plan_upgrade(&plan, p, "heads", &po), 0);
	fx_error_mark();
	assert_non_null(ald_plan_warning(plan));
	assert_non_null(strstr(ald_plan_warning(plan), "a1, b1, c1, d1"));
	fx_error_kept();
	ald_plan_free(plan);
	ald_project_free(p);
	fx_rmrf(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_upgrade),
		cmocka_unit_test(test_downgrade_and_stamp),
		cmocka_unit_test(test_plan_errors),
		cmocka_unit_test(test_cancel),
		cmocka_unit_test(test_unfinished),
		cmocka_unit_test(test_history_and_schema),
		cmocka_unit_test(test_rows_errors),
		cmocka_unit_test(test_unreachable),
		cmocka_unit_test(test_plan_warning),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
