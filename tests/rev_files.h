/* rev_files.h - the graph of revision files the test has written, read back
 * as aludel reads a folder (test_plan.c, test_plan_sql.c, test_run.c): each
 * test formats its own revision texts, this writes them, loads them in file
 * name order (map order) and builds the graph, and removes them after. */
#ifndef ALD_TEST_REV_FILES_H
#define ALD_TEST_REV_FILES_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "graph.h"
#include "revision_file.h"
#include "util.h"

static inline void rev_files_write(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int rev_files_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Loads the n files at `paths` (which it frees, array included) in name
 * order and builds their graph; a failure fails the test. */
static inline struct ald_graph *rev_files_graph(char **paths, size_t n)
{
	qsort(paths, n, sizeof(*paths), rev_files_cmp);
	struct ald_revfile *files = ald__xcalloc(n ? n : 1, sizeof(*files));
	for (size_t i = 0; i < n; i++) {
		if (ald__revfile_load(&files[i], paths[i]) < 0)
			fail_msg("load: %s", ald_error_last()->message);
		free(paths[i]);
	}
	free(paths);
	struct ald_graph *g = NULL;
	if (ald__graph_build(&g, files, n) < 0)
		fail_msg("graph: %s", ald_error_last()->message);
	free(files);
	return g;
}

/* Removes the files of `dir`, then `dir`. */
static inline void rev_files_remove(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char *p = ald__xasprintf("%s/%s", dir, e->d_name);
		unlink(p);
		free(p);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

#endif
