/* test_revision_read_sql.c - the native SQL revision format: header fields, list forms,
 * markers and sections, CRLF and BOM, every malformed case with its exact
 * message; ald__revfile_load() and ald__revfile_section() on real files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "revision_file.h"

#define RULE " (a revision identifier is 1 to 32 ASCII letters, digits or '_')"

static const char example[] =
	"-- add ticket priority column\n"
	"--\n"
	"-- Revision ID: 3f2a9c1b7d4e\n"
	"-- Revises: 1a2b3c4d5e6f\n"
	"-- Create Date: 2026-11-22 10:30:00.123456\n"
	"-- Branch Labels: reporting\n"
	"-- Depends On: 9f8e7d6c5b4a\n"
	"-- Transactional: false\n"
	"\n"
	"-- migrate:upgrade\n"
	"ALTER TABLE tickets ADD COLUMN priority varchar(20) DEFAULT 'normal';\n"
	"CREATE INDEX ix_tickets_priority ON tickets (priority);\n"
	"\n"
	"-- migrate:downgrade\n"
	"DROP INDEX ix_tickets_priority;\n"
	"ALTER TABLE tickets DROP COLUMN priority;\n";

static const char example_up[] =
	"ALTER TABLE tickets ADD COLUMN priority varchar(20) DEFAULT 'normal';\n"
	"CREATE INDEX ix_tickets_priority ON tickets (priority);\n"
	"\n";
static const char example_down[] =
	"DROP INDEX ix_tickets_priority;\n"
	"ALTER TABLE tickets DROP COLUMN priority;\n";

static void parse_ok(struct ald_revfile *rf, const char *text)
{
	int err = ald__revfile_parse_sql(rf, "v/x.sql", text, strlen(text));
	if (err != 0)
		fail_msg("parse failed: %s", ald_error_last()->message);
	assert_int_equal(rf->kind, ALD_REVFILE_SQL);
	assert_string_equal(rf->path, "v/x.sql");
}

/* Parses a header (followed by an empty upgrade section) and returns it. */
static void header_ok(struct ald_revfile *rf, const char *header)
{
	char *text = malloc(strlen(header) + 32);
	sprintf(text, "%s\n-- migrate:upgrade\n", header);
	parse_ok(rf, text);
	free(text);
}

/* Parses `len` bytes of text (NUL bytes included) and expects the error. */
static void parse_error_n(const char *text, size_t len, int code, const char *message)
{
	struct ald_revfile rf;
	memset(&rf, 0x5a, sizeof(rf));
	assert_int_equal(ald__revfile_parse_sql(&rf, "v/x.sql", text, len), code);
	assert_string_equal(ald_error_last()->message, message);
	/* the struct is left cleared */
	assert_null(rf.path);
	assert_null(rf.id);
	assert_null(rf.doc);
	assert_int_equal(rf.down.n, 0);
	assert_int_equal(rf.upgrade.present, 0);
}

static void parse_error(const char *text, int code, const char *message)
{
	parse_error_n(text, strlen(text), code, message);
}

static void header_error(const char *header, const char *message)
{
	char *text = malloc(strlen(header) + 32);
	sprintf(text, "%s\n-- migrate:upgrade\n", header);
	parse_error(text, ALD_EINVALID, message);
	free(text);
}

