/* schema.c - the schema snapshot: the backends' entries sorted and written
 * one a line (schema.h), and the public ald_project_schema. */
#include "schema.h"

#include "error.h"
#include "project.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ald__schema_skip_init(struct ald_schema_skip *skip, char *buf, size_t buf_size, const char *version_table,
			  const char *schema, const char *history_table)
{
	const char *vt = version_table ? version_table : "alembic_version";
	int n = snprintf(buf, buf_size, "%s%c%s_progress", vt, '\0', vt);
	skip->schema = schema;
	skip->names[0] = buf;
	skip->names[1] = n > 0 && (size_t)n < buf_size ? buf + strlen(buf) + 1 : "";
	skip->names[2] = history_table ? history_table : "";
}

static int by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends one entry: its first line as is, the others indented by four
 * spaces; trailing blanks of every line and trailing empty lines dropped. */
static void put_entry(struct ald_buf *b, const char *e)
{
	size_t end = strlen(e);
	while (end > 0 && (e[end - 1] == '\n' || e[end - 1] == ' ' || e[end - 1] == '\t' || e[end - 1] == '\r'))
		end--;
	for (size_t i = 0, first = 1; i < end; first = 0) {
		size_t n = i;
		while (n < end && e[n] != '\n')
			n++;
		size_t m = n;
		while (m > i && (e[m - 1] == ' ' || e[m - 1] == '\t' || e[m - 1] == '\r'))
			m--;
		if (!first)
			ald__buf_puts(b, "    ");
		ald__buf_put(b, e + i, m - i);
		ald__buf_putc(b, '\n');
		i = n + 1;
	}
}

int ald__schema_snapshot(char **out, struct ald_db *db, const struct ald_schema_skip *skip)
{
	struct ald_strvec entries = {0};
	int error = ald__db_dialect_of(db)->schema_entries(&entries, db, skip);
	*out = NULL;
	if (error == 0) {
		struct ald_buf b = {0};
		if (entries.n)
			qsort(entries.v, entries.n, sizeof(*entries.v), by_text);
		for (size_t i = 0; i < entries.n; i++)
			put_entry(&b, entries.v[i]);
		*out = ald__buf_detach(&b);
	}
	ald__strvec_free(&entries);
	return error;
}

int ald_project_schema(char **out, ald_project *p)
{
	struct ald_db *db = NULL;
	char buf[512];
	struct ald_schema_skip skip;
	*out = NULL;
	ald__error_clear();
	int error = ald__project_db(&db, p);
	if (error < 0)
		return error;
	ald__schema_skip_init(&skip, buf, sizeof(buf), p->config.version_table, p->config.version_table_schema,
			     p->config.history_table);
	return ald__schema_snapshot(out, db, &skip);
}
