/* tmp_cwd.h - each test in a fresh temporary folder as its working directory
 * (test_config.c, test_init.c). tmp_cwd_group_setup/_teardown go in the
 * group's hooks, tmp_cwd_enter/tmp_cwd_leave in each test's; tmp_cwd is the
 * current test's folder (absolute, as getcwd gives it). */
#ifndef ALD_TMP_CWD_H
#define ALD_TMP_CWD_H

#include <stdlib.h>
#include <unistd.h>

#include "util.h"

static char *tmp_cwd_origin; /* the working directory before the tests */
static char *tmp_cwd;        /* the current test's folder */

static inline int tmp_cwd_group_setup(void **state)
{
	(void)state;
	tmp_cwd_origin = getcwd(NULL, 0);
	unsetenv("DATABASE_URL");
	return tmp_cwd_origin ? 0 : -1;
}

static inline int tmp_cwd_group_teardown(void **state)
{
	(void)state;
	free(tmp_cwd_origin);
	return 0;
}

/* Makes /tmp/<prefix>XXXXXX and enters it. */
static inline int tmp_cwd_enter(const char *prefix)
{
	char *tmpl = ald__xasprintf("/tmp/%sXXXXXX", prefix);
	int ok = mkdtemp(tmpl) && chdir(tmpl) == 0;
	free(tmpl);
	if (!ok)
		return -1;
	tmp_cwd = getcwd(NULL, 0);
	return tmp_cwd ? 0 : -1;
}

/* Goes back to where the tests started and removes the test's folder. */
static inline int tmp_cwd_leave(void **state)
{
	(void)state;
	char *cmd = ald__xasprintf("rm -rf '%s'", tmp_cwd);
	int rc = chdir(tmp_cwd_origin) || system(cmd);
	free(cmd);
	free(tmp_cwd);
	tmp_cwd = NULL;
	return rc;
}

#endif
