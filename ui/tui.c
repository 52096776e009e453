/* tui.c - the TUI's main loop: set-up of ncurses, loading the project into the
 * view state, the heads bar, the status line and the key dispatch. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "tui.h"
#include "tui_internal.h"
#include "runlog.h"

#include <langinfo.h>
#include <locale.h>
#include <ncurses.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Set by Ctrl-C (SIGINT) outside a prompt: the screens close and the TUI
 * quits like q (exit status 0, the terminal restored by endwin). */
static volatile sig_atomic_t interrupted;

static void on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

int tui_interrupted(void)
{
	return interrupted != 0;
}

void tui_set_status(struct tui *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t->status, sizeof(t->status), fmt, ap);
	va_end(ap);
}

int tui_attr(struct tui *t, int pair)
{
	static const int mono[C_COUNT] = {
		[C_CURSOR] = A_REVERSE, [C_HEAD] = A_BOLD, [C_DIM] = A_DIM, [C_STATUS] = A_REVERSE,
		[C_TITLE] = A_BOLD, [C_WARN] = A_BOLD, [C_KEYWORD] = A_BOLD, [C_CURRENT] = A_BOLD,
		[C_MARK] = A_BOLD, [C_ERROR] = A_BOLD,
	};
	if (!t->color)
		return mono[pair];
	return COLOR_PAIR(pair) | (pair == C_HEAD || pair == C_CURRENT || pair == C_TITLE ? A_BOLD : 0);
}

static void init_colors(struct tui *t)
{
	const char *no_color = getenv("NO_COLOR");
	t->color = has_colors() && !(no_color && *no_color);
	if (!t->color)
		return;
	start_color();
	use_default_colors();
	init_pair(C_CURSOR, COLOR_BLACK, COLOR_CYAN);
	init_pair(C_ID, COLOR_YELLOW, -1);
	init_pair(C_HEAD, COLOR_GREEN, -1);
	init_pair(C_LABEL, COLOR_MAGENTA, -1);
	init_pair(C_DIM, COLOR_BLUE, -1);
	init_pair(C_STATUS, COLOR_BLACK, COLOR_WHITE);
	init_pair(C_TITLE, COLOR_CYAN, -1);
	init_pair(C_WARN, COLOR_RED, -1);
	init_pair(C_KEYWORD, COLOR_CYAN, -1);
	init_pair(C_COMMENT, COLOR_BLUE, -1);
	init_pair(C_CURRENT, COLOR_GREEN, -1);
	init_pair(C_MARK, COLOR_RED, -1);
	init_pair(C_ERROR, COLOR_WHITE, COLOR_RED);
}

/* Fills the display order (t->filter's ancestry when set), row_of and the
 * lane layout. */
static int load_order(struct tui *t)
{
	size_t n = ald_project_revision_count(t->project);
	int err = 0;
	if (t->filter) {
		char *range = malloc(strlen(t->filter) + 6);
		if (!range)
			abort();
		sprintf(range, "base:%s", t->filter);
		err = ald_project_history(&t->order, t->project, range, NULL);
		free(range);
		if (err < 0) { /* e.g. the revision is gone after `r`: show everything */
			free(t->filter);
			t->filter = NULL;
		}
	}
	if (!t->filter && ald_project_history(&t->order, t->project, NULL, NULL) < 0)
		return -1;
	t->row_of = calloc(n ? n : 1, sizeof(*t->row_of));
	struct lanes_rev *revs = calloc(n ? n : 1, sizeof(*revs));
	size_t *parents = calloc(2 * n + 1, sizeof(*parents));
	size_t used = 0, cap = 2 * n + 1;
	if (!t->row_of || !revs || !parents)
		abort();
	/* a revision not shown keeps row SIZE_MAX: its edges are left out */
	for (size_t i = 0; i < n; i++)
		t->row_of[i] = SIZE_MAX;
	for (size_t i = 0; i < ald_revlist_count(t->order); i++)
		t->row_of[ald_revision_index(ald_revlist_at(t->order, i))] = i;
	for (size_t i = 0; i < ald_revlist_count(t->order); i++) {
		const ald_revision *r = ald_revlist_at(t->order, i);
		size_t np = ald_revision_parent_count(r), nd = ald_revision_dependency_count(r);
		if (used + np + nd > cap) {
			cap = (used + np + nd) * 2;
			parents = realloc(parents, cap * sizeof(*parents));
			if (!parents)
				abort();
		}
		revs[i].parents = (const size_t *)(uintptr_t)used; /* rebased below */
		for (size_t j = 0; j < np; j++) {
			size_t row = t->row_of[ald_revision_index(ald_revision_parent_at(r, j))];
			if (row != SIZE_MAX)
				parents[used++] = row;
		}
		size_t deps_from = used;
		for (size_t j = 0; j < nd; j++) {
			size_t row = t->row_of[ald_revision_index(ald_revision_dependency_at(r, j))];
			if (row != SIZE_MAX)
				parents[used++] = row;
		}
		revs[i].n_parents = used - (uintptr_t)revs[i].parents;
		revs[i].n_deps = used - deps_from;
	}
	for (size_t i = 0; i < ald_revlist_count(t->order); i++)
		revs[i].parents = parents + (uintptr_t)revs[i].parents;
	lanes_layout(&t->lanes, revs, ald_revlist_count(t->order));
	free(revs);
	free(parents);
	if (t->cursor >= ald_revlist_count(t->order))
		t->cursor = ald_revlist_count(t->order) ? ald_revlist_count(t->order) - 1 : 0;
	return err < 0 ? -1 : 0;
}

