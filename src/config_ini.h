/* config_ini.h - reading an ini file (with inih) into a list of entries, and
 * configparser-style interpolation of their values (%(here)s, %(key)s, %%),
 * plus ${NAME} environment variables.
 *
 * The model is Python's configparser as Alembic uses it, except that an
 * inline comment (`#` or `;` after a blank, but never the first character of
 * the value: `version_path_separator = ;` is a value) is not part of it.
 */
#ifndef ALD_CONFIG_INI_H
#define ALD_CONFIG_INI_H

#include "util.h"

struct ald_ini_entry {
	char *section; /* as written (section names are case-sensitive) */
	char *key;     /* lower-cased */
	char *value;   /* raw: trimmed, comments removed, continuation lines joined by '\n' */
	unsigned line; /* line of the key */
};

struct ald_ini {
	char *path;                 /* the file name used in messages */
	struct ald_ini_entry *v;
	size_t n, cap;
	struct ald_strvec sections; /* distinct section names, in order of appearance */
	/* hash tables (index + 1, 0: empty slot) of the entries by section and
	 * key, and of the sections by name: a large file stays linear to read */
	size_t *by_key, *by_section;
	size_t key_slots, section_slots; /* powers of two */
};

/* Parses `text` (the contents of `path`, which only names it in messages)
 * into *ini. On failure *ini is left empty. */
int ald__ini_parse(struct ald_ini *ini, const char *path, const char *text, size_t len);
void ald__ini_clear(struct ald_ini *ini);

/* Whether the file has the section ([DEFAULT] never counts, as in configparser). */
int ald__ini_has_section(const struct ald_ini *ini, const char *section);

/* The entry of `key` (lower case) in `section`, else in [DEFAULT], else NULL. */
const struct ald_ini_entry *ald__ini_lookup(const struct ald_ini *ini, const char *section,
					   const char *key);

/* The most bytes an expanded value may hold (interpolation of nested
 * references could otherwise grow without end). */
#define ALD_INI_MAX_VALUE (1 << 20)

/* The value of `e` with %(name)s (looked up in `section`, then [DEFAULT],
 * then `here`), %% and ${NAME} expanded; *out is the caller's. Errors name
 * the file and line of the value at fault: references nested more than 10
 * deep (configparser's limit; a loop ends there), or a result larger than
 * ALD_INI_MAX_VALUE (named by e's key and line). */
int ald__ini_expand(char **out, const struct ald_ini *ini, const char *section, const char *here,
		   const struct ald_ini_entry *e);

#endif
