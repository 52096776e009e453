/* test_sql_split.c - splitting migration sections into statements: quoting,
 * comments, dollar quotes, trigger and BEGIN ATOMIC bodies, line numbers and
 * the errors for unterminated constructs. Every case runs through the
 * dialects it is valid in: PostgreSQL's split (libpg_query; also as
 * ald__sql_split, the split without a URL) and SQLite's (its lexis, as
 * sqlite3_complete() reads it). */
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

/* Which splits a case goes through. */
enum { PG = 1, SQLITE = 2, BOTH = PG | SQLITE };

static const char *dialect_name(enum ald_sql_dialect d)
{
	return d == ALD_SQL_SQLITE ? "sqlite" : d == ALD_SQL_POSTGRESQL ? "postgresql" : "no dialect";
}

/* The dialects of `which`: PG runs both ALD_SQL_POSTGRESQL and ald__sql_split. */
static size_t dialects(int which, enum ald_sql_dialect *d)
{
	size_t n = 0;
	if (which & PG) {
		d[n++] = ALD_SQL_POSTGRESQL;
		d[n++] = ALD_SQL_ANY;
	}
	if (which & SQLITE)
		d[n++] = ALD_SQL_SQLITE;
	return n;
}

static int split(struct ald_stmts *s, enum ald_sql_dialect d, const char *text, unsigned first)
{
	if (d == ALD_SQL_ANY)
		return ald__sql_split(s, text, strlen(text), first);
	return ald__sql_split_dialect(s, d, text, strlen(text), first);
}

/* Splits `text` (first line `first`) in each dialect of `which` and compares
 * every statement and line. */
static void check_lines(int which, const char *text, unsigned first, const struct want *w, size_t n)
{
	enum ald_sql_dialect ds[3];
	size_t nd = dialects(which, ds);
	for (size_t k = 0; k < nd; k++) {
		struct ald_stmts s;
		int err = split(&s, ds[k], text, first);
		if (err != 0)
			fail_msg("%s: split failed: %s", dialect_name(ds[k]), ald_error_last()->message);
		if (s.n != n) {
			for (size_t i = 0; i < s.n; i++)
				print_message("got [%zu] line %u: <%s>\n", i, s.v[i].line, s.v[i].sql);
			fail_msg("%s: expected %zu statements, got %zu", dialect_name(ds[k]), n, s.n);
		}
		for (size_t i = 0; i < n; i++) {
			if (strcmp(s.v[i].sql, w[i].sql) != 0 || s.v[i].line != w[i].line)
				fail_msg("%s: statement %zu: got line %u <%s>, expected line %u <%s>",
					 dialect_name(ds[k]), i, s.v[i].line, s.v[i].sql, w[i].line, w[i].sql);
		}
		ald__stmts_free(&s);
		assert_null(s.v);
		assert_int_equal(s.n, 0);
	}
}

#define check(text, ...) check_lines(BOTH, text, 1, WANT(__VA_ARGS__))
#define check_pg(text, ...) check_lines(PG, text, 1, WANT(__VA_ARGS__))
#define check_sqlite(text, ...) check_lines(SQLITE, text, 1, WANT(__VA_ARGS__))

static void check_none(const char *text)
{
	enum ald_sql_dialect ds[3];
	size_t nd = dialects(BOTH, ds);
	for (size_t k = 0; k < nd; k++) {
		struct ald_stmts s;
		assert_int_equal(split(&s, ds[k], text, 1), 0);
		assert_int_equal(s.n, 0);
		ald__stmts_free(&s);
	}
}

static void check_error_in(int which, const char *text, const char *message)
{
	enum ald_sql_dialect ds[3];
	size_t nd = dialects(which, ds);
	for (size_t k = 0; k < nd; k++) {
		struct ald_stmts s;
		int err = split(&s, ds[k], text, 1);
		if (err != ALD_EINVALID)
			fail_msg("%s: expected an error, got %d (%zu statements)", dialect_name(ds[k]), err,
				 err == 0 ? s.n : 0);
		if (strcmp(ald_error_last()->message, message) != 0)
			fail_msg("%s: got error <%s>, expected <%s>", dialect_name(ds[k]),
				 ald_error_last()->message, message);
		assert_null(s.v);
		assert_int_equal(s.n, 0);
	}
}

