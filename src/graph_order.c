/* graph_order.c - ancestry walks and the topological sort of doc/alembic-compat.md §4.1-4.2.
 *
 * The sort reproduces Alembic's choices exactly. Alembic keeps a list of
 * heads, each with its full ancestor set, and a candidate index; at each step
 * it moves to the first other head that has the candidate among its
 * ancestors, or else emits the candidate and puts its new parents in its
 * place (and at the list's end). Recomputing the sets is O(merges x n).
 *
 * Here the heads list is a linked list of slots whose order is the creation
 * order of the slots (a slot keeps its place when its head moves down, new
 * ones are appended), so "first" is "smallest slot number". The question "the
 * smallest slot other than the candidate's whose head has the candidate c
 * among its ancestors" is answered from labels kept on the revisions not yet
 * emitted (alive): lab[x] = the smallest slot whose head is x or lies above x
 * through alive revisions. A head above c reaches c through alive revisions
 * only (everything above an emitted revision is emitted: when a revision is
 * emitted no other head lies above it, and heads only move down), and that
 * path leaves c through an alive child, so the answer is the minimum of
 * lab[] over c's alive children (the candidate's own slot cannot be among
 * them: its head is c). No such child: c is emitted.
 *
 * Emitting c changes the labels of c's parents only (c leaves their
 * children, a parent may get a slot); a parent whose label changes passes
 * the change to its own parents, and so on. The changed revisions are
 * recomputed children first (a set of topological ranks taken largest
 * first, see rankset_init), so each is recomputed once per emission, in
 * O(its children + log n). So the cost is
 * O((V + E) log V) plus that of the label changes: each change costs the
 * revision's children and queues its parents. A label only grows (a slot's
 * ancestor set only shrinks as its head moves down, and a new slot gets a
 * larger number than any existing one), and it changes only when the
 * smallest slot above a revision stops being above it: at most once per
 * slot that is ever above it. That is the bound; it is not O(log V) per
 * revision in the worst case (a long line below many slots that end in
 * increasing order, each ending passing down the whole line), but the walk
 * always turns to the smallest slot above the candidate, so the smallest
 * slot above a region is usually the one that comes down through it and
 * keeps the region's label until it has emitted it. Measured: 10 changes per
 * revision on the tangled shape of bench/gen_projects.py at 10,000
 * revisions, 17 at 100,000; 0.5 and 2 on the wide and deep shapes at 10,000
 * (Alembic's own sort recomputes whole ancestor sets at every merge).
 */
#include "graph_internal.h"
#include "error.h"

#include <stdint.h>
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
	unsigned char *seen = ald__xcalloc(g->n, 1);
	size_t *stack = ald__xmalloc(g->n * sizeof(*stack));
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

void ald__graph_ancestors(const struct ald_graph *g, const size_t *start, size_t nstart,
			 int versioned_only, unsigned char *mark)
{
	walk(g, start, nstart, 0, versioned_only, mark);
}

void ald__graph_descendants(const struct ald_graph *g, const size_t *start, size_t nstart,
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

int ald__graph_shares_lineage(const struct ald_graph *g, size_t x, size_t q, int with_deps)
{
	if (x >= g->n || q >= g->n)
		return 0;
	if (x == q)
		return 1;
	unsigned char *seen = ald__xmalloc(g->n);
	size_t *stack = ald__xmalloc(g->n * sizeof(*stack));
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
			ald__buf_puts(&b, ", ");
		ald__buf_puts(&b, g->revs[i].file.id);
	}
	int err = ald__error_set(ALD_EINVALID,
				"Requested revision %s overlaps with other requested revisions %s",
				g->revs[x].file.id, ald__buf_cstr(&b));
	ald__buf_free(&b);
	return err;
}

/* Alembic's checked walk: the targets in order share one "seen" set; a walk
 * that pops another target (seen or not) is an overlap. */
