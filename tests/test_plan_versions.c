/* test_plan_versions.c - the version table's rows through upgrade, downgrade
 * and stamp steps (plan_versions.c, doc/alembic-compat.md §5.2-5.4).
 *
 * Each test runs a command's steps (the revisions in the order Alembic 1.8.1
 * ran them) through ald__plan_step_versions / ald__plan_stamp_steps, applies
 * the statements produced to a simulated SQLite table (rowid = max + 1, an
 * UPDATE or DELETE must match exactly one row) and compares the table after
 * each command with the rows Alembic 1.8.1 left in a real SQLite database:
 * Debian's 1.8.1, file names read in sorted order (aludel's map order),
 * PYTHONHASHSEED=0. Where 1.8.1 picks from a Python set, the comparison is
 * also right as a set (the rowid order of the captures matches map order
 * with PYTHONHASHSEED=0, so the lists are compared exactly). Where 1.8.1
 * crashes (§8.2.1), the expected rows are what §5.2 means, noted at the test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph_fixtures.h"
#include "plan.h"

/* ---- graphs ---- */

#define BUILD(specs) fixture_graph(specs, FIXTURE_N(specs), ALD_REVFILE_SQL)

/* merge3 (G1, G2, lin5: graph_fixtures.h): a merge of three branches, one
 * of them absorbed into another row through depends_on: 1.8.1's KeyError. */
static const struct spec MERGE3[] = {
	{"0a0a0a0a0a01", NULL, NULL, NULL},
	{"1b1b1b1b1b01", "0a0a0a0a0a01", "left", NULL},
	{"2c2c2c2c2c01", "0a0a0a0a0a01", NULL, NULL},
	{"3d3d3d3d3d01", "0a0a0a0a0a01", "right", NULL},
	{"3d3d3d3d3d02", "3d3d3d3d3d01", NULL, "1b1b1b1b1b01"},
	{"9e9e9e9e9e01", "2c2c2c2c2c01,1b1b1b1b1b01,3d3d3d3d3d02", NULL, NULL},
	{"9e9e9e9e9e02", "9e9e9e9e9e01", NULL, NULL},
};

static size_t R(const struct ald_graph *g, const char *id)
{
	size_t r = ald__graph_find(g, id);
	if (r == ALD_NOREV)
		fail_msg("no revision %s", id);
	return r;
}

/* ---- the simulated version table ---- */

#define MAXROWS 16
struct table {
	long rowid[MAXROWS];
	char ver[MAXROWS][40];
	size_t n;
};

static long max_rowid(const struct table *t)
{
	long m = 0;
	for (size_t i = 0; i < t->n; i++)
		if (t->rowid[i] > m)
			m = t->rowid[i];
	return m;
}

/* The index of the row holding v; fails the test unless exactly one does. */
static size_t one_row(const struct table *t, const char *v, const char *stmt)
{
	size_t hit = 0, at = 0;
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->ver[i], v) == 0) {
			hit++;
			at = i;
		}
	if (hit != 1)
		fail_msg("%zu rows match in: %s", hit, stmt);
	return at;
}

/* Executes one version statement of the SQLite/PostgreSQL forms. */
static void apply(struct table *t, const char *stmt)
{
	char a[40], b[40];
	if (sscanf(stmt, "INSERT INTO alembic_version (version_num) VALUES ('%39[^']')", a) == 1) {
		for (size_t i = 0; i < t->n; i++)
			if (strcmp(t->ver[i], a) == 0)
				fail_msg("duplicate key: %s", stmt);
		assert_true(t->n < MAXROWS);
		t->rowid[t->n] = max_rowid(t) + 1;
		strcpy(t->ver[t->n++], a);
	} else if (sscanf(stmt, "UPDATE alembic_version SET version_num='%39[^']' WHERE "
			  "alembic_version.version_num = '%39[^']'", a, b) == 2) {
		strcpy(t->ver[one_row(t, b, stmt)], a);
	} else if (sscanf(stmt, "DELETE FROM alembic_version WHERE alembic_version.version_num = '%39[^']'",
			  a) == 1) {
		size_t i = one_row(t, a, stmt);
		memmove(&t->rowid[i], &t->rowid[i + 1], (t->n - i - 1) * sizeof(t->rowid[0]));
		memmove(t->ver[i], t->ver[i + 1], (t->n - i - 1) * sizeof(t->ver[0]));
		t->n--;
	} else {
		fail_msg("not a version statement: %s", stmt);
	}
}

/* "2:8000dddd0002 3:7000ffff0002": the rows in rowid order. */
static char *show(const struct table *t)
{
	struct ald_buf b = {0};
	for (size_t i = 0; i < t->n; i++)
		ald__buf_printf(&b, "%s%ld:%s", i ? " " : "", t->rowid[i], t->ver[i]);
	return ald__buf_detach(&b);
}

/* The test's state: graph, simulated table, and the plan's own row list,
 * which must always equal the table's rows in rowid order. */
struct world {
	struct ald_graph *g;
	struct table t;
	struct ald_ixvec rows;
	struct ald_plan_config cfg;
	struct ald_buf log; /* every step's statements: "<id>: stmt | stmt\n" */
};

static void world_init(struct world *w, struct ald_graph *g, const char *dialect)
{
	memset(w, 0, sizeof(*w));
	w->g = g;
	w->cfg.dialect = ald__dialect_by_name(dialect);
	w->cfg.offline = 1;
}

static void world_free(struct world *w)
{
	ald__ixvec_free(&w->rows);
	ald__buf_free(&w->log);
	ald__graph_free(w->g);
}

