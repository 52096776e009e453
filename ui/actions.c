/* actions.c - the TUI's database side: reading the version table into the
 * view, the SQL preview, and the actions that change the database (u, d, +,
 * -, s) or the files (m). Each database action shows its plan and asks first. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "tui_internal.h"
#include "runlog.h"

#include <ncurses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Writes the current revisions as `aludel current` lists them (the rows,
 * then the revisions their dependencies imply) into buf: "a,b", "base" when
 * there are none, ",…+N" when the rest does not fit. */
static void current_list(struct tui *t, ald_revlist *tips, char *buf, size_t cap)
{
	size_t n = ald_revlist_count(tips), len = 0;
	snprintf(buf, cap, "%s", n ? "" : "base");
	for (size_t i = 0; i < n; i++) {
		const char *id = ald_revision_id(ald_revlist_at(tips, i));
		/* keep room for the marker of what is left out */
		if (len + strlen(id) + 1 + (i + 1 < n ? 16 : 0) >= cap) {
			snprintf(buf + len, cap - len, ",%s+%zu", t->utf8 ? "\u2026" : "...", n - i);
			return;
		}
		len += (size_t)snprintf(buf + len, cap - len, "%s%s", i ? "," : "", id);
	}
}

/* Reads the version table: t->current marks its rows, t->applied everything
 * below them, and, connected, t->db_message lists the current revisions for
 * the status line; offline, t->db_message says why. */
void tui_db_refresh(struct tui *t)
{
	t->db_gen++; /* previews built before this read are stale */
	size_t n = ald_project_revision_count(t->project);
	ald_strarray rows = {0};
	ald_revlist *applied = NULL, *tips = NULL;
	memset(t->current, 0, n);
	memset(t->applied, 0, n);
	if (!ald_project_url_display(t->project)) {
		t->db_state = 0;
		return;
	}
	if (ald_project_current(&rows, t->project) < 0 ||
	    ald_project_applied(&applied, t->project, &rows) < 0 ||
	    ald_project_current_tips(&tips, t->project, &rows) < 0) {
		const ald_error *e = ald_error_last();
		t->db_state = -1;
		snprintf(t->db_message, sizeof(t->db_message), "%s", e ? e->message : "unknown error");
		ald_strarray_dispose(&rows);
		ald_revlist_free(applied);
		return;
	}
	t->db_state = 1;
	current_list(t, tips, t->db_message, sizeof(t->db_message));
	ald_revlist_free(tips);
	for (size_t i = 0; i < ald_revlist_count(applied); i++)
		t->applied[ald_revision_index(ald_revlist_at(applied, i))] = 1;
	for (size_t i = 0; i < rows.count; i++) {
		ald_revlist *one = NULL;
		if (ald_project_resolve(&one, t->project, rows.strings[i]) == 0 && ald_revlist_count(one))
			t->current[ald_revision_index(ald_revlist_at(one, 0))] = 1;
		ald_revlist_free(one);
	}
	ald_revlist_free(applied);
	ald_strarray_dispose(&rows);
	char *unfinished = NULL;
	if (ald_project_unfinished(&unfinished, t->project) == 0 && unfinished)
		tui_set_status(t, "unfinished: %s", unfinished);
	free(unfinished);
}

/* Plans moving the database to `target` (up when it is not applied, else
 * down). Offline (no database), plans from an empty database. `lazy`: a
 * preview's plan, whose steps' files are read only for the SQL shown. */
static int plan_to(ald_plan **out, struct tui *t, const ald_revision *r, int *down, int lazy)
{
	ald_plan_options o = ALD_PLAN_OPTIONS_INIT;
	size_t ix = ald_revision_index(r);
	o.offline = t->db_state != 1;
	o.lazy = lazy;
	*down = t->db_state == 1 && t->applied[ix];
	if (*down)
		return ald_plan_downgrade(out, t->project, ald_revision_id(r), &o);
	return ald_plan_upgrade(out, t->project, ald_revision_id(r), &o);
}

