/* format.c - the text and JSON forms of a revision, as Alembic 1.8 prints them
 * (one-line: Script._head_only; verbose: Script.log_entry). */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

/* The revision's docstring as its file holds it now; when the file can no
 * longer give it (gone, or now another revision), the message read when the
 * project was opened. The caller frees it. */
static char *cli_revision_doc(const ald_revision *r)
{
	char *doc = NULL;
	if (ald_revision_read_doc(&doc, r) < 0)
		doc = cli_xstrdup(ald_revision_message(r));
	return doc;
}

static void put_list(struct cli_buf *b, const ald_revision *r, size_t (*count)(const ald_revision *),
		     const char *(*at)(const ald_revision *, size_t))
{
	for (size_t i = 0; i < count(r); i++) {
		if (i)
			cli_buf_puts(b, ", ");
		cli_buf_puts(b, at(r, i));
	}
}

/* "<base>" for a base, else the down revisions joined with ", ". */
static void put_parents(struct cli_buf *b, const ald_revision *r)
{
	if (ald_revision_parent_count(r) == 0)
		cli_buf_puts(b, "<base>");
	else
		put_list(b, r, ald_revision_parent_count, ald_revision_parent_id_at);
}

void fmt_oneline(struct cli_buf *b, const ald_revision *r, unsigned flags, int current)
{
	unsigned f = ald_revision_flags(r);
	if (flags & FMT_PARENTS) {
		put_parents(b, r);
		if (ald_revision_depends_on_count(r)) {
			cli_buf_puts(b, " (");
			put_list(b, r, ald_revision_depends_on_count, ald_revision_depends_on_id_at);
			cli_buf_putc(b, ')');
		}
		cli_buf_puts(b, " -> ");
	}
	cli_buf_puts(b, ald_revision_id(r));
	if ((flags & FMT_LABELS) && ald_revision_label_count(r)) {
		cli_buf_puts(b, " (");
		put_list(b, r, ald_revision_label_count, ald_revision_label_at);
		cli_buf_putc(b, ')');
	}
	if (flags & (FMT_HEAD | FMT_TREE)) {
		if (f & ALD_REVISION_REAL_HEAD)
			cli_buf_puts(b, " (head)");
		else if (f & ALD_REVISION_HEAD)
			cli_buf_puts(b, " (effective head)");
		if (current)
			cli_buf_puts(b, " (current)");
	}
	if (flags & FMT_TREE) {
		if (f & ALD_REVISION_BRANCHPOINT)
			cli_buf_puts(b, " (branchpoint)");
		if (f & ALD_REVISION_MERGEPOINT)
			cli_buf_puts(b, " (mergepoint)");
	}
	if (flags & FMT_DOC) {
		cli_buf_puts(b, ", ");
		cli_buf_puts(b, ald_revision_message(r));
	}
}

static const char *child_id(const ald_revision *r, size_t i)
{
	return ald_revision_id(ald_revision_child_at(r, i));
}

void fmt_verbose(struct cli_buf *b, const ald_revision *r, int current)
{
	unsigned f = ald_revision_flags(r);
	cli_buf_printf(b, "Rev: %s%s%s%s%s\n", ald_revision_id(r), (f & ALD_REVISION_HEAD) ? " (head)" : "",
		       (f & ALD_REVISION_BRANCHPOINT) ? " (branchpoint)" : "",
		       (f & ALD_REVISION_MERGEPOINT) ? " (mergepoint)" : "", current ? " (current)" : "");
	cli_buf_puts(b, (f & ALD_REVISION_MERGEPOINT) ? "Merges: " : "Parent: ");
	put_parents(b, r);
	cli_buf_putc(b, '\n');
	if (ald_revision_depends_on_count(r)) {
		cli_buf_puts(b, "Also depends on: ");
		put_list(b, r, ald_revision_depends_on_count, ald_revision_depends_on_id_at);
		cli_buf_putc(b, '\n');
	}
	if (f & ALD_REVISION_BRANCHPOINT) {
		cli_buf_puts(b, "Branches into: ");
		put_list(b, r, ald_revision_child_count, child_id);
		cli_buf_putc(b, '\n');
	}
	if (ald_revision_label_count(r)) {
		cli_buf_puts(b, "Branch names: ");
		put_list(b, r, ald_revision_label_count, ald_revision_label_at);
		cli_buf_putc(b, '\n');
	}
	cli_buf_printf(b, "Path: %s\n\n", ald_revision_path(r));
	/* Every docstring line indented by four spaces, blank lines too; the
	 * entry ends with a newline (the caller prints one more, as Alembic). */
	char *doc = cli_revision_doc(r);
	for (const char *d = doc; *d;) {
		size_t n = strcspn(d, "\n");
		cli_buf_puts(b, "    ");
		cli_buf_put(b, d, n);
		cli_buf_putc(b, '\n');
		d += n + (d[n] == '\n');
	}
	if (!*doc)
		cli_buf_putc(b, '\n');
	free(doc);
}

