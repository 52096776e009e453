/* test_graph_order.c - ancestry walks, the overlap check, lineage and the
 * topological sort, against Alembic 1.8.1's own results on random graphs,
 * and a sanity run on a generated 100,000-revision graph.
 *
 * The random graphs (3-30 revisions, several roots, merge points, depends_on
 * on a revision or a label, branch labels) were written as Alembic projects
 * with one file per revision named "<id>_x.py"; Alembic 1.8.1 ran with
 * os.listdir patched to sorted order (aludel's map order) and
 * PYTHONHASHSEED=0. Recorded: `heads` (versioned heads), `heads
 * --resolve-dependencies` (real heads), `history` (order, and the labels shown
 * on each line), and the `-- Running upgrade` lines of `upgrade --sql A:B`
 * (reversed: the toposort order). Several labels on one revision are printed
 * in Python-set order by Alembic; the data lists them in aludel's order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "graph.h"
#include "graph_internal.h"
#include "shape_gen.h"
#include "plan.h"

/* A revision: lists comma-separated, NULL = none; `expect` = its propagated
 * labels as Alembic shows them. */
struct rspec {
	const char *id, *down, *labels, *deps, *expect;
};

/* `upgrade --sql from:to`: the toposort of ancestors(to) - ancestors(from). */
struct rup {
	const char *from, *to, *order;
};

/* `history -r from:to`: doc/alembic-compat.md §4.3 steps 3-8 with `from` and `to` revisions. */
struct rhist {
	size_t graph;
	const char *from, *to, *order;
};

struct rgraph {
	const struct rspec *revs;
	size_t n;
	const char *heads, *real_heads, *history;
	const struct rup *ups;
	size_t nups;
};

static void split(struct ald_strvec *sv, const char *csv)
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

/* The graph of the n files (in map order), which it takes; fails the test
 * when they do not build. */
static struct ald_graph *graph_of(struct ald_revfile *files, size_t n)
{
	struct ald_graph *g = NULL;
	if (ald__graph_build(&g, files, n) != 0)
		fail_msg("build failed: %s", ald_error_last()->message);
	free(files);
	return g;
}

static struct ald_graph *build(const struct rspec *specs, size_t n)
{
	struct ald_revfile *files = calloc(n ? n : 1, sizeof(*files));
	for (size_t i = 0; i < n; i++) {
		struct ald_revfile *f = &files[i];
		f->path = ald__xasprintf("%s_x.py", specs[i].id);
		f->id = ald__xstrdup(specs[i].id);
		f->doc = ald__xstrdup("");
		f->message = ald__xstrdup("");
		split(&f->down, specs[i].down);
		split(&f->depends, specs[i].deps);
		split(&f->labels, specs[i].labels);
	}
	return graph_of(files, n);
}

static size_t R(const struct ald_graph *g, const char *id)
{
	size_t r = ald__graph_find(g, id);
	if (r == ALD_NOREV)
		fail_msg("no revision %s", id);
	return r;
}

static void assert_revs(const struct ald_graph *g, const struct ald_ixvec *v, const char *expected)
{
	struct ald_buf b = {0};
	for (size_t i = 0; i < v->n; i++) {
		if (i)
			ald__buf_putc(&b, ' ');
		ald__buf_puts(&b, g->revs[v->v[i]].file.id);
	}
	if (strcmp(ald__buf_cstr(&b), expected) != 0)
		fail_msg("expected '%s', got '%s'", expected, ald__buf_cstr(&b));
	ald__buf_free(&b);
}

/* The toposort of ancestors(to) minus ancestors(from) starting at `to`. */
static void assert_upgrade(const struct ald_graph *g, const char *from, const char *to,
			   const char *expected)
{
	size_t target = R(g, to);
	unsigned char *todo = calloc(g->n, 1), *have = calloc(g->n, 1);
	assert_int_equal(ald__graph_ancestors_checked(g, &target, 1, todo), 0);
	if (strcmp(from, "base") != 0) {
		size_t cur = R(g, from);
		assert_int_equal(ald__graph_ancestors_checked(g, &cur, 1, have), 0);
	}
	for (size_t i = 0; i < g->n; i++)
		todo[i] = todo[i] && !have[i];
	struct ald_ixvec out = {0};
	assert_int_equal(ald__graph_toposort(g, todo, &target, 1, &out), 0);
	assert_revs(g, &out, expected);
	ald__ixvec_free(&out);
	free(have);
	free(todo);
}

/* ---- the random graphs (seed 7) ----------------------------------------- */

