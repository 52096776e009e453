/* revision_tables.c - the tables a revision's upgrade touches
 * (ald_revision_tables): read statically, nothing runs.
 *
 * A native .sql revision: the statements of its upgrade section (split by
 * sql_split.c, by the rules of the project's database) are read as tokens - comments, string literals and dollar
 * quotes are skipped, quoted names kept as written - and a few statement
 * shapes name tables: CREATE TABLE, ALTER TABLE (and its RENAME TO), DROP
 * TABLE, INSERT/REPLACE INTO, UPDATE ... SET, DELETE FROM, TRUNCATE, CREATE
 * INDEX ... ON. An Alembic .py revision: the body of its top-level `def
 * upgrade(`, read with the Python lexer (py_lex.c), and the literal table
 * arguments of op.* calls; op.execute's literal SQL is read as above.
 */
#include "error.h"
#include "project.h"
#include "py_lex.h"
#include "sql_split.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---------------------------------------------------------------- names */

/* Lower-cases ASCII letters of s in place. */
static void lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

/* Adds "schema.name" (schema may be NULL) to the set, without the default
 * schemas: PostgreSQL's "public" and SQLite's "main" name the same table as
 * no schema at all. */
static void add_name(struct ald_strvec *set, const char *schema, size_t schema_len, const char *name)
{
	if (!*name)
		return;
	char *full;
	if (schema && schema_len && !(schema_len == 6 && memcmp(schema, "public", 6) == 0) &&
	    !(schema_len == 4 && memcmp(schema, "main", 4) == 0))
		full = ald__xasprintf("%.*s.%s", (int)schema_len, schema, name);
	else
		full = ald__xstrdup(name);
	if (ald__strvec_contains(set, full))
		free(full);
	else
		ald__strvec_push(set, full);
}

/* ---------------------------------------------------------------- SQL */

enum sql_kind { S_WORD, S_QNAME, S_PUNCT, S_OTHER };

struct sql_tok {
	enum sql_kind kind;
	const char *s; /* S_WORD: the word; S_QNAME: inside the quotes; S_PUNCT: the character */
	size_t n;
	char quote;    /* S_QNAME: the closing quote character */
};

struct sql_toks {
	struct sql_tok *v;
	size_t n, cap;
};

static int sql_word_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static int sql_word_char(unsigned char c)
{
	return sql_word_start(c) || (c >= '0' && c <= '9') || c == '$';
}

static void tok_push(struct sql_toks *tv, enum sql_kind kind, const char *s, size_t n, char quote)
{
	tv->v = ald__xgrow(tv->v, &tv->cap, tv->n + 1, sizeof(*tv->v));
	tv->v[tv->n++] = (struct sql_tok){kind, s, n, quote};
}

/* The end of a quoted run starting at t[i] (the opening quote) closed by
 * `close`, where a doubled close is an escape (and, when `backslash`, a
 * backslash escapes the next byte); len when it is not closed. */
static size_t quoted_end(const char *t, size_t len, size_t i, char close, int backslash)
{
	for (i++; i < len; i++) {
		if (backslash && t[i] == '\\') {
			i++;
		} else if (t[i] == close) {
			if (close != ']' && i + 1 < len && t[i + 1] == close)
				i++;
			else
				return i + 1;
		}
	}
	return len;
}

/* Reads SQL text as tokens: words, quoted names ("x", `x`, [x]), single
 * punctuation characters, and S_OTHER for string literals and numbers;
 * comments and dollar-quoted bodies are dropped. The tokens point into t. */
