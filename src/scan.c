/* scan.c - reads the revision files of the version folders in map order.
 * Only regular files of at most max_revision_size bytes are read (see
 * ald__read_at): a FIFO, device or folder with a revision file's name is an
 * error naming it, never a hang. */
#include "scan.h"
#include "error.h"
#include "revision_cache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

int ald__scan_is_revision_name(const char *name)
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

/* Appends the sorted revision file names of the open folder `dfd` to *names. */
static int list_dir(struct ald_strvec *names, int dfd, const char *dir)
{
	int fd = dup(dfd);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (!d) {
		if (fd >= 0)
			close(fd);
		return ald__error_set(ALD_ENOTFOUND, "%s: cannot read the versions folder: %s", dir,
				     strerror(errno));
	}
	size_t first = names->n;
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		if (ald__scan_is_revision_name(e->d_name))
			ald__strvec_pushdup(names, e->d_name);
	closedir(d);
	if (names->n > first)
		qsort(names->v + first, names->n - first, sizeof(char *), cmp_names);
	return 0;
}

/* Reads one revision file, from the cache when its entry is still good
 * (`st`: the file's stat, given when there is a cache). Only a regular file
 * of at most `max` bytes is read, cached or not (ald__read_at checks the file
 * it opened; the cache's stat is checked the same way first). */
static int load_one(struct ald_revfile *rf, int dfd, const char *name, const char *path,
		    struct ald_revcache *cache, const struct stat *st, size_t max,
		    struct ald_buf *buf)
{
	int err;
	if (st && (err = ald__read_check_stat(path, st, max)) < 0)
		return err;
	if (cache && ald__revcache_lookup(cache, name, st, rf, path))
		return 0;
	struct ald_revfile parsed;
	err = ald__read_at(dfd, name, path, max, buf);
	if (err == 0)
		err = ald__revfile_parse(&parsed, path, buf->ptr, buf->len);
	if (err < 0)
		return err;
	/* one block per revision, without the docstring: it is read again when
	 * asked for (ald_revision_read_doc); at 100,000 revisions that is tens of
	 * megabytes less */
	ald__revfile_pack(rf, &parsed);
	ald__revfile_clear(&parsed);
	if (cache)
		ald__revcache_store(cache, name, st, rf);
	return 0;
}

/* A share of stat_all's work: files lo..hi-1. */
struct stat_job {
	int dfd;
	const char *const *names;
	struct stat *sts;
	size_t lo, hi;
	size_t failed; /* the first file that could not be stat'ed, or hi */
	int err;       /* its errno */
};

static void *stat_range(void *arg)
{
	struct stat_job *j = arg;
	j->failed = j->hi;
	for (size_t i = j->lo; i < j->hi; i++)
		if (fstatat(j->dfd, j->names[i], &j->sts[i], 0) != 0) {
			j->failed = i;
			j->err = errno;
			break;
		}
	return NULL;
}

/* Stats every file, in a few threads on a large folder: stat calls are what a
 * cached folder costs (as git's preloaded index does for the same reason). */
static int stat_all(int dfd, const char *dir, const char *const *names, size_t n, struct stat *sts)
{
	enum { MAX_THREADS = 4, MIN_SHARE = 1024 };
	size_t k = n / MIN_SHARE ? n / MIN_SHARE : 1;
	if (k > 1) { /* asking for the CPUs reads /sys: only when it matters */
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);
		if (cpus > 0 && (size_t)cpus < k)
			k = (size_t)cpus;
	}
	if (k > MAX_THREADS)
		k = MAX_THREADS;
	struct stat_job jobs[MAX_THREADS];
	pthread_t tid[MAX_THREADS];
	int started[MAX_THREADS] = {0};
	for (size_t t = 0; t < k; t++)
		jobs[t] = (struct stat_job){dfd, names, sts, n * t / k, n * (t + 1) / k, 0, 0};
	for (size_t t = 1; t < k; t++)
		started[t] = pthread_create(&tid[t], NULL, stat_range, &jobs[t]) == 0;
	stat_range(&jobs[0]);
	for (size_t t = 1; t < k; t++) {
		if (started[t])
			pthread_join(tid[t], NULL);
		else
			stat_range(&jobs[t]);
	}
	for (size_t t = 0; t < k; t++)
		if (jobs[t].failed < jobs[t].hi)
			return ald__error_set(jobs[t].err == ENOENT ? ALD_ENOTFOUND : ALD_ERROR, "%s/%s: cannot open: %s",
					     dir, names[jobs[t].failed], strerror(jobs[t].err));
	return 0;
}

/* The i-th element of an array of `size`-byte elements that begin with a revfile. */
static struct ald_revfile *at(void *base, size_t size, size_t i)
{
	return (struct ald_revfile *)(void *)((char *)base + i * size);
}

/* Reads the revision files of one folder, appending to *files (elements of
 * `size` bytes). The listing comes from the cache while the folder is
 * unchanged and `trust_listing`; if a file it names cannot be stat'ed, the
 * cache lied: *lied is set and the caller clears what was read and starts
 * again without the cache's listing. A damaged cache is told in sc->note. */
