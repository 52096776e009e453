/* api_fixture.h - helpers the test_api* programs share: a project written
 * into a temporary folder, and checks of the thread's last error. They use
 * aludel.h alone, as the tests do. */
#ifndef API_FIXTURE_H
#define API_FIXTURE_H

#include <stddef.h>

#include "aludel.h"

/* A new temporary folder (mkdtemp); the caller frees it with fx_rmrf. */
char *fx_tmpdir(void);
/* Removes the folder and everything in it, and frees `dir`. */
void fx_rmrf(char *dir);
/* Writes `text` to dir/name (the folders of name are made first). */
void fx_put(const char *dir, const char *name, const char *text);
/* dir/name, malloc'd. */
char *fx_path(const char *dir, const char *name);

/* Writes the test project into dir: aludel.ini (script_location m,
 * sqlalchemy.url sqlite:///<dir>/db.sqlite unless `url` is given; "" writes
 * no URL) and four native revisions:
 *   a1 "create users"   base, Create Date set
 *   b1 "create posts"   revises a1, branch label "feat"
 *   c1 "add name"       revises a1, depends on b1, Transactional: false
 *   d1 "merge"          revises b1 and c1 (a merge point, the head) */
void fx_project(const char *dir, const char *url);
/* Opens dir/aludel.ini (no header cache); fails the test if it does not open. */
ald_project *fx_open(const char *dir);
/* The project's revision with id `id`; fails the test when there is none. */
const ald_revision *fx_rev(const ald_project *p, const char *id);

/* Records a known error (an options version the library does not know), so
 * that fx_error_kept can tell whether a later call changed it. */
void fx_error_mark(void);
/* Fails the test unless the last error is still the one fx_error_mark made. */
void fx_error_kept(void);
/* Fails the test unless `err` is `code`, ald_error_last() has that code, and
 * its message contains `needle` (NULL: not checked). */
void fx_error_is(int err, int code, const char *needle);
/* Fails the test when the last error's message contains `secret`. */
void fx_error_hides(const char *secret);

#endif