static const struct rspec r0[] = {
	{"099936f675cc", NULL, NULL, NULL, ""},
	{"128b0c5c7fd0", "269ef2a74de4", NULL, NULL, ""},
	{"2217dbc496cb", "269ef2a74de4,099936f675cc", NULL, NULL, ""},
	{"269ef2a74de4", NULL, NULL, NULL, ""},
	{"34b99e7769b1", "6cad8d116ece", NULL, NULL, ""},
	{"4cbd5c90a958", "6cad8d116ece,269ef2a74de4", NULL, NULL, ""},
	{"5051d17f9aca", "57eee00902c7", "l11", NULL, "l11"},
	{"57eee00902c7", "128b0c5c7fd0", NULL, "94e31a61dbe2", ""},
	{"6cad8d116ece", NULL, NULL, NULL, ""},
	{"7d2ceeeacbe2", "57eee00902c7", NULL, NULL, ""},
	{"94e31a61dbe2", "2217dbc496cb", NULL, NULL, ""},
	{"a09fa170b338", "6cad8d116ece,269ef2a74de4", "l4", NULL, "l4"},
	{"f1d617f5e837", "5051d17f9aca", NULL, NULL, "l11"},
};
static const struct rup r0_up[] = {
	{"94e31a61dbe2", "7d2ceeeacbe2", "7d2ceeeacbe2 57eee00902c7 128b0c5c7fd0"},
	{"34b99e7769b1", "57eee00902c7", "57eee00902c7 128b0c5c7fd0 94e31a61dbe2 2217dbc496cb 099936f675cc 269ef2a74de4"},
	{"5051d17f9aca", "a09fa170b338", "a09fa170b338 6cad8d116ece"},
};
static const struct rspec r1[] = {
	{"05c658d5563d", NULL, NULL, NULL, ""},
	{"06879d1de2a0", NULL, NULL, NULL, ""},
	{"06ecea057543", "4093a268aa87", NULL, "2954b12aa1f6", ""},
	{"15b4a4a45eff", "4fd57bdc968b,519090fbbd11", NULL, NULL, ""},
	{"15bdf26149ed", "e25aaec6f024", NULL, NULL, ""},
	{"2954b12aa1f6", "519090fbbd11", NULL, NULL, ""},
	{"2b055affb229", "05c658d5563d", NULL, NULL, ""},
	{"332d3a0b9965", "c9d4cfbf3360", NULL, "l8", ""},
	{"3870149e259b", NULL, NULL, NULL, ""},
	{"3f63bd0561e6", "05c658d5563d", NULL, NULL, ""},
	{"4093a268aa87", "fc13113db17d", NULL, "74e60dd27a65", ""},
	{"4fd57bdc968b", NULL, NULL, "7c260316909e", ""},
	{"519090fbbd11", "e25aaec6f024", NULL, NULL, ""},
	{"5b0e2ac34446", "4093a268aa87", NULL, NULL, ""},
	{"64e566237a04", NULL, "l8", NULL, "l8"},
	{"74e60dd27a65", "3f63bd0561e6", NULL, NULL, ""},
	{"7c260316909e", "e25aaec6f024", NULL, NULL, ""},
	{"9fc27b8f2ab5", "3870149e259b", NULL, NULL, ""},
	{"a2c6ca04c79f", "06ecea057543", NULL, NULL, ""},
	{"c9d4cfbf3360", "4fd57bdc968b", NULL, NULL, ""},
	{"e2254720771f", "2b055affb229", NULL, NULL, ""},
	{"e25aaec6f024", "e2254720771f", NULL, NULL, ""},
	{"f4de9aea6429", "5b0e2ac34446", NULL, NULL, ""},
	{"fc13113db17d", "7c260316909e", NULL, "3f63bd0561e6", ""},
};
static const struct rup r1_up[] = {
	{"15bdf26149ed", "e2254720771f", ""},
	{"e25aaec6f024", "74e60dd27a65", "74e60dd27a65 3f63bd0561e6"},
};
static const struct rspec r2[] = {
	{"03a5057a40b2", "8c7427e9e06f", NULL, NULL, ""},
	{"12b86da79a87", "d70a33dcd77f", NULL, NULL, ""},
	{"6f0e23a5ef88", "8c7427e9e06f", NULL, NULL, ""},
	{"82b386048719", NULL, NULL, NULL, ""},
	{"831d9b2bd6c0", "c5b20acd8be1", NULL, NULL, "l8"},
	{"8c7427e9e06f", NULL, NULL, NULL, ""},
	{"aead537390e5", "c3803d93fd4c", "l7", "d0a69556585e", "l7"},
	{"b2ff3f665ede", "82b386048719", NULL, NULL, ""},
	{"c3803d93fd4c", "03a5057a40b2", NULL, "6f0e23a5ef88", ""},
	{"c5b20acd8be1", NULL, "l8", NULL, "l8"},
	{"c6aa0101b811", "c3803d93fd4c,d0a69556585e", NULL, NULL, ""},
	{"d0a69556585e", "8c7427e9e06f", NULL, NULL, ""},
	{"d70a33dcd77f", "b2ff3f665ede", NULL, NULL, ""},
	{"e998e4ddf9b9", NULL, NULL, NULL, ""},
};
static const struct rup r2_up[] = {
	{"6f0e23a5ef88", "8c7427e9e06f", ""},
	{"base", "831d9b2bd6c0", "831d9b2bd6c0 c5b20acd8be1"},
};
static const struct rspec r3[] = {
	{"1818f3d74f82", "77bdf7b103df", NULL, NULL, ""},
	{"459c43fc0527", NULL, NULL, NULL, ""},
	{"5dafb8dee081", NULL, NULL, NULL, ""},
	{"626404a10547", "b4d12955d6f0", NULL, "1818f3d74f82", ""},
	{"77bdf7b103df", NULL, NULL, NULL, ""},
	{"b4d12955d6f0", "1818f3d74f82", NULL, NULL, ""},
	{"d1dc212a8d9b", "b4d12955d6f0", "l6", NULL, "l6"},
};
static const struct rup r3_up[] = {
	{"base", "77bdf7b103df", "77bdf7b103df"},
	{"77bdf7b103df", "1818f3d74f82", "1818f3d74f82"},
};
static const struct rspec r4[] = {
	{"1289e5316960", "b02eccb1c51d", NULL, NULL, ""},
	{"9f27449274d2", "db319bb183e1", NULL, "b02eccb1c51d", ""},
	{"b02eccb1c51d", NULL, NULL, NULL, ""},
	{"db319bb183e1", "1289e5316960", NULL, NULL, ""},
};
static const struct rup r4_up[] = {
	{"b02eccb1c51d", "9f27449274d2", "9f27449274d2 db319bb183e1 1289e5316960"},
	{"base", "db319bb183e1", "db319bb183e1 1289e5316960 b02eccb1c51d"},
};
static const struct rspec r5[] = {
	{"157961b2480c", "52d38c0d0033", "l9", NULL, "l9,l8,l5"},
	{"2f73759eb559", "6181d75d6769", NULL, NULL, "l5"},
	{"32d957bb7d97", "fe9704a65651", NULL, NULL, ""},
	{"3b11348922d7", "74fa00d93534", NULL, NULL, "l16,l10"},
	{"45402d8ad8c0", NULL, NULL, NULL, ""},
	{"48bf26433798", "e48ea854c834", NULL, NULL, "l9,l8,l5"},
	{"498daf06bcf7", "74fa00d93534", NULL, "32d957bb7d97", "l16,l10"},
	{"4cb505c22d3f", "157961b2480c", NULL, NULL, "l9,l8,l5"},
	{"4deeb16107f1", "d01ad5be785a", NULL, NULL, "l9,l8,l5"},
	{"52d38c0d0033", "2f73759eb559", "l8", NULL, "l8,l5"},
	{"6181d75d6769", "d6440dec6823", NULL, NULL, "l5"},
	{"6de2a098d691", "48bf26433798", NULL, NULL, "l9,l8,l5"},
	{"738ed5f860c3", "d01ad5be785a", NULL, NULL, "l9,l8,l5"},
	{"74fa00d93534", "a494b17dd255", NULL, NULL, "l16,l10"},
	{"83a430803889", "fe9704a65651", NULL, NULL, ""},
	{"8bc07eb86c57", "fe9704a65651", NULL, NULL, ""},
	{"a494b17dd255", "32d957bb7d97,d12943a08f06", "l16", NULL, "l16,l10"},
	{"b133197a14e2", "3b11348922d7", NULL, NULL, "l16,l10"},
	{"bee810e8ad01", "74fa00d93534", NULL, NULL, "l16,l10"},
	{"d01ad5be785a", "48bf26433798", NULL, NULL, "l9,l8,l5"},
	{"d12943a08f06", NULL, "l10", NULL, "l10"},
	{"d6440dec6823", "83a430803889,8bc07eb86c57", "l5", NULL, "l5"},
	{"e48ea854c834", "4cb505c22d3f", NULL, NULL, "l9,l8,l5"},
	{"fe9704a65651", "45402d8ad8c0", NULL, NULL, ""},
};
static const struct rup r5_up[] = {
	{"b133197a14e2", "3b11348922d7", ""},
	{"52d38c0d0033", "498daf06bcf7", "498daf06bcf7 74fa00d93534 a494b17dd255 d12943a08f06 32d957bb7d97"},
	{"8bc07eb86c57", "32d957bb7d97", "32d957bb7d97"},
};
static const struct rspec r6[] = {
	{"35f1ee379c65", NULL, NULL, "f7d581b1c025", ""},
	{"757f4a227f39", NULL, "l0", NULL, "l0"},
	{"f7d581b1c025", "757f4a227f39", NULL, NULL, "l0"},
};
static const struct rup r6_up[] = {
	{"f7d581b1c025", "35f1ee379c65", "35f1ee379c65"},
	{"base", "35f1ee379c65", "35f1ee379c65 f7d581b1c025 757f4a227f39"},
};
static const struct rspec r7[] = {
	{"065b64e27602", NULL, NULL, NULL, ""},
	{"309950cb407a", "ffb063e19869", NULL, "d5ad0d36ce2c", "l3"},
	{"3e7c31419775", NULL, "l12", NULL, "l12"},
	{"41784c3ac6fc", "de96a4fd57c5", NULL, NULL, ""},
	{"50ea60487e15", "7ddff3308ce5", NULL, NULL, ""},
	{"5e493d376642", "de96a4fd57c5", NULL, NULL, ""},
	{"6e8c7223c68a", "8ce67f405bc8", NULL, "7ddff3308ce5", "l11"},
	{"7928cde347ab", "6e8c7223c68a", NULL, NULL, "l11"},
	{"7ddff3308ce5", "065b64e27602", NULL, NULL, ""},
	{"80deafcf0e77", "8ce67f405bc8", NULL, "beef69f44612", "l11"},
	{"8c9a8ddcf83c", "d5ad0d36ce2c", NULL, NULL, "l3"},
	{"8ce67f405bc8", "065b64e27602", "l11", NULL, "l11"},
	{"ab3b8eaca288", "50ea60487e15", NULL, NULL, ""},
	{"beef69f44612", "5e493d376642", NULL, "ffb063e19869", ""},
	{"d5ad0d36ce2c", "ffb063e19869", NULL, NULL, "l3"},
	{"de96a4fd57c5", "50ea60487e15", NULL, NULL, ""},
	{"ed28f09c0afb", "50ea60487e15", "l3", NULL, "l3"},
	{"ffb063e19869", "ed28f09c0afb", NULL, NULL, "l3"},
};
static const struct rup r7_up[] = {
	{"d5ad0d36ce2c", "ed28f09c0afb", ""},
	{"7928cde347ab", "d5ad0d36ce2c", "d5ad0d36ce2c ffb063e19869 ed28f09c0afb 50ea60487e15"},
	{"7928cde347ab", "41784c3ac6fc", "41784c3ac6fc de96a4fd57c5 50ea60487e15"},
};
static const struct rspec r8[] = {
	{"02ad004b7fd0", "1202197536b1", NULL, NULL, ""},
	{"1202197536b1", "4dc4b70ba858", NULL, NULL, ""},
	{"4dc4b70ba858", "f1051be03df0", NULL, NULL, ""},
	{"79ad3e0b25cd", "02ad004b7fd0", NULL, NULL, ""},
	{"85b926edf1bd", NULL, NULL, NULL, ""},
	{"8d2f15c2c81a", "f1051be03df0", "l2", NULL, "l2"},
	{"f1051be03df0", "85b926edf1bd", NULL, NULL, ""},
};
static const struct rup r8_up[] = {
	{"base", "1202197536b1", "1202197536b1 4dc4b70ba858 f1051be03df0 85b926edf1bd"},
	{"f1051be03df0", "8d2f15c2c81a", "8d2f15c2c81a"},
};
static const struct rspec r9[] = {
	{"1be74b80b828", "334ef848a956", NULL, NULL, ""},
	{"334ef848a956", "6577aebcb0aa", NULL, NULL, ""},
	{"3a5341db898e", NULL, NULL, NULL, ""},
	{"5ec6ecd7570b", "3a5341db898e", NULL, NULL, ""},
	{"6577aebcb0aa", "3a5341db898e", NULL, NULL, ""},
};
static const struct rup r9_up[] = {
	{"6577aebcb0aa", "1be74b80b828", "1be74b80b828 334ef848a956"},
	{"5ec6ecd7570b", "334ef848a956", "334ef848a956 6577aebcb0aa"},
	{"334ef848a956", "1be74b80b828", "1be74b80b828"},
};
static const struct rspec r10[] = {
	{"989bf95fe8a0", NULL, "l0", NULL, "l0"},
	{"b5b90d456be0", NULL, NULL, NULL, ""},
	{"b647e5ee4c91", "989bf95fe8a0", NULL, NULL, "l0"},
};
static const struct rup r10_up[] = {
	{"base", "989bf95fe8a0", "989bf95fe8a0"},
	{"b647e5ee4c91", "989bf95fe8a0", ""},
	{"base", "b647e5ee4c91", "b647e5ee4c91 989bf95fe8a0"},
};
static const struct rspec r11[] = {
	{"023a2ed51b12", "9b09e6077d79", NULL, NULL, ""},
	{"02e9d0930b64", "4142fff7ba0d", "l24", NULL, "l24"},
	{"0a68679f2d9e", "1be42b54af77", NULL, NULL, ""},
	{"10926862bf79", "023a2ed51b12", NULL, NULL, ""},
	{"1be42b54af77", NULL, NULL, NULL, ""},
	{"37b75985ea3f", NULL, "l22", NULL, "l22"},
	{"4142fff7ba0d", NULL, NULL, NULL, ""},
	{"428b9a60f919", "f91499b9ede7", NULL, NULL, ""},
	{"4485911f52dc", "89dfbf7b6c6c", NULL, NULL, ""},
	{"480627401fa0", "4485911f52dc", NULL, NULL, ""},
	{"4ebeaaf5a86e", "4142fff7ba0d,86bc81e004fb", NULL, NULL, "l18"},
	{"4f06d252a617", "6b9159f9bb79", NULL, NULL, ""},
	{"6b9159f9bb79", "fc275fb6d625", NULL, NULL, ""},
	{"7243eb64c5c4", "fc275fb6d625", NULL, "4f06d252a617", ""},
	{"7f9c6bca9b3f", "fce21aefca62", NULL, "b088b77570a4", ""},
	{"86bc81e004fb", "89dfbf7b6c6c", "l18", NULL, "l18"},
	{"89dfbf7b6c6c", "7f9c6bca9b3f", NULL, NULL, ""},
	{"9b09e6077d79", "fc275fb6d625", NULL, NULL, ""},
	{"a3a12790bb01", "02e9d0930b64", NULL, NULL, "l24"},
	{"b088b77570a4", "9b09e6077d79", NULL, NULL, ""},
	{"c6bff4337bd1", "b088b77570a4", NULL, NULL, ""},
	{"cb97080e31b0", "4142fff7ba0d", NULL, NULL, ""},
	{"dc7a53eab031", "b088b77570a4", NULL, "4f06d252a617", ""},
	{"dd3f04a99e63", "cb97080e31b0", NULL, NULL, ""},
	{"e200798a0d59", "7f9c6bca9b3f", NULL, "c6bff4337bd1", ""},
	{"f24da24c8407", "4f06d252a617", NULL, NULL, ""},
	{"f91499b9ede7", "e200798a0d59", NULL, NULL, ""},
	{"fc275fb6d625", NULL, NULL, NULL, ""},
	{"fce21aefca62", NULL, NULL, NULL, ""},
};
static const struct rup r11_up[] = {
	{"7243eb64c5c4", "023a2ed51b12", "023a2ed51b12 9b09e6077d79"},
	{"37b75985ea3f", "fce21aefca62", "fce21aefca62"},
	{"10926862bf79", "7243eb64c5c4", "7243eb64c5c4 4f06d252a617 6b9159f9bb79"},
};
static const struct rspec r12[] = {
	{"05b40bab5f9f", NULL, NULL, NULL, ""},
	{"0c5cf53e2c38", "93cd5e73252b", NULL, NULL, ""},
	{"21b13196cd44", "aafb09c2cd73", NULL, NULL, "l7,l1"},
	{"2907e4219307", "f785caca003c", NULL, NULL, ""},
	{"2ed6791397a3", "f785caca003c,75fd5d5ec1ad", "l7", NULL, "l7,l1"},
	{"3cc68189ac45", "7924cf7eda11", NULL, NULL, ""},
	{"48865912eb60", "e8e8ce74b3c4", NULL, NULL, ""},
	{"53ecadff8165", "f87f3f3f4072", "l20", NULL, "l7,l20,l1"},
	{"5b6e85e9251c", "05b40bab5f9f", NULL, "7d4ffc7383bf", ""},
	{"5c1adbb8d36b", "3cc68189ac45", NULL, NULL, ""},
	{"634da2e8fec0", NULL, NULL, NULL, ""},
	{"67fd172a390a", NULL, NULL, NULL, ""},
	{"6cfd3fcf6d85", "f87f3f3f4072", "l10", NULL, "l7,l10,l1"},
	{"6ea6a0288056", "a9e8edaf80f3", NULL, NULL, ""},
	{"75fd5d5ec1ad", "67fd172a390a", "l1", NULL, "l1"},
	{"7924cf7eda11", "634da2e8fec0,2907e4219307", NULL, NULL, ""},
	{"7d4ffc7383bf", "aafb09c2cd73", NULL, NULL, "l7,l1"},
	{"8299811c8fa7", "e8e8ce74b3c4,75fd5d5ec1ad", NULL, NULL, "l1"},
	{"82f0b86bb4d6", NULL, NULL, NULL, ""},
	{"93cd5e73252b", "fe3240852477", NULL, NULL, ""},
	{"a9e8edaf80f3", "fe3240852477", NULL, NULL, ""},
	{"aafb09c2cd73", "2ed6791397a3", NULL, NULL, "l7,l1"},
	{"b898c9d35f16", "7d4ffc7383bf,f87f3f3f4072", NULL, NULL, "l7,l1"},
	{"e7b24665ea19", "21b13196cd44,f36ca71a56c6", NULL, NULL, "l7,l1"},
	{"e8e8ce74b3c4", "67fd172a390a", NULL, NULL, ""},
	{"f36ca71a56c6", "aafb09c2cd73", NULL, NULL, "l7,l1"},
	{"f785caca003c", "67fd172a390a", NULL, "48865912eb60", ""},
	{"f87f3f3f4072", "2ed6791397a3", NULL, NULL, "l7,l1"},
	{"fe3240852477", "3cc68189ac45", NULL, NULL, ""},
};
static const struct rup r12_up[] = {
	{"05b40bab5f9f", "2ed6791397a3", "2ed6791397a3 f785caca003c 75fd5d5ec1ad 48865912eb60 e8e8ce74b3c4 67fd172a390a"},
	{"53ecadff8165", "f36ca71a56c6", "f36ca71a56c6 aafb09c2cd73"},
	{"2ed6791397a3", "b898c9d35f16", "b898c9d35f16 7d4ffc7383bf aafb09c2cd73 f87f3f3f4072"},
};
static const struct rspec r13[] = {
	{"06c9db869c8a", "312253add817", NULL, NULL, ""},
	{"104c1886a7ba", NULL, NULL, NULL, ""},
	{"10534f33b0ee", "a8248d094979", "l6", NULL, "l6,l1"},
	{"1ca506e315e3", NULL, NULL, NULL, ""},
	{"28c23cd7dcef", NULL, "l4", NULL, "l4"},
	{"312253add817", "e14a15de2868", NULL, NULL, ""},
	{"42ec1af3bda5", "a8248d094979,6fc8d82cba01", NULL, NULL, "l4,l1"},
	{"6fc8d82cba01", "28c23cd7dcef", NULL, NULL, "l4"},
	{"7e2bbbc81f54", "d225a51b453f", NULL, NULL, ""},
	{"95d89f6428ef", NULL, "l15", NULL, "l15"},
	{"a8248d094979", "aa5cdf0c92b9,7e2bbbc81f54", NULL, NULL, "l1"},
	{"aa5cdf0c92b9", "104c1886a7ba", "l1", NULL, "l1"},
	{"b63043678856", NULL, NULL, NULL, ""},
	{"c9d7af8c3e74", "b63043678856", NULL, NULL, ""},
	{"d225a51b453f", "104c1886a7ba", NULL, NULL, ""},
	{"e14a15de2868", "7e2bbbc81f54,c9d7af8c3e74", NULL, NULL, ""},
	{"fb4eb15e27e6", "e14a15de2868", NULL, NULL, ""},
};
static const struct rup r13_up[] = {
	{"06c9db869c8a", "28c23cd7dcef", "28c23cd7dcef"},
	{"104c1886a7ba", "06c9db869c8a", "06c9db869c8a 312253add817 e14a15de2868 7e2bbbc81f54 d225a51b453f c9d7af8c3e74 b63043678856"},
	{"104c1886a7ba", "28c23cd7dcef", "28c23cd7dcef"},
};
static const struct rspec r14[] = {
	{"011d0dd09e51", "f6c8c4ecbfa2", NULL, NULL, "l0"},
	{"055a42db5b4b", "19917a243b32", NULL, NULL, "l0"},
	{"10e1aa069dd3", "bc9d115d27cf", NULL, NULL, "l0"},
	{"19917a243b32", "10e1aa069dd3", NULL, NULL, "l0"},
	{"1a0ffeb36d43", "9a5753999ac8", "l21", NULL, "l21,l0"},
	{"1ac4c974732b", "42b583e03b8d", NULL, NULL, "l11,l0"},
	{"1caa340252a6", NULL, NULL, NULL, ""},
	{"2bcd804dffe8", "6c10160f6d6e", NULL, NULL, ""},
	{"3b2494447857", "1ac4c974732b", NULL, NULL, "l11,l0"},
	{"42b583e03b8d", "1caa340252a6,011d0dd09e51", "l11", NULL, "l11,l0"},
	{"636ae29f9ecb", "1ac4c974732b,bbb94d56c5ae", NULL, NULL, "l21,l11,l0"},
	{"6c10160f6d6e", "1caa340252a6,a259c0f621ad", NULL, NULL, ""},
	{"6fbb07ffe38e", "f6c8c4ecbfa2", NULL, "1caa340252a6", "l0"},
	{"7347d7d5ccbe", "b071c125516b", NULL, NULL, ""},
	{"76994bd4a21c", NULL, NULL, NULL, ""},
	{"9729db437386", "bc9d115d27cf", NULL, NULL, "l0"},
	{"9a5753999ac8", "011d0dd09e51", NULL, NULL, "l0"},
	{"a259c0f621ad", NULL, NULL, NULL, ""},
	{"b071c125516b", "2bcd804dffe8", NULL, NULL, ""},
	{"bbb94d56c5ae", "1a0ffeb36d43", NULL, NULL, "l21,l0"},
	{"bc9d115d27cf", NULL, "l0", NULL, "l0"},
	{"c1364d2f9bba", "3b2494447857", NULL, NULL, "l11,l0"},
	{"c44da2f3bd5d", NULL, NULL, NULL, ""},
	{"d1df93151cf9", "f6c8c4ecbfa2", NULL, NULL, "l0"},
	{"f6c8c4ecbfa2", "055a42db5b4b", NULL, NULL, "l0"},
};
static const struct rup r14_up[] = {
	{"d1df93151cf9", "011d0dd09e51", "011d0dd09e51"},
	{"7347d7d5ccbe", "2bcd804dffe8", ""},
	{"b071c125516b", "c44da2f3bd5d", "c44da2f3bd5d"},
};
static const struct rspec r15[] = {
	{"03680fbeb716", NULL, NULL, NULL, ""},
	{"1f55eec4e799", "405009c3e7c0", NULL, NULL, ""},
	{"3a85da39c4ea", "a5aebfc5056e", NULL, NULL, ""},
	{"40014b018c9f", "adc76d152eaa", NULL, NULL, ""},
	{"405009c3e7c0", "aafb3a8335f8,7b956c6fba96", NULL, NULL, ""},
	{"5a24acc53466", "405009c3e7c0", NULL, NULL, ""},
	{"6296dabcf004", NULL, NULL, NULL, ""},
	{"690c57c52302", "a5aebfc5056e", NULL, NULL, ""},
	{"782ad5704724", "cb95d198e3b8", NULL, NULL, "l14"},
	{"7b956c6fba96", "3a85da39c4ea", NULL, NULL, ""},
	{"7c237ac3caf8", "cb95d198e3b8", NULL, NULL, "l14"},
	{"8a8174efd764", "405009c3e7c0", NULL, NULL, ""},
	{"a467781ac78f", "405009c3e7c0", NULL, NULL, ""},
	{"a5aebfc5056e", NULL, NULL, NULL, ""},
	{"aafb3a8335f8", "a5aebfc5056e", NULL, NULL, ""},
	{"adc76d152eaa", "690c57c52302,e4fd2edd27f7", NULL, NULL, ""},
	{"cb95d198e3b8", "a467781ac78f", "l14", NULL, "l14"},
	{"e4fd2edd27f7", "7b956c6fba96", NULL, NULL, ""},
	{"e50d190dcc94", "a5aebfc5056e", NULL, NULL, ""},
	{"f14fc8b6be1f", "adc76d152eaa", NULL, "a5aebfc5056e", ""},
	{"fe85380ab1d7", "5a24acc53466", NULL, "aafb3a8335f8", ""},
};
static const struct rup r15_up[] = {
	{"6296dabcf004", "405009c3e7c0", "405009c3e7c0 aafb3a8335f8 7b956c6fba96 3a85da39c4ea a5aebfc5056e"},
	{"e4fd2edd27f7", "a467781ac78f", "a467781ac78f 405009c3e7c0 aafb3a8335f8"},
	{"f14fc8b6be1f", "5a24acc53466", "5a24acc53466 405009c3e7c0 aafb3a8335f8"},
};
static const struct rspec r16[] = {
	{"03f9a07c30a8", "a8cef00e60f8", NULL, NULL, "l13,l12"},
	{"0a1a36667dc9", "8de6b9015459", NULL, "7f6390048542", "l13,l12"},
	{"0d7f8dd4c0f7", "2e36134d2c81", NULL, NULL, ""},
	{"1135724bf80b", NULL, NULL, NULL, ""},
	{"2e36134d2c81", "7f6390048542", NULL, NULL, ""},
	{"2f4d4d5284b5", "0a1a36667dc9", NULL, NULL, "l13,l12"},
	{"2ffabe845f95", "a8cef00e60f8", "l24", NULL, "l24,l13,l12"},
	{"368db15adcf2", "fa289bbdf2ea", NULL, NULL, ""},
	{"369e08ad794c", "ffbdee7653c9", NULL, NULL, ""},
	{"60449c9affde", "b693512d126e", NULL, NULL, "l12"},
	{"6b4643b5e670", "e6d2ab200eff", NULL, NULL, ""},
	{"7dcab34ed4fa", "6b4643b5e670", NULL, NULL, ""},
	{"7f6390048542", "7dcab34ed4fa", NULL, NULL, ""},
	{"7f6d0dfb6f3a", "8de6b9015459", NULL, NULL, "l13,l12"},
	{"8de6b9015459", "b693512d126e", "l13", NULL, "l13,l12"},
	{"a8cef00e60f8", "7f6d0dfb6f3a", NULL, "1135724bf80b", "l13,l12"},
	{"b693512d126e", "c74d797b0779", "l12", NULL, "l12"},
	{"c74d797b0779", "369e08ad794c", NULL, NULL, ""},
	{"d26c309ff5b2", "df7a458dff2d", NULL, NULL, ""},
	{"de9a37deeaed", "03f9a07c30a8", NULL, NULL, "l13,l12"},
	{"df7a458dff2d", "369e08ad794c", NULL, NULL, ""},
	{"e6d2ab200eff", "fa289bbdf2ea", NULL, NULL, ""},
	{"ea0119c14c26", "c74d797b0779", NULL, NULL, ""},
	{"fa289bbdf2ea", NULL, NULL, NULL, ""},
	{"ffbdee7653c9", "7f6390048542", NULL, NULL, ""},
};
static const struct rup r16_up[] = {
	{"0d7f8dd4c0f7", "ffbdee7653c9", "ffbdee7653c9"},
	{"df7a458dff2d", "60449c9affde", "60449c9affde b693512d126e c74d797b0779"},
	{"ea0119c14c26", "c74d797b0779", ""},
};
static const struct rspec r17[] = {
	{"15c688d8c0a5", "461a25a1ba53", NULL, NULL, "l1"},
	{"3be9fb7678d3", "4ad9557985e0,9b17de9b5dec", NULL, NULL, "l1"},
	{"461a25a1ba53", "488673866561", NULL, NULL, "l1"},
	{"488673866561", "e35cf9f4886c", NULL, NULL, "l1"},
	{"4ad9557985e0", "d5bddc685e91", NULL, NULL, "l1"},
	{"6affcd45f31a", "d5bddc685e91", NULL, NULL, "l1"},
	{"8598d554fc05", "ce7b89414113", "l16", NULL, "l16,l1"},
	{"9b17de9b5dec", "e9dc4109752a,cc1ff7630f70", NULL, NULL, "l1"},
	{"ab6775e88d7e", NULL, NULL, NULL, ""},
	{"afc7a6941c22", "e9dc4109752a", NULL, NULL, "l1"},
	{"b378ce4d2a2a", "8598d554fc05", NULL, NULL, "l16,l1"},
	{"c04a961d8bc0", NULL, NULL, NULL, ""},
	{"cc1ff7630f70", NULL, NULL, NULL, ""},
	{"ce7b89414113", "4ad9557985e0,488673866561", NULL, NULL, "l1"},
	{"d5bddc685e91", "afc7a6941c22", NULL, NULL, "l1"},
	{"e32ec3693486", "488673866561", NULL, NULL, "l1"},
	{"e35cf9f4886c", "9b17de9b5dec", NULL, NULL, "l1"},
	{"e9dc4109752a", "ab6775e88d7e", "l1", NULL, "l1"},
};
static const struct rup r17_up[] = {
	{"3be9fb7678d3", "9b17de9b5dec", ""},
	{"c04a961d8bc0", "e32ec3693486", "e32ec3693486 488673866561 e35cf9f4886c 9b17de9b5dec e9dc4109752a ab6775e88d7e cc1ff7630f70"},
	{"c04a961d8bc0", "488673866561", "488673866561 e35cf9f4886c 9b17de9b5dec e9dc4109752a ab6775e88d7e cc1ff7630f70"},
};
static const struct rspec r18[] = {
	{"05449b6d4eb5", NULL, NULL, NULL, ""},
	{"1bf77db2a17e", "3f2b696a8617", "l19", NULL, "l19"},
	{"23c7bfc43ff7", "4180f11425e4", "l15", NULL, "l15,l9,l16,l3,l0"},
	{"2e240e859f16", "73cc133d4b63", NULL, NULL, "l15,l9,l16,l3,l0"},
	{"2e44fe9f0bb4", "c98f76a399f8,05449b6d4eb5", NULL, NULL, "l0"},
	{"3876d534c087", NULL, NULL, NULL, ""},
	{"3f2b696a8617", "3876d534c087", NULL, NULL, ""},
	{"4180f11425e4", "72c62ec37ac9", "l9", NULL, "l9,l3,l0"},
	{"41cb5f26f21f", "ad4832ee7f64", NULL, NULL, "l9,l3,l0"},
	{"41d717076e31", "d879f27c07f5", NULL, NULL, "l3,l0"},
	{"6a674a17fe93", "4180f11425e4", "l22", NULL, "l9,l22,l3,l0"},
	{"72c62ec37ac9", "41d717076e31", NULL, NULL, "l3,l0"},
	{"73cc133d4b63", "23c7bfc43ff7", "l16", "ad4832ee7f64", "l15,l9,l16,l3,l0"},
	{"7c7f90c2ed6d", "c98f76a399f8", "l3", NULL, "l3,l0"},
	{"8369c94fc1ab", "98e250d7941d", NULL, "05449b6d4eb5", ""},
	{"98e250d7941d", NULL, NULL, NULL, ""},
	{"ad4832ee7f64", "4180f11425e4", NULL, NULL, "l9,l3,l0"},
	{"ad79ea0f7718", "72c62ec37ac9", NULL, NULL, "l3,l0"},
	{"c46a72658833", "7c7f90c2ed6d", NULL, NULL, "l3,l0"},
	{"c98f76a399f8", NULL, "l0", NULL, "l0"},
	{"c9a0e5212f05", "3f2b696a8617", NULL, NULL, ""},
	{"d879f27c07f5", "c46a72658833", NULL, NULL, "l3,l0"},
	{"f87f339d7cf8", "72c62ec37ac9", "l21", NULL, "l3,l0,l21"},
};
static const struct rup r18_up[] = {
	{"6a674a17fe93", "ad4832ee7f64", "ad4832ee7f64"},
	{"2e44fe9f0bb4", "ad4832ee7f64", "ad4832ee7f64 4180f11425e4 72c62ec37ac9 41d717076e31 d879f27c07f5 c46a72658833 7c7f90c2ed6d"},
	{"05449b6d4eb5", "8369c94fc1ab", "8369c94fc1ab 98e250d7941d"},
};
static const struct rspec r19[] = {
	{"03f4171fddd2", "0e2cea8f3be0", NULL, NULL, "l2"},
	{"048742ec600e", "87cf069076ac", NULL, NULL, "l2"},
	{"08cc0a4eecb2", "f0f8f8722666", NULL, NULL, ""},
	{"0a17f36bf211", "a21a7427bc76", NULL, "55c7d6ac6c77", ""},
	{"0e2cea8f3be0", "a0e1b52f9a2a", NULL, NULL, "l2"},
	{"3a399780ff20", "de9959c775be,87cf069076ac", NULL, NULL, "l2"},
	{"44b6e6c38898", NULL, NULL, NULL, ""},
	{"4fd91a48ef9f", "87cf069076ac", NULL, NULL, "l2"},
	{"55c7d6ac6c77", "f00504bcfe34", NULL, NULL, "l15,l17"},
	{"5c2f2f91f0c5", "f192d50dfdea", NULL, NULL, ""},
	{"6c11ded8ddd2", "3a399780ff20", NULL, NULL, "l2"},
	{"7e5c77001ae3", "de9959c775be", "l15", NULL, "l15"},
	{"81383366a311", "d8fe668d3355", NULL, NULL, "l15,l17"},
	{"85135b2d18e2", "d4e590292165", NULL, NULL, "l2"},
	{"87cf069076ac", "e3aa1661392b,5c2f2f91f0c5", NULL, NULL, "l2"},
	{"a0e1b52f9a2a", "e3aa1661392b", NULL, NULL, "l2"},
	{"a21a7427bc76", NULL, NULL, NULL, ""},
	{"d4e590292165", "0e2cea8f3be0", NULL, NULL, "l2"},
	{"d7e72358d99f", "f192d50dfdea", "l2", NULL, "l2"},
	{"d8fe668d3355", "55c7d6ac6c77", NULL, NULL, "l15,l17"},
	{"dd8fd47dd7c2", "a0e1b52f9a2a", NULL, NULL, "l2"},
	{"de9959c775be", NULL, NULL, NULL, ""},
	{"df704aa27976", NULL, NULL, NULL, ""},
	{"e3aa1661392b", "d7e72358d99f", NULL, NULL, "l2"},
	{"eca4ce6ba18b", NULL, NULL, "e3aa1661392b", ""},
	{"f00504bcfe34", "7e5c77001ae3", "l17", NULL, "l15,l17"},
	{"f0f8f8722666", NULL, NULL, NULL, ""},
	{"f192d50dfdea", NULL, NULL, NULL, ""},
};
static const struct rup r19_up[] = {
	{"0a17f36bf211", "87cf069076ac", "87cf069076ac e3aa1661392b d7e72358d99f 5c2f2f91f0c5 f192d50dfdea"},
	{"0e2cea8f3be0", "a21a7427bc76", "a21a7427bc76"},
	{"85135b2d18e2", "5c2f2f91f0c5", "5c2f2f91f0c5"},
};
static const struct rspec r20[] = {
	{"0593c5aa385e", "d19e780e2104", NULL, NULL, ""},
	{"1c6c9b7a3939", "b418ea2a15ed", NULL, NULL, ""},
	{"278eef175e5d", "709dd596a703", NULL, NULL, ""},
	{"462c49ce7f4f", NULL, NULL, NULL, ""},
	{"52ee3d110dbb", "657e95ef5783", NULL, NULL, ""},
	{"61737fe27f01", "86af6403e571", NULL, "d23946d8ec2e", ""},
	{"62fba67dd1a7", "462c49ce7f4f", NULL, NULL, ""},
	{"657e95ef5783", NULL, NULL, NULL, ""},
	{"65c27f7545c0", "d23946d8ec2e", NULL, NULL, ""},
	{"66a0803b8f4d", "ad2d02a83c34", NULL, NULL, ""},
	{"6d2bf8dce53f", "eb8fd256ddf8", NULL, NULL, ""},
	{"709dd596a703", "52ee3d110dbb", NULL, NULL, ""},
	{"86af6403e571", "1c6c9b7a3939", NULL, NULL, ""},
	{"ad2d02a83c34", NULL, NULL, NULL, ""},
	{"af6bba243b69", "eb994cc0eedb", NULL, NULL, ""},
	{"b418ea2a15ed", "d23946d8ec2e", NULL, NULL, ""},
	{"bd8b167d27de", "462c49ce7f4f", NULL, NULL, ""},
	{"d19e780e2104", "62fba67dd1a7", NULL, NULL, ""},
	{"d23946d8ec2e", "709dd596a703", NULL, NULL, ""},
	{"eb8fd256ddf8", "86af6403e571", NULL, NULL, ""},
	{"eb994cc0eedb", "eb8fd256ddf8", NULL, NULL, ""},
};
static const struct rup r20_up[] = {
	{"af6bba243b69", "86af6403e571", ""},
	{"d23946d8ec2e", "eb8fd256ddf8", "eb8fd256ddf8 86af6403e571 1c6c9b7a3939 b418ea2a15ed"},
	{"bd8b167d27de", "6d2bf8dce53f", "6d2bf8dce53f eb8fd256ddf8 86af6403e571 1c6c9b7a3939 b418ea2a15ed d23946d8ec2e 709dd596a703 52ee3d110dbb 657e95ef5783"},
};
static const struct rspec r21[] = {
	{"02bf6952aa64", "4b7fe4fead80", NULL, NULL, ""},
	{"0dff05011ece", "9ced77af3bd4", NULL, "179dd0dde8e0", ""},
	{"176a8355ce73", "a11c607c1966", NULL, NULL, ""},
	{"179dd0dde8e0", NULL, NULL, NULL, ""},
	{"25351f1ab658", "df024419ca8e", NULL, "4b7fe4fead80", ""},
	{"28ce0b42312f", "0dff05011ece", NULL, NULL, ""},
	{"3de627e8a103", "25351f1ab658,65624a6b5b62", "l20", NULL, "l20,l17"},
	{"4b7fe4fead80", "179dd0dde8e0", NULL, NULL, ""},
	{"5ddd516d8b3b", "179dd0dde8e0", "l1", NULL, "l1"},
	{"65624a6b5b62", "0dff05011ece,b72824d868cb", "l17", NULL, "l17"},
	{"6b1a4dbdbf12", "0dff05011ece", NULL, NULL, ""},
	{"6c1a1f8fe12c", "65624a6b5b62", NULL, NULL, "l17"},
	{"6f813cb77b2e", NULL, NULL, NULL, ""},
	{"7790717cad81", "3de627e8a103", NULL, NULL, "l20,l17"},
	{"86282809cebf", "5ddd516d8b3b", NULL, NULL, "l1"},
	{"88df5e34f81d", "ace073e3a21b", "l24", NULL, "l24"},
	{"90a0a14e1d71", "179dd0dde8e0", "l4", NULL, "l4"},
	{"950ef29c7dd6", NULL, NULL, NULL, ""},
	{"961119371cb1", NULL, NULL, "5ddd516d8b3b", ""},
	{"9ced77af3bd4", "961119371cb1", NULL, NULL, ""},
	{"a11c607c1966", "acc663c9a0e3", NULL, NULL, ""},
	{"acc663c9a0e3", "6b1a4dbdbf12", NULL, NULL, ""},
	{"ace073e3a21b", "a11c607c1966", NULL, NULL, "l24"},
	{"b72824d868cb", "9ced77af3bd4", NULL, NULL, ""},
	{"de43caf21612", "950ef29c7dd6,961119371cb1", NULL, NULL, ""},
	{"df024419ca8e", "179dd0dde8e0", NULL, NULL, ""},
};
static const struct rup r21_up[] = {
	{"25351f1ab658", "961119371cb1", "961119371cb1 5ddd516d8b3b"},
	{"02bf6952aa64", "65624a6b5b62", "65624a6b5b62 0dff05011ece b72824d868cb 9ced77af3bd4 961119371cb1 5ddd516d8b3b"},
	{"ace073e3a21b", "6f813cb77b2e", "6f813cb77b2e"},
};
static const struct rspec r22[] = {
	{"2d52b1d57573", NULL, NULL, NULL, ""},
	{"522f3b47d325", "2d52b1d57573", NULL, NULL, ""},
	{"5b1c484902df", "2d52b1d57573", NULL, NULL, ""},
	{"8017ce204c96", "2d52b1d57573", "l2", "522f3b47d325", "l2"},
	{"efce21d5c0a7", "8017ce204c96", NULL, "5b1c484902df", "l2"},
};
static const struct rup r22_up[] = {
	{"base", "5b1c484902df", "5b1c484902df 2d52b1d57573"},
	{"522f3b47d325", "2d52b1d57573", ""},
	{"2d52b1d57573", "5b1c484902df", "5b1c484902df"},
};
static const struct rspec r23[] = {
	{"0affe6ac933f", "6e422979b0ac", NULL, NULL, "l1"},
	{"20adc73b72f3", "2dfef109e573", NULL, NULL, "l1"},
	{"2dfef109e573", "ad6bb66c1b49", NULL, NULL, "l1"},
	{"64c5be7264aa", "ca9b09816771", NULL, NULL, "l1"},
	{"6c89f319c55a", "ca9b09816771", NULL, NULL, "l1"},
	{"6e422979b0ac", "ad6bb66c1b49", NULL, NULL, "l1"},
	{"73e9a03e2c7c", "6c89f319c55a", NULL, NULL, "l1"},
	{"9be1e9a5cb18", NULL, NULL, NULL, ""},
	{"ad6bb66c1b49", NULL, "l1", NULL, "l1"},
	{"af30ab8de210", "2dfef109e573", NULL, NULL, "l1"},
	{"ca9b09816771", "0affe6ac933f", NULL, NULL, "l1"},
};
static const struct rup r23_up[] = {
	{"ad6bb66c1b49", "2dfef109e573", "2dfef109e573"},
	{"ca9b09816771", "2dfef109e573", "2dfef109e573"},
	{"ad6bb66c1b49", "64c5be7264aa", "64c5be7264aa ca9b09816771 0affe6ac933f 6e422979b0ac"},
};
static const struct rspec r24[] = {
	{"1bda43b1bddb", "4dcc47e7f3cb", NULL, NULL, "l1,l0"},
	{"2b084a1d0c72", "a412ef9370a7,4dcc47e7f3cb", NULL, "c422d6e88d16", "l1,l0"},
	{"4dcc47e7f3cb", "8c5a1e335d03", NULL, "7c87b4fc2ba0", "l1,l0"},
	{"58e45b9a78bc", "f6ae3febb019", "l1", NULL, "l1,l0"},
	{"7c87b4fc2ba0", "58e45b9a78bc", NULL, NULL, "l1,l0"},
	{"8c5a1e335d03", "58e45b9a78bc", NULL, NULL, "l1,l0"},
	{"a412ef9370a7", "f6ae3febb019", NULL, "7c87b4fc2ba0", "l0"},
	{"a711bb0b58e4", "eb685bfaca0e", "l10", NULL, "l10"},
	{"c422d6e88d16", "7c87b4fc2ba0", NULL, "a412ef9370a7", "l1,l0"},
	{"eb685bfaca0e", NULL, NULL, NULL, "l10"},
	{"f6ae3febb019", NULL, "l0", NULL, "l0"},
};
static const struct rup r24_up[] = {
	{"4dcc47e7f3cb", "a412ef9370a7", "a412ef9370a7"},
	{"8c5a1e335d03", "7c87b4fc2ba0", "7c87b4fc2ba0"},
	{"f6ae3febb019", "4dcc47e7f3cb", "4dcc47e7f3cb 8c5a1e335d03 7c87b4fc2ba0 58e45b9a78bc"},
};
static const struct rspec r25[] = {
	{"1a282b2023b5", "e546d88163ff", NULL, NULL, ""},
	{"2a1ab9895415", "3a3db01fb83c,40e8d4d62887", NULL, NULL, ""},
	{"30d97aba0cf3", "3a3db01fb83c", NULL, NULL, ""},
	{"3a3db01fb83c", "e546d88163ff", NULL, NULL, ""},
	{"4065ab94c668", "87ac5c290a37", NULL, NULL, ""},
	{"40e8d4d62887", "a5b52f3e3319", NULL, NULL, ""},
	{"4c9f2308be55", "75e1844bb0be", NULL, NULL, ""},
	{"6c487e8fad53", "40e8d4d62887", "l4", NULL, "l4"},
	{"6ce982e3e9ae", "6c487e8fad53", NULL, NULL, "l4"},
	{"704e100e44d7", NULL, NULL, NULL, ""},
	{"7285bd5e0bde", "2a1ab9895415", NULL, NULL, ""},
	{"75e1844bb0be", "704e100e44d7", NULL, NULL, ""},
	{"8360bc4f68f7", "7285bd5e0bde", NULL, NULL, ""},
	{"87ac5c290a37", "7285bd5e0bde", NULL, NULL, ""},
	{"8c5133ec092f", "9bf154dfec11", NULL, NULL, ""},
	{"9bf154dfec11", "75e1844bb0be", NULL, NULL, ""},
	{"9eaf9bec5c98", NULL, NULL, NULL, ""},
	{"a5b52f3e3319", "1a282b2023b5", NULL, NULL, ""},
	{"e546d88163ff", NULL, NULL, NULL, ""},
};
static const struct rup r25_up[] = {
	{"9eaf9bec5c98", "4065ab94c668", "4065ab94c668 87ac5c290a37 7285bd5e0bde 2a1ab9895415 3a3db01fb83c 40e8d4d62887 a5b52f3e3319 1a282b2023b5 e546d88163ff"},
	{"9eaf9bec5c98", "a5b52f3e3319", "a5b52f3e3319 1a282b2023b5 e546d88163ff"},
	{"9eaf9bec5c98", "3a3db01fb83c", "3a3db01fb83c e546d88163ff"},
};
static const struct rspec r26[] = {
	{"2bd78b573a36", "d48875c1bd36", "l1", NULL, "l1"},
	{"3d421f6abac1", "d48875c1bd36", "l5", NULL, "l5"},
	{"5df22b026166", "2bd78b573a36", NULL, NULL, "l1"},
	{"6d0c22b65b22", "c6b25f94cc14", NULL, NULL, "l1"},
	{"c6b25f94cc14", "2bd78b573a36", NULL, "d48875c1bd36", "l1"},
	{"d48875c1bd36", NULL, NULL, NULL, ""},
};
static const struct rup r26_up[] = {
	{"5df22b026166", "c6b25f94cc14", "c6b25f94cc14"},
	{"5df22b026166", "2bd78b573a36", ""},
	{"5df22b026166", "c6b25f94cc14", "c6b25f94cc14"},
};
static const struct rspec r27[] = {
	{"05e88be66eec", "de49b8a0e328", NULL, "l1", ""},
	{"070fec425fce", "485a9a57cce3", NULL, NULL, ""},
	{"0c7199dc8ea7", NULL, NULL, NULL, ""},
	{"1270ae6be47a", "fdc980001cf5", NULL, NULL, ""},
	{"1957a276ac02", "54d477bf1bba", NULL, NULL, ""},
	{"1ceb9a619e47", NULL, "l0", NULL, "l0"},
	{"2dc295bd82a0", "6565720d7c9f", NULL, NULL, ""},
	{"349222b7ff5e", NULL, NULL, NULL, ""},
	{"485a9a57cce3", "05e88be66eec", NULL, NULL, ""},
	{"54d477bf1bba", "9fe796d756e0", NULL, "f53adf7e4425", ""},
	{"6565720d7c9f", "349222b7ff5e", NULL, "54d477bf1bba", ""},
	{"7be58074514c", "c2edb0845f2f", NULL, NULL, "l0"},
	{"8d209267f1d4", "6565720d7c9f", NULL, NULL, ""},
	{"94d4fd1d8480", "1ceb9a619e47", NULL, "acdbe904c133", "l0"},
	{"9997adf483b8", "7be58074514c", NULL, NULL, "l0"},
	{"9fe796d756e0", NULL, NULL, NULL, ""},
	{"acdbe904c133", "1ceb9a619e47", "l1", NULL, "l0,l1"},
	{"b811575648d1", "485a9a57cce3", NULL, NULL, ""},
	{"c2edb0845f2f", "dfad4a3fbba7", NULL, NULL, "l0"},
	{"c856fd0924b2", "df7359b5c468", NULL, NULL, ""},
	{"cce5add08f96", "1957a276ac02,b811575648d1", NULL, "2dc295bd82a0", ""},
	{"de49b8a0e328", "2dc295bd82a0", NULL, NULL, ""},
	{"df7359b5c468", "1270ae6be47a", NULL, NULL, ""},
	{"dfad4a3fbba7", "94d4fd1d8480", NULL, NULL, "l0"},
	{"e053759bbe56", "54d477bf1bba", NULL, NULL, ""},
	{"ea4108bb8941", "f53adf7e4425", NULL, NULL, "l0"},
	{"f53adf7e4425", "c2edb0845f2f", NULL, NULL, "l0"},
	{"fdc980001cf5", "54d477bf1bba", NULL, NULL, ""},
};
static const struct rup r27_up[] = {
	{"8d209267f1d4", "c856fd0924b2", "c856fd0924b2 df7359b5c468 1270ae6be47a fdc980001cf5"},
	{"9997adf483b8", "485a9a57cce3", "485a9a57cce3 05e88be66eec de49b8a0e328 2dc295bd82a0 6565720d7c9f 349222b7ff5e 54d477bf1bba 9fe796d756e0 f53adf7e4425"},
	{"05e88be66eec", "fdc980001cf5", "fdc980001cf5"},
};
static const struct rspec r28[] = {
	{"503dfcce6b2e", NULL, NULL, NULL, ""},
	{"511fecdfbd22", NULL, NULL, NULL, ""},
	{"d5bdb960e68c", "503dfcce6b2e", NULL, "511fecdfbd22", ""},
};
static const struct rup r28_up[] = {
	{"d5bdb960e68c", "503dfcce6b2e", ""},
};
static const struct rspec r29[] = {
	{"0727efdbfb75", "5c81473c3adc", NULL, NULL, "l2"},
	{"076f874ba543", "0727efdbfb75", NULL, NULL, "l2"},
	{"0bd35c40d6da", "aeca51dc540b", NULL, NULL, "l7,l2"},
	{"1ad8b2cbe842", "a08ba8344af1", "l20", NULL, "l20,l2,l21"},
	{"34055ab3af97", "a08ba8344af1", NULL, NULL, "l2"},
	{"3713f87213ce", "8ba7bcfb69b8", NULL, NULL, "l7,l2,l22"},
	{"44dd43bffd76", NULL, "l24", "af664c2fb124", "l24"},
	{"581fe98ffeeb", "076f874ba543", "l7", NULL, "l7,l2"},
	{"5c81473c3adc", "a5b5c6a76426", "l2", NULL, "l2"},
	{"5cd4f3b188f7", "44dd43bffd76", NULL, NULL, "l24"},
	{"5d989b27af30", "7a41b6202b3a", NULL, NULL, ""},
	{"6b4d8a3d3a9d", "44dd43bffd76,91ccfb3969ad", NULL, NULL, "l24,l2"},
	{"7a41b6202b3a", NULL, NULL, NULL, ""},
	{"8ba7bcfb69b8", "34055ab3af97,0bd35c40d6da", "l22", NULL, "l7,l2,l22"},
	{"91ccfb3969ad", "076f874ba543", NULL, NULL, "l2"},
	{"a08ba8344af1", "0727efdbfb75", NULL, NULL, "l2"},
	{"a5b5c6a76426", "7a41b6202b3a", NULL, NULL, ""},
	{"aeca51dc540b", "d2a422f34806", NULL, "91ccfb3969ad", "l7,l2"},
	{"af664c2fb124", NULL, "l16", "7a41b6202b3a", "l16"},
	{"b0b654ac365e", "3713f87213ce", NULL, NULL, "l7,l2,l22"},
	{"bbbfa8f79aee", NULL, NULL, NULL, ""},
	{"bc6b80ac55da", "0bd35c40d6da", NULL, NULL, "l7,l2"},
	{"c62fcf278c96", "5c81473c3adc", NULL, NULL, "l2"},
	{"cac7338d81b5", "0727efdbfb75,af664c2fb124", NULL, NULL, "l2,l16"},
	{"d2a422f34806", "581fe98ffeeb", NULL, NULL, "l7,l2"},
	{"dd32ac992bd4", "bbbfa8f79aee", NULL, NULL, ""},
	{"eb23a464b625", "bc6b80ac55da", NULL, NULL, "l7,l2"},
	{"f8787cc34d65", "1ad8b2cbe842", "l21", NULL, "l20,l2,l21"},
	{"ff94e5e9b368", "b0b654ac365e", NULL, NULL, "l7,l2,l22"},
};
static const struct rup r29_up[] = {
	{"7a41b6202b3a", "cac7338d81b5", "cac7338d81b5 0727efdbfb75 5c81473c3adc a5b5c6a76426 af664c2fb124"},
	{"eb23a464b625", "581fe98ffeeb", ""},
	{"bc6b80ac55da", "44dd43bffd76", "44dd43bffd76 af664c2fb124"},
};
static const struct rspec r30[] = {
	{"60fbde93483e", "82977879bf39", NULL, NULL, ""},
	{"82977879bf39", "8c877142dbc4", NULL, NULL, ""},
	{"8c877142dbc4", "d7d216396351", NULL, NULL, ""},
	{"a0ff126e45a3", "d7d216396351", NULL, NULL, ""},
	{"d7d216396351", NULL, NULL, NULL, ""},
	{"e894089d77b3", "d7d216396351", NULL, NULL, ""},
};
static const struct rup r30_up[] = {
	{"base", "a0ff126e45a3", "a0ff126e45a3 d7d216396351"},
	{"8c877142dbc4", "e894089d77b3", "e894089d77b3"},
};
static const struct rspec r31[] = {
	{"048c40bbd684", "1f7f6d9570ef", NULL, NULL, ""},
	{"1476121ea0e4", "9b81a5ef82fc", NULL, NULL, ""},
	{"1f7f6d9570ef", "e4dedb1567fb", NULL, NULL, ""},
	{"22a17dc3e17e", "1476121ea0e4", NULL, NULL, ""},
	{"38a29219c11f", NULL, NULL, NULL, ""},
	{"3d175da48846", "38a29219c11f", NULL, NULL, ""},
	{"464b8b6ed8d9", "048c40bbd684", NULL, NULL, ""},
	{"5dee2169eb7f", "857785c82e36", NULL, NULL, ""},
	{"73061c9ed256", "857785c82e36", "l6", NULL, "l6"},
	{"857785c82e36", "1f7f6d9570ef", NULL, NULL, ""},
	{"9b81a5ef82fc", "b7a70b3d0a1d", NULL, NULL, ""},
	{"b37176514eab", "1476121ea0e4", NULL, NULL, ""},
	{"b7a70b3d0a1d", "048c40bbd684", NULL, NULL, ""},
	{"caa8c1cd2483", NULL, NULL, NULL, ""},
	{"dbe07e4ee40f", NULL, NULL, "1f7f6d9570ef", ""},
	{"e4dedb1567fb", "3d175da48846", NULL, NULL, ""},
	{"ed6510db8d06", "38a29219c11f", NULL, NULL, ""},
	{"fa49310d5913", "9b81a5ef82fc", NULL, NULL, ""},
};
static const struct rup r31_up[] = {
	{"857785c82e36", "1476121ea0e4", "1476121ea0e4 9b81a5ef82fc b7a70b3d0a1d 048c40bbd684"},
	{"9b81a5ef82fc", "fa49310d5913", "fa49310d5913"},
	{"dbe07e4ee40f", "b7a70b3d0a1d", "b7a70b3d0a1d 048c40bbd684"},
};
static const struct rspec r32[] = {
	{"0e05dced67f2", "3880170da6a5", NULL, "d146922eb8ff", ""},
	{"162c4328ec4e", "d146922eb8ff", NULL, NULL, ""},
	{"3880170da6a5", NULL, NULL, NULL, ""},
	{"520b254117f4", "0e05dced67f2", NULL, NULL, ""},
	{"c0d9d9209a91", "3880170da6a5", NULL, NULL, ""},
	{"d146922eb8ff", NULL, NULL, NULL, ""},
};
static const struct rup r32_up[] = {
	{"d146922eb8ff", "520b254117f4", "520b254117f4 0e05dced67f2 3880170da6a5"},
	{"3880170da6a5", "0e05dced67f2", "0e05dced67f2 d146922eb8ff"},
	{"162c4328ec4e", "3880170da6a5", "3880170da6a5"},
};
static const struct rspec r33[] = {
	{"08a20930a7f4", NULL, NULL, NULL, ""},
	{"21c8b24e3a02", "08a20930a7f4", NULL, NULL, ""},
	{"26e236eebaa4", "5198cc15a3ad", NULL, NULL, ""},
	{"2b715c0412d2", "cd4e6156840f,4ccea8127933", NULL, NULL, ""},
	{"2e1d0ec6803f", "f920cd6e1ffb", "l6", NULL, "l6"},
	{"39486a2932fa", "f920cd6e1ffb", NULL, NULL, ""},
	{"3a28e77b7aa3", "7f1dc80da511", NULL, "cd4e6156840f", "l14,l16"},
	{"419881bc896a", "42e326274c4f", "l28", NULL, "l28,l26"},
	{"41d08a231343", "cd4e6156840f", NULL, NULL, ""},
	{"42e326274c4f", NULL, "l26", NULL, "l28,l26"},
	{"453d7f024ca4", "a40a27ee8e54", NULL, NULL, "l14"},
	{"4ccea8127933", NULL, NULL, NULL, ""},
	{"5198cc15a3ad", "ec810e8193fd", NULL, NULL, ""},
	{"545d3f555e9e", "b71eeaf8bf48,76d7eeb51898", NULL, NULL, ""},
	{"6e0b2f175191", "a40a27ee8e54", NULL, NULL, "l14"},
	{"76d7eeb51898", "41d08a231343", NULL, NULL, ""},
	{"7f1dc80da511", "ff0235e1ae00", NULL, NULL, "l14,l16"},
	{"7f4598a61c0d", "f920cd6e1ffb", NULL, NULL, ""},
	{"8a6c957b1761", "ff0235e1ae00", NULL, NULL, "l14,l16"},
	{"8d33bf38ba6c", NULL, NULL, NULL, ""},
	{"a40a27ee8e54", "ec810e8193fd", "l14", NULL, "l14"},
	{"b71eeaf8bf48", "41d08a231343,eb5c74d8a230", NULL, NULL, ""},
	{"b86eac818d66", "7f4598a61c0d", "l8", NULL, "l8"},
	{"ba013d691035", "21c8b24e3a02", NULL, "41d08a231343", ""},
	{"cd4e6156840f", NULL, NULL, NULL, ""},
	{"d2c9909f4e3a", "cd4e6156840f", NULL, NULL, ""},
	{"eb5c74d8a230", "cd4e6156840f", NULL, NULL, ""},
	{"ec810e8193fd", "7f4598a61c0d,d2c9909f4e3a", NULL, NULL, ""},
	{"f920cd6e1ffb", "cd4e6156840f", NULL, NULL, ""},
	{"ff0235e1ae00", "6e0b2f175191", "l16", NULL, "l14,l16"},
};
static const struct rup r33_up[] = {
	{"3a28e77b7aa3", "8a6c957b1761", "8a6c957b1761"},
	{"ba013d691035", "b86eac818d66", "b86eac818d66 7f4598a61c0d f920cd6e1ffb"},
	{"26e236eebaa4", "419881bc896a", "419881bc896a 42e326274c4f"},
};
static const struct rspec r34[] = {
	{"02c12ecc39e9", "07eaff874151", "l5", NULL, "l5"},
	{"07eaff874151", "27562bd8d742", NULL, NULL, ""},
	{"0fe8d1b37416", "07eaff874151", NULL, "15961ee99d8e", ""},
	{"15961ee99d8e", "07eaff874151", NULL, NULL, ""},
	{"27562bd8d742", NULL, NULL, NULL, ""},
	{"2ce3da7e7234", NULL, NULL, NULL, ""},
	{"2f21e5823b49", "a937684e487a", NULL, NULL, ""},
	{"4035a83afcc7", "f2b767ff684e", NULL, NULL, ""},
	{"54c0afa01284", "0fe8d1b37416", NULL, "57924db925db", ""},
	{"57924db925db", NULL, NULL, NULL, ""},
	{"606eaa8620b9", "4035a83afcc7", NULL, NULL, ""},
	{"64d45a8d0312", "cff8e0d1ea6c", NULL, "9a7fc05fc226", ""},
	{"7f08bedcd9c3", "57924db925db", NULL, NULL, "l12"},
	{"8350deee53a3", "7f08bedcd9c3", "l12", NULL, "l12"},
	{"8fc575393fcd", "a6a417a6a39f", NULL, NULL, ""},
	{"9a7fc05fc226", "adc682eb0dda", NULL, NULL, ""},
	{"9c38d0dbaad5", "2f21e5823b49", NULL, NULL, ""},
	{"a6a417a6a39f", "9a7fc05fc226", NULL, NULL, ""},
	{"a937684e487a", "64d45a8d0312", NULL, NULL, ""},
	{"a9cc56ef770e", "c87cf7ecfe27", NULL, "a9e2645af88d", ""},
	{"a9e2645af88d", "8350deee53a3", NULL, NULL, "l12"},
	{"adc682eb0dda", "0fe8d1b37416", NULL, NULL, ""},
	{"c87cf7ecfe27", "a6a417a6a39f", NULL, NULL, ""},
	{"c9dad51be06f", "a6a417a6a39f", NULL, NULL, ""},
	{"cff8e0d1ea6c", "a9cc56ef770e", NULL, NULL, ""},
	{"f2b767ff684e", NULL, NULL, NULL, ""},
	{"fd11ca6e324c", "f2b767ff684e", "l23", NULL, "l23"},
};
static const struct rup r34_up[] = {
	{"8fc575393fcd", "606eaa8620b9", "606eaa8620b9 4035a83afcc7 f2b767ff684e"},
	{"57924db925db", "54c0afa01284", "54c0afa01284 0fe8d1b37416 15961ee99d8e 07eaff874151 27562bd8d742"},
	{"57924db925db", "64d45a8d0312", "64d45a8d0312 cff8e0d1ea6c a9cc56ef770e c87cf7ecfe27 a6a417a6a39f 9a7fc05fc226 adc682eb0dda 0fe8d1b37416 15961ee99d8e a9e2645af88d 8350deee53a3 7f08bedcd9c3 07eaff874151 27562bd8d742"},
};
static const struct rspec r35[] = {
	{"08fc7578f33b", "8eb21e7a55da", NULL, NULL, ""},
	{"28eba319c60b", "78f9f6ae5b5b", NULL, NULL, ""},
	{"336623cf7fdc", "52fe4708f7e3", NULL, NULL, ""},
	{"47e7fb6dfb25", "8eb21e7a55da", NULL, "08fc7578f33b", ""},
	{"52fe4708f7e3", "08fc7578f33b", NULL, NULL, ""},
	{"563ace447c6b", "cf9c87830b58", NULL, NULL, "l16"},
	{"5c30f7887483", "e8574fdd63bf", NULL, NULL, ""},
	{"6761c64cd670", "b2b6d39f158f", NULL, NULL, ""},
	{"78f9f6ae5b5b", "52fe4708f7e3", NULL, NULL, ""},
	{"85adf014ba34", "a1c5b593ac67", NULL, NULL, ""},
	{"8eb21e7a55da", "85adf014ba34", NULL, NULL, ""},
	{"9669300a759f", "a1c5b593ac67", NULL, NULL, ""},
	{"a1c5b593ac67", NULL, NULL, NULL, ""},
	{"aaf592e70bb6", "ed60ab5e7b10", NULL, NULL, "l16,l22"},
	{"b2b6d39f158f", "5c30f7887483", NULL, NULL, ""},
	{"cf9c87830b58", "d91d8f09e7fd", "l16", NULL, "l16"},
	{"d91d8f09e7fd", "28eba319c60b", NULL, NULL, ""},
	{"e02711e2d573", "d91d8f09e7fd", NULL, NULL, ""},
	{"e8574fdd63bf", NULL, NULL, NULL, ""},
	{"ed60ab5e7b10", "e8574fdd63bf,563ace447c6b", "l22", "78f9f6ae5b5b", "l16,l22"},
	{"ed945226702f", "08fc7578f33b,9669300a759f", NULL, NULL, ""},
	{"ee161c7c766b", "ed945226702f", NULL, NULL, ""},
	{"f334ce0e2a76", "a1c5b593ac67", NULL, NULL, ""},
	{"f9e8b10b8b15", NULL, NULL, NULL, ""},
};
static const struct rup r35_up[] = {
	{"52fe4708f7e3", "ee161c7c766b", "ee161c7c766b ed945226702f 9669300a759f"},
	{"6761c64cd670", "52fe4708f7e3", "52fe4708f7e3 08fc7578f33b 8eb21e7a55da 85adf014ba34 a1c5b593ac67"},
	{"base", "ee161c7c766b", "ee161c7c766b ed945226702f 08fc7578f33b 8eb21e7a55da 85adf014ba34 9669300a759f a1c5b593ac67"},
};
static const struct rspec r36[] = {
	{"0891e618c717", "1ffc80256883", NULL, NULL, ""},
	{"1ffc80256883", NULL, NULL, NULL, ""},
	{"2c4cc730dec9", NULL, NULL, NULL, ""},
	{"4b4d3976edf3", "971a72197c9f", NULL, NULL, "l6,l3,l2,l5"},
	{"91a9ad0ef17f", "9ad79a7554a7", "l4", NULL, "l4,l3,l2,l8"},
	{"971a72197c9f", "f433d6ae2fbd", "l6", NULL, "l6,l3,l2,l5"},
	{"9ad79a7554a7", "a5bf219b7cdb", "l3", NULL, "l3,l2"},
	{"a5bf219b7cdb", "1ffc80256883", "l2", NULL, "l2"},
	{"d20acb20bbec", "91a9ad0ef17f", "l8", NULL, "l4,l3,l2,l8"},
	{"f433d6ae2fbd", "0891e618c717,9ad79a7554a7", "l5", NULL, "l3,l2,l5"},
};
static const struct rup r36_up[] = {
	{"base", "1ffc80256883", "1ffc80256883"},
	{"1ffc80256883", "91a9ad0ef17f", "91a9ad0ef17f 9ad79a7554a7 a5bf219b7cdb"},
	{"1ffc80256883", "f433d6ae2fbd", "f433d6ae2fbd 0891e618c717 9ad79a7554a7 a5bf219b7cdb"},
};
static const struct rspec r37[] = {
	{"0b531af25591", "100f0409e695", NULL, NULL, "l3"},
	{"100f0409e695", "aec3f81c5eb4", NULL, NULL, "l3"},
	{"1b5057cac47b", "325dbe399429", "l10", NULL, "l10"},
	{"325dbe399429", "54558812e7d2", NULL, NULL, "l10"},
	{"39ed68b60ffc", "831863eb2034", NULL, NULL, ""},
	{"438789a913de", "f2c4c940ca43", NULL, NULL, ""},
	{"48572a62ae7e", "39ed68b60ffc", NULL, NULL, ""},
	{"54558812e7d2", "831863eb2034", NULL, NULL, ""},
	{"82084051234b", "0b531af25591", NULL, NULL, "l3"},
	{"831863eb2034", NULL, NULL, NULL, ""},
	{"aec3f81c5eb4", "54558812e7d2", "l3", NULL, "l3"},
	{"cb74566f709c", "aec3f81c5eb4", NULL, NULL, "l3"},
	{"d764e578b076", "39ed68b60ffc,aec3f81c5eb4", NULL, NULL, "l3"},
	{"f200473f64ae", "1b5057cac47b", NULL, NULL, "l10"},
	{"f2c4c940ca43", NULL, NULL, NULL, ""},
};
static const struct rup r37_up[] = {
	{"1b5057cac47b", "f200473f64ae", "f200473f64ae"},
	{"100f0409e695", "54558812e7d2", ""},
};
static const struct rspec r38[] = {
	{"18033e1c7ab8", "646e01411ddd", NULL, NULL, ""},
	{"646e01411ddd", "e8b51e4ee42c", NULL, NULL, ""},
	{"92a5e396dfaf", NULL, NULL, NULL, ""},
	{"b6b7dca4c955", "e0aa975a4e23", NULL, NULL, ""},
	{"dbc7122bc68a", "92a5e396dfaf", NULL, NULL, ""},
	{"e0aa975a4e23", "dbc7122bc68a", NULL, NULL, ""},
	{"e770a3b420ca", "92a5e396dfaf", "l2", NULL, "l2"},
	{"e8b51e4ee42c", "e0aa975a4e23", NULL, NULL, ""},
	{"e9fdb4fd0e59", "dbc7122bc68a", NULL, NULL, ""},
};
static const struct rup r38_up[] = {
	{"18033e1c7ab8", "b6b7dca4c955", "b6b7dca4c955"},
	{"base", "e9fdb4fd0e59", "e9fdb4fd0e59 dbc7122bc68a 92a5e396dfaf"},
	{"dbc7122bc68a", "e770a3b420ca", "e770a3b420ca"},
};
static const struct rspec r39[] = {
	{"18b9b5c14d53", "f4dbc1d2a5ee", "l2", NULL, "l2"},
	{"77c927460880", NULL, "l0", NULL, "l0"},
	{"f4dbc1d2a5ee", NULL, NULL, NULL, "l2"},
	{"f4f0c975bc3e", "18b9b5c14d53", NULL, NULL, "l2"},
};
static const struct rup r39_up[] = {
	{"base", "18b9b5c14d53", "18b9b5c14d53 f4dbc1d2a5ee"},
	{"f4f0c975bc3e", "f4dbc1d2a5ee", ""},
};
static const struct rgraph rgraphs[] = {
	{r0, 13, "34b99e7769b1 4cbd5c90a958 7d2ceeeacbe2 94e31a61dbe2 a09fa170b338 f1d617f5e837",
	 "34b99e7769b1 4cbd5c90a958 7d2ceeeacbe2 a09fa170b338 f1d617f5e837",
	 "34b99e7769b1 4cbd5c90a958 7d2ceeeacbe2 f1d617f5e837 5051d17f9aca a09fa170b338 57eee00902c7 128b0c5c7fd0 94e31a61dbe2 2217dbc496cb 099936f675cc 269ef2a74de4 6cad8d116ece",
	 r0_up, 3},
	{r1, 24, "06879d1de2a0 15b4a4a45eff 15bdf26149ed 2954b12aa1f6 332d3a0b9965 64e566237a04 74e60dd27a65 9fc27b8f2ab5 a2c6ca04c79f f4de9aea6429",
	 "06879d1de2a0 15b4a4a45eff 15bdf26149ed 332d3a0b9965 9fc27b8f2ab5 a2c6ca04c79f f4de9aea6429",
	 "06879d1de2a0 15b4a4a45eff 332d3a0b9965 c9d4cfbf3360 15bdf26149ed 4fd57bdc968b a2c6ca04c79f 06ecea057543 f4de9aea6429 5b0e2ac34446 4093a268aa87 fc13113db17d 74e60dd27a65 2954b12aa1f6 64e566237a04 519090fbbd11 3f63bd0561e6 7c260316909e e25aaec6f024 e2254720771f 2b055affb229 9fc27b8f2ab5 3870149e259b 05c658d5563d",
	 r1_up, 2},
	{r2, 14, "12b86da79a87 6f0e23a5ef88 831d9b2bd6c0 aead537390e5 c6aa0101b811 e998e4ddf9b9",
	 "12b86da79a87 831d9b2bd6c0 aead537390e5 c6aa0101b811 e998e4ddf9b9",
	 "12b86da79a87 d70a33dcd77f b2ff3f665ede 82b386048719 831d9b2bd6c0 c5b20acd8be1 aead537390e5 c6aa0101b811 c3803d93fd4c 03a5057a40b2 d0a69556585e e998e4ddf9b9 6f0e23a5ef88 8c7427e9e06f",
	 r2_up, 2},
	{r3, 7, "459c43fc0527 5dafb8dee081 626404a10547 d1dc212a8d9b",
	 "459c43fc0527 5dafb8dee081 626404a10547 d1dc212a8d9b",
	 "459c43fc0527 5dafb8dee081 626404a10547 d1dc212a8d9b b4d12955d6f0 1818f3d74f82 77bdf7b103df",
	 r3_up, 2},
	{r4, 4, "9f27449274d2",
	 "9f27449274d2",
	 "9f27449274d2 db319bb183e1 1289e5316960 b02eccb1c51d",
	 r4_up, 2},
	{r5, 24, "498daf06bcf7 4deeb16107f1 6de2a098d691 738ed5f860c3 b133197a14e2 bee810e8ad01",
	 "498daf06bcf7 4deeb16107f1 6de2a098d691 738ed5f860c3 b133197a14e2 bee810e8ad01",
	 "498daf06bcf7 b133197a14e2 3b11348922d7 738ed5f860c3 4deeb16107f1 bee810e8ad01 d01ad5be785a 6de2a098d691 74fa00d93534 a494b17dd255 d12943a08f06 48bf26433798 e48ea854c834 4cb505c22d3f 157961b2480c 52d38c0d0033 2f73759eb559 6181d75d6769 d6440dec6823 83a430803889 32d957bb7d97 8bc07eb86c57 fe9704a65651 45402d8ad8c0",
	 r5_up, 3},
	{r6, 3, "35f1ee379c65 f7d581b1c025",
	 "35f1ee379c65",
	 "35f1ee379c65 f7d581b1c025 757f4a227f39",
	 r6_up, 2},
	{r7, 18, "309950cb407a 3e7c31419775 41784c3ac6fc 7928cde347ab 80deafcf0e77 8c9a8ddcf83c ab3b8eaca288 beef69f44612",
	 "309950cb407a 3e7c31419775 41784c3ac6fc 7928cde347ab 80deafcf0e77 8c9a8ddcf83c ab3b8eaca288",
	 "309950cb407a 80deafcf0e77 7928cde347ab 6e8c7223c68a 8c9a8ddcf83c 8ce67f405bc8 d5ad0d36ce2c ab3b8eaca288 beef69f44612 5e493d376642 41784c3ac6fc 3e7c31419775 ffb063e19869 ed28f09c0afb de96a4fd57c5 50ea60487e15 7ddff3308ce5 065b64e27602",
	 r7_up, 3},
	{r8, 7, "79ad3e0b25cd 8d2f15c2c81a",
	 "79ad3e0b25cd 8d2f15c2c81a",
	 "79ad3e0b25cd 02ad004b7fd0 1202197536b1 4dc4b70ba858 8d2f15c2c81a f1051be03df0 85b926edf1bd",
	 r8_up, 2},
	{r9, 5, "1be74b80b828 5ec6ecd7570b",
	 "1be74b80b828 5ec6ecd7570b",
	 "1be74b80b828 334ef848a956 6577aebcb0aa 5ec6ecd7570b 3a5341db898e",
	 r9_up, 3},
	{r10, 3, "b5b90d456be0 b647e5ee4c91",
	 "b5b90d456be0 b647e5ee4c91",
	 "b5b90d456be0 b647e5ee4c91 989bf95fe8a0",
	 r10_up, 3},
	{r11, 29, "0a68679f2d9e 10926862bf79 37b75985ea3f 428b9a60f919 480627401fa0 4ebeaaf5a86e 7243eb64c5c4 a3a12790bb01 c6bff4337bd1 dc7a53eab031 dd3f04a99e63 f24da24c8407",
	 "0a68679f2d9e 10926862bf79 37b75985ea3f 428b9a60f919 480627401fa0 4ebeaaf5a86e 7243eb64c5c4 a3a12790bb01 dc7a53eab031 dd3f04a99e63 f24da24c8407",
	 "0a68679f2d9e 1be42b54af77 10926862bf79 023a2ed51b12 428b9a60f919 f91499b9ede7 e200798a0d59 480627401fa0 4485911f52dc 4ebeaaf5a86e a3a12790bb01 02e9d0930b64 7243eb64c5c4 86bc81e004fb c6bff4337bd1 89dfbf7b6c6c 7f9c6bca9b3f fce21aefca62 37b75985ea3f dc7a53eab031 b088b77570a4 f24da24c8407 dd3f04a99e63 cb97080e31b0 9b09e6077d79 4142fff7ba0d 4f06d252a617 6b9159f9bb79 fc275fb6d625",
	 r11_up, 3},
	{r12, 29, "0c5cf53e2c38 48865912eb60 53ecadff8165 5b6e85e9251c 5c1adbb8d36b 6cfd3fcf6d85 6ea6a0288056 8299811c8fa7 82f0b86bb4d6 b898c9d35f16 e7b24665ea19",
	 "0c5cf53e2c38 53ecadff8165 5b6e85e9251c 5c1adbb8d36b 6cfd3fcf6d85 6ea6a0288056 8299811c8fa7 82f0b86bb4d6 b898c9d35f16 e7b24665ea19",
	 "0c5cf53e2c38 93cd5e73252b 6ea6a0288056 a9e8edaf80f3 6cfd3fcf6d85 53ecadff8165 fe3240852477 5c1adbb8d36b 5b6e85e9251c 05b40bab5f9f 3cc68189ac45 7924cf7eda11 634da2e8fec0 b898c9d35f16 82f0b86bb4d6 8299811c8fa7 f87f3f3f4072 e7b24665ea19 21b13196cd44 7d4ffc7383bf f36ca71a56c6 aafb09c2cd73 2ed6791397a3 2907e4219307 f785caca003c 48865912eb60 75fd5d5ec1ad e8e8ce74b3c4 67fd172a390a",
	 r12_up, 3},
	{r13, 17, "06c9db869c8a 10534f33b0ee 1ca506e315e3 42ec1af3bda5 95d89f6428ef fb4eb15e27e6",
	 "06c9db869c8a 10534f33b0ee 1ca506e315e3 42ec1af3bda5 95d89f6428ef fb4eb15e27e6",
	 "06c9db869c8a 312253add817 fb4eb15e27e6 95d89f6428ef 42ec1af3bda5 10534f33b0ee e14a15de2868 a8248d094979 aa5cdf0c92b9 7e2bbbc81f54 d225a51b453f 1ca506e315e3 104c1886a7ba 6fc8d82cba01 28c23cd7dcef c9d7af8c3e74 b63043678856",
	 r13_up, 3},
	{r14, 25, "636ae29f9ecb 6fbb07ffe38e 7347d7d5ccbe 76994bd4a21c 9729db437386 c1364d2f9bba c44da2f3bd5d d1df93151cf9",
	 "636ae29f9ecb 6fbb07ffe38e 7347d7d5ccbe 76994bd4a21c 9729db437386 c1364d2f9bba c44da2f3bd5d d1df93151cf9",
	 "636ae29f9ecb c1364d2f9bba 3b2494447857 9729db437386 1ac4c974732b 42b583e03b8d 6fbb07ffe38e d1df93151cf9 c44da2f3bd5d bbb94d56c5ae 1a0ffeb36d43 9a5753999ac8 011d0dd09e51 f6c8c4ecbfa2 055a42db5b4b 19917a243b32 10e1aa069dd3 7347d7d5ccbe b071c125516b 2bcd804dffe8 6c10160f6d6e a259c0f621ad 1caa340252a6 76994bd4a21c bc9d115d27cf",
	 r14_up, 3},
	{r15, 21, "03680fbeb716 1f55eec4e799 40014b018c9f 6296dabcf004 782ad5704724 7c237ac3caf8 8a8174efd764 e50d190dcc94 f14fc8b6be1f fe85380ab1d7",
	 "03680fbeb716 1f55eec4e799 40014b018c9f 6296dabcf004 782ad5704724 7c237ac3caf8 8a8174efd764 e50d190dcc94 f14fc8b6be1f fe85380ab1d7",
	 "03680fbeb716 1f55eec4e799 782ad5704724 7c237ac3caf8 cb95d198e3b8 a467781ac78f 6296dabcf004 40014b018c9f f14fc8b6be1f 8a8174efd764 adc76d152eaa 690c57c52302 fe85380ab1d7 5a24acc53466 405009c3e7c0 e4fd2edd27f7 7b956c6fba96 3a85da39c4ea e50d190dcc94 aafb3a8335f8 a5aebfc5056e",
	 r15_up, 3},
	{r16, 25, "0d7f8dd4c0f7 1135724bf80b 2f4d4d5284b5 2ffabe845f95 368db15adcf2 60449c9affde d26c309ff5b2 de9a37deeaed ea0119c14c26",
	 "0d7f8dd4c0f7 2f4d4d5284b5 2ffabe845f95 368db15adcf2 60449c9affde d26c309ff5b2 de9a37deeaed ea0119c14c26",
	 "0d7f8dd4c0f7 2e36134d2c81 2f4d4d5284b5 0a1a36667dc9 2ffabe845f95 de9a37deeaed 03f9a07c30a8 d26c309ff5b2 df7a458dff2d a8cef00e60f8 7f6d0dfb6f3a 8de6b9015459 60449c9affde 368db15adcf2 b693512d126e ea0119c14c26 c74d797b0779 369e08ad794c ffbdee7653c9 7f6390048542 7dcab34ed4fa 6b4643b5e670 e6d2ab200eff fa289bbdf2ea 1135724bf80b",
	 r16_up, 3},
	{r17, 18, "15c688d8c0a5 3be9fb7678d3 6affcd45f31a b378ce4d2a2a c04a961d8bc0 e32ec3693486",
	 "15c688d8c0a5 3be9fb7678d3 6affcd45f31a b378ce4d2a2a c04a961d8bc0 e32ec3693486",
	 "15c688d8c0a5 461a25a1ba53 b378ce4d2a2a 8598d554fc05 ce7b89414113 3be9fb7678d3 e32ec3693486 c04a961d8bc0 4ad9557985e0 6affcd45f31a 488673866561 e35cf9f4886c 9b17de9b5dec d5bddc685e91 afc7a6941c22 e9dc4109752a ab6775e88d7e cc1ff7630f70",
	 r17_up, 3},
	{r18, 23, "1bf77db2a17e 2e240e859f16 2e44fe9f0bb4 41cb5f26f21f 6a674a17fe93 8369c94fc1ab ad79ea0f7718 c9a0e5212f05 f87f339d7cf8",
	 "1bf77db2a17e 2e240e859f16 2e44fe9f0bb4 41cb5f26f21f 6a674a17fe93 8369c94fc1ab ad79ea0f7718 c9a0e5212f05 f87f339d7cf8",
	 "1bf77db2a17e c9a0e5212f05 ad79ea0f7718 2e240e859f16 73cc133d4b63 23c7bfc43ff7 41cb5f26f21f 2e44fe9f0bb4 6a674a17fe93 ad4832ee7f64 f87f339d7cf8 4180f11425e4 3f2b696a8617 3876d534c087 72c62ec37ac9 41d717076e31 d879f27c07f5 c46a72658833 7c7f90c2ed6d 8369c94fc1ab 98e250d7941d c98f76a399f8 05449b6d4eb5",
	 r18_up, 3},
	{r19, 28, "03f4171fddd2 048742ec600e 08cc0a4eecb2 0a17f36bf211 44b6e6c38898 4fd91a48ef9f 6c11ded8ddd2 81383366a311 85135b2d18e2 dd8fd47dd7c2 df704aa27976 eca4ce6ba18b",
	 "03f4171fddd2 048742ec600e 08cc0a4eecb2 0a17f36bf211 44b6e6c38898 4fd91a48ef9f 6c11ded8ddd2 81383366a311 85135b2d18e2 dd8fd47dd7c2 df704aa27976 eca4ce6ba18b",
	 "03f4171fddd2 85135b2d18e2 d4e590292165 81383366a311 d8fe668d3355 0a17f36bf211 a21a7427bc76 08cc0a4eecb2 f0f8f8722666 048742ec600e 4fd91a48ef9f 44b6e6c38898 6c11ded8ddd2 3a399780ff20 55c7d6ac6c77 f00504bcfe34 7e5c77001ae3 de9959c775be 87cf069076ac 0e2cea8f3be0 dd8fd47dd7c2 a0e1b52f9a2a eca4ce6ba18b df704aa27976 e3aa1661392b d7e72358d99f 5c2f2f91f0c5 f192d50dfdea",
	 r19_up, 3},
	{r20, 21, "0593c5aa385e 278eef175e5d 61737fe27f01 65c27f7545c0 66a0803b8f4d 6d2bf8dce53f af6bba243b69 bd8b167d27de",
	 "0593c5aa385e 278eef175e5d 61737fe27f01 65c27f7545c0 66a0803b8f4d 6d2bf8dce53f af6bba243b69 bd8b167d27de",
	 "0593c5aa385e d19e780e2104 62fba67dd1a7 bd8b167d27de af6bba243b69 eb994cc0eedb 6d2bf8dce53f 66a0803b8f4d ad2d02a83c34 65c27f7545c0 61737fe27f01 eb8fd256ddf8 86af6403e571 1c6c9b7a3939 b418ea2a15ed 278eef175e5d d23946d8ec2e 709dd596a703 52ee3d110dbb 657e95ef5783 462c49ce7f4f",
	 r20_up, 3},
	{r21, 26, "02bf6952aa64 176a8355ce73 28ce0b42312f 6c1a1f8fe12c 6f813cb77b2e 7790717cad81 86282809cebf 88df5e34f81d 90a0a14e1d71 de43caf21612",
	 "02bf6952aa64 176a8355ce73 28ce0b42312f 6c1a1f8fe12c 6f813cb77b2e 7790717cad81 86282809cebf 88df5e34f81d 90a0a14e1d71 de43caf21612",
	 "02bf6952aa64 7790717cad81 3de627e8a103 25351f1ab658 df024419ca8e 4b7fe4fead80 176a8355ce73 88df5e34f81d ace073e3a21b 86282809cebf a11c607c1966 acc663c9a0e3 6b1a4dbdbf12 28ce0b42312f 6c1a1f8fe12c 65624a6b5b62 b72824d868cb 0dff05011ece 6f813cb77b2e de43caf21612 950ef29c7dd6 90a0a14e1d71 9ced77af3bd4 961119371cb1 5ddd516d8b3b 179dd0dde8e0",
	 r21_up, 3},
	{r22, 5, "522f3b47d325 5b1c484902df efce21d5c0a7",
	 "efce21d5c0a7",
	 "efce21d5c0a7 8017ce204c96 5b1c484902df 522f3b47d325 2d52b1d57573",
	 r22_up, 3},
	{r23, 11, "20adc73b72f3 64c5be7264aa 73e9a03e2c7c 9be1e9a5cb18 af30ab8de210",
	 "20adc73b72f3 64c5be7264aa 73e9a03e2c7c 9be1e9a5cb18 af30ab8de210",
	 "20adc73b72f3 af30ab8de210 9be1e9a5cb18 73e9a03e2c7c 6c89f319c55a 64c5be7264aa 2dfef109e573 ca9b09816771 0affe6ac933f 6e422979b0ac ad6bb66c1b49",
	 r23_up, 3},
	{r24, 11, "1bda43b1bddb 2b084a1d0c72 a711bb0b58e4 c422d6e88d16",
	 "1bda43b1bddb 2b084a1d0c72 a711bb0b58e4",
	 "1bda43b1bddb 2b084a1d0c72 c422d6e88d16 4dcc47e7f3cb 8c5a1e335d03 a412ef9370a7 7c87b4fc2ba0 a711bb0b58e4 eb685bfaca0e 58e45b9a78bc f6ae3febb019",
	 r24_up, 3},
	{r25, 19, "30d97aba0cf3 4065ab94c668 4c9f2308be55 6ce982e3e9ae 8360bc4f68f7 8c5133ec092f 9eaf9bec5c98",
	 "30d97aba0cf3 4065ab94c668 4c9f2308be55 6ce982e3e9ae 8360bc4f68f7 8c5133ec092f 9eaf9bec5c98",
	 "30d97aba0cf3 4065ab94c668 87ac5c290a37 8360bc4f68f7 6ce982e3e9ae 6c487e8fad53 7285bd5e0bde 2a1ab9895415 3a3db01fb83c 40e8d4d62887 a5b52f3e3319 1a282b2023b5 4c9f2308be55 8c5133ec092f 9bf154dfec11 75e1844bb0be 704e100e44d7 e546d88163ff 9eaf9bec5c98",
	 r25_up, 3},
	{r26, 6, "3d421f6abac1 5df22b026166 6d0c22b65b22",
	 "3d421f6abac1 5df22b026166 6d0c22b65b22",
	 "3d421f6abac1 5df22b026166 6d0c22b65b22 c6b25f94cc14 2bd78b573a36 d48875c1bd36",
	 r26_up, 3},
	{r27, 28, "070fec425fce 0c7199dc8ea7 8d209267f1d4 9997adf483b8 acdbe904c133 c856fd0924b2 cce5add08f96 e053759bbe56 ea4108bb8941",
	 "070fec425fce 0c7199dc8ea7 8d209267f1d4 9997adf483b8 c856fd0924b2 cce5add08f96 e053759bbe56 ea4108bb8941",
	 "070fec425fce cce5add08f96 1957a276ac02 b811575648d1 ea4108bb8941 485a9a57cce3 05e88be66eec de49b8a0e328 0c7199dc8ea7 8d209267f1d4 2dc295bd82a0 6565720d7c9f 349222b7ff5e 9997adf483b8 7be58074514c c856fd0924b2 df7359b5c468 1270ae6be47a fdc980001cf5 e053759bbe56 54d477bf1bba 9fe796d756e0 f53adf7e4425 c2edb0845f2f dfad4a3fbba7 94d4fd1d8480 acdbe904c133 1ceb9a619e47",
	 r27_up, 3},
	{r28, 3, "511fecdfbd22 d5bdb960e68c",
	 "d5bdb960e68c",
	 "d5bdb960e68c 503dfcce6b2e 511fecdfbd22",
	 r28_up, 1},
	{r29, 29, "5cd4f3b188f7 5d989b27af30 6b4d8a3d3a9d c62fcf278c96 cac7338d81b5 dd32ac992bd4 eb23a464b625 f8787cc34d65 ff94e5e9b368",
	 "5cd4f3b188f7 5d989b27af30 6b4d8a3d3a9d c62fcf278c96 cac7338d81b5 dd32ac992bd4 eb23a464b625 f8787cc34d65 ff94e5e9b368",
	 "5cd4f3b188f7 6b4d8a3d3a9d eb23a464b625 bc6b80ac55da ff94e5e9b368 b0b654ac365e 3713f87213ce 8ba7bcfb69b8 34055ab3af97 f8787cc34d65 1ad8b2cbe842 0bd35c40d6da aeca51dc540b d2a422f34806 581fe98ffeeb 91ccfb3969ad 5d989b27af30 44dd43bffd76 cac7338d81b5 076f874ba543 dd32ac992bd4 bbbfa8f79aee a08ba8344af1 0727efdbfb75 c62fcf278c96 af664c2fb124 5c81473c3adc a5b5c6a76426 7a41b6202b3a",
	 r29_up, 3},
	{r30, 6, "60fbde93483e a0ff126e45a3 e894089d77b3",
	 "60fbde93483e a0ff126e45a3 e894089d77b3",
	 "60fbde93483e 82977879bf39 8c877142dbc4 a0ff126e45a3 e894089d77b3 d7d216396351",
	 r30_up, 2},
	{r31, 18, "22a17dc3e17e 464b8b6ed8d9 5dee2169eb7f 73061c9ed256 b37176514eab caa8c1cd2483 dbe07e4ee40f ed6510db8d06 fa49310d5913",
	 "22a17dc3e17e 464b8b6ed8d9 5dee2169eb7f 73061c9ed256 b37176514eab caa8c1cd2483 dbe07e4ee40f ed6510db8d06 fa49310d5913",
	 "22a17dc3e17e b37176514eab 73061c9ed256 5dee2169eb7f 464b8b6ed8d9 1476121ea0e4 fa49310d5913 ed6510db8d06 9b81a5ef82fc b7a70b3d0a1d 048c40bbd684 857785c82e36 dbe07e4ee40f caa8c1cd2483 1f7f6d9570ef e4dedb1567fb 3d175da48846 38a29219c11f",
	 r31_up, 3},
	{r32, 6, "162c4328ec4e 520b254117f4 c0d9d9209a91",
	 "162c4328ec4e 520b254117f4 c0d9d9209a91",
	 "162c4328ec4e 520b254117f4 0e05dced67f2 c0d9d9209a91 3880170da6a5 d146922eb8ff",
	 r32_up, 3},
	{r33, 30, "26e236eebaa4 2b715c0412d2 2e1d0ec6803f 39486a2932fa 3a28e77b7aa3 419881bc896a 453d7f024ca4 545d3f555e9e 8a6c957b1761 8d33bf38ba6c b86eac818d66 ba013d691035",
	 "26e236eebaa4 2b715c0412d2 2e1d0ec6803f 39486a2932fa 3a28e77b7aa3 419881bc896a 453d7f024ca4 545d3f555e9e 8a6c957b1761 8d33bf38ba6c b86eac818d66 ba013d691035",
	 "26e236eebaa4 5198cc15a3ad 3a28e77b7aa3 7f1dc80da511 8a6c957b1761 545d3f555e9e b71eeaf8bf48 ba013d691035 21c8b24e3a02 08a20930a7f4 b86eac818d66 ff0235e1ae00 6e0b2f175191 453d7f024ca4 419881bc896a 42e326274c4f a40a27ee8e54 39486a2932fa ec810e8193fd d2c9909f4e3a 2b715c0412d2 4ccea8127933 2e1d0ec6803f 7f4598a61c0d 8d33bf38ba6c 76d7eeb51898 f920cd6e1ffb 41d08a231343 eb5c74d8a230 cd4e6156840f",
	 r33_up, 3},
	{r34, 27, "02c12ecc39e9 15961ee99d8e 2ce3da7e7234 54c0afa01284 606eaa8620b9 8fc575393fcd 9c38d0dbaad5 a9e2645af88d c9dad51be06f fd11ca6e324c",
	 "02c12ecc39e9 2ce3da7e7234 54c0afa01284 606eaa8620b9 8fc575393fcd 9c38d0dbaad5 c9dad51be06f fd11ca6e324c",
	 "02c12ecc39e9 54c0afa01284 8fc575393fcd 9c38d0dbaad5 2f21e5823b49 a937684e487a 64d45a8d0312 cff8e0d1ea6c a9cc56ef770e c87cf7ecfe27 c9dad51be06f a6a417a6a39f 606eaa8620b9 4035a83afcc7 fd11ca6e324c f2b767ff684e 9a7fc05fc226 adc682eb0dda a9e2645af88d 8350deee53a3 7f08bedcd9c3 57924db925db 0fe8d1b37416 15961ee99d8e 2ce3da7e7234 07eaff874151 27562bd8d742",
	 r34_up, 3},
	{r35, 24, "336623cf7fdc 47e7fb6dfb25 6761c64cd670 aaf592e70bb6 e02711e2d573 ee161c7c766b f334ce0e2a76 f9e8b10b8b15",
	 "336623cf7fdc 47e7fb6dfb25 6761c64cd670 aaf592e70bb6 e02711e2d573 ee161c7c766b f334ce0e2a76 f9e8b10b8b15",
	 "336623cf7fdc aaf592e70bb6 ed60ab5e7b10 6761c64cd670 b2b6d39f158f 5c30f7887483 47e7fb6dfb25 e02711e2d573 563ace447c6b cf9c87830b58 f9e8b10b8b15 f334ce0e2a76 d91d8f09e7fd 28eba319c60b e8574fdd63bf 78f9f6ae5b5b 52fe4708f7e3 ee161c7c766b ed945226702f 9669300a759f 08fc7578f33b 8eb21e7a55da 85adf014ba34 a1c5b593ac67",
	 r35_up, 3},
	{r36, 10, "2c4cc730dec9 4b4d3976edf3 d20acb20bbec",
	 "2c4cc730dec9 4b4d3976edf3 d20acb20bbec",
	 "2c4cc730dec9 4b4d3976edf3 971a72197c9f f433d6ae2fbd 0891e618c717 d20acb20bbec 91a9ad0ef17f 9ad79a7554a7 a5bf219b7cdb 1ffc80256883",
	 r36_up, 3},
	{r37, 15, "438789a913de 48572a62ae7e 82084051234b cb74566f709c d764e578b076 f200473f64ae",
	 "438789a913de 48572a62ae7e 82084051234b cb74566f709c d764e578b076 f200473f64ae",
	 "438789a913de f2c4c940ca43 48572a62ae7e d764e578b076 82084051234b 0b531af25591 100f0409e695 39ed68b60ffc cb74566f709c aec3f81c5eb4 f200473f64ae 1b5057cac47b 325dbe399429 54558812e7d2 831863eb2034",
	 r37_up, 2},
	{r38, 9, "18033e1c7ab8 b6b7dca4c955 e770a3b420ca e9fdb4fd0e59",
	 "18033e1c7ab8 b6b7dca4c955 e770a3b420ca e9fdb4fd0e59",
	 "18033e1c7ab8 646e01411ddd e8b51e4ee42c b6b7dca4c955 e0aa975a4e23 e9fdb4fd0e59 e770a3b420ca dbc7122bc68a 92a5e396dfaf",
	 r38_up, 3},
	{r39, 4, "77c927460880 f4f0c975bc3e",
	 "77c927460880 f4f0c975bc3e",
	 "77c927460880 f4f0c975bc3e 18b9b5c14d53 f4dbc1d2a5ee",
	 r39_up, 2},
};

