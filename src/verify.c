/* verify.c - `aludel verify` (ald_verify): every revision upgraded,
 * downgraded alone and upgraded again on a scratch database (verify_scratch.c)
 * opened as a second project, the schema snapshots (schema.c) compared after
 * each move and any difference shown as a line diff (line_diff.c). */
#include "verify.h"

#include "error.h"
#include "line_diff.h"
#include "project.h"
#include "sql_split.h"

#include <stdlib.h>
#include <string.h>

/* One entry and the strings it owns. */
struct item {
	ald_verify_entry e;
	char *message, *diff;
};

struct ald_verify_result {
	struct item *v;
	size_t n, cap;
	size_t failed;  /* index of the entry verify stopped at, or SIZE_MAX */
	char *display;  /* the scratch URL, masked */
};

/* The state of one run. */
struct run {
	ald_project *p, *sp;   /* the project and its opening on the scratch database */
	const ald_verify_options *o;
	struct ald_verify_result *v;
	size_t i, n;           /* the revision being verified, of n */
};

/* Adds an entry; it takes message and diff (either may be NULL). */
static void add(struct ald_verify_result *v, const ald_revision *r, int status, char *message, char *diff)
{
	v->v = ald__xgrow(v->v, &v->cap, v->n + 1, sizeof(*v->v));
	struct item *it = &v->v[v->n++];
	memset(it, 0, sizeof(*it));
	it->e.revision = r;
	it->e.status = status;
	it->e.message = it->message = message;
	it->e.diff = it->diff = diff;
}

/* Whether native revision r's downgrade is empty: no downgrade section, or
 * one without a statement. A file that cannot be read now is not (its run
 * fails, naming it). */
static int irreversible(const ald_revision *r)
{
	if (!r->rev->file.downgrade.present)
		return 1;
	char *text = NULL;
	int error = ald_revision_sql(&text, r, 1), empty = 0;
	if (error == 0) {
		struct ald_stmts st = {0};
		empty = ald__sql_split(&st, text, strlen(text), 1) == 0 && st.n == 0;
		ald__stmts_free(&st);
	}
	free(text);
	ald__error_clear();
	return empty;
}

static void phase(struct run *rn, const ald_revision *r, int ph)
{
	if (rn->o->revision_cb)
		rn->o->revision_cb(r, rn->i, rn->n, ph, rn->o->payload);
}

static int check_cancel(struct run *rn, const char *id)
{
	if (rn->p->verify_cancelled)
		return ald__error_set(ALD_EINTERRUPTED, "Interrupted at revision %s.", id);
	return 0;
}

/* Plans and runs `upgrade target` (exact id) on the scratch database;
 * *steps gets the number of steps run. */
static int upgrade(struct run *rn, const char *target, size_t *steps)
{
	ald_plan *plan = NULL;
	int error = check_cancel(rn, target);
	if (error == 0)
		error = ald_plan_upgrade(&plan, rn->sp, target, NULL);
	if (error == 0 && steps)
		*steps = ald_plan_step_count(plan);
	if (error == 0 && ald_plan_step_count(plan) > 0)
		error = ald_plan_run(plan, &(ald_run_options){ALD_RUN_OPTIONS_VERSION, rn->o->progress, rn->o->payload, -1});
	ald_plan_free(plan);
	return error;
}

static int snapshot(struct run *rn, char **out)
{
	free(*out);
	*out = NULL;
	return ald_project_schema(out, rn->sp);
}

/* The target that downgrades r alone: its first down revision, or base. */
static const char *down_target(const ald_revision *r)
{
	return ald_revision_parent_count(r) ? ald_revision_parent_id_at(r, 0) : "base";
}

/* Where other branches grew from r's down revision (or from base) and were
 * applied before r, a downgrade to it would undo them with r: they are
 * downgraded first (they were verified already), when they all can be
 * (none is irreversible); else nothing is done and r may be skipped. *ran
 * is set when steps ran. */