/* The plan tab shows the SQL of this many steps at most: a far target's plan
 * has tens of thousands, whose text takes seconds to read and hundreds of MB;
 * 500 steps are read in a few ms and fill far more than a screen. The rest is
 * one command away (the comment at the end says which). */
#define PREVIEW_PLAN_STEPS 500

/* The comment after a cut plan: where the whole script is. Offline the plan
 * starts from base; online from the one current revision (several: no range
 * gives it, the confirmation of u / d shows it). */
static void whole_script_hint(struct tui *t, FILE *f, const ald_revision *r, int down)
{
	size_t n = ald_project_revision_count(t->project), rows = 0, row = 0;
	for (size_t i = 0; t->db_state == 1 && i < n; i++)
		if (t->current[i]) {
			rows++;
			row = i;
		}
	const char *target = ald_revision_id(r), *cmd = down ? "downgrade" : "upgrade";
	if (rows > 1) {
		fprintf(f, "-- the whole script: %s shows it before it runs (the database has %zu current revisions)\n",
			down ? "d" : "u", rows);
		return;
	}
	const char *start = rows ? ald_revision_id(ald_project_revision_at(t->project, row)) : "base";
	fprintf(f, "-- the whole script: :sql %s%s:%s (or `aludel %s %s:%s --sql`)\n", down ? "downgrade " : "",
		start, target, cmd, start, target);
}

char *tui_plan_preview(struct tui *t, const ald_revision *r)
{
	ald_plan *plan = NULL;
	char *sql = NULL;
	int down;
	t->preview_plan_steps = 0;
	if (plan_to(&plan, t, r, &down, 1) < 0 || ald_plan_sql_head(&sql, plan, PREVIEW_PLAN_STEPS) < 0) {
		const ald_error *e = ald_error_last();
		char *msg = malloc(1024);
		if (!msg)
			abort();
		snprintf(msg, 1024, "-- no SQL preview: %s", e ? e->message : "unknown error");
		ald_plan_free(plan);
		return msg;
	}
	size_t steps = ald_plan_step_count(plan);
	t->preview_plan_steps = steps;
	if (steps == 0) {
		free(sql);
		sql = strdup(t->current[ald_revision_index(r)]
				     ? "-- the database is at this revision: nothing to run"
				     : "-- nothing to run");
	} else if (steps > PREVIEW_PLAN_STEPS) {
		char *text;
		size_t len;
		FILE *f = open_memstream(&text, &len);
		if (!f)
			abort();
		fputs(sql, f);
		whole_script_hint(t, f, r, down);
		fclose(f);
		free(sql);
		sql = text;
	}
	ald_plan_free(plan);
	return sql;
}

/* Progress of a running plan, drawn on the status line and recorded in the
 * run log. */
static void progress(const ald_plan *plan, size_t step, int event, double seconds, void *payload)
{
	struct tui *t = payload;
	char line[512];
	if (event != ALD_PROGRESS_WAITING)
		runlog_step(t->runlog, step, ald_plan_step_label(plan, step), event, seconds);
	if (event == ALD_PROGRESS_WAITING)
		snprintf(line, sizeof(line), " waiting for another aludel run on this database to finish...");
	else
		snprintf(line, sizeof(line), " [%zu/%zu] %s%s", step + 1, ald_plan_step_count(plan),
			 ald_plan_step_label(plan, step),
			 event == ALD_PROGRESS_START ? " ..." : event == ALD_PROGRESS_DONE ? "" : " failed");
	if (event == ALD_PROGRESS_DONE)
		snprintf(line + strlen(line), sizeof(line) - strlen(line), " (%.0f ms)", seconds * 1000);
	attron(tui_attr(t, C_STATUS));
	mvaddnstr(LINES - 1, 0, line, COLS);
	clrtoeol();
	attroff(tui_attr(t, C_STATUS));
	refresh();
}

