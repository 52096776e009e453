/* resolve.c - revision identifiers (doc/alembic-compat.md §3.1-3.3): expansion of symbols, exact
 * and prefix lookup, branch qualifiers and lineage tests, get_revisions and
 * get_revision. Error texts are the CLI's (§3.6), with aludel's message for
 * an ambiguous prefix.
 */
#include "resolve_internal.h"
#include "error.h"

#include <stdlib.h>
#include <string.h>

#define MULTIPLE_HEADS_FMT                                                                        \
	"Multiple head revisions are present for given argument '%s'; please specify a specific " \
	"target revision, '<branchname>@%s' to narrow to a specific head, or 'heads' for all heads"

void ald__expanded_free(struct ald_expanded *e)
{
	free(e->label);
	ald__ixvec_free(&e->revs);
	memset(e, 0, sizeof(*e));
}

int ald__rerr_multiple_heads(const struct ald_rctx *c, const char *arg)
{
	if (c->mh_arg)
		arg = c->mh_arg;
	return ald__error_set(ALD_EMULTIPLEHEADS, MULTIPLE_HEADS_FMT, arg, arg);
}

int ald__rerr_not_found(const char *arg)
{
	return ald__error_set(ALD_ENOTFOUND, "Can't locate revision identified by '%s'", arg);
}

static int is_pyspace(char ch)
{
	return ch == ' ' || (ch >= '\t' && ch <= '\r') || (ch >= 0x1c && ch <= 0x1f);
}

char *ald__pystrip(const char *s)
{
	size_t a = 0, b = strlen(s);
	while (a < b && is_pyspace(s[a]))
		a++;
	while (b > a && is_pyspace(s[b - 1]))
		b--;
	return ald__xstrndup(s + a, b - a);
}

int ald__pyint(const char *s, int64_t *val)
{
	while (is_pyspace(*s))
		s++;
	int neg = 0;
	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	if (*s < '0' || *s > '9')
		return 0;
	int64_t v = 0;
	for (; *s; s++) {
		if (*s == '_') {
			if (s[1] < '0' || s[1] > '9')
				return 0;
			continue;
		}
		if (*s < '0' || *s > '9')
			break;
		int d = *s - '0';
		v = v > (INT64_MAX - d) / 10 ? INT64_MAX : v * 10 + d;
	}
	while (is_pyspace(*s))
		s++;
	if (*s)
		return 0;
	*val = neg ? -v : v;
	return 1;
}

/* Whether the key `name` is a prefix candidate for `id` (§3.3: longer than 3). */
static int key_matches(const char *name, const char *id, size_t len)
{
	return strlen(name) > 3 && strncmp(name, id, len) == 0;
}

/* The key by which revision r matched prefix `id`: its id, else a label. */
static const char *candidate_key(const struct ald_graph *g, size_t r, const char *id)
{
	size_t len = strlen(id);
	if (key_matches(g->revs[r].file.id, id, len))
		return g->revs[r].file.id;
	for (size_t li = 0; li < g->n_labels; li++)
		if (g->labels[li].rev == r && key_matches(g->labels[li].name, id, len))
			return g->labels[li].name;
	return g->revs[r].file.id;
}

static int ambiguous(const struct ald_graph *g, const char *id, const struct ald_ixvec *cand)
{
	struct ald_buf b = {0};
	for (size_t i = 0; i < cand->n; i++) {
		if (i)
			ald__buf_puts(&b, ", ");
		ald__buf_puts(&b, candidate_key(g, cand->v[i], id));
	}
	int err = ald__error_set(ALD_EAMBIGUOUS, "Ambiguous revision '%s': it matches %s", id,
				ald__buf_cstr(&b));
	ald__buf_free(&b);
	return err;
}

/* The versioned heads, restricted to the lineage of `label` when non-empty. */
static int labelled_heads(const struct ald_rctx *c, struct ald_ixvec *out, const char *label)
{
	for (size_t i = 0; i < c->g->heads.n; i++)
		ald__ixvec_push(out, c->g->heads.v[i]);
	if (label && *label)
		return ald__filter_lineage(c, out, label, 0);
	return 0;
}

