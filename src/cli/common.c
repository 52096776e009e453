/* common.c - error reporting, help and project opening shared by the commands. */
#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>

int cli_fail(void)
{
	const ald_error *e = ald_error_last();
	fprintf(stderr, "FAILED: %s\n", e && e->message ? e->message : "unknown error");
	return CLI_FAILED;
}

int cli_usage_error(const struct cli_command *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "usage: aludel %s %s\naludel %s: error: ", cmd->name, cmd->usage, cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return CLI_USAGE;
}

void cli_command_help(const struct cli_command *cmd, FILE *f)
{
	fprintf(f, "usage: aludel %s %s\n\n%s\n\noptions:\n"
		   "  -h, --help            show this help message and exit\n%s",
		cmd->name, cmd->usage, cmd->summary, cmd->help);
}

int cli_open(ald_project **out, struct cli *cli)
{
	if (ald_project_open(out, &cli->open) < 0)
		return cli_fail();
	return CLI_OK;
}

void cli_flush(struct cli_buf *b)
{
	fwrite(cli_buf_cstr(b), 1, b->len, stdout);
	cli_buf_free(b);
}

void cli_hide_negative(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (argv[i][0] == '-' && argv[i][1] >= '0' && argv[i][1] <= '9')
			argv[i][0] = '\001';
}

const char *cli_unhide(char *arg)
{
	if (arg[0] == '\001')
		arg[0] = '-';
	return arg;
}

int cli_version(struct cli *cli)
{
	printf("aludel %s\n", ald_version());
	if (!cli->verbose)
		return CLI_OK;
	/* the project, when there is one, may name its own Alembic */
	ald_project *p = NULL;
	cli->open.x_args = (const char *const *)cli->x_args.v;
	cli->open.n_x_args = cli->x_args.n;
	if (ald_project_open(&p, &cli->open) < 0)
		p = NULL;
	char *command = NULL, *origin = NULL;
	ald_alembic_command(&command, &origin, p);
	printf("Alembic for .py revisions: %s (%s)\n", command, origin);
	if (p)
		printf("Project: %s\n", ald_project_config_path(p));
	free(command);
	free(origin);
	ald_project_free(p);
	return CLI_OK;
}
