/* history_table_run.c - the history rows of steps Alembic ran: written
 * after it, in a transaction of their own (see history_table.h). */
#include "history_table.h"

#include <stdlib.h>

const char *ald__histtab_direction(enum ald_step_kind kind)
{
	return kind == ALD_STEP_UPGRADE ? "upgrade" : kind == ALD_STEP_DOWNGRADE ? "downgrade" : "stamp";
}

/* Whether step st shows done in the rows read after a failed Alembic run
 * (mark: the applied revisions). */
static int done(const struct ald_step *st, const unsigned char *mark)
{
	if (st->kind == ALD_STEP_STAMP || st->rev == ALD_NOREV)
		return 0; /* a failed stamp: nothing to say */
	return (st->kind == ALD_STEP_UPGRADE) == (mark[st->rev] != 0);
}

static int write_rows(struct ald_histtab *h, struct ald_db *db, const struct ald_graph *g,
		      const struct ald_plan_data *p, size_t first, size_t end, const unsigned char *mark,
		      char (*times)[2][ALD_HISTTAB_TIME_LEN], size_t *failed_step)
{
	for (size_t k = first; k < end; k++) {
		const struct ald_step *st = &p->steps[k];
		if (mark && !done(st, mark))
			continue;
		char now[ALD_HISTTAB_TIME_LEN], sum[65];
		ald__histtab_now(now);
		int has_sum = st->kind != ALD_STEP_STAMP && st->rev != ALD_NOREV &&
			      ald__histtab_rev_checksum(sum, &g->revs[st->rev], st->kind == ALD_STEP_DOWNGRADE,
						       ALD_SQL_ANY /* .py steps: not split */) == 0;
		struct ald_histtab_row row = {
			.revision = st->rev == ALD_NOREV ? "base" : g->revs[st->rev].file.id,
			.direction = ald__histtab_direction(st->kind),
			.checksum = has_sum ? sum : NULL,
			.started = times && times[k][0][0] ? times[k][0] : now,
			.finished = times && times[k][1][0] ? times[k][1] : now,
		};
		int error = ald__histtab_write(h, db, &row);
		if (error < 0) {
			*failed_step = k;
			return error;
		}
	}
	return 0;
}

int ald__histtab_write_steps(struct ald_histtab *h, struct ald_db *db, const struct ald_graph *g,
			    const struct ald_plan_data *p, size_t first, size_t end, const struct ald_strvec *rows_after,
			    char (*times)[2][ALD_HISTTAB_TIME_LEN], size_t *failed_step)
{
	*failed_step = first;
	if (!h->table || first >= end)
		return 0;
	unsigned char *mark = NULL;
	if (rows_after) {
		struct ald_ixvec ix = {0};
		for (size_t i = 0; i < rows_after->n; i++) {
			size_t x = ald__graph_find(g, rows_after->v[i]);
			if (x != ALD_NOREV)
				ald__ixvec_push(&ix, x);
		}
		mark = ald__xcalloc(g->n ? g->n : 1, 1);
		ald__graph_ancestors(g, ix.v, ix.n, 0, mark);
		ald__ixvec_free(&ix);
	}
	int error = ald__db_begin(db);
	if (error == 0)
		error = write_rows(h, db, g, p, first, end, mark, times, failed_step);
	if (error == 0 && (error = ald__db_commit(db)) == 0)
		ald__histtab_committed(h);
	if (error < 0) {
		ald__db_rollback(db);
		h->pending = 0;
	}
	free(mark);
	return error;
}
