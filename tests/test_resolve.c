/* test_resolve.c - identifiers (get_revisions / get_revision), upgrade and
 * downgrade orders, and the tips `current` shows, on G1, G2, lin5 and a
 * graph of short ids (fixtures and provenance of the expected values:
 * resolve_graphs.h). */
#include "resolve_graphs.h"
#include "resolve_internal.h"

/* The functions under test in the table runner's shape. */
static int f_revs(struct ald_ixvec *out, const struct ald_graph *g, const char *arg, const size_t *rows,
		  size_t n_rows)
{
	(void)rows;
	(void)n_rows;
	return ald__resolve_revisions(out, g, arg);
}

static int f_rev(struct ald_ixvec *out, const struct ald_graph *g, const char *arg, const size_t *rows,
		 size_t n_rows)
{
	(void)rows;
	(void)n_rows;
	size_t r = 42;
	int err = ald__resolve_revision(&r, g, arg);
	if (err == 0)
		ald__ixvec_push(out, r);
	return err;
}

static int f_up(struct ald_ixvec *out, const struct ald_graph *g, const char *arg, const size_t *rows,
		size_t n_rows)
{
	return ald__upgrade_steps(out, g, arg, rows, n_rows);
}

static int f_down(struct ald_ixvec *out, const struct ald_graph *g, const char *arg, const size_t *rows,
		  size_t n_rows)
{
	return ald__downgrade_steps(out, g, arg, rows, n_rows, NULL);
}

static int f_tips(struct ald_ixvec *out, const struct ald_graph *g, const char *arg, const size_t *rows,
		  size_t n_rows)
{
	(void)arg;
	return ald__current_tips(out, g, rows, n_rows);
}

static const struct rcase g1_revs[] = {
	{"heads", NULL, "7000ffff0002 8000dddd0002"},
	{"head", NULL, MH("head")},
	{"base", NULL, ""},
	{"3000", NULL, "!Ambiguous revision '3000': it matches 3000bbbb0001, 3000bbbb0002"}, /* aludel; 1.8.1: Can't locate */
	{"3000bbbb0001", NULL, "3000bbbb0001"},
	{"featb", NULL, "3000bbbb0001"},
	{"feat", NULL, "3000bbbb0001"},
	{"featb@head", NULL, "8000dddd0002"},
	{"featb@heads", NULL, "8000dddd0002"},
	{"other@head", NULL, "7000ffff0002"},
	{"other@heads", NULL, "7000ffff0002"},
	{"featb@3000bbbb0002", NULL, "3000bbbb0002"},
	{"featb@4000cccc0001", NULL, NF("4000cccc0001")},
	{"featb@3000", NULL, "!Ambiguous revision '3000': it matches 3000bbbb0001, 3000bbbb0002"}, /* aludel; 1.8.1: Can't locate */
	{"featb@4000", NULL, NF("4000")},
	{"3000bbbb0001@head", NULL, "8000dddd0002"},
	{"7000ffff0001@head", NULL, "7000ffff0002"},
	{"2000aaaa0002@heads", NULL, "8000dddd0002"},
	{"2000aaaa@head", NULL, "8000dddd0002"},
	{"-1", NULL, "7000ffff0001 6000dddd0001"},
	{"-2", NULL, "5000eeee0001"}, /* aludel; 1.8.1 returns 'base' 5000eeee0001 */
	{"-3", NULL, "!Ambiguous walk"},
	{"featb@-1", NULL, "6000dddd0001"},
	{"other@-1", NULL, "7000ffff0001"},
	{"other@-2", NULL, ""}, /* aludel; 1.8.1 returns 'base' */
	{"3000bbbb0001@-1", NULL, ""},
	{" -1", NULL, "7000ffff0001 6000dddd0001"},
	{"-0", NULL, NF("-0")},
	{"+1", NULL, NF("+1")},
	{"3000bbbb0001+1", NULL, NF("3000bbbb0001+1")},
	{"3000bbbb0002-1", NULL, NF("3000bbbb0002-1")},
	{"featb@+1", NULL, NF("+1")},
	{"1000aaaa0001,2000aaaa0002", NULL, NF("1000aaaa0001,2000aaaa0002")},
	{"1", NULL, "1000aaaa0001"},
	{"10", NULL, "1000aaaa0001"},
	{"100", NULL, "1000aaaa0001"},
	{"1000", NULL, "1000aaaa0001"},
	{"2000aaaa", NULL, "2000aaaa0002"},
	{"7", NULL, "!Ambiguous revision '7': it matches 7000ffff0001, 7000ffff0002"}, /* aludel; 1.8.1: Can't locate */
	{"70", NULL, "!Ambiguous revision '70': it matches 7000ffff0001, 7000ffff0002"}, /* aludel; 1.8.1: Can't locate */
	{"4000c", NULL, "!Ambiguous revision '4000c': it matches 4000cccc0001, 4000cccc0002"}, /* aludel; 1.8.1: Can't locate */
	{"oth", NULL, "7000ffff0001"},
	{"nosuch", NULL, NF("nosuch")},
	{"x", NULL, NF("x")},
	{"nosuch@head", NULL, NF("nosuch")},
	{"nosuch@heads", NULL, NF("nosuch")},
	{"nosuch@base", NULL, ""},
	{"nosuch@1000aaaa0001", NULL, NF("nosuch")},
	{"abc@def@ghi", NULL, NF("abc")},
	{"featb@base", NULL, ""},
	{"@head", NULL, MH("head")},
	{"@heads", NULL, "7000ffff0002 8000dddd0002"},
	{"head@heads", NULL, MH("head")},
	{"heads@head", NULL, MH("heads@head")},
	{"", NULL, "!Empty revision identifier"}, /* aludel; 1.8.1 crashes: AssertionError */
	{"featb@", NULL, "!Empty revision identifier"}, /* aludel; 1.8.1 crashes: AssertionError */
};

