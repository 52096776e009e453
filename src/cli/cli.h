/* cli.h - shared pieces of the aludel command line: the command table, option
 * parsing help, error reporting and output formats. */
#ifndef ALD_CLI_H
#define ALD_CLI_H

#include <stdio.h>

#include "aludel.h"
#include "cli_util.h"

/* Exit statuses. */
enum { CLI_OK = 0, CLI_FAILED = 1, CLI_USAGE = 2 };

/* Global options, shared by every command. */
struct cli {
	ald_open_options open;
	struct cli_strvec x_args;
	int raiseerr;  /* --raiseerr: Alembic's whole output when a .py step fails */
	int quiet;     /* -q: no log lines of the steps */
	int verbose;   /* --verbose (with --version: how Alembic is found) */
};

struct cli_command {
	const char *name;
	const char *summary;  /* one line for `aludel --help` */
	const char *usage;    /* options and arguments after the command name */
	const char *help;     /* the options part of `aludel CMD --help` */
	int (*exec)(struct cli *cli, const struct cli_command *cmd, int argc, char **argv);
};

/* The command table (commands.c), ending with a zeroed entry. */
extern const struct cli_command cli_commands[];

/* Prints "FAILED: <last error>" on stderr; returns CLI_FAILED. */
int cli_fail(void);
/* Prints a usage error for cmd on stderr; returns CLI_USAGE. */
int cli_usage_error(const struct cli_command *cmd, const char *fmt, ...) CLI_ATTR_PRINTF(2, 3);
/* Prints `aludel CMD --help`. */
void cli_command_help(const struct cli_command *cmd, FILE *f);
/* Opens the project named by the global options; on failure prints the error. */
int cli_open(ald_project **out, struct cli *cli);
/* Prints the project's warning (ald_project_warning), if any, on stderr. */
void cli_warn_project(const ald_project *p);
/* With -v/--verbose (the command's or the global one): says once, on stderr,
 * that a damaged header cache was found and ignored (ald_project_cache_note);
 * the output itself is the same as without the cache. */
static inline void cli_cache_note(const ald_project *p, int verbose)
{
	const char *note = ald_project_cache_note(p);
	if (verbose && note)
		fprintf(stderr, "aludel: %s\n", note);
}
/* The rows of the project's version table, in table order (needs the
 * database); on failure the error is set and -1 returned. */
int cli_current_rows(struct cli_strvec *out, ald_project *p);
/* Revision arguments such as -1 look like options to getopt but are
 * positional (argparse treats negative numbers so): cli_hide_negative hides
 * them behind a "\001" prefix while options are parsed, cli_unhide restores
 * one (and returns it). */
void cli_hide_negative(int argc, char **argv);
const char *cli_unhide(char *arg);
/* `aludel --version`; with --verbose also which Alembic runs .py revisions
 * (of the project named by the options, if one opens). */
int cli_version(struct cli *cli);
/* Writes the whole buffer to stdout and frees it. */
void cli_flush(struct cli_buf *b);

/* One-line revision formats (Alembic's cmd_format pieces). */
enum {
	FMT_PARENTS = 1u << 0, /* "<parents> (<depends>) -> " before the id */
	FMT_LABELS = 1u << 1,  /* " (label, ...)" */
	FMT_HEAD = 1u << 2,    /* " (head)" / " (effective head)" / " (current)" */
	FMT_TREE = 1u << 3,    /* " (branchpoint)" / " (mergepoint)", implies FMT_HEAD */
	FMT_DOC = 1u << 4      /* ", <message>" */
};
void fmt_oneline(struct cli_buf *b, const ald_revision *r, unsigned flags, int current);
/* The verbose entry (Alembic's log_entry), ending in a newline. */
void fmt_verbose(struct cli_buf *b, const ald_revision *r, int current);
/* A JSON object describing the revision. */
void fmt_json_revision(struct cli_buf *b, const ald_revision *r, int current);
/* A JSON string literal. */
void fmt_json_string(struct cli_buf *b, const char *s);

/* The command implementations. */
int cmd_heads(struct cli *cli, const struct cli_command *cmd, int argc, char **argv);
int cmd_branches(struct cli *cli, const struct cli_command *cmd, int argc, char **argv);
int cmd_history(struct cli *cli, const struct cli_command *cmd, int argc, char **argv);
int cmd_show(struct cli *cli, const struct cli_command *cmd, int argc, char **argv);
int cmd_init(struct cli *cli, const struct cli_command *cmd, int argc, char **argv);
int cmd_revision(struct cli *cli, const struct cli_command *cmd, int argc, char **argv);
int cmd_merge(struct cli *cli, const struct cli_command *cmd, int argc, char **argv);
int cmd_current(struct cli *cli, const struct cli_command *cmd, int argc, char **argv);
int cmd_upgrade(struct cli *cli, const struct cli_command *cmd, int argc, char **argv);
int cmd_downgrade(struct cli *cli, const struct cli_command *cmd, int argc, char **argv);
int cmd_stamp(struct cli *cli, const struct cli_command *cmd, int argc, char **argv);
int cmd_tui(struct cli *cli, const struct cli_command *cmd, int argc, char **argv);
/* The history table (cmd_runs.c): `history --runs`; what `current --verbose`
 * adds after the tips (edited revisions, last runs). Exit statuses. */
int cli_history_runs(ald_project *p);
int cli_current_history(ald_project *p);
int cmd_verify(struct cli *cli, const struct cli_command *cmd, int argc, char **argv);

#endif
