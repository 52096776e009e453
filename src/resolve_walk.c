/* resolve_walk.c - relative identifiers (doc/alembic-compat.md §3.1, §3.4): Alembic's pattern
 * (?:(.+?)@)?(\w+)?([+-]\d+) matched at the start of a target, and walking
 * up or down the graph a number of steps.
 */
#include "resolve_internal.h"
#include "error.h"

#include <stdlib.h>
#include <string.h>

/* Python's \w for the bytes of an identifier (any non-ASCII byte counts). */
static int is_word(unsigned char ch)
{
	return ch == '_' || (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
	       (ch >= 'A' && ch <= 'Z') || ch >= 0x80;
}

static int is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

/* Matches (\w+)?([+-]\d+) at p; *sym_len is the symbol's length, *end the
 * end of the number. */
static int match_tail(const char *p, size_t *sym_len, const char **end)
{
	size_t w = 0;
	while (is_word((unsigned char)p[w]))
		w++;
	if ((p[w] != '+' && p[w] != '-') || !is_digit(p[w + 1]))
		return 0;
	const char *q = p + w + 1;
	while (is_digit(*q))
		q++;
	*sym_len = w;
	*end = q;
	return 1;
}

int ald__match_relative(struct ald_relative *m, const char *target)
{
	memset(m, 0, sizeof(*m));
	const char *tail = NULL, *end = NULL;
	size_t sym_len = 0, label_len = 0;
	/* the optional group first, with the shortest label that lets the rest match */
	for (size_t k = 1; target[0] && target[0] != '\n' && target[k] && target[k] != '\n' && !tail; k++)
		if (target[k] == '@' && match_tail(target + k + 1, &sym_len, &end)) {
			tail = target + k + 1;
			label_len = k;
		}
	if (!tail && match_tail(target, &sym_len, &end))
		tail = target;
	if (!tail)
		return 0;
	if (label_len)
		m->label = ald__xstrndup(target, label_len);
	if (sym_len)
		m->symbol = ald__xstrndup(tail, sym_len);
	m->relative = ald__xstrndup(tail + sym_len, (size_t)(end - tail - sym_len));
	m->text = ald__xstrndup(target, (size_t)(end - target));
	int64_t v = 0;
	ald__pyint(m->relative, &v);
	m->steps = v;
	return 1;
}

void ald__relative_free(struct ald_relative *m)
{
	free(m->label);
	free(m->symbol);
	free(m->relative);
	free(m->text);
	memset(m, 0, sizeof(*m));
}

static void push_all(struct ald_ixvec *v, const struct ald_ixvec *from)
{
	for (size_t i = 0; i < from->n; i++)
		ald__ixvec_push(v, from->v[i]);
}

int ald__walk(const struct ald_rctx *c, size_t *out, size_t start, int64_t steps, const char *label,
	     int strict)
{
	const struct ald_graph *g = c->g;
	uint64_t n = steps < 0 ? (uint64_t)0 - (uint64_t)steps : (uint64_t)steps;
	struct ald_ixvec cand = {0};
	size_t cur = start;
	int err = 0;
	for (uint64_t i = 0; i < n; i++) {
		cand.n = 0;
		if (steps > 0) {
			/* up: the down-revision children, or every base from nothing */
			int from_base = cur == ALD_NOREV || cur == ALD_RBASE;
			push_all(&cand, from_base ? &g->bases : &g->revs[cur].next);
			if (label && *label && (err = ald__filter_lineage(c, &cand, label, 0)) < 0)
				break;
		} else if (cur != ALD_RBASE) {
			/* down: the down revisions, or the pseudo-revision base */
			push_all(&cand, cur == ALD_NOREV ? &g->heads : &g->revs[cur].down);
			if (cand.n == 0)
				ald__ixvec_push(&cand, ALD_RBASE);
		}
		if (cand.n == 0) {
			if (strict)
				cur = ALD_ROVER;
			break;
		}
		if (cand.n > 1) {
			err = ald__error_set(ALD_EINVALID, "Ambiguous walk");
			break;
		}
		cur = cand.v[0];
	}
	ald__ixvec_free(&cand);
	*out = cur;
	return err;
}
