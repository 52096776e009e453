/* commands.c - the table of aludel's commands, with their help texts. */
#include "cli.h"
#include "cmd_check.h"
#include "cmd_extra.h"
#include "lint_format.h"

#define VERBOSE_HELP "  -v, --verbose         Use more verbose output\n"
#define SQL_HELP "  --sql                 Don't emit SQL to database - dump to standard output\n" \
		 "                        instead\n"
#define LOCK_HELP "  --lock-timeout SECONDS\n" \
		  "                        Give up when another run holds the lock longer\n"
#define RESUME_HELP "  --resume              Go on with a Transactional: false revision an earlier run\n" \
		    "                        left part-way, from its next statement\n"
/* what upgrade and downgrade share after the revision */
#define MIGRATE_HELP SQL_HELP "  --tag TAG             Arbitrary 'tag' name, passed to Alembic for env.py\n" \
		     RESUME_HELP LOCK_HELP
#define JSON_HELP "  --json                Print the same facts as JSON, for programs\n"
/* the options `revision` and `merge` share */
#define MESSAGE_HELP "  -m MESSAGE, --message MESSAGE\n" \
		     "                        Message string to use with 'revision'\n"
#define BRANCH_LABEL_HELP "  --branch-label BRANCH_LABEL\n" \
			  "                        Specify a branch label to apply to the new revision\n"
#define REV_ID_HELP "  --rev-id REV_ID       Specify a hardcoded revision id instead of generating one\n"

