/* revision_file.c - loading a revision file by its extension, re-reading one of its
 * SQL sections, the helpers both readers share, and the record's field table
 * (ALD_REVFILE_FIELDS) with what follows it: pack, clear and compare (see
 * revision_file.h). */
#include "revision_file.h"
#include "error.h"

#include <stddef.h>
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

#define ALD_RF_ENTRY(k, n, w) {#n, ALD_RF_##k, ALD_RF_##w, offsetof(struct ald_revfile, n)},
const struct ald_revfile_field ald__revfile_fields[] = {ALD_REVFILE_FIELDS(ALD_RF_ENTRY)};
const size_t ald__revfile_n_fields = sizeof(ald__revfile_fields) / sizeof(ald__revfile_fields[0]);

#define ALD_RF_SPELL(k, n, w) #k " " #n " " #w ";"
const char ald__revfile_layout[] = ALD_REVFILE_FIELDS(ALD_RF_SPELL);

/* Whether field f is in a packed copy. */
static int packed(const struct ald_revfile_field *f)
{
	return f->keep <= ALD_RF_PACKED;
}

/* Copies s to *p (NUL included) and moves *p past it; returns the copy. */
static char *put_str(char **p, const char *s)
{
	size_t n = strlen(s) + 1;
	char *copy = memcpy(*p, s, n);
	*p += n;
	return copy;
}

/* The block's size: the lists' pointer arrays, then every string. */
static void pack_size(const struct ald_revfile *in, size_t *nptr, size_t *bytes)
{
	*nptr = *bytes = 0;
	for (size_t i = 0; i < ald__revfile_n_fields; i++) {
		const struct ald_revfile_field *f = &ald__revfile_fields[i];
		if (!packed(f))
			continue;
		if (f->kind == ALD_RF_STR || f->kind == ALD_RF_OPT) {
			const char *s = *ALD_RF_CAT(in, f, char *);
			*bytes += s ? strlen(s) + 1 : 0;
		} else if (f->kind == ALD_RF_LIST) {
			const struct ald_strvec *l = ALD_RF_CAT(in, f, struct ald_strvec);
			*nptr += l->n;
			for (size_t k = 0; k < l->n; k++)
				*bytes += strlen(l->v[k]) + 1;
		}
	}
	*bytes += *nptr * sizeof(char *);
}

void ald__revfile_pack(struct ald_revfile *out, const struct ald_revfile *in)
{
	size_t nptr, bytes;
	pack_size(in, &nptr, &bytes);
	char *block = ald__xmalloc(bytes ? bytes : 1);
	char **ptrs = (char **)(void *)block; /* the pointer arrays first: malloc aligns them */
	char *p = block + nptr * sizeof(char *);
	memset(out, 0, sizeof(*out));
	out->block = block;
	for (size_t i = 0; i < ald__revfile_n_fields; i++) {
		const struct ald_revfile_field *f = &ald__revfile_fields[i];
		if (!packed(f))
			continue;
		switch (f->kind) {
		case ALD_RF_STR:
		case ALD_RF_OPT: {
			const char *s = *ALD_RF_CAT(in, f, char *);
			*ALD_RF_AT(out, f, char *) = s ? put_str(&p, s) : NULL;
			break;
		}
		case ALD_RF_LIST: {
			const struct ald_strvec *l = ALD_RF_CAT(in, f, struct ald_strvec);
			struct ald_strvec *o = ALD_RF_AT(out, f, struct ald_strvec);
			o->n = o->cap = l->n;
			o->v = l->n ? ptrs : NULL;
			for (size_t k = 0; k < l->n; k++)
				o->v[k] = put_str(&p, l->v[k]);
			ptrs += l->n;
			break;
		}
		case ALD_RF_LINE:
			*ALD_RF_AT(out, f, unsigned) = *ALD_RF_CAT(in, f, unsigned);
			break;
		case ALD_RF_FLAG:
			*ALD_RF_AT(out, f, int) = *ALD_RF_CAT(in, f, int);
			break;
		case ALD_RF_KIND:
			*ALD_RF_AT(out, f, enum ald_revfile_kind) = *ALD_RF_CAT(in, f, enum ald_revfile_kind);
			break;
		case ALD_RF_SECTION:
			*ALD_RF_AT(out, f, struct ald_section) = *ALD_RF_CAT(in, f, struct ald_section);
			break;
		}
	}
}

void ald__revfile_clear(struct ald_revfile *rf)
{
	for (size_t i = 0; i < ald__revfile_n_fields; i++) {
		const struct ald_revfile_field *f = &ald__revfile_fields[i];
		if (rf->block && packed(f))
			continue; /* in the block */
		if (f->kind == ALD_RF_STR || f->kind == ALD_RF_OPT)
			free(*ALD_RF_AT(rf, f, char *));
		else if (f->kind == ALD_RF_LIST)
			ald__strvec_free(ALD_RF_AT(rf, f, struct ald_strvec));
	}
	free(rf->block);
	memset(rf, 0, sizeof(*rf));
}

static int str_equal(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

const char *ald__revfile_diff(const struct ald_revfile *a, const struct ald_revfile *b,
			     enum ald_rf_keep keep)
{
	for (size_t i = 0; i < ald__revfile_n_fields; i++) {
		const struct ald_revfile_field *f = &ald__revfile_fields[i];
		int same = 1;
		if (f->keep > keep)
			continue;
		switch (f->kind) {
		case ALD_RF_STR:
		case ALD_RF_OPT:
			same = str_equal(*ALD_RF_CAT(a, f, char *), *ALD_RF_CAT(b, f, char *));
			break;
		case ALD_RF_LIST: {
			const struct ald_strvec *x = ALD_RF_CAT(a, f, struct ald_strvec);
			const struct ald_strvec *y = ALD_RF_CAT(b, f, struct ald_strvec);
			same = x->n == y->n;
			for (size_t k = 0; same && k < x->n; k++)
				same = str_equal(x->v[k], y->v[k]);
			break;
		}
		case ALD_RF_LINE:
			same = *ALD_RF_CAT(a, f, unsigned) == *ALD_RF_CAT(b, f, unsigned);
			break;
		case ALD_RF_FLAG:
			same = *ALD_RF_CAT(a, f, int) == *ALD_RF_CAT(b, f, int);
			break;
		case ALD_RF_KIND:
			same = *ALD_RF_CAT(a, f, enum ald_revfile_kind) ==
			       *ALD_RF_CAT(b, f, enum ald_revfile_kind);
			break;
		case ALD_RF_SECTION: {
			const struct ald_section *x = ALD_RF_CAT(a, f, struct ald_section);
			const struct ald_section *y = ALD_RF_CAT(b, f, struct ald_section);
			same = x->present == y->present && x->line == y->line &&
			       x->offset == y->offset && x->length == y->length;
			break;
		}
		}
		if (!same)
			return f->name;
	}
	return NULL;
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
