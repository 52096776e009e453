/* test_lanes.c - the lane layout of the graph view, fed graphs and compared
 * as ASCII pictures (and one UTF-8 row). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lanes.h"
#include "lanes_reference.h"
#include "shape_gen.h"

#define P(...) ((const size_t[]){__VA_ARGS__})
#define R(n, ...) {P(__VA_ARGS__), n, 0}
#define BASE {NULL, 0, 0}

/* Lays out the revisions and compares every row's ASCII text (trailing blanks
 * removed) with the expected lines. */
static void check(const struct lanes_rev *revs, size_t n, const char *const *expected)
{
	struct lanes l;
	assert_int_equal(lanes_layout(&l, revs, n), 0);
	assert_int_equal(l.n_rows, n);
	for (size_t i = 0; i < n; i++) {
		char buf[256];
		lanes_render_row(&l, i, 0, buf, sizeof(buf));
		size_t len = strlen(buf);
		while (len > 0 && buf[len - 1] == ' ')
			buf[--len] = '\0';
		if (strcmp(buf, expected[i]) != 0)
			fail_msg("row %zu: expected '%s', got '%s'", i, expected[i], buf);
	}
	lanes_free(&l);
}

static void test_linear(void **state)
{
	(void)state;
	const struct lanes_rev revs[] = {R(1, 1), R(1, 2), BASE};
	check(revs, 3, (const char *const[]){"*", "*", "*"});
}

static void test_branches(void **state)
{
	(void)state;
	/* two heads on one branch point */
	const struct lanes_rev revs[] = {R(1, 2), R(1, 2), R(1, 3), BASE};
	check(revs, 4, (const char *const[]){"*", "| *", "*-/", "*"});
}

static void test_merge(void **state)
{
	(void)state;
	const struct lanes_rev revs[] = {R(2, 1, 2), R(1, 3), R(1, 3), BASE};
	check(revs, 4, (const char *const[]){"*-\\", "* |", "| *", "*-/"});
}

static void test_several_bases(void **state)
{
	(void)state;
	/* a: 0 -> 2 ; b: 1 -> 3, two roots */
	const struct lanes_rev revs[] = {R(1, 2), R(1, 3), BASE, BASE};
	check(revs, 4, (const char *const[]){"*", "| *", "* |", "  *"});
}

static void test_crossing(void **state)
{
	(void)state;
	/* the line from lane 2 into lane 0 crosses lane 1 */
	const struct lanes_rev revs[] = {R(1, 3), R(1, 4), R(1, 3), BASE, BASE};
	check(revs, 5, (const char *const[]){"*", "| *", "| | *", "*-+-/", "  *"});
}

static void test_depends_on(void **state)
{
	(void)state;
	/* 0 revises 1 and depends on 2 (another root) */
	const struct lanes_rev revs[] = {{P(1, 2), 2, 1}, R(1, 3), BASE, BASE};
	check(revs, 4, (const char *const[]){"*.\\", "* :", "| *", "*"});
}

static void test_parent_already_waited_for(void **state)
{
	(void)state;
	/* 0 -> 2; 1 merges 3 and 2: joins the lane already waiting for 2 */
	const struct lanes_rev revs[] = {R(1, 2), R(2, 3, 2), R(1, 3), BASE};
	check(revs, 4, (const char *const[]){"*", "+-*", "* |", "*-/"});
	const struct lanes_rev revs2[] = {R(1, 3), R(1, 2), R(2, 3, 4), R(1, 4), BASE};
	check(revs2, 5, (const char *const[]){"*", "| *", "| *-\\", "*-/ |", "*---/"});
}

static void test_utf8(void **state)
{
	(void)state;
	const struct lanes_rev revs[] = {R(2, 1, 2), R(1, 3), R(1, 3), BASE};
	struct lanes l;
	char buf[64];
	assert_int_equal(lanes_layout(&l, revs, 4), 0);
	assert_int_equal(lanes_render_row(&l, 0, 1, buf, sizeof(buf)), 4);
	assert_string_equal(buf, "\u25cf\u2500\u2510 ");
	lanes_render_row(&l, 3, 1, buf, sizeof(buf));
	assert_string_equal(buf, "\u25cf\u2500\u2518 ");
	assert_int_equal(l.rows[2].column, 1);
	assert_int_equal(l.max_width, 2);
	lanes_free(&l);
}

