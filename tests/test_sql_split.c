/* test_sql_split.c - splitting migration sections into statements: quoting,
 * comments, dollar quotes, trigger and BEGIN ATOMIC bodies, line numbers and
 * the errors for unterminated constructs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "sql_split.h"

struct want {
	const char *sql;
	unsigned line;
};

#define WANT(...) ((const struct want[]){__VA_ARGS__}), \
	(sizeof((const struct want[]){__VA_ARGS__}) / sizeof(struct want))

/* Splits `text` (first line 1) and compares every statement and line. */
static void check_lines(const char *text, unsigned first, const struct want *w, size_t n)
{
	struct ald_stmts s;
	int err = ald_sql_split(&s, text, strlen(text), first);
	if (err != 0)
		fail_msg("split failed: %s", ald_error_last()->message);
	if (s.n != n) {
		for (size_t i = 0; i < s.n; i++)
			print_message("got [%zu] line %u: <%s>\n", i, s.v[i].line, s.v[i].sql);
		fail_msg("expected %zu statements, got %zu", n, s.n);
	}
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(s.v[i].sql, w[i].sql);
		assert_int_equal(s.v[i].line, w[i].line);
	}
	ald_stmts_free(&s);
	assert_null(s.v);
	assert_int_equal(s.n, 0);
}

#define check(text, ...) check_lines(text, 1, WANT(__VA_ARGS__))

static void check_none(const char *text)
{
	struct ald_stmts s;
	assert_int_equal(ald_sql_split(&s, text, strlen(text), 1), 0);
	assert_int_equal(s.n, 0);
	ald_stmts_free(&s);
}

static void check_error(const char *text, const char *message)
{
	struct ald_stmts s;
	assert_int_equal(ald_sql_split(&s, text, strlen(text), 1), ALD_EINVALID);
	assert_string_equal(ald_error_last()->message, message);
	assert_null(s.v);
	assert_int_equal(s.n, 0);
}

static void test_simple(void **state)
{
	(void)state;
	check("CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n",
	      {"CREATE TABLE a (id int)", 1}, {"CREATE TABLE b (id int)", 2});
	check("SELECT 1; SELECT 2;", {"SELECT 1", 1}, {"SELECT 2", 1});
	check("  SELECT 1  ;  ;;\n\n  SELECT\n  2\t\n;\n", {"SELECT 1", 1}, {"SELECT\n  2", 3});
}

static void test_no_trailing_semicolon(void **state)
{
	(void)state;
	check("SELECT 1;\nSELECT 2", {"SELECT 1", 1}, {"SELECT 2", 2});
	check("\n\nUPDATE t SET a = 1\n\n", {"UPDATE t SET a = 1", 3});
	check("SELECT 1 -- trailing comment", {"SELECT 1", 1});
}

static void test_empty_and_comments_only(void **state)
{
	(void)state;
	check_none("");
	check_none("   \n\t\r\n");
	check_none("-- nothing to do\n");
	check_none("-- nothing\n/* at all */\n  -- really\n");
	check_none(";\n;\n");
}

static void test_line_numbers(void **state)
{
	(void)state;
	check("-- create the index\nCREATE INDEX ix ON t (a);\n\n/* two\nlines */ DROP TABLE x;",
	      {"CREATE INDEX ix ON t (a)", 2}, {"DROP TABLE x", 5});
	/* the section starts on line 12 of its file */
	check_lines("\nSELECT 1;\n\nSELECT 2;\n", 12, WANT({"SELECT 1", 13}, {"SELECT 2", 15}));
	check("a;\r\nb;\r\n\r\nc", {"a", 1}, {"b", 2}, {"c", 4});
}

static void test_interior_comments_kept(void **state)
{
	(void)state;
	check("SELECT 1, -- one; not the end\n 2 /* two; */ FROM t;",
	      {"SELECT 1, -- one; not the end\n 2 /* two; */ FROM t", 1});
	check("SELECT 1 -- c\n;", {"SELECT 1", 1});
}

