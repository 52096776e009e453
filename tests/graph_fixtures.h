/* graph_fixtures.h - revision graphs written as data for the cmocka tests: a
 * `struct spec` per revision (comma-separated lists), the worked graphs of
 * doc/alembic-compat.md §2.6 in aludel's map order (files sorted by name), and
 * the builder that turns specs into revision files and a graph. Included by
 * the tests that need it (static definitions: one copy per test program). */
#ifndef GRAPH_FIXTURES_H
#define GRAPH_FIXTURES_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "graph.h"

/* A revision as a test writes it: lists are comma-separated, NULL = none. */
struct spec {
	const char *id, *down, *labels, *deps;
};

static const struct spec G1[] = {
	{"1000aaaa0001", NULL, NULL, NULL},
	{"2000aaaa0002", "1000aaaa0001", NULL, NULL},
	{"3000bbbb0001", "2000aaaa0002", "featb", NULL},
	{"3000bbbb0002", "3000bbbb0001", NULL, NULL},
	{"4000cccc0001", "2000aaaa0002", NULL, NULL},
	{"4000cccc0002", "4000cccc0001", NULL, NULL},
	{"5000eeee0001", "3000bbbb0002,4000cccc0002", NULL, NULL},
	{"6000dddd0001", "5000eeee0001", NULL, NULL},
	{"7000ffff0001", NULL, "other", NULL},
	{"7000ffff0002", "7000ffff0001", NULL, NULL},
	{"8000dddd0002", "6000dddd0001", NULL, "7000ffff0001"},
};

static const struct spec G2[] = {
	{"aaaa00000001", NULL, NULL, NULL},
	{"bbbb00000001", "aaaa00000001", "left", NULL},
	{"bbbb00000002", "bbbb00000001", NULL, NULL},
	{"cccc00000001", "aaaa00000001", "right", NULL},
	{"cccc00000002", "cccc00000001", NULL, "bbbb00000002"},
};

static const struct spec LIN5[] = {
	{"aaaa00000001", NULL, NULL, NULL},
	{"aaaa00000002", "aaaa00000001", NULL, NULL},
	{"aaaa00000003", "aaaa00000002", "lbl", NULL},
	{"aaaa00000004", "aaaa00000003", NULL, NULL},
	{"aaaa00000005", "aaaa00000004", NULL, NULL},
};

/* Appends the comma-separated items of csv (NULL: none). */
static inline void fixture_split(struct ald_strvec *sv, const char *csv)
{
	if (!csv)
		return;
	for (const char *p = csv;;) {
		const char *q = strchr(p, ',');
		ald__strvec_push(sv, q ? ald__xstrndup(p, (size_t)(q - p)) : ald__xstrdup(p));
		if (!q)
			break;
		p = q + 1;
	}
}

/* Fills a revision file as a parser would: path "<id>.py" or "<id>.sql",
 * the id on line 1, the down revisions on line 2, depends_on on line 3. */
static inline void fixture_fill(struct ald_revfile *f, const struct spec *s, enum ald_revfile_kind kind)
{
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->path = ald__xasprintf("%s.%s", s->id, kind == ALD_REVFILE_PY ? "py" : "sql");
	f->id = ald__xstrdup(s->id);
	f->id_line = 1;
	f->doc = ald__xstrdup(s->id);
	f->message = ald__xstrdup(s->id);
	fixture_split(&f->down, s->down);
	f->down_line = 2;
	fixture_split(&f->depends, s->deps);
	f->depends_line = 3;
	fixture_split(&f->labels, s->labels);
	f->transactional = 1;
}

/* Builds the graph of n specs; returns ald__graph_build's result. Every
 * file's contents pass to the graph (checked: the structs come back zeroed). */
static inline int fixture_build(struct ald_graph **g, const struct spec *specs, size_t n,
				enum ald_revfile_kind kind)
{
	struct ald_revfile *files = ald__xcalloc(n ? n : 1, sizeof(*files));
	for (size_t i = 0; i < n; i++)
		fixture_fill(&files[i], &specs[i], kind);
	int err = ald__graph_build(g, files, n);
	for (size_t i = 0; i < n; i++)
		assert_null(files[i].id);
	free(files);
	return err;
}

/* The graph of n specs; a build error fails the test. */
static inline struct ald_graph *fixture_graph(const struct spec *specs, size_t n, enum ald_revfile_kind kind)
{
	struct ald_graph *g = NULL;
	if (fixture_build(&g, specs, n, kind) < 0)
		fail_msg("build failed: %s", ald_error_last()->message);
	assert_non_null(g);
	return g;
}

#define FIXTURE_N(specs) (sizeof(specs) / sizeof(specs[0]))

#endif