/* n heads, each one revision on the base (the last row): n lanes wide */
static void fan(struct lanes *l, size_t n)
{
	static struct lanes_rev revs[64];
	static size_t base[1];
	base[0] = n;
	for (size_t i = 0; i < n; i++)
		revs[i] = (struct lanes_rev){base, 1, 0};
	revs[n] = (struct lanes_rev){NULL, 0, 0};
	assert_int_equal(lanes_layout(l, revs, n + 1), 0);
}

static void test_wide_rows_are_clean(void **state)
{
	(void)state;
	/* the lanes grow past their first allocation (8) while a row is built:
	 * every cell is a known symbol */
	struct lanes l;
	fan(&l, 40);
	for (size_t i = 0; i < l.n_rows; i++) {
		unsigned char cells[2 * 64];
		lanes_row_cells(&l, i, 0, l.rows[i].width, cells);
		for (size_t c = 0; c < 2 * l.rows[i].width; c++)
			assert_true(cells[c] <= LANE_DEPHLINE);
	}
	char buf[256];
	lanes_render_row(&l, 39, 0, buf, sizeof(buf));
	assert_string_equal(buf, "| | | | | | | | | | | | | | | | | | | | | | | | | | | | | | | | | | | | | | | * ");
	lanes_free(&l);
}

static void test_fit(void **state)
{
	(void)state;
	struct lanes l;
	char buf[256];
	fan(&l, 30);
	/* row 2: lanes 0-1 pass, the revision in lane 2, 30 lanes wide at the base */
	assert_int_equal(lanes_render_fit(&l, 2, 0, 100, buf, sizeof(buf)), 6);
	assert_string_equal(buf, "| | * ");
	/* the base row: lane 0 with 29 lanes merging in, 58 columns; in 12 */
	assert_int_equal(lanes_render_fit(&l, 30, 0, 12, buf, sizeof(buf)), 12);
	assert_string_equal(buf, "*-+-+-+-+26 ");
	/* the revision in lane 29 of 30: folded in the middle, symbol kept */
	assert_int_equal(lanes_render_fit(&l, 29, 0, 12, buf, sizeof(buf)), 12);
	assert_string_equal(buf, "| | | +26 * ");
	/* UTF-8: the marker is "…+N", one column per symbol (3 bytes each) */
	size_t cols = lanes_render_fit(&l, 30, 1, 12, buf, sizeof(buf));
	assert_int_equal(cols, 11);
	assert_string_equal(buf, "\u25cf\u2500\u2534\u2500\u2534\u2500\u2026+27 ");
	cols = lanes_render_fit(&l, 29, 1, 12, buf, sizeof(buf));
	assert_string_equal(buf, "\u2502 \u2502 \u2026+27 \u25cf ");
	assert_int_equal(cols, 11);
	/* at every width from 12 on: never wider, and the revision's symbol is kept */
	for (size_t i = 0; i < l.n_rows; i++)
		for (size_t w = 12; w < 70; w++) {
			cols = lanes_render_fit(&l, i, 0, w, buf, sizeof(buf));
			assert_true(cols <= w);
			assert_int_equal(cols, strlen(buf));
			assert_non_null(strchr(buf, '*'));
		}
	lanes_free(&l);
}

