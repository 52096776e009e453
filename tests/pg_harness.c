/* pg_harness.c - starts and stops the tests' PostgreSQL server through
 * tests/pg-cluster.sh and creates databases in it (see pg_harness.h). Plain
 * libc and libpq, so that it does not depend on the code under test. */
#include "pg_harness.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef ALD_TOP_SRCDIR
#define ALD_TOP_SRCDIR "."
#endif

static char *socket_dir; /* the server in use, NULL before the first start */
static int started_here;  /* we started it and must stop it */
static int start_failed;  /* it could not be started: do not try again */

static char *script_path(void)
{
	const char *env = getenv("ALD_PG_CLUSTER_SH");
	static char path[4096];
	if (env && *env)
		snprintf(path, sizeof(path), "%s", env);
	else
		snprintf(path, sizeof(path), "%s/tests/pg-cluster.sh", ALD_TOP_SRCDIR);
	return path;
}

/* Runs `sh SCRIPT ARGS` and returns its first line of output (caller frees),
 * or NULL if it failed (its stderr went to ours). */
static char *run_script(const char *args)
{
	char cmd[8192];
	snprintf(cmd, sizeof(cmd), "sh '%s' %s", script_path(), args);
	FILE *f = popen(cmd, "r");
	if (!f) {
		perror("pg_harness: popen");
		return NULL;
	}
	char line[4096] = "";
	char *got = fgets(line, sizeof(line), f);
	while (fgetc(f) != EOF) /* drain */
		;
	int status = pclose(f);
	if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0 || !got) {
		fprintf(stderr, "pg_harness: `%s` failed (status %d)\n", cmd, status);
		return NULL;
	}
	line[strcspn(line, "\n")] = '\0';
	return strdup(line);
}

const char *ald_test_pg_start(void)
{
	if (socket_dir)
		return socket_dir;
	if (start_failed) {
		fprintf(stderr, "pg_harness: no PostgreSQL server for the tests (it failed to start)\n");
		return NULL;
	}
	const char *ext = getenv("ALD_PG_SOCKET_DIR");
	if (ext && *ext) {
		socket_dir = strdup(ext);
		return socket_dir;
	}
	const char *tmp = getenv("TMPDIR");
	char dir[4096];
	/* Unix socket paths are short: fall back to /tmp for a long TMPDIR */
	snprintf(dir, sizeof(dir), "%s/ald-pg.XXXXXX", tmp && *tmp && strlen(tmp) < 60 ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror("pg_harness: mkdtemp");
		return NULL;
	}
	char args[8192];
	snprintf(args, sizeof(args), "start '%s' %ld", dir, (long)getpid());
	socket_dir = run_script(args);
	if (!socket_dir) {
		fprintf(stderr, "pg_harness: could not start a PostgreSQL server for the tests in %s "
			"(see the messages above); the PostgreSQL tests fail\n", dir);
		rmdir(dir);
		start_failed = 1;
		return NULL;
	}
	started_here = 1;
	return socket_dir;
}

void ald_test_pg_stop(void)
{
	if (socket_dir && started_here) {
		char args[8192];
		snprintf(args, sizeof(args), "stop '%s' && echo stopped", socket_dir);
		free(run_script(args));
	}
	free(socket_dir);
	socket_dir = NULL;
	started_here = 0;
}

/* Connects to the maintenance database `postgres`; NULL after printing why. */
static PGconn *connect_admin(void)
{
	const char *keys[] = {"host", "user", "dbname", NULL};
	const char *values[] = {socket_dir, "postgres", "postgres", NULL};
	PGconn *conn = PQconnectdbParams(keys, values, 0);
	if (PQstatus(conn) != CONNECTION_OK) {
		fprintf(stderr, "pg_harness: cannot connect to the test server in %s: %s", socket_dir,
			PQerrorMessage(conn));
		PQfinish(conn);
		return NULL;
	}
	return conn;
}

static int admin_exec(PGconn *conn, const char *sql)
{
	PGresult *r = PQexec(conn, sql);
	int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	if (!ok)
		fprintf(stderr, "pg_harness: %s: %s", sql, PQerrorMessage(conn));
	PQclear(r);
	return ok ? 0 : -1;
}

char *ald_test_pg_create_db(const char *prefix)
{
	static unsigned counter;
	if (!ald_test_pg_start())
		return NULL;
	PGconn *conn = connect_admin();
	if (!conn)
		return NULL;
	char name[64], sql[128];
	snprintf(name, sizeof(name), "%.30s_%ld_%u", prefix, (long)getpid(), ++counter);
	snprintf(sql, sizeof(sql), "CREATE DATABASE \"%s\"", name);
	int error = admin_exec(conn, sql);
	PQfinish(conn);
	if (error < 0)
		return NULL;
	size_t n = strlen(socket_dir) + strlen(name) + 64;
	char *url = malloc(n);
	if (url)
		snprintf(url, n, "postgresql:///%s?host=%s&user=postgres", name, socket_dir);
	return url;
}

void ald_test_pg_drop_db(const char *url)
{
	if (!url || !socket_dir)
		return;
	const char *name = strstr(url, ":///");
	if (!name)
		return;
	name += 4;
	size_t len = strcspn(name, "?");
	char sql[160];
	snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS \"%.*s\" WITH (FORCE)", (int)len, name);
	PGconn *conn = connect_admin();
	if (conn) {
		admin_exec(conn, sql);
		PQfinish(conn);
	}
}

static char tmpdir[] = "/tmp/ald-test.XXXXXX";

const char *ald_test_tmpdir(void)
{
	return tmpdir;
}

int ald_test_backends_setup(void **state)
{
	(void)state;
	if (!mkdtemp(tmpdir))
		return -1;
	ald_test_pg_start(); /* a failure shows in each PostgreSQL case's setup */
	return 0;
}

int ald_test_backends_teardown(void **state)
{
	(void)state;
	ald_test_pg_stop();
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}
