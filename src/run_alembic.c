/* run_alembic.c - the steps of a plan that are Alembic .py revisions, run by
 * the project's own Alembic (see alembic.h and run.h).
 *
 * Consecutive .py steps form a chunk, and each chunk is one Alembic run with
 * one target. The target is the command's own when the whole plan is .py and
 * the target is not relative (`upgrade heads`, `downgrade base`, an id);
 * otherwise an exact revision id ("R", "P", "R@P", "R@base") that aludel's
 * own planner, which follows Alembic's rules, shows to give exactly the
 * chunk's steps from the rows in the table now, so that Alembic runs the
 * steps the screen showed and no others. A stamp in an Alembic project is
 * one `alembic stamp` with the command's targets. Alembic's "Running upgrade
 * a -> b" log lines drive the progress callbacks; afterwards the version
 * table is read again.
 */
#include "error.h"
#include "run.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Whether plan `c` has exactly the revisions of p's steps [first, last]. */
static int same_steps(const struct ald_plan_data *c, const struct ald_plan_data *p, size_t first, size_t last)
{
	if (c->n_steps != last - first + 1)
		return 0;
	for (size_t k = 0; k < c->n_steps; k++)
		if (c->steps[k].rev != p->steps[first + k].rev || c->steps[k].kind != p->steps[first + k].kind)
			return 0;
	return 1;
}

/* The exact targets that could run step k alone (or with the steps before it):
 * upgrade "R"; downgrade "P" and "R@P" for each down revision P, or "base"
 * and "R@base". */
static void candidates(struct ald_strvec *out, const struct ald_graph *g, const struct ald_step *st)
{
	const struct ald_rev *r = &g->revs[st->rev];
	if (st->kind == ALD_STEP_UPGRADE) {
		ald__strvec_pushdup(out, r->file.id);
		return;
	}
	for (size_t i = 0; i < r->down.n; i++) {
		const char *parent = g->revs[r->down.v[i]].file.id;
		ald__strvec_pushdup(out, parent);
		ald__strvec_push(out, ald__xasprintf("%s@%s", r->file.id, parent));
	}
	if (r->down.n == 0) {
		ald__strvec_pushdup(out, "base");
		ald__strvec_push(out, ald__xasprintf("%s@base", r->file.id));
	}
}

/* Picks the chunk starting at `first` and its target: *last, *target (the
 * caller's) and *expect (the plan aludel expects Alembic to carry out, the
 * caller's; NULL when it is p itself). */
static int pick_target(char **target, size_t *last, struct ald_plan_data **expect, const struct ald_graph *g,
		       const struct ald_plan_data *p, size_t first, const char *whole,
		       const struct ald_strvec *rows, const struct ald_plan_config *cfg)
{
	size_t j = first;
	while (j + 1 < p->n_steps && ald__step_is_python(g, &p->steps[j + 1]))
		j++;
	*target = NULL;
	*expect = NULL;
	if (first == 0 && j + 1 == p->n_steps && whole && !ald__alembic_target_is_relative(whole)) {
		*target = ald__xstrdup(whole);
		*last = j;
		return 0;
	}
	const char *const *rv = (const char *const *)rows->v;
	size_t tries[2] = {j, first};
	for (int t = 0; t < 2 && !*target; t++) {
		if (t == 1 && j == first)
			break;
		struct ald_strvec cands = {0};
		candidates(&cands, g, &p->steps[tries[t]]);
		for (size_t c = 0; c < cands.n && !*target; c++) {
			struct ald_plan_data *cp = NULL;
			int err = p->kind == ALD_STEP_UPGRADE
					  ? ald__plan_build_upgrade(&cp, g, cands.v[c], rv, rows->n, cfg)
					  : ald__plan_build_downgrade(&cp, g, cands.v[c], rv, rows->n, cfg);
			if (err == 0 && same_steps(cp, p, first, tries[t])) {
				*target = ald__xstrdup(cands.v[c]);
				*last = tries[t];
				*expect = cp;
			} else {
				ald__plan_data_free(cp);
			}
		}
		ald__strvec_free(&cands);
	}
	ald__error_clear();
	if (!*target)
		return ald__error_set(ALD_EUSAGE,
				     "%s: no Alembic target names exactly this step from the version table's "
				     "rows now, so aludel will not ask Alembic to run it",
				     p->steps[first].label);
	return 0;
}