static void test_fit_at(void **state)
{
	(void)state;
	struct lanes l;
	char buf[256];
	fan(&l, 30);
	/* row 10 (the revision in lane 10), lanes from 4: the marker, then lanes 4-10 */
	assert_int_equal(lanes_render_fit_at(&l, 10, 4, 0, 100, buf, sizeof(buf)), 16);
	assert_string_equal(buf, " <| | | | | | * ");
	/* row 2: its lane is scrolled off, its symbol leads the marker */
	assert_int_equal(lanes_render_fit_at(&l, 2, 4, 0, 100, buf, sizeof(buf)), 2);
	assert_string_equal(buf, "*<");
	/* offset 0 is lanes_render_fit */
	assert_int_equal(lanes_render_fit_at(&l, 29, 0, 0, 12, buf, sizeof(buf)), 12);
	assert_string_equal(buf, "| | | +26 * ");
	/* the base row in 33 columns: each scroll by 2 lanes shows lanes that
	 * were folded (the first one pays for the marker): the count drops */
	assert_int_equal(lanes_render_fit_at(&l, 30, 0, 0, 33, buf, sizeof(buf)), 32);
	assert_string_equal(buf, "*-+-+-+-+-+-+-+-+-+-+-+-+-+-+16 ");
	assert_int_equal(lanes_render_fit_at(&l, 30, 2, 0, 33, buf, sizeof(buf)), 32);
	assert_string_equal(buf, "*<+-+-+-+-+-+-+-+-+-+-+-+-+-+15 ");
	assert_int_equal(lanes_render_fit_at(&l, 30, 4, 0, 33, buf, sizeof(buf)), 32);
	assert_string_equal(buf, "*<+-+-+-+-+-+-+-+-+-+-+-+-+-+13 ");
	/* the revision in lane 29 of 30, from lane 4 in 12 columns: kept */
	assert_int_equal(lanes_render_fit_at(&l, 29, 4, 0, 12, buf, sizeof(buf)), 12);
	assert_string_equal(buf, " <| | +23 * ");
	/* UTF-8: "‹", one column */
	assert_int_equal(lanes_render_fit_at(&l, 10, 4, 1, 100, buf, sizeof(buf)), 16);
	assert_string_equal(buf, " \u2039\u2502 \u2502 \u2502 \u2502 \u2502 \u2502 \u25cf ");
	/* at every width and offset: never wider, the symbol kept, and the lanes
	 * after the marker start in the same column on every row */
	for (size_t first = 0; first < 34; first++)
		for (size_t i = 0; i < l.n_rows; i++)
			for (size_t w = 12; w < 70; w++) {
				size_t cols = lanes_render_fit_at(&l, i, first, 0, w, buf, sizeof(buf));
				assert_true(cols <= w);
				assert_int_equal(cols, strlen(buf));
				assert_non_null(strchr(buf, '*'));
				if (first > 0)
					assert_int_equal(buf[1], '<');
			}
	lanes_free(&l);
}

/* A lane freed when its branch ends (merged back at the branch point) is
 * taken again by a later new branch: a chain of 6 diamonds (a revision with
 * two parents that share a parent) stays 3 lanes wide, its side branches in
 * lanes 1 and 2 in turn (the lane ending on a merge's own row cannot start
 * its next branch on that row). Were freed lanes never taken again, each
 * diamond would open a lane of its own (7 wide). */
