/* project_db.c - the public database API: version rows, applied revisions,
 * plans (built by plan.c, executed by run.c) and cancelling a run. */
#include "alembic.h"
#include "error.h"
#include "plan.h"
#include "project.h"
#include "resolve.h"
#include "run.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

struct ald_plan {
	ald_project *project;
	struct ald_plan_data *data;   /* the plan shown (and, after a run, the one that ran) */
	struct ald_plan_config cfg;
	enum ald_step_kind kind;
	char *target;                 /* upgrade/downgrade */
	struct ald_strvec targets;    /* stamp */
	int purge;
	char *tag;                    /* --tag for Alembic, or NULL */
	int raiseerr;
	size_t python_sql;            /* the SQL of the .py steps among the first python_sql
	                                 steps was asked of Alembic */
	int resume;                   /* go on with a non-transactional step left part-way */
	char *warning;                /* plan_warnings(), or NULL */
	ald_progress_cb progress;
	void *payload;
	const struct ald_plan_data *running; /* during a run: the runner's plan (borrowed) */
	/* ald_plan_cancel's view of a run (atomics: it may come from a signal
	 * handler or another thread): in_run from the start of ald_plan_run to
	 * its end, run_db once the run has its connection, cancel_pending when a
	 * cancel came before it had (the run passes it on). */
	atomic_int in_run;
	atomic_int cancel_pending;
	_Atomic(struct ald_db *) run_db;
};

void ald_strarray_dispose(ald_strarray *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->count; i++)
		free(a->strings[i]);
	free(a->strings);
	a->strings = NULL;
	a->count = 0;
}

int ald__project_db(struct ald_db **out, ald_project *p)
{
	if (!p->db) {
		if (!p->config.url)
			return ald__error_set(ALD_EUSAGE,
					     "No database URL: set sqlalchemy.url in %s, or DATABASE_URL, or --url",
					     p->config.path);
		int error = ald__db_open(&p->db, p->config.url);
		if (error < 0)
			return error;
	}
	*out = p->db;
	return 0;
}

static int read_rows(struct ald_strvec *rows, ald_project *p)
{
	struct ald_db *db = NULL;
	int error = ald__project_db(&db, p);
	if (error == 0)
		error = ald__db_version_rows(db, p->config.version_table, p->config.version_table_schema, rows);
	return error;
}

int ald_project_current(ald_strarray *out, ald_project *p)
{
	struct ald_strvec rows = {0};
	out->strings = NULL;
	out->count = 0;
	ald__error_clear();
	int error = read_rows(&rows, p);
	if (error < 0) {
		ald__strvec_free(&rows);
		return error;
	}
	out->strings = rows.v;
	out->count = rows.n;
	return 0;
}

int ald_project_applied(ald_revlist **out, const ald_project *p, const ald_strarray *rows)
{
	struct ald_ixvec ix = {0}, all = {0};
	*out = NULL;
	int error = ald__project_rows_to_ix(&ix, p, (const char *const *)rows->strings, rows->count);
	if (error == 0) {
		unsigned char *mark = ald__xcalloc(p->graph->n ? p->graph->n : 1, 1);
		ald__graph_ancestors(p->graph, ix.v, ix.n, 0, mark);
		for (size_t i = 0; i < p->graph->n; i++)
			if (mark[i])
				ald__ixvec_push(&all, i);
		free(mark);
		*out = ald__revlist_from_ix(p, &all);
	}
	ald__ixvec_free(&ix);
	ald__ixvec_free(&all);
	return error;
}

int ald_project_unfinished(char **out, ald_project *p)
{
	struct ald_db *db = NULL;
	struct ald_progress_row pr = {0};
	*out = NULL;
	ald__error_clear();
	int error = ald__project_db(&db, p);
	if (error == 0)
		error = ald__progress_read(&pr, db, p->config.version_table, p->config.version_table_schema);
	if (error == 0 && pr.revision)
		*out = ald__progress_describe(&pr);
	ald__progress_row_clear(&pr);
	return error;
}

int ald_project_current_tips(ald_revlist **out, const ald_project *p, const ald_strarray *rows)
{
	struct ald_ixvec ix = {0}, tips = {0};
	*out = NULL;
	int error = ald__project_rows_to_ix(&ix, p, (const char *const *)rows->strings, rows->count);
	if (error == 0)
		error = ald__current_tips(&tips, p->graph, ix.v, ix.n);
	if (error == 0)
		*out = ald__revlist_from_ix(p, &tips);
	ald__ixvec_free(&ix);
	ald__ixvec_free(&tips);
	return error;
}

const struct ald_dialect *ald__project_dialect(const ald_project *p)
{
	const struct ald_dialect *d = ald__db_url_dialect(p->config.url);
	return d ? d : ALD_DIALECT_DEFAULT;
}

