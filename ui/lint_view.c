/* lint_view.c - the TUI's lint findings: each revision's findings linted
 * when first asked for (a graph row on screen, its preview) and cached per
 * map index until the project is reloaded; the graph row's marker, the
 * finding lines the preview puts beside the statements, and the block the
 * confirmation dialog shows for a plan's SQL. A project whose URL is SQLite
 * is not linted (the rules are PostgreSQL's): everything here is then empty,
 * without a word. Alembic .py revisions are not linted on rows or in the
 * preview (that asks Alembic for their SQL, far too slow for a screen of
 * rows); the confirmation lints every revision of the plan, .py included. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "tui_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Per map index: not yet linted, linted (with or without findings), or not
 * lintable (a .py revision, an error while reading it). */
enum { LINT_UNKNOWN, LINT_DONE, LINT_NONE };

struct tui_lint {
	size_t n;              /* revisions of the project */
	unsigned char *state;  /* per map index, LINT_* */
	ald_lint **found;      /* per map index: the findings when there are some */
	int off;               /* the project is not linted (SQLite) */
};

void lint_forget(struct tui *t)
{
	struct tui_lint *l = t->lint;
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		ald_lint_free(l->found[i]);
	free(l->found);
	free(l->state);
	free(l);
	t->lint = NULL;
}

/* The cache, made for the current project on first use. */
static struct tui_lint *cache(struct tui *t)
{
	if (!t->lint) {
		size_t n = ald_project_revision_count(t->project);
		struct tui_lint *l = calloc(1, sizeof(*l));
		if (!l || !(l->state = calloc(n ? n : 1, 1)) || !(l->found = calloc(n ? n : 1, sizeof(*l->found))))
			abort();
		l->n = n;
		t->lint = l;
	}
	return t->lint;
}

/* The findings of the revision at map index ix, linted now if it was not
 * yet; NULL when it has none or is not linted. */
const ald_lint *lint_of(struct tui *t, size_t ix)
{
	struct tui_lint *l = cache(t);
	if (l->off || ix >= l->n)
		return NULL;
	if (l->state[ix] == LINT_UNKNOWN) {
		const ald_revision *r = ald_project_revision_at(t->project, ix);
		ald_lint *found = NULL;
		l->state[ix] = LINT_NONE;
		if (ald_revision_is_alembic(r))
			return NULL;
		int err = ald_lint_revisions(&found, t->project, &r, 1);
		if (err == ALD_EUSAGE) { /* SQLite: not linted at all */
			l->off = 1;
			return NULL;
		}
		if (err < 0)
			return NULL; /* e.g. the file changed on disk: the preview says so */
		l->state[ix] = LINT_DONE;
		if (ald_lint_count(found))
			l->found[ix] = found;
		else
			ald_lint_free(found);
	}
	return l->found[ix];
}

const char *lint_marker(struct tui *t, size_t ix, int *pair)
{
	const ald_lint *found = lint_of(t, ix);
	if (!found)
		return NULL;
	*pair = ald_lint_max_severity(found) >= ALD_LINT_ERROR ? C_WARN : C_ID;
	return t->utf8 ? " \u26a0" : " !";
}

/* The comment lines of one finding, appended to f. */
static void put_finding(struct tui *t, FILE *f, const ald_lint_finding *x)
{
	fprintf(f, "%s %s: %s\n", lint_line_prefix(t), x->rule, x->message);
	if (x->fix && *x->fix)
		fprintf(f, "--   fix: %s\n", x->fix);
}

const char *lint_line_prefix(const struct tui *t)
{
	return t->utf8 ? "-- \u26a0" : "-- !";
}

int lint_line_is_finding(const struct tui *t, const char *s, size_t len)
{
	const char *p = lint_line_prefix(t);
	size_t n = strlen(p);
	if (len > n && strncmp(s, p, n) == 0 && s[n] == ' ')
		return 1;
	return len > 9 && strncmp(s, "--   fix: ", 10) == 0;
}

