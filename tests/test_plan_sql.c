/* test_plan_sql.c - the offline script (plan_sql.c, doc/alembic-compat.md
 * §6.8) of plans built from real native revision files, compared with what
 * Debian's Alembic 1.8.1 prints for the same graphs.
 *
 * Reference: /tmp Alembic projects G1, G2 and lin5 (§2.6) whose revisions do
 * op.execute("CREATE TABLE t_<rev> (id INTEGER)") / op.execute("DROP TABLE
 * t_<rev>"), run as `python3 -m alembic <command> --sql <args>` with
 * os.listdir patched to return sorted names (aludel's map order),
 * PYTHONHASHSEED=0, and sqlalchemy.url = sqlite:///x.db (SQLITE) or
 * postgresql://u@localhost/db (PG; PG_TPM: env.py's configure() also given
 * transaction_per_migration=True). The native revisions here hold the same
 * statements. The expected texts are the tool's standard output, except
 * where a difference is decided (marked at the case): 1.8.1 ends a script
 * whose final set of rows is empty with "DROP TABLE alembic_version;"
 * (§8.2.9), which aludel does not print.
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
#include "revision_file.h"
#include "rev_files.h"

/* ---- temporary projects ---- */

/* A revision: its sections hold CREATE TABLE / DROP TABLE t_<id> unless
 * `body` gives the text after the header. */
struct rev {
	const char *id, *down, *labels, *deps, *message;
	int nontx;
	const char *body;
};

static char *rev_text(const struct rev *r)
{
	struct ald_buf b = {0};
	ald__buf_printf(&b, "-- %s\n--\n-- Revision ID: %s\n", r->message, r->id);
	if (r->down)
		ald__buf_printf(&b, "-- Revises: %s\n", r->down);
	if (r->labels)
		ald__buf_printf(&b, "-- Branch Labels: %s\n", r->labels);
	if (r->deps)
		ald__buf_printf(&b, "-- Depends On: %s\n", r->deps);
	if (r->nontx)
		ald__buf_puts(&b, "-- Transactional: false\n");
	if (r->body)
		ald__buf_printf(&b, "\n%s", r->body);
	else
		ald__buf_printf(&b, "\n-- migrate:upgrade\nCREATE TABLE t_%s (id INTEGER);\n\n"
				   "-- migrate:downgrade\nDROP TABLE t_%s;\n", r->id, r->id);
	return ald__buf_detach(&b);
}

struct project {
	char dir[64];
	struct ald_graph *g;
};

static void project_open(struct project *pr, const struct rev *revs, size_t n)
{
	strcpy(pr->dir, "/tmp/test_plan_sql.XXXXXX");
	assert_non_null(mkdtemp(pr->dir));
	char **names = ald__xcalloc(n ? n : 1, sizeof(*names));
	for (size_t i = 0; i < n; i++) {
		names[i] = ald__xasprintf("%s/%s_rev.sql", pr->dir, revs[i].id);
		char *text = rev_text(&revs[i]);
		rev_files_write(names[i], text);
		free(text);
	}
	pr->g = rev_files_graph(names, n);
}

static void project_close(struct project *pr)
{
	rev_files_remove(pr->dir);
	ald__graph_free(pr->g);
}

static const struct rev G1_REVS[] = {
	{"1000aaaa0001", NULL, NULL, NULL, "initial schema", 0, NULL},
	{"2000aaaa0002", "1000aaaa0001", NULL, NULL, "second step", 0, NULL},
	{"3000bbbb0001", "2000aaaa0002", "featb", NULL, "feature b start", 0, NULL},
	{"3000bbbb0002", "3000bbbb0001", NULL, NULL, "feature b more", 0, NULL},
	{"4000cccc0001", "2000aaaa0002", NULL, NULL, "feature c start", 0, NULL},
	{"4000cccc0002", "4000cccc0001", NULL, NULL, "feature c more", 0, NULL},
	{"5000eeee0001", "3000bbbb0002, 4000cccc0002", NULL, NULL, "merge b and c", 0, NULL},
	{"6000dddd0001", "5000eeee0001", NULL, NULL, "after merge", 0, NULL},
	{"7000ffff0001", NULL, "other", NULL, "other root", 0, NULL},
	{"7000ffff0002", "7000ffff0001", NULL, NULL, "other two", 0, NULL},
	{"8000dddd0002", "6000dddd0001", NULL, "7000ffff0001", "needs other root", 0, NULL},
};

static const struct rev G2_REVS[] = {
	{"aaaa00000001", NULL, NULL, NULL, "base", 0, NULL},
	{"bbbb00000001", "aaaa00000001", "left", NULL, "left 1", 0, NULL},
	{"bbbb00000002", "bbbb00000001", NULL, NULL, "left 2", 0, NULL},
	{"cccc00000001", "aaaa00000001", "right", NULL, "right 1", 0, NULL},
	{"cccc00000002", "cccc00000001", NULL, "bbbb00000002", "right 2 depends on left 2", 0, NULL},
};

static const struct rev LIN5_REVS[] = {
	{"aaaa00000001", NULL, NULL, NULL, "one", 0, NULL},
	{"aaaa00000002", "aaaa00000001", NULL, NULL, "two", 0, NULL},
	{"aaaa00000003", "aaaa00000002", "lbl", NULL, "three", 0, NULL},
	{"aaaa00000004", "aaaa00000003", NULL, NULL, "four", 0, NULL},
	{"aaaa00000005", "aaaa00000004", NULL, NULL, "five", 0, NULL},
};

static const struct rev MERGE3_REVS[] = {
	{"0a0a0a0a0a01", NULL, NULL, NULL, "root", 0, NULL},
	{"1b1b1b1b1b01", "0a0a0a0a0a01", "left", NULL, "left", 0, NULL},
	{"2c2c2c2c2c01", "0a0a0a0a0a01", NULL, NULL, "middle", 0, NULL},
	{"3d3d3d3d3d01", "0a0a0a0a0a01", "right", NULL, "right", 0, NULL},
	{"3d3d3d3d3d02", "3d3d3d3d3d01", NULL, "1b1b1b1b1b01", "right more", 0, NULL},
	{"9e9e9e9e9e01", "2c2c2c2c2c01, 1b1b1b1b1b01, 3d3d3d3d3d02", NULL, NULL, "merge three", 0, NULL},
	{"9e9e9e9e9e02", "9e9e9e9e9e01", NULL, NULL, "after merge", 0, NULL},
};

enum graph_name { G1, G2, LIN5, MERGE3 };
enum dialect { SQLITE, PG, PG_TPM };

static void open_graph(struct project *pr, enum graph_name which)
{
	switch (which) {
	case G1:
		project_open(pr, G1_REVS, sizeof(G1_REVS) / sizeof(G1_REVS[0]));
		break;
	case G2:
		project_open(pr, G2_REVS, sizeof(G2_REVS) / sizeof(G2_REVS[0]));
		break;
	case LIN5:
		project_open(pr, LIN5_REVS, sizeof(LIN5_REVS) / sizeof(LIN5_REVS[0]));
		break;
	case MERGE3:
		project_open(pr, MERGE3_REVS, sizeof(MERGE3_REVS) / sizeof(MERGE3_REVS[0]));
		break;
	}
}

static struct ald_plan_config offline_config(enum dialect d)
{
	struct ald_plan_config cfg = {d == SQLITE ? &ald__dialect_sqlite : &ald__dialect_postgresql, NULL, NULL, d == PG_TPM, 1, 0, 0, NULL};
	return cfg;
}

/* Builds the offline plan of `alembic <verb> --sql <args>` (args separated by
 * spaces; each may be start:dest) as the CLI does: split the ranges, take the
 * start's rows, build. Returns the error code; *out the plan. */
static int offline_plan(struct ald_plan_data **out, const struct ald_graph *g, const char *verb,
			const char *args, const struct ald_plan_config *cfg)
{
	struct ald_strvec dests = {0}, rows = {0};
	char *copy = ald__xstrdup(args), *save = NULL, *start = NULL;
	int err = 0;
	for (char *a = strtok_r(copy, " ", &save); a && err == 0; a = strtok_r(NULL, " ", &save)) {
		char *s, *d;
		err = ald__plan_split_range(&s, &d, a);
		if (err < 0)
			break;
		ald__strvec_push(&dests, d);
		if (s && start && strcmp(s, start) != 0)
			fail_msg("test case: several starts");
		if (s && !start)
			start = s;
		else
			free(s);
	}
	if (err == 0)
		err = ald__plan_offline_rows(&rows, g, start);
	if (err == 0) {
		const char *const *r = (const char *const *)rows.v;
		if (strcmp(verb, "upgrade") == 0)
			err = ald__plan_build_upgrade(out, g, dests.v[0], r, rows.n, cfg);
		else if (strcmp(verb, "downgrade") == 0)
			err = ald__plan_build_downgrade(out, g, dests.v[0], r, rows.n, cfg);
		else
			err = ald__plan_build_stamp(out, g, (const char *const *)dests.v, dests.n, r, rows.n, 0, cfg);
	}
	free(start);
	free(copy);
	ald__strvec_free(&dests);
	ald__strvec_free(&rows);
	return err;
}

static char *script(const struct ald_graph *g, const char *verb, const char *args, const struct ald_plan_config *cfg)
{
	struct ald_plan_data *p = NULL;
	if (offline_plan(&p, g, verb, args, cfg) < 0)
		fail_msg("%s %s: %s", verb, args, ald_error_last()->message);
	char *text = NULL;
	assert_int_equal(ald__plan_render_sql(&text, p, cfg), 0);
	ald__plan_data_free(p);
	return text;
}

static void expect_text(const char *what, const char *got, const char *expected)
{
	if (strcmp(got, expected) != 0)
		fail_msg("%s:\n--- got:\n%s--- expected:\n%s---", what, got, expected);
}

/* ---- the captured scripts ---- */

/* offline scripts create the version table only where it is missing */
#define CREATE_VT                                                                                 \
	"CREATE TABLE IF NOT EXISTS alembic_version (\n"                                          \
	"    version_num VARCHAR(32) NOT NULL, \n"                                                \
	"    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)\n);\n\n"
/* an online plan's preview: the table is known to be missing */
#define CREATE_VT_ONLINE                                                                          \
	"CREATE TABLE alembic_version (\n"                                                        \
	"    version_num VARCHAR(32) NOT NULL, \n"                                                \
	"    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)\n);\n\n"

struct sql_case {
	enum graph_name graph;
	enum dialect dialect;
	const char *verb, *args;
	const char *expected;
};

