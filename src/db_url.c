/* db_url.c - parsing database URLs the way Alembic (SQLAlchemy 1.4) reads them,
 * and rendering them back with the password masked (see db.h).
 *
 * The grammar is SQLAlchemy's:
 *   scheme[+driver]://[user[:password]@][host|[ipv6]][:port][/database][?query]
 * user and password are percent-decoded; the database part is taken as written;
 * query parameters are decoded like a form (k=v&k=v, '+' is a space, blank
 * values dropped). One departure: the user info ends at the LAST '@' (SQLAlchemy
 * stops the password at the first), so that an unescaped '@' in a password
 * stays in the password instead of putting its tail in the host.
 *
 * Masking: no message or display built here ever contains a character of the
 * password, however malformed the URL: the password is replaced by XXXXX; when
 * no '@' ends a user info and the authority cannot be read (a port that is not
 * a number: "user:password/db" written without '@'), all after "//" is;
 * when an '@' is left after the user info, all between "//" and the last '@';
 * a URL that cannot be parsed shows only its scheme and what follows its last
 * '@' up to the query. */
#include "db.h"
#include "error.h"

#include <stdlib.h>
#include <string.h>

/* One query parameter, decoded. */
struct param {
	char *key, *value;
};

/* The parts of a URL; NULL when absent. */
struct parts {
	char *scheme;   /* as written, with its +driver */
	char *user, *password, *host, *port, *database;
	struct param *params;
	size_t n_params, cap_params;
	int userinfo;   /* the URL has a user info (user[:password]@) */
	const char *stray_at; /* the last '@' of the URL when it is not the user
	                       * info's (in the database or query): the display
	                       * then masks all before it; else NULL */
	int stray_in_query;   /* that '@' comes after a '?': what follows it may be
	                       * the rest of a password parameter, so nothing of the
	                       * URL after "//" is shown */
};

static void parts_clear(struct parts *p)
{
	free(p->scheme);
	free(p->user);
	free(p->password);
	free(p->host);
	free(p->port);
	free(p->database);
	for (size_t i = 0; i < p->n_params; i++) {
		free(p->params[i].key);
		free(p->params[i].value);
	}
	free(p->params);
	memset(p, 0, sizeof(*p));
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes %XX sequences of s[0..n) (invalid ones are kept as written); with
 * `plus`, '+' becomes a space. */
static char *decode(const char *s, size_t n, int plus)
{
	struct ald_buf b = {0};
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
			ald__buf_putc(&b, (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2])));
			i += 2;
		} else if (plus && s[i] == '+') {
			ald__buf_putc(&b, ' ');
		} else {
			ald__buf_putc(&b, s[i]);
		}
	}
	return ald__buf_detach(&b);
}

static void add_param(struct parts *p, char *key, char *value)
{
	p->params = ald__xgrow(p->params, &p->cap_params, p->n_params + 1, sizeof(*p->params));
	p->params[p->n_params].key = key;
	p->params[p->n_params].value = value;
	p->n_params++;
}

/* Splits the query into parameters (pairs without '=' or with a blank value are dropped). */
static void parse_query(struct parts *p, const char *q)
{
	while (*q) {
		size_t len = strcspn(q, "&");
		const char *eq = memchr(q, '=', len);
		if (eq && (size_t)(eq - q) + 1 < len)
			add_param(p, decode(q, (size_t)(eq - q), 1),
				  decode(eq + 1, len - (size_t)(eq - q) - 1, 1));
		q += len;
		if (*q == '&')
			q++;
	}
}

/* The last '@' of s before `end`, or NULL. */
static const char *prev_at(const char *s, const char *end)
{
	while (end > s)
		if (*--end == '@')
			return end;
	return NULL;
}

/* Finds the user info of `s` (the text after "://"): the text before an '@'
 * whose user name (all before the first ':', or all when there is none) has
 * no '/', as in SQLAlchemy's pattern, taking the LAST such '@' so that an
 * unescaped '@' in the password stays in it. The user is what precedes the
 * first ':', the password all that follows it. Returns a pointer past the
 * '@', or s when there is no user info. */
static const char *parse_userinfo(struct parts *p, const char *s)
{
	const char *last = strrchr(s, '@'), *at;
	for (at = last; at; at = prev_at(s, at)) {
		size_t len = (size_t)(at - s);
		const char *colon = memchr(s, ':', len);
		size_t ulen = colon ? (size_t)(colon - s) : len;
		if (memchr(s, '/', ulen))
			continue;
		p->user = decode(s, ulen, 0);
		if (colon)
			p->password = decode(colon + 1, len - ulen - 1, 0);
		p->userinfo = 1;
		break;
	}
	if (last && last != at) {
		p->stray_at = last;
		p->stray_in_query = memchr(s, '?', (size_t)(last - s)) != NULL;
	}
	return at ? at + 1 : s;
}

