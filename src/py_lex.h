/* py_lex.h - the pieces of a Python tokenizer shared by aludel's static
 * readers of Python files (revision_read_py.c: revision modules; envpy.c: env.py):
 * a cursor over the source that counts lines, line breaks, string literals
 * (prefixes, quotes, escapes, f-string replacement fields), comments and
 * backslash continuations. No Python is run.
 */
#ifndef ALD_PY_LEX_H
#define ALD_PY_LEX_H

#include <stddef.h>

#include "util.h"

/* A cursor over Python source text. */
struct ald_pylex {
	const char *path; /* names the file in messages */
	const char *t;
	size_t len, i;
	unsigned line; /* line of t[i], from 1 */
};

/* Prefix flags of a string literal. */
enum { ALD_PYSTR_RAW = 1, ALD_PYSTR_BYTES = 2, ALD_PYSTR_F = 4 };

/* The byte at offset k from the cursor, or -1 past the end. */
static inline int ald__py_at(const struct ald_pylex *lx, size_t k)
{
	return lx->i + k < lx->len ? (unsigned char)lx->t[lx->i + k] : -1;
}

static inline int ald__py_is_ident_start(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static inline int ald__py_is_ident_char(int c)
{
	return ald__py_is_ident_start(c) || (c >= '0' && c <= '9');
}

/* Length of a line break ("\n", "\r\n" or "\r") at offset k, or 0. */
size_t ald__py_newline_at(const struct ald_pylex *lx, size_t k);

/* Consumes a line break at the cursor (if any) and counts it; 1 if it did. */
int ald__py_eat_newline(struct ald_pylex *lx);

/* If a string literal (with its prefix) starts at the cursor, returns the
 * prefix length and sets *flags; otherwise -1. Only call at a token start
 * (not in the middle of an identifier). */
int ald__py_string_start(const struct ald_pylex *lx, unsigned *flags);

/* Reads one string literal whose prefix (of prefix_len bytes, as given by
 * ald__py_string_start) starts at the cursor, and moves past it. When `b` is
 * not NULL the value is appended to it: escapes decoded (unless raw), line
 * breaks as "\n"; for an f-string the text as written. An f-string's
 * replacement fields may hold strings with the same quotes (Python 3.12).
 * Fails with ALD_EINVALID "path:line: unterminated string". */
int ald__py_read_string(struct ald_pylex *lx, int prefix_len, unsigned flags, struct ald_buf *b);

/* Skips blanks, comments and backslash continuations; also line breaks when
 * `multiline` (inside brackets). */
void ald__py_skip_space(struct ald_pylex *lx, int multiline);

/* Whether the cursor is at the end of a simple statement (end of text, ';'
 * or a line break). */
int ald__py_at_statement_end(const struct ald_pylex *lx);

#endif
