/* test_init.c - `init`: the scripts and versions folders, aludel.ini (which
 * must load back), the steps it reports (the command line words them as Alembic), refusing a non-empty folder,
 * skipping an existing ini, script_location relative to the ini; the
 * generic template (an Alembic project), unknown templates, ALEMBIC_CONFIG. Each test
 * runs in a fresh temporary directory (the CWD). */
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

/* "config.h" alone would find the build's autoconf header (-I. comes first) */
#include "../src/config.h"
#include "error.h"
#include "tmp_cwd.h"
#include "init.h"
#include "aludel.h"

static int setup(void **state)
{
	(void)state;
	return tmp_cwd_enter("ald_init_");
}

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static char *slurp(const char *path)
{
	char *text = NULL;
	if (ald__read_file(&text, NULL, path) < 0)
		fail_msg("%s", ald_error_last()->message);
	return text;
}

/* Replaces every "@" in `tmpl` with the CWD. */
static char *with_cwd(const char *tmpl)
{
	struct ald_buf b = {0};
	for (const char *s = tmpl; *s; s++) {
		if (*s == '@')
			ald__buf_puts(&b, tmp_cwd);
		else
			ald__buf_putc(&b, *s);
	}
	return ald__buf_detach(&b);
}

/* ald_project_init, its steps written into *msg (the caller's) one line each:
 * "dir PATH", "file PATH", "kept PATH" (" FAILED" after a failed step), then
 * "edit SETTINGS CONFIG" when the configuration file is there. */
static int init_msg(const char *dir, const char *ini, const char *template_name, char **msg)
{
	ald_init_result *res = NULL;
	int error = ald_project_init(&res, dir, ini, template_name);
	static const char *const kinds[] = {"?", "dir", "file", "kept"};
	struct ald_buf b = {0};
	for (size_t i = 0; i < ald_init_result_count(res); i++) {
		const ald_init_step *st = ald_init_result_at(res, i);
		ald__buf_printf(&b, "%s %s%s\n", kinds[st->kind], st->path, st->failed ? " FAILED" : "");
	}
	if (ald_init_result_config_path(res))
		ald__buf_printf(&b, "edit %s %s\n", ald_init_result_settings(res), ald_init_result_config_path(res));
	assert_null(ald_init_result_at(res, ald_init_result_count(res)));
	ald_init_result_free(res);
	*msg = ald__buf_detach(&b);
	return error;
}

static void init_ok(const char *dir, const char *ini, const char *expected_tmpl)
{
	char *msg = NULL;
	if (init_msg(dir, ini, NULL, &msg) < 0)
		fail_msg("init failed: %s", ald_error_last()->message);
	char *want = with_cwd(expected_tmpl);
	assert_string_equal(msg, want);
	free(want);
	free(msg);
}

/* The value of `script_location = ` in the ini file. */
static void assert_location_line(const char *ini, const char *value)
{
	char *text = slurp(ini), *line = ald__xasprintf("\nscript_location = %s\n", value);
	if (!strstr(text, line))
		fail_msg("no '%s' in:\n%s", line + 1, text);
	free(line);
	free(text);
}

static void test_new_project(void **state)
{
	(void)state;
	init_ok("migrations", NULL,
		"dir @/migrations\n"
		"dir @/migrations/versions\n"
		"file @/aludel.ini\n"
		"edit configuration/connection @/aludel.ini\n");
	assert_true(is_dir("migrations/versions"));
	assert_location_line("aludel.ini", "%(here)s/migrations");
	char *text = slurp("aludel.ini");
	assert_non_null(strstr(text, "\n[aludel]\n"));
	assert_non_null(strstr(text, "\nsqlalchemy.url = sqlite:///aludel.db\n"));
	static const char *const keys[] = {
		"version_locations", "version_path_separator", "file_template", "truncate_slug_length",
		"version_table", "version_table_schema", "transaction_per_migration"};
	for (size_t i = 0; i < sizeof(keys) / sizeof(*keys); i++) {
		char *doc = ald__xasprintf("\n# %s = ", keys[i]);
		if (!strstr(text, doc))
			fail_msg("%s is not documented", keys[i]);
		free(doc);
	}
	free(text);

	/* the file loads back, from another directory too */
	struct ald_config cfg;
	struct ald_config_options o = {0};
	assert_int_equal(ald__config_load(&cfg, &o), 0);
	char *want = ald__xasprintf("%s/migrations", tmp_cwd);
	assert_string_equal(cfg.script_location, want);
	assert_string_equal(cfg.url, "sqlite:///aludel.db");
	assert_string_equal(cfg.section, "aludel");
	assert_string_equal(cfg.file_template, "%(rev)s_%(slug)s");
	assert_int_equal(cfg.version_locations_set, 0);
	ald__config_clear(&cfg);
	assert_int_equal(chdir("migrations"), 0);
	o.path = "../aludel.ini";
	assert_int_equal(ald__config_load(&cfg, &o), 0);
	assert_string_equal(cfg.script_location, want);
	ald__config_clear(&cfg);
	assert_int_equal(chdir(".."), 0);
	free(want);

	/* again: the folder is not empty */
	char *msg = (char *)"unchanged";
	assert_int_equal(init_msg("migrations", NULL, NULL, &msg), ALD_EINVALID);
	assert_string_equal(ald_error_last()->message,
			    "Directory migrations already exists and is not empty");
	assert_string_equal(msg, "");
	free(msg);

	/* the public entry point */
	assert_int_equal(init_msg("./migrations/", NULL, NULL, &msg), ALD_EINVALID);
	assert_string_equal(ald_error_last()->message,
			    "Directory ./migrations/ already exists and is not empty");
	free(msg);
}

