/* verify_scratch.c - the scratch database of `aludel verify`: a new SQLite
 * file, or a PostgreSQL database created (and later dropped) on the server
 * of the project's URL or of the URL given; its URL is built from the
 * project's with the database name replaced, and kept unprinted. */
#include "verify.h"

#include "db.h"
#include "error.h"
#include "project.h"
#include "revision_write.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Where the host part of url starts (after "scheme://" and any user info,
 * found as db_url.c finds it: the last '@' whose user name has no '/'), or
 * NULL when url has no "scheme://". */
static const char *host_start(const char *url)
{
	const char *sep = strstr(url, "://");
	if (!sep || sep == url)
		return NULL;
	const char *s = sep + 3;
	for (const char *at = s + strlen(s); at > s;) {
		if (*--at != '@')
			continue;
		size_t len = (size_t)(at - s);
		const char *colon = memchr(s, ':', len);
		size_t ulen = colon ? (size_t)(colon - s) : len;
		if (!memchr(s, '/', ulen))
			return at + 1;
	}
	return s;
}

/* The span of the database part of url: [*from, *to); 0 when there is
 * none (*from is then where it would go). -1 without "scheme://". */
static int database_span(const char *url, const char **from, const char **to)
{
	const char *h = host_start(url);
	if (!h)
		return -1;
	if (*h == '[') {
		const char *close = strchr(h, ']');
		if (close)
			h = close + 1;
	}
	h += strcspn(h, "/?");
	if (*h != '/') {
		*from = *to = h;
		return 0;
	}
	*from = h + 1;
	*to = *from + strcspn(*from, "?");
	return 1;
}

char *ald__url_with_database(const char *url, const char *name)
{
	const char *from, *to;
	int has = database_span(url, &from, &to);
	if (has < 0)
		return NULL;
	return ald__xasprintf("%.*s%s%s%s", (int)(from - url), url, has ? "" : "/", name, to);
}

char *ald__url_database(const char *url)
{
	const char *from, *to;
	if (database_span(url, &from, &to) <= 0 || from == to)
		return NULL;
	return ald__xstrndup(from, (size_t)(to - from));
}