static void assert_list(const struct ald_strvec *sv, size_t n, const char *const *items)
{
	assert_int_equal(sv->n, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(sv->v[i], items[i]);
}

#define LIST(sv, ...) \
	assert_list(sv, sizeof((const char *[]){__VA_ARGS__}) / sizeof(char *), \
		    (const char *[]){__VA_ARGS__})

static void test_every_field(void **state)
{
	(void)state;
	struct ald_revfile rf;
	parse_ok(&rf, example);
	assert_string_equal(rf.id, "3f2a9c1b7d4e");
	assert_int_equal(rf.id_line, 3);
	LIST(&rf.down, "1a2b3c4d5e6f");
	assert_int_equal(rf.down_line, 4);
	assert_string_equal(rf.create_date, "2026-11-22 10:30:00.123456");
	LIST(&rf.labels, "reporting");
	LIST(&rf.depends, "9f8e7d6c5b4a");
	assert_int_equal(rf.depends_line, 7);
	assert_int_equal(rf.transactional, 0);
	assert_string_equal(rf.message, "add ticket priority column");
	assert_string_equal(rf.doc, "add ticket priority column\n\n"
				    "Revision ID: 3f2a9c1b7d4e\n"
				    "Revises: 1a2b3c4d5e6f\n"
				    "Create Date: 2026-11-22 10:30:00.123456\n"
				    "Branch Labels: reporting\n"
				    "Depends On: 9f8e7d6c5b4a\n"
				    "Transactional: false");
	assert_int_equal(rf.upgrade.present, 1);
	assert_int_equal(rf.upgrade.line, 11);
	assert_int_equal(rf.upgrade.length, strlen(example_up));
	assert_memory_equal(example + rf.upgrade.offset, example_up, strlen(example_up));
	assert_int_equal(rf.downgrade.present, 1);
	assert_int_equal(rf.downgrade.line, 15);
	assert_int_equal(rf.downgrade.offset + rf.downgrade.length, strlen(example));
	assert_memory_equal(example + rf.downgrade.offset, example_down, strlen(example_down));
	ald__revfile_clear(&rf);
	assert_null(rf.path);
	assert_null(rf.doc);
	assert_int_equal(rf.labels.n, 0);
}

static void test_defaults(void **state)
{
	(void)state;
	struct ald_revfile rf;
	header_ok(&rf, "-- first\n--\n-- Revision ID: aaaa0001\n");
	assert_string_equal(rf.id, "aaaa0001");
	assert_int_equal(rf.down.n, 0); /* absent Revises: a base */
	assert_int_equal(rf.down_line, 0);
	assert_int_equal(rf.depends.n, 0);
	assert_int_equal(rf.depends_line, 0);
	assert_int_equal(rf.labels.n, 0);
	assert_null(rf.create_date);
	assert_int_equal(rf.transactional, 1);
	assert_int_equal(rf.downgrade.present, 0);
	assert_int_equal(rf.upgrade.present, 1);
	assert_int_equal(rf.upgrade.length, 0);
	ald__revfile_clear(&rf);
}

static void test_list_forms(void **state)
{
	(void)state;
	struct ald_revfile rf;
	/* "Revises: " with nothing after it, as generated for a root */
	header_ok(&rf, "-- m\n--\n-- Revision ID: r1\n-- Revises: \n-- Create Date:\n");
	assert_int_equal(rf.down.n, 0);
	assert_int_equal(rf.down_line, 4);
	assert_null(rf.create_date);
	ald__revfile_clear(&rf);
	/* a merge, items trimmed */
	header_ok(&rf, "-- m\n--\n-- Revision ID: r1\n-- Revises:   a1 ,b2,  c3\t\n"
		       "-- Branch Labels: x, y\n-- Depends On: d1,lbl");
	LIST(&rf.down, "a1", "b2", "c3");
	LIST(&rf.labels, "x", "y");
	LIST(&rf.depends, "d1", "lbl");
	ald__revfile_clear(&rf);
	/* empty optional lists */
	header_ok(&rf, "-- m\n-- Revision ID: r1\n-- Branch Labels:\n-- Depends On:   ");
	assert_int_equal(rf.labels.n, 0);
	assert_int_equal(rf.depends.n, 0);
	assert_int_equal(rf.depends_line, 4);
	ald__revfile_clear(&rf);
}

static void test_keys_case_insensitive(void **state)
{
	(void)state;
	struct ald_revfile rf;
	header_ok(&rf, "-- m\n--\n--   revision id :  r9  \n-- REVISES: p1\n-- create DATE: now\n"
		       "-- branch labels: l1\n-- DEPENDS on: d\n-- transactional: NO\n");
	assert_string_equal(rf.id, "r9");
	LIST(&rf.down, "p1");
	assert_string_equal(rf.create_date, "now");
	LIST(&rf.labels, "l1");
	LIST(&rf.depends, "d");
	assert_int_equal(rf.transactional, 0);
	ald__revfile_clear(&rf);
}

static void test_transactional_values(void **state)
{
	(void)state;
	static const struct {
		const char *v;
		int want;
	} cases[] = {{"true", 1}, {"TRUE", 1}, {"yes", 1}, {"On", 1},  {"1", 1},
		     {"false", 0}, {"False", 0}, {"no", 0}, {"OFF", 0}, {"0", 0}};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char header[128];
		struct ald_revfile rf;
		snprintf(header, sizeof(header), "-- m\n-- Revision ID: r\n-- Transactional: %s",
			 cases[i].v);
		header_ok(&rf, header);
		assert_int_equal(rf.transactional, cases[i].want);
		ald__revfile_clear(&rf);
	}
	header_error("-- m\n-- Revision ID: r\n-- Transactional: maybe",
		     "v/x.sql:3: Transactional must be true or false, not 'maybe'");
	header_error("-- m\n-- Revision ID: r\n-- Transactional:",
		     "v/x.sql:3: Transactional must be true or false, not ''");
}

