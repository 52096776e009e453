/* screen_help.c - the `?` screen: keys and the legend of the graph view. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "tui_internal.h"

#include <ncurses.h>

static const char *const help_lines[] = {
	"Keys",
	"  j / k, Down / Up    move",
	"  PgDn / PgUp         move a page",
	"  g / G, Home / End   first / last revision",
	"  Enter / Tab         show or hide the preview of the selected revision",
	"  J / K               scroll the preview",
	"  /                   search ids, branch labels and messages",
	"  n / N               next / previous match",
	"  u                   upgrade the database to the selected revision",
	"  d                   downgrade the database to the selected revision",
	"  + / -               step one revision up / down from the current state",
	"  s                   stamp the selected revision (no SQL runs)",
	"  Space               mark a head for merging",
	"  m                   merge the marked heads (asks for a message)",
	"  r                   reload files and database state",
	"  ?                   this help",
	"  q                   quit",
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
	"",
	"Every action that changes the database shows its plan and asks first.",
	"Press any key to go back.",
	NULL,
};

void help_show(struct tui *t)
{
	erase();
	int y = 0;
	for (const char *const *l = help_lines; *l && y < LINES; l++, y++) {
		int title = (*l)[0] && (*l)[0] != ' ';
		if (title)
			attron(tui_attr(t, C_TITLE));
		mvaddnstr(y, 1, *l, COLS - 2);
		if (title)
			attroff(tui_attr(t, C_TITLE));
	}
	refresh();
	getch();
}
