/* fuzz_util.h - what the libFuzzer targets of tests/fuzz/ share: the input as
 * the NUL-terminated buffer aludel's file reader hands to the parsers, and a
 * check that aborts (so that libFuzzer reports the input) with a message. */
#ifndef ALD_FUZZ_UTIL_H
#define ALD_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The input copied into a buffer of exactly size + 1 bytes, the last one NUL
 * (as ald__read_file gives a file's contents), so reading past it is caught. */
static inline char *fuzz_text(const uint8_t *data, size_t size)
{
	char *t = malloc(size + 1);
	if (!t)
		abort();
	if (size)
		memcpy(t, data, size);
	t[size] = '\0';
	return t;
}

/* Aborts with `what` when `cond` is false: an invariant of the parser broke. */
#define FUZZ_CHECK(cond, what)                                                           \
	do {                                                                             \
		if (!(cond)) {                                                           \
			fprintf(stderr, "%s:%d: check failed: %s (%s)\n", __FILE__, __LINE__, \
				#cond, (what));                                          \
			abort();                                                         \
		}                                                                        \
	} while (0)

#endif
