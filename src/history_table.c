/* history_table.c - the history table's statements, writing a row in the
 * open transaction and reading rows back (see history_table.h). */
#include "history_table.h"
#include "aludel.h"
#include "error.h"
#include "version_sql.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The field separator of a row read back as one string (unit separator). */
#define SEP '\x1f'

void ald__histtab_now(char out[ALD_HISTTAB_TIME_LEN])
{
	struct timespec ts;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	char day[24];
	strftime(day, sizeof(day), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out, ALD_HISTTAB_TIME_LEN, "%.19s.%03dZ", day, (int)(ts.tv_nsec / 1000000) % 1000);
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static long days_from_civil(long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

/* Seconds since the epoch of a timestamp as written, or -1. */
static double parse_time(const char *s)
{
	int y, mo, d, h, mi, sec, ms = 0, n = 0;
	if (!s || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &n) != 6 || mo < 1 || mo > 12)
		return -1;
	if (s[n] == '.')
		sscanf(s + n + 1, "%3d", &ms);
	return (double)days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + sec + ms / 1000.0;
}

double ald__histtab_seconds(const char *from, const char *to)
{
	double a = parse_time(from), b = parse_time(to);
	return a < 0 || b < 0 || b < a ? 0 : b - a;
}

char *ald__histtab_create_sql(const struct ald_dialect *dialect, const char *table, const char *schema)
{
	const struct ald_dialect *d = dialect ? dialect : ALD_DIALECT_DEFAULT;
	char *t = ald__vsql_table(dialect, table, schema);
	char *out = ald__xasprintf("CREATE TABLE IF NOT EXISTS %s (\n"
				  "\tid %s, \n"
				  "\trevision VARCHAR(255) NOT NULL, \n"
				  "\tdirection VARCHAR(16) NOT NULL, \n"
				  "\tchecksum VARCHAR(64), \n"
				  "\tstarted_at VARCHAR(32) NOT NULL, \n"
				  "\tfinished_at VARCHAR(32) NOT NULL, \n"
				  "\trun_user VARCHAR(255) NOT NULL, \n"
				  "\trun_host VARCHAR(255) NOT NULL, \n"
				  "\taludel_version VARCHAR(32) NOT NULL\n)",
				  t, d->history_id_type);
	free(t);
	return out;
}

/* `s` with control characters (the separator among them) made '?'. */
static char *clean(const char *s)
{
	char *out = ald__xstrdup(s ? s : "");
	for (char *c = out; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			*c = '?';
	return out;
}

/* The user running aludel: the name of the effective uid, else $USER, else
 * the uid's number. The caller's. */
static char *user_name(void)
{
	struct passwd pw, *res = NULL;
	char buf[4096];
	if (getpwuid_r(geteuid(), &pw, buf, sizeof(buf), &res) == 0 && res && res->pw_name && *res->pw_name)
		return clean(res->pw_name);
	const char *env = getenv("USER");
	if (env && *env)
		return clean(env);
	return ald__xasprintf("%lu", (unsigned long)geteuid());
}

static char *host_name(void)
{
	char buf[256] = "";
	if (gethostname(buf, sizeof(buf) - 1) < 0 || !*buf)
		return ald__xstrdup("unknown");
	buf[sizeof(buf) - 1] = '\0';
	return clean(buf);
}

static char *insert_sql(const struct ald_histtab *h, const struct ald_histtab_row *row)
{
	char *t = ald__vsql_table(h->dialect, h->table, h->schema);
	char *user = user_name(), *host = host_name();
	char *v[8] = {
		ald__sql_literal(row->revision), ald__sql_literal(row->direction),
		row->checksum ? ald__sql_literal(row->checksum) : ald__xstrdup("NULL"),
		ald__sql_literal(row->started), ald__sql_literal(row->finished),
		ald__sql_literal(user), ald__sql_literal(host), ald__sql_literal(ald_version()),
	};
	char *out = ald__xasprintf("INSERT INTO %s (revision, direction, checksum, started_at, finished_at, "
				  "run_user, run_host, aludel_version) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
				  t, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
	for (int i = 0; i < 8; i++)
		free(v[i]);
	free(user);
	free(host);
	free(t);
	return out;
}

/* Runs `sql` (owned by h from now on). */
static int exec_kept(struct ald_histtab *h, struct ald_db *db, char *sql)
{
	free(h->sql);
	h->sql = sql;
	return ald__db_exec(db, sql, NULL);
}

int ald__histtab_write(struct ald_histtab *h, struct ald_db *db, const struct ald_histtab_row *row)
{
	if (!h->table)
		return 0;
	int error;
	if (!h->known && !h->pending) {
		if ((error = exec_kept(h, db, ald__histtab_create_sql(h->dialect, h->table, h->schema))) < 0)
			return error;
		h->pending = 1;
	}
	return exec_kept(h, db, insert_sql(h, row));
}

void ald__histtab_committed(struct ald_histtab *h)
{
	if (h->pending)
		h->known = 1;
	h->pending = 0;
}

void ald__histtab_clear(struct ald_histtab *h)
{
	free(h->sql);
	h->sql = NULL;
}

/* ---- reading ---- */

static const char *const columns[8] = {"revision", "direction", "COALESCE(checksum, '')", "started_at",
				       "finished_at", "run_user", "run_host", "aludel_version"};

static char *select_sql(struct ald_db *db, const char *table, const char *schema, const char *direction,
			size_t max)
{
	const struct ald_dialect *dialect = ald__db_dialect_of(db);
	char *t = ald__vsql_table(dialect, table, schema);
	struct ald_buf b = {0};
	ald__buf_puts(&b, "SELECT ");
	for (int i = 0; i < 8; i++)
		ald__buf_printf(&b, "%s%s", i ? dialect->field_join_sql : "", columns[i]);
	ald__buf_printf(&b, " FROM %s", t);
	if (direction) {
		char *lit = ald__sql_literal(direction);
		ald__buf_printf(&b, " WHERE direction = %s", lit);
		free(lit);
	}
	ald__buf_puts(&b, " ORDER BY id DESC");
	if (max)
		ald__buf_printf(&b, " LIMIT %zu", max);
	free(t);
	return ald__buf_detach(&b);
}

/* Splits one row read back into its fields. */
static void split_record(struct ald_histtab_record *r, const char *s)
{
	char **f[8] = {&r->revision, &r->direction, &r->checksum, &r->started,
		       &r->finished, &r->user, &r->host, &r->version};
	for (int i = 0; i < 8; i++) {
		const char *e = strchr(s, SEP);
		size_t n = e && i < 7 ? (size_t)(e - s) : strlen(s);
		*f[i] = ald__xstrndup(s, n);
		s += n + (s[n] == SEP);
	}
}

int ald__histtab_read(struct ald_histtab_records *out, struct ald_db *db, const char *table, const char *schema,
		     const char *direction, size_t max)
{
	int exists = 0;
	out->v = NULL;
	out->n = 0;
	int error = ald__db_version_table_exists(db, table, schema, &exists);
	if (error < 0 || !exists)
		return error;
	struct ald_strvec rows = {0};
	char *sql = select_sql(db, table, schema, direction, max);
	error = ald__db_query_strings(db, sql, &rows);
	free(sql);
	if (error == 0 && rows.n) {
		out->v = ald__xcalloc(rows.n, sizeof(*out->v));
		for (size_t i = 0; i < rows.n; i++)
			split_record(&out->v[out->n++], rows.v[i]);
	}
	ald__strvec_free(&rows);
	return error;
}

void ald__histtab_records_clear(struct ald_histtab_records *r)
{
	for (size_t i = 0; i < r->n; i++) {
		struct ald_histtab_record *x = &r->v[i];
		free(x->revision);
		free(x->direction);
		free(x->checksum);
		free(x->started);
		free(x->finished);
		free(x->user);
		free(x->host);
		free(x->version);
	}
	free(r->v);
	r->v = NULL;
	r->n = 0;
}
