/* project.c - opening a project: configuration, revision files, graph. */
#include "project.h"
#include "error.h"
#include "scan.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int file_exists(const char *dir, const char *name)
{
	struct stat st;
	char *path = ald__xasprintf("%s/%s", dir, name);
	int ok = stat(path, &st) == 0;
	free(path);
	return ok;
}

/* An Alembic project has Alembic's env.py, or only .py revisions. */
static int detect_alembic(const struct ald_config *cfg, const struct ald_rev *revs, size_t n)
{
	if (file_exists(cfg->script_location, "env.py"))
		return 1;
	size_t py = 0;
	for (size_t i = 0; i < n; i++)
		py += revs[i].file.kind == ALD_REVFILE_PY;
	return n > 0 && py == n;
}

int ald_project_open(ald_project **out, const ald_open_options *opts)
{
	ald_open_options defaults = ALD_OPEN_OPTIONS_INIT;
	if (!opts)
		opts = &defaults;
	*out = NULL;
	ald__error_clear();
	int verr = ald__options_version_check("ald_project_open", opts->version, ALD_OPEN_OPTIONS_VERSION);
	if (verr < 0)
		return verr;

	ald_project *p = ald__xcalloc(1, sizeof(*p));
	struct ald_config_options copts = {
		.path = opts->config_path,
		.section = opts->section,
		.url = opts->url,
		.x_args = opts->x_args,
		.n_x_args = opts->n_x_args,
	};
	int error = ald__config_load(&p->config, &copts);
	if (error < 0)
		goto fail;

	/* the files are read straight into the graph's revisions: .file comes first */
	_Static_assert(offsetof(struct ald_rev, file) == 0, "ald_rev begins with its file");
	void *revs = NULL;
	size_t n = 0;
	struct ald_scan_cache sc = {.off = opts->version >= 2 && opts->no_cache, .note = NULL};
	error = ald__scan_versions(&revs, &n, sizeof(struct ald_rev), &p->config.version_locations,
				  p->config.version_locations_set, &sc);
	p->cache_note = sc.note;
	if (error < 0)
		goto fail;
	p->alembic = detect_alembic(&p->config, revs, n);
	if (p->alembic)
		ald__project_apply_envpy(p);
	error = ald__graph_build_revs(&p->graph, revs, n);
	if (error < 0)
		goto fail;

	p->revisions = ald__xcalloc(p->graph->n, sizeof(*p->revisions));
	for (size_t i = 0; i < p->graph->n; i++) {
		p->revisions[i].project = p;
		p->revisions[i].rev = &p->graph->revs[i];
	}
	/* the password masked, even in a URL that cannot be read (db.h) */
	if (p->config.url)
		p->url_display = ald__db_url_display(p->config.url);
	*out = p;
	return 0;
fail:
	ald_project_free(p);
	return error;
}

void ald_project_free(ald_project *p)
{
	if (!p)
		return;
	ald__db_close(p->db);
	ald__config_clear(&p->config);
	ald__graph_free(p->graph);
	free(p->revisions);
	free(p->url_display);
	free(p->warning);
	free(p->cache_note);
	free(p);
}

const char *ald_project_config_path(const ald_project *p)
{
	return p->config.path;
}

const char *ald_project_url_display(const ald_project *p)
{
	return p->url_display;
}

const char *ald_project_warning(const ald_project *p)
{
	return p->warning;
}

const char *ald_project_cache_note(const ald_project *p)
{
	return p->cache_note;
}

int ald_project_is_alembic(const ald_project *p)
{
	return p->alembic;
}

size_t ald_project_revision_count(const ald_project *p)
{
	return p->graph->n;
}

const ald_revision *ald_project_revision_at(const ald_project *p, size_t i)
{
	return i < p->graph->n ? &p->revisions[i] : NULL;
}
