/* graph_check.c - cycle detection when the graph is built (doc/alembic-compat.md §2.4).
 *
 * First Alembic's three checks with its messages: no heads or no bases at
 * all (every id, map order), then revisions not both below a head and above a
 * base (sorted ids), for down edges ("Cycle") and for down plus dependency
 * edges ("Dependency cycle"). Alembic stops there and misses a cycle that
 * hangs between a base and a head; aludel then runs a complete check (Kahn's
 * algorithm) and names the revisions on the cycle, sorted, in the same words.
 * The complete check's order over all edges is kept as g->index->topo.
 */
#include "graph_internal.h"
#include "error.h"

#include <stdlib.h>
#include <string.h>

/* Sets `bit` in mark[] for everything reachable from `from` along the edges
 * of `a` (and of `b` if not NULL). */
static void reach(const struct ald_ixvec *from,
		  const struct ald_graph_adj *a, const struct ald_graph_adj *b,
		  unsigned char *mark, unsigned char bit, size_t *stack)
{
	size_t top = 0;
	for (size_t i = 0; i < from->n; i++) {
		if (mark[from->v[i]] & bit)
			continue;
		mark[from->v[i]] |= bit;
		stack[top++] = from->v[i];
		while (top) {
			size_t r = stack[--top];
			for (const struct ald_graph_adj *e = a; e; e = e == a ? b : NULL) {
				ALD_ADJ_FOR(e, r, k) {
					size_t x = e->v[k];
					if (!(mark[x] & bit)) {
						mark[x] |= bit;
						stack[top++] = x;
					}
				}
			}
		}
	}
}

