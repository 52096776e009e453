/* revision_sql_text.c - a revision's own upgrade or downgrade code as its file
 * holds it now (ald_revision_sql): a native revision's "-- migrate:" section,
 * or an Alembic revision's upgrade()/downgrade() function source, found with
 * the Python tokenizer (py_lex.c) without running Python. The TUI's preview
 * shows it; being one file read, it is fast at any project size.
 */
#include "error.h"
#include "project.h"
#include "py_lex.h"
#include "revision_file.h"

#include <stdlib.h>
#include <string.h>

/* Moves past the rest of the logical line at the cursor: strings (which may
 * span lines), comments, brackets and backslash continuations. */
static int skip_logical_line(struct ald_pylex *lx)
{
	unsigned depth = 0;
	for (;;) {
		int c = ald__py_at(lx, 0);
		unsigned flags;
		int pre;
		if (c < 0)
			return 0;
		if (ald__py_newline_at(lx, 0)) {
			ald__py_eat_newline(lx);
			if (depth == 0)
				return 0;
		} else if (c == '#' || (c == '\\' && ald__py_newline_at(lx, 1))) {
			ald__py_skip_space(lx, 0);
		} else if (c == '(' || c == '[' || c == '{') {
			depth++;
			lx->i++;
		} else if (c == ')' || c == ']' || c == '}') {
			depth -= depth > 0;
			lx->i++;
		} else if ((c == '\'' || c == '"' || ald__py_is_ident_start(c)) &&
			   (pre = ald__py_string_start(lx, &flags)) >= 0) {
			int err = ald__py_read_string(lx, pre, flags, NULL);
			if (err < 0)
				return err;
		} else if (ald__py_is_ident_char(c)) {
			while (ald__py_is_ident_char(ald__py_at(lx, 0)))
				lx->i++;
		} else {
			lx->i++;
		}
	}
}

/* Whether the text at the cursor is "def <name>(" (blanks allowed around). */
static int at_def(const struct ald_pylex *lx, const char *name)
{
	const char *s = lx->t + lx->i, *end = lx->t + lx->len;
	size_t n = strlen(name);
	if (end - s < 4 || memcmp(s, "def", 3) != 0 || (s[3] != ' ' && s[3] != '\t'))
		return 0;
	s += 4;
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	if ((size_t)(end - s) < n || memcmp(s, name, n) != 0)
		return 0;
	s += n;
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	return s < end && *s == '(';
}

/* Finds the module-level function `name`: [*start, *end) spans its def line
 * to the next statement at column 0 (decorators before the def are not
 * part of it); comment lines at column 0 and blank lines just before that
 * statement are left out. Returns 1 if found, 0 if not, or an error. */
static int find_function(const char *path, const char *t, size_t len, const char *name, size_t *start,
			 size_t *end)
{
	struct ald_pylex lx = {.path = path, .t = t, .len = len, .i = 0, .line = 1};
	int found = 0;
	while (lx.i < lx.len) {
		size_t line = lx.i, k = 0;
		int c;
		while ((c = ald__py_at(&lx, k)) == ' ' || c == '\t' || c == '\f')
			k++;
		int blank = c < 0 || c == '#' || ald__py_newline_at(&lx, k);
		if (!blank && k == 0) { /* a statement at module level */
			if (found) {
				*end = line;
				break;
			}
			if (at_def(&lx, name)) {
				found = 1;
				*start = line;
			}
		}
		int err = skip_logical_line(&lx);
		if (err < 0)
			return err;
	}
	if (!found)
		return 0;
	if (lx.i >= lx.len)
		*end = len;
	/* drop trailing blank lines and column-0 comments (they introduce what follows) */
	for (;;) {
		size_t e = *end;
		while (e > *start && (t[e - 1] == '\n' || t[e - 1] == '\r' || t[e - 1] == ' ' || t[e - 1] == '\t'))
			e--;
		size_t ls = e;
		while (ls > *start && t[ls - 1] != '\n' && t[ls - 1] != '\r')
			ls--;
		*end = e;
		if (ls == *start || t[ls] != '#')
			break;
		*end = ls;
	}
	return 1;
}

/* The text without its leading blank lines and trailing blanks, ending in one
 * line break (empty text stays empty). */
static char *trimmed_copy(const char *s, size_t n)
{
	size_t a = 0, line = 0;
	while (a < n && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r' || s[a] == '\n')) {
		a++;
		if (s[a - 1] == '\n')
			line = a;
	}
	a = line; /* keep the indentation of the first non-blank line */
	while (n > a && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	char *out = ald__xstrndup(s + a, n - a);
	if (n > a) {
		out = realloc(out, n - a + 2);
		if (!out)
			abort();
		out[n - a] = '\n';
		out[n - a + 1] = '\0';
	}
	return out;
}

static int python_function(char **out, const struct ald_revfile *rf, const char *text, size_t len, const char *name)
{
	size_t start = 0, end = 0;
	int found = find_function(rf->path, text, len, name, &start, &end);
	if (found < 0)
		return found;
	if (!found)
		return ald__error_set(ALD_ENOTFOUND, "%s: revision %s has no %s() function%s", rf->path, rf->id, name,
				     strcmp(name, "downgrade") == 0 ? ": it cannot be downgraded" : "");
	*out = trimmed_copy(text + start, end - start);
	return 0;
}

static int sql_section(char **out, const struct ald_revfile *now, const char *text, int downgrade)
{
	const struct ald_section *sec = downgrade ? &now->downgrade : &now->upgrade;
	if (!sec->present)
		return ald__error_set(ALD_ENOTFOUND,
				     downgrade ? "%s: revision %s cannot be downgraded: it has no \"-- migrate:downgrade\" "
						 "section"
					       : "%s: revision %s has no \"-- migrate:upgrade\" section",
				     now->path, now->id);
	*out = trimmed_copy(text + sec->offset, sec->length);
	return 0;
}

int ald_revision_sql(char **out, const ald_revision *r, int downgrade)
{
	const struct ald_revfile *rf = &r->rev->file;
	char *text = NULL;
	size_t len = 0;
	*out = NULL;
	struct ald_revfile now;
	int err = ald__revfile_reread(&now, &text, &len, rf);
	if (err == 0) {
		if (now.kind == ALD_REVFILE_PY)
			err = python_function(out, rf, text, len, downgrade ? "downgrade" : "upgrade");
		else
			err = sql_section(out, &now, text, downgrade);
		ald__revfile_clear(&now);
	}
	free(text);
	return err;
}