int ald__expand(const struct ald_rctx *c, struct ald_expanded *e, const char *spec)
{
	memset(e, 0, sizeof(*e));
	const char *at = strchr(spec, '@'), *id = spec;
	if (at) {
		e->label = ald__xstrndup(spec, (size_t)(at - spec));
		id = at + 1;
	}
	const char *label = e->label;
	int err = 0;
	if (ald__streq(id, "heads")) {
		if (label && *label)
			err = labelled_heads(c, &e->revs, label);
		else
			for (size_t i = 0; i < c->g->real_heads.n; i++)
				ald__ixvec_push(&e->revs, c->g->real_heads.v[i]);
	} else if (ald__streq(id, "head")) {
		err = labelled_heads(c, &e->revs, label);
		if (err == 0 && e->revs.n > 1) {
			char *arg = label && *label ? ald__xasprintf("%s@head", label) : ald__xstrdup("head");
			err = ald__rerr_multiple_heads(c, arg);
			free(arg);
		}
	} else if (!ald__streq(id, "base")) {
		e->literal = id;
	}
	if (err < 0)
		ald__expanded_free(e);
	return err;
}

/* The revisions a lineage test against `check` compares with (the label of
 * "L@x" first, then what x stands for); *every when there are none. */
static int lineage_set(const struct ald_rctx *c, struct ald_ixvec *out, int *every, const char *check)
{
	struct ald_expanded e;
	int err = ald__expand(c, &e, check);
	if (err < 0)
		return err;
	size_t n0 = out->n, r;
	if (e.label && *e.label) {
		if ((err = ald__lookup(c, &r, e.label, NULL)) < 0)
			goto done;
		ald__ixvec_push(out, r);
	}
	if (e.literal) {
		if ((err = ald__lookup(c, &r, e.literal, NULL)) < 0)
			goto done;
		ald__ixvec_push(out, r);
	}
	for (size_t i = 0; i < e.revs.n; i++)
		ald__ixvec_push(out, e.revs.v[i]);
	*every = out->n == n0;
done:
	ald__expanded_free(&e);
	return err;
}

int ald__resolve_lineage(struct ald_ixvec *out, int *every, const struct ald_graph *g, const char *spec)
{
	struct ald_rctx c = {g, NULL};
	*every = 0;
	return lineage_set(&c, out, every, spec);
}

int ald__filter_lineage(const struct ald_rctx *c, struct ald_ixvec *v, const char *check, int with_deps)
{
	if (v->n == 0)
		return 0; /* Alembic resolves `check` lazily, per target */
	struct ald_ixvec shares = {0};
	int every = 0;
	int err = lineage_set(c, &shares, &every, check);
	if (err == 0 && !every) {
		size_t k = 0;
		for (size_t i = 0; i < v->n; i++) {
			int keep = 0;
			for (size_t j = 0; j < shares.n && !keep; j++)
				keep = ald__graph_shares_lineage(c->g, v->v[i], shares.v[j], with_deps);
			if (keep)
				v->v[k++] = v->v[i];
		}
		v->n = k;
	}
	ald__ixvec_free(&shares);
	return err;
}

int ald__resolve_branch(const struct ald_rctx *c, size_t *out, const char *label)
{
	*out = ald__graph_find(c->g, label);
	if (*out != ALD_NOREV)
		return 0;
	int err = ald__lookup(c, out, label, NULL);
	if (err == ALD_ENOTFOUND)
		return ald__rerr_not_found(label); /* "No such branch: '<label>'" */
	return err;
}

int ald__lookup(const struct ald_rctx *c, size_t *out, const char *id, const char *label)
{
	size_t branch = ALD_NOREV;
	int err;
	*out = ALD_NOREV;
	if (label && *label && (err = ald__resolve_branch(c, &branch, label)) < 0)
		return err;
	if (!*id)
		return ald__error_set(ALD_EINVALID, "Empty revision identifier");
	size_t r = ald__graph_find(c->g, id);
	if (r == ALD_NOREV) {
		struct ald_ixvec cand = {0};
		ald__graph_prefix(c->g, id, &cand);
		err = branch != ALD_NOREV ? ald__filter_lineage(c, &cand, label, 0) : 0;
		if (err == 0 && cand.n == 0)
			err = ald__rerr_not_found(id);
		else if (err == 0 && cand.n > 1)
			err = ambiguous(c->g, id, &cand);
		else if (err == 0)
			r = cand.v[0];
		ald__ixvec_free(&cand);
		if (err < 0)
			return err;
	}
	if (branch != ALD_NOREV && !ald__graph_shares_lineage(c->g, r, branch, 0))
		return ald__rerr_not_found(id); /* "Revision <r> is not a member of branch '<label>'" */
	*out = r;
	return 0;
}

/* -N in get_revisions: N steps below every real head (carrying the label
 * named `label` when one is given). A walk below base fails only once every
 * head was walked (1.8.1 crashes later, after any "Ambiguous walk"). */
