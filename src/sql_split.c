/* sql_split.c - splits a migration section into statements (see sql_split.h).
 *
 * One pass over the bytes, no allocation except the statements themselves.
 * Quotes, comments and dollar quotes are skipped with memchr/memmem; words
 * are looked at only to recognise CREATE [TEMP] TRIGGER ... BEGIN ... END and
 * BEGIN ATOMIC ... END bodies, inside which ';' does not end a statement.
 * Line numbers are counted lazily, only for the positions that need one.
 */
#include "sql_split.h"
#include "error.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Where a CREATE TRIGGER statement is recognised from its first words. */
enum trig_state {
	TRIG_NO = -1,     /* not a trigger */
	TRIG_START = 0,   /* no word seen yet */
	TRIG_CREATE = 1,  /* CREATE */
	TRIG_TEMP = 2,    /* CREATE TEMP / TEMPORARY */
	TRIG_YES = 3,     /* CREATE [TEMP] TRIGGER: BEGIN opens the body */
};

struct splitter {
	const char *t;
	size_t len;
	size_t line_pos; /* lazy line counter: `line` is the line of byte line_pos */
	unsigned line;
	struct ald_stmts *out;

	/* the statement being read */
	size_t start;    /* first code byte, or SIZE_MAX before any */
	size_t code_end; /* just after the last code byte */
	enum trig_state trig;
	int after_begin; /* the previous token was the word BEGIN */
	int body;        /* inside a BEGIN ... END body */
	size_t body_pos; /* where that body's BEGIN is */
	unsigned case_depth;
};

#define NO_POS ((size_t)-1)

/* The line number of byte `pos`; positions must be asked in increasing order. */
static unsigned line_at(struct splitter *s, size_t pos)
{
	const char *p = s->t + s->line_pos, *end = s->t + pos;
	while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		s->line++;
		p++;
	}
	s->line_pos = pos;
	return s->line;
}

static int unterminated(struct splitter *s, size_t pos, const char *what)
{
	return ald_error_set(ALD_EINVALID, "line %u: unterminated %s starting here",
			     line_at(s, pos), what);
}

static int is_word_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static int is_word_char(unsigned char c)
{
	return is_word_start(c) || (c >= '0' && c <= '9') || c == '$';
}

static void stmt_reset(struct splitter *s)
{
	s->start = NO_POS;
	s->code_end = 0;
	s->trig = TRIG_START;
	s->after_begin = 0;
	s->body = 0;
	s->case_depth = 0;
}

/* Records that bytes [from, to) are part of the statement's code. */
static void code(struct splitter *s, size_t from, size_t to)
{
	if (s->start == NO_POS)
		s->start = from;
	s->code_end = to;
}

static void stmt_emit(struct splitter *s)
{
	if (s->start != NO_POS) {
		struct ald_stmts *o = s->out;
		o->v = ald_xgrow(o->v, &o->cap, o->n + 1, sizeof(*o->v));
		o->v[o->n].sql = ald_xstrndup(s->t + s->start, s->code_end - s->start);
		o->v[o->n].line = line_at(s, s->start);
		o->n++;
	}
	stmt_reset(s);
}

/* Whether the word w (n bytes) is the keyword kw (a string literal, upper case). */
#define word_is(w, n, kw) \
	((n) == sizeof(kw) - 1 && ((w)[0] & ~0x20) == (kw)[0] && strncasecmp(w, kw, n) == 0)

/* Follows the keywords that open and close BEGIN ... END bodies. */
static void stmt_word(struct splitter *s, size_t pos, size_t n)
{
	const char *w = s->t + pos;
	if (n < 3 || n > 9) { /* no keyword has that length */
		s->after_begin = 0;
		if (s->trig >= TRIG_START && s->trig < TRIG_YES && !s->body)
			s->trig = TRIG_NO;
		return;
	}
	if (s->body) {
		if (word_is(w, n, "CASE"))
			s->case_depth++;
		else if (word_is(w, n, "END")) {
			if (s->case_depth > 0)
				s->case_depth--;
			else
				s->body = 0;
		}
		return;
	}
	switch (s->trig) {
	case TRIG_START:
		s->trig = word_is(w, n, "CREATE") ? TRIG_CREATE : TRIG_NO;
		break;
	case TRIG_CREATE:
		if (word_is(w, n, "TEMP") || word_is(w, n, "TEMPORARY"))
			s->trig = TRIG_TEMP;
		else
			s->trig = word_is(w, n, "TRIGGER") ? TRIG_YES : TRIG_NO;
		break;
	case TRIG_TEMP:
		s->trig = word_is(w, n, "TRIGGER") ? TRIG_YES : TRIG_NO;
		break;
	default:
		break;
	}
	int was_begin = s->after_begin;
	s->after_begin = 0;
	if (was_begin && word_is(w, n, "ATOMIC")) {
		s->body = 1;
		s->case_depth = 0;
	} else if (word_is(w, n, "BEGIN")) {
		s->body_pos = pos;
		if (s->trig == TRIG_YES) {
			s->body = 1;
			s->case_depth = 0;
		} else {
			s->after_begin = 1;
		}
	}
}