/* ---- walks, overlap check, lineage, sort edge cases on G1 ----------------- */

static const struct rspec g1[] = {
	{"1000aaaa0001", NULL, NULL, NULL, ""},
	{"2000aaaa0002", "1000aaaa0001", NULL, NULL, ""},
	{"3000bbbb0001", "2000aaaa0002", "featb", NULL, "featb"},
	{"3000bbbb0002", "3000bbbb0001", NULL, NULL, "featb"},
	{"4000cccc0001", "2000aaaa0002", NULL, NULL, ""},
	{"4000cccc0002", "4000cccc0001", NULL, NULL, ""},
	{"5000eeee0001", "3000bbbb0002,4000cccc0002", NULL, NULL, "featb"},
	{"6000dddd0001", "5000eeee0001", NULL, NULL, "featb"},
	{"7000ffff0001", NULL, "other", NULL, "other"},
	{"7000ffff0002", "7000ffff0001", NULL, NULL, "other"},
	{"8000dddd0002", "6000dddd0001", NULL, "7000ffff0001", "featb"},
};

/* The ids of the marked revisions, in map order. */
static void assert_marked(const struct ald_graph *g, const unsigned char *mark, const char *expected)
{
	struct ald_ixvec v = {0};
	for (size_t i = 0; i < g->n; i++)
		if (mark[i])
			ald__ixvec_push(&v, i);
	assert_revs(g, &v, expected);
	ald__ixvec_free(&v);
}

