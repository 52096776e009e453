/* test_envpy.c - static reading of env.py's context.configure() settings:
 * Alembic's generic template, literal values in every string shape, what is
 * ignored (comments, strings), computed values, **kwargs, calls that
 * disagree, True/False, and the errors and file bounds of ald__envpy_read. */
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

#include "envpy.h"
#include "error.h"

#define PATH "migrations/env.py"

static void parse_ok(struct ald_envpy *e, const char *text)
{
	int err = ald__envpy_parse(e, text, strlen(text), PATH);
	if (err != 0)
		fail_msg("parse failed: %s", ald_error_last()->message);
}

static void parse_error(const char *text, const char *message)
{
	struct ald_envpy e;
	memset(&e, 0x5a, sizeof(e));
	assert_int_equal(ald__envpy_parse(&e, text, strlen(text), PATH), ALD_EINVALID);
	assert_string_equal(ald_error_last()->message, message);
	assert_int_equal(e.version_table.state, ALD_ENVPY_UNSET);
	assert_null(e.version_table.value);
	assert_int_equal(e.n_calls, 0);
}

static void check(const struct ald_envpy_setting *s, enum ald_envpy_state state,
		  const char *value, unsigned line)
{
	assert_int_equal(s->state, state);
	if (value)
		assert_string_equal(s->value, value);
	else
		assert_null(s->value);
	assert_int_equal(s->line, line);
}

#define UNSET(s) check(&(s), ALD_ENVPY_UNSET, NULL, 0)
#define LITERAL(s, v, l) check(&(s), ALD_ENVPY_LITERAL, v, l)
#define COMPUTED(s, l) check(&(s), ALD_ENVPY_COMPUTED, NULL, l)

/* Parses `text`, expecting version_table to be the literal `value`. */
static void table_is(const char *text, const char *value, unsigned line)
{
	struct ald_envpy e;
	parse_ok(&e, text);
	LITERAL(e.version_table, value, line);
	ald__envpy_clear(&e);
}

/* Parses `text`, expecting version_table to be computed at `line`. */
static void table_computed(const char *text, unsigned line)
{
	struct ald_envpy e;
	parse_ok(&e, text);
	COMPUTED(e.version_table, line);
	ald__envpy_clear(&e);
}

/* ---- Alembic 1.8's generic template -------------------------------------- */

#define TEMPLATE_HEAD \
	"from logging.config import fileConfig\n" \
	"\n" \
	"from sqlalchemy import engine_from_config\n" \
	"from sqlalchemy import pool\n" \
	"\n" \
	"from alembic import context\n" \
	"\n" \
	"# this is the Alembic Config object, which provides\n" \
	"# access to the values within the .ini file in use.\n" \
	"config = context.config\n" \
	"\n" \
	"# Interpret the config file for Python logging.\n" \
	"# This line sets up loggers basically.\n" \
	"if config.config_file_name is not None:\n" \
	"    fileConfig(config.config_file_name)\n" \
	"\n" \
	"# add your model's MetaData object here\n" \
	"# for 'autogenerate' support\n" \
	"# from myapp import mymodel\n" \
	"# target_metadata = mymodel.Base.metadata\n" \
	"target_metadata = None\n" \
	"\n" \
	"# other values from the config, defined by the needs of env.py,\n" \
	"# can be acquired:\n" \
	"# my_important_option = config.get_main_option(\"my_important_option\")\n" \
	"# ... etc.\n" \
	"\n" \
	"\n" \
	"def run_migrations_offline() -> None:\n" \
	"    \"\"\"Run migrations in 'offline' mode.\n" \
	"\n" \
	"    This configures the context with just a URL\n" \
	"    and not an Engine, though an Engine is acceptable\n" \
	"    here as well.  By skipping the Engine creation\n" \
	"    we don't even need a DBAPI to be available.\n" \
	"\n" \
	"    Calls to context.execute() here emit the given string to the\n" \
	"    script output.\n" \
	"\n" \
	"    \"\"\"\n" \
	"    url = config.get_main_option(\"sqlalchemy.url\")\n"        /* line 41 */ \
	"    context.configure(\n"                                      /* line 42 */ \
	"        url=url,\n" \
	"        target_metadata=target_metadata,\n" \
	"        literal_binds=True,\n" \
	"        dialect_opts={\"paramstyle\": \"named\"},\n"           /* line 46 */

