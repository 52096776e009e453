/* config.h - a project's configuration: the [aludel] or [alembic] section of
 * aludel.ini / alembic.ini, read as Alembic 1.8.1 reads it (see
 * doc/alembic-compat.md §1.1, §1.2) with aludel's few differences: an
 * inline comment is not part of a value, ${NAME} expands an environment
 * variable, unknown keys of an [aludel] section are errors (an Alembic
 * project's [alembic] section may hold keys of its own env.py).
 */
#ifndef ALD_CONFIG_H
#define ALD_CONFIG_H

#include <stddef.h>

#include "util.h"

struct ald_config {
	char *path;            /* absolute path of the ini file */
	char *here;            /* its directory (value of %(here)s) */
	char *section;         /* the section used */
	char *script_location; /* absolute (relative values resolved against the CWD, as Alembic) */
	struct ald_strvec version_locations; /* absolute dirs in order; default <script_location>/versions */
	int version_locations_set;           /* 1 if the key was given (and not empty) */
	char *url;             /* database URL or NULL: --url > DATABASE_URL env > sqlalchemy.url > url */
	const char *url_from;  /* "--url" or "DATABASE_URL" when the URL came from there, else NULL */
	char *file_template;   /* interpolated, default "%(rev)s_%(slug)s" */
	int truncate_slug_length; /* default 40; 0/empty -> 40 */
	char *version_table;   /* default "alembic_version" */
	int version_table_set; /* the section gave version_table (it wins over env.py's) */
	char *version_table_schema; /* NULL if unset */
	int transaction_per_migration; /* default 0 */
	int transaction_per_migration_set; /* the section gave it (it wins over env.py's) */
	char *alembic_command; /* alembic_command: how to start the project's Alembic, or NULL */
	char *history_table;   /* history_table: the run history's table (default "aludel_history");
				  NULL when the key is empty or false (no history written) */
	size_t max_revision_size; /* bytes; default 64 MiB; set process-wide by ald__config_load
				     (ald__read_set_limit): revision files larger are refused */
	struct ald_strvec x_args; /* the -x key=value arguments, copied */
	/* lint_disable, lint_warning, lint_error: lists of lint rule ids as
	 * written (checked by the linter), or NULL; and their lines */
	char *lint_keys[3];
	unsigned lint_lines[3];
};

struct ald_config_options {
	const char *path;    /* -c; NULL: aludel.ini if it exists in the CWD, else alembic.ini */
	const char *section; /* -n; NULL: "aludel" if the file has that section, else "alembic" */
	const char *url;     /* --url or NULL */
	const char *const *x_args;
	size_t n_x_args;
};

/* Loads the configuration into *out (zeroed first). On failure *out is
 * left empty (ald__config_clear() is still safe) and the message names the
 * file and line at fault; it never contains a database URL. */
int ald__config_load(struct ald_config *out, const struct ald_config_options *opts);

/* Frees what *cfg holds and zeroes it; safe to call twice. */
void ald__config_clear(struct ald_config *cfg);

/* The value of the last -x argument `key=value` for key ("" for a bare
 * `-x key`), or NULL. Borrowed from cfg. */
const char *ald__config_x(const struct ald_config *cfg, const char *key);

/* `path` made absolute against the current directory and normalised like
 * Python's os.path.abspath ("." and ".." removed, no trailing '/'); the
 * caller's. */
char *ald__abspath(const char *path);

#endif
