/* test_revcache.c - the parsed-header cache (src/revcache.c): a folder scanned
 * twice gives the same revisions whether read or cached; an entry is used
 * only while the file's size, times and inode are unchanged (a same-size edit
 * that puts the old modification time back is still seen); too recent files,
 * failed scans and a damaged cache file are never trusted; a folder's listing
 * is taken from the cache only while the folder is unchanged and every file
 * was recorded; an empty
 * ALUDEL_CACHE_DIR turns it off. Each test gets fresh temporary folders. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "revcache.h"
#include "scan.h"

static char *root, *vdir, *cdir; /* temporary root, its versions folder, its cache folder */

static int setup(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/ald_revcache_XXXXXX";
	if (!mkdtemp(tmpl))
		return -1;
	root = ald_xstrdup(tmpl);
	vdir = ald_xasprintf("%s/versions", root);
	cdir = ald_xasprintf("%s/cache", root);
	setenv("ALUDEL_CACHE_DIR", cdir, 1);
	ald_revcache_test_skew(10); /* the files written below count as old */
	return mkdir(vdir, 0700);
}

static int teardown(void **state)
{
	(void)state;
	char *cmd = ald_xasprintf("rm -rf '%s'", root);
	int rc = system(cmd);
	free(cmd);
	free(root);
	free(vdir);
	free(cdir);
	ald_revcache_test_skew(0);
	return rc;
}

static void write_file(const char *name, const char *text)
{
	char *path = ald_xasprintf("%s/%s", vdir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(path);
}

/* How many files the cache folder holds (0 when it does not exist). */
static int cache_files(void)
{
	DIR *d = opendir(cdir);
	int n = 0;
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL)
		n += e->d_name[0] != '.';
	if (d)
		closedir(d);
	return n;
}

static char *cache_path(void)
{
	DIR *d = opendir(cdir);
	assert_non_null(d);
	char *path = NULL;
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			path = ald_xasprintf("%s/%s", cdir, e->d_name);
	closedir(d);
	assert_non_null(path);
	return path;
}

/* A folder's stat, old enough to be trusted (the API tests' folders are made up). */
static const struct stat old_dir = {.st_size = 4096, .st_ino = 9, .st_mtim = {1000, 0}, .st_ctim = {1000, 0}};

struct scan {
	struct ald_revfile *f;
	size_t n;
};

static int scan(struct scan *s)
{
	struct ald_strvec dirs = {0};
	ald_strvec_pushdup(&dirs, vdir);
	void *f = NULL;
	int err = ald_scan_versions(&f, &s->n, sizeof(struct ald_revfile), &dirs, 0);
	s->f = f;
	ald_strvec_free(&dirs);
	return err;
}

static void scan_free(struct scan *s)
{
	for (size_t i = 0; i < s->n; i++)
		ald_revfile_clear(&s->f[i]);
	free(s->f);
}

static void assert_list(const struct ald_strvec *l, const char *joined)
{
	char *j = ald_strvec_join(l, ",");
	assert_string_equal(j, joined);
	free(j);
}

static const char rev_a[] = "-- first one\n"
			    "--\n"
			    "-- Revision ID: aaaa\n"
			    "-- Revises:\n"
			    "-- Create Date: 2026-01-01 00:00:00\n"
			    "-- Branch Labels: lbl, other\n"
			    "\n"
			    "-- migrate:upgrade\n"
			    "CREATE TABLE a (id INT);\n"
			    "-- migrate:downgrade\n"
			    "DROP TABLE a;\n";
static const char rev_b[] = "-- second\n"
			    "--\n"
			    "-- Revision ID: bbbb\n"
			    "-- Revises: aaaa\n"
			    "-- Depends On: cccc\n"
			    "-- Transactional: false\n"
			    "\n"
			    "-- migrate:upgrade\n"
			    "CREATE INDEX CONCURRENTLY ix ON a (id);\n";