static int scan_dir_once(void **files, size_t size, size_t *n, size_t *cap, const char *dir,
			 const char *real, int dfd, struct ald_buf *buf, struct ald_scan_cache *sc,
			 int trust_listing, int *lied)
{
	struct stat dst;
	struct ald_revcache *cache = (!sc || !sc->off) && fstat(dfd, &dst) == 0
					     ? ald__revcache_open(real, &dst)
					     : NULL;
	struct ald_strvec listed = {0};
	const char *const *names = NULL;
	size_t count = cache && trust_listing ? ald__revcache_names(cache, &names) : 0;
	int from_cache = count != 0;
	int err = 0;
	if (!count) {
		err = list_dir(&listed, dfd, dir);
		names = (const char *const *)listed.v;
		count = listed.n;
	}
	/* files are stat'ed a chunk at a time: the stat buffers stay small (and
	 * their pages, written by the kernel, are faulted in once) */
	enum { CHUNK = 2048 };
	struct stat *sts = cache && count ? ald__xmalloc((count < CHUNK ? count : CHUNK) * sizeof(*sts))
					  : NULL;
	size_t dlen = strlen(dir);
	char *path = NULL;
	size_t pcap = 0;
	if (!*files && count) { /* calloc: a large block comes zeroed from the system */
		*files = ald__xcalloc(count, size);
		*cap = count;
		ald__prefault(*files, count * size);
	} else if (*n + count > *cap) { /* exactly: a folder's count is known */
		*files = ald__xrealloc(*files, (*n + count) * size);
		memset((char *)*files + *cap * size, 0, (*n + count - *cap) * size);
		*cap = *n + count;
	}
	for (size_t j = 0; j < count && err == 0; j++) {
		if (sts && j % CHUNK == 0)
			err = stat_all(dfd, dir, names + j, count - j < CHUNK ? count - j : CHUNK, sts);
		if (err && from_cache) { /* a listed file is not there */
			ald__error_clear();
			ald__revcache_distrust_names(cache);
			*lied = 1;
		}
		if (err)
			break;
		size_t nlen = strlen(names[j]);
		path = ald__xgrow(path, &pcap, dlen + nlen + 2, 1);
		memcpy(path, dir, dlen);
		path[dlen] = '/';
		memcpy(path + dlen + 1, names[j], nlen + 1);
		err = load_one(at(*files, size, *n), dfd, names[j], path, cache,
			       sts ? &sts[j % CHUNK] : NULL, ald__read_limit(), buf);
		if (err == 0)
			(*n)++;
	}
	const char *damage = cache ? ald__revcache_damage(cache) : NULL;
	if (damage && sc && !sc->note)
		sc->note = ald__xasprintf("ignored a damaged header cache %s (%s): the revision "
					 "files were read instead",
					 ald__revcache_file(cache), damage);
	ald__revcache_close(cache, err == 0);
	free(sts);
	free(path);
	ald__strvec_free(&listed);
	return err;
}

/* scan_dir_once, and once more without the cache's listing if it lied: the
 * result is always the one the folder itself gives. */
static int scan_dir(void **files, size_t size, size_t *n, size_t *cap, const char *dir,
		    const char *real, int dfd, struct ald_buf *buf, struct ald_scan_cache *sc)
{
	size_t first = *n;
	int lied = 0;
	int err = scan_dir_once(files, size, n, cap, dir, real, dfd, buf, sc, 1, &lied);
	if (!lied)
		return err;
	for (size_t i = first; i < *n; i++) {
		ald__revfile_clear(at(*files, size, i));
		memset(at(*files, size, i), 0, size);
	}
	*n = first;
	return scan_dir_once(files, size, n, cap, dir, real, dfd, buf, sc, 0, &lied);
}

int ald__scan_versions(void **out, size_t *n_out, size_t size, const struct ald_strvec *dirs,
		      int skip_missing, struct ald_scan_cache *sc)
{
	struct ald_strvec seen = {0};
	struct ald_buf buf = {0};
	void *files = NULL;
	size_t n = 0, cap = 0;
	int error = 0;

	for (size_t i = 0; i < dirs->n && !error; i++) {
		char real[PATH_MAX];
		const char *key = realpath(dirs->v[i], real) ? real : dirs->v[i];
		if (ald__strvec_contains(&seen, key))
			continue;
		ald__strvec_pushdup(&seen, key);
		int dfd = open(dirs->v[i], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd < 0) {
			if (errno == ENOENT && skip_missing)
				continue;
			error = ald__error_set(ALD_ENOTFOUND, "%s: cannot read the versions folder: %s",
					      dirs->v[i], strerror(errno));
			break;
		}
		error = scan_dir(&files, size, &n, &cap, dirs->v[i], key, dfd, &buf, sc);
		close(dfd);
	}
	ald__strvec_free(&seen);
	ald__buf_free(&buf);
	if (error) {
		for (size_t i = 0; i < n; i++)
			ald__revfile_clear(at(files, size, i));
		free(files);
		files = NULL;
		n = 0;
	}
	*out = files;
	*n_out = n;
	return error;
}
