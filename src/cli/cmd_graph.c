/* cmd_graph.c - the commands that report on the revision graph: heads,
 * branches, history, show. Text output is Alembic 1.8's, line for line. */
#include "cli.h"

#include <getopt.h>
#include <string.h>

enum { OPT_JSON = 1000, OPT_RESOLVE, OPT_RUNS };

/* Parses the options shared by the graph commands. Returns -1 to go on, or
 * an exit status (help shown, usage error). */
struct graph_opts {
	int verbose, json, resolve, indicate_current, runs;
	const char *range;
};

static int parse_opts(struct graph_opts *o, const struct cli_command *cmd, int argc, char **argv,
		      const char *shortopts)
{
	static const struct option longopts[] = {
		{"help", no_argument, NULL, 'h'},
		{"verbose", no_argument, NULL, 'v'},
		{"json", no_argument, NULL, OPT_JSON},
		{"resolve-dependencies", no_argument, NULL, OPT_RESOLVE},
		{"rev-range", required_argument, NULL, 'r'},
		{"indicate-current", no_argument, NULL, 'i'},
		{"runs", no_argument, NULL, OPT_RUNS},
		{NULL, 0, NULL, 0},
	};
	int c;
	memset(o, 0, sizeof(*o));
	opterr = 0;
	cli_hide_negative(argc, argv);
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			cli_command_help(cmd, stdout);
			return CLI_OK;
		case 'v':
			o->verbose = 1;
			break;
		case OPT_JSON:
			o->json = 1;
			break;
		case OPT_RESOLVE:
			if (strcmp(cmd->name, "heads") != 0)
				goto bad;
			o->resolve = 1;
			break;
		case 'r':
			/* argparse takes "-r -1:" for two options: a value must not start with '-' */
			if ((optarg[0] == '-' || optarg[0] == '\001') && optarg == argv[optind - 1])
				return cli_usage_error(cmd, "argument -r/--rev-range: expected one argument");
			/* argparse accepts -r=VALUE; getopt leaves the '=' */
			o->range = optarg[0] == '=' ? optarg + 1 : optarg;
			break;
		case 'i':
			o->indicate_current = 1;
			break;
		case OPT_RUNS:
			if (strcmp(cmd->name, "history") != 0)
				goto bad;
			o->runs = 1;
			break;
		default:
			goto bad;
		}
	}
	return -1;
bad:
	if (optopt && strchr(shortopts, optopt))
		return cli_usage_error(cmd, "argument -%c: expected one argument", optopt);
	return cli_usage_error(cmd, "unrecognized arguments: %s", argv[optind - 1]);
}

/* Options, then no positional argument. Returns -1 to go on, else a status. */
static int parse_noargs(struct graph_opts *o, const struct cli_command *cmd, int argc, char **argv,
			const char *shortopts)
{
	int status = parse_opts(o, cmd, argc, argv, shortopts);
	if (status < 0 && optind < argc)
		status = cli_usage_error(cmd, "unrecognized arguments: %s", argv[optind]);
	return status;
}

/* The list as JSON, verbose entries or one-line forms (`oneline` flags);
 * `rows`, when given, marks the version table's revisions as current. */
static void put_revs(struct cli_buf *b, const ald_revlist *l, const struct graph_opts *o,
		     unsigned oneline, const struct cli_strvec *rows)
{
	if (o->json)
		cli_buf_putc(b, '[');
	for (size_t i = 0; i < ald_revlist_count(l); i++) {
		const ald_revision *r = ald_revlist_at(l, i);
		int current = rows && cli_strvec_contains(rows, ald_revision_id(r));
		if (o->json) {
			cli_buf_puts(b, i ? ",\n " : "");
			fmt_json_revision(b, r, rows ? current : -1);
			continue;
		}
		if (o->verbose)
			fmt_verbose(b, r, current);
		else
			fmt_oneline(b, r, oneline, current);
		cli_buf_putc(b, '\n');
	}
	if (o->json)
		cli_buf_puts(b, "]\n");
}

int cmd_heads(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	struct graph_opts o;
	int status = parse_noargs(&o, cmd, argc, argv, "hv");
	if (status >= 0)
		return status;

	ald_project *p;
	ald_revlist *heads = NULL;
	if ((status = cli_open(&p, cli)) != CLI_OK)
		return status;
	cli_cache_note(p, o.verbose || cli->verbose);
	ald_project_heads(&heads, p, o.resolve ? ALD_HEADS_RESOLVE_DEPENDENCIES : 0);
	struct cli_buf b = {0};
	put_revs(&b, heads, &o, FMT_LABELS | FMT_HEAD, NULL);
	cli_flush(&b);
	ald_revlist_free(heads);
	ald_project_free(p);
	return CLI_OK;
}