static void test_doc_and_message(void **state)
{
	(void)state;
	struct ald_revfile rf;
	/* "--" alone, "--text" without a space, trailing blanks, one space removed */
	header_ok(&rf, "--   indented message  \n--\n--Revision ID: r1\n--  \n-- Revises:\n");
	assert_string_equal(rf.message, "indented message");
	assert_string_equal(rf.doc, "indented message\n\nRevision ID: r1\n\nRevises:");
	ald__revfile_clear(&rf);
	/* no message line: the first line is a known key */
	header_ok(&rf, "-- Revision ID: r2\n-- Revises: r1\n");
	assert_string_equal(rf.id, "r2");
	assert_string_equal(rf.message, "");
	assert_string_equal(rf.doc, "Revision ID: r2\nRevises: r1");
	ald__revfile_clear(&rf);
	/* a message with a colon is still the message */
	header_ok(&rf, "-- fix: widen column\n--\n-- Revision ID: r3\n");
	assert_string_equal(rf.message, "fix: widen column");
	ald__revfile_clear(&rf);
	/* blank lines before the header are skipped */
	header_ok(&rf, "\n  \n-- late start\n-- Revision ID: r4\n");
	assert_string_equal(rf.message, "late start");
	assert_int_equal(rf.id_line, 4);
	ald__revfile_clear(&rf);
}

static void test_crlf_and_bom(void **state)
{
	(void)state;
	struct ald_revfile rf;
	const char text[] = "\xef\xbb\xbf-- crlf file\r\n--\r\n-- Revision ID: c1\r\n"
			    "-- Revises: b1, b2\r\n-- Transactional: false\r\n\r\n"
			    "-- migrate:upgrade\r\nSELECT 1;\r\n-- migrate:downgrade\r\nSELECT 2;\r\n";
	parse_ok(&rf, text);
	assert_string_equal(rf.id, "c1");
	assert_int_equal(rf.id_line, 3);
	LIST(&rf.down, "b1", "b2");
	assert_int_equal(rf.transactional, 0);
	assert_string_equal(rf.message, "crlf file");
	assert_string_equal(rf.doc, "crlf file\n\nRevision ID: c1\nRevises: b1, b2\nTransactional: false");
	assert_int_equal(rf.upgrade.line, 8);
	assert_int_equal(rf.upgrade.length, strlen("SELECT 1;\r\n"));
	assert_memory_equal(text + rf.upgrade.offset, "SELECT 1;\r\n", rf.upgrade.length);
	assert_int_equal(rf.downgrade.line, 10);
	assert_memory_equal(text + rf.downgrade.offset, "SELECT 2;\r\n", rf.downgrade.length);
	ald__revfile_clear(&rf);
}

