/* prompt.c - the `:` prompt of the graph view: a command with any revision
 * expression the command line takes. upgrade / downgrade / stamp go through
 * the same plan-and-confirm path as the u / d / s keys (actions.c); sql shows
 * the SQL of an offline range, the text `aludel upgrade A:B --sql` prints;
 * goto (or a bare expression) moves the cursor to the revision it names.
 * Up / Down in the prompt recall its last lines. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "tui_internal.h"

#include <ncurses.h>
#include <stdlib.h>
#include <string.h>

#define HISTORY (sizeof(((struct tui *)0)->prompt_history) / sizeof(char *))
#define LINE_MAX_BYTES 256

static char *copy_of(const char *s)
{
	char *copy = strdup(s);
	if (!copy)
		abort();
	return copy;
}

void prompt_free(struct tui *t)
{
	for (size_t i = 0; i < HISTORY; i++) {
		free(t->prompt_history[i]);
		t->prompt_history[i] = NULL;
	}
}

/* Keeps `line` as the newest history entry (moved up if it is there already). */
static void remember(struct tui *t, const char *line)
{
	size_t i = 0;
	while (i < HISTORY - 1 && t->prompt_history[i] && strcmp(t->prompt_history[i], line) != 0)
		i++;
	free(t->prompt_history[i]);
	memmove(t->prompt_history + 1, t->prompt_history, i * sizeof(char *));
	t->prompt_history[0] = copy_of(line);
}

/* Reads a line after ":" on the bottom line; Up / Down walk the history,
 * Ctrl-U clears the line. NULL when cancelled (Escape, Ctrl-G, Ctrl-C: the
 * terminal is in raw mode meanwhile, so Ctrl-C is a key, not a signal). */
static char *read_line(struct tui *t)
{
	char buf[LINE_MAX_BYTES] = "", draft[LINE_MAX_BYTES] = "";
	size_t len = 0;
	int at = -1; /* the history entry shown, -1: the line being typed */
	curs_set(1);
	raw();
	for (;;) {
		move(LINES - 1, 0);
		clrtoeol();
		attron(tui_attr(t, C_TITLE));
		addstr(":");
		attroff(tui_attr(t, C_TITLE));
		addstr(buf);
		refresh();
		int ch = getch();
		if (ch == 27 || ch == 7 || ch == 3) {
			noraw();
			cbreak();
			curs_set(0);
			return NULL;
		}
		if (ch == '\n' || ch == '\r' || ch == KEY_ENTER)
			break;
		if (ch == KEY_UP || ch == KEY_DOWN) {
			int next = at + (ch == KEY_UP ? 1 : -1);
			if (next >= (int)HISTORY || (next >= 0 && !t->prompt_history[next]) || next < -1)
				continue;
			if (at == -1)
				memcpy(draft, buf, sizeof(buf));
			at = next;
			snprintf(buf, sizeof(buf), "%s", at == -1 ? draft : t->prompt_history[at]);
			len = strlen(buf);
		} else if ((ch == KEY_BACKSPACE || ch == 127 || ch == 8) && len > 0) {
			buf[--len] = '\0';
			while (len > 0 && ((unsigned char)buf[len] & 0xC0) == 0x80)
				buf[--len] = '\0';
		} else if (ch == 21) { /* Ctrl-U */
			buf[len = 0] = '\0';
		} else if (ch >= 32 && ch < 256 && ch != 127 && len + 1 < sizeof(buf)) {
			buf[len++] = (char)ch;
			buf[len] = '\0';
		}
	}
	noraw();
	cbreak();
	curs_set(0);
	return copy_of(buf);
}

/* Splits `s` at blanks into at most `max` words (pointers into s, which is
 * cut); returns the number of words. */
static size_t split(char *s, char **words, size_t max)
{
	size_t n = 0;
	for (char *w = strtok(s, " \t"); w && n < max; w = strtok(NULL, " \t"))
		words[n++] = w;
	return n;
}

/* goto EXPR / :EXPR: the cursor to the (first) revision EXPR names. */
static void cmd_goto(struct tui *t, const char *expr)
{
	ald_revlist *l = NULL;
	if (ald_project_resolve(&l, t->project, expr) < 0) {
		tui_set_status(t, "goto %s: %s", expr, ald_error_last()->message);
		return;
	}
	size_t n = ald_revlist_count(l);
	if (n == 0) {
		tui_set_status(t, "goto %s: it names no revision (base is below the first one)", expr);
	} else {
		const ald_revision *r = ald_revlist_at(l, 0);
		graph_goto(t, t->row_of[ald_revision_index(r)]);
		if (n == 1)
			tui_set_status(t, "goto %s: %s", expr, ald_revision_id(r));
		else
			tui_set_status(t, "goto %s: %s, the first of the %zu revisions it names", expr,
				       ald_revision_id(r), n);
	}
	ald_revlist_free(l);
}

