/* lanes.c - lane layout of the graph view (see lanes.h).
 *
 * One pass over the revisions, newest first. Each lane remembers the revision
 * it waits for. A revision takes the leftmost lane waiting for it (or the first
 * free lane: a head); the other lanes waiting for it end on its row (merge-in).
 * The revision's lane then waits for its first parent; each further parent
 * joins a lane to the right that already waits for it, or opens a new one.
 * Cost: O(rows x lanes) time, and the cells of every row.
 */
#include "lanes.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define NONE SIZE_MAX

struct state {
	size_t *wait;         /* per lane: the row it waits for, or NONE */
	unsigned char *dep;   /* per lane: it is a dependency edge */
	size_t n, cap;        /* lanes in use (trailing free lanes trimmed) and capacity */
	unsigned char *cells; /* the row being built: 2 * cap cells */
};

static void grow(struct state *s, size_t need)
{
	if (need <= s->cap)
		return;
	size_t cap = s->cap ? s->cap * 2 : 8;
	while (cap < need)
		cap *= 2;
	s->wait = realloc(s->wait, cap * sizeof(*s->wait));
	s->dep = realloc(s->dep, cap);
	s->cells = realloc(s->cells, 2 * cap);
	if (!s->wait || !s->dep || !s->cells)
		abort();
	for (size_t k = s->cap; k < cap; k++) {
		s->wait[k] = NONE;
		s->dep[k] = 0;
	}
	/* a row may grow while it is built (a head in a new lane): its new
	 * cells must be empty, not what realloc left there */
	memset(s->cells + 2 * s->cap, LANE_EMPTY, 2 * (cap - s->cap));
	s->cap = cap;
}

/* Draws a horizontal line between lanes a < b over the connectors and the
 * lanes strictly between them (which become crossings or mid-joins). */
static void hline(struct state *s, size_t a, size_t b, int dep)
{
	for (size_t k = a; k < b; k++) {
		s->cells[2 * k + 1] = dep ? LANE_DEPHLINE : LANE_HLINE;
		if (k == a)
			continue;
		unsigned char *c = &s->cells[2 * k];
		if (*c == LANE_VLINE || *c == LANE_DEPLINE)
			*c = LANE_CROSS;
		else if (*c == LANE_EMPTY)
			*c = dep ? LANE_DEPHLINE : LANE_HLINE;
		else if (*c == LANE_MERGE_IN)
			*c = LANE_MERGE_MID;
		else if (*c == LANE_FORK_OUT)
			*c = LANE_FORK_MID;
	}
}

/* Joins the revision's lane `col` to lane k with a line ending in `end` at k.
 * A new lane opened under the line of a merge that goes on further right
 * starts with "┬" rather than "┐". */
static void join(struct state *s, size_t col, size_t k, unsigned char end, int dep)
{
	if (k > col) {
		unsigned char under = s->cells[2 * k];
		hline(s, col, k, dep);
		s->cells[2 * k] = end == LANE_FORK_OUT && (under == LANE_HLINE || under == LANE_DEPHLINE)
					  ? LANE_FORK_MID
					  : end;
	} else {
		hline(s, k, col, dep);
		s->cells[2 * k] = LANE_TEE_RIGHT;
	}
}

/* The first free lane right of `col` with no lane symbol on this row: its
 * cell is empty, or only a horizontal line of this row's merges passes over
 * it. So a lane freed by a merge on an earlier row is taken again, which
 * keeps a chain of branch-and-merge diamonds 3 lanes wide (a lane that ends on
 * this very row is not: its end and the new lane's start would draw as one
 * lane going on). */
static size_t free_lane_right(struct state *s, size_t col)
{
	size_t k = col + 1;
	while (k < s->n && (s->wait[k] != NONE || (s->cells[2 * k] != LANE_EMPTY && s->cells[2 * k] != LANE_HLINE &&
						    s->cells[2 * k] != LANE_DEPHLINE)))
		k++;
	grow(s, k + 1);
	if (k >= s->n) {
		memset(&s->cells[2 * s->n], LANE_EMPTY, 2 * (k + 1 - s->n));
		s->n = k + 1;
	}
	return k;
}

/* Builds the cells of row i into s->cells; returns the revision's lane. */
static size_t layout_row(struct state *s, const struct lanes_rev *r, size_t i)
{
	size_t col = NONE;
	memset(s->cells, LANE_EMPTY, 2 * s->cap);
	for (size_t k = 0; k < s->n; k++) {
		if (s->wait[k] == i && col == NONE)
			col = k;
		else if (s->wait[k] != NONE && s->wait[k] != i)
			s->cells[2 * k] = s->dep[k] ? LANE_DEPLINE : LANE_VLINE;
	}
	if (col == NONE) { /* a head: the first free lane */
		col = 0;
		while (col < s->n && s->wait[col] != NONE)
			col++;
		grow(s, col + 1);
		if (col >= s->n)
			s->n = col + 1;
	}
	s->cells[2 * col] = LANE_COMMIT;
	for (size_t k = col + 1; k < s->n; k++)
		if (s->wait[k] == i) {
			join(s, col, k, LANE_MERGE_IN, s->dep[k]);
			s->wait[k] = NONE;
		}
	s->wait[col] = NONE;
	for (size_t j = 0; j < r->n_parents; j++) {
		size_t p = r->parents[j];
		int dep = j >= r->n_parents - r->n_deps;
		if (j == 0) {
			s->wait[col] = p;
			s->dep[col] = (unsigned char)dep;
			continue;
		}
		size_t k = 0;
		while (k < s->n && (k == col || s->wait[k] != p))
			k++;
		if (k < s->n) { /* a lane already waits for this parent */
			join(s, col, k, LANE_TEE, dep);
			continue;
		}
		k = free_lane_right(s, col);
		s->wait[k] = p;
		s->dep[k] = (unsigned char)dep;
		join(s, col, k, LANE_FORK_OUT, dep);
	}
	return col;
}