static void sql_tokenize(struct sql_toks *tv, const char *t, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned char c = (unsigned char)t[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
			i++;
		} else if (c == '-' && i + 1 < len && t[i + 1] == '-') {
			const char *nl = memchr(t + i, '\n', len - i);
			i = nl ? (size_t)(nl - t) + 1 : len;
		} else if (c == '/' && i + 1 < len && t[i + 1] == '*') {
			unsigned depth = 1;
			for (i += 2; i < len && depth; i++) {
				if (t[i] == '/' && i + 1 < len && t[i + 1] == '*')
					depth++, i++;
				else if (t[i] == '*' && i + 1 < len && t[i + 1] == '/')
					depth--, i++;
			}
		} else if (c == '\'') {
			/* E'...' is read as a word "E" then this literal: see the word case */
			size_t e = quoted_end(t, len, i, '\'', 0);
			tok_push(tv, S_OTHER, t + i, e - i, 0);
			i = e;
		} else if (c == '"' || c == '`' || c == '[') {
			char close = c == '[' ? ']' : (char)c;
			size_t e = quoted_end(t, len, i, close, 0);
			size_t inner = e - i >= 2 && t[e - 1] == close ? e - i - 2 : e - i - 1;
			tok_push(tv, S_QNAME, t + i + 1, inner, close);
			i = e;
		} else if (c == '$') {
			/* $tag$ ... $tag$ (tag may be empty); $1 is a parameter */
			size_t k = i + 1;
			while (k < len && sql_word_char((unsigned char)t[k]) && t[k] != '$' &&
			       !(k == i + 1 && t[k] >= '0' && t[k] <= '9'))
				k++;
			if (k < len && t[k] == '$') {
				size_t tag = k + 1 - i;
				const char *end = NULL;
				for (size_t s = k + 1; s + tag <= len; s++)
					if (t[s] == '$' && memcmp(t + s, t + i, tag) == 0) {
						end = t + s;
						break;
					}
				size_t e = end ? (size_t)(end - t) + tag : len;
				tok_push(tv, S_OTHER, t + i, e - i, 0);
				i = e;
			} else {
				tok_push(tv, S_PUNCT, t + i, 1, 0);
				i++;
			}
		} else if (sql_word_start(c)) {
			size_t s = i;
			while (i < len && sql_word_char((unsigned char)t[i]))
				i++;
			if (i - s == 1 && (t[s] == 'E' || t[s] == 'e') && i < len && t[i] == '\'') {
				size_t e = quoted_end(t, len, i, '\'', 1);
				tok_push(tv, S_OTHER, t + s, e - s, 0);
				i = e;
			} else {
				tok_push(tv, S_WORD, t + s, i - s, 0);
			}
		} else if (c >= '0' && c <= '9') {
			size_t s = i;
			while (i < len && (sql_word_char((unsigned char)t[i]) || t[i] == '.'))
				i++;
			tok_push(tv, S_OTHER, t + s, i - s, 0);
		} else {
			tok_push(tv, S_PUNCT, t + i, 1, 0);
			i++;
		}
	}
}

/* Whether token k is the word w (any case). */
static int is_kw(const struct sql_toks *tv, size_t k, const char *w)
{
	return k < tv->n && tv->v[k].kind == S_WORD && tv->v[k].n == strlen(w) &&
	       strncasecmp(tv->v[k].s, w, tv->v[k].n) == 0;
}

static int is_punct(const struct sql_toks *tv, size_t k, char c)
{
	return k < tv->n && tv->v[k].kind == S_PUNCT && tv->v[k].s[0] == c;
}

/* Words that end a pattern where a name was expected. */
static int is_reserved(const struct sql_tok *t)
{
	static const char *const words[] = {"on",     "set",    "table", "only", "if",      "where",
					    "from",   "into",   "values", "select", "as",   "of",
					    "using",  "default", "cascade", "restrict", "not", "exists",
					    "index",  "with",   "and",   "or",   "to",      NULL};
	for (size_t i = 0; words[i]; i++)
		if (t->n == strlen(words[i]) && strncasecmp(t->s, words[i], t->n) == 0)
			return 1;
	return 0;
}

/* One part of a name, normalised (a word lower-cased, a quoted name as
 * written with its doubled quotes undone), or NULL when token k is none. */
static char *name_part(const struct sql_toks *tv, size_t k)
{
	if (k >= tv->n)
		return NULL;
	const struct sql_tok *t = &tv->v[k];
	if (t->kind == S_WORD) {
		if (is_reserved(t))
			return NULL;
		char *s = ald__xstrndup(t->s, t->n);
		lower(s);
		return s;
	}
	if (t->kind != S_QNAME)
		return NULL;
	struct ald_buf b = {0};
	for (size_t i = 0; i < t->n; i++) {
		ald__buf_putc(&b, t->s[i]);
		if (t->s[i] == t->quote && t->quote != ']' && i + 1 < t->n && t->s[i + 1] == t->quote)
			i++;
	}
	return ald__buf_detach(&b);
}

/* A possibly schema-qualified name at *k; moves *k past it. */
struct qname {
	char *schema; /* NULL when not qualified */
	char *name;
};

