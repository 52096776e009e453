/* graph.c - building the revision graph (§2.1, §2.2 of doc/alembic-compat.md),
 * its hash index of revision ids and label names, and lookups by key.
 *
 * Build steps, in the order Alembic meets the same errors: self-loops and
 * duplicate ids (file by file), branch labels, depends_on targets, down
 * revisions; then children, classification, cycles (graph_check.c),
 * normalised dependencies (graph_deps.c) and label propagation
 * (graph_labels.c).
 */
#include "graph_internal.h"
#include "error.h"

#include <stdlib.h>
#include <string.h>

void ald__stamps_init(struct ald_stamps *s, size_t n)
{
	s->v = ald__xcalloc(n ? n : 1, sizeof(*s->v));
	s->gen = 0;
	s->n = n;
}

void ald__stamps_next(struct ald_stamps *s)
{
	if (++s->gen == 0) { /* wrapped: clear once, restart */
		memset(s->v, 0, (s->n ? s->n : 1) * sizeof(*s->v));
		s->gen = 1;
	}
}

void ald__stamps_free(struct ald_stamps *s)
{
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

void ald__ixvec_assign(struct ald_ixvec *iv, const size_t *src, size_t n)
{
	free(iv->v);
	iv->v = NULL;
	iv->n = iv->cap = 0;
	if (n == 0)
		return;
	iv->v = ald__xmalloc(n * sizeof(*iv->v));
	memcpy(iv->v, src, n * sizeof(*iv->v));
	iv->n = iv->cap = n;
}

/* ---- the hash index ---------------------------------------------------- */

static uint64_t key_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ull;
	}
	return h ^ (h >> 29);
}

static void index_init(struct ald_graph_index *ix, size_t nkeys)
{
	size_t cap = 16;
	while (cap < 2 * nkeys)
		cap *= 2;
	ix->slots = ald__xcalloc(cap, sizeof(*ix->slots));
	ald__prefault(ix->slots, cap * sizeof(*ix->slots));
	ix->cap = cap;
	ix->used = 0;
}

static struct ald_graph_slot *index_slot(const struct ald_graph_index *ix, const char *key,
					 uint64_t h)
{
	size_t mask = ix->cap - 1;
	for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
		struct ald_graph_slot *s = &ix->slots[i];
		if (!s->key || (s->hash == h && ald__streq(s->key, key)))
			return s;
	}
}

static void index_grow(struct ald_graph_index *ix)
{
	struct ald_graph_slot *old = ix->slots;
	size_t oldcap = ix->cap;
	ix->cap *= 2;
	ix->slots = ald__xcalloc(ix->cap, sizeof(*ix->slots));
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].key)
			*index_slot(ix, old[i].key, old[i].hash) = old[i];
	free(old);
}

/* Inserts key -> val unless the key is present; returns the slot holding the
 * key (check its val to see whether it was inserted). */
static struct ald_graph_slot *index_put(struct ald_graph_index *ix, const char *key, size_t val)
{
	if (2 * (ix->used + 1) > ix->cap)
		index_grow(ix);
	uint64_t h = key_hash(key);
	struct ald_graph_slot *s = index_slot(ix, key, h);
	if (!s->key) {
		s->key = key;
		s->hash = h;
		s->val = val;
		ix->used++;
	}
	return s;
}

const struct ald_graph_slot *ald__graph_index_get(const struct ald_graph *g, const char *key)
{
	if (!g->index || g->index->cap == 0 || !key)
		return NULL;
	const struct ald_graph_slot *s = index_slot(g->index, key, key_hash(key));
	return s->key ? s : NULL;
}

/* The revision a slot designates. */
static size_t slot_rev(const struct ald_graph *g, const struct ald_graph_slot *s)
{
	if (s->val & ALD_GRAPH_LABEL_BIT)
		return g->labels[s->val & ~ALD_GRAPH_LABEL_BIT].rev;
	return s->val;
}

/* ---- build steps ------------------------------------------------------- */

/* Self-loops (Alembic checks them when it creates a revision) and duplicate
 * ids, revision by revision in map order. */
