/* screen_heads.c - the heads panel (`H`): one row per head with its state
 * (applied or pending, when connected), the branch point it left from, its
 * revisions since then and how many of them are pending. Space marks heads
 * (the graph view's marks), m merges them, D compares two of them (the
 * diverged view), Enter goes to a head in the graph.
 * The figures are computed once when the panel opens; every row is clipped
 * by display columns, so nothing wraps. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "tui_internal.h"

#include <ncurses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One head and its figures. */
struct head_row {
	const ald_revision *rev;
	const ald_revision *from; /* the branch point, or NULL: it starts at a base */
	size_t count;             /* revisions from the head down to the branch point */
	size_t pending;           /* ... of which not applied */
};

struct heads_panel {
	struct head_row *rows;
	size_t n, cursor, top;
	int done;                 /* close the panel */
};

/* The open panel, for the key functions (the panel is modal: one at a time). */
static struct heads_panel *panel;

/* Columns of a row before the labels: mark, id, state, branch point, counts. */
#define ROW_FMT "%-12.12s  %-7s  %-12.12s  %4s  %7s  "

/* Walks from the head down through first parents to the first revision
 * that is a branch point (not counted), or past a base (from = NULL). The
 * walk is as long as the head's branch. */
static void figures(struct tui *t, struct head_row *h)
{
	const ald_revision *r = h->rev;
	while (r && !(ald_revision_flags(r) & ALD_REVISION_BRANCHPOINT)) {
		h->count++;
		h->pending += !t->applied[ald_revision_index(r)];
		r = ald_revision_parent_count(r) ? ald_revision_parent_at(r, 0) : NULL;
	}
	h->from = r;
}

/* Rows of the list: between the column headings and the status line. */
static size_t list_height(void)
{
	return LINES > 4 ? (size_t)(LINES - 3) : 1;
}

/* Adds text at the cursor on row y in a colour, clipped by display columns
 * at the right edge of the screen. Text that reaches the last column moves
 * the cursor to the next row: nothing more is added then, so no row wraps. */
static void put(struct tui *t, int y, int pair, int sel, const char *s)
{
	char buf[1024];
	int room = COLS - getcurx(stdscr);
	if (getcury(stdscr) != y || room <= 0 || !*s)
		return;
	lanes_text_fit(s, (size_t)room, t->utf8, buf, sizeof(buf), NULL);
	int attr = tui_attr(t, sel ? C_CURSOR : pair);
	attron(attr);
	addstr(buf);
	attroff(attr);
}

static void draw_row(struct tui *t, int y, size_t i)
{
	const struct head_row *h = &panel->rows[i];
	size_t ix = ald_revision_index(h->rev);
	int sel = i == panel->cursor, online = t->db_state == 1;
	char buf[512], count[24], pending[24];
	move(y, 0);
	if (sel) {
		attron(tui_attr(t, C_CURSOR));
		for (int x = 0; x < COLS; x++)
			addch(' ');
		attroff(tui_attr(t, C_CURSOR));
		move(y, 0);
	}
	put(t, y, C_MARK, sel, t->marked[ix] ? (t->utf8 ? "\u25b6 " : "> ") : "  ");
	snprintf(count, sizeof(count), "%zu", h->count);
	snprintf(pending, sizeof(pending), "%zu", h->pending);
	snprintf(buf, sizeof(buf), ROW_FMT, ald_revision_id(h->rev),
		 online ? (t->applied[ix] ? "applied" : "pending") : "-",
		 h->from ? ald_revision_id(h->from) : "base", count, online ? pending : "-");
	put(t, y, online && t->applied[ix] ? C_CURRENT : C_HEAD, sel, buf);
	for (size_t l = 0; l < ald_revision_label_count(h->rev); l++) {
		snprintf(buf, sizeof(buf), "%s%s", l ? ", " : "", ald_revision_label_at(h->rev, l));
		put(t, y, C_LABEL, sel, buf);
	}
	const char *msg = ald_revision_message(h->rev);
	size_t len = strcspn(msg ? msg : "", "\n");
	if (len) {
		snprintf(buf, sizeof(buf), "%s%.*s", ald_revision_label_count(h->rev) ? "  " : "",
			 (int)(len < 400 ? len : 400), msg);
		put(t, y, C_DIM, sel, buf);
	}
}

/* The heads bar, the column headings, the rows from `top` (moved so that the
 * cursor is on screen) and the status line. */
static void draw(struct tui *t)
{
	size_t h = list_height();
	char buf[256];
	if (panel->cursor < panel->top)
		panel->top = panel->cursor;
	if (panel->cursor >= panel->top + h)
		panel->top = panel->cursor - h + 1;
	erase();
	tui_draw_heads_bar(t);
	move(1, 0);
	snprintf(buf, sizeof(buf), "  " ROW_FMT "%s", "HEAD", "STATE", "FROM", "REVS", "PENDING",
		 "LABELS, MESSAGE");
	put(t, 1, C_TITLE, 0, buf);
	for (size_t k = 0; k < h && panel->top + k < panel->n; k++)
		draw_row(t, 2 + (int)k, panel->top + k);
	tui_draw_status(t);
	refresh();
}

static void move_by(long delta)
{
	long row = (long)panel->cursor + delta;
	if (row >= (long)panel->n)
		row = (long)panel->n - 1;
	panel->cursor = row < 0 ? 0 : (size_t)row;
}

