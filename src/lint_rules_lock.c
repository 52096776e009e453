/* lint_rules_lock.c - the rules about locks and indexes:
 * require-concurrent-index-creation, ban-concurrent-index-creation-in-
 * transaction, ban-drop-index, require-concurrent-reindex, ban-vacuum-full,
 * ban-cluster, and require-lock-timeout (a statement taking an ACCESS
 * EXCLUSIVE or SHARE lock on an existing table with no SET lock_timeout
 * before it in the unit). */
#include "lint_rules.h"

#include <stdio.h>
#include <string.h>

/* Whether a DefElem option list holds `name` set to true (no argument, a
 * true boolean, or any other value than false/off/0). */
static int option_on(PgQuery__Node **v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++) {
		if (v[i]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM || !v[i]->def_elem->defname ||
		    strcmp(v[i]->def_elem->defname, name) != 0)
			continue;
		const PgQuery__Node *a = v[i]->def_elem->arg;
		if (!a)
			return 1;
		if (a->node_case == PG_QUERY__NODE__NODE_BOOLEAN)
			return a->boolean->boolval;
		if (a->node_case == PG_QUERY__NODE__NODE_STRING && a->string->sval)
			return strcmp(a->string->sval, "false") != 0 && strcmp(a->string->sval, "off") != 0;
		if (a->node_case == PG_QUERY__NODE__NODE_A_CONST && a->a_const->val_case ==
		    PG_QUERY__A__CONST__VAL_BOOLVAL)
			return a->a_const->boolval->boolval;
		return 1;
	}
	return 0;
}

/* The last name of a qualified name (a List of String nodes). */
static const char *last_name(const PgQuery__Node *n)
{
	if (!n)
		return "?";
	if (n->node_case == PG_QUERY__NODE__NODE_STRING)
		return n->string->sval;
	if (n->node_case == PG_QUERY__NODE__NODE_LIST && n->list->n_items) {
		const PgQuery__Node *l = n->list->items[n->list->n_items - 1];
		if (l->node_case == PG_QUERY__NODE__NODE_STRING)
			return l->string->sval;
	}
	return "?";
}

/* Whether every command of an ALTER TABLE takes a lock weaker than SHARE. */
static int alter_is_light(const PgQuery__AlterTableStmt *a)
{
	for (size_t i = 0; i < a->n_cmds; i++) {
		if (a->cmds[i]->node_case != PG_QUERY__NODE__NODE_ALTER_TABLE_CMD)
			return 0;
		switch (a->cmds[i]->alter_table_cmd->subtype) {
		case PG_QUERY__ALTER_TABLE_TYPE__AT_ValidateConstraint:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_SetStatistics:
			break;
		default:
			return 0;
		}
	}
	return a->n_cmds > 0;
}

/* What the statement locks heavily, written into buf ("" when nothing). */
static const char *heavy_lock(char *buf, size_t n, const struct ald_lint_unit *u, const PgQuery__Node *st)
{
	char name[256];
	buf[0] = '\0';
	switch (st->node_case) {
	case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT: {
		const PgQuery__AlterTableStmt *a = st->alter_table_stmt;
		if (ald__lint_existing(u, a->relation) && !alter_is_light(a))
			snprintf(buf, n, "ALTER of %s takes an ACCESS EXCLUSIVE lock",
				 ald__lint_relname(name, sizeof(name), a->relation));
		break;
	}
	case PG_QUERY__NODE__NODE_INDEX_STMT:
		if (!st->index_stmt->concurrent && ald__lint_existing(u, st->index_stmt->relation))
			snprintf(buf, n, "CREATE INDEX on %s takes a SHARE lock",
				 ald__lint_relname(name, sizeof(name), st->index_stmt->relation));
		break;
	case PG_QUERY__NODE__NODE_RENAME_STMT:
		if (st->rename_stmt->relation && ald__lint_existing(u, st->rename_stmt->relation))
			snprintf(buf, n, "RENAME on %s takes an ACCESS EXCLUSIVE lock",
				 ald__lint_relname(name, sizeof(name), st->rename_stmt->relation));
		break;
	case PG_QUERY__NODE__NODE_DROP_STMT: {
		const PgQuery__DropStmt *d = st->drop_stmt;
		int table = d->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_TABLE;
		int index = d->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_INDEX && !d->concurrent;
		for (size_t i = 0; (table || index) && i < d->n_objects; i++) {
			const char *obj = last_name(d->objects[i]);
			if (index || !ald__lint_names_has(&u->created, obj)) {
				snprintf(buf, n, "DROP %s %s takes an ACCESS EXCLUSIVE lock", table ? "TABLE" : "INDEX",
					 obj);
				break;
			}
		}
		break;
	}
	case PG_QUERY__NODE__NODE_TRUNCATE_STMT:
		snprintf(buf, n, "TRUNCATE takes an ACCESS EXCLUSIVE lock");
		break;
	case PG_QUERY__NODE__NODE_CLUSTER_STMT:
		snprintf(buf, n, "CLUSTER takes an ACCESS EXCLUSIVE lock");
		break;
	case PG_QUERY__NODE__NODE_VACUUM_STMT:
		if (st->vacuum_stmt->is_vacuumcmd && option_on(st->vacuum_stmt->options, st->vacuum_stmt->n_options, "full"))
			snprintf(buf, n, "VACUUM FULL takes an ACCESS EXCLUSIVE lock");
		break;
	case PG_QUERY__NODE__NODE_REINDEX_STMT:
		if (!option_on(st->reindex_stmt->params, st->reindex_stmt->n_params, "concurrently"))
			snprintf(buf, n, "REINDEX takes a SHARE lock");
		break;
	default:
		break;
	}
	return buf;
}

