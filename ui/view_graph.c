/* view_graph.c - the graph view: one row per revision, newest first, with
 * lanes, short id, markers, message and date, every part clipped by display
 * columns (never by bytes) so that nothing runs into the next part or row. */
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
	/* every row that fits is drawn: when the whole graph fits (a grown
	 * terminal), from its first row */
	if (n <= h)
		t->top = 0;
	else if (t->top > n - h)
		t->top = n - h;
	t->preview_top = 0;
}

void graph_move(struct tui *t, long delta)
{
	long row = (long)t->cursor + delta;
	graph_goto(t, row < 0 ? 0 : (size_t)row);
}

/* Adds text in the given colour at the cursor, clipped by display columns so
 * that it ends before column `limit`; when it is cut and `ellipsis` is set, its
 * last visible column shows "…" ("~" in ASCII), or nothing is drawn if fewer
 * than 4 columns are left. Returns 1 if it was cut. */
static int put(struct tui *t, int pair, const char *s, int selected, int limit, int ellipsis)
{
	char buf[1024];
	int room = limit - getcurx(stdscr);
	if (room <= 0)
		return *s != '\0';
	int attr = selected ? tui_attr(t, C_CURSOR) : tui_attr(t, pair);
	int cut = s[lanes_text_fit(s, (size_t)room, t->utf8, buf, sizeof(buf), NULL)] != '\0';
	if (cut && ellipsis && room < 4) /* too little to show: nothing */
		return 1;
	if (cut && ellipsis) {
		lanes_text_fit(s, (size_t)room - 1, t->utf8, buf, sizeof(buf), NULL);
		size_t len = strlen(buf);
		snprintf(buf + len, sizeof(buf) - len, "%s", t->utf8 ? "\u2026" : "~");
	}
	attron(attr);
	addstr(buf);
	attroff(attr);
	return cut;
}

/* Display columns kept for the start of the message on a narrow screen. */
#define MIN_MESSAGE 14
/* Columns of the date column ("YYYY-MM-DD HH:MM" and a blank). */
#define DATE_W 17

/* One graph row: mark, lanes, id, markers, labels, dependencies, message and
 * date. Clipped by display columns: the lanes get what is left after the
 * mark, the id, the start of the message and the date (folded beyond it, see
 * lanes_render_fit), the markers and labels stop before the start of the
 * message, and the message stops one column before the date. */
static void draw_row(struct tui *t, int y, size_t i)
{
	const ald_revision *r = ald_revlist_at(t->order, i);
	size_t ix = ald_revision_index(r);
	unsigned f = ald_revision_flags(r);
	int sel = i == t->cursor;
	int pending = t->db_state == 1 && !t->applied[ix];
	char buf[512];
	const char *date = ald_revision_create_date(r);
	int date_w = date && COLS > 40 ? DATE_W : 0;
	int end = COLS - date_w - (date_w ? 1 : 0); /* the message ends before this column */

	move(y, 0);
	if (sel) {
		attron(tui_attr(t, C_CURSOR));
		for (int x = 0; x < COLS; x++)
			addch(' ');
		attroff(tui_attr(t, C_CURSOR));
		move(y, 0);
	}
	put(t, C_MARK, t->marked[ix] ? (t->utf8 ? "\u25b6 " : "> ") : "  ", sel, COLS, 0);
	/* lanes: what is left after the mark, " id" and the start of the message */
	int lane_room = end - 2 - 13 - MIN_MESSAGE;
	if (lane_room < 12)
		lane_room = 12;
	lanes_render_fit_at(&t->lanes, i, t->lane_first, t->utf8, (size_t)lane_room, buf, sizeof(buf));
	char *dot = pending ? strstr(buf, t->utf8 ? "\u25cf" : "*") : NULL;
	if (dot) /* pending: ○ / o instead of ● / *, seen without colour or dim */
		memcpy(dot, t->utf8 ? "\u25cb" : "o", t->utf8 ? 3 : 1);
	put(t, pending ? C_DIM : C_NORMAL, buf, sel, COLS, 0);
	snprintf(buf, sizeof(buf), " %.12s", ald_revision_id(r));
	put(t, pending ? C_DIM : C_ID, buf, sel, COLS, 0);

	/* the message, first line only */
	const char *msg = ald_revision_message(r);
	size_t msg_len = strcspn(msg ? msg : "", "\n");
	int msg_w = msg_len ? MIN_MESSAGE : 0;
	int deco_end = end - msg_w; /* markers, labels and dependencies end here */
	int cut = 0;
	if (t->current[ix])
		cut = put(t, C_CURRENT, " (current)", sel, deco_end, 1);
	if (!cut && (f & ALD_REVISION_HEAD))
		cut = put(t, C_HEAD, (f & ALD_REVISION_REAL_HEAD) ? " (head)" : " (effective head)", sel, deco_end, 1);
	if (!cut && (f & ALD_REVISION_BRANCHPOINT))
		cut = put(t, C_DIM, " (branchpoint)", sel, deco_end, 1);
	if (!cut && (f & ALD_REVISION_MERGEPOINT))
		cut = put(t, C_DIM, " (mergepoint)", sel, deco_end, 1);
	for (size_t l = 0; !cut && l < ald_revision_label_count(r); l++) {
		snprintf(buf, sizeof(buf), " [%s]", ald_revision_label_at(r, l));
		cut = put(t, C_LABEL, buf, sel, deco_end, 1);
	}
	for (size_t d = 0; !cut && d < ald_revision_depends_on_count(r); d++) {
		snprintf(buf, sizeof(buf), " (depends on %s)", ald_revision_depends_on_id_at(r, d));
		cut = put(t, C_DIM, buf, sel, deco_end, 1);
	}
	int lint_pair;
	const char *lint = lint_marker(t, ix, &lint_pair); /* lint_view.c: before the message */
	if (lint)
		put(t, lint_pair, lint, sel, end, 0);
	int edited_pair;
	const char *edited = edited_marker(t, ix, &edited_pair); /* edited_view.c: edited since applied */
	if (edited)
		put(t, edited_pair, edited, sel, end, 0);
	if (msg_len) {
		snprintf(buf, sizeof(buf), " %.*s", (int)(msg_len < 500 ? msg_len : 500), msg);
		put(t, pending ? C_DIM : C_NORMAL, buf, sel, end, 1);
	}
	if (date_w) {
		snprintf(buf, sizeof(buf), "%.16s", date);
		move(y, COLS - date_w);
		put(t, C_DIM, buf, sel, COLS, 0);
	}
}

void graph_draw(struct tui *t, int y0, int height)
{
	size_t n = ald_revlist_count(t->order);
	if (n == 0) {
		mvaddstr(y0, 2, "No revisions yet: create one with `aludel revision -m MESSAGE`.");
		return;
	}
	if (t->lane_first && t->lane_first >= t->lanes.max_width) /* fewer lanes after a reload */
		t->lane_first = t->lanes.max_width > 1 ? t->lanes.max_width - 1 : 0;
	for (int k = 0; k < height && t->top + (size_t)k < n; k++)
		draw_row(t, y0 + k, t->top + (size_t)k);
}
