/* test_api_graph.c - the project and revision API through include/aludel.h
 * alone, on a native project written into a temporary folder: every getter
 * of a project, a revision and a list answers from the graph and leaves the
 * last error alone; the calls that read revision files, resolve identifiers
 * or write files report each kind of failure with its ALD_E* code and a
 * message naming the revision, range or file at fault. No database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api_fixture.h"

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);
	return n >= m && strcmp(s + n - m, tail) == 0;
}

static int exists(const char *path)
{
	return access(path, F_OK) == 0;
}

/* The project's getters; the password of the URL never shows. */
static void test_project_getters(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	fx_project(dir, "postgresql://alice:s3cret@127.0.0.1:1/app");
	ald_project *p = fx_open(dir);
	fx_error_mark();
	const char *cfg = ald_project_config_path(p);
	assert_true(cfg[0] == '/');
	assert_true(ends_with(cfg, "/aludel.ini"));
	const char *url = ald_project_url_display(p);
	assert_non_null(url);
	assert_null(strstr(url, "s3cret"));
	assert_non_null(strstr(url, "alice:XXXXX@127.0.0.1:1/app"));
	assert_int_equal(ald_project_is_alembic(p), 0);
	assert_null(ald_project_warning(p));
	assert_null(ald_project_cache_note(p));
	assert_int_equal(ald_project_revision_count(p), 4);
	assert_null(ald_project_revision_at(p, 4));
	assert_non_null(ald_version());
	fx_error_kept();
	ald_project_free(p);

	/* no URL: none to show */
	fx_project(dir, "");
	p = fx_open(dir);
	fx_error_mark();
	assert_null(ald_project_url_display(p));
	fx_error_kept();
	ald_project_free(p);
	fx_rmrf(dir);
}

/* A damaged header cache is told by ald_project_cache_note, naming the
 * cache file; the revisions are read from their files all the same. */
static void test_cache_note(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	fx_project(dir, "");
	char *cache = fx_path(dir, "cache"), *ini = fx_path(dir, "aludel.ini");
	assert_int_equal(mkdir(cache, 0700), 0);
	assert_int_equal(setenv("ALUDEL_CACHE_DIR", cache, 1), 0);
	ald_open_options o = ALD_OPEN_OPTIONS_INIT;
	o.config_path = ini;
	ald_project *p = NULL;
	assert_int_equal(ald_project_open(&p, &o), 0); /* writes the cache */
	assert_null(ald_project_cache_note(p));
	ald_project_free(p);
	/* every byte of the cache files past their first 32 (magic, checksum, format, counts) turned over */
	DIR *d = opendir(cache);
	assert_non_null(d);
	int damaged = 0;
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		if (e->d_name[0] == '.')
			continue;
		char *f = fx_path(cache, e->d_name);
		FILE *fp = fopen(f, "r+b");
		assert_non_null(fp);
		unsigned char buf[1 << 16];
		size_t n = fread(buf, 1, sizeof(buf), fp);
		for (size_t i = 32; i < n; i++)
			buf[i] ^= 0xff;
		assert_int_equal(fseek(fp, 0, SEEK_SET), 0);
		assert_int_equal(fwrite(buf, 1, n, fp), n);
		assert_int_equal(fclose(fp), 0);
		free(f);
		damaged++;
	}
	closedir(d);
	assert_true(damaged > 0);
	assert_int_equal(ald_project_open(&p, &o), 0);
	fx_error_mark();
	const char *note = ald_project_cache_note(p);
	assert_non_null(note);
	assert_non_null(strstr(note, cache));
	assert_int_equal(ald_project_revision_count(p), 4);
	fx_error_kept();
	ald_project_free(p);
	assert_int_equal(unsetenv("ALUDEL_CACHE_DIR"), 0);
	free(cache);
	free(ini);
	fx_rmrf(dir);
}

/* Every accessor of a revision, on a graph with a branch point, a merge
 * point, a branch label, a dependency and a non-transactional revision. */
