/* resolve_steps.c - which revisions `upgrade <target>` applies and
 * `downgrade <target>` unapplies, in order, from the rows of the version
 * table (doc/alembic-compat.md §3.5 per-command rules, §4.4, §4.5).
 */
#include "resolve_internal.h"
#include "error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int relative_error(const char *relative, int64_t steps)
{
	long long n = steps < 0 ? -(long long)steps : (long long)steps;
	return ald__error_set(ALD_EINVALID, "Relative revision %s didn't produce %lld migrations", relative, n);
}

/* get_revision("label@symbol"), or of symbol alone without a label. */
static int revision_on(const struct ald_rctx *c, size_t *out, const char *label, const char *symbol)
{
	if (!label)
		return ald__get_revision(c, out, symbol);
	char *spec = ald__xasprintf("%s@%s", label, symbol);
	int err = ald__get_revision(c, out, spec);
	free(spec);
	return err;
}

/* The revisions the current state stands for: rows, or get_revisions(text). */
static int current_revisions(const struct ald_rctx *c, struct ald_ixvec *out, const struct ald_endpoint *cur)
{
	if (cur->text)
		return ald__get_revisions(c, out, cur->text, NULL);
	for (size_t i = 0; i < cur->n_rows; i++)
		ald__ixvec_push(out, cur->rows[i]);
	return 0;
}

/* `L@+N` with no current revision in L's lineage: the tips of the applied
 * revisions that are in it (revisions no other member has as a parent). */
static int branch_tips(const struct ald_rctx *c, struct ald_ixvec *out, const struct ald_endpoint *cur,
		       const char *label)
{
	const struct ald_graph *g = c->g;
	struct ald_ixvec revs = {0}, active = {0};
	int err = current_revisions(c, &revs, cur);
	if (err == 0 && g->n) {
		unsigned char *mark = ald__xcalloc(g->n, 1);
		ald__graph_ancestors(g, revs.v, revs.n, 0, mark);
		for (size_t i = 0; i < g->n; i++)
			if (mark[i])
				ald__ixvec_push(&active, i);
		err = ald__filter_lineage(c, &active, label, 0);
		memset(mark, 0, g->n);
		for (size_t i = 0; i < active.n; i++)
			for (size_t j = 0; j < g->revs[active.v[i]].norm_down.n; j++)
				mark[g->revs[active.v[i]].norm_down.v[j]] = 1;
		for (size_t i = 0; i < active.n && err == 0; i++)
			if (!mark[active.v[i]])
				ald__ixvec_push(out, active.v[i]);
		free(mark);
	}
	ald__ixvec_free(&revs);
	ald__ixvec_free(&active);
	return err;
}

/* `+N` / `L@+N`: N steps up from the single current revision. */
static int up_from_current(const struct ald_rctx *c, struct ald_ixvec *out, const struct ald_endpoint *cur,
			   const struct ald_relative *m, int strict)
{
	struct ald_ixvec starts = {0};
	size_t start = ALD_NOREV, nstarts = cur->text ? 1 : (cur->n_rows ? cur->n_rows : 1);
	int err = 0, from_text = cur->text != NULL;
	if (m->label) {
		from_text = 0;
		err = current_revisions(c, &starts, cur);
		if (err == 0)
			err = ald__filter_lineage(c, &starts, m->label, 0);
		if (err == 0 && starts.n == 0)
			err = branch_tips(c, &starts, cur, m->label);
		nstarts = starts.n ? starts.n : 1;
		if (starts.n)
			start = starts.v[0];
	} else if (!from_text && cur->n_rows) {
		start = cur->rows[0];
	}
	if (err == 0 && nstarts > 1)
		err = ald__error_set(ALD_EINVALID, "Ambiguous upgrade from multiple current revisions");
	if (err == 0 && from_text)
		err = ald__get_revision(c, &start, cur->text);
	size_t r = ALD_NOREV;
	if (err == 0)
		err = ald__walk(c, &r, start, m->steps, m->label, strict);
	if (err == 0 && (r == ALD_NOREV || r == ALD_ROVER))
		err = relative_error(m->relative, m->steps);
	if (err == 0)
		ald__ixvec_push(out, r);
	ald__ixvec_free(&starts);
	return err;
}

