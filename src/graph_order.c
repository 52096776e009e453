/* graph_order.c - ancestry walks and the topological sort of §4.1-4.2.
 *
 * The sort reproduces Alembic's choices exactly. Alembic keeps the full
 * ancestor set of every pending head and recomputes it at each merge point
 * (O(merges x n)); the only question it asks of those sets is "is candidate c
 * an ancestor of head j?", the smallest such j. Here that question is answered
 * by walking upwards from c (reverse norm_down edges) through the revisions
 * not yet emitted: an emitted revision is never below a pending head, so the
 * walk stays in the small unemitted region above c, and emitted children are
 * dropped from the adjacency as they are met. The heads list is a linked list
 * whose order is the creation order of its slots, so deleting a head is O(1)
 * and "smallest index" is "smallest slot number".
 *
 * That walk is cheap while the region above c is small. It is not when c waits
 * below a long line whose head has not come down yet (a slot on a short
 * branch, asked again after each side branch the main line's slot handles:
 * quadratic at 100,000 revisions). So the walk gives up after
 * ald_toposort_walk_budget revisions, and the heads are asked in slot order
 * instead, "is c an ancestor of this head?", answered from a static numbering
 * of the live revisions (reach_init, head_reaches). Both give the same answer:
 * c is pending, and every path from a pending head down to a pending c is
 * pending too (everything above an emitted revision is emitted).
 */
#include "graph_internal.h"
#include "error.h"

#include <stdlib.h>
#include <string.h>

/* Depth-first walk from `start` along parents (norm_down or down) or
 * children (all_next or next); marks mark[] and uses visited[] (n bytes). */
static void walk(const struct ald_graph *g, const size_t *start, size_t nstart, int up,
		 int versioned_only, unsigned char *mark)
{
	if (g->n == 0)
		return;
	const struct ald_graph_index *ix = g->index;
	const struct ald_graph_adj *e = up ? (versioned_only ? &ix->next : &ix->all_next)
					   : (versioned_only ? &ix->down : &ix->norm_down);
	unsigned char *seen = ald_xcalloc(g->n, 1);
	size_t *stack = ald_xmalloc(g->n * sizeof(*stack));
	size_t top = 0;
	for (size_t s = 0; s < nstart; s++) {
		if (start[s] >= g->n || seen[start[s]])
			continue;
		seen[start[s]] = 1;
		stack[top++] = start[s];
		while (top) {
			size_t x = stack[--top];
			mark[x] = 1;
			ALD_ADJ_FOR(e, x, k) {
				if (!seen[e->v[k]]) {
					seen[e->v[k]] = 1;
					stack[top++] = e->v[k];
				}
			}
		}
	}
	free(stack);
	free(seen);
}

void ald_graph_ancestors(const struct ald_graph *g, const size_t *start, size_t nstart,
			 int versioned_only, unsigned char *mark)
{
	walk(g, start, nstart, 0, versioned_only, mark);
}

void ald_graph_descendants(const struct ald_graph *g, const size_t *start, size_t nstart,
			   int versioned_only, unsigned char *mark)
{
	walk(g, start, nstart, 1, versioned_only, mark);
}

/* Whether `target` is reachable from x along parents (up = 0) or children. */
static int reaches(const struct ald_graph *g, size_t x, size_t target, int up, int with_deps,
		   unsigned char *seen, size_t *stack)
{
	const struct ald_graph_index *ix = g->index;
	const struct ald_graph_adj *e = up ? (with_deps ? &ix->all_next : &ix->next)
					   : (with_deps ? &ix->norm_down : &ix->down);
	size_t top = 0;
	memset(seen, 0, g->n);
	seen[x] = 1;
	stack[top++] = x;
	while (top) {
		size_t r = stack[--top];
		ALD_ADJ_FOR(e, r, k) {
			if (e->v[k] == target)
				return 1;
			if (!seen[e->v[k]]) {
				seen[e->v[k]] = 1;
				stack[top++] = e->v[k];
			}
		}
	}
	return 0;
}

