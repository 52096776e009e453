/* plan_alembic_sql.c - the SQL of a plan's Alembic .py steps, asked of
 * Alembic's offline mode (`alembic upgrade --sql A:B`) and spliced into the
 * plan, so that `--sql` and the TUI's preview show what Alembic would run.
 *
 * One Alembic run covers the whole plan when its range can be written
 * (start: no row or one row; target: not relative); the steps it did not
 * give are asked one at a time ("P:R" up, "R:P" down). Alembic's script is
 * cut at its "-- Running ..." comments, each section matched to a step by
 * that exact text; aludel keeps the statements and writes the transaction
 * and version-table statements itself, as for native steps. Where Alembic
 * cannot give a step (env.py cannot run offline, say), the step shows its
 * upgrade()/downgrade() source as SQL comments, and why.
 */
#include "alembic.h"
#include "error.h"
#include "plan.h"
#include "revision_file.h"

#include <stdlib.h>
#include <string.h>

int ald__step_is_python(const struct ald_graph *g, const struct ald_step *st)
{
	return st->kind != ALD_STEP_STAMP && st->rev != ALD_NOREV &&
	       g->revs[st->rev].file.kind == ALD_REVFILE_PY;
}

int ald__plan_has_python(const struct ald_plan_data *p, const struct ald_graph *g)
{
	for (size_t i = 0; p && i < p->n_steps; i++)
		if (ald__step_is_python(g, &p->steps[i]))
			return 1;
	return 0;
}

/* Whether step i still waits for its SQL. */
static int wants_sql(const struct ald_plan_data *p, const struct ald_graph *g, size_t i)
{
	const struct ald_step *st = &p->steps[i];
	return ald__step_is_python(g, st) && !st->note && st->sql.n == 0;
}

/* Whether `stmt` is a version-table statement (1.8.1 also drops the table at
 * the end of a script down to base) or a transaction statement of
 * Alembic's script: aludel writes those itself. */
static int is_own_statement(const char *stmt, const char *table)
{
	static const char *const heads[] = {"INSERT INTO ", "UPDATE ", "DELETE FROM ", "CREATE TABLE ",
					     "DROP TABLE "};
	if (ald__streq(stmt, "BEGIN") || ald__streq(stmt, "COMMIT"))
		return 1;
	for (size_t i = 0; i < sizeof(heads) / sizeof(*heads); i++) {
		size_t h = strlen(heads[i]), t = strlen(table);
		if (strncmp(stmt, heads[i], h) == 0 && strncmp(stmt + h, table, t) == 0 &&
		    (stmt[h + t] == ' ' || stmt[h + t] == '(' || stmt[h + t] == '\n' || !stmt[h + t]))
			return 1;
	}
	return 0;
}

/* Splits a section of Alembic's script into statements: each is written as
 * its text, ";" and an empty line. */
static void section_statements(struct ald_stmts *out, const char *s, const char *end, const char *table)
{
	while (s < end) {
		const char *stop = s;
		while (stop < end && !(stop[0] == ';' && stop + 2 < end + 1 && stop[1] == '\n' &&
				       (stop + 2 == end || stop[2] == '\n')))
			stop++;
		const char *a = s, *b = stop;
		while (a < b && (*a == '\n' || *a == ' '))
			a++;
		while (b > a && (b[-1] == '\n' || b[-1] == ' '))
			b--;
		if (b > a) {
			char *stmt = ald__xstrndup(a, (size_t)(b - a));
			if (is_own_statement(stmt, table)) {
				free(stmt);
			} else {
				out->v = ald__xgrow(out->v, &out->cap, out->n + 1, sizeof(*out->v));
				out->v[out->n].sql = stmt;
				out->v[out->n].line = 0;
				out->n++;
			}
		}
		s = stop + 1;
	}
}

/* Where the line starting at s ends. */
static const char *eol(const char *s, const char *end)
{
	const char *e = memchr(s, '\n', (size_t)(end - s));
	return e ? e : end;
}

/* Gives each waiting step among the first n of p the statements of its
 * section of `script`. */
static void splice(struct ald_plan_data *p, size_t n, const struct ald_graph *g, const char *script,
		   const char *table)
{
	const char *end = script + strlen(script);
	for (const char *s = script; s < end; s = eol(s, end) + 1) {
		if (strncmp(s, "-- Running ", 11) != 0)
			continue;
		const char *comment = s + 3, *ce = eol(s, end);
		const char *body = ce < end ? ce + 1 : end, *next = body;
		while (next < end && strncmp(next, "-- Running ", 11) != 0)
			next = eol(next, end) + 1;
		if (next > end)
			next = end;
		for (size_t i = 0; i < n; i++) {
			const char *want = p->steps[i].comment;
			if (!wants_sql(p, g, i) || strlen(want) != (size_t)(ce - comment) ||
			    strncmp(want, comment, (size_t)(ce - comment)) != 0)
				continue;
			section_statements(&p->steps[i].sql, body, next, table);
			if (p->steps[i].sql.n == 0) /* a step with no SQL: mark it done */
				p->steps[i].note = ald__xstrdup("-- (no SQL)\n");
			break;
		}
	}
}

/* Runs `alembic upgrade|downgrade --sql range`; *out gets stdout, or on
 * failure *why gets Alembic's error (both the caller's). */
