/* options.c - ald_*_options_init: an options struct of a given version
 * filled with its defaults (the _INIT macros' values), for callers built
 * against an older aludel.h, as libgit2's git_*_options_init do. */
#include "aludel.h"
#include "error.h"

#include <string.h>

/* Copies the defaults of the newest version into *opts and sets `version`;
 * OLDEST: the version at which the layout last changed (older ones refused);
 * a version the library does not know fails (ALD_EUSAGE). */
#define OPTIONS_INIT(fn, type, INIT, OLDEST, NEWEST)                                      \
	int fn(type *opts, unsigned int version)                                          \
	{                                                                                 \
		int err = ald__options_version_check_since(#fn, version, OLDEST, NEWEST);   \
		if (err < 0)                                                              \
			return err;                                                       \
		const type defaults = INIT;                                               \
		*opts = defaults;                                                         \
		opts->version = version;                                                  \
		return 0;                                                                 \
	}

OPTIONS_INIT(ald_open_options_init, ald_open_options, ALD_OPEN_OPTIONS_INIT, 1, ALD_OPEN_OPTIONS_VERSION)
OPTIONS_INIT(ald_revision_options_init, ald_revision_options, ALD_REVISION_OPTIONS_INIT, 1, ALD_REVISION_OPTIONS_VERSION)
OPTIONS_INIT(ald_merge_options_init, ald_merge_options, ALD_MERGE_OPTIONS_INIT, 1, ALD_MERGE_OPTIONS_VERSION)
OPTIONS_INIT(ald_plan_options_init, ald_plan_options, ALD_PLAN_OPTIONS_INIT, 3, ALD_PLAN_OPTIONS_VERSION)
OPTIONS_INIT(ald_run_options_init, ald_run_options, ALD_RUN_OPTIONS_INIT, 1, ALD_RUN_OPTIONS_VERSION)
OPTIONS_INIT(ald_check_options_init, ald_check_options, ALD_CHECK_OPTIONS_INIT, 1, ALD_CHECK_OPTIONS_VERSION)
OPTIONS_INIT(ald_verify_options_init, ald_verify_options, ALD_VERIFY_OPTIONS_INIT, 1, ALD_VERIFY_OPTIONS_VERSION)
