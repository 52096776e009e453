/* schema.h - the schema snapshot: a canonical text of a database's schema
 * read from its catalogue (schema.c, schema_sqlite.c, schema_pg.c), so that
 * two snapshots compare, and diff, line by line. */
#ifndef ALD_SCHEMA_H
#define ALD_SCHEMA_H

#include "db.h"

/* The tables a snapshot leaves out (with what belongs to them: indexes,
 * constraints, triggers, owned sequences): aludel's own. */
struct ald_schema_skip {
	const char *schema;   /* NULL: the names in any schema */
	const char *names[3]; /* version table, <version table>_progress, the history table ("": none) */
};

/* Fills skip for the version table `version_table` of `schema` (may be
 * NULL) and the history table `history_table` (NULL: the history is off);
 * the names point into `buf` and history_table, which must live as long as
 * skip. */
void ald__schema_skip_init(struct ald_schema_skip *skip, char *buf, size_t buf_size, const char *version_table,
			  const char *schema, const char *history_table);

/* The snapshot of db: one entry a line (an entry with a definition of several
 * lines continues on lines indented by four spaces), sorted, ending with a
 * newline (an empty schema: ""). *out is the caller's. */
int ald__schema_snapshot(char **out, struct ald_db *db, const struct ald_schema_skip *skip);

/* The entries of each backend, appended unsorted to *out (one string per
 * entry; several lines allowed). */
int ald__schema_sqlite_entries(struct ald_strvec *out, struct ald_db *db, const struct ald_schema_skip *skip);
int ald__schema_pg_entries(struct ald_strvec *out, struct ald_db *db, const struct ald_schema_skip *skip);

/* SQLite's stored CREATE text in a canonical form: comments dropped, white
 * space kept only between two words, words and identifier-like quoted names
 * lower-cased and unquoted; string literals as written. Caller frees. */
char *ald__schema_sqlite_normalize(const char *sql);

#endif