static void test_revision_getters(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	fx_project(dir, "");
	ald_project *p = fx_open(dir);
	const ald_revision *a1 = fx_rev(p, "a1"), *b1 = fx_rev(p, "b1"), *c1 = fx_rev(p, "c1"),
			   *d1 = fx_rev(p, "d1");
	fx_error_mark();
	for (size_t i = 0; i < ald_project_revision_count(p); i++)
		assert_int_equal(ald_revision_index(ald_project_revision_at(p, i)), i);

	assert_string_equal(ald_revision_id(a1), "a1");
	assert_string_equal(ald_revision_message(a1), "create users");
	assert_true(ald_revision_path(a1)[0] == '/');
	assert_true(ends_with(ald_revision_path(a1), "/m/versions/a1_create_users.sql"));
	assert_string_equal(ald_revision_create_date(a1), "2026-01-02 03:04:05.000000");
	assert_null(ald_revision_create_date(b1));
	assert_int_equal(ald_revision_flags(a1), ALD_REVISION_BASE | ALD_REVISION_BRANCHPOINT);
	assert_int_equal(ald_revision_is_alembic(a1), 0);
	assert_int_equal(ald_revision_transactional(a1), 1);
	assert_int_equal(ald_revision_transactional(c1), 0);
	assert_int_equal(ald_revision_parent_count(a1), 0);
	assert_null(ald_revision_parent_id_at(a1, 0));
	assert_null(ald_revision_parent_at(a1, 0));
	assert_int_equal(ald_revision_child_count(a1), 2);
	assert_ptr_equal(ald_revision_child_at(a1, 0), b1);
	assert_ptr_equal(ald_revision_child_at(a1, 1), c1);
	assert_null(ald_revision_child_at(a1, 2));

	/* the label b1 declares */
	int has_feat = 0;
	for (size_t i = 0; i < ald_revision_label_count(b1); i++)
		has_feat |= strcmp(ald_revision_label_at(b1, i), "feat") == 0;
	assert_true(has_feat);
	assert_null(ald_revision_label_at(b1, ald_revision_label_count(b1)));
	assert_int_equal(ald_revision_label_count(a1), 0);
	assert_null(ald_revision_label_at(a1, 0));

	/* c1 depends on b1 */
	assert_int_equal(ald_revision_depends_on_count(c1), 1);
	assert_string_equal(ald_revision_depends_on_id_at(c1, 0), "b1");
	assert_null(ald_revision_depends_on_id_at(c1, 1));
	assert_int_equal(ald_revision_dependency_count(c1), 1);
	assert_ptr_equal(ald_revision_dependency_at(c1, 0), b1);
	assert_null(ald_revision_dependency_at(c1, 1));
	assert_int_equal(ald_revision_depends_on_count(b1), 0);
	assert_int_equal(ald_revision_dependency_count(b1), 0);

	/* d1 merges b1 and c1 */
	assert_int_equal(ald_revision_flags(d1), ALD_REVISION_MERGEPOINT | ALD_REVISION_HEAD | ALD_REVISION_REAL_HEAD);
	assert_int_equal(ald_revision_parent_count(d1), 2);
	assert_string_equal(ald_revision_parent_id_at(d1, 0), "b1");
	assert_string_equal(ald_revision_parent_id_at(d1, 1), "c1");
	assert_null(ald_revision_parent_id_at(d1, 2));
	assert_ptr_equal(ald_revision_parent_at(d1, 0), b1);
	assert_ptr_equal(ald_revision_parent_at(d1, 1), c1);
	assert_null(ald_revision_parent_at(d1, 2));
	assert_int_equal(ald_revision_child_count(d1), 0);
	assert_null(ald_revision_child_at(d1, 0));
	fx_error_kept();
	ald_project_free(p);
	fx_rmrf(dir);
}

/* Asserts that list l holds exactly the ids of `ids` (space-separated), in order. */
static void list_is(const ald_revlist *l, const char *ids)
{
	char buf[256] = "";
	for (size_t i = 0; i < ald_revlist_count(l); i++) {
		if (i)
			strcat(buf, " ");
		strcat(buf, ald_revision_id(ald_revlist_at(l, i)));
	}
	assert_string_equal(buf, ids);
	assert_null(ald_revlist_at(l, ald_revlist_count(l)));
}

/* heads, resolve and history: results, and the errors of an unknown
 * revision and a bad range; the lists' getters keep the last error. */
