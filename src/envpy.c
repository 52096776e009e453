/* envpy.c - reads env.py's context.configure() settings statically (see
 * envpy.h). The file is cut into tokens (names, strings, operators) with
 * py_lex.c; comments, line breaks and continuations are skipped, so only
 * real code is searched for `context . configure (`, whose arguments are
 * then read one by one.
 */
#include "envpy.h"
#include "error.h"
#include "py_lex.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum setting { S_TABLE, S_SCHEMA, S_TPM, S_COUNT };

static const char *const setting_names[S_COUNT] = {
	"version_table", "version_table_schema", "transaction_per_migration",
};

/* What Alembic uses when a call does not give the setting. */
static const char *const setting_defaults[S_COUNT] = {"alembic_version", NULL, "0"};

/* Alembic's context.configure() takes transaction_per_migration as its
 * sixth positional parameter. */
#define TPM_POSITION 6

enum tok_kind { T_END, T_NAME, T_STRING, T_OP };

struct tok {
	enum tok_kind kind;
	size_t s, e;    /* its text (T_NAME also covers numbers) */
	unsigned line;
	unsigned flags; /* T_STRING: ALD_PYSTR_* */
};

struct env {
	struct ald_pylex lx;
	struct tok tok;      /* the current token */
	struct ald_buf str;  /* T_STRING: the current token's decoded value */
};

static struct ald_envpy_setting *setting_of(struct ald_envpy *e, enum setting s)
{
	return s == S_TABLE ? &e->version_table
	       : s == S_SCHEMA ? &e->version_table_schema
			       : &e->transaction_per_migration;
}

/* Reads the next token into p->tok (T_END at the end of the text). */
static int next(struct env *p)
{
	struct ald_pylex *lx = &p->lx;
	unsigned flags = 0;
	int pre;
	ald__py_skip_space(lx, 1);
	p->tok.s = lx->i;
	p->tok.line = lx->line;
	p->tok.flags = 0;
	int c = ald__py_at(lx, 0);
	if (c < 0) {
		p->tok.kind = T_END;
	} else if ((c == '\'' || c == '"' || ald__py_is_ident_start(c)) &&
		   (pre = ald__py_string_start(lx, &flags)) >= 0) {
		p->tok.kind = T_STRING;
		p->tok.flags = flags;
		p->str.len = 0;
		int err = ald__py_read_string(lx, pre, flags, &p->str);
		if (err < 0)
			return err;
	} else if (ald__py_is_ident_char(c)) {
		p->tok.kind = T_NAME;
		while (ald__py_is_ident_char(ald__py_at(lx, 0)))
			lx->i++;
	} else {
		/* one character, except "**" and "==" (so that a lone '=' is a keyword's) */
		p->tok.kind = T_OP;
		lx->i += (c == '*' || c == '=') && ald__py_at(lx, 1) == c ? 2 : 1;
	}
	p->tok.e = lx->i;
	return 0;
}

static int tok_is(const struct env *p, enum tok_kind kind, const char *text)
{
	size_t n = strlen(text);
	return p->tok.kind == kind && p->tok.e - p->tok.s == n &&
	       memcmp(p->lx.t + p->tok.s, text, n) == 0;
}

static int is_op(const struct env *p, const char *op)
{
	return tok_is(p, T_OP, op);
}

static int is_name(const struct env *p, const char *name)
{
	return tok_is(p, T_NAME, name);
}

static int unclosed(const struct env *p, unsigned call_line)
{
	return ald__error_set(ALD_EINVALID, "%s:%u: the '(' of context.configure( is never closed",
			     p->lx.path, call_line);
}

/* Skips the rest of an argument, from the current token to the ',' or ')'
 * that ends it, which is left as the current token; `depth` brackets of the
 * argument are already open. A lambda's parameters do not end it at their
 * commas. */
static int skip_arg(struct env *p, unsigned depth, unsigned call_line)
{
	unsigned lambda = 0; /* lambdas whose ':' is still to come */
	for (;; ) {
		if (p->tok.kind == T_END)
			return unclosed(p, call_line);
		if (depth == 0 && (is_op(p, ")") || (is_op(p, ",") && !lambda)))
			return 0;
		if (is_op(p, "(") || is_op(p, "[") || is_op(p, "{"))
			depth++;
		else if (is_op(p, ")") || is_op(p, "]") || is_op(p, "}"))
			depth -= depth > 0;
		else if (depth == 0 && is_name(p, "lambda"))
			lambda++;
		else if (depth == 0 && lambda && is_op(p, ":"))
			lambda--;
		int err = next(p);
		if (err < 0)
			return err;
	}
}

/* The literal kinds an argument can have. */
enum lit { L_NONE_YET, L_STR, L_TRUE, L_FALSE, L_PYNONE, L_COMPUTED };

/* Reads an argument's value from its first token: a literal (strings,
 * True, False or None, in any number of parentheses) sets *lit and, for
 * strings, `val`; anything else is skipped and gives L_COMPUTED. Ends at the
 * ',' or ')' after the argument. */
