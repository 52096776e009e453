/* lanes_reference.h - the slow reference lane layout of test_lanes (see
 * lanes_reference.c): the cells of every row, built in full. */
#ifndef ALD_LANES_REFERENCE_H
#define ALD_LANES_REFERENCE_H

#include "lanes.h"

struct lanes_ref_row {
	unsigned char *cells; /* 2 * width cells: symbol, connector, ... */
	size_t width;
	size_t column;
};

struct lanes_ref {
	struct lanes_ref_row *rows;
	size_t n_rows;
	size_t max_width;
	unsigned char *arena;
};

int lanes_ref_layout(struct lanes_ref *out, const struct lanes_rev *revs, size_t n);
void lanes_ref_free(struct lanes_ref *l);

#endif
