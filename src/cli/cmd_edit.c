/* cmd_edit.c - `aludel edit REV`: opens the file of each revision REV names
 * in the user's editor ($VISUAL, else $EDITOR), one after the other, waiting
 * for the editor each time (Alembic's `edit`). */
#include "cmd_extra.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* The editor command: $VISUAL, else $EDITOR (NULL when neither is set or
 * both are blank). Borrowed from the environment. */
static const char *editor_command(void)
{
	static const char *const vars[] = {"VISUAL", "EDITOR"};
	for (size_t i = 0; i < sizeof(vars) / sizeof(*vars); i++) {
		const char *v = getenv(vars[i]);
		if (v && v[strspn(v, " \t\n")])
			return v;
	}
	return NULL;
}

/* Runs `editor` (split on blanks: "code -w" is the program code with the
 * argument -w) with `path` as its last argument, and waits for it. Prints
 * the reason and returns -1 when it cannot run or does not exit with 0. */
static int run_editor(const char *editor, const char *path)
{
	struct cli_strvec args = {0};
	for (const char *s = editor; *s;) {
		s += strspn(s, " \t\n");
		size_t n = strcspn(s, " \t\n");
		if (n)
			cli_strvec_push(&args, cli_xstrndup(s, n));
		s += n;
	}
	cli_strvec_pushdup(&args, path);
	cli_strvec_push(&args, NULL); /* execvp's terminator */
	fflush(NULL);
	int error = -1, status = 0;
	pid_t pid = fork();
	if (pid == 0) {
		execvp(args.v[0], args.v);
		fprintf(stderr, "FAILED: Error executing editor (cannot run '%s': %s)\n", args.v[0],
			strerror(errno));
		_exit(127);
	}
	if (pid < 0) {
		fprintf(stderr, "FAILED: Error executing editor (%s)\n", strerror(errno));
	} else {
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			error = 0;
		else if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
			; /* the child said why */
		else if (WIFEXITED(status))
			fprintf(stderr, "FAILED: Error executing editor ('%s' exited with status %d)\n",
				editor, WEXITSTATUS(status));
		else
			fprintf(stderr, "FAILED: Error executing editor ('%s' was killed by signal %d)\n",
				editor, WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	}
	cli_strvec_free(&args);
	return error;
}

/* The identifiers to open: `spec` itself, or for "current" the rows of the
 * database's version table. Returns 0 or a CLI status. */
static int collect(struct cli_strvec *out, ald_project *p, const char *spec)
{
	if (strcmp(spec, "current") != 0) {
		cli_strvec_pushdup(out, spec);
		return 0;
	}
	ald_strarray rows = {0};
	if (ald_project_current(&rows, p) < 0)
		return cli_fail();
	for (size_t i = 0; i < rows.count; i++)
		cli_strvec_pushdup(out, rows.strings[i]);
	ald_strarray_dispose(&rows);
	if (out->n == 0) {
		fprintf(stderr, "FAILED: No current revisions\n");
		return CLI_FAILED;
	}
	return 0;
}

/* Opens the files of the revisions `spec` names, one after the other. */
static int edit_spec(ald_project *p, const char *spec, const char *editor)
{
	ald_revlist *revs = NULL;
	if (ald_project_resolve(&revs, p, spec) < 0)
		return cli_fail();
	size_t n = ald_revlist_count(revs);
	int status = CLI_OK;
	if (n == 0) {
		fprintf(stderr, "FAILED: No revision files indicated by symbol '%s'\n", spec);
		status = CLI_FAILED;
	} else if (!editor) {
		fprintf(stderr, "FAILED: Error executing editor (No suitable editor found. Please set the "
				"\"VISUAL\" or \"EDITOR\" environment variables)\n");
		status = CLI_FAILED;
	}
	for (size_t i = 0; status == CLI_OK && i < n; i++)
		if (run_editor(editor, ald_revision_path(ald_revlist_at(revs, i))) < 0)
			status = CLI_FAILED;
	ald_revlist_free(revs);
	return status;
}

int cmd_edit(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	static const struct option longopts[] = {{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	int c;
	cli_hide_negative(argc, argv);
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (c == 'h') {
			cli_command_help(cmd, stdout);
			return CLI_OK;
		}
		return cli_usage_error(cmd, "unrecognized arguments: %s", argv[optind - 1]);
	}
	if (optind >= argc)
		return cli_usage_error(cmd, "the following arguments are required: rev");
	if (optind + 1 < argc)
		return cli_usage_error(cmd, "unrecognized arguments: %s", argv[optind + 1]);

	const char *spec = cli_unhide(argv[optind]);
	ald_project *p;
	struct cli_strvec specs = {0};
	int status = cli_open(&p, cli);
	if (status != CLI_OK)
		return status;
	status = collect(&specs, p, spec);
	const char *editor = editor_command();
	for (size_t i = 0; status == CLI_OK && i < specs.n; i++)
		status = edit_spec(p, specs.v[i], editor);
	cli_strvec_free(&specs);
	ald_project_free(p);
	return status;
}
