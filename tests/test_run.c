/* test_run.c - running migrations (run.c) on real databases: every case runs
 * on SQLite (a fresh file) and on PostgreSQL (a fresh database in the server
 * the harness starts). Graphs are real .sql revision files in a temporary
 * folder; every upgrade and downgrade statement also writes a line into the
 * table applied_log, so the tests see what ran, in which order and how often.
 * Covered: G1 up and down through branch and merge points (§5.3), relative
 * steps, stamps (§5.4), failures at the start, middle and end of a run with
 * their messages, the one-row check, transaction_per_migration,
 * non-transactional revisions, two concurrent runs, lock timeouts, interrupts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "graph.h"
#include "pg_harness.h"
#include "plan.h"
#include "revision_file.h"
#include "rev_files.h"
#include "run.h"

/* ---- fixtures: one database and one revision folder per test ---- */

struct backend {
	int pg;
};
static struct backend on_sqlite = {0}, on_pg = {1};

struct ctx {
	int pg;
	char *url;
	char *path;   /* SQLite: the database file */
	char *revdir; /* the revision files */
	struct ald_db *db;
	struct ald_graph *g;
	int check_log; /* the revisions have the default bodies: each step logs "up|down <id>" */
};


static struct ald_db *open_db(const struct ctx *c)
{
	struct ald_db *db = NULL;
	if (ald__db_open(&db, c->url) < 0)
		fail_msg("open %s: %s", c->url, ald_error_last()->message);
	return db;
}

static void exec_ok(struct ald_db *db, const char *sql)
{
	if (ald__db_exec(db, sql, NULL) < 0)
		fail_msg("%s: %s", sql, ald_error_last()->message);
}

static int setup(void **state)
{
	static int n;
	const struct backend *b = *state;
	struct ctx *c = ald__xcalloc(1, sizeof(*c));
	c->pg = b->pg;
	n++;
	if (c->pg) {
		c->url = ald_test_pg_create_db("ald_test_run");
		if (!c->url) {
			free(c);
			return -1;
		}
	} else {
		c->path = ald__xasprintf("%s/t%d.db", ald_test_tmpdir(), n);
		c->url = ald__xasprintf("sqlite:///%s", c->path);
	}
	c->revdir = ald__xasprintf("%s/revs%d", ald_test_tmpdir(), n);
	if (mkdir(c->revdir, 0755) < 0)
		return -1;
	c->db = open_db(c);
	exec_ok(c->db, c->pg ? "CREATE TABLE applied_log (n SERIAL PRIMARY KEY, entry TEXT)"
			     : "CREATE TABLE applied_log (n INTEGER PRIMARY KEY, entry TEXT)");
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	struct ctx *c = *state;
	ald__db_close(c->db);
	ald__graph_free(c->g);
	if (c->pg)
		ald_test_pg_drop_db(c->url);
	free(c->url);
	free(c->path);
	free(c->revdir);
	free(c);
	return 0;
}

/* ---- revision files ---- */

/* A revision: id, down revisions, labels, depends_on (comma-separated, NULL
 * none), its upgrade and downgrade sections (NULL: create/drop t_<id> and log
 * it; "-" for downgrade: no downgrade section), non-transactional. */
struct rev {
	const char *id, *down, *labels, *deps;
	const char *up, *downgrade;
	int nontx;
};

static char *rev_text(const struct rev *r)
{
	struct ald_buf b = {0};
	ald__buf_printf(&b, "-- rev %s\n--\n-- Revision ID: %s\n", r->id, r->id);
	if (r->down)
		ald__buf_printf(&b, "-- Revises: %s\n", r->down);
	if (r->labels)
		ald__buf_printf(&b, "-- Branch Labels: %s\n", r->labels);
	if (r->deps)
		ald__buf_printf(&b, "-- Depends On: %s\n", r->deps);
	if (r->nontx)
		ald__buf_puts(&b, "-- Transactional: false\n");
	ald__buf_puts(&b, "\n-- migrate:upgrade\n");
	if (r->up)
		ald__buf_printf(&b, "%s\n", r->up);
	else
		ald__buf_printf(&b, "CREATE TABLE t_%s (id INTEGER);\n"
				   "INSERT INTO applied_log (entry) VALUES ('up %s');\n", r->id, r->id);
	if (r->downgrade && ald__streq(r->downgrade, "-"))
		return ald__buf_detach(&b);
	ald__buf_puts(&b, "\n-- migrate:downgrade\n");
	if (r->downgrade)
		ald__buf_printf(&b, "%s\n", r->downgrade);
	else
		ald__buf_printf(&b, "DROP TABLE t_%s;\n"
				   "INSERT INTO applied_log (entry) VALUES ('down %s');\n", r->id, r->id);
	return ald__buf_detach(&b);
}

static char *rev_path(const struct ctx *c, const char *id)
{
	return ald__xasprintf("%s/%s_rev.sql", c->revdir, id);
}

/* Writes the revisions and builds c->g from the files read back in file
 * name order (aludel's map order). */
static void project(struct ctx *c, const struct rev *revs, size_t n)
{
	char **names = ald__xcalloc(n ? n : 1, sizeof(*names));
	for (size_t i = 0; i < n; i++) {
		names[i] = rev_path(c, revs[i].id);
		char *text = rev_text(&revs[i]);
		rev_files_write(names[i], text);
		free(text);
	}
	ald__graph_free(c->g);
	c->g = rev_files_graph(names, n);
}

#define PROJECT(c, revs) project(c, revs, sizeof(revs) / sizeof(revs[0]))

/* The line of the file of revision `id` where `needle` starts. */
static unsigned line_of(const struct ctx *c, const char *id, const char *needle)
{
	char *path = rev_path(c, id), *text = NULL;
	size_t len;
	if (ald__read_file(&text, &len, path) < 0)
		fail_msg("read %s", path);
	const char *at = strstr(text, needle);
	assert_non_null(at);
	unsigned line = 1;
	for (const char *p = text; p < at; p++)
		line += *p == '\n';
	free(text);
	free(path);
	return line;
}

/* ---- queries ---- */

static char *query(struct ald_db *db, const char *sql)
{
	struct ald_strvec rows = {0};
	if (ald__db_query_strings(db, sql, &rows) < 0)
		fail_msg("%s: %s", sql, ald_error_last()->message);
	char *s = ald__strvec_join(&rows, " ");
	ald__strvec_free(&rows);
	return s;
}

static void assert_query(struct ald_db *db, const char *sql, const char *expected)
{
	char *got = query(db, sql);
	if (strcmp(got, expected) != 0)
		fail_msg("%s: expected '%s', got '%s'", sql, expected, got);
	free(got);
}

/* Sorts the words of a space-separated list. */
static char *sorted_words(const char *list)
{
	struct ald_strvec v = {0};
	char *copy = ald__xstrdup(list), *save = NULL;
	for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save))
		ald__strvec_pushdup(&v, w);
	free(copy);
	if (v.n)
		qsort(v.v, v.n, sizeof(*v.v), rev_files_cmp);
	char *s = ald__strvec_join(&v, " ");
	ald__strvec_free(&v);
	return s;
}