int ald_graph_shares_lineage(const struct ald_graph *g, size_t x, size_t q, int with_deps)
{
	if (x >= g->n || q >= g->n)
		return 0;
	if (x == q)
		return 1;
	unsigned char *seen = ald_xmalloc(g->n);
	size_t *stack = ald_xmalloc(g->n * sizeof(*stack));
	int found = reaches(g, x, q, 0, with_deps, seen, stack) ||
		    reaches(g, x, q, 1, with_deps, seen, stack);
	free(stack);
	free(seen);
	return found;
}

/* "Requested revision X overlaps with other requested revisions Y, Z", the
 * others in map order. */
static int overlap_error(const struct ald_graph *g, size_t x, const unsigned char *hit)
{
	struct ald_buf b = {0};
	for (size_t i = 0; i < g->n; i++) {
		if (!hit[i])
			continue;
		if (b.len)
			ald_buf_puts(&b, ", ");
		ald_buf_puts(&b, g->revs[i].file.id);
	}
	int err = ald_error_set(ALD_EINVALID,
				"Requested revision %s overlaps with other requested revisions %s",
				g->revs[x].file.id, ald_buf_cstr(&b));
	ald_buf_free(&b);
	return err;
}

/* Alembic's checked walk: the targets in order share one "seen" set; a walk
 * that pops another target (seen or not) is an overlap. */
int ald_graph_ancestors_checked(const struct ald_graph *g, const size_t *revs, size_t n,
				unsigned char *mark)
{
	if (g->n == 0 || n == 0)
		return 0;
	const struct ald_graph_adj *e = &g->index->norm_down;
	unsigned char *seen = ald_xcalloc(g->n, 1);
	unsigned char *target = ald_xcalloc(g->n, 1);
	unsigned char *hit = ald_xcalloc(g->n, 1);
	struct ald_ixvec stack = {0}; /* a revision can be pushed once per child */
	int err = 0;
	for (size_t k = 0; k < n; k++)
		target[revs[k]] = 1;
	for (size_t k = 0; k < n && err == 0; k++) {
		size_t x = revs[k], nhit = 0;
		ald_ixvec_push(&stack, x);
		while (stack.n) {
			size_t r = stack.v[--stack.n];
			if (target[r] && r != x && !hit[r]) {
				hit[r] = 1;
				nhit++;
			}
			if (seen[r])
				continue;
			seen[r] = 1;
			mark[r] = 1;
			ALD_ADJ_FOR(e, r, j)
				if (!seen[e->v[j]] || target[e->v[j]])
					ald_ixvec_push(&stack, e->v[j]);
		}
		if (nhit)
			err = overlap_error(g, x, hit);
	}
	ald_ixvec_free(&stack);
	free(hit);
	free(target);
	free(seen);
	return err;
}

/* ---- the topological sort (§4.2) --------------------------------------- */

#define NOSLOT SIZE_MAX

struct topo {
	const struct ald_graph *g;
	unsigned char *pending; /* in todo and not emitted yet */
	unsigned char *emitted;
	size_t remaining;       /* pending revisions */
	/* the heads: slots in a linked list, list order == slot number order */
	size_t *node, *prev, *next; /* n slots: a revision becomes a head at most once */
	size_t nslots, first, last, alive;
	size_t *slot_of;        /* per revision: its slot, or NOSLOT */
	/* reverse norm_down edges among the ancestors of the start heads; cend[]
	 * shrinks as emitted children are dropped */
	size_t *cstart, *cend, *child;
	struct ald_stamps visit;
	struct ald_ixvec stack;
	/* reach_init: the children lists as built (never shortened) and the
	 * numbering head_reaches() answers from */
	size_t *ostart, *ochild, *rank, *sub, *low, *high;
};

size_t ald_toposort_walk_budget = 64;

static void slot_append(struct topo *t, size_t rev)
{
	size_t s = t->nslots++;
	t->node[s] = rev;
	t->prev[s] = t->last;
	t->next[s] = NOSLOT;
	if (t->last != NOSLOT)
		t->next[t->last] = s;
	else
		t->first = s;
	t->last = s;
	t->slot_of[rev] = s;
	t->alive++;
}