#define TEMPLATE_MIDDLE \
	"    )\n" \
	"\n" \
	"    with context.begin_transaction():\n" \
	"        context.run_migrations()\n" \
	"\n" \
	"\n" \
	"def run_migrations_online() -> None:\n" \
	"    \"\"\"Run migrations in 'online' mode.\n" \
	"\n" \
	"    In this scenario we need to create an Engine\n" \
	"    and associate a connection with the context.\n" \
	"\n" \
	"    \"\"\"\n" \
	"    connectable = engine_from_config(\n" \
	"        config.get_section(config.config_ini_section),\n" \
	"        prefix=\"sqlalchemy.\",\n" \
	"        poolclass=pool.NullPool,\n" \
	"    )\n" \
	"\n" \
	"    with connectable.connect() as connection:\n" \
	"        context.configure(\n"                                 /* line +21 */ \
	"            connection=connection, target_metadata=target_metadata\n"

#define TEMPLATE_TAIL \
	"        )\n" \
	"\n" \
	"        with context.begin_transaction():\n" \
	"            context.run_migrations()\n" \
	"\n" \
	"\n" \
	"if context.is_offline_mode():\n" \
	"    run_migrations_offline()\n" \
	"else:\n" \
	"    run_migrations_online()\n"

static void test_generic_template(void **state)
{
	(void)state;
	struct ald_envpy e;
	parse_ok(&e, TEMPLATE_HEAD TEMPLATE_MIDDLE TEMPLATE_TAIL);
	assert_int_equal(e.n_calls, 2);
	UNSET(e.version_table);
	UNSET(e.version_table_schema);
	UNSET(e.transaction_per_migration);
	ald__envpy_clear(&e);
	ald__envpy_clear(&e); /* twice is safe */
}

static void test_literals_in_both_calls(void **state)
{
	(void)state;
	struct ald_envpy e;
	parse_ok(&e, TEMPLATE_HEAD
		 "        version_table=\"support_versions\",\n"          /* 47 */
		 "        version_table_schema='ops',\n"                  /* 48 */
		 "        transaction_per_migration=True,\n"              /* 49 */
		 TEMPLATE_MIDDLE
		 "            , version_table='support_versions'\n"
		 "            , version_table_schema=\"ops\"\n"
		 "            , transaction_per_migration=True\n" TEMPLATE_TAIL);
	assert_int_equal(e.n_calls, 2);
	LITERAL(e.version_table, "support_versions", 47);
	LITERAL(e.version_table_schema, "ops", 48);
	LITERAL(e.transaction_per_migration, "1", 49);
	ald__envpy_clear(&e);

	/* the brief's one-line shape, once */
	parse_ok(&e, "import os\n"
		     "context.configure(url=url, target_metadata=target_metadata, literal_binds=True,\n"
		     "                  version_table=\"support_versions\", version_table_schema='ops',\n"
		     "                  transaction_per_migration=True)\n");
	assert_int_equal(e.n_calls, 1);
	LITERAL(e.version_table, "support_versions", 3);
	LITERAL(e.version_table_schema, "ops", 3);
	LITERAL(e.transaction_per_migration, "1", 4);
	ald__envpy_clear(&e);
}

/* ---- string shapes -------------------------------------------------------- */

