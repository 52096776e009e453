/* test_revision_write.c - new revision files: ids, Alembic's slug rules (doc/alembic-compat.md §7.4),
 * file_template tokens and flags, the exact .py (Alembic 1.8.1's generic
 * template, compared with files the real tool wrote) and .sql contents,
 * refusing to overwrite, bad ids (the one id rule of revision_id.c: 32 characters
 * at most, letters, digits and '_'). Runs with TZ=UTC. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "revision_file.h"
#include "revision_write.h"

#define NOW 1795348671LL /* 2026-11-22 11:57:51 UTC */

static char tmpdir[] = "/tmp/ald_revwrite_XXXXXX";

static int setup(void **state)
{
	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char *cmd = ald__xasprintf("rm -rf '%s'", tmpdir);
	int rc = system(cmd);
	free(cmd);
	return rc;
}

static char *slurp(const char *path)
{
	char *text = NULL;
	if (ald__read_file(&text, NULL, path) < 0)
		fail_msg("%s", ald_error_last()->message);
	return text;
}

/* A fresh version directory (not created yet) under the temporary folder. */
static char *new_dir(const char *name)
{
	return ald__xasprintf("%s/%s", tmpdir, name);
}

static void check_slug(const char *message, int len, const char *expected)
{
	char *s = ald__slugify(message, len);
	assert_string_equal(s, expected);
	free(s);
}

static void test_slug(void **state)
{
	(void)state;
	check_slug("Create account table!! with a very long message that exceeds forty chars", 40,
		   "create_account_table_with_a_very_long_");
	check_slug("Hello, World: ünïcode & stuff!!", 40, "hello_world_ünïcode_stuff");
	check_slug("abcdefghijkl mnop qrs", 10, "abcdefghij_");
	check_slug("abc defgh ijkl mnop", 10, "abc_defgh_");
	check_slug(NULL, 40, "");
	check_slug("", 40, "");
	check_slug("!!! ... ???", 40, "");
	check_slug("snake_case  and   CAPS", 0, "snake_case_and_caps");
	check_slug("ÀÉÎ Ωμέγα 漢字 x²", 40, "àéî_ωμέγα_漢字_x²");
	/* truncation counts characters, not bytes */
	check_slug("ééééé ééééé", 8, "ééééé_");
	check_slug("x² ½ cup ①", 40, "x²_½_cup_①");
	check_slug("exactly ten", 11, "exactly_ten");
	check_slug("_lead rest", 3, "_");
	/* invalid UTF-8 separates words */
	check_slug("a\xff" "b", 40, "a_b");
	/* the process locale is left alone */
	assert_string_equal(setlocale(LC_CTYPE, NULL), "C");
}

static void test_revid_random(void **state)
{
	(void)state;
	char *a = ald__revid_random(), *b = ald__revid_random();
	assert_int_equal(strlen(a), 12);
	assert_int_equal(strspn(a, "0123456789abcdef"), 12);
	assert_string_not_equal(a, b);
	free(a);
	free(b);
}

#define RULE " (a revision identifier is 1 to 32 ASCII letters, digits or '_')"

/* Checks `id` as `revision --rev-id` does and compares the message. */
static void revid_error(const char *id, const char *msg)
{
	assert_int_equal(ald__revid_check("--rev-id", 0, id), ALD_EINVALID);
	assert_string_equal(ald_error_last()->message, msg);
	assert_int_equal(ald__revid_valid(id), 0);
}

