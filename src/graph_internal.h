/* graph_internal.h - what the graph's source files share and nobody else uses:
 * the private part of struct ald_graph (hash index, topological order) and the
 * build steps that live in their own files.
 */
#ifndef ALD_GRAPH_INTERNAL_H
#define ALD_GRAPH_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "graph.h"

/* One slot of the open-addressing table: key == NULL means empty. */
struct ald_graph_slot {
	const char *key; /* borrowed from a revision's id or a label's name */
	uint64_t hash;
	size_t val;      /* revision index, or label index | ALD_GRAPH_LABEL_BIT */
};

#define ALD_GRAPH_LABEL_BIT (((size_t)-1 >> 1) + 1)

/* Shared label sets (graph_labels.c): bitsets of `words` words over label
 * indexes; set number s >= 1 starts at pool[(s - 1) * words]; 0 = empty. */
struct ald_graph_labelsets {
	size_t words;
	uint64_t *pool;
	size_t nsets, cap;
	size_t *down; /* per revision: labels declared on it and its down-ancestors */
	size_t *up;   /* per revision: labels reaching it by the walk below a label */
};

/* One kind of edge for every revision, in one array: the neighbours of r are
 * v[start[r]] .. v[end[r] - 1]. Walks use these (compact, no pointer per
 * revision); the ixvecs of struct ald_rev point into them. */
struct ald_graph_adj {
	size_t *start, *end, *v;
};

#define ALD_ADJ_FOR(a, r, k) for (size_t k = (a)->start[r]; k < (a)->end[r]; k++)

struct ald_graph_index {
	struct ald_graph_slot *slots;
	size_t cap;   /* a power of two, or 0 */
	size_t used;
	size_t *topo; /* every revision after its down revisions and dependencies (g->n entries) */
	struct ald_graph_adj down, deps, next, all_next, norm_deps, norm_down;
	struct ald_graph_labelsets labelsets;
};

/* Allocates an adjacency for n revisions and `total` edges (start/end unset). */
void ald__graph_adj_alloc(struct ald_graph_adj *a, size_t n, size_t total);
void ald__graph_adj_free(struct ald_graph_adj *a);

/* The index's entry for `key`, or NULL. */
const struct ald_graph_slot *ald__graph_index_get(const struct ald_graph *g, const char *key);

/* doc/alembic-compat.md §2.4: the cycle checks of Alembic, in its order and with its messages, then
 * a complete check (Alembic misses some cycles); fills g->index->topo. */
int ald__graph_check_cycles(struct ald_graph *g);

/* §2.1: fills the norm_deps and norm_down adjacencies. Needs g->index->topo. */
void ald__graph_normalize_deps(struct ald_graph *g);

/* §2.3: computes the label sets and fills every revision's `labels`. Needs
 * g->index->topo. */
void ald__graph_propagate_labels(struct ald_graph *g);
void ald__graph_labelsets_free(struct ald_graph_labelsets *ls);

/* A "visited" stamp array: stamp[i] == gen means visited in the current round,
 * so that rounds need no clearing. */
struct ald_stamps {
	uint32_t *v;
	uint32_t gen;
	size_t n;
};
void ald__stamps_init(struct ald_stamps *s, size_t n);
/* Starts a new round (everything unvisited). */
void ald__stamps_next(struct ald_stamps *s);
void ald__stamps_free(struct ald_stamps *s);

/* Sets the vector to a copy of `n` indexes, allocating exactly. */
void ald__ixvec_assign(struct ald_ixvec *iv, const size_t *src, size_t n);

#endif