/* The version rows, space-separated: SQLite in rowid order (Alembic's
 * order, §5.3); PostgreSQL has no such order, so both sides are sorted. */
static void assert_rows_in(const struct ctx *c, struct ald_db *db, const char *table,
			   const char *expected)
{
	int exists = 0;
	assert_int_equal(ald__db_version_table_exists(db, table, NULL, &exists), 0);
	if (!exists)
		fail_msg("no version table %s (expected rows '%s')", table, expected);
	char *sql = ald__xasprintf("SELECT version_num FROM %s ORDER BY %s", table,
				  c->pg ? "version_num" : "rowid");
	char *got = query(db, sql);
	char *want = c->pg ? sorted_words(expected) : ald__xstrdup(expected);
	if (strcmp(got, want) != 0)
		fail_msg("rows: expected '%s', got '%s'", want, got);
	free(want);
	free(got);
	free(sql);
}

static void assert_rows(const struct ctx *c, const char *expected)
{
	assert_rows_in(c, c->db, "alembic_version", expected);
}

static void assert_no_version_table(const struct ctx *c)
{
	int exists = -1;
	assert_int_equal(ald__db_version_table_exists(c->db, "alembic_version", NULL, &exists), 0);
	assert_int_equal(exists, 0);
}

static void assert_log(const struct ctx *c, const char *expected)
{
	assert_query(c->db, "SELECT entry FROM applied_log ORDER BY n", expected);
}

static int table_exists(const struct ctx *c, const char *name)
{
	int exists = -1;
	assert_int_equal(ald__db_version_table_exists(c->db, name, NULL, &exists), 0);
	return exists;
}

/* The plan's final rows as ids (space-separated, table order). */
static char *final_rows(const struct ald_graph *g, const struct ald_plan_data *p)
{
	struct ald_buf b = {0};
	for (size_t i = 0; i < p->final_rows.n; i++)
		ald__buf_printf(&b, "%s%s", i ? " " : "", g->revs[p->final_rows.v[i]].file.id);
	return ald__buf_detach(&b);
}

static void assert_message(const char *expected)
{
	const ald_error *e = ald_error_last();
	assert_non_null(e);
	if (strcmp(e->message, expected) != 0)
		fail_msg("message:\n%s\n---- expected:\n%s", e->message, expected);
}

static void assert_message_contains(const char *part)
{
	const ald_error *e = ald_error_last();
	assert_non_null(e);
	if (!strstr(e->message, part))
		fail_msg("message '%s' lacks '%s'", e->message, part);
}

/* ---- running ---- */

static const struct ald_plan_config default_cfg = {0};

/* Runs `kind target` (stamp: target is a space-separated list, "" = none)
 * on db and returns the code; the plan that ran goes to *plan if not NULL. */
static int run_on(struct ald_db *db, const struct ald_graph *g, enum ald_step_kind kind, const char *target,
		  int purge, const struct ald_plan_config *cfg, const struct ald_run_config *o,
		  struct ald_plan_data **plan)
{
	struct ald_strvec targets = {0};
	struct ald_run_request req = {.kind = kind, .target = target, .purge = purge};
	if (kind == ALD_STEP_STAMP) {
		char *copy = ald__xstrdup(target), *save = NULL;
		for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save))
			ald__strvec_pushdup(&targets, w);
		free(copy);
		req.target = NULL;
		req.targets = (const char *const *)targets.v;
		req.n_targets = targets.n;
	}
	ald__error_clear();
	int error = ald__run(plan, db, g, &req, cfg ? cfg : &default_cfg, o);
	ald__strvec_free(&targets);
	return error;
}

/* Runs a command that must succeed, checks the rows the database now holds
 * against `rows` and against what the plan predicted. */
static void run_ok(struct ctx *c, enum ald_step_kind kind, const char *target, int purge, const char *rows)
{
	struct ald_plan_data *plan = NULL;
	char *log_before = query(c->db, "SELECT entry FROM applied_log ORDER BY n");
	if (run_on(c->db, c->g, kind, target, purge, NULL, NULL, &plan) < 0)
		fail_msg("%s: %s", target, ald_error_last()->message);
	assert_non_null(plan);
	assert_rows(c, rows);
	if (c->check_log) { /* exactly the plan's steps ran, in its order, once */
		struct ald_buf want = {0};
		ald__buf_puts(&want, log_before);
		for (size_t i = 0; i < plan->n_steps; i++) {
			const struct ald_step *st = &plan->steps[i];
			if (st->kind != ALD_STEP_STAMP)
				ald__buf_printf(&want, "%s%s %s", want.len ? " " : "",
					       st->kind == ALD_STEP_UPGRADE ? "up" : "down",
					       c->g->revs[st->rev].file.id);
		}
		assert_log(c, ald__buf_cstr(&want));
		ald__buf_free(&want);
	}
	free(log_before);
	char *predicted = final_rows(c->g, plan);
	if (!c->pg && strcmp(predicted, rows) != 0)
		fail_msg("%s: the plan predicted rows '%s', the table holds '%s'", target, predicted, rows);
	if (c->pg) {
		char *a = sorted_words(predicted), *b = sorted_words(rows);
		if (strcmp(a, b) != 0)
			fail_msg("%s: the plan predicted rows '%s', the table holds '%s'", target, a, b);
		free(a);
		free(b);
	}
	free(predicted);
	ald__plan_data_free(plan);
}

#define UP(c, t, rows) run_ok(c, ALD_STEP_UPGRADE, t, 0, rows)
#define DOWN(c, t, rows) run_ok(c, ALD_STEP_DOWNGRADE, t, 0, rows)
#define STAMP(c, t, rows) run_ok(c, ALD_STEP_STAMP, t, 0, rows)
#define PURGE(c, t, rows) run_ok(c, ALD_STEP_STAMP, t, 1, rows)

/* ---- graphs ---- */

/* G1 of doc/alembic-compat.md §2.6. */
static const struct rev g1[] = {
	{"1000aaaa0001", NULL, NULL, NULL, NULL, NULL, 0},
	{"2000aaaa0002", "1000aaaa0001", NULL, NULL, NULL, NULL, 0},
	{"3000bbbb0001", "2000aaaa0002", "featb", NULL, NULL, NULL, 0},
	{"3000bbbb0002", "3000bbbb0001", NULL, NULL, NULL, NULL, 0},
	{"4000cccc0001", "2000aaaa0002", NULL, NULL, NULL, NULL, 0},
	{"4000cccc0002", "4000cccc0001", NULL, NULL, NULL, NULL, 0},
	{"5000eeee0001", "3000bbbb0002, 4000cccc0002", NULL, NULL, NULL, NULL, 0},
	{"6000dddd0001", "5000eeee0001", NULL, NULL, NULL, NULL, 0},
	{"7000ffff0001", NULL, "other", NULL, NULL, NULL, 0},
	{"7000ffff0002", "7000ffff0001", NULL, NULL, NULL, NULL, 0},
	{"8000dddd0002", "6000dddd0001", NULL, "7000ffff0001", NULL, NULL, 0},
};

