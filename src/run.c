/* run.c - ald__run(): the lock, the plan made from the rows read under it, the
 * transactions around its steps, and the report of a failure (see run.h).
 */
#include "run.h"
#include "error.h"
#include "history_table.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Where a run failed: what the message and the rollback depend on. */
enum phase {
	PHASE_PRE,         /* creating the version table / purging it, in the first transaction */
	PHASE_BEGIN,       /* opening a transaction */
	PHASE_SQL,         /* a statement of a step, inside a transaction */
	PHASE_SQL_OUTSIDE, /* a statement of a non-transactional step */
	PHASE_VERSION,     /* a version statement inside the step's transaction */
	PHASE_VERSION_OUT, /* a version statement of a non-transactional step (own transaction) */
	PHASE_COMMIT,      /* committing */
	PHASE_ALEMBIC,     /* Alembic running .py steps (or choosing its target) */
	PHASE_HISTORY      /* the history rows of steps Alembic ran and committed */
};

struct failure {
	enum phase phase;
	int code;          /* what the failing call returned */
	char *message;     /* the thread's message right after it failed */
	size_t step;       /* the step (n_steps for PRE or a final COMMIT) */
	const char *stmt;  /* the statement, NULL for BEGIN/COMMIT */
	unsigned line;     /* its line in the revision file, 0 if not from the file */
	size_t index;      /* SQL_OUTSIDE: how many statements of the step ran before it */
};

struct runner {
	struct ald_db *db;
	const struct ald_graph *g;
	const struct ald_plan_data *p;
	const struct ald_run_config *o;
	const struct ald_plan_config *cfg;
	const struct ald_run_request *req; /* the command (Alembic may be given its target) */
	struct ald_py_chunk py; /* the last Alembic run */
	int per_migration; /* transaction_per_migration */
	int in_tx;         /* a transaction of the run is open */
	size_t committed;  /* steps [0, committed) are committed */
	struct failure f;
	/* the history table (history_table.h): each step's row is written in
	 * its transaction; times[i] = when step i started and ended (UTC) */
	struct ald_histtab hist;
	char (*times)[2][ALD_HISTTAB_TIME_LEN];
};

static const char *step_name(const struct runner *r, size_t i);

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Records the failure of the call that just returned `code`. */
static int failed(struct runner *r, int code, enum phase phase, size_t step, const char *stmt,
		  unsigned line)
{
	const ald_error *e = ald_error_last();
	r->f.phase = phase;
	r->f.code = code;
	free(r->f.message);
	r->f.message = ald__xstrdup(e && e->message ? e->message : "unknown error");
	r->f.step = step;
	r->f.stmt = stmt;
	r->f.line = line;
	return code;
}

static int begin(struct runner *r, size_t step)
{
	if (r->in_tx)
		return 0;
	int error = ald__db_begin(r->db);
	if (error < 0)
		return failed(r, error, PHASE_BEGIN, step, NULL, 0);
	r->in_tx = 1;
	return 0;
}

/* Commits the open transaction, which holds the steps before `next`. */
static int commit(struct runner *r, size_t next)
{
	if (!r->in_tx)
		return 0;
	int error = ald__db_commit(r->db);
	if (error < 0)
		return failed(r, error, PHASE_COMMIT, next, NULL, 0);
	r->in_tx = 0;
	r->committed = next;
	ald__histtab_committed(&r->hist);
	return 0;
}

static int run_vsql(struct runner *r, const struct ald_vsql *v, size_t n, enum phase phase, size_t step)
{
	for (size_t i = 0; i < n; i++) {
		int error = ald__db_exec_vsql(r->db, &v[i]);
		if (error < 0)
			return failed(r, error, phase, step, v[i].sql, 0);
	}
	return 0;
}

/* The statements of step st from its skip on; outside a transaction
 * (PHASE_SQL_OUTSIDE) each is recorded in the progress row before and after
 * it runs. */