static void check_rows(struct world *w, const char *expected)
{
	char *s = show(&w->t);
	assert_string_equal(s, expected);
	free(s);
	assert_int_equal(w->rows.n, w->t.n);
	for (size_t i = 0; i < w->t.n; i++)
		assert_string_equal(w->g->revs[w->rows.v[i]].file.id, w->t.ver[i]);
}

static void clear_vsql(struct ald_step *st)
{
	for (size_t i = 0; i < st->n_vsql; i++)
		ald__vsql_clear(&st->vsql[i]);
	free(st->vsql);
}

static void log_step(struct world *w, const struct ald_step *st)
{
	if (st->kind == ALD_STEP_STAMP) {
		for (size_t k = 0; k < st->from.n; k++)
			ald__buf_printf(&w->log, "%s%s", k ? ", " : "", w->g->revs[st->from.v[k]].file.id);
		ald__buf_printf(&w->log, " -> %s", st->rev == ALD_NOREV ? "" : w->g->revs[st->rev].file.id);
	} else {
		ald__buf_puts(&w->log, w->g->revs[st->rev].file.id);
	}
	ald__buf_putc(&w->log, ':');
	for (size_t i = 0; i < st->n_vsql; i++) {
		ald__buf_printf(&w->log, "%s%s", i ? " | " : " ", st->vsql[i].sql);
		apply(&w->t, st->vsql[i].sql);
	}
	ald__buf_putc(&w->log, '\n');
}

/* Runs upgrade (up = 1) or downgrade steps of the space-separated ids and
 * compares the rows afterwards. */
static void steps(struct world *w, int up, const char *ids, const char *expected_rows)
{
	char *copy = ald__xstrdup(ids), *save = NULL;
	for (char *id = strtok_r(copy, " ", &save); id; id = strtok_r(NULL, " ", &save)) {
		struct ald_step st;
		memset(&st, 0, sizeof(st));
		st.kind = up ? ALD_STEP_UPGRADE : ALD_STEP_DOWNGRADE;
		st.rev = R(w->g, id);
		ald__plan_step_versions(&st, &w->rows, w->g, &w->cfg);
		log_step(w, &st);
		clear_vsql(&st);
	}
	free(copy);
	check_rows(w, expected_rows);
}

static void ids_to(struct ald_ixvec *v, const struct ald_graph *g, const char *csv)
{
	if (!csv)
		return;
	struct ald_strvec sv = {0};
	fixture_split(&sv, csv);
	for (size_t i = 0; i < sv.n; i++)
		ald__ixvec_push(v, R(g, sv.v[i]));
	ald__strvec_free(&sv);
}

/* One stamp argument: the revisions it names, the revisions its rows must
 * share lineage with (NULL: every row, as for `base`). */
struct sarg {
	const char *dests, *lineage;
};

/* Runs a stamp; `logs` is the expected log lines ("from -> to", one per step,
 * separated by " / "). */
static void stamp(struct world *w, const struct sarg *a, size_t n, const char *logs, const char *expected_rows)
{
	struct ald_stamp_arg args[4];
	assert_true(n <= 4);
	memset(args, 0, sizeof(args));
	for (size_t i = 0; i < n; i++) {
		ids_to(&args[i].dests, w->g, a[i].dests);
		ids_to(&args[i].lineage, w->g, a[i].lineage);
		args[i].every_row = a[i].lineage == NULL;
	}
	struct ald_plan_data p;
	memset(&p, 0, sizeof(p));
	ald__plan_stamp_steps(&p, &w->rows, w->g, args, n, &w->cfg);
	struct ald_buf b = {0};
	for (size_t i = 0; i < p.n_steps; i++) {
		struct ald_step *st = &p.steps[i];
		if (i)
			ald__buf_puts(&b, " / ");
		for (size_t k = 0; k < st->from.n; k++)
			ald__buf_printf(&b, "%s%s", k ? ", " : "", w->g->revs[st->from.v[k]].file.id);
		ald__buf_printf(&b, " -> %s", st->rev == ALD_NOREV ? "" : w->g->revs[st->rev].file.id);
		log_step(w, st);
		ald__ixvec_free(&st->from);
		clear_vsql(st);
	}
	free(p.steps);
	if (logs)
		assert_string_equal(ald__buf_cstr(&b), logs);
	ald__buf_free(&b);
	for (size_t i = 0; i < n; i++) {
		ald__ixvec_free(&args[i].dests);
		ald__ixvec_free(&args[i].lineage);
	}
	check_rows(w, expected_rows);
}

#define STAMP(w, logs, rows, ...)                                                  \
	do {                                                                       \
		const struct sarg a_[] = {__VA_ARGS__};                            \
		stamp(w, a_, sizeof(a_) / sizeof(a_[0]), logs, rows);               \
	} while (0)

static void purge(struct world *w)
{
	w->t.n = 0;
	w->rows.n = 0;
}

static void assert_log(struct world *w, const char *expected)
{
	assert_string_equal(ald__buf_cstr(&w->log), expected);
	ald__buf_free(&w->log);
}

/* One command of a captured scenario: kind 'u' upgrade, 'd' downgrade, 's'
 * stamp, 'p' stamp --purge; the stamp's arguments; the log of the steps as
 * Alembic 1.8.1 ran them, one line per step ("<revision>: statement |
 * statement", for a stamp "<from> -> <to>: ..."); the rows afterwards. The
 * steps of an upgrade or downgrade are the revisions of the log's lines. */
struct cmd {
	const char *what;
	char kind;
	struct sarg args[3];
	const char *log;
	const char *rows;
};

static void expect_str(const char *what, const char *got, const char *expected)
{
	if (strcmp(got, expected) != 0)
		fail_msg("%s:\n got:\n%s\n expected:\n%s", what, got, expected);
}