static int clear_siblings(struct run *rn, const ald_revision *r, int *ran)
{
	ald_plan *plan = NULL;
	int error = check_cancel(rn, ald_revision_id(r));
	if (error < 0)
		return error;
	if (ald_plan_downgrade(&plan, rn->sp, down_target(r), NULL) < 0) {
		ald__error_clear(); /* not possible from here: r will be skipped */
		return 0;
	}
	size_t n = ald_plan_step_count(plan);
	for (size_t k = 0; k < n; k++) {
		const ald_revision *s = ald_plan_step_revision(plan, k);
		if (!s || irreversible(s))
			n = 0;
	}
	if (n > 0) {
		error = ald_plan_run(plan, &(ald_run_options){ALD_RUN_OPTIONS_VERSION, rn->o->progress, rn->o->payload, -1});
		*ran = 1;
	}
	ald_plan_free(plan);
	return error;
}

/* Upgrades to r's down revisions and dependencies; *ran is set when that
 * ran a step. */
static int prerequisites(struct run *rn, const ald_revision *r, int *ran)
{
	int error = 0;
	size_t steps = 0;
	for (size_t k = 0; error == 0 && k < ald_revision_parent_count(r); k++) {
		error = upgrade(rn, ald_revision_id(ald_revision_parent_at(r, k)), &steps);
		*ran |= steps > 0;
	}
	for (size_t k = 0; error == 0 && k < ald_revision_dependency_count(r); k++) {
		error = upgrade(rn, ald_revision_id(ald_revision_dependency_at(r, k)), &steps);
		*ran |= steps > 0;
	}
	return error;
}

/* The plan downgrading r alone, or NULL with *why set (the caller's) when a
 * downgrade to its first parent (base without one) would do more. */
static int downgrade_plan(struct run *rn, const ald_revision *r, ald_plan **out, char **why)
{
	const char *target = down_target(r);
	const char *id = ald_revision_id(r);
	*out = NULL;
	*why = NULL;
	int error = check_cancel(rn, id);
	if (error == 0)
		error = ald_plan_downgrade(out, rn->sp, target, NULL);
	if (error < 0)
		return error;
	size_t n = ald_plan_step_count(*out);
	const ald_revision *first = n ? ald_plan_step_revision(*out, 0) : NULL;
	if (n == 1 && first && ald__streq(ald_revision_id(first), id))
		return 0;
	struct ald_buf b = {0};
	ald__buf_printf(&b, "a downgrade to %s would run %zu step%s (", target, n, n == 1 ? "" : "s");
	for (size_t k = 0; k < n; k++) {
		const ald_revision *s = ald_plan_step_revision(*out, k);
		ald__buf_printf(&b, "%s%s", k ? ", " : "", s ? ald_revision_id(s) : "?");
	}
	ald__buf_puts(&b, "), not this revision alone");
	*why = ald__buf_detach(&b);
	ald_plan_free(*out);
	*out = NULL;
	return 0;
}

/* Verifies one revision; *prev is the snapshot of the scratch database as
 * it stands (NULL: unknown) and is left so. *stop is set when verify must
 * stop here (a failure was recorded). */