#define check_error(text, message) check_error_in(BOTH, text, message)

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
	check_lines(BOTH, "\nSELECT 1;\n\nSELECT 2;\n", 12, WANT({"SELECT 1", 13}, {"SELECT 2", 15}));
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
	check_pg("SELECT E'it\\'s; ok', e'\\\\';SELECT 2;", {"SELECT E'it\\'s; ok', e'\\\\'", 1},
	      {"SELECT 2", 1});
	check_pg("SELECT E'a''b;c';", {"SELECT E'a''b;c'", 1});
	/* a word ending in e is not an E string */
	check_pg("SELECT name'x';SELECT 'a\\';", {"SELECT name'x'", 1}, {"SELECT 'a\\'", 1});
}

static void test_double_quotes(void **state)
{
	(void)state;
	check("CREATE TABLE \"we;ird\" (\"a\"\"b;\" int);SELECT 1",
	      {"CREATE TABLE \"we;ird\" (\"a\"\"b;\" int)", 1}, {"SELECT 1", 1});
	check_sqlite("SELECT `a;b` FROM t;", {"SELECT `a;b` FROM t", 1});
	check("SELECT \"BEGIN\" FROM t; SELECT 2", {"SELECT \"BEGIN\" FROM t", 1}, {"SELECT 2", 1});
}

static void test_block_comments(void **state)
{
	(void)state;
	check_pg("/* lead; */ SELECT 1; /* a /* nested; */ still; */ SELECT 2;",
	      {"SELECT 1", 1}, {"SELECT 2", 1});
	check_pg("SELECT 1 /* in; /* side */ ; */ + 1;", {"SELECT 1 /* in; /* side */ ; */ + 1", 1});
	check("SELECT 2/3; SELECT 4*5", {"SELECT 2/3", 1}, {"SELECT 4*5", 1});
	check("SELECT 1 - -2;", {"SELECT 1 - -2", 1});
}

static void test_dollar_quotes(void **state)
{
	(void)state;
	check_pg("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\nSELECT 2;",
	      {"CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql", 1},
	      {"SELECT 2", 2});
	check_pg("DO $body$\nBEGIN\n  RAISE NOTICE 'x;$$';\nEND\n$body$;\nSELECT 1;",
	      {"DO $body$\nBEGIN\n  RAISE NOTICE 'x;$$';\nEND\n$body$", 1}, {"SELECT 1", 6});
	/* tags are case-sensitive and must match exactly */
	check_pg("SELECT $a$ x $A$ ; $ab$ ; $a$;", {"SELECT $a$ x $A$ ; $ab$ ; $a$", 1});
	check_pg("SELECT $_x1$;$_x1$;", {"SELECT $_x1$;$_x1$", 1});
	/* $1 is a parameter, and $ inside a word is part of the word */
	check_pg("PREPARE p AS SELECT $1; SELECT a$b$c; SELECT 'x'",
	      {"PREPARE p AS SELECT $1", 1}, {"SELECT a$b$c", 1}, {"SELECT 'x'", 1});
}

static void test_sqlite_trigger(void **state)
{
	(void)state;
	check_sqlite("CREATE TRIGGER t AFTER INSERT ON x BEGIN UPDATE y SET n = n + 1; INSERT INTO z "
	      "VALUES (1); END;\nSELECT 1;",
	      {"CREATE TRIGGER t AFTER INSERT ON x BEGIN UPDATE y SET n = n + 1; INSERT INTO z "
	       "VALUES (1); END",
	       1},
	      {"SELECT 1", 2});
	check_sqlite("create temp trigger if not exists t before delete on x\nbegin\n"
	      "  update y set s = case when old.a > 0 then 'pos;' else 'neg' end;\n"
	      "  select case old.b when 1 then 2 end;\nend;\ndrop table q",
	      {"create temp trigger if not exists t before delete on x\nbegin\n"
	       "  update y set s = case when old.a > 0 then 'pos;' else 'neg' end;\n"
	       "  select case old.b when 1 then 2 end;\nend",
	       1},
	      {"drop table q", 6});
	check_sqlite("CREATE TEMPORARY TRIGGER t AFTER UPDATE ON x BEGIN SELECT 1; END",
	      {"CREATE TEMPORARY TRIGGER t AFTER UPDATE ON x BEGIN SELECT 1; END", 1});
	/* a PostgreSQL trigger has no body: its ';' ends it */
	check_pg("CREATE TRIGGER t BEFORE UPDATE ON x FOR EACH ROW EXECUTE FUNCTION f();SELECT 1",
	      {"CREATE TRIGGER t BEFORE UPDATE ON x FOR EACH ROW EXECUTE FUNCTION f()", 1},
	      {"SELECT 1", 1});
}