static void test_string_shapes(void **state)
{
	(void)state;
	table_is("context.configure(version_table='single')\n", "single", 1);
	table_is("context.configure(version_table=\"double\")\n", "double", 1);
	table_is("context.configure(version_table='''triple1''')\n", "triple1", 1);
	table_is("context.configure(version_table=\"\"\"triple2\"\"\")\n", "triple2", 1);
	table_is("context.configure(version_table=\"\"\"a \"quoted\" b\"\"\")\n", "a \"quoted\" b", 1);
	table_is("context.configure(version_table=u'uni', x=1)\n", "uni", 1);
	table_is("context.configure(version_table=r'raw\\d')\n", "raw\\d", 1);
	table_is("context.configure(version_table=R\"RAW\\n\")\n", "RAW\\n", 1);
	table_is("context.configure(version_table='esc\\x41\\u00e9\\t')\n", "escA\xc3\xa9\t", 1);
	table_is("context.configure(version_table='it\\'s')\n", "it's", 1);
	/* implicit concatenation, parentheses, line breaks inside the brackets */
	table_is("context.configure(version_table='sup' \"port\" '''_v''')\n", "support_v", 1);
	table_is("context.configure(\n"
		 "    url=url,\n"
		 "    version_table=(\n"
		 "        'long_'  # a comment\n"
		 "        \"name\"\n"
		 "    ),\n"
		 ")\n",
		 "long_name", 3);
	table_is("context.configure(version_table=(('x')))\n", "x", 1);
	table_is("context.configure(version_table='a' \\\n    'b')\n", "ab", 1);
	table_is("context \\\n  .configure(url=u,\n\n  version_table  =  'spaced'  )\n", "spaced", 4);
	/* CRLF line ends and a byte order mark */
	table_is("\xef\xbb\xbfimport x\r\n\r\ncontext.configure(\r\n    version_table='crlf')\r\n",
		 "crlf", 4);
	/* an empty string is a literal too */
	table_is("context.configure(version_table='')\n", "", 1);
}

/* ---- what does not count -------------------------------------------------- */

static void test_ignored(void **state)
{
	(void)state;
	struct ald_envpy e;
	parse_ok(&e, "\"\"\"Docs: call context.configure(version_table='doc') here.\"\"\"\n"
		     "# context.configure(version_table='comment')\n"
		     "s = \"context.configure(version_table='string')\"\n"
		     "t = 'context.configure(' \\\n"
		     "    \"version_table='x')\"\n"
		     "u = f\"{context.configure(version_table='fstring')}\"\n"
		     "v = b'context.configure(version_table=1)'\n"
		     "w = r'''\n"
		     "context.configure(version_table='raw')\n"
		     "'''\n"
		     "app.context.configure(version_table='attribute')\n"
		     "mycontext.configure(version_table='other name')\n"
		     "context.configured(version_table='other method')\n"
		     "context.configure\n"
		     "configure(version_table='bare')\n"
		     "def configure(version_table='def'): pass\n");
	assert_int_equal(e.n_calls, 0);
	UNSET(e.version_table);
	UNSET(e.version_table_schema);
	UNSET(e.transaction_per_migration);
	ald__envpy_clear(&e);

	/* the keywords of other calls inside the arguments do not count */
	parse_ok(&e, "context.configure(url=make(version_table='inner'), opts={'version_table': 'k'},\n"
		     "                  fn=lambda version_table='lam': 1)\n");
	assert_int_equal(e.n_calls, 1);
	UNSET(e.version_table);
	ald__envpy_clear(&e);

	/* strings the way Python 3.12 nests them inside f-strings */
	table_is("a = f\"{d[\"k\"]} {x:{w}} {{literal}} {f'{y!r}'}\"\n"
		 "b = f'''{\n"
		 "  z  # comment with ' quote\n"
		 "}'''\n"
		 "context.configure(version_table='after_fstrings')\n",
		 "after_fstrings", 5);
}

/* ---- computed values ------------------------------------------------------ */