static int verify_one(struct run *rn, const ald_revision *r, char **prev, int *stop)
{
	const char *id = ald_revision_id(r);
	char *before = NULL, *after = NULL, *down = NULL, *why = NULL, *label_a = NULL, *label_b = NULL;
	ald_plan *plan = NULL;
	int ran = 0;
	*stop = 0;
	phase(rn, r, ALD_VERIFY_PHASE_UPGRADE);
	int error = clear_siblings(rn, r, &ran);
	if (error == 0)
		error = prerequisites(rn, r, &ran);
	if (error == 0 && (ran || !*prev))
		error = snapshot(rn, prev);
	if (error == 0) {
		before = *prev;
		*prev = NULL;
		error = upgrade(rn, id, NULL);
	}
	if (error == 0)
		error = snapshot(rn, &after);
	if (error < 0)
		goto done;
	if (irreversible(r)) {
		add(rn->v, r, ALD_VERIFY_IRREVERSIBLE, NULL, NULL);
		goto keep_after;
	}
	if ((error = downgrade_plan(rn, r, &plan, &why)) < 0)
		goto done;
	if (!plan) {
		add(rn->v, r, ALD_VERIFY_SKIPPED, why, NULL);
		why = NULL;
		goto keep_after;
	}
	phase(rn, r, ALD_VERIFY_PHASE_DOWNGRADE);
	error = check_cancel(rn, id);
	if (error == 0)
		error = ald_plan_run(plan, &(ald_run_options){ALD_RUN_OPTIONS_VERSION, rn->o->progress, rn->o->payload, -1});
	if (error < 0 && error != ALD_EINTERRUPTED && !rn->p->verify_cancelled) {
		const ald_error *e = ald_error_last();
		add(rn->v, r, ALD_VERIFY_DOWNGRADE_FAILED, ald__xstrdup(e ? e->message : "failed"), NULL);
		*stop = 1;
		error = 0;
		goto done;
	}
	if (error == 0)
		error = snapshot(rn, &down);
	if (error < 0)
		goto done;
	label_a = ald__xasprintf("schema before %s", id);
	label_b = ald__xasprintf("schema after downgrading %s", id);
	char *diff = ald__line_diff(before, down, label_a, label_b, 3);
	if (diff) {
		add(rn->v, r, ALD_VERIFY_NOT_RESTORED, NULL, diff);
		*stop = 1;
		goto done;
	}
	phase(rn, r, ALD_VERIFY_PHASE_REUPGRADE);
	if ((error = upgrade(rn, id, NULL)) == 0)
		error = snapshot(rn, prev);
	if (error < 0)
		goto done;
	free(label_a);
	free(label_b);
	label_a = ald__xasprintf("schema after upgrading %s", id);
	label_b = ald__xasprintf("schema after upgrading %s again", id);
	diff = ald__line_diff(after, *prev, label_a, label_b, 3);
	if (diff) {
		add(rn->v, r, ALD_VERIFY_REUPGRADE_DIFFERS, NULL, diff);
		*stop = 1;
	} else {
		add(rn->v, r, ALD_VERIFY_RESTORED, NULL, NULL);
	}
	goto done;
keep_after:
	free(*prev);
	*prev = after;
	after = NULL;
done:
	if (error == 0)
		phase(rn, r, ALD_VERIFY_PHASE_DONE);
	ald_plan_free(plan);
	free(before);
	free(after);
	free(down);
	free(why);
	free(label_a);
	free(label_b);
	return error;
}

/* The revisions of the range (newest first in list), oldest first,
 * verified one by one. */
static int run_all(struct run *rn, const ald_revlist *list)
{
	int error = 0;
	char *prev = NULL;
	rn->n = ald_revlist_count(list);
	for (rn->i = 0; error == 0 && rn->i < rn->n; rn->i++) {
		int stop = 0;
		const ald_revision *r = ald_revlist_at(list, rn->n - 1 - rn->i);
		error = verify_one(rn, r, &prev, &stop);
		if (stop) {
			rn->v->failed = rn->v->n - 1;
			break;
		}
	}
	free(prev);
	return error;
}

/* Alembic runs a .py revision on the database its env.py connects to, which
 * aludel does not choose: verify refuses them rather than touch that one. */
static int refuse_python(const ald_revlist *list)
{
	for (size_t i = 0; i < ald_revlist_count(list); i++) {
		const ald_revision *r = ald_revlist_at(list, i);
		if (ald_revision_is_alembic(r))
			return ald__error_set(ALD_EUSAGE, "revision %s (%s) is an Alembic .py revision: Alembic would run "
					     "it on the database env.py connects to, not on the scratch database; verify "
					     "covers native .sql revisions only (choose them with -r)",
					     ald_revision_id(r), ald_revision_path(r));
	}
	return 0;
}

