/* revision_id.c - aludel's one rule for revision identifiers, checked wherever an
 * id enters: read from a native .sql header or an Alembic .py revision
 * (`revision`, the items of `down_revision`, the id items of `depends_on`) and
 * given to `revision --rev-id` / `merge --rev-id` (see revision_file.h).
 *
 * The rule: 1 to ALD_REVID_MAX (32) bytes, each an ASCII letter, digit or '_'.
 * 32 is the width of the version table's column (VARCHAR(32), as Alembic
 * creates it), so an id that passes can always be written there: nothing can
 * fail on the version row after a non-transactional revision's DDL has been
 * committed. Alembic itself refuses only '@', '-' and '+'; every id it
 * generates (12 hex digits) passes.
 */
#include "revision_file.h"
#include "error.h"

#include <stdlib.h>
#include <string.h>

static int id_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

/* Appends byte c as shown in messages: printable ASCII as itself, anything
 * else as \xNN (no control character or broken UTF-8 reaches a terminal). */
static void put_shown(struct ald_buf *b, unsigned char c)
{
	if (c >= 0x20 && c < 0x7f)
		ald__buf_putc(b, (char)c);
	else
		ald__buf_printf(b, "\\x%02x", c);
}

/* The id as quoted in messages: escaped as put_shown does, cut after 64 bytes. */
static char *shown_id(const char *id)
{
	struct ald_buf b = {0};
	size_t n = strlen(id);
	for (size_t i = 0; i < n && i < 64; i++)
		put_shown(&b, (unsigned char)id[i]);
	if (n > 64)
		ald__buf_puts(&b, "...");
	return ald__buf_detach(&b);
}

int ald__revid_valid(const char *id)
{
	size_t n = 0;
	for (; id[n]; n++)
		if (!id_char((unsigned char)id[n]))
			return 0;
	return n >= 1 && n <= ALD_REVID_MAX;
}

int ald__revid_check(const char *where, unsigned line, const char *id)
{
	if (ald__revid_valid(id))
		return 0;
	struct ald_buf pre = {0}, what = {0};
	if (line)
		ald__buf_printf(&pre, "%s:%u: ", where, line);
	else
		ald__buf_printf(&pre, "%s: ", where);
	char *shown = shown_id(id);
	size_t n = strlen(id);
	if (n == 0) {
		ald__buf_puts(&what, "empty revision identifier");
	} else {
		/* the distinct bad bytes in byte order, as Alembic lists the
		 * characters it refuses */
		unsigned char seen[256] = {0};
		for (size_t i = 0; i < n; i++)
			if (!id_char((unsigned char)id[i]))
				seen[(unsigned char)id[i]] = 1;
		struct ald_buf list = {0};
		for (unsigned c = 1; c < 256; c++) {
			if (!seen[c])
				continue;
			if (list.len)
				ald__buf_puts(&list, ", ");
			put_shown(&list, (unsigned char)c);
		}
		if (list.len)
			ald__buf_printf(&what, "Character(s) '%s' not allowed in revision identifier '%s'",
				       list.ptr, shown);
		else
			ald__buf_printf(&what, "revision identifier '%s' is %zu characters long", shown,
				       n);
		ald__buf_free(&list);
	}
	int err = ald__error_set(ALD_EINVALID,
				"%s%s (a revision identifier is 1 to %d ASCII letters, digits or '_')",
				ald__buf_cstr(&pre), ald__buf_cstr(&what), ALD_REVID_MAX);
	free(shown);
	ald__buf_free(&pre);
	ald__buf_free(&what);
	return err;
}

int ald__revfile_check_nul(const char *path, const char *text, size_t len)
{
	const char *nul = memchr(text, '\0', len);
	if (!nul)
		return 0;
	unsigned line = 1;
	for (const char *p = text; p < nul; p++) /* "\n", "\r\n" or a lone "\r" */
		line += *p == '\n' || (*p == '\r' && p[1] != '\n');
	return ald__error_set(ALD_EINVALID,
			     "%s:%u: NUL byte in the file (a revision file is text; a NUL would "
			     "cut what follows it)",
			     path, line);
}