static const struct rcase g1_rev[] = {
	{"heads", NULL, MH("heads")},
	{"head", NULL, MH("head")},
	{"base", NULL, "<base>"},
	{"featb", NULL, "3000bbbb0001"},
	{"featb@head", NULL, "8000dddd0002"},
	{"featb@base", NULL, "<base>"},
	{"nosuch@base", NULL, NF("nosuch")},
	{"-1", NULL, NF("-1")},
	{"3000", NULL, "!Ambiguous revision '3000': it matches 3000bbbb0001, 3000bbbb0002"}, /* aludel; 1.8.1: Can't locate */
	{"", NULL, "!Empty revision identifier"}, /* aludel; 1.8.1 crashes: AssertionError */
};

static const struct rcase g1_up[] = {
	{"2000aaaa0002", NULL, "1000aaaa0001 2000aaaa0002"},
	{"featb@head", "2000aaaa0002", "4000cccc0001 4000cccc0002 7000ffff0001 3000bbbb0001 3000bbbb0002 5000eeee0001 6000dddd0001 8000dddd0002"},
	{"heads", NULL, "7000ffff0001 1000aaaa0001 2000aaaa0002 4000cccc0001 4000cccc0002 3000bbbb0001 3000bbbb0002 5000eeee0001 6000dddd0001 8000dddd0002 7000ffff0002"},
	{"heads", "8000dddd0002", "7000ffff0002"},
	{"3000bbbb0002", "2000aaaa0002", "3000bbbb0001 3000bbbb0002"},
	{"4000cccc0002", "3000bbbb0002", "4000cccc0001 4000cccc0002"},
	{"5000eeee0001", "3000bbbb0002 4000cccc0002", "5000eeee0001"},
	{"other@head", "5000eeee0001", "7000ffff0001 7000ffff0002"},
	{"8000dddd0002", "5000eeee0001 7000ffff0002", "6000dddd0001 8000dddd0002"},
	{"2000aaaa0002", "3000bbbb0002", ""},
	{"featb@head", "8000dddd0002", ""},
	{"head", NULL, MH("head")},
	{"heads", "3000bbbb0001 3000bbbb0002", "!Requested revision 3000bbbb0002 overlaps with other requested revisions 3000bbbb0001"},
	{"+1", NULL, "!Ambiguous walk"},
	{"+1", "1000aaaa0001", "2000aaaa0002"},
	{"+2", "1000aaaa0001", "!Ambiguous walk"},
	{"+1", "2000aaaa0002", "!Ambiguous walk"},
	{"+1", "3000bbbb0002 4000cccc0002", "!Ambiguous upgrade from multiple current revisions"},
	{"+3", "4000cccc0002", "7000ffff0001 3000bbbb0001 3000bbbb0002 5000eeee0001 6000dddd0001 8000dddd0002"},
	{"+5", "6000dddd0001", "!Relative revision +5 didn't produce 5 migrations"},
	{"-1", "2000aaaa0002", "!Relative revision -1 didn't produce 1 migrations"},
	{"+0", "2000aaaa0002", "!Relative revision 0 didn't produce 0 migrations"},
	{"featb@+1", "2000aaaa0002", "3000bbbb0001"},
	{"featb@+2", "4000cccc0002", "3000bbbb0001 3000bbbb0002"},
	{"other@+1", "8000dddd0002", "7000ffff0002"},
	{"other@+1", NULL, "7000ffff0001"},
	{"featb@+1", NULL, "1000aaaa0001"},
	{"3000bbbb0001+1", NULL, "1000aaaa0001 2000aaaa0002 3000bbbb0001 3000bbbb0002"},
	{"3000bbbb0001+2", NULL, "1000aaaa0001 2000aaaa0002 4000cccc0001 4000cccc0002 3000bbbb0001 3000bbbb0002 5000eeee0001"},
	{"3000bbbb0001+9", NULL, "!Relative revision 3000bbbb0001+9 didn't produce 9 migrations"}, /* aludel; 1.8.1 crashes: AssertionError */
	{"7000ffff0002+1", NULL, "!Relative revision 7000ffff0002+1 didn't produce 1 migrations"}, /* aludel; 1.8.1 crashes: AssertionError */
	{"2000aaaa0002+1", NULL, "!Ambiguous walk"},
	{"featb@2000aaaa0002+1", NULL, "1000aaaa0001 2000aaaa0002 3000bbbb0001"},
	{"other@7000ffff0001+1", NULL, "7000ffff0001 7000ffff0002"},
	{"base+1", NULL, "!Ambiguous walk"},
	{"3000bbbb0002-1", NULL, "1000aaaa0001 2000aaaa0002 3000bbbb0001"},
	{"featb@3000bbbb0002-1", NULL, "1000aaaa0001 2000aaaa0002 3000bbbb0001"},
	{"5000eeee0001-1", NULL, "!Ambiguous walk"},
	{"1000aaaa0001-1", NULL, ""}, /* aludel; 1.8.1 crashes: AssertionError */
	{"1000aaaa0001-2", NULL, "!Relative revision 1000aaaa0001-2 didn't produce 2 migrations"}, /* aludel; 1.8.1 crashes: AssertionError */
	{"nosuch", NULL, NF("nosuch")},
	{"3000", NULL, "!Ambiguous revision '3000': it matches 3000bbbb0001, 3000bbbb0002"}, /* aludel; 1.8.1: Can't locate */
	{"aaaa00000002+1xyz", NULL, NF("aaaa00000002")},
	{"1000aaaa0001+1xyz", NULL, "1000aaaa0001 2000aaaa0002"},
};