/* Splits `url` into parts; -1 if it has no "scheme://" start. */
static int split(struct parts *p, const char *url)
{
	size_t n = 0;
	while ((url[n] >= 'a' && url[n] <= 'z') || (url[n] >= 'A' && url[n] <= 'Z') ||
	       (url[n] >= '0' && url[n] <= '9') || url[n] == '_' || url[n] == '+')
		n++;
	if (n == 0 || strncmp(url + n, "://", 3) != 0)
		return -1;
	p->scheme = ald__xstrndup(url, n);
	const char *s = parse_userinfo(p, url + n + 3);
	if (*s == '[') {
		size_t len = strcspn(s + 1, "/?");
		const char *close = memchr(s + 1, ']', len);
		if (!close || close == s + 1)
			return -1;
		p->host = ald__xstrndup(s + 1, (size_t)(close - s - 1));
		s = close + 1;
	} else {
		size_t len = strcspn(s, "/:?");
		if (len > 0)
			p->host = ald__xstrndup(s, len);
		s += len;
	}
	if (*s == ':') {
		size_t len = strcspn(s + 1, "/?");
		p->port = ald__xstrndup(s + 1, len); /* may be "": invalid, as in SQLAlchemy */
		s += 1 + len;
	}
	if (*s == '/') {
		size_t len = strcspn(s + 1, "?");
		p->database = ald__xstrndup(s + 1, len);
		s += 1 + len;
	}
	if (*s == '?')
		parse_query(p, s + 1);
	else if (*s != '\0')
		return -1;
	return 0;
}

/* Appends s with ':', '@' and '/' percent-encoded (SQLAlchemy's user name quoting). */
static void put_userquoted(struct ald_buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == ':' || *s == '@' || *s == '/')
			ald__buf_printf(b, "%%%X", (unsigned char)*s);
		else
			ald__buf_putc(b, *s);
	}
}

/* Appends s encoded like a form value (Python's quote_plus). */
static void put_plusquoted(struct ald_buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '_' || c == '.' || c == '-' || c == '~')
			ald__buf_putc(b, (char)c);
		else if (c == ' ')
			ald__buf_putc(b, '+');
		else
			ald__buf_printf(b, "%%%02X", c);
	}
}

/* Orders parameters by key, repeated keys in the order written (a stable sort:
 * each element carries its position). */
struct sorted_param {
	const struct param *p;
	size_t pos;
};

static int cmp_param_key(const void *a, const void *b)
{
	const struct sorted_param *pa = a, *pb = b;
	int c = strcmp(pa->p->key, pb->p->key);
	return c ? c : (pa->pos < pb->pos ? -1 : pa->pos > pb->pos);
}

/* Whether a port as written is a port number: digits only, 1 to 65535. */
static int valid_port(const char *s)
{
	long v = 0;
	size_t n = strlen(s);
	if (n == 0 || n > 5)
		return 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
	}
	return v >= 1 && v <= 65535;
}

/* Whether a query parameter may hold a secret (password, sslpassword,
 * passfile...): its value is never shown. */
static int secret_param(const char *key)
{
	return strstr(key, "pass") != NULL;
}

/* Appends what follows the last '@' of `at` up to the query (which could
 * hold password=): the host, port and database, which cannot hold any part
 * of a password. */
static void put_after_at(struct ald_buf *b, const char *at)
{
	ald__buf_printf(b, "XXXXX@%.*s", (int)strcspn(at + 1, "?"), at + 1);
}

/* The display of a URL that cannot be parsed: its scheme (when it has one)
 * and the text after its last '@' up to the query; all else is XXXXX. */
static char *render_unparsed(const char *url)
{
	struct ald_buf b = {0};
	const char *rest = strstr(url, "://");
	size_t n = rest ? (size_t)(rest - url) : 0;
	for (size_t i = 0; i < n; i++)
		if (!((url[i] >= 'a' && url[i] <= 'z') || (url[i] >= 'A' && url[i] <= 'Z') ||
		      (url[i] >= '0' && url[i] <= '9') || url[i] == '_' || url[i] == '+'))
			n = 0;
	if (n) {
		ald__buf_printf(&b, "%.*s://", (int)n, url);
		url += n + 3;
	}
	const char *at = strrchr(url, '@');
	if (at && !memchr(url, '?', (size_t)(at - url))) /* an '@' in a query may be a password's */
		put_after_at(&b, at);
	else
		ald__buf_puts(&b, "XXXXX");
	return ald__buf_detach(&b);
}

