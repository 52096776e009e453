/* test_read_bounds.c - reading whole files is bounded (src/read_file.c): only
 * regular files are read (a FIFO fails at once, never blocks; a symlink to
 * /dev/zero, a folder are errors naming what they are), a file over the
 * limit is refused naming its size and the limit, a file that grows while it
 * is read (a /proc file: size 0, contents more) never gets more than
 * limit + 1 bytes read; revision files (ald__revfile_load, ald__revfile_section)
 * obey the revision limit, the other files at least the default. Each test
 * gets a fresh temporary folder; an alarm turns a hang into a failure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "revision_file.h"
#include "util.h"

static char *root;

static int setup(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/ald_read_bounds_XXXXXX";
	if (!mkdtemp(tmpl))
		return -1;
	root = ald__xstrdup(tmpl);
	alarm(20); /* a read that blocks fails the test instead of hanging it */
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	alarm(0);
	ald__read_set_limit(0);
	char *cmd = ald__xasprintf("rm -rf '%s'", root);
	int rc = system(cmd);
	free(cmd);
	free(root);
	return rc;
}

static char *in_root(const char *name)
{
	return ald__xasprintf("%s/%s", root, name);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* The last error's message contains `want`. */
static void assert_message(const char *want)
{
	const ald_error *e = ald_error_last();
	assert_non_null(e);
	if (!strstr(e->message, want))
		fail_msg("message '%s' lacks '%s'", e->message, want);
}

static void test_fifo_fails_at_once(void **state)
{
	(void)state;
	char *path = in_root("x.sql");
	assert_int_equal(mkfifo(path, 0600), 0);
	char *text = NULL;
	size_t len;
	assert_int_equal(ald__read_file(&text, &len, path), ALD_EINVALID);
	assert_null(text);
	assert_message("x.sql: not a regular file (a FIFO)");
	struct ald_revfile rf;
	assert_int_equal(ald__revfile_load(&rf, path), ALD_EINVALID);
	assert_message("not a regular file (a FIFO)");
	free(path);
}

static void test_devices_and_folders(void **state)
{
	(void)state;
	char *zero = in_root("z.sql"), *dir = in_root("y.sql");
	assert_int_equal(symlink("/dev/zero", zero), 0);
	assert_int_equal(mkdir(dir, 0700), 0);
	char *text = NULL;
	assert_int_equal(ald__read_file(&text, NULL, zero), ALD_EINVALID);
	assert_message("z.sql: not a regular file (a character device)");
	assert_int_equal(ald__read_file(&text, NULL, dir), ALD_EINVALID);
	assert_message("y.sql: not a regular file (a directory)");
	/* a symlink to a regular file is read */
	char *real = in_root("real.txt"), *link = in_root("link.sql");
	write_file(real, "hello");
	assert_int_equal(symlink(real, link), 0);
	size_t len = 0;
	assert_int_equal(ald__read_file(&text, &len, link), 0);
	assert_int_equal(len, 5);
	assert_string_equal(text, "hello");
	free(text);
	/* the folder-relative reader too */
	struct ald_buf buf = {0};
	int dfd = open(root, O_RDONLY | O_DIRECTORY);
	assert_true(dfd >= 0);
	assert_int_equal(ald__read_at(dfd, "z.sql", "shown/z.sql", 1000, &buf), ALD_EINVALID);
	assert_message("shown/z.sql: not a regular file (a character device)");
	assert_true(buf.cap <= 1000 + 2);
	assert_int_equal(ald__read_at(dfd, "link.sql", "link.sql", 1000, &buf), 0);
	assert_string_equal(buf.ptr, "hello");
	close(dfd);
	ald__buf_free(&buf);
	free(zero);
	free(dir);
	free(real);
	free(link);
}

static void test_limit(void **state)
{
	(void)state;
	char *path = in_root("big.sql");
	char text[102];
	memset(text, 'x', 101);
	text[101] = '\0';
	write_file(path, text);
	char *out = NULL;
	size_t len;
	/* 101 bytes: over a limit of 100, at a limit of 101 */
	assert_int_equal(ald__read_file_max(&out, &len, path, 100), ALD_EINVALID);
	assert_message("big.sql: 101 bytes, larger than the limit of 100 bytes (max_revision_size");
	assert_int_equal(ald__read_file_max(&out, &len, path, 101), 0);
	assert_int_equal(len, 101);
	free(out);
	/* the process-wide revision limit: ald__read_file keeps at least the default */
	ald__read_set_limit(100);
	assert_int_equal(ald__read_limit(), 100);
	assert_int_equal(ald__read_file(&out, &len, path), 0);
	free(out);
	ald__read_set_limit(0);
	assert_int_equal(ald__read_limit(), ALD_READ_DEFAULT_LIMIT);
	free(path);
}

/* A /proc file says it holds 0 bytes and holds more: the reader stops at the
 * limit + 1 bytes, as for a file growing while it is read. */
static void test_growing_file(void **state)
{
	(void)state;
	int fd = open("/proc/self/maps", O_RDONLY);
	if (fd < 0)
		skip();
	struct ald_buf buf = {0};
	assert_int_equal(ald__read_fd(fd, "/proc/self/maps", 16, &buf), ALD_EINVALID);
	assert_message("/proc/self/maps: larger than the limit of 16 bytes (it grew");
	assert_true(buf.cap <= 16 + 2);
	close(fd);
	/* with room enough it is read whole */
	fd = open("/proc/self/maps", O_RDONLY);
	assert_int_equal(ald__read_fd(fd, "/proc/self/maps", 1 << 20, &buf), 0);
	assert_true(buf.len > 16);
	assert_int_equal(strlen(buf.ptr), buf.len);
	close(fd);
	ald__buf_free(&buf);
}

static const char *const revision =
	"-- one\n--\n-- Revision ID: aaaaaaaaaaaa\n-- Revises:\n-- Create Date: 2026-01-01 00:00:00\n"
	"\n-- migrate:upgrade\nCREATE TABLE t (id int);\n\n-- migrate:downgrade\nDROP TABLE t;\n";

/* Revision files are read with the revision limit, when loaded and when a
 * section is read again later. */
static void test_revision_limit(void **state)
{
	(void)state;
	char *path = in_root("aaaaaaaaaaaa_one.sql");
	write_file(path, revision);
	size_t size = strlen(revision);
	struct ald_revfile rf;
	assert_int_equal(ald__revfile_load(&rf, path), 0);
	char *up = NULL;
	ald__read_set_limit(size);
	assert_int_equal(ald__revfile_section(&up, &rf, 1), 0);
	assert_non_null(strstr(up, "CREATE TABLE t (id int);"));
	free(up);
	ald__read_set_limit(size - 1);
	assert_int_equal(ald__revfile_section(&up, &rf, 1), ALD_EINVALID);
	assert_null(up);
	char *want = ald__xasprintf("%zu bytes, larger than the limit of %zu bytes", size, size - 1);
	assert_message(want);
	free(want);
	ald__revfile_clear(&rf);
	assert_int_equal(ald__revfile_load(&rf, path), ALD_EINVALID);
	assert_message("aaaaaaaaaaaa_one.sql: ");
	ald__revfile_clear(&rf);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_fifo_fails_at_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_devices_and_folders, setup, teardown),
		cmocka_unit_test_setup_teardown(test_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_growing_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_revision_limit, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
