/* revision_read_sql.c - reads a native SQL revision file: the header comment block and
 * the positions of the "-- migrate:upgrade" / "-- migrate:downgrade" sections.
 *
 * Layout (see revision_file.h):
 *   -- <message>
 *   --
 *   -- Revision ID: <id>
 *   -- Revises: <id>[, <id>...]
 *   -- Create Date: <text>
 *   -- Branch Labels: <label>[, ...]
 *   -- Depends On: <id or label>[, ...]
 *   -- Transactional: true|false
 *
 *   -- migrate:upgrade
 *   <SQL>
 *   -- migrate:downgrade
 *   <SQL>
 *
 * The header is the leading block of "--" lines; after its first line (the
 * message) every line is "--" alone or a known "Key: value", so a typo is an
 * error rather than a dropped field. Before the first marker only blank and
 * "--" lines may follow the header.
 */
#include "revision_file.h"
#include "error.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* One line of the text: [start, end) without the '\n' nor a trailing '\r'. */
struct line {
	size_t start, end, next; /* next: start of the following line */
	unsigned no;             /* 1-based */
};

enum key {
	KEY_ID,
	KEY_REVISES,
	KEY_DATE,
	KEY_LABELS,
	KEY_DEPENDS,
	KEY_TRANSACTIONAL,
	KEY_COUNT
};

static const char *const key_names[KEY_COUNT] = {
	"Revision ID", "Revises", "Create Date", "Branch Labels", "Depends On", "Transactional",
};

struct sql_parser {
	struct ald_revfile *rf;
	const char *path;
	const char *t;
	size_t len;
	unsigned key_line[KEY_COUNT]; /* where each key was seen; 0 = not yet */
	struct ald_buf doc;
	unsigned header_lines;
	size_t msg_start, msg_end; /* the message line's text, if the first line is one */
};

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r' || c == '\n';
}

/* Reads the line starting at pos; returns 0 at the end of the text. */
static int next_line(const struct sql_parser *p, struct line *l, size_t pos, unsigned no)
{
	if (pos >= p->len)
		return 0;
	const char *nl = memchr(p->t + pos, '\n', p->len - pos);
	l->start = pos;
	l->end = nl ? (size_t)(nl - p->t) : p->len;
	l->next = nl ? l->end + 1 : p->len;
	if (l->end > l->start && p->t[l->end - 1] == '\r')
		l->end--;
	l->no = no;
	return 1;
}

/* Trims blanks on both sides of [*s, *e). */
static void trim(const char *t, size_t *s, size_t *e)
{
	while (*s < *e && is_blank(t[*s]))
		(*s)++;
	while (*e > *s && is_blank(t[*e - 1]))
		(*e)--;
}

/* Whether the trimmed line is a "--" comment; *body is set after the dashes. */
static int is_comment(const struct sql_parser *p, const struct line *l, size_t *body)
{
	size_t s = l->start, e = l->end;
	trim(p->t, &s, &e);
	if (e - s >= 2 && p->t[s] == '-' && p->t[s + 1] == '-') {
		*body = s + 2;
		return 1;
	}
	return 0;
}

enum marker { MARK_NONE, MARK_UP, MARK_DOWN, MARK_BAD };

/* Recognises "-- migrate:<name>" lines (blanks around, any case). */
static enum marker marker_of(const struct sql_parser *p, const struct line *l)
{
	size_t s, e = l->end;
	if (!is_comment(p, l, &s))
		return MARK_NONE;
	while (s < e && (p->t[s] == ' ' || p->t[s] == '\t'))
		s++;
	if (e - s < 8 || strncasecmp(p->t + s, "migrate:", 8) != 0)
		return MARK_NONE;
	s += 8;
	trim(p->t, &s, &e);
	if (e - s == 7 && strncasecmp(p->t + s, "upgrade", 7) == 0)
		return MARK_UP;
	if (e - s == 9 && strncasecmp(p->t + s, "downgrade", 9) == 0)
		return MARK_DOWN;
	return MARK_BAD;
}

/* Splits a comma-separated value into trimmed, checked items. */
static int parse_list(struct sql_parser *p, struct ald_strvec *out, const char *v, size_t n,
		      unsigned line, enum key key)
{
	if (n == 0)
		return 0;
	size_t pos = 0;
	for (;;) {
		const char *comma = memchr(v + pos, ',', n - pos);
		size_t s = pos, e = comma ? (size_t)(comma - v) : n;
		trim(v, &s, &e);
		if (s == e)
			return ald__error_set(ALD_EINVALID, "%s:%u: empty item in %s", p->path, line,
					     key_names[key]);
		char *item = ald__xstrndup(v + s, e - s);
		ald__strvec_push(out, item);
		int err;
		if (key == KEY_REVISES) /* down revisions are ids */
			err = ald__revid_check(p->path, line, item);
		else if (key == KEY_DEPENDS && ald__revid_valid(item))
			err = 0;
		else /* a label, or in Depends On an item that can only be a label */
			err = ald__revfile_check_name(p->path, line, item,
						     key == KEY_LABELS
							     ? "branch label"
							     : "revision identifier or branch label");
		if (err < 0)
			return err;
		if (!comma)
			return 0;
		pos = (size_t)(comma - v) + 1;
	}
}

