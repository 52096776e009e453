/* stat_floor.c - the least any tool must do to know that no revision file
 * changed since it last read them: list the folder and stat every file, in as
 * many threads as aludel uses (one per CPU, at most 4). Prints nothing.
 * Built and timed by bench/run. */
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct job {
	int dfd;
	char **names;
	size_t lo, hi;
};

static void *stat_range(void *arg)
{
	struct job *j = arg;
	struct stat st;
	for (size_t i = j->lo; i < j->hi; i++)
		if (fstatat(j->dfd, j->names[i], &st, 0) != 0)
			exit(1);
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	int dfd = open(argv[1], O_RDONLY | O_DIRECTORY);
	DIR *d = dfd >= 0 ? fdopendir(dup(dfd)) : NULL;
	if (!d)
		return 1;
	size_t n = 0, cap = 1024;
	char **names = malloc(cap * sizeof(*names));
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap)
			names = realloc(names, (cap *= 2) * sizeof(*names));
		names[n++] = strdup(e->d_name);
	}
	closedir(d);
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t k = cpus > 4 ? 4 : cpus > 1 ? (size_t)cpus : 1;
	if (k > n / 1024)
		k = n / 1024 ? n / 1024 : 1;
	pthread_t tid[4];
	struct job jobs[4];
	for (size_t t = 0; t < k; t++)
		jobs[t] = (struct job){dfd, names, n * t / k, n * (t + 1) / k};
	for (size_t t = 1; t < k; t++)
		pthread_create(&tid[t], NULL, stat_range, &jobs[t]);
	stat_range(&jobs[0]);
	for (size_t t = 1; t < k; t++)
		pthread_join(tid[t], NULL);
	return 0;
}
