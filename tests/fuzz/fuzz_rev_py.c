/* fuzz_rev_py.c - libFuzzer target: an Alembic .py revision file read
 * statically by ald__revfile_parse (revision, down_revision, branch_labels,
 * depends_on, the docstring), as a folder scan reads each file's bytes. */
#include "error.h"
#include "fuzz_revfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	struct ald_revfile rf;
	int err = ald__revfile_parse(&rf, "versions/ae1027a6acf_fuzz.py", text, size);
	if (err == 0) {
		FUZZ_CHECK(rf.kind == ALD_REVFILE_PY, "kind");
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