static const struct rcase g1_down[] = {
	{"base", "7000ffff0002 2000aaaa0002", "2000aaaa0002 1000aaaa0001 7000ffff0002 7000ffff0001"},
	{"3000bbbb0002@2000aaaa0002", "3000bbbb0002 4000cccc0002", "3000bbbb0002 3000bbbb0001"},
	{"featb@2000aaaa0002", "3000bbbb0002 4000cccc0002", "3000bbbb0002 3000bbbb0001"},
	{"4000cccc0001@2000aaaa0002", "3000bbbb0002 4000cccc0002", "4000cccc0002 4000cccc0001"},
	{"other@2000aaaa0002", "3000bbbb0002 4000cccc0002", "!Not a valid downgrade target from current heads"},
	{"2000aaaa0002", "3000bbbb0002 4000cccc0002", "3000bbbb0002 3000bbbb0001 4000cccc0002 4000cccc0001"},
	{"2000aaaa0002@base", "8000dddd0002 7000ffff0002", "8000dddd0002 6000dddd0001 5000eeee0001 3000bbbb0002 3000bbbb0001 4000cccc0002 4000cccc0001 2000aaaa0002 1000aaaa0001"},
	{"6000dddd0001", "8000dddd0002 7000ffff0002", "8000dddd0002"},
	{"3000bbbb0002", "6000dddd0001 7000ffff0002", "6000dddd0001 5000eeee0001"},
	{"other@base", "4000cccc0002 7000ffff0002 3000bbbb0002", "7000ffff0002 7000ffff0001"},
	{"base", "8000dddd0002", "8000dddd0002 6000dddd0001 5000eeee0001 3000bbbb0002 3000bbbb0001 4000cccc0002 4000cccc0001 7000ffff0001 2000aaaa0002 1000aaaa0001"},
	{"7000ffff0001", "8000dddd0002", "!Destination 7000ffff0001 is not a valid downgrade target from current head(s)"},
	{"8000dddd0002", "2000aaaa0002", "!Destination 8000dddd0002 is not a valid downgrade target from current head(s)"},
	{"8000dddd0002", "8000dddd0002 7000ffff0002", ""},
	{"base", NULL, ""},
	{"-1", "2000aaaa0002", "2000aaaa0002"},
	{"-2", "3000bbbb0002", "3000bbbb0002 3000bbbb0001"},
	{"-1", "3000bbbb0002 4000cccc0002", "3000bbbb0002"},
	{"-1", "4000cccc0002 3000bbbb0002", "4000cccc0002"},
	{"-1", NULL, "!Relative revision -1 didn't produce 1 migrations"},
	{"-5", "2000aaaa0002", "!Relative revision -5 didn't produce 5 migrations"},
	{"-2", "2000aaaa0002", "2000aaaa0002 1000aaaa0001"},
	{"-1", "5000eeee0001", "!Ambiguous walk"},
	{"featb@-1", "8000dddd0002", "8000dddd0002"},
	{"featb@-1", "3000bbbb0002 4000cccc0002", "3000bbbb0002"},
	{"other@-1", "8000dddd0002 7000ffff0002", "7000ffff0002"},
	{"other@-1", "8000dddd0002", "8000dddd0002 7000ffff0001"},
	{"featb@-1", NULL, "!Relative revision -1 didn't produce 1 migrations"}, /* aludel; 1.8.1 crashes: AssertionError */
	{"+1", "2000aaaa0002", "!Relative revision +1 didn't produce 1 migrations"},
	{"3000bbbb0001+1", "3000bbbb0002 4000cccc0002", ""},
	{"3000bbbb0001+9", "3000bbbb0002", "!Walked too far"},
	{"5000eeee0001-1", "8000dddd0002", "!Ambiguous walk"},
	{"6000dddd0001-1", "8000dddd0002", "8000dddd0002 6000dddd0001"},
	{"1000aaaa0001-1", "2000aaaa0002", "2000aaaa0002 1000aaaa0001"},
	{"1000aaaa0001-2", "2000aaaa0002", "!Walked too far"},
	{"featb@6000dddd0001-1", "8000dddd0002", "8000dddd0002 6000dddd0001"},
	{"nosuch", "2000aaaa0002", NF("nosuch")},
	{"head", "2000aaaa0002", MH("head")},
	{"heads", "2000aaaa0002", MH("heads")},
	{"nosuch@base", "8000dddd0002 7000ffff0002", NF("nosuch")},
	{"3000", "3000bbbb0002", "!Ambiguous revision '3000': it matches 3000bbbb0001, 3000bbbb0002"}, /* aludel; 1.8.1: Can't locate */
};