static void test_walks(void **state)
{
	(void)state;
	struct ald_graph *g = build(g1, 11);
	unsigned char mark[11] = {0};
	size_t top = R(g, "8000dddd0002"), f1 = R(g, "7000ffff0001"), b1 = R(g, "3000bbbb0001");
	ald__graph_ancestors(g, &top, 1, 1, mark);
	assert_marked(g, mark, "1000aaaa0001 2000aaaa0002 3000bbbb0001 3000bbbb0002 4000cccc0001 "
			       "4000cccc0002 5000eeee0001 6000dddd0001 8000dddd0002");
	ald__graph_ancestors(g, &top, 1, 0, mark);
	assert_marked(g, mark, "1000aaaa0001 2000aaaa0002 3000bbbb0001 3000bbbb0002 4000cccc0001 "
			       "4000cccc0002 5000eeee0001 6000dddd0001 7000ffff0001 8000dddd0002");
	memset(mark, 0, sizeof(mark));
	ald__graph_descendants(g, &f1, 1, 1, mark);
	assert_marked(g, mark, "7000ffff0001 7000ffff0002");
	ald__graph_descendants(g, &f1, 1, 0, mark);
	assert_marked(g, mark, "7000ffff0001 7000ffff0002 8000dddd0002");
	memset(mark, 0, sizeof(mark));
	size_t two[] = {b1, f1};
	ald__graph_descendants(g, two, 2, 1, mark);
	assert_marked(g, mark, "3000bbbb0001 3000bbbb0002 5000eeee0001 6000dddd0001 7000ffff0001 "
			       "7000ffff0002 8000dddd0002");
	/* the mark is not cleared: walks add up */
	memset(mark, 0, sizeof(mark));
	mark[R(g, "4000cccc0002")] = 1;
	ald__graph_ancestors(g, &b1, 1, 1, mark);
	assert_marked(g, mark, "1000aaaa0001 2000aaaa0002 3000bbbb0001 4000cccc0002");
	ald__graph_free(g);
}

