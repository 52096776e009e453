/* graph.h - the revision graph of libaludel, with Alembic 1.8's semantics.
 *
 * Revisions are stored in "map order" (the order the files were read: each
 * version folder in turn, its files sorted by name) and referred to by their
 * index in that order. All the lists below hold indexes, in map order unless
 * said otherwise. The graph owns everything it holds.
 *
 * Behaviour reference: doc/alembic-compat.md §2 (model), §4 (ordering).
 */
#ifndef ALD_GRAPH_H
#define ALD_GRAPH_H

#include <stddef.h>
#include <stdint.h>

#include "revision_file.h"
#include "util.h"

#define ALD_NOREV SIZE_MAX /* "no revision": base, or not found */

/* Classification flags of a revision (§2.2). */
enum {
	ALD_REV_BASE = 1u << 0,            /* no down revision */
	ALD_REV_REAL_BASE = 1u << 1,       /* base and no depends_on */
	ALD_REV_HEAD = 1u << 2,            /* versioned head: no down-revision children */
	ALD_REV_REAL_HEAD = 1u << 3,       /* nothing has it as down revision or dependency */
	ALD_REV_BRANCHPOINT = 1u << 4,     /* two or more down-revision children */
	ALD_REV_REAL_BRANCHPOINT = 1u << 5,/* two or more children counting dependents */
	ALD_REV_MERGEPOINT = 1u << 6,      /* two or more down revisions */
};

/* The index lists below (down .. all_next) point into arrays the graph owns:
 * read them, never push to or free them. */
struct ald_rev {
	struct ald_revfile file;   /* id, path, doc, message, lists as written; owned */
	size_t pos;                /* index in map order (== its index in graph->revs) */
	unsigned flags;            /* ALD_REV_* */
	struct ald_ixvec down;     /* down revisions, in written order */
	struct ald_ixvec deps;     /* depends_on resolved (a label -> its revision), written order, no duplicates */
	struct ald_ixvec norm_deps;/* deps minus those that are deps of a down-ancestor (§2.1), written order */
	struct ald_ixvec norm_down;/* down followed by norm_deps, no duplicates: the ordering parents */
	struct ald_ixvec next;     /* down-revision children, map order */
	struct ald_ixvec all_next; /* children by down revision or dependency, map order */
	/* propagated branch labels (§2.3): ald__rev_label_count/_at/ald__rev_labels */
};

struct ald_label {
	char *name; /* owned */
	size_t rev; /* the revision that declares it */
};

struct ald_graph_index; /* hash index of keys (revision ids and label names); private to graph.c */

struct ald_graph {
	struct ald_rev *revs;      /* map order; owned */
	size_t n;
	struct ald_label *labels;  /* in declaration order (map order, then written order); owned */
	size_t n_labels;
	struct ald_ixvec heads;      /* versioned heads */
	struct ald_ixvec real_heads; /* real heads */
	struct ald_ixvec bases;      /* bases */
	struct ald_ixvec real_bases; /* real bases */
	struct ald_graph_index *index;
};

/* Builds the graph from `n` parsed files given in map order. Ownership of every
 * file's contents passes to the graph (the array's structs are zeroed), also on
 * failure (then they are freed). Errors (each naming the file and line where
 * known): a duplicate revision id (naming both files), a down revision or
 * depends_on naming a missing revision or label, a branch label already used
 * (Alembic's "Branch name 'x' in revision A already used by revision B"),
 * cycles (§2.4's exact messages). */
int ald__graph_build(struct ald_graph **out, struct ald_revfile *files, size_t n);
/* The same from a heap array of revisions of which only .file is set (the
 * rest zeroed), which the graph takes: a scan reads straight into it. */
int ald__graph_build_revs(struct ald_graph **out, struct ald_rev *revs, size_t n);
void ald__graph_free(struct ald_graph *g);

/* Exact lookup of a revision id or a branch label name: the revision's index or
 * ALD_NOREV. */
size_t ald__graph_find(const struct ald_graph *g, const char *key);
/* The label's index if `name` is a branch label name, else ALD_NOREV. */
size_t ald__graph_find_label(const struct ald_graph *g, const char *name);
/* Prefix candidates (§3.3): the revisions whose id, or one of whose declared
 * label names, is longer than 3 characters and starts with `prefix`; revision
 * ids first in map order, then label names in label order; no duplicates.
 * Appends to *out. */
void ald__graph_prefix(const struct ald_graph *g, const char *prefix, struct ald_ixvec *out);
/* Whether revision `rev` carries (by propagation) label `label`. O(1). */
int ald__rev_has_label(const struct ald_graph *g, size_t rev, size_t label);
/* The labels revision `rev` carries, as rev->labels holds them, without
 * needing that list (it costs labels x revisions memory on label-heavy
 * graphs and may go): how many; the i-th (label index, or ALD_NOREV past the
 * end); all of them appended to *out. Each costs O(n_labels / 64). */
size_t ald__rev_label_count(const struct ald_graph *g, size_t rev);
size_t ald__rev_label_at(const struct ald_graph *g, size_t rev, size_t i);
void ald__rev_labels(const struct ald_graph *g, size_t rev, struct ald_ixvec *out);

/* Marks (mark[i] = 1) every revision reachable from `start` (included) through
 * norm_down edges, or only down edges when `versioned_only`. `mark` has g->n
 * bytes and is not cleared first. */
void ald__graph_ancestors(const struct ald_graph *g, const size_t *start, size_t nstart,
			 int versioned_only, unsigned char *mark);
/* Same downwards: through all_next edges, or only next when `versioned_only`. */
void ald__graph_descendants(const struct ald_graph *g, const size_t *start, size_t nstart,
			   int versioned_only, unsigned char *mark);
/* shares_lineage(x, q) of §3.1: x is q, an ancestor or a descendant of q,
 * through down edges only, or also dependency edges when `with_deps`. */
int ald__graph_shares_lineage(const struct ald_graph *g, size_t x, size_t q, int with_deps);
/* ancestors() of a list with Alembic's overlap check (§4.1): fails with
 * "Requested revision X overlaps with other requested revisions Y, Z" (ALD_EINVALID). */
int ald__graph_ancestors_checked(const struct ald_graph *g, const size_t *revs, size_t n,
				unsigned char *mark);
/* The topological sort of §4.2, exactly: every revision with todo[i] != 0,
 * newest first, starting from `start`. Appends to *out. Fails (ALD_ERROR) where
 * Alembic would hit its internal assertion (todo not exhausted). */
int ald__graph_toposort(const struct ald_graph *g, const unsigned char *todo,
		       const size_t *start, size_t nstart, struct ald_ixvec *out);

#endif