static const char rev_c[] = "\"\"\"third\n\nRevision ID: cccc\n\"\"\"\n"
			    "revision = 'cccc'\ndown_revision = None\n"
			    "branch_labels = None\ndepends_on = None\n";

/* Every field a scan gives, for the three files above (doc is not kept). */
static void assert_three(const struct scan *s)
{
	assert_int_equal(s->n, 3);
	const struct ald_revfile *a = &s->f[0], *b = &s->f[1], *c = &s->f[2];
	assert_string_equal(a->id, "aaaa");
	assert_int_equal(a->kind, ALD_REVFILE_SQL);
	assert_int_equal(a->id_line, 3);
	assert_null(a->doc);
	assert_string_equal(a->message, "first one");
	assert_string_equal(a->create_date, "2026-01-01 00:00:00");
	assert_int_equal(a->down.n, 0);
	assert_list(&a->labels, "lbl,other");
	assert_int_equal(a->transactional, 1);
	assert_true(a->upgrade.present);
	assert_int_equal(a->upgrade.offset, strstr(rev_a, "CREATE") - rev_a);
	assert_int_equal(a->upgrade.length, strlen("CREATE TABLE a (id INT);\n"));
	assert_int_equal(a->upgrade.line, 9);
	assert_true(a->downgrade.present);
	assert_int_equal(a->downgrade.line, 11);
	char *want = ald_xasprintf("%s/a.sql", vdir);
	assert_string_equal(a->path, want);
	free(want);

	assert_string_equal(b->id, "bbbb");
	assert_list(&b->down, "aaaa");
	assert_int_equal(b->down_line, 4);
	assert_list(&b->depends, "cccc");
	assert_int_equal(b->depends_line, 5);
	assert_int_equal(b->transactional, 0);
	assert_null(b->create_date);
	assert_false(b->downgrade.present);

	assert_string_equal(c->id, "cccc");
	assert_int_equal(c->kind, ALD_REVFILE_PY);
	assert_string_equal(c->message, "third");
	assert_int_equal(c->down.n, 0);
}

static void write_three(void)
{
	write_file("a.sql", rev_a);
	write_file("b.sql", rev_b);
	write_file("c.py", rev_c);
}

static void cached_scan_equals_parsed_scan(void **state)
{
	(void)state;
	write_three();
	struct scan s1, s2;
	assert_int_equal(scan(&s1), 0);
	assert_three(&s1);
	assert_int_equal(cache_files(), 1);
	char *path = cache_path();
	struct stat st1, st2;
	assert_int_equal(stat(path, &st1), 0);
	assert_int_equal(scan(&s2), 0);
	assert_three(&s2);
	/* nothing changed: the second scan used the cache and did not rewrite it */
	assert_int_equal(stat(path, &st2), 0);
	assert_int_equal(st1.st_ino, st2.st_ino);
	scan_free(&s1);
	scan_free(&s2);
	free(path);
}

/* The entries themselves, through the API: a hit needs every stat field. */
static void lookup_needs_every_stat_field(void **state)
{
	(void)state;
	struct ald_revfile rf, got;
	assert_int_equal(ald_revfile_parse_sql(&rf, "x/a.sql", rev_a, strlen(rev_a)), 0);
	struct stat st = {0};
	st.st_size = (off_t)strlen(rev_a);
	st.st_ino = 42;
	st.st_dev = 7;
	st.st_mtim.tv_sec = 1000000;
	st.st_mtim.tv_nsec = 5;
	st.st_ctim.tv_sec = 1000001;
	st.st_ctim.tv_nsec = 6;
	struct ald_revcache *c = ald_revcache_open("/some/folder", &old_dir);
	assert_non_null(c);
	ald_revcache_store(c, "a.sql", &st, &rf);
	ald_revcache_close(c, 1);

	c = ald_revcache_open("/some/folder", &old_dir);
	assert_int_equal(ald_revcache_lookup(c, "a.sql", &st, &got, "x/a.sql"), 1);
	assert_string_equal(got.id, "aaaa");
	assert_string_equal(got.message, rf.message);
	assert_list(&got.labels, "lbl,other");
	ald_revfile_clear(&got);
	ald_revcache_close(c, 0);

	struct stat changed[6];
	for (int i = 0; i < 6; i++)
		changed[i] = st;
	changed[0].st_size++;
	changed[1].st_ino++;
	changed[2].st_dev++;
	changed[3].st_mtim.tv_nsec++;
	changed[4].st_ctim.tv_sec++;
	changed[5].st_ctim.tv_nsec++;
	for (int i = 0; i < 6; i++) {
		c = ald_revcache_open("/some/folder", &old_dir);
		assert_int_equal(ald_revcache_lookup(c, "a.sql", &changed[i], &got, "x/a.sql"), 0);
		assert_null(got.id);
		ald_revcache_close(c, 0);
	}
	/* another folder whose cache would have the same file: not this one */
	c = ald_revcache_open("/other/folder", &old_dir);
	assert_int_equal(ald_revcache_lookup(c, "a.sql", &st, &got, "x/a.sql"), 0);
	ald_revcache_close(c, 0);
	ald_revfile_clear(&rf);
}