static int offline_run(char **out, char **why, const struct ald_alembic_ctx *ctx, int down, const char *range)
{
	struct ald_strvec argv = {0};
	struct ald_proc proc = {.keep_stdout = 1};
	ald__alembic_argv(&argv, ctx, down ? "downgrade" : "upgrade", &range, 1, ALD_ALEMBIC_SQL);
	int err = ald__proc_run(&proc, &argv);
	*out = *why = NULL;
	if (err < 0)
		*why = ald__xstrdup(ald_error_last()->code ? ald_error_last()->message : "cannot start Alembic");
	else if (proc.status != 0)
		*why = ald__alembic_error_text(ald__buf_cstr(&proc.tail));
	else
		*out = ald__buf_detach(&proc.out);
	ald__proc_clear(&proc);
	ald__strvec_free(&argv);
	ald__error_clear();
	return *out ? 0 : -1;
}

/* The def of `name` in a Python file: from its "def name(" line at column 0
 * to the next line at column 0 that is not blank or a comment. */
static void function_source(struct ald_buf *b, const char *text, const char *name)
{
	size_t n = strlen(name);
	const char *end = text + strlen(text), *s = text;
	while (s < end && !(strncmp(s, "def ", 4) == 0 && strncmp(s + 4, name, n) == 0 && s[4 + n] == '('))
		s = eol(s, end) + 1;
	if (s >= end) {
		ald__buf_printf(b, "-- (no def %s() found)\n", name);
		return;
	}
	const char *e = eol(s, end) + 1;
	while (e < end && (*e == ' ' || *e == '\t' || *e == '\n' || *e == '#' || *e == ')'))
		e = eol(e, end) + 1;
	while (e > s && (e[-1] == '\n' || e[-1] == ' ' || e[-1] == '\t'))
		e--; /* no blank lines at its end */
	while (s < e) {
		const char *le = eol(s, e);
		ald__buf_printf(b, "-- %.*s\n", (int)(le - s), s);
		s = le + 1;
	}
}

/* The note of a step Alembic could not give: why, then the function. */
static char *source_note(const struct ald_step *st, const struct ald_revfile *f, const char *why)
{
	struct ald_buf b = {0};
	ald__buf_puts(&b, "-- aludel: Alembic's offline mode did not give this step's SQL:\n");
	for (const char *s = why; *s;) {
		const char *e = strchr(s, '\n');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		ald__buf_printf(&b, "--   %.*s\n", (int)len, s);
		s += len + (e ? 1 : 0);
	}
	const char *fn = st->kind == ALD_STEP_UPGRADE ? "upgrade" : "downgrade";
	ald__buf_printf(&b, "-- The %s() of %s instead:\n", fn, f->path);
	char *text = NULL;
	size_t len = 0;
	if (ald__read_file(&text, &len, f->path) == 0)
		function_source(&b, text, fn);
	else
		ald__buf_printf(&b, "-- (%s)\n", ald_error_last()->code ? ald_error_last()->message : "unreadable");
	ald__error_clear();
	free(text);
	return ald__buf_detach(&b);
}

/* The one range covering the whole plan, or NULL. */
static char *whole_range(const struct ald_plan_data *p, const struct ald_graph *g, const char *target)
{
	if (!target || ald__alembic_target_is_relative(target) || p->rows.n > 1)
		return NULL;
	const char *start = p->rows.n ? g->revs[p->rows.v[0]].file.id : "base";
	return ald__xasprintf("%s:%s", start, target);
}

/* The range of step i alone: "P:R" up, "R:P" down (P: its first down
 * revision, or base). */
static char *step_range(const struct ald_step *st, const struct ald_graph *g)
{
	const struct ald_rev *r = &g->revs[st->rev];
	const char *parent = r->down.n ? g->revs[r->down.v[0]].file.id : "base";
	if (st->kind == ALD_STEP_UPGRADE)
		return ald__xasprintf("%s:%s", parent, r->file.id);
	return ald__xasprintf("%s:%s", r->file.id, parent);
}

void ald__alembic_offline_sql(struct ald_plan_data *p, const struct ald_graph *g, const struct ald_plan_config *cfg,
			     const struct ald_alembic_ctx *ctx, const char *target, size_t n_steps)
{
	size_t n = n_steps < p->n_steps ? n_steps : p->n_steps;
	int down = p->kind == ALD_STEP_DOWNGRADE;
	const char *vt = cfg->version_table ? cfg->version_table : "alembic_version";
	char *table = cfg->version_table_schema ? ald__xasprintf("%s.%s", cfg->version_table_schema, vt)
						: ald__xstrdup(vt);
	/* whole: Alembic's error for the whole range; when a step fails with the
	 * same error, the range was not the cause (env.py cannot run offline, say)
	 * and the other steps are not asked again */
	char *out = NULL, *whole = NULL, *why = NULL, *range = whole_range(p, g, target);
	int same_failure = 0;
	if (range && offline_run(&out, &whole, ctx, down, range) == 0) {
		splice(p, n, g, out, table);
		free(out);
	}
	free(range);
	for (size_t i = 0; i < n; i++) {
		if (!wants_sql(p, g, i))
			continue;
		range = step_range(&p->steps[i], g);
		why = NULL;
		if (same_failure) {
			why = ald__xstrdup(whole);
		} else if (offline_run(&out, &why, ctx, down, range) == 0) {
			splice(p, n, g, out, table);
			free(out);
		} else if (whole && ald__streq(why, whole)) {
			same_failure = 1;
		}
		if (wants_sql(p, g, i)) {
			char *reason = why ? why : ald__xasprintf("its script for %s has no section \"%s\"", range,
								   p->steps[i].comment);
			p->steps[i].note = source_note(&p->steps[i], &g->revs[p->steps[i].rev].file, reason);
			if (!why)
				free(reason);
		}
		free(why);
		free(range);
	}
	free(whole);
	free(table);
}