/* lin5: aaaa00000001 -> ... -> aaaa00000005, label lbl on the third. */
static const struct rev lin5[] = {
	{"aaaa00000001", NULL, NULL, NULL, NULL, NULL, 0},
	{"aaaa00000002", "aaaa00000001", NULL, NULL, NULL, NULL, 0},
	{"aaaa00000003", "aaaa00000002", "lbl", NULL, NULL, NULL, 0},
	{"aaaa00000004", "aaaa00000003", NULL, NULL, NULL, NULL, 0},
	{"aaaa00000005", "aaaa00000004", NULL, NULL, NULL, NULL, 0},
};

/* ---- graphs up and down ---- */

/* The row history of §5.3 on G1, with what ran in which order. */
static void test_g1_up_down(void **state)
{
	struct ctx *c = *state;
	PROJECT(c, g1);
	c->check_log = 1;
	UP(c, "2000aaaa0002", "2000aaaa0002");
	assert_log(c, "up 1000aaaa0001 up 2000aaaa0002");
	UP(c, "3000bbbb0002", "3000bbbb0002");
	UP(c, "4000cccc0002", "3000bbbb0002 4000cccc0002");
	UP(c, "5000eeee0001", "5000eeee0001");
	UP(c, "other@head", "5000eeee0001 7000ffff0002");
	UP(c, "8000dddd0002", "8000dddd0002 7000ffff0002");
	assert_log(c, "up 1000aaaa0001 up 2000aaaa0002 up 3000bbbb0001 up 3000bbbb0002 "
		      "up 4000cccc0001 up 4000cccc0002 up 5000eeee0001 up 7000ffff0001 up 7000ffff0002 "
		      "up 6000dddd0001 up 8000dddd0002");
	exec_ok(c->db, "DELETE FROM applied_log");
	DOWN(c, "6000dddd0001", "6000dddd0001 7000ffff0002");
	DOWN(c, "3000bbbb0002", "4000cccc0002 7000ffff0002 3000bbbb0002");
	DOWN(c, "other@base", "4000cccc0002 3000bbbb0002");
	assert_log(c, "down 8000dddd0002 down 6000dddd0001 down 5000eeee0001 "
		      "down 7000ffff0002 down 7000ffff0001");
	assert_int_equal(table_exists(c, "t_5000eeee0001"), 0);
	assert_int_equal(table_exists(c, "t_4000cccc0002"), 1);
	STAMP(c, "base", "");
	/* 1.8.1 read the files in readdir order and inserted 8000dddd0002 first;
	 * with the files sorted by name the heads come in map order */
	STAMP(c, "heads", "7000ffff0002 8000dddd0002");
	/* stamps run no revision */
	assert_log(c, "down 8000dddd0002 down 6000dddd0001 down 5000eeee0001 "
		      "down 7000ffff0002 down 7000ffff0001");
	/* nothing left to do: no step, nothing run */
	struct ald_plan_data *plan = NULL;
	assert_int_equal(run_on(c->db, c->g, ALD_STEP_UPGRADE, "heads", 0, NULL, NULL, &plan), 0);
	assert_int_equal(plan->n_steps, 0);
	ald__plan_data_free(plan);
	/* from an empty table all the way up and down again (the stamps left
	 * the tables of the revisions below 5000eeee0001 in place: drop them) */
	const char *left[] = {"1000aaaa0001", "2000aaaa0002", "3000bbbb0001", "3000bbbb0002",
			      "4000cccc0001", "4000cccc0002"};
	for (size_t i = 0; i < 6; i++) {
		char *sql = ald__xasprintf("DROP TABLE t_%s", left[i]);
		exec_ok(c->db, sql);
		free(sql);
	}
	STAMP(c, "base", "");
	UP(c, "heads", "8000dddd0002 7000ffff0002");
	DOWN(c, "base", "");
	assert_query(c->db, "SELECT count(*) FROM applied_log", "27");
}

/* Starting from 2000aaaa0002, `upgrade featb@head` applies the dependency's
 * base too and absorbs its row (§5.3); `upgrade heads` then adds the rest. */
static void test_g1_dependency(void **state)
{
	struct ctx *c = *state;
	PROJECT(c, g1);
	c->check_log = 1;
	UP(c, "2000aaaa0002", "2000aaaa0002");
	UP(c, "featb@head", "8000dddd0002");
	UP(c, "heads", "8000dddd0002 7000ffff0002");
	/* 8000dddd0002 absorbed 7000ffff0001's row; 7000ffff0002 implies it now */
	DOWN(c, "6000dddd0001", "6000dddd0001 7000ffff0002");
	DOWN(c, "other@base", "6000dddd0001");
	assert_query(c->db, "SELECT count(*) FROM applied_log", "14");
}

/* Relative steps on a line: +N, -N, label@+N. */
static void test_relative(void **state)
{
	struct ctx *c = *state;
	PROJECT(c, lin5);
	c->check_log = 1;
	UP(c, "+2", "aaaa00000002");
	UP(c, "+1", "aaaa00000003");
	DOWN(c, "-1", "aaaa00000002");
	UP(c, "lbl@+1", "aaaa00000003");
	UP(c, "head", "aaaa00000005");
	DOWN(c, "-2", "aaaa00000003");
	UP(c, "aaaa00000003+1", "aaaa00000004");
	DOWN(c, "base", "");
	assert_log(c, "up aaaa00000001 up aaaa00000002 up aaaa00000003 down aaaa00000003 "
		      "up aaaa00000003 up aaaa00000004 up aaaa00000005 down aaaa00000005 "
		      "down aaaa00000004 up aaaa00000004 down aaaa00000004 down aaaa00000003 "
		      "down aaaa00000002 down aaaa00000001");
	/* a relative step that cannot be made fails before anything runs */
	assert_int_equal(run_on(c->db, c->g, ALD_STEP_DOWNGRADE, "-1", 0, NULL, NULL, NULL), ALD_EINVALID);
	assert_int_equal(run_on(c->db, c->g, ALD_STEP_UPGRADE, "+6", 0, NULL, NULL, NULL), ALD_EINVALID);
	assert_message("Relative revision +6 didn't produce 6 migrations");
	assert_rows(c, "");
}

/* A version table that does not exist is created, also when there is
 * nothing to do (Alembic's ensure_version); an empty project works. */
static void test_creates_table(void **state)
{
	struct ctx *c = *state;
	PROJECT(c, lin5);
	assert_no_version_table(c);
	DOWN(c, "base", "");
	project(c, NULL, 0);
	UP(c, "heads", "");
	/* a custom name; on PostgreSQL in its own schema */
	struct ald_plan_config cfg = {.version_table = "my_versions"};
	if (c->pg) {
		exec_ok(c->db, "CREATE SCHEMA other");
		cfg.version_table_schema = "other";
	}
	PROJECT(c, lin5);
	assert_int_equal(run_on(c->db, c->g, ALD_STEP_UPGRADE, "+2", 0, &cfg, NULL, NULL), 0);
	if (c->pg) {
		assert_query(c->db, "SELECT version_num FROM other.my_versions", "aaaa00000002");
	} else {
		assert_rows_in(c, c->db, "my_versions", "aaaa00000002");
	}
	assert_rows(c, "");
}

/* ---- stamps ---- */