static int read_qname(struct qname *q, const struct sql_toks *tv, size_t *k)
{
	q->schema = NULL;
	q->name = name_part(tv, *k);
	if (!q->name)
		return 0;
	(*k)++;
	/* a.b.c (database.schema.table): the last two parts */
	while (is_punct(tv, *k, '.')) {
		char *next = name_part(tv, *k + 1);
		if (!next)
			break;
		free(q->schema);
		q->schema = q->name;
		q->name = next;
		*k += 2;
	}
	return 1;
}

static void qname_add(struct ald_strvec *set, struct qname *q)
{
	add_name(set, q->schema, q->schema ? strlen(q->schema) : 0, q->name);
	free(q->schema);
	free(q->name);
}

/* Skips the optional words of `ws` (in that order, each at most once). */
static size_t skip_words(const struct sql_toks *tv, size_t k, const char *const *ws)
{
	for (; *ws; ws++)
		if (is_kw(tv, k, *ws))
			k++;
	return k;
}

/* IF [NOT] EXISTS */
static size_t skip_if_exists(const struct sql_toks *tv, size_t k)
{
	if (is_kw(tv, k, "if") && is_kw(tv, k + 1, "not") && is_kw(tv, k + 2, "exists"))
		return k + 3;
	if (is_kw(tv, k, "if") && is_kw(tv, k + 1, "exists"))
		return k + 2;
	return k;
}

/* The end of the statement that token k is in: the next ';' or the end. */
static size_t stmt_end(const struct sql_toks *tv, size_t k)
{
	while (k < tv->n && !is_punct(tv, k, ';'))
		k++;
	return k;
}

/* ALTER TABLE [IF EXISTS] [ONLY] name ... [RENAME TO new]: both names. */
static void sql_alter(struct ald_strvec *set, const struct sql_toks *tv, size_t k)
{
	struct qname q;
	k = skip_if_exists(tv, k);
	if (is_kw(tv, k, "only"))
		k++;
	if (!read_qname(&q, tv, &k))
		return;
	for (size_t end = stmt_end(tv, k); k + 1 < end; k++)
		if (is_kw(tv, k, "rename") && is_kw(tv, k + 1, "to")) {
			size_t j = k + 2;
			struct qname to;
			if (read_qname(&to, tv, &j)) {
				if (!to.schema && q.schema) /* the new name stays in the old one's schema */
					to.schema = ald__xstrdup(q.schema);
				qname_add(set, &to);
			}
			break;
		}
	qname_add(set, &q);
}

/* A name list: name {, name}, each after the optional words `ws`. */
static void sql_name_list(struct ald_strvec *set, const struct sql_toks *tv, size_t k, const char *const *ws)
{
	struct qname q;
	for (;;) {
		k = skip_words(tv, k, ws);
		if (!read_qname(&q, tv, &k))
			return;
		qname_add(set, &q);
		if (!is_punct(tv, k, ','))
			return;
		k++;
	}
}

/* CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON [ONLY] table */
static void sql_index(struct ald_strvec *set, const struct sql_toks *tv, size_t k)
{
	struct qname q;
	if (is_kw(tv, k, "concurrently"))
		k++;
	k = skip_if_exists(tv, k);
	if (!is_kw(tv, k, "on")) {
		if (!read_qname(&q, tv, &k))
			return;
		free(q.schema);
		free(q.name);
	}
	if (!is_kw(tv, k, "on"))
		return;
	k++;
	if (is_kw(tv, k, "only"))
		k++;
	if (read_qname(&q, tv, &k))
		qname_add(set, &q);
}

/* UPDATE [OR word] [ONLY] name [*] [[AS] alias] SET */
static void sql_update(struct ald_strvec *set, const struct sql_toks *tv, size_t k)
{
	struct qname q;
	if (is_kw(tv, k, "or"))
		k += 2;
	if (is_kw(tv, k, "only"))
		k++;
	if (!read_qname(&q, tv, &k))
		return;
	if (is_punct(tv, k, '*'))
		k++;
	if (is_kw(tv, k, "as"))
		k++;
	if (!is_kw(tv, k, "set") && k < tv->n && (tv->v[k].kind == S_WORD || tv->v[k].kind == S_QNAME))
		k++; /* an alias */
	if (is_kw(tv, k, "set"))
		qname_add(set, &q);
	else
		free(q.schema), free(q.name);
}