static void expect_overlap(const struct ald_graph *g, const char *list, const char *msg)
{
	struct ald_ixvec v = {0};
	char *copy = ald__xstrdup(list);
	for (char *t = strtok(copy, ","); t; t = strtok(NULL, ","))
		ald__ixvec_push(&v, R(g, t));
	free(copy);
	unsigned char *mark = calloc(g->n, 1);
	int err = ald__graph_ancestors_checked(g, v.v, v.n, mark);
	if (msg) {
		assert_int_equal(err, ALD_EINVALID);
		assert_string_equal(ald_error_last()->message, msg);
	} else {
		assert_int_equal(err, 0);
	}
	free(mark);
	ald__ixvec_free(&v);
}

/* Checked with Alembic 1.8.1's _get_ancestor_nodes(check=True); the list of
 * "other" revisions is a set there, in map order here. */
static void test_overlap(void **state)
{
	(void)state;
	struct ald_graph *g = build(g1, 11);
	/* a target already walked by an earlier one still counts */
	expect_overlap(g, "2000aaaa0002,8000dddd0002",
		       "Requested revision 8000dddd0002 overlaps with other requested revisions 2000aaaa0002");
	expect_overlap(g, "8000dddd0002,2000aaaa0002,7000ffff0001",
		       "Requested revision 8000dddd0002 overlaps with other requested revisions 2000aaaa0002, 7000ffff0001");
	expect_overlap(g, "7000ffff0002,4000cccc0002,3000bbbb0002,8000dddd0002",
		       "Requested revision 8000dddd0002 overlaps with other requested revisions 3000bbbb0002, 4000cccc0002");
	expect_overlap(g, "3000bbbb0002,4000cccc0002", NULL);
	expect_overlap(g, "7000ffff0002,8000dddd0002", NULL);
	expect_overlap(g, "1000aaaa0001,1000aaaa0001", NULL);
	size_t two[] = {R(g, "3000bbbb0002"), R(g, "4000cccc0002")};
	unsigned char mark[11] = {0};
	assert_int_equal(ald__graph_ancestors_checked(g, two, 2, mark), 0);
	assert_marked(g, mark, "1000aaaa0001 2000aaaa0002 3000bbbb0001 3000bbbb0002 4000cccc0001 4000cccc0002");
	ald__graph_free(g);
}