static int cmp_ids(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* "<kind> is detected in revisions (a, b)" naming the revisions `revs`
 * (sorted by id when `sorted`). */
static int cycle_error(const struct ald_graph *g, const char *kind, const size_t *revs,
		       size_t n, int sorted)
{
	const char **ids = ald__xmalloc((n ? n : 1) * sizeof(*ids));
	for (size_t i = 0; i < n; i++)
		ids[i] = g->revs[revs[i]].file.id;
	if (sorted)
		qsort(ids, n, sizeof(*ids), cmp_ids);
	struct ald_buf b = {0};
	for (size_t i = 0; i < n; i++) {
		if (i)
			ald__buf_puts(&b, ", ");
		ald__buf_puts(&b, ids[i]);
	}
	int err = ald__error_set(ALD_ECYCLE, "%s is detected in revisions (%s)", kind, ald__buf_cstr(&b));
	ald__buf_free(&b);
	free(ids);
	return err;
}

/* Every revision, in map order. */
static int cycle_error_all(const struct ald_graph *g, const char *kind)
{
	size_t *all = ald__xmalloc(g->n * sizeof(*all));
	for (size_t i = 0; i < g->n; i++)
		all[i] = i;
	int err = cycle_error(g, kind, all, g->n, 0);
	free(all);
	return err;
}

/* Alembic's check: everything must be reachable from the heads downwards and
 * from the bases upwards. */
static int check_space(const struct ald_graph *g, const char *kind, const struct ald_ixvec *heads,
		       const struct ald_ixvec *bases, int all, unsigned char *mark, size_t *stack)
{
	const struct ald_graph_index *ix = g->index;
	if (!heads->n || !bases->n)
		return cycle_error_all(g, kind);
	memset(mark, 0, g->n);
	reach(heads, &ix->down, all ? &ix->deps : NULL, mark, 1, stack);
	reach(bases, all ? &ix->all_next : &ix->next, NULL, mark, 2, stack);
	size_t nbad = 0;
	for (size_t i = 0; i < g->n; i++)
		if (mark[i] != 3)
			stack[nbad++] = i;
	return nbad ? cycle_error(g, kind, stack, nbad, 1) : 0;
}

/* Kahn's algorithm over next (or all_next) edges: writes the order to
 * `order` (parents first) and returns how many revisions it placed. */
static size_t kahn(const struct ald_graph *g, int all, size_t *order, size_t *deg)
{
	const struct ald_graph_adj *c = all ? &g->index->all_next : &g->index->next;
	memset(deg, 0, g->n * sizeof(*deg));
	for (size_t i = 0; i < g->n; i++)
		ALD_ADJ_FOR(c, i, k)
			deg[c->v[k]]++;
	size_t head = 0, tail = 0;
	for (size_t i = 0; i < g->n; i++)
		if (deg[i] == 0)
			order[tail++] = i;
	while (head < tail) {
		size_t x = order[head++];
		ALD_ADJ_FOR(c, x, k)
			if (--deg[c->v[k]] == 0)
				order[tail++] = c->v[k];
	}
	return tail;
}

/* After an incomplete Kahn run: peels, from the top, the revisions that are
 * left only because they sit above a cycle, and reports the rest. */
static int kahn_error(const struct ald_graph *g, int all, const size_t *order, size_t placed,
		      size_t *deg, const char *kind)
{
	unsigned char *left = ald__xcalloc(g->n, 1);
	for (size_t i = 0; i < g->n; i++)
		left[i] = 1;
	for (size_t i = 0; i < placed; i++)
		left[order[i]] = 0;
	size_t *queue = ald__xmalloc(g->n * sizeof(*queue));
	const struct ald_graph_index *ix = g->index;
	const struct ald_graph_adj *c = all ? &ix->all_next : &ix->next;
	size_t head = 0, tail = 0;
	for (size_t i = 0; i < g->n; i++) {
		if (!left[i])
			continue;
		deg[i] = 0;
		ALD_ADJ_FOR(c, i, k)
			deg[i] += left[c->v[k]];
		if (deg[i] == 0)
			queue[tail++] = i;
	}
	while (head < tail) {
		size_t y = queue[head++];
		left[y] = 0;
		/* each distinct parent once, as children lists hold each child once */
		size_t nd = ix->down.end[y] - ix->down.start[y];
		size_t np = nd + (all ? ix->deps.end[y] - ix->deps.start[y] : 0);
		for (size_t k = 0; k < np; k++) {
			size_t x = k < nd ? ix->down.v[ix->down.start[y] + k]
					  : ix->deps.v[ix->deps.start[y] + k - nd];
			int dup = 0;
			for (size_t j = 0; j < k && !dup; j++)
				dup = (j < nd ? ix->down.v[ix->down.start[y] + j]
					      : ix->deps.v[ix->deps.start[y] + j - nd]) == x;
			if (!dup && left[x] && --deg[x] == 0)
				queue[tail++] = x;
		}
	}
	size_t nbad = 0;
	for (size_t i = 0; i < g->n; i++)
		if (left[i])
			queue[nbad++] = i;
	int err = cycle_error(g, kind, queue, nbad, 1);
	free(queue);
	free(left);
	return err;
}

int ald__graph_check_cycles(struct ald_graph *g)
{
	g->index->topo = ald__xmalloc((g->n ? g->n : 1) * sizeof(size_t));
	if (g->n == 0)
		return 0;
	unsigned char *mark = ald__xmalloc(g->n);
	size_t *stack = ald__xmalloc(g->n * sizeof(*stack));
	size_t *deg = ald__xmalloc(g->n * sizeof(*deg));
	size_t *order = g->index->topo;
	int err = check_space(g, "Cycle", &g->heads, &g->bases, 0, mark, stack);
	if (err == 0)
		err = check_space(g, "Dependency cycle", &g->real_heads, &g->real_bases, 1, mark, stack);
	if (err == 0) {
		size_t placed = kahn(g, 0, order, deg);
		if (placed < g->n)
			err = kahn_error(g, 0, order, placed, deg, "Cycle");
	}
	if (err == 0) {
		size_t placed = kahn(g, 1, order, deg);
		if (placed < g->n)
			err = kahn_error(g, 1, order, placed, deg, "Dependency cycle");
	}
	free(deg);
	free(stack);
	free(mark);
	return err;
}