static void run_cmds(const struct spec *specs, size_t n_specs, const struct cmd *cmds, size_t n)
{
	struct world w;
	world_init(&w, fixture_graph(specs, n_specs, ALD_REVFILE_SQL), "sqlite");
	for (size_t c = 0; c < n; c++) {
		const struct cmd *cmd = &cmds[c];
		print_message("%s\n", cmd->what);
		if (cmd->kind == 'u' || cmd->kind == 'd') {
			struct ald_buf ids = {0};
			for (const char *l = cmd->log; *l; l = strchr(l, '\n') + 1)
				ald__buf_printf(&ids, "%s%.*s", ids.len ? " " : "", (int)strcspn(l, ":"), l);
			steps(&w, cmd->kind == 'u', ald__buf_cstr(&ids), cmd->rows);
			ald__buf_free(&ids);
		} else {
			if (cmd->kind == 'p')
				purge(&w);
			size_t na = 0;
			while (na < 3 && (cmd->args[na].dests || cmd->args[na].lineage || na == 0))
				na++;
			stamp(&w, cmd->args, na, NULL, cmd->rows);
		}
		expect_str(cmd->what, ald__buf_cstr(&w.log), cmd->log);
		ald__buf_free(&w.log);
	}
	world_free(&w);
}

#define RUN(specs, cmds) run_cmds(specs, sizeof(specs) / sizeof(specs[0]), cmds, sizeof(cmds) / sizeof(cmds[0]))

#define HEADS_G1 "7000ffff0002,8000dddd0002"

/* Captured with Alembic 1.8.1 on SQLite (online), see the top of the file. */

static const struct cmd G1_HISTORY[] = {
	{"upgrade 2000aaaa0002", 'u', {{NULL, NULL}},
	   "1000aaaa0001: INSERT INTO alembic_version (version_num) VALUES ('1000aaaa0001')\n"
	   "2000aaaa0002: UPDATE alembic_version SET version_num='2000aaaa0002' WHERE alembic_version.version_num = '1000aaaa0001'\n",
	   "1:2000aaaa0002"},
	{"upgrade 3000bbbb0002", 'u', {{NULL, NULL}},
	   "3000bbbb0001: UPDATE alembic_version SET version_num='3000bbbb0001' WHERE alembic_version.version_num = '2000aaaa0002'\n"
	   "3000bbbb0002: UPDATE alembic_version SET version_num='3000bbbb0002' WHERE alembic_version.version_num = '3000bbbb0001'\n",
	   "1:3000bbbb0002"},
	{"upgrade 4000cccc0002", 'u', {{NULL, NULL}},
	   "4000cccc0001: INSERT INTO alembic_version (version_num) VALUES ('4000cccc0001')\n"
	   "4000cccc0002: UPDATE alembic_version SET version_num='4000cccc0002' WHERE alembic_version.version_num = '4000cccc0001'\n",
	   "1:3000bbbb0002 2:4000cccc0002"},
	{"upgrade 5000eeee0001", 'u', {{NULL, NULL}},
	   "5000eeee0001: DELETE FROM alembic_version WHERE alembic_version.version_num = '3000bbbb0002' | UPDATE alembic_version SET version_num='5000eeee0001' WHERE alembic_version.version_num = '4000cccc0002'\n",
	   "2:5000eeee0001"},
	{"upgrade other@head", 'u', {{NULL, NULL}},
	   "7000ffff0001: INSERT INTO alembic_version (version_num) VALUES ('7000ffff0001')\n"
	   "7000ffff0002: UPDATE alembic_version SET version_num='7000ffff0002' WHERE alembic_version.version_num = '7000ffff0001'\n",
	   "2:5000eeee0001 3:7000ffff0002"},
	{"upgrade 8000dddd0002", 'u', {{NULL, NULL}},
	   "6000dddd0001: UPDATE alembic_version SET version_num='6000dddd0001' WHERE alembic_version.version_num = '5000eeee0001'\n"
	   "8000dddd0002: UPDATE alembic_version SET version_num='8000dddd0002' WHERE alembic_version.version_num = '6000dddd0001'\n",
	   "2:8000dddd0002 3:7000ffff0002"},
	{"downgrade 6000dddd0001", 'd', {{NULL, NULL}},
	   "8000dddd0002: UPDATE alembic_version SET version_num='6000dddd0001' WHERE alembic_version.version_num = '8000dddd0002'\n",
	   "2:6000dddd0001 3:7000ffff0002"},
	{"downgrade 3000bbbb0002", 'd', {{NULL, NULL}},
	   "6000dddd0001: UPDATE alembic_version SET version_num='5000eeee0001' WHERE alembic_version.version_num = '6000dddd0001'\n"
	   "5000eeee0001: INSERT INTO alembic_version (version_num) VALUES ('3000bbbb0002') | UPDATE alembic_version SET version_num='4000cccc0002' WHERE alembic_version.version_num = '5000eeee0001'\n",
	   "2:4000cccc0002 3:7000ffff0002 4:3000bbbb0002"},
	{"downgrade other@base", 'd', {{NULL, NULL}},
	   "7000ffff0002: UPDATE alembic_version SET version_num='7000ffff0001' WHERE alembic_version.version_num = '7000ffff0002'\n"
	   "7000ffff0001: DELETE FROM alembic_version WHERE alembic_version.version_num = '7000ffff0001'\n",
	   "2:4000cccc0002 4:3000bbbb0002"},
	{"stamp base", 's', {{NULL, NULL}},
	   "4000cccc0002 -> : DELETE FROM alembic_version WHERE alembic_version.version_num = '4000cccc0002'\n"
	   "3000bbbb0002 -> : DELETE FROM alembic_version WHERE alembic_version.version_num = '3000bbbb0002'\n",
	   ""},
	{"stamp heads", 's', {{HEADS_G1, HEADS_G1}},
	   " -> 7000ffff0002: INSERT INTO alembic_version (version_num) VALUES ('7000ffff0002')\n"
	   " -> 8000dddd0002: INSERT INTO alembic_version (version_num) VALUES ('8000dddd0002')\n",
	   "1:7000ffff0002 2:8000dddd0002"},
};