static void test_single_quotes(void **state)
{
	(void)state;
	check("INSERT INTO t VALUES ('a;b', 'it''s; fine');SELECT ';'",
	      {"INSERT INTO t VALUES ('a;b', 'it''s; fine')", 1}, {"SELECT ';'", 1});
	check("SELECT '';SELECT '''';", {"SELECT ''", 1}, {"SELECT ''''", 1});
	/* a backslash is an ordinary character in a standard string */
	check("SELECT 'a\\';SELECT 2;", {"SELECT 'a\\'", 1}, {"SELECT 2", 1});
	/* quotes and comment markers inside strings */
	check("SELECT '-- no', '/* no', '$$';", {"SELECT '-- no', '/* no', '$$'", 1});
	check("SELECT 'multi\nline;\ntext';\nSELECT 2;", {"SELECT 'multi\nline;\ntext'", 1},
	      {"SELECT 2", 4});
}

static void test_e_strings(void **state)
{
	(void)state;
	check("SELECT E'it\\'s; ok', e'\\\\';SELECT 2;", {"SELECT E'it\\'s; ok', e'\\\\'", 1},
	      {"SELECT 2", 1});
	check("SELECT E'a''b;c';", {"SELECT E'a''b;c'", 1});
	/* a word ending in e is not an E string */
	check("SELECT name'x';SELECT 'a\\';", {"SELECT name'x'", 1}, {"SELECT 'a\\'", 1});
}

static void test_double_quotes(void **state)
{
	(void)state;
	check("CREATE TABLE \"we;ird\" (\"a\"\"b;\" int);SELECT 1",
	      {"CREATE TABLE \"we;ird\" (\"a\"\"b;\" int)", 1}, {"SELECT 1", 1});
	check("SELECT `a;b` FROM t;", {"SELECT `a;b` FROM t", 1});
	check("SELECT \"BEGIN\" FROM t; SELECT 2", {"SELECT \"BEGIN\" FROM t", 1}, {"SELECT 2", 1});
}

static void test_block_comments(void **state)
{
	(void)state;
	check("/* lead; */ SELECT 1; /* a /* nested; */ still; */ SELECT 2;",
	      {"SELECT 1", 1}, {"SELECT 2", 1});
	check("SELECT 1 /* in; /* side */ ; */ + 1;", {"SELECT 1 /* in; /* side */ ; */ + 1", 1});
	check("SELECT 2/3; SELECT 4*5", {"SELECT 2/3", 1}, {"SELECT 4*5", 1});
	check("SELECT 1 - -2;", {"SELECT 1 - -2", 1});
}

static void test_dollar_quotes(void **state)
{
	(void)state;
	check("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\nSELECT 2;",
	      {"CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql", 1},
	      {"SELECT 2", 2});
	check("DO $body$\nBEGIN\n  RAISE NOTICE 'x;$$';\nEND\n$body$;\nSELECT 1;",
	      {"DO $body$\nBEGIN\n  RAISE NOTICE 'x;$$';\nEND\n$body$", 1}, {"SELECT 1", 6});
	/* tags are case-sensitive and must match exactly */
	check("SELECT $a$ x $A$ ; $ab$ ; $a$;", {"SELECT $a$ x $A$ ; $ab$ ; $a$", 1});
	check("SELECT $_x1$;$_x1$;", {"SELECT $_x1$;$_x1$", 1});
	/* $1 is a parameter, and $ inside a word is part of the word */
	check("PREPARE p AS SELECT $1; SELECT a$b$c; SELECT 'x'",
	      {"PREPARE p AS SELECT $1", 1}, {"SELECT a$b$c", 1}, {"SELECT 'x'", 1});
}

static void test_sqlite_trigger(void **state)
{
	(void)state;
	check("CREATE TRIGGER t AFTER INSERT ON x BEGIN UPDATE y SET n = n + 1; INSERT INTO z "
	      "VALUES (1); END;\nSELECT 1;",
	      {"CREATE TRIGGER t AFTER INSERT ON x BEGIN UPDATE y SET n = n + 1; INSERT INTO z "
	       "VALUES (1); END",
	       1},
	      {"SELECT 1", 2});
	check("create temp trigger if not exists t before delete on x\nbegin\n"
	      "  update y set s = case when old.a > 0 then 'pos;' else 'neg' end;\n"
	      "  select case old.b when 1 then 2 end;\nend;\ndrop table q",
	      {"create temp trigger if not exists t before delete on x\nbegin\n"
	       "  update y set s = case when old.a > 0 then 'pos;' else 'neg' end;\n"
	       "  select case old.b when 1 then 2 end;\nend",
	       1},
	      {"drop table q", 6});
	check("CREATE TEMPORARY TRIGGER t AFTER UPDATE ON x BEGIN SELECT 1; END",
	      {"CREATE TEMPORARY TRIGGER t AFTER UPDATE ON x BEGIN SELECT 1; END", 1});
	/* a PostgreSQL trigger has no body: its ';' ends it */
	check("CREATE TRIGGER t BEFORE UPDATE ON x FOR EACH ROW EXECUTE FUNCTION f();SELECT 1",
	      {"CREATE TRIGGER t BEFORE UPDATE ON x FOR EACH ROW EXECUTE FUNCTION f()", 1},
	      {"SELECT 1", 1});
}