enum ald_sql_dialect ald__project_split_dialect(const ald_project *p)
{
	return p->config.url ? ald__project_dialect(p)->split : ALD_SQL_ANY;
}

/* Builds plan->data from `rows` with the plan's command. */
static int build(struct ald_plan *plan, const struct ald_strvec *rows)
{
	const struct ald_graph *g = plan->project->graph;
	const char *const *r = (const char *const *)rows->v;
	switch (plan->kind) {
	case ALD_STEP_UPGRADE:
		return ald__plan_build_upgrade(&plan->data, g, plan->target, r, rows->n, &plan->cfg);
	case ALD_STEP_DOWNGRADE:
		return ald__plan_build_downgrade(&plan->data, g, plan->target, r, rows->n, &plan->cfg);
	default:
		return ald__plan_build_stamp(&plan->data, g, (const char *const *)plan->targets.v,
					    plan->targets.n, r, rows->n, plan->purge, &plan->cfg);
	}
}

/* The plan's warnings, one a line: Alembic's for an ambiguous downgrade -1;
 * in an Alembic project, native revisions an upgrade would record, which
 * Alembic alone cannot read; .py steps to run while aludel's URL comes from
 * --url or DATABASE_URL, which env.py may not follow. NULL when there is
 * none. The caller's. */
static char *plan_warnings(const ald_plan *plan)
{
	const struct ald_plan_data *d = plan->data;
	const struct ald_graph *g = plan->project->graph;
	struct ald_buf b = {0};
	if (d && (d->downgrade_flags & ALD_DOWNGRADE_AMBIGUOUS_ROWS))
		ald__buf_puts(&b, "downgrade -1 from multiple heads is ambiguous; this usage will be disallowed "
				 "in a future release.");
	struct ald_strvec native = {0};
	for (size_t i = 0; d && plan->project->alembic && d->kind == ALD_STEP_UPGRADE && i < d->n_steps; i++)
		if (g->revs[d->steps[i].rev].file.kind != ALD_REVFILE_PY)
			ald__strvec_pushdup(&native, g->revs[d->steps[i].rev].file.id);
	if (native.n) {
		char *ids = ald__strvec_join(&native, ", ");
		ald__buf_printf(&b, "%snative .sql revision%s %s, run by aludel in this Alembic project: Alembic alone "
				  "can no longer read this database's history",
			       b.len ? "\n" : "", native.n > 1 ? "s" : "", ids);
		free(ids);
	}
	ald__strvec_free(&native);
	const char *from = plan->project->config.url_from;
	if (from && !plan->cfg.offline && ald__plan_has_python(d, g))
		ald__buf_printf(&b, "%sthe database URL comes from %s, but Alembic runs the .py steps on the database "
				  "env.py connects to: make sure it is the same one",
			       b.len ? "\n" : "", from);
	return b.len ? ald__buf_detach(&b) : NULL;
}

static int plan_new(ald_plan **out, ald_project *p, enum ald_step_kind kind, const char *target,
		    const char *const *targets, size_t n_targets, const ald_plan_options *opts)
{
	ald_plan_options defaults = ALD_PLAN_OPTIONS_INIT;
	struct ald_strvec rows = {0};
	struct ald_db *db = NULL;
	int error = 0;
	if (!opts)
		opts = &defaults;
	*out = NULL;
	ald__error_clear();
	if ((error = ald__options_version_check_since(kind == ALD_STEP_UPGRADE ? "ald_plan_upgrade" : kind == ALD_STEP_DOWNGRADE ? "ald_plan_downgrade" : "ald_plan_stamp",
						 opts->version, 3, ALD_PLAN_OPTIONS_VERSION)) < 0)
		return error;

	ald_plan *plan = ald__xcalloc(1, sizeof(*plan));
	plan->project = p;
	plan->kind = kind;
	plan->target = target ? ald__xstrdup(target) : NULL;
	for (size_t i = 0; i < n_targets; i++)
		ald__strvec_pushdup(&plan->targets, targets[i]);
	plan->purge = opts->purge;
	plan->tag = opts->tag ? ald__xstrdup(opts->tag) : NULL;
	plan->resume = opts->resume;
	plan->raiseerr = opts->raiseerr;
	plan->cfg.version_table = p->config.version_table;
	plan->cfg.version_table_schema = p->config.version_table_schema;
	plan->cfg.transaction_per_migration = p->config.transaction_per_migration;
	plan->cfg.offline = opts->offline;
	plan->cfg.lazy = opts->lazy;

	if (opts->offline) {
		plan->cfg.dialect = ald__project_dialect(p);
		error = ald__plan_offline_rows(&rows, p->graph, opts->start);
	} else if ((error = ald__project_db(&db, p)) == 0) {
		plan->cfg.dialect = ald__db_dialect_of(db);
		error = ald__db_version_table_exists(db, p->config.version_table,
						    p->config.version_table_schema, &plan->cfg.table_exists);
		if (error == 0)
			error = read_rows(&rows, p);
	}
	plan->cfg.split_dialect = db || p->config.url ? plan->cfg.dialect : NULL;
	if (error == 0)
		error = build(plan, &rows);
	if (error == 0 && db) { /* online: a step left part-way must be resumed first */
		struct ald_progress_row pr = {0};
		error = ald__progress_read(&pr, db, p->config.version_table, p->config.version_table_schema);
		if (error == 0)
			error = ald__progress_apply(plan->data, p->graph, &pr, opts->resume);
		ald__progress_row_clear(&pr);
	}
	if (error == 0)
		plan->warning = plan_warnings(plan);
	ald__strvec_free(&rows);
	if (error < 0) {
		ald_plan_free(plan);
		return error;
	}
	*out = plan;
	return 0;
}