static void unload_order(struct tui *t)
{
	nav_forget(t);
	ald_revlist_free(t->order);
	t->order = NULL;
	lanes_free(&t->lanes);
	free(t->row_of);
	t->row_of = NULL;
}

/* Fills the display order, the lane layout and the per-revision arrays. */
int tui_load(struct tui *t)
{
	size_t n = ald_project_revision_count(t->project);
	t->marked = calloc(n ? n : 1, 1);
	t->current = calloc(n ? n : 1, 1);
	t->applied = calloc(n ? n : 1, 1);
	if (!t->marked || !t->current || !t->applied)
		abort();
	if (load_order(t) < 0 && !t->order)
		return -1;
	return 0;
}

int tui_relayout(struct tui *t)
{
	size_t ix = SIZE_MAX;
	if (ald_revlist_count(t->order))
		ix = ald_revision_index(ald_revlist_at(t->order, t->cursor));
	unload_order(t);
	int err = load_order(t);
	if (!t->order)
		abort(); /* the whole history was read before: it cannot fail now */
	t->top = 0;
	graph_goto(t, ix != SIZE_MAX && t->row_of[ix] != SIZE_MAX ? t->row_of[ix] : 0);
	return err;
}

void tui_unload(struct tui *t)
{
	unload_order(t);
	free(t->marked);
	free(t->current);
	free(t->applied);
	t->marked = t->current = t->applied = NULL;
	preview_forget(t);
	lint_forget(t);
	edited_forget(t);
}

int tui_list_height(const struct tui *t)
{
	int h = LINES - 2; /* heads bar and status line */
	return t->preview ? h / 2 : h;
}

/* Display columns of a text as the first line draws it (see lanes_text_fit). */
static int text_cols(const struct tui *t, const char *s)
{
	char buf[512];
	size_t cols;
	lanes_text_fit(s, SIZE_MAX, t->utf8, buf, sizeof(buf), &cols);
	return (int)cols;
}

/* Adds text on the first line in a colour, clipped at the right edge by
 * display columns (addstr would wrap into the graph rows). */
static void bar_put(struct tui *t, int pair, const char *s)
{
	char buf[512];
	int room = COLS - getcurx(stdscr);
	if (room <= 0 || getcury(stdscr) != 0)
		return;
	lanes_text_fit(s, (size_t)room, t->utf8, buf, sizeof(buf), NULL);
	attron(tui_attr(t, pair));
	addstr(buf);
	attroff(tui_attr(t, pair));
}

/* The text of one head on the first line: " id (label) ✓" and its colour. */
static int head_text(struct tui *t, const ald_revision *r, char *buf, size_t cap, int *pair)
{
	int applied = t->applied[ald_revision_index(r)];
	*pair = applied ? C_CURRENT : C_HEAD;
	int n = snprintf(buf, cap, " %s", ald_revision_id(r));
	if (ald_revision_label_count(r) && n > 0 && (size_t)n < cap)
		n += snprintf(buf + n, cap - (size_t)n, " (%s)", ald_revision_label_at(r, 0));
	if (t->db_state == 1 && n > 0 && (size_t)n < cap)
		snprintf(buf + n, cap - (size_t)n, "%s",
			 applied ? (t->utf8 ? " \u2713" : " [applied]") : " [pending]");
	return text_cols(t, buf);
}

/* The first line, never more than one line. When every head fits: "Heads:"
 * and each head, applied or not, then a warning for several (its hint cut at
 * the edge). Else a summary, "Heads: N heads, M applied:", as many heads as
 * fit and "…+K" for the K left out. */