/* A file changed less than two seconds ago is not recorded. */
static void recent_files_are_not_recorded(void **state)
{
	(void)state;
	ald_revcache_test_skew(0);
	struct ald_revfile rf, got;
	assert_int_equal(ald_revfile_parse_sql(&rf, "x/a.sql", rev_a, strlen(rev_a)), 0);
	struct stat st = {0};
	st.st_mtim.tv_sec = 1000000;
	st.st_ctim.tv_sec = time(NULL) - 1;
	struct ald_revcache *c = ald_revcache_open("/f", &old_dir);
	ald_revcache_store(c, "a.sql", &st, &rf);
	ald_revcache_close(c, 1);
	c = ald_revcache_open("/f", &old_dir);
	assert_int_equal(ald_revcache_lookup(c, "a.sql", &st, &got, "x/a.sql"), 0);
	ald_revcache_close(c, 0);
	ald_revfile_clear(&rf);
}

/* Same size, old modification time put back: the change time still tells. */
static void same_size_edit_is_seen(void **state)
{
	(void)state;
	write_three();
	struct scan s;
	assert_int_equal(scan(&s), 0);
	scan_free(&s);
	char *path = ald_xasprintf("%s/b.sql", vdir);
	struct stat before;
	assert_int_equal(stat(path, &before), 0);
	char *text = ald_xstrdup(rev_b);
	memcpy(strstr(text, "Revises: aaaa"), "Revises: cccc", 13);
	write_file("b.sql", text);
	struct timespec times[2] = {before.st_atim, before.st_mtim};
	assert_int_equal(utimensat(AT_FDCWD, path, times, 0), 0);
	ald_revcache_test_skew(20); /* the edit is old by now too */
	assert_int_equal(scan(&s), 0);
	assert_list(&s.f[1].down, "cccc");
	scan_free(&s);
	/* and the new content is what the cache holds from now on */
	assert_int_equal(scan(&s), 0);
	assert_list(&s.f[1].down, "cccc");
	scan_free(&s);
	free(text);
	free(path);
}

/* A removed file is gone, an added one appears; a file that fails to parse
 * fails every time, and a failed scan leaves the cache as it was. */
static void files_added_removed_and_broken(void **state)
{
	(void)state;
	write_three();
	struct scan s;
	assert_int_equal(scan(&s), 0);
	scan_free(&s);
	char *path = ald_xasprintf("%s/a.sql", vdir);
	unlink(path);
	write_file("d.sql", "-- Revision ID: dddd\n-- Revises: bbbb\n\n-- migrate:upgrade\nSELECT 1;\n");
	assert_int_equal(scan(&s), 0);
	assert_int_equal(s.n, 3);
	assert_string_equal(s.f[0].id, "bbbb");
	assert_string_equal(s.f[2].id, "dddd");
	scan_free(&s);
	char *cpath = cache_path();
	struct stat before, after;
	assert_int_equal(stat(cpath, &before), 0);
	write_file("e.sql", "-- Revises: dddd\n");
	for (int i = 0; i < 2; i++) {
		assert_true(scan(&s) < 0);
		assert_non_null(strstr(ald_error_last()->message, "e.sql"));
	}
	assert_int_equal(stat(cpath, &after), 0);
	assert_int_equal(before.st_ino, after.st_ino); /* not rewritten */
	free(cpath);
	free(path);
}

