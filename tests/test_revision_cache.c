/* test_revision_cache.c - the parsed-header cache (src/revision_cache.c): a folder scanned
 * twice gives the same revisions whether read or cached; an entry is used
 * only while the file's size, times and inode are unchanged (a same-size edit
 * that puts the old modification time back is still seen); too recent files,
 * failed scans and a damaged cache file are never trusted; a folder's listing
 * is taken from the cache only while the folder is unchanged and every file
 * was recorded; an empty
 * ALUDEL_CACHE_DIR turns it off. The cache can't lie: with every single byte
 * of a real cache file changed, or the file cut at every length, or a cache
 * of another folder put in its place, or a well-formed cache listing a file
 * that is gone, a scan gives exactly what it gives without a cache (the same
 * revisions or the same error) and says the cache was damaged; its checksum
 * is XXH64 (known values). Each test gets fresh temporary folders. */
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

#include "bincodec.h"
#include "error.h"
#include "revision_cache.h"
#include "scan.h"

static char *root, *vdir, *cdir; /* temporary root, its versions folder, its cache folder */

static int setup(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/ald_revcache_XXXXXX";
	if (!mkdtemp(tmpl))
		return -1;
	root = ald__xstrdup(tmpl);
	vdir = ald__xasprintf("%s/versions", root);
	cdir = ald__xasprintf("%s/cache", root);
	setenv("ALUDEL_CACHE_DIR", cdir, 1);
	ald__revcache_test_skew(10); /* the files written below count as old */
	return mkdir(vdir, 0700);
}

static int teardown(void **state)
{
	(void)state;
	char *cmd = ald__xasprintf("rm -rf '%s'", root);
	int rc = system(cmd);
	free(cmd);
	free(root);
	free(vdir);
	free(cdir);
	ald__revcache_test_skew(0);
	return rc;
}

static void write_file(const char *name, const char *text)
{
	char *path = ald__xasprintf("%s/%s", vdir, name);
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
			path = ald__xasprintf("%s/%s", cdir, e->d_name);
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

/* Scans folder `dir` with the cache used as `sc` says. */
static int scan_with(struct scan *s, const char *dir, struct ald_scan_cache *sc)
{
	struct ald_strvec dirs = {0};
	ald__strvec_pushdup(&dirs, dir);
	void *f = NULL;
	int err = ald__scan_versions(&f, &s->n, sizeof(struct ald_revfile), &dirs, 0, sc);
	s->f = f;
	ald__strvec_free(&dirs);
	return err;
}

static int scan(struct scan *s)
{
	return scan_with(s, vdir, NULL);
}

static void scan_free(struct scan *s)
{
	for (size_t i = 0; i < s->n; i++)
		ald__revfile_clear(&s->f[i]);
	free(s->f);
}

static void assert_list(const struct ald_strvec *l, const char *joined)
{
	char *j = ald__strvec_join(l, ",");
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
	char *want = ald__xasprintf("%s/a.sql", vdir);
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
	assert_int_equal(ald__revfile_parse_sql(&rf, "x/a.sql", rev_a, strlen(rev_a)), 0);
	struct stat st = {0};
	st.st_size = (off_t)strlen(rev_a);
	st.st_ino = 42;
	st.st_dev = 7;
	st.st_mtim.tv_sec = 1000000;
	st.st_mtim.tv_nsec = 5;
	st.st_ctim.tv_sec = 1000001;
	st.st_ctim.tv_nsec = 6;
	struct ald_revcache *c = ald__revcache_open("/some/folder", &old_dir);
	assert_non_null(c);
	ald__revcache_store(c, "a.sql", &st, &rf);
	ald__revcache_close(c, 1);

	c = ald__revcache_open("/some/folder", &old_dir);
	assert_int_equal(ald__revcache_lookup(c, "a.sql", &st, &got, "x/a.sql"), 1);
	assert_string_equal(got.id, "aaaa");
	assert_string_equal(got.message, rf.message);
	assert_list(&got.labels, "lbl,other");
	ald__revfile_clear(&got);
	ald__revcache_close(c, 0);

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
		c = ald__revcache_open("/some/folder", &old_dir);
		assert_int_equal(ald__revcache_lookup(c, "a.sql", &changed[i], &got, "x/a.sql"), 0);
		assert_null(got.id);
		ald__revcache_close(c, 0);
	}
	/* another folder whose cache would have the same file: not this one */
	c = ald__revcache_open("/other/folder", &old_dir);
	assert_int_equal(ald__revcache_lookup(c, "a.sql", &st, &got, "x/a.sql"), 0);
	ald__revcache_close(c, 0);
	ald__revfile_clear(&rf);
}

