/* pgq_loader.c - loading libpg_query on first use (see pgq_loader.h). */
#define ALD_PGQ_LOADER_IMPL 1
#include "pgq_loader.h"

struct ald_pgq_api ald__pgq;

#define LAZY_API ald__pgq
#include "lazy_lib.h"

LAZY_LOADER(ald__pgq_load, "libpg_query.so.1504.0", ALD_PGQ_FUNCTIONS,
	    "the PostgreSQL parser library (libpg_query.so.1504.0, Debian package libpg-query1504.0; "
	    "to build aludel: libpg-query-dev)")