int ald_plan_upgrade(ald_plan **out, ald_project *p, const char *target, const ald_plan_options *opts)
{
	return plan_new(out, p, ALD_STEP_UPGRADE, target, NULL, 0, opts);
}

int ald_plan_downgrade(ald_plan **out, ald_project *p, const char *target, const ald_plan_options *opts)
{
	return plan_new(out, p, ALD_STEP_DOWNGRADE, target, NULL, 0, opts);
}

int ald_plan_stamp(ald_plan **out, ald_project *p, const char *const *revs, size_t n_revs,
		   const ald_plan_options *opts)
{
	return plan_new(out, p, ALD_STEP_STAMP, NULL, revs, n_revs, opts);
}

void ald_plan_free(ald_plan *plan)
{
	if (!plan)
		return;
	ald__plan_data_free(plan->data);
	free(plan->target);
	free(plan->tag);
	free(plan->warning);
	ald__strvec_free(&plan->targets);
	free(plan);
}

/* The plan the accessors describe: the running one during a run. */
static const struct ald_plan_data *shown(const ald_plan *plan)
{
	return plan->running ? plan->running : plan->data;
}

size_t ald_plan_step_count(const ald_plan *plan)
{
	return shown(plan) ? shown(plan)->n_steps : 0;
}

const ald_revision *ald_plan_step_revision(const ald_plan *plan, size_t i)
{
	if (i >= ald_plan_step_count(plan) || shown(plan)->steps[i].rev == ALD_NOREV)
		return NULL;
	return &plan->project->revisions[shown(plan)->steps[i].rev];
}

const char *ald_plan_step_label(const ald_plan *plan, size_t i)
{
	if (i >= ald_plan_step_count(plan))
		return NULL;
	if (plan->running) /* the runner's plan is made */
		return plan->running->steps[i].label;
	return ald__plan_data_label(plan->data, plan->project->graph, i);
}

/* How this plan's project runs Alembic; clear ctx->cmd after. */
static void alembic_ctx(struct ald_alembic_ctx *ctx, const ald_plan *plan)
{
	const struct ald_config *c = &plan->project->config;
	memset(ctx, 0, sizeof(*ctx));
	ald__alembic_find(&ctx->cmd, c);
	ctx->config_path = c->path;
	ctx->section = c->section;
	ctx->x_args = &c->x_args;
	ctx->tag = plan->tag;
	ctx->raiseerr = plan->raiseerr;
	ctx->stamps = plan->project->alembic;
}

/* Whether one of the first n steps is a .py step. */
static int python_among(const struct ald_plan_data *d, const struct ald_graph *g, size_t n)
{
	for (size_t i = 0; i < n && i < d->n_steps; i++)
		if (ald__step_is_python(g, &d->steps[i]))
			return 1;
	return 0;
}

/* The script of the first max_steps steps: they are made (a lazy plan
 * reads their files now), their .py steps' SQL asked of Alembic once. */
static int plan_sql(char **out, const ald_plan *plan, size_t max_steps)
{
	struct ald_plan *mut = (struct ald_plan *)plan;
	const struct ald_graph *g = plan->project->graph;
	size_t n = max_steps < plan->data->n_steps ? max_steps : plan->data->n_steps;
	*out = NULL;
	ald__error_clear();
	int err = ald__plan_make_steps(mut->data, g, &plan->cfg, n);
	if (err < 0)
		return err;
	if (plan->python_sql < n && python_among(plan->data, g, n)) {
		/* the SQL of .py steps is filled in once, on first request */
		struct ald_alembic_ctx ctx;
		alembic_ctx(&ctx, plan);
		ald__alembic_offline_sql(mut->data, g, &plan->cfg, &ctx,
					plan->kind == ALD_STEP_STAMP ? NULL : plan->target, n);
		ald__alembic_cmd_clear(&ctx.cmd);
	}
	if (plan->python_sql < n)
		mut->python_sql = n;
	return ald__plan_render_sql_head(out, plan->data, &plan->cfg, n);
}

