/* sqlite_loader.c - loading libsqlite3 on first use (see sqlite_loader.h). */
#define ALD_SQLITE_LOADER_IMPL 1
#include "sqlite_loader.h"

struct ald_sqlite_api ald__sqlite;

#define LAZY_API ald__sqlite
#include "lazy_lib.h"

LAZY_LOADER(ald__sqlite_load, "libsqlite3.so.0", ALD_SQLITE_FUNCTIONS,
	    "the SQLite library (libsqlite3.so.0, Debian package libsqlite3-0)")
