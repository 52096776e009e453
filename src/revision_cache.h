/* revision_cache.h - a cache of parsed revision headers, one file per versions folder.
 *
 * Reading a revision costs an open, a read and a parse; a cached entry costs
 * one stat. An entry is used only when the file's size, modification and
 * change times (nanoseconds), inode and device are those recorded, the way
 * git trusts its index; files changed within two seconds of the run are not
 * recorded (their times could still change unseen within one clock tick).
 * Files that fail to parse are never recorded, so their errors come back.
 * The folder's own listing is recorded the same way: while the folder's times
 * are unchanged (nothing added, removed or renamed), it need not be read.
 *
 * Where: $ALUDEL_CACHE_DIR, else $XDG_CACHE_HOME/aludel, else
 * $HOME/.cache/aludel; ALUDEL_CACHE_DIR set to an empty value turns it off
 * (so does ald_open_options.no_cache, before the cache is opened). The
 * project's own folders are never written to. Every cache error is silent:
 * the cache is only ever a faster way to the same result.
 *
 * Nothing damaged is trusted: the file and each entry carry a checksum
 * (revision_cache.c); a file that does not verify is ignored whole, an entry that
 * does not verify alone, and what they described is read from the revision
 * files again, then written back. ald__revcache_damage says that it happened.
 */
#ifndef ALD_REVCACHE_H
#define ALD_REVCACHE_H

#include <sys/stat.h>

#include "revision_file.h"

struct ald_revcache;

/* The cache of the folder whose real path is `dir_real` and whose stat (taken
 * before its listing is read) is `dir_st`, loaded if present. NULL when
 * caching is off (then the other calls must not be made). */
struct ald_revcache *ald__revcache_open(const char *dir_real, const struct stat *dir_st);

/* The folder's revision file names in name order, when the cache was written
 * for the folder as it is now: their number, and *names (borrowed, valid until
 * close). Otherwise 0 and *names = NULL: read the folder. */
size_t ald__revcache_names(struct ald_revcache *c, const char *const **names);

/* The listing of ald__revcache_names named a file that cannot be stat'ed:
 * the cache lied. Called by the scan before it starts again with a fresh
 * ald__revcache_open; marks this one damaged. */
void ald__revcache_distrust_names(struct ald_revcache *c);

/* Why the cache file, or part of it, was found damaged and ignored (a short
 * phrase such as "wrong checksum"), or NULL. Static string. */
const char *ald__revcache_damage(const struct ald_revcache *c);

/* The cache file's path (borrowed, valid until close). */
const char *ald__revcache_file(const struct ald_revcache *c);

/* If the entry for file `name` matches `st`, fills *out (path set to `path`)
 * and returns 1; otherwise returns 0 and leaves *out zeroed. Files must be
 * looked up or stored in ascending strcmp order of name. */
int ald__revcache_lookup(struct ald_revcache *c, const char *name, const struct stat *st,
			struct ald_revfile *out, const char *path);

/* Records a file parsed successfully (unless it changed too recently). */
void ald__revcache_store(struct ald_revcache *c, const char *name, const struct stat *st,
			const struct ald_revfile *rf);

/* When `keep` (every file of the folder was looked up or stored), writes the
 * cache - the entries of this run - if it changed, atomically (temporary file
 * in the cache folder, fsync, rename, fsync of the folder). Frees it. */
void ald__revcache_close(struct ald_revcache *c, int keep);

/* Tests only: the clock runs `seconds` ahead, so that files the test has just
 * written are old enough to be recorded. */
void ald__revcache_test_skew(long seconds);

#endif
