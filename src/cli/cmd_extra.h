/* cmd_extra.h - the commands that complete Alembic's command line: edit,
 * list_templates, ensure_version (their table entries are in commands.c). */
#ifndef ALD_CLI_CMD_EXTRA_H
#define ALD_CLI_CMD_EXTRA_H

#include "cli.h"

int cmd_edit(struct cli *cli, const struct cli_command *cmd, int argc, char **argv);
int cmd_list_templates(struct cli *cli, const struct cli_command *cmd, int argc, char **argv);
int cmd_ensure_version(struct cli *cli, const struct cli_command *cmd, int argc, char **argv);

#endif
