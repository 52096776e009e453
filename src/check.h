/* check.h - what the files of `aludel check` (check*.c) share: the result
 * they append findings to, the revision files read one by one, and the
 * steps of ald_check. */
#ifndef ALD_CHECK_H
#define ALD_CHECK_H

#include "aludel.h"
#include "config.h"
#include "revision_file.h"
#include "util.h"

struct ald_check_result {
	ald_check_finding *v;
	size_t n, cap;
	struct ald_strvec kept; /* every string the findings point to */
	char *base_dir;         /* see ald_check_options.base_dir; NULL: absolute */
};

/* Appends a finding; `path` (may be NULL) is copied, the message formatted. */
void ald__check_add(struct ald_check_result *r, int kind, const char *path, unsigned line,
		   const char *fmt, ...) ALD_ATTR_PRINTF(5, 6);
/* Appends the calling thread's last error as a finding of `kind`: a message
 * that begins with "<path>:<line>: " or "<path>: " for a path it names gives
 * the finding's path and line and the rest of the message; otherwise the
 * finding has `path` (may be NULL) and the whole message. Clears the error. */
void ald__check_add_error(struct ald_check_result *r, int kind, const char *path);
/* `path` as messages write it: relative to r->base_dir when under it. Borrowed
 * from `path`. */
const char *ald__check_rel(const struct ald_check_result *r, const char *path);

/* The revision files that parsed, in map order. */
struct ald_check_files {
	struct ald_revfile *v;
	size_t n, cap;
	size_t broken; /* files that did not parse */
};
void ald__check_files_clear(struct ald_check_files *f);

/* check_files.c: reads every revision file of the configuration's version
 * folders (map order), each on its own and without the header cache: the
 * ones that parse go to *out, each one that does not, or a folder that
 * cannot be read, becomes a finding. */
void ald__check_scan(struct ald_check_files *out, struct ald_check_result *r, const struct ald_config *cfg);

/* check_graph.c: duplicate ids and labels, missing parents, cycles, then
 * the heads (`heads` of them; 0: one, and none in a project without
 * revisions), over the files that parsed. Returns how
 * many findings other than the heads' it added. */
size_t ald__check_graph(struct ald_check_result *r, const struct ald_check_files *f, unsigned heads);

/* check_project.c: the checks that need the project opened: lint errors on
 * a PostgreSQL project, then the edited applied revisions. A project that
 * does not open becomes a finding. */
void ald__check_project(struct ald_check_result *r, const ald_open_options *open, const struct ald_config *cfg);

/* check_project.c: with a database reachable, an applied revision whose
 * file changed since it ran. Filled by the history table (its checksums);
 * until it is merged, it finds nothing. */
void ald__check_edited(struct ald_check_result *r, ald_project *p);

#endif
