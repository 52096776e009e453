/* sql_split_pg.c - PostgreSQL's statement boundaries, from PostgreSQL's own
 * scanner and parser (libpg_query).
 *
 * One scan of the whole section gives its tokens, comments included, with
 * their byte positions; a statement ends at each ';' token, and its text
 * runs from its first to its last token that is not a comment. A ';' inside
 * a BEGIN ATOMIC body is a token like any other: the parser's split, asked
 * once, says which statements hold one, and a ';' inside one of those does
 * not end it. When the parser rejects the section (a statement the database
 * will refuse), every ';' token ends a statement. Both calls are linear in
 * the length of the section.
 */
#include "sql_split_internal.h"
#include "error.h"
#include "pgq_loader.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The byte offset of 1-based character `pos` (libpg_query's errors count
 * characters). */
static size_t char_offset(const struct ald_split *s, int pos)
{
	size_t i = 0;
	for (int n = 1; i < s->len && n < pos; n++)
		for (i++; i < s->len && ((unsigned char)s->t[i] & 0xC0) == 0x80; i++)
			;
	return i;
}

/* The scanner's error: an unterminated token named in our words, anything
 * else with its own message. */
static int scan_error(struct ald_split *s, const PgQueryError *e)
{
	size_t pos = char_offset(s, e->cursorpos);
	const char *m = e->message ? e->message : "the PostgreSQL scanner rejects the text";
	if (strncmp(m, "unterminated ", 13) != 0)
		return ald__error_set(ALD_EINVALID, "line %u: %s", ald__split_line(s, pos), m);
	const char *near = strstr(m, " at or near");
	char *what = ald__xstrndup(m + 13, near ? (size_t)(near - m) - 13 : strlen(m) - 13);
	if (strcmp(what, "/* comment") == 0) {
		free(what);
		what = ald__xstrdup("block comment");
	} else if (strcmp(what, "dollar-quoted string") == 0 && s->t[pos] == '$') {
		const char *tag_end = strchr(s->t + pos + 1, '$');
		free(what);
		what = ald__xasprintf("dollar-quoted string %.*s", tag_end ? (int)(tag_end - (s->t + pos)) + 1 : 1,
				     s->t + pos);
	}
	int err = ald__split_unterminated(s, pos, what);
	free(what);
	return err;
}

/* The section's tokens, or NULL with the error set. */
static PgQuery__ScanResult *scan(struct ald_split *s)
{
	PgQueryScanResult r = pg_query_scan(s->t);
	PgQuery__ScanResult *tokens = NULL;
	if (r.error)
		scan_error(s, r.error);
	else if (!(tokens = pg_query__scan_result__unpack(NULL, r.pbuf.len, (const uint8_t *)r.pbuf.data)))
		ald__error_set(ALD_EINVALID, "cannot read the PostgreSQL scanner's tokens");
	pg_query_free_scan_result(r);
	return tokens;
}

/* Walks the parser's statements alongside the tokens: whether the ';' at
 * byte `at` lies inside one (a BEGIN ATOMIC body). `k` advances. */
static int inside_statement(const PgQuerySplitResult *parsed, int *k, size_t at)
{
	if (parsed->error)
		return 0;
	for (; *k < parsed->n_stmts; (*k)++) {
		const PgQuerySplitStmt *st = parsed->stmts[*k];
		size_t from = (size_t)st->stmt_location;
		size_t to = st->stmt_len ? from + (size_t)st->stmt_len : SIZE_MAX; /* 0: to the end */
		if (at < to)
			return at >= from;
	}
	return 0;
}

int ald__sql_split_pg(struct ald_split *s)
{
	int err = ald__pgq_load();
	if (err < 0)
		return err;
	PgQuery__ScanResult *tokens = scan(s);
	if (!tokens)
		return ALD_EINVALID;
	PgQuerySplitResult parsed = pg_query_split_with_parser(s->t);
	int k = 0;
	size_t first = ALD_SPLIT_NO_POS, last = 0;
	for (size_t i = 0; i < tokens->n_tokens; i++) {
		const PgQuery__ScanToken *t = tokens->tokens[i];
		if (t->token == PG_QUERY__TOKEN__SQL_COMMENT || t->token == PG_QUERY__TOKEN__C_COMMENT)
			continue;
		if (t->token == PG_QUERY__TOKEN__ASCII_59 && !inside_statement(&parsed, &k, (size_t)t->start)) {
			if (first != ALD_SPLIT_NO_POS)
				ald__split_emit(s, first, last);
			first = ALD_SPLIT_NO_POS;
			continue;
		}
		if (first == ALD_SPLIT_NO_POS)
			first = (size_t)t->start;
		last = (size_t)t->end;
	}
	if (first != ALD_SPLIT_NO_POS)
		ald__split_emit(s, first, last);
	pg_query_free_split_result(parsed);
	pg_query__scan_result__free_unpacked(tokens, NULL);
	return 0;
}