const struct cli_command cli_commands[] = {
	{
		.name = "branches",
		.summary = "Show current branch points.",
		.usage = "[-h] [-v] [--json]",
		.help = VERBOSE_HELP JSON_HELP,
		.exec = cmd_branches,
	},
	{
		.name = "check",
		.summary = "Check the project for CI: files, graph, heads, lint errors.",
		.usage = "[-h] [--heads N]",
		.help = "  --heads N             The number of heads the project must have (default 1)\n",
		.exec = cmd_check,
	},
	{
		.name = "current",
		.summary = "Display the current revision for a database.",
		.usage = "[-h] [-v]",
		.help = VERBOSE_HELP,
		.exec = cmd_current,
	},
	{
		.name = "downgrade",
		.summary = "Revert to a previous version.",
		.usage = "[-h] [--sql] [--tag TAG] [--resume] [--lock-timeout SECONDS] revision",
		.help = "  revision              revision identifier\n" MIGRATE_HELP,
		.exec = cmd_downgrade,
	},
	{
		.name = "edit",
		.summary = "Edit revision script(s) using $VISUAL or $EDITOR.",
		.usage = "[-h] rev",
		.help = "  rev                   revision identifier\n",
		.exec = cmd_edit,
	},
	{
		.name = "ensure_version",
		.summary = "Create the alembic version table if it doesn't exist already .",
		.usage = "[-h] [--sql]",
		.help = SQL_HELP,
		.exec = cmd_ensure_version,
	},
	{
		.name = "heads",
		.summary = "Show current available heads in the script directory.",
		.usage = "[-h] [-v] [--resolve-dependencies] [--json]",
		.help = VERBOSE_HELP "  --resolve-dependencies\n"
				     "                        Treat dependency versions as down revisions\n" JSON_HELP,
		.exec = cmd_heads,
	},
	{
		.name = "history",
		.summary = "List changeset scripts in chronological order.",
		.usage = "[-h] [-r REV_RANGE] [-v] [-i] [--json] [--runs]",
		.help = "  -r REV_RANGE, --rev-range REV_RANGE\n"
			"                        Specify a revision range; format is [start]:[end]\n" VERBOSE_HELP
			"  -i, --indicate-current\n"
			"                        Indicate the current revision\n" JSON_HELP
			"  --runs                The runs recorded in the history table, newest first\n",
		.exec = cmd_history,
	},
	{
		.name = "init",
		.summary = "Initialize a new scripts directory.",
		.usage = "[-h] [-t TEMPLATE] directory",
		.help = "  directory             location of scripts directory\n"
			"  -t TEMPLATE, --template TEMPLATE\n"
			"                        Setup template for use with 'init' (see\n"
			"                        list_templates; default: native)\n",
		.exec = cmd_init,
	},
	{
		.name = "lint",
		.summary = "Check revisions for statements unsafe on a busy PostgreSQL database.",
		.usage = "[-h] [-r REV_RANGE] [--json | --format {text,json,sarif}] [--rules]",
		.help = "  -r REV_RANGE, --rev-range REV_RANGE\n"
			"                        Lint the revisions of a range (format [start]:[end], as\n"
			"                        history takes it); default: the revisions not applied to\n"
			"                        the database, or every revision when it is not reachable\n"
			"  --json                Same as --format json\n"
			"  --format {text,json,sarif}\n"
			"                        Findings as text lines (default), a JSON array or a\n"
			"                        SARIF 2.1.0 log\n"
			"  --rules               List the rules: id, default severity, summary, example\n",
		.exec = cmd_lint,
	},
	{
		.name = "list_templates",
		.summary = "List available templates.",
		.usage = "[-h]",
		.help = "",
		.exec = cmd_list_templates,
	},
	{
		.name = "merge",
		.summary = "Merge two revisions together. Creates a new migration file.",
		.usage = "[-h] [-m MESSAGE] [--branch-label BRANCH_LABEL] [--rev-id REV_ID] revisions [revisions ...]",
		.help = "  revisions             one or more revisions, or 'heads' for all heads\n"
			MESSAGE_HELP BRANCH_LABEL_HELP REV_ID_HELP,
		.exec = cmd_merge,
	},
	{
		.name = "revision",
		.summary = "Create a new revision file.",
		.usage = "[-h] [-m MESSAGE] [--head HEAD] [--splice] [--branch-label BRANCH_LABEL] "
			 "[--version-path VERSION_PATH] [--rev-id REV_ID] [--depends-on DEPENDS_ON] "
			 "[--format {py,sql}]",
		.help = MESSAGE_HELP
			"  --head HEAD           Specify head revision or <branchname>@head to base new\n"
			"                        revision on.\n"
			"  --splice              Allow a non-head revision as the 'head' to splice onto\n"
			BRANCH_LABEL_HELP
			"  --version-path VERSION_PATH\n"
			"                        Specify specific path from config for version file\n"
			REV_ID_HELP
			"  --depends-on DEPENDS_ON\n"
			"                        Specify one or more revision identifiers which this\n"
			"                        revision should depend on.\n"
			"  --format {py,sql}     Write an Alembic .py file (from the scripts folder's\n"
			"                        script.py.mako if present) or a native .sql file;\n"
			"                        default: py in an Alembic project, else sql\n",
		.exec = cmd_revision,
	},
	{
		.name = "show",
		.summary = "Show the revision(s) denoted by the given symbol.",
		.usage = "[-h] [--json] rev",
		.help = "  rev                   string revision target\n" JSON_HELP,
		.exec = cmd_show,
	},
	{
		.name = "stamp",
		.summary = "'stamp' the revision table with the given revision; don't run any migrations.",
		.usage = "[-h] [--sql] [--tag TAG] [--purge] [--lock-timeout SECONDS] revisions [revisions ...]",
		.help = "  revisions             revision identifier(s)\n" SQL_HELP
			"  --tag TAG             Arbitrary 'tag' name (accepted for Alembic scripts)\n"
			"  --purge               Unconditionally erase the version table before stamping\n" LOCK_HELP,
		.exec = cmd_stamp,
	},
	{
		.name = "tui",
		.summary = "Open the full-screen interface (also plain `aludel` on a terminal).",
		.usage = "[-h]",
		.help = "",
		.exec = cmd_tui,
	},
	{
		.name = "upgrade",
		.summary = "Upgrade to a later version.",
		.usage = "[-h] [--sql] [--tag TAG] [--resume] [--lock-timeout SECONDS] revision",
		.help = "  revision              revision identifier\n" MIGRATE_HELP,
		.exec = cmd_upgrade,
	},
	{
		.name = "verify",
		.summary = "Prove on a scratch database that every downgrade restores the schema.",
		.usage = "[-h] [-r REV_RANGE] [--scratch-url URL]",
		.help = "  -r REV_RANGE, --rev-range REV_RANGE\n"
			"                        Verify the revisions of a range (format [start]:[end], as\n"
			"                        history takes it); default: every revision\n"
			"  --scratch-url URL     The scratch database to create, use and remove (it must\n"
			"                        not exist); default: a temporary SQLite file, or\n"
			"                        aludel_verify_<random> on the project's PostgreSQL server\n",
		.exec = cmd_verify,
	},
	{0},
};
