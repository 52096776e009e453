/* test_graph.c - the revision graph: build, classification, labels, errors,
 * lookups and ordering. Expected orders of the worked graphs (G1, G2, lin5)
 * were produced by Alembic 1.8.1 with file names read in sorted order
 * (aludel's map order) and PYTHONHASHSEED=0, or come from the traces of
 * doc/alembic-compat.md §4.3-4.4. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph_fixtures.h"

static int build(struct ald_graph **g, const struct spec *specs, size_t n)
{
	return fixture_build(g, specs, n, ALD_REVFILE_PY);
}

static struct ald_graph *build_ok(const struct spec *specs, size_t n)
{
	struct ald_graph *g = NULL;
	int err = build(&g, specs, n);
	if (err)
		fail_msg("build failed: %s", ald_error_last()->message);
	assert_non_null(g);
	return g;
}

#define BUILD(specs) build_ok(specs, sizeof(specs) / sizeof(specs[0]))

static void expect_error(const struct spec *specs, size_t n, int code, const char *msg)
{
	struct ald_graph *g = (struct ald_graph *)1;
	assert_int_equal(build(&g, specs, n), code);
	assert_null(g);
	assert_int_equal(ald_error_last()->code, code);
	assert_string_equal(ald_error_last()->message, msg);
}

#define EXPECT_ERROR(specs, code, msg) expect_error(specs, sizeof(specs) / sizeof(specs[0]), code, msg)

/* The revision with this id (must exist). */
static size_t R(const struct ald_graph *g, const char *id)
{
	size_t r = ald__graph_find(g, id);
	if (r == ALD_NOREV)
		fail_msg("no revision %s", id);
	return r;
}

/* The ids of a list of revisions, space-separated. */
static char *ids(const struct ald_graph *g, const size_t *v, size_t n)
{
	struct ald_buf b = {0};
	for (size_t i = 0; i < n; i++) {
		if (i)
			ald__buf_putc(&b, ' ');
		ald__buf_puts(&b, g->revs[v[i]].file.id);
	}
	return ald__buf_detach(&b);
}

static void assert_revs(const struct ald_graph *g, const struct ald_ixvec *v, const char *expected)
{
	char *s = ids(g, v->v, v->n);
	assert_string_equal(s, expected);
	free(s);
}

/* The propagated labels of a revision, comma-separated. */
static void assert_labels(const struct ald_graph *g, const char *id, const char *expected)
{
	size_t rev = R(g, id);
	struct ald_ixvec all = {0};
	struct ald_buf b = {0};
	ald__rev_labels(g, rev, &all);
	for (size_t i = 0; i < all.n; i++) {
		if (i)
			ald__buf_putc(&b, ',');
		ald__buf_puts(&b, g->labels[all.v[i]].name);
		assert_true(ald__rev_has_label(g, rev, all.v[i]));
	}
	char *s = ald__buf_detach(&b);
	if (strcmp(s, expected) != 0)
		fail_msg("labels of %s: expected '%s', got '%s'", id, expected, s);
	free(s);
	/* the accessors agree with the list */
	assert_int_equal(ald__rev_label_count(g, rev), all.n);
	for (size_t i = 0; i < all.n; i++)
		assert_int_equal(ald__rev_label_at(g, rev, i), all.v[i]);
	assert_int_equal(ald__rev_label_at(g, rev, all.n), ALD_NOREV);
	for (size_t l = 0; l < g->n_labels; l++)
		assert_int_equal(ald__rev_has_label(g, rev, l), ald__ixvec_contains(&all, l));
	ald__ixvec_free(&all);
}

/* The whole history: toposort of everything from the real heads. */
static void assert_history(const struct ald_graph *g, const char *expected)
{
	unsigned char *todo = malloc(g->n ? g->n : 1);
	memset(todo, 1, g->n);
	struct ald_ixvec out = {0};
	assert_int_equal(ald__graph_toposort(g, todo, g->real_heads.v, g->real_heads.n, &out), 0);
	assert_revs(g, &out, expected);
	ald__ixvec_free(&out);
	free(todo);
}

