/* read_file.c - reading a whole file in one go (ald_read_at, ald_read_file of util.h). */
#include "error.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* No fstat for the size: the buffer starts at 64 KiB, more than a revision
 * file holds, so one read usually takes the whole file. */
int ald_read_at(int dirfd, const char *name, const char *path, struct ald_buf *buf)
{
	int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return ald_error_set(ALD_ERROR, "%s: cannot open: %s", path, strerror(errno));
	buf->len = 0;
	for (;;) {
		if (buf->cap - buf->len < 4096 + 1) {
			buf->cap = buf->cap ? buf->cap * 2 : 65536;
			buf->ptr = ald_xrealloc(buf->ptr, buf->cap);
		}
		ssize_t r = read(fd, buf->ptr + buf->len, buf->cap - buf->len - 1);
		if (r == 0)
			break;
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int saved = errno;
			close(fd);
			return ald_error_set(ALD_ERROR, "%s: cannot read: %s", path, strerror(saved));
		}
		buf->len += (size_t)r;
	}
	close(fd);
	buf->ptr[buf->len] = '\0';
	return 0;
}

int ald_read_file(char **out, size_t *len, const char *path)
{
	struct ald_buf buf = {0};
	int err = ald_read_at(AT_FDCWD, path, path, &buf);
	if (err < 0) {
		ald_buf_free(&buf);
		return err;
	}
	if (len)
		*len = buf.len;
	*out = buf.ptr;
	return 0;
}