static const struct sql_case CASES[] = {
	{G1, SQLITE, "upgrade", "heads",
	   CREATE_VT
	   "-- Running upgrade  -> 7000ffff0001\n\n"
	   "CREATE TABLE t_7000ffff0001 (id INTEGER);\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('7000ffff0001');\n\n"
	   "-- Running upgrade  -> 1000aaaa0001\n\n"
	   "CREATE TABLE t_1000aaaa0001 (id INTEGER);\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('1000aaaa0001');\n\n"
	   "-- Running upgrade 1000aaaa0001 -> 2000aaaa0002\n\n"
	   "CREATE TABLE t_2000aaaa0002 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='2000aaaa0002' WHERE alembic_version.version_num = '1000aaaa0001';\n\n"
	   "-- Running upgrade 2000aaaa0002 -> 4000cccc0001\n\n"
	   "CREATE TABLE t_4000cccc0001 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='4000cccc0001' WHERE alembic_version.version_num = '2000aaaa0002';\n\n"
	   "-- Running upgrade 4000cccc0001 -> 4000cccc0002\n\n"
	   "CREATE TABLE t_4000cccc0002 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='4000cccc0002' WHERE alembic_version.version_num = '4000cccc0001';\n\n"
	   "-- Running upgrade 2000aaaa0002 -> 3000bbbb0001\n\n"
	   "CREATE TABLE t_3000bbbb0001 (id INTEGER);\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('3000bbbb0001');\n\n"
	   "-- Running upgrade 3000bbbb0001 -> 3000bbbb0002\n\n"
	   "CREATE TABLE t_3000bbbb0002 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='3000bbbb0002' WHERE alembic_version.version_num = '3000bbbb0001';\n\n"
	   "-- Running upgrade 3000bbbb0002, 4000cccc0002 -> 5000eeee0001\n\n"
	   "CREATE TABLE t_5000eeee0001 (id INTEGER);\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = '3000bbbb0002';\n\n"
	   "UPDATE alembic_version SET version_num='5000eeee0001' WHERE alembic_version.version_num = '4000cccc0002';\n\n"
	   "-- Running upgrade 5000eeee0001 -> 6000dddd0001\n\n"
	   "CREATE TABLE t_6000dddd0001 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='6000dddd0001' WHERE alembic_version.version_num = '5000eeee0001';\n\n"
	   "-- Running upgrade 6000dddd0001 -> 8000dddd0002\n\n"
	   "CREATE TABLE t_8000dddd0002 (id INTEGER);\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = '6000dddd0001';\n\n"
	   "UPDATE alembic_version SET version_num='8000dddd0002' WHERE alembic_version.version_num = '7000ffff0001';\n\n"
	   "-- Running upgrade 7000ffff0001 -> 7000ffff0002\n\n"
	   "CREATE TABLE t_7000ffff0002 (id INTEGER);\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('7000ffff0002');\n\n"},
	{G1, PG, "upgrade", "heads",
	   "BEGIN;\n\n"
	   CREATE_VT
	   "-- Running upgrade  -> 7000ffff0001\n\n"
	   "CREATE TABLE t_7000ffff0001 (id INTEGER);\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('7000ffff0001') RETURNING alembic_version.version_num;\n\n"
	   "-- Running upgrade  -> 1000aaaa0001\n\n"
	   "CREATE TABLE t_1000aaaa0001 (id INTEGER);\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('1000aaaa0001') RETURNING alembic_version.version_num;\n\n"
	   "-- Running upgrade 1000aaaa0001 -> 2000aaaa0002\n\n"
	   "CREATE TABLE t_2000aaaa0002 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='2000aaaa0002' WHERE alembic_version.version_num = '1000aaaa0001';\n\n"
	   "-- Running upgrade 2000aaaa0002 -> 4000cccc0001\n\n"
	   "CREATE TABLE t_4000cccc0001 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='4000cccc0001' WHERE alembic_version.version_num = '2000aaaa0002';\n\n"
	   "-- Running upgrade 4000cccc0001 -> 4000cccc0002\n\n"
	   "CREATE TABLE t_4000cccc0002 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='4000cccc0002' WHERE alembic_version.version_num = '4000cccc0001';\n\n"
	   "-- Running upgrade 2000aaaa0002 -> 3000bbbb0001\n\n"
	   "CREATE TABLE t_3000bbbb0001 (id INTEGER);\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('3000bbbb0001') RETURNING alembic_version.version_num;\n\n"
	   "-- Running upgrade 3000bbbb0001 -> 3000bbbb0002\n\n"
	   "CREATE TABLE t_3000bbbb0002 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='3000bbbb0002' WHERE alembic_version.version_num = '3000bbbb0001';\n\n"
	   "-- Running upgrade 3000bbbb0002, 4000cccc0002 -> 5000eeee0001\n\n"
	   "CREATE TABLE t_5000eeee0001 (id INTEGER);\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = '3000bbbb0002';\n\n"
	   "UPDATE alembic_version SET version_num='5000eeee0001' WHERE alembic_version.version_num = '4000cccc0002';\n\n"
	   "-- Running upgrade 5000eeee0001 -> 6000dddd0001\n\n"
	   "CREATE TABLE t_6000dddd0001 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='6000dddd0001' WHERE alembic_version.version_num = '5000eeee0001';\n\n"
	   "-- Running upgrade 6000dddd0001 -> 8000dddd0002\n\n"
	   "CREATE TABLE t_8000dddd0002 (id INTEGER);\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = '6000dddd0001';\n\n"
	   "UPDATE alembic_version SET version_num='8000dddd0002' WHERE alembic_version.version_num = '7000ffff0001';\n\n"
	   "-- Running upgrade 7000ffff0001 -> 7000ffff0002\n\n"
	   "CREATE TABLE t_7000ffff0002 (id INTEGER);\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('7000ffff0002') RETURNING alembic_version.version_num;\n\n"
	   "COMMIT;\n\n"},
	{G1, PG_TPM, "upgrade", "heads",
	   "BEGIN;\n\n"
	   CREATE_VT
	   "-- Running upgrade  -> 7000ffff0001\n\n"
	   "CREATE TABLE t_7000ffff0001 (id INTEGER);\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('7000ffff0001') RETURNING alembic_version.version_num;\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running upgrade  -> 1000aaaa0001\n\n"
	   "CREATE TABLE t_1000aaaa0001 (id INTEGER);\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('1000aaaa0001') RETURNING alembic_version.version_num;\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running upgrade 1000aaaa0001 -> 2000aaaa0002\n\n"
	   "CREATE TABLE t_2000aaaa0002 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='2000aaaa0002' WHERE alembic_version.version_num = '1000aaaa0001';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running upgrade 2000aaaa0002 -> 4000cccc0001\n\n"
	   "CREATE TABLE t_4000cccc0001 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='4000cccc0001' WHERE alembic_version.version_num = '2000aaaa0002';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running upgrade 4000cccc0001 -> 4000cccc0002\n\n"
	   "CREATE TABLE t_4000cccc0002 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='4000cccc0002' WHERE alembic_version.version_num = '4000cccc0001';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running upgrade 2000aaaa0002 -> 3000bbbb0001\n\n"
	   "CREATE TABLE t_3000bbbb0001 (id INTEGER);\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('3000bbbb0001') RETURNING alembic_version.version_num;\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running upgrade 3000bbbb0001 -> 3000bbbb0002\n\n"
	   "CREATE TABLE t_3000bbbb0002 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='3000bbbb0002' WHERE alembic_version.version_num = '3000bbbb0001';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running upgrade 3000bbbb0002, 4000cccc0002 -> 5000eeee0001\n\n"
	   "CREATE TABLE t_5000eeee0001 (id INTEGER);\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = '3000bbbb0002';\n\n"
	   "UPDATE alembic_version SET version_num='5000eeee0001' WHERE alembic_version.version_num = '4000cccc0002';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running upgrade 5000eeee0001 -> 6000dddd0001\n\n"
	   "CREATE TABLE t_6000dddd0001 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='6000dddd0001' WHERE alembic_version.version_num = '5000eeee0001';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running upgrade 6000dddd0001 -> 8000dddd0002\n\n"
	   "CREATE TABLE t_8000dddd0002 (id INTEGER);\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = '6000dddd0001';\n\n"
	   "UPDATE alembic_version SET version_num='8000dddd0002' WHERE alembic_version.version_num = '7000ffff0001';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running upgrade 7000ffff0001 -> 7000ffff0002\n\n"
	   "CREATE TABLE t_7000ffff0002 (id INTEGER);\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('7000ffff0002') RETURNING alembic_version.version_num;\n\n"
	   "COMMIT;\n\n"},
	{G1, SQLITE, "upgrade", "2000aaaa0002:heads",
	   "-- Running upgrade 2000aaaa0002 -> 4000cccc0001\n\n"
	   "CREATE TABLE t_4000cccc0001 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='4000cccc0001' WHERE alembic_version.version_num = '2000aaaa0002';\n\n"
	   "-- Running upgrade 4000cccc0001 -> 4000cccc0002\n\n"
	   "CREATE TABLE t_4000cccc0002 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='4000cccc0002' WHERE alembic_version.version_num = '4000cccc0001';\n\n"
	   "-- Running upgrade  -> 7000ffff0001\n\n"
	   "CREATE TABLE t_7000ffff0001 (id INTEGER);\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('7000ffff0001');\n\n"
	   "-- Running upgrade 2000aaaa0002 -> 3000bbbb0001\n\n"
	   "CREATE TABLE t_3000bbbb0001 (id INTEGER);\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('3000bbbb0001');\n\n"
	   "-- Running upgrade 3000bbbb0001 -> 3000bbbb0002\n\n"
	   "CREATE TABLE t_3000bbbb0002 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='3000bbbb0002' WHERE alembic_version.version_num = '3000bbbb0001';\n\n"
	   "-- Running upgrade 3000bbbb0002, 4000cccc0002 -> 5000eeee0001\n\n"
	   "CREATE TABLE t_5000eeee0001 (id INTEGER);\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = '3000bbbb0002';\n\n"
	   "UPDATE alembic_version SET version_num='5000eeee0001' WHERE alembic_version.version_num = '4000cccc0002';\n\n"
	   "-- Running upgrade 5000eeee0001 -> 6000dddd0001\n\n"
	   "CREATE TABLE t_6000dddd0001 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='6000dddd0001' WHERE alembic_version.version_num = '5000eeee0001';\n\n"
	   "-- Running upgrade 6000dddd0001 -> 8000dddd0002\n\n"
	   "CREATE TABLE t_8000dddd0002 (id INTEGER);\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = '6000dddd0001';\n\n"
	   "UPDATE alembic_version SET version_num='8000dddd0002' WHERE alembic_version.version_num = '7000ffff0001';\n\n"
	   "-- Running upgrade 7000ffff0001 -> 7000ffff0002\n\n"
	   "CREATE TABLE t_7000ffff0002 (id INTEGER);\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('7000ffff0002');\n\n"},
	{G1, PG, "upgrade", "2000aaaa0002:heads",
	   "BEGIN;\n\n"
	   "-- Running upgrade 2000aaaa0002 -> 4000cccc0001\n\n"
	   "CREATE TABLE t_4000cccc0001 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='4000cccc0001' WHERE alembic_version.version_num = '2000aaaa0002';\n\n"
	   "-- Running upgrade 4000cccc0001 -> 4000cccc0002\n\n"
	   "CREATE TABLE t_4000cccc0002 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='4000cccc0002' WHERE alembic_version.version_num = '4000cccc0001';\n\n"
	   "-- Running upgrade  -> 7000ffff0001\n\n"
	   "CREATE TABLE t_7000ffff0001 (id INTEGER);\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('7000ffff0001') RETURNING alembic_version.version_num;\n\n"
	   "-- Running upgrade 2000aaaa0002 -> 3000bbbb0001\n\n"
	   "CREATE TABLE t_3000bbbb0001 (id INTEGER);\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('3000bbbb0001') RETURNING alembic_version.version_num;\n\n"
	   "-- Running upgrade 3000bbbb0001 -> 3000bbbb0002\n\n"
	   "CREATE TABLE t_3000bbbb0002 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='3000bbbb0002' WHERE alembic_version.version_num = '3000bbbb0001';\n\n"
	   "-- Running upgrade 3000bbbb0002, 4000cccc0002 -> 5000eeee0001\n\n"
	   "CREATE TABLE t_5000eeee0001 (id INTEGER);\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = '3000bbbb0002';\n\n"
	   "UPDATE alembic_version SET version_num='5000eeee0001' WHERE alembic_version.version_num = '4000cccc0002';\n\n"
	   "-- Running upgrade 5000eeee0001 -> 6000dddd0001\n\n"
	   "CREATE TABLE t_6000dddd0001 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='6000dddd0001' WHERE alembic_version.version_num = '5000eeee0001';\n\n"
	   "-- Running upgrade 6000dddd0001 -> 8000dddd0002\n\n"
	   "CREATE TABLE t_8000dddd0002 (id INTEGER);\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = '6000dddd0001';\n\n"
	   "UPDATE alembic_version SET version_num='8000dddd0002' WHERE alembic_version.version_num = '7000ffff0001';\n\n"
	   "-- Running upgrade 7000ffff0001 -> 7000ffff0002\n\n"
	   "CREATE TABLE t_7000ffff0002 (id INTEGER);\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('7000ffff0002') RETURNING alembic_version.version_num;\n\n"
	   "COMMIT;\n\n"},
	{G1, PG_TPM, "upgrade", "2000aaaa0002:heads",
	   "BEGIN;\n\n"
	   "-- Running upgrade 2000aaaa0002 -> 4000cccc0001\n\n"
	   "CREATE TABLE t_4000cccc0001 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='4000cccc0001' WHERE alembic_version.version_num = '2000aaaa0002';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running upgrade 4000cccc0001 -> 4000cccc0002\n\n"
	   "CREATE TABLE t_4000cccc0002 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='4000cccc0002' WHERE alembic_version.version_num = '4000cccc0001';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running upgrade  -> 7000ffff0001\n\n"
	   "CREATE TABLE t_7000ffff0001 (id INTEGER);\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('7000ffff0001') RETURNING alembic_version.version_num;\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running upgrade 2000aaaa0002 -> 3000bbbb0001\n\n"
	   "CREATE TABLE t_3000bbbb0001 (id INTEGER);\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('3000bbbb0001') RETURNING alembic_version.version_num;\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running upgrade 3000bbbb0001 -> 3000bbbb0002\n\n"
	   "CREATE TABLE t_3000bbbb0002 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='3000bbbb0002' WHERE alembic_version.version_num = '3000bbbb0001';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running upgrade 3000bbbb0002, 4000cccc0002 -> 5000eeee0001\n\n"
	   "CREATE TABLE t_5000eeee0001 (id INTEGER);\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = '3000bbbb0002';\n\n"
	   "UPDATE alembic_version SET version_num='5000eeee0001' WHERE alembic_version.version_num = '4000cccc0002';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running upgrade 5000eeee0001 -> 6000dddd0001\n\n"
	   "CREATE TABLE t_6000dddd0001 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='6000dddd0001' WHERE alembic_version.version_num = '5000eeee0001';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running upgrade 6000dddd0001 -> 8000dddd0002\n\n"
	   "CREATE TABLE t_8000dddd0002 (id INTEGER);\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = '6000dddd0001';\n\n"
	   "UPDATE alembic_version SET version_num='8000dddd0002' WHERE alembic_version.version_num = '7000ffff0001';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running upgrade 7000ffff0001 -> 7000ffff0002\n\n"
	   "CREATE TABLE t_7000ffff0002 (id INTEGER);\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('7000ffff0002') RETURNING alembic_version.version_num;\n\n"
	   "COMMIT;\n\n"},
	{G1, SQLITE, "upgrade", "2000aaaa0002:featb@head",
	   "-- Running upgrade 2000aaaa0002 -> 4000cccc0001\n\n"
	   "CREATE TABLE t_4000cccc0001 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='4000cccc0001' WHERE alembic_version.version_num = '2000aaaa0002';\n\n"
	   "-- Running upgrade 4000cccc0001 -> 4000cccc0002\n\n"
	   "CREATE TABLE t_4000cccc0002 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='4000cccc0002' WHERE alembic_version.version_num = '4000cccc0001';\n\n"
	   "-- Running upgrade  -> 7000ffff0001\n\n"
	   "CREATE TABLE t_7000ffff0001 (id INTEGER);\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('7000ffff0001');\n\n"
	   "-- Running upgrade 2000aaaa0002 -> 3000bbbb0001\n\n"
	   "CREATE TABLE t_3000bbbb0001 (id INTEGER);\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('3000bbbb0001');\n\n"
	   "-- Running upgrade 3000bbbb0001 -> 3000bbbb0002\n\n"
	   "CREATE TABLE t_3000bbbb0002 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='3000bbbb0002' WHERE alembic_version.version_num = '3000bbbb0001';\n\n"
	   "-- Running upgrade 3000bbbb0002, 4000cccc0002 -> 5000eeee0001\n\n"
	   "CREATE TABLE t_5000eeee0001 (id INTEGER);\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = '3000bbbb0002';\n\n"
	   "UPDATE alembic_version SET version_num='5000eeee0001' WHERE alembic_version.version_num = '4000cccc0002';\n\n"
	   "-- Running upgrade 5000eeee0001 -> 6000dddd0001\n\n"
	   "CREATE TABLE t_6000dddd0001 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='6000dddd0001' WHERE alembic_version.version_num = '5000eeee0001';\n\n"
	   "-- Running upgrade 6000dddd0001 -> 8000dddd0002\n\n"
	   "CREATE TABLE t_8000dddd0002 (id INTEGER);\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = '6000dddd0001';\n\n"
	   "UPDATE alembic_version SET version_num='8000dddd0002' WHERE alembic_version.version_num = '7000ffff0001';\n\n"},
	{G1, PG, "upgrade", "2000aaaa0002:featb@head",
	   "BEGIN;\n\n"
	   "-- Running upgrade 2000aaaa0002 -> 4000cccc0001\n\n"
	   "CREATE TABLE t_4000cccc0001 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='4000cccc0001' WHERE alembic_version.version_num = '2000aaaa0002';\n\n"
	   "-- Running upgrade 4000cccc0001 -> 4000cccc0002\n\n"
	   "CREATE TABLE t_4000cccc0002 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='4000cccc0002' WHERE alembic_version.version_num = '4000cccc0001';\n\n"
	   "-- Running upgrade  -> 7000ffff0001\n\n"
	   "CREATE TABLE t_7000ffff0001 (id INTEGER);\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('7000ffff0001') RETURNING alembic_version.version_num;\n\n"
	   "-- Running upgrade 2000aaaa0002 -> 3000bbbb0001\n\n"
	   "CREATE TABLE t_3000bbbb0001 (id INTEGER);\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('3000bbbb0001') RETURNING alembic_version.version_num;\n\n"
	   "-- Running upgrade 3000bbbb0001 -> 3000bbbb0002\n\n"
	   "CREATE TABLE t_3000bbbb0002 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='3000bbbb0002' WHERE alembic_version.version_num = '3000bbbb0001';\n\n"
	   "-- Running upgrade 3000bbbb0002, 4000cccc0002 -> 5000eeee0001\n\n"
	   "CREATE TABLE t_5000eeee0001 (id INTEGER);\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = '3000bbbb0002';\n\n"
	   "UPDATE alembic_version SET version_num='5000eeee0001' WHERE alembic_version.version_num = '4000cccc0002';\n\n"
	   "-- Running upgrade 5000eeee0001 -> 6000dddd0001\n\n"
	   "CREATE TABLE t_6000dddd0001 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='6000dddd0001' WHERE alembic_version.version_num = '5000eeee0001';\n\n"
	   "-- Running upgrade 6000dddd0001 -> 8000dddd0002\n\n"
	   "CREATE TABLE t_8000dddd0002 (id INTEGER);\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = '6000dddd0001';\n\n"
	   "UPDATE alembic_version SET version_num='8000dddd0002' WHERE alembic_version.version_num = '7000ffff0001';\n\n"
	   "COMMIT;\n\n"},
	{G1, PG_TPM, "upgrade", "2000aaaa0002:featb@head",
	   "BEGIN;\n\n"
	   "-- Running upgrade 2000aaaa0002 -> 4000cccc0001\n\n"
	   "CREATE TABLE t_4000cccc0001 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='4000cccc0001' WHERE alembic_version.version_num = '2000aaaa0002';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running upgrade 4000cccc0001 -> 4000cccc0002\n\n"
	   "CREATE TABLE t_4000cccc0002 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='4000cccc0002' WHERE alembic_version.version_num = '4000cccc0001';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running upgrade  -> 7000ffff0001\n\n"
	   "CREATE TABLE t_7000ffff0001 (id INTEGER);\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('7000ffff0001') RETURNING alembic_version.version_num;\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running upgrade 2000aaaa0002 -> 3000bbbb0001\n\n"
	   "CREATE TABLE t_3000bbbb0001 (id INTEGER);\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('3000bbbb0001') RETURNING alembic_version.version_num;\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running upgrade 3000bbbb0001 -> 3000bbbb0002\n\n"
	   "CREATE TABLE t_3000bbbb0002 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='3000bbbb0002' WHERE alembic_version.version_num = '3000bbbb0001';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running upgrade 3000bbbb0002, 4000cccc0002 -> 5000eeee0001\n\n"
	   "CREATE TABLE t_5000eeee0001 (id INTEGER);\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = '3000bbbb0002';\n\n"
	   "UPDATE alembic_version SET version_num='5000eeee0001' WHERE alembic_version.version_num = '4000cccc0002';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running upgrade 5000eeee0001 -> 6000dddd0001\n\n"
	   "CREATE TABLE t_6000dddd0001 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='6000dddd0001' WHERE alembic_version.version_num = '5000eeee0001';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running upgrade 6000dddd0001 -> 8000dddd0002\n\n"
	   "CREATE TABLE t_8000dddd0002 (id INTEGER);\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = '6000dddd0001';\n\n"
	   "UPDATE alembic_version SET version_num='8000dddd0002' WHERE alembic_version.version_num = '7000ffff0001';\n\n"
	   "COMMIT;\n\n"},
	{G1, SQLITE, "upgrade", "5000eeee0001:8000dddd0002",
	   "-- Running upgrade  -> 7000ffff0001\n\n"
	   "CREATE TABLE t_7000ffff0001 (id INTEGER);\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('7000ffff0001');\n\n"
	   "-- Running upgrade 5000eeee0001 -> 6000dddd0001\n\n"
	   "CREATE TABLE t_6000dddd0001 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='6000dddd0001' WHERE alembic_version.version_num = '5000eeee0001';\n\n"
	   "-- Running upgrade 6000dddd0001 -> 8000dddd0002\n\n"
	   "CREATE TABLE t_8000dddd0002 (id INTEGER);\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = '6000dddd0001';\n\n"
	   "UPDATE alembic_version SET version_num='8000dddd0002' WHERE alembic_version.version_num = '7000ffff0001';\n\n"},
	{G1, PG, "upgrade", "5000eeee0001:8000dddd0002",
	   "BEGIN;\n\n"
	   "-- Running upgrade  -> 7000ffff0001\n\n"
	   "CREATE TABLE t_7000ffff0001 (id INTEGER);\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('7000ffff0001') RETURNING alembic_version.version_num;\n\n"
	   "-- Running upgrade 5000eeee0001 -> 6000dddd0001\n\n"
	   "CREATE TABLE t_6000dddd0001 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='6000dddd0001' WHERE alembic_version.version_num = '5000eeee0001';\n\n"
	   "-- Running upgrade 6000dddd0001 -> 8000dddd0002\n\n"
	   "CREATE TABLE t_8000dddd0002 (id INTEGER);\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = '6000dddd0001';\n\n"
	   "UPDATE alembic_version SET version_num='8000dddd0002' WHERE alembic_version.version_num = '7000ffff0001';\n\n"
	   "COMMIT;\n\n"},
	{G1, PG_TPM, "upgrade", "5000eeee0001:8000dddd0002",
	   "BEGIN;\n\n"
	   "-- Running upgrade  -> 7000ffff0001\n\n"
	   "CREATE TABLE t_7000ffff0001 (id INTEGER);\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('7000ffff0001') RETURNING alembic_version.version_num;\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running upgrade 5000eeee0001 -> 6000dddd0001\n\n"
	   "CREATE TABLE t_6000dddd0001 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='6000dddd0001' WHERE alembic_version.version_num = '5000eeee0001';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running upgrade 6000dddd0001 -> 8000dddd0002\n\n"
	   "CREATE TABLE t_8000dddd0002 (id INTEGER);\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = '6000dddd0001';\n\n"
	   "UPDATE alembic_version SET version_num='8000dddd0002' WHERE alembic_version.version_num = '7000ffff0001';\n\n"
	   "COMMIT;\n\n"},
	{G1, SQLITE, "downgrade", "8000dddd0002:2000aaaa0002",
	   "-- Running downgrade 8000dddd0002 -> 6000dddd0001\n\n"
	   "DROP TABLE t_8000dddd0002;\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('6000dddd0001');\n\n"
	   "UPDATE alembic_version SET version_num='7000ffff0001' WHERE alembic_version.version_num = '8000dddd0002';\n\n"
	   "-- Running downgrade 6000dddd0001 -> 5000eeee0001\n\n"
	   "DROP TABLE t_6000dddd0001;\n\n"
	   "UPDATE alembic_version SET version_num='5000eeee0001' WHERE alembic_version.version_num = '6000dddd0001';\n\n"
	   "-- Running downgrade 5000eeee0001 -> 3000bbbb0002, 4000cccc0002\n\n"
	   "DROP TABLE t_5000eeee0001;\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('3000bbbb0002');\n\n"
	   "UPDATE alembic_version SET version_num='4000cccc0002' WHERE alembic_version.version_num = '5000eeee0001';\n\n"
	   "-- Running downgrade 3000bbbb0002 -> 3000bbbb0001\n\n"
	   "DROP TABLE t_3000bbbb0002;\n\n"
	   "UPDATE alembic_version SET version_num='3000bbbb0001' WHERE alembic_version.version_num = '3000bbbb0002';\n\n"
	   "-- Running downgrade 3000bbbb0001 -> 2000aaaa0002\n\n"
	   "DROP TABLE t_3000bbbb0001;\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = '3000bbbb0001';\n\n"
	   "-- Running downgrade 4000cccc0002 -> 4000cccc0001\n\n"
	   "DROP TABLE t_4000cccc0002;\n\n"
	   "UPDATE alembic_version SET version_num='4000cccc0001' WHERE alembic_version.version_num = '4000cccc0002';\n\n"
	   "-- Running downgrade 4000cccc0001 -> 2000aaaa0002\n\n"
	   "DROP TABLE t_4000cccc0001;\n\n"
	   "UPDATE alembic_version SET version_num='2000aaaa0002' WHERE alembic_version.version_num = '4000cccc0001';\n\n"},
	{G1, PG, "downgrade", "8000dddd0002:2000aaaa0002",
	   "BEGIN;\n\n"
	   "-- Running downgrade 8000dddd0002 -> 6000dddd0001\n\n"
	   "DROP TABLE t_8000dddd0002;\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('6000dddd0001') RETURNING alembic_version.version_num;\n\n"
	   "UPDATE alembic_version SET version_num='7000ffff0001' WHERE alembic_version.version_num = '8000dddd0002';\n\n"
	   "-- Running downgrade 6000dddd0001 -> 5000eeee0001\n\n"
	   "DROP TABLE t_6000dddd0001;\n\n"
	   "UPDATE alembic_version SET version_num='5000eeee0001' WHERE alembic_version.version_num = '6000dddd0001';\n\n"
	   "-- Running downgrade 5000eeee0001 -> 3000bbbb0002, 4000cccc0002\n\n"
	   "DROP TABLE t_5000eeee0001;\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('3000bbbb0002') RETURNING alembic_version.version_num;\n\n"
	   "UPDATE alembic_version SET version_num='4000cccc0002' WHERE alembic_version.version_num = '5000eeee0001';\n\n"
	   "-- Running downgrade 3000bbbb0002 -> 3000bbbb0001\n\n"
	   "DROP TABLE t_3000bbbb0002;\n\n"
	   "UPDATE alembic_version SET version_num='3000bbbb0001' WHERE alembic_version.version_num = '3000bbbb0002';\n\n"
	   "-- Running downgrade 3000bbbb0001 -> 2000aaaa0002\n\n"
	   "DROP TABLE t_3000bbbb0001;\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = '3000bbbb0001';\n\n"
	   "-- Running downgrade 4000cccc0002 -> 4000cccc0001\n\n"
	   "DROP TABLE t_4000cccc0002;\n\n"
	   "UPDATE alembic_version SET version_num='4000cccc0001' WHERE alembic_version.version_num = '4000cccc0002';\n\n"
	   "-- Running downgrade 4000cccc0001 -> 2000aaaa0002\n\n"
	   "DROP TABLE t_4000cccc0001;\n\n"
	   "UPDATE alembic_version SET version_num='2000aaaa0002' WHERE alembic_version.version_num = '4000cccc0001';\n\n"
	   "COMMIT;\n\n"},
	{G1, PG_TPM, "downgrade", "8000dddd0002:2000aaaa0002",
	   "BEGIN;\n\n"
	   "-- Running downgrade 8000dddd0002 -> 6000dddd0001\n\n"
	   "DROP TABLE t_8000dddd0002;\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('6000dddd0001') RETURNING alembic_version.version_num;\n\n"
	   "UPDATE alembic_version SET version_num='7000ffff0001' WHERE alembic_version.version_num = '8000dddd0002';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running downgrade 6000dddd0001 -> 5000eeee0001\n\n"
	   "DROP TABLE t_6000dddd0001;\n\n"
	   "UPDATE alembic_version SET version_num='5000eeee0001' WHERE alembic_version.version_num = '6000dddd0001';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running downgrade 5000eeee0001 -> 3000bbbb0002, 4000cccc0002\n\n"
	   "DROP TABLE t_5000eeee0001;\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('3000bbbb0002') RETURNING alembic_version.version_num;\n\n"
	   "UPDATE alembic_version SET version_num='4000cccc0002' WHERE alembic_version.version_num = '5000eeee0001';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running downgrade 3000bbbb0002 -> 3000bbbb0001\n\n"
	   "DROP TABLE t_3000bbbb0002;\n\n"
	   "UPDATE alembic_version SET version_num='3000bbbb0001' WHERE alembic_version.version_num = '3000bbbb0002';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running downgrade 3000bbbb0001 -> 2000aaaa0002\n\n"
	   "DROP TABLE t_3000bbbb0001;\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = '3000bbbb0001';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running downgrade 4000cccc0002 -> 4000cccc0001\n\n"
	   "DROP TABLE t_4000cccc0002;\n\n"
	   "UPDATE alembic_version SET version_num='4000cccc0001' WHERE alembic_version.version_num = '4000cccc0002';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running downgrade 4000cccc0001 -> 2000aaaa0002\n\n"
	   "DROP TABLE t_4000cccc0001;\n\n"
	   "UPDATE alembic_version SET version_num='2000aaaa0002' WHERE alembic_version.version_num = '4000cccc0001';\n\n"
	   "COMMIT;\n\n"},
	{G1, SQLITE, "downgrade", "8000dddd0002:base", /* 1.8.1 also prints DROP TABLE alembic_version; (§8.2.9) */
	   "-- Running downgrade 8000dddd0002 -> 6000dddd0001\n\n"
	   "DROP TABLE t_8000dddd0002;\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('6000dddd0001');\n\n"
	   "UPDATE alembic_version SET version_num='7000ffff0001' WHERE alembic_version.version_num = '8000dddd0002';\n\n"
	   "-- Running downgrade 6000dddd0001 -> 5000eeee0001\n\n"
	   "DROP TABLE t_6000dddd0001;\n\n"
	   "UPDATE alembic_version SET version_num='5000eeee0001' WHERE alembic_version.version_num = '6000dddd0001';\n\n"
	   "-- Running downgrade 5000eeee0001 -> 3000bbbb0002, 4000cccc0002\n\n"
	   "DROP TABLE t_5000eeee0001;\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('3000bbbb0002');\n\n"
	   "UPDATE alembic_version SET version_num='4000cccc0002' WHERE alembic_version.version_num = '5000eeee0001';\n\n"
	   "-- Running downgrade 3000bbbb0002 -> 3000bbbb0001\n\n"
	   "DROP TABLE t_3000bbbb0002;\n\n"
	   "UPDATE alembic_version SET version_num='3000bbbb0001' WHERE alembic_version.version_num = '3000bbbb0002';\n\n"
	   "-- Running downgrade 3000bbbb0001 -> 2000aaaa0002\n\n"
	   "DROP TABLE t_3000bbbb0001;\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = '3000bbbb0001';\n\n"
	   "-- Running downgrade 4000cccc0002 -> 4000cccc0001\n\n"
	   "DROP TABLE t_4000cccc0002;\n\n"
	   "UPDATE alembic_version SET version_num='4000cccc0001' WHERE alembic_version.version_num = '4000cccc0002';\n\n"
	   "-- Running downgrade 4000cccc0001 -> 2000aaaa0002\n\n"
	   "DROP TABLE t_4000cccc0001;\n\n"
	   "UPDATE alembic_version SET version_num='2000aaaa0002' WHERE alembic_version.version_num = '4000cccc0001';\n\n"
	   "-- Running downgrade 7000ffff0001 -> \n\n"
	   "DROP TABLE t_7000ffff0001;\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = '7000ffff0001';\n\n"
	   "-- Running downgrade 2000aaaa0002 -> 1000aaaa0001\n\n"
	   "DROP TABLE t_2000aaaa0002;\n\n"
	   "UPDATE alembic_version SET version_num='1000aaaa0001' WHERE alembic_version.version_num = '2000aaaa0002';\n\n"
	   "-- Running downgrade 1000aaaa0001 -> \n\n"
	   "DROP TABLE t_1000aaaa0001;\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = '1000aaaa0001';\n\n"},
	{G1, PG, "downgrade", "8000dddd0002:base", /* 1.8.1 also prints DROP TABLE alembic_version; (§8.2.9) */
	   "BEGIN;\n\n"
	   "-- Running downgrade 8000dddd0002 -> 6000dddd0001\n\n"
	   "DROP TABLE t_8000dddd0002;\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('6000dddd0001') RETURNING alembic_version.version_num;\n\n"
	   "UPDATE alembic_version SET version_num='7000ffff0001' WHERE alembic_version.version_num = '8000dddd0002';\n\n"
	   "-- Running downgrade 6000dddd0001 -> 5000eeee0001\n\n"
	   "DROP TABLE t_6000dddd0001;\n\n"
	   "UPDATE alembic_version SET version_num='5000eeee0001' WHERE alembic_version.version_num = '6000dddd0001';\n\n"
	   "-- Running downgrade 5000eeee0001 -> 3000bbbb0002, 4000cccc0002\n\n"
	   "DROP TABLE t_5000eeee0001;\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('3000bbbb0002') RETURNING alembic_version.version_num;\n\n"
	   "UPDATE alembic_version SET version_num='4000cccc0002' WHERE alembic_version.version_num = '5000eeee0001';\n\n"
	   "-- Running downgrade 3000bbbb0002 -> 3000bbbb0001\n\n"
	   "DROP TABLE t_3000bbbb0002;\n\n"
	   "UPDATE alembic_version SET version_num='3000bbbb0001' WHERE alembic_version.version_num = '3000bbbb0002';\n\n"
	   "-- Running downgrade 3000bbbb0001 -> 2000aaaa0002\n\n"
	   "DROP TABLE t_3000bbbb0001;\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = '3000bbbb0001';\n\n"
	   "-- Running downgrade 4000cccc0002 -> 4000cccc0001\n\n"
	   "DROP TABLE t_4000cccc0002;\n\n"
	   "UPDATE alembic_version SET version_num='4000cccc0001' WHERE alembic_version.version_num = '4000cccc0002';\n\n"
	   "-- Running downgrade 4000cccc0001 -> 2000aaaa0002\n\n"
	   "DROP TABLE t_4000cccc0001;\n\n"
	   "UPDATE alembic_version SET version_num='2000aaaa0002' WHERE alembic_version.version_num = '4000cccc0001';\n\n"
	   "-- Running downgrade 7000ffff0001 -> \n\n"
	   "DROP TABLE t_7000ffff0001;\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = '7000ffff0001';\n\n"
	   "-- Running downgrade 2000aaaa0002 -> 1000aaaa0001\n\n"
	   "DROP TABLE t_2000aaaa0002;\n\n"
	   "UPDATE alembic_version SET version_num='1000aaaa0001' WHERE alembic_version.version_num = '2000aaaa0002';\n\n"
	   "-- Running downgrade 1000aaaa0001 -> \n\n"
	   "DROP TABLE t_1000aaaa0001;\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = '1000aaaa0001';\n\n"
	   "COMMIT;\n\n"},
	{G1, PG_TPM, "downgrade", "8000dddd0002:base", /* 1.8.1 also prints DROP TABLE alembic_version; (§8.2.9) */
	   "BEGIN;\n\n"
	   "-- Running downgrade 8000dddd0002 -> 6000dddd0001\n\n"
	   "DROP TABLE t_8000dddd0002;\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('6000dddd0001') RETURNING alembic_version.version_num;\n\n"
	   "UPDATE alembic_version SET version_num='7000ffff0001' WHERE alembic_version.version_num = '8000dddd0002';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running downgrade 6000dddd0001 -> 5000eeee0001\n\n"
	   "DROP TABLE t_6000dddd0001;\n\n"
	   "UPDATE alembic_version SET version_num='5000eeee0001' WHERE alembic_version.version_num = '6000dddd0001';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running downgrade 5000eeee0001 -> 3000bbbb0002, 4000cccc0002\n\n"
	   "DROP TABLE t_5000eeee0001;\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('3000bbbb0002') RETURNING alembic_version.version_num;\n\n"
	   "UPDATE alembic_version SET version_num='4000cccc0002' WHERE alembic_version.version_num = '5000eeee0001';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running downgrade 3000bbbb0002 -> 3000bbbb0001\n\n"
	   "DROP TABLE t_3000bbbb0002;\n\n"
	   "UPDATE alembic_version SET version_num='3000bbbb0001' WHERE alembic_version.version_num = '3000bbbb0002';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running downgrade 3000bbbb0001 -> 2000aaaa0002\n\n"
	   "DROP TABLE t_3000bbbb0001;\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = '3000bbbb0001';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running downgrade 4000cccc0002 -> 4000cccc0001\n\n"
	   "DROP TABLE t_4000cccc0002;\n\n"
	   "UPDATE alembic_version SET version_num='4000cccc0001' WHERE alembic_version.version_num = '4000cccc0002';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running downgrade 4000cccc0001 -> 2000aaaa0002\n\n"
	   "DROP TABLE t_4000cccc0001;\n\n"
	   "UPDATE alembic_version SET version_num='2000aaaa0002' WHERE alembic_version.version_num = '4000cccc0001';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running downgrade 7000ffff0001 -> \n\n"
	   "DROP TABLE t_7000ffff0001;\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = '7000ffff0001';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running downgrade 2000aaaa0002 -> 1000aaaa0001\n\n"
	   "DROP TABLE t_2000aaaa0002;\n\n"
	   "UPDATE alembic_version SET version_num='1000aaaa0001' WHERE alembic_version.version_num = '2000aaaa0002';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running downgrade 1000aaaa0001 -> \n\n"
	   "DROP TABLE t_1000aaaa0001;\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = '1000aaaa0001';\n\n"
	   "COMMIT;\n\n"},
	{G1, SQLITE, "downgrade", "5000eeee0001:3000bbbb0002",
	   "-- Running downgrade 5000eeee0001 -> 3000bbbb0002, 4000cccc0002\n\n"
	   "DROP TABLE t_5000eeee0001;\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('3000bbbb0002');\n\n"
	   "UPDATE alembic_version SET version_num='4000cccc0002' WHERE alembic_version.version_num = '5000eeee0001';\n\n"},
	{G1, PG, "downgrade", "5000eeee0001:3000bbbb0002",
	   "BEGIN;\n\n"
	   "-- Running downgrade 5000eeee0001 -> 3000bbbb0002, 4000cccc0002\n\n"
	   "DROP TABLE t_5000eeee0001;\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('3000bbbb0002') RETURNING alembic_version.version_num;\n\n"
	   "UPDATE alembic_version SET version_num='4000cccc0002' WHERE alembic_version.version_num = '5000eeee0001';\n\n"
	   "COMMIT;\n\n"},
	{G1, PG_TPM, "downgrade", "5000eeee0001:3000bbbb0002",
	   "BEGIN;\n\n"
	   "-- Running downgrade 5000eeee0001 -> 3000bbbb0002, 4000cccc0002\n\n"
	   "DROP TABLE t_5000eeee0001;\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('3000bbbb0002') RETURNING alembic_version.version_num;\n\n"
	   "UPDATE alembic_version SET version_num='4000cccc0002' WHERE alembic_version.version_num = '5000eeee0001';\n\n"
	   "COMMIT;\n\n"},
	{G1, SQLITE, "stamp", "5000eeee0001",
	   CREATE_VT
	   "-- Running stamp_revision  -> 5000eeee0001\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('5000eeee0001');\n\n"},
	{G1, PG, "stamp", "5000eeee0001",
	   "BEGIN;\n\n"
	   CREATE_VT
	   "-- Running stamp_revision  -> 5000eeee0001\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('5000eeee0001') RETURNING alembic_version.version_num;\n\n"
	   "COMMIT;\n\n"},
	{G1, PG_TPM, "stamp", "5000eeee0001",
	   "BEGIN;\n\n"
	   CREATE_VT
	   "-- Running stamp_revision  -> 5000eeee0001\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('5000eeee0001') RETURNING alembic_version.version_num;\n\n"
	   "COMMIT;\n\n"},
	{G1, SQLITE, "stamp", "heads",
	   CREATE_VT
	   "-- Running stamp_revision  -> 7000ffff0002\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('7000ffff0002');\n\n"
	   "-- Running stamp_revision  -> 8000dddd0002\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('8000dddd0002');\n\n"},
	{G1, PG, "stamp", "heads",
	   "BEGIN;\n\n"
	   CREATE_VT
	   "-- Running stamp_revision  -> 7000ffff0002\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('7000ffff0002') RETURNING alembic_version.version_num;\n\n"
	   "-- Running stamp_revision  -> 8000dddd0002\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('8000dddd0002') RETURNING alembic_version.version_num;\n\n"
	   "COMMIT;\n\n"},
	{G1, PG_TPM, "stamp", "heads",
	   "BEGIN;\n\n"
	   CREATE_VT
	   "-- Running stamp_revision  -> 7000ffff0002\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('7000ffff0002') RETURNING alembic_version.version_num;\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running stamp_revision  -> 8000dddd0002\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('8000dddd0002') RETURNING alembic_version.version_num;\n\n"
	   "COMMIT;\n\n"},
	{G1, SQLITE, "stamp", "3000bbbb0002:heads",
	   "-- Running stamp_revision  -> 7000ffff0002\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('7000ffff0002');\n\n"
	   "-- Running stamp_revision 3000bbbb0002 -> 8000dddd0002\n\n"
	   "UPDATE alembic_version SET version_num='8000dddd0002' WHERE alembic_version.version_num = '3000bbbb0002';\n\n"},
	{G1, PG, "stamp", "3000bbbb0002:heads",
	   "BEGIN;\n\n"
	   "-- Running stamp_revision  -> 7000ffff0002\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('7000ffff0002') RETURNING alembic_version.version_num;\n\n"
	   "-- Running stamp_revision 3000bbbb0002 -> 8000dddd0002\n\n"
	   "UPDATE alembic_version SET version_num='8000dddd0002' WHERE alembic_version.version_num = '3000bbbb0002';\n\n"
	   "COMMIT;\n\n"},
	{G1, PG_TPM, "stamp", "3000bbbb0002:heads",
	   "BEGIN;\n\n"
	   "-- Running stamp_revision  -> 7000ffff0002\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('7000ffff0002') RETURNING alembic_version.version_num;\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running stamp_revision 3000bbbb0002 -> 8000dddd0002\n\n"
	   "UPDATE alembic_version SET version_num='8000dddd0002' WHERE alembic_version.version_num = '3000bbbb0002';\n\n"
	   "COMMIT;\n\n"},
	{G1, SQLITE, "stamp", "8000dddd0002:base", /* 1.8.1 also prints DROP TABLE alembic_version; (§8.2.9) */
	   "-- Running stamp_revision 8000dddd0002 -> \n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = '8000dddd0002';\n\n"},
	{G1, PG, "stamp", "8000dddd0002:base", /* 1.8.1 also prints DROP TABLE alembic_version; (§8.2.9) */
	   "BEGIN;\n\n"
	   "-- Running stamp_revision 8000dddd0002 -> \n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = '8000dddd0002';\n\n"
	   "COMMIT;\n\n"},
	{G1, PG_TPM, "stamp", "8000dddd0002:base", /* 1.8.1 also prints DROP TABLE alembic_version; (§8.2.9) */
	   "BEGIN;\n\n"
	   "-- Running stamp_revision 8000dddd0002 -> \n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = '8000dddd0002';\n\n"
	   "COMMIT;\n\n"},
	{G1, SQLITE, "stamp", "8000dddd0002:2000aaaa0002",
	   "-- Running stamp_revision 8000dddd0002 -> 2000aaaa0002\n\n"
	   "UPDATE alembic_version SET version_num='2000aaaa0002' WHERE alembic_version.version_num = '8000dddd0002';\n\n"},
	{G1, PG, "stamp", "8000dddd0002:2000aaaa0002",
	   "BEGIN;\n\n"
	   "-- Running stamp_revision 8000dddd0002 -> 2000aaaa0002\n\n"
	   "UPDATE alembic_version SET version_num='2000aaaa0002' WHERE alembic_version.version_num = '8000dddd0002';\n\n"
	   "COMMIT;\n\n"},
	{G1, PG_TPM, "stamp", "8000dddd0002:2000aaaa0002",
	   "BEGIN;\n\n"
	   "-- Running stamp_revision 8000dddd0002 -> 2000aaaa0002\n\n"
	   "UPDATE alembic_version SET version_num='2000aaaa0002' WHERE alembic_version.version_num = '8000dddd0002';\n\n"
	   "COMMIT;\n\n"},
	{G1, SQLITE, "stamp", "7000ffff0002:7000ffff0001 3000bbbb0001",
	   "-- Running stamp_revision 7000ffff0002 -> 7000ffff0001\n\n"
	   "UPDATE alembic_version SET version_num='7000ffff0001' WHERE alembic_version.version_num = '7000ffff0002';\n\n"
	   "-- Running stamp_revision  -> 3000bbbb0001\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('3000bbbb0001');\n\n"},
	{G1, PG, "stamp", "7000ffff0002:7000ffff0001 3000bbbb0001",
	   "BEGIN;\n\n"
	   "-- Running stamp_revision 7000ffff0002 -> 7000ffff0001\n\n"
	   "UPDATE alembic_version SET version_num='7000ffff0001' WHERE alembic_version.version_num = '7000ffff0002';\n\n"
	   "-- Running stamp_revision  -> 3000bbbb0001\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('3000bbbb0001') RETURNING alembic_version.version_num;\n\n"
	   "COMMIT;\n\n"},
	{G1, PG_TPM, "stamp", "7000ffff0002:7000ffff0001 3000bbbb0001",
	   "BEGIN;\n\n"
	   "-- Running stamp_revision 7000ffff0002 -> 7000ffff0001\n\n"
	   "UPDATE alembic_version SET version_num='7000ffff0001' WHERE alembic_version.version_num = '7000ffff0002';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running stamp_revision  -> 3000bbbb0001\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('3000bbbb0001') RETURNING alembic_version.version_num;\n\n"
	   "COMMIT;\n\n"},
	{G1, SQLITE, "upgrade", "base:base", /* 1.8.1 also prints DROP TABLE alembic_version; (§8.2.9) */
	   ""},
	{G1, PG, "upgrade", "base:base", /* 1.8.1 also prints DROP TABLE alembic_version; (§8.2.9) */
	   "BEGIN;\n\n"
	   "COMMIT;\n\n"},
	{G1, PG_TPM, "upgrade", "base:base", /* 1.8.1 also prints DROP TABLE alembic_version; (§8.2.9) */
	   ""},
	{G2, SQLITE, "upgrade", "heads",
	   CREATE_VT
	   "-- Running upgrade  -> aaaa00000001\n\n"
	   "CREATE TABLE t_aaaa00000001 (id INTEGER);\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('aaaa00000001');\n\n"
	   "-- Running upgrade aaaa00000001 -> bbbb00000001\n\n"
	   "CREATE TABLE t_bbbb00000001 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='bbbb00000001' WHERE alembic_version.version_num = 'aaaa00000001';\n\n"
	   "-- Running upgrade bbbb00000001 -> bbbb00000002\n\n"
	   "CREATE TABLE t_bbbb00000002 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='bbbb00000002' WHERE alembic_version.version_num = 'bbbb00000001';\n\n"
	   "-- Running upgrade aaaa00000001 -> cccc00000001\n\n"
	   "CREATE TABLE t_cccc00000001 (id INTEGER);\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('cccc00000001');\n\n"
	   "-- Running upgrade cccc00000001 -> cccc00000002\n\n"
	   "CREATE TABLE t_cccc00000002 (id INTEGER);\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = 'cccc00000001';\n\n"
	   "UPDATE alembic_version SET version_num='cccc00000002' WHERE alembic_version.version_num = 'bbbb00000002';\n\n"},
	{G2, PG, "upgrade", "heads",
	   "BEGIN;\n\n"
	   CREATE_VT
	   "-- Running upgrade  -> aaaa00000001\n\n"
	   "CREATE TABLE t_aaaa00000001 (id INTEGER);\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('aaaa00000001') RETURNING alembic_version.version_num;\n\n"
	   "-- Running upgrade aaaa00000001 -> bbbb00000001\n\n"
	   "CREATE TABLE t_bbbb00000001 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='bbbb00000001' WHERE alembic_version.version_num = 'aaaa00000001';\n\n"
	   "-- Running upgrade bbbb00000001 -> bbbb00000002\n\n"
	   "CREATE TABLE t_bbbb00000002 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='bbbb00000002' WHERE alembic_version.version_num = 'bbbb00000001';\n\n"
	   "-- Running upgrade aaaa00000001 -> cccc00000001\n\n"
	   "CREATE TABLE t_cccc00000001 (id INTEGER);\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('cccc00000001') RETURNING alembic_version.version_num;\n\n"
	   "-- Running upgrade cccc00000001 -> cccc00000002\n\n"
	   "CREATE TABLE t_cccc00000002 (id INTEGER);\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = 'cccc00000001';\n\n"
	   "UPDATE alembic_version SET version_num='cccc00000002' WHERE alembic_version.version_num = 'bbbb00000002';\n\n"
	   "COMMIT;\n\n"},
	{G2, SQLITE, "downgrade", "cccc00000002:base", /* 1.8.1 also prints DROP TABLE alembic_version; (§8.2.9) */
	   "-- Running downgrade cccc00000002 -> cccc00000001\n\n"
	   "DROP TABLE t_cccc00000002;\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('cccc00000001');\n\n"
	   "UPDATE alembic_version SET version_num='bbbb00000002' WHERE alembic_version.version_num = 'cccc00000002';\n\n"
	   "-- Running downgrade cccc00000001 -> aaaa00000001\n\n"
	   "DROP TABLE t_cccc00000001;\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = 'cccc00000001';\n\n"
	   "-- Running downgrade bbbb00000002 -> bbbb00000001\n\n"
	   "DROP TABLE t_bbbb00000002;\n\n"
	   "UPDATE alembic_version SET version_num='bbbb00000001' WHERE alembic_version.version_num = 'bbbb00000002';\n\n"
	   "-- Running downgrade bbbb00000001 -> aaaa00000001\n\n"
	   "DROP TABLE t_bbbb00000001;\n\n"
	   "UPDATE alembic_version SET version_num='aaaa00000001' WHERE alembic_version.version_num = 'bbbb00000001';\n\n"
	   "-- Running downgrade aaaa00000001 -> \n\n"
	   "DROP TABLE t_aaaa00000001;\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = 'aaaa00000001';\n\n"},
	{G2, PG, "downgrade", "cccc00000002:base", /* 1.8.1 also prints DROP TABLE alembic_version; (§8.2.9) */
	   "BEGIN;\n\n"
	   "-- Running downgrade cccc00000002 -> cccc00000001\n\n"
	   "DROP TABLE t_cccc00000002;\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('cccc00000001') RETURNING alembic_version.version_num;\n\n"
	   "UPDATE alembic_version SET version_num='bbbb00000002' WHERE alembic_version.version_num = 'cccc00000002';\n\n"
	   "-- Running downgrade cccc00000001 -> aaaa00000001\n\n"
	   "DROP TABLE t_cccc00000001;\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = 'cccc00000001';\n\n"
	   "-- Running downgrade bbbb00000002 -> bbbb00000001\n\n"
	   "DROP TABLE t_bbbb00000002;\n\n"
	   "UPDATE alembic_version SET version_num='bbbb00000001' WHERE alembic_version.version_num = 'bbbb00000002';\n\n"
	   "-- Running downgrade bbbb00000001 -> aaaa00000001\n\n"
	   "DROP TABLE t_bbbb00000001;\n\n"
	   "UPDATE alembic_version SET version_num='aaaa00000001' WHERE alembic_version.version_num = 'bbbb00000001';\n\n"
	   "-- Running downgrade aaaa00000001 -> \n\n"
	   "DROP TABLE t_aaaa00000001;\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = 'aaaa00000001';\n\n"
	   "COMMIT;\n\n"},
	{G2, SQLITE, "downgrade", "cccc00000002:bbbb00000001",
	   "-- Running downgrade cccc00000002 -> cccc00000001\n\n"
	   "DROP TABLE t_cccc00000002;\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('cccc00000001');\n\n"
	   "UPDATE alembic_version SET version_num='bbbb00000002' WHERE alembic_version.version_num = 'cccc00000002';\n\n"
	   "-- Running downgrade bbbb00000002 -> bbbb00000001\n\n"
	   "DROP TABLE t_bbbb00000002;\n\n"
	   "UPDATE alembic_version SET version_num='bbbb00000001' WHERE alembic_version.version_num = 'bbbb00000002';\n\n"},
	{G2, PG, "downgrade", "cccc00000002:bbbb00000001",
	   "BEGIN;\n\n"
	   "-- Running downgrade cccc00000002 -> cccc00000001\n\n"
	   "DROP TABLE t_cccc00000002;\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('cccc00000001') RETURNING alembic_version.version_num;\n\n"
	   "UPDATE alembic_version SET version_num='bbbb00000002' WHERE alembic_version.version_num = 'cccc00000002';\n\n"
	   "-- Running downgrade bbbb00000002 -> bbbb00000001\n\n"
	   "DROP TABLE t_bbbb00000002;\n\n"
	   "UPDATE alembic_version SET version_num='bbbb00000001' WHERE alembic_version.version_num = 'bbbb00000002';\n\n"
	   "COMMIT;\n\n"},
	{G2, SQLITE, "downgrade", "cccc00000002:aaaa00000001",
	   "-- Running downgrade cccc00000002 -> cccc00000001\n\n"
	   "DROP TABLE t_cccc00000002;\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('cccc00000001');\n\n"
	   "UPDATE alembic_version SET version_num='bbbb00000002' WHERE alembic_version.version_num = 'cccc00000002';\n\n"
	   "-- Running downgrade cccc00000001 -> aaaa00000001\n\n"
	   "DROP TABLE t_cccc00000001;\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = 'cccc00000001';\n\n"
	   "-- Running downgrade bbbb00000002 -> bbbb00000001\n\n"
	   "DROP TABLE t_bbbb00000002;\n\n"
	   "UPDATE alembic_version SET version_num='bbbb00000001' WHERE alembic_version.version_num = 'bbbb00000002';\n\n"
	   "-- Running downgrade bbbb00000001 -> aaaa00000001\n\n"
	   "DROP TABLE t_bbbb00000001;\n\n"
	   "UPDATE alembic_version SET version_num='aaaa00000001' WHERE alembic_version.version_num = 'bbbb00000001';\n\n"},
	{G2, PG, "downgrade", "cccc00000002:aaaa00000001",
	   "BEGIN;\n\n"
	   "-- Running downgrade cccc00000002 -> cccc00000001\n\n"
	   "DROP TABLE t_cccc00000002;\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('cccc00000001') RETURNING alembic_version.version_num;\n\n"
	   "UPDATE alembic_version SET version_num='bbbb00000002' WHERE alembic_version.version_num = 'cccc00000002';\n\n"
	   "-- Running downgrade cccc00000001 -> aaaa00000001\n\n"
	   "DROP TABLE t_cccc00000001;\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = 'cccc00000001';\n\n"
	   "-- Running downgrade bbbb00000002 -> bbbb00000001\n\n"
	   "DROP TABLE t_bbbb00000002;\n\n"
	   "UPDATE alembic_version SET version_num='bbbb00000001' WHERE alembic_version.version_num = 'bbbb00000002';\n\n"
	   "-- Running downgrade bbbb00000001 -> aaaa00000001\n\n"
	   "DROP TABLE t_bbbb00000001;\n\n"
	   "UPDATE alembic_version SET version_num='aaaa00000001' WHERE alembic_version.version_num = 'bbbb00000001';\n\n"
	   "COMMIT;\n\n"},
	{G2, SQLITE, "stamp", "heads",
	   CREATE_VT
	   "-- Running stamp_revision  -> cccc00000002\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('cccc00000002');\n\n"},
	{G2, PG, "stamp", "heads",
	   "BEGIN;\n\n"
	   CREATE_VT
	   "-- Running stamp_revision  -> cccc00000002\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('cccc00000002') RETURNING alembic_version.version_num;\n\n"
	   "COMMIT;\n\n"},
	{LIN5, SQLITE, "upgrade", "head",
	   CREATE_VT
	   "-- Running upgrade  -> aaaa00000001\n\n"
	   "CREATE TABLE t_aaaa00000001 (id INTEGER);\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('aaaa00000001');\n\n"
	   "-- Running upgrade aaaa00000001 -> aaaa00000002\n\n"
	   "CREATE TABLE t_aaaa00000002 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='aaaa00000002' WHERE alembic_version.version_num = 'aaaa00000001';\n\n"
	   "-- Running upgrade aaaa00000002 -> aaaa00000003\n\n"
	   "CREATE TABLE t_aaaa00000003 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='aaaa00000003' WHERE alembic_version.version_num = 'aaaa00000002';\n\n"
	   "-- Running upgrade aaaa00000003 -> aaaa00000004\n\n"
	   "CREATE TABLE t_aaaa00000004 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='aaaa00000004' WHERE alembic_version.version_num = 'aaaa00000003';\n\n"
	   "-- Running upgrade aaaa00000004 -> aaaa00000005\n\n"
	   "CREATE TABLE t_aaaa00000005 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='aaaa00000005' WHERE alembic_version.version_num = 'aaaa00000004';\n\n"},
	{LIN5, PG, "upgrade", "head",
	   "BEGIN;\n\n"
	   CREATE_VT
	   "-- Running upgrade  -> aaaa00000001\n\n"
	   "CREATE TABLE t_aaaa00000001 (id INTEGER);\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('aaaa00000001') RETURNING alembic_version.version_num;\n\n"
	   "-- Running upgrade aaaa00000001 -> aaaa00000002\n\n"
	   "CREATE TABLE t_aaaa00000002 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='aaaa00000002' WHERE alembic_version.version_num = 'aaaa00000001';\n\n"
	   "-- Running upgrade aaaa00000002 -> aaaa00000003\n\n"
	   "CREATE TABLE t_aaaa00000003 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='aaaa00000003' WHERE alembic_version.version_num = 'aaaa00000002';\n\n"
	   "-- Running upgrade aaaa00000003 -> aaaa00000004\n\n"
	   "CREATE TABLE t_aaaa00000004 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='aaaa00000004' WHERE alembic_version.version_num = 'aaaa00000003';\n\n"
	   "-- Running upgrade aaaa00000004 -> aaaa00000005\n\n"
	   "CREATE TABLE t_aaaa00000005 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='aaaa00000005' WHERE alembic_version.version_num = 'aaaa00000004';\n\n"
	   "COMMIT;\n\n"},
	{LIN5, PG_TPM, "upgrade", "head",
	   "BEGIN;\n\n"
	   CREATE_VT
	   "-- Running upgrade  -> aaaa00000001\n\n"
	   "CREATE TABLE t_aaaa00000001 (id INTEGER);\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('aaaa00000001') RETURNING alembic_version.version_num;\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running upgrade aaaa00000001 -> aaaa00000002\n\n"
	   "CREATE TABLE t_aaaa00000002 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='aaaa00000002' WHERE alembic_version.version_num = 'aaaa00000001';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running upgrade aaaa00000002 -> aaaa00000003\n\n"
	   "CREATE TABLE t_aaaa00000003 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='aaaa00000003' WHERE alembic_version.version_num = 'aaaa00000002';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running upgrade aaaa00000003 -> aaaa00000004\n\n"
	   "CREATE TABLE t_aaaa00000004 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='aaaa00000004' WHERE alembic_version.version_num = 'aaaa00000003';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running upgrade aaaa00000004 -> aaaa00000005\n\n"
	   "CREATE TABLE t_aaaa00000005 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='aaaa00000005' WHERE alembic_version.version_num = 'aaaa00000004';\n\n"
	   "COMMIT;\n\n"},
	{LIN5, SQLITE, "upgrade", "aaaa00000002:aaaa00000004",
	   "-- Running upgrade aaaa00000002 -> aaaa00000003\n\n"
	   "CREATE TABLE t_aaaa00000003 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='aaaa00000003' WHERE alembic_version.version_num = 'aaaa00000002';\n\n"
	   "-- Running upgrade aaaa00000003 -> aaaa00000004\n\n"
	   "CREATE TABLE t_aaaa00000004 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='aaaa00000004' WHERE alembic_version.version_num = 'aaaa00000003';\n\n"},
	{LIN5, PG, "upgrade", "aaaa00000002:aaaa00000004",
	   "BEGIN;\n\n"
	   "-- Running upgrade aaaa00000002 -> aaaa00000003\n\n"
	   "CREATE TABLE t_aaaa00000003 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='aaaa00000003' WHERE alembic_version.version_num = 'aaaa00000002';\n\n"
	   "-- Running upgrade aaaa00000003 -> aaaa00000004\n\n"
	   "CREATE TABLE t_aaaa00000004 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='aaaa00000004' WHERE alembic_version.version_num = 'aaaa00000003';\n\n"
	   "COMMIT;\n\n"},
	{LIN5, PG_TPM, "upgrade", "aaaa00000002:aaaa00000004",
	   "BEGIN;\n\n"
	   "-- Running upgrade aaaa00000002 -> aaaa00000003\n\n"
	   "CREATE TABLE t_aaaa00000003 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='aaaa00000003' WHERE alembic_version.version_num = 'aaaa00000002';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running upgrade aaaa00000003 -> aaaa00000004\n\n"
	   "CREATE TABLE t_aaaa00000004 (id INTEGER);\n\n"
	   "UPDATE alembic_version SET version_num='aaaa00000004' WHERE alembic_version.version_num = 'aaaa00000003';\n\n"
	   "COMMIT;\n\n"},
	{LIN5, SQLITE, "downgrade", "head:base", /* 1.8.1 also prints DROP TABLE alembic_version; (§8.2.9) */
	   "-- Running downgrade aaaa00000005 -> aaaa00000004\n\n"
	   "DROP TABLE t_aaaa00000005;\n\n"
	   "UPDATE alembic_version SET version_num='aaaa00000004' WHERE alembic_version.version_num = 'aaaa00000005';\n\n"
	   "-- Running downgrade aaaa00000004 -> aaaa00000003\n\n"
	   "DROP TABLE t_aaaa00000004;\n\n"
	   "UPDATE alembic_version SET version_num='aaaa00000003' WHERE alembic_version.version_num = 'aaaa00000004';\n\n"
	   "-- Running downgrade aaaa00000003 -> aaaa00000002\n\n"
	   "DROP TABLE t_aaaa00000003;\n\n"
	   "UPDATE alembic_version SET version_num='aaaa00000002' WHERE alembic_version.version_num = 'aaaa00000003';\n\n"
	   "-- Running downgrade aaaa00000002 -> aaaa00000001\n\n"
	   "DROP TABLE t_aaaa00000002;\n\n"
	   "UPDATE alembic_version SET version_num='aaaa00000001' WHERE alembic_version.version_num = 'aaaa00000002';\n\n"
	   "-- Running downgrade aaaa00000001 -> \n\n"
	   "DROP TABLE t_aaaa00000001;\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = 'aaaa00000001';\n\n"},
	{LIN5, PG, "downgrade", "head:base", /* 1.8.1 also prints DROP TABLE alembic_version; (§8.2.9) */
	   "BEGIN;\n\n"
	   "-- Running downgrade aaaa00000005 -> aaaa00000004\n\n"
	   "DROP TABLE t_aaaa00000005;\n\n"
	   "UPDATE alembic_version SET version_num='aaaa00000004' WHERE alembic_version.version_num = 'aaaa00000005';\n\n"
	   "-- Running downgrade aaaa00000004 -> aaaa00000003\n\n"
	   "DROP TABLE t_aaaa00000004;\n\n"
	   "UPDATE alembic_version SET version_num='aaaa00000003' WHERE alembic_version.version_num = 'aaaa00000004';\n\n"
	   "-- Running downgrade aaaa00000003 -> aaaa00000002\n\n"
	   "DROP TABLE t_aaaa00000003;\n\n"
	   "UPDATE alembic_version SET version_num='aaaa00000002' WHERE alembic_version.version_num = 'aaaa00000003';\n\n"
	   "-- Running downgrade aaaa00000002 -> aaaa00000001\n\n"
	   "DROP TABLE t_aaaa00000002;\n\n"
	   "UPDATE alembic_version SET version_num='aaaa00000001' WHERE alembic_version.version_num = 'aaaa00000002';\n\n"
	   "-- Running downgrade aaaa00000001 -> \n\n"
	   "DROP TABLE t_aaaa00000001;\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = 'aaaa00000001';\n\n"
	   "COMMIT;\n\n"},
	{LIN5, PG_TPM, "downgrade", "head:base", /* 1.8.1 also prints DROP TABLE alembic_version; (§8.2.9) */
	   "BEGIN;\n\n"
	   "-- Running downgrade aaaa00000005 -> aaaa00000004\n\n"
	   "DROP TABLE t_aaaa00000005;\n\n"
	   "UPDATE alembic_version SET version_num='aaaa00000004' WHERE alembic_version.version_num = 'aaaa00000005';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running downgrade aaaa00000004 -> aaaa00000003\n\n"
	   "DROP TABLE t_aaaa00000004;\n\n"
	   "UPDATE alembic_version SET version_num='aaaa00000003' WHERE alembic_version.version_num = 'aaaa00000004';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running downgrade aaaa00000003 -> aaaa00000002\n\n"
	   "DROP TABLE t_aaaa00000003;\n\n"
	   "UPDATE alembic_version SET version_num='aaaa00000002' WHERE alembic_version.version_num = 'aaaa00000003';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running downgrade aaaa00000002 -> aaaa00000001\n\n"
	   "DROP TABLE t_aaaa00000002;\n\n"
	   "UPDATE alembic_version SET version_num='aaaa00000001' WHERE alembic_version.version_num = 'aaaa00000002';\n\n"
	   "COMMIT;\n\n"
	   "BEGIN;\n\n"
	   "-- Running downgrade aaaa00000001 -> \n\n"
	   "DROP TABLE t_aaaa00000001;\n\n"
	   "DELETE FROM alembic_version WHERE alembic_version.version_num = 'aaaa00000001';\n\n"
	   "COMMIT;\n\n"},
	{LIN5, SQLITE, "stamp", "aaaa00000003",
	   CREATE_VT
	   "-- Running stamp_revision  -> aaaa00000003\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('aaaa00000003');\n\n"},
	{LIN5, PG, "stamp", "aaaa00000003",
	   "BEGIN;\n\n"
	   CREATE_VT
	   "-- Running stamp_revision  -> aaaa00000003\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('aaaa00000003') RETURNING alembic_version.version_num;\n\n"
	   "COMMIT;\n\n"},
	{LIN5, PG_TPM, "stamp", "aaaa00000003",
	   "BEGIN;\n\n"
	   CREATE_VT
	   "-- Running stamp_revision  -> aaaa00000003\n\n"
	   "INSERT INTO alembic_version (version_num) VALUES ('aaaa00000003') RETURNING alembic_version.version_num;\n\n"
	   "COMMIT;\n\n"},
	{LIN5, SQLITE, "stamp", "aaaa00000001:aaaa00000003",
	   "-- Running stamp_revision aaaa00000001 -> aaaa00000003\n\n"
	   "UPDATE alembic_version SET version_num='aaaa00000003' WHERE alembic_version.version_num = 'aaaa00000001';\n\n"},
	{LIN5, PG, "stamp", "aaaa00000001:aaaa00000003",
	   "BEGIN;\n\n"
	   "-- Running stamp_revision aaaa00000001 -> aaaa00000003\n\n"
	   "UPDATE alembic_version SET version_num='aaaa00000003' WHERE alembic_version.version_num = 'aaaa00000001';\n\n"
	   "COMMIT;\n\n"},
	{LIN5, PG_TPM, "stamp", "aaaa00000001:aaaa00000003",
	   "BEGIN;\n\n"
	   "-- Running stamp_revision aaaa00000001 -> aaaa00000003\n\n"
	   "UPDATE alembic_version SET version_num='aaaa00000003' WHERE alembic_version.version_num = 'aaaa00000001';\n\n"
	   "COMMIT;\n\n"},
	{LIN5, SQLITE, "upgrade", "aaaa00000005:head",
	   ""},
	{LIN5, PG, "upgrade", "aaaa00000005:head",
	   "BEGIN;\n\n"
	   "COMMIT;\n\n"},
	{LIN5, PG_TPM, "upgrade", "aaaa00000005:head",
	   ""},
};