static void test_lineage(void **state)
{
	(void)state;
	struct ald_graph *g = build(g1, 11);
	size_t b1 = R(g, "3000bbbb0001"), c1 = R(g, "4000cccc0001"), top = R(g, "8000dddd0002");
	size_t f1 = R(g, "7000ffff0001"), f2 = R(g, "7000ffff0002"), r1000 = R(g, "1000aaaa0001");
	assert_true(ald__graph_shares_lineage(g, b1, b1, 0));
	assert_true(ald__graph_shares_lineage(g, top, b1, 0));
	assert_true(ald__graph_shares_lineage(g, r1000, b1, 0));
	assert_true(ald__graph_shares_lineage(g, c1, top, 0));
	assert_false(ald__graph_shares_lineage(g, c1, b1, 0));
	assert_false(ald__graph_shares_lineage(g, f1, top, 0));
	assert_true(ald__graph_shares_lineage(g, f1, top, 1));
	assert_true(ald__graph_shares_lineage(g, top, f1, 1));
	assert_false(ald__graph_shares_lineage(g, f2, top, 1));
	assert_false(ald__graph_shares_lineage(g, f2, r1000, 1));
	ald__graph_free(g);
}

static void test_toposort_edges(void **state)
{
	(void)state;
	struct ald_graph *g = build(g1, 11);
	unsigned char todo[11];
	struct ald_ixvec out = {0};
	/* start heads: duplicates and revisions outside todo dropped, map order */
	memset(todo, 1, sizeof(todo));
	todo[R(g, "8000dddd0002")] = 0;
	size_t start[] = {R(g, "7000ffff0002"), R(g, "8000dddd0002"), R(g, "6000dddd0001"),
			  R(g, "7000ffff0002")};
	assert_int_equal(ald__graph_toposort(g, todo, start, 4, &out), 0);
	/* after 4000cccc0001 the index moves back by one, to 7000ffff0002 */
	assert_revs(g, &out, "6000dddd0001 5000eeee0001 3000bbbb0002 3000bbbb0001 4000cccc0002 "
			     "4000cccc0001 7000ffff0002 7000ffff0001 2000aaaa0002 1000aaaa0001");
	ald__ixvec_free(&out);
	/* nothing to do */
	memset(todo, 0, sizeof(todo));
	assert_int_equal(ald__graph_toposort(g, todo, start, 4, &out), 0);
	assert_int_equal(out.n, 0);
	/* todo not reachable from the start (Alembic: AssertionError), e.g.
	 * history -r 7000ffff0001:8000dddd0002 */
	todo[R(g, "7000ffff0001")] = 1;
	todo[R(g, "7000ffff0002")] = 1;
	size_t top = R(g, "8000dddd0002");
	assert_int_equal(ald__graph_toposort(g, todo, &top, 1, &out), ALD_ERROR);
	assert_string_equal(ald_error_last()->message,
			    "Revision 7000ffff0001 is not below any of the requested revisions");
	ald__ixvec_free(&out);
	ald__graph_free(g);
}