/* Adds the tables named by the SQL text (any number of statements). */
static void sql_tables(struct ald_strvec *set, const char *sql, size_t len)
{
	static const char *const create_mods[] = {"or", "replace", "global", "local", "temp", "temporary",
						  "unlogged", "virtual", NULL};
	static const char *const only[] = {"only", NULL};
	static const char *const table_only[] = {"table", "only", NULL};
	static const char *const none[] = {NULL};
	struct sql_toks tv = {0};
	sql_tokenize(&tv, sql, len);
	for (size_t k = 0; k < tv.n; k++) {
		if (tv.v[k].kind != S_WORD)
			continue;
		struct qname q;
		size_t j = k + 1;
		if (is_kw(&tv, k, "create")) {
			j = skip_words(&tv, j, create_mods);
			if (is_kw(&tv, j, "table")) {
				j = skip_if_exists(&tv, j + 1);
				if (read_qname(&q, &tv, &j))
					qname_add(set, &q);
			} else if (is_kw(&tv, j, "unique") && is_kw(&tv, j + 1, "index")) {
				sql_index(set, &tv, j + 2);
			} else if (is_kw(&tv, j, "index")) {
				sql_index(set, &tv, j + 1);
			}
		} else if (is_kw(&tv, k, "alter") && is_kw(&tv, j, "table")) {
			sql_alter(set, &tv, j + 1);
		} else if (is_kw(&tv, k, "drop") && is_kw(&tv, j, "table")) {
			sql_name_list(set, &tv, skip_if_exists(&tv, j + 1), none);
		} else if (is_kw(&tv, k, "insert") || (is_kw(&tv, k, "replace") && is_kw(&tv, j, "into"))) {
			if (is_kw(&tv, j, "or"))
				j += 2;
			if (is_kw(&tv, j, "into")) {
				j++;
				if (read_qname(&q, &tv, &j))
					qname_add(set, &q);
			}
		} else if (is_kw(&tv, k, "update")) {
			sql_update(set, &tv, j);
		} else if (is_kw(&tv, k, "delete") && is_kw(&tv, j, "from")) {
			sql_name_list(set, &tv, j + 1, only);
		} else if (is_kw(&tv, k, "truncate")) {
			sql_name_list(set, &tv, j, table_only);
		}
	}
	free(tv.v);
}

/* The upgrade section of a native revision, split by the rules of the
 * project's database (ald__project_split_dialect). */
static int sql_revision(struct ald_strvec *set, const struct ald_revfile *f, enum ald_sql_dialect dialect)
{
	if (!f->upgrade.present)
		return 0;
	char *text = NULL;
	int err = ald__revfile_section(&text, f, 1);
	if (err < 0)
		return err;
	struct ald_stmts st = {0};
	err = ald__sql_split_dialect(&st, dialect, text, strlen(text), f->upgrade.line);
	if (err < 0) {
		ald__error_prefix("%s:", f->path);
	} else {
		for (size_t i = 0; i < st.n; i++)
			sql_tables(set, st.v[i].sql, strlen(st.v[i].sql));
	}
	ald__stmts_free(&st);
	free(text);
	return err < 0 ? err : 0;
}

/* ---------------------------------------------------------------- Python */

enum py_kind { P_NAME, P_STR, P_OP, P_OTHER };

struct py_tok {
	enum py_kind kind;
	char *text;  /* P_NAME: the name; P_STR: the value; P_OP: the character; owned */
	int first;   /* the first token of a logical line */
	size_t col;  /* its column (bytes from the start of its line) */
};

struct py_toks {
	struct py_tok *v;
	size_t n, cap;
};

static void py_push(struct py_toks *tv, enum py_kind kind, char *text, int first, size_t col)
{
	tv->v = ald__xgrow(tv->v, &tv->cap, tv->n + 1, sizeof(*tv->v));
	tv->v[tv->n++] = (struct py_tok){kind, text, first, col};
}

static void py_toks_free(struct py_toks *tv)
{
	for (size_t i = 0; i < tv->n; i++)
		free(tv->v[i].text);
	free(tv->v);
}

