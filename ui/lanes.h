/* lanes.h - the lane layout of the revision graph view: a pure function from
 * revisions in display order (newest first) to rows of lane symbols, in the
 * manner of `git log --graph` and tig's graph renderer. It knows nothing of
 * ncurses. The layout keeps what each row draws, not its cells (see lanes.c):
 * lanes_row_cells() makes them, lanes_render_row() turns a row into UTF-8 or
 * ASCII text, lanes_render_fit() into text of at most a given number of
 * display columns.
 * lanes_text_fit() clips any text by display columns for the graph view. */
#ifndef ALD_LANES_H
#define ALD_LANES_H

#include <stddef.h>

/* One revision in display order. Parents are indexes into the same order and
 * come after the revision (a topological order, newest first; one that does
 * not is left out); parents outside the displayed set are left out by the
 * caller. */
struct lanes_rev {
	const size_t *parents;      /* down revisions first, then dependencies */
	size_t n_parents;
	size_t n_deps;              /* how many of the last parents are depends_on edges */
};

/* Symbols of a cell. Each lane has a symbol cell and, to its right, a
 * connector cell (LANE_HLINE or LANE_EMPTY) joining it to the next lane. */
enum lane_sym {
	LANE_EMPTY = 0,
	LANE_COMMIT,    /* the row's revision */
	LANE_VLINE,     /* a lane passing by */
	LANE_DEPLINE,   /* a dependency lane passing by */
	LANE_MERGE_IN,  /* a lane ending here, joining the revision from the right (┘) */
	LANE_FORK_OUT,  /* a new lane starting here toward a further parent (┐) */
	LANE_CROSS,     /* a horizontal line crossing a passing lane (┼) */
	LANE_TEE,       /* a passing lane that a further parent joins (┤) */
	LANE_MERGE_MID, /* a lane ending on a horizontal line that goes on (┴) */
	LANE_FORK_MID,  /* a new lane starting under a horizontal line that goes on (┬) */
	LANE_TEE_RIGHT, /* a passing lane left of the revision that a further parent joins (├) */
	LANE_HLINE,     /* connector: horizontal line */
	LANE_DEPHLINE   /* connector: dotted horizontal line of a dependency edge */
};

/* Row i: the revision's lane, the number of lanes with something drawn, and
 * where its joins begin (they end where row i + 1's begin). */
struct lanes_row {
	size_t column;
	size_t width;
	size_t joins;
};

/* A line drawn on a row from the revision's lane to `lane`, ending there in
 * `end` (LANE_MERGE_IN, LANE_FORK_OUT or LANE_TEE); `dep` when the edge is a
 * depends_on. A row's joins are drawn in order; each may change what an
 * earlier one drew under it (a crossing, a mid-join). */
struct lanes_join {
	size_t lane;
	unsigned char end;
	unsigned char dep;
};

/* A lane taken by one edge: the lane passes by on the rows strictly between
 * `from` (where the edge leaves) and `to` (where it arrives). */
struct lanes_span {
	size_t from, to;
	unsigned char dep;
};

/* The layout, kept as what happens on each row and which edge holds which
 * lane when: O(revisions + edges) memory whatever the number of lanes, and a
 * row's cells are made when it is drawn (lanes_row_cells). */
struct lanes {
	struct lanes_row *rows;   /* n_rows + 1: the last one only ends the joins */
	size_t n_rows;
	size_t max_width;
	struct lanes_join *joins;
	struct lanes_span *spans; /* lane by lane, each lane's in row order */
	size_t *lane_spans;       /* lane k's: spans[lane_spans[k], lane_spans[k + 1]) */
	size_t n_lanes;
};

/* Lays out `n` revisions in O((n + edges) log n) time, whatever the shape.
 * *out is the caller's (lanes_free). A parent that is not after the
 * revision in the order is left out. */
int lanes_layout(struct lanes *out, const struct lanes_rev *revs, size_t n);
void lanes_free(struct lanes *l);

/* Fills out[0, 2 * (hi - lo)) with the cells of lanes [lo, hi) of row i
 * (symbol, connector, symbol, ...; empty past the row's width), in
 * O((hi - lo) log n + the row's joins x (hi - lo)). */
void lanes_row_cells(const struct lanes *l, size_t i, size_t lo, size_t hi, unsigned char *out);

/* Appends row `i` as text to buf (size cap, NUL-terminated, truncated if
 * needed): two columns per lane, UTF-8 box drawing when `utf8`, else ASCII.
 * Returns the number of display columns written. */
size_t lanes_render_row(const struct lanes *l, size_t i, int utf8, char *buf, size_t cap);

/* The same, in at most max_cols display columns (max_cols >= 12 keeps the
 * revision's symbol): when the lanes do not fit, the lanes right of the ones
 * shown are folded into a marker "…+N " (ASCII "+N "), N the number hidden;
 * when the revision's own lane would be hidden, the lanes between the ones
 * shown on the left and it are folded the same way, then come the revision's
 * symbol and a marker for the lanes right of it. */
size_t lanes_render_fit(const struct lanes *l, size_t i, int utf8, size_t max_cols, char *buf, size_t cap);

/* The same with the lanes scrolled: lanes [0, first) are hidden behind a left
 * marker of two columns (a lane's width, the same on every row, so the lanes
 * after it line up): the revision's symbol when its lane is among the hidden
 * ones (else a blank), then "‹" (ASCII "<"). The lanes from `first` on are
 * then fitted in what is left, as lanes_render_fit does. Never wider than
 * max_cols; first == 0 is lanes_render_fit. */
size_t lanes_render_fit_at(const struct lanes *l, size_t i, size_t first, int utf8, size_t max_cols, char *buf,
			   size_t cap);

/* Copies the longest prefix of the text s that fits in max_cols display
 * columns into out (size cap, NUL-terminated); characters that cannot be
 * shown (control characters, invalid UTF-8, non-ASCII when !utf8) become '?',
 * a tab a blank. In UTF-8 mode the widths are wcwidth()'s, so the caller's
 * LC_CTYPE must be a UTF-8 locale. Returns the bytes of s consumed (s was cut
 * if s[result] is not NUL); *cols (if not NULL) gets the columns used. */
size_t lanes_text_fit(const char *s, size_t max_cols, int utf8, char *out, size_t cap, size_t *cols);

#endif