int cmd_branches(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	struct graph_opts o;
	int status = parse_noargs(&o, cmd, argc, argv, "hv");
	if (status >= 0)
		return status;

	ald_project *p;
	ald_revlist *all = NULL;
	if ((status = cli_open(&p, cli)) != CLI_OK)
		return status;
	cli_cache_note(p, o.verbose || cli->verbose);
	if (ald_project_history(&all, p, NULL, NULL) < 0) {
		ald_project_free(p);
		return cli_fail();
	}
	struct cli_buf b = {0};
	int first = 1;
	if (o.json)
		cli_buf_putc(&b, '[');
	for (size_t i = 0; i < ald_revlist_count(all); i++) {
		const ald_revision *r = ald_revlist_at(all, i);
		if (!(ald_revision_flags(r) & ALD_REVISION_BRANCHPOINT))
			continue;
		if (o.json) {
			cli_buf_puts(&b, first ? "" : ",\n ");
			fmt_json_revision(&b, r, -1);
			first = 0;
			continue;
		}
		if (o.verbose)
			fmt_verbose(&b, r, 0);
		else
			fmt_oneline(&b, r, FMT_LABELS | FMT_TREE, 0);
		cli_buf_putc(&b, '\n');
		size_t indent = strlen(ald_revision_id(r));
		for (size_t j = 0; j < ald_revision_child_count(r); j++) {
			if (j)
				cli_buf_putc(&b, '\n');
			cli_buf_printf(&b, "%*s -> ", (int)indent, "");
			fmt_oneline(&b, ald_revision_child_at(r, j),
				    FMT_LABELS | FMT_TREE | (o.verbose ? FMT_DOC : 0), 0);
		}
		cli_buf_puts(&b, "\n\n");
	}
	if (o.json)
		cli_buf_puts(&b, "]\n");
	cli_flush(&b);
	ald_revlist_free(all);
	ald_project_free(p);
	return CLI_OK;
}

int cmd_history(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	struct graph_opts o;
	int status = parse_noargs(&o, cmd, argc, argv, "hvr:i");
	if (status >= 0)
		return status;

	ald_project *p;
	ald_revlist *revs = NULL;
	struct cli_strvec rows = {0};
	if (o.runs && (o.range || o.indicate_current || o.json))
		return cli_usage_error(cmd, "argument --runs: not allowed with -r, -i or --json");
	if ((status = cli_open(&p, cli)) != CLI_OK)
		return status;
	cli_cache_note(p, o.verbose || cli->verbose);
	if (o.runs) { /* the history table's rows, not the graph */
		status = cli_history_runs(p);
		goto done;
	}
	int need_rows = o.indicate_current || (o.range && strstr(o.range, "current"));
	if (need_rows && cli_current_rows(&rows, p) < 0) {
		status = cli_fail();
		goto done;
	}
	if (ald_project_history(&revs, p, o.range, &(ald_strarray){rows.v, rows.n}) < 0) {
		status = cli_fail();
		goto done;
	}
	struct cli_buf b = {0};
	put_revs(&b, revs, &o, FMT_PARENTS | FMT_LABELS | FMT_TREE | FMT_DOC,
		 o.indicate_current ? &rows : NULL);
	cli_flush(&b);
done:
	cli_strvec_free(&rows);
	ald_revlist_free(revs);
	ald_project_free(p);
	return status;
}

/* Appends the verbose (or JSON) entries of the revisions `spec` names. */
static int show_spec(struct cli_buf *b, const ald_project *p, const char *spec, int json, int *count)
{
	ald_revlist *revs = NULL;
	if (ald_project_resolve(&revs, p, spec) < 0)
		return -1;
	for (size_t i = 0; i < ald_revlist_count(revs); i++, (*count)++) {
		if (json) {
			cli_buf_puts(b, *count ? ",\n " : "");
			fmt_json_revision(b, ald_revlist_at(revs, i), -1);
		} else {
			fmt_verbose(b, ald_revlist_at(revs, i), 0);
			cli_buf_putc(b, '\n');
		}
	}
	ald_revlist_free(revs);
	return 0;
}

int cmd_show(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	struct graph_opts o;
	int status = parse_opts(&o, cmd, argc, argv, "h");
	if (status >= 0)
		return status;
	if (optind >= argc)
		return cli_usage_error(cmd, "the following arguments are required: rev");
	if (optind + 1 < argc)
		return cli_usage_error(cmd, "unrecognized arguments: %s", argv[optind + 1]);

	ald_project *p;
	if ((status = cli_open(&p, cli)) != CLI_OK)
		return status;
	cli_cache_note(p, o.verbose || cli->verbose);
	struct cli_strvec rows = {0};
	struct cli_buf b = {0};
	const char *spec = cli_unhide(argv[optind]);
	int count = 0, error = 0;
	if (o.json)
		cli_buf_putc(&b, '[');
	if (strcmp(spec, "current") == 0) {
		/* the raw rows of the version table, in table order */
		error = cli_current_rows(&rows, p);
		for (size_t i = 0; !error && i < rows.n; i++)
			error = show_spec(&b, p, rows.v[i], o.json, &count);
	} else {
		error = show_spec(&b, p, spec, o.json, &count);
	}
	if (o.json)
		cli_buf_puts(&b, "]\n");
	if (error < 0) {
		status = cli_fail();
		cli_buf_free(&b);
	} else {
		cli_flush(&b);
	}
	cli_strvec_free(&rows);
	ald_project_free(p);
	return status;
}
