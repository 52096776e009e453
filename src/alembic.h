/* alembic.h - the project's own Alembic, run as a child process for the
 * Alembic .py revisions of a plan: finding the command (alembic_find.c),
 * starting it with its output captured and its interrupt passed on
 * (alembic_proc.c), the exact target of each run and the reading of its log
 * (run_alembic.c), and the offline SQL of .py steps (plan_alembic_sql.c).
 *
 * aludel plans, locks, confirms and reports; Alembic runs the steps, so that
 * env.py, its connection, -x arguments, --tag, op.* calls and data migrations
 * behave exactly as under Alembic. Graph queries never come here.
 */
#ifndef ALD_ALEMBIC_H
#define ALD_ALEMBIC_H

#include <stddef.h>

#include "config.h"
#include "util.h"

/* The command that starts Alembic, and how it was chosen. */
struct ald_alembic_cmd {
	struct ald_strvec argv; /* e.g. {"/usr/bin/alembic"} or {"python3", "-m", "alembic"} */
	char *origin;           /* "ALUDEL_ALEMBIC", "alembic_command in /p/alembic.ini", ... */
};

/* Picks the command, first found wins: ALUDEL_ALEMBIC in the environment,
 * alembic_command in the ini section, .venv/bin/alembic beside the ini file,
 * `alembic` on PATH, `python3 -m alembic`. A command given as text is split
 * on blanks. `cfg` may be NULL (no project). Whether the command works shows
 * when it runs. */
void ald__alembic_find(struct ald_alembic_cmd *out, const struct ald_config *cfg);
void ald__alembic_cmd_clear(struct ald_alembic_cmd *c);

/* How aludel calls Alembic for one project: the command, then -c <ini>,
 * -n <section> (when not "alembic"), each -x, then the subcommand. */
struct ald_alembic_ctx {
	struct ald_alembic_cmd cmd;
	const char *config_path;
	const char *section;
	const struct ald_strvec *x_args;
	const char *tag;        /* --tag or NULL */
	int raiseerr;           /* --raiseerr: a failure shows Alembic's whole output */
	int stamps;             /* stamps of .py revisions go through Alembic too (an
	                           Alembic project) */
};

enum {
	ALD_ALEMBIC_SQL = 1u << 0,   /* --sql */
	ALD_ALEMBIC_PURGE = 1u << 1  /* --purge (stamp) */
};
/* Appends the argument vector of `alembic ... <sub> [--sql] [--purge]
 * [--tag tag] -- targets...` to *argv (flags: ALD_ALEMBIC_*). */
void ald__alembic_argv(struct ald_strvec *argv, const struct ald_alembic_ctx *ctx, const char *sub,
		      const char *const *targets, size_t n_targets, unsigned flags);

/* One run of a child process, its stdin /dev/null, in a process group of its
 * own (a Ctrl-C at the terminal reaches aludel only; aludel passes it on). */
struct ald_proc {
	/* Called with each line the child writes to stderr, without its newline. */
	void (*on_line)(const char *line, void *payload);
	/* Polled about every 100 ms: nonzero sends SIGINT to the child once; the
	 * child is then waited for. */
	int (*cancelled)(void *payload);
	void *payload;
	int keep_stdout;        /* collect stdout in `out` (else it joins the tail) */
	struct ald_buf out;     /* stdout (keep_stdout), at most ALD_PROC_MAX_OUT bytes */
	struct ald_buf tail;    /* the last ALD_PROC_TAIL bytes of stderr (and stdout) */
	int status;             /* exit status, or 128 + signal number */
	int interrupted;        /* SIGINT was passed on */
};
#define ALD_PROC_MAX_OUT ((size_t)256 << 20)
#define ALD_PROC_TAIL ((size_t)64 << 10)

/* Runs argv (searched on PATH) to its end. Fails only when it cannot be
 * started, or its stdout exceeds the bound (the child is then killed); a
 * non-zero exit is p->status. Free p's buffers with ald__proc_clear. */
int ald__proc_run(struct ald_proc *p, const struct ald_strvec *argv);
void ald__proc_clear(struct ald_proc *p);

/* Alembic's own error from its output: a "FAILED: ..." line to the end, else
 * the exception lines at the end of the last traceback (without the frames),
 * else the last lines; at most 20 lines. The caller's. */
char *ald__alembic_error_text(const char *output);

/* Whether an identifier is relative (Alembic's "+N", "-N", "x@+N", "id-1"):
 * such a target is never passed to Alembic, whose reading of it could differ
 * from the step aludel showed. */
int ald__alembic_target_is_relative(const char *target);

/* ---- The SQL of .py steps (plan_alembic_sql.c) ---- */

struct ald_plan_data;
struct ald_graph;
struct ald_plan_config;
struct ald_step;

/* Whether step st runs an Alembic .py revision (an upgrade or downgrade step). */
int ald__step_is_python(const struct ald_graph *g, const struct ald_step *st);
/* Whether the plan has a step of an Alembic .py revision. */
int ald__plan_has_python(const struct ald_plan_data *p, const struct ald_graph *g);
/* Gives every .py step among the first `n_steps` of p (made steps) the
 * statements Alembic's offline mode writes for it, or, where Alembic cannot,
 * a note (SQL comments: why, and the step's upgrade()/downgrade() source).
 * `target` is the command's target (NULL for a stamp). Never fails: whatever
 * happens shows in the script. */
void ald__alembic_offline_sql(struct ald_plan_data *p, const struct ald_graph *g, const struct ald_plan_config *cfg,
			     const struct ald_alembic_ctx *ctx, const char *target, size_t n_steps);

#endif
