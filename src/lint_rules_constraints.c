/* lint_rules_constraints.c - the rules about constraints added to an
 * existing table: adding-required-field (NOT NULL without a default),
 * constraint-missing-not-valid (FOREIGN KEY or CHECK validated at once),
 * also for ADD COLUMN ... REFERENCES), set-not-null (not when a CHECK (column
 * IS NOT NULL) was validated earlier in the unit: PostgreSQL 12+ then scans
 * nothing), disallowed-unique-constraint (UNIQUE or PRIMARY KEY without
 * USING INDEX). A table created earlier in the unit is not flagged. */
#include "lint_rules.h"

#include <stdio.h>
#include <string.h>

#define SEP "\x1f"

/* Whether a column gets its values without a DEFAULT clause: serial types,
 * identity and generated columns. */
static int filled_by_itself(const PgQuery__ColumnDef *c)
{
	if ((c->identity && *c->identity) || (c->generated && *c->generated))
		return 1;
	if (c->type_name && c->type_name->n_names) {
		const PgQuery__Node *l = c->type_name->names[c->type_name->n_names - 1];
		if (l->node_case == PG_QUERY__NODE__NODE_STRING && l->string->sval) {
			static const char *const serials[] = {"serial", "serial4", "bigserial", "serial8", "smallserial",
							      "serial2"};
			for (size_t i = 0; i < sizeof(serials) / sizeof(*serials); i++)
				if (strcmp(l->string->sval, serials[i]) == 0)
					return 1;
		}
	}
	return 0;
}

static void add_column(struct ald_lint_unit *u, const char *table, const PgQuery__ColumnDef *c)
{
	int not_null = c->is_not_null, has_default = c->raw_default != NULL;
	for (size_t i = 0; i < c->n_constraints; i++) {
		if (c->constraints[i]->node_case != PG_QUERY__NODE__NODE_CONSTRAINT)
			continue;
		switch (c->constraints[i]->constraint->contype) {
		case PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL:
		case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
			not_null = 1;
			break;
		case PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT:
		case PG_QUERY__CONSTR_TYPE__CONSTR_IDENTITY:
		case PG_QUERY__CONSTR_TYPE__CONSTR_GENERATED:
			has_default = 1;
			break;
		case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN:
			ald__lint_report(u, LR_CONSTRAINT_MISSING_NOT_VALID,
					"column %s.%s is added with REFERENCES (a FOREIGN KEY that cannot be NOT VALID)",
					table, c->colname);
			break;
		default:
			break;
		}
	}
	if (not_null && !has_default && !filled_by_itself(c))
		ald__lint_report(u, LR_ADDING_REQUIRED_FIELD, "column %s.%s is added NOT NULL without a DEFAULT", table,
				c->colname);
}

/* The column of a CHECK (column IS NOT NULL), else NULL. */
static const char *not_null_check_column(const PgQuery__Constraint *k)
{
	const PgQuery__Node *e = k->raw_expr;
	if (!e || e->node_case != PG_QUERY__NODE__NODE_NULL_TEST ||
	    e->null_test->nulltesttype != PG_QUERY__NULL_TEST_TYPE__IS_NOT_NULL)
		return NULL;
	const PgQuery__Node *a = e->null_test->arg;
	if (!a || a->node_case != PG_QUERY__NODE__NODE_COLUMN_REF || a->column_ref->n_fields != 1 ||
	    a->column_ref->fields[0]->node_case != PG_QUERY__NODE__NODE_STRING)
		return NULL;
	return a->column_ref->fields[0]->string->sval;
}

/* Remembers a CHECK (column IS NOT NULL): proven at once, or, NOT VALID,
 * once VALIDATE CONSTRAINT names it. */
static void remember_not_null_check(struct ald_lint_unit *u, const char *table, const PgQuery__Constraint *k)
{
	const char *col = not_null_check_column(k);
	if (!col)
		return;
	char key[1024];
	if (!k->skip_validation) {
		snprintf(key, sizeof(key), "%s" SEP "%s", table, col);
		ald__lint_names_add(&u->not_null_proven, key);
	} else if (k->conname) {
		snprintf(key, sizeof(key), "%s" SEP "%s" SEP "%s", table, k->conname, col);
		ald__lint_names_add(&u->not_null_checks, key);
	}
}

/* VALIDATE CONSTRAINT name on table: the column it proves NOT NULL, if any. */
static void validate_constraint(struct ald_lint_unit *u, const char *table, const char *name)
{
	char prefix[1024], key[1024];
	int n = snprintf(prefix, sizeof(prefix), "%s" SEP "%s" SEP, table, name ? name : "");
	if (n < 0 || (size_t)n >= sizeof(prefix))
		return;
	for (size_t i = 0; i < u->not_null_checks.cap; i++) {
		const char *k = u->not_null_checks.slot[i];
		if (k && strncmp(k, prefix, (size_t)n) == 0) {
			snprintf(key, sizeof(key), "%s" SEP "%s", table, k + n);
			ald__lint_names_add(&u->not_null_proven, key);
		}
	}
}

static void set_not_null(struct ald_lint_unit *u, const char *table, const char *col)
{
	char key[1024];
	snprintf(key, sizeof(key), "%s" SEP "%s", table, col ? col : "");
	if (!ald__lint_names_has(&u->not_null_proven, key))
		ald__lint_report(u, LR_SET_NOT_NULL, "column %s.%s is set NOT NULL", table, col);
}

static void add_constraint(struct ald_lint_unit *u, const char *table, const PgQuery__Constraint *k)
{
	const char *name = k->conname && *k->conname ? k->conname : "(unnamed)";
	switch (k->contype) {
	case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK:
		remember_not_null_check(u, table, k);
		/* fall through */
	case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN:
		if (!k->skip_validation)
			ald__lint_report(u, LR_CONSTRAINT_MISSING_NOT_VALID, "%s constraint %s on %s is added without NOT VALID",
					k->contype == PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN ? "FOREIGN KEY" : "CHECK", name,
					table);
		break;
	case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
	case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
		if (!k->indexname || !*k->indexname)
			ald__lint_report(u, LR_DISALLOWED_UNIQUE_CONSTRAINT, "%s constraint %s on %s is added without USING INDEX",
					k->contype == PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE ? "UNIQUE" : "PRIMARY KEY", name,
					table);
		break;
	default:
		break;
	}
}

void ald__lint_rules_constraints(struct ald_lint_unit *u, const PgQuery__Node *st)
{
	if (st->node_case != PG_QUERY__NODE__NODE_ALTER_TABLE_STMT)
		return;
	const PgQuery__AlterTableStmt *a = st->alter_table_stmt;
	if (a->objtype != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE || !ald__lint_existing(u, a->relation))
		return;
	char table[256];
	ald__lint_relname(table, sizeof(table), a->relation);
	for (size_t i = 0; i < a->n_cmds; i++) {
		if (a->cmds[i]->node_case != PG_QUERY__NODE__NODE_ALTER_TABLE_CMD)
			continue;
		const PgQuery__AlterTableCmd *c = a->cmds[i]->alter_table_cmd;
		const PgQuery__Node *def = c->def;
		switch (c->subtype) {
		case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn:
			if (def && def->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF)
				add_column(u, table, def->column_def);
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint:
			if (def && def->node_case == PG_QUERY__NODE__NODE_CONSTRAINT)
				add_constraint(u, table, def->constraint);
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_SetNotNull:
			set_not_null(u, table, c->name);
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_ValidateConstraint:
			validate_constraint(u, table, c->name);
			break;
		default:
			break;
		}
	}
}
