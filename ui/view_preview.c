/* view_preview.c - the preview pane under the graph, in three tabs named in
 * its title line: the selected revision's header and file, then its own
 * upgrade SQL, its own downgrade SQL (ald_revision_sql: the file's section,
 * or an Alembic revision's function source), or the plan: the exact SQL that
 * would run to move the database to it (the same text as --sql). SQL
 * keywords are highlighted. Lines are clipped at the pane's right edge by
 * display columns, never wrapped; the vertical scroll (J/K) is bounded so
 * the last page stays full, and the title shows the visible range. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "tui_internal.h"

#include <ctype.h>
#include <ncurses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* The text starts in column 1 and the last column stays empty. */
#define PREVIEW_X0 1

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

/* Length in bytes and display width of the character at s (at most len
 * bytes). Tabs are expanded by the caller; control characters, invalid
 * bytes and characters of unknown width count as one byte shown as '?'
 * (*w is then -1). */
static size_t char_at(const char *s, size_t len, int *w)
{
	unsigned char c = (unsigned char)*s;
	if (c >= 0x20 && c < 0x7f) {
		*w = 1;
		return 1;
	}
	if (c < 0x80) {
		*w = -1;
		return 1;
	}
	mbstate_t st;
	memset(&st, 0, sizeof(st));
	wchar_t wc;
	size_t n = mbrtowc(&wc, s, len, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*w = -1;
		return 1;
	}
	int cw = wcwidth(wc);
	*w = cw < 0 ? -1 : cw;
	return n;
}

/* Writes len bytes of s from column *col with attribute attr, stopping
 * before the first character that would pass column `end` (exclusive).
 * Returns 0 once the row is full. */
static int put_clipped(const char *s, size_t len, int attr, int *col, int end)
{
	size_t i = 0;
	if (attr)
		attron(attr);
	while (i < len && *col < end) {
		if (s[i] == '\t') {
			int next = (*col - PREVIEW_X0) / 8 * 8 + 8 + PREVIEW_X0;
			while (*col < next && *col < end) {
				addch(' ');
				(*col)++;
			}
			i++;
			continue;
		}
		int w;
		size_t n = char_at(s + i, len - i, &w);
		if (*col + (w < 0 ? 1 : w) > end)
			break;
		if (w < 0)
			addch('?');
		else
			addnstr(s + i, (int)n);
		*col += w < 0 ? 1 : w;
		i += n;
	}
	if (attr)
		attroff(attr);
	return i >= len && *col < end;
}

/* Draws one line of SQL from column PREVIEW_X0: comments dimmed, keywords
 * highlighted, clipped at column `end`. */
static void draw_sql_line(struct tui *t, const char *s, size_t len, int end)
{
	size_t i = 0;
	int col = PREVIEW_X0;
	if (lint_line_is_finding(t, s, len)) { /* a lint finding (lint_view.c) */
		put_clipped(s, len, tui_attr(t, C_WARN), &col, end);
		return;
	}
	while (i < len) {
		size_t j = i + 1;
		int attr = 0;
		if (s[i] == '-' && i + 1 < len && s[i + 1] == '-') {
			j = len;
			attr = tui_attr(t, C_COMMENT);
		} else if (isalpha((unsigned char)s[i]) || s[i] == '_') {
			j = i;
			while (j < len && (isalnum((unsigned char)s[j]) || s[j] == '_'))
				j++;
			if (is_keyword(s + i, j - i))
				attr = tui_attr(t, C_KEYWORD);
		} else if ((unsigned char)s[i] >= 0x80) {
			int w;
			j = i + char_at(s + i, len - i, &w);
		}
		if (!put_clipped(s + i, j - i, attr, &col, end))
			return;
		i = j;
	}
}

