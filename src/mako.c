/* mako.c - the script.py.mako renderer (see mako.h).
 *
 * Two passes: the template is cut into a tree of nodes (text, ${...}, for
 * loops, assignments), so that a construct outside the subset fails before
 * anything is rendered; then the tree is rendered. Expressions are parsed
 * and evaluated in one recursive descent over their tokens; an operand that
 * Python would not evaluate (the other branch of `a if c else b`, the right
 * side of a decided `and`/`or`) is parsed in "skip" mode, where nothing is
 * computed and nothing but syntax can fail.
 *
 * Values are Python's as far as the templates see them: None, True/False,
 * str, tuples and lists of str, Mako's UNDEFINED, and the objects config,
 * context and re with the one method of each that the templates call.
 */
#include "mako.h"
#include "error.h"
#include "revision_write.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ values */

enum vkind { V_UNDEF, V_NONE, V_BOOL, V_STR, V_TUPLE, V_LIST, V_CONFIG, V_CONTEXT, V_RE, V_FUNC };

struct val {
	enum vkind k;
	char *s;                 /* V_STR: the text; V_FUNC: its name ("repr", "re.split", ...) */
	int b;                   /* V_BOOL */
	struct ald_strvec items; /* V_TUPLE, V_LIST */
};

static void val_free(struct val *v)
{
	free(v->s);
	ald__strvec_free(&v->items);
	memset(v, 0, sizeof(*v));
}

static struct val val_copy(const struct val *v)
{
	struct val c = {.k = v->k, .b = v->b, .s = v->s ? ald__xstrdup(v->s) : NULL};
	for (size_t i = 0; i < v->items.n; i++)
		ald__strvec_pushdup(&c.items, v->items.v[i]);
	return c;
}

static struct val val_str(char *owned)
{
	return (struct val){.k = V_STR, .s = owned};
}

static struct val val_func(const char *name)
{
	return (struct val){.k = V_FUNC, .s = ald__xstrdup(name)};
}

/* None, a str, or a sequence of str (kind V_TUPLE or V_LIST), from a list
 * that Alembic passes as None (empty), the one element (when `scalar`), or
 * the sequence. */
static struct val val_seq(const char *const *v, size_t n, enum vkind kind, int scalar)
{
	if (n == 0)
		return (struct val){.k = V_NONE};
	if (n == 1 && scalar)
		return val_str(ald__xstrdup(v[0]));
	struct val r = {.k = kind};
	for (size_t i = 0; i < n; i++)
		ald__strvec_pushdup(&r.items, v[i]);
	return r;
}

static const char *type_name(const struct val *v)
{
	static const char *const names[] = {"Undefined", "NoneType", "bool", "str", "tuple",
					    "list", "Config", "Context", "module", "function"};
	return names[v->k];
}

static int truthy(const struct val *v)
{
	switch (v->k) {
	case V_UNDEF:
	case V_NONE:
		return 0;
	case V_BOOL:
		return v->b;
	case V_STR:
		return *v->s != '\0';
	case V_TUPLE:
	case V_LIST:
		return v->items.n > 0;
	default:
		return 1;
	}
}

/* ---------------------------------------------------------------- the state */

struct node;
struct nodes {
	struct node **v;
	size_t n, cap;
};

enum nkind { N_TEXT, N_EXPR, N_FOR, N_ASSIGN };

struct node {
	enum nkind k;
	unsigned line;
	char *text;    /* N_TEXT: the text; N_EXPR, N_ASSIGN: the expression; N_FOR: the iterable */
	char *filters; /* N_EXPR: what follows '|', or NULL */
	char *name;    /* N_FOR: the loop variable; N_ASSIGN: the variable */
	struct nodes body; /* N_FOR */
};

struct local {
	char *name;
	struct val v;
};

struct mako {
	const char *path;
	const struct ald_mako_vars *vars;
	int re_imported;
	struct local *locals;
	size_t n_locals, cap_locals;
	struct ald_buf out;
};

static int fail(const struct mako *m, unsigned line, const char *fmt, ...) ALD_ATTR_PRINTF(3, 4);
static int fail(const struct mako *m, unsigned line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = ald__xvasprintf(fmt, ap);
	va_end(ap);
	int error = ald__error_set(ALD_EINVALID, "%s:%u: %s", m->path, line, msg);
	free(msg);
	return error;
}

static void nodes_push(struct nodes *l, struct node *n)
{
	l->v = ald__xgrow(l->v, &l->cap, l->n + 1, sizeof(*l->v));
	l->v[l->n++] = n;
}

