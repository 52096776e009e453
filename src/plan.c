/* plan.c - building plans: the steps of an upgrade, downgrade or stamp, each
 * with its revision's statements (read from the revision file and split now,
 * so that every error shows before anything runs), its version statements
 * (plan_versions.c) and Alembic's log text. A lazy plan (a preview's) makes
 * its steps in order only as far as they are asked for.
 */
#include "plan.h"
#include "error.h"
#include "resolve.h"
#include "revision_file.h"

#include <stdlib.h>
#include <string.h>

static const char *rev_id(const struct ald_graph *g, size_t r)
{
	return g->revs[r].file.id;
}

static void join_ids(struct ald_buf *b, const struct ald_graph *g, const size_t *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			ald__buf_puts(b, ", ");
		ald__buf_puts(b, rev_id(g, v[i]));
	}
}

/* The comment text and the log line of a step (Alembic's short_log and
 * str(step)): "<name> <from> -> <to>", then ", <message>" in the log line
 * when the revision has one. The sides show down revisions only. */
static void set_labels(struct ald_step *st, const struct ald_graph *g)
{
	struct ald_buf b = {0};
	const char *message = "";
	ald__buf_puts(&b, "Running ");
	if (st->kind == ALD_STEP_STAMP) {
		ald__buf_puts(&b, "stamp_revision ");
		join_ids(&b, g, st->from.v, st->from.n);
		ald__buf_puts(&b, " -> ");
		if (st->rev != ALD_NOREV)
			ald__buf_puts(&b, rev_id(g, st->rev));
	} else {
		const struct ald_rev *r = &g->revs[st->rev];
		message = r->file.message ? r->file.message : "";
		if (st->kind == ALD_STEP_UPGRADE) {
			ald__buf_puts(&b, "upgrade ");
			join_ids(&b, g, r->down.v, r->down.n);
			ald__buf_puts(&b, " -> ");
			ald__buf_puts(&b, r->file.id);
		} else {
			ald__buf_puts(&b, "downgrade ");
			ald__buf_puts(&b, r->file.id);
			ald__buf_puts(&b, " -> ");
			join_ids(&b, g, r->down.v, r->down.n);
		}
	}
	st->comment = ald__xstrdup(ald__buf_cstr(&b));
	if (*message) {
		ald__buf_puts(&b, ", ");
		ald__buf_puts(&b, message);
	}
	st->label = ald__buf_detach(&b);
}

static struct ald_plan_data *plan_new(enum ald_step_kind kind, const struct ald_plan_config *cfg)
{
	struct ald_plan_data *p = ald__xcalloc(1, sizeof(*p));
	p->kind = kind;
	p->offline = cfg->offline;
	return p;
}

/* The online preliminaries: creating the missing table, the purge. */
static void set_pre_sql(struct ald_plan_data *p, const struct ald_plan_config *cfg)
{
	if (cfg->offline)
		return;
	p->create_table = !cfg->table_exists;
	p->pre = ald__xcalloc(2, sizeof(*p->pre));
	if (p->create_table)
		ald__plan_vsql(&p->pre[p->n_pre++], ALD_VSQL_CREATE, cfg, NULL, NULL);
	if (p->purge)
		ald__plan_vsql(&p->pre[p->n_pre++], ALD_VSQL_PURGE, cfg, NULL, NULL);
}

/* Maps the version table's rows to revisions, in table order, without
 * duplicates; an id the graph does not have is Alembic's error. */
static int map_rows(struct ald_ixvec *out, const struct ald_graph *g, const char *const *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t r = ald__graph_find(g, rows[i]);
		if (r == ALD_NOREV || !ald__streq(rev_id(g, r), rows[i]))
			return ald__error_set(ALD_ENOTFOUND, "Can't locate revision identified by '%s'", rows[i]);
		if (!ald__ixvec_contains(out, r))
			ald__ixvec_push(out, r);
	}
	return 0;
}

static void copy_ixvec(struct ald_ixvec *dst, const struct ald_ixvec *src)
{
	for (size_t i = 0; i < src->n; i++)
		ald__ixvec_push(dst, src->v[i]);
}

/* Makes step i, the steps before it made: its label, its statements (unless
 * `loaded`), its version statements; `rows` (the rows before it) become the
 * rows after it. */
static int make_step(struct ald_step *st, const struct ald_graph *g, struct ald_ixvec *rows,
		     unsigned char **applied, const struct ald_plan_config *cfg, int loaded)
{
	st->create_table = rows->n == 0;
	if (!st->label)
		set_labels(st, g);
	int err = loaded ? 0 : ald__plan_load_sql(st, g, cfg);
	if (err == 0)
		ald__plan_step_versions_kept(st, rows, applied, g, cfg);
	return err;
}

