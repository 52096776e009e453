/* options.c - ald_*_options_init: an options struct of a given version
 * filled with its defaults (the _INIT macros' values), for callers built
 * against an older aludel.h, as libgit2's git_*_options_init do. */
#include "aludel.h"
#include "error.h"

#include <stddef.h>
#include <string.h>

/* Copies the defaults of options version `version` into *opts and sets
 * `version`: only the bytes that version's struct has (SIZE_OF(version)), a
 * caller built against an older aludel.h has a shorter struct. OLDEST: the
 * version at which the layout last changed (older ones refused); a version
 * the library does not know fails (ALD_EUSAGE). */
#define OPTIONS_INIT(fn, type, INIT, OLDEST, NEWEST, SIZE_OF)                             \
	int fn(type *opts, unsigned int version)                                          \
	{                                                                                 \
		int err = ald__options_version_check_since(#fn, version, OLDEST, NEWEST);   \
		if (err < 0)                                                              \
			return err;                                                       \
		const type defaults = INIT;                                               \
		memcpy(opts, &defaults, SIZE_OF(version));                                \
		opts->version = version;                                                  \
		return 0;                                                                 \
	}

/* The size of each version's struct: up to the first field a later version added. */
#define OPEN_SIZE(v) ((v) < 2 ? offsetof(ald_open_options, no_cache) : sizeof(ald_open_options))
#define REVISION_SIZE(v) ((v) < 2 ? offsetof(ald_revision_options, format) : sizeof(ald_revision_options))
#define MERGE_SIZE(v) sizeof(ald_merge_options)
#define PLAN_SIZE(v) sizeof(ald_plan_options)
#define RUN_SIZE(v) sizeof(ald_run_options)
#define CHECK_SIZE(v) sizeof(ald_check_options)
#define VERIFY_SIZE(v) sizeof(ald_verify_options)

OPTIONS_INIT(ald_open_options_init, ald_open_options, ALD_OPEN_OPTIONS_INIT, 1, ALD_OPEN_OPTIONS_VERSION, OPEN_SIZE)
OPTIONS_INIT(ald_revision_options_init, ald_revision_options, ALD_REVISION_OPTIONS_INIT, 1,
	     ALD_REVISION_OPTIONS_VERSION, REVISION_SIZE)
OPTIONS_INIT(ald_merge_options_init, ald_merge_options, ALD_MERGE_OPTIONS_INIT, 1, ALD_MERGE_OPTIONS_VERSION, MERGE_SIZE)
OPTIONS_INIT(ald_plan_options_init, ald_plan_options, ALD_PLAN_OPTIONS_INIT, 3, ALD_PLAN_OPTIONS_VERSION, PLAN_SIZE)
OPTIONS_INIT(ald_run_options_init, ald_run_options, ALD_RUN_OPTIONS_INIT, 1, ALD_RUN_OPTIONS_VERSION, RUN_SIZE)
OPTIONS_INIT(ald_check_options_init, ald_check_options, ALD_CHECK_OPTIONS_INIT, 1, ALD_CHECK_OPTIONS_VERSION, CHECK_SIZE)
OPTIONS_INIT(ald_verify_options_init, ald_verify_options, ALD_VERIFY_OPTIONS_INIT, 1, ALD_VERIFY_OPTIONS_VERSION,
	     VERIFY_SIZE)