/* `history -r A:B` on the random graphs (graph, A, B, order; NULL: Alembic's AssertionError) */
static const struct rhist rhists[] = {
	{0, "128b0c5c7fd0", "57eee00902c7", "57eee00902c7 128b0c5c7fd0"},
	{0, "269ef2a74de4", "57eee00902c7", "57eee00902c7 128b0c5c7fd0 94e31a61dbe2 2217dbc496cb 269ef2a74de4"},
	{0, "269ef2a74de4", "2217dbc496cb", "2217dbc496cb 269ef2a74de4"},
	{1, "05c658d5563d", "e2254720771f", "e2254720771f 2b055affb229 05c658d5563d"},
	{1, "2b055affb229", "15b4a4a45eff", NULL},
	{1, "05c658d5563d", "3f63bd0561e6", "3f63bd0561e6 05c658d5563d"},
	{2, "b2ff3f665ede", "12b86da79a87", "12b86da79a87 d70a33dcd77f b2ff3f665ede"},
	{2, "82b386048719", "d70a33dcd77f", "d70a33dcd77f b2ff3f665ede 82b386048719"},
	{2, "03a5057a40b2", "aead537390e5", "aead537390e5 c3803d93fd4c 03a5057a40b2"},
	{3, "77bdf7b103df", "b4d12955d6f0", "b4d12955d6f0 1818f3d74f82 77bdf7b103df"},
	{3, "77bdf7b103df", "1818f3d74f82", "1818f3d74f82 77bdf7b103df"},
	{3, "1818f3d74f82", "626404a10547", "626404a10547 b4d12955d6f0 1818f3d74f82"},
	{4, "db319bb183e1", "9f27449274d2", "9f27449274d2 db319bb183e1"},
	{4, "1289e5316960", "db319bb183e1", "db319bb183e1 1289e5316960"},
	{4, "b02eccb1c51d", "1289e5316960", "1289e5316960 b02eccb1c51d"},
	{5, "e48ea854c834", "4deeb16107f1", "4deeb16107f1 d01ad5be785a 48bf26433798 e48ea854c834"},
	{5, "32d957bb7d97", "b133197a14e2", "b133197a14e2 3b11348922d7 74fa00d93534 a494b17dd255 32d957bb7d97"},
	{5, "fe9704a65651", "32d957bb7d97", "32d957bb7d97 fe9704a65651"},
	{6, "757f4a227f39", "f7d581b1c025", "f7d581b1c025 757f4a227f39"},
	{7, "7ddff3308ce5", "50ea60487e15", "50ea60487e15 7ddff3308ce5"},
	{7, "de96a4fd57c5", "41784c3ac6fc", "41784c3ac6fc de96a4fd57c5"},
	{7, "50ea60487e15", "309950cb407a", "309950cb407a d5ad0d36ce2c ffb063e19869 ed28f09c0afb 50ea60487e15"},
	{8, "85b926edf1bd", "f1051be03df0", "f1051be03df0 85b926edf1bd"},
	{8, "85b926edf1bd", "1202197536b1", "1202197536b1 4dc4b70ba858 f1051be03df0 85b926edf1bd"},
	{8, "f1051be03df0", "1202197536b1", "1202197536b1 4dc4b70ba858 f1051be03df0"},
	{9, "3a5341db898e", "6577aebcb0aa", "6577aebcb0aa 3a5341db898e"},
	{9, "6577aebcb0aa", "334ef848a956", "334ef848a956 6577aebcb0aa"},
	{9, "3a5341db898e", "5ec6ecd7570b", "5ec6ecd7570b 3a5341db898e"},
	{10, "989bf95fe8a0", "b647e5ee4c91", "b647e5ee4c91 989bf95fe8a0"},
	{11, "4142fff7ba0d", "a3a12790bb01", "a3a12790bb01 02e9d0930b64 4142fff7ba0d"},
	{11, "fce21aefca62", "f91499b9ede7", "f91499b9ede7 e200798a0d59 7f9c6bca9b3f fce21aefca62"},
	{11, "fc275fb6d625", "6b9159f9bb79", "6b9159f9bb79 fc275fb6d625"},
	{12, "634da2e8fec0", "a9e8edaf80f3", "a9e8edaf80f3 fe3240852477 3cc68189ac45 7924cf7eda11 634da2e8fec0"},
	{12, "634da2e8fec0", "5c1adbb8d36b", "5c1adbb8d36b 3cc68189ac45 7924cf7eda11 634da2e8fec0"},
	{12, "67fd172a390a", "f785caca003c", "f785caca003c 48865912eb60 e8e8ce74b3c4 67fd172a390a"},
	{13, "a8248d094979", "42ec1af3bda5", "42ec1af3bda5 a8248d094979"},
	{13, "104c1886a7ba", "42ec1af3bda5", "42ec1af3bda5 a8248d094979 aa5cdf0c92b9 7e2bbbc81f54 d225a51b453f 104c1886a7ba"},
	{13, "c9d7af8c3e74", "e14a15de2868", "e14a15de2868 c9d7af8c3e74"},
	{14, "bc9d115d27cf", "10e1aa069dd3", "10e1aa069dd3 bc9d115d27cf"},
	{14, "19917a243b32", "055a42db5b4b", "055a42db5b4b 19917a243b32"},
	{14, "10e1aa069dd3", "19917a243b32", "19917a243b32 10e1aa069dd3"},
	{15, "aafb3a8335f8", "cb95d198e3b8", "cb95d198e3b8 a467781ac78f 405009c3e7c0 aafb3a8335f8"},
	{15, "a5aebfc5056e", "690c57c52302", "690c57c52302 a5aebfc5056e"},
	{15, "3a85da39c4ea", "782ad5704724", "782ad5704724 cb95d198e3b8 a467781ac78f 405009c3e7c0 7b956c6fba96 3a85da39c4ea"},
	{16, "b693512d126e", "de9a37deeaed", "de9a37deeaed 03f9a07c30a8 a8cef00e60f8 7f6d0dfb6f3a 8de6b9015459 b693512d126e"},
	{16, "fa289bbdf2ea", "60449c9affde", "60449c9affde b693512d126e c74d797b0779 369e08ad794c ffbdee7653c9 7f6390048542 7dcab34ed4fa 6b4643b5e670 e6d2ab200eff fa289bbdf2ea"},
	{16, "0a1a36667dc9", "2f4d4d5284b5", "2f4d4d5284b5 0a1a36667dc9"},
	{17, "e9dc4109752a", "4ad9557985e0", "4ad9557985e0 d5bddc685e91 afc7a6941c22 e9dc4109752a"},
	{17, "cc1ff7630f70", "e32ec3693486", "e32ec3693486 488673866561 e35cf9f4886c 9b17de9b5dec cc1ff7630f70"},
	{17, "e9dc4109752a", "461a25a1ba53", "461a25a1ba53 488673866561 e35cf9f4886c 9b17de9b5dec e9dc4109752a"},
	{18, "3876d534c087", "3f2b696a8617", "3f2b696a8617 3876d534c087"},
	{18, "72c62ec37ac9", "23c7bfc43ff7", "23c7bfc43ff7 4180f11425e4 72c62ec37ac9"},
	{18, "c98f76a399f8", "7c7f90c2ed6d", "7c7f90c2ed6d c98f76a399f8"},
	{19, "f192d50dfdea", "4fd91a48ef9f", "4fd91a48ef9f 87cf069076ac e3aa1661392b d7e72358d99f 5c2f2f91f0c5 f192d50dfdea"},
	{19, "87cf069076ac", "048742ec600e", "048742ec600e 87cf069076ac"},
	{19, "f192d50dfdea", "5c2f2f91f0c5", "5c2f2f91f0c5 f192d50dfdea"},
	{20, "462c49ce7f4f", "bd8b167d27de", "bd8b167d27de 462c49ce7f4f"},
	{20, "709dd596a703", "278eef175e5d", "278eef175e5d 709dd596a703"},
	{20, "657e95ef5783", "52ee3d110dbb", "52ee3d110dbb 657e95ef5783"},
	{21, "9ced77af3bd4", "6b1a4dbdbf12", "6b1a4dbdbf12 0dff05011ece 9ced77af3bd4"},
	{21, "9ced77af3bd4", "b72824d868cb", "b72824d868cb 9ced77af3bd4"},
	{21, "961119371cb1", "0dff05011ece", "0dff05011ece 9ced77af3bd4 961119371cb1"},
	{22, "2d52b1d57573", "8017ce204c96", "8017ce204c96 522f3b47d325 2d52b1d57573"},
	{22, "2d52b1d57573", "5b1c484902df", "5b1c484902df 2d52b1d57573"},
	{22, "8017ce204c96", "efce21d5c0a7", "efce21d5c0a7 8017ce204c96"},
	{23, "2dfef109e573", "20adc73b72f3", "20adc73b72f3 2dfef109e573"},
	{23, "ad6bb66c1b49", "6e422979b0ac", "6e422979b0ac ad6bb66c1b49"},
	{23, "ad6bb66c1b49", "20adc73b72f3", "20adc73b72f3 2dfef109e573 ad6bb66c1b49"},
	{24, "eb685bfaca0e", "a711bb0b58e4", "a711bb0b58e4 eb685bfaca0e"},
	{24, "4dcc47e7f3cb", "1bda43b1bddb", "1bda43b1bddb 4dcc47e7f3cb"},
	{24, "f6ae3febb019", "8c5a1e335d03", "8c5a1e335d03 58e45b9a78bc f6ae3febb019"},
	{25, "3a3db01fb83c", "30d97aba0cf3", "30d97aba0cf3 3a3db01fb83c"},
	{25, "e546d88163ff", "1a282b2023b5", "1a282b2023b5 e546d88163ff"},
	{25, "40e8d4d62887", "8360bc4f68f7", "8360bc4f68f7 7285bd5e0bde 2a1ab9895415 40e8d4d62887"},
	{26, "d48875c1bd36", "2bd78b573a36", "2bd78b573a36 d48875c1bd36"},
	{26, "2bd78b573a36", "6d0c22b65b22", "6d0c22b65b22 c6b25f94cc14 2bd78b573a36"},
	{26, "2bd78b573a36", "5df22b026166", "5df22b026166 2bd78b573a36"},
	{27, "94d4fd1d8480", "dfad4a3fbba7", "dfad4a3fbba7 94d4fd1d8480"},
	{27, "1ceb9a619e47", "9997adf483b8", "9997adf483b8 7be58074514c c2edb0845f2f dfad4a3fbba7 94d4fd1d8480 acdbe904c133 1ceb9a619e47"},
	{27, "dfad4a3fbba7", "f53adf7e4425", "f53adf7e4425 c2edb0845f2f dfad4a3fbba7"},
	{28, "503dfcce6b2e", "d5bdb960e68c", "d5bdb960e68c 503dfcce6b2e"},
	{29, "a08ba8344af1", "34055ab3af97", "34055ab3af97 a08ba8344af1"},
	{29, "0727efdbfb75", "a08ba8344af1", "a08ba8344af1 0727efdbfb75"},
	{29, "5c81473c3adc", "eb23a464b625", "eb23a464b625 bc6b80ac55da 0bd35c40d6da aeca51dc540b d2a422f34806 581fe98ffeeb 91ccfb3969ad 076f874ba543 0727efdbfb75 5c81473c3adc"},
	{30, "d7d216396351", "e894089d77b3", "e894089d77b3 d7d216396351"},
	{30, "d7d216396351", "8c877142dbc4", "8c877142dbc4 d7d216396351"},
	{30, "8c877142dbc4", "60fbde93483e", "60fbde93483e 82977879bf39 8c877142dbc4"},
	{31, "3d175da48846", "e4dedb1567fb", "e4dedb1567fb 3d175da48846"},
	{31, "1f7f6d9570ef", "464b8b6ed8d9", "464b8b6ed8d9 048c40bbd684 1f7f6d9570ef"},
	{31, "e4dedb1567fb", "b7a70b3d0a1d", "b7a70b3d0a1d 048c40bbd684 1f7f6d9570ef e4dedb1567fb"},
	{32, "0e05dced67f2", "520b254117f4", "520b254117f4 0e05dced67f2"},
	{32, "3880170da6a5", "c0d9d9209a91", "c0d9d9209a91 3880170da6a5"},
	{32, "3880170da6a5", "0e05dced67f2", "0e05dced67f2 3880170da6a5"},
	{33, "cd4e6156840f", "41d08a231343", "41d08a231343 cd4e6156840f"},
	{33, "eb5c74d8a230", "b71eeaf8bf48", "b71eeaf8bf48 eb5c74d8a230"},
	{33, "ec810e8193fd", "a40a27ee8e54", "a40a27ee8e54 ec810e8193fd"},
	{34, "07eaff874151", "02c12ecc39e9", "02c12ecc39e9 07eaff874151"},
	{34, "57924db925db", "7f08bedcd9c3", "7f08bedcd9c3 57924db925db"},
	{34, "64d45a8d0312", "2f21e5823b49", "2f21e5823b49 a937684e487a 64d45a8d0312"},
	{35, "8eb21e7a55da", "78f9f6ae5b5b", "78f9f6ae5b5b 52fe4708f7e3 08fc7578f33b 8eb21e7a55da"},
	{35, "85adf014ba34", "52fe4708f7e3", "52fe4708f7e3 08fc7578f33b 8eb21e7a55da 85adf014ba34"},
	{35, "85adf014ba34", "ed945226702f", "ed945226702f 08fc7578f33b 8eb21e7a55da 85adf014ba34"},
	{36, "1ffc80256883", "a5bf219b7cdb", "a5bf219b7cdb 1ffc80256883"},
	{36, "91a9ad0ef17f", "d20acb20bbec", "d20acb20bbec 91a9ad0ef17f"},
	{36, "f433d6ae2fbd", "4b4d3976edf3", "4b4d3976edf3 971a72197c9f f433d6ae2fbd"},
	{37, "325dbe399429", "f200473f64ae", "f200473f64ae 1b5057cac47b 325dbe399429"},
	{37, "831863eb2034", "39ed68b60ffc", "39ed68b60ffc 831863eb2034"},
	{37, "aec3f81c5eb4", "cb74566f709c", "cb74566f709c aec3f81c5eb4"},
	{38, "e0aa975a4e23", "e8b51e4ee42c", "e8b51e4ee42c e0aa975a4e23"},
	{38, "e8b51e4ee42c", "18033e1c7ab8", "18033e1c7ab8 646e01411ddd e8b51e4ee42c"},
	{38, "92a5e396dfaf", "b6b7dca4c955", "b6b7dca4c955 e0aa975a4e23 dbc7122bc68a 92a5e396dfaf"},
	{39, "f4dbc1d2a5ee", "f4f0c975bc3e", "f4f0c975bc3e 18b9b5c14d53 f4dbc1d2a5ee"},
	{39, "f4dbc1d2a5ee", "18b9b5c14d53", "18b9b5c14d53 f4dbc1d2a5ee"},
	{39, "18b9b5c14d53", "f4f0c975bc3e", "f4f0c975bc3e 18b9b5c14d53"},
};

/* §4.3: todo = (ancestors(to) - ancestors(from)) + from, restricted to the
 * versioned descendants of from; sorted from `to`. Revisions on the way up
 * from `from` to `to` may be outside todo (reached through a dependency). */
static void assert_history_range(const struct ald_graph *g, const struct rhist *h)
{
	size_t to = R(g, h->to), from = R(g, h->from);
	unsigned char *todo = calloc(g->n, 1), *have = calloc(g->n, 1), *desc = calloc(g->n, 1);
	assert_int_equal(ald__graph_ancestors_checked(g, &to, 1, todo), 0);
	assert_int_equal(ald__graph_ancestors_checked(g, &from, 1, have), 0);
	ald__graph_descendants(g, &from, 1, 1, desc);
	for (size_t i = 0; i < g->n; i++)
		todo[i] = ((todo[i] && !have[i]) || i == from) && desc[i];
	struct ald_ixvec out = {0};
	int err = ald__graph_toposort(g, todo, &to, 1, &out);
	if (h->order) {
		assert_int_equal(err, 0);
		assert_revs(g, &out, h->order);
	} else {
		assert_int_equal(err, ALD_ERROR);
	}
	ald__ixvec_free(&out);
	free(desc);
	free(have);
	free(todo);
}

static void test_random_history_ranges(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof(rhists) / sizeof(rhists[0]); k++) {
		const struct rgraph *rg = &rgraphs[rhists[k].graph];
		struct ald_graph *g = build(rg->revs, rg->n);
		assert_history_range(g, &rhists[k]);
		ald__graph_free(g);
	}
}

static void test_random_graphs(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof(rgraphs) / sizeof(rgraphs[0]); k++) {
		const struct rgraph *rg = &rgraphs[k];
		struct ald_graph *g = build(rg->revs, rg->n);
		assert_revs(g, &g->heads, rg->heads);
		assert_revs(g, &g->real_heads, rg->real_heads);
		unsigned char *todo = malloc(g->n);
		memset(todo, 1, g->n);
		struct ald_ixvec out = {0};
		assert_int_equal(ald__graph_toposort(g, todo, g->real_heads.v, g->real_heads.n, &out), 0);
		assert_revs(g, &out, rg->history);
		ald__ixvec_free(&out);
		free(todo);
		for (size_t i = 0; i < rg->n; i++) {
			const struct ald_rev *r = &g->revs[i];
			struct ald_buf b = {0};
			struct ald_ixvec lv = {0};
			ald__rev_labels(g, i, &lv);
			for (size_t l = 0; l < lv.n; l++) {
				if (l)
					ald__buf_putc(&b, ',');
				ald__buf_puts(&b, g->labels[lv.v[l]].name);
			}
			ald__ixvec_free(&lv);
			if (strcmp(ald__buf_cstr(&b), rg->revs[i].expect) != 0)
				fail_msg("graph %zu, %s: labels '%s', expected '%s'", k, r->file.id,
					 ald__buf_cstr(&b), rg->revs[i].expect);
			ald__buf_free(&b);
		}
		for (size_t u = 0; u < rg->nups; u++)
			assert_upgrade(g, rg->ups[u].from, rg->ups[u].to, rg->ups[u].order);
		ald__graph_free(g);
	}
}

/* ---- §4.2 as written, against the real one on generated graphs ---------- */

/* The heads list of §4.2 with explicit ancestor sets: quadratic, for checking. */
static void naive_toposort(const struct ald_graph *g, const unsigned char *todo_in,
			   const size_t *start, size_t nstart, struct ald_ixvec *out)
{
	size_t n = g->n, nh = 0;
	unsigned char *todo = malloc(n);
	memcpy(todo, todo_in, n);
	size_t *heads = malloc((n + 1) * sizeof(*heads));
	unsigned char **anc = malloc((n + 1) * sizeof(*anc));
	for (size_t p = 0; p < n; p++) /* distinct members of start in todo, by pos */
		for (size_t k = 0; k < nstart; k++)
			if (start[k] == p && todo[p]) {
				heads[nh] = p;
				anc[nh] = calloc(n, 1);
				ald__graph_ancestors(g, &p, 1, 0, anc[nh++]);
				break;
			}
	size_t i = 0;
	while (nh) {
		size_t c = heads[i], j;
		for (j = 0; j < nh; j++)
			if (j != i && anc[j][c])
				break;
		if (j < nh) {
			i = j;
			continue;
		}
		if (todo[c]) {
			ald__ixvec_push(out, c);
			todo[c] = 0;
		}
		const struct ald_rev *r = &g->revs[c];
		struct ald_ixvec add = {0};
		for (size_t k = 0; k < r->norm_down.n; k++) {
			size_t p = r->norm_down.v[k], h;
			for (h = 0; h < nh && heads[h] != p; h++)
				;
			if (todo[p] && h == nh)
				ald__ixvec_push(&add, p);
		}
		if (add.n == 0) {
			free(anc[i]);
			memmove(heads + i, heads + i + 1, (nh - i - 1) * sizeof(*heads));
			memmove(anc + i, anc + i + 1, (nh - i - 1) * sizeof(*anc));
			nh--;
			i = i ? i - 1 : 0;
		} else if (r->norm_deps.n == 0 && r->down.n == 1) {
			heads[i] = add.v[0];
			anc[i][c] = 0;
		} else {
			heads[i] = add.v[0];
			memset(anc[i], 0, n);
			ald__graph_ancestors(g, &add.v[0], 1, 0, anc[i]);
			for (size_t k = 1; k < add.n; k++) {
				heads[nh] = add.v[k];
				anc[nh] = calloc(n, 1);
				ald__graph_ancestors(g, &add.v[k], 1, 0, anc[nh++]);
			}
		}
		ald__ixvec_free(&add);
	}
	free(heads);
	free(anc);
	free(todo);
}

static int cmp_file_id(const void *a, const void *b);

/* A graph shaped like bench/gen_projects.py's, smaller: a main line with a
 * side branch merged back every 10 revisions, an open labelled feature
 * branch every `feature` revisions, a new root every 300 revisions that a
 * main-line revision depends on 25 later; ids scrambled by `seed`, so that
 * map order (the heads' slot order) is unrelated to the shape. */
static struct ald_graph *shaped_graph(size_t n, size_t feature, unsigned seed)
{
	struct ald_revfile *f = calloc(n, sizeof(*f));
	size_t main_tip = SIZE_MAX, side_tip = SIZE_MAX, side_left = 0, root = SIZE_MAX;
	unsigned x = seed;
	for (size_t i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		f[i].id = ald__xasprintf("%08x%04zx", x, i);
		f[i].path = ald__xasprintf("%zu.sql", i);
		f[i].doc = ald__xstrdup("");
		f[i].message = ald__xstrdup("");
	}
	for (size_t i = 0; i < n; i++) {
		if (i % 300 == 299) { /* a new root */
			root = i;
			continue;
		}
		if (side_left == 0 && i % 10 == 5 && main_tip != SIZE_MAX) {
			side_tip = main_tip;
			side_left = 4;
		}
		if (side_left && i % 2 == 0) {
			ald__strvec_pushdup(&f[i].down, f[side_tip].id);
			side_tip = i;
			side_left--;
			continue;
		}
		if (i % feature == 7 && main_tip != SIZE_MAX) { /* odd: side branches take even ones */
			ald__strvec_pushdup(&f[i].down, f[main_tip].id);
			ald__strvec_push(&f[i].labels, ald__xasprintf("feat%zu", i));
			continue;
		}
		if (main_tip != SIZE_MAX)
			ald__strvec_pushdup(&f[i].down, f[main_tip].id);
		if (side_left == 0 && side_tip != SIZE_MAX) {
			ald__strvec_pushdup(&f[i].down, f[side_tip].id);
			side_tip = SIZE_MAX;
		}
		if (i % 25 == 0 && root != SIZE_MAX) {
			ald__strvec_pushdup(&f[i].depends, f[root].id);
			root = SIZE_MAX;
		}
		main_tip = i;
	}
	qsort(f, n, sizeof(*f), cmp_file_id);
	return graph_of(f, n);
}

/* The real toposort against the naive one. */
static void assert_same_order(const struct ald_graph *g, const unsigned char *todo,
			      const size_t *start, size_t nstart)
{
	struct ald_ixvec want = {0}, got = {0};
	naive_toposort(g, todo, start, nstart, &want);
	assert_int_equal(ald__graph_toposort(g, todo, start, nstart, &got), 0);
	assert_int_equal(got.n, want.n);
	for (size_t i = 0; i < want.n; i++)
		if (got.v[i] != want.v[i])
			fail_msg("position %zu is %s, §4.2 says %s", i, g->revs[got.v[i]].file.id,
				 g->revs[want.v[i]].file.id);
	ald__ixvec_free(&want);
	ald__ixvec_free(&got);
}

static void test_shaped_graphs_against_naive(void **state)
{
	(void)state;
	static const struct {
		size_t n, feature;
		unsigned seed;
	} shapes[] = {{1200, 50, 1}, {1500, 100, 2}, {900, 30, 3}, {2000, 500, 4}};
	for (size_t s = 0; s < sizeof(shapes) / sizeof(shapes[0]); s++) {
		struct ald_graph *g = shaped_graph(shapes[s].n, shapes[s].feature, shapes[s].seed);
		size_t n = g->n;
		unsigned char *todo = malloc(n), *have = malloc(n);
		memset(todo, 1, n);
		assert_true(g->real_heads.n > 3);
		assert_same_order(g, todo, g->real_heads.v, g->real_heads.n); /* history */
		/* upgrades: ancestors(to) minus ancestors(from), from several places */
		unsigned x = shapes[s].seed;
		for (int k = 0; k < 12; k++) {
			x = x * 1103515245u + 12345u;
			size_t to = g->real_heads.v[x % g->real_heads.n];
			x = x * 1103515245u + 12345u;
			size_t from = x % n;
			memset(todo, 0, n);
			memset(have, 0, n);
			ald__graph_ancestors(g, &to, 1, 0, todo);
			ald__graph_ancestors(g, &from, 1, 0, have);
			for (size_t i = 0; i < n; i++)
				todo[i] = todo[i] && !have[i];
			assert_same_order(g, todo, &to, 1);
		}
		free(todo);
		free(have);
		ald__graph_free(g);
	}
}

