/* graph.c - building the revision graph (§2.1, §2.2 of alembic-behaviour.md),
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

void ald_stamps_init(struct ald_stamps *s, size_t n)
{
	s->v = ald_xcalloc(n ? n : 1, sizeof(*s->v));
	s->gen = 0;
	s->n = n;
}

void ald_stamps_next(struct ald_stamps *s)
{
	if (++s->gen == 0) { /* wrapped: clear once, restart */
		memset(s->v, 0, (s->n ? s->n : 1) * sizeof(*s->v));
		s->gen = 1;
	}
}

void ald_stamps_free(struct ald_stamps *s)
{
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

void ald_ixvec_assign(struct ald_ixvec *iv, const size_t *src, size_t n)
{
	free(iv->v);
	iv->v = NULL;
	iv->n = iv->cap = 0;
	if (n == 0)
		return;
	iv->v = ald_xmalloc(n * sizeof(*iv->v));
	memcpy(iv->v, src, n * sizeof(*iv->v));
	iv->n = iv->cap = n;
}

/* Frees what a revision file owns (the graph's copy; see revfile.h). */
static void revfile_release(struct ald_revfile *rf)
{
	free(rf->path);
	free(rf->id);
	free(rf->doc);
	free(rf->message);
	free(rf->create_date);
	ald_strvec_free(&rf->down);
	ald_strvec_free(&rf->depends);
	ald_strvec_free(&rf->labels);
	memset(rf, 0, sizeof(*rf));
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
	ix->slots = ald_xcalloc(cap, sizeof(*ix->slots));
	ix->cap = cap;
	ix->used = 0;
}

static struct ald_graph_slot *index_slot(const struct ald_graph_index *ix, const char *key,
					 uint64_t h)
{
	size_t mask = ix->cap - 1;
	for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
		struct ald_graph_slot *s = &ix->slots[i];
		if (!s->key || (s->hash == h && ald_streq(s->key, key)))
			return s;
	}
}