static void nodes_free(struct nodes *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct node *n = l->v[i];
		free(n->text);
		free(n->filters);
		free(n->name);
		nodes_free(&n->body);
		free(n);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static struct node *new_node(enum nkind k, unsigned line)
{
	struct node *n = ald__xcalloc(1, sizeof(*n));
	n->k = k;
	n->line = line;
	return n;
}

static struct local *find_local(struct mako *m, const char *name)
{
	for (size_t i = 0; i < m->n_locals; i++)
		if (ald__streq(m->locals[i].name, name))
			return &m->locals[i];
	return NULL;
}

/* Binds name to v (taken over). */
static void set_local(struct mako *m, const char *name, struct val v)
{
	struct local *l = find_local(m, name);
	if (!l) {
		m->locals = ald__xgrow(m->locals, &m->cap_locals, m->n_locals + 1, sizeof(*m->locals));
		l = &m->locals[m->n_locals++];
		l->name = ald__xstrdup(name);
	} else {
		val_free(&l->v);
	}
	l->v = v;
}

/* ------------------------------------------------------- str() and repr() */

static int to_repr(const struct mako *m, unsigned line, const struct val *v, struct ald_buf *b);

static void repr_items(const struct val *v, struct ald_buf *b)
{
	ald__buf_putc(b, v->k == V_TUPLE ? '(' : '[');
	for (size_t i = 0; i < v->items.n; i++) {
		char *r = ald__py_repr(v->items.v[i]);
		ald__buf_printf(b, "%s%s", i ? ", " : "", r);
		free(r);
	}
	if (v->k == V_TUPLE && v->items.n == 1)
		ald__buf_putc(b, ',');
	ald__buf_putc(b, v->k == V_TUPLE ? ')' : ']');
}

/* Python's str(v), appended to b. */
static int to_str(const struct mako *m, unsigned line, const struct val *v, struct ald_buf *b)
{
	if (v->k == V_STR) {
		ald__buf_puts(b, v->s);
		return 0;
	}
	return to_repr(m, line, v, b);
}

static int to_repr(const struct mako *m, unsigned line, const struct val *v, struct ald_buf *b)
{
	switch (v->k) {
	case V_NONE:
		ald__buf_puts(b, "None");
		return 0;
	case V_BOOL:
		ald__buf_puts(b, v->b ? "True" : "False");
		return 0;
	case V_STR: {
		char *r = ald__py_repr(v->s);
		ald__buf_puts(b, r);
		free(r);
		return 0;
	}
	case V_TUPLE:
	case V_LIST:
		repr_items(v, b);
		return 0;
	case V_UNDEF:
		return fail(m, line, "an undefined name is rendered (Mako: NameError: Undefined)");
	default:
		return fail(m, line, "rendering a %s object is not supported by aludel's script.py.mako "
				     "renderer", type_name(v));
	}
}

/* ---------------------------------------------------------- expressions */

enum tkind { T_END, T_NAME, T_STR, T_OP };

struct parser {
	struct mako *m;
	unsigned line;
	const char *expr; /* the whole expression, for messages */
	const char *p;    /* the next character */
	enum tkind tk;    /* the current token */
	char *tok;        /* T_NAME: the name; T_STR: the decoded string; T_OP: the character */
	const char *tok_start; /* where the current token starts */
	int skip;         /* > 0: parse only (an operand Python would not evaluate) */
};

static int unsupported(struct parser *ps, const char *what)
{
	return fail(ps->m, ps->line, "%s in `%s` is not supported by aludel's script.py.mako renderer",
		    what, ps->expr);
}

/* Appends code point c to b as UTF-8. */
static void put_utf8(struct ald_buf *b, unsigned long c)
{
	if (c < 0x80) {
		ald__buf_putc(b, (char)c);
	} else if (c < 0x800) {
		ald__buf_putc(b, (char)(0xc0 | (c >> 6)));
		ald__buf_putc(b, (char)(0x80 | (c & 0x3f)));
	} else if (c < 0x10000) {
		ald__buf_putc(b, (char)(0xe0 | (c >> 12)));
		ald__buf_putc(b, (char)(0x80 | ((c >> 6) & 0x3f)));
		ald__buf_putc(b, (char)(0x80 | (c & 0x3f)));
	} else {
		ald__buf_putc(b, (char)(0xf0 | (c >> 18)));
		ald__buf_putc(b, (char)(0x80 | ((c >> 12) & 0x3f)));
		ald__buf_putc(b, (char)(0x80 | ((c >> 6) & 0x3f)));
		ald__buf_putc(b, (char)(0x80 | (c & 0x3f)));
	}
}

/* A string literal at ps->p (after its prefix): quotes, escapes unless raw. */
static int lex_string(struct parser *ps, int raw)
{
	char q = *ps->p;
	int triple = ps->p[1] == q && ps->p[2] == q;
	const char *s = ps->p + (triple ? 3 : 1);
	struct ald_buf b = {0};
	for (;;) {
		if (!*s || (!triple && *s == '\n')) {
			ald__buf_free(&b);
			return unsupported(ps, "an unterminated string");
		}
		if (*s == q && (!triple || (s[1] == q && s[2] == q))) {
			s += triple ? 3 : 1;
			break;
		}
		if (*s != '\\') {
			ald__buf_putc(&b, *s++);
			continue;
		}
		if (raw) { /* a backslash stays, and keeps the next character in */
			ald__buf_putc(&b, *s++);
			if (*s)
				ald__buf_putc(&b, *s++);
			continue;
		}
		char e = s[1];
		const char *simple = strchr("\\'\"abfnrtv", e);
		if (e && simple) {
			static const char out[] = "\\'\"\a\b\f\n\r\t\v";
			ald__buf_putc(&b, out[simple - "\\'\"abfnrtv"]);
			s += 2;
		} else if (e == '\n') {
			s += 2;
		} else if (e == 'x' || e == 'u' || e == 'U') {
			int len = e == 'x' ? 2 : e == 'u' ? 4 : 8;
			unsigned long c = 0;
			for (int i = 0; i < len; i++) {
				if (!isxdigit((unsigned char)s[2 + i])) {
					ald__buf_free(&b);
					return unsupported(ps, "a malformed \\x/\\u escape");
				}
				c = c * 16 + (unsigned long)(isdigit((unsigned char)s[2 + i])
								 ? s[2 + i] - '0'
								 : (tolower((unsigned char)s[2 + i]) - 'a' + 10));
			}
			if (c > 0x10ffff) {
				ald__buf_free(&b);
				return unsupported(ps, "an escape beyond U+10FFFF");
			}
			put_utf8(&b, c);
			s += 2 + len;
		} else if (e >= '0' && e <= '7') {
			unsigned long c = 0;
			int i = 1;
			for (; i <= 3 && s[i] >= '0' && s[i] <= '7'; i++)
				c = c * 8 + (unsigned long)(s[i] - '0');
			put_utf8(&b, c);
			s += i;
		} else if (e == 'N') {
			ald__buf_free(&b);
			return unsupported(ps, "a \\N{...} escape");
		} else { /* Python keeps an unknown escape as it is */
			ald__buf_putc(&b, *s++);
		}
	}
	ps->p = s;
	ps->tk = T_STR;
	ps->tok = ald__buf_detach(&b);
	return 0;
}

/* Reads the next token into ps->tk / ps->tok. */
static int next(struct parser *ps)
{
	free(ps->tok);
	ps->tok = NULL;
	while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r' ||
	       (*ps->p == '\\' && ps->p[1] == '\n'))
		ps->p += *ps->p == '\\' ? 2 : 1;
	const char *s = ps->p;
	ps->tok_start = s;
	if (!*s) {
		ps->tk = T_END;
		return 0;
	}
	if (isalpha((unsigned char)*s) || *s == '_') {
		size_t n = 0;
		while (isalnum((unsigned char)s[n]) || s[n] == '_')
			n++;
		/* string prefixes: r, u (and their capitals); bytes and f-strings are not str */
		if ((s[n] == '\'' || s[n] == '"') && n <= 2) {
			int raw = 0, ok = 1;
			for (size_t i = 0; i < n; i++) {
				char c = (char)tolower((unsigned char)s[i]);
				raw |= c == 'r';
				ok &= c == 'r' || (c == 'u' && n == 1);
			}
			if (!ok)
				return unsupported(ps, "a bytes or f-string literal");
			ps->p = s + n;
			return lex_string(ps, raw);
		}
		ps->tk = T_NAME;
		ps->tok = ald__xstrndup(s, n);
		ps->p = s + n;
		return 0;
	}
	if (*s == '\'' || *s == '"')
		return lex_string(ps, 0);
	if (strchr("().,%[]=", *s)) {
		ps->tk = T_OP;
		ps->tok = ald__xstrndup(s, 1);
		ps->p = s + 1;
		return 0;
	}
	char what[64];
	snprintf(what, sizeof(what), "the character '%c'", *s);
	return unsupported(ps, what);
}