static void test_freed_lanes_reused(void **state)
{
	(void)state;
	enum { D = 6, N = 3 * D + 1 };
	/* rows newest first: merge m_k (row 3k) -> a_k (3k+1), b_k (3k+2); both -> m_{k+1} (3k+3) */
	static struct lanes_rev revs[N];
	static size_t parents[N][2];
	for (size_t k = 0; k < D; k++) {
		parents[3 * k][0] = 3 * k + 1;
		parents[3 * k][1] = 3 * k + 2;
		revs[3 * k] = (struct lanes_rev){parents[3 * k], 2, 0};
		parents[3 * k + 1][0] = 3 * k + 3;
		revs[3 * k + 1] = (struct lanes_rev){parents[3 * k + 1], 1, 0};
		parents[3 * k + 2][0] = 3 * k + 3;
		revs[3 * k + 2] = (struct lanes_rev){parents[3 * k + 2], 1, 0};
	}
	revs[N - 1] = (struct lanes_rev){NULL, 0, 0};
	struct lanes l;
	assert_int_equal(lanes_layout(&l, revs, N), 0);
	assert_int_equal(l.max_width, 3);
	for (size_t k = 0; k < D; k++)
		assert_int_equal(l.rows[3 * k + 2].column, 1 + k % 2);
	/* the first three diamonds: the second opens lane 2 under lane 1's
	 * end, the third takes lane 1 again under lane 2's end ("+", UTF-8 ┬) */
	const char *const picture[] = {"*-\\", "* |", "| *", "*-+-\\", "*   |", "|   *", "*-+-/", "* |", "| *"};
	for (size_t i = 0; i < sizeof(picture) / sizeof(picture[0]); i++) {
		char buf[64];
		lanes_render_row(&l, i, 0, buf, sizeof(buf));
		size_t len = strlen(buf);
		while (len > 0 && buf[len - 1] == ' ')
			buf[--len] = '\0';
		if (strcmp(buf, picture[i]) != 0)
			fail_msg("row %zu: expected '%s', got '%s'", i, picture[i], buf);
	}
	unsigned char cells[6];
	lanes_row_cells(&l, 6, 0, 3, cells);
	assert_int_equal(cells[2], LANE_FORK_MID);
	lanes_free(&l);
	/* heads: a short branch ends (joins the trunk), and a later head takes
	 * its lane. Rows: t0, h1 -> t2, t1, t2, h2 -> t5, t3, t4, t5 */
	const struct lanes_rev revs2[] = {
		R(1, 2),  /* 0 t0 */
		R(1, 3),  /* 1 h1, head, waits for t2 (row 3) */
		R(1, 3),  /* 2 t1 */
		R(1, 5),  /* 3 t2: h1's lane ends here */
		R(1, 6),  /* 4 h2, head: takes the freed lane */
		R(1, 6),  /* 5 t3 */
		BASE,     /* 6 t4: h2's lane ends */
	};
	check(revs2, 7, (const char *const[]){"*", "| *", "* |", "*-/", "| *", "* |", "*-/"});
	assert_int_equal(lanes_layout(&l, revs2, 7), 0);
	assert_int_equal(l.max_width, 2);
	assert_int_equal(l.rows[4].column, 1);
	lanes_free(&l);
}

static void test_text_fit(void **state)
{
	(void)state;
	char out[64];
	size_t cols;
	/* ASCII: cut by columns; control characters and other bytes become '?' */
	assert_int_equal(lanes_text_fit("hello world", 5, 0, out, sizeof(out), &cols), 5);
	assert_string_equal(out, "hello");
	assert_int_equal(cols, 5);
	assert_int_equal(lanes_text_fit("a\tb\x01\xe2\x94\x82", 10, 0, out, sizeof(out), &cols), 7);
	assert_string_equal(out, "a b????");
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		skip();
	/* UTF-8: a 3-byte character is one column; a wide one two; never half */
	assert_int_equal(lanes_text_fit("\u2502\u2502x", 2, 1, out, sizeof(out), &cols), 6);
	assert_string_equal(out, "\u2502\u2502");
	assert_int_equal(cols, 2);
	assert_int_equal(lanes_text_fit("a\u65e5b", 2, 1, out, sizeof(out), &cols), 1);
	assert_string_equal(out, "a");
	assert_int_equal(lanes_text_fit("\xff\xe2\x94", 9, 1, out, sizeof(out), &cols), 3);
	assert_int_equal(out[0], '?');
	setlocale(LC_CTYPE, "C");
}

static void test_large(void **state)
{
	(void)state;
	/* 100,000 revisions: a chain with a side branch every 10 revisions */
	enum { N = 100000 };
	static struct lanes_rev revs[N];
	static size_t parents[N][2];
	for (size_t i = 0; i < N; i++) {
		revs[i].parents = parents[i];
		revs[i].n_parents = 0;
		if (i + 1 < N) {
			parents[i][0] = i + 1;
			revs[i].n_parents = 1;
		}
		if (i % 10 == 0 && i + 5 < N) {
			parents[i][1] = i + 5;
			revs[i].n_parents = 2;
		}
	}
	struct lanes l;
	assert_int_equal(lanes_layout(&l, revs, N), 0);
	assert_true(l.max_width <= 2);
	lanes_free(&l);
}

