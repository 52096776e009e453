/* fuzz_ini.c - libFuzzer target: an ini file (aludel.ini / alembic.ini) read
 * by ald__ini_parse, then every value expanded in its own section
 * (%(key)s, %(here)s, %%, ${NAME}) so that interpolation runs on every key. */
#include "config_ini.h"
#include "error.h"
#include "fuzz_util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* a few variables for ${NAME} to find */
	setenv("ALD_FUZZ_DB", "sqlite:///fuzz.db", 1);
	setenv("ALD_FUZZ_EMPTY", "", 1);
	setenv("ALD_FUZZ_PCT", "%(here)s/%%", 1);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	struct ald_ini ini;
	int err = ald__ini_parse(&ini, "fuzz.ini", text, size);
	if (err == 0) {
		for (size_t i = 0; i < ini.sections.n; i++)
			(void)ald__ini_has_section(&ini, ini.sections.v[i]);
		for (size_t i = 0; i < ini.n; i++) {
			const struct ald_ini_entry *e = &ini.v[i];
			FUZZ_CHECK(e->section && e->key && e->value, "entry strings set");
			FUZZ_CHECK(ald__ini_lookup(&ini, e->section, e->key) != NULL,
				   "an entry is found by its own section and key");
			char *value = NULL;
			if (ald__ini_expand(&value, &ini, e->section, "/fuzz/here", e) == 0) {
				FUZZ_CHECK(value != NULL, "expanded value");
				free(value);
			} else {
				const ald_error *le = ald_error_last();
				FUZZ_CHECK(value == NULL && le && le->message, "an error has a message");
			}
			ald__error_clear();
		}
		ald__ini_clear(&ini);
	} else {
		const ald_error *e = ald_error_last();
		FUZZ_CHECK(e && e->message, "an error has a message");
		FUZZ_CHECK(ini.n == 0, "the ini is left empty on error");
	}
	ald__error_clear();
	free(text);
	return 0;
}