static void test_queries(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	fx_project(dir, "");
	ald_project *p = fx_open(dir);
	ald_revlist *l = NULL;

	assert_int_equal(ald_project_heads(&l, p, 0), 0);
	fx_error_mark();
	list_is(l, "d1");
	fx_error_kept();
	ald_revlist_free(l);
	assert_int_equal(ald_project_heads(&l, p, ALD_HEADS_RESOLVE_DEPENDENCIES), 0);
	list_is(l, "d1");
	ald_revlist_free(l);

	assert_int_equal(ald_project_resolve(&l, p, "feat@head"), 0);
	list_is(l, "d1");
	ald_revlist_free(l);
	assert_int_equal(ald_project_resolve(&l, p, "c1"), 0);
	list_is(l, "c1");
	ald_revlist_free(l);
	assert_int_equal(ald_project_resolve(&l, p, "base"), 0);
	list_is(l, "");
	ald_revlist_free(l);
	l = (ald_revlist *)1;
	fx_error_is(ald_project_resolve(&l, p, "zz9"), ALD_ENOTFOUND, "zz9");
	assert_null(l);

	assert_int_equal(ald_project_history(&l, p, NULL, NULL), 0);
	assert_int_equal(ald_revlist_count(l), 4);
	assert_string_equal(ald_revision_id(ald_revlist_at(l, 0)), "d1");
	assert_string_equal(ald_revision_id(ald_revlist_at(l, 3)), "a1");
	ald_revlist_free(l);
	assert_int_equal(ald_project_history(&l, p, "a1:b1", NULL), 0);
	list_is(l, "b1 a1");
	ald_revlist_free(l);
	const char *rows[] = {"b1"};
	assert_int_equal(ald_project_history(&l, p, "current:", &(ald_strarray){(char **)rows, 1}), 0);
	assert_true(ald_revlist_count(l) >= 1);
	ald_revlist_free(l);
	/* an unknown revision in the range, a row that names nothing */
	l = (ald_revlist *)1;
	fx_error_is(ald_project_history(&l, p, "zz8:d1", NULL), ALD_ENOTFOUND, "zz8");
	assert_null(l);
	const char *bad_rows[] = {"nope7"};
	fx_error_is(ald_project_history(&l, p, NULL, &(ald_strarray){(char **)bad_rows, 1}), ALD_ENOTFOUND, "nope7");
	assert_null(l);
	/* a range that is not one: Alembic's message, which shows the forms */
	l = (ald_revlist *)1;
	fx_error_is(ald_project_history(&l, p, "a1-d1", NULL), ALD_EINVALID, "History range requires [start]:[end]");
	assert_null(l);
	ald_project_free(p);
	fx_rmrf(dir);
}

/* Fails unless err is negative, the last error has its code and the
 * message names `needle`. */
static void failed_naming(int err, const char *needle)
{
	assert_true(err < 0);
	assert_int_equal(ald_error_last()->code, err);
	if (!strstr(ald_error_last()->message, needle))
		fail_msg("the message does not name '%s': %s", needle, ald_error_last()->message);
}

/* The calls that read a revision's file again: its code, docstring,
 * checksum and tables; and what each says when the file is gone or broken. */