void tui_draw_heads_bar(struct tui *t)
{
	ald_revlist *heads = NULL;
	char buf[512], warn[128];
	int pair;
	move(0, 0);
	clrtoeol();
	ald_project_heads(&heads, t->project, 0);
	size_t n = ald_revlist_count(heads), applied = 0;
	int width = 6; /* "Heads:" */
	for (size_t i = 0; i < n; i++) {
		const ald_revision *r = ald_revlist_at(heads, i);
		applied += t->applied[ald_revision_index(r)] != 0;
		if (width <= COLS)
			width += head_text(t, r, buf, sizeof(buf), &pair);
	}
	snprintf(warn, sizeof(warn), "  %s %zu heads", t->utf8 ? "\u26a0" : "!", n);
	bar_put(t, C_TITLE, "Heads:");
	if (n == 0) {
		bar_put(t, C_NORMAL, " none");
	} else if (width + (n > 1 ? text_cols(t, warn) : 0) <= COLS) {
		for (size_t i = 0; i < n; i++) {
			head_text(t, ald_revlist_at(heads, i), buf, sizeof(buf), &pair);
			bar_put(t, pair, buf);
		}
		if (n > 1)
			bar_put(t, C_WARN, strcat(warn, ": mark with Space, merge with m"));
	} else {
		if (t->db_state == 1)
			snprintf(buf, sizeof(buf), " %zu heads, %zu applied:", n, applied);
		else
			snprintf(buf, sizeof(buf), " %zu heads:", n);
		bar_put(t, n > 1 ? C_WARN : C_NORMAL, buf);
		for (size_t i = 0; i < n; i++) {
			int w = head_text(t, ald_revlist_at(heads, i), buf, sizeof(buf), &pair);
			char more[32];
			snprintf(more, sizeof(more), " %s+%zu", t->utf8 ? "\u2026" : "", n - i);
			/* room for this head and, unless it is the last, the marker after it */
			char after[32];
			snprintf(after, sizeof(after), " %s+%zu", t->utf8 ? "\u2026" : "", n - i - 1);
			int need = w + (i + 1 < n ? text_cols(t, after) : 0);
			if (getcurx(stdscr) + need > COLS || getcury(stdscr) != 0) {
				bar_put(t, C_DIM, more);
				break;
			}
			bar_put(t, pair, buf);
		}
	}
	ald_revlist_free(heads);
}

/* The text of the last line: the filter, the last action's result, then
 * the database (pending count, current revisions, masked URL) or why there
 * is none. */
static void status_text(struct tui *t, char *line, size_t cap)
{
	const char *url = ald_project_url_display(t->project);
	size_t pending = 0, n = ald_project_revision_count(t->project);
	for (size_t i = 0; i < n; i++)
		pending += !t->applied[i];
	/* connected, db_message holds the current revisions (tui_db_refresh) */
	char filter[160] = "";
	if (t->filter)
		snprintf(filter, sizeof(filter), " filter: ancestry of %s (%zu of %zu revisions) |", t->filter,
			 ald_revlist_count(t->order), n);
	if (t->db_state == 1)
		snprintf(line, cap, "%s %s | %zu pending | current: %s | %s", filter, t->status, pending,
			 t->db_message, url);
	else if (t->db_state == -1)
		snprintf(line, cap, "%s %s | offline: %s | %s", filter, t->status, t->db_message, url ? url : "");
	else
		snprintf(line, cap, "%s %s | no database URL configured (offline)", filter, t->status);
}

/* The last line: the status text, clipped by display columns; when it does
 * not fit it ends with an ellipsis (`!` shows the whole text). */
void tui_draw_status(struct tui *t)
{
	char line[1024], fit[1100];
	size_t cols;
	status_text(t, line, sizeof(line));
	int width = COLS > 0 ? COLS : 0;
	size_t used = lanes_text_fit(line, (size_t)width, t->utf8, fit, sizeof(fit), &cols);
	if (line[used] && width > 3) {
		const char *more = t->utf8 ? "\u2026" : "...";
		size_t more_cols = t->utf8 ? 1 : 3;
		lanes_text_fit(line, (size_t)width - more_cols, t->utf8, fit, sizeof(fit) - 8, &cols);
		strcat(fit, more);
		cols += more_cols;
	}
	attron(tui_attr(t, C_STATUS));
	move(LINES - 1, 0);
	addstr(fit);
	for (int x = (int)cols; x < COLS; x++)
		addch(' ');
	attroff(tui_attr(t, C_STATUS));
}

void tui_status_show(struct tui *t)
{
	char line[1024];
	status_text(t, line, sizeof(line));
	size_t n = strlen(t->status) + strlen(line) + 64;
	char *text = malloc(n);
	if (!text)
		abort();
	/* the message first, whole; then the status line it was part of */
	snprintf(text, n, "%s\n\nThe status line:\n%s", t->status, line);
	dialog_text(t, "The last status message", text, NULL);
	free(text);
}