static int run_sql(struct runner *r, const struct ald_step *st, enum phase phase, size_t step)
{
	int outside = phase == PHASE_SQL_OUTSIDE;
	const char *vt = r->cfg->version_table, *schema = r->cfg->version_table_schema;
	for (size_t i = st->skip; i < st->sql.n; i++) {
		int error = outside ? ald__progress_mark(r->db, vt, schema, i + 1, i) : 0;
		if (error == 0)
			error = ald__db_exec(r->db, st->sql.v[i].sql, NULL);
		if (error == 0 && outside)
			error = ald__progress_mark(r->db, vt, schema, i + 1, i + 1);
		if (error < 0) {
			r->f.index = i;
			return failed(r, error, phase, step, st->sql.v[i].sql, st->sql.v[i].line);
		}
	}
	return 0;
}

/* Starts the progress row of non-transactional step i. */
static int start_progress(struct runner *r, size_t i)
{
	const struct ald_step *st = &r->p->steps[i];
	int error = ald__progress_start(r->db, r->cfg->version_table, r->cfg->version_table_schema,
				       r->g->revs[st->rev].file.id, st->kind == ALD_STEP_UPGRADE, st->skip,
				       st->sql.n);
	return error < 0 ? failed(r, error, PHASE_SQL_OUTSIDE, i, NULL, 0) : 0;
}

/* The history row of step i, in the open transaction, with its version
 * statements: the checksum of the statements it ran (none for a stamp). */
static int write_history(struct runner *r, size_t i, enum phase phase)
{
	const struct ald_step *st = &r->p->steps[i];
	if (!r->hist.table)
		return 0;
	char sum[65];
	ald__histtab_now(r->times[i][1]);
	if (st->kind != ALD_STEP_STAMP)
		ald__histtab_stmts_checksum(sum, &st->sql);
	struct ald_histtab_row row = {
		.revision = step_name(r, i),
		.direction = ald__histtab_direction(st->kind),
		.checksum = st->kind == ALD_STEP_STAMP ? NULL : sum,
		.started = r->times[i][0],
		.finished = r->times[i][1],
	};
	int error = ald__histtab_write(&r->hist, r->db, &row);
	return error < 0 ? failed(r, error, phase, i, r->hist.sql, 0) : 0;
}

/* One step in its transaction(s). */
static int run_step(struct runner *r, size_t i)
{
	const struct ald_step *st = &r->p->steps[i];
	int error;
	if (r->times)
		ald__histtab_now(r->times[i][0]);
	if (st->transactional) {
		if ((error = begin(r, i)) < 0 || (error = run_sql(r, st, PHASE_SQL, i)) < 0 ||
		    (error = run_vsql(r, st->vsql, st->n_vsql, PHASE_VERSION, i)) < 0 ||
		    (error = write_history(r, i, PHASE_VERSION)) < 0)
			return error;
		return r->per_migration ? commit(r, i + 1) : 0;
	}
	/* outside any transaction, recorded statement by statement; the version
	 * rows right after, on their own, with the record's removal */
	if ((error = commit(r, i)) < 0 || (error = start_progress(r, i)) < 0 ||
	    (error = run_sql(r, st, PHASE_SQL_OUTSIDE, i)) < 0)
		return error;
	if ((error = begin(r, i)) < 0)
		return error;
	if ((error = run_vsql(r, st->vsql, st->n_vsql, PHASE_VERSION_OUT, i)) < 0 ||
	    (error = write_history(r, i, PHASE_VERSION_OUT)) < 0)
		return error;
	error = ald__progress_clear(r->db, r->cfg->version_table, r->cfg->version_table_schema);
	if (error < 0)
		return failed(r, error, PHASE_VERSION_OUT, i, NULL, 0);
	return commit(r, i + 1);
}

static void progress(struct runner *r, size_t step, int done, double seconds)
{
	if (r->o && r->o->progress)
		r->o->progress(r->p, step, done, seconds, r->o->payload);
}

static void py_progress(void *payload, size_t step, int done, double seconds)
{
	struct runner *r = payload;
	if (r->times && step < r->p->n_steps)
		ald__histtab_now(r->times[step][done == 0 ? 0 : 1]);
	progress(payload, step, done, seconds);
}

/* The history rows of the .py steps [first, end) Alembic ran: Alembic's
 * transactions are env.py's and cannot hold them, so they are written right
 * after it, in a transaction of their own, for the steps it committed (all
 * of them when it succeeded; after a failure, those the version table shows
 * done). Their checksum is of the .py file's upgrade()/downgrade() source.
 * A failure to write them after a successful Alembic run fails the run
 * (PHASE_HISTORY); after a failed one the first failure is the one told. */