static void test_begin_atomic(void **state)
{
	(void)state;
	check_pg("CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n"
	      "  SELECT CASE WHEN a > 0 THEN 1 END;\n  SELECT 2;\nEND;\nSELECT f(1);",
	      {"CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n"
	       "  SELECT CASE WHEN a > 0 THEN 1 END;\n  SELECT 2;\nEND",
	       1},
	      {"SELECT f(1)", 6});
	check_pg("CREATE PROCEDURE p() begin /* c */ -- x\n atomic INSERT INTO t VALUES (1); end;",
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

static void test_pg_function_bodies(void **state)
{
	(void)state;
	/* a PL/pgSQL body in $$ with its own BEGIN ... END; and ';' in strings and comments */
	check_pg("CREATE OR REPLACE FUNCTION bump() RETURNS trigger AS $$\n"
		 "BEGIN\n  NEW.n := NEW.n + 1; -- count;\n  IF NEW.n > 9 THEN\n"
		 "    RAISE EXCEPTION 'too many; %', NEW.n;\n  END IF;\n  RETURN NEW;\nEND;\n"
		 "$$ LANGUAGE plpgsql;\n"
		 "CREATE TRIGGER t BEFORE UPDATE ON x FOR EACH ROW EXECUTE FUNCTION bump();\n",
		 {"CREATE OR REPLACE FUNCTION bump() RETURNS trigger AS $$\n"
		  "BEGIN\n  NEW.n := NEW.n + 1; -- count;\n  IF NEW.n > 9 THEN\n"
		  "    RAISE EXCEPTION 'too many; %', NEW.n;\n  END IF;\n  RETURN NEW;\nEND;\n"
		  "$$ LANGUAGE plpgsql",
		  1},
		 {"CREATE TRIGGER t BEFORE UPDATE ON x FOR EACH ROW EXECUTE FUNCTION bump()", 10});
	/* a tagged body holding $$, and a DO block */
	check_pg("CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $fn$ SELECT '$$;' $fn$;\n"
		 "DO $$ BEGIN PERFORM f(); END $$;",
		 {"CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $fn$ SELECT '$$;' $fn$", 1},
		 {"DO $$ BEGIN PERFORM f(); END $$", 2});
	/* a rule's parenthesised actions are one statement */
	check_pg("CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2));\n"
		 "SELECT 1;",
		 {"CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))", 1},
		 {"SELECT 1", 2});
}

static void test_pg_rejected_statements(void **state)
{
	(void)state;
	/* the parser rejects SELEC: the scanner splits, and a statement without
	 * any keyword (which its split leaves out) is still a statement */
	check_pg("SELECT 1;\nSELEC 2;\nSELECT 3;", {"SELECT 1", 1}, {"SELEC 2", 2}, {"SELECT 3", 3});
	check_pg("foo 'a;b'; bar; SELECT 1; baz", {"foo 'a;b'", 1}, {"bar", 1}, {"SELECT 1", 1},
		 {"baz", 1});
	/* a rejected statement with a dollar-quoted body: still one statement */
	check_pg("CREATE FUNCTON f() AS $$ a; b $$;\nSELECT 2", {"CREATE FUNCTON f() AS $$ a; b $$", 1},
		 {"SELECT 2", 2});
}

static void test_sqlite_specific(void **state)
{
	(void)state;
	/* block comments do not nest in SQLite */
	check_sqlite("SELECT 1 /* a /* b; */ + 1; SELECT 2", {"SELECT 1 /* a /* b; */ + 1", 1},
		     {"SELECT 2", 1});
	/* [bracketed] names, and a trigger with WHEN, strings and comments in its body */
	check_sqlite("SELECT [a;b] FROM t;\n"
		     "CREATE TRIGGER IF NOT EXISTS audit AFTER UPDATE OF n ON x WHEN new.n <> old.n\n"
		     "BEGIN\n  INSERT INTO log VALUES ('x;y'); -- one;\n  /* two; */ DELETE FROM q;\nEND;\n"
		     "INSERT INTO t VALUES ('end;');",
		     {"SELECT [a;b] FROM t", 1},
		     {"CREATE TRIGGER IF NOT EXISTS audit AFTER UPDATE OF n ON x WHEN new.n <> old.n\n"
		      "BEGIN\n  INSERT INTO log VALUES ('x;y'); -- one;\n  /* two; */ DELETE FROM q;\nEND",
		      2},
		     {"INSERT INTO t VALUES ('end;')", 7});
	/* a trailing comment after a trigger's END */
	check_sqlite("CREATE TRIGGER t AFTER INSERT ON x BEGIN SELECT 1; END -- done",
		     {"CREATE TRIGGER t AFTER INSERT ON x BEGIN SELECT 1; END", 1});
	check_error_in(SQLITE, "SELECT 1;\nSELECT [x;", "line 2: unterminated quoted identifier starting here");
}

static void test_trailing_comments(void **state)
{
	(void)state;
	check("SELECT 1 -- a\n-- b\n/* c */ ;\nSELECT '--x' -- y", {"SELECT 1", 1}, {"SELECT '--x'", 4});
	check("SELECT 1 /* a -- b\n c */", {"SELECT 1", 1});
	check("SELECT 'a -- b'", {"SELECT 'a -- b'", 1});
	check("SELECT 1 -- a\n + 2 /* x */;", {"SELECT 1 -- a\n + 2", 1});
}

static void test_unterminated(void **state)
{
	(void)state;
	check_error("SELECT 1;\nSELECT 'abc;\n", "line 2: unterminated quoted string starting here");
	check_error("SELECT 'it''s", "line 1: unterminated quoted string starting here");
	check_error_in(PG, "\n\nSELECT E'a\\';", "line 3: unterminated quoted string starting here");
	check_error("SELECT \"x;", "line 1: unterminated quoted identifier starting here");
	check_error_in(SQLITE, "SELECT `x;", "line 1: unterminated quoted identifier starting here");
	check_error_in(PG, "SELECT 1;\n/* a /* b */\n;", "line 2: unterminated block comment starting here");
	check_error("SELECT 1 /*", "line 1: unterminated block comment starting here");
	check_error_in(PG, "\nDO $fn$ BEGIN END $fn;",
		    "line 2: unterminated dollar-quoted string $fn$ starting here");
	check_error_in(PG, "SELECT $$;", "line 1: unterminated dollar-quoted string $$ starting here");
	check_error_in(SQLITE, "CREATE TRIGGER t AFTER INSERT ON x\nBEGIN\n SELECT CASE WHEN 1 THEN 2 END;\n",
		    "line 2: unterminated BEGIN ... END block starting here");
	/* a BEGIN ATOMIC without END is the parser's error, not the split's:
	 * the statement goes to the database, which reports it */
	check_pg("CREATE FUNCTION f() BEGIN ATOMIC SELECT 1;",
		 {"CREATE FUNCTION f() BEGIN ATOMIC SELECT 1", 1});
}

/* A statement holding many ';' (a string of 400 KB): split in one pass,
 * where asking sqlite3_complete() at each ';' took 85 s. */
static void test_many_semicolons_in_one_statement(void **state)
{
	(void)state;
	size_t n = 200000;
	char *text = malloc(2 * n + 32);
	char *p = text + sprintf(text, "SELECT '");
	for (size_t i = 0; i < n; i++)
		*p++ = 'x', *p++ = ';';
	strcpy(p, "';\nSELECT 2");
	enum ald_sql_dialect ds[3];
	size_t nd = dialects(BOTH, ds);
	for (size_t k = 0; k < nd; k++) {
		struct ald_stmts s;
		assert_int_equal(split(&s, ds[k], text, 1), 0);
		assert_int_equal(s.n, 2);
		assert_int_equal(strlen(s.v[0].sql), 2 * n + 9);
		assert_string_equal(s.v[1].sql, "SELECT 2");
		ald__stmts_free(&s);
	}
	free(text);
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
		cmocka_unit_test(test_pg_function_bodies),
		cmocka_unit_test(test_pg_rejected_statements),
		cmocka_unit_test(test_sqlite_specific),
		cmocka_unit_test(test_trailing_comments),
		cmocka_unit_test(test_unterminated),
		cmocka_unit_test(test_many_semicolons_in_one_statement),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	ald__error_clear();
	return rc;
}
