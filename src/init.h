/* init.h - `aludel init`: a new project's scripts folder, its versions
 * folder and its configuration file (after Alembic's `init`), from one of
 * the templates: "native" (aludel.ini, no Python files) or "generic" (an
 * Alembic project). */
#ifndef ALD_INIT_H
#define ALD_INIT_H

/* Creates `dir` (the script location; it may exist if empty), `dir/versions`
 * and, unless it exists (then skipped, as Alembic does), the configuration
 * file `ini_path` (NULL: "aludel.ini") with an [aludel] section pointing at
 * `dir` and documenting every key (the "native" template). *out_message
 * always gets the status lines to print, in Alembic's words, even on failure
 * (the caller's). */
int ald__init_project(const char *dir, const char *ini_path, char **out_message);

/* The same with a template of `init --template` (NULL: "native"; see
 * ald_init_template_count in aludel.h); ini_path NULL: $ALEMBIC_CONFIG, else
 * the template's own file. The template's files go into `dir`, each written
 * atomically, before the configuration file. */
int ald__init_project_template(const char *dir, const char *ini_path, const char *template_name,
			      char **out_message);

/* The texts of the generic template (init_generic.c): alembic.ini is head +
 * script_location + "\n" + tail. */
extern const char ald_generic_ini_head[], ald_generic_ini_tail[];
extern const char ald_generic_env_py[], ald_generic_script_mako[], ald_generic_readme[];

#endif
