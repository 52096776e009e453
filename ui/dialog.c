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

int dialog_text(struct tui *t, const char *title, const char *text, const char *ask)
{
	int top = 0, total = count_lines(text);
	for (;;) {
		erase();
		attron(tui_attr(t, C_TITLE));
		mvaddnstr(0, 1, title, COLS - 2);
		attroff(tui_attr(t, C_TITLE));
		const char *l = text;
		for (int i = 0; *l && i < top + LINES - 3; i++) {
			size_t len = strcspn(l, "\n");
			if (i >= top)
				mvaddnstr(1 + i - top, 1, l, (int)len < COLS - 2 ? (int)len : COLS - 2);
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
			top = top + LINES - 3 < total ? top + LINES - 3 : top;
		} else if (ch == KEY_PPAGE) {
			top = top > LINES - 3 ? top - (LINES - 3) : 0;
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
