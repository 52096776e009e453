#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include "aludel.h"
static void test_sql(void **state)
{
	(void)state;
	ald_lint *l = NULL;
	int rc = ald_lint_sql(&l, NULL, "CREATE INDEX a ON t (x);\nSELEC 1;\nDELETE FROM t;\n", "x.sql");
	if (rc < 0) fail_msg("%s", ald_error_last()->message);
	for (size_t i = 0; i < ald_lint_count(l); i++) {
		const ald_lint_finding *f = ald_lint_at(l, i);
		printf("# %s:%u:%u %s %s [%s]\n", f->path, f->line, f->column, f->rule, f->message, f->statement);
	}
	ald_lint_free(l);
}
int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_sql)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
