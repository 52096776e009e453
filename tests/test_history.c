/* test_history.c - the revisions `history -r A:B` prints, in order, on G1,
 * G2 and lin5: the captured ranges of doc/alembic-compat.md §6.6 and more,
 * with `current` standing for given rows (fixtures and provenance of the
 * expected values: resolve_graphs.h). */
#include "resolve_graphs.h"

static int f_hist(struct ald_ixvec *out, const struct ald_graph *g, const char *arg, const size_t *rows,
		  size_t n_rows)
{
	return ald__history(out, g, *arg ? arg : NULL, rows, n_rows);
}

static const struct rcase g1_hist[] = {
	{"", NULL, "7000ffff0002 8000dddd0002 6000dddd0001 5000eeee0001 3000bbbb0002 3000bbbb0001 4000cccc0002 4000cccc0001 2000aaaa0002 1000aaaa0001 7000ffff0001"},
	{":", NULL, "7000ffff0002 8000dddd0002 6000dddd0001 5000eeee0001 3000bbbb0002 3000bbbb0001 4000cccc0002 4000cccc0001 2000aaaa0002 1000aaaa0001 7000ffff0001"},
	{"base:heads", NULL, "7000ffff0002 8000dddd0002 6000dddd0001 5000eeee0001 3000bbbb0002 3000bbbb0001 4000cccc0002 4000cccc0001 2000aaaa0002 1000aaaa0001 7000ffff0001"},
	{"base:head", NULL, MH("head")},
	{"2000aaaa0002:", NULL, "8000dddd0002 6000dddd0001 5000eeee0001 3000bbbb0002 3000bbbb0001 4000cccc0002 4000cccc0001 2000aaaa0002"},
	{":3000bbbb0002", NULL, "3000bbbb0002 3000bbbb0001 2000aaaa0002 1000aaaa0001"},
	{"2000aaaa0002:5000eeee0001", NULL, "5000eeee0001 3000bbbb0002 3000bbbb0001 4000cccc0002 4000cccc0001 2000aaaa0002"},
	{"3000bbbb0001:+2", NULL, "5000eeee0001 3000bbbb0002 3000bbbb0001"},
	{"featb@base:featb@head", NULL, "8000dddd0002 6000dddd0001 5000eeee0001 3000bbbb0002 3000bbbb0001 4000cccc0002 4000cccc0001 7000ffff0001 2000aaaa0002 1000aaaa0001"},
	{"other@base:", NULL, "7000ffff0002 7000ffff0001"},
	{"heads:", NULL, "7000ffff0002 8000dddd0002"},
	{"3000bbbb0002:3000bbbb0002", NULL, "3000bbbb0002"},
	{"base:base", NULL, ""},
	{"3000bbbb0001:4000cccc0002", NULL, RANGE("3000bbbb0001:4000cccc0002")},
	{"5000eeee0001:2000aaaa0002", NULL, RANGE("5000eeee0001:2000aaaa0002")},
	{"7000ffff0001:8000dddd0002", NULL, RANGE("7000ffff0001:8000dddd0002")}, /* aludel; 1.8.1 crashes: AssertionError */
	{"3000", NULL, "!History range requires [start]:[end], [start]:, or :[end]"}, /* aludel; 1.8.1 crashes: ValueError */
	{"a:b:c", NULL, "!Invalid range 'a:b:c'"}, /* aludel; 1.8.1 crashes: ValueError */
	{"5000eeee0001:6000dddd0001", NULL, "6000dddd0001 5000eeee0001"},
	{" 2000aaaa0002:4000cccc0002 ", NULL, "4000cccc0002 4000cccc0001 2000aaaa0002"},
	{"2000aaaa0002: ", NULL, "8000dddd0002 6000dddd0001 5000eeee0001 3000bbbb0002 3000bbbb0001 4000cccc0002 4000cccc0001 2000aaaa0002"},
	{"head:", NULL, MH("heads")},
	{":head", NULL, MH("head")},
	{":heads", NULL, "7000ffff0002 8000dddd0002 6000dddd0001 5000eeee0001 3000bbbb0002 3000bbbb0001 4000cccc0002 4000cccc0001 2000aaaa0002 1000aaaa0001 7000ffff0001"},
	{"-1:", NULL, "7000ffff0002 8000dddd0002 6000dddd0001 7000ffff0001"},
	{"-2:", NULL, RANGE("-2:heads")},
	{"-3:", NULL, "!Ambiguous walk"},
	{"featb@-1:", NULL, "8000dddd0002 6000dddd0001"},
	{"other@-1:featb@head", NULL, RANGE("other@-1:featb@head")},
	{":+1", NULL, "!Ambiguous walk"},
	{"1000aaaa0001:+1", NULL, "2000aaaa0002 1000aaaa0001"},
	{"1000aaaa0001:+2", NULL, "!Ambiguous walk"},
	{"1000aaaa0001:+9", NULL, "!Ambiguous walk"},
	{"4000cccc0001:+9", NULL, "8000dddd0002 6000dddd0001 5000eeee0001 4000cccc0002 4000cccc0001"},
	{":featb@+1", NULL, "1000aaaa0001"},
	{":-1", NULL, "!Relative revision -1 didn't produce 1 migrations"},
	{":featb@-1", NULL, "!Relative revision -1 didn't produce 1 migrations"},
	{":3000bbbb0002-1", NULL, "3000bbbb0001 2000aaaa0002 1000aaaa0001"},
	{":6000dddd0001-9", NULL, "!Ambiguous walk"},
	{":1000aaaa0001-1", NULL, ""}, /* aludel; 1.8.1 crashes: AssertionError */
	{"1000aaaa0001:3000bbbb0001+1", NULL, "3000bbbb0002 3000bbbb0001 2000aaaa0002 1000aaaa0001"},
	{":3000bbbb0001+9", NULL, "8000dddd0002 6000dddd0001 5000eeee0001 3000bbbb0002 3000bbbb0001 4000cccc0002 4000cccc0001 7000ffff0001 2000aaaa0002 1000aaaa0001"},
	{"2000aaaa0002@base:", NULL, "!Revision 2000aaaa0002 has no branch label to select a branch with"}, /* aludel; 1.8.1 crashes: AssertionError */
	{"3000bbbb0001@base:", NULL, "8000dddd0002 6000dddd0001 5000eeee0001 3000bbbb0002 3000bbbb0001 4000cccc0002 4000cccc0001 7000ffff0001 2000aaaa0002 1000aaaa0001"},
	{"featb@2000aaaa0002:", NULL, "8000dddd0002 6000dddd0001 5000eeee0001 3000bbbb0002 3000bbbb0001 4000cccc0002 4000cccc0001 2000aaaa0002"},
	{"feat@base:", NULL, ""},
	{"nosuch@base:", NULL, NF("nosuch")},
	{"@base:", NULL, "!Empty revision identifier"}, /* aludel; 1.8.1 crashes: AssertionError */
	{"3000:", NULL, "!Ambiguous revision '3000': it matches 3000bbbb0001, 3000bbbb0002"}, /* aludel; 1.8.1: Can't locate */
	{":nosuch", NULL, NF("nosuch")},
	{"current:", "2000aaaa0002", "8000dddd0002 6000dddd0001 5000eeee0001 3000bbbb0002 3000bbbb0001 4000cccc0002 4000cccc0001 2000aaaa0002"},
	{"current:", "3000bbbb0001 4000cccc0002", "8000dddd0002 6000dddd0001 5000eeee0001 3000bbbb0002 3000bbbb0001 4000cccc0002"},
	{"current:", "3000bbbb0001 3000bbbb0002", "!Requested revision 3000bbbb0002 overlaps with other requested revisions 3000bbbb0001"},
	{"current:", NULL, "7000ffff0002 8000dddd0002 6000dddd0001 5000eeee0001 3000bbbb0002 3000bbbb0001 4000cccc0002 4000cccc0001 2000aaaa0002 1000aaaa0001 7000ffff0001"},
	{":current", "3000bbbb0002 4000cccc0002", "3000bbbb0002 3000bbbb0001 4000cccc0002 4000cccc0001 2000aaaa0002 1000aaaa0001"},
	{":current", NULL, "7000ffff0002 8000dddd0002 6000dddd0001 5000eeee0001 3000bbbb0002 3000bbbb0001 4000cccc0002 4000cccc0001 2000aaaa0002 1000aaaa0001 7000ffff0001"},
	{"2000aaaa0002:current", "3000bbbb0002", "3000bbbb0002 3000bbbb0001 2000aaaa0002"},
	{"3000bbbb0001:current", "4000cccc0002", RANGE("3000bbbb0001:current")}, /* aludel; 1.8.1 prints the rows as a Python tuple */
	{"current:current", "2000aaaa0002", NF("current")},
	{"current:head", "2000aaaa0002", MH("head")},
	{"head:current", "2000aaaa0002", MH("current")}, /* aludel; 1.8.1 prints the rows as a Python tuple */
	{"1000aaaa0001:7000ffff0002", NULL, RANGE("1000aaaa0001:7000ffff0002")},
	{"7000ffff0001:", NULL, "7000ffff0002 7000ffff0001"},
	{"heads:heads", NULL, "7000ffff0002 8000dddd0002"},
	{"3000bbbb0001:3000bbbb0001", NULL, "3000bbbb0001"},
	{"featb@base:featb@heads", NULL, "8000dddd0002 6000dddd0001 5000eeee0001 3000bbbb0002 3000bbbb0001 4000cccc0002 4000cccc0001 7000ffff0001 2000aaaa0002 1000aaaa0001"},
	{"other@base:other@head", NULL, "7000ffff0002 7000ffff0001"},
};