int ald__plan_make_steps(struct ald_plan_data *p, const struct ald_graph *g, const struct ald_plan_config *cfg,
			size_t upto)
{
	if (upto > p->n_steps)
		upto = p->n_steps;
	/* many steps: their files are read and split at once, in parallel */
	struct ald_plan_load_failure fail = {0};
	size_t loaded_upto = p->n_ready;
	if (upto > p->n_ready && upto - p->n_ready >= ALD_PLAN_LOAD_PARALLEL_MIN)
		loaded_upto = p->n_ready + ald__plan_load_sql_many(&fail, p->steps + p->n_ready, upto - p->n_ready, g, cfg);
	while (p->n_ready < upto) {
		if (fail.message && p->n_ready == loaded_upto) /* the first step that failed */
			return ald__plan_load_failure_raise(&fail);
		int err = make_step(&p->steps[p->n_ready], g, &p->ready_rows, &p->applied, cfg,
				    p->n_ready < loaded_upto);
		if (err < 0)
			return err;
		p->n_ready++;
	}
	if (p->n_ready == p->n_steps) {
		p->final_rows.n = 0;
		copy_ixvec(&p->final_rows, &p->ready_rows);
	}
	return 0;
}

const char *ald__plan_data_label(struct ald_plan_data *p, const struct ald_graph *g, size_t i)
{
	if (!p->steps[i].label)
		set_labels(&p->steps[i], g);
	return p->steps[i].label;
}

/* A lazy downgrade's early check, the one load_sql makes of every step of
 * a plan made at once: each native revision has a downgrade section. */
static int check_downgrades(const struct ald_plan_data *p, const struct ald_graph *g)
{
	for (size_t i = 0; i < p->n_steps; i++) {
		const struct ald_revfile *f = &g->revs[p->steps[i].rev].file;
		if (f->kind != ALD_REVFILE_PY && !f->downgrade.present)
			return ald__error_set(ALD_EUSAGE,
					     "%s: revision %s has no \"-- migrate:downgrade\" section and cannot be downgraded",
					     f->path, f->id);
	}
	return 0;
}

/* Builds the steps of revs (already in running order) from the rows in
 * p->rows: all of them made, or, with cfg->lazy, the first one only. */
static int add_revision_steps(struct ald_plan_data *p, const struct ald_graph *g, enum ald_step_kind kind,
			      const size_t *revs, size_t n, const struct ald_plan_config *cfg)
{
	p->steps = ald__xcalloc(n ? n : 1, sizeof(*p->steps));
	for (size_t i = 0; i < n; i++) {
		struct ald_step *st = &p->steps[p->n_steps++];
		st->kind = kind;
		st->rev = revs[i];
		st->transactional = g->revs[revs[i]].file.transactional;
	}
	copy_ixvec(&p->ready_rows, &p->rows);
	if (cfg->lazy && kind == ALD_STEP_DOWNGRADE) {
		int err = check_downgrades(p, g);
		if (err < 0)
			return err;
	}
	return ald__plan_make_steps(p, g, cfg, cfg->lazy ? 1 : n);
}

int ald__plan_build_from_revs(struct ald_plan_data **out, const struct ald_graph *g, enum ald_step_kind kind,
			     const size_t *revs, size_t n_revs, const char *const *rows, size_t n_rows,
			     const struct ald_plan_config *cfg)
{
	*out = NULL;
	struct ald_plan_data *p = plan_new(kind, cfg);
	int err = map_rows(&p->rows, g, rows, n_rows);
	if (err == 0)
		err = add_revision_steps(p, g, kind, revs, n_revs, cfg);
	if (err < 0) {
		ald__plan_data_free(p);
		return err;
	}
	set_pre_sql(p, cfg);
	*out = p;
	return 0;
}

/* Upgrade or downgrade to `target` from the rows. */
static int build_target(struct ald_plan_data **out, const struct ald_graph *g, enum ald_step_kind kind,
			const char *target, const char *const *rows, size_t n_rows,
			const struct ald_plan_config *cfg)
{
	*out = NULL;
	if (strchr(target, ':'))
		return ald__error_set(ALD_EUSAGE, "Range revision not allowed");
	struct ald_plan_data *p = plan_new(kind, cfg);
	struct ald_ixvec revs = {0};
	int err = map_rows(&p->rows, g, rows, n_rows);
	if (err == 0 && kind == ALD_STEP_UPGRADE)
		err = ald__upgrade_steps(&revs, g, target, p->rows.v, p->rows.n);
	else if (err == 0)
		err = ald__downgrade_steps(&revs, g, target, p->rows.v, p->rows.n, &p->downgrade_flags);
	if (err == 0)
		err = add_revision_steps(p, g, kind, revs.v, revs.n, cfg);
	ald__ixvec_free(&revs);
	if (err < 0) {
		ald__plan_data_free(p);
		return err;
	}
	set_pre_sql(p, cfg);
	*out = p;
	return 0;
}

int ald__plan_build_upgrade(struct ald_plan_data **out, const struct ald_graph *g, const char *target,
			   const char *const *rows, size_t n_rows, const struct ald_plan_config *cfg)
{
	return build_target(out, g, ALD_STEP_UPGRADE, target, rows, n_rows, cfg);
}