static const struct cmd G1_DEPENDS[] = {
	{"upgrade 2000aaaa0002", 'u', {{NULL, NULL}},
	   "1000aaaa0001: INSERT INTO alembic_version (version_num) VALUES ('1000aaaa0001')\n"
	   "2000aaaa0002: UPDATE alembic_version SET version_num='2000aaaa0002' WHERE alembic_version.version_num = '1000aaaa0001'\n",
	   "1:2000aaaa0002"},
	{"upgrade featb@head", 'u', {{NULL, NULL}},
	   "4000cccc0001: UPDATE alembic_version SET version_num='4000cccc0001' WHERE alembic_version.version_num = '2000aaaa0002'\n"
	   "4000cccc0002: UPDATE alembic_version SET version_num='4000cccc0002' WHERE alembic_version.version_num = '4000cccc0001'\n"
	   "7000ffff0001: INSERT INTO alembic_version (version_num) VALUES ('7000ffff0001')\n"
	   "3000bbbb0001: INSERT INTO alembic_version (version_num) VALUES ('3000bbbb0001')\n"
	   "3000bbbb0002: UPDATE alembic_version SET version_num='3000bbbb0002' WHERE alembic_version.version_num = '3000bbbb0001'\n"
	   "5000eeee0001: DELETE FROM alembic_version WHERE alembic_version.version_num = '3000bbbb0002' | UPDATE alembic_version SET version_num='5000eeee0001' WHERE alembic_version.version_num = '4000cccc0002'\n"
	   "6000dddd0001: UPDATE alembic_version SET version_num='6000dddd0001' WHERE alembic_version.version_num = '5000eeee0001'\n"
	   "8000dddd0002: DELETE FROM alembic_version WHERE alembic_version.version_num = '6000dddd0001' | UPDATE alembic_version SET version_num='8000dddd0002' WHERE alembic_version.version_num = '7000ffff0001'\n",
	   "2:8000dddd0002"},
	{"upgrade heads", 'u', {{NULL, NULL}},
	   "7000ffff0002: INSERT INTO alembic_version (version_num) VALUES ('7000ffff0002')\n",
	   "2:8000dddd0002 3:7000ffff0002"},
	{"downgrade base", 'd', {{NULL, NULL}},
	   "7000ffff0002: DELETE FROM alembic_version WHERE alembic_version.version_num = '7000ffff0002'\n"
	   "8000dddd0002: INSERT INTO alembic_version (version_num) VALUES ('6000dddd0001') | UPDATE alembic_version SET version_num='7000ffff0001' WHERE alembic_version.version_num = '8000dddd0002'\n"
	   "6000dddd0001: UPDATE alembic_version SET version_num='5000eeee0001' WHERE alembic_version.version_num = '6000dddd0001'\n"
	   "5000eeee0001: INSERT INTO alembic_version (version_num) VALUES ('3000bbbb0002') | UPDATE alembic_version SET version_num='4000cccc0002' WHERE alembic_version.version_num = '5000eeee0001'\n"
	   "3000bbbb0002: UPDATE alembic_version SET version_num='3000bbbb0001' WHERE alembic_version.version_num = '3000bbbb0002'\n"
	   "3000bbbb0001: DELETE FROM alembic_version WHERE alembic_version.version_num = '3000bbbb0001'\n"
	   "4000cccc0002: UPDATE alembic_version SET version_num='4000cccc0001' WHERE alembic_version.version_num = '4000cccc0002'\n"
	   "4000cccc0001: UPDATE alembic_version SET version_num='2000aaaa0002' WHERE alembic_version.version_num = '4000cccc0001'\n"
	   "2000aaaa0002: UPDATE alembic_version SET version_num='1000aaaa0001' WHERE alembic_version.version_num = '2000aaaa0002'\n"
	   "1000aaaa0001: DELETE FROM alembic_version WHERE alembic_version.version_num = '1000aaaa0001'\n"
	   "7000ffff0001: DELETE FROM alembic_version WHERE alembic_version.version_num = '7000ffff0001'\n",
	   ""},
};