/* Renders the URL as SQLAlchemy does (query sorted by key), the password and
 * any password-like parameter replaced by XXXXX. Without a user info, a port
 * that is not a number may be a password written without its '@'
 * (user:password/db): all after "//" is then replaced by XXXXX. When an '@'
 * is left after the user info (stray_at), all before it is masked. */
static char *render(const struct parts *p)
{
	struct ald_buf b = {0};
	ald__buf_printf(&b, "%s://", p->scheme);
	const struct ald_dialect *d = ald__dialect_of_scheme(p->scheme);
	if (p->stray_at && (p->userinfo || !d || !d->file_database)) {
		if (p->stray_in_query)
			ald__buf_puts(&b, "XXXXX");
		else
			put_after_at(&b, p->stray_at);
		return ald__buf_detach(&b);
	}
	if (p->user) {
		put_userquoted(&b, p->user);
		if (p->password)
			ald__buf_puts(&b, *p->password ? ":XXXXX" : ":");
		ald__buf_putc(&b, '@');
	}
	if (p->port && !valid_port(p->port) && !p->userinfo) {
		/* the password may go on into the database or the query ('/', '?') */
		ald__buf_puts(&b, "XXXXX");
		return ald__buf_detach(&b);
	}
	if (p->host)
		ald__buf_printf(&b, strchr(p->host, ':') ? "[%s]" : "%s", p->host);
	if (p->port)
		ald__buf_printf(&b, ":%s", p->port);
	if (p->database)
		ald__buf_printf(&b, "/%s", p->database);
	if (p->n_params) {
		struct sorted_param *sorted = ald__xmalloc(p->n_params * sizeof(*sorted));
		for (size_t i = 0; i < p->n_params; i++)
			sorted[i] = (struct sorted_param){&p->params[i], i};
		qsort(sorted, p->n_params, sizeof(*sorted), cmp_param_key);
		for (size_t i = 0; i < p->n_params; i++) {
			const struct param *q = sorted[i].p;
			ald__buf_putc(&b, i ? '&' : '?');
			put_plusquoted(&b, q->key);
			ald__buf_putc(&b, '=');
			if (secret_param(q->key))
				ald__buf_puts(&b, "XXXXX");
			else
				put_plusquoted(&b, q->value);
		}
		free(sorted);
	}
	return ald__buf_detach(&b);
}

/* Appends ` key='value'` to a libpq conninfo string. */
static void put_conninfo(struct ald_buf *b, const char *key, const char *value)
{
	if (b->len)
		ald__buf_putc(b, ' ');
	ald__buf_printf(b, "%s='", key);
	for (; *value; value++) {
		if (*value == '\'' || *value == '\\')
			ald__buf_putc(b, '\\');
		ald__buf_putc(b, *value);
	}
	ald__buf_putc(b, '\'');
}

static int has_param(const struct parts *p, const char *key)
{
	for (size_t i = 0; i < p->n_params; i++)
		if (ald__streq(p->params[i].key, key))
			return 1;
	return 0;
}

