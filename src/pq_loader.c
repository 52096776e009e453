/* pq_loader.c - loading libpq on first use (see pq_loader.h). */
#define ALD_PQ_LOADER_IMPL 1
#include "pq_loader.h"

struct ald_pq_api ald__pq;

#define LAZY_API ald__pq
#include "lazy_lib.h"

LAZY_LOADER(ald__pq_load, "libpq.so.5", ALD_PQ_FUNCTIONS,
	    "the PostgreSQL client library (libpq.so.5, Debian package libpq5)")
