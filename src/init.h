/* init.h - `aludel init`: a new project's scripts folder, its versions
 * folder and its configuration file (after Alembic's `init`), from one of
 * the templates: "native" (aludel.ini, no Python files) or "generic" (an
 * Alembic project). */
#ifndef ALD_INIT_H
#define ALD_INIT_H

#include "aludel.h"

/* Creates `dir` (the script location; it may exist if empty), `dir/versions`,
 * the template's files in `dir` (each written atomically) and, unless it
 * exists (then kept, as Alembic does), the configuration file `ini_path`
 * (NULL: $ALEMBIC_CONFIG, else the template's own: aludel.ini for "native",
 * whose [aludel] section points at `dir` and documents every key). The
 * template is one of `init --template` (NULL: "native"; see
 * ald_project_template_count in aludel.h). *out always gets the steps taken,
 * also on failure (the caller's, ald_init_result_free). */
int ald__init_project_template(const char *dir, const char *ini_path, const char *template_name,
			      ald_init_result **out);

/* The texts of the generic template (init_generic.c): alembic.ini is head +
 * script_location + "\n" + tail. */
extern const char ald__generic_ini_head[], ald__generic_ini_tail[];
extern const char ald__generic_env_py[], ald__generic_script_mako[], ald__generic_readme[];

#endif
