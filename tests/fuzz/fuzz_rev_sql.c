/* fuzz_rev_sql.c - libFuzzer target: a native SQL revision file (header block
 * and -- migrate: sections) read by ald__revfile_parse, as a folder scan reads
 * each file's bytes; each section found is then split into statements. */
#include "error.h"
#include "fuzz_revfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	struct ald_revfile rf;
	int err = ald__revfile_parse(&rf, "versions/fuzz.sql", text, size);
	if (err == 0) {
		FUZZ_CHECK(rf.kind == ALD_REVFILE_SQL, "kind");
		fuzz_check_revfile(&rf, text, size);
		ald__revfile_check_loops(&rf, rf.path);
		ald__revfile_clear(&rf);
	} else {
		const ald_error *e = ald_error_last();
		FUZZ_CHECK(e && e->message && e->code == err, "an error has a message");
		FUZZ_CHECK(rf.id == NULL && rf.path == NULL, "*out cleared on error");
	}
	ald__error_clear();
	free(text);
	return 0;
}