static void test_markers(void **state)
{
	(void)state;
	struct ald_revfile rf;
	/* surrounding blanks, any case, downgrade first, marker right after the header */
	const char t1[] = "-- m\n-- Revision ID: r1\n  --   MIGRATE:Downgrade  \nDROP TABLE t;\n"
			  "--migrate:UPGRADE\nCREATE TABLE t (a int);";
	parse_ok(&rf, t1);
	assert_int_equal(rf.downgrade.present, 1);
	assert_int_equal(rf.downgrade.line, 4);
	assert_int_equal(rf.downgrade.length, strlen("DROP TABLE t;\n"));
	assert_memory_equal(t1 + rf.downgrade.offset, "DROP TABLE t;\n", rf.downgrade.length);
	assert_int_equal(rf.upgrade.line, 6);
	assert_int_equal(rf.upgrade.offset + rf.upgrade.length, strlen(t1));
	assert_memory_equal(t1 + rf.upgrade.offset, "CREATE TABLE t (a int);", rf.upgrade.length);
	ald__revfile_clear(&rf);
	/* an empty downgrade section is present (a no-op) */
	const char t2[] = "-- m\n-- Revision ID: r1\n\n-- comment between\n-- migrate:upgrade\n"
			  "SELECT 1;\n-- migrate:downgrade";
	parse_ok(&rf, t2);
	assert_int_equal(rf.downgrade.present, 1);
	assert_int_equal(rf.downgrade.length, 0);
	assert_int_equal(rf.downgrade.offset, strlen(t2));
	assert_int_equal(rf.downgrade.line, 8);
	assert_int_equal(rf.upgrade.length, strlen("SELECT 1;\n"));
	ald__revfile_clear(&rf);
	/* a comment in a section that looks like a marker but is not one */
	const char t3[] = "-- m\n-- Revision ID: r1\n-- migrate:upgrade\n-- migrate the data\nSELECT 1;\n";
	parse_ok(&rf, t3);
	assert_int_equal(rf.upgrade.length, strlen("-- migrate the data\nSELECT 1;\n"));
	ald__revfile_clear(&rf);
}

static void test_header_errors(void **state)
{
	(void)state;
	parse_error("CREATE TABLE t (a int);\n", ALD_EINVALID,
		    "v/x.sql: no header (a revision file starts with '-- <message>' and "
		    "'-- Revision ID: <id>' comment lines)");
	parse_error("", ALD_EINVALID,
		    "v/x.sql: no header (a revision file starts with '-- <message>' and "
		    "'-- Revision ID: <id>' comment lines)");
	parse_error("-- migrate:upgrade\nSELECT 1;\n", ALD_EINVALID,
		    "v/x.sql: no header (a revision file starts with '-- <message>' and "
		    "'-- Revision ID: <id>' comment lines)");
	header_error("-- message only\n--\n-- Revises: a\n", "v/x.sql: no 'Revision ID' in the header");
	header_error("-- m\n--\n-- Revision ID: r1\n-- Revisess: a\n",
		     "v/x.sql:4: unknown header key 'Revisess' (known keys: Revision ID, Revises, "
		     "Create Date, Branch Labels, Depends On, Transactional)");
	header_error("-- m\n--\n-- Revision ID: r1\n-- this is more text\n",
		     "v/x.sql:4: expected 'Key: value' in the header, found 'this is more text'");
	header_error("-- m\n-- Revision ID: r1\n-- (note): x\n",
		     "v/x.sql:3: expected 'Key: value' in the header, found '(note): x'");
	header_error("-- m\n-- Revision ID: r1\n-- Revises: a\n-- revises: b\n",
		     "v/x.sql:4: duplicate header key 'Revises' (first on line 3)");
	header_error("-- m\n-- Revision ID: r1\n-- Revision ID: r1\n",
		     "v/x.sql:3: duplicate header key 'Revision ID' (first on line 2)");
	header_error("-- m\n-- Revision ID:   \n", "v/x.sql:2: empty revision identifier" RULE);
	header_error("-- m\n-- Revision ID: r1\n-- Revises: a,,b\n", "v/x.sql:3: empty item in Revises");
	header_error("-- m\n-- Revision ID: r1\n-- Revises: a,\n", "v/x.sql:3: empty item in Revises");
	header_error("-- m\n-- Revision ID: r1\n-- Branch Labels: , x\n",
		     "v/x.sql:3: empty item in Branch Labels");
	header_error("-- m\n-- Revision ID: r1\n-- Depends On: a, ,b\n",
		     "v/x.sql:3: empty item in Depends On");
}

