/* search.c - `/`, `n` and `N`: finding revisions by id, label or message. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "tui_internal.h"

#include <ncurses.h>
#include <stdlib.h>
#include <string.h>

static int matches(const ald_revision *r, const char *q)
{
	if (strcasestr(ald_revision_id(r), q) || strcasestr(ald_revision_message(r), q))
		return 1;
	for (size_t i = 0; i < ald_revision_label_count(r); i++)
		if (strcasestr(ald_revision_label_at(r, i), q))
			return 1;
	return 0;
}

void search_next(struct tui *t, int dir)
{
	size_t n = ald_revlist_count(t->order);
	if (!t->search[0] || n == 0) {
		tui_set_status(t, "no search: press / first");
		return;
	}
	for (size_t k = 1; k <= n; k++) {
		size_t i = (t->cursor + (dir > 0 ? k : n - k)) % n;
		if (matches(ald_revlist_at(t->order, i), t->search)) {
			graph_goto(t, i);
			tui_set_status(t, "/%s: %s", t->search, ald_revision_id(ald_revlist_at(t->order, i)));
			return;
		}
	}
	tui_set_status(t, "/%s: not found", t->search);
}

void search_prompt(struct tui *t)
{
	char *q = dialog_input(t, "/");
	if (!q)
		return;
	if (*q && !ald_revlist_count(t->order)) {
		snprintf(t->search, sizeof(t->search), "%s", q);
		tui_set_status(t, "/%s: not found (no revisions)", t->search);
	} else if (*q) {
		snprintf(t->search, sizeof(t->search), "%s", q);
		/* start from the row before the cursor so the cursor's row can match */
		if (matches(ald_revlist_at(t->order, t->cursor), t->search))
			tui_set_status(t, "/%s: %s", t->search, ald_revision_id(ald_revlist_at(t->order, t->cursor)));
		else
			search_next(t, 1);
	}
	free(q);
}