static int is_op(const struct parser *ps, char c)
{
	return ps->tk == T_OP && ps->tok[0] == c;
}

static int is_kw(const struct parser *ps, const char *kw)
{
	return ps->tk == T_NAME && ald__streq(ps->tok, kw);
}

static int expect_op(struct parser *ps, char c)
{
	if (!is_op(ps, c)) {
		char what[64];
		snprintf(what, sizeof(what), "a missing '%c'", c);
		return unsupported(ps, what);
	}
	return next(ps);
}

static int parse_expr(struct parser *ps, struct val *out);

/* The template's data (what Alembic passes to render): 1 and *out when
 * `name` is one of its keys, else 0. */
static int template_data(const struct mako *m, const char *name, struct val *out)
{
	const struct ald_mako_vars *v = m->vars;
	if (ald__streq(name, "up_revision"))
		*out = val_str(ald__xstrdup(v->up_revision));
	else if (ald__streq(name, "down_revision"))
		*out = val_seq(v->down, v->n_down, V_TUPLE, 1);
	else if (ald__streq(name, "branch_labels"))
		*out = val_seq(v->labels, v->n_labels, V_TUPLE, 0);
	else if (ald__streq(name, "depends_on"))
		*out = val_seq(v->depends, v->n_depends, V_LIST, 1);
	else if (ald__streq(name, "message"))
		*out = val_str(ald__xstrdup(v->message ? v->message : "empty message"));
	else if (ald__streq(name, "create_date"))
		*out = val_str(ald__xstrdup(v->create_date));
	else if (ald__streq(name, "config"))
		*out = (struct val){.k = V_CONFIG};
	else if (ald__streq(name, "comma"))
		*out = val_func(name);
	else
		return 0;
	return 1;
}

/* The value of a name: locals of the template, its data, `context`, `re`
 * once imported, the builtins used; anything else is Mako's UNDEFINED. */
static void lookup(const struct mako *m, const char *name, struct val *out)
{
	const struct local *l = NULL;
	for (size_t i = 0; !l && i < m->n_locals; i++)
		if (ald__streq(m->locals[i].name, name))
			l = &m->locals[i];
	if (l)
		*out = val_copy(&l->v);
	else if (template_data(m, name, out))
		;
	else if (ald__streq(name, "context"))
		*out = (struct val){.k = V_CONTEXT};
	else if (ald__streq(name, "re") && m->re_imported)
		*out = (struct val){.k = V_RE};
	else if (ald__streq(name, "repr") || ald__streq(name, "str"))
		*out = val_func(name);
	else if (ald__streq(name, "None"))
		*out = (struct val){.k = V_NONE};
	else if (ald__streq(name, "True") || ald__streq(name, "False"))
		*out = (struct val){.k = V_BOOL, .b = name[0] == 'T'};
	else
		*out = (struct val){.k = V_UNDEF};
}

/* Alembic's format_as_comma: None -> "", a str as it is, a sequence joined
 * with ", ". */
static int comma(struct parser *ps, const struct val *v, struct val *out)
{
	if (v->k == V_NONE) {
		*out = val_str(ald__xstrdup(""));
	} else if (v->k == V_STR) {
		*out = val_copy(v);
	} else if (v->k == V_TUPLE || v->k == V_LIST) {
		*out = val_str(ald__strvec_join(&v->items, ", "));
	} else {
		return fail(ps->m, ps->line, "comma() of a %s value in `%s`", type_name(v), ps->expr);
	}
	return 0;
}

/* One element of a mini regular expression (re.split's pattern). */
struct re_atom {
	char kind; /* 'c': the character c; 's', 'd', 'w': \s \d \w; '.': anything but \n */
	char c;
	int min, max; /* repetitions; max -1: unbounded */
};

static int re_atom_matches(const struct re_atom *a, char c)
{
	switch (a->kind) {
	case 'c':
		return c == a->c;
	case 's':
		return c == ' ' || (c >= '\t' && c <= '\r') || c == '\x1c' || c == '\x1d' ||
		       c == '\x1e' || c == '\x1f';
	case 'd':
		return c >= '0' && c <= '9';
	case 'w':
		return isalnum((unsigned char)c) || c == '_';
	default:
		return c != '\n' && c != '\0';
	}
}

