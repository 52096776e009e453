/* lint_rules_data.c - the rules about rows: ban-truncate and
 * unbounded-update-delete (UPDATE or DELETE without WHERE). */
#include "lint_rules.h"

#include <stdio.h>

void ald__lint_rules_data(struct ald_lint_unit *u, const PgQuery__Node *st)
{
	char name[256];
	switch (st->node_case) {
	case PG_QUERY__NODE__NODE_TRUNCATE_STMT: {
		const PgQuery__TruncateStmt *t = st->truncate_stmt;
		const PgQuery__Node *r = t->n_relations ? t->relations[0] : NULL;
		ald__lint_report(u, LR_BAN_TRUNCATE, "TRUNCATE %s%s",
				r && r->node_case == PG_QUERY__NODE__NODE_RANGE_VAR
					? ald__lint_relname(name, sizeof(name), r->range_var)
					: "?",
				t->n_relations > 1 ? " and others" : "");
		break;
	}
	case PG_QUERY__NODE__NODE_UPDATE_STMT:
		if (!st->update_stmt->where_clause)
			ald__lint_report(u, LR_UNBOUNDED_UPDATE_DELETE, "UPDATE of %s without WHERE changes every row",
					ald__lint_relname(name, sizeof(name), st->update_stmt->relation));
		break;
	case PG_QUERY__NODE__NODE_DELETE_STMT:
		if (!st->delete_stmt->where_clause)
			ald__lint_report(u, LR_UNBOUNDED_UPDATE_DELETE, "DELETE FROM %s without WHERE deletes every row",
					ald__lint_relname(name, sizeof(name), st->delete_stmt->relation));
		break;
	default:
		break;
	}
}