/* §5.4 on G1: rows after each stamp; nothing is run. */
static void test_stamps(void **state)
{
	struct ctx *c = *state;
	PROJECT(c, g1);
	STAMP(c, "3000bbbb0002", "3000bbbb0002");
	STAMP(c, "4000cccc0002", "3000bbbb0002 4000cccc0002");
	STAMP(c, "5000eeee0001", "5000eeee0001");
	STAMP(c, "heads", "8000dddd0002 7000ffff0002");
	STAMP(c, "2000aaaa0002", "2000aaaa0002 7000ffff0002");
	STAMP(c, "7000ffff0001 3000bbbb0001", "7000ffff0001 3000bbbb0001");
	PURGE(c, "4000cccc0001", "4000cccc0001");
	STAMP(c, "base", "");
	STAMP(c, "8000dddd0002", "8000dddd0002");
	STAMP(c, "7000ffff0002", "8000dddd0002 7000ffff0002");
	STAMP(c, "1000aaaa0001", "1000aaaa0001 7000ffff0002");
	assert_int_equal(run_on(c->db, c->g, ALD_STEP_STAMP, "head", 0, NULL, NULL, NULL), ALD_EMULTIPLEHEADS);
	assert_message("Multiple heads are present; please specify a single target revision");
	STAMP(c, "3000bbbb0001 3000bbbb0002", "3000bbbb0001 7000ffff0002 3000bbbb0002");
	PURGE(c, "heads", "7000ffff0002 8000dddd0002"); /* map order, see test_g1_up_down */
	PURGE(c, "base", "");
	assert_log(c, "");

	/* a row the scripts do not know: only --purge can stamp */
	exec_ok(c->db, "INSERT INTO alembic_version (version_num) VALUES ('ffffffffffff')");
	assert_int_equal(run_on(c->db, c->g, ALD_STEP_STAMP, "heads", 0, NULL, NULL, NULL), ALD_ENOTFOUND);
	assert_message("Can't locate revision identified by 'ffffffffffff'");
	assert_rows(c, "ffffffffffff");
	PURGE(c, "2000aaaa0002", "2000aaaa0002");
}

/* ---- failures ---- */

/* A line of four revisions; `bad` says which statement of which revision
 * fails: r2's first (the start of a run from r1), r3's second (the middle),
 * r4's last (the end). */
static void failing_line(struct ctx *c, int where)
{
	static const char *ok2 = "CREATE TABLE t_bbbb (id INTEGER);\n"
				 "INSERT INTO applied_log (entry) VALUES ('up bbbb');";
	static const char *bad2 = "INSERT INTO no_such_table VALUES (1);\n"
				  "CREATE TABLE t_bbbb (id INTEGER);";
	static const char *ok3 = "CREATE TABLE t_cccc (id INTEGER);\n"
				 "INSERT INTO t_cccc VALUES (1);\n"
				 "INSERT INTO applied_log (entry) VALUES ('up cccc');";
	static const char *bad3 = "CREATE TABLE t_cccc (id INTEGER);\n"
				  "INSERT INTO no_such_table\n  VALUES (1);\n"
				  "INSERT INTO applied_log (entry) VALUES ('up cccc');";
	static const char *ok4 = "CREATE TABLE t_dddd (id INTEGER);\n"
				 "INSERT INTO applied_log (entry) VALUES ('up dddd');";
	static const char *bad4 = "CREATE TABLE t_dddd (id INTEGER);\n"
				  "INSERT INTO applied_log (entry) VALUES ('up dddd');\n"
				  "INSERT INTO no_such_table VALUES (1);";
	const struct rev revs[] = {
		{"aaaa", NULL, NULL, NULL, NULL, NULL, 0},
		{"bbbb", "aaaa", NULL, NULL, where == 0 ? bad2 : ok2, NULL, 0},
		{"cccc", "bbbb", NULL, NULL, where == 1 ? bad3 : ok3, NULL, 0},
		{"dddd", "cccc", NULL, NULL, where == 2 ? bad4 : ok4, NULL, 0},
	};
	PROJECT(c, revs);
}

/* The database's text for the failing INSERT (no position from SQLite 3.40). */
static const char *no_table_text(const struct ctx *c)
{
	return c->pg ? "relation \"no_such_table\" does not exist (SQLSTATE 42P01, at character 13)"
		     : "no such table: no_such_table";
}

static void check_failure_at(struct ctx *c, int where)
{
	static const char *labels[] = {"Running upgrade aaaa -> bbbb, rev bbbb",
				       "Running upgrade bbbb -> cccc, rev cccc",
				       "Running upgrade cccc -> dddd, rev dddd"};
	static const char *ids[] = {"bbbb", "cccc", "dddd"};
	static const char *stmts[] = {"INSERT INTO no_such_table VALUES (1)",
				      "INSERT INTO no_such_table\n      VALUES (1)",
				      "INSERT INTO no_such_table VALUES (1)"};
	failing_line(c, where);
	UP(c, "aaaa", "aaaa");
	exec_ok(c->db, "INSERT INTO t_aaaa VALUES (42)");
	struct ald_plan_data *plan = NULL;
	assert_int_equal(run_on(c->db, c->g, ALD_STEP_UPGRADE, "heads", 0, NULL, NULL, &plan), ALD_EDB);
	/* the plan that was attempted comes back */
	assert_non_null(plan);
	assert_int_equal(plan->n_steps, 3);
	ald__plan_data_free(plan);
	char *path = rev_path(c, ids[where]);
	char *expected = ald__xasprintf("%s: failed\n  revision %s, %s, line %u\n  statement: %s\n"
				       "  database: %s\nThe transaction was rolled back: nothing of it "
				       "was applied.", labels[where], ids[where], path,
				       line_of(c, ids[where], "INSERT INTO no_such_table"), stmts[where],
				       no_table_text(c));
	assert_message(expected);
	assert_int_equal(ald_error_last()->code, ALD_EDB);
	free(expected);
	free(path);
	/* nothing changed: rows, tables, data */
	assert_rows(c, "aaaa");
	assert_log(c, "up aaaa");
	assert_int_equal(table_exists(c, "t_bbbb"), 0);
	assert_int_equal(table_exists(c, "t_cccc"), 0);
	assert_int_equal(table_exists(c, "t_dddd"), 0);
	assert_query(c->db, "SELECT id FROM t_aaaa", "42");
	/* the connection is usable, the lock released: fix nothing, run less */
	if (where > 0)
		UP(c, "bbbb", "bbbb");
}

static void test_fail_start(void **state)
{
	check_failure_at(*state, 0);
}

static void test_fail_middle(void **state)
{
	check_failure_at(*state, 1);
}

static void test_fail_end(void **state)
{
	check_failure_at(*state, 2);
}

