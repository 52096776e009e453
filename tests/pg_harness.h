/* pg_harness.h - a throwaway PostgreSQL server for the cmocka tests.
 *
 * The first ald_test_pg_start() of a process runs `tests/pg-cluster.sh start`
 * in a new temporary directory: initdb + pg_ctl, Unix socket only, trust
 * authentication for the superuser `postgres` (as root the server runs as the
 * postgres user). ald_test_pg_stop() stops it and removes the directory; a
 * watchdog stops it too if the test process dies first.
 *
 * With ALD_PG_SOCKET_DIR set, the tests use the server already listening there
 * (user postgres, trust) instead of starting one. If no server can be started
 * the setup fails (a test failure, never a skip) with the reason on stderr.
 *
 * Link: tests/pg_harness.c with $(LIBPQ_LIBS); compile with
 * -DALD_TOP_SRCDIR='"$(abs_top_srcdir)"' (or set ALD_PG_CLUSTER_SH to the script).
 */
#ifndef ALD_PG_HARNESS_H
#define ALD_PG_HARNESS_H

/* Starts the server once per process (later calls return the same one).
 * Returns its socket directory (borrowed), or NULL after printing why; after a
 * failed start, later calls fail at once. */
const char *ald_test_pg_start(void);
/* Stops the server started by ald_test_pg_start (an external one is left alone). */
void ald_test_pg_stop(void);
/* Creates a new empty database named after `prefix` (letters, digits, _) and
 * returns its URL, postgresql:///NAME?host=SOCKETDIR&user=postgres (caller
 * frees), or NULL after printing why. Starts the server if needed. */
char *ald_test_pg_create_db(const char *prefix);
/* Drops a database made by ald_test_pg_create_db, given its URL (errors ignored). */
void ald_test_pg_drop_db(const char *url);

/* cmocka group setup/teardown of the suites that run every case on SQLite
 * files and on PostgreSQL: a temporary folder for the files
 * (ald_test_tmpdir()) and the server started. Without a server the
 * PostgreSQL cases fail in their own setup; the SQLite ones still run. */
int ald_test_backends_setup(void **state);
int ald_test_backends_teardown(void **state);
/* The folder made by ald_test_backends_setup. */
const char *ald_test_tmpdir(void);

#endif