static const struct cmd G1_STAMPS[] = {
	{"stamp 3000bbbb0002", 's', {{"3000bbbb0002", "3000bbbb0002"}},
	   " -> 3000bbbb0002: INSERT INTO alembic_version (version_num) VALUES ('3000bbbb0002')\n",
	   "1:3000bbbb0002"},
	{"stamp 4000cccc0002", 's', {{"4000cccc0002", "4000cccc0002"}},
	   " -> 4000cccc0002: INSERT INTO alembic_version (version_num) VALUES ('4000cccc0002')\n",
	   "1:3000bbbb0002 2:4000cccc0002"},
	{"stamp 5000eeee0001", 's', {{"5000eeee0001", "5000eeee0001"}},
	   "3000bbbb0002, 4000cccc0002 -> 5000eeee0001: DELETE FROM alembic_version WHERE alembic_version.version_num = '3000bbbb0002' | UPDATE alembic_version SET version_num='5000eeee0001' WHERE alembic_version.version_num = '4000cccc0002'\n",
	   "2:5000eeee0001"},
	{"stamp heads", 's', {{HEADS_G1, HEADS_G1}},
	   " -> 7000ffff0002: INSERT INTO alembic_version (version_num) VALUES ('7000ffff0002')\n"
	   "5000eeee0001 -> 8000dddd0002: UPDATE alembic_version SET version_num='8000dddd0002' WHERE alembic_version.version_num = '5000eeee0001'\n",
	   "2:8000dddd0002 3:7000ffff0002"},
	{"stamp 2000aaaa0002", 's', {{"2000aaaa0002", "2000aaaa0002"}},
	   "8000dddd0002 -> 2000aaaa0002: UPDATE alembic_version SET version_num='2000aaaa0002' WHERE alembic_version.version_num = '8000dddd0002'\n",
	   "2:2000aaaa0002 3:7000ffff0002"},
	{"stamp 7000ffff0001 3000bbbb0001", 's', {{"7000ffff0001", "7000ffff0001"}, {"3000bbbb0001", "3000bbbb0001"}},
	   "7000ffff0002, 2000aaaa0002 -> 7000ffff0001: DELETE FROM alembic_version WHERE alembic_version.version_num = '7000ffff0002' | UPDATE alembic_version SET version_num='7000ffff0001' WHERE alembic_version.version_num = '2000aaaa0002'\n"
	   "7000ffff0002, 2000aaaa0002 -> 3000bbbb0001: INSERT INTO alembic_version (version_num) VALUES ('3000bbbb0001')\n",
	   "2:7000ffff0001 3:3000bbbb0001"},
	{"stamp --purge 4000cccc0001", 'p', {{"4000cccc0001", "4000cccc0001"}},
	   " -> 4000cccc0001: INSERT INTO alembic_version (version_num) VALUES ('4000cccc0001')\n",
	   "1:4000cccc0001"},
	{"stamp base", 's', {{NULL, NULL}},
	   "4000cccc0001 -> : DELETE FROM alembic_version WHERE alembic_version.version_num = '4000cccc0001'\n",
	   ""},
	{"stamp 8000dddd0002", 's', {{"8000dddd0002", "8000dddd0002"}},
	   " -> 8000dddd0002: INSERT INTO alembic_version (version_num) VALUES ('8000dddd0002')\n",
	   "1:8000dddd0002"},
	{"stamp 7000ffff0002", 's', {{"7000ffff0002", "7000ffff0002"}},
	   " -> 7000ffff0002: INSERT INTO alembic_version (version_num) VALUES ('7000ffff0002')\n",
	   "1:8000dddd0002 2:7000ffff0002"},
	{"stamp 1000aaaa0001", 's', {{"1000aaaa0001", "1000aaaa0001"}},
	   "8000dddd0002 -> 1000aaaa0001: UPDATE alembic_version SET version_num='1000aaaa0001' WHERE alembic_version.version_num = '8000dddd0002'\n",
	   "1:1000aaaa0001 2:7000ffff0002"},
	{"stamp 3000bbbb0001 3000bbbb0002", 's', {{"3000bbbb0001", "3000bbbb0001"}, {"3000bbbb0002", "3000bbbb0002"}},
	   "1000aaaa0001 -> 3000bbbb0001: UPDATE alembic_version SET version_num='3000bbbb0001' WHERE alembic_version.version_num = '1000aaaa0001'\n"
	   "1000aaaa0001 -> 3000bbbb0002: INSERT INTO alembic_version (version_num) VALUES ('3000bbbb0002')\n",
	   "1:3000bbbb0001 2:7000ffff0002 3:3000bbbb0002"},
	{"stamp --purge heads", 'p', {{HEADS_G1, HEADS_G1}},
	   " -> 7000ffff0002: INSERT INTO alembic_version (version_num) VALUES ('7000ffff0002')\n"
	   " -> 8000dddd0002: INSERT INTO alembic_version (version_num) VALUES ('8000dddd0002')\n",
	   "1:7000ffff0002 2:8000dddd0002"},
	{"stamp --purge base", 'p', {{NULL, NULL}},
	   "",
	   ""},
};

static const struct cmd G2_CMDS[] = {
	{"upgrade heads", 'u', {{NULL, NULL}},
	   "aaaa00000001: INSERT INTO alembic_version (version_num) VALUES ('aaaa00000001')\n"
	   "bbbb00000001: UPDATE alembic_version SET version_num='bbbb00000001' WHERE alembic_version.version_num = 'aaaa00000001'\n"
	   "bbbb00000002: UPDATE alembic_version SET version_num='bbbb00000002' WHERE alembic_version.version_num = 'bbbb00000001'\n"
	   "cccc00000001: INSERT INTO alembic_version (version_num) VALUES ('cccc00000001')\n"
	   "cccc00000002: DELETE FROM alembic_version WHERE alembic_version.version_num = 'cccc00000001' | UPDATE alembic_version SET version_num='cccc00000002' WHERE alembic_version.version_num = 'bbbb00000002'\n",
	   "1:cccc00000002"},
	{"downgrade bbbb00000001", 'd', {{NULL, NULL}},
	   "cccc00000002: INSERT INTO alembic_version (version_num) VALUES ('cccc00000001') | UPDATE alembic_version SET version_num='bbbb00000002' WHERE alembic_version.version_num = 'cccc00000002'\n"
	   "bbbb00000002: UPDATE alembic_version SET version_num='bbbb00000001' WHERE alembic_version.version_num = 'bbbb00000002'\n",
	   "1:bbbb00000001 2:cccc00000001"},
	{"upgrade cccc00000002", 'u', {{NULL, NULL}},
	   "bbbb00000002: UPDATE alembic_version SET version_num='bbbb00000002' WHERE alembic_version.version_num = 'bbbb00000001'\n"
	   "cccc00000002: DELETE FROM alembic_version WHERE alembic_version.version_num = 'cccc00000001' | UPDATE alembic_version SET version_num='cccc00000002' WHERE alembic_version.version_num = 'bbbb00000002'\n",
	   "1:cccc00000002"},
	{"downgrade left@base", 'd', {{NULL, NULL}},
	   "cccc00000002: INSERT INTO alembic_version (version_num) VALUES ('cccc00000001') | UPDATE alembic_version SET version_num='bbbb00000002' WHERE alembic_version.version_num = 'cccc00000002'\n"
	   "cccc00000001: DELETE FROM alembic_version WHERE alembic_version.version_num = 'cccc00000001'\n"
	   "bbbb00000002: UPDATE alembic_version SET version_num='bbbb00000001' WHERE alembic_version.version_num = 'bbbb00000002'\n"
	   "bbbb00000001: UPDATE alembic_version SET version_num='aaaa00000001' WHERE alembic_version.version_num = 'bbbb00000001'\n"
	   "aaaa00000001: DELETE FROM alembic_version WHERE alembic_version.version_num = 'aaaa00000001'\n",
	   ""},
	{"stamp heads", 's', {{"cccc00000002", "cccc00000002"}},
	   " -> cccc00000002: INSERT INTO alembic_version (version_num) VALUES ('cccc00000002')\n",
	   "1:cccc00000002"},
	{"stamp left@head", 's', {{"bbbb00000002", "bbbb00000001,bbbb00000002"}},
	   "cccc00000002 -> bbbb00000002: UPDATE alembic_version SET version_num='bbbb00000002' WHERE alembic_version.version_num = 'cccc00000002'\n",
	   "1:bbbb00000002"},
	{"stamp base", 's', {{NULL, NULL}},
	   "bbbb00000002 -> : DELETE FROM alembic_version WHERE alembic_version.version_num = 'bbbb00000002'\n",
	   ""},
};

