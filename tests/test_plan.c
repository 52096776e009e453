/* test_plan.c - building plans (plan.c): steps, their statements read from
 * real revision files with their line numbers, Alembic's log texts, the
 * checks that make a plan fail before anything runs, rows, and the online
 * preliminaries. The version statements themselves are pinned in
 * test_plan_versions.c, the offline script in test_plan_sql.c.
 */
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

#include "error.h"
#include "graph.h"
#include "plan.h"
#include "run.h"
#include "resolve.h"
#include "revision_file.h"
#include "rev_files.h"

/* ---- temporary projects of real revision files ---- */

/* A revision file: id, down revisions, labels, depends_on (comma-separated,
 * NULL none), message, then the file's text after the header ("" = the usual
 * sections creating and dropping t_<id>), transactional. Kind .py when
 * `py` is set (an Alembic file with the same revision). */
struct rev {
	const char *id, *down, *labels, *deps, *message;
	const char *body;
	int nontx, py;
};

static char tmpdir[64];

static char *rev_text(const struct rev *r)
{
	struct ald_buf b = {0};
	if (r->py) {
		ald__buf_printf(&b, "\"\"\"%s\n\nRevision ID: %s\n\"\"\"\nrevision = '%s'\n", r->message, r->id, r->id);
		if (r->down)
			ald__buf_printf(&b, "down_revision = '%s'\n", r->down);
		else
			ald__buf_puts(&b, "down_revision = None\n");
		return ald__buf_detach(&b);
	}
	ald__buf_printf(&b, "-- %s\n--\n-- Revision ID: %s\n", r->message, r->id);
	if (r->down)
		ald__buf_printf(&b, "-- Revises: %s\n", r->down);
	if (r->labels)
		ald__buf_printf(&b, "-- Branch Labels: %s\n", r->labels);
	if (r->deps)
		ald__buf_printf(&b, "-- Depends On: %s\n", r->deps);
	if (r->nontx)
		ald__buf_puts(&b, "-- Transactional: false\n");
	ald__buf_putc(&b, '\n');
	if (r->body && *r->body)
		ald__buf_puts(&b, r->body);
	else
		ald__buf_printf(&b, "-- migrate:upgrade\nCREATE TABLE t_%s (id INTEGER);\n\n"
				   "-- migrate:downgrade\nDROP TABLE t_%s;\n", r->id, r->id);
	return ald__buf_detach(&b);
}

/* Writes the revisions into a fresh temporary folder and builds the graph
 * from the files read back in file name order (aludel's map order). */