static const struct rcase g2_hist[] = {
	{"", NULL, "cccc00000002 cccc00000001 bbbb00000002 bbbb00000001 aaaa00000001"},
	{"aaaa00000001:", NULL, "cccc00000002 cccc00000001 bbbb00000002 bbbb00000001 aaaa00000001"},
	{":bbbb00000002", NULL, "bbbb00000002 bbbb00000001 aaaa00000001"},
	{"left@base:left@head", NULL, "bbbb00000002 bbbb00000001 aaaa00000001"},
	{"right@base:right@head", NULL, "cccc00000002 cccc00000001 bbbb00000002 bbbb00000001 aaaa00000001"},
	{"base:head", NULL, MH("head")},
	{"bbbb00000001:cccc00000002", NULL, RANGE("bbbb00000001:cccc00000002")}, /* aludel; 1.8.1 crashes: AssertionError */
	{"right@base:", NULL, "cccc00000002 cccc00000001 bbbb00000002 bbbb00000001 aaaa00000001"},
	{"cccc00000001:", NULL, "cccc00000002 cccc00000001"},
	{"current:", "cccc00000002", "cccc00000002"},
};

static const struct rcase lin5_hist[] = {
	{"", NULL, "aaaa00000005 aaaa00000004 aaaa00000003 aaaa00000002 aaaa00000001"},
	{"-2:", NULL, "aaaa00000005 aaaa00000004 aaaa00000003"},
	{"-3:-1", NULL, "!Relative revision -1 didn't produce 1 migrations"},
	{"aaaa00000002:+2", NULL, "aaaa00000004 aaaa00000003 aaaa00000002"},
	{"lbl@-2:lbl@head", NULL, "aaaa00000005 aaaa00000004 aaaa00000003"},
	{"aaaa00000002:aaaa00000004", NULL, "aaaa00000004 aaaa00000003 aaaa00000002"},
	{"lbl@base:lbl@head", NULL, "aaaa00000005 aaaa00000004 aaaa00000003 aaaa00000002 aaaa00000001"},
	{":aaaa00000003", NULL, "aaaa00000003 aaaa00000002 aaaa00000001"},
	{"-5:", NULL, RANGE("-5:heads")},
	{"-6:", NULL, "!Relative revision -6 didn't produce 6 migrations"}, /* aludel; 1.8.1: Can't locate revision identified by 'heads' */
	{"-4:", NULL, "aaaa00000005 aaaa00000004 aaaa00000003 aaaa00000002 aaaa00000001"},
	{"aaaa00000003@base:", NULL, "aaaa00000005 aaaa00000004 aaaa00000003 aaaa00000002 aaaa00000001"},
	{":aaaa00000003-2", NULL, "aaaa00000001"},
	{":aaaa00000003-3", NULL, ""}, /* aludel; 1.8.1 crashes: AssertionError */
	{":+2", NULL, "aaaa00000002 aaaa00000001"},
	{":+9", NULL, "aaaa00000005 aaaa00000004 aaaa00000003 aaaa00000002 aaaa00000001"},
	{"aaaa00000004:+9", NULL, "aaaa00000005 aaaa00000004"},
	{"head:", NULL, "aaaa00000005"},
	{"aaaa00000005:aaaa00000002", NULL, RANGE("aaaa00000005:aaaa00000002")},
	{"current:", "aaaa00000003", "aaaa00000005 aaaa00000004 aaaa00000003"},
	{":current", "aaaa00000003", "aaaa00000003 aaaa00000002 aaaa00000001"},
	{"aaaa00000002:current", "aaaa00000004", "aaaa00000004 aaaa00000003 aaaa00000002"},
};

