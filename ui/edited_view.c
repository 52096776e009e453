/* edited_view.c - the TUI's marker of applied revisions edited since they
 * ran: their upgrade code no longer has the checksum the history table
 * recorded when it ran (ald_project_edited). Read once per read of the
 * database state (t->db_gen), when a graph row first asks; nothing when
 * the database is not connected or the history table is off. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "tui_internal.h"

#include <stdlib.h>

struct tui_edited {
	unsigned long gen;   /* the db_gen it was read for */
	size_t n;            /* revisions of the project */
	unsigned char *is;   /* per map index: edited since applied */
};

void edited_forget(struct tui *t)
{
	if (!t->edited)
		return;
	free(t->edited->is);
	free(t->edited);
	t->edited = NULL;
}

/* The marks for the current database state, read now if they are stale. */
static const struct tui_edited *marks(struct tui *t)
{
	struct tui_edited *e = t->edited;
	if (e && e->gen == t->db_gen)
		return e;
	if (!e) {
		size_t n = ald_project_revision_count(t->project);
		e = calloc(1, sizeof(*e));
		if (!e || !(e->is = calloc(n ? n : 1, 1)))
			abort();
		e->n = n;
		t->edited = e;
	}
	e->gen = t->db_gen;
	for (size_t i = 0; i < e->n; i++)
		e->is[i] = 0;
	ald_revlist *l = NULL;
	if (t->db_state == 1 && ald_project_edited(&l, t->project) == 0)
		for (size_t i = 0; i < ald_revlist_count(l); i++) {
			size_t ix = ald_revision_index(ald_revlist_at(l, i));
			if (ix < e->n)
				e->is[ix] = 1;
		}
	ald_revlist_free(l); /* an error (the table unreadable): no marks */
	return e;
}

const char *edited_marker(struct tui *t, size_t ix, int *pair)
{
	const struct tui_edited *e = marks(t);
	if (ix >= e->n || !e->is[ix])
		return NULL;
	*pair = C_WARN;
	return t->utf8 ? " \u270e" : " ~";
}
