/* history_table_sum.c - the checksums of the history table: of the
 * statements a step runs, and of a revision file as it is now, computed the
 * same way (see history_table.h). */
#include "history_table.h"
#include "error.h"
#include "project.h"
#include "revision_file.h"
#include "sha256.h"

#include <stdlib.h>
#include <string.h>

void ald__histtab_stmts_checksum(char hex[65], const struct ald_stmts *sql)
{
	struct ald_sha256 s;
	ald__sha256_init(&s);
	for (size_t i = 0; i < sql->n; i++) {
		ald__sha256_update(&s, sql->v[i].sql, strlen(sql->v[i].sql));
		ald__sha256_update(&s, ";\n", 2);
	}
	ald__sha256_final_hex(&s, hex);
}

/* A native revision's section as the planner splits it (plan.c load_sql):
 * no upgrade section is no statements; no downgrade section, an error. */
static int sql_checksum(char hex[65], const struct ald_revfile *now, const char *text, int downgrade,
			enum ald_sql_dialect dialect)
{
	const struct ald_section *sec = downgrade ? &now->downgrade : &now->upgrade;
	struct ald_stmts st = {0};
	if (!sec->present && downgrade)
		return ald__error_set(ALD_ENOTFOUND, "%s: revision %s has no \"-- migrate:downgrade\" section",
				     now->path, now->id);
	int err = sec->present ? ald__sql_split_dialect(&st, dialect, text + sec->offset, sec->length, sec->line) : 0;
	if (err < 0) {
		ald__error_prefix("%s: ", now->path);
		return err;
	}
	ald__histtab_stmts_checksum(hex, &st);
	ald__stmts_free(&st);
	return 0;
}

int ald__histtab_rev_checksum(char hex[65], const struct ald_rev *rev, int downgrade, enum ald_sql_dialect dialect)
{
	hex[0] = '\0';
	if (rev->file.kind == ALD_REVFILE_PY) {
		/* the function's source, read again by ald_revision_sql (which only
		 * looks at the revision's file) */
		struct ald_revision r = {.project = NULL, .rev = rev};
		char *code = NULL;
		int err = ald_revision_sql(&code, &r, downgrade);
		if (err == 0)
			ald__sha256_hex(hex, code, strlen(code));
		free(code);
		return err;
	}
	char *text = NULL;
	size_t len = 0;
	struct ald_revfile now;
	int err = ald__revfile_reread(&now, &text, &len, &rev->file);
	if (err == 0) {
		err = sql_checksum(hex, &now, text, downgrade, dialect);
		ald__revfile_clear(&now);
	}
	free(text);
	return err;
}