static void test_scripts_as_alembic(void **state)
{
	(void)state;
	struct project pr[4];
	for (int i = G1; i <= LIN5; i++)
		open_graph(&pr[i], (enum graph_name)i);
	for (size_t i = 0; i < sizeof(CASES) / sizeof(CASES[0]); i++) {
		const struct sql_case *c = &CASES[i];
		static const char *const dn[] = {"sqlite", "postgresql", "postgresql, transaction_per_migration"};
		struct ald_plan_config cfg = offline_config(c->dialect);
		char *what = ald__xasprintf("%s --sql %s (%s)", c->verb, c->args, dn[c->dialect]);
		char *text = script(pr[c->graph].g, c->verb, c->args, &cfg);
		expect_text(what, text, c->expected);
		free(text);
		free(what);
	}
	for (int i = G1; i <= LIN5; i++)
		project_close(&pr[i]);
}

/* merge3: a merge of three branches, one of them absorbed into another row
 * through depends_on. 1.8.1 prints everything up to the merge's first DELETE,
 * then crashes (KeyError: '1b1b1b1b1b01', §8.2.1); from there on the
 * expected text is what §5.2 means: the rows that exist are merged. */
static void test_merge3_keyerror(void **state)
{
	(void)state;
	struct project pr;
	open_graph(&pr, MERGE3);
	struct ald_plan_config cfg = offline_config(SQLITE);
	char *text = script(pr.g, "upgrade", "heads", &cfg);
	expect_text("merge3 upgrade --sql heads", text,
		CREATE_VT
		"-- Running upgrade  -> 0a0a0a0a0a01\n\n"
		"CREATE TABLE t_0a0a0a0a0a01 (id INTEGER);\n\n"
		"INSERT INTO alembic_version (version_num) VALUES ('0a0a0a0a0a01');\n\n"
		"-- Running upgrade 0a0a0a0a0a01 -> 1b1b1b1b1b01\n\n"
		"CREATE TABLE t_1b1b1b1b1b01 (id INTEGER);\n\n"
		"UPDATE alembic_version SET version_num='1b1b1b1b1b01' WHERE alembic_version.version_num = '0a0a0a0a0a01';\n\n"
		"-- Running upgrade 0a0a0a0a0a01 -> 3d3d3d3d3d01\n\n"
		"CREATE TABLE t_3d3d3d3d3d01 (id INTEGER);\n\n"
		"INSERT INTO alembic_version (version_num) VALUES ('3d3d3d3d3d01');\n\n"
		"-- Running upgrade 3d3d3d3d3d01 -> 3d3d3d3d3d02\n\n"
		"CREATE TABLE t_3d3d3d3d3d02 (id INTEGER);\n\n"
		"DELETE FROM alembic_version WHERE alembic_version.version_num = '3d3d3d3d3d01';\n\n"
		"UPDATE alembic_version SET version_num='3d3d3d3d3d02' WHERE alembic_version.version_num = '1b1b1b1b1b01';\n\n"
		"-- Running upgrade 0a0a0a0a0a01 -> 2c2c2c2c2c01\n\n"
		"CREATE TABLE t_2c2c2c2c2c01 (id INTEGER);\n\n"
		"INSERT INTO alembic_version (version_num) VALUES ('2c2c2c2c2c01');\n\n"
		"-- Running upgrade 2c2c2c2c2c01, 1b1b1b1b1b01, 3d3d3d3d3d02 -> 9e9e9e9e9e01\n\n"
		"CREATE TABLE t_9e9e9e9e9e01 (id INTEGER);\n\n"
		"DELETE FROM alembic_version WHERE alembic_version.version_num = '2c2c2c2c2c01';\n\n"
		/* 1.8.1 stops here */
		"UPDATE alembic_version SET version_num='9e9e9e9e9e01' WHERE alembic_version.version_num = '3d3d3d3d3d02';\n\n"
		"-- Running upgrade 9e9e9e9e9e01 -> 9e9e9e9e9e02\n\n"
		"CREATE TABLE t_9e9e9e9e9e02 (id INTEGER);\n\n"
		"UPDATE alembic_version SET version_num='9e9e9e9e9e02' WHERE alembic_version.version_num = '9e9e9e9e9e01';\n\n");
	free(text);
	project_close(&pr);
}

