/* editor.c - `e`: opens the selected revision's file in $VISUAL, else
 * $EDITOR, else vi, with the screen given back to the terminal while it
 * runs; then reads the project again, keeping the cursor on the same
 * revision when it still exists. The editor command is run by /bin/sh -c with
 * the file's path as "$1", never written into the command's text. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "tui_internal.h"

#include <errno.h>
#include <ncurses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char *copy_of(const char *s)
{
	char *copy = strdup(s ? s : "");
	if (!copy)
		abort();
	return copy;
}

/* The editor command: $VISUAL, else $EDITOR, else vi (the first set and not
 * empty). Borrowed from the environment. */
static const char *editor_command(void)
{
	const char *e = getenv("VISUAL");
	if (!e || !*e)
		e = getenv("EDITOR");
	return e && *e ? e : "vi";
}

/* Runs `editor "$1"` with $1 = path on the terminal, the TUI's screen put
 * away meanwhile; returns the wait status, or -1 with errno when no process
 * could be started. Ctrl-C and Ctrl-\ go to the editor, not to the TUI. */
static int run_editor(const char *editor, const char *path)
{
	size_t n = strlen(editor) + 8;
	char *cmd = malloc(n);
	if (!cmd)
		abort();
	snprintf(cmd, n, "%s \"$1\"", editor);
	struct sigaction ign = {.sa_handler = SIG_IGN}, old_int, old_quit;
	sigemptyset(&ign.sa_mask);
	def_prog_mode();
	endwin();
	fflush(stdout);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	int status = -1;
	pid_t pid = fork();
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		execl("/bin/sh", "sh", "-c", cmd, "sh", path, (char *)NULL);
		_exit(127);
	}
	int saved = errno;
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	reset_prog_mode();
	clearok(curscr, TRUE); /* the editor drew over the screen: draw it all again */
	refresh();
	free(cmd);
	errno = saved;
	return pid > 0 ? status : -1;
}

void editor_open(struct tui *t)
{
	if (!ald_revlist_count(t->order)) {
		tui_set_status(t, "no revisions yet: create one with `aludel revision -m MESSAGE`");
		return;
	}
	const ald_revision *r = ald_revlist_at(t->order, t->cursor);
	char *id = copy_of(ald_revision_id(r)), *path = copy_of(ald_revision_path(r));
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	const char *editor = editor_command();
	int status = run_editor(editor, path);
	if (status == -1) {
		tui_set_status(t, "e: could not start the editor %s: %s", editor, strerror(errno));
		free(id);
		free(path);
		return;
	}
	char how[128] = "";
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		snprintf(how, sizeof(how), " (the editor '%.60s' could not be run: status 127)", editor);
	else if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
		snprintf(how, sizeof(how), " (the editor exited with status %d)", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(how, sizeof(how), " (the editor was killed by signal %d)", WTERMSIG(status));
	/* the file may have changed: read the project again (the old one stays
	 * when the new one does not load, and tui_reload says why) */
	tui_reload(t);
	char reloaded[sizeof(t->status)];
	snprintf(reloaded, sizeof(reloaded), "%s", t->status);
	size_t found = (size_t)-1;
	for (size_t i = 0; i < ald_revlist_count(t->order); i++)
		if (strcmp(ald_revision_id(ald_revlist_at(t->order, i)), id) == 0)
			found = i;
	if (found != (size_t)-1) {
		graph_goto(t, found);
		tui_set_status(t, "edited %s%s; %s", base, how, reloaded);
	} else {
		tui_set_status(t, "edited %s%s; %s; %s is no longer a revision", base, how, reloaded, id);
	}
	free(id);
	free(path);
}
