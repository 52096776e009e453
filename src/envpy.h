/* envpy.h - reads the settings an Alembic project's env.py passes to
 * `context.configure(...)` (version_table, version_table_schema,
 * transaction_per_migration) statically, without running Python.
 *
 * Every call written `context.configure(` in the file counts (not one inside
 * a string or a comment; not `x.context.configure(`, nor a `configure`
 * imported under another name). In each call, a keyword argument among the
 * three is literal when its value is a plain string (implicit concatenation
 * and enclosing parentheses allowed; not an f-string, not bytes), `True` or
 * `False` for transaction_per_migration, `None` for version_table_schema;
 * any other value is computed. `**mapping` in a call makes each of the three
 * that the call does not give by keyword computed; so do `*args` or six
 * positional arguments for transaction_per_migration (Alembic's sixth
 * parameter).
 *
 * The calls are then combined: a call that does not give a setting gives
 * Alembic's default (alembic_version, no schema, False). All calls agreeing
 * on a literal value: LITERAL. No call giving the setting: UNSET. Calls
 * disagreeing (two literals, or a literal and a call that leaves the default,
 * with different values), or any call computing it: COMPUTED.
 */
#ifndef ALD_ENVPY_H
#define ALD_ENVPY_H

#include <stddef.h>

/* refuse env.py files larger than this */
#define ALD_ENVPY_MAX_SIZE (1024 * 1024)

enum ald_envpy_state {
	ALD_ENVPY_UNSET,    /* no context.configure() call gives it: the default applies */
	ALD_ENVPY_LITERAL,  /* every call gives (or defaults to) the same literal value */
	ALD_ENVPY_COMPUTED  /* computed at run time, or different from call to call */
};

struct ald_envpy_setting {
	enum ald_envpy_state state;
	/* LITERAL: the decoded string; "1"/"0" for transaction_per_migration;
	 * NULL for `version_table_schema=None`. UNSET, COMPUTED: NULL. Owned. */
	char *value;
	/* LITERAL: line of the (first) keyword giving it; COMPUTED: line of the
	 * keyword or `**`/`*` that computes it, or of the first disagreement (the
	 * keyword, or the `context` of a call that leaves the default); UNSET: 0. */
	unsigned line;
};

struct ald_envpy {
	struct ald_envpy_setting version_table, version_table_schema, transaction_per_migration;
	unsigned n_calls; /* how many context.configure( calls were found */
};

/* Reads the settings from env.py's text (len bytes, need not be
 * NUL-terminated) into *out (zeroed first). `path` names the file in
 * messages. Fails with ALD_EINVALID and a message "path:line: ..." when the
 * file cannot be tokenized (an unterminated string, a call's '(' never
 * closed, a keyword repeated in one call); *out is then empty. */
int ald__envpy_parse(struct ald_envpy *out, const char *text, size_t len, const char *path);

/* Reads the file at `path` and parses it. A missing file leaves *out all
 * UNSET and returns 0; a file over ALD_ENVPY_MAX_SIZE bytes, or one that
 * cannot be read, is an error naming the path. */
int ald__envpy_read(struct ald_envpy *out, const char *path);

/* Frees what *e holds and zeroes it; safe to call twice. */
void ald__envpy_clear(struct ald_envpy *e);

#endif