/* Damaged cache files are ignored (and replaced), never trusted. */
static void damaged_cache_is_ignored(void **state)
{
	(void)state;
	write_three();
	struct scan s;
	assert_int_equal(scan(&s), 0);
	scan_free(&s);
	char *path = cache_path();
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	for (off_t cut = 0; cut < st.st_size; cut += 7) {
		assert_int_equal(truncate(path, cut), 0);
		assert_int_equal(scan(&s), 0);
		assert_three(&s);
		scan_free(&s);
	}
	FILE *f = fopen(path, "r+");
	assert_non_null(f);
	fseek(f, 40, SEEK_SET);
	fputs("\xff\xff\xff\xff garbage", f);
	fclose(f);
	assert_int_equal(scan(&s), 0);
	assert_three(&s);
	scan_free(&s);
	free(path);
}

/* A file edited in place leaves its folder's times alone; while the edit is
 * too recent to record, the folder's listing must not be trusted either, or
 * the next scan, taking the listing from the cache, would miss the file. */
static void recent_edit_keeps_the_file_listed(void **state)
{
	(void)state;
	write_three();
	ald_revcache_test_skew(0);
	sleep(3); /* the folder is old enough now, the edit below will not be */
	write_file("b.sql", rev_b);
	struct scan s;
	for (int i = 0; i < 3; i++) {
		assert_int_equal(scan(&s), 0);
		assert_three(&s);
		scan_free(&s);
	}
}

/* An unchanged folder's listing comes from the cache; adding a file changes the
 * folder, and the new file is found. */
static void listing_follows_the_folder(void **state)
{
	(void)state;
	write_three();
	struct scan s;
	for (int i = 0; i < 2; i++) {
		assert_int_equal(scan(&s), 0);
		assert_three(&s);
		scan_free(&s);
	}
	write_file("d.sql", "-- Revision ID: dddd\n-- Revises: bbbb\n\n-- migrate:upgrade\nSELECT 1;\n");
	assert_int_equal(scan(&s), 0);
	assert_int_equal(s.n, 4);
	assert_string_equal(s.f[3].id, "dddd");
	scan_free(&s);
	assert_int_equal(scan(&s), 0);
	assert_int_equal(s.n, 4);
	scan_free(&s);
}

static void empty_cache_dir_turns_it_off(void **state)
{
	(void)state;
	setenv("ALUDEL_CACHE_DIR", "", 1);
	assert_null(ald_revcache_open("/f", &old_dir));
	write_three();
	struct scan s;
	assert_int_equal(scan(&s), 0);
	assert_three(&s);
	scan_free(&s);
	assert_int_equal(cache_files(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(cached_scan_equals_parsed_scan, setup, teardown),
		cmocka_unit_test_setup_teardown(lookup_needs_every_stat_field, setup, teardown),
		cmocka_unit_test_setup_teardown(recent_files_are_not_recorded, setup, teardown),
		cmocka_unit_test_setup_teardown(same_size_edit_is_seen, setup, teardown),
		cmocka_unit_test_setup_teardown(files_added_removed_and_broken, setup, teardown),
		cmocka_unit_test_setup_teardown(damaged_cache_is_ignored, setup, teardown),
		cmocka_unit_test_setup_teardown(recent_edit_keeps_the_file_listed, setup, teardown),
		cmocka_unit_test_setup_teardown(listing_follows_the_folder, setup, teardown),
		cmocka_unit_test_setup_teardown(empty_cache_dir_turns_it_off, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
