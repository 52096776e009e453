/* main.c - entry point of the aludel program: global options, then one command
 * from the table in commands.c. */
#include "cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void main_usage(FILE *f)
{
	fputs("usage: aludel [-h] [--version] [-c CONFIG] [-n NAME] [-x X] [--url URL] [--raiseerr] [-q]\n"
	      "              [--no-cache] COMMAND ...\n", f);
}

static void main_help(void)
{
	main_usage(stdout);
	puts("\nA database schema migration manager with Alembic's revision graph.\n\ncommands:");
	for (const struct cli_command *c = cli_commands; c->name; c++)
		printf("  %-20s%s\n", c->name, c->summary);
	puts("\noptions:\n"
	     "  -h, --help            show this help message and exit\n"
	     "  --version             show program's version number and exit\n"
	     "  -c CONFIG, --config CONFIG\n"
	     "                        Alternate config file; defaults to aludel.ini, else\n"
	     "                        alembic.ini, in the current folder\n"
	     "  -n NAME, --name NAME  Name of section in .ini file to use (default aludel,\n"
	     "                        else alembic)\n"
	     "  -x X                  Additional arguments, e.g. -x setting1=somesetting\n"
	     "  --url URL             Database URL; overrides DATABASE_URL and the config\n"
	     "  --raiseerr            Show Alembic's whole output when a .py revision fails\n"
	     "  -q, --quiet           Do not log the steps of a migration\n"
	     "  --no-cache            Read every revision file; neither read nor write the\n"
	     "                        header cache (~/.cache/aludel)\n"
	     "  -v, --verbose         With --version: which Alembic runs .py revisions\n"
	     "\nRun 'aludel COMMAND --help' for a command's options.");
}

/* Takes a private copy of the --url argument and overwrites the argument in
 * place (XXXXX, then NUL bytes), so that the URL, and any password in it, no
 * longer shows in ps or /proc/PID/cmdline. The copy stays for the whole run
 * (static: still reachable at exit, not a leak). */
static const char *take_url(char *arg)
{
	static char *copy;
	free(copy);
	copy = cli_xstrdup(arg);
	size_t n = strlen(arg);
	memset(arg, 0, n);
	memcpy(arg, "XXXXX", n < 5 ? n : 5);
	return copy;
}

static int main_usage_error(const char *fmt, ...)
{
	va_list ap;
	main_usage(stderr);
	fputs("aludel: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return CLI_USAGE;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, NULL, 'h'},     {"version", no_argument, NULL, 'V'},
		{"config", required_argument, NULL, 'c'}, {"name", required_argument, NULL, 'n'},
		{"url", required_argument, NULL, 'U'}, {"raiseerr", no_argument, NULL, 'R'},
		{"quiet", no_argument, NULL, 'q'},    {"verbose", no_argument, NULL, 'v'},
		{"no-cache", no_argument, NULL, 'C'},
		{NULL, 0, NULL, 0},
	};
	struct cli cli = {.open = ALD_OPEN_OPTIONS_INIT};
	int c, status, version = 0;

	/* no setlocale() here: only the TUI needs the locale (tui_run sets it), and
	 * loading it costs a dozen files at every start */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+hc:n:x:qv", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			main_help();
			return CLI_OK;
		case 'V':
			version = 1;
			break;
		case 'R':
			cli.raiseerr = 1;
			break;
		case 'q':
			cli.quiet = 1;
			break;
		case 'v':
			cli.verbose = 1;
			break;
		case 'c':
			cli.open.config_path = optarg;
			break;
		case 'n':
			cli.open.section = optarg;
			break;
		case 'x':
			cli_strvec_pushdup(&cli.x_args, optarg);
			break;
		case 'U':
			cli.open.url = take_url(optarg);
			break;
		case 'C':
			cli.open.no_cache = 1;
			break;
		default:
			if (optopt)
				return main_usage_error("argument -%c: expected one argument", optopt);
			return main_usage_error("unrecognized arguments: %s", argv[optind - 1]);
		}
	}
	if (version) {
		status = cli_version(&cli);
		cli_strvec_free(&cli.x_args);
		return status;
	}
	int ci = optind;
	const char *name = ci < argc ? argv[ci] : NULL;
	if (!name && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
		name = "tui"; /* plain `aludel` on a terminal opens the interface */
		ci--;
	}
	if (!name)
		return main_usage_error("too few arguments");
	const struct cli_command *cmd = cli_commands;
	while (cmd->name && strcmp(cmd->name, name) != 0)
		cmd++;
	if (!cmd->name)
		return main_usage_error("argument COMMAND: invalid choice: '%s'", name);
	cli.open.x_args = (const char *const *)cli.x_args.v;
	cli.open.n_x_args = cli.x_args.n;

	optind = 0; /* restart getopt for the command's own options */
	status = cmd->exec(&cli, cmd, argc - ci, argv + ci);
	cli_strvec_free(&cli.x_args);
	return status;
}