static int set_key(struct sql_parser *p, enum key key, unsigned line, const char *v, size_t n)
{
	struct ald_revfile *rf = p->rf;
	switch (key) {
	case KEY_ID:
		rf->id = ald__xstrndup(v, n);
		rf->id_line = line;
		return ald__revid_check(p->path, line, rf->id);
	case KEY_REVISES:
		rf->down_line = line;
		return parse_list(p, &rf->down, v, n, line, key);
	case KEY_DATE:
		if (n > 0)
			rf->create_date = ald__xstrndup(v, n);
		return 0;
	case KEY_LABELS:
		return parse_list(p, &rf->labels, v, n, line, key);
	case KEY_DEPENDS:
		rf->depends_line = line;
		return parse_list(p, &rf->depends, v, n, line, key);
	case KEY_TRANSACTIONAL: {
		char *s = ald__xstrndup(v, n);
		int bad = ald__parse_bool(s, &rf->transactional);
		int err = bad ? ald__error_set(ALD_EINVALID,
					      "%s:%u: Transactional must be true or false, not '%s'",
					      p->path, line, s)
			      : 0;
		free(s);
		return err;
	}
	default:
		return 0;
	}
}

/* Reads "Key: value" from the text [s, e) of a header line: *shaped tells
 * whether it has that shape, *key is the known key or KEY_COUNT, [*vs, *ve)
 * the trimmed value. */
static void split_key(const struct sql_parser *p, size_t s, size_t e, enum key *key, int *shaped,
		      size_t *vs, size_t *ve)
{
	const char *t = p->t;
	const char *colon = memchr(t + s, ':', e - s);
	*key = KEY_COUNT;
	*shaped = 0;
	if (!colon)
		return;
	size_t ks = s, ke = (size_t)(colon - t);
	trim(t, &ks, &ke);
	if (ks == ke)
		return;
	for (size_t i = ks; i < ke; i++) {
		char c = t[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == ' ' || c == '_' || c == '-'))
			return;
	}
	*shaped = 1;
	*vs = (size_t)(colon - t) + 1;
	*ve = e;
	trim(t, vs, ve);
	for (int k = 0; k < KEY_COUNT; k++)
		if (strlen(key_names[k]) == ke - ks && strncasecmp(t + ks, key_names[k], ke - ks) == 0)
			*key = (enum key)k;
}

/* Handles one header line whose text after "--" starts at `body`. */
static int header_line(struct sql_parser *p, const struct line *l, size_t body)
{
	const char *t = p->t;
	size_t ds = body, de = l->end;
	if (ds < de && t[ds] == ' ')
		ds++;
	while (de > ds && is_blank(t[de - 1]))
		de--;
	if (p->header_lines++ > 0)
		ald__buf_putc(&p->doc, '\n');
	ald__buf_put(&p->doc, t + ds, de - ds);

	size_t s = body, e = l->end;
	trim(t, &s, &e);
	if (s == e)
		return 0;
	enum key key;
	int shaped;
	size_t vs = 0, ve = 0;
	split_key(p, s, e, &key, &shaped, &vs, &ve);
	if (key == KEY_COUNT) {
		if (p->header_lines == 1) { /* the message */
			p->msg_start = s;
			p->msg_end = e;
			return 0;
		}
		if (!shaped)
			return ald__error_set(ALD_EINVALID,
					     "%s:%u: expected 'Key: value' in the header, found '%.*s'",
					     p->path, l->no, (int)(e - s), t + s);
		size_t ks = s, ke = (size_t)((const char *)memchr(t + s, ':', e - s) - t);
		trim(t, &ks, &ke);
		struct ald_buf known = {0};
		for (int k = 0; k < KEY_COUNT; k++)
			ald__buf_printf(&known, "%s%s", k ? ", " : "", key_names[k]);
		int err = ald__error_set(ALD_EINVALID, "%s:%u: unknown header key '%.*s' (known keys: %s)",
					p->path, l->no, (int)(ke - ks), t + ks, known.ptr);
		ald__buf_free(&known);
		return err;
	}
	if (p->key_line[key])
		return ald__error_set(ALD_EINVALID, "%s:%u: duplicate header key '%s' (first on line %u)",
				     p->path, l->no, key_names[key], p->key_line[key]);
	p->key_line[key] = l->no;
	return set_key(p, key, l->no, t + vs, ve - vs);
}

/* Closes the section that runs up to `end`, if one is open. */
static void section_close(struct ald_section **open, size_t end)
{
	if (*open) {
		(*open)->length = end - (*open)->offset;
		*open = NULL;
	}
}