static void test_computed(void **state)
{
	(void)state;
	table_computed("context.configure(\n    version_table=os.environ[\"X\"])\n", 2);
	table_computed("context.configure(version_table=f\"v_{x}\")\n", 1);
	table_computed("context.configure(version_table=f\"plain\")\n", 1);
	table_computed("context.configure(version_table='a' f'{b}')\n", 1);
	table_computed("context.configure(version_table=b'bytes')\n", 1);
	table_computed("context.configure(version_table=TABLE)\n", 1);
	table_computed("context.configure(version_table=settings.table)\n", 1);
	table_computed("context.configure(version_table=table_name())\n", 1);
	table_computed("context.configure(version_table='a' + suffix)\n", 1);
	table_computed("context.configure(version_table=('a' + suffix))\n", 1);
	table_computed("context.configure(version_table=('a',))\n", 1);
	table_computed("context.configure(version_table='x'.upper())\n", 1);
	table_computed("context.configure(version_table='x'[0])\n", 1);
	table_computed("context.configure(version_table='x' if a else 'y')\n", 1);
	table_computed("context.configure(version_table=lambda: 'x')\n", 1);
	table_computed("context.configure(version_table=None)\n", 1);
	table_computed("context.configure(version_table=True)\n", 1);

	struct ald_envpy e;
	parse_ok(&e, "context.configure(version_table_schema=cfg.get('schema'),\n"
		     "                  transaction_per_migration=flag)\n");
	UNSET(e.version_table);
	COMPUTED(e.version_table_schema, 1);
	COMPUTED(e.transaction_per_migration, 2);
	ald__envpy_clear(&e);

	/* the rest of the call is still read after a computed value */
	parse_ok(&e, "context.configure(version_table=d[('a', 'b')], version_table_schema='s')\n");
	COMPUTED(e.version_table, 1);
	LITERAL(e.version_table_schema, "s", 1);
	ald__envpy_clear(&e);
}

static void test_kwargs(void **state)
{
	(void)state;
	struct ald_envpy e;
	parse_ok(&e, "opts = {'version_table': 'v'}\n"
		     "context.configure(url=url,\n"
		     "                  **opts)\n");
	COMPUTED(e.version_table, 3);
	COMPUTED(e.version_table_schema, 3);
	COMPUTED(e.transaction_per_migration, 3);
	ald__envpy_clear(&e);

	/* what the call gives literally stays literal */
	parse_ok(&e, "context.configure(**opts, version_table='t',\n"
		     "                  transaction_per_migration=False)\n");
	LITERAL(e.version_table, "t", 1);
	COMPUTED(e.version_table_schema, 1);
	LITERAL(e.transaction_per_migration, "0", 2);
	ald__envpy_clear(&e);

	/* **kwargs in one call only: the other call's literal does not settle it */
	parse_ok(&e, "context.configure(version_table='t')\n"
		     "context.configure(version_table='t', **kw)\n"
		     "context.configure(**kw)\n");
	assert_int_equal(e.n_calls, 3);
	COMPUTED(e.version_table, 3);
	COMPUTED(e.version_table_schema, 2);
	ald__envpy_clear(&e);

	/* *args, or six positional arguments, may give transaction_per_migration */
	parse_ok(&e, "context.configure(*args, version_table='t')\n");
	LITERAL(e.version_table, "t", 1);
	UNSET(e.version_table_schema);
	COMPUTED(e.transaction_per_migration, 1);
	ald__envpy_clear(&e);
	parse_ok(&e, "context.configure(conn, url, 'sqlite', {},\n  None, True)\n");
	COMPUTED(e.transaction_per_migration, 2);
	ald__envpy_clear(&e);
	/* a lambda's parameters are not positional arguments */
	parse_ok(&e, "context.configure(\n"
		     "    include_object=lambda obj, name, type_, reflected, compare_to, x=(1, 2): True,\n"
		     "    process_revision_directives=lambda a, b, c: None,\n"
		     "    version_table='after_lambdas')\n");
	LITERAL(e.version_table, "after_lambdas", 4);
	UNSET(e.transaction_per_migration);
	ald__envpy_clear(&e);
}

/* ---- several calls -------------------------------------------------------- */

