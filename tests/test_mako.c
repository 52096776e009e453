/* test_mako.c - the script.py.mako renderer (src/mako.c) on the constructs
 * it supports, each expectation checked against Mako 1.2 as Alembic 1.8
 * calls it (the default str() filter before the others, `n`, UNDEFINED
 * names, %% and ## lines, escaped newlines, blocks, loops), and the messages
 * for what it does not support. The whole-file comparison with Alembic is
 * tests/mako_compare.sh. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "mako.h"
#include "util.h"

static const char *const down2[] = {"a", "b"};
static const char *const label1[] = {"l"};
static const char *const dep1[] = {"d"};

static int option(char **out, const char *name, void *payload)
{
	(void)payload;
	*out = ald__streq(name, "databases") ? ald__xstrdup("one,two ,  three") : NULL;
	return 0;
}

static const struct ald_mako_vars vars = {
	.up_revision = "u",
	.down = down2, .n_down = 2,
	.labels = label1, .n_labels = 1,
	.depends = dep1, .n_depends = 1,
	.message = "m'q",
	.create_date = "2020",
	.main_option = option,
};

static void renders(const char *tmpl, const char *want)
{
	char *out = NULL;
	if (ald__mako_render(&out, "t.mako", tmpl, &vars) < 0)
		fail_msg("%s: %s", tmpl, ald_error_last()->message);
	int same = strcmp(out, want) == 0;
	if (!same)
		print_error("got  '%s'\nwant '%s'\n", out, want);
	free(out);
	assert_true(same);
}

static void fails(const char *tmpl, const char *want)
{
	char *out = (char *)"unchanged";
	assert_int_equal(ald__mako_render(&out, "t.mako", tmpl, &vars), ALD_EINVALID);
	assert_null(out);
	if (strncmp(ald_error_last()->message, want, strlen(want)) != 0)
		fail_msg("got '%s', want '%s...'", ald_error_last()->message, want);
}

static void test_values_and_filters(void **state)
{
	(void)state;
	renders("${down_revision | comma}|${down_revision | comma,n}|${down_revision}|"
		"${branch_labels}|${depends_on}",
		"('a', 'b')|a, b|('a', 'b')|('l',)|d"); /* one dependency is a str */
	renders("${repr(up_revision)} ${repr(branch_labels)} ${repr(None)} ${up_revision}",
		"'u' ('l',) None u");
	renders("${' %s ' | trim}|${message | str}|${ 'a' 'b' }|${\"\"\"t\"\"\"}|${'\\x41\\u00e9\\n' | n}",
		"%s|m'q|ab|t|A\xc3\xa9\n");
	renders("${r'\\s'}|${'%s-%r' % (message, message)}|${'100%%' % ()}", "\\s|m'q-\"m'q\"|100%");
	/* undefined names are false; the branch not taken is not evaluated */
	renders("${imports if imports else \"\"}|${upgrades if upgrades else \"pass\"}|"
		"${repr(nothing) if nothing else ''}",
		"|pass|");
	renders("${imports and 'yes' or 'no'}|${not imports}|${context.get('message', 'd')}|"
		"${context.get('x_upgrades', 'pass')}",
		"no|True|m'q|pass");
}

static void test_lines_and_blocks(void **state)
{
	(void)state;
	renders("x\n%% literal\n  ## gone\nend \\\njoined\n", "x\n% literal\nend joined\n");
	renders("<%\n    a = 'v'\n    b = a if not imports else 'w'\n%>${a}${b}", "vv");
	renders("<%! import re %>\n% for n in re.split(r',\\s*', 'a, b,c'):\n[${n}]\n% endfor\n",
		"\n[a]\n[b]\n[c]\n");
	renders("<%!\nimport re\n\n%>A\n<%\n    names = config.get_main_option(\"databases\")\n%>\n"
		"% for n in re.split(r',\\s*', names):\n"
		"def f_${n}():\n    ${context.get(\"%s_upgrades\" % n, \"pass\")}\n"
		"% endfor\n",
		"A\n\ndef f_one():\n    pass\ndef f_two ():\n    pass\ndef f_three():\n    pass\n");
	renders("${config.get_main_option('nosuch')}|${config.get_main_option('nosuch', 'dflt')}",
		"None|dflt");
	renders("", "");
}

static void test_unsupported(void **state)
{
	(void)state;
	fails("a\n% if imports:\n% endif\n", "t.mako:2: the control line `% if imports:`");
	fails("${x}", "t.mako:1: an undefined name is rendered");
	fails("\n\n${message + 'x'}", "t.mako:3: the character '+' in `message + 'x'`");
	fails("${message | h}", "t.mako:1: the filter 'h'");
	fails("<%text>x</%text>", "t.mako:1: the Mako tag `<%text`");
	fails("<%!\nimport os\n%>", "t.mako:2: `import os` in <%! %>");
	fails("<%\n  print('x')\n%>", "t.mako:2: `print('x')` in <% %>");
	fails("% for x in depends_on:\nx\n", "t.mako:1: `% for` without `% endfor`");
	fails("% endfor\n", "t.mako:1: `% endfor` without `% for`");
	fails("${message", "t.mako:1: `${` is never closed");
	fails("${up_revision | n} ${down_revision | n}",
	      "t.mako:1: `down_revision ` gives a tuple value, not a string");
	fails("${str.join}", "t.mako:1: the attribute join of a function value");
	fails("<%! import re %>${re.split('x*', 'abc')}", "t.mako:1: the regular expression x* ");
	fails("${config.get_main_option(name='x')}", "t.mako:1: a keyword argument");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values_and_filters),
		cmocka_unit_test(test_lines_and_blocks),
		cmocka_unit_test(test_unsupported),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