static const struct cmd LIN5_CMDS[] = {
	{"upgrade aaaa00000003", 'u', {{NULL, NULL}},
	   "aaaa00000001: INSERT INTO alembic_version (version_num) VALUES ('aaaa00000001')\n"
	   "aaaa00000002: UPDATE alembic_version SET version_num='aaaa00000002' WHERE alembic_version.version_num = 'aaaa00000001'\n"
	   "aaaa00000003: UPDATE alembic_version SET version_num='aaaa00000003' WHERE alembic_version.version_num = 'aaaa00000002'\n",
	   "1:aaaa00000003"},
	{"upgrade head", 'u', {{NULL, NULL}},
	   "aaaa00000004: UPDATE alembic_version SET version_num='aaaa00000004' WHERE alembic_version.version_num = 'aaaa00000003'\n"
	   "aaaa00000005: UPDATE alembic_version SET version_num='aaaa00000005' WHERE alembic_version.version_num = 'aaaa00000004'\n",
	   "1:aaaa00000005"},
	{"downgrade lbl@-2", 'd', {{NULL, NULL}},
	   "aaaa00000005: UPDATE alembic_version SET version_num='aaaa00000004' WHERE alembic_version.version_num = 'aaaa00000005'\n"
	   "aaaa00000004: UPDATE alembic_version SET version_num='aaaa00000003' WHERE alembic_version.version_num = 'aaaa00000004'\n",
	   "1:aaaa00000003"},
	{"stamp aaaa00000002", 's', {{"aaaa00000002", "aaaa00000002"}},
	   "aaaa00000003 -> aaaa00000002: UPDATE alembic_version SET version_num='aaaa00000002' WHERE alembic_version.version_num = 'aaaa00000003'\n",
	   "1:aaaa00000002"},
	{"downgrade base", 'd', {{NULL, NULL}},
	   "aaaa00000002: UPDATE alembic_version SET version_num='aaaa00000001' WHERE alembic_version.version_num = 'aaaa00000002'\n"
	   "aaaa00000001: DELETE FROM alembic_version WHERE alembic_version.version_num = 'aaaa00000001'\n",
	   ""},
};


/* The row history of §5.3 on G1 (branch point row moving along the first
 * branch, a new row for the second, merge, unmerge, stamp base and heads). */
static void test_g1_history(void **state)
{
	(void)state;
	RUN(G1, G1_HISTORY);
}

/* `upgrade featb@head` from 2000aaaa0002: the dependency target's row is
 * absorbed by its dependent 8000dddd0002; `downgrade base` re-creates it. */
static void test_g1_depends_on(void **state)
{
	(void)state;
	RUN(G1, G1_DEPENDS);
}

/* The stamp history of §5.4: new rows, merges, downward, several targets,
 * --purge, base, a revision stored with its own descendant. */
static void test_g1_stamps(void **state)
{
	(void)state;
	RUN(G1, G1_STAMPS);
}

/* G2: depends_on across branches, label@base, stamp heads (real heads). */
static void test_g2(void **state)
{
	(void)state;
	RUN(G2, G2_CMDS);
}

static void test_lin5(void **state)
{
	(void)state;
	RUN(LIN5, LIN5_CMDS);
}