static int add_revisions(struct ald_graph *g)
{
	for (size_t i = 0; i < g->n; i++) {
		struct ald_revfile *f = &g->revs[i].file;
		if (!f->id || !*f->id)
			return ald__error_set(ALD_EINVALID, "%s: no revision id",
					     f->path ? f->path : "?");
		if (ald__strvec_contains(&f->down, f->id))
			return ald__error_set(ALD_ECYCLE, "Self-loop is detected in revisions (%s)", f->id);
		if (ald__strvec_contains(&f->depends, f->id))
			return ald__error_set(ALD_ECYCLE,
					     "Dependency self-loop is detected in revisions (%s)", f->id);
		struct ald_graph_slot *s = index_put(g->index, f->id, i);
		if (s->val != i)
			return ald__error_set(ALD_EINVALID, "Revision %s is present more than once: %s and %s",
					     f->id, g->revs[s->val].file.path, f->path);
	}
	return 0;
}

/* Branch labels in map order, then written order: each becomes a key. */
static int add_labels(struct ald_graph *g)
{
	size_t total = 0;
	for (size_t i = 0; i < g->n; i++)
		total += g->revs[i].file.labels.n;
	g->labels = ald__xcalloc(total ? total : 1, sizeof(*g->labels));
	for (size_t i = 0; i < g->n; i++) {
		const struct ald_strvec *lv = &g->revs[i].file.labels;
		for (size_t k = 0; k < lv->n; k++) {
			size_t li = g->n_labels;
			g->labels[li].name = ald__xstrdup(lv->v[k]);
			g->labels[li].rev = i;
			g->n_labels++;
			struct ald_graph_slot *s = index_put(g->index, g->labels[li].name,
							     li | ALD_GRAPH_LABEL_BIT);
			if (s->val != (li | ALD_GRAPH_LABEL_BIT))
				return ald__error_set(ALD_EINVALID,
						     "Branch name '%s' in revision %s already used by revision %s",
						     lv->v[k], g->revs[i].file.id,
						     g->revs[slot_rev(g, s)].file.id);
		}
	}
	return 0;
}

void ald__graph_adj_alloc(struct ald_graph_adj *a, size_t n, size_t total)
{
	a->start = ald__xmalloc((n + 1) * sizeof(size_t));
	a->end = ald__xmalloc((n + 1) * sizeof(size_t));
	a->v = ald__xmalloc((total ? total : 1) * sizeof(size_t));
}

void ald__graph_adj_free(struct ald_graph_adj *a)
{
	free(a->start);
	free(a->end);
	free(a->v);
	memset(a, 0, sizeof(*a));
}

/* depends_on entries: exact revision ids or label names; no duplicates kept. */
static int resolve_deps(struct ald_graph *g)
{
	struct ald_graph_adj *a = &g->index->deps;
	size_t total = 0, e = 0;
	for (size_t i = 0; i < g->n; i++)
		total += g->revs[i].file.depends.n;
	ald__graph_adj_alloc(a, g->n, total);
	for (size_t i = 0; i < g->n; i++) {
		const struct ald_revfile *f = &g->revs[i].file;
		a->start[i] = a->end[i] = e; /* end set before a failure: freeing stays sound */
		for (size_t k = 0; k < f->depends.n; k++) {
			const struct ald_graph_slot *s = ald__graph_index_get(g, f->depends.v[k]);
			if (!s)
				return ald__error_set(ALD_ENOTFOUND,
						     "%s:%u: Revision %s depends on '%s', which is not present",
						     f->path, f->depends_line, f->id, f->depends.v[k]);
			size_t d = slot_rev(g, s), dup = 0;
			for (size_t j = a->start[i]; j < e && !dup; j++)
				dup = a->v[j] == d;
			if (!dup)
				a->v[e++] = d;
		}
		a->end[i] = e;
	}
	return 0;
}

/* down_revision entries, as written: exact revision ids (a label name is not one). */
static int resolve_down(struct ald_graph *g)
{
	struct ald_graph_adj *a = &g->index->down;
	size_t total = 0, e = 0;
	for (size_t i = 0; i < g->n; i++)
		total += g->revs[i].file.down.n;
	ald__graph_adj_alloc(a, g->n, total);
	for (size_t i = 0; i < g->n; i++) {
		const struct ald_revfile *f = &g->revs[i].file;
		a->start[i] = a->end[i] = e;
		for (size_t k = 0; k < f->down.n; k++) {
			const struct ald_graph_slot *s = ald__graph_index_get(g, f->down.v[k]);
			if (!s || (s->val & ALD_GRAPH_LABEL_BIT))
				return ald__error_set(ALD_ENOTFOUND,
						     "%s:%u: Revision %s referenced from %s is not present",
						     f->path, f->down_line, f->down.v[k], f->id);
			a->v[e++] = s->val;
		}
		a->end[i] = e;
	}
	return 0;
}