static int py_history(struct runner *r, size_t first, size_t end, int alembic_failed)
{
	size_t at;
	int error = ald__histtab_write_steps(&r->hist, r->db, r->g, r->p, first, end,
					    alembic_failed ? &r->py.rows_after : NULL, r->times, &at);
	if (error < 0 && !alembic_failed)
		return failed(r, error, PHASE_HISTORY, at, r->hist.sql, 0);
	return 0;
}

/* Commits what is open, then runs the .py steps from i on through Alembic;
 * *next is the first step after them. */
static int run_python(struct runner *r, size_t i, size_t *next)
{
	int error = commit(r, i);
	if (error < 0)
		return error;
	ald__py_chunk_clear(&r->py);
	error = ald__run_python_chunk(&r->py, r->db, r->g, r->p, i,
				     r->req->kind == ALD_STEP_STAMP ? NULL : r->req->target, r->cfg,
				     r->o ? r->o->alembic : NULL, py_progress, r);
	if (error < 0) {
		error = failed(r, error, PHASE_ALEMBIC, r->py.failed_step, NULL, 0);
		if (r->py.command && r->py.failed_step < r->p->n_steps)
			py_history(r, i, r->py.failed_step + 1, 1);
		return error;
	}
	r->committed = r->py.next;
	*next = r->py.next;
	return py_history(r, i, r->py.next, 0);
}

/* Whether the plan is a stamp Alembic should write: in an Alembic project,
 * every revision it stamps is a .py one (Alembic cannot see native ones). */
static int stamp_by_alembic(const struct runner *r)
{
	const struct ald_plan_data *p = r->p;
	if (p->kind != ALD_STEP_STAMP || p->n_steps == 0 || !r->o || !r->o->alembic || !r->o->alembic->stamps)
		return 0;
	for (size_t i = 0; i < p->n_steps; i++)
		if (p->steps[i].rev != ALD_NOREV && r->g->revs[p->steps[i].rev].file.kind != ALD_REVFILE_PY)
			return 0;
	return 1;
}

/* Runs the plan; on failure r->f says where (the transaction is still open). */
static int run_plan(struct runner *r)
{
	const struct ald_plan_data *p = r->p;
	int error;
	if (stamp_by_alembic(r)) {
		error = ald__run_alembic_stamp(&r->py, r->db, r->g, p, r->req->targets, r->req->n_targets,
					      r->req->purge, r->cfg, r->o->alembic, py_progress, r);
		if (error < 0)
			return failed(r, error, PHASE_ALEMBIC, r->py.failed_step, NULL, 0);
		r->committed = p->n_steps;
		return py_history(r, 0, p->n_steps, 0);
	}
	if (p->n_pre > 0) {
		if ((error = begin(r, 0)) < 0)
			return error;
		if ((error = run_vsql(r, p->pre, p->n_pre, PHASE_PRE, p->n_steps)) < 0)
			return error;
	}
	for (size_t i = 0; i < p->n_steps;) {
		if (ald__step_is_python(r->g, &p->steps[i])) {
			if ((error = run_python(r, i, &i)) < 0)
				return error;
			continue;
		}
		double t0 = now_s();
		progress(r, i, 0, 0);
		error = run_step(r, i);
		progress(r, i, error < 0 ? -1 : 1, now_s() - t0);
		if (error < 0)
			return error;
		i++;
	}
	return commit(r, p->n_steps);
}

/* ---- the report of a failure ---- */

/* Appends `text` with every line after the first indented by `indent`. */
static void put_indented(struct ald_buf *b, const char *text, const char *indent)
{
	for (const char *c = text; *c; c++) {
		ald__buf_putc(b, *c);
		if (*c == '\n' && c[1])
			ald__buf_puts(b, indent);
	}
}

static const char *step_name(const struct runner *r, size_t i)
{
	size_t rev = r->p->steps[i].rev;
	return rev == ALD_NOREV ? "base" : r->g->revs[rev].file.id;
}

