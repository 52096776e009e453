/* rev_py.c - reads an Alembic revision module statically, without Python.
 *
 * What is read: the module docstring (first statement), and the module-level
 * (column 0) assignments of `revision`, `down_revision`, `branch_labels` and
 * `depends_on`, optionally annotated, whose values must be literals: None, a
 * string (any quotes, r/u prefixes, escapes, implicit concatenation), or a
 * tuple or list of strings. Everything else in the file is only tokenized far
 * enough to find where logical lines end (strings, comments, brackets,
 * backslash continuations), so that function bodies are skipped.
 * The create date is taken from the "Create Date:" line of the docstring.
 */
#include "revfile.h"
#include "error.h"

#include <stdlib.h>
#include <string.h>

enum { STR_RAW = 1, STR_BYTES = 2, STR_F = 4 };

enum var { VAR_REVISION, VAR_DOWN, VAR_LABELS, VAR_DEPENDS, VAR_COUNT };

static const char *const var_names[VAR_COUNT] = {
	"revision", "down_revision", "branch_labels", "depends_on",
};

/* The value of one assignment. */
enum value_kind { V_NONE, V_STR, V_SEQ };
struct value {
	enum value_kind kind;
	struct ald_strvec items; /* V_STR: one; V_SEQ: any number */
};

struct py {
	const char *path;
	const char *t;
	size_t len, i;
	unsigned line;              /* line of t[i] */
	struct ald_revfile *rf;
	unsigned var_line[VAR_COUNT]; /* line of each variable's last assignment; 0 = none */
	char *doc;
};

static int at(const struct py *p, size_t k)
{
	return p->i + k < p->len ? (unsigned char)p->t[p->i + k] : -1;
}

