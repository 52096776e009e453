/* sql_split.c - splits a migration section into statements (see sql_split.h).
 *
 * The boundaries come from the database's own code: libpg_query's split (the
 * parser's when it accepts the text, else the scanner's, which tolerates
 * statements the parser rejects) or sqlite3_complete() asked at each ';'.
 * What is done here: trimming each statement of the blanks and comments
 * around it, its line number, and for an unterminated quote or comment the
 * line where it starts. Whether a position is outside every quote, comment
 * and body is asked of the same library (top_level()), never worked out here.
 */
#include "sql_split.h"
#include "error.h"
#include "pgq_loader.h"
#include "sqlite_loader.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct splitter {
	char *buf;      /* a copy of the text with 3 spare bytes, poked and restored */
	size_t len;
	int sqlite;     /* sqlite3_complete() rules, else PostgreSQL's */
	unsigned first_line;
	size_t line_pos; /* lazy line counter: `line` is the line of byte line_pos */
	unsigned line;
	struct ald_stmts *out;
	size_t open_comment; /* where skip_blank() found a block comment not closed */
};

#define NO_POS ((size_t)-1)

/* The line number of byte `pos`. */
static unsigned line_at(struct splitter *s, size_t pos)
{
	if (pos < s->line_pos) {
		s->line_pos = 0;
		s->line = s->first_line;
	}
	const char *p = s->buf + s->line_pos, *end = s->buf + pos;
	while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		s->line++;
		p++;
	}
	s->line_pos = pos;
	return s->line;
}

static int unterminated(struct splitter *s, size_t pos, const char *what)
{
	return ald_error_set(ALD_EINVALID, "line %u: unterminated %s starting here", line_at(s, pos), what);
}

static int is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Skips blanks and comments from i (a position outside any token) up to end;
 * block comments nest in PostgreSQL, not in SQLite. Returns the first other
 * byte or end, or NO_POS if a block comment is not closed before end. */
static size_t skip_blank(struct splitter *s, size_t i, size_t end)
{
	const char *t = s->buf;
	while (i < end) {
		if (is_space(t[i])) {
			i++;
		} else if (t[i] == '-' && i + 1 < end && t[i + 1] == '-') {
			const char *nl = memchr(t + i, '\n', end - i);
			i = nl ? (size_t)(nl - t) + 1 : end;
		} else if (t[i] == '/' && i + 1 < end && t[i + 1] == '*') {
			unsigned depth = 1;
			s->open_comment = i;
			for (i += 2; depth > 0; i++) {
				if (i + 1 >= end)
					return NO_POS;
				if (t[i] == '*' && t[i + 1] == '/')
					depth--, i++;
				else if (!s->sqlite && t[i] == '/' && t[i + 1] == '*')
					depth++, i++;
			}
		} else {
			break;
		}
	}
	return i;
}

/* Whether byte `at` of the statement starting at `from` is outside every
 * quote, comment and body, as the dialect's library sees it. */
static int top_level(struct splitter *s, size_t from, size_t at)
{
	char *b = s->buf;
	char keep0 = b[at], keep1 = b[at + 1];
	int ok;
	if (s->sqlite) {
		b[at] = ';';
		b[at + 1] = '\0';
		ok = sqlite3_complete(b + from);
	} else {
		b[at] = '\0';
		PgQuerySplitResult r = pg_query_split_with_scanner(b + from);
		ok = r.error == NULL;
		pg_query_free_split_result(r);
	}
	b[at] = keep0;
	b[at + 1] = keep1;
	return ok;
}

/* The end of the statement's code in [from, end): trailing blanks and the
 * comments after its last token dropped. */
static size_t code_end(struct splitter *s, size_t from, size_t end)
{
	const char *t = s->buf;
	while (end > from && is_space(t[end - 1]))
		end--;
	size_t best = end;
	for (size_t c = end - 1; c-- > from;) { /* a comment opening at c, with only blanks after it */
		if (((t[c] == '-' && t[c + 1] == '-') || (t[c] == '/' && t[c + 1] == '*')) &&
		    skip_blank(s, c, end) == end && top_level(s, from, c))
			best = c;
	}
	while (best > from && is_space(t[best - 1]))
		best--;
	return best;
}