int ald__graph_ancestors_checked(const struct ald_graph *g, const size_t *revs, size_t n,
				unsigned char *mark)
{
	if (g->n == 0 || n == 0)
		return 0;
	const struct ald_graph_adj *e = &g->index->norm_down;
	unsigned char *seen = ald__xcalloc(g->n, 1);
	unsigned char *target = ald__xcalloc(g->n, 1);
	unsigned char *hit = ald__xcalloc(g->n, 1);
	struct ald_ixvec stack = {0}; /* a revision can be pushed once per child */
	int err = 0;
	for (size_t k = 0; k < n; k++)
		target[revs[k]] = 1;
	for (size_t k = 0; k < n && err == 0; k++) {
		size_t x = revs[k], nhit = 0;
		ald__ixvec_push(&stack, x);
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
					ald__ixvec_push(&stack, e->v[j]);
		}
		if (nhit)
			err = overlap_error(g, x, hit);
	}
	ald__ixvec_free(&stack);
	free(hit);
	free(target);
	free(seen);
	return err;
}

/* ---- the topological sort (§4.2) --------------------------------------- */

/* Revision and slot numbers of the sort are 32 bits: the per-revision
 * record is then 24 bytes, not 56, and at 100,000 revisions the sort's
 * random reads stay in the CPU's caches far more often (ald__graph_toposort
 * refuses a graph of 2^32 - 1 revisions or more; its ordering edges, at most
 * a few per revision, are then fewer than 2^32 too). */
typedef uint32_t tix;
#define NOSLOT UINT32_MAX

/* What the sort keeps per revision, in one place: a relabelling touches a
 * revision's label, children range and flags together. The sort numbers
 * revisions by their rank in g->index->topo (parents first), not by their
 * place in the map: a revision's parents and children then lie near it, and
 * at 100,000 revisions most of the sort's reads were cache misses when
 * they were spread over the map order. */
struct tv {
	tix lab;           /* live: the smallest slot at or above it, or NOSLOT */
	tix slot;          /* its slot, or NOSLOT */
	tix cstart, cend;  /* its children in topo.child; emitted ones skipped */
	unsigned char pending, emitted, live, queued;
};

/* A set of ranks with summary levels (see rankset_init): 64^6 > 2^32. */
#define RANK_LEVELS 6
struct rankset {
	uint64_t *w[RANK_LEVELS];
	int levels;
};

struct topo {
	const struct ald_graph *g;
	struct tv *v;
	size_t remaining; /* pending revisions */
	/* the heads: slots in a linked list, list order == slot number order */
	tix *node, *prev, *next; /* n slots: a revision becomes a head at most once */
	tix nslots, first, last;
	/* norm_down edges by rank: x's parents are par[pstart[x], pstart[x + 1]) */
	tix *pstart, *par;
	/* reverse norm_down edges among the ancestors of the start heads (live) */
	tix *child;
	/* the revisions to recompute, taken largest rank (children) first */
	struct rankset queue;
	size_t nqueued;
};

static void slot_append(struct topo *t, tix rev)
{
	tix s = t->nslots++;
	t->node[s] = rev;
	t->prev[s] = t->last;
	t->next[s] = NOSLOT;
	if (t->last != NOSLOT)
		t->next[t->last] = s;
	else
		t->first = s;
	t->last = s;
	t->v[rev].slot = s;
}

static void slot_remove(struct topo *t, tix s)
{
	if (t->prev[s] != NOSLOT)
		t->next[t->prev[s]] = t->next[s];
	else
		t->first = t->next[s];
	if (t->next[s] != NOSLOT)
		t->prev[t->next[s]] = t->prev[s];
	else
		t->last = t->prev[s];
	t->v[t->node[s]].slot = NOSLOT;
}

/* Reverse norm_down adjacency of the live revisions (an ancestor-closed
 * set), by rank. */
static void build_children(struct topo *t)
{
	size_t n = t->g->n, nedges = 0;
	struct tv *v = t->v;
	for (size_t y = 0; y < n; y++) {
		if (!v[y].live)
			continue;
		for (tix k = t->pstart[y]; k < t->pstart[y + 1]; k++)
			v[t->par[k]].cend++;
		nedges += t->pstart[y + 1] - t->pstart[y];
	}
	for (size_t x = 0, at = 0; x < n; x++) {
		v[x].cstart = (tix)at;
		at += v[x].cend;
		v[x].cend = v[x].cstart;
	}
	t->child = ald__xmalloc((nedges ? nedges : 1) * sizeof(*t->child));
	for (size_t y = 0; y < n; y++) {
		if (!v[y].live)
			continue;
		for (tix k = t->pstart[y]; k < t->pstart[y + 1]; k++)
			t->child[v[t->par[k]].cend++] = (tix)y;
	}
}