/* The first line and the details: what failed, where, the database's text. */
static void describe_failure(struct ald_buf *b, const struct runner *r, int interrupted)
{
	const struct failure *f = &r->f;
	const struct ald_step *st = NULL;
	if (f->phase != PHASE_PRE && f->phase != PHASE_COMMIT && f->step < r->p->n_steps)
		st = &r->p->steps[f->step];
	if (f->phase == PHASE_PRE)
		ald__buf_puts(b, "Preparing the version table");
	else if (f->phase == PHASE_COMMIT)
		ald__buf_puts(b, "Committing the transaction");
	else
		ald__buf_puts(b, st ? st->label : "Running the migration");
	ald__buf_puts(b, interrupted ? ": interrupted\n" : ": failed\n");
	if (st && st->kind != ALD_STEP_STAMP) {
		const struct ald_revfile *rf = &r->g->revs[st->rev].file;
		ald__buf_printf(b, "  revision %s, %s", rf->id, rf->path);
		if (f->line)
			ald__buf_printf(b, ", line %u", f->line);
		ald__buf_putc(b, '\n');
	}
	if (f->stmt) {
		ald__buf_puts(b, "  statement: ");
		put_indented(b, f->stmt, "    ");
		ald__buf_putc(b, '\n');
	} else if (f->phase == PHASE_BEGIN || f->phase == PHASE_COMMIT) {
		ald__buf_puts(b, f->phase == PHASE_BEGIN ? "  statement: BEGIN\n" : "  statement: COMMIT\n");
	}
	if (f->phase == PHASE_ALEMBIC && r->py.command)
		ald__buf_printf(b, "  run by Alembic: %s\n", r->py.command);
	if (interrupted)
		return;
	if (f->phase == PHASE_ALEMBIC && r->py.alembic_output) {
		ald__buf_puts(b, "  alembic: ");
		put_indented(b, r->py.alembic_output, "    ");
		ald__buf_putc(b, '\n');
	} else {
		ald__buf_puts(b, f->code == ALD_EDB ? "  database: " : "  error: ");
		put_indented(b, f->message, "    ");
		ald__buf_putc(b, '\n');
	}
}

/* After Alembic ran: the rows it left and which steps of the plan they make
 * done (an upgrade step whose revision is applied, a downgrade step whose
 * revision is not). */
static void describe_alembic_outcome(struct ald_buf *b, const struct runner *r, int interrupted)
{
	const struct ald_graph *g = r->g;
	const struct ald_strvec *rows = &r->py.rows_after;
	unsigned char *mark = ald__xcalloc(g->n ? g->n : 1, 1);
	struct ald_ixvec ix = {0};
	for (size_t i = 0; i < rows->n; i++) {
		size_t x = ald__graph_find(g, rows->v[i]);
		if (x != ALD_NOREV)
			ald__ixvec_push(&ix, x);
	}
	ald__graph_ancestors(g, ix.v, ix.n, 0, mark);
	struct ald_strvec done = {0}, todo = {0};
	for (size_t i = 0; r->p->kind != ALD_STEP_STAMP && i < r->p->n_steps; i++) {
		const struct ald_step *st = &r->p->steps[i];
		int applied = mark[st->rev] != 0;
		ald__strvec_pushdup((st->kind == ALD_STEP_UPGRADE) == applied ? &done : &todo, step_name(r, i));
	}
	char *now = rows->n ? ald__strvec_join(rows, ", ") : ald__xstrdup("no rows (nothing applied)");
	ald__buf_printf(b, "%sAlembic ran it in env.py's own transaction(s), and what they committed stays; "
			  "the version table, read again, holds: %s.",
		       interrupted ? "Interrupted: " : "", now);
	char *d = ald__strvec_join(&done, ", "), *t = ald__strvec_join(&todo, ", ");
	if (r->p->kind != ALD_STEP_STAMP) /* a stamp's steps are only rows: the rows say it all */
		ald__buf_printf(b, "\nSteps done: %s; not done: %s.", done.n ? d : "none", todo.n ? t : "none");
	free(d);
	free(t);
	free(now);
	ald__strvec_free(&done);
	ald__strvec_free(&todo);
	ald__ixvec_free(&ix);
	free(mark);
}

