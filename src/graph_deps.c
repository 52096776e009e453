/* graph_deps.c - normalised dependencies (§2.1).
 *
 * norm_deps(R) = deps(R) minus every dependency that a proper down-revision
 * ancestor of R also has. Rather than walking every revision's ancestry, the
 * dependents of each target are grouped: a target with one dependent keeps
 * it; for a target with several, one walk upwards (next edges) from all of
 * them, bounded by the topological rank of the highest one, finds the
 * dependents that lie above another dependent. Each walk costs at most the
 * revisions between the lowest and the highest dependent.
 */
#include "graph_internal.h"

#include <stdlib.h>

/* Removes target d from R's norm_deps (it is there once). */
static void drop_dep(struct ald_rev *r, size_t d)
{
	for (size_t k = 0; k < r->norm_deps.n; k++) {
		if (r->norm_deps.v[k] == d) {
			for (size_t j = k + 1; j < r->norm_deps.n; j++)
				r->norm_deps.v[j - 1] = r->norm_deps.v[j];
			r->norm_deps.n--;
			return;
		}
	}
}

/* One target's dependents `mem` (several): drops the target from those that
 * are above another one. */
static void normalize_target(struct ald_graph *g, size_t d, const size_t *mem, size_t nmem,
			     const size_t *rank, struct ald_stamps *visit, size_t *stack)
{
	size_t maxrank = 0, top = 0;
	ald_stamps_next(visit);
	for (size_t k = 0; k < nmem; k++) {
		if (rank[mem[k]] > maxrank)
			maxrank = rank[mem[k]];
		stack[top++] = mem[k];
	}
	/* a member is "visited" only when reached from another one; the stack
	 * holds the members plus each revision once: at most 2n entries */
	while (top) {
		const struct ald_rev *r = &g->revs[stack[--top]];
		for (size_t c = 0; c < r->next.n; c++) {
			size_t y = r->next.v[c];
			if (rank[y] > maxrank || visit->v[y] == visit->gen)
				continue;
			visit->v[y] = visit->gen;
			stack[top++] = y;
		}
	}
	for (size_t k = 0; k < nmem; k++)
		if (visit->v[mem[k]] == visit->gen)
			drop_dep(&g->revs[mem[k]], d);
}

/* norm_down = down followed by norm_deps, without duplicates. */
static void make_norm_down(struct ald_rev *r)
{
	size_t n = r->down.n + r->norm_deps.n;
	if (n == 0)
		return;
	r->norm_down.v = ald_xmalloc(n * sizeof(size_t));
	r->norm_down.cap = n;
	for (size_t k = 0; k < n; k++) {
		size_t x = k < r->down.n ? r->down.v[k] : r->norm_deps.v[k - r->down.n];
		int dup = 0;
		for (size_t j = 0; j < r->norm_down.n && !dup; j++)
			dup = r->norm_down.v[j] == x;
		if (!dup)
			r->norm_down.v[r->norm_down.n++] = x;
	}
}

void ald_graph_normalize_deps(struct ald_graph *g)
{
	size_t n = g->n, ndeps = 0;
	for (size_t i = 0; i < n; i++) {
		struct ald_rev *r = &g->revs[i];
		ald_ixvec_assign(&r->norm_deps, r->deps.v, r->deps.n);
		ndeps += r->deps.n;
	}
	if (ndeps > 1) {
		/* dependents grouped by target (CSR), each group in map order */
		size_t *start = ald_xcalloc(n + 1, sizeof(*start));
		size_t *mem = ald_xmalloc(ndeps * sizeof(*mem));
		for (size_t i = 0; i < n; i++)
			for (size_t k = 0; k < g->revs[i].deps.n; k++)
				start[g->revs[i].deps.v[k] + 1]++;
		for (size_t d = 0; d < n; d++)
			start[d + 1] += start[d];
		size_t *fill = ald_xmalloc((n ? n : 1) * sizeof(*fill));
		for (size_t d = 0; d < n; d++)
			fill[d] = start[d];
		for (size_t i = 0; i < n; i++)
			for (size_t k = 0; k < g->revs[i].deps.n; k++)
				mem[fill[g->revs[i].deps.v[k]]++] = i;
		size_t *rank = fill; /* reused: rank in the topological order */
		for (size_t i = 0; i < n; i++)
			rank[g->index->topo[i]] = i;
		struct ald_stamps visit;
		ald_stamps_init(&visit, n);
		size_t *stack = ald_xmalloc(2 * n * sizeof(*stack));
		for (size_t d = 0; d < n; d++)
			if (start[d + 1] - start[d] > 1)
				normalize_target(g, d, mem + start[d], start[d + 1] - start[d], rank,
						 &visit, stack);
		free(stack);
		ald_stamps_free(&visit);
		free(fill);
		free(mem);
		free(start);
	}
	for (size_t i = 0; i < n; i++)
		make_norm_down(&g->revs[i]);
}
