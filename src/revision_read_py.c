/* revision_read_py.c - reads an Alembic revision module statically, without Python.
 *
 * What is read: the module docstring (first statement), and the module-level
 * (column 0) assignments of `revision`, `down_revision`, `branch_labels` and
 * `depends_on`, optionally annotated, whose values must be literals: None, a
 * string (any quotes, r/u prefixes, escapes, implicit concatenation), or a
 * tuple or list of strings. Everything else in the file is only tokenized far
 * enough to find where logical lines end (strings, comments, brackets,
 * backslash continuations), so that function bodies are skipped; those
 * tokenizing pieces are py_lex.c's, shared with envpy.c.
 * The create date is taken from the "Create Date:" line of the docstring.
 */
#include "revision_file.h"
#include "error.h"
#include "py_lex.h"

#include <stdlib.h>
#include <string.h>

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
	struct ald_pylex lx;        /* the cursor */
	struct ald_revfile *rf;
	unsigned var_line[VAR_COUNT]; /* line of each variable's last assignment; 0 = none */
	char *doc;
};

/* Skips to the end of the logical line, or to a ';' outside brackets when
 * `at_semicolon`. Returns 1 when it stopped after a ';', 0 otherwise, or an
 * error for an unterminated string. */
static int skip_statement(struct py *p, int at_semicolon)
{
	unsigned depth = 0;
	for (;;) {
		int c = ald__py_at(&p->lx, 0);
		unsigned flags;
		int pre;
		if (c < 0)
			return 0;
		if (ald__py_newline_at(&p->lx, 0)) {
			ald__py_eat_newline(&p->lx);
			if (depth == 0)
				return 0;
		} else if (c == '#') {
			ald__py_skip_space(&p->lx, 0);
		} else if (c == '\\' && ald__py_newline_at(&p->lx, 1)) {
			ald__py_skip_space(&p->lx, 0);
		} else if (c == '(' || c == '[' || c == '{') {
			depth++;
			p->lx.i++;
		} else if (c == ')' || c == ']' || c == '}') {
			depth -= depth > 0;
			p->lx.i++;
		} else if (c == ';' && depth == 0 && at_semicolon) {
			p->lx.i++;
			return 1;
		} else if ((c == '\'' || c == '"' || ald__py_is_ident_start(c)) &&
			   (pre = ald__py_string_start(&p->lx, &flags)) >= 0) {
			int err = ald__py_read_string(&p->lx, pre, flags, NULL);
			if (err < 0)
				return err;
		} else if (ald__py_is_ident_char(c)) {
			while (ald__py_is_ident_char(ald__py_at(&p->lx, 0)))
				p->lx.i++;
		} else {
			p->lx.i++;
		}
	}
}

/* A short excerpt of the source at the cursor, for messages; caller frees. */
static char *excerpt(const struct py *p)
{
	size_t s = p->lx.i, e = s;
	while (e < p->lx.len && p->lx.t[e] != '\n' && p->lx.t[e] != '\r' && e - s < 40)
		e++;
	while (e > s && (p->lx.t[e - 1] == ' ' || p->lx.t[e - 1] == '\t'))
		e--;
	if (e == s)
		return ald__xstrdup("the end of the line");
	int cut = e < p->lx.len && p->lx.t[e] != '\n' && p->lx.t[e] != '\r';
	return ald__xasprintf("'%.*s%s'", (int)(e - s), p->lx.t + s, cut ? "..." : "");
}

/* The error for a value that is not a literal, quoting the source at the cursor. */
static int not_static(struct py *p, enum var var, const char *what)
{
	char *ex = excerpt(p);
	int err = ald__error_set(ALD_EINVALID, "%s:%u: cannot read %s statically: %s%s", p->lx.path,
				p->lx.line, var_names[var], ex, what);
	free(ex);
	return err;
}

/* A string whose escapes (\0, \x00, \u0000...) give a NUL character: a C
 * string would stop there, so it is refused rather than silently cut. */
static int nul_in_string(const struct py *p, unsigned line, const char *what)
{
	return ald__error_set(ALD_EINVALID,
			     "%s:%u: the %s holds a NUL character (an escape such as \\x00), "
			     "which aludel cannot keep",
			     p->lx.path, line, what);
}