/* ---- following Alembic's log ---- */

struct follow {
	const struct ald_plan_data *p;
	size_t first, last;
	size_t started;          /* the step running now (SIZE_MAX: none yet) */
	double t0;               /* when it started */
	ald_step_progress progress;
	void *payload;
	struct ald_db *db;
};

static void report(struct follow *f, size_t step, int done)
{
	double t = now_s();
	if (f->progress)
		f->progress(f->payload, step, done, done == 0 ? 0 : t - f->t0);
	if (done == 0)
		f->t0 = t;
}

/* Moves the progress to step k: the running one is done, steps skipped in
 * the log are shown as started and done. */
static void advance(struct follow *f, size_t k)
{
	size_t next = f->first;
	if (f->started != SIZE_MAX) {
		report(f, f->started, 1);
		next = f->started + 1;
	}
	for (; next < k; next++) {
		report(f, next, 0);
		report(f, next, 1);
	}
	f->started = k;
	report(f, k, 0);
}

/* Whether `line` holds `comment` followed by ", " or its end. */
static int mentions(const char *line, const char *comment)
{
	size_t n = strlen(comment);
	for (const char *s = strstr(line, comment); s; s = strstr(s + 1, comment))
		if (s[n] == '\0' || s[n] == ',')
			return 1;
	return 0;
}

static void on_line(const char *line, void *payload)
{
	struct follow *f = payload;
	if (!strstr(line, "Running "))
		return;
	size_t from = f->started == SIZE_MAX ? f->first : f->started + 1;
	for (size_t k = from; k <= f->last; k++) {
		if (mentions(line, f->p->steps[k].comment)) {
			advance(f, k);
			return;
		}
	}
}

static int on_poll(void *payload)
{
	struct follow *f = payload;
	return ald__db_cancel_requested(f->db);
}

/* ---- the chunk ---- */

/* Whether the rows read equal the rows a plan ends with (as sets). */
static int rows_match(const struct ald_strvec *rows, const struct ald_graph *g, const struct ald_ixvec *want)
{
	if (rows->n != want->n)
		return 0;
	for (size_t i = 0; i < want->n; i++)
		if (!ald__strvec_contains(rows, g->revs[want->v[i]].file.id))
			return 0;
	return 1;
}

static char *join_rows(const struct ald_strvec *rows)
{
	return rows->n ? ald__strvec_join(rows, ", ") : ald__xstrdup("no rows");
}

/* Runs argv, Alembic carrying out p's steps [first, last] (`expect`'s rows,
 * or p's when NULL), then reads the version table into res->rows_after;
 * a difference from the expected rows stops the run while steps remain. */
static int run_followed(struct ald_py_chunk *res, struct ald_db *db, const struct ald_graph *g,
			const struct ald_plan_data *p, size_t first, size_t last, const struct ald_strvec *argv,
			const struct ald_plan_data *expect, const struct ald_plan_config *cfg,
			const struct ald_alembic_ctx *ctx, ald_step_progress progress, void *payload)
{
	struct follow f = {.p = p, .first = first, .last = last, .started = SIZE_MAX, .t0 = now_s(),
			   .progress = progress, .payload = payload, .db = db};
	struct ald_proc proc = {.on_line = on_line, .cancelled = on_poll, .payload = &f};
	int error = ald__proc_run(&proc, argv);
	if (error == 0 && proc.status == 0 && !proc.interrupted) {
		if (f.started == SIZE_MAX || f.started < last)
			advance(&f, last);
		report(&f, last, 1);
	}
	/* what is applied now, whatever happened */
	ald__db_cancel_clear(db);
	int rerr = ald__db_version_rows(db, cfg->version_table, cfg->version_table_schema, &res->rows_after);
	if (error == 0 && (proc.status != 0 || proc.interrupted)) {
		res->failed_step = f.started == SIZE_MAX ? first : f.started;
		report(&f, res->failed_step, -1);
		res->alembic_output = ctx->raiseerr ? ald__xstrdup(ald__buf_cstr(&proc.tail))
						    : ald__alembic_error_text(ald__buf_cstr(&proc.tail));
		error = proc.interrupted ? ALD_EINTERRUPTED : ALD_ERROR;
		ald__error_set(error, "Alembic (%s) exited with status %d", ctx->cmd.argv.v[0], proc.status);
	} else if (error == 0 && rerr < 0) {
		error = rerr;
	} else if (error == 0) {
		const struct ald_ixvec *want = expect ? &expect->final_rows : &p->final_rows;
		res->next = last + 1;
		if (last + 1 < p->n_steps && !rows_match(&res->rows_after, g, want)) {
			struct ald_strvec w = {0};
			for (size_t i = 0; i < want->n; i++)
				ald__strvec_pushdup(&w, g->revs[want->v[i]].file.id);
			char *have = join_rows(&res->rows_after), *exp = join_rows(&w);
			error = ald__error_set(ALD_ERROR,
					      "Alembic (%s) left the version table holding %s where aludel expected "
					      "%s: the remaining steps were not run",
					      res->command, have, exp);
			free(have);
			free(exp);
			ald__strvec_free(&w);
			res->failed_step = last + 1;
		}
	}
	ald__proc_clear(&proc);
	return error;
}