/* Table name and schema (Alembic 1.8.1 with version_table="ver",
 * version_table_schema="app" in env.py, captured). */
static void test_table_name(void **state)
{
	(void)state;
	struct project pr;
	open_graph(&pr, LIN5);
	struct ald_plan_config cfg = offline_config(PG);
	cfg.version_table = "ver";
	cfg.version_table_schema = "app";
	char *text = script(pr.g, "upgrade", "aaaa00000002", &cfg);
	expect_text("upgrade --sql aaaa00000002 (app.ver)", text,
		    "BEGIN;\n\n"
		    "CREATE TABLE IF NOT EXISTS app.ver (\n    version_num VARCHAR(32) NOT NULL, \n"
		    "    CONSTRAINT ver_pkc PRIMARY KEY (version_num)\n);\n\n"
		    "-- Running upgrade  -> aaaa00000001\n\n"
		    "CREATE TABLE t_aaaa00000001 (id INTEGER);\n\n"
		    "INSERT INTO app.ver (version_num) VALUES ('aaaa00000001') RETURNING app.ver.version_num;\n\n"
		    "-- Running upgrade aaaa00000001 -> aaaa00000002\n\n"
		    "CREATE TABLE t_aaaa00000002 (id INTEGER);\n\n"
		    "UPDATE app.ver SET version_num='aaaa00000002' WHERE app.ver.version_num = 'aaaa00000001';\n\n"
		    "COMMIT;\n\n");
	free(text);
	project_close(&pr);
}

