/* lint_revisions.c - the public entry points: ald_lint_revisions (each
 * native revision's file read once, its upgrade and downgrade sections linted
 * in file order with their file positions; Alembic .py revisions through
 * Alembic's offline SQL) and ald_lint_sql (a script). Both refuse a project
 * whose database URL is SQLite: the rules are PostgreSQL's. */
#include "db.h"
#include "error.h"
#include "lint_rules.h"
#include "project.h"
#include "revision_file.h"

#include <stdlib.h>
#include <string.h>

/* A project of a database the rules are not written for (SQLite) is
 * refused; no URL, or one aludel does not know, is linted. */
static int refuse_sqlite(const ald_project *p)
{
	const struct ald_dialect *d = p ? ald__db_url_dialect(p->config.url) : NULL;
	if (d && !d->lint_rules)
		return ald__error_set(ALD_EUSAGE,
				     "aludel lint checks PostgreSQL migrations; this project's database URL is %s",
				     d->title);
	return 0;
}

/* A fresh unit of `l` (state that does not carry over between units cleared). */
static void unit_start(struct ald_lint_unit *u, int downgrade, int transactional)
{
	ald__lint_unit_forget(u);
	u->downgrade = downgrade;
	u->transactional = transactional;
	u->in_tx = transactional;
	u->lock_timeout = 0;
	u->n_statements = 0;
}

/* One native revision: its file read once, both sections in file order. */
static int lint_native(struct ald_lint_unit *u, const struct ald_revfile *rf)
{
	char *text = NULL;
	size_t len = 0;
	struct ald_revfile now;
	int err = ald__revfile_reread(&now, &text, &len, rf);
	if (err < 0)
		return err;
	const struct ald_section *sec[2] = {&now.upgrade, &now.downgrade};
	int first_down = now.downgrade.present && now.upgrade.present && now.downgrade.offset < now.upgrade.offset;
	for (int k = 0; k < 2 && err == 0; k++) {
		int down = first_down ? k == 0 : k == 1;
		const struct ald_section *s = sec[down];
		unit_start(u, down, now.transactional);
		if (s->present)
			err = ald__lint_unit_sql(u, text + s->offset, s->length, s->line);
		if (err == 0 && down && u->n_statements == 0)
			ald__lint_report_empty_downgrade(u, s->present && s->line > 1 ? s->line - 1 : 1);
	}
	ald__revfile_clear(&now);
	free(text);
	return err;
}

/* One .py revision from the statements Alembic gave. */
static int lint_python(struct ald_lint_unit *u, const struct ald_revfile *rf, const struct ald_lint_pysql *py)
{
	int err = 0;
	for (int down = 0; down < 2 && err == 0; down++) {
		const struct ald_stmts *s = down ? &py->down : &py->up;
		unit_start(u, down, rf->transactional);
		for (size_t i = 0; i < s->n && err == 0; i++)
			err = ald__lint_unit_sql(u, s->v[i].sql, strlen(s->v[i].sql), 0);
		if (err == 0 && down && u->n_statements == 0)
			ald__lint_report_empty_downgrade(u, 0);
	}
	return err;
}

/* The .py revisions' SQL, asked of Alembic at once; py[i] for revs[i]. */
static int python_sql(struct ald_lint_pysql **out, const ald_project *p, const ald_revision *const *revs, size_t n)
{
	size_t *ix = ald__xcalloc(n ? n : 1, sizeof(*ix)), m = 0;
	for (size_t i = 0; i < n; i++)
		if (revs[i]->rev->file.kind == ALD_REVFILE_PY)
			ix[m++] = (size_t)(revs[i] - p->revisions);
	*out = ald__xcalloc(m ? m : 1, sizeof(**out));
	int err = m ? ald__lint_python_sql(*out, p, ix, m) : 0;
	free(ix);
	return err;
}

static void free_python_sql(struct ald_lint_pysql *py, size_t n)
{
	for (size_t i = 0; py && i < n; i++) {
		ald__stmts_free(&py[i].up);
		ald__stmts_free(&py[i].down);
	}
	free(py);
}

int ald_lint_revisions(ald_lint **out, const ald_project *p, const ald_revision *const *revs, size_t n)
{
	int sev[LR_COUNT];
	*out = NULL;
	ald__error_clear();
	int err = refuse_sqlite(p);
	if (err == 0)
		err = ald__lint_severities(sev, p);
	for (size_t i = 0; err == 0 && i < n; i++)
		if (!revs[i] || revs[i]->project != p)
			err = ald__error_set(ALD_EUSAGE, "ald_lint_revisions: revision %zu is not one of the project's", i);
	if (err == 0)
		err = ald__pgq_load();
	struct ald_lint_pysql *py = NULL;
	size_t n_py = 0;
	for (size_t i = 0; i < n; i++)
		n_py += revs[i] && revs[i]->rev->file.kind == ALD_REVFILE_PY;
	if (err == 0)
		err = python_sql(&py, p, revs, n);
	struct ald_lint *l = ald__lint_new();
	struct ald_lint_unit u = {.out = l, .severity = sev};
	for (size_t i = 0, k = 0; err == 0 && i < n; i++) {
		const struct ald_revfile *rf = &revs[i]->rev->file;
		u.revision = revs[i];
		u.path = ald__lint_keep(l, rf->path);
		if (rf->kind == ALD_REVFILE_PY)
			err = lint_python(&u, rf, &py[k++]);
		else
			err = lint_native(&u, rf);
	}
	ald__lint_unit_forget(&u);
	free_python_sql(py, n_py);
	if (err < 0) {
		ald_lint_free(l);
		return err;
	}
	*out = l;
	return 0;
}

int ald_lint_sql(ald_lint **out, const ald_project *p, const char *sql, const char *name)
{
	int sev[LR_COUNT];
	*out = NULL;
	ald__error_clear();
	int err = refuse_sqlite(p);
	if (err == 0)
		err = ald__lint_severities(sev, p);
	if (err < 0)
		return err;
	struct ald_lint *l = ald__lint_new();
	struct ald_lint_unit u = {.out = l, .severity = sev};
	u.path = ald__lint_keep(l, name ? name : "-");
	unit_start(&u, 0, 0);
	err = ald__lint_unit_sql(&u, sql ? sql : "", sql ? strlen(sql) : 0, 1);
	ald__lint_unit_forget(&u);
	if (err < 0) {
		ald_lint_free(l);
		return err;
	}
	*out = l;
	return 0;
}