static const struct rcase g1_tips[] = {
	{"x", "8000dddd0002", "8000dddd0002 7000ffff0001"}, /* 1.8.1: the same tips, in set order */
	{"x", "3000bbbb0001 7000ffff0002 3000bbbb0002", "7000ffff0002 3000bbbb0002"}, /* 1.8.1: the same tips, in set order */
	{"x", NULL, ""},
	{"x", "4000cccc0002 3000bbbb0002", "4000cccc0002 3000bbbb0002"}, /* 1.8.1: the same tips, in set order */
};

static const struct rcase g2_revs[] = {
	{"heads", NULL, "cccc00000002"},
	{"head", NULL, MH("head")},
	{"left", NULL, "bbbb00000001"},
	{"right@head", NULL, "cccc00000002"},
	{"left@head", NULL, "bbbb00000002"},
	{"left@heads", NULL, "bbbb00000002"},
	{"right@heads", NULL, "cccc00000002"},
	{"bbbb0000", NULL, "!Ambiguous revision 'bbbb0000': it matches bbbb00000001, bbbb00000002"}, /* aludel; 1.8.1: Can't locate */
	{"-1", NULL, "cccc00000001"},
	{"right@-1", NULL, "cccc00000001"},
};

static const struct rcase g2_rev[] = {
	{"heads", NULL, "cccc00000002"},
};

