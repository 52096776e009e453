/* project_envpy.c - an Alembic project's version table settings from env.py:
 * the literal arguments of context.configure(...) (envpy.c), used where the
 * ini section does not give the key; what env.py computes is named in the
 * project's warning, with the value aludel uses instead, so that a custom
 * table is never silently read as an empty alembic_version. */
#include "envpy.h"
#include "error.h"
#include "project.h"

#include <stdlib.h>
#include <string.h>

/* Adds one line about a setting env.py computes. */
static void computed(struct ald_buf *b, const char *path, const struct ald_envpy_setting *s, const char *key,
		     const char *used)
{
	ald__buf_printf(b, "%s%s:%u computes %s, or its context.configure() calls differ on it: aludel uses %s; "
			  "set %s in the ini section to name it",
		       b->len ? "\n" : "", path, s->line, key, used, key);
}

void ald__project_apply_envpy(ald_project *p)
{
	struct ald_config *c = &p->config;
	char *path = ald__xasprintf("%s/env.py", c->script_location);
	struct ald_envpy env;
	struct ald_buf b = {0};
	if (ald__envpy_read(&env, path) < 0) {
		ald__buf_printf(&b, "%s; aludel uses the ini section's version table settings only",
			       ald_error_last()->message);
		ald__error_clear();
		p->warning = ald__buf_detach(&b);
		free(path);
		return;
	}
	if (!c->version_table_set) {
		if (env.version_table.state == ALD_ENVPY_LITERAL && env.version_table.value) {
			free(c->version_table);
			c->version_table = ald__xstrdup(env.version_table.value);
		} else if (env.version_table.state == ALD_ENVPY_COMPUTED) {
			char *used = ald__xasprintf("'%s'", c->version_table);
			computed(&b, path, &env.version_table, "version_table", used);
			free(used);
		}
	}
	if (!c->version_table_schema) {
		if (env.version_table_schema.state == ALD_ENVPY_LITERAL && env.version_table_schema.value)
			c->version_table_schema = ald__xstrdup(env.version_table_schema.value);
		else if (env.version_table_schema.state == ALD_ENVPY_COMPUTED)
			computed(&b, path, &env.version_table_schema, "version_table_schema", "no schema");
	}
	if (!c->transaction_per_migration_set) {
		if (env.transaction_per_migration.state == ALD_ENVPY_LITERAL)
			c->transaction_per_migration = ald__streq(env.transaction_per_migration.value, "1");
		else if (env.transaction_per_migration.state == ALD_ENVPY_COMPUTED)
			computed(&b, path, &env.transaction_per_migration, "transaction_per_migration",
				 c->transaction_per_migration ? "true" : "false");
	}
	if (b.len)
		p->warning = ald__buf_detach(&b);
	ald__envpy_clear(&env);
	free(path);
}
