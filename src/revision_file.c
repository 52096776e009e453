/* revision_file.c - loading a revision file by its extension, re-reading one of its
 * SQL sections, and the helpers both readers share (see revision_file.h). */
#include "revision_file.h"
#include "error.h"

#include <stdlib.h>
#include <string.h>

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

int ald__revfile_parse(struct ald_revfile *out, const char *path, const char *text, size_t len)
{
	if (ends_with(path, ".sql"))
		return ald__revfile_parse_sql(out, path, text, len);
	return ald__revfile_parse_py(out, path, text, len);
}

int ald__revfile_load(struct ald_revfile *out, const char *path)
{
	memset(out, 0, sizeof(*out));
	if (!ends_with(path, ".sql") && !ends_with(path, ".py"))
		return ald__error_set(ALD_EINVALID,
				     "%s: not a revision file (the name must end in .sql or .py)", path);
	char *text;
	size_t len;
	int err = ald__read_file_max(&text, &len, path, ald__read_limit());
	if (err < 0)
		return err;
	err = ald__revfile_parse(out, path, text, len);
	free(text);
	return err;
}

/* The file is parsed again rather than trusting rf's offsets, so that an edit
 * made since it was loaded cannot cut a statement in the middle: the section
 * returned is the one the file holds now, provided it is still the same
 * revision. The file is read with the revision file limit, as the scan does. */
int ald__revfile_reread(struct ald_revfile *now, char **text, size_t *len, const struct ald_revfile *rf)
{
	*text = NULL;
	memset(now, 0, sizeof(*now));
	int err = ald__read_file_max(text, len, rf->path, ald__read_limit());
	if (err < 0)
		return err;
	err = ald__revfile_parse(now, rf->path, *text, *len);
	if (err == 0 && (!rf->id || strcmp(now->id, rf->id) != 0)) {
		err = ald__error_set(ALD_EINVALID, "%s: the file changed since it was read (revision %s is now %s)",
				    rf->path, rf->id ? rf->id : "?", now->id);
		ald__revfile_clear(now);
	}
	if (err < 0) {
		free(*text);
		*text = NULL;
	}
	return err;
}

int ald__revfile_section(char **out, const struct ald_revfile *rf, int upgrade)
{
	const char *name = upgrade ? "upgrade" : "downgrade";
	*out = NULL;
	if (rf->kind != ALD_REVFILE_SQL)
		return ald__error_set(ALD_EINVALID, "%s: a Python revision has no SQL sections", rf->path);
	const struct ald_section *old = upgrade ? &rf->upgrade : &rf->downgrade;
	if (!old->present)
		return ald__error_set(ALD_ENOTFOUND, "%s: no '-- migrate:%s' section", rf->path, name);

	char *text;
	size_t len;
	struct ald_revfile now;
	int err = ald__revfile_reread(&now, &text, &len, rf);
	if (err == 0) {
		const struct ald_section *sec = upgrade ? &now.upgrade : &now.downgrade;
		if (!sec->present)
			err = ald__error_set(ALD_ENOTFOUND,
					    "%s: the '-- migrate:%s' section was removed since the file "
					    "was read",
					    rf->path, name);
		else
			*out = ald__xstrndup(text + sec->offset, sec->length);
		ald__revfile_clear(&now);
	}
	free(text);
	return err;
}

static size_t list_bytes(const struct ald_strvec *l)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++)
		n += strlen(l->v[i]) + 1;
	return n;
}

/* Copies s to *p (NUL included) and moves *p past it; returns the copy. */
static char *put_str(char **p, const char *s)
{
	size_t n = strlen(s) + 1;
	char *copy = memcpy(*p, s, n);
	*p += n;
	return copy;
}

static void put_list(struct ald_strvec *out, const struct ald_strvec *in, char ***ptrs, char **p)
{
	out->n = out->cap = in->n;
	out->v = in->n ? *ptrs : NULL;
	for (size_t i = 0; i < in->n; i++)
		out->v[i] = put_str(p, in->v[i]);
	*ptrs += in->n;
}

