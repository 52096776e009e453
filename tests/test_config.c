/* test_config.c - loading aludel.ini / alembic.ini: defaults, file and
 * section selection, interpolation (%(here)s, %(key)s, %%), ${ENV}, URL
 * precedence, inline comments, version_locations splitting, every error
 * message; interpolation bounds (depth, size, work) and max_revision_size. Each test runs in a fresh temporary directory (the CWD). */
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

static int setup(void **state)
{
	(void)state;
	if (tmp_cwd_enter("ald_config_") < 0)
		return -1;
	unsetenv("DATABASE_URL");
	return mkdir("migrations", 0777) || mkdir("migrations/versions", 0777);
}

static void write_file(const char *name, const char *text)
{
	FILE *f = fopen(name, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* the test folder + "/" + rel */
static char *in_cwd(const char *rel)
{
	return ald__xasprintf("%s/%s", tmp_cwd, rel);
}

static void assert_in_cwd(const char *value, const char *rel)
{
	char *want = in_cwd(rel);
	assert_string_equal(value, want);
	free(want);
}

static void load_ok(struct ald_config *cfg, const struct ald_config_options *opts)
{
	struct ald_config_options none = {0};
	if (ald__config_load(cfg, opts ? opts : &none) < 0)
		fail_msg("load failed: %s", ald_error_last()->message);
}

/* Loading fails with exactly `message`; the config is left empty. */
static void load_fails(const struct ald_config_options *opts, int code, const char *message)
{
	struct ald_config_options none = {0};
	struct ald_config cfg;
	assert_int_equal(ald__config_load(&cfg, opts ? opts : &none), code);
	assert_string_equal(ald_error_last()->message, message);
	assert_null(cfg.path);
	assert_null(cfg.script_location);
	assert_int_equal(cfg.version_locations.n, 0);
	ald__config_clear(&cfg);
}

/* Writes aludel.ini = "[aludel]\nscript_location = migrations\n" + extra and
 * checks that loading fails with `message`. */
static void extra_fails(const char *extra, const char *message)
{
	char *text = ald__xasprintf("[aludel]\nscript_location = migrations\n%s", extra);
	write_file("aludel.ini", text);
	free(text);
	load_fails(NULL, ALD_EINVALID, message);
}

static void test_defaults(void **state)
{
	(void)state;
	write_file("aludel.ini", "[aludel]\nscript_location = migrations\n");
	struct ald_config cfg;
	load_ok(&cfg, NULL);
	assert_in_cwd(cfg.path, "aludel.ini");
	assert_string_equal(cfg.here, tmp_cwd);
	assert_string_equal(cfg.section, "aludel");
	assert_in_cwd(cfg.script_location, "migrations");
	assert_int_equal(cfg.version_locations.n, 1);
	assert_in_cwd(cfg.version_locations.v[0], "migrations/versions");
	assert_int_equal(cfg.version_locations_set, 0);
	assert_null(cfg.url);
	assert_string_equal(cfg.file_template, "%(rev)s_%(slug)s");
	assert_int_equal(cfg.truncate_slug_length, 40);
	assert_string_equal(cfg.version_table, "alembic_version");
	assert_null(cfg.version_table_schema);
	assert_int_equal(cfg.transaction_per_migration, 0);
	assert_int_equal(cfg.x_args.n, 0);
	assert_null(ald__config_x(&cfg, "anything"));
	ald__config_clear(&cfg);
	ald__config_clear(&cfg); /* twice is fine */
}

static void test_every_key(void **state)
{
	(void)state;
	write_file("aludel.ini", "[aludel]\n"
				 "Script_Location = ./x/../migrations/\n"
				 "sqlalchemy.url = sqlite:///app.db\n"
				 "file_template = %%(year)d-%%(rev)s\n"
				 "truncate_slug_length = 12\n"
				 "version_table = my_versions\n"
				 "version_table_schema = audit\n"
				 "TRANSACTION_PER_MIGRATION = Yes\n"
				 "prepend_sys_path = .\n"
				 "timezone = UTC\n"
				 "revision_environment = false\n"
				 "sourceless = false\n"
				 "output_encoding = utf-8\n"
				 "recursive_version_locations = false\n"
				 "path_separator = os\n"
				 "\n[loggers]\nkeys = root\n"
				 "[formatter_generic]\nformat = %(levelname)-5.5s [%(name)s] %(message)s\n"
				 "[post_write_hooks]\nhooks = black\n");
	struct ald_config cfg;
	load_ok(&cfg, NULL);
	assert_in_cwd(cfg.script_location, "migrations");
	assert_string_equal(cfg.url, "sqlite:///app.db");
	assert_string_equal(cfg.file_template, "%(year)d-%(rev)s");
	assert_int_equal(cfg.truncate_slug_length, 12);
	assert_string_equal(cfg.version_table, "my_versions");
	assert_string_equal(cfg.version_table_schema, "audit");
	assert_int_equal(cfg.transaction_per_migration, 1);
	ald__config_clear(&cfg);

	/* 0 and empty mean 40; empty table names mean the defaults */
	write_file("aludel.ini", "[aludel]\nscript_location = migrations\ntruncate_slug_length = 0\n"
				 "version_table =\nversion_table_schema =\nfile_template =\n");
	load_ok(&cfg, NULL);
	assert_int_equal(cfg.truncate_slug_length, 40);
	assert_string_equal(cfg.version_table, "alembic_version");
	assert_null(cfg.version_table_schema);
	assert_string_equal(cfg.file_template, "%(rev)s_%(slug)s");
	ald__config_clear(&cfg);
	write_file("aludel.ini", "[aludel]\nscript_location = migrations\ntruncate_slug_length =\n");
	load_ok(&cfg, NULL);
	assert_int_equal(cfg.truncate_slug_length, 40);
	ald__config_clear(&cfg);

	static const char *const yes[] = {"true", "YES", "on", "1"}, *const no[] = {"False", "no",
										  "OFF", "0"};
	for (size_t i = 0; i < 4; i++) {
		for (int want = 0; want < 2; want++) {
			char *text = ald__xasprintf("[aludel]\nscript_location = migrations\n"
						   "transaction_per_migration = %s\n",
						   want ? yes[i] : no[i]);
			write_file("aludel.ini", text);
			free(text);
			load_ok(&cfg, NULL);
			assert_int_equal(cfg.transaction_per_migration, want);
			ald__config_clear(&cfg);
		}
	}
}

static void test_file_and_section_choice(void **state)
{
	(void)state;
	struct ald_config cfg;
	write_file("alembic.ini", "[alembic]\nscript_location = migrations\nversion_table = from_alembic\n");
	load_ok(&cfg, NULL);
	assert_in_cwd(cfg.path, "alembic.ini");
	assert_string_equal(cfg.section, "alembic");
	assert_string_equal(cfg.version_table, "from_alembic");
	ald__config_clear(&cfg);

	/* aludel.ini wins when it exists */
	write_file("aludel.ini", "[alembic]\nscript_location = migrations\nversion_table = a_alembic\n"
				 "[aludel]\nscript_location = migrations\nversion_table = a_aludel\n"
				 "[other]\nscript_location = migrations\nversion_table = a_other\n");
	load_ok(&cfg, NULL);
	assert_in_cwd(cfg.path, "aludel.ini");
	assert_string_equal(cfg.section, "aludel");
	assert_string_equal(cfg.version_table, "a_aludel");
	ald__config_clear(&cfg);

	/* -n */
	struct ald_config_options o = {.section = "other"};
	load_ok(&cfg, &o);
	assert_string_equal(cfg.section, "other");
	assert_string_equal(cfg.version_table, "a_other");
	ald__config_clear(&cfg);
	o.section = "alembic";
	load_ok(&cfg, &o);
	assert_string_equal(cfg.version_table, "a_alembic");
	ald__config_clear(&cfg);

	/* an aludel.ini with only [alembic]; an empty [aludel] section still counts */
	write_file("aludel.ini", "[alembic]\nscript_location = migrations\n");
	load_ok(&cfg, NULL);
	assert_string_equal(cfg.section, "alembic");
	ald__config_clear(&cfg);
	write_file("aludel.ini", "[alembic]\nscript_location = migrations\n[aludel]\n");
	load_fails(NULL, ALD_ENOTFOUND, "No 'script_location' key found in configuration.");

	/* -c */
	mkdir("sub", 0777);
	write_file("sub/proj.ini", "[aludel]\nscript_location = %(here)s/m\n");
	mkdir("sub/m", 0777);
	o = (struct ald_config_options){.path = "sub/proj.ini"};
	load_ok(&cfg, &o);
	assert_in_cwd(cfg.path, "sub/proj.ini");
	assert_in_cwd(cfg.here, "sub");
	assert_in_cwd(cfg.script_location, "sub/m");
	assert_in_cwd(cfg.version_locations.v[0], "sub/m/versions");
	ald__config_clear(&cfg);
}

static void test_missing_messages(void **state)
{
	(void)state;
	load_fails(NULL, ALD_ENOTFOUND,
		   "No config file 'alembic.ini' found, or file has no '[alembic]' section");
	struct ald_config_options o = {.path = "/nonexistent.ini"};
	load_fails(&o, ALD_ENOTFOUND,
		   "No config file '/nonexistent.ini' found, or file has no '[alembic]' section");
	o = (struct ald_config_options){.path = "../g1/alembic.ini", .section = "other"};
	load_fails(&o, ALD_ENOTFOUND,
		   "No config file '../g1/alembic.ini' found, or file has no '[other]' section");
	write_file("alembic.ini", "[loggers]\nkeys = root\n");
	load_fails(NULL, ALD_ENOTFOUND,
		   "No config file 'alembic.ini' found, or file has no '[alembic]' section");
	write_file("aludel.ini", "# nothing\n");
	load_fails(NULL, ALD_ENOTFOUND,
		   "No config file 'aludel.ini' found, or file has no '[alembic]' section");
	o = (struct ald_config_options){.section = "DEFAULT"};
	write_file("aludel.ini", "[DEFAULT]\nscript_location = migrations\n");
	load_fails(&o, ALD_ENOTFOUND,
		   "No config file 'aludel.ini' found, or file has no '[DEFAULT]' section");

	write_file("aludel.ini", "[aludel]\nsqlalchemy.url = sqlite:///x.db\n");
	load_fails(NULL, ALD_ENOTFOUND, "No 'script_location' key found in configuration.");
	write_file("aludel.ini", "[aludel]\nscript_location =\n");
	load_fails(NULL, ALD_ENOTFOUND, "No 'script_location' key found in configuration.");
	write_file("aludel.ini", "[aludel]\nscript_location = nowhere/../gone\n");
	char *msg = ald__xasprintf("Path doesn't exist: '%s/gone'.  Please use the 'init' command "
				  "to create a new scripts folder.",
				  tmp_cwd);
	load_fails(NULL, ALD_ENOTFOUND, msg);
	free(msg);
}

static void test_interpolation(void **state)
{
	(void)state;
	struct ald_config cfg;
	write_file("aludel.ini", "[DEFAULT]\nbase = %(here)s\nname = ver\n"
				 "[aludel]\n"
				 "dir = migrations\n"
				 "script_location = %(base)s/%(DIR)s\n"
				 "version_table = %(name)s_%(table_suffix)s\n"
				 "table_suffix = 100%%\n");
	/* `dir` and `table_suffix` are not known keys */
	load_fails(NULL, ALD_EINVALID, "aludel.ini:5: unknown key 'dir' in [aludel]");

	write_file("aludel.ini", "[DEFAULT]\nbase = %(here)s\nname = ver\nsuffix = 100%%\n"
				 "loc = migrations\n"
				 "[aludel]\n"
				 "script_location = %(base)s/%(LOC)s\n"
				 "version_table = %(name)s_%(suffix)s\n"
				 "version_table_schema = %(version_table)s_s\n");
	load_ok(&cfg, NULL);
	assert_in_cwd(cfg.script_location, "migrations");
	assert_string_equal(cfg.version_table, "ver_100%");
	assert_string_equal(cfg.version_table_schema, "ver_100%_s");
	ald__config_clear(&cfg);

	/* keys of [DEFAULT] are keys of the section too */
	write_file("aludel.ini", "[DEFAULT]\nscript_location = migrations\n[aludel]\n");
	load_ok(&cfg, NULL);
	assert_in_cwd(cfg.script_location, "migrations");
	ald__config_clear(&cfg);

	extra_fails("version_table = %(nope)s\n",
		    "aludel.ini:3: the value of 'version_table' refers to 'nope', which is not a key "
		    "of [aludel] or [DEFAULT]");
	extra_fails("version_table = 100%\n",
		    "aludel.ini:3: '%' must be followed by '%' or '(' in the value of "
		    "'version_table' (write %% for a literal %)");
	extra_fails("version_table = %(here)d\n",
		    "aludel.ini:3: bad interpolation in the value of 'version_table' (expected "
		    "%(name)s; write %% for a literal %)");
	extra_fails("version_table = %(version_table_schema)s\nversion_table_schema = %(version_table)s\n",
		    "aludel.ini:4: too many nested %(...)s references in the value of "
		    "'version_table_schema' (a loop?)");
}

/* Interpolation is bounded: an 11-line file whose references nest ten deep,
 * ten to a line, would expand to 10^10 bytes: it fails at once naming the
 * key asked for; the same with empty values costs nothing (each key is
 * expanded once); a legitimate chain ten deep works, eleven deep fails; a key
 * expanded before, met again deeper, still obeys the depth limit. */
static void test_interpolation_bounds(void **state)
{
	(void)state;
	struct ald_config cfg;
	alarm(20); /* a bomb that goes off fails the test instead of hanging it */
	struct ald_buf ini = {0};
	for (int empty = 0; empty < 2; empty++) {
		ald__buf_puts(&ini, "[DEFAULT]\n");
		ald__buf_puts(&ini, empty ? "a0 =\n" : "a0 = xxxxxxxxxx\n");
		for (int i = 1; i < 10; i++) {
			ald__buf_printf(&ini, "a%d = ", i);
			for (int k = 0; k < (empty ? 1000 : 10); k++)
				ald__buf_printf(&ini, "%%(a%d)s", i - 1);
			ald__buf_putc(&ini, '\n');
		}
		ald__buf_puts(&ini, "[aludel]\nscript_location = migrations\nversion_table = %(a9)s\n");
		write_file("aludel.ini", ald__buf_cstr(&ini));
		ini.len = 0;
		if (!empty) {
			load_fails(NULL, ALD_EINVALID,
				   "aludel.ini:14: the value of 'version_table' expands to more than "
				   "1048576 bytes (nested %(...)s references?)");
			continue;
		}
		load_ok(&cfg, NULL); /* empty: the default table */
		assert_string_equal(cfg.version_table, "alembic_version");
		ald__config_clear(&cfg);
	}
	ald__buf_free(&ini);

	/* version_table at depth 0, k9 at 1, ... k0 at 10: the deepest allowed */
	const char *chain = "[DEFAULT]\nk0 = v\nk1 = %(k0)s1\nk2 = %(k1)s2\nk3 = %(k2)s3\n"
			    "k4 = %(k3)s4\nk5 = %(k4)s5\nk6 = %(k5)s6\nk7 = %(k6)s7\nk8 = %(k7)s8\n"
			    "k9 = %(k8)s9\nk10 = %(k9)sA\n";
	char *text = ald__xasprintf("%s[aludel]\nscript_location = migrations\n"
				   "version_table = %%(k9)s-%%(k0)s-%%(k9)s\n",
				   chain);
	write_file("aludel.ini", text);
	free(text);
	load_ok(&cfg, NULL);
	assert_string_equal(cfg.version_table, "v123456789-v-v123456789");
	ald__config_clear(&cfg);
	text = ald__xasprintf("%s[aludel]\nscript_location = migrations\nversion_table = %%(k10)s\n",
			     chain);
	write_file("aludel.ini", text);
	free(text);
	load_fails(NULL, ALD_EINVALID,
		   "aludel.ini:2: too many nested %(...)s references in the value of 'k0' (a loop?)");

	/* x5 (five deep) expanded at depth 1, then met again at depth 7 through
	 * the y chain: the second time goes past the limit at x1, as without
	 * reuse */
	write_file("aludel.ini", "[DEFAULT]\nx0 = v\nx1 = %(x0)s\nx2 = %(x1)s\nx3 = %(x2)s\n"
				 "x4 = %(x3)s\nx5 = %(x4)s\ny1 = %(x5)s\ny2 = %(y1)s\ny3 = %(y2)s\n"
				 "y4 = %(y3)s\ny5 = %(y4)s\ny6 = %(y5)s\n[aludel]\n"
				 "script_location = migrations\nversion_table = %(x5)s%(y6)s\n");
	load_fails(NULL, ALD_EINVALID,
		   "aludel.ini:3: too many nested %(...)s references in the value of 'x1' (a loop?)");
	/* ... through y4 it fits: y4 at depth 1, x5 at 5, x0 at 10 */
	write_file("aludel.ini", "[DEFAULT]\nx0 = v\nx1 = %(x0)s\nx2 = %(x1)s\nx3 = %(x2)s\n"
				 "x4 = %(x3)s\nx5 = %(x4)s\ny1 = %(x5)s\ny2 = %(y1)s\ny3 = %(y2)s\n"
				 "y4 = %(y3)s\n[aludel]\n"
				 "script_location = migrations\nversion_table = %(x5)s%(y4)s\n");
	load_ok(&cfg, NULL);
	assert_string_equal(cfg.version_table, "vv");
	ald__config_clear(&cfg);

	/* a loop through two keys, and a key referring to itself */
	extra_fails("version_table = %(a)s\na = %(b)s\nb = x%(a)s\n",
		    "aludel.ini:4: unknown key 'a' in [aludel]");
	write_file("aludel.ini", "[DEFAULT]\na = %(b)s\nb = x%(a)s\nc = %(c)s\n[aludel]\n"
				 "script_location = migrations\nversion_table = %(a)s\n");
	load_fails(NULL, ALD_EINVALID,
		   "aludel.ini:2: too many nested %(...)s references in the value of 'a' (a loop?)");
	write_file("aludel.ini", "[DEFAULT]\nc = %(c)s\n[aludel]\n"
				 "script_location = migrations\nversion_table = %(c)s\n");
	load_fails(NULL, ALD_EINVALID,
		   "aludel.ini:2: too many nested %(...)s references in the value of 'c' (a loop?)");

	/* an environment variable counts too; 1 MiB exactly is allowed */
	char *big = ald__xmalloc((1 << 20) + 2);
	memset(big, 'e', (1 << 20) + 1);
	big[(1 << 20) + 1] = '\0';
	setenv("ALD_TEST_BIG", big, 1);
	extra_fails("version_table = ${ALD_TEST_BIG}\n",
		    "aludel.ini:3: the value of 'version_table' expands to more than 1048576 bytes "
		    "(nested %(...)s references?)");
	big[1 << 20] = '\0';
	setenv("ALD_TEST_BIG", big, 1);
	write_file("aludel.ini", "[aludel]\nscript_location = migrations\n"
				 "version_table = ${ALD_TEST_BIG}\n");
	load_ok(&cfg, NULL);
	assert_int_equal(strlen(cfg.version_table), 1 << 20);
	ald__config_clear(&cfg);
	unsetenv("ALD_TEST_BIG");
	free(big);
	alarm(0);
}

/* A large file reads in linear time: 20,000 keys, sections and continuation
 * lines each (quadratic, these took seconds to minutes). */
static void test_large_file_linear(void **state)
{
	(void)state;
	alarm(20);
	struct ald_buf ini = {0};
	ald__buf_puts(&ini, "[alembic]\nscript_location = migrations\nlong =\n");
	for (int i = 0; i < 20000; i++)
		ald__buf_printf(&ini, "  line %d\n", i);
	for (int i = 0; i < 20000; i++)
		ald__buf_printf(&ini, "k%d = v%d\n", i, i);
	ald__buf_puts(&ini, "version_table = %(k19999)s\n");
	for (int i = 0; i < 20000; i++)
		ald__buf_printf(&ini, "[s%d]\nk = %d\n", i, i);
	write_file("alembic.ini", ald__buf_cstr(&ini));
	ald__buf_free(&ini);
	struct ald_config cfg;
	load_ok(&cfg, NULL);
	assert_string_equal(cfg.version_table, "v19999");
	ald__config_clear(&cfg);
	alarm(0);
}

/* max_revision_size: default 64 MiB, bytes or K/M/G, set process-wide. */
static void test_max_revision_size(void **state)
{
	(void)state;
	static const struct {
		const char *value;
		size_t bytes;
	} ok[] = {{"", (size_t)64 << 20}, {"100", 100},        {"1k", 1024},
		  {" 64M ", (size_t)64 << 20}, {"2GiB", (size_t)2 << 30}, {"3 KB", 3 << 10}};
	struct ald_config cfg;
	for (size_t i = 0; i < sizeof(ok) / sizeof(*ok); i++) {
		char *text = ald__xasprintf("[aludel]\nscript_location = migrations\n"
					   "max_revision_size = %s\n",
					   ok[i].value);
		write_file("aludel.ini", text);
		free(text);
		load_ok(&cfg, NULL);
		assert_int_equal(cfg.max_revision_size, ok[i].bytes);
		assert_int_equal(ald__read_limit(), ok[i].bytes);
		ald__config_clear(&cfg);
	}
	/* absent: the default again */
	write_file("aludel.ini", "[aludel]\nscript_location = migrations\n");
	load_ok(&cfg, NULL);
	assert_int_equal(cfg.max_revision_size, ALD_READ_DEFAULT_LIMIT);
	assert_int_equal(ald__read_limit(), ALD_READ_DEFAULT_LIMIT);
	ald__config_clear(&cfg);
	static const char *const bad[] = {"0", "ten", "-5", "2T", "1.5M", "2048G", "12 M x"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		char *extra = ald__xasprintf("max_revision_size = %s\n", bad[i]);
		char *msg = ald__xasprintf("aludel.ini:3: max_revision_size must be a size in bytes "
					  "from 1 to 1 TiB, optionally with K, M or G (e.g. 64M), "
					  "not '%s'",
					  bad[i]);
		extra_fails(extra, msg);
		free(extra);
		free(msg);
	}
	/* an Alembic project's [alembic] section takes it too */
	write_file("alembic.ini", "[alembic]\nscript_location = migrations\nmax_revision_size = 5M\n");
	struct ald_config_options opts = {.path = "alembic.ini"};
	load_ok(&cfg, &opts);
	assert_int_equal(cfg.max_revision_size, (size_t)5 << 20);
	ald__config_clear(&cfg);
	ald__read_set_limit(0);
}

static void test_environment(void **state)
{
	(void)state;
	struct ald_config cfg;
	setenv("ALD_TEST_PW", "s3cr%t", 1);
	write_file("aludel.ini", "[aludel]\nscript_location = migrations\n"
				 "sqlalchemy.url = postgresql://app:${ALD_TEST_PW}@db/${ALD_TEST_PW}x\n");
	load_ok(&cfg, NULL);
	assert_string_equal(cfg.url, "postgresql://app:s3cr%t@db/s3cr%tx");
	ald__config_clear(&cfg);
	unsetenv("ALD_TEST_PW");

	write_file("aludel.ini", "[aludel]\nscript_location = migrations\n"
				 "sqlalchemy.url = postgresql://app:${ALD_TEST_PW}@db/app\n");
	load_fails(NULL, ALD_EINVALID,
		   "aludel.ini:3: environment variable 'ALD_TEST_PW' is not set (used by "
		   "'sqlalchemy.url')");
	extra_fails("version_table = ${}\n",
		    "aludel.ini:3: bad environment variable reference in the value of "
		    "'version_table' (expected ${NAME})");
	extra_fails("version_table = ${OPEN\n",
		    "aludel.ini:3: bad environment variable reference in the value of "
		    "'version_table' (expected ${NAME})");
	/* a lone $ is itself */
	write_file("aludel.ini", "[aludel]\nscript_location = migrations\nversion_table = a$b$\n");
	load_ok(&cfg, NULL);
	assert_string_equal(cfg.version_table, "a$b$");
	ald__config_clear(&cfg);
}

static void test_url_precedence(void **state)
{
	(void)state;
	struct ald_config cfg;
	struct ald_config_options o = {0};
	write_file("aludel.ini", "[aludel]\nscript_location = migrations\n"
				 "sqlalchemy.url = sqlite:///file.db\nurl = sqlite:///url.db\n");
	load_ok(&cfg, NULL);
	assert_string_equal(cfg.url, "sqlite:///file.db");
	ald__config_clear(&cfg);
	setenv("DATABASE_URL", "sqlite:///env.db", 1);
	load_ok(&cfg, NULL);
	assert_string_equal(cfg.url, "sqlite:///env.db");
	ald__config_clear(&cfg);
	o.url = "sqlite:///option.db";
	load_ok(&cfg, &o);
	assert_string_equal(cfg.url, "sqlite:///option.db");
	ald__config_clear(&cfg);
	setenv("DATABASE_URL", "", 1); /* empty: unset */
	load_ok(&cfg, NULL);
	assert_string_equal(cfg.url, "sqlite:///file.db");
	ald__config_clear(&cfg);
	unsetenv("DATABASE_URL");

	write_file("aludel.ini", "[aludel]\nscript_location = migrations\nsqlalchemy.url =\n"
				 "url = sqlite:///url.db\n");
	load_ok(&cfg, NULL);
	assert_string_equal(cfg.url, "sqlite:///url.db");
	ald__config_clear(&cfg);

	/* an unused URL is not expanded, so its undefined variable is no error */
	write_file("aludel.ini", "[aludel]\nscript_location = migrations\n"
				 "sqlalchemy.url = postgresql://u:${ALD_UNSET_VAR}@h/d\n");
	o.url = "sqlite:///option.db";
	load_ok(&cfg, &o);
	assert_string_equal(cfg.url, "sqlite:///option.db");
	ald__config_clear(&cfg);
}

static void test_inline_comments(void **state)
{
	(void)state;
	struct ald_config cfg;
	write_file("aludel.ini", "# a comment\n; another\n[aludel]  ; the section\n"
				 "script_location = migrations  # where the scripts are\n"
				 "version_table = vt ; the table\n"
				 "version_table_schema = #not a comment: the first character\n"
				 "sqlalchemy.url = postgresql://u:p#w;d@h/db\n"
				 "version_locations = migrations/versions\n"
				 "version_path_separator = os  # Use os.pathsep. Default configuration used "
				 "for new projects.\n"
				 "    # an indented comment\n");
	load_ok(&cfg, NULL);
	assert_in_cwd(cfg.script_location, "migrations");
	assert_string_equal(cfg.version_table, "vt");
	assert_string_equal(cfg.version_table_schema, "#not a comment: the first character");
	assert_string_equal(cfg.url, "postgresql://u:p#w;d@h/db");
	assert_int_equal(cfg.version_locations.n, 1);
	ald__config_clear(&cfg);
}

/* version_locations = `list` with the separator line `sep` (NULL: none)
 * gives the relative paths `want` (n of them). */
static void check_split(const char *list, const char *sep, const char *const *want, size_t n)
{
	char *text = ald__xasprintf("[aludel]\nscript_location = migrations\nversion_locations = %s\n%s%s%s",
				   list, sep ? "version_path_separator = " : "", sep ? sep : "",
				   sep ? "\n" : "");
	write_file("aludel.ini", text);
	free(text);
	struct ald_config cfg;
	load_ok(&cfg, NULL);
	assert_int_equal(cfg.version_locations_set, 1);
	assert_int_equal(cfg.version_locations.n, n);
	for (size_t i = 0; i < n; i++) {
		if (want[i][0] == '/')
			assert_string_equal(cfg.version_locations.v[i], want[i]);
		else
			assert_in_cwd(cfg.version_locations.v[i], want[i]);
	}
	ald__config_clear(&cfg);
}

static void test_version_locations(void **state)
{
	(void)state;
	check_split("a, b c,d  e ,f", NULL, (const char *[]){"a", "b", "c", "d", "e", "f"}, 6);
	check_split("%(here)s/x /abs/y", NULL, (const char *[]){"x", "/abs/y"}, 2);
	check_split("a b  c", "space", (const char *[]){"a", "b", "c"}, 3);
	check_split("a b:c::d", "os", (const char *[]){"a b", "c", "d"}, 3);
	check_split("a,b:c", ":", (const char *[]){"a,b", "c"}, 2);
	check_split("a b;c;;./d/../e", ";", (const char *[]){"a b", "c", "e"}, 3);
	check_split("a b;c;d # comment", ";  ; comment", (const char *[]){"a b", "c", "d"}, 3);
	check_split("a:b", "os  # Use os.pathsep. Default configuration used for new projects.",
		    (const char *[]){"a", "b"}, 2);
	check_split("one\n  two, three\n  four", NULL,
		    (const char *[]){"one", "two", "three", "four"}, 4);
	check_split("one\n  two", "os", (const char *[]){"one", "two"}, 2);

	/* an empty value is the same as none */
	write_file("aludel.ini", "[aludel]\nscript_location = migrations\nversion_locations =\n"
				 "version_path_separator = bogus\n");
	struct ald_config cfg;
	load_ok(&cfg, NULL);
	assert_int_equal(cfg.version_locations_set, 0);
	assert_in_cwd(cfg.version_locations.v[0], "migrations/versions");
	ald__config_clear(&cfg);

	extra_fails("version_locations = a b\nversion_path_separator = ,\n",
		    "aludel.ini:4: ',' is not a valid value for version_path_separator; expected "
		    "'space', 'os', ':', ';'");
	extra_fails("version_locations = a b\nversion_path_separator = newline\n",
		    "aludel.ini:4: 'newline' is not a valid value for version_path_separator; "
		    "expected 'space', 'os', ':', ';'");
}

static void test_key_errors(void **state)
{
	(void)state;
	extra_fails("\nFoo = bar\n", "aludel.ini:4: unknown key 'foo' in [aludel]");
	extra_fails("truncate_slug_length = ten\n",
		    "aludel.ini:3: truncate_slug_length must be a whole number (0 or more), not 'ten'");
	extra_fails("truncate_slug_length = -3\n",
		    "aludel.ini:3: truncate_slug_length must be a whole number (0 or more), not '-3'");
	extra_fails("truncate_slug_length = 12x\n",
		    "aludel.ini:3: truncate_slug_length must be a whole number (0 or more), not '12x'");
	extra_fails("transaction_per_migration = maybe\n",
		    "aludel.ini:3: transaction_per_migration must be true or false (yes/no, on/off, "
		    "1/0), not 'maybe'");
	extra_fails("file_template = %%(rev)s_%%(message)s\n",
		    "aludel.ini:3: file_template: unknown token 'message' (known: rev, slug, epoch, "
		    "year, month, day, hour, minute, second)");
	extra_fails("version_table = a\nVERSION_TABLE = b\n",
		    "aludel.ini:4: duplicate key 'version_table' in [aludel] (first on line 3)");
}

static void test_syntax_errors(void **state)
{
	(void)state;
	extra_fails("version_table\n", "aludel.ini:3: syntax error");
	extra_fails("[unclosed\n", "aludel.ini:3: syntax error");
	extra_fails("= value\n", "aludel.ini:3: syntax error");
	extra_fails("version_table = a\x01\nb\n", "aludel.ini:4: syntax error");
	write_file("aludel.ini", "script_location = migrations\n[aludel]\n");
	load_fails(NULL, ALD_EINVALID, "aludel.ini:1: syntax error");
	/* the first error of the syntax wins; keys are checked after it */
	extra_fails("bogus_key = 1\nno equals sign\n", "aludel.ini:4: syntax error");
	extra_fails("version_table = a\nversion_table = b\nno equals sign\n",
		    "aludel.ini:4: duplicate key 'version_table' in [aludel] (first on line 3)");
	extra_fails("no equals sign\nversion_table = a\nversion_table = b\n",
		    "aludel.ini:3: syntax error");

	/* a section header longer than inih's buffer */
	char header[300];
	memset(header, 'x', sizeof(header));
	header[0] = '[';
	header[sizeof(header) - 3] = ']';
	header[sizeof(header) - 2] = '\n';
	header[sizeof(header) - 1] = '\0';
	extra_fails(header, "aludel.ini:3: line too long (at most 198 characters)");
}

/* Values longer than inih's 200-byte line buffer are read whole. */
static void test_long_lines(void **state)
{
	(void)state;
	struct ald_buf url = {0}, dir = {0}, text = {0};
	ald__buf_puts(&url, "postgresql://user:password@host/db?");
	for (int i = 0; i < 40; i++) {
		ald__buf_printf(&url, "option%d=value%d&", i, i);
		ald__buf_printf(&dir, "folder%d_", i);
	}
	ald__buf_printf(&text, "[aludel]\nscript_location = migrations\nsqlalchemy.url = %s  ; c\n"
			      "version_locations = a\n    %s ; c\n    b\n",
		       url.ptr, dir.ptr);
	assert_true(url.len > 400);
	write_file("aludel.ini", text.ptr);
	struct ald_config cfg;
	load_ok(&cfg, NULL);
	assert_string_equal(cfg.url, url.ptr);
	assert_int_equal(cfg.version_locations.n, 3);
	assert_in_cwd(cfg.version_locations.v[1], dir.ptr);
	ald__config_clear(&cfg);
	ald__buf_free(&dir);
	ald__buf_free(&url);
	ald__buf_free(&text);
}

static void test_continuations_and_bom(void **state)
{
	(void)state;
	struct ald_config cfg;
	write_file("aludel.ini", "\xef\xbb\xbf[aludel]\r\n"
				 "  script_location = migrations\r\n"
				 "version_locations =\r\n"
				 "    migrations/versions  # first\r\n"
				 "\r\n"
				 "    other\r\n");
	load_ok(&cfg, NULL);
	assert_in_cwd(cfg.script_location, "migrations");
	assert_int_equal(cfg.version_locations.n, 2);
	assert_in_cwd(cfg.version_locations.v[0], "migrations/versions");
	assert_in_cwd(cfg.version_locations.v[1], "other");
	ald__config_clear(&cfg);
}

static void test_x_args(void **state)
{
	(void)state;
	write_file("aludel.ini", "[aludel]\nscript_location = migrations\n");
	const char *x[] = {"tenant=acme", "flag", "tenant=other", "empty=", "eq=a=b"};
	struct ald_config_options o = {.x_args = x, .n_x_args = 5};
	struct ald_config cfg;
	load_ok(&cfg, &o);
	assert_int_equal(cfg.x_args.n, 5);
	assert_string_equal(cfg.x_args.v[0], "tenant=acme");
	assert_ptr_not_equal(cfg.x_args.v[0], x[0]);
	assert_string_equal(ald__config_x(&cfg, "tenant"), "other");
	assert_string_equal(ald__config_x(&cfg, "flag"), "");
	assert_string_equal(ald__config_x(&cfg, "empty"), "");
	assert_string_equal(ald__config_x(&cfg, "eq"), "a=b");
	assert_null(ald__config_x(&cfg, "ten"));
	assert_null(ald__config_x(&cfg, "missing"));
	ald__config_clear(&cfg);
}

static void test_abspath(void **state)
{
	(void)state;
	const char *cases[][2] = {
		{"/", "/"},         {"/a/b/", "/a/b"},      {"/a/./b/../c", "/a/c"},
		{"/..", "/"},       {"//a//b", "/a/b"},     {"/a/b/../../..", "/"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *p = ald__abspath(cases[i][0]);
		assert_string_equal(p, cases[i][1]);
		free(p);
	}
	char *p = ald__abspath("x/./y/..");
	assert_in_cwd(p, "x");
	free(p);
	p = ald__abspath(".");
	assert_string_equal(p, tmp_cwd);
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_defaults, setup, tmp_cwd_leave),
		cmocka_unit_test_setup_teardown(test_every_key, setup, tmp_cwd_leave),
		cmocka_unit_test_setup_teardown(test_file_and_section_choice, setup, tmp_cwd_leave),
		cmocka_unit_test_setup_teardown(test_missing_messages, setup, tmp_cwd_leave),
		cmocka_unit_test_setup_teardown(test_interpolation, setup, tmp_cwd_leave),
		cmocka_unit_test_setup_teardown(test_interpolation_bounds, setup, tmp_cwd_leave),
		cmocka_unit_test_setup_teardown(test_max_revision_size, setup, tmp_cwd_leave),
		cmocka_unit_test_setup_teardown(test_large_file_linear, setup, tmp_cwd_leave),
		cmocka_unit_test_setup_teardown(test_environment, setup, tmp_cwd_leave),
		cmocka_unit_test_setup_teardown(test_url_precedence, setup, tmp_cwd_leave),
		cmocka_unit_test_setup_teardown(test_inline_comments, setup, tmp_cwd_leave),
		cmocka_unit_test_setup_teardown(test_version_locations, setup, tmp_cwd_leave),
		cmocka_unit_test_setup_teardown(test_key_errors, setup, tmp_cwd_leave),
		cmocka_unit_test_setup_teardown(test_syntax_errors, setup, tmp_cwd_leave),
		cmocka_unit_test_setup_teardown(test_long_lines, setup, tmp_cwd_leave),
		cmocka_unit_test_setup_teardown(test_continuations_and_bom, setup, tmp_cwd_leave),
		cmocka_unit_test_setup_teardown(test_x_args, setup, tmp_cwd_leave),
		cmocka_unit_test_setup_teardown(test_abspath, setup, tmp_cwd_leave),
	};
	return cmocka_run_group_tests(tests, tmp_cwd_group_setup, tmp_cwd_group_teardown);
}
