/* cmd_migrate.c - the commands that read or move the database: current,
 * upgrade, downgrade, stamp (with --sql for the offline script). Progress
 * goes to stderr: a line per step with its time on a terminal, else each step
 * logged as Alembic logs it (-q: nothing). */
#include "cli.h"

#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { OPT_SQL = 1000, OPT_PURGE, OPT_TAG, OPT_LOCK_TIMEOUT, OPT_RESUME };

struct migrate_opts {
	int verbose, sql, purge, resume;
	long lock_timeout_ms;
	const char *tag;
};

static int parse_opts(struct migrate_opts *o, const struct cli_command *cmd, int argc, char **argv)
{
	cli_hide_negative(argc, argv);
	static const struct option longopts[] = {
		{"help", no_argument, NULL, 'h'},
		{"verbose", no_argument, NULL, 'v'},
		{"sql", no_argument, NULL, OPT_SQL},
		{"purge", no_argument, NULL, OPT_PURGE},
		{"tag", required_argument, NULL, OPT_TAG},
		{"lock-timeout", required_argument, NULL, OPT_LOCK_TIMEOUT},
		{"resume", no_argument, NULL, OPT_RESUME},
		{NULL, 0, NULL, 0},
	};
	int c;
	int is_current = strcmp(cmd->name, "current") == 0;
	memset(o, 0, sizeof(*o));
	o->lock_timeout_ms = -1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, is_current ? "hv" : "h", longopts, NULL)) != -1) {
		char *end;
		switch (c) {
		case 'h':
			cli_command_help(cmd, stdout);
			return CLI_OK;
		case 'v':
			o->verbose = 1;
			break;
		case OPT_SQL:
			if (is_current)
				goto bad;
			o->sql = 1;
			break;
		case OPT_PURGE:
			if (strcmp(cmd->name, "stamp") != 0)
				goto bad;
			o->purge = 1;
			break;
		case OPT_RESUME:
			if (is_current || strcmp(cmd->name, "stamp") == 0)
				goto bad;
			o->resume = 1;
			break;
		case OPT_TAG:
			o->tag = optarg; /* for env.py, through Alembic (.py steps) */
			break;
		case OPT_LOCK_TIMEOUT:
			o->lock_timeout_ms = (long)(strtod(optarg, &end) * 1000);
			if (end == optarg || *end || o->lock_timeout_ms < 0)
				return cli_usage_error(cmd, "argument --lock-timeout: invalid seconds value: '%s'",
						       optarg);
			break;
		default:
			goto bad;
		}
	}
	return -1;
bad:
	return cli_usage_error(cmd, "unrecognized arguments: %s", argv[optind - 1]);
}

/* How progress is shown. */
enum show { SHOW_QUIET, SHOW_LOG, SHOW_TTY };

/* Progress: each step as it starts and ends, with its time, when stderr is a
 * terminal; else Alembic's log line of each step (CI logs show what ran);
 * the wait for another run's lock is always reported. */
static void progress(const ald_plan *plan, size_t step, int event, double seconds, void *payload)
{
	enum show show = *(const enum show *)payload;
	if (event == ALD_PROGRESS_WAITING)
		fputs("Waiting for another aludel run on this database to finish...\n", stderr);
	else if (show == SHOW_LOG && event == ALD_PROGRESS_START)
		fprintf(stderr, "INFO  [alembic.runtime.migration] %s\n", ald_plan_step_label(plan, step));
	else if (show != SHOW_TTY)
		return;
	else if (event == ALD_PROGRESS_START)
		fprintf(stderr, "[%zu/%zu] %s ...", step + 1, ald_plan_step_count(plan),
			ald_plan_step_label(plan, step));
	else if (event == ALD_PROGRESS_DONE)
		fprintf(stderr, " done (%.3f s)\n", seconds);
	else
		fprintf(stderr, " failed after %.3f s\n", seconds);
}

static ald_plan *running;

static void on_signal(int sig)
{
	(void)sig;
	if (running)
		ald_plan_cancel(running);
}

/* Prints the offline script, or runs the plan with progress and interrupts. */
static int output_or_run(struct cli *cli, ald_plan *plan, int sql, long lock_timeout_ms)
{
	for (const char *w = ald_plan_warning(plan); w && *w;) {
		size_t n = strcspn(w, "\n");
		fprintf(stderr, "WARNING: %.*s\n", (int)n, w);
		w += n + (w[n] == '\n');
	}
	if (sql) {
		char *text = NULL;
		if (ald_plan_sql(&text, plan) < 0)
			return cli_fail();
		fputs(text, stdout);
		free(text);
		return CLI_OK;
	}
	struct sigaction sa = {.sa_handler = on_signal}, old_int, old_term;
	sigemptyset(&sa.sa_mask);
	running = plan;
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	enum show show = cli->quiet ? SHOW_QUIET : isatty(STDERR_FILENO) ? SHOW_TTY : SHOW_LOG;
	ald_run_options ro = ALD_RUN_OPTIONS_INIT;
	ro.progress = progress;
	ro.payload = &show;
	ro.lock_timeout_ms = lock_timeout_ms;
	int error = ald_plan_run(plan, &ro);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	running = NULL;
	return error < 0 ? cli_fail() : CLI_OK;
}

/* Splits an offline "A:B" argument; *start is NULL without a ':'. Returns a
 * newly allocated copy holding both parts. */
static char *split_range(const char *arg, const char **start, const char **end)
{
	char *copy = strdup(arg);
	char *colon = copy ? strchr(copy, ':') : NULL;
	if (!copy)
		abort();
	*start = NULL;
	*end = copy;
	if (colon) {
		*colon = '\0';
		*start = copy;
		*end = colon + 1;
	}
	return copy;
}

