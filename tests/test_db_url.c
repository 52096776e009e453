/* test_db_url.c - database URLs: the forms Alembic users write, percent-decoding,
 * the libpq conninfo built from them, the masked display (compared with what
 * Alembic 1.8.1 / SQLAlchemy 1.4 print) and the errors; a table of malformed
 * URLs whose password must never show, in the display or in any message of
 * the parser. No database needed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "error.h"

/* Parses url and checks every field (NULL = the field must be NULL). */
static void check(const char *url, const char *scheme, const char *path, const char *conninfo,
		  const char *display)
{
	struct ald_db_url u;
	int error = ald__db_url_parse(&u, url);
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
	ald__db_url_clear(&u);
}

/* Parses url, expects ALD_EINVALID with a message containing `part` and not
 * containing `secret` (if not NULL), and a zeroed struct. */
static void check_error(const char *url, const char *part, const char *secret)
{
	struct ald_db_url u;
	assert_int_equal(ald__db_url_parse(&u, url), ALD_EINVALID);
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
	check_error("not a url", "could not parse the database URL XXXXX (", NULL);
	check_error("postgresql:/h/d", "could not parse", NULL);
	check_error("://h/d", "could not parse", NULL);
	check_error("postgresql://u:secret@h:abc/d", "invalid port in database URL postgresql://u:XXXXX@h:abc/d",
		    "secret");
	check_error("postgresql://u:secret@h:/d", "invalid port in database URL postgresql://u:XXXXX@h:/d",
		    "secret");
	check_error("postgresql://u:secret@h:99999/d", "invalid port in database URL postgresql://u:XXXXX@h:99999/d",
		    "secret");
	check_error("postgresql://u:secret@[::1/d", "could not parse", "secret");
	check_error("postgresql://u:secret@h/d?bad%20key=1", "invalid parameter name 'bad key'", "secret");
	check_error("sqlite://host/x.db", "names a file only", NULL);
	check_error("sqlite://u:secret@/x.db", "names a file only", "secret");
	check_error("sqlite:///x.db?mode=ro", "unsupported parameter 'mode'", NULL);
}

/* An unescaped '@', ':' or '/' in a password stays in the password: the user
 * info ends at the last '@'. */
static void test_password_specials(void **state)
{
	(void)state;
	check("postgresql://app:Zq@7P@db.example.com/appdb", "postgresql", NULL,
	      "host='db.example.com' dbname='appdb' user='app' password='Zq@7P'",
	      "postgresql://app:XXXXX@db.example.com/appdb");
	check("postgresql://app:a:b/c@d@h:5432/db", "postgresql", NULL,
	      "host='h' port='5432' dbname='db' user='app' password='a:b/c@d'",
	      "postgresql://app:XXXXX@h:5432/db");
	/* a user name may hold an '@' (user@server) */
	check("postgresql://me@srv:pw@h/d", "postgresql", NULL,
	      "host='h' dbname='d' user='me@srv' password='pw'", "postgresql://me%40srv:XXXXX@h/d");
	check("postgresql://me@srv@h/d", "postgresql", NULL, "host='h' dbname='d' user='me@srv'",
	      "postgresql://me%40srv@h/d");
	/* an '@' after a '/' with no password before it is in the database or
	 * query, as in SQLAlchemy; the display still masks all before it */
	check("postgresql://u@h/d?application_name=a%40b", "postgresql", NULL,
	      "host='h' dbname='d' user='u' application_name='a@b'",
	      "postgresql://u@h/d?application_name=a%40b");
	/* an '@' in the query may be inside a password parameter: nothing after
	 * "//" is shown (found by tests/fuzz/fuzz_db_url) */
	check("postgresql://u@h/d?application_name=a@b", "postgresql", NULL,
	      "host='h' dbname='d' user='u' application_name='a@b'", "postgresql://XXXXX");
	check("postgresql://host/db?password=abc@secret123", "postgresql", NULL,
	      "host='host' dbname='db' password='abc@secret123'", "postgresql://XXXXX");
	/* a SQLite file name may hold an '@' */
	check("sqlite:///data@2024.db", "sqlite", "data@2024.db", NULL, "sqlite:///data@2024.db");
	/* a port that is not a number without a user info may be a password
	 * written without its '@': host and port are masked */
	struct ald_db_url u;
	assert_int_equal(ald__db_url_parse(&u, "postgresql://app:Zq7Pw9/appdb"), ALD_EINVALID);
	assert_string_equal(ald_error_last()->message,
			    "invalid port in database URL postgresql://XXXXX: a port is a number from 1 "
			    "to 65535 (a password is written user:password@host, with the '@')");
}

/* The password's pieces in the malformed URLs below: none may show. */
static const char *const secret_pieces[] = {"Zqx", "7Pk", "W3v", "Rj9"};

/* Fails if `text` (a display or a message about `url`) holds a piece of the password. */
static void assert_no_secret(const char *url, const char *what, const char *text)
{
	for (size_t i = 0; i < sizeof(secret_pieces) / sizeof(*secret_pieces); i++)
		if (strstr(text, secret_pieces[i]))
			fail_msg("%s: the %s shows '%s' of the password: %s", url, what, secret_pieces[i], text);
}

