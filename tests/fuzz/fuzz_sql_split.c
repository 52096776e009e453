/* fuzz_sql_split.c - libFuzzer target: the statement splitter on a
 * migration section's text, by the rules of the dialect the first byte
 * picks. For SQLite, every statement is checked against sqlite3_complete()
 * (the oracle the one-pass splitter follows): the statement with a ';'
 * after it is complete, and no ';' inside it ends a complete statement. */
#include "error.h"
#include "fuzz_util.h"
#include "sql_split.h"

#include <sqlite3.h>

/* Whether the first n bytes of sql, with a ';' after them, are complete. */
static int complete_at(const char *sql, size_t n)
{
	char *buf = malloc(n + 3);
	memcpy(buf, sql, n);
	memcpy(buf + n, "\n;", 3);
	int ok = sqlite3_complete(buf);
	free(buf);
	return ok;
}

static void check_sqlite(const char *sql)
{
	size_t len = strlen(sql);
	if (!complete_at(sql, len))
		fprintf(stderr, "the statement: <%s>\n", sql);
	FUZZ_CHECK(complete_at(sql, len), "a SQLite statement is complete by sqlite3_complete()");
	for (size_t i = 0; i < len; i++) {
		if (sql[i] != ';')
			continue;
		char *buf = strndup(sql, i + 1);
		FUZZ_CHECK(!sqlite3_complete(buf), "no ';' inside a SQLite statement ends one");
		free(buf);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	int sqlite = data[0] & 1;
	data++;
	size--;
	char *text = fuzz_text(data, size);
	unsigned lines = 1;
	for (size_t i = 0; i < size; i++)
		lines += text[i] == '\n';
	struct ald_stmts st = {0};
	int err = ald__sql_split_dialect(&st, sqlite ? ALD_SQL_SQLITE : ALD_SQL_POSTGRESQL, text, size, 7);
	if (err == 0) {
		unsigned prev = 7;
		for (size_t i = 0; i < st.n; i++) {
			FUZZ_CHECK(st.v[i].sql != NULL, "statement text");
			FUZZ_CHECK(strlen(st.v[i].sql) <= size, "statement no longer than the text");
			FUZZ_CHECK(st.v[i].line >= prev && st.v[i].line < 7 + lines,
				   "statement lines in order and in the text");
			prev = st.v[i].line;
			if (sqlite)
				check_sqlite(st.v[i].sql);
		}
		ald__stmts_free(&st);
	} else {
		const ald_error *e = ald_error_last();
		FUZZ_CHECK(e && e->message, "an error has a message");
	}
	ald__error_clear();
	free(text);
	return 0;
}