static void index_rules(struct ald_lint_unit *u, const PgQuery__IndexStmt *ix)
{
	char name[256];
	ald__lint_relname(name, sizeof(name), ix->relation);
	if (ix->concurrent && u->in_tx)
		ald__lint_report(u, LR_BAN_CONCURRENT_INDEX_IN_TRANSACTION,
				"CREATE INDEX CONCURRENTLY on %s inside a transaction", name);
	if (!ix->concurrent && ald__lint_existing(u, ix->relation))
		ald__lint_report(u, LR_REQUIRE_CONCURRENT_INDEX_CREATION,
				"CREATE %sINDEX %s on existing table %s without CONCURRENTLY", ix->unique ? "UNIQUE " : "",
				ix->idxname && *ix->idxname ? ix->idxname : "(unnamed)", name);
}

static void drop_rules(struct ald_lint_unit *u, const PgQuery__DropStmt *d)
{
	if (d->remove_type != PG_QUERY__OBJECT_TYPE__OBJECT_INDEX)
		return;
	if (d->concurrent && u->in_tx)
		ald__lint_report(u, LR_BAN_CONCURRENT_INDEX_IN_TRANSACTION, "DROP INDEX CONCURRENTLY %s inside a transaction",
				d->n_objects ? last_name(d->objects[0]) : "?");
	for (size_t i = 0; i < d->n_objects; i++)
		ald__lint_report(u, LR_BAN_DROP_INDEX, "DROP INDEX %s", last_name(d->objects[i]));
}

static void reindex_rules(struct ald_lint_unit *u, const PgQuery__ReindexStmt *r)
{
	char name[256];
	const char *what = r->relation ? ald__lint_relname(name, sizeof(name), r->relation) : r->name ? r->name : "?";
	if (option_on(r->params, r->n_params, "concurrently")) {
		if (u->in_tx)
			ald__lint_report(u, LR_BAN_CONCURRENT_INDEX_IN_TRANSACTION,
					"REINDEX CONCURRENTLY %s inside a transaction", what);
	} else {
		ald__lint_report(u, LR_REQUIRE_CONCURRENT_REINDEX, "REINDEX %s without CONCURRENTLY", what);
	}
}

void ald__lint_rules_locking(struct ald_lint_unit *u, const PgQuery__Node *st)
{
	char name[256];
	switch (st->node_case) {
	case PG_QUERY__NODE__NODE_INDEX_STMT:
		index_rules(u, st->index_stmt);
		break;
	case PG_QUERY__NODE__NODE_DROP_STMT:
		drop_rules(u, st->drop_stmt);
		break;
	case PG_QUERY__NODE__NODE_REINDEX_STMT:
		reindex_rules(u, st->reindex_stmt);
		break;
	case PG_QUERY__NODE__NODE_VACUUM_STMT:
		if (st->vacuum_stmt->is_vacuumcmd && option_on(st->vacuum_stmt->options, st->vacuum_stmt->n_options, "full")) {
			const PgQuery__Node *r = st->vacuum_stmt->n_rels ? st->vacuum_stmt->rels[0] : NULL;
			ald__lint_report(u, LR_BAN_VACUUM_FULL, "VACUUM FULL %s",
					r && r->node_case == PG_QUERY__NODE__NODE_VACUUM_RELATION
						? ald__lint_relname(name, sizeof(name), r->vacuum_relation->relation)
						: "(every table)");
		}
		break;
	case PG_QUERY__NODE__NODE_CLUSTER_STMT:
		ald__lint_report(u, LR_BAN_CLUSTER, "CLUSTER %s",
				st->cluster_stmt->relation ? ald__lint_relname(name, sizeof(name), st->cluster_stmt->relation)
							   : "(every clustered table)");
		break;
	default:
		break;
	}
	if (!u->lock_timeout && ald__lint_wants(u, LR_REQUIRE_LOCK_TIMEOUT)) {
		char what[400];
		if (*heavy_lock(what, sizeof(what), u, st))
			ald__lint_report(u, LR_REQUIRE_LOCK_TIMEOUT, "%s with no SET lock_timeout before it", what);
	}
}
