/* mako.h - rendering an Alembic project's script.py.mako for a new .py
 * revision, as Alembic 1.8 renders it with Mako, for the subset of Mako
 * that Alembic's own templates (generic, async, multidb) use:
 *
 *   ${expr} and ${expr | filters}  filters n, comma, str, trim; without n
 *                                  the value goes through str() first
 *   expressions                    names, 'strings' (r'' too), calls of
 *                                  repr(), str(), config.get_main_option(),
 *                                  context.get(), re.split(); `a if c else b`,
 *                                  `not`, `%` string formatting (%s, %r)
 *   % for NAME in EXPR: ... % endfor
 *   <% NAME = EXPR ... %>           assignments only
 *   <%! import re %>                that import only
 *   ## comment lines, %% at the start of a line, backslash-newline
 *
 * The variables are Alembic's: up_revision, down_revision (None, a str or a
 * tuple), branch_labels (None or a tuple), depends_on (None, a str or a
 * list), message, create_date, config, context; imports, upgrades and
 * downgrades are undefined (false) as in a revision without autogenerate.
 * Anything else fails with "<template>:<line>: ..." naming what is not
 * supported; nothing is rendered then.
 */
#ifndef ALD_MAKO_H
#define ALD_MAKO_H

#include <stddef.h>

struct ald_mako_vars {
	const char *up_revision;
	const char *const *down; size_t n_down;       /* parents */
	const char *const *labels; size_t n_labels;   /* branch labels */
	const char *const *depends; size_t n_depends; /* depends_on */
	const char *message;
	const char *create_date;
	/* config.get_main_option(name): sets *out to the value (the caller's;
	 * NULL when the key is absent) and returns 0, or an error. NULL: no key
	 * is ever present. */
	int (*main_option)(char **out, const char *name, void *payload);
	void *payload;
};

/* Renders `text` (the contents of the template `path`, which names it in
 * messages) into *out (the caller's). ALD_EINVALID on anything outside the
 * subset, on undefined names and on type errors. */
int ald__mako_render(char **out, const char *path, const char *text, const struct ald_mako_vars *v);

#endif
