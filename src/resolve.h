/* resolve.h - revision identifiers and the revision orders of history,
 * upgrade and downgrade, as pure functions over the graph.
 *
 * Nothing here touches a database: the version table's rows are passed in as
 * revision indexes, in table order. Every function appends revision indexes
 * to *out (which the caller owns and frees) and returns 0, or returns a
 * negative ALD_E* code with the message set to the text the CLI prints after
 * "FAILED: " (Alembic 1.8.1's wording, doc/alembic-compat.md §3.6).
 *
 * Where aludel differs from 1.8.1 on purpose (doc/alembic-compat.md §0):
 *  - an ambiguous prefix fails with ALD_EAMBIGUOUS and
 *    "Ambiguous revision '3000': it matches 3000bbbb0001, 3000bbbb0002";
 *  - where 1.8.1 crashes (§8.2) there is a message instead: an empty
 *    identifier ("Empty revision identifier"), a range with two ':'
 *    ("Invalid range 'a:b:c'"), `upgrade sym+N` past the top and `sym-N` past
 *    base ("Relative revision aaaa00000003+9 didn't produce 9 migrations"),
 *    `-N` below every base ("Relative revision -6 didn't produce 6
 *    migrations"), a history range whose upper end is reached from the lower
 *    end only through a dependency (the "Requested range ... does not refer
 *    to ancestor/descendant revisions along the same branch" text);
 *  - `-N` (get_revisions) that lands exactly on base means base (nothing:
 *    `show -5` on a 5-revision chain prints nothing, `stamp -- -5` stamps
 *    base); as a history start it keeps 1.8.1's "Requested range" error;
 *    an upgrade target `sym-N` that lands on base means nothing to do;
 *  - a history start `-N` that walks below base is the "Relative revision"
 *    error (1.8.1 then re-reads -N from the end of the range, with errors
 *    such as "Can't locate revision identified by 'heads'");
 *  - a history start "X@..." where revision X carries no branch label or
 *    several: "Revision X has no branch label to select a branch with" /
 *    "Revision X has several branch labels (a, b); name one of them instead";
 *  - `downgrade L@-N` with no current revision on L's branch, or several:
 *    "Relative revision -N didn't produce N migrations" / "Ambiguous
 *    downgrade from multiple current revisions on branch 'L'";
 *  - in history messages the rows standing for `current` are named `current`
 *    (1.8.1 prints a Python tuple).
 *
 * Behaviour reference: doc/alembic-compat.md §3 (identifiers), §4
 * (orders), §5.6 (current).
 */
#ifndef ALD_RESOLVE_H
#define ALD_RESOLVE_H

#include <stddef.h>

#include "graph.h"
#include "util.h"

/* get_revisions(S) of §3.3 for one argument S: full ids, prefixes (of ids
 * and of branch labels), labels, head, heads, base, L@head, L@heads, L@id,
 * L@base, -N, L@-N. Appends the revisions in order; base appends nothing.
 * A comma-separated list is one (unknown) identifier: callers resolve a list
 * of arguments one by one. Errors: ALD_ENOTFOUND "Can't locate revision
 * identified by 'x'", ALD_EAMBIGUOUS, ALD_EMULTIPLEHEADS "Multiple head
 * revisions are present for given argument 'head'; ...", ALD_EINVALID
 * ("Ambiguous walk", relative walks past base, an empty identifier). */
int ald__resolve_revisions(struct ald_ixvec *out, const struct ald_graph *g, const char *spec);

/* get_revision(S): exactly one revision, or base (*out = ALD_NOREV). Several
 * (heads with two heads) is ALD_EMULTIPLEHEADS naming S. `-N` is not a walk
 * here (Alembic looks it up literally). */
int ald__resolve_revision(size_t *out, const struct ald_graph *g, const char *spec);

/* The revisions a lineage test against `spec` compares with (Alembic's
 * filter_for_lineage): the branch qualifier of "L@x" and what x stands for.
 * *every is set when there is nothing to compare with (base): then every
 * revision passes. For stamp: a row is "from" when it shares lineage,
 * dependencies included, with one of these. Appends to *out. */
int ald__resolve_lineage(struct ald_ixvec *out, int *every, const struct ald_graph *g,
			const char *spec);

/* The revisions `history -r <range>` prints, newest first (§4.3; range NULL:
 * all). Both ends inclusive, empty start = base, empty end = heads, `current`
 * at either end = the rows given (end first), B relative to A with lenient
 * walking (`A:+2`), A = -N. Errors: no ':' ("History range requires
 * [start]:[end], [start]:, or :[end]"), more than one ("Invalid range
 * 'a:b:c'"), ends not on one line ("Requested range A:B does not refer to
 * ancestor/descendant revisions along the same branch"), overlaps, the
 * resolution errors (a MultipleHeads error names the end B). */
int ald__history(struct ald_ixvec *out, const struct ald_graph *g, const char *range,
		const size_t *current, size_t n_current);

/* `upgrade <target>` from the rows: the revisions to apply, oldest first
 * (§3.5 upgrade rules, §4.4): absolute targets (several for heads), +N and
 * L@+N from the rows, sym+N, sym-N, L@sym+N. Targets already applied give
 * nothing. A ':' in the target is the caller's check (online) or split
 * (offline). Errors as §3.6: "Relative revision +5 didn't produce 5
 * migrations", "Relative revision -1 didn't produce 1 migrations",
 * "Ambiguous upgrade from multiple current revisions", "Ambiguous walk",
 * overlaps, resolution errors (MultipleHeads naming the target as typed). */
int ald__upgrade_steps(struct ald_ixvec *out, const struct ald_graph *g, const char *target,
		      const size_t *current, size_t n_current);

/* Reported through *flags by ald__downgrade_steps. */
enum {
	/* `downgrade -N` with several distinct rows: the first row was used;
	 * Alembic warns "downgrade -1 from multiple heads is ambiguous; this
	 * usage will be disallowed in a future release." */
	ALD_DOWNGRADE_AMBIGUOUS_ROWS = 1u << 0,
};

/* `downgrade <target>` from the rows: the revisions to unapply, in order
 * (newest first; §3.5 downgrade rules, §4.5): absolute targets, base, L@id
 * and L@base (L narrows which branch is wound back), -N, L@-N, sym-N,
 * sym+N. `flags` may be NULL. Errors: "Destination X is not a valid
 * downgrade target from current head(s)" (X as typed), "Not a valid
 * downgrade target from current heads", "Walked too far", "Relative
 * revision +1 didn't produce 1 migrations", "Ambiguous walk", "Ambiguous
 * downgrade from multiple current revisions on branch 'L'" (1.8.1: crash),
 * resolution errors (MultipleHeads naming the target as typed). */
int ald__downgrade_steps(struct ald_ixvec *out, const struct ald_graph *g, const char *target,
			const size_t *current, size_t n_current, unsigned *flags);

/* What `current` shows (§5.6): the tips of everything the rows imply
 * (dependencies included): first the rows that are tips, in the rows'
 * order, then the implied tips in map order. Never fails. */
int ald__current_tips(struct ald_ixvec *out, const struct ald_graph *g, const size_t *current,
		     size_t n_current);

#endif