static void hk_down(struct tui *t, int ch)
{
	(void)t, (void)ch;
	move_by(1);
}

static void hk_up(struct tui *t, int ch)
{
	(void)t, (void)ch;
	move_by(-1);
}

static void hk_page_down(struct tui *t, int ch)
{
	(void)t, (void)ch;
	move_by(list_height() > 1 ? (long)list_height() - 1 : 1);
}

static void hk_page_up(struct tui *t, int ch)
{
	(void)t, (void)ch;
	move_by(-(list_height() > 1 ? (long)list_height() - 1 : 1));
}

static void hk_first(struct tui *t, int ch)
{
	(void)t, (void)ch;
	panel->cursor = 0;
}

static void hk_last(struct tui *t, int ch)
{
	(void)t, (void)ch;
	panel->cursor = panel->n - 1;
}

static void hk_mark(struct tui *t, int ch)
{
	(void)ch;
	size_t ix = ald_revision_index(panel->rows[panel->cursor].rev);
	t->marked[ix] = !t->marked[ix];
	move_by(1);
}

/* After a merge the project is read again: the rows are stale, close. */
static void hk_merge(struct tui *t, int ch)
{
	(void)ch;
	if (tui_merge_marked(t))
		panel->done = 1;
}

static void hk_goto(struct tui *t, int ch)
{
	(void)ch;
	graph_goto(t, t->row_of[ald_revision_index(panel->rows[panel->cursor].rev)]);
	panel->done = 1;
}

/* D: the diverged view of the two marked heads; closing it comes back here. */
static void hk_diverged(struct tui *t, int ch)
{
	(void)ch;
	diverged_show(t);
}

static void hk_help(struct tui *t, int ch)
{
	(void)ch;
	help_show(t);
}

static void hk_close(struct tui *t, int ch)
{
	(void)t, (void)ch;
	panel->done = 1;
}

const struct tui_key heads_keys[] = {
	{.section = "Heads panel (H)"},
	/* no key: says what the columns are */
	{{0}, "(columns)", "FROM: the branch point it left; REVS: revisions since", NULL, NULL},
	{{'j', KEY_DOWN}, "j / Down", "next head", hk_down, NULL},
	{{'k', KEY_UP}, "k / Up", "previous head", hk_up, NULL},
	{{KEY_NPAGE}, "PgDn", "a page down", hk_page_down, NULL},
	{{KEY_PPAGE}, "PgUp", "a page up", hk_page_up, NULL},
	{{'g', KEY_HOME}, "g / Home", "first head", hk_first, NULL},
	{{'G', KEY_END}, "G / End", "last head", hk_last, NULL},
	{{' '}, "Space", "mark or unmark for merging (the graph view's marks too)", hk_mark, NULL},
	{{'m'}, "m", "merge the marked heads; the cursor goes to the merge", hk_merge, NULL},
	{{'D'}, "D", "how the two marked heads diverged; closing it comes back here", hk_diverged, NULL},
	{{'\n', '\r', KEY_ENTER}, "Enter", "close the panel, the graph's cursor on the head", hk_goto, NULL},
	{{'?', KEY_F(1)}, "? / F1", "this help", hk_help, NULL},
	{{'q', 27, 'H'}, "q / Escape / H", "close the panel", hk_close, NULL},
	{.names = NULL},
};

/* The entry of the panel's table that handles key ch, or NULL. */
static const struct tui_key *find_key(int ch)
{
	for (const struct tui_key *k = heads_keys; k->section || k->names; k++)
		for (size_t i = 0; !k->section && i < sizeof(k->codes) / sizeof(k->codes[0]) && k->codes[i]; i++)
			if (k->codes[i] == ch)
				return k;
	return NULL;
}

void heads_show(struct tui *t)
{
	ald_revlist *heads = NULL;
	if (ald_project_heads(&heads, t->project, 0) < 0) {
		tui_set_status(t, "heads: %s", ald_error_last()->message);
		return;
	}
	struct heads_panel p = {.n = ald_revlist_count(heads)};
	if (p.n == 0) {
		tui_set_status(t, "no heads: no revisions yet");
		ald_revlist_free(heads);
		return;
	}
	p.rows = calloc(p.n, sizeof(*p.rows));
	if (!p.rows)
		abort();
	for (size_t i = 0; i < p.n; i++) {
		p.rows[i].rev = ald_revlist_at(heads, i);
		figures(t, &p.rows[i]);
	}
	panel = &p;
	tui_set_status(t, "%zu heads: Space marks, m merges, D compares two, Enter goes to the head, q closes", p.n);
	while (!p.done) {
		draw(t);
		int ch = getch();
		if (tui_interrupted()) /* Ctrl-C: the TUI quits */
			break;
		const struct tui_key *k = find_key(ch);
		if (k)
			k->run(t, ch);
		else if (ch == KEY_MOUSE) {
			MEVENT ev;
			getmouse(&ev);
		} else if (ch != KEY_RESIZE && ch != ERR) {
			const char *name = keyname(ch);
			tui_set_status(t, "unknown key %s: ? lists the keys", name ? name : "?");
		}
	}
	panel = NULL;
	free(p.rows);
	ald_revlist_free(heads);
}