static int read_value(struct env *p, unsigned call_line, enum lit *lit, struct ald_buf *val)
{
	unsigned open = 0;
	int err = 0;
	*lit = L_NONE_YET;
	for (; is_op(p, "("); open++)
		if ((err = next(p)) < 0)
			return err;
	if (p->tok.kind == T_STRING) {
		while (p->tok.kind == T_STRING &&
		       !(p->tok.flags & (ALD_PYSTR_F | ALD_PYSTR_BYTES))) {
			ald__buf_put(val, ald__buf_cstr(&p->str), p->str.len);
			if ((err = next(p)) < 0)
				return err;
		}
		*lit = p->tok.kind == T_STRING ? L_COMPUTED : L_STR;
	} else if (is_name(p, "True") || is_name(p, "False") || is_name(p, "None")) {
		*lit = is_name(p, "True") ? L_TRUE : is_name(p, "False") ? L_FALSE : L_PYNONE;
		err = next(p);
	}
	for (; err == 0 && open > 0 && *lit != L_COMPUTED && is_op(p, ")"); open--)
		err = next(p);
	if (err < 0)
		return err;
	if (*lit != L_NONE_YET && *lit != L_COMPUTED && open == 0 &&
	    (is_op(p, ",") || is_op(p, ")")))
		return 0;
	*lit = L_COMPUTED;
	return skip_arg(p, open, call_line);
}

/* Stores what one keyword argument among the three gives in the call's
 * settings `c`. */
static void keyword_value(struct ald_envpy_setting *c, enum setting s, enum lit lit,
			  struct ald_buf *val, unsigned line)
{
	c->line = line;
	c->state = ALD_ENVPY_LITERAL;
	if (s == S_TPM && (lit == L_TRUE || lit == L_FALSE))
		c->value = ald__xstrdup(lit == L_TRUE ? "1" : "0");
	else if (s != S_TPM && lit == L_STR)
		c->value = ald__buf_detach(val);
	else if (!(s == S_SCHEMA && lit == L_PYNONE))
		c->state = ALD_ENVPY_COMPUTED;
}

/* Reads one argument of a call from its first token (the current one) up
 * to the ',' or ')' after it, recording in `c` what it gives. */
static int read_arg(struct env *p, struct ald_envpy *c, unsigned call_line, unsigned *positional,
		    unsigned *dstar_line, unsigned *star_line)
{
	if (is_op(p, "**") || is_op(p, "*")) {
		*(is_op(p, "**") ? dstar_line : star_line) = p->tok.line;
		return skip_arg(p, 0, call_line);
	}
	struct ald_pylex first_lx = p->lx;
	struct tok first = p->tok;
	unsigned line = first.line;
	int err = next(p), s = S_COUNT;
	if (err < 0)
		return err;
	if (first.kind != T_NAME || !is_op(p, "=")) {
		/* a positional argument: start again from its first token */
		p->lx = first_lx;
		p->tok = first;
		if (++*positional == TPM_POSITION && !*star_line)
			*star_line = line;
		return skip_arg(p, 0, call_line);
	}
	for (int k = 0; k < S_COUNT; k++)
		if (first.e - first.s == strlen(setting_names[k]) &&
		    memcmp(p->lx.t + first.s, setting_names[k], strlen(setting_names[k])) == 0)
			s = k;
	if ((err = next(p)) < 0)
		return err;
	if (s == S_COUNT)
		return skip_arg(p, 0, call_line);
	struct ald_envpy_setting *set = setting_of(c, (enum setting)s);
	if (set->line)
		return ald__error_set(ALD_EINVALID, "%s:%u: keyword argument repeated: %s",
				     p->lx.path, line, setting_names[s]);
	struct ald_buf val = {0};
	enum lit lit;
	if ((err = read_value(p, call_line, &lit, &val)) == 0)
		keyword_value(set, (enum setting)s, lit, &val, line);
	ald__buf_free(&val);
	return err;
}

/* Reads the arguments of a context.configure( call, the '(' being the
 * current token, into *c (the call's own settings; zeroed by the caller). */
static int read_call(struct env *p, struct ald_envpy *c, unsigned call_line)
{
	unsigned positional = 0, dstar_line = 0, star_line = 0;
	int err;
	for (;;) {
		if ((err = next(p)) < 0)
			return err;
		if (is_op(p, ")"))
			break;
		if (p->tok.kind == T_END)
			return unclosed(p, call_line);
		if ((err = read_arg(p, c, call_line, &positional, &dstar_line, &star_line)) < 0)
			return err;
		if (is_op(p, ")"))
			break;
	}
	for (int s = 0; s < S_COUNT; s++) {
		struct ald_envpy_setting *set = setting_of(c, (enum setting)s);
		unsigned line = s == S_TPM && star_line ? star_line : dstar_line;
		if (set->state == ALD_ENVPY_UNSET && line) {
			set->state = ALD_ENVPY_COMPUTED;
			set->line = line;
		}
	}
	return 0;
}

static int same_value(const char *a, const char *b)
{
	return a && b ? strcmp(a, b) == 0 : a == b;
}