/* Reads Python source as tokens with the shared lexer. */
static int py_tokenize(struct py_toks *tv, const char *path, const char *t, size_t len)
{
	struct ald_pylex lx = {path, t, len, 0, 1};
	unsigned depth = 0;
	int bol = 1;
	size_t line_start = 0;
	for (;;) {
		int c = ald__py_at(&lx, 0);
		unsigned flags;
		int pre;
		if (c < 0)
			return 0;
		if (ald__py_newline_at(&lx, 0)) {
			ald__py_eat_newline(&lx);
			if (depth == 0) {
				bol = 1;
				line_start = lx.i;
			}
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\f' || c == '#' ||
		    (c == '\\' && ald__py_newline_at(&lx, 1))) {
			ald__py_skip_space(&lx, 0); /* always moves: it skips at least c */
			continue;
		}
		int first = bol;
		size_t col = lx.i - line_start;
		bol = 0;
		if ((c == '\'' || c == '"' || ald__py_is_ident_start(c)) &&
		    (pre = ald__py_string_start(&lx, &flags)) >= 0) {
			struct ald_buf b = {0};
			int err = ald__py_read_string(&lx, pre, flags, &b);
			if (err < 0) {
				ald__buf_free(&b);
				return err;
			}
			py_push(tv, P_STR, ald__buf_detach(&b), first, col);
		} else if (ald__py_is_ident_start(c)) {
			size_t s = lx.i;
			while (ald__py_is_ident_char(ald__py_at(&lx, 0)))
				lx.i++;
			py_push(tv, P_NAME, ald__xstrndup(t + s, lx.i - s), first, col);
		} else if (c >= '0' && c <= '9') {
			while (ald__py_is_ident_char(ald__py_at(&lx, 0)) || ald__py_at(&lx, 0) == '.')
				lx.i++;
			py_push(tv, P_OTHER, NULL, first, col);
		} else {
			if (c == '(' || c == '[' || c == '{')
				depth++;
			else if ((c == ')' || c == ']' || c == '}') && depth)
				depth--;
			char op[2] = {(char)c, 0};
			py_push(tv, P_OP, ald__xstrdup(op), first, col);
			lx.i++;
		}
	}
}

static int py_is(const struct py_toks *tv, size_t k, enum py_kind kind, const char *text)
{
	return k < tv->n && tv->v[k].kind == kind && (!text || ald__streq(tv->v[k].text, text));
}

/* One argument of a call. */
enum arg_kind { A_OTHER, A_STR, A_CALLSTR, A_VAR };
struct py_arg {
	const char *kw;   /* keyword, or NULL for a positional one */
	enum arg_kind kind;
	char *str;        /* A_STR: the literal (adjacent literals joined); A_CALLSTR: the
	                     first literal argument of x.table("...")/text("..."); A_VAR: the
	                     name; owned */
};

struct py_args {
	struct py_arg v[16];
	size_t n;
};

static void py_args_free(struct py_args *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->v[i].str);
	a->n = 0;
}

/* The value starting at token k and ending before e (a ',' or ')' at the
 * call's depth). */
static void py_value(struct py_arg *a, const struct py_toks *tv, size_t k, size_t e)
{
	a->kind = A_OTHER;
	a->str = NULL;
	if (k < e && py_is(tv, k, P_STR, NULL)) {
		struct ald_buf b = {0};
		size_t j = k;
		while (j < e && py_is(tv, j, P_STR, NULL))
			ald__buf_puts(&b, tv->v[j++].text);
		if (j == e) {
			a->kind = A_STR;
			a->str = ald__buf_detach(&b);
		} else {
			ald__buf_free(&b);
		}
		return;
	}
	if (k + 1 == e && py_is(tv, k, P_NAME, NULL)) {
		a->kind = A_VAR;
		a->str = ald__xstrdup(tv->v[k].text);
		return;
	}
	/* [name .]* (table|text) ( "literal" ... */
	size_t j = k;
	while (j + 1 < e && py_is(tv, j, P_NAME, NULL) && py_is(tv, j + 1, P_OP, "."))
		j += 2;
	if (j + 2 < e && (py_is(tv, j, P_NAME, "table") || py_is(tv, j, P_NAME, "text")) &&
	    py_is(tv, j + 1, P_OP, "(") && py_is(tv, j + 2, P_STR, NULL)) {
		a->kind = A_CALLSTR;
		a->str = ald__xstrdup(tv->v[j + 2].text);
	}
}