/* Adds the statement in [from, end) (a ';' or the end of the text at end),
 * if it holds anything but blanks and comments. */
static void emit(struct splitter *s, size_t from, size_t end)
{
	from = skip_blank(s, from, end);
	if (from == NO_POS || from >= end)
		return;
	size_t e = code_end(s, from, end);
	struct ald_stmts *o = s->out;
	o->v = ald_xgrow(o->v, &o->cap, o->n + 1, sizeof(*o->v));
	o->v[o->n].sql = ald_xstrndup(s->buf + from, e - from);
	o->v[o->n].line = line_at(s, from);
	o->n++;
}

/* ---------------------------------------------------------------- PostgreSQL */

/* The byte offset of 1-based character `pos` (libpg_query counts characters). */
static size_t char_offset(const struct splitter *s, int pos)
{
	size_t i = 0;
	for (int n = 1; i < s->len && n < pos; n++)
		for (i++; i < s->len && ((unsigned char)s->buf[i] & 0xC0) == 0x80; i++)
			;
	return i;
}

/* The scanner's error: an unterminated token named as ours, anything else
 * with its own message. */
static int pg_error(struct splitter *s, const PgQueryError *e)
{
	size_t pos = char_offset(s, e->cursorpos);
	const char *m = e->message ? e->message : "cannot split the statements";
	if (strncmp(m, "unterminated ", 13) != 0)
		return ald_error_set(ALD_EINVALID, "line %u: %s", line_at(s, pos), m);
	const char *near = strstr(m, " at or near");
	char *what = ald_xstrndup(m + 13, near ? (size_t)(near - m) - 13 : strlen(m) - 13);
	if (strcmp(what, "/* comment") == 0) {
		free(what);
		what = ald_xstrdup("block comment");
	} else if (strcmp(what, "dollar-quoted string") == 0 && s->buf[pos] == '$') {
		const char *tag_end = strchr(s->buf + pos + 1, '$');
		free(what);
		what = ald_xasprintf("dollar-quoted string %.*s",
				     tag_end ? (int)(tag_end - (s->buf + pos)) + 1 : 1, s->buf + pos);
	}
	int err = unterminated(s, pos, what);
	free(what);
	return err;
}

/* Text between two statements the scanner gave: statements it dropped (its
 * split keeps only those with a keyword); split at each top-level ';'. */
static void pg_gap(struct splitter *s, size_t from, size_t to)
{
	size_t start = from;
	for (size_t q = from; q < to; q++) {
		if (s->buf[q] == ';' && top_level(s, start, q)) {
			emit(s, start, q);
			start = q + 1;
		}
	}
	emit(s, start, to);
}

static int split_pg(struct splitter *s)
{
	int err = ald_pgq_load();
	if (err < 0)
		return err;
	PgQuerySplitResult r = pg_query_split_with_parser(s->buf);
	if (r.error) { /* a statement the parser rejects: the database will say why */
		pg_query_free_split_result(r);
		r = pg_query_split_with_scanner(s->buf);
	}
	if (r.error) {
		err = pg_error(s, r.error);
		pg_query_free_split_result(r);
		return err;
	}
	size_t done = 0;
	for (int i = 0; i < r.n_stmts; i++) {
		size_t loc = (size_t)r.stmts[i]->stmt_location, end = loc + (size_t)r.stmts[i]->stmt_len;
		if (loc < done || end > s->len)
			continue;
		if (loc > done)
			pg_gap(s, done, loc);
		emit(s, loc, end);
		done = end < s->len ? end + 1 : end; /* past its ';' */
	}
	pg_query_free_split_result(r);
	pg_gap(s, done, s->len);
	return 0;
}

