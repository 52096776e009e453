/* cmd_tui.c - `aludel tui`: the full-screen interface over the project. */
#include "cli.h"
#include "tui.h"

#include <getopt.h>
#include <unistd.h>

static int reopen(ald_project **out, void *payload)
{
	struct cli *cli = payload;
	return ald_project_open(out, &cli->open);
}

int cmd_tui(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	static const struct option longopts[] = {{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (c == 'h') {
			cli_command_help(cmd, stdout);
			return CLI_OK;
		}
		return cli_usage_error(cmd, "unrecognized arguments: %s", argv[optind - 1]);
	}
	if (optind < argc)
		return cli_usage_error(cmd, "unrecognized arguments: %s", argv[optind]);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs("FAILED: aludel tui needs a terminal on standard input and output\n", stderr);
		return CLI_FAILED;
	}
	ald_project *p;
	int status = cli_open(&p, cli);
	if (status != CLI_OK)
		return status;
	if (tui_run(&p, reopen, cli) < 0)
		status = cli_fail();
	ald_project_free(p);
	return status;
}