int ald__run_python_chunk(struct ald_py_chunk *res, struct ald_db *db, const struct ald_graph *g,
			 const struct ald_plan_data *p, size_t first, const char *whole,
			 const struct ald_plan_config *cfg, const struct ald_alembic_ctx *ctx,
			 ald_step_progress progress, void *payload)
{
	memset(res, 0, sizeof(*res));
	res->next = first;
	res->failed_step = first;
	if (!ctx)
		return ald__error_set(ALD_EUSAGE, "%s: an Alembic .py revision needs Alembic, which this caller did not provide",
				     p->steps[first].label);
	struct ald_strvec rows = {0};
	int error = ald__db_version_rows(db, cfg->version_table, cfg->version_table_schema, &rows);
	char *target = NULL;
	size_t last = first;
	struct ald_plan_data *expect = NULL;
	if (error == 0)
		error = pick_target(&target, &last, &expect, g, p, first, whole, &rows, cfg);
	ald__strvec_free(&rows);
	if (error < 0)
		return error;
	const char *sub = p->kind == ALD_STEP_UPGRADE ? "upgrade" : "downgrade";
	struct ald_strvec argv = {0};
	ald__alembic_argv(&argv, ctx, sub, (const char *const *)&target, 1, 0);
	res->command = ald__xasprintf("%s %s", sub, target);
	free(target);
	error = run_followed(res, db, g, p, first, last, &argv, expect, cfg, ctx, progress, payload);
	ald__strvec_free(&argv);
	ald__plan_data_free(expect);
	return error;
}

int ald__run_alembic_stamp(struct ald_py_chunk *res, struct ald_db *db, const struct ald_graph *g,
			  const struct ald_plan_data *p, const char *const *targets, size_t n_targets, int purge,
			  const struct ald_plan_config *cfg, const struct ald_alembic_ctx *ctx,
			  ald_step_progress progress, void *payload)
{
	static const char *const base[] = {"base"};
	memset(res, 0, sizeof(*res));
	if (n_targets == 0) {
		targets = base;
		n_targets = 1;
	}
	struct ald_strvec argv = {0}, words = {0};
	ald__alembic_argv(&argv, ctx, "stamp", targets, n_targets, purge ? ALD_ALEMBIC_PURGE : 0);
	ald__strvec_pushdup(&words, purge ? "stamp --purge" : "stamp");
	for (size_t i = 0; i < n_targets; i++)
		ald__strvec_pushdup(&words, targets[i]);
	res->command = ald__strvec_join(&words, " ");
	ald__strvec_free(&words);
	int error = run_followed(res, db, g, p, 0, p->n_steps - 1, &argv, NULL, cfg, ctx, progress, payload);
	ald__strvec_free(&argv);
	return error;
}

void ald__py_chunk_clear(struct ald_py_chunk *res)
{
	free(res->command);
	free(res->alembic_output);
	ald__strvec_free(&res->rows_after);
	memset(res, 0, sizeof(*res));
}
