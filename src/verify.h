/* verify.h - the scratch database of `aludel verify` (verify_scratch.c),
 * shared with the verify loop (verify.c). */
#ifndef ALD_VERIFY_H
#define ALD_VERIFY_H

#include "aludel.h"

/* A scratch database: made by ald__scratch_create, removed by ald__scratch_drop. */
struct ald_scratch {
	char *url;        /* its URL, password included (never print it) */
	char *display;    /* the URL masked */
	char *path;       /* SQLite: the file; else NULL */
	char *name;       /* PostgreSQL: the database; else NULL */
	char **admin;     /* PostgreSQL: the URLs tried, in order, to create and drop it */
	size_t n_admin;
	int made;         /* created (or its creation was attempted): drop must run */
};

/* `url` with its database (the path after the host) replaced by `name`
 * (letters, digits and _ only). NULL when url has no "scheme://". Caller frees. */
char *ald__url_with_database(const char *url, const char *name);
/* The database part of `url` as written (the path after the host), or NULL.
 * Caller frees. */
char *ald__url_database(const char *url);

/* Makes the scratch database: `given` (must not exist), or else one beside
 * the project's database (see ald_verify_options.scratch_url). */
int ald__scratch_create(struct ald_scratch *s, ald_project *p, const char *given);
/* Removes it (SQLite: the file, its journals and aludel's lock file; PostgreSQL: DROP DATABASE,
 * forcing out other sessions where the server can). Safe when nothing was
 * made. On failure the thread's error says why. */
int ald__scratch_drop(struct ald_scratch *s);
void ald__scratch_clear(struct ald_scratch *s);

#endif
