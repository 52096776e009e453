/* cmd_verify.c - `aludel verify [-r RANGE] [--scratch-url URL]`: every
 * revision upgraded, downgraded and upgraded again on a scratch database,
 * the schema compared (ald_verify). Progress on stderr as upgrades show it
 * (a line per revision on a terminal, log lines otherwise, -q: none); the
 * result on stdout: irreversible and skipped revisions on their own lines,
 * the first revision whose downgrade does not restore the schema with the
 * diff, and a summary. Exit 0 when clean, 1 on a failure. SIGINT and
 * SIGTERM stop it; the scratch database is removed all the same. */
#include "cli.h"

#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { OPT_SCRATCH_URL = 1000 };

/* How progress is shown. */
enum show { SHOW_QUIET, SHOW_LOG, SHOW_TTY };

struct verify_cli {
	enum show show;
	char *cwd; /* for paths shown relative to it */
};

static const char *const phase_names[] = {"upgrade", "downgrade", "upgrade again", "done"};

static void on_phase(const ald_revision *r, size_t i, size_t n, int phase, void *payload)
{
	const struct verify_cli *vc = payload;
	if (vc->show == SHOW_LOG && phase != ALD_VERIFY_PHASE_DONE)
		fprintf(stderr, "INFO  [aludel.verify] [%zu/%zu] %s: %s\n", i + 1, n, ald_revision_id(r),
			phase_names[phase]);
	else if (vc->show != SHOW_TTY)
		return;
	else if (phase == ALD_VERIFY_PHASE_UPGRADE)
		fprintf(stderr, "[%zu/%zu] %s, %s: upgrade", i + 1, n, ald_revision_id(r), ald_revision_message(r));
	else if (phase == ALD_VERIFY_PHASE_DONE)
		fputs(" ... checked\n", stderr);
	else
		fprintf(stderr, ", %s", phase_names[phase]);
}

/* The steps of each plan: as `upgrade` logs them when stderr is not a
 * terminal; the wait for a lock always. */
static void on_step(const ald_plan *plan, size_t step, int event, double seconds, void *payload)
{
	const struct verify_cli *vc = payload;
	(void)seconds;
	if (event == ALD_PROGRESS_WAITING)
		fputs("Waiting for another aludel run on this database to finish...\n", stderr);
	else if (vc->show == SHOW_LOG && event == ALD_PROGRESS_START)
		fprintf(stderr, "INFO  [alembic.runtime.migration] %s\n", ald_plan_step_label(plan, step));
}

static ald_project *running;

static void on_signal(int sig)
{
	(void)sig;
	if (running)
		ald_project_cancel(running);
}

/* The path relative to the current folder when it is below it. */
static const char *shown_path(const struct verify_cli *vc, const char *path)
{
	size_t n = vc->cwd ? strlen(vc->cwd) : 0;
	if (n && strncmp(path, vc->cwd, n) == 0 && path[n] == '/')
		return path + n + 1;
	return path;
}

static int report(const struct verify_cli *vc, const ald_verify_result *v)
{
	size_t counts[6] = {0};
	for (size_t i = 0; i < ald_verify_result_count(v); i++) {
		const ald_verify_entry *e = ald_verify_result_at(v, i);
		const char *id = ald_revision_id(e->revision), *path = shown_path(vc, ald_revision_path(e->revision));
		if (e->status >= 0 && e->status < 6)
			counts[e->status]++;
		switch (e->status) {
		case ALD_VERIFY_IRREVERSIBLE:
			printf("irreversible: %s (%s): its downgrade is empty; not downgraded\n", id, path);
			break;
		case ALD_VERIFY_SKIPPED:
			printf("skipped: %s (%s): %s\n", id, path, e->message);
			break;
		case ALD_VERIFY_NOT_RESTORED:
			printf("FAILED: %s (%s): its downgrade does not restore the schema:\n%s", id, path, e->diff);
			break;
		case ALD_VERIFY_REUPGRADE_DIFFERS:
			printf("FAILED: %s (%s): upgrading it again after its downgrade gives another schema:\n%s", id,
			       path, e->diff);
			break;
		case ALD_VERIFY_DOWNGRADE_FAILED:
			printf("FAILED: %s (%s): its downgrade failed:\n%s\n", id, path, e->message);
			break;
		default:
			break;
		}
	}
	const ald_verify_entry *f = ald_verify_result_failed(v);
	printf("%s %zu revision%s on %s: %zu restored, %zu irreversible, %zu skipped%s%s\n",
	       f ? "Stopped after" : "Verified", ald_verify_result_count(v), ald_verify_result_count(v) == 1 ? "" : "s",
	       ald_verify_result_scratch_display(v), counts[ALD_VERIFY_RESTORED], counts[ALD_VERIFY_IRREVERSIBLE],
	       counts[ALD_VERIFY_SKIPPED], f ? ", failed at " : "", f ? ald_revision_id(f->revision) : "");
	return f ? CLI_FAILED : CLI_OK;
}

int cmd_verify(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"help", no_argument, NULL, 'h'},
		{"rev-range", required_argument, NULL, 'r'},
		{"scratch-url", required_argument, NULL, OPT_SCRATCH_URL},
		{NULL, 0, NULL, 0},
	};
	ald_verify_options o = ALD_VERIFY_OPTIONS_INIT;
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "hr:", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			cli_command_help(cmd, stdout);
			return CLI_OK;
		case 'r':
			o.range = optarg;
			break;
		case OPT_SCRATCH_URL:
			o.scratch_url = optarg;
			break;
		default:
			return cli_usage_error(cmd, "unrecognized arguments: %s", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error(cmd, "unrecognized arguments: %s", argv[optind]);
	ald_project *p;
	int status = cli_open(&p, cli);
	if (status != CLI_OK)
		return status;
	cli_warn_project(p);
	struct verify_cli vc = {
		.show = cli->quiet ? SHOW_QUIET : isatty(STDERR_FILENO) ? SHOW_TTY : SHOW_LOG,
		.cwd = getcwd(NULL, 0),
	};
	o.revision_cb = on_phase;
	o.progress = on_step;
	o.payload = &vc;
	struct sigaction sa = {.sa_handler = on_signal}, old_int, old_term;
	sigemptyset(&sa.sa_mask);
	running = p;
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	ald_verify_result *v = NULL;
	int error = ald_verify(&v, p, &o);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	running = NULL;
	if (vc.show == SHOW_TTY && error < 0)
		fputc('\n', stderr); /* end the revision's progress line */
	status = error < 0 ? cli_fail() : report(&vc, v);
	ald_verify_result_free(v);
	free(vc.cwd);
	ald_project_free(p);
	return status;
}
