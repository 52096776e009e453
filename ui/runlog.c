/* runlog.c - the run log's records (see runlog.h): a ring of the last
 * RUNLOG_MAX runs, and the text the run log screen shows. */
#include "runlog.h"

#include "aludel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct runlog_step {
	char *label;    /* NULL: the step did not start */
	int state;      /* ALD_PROGRESS_START (running), _DONE or _FAILED */
	double seconds; /* its time once done or failed */
};

struct runlog_run {
	size_t number;  /* 1 for the session's first run */
	char *what;
	time_t when;
	char *sql;
	size_t sql_left_out; /* bytes of the SQL not kept */
	struct runlog_step *steps;
	size_t n_steps;
	int state;      /* 0 running, 1 done, -1 failed */
	char *error, *outcome;
};

struct runlog {
	struct runlog_run runs[RUNLOG_MAX];
	size_t first, count; /* the oldest kept run, the number kept */
	size_t total;        /* runs recorded this session */
};

static char *copy_of(const char *s)
{
	char *copy = strdup(s ? s : "");
	if (!copy)
		abort();
	return copy;
}

struct runlog *runlog_new(void)
{
	return calloc(1, sizeof(struct runlog));
}

static void run_clear(struct runlog_run *r)
{
	free(r->what);
	free(r->sql);
	for (size_t i = 0; i < r->n_steps; i++)
		free(r->steps[i].label);
	free(r->steps);
	free(r->error);
	free(r->outcome);
	memset(r, 0, sizeof(*r));
}

void runlog_free(struct runlog *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->count; i++)
		run_clear(&l->runs[(l->first + i) % RUNLOG_MAX]);
	free(l);
}

/* The run begun last, or NULL. */
static struct runlog_run *last(struct runlog *l)
{
	return l && l->count ? &l->runs[(l->first + l->count - 1) % RUNLOG_MAX] : NULL;
}

void runlog_begin(struct runlog *l, const char *what, const char *sql, size_t n_steps)
{
	if (!l)
		return;
	if (l->count == RUNLOG_MAX) { /* drop the oldest */
		run_clear(&l->runs[l->first]);
		l->first = (l->first + 1) % RUNLOG_MAX;
		l->count--;
	}
	l->count++;
	struct runlog_run *r = last(l);
	r->number = ++l->total;
	r->what = copy_of(what);
	r->when = time(NULL);
	size_t len = strlen(sql ? sql : "");
	size_t keep = len > RUNLOG_SQL_MAX ? RUNLOG_SQL_MAX : len;
	r->sql = malloc(keep + 1);
	if (!r->sql)
		abort();
	memcpy(r->sql, sql ? sql : "", keep);
	r->sql[keep] = '\0';
	r->sql_left_out = len - keep;
	r->n_steps = n_steps;
	r->steps = calloc(n_steps ? n_steps : 1, sizeof(*r->steps));
	if (!r->steps)
		abort();
}

void runlog_step(struct runlog *l, size_t step, const char *label, int event, double seconds)
{
	struct runlog_run *r = last(l);
	if (!r || r->state || step >= r->n_steps || event == ALD_PROGRESS_WAITING)
		return;
	struct runlog_step *s = &r->steps[step];
	if (!s->label)
		s->label = copy_of(label);
	s->state = event;
	if (event != ALD_PROGRESS_START)
		s->seconds = seconds;
}

void runlog_end(struct runlog *l, int failed, const char *error, const char *outcome)
{
	struct runlog_run *r = last(l);
	if (!r || r->state)
		return;
	r->state = failed ? -1 : 1;
	r->error = error ? copy_of(error) : NULL;
	r->outcome = outcome ? copy_of(outcome) : NULL;
}

size_t runlog_count(const struct runlog *l)
{
	return l ? l->count : 0;
}

size_t runlog_total(const struct runlog *l)
{
	return l ? l->total : 0;
}

/* Writes text with every line indented by `indent`. */
static void put_indented(FILE *f, const char *indent, const char *text)
{
	while (*text) {
		size_t n = strcspn(text, "\n");
		fprintf(f, "%s%.*s\n", indent, (int)n, text);
		text += n + (text[n] == '\n');
	}
}

static void put_run(FILE *f, const struct runlog_run *r)
{
	char when[64];
	struct tm tm;
	if (!localtime_r(&r->when, &tm) || !strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm))
		snprintf(when, sizeof(when), "?");
	double total = 0;
	size_t started = 0;
	for (size_t i = 0; i < r->n_steps; i++)
		if (r->steps[i].label) {
			started++;
			total += r->steps[i].seconds;
		}
	fprintf(f, "#%zu %s: %s\n", r->number, r->what,
		r->state > 0 ? "done" : r->state < 0 ? "FAILED" : "running");
	fprintf(f, "  started %s; %zu of %zu step(s) ran, %.1f ms\n", when, started, r->n_steps, total * 1000);
	if (r->state < 0) {
		fputs("  Error:\n", f);
		put_indented(f, "    ", r->error ? r->error : "unknown error");
	}
	if (r->outcome)
		put_indented(f, "  ", r->outcome);
	fputs("  Steps:\n", f);
	for (size_t i = 0; i < r->n_steps; i++) {
		const struct runlog_step *s = &r->steps[i];
		if (!s->label)
			continue;
		fprintf(f, "    [%zu/%zu] %s ", i + 1, r->n_steps, s->label);
		if (s->state == ALD_PROGRESS_DONE)
			fprintf(f, "done in %.1f ms\n", s->seconds * 1000);
		else if (s->state == ALD_PROGRESS_FAILED)
			fprintf(f, "FAILED after %.1f ms\n", s->seconds * 1000);
		else
			fputs("did not finish\n", f);
	}
	if (started < r->n_steps)
		fprintf(f, "    (%zu step(s) did not start)\n", r->n_steps - started);
	fputs("  SQL:\n", f);
	put_indented(f, "    ", r->sql);
	if (r->sql_left_out)
		fprintf(f, "    -- ... %zu more bytes of SQL not kept in the log\n", r->sql_left_out);
}

char *runlog_text(const struct runlog *l)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		abort();
	size_t n = runlog_count(l);
	if (n == 0) {
		fputs("No database action has run in this session yet.\n"
		      "Each upgrade, downgrade or stamp run from the TUI (u, d, +, -, s or the : prompt)\n"
		      "is listed here: its steps with their times, its SQL and, when it fails, the whole error.\n",
		      f);
	} else {
		fprintf(f, "%zu run(s) in this session%s, newest first.\n", runlog_total(l),
			runlog_total(l) > n ? " (the oldest are no longer kept)" : "");
		for (size_t i = n; i-- > 0;) {
			fputc('\n', f);
			put_run(f, &l->runs[(l->first + i) % RUNLOG_MAX]);
		}
	}
	fclose(f);
	return text;
}
