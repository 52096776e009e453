/* navigate.c - moving along the graph rather than row by row: to a parent
 * (p, P), a child (c, C), the branch point below (b), the next or previous
 * head (] [), and the ancestry filter (f, F). Each key costs at most the
 * length of the branch it walks (] and [ a binary search in the heads of the
 * display order, found once per order). The status line says where the
 * cursor went, or why it stayed. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "tui_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct tui_nav {
	size_t *head_rows;  /* rows of the heads shown, in display order */
	size_t n_heads;
	int heads_ready;
	/* the last p/P or c/C: from revision `from` (map index) to its
	 * parent/child number `k`, so that P/C go on to the next one */
	int last;           /* 'p', 'c' or 0 */
	size_t from, k;
};

void nav_forget(struct tui *t)
{
	if (!t->nav)
		return;
	free(t->nav->head_rows);
	free(t->nav);
	t->nav = NULL;
}

static struct tui_nav *nav(struct tui *t)
{
	if (!t->nav) {
		t->nav = calloc(1, sizeof(*t->nav));
		if (!t->nav)
			abort();
	}
	return t->nav;
}

static const ald_revision *selected(const struct tui *t)
{
	return ald_revlist_count(t->order) ? ald_revlist_at(t->order, t->cursor) : NULL;
}

/* The row of r, or SIZE_MAX when the filter hides it. */
static size_t row_of(const struct tui *t, const ald_revision *r)
{
	size_t row = t->row_of[ald_revision_index(r)];
	return row < ald_revlist_count(t->order) && ald_revlist_at(t->order, row) == r ? row : SIZE_MAX;
}

/* Moves the cursor to r; 0, or -1 (and says so) when r is not shown. */
static int go(struct tui *t, const ald_revision *r, const char *what)
{
	size_t row = row_of(t, r);
	if (row == SIZE_MAX) {
		tui_set_status(t, "%s %s is outside the filter (F shows everything)", what, ald_revision_id(r));
		return -1;
	}
	graph_goto(t, row);
	return 0;
}

/* p / P (parents) and c / C (children). The lower-case key goes to the
 * first one; the capital goes on to the next one of the revision the last
 * p/P (c/C) started from while the cursor is still where it went, cycling;
 * elsewhere to the second one (the first when there is one). */
static void relative(struct tui *t, int ch)
{
	const ald_revision *r = selected(t);
	int parent = ch == 'p' || ch == 'P';
	int cycle = ch == 'P' || ch == 'C';
	const char *what = parent ? "parent" : "child";
	struct tui_nav *nv = nav(t);
	if (!r)
		return;
	const ald_revision *from = r;
	size_t k = 0;
	if (cycle && nv->last == (parent ? 'p' : 'c')) {
		const ald_revision *o = ald_project_revision_at(t->project, nv->from);
		size_t cnt = parent ? ald_revision_parent_count(o) : ald_revision_child_count(o);
		if (nv->k < cnt && (parent ? ald_revision_parent_at(o, nv->k)
					   : ald_revision_child_at(o, nv->k)) == r) {
			from = o;
			k = (nv->k + 1) % cnt;
		}
	}
	size_t cnt = parent ? ald_revision_parent_count(from) : ald_revision_child_count(from);
	if (from == r && cycle && cnt > 1)
		k = 1;
	if (cnt == 0) {
		nv->last = 0;
		if (parent)
			tui_set_status(t, "%s is a base: no parent", ald_revision_id(r));
		else
			tui_set_status(t, "%s is a head: no child", ald_revision_id(r));
		return;
	}
	const ald_revision *to = parent ? ald_revision_parent_at(from, k) : ald_revision_child_at(from, k);
	nv->last = parent ? 'p' : 'c';
	nv->from = ald_revision_index(from);
	nv->k = k;
	if (go(t, to, what) < 0)
		return;
	if (cnt > 1)
		tui_set_status(t, "%s %zu of %zu of %s: %s (%c: the next one)", what, k + 1, cnt,
			       ald_revision_id(from), ald_revision_id(to), parent ? 'P' : 'C');
	else if (cycle) /* nothing to cycle through: say so rather than stand still */
		tui_set_status(t, "%s has one %s, %s: %c cycles only through %s", ald_revision_id(from), what,
			       ald_revision_id(to), parent ? 'P' : 'C',
			       parent ? "a merge's parents" : "a branch point's children");
	else
		tui_set_status(t, "%s of %s: %s", what, ald_revision_id(from), ald_revision_id(to));
}

