/* history_table_api.c - the public API of the history table: its rows, the
 * checksum a revision has now, the applied revisions edited since they ran
 * (see the "History table" section of aludel.h). */
#include "error.h"
#include "history_table.h"
#include "project.h"

#include <stdlib.h>
#include <string.h>

struct ald_runs {
	struct ald_histtab_records rec;
	ald_run_record *v;
};

const char *ald_project_history_table(const ald_project *p)
{
	return p->config.history_table;
}

int ald_project_runs(ald_runs **out, ald_project *p, size_t max)
{
	struct ald_db *db = NULL;
	*out = NULL;
	ald__error_clear();
	ald_runs *l = ald__xcalloc(1, sizeof(*l));
	int error = 0;
	if (p->config.history_table && (error = ald__project_db(&db, p)) == 0)
		error = ald__histtab_read(&l->rec, db, p->config.history_table, p->config.version_table_schema, NULL,
					 max);
	if (error < 0) {
		ald_runs_free(l);
		return error;
	}
	l->v = ald__xcalloc(l->rec.n ? l->rec.n : 1, sizeof(*l->v));
	for (size_t i = 0; i < l->rec.n; i++) {
		const struct ald_histtab_record *r = &l->rec.v[i];
		l->v[i] = (ald_run_record){r->revision, r->direction, r->checksum, r->started, r->finished,
					   ald__histtab_seconds(r->started, r->finished), r->user, r->host,
					   r->version};
	}
	*out = l;
	return 0;
}

size_t ald_runs_count(const ald_runs *l)
{
	return l ? l->rec.n : 0;
}

const ald_run_record *ald_runs_at(const ald_runs *l, size_t i)
{
	return l && i < l->rec.n ? &l->v[i] : NULL;
}

void ald_runs_free(ald_runs *l)
{
	if (!l)
		return;
	ald__histtab_records_clear(&l->rec);
	free(l->v);
	free(l);
}

int ald_revision_checksum(char **out, const ald_revision *r, int downgrade)
{
	char hex[65];
	*out = NULL;
	ald__error_clear();
	int error = ald__histtab_rev_checksum(hex, r->rev, downgrade != 0, ald__project_split_dialect(r->project));
	if (error == 0)
		*out = ald__xstrdup(hex);
	return error;
}

/* The newest upgrade checksum of each revision: sums[i] borrowed from rec
 * (NULL: no row). */
static void last_sums(const char **sums, const struct ald_graph *g, const struct ald_histtab_records *rec)
{
	for (size_t k = 0; k < rec->n; k++) { /* newest first: the first row seen wins */
		size_t x = ald__graph_find(g, rec->v[k].revision);
		if (x != ALD_NOREV && ald__streq(g->revs[x].file.id, rec->v[k].revision) && !sums[x])
			sums[x] = rec->v[k].checksum;
	}
}

int ald_project_edited(ald_revlist **out, ald_project *p)
{
	struct ald_db *db = NULL;
	struct ald_histtab_records rec = {0};
	ald_strarray rows = {0};
	ald_revlist *applied = NULL;
	*out = NULL;
	ald__error_clear();
	if (!p->config.history_table) {
		*out = ald__revlist_new();
		return 0;
	}
	int error = ald__project_db(&db, p);
	if (error == 0)
		error = ald__histtab_read(&rec, db, p->config.history_table, p->config.version_table_schema,
					 "upgrade", 0);
	if (error == 0)
		error = ald_project_current(&rows, p);
	if (error == 0)
		error = ald_project_applied(&applied, p, &rows);
	if (error == 0) {
		const struct ald_graph *g = p->graph;
		const char **sums = ald__xcalloc(g->n ? g->n : 1, sizeof(*sums));
		enum ald_sql_dialect dialect = ald__project_split_dialect(p);
		last_sums(sums, g, &rec);
		ald_revlist *l = ald__revlist_new();
		for (size_t i = 0; i < ald_revlist_count(applied); i++) {
			const ald_revision *r = ald_revlist_at(applied, i);
			size_t x = r->rev->pos;
			char now[65];
			if (!sums[x] || !*sums[x])
				continue;
			if (ald__histtab_rev_checksum(now, r->rev, 0, dialect) < 0 || !ald__streq(now, sums[x]))
				ald__revlist_push(l, r);
		}
		ald__error_clear();
		free(sums);
		*out = l;
	}
	ald_revlist_free(applied);
	ald_strarray_dispose(&rows);
	ald__histtab_records_clear(&rec);
	return error;
}