static void test_revision_files(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	fx_project(dir, "");
	ald_project *p = fx_open(dir);
	const ald_revision *a1 = fx_rev(p, "a1"), *b1 = fx_rev(p, "b1"), *d1 = fx_rev(p, "d1");
	char *s = NULL, *t = NULL;

	assert_int_equal(ald_revision_sql(&s, a1, 0), 0);
	assert_string_equal(s, "CREATE TABLE users (id INTEGER PRIMARY KEY);\n");
	free(s);
	assert_int_equal(ald_revision_sql(&s, a1, 1), 0);
	assert_string_equal(s, "DROP TABLE users;\n");
	free(s);
	assert_int_equal(ald_revision_read_doc(&s, a1), 0);
	assert_int_equal(strncmp(s, "create users\n", 13), 0);
	assert_non_null(strstr(s, "Revision ID: a1"));
	free(s);
	assert_int_equal(ald_revision_checksum(&s, a1, 0), 0);
	assert_int_equal(strlen(s), 64);
	assert_int_equal(strspn(s, "0123456789abcdef"), 64);
	assert_int_equal(ald_revision_checksum(&t, a1, 1), 0);
	assert_string_not_equal(s, t);
	free(s);
	free(t);

	ald_strarray tables = {0};
	assert_int_equal(ald_revision_tables(&tables, p, b1), 0);
	fx_error_mark();
	assert_int_equal(tables.count, 1);
	assert_string_equal(tables.strings[0], "posts");
	fx_error_kept();
	ald_strarray_dispose(&tables);
	assert_null(tables.strings);
	assert_int_equal(tables.count, 0);
	ald_strarray_dispose(&tables); /* twice: a zeroed array */
	ald_strarray_dispose(NULL);

	/* no downgrade section: ALD_ENOTFOUND, naming the revision */
	fx_put(dir, "m/versions/d1_merge.sql",
	       "-- merge\n--\n-- Revision ID: d1\n-- Revises: b1, c1\n\n-- migrate:upgrade\nSELECT 1;\n");
	s = (char *)1;
	fx_error_is(ald_revision_sql(&s, d1, 1), ALD_ENOTFOUND, "d1");
	assert_null(s);
	s = (char *)1;
	fx_error_is(ald_revision_checksum(&s, d1, 1), ALD_ENOTFOUND, "d1");
	assert_null(s);

	/* the file now holds another revision: ALD_EINVALID naming the file */
	fx_put(dir, "m/versions/b1_create_posts.sql",
	       "-- create posts\n--\n-- Revision ID: b2\n-- Revises: a1\n\n-- migrate:upgrade\nSELECT 1;\n");
	s = (char *)1;
	fx_error_is(ald_revision_sql(&s, b1, 0), ALD_EINVALID, "b1_create_posts.sql");
	assert_null(s);

	/* the file no longer parses: ALD_EINVALID naming the file */
	fx_put(dir, "m/versions/b1_create_posts.sql", "this is not a revision\n");
	s = (char *)1;
	fx_error_is(ald_revision_read_doc(&s, b1), ALD_EINVALID, "b1_create_posts.sql");
	assert_null(s);
	s = (char *)1;
	fx_error_is(ald_revision_checksum(&s, b1, 0), ALD_EINVALID, "b1_create_posts.sql");
	assert_null(s);
	/* an unclosed quote: the tables cannot be read */
	fx_put(dir, "m/versions/b1_create_posts.sql",
	       "-- create posts\n--\n-- Revision ID: b1\n-- Revises: a1\n\n-- migrate:upgrade\n"
	       "INSERT INTO posts VALUES ('oops);\n");
	tables.count = 7;
	int err = ald_revision_tables(&tables, p, b1);
	assert_true(err < 0);
	assert_int_equal(ald_error_last()->code, err);
	assert_non_null(strstr(ald_error_last()->message, "b1_create_posts.sql"));
	assert_null(tables.strings);
	assert_int_equal(tables.count, 0);

	/* the file is gone: an error naming the file (its code: test_missing_file) */
	char *a1_path = fx_path(dir, "m/versions/a1_create_users.sql");
	assert_int_equal(unlink(a1_path), 0);
	s = (char *)1;
	failed_naming(ald_revision_sql(&s, a1, 0), a1_path);
	assert_null(s);
	s = (char *)1;
	failed_naming(ald_revision_read_doc(&s, a1), a1_path);
	assert_null(s);
	s = (char *)1;
	failed_naming(ald_revision_checksum(&s, a1, 0), a1_path);
	assert_null(s);
	failed_naming(ald_revision_tables(&tables, p, a1), a1_path);
	assert_null(tables.strings);
	/* the getters still answer from the graph, keeping the error */
	int code = ald_error_last()->code;
	assert_string_equal(ald_revision_message(a1), "create users");
	assert_string_equal(ald_revision_path(a1), a1_path);
	assert_int_equal(ald_error_last()->code, code);
	assert_non_null(strstr(ald_error_last()->message, a1_path));
	free(a1_path);
	ald_project_free(p);
	fx_rmrf(dir);
}

/* test_missing_file's resources, freed by its teardown even when it fails. */
struct missing {
	char *dir, *path;
	ald_project *p;
	char *s;
	ald_strarray tables;
};

static int missing_setup(void **state)
{
	struct missing *m = calloc(1, sizeof(*m));
	assert_non_null(m);
	m->dir = fx_tmpdir();
	fx_project(m->dir, "");
	m->p = fx_open(m->dir);
	m->path = fx_path(m->dir, "m/versions/a1_create_users.sql");
	*state = m;
	return 0;
}

static int missing_teardown(void **state)
{
	struct missing *m = *state;
	free(m->s);
	ald_strarray_dispose(&m->tables);
	ald_project_free(m->p);
	free(m->path);
	fx_rmrf(m->dir);
	free(m);
	return 0;
}