/* Reads the arguments of the call whose '(' is token k; returns the index
 * after its ')'. */
static size_t py_call_args(struct py_args *out, const struct py_toks *tv, size_t k)
{
	size_t depth = 0, start = k + 1;
	out->n = 0;
	for (size_t j = k; j < tv->n; j++) {
		if (tv->v[j].kind != P_OP)
			continue;
		char c = tv->v[j].text[0];
		if (c == '(' || c == '[' || c == '{') {
			depth++;
		} else if ((c == ')' || c == ']' || c == '}') && depth > 1) {
			depth--;
		} else if ((c == ',' && depth == 1) || (c == ')' && depth == 1)) {
			if (j > start && out->n < sizeof(out->v) / sizeof(out->v[0])) {
				struct py_arg *a = &out->v[out->n++];
				size_t v = start;
				a->kw = NULL;
				if (py_is(tv, start, P_NAME, NULL) && py_is(tv, start + 1, P_OP, "=") &&
				    !py_is(tv, start + 2, P_OP, "=")) {
					a->kw = tv->v[start].text;
					v = start + 2;
				}
				py_value(a, tv, v, j);
			}
			start = j + 1;
			if (c == ')')
				return j + 1;
		}
	}
	return tv->n;
}

/* The argument given at position `pos` or as keyword `kw`, or NULL. */
static const struct py_arg *py_arg(const struct py_args *a, size_t pos, const char *kw)
{
	size_t p = 0;
	for (size_t i = 0; i < a->n; i++) {
		if (a->v[i].kw) {
			if (kw && ald__streq(a->v[i].kw, kw))
				return &a->v[i];
		} else if (p++ == pos) {
			return &a->v[i];
		}
	}
	return NULL;
}

/* op.<function>: where its table names are. */
struct op_fn {
	const char *name;
	size_t pos;        /* the table's position */
	const char *kw;    /* ... or keyword */
	size_t pos2;       /* a second table (rename_table's new name): position, or 99 */
	const char *kw2;
	const char *schema_kw;
};

static const struct op_fn op_fns[] = {
	{"create_table", 0, "table_name", 99, NULL, "schema"},
	{"drop_table", 0, "table_name", 99, NULL, "schema"},
	{"add_column", 0, "table_name", 99, NULL, "schema"},
	{"drop_column", 0, "table_name", 99, NULL, "schema"},
	{"alter_column", 0, "table_name", 99, NULL, "schema"},
	{"create_index", 1, "table_name", 99, NULL, "schema"},
	{"drop_index", 1, "table_name", 99, NULL, "schema"},
	{"rename_table", 0, "old_table_name", 1, "new_table_name", "schema"},
	{"create_foreign_key", 1, "source_table", 99, NULL, "source_schema"},
	{"drop_constraint", 1, "table_name", 99, NULL, "schema"},
	{"create_unique_constraint", 1, "table_name", 99, NULL, "schema"},
	{"create_check_constraint", 1, "table_name", 99, NULL, "schema"},
	{"create_primary_key", 1, "table_name", 99, NULL, "schema"},
	{"create_table_comment", 0, "table_name", 99, NULL, "schema"},
	{"drop_table_comment", 0, "table_name", 99, NULL, "schema"},
	{"batch_alter_table", 0, "table_name", 99, NULL, "schema"},
	{"bulk_insert", 0, "table", 99, NULL, NULL},
	{NULL, 0, NULL, 0, NULL, NULL},
};

/* Variables of the upgrade body bound to x.table("name", ...): bulk_insert's
 * usual argument. */
struct py_vars {
	struct ald_strvec names, tables;
};

static const char *py_var_table(const struct py_vars *vars, const char *name)
{
	for (size_t i = vars->names.n; i-- > 0;)
		if (ald__streq(vars->names.v[i], name))
			return vars->tables.v[i];
	return NULL;
}

/* The table name an argument gives, or NULL. */
static const char *py_table_of(const struct py_arg *a, const struct py_vars *vars)
{
	if (!a)
		return NULL;
	if (a->kind == A_STR || a->kind == A_CALLSTR)
		return a->str;
	if (a->kind == A_VAR)
		return py_var_table(vars, a->str);
	return NULL;
}

