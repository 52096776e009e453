/* pq_loader.c - loading libpq on first use (see pq_loader.h). */
#define ALD_PQ_LOADER_IMPL 1
#include "pq_loader.h"
#include "error.h"

#include <dlfcn.h>
#include <pthread.h>

struct ald_pq_api ald_pq;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int load_error;
static char load_message[512];

static void load(void)
{
	void *h = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		snprintf(load_message, sizeof(load_message), "%s", dlerror());
		load_error = 1;
		return;
	}
#define ALD_PQ_SYM(f)                                                              \
	if (!load_error && !(ald_pq.f = (__typeof__(ald_pq.f))dlsym(h, #f))) {       \
		snprintf(load_message, sizeof(load_message), "libpq has no %s", #f); \
		load_error = 1;                                                      \
	}
	ALD_PQ_FUNCTIONS(ALD_PQ_SYM)
#undef ALD_PQ_SYM
}

int ald_pq_load(void)
{
	pthread_once(&once, load);
	if (load_error)
		return ald_error_set(ALD_ERROR,
				     "cannot load the PostgreSQL client library (libpq.so.5, Debian package "
				     "libpq5): %s",
				     load_message);
	return 0;
}