/* A file changed less than two seconds ago is not recorded. */
static void recent_files_are_not_recorded(void **state)
{
	(void)state;
	ald__revcache_test_skew(0);
	struct ald_revfile rf, got;
	assert_int_equal(ald__revfile_parse_sql(&rf, "x/a.sql", rev_a, strlen(rev_a)), 0);
	struct stat st = {0};
	st.st_mtim.tv_sec = 1000000;
	st.st_ctim.tv_sec = time(NULL) - 1;
	struct ald_revcache *c = ald__revcache_open("/f", &old_dir);
	ald__revcache_store(c, "a.sql", &st, &rf);
	ald__revcache_close(c, 1);
	c = ald__revcache_open("/f", &old_dir);
	assert_int_equal(ald__revcache_lookup(c, "a.sql", &st, &got, "x/a.sql"), 0);
	ald__revcache_close(c, 0);
	ald__revfile_clear(&rf);
}

/* Same size, old modification time put back: the change time still tells. */
static void same_size_edit_is_seen(void **state)
{
	(void)state;
	write_three();
	struct scan s;
	assert_int_equal(scan(&s), 0);
	scan_free(&s);
	char *path = ald__xasprintf("%s/b.sql", vdir);
	struct stat before;
	assert_int_equal(stat(path, &before), 0);
	char *text = ald__xstrdup(rev_b);
	memcpy(strstr(text, "Revises: aaaa"), "Revises: cccc", 13);
	write_file("b.sql", text);
	struct timespec times[2] = {before.st_atim, before.st_mtim};
	assert_int_equal(utimensat(AT_FDCWD, path, times, 0), 0);
	ald__revcache_test_skew(20); /* the edit is old by now too */
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
	char *path = ald__xasprintf("%s/a.sql", vdir);
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
	ald__revcache_test_skew(0);
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
	assert_null(ald__revcache_open("/f", &old_dir));
	write_three();
	struct scan s;
	assert_int_equal(scan(&s), 0);
	assert_three(&s);
	scan_free(&s);
	assert_int_equal(cache_files(), 0);
}

/* ---- a cache that can't lie ---- */

/* XXH64 of known inputs (seed 0): the empty string, one and three bytes, and
 * 67 bytes (two stripes, then 8-, 1-byte tails). */
static void checksum_is_xxh64(void **state)
{
	(void)state;
	static const char fox[] =
		"The quick brown fox jumps over the lazy dog, twice over: 0123456789";
	assert_int_equal(strlen(fox), 67);
	assert_true(ald__hash64("", 0) == 0xEF46DB3751D8E999ull);
	assert_true(ald__hash64("a", 1) == 0xD24EC4F1A98C6E5Bull);
	assert_true(ald__hash64("abc", 3) == 0x44BC2CF5AD770999ull);
	assert_true(ald__hash64(fox, 67) == 0xBACF8DECAF7F2D1Eull);
}