/* ---- the worked graphs ------------------------------------------------- */

/* G1 in the map order of the trace in §4.3 (Alembic's readdir order). */
static const struct spec g1_trace[] = {
	{"1000aaaa0001", NULL, NULL, NULL},
	{"8000dddd0002", "6000dddd0001", NULL, "7000ffff0001"},
	{"3000bbbb0002", "3000bbbb0001", NULL, NULL},
	{"4000cccc0001", "2000aaaa0002", NULL, NULL},
	{"7000ffff0001", NULL, "other", NULL},
	{"2000aaaa0002", "1000aaaa0001", NULL, NULL},
	{"4000cccc0002", "4000cccc0001", NULL, NULL},
	{"7000ffff0002", "7000ffff0001", NULL, NULL},
	{"5000eeee0001", "3000bbbb0002,4000cccc0002", NULL, NULL},
	{"6000dddd0001", "5000eeee0001", NULL, NULL},
	{"3000bbbb0001", "2000aaaa0002", "featb", NULL},
};

static void test_g1_trace_history(void **state)
{
	(void)state;
	struct ald_graph *g = BUILD(g1_trace);
	assert_revs(g, &g->heads, "8000dddd0002 7000ffff0002");
	assert_revs(g, &g->real_heads, "8000dddd0002 7000ffff0002");
	assert_history(g, "8000dddd0002 6000dddd0001 5000eeee0001 3000bbbb0002 3000bbbb0001 "
			  "4000cccc0002 4000cccc0001 7000ffff0002 2000aaaa0002 1000aaaa0001 "
			  "7000ffff0001");
	ald__graph_free(g);
}

/* §4.4: database at 2000aaaa0002, upgrade featb@head. */
static void test_g1_upgrade_featb(void **state)
{
	(void)state;
	const struct spec *specs[] = {g1_trace, G1};
	for (int k = 0; k < 2; k++) {
		struct ald_graph *g = build_ok(specs[k], 11);
		size_t target = R(g, "8000dddd0002"), cur = R(g, "2000aaaa0002");
		unsigned char *req = calloc(g->n, 1), *have = calloc(g->n, 1);
		assert_int_equal(ald__graph_ancestors_checked(g, &target, 1, req), 0);
		assert_int_equal(ald__graph_ancestors_checked(g, &cur, 1, have), 0);
		for (size_t i = 0; i < g->n; i++)
			req[i] = req[i] && !have[i];
		struct ald_ixvec out = {0};
		assert_int_equal(ald__graph_toposort(g, req, &target, 1, &out), 0);
		assert_revs(g, &out, "8000dddd0002 6000dddd0001 5000eeee0001 3000bbbb0002 "
				     "3000bbbb0001 7000ffff0001 4000cccc0002 4000cccc0001");
		ald__ixvec_free(&out);
		free(req);
		free(have);
		ald__graph_free(g);
	}
}