/* "Transactional: false" (aludel's own; no Alembic counterpart): the
 * revision's statements and its version statement stand outside any
 * BEGIN/COMMIT. */
static const struct rev NONTX_REVS[] = {
	{"aaaa00000001", NULL, NULL, NULL, "one", 1, NULL},
	{"aaaa00000002", "aaaa00000001", NULL, NULL, "two", 0, NULL},
	{"aaaa00000003", "aaaa00000002", NULL, NULL, "three", 1, NULL},
	{"aaaa00000004", "aaaa00000003", NULL, NULL, "four", 0, NULL},
	{"aaaa00000005", "aaaa00000004", NULL, NULL, "five", 0, NULL},
};

#define STEP(from, to, up)                                                                        \
	"-- Running upgrade " from " -> " to "\n\nCREATE TABLE t_" to " (id INTEGER);\n\n" up ";\n\n"
#define UPD(from, to)                                                                             \
	"UPDATE alembic_version SET version_num='" to "' WHERE alembic_version.version_num = '" from "'"

static void test_nontransactional(void **state)
{
	(void)state;
	struct project pr;
	project_open(&pr, NONTX_REVS, sizeof(NONTX_REVS) / sizeof(NONTX_REVS[0]));
	const char *ins = "INSERT INTO alembic_version (version_num) VALUES ('aaaa00000001') RETURNING "
			  "alembic_version.version_num";
	const char *body =
		STEP("aaaa00000001", "aaaa00000002", UPD("aaaa00000001", "aaaa00000002"))
		"COMMIT;\n\n"
		STEP("aaaa00000002", "aaaa00000003", UPD("aaaa00000002", "aaaa00000003"))
		"BEGIN;\n\n"
		STEP("aaaa00000003", "aaaa00000004", UPD("aaaa00000003", "aaaa00000004"))
		STEP("aaaa00000004", "aaaa00000005", UPD("aaaa00000004", "aaaa00000005"))
		"COMMIT;\n\n";
	struct ald_plan_config cfg = offline_config(PG);
	char *text = script(pr.g, "upgrade", "heads", &cfg);
	char *want = ald__xasprintf(CREATE_VT "-- Running upgrade  -> aaaa00000001\n\n"
				   "CREATE TABLE t_aaaa00000001 (id INTEGER);\n\n%s;\n\nBEGIN;\n\n%s", ins, body);
	expect_text("postgresql, one transaction", text, want);
	free(want);
	free(text);

	cfg = offline_config(PG_TPM);
	text = script(pr.g, "upgrade", "aaaa00000001:heads", &cfg);
	expect_text("postgresql, transaction per migration", text,
		    "BEGIN;\n\n" STEP("aaaa00000001", "aaaa00000002", UPD("aaaa00000001", "aaaa00000002")) "COMMIT;\n\n"
		    STEP("aaaa00000002", "aaaa00000003", UPD("aaaa00000002", "aaaa00000003"))
		    "BEGIN;\n\n" STEP("aaaa00000003", "aaaa00000004", UPD("aaaa00000003", "aaaa00000004")) "COMMIT;\n\n"
		    "BEGIN;\n\n" STEP("aaaa00000004", "aaaa00000005", UPD("aaaa00000004", "aaaa00000005")) "COMMIT;\n\n");
	free(text);

	/* only non-transactional steps: no transaction statements at all */
	cfg = offline_config(PG);
	text = script(pr.g, "upgrade", "aaaa00000002:aaaa00000003", &cfg);
	expect_text("postgresql, only a non-transactional step", text,
		    STEP("aaaa00000002", "aaaa00000003", UPD("aaaa00000002", "aaaa00000003")));
	free(text);

	/* SQLite has no transaction statements anyway */
	cfg = offline_config(SQLITE);
	text = script(pr.g, "upgrade", "aaaa00000001:aaaa00000004", &cfg);
	expect_text("sqlite", text,
		    STEP("aaaa00000001", "aaaa00000002", UPD("aaaa00000001", "aaaa00000002"))
		    STEP("aaaa00000002", "aaaa00000003", UPD("aaaa00000002", "aaaa00000003"))
		    STEP("aaaa00000003", "aaaa00000004", UPD("aaaa00000003", "aaaa00000004")));
	free(text);
	project_close(&pr);
}