static void test_g1_downgrade_reinserts_dependency(void **state)
{
	(void)state;
	/* offline `downgrade --sql 8000dddd0002:2000aaaa0002` (captured): the
	 * absorbed dependency row comes back when its dependent goes */
	struct world w;
	world_init(&w, BUILD(G1), "postgresql");
	ald__ixvec_push(&w.rows, R(w.g, "8000dddd0002"));
	apply(&w.t, "INSERT INTO alembic_version (version_num) VALUES ('8000dddd0002')");
	steps(&w, 0, "8000dddd0002 6000dddd0001 5000eeee0001 3000bbbb0002 3000bbbb0001 4000cccc0002 4000cccc0001",
	      "1:7000ffff0001 2:2000aaaa0002");
	assert_log(&w,
		   "8000dddd0002: INSERT INTO alembic_version (version_num) VALUES ('6000dddd0001') RETURNING alembic_version.version_num"
		   " | UPDATE alembic_version SET version_num='7000ffff0001' WHERE alembic_version.version_num = '8000dddd0002'\n"
		   "6000dddd0001: UPDATE alembic_version SET version_num='5000eeee0001' WHERE alembic_version.version_num = '6000dddd0001'\n"
		   "5000eeee0001: INSERT INTO alembic_version (version_num) VALUES ('3000bbbb0002') RETURNING alembic_version.version_num"
		   " | UPDATE alembic_version SET version_num='4000cccc0002' WHERE alembic_version.version_num = '5000eeee0001'\n"
		   "3000bbbb0002: UPDATE alembic_version SET version_num='3000bbbb0001' WHERE alembic_version.version_num = '3000bbbb0002'\n"
		   "3000bbbb0001: DELETE FROM alembic_version WHERE alembic_version.version_num = '3000bbbb0001'\n"
		   "4000cccc0002: UPDATE alembic_version SET version_num='4000cccc0001' WHERE alembic_version.version_num = '4000cccc0002'\n"
		   "4000cccc0001: UPDATE alembic_version SET version_num='2000aaaa0002' WHERE alembic_version.version_num = '4000cccc0001'\n");
	world_free(&w);
}

/* Stamps where 1.8.1 crashes (checked with the real tool): what §5.4 means. */
static void test_stamp_defects(void **state)
{
	(void)state;
	struct world w;
	world_init(&w, BUILD(G1), "sqlite");
	STAMP(&w, " -> 5000eeee0001", "1:5000eeee0001", {"5000eeee0001", "5000eeee0001"});
	/* two downward targets from the same row: the second finds its "from"
	 * gone (1.8.1: KeyError) and becomes a row of its own */
	STAMP(&w, "5000eeee0001 -> 3000bbbb0001 / 5000eeee0001 -> 4000cccc0001",
	      "1:3000bbbb0001 2:4000cccc0001",
	      {"3000bbbb0001", "3000bbbb0001"}, {"4000cccc0001", "4000cccc0001"});
	/* the same target twice: inserted once (1.8.1: AssertionError) */
	STAMP(&w, " -> 7000ffff0001 /  -> 7000ffff0001", "1:3000bbbb0001 2:4000cccc0001 3:7000ffff0001",
	      {"7000ffff0001", "7000ffff0001"}, {"7000ffff0001", "7000ffff0001"});
	/* the same target twice from rows: the second step finds its "from"
	 * rows gone and the target already a row (1.8.1: KeyError) */
	STAMP(&w, "3000bbbb0001, 4000cccc0001 -> 2000aaaa0002 / 3000bbbb0001, 4000cccc0001 -> 2000aaaa0002",
	      "2:2000aaaa0002 3:7000ffff0001",
	      {"2000aaaa0002", "2000aaaa0002"}, {"2000aaaa0002", "2000aaaa0002"});
	/* (1.8.1 does this too) base among several targets adds every row to
	 * "from" but makes no step of its own */
	STAMP(&w, "2000aaaa0002, 7000ffff0001 -> 6000dddd0001", "3:6000dddd0001",
	      {"6000dddd0001", "6000dddd0001"}, {NULL, NULL});
	world_free(&w);
}

/* ---- merge3: 1.8.1's KeyError (§8.2.1) ---- */

static void test_merge3_keyerror(void **state)
{
	(void)state;
	struct world w;
	world_init(&w, BUILD(MERGE3), "sqlite");
	steps(&w, 1, "0a0a0a0a0a01 2c2c2c2c2c01", "1:2c2c2c2c2c01");
	steps(&w, 1, "1b1b1b1b1b01 3d3d3d3d3d01 3d3d3d3d3d02", "1:2c2c2c2c2c01 3:3d3d3d3d3d02");
	ald__buf_free(&w.log);
	/* 1.8.1 deletes every parent but the last, 1b1b1b1b1b01 included, which is
	 * no row (absorbed by 3d3d3d3d3d02): KeyError. Here: only the rows. */
	steps(&w, 1, "9e9e9e9e9e01 9e9e9e9e9e02", "3:9e9e9e9e9e02");
	assert_log(&w,
		   "9e9e9e9e9e01: DELETE FROM alembic_version WHERE alembic_version.version_num = '2c2c2c2c2c01'"
		   " | UPDATE alembic_version SET version_num='9e9e9e9e9e01' WHERE alembic_version.version_num = '3d3d3d3d3d02'\n"
		   "9e9e9e9e9e02: UPDATE alembic_version SET version_num='9e9e9e9e9e02' WHERE alembic_version.version_num = '9e9e9e9e9e01'\n");
	/* and back: 1.8.1 (`downgrade --sql 9e9e9e9e9e02:3d3d3d3d3d02`, captured)
	 * re-creates every parent, the absorbed 1b1b1b1b1b01 too, leaving a row
	 * implied by another row; aludel re-creates only the parents no other
	 * parent implies (as Alembic does since 1.13.1) */
	steps(&w, 0, "9e9e9e9e9e02 9e9e9e9e9e01", "3:3d3d3d3d3d02 4:2c2c2c2c2c01");
	steps(&w, 1, "9e9e9e9e9e01", "3:9e9e9e9e9e01");
	assert_log(&w,
		   "9e9e9e9e9e02: UPDATE alembic_version SET version_num='9e9e9e9e9e01' WHERE alembic_version.version_num = '9e9e9e9e9e02'\n"
		   "9e9e9e9e9e01: INSERT INTO alembic_version (version_num) VALUES ('2c2c2c2c2c01')"
		   " | UPDATE alembic_version SET version_num='3d3d3d3d3d02' WHERE alembic_version.version_num = '9e9e9e9e9e01'\n"
		   "9e9e9e9e9e01: DELETE FROM alembic_version WHERE alembic_version.version_num = '2c2c2c2c2c01'"
		   " | UPDATE alembic_version SET version_num='9e9e9e9e9e01' WHERE alembic_version.version_num = '3d3d3d3d3d02'\n");
	world_free(&w);
}

