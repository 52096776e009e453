/* scan.c - reads the revision files of the version folders in map order. */
#include "scan.h"
#include "error.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

int ald_scan_is_revision_name(const char *name)
{
	if (name[0] == '.')
		return 0; /* hidden files and editor lock files (.#x.py) */
	if (ends_with(name, ".sql"))
		return strlen(name) > 4;
	if (ends_with(name, ".py"))
		return strncmp(name, "__init__", 8) != 0;
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends the sorted revision file names of `dir` to *names. */
static int list_dir(struct ald_strvec *names, const char *dir, int skip_missing, int *missing)
{
	DIR *d = opendir(dir);
	*missing = 0;
	if (!d) {
		if (errno == ENOENT && skip_missing) {
			*missing = 1;
			return 0;
		}
		return ald_error_set(ALD_ENOTFOUND, "%s: cannot read the versions folder: %s", dir,
				     strerror(errno));
	}
	size_t first = names->n;
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		if (ald_scan_is_revision_name(e->d_name))
			ald_strvec_pushdup(names, e->d_name);
	closedir(d);
	if (names->n > first)
		qsort(names->v + first, names->n - first, sizeof(char *), cmp_names);
	return 0;
}

int ald_scan_versions(struct ald_revfile **out, size_t *n_out, const struct ald_strvec *dirs,
		      int skip_missing)
{
	struct ald_strvec seen = {0}, paths = {0};
	int error = 0;

	for (size_t i = 0; i < dirs->n && !error; i++) {
		char real[PATH_MAX];
		const char *key = realpath(dirs->v[i], real) ? real : dirs->v[i];
		if (ald_strvec_contains(&seen, key))
			continue;
		ald_strvec_pushdup(&seen, key);
		struct ald_strvec names = {0};
		int missing;
		error = list_dir(&names, dirs->v[i], skip_missing, &missing);
		for (size_t j = 0; j < names.n; j++)
			ald_strvec_push(&paths, ald_xasprintf("%s/%s", dirs->v[i], names.v[j]));
		ald_strvec_free(&names);
	}
	ald_strvec_free(&seen);

	struct ald_revfile *files = ald_xcalloc(paths.n, sizeof(*files));
	size_t n = 0;
	for (; n < paths.n && !error; n++)
		error = ald_revfile_load(&files[n], paths.v[n]);
	if (error) {
		for (size_t i = 0; i < n; i++)
			ald_revfile_clear(&files[i]);
		free(files);
		files = NULL;
		n = 0;
	}
	ald_strvec_free(&paths);
	*out = files;
	*n_out = n;
	return error;
}