/* sql [upgrade|downgrade] [A:]B: the offline script, shown in a text box. */
static void cmd_sql(struct tui *t, char **words, size_t n)
{
	int down = 0;
	if (n > 0 && (strcmp(words[0], "upgrade") == 0 || strcmp(words[0], "u") == 0 ||
		      strcmp(words[0], "downgrade") == 0 || strcmp(words[0], "d") == 0)) {
		down = words[0][0] == 'd';
		words++;
		n--;
	}
	const char *cmd = down ? "downgrade" : "upgrade";
	if (n != 1) {
		tui_set_status(t, "sql: give one range, e.g. :sql A:B or :sql downgrade B:A");
		return;
	}
	char *range = copy_of(words[0]);
	char *colon = strchr(range, ':');
	const char *start = NULL, *target = range;
	if (colon) {
		*colon = '\0';
		start = range;
		target = colon + 1;
	}
	ald_plan *plan = NULL;
	ald_plan_options o = ALD_PLAN_OPTIONS_INIT;
	o.offline = 1;
	o.start = start;
	char *sql = NULL;
	if (down && !colon) {
		tui_set_status(t, "sql downgrade %s: a downgrade's SQL needs a range <fromrev>:<torev>", words[0]);
	} else if ((down ? ald_plan_downgrade(&plan, t->project, target, &o)
			 : ald_plan_upgrade(&plan, t->project, target, &o)) < 0 ||
		   ald_plan_sql(&sql, plan) < 0) {
		tui_set_status(t, "sql %s %s: %s", cmd, words[0], ald_error_last()->message);
	} else {
		char title[600];
		snprintf(title, sizeof(title), "SQL of %s %s (offline, as `aludel %s %s --sql` prints it): %zu step(s)",
			 cmd, words[0], cmd, words[0], ald_plan_step_count(plan));
		dialog_text(t, title, sql, NULL);
		tui_set_status(t, "sql %s %s: %zu step(s)", cmd, words[0], ald_plan_step_count(plan));
	}
	free(sql);
	ald_plan_free(plan);
	free(range);
}

/* upgrade / downgrade EXPR through actions.c's plan-and-confirm path. */
static void cmd_move(struct tui *t, int down, char **words, size_t n)
{
	const char *what = down ? "downgrade" : "upgrade";
	if (n != 1) {
		tui_set_status(t, "%s takes one revision expression, e.g. :%s %s", what, what, down ? "-1" : "heads");
		return;
	}
	if (strchr(words[0], ':')) {
		tui_set_status(t, "%s %s: a range is for the SQL only (:sql %s%s)", what, words[0],
			       down ? "downgrade " : "", words[0]);
		return;
	}
	if (tui_need_db(t, what))
		tui_act_move(t, down, words[0], what);
}

static void cmd_stamp(struct tui *t, char **words, size_t n)
{
	if (n == 0) {
		tui_set_status(t, "stamp takes revision expressions, e.g. :stamp heads");
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (strchr(words[i], ':')) {
			tui_set_status(t, "stamp %s: a range is not allowed here", words[i]);
			return;
		}
	if (tui_need_db(t, "stamp"))
		tui_act_stamp(t, (const char *const *)words, n);
}

enum { C_UPGRADE, C_DOWNGRADE, C_STAMP, C_SQL, C_GOTO };
static const struct {
	const char *name, *alias;
} commands[] = {
	[C_UPGRADE] = {"upgrade", "u"}, [C_DOWNGRADE] = {"downgrade", "d"}, [C_STAMP] = {"stamp", "s"},
	[C_SQL] = {"sql", NULL},        [C_GOTO] = {"goto", "g"},
};

/* Runs one prompt line. A known command with arguments runs; a command's
 * short form alone (d, s...) is taken as a revision expression (a prefix
 * can be "d"); any other single word is a revision to go to. */
static void run_line(struct tui *t, char *line)
{
	char *words[64];
	size_t n = split(line, words, sizeof(words) / sizeof(words[0]));
	if (n == 0)
		return;
	int c = -1;
	for (int i = 0; i < (int)(sizeof(commands) / sizeof(commands[0])); i++)
		if (strcmp(words[0], commands[i].name) == 0 ||
		    (commands[i].alias && strcmp(words[0], commands[i].alias) == 0))
			c = i;
	if (c >= 0 && n == 1 && strcmp(words[0], commands[c].name) != 0)
		c = -1; /* a short form alone: a revision expression */
	if (c < 0 && n > 1) {
		tui_set_status(t, "unknown command '%s': use upgrade (u), downgrade (d), stamp (s), sql, "
			       "goto (g) or :REVISION", words[0]);
		return;
	}
	if (c != C_GOTO && c != C_SQL && c >= 0 && n == 1) {
		tui_set_status(t, "%s needs a revision expression, e.g. :%s %s", words[0], words[0],
			       c == C_DOWNGRADE ? "-1" : "heads");
		return;
	}
	if (!ald_revlist_count(t->order) && c != C_SQL) {
		tui_set_status(t, "no revisions yet: create one with `aludel revision -m MESSAGE`");
		return;
	}
	switch (c) {
	case C_UPGRADE:
	case C_DOWNGRADE:
		cmd_move(t, c == C_DOWNGRADE, words + 1, n - 1);
		break;
	case C_STAMP:
		cmd_stamp(t, words + 1, n - 1);
		break;
	case C_SQL:
		cmd_sql(t, words + 1, n - 1);
		break;
	case C_GOTO:
		if (n != 2)
			tui_set_status(t, "goto takes one revision expression, e.g. :goto head");
		else
			cmd_goto(t, words[1]);
		break;
	default:
		cmd_goto(t, words[0]);
		break;
	}
}

void prompt_run(struct tui *t)
{
	char *line = read_line(t);
	if (!line)
		return; /* Escape: nothing happens */
	if (strspn(line, " \t") < strlen(line))
		remember(t, line);
	run_line(t, line);
	free(line);
}
