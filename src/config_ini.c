/* config_ini.c - an ini file as configparser reads it, with inih doing the
 * line syntax (see config_ini.h).
 *
 * inih is fed through ini_parse_stream() with our own line reader, so that we
 * know the current line number, whether the line is indented (a continuation)
 * and which sections exist (inih does not report empty sections), and take
 * values from our own copy of the line: inih's buffer has a fixed size
 * (Debian builds it with 200 bytes), and it cuts values at " ;".
 */
#include "config_ini.h"
#include "error.h"

#include <ctype.h>
#include <ini.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 10 /* configparser's MAX_INTERPOLATION_DEPTH */

struct parse_ctx {
	struct ald_ini *ini;
	const char *text;
	size_t pos, len;
	unsigned lineno;   /* physical line last handed to inih */
	int indented;      /* that line starts with a blank */
	char *section;     /* current section, NULL before the first header */
	int have_prev;     /* a key was seen since the last header (inih's prev_name) */
	size_t last;       /* index of the last entry + 1; 0: none */
	char *err;         /* first error of ours: message ... */
	unsigned err_line; /* ... and its line */
	int err_code;
	size_t value_len, value_cap; /* the last entry's value: length, allocated size */
	const char *raw;   /* the current line in the text (inih changes its copy) */
	size_t raw_len;
};

static void ctx_fail(struct parse_ctx *c, int code, char *msg)
{
	if (c->err) {
		free(msg);
		return;
	}
	c->err = msg;
	c->err_line = c->lineno;
	c->err_code = code;
}

static int is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == '\f' || ch == '\v';
}

static void add_section(struct ald_ini *ini, const char *name);

/* Notes what inih is about to see on `line`: a section header changes the
 * current section (and is recorded even when it has no keys). */