/* Children lists (next: by down revision; all_next: by down revision or
 * dependency), in map order, each child once: counted, then filled. */
static void link_children(struct ald_graph *g)
{
	struct ald_graph_index *ix = g->index;
	size_t n = g->n;
	size_t *lastn = ald__xmalloc((n ? n : 1) * sizeof(size_t));
	size_t *lasta = ald__xmalloc((n ? n : 1) * sizeof(size_t));
	struct ald_graph_adj *next = &ix->next, *all = &ix->all_next;
	size_t ndown = n ? ix->down.end[n - 1] : 0, ndeps = n ? ix->deps.end[n - 1] : 0;
	ald__graph_adj_alloc(next, n, ndown);
	ald__graph_adj_alloc(all, n, ndown + ndeps);
	for (int pass = 0; pass < 2; pass++) {
		for (size_t p = 0; p < n; p++) {
			lastn[p] = lasta[p] = ALD_NOREV;
			if (pass == 0)
				next->end[p] = all->end[p] = 0;
		}
		for (size_t i = 0; i < n; i++) {
			for (int dep = 0; dep < 2; dep++) {
				const struct ald_graph_adj *par = dep ? &ix->deps : &ix->down;
				ALD_ADJ_FOR(par, i, k) {
					size_t p = par->v[k];
					if (!dep && lastn[p] != i) {
						lastn[p] = i;
						if (pass)
							next->v[next->end[p]] = i;
						next->end[p]++;
					}
					if (lasta[p] != i) {
						lasta[p] = i;
						if (pass)
							all->v[all->end[p]] = i;
						all->end[p]++;
					}
				}
			}
		}
		if (pass == 0) { /* counts -> offsets */
			size_t sn = 0, sa = 0;
			for (size_t p = 0; p < n; p++) {
				next->start[p] = sn;
				sn += next->end[p];
				next->end[p] = next->start[p];
				all->start[p] = sa;
				sa += all->end[p];
				all->end[p] = all->start[p];
			}
		}
	}
	free(lastn);
	free(lasta);
}

/* Flags and the head and base lists (§2.2), in map order. */
static void classify(struct ald_graph *g)
{
	const struct ald_graph_index *ix = g->index;
	for (size_t i = 0; i < g->n; i++) {
		struct ald_rev *r = &g->revs[i];
		size_t ndown = ix->down.end[i] - ix->down.start[i];
		size_t nnext = ix->next.end[i] - ix->next.start[i];
		size_t nall = ix->all_next.end[i] - ix->all_next.start[i];
		unsigned f = 0;
		if (ndown == 0)
			f |= ALD_REV_BASE;
		if (ndown == 0 && r->file.depends.n == 0)
			f |= ALD_REV_REAL_BASE;
		if (nnext == 0)
			f |= ALD_REV_HEAD;
		if (nall == 0)
			f |= ALD_REV_REAL_HEAD;
		if (nnext > 1)
			f |= ALD_REV_BRANCHPOINT;
		if (nall > 1)
			f |= ALD_REV_REAL_BRANCHPOINT;
		if (ndown > 1)
			f |= ALD_REV_MERGEPOINT;
		r->flags = f;
		if (f & ALD_REV_HEAD)
			ald__ixvec_push(&g->heads, i);
		if (f & ALD_REV_REAL_HEAD)
			ald__ixvec_push(&g->real_heads, i);
		if (f & ALD_REV_BASE)
			ald__ixvec_push(&g->bases, i);
		if (f & ALD_REV_REAL_BASE)
			ald__ixvec_push(&g->real_bases, i);
	}
}

/* Points a revision's list at its part of an adjacency (read-only: the
 * graph owns the array). */
static void expose(struct ald_ixvec *iv, const struct ald_graph_adj *a, size_t r)
{
	iv->n = iv->cap = a->end[r] - a->start[r];
	iv->v = iv->n ? a->v + a->start[r] : NULL;
}

static void expose_all(struct ald_graph *g)
{
	const struct ald_graph_index *ix = g->index;
	for (size_t i = 0; i < g->n; i++) {
		struct ald_rev *r = &g->revs[i];
		expose(&r->down, &ix->down, i);
		expose(&r->deps, &ix->deps, i);
		expose(&r->norm_deps, &ix->norm_deps, i);
		expose(&r->norm_down, &ix->norm_down, i);
		expose(&r->next, &ix->next, i);
		expose(&r->all_next, &ix->all_next, i);
	}
}

