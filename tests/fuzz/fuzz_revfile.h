/* fuzz_revfile.h - checks on a parsed revision file shared by the revision
 * fuzz targets: what a successful parse must hold, and the comparison of two
 * parses (a revision read through the header cache against one read from its
 * file). */
#ifndef ALD_FUZZ_REVFILE_H
#define ALD_FUZZ_REVFILE_H

#include "fuzz_util.h"
#include "revision_file.h"
#include "sql_split.h"

/* The name of the first field in which a and b differ (doc aside), or NULL:
 * every field of ALD_REVFILE_FIELDS (revision_file.h) but the doc. */
static inline const char *fuzz_revfile_diff(const struct ald_revfile *a, const struct ald_revfile *b)
{
	return ald__revfile_diff(a, b, ALD_RF_PACKED);
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