/* ---------------------------------------------------------------- SQLite */

/* Whether the word at i is BEGIN (case-insensitive, not part of a longer word). */
static int is_begin(const char *t, size_t i, size_t len)
{
#define WORDC(c) (((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z') || ((c) >= '0' && (c) <= '9') || (c) == '_')
	return i + 5 <= len && strncasecmp(t + i, "begin", 5) == 0 && (i == 0 || !WORDC(t[i - 1])) &&
	       (i + 5 == len || !WORDC(t[i + 5]));
#undef WORDC
}

/* The text from `from` to the end is not complete: the last quote or comment
 * opened outside every other one is the culprit; with none, a trigger body. */
static int sqlite_unterminated(struct splitter *s, size_t from)
{
	const char *t = s->buf;
	size_t last = NO_POS;
	for (size_t p = from; p < s->len; p++) {
		char c = t[p];
		if ((c == '\'' || c == '"' || c == '`' || c == '[' || (c == '/' && t[p + 1] == '*')) &&
		    top_level(s, from, p))
			last = p;
	}
	if (last != NO_POS) {
		char c = t[last];
		return unterminated(s, last, c == '\'' ? "quoted string" : c == '/' ? "block comment"
										   : "quoted identifier");
	}
	size_t at = from;
	while (at < s->len && !is_begin(t, at, s->len))
		at++;
	return unterminated(s, at < s->len ? at : from, "BEGIN ... END block");
}

static int split_sqlite(struct splitter *s)
{
	int err = ald_sqlite_load();
	if (err < 0)
		return err;
	char *b = s->buf;
	size_t start = 0;
	for (size_t q = 0; q < s->len; q++) {
		if (b[q] != ';')
			continue;
		char keep = b[q + 1];
		b[q + 1] = '\0';
		int complete = sqlite3_complete(b + start);
		b[q + 1] = keep;
		if (complete) {
			emit(s, start, q);
			start = q + 1;
		}
	}
	size_t from = skip_blank(s, start, s->len);
	if (from == NO_POS)
		return unterminated(s, s->open_comment, "block comment");
	if (from == s->len)
		return 0;
	memcpy(b + s->len, "\n;", 3); /* the last statement needs no ';' */
	int complete = sqlite3_complete(b + from);
	b[s->len] = '\0';
	if (!complete)
		return sqlite_unterminated(s, from);
	emit(s, from, s->len);
	return 0;
}

/* ---------------------------------------------------------------- API */

enum ald_sql_dialect ald_sql_dialect_of(const char *scheme)
{
	if (scheme && strcmp(scheme, "postgresql") == 0)
		return ALD_SQL_POSTGRESQL;
	if (scheme && strcmp(scheme, "sqlite") == 0)
		return ALD_SQL_SQLITE;
	return ALD_SQL_ANY;
}

int ald_sql_split_dialect(struct ald_stmts *out, enum ald_sql_dialect dialect, const char *text, size_t len,
			  unsigned first_line)
{
	memset(out, 0, sizeof(*out));
	const char *nul = memchr(text, '\0', len);
	if (nul)
		len = (size_t)(nul - text); /* the libraries read C strings */
	struct splitter s = {
		.buf = ald_xmalloc(len + 3),
		.len = len,
		.sqlite = dialect == ALD_SQL_SQLITE,
		.first_line = first_line,
		.line = first_line,
		.out = out,
	};
	memcpy(s.buf, text, len);
	memset(s.buf + len, 0, 3);
	int err = s.sqlite ? split_sqlite(&s) : split_pg(&s);
	free(s.buf);
	if (err < 0)
		ald_stmts_free(out);
	return err;
}

int ald_sql_split(struct ald_stmts *out, const char *text, size_t len, unsigned first_line)
{
	return ald_sql_split_dialect(out, ALD_SQL_ANY, text, len, first_line);
}

void ald_stmts_free(struct ald_stmts *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].sql);
	free(s->v);
	memset(s, 0, sizeof(*s));
}