static void py_op_call(struct ald_strvec *set, const char *fn, const struct py_args *args,
		       const struct py_vars *vars)
{
	if (ald__streq(fn, "execute")) {
		const struct py_arg *a = py_arg(args, 0, "sqltext");
		if (a && (a->kind == A_STR || a->kind == A_CALLSTR))
			sql_tables(set, a->str, strlen(a->str));
		return;
	}
	for (const struct op_fn *o = op_fns; o->name; o++) {
		if (!ald__streq(o->name, fn))
			continue;
		const struct py_arg *s = o->schema_kw ? py_arg(args, 99, o->schema_kw) : NULL;
		const char *schema = s && s->kind == A_STR ? s->str : NULL;
		const char *t1 = py_table_of(py_arg(args, o->pos, o->kw), vars);
		const char *t2 = o->kw2 ? py_table_of(py_arg(args, o->pos2, o->kw2), vars) : NULL;
		if (t1)
			add_name(set, schema, schema ? strlen(schema) : 0, t1);
		if (t2)
			add_name(set, schema, schema ? strlen(schema) : 0, t2);
		return;
	}
}

/* The tables of an Alembic revision's upgrade(). */
static int py_revision(struct ald_strvec *set, const struct ald_revfile *f)
{
	char *text;
	size_t len;
	int err = ald__read_file_max(&text, &len, f->path, ald__read_limit());
	if (err < 0)
		return err;
	struct py_toks tv = {0};
	err = py_tokenize(&tv, f->path, text, len);
	struct py_vars vars = {{0}, {0}};
	struct py_args args = {.n = 0};
	int in_upgrade = 0;
	for (size_t k = 0; err == 0 && k < tv.n; k++) {
		const struct py_tok *t = &tv.v[k];
		if (t->first && t->col == 0) {
			in_upgrade = py_is(&tv, k, P_NAME, "def") && py_is(&tv, k + 1, P_NAME, "upgrade") &&
				     py_is(&tv, k + 2, P_OP, "(");
			continue;
		}
		if (!in_upgrade)
			continue;
		/* name = [x.]table("literal", ...) */
		if (t->first && t->kind == P_NAME && py_is(&tv, k + 1, P_OP, "=") && !py_is(&tv, k + 2, P_OP, "=")) {
			size_t j = k + 2;
			while (py_is(&tv, j, P_NAME, NULL) && py_is(&tv, j + 1, P_OP, "."))
				j += 2;
			if (py_is(&tv, j, P_NAME, "table") && py_is(&tv, j + 1, P_OP, "(") &&
			    py_is(&tv, j + 2, P_STR, NULL)) {
				ald__strvec_pushdup(&vars.names, t->text);
				ald__strvec_pushdup(&vars.tables, tv.v[j + 2].text);
			}
		}
		/* op.<fn>( ... ) */
		if (py_is(&tv, k, P_NAME, "op") && (k == 0 || !py_is(&tv, k - 1, P_OP, ".")) &&
		    py_is(&tv, k + 1, P_OP, ".") && py_is(&tv, k + 2, P_NAME, NULL) &&
		    py_is(&tv, k + 3, P_OP, "(")) {
			py_call_args(&args, &tv, k + 3);
			py_op_call(set, tv.v[k + 2].text, &args, &vars);
			py_args_free(&args);
			k += 3; /* the arguments are looked at again: op.execute inside is rare, harmless */
		}
	}
	ald__strvec_free(&vars.names);
	ald__strvec_free(&vars.tables);
	py_toks_free(&tv);
	free(text);
	return err;
}

/* ---------------------------------------------------------------- API */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int ald_revision_tables(ald_strarray *out, const ald_project *p, const ald_revision *r)
{
	out->strings = NULL;
	out->count = 0;
	if (!p || !r || r->project != p)
		return ald__error_set(ALD_EUSAGE, "ald_revision_tables: the revision is not one of the project's");
	const struct ald_revfile *f = &r->rev->file;
	struct ald_strvec set = {0};
	int err;
	if (f->kind == ALD_REVFILE_SQL) {
		err = sql_revision(&set, f, ald__project_split_dialect(p));
	} else {
		err = py_revision(&set, f);
	}
	if (err < 0) {
		ald__strvec_free(&set);
		return err;
	}
	if (set.n)
		qsort(set.v, set.n, sizeof(*set.v), cmp_str);
	out->strings = set.v;
	out->count = set.n;
	return 0;
}
