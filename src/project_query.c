/* project_query.c - the public graph queries: heads, resolve, history. */
#include "error.h"
#include "project.h"
#include "resolve.h"

#include <stdlib.h>

int ald_project_heads(ald_revlist **out, const ald_project *p, unsigned flags)
{
	const struct ald_ixvec *heads =
		(flags & ALD_HEADS_RESOLVE_DEPENDENCIES) ? &p->graph->real_heads : &p->graph->heads;
	*out = ald__revlist_from_ix(p, heads);
	return 0;
}

int ald_project_resolve(ald_revlist **out, const ald_project *p, const char *spec)
{
	struct ald_ixvec ix = {0};
	*out = NULL;
	ald__error_clear();
	int error = ald__resolve_revisions(&ix, p->graph, spec);
	if (error == 0)
		*out = ald__revlist_from_ix(p, &ix);
	ald__ixvec_free(&ix);
	return error;
}

/* Maps version-table rows to revision indexes; an unknown row is an error. */
int ald__project_rows_to_ix(struct ald_ixvec *out, const ald_project *p, const char *const *rows,
			   size_t n_rows)
{
	for (size_t i = 0; i < n_rows; i++) {
		size_t r = ald__graph_find(p->graph, rows[i]);
		if (r == ALD_NOREV || !ald__streq(p->graph->revs[r].file.id, rows[i]))
			return ald__error_set(ALD_ENOTFOUND, "Can't locate revision identified by '%s'",
					     rows[i]);
		ald__ixvec_push(out, r);
	}
	return 0;
}

int ald_project_history(ald_revlist **out, const ald_project *p, const char *range,
			const ald_strarray *current)
{
	struct ald_ixvec cur = {0}, ix = {0};
	*out = NULL;
	ald__error_clear();
	int error = current ? ald__project_rows_to_ix(&cur, p, (const char *const *)current->strings, current->count) : 0;
	if (error == 0)
		error = ald__history(&ix, p->graph, range, cur.v, cur.n);
	if (error == 0)
		*out = ald__revlist_from_ix(p, &ix);
	ald__ixvec_free(&cur);
	ald__ixvec_free(&ix);
	return error;
}