static void assert_same_str(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

/* Two scans gave the same revisions, every field of ALD_REVFILE_FIELDS but
 * the doc (read again from the file when asked for, never cached). */
static void assert_same_scan(const struct scan *a, const struct scan *b)
{
	assert_int_equal(a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		const char *diff = ald__revfile_diff(&a->f[i], &b->f[i], ALD_RF_PACKED);
		if (diff)
			fail_msg("%s: %s differs", a->f[i].path, diff);
	}
}

/* What a scan of vdir gives: the revisions, or the error's message. */
struct outcome {
	struct scan s;
	int err;
	char *message;
};

static void outcome_take(struct outcome *o, struct ald_scan_cache *sc)
{
	o->err = scan_with(&o->s, vdir, sc);
	o->message = o->err < 0 ? ald__xstrdup(ald_error_last()->message) : NULL;
}

static void outcome_free(struct outcome *o)
{
	scan_free(&o->s);
	free(o->message);
}

/* The outcome with the cache turned off (the file itself is left alone). */
static void outcome_without_cache(struct outcome *o)
{
	struct ald_scan_cache off = {.off = 1, .note = NULL};
	outcome_take(o, &off);
	assert_null(off.note);
}

static void assert_same_outcome(const struct outcome *want, const struct outcome *got)
{
	assert_int_equal(want->err, got->err);
	assert_same_str(want->message, got->message);
	assert_same_scan(&want->s, &got->s);
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	struct ald_buf b = {0};
	char chunk[4096];
	size_t k;
	while ((k = fread(chunk, 1, sizeof(chunk), f)) > 0)
		ald__buf_put(&b, chunk, k);
	fclose(f);
	*len = b.len;
	if (!b.ptr)
		return ald__xstrdup("");
	return b.ptr;
}

static void write_all(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* Puts `data` in the cache file, scans, and checks the outcome is `want`'s
 * and that the damage was noticed (unless `quiet_ok`). */
static void scan_damaged(const char *cpath, const char *data, size_t len,
			 const struct outcome *want, int quiet_ok)
{
	write_all(cpath, data, len);
	struct ald_scan_cache sc = {0};
	struct outcome got;
	outcome_take(&got, &sc);
	assert_same_outcome(want, &got);
	if (!quiet_ok && !sc.note)
		fail_msg("damage at %zu bytes not noticed", len);
	if (sc.note)
		assert_non_null(strstr(sc.note, cpath));
	free(sc.note);
	outcome_free(&got);
}

/* Every byte of a real cache file changed (each bit pattern flipped, then
 * one bit), the file cut at every length: the scan's outcome is always the
 * one without a cache, and the damage is always noticed - except in the
 * format field, where a change only means "another version's file" and the
 * file is quietly replaced (nothing of it is used either way). `broken`
 * adds a revision file that fails to parse: then the same error. */
static void every_damage(int broken)
{
	write_three();
	struct scan s;
	for (int i = 0; i < 2; i++) { /* the second scan records the listing too */
		assert_int_equal(scan(&s), 0);
		scan_free(&s);
	}
	if (broken)
		write_file("e.sql", "-- Revises: dddd\n");
	char *cpath = cache_path();
	size_t len;
	char *good = read_all(cpath, &len);
	assert_true(len > 100);
	struct outcome want;
	outcome_without_cache(&want);
	assert_int_equal(want.err < 0, broken);
	char *bad = ald__xmalloc(len);
	for (size_t i = 0; i < len; i++) {
		int format_field = i >= 16 && i < 20;
		for (int k = 0; k < 2; k++) {
			memcpy(bad, good, len);
			bad[i] ^= k ? 0x01 : (char)0xff;
			scan_damaged(cpath, bad, len, &want, format_field);
		}
	}
	for (size_t cut = 0; cut < len; cut++)
		scan_damaged(cpath, good, cut, &want, 0);
	/* and the intact file, for comparison: used, nothing to say */
	write_all(cpath, good, len);
	struct ald_scan_cache sc = {0};
	struct outcome got;
	outcome_take(&got, &sc);
	assert_same_outcome(&want, &got);
	assert_null(sc.note);
	outcome_free(&got);
	outcome_free(&want);
	free(bad);
	free(good);
	free(cpath);
}

static void every_byte_and_length_of_the_cache(void **state)
{
	(void)state;
	every_damage(0);
}

static void every_byte_and_length_with_an_error(void **state)
{
	(void)state;
	every_damage(1);
}

/* The cache file of another folder, intact, put in place of this one's. */
static void cache_of_another_folder(void **state)
{
	(void)state;
	write_three();
	struct scan s;
	assert_int_equal(scan(&s), 0);
	scan_free(&s);
	char *mine = cache_path();
	char *other = ald__xasprintf("%s/other", root);
	assert_int_equal(mkdir(other, 0700), 0);
	char *path = ald__xasprintf("%s/a.sql", other);
	char *text = ald__xstrdup(rev_a);
	memcpy(strstr(text, "aaaa"), "zzzz", 4);
	write_all(path, text, strlen(text));
	assert_int_equal(scan_with(&s, other, NULL), 0);
	assert_string_equal(s.f[0].id, "zzzz");
	scan_free(&s);
	/* the cache file that is not mine */
	DIR *d = opendir(cdir);
	assert_non_null(d);
	char *theirs = NULL;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		char *p = ald__xasprintf("%s/%s", cdir, e->d_name);
		if (e->d_name[0] != '.' && strcmp(p, mine) != 0 && !theirs)
			theirs = p;
		else
			free(p);
	}
	closedir(d);
	assert_non_null(theirs);
	size_t len;
	char *data = read_all(theirs, &len);
	struct outcome want;
	outcome_without_cache(&want);
	write_all(mine, data, len);
	struct ald_scan_cache sc = {0};
	struct outcome got;
	outcome_take(&got, &sc);
	assert_same_outcome(&want, &got);
	assert_three(&got.s);
	assert_non_null(sc.note);
	assert_non_null(strstr(sc.note, "another folder"));
	free(sc.note);
	outcome_free(&got);
	outcome_free(&want);
	free(data);
	free(theirs);
	free(text);
	free(path);
	free(other);
	free(mine);
}

/* A cache file with valid checksums, written for this very folder as it is,
 * whose listing names a file that does not exist: the folder is listed after
 * all, nothing fails, and the cache is set right. */
static void valid_cache_listing_a_missing_file(void **state)
{
	(void)state;
	write_three();
	char real[4096];
	assert_non_null(realpath(vdir, real));
	struct stat dst;
	assert_int_equal(stat(vdir, &dst), 0);
	struct ald_revcache *c = ald__revcache_open(real, &dst);
	assert_non_null(c);
	assert_int_equal(ald__revcache_names(c, &(const char *const *){NULL}), 0);
	static const char *const names[] = {"a.sql", "b.sql", "bb.sql", "c.py"};
	const char *texts[] = {rev_a, rev_b, rev_b, rev_c};
	for (int i = 0; i < 4; i++) {
		char *path = ald__xasprintf("%s/%s", vdir, names[i]);
		char *real_file = ald__xasprintf("%s/%s", vdir, i == 2 ? "b.sql" : names[i]);
		struct stat st; /* bb.sql: b.sql's stat, as if it had been there */
		assert_int_equal(stat(real_file, &st), 0);
		free(real_file);
		struct ald_revfile rf;
		assert_int_equal(ald__revfile_parse(&rf, path, texts[i], strlen(texts[i])), 0);
		ald__revcache_store(c, names[i], &st, &rf);
		ald__revfile_clear(&rf);
		free(path);
	}
	ald__revcache_close(c, 1);
	/* the cache now lists bb.sql, and the folder is unchanged since */
	c = ald__revcache_open(real, &dst);
	const char *const *listed;
	assert_int_equal(ald__revcache_names(c, &listed), 4);
	assert_string_equal(listed[2], "bb.sql");
	ald__revcache_close(c, 0);

	struct outcome want, got;
	outcome_without_cache(&want);
	assert_int_equal(want.err, 0);
	struct ald_scan_cache sc = {0};
	outcome_take(&got, &sc);
	assert_same_outcome(&want, &got);
	assert_three(&got.s);
	assert_non_null(sc.note);
	assert_non_null(strstr(sc.note, "do not exist"));
	free(sc.note);
	outcome_free(&got);
	/* rewritten: the next scan has nothing to say */
	sc.note = NULL;
	outcome_take(&got, &sc);
	assert_same_outcome(&want, &got);
	assert_null(sc.note);
	outcome_free(&got);
	outcome_free(&want);
}

/* The scan's own switch: off, the cache is neither read nor written. */
static void scan_option_turns_it_off(void **state)
{
	(void)state;
	write_three();
	struct ald_scan_cache off = {.off = 1, .note = NULL};
	struct scan s;
	assert_int_equal(scan_with(&s, vdir, &off), 0);
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
		cmocka_unit_test(checksum_is_xxh64),
		cmocka_unit_test_setup_teardown(every_byte_and_length_of_the_cache, setup, teardown),
		cmocka_unit_test_setup_teardown(every_byte_and_length_with_an_error, setup, teardown),
		cmocka_unit_test_setup_teardown(cache_of_another_folder, setup, teardown),
		cmocka_unit_test_setup_teardown(valid_cache_listing_a_missing_file, setup, teardown),
		cmocka_unit_test_setup_teardown(scan_option_turns_it_off, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
