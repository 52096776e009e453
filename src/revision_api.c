/* revision_api.c - the public accessors of ald_revision and ald_revlist. */
#include "error.h"
#include "project.h"

#include <stdlib.h>

const char *ald_revision_id(const ald_revision *r)
{
	return r->rev->file.id;
}

const char *ald_revision_message(const ald_revision *r)
{
	return r->rev->file.message;
}

/* The docstring is not kept when the folder is scanned (a revision parsed
 * whole may have it): it is read from the file when asked for. */
int ald_revision_read_doc(char **out, const ald_revision *r)
{
	const struct ald_revfile *f = &r->rev->file;
	*out = NULL;
	if (f->doc) {
		*out = ald__xstrdup(f->doc);
		return 0;
	}
	struct ald_revfile now;
	int err = ald__revfile_load(&now, f->path);
	if (err == 0 && !ald__streq(now.id, f->id))
		err = ald__error_set(ALD_EINVALID, "%s now holds revision %s, not %s", f->path, now.id, f->id);
	if (err == 0) {
		*out = now.doc ? now.doc : ald__xstrdup("");
		now.doc = NULL;
	}
	ald__revfile_clear(&now);
	return err;
}

const char *ald_revision_path(const ald_revision *r)
{
	return r->rev->file.path;
}

const char *ald_revision_create_date(const ald_revision *r)
{
	return r->rev->file.create_date;
}

unsigned ald_revision_flags(const ald_revision *r)
{
	/* only the bits aludel.h declares: the graph keeps others of its own */
	return r->rev->flags & (ALD_REVISION_BASE | ALD_REVISION_HEAD | ALD_REVISION_REAL_HEAD |
				ALD_REVISION_BRANCHPOINT | ALD_REVISION_MERGEPOINT);
}

int ald_revision_is_alembic(const ald_revision *r)
{
	return r->rev->file.kind == ALD_REVFILE_PY;
}

int ald_revision_transactional(const ald_revision *r)
{
	return r->rev->file.transactional;
}

size_t ald_revision_parent_count(const ald_revision *r)
{
	return r->rev->file.down.n;
}

const char *ald_revision_parent_id_at(const ald_revision *r, size_t i)
{
	return i < r->rev->file.down.n ? r->rev->file.down.v[i] : NULL;
}

const ald_revision *ald_revision_parent_at(const ald_revision *r, size_t i)
{
	if (i >= r->rev->down.n)
		return NULL;
	return &r->project->revisions[r->rev->down.v[i]];
}

size_t ald_revision_dependency_count(const ald_revision *r)
{
	return r->rev->deps.n;
}

const ald_revision *ald_revision_dependency_at(const ald_revision *r, size_t i)
{
	if (i >= r->rev->deps.n)
		return NULL;
	return &r->project->revisions[r->rev->deps.v[i]];
}

size_t ald_revision_depends_on_count(const ald_revision *r)
{
	return r->rev->file.depends.n;
}

const char *ald_revision_depends_on_id_at(const ald_revision *r, size_t i)
{
	return i < r->rev->file.depends.n ? r->rev->file.depends.v[i] : NULL;
}

size_t ald_revision_label_count(const ald_revision *r)
{
	return ald__rev_label_count(r->project->graph, r->rev->pos);
}

const char *ald_revision_label_at(const ald_revision *r, size_t i)
{
	size_t label = ald__rev_label_at(r->project->graph, r->rev->pos, i);
	return label == ALD_NOREV ? NULL : r->project->graph->labels[label].name;
}

size_t ald_revision_child_count(const ald_revision *r)
{
	return r->rev->next.n;
}

const ald_revision *ald_revision_child_at(const ald_revision *r, size_t i)
{
	if (i >= r->rev->next.n)
		return NULL;
	return &r->project->revisions[r->rev->next.v[i]];
}

size_t ald_revision_index(const ald_revision *r)
{
	return r->rev->pos;
}

ald_revlist *ald__revlist_new(void)
{
	return ald__xcalloc(1, sizeof(ald_revlist));
}

void ald__revlist_push(ald_revlist *l, const ald_revision *r)
{
	l->v = ald__xgrow(l->v, &l->cap, l->n + 1, sizeof(*l->v));
	l->v[l->n++] = r;
}

ald_revlist *ald__revlist_from_ix(const ald_project *p, const struct ald_ixvec *ix)
{
	ald_revlist *l = ald__revlist_new();
	for (size_t i = 0; i < ix->n; i++)
		ald__revlist_push(l, &p->revisions[ix->v[i]]);
	return l;
}

size_t ald_revlist_count(const ald_revlist *l)
{
	return l ? l->n : 0;
}

const ald_revision *ald_revlist_at(const ald_revlist *l, size_t i)
{
	return l && i < l->n ? l->v[i] : NULL;
}

void ald_revlist_free(ald_revlist *l)
{
	if (!l)
		return;
	free(l->v);
	free(l);
}
