/* plan_versions.c - the in-memory maintenance of the version table's rows:
 * which INSERT/UPDATE/DELETE follows each upgrade or downgrade step (doc/alembic-compat.md §5.2),
 * and the steps of a stamp with theirs (§5.4).
 *
 * The rows are an ordered list of revisions in table order: an INSERT
 * appends, an UPDATE keeps the row's place, a DELETE removes it (SQLite's
 * rowid order). Deterministic choices where Alembic 1.8.1 iterates a Python
 * set: the merged parents and the unmerged parents that remain are taken in
 * map order when other rows exist (1.8.1 uses a set there) and in the order
 * of norm_down otherwise (1.8.1 uses the list there too). Where 1.8.1 crashes
 * (KeyError/AssertionError, §8.2.1) the plan does what §5.2 means: only rows
 * that exist are deleted or updated (a "from" row that an earlier step of
 * the same stamp took away is not touched; if none is left the target is
 * inserted), and a row that already exists is not inserted again.
 *
 * A merge asks which of its parents lie below another row. An upgrade keeps
 * `applied` (every revision at or below a row, and perhaps more: an upgrade
 * only adds rows whose ancestors are applied, and marks each step), and
 * walks up from each parent through applied revisions only: a parent that is
 * a row and lies below no other row has no applied child, so the walk stops
 * at once, where walking down from the other rows would cross the whole
 * applied graph at every merge (quadratic: minutes at 100,000 revisions).
 */
#include "plan.h"
#include "error.h"

#include <stdlib.h>
#include <string.h>

/* The rows with, for each revision, its place among them: pos[x] is x's
 * index in v plus one, 0 when x is not a row (so that "is x a row" is one
 * read, not a scan of hundreds of rows on a wide graph). Only emit() changes
 * the rows, and it keeps pos in step. */
struct rowset {
	struct ald_ixvec *v;
	size_t *pos; /* g->n entries */
};

static int has_row(const struct rowset *rs, size_t r)
{
	return rs->pos[r] != 0;
}

/* pos for the rows as they are (pos: g->n entries, any contents). */
static void rowset_index(struct rowset *rs, size_t n)
{
	memset(rs->pos, 0, n * sizeof(*rs->pos));
	for (size_t i = 0; i < rs->v->n; i++)
		rs->pos[rs->v->v[i]] = i + 1;
}

static void row_remove(struct rowset *rs, size_t r)
{
	size_t i = rs->pos[r];
	if (!i--)
		return;
	struct ald_ixvec *v = rs->v;
	memmove(v->v + i, v->v + i + 1, (v->n - i - 1) * sizeof(*v->v));
	v->n--;
	rs->pos[r] = 0;
	for (size_t k = i; k < v->n; k++)
		rs->pos[v->v[k]] = k + 1;
}

static void row_replace(struct rowset *rs, size_t from, size_t to)
{
	size_t i = rs->pos[from];
	if (!i)
		return;
	rs->v->v[i - 1] = to;
	rs->pos[from] = 0;
	rs->pos[to] = i;
}

/* Records one version statement on the step and applies it to the rows. */
static void emit(struct ald_step *st, struct rowset *rows, enum ald_vsql_kind kind, size_t from,
		 size_t to, const struct ald_graph *g, const struct ald_plan_config *cfg)
{
	st->vsql = ald__xrealloc(st->vsql, (st->n_vsql + 1) * sizeof(*st->vsql));
	const char *f = kind == ALD_VSQL_INSERT ? NULL : g->revs[from].file.id;
	const char *t = kind == ALD_VSQL_DELETE ? NULL : g->revs[to].file.id;
	ald__plan_vsql(&st->vsql[st->n_vsql++], kind, cfg, f, t);
	if (kind == ALD_VSQL_INSERT) {
		ald__ixvec_push(rows->v, to);
		rows->pos[to] = rows->v->n;
	} else if (kind == ALD_VSQL_UPDATE) {
		row_replace(rows, from, to);
	} else {
		row_remove(rows, from);
	}
}

/* Marks in `applied` the revisions at or below x that are not marked yet
 * (the walk stops at marked ones: their ancestors are marked). */