static void test_existing_empty_dir_and_ini(void **state)
{
	(void)state;
	assert_int_equal(mkdir("scripts", 0777), 0);
	FILE *f = fopen("aludel.ini", "w");
	fputs("# mine\n", f);
	fclose(f);
	init_ok("scripts", NULL,
		"dir @/scripts/versions\n"
		"kept @/aludel.ini\n"
		"edit configuration/connection @/aludel.ini\n");
	assert_true(is_dir("scripts/versions"));
	char *text = slurp("aludel.ini");
	assert_string_equal(text, "# mine\n");
	free(text);
}

static void test_locations(void **state)
{
	(void)state;
	/* nested folders; an ini elsewhere: under it -> %(here)s, else absolute */
	assert_int_equal(mkdir("conf", 0777), 0);
	init_ok("conf/db/mig", "conf/aludel.ini",
		"dir @/conf/db/mig\n"
		"dir @/conf/db/mig/versions\n"
		"file @/conf/aludel.ini\n"
		"edit configuration/connection @/conf/aludel.ini\n");
	assert_location_line("conf/aludel.ini", "%(here)s/db/mig");

	init_ok("outside", "conf/other.ini",
		"dir @/outside\n"
		"dir @/outside/versions\n"
		"file @/conf/other.ini\n"
		"edit configuration/connection @/conf/other.ini\n");
	char *abs = ald__xasprintf("%s/outside", tmp_cwd);
	assert_location_line("conf/other.ini", abs);
	free(abs);

	/* '%' is doubled, and the value reads back */
	init_ok("100%", "pct.ini",
		"dir @/100%\n"
		"dir @/100%/versions\n"
		"file @/pct.ini\n"
		"edit configuration/connection @/pct.ini\n");
	assert_location_line("pct.ini", "%(here)s/100%%");
	struct ald_config cfg;
	struct ald_config_options o = {.path = "pct.ini"};
	assert_int_equal(ald__config_load(&cfg, &o), 0);
	char *want = ald__xasprintf("%s/100%%", tmp_cwd);
	assert_string_equal(cfg.script_location, want);
	free(want);
	ald__config_clear(&cfg);

	/* the ini's own (empty) folder as script location */
	assert_int_equal(mkdir("solo", 0777), 0);
	init_ok("solo", "solo/aludel.ini",
		"dir @/solo/versions\n"
		"file @/solo/aludel.ini\n"
		"edit configuration/connection @/solo/aludel.ini\n");
	assert_location_line("solo/aludel.ini", "%(here)s");
}

static void test_failures(void **state)
{
	(void)state;
	FILE *f = fopen("plain", "w");
	fclose(f);
	char *msg = NULL;
	assert_int_equal(init_msg("plain", NULL, NULL, &msg), ALD_EINVALID);
	assert_string_equal(ald_error_last()->message, "plain exists and is not a directory");
	assert_string_equal(msg, "");
	free(msg);

	assert_int_equal(init_msg("plain/sub", NULL, NULL, &msg), ALD_ERROR);
	char *want = with_cwd("dir @/plain/sub FAILED\n");
	assert_string_equal(msg, want);
	free(want);
	free(msg);
	want = with_cwd("Cannot create directory @/plain/sub: Not a directory");
	assert_string_equal(ald_error_last()->message, want);
	free(want);

	assert_int_equal(init_msg("m", "missing/dir/aludel.ini", NULL, &msg), ALD_ERROR);
	want = with_cwd("dir @/m\n"
			"dir @/m/versions\n"
			"file @/missing/dir/aludel.ini FAILED\n");
	assert_string_equal(msg, want);
	free(want);
	free(msg);
	want = with_cwd("Cannot create @/missing/dir/aludel.ini: No such file or directory");
	assert_string_equal(ald_error_last()->message, want);
	free(want);
}

