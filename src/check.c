/* check.c - ald_check (`aludel check`, the CI gate): the steps in order
 * (files, graph, project), and the result with its findings. */
#include "check.h"
#include "error.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const char *keep(struct ald_check_result *r, char *s)
{
	ald__strvec_push(&r->kept, s);
	return s;
}

static void add_owned(struct ald_check_result *r, int kind, const char *path, unsigned line, char *message)
{
	r->v = ald__xgrow(r->v, &r->cap, r->n + 1, sizeof(*r->v));
	ald_check_finding *f = &r->v[r->n++];
	f->kind = kind;
	f->path = path ? keep(r, ald__xstrdup(path)) : NULL;
	f->line = path ? line : 0;
	f->message = keep(r, message);
}

void ald__check_add(struct ald_check_result *r, int kind, const char *path, unsigned line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *message = ald__xvasprintf(fmt, ap);
	va_end(ap);
	add_owned(r, kind, path, line, message);
}

/* The path a message begins with, when it is followed by ":<digits>: " or
 * ": ": its length, the line (0 when none) and where the rest begins. */
static int split_prefix(const char *msg, const char *path, unsigned *line, const char **rest)
{
	size_t n = strlen(path);
	if (!n || strncmp(msg, path, n) != 0 || msg[n] != ':')
		return 0;
	const char *s = msg + n + 1;
	unsigned long l = 0;
	if (*s >= '0' && *s <= '9') {
		char *end;
		l = strtoul(s, &end, 10);
		if (*end != ':' || l > 0xffffffffu)
			return 0;
		s = end + 1;
	}
	if (*s != ' ')
		return 0;
	*line = (unsigned)l;
	*rest = s + 1;
	return 1;
}

void ald__check_add_error(struct ald_check_result *r, int kind, const char *path)
{
	const ald_error *e = ald_error_last();
	const char *msg = e && e->message ? e->message : "unknown error";
	unsigned line = 0;
	const char *rest = msg;
	char *copy = ald__xstrdup(msg); /* the error is cleared below */
	if (path && split_prefix(copy, path, &line, &rest)) {
		add_owned(r, kind, path, line, ald__xstrdup(rest));
	} else {
		/* a message that names another path first: "<path>:<line>: ..." */
		const char *colon = copy[0] == '/' ? strchr(copy, ':') : NULL;
		if (colon) {
			char *p = ald__xstrndup(copy, (size_t)(colon - copy));
			if (split_prefix(copy, p, &line, &rest))
				add_owned(r, kind, p, line, ald__xstrdup(rest));
			else
				add_owned(r, kind, path, 0, ald__xstrdup(copy));
			free(p);
		} else {
			add_owned(r, kind, path, 0, ald__xstrdup(copy));
		}
	}
	free(copy);
	ald__error_clear();
}

const char *ald__check_rel(const struct ald_check_result *r, const char *path)
{
	if (!r->base_dir || !path)
		return path;
	size_t n = strlen(r->base_dir);
	while (n > 1 && r->base_dir[n - 1] == '/')
		n--;
	if (n == 1 && r->base_dir[0] == '/')
		return path;
	if (strncmp(path, r->base_dir, n) == 0 && path[n] == '/' && path[n + 1])
		return path + n + 1;
	return path;
}

void ald__check_files_clear(struct ald_check_files *f)
{
	for (size_t i = 0; i < f->n; i++)
		ald__revfile_clear(&f->v[i]);
	free(f->v);
	memset(f, 0, sizeof(*f));
}

int ald_check(ald_check_result **out, const ald_open_options *open, const ald_check_options *opts)
{
	ald_open_options open_defaults = ALD_OPEN_OPTIONS_INIT;
	ald_check_options defaults = ALD_CHECK_OPTIONS_INIT;
	*out = NULL;
	ald__error_clear();
	if (!open)
		open = &open_defaults;
	if (!opts)
		opts = &defaults;
	int verr = ald__options_version_check("ald_check", opts->version, ALD_CHECK_OPTIONS_VERSION);
	if (verr < 0)
		return verr;

	struct ald_config cfg;
	struct ald_config_options copts = {
		.path = open->config_path,
		.section = open->section,
		.url = open->url,
		.x_args = open->x_args,
		.n_x_args = open->n_x_args,
	};
	int err = ald__config_load(&cfg, &copts);
	if (err < 0) {
		ald__config_clear(&cfg);
		return err;
	}
	struct ald_check_result *r = ald__xcalloc(1, sizeof(*r));
	r->base_dir = opts->base_dir ? ald__xstrdup(opts->base_dir) : NULL;

	struct ald_check_files files = {0};
	ald__check_scan(&files, r, &cfg);
	size_t graph = ald__check_graph(r, &files, opts->heads);
	size_t broken = files.broken;
	ald__check_files_clear(&files);
	/* the project opens only where the files and the graph are sound (the
	 * heads may be wrong: it opens then): what the checks above found is
	 * what it would refuse first */
	if (broken == 0 && graph == 0)
		ald__check_project(r, open, &cfg);
	ald__config_clear(&cfg);
	*out = r;
	return 0;
}

size_t ald_check_count(const ald_check_result *r)
{
	return r ? r->n : 0;
}

const ald_check_finding *ald_check_at(const ald_check_result *r, size_t i)
{
	return r && i < r->n ? &r->v[i] : NULL;
}

const char *ald_check_kind_name(int kind)
{
	static const char *const names[] = {
		[ALD_CHECK_PARSE] = "parse",
		[ALD_CHECK_FOLDER] = "folder",
		[ALD_CHECK_DUPLICATE] = "duplicate",
		[ALD_CHECK_LABEL] = "label",
		[ALD_CHECK_MISSING_PARENT] = "missing-parent",
		[ALD_CHECK_CYCLE] = "cycle",
		[ALD_CHECK_HEADS] = "heads",
		[ALD_CHECK_PROJECT] = "project",
		[ALD_CHECK_LINT] = "lint",
		[ALD_CHECK_EDITED] = "edited",
	};
	if (kind <= 0 || (size_t)kind >= sizeof(names) / sizeof(names[0]))
		return NULL;
	return names[kind];
}

void ald_check_result_free(ald_check_result *r)
{
	if (!r)
		return;
	free(r->v);
	ald__strvec_free(&r->kept);
	free(r->base_dir);
	free(r);
}