static void slot_remove(struct topo *t, size_t s)
{
	if (t->prev[s] != NOSLOT)
		t->next[t->prev[s]] = t->next[s];
	else
		t->first = t->next[s];
	if (t->next[s] != NOSLOT)
		t->prev[t->next[s]] = t->prev[s];
	else
		t->last = t->prev[s];
	t->slot_of[t->node[s]] = NOSLOT;
	t->alive--;
}

/* Reverse norm_down adjacency of the revisions marked in `live` (ancestor
 * closed), children in map order. */
static void build_children(struct topo *t, const unsigned char *live)
{
	const struct ald_graph_adj *nd = &t->g->index->norm_down;
	size_t n = t->g->n, nedges = 0;
	t->cstart = ald_xcalloc(n + 1, sizeof(size_t));
	t->cend = ald_xmalloc((n ? n : 1) * sizeof(size_t));
	for (size_t y = 0; y < n; y++) {
		if (!live[y])
			continue;
		ALD_ADJ_FOR(nd, y, k)
			t->cstart[nd->v[k] + 1]++;
		nedges += nd->end[y] - nd->start[y];
	}
	for (size_t x = 0; x < n; x++)
		t->cstart[x + 1] += t->cstart[x];
	t->child = ald_xmalloc((nedges ? nedges : 1) * sizeof(size_t));
	for (size_t x = 0; x < n; x++)
		t->cend[x] = t->cstart[x];
	for (size_t y = 0; y < n; y++) {
		if (!live[y])
			continue;
		ALD_ADJ_FOR(nd, y, k)
			t->child[t->cend[nd->v[k]]++] = y;
	}
}

/* Numbers the live revisions for head_reaches(). rank: post-order of a
 * depth-first walk of the first-parent tree (each revision hangs from its
 * first norm_down parent), so the tree descendants of x are exactly the ranks
 * sub[x]..rank[x], a sufficient test; low/high: the lowest and highest rank
 * among all the descendants of x (every edge), so a descendant's [low, high]
 * lies inside x's, a necessary test (GRAIL's intervals). Along a main line
 * with side branches the first test answers almost every question. */
static void reach_init(struct topo *t, const unsigned char *live)
{
	const struct ald_graph_adj *nd = &t->g->index->norm_down;
	size_t n = t->g->n, nedges = t->cstart[n], counter = 0;
	size_t sz = (n ? n : 1) * sizeof(size_t);
	t->ostart = ald_xmalloc((n + 1) * sizeof(size_t));
	memcpy(t->ostart, t->cstart, (n + 1) * sizeof(size_t));
	t->ochild = ald_xmalloc((nedges ? nedges : 1) * sizeof(size_t));
	memcpy(t->ochild, t->child, nedges * sizeof(size_t));
	t->rank = ald_xmalloc(sz);
	t->sub = ald_xmalloc(sz);
	t->low = ald_xmalloc(sz);
	t->high = ald_xmalloc(sz);

	/* the first-parent tree as children lists (CSR) */
	size_t *tstart = ald_xcalloc(n + 1, sizeof(size_t));
	size_t *tchild = ald_xmalloc(sz), *fill = ald_xmalloc(sz), *at = ald_xmalloc(sz);
	for (size_t y = 0; y < n; y++)
		if (live[y] && nd->end[y] > nd->start[y])
			tstart[nd->v[nd->start[y]] + 1]++;
	for (size_t x = 0; x < n; x++)
		tstart[x + 1] += tstart[x];
	memcpy(fill, tstart, sz);
	for (size_t y = 0; y < n; y++)
		if (live[y] && nd->end[y] > nd->start[y])
			tchild[fill[nd->v[nd->start[y]]]++] = y;

	/* post-order of the tree, iteratively: chains are 100,000 long */
	struct ald_ixvec stack = {0};
	for (size_t root = 0; root < n; root++) {
		if (!live[root] || nd->end[root] > nd->start[root])
			continue;
		t->sub[root] = counter;
		at[root] = tstart[root];
		ald_ixvec_push(&stack, root);
		while (stack.n) {
			size_t x = stack.v[stack.n - 1];
			if (at[x] < tstart[x + 1]) {
				size_t y = tchild[at[x]++];
				t->sub[y] = counter;
				at[y] = tstart[y];
				ald_ixvec_push(&stack, y);
				continue;
			}
			stack.n--;
			t->rank[x] = counter++;
		}
	}
	/* low/high over every edge, children first (reverse topological order) */
	const size_t *topo = t->g->index->topo;
	for (size_t k = n; k-- > 0;) {
		size_t x = topo[k];
		if (!live[x])
			continue;
		t->low[x] = t->high[x] = t->rank[x];
		for (size_t e = t->ostart[x]; e < t->ostart[x + 1]; e++) {
			size_t y = t->ochild[e];
			if (t->low[y] < t->low[x])
				t->low[x] = t->low[y];
			if (t->high[y] > t->high[x])
				t->high[x] = t->high[y];
		}
	}
	ald_ixvec_free(&stack);
	free(tstart);
	free(tchild);
	free(fill);
	free(at);
}