char *lint_annotate(struct tui *t, const ald_revision *r, int downgrade, const char *sql)
{
	const ald_lint *found = lint_of(t, ald_revision_index(r));
	size_t n = ald_lint_count(found);
	if (!found || !n)
		return NULL;
	size_t len = strlen(sql);
	/* after[k]: the offset of the end of the line after which finding k
	 * goes; len + 1 when it is not found in the text (then it goes last) */
	size_t *after = calloc(n, sizeof(*after));
	if (!after)
		abort();
	size_t from = 0, mine = 0;
	for (size_t k = 0; k < n; k++) {
		const ald_lint_finding *x = ald_lint_at(found, k);
		after[k] = SIZE_MAX;
		if (!x->downgrade != !downgrade)
			continue;
		mine++;
		after[k] = len + 1;
		if (!x->statement || !*x->statement)
			continue;
		/* in file order: look from the last statement found, else from the start */
		const char *at = strstr(sql + from, x->statement);
		if (!at)
			at = strstr(sql, x->statement);
		if (!at)
			continue;
		size_t end = (size_t)(at - sql) + strlen(x->statement);
		from = (size_t)(at - sql);
		end += strcspn(sql + end, "\n");
		after[k] = end;
	}
	if (!mine) {
		free(after);
		return NULL;
	}
	char *text = NULL;
	size_t tlen = 0;
	FILE *f = open_memstream(&text, &tlen);
	if (!f)
		abort();
	size_t pos = 0;
	while (pos <= len) {
		size_t eol = pos + strcspn(sql + pos, "\n");
		if (eol > pos || sql[eol] == '\n')
			fprintf(f, "%.*s\n", (int)(eol - pos), sql + pos);
		for (size_t k = 0; k < n; k++)
			if (after[k] == eol)
				put_finding(t, f, ald_lint_at(found, k));
		pos = eol + 1;
	}
	for (size_t k = 0; k < n; k++)
		if (after[k] == len + 1)
			put_finding(t, f, ald_lint_at(found, k));
	fclose(f);
	free(after);
	return text;
}

/* Whether finding x concerns a plan in direction `down`: its part of the
 * revision, and an empty downgrade whichever way the plan goes. */
static int in_direction(const ald_lint_finding *x, int down)
{
	return x->downgrade == down || strcmp(x->rule, "empty-downgrade") == 0;
}

/* The findings of the revisions the plan runs, each revision linted alone
 * (what an earlier step creates is not "created in the same revision"). */
static ald_lint *lint_steps(struct tui *t, const ald_plan *plan, int *err)
{
	size_t n = ald_plan_step_count(plan), k = 0;
	const ald_revision **revs = calloc(n ? n : 1, sizeof(*revs));
	if (!revs)
		abort();
	for (size_t i = 0; i < n; i++)
		if ((revs[k] = ald_plan_step_revision(plan, i)) != NULL)
			k++;
	ald_lint *found = NULL;
	*err = ald_lint_revisions(&found, t->project, revs, k);
	free(revs);
	return found;
}

char *lint_plan_block(struct tui *t, const ald_plan *plan, int down, const char *sql, int *errors)
{
	*errors = 0;
	if (cache(t)->off || down < 0)
		return NULL;
	int err;
	ald_lint *found = lint_steps(t, plan, &err);
	if (err == ALD_EUSAGE)
		cache(t)->off = 1;
	size_t shown = 0;
	for (size_t k = 0; err == 0 && k < ald_lint_count(found); k++)
		shown += in_direction(ald_lint_at(found, k), down);
	if (err < 0 || !shown) {
		ald_lint_free(found);
		return NULL;
	}
	size_t n = shown, nerr = 0;
	for (size_t k = 0; k < ald_lint_count(found); k++)
		nerr += in_direction(ald_lint_at(found, k), down) && ald_lint_at(found, k)->severity >= ALD_LINT_ERROR;
	char *text = NULL;
	size_t tlen = 0;
	FILE *f = open_memstream(&text, &tlen);
	if (!f)
		abort();
	fprintf(f, "Lint: %zu warning%s, %zu error%s\n", n - nerr, n - nerr == 1 ? "" : "s", nerr,
		nerr == 1 ? "" : "s");
	for (size_t k = 0; k < ald_lint_count(found); k++) {
		const ald_lint_finding *x = ald_lint_at(found, k);
		if (!in_direction(x, down))
			continue;
		const char *base = strrchr(x->path, '/');
		fprintf(f, "  %s %s: %s (%s:%u)\n", x->severity >= ALD_LINT_ERROR ? "error" : "warning", x->rule,
			x->message, base ? base + 1 : x->path, x->line);
	}
	fprintf(f, "\n%s", sql);
	fclose(f);
	ald_lint_free(found);
	*errors = nerr > 0;
	return text;
}
