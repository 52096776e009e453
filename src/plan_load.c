/* plan_load.c - the statements of a plan's steps, read from the revision
 * files and split: one step at a time, or many at once by worker threads
 * beside the calling one (a plan of thousands of steps spends most of its
 * time opening, reading and splitting files, each independent of the
 * others). */
#include "plan.h"
#include "error.h"
#include "revision_file.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Rewrites the splitter's "line N: ..." as "<path>:N: ...". */
static int split_error(int err, const char *path)
{
	const ald_error *e = ald_error_last();
	const char *msg = e && e->message ? e->message : "";
	char *end;
	if (strncmp(msg, "line ", 5) == 0) {
		unsigned long line = strtoul(msg + 5, &end, 10);
		if (end != msg + 5 && strncmp(end, ": ", 2) == 0) {
			char *rest = ald__xstrdup(end + 2);
			ald__error_set(err, "%s:%lu: %s", path, line, rest);
			free(rest);
			return err;
		}
	}
	ald__error_prefix("%s: ", path);
	return err;
}

int ald__plan_load_sql(struct ald_step *st, const struct ald_graph *g, const struct ald_plan_config *cfg)
{
	const struct ald_revfile *f = &g->revs[st->rev].file;
	int up = st->kind == ALD_STEP_UPGRADE;
	if (f->kind == ALD_REVFILE_PY)
		return 0; /* Alembic runs it; its offline SQL is read when asked for (plan_alembic_sql.c) */
	const struct ald_section *sec = up ? &f->upgrade : &f->downgrade;
	if (!sec->present) {
		if (up)
			return 0; /* nothing to run */
		return ald__error_set(ALD_EUSAGE,
				     "%s: revision %s has no \"-- migrate:downgrade\" section and cannot be downgraded",
				     f->path, f->id);
	}
	char *text = NULL;
	int err = ald__revfile_section(&text, f, up);
	if (err < 0)
		return err;
	err = ald__sql_split_dialect(&st->sql, cfg->split_dialect ? cfg->split_dialect->split : ALD_SQL_ANY, text, strlen(text),
				    sec->line);
	free(text);
	return err < 0 ? split_error(err, f->path) : 0;
}

/* The work shared by the threads of ald__plan_load_sql_many. */
struct load_job {
	struct ald_step *steps;
	size_t n;
	const struct ald_graph *g;
	const struct ald_plan_config *cfg;
	atomic_size_t next;   /* the next step to take */
	int *err;             /* per step: what ald__plan_load_sql returned */
	char **message;       /* per step: the error's message when err < 0 */
};

/* Takes steps until none is left; an error is kept with its step (each
 * thread has its own last error). */
static void *load_work(void *arg)
{
	struct load_job *job = arg;
	for (;;) {
		size_t k = atomic_fetch_add(&job->next, 1);
		if (k >= job->n)
			return NULL;
		job->err[k] = ald__plan_load_sql(&job->steps[k], job->g, job->cfg);
		if (job->err[k] < 0) {
			job->message[k] = ald__xstrdup(ald_error_last()->message);
			ald__error_clear(); /* a worker's own record would outlive it */
		}
	}
}

/* At most this many threads read (the calling one included). */
#define LOAD_THREADS_MAX 4

size_t ald__plan_load_sql_many(struct ald_plan_load_failure *fail, struct ald_step *steps, size_t n,
			       const struct ald_graph *g, const struct ald_plan_config *cfg)
{
	struct load_job job = {.steps = steps, .n = n, .g = g, .cfg = cfg};
	atomic_init(&job.next, 0);
	job.err = ald__xcalloc(n ? n : 1, sizeof(*job.err));
	job.message = ald__xcalloc(n ? n : 1, sizeof(*job.message));
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t extra = cpus > 1 ? (size_t)cpus - 1 : 0;
	if (extra > LOAD_THREADS_MAX - 1)
		extra = LOAD_THREADS_MAX - 1;
	pthread_t tid[LOAD_THREADS_MAX];
	int started[LOAD_THREADS_MAX] = {0};
	for (size_t t = 0; t < extra; t++)
		started[t] = pthread_create(&tid[t], NULL, load_work, &job) == 0;
	load_work(&job); /* the calling thread takes its share (all of it if no thread started) */
	for (size_t t = 0; t < extra; t++)
		if (started[t])
			pthread_join(tid[t], NULL);

	/* as one step at a time would leave it: the steps before the first that
	 * failed are loaded, those after it are not */
	size_t ok = 0;
	while (ok < n && job.err[ok] == 0)
		ok++;
	memset(fail, 0, sizeof(*fail));
	if (ok < n) {
		fail->code = job.err[ok];
		fail->message = job.message[ok];
		job.message[ok] = NULL;
		for (size_t k = ok + 1; k < n; k++)
			ald__stmts_free(&steps[k].sql);
	}
	for (size_t k = 0; k < n; k++)
		free(job.message[k]);
	free(job.message);
	free(job.err);
	return ok;
}

int ald__plan_load_failure_raise(struct ald_plan_load_failure *fail)
{
	int code = ald__error_set(fail->code, "%s", fail->message);
	free(fail->message);
	fail->message = NULL;
	return code;
}