static int below_heads(const struct ald_rctx *c, struct ald_ixvec *out, const char *literal,
		       int64_t steps, const char *label, int *hit_base)
{
	size_t li = label ? ald__graph_find_label(c->g, label) : ALD_NOREV, n0 = out->n;
	int over = 0;
	for (size_t i = 0; i < c->g->real_heads.n; i++) {
		size_t h = c->g->real_heads.v[i], r;
		if (label && (li == ALD_NOREV || !ald__rev_has_label(c->g, h, li)))
			continue;
		int err = ald__walk(c, &r, h, steps, NULL, 1);
		if (err < 0)
			return err;
		if (r == ALD_ROVER)
			over = 1;
		else if (r == ALD_RBASE && hit_base)
			*hit_base = 1;
		else if (r != ALD_RBASE)
			ald__ixvec_push(out, r);
	}
	if (!over)
		return 0;
	out->n = n0;
	char *num = ald__pystrip(literal);
	int err = ald__error_set(ALD_EINVALID, "Relative revision %s didn't produce %lld migrations", num,
				-(long long)steps);
	free(num);
	return err;
}

int ald__get_revisions(const struct ald_rctx *c, struct ald_ixvec *out, const char *spec, int *hit_base)
{
	struct ald_expanded e;
	int err = ald__expand(c, &e, spec);
	if (err < 0)
		return err;
	int64_t v;
	size_t r;
	if (e.literal && ald__pyint(e.literal, &v) && v < 0) {
		err = below_heads(c, out, e.literal, v, e.label, hit_base);
	} else if (e.literal) {
		if ((err = ald__lookup(c, &r, e.literal, e.label)) == 0)
			ald__ixvec_push(out, r);
	} else {
		/* each id goes through _revision_for_ident(id, label) as well */
		for (size_t i = 0; i < e.revs.n && err == 0; i++)
			if ((err = ald__lookup(c, &r, c->g->revs[e.revs.v[i]].file.id, e.label)) == 0)
				ald__ixvec_push(out, r);
	}
	ald__expanded_free(&e);
	return err;
}

int ald__get_revision(const struct ald_rctx *c, size_t *out, const char *spec)
{
	struct ald_expanded e;
	*out = ALD_NOREV;
	int err = ald__expand(c, &e, spec);
	if (err < 0)
		return err;
	if (e.revs.n > 1)
		err = ald__rerr_multiple_heads(c, spec);
	else if (e.literal)
		err = ald__lookup(c, out, e.literal, e.label);
	else if (e.revs.n == 1)
		err = ald__lookup(c, out, c->g->revs[e.revs.v[0]].file.id, e.label);
	else if (e.label && *e.label) { /* base: the qualifier must still exist */
		size_t branch;
		err = ald__resolve_branch(c, &branch, e.label);
	}
	ald__expanded_free(&e);
	return err;
}

int ald__resolve_revisions(struct ald_ixvec *out, const struct ald_graph *g, const char *spec)
{
	struct ald_rctx c = {g, NULL};
	size_t n0 = out->n;
	int err = ald__get_revisions(&c, out, spec, NULL);
	if (err < 0)
		out->n = n0;
	return err;
}

int ald__resolve_revision(size_t *out, const struct ald_graph *g, const char *spec)
{
	struct ald_rctx c = {g, NULL};
	return ald__get_revision(&c, out, spec);
}

void ald__tips(const struct ald_graph *g, struct ald_ixvec *out, const size_t *rows, size_t n)
{
	if (g->n == 0)
		return;
	unsigned char *in = ald__xcalloc(g->n, 1), *done = ald__xcalloc(g->n, 1);
	ald__graph_ancestors(g, rows, n, 0, in);
	for (size_t k = 0; k <= n; k++) {
		/* first the rows in their order, then (k == n) everything in map order */
		size_t from = k < n ? rows[k] : 0, to = k < n ? rows[k] + 1 : g->n;
		for (size_t i = from; i < to && i < g->n; i++) {
			if (!in[i] || done[i])
				continue;
			int tip = 1;
			for (size_t j = 0; j < g->revs[i].next.n && tip; j++)
				tip = !in[g->revs[i].next.v[j]];
			if (tip)
				ald__ixvec_push(out, i);
			done[i] = 1;
		}
	}
	free(done);
	free(in);
}

int ald__current_tips(struct ald_ixvec *out, const struct ald_graph *g, const size_t *current,
		     size_t n_current)
{
	ald__tips(g, out, current, n_current);
	return 0;
}