static struct ald_graph *project(const struct rev *revs, size_t n)
{
	strcpy(tmpdir, "/tmp/test_plan.XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	char **names = ald__xcalloc(n ? n : 1, sizeof(*names));
	for (size_t i = 0; i < n; i++) {
		names[i] = ald__xasprintf("%s/%s_rev.%s", tmpdir, revs[i].id, revs[i].py ? "py" : "sql");
		char *text = rev_text(&revs[i]);
		rev_files_write(names[i], text);
		free(text);
	}
	return rev_files_graph(names, n);
}

#define PROJECT(revs) project(revs, sizeof(revs) / sizeof(revs[0]))

static void cleanup(struct ald_graph *g)
{
	rev_files_remove(tmpdir);
	ald__graph_free(g);
}

static size_t R(const struct ald_graph *g, const char *id)
{
	size_t r = ald__graph_find(g, id);
	if (r == ALD_NOREV)
		fail_msg("no revision %s", id);
	return r;
}

/* The revisions of a space-separated list. */
static size_t ids(const struct ald_graph *g, const char *list, size_t *out)
{
	size_t n = 0;
	char *copy = ald__xstrdup(list), *save = NULL;
	for (char *t = strtok_r(copy, " ", &save); t; t = strtok_r(NULL, " ", &save))
		out[n++] = R(g, t);
	free(copy);
	return n;
}

static const struct ald_plan_config SQLITE_OFFLINE = {&ald__dialect_sqlite, NULL, NULL, 0, 1, 0, 0, NULL};
static const struct ald_plan_config SQLITE_ONLINE = {&ald__dialect_sqlite, NULL, NULL, 0, 0, 1, 0, NULL};

static struct ald_plan_data *plan_ok(const struct ald_graph *g, enum ald_step_kind kind, const char *revs,
				     const char *const *rows, size_t n_rows, const struct ald_plan_config *cfg)
{
	size_t v[32];
	size_t n = ids(g, revs, v);
	struct ald_plan_data *p = NULL;
	if (ald__plan_build_from_revs(&p, g, kind, v, n, rows, n_rows, cfg) < 0)
		fail_msg("plan: %s", ald_error_last()->message);
	assert_non_null(p);
	return p;
}

static void plan_fails(const struct ald_graph *g, enum ald_step_kind kind, const char *revs,
		       const char *const *rows, size_t n_rows, int code, const char *msg)
{
	size_t v[32];
	size_t n = ids(g, revs, v);
	struct ald_plan_data *p = (struct ald_plan_data *)1;
	assert_int_equal(ald__plan_build_from_revs(&p, g, kind, v, n, rows, n_rows, &SQLITE_OFFLINE), code);
	assert_null(p);
	assert_string_equal(ald_error_last()->message, msg);
}

/* The ids of a list of revisions, space-separated. */
static void assert_revs(const struct ald_graph *g, const struct ald_ixvec *v, const char *expected)
{
	struct ald_buf b = {0};
	for (size_t i = 0; i < v->n; i++)
		ald__buf_printf(&b, "%s%s", i ? " " : "", g->revs[v->v[i]].file.id);
	assert_string_equal(ald__buf_cstr(&b), expected);
	ald__buf_free(&b);
}

/* "label | comment" of every step, one a line. */
static void assert_labels(const struct ald_plan_data *p, const char *expected)
{
	struct ald_buf b = {0};
	for (size_t i = 0; i < p->n_steps; i++)
		ald__buf_printf(&b, "%s | %s\n", p->steps[i].label, p->steps[i].comment);
	assert_string_equal(ald__buf_cstr(&b), expected);
	ald__buf_free(&b);
}

static const struct rev LIN3[] = {
	{"aaaa00000001", NULL, NULL, NULL, "one", NULL, 0, 0},
	{"aaaa00000002", "aaaa00000001", NULL, NULL, "two", NULL, 0, 0},
	{"aaaa00000003", "aaaa00000002", NULL, NULL, "three", NULL, 0, 0},
};

/* G1 of doc/alembic-compat.md §2.6 with its messages. */
static const struct rev G1[] = {
	{"1000aaaa0001", NULL, NULL, NULL, "initial schema", NULL, 0, 0},
	{"2000aaaa0002", "1000aaaa0001", NULL, NULL, "second step", NULL, 0, 0},
	{"3000bbbb0001", "2000aaaa0002", "featb", NULL, "feature b start", NULL, 0, 0},
	{"3000bbbb0002", "3000bbbb0001", NULL, NULL, "feature b more", NULL, 0, 0},
	{"4000cccc0001", "2000aaaa0002", NULL, NULL, "feature c start", NULL, 0, 0},
	{"4000cccc0002", "4000cccc0001", NULL, NULL, "feature c more", NULL, 0, 0},
	{"5000eeee0001", "3000bbbb0002, 4000cccc0002", NULL, NULL, "merge b and c", NULL, 0, 0},
	{"6000dddd0001", "5000eeee0001", NULL, NULL, "after merge", NULL, 0, 0},
	{"7000ffff0001", NULL, "other", NULL, "other root", NULL, 0, 0},
	{"7000ffff0002", "7000ffff0001", NULL, NULL, "other two", NULL, 0, 0},
	{"8000dddd0002", "6000dddd0001", NULL, "7000ffff0001", "needs other root", NULL, 0, 0},
};

/* ---- steps, statements, labels ---- */

static void test_upgrade_steps(void **state)
{
	(void)state;
	struct ald_graph *g = PROJECT(LIN3);
	struct ald_plan_data *p = plan_ok(g, ALD_STEP_UPGRADE, "aaaa00000001 aaaa00000002 aaaa00000003", NULL, 0,
					  &SQLITE_OFFLINE);
	assert_int_equal(p->kind, ALD_STEP_UPGRADE);
	assert_int_equal(p->offline, 1);
	assert_int_equal(p->n_steps, 3);
	assert_int_equal(p->n_pre, 0);
	assert_labels(p, "Running upgrade  -> aaaa00000001, one | Running upgrade  -> aaaa00000001\n"
			 "Running upgrade aaaa00000001 -> aaaa00000002, two | Running upgrade aaaa00000001 -> aaaa00000002\n"
			 "Running upgrade aaaa00000002 -> aaaa00000003, three | Running upgrade aaaa00000002 -> aaaa00000003\n");
	for (size_t i = 0; i < 3; i++) {
		const struct ald_step *st = &p->steps[i];
		char want[64];
		assert_int_equal(st->kind, ALD_STEP_UPGRADE);
		assert_int_equal(st->rev, i);
		assert_int_equal(st->transactional, 1);
		assert_int_equal(st->create_table, i == 0);
		assert_int_equal(st->from.n, 0);
		assert_int_equal(st->sql.n, 1);
		snprintf(want, sizeof(want), "CREATE TABLE t_aaaa0000000%zu (id INTEGER)", i + 1);
		assert_string_equal(st->sql.v[0].sql, want);
		/* header of 4 (base: 3) lines, a blank line, the marker */
		assert_int_equal(st->sql.v[0].line, i == 0 ? 6 : 7);
		assert_int_equal(st->n_vsql, 1);
		assert_int_equal(st->vsql[0].kind, i == 0 ? ALD_VSQL_INSERT : ALD_VSQL_UPDATE);
	}
	assert_revs(g, &p->rows, "");
	assert_revs(g, &p->final_rows, "aaaa00000003");
	ald__plan_data_free(p);
	cleanup(g);
}

static void test_downgrade_steps(void **state)
{
	(void)state;
	struct ald_graph *g = PROJECT(LIN3);
	const char *rows[] = {"aaaa00000003"};
	struct ald_plan_data *p = plan_ok(g, ALD_STEP_DOWNGRADE, "aaaa00000003 aaaa00000002 aaaa00000001", rows, 1,
					  &SQLITE_OFFLINE);
	assert_int_equal(p->kind, ALD_STEP_DOWNGRADE);
	assert_labels(p, "Running downgrade aaaa00000003 -> aaaa00000002, three | Running downgrade aaaa00000003 -> aaaa00000002\n"
			 "Running downgrade aaaa00000002 -> aaaa00000001, two | Running downgrade aaaa00000002 -> aaaa00000001\n"
			 "Running downgrade aaaa00000001 -> , one | Running downgrade aaaa00000001 -> \n");
	assert_string_equal(p->steps[0].sql.v[0].sql, "DROP TABLE t_aaaa00000003");
	assert_int_equal(p->steps[0].sql.v[0].line, 10);
	assert_int_equal(p->steps[0].create_table, 0);
	assert_int_equal(p->steps[2].vsql[0].kind, ALD_VSQL_DELETE);
	assert_revs(g, &p->rows, "aaaa00000003");
	assert_revs(g, &p->final_rows, "");
	ald__plan_data_free(p);
	cleanup(g);
}

/* Several statements with comments; a revision with an empty message; a
 * non-transactional revision. */
static void test_statements_and_flags(void **state)
{
	(void)state;
	static const struct rev S[] = {
		{"bbbb00000001", NULL, NULL, NULL, "", "-- migrate:upgrade\n"
			"-- make the table\n"
			"CREATE TABLE a (\n    x text DEFAULT 'a;b'\n);\n"
			"\n"
			"INSERT INTO a VALUES ('1');  -- one\n"
			"-- migrate:downgrade\n"
			"-- nothing to undo\n", 1, 0},
	};
	struct ald_graph *g = PROJECT(S);
	struct ald_plan_data *p = plan_ok(g, ALD_STEP_UPGRADE, "bbbb00000001", NULL, 0, &SQLITE_OFFLINE);
	assert_labels(p, "Running upgrade  -> bbbb00000001 | Running upgrade  -> bbbb00000001\n");
	const struct ald_step *st = &p->steps[0];
	assert_int_equal(st->transactional, 0);
	assert_int_equal(st->sql.n, 2);
	assert_int_equal(st->sql.v[0].line, 8);
	assert_int_equal(st->sql.v[1].line, 12);
	assert_non_null(strstr(st->sql.v[0].sql, "CREATE TABLE a (\n    x text DEFAULT 'a;b'\n)"));
	assert_string_equal(st->sql.v[1].sql, "INSERT INTO a VALUES ('1')");
	ald__plan_data_free(p);
	/* a downgrade section holding only a comment: no statements, still allowed */
	const char *rows[] = {"bbbb00000001"};
	p = plan_ok(g, ALD_STEP_DOWNGRADE, "bbbb00000001", rows, 1, &SQLITE_OFFLINE);
	assert_int_equal(p->steps[0].sql.n, 0);
	assert_int_equal(p->steps[0].n_vsql, 1);
	ald__plan_data_free(p);
	cleanup(g);
}

/* Log texts across branch and merge points: only down revisions on the
 * sides, dependencies not shown; the version statements per step. */
static void test_g1_labels(void **state)
{
	(void)state;
	struct ald_graph *g = PROJECT(G1);
	const char *rows[] = {"2000aaaa0002"};
	struct ald_plan_data *p = plan_ok(g, ALD_STEP_UPGRADE,
					  "4000cccc0001 4000cccc0002 7000ffff0001 3000bbbb0001 3000bbbb0002 "
					  "5000eeee0001 6000dddd0001 8000dddd0002", rows, 1, &SQLITE_OFFLINE);
	assert_labels(p,
		      "Running upgrade 2000aaaa0002 -> 4000cccc0001, feature c start | Running upgrade 2000aaaa0002 -> 4000cccc0001\n"
		      "Running upgrade 4000cccc0001 -> 4000cccc0002, feature c more | Running upgrade 4000cccc0001 -> 4000cccc0002\n"
		      "Running upgrade  -> 7000ffff0001, other root | Running upgrade  -> 7000ffff0001\n"
		      "Running upgrade 2000aaaa0002 -> 3000bbbb0001, feature b start | Running upgrade 2000aaaa0002 -> 3000bbbb0001\n"
		      "Running upgrade 3000bbbb0001 -> 3000bbbb0002, feature b more | Running upgrade 3000bbbb0001 -> 3000bbbb0002\n"
		      "Running upgrade 3000bbbb0002, 4000cccc0002 -> 5000eeee0001, merge b and c | Running upgrade 3000bbbb0002, 4000cccc0002 -> 5000eeee0001\n"
		      "Running upgrade 5000eeee0001 -> 6000dddd0001, after merge | Running upgrade 5000eeee0001 -> 6000dddd0001\n"
		      "Running upgrade 6000dddd0001 -> 8000dddd0002, needs other root | Running upgrade 6000dddd0001 -> 8000dddd0002\n");
	assert_int_equal(p->steps[5].n_vsql, 2);
	assert_int_equal(p->steps[5].vsql[0].kind, ALD_VSQL_DELETE);
	assert_string_equal(p->steps[5].vsql[0].from, "3000bbbb0002");
	assert_int_equal(p->steps[5].vsql[1].kind, ALD_VSQL_UPDATE);
	assert_string_equal(p->steps[5].vsql[1].from, "4000cccc0002");
	assert_string_equal(p->steps[5].vsql[1].to, "5000eeee0001");
	for (size_t i = 0; i < p->n_steps; i++)
		assert_int_equal(p->steps[i].create_table, 0);
	assert_revs(g, &p->rows, "2000aaaa0002");
	assert_revs(g, &p->final_rows, "8000dddd0002");
	ald__plan_data_free(p);
	const char *rows2[] = {"5000eeee0001", "7000ffff0001"};
	p = plan_ok(g, ALD_STEP_DOWNGRADE, "5000eeee0001", rows2, 2, &SQLITE_OFFLINE);
	assert_labels(p, "Running downgrade 5000eeee0001 -> 3000bbbb0002, 4000cccc0002, merge b and c | "
			 "Running downgrade 5000eeee0001 -> 3000bbbb0002, 4000cccc0002\n");
	assert_revs(g, &p->final_rows, "4000cccc0002 7000ffff0001 3000bbbb0002");
	ald__plan_data_free(p);
	cleanup(g);
}

/* ---- failures before anything runs ---- */

static void test_no_downgrade_section(void **state)
{
	(void)state;
	static const struct rev S[] = {
		{"cccc00000001", NULL, NULL, NULL, "one", NULL, 0, 0},
		{"cccc00000002", "cccc00000001", NULL, NULL, "two",
		 "-- migrate:upgrade\nCREATE TABLE x (id INTEGER);\n", 0, 0},
		{"cccc00000003", "cccc00000002", NULL, NULL, "three", NULL, 0, 0},
	};
	struct ald_graph *g = PROJECT(S);
	const char *rows[] = {"cccc00000003"};
	char *msg = ald__xasprintf("%s/cccc00000002_rev.sql: revision cccc00000002 has no "
				  "\"-- migrate:downgrade\" section and cannot be downgraded", tmpdir);
	plan_fails(g, ALD_STEP_DOWNGRADE, "cccc00000003 cccc00000002 cccc00000001", rows, 1, ALD_EUSAGE, msg);
	free(msg);
	/* upgrading it is fine, and so is a downgrade that stops above it */
	struct ald_plan_data *p = plan_ok(g, ALD_STEP_UPGRADE, "cccc00000001 cccc00000002 cccc00000003", NULL, 0,
					  &SQLITE_OFFLINE);
	ald__plan_data_free(p);
	p = plan_ok(g, ALD_STEP_DOWNGRADE, "cccc00000003", rows, 1, &SQLITE_OFFLINE);
	ald__plan_data_free(p);
	cleanup(g);
}

static void test_python_revision(void **state)
{
	(void)state;
	static const struct rev S[] = {
		{"dddd00000001", NULL, NULL, NULL, "native", NULL, 0, 0},
		{"dddd00000002", "dddd00000001", NULL, NULL, "from alembic", NULL, 0, 1},
	};
	struct ald_graph *g = PROJECT(S);
	/* a .py step is planned like any other; it holds no statements (Alembic
	 * runs it, and gives its SQL when the script is asked for) */
	struct ald_plan_data *up = plan_ok(g, ALD_STEP_UPGRADE, "dddd00000001 dddd00000002", NULL, 0, &SQLITE_OFFLINE);
	assert_int_equal(up->n_steps, 2);
	assert_int_equal(up->steps[0].sql.n, 1);
	assert_int_equal(up->steps[1].sql.n, 0);
	assert_true(ald__step_is_python(g, &up->steps[1]));
	assert_false(ald__step_is_python(g, &up->steps[0]));
	assert_int_equal(up->steps[1].n_vsql, 1); /* its version row is still planned */
	ald__plan_data_free(up);
	const char *rows[] = {"dddd00000002"};
	struct ald_plan_data *down = plan_ok(g, ALD_STEP_DOWNGRADE, "dddd00000002 dddd00000001", rows, 1, &SQLITE_OFFLINE);
	assert_labels(down, "Running downgrade dddd00000002 -> dddd00000001, from alembic | "
			    "Running downgrade dddd00000002 -> dddd00000001\n"
			    "Running downgrade dddd00000001 -> , native | Running downgrade dddd00000001 -> \n");
	assert_true(ald__step_is_python(g, &down->steps[0]));
	ald__plan_data_free(down);
	/* stamping across it is fine */
	struct ald_stamp_arg arg;
	memset(&arg, 0, sizeof(arg));
	ald__ixvec_push(&arg.dests, R(g, "dddd00000002"));
	ald__ixvec_push(&arg.lineage, R(g, "dddd00000002"));
	struct ald_plan_data *p = NULL;
	assert_int_equal(ald__plan_build_stamp_args(&p, g, &arg, 1, NULL, 0, 0, &SQLITE_OFFLINE), 0);
	assert_int_equal(p->n_steps, 1);
	assert_labels(p, "Running stamp_revision  -> dddd00000002 | Running stamp_revision  -> dddd00000002\n");
	ald__plan_data_free(p);
	ald__ixvec_free(&arg.dests);
	ald__ixvec_free(&arg.lineage);
	cleanup(g);
}

static void test_split_error(void **state)
{
	(void)state;
	static const struct rev S[] = {
		{"eeee00000001", NULL, NULL, NULL, "bad quote",
		 "-- migrate:upgrade\nCREATE TABLE a (id INTEGER);\nINSERT INTO a VALUES ('x);\n"
		 "-- migrate:downgrade\nDROP TABLE a;\n", 0, 0},
	};
	struct ald_graph *g = PROJECT(S);
	char *msg = ald__xasprintf("%s/eeee00000001_rev.sql:7: unterminated quoted string starting here", tmpdir);
	plan_fails(g, ALD_STEP_UPGRADE, "eeee00000001", NULL, 0, ALD_EINVALID, msg);
	free(msg);
	cleanup(g);
}

static void test_unknown_row(void **state)
{
	(void)state;
	struct ald_graph *g = PROJECT(LIN3);
	const char *rows[] = {"aaaa00000001", "deadbeef0000"};
	plan_fails(g, ALD_STEP_UPGRADE, "aaaa00000002", rows, 2, ALD_ENOTFOUND,
		   "Can't locate revision identified by 'deadbeef0000'");
	/* a prefix is not a row */
	const char *rows2[] = {"aaaa0000000"};
	plan_fails(g, ALD_STEP_UPGRADE, "aaaa00000002", rows2, 1, ALD_ENOTFOUND,
		   "Can't locate revision identified by 'aaaa0000000'");
	/* stamp: the same, except with --purge */
	struct ald_stamp_arg arg;
	memset(&arg, 0, sizeof(arg));
	ald__ixvec_push(&arg.dests, R(g, "aaaa00000002"));
	ald__ixvec_push(&arg.lineage, R(g, "aaaa00000002"));
	struct ald_plan_data *p = (struct ald_plan_data *)1;
	assert_int_equal(ald__plan_build_stamp_args(&p, g, &arg, 1, rows, 2, 0, &SQLITE_ONLINE), ALD_ENOTFOUND);
	assert_null(p);
	assert_string_equal(ald_error_last()->message, "Can't locate revision identified by 'deadbeef0000'");
	assert_int_equal(ald__plan_build_stamp_args(&p, g, &arg, 1, rows, 2, 1, &SQLITE_ONLINE), 0);
	assert_int_equal(p->purge, 1);
	assert_int_equal(p->n_steps, 1);
	assert_labels(p, "Running stamp_revision  -> aaaa00000002 | Running stamp_revision  -> aaaa00000002\n");
	assert_int_equal(p->steps[0].vsql[0].kind, ALD_VSQL_INSERT);
	assert_revs(g, &p->rows, "");
	assert_revs(g, &p->final_rows, "aaaa00000002");
	/* online, table exists: only the purge runs first */
	assert_int_equal(p->create_table, 0);
	assert_int_equal(p->n_pre, 1);
	assert_string_equal(p->pre[0].sql, "DELETE FROM alembic_version");
	assert_int_equal(p->pre[0].kind, ALD_VSQL_PURGE);
	ald__plan_data_free(p);
	/* --purge is refused offline */
	p = (struct ald_plan_data *)1;
	assert_int_equal(ald__plan_build_stamp_args(&p, g, &arg, 1, NULL, 0, 1, &SQLITE_OFFLINE), ALD_EUSAGE);
	assert_null(p);
	assert_string_equal(ald_error_last()->message, "Can't use --purge with --sql mode");
	ald__ixvec_free(&arg.dests);
	ald__ixvec_free(&arg.lineage);
	cleanup(g);
}

/* ---- online preliminaries ---- */

static void test_online_table(void **state)
{
	(void)state;
	struct ald_graph *g = PROJECT(LIN3);
	struct ald_plan_config cfg = {&ald__dialect_postgresql, "versions", "app", 0, 0, 0, 0, NULL};
	struct ald_plan_data *p = plan_ok(g, ALD_STEP_UPGRADE, "aaaa00000001", NULL, 0, &cfg);
	assert_int_equal(p->offline, 0);
	assert_int_equal(p->create_table, 1);
	assert_int_equal(p->n_pre, 1);
	assert_int_equal(p->pre[0].kind, ALD_VSQL_CREATE);
	assert_string_equal(p->pre[0].sql, "CREATE TABLE app.versions (\n\tversion_num VARCHAR(32) NOT NULL, \n"
					   "\tCONSTRAINT versions_pkc PRIMARY KEY (version_num)\n)");
	assert_string_equal(p->steps[0].vsql[0].sql, "INSERT INTO app.versions (version_num) VALUES "
						     "('aaaa00000001') RETURNING app.versions.version_num");
	ald__plan_data_free(p);
	/* nothing to do still creates the missing table, as Alembic's ensure_version */
	p = plan_ok(g, ALD_STEP_UPGRADE, "", NULL, 0, &cfg);
	assert_int_equal(p->n_steps, 0);
	assert_int_equal(p->n_pre, 1);
	ald__plan_data_free(p);
	cfg.table_exists = 1;
	p = plan_ok(g, ALD_STEP_UPGRADE, "aaaa00000001", NULL, 0, &cfg);
	assert_int_equal(p->create_table, 0);
	assert_int_equal(p->n_pre, 0);
	ald__plan_data_free(p);
	cleanup(g);
}

/* ---- whole commands: resolution (resolve.h) + steps + rows ---- */

/* One command and what Alembic 1.8.1 did (SQLite, online, file names sorted,
 * PYTHONHASHSEED=0): the steps it ran (" / "-separated: the revision of an
 * upgrade or downgrade step, "<from> -> <to>" of a stamp step) and the rows
 * afterwards in rowid order. Each command starts from the rows the previous
 * one left. */
struct cmd {
	const char *verb;
	int purge;
	const char *args, *steps, *rows;
};

static const struct cmd G1_HISTORY[] = {
	{"upgrade", 0, "2000aaaa0002", "1000aaaa0001 / 2000aaaa0002", "2000aaaa0002"},
	{"upgrade", 0, "3000bbbb0002", "3000bbbb0001 / 3000bbbb0002", "3000bbbb0002"},
	{"upgrade", 0, "4000cccc0002", "4000cccc0001 / 4000cccc0002", "3000bbbb0002 4000cccc0002"},
	{"upgrade", 0, "5000eeee0001", "5000eeee0001", "5000eeee0001"},
	{"upgrade", 0, "other@head", "7000ffff0001 / 7000ffff0002", "5000eeee0001 7000ffff0002"},
	{"upgrade", 0, "8000dddd0002", "6000dddd0001 / 8000dddd0002", "8000dddd0002 7000ffff0002"},
	{"downgrade", 0, "6000dddd0001", "8000dddd0002", "6000dddd0001 7000ffff0002"},
	{"downgrade", 0, "3000bbbb0002", "6000dddd0001 / 5000eeee0001", "4000cccc0002 7000ffff0002 3000bbbb0002"},
	{"downgrade", 0, "other@base", "7000ffff0002 / 7000ffff0001", "4000cccc0002 3000bbbb0002"},
	{"stamp", 0, "base", "4000cccc0002 ->  / 3000bbbb0002 -> ", ""},
	{"stamp", 0, "heads", " -> 7000ffff0002 /  -> 8000dddd0002", "7000ffff0002 8000dddd0002"},
};

static const struct cmd G1_DEPENDS[] = {
	{"upgrade", 0, "2000aaaa0002", "1000aaaa0001 / 2000aaaa0002", "2000aaaa0002"},
	{"upgrade", 0, "featb@head", "4000cccc0001 / 4000cccc0002 / 7000ffff0001 / 3000bbbb0001 / 3000bbbb0002 / 5000eeee0001 / 6000dddd0001 / 8000dddd0002", "8000dddd0002"},
	{"upgrade", 0, "heads", "7000ffff0002", "8000dddd0002 7000ffff0002"},
	{"downgrade", 0, "base", "7000ffff0002 / 8000dddd0002 / 6000dddd0001 / 5000eeee0001 / 3000bbbb0002 / 3000bbbb0001 / 4000cccc0002 / 4000cccc0001 / 2000aaaa0002 / 1000aaaa0001 / 7000ffff0001", ""},
};

static const struct cmd G1_STAMPS[] = {
	{"stamp", 0, "3000bbbb0002", " -> 3000bbbb0002", "3000bbbb0002"},
	{"stamp", 0, "4000cccc0002", " -> 4000cccc0002", "3000bbbb0002 4000cccc0002"},
	{"stamp", 0, "5000eeee0001", "3000bbbb0002, 4000cccc0002 -> 5000eeee0001", "5000eeee0001"},
	{"stamp", 0, "heads", " -> 7000ffff0002 / 5000eeee0001 -> 8000dddd0002", "8000dddd0002 7000ffff0002"},
	{"stamp", 0, "2000aaaa0002", "8000dddd0002 -> 2000aaaa0002", "2000aaaa0002 7000ffff0002"},
	{"stamp", 0, "7000ffff0001 3000bbbb0001", "7000ffff0002, 2000aaaa0002 -> 7000ffff0001 / 7000ffff0002, 2000aaaa0002 -> 3000bbbb0001", "7000ffff0001 3000bbbb0001"},
	{"stamp", 1, "4000cccc0001", " -> 4000cccc0001", "4000cccc0001"},
	{"stamp", 0, "base", "4000cccc0001 -> ", ""},
	{"stamp", 0, "8000dddd0002", " -> 8000dddd0002", "8000dddd0002"},
	{"stamp", 0, "7000ffff0002", " -> 7000ffff0002", "8000dddd0002 7000ffff0002"},
	{"stamp", 0, "1000aaaa0001", "8000dddd0002 -> 1000aaaa0001", "1000aaaa0001 7000ffff0002"},
	{"stamp", 0, "3000bbbb0001 3000bbbb0002", "1000aaaa0001 -> 3000bbbb0001 / 1000aaaa0001 -> 3000bbbb0002", "3000bbbb0001 7000ffff0002 3000bbbb0002"},
	{"stamp", 1, "heads", " -> 7000ffff0002 /  -> 8000dddd0002", "7000ffff0002 8000dddd0002"},
	{"stamp", 1, "base", "", ""},
};

static const struct cmd G2_CMDS[] = {
	{"upgrade", 0, "heads", "aaaa00000001 / bbbb00000001 / bbbb00000002 / cccc00000001 / cccc00000002", "cccc00000002"},
	{"downgrade", 0, "bbbb00000001", "cccc00000002 / bbbb00000002", "bbbb00000001 cccc00000001"},
	{"upgrade", 0, "cccc00000002", "bbbb00000002 / cccc00000002", "cccc00000002"},
	{"downgrade", 0, "left@base", "cccc00000002 / cccc00000001 / bbbb00000002 / bbbb00000001 / aaaa00000001", ""},
	{"stamp", 0, "heads", " -> cccc00000002", "cccc00000002"},
	{"stamp", 0, "left@head", "cccc00000002 -> bbbb00000002", "bbbb00000002"},
	{"stamp", 0, "base", "bbbb00000002 -> ", ""},
};

static const struct cmd LIN5_CMDS[] = {
	{"upgrade", 0, "aaaa00000003", "aaaa00000001 / aaaa00000002 / aaaa00000003", "aaaa00000003"},
	{"upgrade", 0, "head", "aaaa00000004 / aaaa00000005", "aaaa00000005"},
	{"downgrade", 0, "lbl@-2", "aaaa00000005 / aaaa00000004", "aaaa00000003"},
	{"stamp", 0, "aaaa00000002", "aaaa00000003 -> aaaa00000002", "aaaa00000002"},
	{"downgrade", 0, "base", "aaaa00000002 / aaaa00000001", ""},
};

/* Stamps whose targets carry a branch label (lineage through the label), a
 * target already a row, base among other targets. */
static const struct cmd G1_STAMP_LINEAGE[] = {
	{"stamp", 0, "heads", " -> 7000ffff0002 /  -> 8000dddd0002", "7000ffff0002 8000dddd0002"},
	{"stamp", 0, "other@base", "7000ffff0002 ->  / 8000dddd0002 -> ", ""},
	{"stamp", 0, "heads", " -> 7000ffff0002 /  -> 8000dddd0002", "7000ffff0002 8000dddd0002"},
	{"stamp", 0, "featb@base", "8000dddd0002 -> ", "7000ffff0002"},
	{"stamp", 0, "featb@3000bbbb0001", " -> 3000bbbb0001", "7000ffff0002 3000bbbb0001"},
	{"stamp", 0, "4000cccc0002 other@head", " -> 4000cccc0002", "7000ffff0002 3000bbbb0001 4000cccc0002"},
	{"stamp", 0, "other@heads", "", "7000ffff0002 3000bbbb0001 4000cccc0002"},
	{"stamp", 0, "7000ffff0001 base", "7000ffff0002, 3000bbbb0001, 4000cccc0002 -> 7000ffff0001", "7000ffff0001"},
};

static const struct rev G2[] = {
	{"aaaa00000001", NULL, NULL, NULL, "base", NULL, 0, 0},
	{"bbbb00000001", "aaaa00000001", "left", NULL, "left 1", NULL, 0, 0},
	{"bbbb00000002", "bbbb00000001", NULL, NULL, "left 2", NULL, 0, 0},
	{"cccc00000001", "aaaa00000001", "right", NULL, "right 1", NULL, 0, 0},
	{"cccc00000002", "cccc00000001", NULL, "bbbb00000002", "right 2 depends on left 2", NULL, 0, 0},
};

static const struct rev LIN5[] = {
	{"aaaa00000001", NULL, NULL, NULL, "one", NULL, 0, 0},
	{"aaaa00000002", "aaaa00000001", NULL, NULL, "two", NULL, 0, 0},
	{"aaaa00000003", "aaaa00000002", "lbl", NULL, "three", NULL, 0, 0},
	{"aaaa00000004", "aaaa00000003", NULL, NULL, "four", NULL, 0, 0},
	{"aaaa00000005", "aaaa00000004", NULL, NULL, "five", NULL, 0, 0},
};

static void ids_of(struct ald_buf *b, const struct ald_graph *g, const struct ald_ixvec *v, const char *sep)
{
	for (size_t i = 0; i < v->n; i++)
		ald__buf_printf(b, "%s%s", i ? sep : "", g->revs[v->v[i]].file.id);
}

/* Runs one command from `rows` (replaced by the rows afterwards). */
static int command(struct ald_plan_data **p, const struct ald_graph *g, const char *verb, int purge,
		   const char *args, struct ald_strvec *rows)
{
	static const struct ald_plan_config cfg = {&ald__dialect_sqlite, NULL, NULL, 0, 0, 1, 0, NULL};
	const char *const *r = (const char *const *)rows->v;
	int err;
	if (strcmp(verb, "upgrade") == 0) {
		err = ald__plan_build_upgrade(p, g, args, r, rows->n, &cfg);
	} else if (strcmp(verb, "downgrade") == 0) {
		err = ald__plan_build_downgrade(p, g, args, r, rows->n, &cfg);
	} else {
		struct ald_strvec targets = {0};
		char *copy = ald__xstrdup(args), *save = NULL;
		for (char *t = strtok_r(copy, " ", &save); t; t = strtok_r(NULL, " ", &save))
			ald__strvec_pushdup(&targets, t);
		err = ald__plan_build_stamp(p, g, (const char *const *)targets.v, targets.n, r, rows->n, purge, &cfg);
		free(copy);
		ald__strvec_free(&targets);
	}
	if (err < 0)
		return err;
	ald__strvec_free(rows);
	for (size_t i = 0; i < (*p)->final_rows.n; i++)
		ald__strvec_pushdup(rows, g->revs[(*p)->final_rows.v[i]].file.id);
	return 0;
}

static void run_cmds(const struct rev *revs, size_t n_revs, const struct cmd *cmds, size_t n)
{
	struct ald_graph *g = project(revs, n_revs);
	struct ald_strvec rows = {0};
	for (size_t c = 0; c < n; c++) {
		struct ald_plan_data *p = NULL;
		if (command(&p, g, cmds[c].verb, cmds[c].purge, cmds[c].args, &rows) < 0)
			fail_msg("%s %s: %s", cmds[c].verb, cmds[c].args, ald_error_last()->message);
		struct ald_buf b = {0};
		for (size_t i = 0; i < p->n_steps; i++) {
			const struct ald_step *st = &p->steps[i];
			if (i)
				ald__buf_puts(&b, " / ");
			if (st->kind == ALD_STEP_STAMP) {
				ids_of(&b, g, &st->from, ", ");
				ald__buf_printf(&b, " -> %s", st->rev == ALD_NOREV ? "" : g->revs[st->rev].file.id);
			} else {
				ald__buf_puts(&b, g->revs[st->rev].file.id);
			}
		}
		char *got_rows = ald__strvec_join(&rows, " ");
		if (strcmp(ald__buf_cstr(&b), cmds[c].steps) != 0 || strcmp(got_rows, cmds[c].rows) != 0)
			fail_msg("%s %s%s: steps [%s] rows [%s], expected [%s] [%s]", cmds[c].verb,
				 cmds[c].purge ? "--purge " : "", cmds[c].args, ald__buf_cstr(&b), got_rows,
				 cmds[c].steps, cmds[c].rows);
		free(got_rows);
		ald__buf_free(&b);
		ald__plan_data_free(p);
	}
	ald__strvec_free(&rows);
	cleanup(g);
}

#define RUN(revs, cmds) run_cmds(revs, sizeof(revs) / sizeof(revs[0]), cmds, sizeof(cmds) / sizeof(cmds[0]))

static void test_commands_g1(void **state)
{
	(void)state;
	RUN(G1, G1_HISTORY);
	RUN(G1, G1_DEPENDS);
	RUN(G1, G1_STAMPS);
	RUN(G1, G1_STAMP_LINEAGE);
}

static void test_commands_g2_lin5(void **state)
{
	(void)state;
	RUN(G2, G2_CMDS);
	RUN(LIN5, LIN5_CMDS);
}

/* Errors and flags of whole commands. */
static void test_command_errors(void **state)
{
	(void)state;
	struct ald_graph *g = PROJECT(G1);
	struct ald_strvec rows = {0};
	struct ald_plan_data *p = NULL;
	assert_int_equal(command(&p, g, "stamp", 0, "heads", &rows), 0);
	ald__plan_data_free(p);
	p = NULL;
	assert_int_equal(command(&p, g, "stamp", 0, "head", &rows), ALD_EMULTIPLEHEADS);
	assert_null(p);
	assert_string_equal(ald_error_last()->message,
			    "Multiple heads are present; please specify a single target revision");
	assert_int_equal(command(&p, g, "upgrade", 0, "+1", &rows), ALD_EINVALID);
	assert_string_equal(ald_error_last()->message, "Ambiguous upgrade from multiple current revisions");
	assert_int_equal(command(&p, g, "upgrade", 0, "nosuch", &rows), ALD_ENOTFOUND);
	assert_string_equal(ald_error_last()->message, "Can't locate revision identified by 'nosuch'");
	/* `downgrade -1` with two rows: the first row, and the warning flag */
	assert_int_equal(command(&p, g, "downgrade", 0, "-1", &rows), 0);
	assert_int_equal(p->n_steps, 1);
	assert_int_equal(p->steps[0].rev, R(g, "7000ffff0002"));
	assert_int_equal(p->downgrade_flags & ALD_DOWNGRADE_AMBIGUOUS_ROWS, ALD_DOWNGRADE_AMBIGUOUS_ROWS);
	assert_revs(g, &p->final_rows, "8000dddd0002");
	ald__plan_data_free(p);
	/* nothing to do */
	assert_int_equal(command(&p, g, "upgrade", 0, "8000dddd0002", &rows), 0);
	assert_int_equal(p->n_steps, 0);
	assert_int_equal(p->downgrade_flags, 0);
	ald__plan_data_free(p);
	/* `stamp -- -1`: the walk works, but with rows Alembic's lineage test
	 * looks "-1" up literally */
	assert_int_equal(command(&p, g, "stamp", 0, "-1", &rows), ALD_ENOTFOUND);
	assert_string_equal(ald_error_last()->message, "Can't locate revision identified by '-1'");
	struct ald_strvec none = {0};
	assert_int_equal(command(&p, g, "stamp", 0, "-1", &none), 0);
	assert_labels(p, "Running stamp_revision  -> 7000ffff0001 | Running stamp_revision  -> 7000ffff0001\n"
			 "Running stamp_revision  -> 6000dddd0001 | Running stamp_revision  -> 6000dddd0001\n");
	ald__plan_data_free(p);
	ald__strvec_free(&none);
	/* no stamp arguments means base */
	assert_int_equal(ald__plan_build_stamp(&p, g, NULL, 0, (const char *const *)rows.v, rows.n, 0,
					      &SQLITE_ONLINE), 0);
	assert_labels(p, "Running stamp_revision 8000dddd0002 ->  | Running stamp_revision 8000dddd0002 -> \n");
	assert_int_equal(p->final_rows.n, 0);
	ald__plan_data_free(p);
	ald__strvec_free(&rows);
	cleanup(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_upgrade_steps),
		cmocka_unit_test(test_downgrade_steps),
		cmocka_unit_test(test_statements_and_flags),
		cmocka_unit_test(test_g1_labels),
		cmocka_unit_test(test_no_downgrade_section),
		cmocka_unit_test(test_python_revision),
		cmocka_unit_test(test_split_error),
		cmocka_unit_test(test_unknown_row),
		cmocka_unit_test(test_online_table),
		cmocka_unit_test(test_commands_g1),
		cmocka_unit_test(test_commands_g2_lin5),
		cmocka_unit_test(test_command_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
