/* fuzz_revfile.h - checks on a parsed revision file shared by the revision
 * fuzz targets: what a successful parse must hold, and the comparison of two
 * parses (a revision read through the header cache against one read from its
 * file). */
#ifndef ALD_FUZZ_REVFILE_H
#define ALD_FUZZ_REVFILE_H

#include "fuzz_util.h"
#include "revision_file.h"
#include "sql_split.h"

static inline int fuzz_list_equal(const struct ald_strvec *a, const struct ald_strvec *b)
{
	if (a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]) != 0)
			return 0;
	return 1;
}

static inline int fuzz_opt_equal(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* The name of the first field in which a and b differ (doc aside), or NULL. */
static inline const char *fuzz_revfile_diff(const struct ald_revfile *a, const struct ald_revfile *b)
{
	if (!fuzz_opt_equal(a->path, b->path))
		return "path";
	if (!fuzz_opt_equal(a->id, b->id))
		return "id";
	if (!fuzz_opt_equal(a->message, b->message))
		return "message";
	if (!fuzz_opt_equal(a->create_date, b->create_date))
		return "create_date";
	if (!fuzz_list_equal(&a->down, &b->down))
		return "down revisions";
	if (!fuzz_list_equal(&a->depends, &b->depends))
		return "depends_on";
	if (!fuzz_list_equal(&a->labels, &b->labels))
		return "branch labels";
	if (a->kind != b->kind)
		return "kind";
	if (a->id_line != b->id_line || a->down_line != b->down_line ||
	    a->depends_line != b->depends_line)
		return "line numbers";
	if (a->transactional != b->transactional)
		return "transactional";
	const struct ald_section *s[4] = {&a->upgrade, &b->upgrade, &a->downgrade, &b->downgrade};
	for (int i = 0; i < 4; i += 2)
		if (s[i]->present != s[i + 1]->present || s[i]->line != s[i + 1]->line ||
		    s[i]->offset != s[i + 1]->offset || s[i]->length != s[i + 1]->length)
			return i ? "downgrade section" : "upgrade section";
	return NULL;
}

static inline void fuzz_check_list(const struct ald_strvec *l, const char *what)
{
	FUZZ_CHECK(l->n == 0 || l->v != NULL, what);
	for (size_t i = 0; i < l->n; i++)
		FUZZ_CHECK(l->v[i] != NULL, what);
}

/* A section's range lies in the text and splits (or fails cleanly). */
static inline void fuzz_check_section(const struct ald_section *s, const char *text, size_t len,
				      const char *what)
{
	if (!s->present)
		return;
	FUZZ_CHECK(s->offset <= len && s->length <= len - s->offset, what);
	FUZZ_CHECK(s->line >= 1, what);
	struct ald_stmts st = {0};
	if (ald__sql_split(&st, text + s->offset, s->length, s->line) == 0)
		ald__stmts_free(&st);
}

/* What every successful parse of `text` must give; then the packed copy
 * (as a folder scan keeps it) must hold the same values. */
static inline void fuzz_check_revfile(const struct ald_revfile *rf, const char *text, size_t len)
{
	FUZZ_CHECK(rf->path && rf->id && rf->message && rf->doc, "strings set");
	FUZZ_CHECK(*rf->id != '\0', "empty revision id");
	fuzz_check_list(&rf->down, "down revisions");
	fuzz_check_list(&rf->depends, "depends_on");
	fuzz_check_list(&rf->labels, "branch labels");
	if (rf->kind == ALD_REVFILE_SQL) {
		fuzz_check_section(&rf->upgrade, text, len, "upgrade section");
		fuzz_check_section(&rf->downgrade, text, len, "downgrade section");
	}
	struct ald_revfile packed;
	ald__revfile_pack(&packed, rf);
	const char *diff = fuzz_revfile_diff(rf, &packed);
	FUZZ_CHECK(diff == NULL, diff);
	ald__revfile_clear(&packed);
}

#endif
