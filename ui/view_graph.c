/* view_graph.c - the graph view: one row per revision, newest first, with
 * lanes, short id, markers, message and date. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "tui_internal.h"

#include <ncurses.h>
#include <string.h>

void graph_goto(struct tui *t, size_t row)
{
	size_t n = ald_revlist_count(t->order);
	size_t h = (size_t)(tui_list_height(t) > 0 ? tui_list_height(t) : 1);
	t->cursor = n ? (row < n ? row : n - 1) : 0;
	if (t->cursor < t->top)
		t->top = t->cursor;
	if (t->cursor >= t->top + h)
		t->top = t->cursor - h + 1;
	if (n > h && t->top > n - h)
		t->top = n - h;
	t->preview_top = 0;
}

void graph_move(struct tui *t, long delta)
{
	long row = (long)t->cursor + delta;
	graph_goto(t, row < 0 ? 0 : (size_t)row);
}

/* Adds text in the given colour, clipped at the right edge. */
static void put(struct tui *t, int pair, const char *s, int selected)
{
	int attr = selected ? tui_attr(t, C_CURSOR) : tui_attr(t, pair);
	int room = COLS - getcurx(stdscr);
	if (room <= 0)
		return;
	attron(attr);
	addnstr(s, room);
	attroff(attr);
}

static void draw_row(struct tui *t, int y, size_t i)
{
	const ald_revision *r = ald_revlist_at(t->order, i);
	size_t ix = ald_revision_index(r);
	unsigned f = ald_revision_flags(r);
	int sel = i == t->cursor;
	int pending = t->db_state == 1 && !t->applied[ix];
	char buf[512];

	move(y, 0);
	if (sel) {
		attron(tui_attr(t, C_CURSOR));
		for (int x = 0; x < COLS; x++)
			addch(' ');
		attroff(tui_attr(t, C_CURSOR));
		move(y, 0);
	}
	put(t, C_MARK, t->marked[ix] ? (t->utf8 ? "\u25b6 " : "> ") : "  ", sel);
	lanes_render_row(&t->lanes, i, t->utf8, buf, sizeof(buf));
	put(t, pending ? C_DIM : C_NORMAL, buf, sel);
	snprintf(buf, sizeof(buf), " %.12s", ald_revision_id(r));
	put(t, pending ? C_DIM : C_ID, buf, sel);
	if (t->current[ix])
		put(t, C_CURRENT, " (current)", sel);
	if (f & ALD_REVISION_HEAD)
		put(t, C_HEAD, (f & ALD_REVISION_REAL_HEAD) ? " (head)" : " (effective head)", sel);
	if (f & ALD_REVISION_BRANCHPOINT)
		put(t, C_DIM, " (branchpoint)", sel);
	if (f & ALD_REVISION_MERGEPOINT)
		put(t, C_DIM, " (mergepoint)", sel);
	for (size_t l = 0; l < ald_revision_label_count(r); l++) {
		snprintf(buf, sizeof(buf), " [%s]", ald_revision_label_at(r, l));
		put(t, C_LABEL, buf, sel);
	}
	for (size_t d = 0; d < ald_revision_depends_count(r); d++) {
		snprintf(buf, sizeof(buf), " (depends on %s)", ald_revision_depends_at(r, d));
		put(t, C_DIM, buf, sel);
	}
	const char *date = ald_revision_create_date(r);
	int date_w = date ? 17 : 0;
	int room = COLS - getcurx(stdscr) - date_w - 1;
	if (room > 1) {
		snprintf(buf, sizeof(buf), " %s", ald_revision_message(r));
		char *nl = strchr(buf, '\n');
		if (nl)
			*nl = '\0';
		attron(sel ? tui_attr(t, C_CURSOR) : tui_attr(t, pending ? C_DIM : C_NORMAL));
		addnstr(buf, room);
		attroff(sel ? tui_attr(t, C_CURSOR) : tui_attr(t, pending ? C_DIM : C_NORMAL));
	}
	if (date && COLS > 40) {
		snprintf(buf, sizeof(buf), "%.16s", date);
		move(y, COLS - date_w);
		put(t, C_DIM, buf, sel);
	}
}

void graph_draw(struct tui *t, int y0, int height)
{
	size_t n = ald_revlist_count(t->order);
	if (n == 0) {
		mvaddstr(y0, 2, "No revisions yet: create one with `aludel revision -m MESSAGE`.");
		return;
	}
	for (int k = 0; k < height && t->top + (size_t)k < n; k++)
		draw_row(t, y0 + k, t->top + (size_t)k);
}