#define GS ((struct graphs *)*state)

static void test_g1_history(void **state)
{
	RUN(GS->g1, f_hist, g1_hist, "history");
}

static void test_g2_history(void **state)
{
	RUN(GS->g2, f_hist, g2_hist, "history");
}

static void test_lin5_history(void **state)
{
	RUN(GS->lin5, f_hist, lin5_hist, "history");
}

/* The whole history is every revision once; results are appended. */
static void test_full_history_appends(void **state)
{
	const struct ald_graph *g = GS->g1;
	struct ald_ixvec out = {0};
	ald__ixvec_push(&out, 7);
	assert_int_equal(ald__history(&out, g, NULL, NULL, 0), 0);
	assert_int_equal(out.n, g->n + 1);
	assert_int_equal(out.v[0], 7);
	assert_int_equal(out.v[1], R(g, "7000ffff0002"));
	assert_int_equal(ald__history(&out, g, "7000ffff0001:8000dddd0002", NULL, 0), ALD_EINVALID);
	assert_int_equal(out.n, g->n + 1);
	ald__ixvec_free(&out);
}

/* An empty graph has an empty history. */
static void test_empty_graph(void **state)
{
	(void)state;
	struct ald_graph *g = NULL;
	assert_int_equal(ald__graph_build(&g, NULL, 0), 0);
	struct ald_ixvec out = {0};
	assert_int_equal(ald__history(&out, g, NULL, NULL, 0), 0);
	assert_int_equal(ald__history(&out, g, "base:heads", NULL, 0), 0);
	assert_int_equal(out.n, 0);
	assert_int_equal(ald__history(&out, g, "x:", NULL, 0), ALD_ENOTFOUND);
	assert_int_equal(ald__upgrade_steps(&out, g, "heads", NULL, 0), 0);
	assert_int_equal(ald__downgrade_steps(&out, g, "base", NULL, 0, NULL), 0);
	assert_int_equal(ald__current_tips(&out, g, NULL, 0), 0);
	assert_int_equal(out.n, 0);
	ald__ixvec_free(&out);
	ald__graph_free(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_g1_history),
		cmocka_unit_test(test_g2_history),
		cmocka_unit_test(test_lin5_history),
		cmocka_unit_test(test_full_history_appends),
		cmocka_unit_test(test_empty_graph),
	};
	return cmocka_run_group_tests(tests, setup_graphs, teardown_graphs);
}
