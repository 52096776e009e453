/* current_rows.c - reading the version table's rows for history -i, show
 * current and `current` ranges. */
#include "cli.h"

int cli_current_rows(struct ald_strvec *out, ald_project *p)
{
	ald_strarray rows = {0};
	if (ald_project_current(&rows, p) < 0)
		return -1;
	for (size_t i = 0; i < rows.count; i++)
		ald_strvec_pushdup(out, rows.strings[i]);
	ald_strarray_dispose(&rows);
	return 0;
}