/* b: down the first parents to the first branch point, else to the base. */
static void branch_point(struct tui *t)
{
	const ald_revision *r = selected(t);
	if (!r)
		return;
	if (!ald_revision_parent_count(r)) {
		tui_set_status(t, "%s is a base: no parent, no branch point below it", ald_revision_id(r));
		return;
	}
	const ald_revision *p = r;
	size_t steps = 0;
	do {
		p = ald_revision_parent_at(p, 0);
		steps++;
	} while (!(ald_revision_flags(p) & ALD_REVISION_BRANCHPOINT) && ald_revision_parent_count(p));
	if (go(t, p, "the branch point") < 0)
		return;
	if (ald_revision_flags(p) & ALD_REVISION_BRANCHPOINT)
		tui_set_status(t, "branch point of %s: %s (%zu down)", ald_revision_id(r), ald_revision_id(p), steps);
	else
		tui_set_status(t, "no branch point below %s: base %s (%zu down)", ald_revision_id(r),
			       ald_revision_id(p), steps);
}

/* ] and [: the next / previous head in display order, wrapping. */
static void head_step(struct tui *t, int dir)
{
	struct tui_nav *nv = nav(t);
	size_t n = ald_revlist_count(t->order);
	if (!nv->heads_ready) {
		nv->head_rows = malloc((n ? n : 1) * sizeof(*nv->head_rows));
		if (!nv->head_rows)
			abort();
		for (size_t i = 0; i < n; i++)
			if (ald_revision_flags(ald_revlist_at(t->order, i)) & ALD_REVISION_HEAD)
				nv->head_rows[nv->n_heads++] = i;
		nv->heads_ready = 1;
	}
	if (!nv->n_heads) {
		tui_set_status(t, "no head shown");
		return;
	}
	/* lo: the first head row after the cursor (binary search) */
	size_t lo = 0, hi = nv->n_heads;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (nv->head_rows[mid] <= t->cursor)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t h;
	if (dir > 0) {
		h = lo < nv->n_heads ? lo : 0;
	} else {
		/* the last head row before the cursor */
		size_t before = lo && nv->head_rows[lo - 1] == t->cursor ? lo - 1 : lo;
		h = before ? before - 1 : nv->n_heads - 1;
	}
	graph_goto(t, nv->head_rows[h]);
	tui_set_status(t, "head %zu of %zu: %s", h + 1, nv->n_heads, ald_revision_id(selected(t)));
}

/* f: only the selected revision's ancestry (it and everything below it,
 * through down revisions and dependencies); f again, or F, shows
 * everything, the cursor staying on the same revision. */
static void filter(struct tui *t, int ch)
{
	if (t->filter || ch == 'F') {
		if (!t->filter) {
			tui_set_status(t, "no filter to clear");
			return;
		}
		free(t->filter);
		t->filter = NULL;
		tui_relayout(t);
		tui_set_status(t, "filter cleared: %zu revisions", ald_revlist_count(t->order));
		return;
	}
	const ald_revision *r = selected(t);
	if (!r)
		return;
	t->filter = strdup(ald_revision_id(r));
	if (!t->filter)
		abort();
	if (tui_relayout(t) < 0)
		tui_set_status(t, "cannot filter on %s", ald_revision_id(r));
	else
		tui_set_status(t, "f or F shows everything again");
}

void nav_key(struct tui *t, int ch)
{
	if (ch != 'P' && ch != 'C' && t->nav)
		t->nav->last = 0;
	switch (ch) {
	case 'p': case 'P': case 'c': case 'C':
		relative(t, ch);
		break;
	case 'b':
		branch_point(t);
		break;
	case ']':
		head_step(t, 1);
		break;
	case '[':
		head_step(t, -1);
		break;
	case 'f': case 'F':
		filter(t, ch);
		break;
	}
}