/* The number of lanes with something drawn on the current row. */
static size_t row_width(const struct state *s)
{
	size_t w = s->n;
	while (w > 0 && s->cells[2 * (w - 1)] == LANE_EMPTY)
		w--;
	return w;
}

int lanes_layout(struct lanes *out, const struct lanes_rev *revs, size_t n)
{
	struct state s = {0};
	size_t used = 0, cap = 0;
	memset(out, 0, sizeof(*out));
	out->rows = calloc(n ? n : 1, sizeof(*out->rows));
	if (!out->rows)
		abort();
	grow(&s, 8);
	for (size_t i = 0; i < n; i++) {
		size_t col = layout_row(&s, &revs[i], i);
		size_t w = row_width(&s);
		if (used + 2 * w > cap) {
			cap = (used + 2 * w) * 2 + 64;
			out->arena = realloc(out->arena, cap);
			if (!out->arena)
				abort();
		}
		memcpy(out->arena + used, s.cells, 2 * w);
		out->rows[i].cells = (unsigned char *)(uintptr_t)used; /* made a pointer below */
		out->rows[i].width = w;
		out->rows[i].column = col;
		used += 2 * w;
		if (w > out->max_width)
			out->max_width = w;
		while (s.n > 0 && s.wait[s.n - 1] == NONE)
			s.n--;
	}
	for (size_t i = 0; i < n; i++)
		out->rows[i].cells = out->arena + (uintptr_t)out->rows[i].cells;
	out->n_rows = n;
	free(s.wait);
	free(s.dep);
	free(s.cells);
	return 0;
}

void lanes_free(struct lanes *l)
{
	free(l->rows);
	free(l->arena);
	memset(l, 0, sizeof(*l));
}

static const char *const utf8_syms[] = {
	[LANE_EMPTY] = " ",     [LANE_COMMIT] = "\u25cf",    [LANE_VLINE] = "\u2502",
	[LANE_DEPLINE] = "\u2506", [LANE_MERGE_IN] = "\u2518", [LANE_FORK_OUT] = "\u2510",
	[LANE_CROSS] = "\u253c", [LANE_TEE] = "\u2524",      [LANE_MERGE_MID] = "\u2534",
	[LANE_FORK_MID] = "\u252c", [LANE_TEE_RIGHT] = "\u251c", [LANE_HLINE] = "\u2500",  [LANE_DEPHLINE] = "\u254c",
};
static const char *const ascii_syms[] = {
	[LANE_EMPTY] = " ", [LANE_COMMIT] = "*",    [LANE_VLINE] = "|",     [LANE_DEPLINE] = ":",
	[LANE_MERGE_IN] = "/", [LANE_FORK_OUT] = "\\", [LANE_CROSS] = "+",  [LANE_TEE] = "+",
	[LANE_MERGE_MID] = "+", [LANE_FORK_MID] = "+", [LANE_TEE_RIGHT] = "+", [LANE_HLINE] = "-",  [LANE_DEPHLINE] = ".",
};

/* Appends the cells [from, to) of a row; returns the columns written. */
static size_t put_cells(const unsigned char *cells, size_t from, size_t to, const char *const *syms,
			char *buf, size_t *len, size_t cap)
{
	size_t cols = 0;
	for (size_t c = from; c < to; c++) {
		const char *s = syms[cells[c]];
		size_t n = strlen(s);
		if (*len + n + 1 > cap)
			break;
		memcpy(buf + *len, s, n);
		*len += n;
		cols++;
	}
	buf[*len] = '\0';
	return cols;
}