static ald_plan *running_plan;

static void on_interrupt(int sig)
{
	(void)sig;
	if (running_plan)
		ald_plan_cancel(running_plan);
}

/* The version table after a failed run, read again, against `before` (NULL:
 * unknown): "Nothing was changed: ..." when the rows are the same. The
 * caller frees it. */
static char *rows_outcome(struct tui *t, const ald_strarray *before)
{
	ald_strarray after = {0};
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		abort();
	if (ald_project_current(&after, t->project) < 0) {
		fprintf(f, "The version table could not be read again: %s", ald_error_last()->message);
		fclose(f);
		return text;
	}
	int same = before && before->count == after.count;
	for (size_t i = 0; same && i < after.count; i++)
		same = strcmp(before->strings[i], after.strings[i]) == 0;
	fputs(same ? "Nothing was changed: the version table is as it was (" : "The version table now holds: ", f);
	for (size_t i = 0; i < after.count; i++)
		fprintf(f, "%s%s", i ? ", " : "", after.strings[i]);
	if (after.count == 0)
		fputs("no rows", f);
	fputs(same ? ")." : ".", f);
	fclose(f);
	ald_strarray_dispose(&after);
	return text;
}

/* Shows the plan, asks, runs it with progress, reports the result. `down`
 * is its direction for lint (1 downgrade, 0 upgrade, -1 a stamp). `what`
 * names the action on the status line ("upgrade"), `desc` the action and its
 * target in the dialog's title and the run log ("upgrade to feat@head
 * (3f2a...)"); the title adds the database (its masked URL). */
static void confirm_and_run(struct tui *t, ald_plan *plan, int down, const char *what, const char *desc)
{
	char *sql = NULL;
	if (ald_plan_sql(&sql, plan) < 0) {
		tui_set_status(t, "%s: %s", desc, ald_error_last()->message);
		return;
	}
	if (ald_plan_step_count(plan) == 0) {
		tui_set_status(t, "%s: nothing to do", desc);
		free(sql);
		return;
	}
	const char *url = ald_project_url_display(t->project);
	char full[1024], title[1200];
	snprintf(full, sizeof(full), "%s on %s", desc, url ? url : "(no database URL)");
	snprintf(title, sizeof(title), "%s: %zu step(s), this SQL will run", full, ald_plan_step_count(plan));
	int lint_errors; /* the plan's lint findings (lint_view.c) above its SQL */
	char *shown = lint_plan_block(t, plan, down, sql, &lint_errors);
	int yes = dialog_text(t, title, shown ? shown : sql,
			      lint_errors ? "lint found errors: run anyway? y = yes, n = no (j/k scroll)"
					  : "run it? y = yes, n = no (j/k scroll)");
	free(shown);
	if (!yes) {
		free(sql);
		tui_set_status(t, "%s: cancelled, nothing was changed", what);
		return;
	}
	runlog_begin(t->runlog, full, sql, ald_plan_step_count(plan));
	free(sql);
	/* the rows before, read before Ctrl-C can cancel the run (a cancel
	 * before ald_plan_run starts would be lost) */
	ald_strarray before = {0};
	int have_before = ald_project_current(&before, t->project) == 0;
	struct sigaction sa = {.sa_handler = on_interrupt}, old_int, old_term;
	sigemptyset(&sa.sa_mask);
	running_plan = plan;
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	raw(); /* let Ctrl-C reach us as a key and as a signal */
	noraw();
	cbreak();
	ald_run_options ro = ALD_RUN_OPTIONS_INIT;
	ro.progress = progress;
	ro.payload = t;
	int error = ald_plan_run(plan, &ro);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	running_plan = NULL;
	if (error < 0) {
		const ald_error *e = ald_error_last();
		char *message = strdup(e && e->message ? e->message : "unknown error");
		if (!message)
			abort();
		char *outcome = rows_outcome(t, have_before ? &before : NULL);
		runlog_end(t->runlog, 1, message, outcome);
		size_t n = strlen(message) + strlen(outcome) + 4;
		char *text = malloc(n);
		if (!text)
			abort();
		snprintf(text, n, "%s\n\n%s", message, outcome);
		dialog_text(t, "Migration failed", text, NULL);
		tui_set_status(t, "%s failed; %s; L shows the run log", what,
			       strncmp(outcome, "Nothing", 7) == 0 ? "nothing was changed" : "see the version table");
		free(text);
		free(outcome);
		free(message);
	} else {
		char *outcome = rows_outcome(t, NULL);
		runlog_end(t->runlog, 0, NULL, outcome);
		free(outcome);
		tui_set_status(t, "%s: done, %zu step(s)", what, ald_plan_step_count(plan));
	}
	ald_strarray_dispose(&before);
	tui_db_refresh(t);
}

