/* lint_rules.h - the lint engine's inside: the rule catalogue, one "unit"
 * (a section of SQL being linted: a revision's upgrade or downgrade, or a
 * script), and the rule groups that look at one parsed statement each.
 *
 * The engine (lint_unit.c) parses a unit once, then hands every statement's
 * parse tree to each group (lint_rules_*.c), which reports what it finds with
 * ald__lint_report(). A group only switches on the statement's node type and
 * reads the few nodes below it: no group walks the whole tree. */
#ifndef ALD_LINT_RULES_H
#define ALD_LINT_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "aludel.h"
#include "pgq_loader.h"
#include "sql_split.h"
#include "util.h"

/* The rules, in catalogue order (lint_catalogue.c keeps the same order). */
enum ald_lint_rule_ix {
	LR_ADDING_REQUIRED_FIELD,
	LR_ADDING_FIELD_WITH_VOLATILE_DEFAULT,
	LR_REQUIRE_CONCURRENT_INDEX_CREATION,
	LR_BAN_CONCURRENT_INDEX_IN_TRANSACTION,
	LR_CONSTRAINT_MISSING_NOT_VALID,
	LR_SET_NOT_NULL,
	LR_CHANGING_COLUMN_TYPE,
	LR_DISALLOWED_UNIQUE_CONSTRAINT,
	LR_RENAMING_COLUMN,
	LR_RENAMING_TABLE,
	LR_BAN_DROP_COLUMN,
	LR_BAN_DROP_TABLE,
	LR_BAN_DROP_INDEX,
	LR_REQUIRE_LOCK_TIMEOUT,
	LR_BAN_VACUUM_FULL,
	LR_BAN_CLUSTER,
	LR_REQUIRE_CONCURRENT_REINDEX,
	LR_BAN_TRUNCATE,
	LR_UNBOUNDED_UPDATE_DELETE,
	LR_PREFER_BIGINT_OVER_INT,
	LR_PREFER_IDENTITY,
	LR_PREFER_TIMESTAMPTZ,
	LR_BAN_CHAR_FIELD,
	LR_EMPTY_DOWNGRADE,
	LR_PARSE_ERROR,
	LR_COUNT
};

/* One rule: what the public catalogue shows, and the finding's fixed lines. */
struct ald_lint_rule_info {
	ald_lint_rule pub;
	const char *reason; /* one line: why it is unsafe */
	const char *fix;    /* one line: the safer way */
};
extern const struct ald_lint_rule_info ald__lint_rules[LR_COUNT];

/* The index of rule `id` (n bytes), or -1. */
int ald__lint_rule_find(const char *id, size_t n);

/* A set of table names (the tables created so far in the unit). */
struct ald_lint_names {
	char **slot;
	size_t cap, n;
};
void ald__lint_names_add(struct ald_lint_names *s, const char *name);
int ald__lint_names_has(const struct ald_lint_names *s, const char *name);
void ald__lint_names_clear(struct ald_lint_names *s);

/* One unit being linted and the statement at hand. */
struct ald_lint_unit {
	struct ald_lint *out;
	const int *severity;          /* per rule, after the ini section (ALD_LINT_OFF: off) */
	const ald_revision *revision; /* NULL for a script */
	const char *path;             /* owned by `out` */
	int downgrade;
	int transactional;            /* the unit runs inside a transaction */
	int in_tx;                    /* a transaction is open at the statement at hand */
	int lock_timeout;             /* a SET lock_timeout was seen earlier in the unit */
	struct ald_lint_names created;/* tables created earlier in the unit */
	struct ald_lint_names not_null_checks; /* "table\x1fconstraint\x1fcolumn": CHECK (column IS NOT
	                                          NULL) added NOT VALID earlier in the unit */
	struct ald_lint_names not_null_proven; /* "table\x1fcolumn": such a CHECK validated earlier in
	                                          the unit (SET NOT NULL then scans nothing) */
	/* the statement at hand */
	const char *stmt;             /* its text (not NUL-terminated) */
	size_t stmt_len;
	unsigned line, column;        /* in the file; 0: unknown */
	uint64_t ignored;             /* bit per rule: its "-- aludel:ignore" line */
	size_t n_statements;          /* statements seen in the unit so far */
};

/* Clears the unit's name sets (what it learnt about its tables). */
void ald__lint_unit_forget(struct ald_lint_unit *u);

/* Records a finding of `rule` for the statement at hand, unless the rule is
 * off or the statement's ignore comment names it. The message is printf-like. */
void ald__lint_report(struct ald_lint_unit *u, int rule, const char *fmt, ...) ALD_ATTR_PRINTF(3, 4);
/* Whether the rule would be reported for the statement at hand (cheap test
 * before any work). */
int ald__lint_wants(const struct ald_lint_unit *u, int rule);
/* Whether the table `rv` names existed before the unit (was not created in it). */
int ald__lint_existing(const struct ald_lint_unit *u, const PgQuery__RangeVar *rv);
/* "schema.table" or "table" of rv, in a static-free buffer of the caller. */
const char *ald__lint_relname(char *buf, size_t n, const PgQuery__RangeVar *rv);

/* The rule groups: each looks at one statement. */
void ald__lint_rules_locking(struct ald_lint_unit *u, const PgQuery__Node *stmt);
void ald__lint_rules_constraints(struct ald_lint_unit *u, const PgQuery__Node *stmt);
void ald__lint_rules_columns(struct ald_lint_unit *u, const PgQuery__Node *stmt);
void ald__lint_rules_data(struct ald_lint_unit *u, const PgQuery__Node *stmt);

/* Lints `len` bytes of SQL whose first byte is at file line `line`, column 1
 * (line 0: positions unknown). Statements the parser rejects are parse-error
 * findings. u->stmt.. are set per statement; u->created/lock_timeout/in_tx
 * carry over between calls for the same unit. Fails only when libpg_query
 * cannot be loaded. */
int ald__lint_unit_sql(struct ald_lint_unit *u, const char *sql, size_t len, unsigned line);
/* Reports the empty-downgrade finding (no statement) for the unit's revision. */
void ald__lint_report_empty_downgrade(struct ald_lint_unit *u, unsigned line);

/* The SQL Alembic's offline mode writes for the .py revisions `revs`
 * (graph indexes, n of them), for lint_revisions.c (lint_alembic.c). For each
 * revision: its upgrade statements, and its downgrade statements or
 * no_downgrade (no downgrade() function). Alembic is started once per
 * direction for the whole set where the set allows. When Alembic cannot give
 * a revision's SQL, the error names the revision and says why. */
struct ald_lint_pysql {
	struct ald_stmts up, down;
	int no_downgrade;
};
int ald__lint_python_sql(struct ald_lint_pysql *out, const ald_project *p, const size_t *revs, size_t n);

/* The findings container (lint.c). */
struct ald_lint *ald__lint_new(void);
/* A copy of s kept by l until ald_lint_free. */
const char *ald__lint_keep(struct ald_lint *l, const char *s);

/* The per-rule severities of the project's ini section (lint_disable,
 * lint_warning, lint_error); p may be NULL (defaults). An unknown id is
 * ALD_EINVALID naming the key and the id. */
int ald__lint_severities(int sev[LR_COUNT], const ald_project *p);

#endif
