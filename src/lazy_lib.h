/* lazy_lib.h - the loader of a shared library opened on first use: libpq
 * (pq_loader.c) and libsqlite3 (sqlite_loader.c). A loader file defines
 * LAZY_API (its struct of function pointers), includes this header, and
 * writes LAZY_LOADER(public function, soname, X-macro list of functions,
 * "description for the error"). The public function loads the library once
 * (thread-safe), and afterwards returns at once: 0, or ALD_ERROR with the
 * error set naming the library and why. Include only from loader files. */
#ifndef ALD_LAZY_LIB_H
#define ALD_LAZY_LIB_H

#include "error.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

#define LAZY_SYM(f)                                                                         \
	if (!lazy_failed && !(LAZY_API.f = (__typeof__(LAZY_API.f))dlsym(h, #f))) {          \
		snprintf(lazy_message, sizeof(lazy_message), "%s has no %s", lazy_soname, #f); \
		lazy_failed = 1;                                                             \
	}

#define LAZY_LOADER(public_fn, soname, FUNCTIONS, what)                                      \
	static const char lazy_soname[] = soname;                                             \
	static pthread_once_t lazy_once = PTHREAD_ONCE_INIT;                                  \
	static int lazy_failed;                                                               \
	static char lazy_message[512];                                                        \
	static void lazy_load(void)                                                           \
	{                                                                                     \
		void *h = dlopen(lazy_soname, RTLD_NOW | RTLD_LOCAL);                          \
		if (!h) {                                                                     \
			snprintf(lazy_message, sizeof(lazy_message), "%s", dlerror());         \
			lazy_failed = 1;                                                      \
			return;                                                               \
		}                                                                             \
		FUNCTIONS(LAZY_SYM)                                                           \
	}                                                                                     \
	int public_fn(void)                                                                   \
	{                                                                                     \
		pthread_once(&lazy_once, lazy_load);                                          \
		if (lazy_failed)                                                              \
			return ald__error_set(ALD_ERROR, "cannot load " what ": %s", lazy_message); \
		return 0;                                                                     \
	}

#endif
