/* screen_log.c - the run log screen (`L`): every database action of the
 * session, newest first, as runlog.c writes it, then the last runs the
 * database's history table holds (any session, any tool that writes it),
 * with long lines wrapped to
 * the screen's width (an error text is shown whole). It scrolls with its own
 * key table (log_keys, listed by the help) and shows which lines are on
 * screen on its bottom row. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "tui_internal.h"
#include "runlog.h"

#include <ncurses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The screen's state while it is shown (one at a time). */
static struct {
	long top, total; /* first line shown, number of (wrapped) lines */
	int done;
} view;

/* Text rows on screen: all but the title and the bottom row. */
static long rows(void)
{
	return LINES > 2 ? LINES - 2 : 1;
}

static void k_line(struct tui *t, int ch)
{
	(void)t;
	view.top += ch == 'j' || ch == KEY_DOWN ? 1 : -1;
}

static void k_page(struct tui *t, int ch)
{
	(void)t;
	long page = rows() > 1 ? rows() - 1 : 1;
	view.top += ch == KEY_PPAGE ? -page : page;
}

static void k_end(struct tui *t, int ch)
{
	(void)t;
	view.top = ch == 'g' || ch == KEY_HOME ? 0 : view.total;
}

static void k_back(struct tui *t, int ch)
{
	(void)t, (void)ch;
	view.done = 1;
}

const struct tui_key log_keys[] = {
	{.section = "Run log (L)"},
	{{'j', KEY_DOWN, 'k', KEY_UP}, "j / k, Down / Up", "a line down / up", k_line, NULL},
	{{KEY_NPAGE, ' ', KEY_PPAGE}, "PgDn / Space / PgUp", "a page down / up", k_page, NULL},
	{{'g', KEY_HOME, 'G', KEY_END}, "g / G, Home / End", "the newest run / the oldest", k_end, NULL},
	{{'q', 27, 'L', KEY_LEFT}, "q / Esc / L", "back to the graph", k_back, NULL},
	{.names = NULL},
};

static const struct tui_key *find(int ch)
{
	for (const struct tui_key *k = log_keys; k->section || k->names; k++)
		for (size_t i = 0; !k->section && i < sizeof(k->codes) / sizeof(k->codes[0]) && k->codes[i]; i++)
			if (k->codes[i] == ch)
				return k;
	return NULL;
}

/* Wraps the text at `cols` display columns (continuation lines indented by
 * two columns more than the line's own indent), draws its wrapped lines first .. first + height - 1 from row y0,
 * and returns the number of wrapped lines of the whole text. */
static long wrapped(struct tui *t, const char *text, int cols, long first, int y0, int height)
{
	char buf[1024];
	long n = 0;
	while (*text) {
		size_t len = strcspn(text, "\n");
		char *line = malloc(len + 1);
		if (!line)
			abort();
		memcpy(line, text, len);
		line[len] = '\0';
		const char *s = line;
		/* continuation lines: under the line's own text, two columns in */
		int cont = 0, indent = (int)strspn(line, " ") + 2;
		if (indent > cols / 2)
			indent = cols / 2;
		do {
			int width = cols - cont;
			size_t used = lanes_text_fit(s, (size_t)(width > 1 ? width : 1), t->utf8, buf, sizeof(buf), NULL);
			if (used == 0 && *s) /* a character wider than the screen */
				used = strlen(s);
			if (n >= first && n < first + height) {
				int red = strncmp(line, "  Error:", 8) == 0 || strstr(line, ": FAILED") != NULL;
				if (red)
					attron(tui_attr(t, C_WARN));
				mvaddstr(y0 + (int)(n - first), 1 + cont, buf);
				if (red)
					attroff(tui_attr(t, C_WARN));
			}
			n++;
			s += used;
			cont = indent;
		} while (*s);
		free(line);
		text += len + (text[len] == '\n');
	}
	return n;
}

/* How many rows of the history table the screen lists. */
#define LAST_RUNS 20

/* The session's log, then the history table's last runs (none without a
 * database URL or with the history off; its error when it cannot be read). */
static char *log_and_runs(struct tui *t)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		abort();
	char *session = runlog_text(t->runlog);
	fputs(session, f);
	free(session);
	const char *table = ald_project_history_table(t->project);
	if (table && ald_project_url_display(t->project)) {
		ald_runs *runs = NULL;
		fprintf(f, "\nThe last runs in %s, newest first:\n", table);
		if (ald_project_runs(&runs, t->project, LAST_RUNS) < 0) {
			const ald_error *e = ald_error_last();
			fprintf(f, "  Error: %s\n", e && e->message ? e->message : "the table cannot be read");
		} else if (ald_runs_count(runs) == 0) {
			fputs("  (none yet)\n", f);
		}
		for (size_t i = 0; i < ald_runs_count(runs); i++) {
			const ald_run_record *x = ald_runs_at(runs, i);
			fprintf(f, "  %.19s  %-9s %s  %.3f s  %s@%s  aludel %s%s%.12s\n", x->started_at, x->direction,
				x->revision, x->seconds, x->user, x->host, x->version, *x->checksum ? "  sha256 " : "",
				x->checksum);
		}
		ald_runs_free(runs);
	}
	fclose(f);
	return text;
}

void log_show(struct tui *t)
{
	char *text = log_and_runs(t);
	memset(&view, 0, sizeof(view));
	while (!view.done) {
		view.total = wrapped(t, text, COLS - 2, -1, 0, 0);
		if (view.top > view.total - rows())
			view.top = view.total - rows();
		if (view.top < 0)
			view.top = 0;
		erase();
		attron(tui_attr(t, C_TITLE));
		mvaddnstr(0, 1, "Run log: the database actions of this session, newest first; then the history table's", COLS - 2);
		attroff(tui_attr(t, C_TITLE));
		wrapped(t, text, COLS - 2, view.top, 1, (int)rows());
		char foot[256];
		long last = view.top + rows() < view.total ? view.top + rows() : view.total;
		snprintf(foot, sizeof(foot), " lines %ld-%ld of %ld; j/k PgDn/PgUp g/G scroll, q goes back",
			 view.total ? view.top + 1 : 0, last, view.total);
		attron(tui_attr(t, C_STATUS));
		move(LINES - 1, 0);
		clrtoeol();
		mvaddnstr(LINES - 1, 0, foot, COLS);
		for (int x = getcurx(stdscr); x < COLS && getcury(stdscr) == LINES - 1; x++)
			addch(' ');
		attroff(tui_attr(t, C_STATUS));
		refresh();
		int ch = getch();
		if (tui_interrupted()) /* Ctrl-C: the TUI quits */
			break;
		const struct tui_key *k = find(ch);
		if (k)
			k->run(t, ch);
	}
	free(text);
}