/* Length of the longest match of atoms[i..] at s (greedy, backtracking), or -1. */
static long re_match(const struct re_atom *atoms, size_t n, size_t i, const char *s)
{
	if (i == n)
		return 0;
	const struct re_atom *a = &atoms[i];
	long count = 0;
	while ((a->max < 0 || count < a->max) && s[count] && re_atom_matches(a, s[count]))
		count++;
	for (; count >= a->min; count--) {
		long rest = re_match(atoms, n, i + 1, s + count);
		if (rest >= 0)
			return count + rest;
	}
	return -1;
}

/* re.split(pattern, string) for patterns of literal characters, \s \d \w,
 * '.', escaped punctuation and the quantifiers * + ?. */
static int re_split(struct parser *ps, const char *pattern, const char *s, struct val *out)
{
	struct re_atom atoms[64];
	size_t n = 0;
	int can_be_empty = 1;
	for (const char *p = pattern; *p;) {
		if (n == sizeof(atoms) / sizeof(*atoms) || strchr("^${}[]()|*+?", *p))
			return fail(ps->m, ps->line,
				    "the regular expression %s in `%s` is not supported by aludel's "
				    "script.py.mako renderer (only characters, \\s, \\d, \\w, '.' and * + ?)",
				    pattern, ps->expr);
		struct re_atom a = {.kind = 'c', .c = *p, .min = 1, .max = 1};
		if (*p == '\\') {
			if (p[1] == 's' || p[1] == 'd' || p[1] == 'w')
				a.kind = p[1];
			else if (p[1] && ispunct((unsigned char)p[1]))
				a.c = p[1];
			else
				return fail(ps->m, ps->line,
					    "the escape \\%c of the regular expression %s in `%s` is not "
					    "supported by aludel's script.py.mako renderer",
					    p[1], pattern, ps->expr);
			p += 2;
		} else {
			a.kind = *p == '.' ? '.' : 'c';
			p++;
		}
		if (*p == '*' || *p == '+' || *p == '?') {
			a.min = *p == '+';
			a.max = *p == '?' ? 1 : -1;
			p++;
		}
		can_be_empty &= a.min == 0;
		atoms[n++] = a;
	}
	if (can_be_empty)
		return fail(ps->m, ps->line,
			    "the regular expression %s in `%s` can match nothing; aludel's script.py.mako "
			    "renderer does not split on empty matches", pattern, ps->expr);
	*out = (struct val){.k = V_LIST};
	const char *last = s;
	for (const char *at = s; *at;) {
		long len = re_match(atoms, n, 0, at);
		if (len > 0) {
			ald__strvec_push(&out->items, ald__xstrndup(last, (size_t)(at - last)));
			at += len;
			last = at;
		} else {
			at++;
		}
	}
	ald__strvec_pushdup(&out->items, last);
	return 0;
}

/* Calls the function or method f with args. */
static int call(struct parser *ps, const struct val *f, struct val *args, size_t n, struct val *out)
{
	struct ald_buf b = {0};
	int error = 0;
	const char *name = f->k == V_FUNC ? f->s : NULL;
	if (!name)
		return fail(ps->m, ps->line, "a %s value is called in `%s`", type_name(f), ps->expr);
	if ((ald__streq(name, "repr") || ald__streq(name, "str") || ald__streq(name, "comma")) && n == 1) {
		if (ald__streq(name, "comma"))
			return comma(ps, &args[0], out);
		error = ald__streq(name, "repr") ? to_repr(ps->m, ps->line, &args[0], &b)
						: to_str(ps->m, ps->line, &args[0], &b);
		if (error < 0) {
			ald__buf_free(&b);
			return error;
		}
		*out = val_str(ald__buf_detach(&b));
		return 0;
	}
	if (ald__streq(name, "config.get_main_option") && (n == 1 || n == 2) && args[0].k == V_STR) {
		char *value = NULL;
		const struct ald_mako_vars *v = ps->m->vars;
		if (v->main_option && (error = v->main_option(&value, args[0].s, v->payload)) < 0)
			return error;
		*out = value ? val_str(value) : n == 2 ? val_copy(&args[1]) : (struct val){.k = V_NONE};
		return 0;
	}
	if (ald__streq(name, "context.get") && (n == 1 || n == 2) && args[0].k == V_STR) {
		if (!template_data(ps->m, args[0].s, out))
			*out = n == 2 ? val_copy(&args[1]) : (struct val){.k = V_NONE};
		return 0;
	}
	if (ald__streq(name, "re.split") && n == 2) {
		if (args[0].k != V_STR || args[1].k != V_STR)
			return fail(ps->m, ps->line,
				    "re.split() of a %s value in `%s` (expected string or bytes-like object)",
				    type_name(args[1].k != V_STR ? &args[1] : &args[0]), ps->expr);
		return re_split(ps, args[0].s, args[1].s, out);
	}
	char *what = ald__xasprintf("calling %s() with these %zu argument(s)", name, n);
	error = unsupported(ps, what);
	free(what);
	return error;
}

