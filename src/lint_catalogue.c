/* lint_catalogue.c - the lint rules: id, default severity, what each flags,
 * an example statement that fires it, why it is unsafe and the safer way.
 * The order is enum ald_lint_rule_ix's (lint_rules.h), which is the order
 * `aludel lint --rules` lists them in. */
#include "lint_rules.h"

#include <string.h>

#define W ALD_LINT_WARNING
#define E ALD_LINT_ERROR

const struct ald_lint_rule_info ald__lint_rules[LR_COUNT] = {
	[LR_ADDING_REQUIRED_FIELD] = {
		{"adding-required-field", E,
		 "ADD COLUMN ... NOT NULL without a DEFAULT on an existing table",
		 "ALTER TABLE users ADD COLUMN age integer NOT NULL"},
		"the statement fails on any table that already has rows",
		"add the column with a DEFAULT, or nullable, fill it, then SET NOT NULL"},
	[LR_ADDING_FIELD_WITH_VOLATILE_DEFAULT] = {
		{"adding-field-with-volatile-default", W,
		 "ADD COLUMN with a volatile default (random(), now-at-call functions, nextval(), uuids)",
		 "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid()"},
		"a volatile default rewrites the whole table under an ACCESS EXCLUSIVE lock",
		"add the column without a default, set the default, then fill existing rows in batches"},
	[LR_REQUIRE_CONCURRENT_INDEX_CREATION] = {
		{"require-concurrent-index-creation", W,
		 "CREATE INDEX on an existing table without CONCURRENTLY",
		 "CREATE INDEX users_email ON users (email)"},
		"CREATE INDEX blocks every write to the table until the index is built",
		"use CREATE INDEX CONCURRENTLY in a revision with \"Transactional: false\""},
	[LR_BAN_CONCURRENT_INDEX_IN_TRANSACTION] = {
		{"ban-concurrent-index-creation-in-transaction", E,
		 "CREATE/DROP INDEX CONCURRENTLY or REINDEX CONCURRENTLY inside a transaction",
		 "BEGIN; CREATE INDEX CONCURRENTLY users_email ON users (email); COMMIT"},
		"PostgreSQL refuses to run a concurrent index build inside a transaction block",
		"put the statement in its own revision with \"Transactional: false\""},
	[LR_CONSTRAINT_MISSING_NOT_VALID] = {
		{"constraint-missing-not-valid", W,
		 "ADD FOREIGN KEY or CHECK constraint on an existing table without NOT VALID, or ADD COLUMN ... REFERENCES",
		 "ALTER TABLE orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users (id)"},
		"checking every existing row holds a lock that blocks writes for the whole scan",
		"add the constraint NOT VALID, then VALIDATE CONSTRAINT in a later statement"},
	[LR_SET_NOT_NULL] = {
		{"set-not-null", W,
		 "ALTER COLUMN ... SET NOT NULL on an existing table, unless the revision validated CHECK (col IS NOT NULL) first",
		 "ALTER TABLE users ALTER COLUMN email SET NOT NULL"},
		"the whole table is scanned under an ACCESS EXCLUSIVE lock",
		"add CHECK (col IS NOT NULL) NOT VALID, validate it, then SET NOT NULL and drop the check"},
	[LR_CHANGING_COLUMN_TYPE] = {
		{"changing-column-type", W, "ALTER COLUMN ... TYPE",
		 "ALTER TABLE users ALTER COLUMN id TYPE bigint"},
		"most type changes rewrite the table and its indexes under an ACCESS EXCLUSIVE lock",
		"add a new column, fill it in batches, then switch readers and writers to it"},
	[LR_DISALLOWED_UNIQUE_CONSTRAINT] = {
		{"disallowed-unique-constraint", W,
		 "ADD UNIQUE or PRIMARY KEY constraint without USING INDEX on an existing table",
		 "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email)"},
		"the index behind the constraint is built while writes to the table are blocked",
		"CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT ... USING INDEX"},
	[LR_RENAMING_COLUMN] = {
		{"renaming-column", W, "RENAME COLUMN", "ALTER TABLE users RENAME COLUMN email TO mail"},
		"code that still uses the old name fails as soon as the rename commits",
		"add the new column, write both, move readers over, then drop the old one"},
	[LR_RENAMING_TABLE] = {
		{"renaming-table", W, "RENAME a table", "ALTER TABLE users RENAME TO customers"},
		"code that still uses the old name fails as soon as the rename commits",
		"create a view with the old name while the code moves over, or keep the name"},
	[LR_BAN_DROP_COLUMN] = {
		{"ban-drop-column", W, "DROP COLUMN", "ALTER TABLE users DROP COLUMN email"},
		"the data is lost and code still reading the column fails",
		"stop using the column in the code first, and drop it in a later release"},
	[LR_BAN_DROP_TABLE] = {
		{"ban-drop-table", W, "DROP TABLE", "DROP TABLE users"},
		"the data is lost and code still using the table fails",
		"stop using the table in the code first, and drop it in a later release"},
	[LR_BAN_DROP_INDEX] = {
		{"ban-drop-index", W, "DROP INDEX", "DROP INDEX users_email"},
		"queries that used the index may become slow; without CONCURRENTLY it blocks the table",
		"make sure nothing needs the index, and use DROP INDEX CONCURRENTLY"},
	[LR_REQUIRE_LOCK_TIMEOUT] = {
		{"require-lock-timeout", W,
		 "a statement taking an ACCESS EXCLUSIVE or SHARE lock on an existing table with no "
		 "SET lock_timeout before it",
		 "ALTER TABLE users ADD COLUMN note text"},
		"waiting for the lock queues every later query on the table behind it",
		"SET lock_timeout = '2s' (or SET LOCAL) earlier in the revision, and retry on timeout"},
	[LR_BAN_VACUUM_FULL] = {
		{"ban-vacuum-full", W, "VACUUM FULL", "VACUUM FULL users"},
		"VACUUM FULL rewrites the table under an ACCESS EXCLUSIVE lock",
		"use plain VACUUM, or a tool that repacks the table online"},
	[LR_BAN_CLUSTER] = {
		{"ban-cluster", W, "CLUSTER", "CLUSTER users USING users_pkey"},
		"CLUSTER rewrites the table under an ACCESS EXCLUSIVE lock",
		"leave the order to the planner, or repack the table online"},
	[LR_REQUIRE_CONCURRENT_REINDEX] = {
		{"require-concurrent-reindex", W, "REINDEX without CONCURRENTLY", "REINDEX INDEX users_email"},
		"REINDEX blocks writes to the table (and reads that use the index) until it ends",
		"use REINDEX CONCURRENTLY in a revision with \"Transactional: false\""},
	[LR_BAN_TRUNCATE] = {
		{"ban-truncate", W, "TRUNCATE", "TRUNCATE users"},
		"every row is lost, under an ACCESS EXCLUSIVE lock",
		"delete the rows you mean in batches, or keep the data"},
	[LR_UNBOUNDED_UPDATE_DELETE] = {
		{"unbounded-update-delete", W, "UPDATE or DELETE without WHERE", "DELETE FROM users"},
		"one statement changes every row: a long lock on all of them and a large WAL burst",
		"add a WHERE clause, and work through big tables in batches"},
	[LR_PREFER_BIGINT_OVER_INT] = {
		{"prefer-bigint-over-int", W, "a primary key column of type int/integer/int4/smallint/int2",
		 "CREATE TABLE users (id integer PRIMARY KEY)"},
		"a 32-bit (or 16-bit) key runs out, and widening it later rewrites the table",
		"use bigint for primary keys"},
	[LR_PREFER_IDENTITY] = {
		{"prefer-identity", W, "a serial, bigserial or smallserial column",
		 "CREATE TABLE users (id bigserial PRIMARY KEY)"},
		"serial's sequence has its own owner and grants, and is easy to get out of step",
		"use bigint GENERATED BY DEFAULT AS IDENTITY"},
	[LR_PREFER_TIMESTAMPTZ] = {
		{"prefer-timestamptz", W, "timestamp without time zone",
		 "CREATE TABLE events (at timestamp)"},
		"a timestamp without zone means a different instant in every session time zone",
		"use timestamptz (timestamp with time zone)"},
	[LR_BAN_CHAR_FIELD] = {
		{"ban-char-field", W, "char(n) / character(n)", "CREATE TABLE users (code char(10))"},
		"char(n) pads with blanks and is no faster than text or varchar",
		"use text (with a CHECK on the length if needed) or varchar(n)"},
	[LR_EMPTY_DOWNGRADE] = {
		{"empty-downgrade", W,
		 "a revision whose downgrade section is missing or has no statements",
		 "-- migrate:downgrade"},
		"the revision cannot be undone by a downgrade",
		"write the statements that undo the upgrade, or say why not in a comment and ignore the rule"},
	[LR_PARSE_ERROR] = {
		{"parse-error", E, "a statement the PostgreSQL parser rejects", "SELEC 1"},
		"PostgreSQL will refuse the statement, so the migration fails when it reaches it",
		"fix the statement's syntax"},
};

int ald__lint_rule_find(const char *id, size_t n)
{
	for (int i = 0; i < LR_COUNT; i++)
		if (strlen(ald__lint_rules[i].pub.id) == n && memcmp(ald__lint_rules[i].pub.id, id, n) == 0)
			return i;
	return -1;
}

size_t ald_lint_rule_count(void)
{
	return LR_COUNT;
}

const ald_lint_rule *ald_lint_rule_at(size_t i)
{
	return i < LR_COUNT ? &ald__lint_rules[i].pub : NULL;
}