static void test_g1_model(void **state)
{
	(void)state;
	struct ald_graph *g = BUILD(G1);
	assert_int_equal(g->n, 11);
	assert_revs(g, &g->heads, "7000ffff0002 8000dddd0002");
	assert_revs(g, &g->real_heads, "7000ffff0002 8000dddd0002");
	assert_revs(g, &g->bases, "1000aaaa0001 7000ffff0001");
	assert_revs(g, &g->real_bases, "1000aaaa0001 7000ffff0001");
	const struct ald_rev *r2000 = &g->revs[R(g, "2000aaaa0002")];
	assert_int_equal(r2000->flags, ALD_REV_BRANCHPOINT | ALD_REV_REAL_BRANCHPOINT);
	assert_revs(g, &r2000->next, "3000bbbb0001 4000cccc0001");
	const struct ald_rev *m = &g->revs[R(g, "5000eeee0001")];
	assert_int_equal(m->flags, ALD_REV_MERGEPOINT);
	assert_revs(g, &m->down, "3000bbbb0002 4000cccc0002");
	assert_revs(g, &m->norm_down, "3000bbbb0002 4000cccc0002");
	const struct ald_rev *f1 = &g->revs[R(g, "7000ffff0001")];
	assert_int_equal(f1->flags, ALD_REV_BASE | ALD_REV_REAL_BASE | ALD_REV_REAL_BRANCHPOINT);
	assert_revs(g, &f1->next, "7000ffff0002");
	assert_revs(g, &f1->all_next, "7000ffff0002 8000dddd0002");
	const struct ald_rev *top = &g->revs[R(g, "8000dddd0002")];
	assert_int_equal(top->flags, ALD_REV_HEAD | ALD_REV_REAL_HEAD);
	assert_revs(g, &top->deps, "7000ffff0001");
	assert_revs(g, &top->norm_deps, "7000ffff0001");
	assert_revs(g, &top->norm_down, "6000dddd0001 7000ffff0001");
	/* labels: featb flows through the merge up to the head, not below */
	assert_labels(g, "3000bbbb0001", "featb");
	assert_labels(g, "3000bbbb0002", "featb");
	assert_labels(g, "5000eeee0001", "featb");
	assert_labels(g, "6000dddd0001", "featb");
	assert_labels(g, "8000dddd0002", "featb");
	assert_labels(g, "4000cccc0001", "");
	assert_labels(g, "4000cccc0002", "");
	assert_labels(g, "2000aaaa0002", "");
	assert_labels(g, "1000aaaa0001", "");
	assert_labels(g, "7000ffff0001", "other");
	assert_labels(g, "7000ffff0002", "other");
	assert_history(g, "7000ffff0002 8000dddd0002 6000dddd0001 5000eeee0001 3000bbbb0002 "
			  "3000bbbb0001 4000cccc0002 4000cccc0001 2000aaaa0002 1000aaaa0001 "
			  "7000ffff0001");
	ald__graph_free(g);
}

static void test_g2(void **state)
{
	(void)state;
	struct ald_graph *g = BUILD(G2);
	assert_revs(g, &g->heads, "bbbb00000002 cccc00000002");
	assert_revs(g, &g->real_heads, "cccc00000002");
	assert_revs(g, &g->bases, "aaaa00000001");
	assert_revs(g, &g->real_bases, "aaaa00000001");
	const struct ald_rev *eff = &g->revs[R(g, "bbbb00000002")];
	assert_true(eff->flags & ALD_REV_HEAD);
	assert_false(eff->flags & ALD_REV_REAL_HEAD); /* an effective head */
	assert_labels(g, "aaaa00000001", "");
	assert_labels(g, "bbbb00000001", "left");
	assert_labels(g, "bbbb00000002", "left");
	assert_labels(g, "cccc00000001", "right");
	assert_labels(g, "cccc00000002", "right");
	assert_history(g, "cccc00000002 cccc00000001 bbbb00000002 bbbb00000001 aaaa00000001");
	ald__graph_free(g);
}

static void test_lin5_labels(void **state)
{
	(void)state;
	struct ald_graph *g = BUILD(LIN5);
	for (size_t i = 0; i < 5; i++)
		assert_labels(g, LIN5[i].id, "lbl");
	assert_int_equal(g->n_labels, 1);
	assert_int_equal(ald__graph_find_label(g, "lbl"), 0);
	assert_int_equal(ald__graph_find(g, "lbl"), R(g, "aaaa00000003"));
	assert_history(g, "aaaa00000005 aaaa00000004 aaaa00000003 aaaa00000002 aaaa00000001");
	ald__graph_free(g);
}

/* A dependency also held by a down-revision ancestor is dropped from
 * norm_deps; a dependency that is itself an ancestor is kept (checked with
 * Alembic 1.8.1's _normalized_resolved_dependencies). */
static const struct spec deps_graph[] = {
	{"aaaa00000001", NULL, NULL, NULL},
	{"aaaa00000002", "aaaa00000001", NULL, "xxxx00000001"},
	{"aaaa00000003", "aaaa00000002", NULL, "xxxx00000001,aaaa00000001"},
	{"aaaa00000004", "aaaa00000003", NULL, "xlbl"},
	{"bbbb00000001", "aaaa00000001", NULL, "xxxx00000001"},
	{"xxxx00000001", NULL, "xlbl", NULL},
	{"xxxx00000002", "xxxx00000001", NULL, NULL},
};