/* The smallest label among x's alive children (NOSLOT: none lies below a
 * head). Emitted children are moved to the front of x's range and skipped
 * from then on, so each edge is dropped once. */
static tix children_min(struct topo *t, tix x)
{
	struct tv *vx = &t->v[x];
	tix m = NOSLOT;
	for (tix k = vx->cstart; k < vx->cend; k++) {
		tix y = t->child[k];
		if (t->v[y].emitted) {
			t->child[k] = t->child[vx->cstart];
			t->child[vx->cstart++] = y;
			continue;
		}
		if (t->v[y].lab < m)
			m = t->v[y].lab;
	}
	return m;
}

/* The revisions queued for recomputation are a set of ranks: a bit per rank,
 * and above it levels of summary words (a bit per non-zero word of the level
 * below), so the largest rank is found reading one word per level (3 at
 * 100,000 revisions) and a push sets at most one bit per level. A binary
 * heap cost 20 levels of comparisons per pop at that size, the sort's
 * largest single cost. */
static void rankset_init(struct rankset *q, size_t n)
{
	size_t words = (n + 63) / 64;
	q->levels = 0;
	for (;;) {
		q->w[q->levels++] = ald__xcalloc(words ? words : 1, sizeof(uint64_t));
		if (words <= 1)
			break;
		words = (words + 63) / 64;
	}
}

static void rankset_free(struct rankset *q)
{
	for (int l = 0; l < q->levels; l++)
		free(q->w[l]);
}

static void queue_push(struct topo *t, tix x)
{
	struct tv *vx = &t->v[x];
	if (vx->queued || !vx->live || vx->emitted)
		return;
	vx->queued = 1;
	t->nqueued++;
	size_t r = x;
	for (int l = 0; l < t->queue.levels; l++) {
		uint64_t *w = &t->queue.w[l][r / 64], was = *w;
		*w = was | (uint64_t)1 << (r % 64);
		if (was)
			break; /* the levels above already say this word is not empty */
		r /= 64;
	}
}

/* The queued revision of largest rank (children before parents), taken out. */
static tix queue_pop(struct topo *t)
{
	struct rankset *q = &t->queue;
	size_t r = 0;
	for (int l = q->levels; l-- > 0;)
		r = r * 64 + (size_t)(63 - __builtin_clzll(q->w[l][r]));
	size_t k = r;
	for (int l = 0; l < q->levels; l++) {
		uint64_t *w = &q->w[l][k / 64];
		*w &= ~((uint64_t)1 << (k % 64));
		if (*w)
			break;
		k /= 64;
	}
	t->nqueued--;
	t->v[r].queued = 0;
	return (tix)r;
}

/* Recomputes the queued labels, children first; a changed label queues
 * those of the revision's parents it gave their label to. A label only
 * grows, so a parent whose label is smaller than x's old one has it from
 * elsewhere and keeps it; one whose label equals it may lose it. (A parent
 * not queued holds the minimum of its children's labels and its slot:
 * true at the start, and kept by this rule.) */
static void relabel(struct topo *t)
{
	while (t->nqueued) {
		tix x = queue_pop(t);
		tix m = children_min(t, x);
		if (t->v[x].slot < m)
			m = t->v[x].slot;
		tix old = t->v[x].lab;
		if (m == old)
			continue;
		t->v[x].lab = m;
		for (tix k = t->pstart[x]; k < t->pstart[x + 1]; k++) {
			tix p = t->par[k];
			if (t->v[p].lab == old || m < old) /* (m < old does not happen; kept safe) */
				queue_push(t, p);
		}
	}
}

/* One step with candidate slot `cur`; returns the next candidate slot. */
static tix topo_step(struct topo *t, tix cur, struct ald_ixvec *out)
{
	tix c = t->node[cur];
	tix j = children_min(t, c); /* the smallest slot strictly above c */
	if (j != NOSLOT)
		return j;
	struct tv *vc = &t->v[c];
	if (vc->pending) {
		ald__ixvec_push(out, t->g->index->topo[c]);
		vc->pending = 0;
		t->remaining--;
	}
	vc->emitted = 1;
	size_t nadd = 0;
	for (tix k = t->pstart[c]; k < t->pstart[c + 1]; k++) {
		tix p = t->par[k];
		queue_push(t, p); /* c leaves its children */
		if (!t->v[p].pending || t->v[p].slot != NOSLOT)
			continue;
		if (nadd == 0) { /* the slot moves down to its first new head */
			vc->slot = NOSLOT;
			t->node[cur] = p;
			t->v[p].slot = cur;
		} else {
			slot_append(t, p);
		}
		nadd++;
	}
	tix next = cur;
	if (nadd == 0) {
		tix before = t->prev[cur];
		slot_remove(t, cur);
		next = before != NOSLOT ? before : t->first;
	}
	relabel(t);
	return next;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return (x > y) - (x < y);
}

