/* graph_labels.c - branch label propagation (§2.3).
 *
 * A revision carries label x when x's declaring revision L is itself or one of
 * its down-revision ancestors (so the labels of a revision are the union of its
 * down revisions' labels and its own: one pass in topological order), and
 * also when it lies on the walk below L: if everything above L (next edges)
 * is a simple chain with no real branch point and no merge point in it, the
 * chain's revisions below L receive x too, down to the first real branch
 * point or merge point (excluded) or a base (included).
 *
 * Each list is sorted by label index, which is (declaring revision's map
 * position, written order). Cost: proportional to the lists' total length.
 */
#include "graph_internal.h"

#include <stdlib.h>
#include <string.h>

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return (x > y) - (x < y);
}

/* Sorts buf[0..n) and removes duplicates; returns the new length. */
static size_t sort_unique(size_t *buf, size_t n)
{
	if (n < 2)
		return n;
	qsort(buf, n, sizeof(*buf), cmp_size);
	size_t m = 1;
	for (size_t i = 1; i < n; i++)
		if (buf[i] != buf[m - 1])
			buf[m++] = buf[i];
	return m;
}

/* Step 1: the union of the down revisions' lists and the revision's own
 * labels (indexes first[r] .. first[r] + count - 1), parents first. */
static void inherit(struct ald_graph *g, const size_t *first)
{
	size_t *buf = NULL, cap = 0;
	for (size_t t = 0; t < g->n; t++) {
		size_t i = g->index->topo[t];
		struct ald_rev *r = &g->revs[i];
		size_t own = r->file.labels.n;
		if (r->down.n == 1 && own == 0) {
			const struct ald_ixvec *p = &g->revs[r->down.v[0]].labels;
			ald_ixvec_assign(&r->labels, p->v, p->n);
			continue;
		}
		size_t need = own;
		for (size_t k = 0; k < r->down.n; k++)
			need += g->revs[r->down.v[k]].labels.n;
		if (need == 0)
			continue;
		buf = ald_xgrow(buf, &cap, need, sizeof(*buf));
		size_t n = 0;
		for (size_t k = 0; k < r->down.n; k++) {
			const struct ald_ixvec *p = &g->revs[r->down.v[k]].labels;
			if (p->n)
				memcpy(buf + n, p->v, p->n * sizeof(*buf));
			n += p->n;
		}
		for (size_t k = 0; k < own; k++)
			buf[n++] = first[i] + k;
		n = r->down.n + (own ? 1 : 0) > 1 ? sort_unique(buf, n) : n;
		ald_ixvec_assign(&r->labels, buf, n);
	}
	free(buf);
}

/* Step 2: the walks below each labelled revision whose descendants form a
 * clean chain. `clean[i]`: everything from i upwards is a chain without a
 * real branch point or a merge point. */
static void walk_down(struct ald_graph *g, const size_t *first)
{
	unsigned char *clean = ald_xmalloc(g->n);
	for (size_t t = g->n; t-- > 0;) {
		size_t i = g->index->topo[t];
		const struct ald_rev *r = &g->revs[i];
		clean[i] = !(r->flags & (ALD_REV_REAL_BRANCHPOINT | ALD_REV_MERGEPOINT)) &&
			   (r->next.n == 0 || clean[r->next.v[0]]);
	}
	struct ald_ixvec *extra = NULL;
	for (size_t i = 0; i < g->n; i++) {
		const struct ald_rev *l = &g->revs[i];
		if (l->file.labels.n == 0 || !clean[i] || l->down.n == 0)
			continue;
		for (size_t p = l->down.v[0];;) {
			struct ald_rev *r = &g->revs[p];
			if (r->flags & (ALD_REV_REAL_BRANCHPOINT | ALD_REV_MERGEPOINT))
				break;
			if (!extra)
				extra = ald_xcalloc(g->n, sizeof(*extra));
			for (size_t k = 0; k < l->file.labels.n; k++)
				ald_ixvec_push(&extra[p], first[i] + k);
			if (r->down.n == 0)
				break;
			p = r->down.v[0];
		}
	}
	for (size_t i = 0; extra && i < g->n; i++) {
		if (extra[i].n == 0)
			continue;
		struct ald_rev *r = &g->revs[i];
		for (size_t k = 0; k < r->labels.n; k++)
			ald_ixvec_push(&extra[i], r->labels.v[k]);
		size_t n = sort_unique(extra[i].v, extra[i].n);
		ald_ixvec_assign(&r->labels, extra[i].v, n);
		ald_ixvec_free(&extra[i]);
	}
	free(extra);
	free(clean);
}

void ald_graph_propagate_labels(struct ald_graph *g)
{
	if (g->n_labels == 0)
		return;
	size_t *first = ald_xmalloc(g->n * sizeof(*first));
	for (size_t i = 0, li = 0; i < g->n; i++) {
		first[i] = li;
		li += g->revs[i].file.labels.n;
	}
	inherit(g, first);
	walk_down(g, first);
	free(first);
}