static void test_depends_on(void **state)
{
	(void)state;
	struct ald_graph *g = BUILD(deps_graph);
	const struct ald_rev *a2 = &g->revs[R(g, "aaaa00000002")];
	const struct ald_rev *a3 = &g->revs[R(g, "aaaa00000003")];
	const struct ald_rev *a4 = &g->revs[R(g, "aaaa00000004")];
	const struct ald_rev *b1 = &g->revs[R(g, "bbbb00000001")];
	const struct ald_rev *x1 = &g->revs[R(g, "xxxx00000001")];
	assert_revs(g, &a2->norm_deps, "xxxx00000001");
	assert_revs(g, &a2->norm_down, "aaaa00000001 xxxx00000001");
	assert_revs(g, &a3->deps, "xxxx00000001 aaaa00000001");
	assert_revs(g, &a3->norm_deps, "aaaa00000001");
	assert_revs(g, &a3->norm_down, "aaaa00000002 aaaa00000001");
	assert_revs(g, &a4->deps, "xxxx00000001"); /* the label resolved */
	assert_revs(g, &a4->norm_deps, "");
	assert_revs(g, &a4->norm_down, "aaaa00000003");
	assert_revs(g, &b1->norm_deps, "xxxx00000001");
	assert_revs(g, &x1->next, "xxxx00000002");
	assert_revs(g, &x1->all_next, "aaaa00000002 aaaa00000003 aaaa00000004 bbbb00000001 xxxx00000002");
	assert_int_equal(x1->flags, ALD_REV_BASE | ALD_REV_REAL_BASE | ALD_REV_REAL_BRANCHPOINT);
	assert_int_equal(g->revs[R(g, "aaaa00000001")].flags,
			 ALD_REV_BASE | ALD_REV_REAL_BASE | ALD_REV_BRANCHPOINT | ALD_REV_REAL_BRANCHPOINT);
	assert_revs(g, &g->heads, "aaaa00000004 bbbb00000001 xxxx00000002");
	assert_revs(g, &g->real_heads, "aaaa00000004 bbbb00000001 xxxx00000002");
	assert_revs(g, &g->bases, "aaaa00000001 xxxx00000001");
	/* the label does not flow along dependency edges */
	assert_labels(g, "aaaa00000004", "");
	assert_labels(g, "xxxx00000002", "xlbl");
	assert_history(g, "aaaa00000004 aaaa00000003 aaaa00000002 bbbb00000001 xxxx00000002 "
			  "xxxx00000001 aaaa00000001");
	ald__graph_free(g);
}

/* A base with a dependency is a base but not a real base; a revision that
 * somebody depends on is not a real head. */
static void test_real_bases(void **state)
{
	(void)state;
	static const struct spec s[] = {
		{"aaaa00000001", NULL, NULL, NULL},
		{"bbbb00000001", NULL, NULL, "aaaa00000001"},
		{"bbbb00000002", "bbbb00000001", NULL, NULL},
	};
	struct ald_graph *g = BUILD(s);
	assert_revs(g, &g->bases, "aaaa00000001 bbbb00000001");
	assert_revs(g, &g->real_bases, "aaaa00000001");
	assert_revs(g, &g->heads, "aaaa00000001 bbbb00000002");
	assert_revs(g, &g->real_heads, "bbbb00000002");
	assert_int_equal(g->revs[0].flags, ALD_REV_BASE | ALD_REV_REAL_BASE | ALD_REV_HEAD);
	assert_int_equal(g->revs[1].flags, ALD_REV_BASE);
	assert_history(g, "bbbb00000002 bbbb00000001 aaaa00000001");
	ald__graph_free(g);
}