/* Python's str % args for %s, %r and %%. */
static int format(struct parser *ps, const struct val *fmt, const struct val *arg, struct val *out)
{
	if (fmt->k != V_STR)
		return fail(ps->m, ps->line, "the %% operator on a %s value in `%s`", type_name(fmt),
			    ps->expr);
	const struct val *args = arg;
	size_t n_args = 1, used = 0;
	struct val *items = NULL;
	if (arg->k == V_TUPLE) {
		n_args = arg->items.n;
		items = ald__xcalloc(n_args ? n_args : 1, sizeof(*items));
		for (size_t i = 0; i < n_args; i++)
			items[i] = val_str(ald__xstrdup(arg->items.v[i]));
		args = items;
	}
	struct ald_buf b = {0};
	int error = 0;
	for (const char *s = fmt->s; *s && error == 0; s++) {
		if (*s != '%') {
			ald__buf_putc(&b, *s);
		} else if (s[1] == '%') {
			ald__buf_putc(&b, '%');
			s++;
		} else if ((s[1] == 's' || s[1] == 'r') && used < n_args) {
			error = s[1] == 's' ? to_str(ps->m, ps->line, &args[used], &b)
					    : to_repr(ps->m, ps->line, &args[used], &b);
			used++;
			s++;
		} else if (s[1] == 's' || s[1] == 'r') {
			error = fail(ps->m, ps->line, "not enough arguments for format string in `%s`",
				     ps->expr);
		} else {
			error = unsupported(ps, "a %-format other than %s, %r and %%");
		}
	}
	if (error == 0 && used < n_args)
		error = fail(ps->m, ps->line,
			     "not all arguments converted during string formatting in `%s`", ps->expr);
	for (size_t i = 0; items && i < n_args; i++)
		val_free(&items[i]);
	free(items);
	if (error < 0) {
		ald__buf_free(&b);
		return error;
	}
	*out = val_str(ald__buf_detach(&b));
	return 0;
}

/* '(' or '[' has been read: a parenthesised expression, or a tuple/list of
 * strings. */
static int parse_group(struct parser *ps, char close, struct val *out)
{
	struct val items[32];
	size_t n = 0;
	int comma_seen = 0, error = 0;
	while (!is_op(ps, close)) {
		if (n == sizeof(items) / sizeof(*items)) {
			error = unsupported(ps, "a tuple or list this long");
			break;
		}
		if ((error = parse_expr(ps, &items[n])) < 0)
			break;
		n++;
		if (!is_op(ps, ','))
			break;
		comma_seen = 1;
		if ((error = next(ps)) < 0)
			break;
	}
	if (error == 0)
		error = expect_op(ps, close);
	if (error == 0 && close == ')' && n == 1 && !comma_seen) {
		*out = items[0];
		return 0;
	}
	struct val r = {.k = close == ')' ? V_TUPLE : V_LIST};
	for (size_t i = 0; i < n; i++) {
		if (error == 0 && !ps->skip && items[i].k != V_STR)
			error = unsupported(ps, "a tuple or list holding something else than strings");
		if (error == 0 && items[i].s)
			ald__strvec_pushdup(&r.items, items[i].s);
		val_free(&items[i]);
	}
	if (error < 0) {
		val_free(&r);
		return error;
	}
	*out = r;
	return 0;
}

static int parse_atom(struct parser *ps, struct val *out)
{
	int error;
	if (ps->tk == T_STR) { /* adjacent literals are one string */
		struct ald_buf b = {0};
		while (ps->tk == T_STR) {
			ald__buf_puts(&b, ps->tok);
			if ((error = next(ps)) < 0) {
				ald__buf_free(&b);
				return error;
			}
		}
		*out = val_str(ald__buf_detach(&b));
		return 0;
	}
	if (ps->tk == T_NAME) {
		static const char *const keywords[] = {"if", "else", "and", "or", "not", "in",
						       "lambda", "for", "is", "await", "yield"};
		for (size_t i = 0; i < sizeof(keywords) / sizeof(*keywords); i++)
			if (ald__streq(ps->tok, keywords[i]))
				return unsupported(ps, "a misplaced keyword");
		lookup(ps->m, ps->tok, out);
		if ((error = next(ps)) < 0)
			val_free(out);
		return error;
	}
	if (is_op(ps, '(') || is_op(ps, '[')) {
		char close = ps->tok[0] == '(' ? ')' : ']';
		if ((error = next(ps)) < 0)
			return error;
		return parse_group(ps, close, out);
	}
	return unsupported(ps, ps->tk == T_END ? "a missing operand" : "an operator here");
}

static int parse_postfix(struct parser *ps, struct val *out)
{
	int error = parse_atom(ps, out);
	while (error == 0 && (is_op(ps, '.') || is_op(ps, '('))) {
		if (is_op(ps, '.')) {
			if ((error = next(ps)) < 0)
				break;
			if (ps->tk != T_NAME) {
				error = unsupported(ps, "a '.' without a name after it");
				break;
			}
			const char *method = out->k == V_CONFIG && ald__streq(ps->tok, "get_main_option")
						     ? "config.get_main_option"
					     : out->k == V_CONTEXT && ald__streq(ps->tok, "get") ? "context.get"
					     : out->k == V_RE && ald__streq(ps->tok, "split")    ? "re.split"
												: NULL;
			if (!method && !ps->skip) {
				char *what = ald__xasprintf("the attribute %s of a %s value", ps->tok,
							   type_name(out));
				error = unsupported(ps, what);
				free(what);
				break;
			}
			val_free(out);
			*out = val_func(method ? method : "?");
			error = next(ps);
			continue;
		}
		/* a call: positional arguments only */
		struct val args[4];
		size_t n = 0;
		if ((error = next(ps)) < 0)
			break;
		while (error == 0 && !is_op(ps, ')')) {
			if (n == sizeof(args) / sizeof(*args)) {
				error = unsupported(ps, "a call with this many arguments");
				break;
			}
			if ((error = parse_expr(ps, &args[n])) < 0)
				break;
			n++;
			if (is_op(ps, ','))
				error = next(ps);
			else if (!is_op(ps, ')'))
				error = unsupported(ps, is_op(ps, '=') ? "a keyword argument"
								      : "this argument list");
		}
		if (error == 0)
			error = next(ps);
		struct val r = {0};
		if (error == 0 && !ps->skip)
			error = call(ps, out, args, n, &r);
		for (size_t i = 0; i < n; i++)
			val_free(&args[i]);
		val_free(out);
		*out = r;
	}
	return error;
}

