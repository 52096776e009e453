/* cmd_check.c - `aludel check [--heads N]`, the CI gate: ald_check's
 * findings, one a line ("path:line: kind: message", the path relative to
 * the current folder; "kind: message" for a finding without a file), all of
 * them; exit status 1 when there is one (or the check cannot run), else 0. */
#include "cmd_check.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* `path` relative to `cwd` when it lies under it, else as is (borrowed). */
static const char *relative(const char *path, const char *cwd)
{
	size_t n = cwd ? strlen(cwd) : 0;
	if (n > 1 && strncmp(path, cwd, n) == 0 && path[n] == '/' && path[n + 1])
		return path + n + 1;
	return path;
}

/* Parses --heads' argument: a whole number from 1 on. */
static int parse_heads(unsigned *out, const char *s)
{
	char *end;
	errno = 0;
	if (*s < '0' || *s > '9')
		return -1;
	unsigned long v = strtoul(s, &end, 10);
	if (errno || *end || v == 0 || v > 1000000)
		return -1;
	*out = (unsigned)v;
	return 0;
}

int cmd_check(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	enum { OPT_HEADS = 1000 };
	static const struct option longopts[] = {
		{"help", no_argument, NULL, 'h'},
		{"heads", required_argument, NULL, OPT_HEADS},
		{NULL, 0, NULL, 0},
	};
	ald_check_options o = ALD_CHECK_OPTIONS_INIT;
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			cli_command_help(cmd, stdout);
			return CLI_OK;
		case OPT_HEADS:
			if (parse_heads(&o.heads, optarg) < 0)
				return cli_usage_error(cmd, "argument --heads: invalid count: '%s' (a whole number "
							    "from 1)", optarg);
			break;
		default:
			if (optopt == OPT_HEADS)
				return cli_usage_error(cmd, "argument --heads: expected one argument");
			return cli_usage_error(cmd, "unrecognized arguments: %s", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error(cmd, "unrecognized arguments: %s", argv[optind]);

	char *cwd = getcwd(NULL, 0);
	o.base_dir = cwd;
	ald_check_result *r = NULL;
	if (ald_check(&r, &cli->open, &o) < 0) {
		free(cwd);
		return cli_fail();
	}
	struct cli_buf b = {0};
	size_t n = ald_check_count(r);
	for (size_t i = 0; i < n; i++) {
		const ald_check_finding *f = ald_check_at(r, i);
		if (f->path) {
			cli_buf_puts(&b, relative(f->path, cwd));
			if (f->line)
				cli_buf_printf(&b, ":%u", f->line);
			cli_buf_puts(&b, ": ");
		}
		cli_buf_printf(&b, "%s: %s\n", ald_check_kind_name(f->kind), f->message);
	}
	cli_flush(&b);
	if (n)
		fprintf(stderr, "FAILED: %zu problem%s found\n", n, n == 1 ? "" : "s");
	else
		printf("OK: no problems found\n");
	ald_check_result_free(r);
	free(cwd);
	return n ? CLI_FAILED : CLI_OK;
}