/* Captured from Alembic 1.8.1 (several labels compared as sets): the walk
 * below labels stops at a real branch point (aaaa00000002 has a dependent);
 * a merge of two labelled branches carries both. */
static void test_labels_walk_and_merge(void **state)
{
	(void)state;
	static const struct spec s[] = {
		{"aaaa00000001", NULL, NULL, NULL},
		{"aaaa00000002", "aaaa00000001", NULL, NULL},
		{"aaaa00000003", "aaaa00000002", NULL, NULL},
		{"aaaa00000004", "aaaa00000003", "x", NULL},
		{"aaaa00000005", "aaaa00000004", "y,z", NULL},
		{"bbbb00000001", NULL, NULL, "aaaa00000002"},
		{"cccc00000001", NULL, NULL, NULL},
		{"cccc00000002", "cccc00000001", "la", NULL},
		{"cccc00000003", "cccc00000001", "lb", NULL},
		{"cccc00000004", "cccc00000002,cccc00000003", NULL, NULL},
		{"cccc00000005", "cccc00000004", NULL, NULL},
	};
	struct ald_graph *g = BUILD(s);
	assert_labels(g, "aaaa00000001", "");
	assert_labels(g, "aaaa00000002", "");
	assert_labels(g, "aaaa00000003", "x,y,z");
	assert_labels(g, "aaaa00000004", "x,y,z");
	assert_labels(g, "aaaa00000005", "x,y,z");
	assert_labels(g, "bbbb00000001", "");
	assert_labels(g, "cccc00000001", "");
	assert_labels(g, "cccc00000002", "la");
	assert_labels(g, "cccc00000003", "lb");
	assert_labels(g, "cccc00000004", "la,lb");
	assert_labels(g, "cccc00000005", "la,lb");
	ald__graph_free(g);
}

/* More than 64 labels (several words per set), on a chain: everything
 * carries every label, in declaration order. */
static void test_labels_many(void **state)
{
	(void)state;
	enum { N = 150 };
	struct spec s[N];
	char names[N][3][16];
	for (int i = 0; i < N; i++) {
		snprintf(names[i][0], 16, "r%03d", i);
		snprintf(names[i][1], 16, "r%03d", i - 1);
		snprintf(names[i][2], 16, "l%03d", N - i);
		s[i] = (struct spec){names[i][0], i ? names[i][1] : NULL, i % 2 ? names[i][2] : NULL, NULL};
	}
	struct ald_graph *g = build_ok(s, N);
	assert_int_equal(g->n_labels, N / 2);
	for (int i = 0; i < N; i += 37) {
		size_t rev = R(g, names[i][0]);
		assert_int_equal(ald__rev_label_count(g, rev), N / 2);
		for (size_t l = 0; l < N / 2; l++)
			assert_int_equal(ald__rev_label_at(g, rev, l), l);
	}
	assert_string_equal(g->labels[0].name, "l149");
	assert_string_equal(g->labels[74].name, "l001");
	ald__graph_free(g);
}

/* ---- cycles (messages of Alembic 1.8.1, captured) ------------------------ */

static void test_cycle_no_heads(void **state)
{
	(void)state;
	/* no heads and no bases: every id, in map order */
	static const struct spec s[] = {
		{"aaaa00000003", "aaaa00000002", NULL, NULL},
		{"aaaa00000002", "aaaa00000003", NULL, NULL},
	};
	EXPECT_ERROR(s, ALD_ECYCLE, "Cycle is detected in revisions (aaaa00000003, aaaa00000002)");
	/* a base, but no head */
	static const struct spec t[] = {
		{"aaaa00000001", NULL, NULL, NULL},
		{"aaaa00000003", "aaaa00000002", NULL, NULL},
		{"aaaa00000002", "aaaa00000001,aaaa00000003", NULL, NULL},
	};
	EXPECT_ERROR(t, ALD_ECYCLE,
		     "Cycle is detected in revisions (aaaa00000001, aaaa00000003, aaaa00000002)");
}