/* From an empty database the version table itself is rolled back. */
static void test_fail_from_empty(void **state)
{
	struct ctx *c = *state;
	failing_line(c, 2);
	assert_int_equal(run_on(c->db, c->g, ALD_STEP_UPGRADE, "heads", 0, NULL, NULL, NULL), ALD_EDB);
	assert_no_version_table(c);
	assert_log(c, "");
	assert_int_equal(table_exists(c, "t_aaaa"), 0);
	/* a downgrade that fails the same way */
	const struct rev revs[] = {
		{"aaaa", NULL, NULL, NULL, NULL, NULL, 0},
		{"bbbb", "aaaa", NULL, NULL, NULL, "DROP TABLE t_bbbb;\nSELECT * FROM no_such_table;", 0},
	};
	PROJECT(c, revs);
	UP(c, "heads", "bbbb");
	assert_int_equal(run_on(c->db, c->g, ALD_STEP_DOWNGRADE, "base", 0, NULL, NULL, NULL), ALD_EDB);
	assert_message_contains("Running downgrade bbbb -> aaaa, rev bbbb: failed\n  revision bbbb, ");
	assert_message_contains("\n  statement: SELECT * FROM no_such_table\n");
	assert_rows(c, "bbbb");
	assert_int_equal(table_exists(c, "t_bbbb"), 1);
	if (c->pg)
		assert_message_contains("(SQLSTATE 42P01, at character 15)");
}

/* A version statement that changes no row fails like a statement. */
static void test_version_check(void **state)
{
	struct ctx *c = *state;
	const struct rev revs[] = {
		{"aaaa", NULL, NULL, NULL, NULL, NULL, 0},
		{"bbbb", "aaaa", NULL, NULL, "CREATE TABLE t_bbbb (id INTEGER);\nDELETE FROM alembic_version;", NULL, 0},
	};
	PROJECT(c, revs);
	UP(c, "aaaa", "aaaa");
	assert_int_equal(run_on(c->db, c->g, ALD_STEP_UPGRADE, "bbbb", 0, NULL, NULL, NULL), ALD_EDB);
	char *path = rev_path(c, "bbbb");
	char *expected = ald__xasprintf(
		"Running upgrade aaaa -> bbbb, rev bbbb: failed\n  revision bbbb, %s\n"
		"  statement: UPDATE alembic_version SET version_num='bbbb' WHERE alembic_version.version_num = 'aaaa'\n"
		"  error: Online migration expected to match one row when updating 'aaaa' to 'bbbb' in "
		"'alembic_version'; 0 found\nThe transaction was rolled back: nothing of it was applied.", path);
	assert_message(expected);
	free(expected);
	free(path);
	assert_rows(c, "aaaa");
	assert_int_equal(table_exists(c, "t_bbbb"), 0);
}

/* transaction_per_migration: the steps before the failing one stay. */
static void test_per_migration(void **state)
{
	struct ctx *c = *state;
	failing_line(c, 1);
	struct ald_plan_config cfg = {.transaction_per_migration = 1};
	assert_int_equal(run_on(c->db, c->g, ALD_STEP_UPGRADE, "heads", 0, &cfg, NULL, NULL), ALD_EDB);
	assert_message_contains("Running upgrade bbbb -> cccc, rev cccc: failed\n");
	assert_message_contains("\nThe transaction was rolled back: nothing of it was applied.\n"
				"Committed before it, 2 of the 4 steps stay applied and recorded: aaaa, bbbb.");
	assert_rows(c, "bbbb");
	assert_log(c, "up aaaa up bbbb");
	assert_int_equal(table_exists(c, "t_cccc"), 0);
	/* without it, one transaction: nothing stays */
	DOWN(c, "base", "");
	assert_int_equal(run_on(c->db, c->g, ALD_STEP_UPGRADE, "heads", 0, NULL, NULL, NULL), ALD_EDB);
	assert_rows(c, "");
	/* and the successful steps of a per-migration run commit one by one */
	assert_int_equal(run_on(c->db, c->g, ALD_STEP_UPGRADE, "bbbb", 0, &cfg, NULL, NULL), 0);
	assert_rows(c, "bbbb");
}

/* ---- non-transactional revisions ---- */

/* A statement that fails inside a transaction block. */
static const char *outside_only(const struct ctx *c)
{
	return c->pg ? "CREATE INDEX CONCURRENTLY ix_aaaa ON t_aaaa (id)" : "VACUUM";
}

/* What the progress callback saw of the committed rows, via a second connection. */
struct seen {
	struct ctx *c;
	struct ald_db *other;
	struct ald_strvec at_start; /* "<step>:<rows>" at each step's start */
	int ends, fails;
};

static void record_progress(const struct ald_plan_data *plan, size_t step, int done, double seconds,
			    void *payload)
{
	struct seen *s = payload;
	assert_true(step < plan->n_steps);
	assert_true(seconds >= 0);
	if (done == 1)
		s->ends++;
	if (done == -1)
		s->fails++;
	if (done != 0)
		return;
	struct ald_strvec rows = {0};
	if (ald__db_version_rows(s->other, "alembic_version", NULL, &rows) < 0)
		fail_msg("rows: %s", ald_error_last()->message);
	char *joined = ald__strvec_join(&rows, ",");
	ald__strvec_push(&s->at_start, ald__xasprintf("%zu:%s", step, joined));
	free(joined);
	ald__strvec_free(&rows);
}

static void test_nontransactional(void **state)
{
	struct ctx *c = *state;
	char *up = ald__xasprintf("%s;\nINSERT INTO applied_log (entry) VALUES ('up bbbb');", outside_only(c));
	const struct rev revs[] = {
		{"aaaa", NULL, NULL, NULL, NULL, NULL, 0},
		{"bbbb", "aaaa", NULL, NULL, up, "INSERT INTO applied_log (entry) VALUES ('down bbbb');", 1},
		{"cccc", "bbbb", NULL, NULL, NULL, NULL, 0},
		{"dddd", "cccc", NULL, NULL, "INSERT INTO no_such_table VALUES (1);", NULL, 0},
	};
	PROJECT(c, revs);
	/* the statement really cannot run inside a transaction */
	exec_ok(c->db, "CREATE TABLE t_aaaa (id INTEGER)");
	assert_int_equal(ald__db_begin(c->db), 0);
	assert_int_equal(ald__db_exec(c->db, outside_only(c), NULL), ALD_EDB);
	assert_int_equal(ald__db_rollback(c->db), 0);
	exec_ok(c->db, "DROP TABLE t_aaaa");

	/* one transaction by default: aaaa, committed before bbbb runs outside
	 * any; bbbb's row right after it; cccc and dddd in a new transaction,
	 * which dddd's failure rolls back */
	struct seen s = {.c = c, .other = open_db(c)};
	struct ald_run_config o = {.lock_timeout_ms = -1, .progress = record_progress, .payload = &s};
	assert_int_equal(run_on(c->db, c->g, ALD_STEP_UPGRADE, "heads", 0, NULL, &o, NULL), ALD_EDB);
	assert_int_equal(s.at_start.n, 4);
	assert_string_equal(s.at_start.v[0], "0:");
	assert_string_equal(s.at_start.v[1], "1:");
	assert_string_equal(s.at_start.v[2], "2:bbbb"); /* committed right after bbbb */
	assert_string_equal(s.at_start.v[3], "3:bbbb");
	assert_int_equal(s.ends, 3);
	assert_int_equal(s.fails, 1);
	assert_message_contains("Running upgrade cccc -> dddd, rev dddd: failed\n");
	assert_message_contains("\nThe transaction was rolled back: nothing of it was applied.\n"
				"Committed before it, 2 of the 4 steps stay applied and recorded: aaaa, bbbb.");
	assert_rows(c, "bbbb");
	assert_log(c, "up aaaa up bbbb");
	assert_int_equal(table_exists(c, "t_cccc"), 0);
	if (c->pg)
		assert_query(c->db, "SELECT indexname FROM pg_indexes WHERE indexname = 'ix_aaaa'", "ix_aaaa");

	/* down through it, also outside a transaction */
	ald__strvec_free(&s.at_start);
	memset(&s.at_start, 0, sizeof(s.at_start));
	assert_int_equal(run_on(c->db, c->g, ALD_STEP_DOWNGRADE, "base", 0, NULL, &o, NULL), 0);
	assert_int_equal(s.at_start.n, 2);
	assert_string_equal(s.at_start.v[1], "1:aaaa");
	assert_rows(c, "");
	assert_log(c, "up aaaa up bbbb down bbbb down aaaa");
	ald__strvec_free(&s.at_start);
	ald__db_close(s.other);
	free(up);
}