static const struct rcase g2_up[] = {
	{"head", NULL, MH("head")},
	{"heads", NULL, "aaaa00000001 bbbb00000001 bbbb00000002 cccc00000001 cccc00000002"},
	{"right@head", NULL, "aaaa00000001 bbbb00000001 bbbb00000002 cccc00000001 cccc00000002"},
	{"left@head", "aaaa00000001", "bbbb00000001 bbbb00000002"},
	{"+1", "aaaa00000001", "!Ambiguous walk"},
	{"right@+1", "aaaa00000001", "cccc00000001"},
	{"left@+2", "cccc00000001", "bbbb00000001 bbbb00000002"},
};

static const struct rcase g2_down[] = {
	{"base", "cccc00000002", "cccc00000002 cccc00000001 bbbb00000002 bbbb00000001 aaaa00000001"},
	{"left@base", "cccc00000002", "cccc00000002 cccc00000001 bbbb00000002 bbbb00000001 aaaa00000001"},
	{"bbbb00000001", "cccc00000002", "cccc00000002 bbbb00000002"},
	{"aaaa00000001", "cccc00000002", "cccc00000002 cccc00000001 bbbb00000002 bbbb00000001"},
	{"-1", "cccc00000002", "cccc00000002"},
};

static const struct rcase g2_tips[] = {
	{"x", "cccc00000002", "cccc00000002 bbbb00000002"}, /* 1.8.1: the same tips, in set order */
	{"x", "bbbb00000001 cccc00000001", "bbbb00000001 cccc00000001"},
};

static const struct rcase lin5_revs[] = {
	{"-2", NULL, "aaaa00000003"},
	{"lbl@-2", NULL, "aaaa00000003"},
	{"-5", NULL, ""}, /* aludel; 1.8.1 returns 'base' */
	{"-6", NULL, "!Relative revision -6 didn't produce 6 migrations"}, /* aludel; 1.8.1 returns None */
	{"lbl", NULL, "aaaa00000003"},
	{"lb", NULL, NF("lb")},
	{"lbl@head", NULL, "aaaa00000005"},
	{"lbl@aaaa00000001", NULL, "aaaa00000001"},
	{"head", NULL, "aaaa00000005"},
	{"heads", NULL, "aaaa00000005"},
	{"aaaa", NULL, "!Ambiguous revision 'aaaa': it matches aaaa00000001, aaaa00000002, aaaa00000003, aaaa00000004, aaaa00000005"}, /* aludel; 1.8.1: Can't locate */
	{"aaaa00000003", NULL, "aaaa00000003"},
};

static const struct rcase lin5_up[] = {
	{"+2", NULL, "aaaa00000001 aaaa00000002"},
	{"+2", "aaaa00000003", "aaaa00000004 aaaa00000005"},
	{"+3", "aaaa00000003", "!Relative revision +3 didn't produce 3 migrations"},
	{"lbl@+1", NULL, "aaaa00000001"},
	{"lbl@+1", "aaaa00000002", "aaaa00000003"},
	{"aaaa00000002+2", NULL, "aaaa00000001 aaaa00000002 aaaa00000003 aaaa00000004"},
	{"aaaa00000003-2", NULL, "aaaa00000001"},
	{"aaaa00000003-2", "aaaa00000004", ""},
	{"head", "aaaa00000005", ""},
	{"heads-1", "aaaa00000001", "aaaa00000002 aaaa00000003 aaaa00000004"},
};