static void note_line(struct parse_ctx *c, const char *line)
{
	const char *p = line;
	if (c->lineno == 1 && strncmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	c->indented = *p == ' ' || *p == '\t';
	while (is_blank(*p))
		p++;
	if (*p == '\0' || *p == '#' || *p == ';')
		return;
	if (c->indented && c->have_prev)
		return; /* a continuation line */
	if (*p != '[')
		return;
	const char *end = strchr(p + 1, ']');
	if (!end)
		return; /* inih reports the syntax error */
	free(c->section);
	c->section = ald__xstrndup(p + 1, (size_t)(end - p - 1));
	c->have_prev = 0;
	c->last = 0;
	add_section(c->ini, c->section);
}

/* inih's line reader: the next line of the text, '\n' included. */
static char *read_line(char *str, int num, void *stream)
{
	struct parse_ctx *c = stream;
	if (c->err || c->pos >= c->len)
		return NULL;
	const char *s = c->text + c->pos;
	const char *nl = memchr(s, '\n', c->len - c->pos);
	size_t n = nl ? (size_t)(nl - s) + 1 : c->len - c->pos;
	c->lineno++;
	if (memchr(s, '\0', n)) {
		ctx_fail(c, ALD_EINVALID, ald__xasprintf("%s:%u: syntax error", c->ini->path, c->lineno));
		return NULL;
	}
	c->raw = s;
	c->raw_len = n;
	if (n + 1 > (size_t)num) {
		/* inih's buffer is fixed: give it the start of the line, enough for
		 * a key and its '='; values are taken from c->raw anyway. */
		const char *p = s;
		while (p < s + n && is_blank(*p))
			p++;
		if (p < s + n && *p == '[') {
			ctx_fail(c, ALD_EINVALID,
				 ald__xasprintf("%s:%u: line too long (at most %d characters)",
					       c->ini->path, c->lineno, num - 2));
			return NULL;
		}
		n = (size_t)num - 2;
		memcpy(str, s, n);
		str[n++] = '\n';
	} else {
		memcpy(str, s, n);
	}
	str[n] = '\0';
	c->pos += c->raw_len;
	note_line(c, str);
	return str;
}

/* A copy of the n bytes at v without an inline comment and without blanks
 * around: '#' or ';' after a blank starts a comment. The first character is
 * never one, so that `version_path_separator = ;` keeps its value. */
static char *strip_comment(const char *v, size_t n)
{
	while (n > 0 && is_blank(*v))
		v++, n--;
	size_t i = 1;
	for (; i < n; i++)
		if ((v[i] == '#' || v[i] == ';') && is_blank(v[i - 1]))
			break;
	if (i > n)
		i = n;
	while (i > 0 && is_blank(v[i - 1]))
		i--;
	return ald__xstrndup(v, i);
}

static char *lower_dup(const char *s)
{
	char *k = ald__xstrdup(s);
	for (char *p = k; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return k;
}

/* FNV-1a of a section name, and of a key after it. */
static size_t hash_str(size_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211ull;
	return (h ^ 0xff) * (size_t)1099511628211ull;
}

#define HASH_SEED ((size_t)14695981039346656037ull)

static struct ald_ini_entry *find_entry(const struct ald_ini *ini, const char *section,
					const char *key)
{
	if (!ini->key_slots)
		return NULL;
	size_t mask = ini->key_slots - 1;
	for (size_t i = hash_str(hash_str(HASH_SEED, section), key) & mask; ini->by_key[i];
	     i = (i + 1) & mask) {
		struct ald_ini_entry *e = &ini->v[ini->by_key[i] - 1];
		if (ald__streq(e->section, section) && ald__streq(e->key, key))
			return e;
	}
	return NULL;
}

/* Puts index `ix` (+ 1) in the table of `slots` slots at the hash `h`. */
static void table_put(size_t *table, size_t slots, size_t h, size_t ix)
{
	size_t i = h & (slots - 1);
	while (table[i])
		i = (i + 1) & (slots - 1);
	table[i] = ix + 1;
}

/* Adds entry n-1 (just appended) to the key table, growing it to keep it at
 * most half full. */
static void index_entry(struct ald_ini *ini)
{
	if (ini->n * 2 > ini->key_slots) {
		free(ini->by_key);
		ini->key_slots = ini->key_slots ? ini->key_slots * 2 : 64;
		ini->by_key = ald__xcalloc(ini->key_slots, sizeof(size_t));
		for (size_t i = 0; i + 1 < ini->n; i++)
			table_put(ini->by_key, ini->key_slots,
				  hash_str(hash_str(HASH_SEED, ini->v[i].section), ini->v[i].key), i);
	}
	const struct ald_ini_entry *e = &ini->v[ini->n - 1];
	table_put(ini->by_key, ini->key_slots, hash_str(hash_str(HASH_SEED, e->section), e->key),
		  ini->n - 1);
}

static int has_section(const struct ald_ini *ini, const char *name)
{
	if (!ini->section_slots)
		return 0;
	size_t mask = ini->section_slots - 1;
	for (size_t i = hash_str(HASH_SEED, name) & mask; ini->by_section[i]; i = (i + 1) & mask)
		if (ald__streq(ini->sections.v[ini->by_section[i] - 1], name))
			return 1;
	return 0;
}

/* Records a section name the first time it is seen. */
static void add_section(struct ald_ini *ini, const char *name)
{
	if (has_section(ini, name))
		return;
	ald__strvec_pushdup(&ini->sections, name);
	size_t n = ini->sections.n;
	if (n * 2 > ini->section_slots) {
		free(ini->by_section);
		ini->section_slots = ini->section_slots ? ini->section_slots * 2 : 16;
		ini->by_section = ald__xcalloc(ini->section_slots, sizeof(size_t));
		for (size_t i = 0; i + 1 < n; i++)
			table_put(ini->by_section, ini->section_slots,
				  hash_str(HASH_SEED, ini->sections.v[i]), i);
	}
	table_put(ini->by_section, ini->section_slots, hash_str(HASH_SEED, name), n - 1);
}

static int on_value(void *user, const char *section_unused, const char *name, const char *value)
{
	struct parse_ctx *c = user;
	struct ald_ini *ini = c->ini;
	(void)section_unused; /* inih truncates long names: we track the section ourselves */
	(void)value;          /* taken from c->raw (inih's may be cut short) */
	if (c->err)
		return 1;
	if (!c->section || !*name) {
		ctx_fail(c, ALD_EINVALID, ald__xasprintf("%s:%u: syntax error", ini->path, c->lineno));
		return 0;
	}
	char *key = lower_dup(name);
	if (c->indented && c->last && ald__streq(ini->v[c->last - 1].key, key)) {
		struct ald_ini_entry *e = &ini->v[c->last - 1];
		char *v = strip_comment(c->raw, c->raw_len);
		if (*v) { /* a continuation line, appended in place: linear however many */
			size_t vlen = strlen(v), sep = c->value_len ? 1 : 0;
			size_t need = c->value_len + sep + vlen + 1;
			if (need > c->value_cap) {
				c->value_cap = need > c->value_cap * 2 ? need : c->value_cap * 2;
				e->value = ald__xrealloc(e->value, c->value_cap);
			}
			if (sep)
				e->value[c->value_len++] = '\n';
			memcpy(e->value + c->value_len, v, vlen + 1);
			c->value_len += vlen;
		}
		free(key);
		free(v);
		return 1;
	}
	struct ald_ini_entry *dup = find_entry(ini, c->section, key);
	if (dup) {
		ctx_fail(c, ALD_EINVALID,
			 ald__xasprintf("%s:%u: duplicate key '%s' in [%s] (first on line %u)", ini->path,
				       c->lineno, key, c->section, dup->line));
		free(key);
		return 0;
	}
	/* The value from our copy of the line: inih has already cut it at a
	 * ';' after a blank. The first '=' or ':' is where inih split it. */
	const char *eq = memchr(c->raw, '=', c->raw_len), *colon = memchr(c->raw, ':', c->raw_len);
	const char *sep = !eq ? colon : !colon ? eq : eq < colon ? eq : colon;
	char *v = sep ? strip_comment(sep + 1, c->raw_len - (size_t)(sep + 1 - c->raw))
		      : ald__xstrdup("");
	ini->v = ald__xgrow(ini->v, &ini->cap, ini->n + 1, sizeof(*ini->v));
	ini->v[ini->n++] = (struct ald_ini_entry){
		.section = ald__xstrdup(c->section), .key = key, .value = v, .line = c->lineno};
	index_entry(ini);
	c->last = ini->n;
	c->value_len = strlen(v);
	c->value_cap = c->value_len + 1;
	c->have_prev = 1;
	return 1;
}

int ald__ini_parse(struct ald_ini *ini, const char *path, const char *text, size_t len)
{
	memset(ini, 0, sizeof(*ini));
	ini->path = ald__xstrdup(path);
	struct parse_ctx c = {.ini = ini, .text = text, .len = len};
	int line = ini_parse_stream(read_line, &c, on_value, &c);
	int error = 0;
	if (line > 0 && (!c.err || (unsigned)line < c.err_line))
		error = ald__error_set(ALD_EINVALID, "%s:%d: syntax error", path, line);
	else if (c.err)
		error = ald__error_set(c.err_code, "%s", c.err);
	else if (line < 0)
		error = ald__error_set(ALD_ERROR, "%s: cannot parse", path);
	free(c.err);
	free(c.section);
	if (error < 0)
		ald__ini_clear(ini);
	return error;
}

void ald__ini_clear(struct ald_ini *ini)
{
	for (size_t i = 0; i < ini->n; i++) {
		free(ini->v[i].section);
		free(ini->v[i].key);
		free(ini->v[i].value);
	}
	free(ini->v);
	free(ini->path);
	ald__strvec_free(&ini->sections);
	free(ini->by_key);
	free(ini->by_section);
	memset(ini, 0, sizeof(*ini));
}

int ald__ini_has_section(const struct ald_ini *ini, const char *section)
{
	/* as in configparser, [DEFAULT] only supplies defaults */
	return !ald__streq(section, "DEFAULT") && has_section(ini, section);
}

const struct ald_ini_entry *ald__ini_lookup(const struct ald_ini *ini, const char *section,
					   const char *key)
{
	const struct ald_ini_entry *e = find_entry(ini, section, key);
	return e ? e : find_entry(ini, "DEFAULT", key);
}

/* Interpolation is bounded three ways: the depth of nested references
 * (configparser's 10, which also stops a loop), the size of the expanded
 * value (ALD_INI_MAX_VALUE), and the work: each key's expansion is computed
 * once per call and reused, so that a value referring many times to a key
 * that refers many times to another... costs what its result holds, not the
 * product of the references (an 11-line file could otherwise ask for 10^9
 * expansions of an empty value). */
struct memo {
	const struct ald_ini_entry *e;
	char *value;
	size_t len;
	int height; /* nesting of references below it */
};

struct expand_ctx {
	const struct ald_ini *ini;
	const char *section, *here;
	const struct ald_ini_entry *top; /* the value asked for: named when it grows too large */
	struct ald_buf out;
	struct memo *memo;
	size_t n_memo, cap_memo;
};

static int too_large(struct expand_ctx *x)
{
	return ald__error_set(ALD_EINVALID,
			     "%s:%u: the value of '%s' expands to more than %d bytes "
			     "(nested %%(...)s references?)",
			     x->ini->path, x->top->line, x->top->key, ALD_INI_MAX_VALUE);
}

/* Appends n bytes, failing once the value would pass its limit. */
static int put(struct expand_ctx *x, const char *s, size_t n)
{
	if (n > (size_t)ALD_INI_MAX_VALUE - x->out.len)
		return too_large(x);
	ald__buf_put(&x->out, s, n);
	return 0;
}

/* %(name)s at s (pointing after "%("): appends the value of name. */
static int expand_ref(struct expand_ctx *x, const struct ald_ini_entry *e, const char **sp,
		      int depth, int *height);

/* Appends the expansion of e's value; *height gets the nesting of the
 * references it went through. */
static int expand_value(struct expand_ctx *x, const struct ald_ini_entry *e, int depth, int *height)
{
	const char *path = x->ini->path;
	*height = 0;
	if (depth > MAX_DEPTH)
		return ald__error_set(ALD_EINVALID,
				     "%s:%u: too many nested %%(...)s references in the value of '%s' "
				     "(a loop?)",
				     path, e->line, e->key);
	int error = 0;
	for (const char *s = e->value; *s && error == 0;) {
		if (s[0] == '%' && s[1] == '%') {
			error = put(x, "%", 1);
			s += 2;
		} else if (s[0] == '%' && s[1] == '(') {
			s += 2;
			int h;
			error = expand_ref(x, e, &s, depth, &h);
			if (h + 1 > *height)
				*height = h + 1;
		} else if (s[0] == '%') {
			return ald__error_set(ALD_EINVALID,
					     "%s:%u: '%%' must be followed by '%%' or '(' in the value of "
					     "'%s' (write %%%% for a literal %%)",
					     path, e->line, e->key);
		} else if (s[0] == '$' && s[1] == '{') {
			const char *end = strchr(s + 2, '}');
			if (!end || end == s + 2)
				return ald__error_set(ALD_EINVALID,
						     "%s:%u: bad environment variable reference in the "
						     "value of '%s' (expected ${NAME})",
						     path, e->line, e->key);
			char *name = ald__xstrndup(s + 2, (size_t)(end - s - 2));
			const char *val = getenv(name);
			if (!val) {
				error = ald__error_set(ALD_EINVALID,
						      "%s:%u: environment variable '%s' is not set "
						      "(used by '%s')",
						      path, e->line, name, e->key);
				free(name);
				return error;
			}
			free(name);
			error = put(x, val, strlen(val));
			s = end + 1;
		} else {
			size_t n = strcspn(s, "%$");
			if (n == 0) /* a '$' not starting ${ */
				n = 1;
			error = put(x, s, n);
			s += n;
		}
	}
	return error;
}

/* Appends the value of `ref` met at `depth`: from the memo when it was
 * expanded before and fits under the depth limit here too, else expanded
 * (and remembered). */
static int expand_entry(struct expand_ctx *x, const struct ald_ini_entry *ref, int depth,
			int *height)
{
	for (size_t i = 0; i < x->n_memo; i++) {
		const struct memo *m = &x->memo[i];
		if (m->e == ref && depth + m->height <= MAX_DEPTH) {
			*height = m->height;
			return put(x, m->value, m->len);
		}
	}
	size_t start = x->out.len;
	int error = expand_value(x, ref, depth, height);
	if (error < 0)
		return error;
	for (size_t i = 0; i < x->n_memo; i++)
		if (x->memo[i].e == ref)
			return 0; /* known, from a shallower place: keep that one */
	x->memo = ald__xgrow(x->memo, &x->cap_memo, x->n_memo + 1, sizeof(*x->memo));
	size_t len = x->out.len - start;
	x->memo[x->n_memo++] = (struct memo){ref, len ? ald__xstrndup(x->out.ptr + start, len)
						      : ald__xstrdup(""),
					     len, *height};
	return 0;
}

static int expand_ref(struct expand_ctx *x, const struct ald_ini_entry *e, const char **sp,
		      int depth, int *height)
{
	const char *s = *sp, *end = strchr(s, ')');
	*height = 0;
	if (!end || end[1] != 's')
		return ald__error_set(ALD_EINVALID,
				     "%s:%u: bad interpolation in the value of '%s' (expected "
				     "%%(name)s; write %%%% for a literal %%)",
				     x->ini->path, e->line, e->key);
	char *name = ald__xstrndup(s, (size_t)(end - s));
	char *key = lower_dup(name);
	free(name);
	*sp = end + 2;
	const struct ald_ini_entry *ref = ald__ini_lookup(x->ini, x->section, key);
	int error = 0;
	if (ref)
		error = expand_entry(x, ref, depth + 1, height);
	else if (ald__streq(key, "here"))
		error = put(x, x->here, strlen(x->here));
	else
		error = ald__error_set(ALD_EINVALID,
				      "%s:%u: the value of '%s' refers to '%s', which is not a key of "
				      "[%s] or [DEFAULT]",
				      x->ini->path, e->line, e->key, key, x->section);
	free(key);
	return error;
}

int ald__ini_expand(char **out, const struct ald_ini *ini, const char *section, const char *here,
		   const struct ald_ini_entry *e)
{
	struct expand_ctx x = {.ini = ini, .section = section, .here = here, .top = e};
	int height;
	int error = expand_value(&x, e, 0, &height);
	for (size_t i = 0; i < x.n_memo; i++)
		free(x.memo[i].value);
	free(x.memo);
	if (error < 0) {
		ald__buf_free(&x.out);
		*out = NULL;
		return error;
	}
	*out = ald__buf_detach(&x.out);
	return 0;
}