/* A non-transactional revision failing half-way: its first statement stays,
 * its row is not written. */
static void test_nontransactional_failure(void **state)
{
	struct ctx *c = *state;
	const struct rev revs[] = {
		{"aaaa", NULL, NULL, NULL, NULL, NULL, 0},
		{"bbbb", "aaaa", NULL, NULL,
		 "CREATE TABLE t_bbbb (id INTEGER);\nINSERT INTO no_such_table VALUES (1);", NULL, 1},
		{"cccc", "aaaa", NULL, NULL, "INSERT INTO no_such_table VALUES (1);", NULL, 1},
	};
	PROJECT(c, revs);
	assert_int_equal(run_on(c->db, c->g, ALD_STEP_UPGRADE, "bbbb", 0, NULL, NULL, NULL), ALD_EDB);
	char *path = rev_path(c, "bbbb");
	char *expected = ald__xasprintf(
		"Running upgrade aaaa -> bbbb, rev bbbb: failed\n  revision bbbb, %s, line %u\n"
		"  statement: INSERT INTO no_such_table VALUES (1)\n  database: %s\n"
		"The revision bbbb runs outside a transaction (Transactional: false): its 1 statement "
		"before this one stays applied, and its version row was not written; the same command "
		"with --resume goes on from statement 2.\n"
		"Committed before it, 1 of the 2 steps stay applied and recorded: aaaa.",
		path, line_of(c, "bbbb", "INSERT INTO no_such"), no_table_text(c));
	assert_message(expected);
	free(expected);
	free(path);
	assert_rows(c, "aaaa");
	assert_int_equal(table_exists(c, "t_bbbb"), 1);
	/* the record says exactly how far it went */
	struct ald_progress_row pr;
	assert_int_equal(ald__progress_read(&pr, c->db, "alembic_version", NULL), 0);
	assert_string_equal(pr.revision, "bbbb");
	assert_true(pr.upgrade && pr.done == 1 && pr.running == 1 && pr.total == 2);
	ald__progress_row_clear(&pr);
	/* anything else is refused until it is resumed or stamped */
	assert_int_equal(run_on(c->db, c->g, ALD_STEP_UPGRADE, "cccc", 0, NULL, NULL, NULL), ALD_EUNFINISHED);
	assert_message_contains("In an earlier run, revision bbbb (upgrade, Transactional: false) stopped "
				"after statement 1 of 2, and this command does not start by upgrading it.");
	assert_int_equal(run_on(c->db, c->g, ALD_STEP_UPGRADE, "bbbb", 0, NULL, NULL, NULL), ALD_EUNFINISHED);
	assert_message_contains("run this command again with --resume to run statements 2 to 2");
	assert_int_equal(run_on(c->db, c->g, ALD_STEP_STAMP, "aaaa", 0, NULL, NULL, NULL), 0);
	assert_int_equal(ald__progress_read(&pr, c->db, "alembic_version", NULL), 0);
	assert_null(pr.revision);
	/* failing at its first statement: nothing of it, and no record */
	assert_int_equal(run_on(c->db, c->g, ALD_STEP_UPGRADE, "cccc", 0, NULL, NULL, NULL), ALD_EDB);
	assert_message_contains("\nThe revision cccc runs outside a transaction (Transactional: false): "
				"nothing of it was applied.");
	assert_rows(c, "aaaa");
	assert_int_equal(ald__progress_read(&pr, c->db, "alembic_version", NULL), 0);
	assert_null(pr.revision);
}

/* A non-transactional revision that stopped part-way goes on from its next
 * statement with resume: the statement that ran is not run again. */
static void test_nontransactional_resume(void **state)
{
	struct ctx *c = *state;
	const struct rev revs[] = {
		{"aaaa", NULL, NULL, NULL, NULL, NULL, 0},
		{"bbbb", "aaaa", NULL, NULL,
		 "CREATE TABLE t_bbbb (id INTEGER);\nINSERT INTO later VALUES (1);\nCREATE TABLE t_bbbb2 (id INTEGER);",
		 NULL, 1},
	};
	PROJECT(c, revs);
	assert_int_equal(run_on(c->db, c->g, ALD_STEP_UPGRADE, "heads", 0, NULL, NULL, NULL), ALD_EDB);
	assert_rows(c, "aaaa");
	exec_ok(c->db, "CREATE TABLE later (id INTEGER)"); /* what was missing */
	struct ald_run_request req = {.kind = ALD_STEP_UPGRADE, .target = "heads", .resume = 1};
	struct ald_plan_data *plan = NULL;
	ald__error_clear();
	if (ald__run(&plan, c->db, c->g, &req, &default_cfg, NULL) < 0)
		fail_msg("resume: %s", ald_error_last()->message);
	assert_int_equal(plan->steps[0].skip, 1);
	ald__plan_data_free(plan);
	assert_rows(c, "bbbb");
	assert_int_equal(table_exists(c, "t_bbbb2"), 1);
	struct ald_progress_row pr;
	assert_int_equal(ald__progress_read(&pr, c->db, "alembic_version", NULL), 0);
	assert_null(pr.revision);
	/* resume with nothing to resume is the plain command */
	assert_int_equal(ald__run(NULL, c->db, c->g, &req, &default_cfg, NULL), 0);
}

/* ---- refused plans: nothing runs ---- */

