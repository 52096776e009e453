/* check_graph.c - `aludel check`'s graph checks over the files that parsed,
 * each problem reported, not only the first as the graph's build does:
 * duplicate revision ids and branch labels, down revisions and depends_on
 * naming nothing, cycles (every strongly connected set of revisions, by
 * Tarjan's algorithm, first through down revisions - Alembic's "Cycle" -
 * then through dependencies too - its "Dependency cycle"), and the heads. A
 * file whose id another file already holds (map order) stays out of the
 * graph: it is reported as a duplicate. */
#include "check.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NOREV SIZE_MAX

/* A name (revision id or label) and the file that declares it. */
struct key {
	const char *name;
	size_t file;
};

static int cmp_key(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	return c ? c : (x->file > y->file) - (x->file < y->file);
}

/* The file declaring `name` first in map order, or NOREV. */
static size_t find(const struct key *keys, size_t n, const char *name)
{
	size_t lo = 0, hi = n;
	while (lo < hi) { /* the first key >= name */
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(keys[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && strcmp(keys[lo].name, name) == 0 ? keys[lo].file : NOREV;
}

/* Sorts the keys and reports each one declared again (the later file). */
static size_t sort_report(struct ald_check_result *r, const struct ald_check_files *f, struct key *keys, size_t n,
			  int labels)
{
	size_t found = 0;
	qsort(keys, n, sizeof(*keys), cmp_key);
	for (size_t i = 1; i < n; i++) {
		if (strcmp(keys[i].name, keys[i - 1].name) != 0)
			continue;
		size_t first = i - 1;
		while (first > 0 && strcmp(keys[first - 1].name, keys[i].name) == 0)
			first--;
		const struct ald_revfile *a = &f->v[keys[first].file], *b = &f->v[keys[i].file];
		if (labels)
			ald__check_add(r, ALD_CHECK_LABEL, b->path, b->id_line,
				      "Branch name '%s' in revision %s already used by revision %s (%s)", keys[i].name,
				      b->id, a->id, ald__check_rel(r, a->path));
		else
			ald__check_add(r, ALD_CHECK_DUPLICATE, b->path, b->id_line,
				      "Revision %s is present more than once: also in %s", b->id,
				      ald__check_rel(r, a->path));
		found++;
	}
	return found;
}

/* Edges of the graph in one array: the neighbours of file i are
 * v[start[i]] .. v[start[i + 1] - 1]. */
struct adj {
	size_t *start, *v;
};

/* Tarjan's strongly connected components, without recursion: comp[i] gets
 * the component of node i. */
static void scc(const struct adj *a, size_t n, size_t *comp)
{
	size_t *index = ald__xmalloc((n ? n : 1) * sizeof(size_t));
	size_t *low = ald__xmalloc((n ? n : 1) * sizeof(size_t));
	size_t *stack = ald__xmalloc((n ? n : 1) * sizeof(size_t));
	size_t *call = ald__xmalloc((n ? n : 1) * sizeof(size_t)); /* nodes being visited */
	size_t *pos = ald__xmalloc((n ? n : 1) * sizeof(size_t));  /* their next edge */
	unsigned char *on = ald__xcalloc(n ? n : 1, 1);
	size_t counter = 0, top = 0, ncomp = 0;
	for (size_t i = 0; i < n; i++)
		index[i] = NOREV;
	for (size_t root = 0; root < n; root++) {
		if (index[root] != NOREV)
			continue;
		size_t depth = 0;
		call[depth] = root;
		pos[depth++] = a->start[root];
		index[root] = low[root] = counter++;
		stack[top++] = root;
		on[root] = 1;
		while (depth) {
			size_t v = call[depth - 1];
			if (pos[depth - 1] < a->start[v + 1]) {
				size_t w = a->v[pos[depth - 1]++];
				if (index[w] == NOREV) {
					index[w] = low[w] = counter++;
					stack[top++] = w;
					on[w] = 1;
					call[depth] = w;
					pos[depth++] = a->start[w];
				} else if (on[w] && index[w] < low[v]) {
					low[v] = index[w];
				}
				continue;
			}
			depth--;
			if (low[v] == index[v]) {
				size_t w;
				do {
					w = stack[--top];
					on[w] = 0;
					comp[w] = ncomp;
				} while (w != v);
				ncomp++;
			}
			if (depth && low[v] < low[call[depth - 1]])
				low[call[depth - 1]] = low[v];
		}
	}
	free(index);
	free(low);
	free(stack);
	free(call);
	free(pos);
	free(on);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Reports each component of two or more files (a self-loop never gets
 * here: the parsers refuse it). With `other` (the down-only components),
 * a component that is one of those is skipped: it was reported already. */
static size_t report_cycles(struct ald_check_result *r, const struct ald_check_files *f, const size_t *comp,
			    const size_t *other, const char *kind)
{
	size_t n = f->n, found = 0;
	size_t *size = ald__xcalloc(n ? n : 1, sizeof(size_t));
	size_t *other_size = ald__xcalloc(n ? n : 1, sizeof(size_t));
	unsigned char *done = ald__xcalloc(n ? n : 1, 1);
	const char **ids = ald__xmalloc((n ? n : 1) * sizeof(*ids));
	for (size_t i = 0; i < n; i++) {
		size[comp[i]]++;
		if (other)
			other_size[other[i]]++;
	}
	for (size_t i = 0; i < n; i++) {
		size_t c = comp[i];
		if (size[c] < 2 || done[c])
			continue;
		done[c] = 1;
		if (other && other_size[other[i]] == size[c])
			continue; /* the same files as a cycle through down revisions */
		struct ald_buf files = {0};
		size_t m = 0;
		for (size_t k = i; k < n; k++)
			if (comp[k] == c) {
				ids[m++] = f->v[k].id;
				ald__buf_printf(&files, "%s%s", m > 1 ? ", " : "", ald__check_rel(r, f->v[k].path));
			}
		qsort(ids, m, sizeof(*ids), cmp_str);
		struct ald_buf list = {0};
		for (size_t k = 0; k < m; k++)
			ald__buf_printf(&list, "%s%s", k ? ", " : "", ids[k]);
		const struct ald_revfile *first = &f->v[i];
		unsigned line = other && first->depends_line ? first->depends_line : first->down_line;
		ald__check_add(r, ALD_CHECK_CYCLE, first->path, line, "%s is detected in revisions (%s); files: %s", kind,
			      ald__buf_cstr(&list), ald__buf_cstr(&files));
		ald__buf_free(&list);
		ald__buf_free(&files);
		found++;
	}
	free(size);
	free(other_size);
	free(done);
	free(ids);
	return found;
}

/* The edges of every file in the graph (`in`) to the files its down
 * revisions name, and its depends_on too when `deps`. */
static void edges(struct adj *a, const struct ald_check_files *f, const unsigned char *in, const struct key *ids,
		  size_t n_ids, const struct key *labels, size_t n_labels, int deps)
{
	size_t total = 0;
	for (size_t i = 0; i < f->n; i++)
		total += f->v[i].down.n + (deps ? f->v[i].depends.n : 0);
	a->start = ald__xmalloc((f->n + 1) * sizeof(size_t));
	a->v = ald__xmalloc((total ? total : 1) * sizeof(size_t));
	size_t e = 0;
	for (size_t i = 0; i < f->n; i++) {
		a->start[i] = e;
		if (!in[i])
			continue;
		const struct ald_revfile *rf = &f->v[i];
		for (size_t k = 0; k < rf->down.n; k++) {
			size_t to = find(ids, n_ids, rf->down.v[k]);
			if (to != NOREV)
				a->v[e++] = to;
		}
		for (size_t k = 0; deps && k < rf->depends.n; k++) {
			size_t to = find(ids, n_ids, rf->depends.v[k]);
			if (to == NOREV)
				to = find(labels, n_labels, rf->depends.v[k]);
			if (to != NOREV)
				a->v[e++] = to;
		}
	}
	a->start[f->n] = e;
}

/* Each down revision and depends_on that names nothing. */
static size_t missing(struct ald_check_result *r, const struct ald_check_files *f, const unsigned char *in,
		      const struct key *ids, size_t n_ids, const struct key *labels, size_t n_labels)
{
	const char *hint = f->broken ? " (a file that does not parse may hold it)" : "";
	size_t found = 0;
	for (size_t i = 0; i < f->n; i++) {
		const struct ald_revfile *rf = &f->v[i];
		if (!in[i])
			continue;
		for (size_t k = 0; k < rf->down.n; k++)
			if (find(ids, n_ids, rf->down.v[k]) == NOREV) {
				ald__check_add(r, ALD_CHECK_MISSING_PARENT, rf->path, rf->down_line,
					      "Revision %s referenced from %s is not present%s", rf->down.v[k], rf->id, hint);
				found++;
			}
		for (size_t k = 0; k < rf->depends.n; k++)
			if (find(ids, n_ids, rf->depends.v[k]) == NOREV &&
			    find(labels, n_labels, rf->depends.v[k]) == NOREV) {
				ald__check_add(r, ALD_CHECK_MISSING_PARENT, rf->path, rf->depends_line,
					      "Revision %s depends on '%s', which is not present%s", rf->id,
					      rf->depends.v[k], hint);
				found++;
			}
	}
	return found;
}

/* The heads: files of the graph no other one names as a down revision. */
static void heads(struct ald_check_result *r, const struct ald_check_files *f, const unsigned char *in,
		  const struct key *ids, size_t n_ids, unsigned want)
{
	unsigned char *revised = ald__xcalloc(f->n ? f->n : 1, 1);
	size_t n_in = 0, n_heads = 0;
	for (size_t i = 0; i < f->n; i++) {
		if (!in[i])
			continue;
		n_in++;
		for (size_t k = 0; k < f->v[i].down.n; k++) {
			size_t to = find(ids, n_ids, f->v[i].down.v[k]);
			if (to != NOREV && to != i)
				revised[to] = 1;
		}
	}
	struct ald_buf list = {0};
	for (size_t i = 0; i < f->n; i++)
		if (in[i] && !revised[i])
			ald__buf_printf(&list, "%s%s (%s)", n_heads++ ? ", " : "", f->v[i].id,
				       ald__check_rel(r, f->v[i].path));
	unsigned expected = want ? want : 1;
	if (n_heads != expected && (n_in || want)) {
		if (n_heads == 0)
			ald__check_add(r, ALD_CHECK_HEADS, NULL, 0, "no head, expected %u", expected);
		else
			ald__check_add(r, ALD_CHECK_HEADS, NULL, 0, "%zu head%s, expected %u: %s", n_heads,
				      n_heads == 1 ? "" : "s", expected, ald__buf_cstr(&list));
	}
	ald__buf_free(&list);
	free(revised);
}

size_t ald__check_graph(struct ald_check_result *r, const struct ald_check_files *f, unsigned want)
{
	size_t n = f->n, found = 0, n_labels = 0;
	struct key *ids = ald__xmalloc((n ? n : 1) * sizeof(*ids));
	for (size_t i = 0; i < n; i++)
		ids[i] = (struct key){f->v[i].id, i};
	found += sort_report(r, f, ids, n, 0);
	/* in the graph: the first file of each id */
	unsigned char *in = ald__xcalloc(n ? n : 1, 1);
	for (size_t i = 0; i < n; i++)
		in[ids[i].file] = i == 0 || strcmp(ids[i].name, ids[i - 1].name) != 0;
	for (size_t i = 0; i < n; i++)
		n_labels += in[i] ? f->v[i].labels.n : 0;
	struct key *labels = ald__xmalloc((n_labels ? n_labels : 1) * sizeof(*labels));
	n_labels = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; in[i] && k < f->v[i].labels.n; k++)
			labels[n_labels++] = (struct key){f->v[i].labels.v[k], i};
	found += sort_report(r, f, labels, n_labels, 1);
	found += missing(r, f, in, ids, n, labels, n_labels);

	size_t *down_comp = ald__xmalloc((n ? n : 1) * sizeof(size_t));
	size_t *all_comp = ald__xmalloc((n ? n : 1) * sizeof(size_t));
	struct adj down, all;
	edges(&down, f, in, ids, n, labels, n_labels, 0);
	edges(&all, f, in, ids, n, labels, n_labels, 1);
	scc(&down, n, down_comp);
	scc(&all, n, all_comp);
	found += report_cycles(r, f, down_comp, NULL, "Cycle");
	found += report_cycles(r, f, all_comp, down_comp, "Dependency cycle");
	heads(r, f, in, ids, n, want);

	free(down.start);
	free(down.v);
	free(all.start);
	free(all.v);
	free(down_comp);
	free(all_comp);
	free(labels);
	free(in);
	free(ids);
	return found;
}