/* The generic template: an Alembic project aludel reads back as one. */
static void test_generic(void **state)
{
	(void)state;
	char *msg = NULL;
	if (init_msg("migrations", NULL, "generic", &msg) < 0)
		fail_msg("init failed: %s", ald_error_last()->message);
	char *want = with_cwd("dir @/migrations\n"
			      "dir @/migrations/versions\n"
			      "file @/migrations/README\n"
			      "file @/migrations/env.py\n"
			      "file @/migrations/script.py.mako\n"
			      "file @/alembic.ini\n"
			      "edit configuration/connection/logging @/alembic.ini\n");
	assert_string_equal(msg, want);
	free(want);
	free(msg);
	assert_true(is_dir("migrations/versions"));
	assert_int_equal(access("aludel.ini", F_OK), -1);
	assert_location_line("alembic.ini", "%(here)s/migrations");
	char *text = slurp("alembic.ini");
	static const char *const needed[] = {"\n[alembic]\n", "\n[loggers]\n", "\n[handlers]\n",
					     "\n[formatters]\n", "\n[logger_root]\n",
					     "\n[handler_console]\n", "\n[formatter_generic]\n"};
	for (size_t i = 0; i < sizeof(needed) / sizeof(*needed); i++)
		if (!strstr(text, needed[i]))
			fail_msg("no %s in alembic.ini", needed[i] + 1);
	free(text);
	text = slurp("migrations/env.py");
	assert_non_null(strstr(text, "fileConfig(config.config_file_name)"));
	assert_non_null(strstr(text, "context.is_offline_mode()"));
	free(text);
	text = slurp("migrations/script.py.mako");
	assert_non_null(strstr(text, "${down_revision | comma,n}"));
	free(text);

	struct ald_config cfg;
	struct ald_config_options o = {0};
	assert_int_equal(ald__config_load(&cfg, &o), 0);
	assert_string_equal(cfg.section, "alembic");
	want = ald__xasprintf("%s/migrations", tmp_cwd);
	assert_string_equal(cfg.script_location, want);
	free(want);
	ald__config_clear(&cfg);

	/* no file is replaced: an existing alembic.ini is skipped */
	assert_int_equal(init_msg("second", NULL, "generic", &msg), 0);
	want = with_cwd("kept @/alembic.ini\n");
	assert_non_null(strstr(msg, want));
	free(want);
	free(msg);
}

static void test_template_names(void **state)
{
	(void)state;
	assert_true(ald_project_template_count() >= 2);
	assert_string_equal(ald_project_template_name(0), "native");
	assert_string_equal(ald_project_template_name(1), "generic");
	assert_non_null(ald_project_template_description(1));
	assert_null(ald_project_template_name(ald_project_template_count()));

	char *msg = NULL;
	assert_int_equal(init_msg("m", NULL, "nosuch", &msg), ALD_ENOTFOUND);
	assert_string_equal(ald_error_last()->message,
			    "No such template 'nosuch'; the templates are: native, generic");
	assert_string_equal(msg, "");
	free(msg);
	assert_int_equal(access("m", F_OK), -1);

	/* ALEMBIC_CONFIG names the file when none is given */
	setenv("ALEMBIC_CONFIG", "custom.ini", 1);
	assert_int_equal(init_msg("m", NULL, NULL, &msg), 0);
	unsetenv("ALEMBIC_CONFIG");
	assert_non_null(strstr(msg, "/custom.ini\n"));
	free(msg);
	assert_int_equal(access("custom.ini", F_OK), 0);
	assert_int_equal(access("aludel.ini", F_OK), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_new_project, setup, tmp_cwd_leave),
		cmocka_unit_test_setup_teardown(test_existing_empty_dir_and_ini, setup, tmp_cwd_leave),
		cmocka_unit_test_setup_teardown(test_locations, setup, tmp_cwd_leave),
		cmocka_unit_test_setup_teardown(test_failures, setup, tmp_cwd_leave),
		cmocka_unit_test_setup_teardown(test_generic, setup, tmp_cwd_leave),
		cmocka_unit_test_setup_teardown(test_template_names, setup, tmp_cwd_leave),
	};
	return cmocka_run_group_tests(tests, tmp_cwd_group_setup, tmp_cwd_group_teardown);
}