/* ---- the layout against the slow reference (lanes_reference.c) ---- */

static uint64_t rng;
static size_t rnd(size_t n)
{
	return shape_rnd_below(&rng, n);
}

/* A graph in creation order: node c's parents are earlier nodes, the first
 * np[c] of par[c] down revisions, then nd[c] depends_on. */
enum { MAX_PARENTS = 8 };
struct gen {
	size_t n;
	size_t (*par)[MAX_PARENTS];
	size_t *np, *nd;
};

/* A shape of shape_gen.h; one revision in 25 with down revisions also
 * depends on one of them (the same row twice: a lane already waits for it). */
static void gen_shape(struct gen *g, enum shape kind, size_t n)
{
	struct shape_edges sh;
	shape_make(&sh, kind, n, &rng);
	g->n = n;
	for (size_t c = 0; c < n; c++) {
		g->np[c] = sh.n_down[c];
		g->nd[c] = 0;
		for (size_t j = 0; j < sh.n_down[c]; j++)
			g->par[c][j] = sh.down[c][j];
	}
	for (size_t k = 0; k < sh.n_deps; k++) {
		size_t c = sh.dep_of[k];
		if (g->np[c] + g->nd[c] < MAX_PARENTS - 1)
			g->par[c][g->np[c] + g->nd[c]++] = sh.dep_on[k];
	}
	for (size_t c = 0; c < n; c++)
		if (g->np[c] && rnd(25) == 0)
			g->par[c][g->np[c] + g->nd[c]++] = g->par[c][rnd(g->np[c])];
	shape_free(&sh);
}

/* A random display order, newest first: a revision is placed once all its
 * children are, so every parent comes after it. Fills revs (parents as rows). */
static void display_order(const struct gen *g, struct lanes_rev *revs, size_t *parent_rows)
{
	size_t n = g->n, *children = calloc(n, sizeof(size_t)), *row = calloc(n, sizeof(size_t));
	size_t *ready = calloc(n, sizeof(size_t)), nr = 0, *node = calloc(n, sizeof(size_t));
	for (size_t c = 0; c < n; c++)
		for (size_t j = 0; j < g->np[c] + g->nd[c]; j++)
			children[g->par[c][j]]++;
	for (size_t c = 0; c < n; c++)
		if (!children[c])
			ready[nr++] = c;
	for (size_t r = 0; r < n; r++) {
		assert_true(nr > 0);
		size_t k = rnd(4) ? nr - 1 : rnd(nr); /* mostly the newest ready one */
		size_t c = ready[k];
		ready[k] = ready[--nr];
		row[c] = r;
		node[r] = c;
		for (size_t j = 0; j < g->np[c] + g->nd[c]; j++)
			if (--children[g->par[c][j]] == 0)
				ready[nr++] = g->par[c][j];
	}
	for (size_t r = 0; r < n; r++) {
		size_t c = node[r], m = g->np[c] + g->nd[c];
		for (size_t j = 0; j < m; j++)
			parent_rows[MAX_PARENTS * r + j] = row[g->par[c][j]];
		revs[r] = (struct lanes_rev){parent_rows + MAX_PARENTS * r, m, g->nd[c]};
	}
	free(children);
	free(row);
	free(ready);
	free(node);
}

static const char ascii_of[] = " *|:/\\+++++-.";

/* Every row's column, width and cells, windows of cells, and the full text
 * equal the reference's. */
