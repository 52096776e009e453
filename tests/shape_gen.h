/* shape_gen.h - the graph shapes of bench/gen_projects.py --shape (tangled,
 * wide, deep) for the unit tests, as revision numbers: test_graph_order
 * makes revision files of them, test_lanes display orders. */
#ifndef ALD_TEST_SHAPE_GEN_H
#define ALD_TEST_SHAPE_GEN_H

#include <stddef.h>
#include <stdint.h>

enum shape { TANGLED, WIDE, DEEP };

/* Revision i's down revisions are down[i][0, n_down[i]), all below i. */
struct shape_edges {
	size_t n;
	size_t (*down)[3];
	size_t *n_down;
	size_t label_on[20]; /* label k is on this revision, or SIZE_MAX */
	size_t dep_of[30], dep_on[30]; /* depends_on edges, in the order drawn */
	size_t n_deps;
};

/* A small seeded generator (64-bit LCG, high bits): a number below k. */
size_t shape_rnd_below(uint64_t *x, size_t k);

/* Draws the shape from *x (left where the drawing ended): tangled extends a
 * random open head, branches off a random earlier revision, starts a base
 * (4% of the first 70%) or merges two or three random open heads; wide keeps
 * n / 25 open heads; deep is a main line with short side branches merged
 * back. Then 20 labels on distinct random revisions and 30 depends_on on
 * earlier ones (deep: 50 to 500 below), none a down revision or repeated.
 * *out is the caller's (shape_free). */
void shape_make(struct shape_edges *out, enum shape kind, size_t n, uint64_t *x);
void shape_free(struct shape_edges *s);

#endif
