/* init.h - `aludel init`: a new project's scripts folder, its versions
 * folder and aludel.ini (after Alembic's `init`, without the Python files). */
#ifndef ALD_INIT_H
#define ALD_INIT_H

/* Creates `dir` (the script location; it may exist if empty), `dir/versions`
 * and, unless it exists (then skipped, as Alembic does), the configuration
 * file `ini_path` (NULL: "aludel.ini") with an [aludel] section pointing at
 * `dir` and documenting every key. *out_message always gets the status
 * lines to print, in Alembic's words, even on failure (the caller's). */
int ald_init_project(const char *dir, const char *ini_path, char **out_message);

#endif