int ald__upgrade_targets(const struct ald_rctx *c, struct ald_ixvec *out, const struct ald_endpoint *current,
			const char *target, int strict)
{
	struct ald_relative m;
	if (!ald__match_relative(&m, target))
		return ald__get_revisions(c, out, target, NULL);
	size_t s, r = ALD_NOREV;
	int err = 0;
	if (m.steps > 0 && !m.symbol) {
		err = up_from_current(c, out, current, &m, strict);
	} else if (m.steps > 0) {
		err = ald__get_revision(c, &s, m.symbol);
		if (err == 0)
			err = ald__walk(c, &r, s, m.steps, m.label, strict);
		/* 1.8.1 crashes here (AssertionError) */
		if (err == 0 && (r == ALD_NOREV || r == ALD_ROVER))
			err = relative_error(m.text, m.steps);
		if (err == 0)
			ald__ixvec_push(out, r);
	} else if (!m.symbol) {
		char num[32];
		snprintf(num, sizeof(num), "%lld", (long long)m.steps);
		err = relative_error(num, m.steps);
	} else {
		err = revision_on(c, &s, m.label, m.symbol);
		if (err == 0)
			err = ald__walk(c, &r, s, m.steps, NULL, strict);
		/* 1.8.1 crashes past base and on base itself; base = nothing to do */
		if (err == 0 && r == ALD_ROVER)
			err = relative_error(m.text, m.steps);
		if (err == 0 && r != ALD_NOREV && r != ALD_RBASE && r != ALD_ROVER)
			ald__ixvec_push(out, r);
	}
	ald__relative_free(&m);
	return err;
}

int ald__upgrade_steps(struct ald_ixvec *out, const struct ald_graph *g, const char *target,
		      const size_t *current, size_t n_current)
{
	struct ald_rctx c = {g, target};
	struct ald_endpoint cur = {NULL, current, n_current};
	struct ald_ixvec targets = {0}, order = {0};
	unsigned char *need = ald__xcalloc(g->n ? g->n : 1, 1), *have = ald__xcalloc(g->n ? g->n : 1, 1);
	int err = ald__upgrade_targets(&c, &targets, &cur, target, 1);
	if (err == 0)
		err = ald__graph_ancestors_checked(g, targets.v, targets.n, need);
	if (err == 0)
		err = ald__graph_ancestors_checked(g, current, n_current, have);
	for (size_t i = 0; i < g->n; i++)
		need[i] = need[i] && !have[i];
	if (err == 0)
		err = ald__graph_toposort(g, need, targets.v, targets.n, &order);
	for (size_t i = order.n; i-- > 0 && err == 0;)
		ald__ixvec_push(out, order.v[i]);
	ald__ixvec_free(&order);
	ald__ixvec_free(&targets);
	free(need);
	free(have);
	return err;
}

/* A parsed downgrade target: the branch qualifier and the revision (ALD_NOREV: base). */
struct down_target {
	char *label;
	size_t rev;
};

/* `-N` / `L@-N`: the revision to start from and the qualifier it implies. */
static int down_start(const struct ald_rctx *c, char **label, char **symbol, const struct ald_relative *m,
		      const size_t *rows, size_t n_rows, unsigned *flags)
{
	const struct ald_graph *g = c->g;
	if (!m->label) {
		if (n_rows == 0)
			return relative_error(m->relative, m->steps);
		for (size_t i = 1; i < n_rows; i++)
			if (rows[i] != rows[0] && flags)
				*flags |= ALD_DOWNGRADE_AMBIGUOUS_ROWS;
		*symbol = ald__xstrdup(g->revs[rows[0]].file.id);
		*label = ald__xstrdup(*symbol);
		return 0;
	}
	struct ald_ixvec list = {0};
	for (size_t i = 0; i < n_rows; i++)
		ald__ixvec_push(&list, rows[i]);
	int err = ald__filter_lineage(c, &list, m->label, 0);
	if (err == 0 && list.n == 0) {
		ald__tips(g, &list, rows, n_rows);
		err = ald__filter_lineage(c, &list, m->label, 0);
	}
	/* 1.8.1 asserts exactly one here */
	if (err == 0 && list.n == 0)
		err = relative_error(m->relative, m->steps);
	else if (err == 0 && list.n > 1)
		err = ald__error_set(ALD_EINVALID,
				    "Ambiguous downgrade from multiple current revisions on branch '%s'", m->label);
	if (err == 0) {
		*symbol = ald__xstrdup(g->revs[list.v[0]].file.id);
		*label = ald__xstrdup(m->label);
	}
	ald__ixvec_free(&list);
	return err;
}