/* The first tab, upgrade SQL, is the default (struct tui starts zeroed):
 * it is one file read, fast at any project size, so moving the selection with
 * the preview open stays under 50 ms a key even at 100,000 revisions. The plan
 * is a walk from the database's state to the selected revision, tens of
 * thousands of steps for a far target: it shows the first 500 steps only
 * (tui_plan_preview), but ordering all the steps still takes tens of ms
 * there, so it is the tab one asks for (t / 3), not built while keys wait. */
static const char *const tab_names[PREVIEW_TABS] = {"upgrade SQL", "downgrade SQL", "plan"};

/* The body of an own-code tab: the text, or a comment line saying why there
 * is none (no downgrade section, a file changed on disk). */
static char *own_sql(struct tui *t, const ald_revision *r, int downgrade)
{
	char *sql = NULL;
	char *text;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		abort();
	if (ald_revision_sql(&sql, r, downgrade) < 0) {
		/* what matters first: the file is named in the header above */
		const ald_error *e = ald_error_last();
		const char *m = e && e->message ? e->message : "unknown error";
		size_t n = strlen(ald_revision_path(r));
		if (strncmp(m, ald_revision_path(r), n) == 0 && strncmp(m + n, ": ", 2) == 0)
			m += n + 2;
		fprintf(f, "-- %s\n", m);
	} else {
		if (ald_revision_is_alembic(r))
			fprintf(f, "-- the %s() function of this Alembic revision, as written (the plan tab shows its SQL)\n",
				downgrade ? "downgrade" : "upgrade");
		char *lint = lint_annotate(t, r, downgrade, sql); /* the findings beside the statements */
		fputs(lint ? lint : *sql ? sql : "-- (empty section)\n", f);
		free(lint);
	}
	free(sql);
	fclose(f);
	return text;
}

char *preview_text(struct tui *t, int tab)
{
	const ald_revision *r = ald_revlist_at(t->order, t->cursor);
	char *body = tab == PREVIEW_PLAN ? tui_plan_preview(t, r) : own_sql(t, r, tab == PREVIEW_DOWNGRADE);
	char *doc = NULL; /* the file's docstring now; its message if it cannot give it */
	if (ald_revision_read_doc(&doc, r) < 0 && !(doc = strdup(ald_revision_message(r))))
		abort();
	size_t n = strlen(doc) + strlen(ald_revision_path(r)) + strlen(body) + 64;
	char *text = malloc(n);
	if (!text)
		abort();
	snprintf(text, n, "%s\nFile: %s\n\n%s", doc, ald_revision_path(r), body);
	free(doc);
	free(body);
	return text;
}

void preview_forget(struct tui *t)
{
	for (int k = 0; k < PREVIEW_TABS; k++) {
		free(t->preview_cache[k]);
		t->preview_cache[k] = NULL;
	}
}

/* Number of lines of text as preview_draw walks them (a final newline
 * ends the last line and starts none). */
static size_t count_lines(const char *text)
{
	size_t n = 0;
	for (const char *l = text; *l; n++) {
		size_t len = strcspn(l, "\n");
		l += len + (l[len] == '\n');
	}
	return n;
}

/* Writes a line of the pane at row y, clipped at the right edge. */
static void say(int y, const char *s)
{
	int col = PREVIEW_X0;
	move(y, PREVIEW_X0);
	put_clipped(s, strlen(s), 0, &col, COLS - 1);
}

/* Draws the title line: the revision, the tabs (the shown one in brackets,
 * the others padded as wide, so the line does not jump), the range shown. */