/* The last lines: what was rolled back and what stays applied. */
static void describe_outcome(struct ald_buf *b, const struct runner *r, int interrupted, int rolled_back)
{
	const struct failure *f = &r->f;
	const char *the = interrupted ? "Interrupted: the" : "The";
	if (f->phase == PHASE_ALEMBIC && r->py.command) {
		describe_alembic_outcome(b, r, interrupted);
		return;
	}
	if (f->phase == PHASE_HISTORY) {
		ald__buf_printf(b, "Alembic ran the steps and committed them; only their rows in the history table "
				  "were not written (rolled back).");
		return;
	}
	if (f->phase == PHASE_SQL_OUTSIDE) {
		const char *id = step_name(r, f->step);
		if (f->index == 0)
			ald__buf_printf(b, "%s revision %s runs outside a transaction (Transactional: false): "
				       "nothing of it was applied.", interrupted ? "Interrupted:" : "The", id);
		else
			ald__buf_printf(b, "%s revision %s runs outside a transaction (Transactional: false): "
				       "its %zu statement%s before this one stay%s applied, and its version "
				       "row was not written; the same command with --resume goes on from "
				       "statement %zu.", interrupted ? "Interrupted:" : "The", id, f->index,
				       f->index == 1 ? "" : "s", f->index == 1 ? "s" : "", f->index + 1);
	} else if (f->phase == PHASE_VERSION_OUT) {
		ald__buf_printf(b, "%s revision %s runs outside a transaction (Transactional: false): its "
			       "statements stay applied, but its version row was not written (rolled back).",
			       interrupted ? "Interrupted:" : "The", step_name(r, f->step));
	} else if (rolled_back) {
		ald__buf_printf(b, "%s transaction was rolled back: nothing of it was applied.", the);
	} else {
		ald__buf_printf(b, "%s step was not started: nothing of it was applied.", the);
	}
	if (r->committed > 0) {
		ald__buf_printf(b, "\nCommitted before it, %zu of the %zu steps stay applied and recorded: ",
			       r->committed, r->p->n_steps);
		for (size_t i = 0; i < r->committed; i++)
			ald__buf_printf(b, "%s%s", i ? ", " : "", step_name(r, i));
		ald__buf_putc(b, '.');
	}
}

/* Rolls back what is open and sets the thread's error to the report. */
/* A statement of a non-transactional step failed (or was interrupted: it
 * did not complete either): the progress row says exactly how many ran,
 * and goes when none did. Best effort: if the database is gone, the row
 * still says the statement may have run, which is then the truth. */
static void settle_progress(struct runner *r)
{
	const char *vt = r->cfg->version_table, *schema = r->cfg->version_table_schema;
	if (!r->f.stmt)
		return; /* the record itself could not be written */
	ald__db_cancel_clear(r->db);
	if (r->f.index == 0)
		ald__progress_clear(r->db, vt, schema);
	else
		ald__progress_mark(r->db, vt, schema, r->f.index, r->f.index);
}

static int report(struct runner *r)
{
	int interrupted = r->f.code == ALD_EINTERRUPTED;
	int rolled_back = r->in_tx;
	if (r->in_tx) {
		/* a cancel racing with the end of a statement may hit the ROLLBACK */
		for (int i = 0; i < 3 && ald__db_rollback(r->db) == ALD_EINTERRUPTED; i++)
			;
		r->in_tx = 0;
	}
	if (r->f.phase == PHASE_SQL_OUTSIDE)
		settle_progress(r);
	struct ald_buf b = {0};
	describe_failure(&b, r, interrupted);
	describe_outcome(&b, r, interrupted, rolled_back);
	int code = interrupted ? ALD_EINTERRUPTED : r->f.code == ALD_ELOCKED ? ALD_ELOCKED : ALD_EDB;
	ald__error_set(code, "%s", ald__buf_cstr(&b));
	ald__buf_free(&b);
	return code;
}

/* ---- ald__run ---- */

/* Without a way to start Alembic, a plan with a .py step fails before
 * anything runs. */
static int refuse_python(const struct ald_plan_data *p, const struct ald_graph *g)
{
	for (size_t i = 0; i < p->n_steps; i++) {
		if (!ald__step_is_python(g, &p->steps[i]))
			continue;
		const struct ald_revfile *f = &g->revs[p->steps[i].rev].file;
		return ald__error_set(ALD_EUSAGE, "%s: revision %s (%s) is an Alembic .py revision, and no Alembic "
				     "was given to run it: nothing was run", p->steps[i].label, f->id, f->path);
	}
	return 0;
}