static const struct rcase lin5_down[] = {
	{"-1", "aaaa00000005", "aaaa00000005"},
	{"-2", "aaaa00000005", "aaaa00000005 aaaa00000004"},
	{"-5", "aaaa00000005", "aaaa00000005 aaaa00000004 aaaa00000003 aaaa00000002 aaaa00000001"},
	{"-6", "aaaa00000005", "!Relative revision -6 didn't produce 6 migrations"},
	{"aaaa00000001-1", "aaaa00000003", "aaaa00000003 aaaa00000002 aaaa00000001"},
	{"aaaa00000002+1", "aaaa00000005", "aaaa00000005 aaaa00000004"},
	{"lbl@-1", "aaaa00000005", "aaaa00000005"},
	{"lbl@aaaa00000002", "aaaa00000005", "aaaa00000005 aaaa00000004 aaaa00000003"},
	{"aaaa00000005", "aaaa00000003", "!Destination aaaa00000005 is not a valid downgrade target from current head(s)"},
	{"head-1", "aaaa00000005", "aaaa00000005"},
	{"base+2", "aaaa00000005", "aaaa00000005 aaaa00000004 aaaa00000003"},
	{"base", "aaaa00000003", "aaaa00000003 aaaa00000002 aaaa00000001"},
};

static const struct rcase short_revs[] = {
	{"a", NULL, "!Ambiguous revision 'a': it matches abcd, abce"}, /* aludel; 1.8.1: Can't locate */
	{"ab", NULL, "!Ambiguous revision 'ab': it matches abcd, abce"}, /* aludel; 1.8.1: Can't locate */
	{"abc", NULL, "abc"},
	{"abcd", NULL, "abcd"},
	{"abcde", NULL, NF("abcde")},
	{"abce", NULL, "abce"},
	{"x", NULL, "x1234"},
	{"x1", NULL, "x1234"},
	{"x12", NULL, "x1234"},
	{"fe", NULL, "!Ambiguous revision 'fe': it matches fe5678, featb, feta"}, /* aludel; 1.8.1: Can't locate */
	{"fea", NULL, "abcd"},
	{"feat", NULL, "abcd"},
	{"featb", NULL, "abcd"},
	{"feta", NULL, "abce"},
	{"fet", NULL, "abce"},
	{"fe5", NULL, "fe5678"},
	{"featb@head", NULL, "x1234"},
	{"feta@head", NULL, "fe5678"},
	{"featb@a", NULL, "abcd"},
	{"featb@ab", NULL, "abcd"},
	{"feta@x1234", NULL, NF("x1234")},
	{"featb@x", NULL, "x1234"},
	{"featb@abc", NULL, "abc"},
	{"feta@abc", NULL, "abc"},
	{"heads", NULL, "fe5678 x1234"},
	{"featb@-1", NULL, "abcd"},
	{"abc@heads", NULL, "fe5678 x1234"},
	{"ab@heads", NULL, "!Ambiguous revision 'ab': it matches abcd, abce"}, /* aludel; 1.8.1: Can't locate */
};

static const struct rcase short_rev[] = {
	{"a", NULL, "!Ambiguous revision 'a': it matches abcd, abce"}, /* aludel; 1.8.1: Can't locate */
	{"abc", NULL, "abc"},
	{"featb@abc", NULL, "abc"},
	{"fe", NULL, "!Ambiguous revision 'fe': it matches fe5678, featb, feta"}, /* aludel; 1.8.1: Can't locate */
};

#define GS ((struct graphs *)*state)

static void test_g1_revisions(void **state)
{
	RUN(GS->g1, f_revs, g1_revs, "get_revisions");
	RUN(GS->g1, f_rev, g1_rev, "get_revision");
}

static void test_g1_upgrade(void **state)
{
	RUN(GS->g1, f_up, g1_up, "upgrade");
}

static void test_g1_downgrade(void **state)
{
	RUN(GS->g1, f_down, g1_down, "downgrade");
}

static void test_g1_current_tips(void **state)
{
	RUN(GS->g1, f_tips, g1_tips, "current");
}