/* The one id rule (revision_id.c), as the writer uses it. */
static void test_revid_check(void **state)
{
	(void)state;
	assert_int_equal(ald__revid_check("--rev-id", 0, "abc_123"), 0);
	assert_int_equal(ald__revid_check("--rev-id", 0, "ABCdef_0123456789"), 0);
	assert_int_equal(ald__revid_check("--rev-id", 0, "0123456789abcdef0123456789abcdef"), 0);
	assert_int_equal(ald__revid_valid("0123456789abcdef0123456789abcdef"), 1);
	for (int i = 0; i < 50; i++) { /* Alembic's own ids: 12 hex digits */
		char *id = ald__revid_random();
		assert_int_equal(ald__revid_check("--rev-id", 0, id), 0);
		free(id);
	}
	revid_error("0123456789abcdef0123456789abcdef0",
		    "--rev-id: revision identifier '0123456789abcdef0123456789abcdef0' is 33 "
		    "characters long" RULE);
	revid_error("0123456789abcdef0123456789abcdef0123456789",
		    "--rev-id: revision identifier '0123456789abcdef0123456789abcdef0123456789' is "
		    "42 characters long" RULE);
	revid_error("bad-id", "--rev-id: Character(s) '-' not allowed in revision identifier "
			      "'bad-id'" RULE);
	revid_error("a@b-c+d", "--rev-id: Character(s) '+, -, @' not allowed in revision "
			       "identifier 'a@b-c+d'" RULE);
	revid_error("a b", "--rev-id: Character(s) ' ' not allowed in revision identifier 'a b'" RULE);
	revid_error("x/y,z", "--rev-id: Character(s) ',, /' not allowed in revision identifier "
			     "'x/y,z'" RULE);
	revid_error("../x", "--rev-id: Character(s) '., /' not allowed in revision identifier "
			    "'../x'" RULE);
	revid_error("a/b", "--rev-id: Character(s) '/' not allowed in revision identifier 'a/b'" RULE);
	revid_error("caf\xc3\xa9", "--rev-id: Character(s) '\\xa9, \\xc3' not allowed in revision "
				   "identifier 'caf\\xc3\\xa9'" RULE);
	revid_error("a\tb\x1b", "--rev-id: Character(s) '\\x09, \\x1b' not allowed in revision "
				"identifier 'a\\x09b\\x1b'" RULE);
	revid_error("", "--rev-id: empty revision identifier" RULE);
	/* a long id is cut in the message */
	char longid[101];
	memset(longid, 'a', 100);
	longid[100] = '\0';
	assert_int_equal(ald__revid_check("f.sql", 7, longid), ALD_EINVALID);
	char *msg = ald__xasprintf("f.sql:7: revision identifier '%.64s...' is 100 characters long" RULE,
				  longid);
	assert_string_equal(ald_error_last()->message, msg);
	free(msg);
}

