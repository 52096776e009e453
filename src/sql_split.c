/* sql_split.c - splits a migration section into statements (see
 * sql_split.h): the entry point, which hands the text to the dialect's
 * splitter, and the output and line counting both splitters use. */
#include "sql_split_internal.h"
#include "error.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

unsigned ald__split_line(struct ald_split *s, size_t pos)
{
	if (pos < s->line_pos) {
		s->line_pos = 0;
		s->line = s->first_line;
	}
	const char *p = s->t + s->line_pos, *end = s->t + pos;
	while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		s->line++;
		p++;
	}
	s->line_pos = pos;
	return s->line;
}

void ald__split_emit(struct ald_split *s, size_t from, size_t to)
{
	struct ald_stmts *o = s->out;
	o->v = ald__xgrow(o->v, &o->cap, o->n + 1, sizeof(*o->v));
	o->v[o->n].sql = ald__xstrndup(s->t + from, to - from);
	o->v[o->n].line = ald__split_line(s, from);
	o->n++;
}

int ald__split_unterminated(struct ald_split *s, size_t pos, const char *what)
{
	return ald__error_set(ALD_EINVALID, "line %u: unterminated %s starting here", ald__split_line(s, pos),
			     what);
}

int ald__sql_split_dialect(struct ald_stmts *out, enum ald_sql_dialect dialect, const char *text, size_t len,
			  unsigned first_line)
{
	memset(out, 0, sizeof(*out));
	struct ald_split s = {.t = text, .len = len, .line = first_line, .first_line = first_line, .out = out};
	const char *nul = memchr(text, '\0', len);
	if (nul) /* PostgreSQL's scanner reads a C string: it would stop there */
		return ald__error_set(ALD_EINVALID, "line %u: a NUL byte in the SQL",
				     ald__split_line(&s, (size_t)(nul - text)));
	char *copy = ald__xstrndup(text, len); /* NUL-terminated for libpg_query */
	s.t = copy;
	int err = dialect == ALD_SQL_SQLITE ? ald__sql_split_sqlite(&s) : ald__sql_split_pg(&s);
	free(copy);
	if (err < 0)
		ald__stmts_free(out);
	return err;
}

int ald__sql_split(struct ald_stmts *out, const char *text, size_t len, unsigned first_line)
{
	return ald__sql_split_dialect(out, ALD_SQL_ANY, text, len, first_line);
}

void ald__stmts_free(struct ald_stmts *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].sql);
	free(s->v);
	memset(s, 0, sizeof(*s));
}