static void test_disagreeing_calls(void **state)
{
	(void)state;
	struct ald_envpy e;
	parse_ok(&e, "context.configure(version_table='a', version_table_schema='s')\n"
		     "\n"
		     "context.configure(\n"
		     "    version_table_schema='s',\n"
		     "    version_table='b')\n");
	assert_int_equal(e.n_calls, 2);
	COMPUTED(e.version_table, 5);
	LITERAL(e.version_table_schema, "s", 1);
	UNSET(e.transaction_per_migration);
	ald__envpy_clear(&e);

	/* a literal in one call, the default in the other: they disagree too */
	parse_ok(&e, "context.configure(version_table='a')\n"
		     "x = 1\n"
		     "context.configure(url=url)\n");
	COMPUTED(e.version_table, 3);
	ald__envpy_clear(&e);
	parse_ok(&e, "context.configure(url=url)\ncontext.configure(version_table='a')\n");
	COMPUTED(e.version_table, 2);
	ald__envpy_clear(&e);

	/* ... unless the literal is the default */
	parse_ok(&e, "context.configure(url=url)\n"
		     "context.configure(version_table='alembic_version',\n"
		     "    version_table_schema=None, transaction_per_migration=False)\n");
	LITERAL(e.version_table, "alembic_version", 2);
	LITERAL(e.version_table_schema, NULL, 3);
	LITERAL(e.transaction_per_migration, "0", 3);
	ald__envpy_clear(&e);

	/* a computed value in the first call stays at its line */
	parse_ok(&e, "context.configure(version_table=T)\ncontext.configure(version_table='b')\n");
	COMPUTED(e.version_table, 1);
	ald__envpy_clear(&e);
	/* the first disagreement is the one recorded */
	parse_ok(&e, "context.configure(version_table='a')\n"
		     "context.configure(version_table='a')\n"
		     "context.configure(version_table='b')\n"
		     "context.configure(version_table='c')\n");
	COMPUTED(e.version_table, 3);
	ald__envpy_clear(&e);
}

static void test_booleans(void **state)
{
	(void)state;
	struct ald_envpy e;
	parse_ok(&e, "context.configure(transaction_per_migration=True)\n"
		     "context.configure(transaction_per_migration=(True))\n");
	LITERAL(e.transaction_per_migration, "1", 1);
	ald__envpy_clear(&e);
	parse_ok(&e, "context.configure(transaction_per_migration=False)\n");
	LITERAL(e.transaction_per_migration, "0", 1);
	ald__envpy_clear(&e);
	parse_ok(&e, "context.configure(transaction_per_migration=True)\n"
		     "context.configure(transaction_per_migration=False)\n");
	COMPUTED(e.transaction_per_migration, 2);
	ald__envpy_clear(&e);
	parse_ok(&e, "context.configure(transaction_per_migration='yes')\n");
	COMPUTED(e.transaction_per_migration, 1);
	ald__envpy_clear(&e);
	parse_ok(&e, "context.configure(transaction_per_migration=not False)\n");
	COMPUTED(e.transaction_per_migration, 1);
	ald__envpy_clear(&e);
	parse_ok(&e, "context.configure(version_table_schema=False)\n");
	COMPUTED(e.version_table_schema, 1);
	ald__envpy_clear(&e);
}

/* ---- errors --------------------------------------------------------------- */

static void test_syntax_errors(void **state)
{
	(void)state;
	parse_error("import x\ncontext.configure(version_table='oops)\n",
		    PATH ":2: unterminated string");
	parse_error("x = 1\n\ns = \"\"\"never\nclosed\n", PATH ":3: unterminated string");
	parse_error("s = 'a' \\\n  'b\n", PATH ":2: unterminated string");
	parse_error("s = f\"{x\"\n", PATH ":1: unterminated string");
	parse_error("s = f'{x\ncontext.configure()\n", PATH ":1: unterminated string");
	/* the string is reported even after a context.configure( call was read */
	parse_error("context.configure(version_table='t')\ns = 'open\n", PATH ":2: unterminated string");
	parse_error("\n\ncontext.configure(version_table='t',\n", PATH
		    ":3: the '(' of context.configure( is never closed");
	parse_error("context.configure(version_table=f(\n", PATH
		    ":1: the '(' of context.configure( is never closed");
	parse_error("context.configure(version_table='a',\n    version_table='b')\n",
		    PATH ":2: keyword argument repeated: version_table");
}