static void test_g2(void **state)
{
	RUN(GS->g2, f_revs, g2_revs, "get_revisions");
	RUN(GS->g2, f_rev, g2_rev, "get_revision");
	RUN(GS->g2, f_up, g2_up, "upgrade");
	RUN(GS->g2, f_down, g2_down, "downgrade");
	RUN(GS->g2, f_tips, g2_tips, "current");
}

static void test_lin5(void **state)
{
	RUN(GS->lin5, f_revs, lin5_revs, "get_revisions");
	RUN(GS->lin5, f_up, lin5_up, "upgrade");
	RUN(GS->lin5, f_down, lin5_down, "downgrade");
}

static void test_short_ids_and_labels(void **state)
{
	RUN(GS->shrt, f_revs, short_revs, "get_revisions");
	RUN(GS->shrt, f_rev, short_rev, "get_revision");
}

/* Results are appended; on error nothing is appended. */
static void test_append_and_error_leaves_out(void **state)
{
	const struct ald_graph *g = GS->g1;
	struct ald_ixvec out = {0};
	assert_int_equal(ald__resolve_revisions(&out, g, "featb"), 0);
	assert_int_equal(ald__resolve_revisions(&out, g, "heads"), 0);
	assert_int_equal(ald__resolve_revisions(&out, g, "base"), 0);
	assert_int_equal(out.n, 3);
	assert_int_equal(out.v[0], R(g, "3000bbbb0001"));
	assert_int_equal(ald__resolve_revisions(&out, g, "-3"), ALD_EINVALID);
	assert_int_equal(ald__resolve_revisions(&out, g, "nosuch"), ALD_ENOTFOUND);
	assert_int_equal(out.n, 3);
	ald__ixvec_free(&out);

	size_t r = 0;
	assert_int_equal(ald__resolve_revision(&r, g, "base"), 0);
	assert_int_equal(r, ALD_NOREV);
	assert_int_equal(ald__resolve_revision(&r, g, "heads"), ALD_EMULTIPLEHEADS);
}

/* downgrade -N with several rows uses the first and says so. */
static void test_downgrade_ambiguous_rows_flag(void **state)
{
	const struct ald_graph *g = GS->g1;
	size_t rows[] = {R(g, "4000cccc0002"), R(g, "3000bbbb0002")};
	struct ald_ixvec out = {0};
	unsigned flags = 99;
	assert_int_equal(ald__downgrade_steps(&out, g, "-1", rows, 2, &flags), 0);
	assert_int_equal(flags, ALD_DOWNGRADE_AMBIGUOUS_ROWS);
	assert_int_equal(out.n, 1);
	assert_int_equal(out.v[0], rows[0]);
	out.n = 0;
	assert_int_equal(ald__downgrade_steps(&out, g, "-1", rows, 1, &flags), 0);
	assert_int_equal(flags, 0);
	out.n = 0;
	/* a label picks the row on its branch: no ambiguity */
	assert_int_equal(ald__downgrade_steps(&out, g, "featb@-1", rows, 2, &flags), 0);
	assert_int_equal(flags, 0);
	assert_int_equal(out.n, 1);
	assert_int_equal(out.v[0], rows[1]);
	ald__ixvec_free(&out);
}

/* What a lineage test against a spec compares with (stamp's "from" rows). */
static void test_lineage_sets(void **state)
{
	const struct ald_graph *g = GS->g1;
	static const struct {
		const char *spec, *expect;
		int every;
	} cases[] = {
		{"base", "", 1},
		{"featb@base", "3000bbbb0001", 0},
		{"heads", "7000ffff0002 8000dddd0002", 0},
		{"featb@heads", "3000bbbb0001 8000dddd0002", 0},
		{"3000bbbb", NULL, 0},
		{"4000cccc0001", "4000cccc0001", 0},
		{"oth", "7000ffff0001", 0},
		{"head", NULL, 0},
		{"nosuch", NULL, 0},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct ald_ixvec out = {0};
		int every = -1;
		int err = ald__resolve_lineage(&out, &every, g, cases[i].spec);
		if (!cases[i].expect) {
			assert_true(err < 0);
		} else {
			assert_int_equal(err, 0);
			char *got = ids_of(g, &out);
			assert_string_equal(got, cases[i].expect);
			assert_int_equal(every, cases[i].every);
			free(got);
		}
		ald__ixvec_free(&out);
	}
}