/* Length of the well-formed UTF-8 sequence (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF) at s, or 0 if the byte at s does not
 * start one. s is NUL-terminated, so a cut sequence stops at the NUL. */
static size_t utf8_len(const unsigned char *s)
{
	unsigned char c = s[0];
	size_t n;
	unsigned char lo = 0x80, hi = 0xbf; /* the range of the second byte */
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, lo = c == 0xe0 ? 0xa0 : 0x80, hi = c == 0xed ? 0x9f : 0xbf;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, lo = c == 0xf0 ? 0x90 : 0x80, hi = c == 0xf4 ? 0x8f : 0xbf;
	else
		return 0;
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return n;
}

/* A JSON string that is valid UTF-8 whatever the bytes of s: '"' and '\\'
 * escaped; \n, \t, \r as such; the other C0 controls, DEL and the C1
 * controls (U+0080..U+009F) as \u00XX; well-formed UTF-8 sequences copied;
 * every other byte (invalid UTF-8: a stray continuation byte, a cut or
 * overlong sequence, a surrogate, a Latin-1 file name) as \u00XX, the byte
 * read as Latin-1 (0xE9 -> \u00e9). aludel(1) documents this under --json. */
void fmt_json_string(struct cli_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	cli_buf_putc(b, '"');
	while (*p) {
		unsigned char c = *p;
		size_t n = utf8_len(p);
		if (c == '"' || c == '\\')
			cli_buf_printf(b, "\\%c", c);
		else if (c == '\n')
			cli_buf_puts(b, "\\n");
		else if (c == '\t')
			cli_buf_puts(b, "\\t");
		else if (c == '\r')
			cli_buf_puts(b, "\\r");
		else if (c < 0x20 || c == 0x7f)
			cli_buf_printf(b, "\\u%04x", c);
		else if (n == 2 && c == 0xc2 && p[1] < 0xa0) /* C1 control */
			cli_buf_printf(b, "\\u%04x", p[1]);
		else if (n > 1)
			cli_buf_put(b, (const char *)p, n);
		else if (n == 0)
			cli_buf_printf(b, "\\u%04x", c);
		else
			cli_buf_putc(b, (char)c);
		p += n ? n : 1;
	}
	cli_buf_putc(b, '"');
}

static void json_list(struct cli_buf *b, const char *key, const ald_revision *r,
		      size_t (*count)(const ald_revision *), const char *(*at)(const ald_revision *, size_t))
{
	cli_buf_printf(b, ", \"%s\": [", key);
	for (size_t i = 0; i < count(r); i++) {
		if (i)
			cli_buf_puts(b, ", ");
		fmt_json_string(b, at(r, i));
	}
	cli_buf_putc(b, ']');
}

static void json_bool(struct cli_buf *b, const char *key, int v)
{
	cli_buf_printf(b, ", \"%s\": %s", key, v ? "true" : "false");
}

void fmt_json_revision(struct cli_buf *b, const ald_revision *r, int current)
{
	unsigned f = ald_revision_flags(r);
	cli_buf_puts(b, "{\"revision\": ");
	fmt_json_string(b, ald_revision_id(r));
	json_list(b, "down_revisions", r, ald_revision_parent_count, ald_revision_parent_id_at);
	json_list(b, "depends_on", r, ald_revision_depends_on_count, ald_revision_depends_on_id_at);
	json_list(b, "branch_labels", r, ald_revision_label_count, ald_revision_label_at);
	json_list(b, "children", r, ald_revision_child_count, child_id);
	json_bool(b, "is_base", f & ALD_REVISION_BASE);
	json_bool(b, "is_head", f & ALD_REVISION_HEAD);
	json_bool(b, "is_real_head", f & ALD_REVISION_REAL_HEAD);
	json_bool(b, "is_branch_point", f & ALD_REVISION_BRANCHPOINT);
	json_bool(b, "is_merge_point", f & ALD_REVISION_MERGEPOINT);
	if (current >= 0)
		json_bool(b, "is_current", current);
	cli_buf_puts(b, ", \"message\": ");
	fmt_json_string(b, ald_revision_message(r));
	cli_buf_puts(b, ", \"doc\": ");
	char *doc = cli_revision_doc(r);
	fmt_json_string(b, doc);
	free(doc);
	cli_buf_puts(b, ", \"create_date\": ");
	if (ald_revision_create_date(r))
		fmt_json_string(b, ald_revision_create_date(r));
	else
		cli_buf_puts(b, "null");
	cli_buf_puts(b, ", \"path\": ");
	fmt_json_string(b, ald_revision_path(r));
	cli_buf_puts(b, ", \"format\": ");
	fmt_json_string(b, ald_revision_is_alembic(r) ? "alembic-python" : "sql");
	cli_buf_putc(b, '}');
}