/* ---- files ---------------------------------------------------------------- */

static void write_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static void test_read_file(void **state)
{
	(void)state;
	char dir[] = "/tmp/test_envpy.XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *path = ald__xasprintf("%s/env.py", dir);
	struct ald_envpy e;

	/* missing: all unset */
	memset(&e, 0x5a, sizeof(e));
	assert_int_equal(ald__envpy_read(&e, path), 0);
	assert_int_equal(e.n_calls, 0);
	UNSET(e.version_table);
	UNSET(e.version_table_schema);
	UNSET(e.transaction_per_migration);

	const char *text = TEMPLATE_HEAD "        version_table='from_file',\n"
		TEMPLATE_MIDDLE "            , version_table='from_file'\n" TEMPLATE_TAIL;
	write_file(path, text, strlen(text));
	assert_int_equal(ald__envpy_read(&e, path), 0);
	assert_int_equal(e.n_calls, 2);
	LITERAL(e.version_table, "from_file", 47);
	ald__envpy_clear(&e);

	/* broken: the message names the file and line */
	const char *broken = "x = 1\ncontext.configure(version_table=\"t)\n";
	write_file(path, broken, strlen(broken));
	assert_int_equal(ald__envpy_read(&e, path), ALD_EINVALID);
	char *msg = ald__xasprintf("%s:2: unterminated string", path);
	assert_string_equal(ald_error_last()->message, msg);
	free(msg);
	UNSET(e.version_table);

	/* exactly the bound is read; one byte more is refused */
	size_t big = ALD_ENVPY_MAX_SIZE;
	char *buf = malloc(big + 1);
	assert_non_null(buf);
	memset(buf, '#', big + 1);
	static const char call[] = "\ncontext.configure(version_table='big')\n";
	memcpy(buf + big - strlen(call), call, strlen(call));
	write_file(path, buf, big);
	assert_int_equal(ald__envpy_read(&e, path), 0);
	LITERAL(e.version_table, "big", 2);
	ald__envpy_clear(&e);
	buf[big] = '\n';
	write_file(path, buf, big + 1);
	assert_int_equal(ald__envpy_read(&e, path), ALD_EINVALID);
	msg = ald__xasprintf("%s: larger than 1 MiB; aludel does not read an env.py that large",
			    path);
	assert_string_equal(ald_error_last()->message, msg);
	free(msg);
	UNSET(e.version_table);
	free(buf);

	/* a folder where the file should be is an error naming what it is, not a
	 * missing file; a FIFO is refused without waiting for a writer */
	assert_int_equal(unlink(path), 0);
	assert_int_equal(mkdir(path, 0700), 0);
	assert_int_equal(ald__envpy_read(&e, path), ALD_EINVALID);
	msg = ald__xasprintf("%s: not a regular file (a directory)", path);
	assert_string_equal(ald_error_last()->message, msg);
	free(msg);
	assert_int_equal(rmdir(path), 0);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(ald__envpy_read(&e, path), ALD_EINVALID);
	msg = ald__xasprintf("%s: not a regular file (a FIFO)", path);
	assert_string_equal(ald_error_last()->message, msg);
	free(msg);
	assert_int_equal(unlink(path), 0);

	free(path);
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
		cmocka_unit_test(test_generic_template),
		cmocka_unit_test(test_literals_in_both_calls),
		cmocka_unit_test(test_string_shapes),
		cmocka_unit_test(test_ignored),
		cmocka_unit_test(test_computed),
		cmocka_unit_test(test_kwargs),
		cmocka_unit_test(test_disagreeing_calls),
		cmocka_unit_test(test_booleans),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_read_file),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
