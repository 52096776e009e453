/* test_history_table.c - the history table through the public API
 * (aludel.h) on a SQLite file and on PostgreSQL (a database in the server
 * the harness starts): rows after upgrades, downgrades and stamps with the
 * checksums ald_revision_checksum gives; no row for a step rolled back;
 * Transactional: false; the ini key (renamed, off); the revisions edited
 * since they ran. And SHA-256 against the FIPS 180-4 test vectors.
 */
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
#include "pg_harness.h"
#include "sha256.h"

/* ---- SHA-256 ---- */

static void test_sha256_vectors(void **state)
{
	(void)state;
	char hex[65];
	ald__sha256_hex(hex, "", 0);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	ald__sha256_hex(hex, "abc", 3);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"; /* 448 bits */
	ald__sha256_hex(hex, two, strlen(two));
	assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	const char *four = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
	ald__sha256_hex(hex, four, strlen(four));
	assert_string_equal(hex, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
	/* a million 'a', fed in uneven pieces (the block boundary crossed everywhere) */
	struct ald_sha256 s;
	char chunk[997];
	memset(chunk, 'a', sizeof(chunk));
	ald__sha256_init(&s);
	size_t left = 1000000;
	for (size_t n = 1; left; n = n % 997 + 1) {
		size_t k = n < left ? n : left;
		ald__sha256_update(&s, chunk, k);
		left -= k;
	}
	ald__sha256_final_hex(&s, hex);
	assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	/* 55, 56 and 64 bytes: the padding's edge cases, against known digests */
	ald__sha256_hex(hex, chunk, 55);
	assert_string_equal(hex, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
	ald__sha256_hex(hex, chunk, 56);
	assert_string_equal(hex, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
	ald__sha256_hex(hex, chunk, 64);
	assert_string_equal(hex, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

/* ---- fixtures: a project folder and a database per test ---- */

struct backend {
	int pg;
};
static struct backend on_sqlite = {0}, on_pg = {1};

struct ctx {
	int pg;
	char *url;
	char *dir;      /* the project: aludel.ini, migrations/versions */
	char *extra;    /* more ini lines, or NULL */
	ald_project *p;
};

static int setup(void **state)
{
	static int n;
	const struct backend *b = *state;
	struct ctx *c = calloc(1, sizeof(*c));
	char buf[4096];
	c->pg = b->pg;
	n++;
	snprintf(buf, sizeof(buf), "%s/p%d", ald_test_tmpdir(), n);
	c->dir = strdup(buf);
	if (c->pg) {
		c->url = ald_test_pg_create_db("ald_test_histtab");
		if (!c->url)
			return -1;
	} else {
		snprintf(buf, sizeof(buf), "sqlite:///%s/t.db", c->dir);
		c->url = strdup(buf);
	}
	mkdir(c->dir, 0755);
	snprintf(buf, sizeof(buf), "%s/migrations", c->dir);
	mkdir(buf, 0755);
	snprintf(buf, sizeof(buf), "%s/migrations/versions", c->dir);
	mkdir(buf, 0755);
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	struct ctx *c = *state;
	ald_project_free(c->p);
	if (c->pg)
		ald_test_pg_drop_db(c->url);
	free(c->url);
	free(c->dir);
	free(c->extra);
	free(c);
	return 0;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* A native revision: upgrade and downgrade sections (downgrade NULL: none). */
static void rev(struct ctx *c, const char *id, const char *down, const char *up, const char *dn, int nontx)
{
	char path[4096], text[8192];
	snprintf(path, sizeof(path), "%s/migrations/versions/%s_x.sql", c->dir, id);
	snprintf(text, sizeof(text),
		 "-- rev %s\n--\n-- Revision ID: %s\n-- Revises: %s\n-- Create Date: 2026-11-22 10:00:00\n%s\n"
		 "-- migrate:upgrade\n%s\n%s%s\n",
		 id, id, down ? down : "", nontx ? "-- Transactional: false\n" : "", up, dn ? "\n-- migrate:downgrade\n" : "",
		 dn ? dn : "");
	write_file(path, text);
}

/* (Re)opens the project with its ini (and c->extra). */
static ald_project *open_project(struct ctx *c)
{
	char path[4096], text[8192];
	ald_project_free(c->p);
	c->p = NULL;
	snprintf(path, sizeof(path), "%s/aludel.ini", c->dir);
	snprintf(text, sizeof(text), "[aludel]\nscript_location = %s/migrations\nsqlalchemy.url = %s\n%s", c->dir,
		 c->url, c->extra ? c->extra : "");
	write_file(path, text);
	ald_open_options o = ALD_OPEN_OPTIONS_INIT;
	o.config_path = path;
	o.no_cache = 1;
	if (ald_project_open(&c->p, &o) < 0)
		fail_msg("open: %s", ald_error_last()->message);
	return c->p;
}

/* Runs upgrade/downgrade (kind 'u'/'d') or stamp ('s') to target; returns the
 * run's result. */
static int run(struct ctx *c, char kind, const char *target)
{
	ald_plan *plan = NULL;
	ald_plan_options o = ALD_PLAN_OPTIONS_INIT;
	int error = kind == 'u'   ? ald_plan_upgrade(&plan, c->p, target, &o)
		    : kind == 'd' ? ald_plan_downgrade(&plan, c->p, target, &o)
				  : ald_plan_stamp(&plan, c->p, &target, 1, &o);
	if (error == 0)
		error = ald_plan_run(plan, NULL);
	ald_plan_free(plan);
	return error;
}

static void run_ok(struct ctx *c, char kind, const char *target)
{
	if (run(c, kind, target) < 0)
		fail_msg("%c %s: %s", kind, target, ald_error_last()->message);
}

static const ald_revision *find(ald_project *p, const char *id)
{
	ald_revlist *l = NULL;
	assert_int_equal(ald_project_resolve(&l, p, id), 0);
	assert_int_equal(ald_revlist_count(l), 1);
	const ald_revision *r = ald_revlist_at(l, 0);
	ald_revlist_free(l);
	return r;
}

static char *checksum(ald_project *p, const char *id, int downgrade)
{
	char *sum = NULL;
	if (ald_revision_checksum(&sum, find(p, id), downgrade) < 0)
		fail_msg("checksum %s: %s", id, ald_error_last()->message);
	assert_int_equal(strlen(sum), 64);
	return sum;
}

/* The runs as "rev direction" lines, newest first, joined by ", ". */
static char *runs_text(ald_project *p)
{
	ald_runs *runs = NULL;
	if (ald_project_runs(&runs, p, 0) < 0)
		fail_msg("runs: %s", ald_error_last()->message);
	char *out = calloc(1, 4096);
	for (size_t i = 0; i < ald_runs_count(runs); i++) {
		const ald_run_record *r = ald_runs_at(runs, i);
		snprintf(out + strlen(out), 4096 - strlen(out), "%s%s %s", i ? ", " : "", r->revision, r->direction);
	}
	ald_runs_free(runs);
	return out;
}

static void assert_runs(ald_project *p, const char *want)
{
	char *got = runs_text(p);
	if (strcmp(got, want) != 0)
		fail_msg("runs: got '%s', want '%s'", got, want);
	free(got);
}

static void three(struct ctx *c)
{
	rev(c, "a1", NULL, "CREATE TABLE t1 (x INT);", "DROP TABLE t1;", 0);
	rev(c, "b2", "a1", "CREATE TABLE t2 (x INT);\nINSERT INTO t2 VALUES (1);", "DROP TABLE t2;", 0);
	rev(c, "c3", "b2", "CREATE TABLE t3 (x INT);", "DROP TABLE t3;", 0);
}

/* ---- cases ---- */

/* Upgrades, a downgrade, a stamp: one row each, newest first, with the
 * checksums the files have, who ran it and the version. */
static void test_rows(void **state)
{
	struct ctx *c = *state;
	three(c);
	ald_project *p = open_project(c);
	assert_string_equal(ald_project_history_table(p), "aludel_history");
	assert_runs(p, ""); /* no table yet: no rows, no error */
	run_ok(c, 'u', "b2");
	run_ok(c, 'd', "a1");
	run_ok(c, 'u', "heads");
	run_ok(c, 's', "b2");
	assert_runs(p, "b2 stamp, c3 upgrade, b2 upgrade, b2 downgrade, b2 upgrade, a1 upgrade");

	ald_runs *runs = NULL;
	assert_int_equal(ald_project_runs(&runs, p, 3), 0);
	assert_int_equal(ald_runs_count(runs), 3);
	const ald_run_record *st = ald_runs_at(runs, 0), *up = ald_runs_at(runs, 1);
	assert_string_equal(st->checksum, "");
	char *sum = checksum(p, "c3", 0);
	assert_string_equal(up->checksum, sum);
	free(sum);
	assert_string_equal(up->version, ald_version());
	assert_true(strlen(up->user) > 0 && strlen(up->host) > 0);
	assert_int_equal(strlen(up->started_at), 24);
	assert_true(up->started_at[10] == 'T' && up->started_at[23] == 'Z');
	assert_true(strcmp(up->started_at, up->finished_at) <= 0);
	assert_true(up->seconds >= 0 && up->seconds < 60);
	ald_runs_free(runs);

	/* the downgrade row holds the downgrade section's checksum */
	assert_int_equal(ald_project_runs(&runs, p, 0), 0);
	const ald_run_record *dn = ald_runs_at(runs, 3);
	assert_string_equal(dn->direction, "downgrade");
	sum = checksum(p, "b2", 1);
	assert_string_equal(dn->checksum, sum);
	char *usum = checksum(p, "b2", 0);
	assert_string_not_equal(usum, sum);
	free(usum);
	free(sum);
	ald_runs_free(runs);
	ald_revlist *edited = NULL;
	assert_int_equal(ald_project_edited(&edited, p), 0);
	assert_int_equal(ald_revlist_count(edited), 0);
	ald_revlist_free(edited);
}

/* A failed step writes no row: with a commit per step, the steps before it
 * keep theirs; in one transaction, none of the run stays. */
static void test_failed_step(void **state)
{
	struct ctx *c = *state;
	three(c);
	rev(c, "d4", "c3", "CREATE TABLE t4 (x INT);\nINSERT INTO no_such_table VALUES (1);", "DROP TABLE t4;", 0);
	ald_project *p = open_project(c);
	assert_int_equal(run(c, 'u', "heads"), ALD_EDB);
	assert_runs(p, "");
	free(c->extra);
	c->extra = strdup("transaction_per_migration = true\n");
	p = open_project(c);
	assert_int_equal(run(c, 'u', "heads"), ALD_EDB);
	assert_runs(p, "c3 upgrade, b2 upgrade, a1 upgrade");
	/* a failing downgrade leaves none either */
	rev(c, "c3", "b2", "CREATE TABLE t3 (x INT);", "DROP TABLE no_such_table;", 0);
	p = open_project(c);
	assert_int_equal(run(c, 'd', "b2"), ALD_EDB);
	assert_runs(p, "c3 upgrade, b2 upgrade, a1 upgrade");
}

/* Transactional: false: the row comes with the version row at the end. */
static void test_nontransactional(void **state)
{
	struct ctx *c = *state;
	rev(c, "a1", NULL, "CREATE TABLE t1 (x INT);", "DROP TABLE t1;", 0);
	rev(c, "b2", "a1", "CREATE TABLE t2 (x INT);\nCREATE INDEX i2 ON t2 (x);", "DROP TABLE t2;", 1);
	ald_project *p = open_project(c);
	run_ok(c, 'u', "heads");
	assert_runs(p, "b2 upgrade, a1 upgrade");
	ald_runs *runs = NULL;
	assert_int_equal(ald_project_runs(&runs, p, 1), 0);
	char *sum = checksum(p, "b2", 0);
	assert_string_equal(ald_runs_at(runs, 0)->checksum, sum);
	free(sum);
	ald_runs_free(runs);
	/* failing in its second statement: no row */
	rev(c, "c3", "b2", "CREATE TABLE t3 (x INT);\nINSERT INTO nope VALUES (1);", "DROP TABLE t3;", 1);
	p = open_project(c);
	assert_int_equal(run(c, 'u', "heads"), ALD_EDB);
	assert_runs(p, "b2 upgrade, a1 upgrade");
}

/* history_table renames the table; empty or false turns it off. */
static void test_setting(void **state)
{
	struct ctx *c = *state;
	three(c);
	c->extra = strdup("history_table = my runs\n"); /* a name that needs quotes */
	ald_project *p = open_project(c);
	assert_string_equal(ald_project_history_table(p), "my runs");
	run_ok(c, 'u', "a1");
	assert_runs(p, "a1 upgrade");
	free(c->extra);
	c->extra = NULL;
	p = open_project(c); /* the default table was never written */
	assert_runs(p, "");
	run_ok(c, 'u', "b2");
	assert_runs(p, "b2 upgrade");
	for (int i = 0; i < 2; i++) {
		free(c->extra);
		c->extra = strdup(i ? "history_table = false\n" : "history_table =\n");
		p = open_project(c);
		assert_null(ald_project_history_table(p));
		run_ok(c, i ? 'd' : 'u', i ? "b2" : "c3");
		assert_runs(p, "");
	}
	free(c->extra);
	c->extra = NULL;
	p = open_project(c); /* neither run wrote a row */
	assert_runs(p, "b2 upgrade");
	free(c->extra);
	c->extra = strdup("history_table = my runs\n");
	p = open_project(c);
	assert_runs(p, "a1 upgrade");
}

/* Same code, same checksum; an applied revision edited since it ran is
 * listed by ald_project_edited, until its code is back. */
static void test_edited(void **state)
{
	struct ctx *c = *state;
	three(c);
	rev(c, "d4", "c3", "CREATE TABLE t2 (x INT);\nINSERT INTO t2 VALUES (1);", "DROP TABLE t4;", 0);
	ald_project *p = open_project(c);
	char *s2 = checksum(p, "b2", 0), *s4 = checksum(p, "d4", 0), *s3 = checksum(p, "c3", 0);
	assert_string_equal(s2, s4); /* the same statements */
	assert_string_not_equal(s2, s3);
	free(s4);
	free(s3);
	run_ok(c, 'u', "c3");
	ald_revlist *edited = NULL;
	assert_int_equal(ald_project_edited(&edited, p), 0);
	assert_int_equal(ald_revlist_count(edited), 0);
	ald_revlist_free(edited);

	/* b2's upgrade changes (one character), d4 (not applied) too, c3's
	 * downgrade only: b2 alone is edited */
	rev(c, "b2", "a1", "CREATE TABLE t2 (x INT);\nINSERT INTO t2 VALUES (2);", "DROP TABLE t2;", 0);
	rev(c, "d4", "c3", "CREATE TABLE t4 (y INT);", "DROP TABLE t4;", 0);
	rev(c, "c3", "b2", "CREATE TABLE t3 (x INT);", "DROP TABLE t3; -- changed", 0);
	p = open_project(c);
	assert_int_equal(ald_project_edited(&edited, p), 0);
	assert_int_equal(ald_revlist_count(edited), 1);
	assert_string_equal(ald_revision_id(ald_revlist_at(edited, 0)), "b2");
	ald_revlist_free(edited);

	/* the code back as it ran: nothing edited */
	rev(c, "b2", "a1", "CREATE TABLE t2 (x INT);\nINSERT INTO t2 VALUES (1);", "DROP TABLE t2;", 0);
	p = open_project(c);
	char *again = checksum(p, "b2", 0);
	assert_string_equal(again, s2);
	free(again);
	free(s2);
	assert_int_equal(ald_project_edited(&edited, p), 0);
	assert_int_equal(ald_revlist_count(edited), 0);
	ald_revlist_free(edited);

	/* edited, then run again (down and up): the newest upgrade row counts */
	rev(c, "c3", "b2", "CREATE TABLE t3 (x INT, y INT);", "DROP TABLE t3;", 0);
	p = open_project(c);
	assert_int_equal(ald_project_edited(&edited, p), 0);
	assert_int_equal(ald_revlist_count(edited), 1);
	ald_revlist_free(edited);
	run_ok(c, 'd', "b2");
	run_ok(c, 'u', "c3");
	assert_int_equal(ald_project_edited(&edited, p), 0);
	assert_int_equal(ald_revlist_count(edited), 0);
	ald_revlist_free(edited);

	/* a downgrade that is not there has no checksum */
	rev(c, "e5", "d4", "CREATE TABLE t5 (x INT);", NULL, 0);
	p = open_project(c);
	char *none = NULL;
	assert_int_equal(ald_revision_checksum(&none, find(p, "e5"), 1), ALD_ENOTFOUND);
	assert_null(none);
}

#define BOTH(f)                                                                  \
	{#f " (sqlite)", f, setup, teardown, &on_sqlite},                        \
	{#f " (postgresql)", f, setup, teardown, &on_pg}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256_vectors),
		BOTH(test_rows),
		BOTH(test_failed_step),
		BOTH(test_nontransactional),
		BOTH(test_setting),
		BOTH(test_edited),
	};
	return cmocka_run_group_tests(tests, ald_test_backends_setup, ald_test_backends_teardown);
}