/* Builds the graph around g->revs (n entries whose files are set). */
static int build(struct ald_graph **out, struct ald_graph *g)
{
	int err;
	size_t n = g->n;
	for (size_t i = 0; i < n; i++)
		g->revs[i].pos = i;
	g->index = ald__xcalloc(1, sizeof(*g->index));
	index_init(g->index, n);

	if ((err = add_revisions(g)) < 0 || (err = add_labels(g)) < 0 ||
	    (err = resolve_deps(g)) < 0 || (err = resolve_down(g)) < 0)
		goto fail;
	link_children(g);
	classify(g);
	if ((err = ald__graph_check_cycles(g)) < 0)
		goto fail;
	ald__graph_normalize_deps(g);
	expose_all(g);
	ald__graph_propagate_labels(g);
	*out = g;
	return 0;
fail:
	ald__graph_free(g);
	return err;
}

int ald__graph_build(struct ald_graph **out, struct ald_revfile *files, size_t n)
{
	struct ald_graph *g = ald__xcalloc(1, sizeof(*g));
	*out = NULL;
	g->revs = ald__xcalloc(n ? n : 1, sizeof(*g->revs));
	g->n = n;
	for (size_t i = 0; i < n; i++) {
		g->revs[i].file = files[i];
		memset(&files[i], 0, sizeof(files[i]));
	}
	return build(out, g);
}

int ald__graph_build_revs(struct ald_graph **out, struct ald_rev *revs, size_t n)
{
	struct ald_graph *g = ald__xcalloc(1, sizeof(*g));
	*out = NULL;
	g->revs = revs ? revs : ald__xcalloc(1, sizeof(*g->revs));
	g->n = n;
	return build(out, g);
}

void ald__graph_free(struct ald_graph *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->n; i++) {
		struct ald_rev *r = &g->revs[i];
		ald__revfile_clear(&r->file);
	}
	free(g->revs);
	for (size_t i = 0; i < g->n_labels; i++)
		free(g->labels[i].name);
	free(g->labels);
	ald__ixvec_free(&g->heads);
	ald__ixvec_free(&g->real_heads);
	ald__ixvec_free(&g->bases);
	ald__ixvec_free(&g->real_bases);
	if (g->index) {
		free(g->index->slots);
		free(g->index->topo);
		ald__graph_adj_free(&g->index->down);
		ald__graph_adj_free(&g->index->deps);
		ald__graph_adj_free(&g->index->next);
		ald__graph_adj_free(&g->index->all_next);
		ald__graph_adj_free(&g->index->norm_deps);
		ald__graph_adj_free(&g->index->norm_down);
		ald__graph_labelsets_free(&g->index->labelsets);
		free(g->index);
	}
	free(g);
}

/* ---- lookups ----------------------------------------------------------- */

size_t ald__graph_find(const struct ald_graph *g, const char *key)
{
	const struct ald_graph_slot *s = ald__graph_index_get(g, key);
	return s ? slot_rev(g, s) : ALD_NOREV;
}

size_t ald__graph_find_label(const struct ald_graph *g, const char *name)
{
	const struct ald_graph_slot *s = ald__graph_index_get(g, name);
	if (!s || !(s->val & ALD_GRAPH_LABEL_BIT))
		return ALD_NOREV;
	return s->val & ~ALD_GRAPH_LABEL_BIT;
}

/* Whether `key` can be prefix-matched (longer than 3 characters) and starts
 * with `prefix`. */
static int prefix_match(const char *key, const char *prefix, size_t plen)
{
	return strlen(key) > 3 && strncmp(key, prefix, plen) == 0;
}

void ald__graph_prefix(const struct ald_graph *g, const char *prefix, struct ald_ixvec *out)
{
	size_t plen = strlen(prefix);
	unsigned char *seen = NULL;
	for (size_t i = 0; i < g->n; i++) {
		if (!prefix_match(g->revs[i].file.id, prefix, plen))
			continue;
		if (!seen)
			seen = ald__xcalloc(g->n, 1);
		seen[i] = 1;
		ald__ixvec_push(out, i);
	}
	for (size_t li = 0; li < g->n_labels; li++) {
		size_t r = g->labels[li].rev;
		if (!prefix_match(g->labels[li].name, prefix, plen))
			continue;
		if (!seen)
			seen = ald__xcalloc(g->n, 1);
		if (seen[r])
			continue;
		seen[r] = 1;
		ald__ixvec_push(out, r);
	}
	free(seen);
}
