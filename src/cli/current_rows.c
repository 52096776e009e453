/* current_rows.c - reading the version table's rows for history -i, show
 * current and `current` ranges. */
#include "cli.h"

int cli_current_rows(struct ald_strvec *out, ald_project *p)
{
	(void)out;
	(void)p;
	fputs("FAILED: reading the database's current revisions is not built yet\n", stderr);
	return -1;
}