static void test_cycle_sorted(void **state)
{
	(void)state;
	/* a head and a base: the revisions outside both walks, sorted */
	static const struct spec s[] = {
		{"aaaa00000005", "aaaa00000002", NULL, NULL},
		{"aaaa00000004", "aaaa00000001", NULL, NULL},
		{"aaaa00000003", "aaaa00000002", NULL, NULL},
		{"aaaa00000002", "aaaa00000003", NULL, NULL},
		{"aaaa00000001", NULL, NULL, NULL},
	};
	EXPECT_ERROR(s, ALD_ECYCLE,
		     "Cycle is detected in revisions (aaaa00000002, aaaa00000003, aaaa00000005)");
}

static void test_dependency_cycle(void **state)
{
	(void)state;
	/* no real head: every id in map order (captured in §2.4) */
	static const struct spec s[] = {
		{"aaaa00000003", "aaaa00000002", NULL, NULL},
		{"aaaa00000002", "aaaa00000001", NULL, "aaaa00000003"},
		{"aaaa00000001", NULL, NULL, NULL},
	};
	EXPECT_ERROR(s, ALD_ECYCLE,
		     "Dependency cycle is detected in revisions (aaaa00000003, aaaa00000002, aaaa00000001)");
	/* with a real head elsewhere: sorted */
	static const struct spec t[] = {
		{"aaaa00000004", "aaaa00000001", NULL, NULL},
		{"aaaa00000003", "aaaa00000002", NULL, NULL},
		{"aaaa00000002", "aaaa00000001", NULL, "aaaa00000003"},
		{"aaaa00000001", NULL, NULL, NULL},
	};
	EXPECT_ERROR(t, ALD_ECYCLE,
		     "Dependency cycle is detected in revisions (aaaa00000002, aaaa00000003)");
	/* depending on its own label */
	static const struct spec u[] = {
		{"aaaa00000001", NULL, NULL, NULL},
		{"aaaa00000002", "aaaa00000001", "x", "x"},
	};
	EXPECT_ERROR(u, ALD_ECYCLE,
		     "Dependency cycle is detected in revisions (aaaa00000001, aaaa00000002)");
}

/* Cycles Alembic 1.8.1 does not detect (it accepts the first and loops
 * forever in `history` on the second): aludel names them. */
static void test_cycle_missed_by_alembic(void **state)
{
	(void)state;
	static const struct spec s[] = {
		{"aaaa00000001", NULL, NULL, NULL},
		{"aaaa00000002", "aaaa00000003,aaaa00000001", NULL, NULL},
		{"aaaa00000003", "aaaa00000002", NULL, NULL},
		{"aaaa00000004", "aaaa00000003", NULL, NULL},
	};
	EXPECT_ERROR(s, ALD_ECYCLE, "Cycle is detected in revisions (aaaa00000002, aaaa00000003)");
	static const struct spec t[] = {
		{"aaaa00000001", NULL, NULL, NULL},
		{"aaaa00000002", "aaaa00000001", NULL, "aaaa00000003"},
		{"aaaa00000003", "aaaa00000001", NULL, "aaaa00000002"},
		{"aaaa00000004", "aaaa00000002", NULL, NULL},
		{"aaaa00000005", "aaaa00000003", NULL, NULL},
	};
	EXPECT_ERROR(t, ALD_ECYCLE,
		     "Dependency cycle is detected in revisions (aaaa00000002, aaaa00000003)");
}

/* ---- lookups ------------------------------------------------------------- */

static void test_find(void **state)
{
	(void)state;
	struct ald_graph *g = BUILD(G1);
	assert_int_equal(ald__graph_find(g, "3000bbbb0001"), 2);
	assert_int_equal(ald__graph_find(g, "featb"), 2);
	assert_int_equal(ald__graph_find(g, "other"), 8);
	assert_int_equal(ald__graph_find(g, "3000bbbb"), ALD_NOREV); /* exact only */
	assert_int_equal(ald__graph_find(g, ""), ALD_NOREV);
	assert_int_equal(ald__graph_find_label(g, "featb"), 0);
	assert_int_equal(ald__graph_find_label(g, "other"), 1);
	assert_int_equal(ald__graph_find_label(g, "3000bbbb0001"), ALD_NOREV);
	assert_int_equal(g->n_labels, 2);
	assert_string_equal(g->labels[1].name, "other");
	assert_int_equal(g->labels[1].rev, 8);
	assert_true(ald__rev_has_label(g, R(g, "8000dddd0002"), 0));
	assert_false(ald__rev_has_label(g, R(g, "8000dddd0002"), 1));
	assert_false(ald__rev_has_label(g, R(g, "2000aaaa0002"), 0));
	ald__graph_free(g);
}