/* Reads one string literal plus the ones implicitly concatenated to it. */
static int read_strings(struct py *p, enum var var, int multiline, struct ald_strvec *out)
{
	struct ald_buf b = {0};
	unsigned flags, line = p->lx.line;
	int pre;
	while ((pre = ald__py_string_start(&p->lx, &flags)) >= 0) {
		if (flags & (ALD_PYSTR_BYTES | ALD_PYSTR_F)) {
			ald__buf_free(&b);
			const char *what = flags & ALD_PYSTR_BYTES
						   ? " is a bytes literal, not a string"
						   : " is an f-string";
			return not_static(p, var, what);
		}
		int err = ald__py_read_string(&p->lx, pre, flags, &b);
		if (err < 0) {
			ald__buf_free(&b);
			return err;
		}
		ald__py_skip_space(&p->lx, multiline);
	}
	if (b.len && memchr(b.ptr, '\0', b.len)) {
		ald__buf_free(&b);
		return nul_in_string(p, line, var_names[var]);
	}
	ald__strvec_push(out, ald__buf_detach(&b));
	return 0;
}

static int read_atom(struct py *p, enum var var, int in_brackets, struct value *v);

/* Reads a parenthesised or bracketed value; the opener is at the cursor. */
static int read_brackets(struct py *p, enum var var, struct value *v)
{
	int close = ald__py_at(&p->lx, 0) == '(' ? ')' : ']';
	int comma = close == ']', n = 0, none = 0;
	p->lx.i++;
	for (;;) {
		ald__py_skip_space(&p->lx, 1);
		if (ald__py_at(&p->lx, 0) == close)
			break;
		struct value item = {0};
		int err = read_atom(p, var, 1, &item);
		if (err < 0)
			return err;
		n++;
		if (item.kind == V_NONE)
			none = 1;
		else
			ald__strvec_push(&v->items, item.items.v[0]);
		free(item.items.v);
		ald__py_skip_space(&p->lx, 1);
		if (ald__py_at(&p->lx, 0) == ',') {
			comma = 1;
			p->lx.i++;
		} else if (ald__py_at(&p->lx, 0) != close) {
			return not_static(p, var, close == ')' ? " where ',' or ')' was expected"
							       : " where ',' or ']' was expected");
		}
	}
	p->lx.i++;
	if (!comma && n == 1) {
		v->kind = none ? V_NONE : V_STR; /* a value in parentheses */
		return 0;
	}
	if (none)
		return ald__error_set(ALD_EINVALID,
				     "%s:%u: cannot read %s statically: None inside a %s",
				     p->lx.path, p->lx.line, var_names[var],
				     close == ')' ? "tuple" : "list");
	v->kind = V_SEQ;
	return 0;
}

