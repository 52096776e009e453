/* test_revision_read_py.c - static reading of Alembic revision modules: the files
 * Alembic 1.8.1 generates, every literal shape, annotations, docstrings,
 * what is ignored, and every error with its exact message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "revision_file.h"

#define PATH "versions/x_rev.py"
#define RULE " (a revision identifier is 1 to 32 ASCII letters, digits or '_')"

static void parse_at(struct ald_revfile *rf, const char *path, const char *text)
{
	int err = ald__revfile_parse_py(rf, path, text, strlen(text));
	if (err != 0)
		fail_msg("parse failed: %s", ald_error_last()->message);
	assert_int_equal(rf->kind, ALD_REVFILE_PY);
	assert_string_equal(rf->path, path);
	assert_int_equal(rf->transactional, 1);
	assert_int_equal(rf->upgrade.present, 0);
	assert_int_equal(rf->downgrade.present, 0);
}

#define parse_ok(rf, text) parse_at(rf, PATH, text)

/* Parses `len` bytes of text (NUL bytes included) and expects the error. */
static void error_at_n(const char *path, const char *text, size_t len, int code,
		       const char *message)
{
	struct ald_revfile rf;
	memset(&rf, 0x5a, sizeof(rf));
	assert_int_equal(ald__revfile_parse_py(&rf, path, text, len), code);
	assert_string_equal(ald_error_last()->message, message);
	assert_null(rf.path);
	assert_null(rf.id);
	assert_null(rf.doc);
	assert_null(rf.message);
	assert_int_equal(rf.down.n, 0);
}

static void error_at(const char *path, const char *text, int code, const char *message)
{
	error_at_n(path, text, strlen(text), code, message);
}

#define parse_error(text, message) error_at(PATH, text, ALD_EINVALID, message)