/* A merge whose parent rows are all implied by another row (rows stamped
 * inconsistently; 1.8.1: IndexError): the parent rows are merged anyway, in
 * written order. */
static void test_merge_all_implied(void **state)
{
	(void)state;
	static const struct spec S[] = {
		{"a1", NULL, NULL, NULL},
		{"b1", "a1", NULL, NULL},
		{"c1", "a1", NULL, NULL},
		{"m1", "c1,b1", NULL, NULL},
		{"x1", "b1,c1", NULL, NULL},
	};
	struct world w;
	world_init(&w, BUILD(S), "sqlite");
	STAMP(&w, " -> b1 /  -> c1 /  -> x1", "1:b1 2:c1 3:x1", {"b1", "b1"}, {"c1", "c1"}, {"x1", "x1"});
	ald__buf_free(&w.log);
	steps(&w, 1, "m1", "1:m1 3:x1");
	assert_log(&w, "m1: DELETE FROM alembic_version WHERE alembic_version.version_num = 'c1'"
		       " | UPDATE alembic_version SET version_num='m1' WHERE alembic_version.version_num = 'b1'\n");
	world_free(&w);
}

/* A downgrade of a revision that is no row (implied by another row): no
 * statement (1.8.1: KeyError). */
static void test_downgrade_not_a_row(void **state)
{
	(void)state;
	struct world w;
	world_init(&w, BUILD(LIN5), "sqlite");
	STAMP(&w, " -> aaaa00000004", "1:aaaa00000004", {"aaaa00000004", "aaaa00000004"});
	steps(&w, 0, "aaaa00000002", "1:aaaa00000004");
	assert_log(&w, " -> aaaa00000004: INSERT INTO alembic_version (version_num) VALUES ('aaaa00000004')\n"
		       "aaaa00000002:\n");
	world_free(&w);
}

/* Schema and table name reach every statement; each statement says what it
 * is about (the runner checks UPDATE/DELETE row counts with it). */
static void test_named_table(void **state)
{
	(void)state;
	struct world w;
	world_init(&w, BUILD(LIN5), "postgresql");
	w.cfg.version_table = "versions";
	w.cfg.version_table_schema = "app";
	struct ald_step st;
	memset(&st, 0, sizeof(st));
	const char *seq[] = {"u1", "u2", "d2", "d1"};
	for (size_t i = 0; i < 4; i++) {
		st.kind = seq[i][0] == 'u' ? ALD_STEP_UPGRADE : ALD_STEP_DOWNGRADE;
		st.rev = seq[i][1] == '1' ? R(w.g, "aaaa00000001") : R(w.g, "aaaa00000002");
		ald__plan_step_versions(&st, &w.rows, w.g, &w.cfg);
	}
	assert_int_equal(st.n_vsql, 4);
	assert_string_equal(st.vsql[0].sql, "INSERT INTO app.versions (version_num) VALUES ('aaaa00000001') "
					    "RETURNING app.versions.version_num");
	assert_string_equal(st.vsql[1].sql, "UPDATE app.versions SET version_num='aaaa00000002' "
					    "WHERE app.versions.version_num = 'aaaa00000001'");
	assert_string_equal(st.vsql[2].sql, "UPDATE app.versions SET version_num='aaaa00000001' "
					    "WHERE app.versions.version_num = 'aaaa00000002'");
	assert_string_equal(st.vsql[3].sql, "DELETE FROM app.versions WHERE app.versions.version_num = 'aaaa00000001'");
	assert_int_equal(st.vsql[0].kind, ALD_VSQL_INSERT);
	assert_null(st.vsql[0].from);
	assert_string_equal(st.vsql[0].to, "aaaa00000001");
	assert_int_equal(st.vsql[1].kind, ALD_VSQL_UPDATE);
	assert_string_equal(st.vsql[1].from, "aaaa00000001");
	assert_string_equal(st.vsql[1].to, "aaaa00000002");
	assert_string_equal(st.vsql[1].table, "versions");
	assert_int_equal(st.vsql[3].kind, ALD_VSQL_DELETE);
	assert_string_equal(st.vsql[3].from, "aaaa00000001");
	assert_null(st.vsql[3].to);
	assert_int_equal(w.rows.n, 0);
	clear_vsql(&st);
	/* SQLite, default table */
	w.cfg.dialect = &ald__dialect_sqlite;
	w.cfg.version_table = NULL;
	w.cfg.version_table_schema = "";
	memset(&st, 0, sizeof(st));
	st.kind = ALD_STEP_UPGRADE;
	st.rev = R(w.g, "aaaa00000001");
	ald__plan_step_versions(&st, &w.rows, w.g, &w.cfg);
	assert_string_equal(st.vsql[0].sql, "INSERT INTO alembic_version (version_num) VALUES ('aaaa00000001')");
	clear_vsql(&st);
	world_free(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_g1_history),
		cmocka_unit_test(test_g1_depends_on),
		cmocka_unit_test(test_g1_downgrade_reinserts_dependency),
		cmocka_unit_test(test_g1_stamps),
		cmocka_unit_test(test_stamp_defects),
		cmocka_unit_test(test_g2),
		cmocka_unit_test(test_lin5),
		cmocka_unit_test(test_merge3_keyerror),
		cmocka_unit_test(test_merge_all_implied),
		cmocka_unit_test(test_downgrade_not_a_row),
		cmocka_unit_test(test_named_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
