/* lanes.c - lane layout of the graph view (see lanes.h); drawing a row is
 * lanes_render.c's.
 *
 * One pass over the revisions, newest first. Each lane remembers the row it
 * waits for. A revision takes the leftmost lane waiting for it (or the first
 * free lane: a head); the other lanes waiting for it end on its row (merge-in).
 * The revision's lane then waits for its first parent; each further parent
 * joins the leftmost other lane that already waits for it, or opens the first
 * free lane right of the revision's (not one that ended on this very row: its
 * end and the new lane's start would draw as one lane going on).
 *
 * Nothing here looks at every lane of a row: on a tangled graph ten thousand
 * edges can cross one row, and a row-by-lane pass is then rows x lanes. The
 * lanes waiting for a row are chained from that row, with the two leftmost
 * kept aside; free lanes are found in a bitmap with a summary word per 64
 * words; a row keeps only its joins, and a lane the spans of rows it is held.
 * So the pass costs O(revisions + edges) plus a sort of each row's ending
 * lanes, and a row's cells are made from its joins and spans when drawn.
 */
#include "lanes.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NONE SIZE_MAX

struct lane {
	size_t wait;  /* the row it waits for, or NONE */
	size_t since; /* the row its edge left */
	size_t next;  /* the next lane waiting for the same row, or NONE */
	unsigned char dep;
};

/* Per row: the lanes waiting for it (a chain through lane.next) and the two
 * leftmost of them. */
struct waiting {
	size_t first, min1, min2;
};

/* A span as recorded, with its lane (sorted by lane at the end). */
struct held {
	size_t lane;
	struct lanes_span span;
};

struct state {
	struct lane *lane;
	uint64_t *busy;       /* bit per lane: taken */
	uint64_t *full;       /* bit per word of busy: all 64 taken */
	size_t cap;           /* lanes allocated, a multiple of 4096 */
	size_t n;             /* one past the rightmost taken lane */
	struct waiting *wait; /* per row */
	size_t *ends;         /* scratch: the lanes ending on the current row */
	size_t n_ends, cap_ends;
	struct lanes_join *joins;
	size_t n_joins, cap_joins;
	struct held *held;
	size_t n_held, cap_held;
};

static void *xrealloc(void *p, size_t n, size_t size)
{
	p = realloc(p, (n ? n : 1) * size);
	if (!p)
		abort();
	return p;
}

/* Room for lane k. */
static void grow(struct state *s, size_t k)
{
	if (k < s->cap)
		return;
	size_t cap = s->cap ? s->cap : 4096;
	while (cap <= k)
		cap *= 2;
	s->lane = xrealloc(s->lane, cap, sizeof(*s->lane));
	s->busy = xrealloc(s->busy, cap / 64, sizeof(*s->busy));
	s->full = xrealloc(s->full, cap / 4096, sizeof(*s->full));
	for (size_t k2 = s->cap; k2 < cap; k2++)
		s->lane[k2] = (struct lane){NONE, 0, NONE, 0};
	memset(s->busy + s->cap / 64, 0, (cap - s->cap) / 64 * sizeof(*s->busy));
	memset(s->full + s->cap / 4096, 0, (cap - s->cap) / 4096 * sizeof(*s->full));
	s->cap = cap;
}

static int taken(const struct state *s, size_t k)
{
	return k < s->cap && (s->busy[k / 64] >> (k % 64) & 1);
}

static void take(struct state *s, size_t k)
{
	grow(s, k);
	s->busy[k / 64] |= (uint64_t)1 << (k % 64);
	if (s->busy[k / 64] == UINT64_MAX)
		s->full[k / 4096] |= (uint64_t)1 << (k / 64 % 64);
	if (k >= s->n)
		s->n = k + 1;
}

static void release(struct state *s, size_t k)
{
	s->busy[k / 64] &= ~((uint64_t)1 << (k % 64));
	s->full[k / 4096] &= ~((uint64_t)1 << (k / 64 % 64));
	s->lane[k].wait = NONE;
}

/* The first free lane at or right of `from`. */
static size_t first_free(const struct state *s, size_t from)
{
	size_t words = s->cap / 64;
	size_t w = from / 64;
	if (w >= words)
		return from;
	uint64_t x = ~s->busy[w] & (UINT64_MAX << (from % 64));
	if (x)
		return w * 64 + (size_t)__builtin_ctzll(x);
	for (w++; w < words;) {
		uint64_t y = ~s->full[w / 64] & (UINT64_MAX << (w % 64));
		if (y) {
			w = w / 64 * 64 + (size_t)__builtin_ctzll(y);
			return w * 64 + (size_t)__builtin_ctzll(~s->busy[w]);
		}
		w = (w / 64 + 1) * 64;
	}
	return words * 64;
}

/* Lane k now waits for row p (its edge leaves row i). */
static void await(struct state *s, size_t k, size_t p, size_t i, int dep)
{
	struct lane *l = &s->lane[k];
	struct waiting *w = &s->wait[p];
	l->wait = p;
	l->since = i;
	l->dep = (unsigned char)dep;
	l->next = w->first;
	w->first = k;
	if (w->min1 == NONE || k < w->min1) {
		w->min2 = w->min1;
		w->min1 = k;
	} else if (w->min2 == NONE || k < w->min2) {
		w->min2 = k;
	}
}