int ald__plan_build_downgrade(struct ald_plan_data **out, const struct ald_graph *g, const char *target,
			     const char *const *rows, size_t n_rows, const struct ald_plan_config *cfg)
{
	return build_target(out, g, ALD_STEP_DOWNGRADE, target, rows, n_rows, cfg);
}

int ald__plan_build_stamp(struct ald_plan_data **out, const struct ald_graph *g, const char *const *targets,
			 size_t n_targets, const char *const *rows, size_t n_rows, int purge,
			 const struct ald_plan_config *cfg)
{
	*out = NULL;
	size_t n_args = n_targets ? n_targets : 1;
	struct ald_stamp_arg *args = ald__xcalloc(n_args, sizeof(*args));
	struct ald_ixvec known = {0};
	/* Alembic's order: the rows, the lineage of each target (only when there
	 * are rows to test: it is resolved lazily), then the targets. */
	int err = purge ? 0 : map_rows(&known, g, rows, n_rows);
	for (size_t i = 0; i < n_args && err == 0 && known.n; i++)
		err = ald__resolve_lineage(&args[i].lineage, &args[i].every_row, g, n_targets ? targets[i] : "base");
	for (size_t i = 0; i < n_args && err == 0; i++)
		err = ald__resolve_revisions(&args[i].dests, g, n_targets ? targets[i] : "base");
	if (err == ALD_EMULTIPLEHEADS)
		err = ald__error_set(err, "Multiple heads are present; please specify a single target revision");
	if (err == 0)
		err = ald__plan_build_stamp_args(out, g, args, n_args, rows, n_rows, purge, cfg);
	for (size_t i = 0; i < n_args; i++) {
		ald__ixvec_free(&args[i].dests);
		ald__ixvec_free(&args[i].lineage);
	}
	ald__ixvec_free(&known);
	free(args);
	return err;
}

/* Builds a stamp plan from resolved arguments. */
int ald__plan_build_stamp_args(struct ald_plan_data **out, const struct ald_graph *g, const struct ald_stamp_arg *args,
			      size_t n_args, const char *const *rows, size_t n_rows, int purge,
			      const struct ald_plan_config *cfg)
{
	*out = NULL;
	if (purge && cfg->offline)
		return ald__error_set(ALD_EUSAGE, "Can't use --purge with --sql mode");
	struct ald_plan_data *p = plan_new(ALD_STEP_STAMP, cfg);
	p->purge = purge;
	if (!purge) {
		int err = map_rows(&p->rows, g, rows, n_rows);
		if (err < 0) {
			ald__plan_data_free(p);
			return err;
		}
	}
	struct ald_ixvec cur = {0};
	copy_ixvec(&cur, &p->rows);
	ald__plan_stamp_steps(p, &cur, g, args, n_args, cfg);
	for (size_t i = 0; i < p->n_steps; i++)
		set_labels(&p->steps[i], g);
	copy_ixvec(&p->final_rows, &cur);
	ald__ixvec_free(&cur);
	p->n_ready = p->n_steps; /* a stamp's steps are made at once */
	set_pre_sql(p, cfg);
	*out = p;
	return 0;
}

int ald__plan_split_range(char **start, char **dest, const char *arg)
{
	*start = *dest = NULL;
	const char *colon = strchr(arg, ':');
	if (!colon) {
		*dest = ald__xstrdup(arg);
		return 0;
	}
	if (strchr(colon + 1, ':'))
		return ald__error_set(ALD_EINVALID, "Invalid range '%s'", arg);
	*start = ald__xstrndup(arg, (size_t)(colon - arg));
	*dest = ald__xstrdup(colon + 1);
	return 0;
}

int ald__plan_offline_rows(struct ald_strvec *rows, const struct ald_graph *g, const char *start)
{
	if (!start || ald__streq(start, "base"))
		return 0;
	size_t r;
	int err = ald__resolve_revision(&r, g, start);
	if (err < 0)
		return err;
	if (r != ALD_NOREV)
		ald__strvec_pushdup(rows, rev_id(g, r));
	return 0;
}

static void step_clear(struct ald_step *st)
{
	ald__ixvec_free(&st->from);
	ald__stmts_free(&st->sql);
	for (size_t i = 0; i < st->n_vsql; i++)
		ald__vsql_clear(&st->vsql[i]);
	free(st->vsql);
	free(st->label);
	free(st->comment);
	free(st->note);
}

void ald__plan_data_free(struct ald_plan_data *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n_steps; i++)
		step_clear(&p->steps[i]);
	free(p->steps);
	for (size_t i = 0; i < p->n_pre; i++)
		ald__vsql_clear(&p->pre[i]);
	free(p->pre);
	ald__ixvec_free(&p->rows);
	ald__ixvec_free(&p->final_rows);
	ald__ixvec_free(&p->ready_rows);
	free(p->applied);
	free(p);
}
