/* view_preview.c - the preview pane under the graph: the selected revision's
 * header and file, then the exact SQL that would run to reach it (the same
 * text as --sql), with SQL keywords highlighted. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "tui_internal.h"

#include <ctype.h>
#include <ncurses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const keywords[] = {
	"ADD", "ALTER", "AND", "AS", "BEGIN", "BY", "COLUMN", "COMMIT", "CONSTRAINT", "CREATE",
	"DEFAULT", "DELETE", "DROP", "END", "EXISTS", "FROM", "IF", "INDEX", "INSERT", "INTO",
	"KEY", "NOT", "NULL", "ON", "OR", "PRIMARY", "REFERENCES", "SELECT", "SET", "TABLE",
	"TRIGGER", "UNIQUE", "UPDATE", "VALUES", "VIEW", "WHERE", NULL,
};

static int is_keyword(const char *w, size_t n)
{
	for (const char *const *k = keywords; *k; k++)
		if (strlen(*k) == n && strncasecmp(*k, w, n) == 0)
			return 1;
	return 0;
}

/* Draws one line of SQL: comments dimmed, keywords highlighted. */
static void draw_sql_line(struct tui *t, const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && getcurx(stdscr) < COLS - 1) {
		if (s[i] == '-' && i + 1 < len && s[i + 1] == '-') {
			attron(tui_attr(t, C_COMMENT));
			addnstr(s + i, (int)(len - i));
			attroff(tui_attr(t, C_COMMENT));
			return;
		}
		if (isalpha((unsigned char)s[i]) || s[i] == '_') {
			size_t j = i;
			while (j < len && (isalnum((unsigned char)s[j]) || s[j] == '_'))
				j++;
			int kw = is_keyword(s + i, j - i);
			if (kw)
				attron(tui_attr(t, C_KEYWORD));
			addnstr(s + i, (int)(j - i));
			if (kw)
				attroff(tui_attr(t, C_KEYWORD));
			i = j;
			continue;
		}
		addnstr(s + i, 1);
		i++;
	}
}

char *preview_text(struct tui *t)
{
	const ald_revision *r = ald_revlist_at(t->order, t->cursor);
	char *plan = tui_plan_preview(t, r);
	size_t n = strlen(ald_revision_doc(r)) + strlen(ald_revision_path(r)) + strlen(plan) + 64;
	char *text = malloc(n);
	if (!text)
		abort();
	snprintf(text, n, "%s\nFile: %s\n\n%s", ald_revision_doc(r), ald_revision_path(r), plan);
	free(plan);
	return text;
}

void preview_draw(struct tui *t, int y0, int height)
{
	if (!ald_revlist_count(t->order) || height < 2)
		return;
	attron(tui_attr(t, C_TITLE));
	mvhline(y0, 0, t->utf8 ? ACS_HLINE : '-', COLS);
	mvprintw(y0, 2, " %s  (J/K scroll) ", ald_revision_id(ald_revlist_at(t->order, t->cursor)));
	attroff(tui_attr(t, C_TITLE));
	char *text = preview_text(t);
	const char *line = text;
	size_t skip = t->preview_top;
	int y = y0 + 1;
	int in_header = 1;
	while (*line && y < y0 + height) {
		size_t len = strcspn(line, "\n");
		if (len == 0)
			in_header = 0;
		if (skip) {
			skip--;
		} else {
			move(y++, 1);
			if (in_header)
				addnstr(line, (int)len < COLS - 2 ? (int)len : COLS - 2);
			else
				draw_sql_line(t, line, len);
		}
		line += len + (line[len] == '\n');
	}
	free(text);
}
