/* error.c - the per-thread last error of libaludel (ald_error_last()). */
#include "error.h"

#include <stdarg.h>
#include <stdlib.h>

static _Thread_local ald_error last_error;
static _Thread_local char *last_message;

int ald__error_set(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = ald__xvasprintf(fmt, ap);
	va_end(ap);
	free(last_message);
	last_message = msg;
	last_error.code = code;
	last_error.message = last_message;
	return code;
}

void ald__error_prefix(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *prefix = ald__xvasprintf(fmt, ap);
	va_end(ap);
	char *msg = ald__xasprintf("%s%s", prefix, last_message ? last_message : "");
	free(prefix);
	free(last_message);
	last_message = msg;
	last_error.message = last_message;
}

void ald__error_clear(void)
{
	free(last_message);
	last_message = NULL;
	last_error.code = 0;
	last_error.message = NULL;
}

/* What ald_error_last gives when no error is recorded: never NULL, so that
 * a caller can always read ->message (libgit2 does the same). */
static const ald_error no_error = {0, "no error"};

const ald_error *ald_error_last(void)
{
	return last_message ? &last_error : &no_error;
}

int ald__options_version_check_since(const char *fn, unsigned version, unsigned oldest, unsigned max)
{
	if (version >= 1 && version < oldest)
		return ald__error_set(ALD_EUSAGE, "%s: options version %u is no longer supported (the layout changed "
						 "at version %u; rebuild against this aludel.h)", fn, version, oldest);
	return ald__options_version_check(fn, version, max);
}

int ald__options_version_check(const char *fn, unsigned version, unsigned max)
{
	if (version >= 1 && version <= max)
		return 0;
	return ald__error_set(ALD_EUSAGE, "%s: options version %u is not one this library knows (1 to %u)", fn, version,
			     max);
}