int tui_need_db(struct tui *t, const char *what)
{
	if (t->db_state == 1)
		return 1;
	tui_set_status(t, "%s is disabled: %s", what,
		       t->db_state == 0 ? "no database URL is configured" : t->db_message);
	return 0;
}

/* Writes what `target` names into buf for the confirmation's title: " (id)",
 * " (id, id, ...+N)" for several revisions; nothing when the target is that
 * id itself, names no revision (base) or cannot be resolved without the
 * database (a relative target such as -1). */
static void target_ids(struct tui *t, const char *target, char *buf, size_t cap)
{
	ald_revlist *l = NULL;
	buf[0] = '\0';
	if (ald_project_resolve(&l, t->project, target) == 0 && ald_revlist_count(l) &&
	    !(ald_revlist_count(l) == 1 && strcmp(ald_revision_id(ald_revlist_at(l, 0)), target) == 0)) {
		size_t n = ald_revlist_count(l), len = 0;
		len += (size_t)snprintf(buf, cap, " (");
		for (size_t i = 0; i < n && len < cap; i++) {
			const char *id = ald_revision_id(ald_revlist_at(l, i));
			if (i == 3 && n > 4) {
				snprintf(buf + len, cap - len, ", %s+%zu", t->utf8 ? "\u2026" : "...", n - i);
				len = strlen(buf);
				break;
			}
			len += (size_t)snprintf(buf + len, cap - len, "%s%s", i ? ", " : "", id);
		}
		if (len < cap)
			snprintf(buf + len, cap - len, ")");
	}
	ald_revlist_free(l);
}

/* Says on the status line, drawn at once, what is being planned: a plan of
 * many revisions takes seconds, and the old status would stay meanwhile. */
static void say_planning(struct tui *t, const char *fmt, const char *target)
{
	char what[400];
	snprintf(what, sizeof(what), fmt, target);
	tui_set_status(t, "planning %s%s", what, t->utf8 ? "\u2026" : "...");
	tui_draw_status(t);
	refresh();
}

void tui_act_move(struct tui *t, int down_wanted, const char *target, const char *what)
{
	ald_plan *plan = NULL;
	ald_plan_options o = ALD_PLAN_OPTIONS_INIT;
	char ids[256], desc[600];
	say_planning(t, down_wanted ? "downgrade to %s" : "upgrade to %s", target);
	int error = down_wanted ? ald_plan_downgrade(&plan, t->project, target, &o)
				: ald_plan_upgrade(&plan, t->project, target, &o);
	char *unfinished = NULL;
	if (error == ALD_EUNFINISHED) {
		/* resumable by this move when the plan with resume succeeds */
		unfinished = strdup(ald_error_last()->message);
		if (!unfinished)
			abort();
		o.resume = 1;
		error = down_wanted ? ald_plan_downgrade(&plan, t->project, target, &o)
				    : ald_plan_upgrade(&plan, t->project, target, &o);
		if (error == 0 && !dialog_text(t, "An earlier run stopped part-way", unfinished,
					       "resume it from its next statement? y = yes, n = no")) {
			tui_set_status(t, "%s: cancelled, nothing was changed", what);
			ald_plan_free(plan);
			free(unfinished);
			return;
		}
	}
	if (error < 0) { /* an unfinished revision this move does not start with: say so */
		tui_set_status(t, "%s %s: %s", what, target, unfinished ? unfinished : ald_error_last()->message);
	} else {
		target_ids(t, target, ids, sizeof(ids));
		snprintf(desc, sizeof(desc), "%s to %s%s", down_wanted ? "downgrade" : "upgrade", target, ids);
		confirm_and_run(t, plan, down_wanted, what, desc);
	}
	ald_plan_free(plan);
	free(unfinished);
}

