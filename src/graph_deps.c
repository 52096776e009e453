/* graph_deps.c - normalised dependencies (doc/alembic-compat.md §2.1).
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
#include <string.h>

/* Removes target d from R's norm_deps (it is there once). */
static void drop_dep(struct ald_graph_adj *nd, size_t r, size_t d)
{
	ALD_ADJ_FOR(nd, r, k) {
		if (nd->v[k] == d) {
			memmove(nd->v + k, nd->v + k + 1, (nd->end[r] - k - 1) * sizeof(size_t));
			nd->end[r]--;
			return;
		}
	}
}

/* One target's dependents `mem` (several): drops the target from those that
 * are above another one. */
static void normalize_target(struct ald_graph *g, size_t d, const size_t *mem, size_t nmem,
			     const size_t *rank, struct ald_stamps *visit, size_t *stack)
{
	const struct ald_graph_adj *next = &g->index->next;
	size_t maxrank = 0, top = 0;
	ald__stamps_next(visit);
	for (size_t k = 0; k < nmem; k++) {
		if (rank[mem[k]] > maxrank)
			maxrank = rank[mem[k]];
		stack[top++] = mem[k];
	}
	/* a member is "visited" only when reached from another one; the stack
	 * holds the members plus each revision once: at most 2n entries */
	while (top) {
		size_t x = stack[--top];
		ALD_ADJ_FOR(next, x, c) {
			size_t y = next->v[c];
			if (rank[y] > maxrank || visit->v[y] == visit->gen)
				continue;
			visit->v[y] = visit->gen;
			stack[top++] = y;
		}
	}
	for (size_t k = 0; k < nmem; k++)
		if (visit->v[mem[k]] == visit->gen)
			drop_dep(&g->index->norm_deps, mem[k], d);
}

/* Every target with several dependents. */
static void normalize_all(struct ald_graph *g)
{
	const struct ald_graph_adj *deps = &g->index->deps;
	size_t n = g->n, ndeps = n ? deps->end[n - 1] : 0;
	/* dependents grouped by target (CSR), each group in map order */
	size_t *start = ald__xcalloc(n + 1, sizeof(*start));
	size_t *mem = ald__xmalloc((ndeps ? ndeps : 1) * sizeof(*mem));
	for (size_t i = 0; i < n; i++)
		ALD_ADJ_FOR(deps, i, k)
			start[deps->v[k] + 1]++;
	for (size_t d = 0; d < n; d++)
		start[d + 1] += start[d];
	size_t *fill = ald__xmalloc(n * sizeof(*fill));
	memcpy(fill, start, n * sizeof(*fill));
	for (size_t i = 0; i < n; i++)
		ALD_ADJ_FOR(deps, i, k)
			mem[fill[deps->v[k]]++] = i;
	size_t *rank = fill; /* reused: rank in the topological order */
	for (size_t i = 0; i < n; i++)
		rank[g->index->topo[i]] = i;
	struct ald_stamps visit;
	ald__stamps_init(&visit, n);
	size_t *stack = ald__xmalloc(2 * n * sizeof(*stack));
	for (size_t d = 0; d < n; d++)
		if (start[d + 1] - start[d] > 1)
			normalize_target(g, d, mem + start[d], start[d + 1] - start[d], rank, &visit,
					 stack);
	free(stack);
	ald__stamps_free(&visit);
	free(fill);
	free(mem);
	free(start);
}

/* norm_down = down followed by norm_deps, without duplicates. */
static void make_norm_down(struct ald_graph *g)
{
	struct ald_graph_index *ix = g->index;
	size_t n = g->n, total = 0, e = 0;
	for (size_t i = 0; i < n; i++)
		total += (ix->down.end[i] - ix->down.start[i]) + (ix->norm_deps.end[i] - ix->norm_deps.start[i]);
	struct ald_graph_adj *a = &ix->norm_down;
	ald__graph_adj_alloc(a, n, total);
	for (size_t i = 0; i < n; i++) {
		a->start[i] = e;
		for (int dep = 0; dep < 2; dep++) {
			const struct ald_graph_adj *src = dep ? &ix->norm_deps : &ix->down;
			ALD_ADJ_FOR(src, i, k) {
				size_t x = src->v[k], dup = 0;
				for (size_t j = a->start[i]; j < e && !dup; j++)
					dup = a->v[j] == x;
				if (!dup)
					a->v[e++] = x;
			}
		}
		a->end[i] = e;
	}
}

void ald__graph_normalize_deps(struct ald_graph *g)
{
	struct ald_graph_index *ix = g->index;
	size_t n = g->n, ndeps = n ? ix->deps.end[n - 1] : 0;
	ald__graph_adj_alloc(&ix->norm_deps, n, ndeps);
	memcpy(ix->norm_deps.start, ix->deps.start, n * sizeof(size_t));
	memcpy(ix->norm_deps.end, ix->deps.end, n * sizeof(size_t));
	if (ndeps)
		memcpy(ix->norm_deps.v, ix->deps.v, ndeps * sizeof(size_t));
	if (ndeps > 1)
		normalize_all(g);
	make_norm_down(g);
}
