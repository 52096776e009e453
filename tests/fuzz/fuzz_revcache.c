/* fuzz_revcache.c - libFuzzer target: the header cache (src/revision_cache.c) must
 * never change what a folder scan gives. Once per process, a small project
 * (native revisions with parents, branch labels, depends_on, a
 * non-transactional one, and an Alembic .py merge) is written to a temporary
 * folder, scanned without a cache (the reference), then scanned with one so
 * that a real cache file is written. Each input damages that cache file, and
 * the folder is scanned through it: the revisions must equal the reference
 * field by field, or the scan must fail with an error naming the cache.
 *
 * Input: when it begins with "ALDREVC" and a NUL, it is the whole cache file;
 * otherwise it is a list of 4-byte edits of the real cache file, each
 * (op, offset high, offset low, value), the offset taken modulo the current
 * length + 1: op % 4 = 0 set the byte, 1 xor it, 2 cut the file there,
 * 3 insert the byte there. The empty input leaves the cache intact. */
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "fuzz_revfile.h"
#include "revision_cache.h"
#include "scan.h"

static const struct {
	const char *name, *text;
} project[] = {
	{"1a1a1a1a1a1a_create_users.sql",
	 "-- create users\n--\n-- Revision ID: 1a1a1a1a1a1a\n-- Revises:\n"
	 "-- Create Date: 2026-01-01 09:00:00.000001\n-- Branch Labels: core\n\n"
	 "-- migrate:upgrade\nCREATE TABLE users (id INTEGER PRIMARY KEY);\n\n"
	 "-- migrate:downgrade\nDROP TABLE users;\n"},
	{"2b2b2b2b2b2b_create_tickets.sql",
	 "-- create tickets\n--\n-- Revision ID: 2b2b2b2b2b2b\n-- Revises: 1a1a1a1a1a1a\n"
	 "-- Create Date: 2026-01-02 09:00:00\n\n"
	 "-- migrate:upgrade\nCREATE TABLE tickets (id INTEGER PRIMARY KEY, title TEXT);\n"
	 "CREATE INDEX ix_title ON tickets (title);\n\n"
	 "-- migrate:downgrade\nDROP TABLE tickets;\n"},
	{"3c3c3c3c3c3c_add_reports.sql",
	 "-- add reports\n--\n-- Revision ID: 3c3c3c3c3c3c\n-- Revises: 2b2b2b2b2b2b\n"
	 "-- Create Date: 2026-01-03 09:00:00\n-- Branch Labels: reports, stats\n"
	 "-- Transactional: false\n\n"
	 "-- migrate:upgrade\nCREATE TABLE reports (id INTEGER);\n"},
	{"4d4d4d4d4d4d_add_billing.sql",
	 "-- add billing\n--\n-- Revision ID: 4d4d4d4d4d4d\n"
	 "-- Revises: 2b2b2b2b2b2b\n-- Create Date: 2026-01-04 09:00:00\n"
	 "-- Branch Labels: billing\n-- Depends On: 3c3c3c3c3c3c, 1a1a1a1a1a1a\n\n"
	 "-- migrate:upgrade\nCREATE TABLE invoices (id INTEGER);\n\n"
	 "-- migrate:downgrade\nDROP TABLE invoices;\n"},
	{"5e5e5e5e5e5e_merge_heads.py",
	 "\"\"\"merge heads\n\nRevision ID: 5e5e5e5e5e5e\nRevises: 4d4d4d4d4d4d, 3c3c3c3c3c3c\n"
	 "Create Date: 2026-01-05 09:00:00.123456\n\n\"\"\"\n"
	 "revision = '5e5e5e5e5e5e'\ndown_revision = ('4d4d4d4d4d4d', '3c3c3c3c3c3c')\n"
	 "branch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    pass\n\n\n"
	 "def downgrade():\n    pass\n"},
	{"6f6f6f6f6f6f_after_merge.sql",
	 "-- after merge\n--\n-- Revision ID: 6f6f6f6f6f6f\n-- Revises: 5e5e5e5e5e5e\n"
	 "-- Create Date: 2026-01-06 09:00:00\n\n-- migrate:upgrade\nSELECT 1;\n"},
};
#define N_PROJECT (sizeof(project) / sizeof(project[0]))

static char *root, *vdir, *cdir, *cache_file;
static char *real;        /* the cache file as the engine wrote it */
static size_t real_len;
static struct ald_revfile *ref; /* the folder scanned without a cache */
static size_t n_ref;

static void fail(const char *what)
{
	const ald_error *e = ald_error_last();
	fprintf(stderr, "fuzz_revcache: %s%s%s\n", what, e ? ": " : "", e ? e->message : "");
	abort();
}

static int scan(struct ald_revfile **out, size_t *n)
{
	struct ald_strvec dirs = {0};
	ald__strvec_pushdup(&dirs, vdir);
	void *f = NULL;
	int err = ald__scan_versions(&f, n, sizeof(struct ald_revfile), &dirs, 0, NULL);
	*out = f;
	ald__strvec_free(&dirs);
	return err;
}