static void draw(struct tui *t)
{
	erase();
	tui_draw_heads_bar(t);
	int lh = tui_list_height(t);
	graph_draw(t, 1, lh);
	tui_draw_status(t); /* before the preview: a plan being computed shows a whole screen */
	if (t->preview)
		preview_draw(t, 1 + lh, LINES - 2 - lh);
	refresh();
}

void tui_reload(struct tui *t)
{
	ald_project *np = NULL;
	if (!t->reopen || t->reopen(&np, t->payload) < 0) {
		const ald_error *e = ald_error_last();
		tui_set_status(t, "reload failed: %s", e ? e->message : "unknown error");
		return;
	}
	tui_unload(t);
	ald_project_free(t->project);
	t->project = np;
	tui_load(t);
	tui_set_status(t, "reloaded %zu revisions", ald_project_revision_count(np));
	/* the new project has its own connection: read the version table again
	 * (it may replace the status with an unfinished run's message) */
	tui_db_refresh(t);
}

/* Whether keys were typed ahead (checked before a screen is drawn, so the
 * look, which may refresh the screen, shows the finished last one). */
static int keys_waiting(struct tui *t)
{
	if (t->key_feed)
		return t->key_feed_ahead && *t->key_feed;
	nodelay(stdscr, TRUE);
	int ch = getch();
	nodelay(stdscr, FALSE);
	if (ch == ERR)
		return 0;
	ungetch(ch);
	return 1;
}

/* The next key: replayed from ALUDEL_TUI_KEYS (ERR once they are all
 * handled), else read. */
static int next_key(struct tui *t)
{
	if (!t->key_feed)
		return getch();
	if (!*t->key_feed)
		return ERR;
	return (unsigned char)*t->key_feed++;
}

/* One key of the graph view: the key table (keys.c) names what it does;
 * the mouse and a resize are handled here, Escape is ignored; any other key
 * is said to be unknown. */
static void key(struct tui *t, int ch)
{
	const struct tui_key *k = tui_key_find(ch);
	if (k) {
		k->run(t, ch);
		return;
	}
	switch (ch) {
	case KEY_MOUSE: {
		MEVENT ev;
		if (getmouse(&ev) == OK) {
			if (ev.bstate & BUTTON4_PRESSED)
				graph_move(t, -3);
			else if (ev.bstate & (BUTTON5_PRESSED))
				graph_move(t, 3);
			else if (ev.y >= 1 && ev.y < 1 + tui_list_height(t))
				graph_goto(t, t->top + (size_t)(ev.y - 1));
		}
		break;
	}
	case KEY_RESIZE:
		graph_move(t, 0);
		break;
	case ERR:
	case 27: /* Escape: nothing to close here; said nothing of (a habit of other screens) */
		break;
	default: {
		const char *name = keyname(ch);
		tui_set_status(t, "unknown key %s: ? lists the keys", name ? name : "?");
		break;
	}
	}
}

int tui_run(ald_project **p, int (*reopen)(ald_project **out, void *payload), void *payload)
{
	struct tui t = {.project = *p, .reopen = reopen, .payload = payload};
	setlocale(LC_ALL, "");
	t.utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	if (tui_load(&t) < 0)
		return -1;
	t.runlog = runlog_new(); /* NULL (no memory): nothing is recorded */
	tui_db_refresh(&t);
	initscr();
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	mousemask(BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	set_escdelay(25);
	init_colors(&t);
	/* after initscr, replacing ncurses' handler (which exits with status 1);
	 * no SA_RESTART, so that a waiting getch() returns */
	struct sigaction sa = {.sa_handler = on_sigint}, old_int;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	if (!t.status[0])
		tui_set_status(&t, "%zu revisions; ? for help", ald_revlist_count(t.order));
	/* ALUDEL_TUI_EXIT_AFTER_DRAW=1 (bench/run): quit once the first screen is drawn;
	 * ALUDEL_TUI_KEYS=text (bench/run): handle these keys, one screen after
	 * each, then quit; with ALUDEL_TUI_KEYS_AHEAD=1 they count as typed ahead */
	const char *bench = getenv("ALUDEL_TUI_EXIT_AFTER_DRAW");
	const char *ahead = getenv("ALUDEL_TUI_KEYS_AHEAD");
	t.key_feed = getenv("ALUDEL_TUI_KEYS");
	t.key_feed_ahead = ahead && *ahead == '1';
	while (!t.quit && !interrupted) {
		t.keys_waiting = keys_waiting(&t);
		draw(&t);
		if (bench && *bench == '1')
			break;
		int ch = next_key(&t);
		if ((ch == ERR && t.key_feed) || interrupted)
			break;
		key(&t, ch);
	}
	endwin();
	sigaction(SIGINT, &old_int, NULL);
	tui_unload(&t);
	free(t.filter);
	runlog_free(t.runlog);
	prompt_free(&t);
	*p = t.project;
	return 0;
}
