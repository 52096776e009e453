/* py_lex.c - the shared pieces of a Python tokenizer (see py_lex.h): line
 * breaks, string literals with their escapes and f-string replacement
 * fields, comments and backslash continuations.
 */
#include "py_lex.h"
#include "error.h"

#include <string.h>

/* How deeply f-strings may nest inside each other's replacement fields
 * before the file is refused (Python itself allows far less). */
#define MAX_FSTRING_NESTING 64

size_t ald__py_newline_at(const struct ald_pylex *lx, size_t k)
{
	int c = ald__py_at(lx, k);
	if (c == '\n')
		return 1;
	if (c == '\r')
		return ald__py_at(lx, k + 1) == '\n' ? 2 : 1;
	return 0;
}

int ald__py_eat_newline(struct ald_pylex *lx)
{
	size_t n = ald__py_newline_at(lx, 0);
	if (n) {
		lx->i += n;
		lx->line++;
	}
	return n > 0;
}

int ald__py_string_start(const struct ald_pylex *lx, unsigned *flags)
{
	unsigned f = 0;
	size_t k = 0;
	for (; k < 3; k++) {
		int c = ald__py_at(lx, k);
		if (c == '\'' || c == '"')
			break;
		if (k == 2)
			return -1;
		switch (c | 0x20) {
		case 'r': f |= ALD_PYSTR_RAW; break;
		case 'u': break;
		case 'b': f |= ALD_PYSTR_BYTES; break;
		case 'f': f |= ALD_PYSTR_F; break;
		default: return -1;
		}
	}
	*flags = f;
	return (int)k;
}

