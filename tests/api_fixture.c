/* api_fixture.c - the test_api* programs' shared helpers (see api_fixture.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api_fixture.h"

char *fx_tmpdir(void)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = NULL;
	assert_true(asprintf(&dir, "%s/aludel-test-api.XXXXXX", tmp && *tmp ? tmp : "/tmp") > 0);
	assert_non_null(mkdtemp(dir));
	return dir;
}

void fx_rmrf(char *dir)
{
	if (!dir)
		return;
	char *cmd = NULL;
	assert_true(asprintf(&cmd, "rm -rf '%s'", dir) > 0);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(dir);
}

char *fx_path(const char *dir, const char *name)
{
	char *path = NULL;
	assert_true(asprintf(&path, "%s/%s", dir, name) > 0);
	return path;
}

void fx_put(const char *dir, const char *name, const char *text)
{
	char *path = fx_path(dir, name);
	for (char *s = path + strlen(dir) + 1; (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		assert_true(mkdir(path, 0700) == 0 || access(path, F_OK) == 0);
		*s = '/';
	}
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	free(path);
}

void fx_project(const char *dir, const char *url)
{
	char *ini = NULL;
	if (url && !*url)
		ini = strdup("[aludel]\nscript_location = %(here)s/m\n");
	else if (url)
		assert_true(asprintf(&ini, "[aludel]\nscript_location = %%(here)s/m\nsqlalchemy.url = %s\n", url) > 0);
	else
		ini = strdup("[aludel]\nscript_location = %(here)s/m\nsqlalchemy.url = sqlite:///%(here)s/db.sqlite\n");
	assert_non_null(ini);
	fx_put(dir, "aludel.ini", ini);
	free(ini);
	fx_put(dir, "m/versions/a1_create_users.sql",
	       "-- create users\n--\n-- Revision ID: a1\n-- Revises:\n"
	       "-- Create Date: 2026-01-02 03:04:05.000000\n\n"
	       "-- migrate:upgrade\nCREATE TABLE users (id INTEGER PRIMARY KEY);\n\n"
	       "-- migrate:downgrade\nDROP TABLE users;\n");
	fx_put(dir, "m/versions/b1_create_posts.sql",
	       "-- create posts\n--\n-- Revision ID: b1\n-- Revises: a1\n-- Branch Labels: feat\n\n"
	       "-- migrate:upgrade\nCREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER);\n\n"
	       "-- migrate:downgrade\nDROP TABLE posts;\n");
	fx_put(dir, "m/versions/c1_add_name.sql",
	       "-- add name\n--\n-- Revision ID: c1\n-- Revises: a1\n-- Depends On: b1\n-- Transactional: false\n\n"
	       "-- migrate:upgrade\nALTER TABLE users ADD COLUMN name TEXT;\n\n"
	       "-- migrate:downgrade\nALTER TABLE users DROP COLUMN name;\n");
	fx_put(dir, "m/versions/d1_merge.sql",
	       "-- merge\n--\n-- Revision ID: d1\n-- Revises: b1, c1\n\n"
	       "-- migrate:upgrade\nINSERT INTO users (id, name) VALUES (1, 'x');\n\n"
	       "-- migrate:downgrade\nDELETE FROM users WHERE id = 1;\n");
}

ald_project *fx_open(const char *dir)
{
	char *ini = fx_path(dir, "aludel.ini");
	ald_open_options o = ALD_OPEN_OPTIONS_INIT;
	o.config_path = ini;
	o.no_cache = 1;
	ald_project *p = NULL;
	int err = ald_project_open(&p, &o);
	if (err < 0)
		fail_msg("%s does not open: %s", ini, ald_error_last()->message);
	/* a success leaves no error: the record "no error", never NULL */
	assert_non_null(ald_error_last());
	assert_int_equal(ald_error_last()->code, 0);
	assert_string_equal(ald_error_last()->message, "no error");
	free(ini);
	return p;
}

const ald_revision *fx_rev(const ald_project *p, const char *id)
{
	for (size_t i = 0; i < ald_project_revision_count(p); i++) {
		const ald_revision *r = ald_project_revision_at(p, i);
		if (strcmp(ald_revision_id(r), id) == 0)
			return r;
	}
	fail_msg("no revision %s", id);
	return NULL;
}

#define MARK_MESSAGE "ald_plan_options_init: options version 4242"

void fx_error_mark(void)
{
	ald_plan_options o;
	assert_int_equal(ald_plan_options_init(&o, 4242), ALD_EUSAGE);
	fx_error_kept();
}

void fx_error_kept(void)
{
	const ald_error *e = ald_error_last();
	assert_non_null(e);
	assert_non_null(e->message);
	if (e->code != ALD_EUSAGE || strncmp(e->message, MARK_MESSAGE, strlen(MARK_MESSAGE)) != 0)
		fail_msg("the last error changed: %d %s", e->code, e->message);
}

void fx_error_is(int err, int code, const char *needle)
{
	const ald_error *e = ald_error_last();
	assert_non_null(e);
	assert_non_null(e->message);
	if (err != code || e->code != code)
		fail_msg("expected %d, got %d (last error %d: %s)", code, err, e->code, e->message);
	if (needle && !strstr(e->message, needle))
		fail_msg("the message does not name '%s': %s", needle, e->message);
}

void fx_error_hides(const char *secret)
{
	const ald_error *e = ald_error_last();
	assert_non_null(e);
	if (e->message && strstr(e->message, secret))
		fail_msg("the message shows '%s': %s", secret, e->message);
}