/* Whether h is a tree descendant of x, or h's descendants' ranks can lie
 * inside x's: the two tests of reach_init. */
static int in_tree(const struct topo *t, size_t x, size_t h)
{
	return t->rank[h] >= t->sub[x] && t->rank[h] <= t->rank[x];
}

static int may_hold(const struct topo *t, size_t x, size_t h)
{
	return t->low[x] <= t->low[h] && t->high[h] <= t->high[x];
}

/* Whether c is an ancestor of h (both live, h != c): h is reachable from c
 * along children. */
static int head_reaches(struct topo *t, size_t c, size_t h)
{
	if (in_tree(t, c, h))
		return 1;
	if (!may_hold(t, c, h))
		return 0;
	/* the rare case: walk up from c through revisions that may hold h */
	ald_stamps_next(&t->visit);
	t->visit.v[c] = t->visit.gen;
	t->stack.n = 0;
	ald_ixvec_push(&t->stack, c);
	while (t->stack.n) {
		size_t x = t->stack.v[--t->stack.n];
		for (size_t k = t->ostart[x]; k < t->ostart[x + 1]; k++) {
			size_t y = t->ochild[k];
			if (t->visit.v[y] == t->visit.gen || !may_hold(t, y, h))
				continue;
			if (y == h || in_tree(t, y, h))
				return 1;
			t->visit.v[y] = t->visit.gen;
			ald_ixvec_push(&t->stack, y);
		}
	}
	return 0;
}

/* The smallest slot other than `cur` whose head has c among its ancestors,
 * asking each head in turn. */
static size_t slot_above(struct topo *t, size_t c, size_t cur)
{
	for (size_t s = t->first; s != NOSLOT; s = t->next[s])
		if (s != cur && head_reaches(t, c, t->node[s]))
			return s;
	return NOSLOT;
}

/* The smallest slot other than `cur` whose head has c among its ancestors
 * (Alembic: the first j != i with c in anc[j]), or NOSLOT. */
static size_t head_above(struct topo *t, size_t c, size_t cur)
{
	size_t best = NOSLOT, visits = 0;
	size_t lowest = t->first == cur ? t->next[cur] : t->first; /* best possible */
	ald_stamps_next(&t->visit);
	t->visit.v[c] = t->visit.gen;
	t->stack.n = 0;
	ald_ixvec_push(&t->stack, c);
	while (t->stack.n && best != lowest) {
		if (visits > ald_toposort_walk_budget)
			return slot_above(t, c, cur);
		size_t x = t->stack.v[--t->stack.n];
		size_t w = t->cstart[x], k;
		for (k = w; k < t->cend[x]; k++) {
			size_t y = t->child[k];
			if (t->emitted[y]) { /* never again below a head: forget the edge */
				if (w == t->cstart[x])
					t->cstart[x] = w = k + 1; /* a leading hole: just skip it */
				continue;
			}
			t->child[w++] = y;
			if (t->visit.v[y] == t->visit.gen)
				continue;
			t->visit.v[y] = t->visit.gen;
			visits++;
			size_t s = t->slot_of[y];
			if (s != NOSLOT && s != cur && s < best)
				best = s;
			ald_ixvec_push(&t->stack, y);
			if (best == lowest) {
				k++;
				break;
			}
		}
		if (w != k) /* close the holes before the part not scanned */
			memmove(t->child + w, t->child + k, (t->cend[x] - k) * sizeof(size_t));
		t->cend[x] = w + (t->cend[x] - k);
	}
	return best;
}

