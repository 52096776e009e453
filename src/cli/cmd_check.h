/* cmd_check.h - `aludel check`, the CI gate (its table entry is in commands.c). */
#ifndef ALD_CLI_CMD_CHECK_H
#define ALD_CLI_CMD_CHECK_H

#include "cli.h"

int cmd_check(struct cli *cli, const struct cli_command *cmd, int argc, char **argv);

#endif
