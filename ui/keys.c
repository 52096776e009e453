/* keys.c - the one table of the graph view's keys. The key dispatch (tui.c)
 * and the help screen (screen_help.c) both read it, so a key cannot work
 * without being listed in the help, nor be listed without working. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "tui_internal.h"

#include <ncurses.h>

/* Rows of a page for PgDn / PgUp. */
static long page(const struct tui *t)
{
	return tui_list_height(t) > 1 ? tui_list_height(t) - 1 : 1;
}

static void k_quit(struct tui *t, int ch)
{
	(void)ch;
	t->quit = 1;
}

static void k_down(struct tui *t, int ch)
{
	(void)ch;
	graph_move(t, 1);
}

static void k_up(struct tui *t, int ch)
{
	(void)ch;
	graph_move(t, -1);
}

static void k_page_down(struct tui *t, int ch)
{
	(void)ch;
	graph_move(t, page(t));
}

static void k_page_up(struct tui *t, int ch)
{
	(void)ch;
	graph_move(t, -page(t));
}

static void k_first(struct tui *t, int ch)
{
	(void)ch;
	graph_goto(t, 0);
}

static void k_last(struct tui *t, int ch)
{
	(void)ch;
	size_t n = ald_revlist_count(t->order);
	graph_goto(t, n ? n - 1 : 0);
}

static void k_preview(struct tui *t, int ch)
{
	(void)ch;
	t->preview = !t->preview;
	t->preview_top = 0;
	graph_move(t, 0);
}

static void k_preview_down(struct tui *t, int ch)
{
	(void)ch;
	t->preview_top++; /* bounded when drawn (preview_draw) */
}

static void k_preview_up(struct tui *t, int ch)
{
	(void)ch;
	if (t->preview_top)
		t->preview_top--;
}

/* t cycles the preview's tabs, 1 2 3 pick one; either opens a hidden
 * preview (t then keeps the tab it had). */
static void k_preview_tab(struct tui *t, int ch)
{
	int was = t->preview;
	if (!was) {
		t->preview = 1;
		graph_move(t, 0);
	}
	if (ch >= '1' && ch < '1' + PREVIEW_TABS)
		t->preview_tab = ch - '1';
	else if (was)
		t->preview_tab = (t->preview_tab + 1) % PREVIEW_TABS;
	t->preview_top = 0;
}

/* Left / Right: the graph's lanes shown from 2 lanes further left / right. */
static void k_lanes(struct tui *t, int ch)
{
	size_t max = t->lanes.max_width > 1 ? t->lanes.max_width - 1 : 0;
	if (ch == KEY_LEFT || ch == '<')
		t->lane_first = t->lane_first > 2 ? t->lane_first - 2 : 0;
	else
		t->lane_first = t->lane_first + 2 < max ? t->lane_first + 2 : max;
	if (t->lane_first)
		tui_set_status(t, "lanes from %zu of %zu shown (Left/< Right/> scroll them)", t->lane_first + 1,
			       t->lanes.max_width);
	else
		tui_set_status(t, "lanes from the first of %zu shown", t->lanes.max_width);
}

static void k_search(struct tui *t, int ch)
{
	(void)ch;
	search_prompt(t);
}

static void k_search_next(struct tui *t, int ch)
{
	search_next(t, ch == 'N' ? -1 : 1);
}

static void k_help(struct tui *t, int ch)
{
	(void)ch;
	help_show(t);
}

static void k_reload(struct tui *t, int ch)
{
	(void)ch;
	tui_reload(t);
}

/* Space: only heads can be merged, so only heads can be marked. */
static void k_mark(struct tui *t, int ch)
{
	(void)ch;
	if (!ald_revlist_count(t->order))
		return;
	const ald_revision *r = ald_revlist_at(t->order, t->cursor);
	size_t ix = ald_revision_index(r);
	if (!(ald_revision_flags(r) & ALD_REVISION_HEAD) && !t->marked[ix]) {
		tui_set_status(t, "only heads can be marked for a merge: %s is not a head", ald_revision_id(r));
		return;
	}
	t->marked[ix] = !t->marked[ix];
	graph_move(t, 1);
}

static void k_nav(struct tui *t, int ch)
{
	nav_key(t, ch);
}

static void k_diverged(struct tui *t, int ch)
{
	(void)ch;
	diverged_show(t);
}

static void k_heads(struct tui *t, int ch)
{
	(void)ch;
	heads_show(t);
}

static void k_action(struct tui *t, int ch)
{
	tui_actions_key(t, ch);
}

static void k_prompt(struct tui *t, int ch)
{
	(void)ch;
	prompt_run(t);
}

static void k_log(struct tui *t, int ch)
{
	(void)ch;
	log_show(t);
}