static int is_ident_start(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static int is_ident_char(int c)
{
	return is_ident_start(c) || (c >= '0' && c <= '9');
}

/* Length of a line break ("\n", "\r\n" or "\r") at offset k, or 0. */
static size_t newline_at(const struct py *p, size_t k)
{
	int c = at(p, k);
	if (c == '\n')
		return 1;
	if (c == '\r')
		return at(p, k + 1) == '\n' ? 2 : 1;
	return 0;
}

/* Consumes a line break at the cursor (if any) and counts it. */
static int eat_newline(struct py *p)
{
	size_t n = newline_at(p, 0);
	if (n) {
		p->i += n;
		p->line++;
	}
	return n > 0;
}

/* If a string literal (with its prefix) starts at the cursor, returns the
 * prefix length and sets *flags; otherwise -1. Only call at a token start. */
static int string_start(const struct py *p, unsigned *flags)
{
	unsigned f = 0;
	size_t k = 0;
	for (; k < 3; k++) {
		int c = at(p, k);
		if (c == '\'' || c == '"')
			break;
		if (k == 2)
			return -1;
		switch (c | 0x20) {
		case 'r': f |= STR_RAW; break;
		case 'u': break;
		case 'b': f |= STR_BYTES; break;
		case 'f': f |= STR_F; break;
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
	ald_buf_put(b, s, n);
}

/* Reads up to `max` digits of base `base` at offset k; returns how many. */
static size_t read_digits(const struct py *p, size_t k, size_t max, int base, unsigned long *v)
{
	size_t n = 0;
	*v = 0;
	for (; n < max; n++) {
		int c = at(p, k + n), d;
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
static void decode_escape(struct py *p, struct ald_buf *b)
{
	static const char from[] = "\\'\"abfnrtv", to[] = "\\'\"\a\b\f\n\r\t\v";
	int c = at(p, 1);
	const char *k = c > 0 ? strchr(from, c) : NULL;
	unsigned long v;
	size_t n;
	if (k) {
		ald_buf_putc(b, to[k - from]);
		p->i += 2;
	} else if (c >= '0' && c <= '7') {
		n = read_digits(p, 1, 3, 8, &v);
		put_utf8(b, v);
		p->i += 1 + n;
	} else if ((c == 'x' || c == 'u' || c == 'U') &&
		   read_digits(p, 2, c == 'x' ? 2 : c == 'u' ? 4 : 8, 16, &v) ==
			   (size_t)(c == 'x' ? 2 : c == 'u' ? 4 : 8) &&
		   v <= 0x10ffff) {
		put_utf8(b, v);
		p->i += 2 + (c == 'x' ? 2 : c == 'u' ? 4 : 8);
	} else {
		/* unknown escapes (and \N{...}) stay as written */
		ald_buf_putc(b, '\\');
		p->i++;
	}
}

/* Reads one string literal whose prefix starts at the cursor, appending its
 * value to `b` (when not NULL). Line breaks in the value become "\n". */
static int read_string(struct py *p, int prefix_len, unsigned flags, struct ald_buf *b)
{
	unsigned start_line = p->line;
	p->i += (size_t)prefix_len;
	int q = at(p, 0);
	int triple = at(p, 1) == q && at(p, 2) == q;
	p->i += triple ? 3 : 1;
	for (;;) {
		/* the ordinary characters in one run */
		size_t run = p->i;
		while (p->i < p->len) {
			char ch = p->t[p->i];
			if (ch == q || ch == '\\' || ch == '\n' || ch == '\r')
				break;
			p->i++;
		}
		if (b && p->i > run)
			ald_buf_put(b, p->t + run, p->i - run);
		int c = at(p, 0);
		if (c < 0)
			break;
		if (c == q) {
			if (!triple) {
				p->i++;
				return 0;
			}
			if (at(p, 1) == q && at(p, 2) == q) {
				p->i += 3;
				return 0;
			}
		}
		if (c == '\\') {
			size_t nl = newline_at(p, 1);
			if (nl) {
				/* a continuation inside the string: both vanish unless raw */
				if (b && (flags & STR_RAW))
					ald_buf_put(b, "\\\n", 2);
				p->i += 1 + nl;
				p->line++;
				continue;
			}
			if (at(p, 1) < 0)
				break;
			if (!b)
				p->i += 2;
			else if (flags & STR_RAW) {
				ald_buf_put(b, p->t + p->i, 2);
				p->i += 2;
			} else {
				decode_escape(p, b);
			}
			continue;
		}
		if (c == '\n' || c == '\r') {
			if (!triple)
				break;
			eat_newline(p);
			if (b)
				ald_buf_putc(b, '\n');
			continue;
		}
		/* a lone quote inside a triple-quoted string */
		if (b)
			ald_buf_putc(b, (char)c);
		p->i++;
	}
	return ald_error_set(ALD_EINVALID, "%s:%u: unterminated string", p->path, start_line);
}

/* Skips blanks, comments and backslash continuations; also line breaks when
 * `multiline` (inside brackets). */
static void skip_space(struct py *p, int multiline)
{
	for (;;) {
		int c = at(p, 0);
		if (c == ' ' || c == '\t' || c == '\f') {
			p->i++;
		} else if (c == '#') {
			while (at(p, 0) >= 0 && !newline_at(p, 0))
				p->i++;
		} else if (c == '\\' && newline_at(p, 1)) {
			p->i++;
			eat_newline(p);
		} else if (multiline && newline_at(p, 0)) {
			eat_newline(p);
		} else {
			return;
		}
	}
}

/* Whether the cursor is at the end of a simple statement. */
static int at_statement_end(const struct py *p)
{
	int c = at(p, 0);
	return c < 0 || c == ';' || newline_at(p, 0);
}

/* Skips to the end of the logical line, or to a ';' outside brackets when
 * `at_semicolon`. Returns 1 when it stopped after a ';', 0 otherwise, or an
 * error for an unterminated string. */
static int skip_statement(struct py *p, int at_semicolon)
{
	unsigned depth = 0;
	for (;;) {
		int c = at(p, 0);
		unsigned flags;
		int pre;
		if (c < 0)
			return 0;
		if (newline_at(p, 0)) {
			eat_newline(p);
			if (depth == 0)
				return 0;
		} else if (c == '#') {
			skip_space(p, 0);
		} else if (c == '\\' && newline_at(p, 1)) {
			skip_space(p, 0);
		} else if (c == '(' || c == '[' || c == '{') {
			depth++;
			p->i++;
		} else if (c == ')' || c == ']' || c == '}') {
			depth -= depth > 0;
			p->i++;
		} else if (c == ';' && depth == 0 && at_semicolon) {
			p->i++;
			return 1;
		} else if ((c == '\'' || c == '"' || is_ident_start(c)) &&
			   (pre = string_start(p, &flags)) >= 0) {
			int err = read_string(p, pre, flags, NULL);
			if (err < 0)
				return err;
		} else if (is_ident_char(c)) {
			while (is_ident_char(at(p, 0)))
				p->i++;
		} else {
			p->i++;
		}
	}
}

/* A short excerpt of the source at the cursor, for messages; caller frees. */
static char *excerpt(const struct py *p)
{
	size_t s = p->i, e = s;
	while (e < p->len && p->t[e] != '\n' && p->t[e] != '\r' && e - s < 40)
		e++;
	while (e > s && (p->t[e - 1] == ' ' || p->t[e - 1] == '\t'))
		e--;
	if (e == s)
		return ald_xstrdup("the end of the line");
	return ald_xasprintf("'%.*s%s'", (int)(e - s), p->t + s,
			     e < p->len && p->t[e] != '\n' && p->t[e] != '\r' ? "..." : "");
}

/* The error for a value that is not a literal, quoting the source at the cursor. */
static int not_static(struct py *p, enum var var, const char *what)
{
	char *ex = excerpt(p);
	int err = ald_error_set(ALD_EINVALID, "%s:%u: cannot read %s statically: %s%s", p->path,
				p->line, var_names[var], ex, what);
	free(ex);
	return err;
}

/* Reads one string literal plus the ones implicitly concatenated to it. */
static int read_strings(struct py *p, enum var var, int multiline, struct ald_strvec *out)
{
	struct ald_buf b = {0};
	unsigned flags;
	int pre;
	while ((pre = string_start(p, &flags)) >= 0) {
		if (flags & (STR_BYTES | STR_F)) {
			ald_buf_free(&b);
			return not_static(p, var, flags & STR_BYTES ? " is a bytes literal, not a string"
								    : " is an f-string");
		}
		int err = read_string(p, pre, flags, &b);
		if (err < 0) {
			ald_buf_free(&b);
			return err;
		}
		skip_space(p, multiline);
	}
	ald_strvec_push(out, ald_buf_detach(&b));
	return 0;
}

static int read_atom(struct py *p, enum var var, int in_brackets, struct value *v);

/* Reads a parenthesised or bracketed value; the opener is at the cursor. */
static int read_brackets(struct py *p, enum var var, struct value *v)
{
	int close = at(p, 0) == '(' ? ')' : ']';
	int comma = close == ']', n = 0, none = 0;
	p->i++;
	for (;;) {
		skip_space(p, 1);
		if (at(p, 0) == close)
			break;
		struct value item = {0};
		int err = read_atom(p, var, 1, &item);
		if (err < 0)
			return err;
		n++;
		if (item.kind == V_NONE)
			none = 1;
		else
			ald_strvec_push(&v->items, item.items.v[0]);
		free(item.items.v);
		skip_space(p, 1);
		if (at(p, 0) == ',') {
			comma = 1;
			p->i++;
		} else if (at(p, 0) != close) {
			return not_static(p, var, close == ')' ? " where ',' or ')' was expected"
							       : " where ',' or ']' was expected");
		}
	}
	p->i++;
	if (!comma && n == 1) {
		v->kind = none ? V_NONE : V_STR; /* a value in parentheses */
		return 0;
	}
	if (none)
		return ald_error_set(ALD_EINVALID,
				     "%s:%u: cannot read %s statically: None inside a %s", p->path,
				     p->line, var_names[var], close == ')' ? "tuple" : "list");
	v->kind = V_SEQ;
	return 0;
}

/* Reads None, a string, or (outside brackets) a tuple or list of strings. */
static int read_atom(struct py *p, enum var var, int in_brackets, struct value *v)
{
	int c = at(p, 0);
	unsigned flags;
	v->kind = V_NONE;
	if (c == 'N' && p->i + 4 <= p->len && memcmp(p->t + p->i, "None", 4) == 0 &&
	    !is_ident_char(at(p, 4))) {
		p->i += 4;
		return 0;
	}
	if (string_start(p, &flags) >= 0) {
		v->kind = V_STR;
		return read_strings(p, var, in_brackets, &v->items);
	}
	if ((c == '(' || c == '[') && !in_brackets)
		return read_brackets(p, var, v);
	if (c == '(' || c == '[')
		return not_static(p, var, " is a nested tuple or list");
	return not_static(p, var, " is not None, a string, or a tuple or list of strings");
}

/* Reads the value of an assignment: an atom, or a bare tuple `'a', 'b'`. */
static int read_value(struct py *p, enum var var, struct value *v)
{
	skip_space(p, 0);
	int err = read_atom(p, var, 0, v);
	if (err < 0)
		return err;
	skip_space(p, 0);
	if (at(p, 0) != ',')
		return 0;
	if (v->kind != V_STR)
		return not_static(p, var, " follows a value that is not a string");
	v->kind = V_SEQ;
	while (at(p, 0) == ',') {
		p->i++;
		skip_space(p, 0);
		if (at_statement_end(p))
			break;
		struct value item = {0};
		if ((err = read_atom(p, var, 1, &item)) < 0)
			return err;
		if (item.kind != V_STR)
			return ald_error_set(ALD_EINVALID,
					     "%s:%u: cannot read %s statically: None inside a tuple",
					     p->path, p->line, var_names[var]);
		ald_strvec_push(&v->items, item.items.v[0]);
		free(item.items.v);
		skip_space(p, 0);
	}
	return 0;
}

/* Stores the value read for `var` (a later assignment replaces an earlier one). */
static int assign(struct py *p, enum var var, unsigned line, struct value *v)
{
	struct ald_revfile *rf = p->rf;
	struct ald_strvec *dst = NULL;
	unsigned *dst_line = NULL;
	switch (var) {
	case VAR_REVISION:
		if (v->kind != V_STR || !*v->items.v[0]) {
			ald_strvec_free(&v->items);
			return ald_error_set(ALD_EINVALID,
					     "%s:%u: cannot read revision statically: it must be a "
					     "non-empty string",
					     p->path, line);
		}
		free(rf->id);
		rf->id = v->items.v[0];
		rf->id_line = line;
		free(v->items.v);
		p->var_line[var] = line;
		return 0;
	case VAR_DOWN: dst = &rf->down; dst_line = &rf->down_line; break;
	case VAR_LABELS: dst = &rf->labels; break;
	case VAR_DEPENDS: dst = &rf->depends; dst_line = &rf->depends_line; break;
	default: break;
	}
	for (size_t k = 0; k < v->items.n; k++) {
		if (!*v->items.v[k]) {
			ald_strvec_free(&v->items);
			return ald_error_set(ALD_EINVALID, "%s:%u: empty string in %s", p->path, line,
					     var_names[var]);
		}
	}
	ald_strvec_free(dst);
	*dst = v->items;
	if (dst_line)
		*dst_line = line;
	p->var_line[var] = line;
	return 0;
}

static int is_augmented_op(const char *s, size_t n)
{
	static const char *const ops[] = {"+", "-", "*", "/", "//", "%", "@", "&", "|", "^",
					  ">>", "<<", "**"};
	for (size_t k = 0; k < sizeof(ops) / sizeof(ops[0]); k++)
		if (strlen(ops[k]) == n && memcmp(ops[k], s, n) == 0)
			return 1;
	return 0;
}

/* Skips an annotation (`: Union[str, None]`), stopping at its '=' or at the
 * end of the statement. */
static int skip_annotation(struct py *p)
{
	unsigned depth = 0;
	p->i++;
	for (;;) {
		skip_space(p, depth > 0);
		int c = at(p, 0);
		unsigned flags;
		int pre;
		if (c < 0 || (depth == 0 && at_statement_end(p)))
			return 0;
		if (depth == 0 && c == '=' && at(p, 1) != '=')
			return 0;
		if (c == '(' || c == '[' || c == '{')
			depth++;
		else if (c == ')' || c == ']' || c == '}')
			depth -= depth > 0;
		if ((c == '\'' || c == '"' || is_ident_start(c)) && (pre = string_start(p, &flags)) >= 0) {
			int err = read_string(p, pre, flags, NULL);
			if (err < 0)
				return err;
		} else if (is_ident_char(c)) {
			while (is_ident_char(at(p, 0)))
				p->i++;
		} else {
			p->i += c == '=' && at(p, 1) == '=' ? 2 : 1;
		}
	}
}

static int is_compound_keyword(const char *s, size_t n)
{
	static const char *const kw[] = {"if",  "elif",   "else",    "for",   "while",
					 "with", "def",   "class",   "try",   "except",
					 "finally", "async"};
	for (size_t k = 0; k < sizeof(kw) / sizeof(kw[0]); k++)
		if (strlen(kw[k]) == n && memcmp(kw[k], s, n) == 0)
			return 1;
	return 0;
}

/* Reads one simple statement at module level. *more is set when a ';'
 * follows and another statement starts on the same line. */
static int top_statement(struct py *p, int *more)
{
	size_t s = p->i;
	*more = 0;
	while (is_ident_char(at(p, 0)))
		p->i++;
	size_t n = p->i - s;
	int var = VAR_COUNT;
	for (int k = 0; k < VAR_COUNT && n > 0; k++)
		if (strlen(var_names[k]) == n && memcmp(var_names[k], p->t + s, n) == 0)
			var = k;
	if (var == VAR_COUNT) {
		int r = skip_statement(p, !is_compound_keyword(p->t + s, n));
		if (r < 0)
			return r;
		*more = r;
		return 0;
	}
	unsigned line = p->line;
	skip_space(p, 0);
	if (at(p, 0) == ':') {
		int err = skip_annotation(p);
		if (err < 0)
			return err;
		if (at(p, 0) != '=') /* a bare annotation assigns nothing */
			goto end;
	}
	size_t op = p->i;
	while (at(p, 0) > 0 && strchr("+-*/%@&|^<>", at(p, 0)))
		p->i++;
	if (at(p, 0) == '=' && at(p, 1) != '=' && is_augmented_op(p->t + op, p->i - op))
		return ald_error_set(ALD_EINVALID,
				     "%s:%u: cannot read %s statically: augmented assignment '%.*s='",
				     p->path, p->line, var_names[var], (int)(p->i - op), p->t + op);
	if (at(p, 0) == ',')
		return ald_error_set(ALD_EINVALID,
				     "%s:%u: cannot read %s statically: assigned by unpacking",
				     p->path, p->line, var_names[var]);
	if (p->i != op || at(p, 0) != '=' || at(p, 1) == '=') {
		int r = skip_statement(p, 1); /* an expression that uses the name */
		if (r < 0)
			return r;
		*more = r;
		return 0;
	}
	p->i++;
	struct value v = {0};
	int err = read_value(p, (enum var)var, &v);
	if (err < 0) {
		ald_strvec_free(&v.items);
		return err;
	}
	skip_space(p, 0);
	if (!at_statement_end(p)) {
		ald_strvec_free(&v.items);
		return not_static(p, (enum var)var, " follows the value");
	}
	if ((err = assign(p, (enum var)var, line, &v)) < 0)
		return err;
end:
	if (at(p, 0) == ';') {
		p->i++;
		*more = 1;
	} else {
		eat_newline(p);
	}
	return 0;
}

/* Reads the module docstring if the first statement at the cursor is one;
 * otherwise leaves the cursor where it was. */
static int try_docstring(struct py *p)
{
	size_t i = p->i;
	unsigned line = p->line, flags;
	struct ald_buf b = {0};
	int pre;
	while ((pre = string_start(p, &flags)) >= 0 && !(flags & (STR_BYTES | STR_F))) {
		int err = read_string(p, pre, flags, &b);
		if (err < 0) {
			ald_buf_free(&b);
			return err;
		}
		skip_space(p, 0);
	}
	if (b.ptr && at_statement_end(p) && pre < 0) {
		p->doc = ald_buf_detach(&b);
		return 0;
	}
	ald_buf_free(&b);
	p->i = i;
	p->line = line;
	return 0;
}

static int scan(struct py *p)
{
	int first = 1, err;
	if (p->len >= 3 && memcmp(p->t, "\xef\xbb\xbf", 3) == 0)
		p->i = 3;
	while (p->i < p->len) {
		size_t ls = p->i;
		while (at(p, 0) == ' ' || at(p, 0) == '\t' || at(p, 0) == '\f')
			p->i++;
		int c = at(p, 0);
		if (c < 0)
			break;
		if (c == '#') {
			skip_space(p, 0);
			continue;
		}
		if (eat_newline(p))
			continue;
		if (first) {
			first = 0;
			if ((err = try_docstring(p)) < 0)
				return err;
		}
		if (p->i > ls) { /* indented: inside a block */
			if ((err = skip_statement(p, 0)) < 0)
				return err;
			continue;
		}
		int more = 1;
		while (more) {
			if ((err = top_statement(p, &more)) < 0)
				return err;
			if (more)
				skip_space(p, 0);
			if (more && at_statement_end(p)) {
				eat_newline(p);
				more = 0;
			}
		}
	}
	return 0;
}

/* The id of a legacy file named <hex>.py, or NULL. */
static char *legacy_id(const char *path)
{
	const char *name = strrchr(path, '/');
	name = name ? name + 1 : path;
	size_t n = strlen(name);
	if (n <= 3 || strcmp(name + n - 3, ".py") != 0)
		return NULL;
	for (size_t k = 0; k < n - 3; k++)
		if (!((name[k] >= '0' && name[k] <= '9') || (name[k] >= 'a' && name[k] <= 'f')))
			return NULL;
	return ald_xstrndup(name, n - 3);
}

/* Alembic's rules once the module is read: the revision id (or the legacy
 * file name), down_revision required, self-loops, then the id's characters. */
static int finish(struct py *p)
{
	struct ald_revfile *rf = p->rf;
	if (!rf->id) {
		rf->id = legacy_id(p->path);
		if (!rf->id) {
			const char *name = strrchr(p->path, '/');
			return ald_error_set(ALD_EINVALID,
					     "%s: Could not determine revision id from filename %s. Be "
					     "sure the 'revision' variable is declared inside the "
					     "script (please see 'Upgrading from Alembic 0.1 to 0.2' "
					     "in the documentation).",
					     p->path, name ? name + 1 : p->path);
		}
	}
	if (!p->var_line[VAR_DOWN])
		return ald_error_set(ALD_EINVALID, "%s: 'down_revision' is not declared in the script",
				     p->path);
	if (ald_revfile_check_loops(rf, p->path) < 0)
		return ALD_ECYCLE;
	return ald_revfile_check_name(p->path, rf->id_line, rf->id, "revision identifier");
}

/* The "Create Date: ..." line Alembic writes into the docstring, or NULL. */
static char *doc_create_date(const char *doc)
{
	static const char key[] = "Create Date:";
	for (const char *l = doc; l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		if (strncmp(l, key, sizeof(key) - 1) != 0)
			continue;
		const char *s = l + sizeof(key) - 1, *e = strchr(s, '\n');
		if (!e)
			e = s + strlen(s);
		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
			e--;
		return e > s ? ald_xstrndup(s, (size_t)(e - s)) : NULL;
	}
	return NULL;
}

int ald_revfile_parse_py(struct ald_revfile *out, const char *path, const char *text, size_t len)
{
	memset(out, 0, sizeof(*out));
	out->kind = ALD_REVFILE_PY;
	out->path = ald_xstrdup(path);
	out->transactional = 1;
	struct py p = {.path = path, .t = text, .len = len, .line = 1, .rf = out};
	int err = scan(&p);
	if (err == 0)
		err = finish(&p);
	ald_revfile_set_doc(out, p.doc ? p.doc : ald_xstrdup(""));
	out->create_date = doc_create_date(out->doc);
	if (err < 0)
		ald_revfile_clear(out);
	return err;
}
