/* lint_format.h - the output formats of `aludel lint`: text, JSON, SARIF
 * 2.1.0, and the rules catalogue (--rules). */
#ifndef ALD_CLI_LINT_FORMAT_H
#define ALD_CLI_LINT_FORMAT_H

#include "cli.h"

enum { LINT_TEXT = 0, LINT_JSON, LINT_SARIF };

/* One finding a line ("path:line:column: severity: rule: message"), its
 * reason and fix indented below, then the summary line; `n_revs` is the
 * number of revisions linted. Paths under the current folder are relative. */
void lint_text(struct cli_buf *b, const ald_lint *l, size_t n_revs);
/* An array of finding objects. */
void lint_json(struct cli_buf *b, const ald_lint *l);
/* A SARIF 2.1.0 log with one run: the catalogue as the driver's rules, the
 * findings as results. */
void lint_sarif(struct cli_buf *b, const ald_lint *l);
/* `aludel lint --rules` on stdout, as text or as a JSON array. */
void lint_print_rules(int json);
/* `cmd_lint` (cmd_lint.c) */
int cmd_lint(struct cli *cli, const struct cli_command *cmd, int argc, char **argv);

#endif
