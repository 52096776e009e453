/* history.c - the revisions `history -r A:B` prints, newest first (doc/alembic-compat.md §3.5
 * history rules, §4.3, §6.6): Alembic's walk_revisions(A, B) with both ends
 * inclusive and lenient relative walking.
 */
#include "resolve_internal.h"
#include "error.h"

#include <stdlib.h>
#include <string.h>

struct range {
	char *a, *b;             /* owned texts; NULL where `current` stands for the rows */
	struct ald_endpoint start, end;
	const char *start_text, *end_text; /* for messages */
};

static int range_error(const struct range *r)
{
	return ald__error_set(ALD_EINVALID,
			     "Requested range %s:%s does not refer to ancestor/descendant revisions along the same branch",
			     r->start_text, r->end_text);
}

/* Splits the -r value; `current` (the end first) becomes the rows; an empty
 * start is base, an empty end heads (also when there are no rows). */
static int parse_range(struct range *r, const char *range, const size_t *rows, size_t n_rows)
{
	memset(r, 0, sizeof(*r));
	if (!range) {
		r->a = ald__xstrdup("base");
		r->b = ald__xstrdup("heads");
	} else {
		if (!strchr(range, ':'))
			return ald__error_set(ALD_EINVALID,
					     "History range requires [start]:[end], [start]:, or :[end]");
		char *s = ald__pystrip(range), *colon = strchr(s, ':');
		if (!colon || strchr(colon + 1, ':')) {
			free(s);
			return ald__error_set(ALD_EINVALID, "Invalid range '%s'", range);
		}
		r->a = ald__xstrndup(s, (size_t)(colon - s));
		r->b = ald__xstrdup(colon + 1);
		free(s);
	}
	char **cur = ald__streq(r->b, "current") ? &r->b : ald__streq(r->a, "current") ? &r->a : NULL;
	if (cur && n_rows) {
		free(*cur);
		*cur = NULL;
	} else if (cur) {
		(*cur)[0] = '\0';
	}
	if (r->a && !*r->a) {
		free(r->a);
		r->a = ald__xstrdup("base");
	}
	if (r->b && !*r->b) {
		free(r->b);
		r->b = ald__xstrdup("heads");
	}
	r->start = (struct ald_endpoint){r->a, r->a ? NULL : rows, r->a ? 0 : n_rows};
	r->end = (struct ald_endpoint){r->b, r->b ? NULL : rows, r->b ? 0 : n_rows};
	r->start_text = r->a ? r->a : "current";
	r->end_text = r->b ? r->b : "current";
	return 0;
}

static void range_free(struct range *r)
{
	free(r->a);
	free(r->b);
}

/* A start "L@x" keeps only the targets carrying branch L (a revision id as
 * L stands for its one branch label). */
static int filter_targets(const struct ald_rctx *c, struct ald_ixvec *targets, const char *start)
{
	const struct ald_graph *g = c->g;
	char *branch = ald__xstrndup(start, (size_t)(strchr(start, '@') - start));
	size_t br, li;
	int err = ald__get_revision(c, &br, branch);
	if (err == 0 && br != ALD_NOREV && ald__streq(g->revs[br].file.id, branch)) {
		/* 1.8.1 asserts that the revision carries exactly one label */
		struct ald_ixvec labels_v = {0};
		ald__rev_labels(g, br, &labels_v);
		const struct ald_ixvec *labels = &labels_v;
		if (labels->n == 1) {
			free(branch);
			branch = ald__xstrdup(g->labels[labels->v[0]].name);
		} else if (labels->n == 0) {
			err = ald__error_set(ALD_EINVALID,
					    "Revision %s has no branch label to select a branch with",
					    g->revs[br].file.id);
		} else {
			struct ald_buf b = {0};
			for (size_t i = 0; i < labels->n; i++)
				ald__buf_printf(&b, "%s%s", i ? ", " : "", g->labels[labels->v[i]].name);
			err = ald__error_set(ALD_EINVALID,
					    "Revision %s has several branch labels (%s); name one of them instead",
					    g->revs[br].file.id, ald__buf_cstr(&b));
			ald__buf_free(&b);
		}
		ald__ixvec_free(&labels_v);
	}
	if (err == 0) {
		li = ald__graph_find_label(g, branch);
		size_t k = 0;
		for (size_t i = 0; i < targets->n; i++)
			if (li != ALD_NOREV && ald__rev_has_label(g, targets->v[i], li))
				targets->v[k++] = targets->v[i];
		targets->n = k;
	}
	free(branch);
	return err;
}

/* required - have + current, within the descendants of current (§4.3 3-7). */
static int todo_set(const struct ald_rctx *c, const struct range *r, const struct ald_ixvec *targets,
		    unsigned char *todo)
{
	const struct ald_graph *g = c->g;
	struct ald_ixvec cur = {0};
	size_t n = g->n ? g->n : 1;
	unsigned char *have = ald__xcalloc(n, 1), *below = ald__xcalloc(n, 1);
	int hit_base = 0, err = ald__graph_ancestors_checked(g, targets->v, targets->n, todo);
	if (err == 0 && r->start.text)
		err = ald__get_revisions(c, &cur, r->start.text, &hit_base);
	for (size_t i = 0; i < r->start.n_rows; i++)
		ald__ixvec_push(&cur, r->start.rows[i]);
	for (size_t i = 0; i < cur.n && err == 0 && !hit_base; i++)
		if (!todo[cur.v[i]])
			hit_base = 1;
	if (err == 0 && hit_base)
		err = range_error(r);
	if (err == 0)
		err = ald__graph_ancestors_checked(g, cur.v, cur.n, have);
	if (err == 0 && cur.n)
		ald__graph_descendants(g, cur.v, cur.n, 1, below);
	for (size_t i = 0; i < g->n && err == 0; i++) {
		todo[i] = todo[i] && !have[i];
		if (cur.n && !below[i])
			todo[i] = 0;
	}
	for (size_t i = 0; i < cur.n && err == 0; i++)
		todo[cur.v[i]] = 1;
	ald__ixvec_free(&cur);
	free(have);
	free(below);
	return err;
}

int ald__history(struct ald_ixvec *out, const struct ald_graph *g, const char *range,
		const size_t *current, size_t n_current)
{
	struct range r;
	int err = parse_range(&r, range, current, n_current);
	if (err < 0)
		return err;
	struct ald_rctx c = {g, r.end_text};
	struct ald_ixvec targets = {0};
	if (r.end.text)
		err = ald__upgrade_targets(&c, &targets, &r.start, r.end.text, 0);
	for (size_t i = 0; i < r.end.n_rows; i++)
		ald__ixvec_push(&targets, r.end.rows[i]);
	if (err == 0 && r.start.text && strchr(r.start.text, '@'))
		err = filter_targets(&c, &targets, r.start.text);
	unsigned char *todo = ald__xcalloc(g->n ? g->n : 1, 1);
	if (err == 0)
		err = todo_set(&c, &r, &targets, todo);
	size_t n0 = out->n;
	/* 1.8.1 fails an assertion when the end is reached from the start only
	 * through a dependency: the sort cannot exhaust the set */
	if (err == 0 && g->n && ald__graph_toposort(g, todo, targets.v, targets.n, out) < 0) {
		out->n = n0;
		err = range_error(&r);
	}
	free(todo);
	ald__ixvec_free(&targets);
	range_free(&r);
	return err;
}