/* Opens the project a second time, on the scratch database. */
static int open_scratch(ald_project **out, const ald_project *p, const char *url)
{
	ald_open_options o = ALD_OPEN_OPTIONS_INIT;
	o.config_path = p->config.path;
	o.section = p->config.section;
	o.url = url;
	o.x_args = (const char *const *)p->config.x_args.v;
	o.n_x_args = p->config.x_args.n;
	return ald_project_open(out, &o);
}

int ald_verify(ald_verify_result **out, ald_project *p, const ald_verify_options *opts)
{
	*out = NULL;
	ald__error_clear();
	if (!opts)
		return ald__error_set(ALD_EUSAGE, "ald_verify: no options");
	int verr = ald__options_version_check("ald_verify", opts->version, ALD_VERIFY_OPTIONS_VERSION);
	if (verr < 0)
		return verr;
	ald_revlist *list = NULL;
	int error = ald_project_history(&list, p, opts->range, NULL);
	if (error == 0)
		error = refuse_python(list);
	if (error < 0) {
		ald_revlist_free(list);
		return error;
	}
	struct ald_verify_result *v = ald__xcalloc(1, sizeof(*v));
	v->failed = (size_t)-1;
	struct ald_scratch sc;
	p->verify_cancelled = 0;
	error = ald__scratch_create(&sc, p, opts->scratch_url);
	v->display = ald__xstrdup(sc.display ? sc.display : "");
	ald_project *sp = NULL;
	if (error == 0)
		error = open_scratch(&sp, p, sc.url);
	if (error == 0) {
		struct run rn = {.p = p, .sp = sp, .o = opts, .v = v};
		p->verify_scratch = sp;
		error = run_all(&rn, list);
	}
	ald_revlist_free(list);
	p->verify_scratch = NULL;
	ald_project_free(sp);
	/* the scratch database goes in every case; a failure to drop it is
	 * added to the error that stopped verify, if any */
	char *saved = error < 0 && ald_error_last()->code ? ald__xstrdup(ald_error_last()->message) : NULL;
	int made = sc.made;
	int drop = ald__scratch_drop(&sc);
	if (drop < 0) {
		char *why = ald__xstrdup(ald_error_last()->code ? ald_error_last()->message : "");
		if (error < 0)
			ald__error_set(error, "%s\n%s", saved ? saved : "", why);
		else
			error = drop;
		free(why);
	} else if (error < 0 && made) {
		ald__error_set(error, "%s\nThe scratch database %s was removed.", saved ? saved : "", sc.display);
	} else if (error < 0) {
		ald__error_set(error, "%s", saved ? saved : "");
	}
	free(saved);
	ald__scratch_clear(&sc);
	if (p->db)
		ald__db_cancel_clear(p->db);
	p->verify_cancelled = 0;
	if (error < 0) {
		ald_verify_result_free(v);
		return error;
	}
	*out = v;
	return 0;
}

size_t ald_verify_result_count(const ald_verify_result *v)
{
	return v ? v->n : 0;
}

const ald_verify_entry *ald_verify_result_at(const ald_verify_result *v, size_t i)
{
	return v && i < v->n ? &v->v[i].e : NULL;
}

const ald_verify_entry *ald_verify_result_failed(const ald_verify_result *v)
{
	return v && v->failed < v->n ? &v->v[v->failed].e : NULL;
}

const char *ald_verify_result_scratch_display(const ald_verify_result *v)
{
	return v ? v->display : NULL;
}

void ald_verify_result_free(ald_verify_result *v)
{
	if (!v)
		return;
	for (size_t i = 0; i < v->n; i++) {
		free(v->v[i].message);
		free(v->v[i].diff);
	}
	free(v->v);
	free(v->display);
	free(v);
}