/* `+` with several pending branches asks which head to move toward. */
static void act_step_up(struct tui *t)
{
	ald_revlist *heads = NULL;
	ald_project_heads(&heads, t->project, ALD_HEADS_RESOLVE_DEPENDENCIES);
	size_t pending = 0, last = 0;
	for (size_t i = 0; i < ald_revlist_count(heads); i++)
		if (!t->applied[ald_revision_index(ald_revlist_at(heads, i))]) {
			pending++;
			last = i;
		}
	if (pending == 0) {
		tui_set_status(t, "step up: every head is applied, nothing is pending");
	} else if (pending == 1) {
		/* toward the only pending head: on its branch (Alembic's L@+1) */
		char target[300];
		snprintf(target, sizeof(target), "%s@+1", ald_revision_id(ald_revlist_at(heads, last)));
		tui_act_move(t, 0, target, "step up");
	} else {
		char list[1024] = "";
		for (size_t i = 0, k = 0; i < ald_revlist_count(heads); i++) {
			if (t->applied[ald_revision_index(ald_revlist_at(heads, i))])
				continue;
			k++;
			snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%zu=%s", k > 1 ? " " : "",
				 k, ald_revision_id(ald_revlist_at(heads, i)));
		}
		char prompt[1200];
		snprintf(prompt, sizeof(prompt), "step toward which head? %s: ", list);
		char *answer = dialog_input(t, prompt);
		size_t pick = answer ? strtoul(answer, NULL, 10) : 0;
		free(answer);
		for (size_t i = 0, k = 0; i < ald_revlist_count(heads); i++)
			if (!t->applied[ald_revision_index(ald_revlist_at(heads, i))] && ++k == pick) {
				char target[300];
				snprintf(target, sizeof(target), "%s@+1", ald_revision_id(ald_revlist_at(heads, i)));
				tui_act_move(t, 0, target, "step up");
				pick = 0;
			}
		if (pick)
			tui_set_status(t, "step up: no such choice");
	}
	ald_revlist_free(heads);
}

void tui_act_stamp(struct tui *t, const char *const *targets, size_t n)
{
	ald_plan *plan = NULL;
	ald_plan_options o = ALD_PLAN_OPTIONS_INIT;
	char names[300] = "", ids[256], desc[600];
	for (size_t i = 0; i < n; i++)
		snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s%s", i ? " " : "", targets[i]);
	say_planning(t, "stamp %s", names);
	if (ald_plan_stamp(&plan, t->project, targets, n, &o) < 0) {
		tui_set_status(t, "stamp %s: %s", names, ald_error_last()->message);
	} else {
		if (n == 1)
			target_ids(t, targets[0], ids, sizeof(ids));
		snprintf(desc, sizeof(desc), "stamp %s%s", names, n == 1 ? ids : "");
		confirm_and_run(t, plan, -1, "stamp", desc);
	}
	ald_plan_free(plan);
}

/* The row of the revision written at `path` (a merge just read back): found
 * by its path, else by its file name; -1 when it is not in the graph. */
