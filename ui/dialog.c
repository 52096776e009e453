/* dialog.c - line input on the bottom line and scrollable text boxes. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "tui_internal.h"

#include <ncurses.h>
#include <stdlib.h>
#include <string.h>

char *dialog_input(struct tui *t, const char *prompt)
{
	char buf[256] = "";
	size_t len = 0;
	curs_set(1);
	raw(); /* Ctrl-C arrives as key 3 and cancels, like Escape */
	for (;;) {
		move(LINES - 1, 0);
		clrtoeol();
		attron(tui_attr(t, C_TITLE));
		addstr(prompt);
		attroff(tui_attr(t, C_TITLE));
		addstr(buf);
		refresh();
		int ch = getch();
		if (ch == 27 || ch == 7 || ch == 3) { /* Escape, Ctrl-G, Ctrl-C */
			noraw();
			cbreak();
			curs_set(0);
			return NULL;
		}
		if (ch == '\n' || ch == '\r' || ch == KEY_ENTER)
			break;
		if ((ch == KEY_BACKSPACE || ch == 127 || ch == 8) && len > 0) {
			buf[--len] = '\0';
			/* drop a whole UTF-8 sequence */
			while (len > 0 && ((unsigned char)buf[len] & 0xC0) == 0x80)
				buf[--len] = '\0';
		} else if (ch >= 32 && ch < 256 && ch != 127 && len + 1 < sizeof(buf)) {
			buf[len++] = (char)ch;
			buf[len] = '\0';
		}
	}
	noraw();
	cbreak();
	curs_set(0);
	char *out = malloc(len + 1);
	if (!out)
		abort();
	memcpy(out, buf, len + 1);
	return out;
}

/* One screen row of the wrapped text: `len` bytes from `s`, drawn after
 * `indent` blanks (more on the rows that continue a long line). */
struct piece {
	const char *s;
	size_t len;
	int indent;
};

/* Breaks text into rows of at most `cols` display columns: every line of
 * it, a long line cut at its last blank that leaves at least half a row
 * (else at the edge), continued on rows indented by two more than the
 * line's own leading blanks. Returns the rows
 * (the caller frees them) and their number in *n. */
static struct piece *wrap_text(const struct tui *t, const char *text, int cols, size_t *n)
{
	size_t cap = 64, used = 0;
	struct piece *v = malloc(cap * sizeof(*v));
	char line[1024], fit[4096];
	if (!v)
		abort();
	if (cols < 4)
		cols = 4;
	for (const char *l = text;;) {
		size_t len = strcspn(l, "\n");
		const char *p = l, *end = l + len;
		int indent = 0, lead = (int)strspn(l, " ");
		if (lead > cols / 2 || lead >= (int)len)
			lead = 0;
		do {
			size_t take = (size_t)(end - p) < sizeof(line) - 1 ? (size_t)(end - p) : sizeof(line) - 1;
			memcpy(line, p, take);
			line[take] = '\0';
			size_t fits = lanes_text_fit(line, (size_t)(cols - indent), t->utf8, fit, sizeof(fit), NULL);
			if (fits == 0 && take) /* a character wider than the row: skip it */
				fits = 1;
			if (p + fits < end) {
				size_t cut = fits;
				while (cut > 0 && line[cut - 1] != ' ')
					cut--;
				if (cut * 2 >= fits)
					fits = cut;
			}
			if (used == cap) {
				cap *= 2;
				v = realloc(v, cap * sizeof(*v));
				if (!v)
					abort();
			}
			v[used++] = (struct piece){p, fits, indent};
			p += fits;
			indent = lead + 2;
		} while (p < end);
		if (!*end)
			break;
		l = end + 1;
	}
	*n = used;
	return v;
}

/* Draws the title from row 0 in lines of at most `cols` display columns,
 * broken at blanks where it can, in at most `max` lines (the last one cut);
 * returns the number of lines drawn. */