static void test_begin_atomic(void **state)
{
	(void)state;
	check("CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n"
	      "  SELECT CASE WHEN a > 0 THEN 1 END;\n  SELECT 2;\nEND;\nSELECT f(1);",
	      {"CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n"
	       "  SELECT CASE WHEN a > 0 THEN 1 END;\n  SELECT 2;\nEND",
	       1},
	      {"SELECT f(1)", 6});
	check("CREATE PROCEDURE p() begin /* c */ -- x\n atomic INSERT INTO t VALUES (1); end;",
	      {"CREATE PROCEDURE p() begin /* c */ -- x\n atomic INSERT INTO t VALUES (1); end", 1});
}

static void test_transaction_control(void **state)
{
	(void)state;
	check("BEGIN;\nINSERT INTO t VALUES (1);\nCOMMIT;\nBEGIN TRANSACTION; END;",
	      {"BEGIN", 1}, {"INSERT INTO t VALUES (1)", 2}, {"COMMIT", 3},
	      {"BEGIN TRANSACTION", 4}, {"END", 4});
	/* BEGIN not followed by ATOMIC, then a word ATOMIC later */
	check("BEGIN; SELECT atomic FROM t;", {"BEGIN", 1}, {"SELECT atomic FROM t", 1});
	/* words that contain the keywords are not keywords */
	check("CREATE TRIGGER_LOG (x int); SELECT begin_at, end_at FROM t;",
	      {"CREATE TRIGGER_LOG (x int)", 1}, {"SELECT begin_at, end_at FROM t", 1});
}

static void test_unterminated(void **state)
{
	(void)state;
	check_error("SELECT 1;\nSELECT 'abc;\n", "line 2: unterminated quoted string starting here");
	check_error("SELECT 'it''s", "line 1: unterminated quoted string starting here");
	check_error("\n\nSELECT E'a\\';", "line 3: unterminated quoted string starting here");
	check_error("SELECT \"x;", "line 1: unterminated quoted identifier starting here");
	check_error("SELECT `x;", "line 1: unterminated quoted identifier starting here");
	check_error("SELECT 1;\n/* a /* b */\n;", "line 2: unterminated block comment starting here");
	check_error("SELECT 1 /*", "line 1: unterminated block comment starting here");
	check_error("\nDO $fn$ BEGIN END $fn;",
		    "line 2: unterminated dollar-quoted string $fn$ starting here");
	check_error("SELECT $$;", "line 1: unterminated dollar-quoted string $$ starting here");
	check_error("CREATE TRIGGER t AFTER INSERT ON x\nBEGIN\n SELECT CASE WHEN 1 THEN 2 END;\n",
		    "line 2: unterminated BEGIN ... END block starting here");
	check_error("CREATE FUNCTION f() BEGIN ATOMIC SELECT 1;",
		    "line 1: unterminated BEGIN ... END block starting here");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_simple),
		cmocka_unit_test(test_no_trailing_semicolon),
		cmocka_unit_test(test_empty_and_comments_only),
		cmocka_unit_test(test_line_numbers),
		cmocka_unit_test(test_interior_comments_kept),
		cmocka_unit_test(test_single_quotes),
		cmocka_unit_test(test_e_strings),
		cmocka_unit_test(test_double_quotes),
		cmocka_unit_test(test_block_comments),
		cmocka_unit_test(test_dollar_quotes),
		cmocka_unit_test(test_sqlite_trigger),
		cmocka_unit_test(test_begin_atomic),
		cmocka_unit_test(test_transaction_control),
		cmocka_unit_test(test_unterminated),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	ald_error_clear();
	return rc;
}