static void scan_free(struct ald_revfile *f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ald__revfile_clear(&f[i]);
	free(f);
}

static void write_bytes(const char *path, const char *bytes, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f || (len && fwrite(bytes, 1, len, f) != len) || fclose(f) != 0)
		fail(path);
}

/* Compares a scan with the reference; aborts on the first difference. */
static void compare(const struct ald_revfile *got, size_t n)
{
	if (n != n_ref) {
		fprintf(stderr, "fuzz_revcache: %zu revisions through the cache, %zu without\n", n, n_ref);
		abort();
	}
	for (size_t i = 0; i < n; i++) {
		const char *diff = fuzz_revfile_diff(&got[i], &ref[i]);
		if (diff) {
			fprintf(stderr, "fuzz_revcache: %s: %s differs through the cache\n", ref[i].path,
				diff);
			abort();
		}
	}
}

static void remove_root(void)
{
	char *cmd = ald__xasprintf("rm -rf '%s'", root);
	if (system(cmd) != 0)
		fprintf(stderr, "fuzz_revcache: could not remove %s\n", root);
	free(cmd);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* in $TMPDIR: run.sh points it to a memory file system, where the
	 * cache's fsyncs cost nothing */
	const char *tmp = getenv("TMPDIR");
	root = ald__xasprintf("%s/ald_fuzz_revcache_XXXXXX", tmp && *tmp == '/' ? tmp : "/tmp");
	if (!mkdtemp(root))
		fail("mkdtemp");
	atexit(remove_root);
	vdir = ald__xasprintf("%s/versions", root);
	cdir = ald__xasprintf("%s/cache", root);
	if (mkdir(vdir, 0700) != 0)
		fail(vdir);
	/* files dated long ago, and a clock ahead, so that every entry is recorded */
	const struct timespec old[2] = {{1700000000, 0}, {1700000000, 0}};
	for (size_t i = 0; i < N_PROJECT; i++) {
		char *path = ald__xasprintf("%s/%s", vdir, project[i].name);
		write_bytes(path, project[i].text, strlen(project[i].text));
		if (utimensat(AT_FDCWD, path, old, 0) != 0)
			fail(path);
		free(path);
	}
	ald__revcache_test_skew(10);

	setenv("ALUDEL_CACHE_DIR", "", 1); /* off */
	if (scan(&ref, &n_ref) != 0 || n_ref != N_PROJECT)
		fail("the project does not scan without a cache");
	setenv("ALUDEL_CACHE_DIR", cdir, 1);
	struct ald_revfile *got;
	size_t n;
	for (int pass = 0; pass < 2; pass++) { /* the first writes the cache, the second reads it */
		if (scan(&got, &n) != 0)
			fail("the project does not scan with a cache");
		compare(got, n);
		scan_free(got, n);
	}
	DIR *d = opendir(cdir);
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL)
		if (e->d_name[0] != '.') {
			if (cache_file)
				fail("more than one cache file");
			cache_file = ald__xasprintf("%s/%s", cdir, e->d_name);
		}
	if (d)
		closedir(d);
	if (!cache_file)
		fail("no cache file was written");
	if (ald__read_file(&real, &real_len, cache_file) != 0)
		fail(cache_file);
	ald__error_clear();
	return 0;
}

/* The damaged cache file the input describes (see the top of the file); the caller's. */
static char *damage(const uint8_t *data, size_t size, size_t *len)
{
	static const char magic[8] = "ALDREVC";
	if (size >= sizeof(magic) && memcmp(data, magic, sizeof(magic)) == 0) {
		*len = size;
		return memcpy(ald__xmalloc(size ? size : 1), data, size);
	}
	size_t cap = real_len + size / 4 + 1, n = real_len;
	char *b = ald__xmalloc(cap);
	memcpy(b, real, real_len);
	for (size_t i = 0; i + 4 <= size; i += 4) {
		size_t at = (((size_t)data[i + 1] << 8) | data[i + 2]) % (n + 1);
		char v = (char)data[i + 3];
		switch (data[i] % 4) {
		case 0:
			if (at < n)
				b[at] = v;
			break;
		case 1:
			if (at < n)
				b[at] ^= v;
			break;
		case 2:
			n = at;
			break;
		default:
			memmove(b + at + 1, b + at, n - at);
			b[at] = v;
			n++;
			break;
		}
	}
	*len = n;
	return b;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t len;
	char *bytes = damage(data, size, &len);
	write_bytes(cache_file, bytes, len);
	free(bytes);
	struct ald_revfile *got = NULL;
	size_t n = 0;
	int err = scan(&got, &n);
	if (err == 0) {
		compare(got, n);
		scan_free(got, n);
	} else {
		const ald_error *e = ald_error_last();
		const char *msg = e && e->message ? e->message : "(no message)";
		if (!strstr(msg, cdir)) {
			fprintf(stderr, "fuzz_revcache: the scan failed through the cache without naming it: %s\n",
				msg);
			abort();
		}
	}
	ald__error_clear();
	return 0;
}