static void draw_title(struct tui *t, int y0, size_t first, size_t last, size_t total)
{
	char title[256];
	int n = snprintf(title, sizeof(title), " %s ", ald_revision_id(ald_revlist_at(t->order, t->cursor)));
	for (int k = 0; k < PREVIEW_TABS && n > 0 && (size_t)n < sizeof(title); k++)
		n += snprintf(title + n, sizeof(title) - (size_t)n, k == t->preview_tab ? " [%s]" : "  %s ",
			      tab_names[k]);
	if (n > 0 && (size_t)n < sizeof(title))
		n += snprintf(title + n, sizeof(title) - (size_t)n, "  [%zu-%zu/%zu]", first, last, total);
	if (n > 0 && (size_t)n < sizeof(title) && t->preview_tab == PREVIEW_PLAN && total && t->preview_plan_steps)
		n += snprintf(title + n, sizeof(title) - (size_t)n, "  %zu step%s", t->preview_plan_steps,
			      t->preview_plan_steps == 1 ? "" : "s");
	if (n > 0 && (size_t)n < sizeof(title))
		snprintf(title + n, sizeof(title) - (size_t)n, "  (t: tab, J/K) ");
	attron(tui_attr(t, C_TITLE));
	mvhline(y0, 0, t->utf8 ? ACS_HLINE : '-', COLS);
	if (COLS > 3)
		mvaddnstr(y0, 2, title, COLS - 3);
	attroff(tui_attr(t, C_TITLE));
}

/* The text of the shown tab: from the cache when it was built for this
 * revision, tab and database state, else built now. A plan is not built
 * while keys are waiting (a plan of tens of thousands of steps takes
 * seconds): NULL then, and the pane says it waits; else, before a plan is
 * built, the pane says "computing" on the screen. */
static const char *tab_text(struct tui *t, int y0)
{
	int tab = t->preview_tab;
	size_t rev = ald_revision_index(ald_revlist_at(t->order, t->cursor));
	if (t->preview_cache[tab] && t->preview_cache_rev[tab] == rev && t->preview_cache_gen[tab] == t->db_gen)
		return t->preview_cache[tab];
	if (tab == PREVIEW_PLAN) {
		if (t->keys_waiting)
			return NULL;
		draw_title(t, y0, 0, 0, 0);
		say(y0 + 1, t->utf8 ? "computing the plan\u2026" : "computing the plan...");
		refresh();
	}
	free(t->preview_cache[tab]);
	t->preview_cache[tab] = preview_text(t, tab);
	t->preview_cache_rev[tab] = rev;
	t->preview_cache_gen[tab] = t->db_gen;
	if (tab == PREVIEW_PLAN) { /* the text's first line may be shorter than the message */
		move(y0 + 1, 0);
		clrtoeol();
	}
	return t->preview_cache[tab];
}

/* Draws the pane on rows y0 (title) to y0 + height - 1. Clamps
 * t->preview_top so that J stops once the last line is on the last row. */
void preview_draw(struct tui *t, int y0, int height)
{
	if (!ald_revlist_count(t->order) || height < 2)
		return;
	/* each tab is built when shown, once per selection and database state:
	 * scrolling and other keys redraw from the cache */
	const char *text = tab_text(t, y0);
	if (!text) {
		draw_title(t, y0, 0, 0, 0);
		say(y0 + 1, t->utf8 ? "computing\u2026 (the plan is built once the keys typed ahead are handled)"
				    : "computing... (the plan is built once the keys typed ahead are handled)");
		return;
	}
	size_t total = count_lines(text), rows = (size_t)height - 1;
	if (t->preview_top + rows > total)
		t->preview_top = total > rows ? total - rows : 0;
	size_t last = t->preview_top + rows < total ? t->preview_top + rows : total;
	draw_title(t, y0, total ? t->preview_top + 1 : 0, last, total);
	const char *line = text;
	size_t skip = t->preview_top;
	int y = y0 + 1, end = COLS - 1;
	int in_header = 1;
	while (*line && y < y0 + height) {
		size_t len = strcspn(line, "\n");
		if (len == 0)
			in_header = 0;
		if (skip) {
			skip--;
		} else {
			move(y++, PREVIEW_X0);
			if (in_header) {
				int col = PREVIEW_X0;
				put_clipped(line, len, 0, &col, end);
			} else {
				draw_sql_line(t, line, len, end);
			}
		}
		line += len + (line[len] == '\n');
	}
}
