/* test_db_url.c - database URLs: the forms Alembic users write, percent-decoding,
 * the libpq conninfo built from them, the masked display (compared with what
 * Alembic 1.8.1 / SQLAlchemy 1.4 print) and the errors. No database needed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "db.h"
#include "error.h"

/* Parses url and checks every field (NULL = the field must be NULL). */
static void check(const char *url, const char *scheme, const char *path, const char *conninfo,
		  const char *display)
{
	struct ald_db_url u;
	int error = ald_db_url_parse(&u, url);
	if (error < 0)
		fail_msg("%s: %s", url, ald_error_last()->message);
	assert_string_equal(u.scheme, scheme);
	if (path)
		assert_string_equal(u.path, path);
	else
		assert_null(u.path);
	if (conninfo)
		assert_string_equal(u.conninfo, conninfo);
	else
		assert_null(u.conninfo);
	assert_string_equal(u.display, display);
	ald_db_url_clear(&u);
}

/* Parses url, expects ALD_EINVALID with a message containing `part` and not
 * containing `secret` (if not NULL), and a zeroed struct. */
static void check_error(const char *url, const char *part, const char *secret)
{
	struct ald_db_url u;
	assert_int_equal(ald_db_url_parse(&u, url), ALD_EINVALID);
	assert_null(u.scheme);
	assert_null(u.path);
	assert_null(u.conninfo);
	assert_null(u.display);
	const ald_error *e = ald_error_last();
	assert_non_null(e);
	assert_int_equal(e->code, ALD_EINVALID);
	if (!strstr(e->message, part))
		fail_msg("message '%s' lacks '%s'", e->message, part);
	if (secret && strstr(e->message, secret))
		fail_msg("message '%s' shows the password", e->message);
}

static void test_sqlite(void **state)
{
	(void)state;
	check("sqlite:///relative.db", "sqlite", "relative.db", NULL, "sqlite:///relative.db");
	check("sqlite:///sub/dir/x.db", "sqlite", "sub/dir/x.db", NULL, "sqlite:///sub/dir/x.db");
	check("sqlite:////abs/path.db", "sqlite", "/abs/path.db", NULL, "sqlite:////abs/path.db");
	check("sqlite://", "sqlite", ":memory:", NULL, "sqlite://");
	check("sqlite:///", "sqlite", ":memory:", NULL, "sqlite:///");
	check("sqlite:///:memory:", "sqlite", ":memory:", NULL, "sqlite:///:memory:");
	/* the database part is not percent-decoded (SQLAlchemy 1.4) */
	check("sqlite:///a%20b.db", "sqlite", "a%20b.db", NULL, "sqlite:///a%20b.db");
	check("sqlite+pysqlite:///x.db", "sqlite", "x.db", NULL, "sqlite+pysqlite:///x.db");
}

static void test_postgresql(void **state)
{
	(void)state;
	check("postgresql://scott:tiger@localhost/test", "postgresql", NULL,
	      "host='localhost' dbname='test' user='scott' password='tiger'",
	      "postgresql://scott:XXXXX@localhost/test");
	check("postgresql://scott:tiger@db.example.com:5433/test?sslmode=require", "postgresql", NULL,
	      "host='db.example.com' port='5433' dbname='test' user='scott' password='tiger' "
	      "sslmode='require'",
	      "postgresql://scott:XXXXX@db.example.com:5433/test?sslmode=require");
	check("postgres://u@h/d", "postgresql", NULL, "host='h' dbname='d' user='u'",
	      "postgres://u@h/d");
	check("postgresql+psycopg2://u:p@h/d", "postgresql", NULL,
	      "host='h' dbname='d' user='u' password='p'", "postgresql+psycopg2://u:XXXXX@h/d");
	check("postgresql://h", "postgresql", NULL, "host='h'", "postgresql://h");
	check("postgresql://", "postgresql", NULL, "", "postgresql://");
	check("postgresql://[::1]:5432/d", "postgresql", NULL, "host='::1' port='5432' dbname='d'",
	      "postgresql://[::1]:5432/d");
}