static int draw_title(struct tui *t, const char *title, int cols, int max)
{
	char line[512], piece[512];
	int n = 0;
	attron(tui_attr(t, C_TITLE));
	while (*title && n < max && cols > 0) {
		size_t used = lanes_text_fit(title, (size_t)cols, t->utf8, line, sizeof(line), NULL);
		size_t cut = used;
		while (title[used] && n + 1 < max && cut > 0 && title[cut] != ' ')
			cut--;
		if (title[used] && n + 1 < max && cut > 0 && cut < sizeof(piece)) {
			memcpy(piece, title, cut);
			piece[cut] = '\0';
			lanes_text_fit(piece, (size_t)cols, t->utf8, line, sizeof(line), NULL);
			used = cut;
		}
		mvaddstr(n++, 1, line);
		title += used;
		while (*title == ' ')
			title++;
		if (used == 0) /* a character wider than the screen */
			break;
	}
	attroff(tui_attr(t, C_TITLE));
	return n ? n : 1;
}

/* A pager: the text wrapped at the screen's width, scrolled with j/k,
 * Down/Up, PgDn/Space, PgUp, g/G, Home/End; the bottom line holds the ask
 * text (or how to close) and which lines are on screen. */
int dialog_text(struct tui *t, const char *title, const char *text, const char *ask)
{
	long top = 0;
	for (;;) {
		size_t total;
		struct piece *rows_of = wrap_text(t, text, COLS - 2, &total);
		erase();
		/* a long title (a database URL) takes up to 3 lines */
		int th = draw_title(t, title, COLS - 2, LINES > 8 ? 3 : 1);
		long rows = LINES - 2 - th > 1 ? LINES - 2 - th : 1; /* text rows */
		long max_top = (long)total > rows ? (long)total - rows : 0;
		if (top > max_top)
			top = max_top;
		for (long i = 0; i < rows && top + i < (long)total; i++) {
			const struct piece *pc = &rows_of[top + i];
			char line[1024], fit[4096];
			size_t take = pc->len < sizeof(line) - 1 ? pc->len : sizeof(line) - 1;
			memcpy(line, pc->s, take);
			line[take] = '\0';
			lanes_text_fit(line, (size_t)(COLS - 2 - pc->indent > 0 ? COLS - 2 - pc->indent : 0), t->utf8,
				       fit, sizeof(fit), NULL);
			mvaddstr(th + (int)i, 1 + pc->indent, fit);
		}
		free(rows_of);
		/* the bottom line: the ask text (or how to close), cut to leave room
		 * for the position at the right */
		char pos[80], fit[2400];
		long last = top + rows < (long)total ? top + rows : (long)total;
		snprintf(pos, sizeof(pos), "  lines %ld-%ld of %zu ", top + 1, last, total);
		int room = COLS - (int)strlen(pos) - 1;
		lanes_text_fit(ask ? ask : "press q or Enter to close; j/k Space PgUp g/G scroll",
			       room > 0 ? (size_t)room : 0, t->utf8, fit, sizeof(fit), NULL);
		attron(tui_attr(t, C_STATUS));
		move(LINES - 1, 0);
		for (int x = 0; x < COLS; x++)
			addch(' ');
		mvaddstr(LINES - 1, 1, fit);
		mvaddnstr(LINES - 1, COLS - (int)strlen(pos) > 0 ? COLS - (int)strlen(pos) : 0, pos, COLS);
		attroff(tui_attr(t, C_STATUS));
		refresh();
		int ch = getch();
		long page = rows > 1 ? rows - 1 : 1;
		if (tui_interrupted())
			return 0;
		if (ch == 'j' || ch == KEY_DOWN)
			top++;
		else if (ch == 'k' || ch == KEY_UP)
			top--;
		else if (ch == KEY_NPAGE || ch == ' ')
			top += page;
		else if (ch == KEY_PPAGE)
			top -= page;
		else if (ch == 'g' || ch == KEY_HOME)
			top = 0;
		else if (ch == 'G' || ch == KEY_END)
			top = max_top;
		else if (ask) {
			if (ch == 'y' || ch == 'Y')
				return 1;
			if (ch == 'n' || ch == 'N' || ch == 'q' || ch == 27)
				return 0;
		} else if (ch == 'q' || ch == '\n' || ch == '\r' || ch == 27 || ch == KEY_ENTER) {
			return 0;
		}
		if (top > max_top)
			top = max_top;
		if (top < 0)
			top = 0;
	}
}
