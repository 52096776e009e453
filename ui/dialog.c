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
	for (;;) {
		move(LINES - 1, 0);
		clrtoeol();
		attron(tui_attr(t, C_TITLE));
		addstr(prompt);
		attroff(tui_attr(t, C_TITLE));
		addstr(buf);
		refresh();
		int ch = getch();
		if (ch == 27 || ch == 7) { /* Escape, Ctrl-G */
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
	curs_set(0);
	char *out = malloc(len + 1);
	if (!out)
		abort();
	memcpy(out, buf, len + 1);
	return out;
}

/* Number of lines of text. */
static int count_lines(const char *s)
{
	int n = 1;
	for (; *s; s++)
		n += *s == '\n';
	return n;
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

int dialog_text(struct tui *t, const char *title, const char *text, const char *ask)
{
	int top = 0, total = count_lines(text);
	for (;;) {
		erase();
		/* a long title (a database URL) takes up to 3 lines */
		int th = draw_title(t, title, COLS - 2, LINES > 8 ? 3 : 1);
		int rows = LINES - 2 - th > 1 ? LINES - 2 - th : 1; /* text rows */
		const char *l = text;
		for (int i = 0; *l && i < top + rows; i++) {
			size_t len = strcspn(l, "\n");
			if (i >= top)
				mvaddnstr(th + i - top, 1, l, (int)len < COLS - 2 ? (int)len : COLS - 2);
			l += len + (l[len] == '\n');
		}
		attron(tui_attr(t, C_STATUS));
		move(LINES - 1, 0);
		clrtoeol();
		mvaddnstr(LINES - 1, 1, ask ? ask : "press q or Enter to close (j/k scroll)", COLS - 2);
		attroff(tui_attr(t, C_STATUS));
		refresh();
		int ch = getch();
		if (ch == 'j' || ch == KEY_DOWN) {
			if (top + 1 < total)
				top++;
		} else if (ch == 'k' || ch == KEY_UP) {
			if (top > 0)
				top--;
		} else if (ch == KEY_NPAGE) {
			top = top + rows < total ? top + rows : top;
		} else if (ch == KEY_PPAGE) {
			top = top > rows ? top - rows : 0;
		} else if (ask) {
			if (ch == 'y' || ch == 'Y')
				return 1;
			if (ch == 'n' || ch == 'N' || ch == 'q' || ch == 27)
				return 0;
		} else if (ch == 'q' || ch == '\n' || ch == '\r' || ch == 27 || ch == KEY_ENTER) {
			return 0;
		}
	}
}
