/* lanes_reference.c - the graph view's first lane layout, kept as the slow
 * reference test_lanes compares ui/lanes.c with: every row's cells built in
 * full by a pass over all lanes, O(rows x lanes) time and memory. Same rules
 * as lanes.c (see there); only the bookkeeping differs. */
#include "lanes_reference.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

int lanes_ref_layout(struct lanes_ref *out, const struct lanes_rev *revs, size_t n)
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

void lanes_ref_free(struct lanes_ref *l)
{
	free(l->rows);
	free(l->arena);
	memset(l, 0, sizeof(*l));
}