/* Statements are printed as written (tabs kept: they may be inside string
 * literals), with ";" and an empty line; one that ends in a "--" comment
 * (the splitter drops trailing comments, so only a statement made some other
 * way) gets its ";" on a line of its own. */
static void test_statement_text(void **state)
{
	(void)state;
	static const struct rev S[] = {
		{"ffff00000001", NULL, NULL, NULL, "text", 0,
		 "-- migrate:upgrade\n"
		 "CREATE TABLE a (\n\tx text DEFAULT 'tab\there'\n);\n"
		 "SELECT 1 -- the answer\n;\n"
		 "-- migrate:downgrade\n"
		 "DROP TABLE a;\n"},
	};
	struct project pr;
	project_open(&pr, S, 1);
	struct ald_plan_config cfg = offline_config(SQLITE);
	struct ald_plan_data *p = NULL;
	assert_int_equal(offline_plan(&p, pr.g, "upgrade", "heads", &cfg), 0);
	char *text = NULL;
	assert_int_equal(ald__plan_render_sql(&text, p, &cfg), 0);
	expect_text("statements", text,
		    CREATE_VT "-- Running upgrade  -> ffff00000001\n\n"
		    "CREATE TABLE a (\n\tx text DEFAULT 'tab\there'\n);\n\n"
		    "SELECT 1;\n\n"
		    "INSERT INTO alembic_version (version_num) VALUES ('ffff00000001');\n\n");
	free(text);
	assert_int_equal(p->steps[0].sql.n, 2);
	free(p->steps[0].sql.v[1].sql);
	p->steps[0].sql.v[1].sql = ald__xstrdup("SELECT 1\n-- kept");
	assert_int_equal(ald__plan_render_sql(&text, p, &cfg), 0);
	assert_non_null(strstr(text, "\n\nSELECT 1\n-- kept\n;\n\nINSERT"));
	free(text);
	ald__plan_data_free(p);
	project_close(&pr);
}