static void index_grow(struct ald_graph_index *ix)
{
	struct ald_graph_slot *old = ix->slots;
	size_t oldcap = ix->cap;
	ix->cap *= 2;
	ix->slots = ald_xcalloc(ix->cap, sizeof(*ix->slots));
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

const struct ald_graph_slot *ald_graph_index_get(const struct ald_graph *g, const char *key)
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
			return ald_error_set(ALD_EINVALID, "%s: no revision id",
					     f->path ? f->path : "?");
		if (ald_strvec_contains(&f->down, f->id))
			return ald_error_set(ALD_ECYCLE, "Self-loop is detected in revisions (%s)", f->id);
		if (ald_strvec_contains(&f->depends, f->id))
			return ald_error_set(ALD_ECYCLE,
					     "Dependency self-loop is detected in revisions (%s)", f->id);
		struct ald_graph_slot *s = index_put(g->index, f->id, i);
		if (s->val != i)
			return ald_error_set(ALD_EINVALID, "Revision %s is present more than once: %s and %s",
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
	g->labels = ald_xcalloc(total ? total : 1, sizeof(*g->labels));
	for (size_t i = 0; i < g->n; i++) {
		const struct ald_strvec *lv = &g->revs[i].file.labels;
		for (size_t k = 0; k < lv->n; k++) {
			size_t li = g->n_labels;
			g->labels[li].name = ald_xstrdup(lv->v[k]);
			g->labels[li].rev = i;
			g->n_labels++;
			struct ald_graph_slot *s = index_put(g->index, g->labels[li].name,
							     li | ALD_GRAPH_LABEL_BIT);
			if (s->val != (li | ALD_GRAPH_LABEL_BIT))
				return ald_error_set(ALD_EINVALID,
						     "Branch name '%s' in revision %s already used by revision %s",
						     lv->v[k], g->revs[i].file.id,
						     g->revs[slot_rev(g, s)].file.id);
		}
	}
	return 0;
}

/* depends_on entries: exact revision ids or label names; no duplicates kept. */
static int resolve_deps(struct ald_graph *g)
{
	for (size_t i = 0; i < g->n; i++) {
		struct ald_rev *r = &g->revs[i];
		for (size_t k = 0; k < r->file.depends.n; k++) {
			const struct ald_graph_slot *s = ald_graph_index_get(g, r->file.depends.v[k]);
			if (!s)
				return ald_error_set(ALD_ENOTFOUND,
						     "%s:%u: Revision %s depends on '%s', which is not present",
						     r->file.path, r->file.depends_line, r->file.id,
						     r->file.depends.v[k]);
			size_t d = slot_rev(g, s);
			if (!ald_ixvec_contains(&r->deps, d))
				ald_ixvec_push(&r->deps, d);
		}
	}
	return 0;
}

/* down_revision entries: exact revision ids (a label name is not one). */
static int resolve_down(struct ald_graph *g)
{
	for (size_t i = 0; i < g->n; i++) {
		struct ald_rev *r = &g->revs[i];
		if (r->file.down.n == 0)
			continue;
		r->down.v = ald_xmalloc(r->file.down.n * sizeof(*r->down.v));
		r->down.cap = r->file.down.n;
		for (size_t k = 0; k < r->file.down.n; k++) {
			const struct ald_graph_slot *s = ald_graph_index_get(g, r->file.down.v[k]);
			if (!s || (s->val & ALD_GRAPH_LABEL_BIT))
				return ald_error_set(ALD_ENOTFOUND,
						     "%s:%u: Revision %s referenced from %s is not present",
						     r->file.path, r->file.down_line, r->file.down.v[k],
						     r->file.id);
			r->down.v[r->down.n++] = s->val;
		}
	}
	return 0;
}

/* Appends child c to v unless it is already its last element (children are
 * added in map order, so this removes every duplicate). */
static void push_child(struct ald_ixvec *v, size_t c)
{
	if (v->n && v->v[v->n - 1] == c)
		return;
	v->v[v->n++] = c;
}

/* next and all_next, in map order, allocated exactly. */
static void link_children(struct ald_graph *g)
{
	size_t *nnext = ald_xcalloc(g->n, sizeof(*nnext));
	size_t *nall = ald_xcalloc(g->n, sizeof(*nall));
	for (size_t i = 0; i < g->n; i++) {
		const struct ald_rev *r = &g->revs[i];
		for (size_t k = 0; k < r->down.n; k++) {
			nnext[r->down.v[k]]++;
			nall[r->down.v[k]]++;
		}
		for (size_t k = 0; k < r->deps.n; k++)
			nall[r->deps.v[k]]++;
	}
	for (size_t i = 0; i < g->n; i++) {
		struct ald_rev *r = &g->revs[i];
		if (nnext[i]) {
			r->next.v = ald_xmalloc(nnext[i] * sizeof(size_t));
			r->next.cap = nnext[i];
		}
		if (nall[i]) {
			r->all_next.v = ald_xmalloc(nall[i] * sizeof(size_t));
			r->all_next.cap = nall[i];
		}
	}
	for (size_t i = 0; i < g->n; i++) {
		const struct ald_rev *r = &g->revs[i];
		for (size_t k = 0; k < r->down.n; k++) {
			push_child(&g->revs[r->down.v[k]].next, i);
			push_child(&g->revs[r->down.v[k]].all_next, i);
		}
		for (size_t k = 0; k < r->deps.n; k++)
			push_child(&g->revs[r->deps.v[k]].all_next, i);
	}
	free(nnext);
	free(nall);
}

/* Flags and the head and base lists (§2.2), in map order. */
static void classify(struct ald_graph *g)
{
	for (size_t i = 0; i < g->n; i++) {
		struct ald_rev *r = &g->revs[i];
		unsigned f = 0;
		if (r->down.n == 0)
			f |= ALD_REV_BASE;
		if (r->down.n == 0 && r->file.depends.n == 0)
			f |= ALD_REV_REAL_BASE;
		if (r->next.n == 0)
			f |= ALD_REV_HEAD;
		if (r->all_next.n == 0)
			f |= ALD_REV_REAL_HEAD;
		if (r->next.n > 1)
			f |= ALD_REV_BRANCHPOINT;
		if (r->all_next.n > 1)
			f |= ALD_REV_REAL_BRANCHPOINT;
		if (r->down.n > 1)
			f |= ALD_REV_MERGEPOINT;
		r->flags = f;
		if (f & ALD_REV_HEAD)
			ald_ixvec_push(&g->heads, i);
		if (f & ALD_REV_REAL_HEAD)
			ald_ixvec_push(&g->real_heads, i);
		if (f & ALD_REV_BASE)
			ald_ixvec_push(&g->bases, i);
		if (f & ALD_REV_REAL_BASE)
			ald_ixvec_push(&g->real_bases, i);
	}
}

int ald_graph_build(struct ald_graph **out, struct ald_revfile *files, size_t n)
{
	struct ald_graph *g = ald_xcalloc(1, sizeof(*g));
	int err;

	*out = NULL;
	g->revs = ald_xcalloc(n ? n : 1, sizeof(*g->revs));
	g->n = n;
	for (size_t i = 0; i < n; i++) {
		g->revs[i].file = files[i];
		memset(&files[i], 0, sizeof(files[i]));
		g->revs[i].pos = i;
	}
	g->index = ald_xcalloc(1, sizeof(*g->index));
	index_init(g->index, n);

	if ((err = add_revisions(g)) < 0 || (err = add_labels(g)) < 0 ||
	    (err = resolve_deps(g)) < 0 || (err = resolve_down(g)) < 0)
		goto fail;
	link_children(g);
	classify(g);
	if ((err = ald_graph_check_cycles(g)) < 0)
		goto fail;
	ald_graph_normalize_deps(g);
	ald_graph_propagate_labels(g);
	*out = g;
	return 0;
fail:
	ald_graph_free(g);
	return err;
}

void ald_graph_free(struct ald_graph *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->n; i++) {
		struct ald_rev *r = &g->revs[i];
		revfile_release(&r->file);
		ald_ixvec_free(&r->down);
		ald_ixvec_free(&r->deps);
		ald_ixvec_free(&r->norm_deps);
		ald_ixvec_free(&r->norm_down);
		ald_ixvec_free(&r->next);
		ald_ixvec_free(&r->all_next);
		ald_ixvec_free(&r->labels);
	}
	free(g->revs);
	for (size_t i = 0; i < g->n_labels; i++)
		free(g->labels[i].name);
	free(g->labels);
	ald_ixvec_free(&g->heads);
	ald_ixvec_free(&g->real_heads);
	ald_ixvec_free(&g->bases);
	ald_ixvec_free(&g->real_bases);
	if (g->index) {
		free(g->index->slots);
		free(g->index->topo);
		ald_graph_labelsets_free(&g->index->labelsets);
		free(g->index);
	}
	free(g);
}

