/* lint_rules_columns.c - the rules about columns, their types and table
 * names: adding-field-with-volatile-default, changing-column-type,
 * renaming-column, renaming-table, ban-drop-column, ban-drop-table (these
 * six not for a table created earlier in the unit), and the type rules
 * prefer-bigint-over-int (primary keys), prefer-identity, prefer-timestamptz
 * and ban-char-field (every column written in CREATE TABLE, ADD COLUMN or
 * ALTER COLUMN ... TYPE). */
#include "lint_rules.h"

#include <stdio.h>
#include <string.h>

static int in(const char *s, const char *const *v, size_t n)
{
	for (size_t i = 0; s && i < n; i++)
		if (strcmp(s, v[i]) == 0)
			return 1;
	return 0;
}
#define IN(s, list) in((s), (list), sizeof(list) / sizeof(*(list)))

static const char *const int_types[] = {"int4", "int2", "int", "integer", "smallint",
					"serial", "serial4", "smallserial", "serial2"};
static const char *const serial_types[] = {"serial", "serial4", "bigserial", "serial8", "smallserial", "serial2"};
static const char *const volatile_funcs[] = {"random", "clock_timestamp", "gen_random_uuid", "uuid_generate_v1",
					     "uuid_generate_v1mc", "uuid_generate_v4", "nextval", "timeofday",
					     "txid_current", "setseed", "random_normal"};

/* The type's own name (the last of its qualified name), or NULL. */
static const char *type_name(const PgQuery__TypeName *t)
{
	if (!t || !t->n_names)
		return NULL;
	const PgQuery__Node *l = t->names[t->n_names - 1];
	return l->node_case == PG_QUERY__NODE__NODE_STRING ? l->string->sval : NULL;
}

/* The first volatile function the expression calls, or NULL. */
static const char *volatile_call(const PgQuery__Node *n)
{
	if (!n)
		return NULL;
	const char *f = NULL;
	switch (n->node_case) {
	case PG_QUERY__NODE__NODE_FUNC_CALL: {
		const PgQuery__FuncCall *fc = n->func_call;
		const PgQuery__Node *l = fc->n_funcname ? fc->funcname[fc->n_funcname - 1] : NULL;
		if (l && l->node_case == PG_QUERY__NODE__NODE_STRING && IN(l->string->sval, volatile_funcs))
			return l->string->sval;
		for (size_t i = 0; !f && i < fc->n_args; i++)
			f = volatile_call(fc->args[i]);
		return f;
	}
	case PG_QUERY__NODE__NODE_TYPE_CAST:
		return volatile_call(n->type_cast->arg);
	case PG_QUERY__NODE__NODE_A_EXPR:
		f = volatile_call(n->a_expr->lexpr);
		return f ? f : volatile_call(n->a_expr->rexpr);
	case PG_QUERY__NODE__NODE_BOOL_EXPR:
		for (size_t i = 0; !f && i < n->bool_expr->n_args; i++)
			f = volatile_call(n->bool_expr->args[i]);
		return f;
	case PG_QUERY__NODE__NODE_COALESCE_EXPR:
		for (size_t i = 0; !f && i < n->coalesce_expr->n_args; i++)
			f = volatile_call(n->coalesce_expr->args[i]);
		return f;
	case PG_QUERY__NODE__NODE_LIST:
		for (size_t i = 0; !f && i < n->list->n_items; i++)
			f = volatile_call(n->list->items[i]);
		return f;
	default:
		return NULL;
	}
}

/* The volatile default of a column (a function name, or "a serial sequence"), or NULL. */
static const char *volatile_default(const PgQuery__ColumnDef *c)
{
	const char *f = volatile_call(c->raw_default);
	for (size_t i = 0; !f && i < c->n_constraints; i++)
		if (c->constraints[i]->node_case == PG_QUERY__NODE__NODE_CONSTRAINT &&
		    c->constraints[i]->constraint->contype == PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT)
			f = volatile_call(c->constraints[i]->constraint->raw_expr);
	if (!f && IN(type_name(c->type_name), serial_types))
		f = "nextval";
	return f;
}

static int has_primary_key(const PgQuery__ColumnDef *c)
{
	for (size_t i = 0; i < c->n_constraints; i++)
		if (c->constraints[i]->node_case == PG_QUERY__NODE__NODE_CONSTRAINT &&
		    c->constraints[i]->constraint->contype == PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY)
			return 1;
	return 0;
}

/* The type rules for one column of `table`; `pk`: it is (part of) the primary key. */
static void type_rules(struct ald_lint_unit *u, const char *table, const char *col, const PgQuery__TypeName *t, int pk)
{
	const char *ty = type_name(t);
	if (!ty)
		return;
	if (pk && IN(ty, int_types))
		ald__lint_report(u, LR_PREFER_BIGINT_OVER_INT, "primary key column %s.%s is %s, not bigint", table, col,
				strcmp(ty, "int4") == 0 ? "integer" : strcmp(ty, "int2") == 0 ? "smallint" : ty);
	if (IN(ty, serial_types))
		ald__lint_report(u, LR_PREFER_IDENTITY, "column %s.%s is %s, not an identity column", table, col, ty);
	if (strcmp(ty, "timestamp") == 0)
		ald__lint_report(u, LR_PREFER_TIMESTAMPTZ, "column %s.%s is timestamp without time zone", table, col);
	if (strcmp(ty, "bpchar") == 0)
		ald__lint_report(u, LR_BAN_CHAR_FIELD, "column %s.%s is char(n)", table, col);
}

