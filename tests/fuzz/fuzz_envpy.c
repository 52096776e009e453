/* fuzz_envpy.c - libFuzzer target: the static reading of env.py's
 * context.configure(...) settings (ald__envpy_parse). */
#include "envpy.h"
#include "error.h"
#include "fuzz_util.h"

static void check_setting(const struct ald_envpy_setting *s, int nullable, const char *what)
{
	switch (s->state) {
	case ALD_ENVPY_UNSET:
		FUZZ_CHECK(s->value == NULL && s->line == 0, what);
		break;
	case ALD_ENVPY_LITERAL:
		FUZZ_CHECK(s->value != NULL || nullable, what);
		FUZZ_CHECK(s->line >= 1, what);
		break;
	case ALD_ENVPY_COMPUTED:
		FUZZ_CHECK(s->value == NULL && s->line >= 1, what);
		break;
	default:
		FUZZ_CHECK(0, what);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	struct ald_envpy e;
	int err = ald__envpy_parse(&e, text, size, "env.py");
	if (err == 0) {
		check_setting(&e.version_table, 0, "version_table");
		check_setting(&e.version_table_schema, 1, "version_table_schema");
		check_setting(&e.transaction_per_migration, 0, "transaction_per_migration");
		if (e.transaction_per_migration.state == ALD_ENVPY_LITERAL)
			FUZZ_CHECK(strcmp(e.transaction_per_migration.value, "1") == 0 ||
				   strcmp(e.transaction_per_migration.value, "0") == 0,
				   "transaction_per_migration is 1 or 0");
		if (e.n_calls == 0)
			FUZZ_CHECK(e.version_table.state == ALD_ENVPY_UNSET &&
				   e.version_table_schema.state == ALD_ENVPY_UNSET &&
				   e.transaction_per_migration.state == ALD_ENVPY_UNSET,
				   "no call, no setting");
		ald__envpy_clear(&e);
	} else {
		const ald_error *le = ald_error_last();
		FUZZ_CHECK(le && le->message, "an error has a message");
		FUZZ_CHECK(e.version_table.value == NULL && e.n_calls == 0, "*out empty on error");
	}
	ald__error_clear();
	free(text);
	return 0;
}