int ald_plan_sql(char **out, const ald_plan *plan)
{
	return plan_sql(out, plan, SIZE_MAX);
}

int ald_plan_sql_head(char **out, const ald_plan *plan, size_t max_steps)
{
	return plan_sql(out, plan, max_steps);
}

const char *ald_plan_warning(const ald_plan *plan)
{
	return plan->warning;
}

int ald_alembic_command(char **out_command, char **out_origin, const ald_project *p)
{
	struct ald_alembic_cmd cmd;
	ald__alembic_find(&cmd, p ? &p->config : NULL);
	*out_command = ald__strvec_join(&cmd.argv, " ");
	*out_origin = cmd.origin;
	cmd.origin = NULL;
	ald__alembic_cmd_clear(&cmd);
	return 0;
}

/* The runner reports progress against the plan it built under the lock; the
 * step accessors answer from that plan while it runs. */
static void on_progress(const struct ald_plan_data *data, size_t step, int done, double seconds,
			void *payload)
{
	struct ald_plan *plan = payload;
	plan->running = data;
	if (plan->progress)
		plan->progress(plan, step, done, seconds, plan->payload);
}

static void on_waiting(void *payload)
{
	struct ald_plan *plan = payload;
	if (plan->progress)
		plan->progress(plan, 0, ALD_PROGRESS_WAITING, 0, plan->payload);
}

static int run_plan(ald_plan *plan, const ald_run_options *opts);

int ald_plan_run(ald_plan *plan, const ald_run_options *opts)
{
	ald__error_clear();
	if (opts && ald__options_version_check("ald_plan_run", opts->version, ALD_RUN_OPTIONS_VERSION) < 0)
		return ALD_EUSAGE;
	if (plan->cfg.offline)
		return ald__error_set(ALD_EUSAGE, "an offline (--sql) plan cannot run");
	atomic_store(&plan->cancel_pending, 0);
	atomic_store(&plan->in_run, 1);
	int error = run_plan(plan, opts);
	atomic_store(&plan->in_run, 0);
	atomic_store(&plan->cancel_pending, 0);
	return error;
}

/* ald_plan_run once the plan may be cancelled. */
static int run_plan(ald_plan *plan, const ald_run_options *opts)
{
	struct ald_db *db = NULL;
	/* every online change made by a plan (upgrade, downgrade, stamp, the
	 * TUI's actions) runs here: none on a database that vanishes at exit */
	int error = ald__project_db(&db, plan->project);
	if (error == 0)
		error = ald__db_refuse_temporary(db);
	if (error < 0)
		return error;
	struct ald_run_request req = {
		.kind = plan->kind,
		.target = plan->target,
		.targets = (const char *const *)plan->targets.v,
		.n_targets = plan->targets.n,
		.purge = plan->purge,
		.resume = plan->resume,
	};
	plan->progress = opts ? opts->progress : NULL;
	plan->payload = opts ? opts->payload : NULL;
	struct ald_alembic_ctx ctx;
	alembic_ctx(&ctx, plan);
	struct ald_run_config o = {
		.lock_timeout_ms = opts ? opts->lock_timeout_ms : -1,
		.waiting = on_waiting,
		.progress = on_progress,
		.payload = plan,
		.alembic = &ctx,
		.history_table = plan->project->config.history_table,
	};
	struct ald_plan_data *executed = NULL;
	atomic_store(&plan->run_db, db);
	if (atomic_load(&plan->cancel_pending)) /* asked for while connecting */
		ald__db_cancel(db);
	error = ald__run(&executed, db, plan->project->graph, &req, &plan->cfg, &o);
	atomic_store(&plan->run_db, NULL);
	/* a cancel that came as the run ended does not stay on the project's
	 * connection (every later statement would fail as interrupted) */
	ald__db_cancel_clear(db);
	ald__alembic_cmd_clear(&ctx.cmd);
	plan->running = NULL;
	if (executed) {
		ald__plan_data_free(plan->data);
		plan->data = executed;
		plan->python_sql = 0;
	}
	return error;
}

void ald_plan_cancel(ald_plan *plan)
{
	if (!plan || !atomic_load(&plan->in_run))
		return;
	atomic_store(&plan->cancel_pending, 1);
	struct ald_db *db = atomic_load(&plan->run_db);
	if (db)
		ald__db_cancel(db);
}

void ald_project_cancel(ald_project *p)
{
	if (!p)
		return;
	p->verify_cancelled = 1; /* a running ald_verify stops, its scratch run too */
	ald_project *scratch = p->verify_scratch;
	if (scratch)
		ald_project_cancel(scratch);
	if (p->db)
		ald__db_cancel(p->db);
}
