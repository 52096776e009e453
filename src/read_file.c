/* read_file.c - reading a whole file in one go, bounded (ald__read_* of util.h).
 *
 * Every file aludel reads whole goes through here: only regular files are
 * read (a FIFO, device, socket or directory is an error naming it, found by
 * fstat after a non-blocking open, so that a FIFO cannot block), and never
 * more than a limit + 1 bytes are read, even from a file that grows while it
 * is read. */
#include "error.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The revision file limit: process-wide, set by the configuration loaded last. */
static _Atomic size_t revision_limit = ALD_READ_DEFAULT_LIMIT;

void ald__read_set_limit(size_t max)
{
	atomic_store(&revision_limit, max ? max : ALD_READ_DEFAULT_LIMIT);
}

size_t ald__read_limit(void)
{
	return atomic_load(&revision_limit);
}

const char *ald__file_type_name(unsigned mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG: return "a regular file";
	case S_IFDIR: return "a directory";
	case S_IFIFO: return "a FIFO";
	case S_IFCHR: return "a character device";
	case S_IFBLK: return "a block device";
	case S_IFSOCK: return "a socket";
	case S_IFLNK: return "a symbolic link";
	default: return "of an unknown type";
	}
}

int ald__read_check_stat(const char *path, const struct stat *st, size_t max)
{
	if (!S_ISREG(st->st_mode))
		return ald__error_set(ALD_EINVALID, "%s: not a regular file (%s)", path,
				     ald__file_type_name((unsigned)st->st_mode));
	if ((uintmax_t)st->st_size > max)
		return ald__error_set(ALD_EINVALID,
				     "%s: %jd bytes, larger than the limit of %zu bytes "
				     "(max_revision_size in the ini file)",
				     path, (intmax_t)st->st_size, max);
	return 0;
}

/* The buffer grows to what fstat said the file holds (plus one byte, to see
 * whether it grew, and the NUL), at least 64 KiB so that a buffer reused from
 * file to file is rarely reallocated, and never past max + 2. */
int ald__read_fd(int fd, const char *path, size_t max, struct ald_buf *buf)
{
	struct stat st;
	if (fstat(fd, &st) != 0)
		return ald__error_set(ALD_ERROR, "%s: cannot read: %s", path, strerror(errno));
	int err = ald__read_check_stat(path, &st, max);
	if (err < 0)
		return err;
	size_t want = (size_t)st.st_size + 2, ceiling = max + 2;
	if (want < 65536)
		want = 65536;
	if (want > ceiling)
		want = ceiling;
	if (buf->cap < want) {
		buf->cap = want;
		buf->ptr = ald__xrealloc(buf->ptr, buf->cap);
	}
	buf->len = 0;
	for (;;) {
		if (buf->len > max) {
			buf->len = 0;
			buf->ptr[0] = '\0';
			return ald__error_set(ALD_EINVALID,
					     "%s: larger than the limit of %zu bytes (it grew while "
					     "being read; max_revision_size in the ini file)",
					     path, max);
		}
		if (buf->cap - buf->len < 4096 + 1 && buf->cap < ceiling) {
			size_t cap = buf->cap * 2;
			buf->cap = cap > ceiling || cap < buf->cap ? ceiling : cap;
			buf->ptr = ald__xrealloc(buf->ptr, buf->cap);
		}
		/* never past max + 1 bytes in all */
		size_t room = buf->cap - buf->len - 1;
		if (room > max + 1 - buf->len)
			room = max + 1 - buf->len;
		ssize_t r = read(fd, buf->ptr + buf->len, room);
		if (r == 0)
			break;
		if (r < 0) {
			if (errno == EINTR)
				continue;
			buf->len = 0;
			buf->ptr[0] = '\0';
			return ald__error_set(ALD_ERROR, "%s: cannot read: %s", path, strerror(errno));
		}
		buf->len += (size_t)r;
		/* all that fstat said the file holds, and the read stopped short of
		 * the room it had: the end (no second read to be told so) */
		if ((size_t)r < room && buf->len == (size_t)st.st_size)
			break;
	}
	buf->ptr[buf->len] = '\0';
	return 0;
}

int ald__read_at(int dirfd, const char *name, const char *path, size_t max, struct ald_buf *buf)
{
	/* O_NONBLOCK: opening a FIFO must not wait for a writer (fstat then
	 * refuses it); it changes nothing for a regular file */
	int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return ald__error_set(errno == ENOENT ? ALD_ENOTFOUND : ALD_ERROR, "%s: cannot open: %s", path,
				     strerror(errno));
	int err = ald__read_fd(fd, path, max, buf);
	close(fd);
	return err;
}

int ald__read_file_max(char **out, size_t *len, const char *path, size_t max)
{
	struct ald_buf buf = {0};
	*out = NULL;
	int err = ald__read_at(AT_FDCWD, path, path, max, &buf);
	if (err < 0) {
		ald__buf_free(&buf);
		return err;
	}
	if (len)
		*len = buf.len;
	*out = buf.ptr;
	return 0;
}

int ald__read_file(char **out, size_t *len, const char *path)
{
	size_t max = ald__read_limit();
	return ald__read_file_max(out, len, path,
				 max > ALD_READ_DEFAULT_LIMIT ? max : ALD_READ_DEFAULT_LIMIT);
}