/* One step with candidate slot `cur`; returns the next candidate slot. */
static size_t topo_step(struct topo *t, size_t cur, struct ald_ixvec *out)
{
	const struct ald_graph *g = t->g;
	size_t c = t->node[cur];
	if (t->alive > 1) {
		size_t j = head_above(t, c, cur);
		if (j != NOSLOT)
			return j;
	}
	if (t->pending[c]) {
		ald_ixvec_push(out, c);
		t->pending[c] = 0;
		t->emitted[c] = 1;
		t->remaining--;
	}
	const struct ald_graph_adj *nd = &g->index->norm_down;
	size_t nadd = 0;
	ALD_ADJ_FOR(nd, c, k) {
		size_t p = nd->v[k];
		if (!t->pending[p] || t->slot_of[p] != NOSLOT)
			continue;
		if (nadd == 0) { /* the slot moves down to its first new head */
			t->slot_of[c] = NOSLOT;
			t->node[cur] = p;
			t->slot_of[p] = cur;
		} else {
			slot_append(t, p);
		}
		nadd++;
	}
	if (nadd)
		return cur;
	size_t before = t->prev[cur];
	slot_remove(t, cur);
	return before != NOSLOT ? before : t->first;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return (x > y) - (x < y);
}

int ald_graph_toposort(const struct ald_graph *g, const unsigned char *todo,
		       const size_t *start, size_t nstart, struct ald_ixvec *out)
{
	size_t n = g->n;
	if (n == 0)
		return 0;
	struct topo t = {.g = g, .first = NOSLOT, .last = NOSLOT};
	t.pending = ald_xmalloc(n);
	t.emitted = ald_xcalloc(n, 1);
	t.slot_of = ald_xmalloc(n * sizeof(size_t));
	t.node = ald_xmalloc(n * sizeof(size_t));
	t.prev = ald_xmalloc(n * sizeof(size_t));
	t.next = ald_xmalloc(n * sizeof(size_t));
	for (size_t i = 0; i < n; i++) {
		t.pending[i] = todo[i] != 0;
		t.remaining += t.pending[i];
		t.slot_of[i] = NOSLOT;
	}
	/* start heads: distinct, in todo, in map order */
	size_t *heads = ald_xmalloc((nstart ? nstart : 1) * sizeof(size_t));
	size_t nheads = 0;
	unsigned char *live = ald_xcalloc(n, 1);
	for (size_t k = 0; k < nstart; k++) {
		if (start[k] < n && t.pending[start[k]] && !live[start[k]]) {
			live[start[k]] = 1;
			heads[nheads++] = start[k];
		}
	}
	qsort(heads, nheads, sizeof(*heads), cmp_size);
	memset(live, 0, n);
	ald_graph_ancestors(g, heads, nheads, 0, live);
	build_children(&t, live);
	reach_init(&t, live);
	free(live);
	ald_stamps_init(&t.visit, n);
	for (size_t k = 0; k < nheads; k++)
		slot_append(&t, heads[k]);
	free(heads);

	for (size_t cur = t.first; t.first != NOSLOT;)
		cur = topo_step(&t, cur, out);

	int err = 0;
	if (t.remaining) {
		size_t i = 0;
		while (!t.pending[i])
			i++;
		err = ald_error_set(ALD_ERROR, "Revision %s is not below any of the requested revisions",
				    g->revs[i].file.id);
	}
	ald_ixvec_free(&t.stack);
	ald_stamps_free(&t.visit);
	free(t.child);
	free(t.ostart);
	free(t.ochild);
	free(t.rank);
	free(t.sub);
	free(t.low);
	free(t.high);
	free(t.cend);
	free(t.cstart);
	free(t.node);
	free(t.prev);
	free(t.next);
	free(t.slot_of);
	free(t.emitted);
	free(t.pending);
	return err;
}
