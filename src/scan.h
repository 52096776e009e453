/* scan.h - finding and reading the revision files of a project's version folders. */
#ifndef ALD_SCAN_H
#define ALD_SCAN_H

#include <stddef.h>

#include "revision_file.h"
#include "util.h"

/* Reads every revision file (*.sql, and *.py as Alembic names them) of the
 * folders `dirs`, each folder's files sorted by name, folders in the order
 * given: that is the map order. A folder that does not exist is an error when
 * `skip_missing` is 0 and silently skipped otherwise (Alembic's rule for
 * version_locations). A folder listed twice is read once.
 * *out is an array of `size`-byte elements (size >= sizeof(struct ald_revfile)),
 * each beginning with its struct ald_revfile, the rest zeroed: the project
 * reads straight into the graph's revision array. On success it (n_out
 * entries) is the caller's: clear each revfile with ald__revfile_clear and free
 * the array.
 * `sc` says how the header cache (revision_cache.h) is used; NULL: it is used and
 * nothing is reported. */
struct ald_scan_cache {
	int off;    /* in: 1 = the cache is neither read nor written */
	char *note; /* out: the first damaged cache file found (and ignored), as a
		     * sentence naming it, or NULL; the caller's to free */
};
int ald__scan_versions(void **out, size_t *n_out, size_t size, const struct ald_strvec *dirs,
		      int skip_missing, struct ald_scan_cache *sc);

/* Whether a directory entry's name is a revision file name. */
int ald__scan_is_revision_name(const char *name);

#endif