/* Reads None, a string, or (outside brackets) a tuple or list of strings. */
static int read_atom(struct py *p, enum var var, int in_brackets, struct value *v)
{
	int c = ald__py_at(&p->lx, 0);
	unsigned flags;
	v->kind = V_NONE;
	if (c == 'N' && p->lx.i + 4 <= p->lx.len && memcmp(p->lx.t + p->lx.i, "None", 4) == 0 &&
	    !ald__py_is_ident_char(ald__py_at(&p->lx, 4))) {
		p->lx.i += 4;
		return 0;
	}
	if (ald__py_string_start(&p->lx, &flags) >= 0) {
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
	ald__py_skip_space(&p->lx, 0);
	int err = read_atom(p, var, 0, v);
	if (err < 0)
		return err;
	ald__py_skip_space(&p->lx, 0);
	if (ald__py_at(&p->lx, 0) != ',')
		return 0;
	if (v->kind != V_STR)
		return not_static(p, var, " follows a value that is not a string");
	v->kind = V_SEQ;
	while (ald__py_at(&p->lx, 0) == ',') {
		p->lx.i++;
		ald__py_skip_space(&p->lx, 0);
		if (ald__py_at_statement_end(&p->lx))
			break;
		struct value item = {0};
		if ((err = read_atom(p, var, 1, &item)) < 0)
			return err;
		if (item.kind != V_STR)
			return ald__error_set(ALD_EINVALID,
					     "%s:%u: cannot read %s statically: None inside a tuple",
					     p->lx.path, p->lx.line, var_names[var]);
		ald__strvec_push(&v->items, item.items.v[0]);
		free(item.items.v);
		ald__py_skip_space(&p->lx, 0);
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
			ald__strvec_free(&v->items);
			return ald__error_set(ALD_EINVALID,
					     "%s:%u: cannot read revision statically: it must be a "
					     "non-empty string",
					     p->lx.path, line);
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
			ald__strvec_free(&v->items);
			return ald__error_set(ALD_EINVALID, "%s:%u: empty string in %s", p->lx.path,
					     line, var_names[var]);
		}
	}
	ald__strvec_free(dst);
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
	p->lx.i++;
	for (;;) {
		ald__py_skip_space(&p->lx, depth > 0);
		int c = ald__py_at(&p->lx, 0);
		unsigned flags;
		int pre;
		if (c < 0 || (depth == 0 && ald__py_at_statement_end(&p->lx)))
			return 0;
		if (depth == 0 && c == '=' && ald__py_at(&p->lx, 1) != '=')
			return 0;
		if (c == '(' || c == '[' || c == '{')
			depth++;
		else if (c == ')' || c == ']' || c == '}')
			depth -= depth > 0;
		if ((c == '\'' || c == '"' || ald__py_is_ident_start(c)) &&
		    (pre = ald__py_string_start(&p->lx, &flags)) >= 0) {
			int err = ald__py_read_string(&p->lx, pre, flags, NULL);
			if (err < 0)
				return err;
		} else if (ald__py_is_ident_char(c)) {
			while (ald__py_is_ident_char(ald__py_at(&p->lx, 0)))
				p->lx.i++;
		} else {
			p->lx.i += c == '=' && ald__py_at(&p->lx, 1) == '=' ? 2 : 1;
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
	size_t s = p->lx.i;
	*more = 0;
	while (ald__py_is_ident_char(ald__py_at(&p->lx, 0)))
		p->lx.i++;
	size_t n = p->lx.i - s;
	int var = VAR_COUNT;
	for (int k = 0; k < VAR_COUNT && n > 0; k++)
		if (strlen(var_names[k]) == n && memcmp(var_names[k], p->lx.t + s, n) == 0)
			var = k;
	if (var == VAR_COUNT) {
		int r = skip_statement(p, !is_compound_keyword(p->lx.t + s, n));
		if (r < 0)
			return r;
		*more = r;
		return 0;
	}
	unsigned line = p->lx.line;
	ald__py_skip_space(&p->lx, 0);
	if (ald__py_at(&p->lx, 0) == ':') {
		int err = skip_annotation(p);
		if (err < 0)
			return err;
		if (ald__py_at(&p->lx, 0) != '=') /* a bare annotation assigns nothing */
			goto end;
	}
	size_t op = p->lx.i;
	while (ald__py_at(&p->lx, 0) > 0 && strchr("+-*/%@&|^<>", ald__py_at(&p->lx, 0)))
		p->lx.i++;
	if (ald__py_at(&p->lx, 0) == '=' && ald__py_at(&p->lx, 1) != '=' &&
	    is_augmented_op(p->lx.t + op, p->lx.i - op))
		return ald__error_set(ALD_EINVALID,
				     "%s:%u: cannot read %s statically: augmented assignment '%.*s='",
				     p->lx.path, p->lx.line, var_names[var], (int)(p->lx.i - op),
				     p->lx.t + op);
	if (ald__py_at(&p->lx, 0) == ',')
		return ald__error_set(ALD_EINVALID,
				     "%s:%u: cannot read %s statically: assigned by unpacking",
				     p->lx.path, p->lx.line, var_names[var]);
	if (p->lx.i != op || ald__py_at(&p->lx, 0) != '=' || ald__py_at(&p->lx, 1) == '=') {
		int r = skip_statement(p, 1); /* an expression that uses the name */
		if (r < 0)
			return r;
		*more = r;
		return 0;
	}
	p->lx.i++;
	struct value v = {0};
	int err = read_value(p, (enum var)var, &v);
	if (err < 0) {
		ald__strvec_free(&v.items);
		return err;
	}
	ald__py_skip_space(&p->lx, 0);
	if (!ald__py_at_statement_end(&p->lx)) {
		ald__strvec_free(&v.items);
		return not_static(p, (enum var)var, " follows the value");
	}
	if ((err = assign(p, (enum var)var, line, &v)) < 0)
		return err;
end:
	if (ald__py_at(&p->lx, 0) == ';') {
		p->lx.i++;
		*more = 1;
	} else {
		ald__py_eat_newline(&p->lx);
	}
	return 0;
}

/* Reads the module docstring if the first statement at the cursor is one;
 * otherwise leaves the cursor where it was. */
static int try_docstring(struct py *p)
{
	size_t i = p->lx.i;
	unsigned line = p->lx.line, flags;
	struct ald_buf b = {0};
	int pre;
	while ((pre = ald__py_string_start(&p->lx, &flags)) >= 0 &&
	       !(flags & (ALD_PYSTR_BYTES | ALD_PYSTR_F))) {
		int err = ald__py_read_string(&p->lx, pre, flags, &b);
		if (err < 0) {
			ald__buf_free(&b);
			return err;
		}
		ald__py_skip_space(&p->lx, 0);
	}
	if (b.ptr && ald__py_at_statement_end(&p->lx) && pre < 0) {
		if (memchr(b.ptr, '\0', b.len)) {
			ald__buf_free(&b);
			return nul_in_string(p, line, "docstring");
		}
		p->doc = ald__buf_detach(&b);
		return 0;
	}
	ald__buf_free(&b);
	p->lx.i = i;
	p->lx.line = line;
	return 0;
}

static int scan(struct py *p)
{
	int first = 1, err;
	if (p->lx.len >= 3 && memcmp(p->lx.t, "\xef\xbb\xbf", 3) == 0)
		p->lx.i = 3;
	while (p->lx.i < p->lx.len) {
		size_t ls = p->lx.i;
		while (ald__py_at(&p->lx, 0) == ' ' || ald__py_at(&p->lx, 0) == '\t' ||
		       ald__py_at(&p->lx, 0) == '\f')
			p->lx.i++;
		int c = ald__py_at(&p->lx, 0);
		if (c < 0)
			break;
		if (c == '#') {
			ald__py_skip_space(&p->lx, 0);
			continue;
		}
		if (ald__py_eat_newline(&p->lx))
			continue;
		if (first) {
			first = 0;
			if ((err = try_docstring(p)) < 0)
				return err;
		}
		if (p->lx.i > ls) { /* indented: inside a block */
			if ((err = skip_statement(p, 0)) < 0)
				return err;
			continue;
		}
		int more = 1;
		while (more) {
			if ((err = top_statement(p, &more)) < 0)
				return err;
			if (more)
				ald__py_skip_space(&p->lx, 0);
			if (more && ald__py_at_statement_end(&p->lx)) {
				ald__py_eat_newline(&p->lx);
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
	return ald__xstrndup(name, n - 3);
}

/* Alembic's rules once the module is read: the revision id (or the legacy
 * file name), down_revision required, self-loops; then aludel's id rule
 * (revision_id.c) for the id and each down revision. depends_on items are not
 * checked: one that breaks the rule can only name a branch label (no
 * revision has such an id), and Alembic puts no rule on labels. */
static int finish(struct py *p)
{
	struct ald_revfile *rf = p->rf;
	if (!rf->id) {
		rf->id = legacy_id(p->lx.path);
		if (!rf->id) {
			const char *name = strrchr(p->lx.path, '/');
			return ald__error_set(ALD_EINVALID,
					     "%s: Could not determine revision id from filename %s. Be "
					     "sure the 'revision' variable is declared inside the "
					     "script (please see 'Upgrading from Alembic 0.1 to 0.2' "
					     "in the documentation).",
					     p->lx.path, name ? name + 1 : p->lx.path);
		}
	}
	if (!p->var_line[VAR_DOWN])
		return ald__error_set(ALD_EINVALID, "%s: 'down_revision' is not declared in the script",
				     p->lx.path);
	if (ald__revfile_check_loops(rf, p->lx.path) < 0)
		return ALD_ECYCLE;
	int err = ald__revid_check(p->lx.path, rf->id_line, rf->id);
	for (size_t k = 0; err == 0 && k < rf->down.n; k++)
		err = ald__revid_check(p->lx.path, rf->down_line, rf->down.v[k]);
	return err;
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
		return e > s ? ald__xstrndup(s, (size_t)(e - s)) : NULL;
	}
	return NULL;
}

int ald__revfile_parse_py(struct ald_revfile *out, const char *path, const char *text, size_t len)
{
	memset(out, 0, sizeof(*out));
	out->kind = ALD_REVFILE_PY;
	out->path = ald__xstrdup(path);
	out->transactional = 1;
	struct py p = {.lx = {.path = path, .t = text, .len = len, .line = 1}, .rf = out};
	/* Python refuses source with NUL bytes too */
	int err = ald__revfile_check_nul(path, text, len);
	if (err == 0)
		err = scan(&p);
	if (err == 0)
		err = finish(&p);
	ald__revfile_set_doc(out, p.doc ? p.doc : ald__xstrdup(""));
	out->create_date = doc_create_date(out->doc);
	if (err < 0)
		ald__revfile_clear(out);
	return err;
}