/* Alembic's relative pattern (?:(.+?)@)?(\w+)?([+-]\d+), matched at the start. */
static void test_relative_pattern(void **state)
{
	(void)state;
	static const struct {
		const char *target, *label, *symbol, *relative, *text;
		long long steps;
	} cases[] = {
		{"+1", NULL, NULL, "+1", "+1", 1},
		{"-12", NULL, NULL, "-12", "-12", -12},
		{"+05", NULL, NULL, "+05", "+05", 5},
		{"featb@+2", "featb", NULL, "+2", "featb@+2", 2},
		{"featb@head-1", "featb", "head", "-1", "featb@head-1", -1},
		{"aaaa00000002+1xyz", NULL, "aaaa00000002", "+1", "aaaa00000002+1", 1},
		{"a@b@+1", "a@b", NULL, "+1", "a@b@+1", 1},
		{"a@b@c+1", "a@b", "c", "+1", "a@b@c+1", 1},
		{"x-y@+1", "x-y", NULL, "+1", "x-y@+1", 1},
		{"abc-1-2", NULL, "abc", "-1", "abc-1", -1},
		{"@+1", NULL, NULL, NULL, NULL, 0}, /* the empty label does not match: no @ allowed */
		{"head", NULL, NULL, NULL, NULL, 0},
		{"featb@head", NULL, NULL, NULL, NULL, 0},
		{"+", NULL, NULL, NULL, NULL, 0},
		{" -1", NULL, NULL, NULL, NULL, 0},
		{"", NULL, NULL, NULL, NULL, 0},
		{"a\n@+1", NULL, NULL, NULL, NULL, 0},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct ald_relative m;
		int hit = ald__match_relative(&m, cases[i].target);
		if (!cases[i].relative) {
			if (hit)
				fail_msg("'%s' should not match", cases[i].target);
			continue;
		}
		if (!hit)
			fail_msg("'%s' should match", cases[i].target);
		if (cases[i].label)
			assert_string_equal(m.label, cases[i].label);
		else
			assert_null(m.label);
		if (cases[i].symbol)
			assert_string_equal(m.symbol, cases[i].symbol);
		else
			assert_null(m.symbol);
		assert_string_equal(m.relative, cases[i].relative);
		assert_string_equal(m.text, cases[i].text);
		assert_int_equal(m.steps, cases[i].steps);
		ald__relative_free(&m);
	}
}

/* Python's int() as get_revisions uses it for -N. */
static void test_pyint(void **state)
{
	(void)state;
	int64_t v = 0;
	assert_true(ald__pyint("-1", &v) && v == -1);
	assert_true(ald__pyint("  -2\n", &v) && v == -2);
	assert_true(ald__pyint("+3", &v) && v == 3);
	assert_true(ald__pyint("-1_0", &v) && v == -10);
	assert_true(ald__pyint("0", &v) && v == 0);
	assert_true(ald__pyint("-99999999999999999999999", &v) && v == -INT64_MAX);
	assert_false(ald__pyint("", &v));
	assert_false(ald__pyint("-", &v));
	assert_false(ald__pyint("1__0", &v));
	assert_false(ald__pyint("10_", &v));
	assert_false(ald__pyint("_1", &v));
	assert_false(ald__pyint("1000aaaa", &v));
	assert_false(ald__pyint("- 1", &v));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_g1_revisions),
		cmocka_unit_test(test_g1_upgrade),
		cmocka_unit_test(test_g1_downgrade),
		cmocka_unit_test(test_g1_current_tips),
		cmocka_unit_test(test_g2),
		cmocka_unit_test(test_lin5),
		cmocka_unit_test(test_short_ids_and_labels),
		cmocka_unit_test(test_append_and_error_leaves_out),
		cmocka_unit_test(test_downgrade_ambiguous_rows_flag),
		cmocka_unit_test(test_lineage_sets),
		cmocka_unit_test(test_relative_pattern),
		cmocka_unit_test(test_pyint),
	};
	return cmocka_run_group_tests(tests, setup_graphs, teardown_graphs);
}
