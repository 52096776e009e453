/* alembic_find.c - which Alembic runs a project's .py revisions, the command
 * line aludel gives it, and reading its failures (see alembic.h). */
#include "alembic.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Splits `text` on blanks into argv (no quoting: paths with spaces belong in
 * a wrapper script). */
static void split_words(struct ald_strvec *argv, const char *text)
{
	const char *s = text;
	while (*s) {
		while (*s && isspace((unsigned char)*s))
			s++;
		const char *w = s;
		while (*s && !isspace((unsigned char)*s))
			s++;
		if (s > w)
			ald__strvec_push(argv, ald__xstrndup(w, (size_t)(s - w)));
	}
}

static int is_executable(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

/* The first `name` on PATH that is an executable file, or NULL (the caller's). */
static char *search_path(const char *name)
{
	const char *path = getenv("PATH");
	if (!path || !*path)
		return NULL;
	const char *s = path;
	for (;;) {
		const char *end = strchr(s, ':');
		size_t n = end ? (size_t)(end - s) : strlen(s);
		char *cand = ald__xasprintf("%.*s/%s", (int)n, n ? s : ".", name);
		if (is_executable(cand))
			return cand;
		free(cand);
		if (!end)
			return NULL;
		s = end + 1;
	}
}

void ald__alembic_find(struct ald_alembic_cmd *out, const struct ald_config *cfg)
{
	memset(out, 0, sizeof(*out));
	const char *env = getenv("ALUDEL_ALEMBIC");
	if (env && *env) {
		split_words(&out->argv, env);
		if (out->argv.n) {
			out->origin = ald__xstrdup("ALUDEL_ALEMBIC in the environment");
			return;
		}
	}
	if (cfg && cfg->alembic_command) {
		split_words(&out->argv, cfg->alembic_command);
		if (out->argv.n) {
			out->origin = ald__xasprintf("alembic_command in [%s] of %s", cfg->section, cfg->path);
			return;
		}
	}
	if (cfg && cfg->here) {
		char *venv = ald__xasprintf("%s/.venv/bin/alembic", cfg->here);
		if (is_executable(venv)) {
			ald__strvec_push(&out->argv, venv);
			out->origin = ald__xasprintf("the virtual environment beside %s", cfg->path);
			return;
		}
		free(venv);
	}
	char *onpath = search_path("alembic");
	if (onpath) {
		ald__strvec_push(&out->argv, onpath);
		out->origin = ald__xstrdup("alembic on PATH");
		return;
	}
	ald__strvec_pushdup(&out->argv, "python3");
	ald__strvec_pushdup(&out->argv, "-m");
	ald__strvec_pushdup(&out->argv, "alembic");
	out->origin = ald__xstrdup("no alembic command found: python3 -m alembic");
}

void ald__alembic_cmd_clear(struct ald_alembic_cmd *c)
{
	ald__strvec_free(&c->argv);
	free(c->origin);
	memset(c, 0, sizeof(*c));
}

void ald__alembic_argv(struct ald_strvec *argv, const struct ald_alembic_ctx *ctx, const char *sub,
		      const char *const *targets, size_t n_targets, unsigned flags)
{
	for (size_t i = 0; i < ctx->cmd.argv.n; i++)
		ald__strvec_pushdup(argv, ctx->cmd.argv.v[i]);
	if (ctx->raiseerr)
		ald__strvec_pushdup(argv, "--raiseerr");
	ald__strvec_pushdup(argv, "-c");
	ald__strvec_pushdup(argv, ctx->config_path);
	if (ctx->section && !ald__streq(ctx->section, "alembic")) {
		ald__strvec_pushdup(argv, "-n");
		ald__strvec_pushdup(argv, ctx->section);
	}
	for (size_t i = 0; ctx->x_args && i < ctx->x_args->n; i++) {
		ald__strvec_pushdup(argv, "-x");
		ald__strvec_pushdup(argv, ctx->x_args->v[i]);
	}
	ald__strvec_pushdup(argv, sub);
	if (flags & ALD_ALEMBIC_SQL)
		ald__strvec_pushdup(argv, "--sql");
	if (flags & ALD_ALEMBIC_PURGE)
		ald__strvec_pushdup(argv, "--purge");
	if (ctx->tag) {
		ald__strvec_pushdup(argv, "--tag");
		ald__strvec_pushdup(argv, ctx->tag);
	}
	/* "--" keeps a target such as "-1" from reading as an option */
	ald__strvec_pushdup(argv, "--");
	for (size_t i = 0; i < n_targets; i++)
		ald__strvec_pushdup(argv, targets[i]);
}

int ald__alembic_target_is_relative(const char *target)
{
	for (const char *c = target; *c; c++)
		if ((*c == '+' || *c == '-') && isdigit((unsigned char)c[1]))
			return 1;
	return 0;
}

/* ---- Alembic's error in its output ---- */

static const char *line_end(const char *s)
{
	const char *e = strchr(s, '\n');
	return e ? e : s + strlen(s);
}

/* Appends lines [from, to) of text, at most `max` of them, the last ones. */
static void put_last_lines(struct ald_buf *b, const char *from, const char *to, int max)
{
	int n = 0;
	for (const char *c = from; c < to; c++)
		n += *c == '\n';
	if (to > from && to[-1] != '\n')
		n++;
	const char *s = from;
	for (; n > max && s < to; n--)
		s = line_end(s) + 1;
	while (to > s && (to[-1] == '\n' || to[-1] == ' '))
		to--;
	if (to > s)
		ald__buf_put(b, s, (size_t)(to - s));
}

char *ald__alembic_error_text(const char *output)
{
	struct ald_buf b = {0};
	const char *end = output + strlen(output);
	const char *failed = NULL, *tb = NULL;
	for (const char *s = output; s < end; s = line_end(s) + 1) {
		if (strncmp(s, "FAILED: ", 8) == 0)
			failed = s;
		if (strncmp(s, "Traceback (most recent call last):", 34) == 0)
			tb = s;
		if (*line_end(s) == '\0')
			break;
	}
	if (failed) {
		put_last_lines(&b, failed, end, 20);
	} else if (tb) {
		/* the frames are indented; the exception starts at the first line
		 * after them that is not */
		const char *s = line_end(tb) + 1;
		while (s < end && (*s == ' ' || *s == '\t'))
			s = line_end(s) + 1;
		put_last_lines(&b, s < end ? s : tb, end, 20);
	} else {
		put_last_lines(&b, output, end, 20);
	}
	if (b.len == 0)
		ald__buf_puts(&b, "(no output)");
	return ald__buf_detach(&b);
}
