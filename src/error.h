/* error.h - setting the thread's last error inside libaludel.
 *
 * Every failing internal function records a message with ald__error_set() and
 * returns the (negative) code it was given, so callers can write
 * `return ald__error_set(ALD_ENOTFOUND, "...")`.
 */
#ifndef ALD_ERROR_INTERNAL_H
#define ALD_ERROR_INTERNAL_H

#include "aludel.h"
#include "util.h"

/* Records the message for the calling thread and returns `code`. */
int ald__error_set(int code, const char *fmt, ...) ALD_ATTR_PRINTF(2, 3);
/* Forgets the calling thread's last error. */
void ald__error_clear(void);

/* The check every entry point taking a versioned options struct makes:
 * ALD_EUSAGE, naming the function `fn`, for a version other than 1 to `max`
 * (the versions this library knows); else 0. */
int ald__options_version_check(const char *fn, unsigned version, unsigned max);
/* The same for a struct whose layout changed at version `oldest`: the
 * versions before it are refused too, with a message saying so. */
int ald__options_version_check_since(const char *fn, unsigned version, unsigned oldest, unsigned max);
/* Prefixes the current message with `prefix` (e.g. a file name and line). */
void ald__error_prefix(const char *fmt, ...) ALD_ATTR_PRINTF(1, 2);

#endif
