/* shape_gen.c - the unit tests' tangled, wide and deep graphs (see
 * shape_gen.h). */
#include "shape_gen.h"

#include <stdlib.h>

size_t shape_rnd_below(uint64_t *x, size_t k)
{
	*x = *x * 6364136223846793005u + 1442695040888963407u;
	return k ? (size_t)((*x >> 33) % k) : 0;
}

static void heads_drop(size_t *heads, size_t *nh, size_t r)
{
	for (size_t k = 0; k < *nh; k++)
		if (heads[k] == r) {
			heads[k] = heads[--*nh];
			return;
		}
}

/* Takes a random open head out of the list and returns it. */
static size_t heads_take(size_t *heads, size_t *nh, uint64_t *x)
{
	size_t k = shape_rnd_below(x, *nh), r = heads[k];
	heads[k] = heads[--*nh];
	return r;
}

void shape_make(struct shape_edges *s, enum shape kind, size_t n, uint64_t *x)
{
	s->n = n;
	s->down = calloc(n ? n : 1, sizeof(*s->down));
	s->n_down = calloc(n ? n : 1, sizeof(*s->n_down));
	s->n_deps = 0;
	size_t *heads = malloc((n ? n : 1) * sizeof(*heads)), nh = 0;
	if (!s->down || !s->n_down || !heads)
		abort();
#define DOWN(i, j) (s->down[i][s->n_down[i]++] = (j))
	size_t main_tip = SIZE_MAX, next_side = 6, target = n / 25 > 4 ? n / 25 : 4;
	size_t side_tip[64], side_due[64], nside = 0;
	for (size_t i = 0; i < n; i++) {
		size_t r = shape_rnd_below(x, 100);
		if (kind == TANGLED) {
			if (i == 0 || (i < n * 7 / 10 && r < 4)) {
				/* a base */
			} else if (r < 28 && nh >= 5) {
				size_t k = shape_rnd_below(x, 10) < 3 ? 3 : 2;
				while (k--)
					DOWN(i, heads_take(heads, &nh, x));
			} else if (r < 47) {
				size_t j = shape_rnd_below(x, i);
				heads_drop(heads, &nh, j);
				DOWN(i, j);
			} else {
				DOWN(i, heads_take(heads, &nh, x));
			}
			heads[nh++] = i;
		} else if (kind == WIDE) {
			if (i == 0) {
			} else if (nh < target && r < 50) {
				size_t j = shape_rnd_below(x, i);
				heads_drop(heads, &nh, j);
				DOWN(i, j);
			} else if (r < 3 && nh >= 2) {
				DOWN(i, heads_take(heads, &nh, x));
				DOWN(i, heads_take(heads, &nh, x));
			} else {
				DOWN(i, heads_take(heads, &nh, x));
			}
			heads[nh++] = i;
		} else {
			size_t due = SIZE_MAX;
			for (size_t k = 0; k < nside && due == SIZE_MAX; k++)
				if (side_due[k] <= i)
					due = k;
			if (main_tip != SIZE_MAX && due != SIZE_MAX) { /* merge a side branch back */
				DOWN(i, main_tip);
				DOWN(i, side_tip[due]);
				side_tip[due] = side_tip[nside - 1];
				side_due[due] = side_due[--nside];
				main_tip = i;
			} else if (nside && r < 30) { /* grow one */
				size_t k = shape_rnd_below(x, nside);
				DOWN(i, side_tip[k]);
				side_tip[k] = i;
			} else if (main_tip != SIZE_MAX && i >= next_side && nside < 64) { /* open one */
				DOWN(i, main_tip);
				next_side = i + 6 + shape_rnd_below(x, 5);
				if (shape_rnd_below(x, 50) != 0) {
					side_tip[nside] = i;
					side_due[nside++] = i + 3 + shape_rnd_below(x, 3);
				}
			} else {
				if (main_tip != SIZE_MAX)
					DOWN(i, main_tip);
				main_tip = i;
			}
		}
	}
#undef DOWN
	free(heads);
	for (size_t k = 0; k < 20; k++) { /* labels, on distinct revisions */
		size_t i = 1 + shape_rnd_below(x, n - 1);
		s->label_on[k] = i;
		for (size_t l = 0; l < k; l++)
			if (s->label_on[l] == i)
				s->label_on[k] = SIZE_MAX;
	}
	for (size_t k = 0; k < 30; k++) {
		size_t i = n / 4 + shape_rnd_below(x, n - n / 4), j;
		if (kind == DEEP)
			j = i >= 500 ? i - 500 + shape_rnd_below(x, 451) : shape_rnd_below(x, i > 50 ? i - 50 : 1);
		else
			j = shape_rnd_below(x, i);
		int have = 0;
		for (size_t d = 0; d < s->n_down[i]; d++)
			have |= s->down[i][d] == j;
		for (size_t d = 0; d < s->n_deps; d++)
			have |= s->dep_of[d] == i && s->dep_on[d] == j;
		if (!have) {
			s->dep_of[s->n_deps] = i;
			s->dep_on[s->n_deps++] = j;
		}
	}
}

void shape_free(struct shape_edges *s)
{
	free(s->down);
	free(s->n_down);
}
