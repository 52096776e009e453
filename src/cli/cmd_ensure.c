/* cmd_ensure.c - `aludel ensure_version [--sql]`: creates the version table
 * when it is missing, or prints the CREATE TABLE (Alembic's ensure_version). */
#include "cmd_extra.h"

#include <getopt.h>
#include <stdlib.h>

int cmd_ensure_version(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"help", no_argument, NULL, 'h'},
		{"sql", no_argument, NULL, 's'},
		{NULL, 0, NULL, 0},
	};
	int c, sql = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (c == 'h') {
			cli_command_help(cmd, stdout);
			return CLI_OK;
		}
		if (c == 's') {
			sql = 1;
			continue;
		}
		return cli_usage_error(cmd, "unrecognized arguments: %s", argv[optind - 1]);
	}
	if (optind < argc)
		return cli_usage_error(cmd, "unrecognized arguments: %s", argv[optind]);

	ald_project *p;
	int status = cli_open(&p, cli);
	if (status != CLI_OK)
		return status;
	char *text = NULL;
	int error = sql ? ald_project_ensure_version_sql(&text, p)
			: ald_project_ensure_version(NULL, p, -1);
	if (error < 0)
		status = cli_fail();
	else if (text)
		fputs(text, stdout);
	free(text);
	ald_project_free(p);
	return status;
}
