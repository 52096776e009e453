/* current_rows.c - reading the version table's rows for history -i, show
 * current and `current` ranges, after the project's warning about them. */
#include "cli.h"

#include <string.h>

void cli_warn_project(const ald_project *p)
{
	const char *w = ald_project_warning(p);
	for (const char *s = w; s && *s;) {
		const char *e = strchr(s, '\n');
		int n = e ? (int)(e - s) : (int)strlen(s);
		fprintf(stderr, "WARNING: %.*s\n", n, s);
		s += n + (e ? 1 : 0);
	}
}

int cli_current_rows(struct cli_strvec *out, ald_project *p)
{
	ald_strarray rows = {0};
	cli_warn_project(p);
	if (ald_project_current(&rows, p) < 0)
		return -1;
	for (size_t i = 0; i < rows.count; i++)
		cli_strvec_pushdup(out, rows.strings[i]);
	ald_strarray_dispose(&rows);
	return 0;
}