/* Whether `col` is listed in a table-level PRIMARY KEY of the CREATE TABLE. */
static int in_table_pk(const PgQuery__CreateStmt *cs, const char *col)
{
	for (size_t i = 0; i < cs->n_table_elts; i++) {
		const PgQuery__Node *e = cs->table_elts[i];
		if (e->node_case != PG_QUERY__NODE__NODE_CONSTRAINT ||
		    e->constraint->contype != PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY)
			continue;
		for (size_t k = 0; k < e->constraint->n_keys; k++)
			if (e->constraint->keys[k]->node_case == PG_QUERY__NODE__NODE_STRING &&
			    strcmp(e->constraint->keys[k]->string->sval, col) == 0)
				return 1;
	}
	return 0;
}

static void create_table(struct ald_lint_unit *u, const PgQuery__CreateStmt *cs)
{
	char table[256];
	ald__lint_relname(table, sizeof(table), cs->relation);
	for (size_t i = 0; i < cs->n_table_elts; i++) {
		const PgQuery__Node *e = cs->table_elts[i];
		if (e->node_case != PG_QUERY__NODE__NODE_COLUMN_DEF)
			continue;
		const PgQuery__ColumnDef *c = e->column_def;
		type_rules(u, table, c->colname, c->type_name, has_primary_key(c) || in_table_pk(cs, c->colname));
	}
}

static void alter_table(struct ald_lint_unit *u, const PgQuery__AlterTableStmt *a)
{
	if (a->objtype != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE)
		return;
	char table[256];
	ald__lint_relname(table, sizeof(table), a->relation);
	int existing = ald__lint_existing(u, a->relation);
	for (size_t i = 0; i < a->n_cmds; i++) {
		if (a->cmds[i]->node_case != PG_QUERY__NODE__NODE_ALTER_TABLE_CMD)
			continue;
		const PgQuery__AlterTableCmd *c = a->cmds[i]->alter_table_cmd;
		const PgQuery__ColumnDef *def = c->def && c->def->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF
							? c->def->column_def
							: NULL;
		switch (c->subtype) {
		case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn:
			if (!def)
				break;
			if (existing && ald__lint_wants(u, LR_ADDING_FIELD_WITH_VOLATILE_DEFAULT)) {
				const char *f = volatile_default(def);
				if (f)
					ald__lint_report(u, LR_ADDING_FIELD_WITH_VOLATILE_DEFAULT,
							"column %s.%s is added with the volatile default %s()", table,
							def->colname, f);
			}
			type_rules(u, table, def->colname, def->type_name, has_primary_key(def));
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnType:
			if (existing)
				ald__lint_report(u, LR_CHANGING_COLUMN_TYPE, "column %s.%s changes its type", table, c->name);
			if (def)
				type_rules(u, table, c->name, def->type_name, 0);
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumn:
			if (existing)
				ald__lint_report(u, LR_BAN_DROP_COLUMN, "column %s.%s is dropped", table, c->name);
			break;
		default:
			break;
		}
	}
}

static void rename_rules(struct ald_lint_unit *u, const PgQuery__RenameStmt *r)
{
	char table[256];
	if (!r->relation || !ald__lint_existing(u, r->relation))
		return;
	ald__lint_relname(table, sizeof(table), r->relation);
	if (r->rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN)
		ald__lint_report(u, LR_RENAMING_COLUMN, "column %s.%s is renamed to %s", table, r->subname, r->newname);
	else if (r->rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_TABLE)
		ald__lint_report(u, LR_RENAMING_TABLE, "table %s is renamed to %s", table, r->newname);
}

static void drop_tables(struct ald_lint_unit *u, const PgQuery__DropStmt *d)
{
	if (d->remove_type != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE)
		return;
	for (size_t i = 0; i < d->n_objects; i++) {
		const PgQuery__Node *o = d->objects[i];
		if (o->node_case != PG_QUERY__NODE__NODE_LIST || !o->list->n_items)
			continue;
		struct ald_buf name = {0};
		const char *last = NULL;
		for (size_t k = 0; k < o->list->n_items; k++) {
			if (o->list->items[k]->node_case != PG_QUERY__NODE__NODE_STRING)
				continue;
			last = o->list->items[k]->string->sval;
			ald__buf_printf(&name, "%s%s", k ? "." : "", last);
		}
		if (last && !ald__lint_names_has(&u->created, last))
			ald__lint_report(u, LR_BAN_DROP_TABLE, "table %s is dropped", ald__buf_cstr(&name));
		ald__buf_free(&name);
	}
}

void ald__lint_rules_columns(struct ald_lint_unit *u, const PgQuery__Node *st)
{
	switch (st->node_case) {
	case PG_QUERY__NODE__NODE_CREATE_STMT:
		create_table(u, st->create_stmt);
		break;
	case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT:
		alter_table(u, st->alter_table_stmt);
		break;
	case PG_QUERY__NODE__NODE_RENAME_STMT:
		rename_rules(u, st->rename_stmt);
		break;
	case PG_QUERY__NODE__NODE_DROP_STMT:
		drop_tables(u, st->drop_stmt);
		break;
	default:
		break;
	}
}