static void test_py_repr(void **state)
{
	(void)state;
	const char *cases[][2] = {
		{"abc", "'abc'"},        {"it's", "\"it's\""},      {"a'b\"c", "'a\\'b\"c'"},
		{"back\\slash", "'back\\\\slash'"}, {"t\tn\nr\r", "'t\\tn\\nr\\r'"},
		{"\x01\x7f", "'\\x01\\x7f'"}, {"ünï", "'ünï'"},  {"", "''"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *r = ald__py_repr(cases[i][0]);
		assert_string_equal(r, cases[i][1]);
		free(r);
	}
}

static void check_template(const char *tmpl, const char *expected)
{
	struct ald_template_values v = {.rev = "aaa111", .slug = "hello_world_ünïcode_stuff",
					.epoch = NOW, .year = 2026, .month = 3, .day = 7,
					.hour = 9, .minute = 5, .second = 4};
	char *out;
	if (ald__file_template_expand(&out, tmpl, &v) < 0)
		fail_msg("%s: %s", tmpl, ald_error_last()->message);
	assert_string_equal(out, expected);
	free(out);
}

static void check_template_error(const char *tmpl, const char *message)
{
	struct ald_template_values v = {.rev = "r", .slug = "s"};
	char *out = (char *)"unchanged";
	assert_int_equal(ald__file_template_expand(&out, tmpl, &v), ALD_EINVALID);
	assert_null(out);
	assert_string_equal(ald_error_last()->message, message);
}

static void test_file_template(void **state)
{
	(void)state;
	check_template("%(rev)s_%(slug)s", "aaa111_hello_world_ünïcode_stuff");
	check_template("%(year)d_%(month).2d_%(day).2d_%(hour).2d%(minute).2d-%(rev)s_%(slug)s_%(epoch)s",
		       "2026_03_07_0905-aaa111_hello_world_ünïcode_stuff_1795348671");
	check_template("%(second)02d|%(second)3d|%(second)-3d|%(second)+d|%(month)05.2d",
		       "04|  4|4  |+4|00003");
	check_template("%(hour)i%(minute)u %(epoch)d 100%%", "95 1795348671 100%");
	check_template("%(rev).3s|%(rev)8s|%(rev)-8s|%(slug).14s", "aaa|  aaa111|aaa111  |hello_world_ün");
	check_template("%(year)s-%(month)s", "2026-3");
	check_template("no tokens", "no tokens");
	check_template_error("%(rev)s_%(name)s",
			     "file_template: unknown token 'name' (known: rev, slug, epoch, year, "
			     "month, day, hour, minute, second)");
	check_template_error("%(rev)d", "file_template: %(rev)d needs a number, and rev is text");
	check_template_error("%(year)f", "file_template: unsupported conversion 'f' for 'year' (use s or d)");
	check_template_error("%(year)", "file_template: unsupported conversion ' ' for 'year' (use s or d)");
	check_template_error("%s", "file_template: '%' must be followed by '(name)' or '%'");
	check_template_error("%(rev", "file_template: '%(' without ')'");
}

/* Writes a revision and checks its path and full contents. */
static void check_write(const struct ald_newrev *nr, const char *name, const char *expected)
{
	char *path;
	if (ald__revision_write(&path, nr) < 0)
		fail_msg("%s", ald_error_last()->message);
	char *want = ald__xasprintf("%s/%s", nr->dir, name);
	assert_string_equal(path, want);
	char *text = slurp(path);
	assert_string_equal(text, expected);
	free(text);
	free(want);
	free(path);
}

#define PY_TAIL                                                                                     \
	"\n\ndef upgrade() -> None:\n    pass\n\n\ndef downgrade() -> None:\n    pass\n"
#define PY_IMPORTS                                                                                  \
	"\"\"\"\nfrom alembic import op\nimport sqlalchemy as sa\n\n\n"                            \
	"# revision identifiers, used by Alembic.\n"

static void test_python_files(void **state)
{
	(void)state;
	char *dir = new_dir("py/versions"); /* created on the way */
	const char *a[] = {"aaa111"}, *bc[] = {"bbb222", "ccc333"}, *ba[] = {"bbb222", "aaa111"};
	const char *fx[] = {"featx"}, *two[] = {"featx", "other"};

	struct ald_newrev base = {.rev_id = "aaa111", .message = "first one", .python = 1,
				  .dir = dir, .now_sec = NOW, .now_usec = 303953};
	check_write(&base, "aaa111_first_one.py",
		    "\"\"\"first one\n\nRevision ID: aaa111\nRevises: \n"
		    "Create Date: 2026-11-22 11:57:51.303953\n\n" PY_IMPORTS
		    "revision = 'aaa111'\ndown_revision = None\nbranch_labels = None\n"
		    "depends_on = None\n" PY_TAIL);

	struct ald_newrev label = {.rev_id = "bbb222", .message = "second", .down = a, .n_down = 1,
				   .labels = fx, .n_labels = 1, .python = 1, .dir = dir,
				   .now_sec = NOW};
	check_write(&label, "bbb222_second.py",
		    "\"\"\"second\n\nRevision ID: bbb222\nRevises: aaa111\n"
		    "Create Date: 2026-11-22 11:57:51\n\n" PY_IMPORTS
		    "revision = 'bbb222'\ndown_revision = 'aaa111'\nbranch_labels = ('featx',)\n"
		    "depends_on = None\n" PY_TAIL);

	struct ald_newrev deps = {.rev_id = "ccc333", .message = "Hello, World: ünïcode & stuff!!",
				  .down = a, .n_down = 1, .depends = ba, .n_depends = 2,
				  .python = 1, .dir = dir, .now_sec = NOW, .now_usec = 1};
	check_write(&deps, "ccc333_hello_world_ünïcode_stuff.py",
		    "\"\"\"Hello, World: ünïcode & stuff!!\n\nRevision ID: ccc333\nRevises: aaa111\n"
		    "Create Date: 2026-11-22 11:57:51.000001\n\n" PY_IMPORTS
		    "revision = 'ccc333'\ndown_revision = 'aaa111'\nbranch_labels = None\n"
		    "depends_on = ['bbb222', 'aaa111']\n" PY_TAIL);

	struct ald_newrev merge = {.rev_id = "ddd444", .message = "merge it", .down = bc,
				   .n_down = 2, .labels = two, .n_labels = 2, .python = 1,
				   .dir = dir, .now_sec = NOW, .now_usec = 193952};
	check_write(&merge, "ddd444_merge_it.py",
		    "\"\"\"merge it\n\nRevision ID: ddd444\nRevises: bbb222, ccc333\n"
		    "Create Date: 2026-11-22 11:57:51.193952\n\n" PY_IMPORTS
		    "revision = 'ddd444'\ndown_revision = ('bbb222', 'ccc333')\n"
		    "branch_labels = ('featx', 'other')\ndepends_on = None\n" PY_TAIL);

	struct ald_newrev nomsg = {.rev_id = "eee555", .down = (const char *[]){"ddd444"},
				   .n_down = 1, .depends = fx, .n_depends = 1, .python = 1,
				   .dir = dir, .now_sec = NOW, .now_usec = 10};
	check_write(&nomsg, "eee555_.py",
		    "\"\"\"empty message\n\nRevision ID: eee555\nRevises: ddd444\n"
		    "Create Date: 2026-11-22 11:57:51.000010\n\n" PY_IMPORTS
		    "revision = 'eee555'\ndown_revision = 'ddd444'\nbranch_labels = None\n"
		    "depends_on = 'featx'\n" PY_TAIL);
	free(dir);
}

#define SQL_TAIL "\n-- migrate:upgrade\n\n\n-- migrate:downgrade\n"

static void test_sql_files(void **state)
{
	(void)state;
	char *dir = new_dir("sql");
	const char *a[] = {"aaa111"}, *bc[] = {"bbb222", "ccc333"};
	const char *labels[] = {"reporting", "extra"}, *deps[] = {"bbb222", "featx"};

	struct ald_newrev base = {.rev_id = "aaa111", .message = "create users table",
				  .dir = dir, .now_sec = NOW, .now_usec = 512204};
	check_write(&base, "aaa111_create_users_table.sql",
		    "-- create users table\n--\n-- Revision ID: aaa111\n-- Revises: \n"
		    "-- Create Date: 2026-11-22 11:57:51.512204\n" SQL_TAIL);

	struct ald_newrev one = {.rev_id = "bbb222", .message = "add column\nsecond line\n",
				 .down = a, .n_down = 1, .labels = labels, .n_labels = 1,
				 .dir = dir, .now_sec = NOW};
	check_write(&one, "bbb222_add_column_second_line.sql",
		    "-- add column\n--\n-- Revision ID: bbb222\n-- Revises: aaa111\n"
		    "-- Create Date: 2026-11-22 11:57:51\n-- Branch Labels: reporting\n" SQL_TAIL);

	struct ald_newrev merge = {.rev_id = "ccc333", .message = "merge",
				   .down = bc, .n_down = 2, .labels = labels, .n_labels = 2,
				   .depends = deps, .n_depends = 2, .dir = dir, .now_sec = NOW,
				   .now_usec = 7};
	check_write(&merge, "ccc333_merge.sql",
		    "-- merge\n--\n-- Revision ID: ccc333\n-- Revises: bbb222, ccc333\n"
		    "-- Create Date: 2026-11-22 11:57:51.000007\n"
		    "-- Branch Labels: reporting, extra\n-- Depends On: bbb222, featx\n" SQL_TAIL);

	struct ald_newrev nomsg = {.rev_id = "ddd444", .down = (const char *[]){"ccc333"},
				   .n_down = 1, .depends = deps, .n_depends = 1, .dir = dir,
				   .now_sec = NOW};
	check_write(&nomsg, "ddd444_.sql",
		    "-- empty message\n--\n-- Revision ID: ddd444\n-- Revises: ccc333\n"
		    "-- Create Date: 2026-11-22 11:57:51\n-- Depends On: bbb222\n" SQL_TAIL);

	struct ald_newrev empty = {.rev_id = "eee555", .message = "", .dir = dir, .now_sec = NOW};
	check_write(&empty, "eee555_.sql",
		    "--\n--\n-- Revision ID: eee555\n-- Revises: \n"
		    "-- Create Date: 2026-11-22 11:57:51\n" SQL_TAIL);
	free(dir);
}

static void test_template_and_random_id(void **state)
{
	(void)state;
	char *dir = new_dir("tmpl");
	struct ald_newrev nr = {
		.rev_id = "aaa111", .message = "Hello, World: ünïcode & stuff!!", .dir = dir,
		.file_template = "%(year)d_%(month).2d_%(day).2d_%(hour).2d%(minute).2d-%(rev)s_"
				 "%(slug)s_%(epoch)s",
		.now_sec = NOW};
	char *path;
	assert_int_equal(ald__revision_write(&path, &nr), 0);
	char *want = ald__xasprintf("%s/2026_11_22_1157-aaa111_hello_world_ünïcode_stuff_1795348671.sql", dir);
	assert_string_equal(path, want);
	free(want);
	free(path);

	nr.file_template = NULL;
	nr.truncate_slug_length = 10;
	nr.rev_id = "bbb222";
	nr.message = "abcdefghijkl mnop qrs";
	assert_int_equal(ald__revision_write(&path, &nr), 0);
	want = ald__xasprintf("%s/bbb222_abcdefghij_.sql", dir);
	assert_string_equal(path, want);
	free(want);
	free(path);

	/* no id: a random one, also inside the file */
	nr.rev_id = NULL;
	nr.message = "random";
	assert_int_equal(ald__revision_write(&path, &nr), 0);
	const char *base = strrchr(path, '/') + 1;
	assert_int_equal(strspn(base, "0123456789abcdef"), 12);
	assert_string_equal(base + 12, "_random.sql");
	char *text = slurp(path), *line = ald__xasprintf("-- Revision ID: %.12s\n", base);
	assert_non_null(strstr(text, line));
	free(line);
	free(text);
	free(path);

	nr.rev_id = "ccc333";
	nr.file_template = "%(rev)s_%(nope)s";
	path = (char *)"unchanged";
	assert_int_equal(ald__revision_write(&path, &nr), ALD_EINVALID);
	assert_null(path);
	assert_string_equal(ald_error_last()->message,
			    "file_template: unknown token 'nope' (known: rev, slug, epoch, year, "
			    "month, day, hour, minute, second)");
	nr.file_template = "sub/%(rev)s";
	assert_int_equal(ald__revision_write(&path, &nr), ALD_EINVALID);
	assert_string_equal(ald_error_last()->message,
			    "file_template: the file name 'sub/ccc333' is empty or contains '/'");
	free(dir);
}

static void test_refusals(void **state)
{
	(void)state;
	char *dir = new_dir("refuse");
	struct ald_newrev nr = {.rev_id = "aaa111", .message = "one", .dir = dir, .now_sec = NOW};
	char *path;
	assert_int_equal(ald__revision_write(&path, &nr), 0);
	char *text = slurp(path);
	nr.message = "one"; /* same name again */
	nr.python = 0;
	char *again = (char *)"unchanged";
	assert_int_equal(ald__revision_write(&again, &nr), ALD_EINVALID);
	assert_null(again);
	char *msg = ald__xasprintf("File %s already exists; not overwriting it", path);
	assert_string_equal(ald_error_last()->message, msg);
	char *after = slurp(path);
	assert_string_equal(after, text);
	free(msg);
	free(after);
	free(text);
	free(path);

	nr.rev_id = "bad-id";
	assert_int_equal(ald__revision_write(&path, &nr), ALD_EINVALID);
	assert_string_equal(ald_error_last()->message,
			    "--rev-id: Character(s) '-' not allowed in revision identifier "
			    "'bad-id'" RULE);
	char *bad = ald__xasprintf("%s/bad-id_one.sql", dir);
	assert_int_equal(access(bad, F_OK), -1);
	free(bad);

	/* 33 characters would not fit the version column: refused, nothing
	 * written, in both formats */
	for (int py = 0; py <= 1; py++) {
		nr.python = py;
		nr.rev_id = "abcdefabcdefabcdefabcdefabcdefabc";
		assert_int_equal(ald__revision_write(&path, &nr), ALD_EINVALID);
		assert_string_equal(ald_error_last()->message,
				    "--rev-id: revision identifier 'abcdefabcdefabcdefabcdefabcdefabc' "
				    "is 33 characters long" RULE);
		bad = ald__xasprintf("%s/abcdefabcdefabcdefabcdefabcdefabc_one.%s", dir,
				    py ? "py" : "sql");
		assert_int_equal(access(bad, F_OK), -1);
		free(bad);
		nr.rev_id = "../x";
		assert_int_equal(ald__revision_write(&path, &nr), ALD_EINVALID);
	}
	nr.python = 0;
	/* a label or Depends On item a .sql header could not hold: a line break
	 * would add a header field, a comma split it in two */
	nr.rev_id = "fff666";
	const char *inject[] = {"a\n-- Transactional: false"};
	nr.labels = inject;
	nr.n_labels = 1;
	assert_int_equal(ald__revision_write(&path, &nr), ALD_EINVALID);
	assert_string_equal(ald_error_last()->message,
			    "--branch-label: Character(s) '\\n,  , -' not allowed in branch label "
			    "'a\n-- Transactional: false'");
	const char *comma[] = {"x,y"};
	nr.labels = NULL;
	nr.n_labels = 0;
	nr.depends = comma;
	nr.n_depends = 1;
	assert_int_equal(ald__revision_write(&path, &nr), ALD_EINVALID);
	assert_string_equal(ald_error_last()->message,
			    "--depends-on: Character(s) ',' not allowed in revision identifier or "
			    "branch label 'x,y'");
	bad = ald__xasprintf("%s/fff666_one.sql", dir);
	assert_int_equal(access(bad, F_OK), -1);
	free(bad);
	nr.python = 1; /* repr() holds anything */
	assert_int_equal(ald__revision_write(&path, &nr), 0);
	free(path);
	nr.python = 0;
	nr.depends = NULL;
	nr.n_depends = 0;
	/* a message whose first line the reader would take for a field or a
	 * marker (it made the revision non-transactional, message lost) */
	nr.message = "transactional : false\nmore text";
	assert_int_equal(ald__revision_write(&path, &nr), ALD_EINVALID);
	assert_string_equal(ald_error_last()->message,
			    "-m: the message 'transactional : false' would be read as the header "
			    "field 'Transactional' of the revision file");
	nr.message = " migrate:upgrade";
	assert_int_equal(ald__revision_write(&path, &nr), ALD_EINVALID);
	assert_string_equal(ald_error_last()->message,
			    "-m: the message ' migrate:upgrade' would be read as a section marker "
			    "of the revision file");
	nr.message = "Fix: the Revision ID column";
	nr.rev_id = "fff777";
	assert_int_equal(ald__revision_write(&path, &nr), 0);
	struct ald_revfile msg_rf;
	assert_int_equal(ald__revfile_load(&msg_rf, path), 0);
	assert_string_equal(msg_rf.message, "Fix: the Revision ID column");
	ald__revfile_clear(&msg_rf);
	free(path);
	nr.message = "one";
	/* 32 is written, and reads back */
	nr.rev_id = "abcdefabcdefabcdefabcdefabcdefab";
	assert_int_equal(ald__revision_write(&path, &nr), 0);
	struct ald_revfile rf;
	assert_int_equal(ald__revfile_load(&rf, path), 0);
	assert_string_equal(rf.id, "abcdefabcdefabcdefabcdefabcdefab");
	ald__revfile_clear(&rf);
	free(path);

	/* the version directory cannot be created: a file is in the way */
	char *blocker = ald__xasprintf("%s/blocker", tmpdir);
	FILE *f = fopen(blocker, "w");
	assert_non_null(f);
	fclose(f);
	char *under = ald__xasprintf("%s/versions", blocker);
	nr.rev_id = "ddd444";
	nr.dir = under;
	assert_int_equal(ald__revision_write(&path, &nr), ALD_ERROR);
	msg = ald__xasprintf("Cannot create directory %s: Not a directory", under);
	assert_string_equal(ald_error_last()->message, msg);
	free(msg);
	free(under);
	free(blocker);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_slug),
		cmocka_unit_test(test_revid_random),
		cmocka_unit_test(test_revid_check),
		cmocka_unit_test(test_py_repr),
		cmocka_unit_test(test_file_template),
		cmocka_unit_test(test_python_files),
		cmocka_unit_test(test_sql_files),
		cmocka_unit_test(test_template_and_random_id),
		cmocka_unit_test(test_refusals),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
