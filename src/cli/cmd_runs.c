/* cmd_runs.c - the history table on the command line: `aludel history
 * --runs` (its rows, newest first) and what `aludel current --verbose` adds
 * (the applied revisions edited since they ran, the last runs). */
#include "cli.h"

#include <string.h>

/* One row: revision, direction, checksum (12 digits), started, duration,
 * user@host, version; `w` is the revision column's width. */
static void put_run(struct cli_buf *b, const ald_run_record *r, int w)
{
	char who[300];
	snprintf(who, sizeof(who), "%s@%s", r->user, r->host);
	cli_buf_printf(b, "%-*s  %-9s  %-12.12s  %-24s  %8.3fs  %-20s  %s\n", w, r->revision, r->direction,
		       *r->checksum ? r->checksum : "-", r->started_at, r->seconds, who, r->version);
}

/* The rows of `runs` as a table with its heading. */
static void put_runs(struct cli_buf *b, const ald_runs *runs, const char *indent)
{
	int w = (int)strlen("revision");
	for (size_t i = 0; i < ald_runs_count(runs); i++) {
		int n = (int)strlen(ald_runs_at(runs, i)->revision);
		w = n > w ? n : w;
	}
	cli_buf_printf(b, "%s%-*s  %-9s  %-12s  %-24s  %9s  %-20s  %s\n", indent, w, "revision", "direction",
		       "checksum", "started (UTC)", "duration", "by", "version");
	for (size_t i = 0; i < ald_runs_count(runs); i++) {
		cli_buf_puts(b, indent);
		put_run(b, ald_runs_at(runs, i), w);
	}
}

int cli_history_runs(ald_project *p)
{
	const char *table = ald_project_history_table(p);
	if (!table) {
		fprintf(stderr, "aludel: the history table is turned off (history_table in %s)\n",
			ald_project_config_path(p));
		return CLI_FAILED;
	}
	ald_runs *runs = NULL;
	if (ald_project_runs(&runs, p, 0) < 0)
		return cli_fail();
	struct cli_buf b = {0};
	if (ald_runs_count(runs) == 0)
		cli_buf_printf(&b, "No runs recorded in %s.\n", table);
	else
		put_runs(&b, runs, "");
	cli_flush(&b);
	ald_runs_free(runs);
	return CLI_OK;
}

int cli_current_history(ald_project *p)
{
	const char *table = ald_project_history_table(p);
	if (!table)
		return CLI_OK;
	ald_revlist *edited = NULL;
	ald_runs *runs = NULL;
	if (ald_project_edited(&edited, p) < 0 || ald_project_runs(&runs, p, 5) < 0) {
		ald_revlist_free(edited);
		return cli_fail();
	}
	struct cli_buf b = {0};
	for (size_t i = 0; i < ald_revlist_count(edited); i++) {
		const ald_revision *r = ald_revlist_at(edited, i);
		cli_buf_printf(&b, "%s%s (edited since applied: %s no longer has the checksum it ran with)\n",
			       i ? "" : "\n", ald_revision_id(r), ald_revision_path(r));
	}
	if (ald_runs_count(runs)) {
		cli_buf_printf(&b, "\nLast runs (%s, newest first):\n", table);
		put_runs(&b, runs, "  ");
	}
	cli_flush(&b);
	ald_runs_free(runs);
	ald_revlist_free(edited);
	return CLI_OK;
}
