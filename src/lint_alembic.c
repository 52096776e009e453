/* lint_alembic.c - the SQL of Alembic .py revisions for the linter, from
 * the plan machinery's offline mode (plan_alembic_sql.c): an upgrade plan of
 * the revisions asks Alembic once for "base:heads" (several revisions) and a
 * downgrade plan once for "<last>:base"; the steps those runs do not cover
 * are asked one at a time. A step Alembic cannot give is an error naming the
 * revision. */
#include "alembic.h"
#include "error.h"
#include "lint_rules.h"
#include "plan.h"
#include "project.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The note plan_alembic_sql.c gives a step with no statements. */
static const char no_sql_note[] = "-- (no SQL)\n";

/* Alembic's reason from a step's note: its "--   " lines. */
static char *note_reason(const char *note)
{
	struct ald_buf b = {0};
	for (const char *s = note; s && *s;) {
		const char *e = strchr(s, '\n');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (n > 5 && strncmp(s, "--   ", 5) == 0) {
			if (b.len)
				ald__buf_puts(&b, "; ");
			ald__buf_put(&b, s + 5, n - 5);
		}
		s += n + (e ? 1 : 0);
	}
	if (!b.len)
		ald__buf_puts(&b, "no reason given");
	return ald__buf_detach(&b);
}

/* Runs one direction's plan; moves each step's statements to out[k] for the
 * revision revs[k] it ran. */
static int one_direction(struct ald_lint_pysql *out, const ald_project *p, const size_t *revs, const size_t *order,
			 size_t n, int down, const char *row, const char *target)
{
	const struct ald_graph *g = p->graph;
	struct ald_plan_config cfg = {
		.dialect = &ald__dialect_postgresql,
		.version_table = p->config.version_table,
		.version_table_schema = p->config.version_table_schema,
		.transaction_per_migration = p->config.transaction_per_migration,
		.offline = 1,
	};
	struct ald_plan_data *pd = NULL;
	const char *rows[1] = {row};
	int err = ald__plan_build_from_revs(&pd, g, down ? ALD_STEP_DOWNGRADE : ALD_STEP_UPGRADE, order, n, rows,
					   row ? 1 : 0, &cfg);
	if (err < 0)
		return err;
	struct ald_alembic_ctx ctx;
	memset(&ctx, 0, sizeof(ctx));
	ald__alembic_find(&ctx.cmd, &p->config);
	ctx.config_path = p->config.path;
	ctx.section = p->config.section;
	ctx.x_args = &p->config.x_args;
	ctx.stamps = p->alembic;
	ald__alembic_offline_sql(pd, g, &cfg, &ctx, target, pd->n_steps);
	ald__alembic_cmd_clear(&ctx.cmd);
	for (size_t i = 0; i < pd->n_steps && err == 0; i++) {
		struct ald_step *st = &pd->steps[i];
		size_t k = 0;
		while (k < n && revs[k] != st->rev)
			k++;
		if (k == n)
			continue;
		if (st->note && strcmp(st->note, no_sql_note) != 0) {
			const struct ald_revfile *f = &g->revs[st->rev].file;
			char *why = note_reason(st->note);
			err = ald__error_set(ALD_ERROR, "%s: revision %s: Alembic's offline mode did not give its %s SQL: %s",
					    f->path, f->id, down ? "downgrade" : "upgrade", why);
			free(why);
			break;
		}
		struct ald_stmts *dst = down ? &out[k].down : &out[k].up;
		*dst = st->sql;
		memset(&st->sql, 0, sizeof(st->sql));
	}
	ald__plan_data_free(pd);
	return err;
}

int ald__lint_python_sql(struct ald_lint_pysql *out, const ald_project *p, const size_t *revs, size_t n)
{
	const struct ald_graph *g = p->graph;
	int err = one_direction(out, p, revs, revs, n, 0, NULL, n > 1 ? "heads" : NULL);
	if (err < 0 || n == 0)
		return err;
	/* the downgrades, newest first, of the revisions that have a downgrade() */
	size_t *order = ald__xcalloc(n, sizeof(*order)), m = 0;
	for (size_t i = n; i-- > 0;) {
		char *text = NULL;
		int e = ald_revision_sql(&text, &p->revisions[revs[i]], 1);
		free(text);
		/* no downgrade() function; not a file that is gone (also ALD_ENOTFOUND) */
		if (e == ALD_ENOTFOUND && access(p->revisions[revs[i]].rev->file.path, F_OK) == 0) {
			out[i].no_downgrade = 1;
			ald__error_clear();
		} else if (e < 0) {
			free(order);
			return e;
		} else {
			order[m++] = revs[i];
		}
	}
	if (m)
		err = one_direction(out, p, revs, order, m, 1, m > 1 ? g->revs[order[0]].file.id : NULL,
				    m > 1 ? "base" : NULL);
	free(order);
	return err;
}