static void mark_applied(const struct ald_graph *g, unsigned char *applied, size_t x)
{
	if (applied[x])
		return;
	struct ald_ixvec stack = {0};
	applied[x] = 1;
	ald__ixvec_push(&stack, x);
	while (stack.n) {
		const struct ald_ixvec *up = &g->revs[stack.v[--stack.n]].norm_down;
		for (size_t k = 0; k < up->n; k++)
			if (!applied[up->v[k]]) {
				applied[up->v[k]] = 1;
				ald__ixvec_push(&stack, up->v[k]);
			}
	}
	ald__ixvec_free(&stack);
}

/* What a walk up from a parent looks for: a row other than `except` and
 * not in `skip` (when `rows`), or else a member of `skip` other than the
 * walk's start. */
struct goal {
	const struct rowset *rows;
	const struct ald_ixvec *skip;
	size_t except;
};

static int is_goal(const struct goal *q, size_t y, size_t start)
{
	if (!q->rows)
		return y != start && ald__ixvec_contains(q->skip, y);
	return y != q->except && (!q->skip || !ald__ixvec_contains(q->skip, y)) && has_row(q->rows, y);
}

/* Whether a goal lies above x (strictly, through children by down revision
 * or dependency). Every revision at or below a row is marked in `applied`,
 * so the path up to a goal (a row, or a parent below a row) keeps to applied
 * revisions and the walk goes nowhere else: from a row below no other row,
 * it ends at once. `seen` (g->n bytes) is clear and left clear. */
static int goal_above(const struct ald_graph *g, size_t x, const unsigned char *applied,
		      const struct goal *q, unsigned char *seen)
{
	struct ald_ixvec stack = {0}, visited = {0};
	int found = 0;
	ald__ixvec_push(&stack, x);
	while (stack.n && !found) {
		const struct ald_ixvec *kids = &g->revs[stack.v[--stack.n]].all_next;
		for (size_t k = 0; k < kids->n && !found; k++) {
			size_t y = kids->v[k];
			if (!applied[y] || seen[y])
				continue;
			found = is_goal(q, y, x);
			seen[y] = 1;
			ald__ixvec_push(&visited, y);
			ald__ixvec_push(&stack, y);
		}
	}
	for (size_t k = 0; k < visited.n; k++)
		seen[visited.v[k]] = 0;
	ald__ixvec_free(&stack);
	ald__ixvec_free(&visited);
	return found;
}

/* How many rows are `except` or in `skip` (NULL: none), each counted once:
 * O(|skip|^2) with skip a merge's parents, where counting the other rows one
 * by one cost O(rows x |skip|) at every merge (about 3,800 rows on average
 * in a tangled upgrade plan of 100,000 steps: a third of its time). */
static size_t rows_among(const struct rowset *rows, const struct ald_ixvec *skip, size_t except)
{
	size_t n = except != ALD_NOREV && has_row(rows, except);
	for (size_t i = 0; skip && i < skip->n; i++) {
		size_t x = skip->v[i];
		int counted = x == except;
		for (size_t j = 0; j < i && !counted; j++)
			counted = skip->v[j] == x;
		n += !counted && has_row(rows, x);
	}
	return n;
}

/* mark[p] := whether p is or lies below a row other than `except` and not
 * in `skip` (NULL: none), for each member p of P; `applied` as goal_above()
 * wants it. Returns how many such rows there are. `mark` (g->n bytes) must
 * be clear; it is left clear but for the members of P. */
static size_t mark_parents_below_rows(const struct ald_graph *g, const struct rowset *rows,
				      const struct ald_ixvec *P, const struct ald_ixvec *skip,
				      size_t except, const unsigned char *applied, unsigned char *mark)
{
	struct goal q = {rows, skip, except};
	size_t n_other = rows->v->n - rows_among(rows, skip, except);
	if (n_other == 0)
		return 0;
	unsigned char *below = ald__xcalloc(P->n ? P->n : 1, 1);
	for (size_t i = 0; i < P->n; i++)
		below[i] = (unsigned char)(is_goal(&q, P->v[i], ALD_NOREV) ||
					   goal_above(g, P->v[i], applied, &q, mark));
	for (size_t i = 0; i < P->n; i++)
		mark[P->v[i]] = below[i];
	free(below);
	return n_other;
}

/* The members of `parents` that are rows (when `need_row`) and not marked:
 * in map order when `map_order`, else in the list's order. */
