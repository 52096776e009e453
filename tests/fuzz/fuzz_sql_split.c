/* fuzz_sql_split.c - libFuzzer target: the statement splitter (quotes,
 * comments, dollar quotes, trigger bodies) on a migration section's text. */
#include "error.h"
#include "fuzz_util.h"
#include "sql_split.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	unsigned lines = 1;
	for (size_t i = 0; i < size; i++)
		lines += text[i] == '\n';
	struct ald_stmts st = {0};
	int err = ald_sql_split(&st, text, size, 7);
	if (err == 0) {
		unsigned prev = 7;
		for (size_t i = 0; i < st.n; i++) {
			FUZZ_CHECK(st.v[i].sql != NULL, "statement text");
			FUZZ_CHECK(strlen(st.v[i].sql) <= size, "statement no longer than the text");
			FUZZ_CHECK(st.v[i].line >= prev && st.v[i].line < 7 + lines,
				   "statement lines in order and in the text");
			prev = st.v[i].line;
		}
		ald_stmts_free(&st);
	} else {
		const ald_error *e = ald_error_last();
		FUZZ_CHECK(e && e->message, "an error has a message");
	}
	ald_error_clear();
	free(text);
	return 0;
}
