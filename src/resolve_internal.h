/* resolve_internal.h - shared by resolve.c, resolve_walk.c, history.c and
 * resolve_steps.c only. Names follow Alembic's revision.py where a function
 * does what one of its methods does (expand = _resolve_revision_number,
 * lookup = _revision_for_ident, ...), so the two can be read side by side.
 */
#ifndef ALD_RESOLVE_INTERNAL_H
#define ALD_RESOLVE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "graph.h"
#include "resolve.h"
#include "util.h"

/* Walk results besides a revision index and ALD_NOREV (Alembic's None as a
 * start: "nothing"/base). */
#define ALD_RBASE (SIZE_MAX - 1) /* the pseudo-revision "base" reached walking down */
#define ALD_ROVER (SIZE_MAX - 2) /* walked past the end of the graph (strict mode) */

struct ald_rctx {
	const struct ald_graph *g;
	/* When set, a MultipleHeads error names this argument instead of the
	 * one it was raised for (Alembic's _catch_revision_errors(end=...)). */
	const char *mh_arg;
};

/* The expansion of one identifier (doc/alembic-compat.md §3.2): either a literal to look up or the
 * revisions a symbol stands for, and the branch qualifier. */
struct ald_expanded {
	char *label;           /* owned; NULL: none ("" is an empty, present qualifier) */
	const char *literal;   /* points into the expanded text; NULL for a symbol */
	struct ald_ixvec revs; /* heads / head: the revisions; base: none */
};

void ald__expanded_free(struct ald_expanded *e);

/* The MultipleHeads error for argument `arg` (or c->mh_arg). */
int ald__rerr_multiple_heads(const struct ald_rctx *c, const char *arg);
/* "Can't locate revision identified by '<arg>'" (ALD_ENOTFOUND). */
int ald__rerr_not_found(const char *arg);

/* _resolve_revision_number: splits at the first '@', expands heads/head/base. */
int ald__expand(const struct ald_rctx *c, struct ald_expanded *e, const char *spec);
/* _revision_for_ident(id, label): exact key or unique prefix, restricted to
 * the lineage of `label` when it is non-empty. */
int ald__lookup(const struct ald_rctx *c, size_t *out, const char *id, const char *label);
/* _resolve_branch: exact key, else a lookup without qualifier. */
int ald__resolve_branch(const struct ald_rctx *c, size_t *out, const char *label);
/* filter_for_lineage(targets, check): keeps, in place, the revisions sharing
 * lineage with what `check` names (nothing is resolved when v is empty). */
int ald__filter_lineage(const struct ald_rctx *c, struct ald_ixvec *v, const char *check, int with_deps);
/* get_revisions(spec): appends to out; *hit_base (may be NULL) is set when a
 * -N walk landed exactly on base (Alembic's "base" entry). */
int ald__get_revisions(const struct ald_rctx *c, struct ald_ixvec *out, const char *spec, int *hit_base);
/* get_revision(spec): one revision or ALD_NOREV. */
int ald__get_revision(const struct ald_rctx *c, size_t *out, const char *spec);

/* Python's str.strip() of ASCII whitespace; caller frees. */
char *ald__pystrip(const char *s);
/* Python's int(s): 1 when s parses (surrounding whitespace, sign, digits
 * with single underscores between them), the value saturated to +-INT64_MAX. */
int ald__pyint(const char *s, int64_t *val);

/* A match of Alembic's relative pattern (?:(.+?)@)?(\w+)?([+-]\d+) at the
 * start of a target. */
struct ald_relative {
	char *label;        /* owned or NULL */
	char *symbol;       /* owned or NULL */
	char *relative;     /* owned: the signed number as typed, e.g. "+2" */
	char *text;         /* owned: the matched text, e.g. "featb@3000bbbb0001+2" */
	int64_t steps;      /* its value (saturated) */
};
/* 1 and *m filled when `target` matches, else 0. */
int ald__match_relative(struct ald_relative *m, const char *target);
void ald__relative_free(struct ald_relative *m);

/* _walk(start, steps, label): start is a revision, ALD_NOREV or ALD_RBASE;
 * *out a revision, ALD_RBASE, ALD_NOREV (0 steps from nothing) or, in strict
 * mode, ALD_ROVER; lenient mode stops where it is. */
int ald__walk(const struct ald_rctx *c, size_t *out, size_t start, int64_t steps, const char *label,
	     int strict);

/* An end of a range or the current state: a text (history) or rows. */
struct ald_endpoint {
	const char *text;  /* NULL: the rows below */
	const size_t *rows;
	size_t n_rows;
};

/* _parse_upgrade_target(current, target): appends the targets (none for
 * base). Shared by upgrade (current = rows, strict) and history (current =
 * the start of the range, lenient). */
int ald__upgrade_targets(const struct ald_rctx *c, struct ald_ixvec *out, const struct ald_endpoint *current,
			const char *target, int strict);

/* The tips of rows + their ancestors (Alembic's _get_all_current). */
void ald__tips(const struct ald_graph *g, struct ald_ixvec *out, const size_t *rows, size_t n);

#endif