/* Malformed URLs, and a few valid ones, with a password made of the pieces
 * above (with '@', ':', '/', '?', '#', '%' and spaces between them): the
 * display of ald__db_url_display, the display and conninfo-free fields of a
 * successful parse, and the message of a failed one never show a piece. */
static void test_masking_table(void **state)
{
	(void)state;
	static const char *const urls[] = {
		/* '@', ':' and '/' in the password */
		"postgresql://app:Zqx@7Pk@db.example.com/appdb",
		"postgresql://app:Zqx:7Pk/W3v@db.example.com/appdb",
		"postgresql://app:Zqx@7Pk:W3v/Rj9@db.example.com:5432/appdb?sslmode=require",
		"postgresql://app:Zqx/7Pk@W3v/Rj9@h/appdb",
		"postgresql://app:Zqx@@7Pk@h/d",
		"postgresql://app:Zqx?7Pk@h/d",
		"postgresql://app:Zqx#7Pk@h/d",
		"postgresql://app:Zqx 7Pk@h/d",
		"postgresql://:Zqx7Pk@h/d",
		"postgresql://app:Zqx7Pk@",
		/* no '@': the password read as a port, or as the database */
		"postgresql://app:Zqx7PkW3v/appdb",
		"postgresql://app:Zqx7PkW3v",
		"postgresql://app:Zqx/7Pk",
		"postgresql://app:Zqx7Pk?sslmode=require",
		/* missing host */
		"postgresql://app:Zqx7Pk@/appdb",
		"postgresql://app:Zqx7Pk@:5432/appdb",
		"postgresql://app:Zqx@7Pk@:5432",
		/* bad ports */
		"postgresql://app:Zqx7Pk@h:notaport/appdb",
		"postgresql://app:Zqx@7Pk@h:99999/appdb",
		"postgresql://app:Zqx@7Pk@h:/appdb",
		"postgresql://app:Zqx@7Pk@h:-1/appdb",
		/* bad percent-escapes */
		"postgresql://app:Zqx%zz7Pk%4@h/appdb",
		"postgresql://app:Zqx%407Pk%@h/appdb",
		"postgresql://app%:Zqx7Pk@h/appdb",
		"postgresql://app:Zqx7Pk@h/appdb?bad%20key=1",
		"postgresql://app:Zqx@7Pk@h/appdb?bad%zzkey=1",
		/* unknown and missing schemes */
		"mysql://app:Zqx@7Pk@h/appdb",
		"mysql://app:Zqx7Pk/appdb",
		"mysql+pymysql://app:Zqx:7Pk/W3v@h:x/appdb",
		"Postgresql://app:Zqx7Pk@h/appdb",
		"app:Zqx@7Pk@h/appdb",
		"app:Zqx7Pk/appdb",
		"Zqx7PkW3v",
		"postgresql:/app:Zqx7Pk@h/appdb",
		"postgresql:app:Zqx7Pk@h/appdb",
		"://app:Zqx7Pk@h/appdb",
		/* unparseable hosts */
		"postgresql://app:Zqx7Pk@[::1/appdb",
		"postgresql://app:Zqx@7Pk@[::1]x/appdb",
		"postgresql://app:Zqx7Pk@[]/appdb",
		"postgresql://[app:Zqx7Pk/appdb",
		/* SQLite URLs never take a user or password */
		"sqlite://app:Zqx7Pk@/x.db",
		"sqlite://app:Zqx@7Pk@/x.db",
		"sqlite://app:Zqx7Pk/x.db",
		/* an '@' in the query or database too */
		"postgresql://app:Zqx7Pk@h/appdb?application_name=a@b",
		"postgresql://app:Zqx7Pk@h/app@db",
		"postgresql://app/Zqx@7Pk@h/appdb",
		/* password-like query parameters */
		"postgresql://h/appdb?password=Zqx7Pk&sslpassword=W3vRj9",
		"postgresql://h:x/appdb?password=Zqx7Pk",
		"postgresql://h/appdb?password=Zqx7Pk&bad%20key=1",
	};
	for (size_t i = 0; i < sizeof(urls) / sizeof(*urls); i++) {
		const char *url = urls[i];
		char *shown = ald__db_url_display(url);
		assert_no_secret(url, "display", shown);
		struct ald_db_url u;
		if (ald__db_url_parse(&u, url) == 0) {
			assert_no_secret(url, "parsed display", u.display);
			assert_string_equal(u.display, shown);
			if (u.path)
				assert_no_secret(url, "SQLite path", u.path);
			ald__db_url_clear(&u);
		} else {
			const ald_error *e = ald_error_last();
			assert_non_null(e);
			assert_no_secret(url, "message", e->message);
			/* the message shows the URL as the display does */
			if (strstr(url, "://") && !strstr(e->message, shown))
				fail_msg("%s: message '%s' lacks the display '%s'", url, e->message, shown);
		}
		free(shown);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sqlite),
		cmocka_unit_test(test_postgresql),
		cmocka_unit_test(test_socket_and_query),
		cmocka_unit_test(test_percent_decoding),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_password_specials),
		cmocka_unit_test(test_masking_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