static int parse_arith(struct parser *ps, struct val *out)
{
	int error = parse_postfix(ps, out);
	while (error == 0 && is_op(ps, '%')) {
		struct val right = {0}, r = {0};
		if ((error = next(ps)) == 0 && (error = parse_postfix(ps, &right)) == 0 && !ps->skip)
			error = format(ps, out, &right, &r);
		val_free(&right);
		val_free(out);
		*out = r;
	}
	return error;
}

static int parse_not(struct parser *ps, struct val *out)
{
	if (!is_kw(ps, "not"))
		return parse_arith(ps, out);
	struct val v = {0};
	int error = next(ps);
	if (error == 0)
		error = parse_not(ps, &v);
	*out = (struct val){.k = V_BOOL, .b = !truthy(&v)};
	val_free(&v);
	return error;
}

/* `a and b` / `a or b`: Python's value (the deciding operand), the other
 * side skipped once decided. */
static int parse_bool(struct parser *ps, struct val *out, const char *op)
{
	int is_and = ald__streq(op, "and");
	int error = is_and ? parse_not(ps, out) : parse_bool(ps, out, "and");
	while (error == 0 && is_kw(ps, op)) {
		int decided = is_and ? !truthy(out) : truthy(out);
		struct val right = {0};
		if ((error = next(ps)) < 0)
			break;
		ps->skip += decided;
		error = is_and ? parse_not(ps, &right) : parse_bool(ps, &right, "and");
		ps->skip -= decided;
		if (decided) {
			val_free(&right);
		} else {
			val_free(out);
			*out = right;
		}
	}
	return error;
}

/* Goes back to the token that starts at `at` (to parse it again). */
static int rewind_to(struct parser *ps, const char *at)
{
	ps->p = at;
	return next(ps);
}

/* `a if c else b`: c is evaluated first, then only the branch it picks.
 * `a` comes first in the text: it is parsed in skip mode, and parsed again
 * once c is known (or no `if` follows). */
static int parse_expr(struct parser *ps, struct val *out)
{
	const char *a_start = ps->tok_start, *after;
	struct val a = {0}, cond = {0}, b = {0};
	*out = (struct val){0};
	ps->skip++;
	int error = parse_bool(ps, &a, "or");
	ps->skip--;
	val_free(&a);
	if (error < 0)
		return error;
	if (!is_kw(ps, "if")) {
		if (ps->skip) /* the value is not needed */
			return 0;
		if ((error = rewind_to(ps, a_start)) == 0)
			error = parse_bool(ps, out, "or");
		return error;
	}
	if ((error = next(ps)) < 0 || (error = parse_bool(ps, &cond, "or")) < 0)
		goto done;
	if (!is_kw(ps, "else")) {
		error = unsupported(ps, "an `if` without `else`");
		goto done;
	}
	int take_a = ps->skip || truthy(&cond);
	ps->skip += take_a;
	if ((error = next(ps)) == 0)
		error = parse_expr(ps, &b);
	ps->skip -= take_a;
	if (error < 0 || !take_a || ps->skip) {
		*out = b;
		b = (struct val){0};
		goto done;
	}
	/* the value is `a`: evaluate it now, then come back after `b` */
	after = ps->tok_start;
	if ((error = rewind_to(ps, a_start)) == 0 && (error = parse_bool(ps, out, "or")) == 0)
		error = rewind_to(ps, after);
done:
	val_free(&cond);
	val_free(&b);
	if (error < 0)
		val_free(out);
	return error;
}

/* Evaluates the whole of `expr` (line: for messages). */
static int eval(struct mako *m, unsigned line, const char *expr, struct val *out)
{
	struct parser ps = {.m = m, .line = line, .expr = expr, .p = expr};
	*out = (struct val){0};
	int error = next(&ps);
	if (error == 0 && ps.tk == T_END)
		error = unsupported(&ps, "an empty expression");
	if (error == 0)
		error = parse_expr(&ps, out);
	if (error == 0 && ps.tk != T_END)
		error = unsupported(&ps, "what follows the expression");
	free(ps.tok);
	if (error < 0)
		val_free(out);
	return error;
}

/* ------------------------------------------------------------ rendering */

static char *trim(const char *s)
{
	while (*s && strchr(" \t\n\r\f\v", *s))
		s++;
	size_t n = strlen(s);
	while (n && strchr(" \t\n\r\f\v", s[n - 1]))
		n--;
	return ald__xstrndup(s, n);
}

/* ${expr | filters}: Mako's default filter str() first unless `n` is among
 * the filters, then the filters in order. */
static int render_expr(struct mako *m, const struct node *n)
{
	struct ald_strvec filters = {0};
	int error = 0, raw = 0;
	if (n->filters) {
		for (const char *s = n->filters; *s;) {
			size_t len = strcspn(s, ",");
			char *piece = ald__xstrndup(s, len), *f = trim(piece);
			free(piece);
			if (ald__streq(f, "n"))
				raw = 1;
			else if (ald__streq(f, "comma") || ald__streq(f, "str") || ald__streq(f, "trim"))
				ald__strvec_push(&filters, ald__xstrdup(f));
			else
				error = fail(m, n->line,
					     "the filter '%s' is not supported by aludel's script.py.mako "
					     "renderer (n, comma, str, trim)", f);
			free(f);
			s += len + (s[len] == ',');
		}
	}
	if (!raw) /* Mako's default filter, applied first */
		ald__strvec_push(&filters, ald__xstrdup("str"));
	for (size_t i = filters.n - 1; !raw && i > 0; i--) { /* moved to the front */
		char *t = filters.v[i];
		filters.v[i] = filters.v[i - 1];
		filters.v[i - 1] = t;
	}
	struct val v = {0};
	if (error == 0)
		error = eval(m, n->line, n->text, &v);
	for (size_t i = 0; error == 0 && i < filters.n; i++) {
		const char *f = filters.v[i];
		struct val r = {0};
		struct ald_buf b = {0};
		if (ald__streq(f, "comma")) {
			struct parser ps = {.m = m, .line = n->line, .expr = n->text};
			error = comma(&ps, &v, &r);
		} else if (v.k == V_STR && ald__streq(f, "trim")) {
			r = val_str(trim(v.s));
		} else if (ald__streq(f, "trim")) {
			error = fail(m, n->line, "trim of a %s value in `%s`", type_name(&v), n->text);
		} else if ((error = to_str(m, n->line, &v, &b)) == 0) {
			r = val_str(ald__buf_detach(&b));
		}
		ald__buf_free(&b);
		val_free(&v);
		v = r;
	}
	if (error == 0 && v.k != V_STR)
		error = fail(m, n->line, "`%s` gives a %s value, not a string, to write (the `n` filter "
				      "leaves out str())", n->text, type_name(&v));
	if (error == 0)
		ald__buf_puts(&m->out, v.s);
	val_free(&v);
	ald__strvec_free(&filters);
	return error;
}

