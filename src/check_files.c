/* check_files.c - `aludel check`'s reading of the revision files: every
 * file of every versions folder read and parsed on its own (the header cache
 * is not used: the files themselves are checked), so that each broken file
 * is a finding of its own instead of the first one stopping the read as
 * ald_project_open does. Same folders, names and order as the scan
 * (scan.c): that is map order. */
#include "check.h"
#include "error.h"
#include "scan.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted revision file names of the open folder `dfd`; 0 or -1 (errno set). */
static int list_names(struct ald_strvec *names, int dfd)
{
	int fd = dup(dfd);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (!d) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		errno = e;
		return -1;
	}
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		if (ald__scan_is_revision_name(e->d_name))
			ald__strvec_pushdup(names, e->d_name);
	closedir(d);
	if (names->n)
		qsort(names->v, names->n, sizeof(char *), cmp_names);
	return 0;
}

/* Reads and parses one file: it joins `out`, or becomes a finding (a
 * self-loop, which the parsers refuse, is a cycle). */
static void check_one(struct ald_check_files *out, struct ald_check_result *r, int dfd, const char *name,
		      const char *path, struct ald_buf *buf)
{
	struct ald_revfile rf;
	int err = ald__read_at(dfd, name, path, ald__read_limit(), buf);
	if (err == 0)
		err = ald__revfile_parse(&rf, path, buf->ptr, buf->len);
	if (err < 0) {
		ald__check_add_error(r, err == ALD_ECYCLE ? ALD_CHECK_CYCLE : ALD_CHECK_PARSE, path);
		out->broken++;
		return;
	}
	out->v = ald__xgrow(out->v, &out->cap, out->n + 1, sizeof(*out->v));
	out->v[out->n++] = rf;
}

void ald__check_scan(struct ald_check_files *out, struct ald_check_result *r, const struct ald_config *cfg)
{
	const struct ald_strvec *dirs = &cfg->version_locations;
	struct ald_strvec seen = {0};
	struct ald_buf buf = {0};
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < dirs->n; i++) {
		char real[PATH_MAX];
		const char *key = realpath(dirs->v[i], real) ? real : dirs->v[i];
		if (ald__strvec_contains(&seen, key))
			continue; /* a folder listed twice is read once */
		ald__strvec_pushdup(&seen, key);
		int dfd = open(dirs->v[i], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		struct ald_strvec names = {0};
		if (dfd < 0 || list_names(&names, dfd) < 0) {
			int e = errno;
			if (dfd >= 0)
				close(dfd);
			if (!(e == ENOENT && cfg->version_locations_set)) { /* Alembic skips those */
				ald__check_add(r, ALD_CHECK_FOLDER, dirs->v[i], 0, "cannot read the versions folder: %s",
					      strerror(e));
				out->broken++;
			}
			continue;
		}
		for (size_t k = 0; k < names.n; k++) {
			char *path = ald__xasprintf("%s/%s", dirs->v[i], names.v[k]);
			check_one(out, r, dfd, names.v[k], path, &buf);
			free(path);
		}
		ald__strvec_free(&names);
		close(dfd);
	}
	ald__strvec_free(&seen);
	ald__buf_free(&buf);
}