void ald__revfile_pack(struct ald_revfile *out, const struct ald_revfile *in)
{
	size_t nptr = in->down.n + in->depends.n + in->labels.n;
	size_t bytes = nptr * sizeof(char *) + strlen(in->path) + strlen(in->id) +
		       strlen(in->message) + 3 + (in->create_date ? strlen(in->create_date) + 1 : 0) +
		       list_bytes(&in->down) + list_bytes(&in->depends) + list_bytes(&in->labels);
	char *block = ald__xmalloc(bytes);
	char **ptrs = (char **)(void *)block; /* the pointer arrays first: malloc aligns them */
	char *p = block + nptr * sizeof(char *);
	*out = *in;
	out->block = block;
	out->doc = NULL;
	out->path = put_str(&p, in->path);
	out->id = put_str(&p, in->id);
	out->message = put_str(&p, in->message);
	out->create_date = in->create_date ? put_str(&p, in->create_date) : NULL;
	put_list(&out->down, &in->down, &ptrs, &p);
	put_list(&out->depends, &in->depends, &ptrs, &p);
	put_list(&out->labels, &in->labels, &ptrs, &p);
}

void ald__revfile_clear(struct ald_revfile *rf)
{
	if (rf->block) {
		free(rf->block);
		free(rf->doc);
		memset(rf, 0, sizeof(*rf));
		return;
	}
	free(rf->path);
	free(rf->id);
	free(rf->doc);
	free(rf->message);
	free(rf->create_date);
	ald__strvec_free(&rf->down);
	ald__strvec_free(&rf->depends);
	ald__strvec_free(&rf->labels);
	memset(rf, 0, sizeof(*rf));
}

int ald__revfile_check_name(const char *path, unsigned line, const char *name, const char *what)
{
	/* in byte order, as Alembic sorts the characters it lists */
	static const struct {
		char c;
		const char *shown;
	} bad[] = {{'\t', "\\t"}, {'\n', "\\n"}, {'\v', "\\v"}, {'\f', "\\f"}, {'\r', "\\r"},
		   {' ', " "},     {'+', "+"},      {',', ","},      {'-', "-"},      {'@', "@"}};
	struct ald_buf found = {0};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (!strchr(name, bad[i].c))
			continue;
		if (found.len)
			ald__buf_puts(&found, ", ");
		ald__buf_puts(&found, bad[i].shown);
	}
	if (found.len == 0)
		return 0;
	int err;
	if (line)
		err = ald__error_set(ALD_EINVALID, "%s:%u: Character(s) '%s' not allowed in %s '%s'",
				    path, line, found.ptr, what, name);
	else
		err = ald__error_set(ALD_EINVALID, "%s: Character(s) '%s' not allowed in %s '%s'", path,
				    found.ptr, what, name);
	ald__buf_free(&found);
	return err;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

void ald__revfile_set_doc(struct ald_revfile *rf, char *doc)
{
	size_t s = 0, e = strlen(doc);
	while (s < e && is_space(doc[s]))
		s++;
	while (e > s && is_space(doc[e - 1]))
		e--;
	memmove(doc, doc + s, e - s);
	doc[e - s] = '\0';
	const char *para = strstr(doc, "\n\n");
	free(rf->doc);
	free(rf->message);
	rf->message = para ? ald__xstrndup(doc, (size_t)(para - doc)) : ald__xstrdup(doc);
	rf->doc = doc;
}

int ald__revfile_check_loops(const struct ald_revfile *rf, const char *path)
{
	if (ald__strvec_contains(&rf->down, rf->id))
		return ald__error_set(ALD_ECYCLE, "%s:%u: Self-loop is detected in revisions (%s)", path,
				     rf->down_line, rf->id);
	if (ald__strvec_contains(&rf->depends, rf->id))
		return ald__error_set(ALD_ECYCLE, "%s:%u: Dependency self-loop is detected in revisions (%s)",
				     path, rf->depends_line, rf->id);
	return 0;
}
