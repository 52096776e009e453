/* read_file.c - reading a whole file in one go (ald_read_file of util.h). */
#include "error.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int ald_read_file(char **out, size_t *len, const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return ald_error_set(ALD_ERROR, "%s: cannot open: %s", path, strerror(errno));
	struct stat st;
	size_t cap = fstat(fd, &st) == 0 && st.st_size > 0 ? (size_t)st.st_size + 1 : 4096;
	char *buf = ald_xmalloc(cap);
	size_t n = 0;
	for (;;) {
		if (n + 1 >= cap)
			buf = ald_xrealloc(buf, cap *= 2);
		ssize_t r = read(fd, buf + n, cap - n - 1);
		if (r == 0)
			break;
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int saved = errno;
			close(fd);
			free(buf);
			return ald_error_set(ALD_ERROR, "%s: cannot read: %s", path, strerror(saved));
		}
		n += (size_t)r;
	}
	close(fd);
	buf[n] = '\0';
	if (len)
		*len = n;
	*out = buf;
	return 0;
}