static void select_parents(struct ald_ixvec *out,
			   const struct ald_ixvec *parents, const unsigned char *mark, int map_order,
			   const struct rowset *rows, int need_row)
{
	if (!map_order) {
		for (size_t i = 0; i < parents->n; i++) {
			size_t p = parents->v[i];
			if (!mark[p] && (!need_row || has_row(rows, p)))
				ald__ixvec_push(out, p);
		}
		return;
	}
	size_t n0 = out->n;
	for (size_t i = 0; i < parents->n; i++) {
		size_t p = parents->v[i];
		if (!mark[p] && (!need_row || has_row(rows, p)) && !ald__ixvec_contains(out, p))
			ald__ixvec_push(out, p);
	}
	/* map order is index order: a few members, sorted in place */
	for (size_t i = n0 + 1; i < out->n; i++)
		for (size_t j = i; j > n0 && out->v[j - 1] > out->v[j]; j--) {
			size_t x = out->v[j];
			out->v[j] = out->v[j - 1];
			out->v[j - 1] = x;
		}
}

/* Clears the marks of P's members (what mark_parents_below_rows() set). */
static void unmark(unsigned char *mark, const struct ald_ixvec *P)
{
	for (size_t i = 0; i < P->n; i++)
		mark[P->v[i]] = 0;
}

/* §5.2, upgrade step R with parents P = norm_down(R); `applied` as
 * goal_above() wants it, `mark` clear scratch (both g->n bytes). */
static void upgrade_ops(struct ald_step *st, struct rowset *rows, const unsigned char *applied,
			unsigned char *mark, const struct ald_graph *g, const struct ald_plan_config *cfg)
{
	size_t r = st->rev;
	const struct ald_ixvec *P = &g->revs[r].norm_down;
	size_t in = 0, last_in = ALD_NOREV;
	for (size_t i = 0; i < P->n; i++) {
		if (has_row(rows, P->v[i])) {
			in++;
			last_in = P->v[i];
		}
	}
	if (in == 0) { /* a new branch (also a base) */
		emit(st, rows, ALD_VSQL_INSERT, ALD_NOREV, r, g, cfg);
		return;
	}
	if (P->n > 1 && in > 1) { /* merge */
		size_t n_other = mark_parents_below_rows(g, rows, P, P, ALD_NOREV, applied, mark);
		struct ald_ixvec X = {0};
		select_parents(&X, P, mark, n_other > 0, rows, 1);
		unmark(mark, P);
		if (X.n == 0) /* every parent row is implied by another row */
			select_parents(&X, P, mark, 0, rows, 1);
		for (size_t i = 0; i + 1 < X.n; i++)
			emit(st, rows, ALD_VSQL_DELETE, X.v[i], ALD_NOREV, g, cfg);
		emit(st, rows, ALD_VSQL_UPDATE, X.v[X.n - 1], r, g, cfg);
		ald__ixvec_free(&X);
		return;
	}
	emit(st, rows, ALD_VSQL_UPDATE, last_in, r, g, cfg); /* the one parent that is a row */
}

/* Removes from T every member that lies below another member (through
 * down revisions or dependencies): its row would be implied, and a table
 * holding both a revision and its ancestor breaks later commands. 1.8.1
 * re-inserts such parents (e.g. when R depends on one of its own parent's
 * descendants); Alembic fixed it in 1.13.1. T's members are parents of a
 * row, so the path between two of them is applied: goal_above() finds it.
 * `mark` is clear scratch (g->n bytes). */
static void drop_implied(struct ald_ixvec *T, const struct ald_graph *g, const unsigned char *applied,
			 unsigned char *mark)
{
	if (T->n < 2)
		return;
	struct goal q = {NULL, T, ALD_NOREV};
	unsigned char *implied = ald__xcalloc(T->n, 1);
	for (size_t i = 0; i < T->n; i++)
		implied[i] = (unsigned char)goal_above(g, T->v[i], applied, &q, mark);
	size_t k = 0;
	for (size_t i = 0; i < T->n; i++)
		if (!implied[i])
			T->v[k++] = T->v[i];
	T->n = k;
	free(implied);
}

