/* line_diff.c - a unified-style diff of two texts, line by line, for the
 * schema snapshots `aludel verify` compares. The common start and end are
 * cut off first; the rest is aligned by a longest common subsequence when
 * it is small enough (ALD_LINE_DIFF_MAX_CELLS), else shown as all removed
 * then all added. */
#include "line_diff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* One line of a text: start and length without the newline. */
struct line {
	const char *s;
	size_t n;
};

struct lines {
	struct line *v;
	size_t n, cap;
};

/* Splits text into lines (a last line without a newline counts). */
static void split(struct lines *out, const char *text)
{
	memset(out, 0, sizeof(*out));
	while (text && *text) {
		const char *nl = strchr(text, '\n');
		size_t n = nl ? (size_t)(nl - text) : strlen(text);
		out->v = ald__xgrow(out->v, &out->cap, out->n + 1, sizeof(*out->v));
		out->v[out->n++] = (struct line){text, n};
		text += n + (nl != NULL);
	}
}

static int same(const struct line *a, const struct line *b)
{
	return a->n == b->n && memcmp(a->s, b->s, a->n) == 0;
}

/* One edit: ' ' (kept), '-' (a's line ai), '+' (b's line bi). */
struct op {
	char kind;
	size_t ai, bi;
};

struct ops {
	struct op *v;
	size_t n, cap;
};

static void push(struct ops *o, char kind, size_t ai, size_t bi)
{
	o->v = ald__xgrow(o->v, &o->cap, o->n + 1, sizeof(*o->v));
	o->v[o->n++] = (struct op){kind, ai, bi};
}

/* The edits turning a[lo_a, hi_a) into b[lo_b, hi_b), appended to o. */
static void align(struct ops *o, const struct lines *a, size_t lo_a, size_t hi_a, const struct lines *b,
		  size_t lo_b, size_t hi_b)
{
	size_t n = hi_a - lo_a, m = hi_b - lo_b;
	if (n == 0 || m == 0 || (n + 1) * (m + 1) > ALD_LINE_DIFF_MAX_CELLS) {
		for (size_t i = lo_a; i < hi_a; i++)
			push(o, '-', i, lo_b);
		for (size_t j = lo_b; j < hi_b; j++)
			push(o, '+', hi_a, j);
		return;
	}
	/* L[i][j]: the LCS length of a[lo_a+i..] and b[lo_b+j..] */
	uint32_t *L = ald__xcalloc((n + 1) * (m + 1), sizeof(*L));
#define AT(i, j) L[(i) * (m + 1) + (j)]
	for (size_t i = n; i-- > 0;)
		for (size_t j = m; j-- > 0;)
			AT(i, j) = same(&a->v[lo_a + i], &b->v[lo_b + j])
					   ? AT(i + 1, j + 1) + 1
					   : (AT(i + 1, j) >= AT(i, j + 1) ? AT(i + 1, j) : AT(i, j + 1));
	size_t i = 0, j = 0;
	while (i < n || j < m) {
		if (i < n && j < m && same(&a->v[lo_a + i], &b->v[lo_b + j])) {
			push(o, ' ', lo_a + i++, lo_b + j++);
		} else if (j >= m || (i < n && AT(i + 1, j) >= AT(i, j + 1))) {
			push(o, '-', lo_a + i++, lo_b + j);
		} else {
			push(o, '+', lo_a + i, lo_b + j++);
		}
	}
#undef AT
	free(L);
}

/* Writes the hunks of the edits, `ctx` kept lines around each change. */
static void hunks(struct ald_buf *out, const struct ops *o, const struct lines *a, const struct lines *b,
		  size_t ctx)
{
	size_t k = 0;
	while (k < o->n) {
		while (k < o->n && o->v[k].kind == ' ')
			k++;
		if (k == o->n)
			break;
		size_t start = k >= ctx ? k - ctx : 0, end = k;
		/* extend while the next change is within 2*ctx kept lines */
		for (;;) {
			while (end < o->n && o->v[end].kind != ' ')
				end++;
			size_t gap = end;
			while (gap < o->n && o->v[gap].kind == ' ' && gap - end < 2 * ctx + 1)
				gap++;
			if (gap < o->n && o->v[gap].kind != ' ' && gap - end <= 2 * ctx) {
				end = gap;
				continue;
			}
			end = end + ctx < o->n ? end + ctx : o->n;
			break;
		}
		size_t na = 0, nb = 0;
		for (size_t x = start; x < end; x++) {
			na += o->v[x].kind != '+';
			nb += o->v[x].kind != '-';
		}
		size_t sa = o->v[start].ai + (na ? 1 : 0), sb = o->v[start].bi + (nb ? 1 : 0);
		ald__buf_printf(out, "@@ -%zu,%zu +%zu,%zu @@\n", sa, na, sb, nb);
		for (size_t x = start; x < end; x++) {
			const struct line *l = o->v[x].kind == '+' ? &b->v[o->v[x].bi] : &a->v[o->v[x].ai];
			ald__buf_putc(out, o->v[x].kind);
			ald__buf_put(out, l->s, l->n);
			ald__buf_putc(out, '\n');
		}
		k = end;
	}
}

char *ald__line_diff(const char *a, const char *b, const char *label_a, const char *label_b, size_t ctx)
{
	struct lines la, lb;
	split(&la, a);
	split(&lb, b);
	size_t pre = 0, suf = 0;
	while (pre < la.n && pre < lb.n && same(&la.v[pre], &lb.v[pre]))
		pre++;
	while (suf < la.n - pre && suf < lb.n - pre && same(&la.v[la.n - 1 - suf], &lb.v[lb.n - 1 - suf]))
		suf++;
	char *result = NULL;
	if (pre != la.n || pre != lb.n) {
		struct ops o = {0};
		for (size_t i = pre > ctx ? pre - ctx : 0; i < pre; i++)
			push(&o, ' ', i, i);
		align(&o, &la, pre, la.n - suf, &lb, pre, lb.n - suf);
		for (size_t i = 0; i < suf && i < ctx; i++)
			push(&o, ' ', la.n - suf + i, lb.n - suf + i);
		struct ald_buf out = {0};
		ald__buf_printf(&out, "--- %s\n+++ %s\n", label_a, label_b);
		hunks(&out, &o, &la, &lb, ctx);
		result = ald__buf_detach(&out);
		free(o.v);
	}
	free(la.v);
	free(lb.v);
	return result;
}