static void assert_prefix(const struct ald_graph *g, const char *prefix, const char *expected)
{
	struct ald_ixvec out = {0};
	ald__ixvec_push(&out, 0); /* appends */
	ald__graph_prefix(g, prefix, &out);
	assert_int_equal(out.v[0], 0);
	char *s = ids(g, out.v + 1, out.n - 1);
	if (strcmp(s, expected) != 0)
		fail_msg("prefix '%s': expected '%s', got '%s'", prefix, expected, s);
	free(s);
	ald__ixvec_free(&out);
}

static void test_prefix(void **state)
{
	(void)state;
	struct ald_graph *g = BUILD(G1);
	assert_prefix(g, "1", "1000aaaa0001");
	assert_prefix(g, "3000", "3000bbbb0001 3000bbbb0002");
	assert_prefix(g, "3000bbbb0002", "3000bbbb0002");
	assert_prefix(g, "feat", "3000bbbb0001");
	assert_prefix(g, "oth", "7000ffff0001");
	assert_prefix(g, "9", "");
	ald__graph_free(g);
	/* keys of 3 characters or less are not prefix-matchable, labels are */
	static const struct spec s[] = {
		{"bbbb0001", NULL, "aaaalbl,xyz", NULL},
		{"aaaa0002", "bbbb0001", NULL, NULL},
		{"abc", "aaaa0002", NULL, NULL},
		{"abcd", "abc", "abcdlbl", NULL},
	};
	g = BUILD(s);
	assert_prefix(g, "a", "aaaa0002 abcd bbbb0001");
	assert_prefix(g, "ab", "abcd");
	assert_prefix(g, "abc", "abcd");
	assert_prefix(g, "abcdl", "abcd");
	assert_prefix(g, "aaaa", "aaaa0002 bbbb0001");
	assert_prefix(g, "x", "");
	assert_int_equal(ald__graph_find(g, "abc"), 2);
	assert_int_equal(ald__graph_find(g, "xyz"), 0);
	ald__graph_free(g);
}

/* ---- errors -------------------------------------------------------------- */

static void test_error_duplicate_id(void **state)
{
	(void)state;
	static const struct spec s[] = {
		{"aaaa00000001", NULL, NULL, NULL},
		{"aaaa00000002", "aaaa00000001", NULL, NULL},
		{"aaaa00000001", NULL, NULL, NULL},
	};
	EXPECT_ERROR(s, ALD_EINVALID,
		     "Revision aaaa00000001 is present more than once: aaaa00000001.py and aaaa00000001.py");
}

static void test_error_duplicate_label(void **state)
{
	(void)state;
	static const struct spec s[] = {
		{"aaaa00000001", NULL, "lbl", NULL},
		{"aaaa00000002", "aaaa00000001", "x,lbl", NULL},
	};
	EXPECT_ERROR(s, ALD_EINVALID,
		     "Branch name 'lbl' in revision aaaa00000002 already used by revision aaaa00000001");
	/* the later one in map order is "in", whatever the graph's shape */
	static const struct spec t[] = {
		{"aaaa00000002", "aaaa00000001", "lbl", NULL},
		{"aaaa00000001", NULL, "lbl", NULL},
	};
	EXPECT_ERROR(t, ALD_EINVALID,
		     "Branch name 'lbl' in revision aaaa00000001 already used by revision aaaa00000002");
	/* twice on one revision */
	static const struct spec u[] = {
		{"aaaa00000001", NULL, "lbl,lbl", NULL},
	};
	EXPECT_ERROR(u, ALD_EINVALID,
		     "Branch name 'lbl' in revision aaaa00000001 already used by revision aaaa00000001");
}