static void assert_list(const struct ald_strvec *sv, size_t n, const char *const *items)
{
	assert_int_equal(sv->n, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(sv->v[i], items[i]);
}

#define LIST(sv, ...) \
	assert_list(sv, sizeof((const char *[]){__VA_ARGS__}) / sizeof(char *), \
		    (const char *[]){__VA_ARGS__})

/* ---- what Alembic 1.8.1 writes (generic template) ---------------------- */

static const char gen_root[] =
	"\"\"\"first\n"
	"\n"
	"Revision ID: aaa1\n"
	"Revises: \n"
	"Create Date: 2026-11-22 13:21:22.341433\n"
	"\n"
	"\"\"\"\n"
	"from alembic import op\n"
	"import sqlalchemy as sa\n"
	"\n"
	"\n"
	"# revision identifiers, used by Alembic.\n"
	"revision = 'aaa1'\n"
	"down_revision = None\n"
	"branch_labels = None\n"
	"depends_on = None\n"
	"\n"
	"\n"
	"def upgrade() -> None:\n"
	"    pass\n"
	"\n"
	"\n"
	"def downgrade() -> None:\n"
	"    pass\n";

static const char gen_label[] =
	"\"\"\"second\n\nRevision ID: bbb2\nRevises: aaa1\nCreate Date: 2026-11-22 13:21:22.853332\n\n\"\"\"\n"
	"from alembic import op\nimport sqlalchemy as sa\n\n\n"
	"# revision identifiers, used by Alembic.\n"
	"revision = 'bbb2'\n"
	"down_revision = 'aaa1'\n"
	"branch_labels = ('featx',)\n"
	"depends_on = None\n\n\n"
	"def upgrade() -> None:\n    pass\n\n\ndef downgrade() -> None:\n    pass\n";

static const char gen_depends[] =
	"\"\"\"other\n\nRevision ID: ccc3\nRevises: aaa1\nCreate Date: 2026-11-22 13:21:23.435169\n\n\"\"\"\n"
	"from alembic import op\nimport sqlalchemy as sa\n\n\n"
	"# revision identifiers, used by Alembic.\n"
	"revision = 'ccc3'\n"
	"down_revision = 'aaa1'\n"
	"branch_labels = None\n"
	"depends_on = ['bbb2', 'aaa1']\n\n\n"
	"def upgrade() -> None:\n    pass\n\n\ndef downgrade() -> None:\n    pass\n";

static const char gen_empty_message[] =
	"\"\"\"empty message\n\nRevision ID: eee5\nRevises: ddd4\nCreate Date: 2026-11-22 13:21:24.798655\n\n\"\"\"\n"
	"from alembic import op\nimport sqlalchemy as sa\n\n\n"
	"# revision identifiers, used by Alembic.\n"
	"revision = 'eee5'\n"
	"down_revision = 'ddd4'\n"
	"branch_labels = None\n"
	"depends_on = 'featx'\n\n\n"
	"def upgrade() -> None:\n    pass\n\n\ndef downgrade() -> None:\n    pass\n";

static const char gen_merge[] =
	"\"\"\"merge side and main\n\nRevision ID: hhh8\nRevises: 6ad9b6f01b31, ggg7\n"
	"Create Date: 2026-11-22 13:21:30.171173\n\n\"\"\"\n"
	"from alembic import op\nimport sqlalchemy as sa\n\n\n"
	"# revision identifiers, used by Alembic.\n"
	"revision = 'hhh8'\n"
	"down_revision = ('6ad9b6f01b31', 'ggg7')\n"
	"branch_labels = None\n"
	"depends_on = None\n\n\n"
	"def upgrade() -> None:\n    pass\n\n\ndef downgrade() -> None:\n    pass\n";

/* The annotated form of newer templates, with real operations in the bodies. */
static const char gen_annotated[] =
	"\"\"\"create account table\n\nRevision ID: 1975ea83b712\nRevises: \n"
	"Create Date: 2011-11-08 11:40:27.089406\n\n\"\"\"\n"
	"from typing import Sequence, Union\n\n"
	"from alembic import op\nimport sqlalchemy as sa\n\n\n"
	"# revision identifiers, used by Alembic.\n"
	"revision: str = '1975ea83b712'\n"
	"down_revision: Union[str, None] = None\n"
	"branch_labels: Union[str, Sequence[str], None] = None\n"
	"depends_on: Union[str, Sequence[str], None] = None\n\n\n"
	"def upgrade() -> None:\n"
	"    op.create_table(\n"
	"        'account',\n"
	"        sa.Column('id', sa.Integer, primary_key=True),\n"
	"    )\n"
	"    op.execute(\"\"\"\n"
	"revision = 'not-this-one'\n"
	"down_revision = 'nor-this'\n"
	"\"\"\")\n\n\n"
	"def downgrade() -> None:\n"
	"    op.drop_table('account')\n";

static void test_generated_files(void **state)
{
	(void)state;
	struct ald_revfile rf;
	parse_ok(&rf, gen_root);
	assert_string_equal(rf.id, "aaa1");
	assert_int_equal(rf.id_line, 13);
	assert_int_equal(rf.down.n, 0);
	assert_int_equal(rf.down_line, 14);
	assert_int_equal(rf.labels.n, 0);
	assert_int_equal(rf.depends.n, 0);
	assert_int_equal(rf.depends_line, 16);
	assert_string_equal(rf.create_date, "2026-11-22 13:21:22.341433");
	assert_string_equal(rf.message, "first");
	assert_string_equal(rf.doc, "first\n\nRevision ID: aaa1\nRevises: \n"
				    "Create Date: 2026-11-22 13:21:22.341433");
	ald__revfile_clear(&rf);

	parse_ok(&rf, gen_label);
	assert_string_equal(rf.id, "bbb2");
	LIST(&rf.down, "aaa1");
	LIST(&rf.labels, "featx");
	assert_string_equal(rf.message, "second");
	ald__revfile_clear(&rf);

	parse_ok(&rf, gen_depends);
	LIST(&rf.depends, "bbb2", "aaa1");
	assert_int_equal(rf.depends_line, 16);
	ald__revfile_clear(&rf);

	parse_ok(&rf, gen_empty_message);
	assert_string_equal(rf.message, "empty message");
	LIST(&rf.depends, "featx");
	ald__revfile_clear(&rf);

	parse_ok(&rf, gen_merge);
	assert_string_equal(rf.id, "hhh8");
	LIST(&rf.down, "6ad9b6f01b31", "ggg7");
	assert_string_equal(rf.message, "merge side and main");
	ald__revfile_clear(&rf);

	parse_ok(&rf, gen_annotated);
	assert_string_equal(rf.id, "1975ea83b712");
	assert_int_equal(rf.id_line, 15);
	assert_int_equal(rf.down.n, 0);
	assert_int_equal(rf.down_line, 16);
	assert_string_equal(rf.message, "create account table");
	ald__revfile_clear(&rf);
}

/* ---- literal shapes ---------------------------------------------------- */

/* Parses `down_revision = <value>` and compares the list read; a value that
 * breaks the id rule (revision_id.c) is read through depends_on, whose items may
 * be label names, with the same reader. */
static void down_is(const char *value, size_t n, const char *const *items)
{
	char text[512];
	struct ald_revfile rf;
	int ids = 1;
	for (size_t i = 0; i < n; i++)
		ids &= ald__revid_valid(items[i]);
	if (ids) {
		snprintf(text, sizeof(text), "revision = 'r1'\ndown_revision = %s\n", value);
		parse_ok(&rf, text);
		assert_list(&rf.down, n, items);
		assert_int_equal(rf.down_line, 2);
		ald__revfile_clear(&rf);
	}
	snprintf(text, sizeof(text), "revision = 'r1'\ndown_revision = None\ndepends_on = %s\n",
		 value);
	parse_ok(&rf, text);
	assert_list(&rf.depends, n, items);
	assert_int_equal(rf.depends_line, 3);
	ald__revfile_clear(&rf);
}

#define DOWN(value, ...) \
	down_is(value, sizeof((const char *[]){__VA_ARGS__}) / sizeof(char *), \
		(const char *[]){__VA_ARGS__})
#define DOWN_NONE(value) down_is(value, 0, NULL)

static void test_literal_shapes(void **state)
{
	(void)state;
	DOWN_NONE("None");
	DOWN_NONE("()");
	DOWN_NONE("[]");
	DOWN_NONE("( )  # nothing");
	DOWN_NONE("(None)");
	DOWN("'a1'", "a1");
	DOWN("\"a1\"", "a1");
	DOWN("'''a1'''", "a1");
	DOWN("\"\"\"a1\"\"\"", "a1");
	DOWN("('a1')", "a1");
	DOWN("('a1',)", "a1");
	DOWN("['a1']", "a1");
	DOWN("['a1',]", "a1");
	DOWN("('a1', \"b2\")", "a1", "b2");
	DOWN("['a1','b2' , 'c3']", "a1", "b2", "c3");
	DOWN("'a1', 'b2'", "a1", "b2");
	DOWN("'a1',", "a1");
	DOWN("(\n    'a1',  # the first parent\n    # a comment line\n    'b2',\n)", "a1", "b2");
	DOWN("[\n'a1'\n,\n'b2'\n]", "a1", "b2");
	DOWN("'a1'  # trailing comment", "a1");
	DOWN("'a' 'b'  \"c\"", "abc");
	DOWN("('a'\n 'b', 'c')", "ab", "c");
	DOWN("r'a\\d'", "a\\d");
	DOWN("u'ab'", "ab");
	DOWN("R\"x\"", "x");
	DOWN("'\\x41\\102\\u0043\\U00000044'", "ABCD");
	DOWN("'q\\'s\\\"\\\\'", "q's\"\\");
	DOWN("'\\z'", "\\z");
	DOWN("'caf\\xe9'", "caf\xc3\xa9");
	DOWN("\\\n    'a1'", "a1");
}

static void test_all_variables(void **state)
{
	(void)state;
	struct ald_revfile rf;
	parse_ok(&rf, "revision = \"r2\"\n"
		      "down_revision = ['p1', 'p2']\n"
		      "branch_labels = 'lbl'\n"
		      "depends_on = ('d1', 'lbl2')\n");
	assert_string_equal(rf.id, "r2");
	assert_int_equal(rf.id_line, 1);
	LIST(&rf.down, "p1", "p2");
	LIST(&rf.labels, "lbl");
	LIST(&rf.depends, "d1", "lbl2");
	assert_int_equal(rf.depends_line, 4);
	assert_string_equal(rf.doc, "");
	assert_string_equal(rf.message, "");
	assert_null(rf.create_date);
	ald__revfile_clear(&rf);

	parse_ok(&rf, "revision = 'r3'\ndown_revision = None\nbranch_labels = ['a', 'b']\n"
		      "depends_on = []\n");
	LIST(&rf.labels, "a", "b");
	assert_int_equal(rf.depends.n, 0);
	ald__revfile_clear(&rf);
}

static void test_annotations(void **state)
{
	(void)state;
	struct ald_revfile rf;
	parse_ok(&rf, "revision: str = \"r1\"\n"
		      "down_revision: Union[str, Sequence[str], None] = ('a', 'b')\n"
		      "branch_labels: Union[\n    str, Sequence[str], None\n] = ('x',)\n"
		      "depends_on: 'Optional[str]' = 'd'\n"
		      "other: int\n");
	assert_string_equal(rf.id, "r1");
	LIST(&rf.down, "a", "b");
	LIST(&rf.labels, "x");
	LIST(&rf.depends, "d");
	assert_int_equal(rf.depends_line, 6);
	ald__revfile_clear(&rf);
	/* an annotation alone assigns nothing */
	parse_ok(&rf, "revision: str = 'r1'\ndown_revision: str\ndown_revision = 'p'\n");
	LIST(&rf.down, "p");
	assert_int_equal(rf.down_line, 3);
	ald__revfile_clear(&rf);
}

/* ---- docstrings -------------------------------------------------------- */

/* Parses a module made of `head` and a minimal body; compares doc and message. */
static void doc_is(const char *head, const char *doc, const char *message)
{
	char text[1024];
	struct ald_revfile rf;
	snprintf(text, sizeof(text), "%srevision = 'r1'\ndown_revision = None\n", head);
	parse_ok(&rf, text);
	assert_string_equal(rf.doc, doc);
	assert_string_equal(rf.message, message);
	ald__revfile_clear(&rf);
}

static void test_docstrings(void **state)
{
	(void)state;
	doc_is("", "", "");
	doc_is("'''one line'''\n", "one line", "one line");
	doc_is("\"just double\"\n", "just double", "just double");
	doc_is("'single'\n", "single", "single");
	doc_is("#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n\n  \n# note\n\"\"\"after comments\"\"\"\n",
	       "after comments", "after comments");
	doc_is("\"\"\"\n   Title line\n   still title\n\n   body\n\n\"\"\"\n",
	       "Title line\n   still title\n\n   body", "Title line\n   still title");
	doc_is("\"\"\"a\n  \nb\n\nc\"\"\"\n", "a\n  \nb\n\nc", "a\n  \nb");
	doc_is("r\"\"\"raw \\n stays\"\"\"\n", "raw \\n stays", "raw \\n stays");
	doc_is("\"\"\"quote \\\"x\\\" and \\\\ and tab\\t.\"\"\"\n", "quote \"x\" and \\ and tab\t.",
	       "quote \"x\" and \\ and tab\t.");
	doc_is("\"\"\"line \\\ncontinued\"\"\"\n", "line continued", "line continued");
	doc_is("'''a''' \"b\"\n", "ab", "ab");
	doc_is("\"\"\"doc\"\"\"  # comment\n", "doc", "doc");
	doc_is("\"\"\"doc with ''' and \" inside\"\"\"\n", "doc with ''' and \" inside",
	       "doc with ''' and \" inside");
	/* not docstrings: not the first statement, bytes, an expression */
	doc_is("import os\n\"\"\"late\"\"\"\n", "", "");
	doc_is("b'''bytes'''\n", "", "");
	doc_is("f'''f-string'''\n", "", "");
	doc_is("'''doc'''.strip()\n", "", "");
	doc_is("'''empty'''[:0]\n", "", "");
	doc_is("\"\"\"   \"\"\"\n", "", "");
}

static void test_create_date(void **state)
{
	(void)state;
	struct ald_revfile rf;
	parse_ok(&rf, "'''m\n\nRevision ID: r1\nCreate Date:   2022-01-01 00:00:00  \n'''\n"
		      "revision = 'r1'\ndown_revision = None\n");
	assert_string_equal(rf.create_date, "2022-01-01 00:00:00");
	ald__revfile_clear(&rf);
	parse_ok(&rf, "'''Create Date:'''\nrevision = 'r1'\ndown_revision = None\n");
	assert_null(rf.create_date);
	ald__revfile_clear(&rf);
	parse_ok(&rf, "'''m\n xCreate Date: no'''\nrevision = 'r1'\ndown_revision = None\n");
	assert_null(rf.create_date);
	ald__revfile_clear(&rf);
}

static void test_crlf_and_bom(void **state)
{
	(void)state;
	struct ald_revfile rf;
	parse_ok(&rf, "\xef\xbb\xbf\"\"\"title\r\n\r\nRevision ID: r1\r\n\"\"\"\r\n"
		      "revision = 'r1'\r\ndown_revision = (\r\n  'a',\r\n  'b')\r\n"
		      "depends_on = 'd'\r\n");
	assert_string_equal(rf.doc, "title\n\nRevision ID: r1");
	assert_string_equal(rf.message, "title");
	assert_int_equal(rf.id_line, 5);
	LIST(&rf.down, "a", "b");
	assert_int_equal(rf.down_line, 6);
	assert_int_equal(rf.depends_line, 9);
	ald__revfile_clear(&rf);
}

static void test_only_module_level(void **state)
{
	(void)state;
	struct ald_revfile rf;
	parse_ok(&rf, "import x\n"
		      "def helper():\n"
		      "    revision = 'inner'\n"
		      "    down_revision = 'inner'\n"
		      "    s = '''\n"
		      "revision = 'in-a-string'\n"
		      "'''\n"
		      "if True:\n"
		      "    revision = 'in-if'\n"
		      "class C: revision = 'in-class'; down_revision = 'c'\n"
		      "x = (1,\n"
		      "revision)\n"
		      "call(\"\"\"\n"
		      "down_revision = 'in-call'\"\"\")\n"
		      "revision = 'r1'\n"
		      "revision.upper()\n"
		      "revision == 'z'\n"
		      "down_revision = 'first'; depends_on = 'dep'\n"
		      "x = 1; branch_labels = 'lb'\n"
		      "down_revision = \\\n"
		      "    'second'\n"
		      "print(revision)\n");
	assert_string_equal(rf.id, "r1");
	assert_int_equal(rf.id_line, 15);
	LIST(&rf.down, "second"); /* the last assignment wins */
	assert_int_equal(rf.down_line, 20);
	LIST(&rf.depends, "dep");
	LIST(&rf.labels, "lb");
	ald__revfile_clear(&rf);
}

/* ---- errors ------------------------------------------------------------ */

static void test_missing_revision(void **state)
{
	(void)state;
	error_at("versions/helper.py", "down_revision = None\n", ALD_EINVALID,
		 "versions/helper.py: Could not determine revision id from filename helper.py. Be "
		 "sure the 'revision' variable is declared inside the script (please see "
		 "'Upgrading from Alembic 0.1 to 0.2' in the documentation).");
	error_at("abc_x.py", "down_revision = None\n", ALD_EINVALID,
		 "abc_x.py: Could not determine revision id from filename abc_x.py. Be sure the "
		 "'revision' variable is declared inside the script (please see 'Upgrading from "
		 "Alembic 0.1 to 0.2' in the documentation).");
	/* upper-case hex is not the legacy form */
	error_at("v/ABC1.py", "down_revision = None\n", ALD_EINVALID,
		 "v/ABC1.py: Could not determine revision id from filename ABC1.py. Be sure the "
		 "'revision' variable is declared inside the script (please see 'Upgrading from "
		 "Alembic 0.1 to 0.2' in the documentation).");
	/* the legacy rule: a hex file name is the id */
	struct ald_revfile rf;
	parse_at(&rf, "v/1a2b3c4d.py", "'''legacy'''\ndown_revision = '0f'\n");
	assert_string_equal(rf.id, "1a2b3c4d");
	assert_int_equal(rf.id_line, 0);
	LIST(&rf.down, "0f");
	assert_string_equal(rf.message, "legacy");
	ald__revfile_clear(&rf);
	error_at("v/1a2b3c4d.py", "# a helper module\n", ALD_EINVALID,
		 "v/1a2b3c4d.py: 'down_revision' is not declared in the script");
}

static void test_missing_down_revision(void **state)
{
	(void)state;
	parse_error("revision = 'r1'\nbranch_labels = None\n",
		    PATH ": 'down_revision' is not declared in the script");
	parse_error("revision = 'r1'\ndown_revision: str\n",
		    PATH ": 'down_revision' is not declared in the script");
	parse_error("revision = 'r1'\ndef f():\n    down_revision = None\n",
		    PATH ": 'down_revision' is not declared in the script");
}

static void test_not_static(void **state)
{
	(void)state;
	parse_error("revision = 'r1'\ndown_revision = get_rev()\n",
		    PATH ":2: cannot read down_revision statically: 'get_rev()' is not None, a "
			 "string, or a tuple or list of strings");
	parse_error("revision = OTHER\ndown_revision = None\n",
		    PATH ":1: cannot read revision statically: 'OTHER' is not None, a string, or a "
			 "tuple or list of strings");
	parse_error("revision = 'r1'\ndown_revision = None\ndepends_on = (\n    'a',\n    b,\n)\n",
		    PATH ":5: cannot read depends_on statically: 'b,' is not None, a string, or a "
			 "tuple or list of strings");
	parse_error("revision = 'r1'\ndown_revision = None\nbranch_labels = b'x'\n",
		    PATH ":3: cannot read branch_labels statically: 'b'x'' is a bytes literal, not "
			 "a string");
	parse_error("revision = f'{x}'\ndown_revision = None\n",
		    PATH ":1: cannot read revision statically: 'f'{x}'' is an f-string");
	parse_error("revision = 'r1'\ndown_revision = (('a', 'b'),)\n",
		    PATH ":2: cannot read down_revision statically: '('a', 'b'),)' is a nested tuple "
			 "or list");
	parse_error("revision = 'r1'\ndown_revision = ('a', None)\n",
		    PATH ":2: cannot read down_revision statically: None inside a tuple");
	parse_error("revision = 'r1'\ndown_revision = [None, 'a']\n",
		    PATH ":2: cannot read down_revision statically: None inside a list");
	parse_error("revision = 'r1'\ndown_revision = 'a', None\n",
		    PATH ":2: cannot read down_revision statically: None inside a tuple");
	parse_error("revision = 'r1'\ndown_revision = None, 'a'\n",
		    PATH ":2: cannot read down_revision statically: ', 'a'' follows a value that is "
			 "not a string");
	parse_error("revision = 'r1'\ndown_revision = ('a' 'b' c)\n",
		    PATH ":2: cannot read down_revision statically: 'c)' where ',' or ')' was "
			 "expected");
	parse_error("revision = 'r1' if X else 'r2'\ndown_revision = None\n",
		    PATH ":1: cannot read revision statically: 'if X else 'r2'' follows the value");
	parse_error("revision = 'r1'\ndown_revision = 'a' + 'b'\n",
		    PATH ":2: cannot read down_revision statically: '+ 'b'' follows the value");
	parse_error("revision = 'r1'\ndown_revision = None\nbranch_labels += ('x',)\n",
		    PATH ":3: cannot read branch_labels statically: augmented assignment '+='");
	parse_error("revision, down_revision = 'r1', None\n",
		    PATH ":1: cannot read revision statically: assigned by unpacking");
	parse_error("revision = down_revision = None\n",
		    PATH ":1: cannot read revision statically: 'down_revision = None' is not None, a "
			 "string, or a tuple or list of strings");
	parse_error("revision = None\ndown_revision = None\n",
		    PATH ":1: cannot read revision statically: it must be a non-empty string");
	parse_error("revision = ('a', 'b')\ndown_revision = None\n",
		    PATH ":1: cannot read revision statically: it must be a non-empty string");
	parse_error("revision = ''\ndown_revision = None\n",
		    PATH ":1: cannot read revision statically: it must be a non-empty string");
	parse_error("revision = 'r1'\ndown_revision = ('a', '')\n",
		    PATH ":2: empty string in down_revision");
	parse_error("revision = 'r1'\ndown_revision = None\nbranch_labels = ''\n",
		    PATH ":3: empty string in branch_labels");
	parse_error("revision = \ndown_revision = None\n",
		    PATH ":1: cannot read revision statically: the end of the line is not None, a "
			 "string, or a tuple or list of strings");
}

static void test_syntax_errors(void **state)
{
	(void)state;
	parse_error("revision = 'r1\ndown_revision = None\n", PATH ":1: unterminated string");
	parse_error("'''doc\n\nrevision = 'r1'\n", PATH ":1: unterminated string");
	parse_error("revision = 'r1'\ndown_revision = None\ndef f():\n    x = \"\"\"abc\n",
		    PATH ":4: unterminated string");
}

static void test_self_loops_and_ids(void **state)
{
	(void)state;
	error_at(PATH, "revision = 'r1'\ndown_revision = ('r0', 'r1')\n", ALD_ECYCLE,
		 PATH ":2: Self-loop is detected in revisions (r1)");
	error_at(PATH, "revision = 'r1'\ndown_revision = 'r0'\ndepends_on = ['r1']\n", ALD_ECYCLE,
		 PATH ":3: Dependency self-loop is detected in revisions (r1)");
	/* Alembic checks the loops before the characters */
	error_at(PATH, "revision = 'a-1'\ndown_revision = 'a-1'\n", ALD_ECYCLE,
		 PATH ":2: Self-loop is detected in revisions (a-1)");
	parse_error("revision = 'bad-id'\ndown_revision = None\n",
		    PATH ":1: Character(s) '-' not allowed in revision identifier 'bad-id'" RULE);
	parse_error("\n\nrevision = 'a+b@c'\ndown_revision = None\n",
		    PATH ":3: Character(s) '+, @' not allowed in revision identifier 'a+b@c'" RULE);
	parse_error("revision = 'a b,c'\ndown_revision = None\n",
		    PATH ":1: Character(s) ' , ,' not allowed in revision identifier 'a b,c'" RULE);
}

/* The one id rule (revision_id.c): `revision`, the down_revision items, the
 * legacy id taken from a file name; depends_on items that are no id are
 * label names. */
static void test_id_rule(void **state)
{
	(void)state;
	struct ald_revfile rf;
	parse_ok(&rf, "revision = 'ABCdef_0123456789abcdef012345678'\n"
		      "down_revision = ('0123456789abcdef0123456789abcdef', 'r0')\n"
		      "depends_on = ['some.label-x', '0123456789abcdef0123456789abcdef']\n");
	assert_string_equal(rf.id, "ABCdef_0123456789abcdef012345678");
	LIST(&rf.down, "0123456789abcdef0123456789abcdef", "r0");
	LIST(&rf.depends, "some.label-x", "0123456789abcdef0123456789abcdef");
	ald__revfile_clear(&rf);

	parse_error("revision = '0123456789abcdef0123456789abcdef0'\ndown_revision = None\n",
		    PATH ":1: revision identifier '0123456789abcdef0123456789abcdef0' is 33 "
			 "characters long" RULE);
	parse_error("revision = 'r1'\n\ndown_revision = ('r0', '0123456789abcdef0123456789abcdef0')\n",
		    PATH ":3: revision identifier '0123456789abcdef0123456789abcdef0' is 33 "
			 "characters long" RULE);
	parse_error("revision = '../../evil'\ndown_revision = None\n",
		    PATH ":1: Character(s) '., /' not allowed in revision identifier '../../evil'" RULE);
	parse_error("revision = 'r1'\ndown_revision = '../x'\n",
		    PATH ":2: Character(s) '., /' not allowed in revision identifier '../x'" RULE);
	parse_error("revision = 'a/b'\ndown_revision = None\n",
		    PATH ":1: Character(s) '/' not allowed in revision identifier 'a/b'" RULE);
	parse_error("revision = 'a b'\ndown_revision = None\n",
		    PATH ":1: Character(s) ' ' not allowed in revision identifier 'a b'" RULE);
	parse_error("revision = 'caf\xc3\xa9'\ndown_revision = None\n",
		    PATH ":1: Character(s) '\\xa9, \\xc3' not allowed in revision identifier "
			 "'caf\\xc3\\xa9'" RULE);
	parse_error("revision = 'caf\\u00e9'\ndown_revision = None\n",
		    PATH ":1: Character(s) '\\xa9, \\xc3' not allowed in revision identifier "
			 "'caf\\xc3\\xa9'" RULE);
	parse_error("revision = 'r\\n1'\ndown_revision = None\n",
		    PATH ":1: Character(s) '\\x0a' not allowed in revision identifier 'r\\x0a1'" RULE);
	/* the id of a legacy <hex>.py file follows the rule too */
	error_at("v/0123456789abcdef0123456789abcdef0.py", "down_revision = None\n", ALD_EINVALID,
		 "v/0123456789abcdef0123456789abcdef0.py: revision identifier "
		 "'0123456789abcdef0123456789abcdef0' is 33 characters long" RULE);
	parse_at(&rf, "v/0123456789abcdef0123456789abcdef.py", "down_revision = None\n");
	assert_string_equal(rf.id, "0123456789abcdef0123456789abcdef");
	ald__revfile_clear(&rf);
}

/* NUL bytes: in the source (Python refuses them too) or made by an escape in
 * the docstring or an assignment: an error naming the line, never a string
 * cut short. */
static void test_nul_bytes(void **state)
{
	(void)state;
	static const char msg_end[] = " (a revision file is text; a NUL would cut what follows it)";
	char *want;
#define NUL_CASE(text, line)                                                              \
	do {                                                                              \
		want = ald__xasprintf(PATH ":%d: NUL byte in the file%s", line, msg_end);  \
		error_at_n(PATH, text, sizeof(text) - 1, ALD_EINVALID, want);             \
		free(want);                                                               \
	} while (0)
	NUL_CASE("\"\"\"add\0 table\"\"\"\nrevision = 'r1'\ndown_revision = None\n", 1);
	NUL_CASE("\"\"\"doc\"\"\"\nrevision = 'r1\0evil'\ndown_revision = None\n", 2);
	NUL_CASE("revision = 'r1'\ndown_revision = None\n\ndef upgrade():\n    pass\0\n", 5);
	NUL_CASE("revision = 'r1'\rdown_revision = None\r\0", 3);
#undef NUL_CASE
	parse_error("\"\"\"add\\x00 table\n\nmore\"\"\"\nrevision = 'r1'\ndown_revision = None\n",
		    PATH ":1: the docstring holds a NUL character (an escape such as \\x00), which "
			 "aludel cannot keep");
	parse_error("\n'a' '\\0'\nrevision = 'r1'\ndown_revision = None\n",
		    PATH ":2: the docstring holds a NUL character (an escape such as \\x00), which "
			 "aludel cannot keep");
	parse_error("revision = 'r1\\0evil'\ndown_revision = None\n",
		    PATH ":1: the revision holds a NUL character (an escape such as \\x00), which "
			 "aludel cannot keep");
	parse_error("revision = 'r1'\ndown_revision = (\n  'r0',\n  'x' '\\u0000')\n",
		    PATH ":4: the down_revision holds a NUL character (an escape such as \\x00), "
			 "which aludel cannot keep");
	parse_error("revision = 'r1'\ndown_revision = None\nbranch_labels = 'a\\U00000000'\n",
		    PATH ":3: the branch_labels holds a NUL character (an escape such as \\x00), "
			 "which aludel cannot keep");
	parse_error("revision = 'r1'\ndown_revision = None\ndepends_on = [r'a', 'b\\x00']\n",
		    PATH ":3: the depends_on holds a NUL character (an escape such as \\x00), "
			 "which aludel cannot keep");
	/* a NUL made by an escape where aludel does not read is no concern */
	struct ald_revfile rf;
	parse_ok(&rf, "revision = 'r1'\ndown_revision = None\nx = '\\0'\n");
	assert_string_equal(rf.id, "r1");
	ald__revfile_clear(&rf);
}

/* ---- a real file --------------------------------------------------------- */

static void test_load_file(void **state)
{
	(void)state;
	char dir[] = "/tmp/test_revision_read_py.XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[128];
	snprintf(path, sizeof(path), "%s/hhh8_merge_side_and_main.py", dir);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(gen_merge, f);
	assert_int_equal(fclose(f), 0);
	struct ald_revfile rf;
	assert_int_equal(ald__revfile_load(&rf, path), 0);
	assert_int_equal(rf.kind, ALD_REVFILE_PY);
	assert_string_equal(rf.path, path);
	assert_string_equal(rf.id, "hhh8");
	LIST(&rf.down, "6ad9b6f01b31", "ggg7");
	ald__revfile_clear(&rf);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);
}

static int teardown(void **state)
{
	(void)state;
	ald__error_clear();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_generated_files),
		cmocka_unit_test(test_literal_shapes),
		cmocka_unit_test(test_all_variables),
		cmocka_unit_test(test_annotations),
		cmocka_unit_test(test_docstrings),
		cmocka_unit_test(test_create_date),
		cmocka_unit_test(test_crlf_and_bom),
		cmocka_unit_test(test_only_module_level),
		cmocka_unit_test(test_missing_revision),
		cmocka_unit_test(test_missing_down_revision),
		cmocka_unit_test(test_not_static),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_self_loops_and_ids),
		cmocka_unit_test(test_id_rule),
		cmocka_unit_test(test_nul_bytes),
		cmocka_unit_test(test_load_file),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
