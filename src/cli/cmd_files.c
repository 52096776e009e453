/* cmd_files.c - the commands that write files: init, revision, merge; and
 * list_templates, the templates of init. */
#include "cmd_extra.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

enum { OPT_HEAD = 1000, OPT_SPLICE, OPT_LABEL, OPT_VPATH, OPT_REVID, OPT_DEPENDS, OPT_FORMAT };

static const struct option revision_longopts[] = {
	{"help", no_argument, NULL, 'h'},
	{"message", required_argument, NULL, 'm'},
	{"head", required_argument, NULL, OPT_HEAD},
	{"splice", no_argument, NULL, OPT_SPLICE},
	{"branch-label", required_argument, NULL, OPT_LABEL},
	{"version-path", required_argument, NULL, OPT_VPATH},
	{"rev-id", required_argument, NULL, OPT_REVID},
	{"depends-on", required_argument, NULL, OPT_DEPENDS},
	{"format", required_argument, NULL, OPT_FORMAT},
	{NULL, 0, NULL, 0},
};

/* Parses revision/merge options into *o (strings borrowed from argv, lists
 * collected in labels/depends). `merge` accepts only -m, --branch-label and
 * --rev-id. Returns -1 to go on, else an exit status. */
static int parse_revision_opts(ald_revision_options *o, struct cli_strvec *labels,
			       struct cli_strvec *depends, const struct cli_command *cmd, int argc,
			       char **argv, int merge)
{
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "hm:", revision_longopts, NULL)) != -1) {
		if (merge && c != 'h' && c != 'm' && c != OPT_LABEL && c != OPT_REVID && c != '?')
			return cli_usage_error(cmd, "unrecognized arguments: %s", argv[optind - 1]);
		switch (c) {
		case 'h':
			cli_command_help(cmd, stdout);
			return CLI_OK;
		case 'm':
			o->message = optarg;
			break;
		case OPT_HEAD:
			o->head = optarg;
			break;
		case OPT_SPLICE:
			o->splice = 1;
			break;
		case OPT_LABEL:
			cli_strvec_pushdup(labels, optarg);
			break;
		case OPT_VPATH:
			o->version_path = optarg;
			break;
		case OPT_REVID:
			o->rev_id = optarg;
			break;
		case OPT_DEPENDS:
			cli_strvec_pushdup(depends, optarg);
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "py") != 0 && strcmp(optarg, "sql") != 0)
				return cli_usage_error(cmd, "argument --format: invalid choice: '%s' "
							    "(choose from 'py', 'sql')", optarg);
			o->format = optarg;
			break;
		default:
			if (optopt == 'm' || (optopt >= OPT_HEAD && optopt <= OPT_FORMAT))
				return cli_usage_error(cmd, "argument %s: expected one argument",
						       argv[optind - 1]);
			return cli_usage_error(cmd, "unrecognized arguments: %s", argv[optind - 1]);
		}
	}
	o->branch_labels = (const char *const *)labels->v;
	o->n_branch_labels = labels->n;
	o->depends_on = (const char *const *)depends->v;
	o->n_depends_on = depends->n;
	return -1;
}

/* Opens the project and writes the revision (or, when revs is not NULL, the
 * merge of `revs` with the options o has for a merge). */
static int write_file(struct cli *cli, const ald_revision_options *o, char **revs, size_t n_revs)
{
	ald_project *p;
	char *path = NULL;
	int status = cli_open(&p, cli);
	if (status != CLI_OK)
		return status;
	ald_merge_options m = ALD_MERGE_OPTIONS_INIT;
	m.message = o->message;
	m.branch_labels = o->branch_labels;
	m.n_branch_labels = o->n_branch_labels;
	m.rev_id = o->rev_id;
	m.format = o->format;
	int error = revs ? ald_project_merge(&path, p, (const char *const *)revs, n_revs, &m)
			 : ald_project_revision_create(&path, p, o);
	if (error < 0) {
		status = cli_fail();
	} else {
		printf("Generating %s ...  done\n", path);
	}
	free(path);
	ald_project_free(p);
	return status;
}