/* Skips a quoted string or identifier opened at i by `q`; doubled quotes
 * escape, and backslashes too when `backslash`. Returns the index after the
 * closing quote, or NO_POS. */
static size_t skip_quoted(const struct splitter *s, size_t i, char q, int backslash)
{
	i++;
	while (i < s->len) {
		if (backslash) {
			while (i < s->len && s->t[i] != q && s->t[i] != '\\')
				i++;
			if (i >= s->len)
				return NO_POS;
			if (s->t[i] == '\\') {
				i += 2;
				continue;
			}
		} else {
			const char *p = memchr(s->t + i, q, s->len - i);
			if (!p)
				return NO_POS;
			i = (size_t)(p - s->t);
		}
		/* s->t[i] == q */
		if (i + 1 < s->len && s->t[i + 1] == q) {
			i += 2;
			continue;
		}
		return i + 1;
	}
	return NO_POS;
}

/* Skips a (nested) block comment opened at i; returns the index after it or NO_POS. */
static size_t skip_block_comment(const struct splitter *s, size_t i)
{
	unsigned depth = 1;
	i += 2;
	while (i + 1 < s->len) {
		char c = s->t[i];
		if (c == '*' && s->t[i + 1] == '/') {
			i += 2;
			if (--depth == 0)
				return i;
		} else if (c == '/' && s->t[i + 1] == '*') {
			depth++;
			i += 2;
		} else {
			i++;
		}
	}
	return NO_POS;
}

/* The length of a dollar-quote tag ($$ or $name$) at i, or 0 if '$' at i does
 * not open one (e.g. a $1 parameter). */
static size_t dollar_tag(const struct splitter *s, size_t i)
{
	size_t j = i + 1;
	if (j < s->len && is_word_start((unsigned char)s->t[j])) {
		while (j < s->len && is_word_char((unsigned char)s->t[j]) && s->t[j] != '$')
			j++;
	}
	if (j < s->len && s->t[j] == '$')
		return j + 1 - i;
	return 0;
}

static int split(struct splitter *s)
{
	const char *t = s->t;
	size_t i = 0, len = s->len;

	while (i < len) {
		unsigned char c = (unsigned char)t[i];
		size_t from = i, next;

		if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
			i++;
			continue;
		}
		if (c == '-' && i + 1 < len && t[i + 1] == '-') {
			const char *nl = memchr(t + i, '\n', len - i);
			i = nl ? (size_t)(nl - t) + 1 : len;
			continue;
		}
		if (c == '/' && i + 1 < len && t[i + 1] == '*') {
			if ((i = skip_block_comment(s, i)) == NO_POS)
				return unterminated(s, from, "block comment");
			continue;
		}
		if (is_word_start(c) || (c >= '0' && c <= '9')) {
			while (i < len && is_word_char((unsigned char)t[i]))
				i++;
			if (i - from == 1 && (c == 'E' || c == 'e') && i < len && t[i] == '\'') {
				if ((next = skip_quoted(s, i, '\'', 1)) == NO_POS)
					return unterminated(s, from, "quoted string");
				s->after_begin = 0;
				code(s, from, next);
				i = next;
				continue;
			}
			code(s, from, i);
			if (!(c >= '0' && c <= '9'))
				stmt_word(s, from, i - from);
			else
				s->after_begin = 0;
			continue;
		}
		if (c == ';' && !s->body) {
			stmt_emit(s);
			i++;
			continue;
		}
		s->after_begin = 0;
		switch (c) {
		case '\'':
			if ((next = skip_quoted(s, i, '\'', 0)) == NO_POS)
				return unterminated(s, from, "quoted string");
			break;
		case '"':
			if ((next = skip_quoted(s, i, '"', 0)) == NO_POS)
				return unterminated(s, from, "quoted identifier");
			break;
		case '`':
			if ((next = skip_quoted(s, i, '`', 0)) == NO_POS)
				return unterminated(s, from, "quoted identifier");
			break;
		case '$': {
			size_t n = dollar_tag(s, i);
			next = i + 1;
			if (n > 0) {
				const char *end = memmem(t + i + n, len - i - n, t + i, n);
				if (!end) {
					char *what = ald_xasprintf("dollar-quoted string %.*s", (int)n,
								   t + i);
					int err = unterminated(s, from, what);
					free(what);
					return err;
				}
				next = (size_t)(end - t) + n;
			}
			break;
		}
		default:
			next = i + 1;
			break;
		}
		code(s, from, next);
		i = next;
	}
	if (s->body)
		return unterminated(s, s->body_pos, "BEGIN ... END block");
	stmt_emit(s);
	return 0;
}

int ald_sql_split(struct ald_stmts *out, const char *text, size_t len, unsigned first_line)
{
	struct splitter s = {
		.t = text,
		.len = len,
		.line = first_line,
		.out = out,
	};
	memset(out, 0, sizeof(*out));
	stmt_reset(&s);
	int err = split(&s);
	if (err < 0)
		ald_stmts_free(out);
	return err;
}

void ald_stmts_free(struct ald_stmts *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].sql);
	free(s->v);
	memset(s, 0, sizeof(*s));
}