static void compare_with_reference(const struct lanes_rev *revs, size_t n, const char *what)
{
	struct lanes l;
	struct lanes_ref ref;
	assert_int_equal(lanes_layout(&l, revs, n), 0);
	assert_int_equal(lanes_ref_layout(&ref, revs, n), 0);
	if (l.max_width != ref.max_width)
		fail_msg("%s: max width %zu, reference %zu", what, l.max_width, ref.max_width);
	size_t cap = 2 * ref.max_width + 8;
	unsigned char *cells = malloc(cap);
	char *text = malloc(4 * cap + 1);
	for (size_t i = 0; i < n; i++) {
		const struct lanes_ref_row *rr = &ref.rows[i];
		if (l.rows[i].column != rr->column || l.rows[i].width != rr->width)
			fail_msg("%s row %zu: column %zu width %zu, reference %zu %zu", what, i, l.rows[i].column,
				 l.rows[i].width, rr->column, rr->width);
		lanes_row_cells(&l, i, 0, rr->width, cells);
		for (size_t c = 0; c < 2 * rr->width; c++)
			if (cells[c] != rr->cells[c])
				fail_msg("%s row %zu cell %zu: %d, reference %d", what, i, c, cells[c], rr->cells[c]);
		/* a window anywhere, also past the row's end */
		size_t lo = rnd(rr->width + 2), hi = lo + rnd(6);
		lanes_row_cells(&l, i, lo, hi, cells);
		for (size_t k = lo; k < hi; k++)
			for (size_t h = 0; h < 2; h++) {
				unsigned char want = k < rr->width ? rr->cells[2 * k + h] : LANE_EMPTY;
				if (cells[2 * (k - lo) + h] != want)
					fail_msg("%s row %zu, window [%zu, %zu) lane %zu: %d, reference %d", what, i, lo, hi,
						 k, cells[2 * (k - lo) + h], want);
			}
		lanes_render_row(&l, i, 0, text, 4 * cap + 1);
		for (size_t c = 0; c < 2 * rr->width; c++)
			if (text[c] != ascii_of[rr->cells[c]])
				fail_msg("%s row %zu: text '%s' differs at %zu", what, i, text, c);
	}
	free(cells);
	free(text);
	lanes_free(&l);
	lanes_ref_free(&ref);
}

static void test_reference_shapes(void **state)
{
	(void)state;
	enum { N = 3000 };
	static size_t par[N][MAX_PARENTS], np[N], nd[N], parent_rows[MAX_PARENTS * N];
	static struct lanes_rev revs[N];
	struct gen g = {0, par, np, nd};
	const enum shape kinds[] = {TANGLED, WIDE, DEEP};
	const char *shapes[] = {"tangled", "wide", "deep"};
	size_t widest[3] = {0};
	for (size_t s = 0; s < 3; s++)
		for (uint64_t seed = 1; seed <= 4; seed++) {
			char what[64];
			rng = 0x9e3779b97f4a7c15ULL * seed + s;
			gen_shape(&g, kinds[s], seed == 1 ? N : 200 + rnd(800));
			display_order(&g, revs, parent_rows);
			snprintf(what, sizeof(what), "%s, seed %u, %zu revisions", shapes[s], (unsigned)seed, g.n);
			compare_with_reference(revs, g.n, what);
			struct lanes l;
			lanes_layout(&l, revs, g.n);
			if (l.max_width > widest[s])
				widest[s] = l.max_width;
			lanes_free(&l);
		}
	/* the shapes are what they claim: tangled and wide graphs need many lanes */
	printf("# widest: tangled %zu, wide %zu, deep %zu lanes\n", widest[0], widest[1], widest[2]);
	assert_true(widest[0] >= 100);
	assert_true(widest[1] >= 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_linear),        cmocka_unit_test(test_branches),
		cmocka_unit_test(test_merge),         cmocka_unit_test(test_several_bases),
		cmocka_unit_test(test_crossing),      cmocka_unit_test(test_depends_on),
		cmocka_unit_test(test_parent_already_waited_for), cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_large),         cmocka_unit_test(test_wide_rows_are_clean),
		cmocka_unit_test(test_fit),           cmocka_unit_test(test_text_fit),
		cmocka_unit_test(test_fit_at),        cmocka_unit_test(test_freed_lanes_reused),
		cmocka_unit_test(test_reference_shapes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