/* §5.2, downgrade step R; `applied` and `mark` as upgrade_ops(). */
static void downgrade_ops(struct ald_step *st, struct rowset *rows, const unsigned char *applied,
			  unsigned char *mark, const struct ald_graph *g, const struct ald_plan_config *cfg)
{
	size_t r = st->rev;
	const struct ald_ixvec *P = &g->revs[r].norm_down;
	if (!has_row(rows, r))
		return; /* implied by another row: 1.8.1 crashes, the rows stay as they are */
	size_t n_other = mark_parents_below_rows(g, rows, P, NULL, r, applied, mark);
	struct ald_ixvec T = {0};
	select_parents(&T, P, mark, n_other > 0, rows, 0);
	unmark(mark, P);
	drop_implied(&T, g, applied, mark);
	if (P->n == 0 || T.n == 0) {
		emit(st, rows, ALD_VSQL_DELETE, r, ALD_NOREV, g, cfg);
	} else if (P->n > 1) {
		for (size_t i = 0; i + 1 < T.n; i++)
			emit(st, rows, ALD_VSQL_INSERT, ALD_NOREV, T.v[i], g, cfg);
		emit(st, rows, ALD_VSQL_UPDATE, r, T.v[T.n - 1], g, cfg);
	} else {
		emit(st, rows, ALD_VSQL_UPDATE, r, P->v[0], g, cfg);
	}
	ald__ixvec_free(&T);
}

/* `*applied`: 2 g->n bytes, the record of the revisions at or below a row
 * (every one of them, perhaps more), then clear scratch, then (aligned) the
 * rows' places (struct rowset's pos), kept in step with `rows`, which only
 * these calls change. An upgrade step's
 * new row has its ancestors applied already (upgrades go parents first), so
 * marking it is O(its parents); a downgrade step's revision leaves the
 * record unless it has a child in it (then it may still lie below a row: it
 * stays, the record is then only larger than it must be). */
void ald__plan_step_versions_kept(struct ald_step *st, struct ald_ixvec *rows, unsigned char **applied,
				 const struct ald_graph *g, const struct ald_plan_config *cfg)
{
	size_t n = g->n ? g->n : 1;
	size_t pos_at = (2 * n + sizeof(size_t) - 1) / sizeof(size_t) * sizeof(size_t);
	struct rowset rs = {rows, NULL};
	if (!*applied) { /* the rows' ancestors, once; then each step updates it */
		*applied = ald__xcalloc(pos_at + n * sizeof(size_t), 1);
		for (size_t i = 0; i < rows->n; i++)
			mark_applied(g, *applied, rows->v[i]);
		rs.pos = (size_t *)(void *)(*applied + pos_at);
		rowset_index(&rs, n);
	}
	rs.pos = (size_t *)(void *)(*applied + pos_at);
	unsigned char *rec = *applied, *mark = *applied + n;
	size_t r = st->rev;
	if (st->kind == ALD_STEP_UPGRADE) {
		upgrade_ops(st, &rs, rec, mark, g, cfg);
		mark_applied(g, rec, r); /* the only row an upgrade step adds */
		return;
	}
	int was_row = has_row(&rs, r);
	downgrade_ops(st, &rs, rec, mark, g, cfg);
	const struct ald_ixvec *kids = &g->revs[r].all_next;
	int kept = 0;
	for (size_t k = 0; k < kids->n && !kept; k++)
		kept = rec[kids->v[k]];
	if (was_row && !has_row(&rs, r) && !kept)
		rec[r] = 0;
}

void ald__plan_step_versions(struct ald_step *st, struct ald_ixvec *rows, const struct ald_graph *g,
			    const struct ald_plan_config *cfg)
{
	unsigned char *applied = NULL;
	ald__plan_step_versions_kept(st, rows, &applied, g, cfg);
	free(applied);
}

/* ---- stamp (§5.4) ---- */

/* F of §5.4: the rows (table order) sharing lineage, dependencies included,
 * with any argument; no duplicates. */
static void stamp_from(struct ald_ixvec *F, const struct ald_graph *g, const struct ald_ixvec *rows,
		       const struct ald_stamp_arg *args, size_t n_args)
{
	for (size_t a = 0; a < n_args; a++) {
		for (size_t i = 0; i < rows->n; i++) {
			size_t x = rows->v[i];
			int shares = args[a].every_row;
			for (size_t k = 0; !shares && k < args[a].lineage.n; k++)
				shares = ald__graph_shares_lineage(g, x, args[a].lineage.v[k], 1);
			if (shares && !ald__ixvec_contains(F, x))
				ald__ixvec_push(F, x);
		}
	}
}

