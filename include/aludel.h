/* aludel.h - the public API of libaludel, the aludel migration engine.
 *
 * Conventions (after libgit2):
 *  - every exported name starts with ald_; handles are opaque;
 *  - functions that can fail return int: 0 on success, a negative ALD_E* code
 *    on failure, with the message kept for the calling thread (ald_error_last());
 *  - results come back through out-parameters placed first; what comes back
 *    through `**out` belongs to the caller and has a _free() that accepts NULL;
 *    a pointer returned as the function's value is borrowed from its parent and
 *    lives as long as the parent;
 *  - a callback's `void *payload` comes last.
 */
#ifndef ALUDEL_H
#define ALUDEL_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Marks a function exported from libaludel; everything else is hidden. */
#if defined(__GNUC__)
#define ALD_EXTERN(type) __attribute__((visibility("default"))) type
#else
#define ALD_EXTERN(type) type
#endif

/* Error codes. */
enum {
	ALD_OK = 0,
	ALD_ERROR = -1,        /* generic error: see the message */
	ALD_ENOTFOUND = -3,    /* a revision, file or key does not exist */
	ALD_EAMBIGUOUS = -5,   /* a partial identifier matches several revisions */
	ALD_EMULTIPLEHEADS = -6, /* a single revision was asked for, several heads exist */
	ALD_ECYCLE = -7,       /* the revision graph has a cycle */
	ALD_EINVALID = -8,     /* malformed input: a header, a file, an identifier */
	ALD_EUSAGE = -9,       /* the request itself is not allowed (e.g. a range online) */
	ALD_EDB = -10,         /* the database reported an error */
	ALD_ELOCKED = -11,     /* the migration lock could not be taken in time */
	ALD_EINTERRUPTED = -12 /* the run was interrupted and rolled back */
};

/* The last error of the calling thread. */
typedef struct {
	int code;            /* one of the ALD_E* codes */
	const char *message; /* human-readable message, naming file/line/revision */
} ald_error;

/* The calling thread's last error, or NULL if none was recorded. Borrowed:
 * valid until the next libaludel call on this thread. */
ALD_EXTERN(const ald_error *) ald_error_last(void);

/* The library's version string, e.g. "0.1.0". */
ALD_EXTERN(const char *) ald_version(void);

#ifdef __cplusplus
}
#endif

#endif