static void test_refused(void **state)
{
	struct ctx *c = *state;
	const struct rev revs[] = {
		{"aaaa", NULL, NULL, NULL, NULL, NULL, 0},
		{"bbbb", "aaaa", NULL, NULL, NULL, "-", 0},
		{"cccc", "bbbb", NULL, NULL, NULL, NULL, 0},
	};
	PROJECT(c, revs);
	/* an Alembic .py revision in the path */
	char *py = ald__xasprintf("%s/dddd_py.py", c->revdir);
	FILE *f = fopen(py, "w");
	assert_non_null(f);
	fputs("\"\"\"py\n\nRevision ID: dddd\n\"\"\"\nrevision = 'dddd'\ndown_revision = 'cccc'\n", f);
	fclose(f);
	struct ald_revfile files[4] = {{0}};
	const char *ids[] = {"aaaa", "bbbb", "cccc"};
	for (int i = 0; i < 3; i++) {
		char *p = rev_path(c, ids[i]);
		assert_int_equal(ald__revfile_load(&files[i], p), 0);
		free(p);
	}
	assert_int_equal(ald__revfile_load(&files[3], py), 0);
	struct ald_graph *g = NULL;
	assert_int_equal(ald__graph_build(&g, files, 4), 0);
	struct ald_plan_data *plan = (struct ald_plan_data *)1;
	/* without an Alembic to run it (ald_run_options.alembic), refused before anything runs */
	assert_int_equal(run_on(c->db, g, ALD_STEP_UPGRADE, "heads", 0, NULL, NULL, &plan), ALD_EUSAGE);
	assert_non_null(plan);
	assert_int_equal(plan->n_steps, 4);
	ald__plan_data_free(plan);
	assert_message_contains("revision dddd (");
	assert_message_contains("is an Alembic .py revision, and no Alembic was given to run it: nothing was run");
	assert_no_version_table(c);
	assert_log(c, "");
	ald__graph_free(g);
	free(py);

	/* a downgrade through a revision without a downgrade section */
	UP(c, "heads", "cccc");
	assert_int_equal(run_on(c->db, c->g, ALD_STEP_DOWNGRADE, "base", 0, NULL, NULL, NULL), ALD_EUSAGE);
	assert_message_contains("has no \"-- migrate:downgrade\" section and cannot be downgraded");
	assert_rows(c, "cccc");
	assert_log(c, "up aaaa up bbbb up cccc");
	/* an offline configuration is not run */
	struct ald_plan_config cfg = {.offline = 1};
	assert_int_equal(run_on(c->db, c->g, ALD_STEP_UPGRADE, "heads", 0, &cfg, NULL, NULL), ALD_EUSAGE);
}

/* ---- concurrency ---- */

struct racer {
	struct ctx *c;
	struct ald_db *db;
	long timeout_ms;
	int hold_ms;          /* the first run sleeps this long at its first step */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int started;          /* the first run holds the lock */
	int waits;            /* the second's waiting callback */
	int result;
	size_t steps;
	pthread_t thread;
};

static void hold_progress(const struct ald_plan_data *plan, size_t step, int done, double seconds,
			  void *payload)
{
	(void)plan;
	(void)seconds;
	struct racer *r = payload;
	if (step != 0 || done != 0)
		return;
	pthread_mutex_lock(&r->mu);
	r->started = 1;
	pthread_cond_signal(&r->cv);
	pthread_mutex_unlock(&r->mu);
	usleep((useconds_t)r->hold_ms * 1000);
}

static void *first_run(void *arg)
{
	struct racer *r = arg;
	struct ald_run_config o = {.lock_timeout_ms = -1, .progress = hold_progress, .payload = r};
	struct ald_plan_data *plan = NULL;
	r->result = run_on(r->db, r->c->g, ALD_STEP_UPGRADE, "heads", 0, NULL, &o, &plan);
	r->steps = plan ? plan->n_steps : 0;
	ald__plan_data_free(plan);
	return NULL;
}

static void count_wait(void *payload)
{
	(*(int *)payload)++;
}

/* Starts the first run in a thread and returns once it holds the lock. */
static void start_first(struct racer *r, struct ctx *c, int hold_ms)
{
	memset(r, 0, sizeof(*r));
	r->c = c;
	r->hold_ms = hold_ms;
	r->db = open_db(c);
	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->cv, NULL);
	assert_int_equal(pthread_create(&r->thread, NULL, first_run, r), 0);
	pthread_mutex_lock(&r->mu);
	while (!r->started)
		pthread_cond_wait(&r->cv, &r->mu);
	pthread_mutex_unlock(&r->mu);
}