static int render(struct mako *m, const struct nodes *l)
{
	int error = 0;
	for (size_t i = 0; error == 0 && i < l->n; i++) {
		const struct node *n = l->v[i];
		struct val v = {0};
		switch (n->k) {
		case N_TEXT:
			ald__buf_puts(&m->out, n->text);
			break;
		case N_EXPR:
			error = render_expr(m, n);
			break;
		case N_ASSIGN:
			if ((error = eval(m, n->line, n->text, &v)) == 0)
				set_local(m, n->name, v);
			break;
		case N_FOR:
			if ((error = eval(m, n->line, n->text, &v)) < 0)
				break;
			if (v.k != V_TUPLE && v.k != V_LIST) {
				error = fail(m, n->line, "`%% for` over a %s value is not supported by "
						      "aludel's script.py.mako renderer", type_name(&v));
				val_free(&v);
				break;
			}
			for (size_t j = 0; error == 0 && j < v.items.n; j++) {
				set_local(m, n->name, val_str(ald__xstrdup(v.items.v[j])));
				error = render(m, &n->body);
			}
			val_free(&v);
			break;
		}
	}
	return error;
}

/* -------------------------------------------------------------- parsing */

struct scan {
	struct mako *m;
	const char *s;   /* the next character */
	unsigned line;   /* its line */
	int bol;         /* at the beginning of a line */
	struct ald_buf text;
	struct nodes *stack[16]; /* the open `% for` bodies; stack[0] is the template */
	struct node *open[16];
	size_t depth;
};

static void flush_text(struct scan *sc)
{
	if (!sc->text.len)
		return;
	struct node *n = new_node(N_TEXT, sc->line);
	n->text = ald__buf_detach(&sc->text);
	nodes_push(sc->stack[sc->depth], n);
}

