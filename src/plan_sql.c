/* plan_sql.c - the offline script of a plan (`--sql`, doc/alembic-compat.md §6.8).
 *
 * Layout, as Alembic 1.8.1 prints it: every statement is followed by ";" and
 * an empty line; a dialect with transactional DDL (PostgreSQL) wraps the run
 * in its BEGIN;/COMMIT; (or each step, with transaction_per_migration), one
 * without (SQLite) has no transaction statements; the
 * version table's CREATE TABLE comes before a step that starts from no rows;
 * each step begins with a "-- Running <step>" comment. A plan made for an
 * online run renders the same way, its preliminaries (creating the missing
 * version table, the purge) first.
 *
 * Decided differences: a revision marked "Transactional: false" stands outside
 * any BEGIN/COMMIT, its version statements right after its own; the script
 * never ends with "DROP TABLE alembic_version;" (1.8.1 printed it whenever the
 * final set of rows was empty, §8.2.9, so the script's schema differed from
 * the online run's; Alembic 1.19 removed it), and so its CREATE TABLE of the
 * version table says IF NOT EXISTS (a script from base may run after one that
 * went down to base, which keeps the table); a revision's statements are
 * printed as written (no tab expansion, which could change string literals).
 */
#include "plan.h"
#include "error.h"

#include <stdlib.h>
#include <string.h>

/* The dialect's offline transaction wrapper, or NULL when it has none. */
static const struct ald_dialect *wrapper(const struct ald_plan_config *cfg)
{
	const struct ald_dialect *d = cfg->dialect ? cfg->dialect : ALD_DIALECT_DEFAULT;
	return d->transactional_ddl ? d : NULL;
}

/* One statement: its text, ";" and an empty line. When the text's last line
 * may end in a "--" comment, the ";" goes on a line of its own. */
static void put_stmt(struct ald_buf *b, const char *sql)
{
	const char *last = strrchr(sql, '\n');
	ald__buf_puts(b, sql);
	ald__buf_puts(b, strstr(last ? last : sql, "--") ? "\n;\n\n" : ";\n\n");
}

/* A version-table statement as offline mode prints it (version_sql.h). */
static void put_vsql(struct ald_buf *b, const struct ald_vsql *v)
{
	char *text = ald__vsql_offline(v->sql);
	ald__buf_puts(b, text);
	free(text);
}

static void put_step(struct ald_buf *b, const struct ald_plan_data *p, const struct ald_step *st,
		     const struct ald_plan_config *cfg)
{
	if (st->create_table && p->offline) {
		/* only where it is missing: a script from base may follow one that
		 * went down to base, which keeps the (empty) table */
		struct ald_vsql create;
		ald__plan_vsql(&create, ALD_VSQL_CREATE, cfg, NULL, NULL);
		char *text = ald__vsql_offline(create.sql);
		const char *head = "CREATE TABLE ";
		if (strncmp(text, head, strlen(head)) == 0)
			ald__buf_printf(b, "CREATE TABLE IF NOT EXISTS %s", text + strlen(head));
		else
			ald__buf_puts(b, text);
		free(text);
		ald__vsql_clear(&create);
	}
	ald__buf_puts(b, "-- ");
	ald__buf_puts(b, st->comment);
	ald__buf_puts(b, "\n\n");
	if (st->note) {
		ald__buf_puts(b, st->note);
		ald__buf_putc(b, '\n');
	}
	if (st->skip)
		ald__buf_printf(b, "-- aludel: statements 1 to %zu ran in an earlier run; this one resumes at "
				  "statement %zu\n\n", st->skip, st->skip + 1);
	for (size_t i = st->skip; i < st->sql.n; i++)
		put_stmt(b, st->sql.v[i].sql);
	for (size_t i = 0; i < st->n_vsql; i++)
		put_vsql(b, &st->vsql[i]);
}

int ald__plan_render_sql_head(char **out, const struct ald_plan_data *p, const struct ald_plan_config *cfg,
			     size_t max_steps)
{
	struct ald_buf b = {0};
	const struct ald_dialect *tx = wrapper(cfg);
	int per_step = cfg->transaction_per_migration, open = 0;
	size_t n = max_steps < p->n_steps ? max_steps : p->n_steps;
	if (p->n_pre) { /* an online plan's preview: table creation, purge */
		if (tx) {
			ald__buf_puts(&b, tx->offline_begin);
			open = 1;
		}
		for (size_t i = 0; i < p->n_pre; i++)
			put_vsql(&b, &p->pre[i]);
	}
	for (size_t i = 0; i < n; i++) {
		const struct ald_step *st = &p->steps[i];
		if (tx && st->transactional && !open) {
			ald__buf_puts(&b, tx->offline_begin);
			open = 1;
		} else if (tx && !st->transactional && open) {
			ald__buf_puts(&b, tx->offline_commit);
			open = 0;
		}
		put_step(&b, p, st, cfg);
		if (open && per_step) {
			ald__buf_puts(&b, tx->offline_commit);
			open = 0;
		}
	}
	if (n < p->n_steps) /* cut: the complete script's prefix, then what is left out */
		ald__buf_printf(&b, "-- aludel: %zu more step%s not shown (%zu in all)\n", p->n_steps - n,
			       p->n_steps - n == 1 ? "" : "s", p->n_steps);
	else if (open)
		ald__buf_puts(&b, tx->offline_commit);
	else if (tx && !per_step && p->n_steps == 0)
		ald__buf_printf(&b, "%s%s", tx->offline_begin, tx->offline_commit);
	*out = ald__buf_detach(&b);
	return 0;
}

int ald__plan_render_sql(char **out, const struct ald_plan_data *p, const struct ald_plan_config *cfg)
{
	return ald__plan_render_sql_head(out, p, cfg, p->n_steps);
}