static void test_identifier_errors(void **state)
{
	(void)state;
	header_error("-- m\n--\n-- Revision ID: bad-id\n",
		     "v/x.sql:3: Character(s) '-' not allowed in revision identifier 'bad-id'" RULE);
	header_error("-- m\n-- Revision ID: a+b@c-d\n",
		     "v/x.sql:2: Character(s) '+, -, @' not allowed in revision identifier "
		     "'a+b@c-d'" RULE);
	header_error("-- m\n-- Revision ID: two words\n",
		     "v/x.sql:2: Character(s) ' ' not allowed in revision identifier 'two words'" RULE);
	header_error("-- m\n-- Revision ID: r1\n-- Revises: ok1, no@pe\n",
		     "v/x.sql:3: Character(s) '@' not allowed in revision identifier 'no@pe'" RULE);
	header_error("-- m\n-- Revision ID: r1\n-- Depends On: x+1\n",
		     "v/x.sql:3: Character(s) '+' not allowed in revision identifier or branch label "
		     "'x+1'");
	header_error("-- m\n-- Revision ID: r1\n-- Branch Labels: my-label\n",
		     "v/x.sql:3: Character(s) '-' not allowed in branch label 'my-label'");
	header_error("-- m\n-- Revision ID: r1\n-- Branch Labels: a b\n",
		     "v/x.sql:3: Character(s) ' ' not allowed in branch label 'a b'");
}

/* The one id rule (revision_id.c) on the Revision ID and the Revises items. */
static void test_id_rule(void **state)
{
	(void)state;
	struct ald_revfile rf;
	/* 32 characters: the version column's width */
	header_ok(&rf, "-- m\n-- Revision ID: ABCdef_0123456789abcdef012345678\n"
		       "-- Revises: 0123456789abcdef0123456789abcdef\n"
		       "-- Depends On: feature.x, 0123456789abcdef0123456789abcdef\n");
	assert_string_equal(rf.id, "ABCdef_0123456789abcdef012345678");
	LIST(&rf.down, "0123456789abcdef0123456789abcdef");
	/* an item that is no id can only be a label (the graph says when it is none) */
	LIST(&rf.depends, "feature.x", "0123456789abcdef0123456789abcdef");
	ald__revfile_clear(&rf);

	header_error("-- m\n-- Revision ID: 0123456789abcdef0123456789abcdef0\n",
		     "v/x.sql:2: revision identifier '0123456789abcdef0123456789abcdef0' is 33 "
		     "characters long" RULE);
	header_error("-- m\n-- Revision ID: r1\n-- Revises: 0123456789abcdef0123456789abcdef0\n",
		     "v/x.sql:3: revision identifier '0123456789abcdef0123456789abcdef0' is 33 "
		     "characters long" RULE);
	header_error("-- m\n-- Revision ID: ../../evil\n",
		     "v/x.sql:2: Character(s) '., /' not allowed in revision identifier "
		     "'../../evil'" RULE);
	header_error("-- m\n-- Revision ID: a/b\n",
		     "v/x.sql:2: Character(s) '/' not allowed in revision identifier 'a/b'" RULE);
	header_error("-- m\n--\n-- Revision ID: a b\n",
		     "v/x.sql:3: Character(s) ' ' not allowed in revision identifier 'a b'" RULE);
	header_error("-- m\n-- Revision ID: caf\xc3\xa9\n",
		     "v/x.sql:2: Character(s) '\\xa9, \\xc3' not allowed in revision identifier "
		     "'caf\\xc3\\xa9'" RULE);
	header_error("-- m\n-- Revision ID: r1\n-- Revises: ../x\n",
		     "v/x.sql:3: Character(s) '., /' not allowed in revision identifier '../x'" RULE);
	header_error("-- m\n-- Revision ID:\n", "v/x.sql:2: empty revision identifier" RULE);
}