int cmd_revision(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	ald_revision_options o = ALD_REVISION_OPTIONS_INIT;
	struct cli_strvec labels = {0}, depends = {0};
	int status = parse_revision_opts(&o, &labels, &depends, cmd, argc, argv, 0);
	if (status < 0 && optind < argc)
		status = cli_usage_error(cmd, "unrecognized arguments: %s", argv[optind]);
	if (status < 0)
		status = write_file(cli, &o, NULL, 0);
	cli_strvec_free(&labels);
	cli_strvec_free(&depends);
	return status;
}

int cmd_merge(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	ald_revision_options o = ALD_REVISION_OPTIONS_INIT;
	struct cli_strvec labels = {0}, depends = {0};
	int status = parse_revision_opts(&o, &labels, &depends, cmd, argc, argv, 1);
	if (status < 0 && optind >= argc)
		status = cli_usage_error(cmd, "the following arguments are required: revisions");
	if (status < 0)
		status = write_file(cli, &o, argv + optind, (size_t)(argc - optind));
	cli_strvec_free(&labels);
	cli_strvec_free(&depends);
	return status;
}

/* What init did, in Alembic's words (its util.status lines: "<what> ..."
 * then "  done" or "  FAILED"), and, when the configuration file is there,
 * Alembic's closing line. */
static void print_init_steps(const ald_init_result *res)
{
	struct cli_buf b = {0};
	for (size_t i = 0; i < ald_init_result_count(res); i++) {
		const ald_init_step *st = ald_init_result_at(res, i);
		if (st->kind == ALD_INIT_FILE_KEPT) {
			cli_buf_printf(&b, "File %s already exists, skipping\n", st->path);
			continue;
		}
		cli_buf_printf(&b, "%s %s ...%s\n", st->kind == ALD_INIT_DIRECTORY ? "Creating directory" : "Generating",
			       st->path, st->failed ? "  FAILED" : "  done");
	}
	if (ald_init_result_config_path(res)) {
		cli_buf_printf(&b, "Please edit %s settings in ", ald_init_result_settings(res));
		cli_buf_put_repr(&b, ald_init_result_config_path(res));
		cli_buf_puts(&b, " before proceeding.\n");
	}
	fputs(cli_buf_cstr(&b), stdout);
	cli_buf_free(&b);
}

int cmd_init(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"help", no_argument, NULL, 'h'},
		{"template", required_argument, NULL, 't'},
		{NULL, 0, NULL, 0},
	};
	const char *template_name = NULL;
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "ht:", longopts, NULL)) != -1) {
		if (c == 'h') {
			cli_command_help(cmd, stdout);
			return CLI_OK;
		}
		if (c == 't') {
			template_name = optarg;
			continue;
		}
		if (optopt == 't')
			return cli_usage_error(cmd, "argument -t/--template: expected one argument");
		return cli_usage_error(cmd, "unrecognized arguments: %s", argv[optind - 1]);
	}
	if (optind >= argc)
		return cli_usage_error(cmd, "the following arguments are required: directory");
	if (optind + 1 < argc)
		return cli_usage_error(cmd, "unrecognized arguments: %s", argv[optind + 1]);

	/* no -c: ALEMBIC_CONFIG, else the template's own file (the engine decides) */
	ald_init_result *res = NULL;
	int error = ald_project_init(&res, argv[optind], cli->open.config_path, template_name);
	print_init_steps(res);
	ald_init_result_free(res);
	return error < 0 ? cli_fail() : CLI_OK;
}

int cmd_list_templates(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	(void)cli;
	int c;
	opterr = 0;
	static const struct option longopts[] = {{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (c == 'h') {
			cli_command_help(cmd, stdout);
			return CLI_OK;
		}
		return cli_usage_error(cmd, "unrecognized arguments: %s", argv[optind - 1]);
	}
	if (optind < argc)
		return cli_usage_error(cmd, "unrecognized arguments: %s", argv[optind]);
	printf("Available templates:\n\n");
	for (size_t i = 0; i < ald_project_template_count(); i++)
		printf("%s - %s\n", ald_project_template_name(i), ald_project_template_description(i));
	printf("\nTemplates are used via the 'init' command, e.g.:\n\n"
	       "  aludel init --template generic ./scripts\n");
	return CLI_OK;
}
