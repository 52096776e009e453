/* graph_labels.c - branch label propagation (doc/alembic-compat.md §2.3).
 *
 * Revision R carries label x (declared on L) when
 *   1. L is R or a down-revision ancestor of R, or
 *   2. R lies on the walk below L: everything above L (next edges) is a simple
 *      chain with no real branch point and no merge point, and R is reached
 *      from L by following down revisions without meeting a real branch point
 *      or a merge point (R included; a base is included).
 * Rule 2 simplifies: if R is "clean" (no real branch point or merge point in
 * R and everything above it, which is then a chain), R receives every label
 * declared above it, and only then.
 *
 * Sets of labels are bitsets over label indexes (label order), shared between
 * revisions: a revision gets a new set only when it declares labels or merges
 * parents whose sets differ, so a chain of a thousand revisions under a
 * hundred labels costs a hundred sets, not a hundred thousand entries. Each
 * revision has two: `down` (rule 1) and `up` (rule 2); its labels are their
 * union.
 */
#include "graph_internal.h"

#include <stdlib.h>
#include <string.h>

static uint64_t *set_words(const struct ald_graph_labelsets *ls, size_t set)
{
	return ls->pool + (set - 1) * ls->words;
}

/* A new empty set at the end of the pool; returns its number (>= 1). */
static size_t set_new(struct ald_graph_labelsets *ls)
{
	size_t need = (ls->nsets + 1) * ls->words;
	ls->pool = ald__xgrow(ls->pool, &ls->cap, need, sizeof(*ls->pool));
	memset(ls->pool + ls->nsets * ls->words, 0, ls->words * sizeof(*ls->pool));
	return ++ls->nsets;
}

static void set_or(struct ald_graph_labelsets *ls, size_t dst, size_t src)
{
	uint64_t *d = set_words(ls, dst);
	const uint64_t *s = set_words(ls, src);
	for (size_t w = 0; w < ls->words; w++)
		d[w] |= s[w];
}

static void set_add_own(struct ald_graph_labelsets *ls, size_t dst, size_t first, size_t count)
{
	uint64_t *d = set_words(ls, dst);
	for (size_t l = first; l < first + count; l++)
		d[l / 64] |= (uint64_t)1 << (l % 64);
}

/* Rule 1, parents first: the union of the down revisions' sets and the
 * revision's own labels; a merge whose union equals one parent's set reuses it. */
static void inherit(struct ald_graph *g, struct ald_graph_labelsets *ls, const size_t *first)
{
	for (size_t t = 0; t < g->n; t++) {
		size_t i = g->index->topo[t];
		const struct ald_rev *r = &g->revs[i];
		size_t own = r->file.labels.n, nsets = 0, one = 0;
		for (size_t k = 0; k < r->down.n; k++) {
			size_t s = ls->down[r->down.v[k]];
			if (s && s != one) {
				nsets++;
				one = s;
			}
		}
		if (own == 0 && nsets <= 1) {
			/* (two equal sets in a row count once; others make a union) */
			ls->down[i] = one;
			continue;
		}
		size_t s = set_new(ls);
		for (size_t k = 0; k < r->down.n; k++)
			if (ls->down[r->down.v[k]])
				set_or(ls, s, ls->down[r->down.v[k]]);
		set_add_own(ls, s, first[i], own);
		ls->down[i] = s;
		if (own)
			continue;
		for (size_t k = 0; k < r->down.n; k++) {
			size_t p = ls->down[r->down.v[k]];
			if (p && memcmp(set_words(ls, p), set_words(ls, s), ls->words * sizeof(uint64_t)) == 0) {
				ls->nsets--; /* the last one: drop it */
				ls->down[i] = p;
				break;
			}
		}
	}
}

/* Rule 2, children first: clean[i] and, for clean revisions, the labels
 * declared strictly above. */