static void test_error_label_is_id(void **state)
{
	(void)state;
	/* a label equal to a revision id that comes later in map order */
	static const struct spec s[] = {
		{"aaaa00000001", NULL, "aaaa00000002", NULL},
		{"aaaa00000002", "aaaa00000001", NULL, NULL},
	};
	EXPECT_ERROR(s, ALD_EINVALID,
		     "Branch name 'aaaa00000002' in revision aaaa00000001 already used by revision aaaa00000002");
}

static void test_error_missing_down(void **state)
{
	(void)state;
	static const struct spec s[] = {
		{"aaaa00000001", NULL, NULL, NULL},
		{"aaaa00000002", "aaaa00000001,deadbeef0000", NULL, NULL},
	};
	EXPECT_ERROR(s, ALD_ENOTFOUND,
		     "aaaa00000002.py:2: Revision deadbeef0000 referenced from aaaa00000002 is not present");
	/* a label is not a down revision */
	static const struct spec t[] = {
		{"aaaa00000001", NULL, "lbl", NULL},
		{"aaaa00000002", "lbl", NULL, NULL},
	};
	EXPECT_ERROR(t, ALD_ENOTFOUND,
		     "aaaa00000002.py:2: Revision lbl referenced from aaaa00000002 is not present");
}

static void test_error_missing_dependency(void **state)
{
	(void)state;
	static const struct spec s[] = {
		{"aaaa00000001", NULL, NULL, NULL},
		{"aaaa00000002", "aaaa00000001", NULL, "aaaa0000"},
	};
	EXPECT_ERROR(s, ALD_ENOTFOUND,
		     "aaaa00000002.py:3: Revision aaaa00000002 depends on 'aaaa0000', which is not present");
	/* a missing dependency is reported before a missing down revision */
	static const struct spec t[] = {
		{"aaaa00000001", "nothere00001", NULL, NULL},
		{"aaaa00000002", NULL, NULL, "nothere00002"},
	};
	EXPECT_ERROR(t, ALD_ENOTFOUND,
		     "aaaa00000002.py:3: Revision aaaa00000002 depends on 'nothere00002', which is not present");
}

static void test_error_self_loops(void **state)
{
	(void)state;
	static const struct spec s[] = {
		{"aaaa00000001", NULL, NULL, NULL},
		{"aaaa00000002", "aaaa00000001,aaaa00000002", NULL, NULL},
	};
	EXPECT_ERROR(s, ALD_ECYCLE, "Self-loop is detected in revisions (aaaa00000002)");
	static const struct spec t[] = {
		{"aaaa00000001", NULL, NULL, NULL},
		{"aaaa00000002", "aaaa00000001", NULL, "aaaa00000002"},
	};
	EXPECT_ERROR(t, ALD_ECYCLE, "Dependency self-loop is detected in revisions (aaaa00000002)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_g1_trace_history),
		cmocka_unit_test(test_g1_upgrade_featb),
		cmocka_unit_test(test_g1_model),
		cmocka_unit_test(test_g2),
		cmocka_unit_test(test_lin5_labels),
		cmocka_unit_test(test_error_duplicate_id),
		cmocka_unit_test(test_error_duplicate_label),
		cmocka_unit_test(test_error_label_is_id),
		cmocka_unit_test(test_error_missing_down),
		cmocka_unit_test(test_error_missing_dependency),
		cmocka_unit_test(test_error_self_loops),
		cmocka_unit_test(test_depends_on),
		cmocka_unit_test(test_labels_walk_and_merge),
		cmocka_unit_test(test_labels_many),
		cmocka_unit_test(test_real_bases),
		cmocka_unit_test(test_cycle_no_heads),
		cmocka_unit_test(test_cycle_sorted),
		cmocka_unit_test(test_dependency_cycle),
		cmocka_unit_test(test_cycle_missed_by_alembic),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_prefix),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