/* _parse_downgrade_target. */
static int parse_down_target(const struct ald_rctx *c, struct down_target *t, const char *target,
			     const size_t *rows, size_t n_rows, unsigned *flags)
{
	struct ald_relative m;
	size_t s = ALD_NOREV;
	int err = 0;
	t->label = NULL;
	t->rev = ALD_NOREV;
	if (!ald__match_relative(&m, target)) {
		const char *at = strrchr(target, '@');
		if (at && at > target)
			t->label = ald__xstrndup(target, (size_t)(at - target));
		return ald__get_revision(c, &t->rev, at ? at + 1 : target);
	}
	if (m.steps >= 0 && !m.symbol) {
		err = relative_error(m.relative, m.steps);
	} else if (m.steps >= 0) {
		err = ald__get_revision(c, &s, m.symbol);
		if (err == 0)
			err = ald__walk(c, &t->rev, s, m.steps, m.label, 1);
		if (err == 0 && (t->rev == ALD_NOREV || t->rev == ALD_ROVER))
			err = ald__error_set(ALD_EINVALID, "Walked too far");
		if (err == 0 && m.label)
			t->label = ald__xstrdup(m.label);
	} else {
		char *label = NULL, *symbol = NULL;
		int relative = !m.symbol;
		if (relative) {
			err = down_start(c, &label, &symbol, &m, rows, n_rows, flags);
		} else {
			label = m.label ? ald__xstrdup(m.label) : NULL;
			symbol = ald__xstrdup(m.symbol);
		}
		if (err == 0)
			err = revision_on(c, &s, label, symbol);
		if (err == 0)
			err = ald__walk(c, &t->rev, s, m.steps, NULL, 1);
		if (err == 0 && (t->rev == ALD_NOREV || t->rev == ALD_ROVER))
			err = relative ? relative_error(m.relative, m.steps)
				       : ald__error_set(ALD_EINVALID, "Walked too far");
		t->label = label;
		free(symbol);
	}
	ald__relative_free(&m);
	return err;
}

/* Keeps the roots that are down-revision ancestors of the branch `label`. */
static int filter_roots(const struct ald_rctx *c, struct ald_ixvec *roots, const char *label)
{
	size_t br;
	int err = ald__resolve_branch(c, &br, label);
	if (err < 0)
		return err;
	unsigned char *anc = ald__xcalloc(c->g->n, 1);
	ald__graph_ancestors(c->g, &br, 1, 1, anc);
	size_t k = 0;
	for (size_t i = 0; i < roots->n; i++)
		if (anc[roots->v[i]])
			roots->v[k++] = roots->v[i];
	roots->n = k;
	free(anc);
	if (k == 0)
		return ald__error_set(ALD_EINVALID, "Not a valid downgrade target from current heads");
	return 0;
}

int ald__downgrade_steps(struct ald_ixvec *out, const struct ald_graph *g, const char *target,
			const size_t *current, size_t n_current, unsigned *flags)
{
	struct ald_rctx c = {g, target};
	struct down_target t;
	struct ald_ixvec roots = {0};
	unsigned char *drop = ald__xcalloc(g->n ? g->n : 1, 1), *active = ald__xcalloc(g->n ? g->n : 1, 1);
	if (flags)
		*flags = 0;
	int err = parse_down_target(&c, &t, target, current, n_current, flags);
	if (t.rev == ALD_RBASE)
		t.rev = ALD_NOREV;
	if (err == 0) {
		const struct ald_ixvec *from = t.rev == ALD_NOREV ? &g->bases : &g->revs[t.rev].next;
		for (size_t i = 0; i < from->n; i++)
			ald__ixvec_push(&roots, from->v[i]);
		if (t.label && *t.label && roots.n > 1)
			err = filter_roots(&c, &roots, t.label);
	}
	size_t ndrop = 0;
	if (err == 0) {
		ald__graph_descendants(g, roots.v, roots.n, 0, drop);
		ald__graph_ancestors(g, current, n_current, 0, active);
		for (size_t i = 0; i < g->n; i++)
			ndrop += drop[i] = drop[i] && active[i];
	}
	int is_row = 0;
	for (size_t i = 0; i < n_current; i++)
		is_row |= current[i] == t.rev;
	if (err == 0 && t.rev != ALD_NOREV && ndrop == 0 && !is_row)
		err = ald__error_set(ALD_EINVALID,
				    "Destination %s is not a valid downgrade target from current head(s)", target);
	if (err == 0)
		err = ald__graph_toposort(g, drop, current, n_current, out);
	free(t.label);
	ald__ixvec_free(&roots);
	free(drop);
	free(active);
	return err;
}