/* A revision file that is gone is ALD_ENOTFOUND ("a revision, file or key
 * does not exist", aludel.h) for every call that reads it again.
 * KNOWN FAILURE: the file readers report ALD_ERROR ("cannot open"). */
static void test_missing_file(void **state)
{
	struct missing *m = *state;
	const ald_revision *a1 = fx_rev(m->p, "a1");
	assert_int_equal(unlink(m->path), 0);
	fx_error_is(ald_revision_sql(&m->s, a1, 0), ALD_ENOTFOUND, m->path);
	fx_error_is(ald_revision_read_doc(&m->s, a1), ALD_ENOTFOUND, m->path);
	fx_error_is(ald_revision_checksum(&m->s, a1, 0), ALD_ENOTFOUND, m->path);
	fx_error_is(ald_revision_tables(&m->tables, m->p, a1), ALD_ENOTFOUND, m->path);
}

/* Opening fails, naming the file at fault. */
static void test_open_errors(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	fx_project(dir, "");
	char *ini = fx_path(dir, "aludel.ini");
	ald_open_options o = ALD_OPEN_OPTIONS_INIT;
	o.config_path = ini;
	o.no_cache = 1;
	ald_project *p = (ald_project *)1;

	/* a broken revision file */
	fx_put(dir, "m/versions/c1_add_name.sql", "-- add name\n--\n-- Revises: a1\n\n-- migrate:upgrade\nSELECT 1;\n");
	fx_error_is(ald_project_open(&p, &o), ALD_EINVALID, "c1_add_name.sql");
	assert_null(p);
	/* a revision that names a parent that does not exist */
	fx_put(dir, "m/versions/c1_add_name.sql",
	       "-- add name\n--\n-- Revision ID: c1\n-- Revises: q9\n\n-- migrate:upgrade\nSELECT 1;\n");
	p = (ald_project *)1;
	int err = ald_project_open(&p, &o);
	assert_true(err < 0);
	assert_int_equal(ald_error_last()->code, err);
	assert_non_null(strstr(ald_error_last()->message, "q9"));
	assert_null(p);
	/* the versions folder is missing */
	fx_project(dir, "");
	char *cmd = NULL;
	assert_true(asprintf(&cmd, "rm -rf '%s/m'", dir) > 0);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	p = (ald_project *)1;
	fx_error_is(ald_project_open(&p, &o), ALD_ENOTFOUND, "/m'");
	assert_null(p);
	/* a configuration without the section */
	fx_put(dir, "aludel.ini", "[other]\nx = 1\n");
	p = (ald_project *)1;
	fx_error_is(ald_project_open(&p, &o), ALD_ENOTFOUND, ini);
	assert_null(p);
	free(ini);
	fx_rmrf(dir);
}