static int valid_keyword(const char *k)
{
	if (!*k)
		return 0;
	for (; *k; k++)
		if (!((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') ||
		      (*k >= '0' && *k <= '9') || *k == '_'))
			return 0;
	return 1;
}

/* Checks the port; the message never quotes it (without a user info it may
 * be a password written without its '@'), the display shows it when safe. */
static int check_port(const struct parts *p, const char *display)
{
	if (!p->port || valid_port(p->port))
		return 0;
	return ald__error_set(ALD_EINVALID, "invalid port in database URL %s: a port is a number from "
			     "1 to 65535%s", display,
			     p->userinfo ? "" : " (a password is written user:password@host, with the '@')");
}

/* Builds the libpq conninfo: the URL's parts, then the query parameters (a
 * repeated key's values joined by commas, as for several hosts). */
static int pg_conninfo(char **out, const struct parts *p, const char *display)
{
	struct ald_buf b = {0};
	/* the server's "database ... does not exist" would quote it, and an '@'
	 * there is most often a password's (user/password@host: a '/' typed for
	 * the ':') */
	if (p->database && strchr(p->database, '@'))
		return ald__error_set(ALD_EINVALID, "an '@' in the database name of the database URL %s: "
				     "a password is written user:password@host/dbname (an '@' in it may "
				     "stay as it is, or be written %%40); a database name with an '@' "
				     "is given as ?dbname=", display);
	if (p->host && !has_param(p, "host"))
		put_conninfo(&b, "host", p->host);
	if (p->port && !has_param(p, "port"))
		put_conninfo(&b, "port", p->port);
	if (p->database && *p->database && !has_param(p, "dbname"))
		put_conninfo(&b, "dbname", p->database);
	if (p->user && *p->user && !has_param(p, "user"))
		put_conninfo(&b, "user", p->user);
	if (p->password && *p->password && !has_param(p, "password"))
		put_conninfo(&b, "password", p->password);
	for (size_t i = 0; i < p->n_params; i++) {
		const char *key = p->params[i].key;
		if (!valid_keyword(key)) {
			ald__buf_free(&b);
			if (p->stray_at) /* the key comes before the last '@': not shown */
				return ald__error_set(ALD_EINVALID, "invalid parameter name in database URL %s",
						     display);
			return ald__error_set(ALD_EINVALID, "invalid parameter name '%s' in database URL %s",
					     key, display);
		}
		size_t j = 0;
		while (j < i && !ald__streq(p->params[j].key, key))
			j++;
		if (j < i)
			continue; /* already written with the first occurrence */
		struct ald_buf v = {0};
		for (j = i; j < p->n_params; j++) {
			if (!ald__streq(p->params[j].key, key))
				continue;
			if (v.len)
				ald__buf_putc(&v, ',');
			ald__buf_puts(&v, p->params[j].value);
		}
		put_conninfo(&b, key, ald__buf_cstr(&v));
		ald__buf_free(&v);
	}
	*out = ald__buf_detach(&b);
	return 0;
}

static int sqlite_path(char **out, const struct parts *p, const char *display)
{
	if (check_port(p, display) < 0)
		return ALD_EINVALID;
	if (p->user || p->password || p->host || p->port)
		return ald__error_set(ALD_EINVALID,
				     "a SQLite URL names a file only (sqlite:///relative.db or "
				     "sqlite:////absolute/path.db), not a host or user: %s", display);
	if (p->n_params)
		return ald__error_set(ALD_EINVALID, "unsupported parameter '%s' in SQLite URL %s",
				     p->params[0].key, display);
	*out = ald__xstrdup(p->database && *p->database ? p->database : ":memory:");
	return 0;
}

int ald__db_url_parse(struct ald_db_url *out, const char *url)
{
	struct parts p = {0};
	int error = 0;
	memset(out, 0, sizeof(*out));
	if (split(&p, url) < 0) {
		char *shown = render_unparsed(url);
		error = ald__error_set(ALD_EINVALID,
				      "could not parse the database URL %s (expected sqlite:///file.db or "
				      "postgresql://user:password@host/dbname)", shown);
		free(shown);
		goto cleanup;
	}
	out->display = render(&p);
	if ((error = ald__dialect_by_scheme(&out->dialect, p.scheme, out->display)) < 0)
		goto cleanup;
	out->scheme = ald__xstrdup(out->dialect->name);
	if (out->dialect->file_database) { /* the URL names a file */
		error = sqlite_path(&out->path, &p, out->display);
	} else { /* a server's database: libpq's connection keywords */
		error = check_port(&p, out->display);
		if (error == 0)
			error = pg_conninfo(&out->conninfo, &p, out->display);
	}
cleanup:
	parts_clear(&p);
	if (error < 0)
		ald__db_url_clear(out);
	return error;
}

char *ald__db_url_display(const char *url)
{
	struct parts p = {0};
	char *shown = split(&p, url) == 0 ? render(&p) : render_unparsed(url);
	parts_clear(&p);
	return shown;
}

void ald__db_url_clear(struct ald_db_url *u)
{
	if (!u)
		return;
	free(u->scheme);
	free(u->path);
	free(u->conninfo);
	free(u->display);
	memset(u, 0, sizeof(*u));
}

const struct ald_dialect *ald__db_url_dialect(const char *url)
{
	struct ald_db_url u;
	if (!url)
		return NULL;
	if (ald__db_url_parse(&u, url) < 0) {
		ald__error_clear();
		return NULL;
	}
	const struct ald_dialect *d = u.dialect;
	ald__db_url_clear(&u);
	return d;
}