static int plain_name(const char *s)
{
	if (!s || !*s || (*s >= '0' && *s <= '9'))
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

static int sqlite_scratch(struct ald_scratch *s, const struct ald_db_url *u, const char *given)
{
	if (given) {
		if (!u->path || !*u->path || ald__streq(u->path, ":memory:"))
			return ald__error_set(ALD_EUSAGE, "the scratch database %s is not a file: verify needs one that "
					     "outlives a connection", u->display);
		if (access(u->path, F_OK) == 0)
			return ald__error_set(ALD_EUSAGE, "the scratch database %s exists: verify makes and removes its "
					     "own, name a file that does not exist", u->display);
		s->path = ald__xstrdup(u->path);
		s->url = ald__xstrdup(given);
		s->made = 1;
		return 0;
	}
	const char *dir = getenv("TMPDIR");
	char *t = ald__xasprintf("%s/aludel-verify-XXXXXX.db", dir && *dir ? dir : "/tmp");
	int fd = mkstemps(t, 3);
	if (fd < 0) {
		int e = errno;
		free(t);
		return ald__error_set(ALD_ERROR, "cannot make a scratch database file in %s: %s",
				     dir && *dir ? dir : "/tmp", strerror(e));
	}
	close(fd);
	s->path = t;
	s->url = ald__xasprintf("sqlite:///%s", t);
	s->made = 1;
	return 0;
}

/* Connects to the first of the admin URLs that answers. */
static int admin_open(struct ald_db **db, const struct ald_scratch *s)
{
	int error = ALD_ERROR;
	*db = NULL;
	for (size_t i = 0; i < s->n_admin && !*db; i++)
		error = ald__db_open(db, s->admin[i]);
	return *db ? 0 : error;
}

static void add_admin(struct ald_scratch *s, char *url)
{
	if (!url)
		return;
	s->admin = ald__xrealloc(s->admin, (s->n_admin + 1) * sizeof(*s->admin));
	s->admin[s->n_admin++] = url;
}

static int pg_scratch(struct ald_scratch *s, const char *project_url, const char *given)
{
	if (given) {
		s->name = ald__url_database(given);
		if (!plain_name(s->name))
			return ald__error_set(ALD_EUSAGE, "the scratch database URL must name a database of lower-case "
					     "letters, digits and _ (verify creates and drops it)");
		s->url = ald__xstrdup(given);
	} else {
		char hex[17];
		ald__random_hex(hex, 16);
		s->name = ald__xasprintf("aludel_verify_%s", hex);
		s->url = ald__url_with_database(project_url, s->name);
		add_admin(s, ald__xstrdup(project_url));
	}
	add_admin(s, ald__url_with_database(s->url, "postgres"));
	add_admin(s, ald__url_with_database(s->url, "template1"));
	if (!s->url)
		return ald__error_set(ALD_EINVALID, "cannot build the scratch database's URL");
	struct ald_db *db = NULL;
	int error = admin_open(&db, s);
	if (error < 0) {
		ald__error_prefix("cannot connect to create the scratch database: ");
		return error;
	}
	char *sql = ald__xasprintf("CREATE DATABASE %s", s->name);
	error = ald__db_exec(db, sql, NULL);
	free(sql);
	if (error == 0)
		s->made = 1;
	else
		ald__error_prefix("cannot create the scratch database %s: ", s->name);
	ald__db_close(db);
	return error;
}

int ald__scratch_create(struct ald_scratch *s, ald_project *p, const char *given)
{
	memset(s, 0, sizeof(*s));
	const char *base = given ? given : p->config.url;
	if (!base)
		return ald__error_set(ALD_EUSAGE, "No database URL: verify makes its scratch database beside the "
				     "project's (set sqlalchemy.url in %s, or DATABASE_URL, or --url) or where "
				     "--scratch-url says", p->config.path);
	struct ald_db_url u;
	int error = ald__db_url_parse(&u, base);
	if (error < 0)
		return error;
	if (u.dialect->file_database)
		error = sqlite_scratch(s, &u, given);
	else
		error = pg_scratch(s, base, given);
	ald__db_url_clear(&u);
	if (s->url)
		s->display = ald__db_url_display(s->url);
	return error;
}

/* Removes the file at path; a missing one is not an error. */
static int remove_file(const char *path)
{
	if (unlink(path) == 0 || errno == ENOENT)
		return 0;
	return ald__error_set(ALD_ERROR, "cannot remove the scratch database file %s: %s", path, strerror(errno));
}

int ald__scratch_drop(struct ald_scratch *s)
{
	if (!s->made)
		return 0;
	if (s->path) {
		int error = remove_file(s->path);
		static const char *const suffix[] = {"-journal", "-wal", "-shm", ".aludel-lock"};
		for (size_t i = 0; i < sizeof(suffix) / sizeof(*suffix); i++) {
			char *j = ald__xasprintf("%s%s", s->path, suffix[i]);
			if (remove_file(j) < 0 && error == 0)
				error = ALD_ERROR;
			free(j);
		}
		if (error == 0)
			s->made = 0;
		return error;
	}
	struct ald_db *db = NULL;
	int error = admin_open(&db, s);
	if (error == 0) {
		/* WITH (FORCE) (PostgreSQL 13) ends sessions left behind, e.g. an
		 * interrupted Alembic's; older servers: without it */
		char *sql = ald__xasprintf("DROP DATABASE IF EXISTS %s WITH (FORCE)", s->name);
		error = ald__db_exec(db, sql, NULL);
		free(sql);
		const struct ald_db_error *e = ald__db_last_error(db);
		if (error < 0 && e && ald__streq(e->sqlstate, "42601")) {
			sql = ald__xasprintf("DROP DATABASE IF EXISTS %s", s->name);
			error = ald__db_exec(db, sql, NULL);
			free(sql);
		}
		ald__db_close(db);
	}
	if (error < 0)
		ald__error_prefix("cannot drop the scratch database %s (drop it by hand): ", s->name);
	else
		s->made = 0;
	return error;
}

void ald__scratch_clear(struct ald_scratch *s)
{
	free(s->url);
	free(s->display);
	free(s->path);
	free(s->name);
	for (size_t i = 0; i < s->n_admin; i++)
		free(s->admin[i]);
	free(s->admin);
	memset(s, 0, sizeof(*s));
}