/* revision and merge write files; their failures name the revision. */
static void test_create_and_merge(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	fx_project(dir, "");
	ald_project *p = fx_open(dir);
	char *path = NULL;
	ald_revision_options ro = ALD_REVISION_OPTIONS_INIT;
	ro.message = "add e";
	ro.rev_id = "e1";
	assert_int_equal(ald_project_revision_create(&path, p, &ro), 0);
	assert_true(ends_with(path, ".sql"));
	assert_non_null(strstr(path, "/m/versions/e1_"));
	assert_true(exists(path));
	free(path);
	ald_project_free(p);
	p = fx_open(dir);
	assert_int_equal(ald_project_revision_count(p), 5);
	assert_string_equal(ald_revision_parent_id_at(fx_rev(p, "e1"), 0), "d1");

	/* a second head from d1 (splice), then a merge of the heads */
	ro.rev_id = "f1";
	ro.head = "d1";
	fx_error_is(ald_project_revision_create(&path, p, &ro), ALD_EUSAGE, "d1");
	ro.splice = 1;
	assert_int_equal(ald_project_revision_create(&path, p, &ro), 0);
	free(path);
	ald_project_free(p);
	p = fx_open(dir);
	const char *heads[] = {"heads"};
	ald_merge_options mo = ALD_MERGE_OPTIONS_INIT;
	mo.message = "merge e and f";
	mo.rev_id = "g1";
	assert_int_equal(ald_project_merge(&path, p, heads, 1, &mo), 0);
	assert_non_null(strstr(path, "/m/versions/g1_"));
	free(path);
	ald_project_free(p);
	p = fx_open(dir);
	const ald_revision *g1 = fx_rev(p, "g1");
	assert_int_equal(ald_revision_parent_count(g1), 2);
	assert_string_equal(ald_revision_message(g1), "merge e and f");

	/* failures */
	ro = (ald_revision_options)ALD_REVISION_OPTIONS_INIT;
	ro.head = "zz5";
	path = (char *)1;
	fx_error_is(ald_project_revision_create(&path, p, &ro), ALD_ENOTFOUND, "zz5");
	assert_null(path);
	ro.head = NULL;
	ro.rev_id = "a1"; /* taken */
	int err = ald_project_revision_create(&path, p, &ro);
	assert_true(err < 0);
	assert_int_equal(ald_error_last()->code, err);
	assert_non_null(strstr(ald_error_last()->message, "a1"));
	ro.rev_id = "bad id!";
	fx_error_is(ald_project_revision_create(&path, p, &ro), ALD_EINVALID, "bad id!");
	ro.rev_id = NULL;
	ro.format = "xml";
	fx_error_is(ald_project_revision_create(&path, p, &ro), ALD_EINVALID, "xml");
	ro.format = NULL;
	ro.version = 99;
	fx_error_is(ald_project_revision_create(&path, p, &ro), ALD_EUSAGE, "ald_project_revision_create");
	mo.version = 99;
	path = (char *)1;
	fx_error_is(ald_project_merge(&path, p, heads, 1, &mo), ALD_EUSAGE, "ald_project_merge");
	assert_null(path); /* *out_path is NULL after any failure */
	fx_error_is(ald_project_merge(&path, p, heads, 0, NULL), ALD_EUSAGE, "merge");
	const char *unknown[] = {"g1", "zz6"};
	path = (char *)1;
	fx_error_is(ald_project_merge(&path, p, unknown, 2, NULL), ALD_ENOTFOUND, "zz6");
	assert_null(path);
	ald_project_free(p);
	fx_rmrf(dir);
}