static int build_plan(struct ald_plan_data **out, const struct ald_graph *g,
		      const struct ald_run_request *req, const struct ald_strvec *rows,
		      const struct ald_plan_config *cfg)
{
	const char *const *v = (const char *const *)rows->v;
	switch (req->kind) {
	case ALD_STEP_UPGRADE:
		return ald__plan_build_upgrade(out, g, req->target, v, rows->n, cfg);
	case ALD_STEP_DOWNGRADE:
		return ald__plan_build_downgrade(out, g, req->target, v, rows->n, cfg);
	case ALD_STEP_STAMP:
		return ald__plan_build_stamp(out, g, req->targets, req->n_targets, v, rows->n, req->purge, cfg);
	}
	return ald__error_set(ALD_EUSAGE, "unknown kind of run %d", (int)req->kind);
}

/* Under the lock: the rows, the plan from them. */
static int plan_under_lock(struct ald_plan_data **out, struct ald_db *db, const struct ald_graph *g,
			   const struct ald_run_request *req, struct ald_plan_config *cfg)
{
	struct ald_strvec rows = {0};
	int exists = 0;
	int error = ald__db_version_table_exists(db, cfg->version_table, cfg->version_table_schema, &exists);
	if (error == 0 && exists)
		error = ald__db_version_rows(db, cfg->version_table, cfg->version_table_schema, &rows);
	cfg->table_exists = exists;
	if (error == 0)
		error = build_plan(out, g, req, &rows, cfg);
	struct ald_progress_row pr = {0};
	if (error == 0)
		error = ald__progress_read(&pr, db, cfg->version_table, cfg->version_table_schema);
	if (error == 0)
		error = ald__progress_apply(*out, g, &pr, req->resume);
	ald__progress_row_clear(&pr);
	ald__strvec_free(&rows);
	return error;
}

int ald__run(struct ald_plan_data **executed, struct ald_db *db, const struct ald_graph *g,
	    const struct ald_run_request *req, const struct ald_plan_config *cfg,
	    const struct ald_run_config *o)
{
	if (executed)
		*executed = NULL;
	if (cfg->offline)
		return ald__error_set(ALD_EUSAGE, "an offline (--sql) plan cannot be run on a database");
	struct ald_plan_config c = *cfg;
	c.dialect = ald__db_dialect_of(db);
	c.offline = 0;
	if (!c.version_table)
		c.version_table = "alembic_version";

	struct ald_run_lock lock;
	struct ald_plan_data *plan = NULL;
	int error = ald__run_lock_take(&lock, db, c.version_table, c.version_table_schema,
				      o ? o->lock_timeout_ms : -1, o ? o->waiting : NULL,
				      o ? o->payload : NULL);
	if (error == 0)
		error = plan_under_lock(&plan, db, g, req, &c);
	if (error == 0 && !(o && o->alembic))
		error = refuse_python(plan, g);
	if (error == 0) {
		struct runner r = {.db = db, .g = g, .p = plan, .o = o, .cfg = &c,
				   .req = req,
				   .per_migration = c.transaction_per_migration,
				   .hist = {.dialect = c.dialect, .table = o ? o->history_table : NULL,
					    .schema = c.version_table_schema}};
		if (r.hist.table)
			r.times = ald__xcalloc(plan->n_steps ? plan->n_steps : 1, sizeof(*r.times));
		if ((error = run_plan(&r)) < 0)
			error = report(&r);
		else if (req->kind == ALD_STEP_STAMP) /* a stamp says what is applied: no record stays */
			error = ald__progress_clear(db, c.version_table, c.version_table_schema);
		free(r.f.message);
		free(r.times);
		ald__histtab_clear(&r.hist);
		ald__py_chunk_clear(&r.py);
	} else if (error == ALD_EINTERRUPTED) {
		error = ald__error_set(error, "Interrupted before the migration started: nothing was run.");
	}
	ald__run_lock_release(&lock, db);
	ald__db_cancel_clear(db);
	if (executed)
		*executed = plan;
	else
		ald__plan_data_free(plan);
	return error;
}
