/* sqlite_loader.h - libsqlite3, loaded on the first SQLite connection.
 *
 * Most commands (heads, history, branches, show, the graph of the TUI) never
 * open a database; linking libsqlite3 cost each of them half a millisecond of
 * loading at start. db_sqlite.c includes this header instead of calling
 * SQLite directly: each function below goes through a pointer that
 * ald__sqlite_load() fills with dlopen/dlsym, as pq_loader.h does for libpq. */
#ifndef ALD_SQLITE_LOADER_H
#define ALD_SQLITE_LOADER_H

#include <sqlite3.h>

#define ALD_SQLITE_FUNCTIONS(X)                                                                \
	X(sqlite3_busy_handler) X(sqlite3_changes64) X(sqlite3_close_v2) X(sqlite3_column_text) \
	X(sqlite3_errmsg) X(sqlite3_error_offset) X(sqlite3_errstr) X(sqlite3_exec)             \
	X(sqlite3_extended_result_codes) X(sqlite3_finalize) X(sqlite3_get_autocommit)          \
	X(sqlite3_interrupt) X(sqlite3_open_v2) X(sqlite3_prepare_v2) X(sqlite3_step)           \
	X(sqlite3_total_changes64)

struct ald_sqlite_api {
#define ALD_SQLITE_MEMBER(f) __typeof__(&f) f;
	ALD_SQLITE_FUNCTIONS(ALD_SQLITE_MEMBER)
#undef ALD_SQLITE_MEMBER
};

extern struct ald_sqlite_api ald__sqlite;

/* Loads libsqlite3 once (later calls return at once). On failure sets the
 * error (naming the library and the Debian package) and returns ALD_ERROR. */
int ald__sqlite_load(void);

#ifndef ALD_SQLITE_LOADER_IMPL
#define sqlite3_busy_handler ald__sqlite.sqlite3_busy_handler
#define sqlite3_changes64 ald__sqlite.sqlite3_changes64
#define sqlite3_close_v2 ald__sqlite.sqlite3_close_v2
#define sqlite3_column_text ald__sqlite.sqlite3_column_text
#define sqlite3_errmsg ald__sqlite.sqlite3_errmsg
#define sqlite3_error_offset ald__sqlite.sqlite3_error_offset
#define sqlite3_errstr ald__sqlite.sqlite3_errstr
#define sqlite3_exec ald__sqlite.sqlite3_exec
#define sqlite3_extended_result_codes ald__sqlite.sqlite3_extended_result_codes
#define sqlite3_finalize ald__sqlite.sqlite3_finalize
#define sqlite3_get_autocommit ald__sqlite.sqlite3_get_autocommit
#define sqlite3_interrupt ald__sqlite.sqlite3_interrupt
#define sqlite3_open_v2 ald__sqlite.sqlite3_open_v2
#define sqlite3_prepare_v2 ald__sqlite.sqlite3_prepare_v2
#define sqlite3_step ald__sqlite.sqlite3_step
#define sqlite3_total_changes64 ald__sqlite.sqlite3_total_changes64
#endif

#endif