/* init and the templates: projects that open; failures named. */
static void test_init(void **state)
{
	(void)state;
	char *dir = fx_tmpdir();
	fx_error_mark();
	size_t n = ald_project_template_count();
	assert_true(n >= 2);
	assert_string_equal(ald_project_template_name(0), "native");
	assert_string_equal(ald_project_template_name(1), "generic");
	for (size_t i = 0; i < n; i++)
		assert_true(strlen(ald_project_template_description(i)) > 0);
	assert_null(ald_project_template_name(n));
	assert_null(ald_project_template_description(n));
	fx_error_kept();

	char *scripts = fx_path(dir, "native"), *ini = fx_path(dir, "native.ini");
	ald_init_result *res = NULL;
	assert_int_equal(ald_project_init(&res, scripts, ini, NULL), 0);
	fx_error_mark();
	assert_string_equal(ald_init_result_config_path(res), ini);
	assert_string_equal(ald_init_result_settings(res), "configuration/connection");
	/* the scripts folder, its versions folder, the configuration file */
	assert_int_equal(ald_init_result_count(res), 3);
	assert_int_equal(ald_init_result_at(res, 0)->kind, ALD_INIT_DIRECTORY);
	assert_string_equal(ald_init_result_at(res, 0)->path, scripts);
	assert_int_equal(ald_init_result_at(res, 2)->kind, ALD_INIT_FILE);
	assert_string_equal(ald_init_result_at(res, 2)->path, ini);
	assert_int_equal(ald_init_result_at(res, 2)->failed, 0);
	assert_null(ald_init_result_at(res, 3));
	fx_error_kept();
	ald_init_result_free(res);
	ald_init_result_free(NULL);
	assert_true(exists(ini));
	ald_open_options o = ALD_OPEN_OPTIONS_INIT;
	o.config_path = ini;
	o.no_cache = 1;
	ald_project *p = NULL;
	assert_int_equal(ald_project_open(&p, &o), 0);
	assert_int_equal(ald_project_revision_count(p), 0);
	assert_int_equal(ald_project_is_alembic(p), 0);
	ald_project_free(p);
	/* again into the same folder: refused, naming it */
	int err = ald_project_init(&res, scripts, ini, NULL);
	assert_true(err < 0);
	assert_int_equal(ald_error_last()->code, err);
	assert_non_null(strstr(ald_error_last()->message, scripts));
	assert_int_equal(ald_init_result_count(res), 0);
	assert_null(ald_init_result_config_path(res));
	ald_init_result_free(res);
	free(scripts);
	free(ini);

	scripts = fx_path(dir, "alembic");
	ini = fx_path(dir, "alembic.ini");
	assert_int_equal(ald_project_init(&res, scripts, ini, "generic"), 0);
	assert_string_equal(ald_init_result_settings(res), "configuration/connection/logging");
	ald_init_result_free(res);
	char *envpy = fx_path(scripts, "env.py");
	assert_true(exists(envpy));
	o.config_path = ini;
	o.section = "alembic";
	assert_int_equal(ald_project_open(&p, &o), 0);
	assert_int_equal(ald_project_is_alembic(p), 1);
	ald_project_free(p);
	/* an env.py that computes the version table: the project's warning names it */
	fx_put(scripts, "env.py", "from alembic import context\n\ncontext.configure(version_table=name())\n");
	assert_int_equal(ald_project_open(&p, &o), 0);
	fx_error_mark();
	assert_non_null(ald_project_warning(p));
	assert_non_null(strstr(ald_project_warning(p), envpy));
	assert_non_null(strstr(ald_project_warning(p), "version_table"));
	fx_error_kept();
	ald_project_free(p);
	free(envpy);
	free(scripts);
	free(ini);

	/* no configuration path, no template: aludel.ini of the native template,
	 * in the current folder, which a project opened without a path reads */
	char *cwd = getcwd(NULL, 0);
	assert_non_null(cwd);
	char *here = fx_path(dir, "here");
	assert_int_equal(mkdir(here, 0700), 0);
	assert_int_equal(chdir(here), 0);
	assert_int_equal(unsetenv("ALEMBIC_CONFIG"), 0);
	assert_int_equal(ald_project_init(&res, "scripts", NULL, NULL), 0);
	ald_init_result_free(res);
	ald_open_options plain = ALD_OPEN_OPTIONS_INIT;
	plain.no_cache = 1;
	assert_int_equal(ald_project_open(&p, &plain), 0);
	char *here_ini = fx_path(here, "aludel.ini");
	assert_string_equal(ald_project_config_path(p), here_ini);
	assert_int_equal(ald_project_is_alembic(p), 0);
	free(here_ini);
	ald_project_free(p);
	assert_int_equal(chdir(cwd), 0);
	free(cwd);
	free(here);

	scripts = fx_path(dir, "other");
	fx_error_is(ald_project_init(&res, scripts, NULL, "nope3"), ALD_ENOTFOUND, "nope3");
	assert_non_null(strstr(ald_error_last()->message, "native"));
	assert_int_equal(ald_init_result_count(res), 0);
	ald_init_result_free(res);
	assert_false(exists(scripts));
	free(scripts);
	fx_rmrf(dir);
}

/* The Alembic command: both strings the caller's. */
static void test_alembic_command(void **state)
{
	(void)state;
	char *cmd = NULL, *origin = NULL;
	assert_int_equal(setenv("ALUDEL_ALEMBIC", "/opt/x/alembic --flag", 1), 0);
	assert_int_equal(ald_alembic_command(&cmd, &origin, NULL), 0);
	assert_string_equal(cmd, "/opt/x/alembic --flag");
	assert_non_null(strstr(origin, "ALUDEL_ALEMBIC"));
	free(cmd);
	free(origin);
	assert_int_equal(unsetenv("ALUDEL_ALEMBIC"), 0);

	char *dir = fx_tmpdir();
	fx_project(dir, "");
	fx_put(dir, "aludel.ini", "[aludel]\nscript_location = %(here)s/m\nalembic_command = /opt/y/alembic\n");
	ald_project *p = fx_open(dir);
	assert_int_equal(ald_alembic_command(&cmd, &origin, p), 0);
	assert_string_equal(cmd, "/opt/y/alembic");
	assert_non_null(strstr(origin, "alembic_command"));
	free(cmd);
	free(origin);
	ald_project_free(p);
	fx_rmrf(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_project_getters),
		cmocka_unit_test(test_cache_note),
		cmocka_unit_test(test_revision_getters),
		cmocka_unit_test(test_queries),
		cmocka_unit_test(test_revision_files),
		cmocka_unit_test_setup_teardown(test_missing_file, missing_setup, missing_teardown),
		cmocka_unit_test(test_open_errors),
		cmocka_unit_test(test_create_and_merge),
		cmocka_unit_test(test_init),
		cmocka_unit_test(test_alembic_command),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
