/* cmd_lint.c - `aludel lint`: which revisions to lint (the pending ones, a
 * range, or all), and the exit status; the output formats are lint_format.c's. */
#include "cli.h"
#include "lint_format.h"

#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { OPT_JSON = 1000, OPT_FORMAT, OPT_RULES };

struct lint_opts {
	const char *range;
	int format; /* LINT_TEXT, LINT_JSON, LINT_SARIF */
	int format_given, rules;
};

/* Returns -1 to go on, or an exit status (help shown, usage error). */
static int parse_opts(struct lint_opts *o, const struct cli_command *cmd, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"help", no_argument, NULL, 'h'},
		{"rev-range", required_argument, NULL, 'r'},
		{"json", no_argument, NULL, OPT_JSON},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"rules", no_argument, NULL, OPT_RULES},
		{NULL, 0, NULL, 0},
	};
	int c, format;
	memset(o, 0, sizeof(*o));
	opterr = 0;
	cli_hide_negative(argc, argv);
	while ((c = getopt_long(argc, argv, "hr:", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			cli_command_help(cmd, stdout);
			return CLI_OK;
		case 'r':
			if ((optarg[0] == '-' || optarg[0] == '\001') && optarg == argv[optind - 1])
				return cli_usage_error(cmd, "argument -r/--rev-range: expected one argument");
			o->range = cli_unhide(optarg[0] == '=' ? optarg + 1 : optarg);
			break;
		case OPT_JSON:
		case OPT_FORMAT:
			if (c == OPT_JSON)
				format = LINT_JSON;
			else if (strcmp(optarg, "text") == 0)
				format = LINT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				format = LINT_JSON;
			else if (strcmp(optarg, "sarif") == 0)
				format = LINT_SARIF;
			else
				return cli_usage_error(cmd, "argument --format: invalid choice: '%s' "
						       "(choose from 'text', 'json', 'sarif')", optarg);
			if (o->format_given && o->format != format)
				return cli_usage_error(cmd, "--json and --format name different formats");
			o->format = format;
			o->format_given = 1;
			break;
		case OPT_RULES:
			o->rules = 1;
			break;
		default:
			if (optopt == 'r')
				return cli_usage_error(cmd, "argument -r/--rev-range: expected one argument");
			if (optopt == OPT_FORMAT)
				return cli_usage_error(cmd, "argument --format: expected one argument");
			return cli_usage_error(cmd, "unrecognized arguments: %s", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error(cmd, "unrecognized arguments: %s", cli_unhide(argv[optind]));
	if (o->rules && o->range)
		return cli_usage_error(cmd, "--rules lists the rules; it takes no -r");
	if (o->rules && o->format == LINT_SARIF)
		return cli_usage_error(cmd, "--rules is listed as text or JSON");
	return -1;
}

static int cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(const ald_revision *const *)a, y = (uintptr_t)*(const ald_revision *const *)b;
	return x < y ? -1 : x > y;
}

/* The revisions of `l` oldest first (history lists the newest first),
 * leaving out those in `skip` (may be NULL). */
static void oldest_first(const ald_revision ***out, size_t *n, const ald_revlist *l, const ald_revlist *skip)
{
	size_t count = ald_revlist_count(l), skipped = skip ? ald_revlist_count(skip) : 0;
	const ald_revision **v = calloc(count ? count : 1, sizeof(*v));
	if (!v)
		abort();
	/* revisions are borrowed from the project: compare pointers; the applied
	 * set is sorted once by address for the lookups */
	const ald_revision **applied = NULL;
	if (skipped) {
		applied = malloc(skipped * sizeof(*applied));
		if (!applied)
			abort();
		for (size_t i = 0; i < skipped; i++)
			applied[i] = ald_revlist_at(skip, i);
		qsort(applied, skipped, sizeof(*applied), cmp_ptr);
	}
	*n = 0;
	for (size_t i = count; i-- > 0;) {
		const ald_revision *r = ald_revlist_at(l, i);
		if (skipped && bsearch(&r, applied, skipped, sizeof(*applied), cmp_ptr))
			continue;
		v[(*n)++] = r;
	}
	free(applied);
	*out = v;
}

/* The pending revisions when the database answers, else every revision
 * (with a note on stderr). `all` is the whole history. */
static int pending_or_all(const ald_revision ***out, size_t *n, ald_project *p, const ald_revlist *all)
{
	ald_strarray rows = {0};
	ald_revlist *applied = NULL;
	if (!ald_project_url_display(p)) {
		oldest_first(out, n, all, NULL);
		return 0;
	}
	cli_warn_project(p);
	if (ald_project_current(&rows, p) < 0 || ald_project_applied(&applied, p, &rows) < 0) {
		/* the engine's messages mask the password */
		const ald_error *e = ald_error_last();
		fprintf(stderr, "aludel lint: the database is not reachable (%s); linting every revision\n",
			e && e->message ? e->message : "unknown error");
		ald_strarray_dispose(&rows);
		oldest_first(out, n, all, NULL);
		return 0;
	}
	oldest_first(out, n, all, applied);
	ald_revlist_free(applied);
	ald_strarray_dispose(&rows);
	return 0;
}

int cmd_lint(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	struct lint_opts o;
	int status = parse_opts(&o, cmd, argc, argv);
	if (status >= 0)
		return status;
	if (o.rules) {
		lint_print_rules(o.format == LINT_JSON);
		return CLI_OK;
	}

	ald_project *p;
	if ((status = cli_open(&p, cli)) != CLI_OK)
		return status;
	cli_cache_note(p, cli->verbose);
	ald_revlist *revs = NULL;
	struct cli_strvec rows = {0};
	const ald_revision **v = NULL;
	size_t n = 0;
	ald_lint *lint = NULL;
	if (o.range) {
		if (strstr(o.range, "current") && cli_current_rows(&rows, p) < 0) {
			status = cli_fail();
			goto done;
		}
		if (ald_project_history(&revs, p, o.range, &(ald_strarray){rows.v, rows.n}) < 0) {
			status = cli_fail();
			goto done;
		}
		oldest_first(&v, &n, revs, NULL);
	} else {
		if (ald_project_history(&revs, p, NULL, NULL) < 0) {
			status = cli_fail();
			goto done;
		}
		pending_or_all(&v, &n, p, revs);
	}
	if (ald_lint_revisions(&lint, p, (const ald_revision *const *)v, n) < 0) {
		status = cli_fail();
		goto done;
	}
	struct cli_buf b = {0};
	if (o.format == LINT_JSON)
		lint_json(&b, lint);
	else if (o.format == LINT_SARIF)
		lint_sarif(&b, lint);
	else
		lint_text(&b, lint, n);
	cli_flush(&b);
	status = ald_lint_max_severity(lint) >= ALD_LINT_ERROR ? CLI_FAILED : CLI_OK;
done:
	ald_lint_free(lint);
	free(v);
	cli_strvec_free(&rows);
	ald_revlist_free(revs);
	ald_project_free(p);
	return status;
}