static void join_first(struct racer *r)
{
	pthread_join(r->thread, NULL);
	pthread_mutex_destroy(&r->mu);
	pthread_cond_destroy(&r->cv);
	ald__db_close(r->db);
	if (r->result < 0)
		fail_msg("the first run failed: %d", r->result);
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Two `upgrade heads` together: the second waits, then has nothing to do. */
static void test_concurrent(void **state)
{
	struct ctx *c = *state;
	PROJECT(c, lin5);
	struct racer r;
	start_first(&r, c, 400);
	int waits = 0;
	struct ald_run_config o = {.lock_timeout_ms = -1, .waiting = count_wait, .payload = &waits};
	struct ald_plan_data *plan = NULL;
	long long t0 = now_ms();
	assert_int_equal(run_on(c->db, c->g, ALD_STEP_UPGRADE, "heads", 0, NULL, &o, &plan), 0);
	long long waited = now_ms() - t0;
	join_first(&r);
	assert_int_equal(r.steps, 5);
	assert_int_equal(waits, 1);
	assert_int_equal(plan->n_steps, 0);
	ald__plan_data_free(plan);
	if (waited < 200)
		fail_msg("the second run did not wait (%lld ms)", waited);
	assert_log(c, "up aaaa00000001 up aaaa00000002 up aaaa00000003 up aaaa00000004 up aaaa00000005");
	assert_rows(c, "aaaa00000005");
	if (!c->pg) { /* the lock file stays beside the database */
		char *lock = ald__xasprintf("%s.aludel-lock", c->path);
		assert_int_equal(access(lock, F_OK), 0);
		free(lock);
	}
}

/* With a short lock timeout the second run gives up with ALD_ELOCKED. */
static void test_lock_timeout(void **state)
{
	struct ctx *c = *state;
	PROJECT(c, lin5);
	struct racer r;
	start_first(&r, c, 800);
	int waits = 0;
	struct ald_run_config o = {.lock_timeout_ms = 100, .waiting = count_wait, .payload = &waits};
	struct ald_plan_data *plan = (struct ald_plan_data *)1;
	long long t0 = now_ms();
	assert_int_equal(run_on(c->db, c->g, ALD_STEP_UPGRADE, "heads", 0, NULL, &o, &plan), ALD_ELOCKED);
	long long took = now_ms() - t0;
	assert_null(plan);
	assert_int_equal(waits, 1);
	assert_message_contains("timed out after 100 ms waiting for the migration lock of ");
	assert_message_contains("another migration is running on this database");
	if (!c->pg)
		assert_message_contains(".aludel-lock");
	if (took < 90 || took > 700)
		fail_msg("gave up after %lld ms", took);
	join_first(&r);
	assert_rows(c, "aaaa00000005");
	assert_log(c, "up aaaa00000001 up aaaa00000002 up aaaa00000003 up aaaa00000004 up aaaa00000005");
	/* the lock is free again: no wait */
	waits = 0;
	o.lock_timeout_ms = 0;
	assert_int_equal(run_on(c->db, c->g, ALD_STEP_DOWNGRADE, "-1", 0, NULL, &o, NULL), 0);
	assert_int_equal(waits, 0);
	assert_rows(c, "aaaa00000004");
}

/* ---- interrupts ---- */

struct canceller {
	struct ald_db *db;
	int delay_ms;
	pthread_t thread;
};

static void *cancel_main(void *arg)
{
	struct canceller *k = arg;
	usleep((useconds_t)k->delay_ms * 1000);
	ald__db_cancel(k->db);
	return NULL;
}

static const char *slow_statement(const struct ctx *c)
{
	return c->pg ? "SELECT pg_sleep(20)"
		     : "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
		       "WHERE i < 2000000000) SELECT count(*) FROM n";
}

/* A long statement cancelled from another thread: all rolled back. */
static void test_interrupt(void **state)
{
	struct ctx *c = *state;
	char *up = ald__xasprintf("CREATE TABLE t_bbbb (id INTEGER);\n%s;", slow_statement(c));
	const struct rev revs[] = {
		{"aaaa", NULL, NULL, NULL, NULL, NULL, 0},
		{"bbbb", "aaaa", NULL, NULL, up, NULL, 0},
	};
	PROJECT(c, revs);
	struct canceller k = {.db = c->db, .delay_ms = 300};
	assert_int_equal(pthread_create(&k.thread, NULL, cancel_main, &k), 0);
	long long t0 = now_ms();
	assert_int_equal(run_on(c->db, c->g, ALD_STEP_UPGRADE, "heads", 0, NULL, NULL, NULL), ALD_EINTERRUPTED);
	long long took = now_ms() - t0;
	pthread_join(k.thread, NULL);
	if (took > 5000)
		fail_msg("the interrupted run lasted %lld ms", took);
	char *path = rev_path(c, "bbbb");
	char *expected = ald__xasprintf("Running upgrade aaaa -> bbbb, rev bbbb: interrupted\n"
				       "  revision bbbb, %s, line %u\n  statement: %s\n"
				       "Interrupted: the transaction was rolled back: nothing of it was applied.",
				       path, line_of(c, "bbbb", c->pg ? "SELECT pg_sleep" : "WITH RECURSIVE"),
				       slow_statement(c));
	assert_message(expected);
	free(expected);
	free(path);
	assert_int_equal(ald_error_last()->code, ALD_EINTERRUPTED);
	/* nothing of the run stays, and the connection works again */
	assert_no_version_table(c);
	assert_log(c, "");
	assert_int_equal(table_exists(c, "t_aaaa"), 0);
	UP(c, "aaaa", "aaaa");
	free(up);
}

/* A cancel between statements stops the run before its next statement. */
static void cancel_at_second(const struct ald_plan_data *plan, size_t step, int done, double seconds,
			     void *payload)
{
	(void)plan;
	(void)seconds;
	if (step == 1 && done == 0)
		ald__db_cancel(payload);
}

static void test_interrupt_between(void **state)
{
	struct ctx *c = *state;
	PROJECT(c, lin5);
	UP(c, "aaaa00000001", "aaaa00000001");
	struct ald_run_config o = {.lock_timeout_ms = -1, .progress = cancel_at_second, .payload = c->db};
	/* one transaction: the next statement is refused, all is rolled back */
	assert_int_equal(run_on(c->db, c->g, ALD_STEP_UPGRADE, "heads", 0, NULL, &o, NULL), ALD_EINTERRUPTED);
	char *path = rev_path(c, "aaaa00000003");
	char *expected = ald__xasprintf(
		"Running upgrade aaaa00000002 -> aaaa00000003, rev aaaa00000003: interrupted\n"
		"  revision aaaa00000003, %s, line %u\n  statement: CREATE TABLE t_aaaa00000003 (id INTEGER)\n"
		"Interrupted: the transaction was rolled back: nothing of it was applied.",
		path, line_of(c, "aaaa00000003", "CREATE TABLE"));
	assert_message(expected);
	free(expected);
	assert_rows(c, "aaaa00000001");
	assert_log(c, "up aaaa00000001");
	assert_int_equal(table_exists(c, "t_aaaa00000002"), 0);
	/* a transaction per migration: the first step stays, the second does not begin */
	struct ald_plan_config cfg = {.transaction_per_migration = 1};
	assert_int_equal(run_on(c->db, c->g, ALD_STEP_UPGRADE, "heads", 0, &cfg, &o, NULL), ALD_EINTERRUPTED);
	expected = ald__xasprintf(
		"Running upgrade aaaa00000002 -> aaaa00000003, rev aaaa00000003: interrupted\n"
		"  revision aaaa00000003, %s\n  statement: BEGIN\n"
		"Interrupted: the step was not started: nothing of it was applied.\n"
		"Committed before it, 1 of the 4 steps stay applied and recorded: aaaa00000002.", path);
	assert_message(expected);
	free(expected);
	free(path);
	assert_rows(c, "aaaa00000002");
	assert_log(c, "up aaaa00000001 up aaaa00000002");
	/* the cancel request was cleared */
	UP(c, "heads", "aaaa00000005");
}

/* A cancel while waiting for another run's lock. */
static void test_interrupt_waiting(void **state)
{
	struct ctx *c = *state;
	PROJECT(c, lin5);
	struct racer r;
	start_first(&r, c, 600);
	struct canceller k = {.db = c->db, .delay_ms = 150};
	assert_int_equal(pthread_create(&k.thread, NULL, cancel_main, &k), 0);
	long long t0 = now_ms();
	assert_int_equal(run_on(c->db, c->g, ALD_STEP_UPGRADE, "heads", 0, NULL, NULL, NULL), ALD_EINTERRUPTED);
	long long took = now_ms() - t0;
	pthread_join(k.thread, NULL);
	assert_message("Interrupted before the migration started: nothing was run.");
	if (took > 550)
		fail_msg("the cancelled wait lasted %lld ms", took);
	join_first(&r);
	assert_rows(c, "aaaa00000005");
}

/* ---- SQLite specifics ---- */

/* An in-memory database has no lock file and still runs. */
static void test_memory(void **state)
{
	struct ctx *c = *state;
	if (c->pg)
		return;
	PROJECT(c, lin5);
	struct ald_db *db = NULL;
	assert_int_equal(ald__db_open(&db, "sqlite://"), 0);
	exec_ok(db, "CREATE TABLE applied_log (n INTEGER PRIMARY KEY, entry TEXT)");
	assert_int_equal(run_on(db, c->g, ALD_STEP_UPGRADE, "+2", 0, NULL, NULL, NULL), 0);
	assert_query(db, "SELECT version_num FROM alembic_version", "aaaa00000002");
	ald__db_close(db);
}

#define BOTH(f)                                                                  \
	{#f " (sqlite)", f, setup, teardown, &on_sqlite},                        \
	{#f " (postgresql)", f, setup, teardown, &on_pg}

int main(void)
{
	const struct CMUnitTest tests[] = {
		BOTH(test_g1_up_down),
		BOTH(test_g1_dependency),
		BOTH(test_relative),
		BOTH(test_creates_table),
		BOTH(test_stamps),
		BOTH(test_fail_start),
		BOTH(test_fail_middle),
		BOTH(test_fail_end),
		BOTH(test_fail_from_empty),
		BOTH(test_version_check),
		BOTH(test_per_migration),
		BOTH(test_nontransactional),
		BOTH(test_nontransactional_failure),
		BOTH(test_nontransactional_resume),
		BOTH(test_refused),
		BOTH(test_concurrent),
		BOTH(test_lock_timeout),
		BOTH(test_interrupt),
		BOTH(test_interrupt_between),
		BOTH(test_interrupt_waiting),
		BOTH(test_memory),
	};
	return cmocka_run_group_tests(tests, ald_test_backends_setup, ald_test_backends_teardown);
}
