/* tui_internal.h - state and drawing helpers shared by the screens of the TUI.
 * Every screen is a file with a draw and a key function (ncdu's pattern). */
#ifndef ALD_TUI_INTERNAL_H
#define ALD_TUI_INTERNAL_H

#include <stddef.h>

#include "aludel.h"
#include "lanes.h"

/* Colour pairs. */
enum { C_NORMAL, C_CURSOR, C_ID, C_HEAD, C_LABEL, C_DIM, C_STATUS, C_TITLE, C_WARN, C_KEYWORD,
       C_COMMENT, C_CURRENT, C_MARK, C_ERROR, C_COUNT };

struct tui {
	ald_project *project;
	ald_revlist *order;     /* display order: history order, newest first */
	struct lanes lanes;
	size_t *row_of;         /* map index -> display row */
	size_t cursor, top;     /* selected row, first row on screen */
	int preview;            /* the preview pane is shown */
	size_t preview_top;     /* first line of the preview text on screen */
	int preview_tab;        /* PREVIEW_UPGRADE, PREVIEW_DOWNGRADE or PREVIEW_PLAN */
	char *preview_cache[3]; /* per tab: the preview text last built, or NULL */
	size_t preview_cache_rev[3]; /* ... for this revision (map index) */
	unsigned long preview_cache_gen[3]; /* ... and this db_gen */
	size_t preview_plan_steps; /* the steps of the plan last previewed (its pane's title) */
	int keys_waiting;       /* keys were typed ahead when this screen was drawn */
	const char *key_feed;   /* ALUDEL_TUI_KEYS: keys still to replay, or NULL */
	int key_feed_ahead;     /* ALUDEL_TUI_KEYS_AHEAD=1: the replayed keys count as typed ahead */
	size_t lane_first;      /* the graph's lanes shown from this one (Left/Right) */
	unsigned long db_gen;   /* counts reads of the database state (tui_db_refresh) */
	int utf8, color;
	char search[256];       /* last search text */
	char status[512];       /* the last action's result */
	int quit;
	unsigned char *marked;  /* per map index: marked for merge with Space */
	unsigned char *current; /* per map index: a row of the version table */
	unsigned char *applied; /* per map index: applied (current or below it) */
	int db_state;           /* 0 no URL, 1 connected, -1 unreachable */
	char db_message[256];
	int (*reopen)(ald_project **out, void *payload);
	void *payload;
	char *filter;           /* set: only this revision id's ancestry is shown (`f`, navigate.c) */
	struct tui_nav *nav;    /* navigate.c's state, or NULL (freed with the display order) */
	struct runlog *runlog;  /* the database actions of this session (runlog.h) */
	char *prompt_history[20]; /* the `:` prompt's last lines, newest first */
	struct tui_lint *lint;  /* lint_view.c's cache of findings, or NULL */
	struct tui_edited *edited; /* edited_view.c's marks, or NULL */
};