static void add_join(struct state *s, size_t k, unsigned char end, int dep)
{
	if (s->n_joins == s->cap_joins) {
		s->cap_joins = s->cap_joins ? 2 * s->cap_joins : 1024;
		s->joins = xrealloc(s->joins, s->cap_joins, sizeof(*s->joins));
	}
	s->joins[s->n_joins++] = (struct lanes_join){k, end, (unsigned char)dep};
}

/* Lane k's edge arrives at row i. */
static void add_span(struct state *s, size_t k, size_t i)
{
	if (s->n_held == s->cap_held) {
		s->cap_held = s->cap_held ? 2 * s->cap_held : 1024;
		s->held = xrealloc(s->held, s->cap_held, sizeof(*s->held));
	}
	s->held[s->n_held++] = (struct held){k, {s->lane[k].since, i, s->lane[k].dep}};
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return (x > y) - (x < y);
}

/* Lays out row i; returns its width. */
static size_t layout_row(struct state *s, const struct lanes_rev *r, size_t i, size_t n_rows,
			 struct lanes_row *row)
{
	struct waiting *w = &s->wait[i];
	size_t col = w->min1;
	row->joins = s->n_joins;
	if (col == NONE) { /* a head: the first free lane */
		col = first_free(s, 0);
		take(s, col);
	}
	row->column = col;
	/* the other lanes waiting for this row end here, left to right */
	s->n_ends = 0;
	for (size_t k = w->first; k != NONE; k = s->lane[k].next) {
		if (s->n_ends == s->cap_ends) {
			s->cap_ends = s->cap_ends ? 2 * s->cap_ends : 64;
			s->ends = xrealloc(s->ends, s->cap_ends, sizeof(*s->ends));
		}
		s->ends[s->n_ends++] = k;
		add_span(s, k, i);
	}
	if (s->n_ends > 1)
		qsort(s->ends, s->n_ends, sizeof(*s->ends), cmp_size);
	for (size_t e = 0; e < s->n_ends; e++)
		if (s->ends[e] != col)
			add_join(s, s->ends[e], LANE_MERGE_IN, s->lane[s->ends[e]].dep);
	s->lane[col].wait = NONE;
	for (size_t j = 0; j < r->n_parents; j++) {
		size_t p = r->parents[j];
		int dep = j >= r->n_parents - r->n_deps;
		if (p <= i || p >= n_rows)
			continue; /* not after the revision: left out */
		if (j == 0) {
			await(s, col, p, i, dep);
			continue;
		}
		struct waiting *pw = &s->wait[p];
		size_t k = pw->min1 != col ? pw->min1 : pw->min2;
		if (k != NONE) { /* a lane already waits for this parent */
			add_join(s, k, LANE_TEE, dep);
			continue;
		}
		/* lanes ending on this row are still taken: not reused yet */
		k = first_free(s, col + 1);
		take(s, k);
		await(s, k, p, i, dep);
		add_join(s, k, LANE_FORK_OUT, dep);
	}
	size_t width = s->n;
	for (size_t e = 0; e < s->n_ends; e++)
		if (s->ends[e] != col)
			release(s, s->ends[e]);
	if (s->lane[col].wait == NONE)
		release(s, col);
	while (s->n > 0 && !taken(s, s->n - 1))
		s->n--;
	return width;
}

/* Moves the recorded spans into out, grouped by lane, each lane's in the
 * order recorded (the order of their rows). */
static void group_spans(struct lanes *out, const struct state *s)
{
	out->n_lanes = out->max_width;
	out->lane_spans = calloc(out->n_lanes + 1, sizeof(*out->lane_spans));
	out->spans = xrealloc(NULL, s->n_held, sizeof(*out->spans));
	if (!out->lane_spans)
		abort();
	for (size_t h = 0; h < s->n_held; h++)
		out->lane_spans[s->held[h].lane + 1]++;
	for (size_t k = 0; k < out->n_lanes; k++)
		out->lane_spans[k + 1] += out->lane_spans[k];
	size_t *at = xrealloc(NULL, out->n_lanes, sizeof(*at));
	memcpy(at, out->lane_spans, out->n_lanes * sizeof(*at));
	for (size_t h = 0; h < s->n_held; h++)
		out->spans[at[s->held[h].lane]++] = s->held[h].span;
	free(at);
}

int lanes_layout(struct lanes *out, const struct lanes_rev *revs, size_t n)
{
	struct state s = {0};
	memset(out, 0, sizeof(*out));
	out->rows = xrealloc(NULL, n + 1, sizeof(*out->rows));
	s.wait = xrealloc(NULL, n, sizeof(*s.wait));
	for (size_t i = 0; i < n; i++)
		s.wait[i] = (struct waiting){NONE, NONE, NONE};
	grow(&s, 0);
	for (size_t i = 0; i < n; i++) {
		size_t w = layout_row(&s, &revs[i], i, n, &out->rows[i]);
		out->rows[i].width = w;
		if (w > out->max_width)
			out->max_width = w;
	}
	out->rows[n] = (struct lanes_row){0, 0, s.n_joins};
	out->n_rows = n;
	out->joins = s.joins;
	group_spans(out, &s);
	free(s.lane);
	free(s.busy);
	free(s.full);
	free(s.wait);
	free(s.ends);
	free(s.held);
	return 0;
}

void lanes_free(struct lanes *l)
{
	free(l->rows);
	free(l->joins);
	free(l->spans);
	free(l->lane_spans);
	memset(l, 0, sizeof(*l));
}
