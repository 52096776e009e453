/* resolve_graphs.h - fixtures shared by test_resolve.c and test_history.c:
 * the worked graphs of doc/alembic-compat.md §2.6 (G1, G2, lin5) and a graph
 * of short ids and similar labels, each with its files in sorted file-name
 * order (aludel's map order), and a table-driven runner comparing a
 * function's result with an expected list of ids or error message.
 *
 * The expected values in the tables were produced by Alembic 1.8.1 (Debian)
 * on the same graphs, with os.listdir sorted and PYTHONHASHSEED=0, calling
 * the functions the CLI calls (get_revisions, get_revision, walk_revisions,
 * _upgrade_revs, _downgrade_revs) and printing the CLI's error texts. The
 * entries marked "aludel:" are the deliberate differences of resolve.h
 * (ambiguous prefixes, and cases where 1.8.1 crashes).
 */
#ifndef RESOLVE_GRAPHS_H
#define RESOLVE_GRAPHS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph_fixtures.h"
#include "resolve.h"

/* Ids of 3 and 4 characters, labels sharing a prefix with each other and
 * with a revision id. */
static const struct spec SHORT[] = {
	{"abc", NULL, NULL, NULL},
	{"abcd", "abc", "featb", NULL},
	{"abce", "abc", "feta", NULL},
	{"fe5678", "abce", NULL, NULL},
	{"x1234", "abcd", NULL, NULL},
};

#define GRAPH(specs) fixture_graph(specs, FIXTURE_N(specs), ALD_REVFILE_PY)

/* Group state: one graph of each kind. */
struct graphs {
	struct ald_graph *g1, *g2, *lin5, *shrt;
};

static int setup_graphs(void **state)
{
	struct graphs *gs = calloc(1, sizeof(*gs));
	gs->g1 = GRAPH(G1);
	gs->g2 = GRAPH(G2);
	gs->lin5 = GRAPH(LIN5);
	gs->shrt = GRAPH(SHORT);
	*state = gs;
	return 0;
}

static int teardown_graphs(void **state)
{
	struct graphs *gs = *state;
	ald__graph_free(gs->g1);
	ald__graph_free(gs->g2);
	ald__graph_free(gs->lin5);
	ald__graph_free(gs->shrt);
	free(gs);
	return 0;
}

/* The revision with this id (must exist). */
static size_t R(const struct ald_graph *g, const char *id)
{
	size_t r = ald__graph_find(g, id);
	if (r == ALD_NOREV || strcmp(g->revs[r].file.id, id) != 0)
		fail_msg("no revision %s", id);
	return r;
}

/* The rows named by a space-separated list of ids. */
static void rows_of(const struct ald_graph *g, const char *ids, struct ald_ixvec *out)
{
	if (!ids)
		return;
	char *copy = ald__xstrdup(ids), *save = NULL;
	for (char *t = strtok_r(copy, " ", &save); t; t = strtok_r(NULL, " ", &save))
		ald__ixvec_push(out, R(g, t));
	free(copy);
}

/* The ids of a list, space-separated ("<base>" for ALD_NOREV); caller frees. */
static char *ids_of(const struct ald_graph *g, const struct ald_ixvec *v)
{
	struct ald_buf b = {0};
	for (size_t i = 0; i < v->n; i++) {
		if (i)
			ald__buf_putc(&b, ' ');
		ald__buf_puts(&b, v->v[i] == ALD_NOREV ? "<base>" : g->revs[v->v[i]].file.id);
	}
	return ald__buf_detach(&b);
}

/* One case of a table: the argument, the rows (NULL: none) and the expected
 * result: ids space-separated, or "!" and the error message. */
struct rcase {
	const char *arg, *rows, *expect;
};

#define MH(arg)                                                                                   \
	"!Multiple head revisions are present for given argument '" arg "'; please specify a "      \
	"specific target revision, '<branchname>@" arg "' to narrow to a specific head, or "       \
	"'heads' for all heads"
#define NF(arg) "!Can't locate revision identified by '" arg "'"
#define RANGE(ab) "!Requested range " ab " does not refer to ancestor/descendant revisions along the same branch"

/* The code an error message must come with. */
static int code_for(const char *msg)
{
	if (strncmp(msg, "Can't locate", 12) == 0)
		return ALD_ENOTFOUND;
	if (strncmp(msg, "Ambiguous revision '", 20) == 0)
		return ALD_EAMBIGUOUS;
	if (strncmp(msg, "Multiple head revisions", 23) == 0)
		return ALD_EMULTIPLEHEADS;
	return ALD_EINVALID;
}

/* A function under test, in one shape: the argument, the rows, the result. */
typedef int (*rfunc)(struct ald_ixvec *out, const struct ald_graph *g, const char *arg,
		     const size_t *rows, size_t n_rows);

/* Runs every case of a table; reports each mismatch and fails at the end. */
static void run_cases(const struct ald_graph *g, rfunc fn, const struct rcase *cases, size_t n,
		      const char *what)
{
	int bad = 0;
	for (size_t i = 0; i < n; i++) {
		const struct rcase *c = &cases[i];
		struct ald_ixvec rows = {0}, out = {0};
		rows_of(g, c->rows, &rows);
		ald__error_clear();
		int err = fn(&out, g, c->arg, rows.v, rows.n);
		char *got = err < 0 ? ald__xasprintf("!%s", ald_error_last() ? ald_error_last()->message : "?")
				    : ids_of(g, &out);
		int code_ok = err == 0 ? c->expect[0] != '!' : err == code_for(c->expect + 1);
		if (strcmp(got, c->expect) != 0 || !code_ok) {
			print_error("%s '%s' rows [%s]:\n  expected %s\n  got      %s (code %d)\n", what,
				    c->arg, c->rows ? c->rows : "", c->expect, got, err);
			bad++;
		}
		free(got);
		ald__ixvec_free(&rows);
		ald__ixvec_free(&out);
	}
	if (bad)
		fail_msg("%d of %zu %s cases failed", bad, n, what);
}

#define RUN(g, fn, cases, what) run_cases(g, fn, cases, sizeof(cases) / sizeof(cases[0]), what)

#endif