/* A NUL byte anywhere (header, sections, between them) is an error naming
 * the line, never a string cut short. */
static void test_nul_bytes(void **state)
{
	(void)state;
	static const char msg_end[] = " (a revision file is text; a NUL would cut what follows it)";
	char *want;
#define NUL_CASE(text, line)                                                         \
	do {                                                                         \
		want = ald__xasprintf("v/x.sql:%d: NUL byte in the file%s", line, msg_end); \
		parse_error_n(text, sizeof(text) - 1, ALD_EINVALID, want);           \
		free(want);                                                          \
	} while (0)
	NUL_CASE("-- add\0 the table\n-- Revision ID: r1\n-- migrate:upgrade\n", 1);
	NUL_CASE("-- m\n-- Revision ID: r1\0evil\n-- migrate:upgrade\n", 2);
	NUL_CASE("-- m\n-- Revision ID: r1\n-- Revises: r0\n-- Create Date: x\0\n"
		 "-- migrate:upgrade\n", 4);
	NUL_CASE("-- m\n-- Revision ID: r1\n\n-- migrate:upgrade\nCREATE TABLE t (a int);\n"
		 "DROP TABLE\0 t;\n", 6);
	NUL_CASE("-- m\n-- Revision ID: r1\n-- migrate:upgrade\nSELECT 1;\n-- migrate:downgrade\n"
		 "\0", 6);
	NUL_CASE("\0", 1);
	NUL_CASE("-- m\r\n-- Revision ID: r1\r\n-- migrate:upgrade\r\n\r\n\0", 5);
#undef NUL_CASE
}

static void test_self_loops(void **state)
{
	(void)state;
	parse_error("-- m\n-- Revision ID: r1\n-- Revises: r0, r1\n\n-- migrate:upgrade\n", ALD_ECYCLE,
		    "v/x.sql:3: Self-loop is detected in revisions (r1)");
	parse_error("-- m\n-- Revision ID: r1\n-- Revises: r0\n-- Depends On: r1\n-- migrate:upgrade\n",
		    ALD_ECYCLE, "v/x.sql:4: Dependency self-loop is detected in revisions (r1)");
}

static void test_body_errors(void **state)
{
	(void)state;
	parse_error("-- m\n-- Revision ID: r1\n\nSELECT 1;\n", ALD_EINVALID,
		    "v/x.sql:4: SQL outside of a '-- migrate:upgrade' or '-- migrate:downgrade' section");
	parse_error("-- m\n-- Revision ID: r1\n", ALD_EINVALID,
		    "v/x.sql: no '-- migrate:upgrade' section");
	parse_error("-- m\n-- Revision ID: r1\n-- migrate:downgrade\nDROP TABLE t;\n", ALD_EINVALID,
		    "v/x.sql: no '-- migrate:upgrade' section");
	parse_error("-- m\n-- Revision ID: r1\n\n-- migrate:upgrade\nSELECT 1;\n-- Migrate:Up\n",
		    ALD_EINVALID,
		    "v/x.sql:6: unknown marker '-- Migrate:Up' (expected '-- migrate:upgrade' or "
		    "'-- migrate:downgrade')");
	parse_error("-- m\n-- Revision ID: r1\n-- migrate:upgrade transaction:false\n", ALD_EINVALID,
		    "v/x.sql:3: unknown marker '-- migrate:upgrade transaction:false' (expected "
		    "'-- migrate:upgrade' or '-- migrate:downgrade')");
	parse_error("-- m\n-- Revision ID: r1\n\n-- migrate:upgrade\nSELECT 1;\n-- migrate:upgrade\n",
		    ALD_EINVALID, "v/x.sql:6: second '-- migrate:upgrade' marker (first on line 4)");
	parse_error("-- m\n-- Revision ID: r1\n-- migrate:downgrade\n-- migrate:upgrade\n"
		    "-- migrate:downgrade\n",
		    ALD_EINVALID, "v/x.sql:5: second '-- migrate:downgrade' marker (first on line 3)");
}

