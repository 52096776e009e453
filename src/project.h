/* project.h - the definitions behind the public ald_project, ald_revision and
 * ald_revlist handles, shared by the files that implement the public API. */
#ifndef ALD_PROJECT_H
#define ALD_PROJECT_H

#include "aludel.h"
#include "sql_split.h"
#include "config.h"
#include "db.h"
#include "graph.h"

#include <signal.h>

struct ald_revision {
	const struct ald_project *project;
	const struct ald_rev *rev;
};

struct ald_project {
	struct ald_config config;
	struct ald_graph *graph;
	struct ald_revision *revisions; /* one per graph revision, same index */
	char *url_display;              /* masked URL or NULL */
	struct ald_db *db;              /* opened on first use; NULL before */
	int alembic;                    /* new revision files are Alembic .py files */
	char *warning;                  /* what to tell the user once (env.py's settings), or NULL */
	char *cache_note;               /* a damaged header cache found (ald_project_cache_note), or NULL */
	/* while ald_verify runs on this project: its scratch project, which
	 * ald_project_cancel cancels too, and the request itself (verify.c) */
	struct ald_project *volatile verify_scratch;
	volatile sig_atomic_t verify_cancelled;
};

struct ald_revlist {
	const ald_revision **v;
	size_t n, cap;
};

/* A new empty list (the caller's). */
ald_revlist *ald__revlist_new(void);
void ald__revlist_push(ald_revlist *l, const ald_revision *r);
/* A new list holding the revisions of `ix` (graph indexes) in that order. */
ald_revlist *ald__revlist_from_ix(const ald_project *p, const struct ald_ixvec *ix);

/* Maps version-table rows to revision indexes (appended to *out); a row that
 * names no revision is an error ("Can't locate revision identified by ..."). */
int ald__project_rows_to_ix(struct ald_ixvec *out, const ald_project *p, const char *const *rows,
			   size_t n_rows);

/* Takes version_table, version_table_schema and transaction_per_migration
 * from the literal arguments of context.configure(...) in the project's
 * env.py where the ini section does not give them (project_envpy.c); what
 * env.py computes, or a file that cannot be read, becomes p->warning. */
void ald__project_apply_envpy(ald_project *p);

/* The dialect of the configured URL, for offline scripts and previews
 * (ALD_DIALECT_DEFAULT when there is no URL or it cannot be read). */
const struct ald_dialect *ald__project_dialect(const ald_project *p);
/* Whose rules split the project's SQL sections (sql_split.h): its URL's
 * scheme, ALD_SQL_ANY without a URL - as plans split them. */
enum ald_sql_dialect ald__project_split_dialect(const ald_project *p);

/* The project's database, connected on first use (no URL: an error naming
 * the ways to configure one). *out is borrowed from the project. */
int ald__project_db(struct ald_db **out, ald_project *p);

#endif