/* A plan made for an online run renders its preliminaries first: creating
 * the missing table, the purge. */
static void test_online_preview(void **state)
{
	(void)state;
	struct project pr;
	open_graph(&pr, LIN5);
	struct ald_plan_config cfg = {&ald__dialect_postgresql, NULL, NULL, 0, 0, 0, 0, NULL};
	struct ald_plan_data *p = NULL;
	assert_int_equal(ald__plan_build_upgrade(&p, pr.g, "aaaa00000001", NULL, 0, &cfg), 0);
	char *text = NULL;
	assert_int_equal(ald__plan_render_sql(&text, p, &cfg), 0);
	expect_text("online, no table", text,
		    "BEGIN;\n\n" CREATE_VT_ONLINE "-- Running upgrade  -> aaaa00000001\n\n"
		    "CREATE TABLE t_aaaa00000001 (id INTEGER);\n\n"
		    "INSERT INTO alembic_version (version_num) VALUES ('aaaa00000001') RETURNING "
		    "alembic_version.version_num;\n\nCOMMIT;\n\n");
	free(text);
	ald__plan_data_free(p);
	cfg.table_exists = 1;
	const char *rows[] = {"deadbeef"};
	const char *targets[] = {"aaaa00000002"};
	assert_int_equal(ald__plan_build_stamp(&p, pr.g, targets, 1, rows, 1, 1, &cfg), 0);
	assert_int_equal(ald__plan_render_sql(&text, p, &cfg), 0);
	expect_text("online stamp --purge", text,
		    "BEGIN;\n\nDELETE FROM alembic_version;\n\n-- Running stamp_revision  -> aaaa00000002\n\n"
		    "INSERT INTO alembic_version (version_num) VALUES ('aaaa00000002') RETURNING "
		    "alembic_version.version_num;\n\nCOMMIT;\n\n");
	free(text);
	ald__plan_data_free(p);
	project_close(&pr);
}

