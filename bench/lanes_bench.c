/* lanes_bench.c - times the TUI's lane layout alone (ui/lanes.c) on a real
 * project: the project is opened and ordered through libaludel as the TUI does
 * (tui_load), then lanes_layout() runs RUNS times on that display order;
 * then a screen is drawn at 101 places spread over the order: 60 rows of
 * lanes in 160 columns (lanes_render_fit), as the graph view draws them.
 *
 *   lanes_bench CONFIG [RUNS]
 *
 * Prints "<rows> <median layout seconds> <peak MB> <median screen seconds>".
 * Built and run by bench/case_tui.sh and bench/case_order.sh; not part of
 * the build. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "aludel.h"
#include "lanes.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: lanes_bench CONFIG [RUNS]\n");
		return 2;
	}
	int runs = argc > 2 ? atoi(argv[2]) : 11;
	ald_open_options o = ALD_OPEN_OPTIONS_INIT;
	o.config_path = argv[1];
	ald_project *p = NULL;
	ald_revlist *order = NULL;
	if (ald_project_open(&p, &o) < 0 || ald_project_history(&order, p, NULL, NULL) < 0) {
		fprintf(stderr, "lanes_bench: %s\n", ald_error_last()->message);
		return 1;
	}
	/* the display order as lanes see it: parents by row, as tui_load builds it */
	size_t n = ald_revlist_count(order), total = ald_project_revision_count(p);
	size_t *row_of = calloc(total ? total : 1, sizeof(*row_of));
	struct lanes_rev *revs = calloc(n ? n : 1, sizeof(*revs));
	size_t used = 0;
	for (size_t i = 0; i < n; i++) {
		const ald_revision *r = ald_revlist_at(order, i);
		row_of[ald_revision_index(r)] = i;
		used += ald_revision_parent_count(r) + ald_revision_dependency_count(r);
	}
	size_t *parents = calloc(used ? used : 1, sizeof(*parents));
	used = 0;
	for (size_t i = 0; i < n; i++) {
		const ald_revision *r = ald_revlist_at(order, i);
		size_t np = ald_revision_parent_count(r), nd = ald_revision_dependency_count(r);
		revs[i].parents = parents + used;
		revs[i].n_parents = np + nd;
		revs[i].n_deps = nd;
		for (size_t j = 0; j < np; j++)
			parents[used++] = row_of[ald_revision_index(ald_revision_parent_at(r, j))];
		for (size_t j = 0; j < nd; j++)
			parents[used++] = row_of[ald_revision_index(ald_revision_dependency_at(r, j))];
	}
	double *t = calloc((size_t)(runs > 0 ? runs : 1), sizeof(*t));
	for (int k = 0; k < runs; k++) {
		struct lanes l;
		double t0 = now();
		if (lanes_layout(&l, revs, n) != 0)
			return 1;
		t[k] = now() - t0;
		lanes_free(&l);
	}
	qsort(t, (size_t)runs, sizeof(*t), cmp_double);
	struct lanes l;
	enum { PLACES = 101, ROWS = 60, COLS = 160 };
	double screen[PLACES];
	char buf[4 * COLS + 64];
	size_t sink = 0;
	lanes_layout(&l, revs, n);
	for (size_t k = 0; k < PLACES; k++) {
		size_t top = n > ROWS ? (n - ROWS) * k / (PLACES - 1) : 0;
		double t0 = now();
		for (size_t i = top; i < top + ROWS && i < n; i++)
			sink += lanes_render_fit(&l, i, 1, COLS, buf, sizeof(buf));
		screen[k] = now() - t0;
	}
	lanes_free(&l);
	qsort(screen, PLACES, sizeof(*screen), cmp_double);
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("%zu %.6f %.1f %.6f\n", n, t[runs / 2], (double)ru.ru_maxrss / 1024.0, sink ? screen[PLACES / 2] : 0.0);
	free(t);
	free(parents);
	free(revs);
	free(row_of);
	ald_revlist_free(order);
	ald_project_free(p);
	return 0;
}
