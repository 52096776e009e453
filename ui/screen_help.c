/* screen_help.c - the `?` screen: the keys, written from the key table
 * (keys.c) that also dispatches them, and the legend of the graph view. The
 * text scrolls (j/k, arrows, Space/PgDn, PgUp, g/G, Home/End) and the bottom row
 * shows which lines are on screen, so it fits any height down to a few rows. */
#define _GNU_SOURCE 1 /* asprintf */
#define _XOPEN_SOURCE_EXTENDED 1
#include "tui_internal.h"

#include <ncurses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const legend[] = {
	"",
	"Legend",
	"  (head)              nothing revises this revision",
	"  (effective head)    a head that another revision depends on",
	"  (branchpoint)       two or more revisions revise it",
	"  (mergepoint)        it revises two or more revisions",
	"  (current)           a row of the database's version table",
	"  [label]             a branch label carried by the revision",
	"  o / hollow dot      pending: not applied to the database (also dim / blue)",
	"  * / solid dot       applied",
	"  dotted lane         a depends_on edge",
	"  ! / warning sign    lint findings in the revision (PostgreSQL; red: an error)",
	"  ~ / pencil          applied, and its file edited since it ran (history table)",
	"",
	"In this help: j/k Space PgDn PgUp g/G scroll; any other key goes back.",
	NULL,
};

/* The key tables the help lists, in order: the graph view's first, then
 * those of the screens it opens. */
static const struct tui_key *const help_tables[] = {tui_keys, heads_keys, log_keys, NULL};

/* The help's lines: a heading per section of the key table, a line per
 * entry, then the legend. The array and its strings are the caller's
 * (lines_free). */
/* Appends a line (taking it; NULL: out of memory) to a growing array. */
static void add_line(char ***lines, size_t *n, size_t *cap, char *line)
{
	if (!line)
		abort();
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 32;
		*lines = realloc(*lines, *cap * sizeof(**lines));
		if (!*lines)
			abort();
	}
	(*lines)[(*n)++] = line;
}

static char **help_lines(int *total)
{
	char **lines = NULL, *line;
	size_t n = 0, cap = 0;
	for (const struct tui_key *const *table = help_tables; *table; table++) {
		for (const struct tui_key *k = *table; k->section || k->names; k++) {
			if (k->section && n)
				add_line(&lines, &n, &cap, strdup(""));
			if (k->section)
				add_line(&lines, &n, &cap, strdup(k->section));
			else if (asprintf(&line, "  %-20s%s", k->names, k->does) >= 0)
				add_line(&lines, &n, &cap, line);
			else
				abort();
		}
	}
	for (const char *const *l = legend; *l; l++)
		add_line(&lines, &n, &cap, strdup(*l));
	*total = (int)n;
	return lines;
}

static void lines_free(char **lines, int n)
{
	for (int i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

/* Draws the lines from `top` on rows 0 to LINES - 2 and the position on the
 * last row; returns the number of text rows. */
static int help_draw(struct tui *t, char **lines, int top, int total)
{
	int rows = LINES > 1 ? LINES - 1 : 1;
	erase();
	for (int y = 0; y < rows && top + y < total; y++) {
		const char *l = lines[top + y];
		int title = l[0] && l[0] != ' ';
		if (title)
			attron(tui_attr(t, C_TITLE));
		if (COLS > 2)
			mvaddnstr(y, 1, l, COLS - 2);
		if (title)
			attroff(tui_attr(t, C_TITLE));
	}
	if (LINES > 1) {
		char pos[96];
		int last = top + rows < total ? top + rows : total;
		snprintf(pos, sizeof(pos), " Help: lines %d-%d of %d  j/k Space/PgDn PgUp g/G scroll; any other key: back",
			 top + 1, last, total);
		attron(tui_attr(t, C_STATUS));
		move(LINES - 1, 0);
		for (int x = 0; x < COLS; x++)
			addch(' ');
		mvaddnstr(LINES - 1, 0, pos, COLS);
		attroff(tui_attr(t, C_STATUS));
	}
	refresh();
	return rows;
}

void help_show(struct tui *t)
{
	int total = 0, top = 0;
	char **lines = help_lines(&total);
	for (;;) {
		int rows = help_draw(t, lines, top, total);
		int max_top = total > rows ? total - rows : 0;
		int ch = getch();
		switch (ch) {
		case 'j': case KEY_DOWN:
			top++;
			break;
		case 'k': case KEY_UP:
			top--;
			break;
		case KEY_NPAGE: case ' ':
			top += rows > 1 ? rows - 1 : 1;
			break;
		case KEY_PPAGE:
			top -= rows > 1 ? rows - 1 : 1;
			break;
		case 'g': case KEY_HOME:
			top = 0;
			break;
		case 'G': case KEY_END:
			top = max_top;
			break;
		case KEY_RESIZE:
			break;
		default:
			lines_free(lines, total);
			return;
		}
		/* the bound is taken again after a resize */
		rows = LINES > 1 ? LINES - 1 : 1;
		max_top = total > rows ? total - rows : 0;
		if (top > max_top)
			top = max_top;
		if (top < 0)
			top = 0;
	}
}