static int migrate(struct cli *cli, const struct cli_command *cmd, int argc, char **argv, int down)
{
	struct migrate_opts mo;
	int status = parse_opts(&mo, cmd, argc, argv);
	if (status >= 0)
		return status;
	if (optind >= argc)
		return cli_usage_error(cmd, "the following arguments are required: revision");
	if (optind + 1 < argc)
		return cli_usage_error(cmd, "unrecognized arguments: %s", cli_unhide(argv[optind + 1]));
	const char *arg = cli_unhide(argv[optind]), *start, *target;
	if (!mo.sql && strchr(arg, ':')) {
		fputs("FAILED: Range revision not allowed\n", stderr);
		return CLI_FAILED;
	}
	if (mo.sql && down && !strchr(arg, ':')) {
		fputs("FAILED: downgrade with --sql requires <fromrev>:<torev>\n", stderr);
		return CLI_FAILED;
	}
	char *copy = split_range(arg, &start, &target);
	ald_project *p;
	ald_plan *plan = NULL;
	if ((status = cli_open(&p, cli)) == CLI_OK) {
		cli_warn_project(p);
		ald_plan_options o = ALD_PLAN_OPTIONS_INIT;
		o.offline = mo.sql;
		o.start = start;
		o.tag = mo.tag;
		o.raiseerr = cli->raiseerr;
		o.resume = mo.resume;
		int error = down ? ald_plan_downgrade(&plan, p, target, &o) : ald_plan_upgrade(&plan, p, target, &o);
		status = error < 0 ? cli_fail() : output_or_run(cli, plan, mo.sql, mo.lock_timeout_ms);
		ald_plan_free(plan);
		ald_project_free(p);
	}
	free(copy);
	return status;
}

int cmd_upgrade(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	return migrate(cli, cmd, argc, argv, 0);
}

int cmd_downgrade(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	return migrate(cli, cmd, argc, argv, 1);
}

int cmd_stamp(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	struct migrate_opts mo;
	int status = parse_opts(&mo, cmd, argc, argv);
	if (status >= 0)
		return status;
	if (optind >= argc)
		return cli_usage_error(cmd, "the following arguments are required: revisions");
	if (mo.purge && mo.sql) {
		fputs("FAILED: Can't use --purge with --sql mode\n", stderr);
		return CLI_FAILED;
	}
	size_t n = (size_t)(argc - optind);
	const char **targets = calloc(n, sizeof(*targets));
	char **copies = calloc(n, sizeof(*copies));
	const char *start = NULL;
	if (!targets || !copies)
		abort();
	for (size_t i = 0; i < n && status < 0; i++) {
		const char *s;
		copies[i] = split_range(cli_unhide(argv[optind + (int)i]), &s, &targets[i]);
		if (s && !mo.sql) {
			fputs("FAILED: Range revision not allowed\n", stderr);
			status = CLI_FAILED;
		} else if (i > 0 && ((s == NULL) != (start == NULL) || (s && strcmp(s, start) != 0))) {
			fputs("FAILED: Stamp operation with --sql only supports a single starting revision at a time\n",
			      stderr);
			status = CLI_FAILED;
		}
		start = s;
	}
	ald_project *p;
	ald_plan *plan = NULL;
	if (status < 0 && (status = cli_open(&p, cli)) == CLI_OK) {
		cli_warn_project(p);
		ald_plan_options o = ALD_PLAN_OPTIONS_INIT;
		o.offline = mo.sql;
		o.start = start;
		o.purge = mo.purge;
		o.tag = mo.tag;
		o.raiseerr = cli->raiseerr;
		status = ald_plan_stamp(&plan, p, targets, n, &o) < 0 ? cli_fail()
									: output_or_run(cli, plan, mo.sql, mo.lock_timeout_ms);
		ald_plan_free(plan);
		ald_project_free(p);
	}
	for (size_t i = 0; i < n; i++)
		free(copies[i]);
	free(copies);
	free(targets);
	return status;
}

int cmd_current(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	struct migrate_opts mo;
	int status = parse_opts(&mo, cmd, argc, argv);
	if (status >= 0)
		return status;
	if (optind < argc)
		return cli_usage_error(cmd, "unrecognized arguments: %s", argv[optind]);
	ald_project *p;
	if ((status = cli_open(&p, cli)) != CLI_OK)
		return status;
	cli_warn_project(p);
	ald_strarray rows = {0};
	ald_revlist *tips = NULL;
	if (ald_project_current(&rows, p) < 0 || ald_project_current_tips(&tips, p, &rows) < 0) {
		status = cli_fail();
	} else {
		struct cli_buf b = {0};
		if (mo.verbose)
			cli_buf_printf(&b, "Current revision(s) for %s:\n", ald_project_url_display(p));
		for (size_t i = 0; i < ald_revlist_count(tips); i++) {
			if (mo.verbose)
				fmt_verbose(&b, ald_revlist_at(tips, i), 0);
			else
				fmt_oneline(&b, ald_revlist_at(tips, i), FMT_TREE, 0);
			cli_buf_putc(&b, '\n');
		}
		cli_flush(&b);
		char *unfinished = NULL;
		if (ald_project_unfinished(&unfinished, p) < 0)
			status = cli_fail();
		else if (unfinished)
			printf("Unfinished: %s.\n", unfinished);
		free(unfinished);
		if (status == CLI_OK && mo.verbose) /* revisions edited since they ran; the last runs */
			status = cli_current_history(p);
	}
	ald_revlist_free(tips);
	ald_strarray_dispose(&rows);
	ald_project_free(p);
	return status;
}
