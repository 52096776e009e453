/* test_lanes.c - the lane layout of the graph view, fed graphs and compared
 * as ASCII pictures (and one UTF-8 row). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "lanes.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_linear),        cmocka_unit_test(test_branches),
		cmocka_unit_test(test_merge),         cmocka_unit_test(test_several_bases),
		cmocka_unit_test(test_crossing),      cmocka_unit_test(test_depends_on),
		cmocka_unit_test(test_parent_already_waited_for), cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_large),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