/* The labels of the start heads' slots over every live revision, children
 * first. */
static void label_init(struct topo *t)
{
	for (size_t k = t->g->n; k-- > 0;) {
		tix x = (tix)k;
		if (!t->v[x].live)
			continue;
		tix m = children_min(t, x);
		t->v[x].lab = t->v[x].slot < m ? t->v[x].slot : m;
	}
}

int ald__graph_toposort(const struct ald_graph *g, const unsigned char *todo,
		       const size_t *start, size_t nstart, struct ald_ixvec *out)
{
	size_t n = g->n;
	if (n == 0)
		return 0;
	if (n >= NOSLOT)
		return ald__error_set(ALD_ERROR, "%zu revisions: more than the sort can number", n);
	struct topo t = {.g = g, .first = NOSLOT, .last = NOSLOT};
	const size_t *topo = g->index->topo;
	const struct ald_graph_adj *nd = &g->index->norm_down;
	size_t sz = n * sizeof(tix);
	tix *rank = ald__xmalloc(sz); /* map order -> rank */
	for (size_t r = 0; r < n; r++)
		rank[topo[r]] = (tix)r;
	size_t nedges = 0;
	for (size_t i = 0; i < n; i++)
		nedges += nd->end[i] - nd->start[i];
	t.pstart = ald__xmalloc((n + 1) * sizeof(tix));
	t.par = ald__xmalloc((nedges ? nedges : 1) * sizeof(tix));
	for (size_t r = 0, at = 0; r < n; r++) {
		t.pstart[r] = (tix)at;
		ALD_ADJ_FOR(nd, topo[r], k) /* in their order: it chooses which parent keeps the slot */
			t.par[at++] = rank[nd->v[k]];
		t.pstart[r + 1] = (tix)at;
	}
	t.v = ald__xcalloc(n, sizeof(*t.v));
	t.node = ald__xmalloc(sz);
	t.prev = ald__xmalloc(sz);
	t.next = ald__xmalloc(sz);
	rankset_init(&t.queue, n);
	for (size_t r = 0; r < n; r++) {
		t.v[r].pending = todo[topo[r]] != 0;
		t.remaining += t.v[r].pending;
		t.v[r].slot = NOSLOT;
		t.v[r].lab = NOSLOT;
	}
	/* start heads: distinct, in todo, in map order */
	size_t *heads = ald__xmalloc((nstart ? nstart : 1) * sizeof(size_t));
	unsigned char *live = ald__xcalloc(n, 1);
	size_t nheads = 0;
	for (size_t k = 0; k < nstart; k++) {
		if (start[k] < n && todo[start[k]] && !live[start[k]]) {
			live[start[k]] = 1;
			heads[nheads++] = start[k];
		}
	}
	qsort(heads, nheads, sizeof(*heads), cmp_size);
	memset(live, 0, n);
	ald__graph_ancestors(g, heads, nheads, 0, live);
	for (size_t r = 0; r < n; r++)
		t.v[r].live = live[topo[r]];
	free(live);
	build_children(&t);
	for (size_t k = 0; k < nheads; k++)
		slot_append(&t, rank[heads[k]]);
	free(heads);
	label_init(&t);

	for (tix cur = t.first; t.first != NOSLOT;)
		cur = topo_step(&t, cur, out);

	int err = 0;
	if (t.remaining) { /* the first left, in map order */
		size_t i = 0;
		while (!t.v[rank[i]].pending)
			i++;
		err = ald__error_set(ALD_ERROR, "Revision %s is not below any of the requested revisions",
				    g->revs[i].file.id);
	}
	free(t.child);
	free(t.pstart);
	free(t.par);
	free(rank);
	rankset_free(&t.queue);
	free(t.node);
	free(t.prev);
	free(t.next);
	free(t.v);
	return err;
}