/* ---- files ------------------------------------------------------------- */

struct files {
	char dir[64];
};

static int files_setup(void **state)
{
	struct files *f = calloc(1, sizeof(*f));
	strcpy(f->dir, "/tmp/test_revision_read_sql.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	*state = f;
	return 0;
}

static int files_teardown(void **state)
{
	struct files *f = *state;
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	int rc = system(cmd);
	free(f);
	ald__error_clear();
	return rc == 0 ? 0 : -1;
}

static char *write_file(const struct files *f, const char *name, const char *text)
{
	char *path = malloc(strlen(f->dir) + strlen(name) + 2);
	sprintf(path, "%s/%s", f->dir, name);
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
	return path;
}

static void test_load_and_sections(void **state)
{
	struct files *f = *state;
	char *path = write_file(f, "3f2a9c1b7d4e_add_priority.sql", example);
	struct ald_revfile rf;
	assert_int_equal(ald__revfile_load(&rf, path), 0);
	assert_string_equal(rf.path, path);
	assert_string_equal(rf.id, "3f2a9c1b7d4e");
	char *up = NULL, *down = NULL;
	assert_int_equal(ald__revfile_section(&up, &rf, 1), 0);
	assert_string_equal(up, example_up);
	assert_int_equal(ald__revfile_section(&down, &rf, 0), 0);
	assert_string_equal(down, example_down);
	free(up);
	free(down);

	/* an edit since loading: the section as the file holds it now */
	free(write_file(f, "3f2a9c1b7d4e_add_priority.sql",
			"-- add ticket priority column\n-- Revision ID: 3f2a9c1b7d4e\n"
			"-- migrate:upgrade\nSELECT 42;\n-- migrate:downgrade\n"));
	assert_int_equal(ald__revfile_section(&up, &rf, 1), 0);
	assert_string_equal(up, "SELECT 42;\n");
	free(up);
	assert_int_equal(ald__revfile_section(&down, &rf, 0), 0);
	assert_string_equal(down, "");
	free(down);

	/* another revision now, or a removed section: refused */
	free(write_file(f, "3f2a9c1b7d4e_add_priority.sql",
			"-- m\n-- Revision ID: other1\n-- migrate:upgrade\nSELECT 1;\n"));
	up = (char *)"unchanged";
	assert_int_equal(ald__revfile_section(&up, &rf, 1), ALD_EINVALID);
	assert_null(up);
	char *want = malloc(strlen(path) + 128);
	sprintf(want, "%s: the file changed since it was read (revision 3f2a9c1b7d4e is now other1)",
		path);
	assert_string_equal(ald_error_last()->message, want);
	free(write_file(f, "3f2a9c1b7d4e_add_priority.sql",
			"-- m\n-- Revision ID: 3f2a9c1b7d4e\n-- migrate:upgrade\nSELECT 1;\n"));
	assert_int_equal(ald__revfile_section(&down, &rf, 0), ALD_ENOTFOUND);
	sprintf(want, "%s: the '-- migrate:downgrade' section was removed since the file was read",
		path);
	assert_string_equal(ald_error_last()->message, want);
	/* a NUL written into a section since loading: refused, not cut */
	{
		static const char nul_text[] = "-- m\n-- Revision ID: 3f2a9c1b7d4e\n-- migrate:upgrade\n"
					       "SELECT 1;\0DROP TABLE t;\n";
		FILE *fp = fopen(path, "wb");
		assert_non_null(fp);
		assert_int_equal(fwrite(nul_text, 1, sizeof(nul_text) - 1, fp), sizeof(nul_text) - 1);
		assert_int_equal(fclose(fp), 0);
		up = (char *)"unchanged";
		assert_int_equal(ald__revfile_section(&up, &rf, 1), ALD_EINVALID);
		assert_null(up);
		sprintf(want, "%s:4: NUL byte in the file (a revision file is text; a NUL would cut "
			"what follows it)", path);
		assert_string_equal(ald_error_last()->message, want);
		struct ald_revfile again;
		assert_int_equal(ald__revfile_load(&again, path), ALD_EINVALID);
		assert_string_equal(ald_error_last()->message, want);
	}
	/* the file is gone */
	unlink(path);
	assert_true(ald__revfile_section(&up, &rf, 1) < 0);
	assert_null(up);
	ald__revfile_clear(&rf);
	free(want);
	free(path);
}

static void test_section_absent(void **state)
{
	struct files *f = *state;
	char *path = write_file(f, "r1_no_down.sql", "-- m\n-- Revision ID: r1\n-- migrate:upgrade\n"
						    "CREATE TABLE t (a int);\n");
	struct ald_revfile rf;
	assert_int_equal(ald__revfile_load(&rf, path), 0);
	assert_int_equal(rf.downgrade.present, 0);
	char *down = NULL;
	assert_int_equal(ald__revfile_section(&down, &rf, 0), ALD_ENOTFOUND);
	assert_null(down);
	char *want = malloc(strlen(path) + 64);
	sprintf(want, "%s: no '-- migrate:downgrade' section", path);
	assert_string_equal(ald_error_last()->message, want);
	ald__revfile_clear(&rf);
	free(want);
	free(path);
}

static void test_load_dispatch(void **state)
{
	struct files *f = *state;
	struct ald_revfile rf;
	char *path = write_file(f, "abc_x.py", "revision = 'abc'\ndown_revision = None\n");
	assert_int_equal(ald__revfile_load(&rf, path), 0);
	assert_int_equal(rf.kind, ALD_REVFILE_PY);
	assert_string_equal(rf.id, "abc");
	char *up = (char *)"x";
	assert_int_equal(ald__revfile_section(&up, &rf, 1), ALD_EINVALID);
	assert_null(up);
	ald__revfile_clear(&rf);
	free(path);

	path = write_file(f, "notes.txt", "hello");
	assert_int_equal(ald__revfile_load(&rf, path), ALD_EINVALID);
	char *want = malloc(strlen(path) + 80);
	sprintf(want, "%s: not a revision file (the name must end in .sql or .py)", path);
	assert_string_equal(ald_error_last()->message, want);
	assert_null(rf.path);
	free(want);
	free(path);

	/* a parse error names the file */
	path = write_file(f, "bad.sql", "-- m\n-- Revision ID: x\n-- Revisess: y\n");
	assert_int_equal(ald__revfile_load(&rf, path), ALD_EINVALID);
	assert_non_null(strstr(ald_error_last()->message, "bad.sql:3: unknown header key 'Revisess'"));
	assert_null(rf.id);
	free(path);

	path = malloc(strlen(f->dir) + 32);
	sprintf(path, "%s/missing.sql", f->dir);
	assert_true(ald__revfile_load(&rf, path) < 0);
	assert_non_null(strstr(ald_error_last()->message, "missing.sql"));
	assert_null(rf.path);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_field),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_list_forms),
		cmocka_unit_test(test_keys_case_insensitive),
		cmocka_unit_test(test_transactional_values),
		cmocka_unit_test(test_doc_and_message),
		cmocka_unit_test(test_crlf_and_bom),
		cmocka_unit_test(test_markers),
		cmocka_unit_test(test_header_errors),
		cmocka_unit_test(test_identifier_errors),
		cmocka_unit_test(test_id_rule),
		cmocka_unit_test(test_nul_bytes),
		cmocka_unit_test(test_self_loops),
		cmocka_unit_test(test_body_errors),
		cmocka_unit_test(test_load_and_sections),
		cmocka_unit_test(test_section_absent),
		cmocka_unit_test(test_load_dispatch),
	};
	return cmocka_run_group_tests(tests, files_setup, files_teardown);
}
