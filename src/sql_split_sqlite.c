/* sql_split_sqlite.c - SQLite's statement boundaries, read in one pass.
 *
 * SQLite's own test, sqlite3_complete(), has no state to resume from: asked
 * at each ';' it reads the statement again from its start, which is
 * quadratic in a statement holding many ';' (measured: 85 s on a 400 KB
 * string literal). So the lexis it follows is read here once: '…' strings,
 * "…", `…` and […] names, -- comments and block comments (which do not
 * nest in SQLite), and CREATE [TEMP] TRIGGER, which only "; END ;" ends, as
 * sqlite3_complete() has it. The fuzz target fuzz_sql_split checks every
 * boundary against sqlite3_complete().
 */
#include "sql_split_internal.h"

#include <string.h>
#include <strings.h>

/* Where a CREATE TRIGGER statement is recognised from its first words, and
 * where its end is, following sqlite3_complete()'s states: a ';' ends a
 * trigger only when the words before it are "; END". */
enum trig_state {
	TRIG_NO = -1,   /* not a trigger */
	TRIG_START = 0, /* no word seen yet */
	TRIG_EXPLAIN,   /* EXPLAIN ... (any other words) */
	TRIG_CREATE,    /* [EXPLAIN ...] CREATE [TEMP | TEMPORARY ...] */
	TRIG_YES,       /* ... TRIGGER: a ';' alone does not end it */
	TRIG_SEMI,      /* ... ';' */
	TRIG_END,       /* ... ';' END: the next ';' ends it */
};

/* The statement being read. */
struct stmt {
	size_t start;    /* first code byte, or ALD_SPLIT_NO_POS before any */
	size_t code_end; /* just after the last code byte */
	enum trig_state trig;
	size_t body_pos; /* the trigger's BEGIN, for the error when it has no end */
};

static const struct stmt STMT_NONE = {ALD_SPLIT_NO_POS, 0, TRIG_START, ALD_SPLIT_NO_POS};

static int is_word_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
	       c == '$' || c >= 0x80;
}

/* Whether the word w (n bytes) is the keyword kw (a string literal). */
#define word_is(w, n, kw) ((n) == sizeof(kw) - 1 && strncasecmp(w, kw, n) == 0)

/* The keywords sqlite3_complete() tells apart; anything else is K_OTHER. */
enum kw { K_OTHER, K_EXPLAIN, K_CREATE, K_TEMP, K_TRIGGER, K_END };

static enum kw keyword(const char *w, size_t n)
{
	if (word_is(w, n, "EXPLAIN"))
		return K_EXPLAIN;
	if (word_is(w, n, "CREATE"))
		return K_CREATE;
	if (word_is(w, n, "TEMP") || word_is(w, n, "TEMPORARY"))
		return K_TEMP;
	if (word_is(w, n, "TRIGGER"))
		return K_TRIGGER;
	return word_is(w, n, "END") ? K_END : K_OTHER;
}

/* Follows a statement's tokens other than ';' through enum trig_state: a
 * word (w, n bytes, at pos), or any other token as (NULL, 0, pos). */
static void word(struct stmt *st, const char *w, size_t n, size_t pos)
{
	enum kw k = keyword(w, n);
	switch (st->trig) {
	case TRIG_START:
		st->trig = k == K_EXPLAIN ? TRIG_EXPLAIN : k == K_CREATE ? TRIG_CREATE : TRIG_NO;
		break;
	case TRIG_EXPLAIN:
		st->trig = k == K_OTHER ? TRIG_EXPLAIN : k == K_CREATE ? TRIG_CREATE : TRIG_NO;
		break;
	case TRIG_CREATE:
		st->trig = k == K_TEMP ? TRIG_CREATE : k == K_TRIGGER ? TRIG_YES : TRIG_NO;
		break;
	case TRIG_YES:
		if (st->body_pos == ALD_SPLIT_NO_POS && word_is(w, n, "BEGIN"))
			st->body_pos = pos;
		break;
	case TRIG_SEMI:
		st->trig = k == K_END ? TRIG_END : TRIG_YES;
		break;
	case TRIG_END:
		st->trig = TRIG_YES;
		break;
	default:
		break;
	}
}

/* The index after the quote opened at i and closed by `close` (doubled, it
 * stands for itself), or ALD_SPLIT_NO_POS. */
static size_t skip_quoted(const struct ald_split *s, size_t i, char close)
{
	for (i++;;) {
		const char *p = memchr(s->t + i, close, s->len - i);
		if (!p)
			return ALD_SPLIT_NO_POS;
		i = (size_t)(p - s->t) + 1;
		if (close == ']' || i >= s->len || s->t[i] != close)
			return i;
		i++;
	}
}

/* The error for a quote opened at i and not closed. */
static int unterminated_quote(struct ald_split *s, size_t i)
{
	return ald__split_unterminated(s, i, s->t[i] == '\'' ? "quoted string" : "quoted identifier");
}

int ald__sql_split_sqlite(struct ald_split *s)
{
	const char *t = s->t;
	size_t i = 0, len = s->len;
	struct stmt st = STMT_NONE;
	while (i < len) {
		unsigned char c = (unsigned char)t[i];
		size_t from = i;
		if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') { /* not \v: SQLite reads it as a token */
			i++;
		} else if (c == '-' && t[i + 1] == '-') {
			const char *nl = memchr(t + i, '\n', len - i);
			i = nl ? (size_t)(nl - t) + 1 : len;
		} else if (c == '/' && t[i + 1] == '*') {
			const char *end = i + 2 < len ? strstr(t + i + 2, "*/") : NULL;
			if (!end)
				return ald__split_unterminated(s, from, "block comment");
			i = (size_t)(end - t) + 2;
		} else if (c == ';' && st.trig >= TRIG_YES && st.trig != TRIG_END) {
			st.trig = TRIG_SEMI; /* inside a trigger */
			st.code_end = ++i;
		} else if (c == ';') {
			if (st.start != ALD_SPLIT_NO_POS)
				ald__split_emit(s, st.start, st.code_end);
			st = STMT_NONE;
			i++;
		} else {
			if (c == '\'' || c == '"' || c == '`' || c == '[') {
				i = skip_quoted(s, i, c == '[' ? ']' : (char)c);
				if (i == ALD_SPLIT_NO_POS)
					return unterminated_quote(s, from);
			} else if (is_word_char(c)) {
				while (i < len && is_word_char((unsigned char)t[i]))
					i++;
				word(&st, t + from, i - from, from);
			} else {
				i++;
			}
			if (!is_word_char(c))
				word(&st, NULL, 0, from);
			if (st.start == ALD_SPLIT_NO_POS)
				st.start = from;
			st.code_end = i;
		}
	}
	if (st.trig >= TRIG_YES && st.trig != TRIG_END)
		return ald__split_unterminated(s, st.body_pos != ALD_SPLIT_NO_POS ? st.body_pos : st.start,
					      "BEGIN ... END block");
	if (st.start != ALD_SPLIT_NO_POS)
		ald__split_emit(s, st.start, st.code_end);
	return 0;
}
