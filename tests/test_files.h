/* test_files.h - writes a cmocka test's input file DIR/NAME, failing the
 * test when it cannot (test_lint.c, test_plan_sql_head.c, test_revision_sql.c,
 * test_revision_tables.c). Include after cmocka.h. */
#ifndef ALD_TEST_FILES_H
#define ALD_TEST_FILES_H

#include <stdio.h>

static inline void test_write_at(const char *dir, const char *name, const char *text)
{
	char path[512];
	int n = snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_true(n > 0 && (size_t)n < sizeof(path));
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

#endif