/* ---- the shapes of bench/gen_projects.py --shape (issue 14) --------------- */

/* The revision files of a shape (shape_gen.h): ids scrambled, so that map
 * order is unrelated to the shape. */
static struct ald_graph *shape_graph(enum shape kind, size_t n, uint64_t seed)
{
	struct ald_revfile *f = calloc(n, sizeof(*f));
	uint64_t x = seed;
	for (size_t i = 0; i < n; i++) {
		f[i].id = ald__xasprintf("%08zx%04zx", shape_rnd_below(&x, 1u << 30), i);
		f[i].path = ald__xasprintf("%zu.sql", i);
		f[i].doc = ald__xstrdup("");
		f[i].message = ald__xstrdup("");
	}
	struct shape_edges sh;
	shape_make(&sh, kind, n, &x);
	for (size_t i = 0; i < n; i++)
		for (size_t d = 0; d < sh.n_down[i]; d++)
			ald__strvec_pushdup(&f[i].down, f[sh.down[i][d]].id);
	for (size_t k = 0; k < 20; k++)
		if (sh.label_on[k] != SIZE_MAX)
			ald__strvec_push(&f[sh.label_on[k]].labels, ald__xasprintf("lbl%zu", k));
	for (size_t k = 0; k < sh.n_deps; k++)
		ald__strvec_pushdup(&f[sh.dep_of[k]].depends, f[sh.dep_on[k]].id);
	shape_free(&sh);
	qsort(f, n, sizeof(*f), cmp_file_id);
	return graph_of(f, n);
}

/* ---- §5.2 with explicit ancestor sets, for the plan's version rows ------ */

static int row_at(const struct ald_ixvec *rows, size_t r)
{
	for (size_t i = 0; i < rows->n; i++)
		if (rows->v[i] == r)
			return (int)i;
	return -1;
}

/* One version statement: its text in `out`, its effect on `rows`. */
static void ref_emit(const struct ald_graph *g, struct ald_ixvec *rows, enum ald_vsql_kind kind, size_t from,
		     size_t to, struct ald_buf *out)
{
	struct ald_plan_config cfg = {.dialect = &ald__dialect_sqlite, .offline = 1};
	struct ald_vsql v;
	ald__plan_vsql(&v, kind, &cfg, kind == ALD_VSQL_INSERT ? NULL : g->revs[from].file.id,
		      kind == ALD_VSQL_DELETE ? NULL : g->revs[to].file.id);
	ald__buf_printf(out, "%s\n", v.sql);
	ald__vsql_clear(&v);
	if (kind == ALD_VSQL_INSERT) {
		ald__ixvec_push(rows, to);
	} else {
		int i = row_at(rows, from);
		if (kind == ALD_VSQL_UPDATE) {
			rows->v[i] = to;
		} else {
			memmove(rows->v + i, rows->v + i + 1, (rows->n - (size_t)i - 1) * sizeof(size_t));
			rows->n--;
		}
	}
}

/* mark := every revision at or below a row that is not `except` and not in
 * `skip` (NULL: none), a whole walk per call; returns how many rows count. */
static size_t ref_other_rows(const struct ald_graph *g, const struct ald_ixvec *rows, const struct ald_ixvec *skip,
			     size_t except, unsigned char *mark)
{
	struct ald_ixvec others = {0};
	for (size_t i = 0; i < rows->n; i++) {
		int skipped = rows->v[i] == except;
		for (size_t k = 0; skip && k < skip->n; k++)
			skipped |= skip->v[k] == rows->v[i];
		if (!skipped)
			ald__ixvec_push(&others, rows->v[i]);
	}
	memset(mark, 0, g->n);
	ald__graph_ancestors(g, others.v, others.n, 0, mark);
	size_t n = others.n;
	ald__ixvec_free(&others);
	return n;
}

/* The parents that are rows (when need_row) and not marked: by map position
 * (index) when `by_map`, else in the parents' order. */
static void ref_select(const struct ald_graph *g, const struct ald_ixvec *P, const unsigned char *mark,
		       int by_map, const struct ald_ixvec *rows, int need_row, struct ald_ixvec *out)
{
	for (size_t r = 0; r < (by_map ? g->n : P->n); r++) {
		size_t p = by_map ? r : P->v[r];
		int in = 0;
		for (size_t k = 0; k < P->n; k++)
			in |= P->v[k] == p;
		if (in && !mark[p] && (!need_row || row_at(rows, p) >= 0))
			ald__ixvec_push(out, p);
	}
}

/* §5.2 for one step, from its definition: upgrade R with parents P (a new
 * branch, a merge deleting the parent rows no other row implies, or the one
 * parent row moved up), or downgrade R (the parents no other row implies, a
 * parent lying below another dropped, re-inserted). */
static void ref_step(const struct ald_graph *g, struct ald_ixvec *rows, enum ald_step_kind kind, size_t r,
		     struct ald_buf *out)
{
	const struct ald_ixvec *P = &g->revs[r].norm_down;
	unsigned char *mark = calloc(g->n, 1);
	struct ald_ixvec X = {0};
	if (kind == ALD_STEP_UPGRADE) {
		size_t in = 0, last = SIZE_MAX;
		for (size_t i = 0; i < P->n; i++)
			if (row_at(rows, P->v[i]) >= 0) {
				in++;
				last = P->v[i];
			}
		if (in == 0) {
			ref_emit(g, rows, ALD_VSQL_INSERT, 0, r, out);
		} else if (P->n > 1 && in > 1) {
			size_t n_other = ref_other_rows(g, rows, P, SIZE_MAX, mark);
			ref_select(g, P, mark, n_other > 0, rows, 1, &X);
			if (X.n == 0) {
				memset(mark, 0, g->n);
				ref_select(g, P, mark, 0, rows, 1, &X);
			}
			for (size_t i = 0; i + 1 < X.n; i++)
				ref_emit(g, rows, ALD_VSQL_DELETE, X.v[i], 0, out);
			ref_emit(g, rows, ALD_VSQL_UPDATE, X.v[X.n - 1], r, out);
		} else {
			ref_emit(g, rows, ALD_VSQL_UPDATE, last, r, out);
		}
	} else if (row_at(rows, r) >= 0) {
		size_t n_other = ref_other_rows(g, rows, NULL, r, mark);
		ref_select(g, P, mark, n_other > 0, rows, 0, &X);
		if (X.n > 1) { /* drop the members lying below another member */
			memset(mark, 0, g->n);
			for (size_t i = 0; i < X.n; i++)
				ald__graph_ancestors(g, g->revs[X.v[i]].norm_down.v, g->revs[X.v[i]].norm_down.n, 0,
						    mark);
			size_t k = 0;
			for (size_t i = 0; i < X.n; i++)
				if (!mark[X.v[i]])
					X.v[k++] = X.v[i];
			X.n = k;
		}
		if (P->n == 0 || X.n == 0) {
			ref_emit(g, rows, ALD_VSQL_DELETE, r, 0, out);
		} else if (P->n > 1) {
			for (size_t i = 0; i + 1 < X.n; i++)
				ref_emit(g, rows, ALD_VSQL_INSERT, 0, X.v[i], out);
			ref_emit(g, rows, ALD_VSQL_UPDATE, r, X.v[X.n - 1], out);
		} else {
			ref_emit(g, rows, ALD_VSQL_UPDATE, r, P->v[0], out);
		}
	}
	ald__ixvec_free(&X);
	free(mark);
}

/* The plan's version statements over `steps` from `rows` (updated), with
 * the record of applied revisions kept from step to step as a plan keeps
 * it, against ref_step() from a copy of the same rows. */
static void assert_same_versions(const struct ald_graph *g, const struct ald_ixvec *steps, enum ald_step_kind kind,
				 struct ald_ixvec *rows)
{
	struct ald_plan_config cfg = {.dialect = &ald__dialect_sqlite, .offline = 1};
	struct ald_ixvec ref_rows = {0};
	struct ald_buf got = {0}, want = {0};
	unsigned char *applied = NULL;
	for (size_t i = 0; i < rows->n; i++)
		ald__ixvec_push(&ref_rows, rows->v[i]);
	for (size_t i = 0; i < steps->n; i++) {
		struct ald_step st;
		memset(&st, 0, sizeof(st));
		st.kind = kind;
		st.rev = steps->v[i];
		ald__plan_step_versions_kept(&st, rows, &applied, g, &cfg);
		for (size_t k = 0; k < st.n_vsql; k++) {
			ald__buf_printf(&got, "%s\n", st.vsql[k].sql);
			ald__vsql_clear(&st.vsql[k]);
		}
		free(st.vsql);
		ref_step(g, &ref_rows, kind, steps->v[i], &want);
		if (strcmp(ald__buf_cstr(&got), ald__buf_cstr(&want)) != 0)
			fail_msg("step %zu (%s): plan says\n%s\n§5.2 says\n%s", i, g->revs[steps->v[i]].file.id,
				 ald__buf_cstr(&got), ald__buf_cstr(&want));
		got.len = want.len = 0;
	}
	assert_int_equal(rows->n, ref_rows.n);
	free(applied);
	ald__buf_free(&got);
	ald__buf_free(&want);
	ald__ixvec_free(&ref_rows);
}

/* Upgrades and downgrades on g: from nothing to every head and back, and
 * from a few random revisions as rows (some below others, as a table
 * written by hand or by 1.8.1 can be) up to the heads and down to base. */
static void check_versions(const struct ald_graph *g, uint64_t seed)
{
	size_t n = g->n;
	unsigned char *todo = malloc(n), *have = calloc(n, 1);
	struct ald_ixvec order = {0}, steps = {0}, rows = {0};
	for (int round = 0; round < 3; round++) {
		rows.n = 0;
		memset(have, 0, n);
		if (round > 0) {
			uint64_t x = seed + (uint64_t)round;
			for (int k = 0; k < 6; k++) {
				size_t r = shape_rnd_below(&x, n);
				if (row_at(&rows, r) < 0)
					ald__ixvec_push(&rows, r);
			}
			ald__graph_ancestors(g, rows.v, rows.n, 0, have);
		}
		/* up: ancestors of the heads minus those of the rows, parents first */
		memset(todo, 0, n);
		ald__graph_ancestors(g, g->real_heads.v, g->real_heads.n, 0, todo);
		for (size_t i = 0; i < n; i++)
			todo[i] = todo[i] && !have[i];
		order.n = steps.n = 0;
		assert_int_equal(ald__graph_toposort(g, todo, g->real_heads.v, g->real_heads.n, &order), 0);
		for (size_t i = order.n; i-- > 0;)
			ald__ixvec_push(&steps, order.v[i]);
		assert_same_versions(g, &steps, ALD_STEP_UPGRADE, &rows);
		if (round == 2) { /* down from the random rows instead */
			rows.n = 0;
			uint64_t x = seed * 7;
			for (int k = 0; k < 6; k++) {
				size_t r = shape_rnd_below(&x, n);
				if (row_at(&rows, r) < 0)
					ald__ixvec_push(&rows, r);
			}
		}
		/* down to base: everything below the rows, children first */
		memset(todo, 0, n);
		ald__graph_ancestors(g, rows.v, rows.n, 0, todo);
		steps.n = 0;
		assert_int_equal(ald__graph_toposort(g, todo, rows.v, rows.n, &steps), 0);
		assert_same_versions(g, &steps, ALD_STEP_DOWNGRADE, &rows);
	}
	ald__ixvec_free(&order);
	ald__ixvec_free(&steps);
	ald__ixvec_free(&rows);
	free(todo);
	free(have);
}

/* The toposort on each new shape against §4.2 with explicit ancestor sets:
 * the whole history, upgrades ancestors(to) - ancestors(from), history
 * ranges (the same plus `from`), and a sort started from every open head
 * (a subset of the heads); then the plan's version statements against §5.2
 * with explicit ancestor sets. */
static void test_new_shapes_against_naive(void **state)
{
	(void)state;
	static const struct {
		enum shape kind;
		size_t n;
		uint64_t seed;
		size_t min_heads;
	} cases[] = {{TANGLED, 3000, 1, 2},  {TANGLED, 2500, 2, 2}, {WIDE, 3000, 3, 100},
		     {WIDE, 2000, 4, 60},    {DEEP, 3000, 5, 2},    {DEEP, 2500, 6, 2}};
	for (size_t s = 0; s < sizeof(cases) / sizeof(cases[0]); s++) {
		struct ald_graph *g = shape_graph(cases[s].kind, cases[s].n, cases[s].seed);
		size_t n = g->n, merges = 0;
		for (size_t i = 0; i < n; i++)
			merges += g->revs[i].down.n > 1;
		assert_true(g->real_heads.n >= cases[s].min_heads);
		if (cases[s].kind == TANGLED)
			assert_true(merges > n / 6); /* about 20% merge points */
		unsigned char *todo = malloc(n), *have = malloc(n);
		memset(todo, 1, n);
		assert_same_order(g, todo, g->real_heads.v, g->real_heads.n); /* history */
		uint64_t x = cases[s].seed;
		unsigned char *ancto = malloc(n);
		for (int k = 0; k < 10; k++) {
			size_t to = g->real_heads.v[shape_rnd_below(&x, g->real_heads.n)];
			size_t from = shape_rnd_below(&x, n);
			memset(ancto, 0, n);
			memset(have, 0, n);
			ald__graph_ancestors(g, &to, 1, 0, ancto);
			ald__graph_ancestors(g, &from, 1, 0, have);
			for (size_t i = 0; i < n; i++)
				todo[i] = ancto[i] && !have[i];
			assert_same_order(g, todo, &to, 1); /* upgrade from:to */
			if (ancto[from]) {
				todo[from] = 1; /* history -r from:to keeps `from` */
				assert_same_order(g, todo, &to, 1);
			}
		}
		/* every other versioned head, and what lies below them */
		struct ald_ixvec some = {0};
		for (size_t i = 0; i < g->heads.n; i += 2)
			ald__ixvec_push(&some, g->heads.v[i]);
		memset(todo, 0, n);
		ald__graph_ancestors(g, some.v, some.n, 0, todo);
		assert_same_order(g, todo, some.v, some.n);
		ald__ixvec_free(&some);
		free(ancto);
		check_versions(g, cases[s].seed);
		free(todo);
		free(have);
		ald__graph_free(g);
	}
}

/* ---- a generated graph of 100,000 revisions (sanity, not timed) ----------- */

/* Revision i's id: scrambled, so that map order (array order, sorted by id
 * below) has nothing to do with the graph's shape. */
static char *big_id(size_t i)
{
	return ald__xasprintf("%012zx", (i * 2654435761u) % 1000000007u);
}

/* The revision generated as number i. */
static size_t big_rev(const struct ald_graph *g, size_t i)
{
	char *id = big_id(i);
	size_t r = R(g, id);
	free(id);
	return r;
}

static int cmp_file_id(const void *a, const void *b)
{
	return strcmp(((const struct ald_revfile *)a)->id, ((const struct ald_revfile *)b)->id);
}

/* Blocks of ten: a branch point, two arms of four, a merge; every 100th
 * block's left arm declares a label, every 50th block's merge depends on a
 * revision of a side chain (block / 101), which grows beside the diamonds. */
static struct ald_revfile *big_files(size_t nblocks, size_t nside, size_t *n)
{
	*n = nblocks * 10 + nside;
	struct ald_revfile *f = calloc(*n, sizeof(*f));
	for (size_t i = 0; i < *n; i++) {
		f[i].id = big_id(i);
		f[i].path = ald__xasprintf("%zu.sql", i);
		f[i].doc = ald__xstrdup("");
		f[i].message = ald__xstrdup("");
		if (i >= nblocks * 10) { /* the side chain */
			if (i > nblocks * 10)
				ald__strvec_push(&f[i].down, big_id(i - 1));
			continue;
		}
		size_t k = i % 10, b = i / 10;
		if (k == 0 && i > 0)
			ald__strvec_push(&f[i].down, big_id(i - 1));
		else if (k == 1 || k == 5)
			ald__strvec_push(&f[i].down, big_id(i - k));
		else if (k == 9) {
			ald__strvec_push(&f[i].down, big_id(i - 5));
			ald__strvec_push(&f[i].down, big_id(i - 1));
		} else if (k != 0)
			ald__strvec_push(&f[i].down, big_id(i - 1));
		if (k == 1 && b % 100 == 0)
			ald__strvec_push(&f[i].labels, ald__xasprintf("lbl%zu", b));
		if (k == 9 && b % 50 == 0 && b / 101 < nside)
			ald__strvec_push(&f[i].depends, big_id(nblocks * 10 + b / 101));
	}
	qsort(f, *n, sizeof(*f), cmp_file_id);
	return f;
}

static void test_100k(void **state)
{
	(void)state;
	size_t n, nblocks = 9990, nside = 100;
	struct ald_revfile *files = big_files(nblocks, nside, &n);
	assert_int_equal(n, 100000);
	struct ald_graph *g = NULL;
	assert_int_equal(ald__graph_build(&g, files, n), 0);
	free(files);
	assert_int_equal(g->heads.n, 2);      /* the last merge and the side chain's top */
	assert_int_equal(g->real_heads.n, 2);
	assert_int_equal(g->bases.n, 2);
	size_t top = big_rev(g, nblocks * 10 - 1), side_top = big_rev(g, n - 1);
	assert_true(ald__graph_shares_lineage(g, top, big_rev(g, 3), 0));
	assert_int_equal(ald__rev_label_count(g, top), 100);
	assert_int_equal(ald__rev_label_count(g, side_top), 0);
	/* the whole history: every revision once, each before its parents */
	unsigned char *todo = malloc(n);
	memset(todo, 1, n);
	struct ald_ixvec out = {0};
	assert_int_equal(ald__graph_toposort(g, todo, g->real_heads.v, g->real_heads.n, &out), 0);
	assert_int_equal(out.n, n);
	size_t *at = malloc(n * sizeof(*at));
	for (size_t i = 0; i < n; i++)
		at[i] = SIZE_MAX;
	for (size_t i = 0; i < out.n; i++) {
		assert_int_equal(at[out.v[i]], SIZE_MAX);
		at[out.v[i]] = i;
	}
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < g->revs[i].norm_down.n; k++)
			assert_true(at[i] < at[g->revs[i].norm_down.v[k]]);
	/* an upgrade over the last hundred blocks */
	size_t from = big_rev(g, (nblocks - 100) * 10);
	unsigned char *have = calloc(n, 1);
	memset(todo, 0, n);
	assert_int_equal(ald__graph_ancestors_checked(g, &top, 1, todo), 0);
	assert_int_equal(ald__graph_ancestors_checked(g, &from, 1, have), 0);
	for (size_t i = 0; i < n; i++)
		todo[i] = todo[i] && !have[i];
	out.n = 0;
	assert_int_equal(ald__graph_toposort(g, todo, &top, 1, &out), 0);
	assert_int_equal(out.n, 100 * 10 - 1 + 1); /* 999 above `from`, and side revision 98 */
	free(have);
	free(at);
	free(todo);
	ald__ixvec_free(&out);
	ald__graph_free(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_walks),
		cmocka_unit_test(test_overlap),
		cmocka_unit_test(test_lineage),
		cmocka_unit_test(test_toposort_edges),
		cmocka_unit_test(test_random_graphs),
		cmocka_unit_test(test_random_history_ranges),
		cmocka_unit_test(test_shaped_graphs_against_naive),
		cmocka_unit_test(test_new_shapes_against_naive),
		cmocka_unit_test(test_100k),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
