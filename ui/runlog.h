/* runlog.h - the record of the database actions of a TUI session (the run
 * log `L` shows): what ran, when, each step with its time, the SQL, and for a
 * failure the whole error text and what the version table holds after it.
 * Bounded: the last RUNLOG_MAX runs are kept, and each run's SQL up to
 * RUNLOG_SQL_MAX bytes. */
#ifndef ALD_TUI_RUNLOG_H
#define ALD_TUI_RUNLOG_H

#include <stddef.h>

#define RUNLOG_MAX 50
#define RUNLOG_SQL_MAX (256 * 1024)

struct runlog;

/* A new, empty log, or NULL when out of memory. */
struct runlog *runlog_new(void);
void runlog_free(struct runlog *l);

/* Starts the record of a run: `what` says what runs (e.g. "upgrade to
 * feat@head (3f2a...) on sqlite:///app.db"), `sql` is the plan's SQL,
 * `n_steps` its number of steps. The oldest run is dropped when the log is
 * full. Later calls record into this run until runlog_end. */
void runlog_begin(struct runlog *l, const char *what, const char *sql, size_t n_steps);
/* Records a progress event (ALD_PROGRESS_*) of step `step` of the run begun
 * last; `label` is the step's label, `seconds` as the progress callback got it. */
void runlog_step(struct runlog *l, size_t step, const char *label, int event, double seconds);
/* Ends the run begun last: failed or done, the whole error text (NULL when
 * done) and the version table after it (may be NULL). */
void runlog_end(struct runlog *l, int failed, const char *error, const char *outcome);

/* Number of runs kept, and of runs recorded this session. */
size_t runlog_count(const struct runlog *l);
size_t runlog_total(const struct runlog *l);

/* The log as text, newest run first (the caller frees it). */
char *runlog_text(const struct runlog *l);

#endif
