/* lanes_render.c - a row of the lane layout as text (see lanes.h): its cells
 * made from the row's joins and the spans of the lanes shown, then fitted in
 * the columns given; and lanes_text_fit, the graph view's text clipping. */
#include "lanes.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define NONE SIZE_MAX

/* Whether lane k passes by on row i (an edge holds it across the row), and
 * whether that edge is a depends_on: 1 plain, 2 dependency, 0 not. */
static int passing(const struct lanes *l, size_t i, size_t k)
{
	if (k >= l->n_lanes)
		return 0;
	const struct lanes_span *s = l->spans + l->lane_spans[k];
	size_t lo = 0, hi = l->lane_spans[k + 1] - l->lane_spans[k];
	while (lo < hi) { /* the first span arriving after row i */
		size_t mid = lo + (hi - lo) / 2;
		if (s[mid].to <= i)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == l->lane_spans[k + 1] - l->lane_spans[k] || s[lo].from >= i)
		return 0;
	return s[lo].dep ? 2 : 1;
}

/* A horizontal line between lanes a < b, over the connectors and the lanes
 * strictly between them (which become crossings or mid-joins), drawn on the
 * cells of lanes [lo, hi). */
static void hline(unsigned char *cells, size_t lo, size_t hi, size_t a, size_t b, int dep)
{
	for (size_t k = a > lo ? a : lo; k < b && k < hi; k++) {
		cells[2 * (k - lo) + 1] = dep ? LANE_DEPHLINE : LANE_HLINE;
		if (k == a)
			continue;
		unsigned char *c = &cells[2 * (k - lo)];
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

void lanes_row_cells(const struct lanes *l, size_t i, size_t lo, size_t hi, unsigned char *out)
{
	const struct lanes_row *row = &l->rows[i];
	size_t col = row->column;
	memset(out, LANE_EMPTY, 2 * (hi - lo));
	for (size_t k = lo; k < hi && k < row->width; k++) {
		int p = passing(l, i, k);
		if (p)
			out[2 * (k - lo)] = p == 2 ? LANE_DEPLINE : LANE_VLINE;
	}
	if (col >= lo && col < hi)
		out[2 * (col - lo)] = LANE_COMMIT;
	/* each join: a line from the revision's lane to k, ending in its symbol
	 * at k; a new lane opened under the line of a join that goes on further
	 * right starts with "┬" rather than "┐" */
	for (size_t j = row->joins; j < l->rows[i + 1].joins; j++) {
		const struct lanes_join *jn = &l->joins[j];
		size_t k = jn->lane;
		int in = k >= lo && k < hi;
		if (k > col) {
			unsigned char under = in ? out[2 * (k - lo)] : LANE_EMPTY;
			hline(out, lo, hi, col, k, jn->dep);
			if (in)
				out[2 * (k - lo)] = jn->end == LANE_FORK_OUT && (under == LANE_HLINE || under == LANE_DEPHLINE)
							    ? LANE_FORK_MID
							    : jn->end;
		} else {
			hline(out, lo, hi, k, col, jn->dep);
			if (in)
				out[2 * (k - lo)] = LANE_TEE_RIGHT;
		}
	}
}

/* How many of a row's first w lanes fit_cells reads to fit it in max_cols
 * columns: those that can be shown, at most one per two columns. */
static size_t fit_lanes(size_t w, size_t max_cols)
{
	size_t m = max_cols / 2 + 1;
	return w < m ? w : m;
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

/* Fits lanes [0, w) in max_cols columns; `col` is the revision's lane, or
 * NONE when it is not among them. Never wider than max_cols. `cells` holds
 * the first lanes, as many as fit_lanes(w, max_cols) says are read. */
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
	static const unsigned char commit = LANE_COMMIT; /* a revision's own cell is never drawn over */
	cols += put_cells(&commit, 0, 1, syms, buf, len, cap);
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
	size_t m = fit_lanes(w - from, max_cols);
	unsigned char local[2 * 256];
	unsigned char *cells = m <= 256 ? local : malloc(2 * m);
	if (!cells)
		abort();
	lanes_row_cells(l, i, from, from + m, cells);
	cols += fit_cells(cells, w - from, col >= first ? col - first : NONE, utf8, max_cols, buf, &len, cap);
	if (cells != local)
		free(cells);
	return cols;
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