static long row_of_path(struct tui *t, const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < ald_revlist_count(t->order); i++) {
			const char *rp = ald_revision_path(ald_revlist_at(t->order, i));
			const char *rb = rp ? strrchr(rp, '/') : NULL;
			rb = rb ? rb + 1 : rp;
			if (rp && strcmp(pass == 0 ? rp : rb, pass == 0 ? path : base) == 0)
				return (long)i;
		}
	return -1;
}

int tui_merge_marked(struct tui *t)
{
	size_t n = ald_project_revision_count(t->project), k = 0;
	const char **revs = calloc(n ? n : 1, sizeof(*revs));
	if (!revs)
		abort();
	for (size_t i = 0; i < n; i++)
		if (t->marked[i])
			revs[k++] = ald_revision_id(ald_project_revision_at(t->project, i));
	if (k < 2) {
		tui_set_status(t, "merge: mark two or more heads with Space first");
		free(revs);
		return 0;
	}
	/* the default message names the heads: their first label, else their id */
	char def[200] = "merge";
	for (size_t i = 0; i < k; i++) {
		const ald_revision *r = NULL;
		ald_revlist *one = NULL;
		if (ald_project_resolve(&one, t->project, revs[i]) == 0 && ald_revlist_count(one))
			r = ald_revlist_at(one, 0);
		const char *name = r && ald_revision_label_count(r) ? ald_revision_label_at(r, 0) : revs[i];
		size_t used = strlen(def);
		snprintf(def + used, sizeof(def) - used, "%s%s", i == 0 ? " " : i + 1 == k ? " and " : ", ", name);
		ald_revlist_free(one);
	}
	char prompt[256];
	snprintf(prompt, sizeof(prompt), "merge message (Enter: \"%s\"): ", def);
	char *msg = dialog_input(t, prompt);
	if (!msg) {
		tui_set_status(t, "merge: cancelled");
		free(revs);
		return 0;
	}
	ald_merge_options o = ALD_MERGE_OPTIONS_INIT;
	o.message = *msg ? msg : def;
	char *path = NULL;
	int written = ald_project_merge(&path, t->project, revs, k, &o) == 0;
	if (!written) {
		/* the typed message is said back, so it is not lost */
		tui_set_status(t, "merge: %s (message was: %s)", ald_error_last()->message, o.message);
	} else {
		ald_project *np = NULL;
		const char *base = strrchr(path, '/');
		if (t->reopen && t->reopen(&np, t->payload) == 0) {
			tui_unload(t);
			ald_project_free(t->project);
			t->project = np;
			tui_load(t);
			tui_db_refresh(t);
			long row = row_of_path(t, path);
			if (row >= 0)
				graph_goto(t, (size_t)row);
		}
		tui_set_status(t, "merge: wrote %s", base ? base + 1 : path);
	}
	free(path);
	free(msg);
	free(revs);
	return written;
}

/* On a project with no revisions every action key only says so. */
void tui_actions_key(struct tui *t, int ch)
{
	if (!ald_revlist_count(t->order)) {
		if (ch > 0 && ch < 0x80 && strchr("ud+-sm", ch))
			tui_set_status(t, "no revisions yet: create one with `aludel revision -m MESSAGE`");
		return;
	}
	const ald_revision *r = ald_revlist_at(t->order, t->cursor);
	switch (ch) {
	case 'u':
		if (tui_need_db(t, "upgrade"))
			tui_act_move(t, 0, ald_revision_id(r), "upgrade");
		break;
	case 'd':
		if (tui_need_db(t, "downgrade"))
			tui_act_move(t, 1, ald_revision_id(r), "downgrade");
		break;
	case '+':
		if (tui_need_db(t, "step up"))
			act_step_up(t);
		break;
	case '-':
		if (tui_need_db(t, "step down"))
			tui_act_move(t, 1, "-1", "step down");
		break;
	case 's':
		if (tui_need_db(t, "stamp")) {
			const char *id = ald_revision_id(r);
			tui_act_stamp(t, &id, 1);
		}
		break;
	case 'm':
		tui_merge_marked(t);
		break;
	default:
		break;
	}
}