/* ---- lookups ----------------------------------------------------------- */

size_t ald_graph_find(const struct ald_graph *g, const char *key)
{
	const struct ald_graph_slot *s = ald_graph_index_get(g, key);
	return s ? slot_rev(g, s) : ALD_NOREV;
}

size_t ald_graph_find_label(const struct ald_graph *g, const char *name)
{
	const struct ald_graph_slot *s = ald_graph_index_get(g, name);
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

void ald_graph_prefix(const struct ald_graph *g, const char *prefix, struct ald_ixvec *out)
{
	size_t plen = strlen(prefix);
	unsigned char *seen = NULL;
	for (size_t i = 0; i < g->n; i++) {
		if (!prefix_match(g->revs[i].file.id, prefix, plen))
			continue;
		if (!seen)
			seen = ald_xcalloc(g->n, 1);
		seen[i] = 1;
		ald_ixvec_push(out, i);
	}
	for (size_t li = 0; li < g->n_labels; li++) {
		size_t r = g->labels[li].rev;
		if (!prefix_match(g->labels[li].name, prefix, plen))
			continue;
		if (!seen)
			seen = ald_xcalloc(g->n, 1);
		if (seen[r])
			continue;
		seen[r] = 1;
		ald_ixvec_push(out, r);
	}
	free(seen);
}