static void make_computed(struct ald_envpy_setting *acc, unsigned line)
{
	free(acc->value);
	acc->value = NULL;
	acc->state = ALD_ENVPY_COMPUTED;
	acc->line = line;
}

/* Folds what one call gives for setting `s` (taken from *c, which is left
 * empty) into what the calls before it gave (*acc). */
static void merge_one(struct ald_envpy_setting *acc, struct ald_envpy_setting *c, enum setting s,
		      unsigned call_line, int first)
{
	const char *was = acc->state == ALD_ENVPY_LITERAL ? acc->value : setting_defaults[s];
	const char *now = c->state == ALD_ENVPY_LITERAL ? c->value : setting_defaults[s];
	if (acc->state == ALD_ENVPY_COMPUTED) {
		/* stays computed from its first line */
	} else if (c->state == ALD_ENVPY_COMPUTED) {
		make_computed(acc, c->line);
	} else if (!first && !same_value(was, now)) {
		make_computed(acc, c->state == ALD_ENVPY_LITERAL ? c->line : call_line);
	} else if (acc->state == ALD_ENVPY_UNSET) {
		*acc = *c;
		c->value = NULL;
	}
	free(c->value);
	memset(c, 0, sizeof(*c));
}

static void merge(struct ald_envpy *out, struct ald_envpy *c, unsigned call_line)
{
	for (int s = 0; s < S_COUNT; s++)
		merge_one(setting_of(out, (enum setting)s), setting_of(c, (enum setting)s),
			  (enum setting)s, call_line, out->n_calls == 0);
	out->n_calls++;
}

/* Walks the tokens looking for `context . configure (` (the `context` not
 * itself after a '.'), reading each such call. */
static int scan(struct env *p, struct ald_envpy *out)
{
	unsigned matched = 0, call_line = 0; /* how much of the pattern the last tokens match */
	int after_dot = 0, err;
	for (;;) {
		if ((err = next(p)) < 0)
			return err;
		if (p->tok.kind == T_END)
			return 0;
		if (matched == 3 && is_op(p, "(")) {
			struct ald_envpy call = {0};
			err = read_call(p, &call, call_line);
			if (err == 0)
				merge(out, &call, call_line);
			ald__envpy_clear(&call);
			if (err < 0)
				return err;
			matched = 0;
		} else if (matched == 2 && is_name(p, "configure")) {
			matched = 3;
		} else if (matched == 1 && is_op(p, ".")) {
			matched = 2;
		} else if (!after_dot && is_name(p, "context")) {
			matched = 1;
			call_line = p->tok.line;
		} else {
			matched = 0;
		}
		after_dot = is_op(p, ".");
	}
}

int ald__envpy_parse(struct ald_envpy *out, const char *text, size_t len, const char *path)
{
	memset(out, 0, sizeof(*out));
	struct env p = {.lx = {.path = path, .t = text, .len = len, .line = 1}};
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		p.lx.i = 3;
	int err = scan(&p, out);
	ald__buf_free(&p.str);
	if (err < 0)
		ald__envpy_clear(out);
	return err;
}

/* Reads all of fd into b, failing once it holds more than
 * ALD_ENVPY_MAX_SIZE bytes. */
static int read_bounded(int fd, const char *path, struct ald_buf *b)
{
	char chunk[16384];
	for (;;) {
		ssize_t r = read(fd, chunk, sizeof(chunk));
		if (r == 0)
			return 0;
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return ald__error_set(ALD_ERROR, "%s: cannot read: %s", path,
					     strerror(errno));
		ald__buf_put(b, chunk, (size_t)r);
		if (b->len > ALD_ENVPY_MAX_SIZE)
			return ald__error_set(ALD_EINVALID,
					     "%s: larger than 1 MiB; aludel does not read an "
					     "env.py that large",
					     path);
	}
}

int ald__envpy_read(struct ald_envpy *out, const char *path)
{
	memset(out, 0, sizeof(*out));
	/* non-blocking, then checked: a FIFO named env.py must not hang aludel */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0 && errno == ENOENT)
		return 0;
	if (fd < 0)
		return ald__error_set(ALD_ERROR, "%s: cannot open: %s", path, strerror(errno));
	struct stat st;
	if (fstat(fd, &st) != 0) {
		int e = errno;
		close(fd);
		return ald__error_set(ALD_ERROR, "%s: cannot read: %s", path, strerror(e));
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return ald__error_set(ALD_EINVALID, "%s: not a regular file (%s)", path,
				     ald__file_type_name(st.st_mode));
	}
	struct ald_buf b = {0};
	int err = read_bounded(fd, path, &b);
	close(fd);
	if (err == 0)
		err = ald__envpy_parse(out, b.ptr ? b.ptr : "", b.len, path);
	ald__buf_free(&b);
	return err;
}

void ald__envpy_clear(struct ald_envpy *e)
{
	for (int s = 0; s < S_COUNT; s++)
		free(setting_of(e, (enum setting)s)->value);
	memset(e, 0, sizeof(*e));
}
