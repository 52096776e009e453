/* check_project.c - the steps of `aludel check` that need the project
 * opened: the lint rules of severity error on a PostgreSQL project, and the
 * applied revisions edited since they ran. */
#include "check.h"
#include "db.h"
#include "error.h"

#include <stdlib.h>

/* Every revision, oldest first, linted; each error finding reported. Lint
 * that cannot run (Alembic failing to give a .py revision's SQL...) is a
 * finding too: the gate does not pass what it could not check. */
static void lint_errors(struct ald_check_result *r, ald_project *p)
{
	ald_revlist *hist = NULL;
	ald_lint *lint = NULL;
	if (ald_project_history(&hist, p, NULL, NULL) < 0) {
		ald__check_add_error(r, ALD_CHECK_LINT, NULL);
		return;
	}
	size_t n = ald_revlist_count(hist);
	const ald_revision **v = ald__xmalloc((n ? n : 1) * sizeof(*v));
	for (size_t i = 0; i < n; i++)
		v[i] = ald_revlist_at(hist, n - 1 - i);
	if (ald_lint_revisions(&lint, p, v, n) < 0) {
		const ald_error *e = ald_error_last();
		ald__check_add(r, ALD_CHECK_LINT, NULL, 0, "lint could not run: %s",
			      e && e->message ? e->message : "unknown error");
		ald__error_clear();
	}
	for (size_t i = 0; i < ald_lint_count(lint); i++) {
		const ald_lint_finding *f = ald_lint_at(lint, i);
		if (f->severity >= ALD_LINT_ERROR)
			ald__check_add(r, ALD_CHECK_LINT, f->path, f->line, "%s: %s%s", f->rule, f->message,
				      f->downgrade ? " (downgrade)" : "");
	}
	ald_lint_free(lint);
	free(v);
	ald_revlist_free(hist);
}

void ald__check_edited(struct ald_check_result *r, ald_project *p)
{
	ald_strarray rows = {0};
	if (ald_project_current(&rows, p) < 0) { /* no database to ask: nothing applied to check */
		ald__error_clear();
		return;
	}
	ald_strarray_dispose(&rows);
	ald_revlist *edited = NULL;
	if (ald_project_edited(&edited, p) < 0) {
		ald__check_add_error(r, ALD_CHECK_EDITED, NULL);
		return;
	}
	for (size_t i = 0; i < ald_revlist_count(edited); i++) {
		const ald_revision *x = ald_revlist_at(edited, i);
		ald__check_add(r, ALD_CHECK_EDITED, ald_revision_path(x), 0,
			      "revision %s was edited since it was applied (its upgrade no longer has the checksum "
			      "it ran with)",
			      ald_revision_id(x));
	}
	ald_revlist_free(edited);
}

void ald__check_project(struct ald_check_result *r, const ald_open_options *open, const struct ald_config *cfg)
{
	ald_project *p = NULL;
	if (ald_project_open(&p, open) < 0) {
		ald__check_add_error(r, ALD_CHECK_PROJECT, NULL);
		return;
	}
	/* lint's rules are PostgreSQL's: without a URL, or with a database they
	 * are not written for (SQLite), no lint */
	const struct ald_dialect *d = ald__db_url_dialect(cfg->url);
	if (d && d->lint_rules)
		lint_errors(r, p);
	if (cfg->url)
		ald__check_edited(r, p);
	ald_project_free(p);
}