/* tui.c */
void tui_set_status(struct tui *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int tui_load(struct tui *t);
void tui_unload(struct tui *t);
/* Builds the display order and its lanes again (t->filter changed), keeping
 * the marks and the database state; the cursor stays on the same revision
 * when it is still shown. 0, or -1 when the filter named no revision (it is
 * then cleared and everything shown). */
int tui_relayout(struct tui *t);
int tui_attr(struct tui *t, int pair);
/* 1 once Ctrl-C was pressed outside a prompt: every screen closes and the
 * TUI quits (status 0). */
int tui_interrupted(void);
/* Reads the revision files and the database state again (`r`). */
void tui_reload(struct tui *t);
/* Width of the screen area used by the graph list (whole width or top half). */
int tui_list_height(const struct tui *t);
/* The first line (the heads bar, one line) and the last (the status line). */
void tui_draw_heads_bar(struct tui *t);
void tui_draw_status(struct tui *t);
/* `!`: the last status message and the whole status line, wrapped, in a
 * text box (the status line cuts them at the screen's width). */
void tui_status_show(struct tui *t);

/* keys.c: the graph view's keys, one table for the dispatch and the help */
struct tui_key {
	int codes[4];        /* the key codes (a 0 ends them early) */
	const char *names;   /* the keys as the help writes them */
	const char *does;    /* what they do, for the help */
	void (*run)(struct tui *t, int ch);
	const char *section; /* set: a heading of the help, the other fields unused */
};
/* Ends with an entry whose section and names are both NULL. */
extern const struct tui_key tui_keys[];
/* The entry that handles key ch, or NULL. */
const struct tui_key *tui_key_find(int ch);

/* view_graph.c */
void graph_draw(struct tui *t, int y0, int height);
void graph_move(struct tui *t, long delta);
void graph_goto(struct tui *t, size_t row);

/* view_preview.c */
enum { PREVIEW_UPGRADE, PREVIEW_DOWNGRADE, PREVIEW_PLAN, PREVIEW_TABS };
void preview_draw(struct tui *t, int y0, int height);
/* Builds the text of tab `tab` of the selected revision's preview (caller frees). */
char *preview_text(struct tui *t, int tab);
/* Frees the cached preview texts. */
void preview_forget(struct tui *t);

/* screen_heads.c: the heads panel (H) */
/* Its keys, for its dispatch and the help. */
extern const struct tui_key heads_keys[];
/* Shows the panel until it is closed (q, Escape, H, Enter or a merge). */
void heads_show(struct tui *t);

/* screen_help.c */
void help_show(struct tui *t);

/* search.c */
/* Asks for a search text on the bottom line and jumps to the first match. */
void search_prompt(struct tui *t);
/* Jumps to the next (dir 1) or previous (dir -1) match of the last search. */
void search_next(struct tui *t, int dir);

/* actions.c: database state and the actions that change it */
/* Reads the version table and fills current/applied/db_state. */
void tui_db_refresh(struct tui *t);
/* The SQL that would run to move the database to revision r (the --sql text),
 * or a line saying why there is none; the caller frees it. */
char *tui_plan_preview(struct tui *t, const ald_revision *r);
/* Handles the action keys (u d + - s m); ignores other keys. */
void tui_actions_key(struct tui *t, int ch);
/* Merges the marked heads (`m`): asks for the message (Enter: one naming
 * them), writes the merge revision, reloads and puts the cursor on it.
 * Returns 1 when the merge revision was written, else 0 (the status says why). */
int tui_merge_marked(struct tui *t);

/* navigate.c: p P c C b ] [ (moving along the graph), f F (the ancestry filter) */
void nav_key(struct tui *t, int ch);
/* Forgets what navigate.c derived from the display order (tui.c, when the
 * order is freed). */
void nav_forget(struct tui *t);

/* screen_diverged.c: `D`, what each of two marked heads has that the other lacks */
void diverged_show(struct tui *t);

/* 1 when the database is connected, else says on the status line why `what`
 * is disabled and returns 0. */
int tui_need_db(struct tui *t, const char *what);
/* Moves the database up (down 0) or down to `target` (any revision
 * expression upgrade / downgrade take) through the plan-and-confirm dialog;
 * `what` names the action on the status line. */
void tui_act_move(struct tui *t, int down, const char *target, const char *what);
/* Stamps the n revision expressions `targets`, the same way. */
void tui_act_stamp(struct tui *t, const char *const *targets, size_t n);

/* prompt.c: the `:` prompt (upgrade, downgrade, stamp, sql, goto) */
void prompt_run(struct tui *t);
void prompt_free(struct tui *t);
/* screen_log.c: the run log screen (`L`) */
void log_show(struct tui *t);
extern const struct tui_key log_keys[];
/* editor.c: `e`, the selected revision's file in $VISUAL / $EDITOR / vi */
void editor_open(struct tui *t);
/* clipboard.c: `y`, the selected revision's id to the clipboard (OSC 52) */
void clipboard_copy_id(struct tui *t);

/* lint_view.c: lint findings, cached per map index (freed by tui_unload) */
const ald_lint *lint_of(struct tui *t, size_t ix);
/* The graph row's marker (" ⚠") and its colour pair, or NULL: no findings. */
const char *lint_marker(struct tui *t, size_t ix, int *pair);
/* The own SQL `sql` of r's upgrade (downgrade 1: downgrade) section with a
 * comment line per finding after the line where its statement ends; NULL
 * when there is none to show. The caller frees it. */
char *lint_annotate(struct tui *t, const ald_revision *r, int downgrade, const char *sql);
/* The start of a finding's line, and whether a line is one lint_annotate wrote. */
const char *lint_line_prefix(const struct tui *t);
int lint_line_is_finding(const struct tui *t, const char *s, size_t len);
/* The confirmation's text for a plan: "Lint: N warnings, M errors", a line
 * per finding of the revisions its steps run (each linted alone; the part
 * of direction `down`, 1 for a downgrade, 0 for an upgrade, -1 for none: a
 * stamp), a blank line, then sql; NULL when there are no findings. *errors
 * is 1 when one is an error. The caller frees it. */
char *lint_plan_block(struct tui *t, const ald_plan *plan, int down, const char *sql, int *errors);
void lint_forget(struct tui *t);
/* edited_view.c: the graph row's marker of an applied revision edited since
 * it ran (history table checksums), or NULL; freed by tui_unload */
const char *edited_marker(struct tui *t, size_t ix, int *pair);
void edited_forget(struct tui *t);

/* dialog.c */
/* Reads a line of text on the bottom line; returns a new string or NULL if cancelled. */
char *dialog_input(struct tui *t, const char *prompt);
/* Shows a scrollable text box with a title; returns 1 if the user pressed
 * y/Enter when `ask` is set, else 0. */
int dialog_text(struct tui *t, const char *title, const char *text, const char *ask);

#endif