static int is_ident(const char *s, size_t n)
{
	if (!n || !(isalpha((unsigned char)s[0]) || s[0] == '_'))
		return 0;
	for (size_t i = 1; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_')
			return 0;
	return 1;
}

/* A `% ...` control line (without the '%' and the newline). */
static int control_line(struct scan *sc, const char *body, size_t len, unsigned line)
{
	char *t0 = ald__xstrndup(body, len), *t = trim(t0);
	free(t0);
	int error = 0;
	size_t kw = 0;
	while (isalnum((unsigned char)t[kw]) || t[kw] == '_')
		kw++;
	if (kw == 6 && strncmp(t, "endfor", 6) == 0) {
		if (sc->depth == 0)
			error = fail(sc->m, line, "`%% endfor` without `%% for`");
		else
			sc->depth--;
	} else if (kw == 3 && strncmp(t, "for", 3) == 0) {
		/* for NAME in EXPR: */
		const char *p = t + 3;
		p += strspn(p, " \t");
		size_t nl = strcspn(p, " \t");
		const char *in = p + nl;
		in += strspn(in, " \t");
		size_t tl = strlen(t);
		if (!is_ident(p, nl) || strncmp(in, "in", 2) != 0 || !strchr(" \t", in[2]) ||
		    tl == 0 || t[tl - 1] != ':') {
			error = fail(sc->m, line, "`%% %s` is not supported by aludel's script.py.mako "
					       "renderer (only `%% for NAME in EXPR:`)", t);
		} else if (sc->depth + 1 == sizeof(sc->stack) / sizeof(*sc->stack)) {
			error = fail(sc->m, line, "`%% for` nested too deeply");
		} else {
			struct node *n = new_node(N_FOR, line);
			n->name = ald__xstrndup(p, nl);
			n->text = ald__xstrndup(in + 3, (size_t)(t + tl - 1 - (in + 3)));
			nodes_push(sc->stack[sc->depth], n);
			sc->open[sc->depth] = n;
			sc->depth++;
			sc->stack[sc->depth] = &n->body;
		}
	} else {
		error = fail(sc->m, line, "the control line `%% %s` is not supported by aludel's "
				       "script.py.mako renderer (only %% for / %% endfor)", t);
	}
	free(t);
	return error;
}

/* Where `close` ends a Python block or expression starting at s: outside
 * strings (and, for '}' and '|', outside brackets). NULL if never. */
static const char *find_end(const char *s, const char *close, int brackets)
{
	int depth = 0;
	while (*s) {
		if (*s == '\'' || *s == '"') {
			char q = *s;
			int triple = s[1] == q && s[2] == q;
			s += triple ? 3 : 1;
			while (*s && !(*s == q && (!triple || (s[1] == q && s[2] == q))))
				s += *s == '\\' && s[1] ? 2 : 1;
			if (!*s)
				return NULL;
			s += triple ? 3 : 1;
			continue;
		}
		if (brackets && strchr("([{", *s))
			depth++;
		else if (brackets && depth && strchr(")]}", *s))
			depth--;
		else if (depth == 0 && strchr(close, *s) && (close[0] != '%' || s[1] == '>'))
			return s;
		s++;
	}
	return NULL;
}

static unsigned count_lines(const char *s, const char *e)
{
	unsigned n = 0;
	for (; s < e; s++)
		n += *s == '\n';
	return n;
}

/* The body of <% ... %> (module: <%! ... %>), starting on line `line`. */
static int code_block(struct scan *sc, const char *body, size_t len, unsigned line, int module)
{
	int error = 0;
	for (const char *s = body, *end = body + len; s < end && error == 0; line++) {
		size_t n = (size_t)(memchr(s, '\n', (size_t)(end - s)) ? (const char *)memchr(s, '\n', (size_t)(end - s)) - s
									   : end - s);
		char *raw = ald__xstrndup(s, n), *t = trim(raw);
		free(raw);
		s += n + 1;
		if (!*t || t[0] == '#') {
			free(t);
			continue;
		}
		if (module) {
			if (ald__streq(t, "import re"))
				sc->m->re_imported = 1;
			else
				error = fail(sc->m, line, "`%s` in <%%! %%> is not supported by aludel's "
						       "script.py.mako renderer (only `import re`)", t);
			free(t);
			continue;
		}
		size_t nl = strcspn(t, " \t=");
		const char *eq = t + nl + strspn(t + nl, " \t");
		if (!is_ident(t, nl) || eq[0] != '=' || eq[1] == '=') {
			error = fail(sc->m, line, "`%s` in <%% %%> is not supported by aludel's "
					       "script.py.mako renderer (only NAME = EXPR)", t);
		} else {
			struct node *node = new_node(N_ASSIGN, line);
			node->name = ald__xstrndup(t, nl);
			node->text = ald__xstrdup(eq + 1);
			nodes_push(sc->stack[sc->depth], node);
		}
		free(t);
	}
	return error;
}

static int parse_template(struct scan *sc)
{
	int error = 0;
	while (*sc->s && error == 0) {
		const char *s = sc->s;
		if (sc->bol) {
			const char *p = s + strspn(s, " \t");
			if ((p[0] == '%' && p[1] != '%') || (p[0] == '#' && p[1] == '#')) {
				/* a control or comment line, up to and with its newline */
				const char *e = p;
				while (*e && *e != '\n')
					e += *e == '\\' && e[1] == '\n' ? 2 : 1;
				flush_text(sc);
				if (p[0] == '%')
					error = control_line(sc, p + 1, (size_t)(e - p - 1), sc->line);
				sc->line += count_lines(s, e) + (*e == '\n');
				sc->s = *e ? e + 1 : e;
				continue;
			}
			if (p[0] == '%') { /* "%%" at the start of a line is a literal '%' */
				ald__buf_put(&sc->text, s, (size_t)(p - s));
				ald__buf_putc(&sc->text, '%');
				sc->s = p + 2;
				sc->bol = 0;
				continue;
			}
		}
		sc->bol = 0;
		if (s[0] == '$' && s[1] == '{') {
			const char *bar = find_end(s + 2, "|}", 1);
			const char *end = bar && *bar == '|' ? find_end(bar + 1, "}", 1) : bar;
			if (!end)
				return fail(sc->m, sc->line, "`${` is never closed");
			flush_text(sc);
			struct node *n = new_node(N_EXPR, sc->line);
			n->text = ald__xstrndup(s + 2, (size_t)((*bar == '|' ? bar : end) - (s + 2)));
			if (*bar == '|')
				n->filters = ald__xstrndup(bar + 1, (size_t)(end - bar - 1));
			nodes_push(sc->stack[sc->depth], n);
			sc->line += count_lines(s, end);
			sc->s = end + 1;
			continue;
		}
		if (s[0] == '<' && (s[1] == '%' || (s[1] == '/' && s[2] == '%') || s[1] == '&')) {
			int module = s[1] == '%' && s[2] == '!';
			if (s[1] != '%' || (!module && (isalnum((unsigned char)s[2]) || s[2] == '_' ||
							 s[2] == '.' || s[2] == ':'))) {
				size_t n = strcspn(s, " \t\n>");
				return fail(sc->m, sc->line, "the Mako tag `%.*s` is not supported by aludel's "
						      "script.py.mako renderer", (int)(n > 40 ? 40 : n), s);
			}
			const char *body = s + (module ? 3 : 2), *end = find_end(body, "%", 0);
			if (!end)
				return fail(sc->m, sc->line, "`<%%` is never closed by `%%>`");
			flush_text(sc);
			error = code_block(sc, body, (size_t)(end - body), sc->line, module);
			sc->line += count_lines(s, end);
			sc->s = end + 2;
			continue;
		}
		if (s[0] == '\\' && s[1] == '\n') { /* an escaped newline is dropped */
			sc->line++;
			sc->s = s + 2;
			continue;
		}
		ald__buf_putc(&sc->text, *s);
		if (*s == '\n') {
			sc->line++;
			sc->bol = 1;
		}
		sc->s = s + 1;
	}
	if (error == 0 && sc->depth > 0)
		error = fail(sc->m, sc->open[sc->depth - 1]->line, "`%% for` without `%% endfor`");
	flush_text(sc);
	return error;
}

int ald__mako_render(char **out, const char *path, const char *text, const struct ald_mako_vars *v)
{
	struct mako m = {.path = path, .vars = v};
	struct nodes root = {0};
	struct scan sc = {.m = &m, .s = text, .line = 1, .bol = 1};
	sc.stack[0] = &root;
	*out = NULL;
	int error = parse_template(&sc);
	ald__buf_free(&sc.text);
	if (error == 0)
		error = render(&m, &root);
	nodes_free(&root);
	for (size_t i = 0; i < m.n_locals; i++) {
		free(m.locals[i].name);
		val_free(&m.locals[i].v);
	}
	free(m.locals);
	if (error < 0) {
		ald__buf_free(&m.out);
		return error;
	}
	*out = ald__buf_detach(&m.out);
	return 0;
}