static void expect_offline_error(const struct ald_graph *g, const char *verb, const char *args, int code,
				 const char *msg)
{
	struct ald_plan_config cfg = offline_config(SQLITE);
	struct ald_plan_data *p = NULL;
	assert_int_equal(offline_plan(&p, g, verb, args, &cfg), code);
	assert_null(p);
	expect_text(args, ald_error_last()->message, msg);
}

static void test_errors(void **state)
{
	(void)state;
	struct project pr;
	open_graph(&pr, G1);
	expect_offline_error(pr.g, "upgrade", "a:b:c", ALD_EINVALID, "Invalid range 'a:b:c'");
	expect_offline_error(pr.g, "downgrade", "heads:base", ALD_EMULTIPLEHEADS,
			     "Multiple head revisions are present for given argument 'heads'; please specify a "
			     "specific target revision, '<branchname>@heads' to narrow to a specific head, or "
			     "'heads' for all heads");
	expect_offline_error(pr.g, "upgrade", "nosuch:heads", ALD_ENOTFOUND,
			     "Can't locate revision identified by 'nosuch'");
	expect_offline_error(pr.g, "stamp", "head", ALD_EMULTIPLEHEADS,
			     "Multiple heads are present; please specify a single target revision");
	/* online: a range is refused */
	struct ald_plan_config cfg = {&ald__dialect_sqlite, NULL, NULL, 0, 0, 1, 0, NULL};
	struct ald_plan_data *p = (struct ald_plan_data *)1;
	assert_int_equal(ald__plan_build_upgrade(&p, pr.g, "base:heads", NULL, 0, &cfg), ALD_EUSAGE);
	assert_null(p);
	assert_string_equal(ald_error_last()->message, "Range revision not allowed");
	assert_int_equal(ald__plan_build_downgrade(&p, pr.g, "heads:base", NULL, 0, &cfg), ALD_EUSAGE);
	assert_string_equal(ald_error_last()->message, "Range revision not allowed");
	/* offline starts: base and nothing are the empty table */
	struct ald_strvec rows = {0};
	assert_int_equal(ald__plan_offline_rows(&rows, pr.g, NULL), 0);
	assert_int_equal(ald__plan_offline_rows(&rows, pr.g, "base"), 0);
	assert_int_equal(rows.n, 0);
	assert_int_equal(ald__plan_offline_rows(&rows, pr.g, "featb@head"), 0);
	assert_int_equal(rows.n, 1);
	assert_string_equal(rows.v[0], "8000dddd0002");
	ald__strvec_free(&rows);
	char *s = NULL, *d = NULL;
	assert_int_equal(ald__plan_split_range(&s, &d, "heads"), 0);
	assert_null(s);
	assert_string_equal(d, "heads");
	free(d);
	assert_int_equal(ald__plan_split_range(&s, &d, ":x"), 0);
	assert_string_equal(s, "");
	assert_string_equal(d, "x");
	free(s);
	free(d);
	project_close(&pr);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scripts_as_alembic),
		cmocka_unit_test(test_merge3_keyerror),
		cmocka_unit_test(test_table_name),
		cmocka_unit_test(test_nontransactional),
		cmocka_unit_test(test_statement_text),
		cmocka_unit_test(test_online_preview),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