static struct ald_step *new_stamp_step(struct ald_plan_data *p, size_t to, const size_t *from, size_t n_from,
				       const struct ald_ixvec *rows)
{
	p->steps = ald__xrealloc(p->steps, (p->n_steps + 1) * sizeof(*p->steps));
	struct ald_step *st = &p->steps[p->n_steps++];
	memset(st, 0, sizeof(*st));
	st->kind = ALD_STEP_STAMP;
	st->rev = to;
	st->transactional = 1;
	st->create_table = rows->n == 0;
	for (size_t i = 0; i < n_from; i++)
		ald__ixvec_push(&st->from, from[i]);
	return st;
}

/* Applies a stamp step (§5.4 point 5) to the rows; `upward`, `new_branch` as
 * Alembic's StampStep. */
static void stamp_ops(struct ald_step *st, struct rowset *rows, int upward, int new_branch,
		      const struct ald_graph *g, const struct ald_plan_config *cfg)
{
	size_t d = st->rev;
	struct ald_ixvec from = {0}; /* the "from" revisions that are still rows */
	for (size_t i = 0; i < st->from.n; i++)
		if (has_row(rows, st->from.v[i]))
			ald__ixvec_push(&from, st->from.v[i]);
	if (has_row(rows, d)) {
		/* made a row by an earlier step of the same stamp: 1.8.1 fails an
		 * assertion; nothing is left to do */
	} else if ((upward && (new_branch || from.n != st->from.n)) || from.n == 0) {
		emit(st, rows, ALD_VSQL_INSERT, ALD_NOREV, d, g, cfg);
	} else {
		for (size_t i = 0; i + 1 < from.n; i++)
			emit(st, rows, ALD_VSQL_DELETE, from.v[i], ALD_NOREV, g, cfg);
		emit(st, rows, ALD_VSQL_UPDATE, from.v[from.n - 1], d, g, cfg);
	}
	ald__ixvec_free(&from);
}

static int intersects(const unsigned char *mark, const struct ald_ixvec *v)
{
	for (size_t i = 0; i < v->n; i++)
		if (mark[v->v[i]])
			return 1;
	return 0;
}

void ald__plan_stamp_steps(struct ald_plan_data *p, struct ald_ixvec *rows, const struct ald_graph *g,
			  const struct ald_stamp_arg *args, size_t n_args, const struct ald_plan_config *cfg)
{
	struct ald_ixvec F = {0}, D = {0};
	stamp_from(&F, g, rows, args, n_args);
	struct rowset rs = {rows, ald__xcalloc(g->n ? g->n : 1, sizeof(size_t))};
	rowset_index(&rs, g->n);
	for (size_t a = 0; a < n_args; a++)
		for (size_t k = 0; k < args[a].dests.n; k++)
			ald__ixvec_push(&D, args[a].dests.v[k]);
	if (D.n == 0) { /* base: one delete step per row of F */
		for (size_t i = 0; i < F.n; i++) {
			struct ald_step *st = new_stamp_step(p, ALD_NOREV, &F.v[i], 1, rows);
			if (has_row(&rs, F.v[i]))
				emit(st, &rs, ALD_VSQL_DELETE, F.v[i], ALD_NOREV, g, cfg);
		}
	}
	unsigned char *mark = ald__xcalloc(g->n ? g->n : 1, 1);
	for (size_t k = 0; k < D.n; k++) {
		size_t d = D.v[k];
		if (ald__ixvec_contains(&F, d))
			continue;
		memset(mark, 0, g->n);
		ald__graph_descendants(g, &d, 1, 0, mark);
		int down = intersects(mark, &F), up = 0;
		if (!down) {
			memset(mark, 0, g->n);
			ald__graph_ancestors(g, &d, 1, 0, mark);
			up = intersects(mark, &F);
		}
		if (down || up) {
			struct ald_step *st = new_stamp_step(p, d, F.v, F.n, rows);
			stamp_ops(st, &rs, up, 0, g, cfg);
		} else {
			struct ald_step *st = new_stamp_step(p, d, NULL, 0, rows);
			stamp_ops(st, &rs, 1, 1, g, cfg);
		}
	}
	free(mark);
	free(rs.pos);
	ald__ixvec_free(&D);
	ald__ixvec_free(&F);
}

void ald__plan_vsql(struct ald_vsql *out, enum ald_vsql_kind kind, const struct ald_plan_config *cfg,
		   const char *from, const char *to)
{
	const char *schema = cfg->version_table_schema && *cfg->version_table_schema ? cfg->version_table_schema : NULL;
	ald__vsql_make(out, kind, cfg->dialect, cfg->version_table ? cfg->version_table : "alembic_version", schema,
		      from, to);
}
