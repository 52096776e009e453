/* screen_diverged.c - `D`: how two marked heads diverged, before merging
 * them. A scrollable text (dialog_text) listing their merge base (the
 * newest of their common ancestors), the revisions each has that the other
 * lacks (newest first), the tables both sides' own revisions touch (where a
 * merge needs a look) and the tables only one side touches
 * (ald_revision_tables). */
#define _XOPEN_SOURCE_EXTENDED 1
#include "tui_internal.h"

#include <ncurses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The most revisions of a side whose files are read for their tables: the
 * newest ones (a file costs about 0.2 ms; a side of 50,000 revisions would
 * take seconds). */
#define TABLES_MAX 3000
/* The most revisions of a side listed: the tables come after the lists. */
#define LIST_MAX 500

/* A growing text. */
struct text {
	char *s;
	size_t len, cap;
};

static void put(struct text *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct text *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (b->len + (size_t)n + 1 > b->cap) {
		b->cap = (b->len + (size_t)n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		if (!b->s)
			abort();
	}
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* One table and the revisions of each side that touch it. */
struct table {
	char *name;
	struct text revs[2]; /* " id" per revision, per side */
};

struct tables {
	struct table *v;
	size_t n, cap;
};

static struct table *table_get(struct tables *ts, const char *name)
{
	for (size_t i = 0; i < ts->n; i++)
		if (strcmp(ts->v[i].name, name) == 0)
			return &ts->v[i];
	if (ts->n == ts->cap) {
		ts->cap = ts->cap ? ts->cap * 2 : 16;
		ts->v = realloc(ts->v, ts->cap * sizeof(*ts->v));
		if (!ts->v)
			abort();
	}
	struct table *tb = &ts->v[ts->n++];
	memset(tb, 0, sizeof(*tb));
	tb->name = strdup(name);
	if (!tb->name)
		abort();
	return tb;
}

static int cmp_table(const void *a, const void *b)
{
	return strcmp(((const struct table *)a)->name, ((const struct table *)b)->name);
}

/* The first line of r's message. */
static void put_rev(struct text *b, const ald_revision *r)
{
	const char *m = ald_revision_message(r);
	put(b, "  %s  %.*s\n", ald_revision_id(r), (int)strcspn(m ? m : "", "\n"), m ? m : "");
}

/* The lines of the tables that `side` (0, 1 or 2 for both) touches. */
static size_t put_tables(struct text *b, const struct tables *ts, int side, const char *const names[2])
{
	size_t count = 0;
	for (size_t i = 0; i < ts->n; i++) {
		const struct table *tb = &ts->v[i];
		int in0 = tb->revs[0].len > 0, in1 = tb->revs[1].len > 0;
		if ((side == 2 && in0 && in1) || (side == 0 && in0 && !in1) || (side == 1 && !in0 && in1)) {
			count++;
			if (side == 2)
				put(b, "  %s  (%s:%s; %s:%s)\n", tb->name, names[0], tb->revs[0].s, names[1],
				    tb->revs[1].s);
			else
				put(b, "  %s  (%s)\n", tb->name, tb->revs[side].s + 1);
		}
	}
	if (!count)
		put(b, "  (none)\n");
	return count;
}

/* Builds the text for heads a and b (caller frees). */
static char *diverged_text(struct tui *t, const ald_revision *heads[2])
{
	size_t n = ald_project_revision_count(t->project);
	ald_revlist *anc[2] = {NULL, NULL};
	unsigned char *in = calloc(n ? n : 1, 1); /* bit s: an ancestor of heads[s] */
	unsigned char *child_in_both = calloc(n ? n : 1, 1);
	struct text b = {0};
	struct tables ts = {0};
	const char *names[2] = {ald_revision_id(heads[0]), ald_revision_id(heads[1])};
	if (!in || !child_in_both)
		abort();
	for (int s = 0; s < 2; s++) {
		char *range = malloc(strlen(names[s]) + 6);
		if (!range)
			abort();
		sprintf(range, "base:%s", names[s]);
		int err = ald_project_history(&anc[s], t->project, range, NULL);
		free(range);
		if (err < 0) {
			const ald_error *e = ald_error_last();
			put(&b, "cannot read the ancestry of %s: %s\n", names[s], e ? e->message : "error");
			goto done;
		}
		for (size_t i = 0; i < ald_revlist_count(anc[s]); i++)
			in[ald_revision_index(ald_revlist_at(anc[s], i))] |= (unsigned char)(1u << s);
	}
	/* merge base: common ancestors no other common ancestor stands on */
	for (size_t i = 0; i < ald_revlist_count(anc[0]); i++) {
		const ald_revision *r = ald_revlist_at(anc[0], i);
		if (in[ald_revision_index(r)] != 3)
			continue;
		for (size_t j = 0; j < ald_revision_parent_count(r); j++)
			child_in_both[ald_revision_index(ald_revision_parent_at(r, j))] = 1;
		for (size_t j = 0; j < ald_revision_dependency_count(r); j++)
			child_in_both[ald_revision_index(ald_revision_dependency_at(r, j))] = 1;
	}
	put(&b, "Merge base (their newest common ancestors):\n");
	size_t bases = 0;
	for (size_t i = 0; i < ald_revlist_count(anc[0]); i++) {
		const ald_revision *r = ald_revlist_at(anc[0], i);
		if (in[ald_revision_index(r)] == 3 && !child_in_both[ald_revision_index(r)]) {
			put_rev(&b, r);
			bases++;
		}
	}
	if (!bases)
		put(&b, "  (none: they share no revision)\n");
	size_t capped[2] = {0, 0};
	for (int s = 0; s < 2; s++) {
		size_t only = 0, read = 0;
		for (size_t i = 0; i < ald_revlist_count(anc[s]); i++)
			only += in[ald_revision_index(ald_revlist_at(anc[s], i))] == (1u << s);
		put(&b, "\nOnly in %s (%zu revision%s, newest first):\n", names[s], only, only == 1 ? "" : "s");
		for (size_t i = 0; i < ald_revlist_count(anc[s]); i++) {
			const ald_revision *r = ald_revlist_at(anc[s], i);
			if (in[ald_revision_index(r)] != (1u << s))
				continue;
			if (read < LIST_MAX)
				put_rev(&b, r);
			else if (read == LIST_MAX)
				put(&b, "  ... and %zu older ones\n", only - LIST_MAX);
			if (read++ >= TABLES_MAX) {
				capped[s] = only;
				continue;
			}
			ald_strarray tabs = {0};
			if (ald_revision_tables(&tabs, t->project, r) < 0) {
				const ald_error *e = ald_error_last();
				put(&b, "    (its tables cannot be read: %s)\n", e ? e->message : "error");
				continue;
			}
			for (size_t k = 0; k < tabs.count; k++)
				put(&table_get(&ts, tabs.strings[k])->revs[s], " %s", ald_revision_id(r));
			ald_strarray_dispose(&tabs);
		}
	}
	if (ts.n)
		qsort(ts.v, ts.n, sizeof(*ts.v), cmp_table);
	for (int s = 0; s < 2; s++)
		if (capped[s])
			put(&b, "\nNote: the tables of %s's side are those of its newest %d of %zu revisions only.\n",
			    names[s], TABLES_MAX, capped[s]);
	put(&b, "\nTables BOTH sides touch (check these before merging):\n");
	put_tables(&b, &ts, 2, names);
	for (int s = 0; s < 2; s++) {
		put(&b, "\nTables only %s touches:\n", names[s]);
		put_tables(&b, &ts, s, names);
	}
done:
	for (size_t i = 0; i < ts.n; i++) {
		free(ts.v[i].name);
		free(ts.v[i].revs[0].s);
		free(ts.v[i].revs[1].s);
	}
	free(ts.v);
	ald_revlist_free(anc[0]);
	ald_revlist_free(anc[1]);
	free(in);
	free(child_in_both);
	return b.s ? b.s : strdup("");
}

void diverged_show(struct tui *t)
{
	const ald_revision *heads[2];
	size_t marked = 0, n = ald_project_revision_count(t->project);
	for (size_t i = 0; i < n; i++)
		if (t->marked[i]) {
			if (marked < 2)
				heads[marked] = ald_project_revision_at(t->project, i);
			marked++;
		}
	if (marked != 2) {
		tui_set_status(t, "D compares two heads: mark exactly two with Space (%zu marked)", marked);
		return;
	}
	attron(tui_attr(t, C_STATUS));
	mvaddnstr(LINES - 1, 0, " reading both ancestries and their revisions' tables...", COLS);
	clrtoeol();
	attroff(tui_attr(t, C_STATUS));
	refresh();
	char *text = diverged_text(t, heads);
	char title[160];
	snprintf(title, sizeof(title), "Diverged: %s and %s", ald_revision_id(heads[0]), ald_revision_id(heads[1]));
	dialog_text(t, title, text, NULL);
	free(text);
	tui_set_status(t, "compared %s and %s", ald_revision_id(heads[0]), ald_revision_id(heads[1]));
}