/* Reads the lines after the header: markers and the sections between them. */
static int body_lines(struct sql_parser *p, size_t pos, unsigned no)
{
	struct ald_revfile *rf = p->rf;
	struct ald_section *open = NULL;
	struct line l;
	for (; next_line(p, &l, pos, no); pos = l.next, no++) {
		enum marker m = marker_of(p, &l);
		if (m == MARK_NONE) {
			size_t s = l.start, e = l.end, body;
			trim(p->t, &s, &e);
			if (!open && s < e && !is_comment(p, &l, &body))
				return ald__error_set(ALD_EINVALID,
						     "%s:%u: SQL outside of a '-- migrate:upgrade' or "
						     "'-- migrate:downgrade' section",
						     p->path, l.no);
			continue;
		}
		if (m == MARK_BAD) {
			size_t s = l.start, e = l.end;
			trim(p->t, &s, &e);
			return ald__error_set(ALD_EINVALID,
					     "%s:%u: unknown marker '%.*s' (expected '-- migrate:upgrade' "
					     "or '-- migrate:downgrade')",
					     p->path, l.no, (int)(e - s), p->t + s);
		}
		struct ald_section *sec = m == MARK_UP ? &rf->upgrade : &rf->downgrade;
		if (sec->present)
			return ald__error_set(ALD_EINVALID, "%s:%u: second '-- migrate:%s' marker (first on line %u)",
					     p->path, l.no, m == MARK_UP ? "upgrade" : "downgrade",
					     sec->line - 1);
		section_close(&open, l.start);
		sec->present = 1;
		sec->offset = l.next;
		sec->line = l.no + 1;
		open = sec;
	}
	section_close(&open, p->len);
	if (!rf->upgrade.present)
		return ald__error_set(ALD_EINVALID, "%s: no '-- migrate:upgrade' section", p->path);
	return 0;
}

/* The header, then the body; the header ends at the first line that is not a
 * "--" comment, or at a marker. */
static int parse(struct sql_parser *p)
{
	struct ald_revfile *rf = p->rf;
	size_t pos = 0;
	unsigned no = 1;
	struct line l;
	int err;

	/* header and sections alike: a NUL would cut a message or a statement */
	if ((err = ald__revfile_check_nul(p->path, p->t, p->len)) < 0)
		return err;
	if (p->len >= 3 && memcmp(p->t, "\xef\xbb\xbf", 3) == 0)
		pos = 3;
	for (; next_line(p, &l, pos, no); pos = l.next, no++) {
		size_t s = l.start, e = l.end, body;
		trim(p->t, &s, &e);
		if (s == e && p->header_lines == 0)
			continue; /* blank lines before the header */
		if (!is_comment(p, &l, &body) || marker_of(p, &l) != MARK_NONE)
			break;
		if ((err = header_line(p, &l, body)) < 0)
			return err;
	}
	if (p->header_lines == 0)
		return ald__error_set(ALD_EINVALID,
				     "%s: no header (a revision file starts with '-- <message>' and "
				     "'-- Revision ID: <id>' comment lines)",
				     p->path);
	if (!rf->id)
		return ald__error_set(ALD_EINVALID, "%s: no 'Revision ID' in the header", p->path);
	if (ald__revfile_check_loops(rf, p->path) < 0)
		return ALD_ECYCLE;
	return body_lines(p, pos, no);
}

int ald__revfile_sql_message_check(const char *opt, const char *msg, size_t n)
{
	char *line = ald__xasprintf("-- %.*s", (int)n, msg);
	struct sql_parser p = {.path = opt, .t = line, .len = strlen(line)};
	struct line l;
	size_t body, vs, ve;
	enum key key = KEY_COUNT;
	int shaped, err = 0;
	if (!next_line(&p, &l, 0, 1) || !is_comment(&p, &l, &body))
		goto done;
	if (marker_of(&p, &l) != MARK_NONE) {
		err = ald__error_set(ALD_EINVALID,
				    "%s: the message '%.*s' would be read as a section marker of the "
				    "revision file",
				    opt, (int)n, msg);
		goto done;
	}
	size_t s = body, e = l.end;
	trim(line, &s, &e);
	if (s < e)
		split_key(&p, s, e, &key, &shaped, &vs, &ve);
	if (key != KEY_COUNT)
		err = ald__error_set(ALD_EINVALID,
				    "%s: the message '%.*s' would be read as the header field '%s' of "
				    "the revision file",
				    opt, (int)n, msg, key_names[key]);
done:
	free(line);
	return err;
}

int ald__revfile_parse_sql(struct ald_revfile *out, const char *path, const char *text, size_t len)
{
	memset(out, 0, sizeof(*out));
	out->kind = ALD_REVFILE_SQL;
	out->path = ald__xstrdup(path);
	out->transactional = 1;
	struct sql_parser p = {.rf = out, .path = path, .t = text, .len = len};
	int err = parse(&p);
	char *doc = ald__buf_detach(&p.doc);
	ald__revfile_set_doc(out, doc);
	/* Only the first line can be the message: the lines after it are fields,
	 * so the first paragraph stops at the first of them. */
	free(out->message);
	out->message = ald__xstrndup(text + p.msg_start, p.msg_end - p.msg_start);
	if (err < 0)
		ald__revfile_clear(out);
	return err;
}