static void put_utf8(struct ald_buf *b, unsigned long cp)
{
	char s[4];
	size_t n;
	if (cp < 0x80) {
		s[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		s[0] = (char)(0xc0 | (cp >> 6));
		s[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		s[0] = (char)(0xe0 | (cp >> 12));
		s[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		s[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		s[0] = (char)(0xf0 | ((cp >> 18) & 0x07));
		s[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		s[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		s[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	ald__buf_put(b, s, n);
}

/* Reads up to `max` digits of base `base` at offset k; returns how many. */
static size_t read_digits(const struct ald_pylex *lx, size_t k, size_t max, int base,
			  unsigned long *v)
{
	size_t n = 0;
	*v = 0;
	for (; n < max; n++) {
		int c = ald__py_at(lx, k + n), d;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			break;
		if (d >= base)
			break;
		*v = *v * (unsigned long)base + (unsigned long)d;
	}
	return n;
}

/* Decodes the escape sequence whose backslash is at the cursor (non-raw
 * strings), appending the result, and moves past it. */
static void decode_escape(struct ald_pylex *lx, struct ald_buf *b)
{
	static const char from[] = "\\'\"abfnrtv", to[] = "\\'\"\a\b\f\n\r\t\v";
	int c = ald__py_at(lx, 1);
	const char *k = c > 0 ? strchr(from, c) : NULL;
	unsigned long v;
	size_t n;
	if (k) {
		ald__buf_putc(b, to[k - from]);
		lx->i += 2;
	} else if (c >= '0' && c <= '7') {
		n = read_digits(lx, 1, 3, 8, &v);
		put_utf8(b, v);
		lx->i += 1 + n;
	} else if ((c == 'x' || c == 'u' || c == 'U') &&
		   read_digits(lx, 2, c == 'x' ? 2 : c == 'u' ? 4 : 8, 16, &v) ==
			   (size_t)(c == 'x' ? 2 : c == 'u' ? 4 : 8) &&
		   v <= 0x10ffff) {
		put_utf8(b, v);
		lx->i += 2 + (c == 'x' ? 2 : c == 'u' ? 4 : 8);
	} else {
		/* unknown escapes (and \N{...}) stay as written */
		ald__buf_putc(b, '\\');
		lx->i++;
	}
}

static int read_string(struct ald_pylex *lx, int prefix_len, unsigned flags, struct ald_buf *b,
		       unsigned nest);
static int skip_field(struct ald_pylex *lx, int q, int triple, unsigned nest);

/* Skips the format spec of an f-string replacement field, the ':' at the
 * cursor, up to and past the field's closing '}' (returns 1). Returns 0
 * early, the cursor left for the string's own loop, at the end of the text,
 * at the string's quote, or at a line break of a one-line string. */
static int skip_spec(struct ald_pylex *lx, int q, int triple, unsigned nest)
{
	lx->i++;
	for (;;) {
		int c = ald__py_at(lx, 0);
		if (c < 0 || c == q || (!triple && ald__py_newline_at(lx, 0)))
			return 0;
		if (ald__py_eat_newline(lx))
			continue;
		if (c == '}') {
			lx->i++;
			return 1;
		}
		if (c == '{') {
			int err = skip_field(lx, q, triple, nest);
			if (err < 0)
				return err;
		} else {
			lx->i++;
		}
	}
}

/* Skips an f-string replacement field whose '{' is at the cursor, up to and
 * past its closing '}'. The expression is tokenized: brackets nest and the
 * strings in it (any quotes) are read whole. Stops early, leaving the cursor
 * for the string's own loop, at the end of the text or at a line break of a
 * one-line string. */
static int skip_field(struct ald_pylex *lx, int q, int triple, unsigned nest)
{
	unsigned depth = 0, flags;
	int pre;
	lx->i++;
	for (;;) {
		int c = ald__py_at(lx, 0);
		if (c < 0 || (!triple && ald__py_newline_at(lx, 0)))
			return 0;
		if (ald__py_eat_newline(lx))
			continue;
		if (c == '#' && triple) {
			while (ald__py_at(lx, 0) >= 0 && !ald__py_newline_at(lx, 0))
				lx->i++;
		} else if (c == '(' || c == '[' || c == '{') {
			depth++;
			lx->i++;
		} else if (c == ')' || c == ']' || (c == '}' && depth > 0)) {
			depth -= depth > 0;
			lx->i++;
		} else if (c == '}') {
			lx->i++;
			return 0;
		} else if (c == ':' && depth == 0) {
			int r = skip_spec(lx, q, triple, nest);
			return r < 0 ? r : 0;
		} else if ((c == '\'' || c == '"' || ald__py_is_ident_start(c)) &&
			   (pre = ald__py_string_start(lx, &flags)) >= 0) {
			int err = read_string(lx, pre, flags, NULL, nest + 1);
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

/* A backslash at the cursor inside a string: a continuation (which vanishes
 * unless raw), an escape, or the end of the text (returns -1). */
static int string_backslash(struct ald_pylex *lx, unsigned flags, struct ald_buf *b)
{
	size_t nl = ald__py_newline_at(lx, 1);
	if (nl) {
		if (b && (flags & ALD_PYSTR_RAW))
			ald__buf_put(b, "\\\n", 2);
		lx->i += 1 + nl;
		lx->line++;
		return 0;
	}
	if (ald__py_at(lx, 1) < 0)
		return -1;
	if (!b) {
		lx->i += 2;
	} else if (flags & ALD_PYSTR_RAW) {
		ald__buf_put(b, lx->t + lx->i, 2);
		lx->i += 2;
	} else {
		decode_escape(lx, b);
	}
	return 0;
}

/* ald__py_read_string, `nest` f-strings deep. */
static int read_string(struct ald_pylex *lx, int prefix_len, unsigned flags, struct ald_buf *b,
		       unsigned nest)
{
	unsigned start_line = lx->line;
	int fstr = (flags & ALD_PYSTR_F) != 0;
	if (nest > MAX_FSTRING_NESTING)
		return ald__error_set(ALD_EINVALID, "%s:%u: f-strings nested too deeply", lx->path,
				     start_line);
	lx->i += (size_t)prefix_len;
	int q = ald__py_at(lx, 0);
	int triple = ald__py_at(lx, 1) == q && ald__py_at(lx, 2) == q;
	lx->i += triple ? 3 : 1;
	for (;;) {
		/* the ordinary characters in one run */
		size_t run = lx->i;
		while (lx->i < lx->len) {
			char ch = lx->t[lx->i];
			if (ch == q || ch == '\\' || ch == '\n' || ch == '\r' ||
			    (fstr && ch == '{'))
				break;
			lx->i++;
		}
		if (b && lx->i > run)
			ald__buf_put(b, lx->t + run, lx->i - run);
		int c = ald__py_at(lx, 0);
		if (c < 0)
			break;
		if (c == q) {
			if (!triple) {
				lx->i++;
				return 0;
			}
			if (ald__py_at(lx, 1) == q && ald__py_at(lx, 2) == q) {
				lx->i += 3;
				return 0;
			}
		}
		if (c == '\\') {
			if (string_backslash(lx, flags, b) < 0)
				break;
			continue;
		}
		if (c == '\n' || c == '\r') {
			if (!triple)
				break;
			ald__py_eat_newline(lx);
			if (b)
				ald__buf_putc(b, '\n');
			continue;
		}
		if (c == '{') {
			/* f-string: "{{" is a brace, otherwise a field, kept as written */
			size_t s = lx->i;
			int err = 0;
			if (ald__py_at(lx, 1) == '{')
				lx->i += 2;
			else
				err = skip_field(lx, q, triple, nest);
			if (err < 0)
				return err;
			if (b)
				ald__buf_put(b, lx->t + s, lx->i - s);
			continue;
		}
		/* a lone quote inside a triple-quoted string */
		if (b)
			ald__buf_putc(b, (char)c);
		lx->i++;
	}
	return ald__error_set(ALD_EINVALID, "%s:%u: unterminated string", lx->path, start_line);
}

int ald__py_read_string(struct ald_pylex *lx, int prefix_len, unsigned flags, struct ald_buf *b)
{
	return read_string(lx, prefix_len, flags, b, 0);
}

void ald__py_skip_space(struct ald_pylex *lx, int multiline)
{
	for (;;) {
		int c = ald__py_at(lx, 0);
		if (c == ' ' || c == '\t' || c == '\f') {
			lx->i++;
		} else if (c == '#') {
			while (ald__py_at(lx, 0) >= 0 && !ald__py_newline_at(lx, 0))
				lx->i++;
		} else if (c == '\\' && ald__py_newline_at(lx, 1)) {
			lx->i++;
			ald__py_eat_newline(lx);
		} else if (multiline && ald__py_newline_at(lx, 0)) {
			ald__py_eat_newline(lx);
		} else {
			return;
		}
	}
}

int ald__py_at_statement_end(const struct ald_pylex *lx)
{
	int c = ald__py_at(lx, 0);
	return c < 0 || c == ';' || ald__py_newline_at(lx, 0);
}