static size_t digits(size_t n)
{
	size_t d = 1;
	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

/* The fold marker of n hidden lanes and its width in columns: "…+n " (UTF-8)
 * or "+n " (ASCII). */
static size_t marker_width(size_t n, int utf8)
{
	return (utf8 ? 2 : 1) + digits(n) + 1;
}

/* Appends text of `cols` display columns if it fits in cap; returns cols or 0. */
static size_t put_text(const char *text, size_t cols, char *buf, size_t *len, size_t cap)
{
	size_t n = strlen(text);
	if (*len + n + 1 > cap) {
		buf[*len] = '\0';
		return 0;
	}
	memcpy(buf + *len, text, n + 1);
	*len += n;
	return cols;
}

static size_t put_marker(size_t n, int utf8, char *buf, size_t *len, size_t cap)
{
	char m[32];
	snprintf(m, sizeof(m), "%s+%zu ", utf8 ? "\u2026" : "", n);
	return put_text(m, marker_width(n, utf8), buf, len, cap);
}

/* Fits lanes [0, w) of `cells` in max_cols columns; `col` is the revision's
 * lane, or NONE when it is not among them. Never wider than max_cols. */
static size_t fit_cells(const unsigned char *cells, size_t w, size_t col, int utf8, size_t max_cols, char *buf,
			size_t *len, size_t cap)
{
	const char *const *syms = utf8 ? utf8_syms : ascii_syms;
	if (max_cols == 0)
		return 0;
	if (2 * w <= max_cols)
		return put_cells(cells, 0, 2 * w, syms, buf, len, cap);
	/* the revision's lane (if shown) is among the leftmost k lanes before a marker */
	for (size_t k = w; k-- > (col == NONE ? 0 : col + 1);)
		if (2 * k + marker_width(w - k, utf8) <= max_cols) {
			size_t cols = put_cells(cells, 0, 2 * k, syms, buf, len, cap);
			return cols + put_marker(w - k, utf8, buf, len, cap);
		}
	if (col == NONE)
		return 0;
	/* else: lanes [0, a), a marker for [a, col), the revision's lane, a marker
	 * for the lanes right of it; a as large as fits (at least the revision) */
	size_t tail = col + 1 < w ? marker_width(w - col - 1, utf8) : 0;
	size_t a = col;
	while (a > 0 && 2 * a + marker_width(col - a, utf8) + 2 + tail > max_cols)
		a--;
	size_t cols = 0;
	if (marker_width(col, utf8) + 2 + tail <= max_cols || a > 0) {
		cols += put_cells(cells, 0, 2 * a, syms, buf, len, cap);
		cols += put_marker(col - a, utf8, buf, len, cap);
	} else {
		tail = 0; /* too narrow for the markers: the revision's symbol alone */
	}
	cols += put_cells(cells, 2 * col, 2 * col + 1, syms, buf, len, cap);
	if (cols < max_cols)
		cols += put_text(" ", 1, buf, len, cap); /* the connector after it is cut: a blank */
	if (tail)
		cols += put_marker(w - col - 1, utf8, buf, len, cap);
	return cols;
}

size_t lanes_render_fit_at(const struct lanes *l, size_t i, size_t first, int utf8, size_t max_cols, char *buf,
			   size_t cap)
{
	const struct lanes_row *row = &l->rows[i];
	size_t w = row->width, col = row->column, len = 0, cols = 0;
	if (cap == 0)
		return 0;
	buf[0] = '\0';
	if (first > 0) {
		/* the left marker, two columns (a lane's width) on every row so
		 * that the lanes line up: the revision's symbol when its lane is
		 * scrolled off (else a blank), then "‹"; the offset itself is the
		 * caller's to show */
		char m[16];
		snprintf(m, sizeof(m), "%s%s", col < first ? (utf8 ? utf8_syms : ascii_syms)[LANE_COMMIT] : " ",
			 utf8 ? "\u2039" : "<");
		if (max_cols < 2)
			return 0;
		cols = put_text(m, 2, buf, &len, cap);
		max_cols -= 2;
	}
	size_t from = first < w ? first : w;
	return cols + fit_cells(row->cells + 2 * from, w - from, col >= first ? col - first : NONE, utf8, max_cols,
				buf, &len, cap);
}

size_t lanes_render_fit(const struct lanes *l, size_t i, int utf8, size_t max_cols, char *buf, size_t cap)
{
	return lanes_render_fit_at(l, i, 0, utf8, max_cols, buf, cap);
}

size_t lanes_render_row(const struct lanes *l, size_t i, int utf8, char *buf, size_t cap)
{
	return lanes_render_fit(l, i, utf8, SIZE_MAX, buf, cap);
}

size_t lanes_text_fit(const char *s, size_t max_cols, int utf8, char *out, size_t cap, size_t *cols)
{
	size_t len = 0, used = 0;
	const char *s0 = s;
	mbstate_t st;
	memset(&st, 0, sizeof(st));
	while (*s && cap > 0) {
		unsigned char c = (unsigned char)*s;
		size_t n = 1;
		int w = 1;
		const char *src = s;
		if (c >= 0x80 && utf8) {
			wchar_t wc;
			n = mbrtowc(&wc, s, strlen(s), &st);
			if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
				memset(&st, 0, sizeof(st));
				n = 1;
				src = "?";
			} else if ((w = wcwidth(wc)) < 0) {
				w = 1;
				src = "?";
			}
		} else if (c < 0x20 || c == 0x7f || c >= 0x80) {
			src = c == '\t' ? " " : "?";
		}
		size_t out_n = src == s ? n : 1;
		if (used + (size_t)w > max_cols || len + out_n + 1 > cap)
			break;
		memcpy(out + len, src, out_n);
		len += out_n;
		used += (size_t)w;
		s += n;
	}
	if (cap > 0)
		out[len] = '\0';
	if (cols)
		*cols = used;
	return (size_t)(s - s0);
}