static void walk_labels(struct ald_graph *g, struct ald_graph_labelsets *ls, const size_t *first)
{
	unsigned char *clean = ald__xmalloc(g->n ? g->n : 1);
	for (size_t t = g->n; t-- > 0;) {
		size_t i = g->index->topo[t];
		const struct ald_rev *r = &g->revs[i];
		clean[i] = !(r->flags & (ALD_REV_REAL_BRANCHPOINT | ALD_REV_MERGEPOINT)) &&
			   (r->next.n == 0 || clean[r->next.v[0]]);
		if (!clean[i] || r->next.n == 0)
			continue;
		size_t c = r->next.v[0], own = g->revs[c].file.labels.n;
		if (own == 0) {
			ls->up[i] = ls->up[c];
			continue;
		}
		size_t s = set_new(ls);
		if (ls->up[c])
			set_or(ls, s, ls->up[c]);
		set_add_own(ls, s, first[c], own);
		ls->up[i] = s;
	}
	free(clean);
}

void ald__graph_propagate_labels(struct ald_graph *g)
{
	struct ald_graph_labelsets *ls = &g->index->labelsets;
	ls->words = (g->n_labels + 63) / 64;
	ls->down = ald__xcalloc(g->n ? g->n : 1, sizeof(*ls->down));
	ls->up = ald__xcalloc(g->n ? g->n : 1, sizeof(*ls->up));
	if (g->n_labels == 0)
		return;
	size_t *first = ald__xmalloc(g->n * sizeof(*first));
	for (size_t i = 0, li = 0; i < g->n; i++) {
		first[i] = li;
		li += g->revs[i].file.labels.n;
	}
	inherit(g, ls, first);
	walk_labels(g, ls, first);
	free(first);
}

void ald__graph_labelsets_free(struct ald_graph_labelsets *ls)
{
	free(ls->pool);
	free(ls->down);
	free(ls->up);
	memset(ls, 0, sizeof(*ls));
}

/* Word w of a revision's label set. */
static uint64_t label_word(const struct ald_graph *g, size_t rev, size_t w)
{
	const struct ald_graph_labelsets *ls = &g->index->labelsets;
	uint64_t x = 0;
	if (ls->down[rev])
		x |= set_words(ls, ls->down[rev])[w];
	if (ls->up[rev])
		x |= set_words(ls, ls->up[rev])[w];
	return x;
}

int ald__rev_has_label(const struct ald_graph *g, size_t rev, size_t label)
{
	if (rev >= g->n || label >= g->n_labels)
		return 0;
	return (label_word(g, rev, label / 64) >> (label % 64)) & 1;
}

size_t ald__rev_label_count(const struct ald_graph *g, size_t rev)
{
	if (rev >= g->n || g->n_labels == 0)
		return 0;
	size_t n = 0;
	for (size_t w = 0; w < g->index->labelsets.words; w++)
		n += (size_t)__builtin_popcountll(label_word(g, rev, w));
	return n;
}

size_t ald__rev_label_at(const struct ald_graph *g, size_t rev, size_t i)
{
	if (rev >= g->n || g->n_labels == 0)
		return ALD_NOREV;
	for (size_t w = 0; w < g->index->labelsets.words; w++) {
		uint64_t x = label_word(g, rev, w);
		size_t c = (size_t)__builtin_popcountll(x);
		if (i >= c) {
			i -= c;
			continue;
		}
		while (i--)
			x &= x - 1; /* drop the lowest bits until the i-th is lowest */
		return w * 64 + (size_t)__builtin_ctzll(x);
	}
	return ALD_NOREV;
}

void ald__rev_labels(const struct ald_graph *g, size_t rev, struct ald_ixvec *out)
{
	if (rev >= g->n || g->n_labels == 0)
		return;
	for (size_t w = 0; w < g->index->labelsets.words; w++)
		for (uint64_t x = label_word(g, rev, w); x; x &= x - 1)
			ald__ixvec_push(out, w * 64 + (size_t)__builtin_ctzll(x));
}