static void k_edit(struct tui *t, int ch)
{
	(void)ch;
	editor_open(t);
}

static void k_status(struct tui *t, int ch)
{
	(void)ch;
	tui_status_show(t);
}

static void k_yank(struct tui *t, int ch)
{
	(void)ch;
	clipboard_copy_id(t);
}

const struct tui_key tui_keys[] = {
	{.section = "Moving"},
	{{'j', KEY_DOWN}, "j / Down", "next revision (older)", k_down, NULL},
	{{'k', KEY_UP}, "k / Up", "previous revision (newer)", k_up, NULL},
	{{KEY_NPAGE, ' ' | 0x100}, "PgDn", "a page down", k_page_down, NULL},
	{{KEY_PPAGE}, "PgUp", "a page up", k_page_up, NULL},
	{{'g', KEY_HOME}, "g / Home", "first revision", k_first, NULL},
	{{'G', KEY_END}, "G / End", "last revision", k_last, NULL},
	{{'/'}, "/", "search ids, branch labels and messages", k_search, NULL},
	{{'n', 'N'}, "n / N", "next / previous match", k_search_next, NULL},
	{.section = "Navigation"},
	{{'p', 'P'}, "p / P", "to the parent; P: the merge's next parent (cycles)", k_nav, NULL},
	{{'c', 'C'}, "c / C", "to a child; C: the branch point's next child (cycles)", k_nav, NULL},
	{{'b'}, "b", "to the branch point below (down first parents), else the base", k_nav, NULL},
	{{']', '['}, "] / [", "to the next / previous head (wraps)", k_nav, NULL},
	{{'f', 'F'}, "f / F", "only the selected revision's ancestry / everything again", k_nav, NULL},
	{.section = "Views"},
	{{'\n', '\r', KEY_ENTER, '\t'}, "Enter / Tab", "show or hide the preview of the selected revision", k_preview, NULL},
	{{'J'}, "J", "scroll the preview down", k_preview_down, NULL},
	{{'K'}, "K", "scroll the preview up", k_preview_up, NULL},
	{{'t', '1', '2', '3'}, "t / 1 2 3", "preview tab: t cycles, 1 upgrade SQL, 2 downgrade SQL, 3 plan", k_preview_tab, NULL},
	{{KEY_LEFT, '<'}, "Left / <", "scroll the graph's lanes left (2 lanes)", k_lanes, NULL},
	{{KEY_RIGHT, '>'}, "Right / >", "scroll the graph's lanes right, to lanes folded into \"+N\"", k_lanes, NULL},
	{{'r'}, "r", "reload the revision files and the database state", k_reload, NULL},
	{{'?', 'h', KEY_F(1)}, "? / h / F1", "this help", k_help, NULL},
	{{'q'}, "q", "quit", k_quit, NULL},
	{.section = "Database (each action shows its plan and asks first)"},
	{{'u'}, "u", "upgrade the database to the selected revision", k_action, NULL},
	{{'d'}, "d", "downgrade the database to the selected revision", k_action, NULL},
	{{'+'}, "+", "step one revision up from the current state", k_action, NULL},
	{{'-'}, "-", "step one revision down from the current state", k_action, NULL},
	{{'s'}, "s", "stamp the selected revision (no SQL runs)", k_action, NULL},
	{.section = "Heads"},
	{{' '}, "Space", "mark or unmark a head for merging", k_mark, NULL},
	{{'m'}, "m", "merge the marked heads (asks for a message)", k_action, NULL},
	{{'D'}, "D", "how the two marked heads diverged (revisions, tables)", k_diverged, NULL},
	{{'H'}, "H", "the heads panel: every head, its branch point and counts", k_heads, NULL},
	{.section = "Commands and tools"},
	{{':'}, ":", "command: upgrade/downgrade/stamp EXPR, sql A:B, sql downgrade B:A, goto EXPR or :EXPR", k_prompt, NULL},
	{{'L'}, "L", "the run log: this session's database actions (steps, SQL, errors), then the history table's last runs", k_log, NULL},
	{{'e'}, "e", "edit the selected revision's file ($VISUAL, $EDITOR or vi), then reload", k_edit, NULL},
	{{'y'}, "y", "copy the selected revision's id to the clipboard (OSC 52)", k_yank, NULL},
	{{'!'}, "!", "the last status message in full (a status line cut at the edge ends with an ellipsis)", k_status, NULL},
	{.names = NULL},
};

const struct tui_key *tui_key_find(int ch)
{
	for (const struct tui_key *k = tui_keys; k->section || k->names; k++)
		for (size_t i = 0; !k->section && i < sizeof(k->codes) / sizeof(k->codes[0]) && k->codes[i]; i++)
			if (k->codes[i] == ch)
				return k;
	return NULL;
}