static void test_socket_and_query(void **state)
{
	(void)state;
	/* a Unix socket directory as host= parameter; the display sorts and re-encodes the query */
	check("postgresql:///db?host=/var/run/postgresql&user=postgres", "postgresql", NULL,
	      "dbname='db' host='/var/run/postgresql' user='postgres'",
	      "postgresql:///db?host=%2Fvar%2Frun%2Fpostgresql&user=postgres");
	/* host= in the query wins over the URL's host; the port stays */
	check("postgresql://scott:ti%40g%3Aer@localhost:5433/test?sslmode=require&host=/tmp",
	      "postgresql", NULL,
	      "port='5433' dbname='test' user='scott' password='ti@g:er' sslmode='require' host='/tmp'",
	      "postgresql://scott:XXXXX@localhost:5433/test?host=%2Ftmp&sslmode=require");
	/* repeated keys: values joined by commas for libpq, kept in order in the display */
	check("postgresql://u:p@/db?zeta=1&alpha=2&alpha=3", "postgresql", NULL,
	      "dbname='db' user='u' password='p' zeta='1' alpha='2,3'",
	      "postgresql://u:XXXXX@/db?alpha=2&alpha=3&zeta=1");
	check("postgresql://h/d?c=3&b=2&a=1&b=1&c=2&a=0&c=1", "postgresql", NULL,
	      "host='h' dbname='d' c='3,2,1' b='2,1' a='1,0'",
	      "postgresql://h/d?a=1&a=0&b=2&b=1&c=3&c=2&c=1");
	check("postgresql://h/d?host=a&host=b&port=5432&port=5433", "postgresql", NULL,
	      "dbname='d' host='a,b' port='5432,5433'",
	      "postgresql://h/d?host=a&host=b&port=5432&port=5433");
	/* form decoding: '+' is a space, %2B a plus; blank values and bare keys dropped */
	check("postgresql://h/d?application_name=x+y%2Bz&empty=&bare", "postgresql", NULL,
	      "host='h' dbname='d' application_name='x y+z'",
	      "postgresql://h/d?application_name=x+y%2Bz");
	/* a password given as a parameter is masked too (Alembic would show it) */
	check("postgresql://h/d?password=secret", "postgresql", NULL,
	      "host='h' dbname='d' password='secret'", "postgresql://h/d?password=XXXXX");
}

static void test_percent_decoding(void **state)
{
	(void)state;
	check("postgresql://us%20er:p%2Fw@h/d", "postgresql", NULL,
	      "host='h' dbname='d' user='us er' password='p/w'", "postgresql://us er:XXXXX@h/d");
	check("postgresql://u%3Ax:p@h/d", "postgresql", NULL,
	      "host='h' dbname='d' user='u:x' password='p'", "postgresql://u%3Ax:XXXXX@h/d");
	/* an invalid escape is kept as written; '+' is not a space in the user info */
	check("postgresql://u+v:p%zz@h/d", "postgresql", NULL,
	      "host='h' dbname='d' user='u+v' password='p%zz'", "postgresql://u+v:XXXXX@h/d");
	/* quotes and backslashes are escaped in the conninfo */
	check("postgresql://u:it's%5Cx@h/d", "postgresql", NULL,
	      "host='h' dbname='d' user='u' password='it\\'s\\\\x'", "postgresql://u:XXXXX@h/d");
	/* an empty password is no password; an empty user with a password is shown */
	check("postgresql://u:@h/d", "postgresql", NULL, "host='h' dbname='d' user='u'",
	      "postgresql://u:@h/d");
	check("postgresql://:p@h/d", "postgresql", NULL, "host='h' dbname='d' password='p'",
	      "postgresql://:XXXXX@h/d");
	/* UTF-8 in the password */
	check("postgresql://u:p%C3%A9@h/d", "postgresql", NULL,
	      "host='h' dbname='d' user='u' password='p\xc3\xa9'", "postgresql://u:XXXXX@h/d");
}

static void test_errors(void **state)
{
	(void)state;
	check_error("mysql://u:secret@h/d", "'mysql'", "secret");
	check_error("mysql+pymysql://u:secret@h/d", "mysql+pymysql://u:XXXXX@h/d", "secret");
	check_error("Postgresql://u:secret@h/d", "'Postgresql'", "secret");
	check_error("not a url", "could not parse the database URL", NULL);
	check_error("postgresql:/h/d", "could not parse", NULL);
	check_error("://h/d", "could not parse", NULL);
	check_error("postgresql://u:secret@h:abc/d", "invalid port 'abc'", "secret");
	check_error("postgresql://u:secret@h:/d", "invalid port ''", "secret");
	check_error("postgresql://u:secret@h:99999/d", "invalid port '99999'", "secret");
	check_error("postgresql://u:secret@[::1/d", "could not parse", "secret");
	check_error("postgresql://u:secret@h/d?bad%20key=1", "invalid parameter name 'bad key'", "secret");
	check_error("sqlite://host/x.db", "names a file only", NULL);
	check_error("sqlite://u:secret@/x.db", "names a file only", "secret");
	check_error("sqlite:///x.db?mode=ro", "unsupported parameter 'mode'", NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sqlite),
		cmocka_unit_test(test_postgresql),
		cmocka_unit_test(test_socket_and_query),
		cmocka_unit_test(test_percent_decoding),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
