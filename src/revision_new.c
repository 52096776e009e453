/* revision_new.c - `revision` and `merge`: choosing parents, folder, id and
 * file format (the scripts folder's script.py.mako for .py files, as
 * Alembic), then writing the new file (Alembic's generate_revision rules). */
#include "config_ini.h"
#include "error.h"
#include "project.h"
#include "resolve.h"
#include "revision_write.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#define MULTIPLE_HEADS_MSG                                                                          \
	"Multiple heads are present; please specify the head revision on which the new revision " \
	"should be based, or perform a merge."

/* Resolves the parents named by `specs`; "base" contributes nothing. */
static int resolve_parents(struct ald_ixvec *out, const ald_project *p, const char *const *specs,
			   size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int error = ald__resolve_revisions(out, p->graph, specs[i]);
		if (error == ALD_EMULTIPLEHEADS)
			return ald__error_set(error, MULTIPLE_HEADS_MSG);
		if (error < 0)
			return error;
	}
	for (size_t i = 0; i < out->n; i++)
		for (size_t j = i + 1; j < out->n; j++)
			if (out->v[i] == out->v[j])
				return ald__error_set(ALD_EINVALID, "Duplicate head revisions specified");
	return 0;
}

static int same_dir(const char *a, const char *b)
{
	char ra[PATH_MAX], rb[PATH_MAX];
	if (!realpath(a, ra) || !realpath(b, rb))
		return strcmp(a, b) == 0;
	return strcmp(ra, rb) == 0;
}

/* The folder for the new file (Alembic: --version-path, else the only
 * location, else the folder of the first parent). *out is borrowed. */
static int choose_dir(const char **out, const ald_project *p, const struct ald_ixvec *parents,
		      const char *version_path)
{
	const struct ald_strvec *locs = &p->config.version_locations;
	if (!version_path) {
		if (locs->n == 1) {
			*out = locs->v[0];
			return 0;
		}
		if (parents->n == 0)
			return ald__error_set(ALD_EUSAGE,
					     "Multiple version locations present, please specify --version-path");
		const char *path = p->graph->revs[parents->v[0]].file.path;
		for (size_t i = 0; i < locs->n; i++) {
			size_t len = strlen(locs->v[i]);
			if (strncmp(path, locs->v[i], len) == 0 && path[len] == '/' &&
			    !strchr(path + len + 1, '/')) {
				*out = locs->v[i];
				return 0;
			}
		}
		return ald__error_set(ALD_EUSAGE,
				     "Multiple version locations present, please specify --version-path");
	}
	for (size_t i = 0; i < locs->n; i++)
		if (same_dir(locs->v[i], version_path)) {
			*out = locs->v[i];
			return 0;
		}
	return ald__error_set(ALD_EUSAGE, "Path %s is not represented in current version locations",
			     version_path);
}

/* Resolves --depends-on values: a label stays a label, anything else becomes
 * the full revision id. */
static int resolve_depends(struct ald_strvec *out, const ald_project *p, const char *const *deps,
			   size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t r;
		int error = ald__resolve_revision(&r, p->graph, deps[i]);
		if (error < 0)
			return error;
		if (r == ALD_NOREV)
			return ald__error_set(ALD_EINVALID, "Can't depend on 'base'");
		size_t label = ald__graph_find_label(p->graph, deps[i]);
		if (label != ALD_NOREV && ald__rev_has_label(p->graph, r, label))
			ald__strvec_pushdup(out, deps[i]);
		else
			ald__strvec_pushdup(out, p->graph->revs[r].file.id);
	}
	return 0;
}

/* New ids and labels must not collide with existing keys of the graph. */
static int check_new_keys(const ald_project *p, const char *rev_id, const ald_revision_options *o)
{
	if (rev_id && ald__graph_find(p->graph, rev_id) != ALD_NOREV)
		return ald__error_set(ALD_EINVALID, "Revision %s is present more than once: %s",
				     rev_id, p->graph->revs[ald__graph_find(p->graph, rev_id)].file.path);
	for (size_t i = 0; i < o->n_branch_labels; i++) {
		size_t r = ald__graph_find(p->graph, o->branch_labels[i]);
		if (r != ALD_NOREV)
			return ald__error_set(ALD_EINVALID,
					     "Branch name '%s' in revision %s already used by revision %s",
					     o->branch_labels[i], rev_id ? rev_id : "(new)",
					     p->graph->revs[r].file.id);
	}
	return 0;
}

/* config.get_main_option(name) for script.py.mako: the key of the
 * project's section (or [DEFAULT]) in its ini file, interpolated as Alembic
 * does; *out NULL when absent. payload: the project. */
static int main_option(char **out, const char *name, void *payload)
{
	const ald_project *p = payload;
	struct ald_ini ini = {0};
	char *text = NULL;
	size_t len = 0;
	*out = NULL;
	int error = ald__read_file(&text, &len, p->config.path);
	if (error == 0)
		error = ald__ini_parse(&ini, p->config.path, text, len);
	free(text);
	const struct ald_ini_entry *e = error == 0 ? ald__ini_lookup(&ini, p->config.section, name) : NULL;
	if (e)
		error = ald__ini_expand(out, &ini, p->config.section, p->config.here, e);
	ald__ini_clear(&ini);
	return error;
}

/* Whether the new file is a .py file (opts' format, else the project's
 * kind); the format is checked. */
static int choose_python(int *python, const ald_project *p, const ald_revision_options *o)
{
	const char *format = o->version >= 2 ? o->format : NULL;
	if (!format)
		*python = p->alembic;
	else if (ald__streq(format, "py") || ald__streq(format, "sql"))
		*python = ald__streq(format, "py");
	else
		return ald__error_set(ALD_EINVALID, "Unknown revision file format '%s' (py or sql)", format);
	return 0;
}

static int write_revision(char **out_path, ald_project *p, const char *const *heads, size_t n_heads,
			  const ald_revision_options *o)
{
	struct ald_ixvec parents = {0};
	struct ald_strvec down = {0}, deps = {0};
	char *rev_id = o->rev_id ? ald__xstrdup(o->rev_id) : ald__revid_random();
	const char *dir = NULL;
	int error;

	char *mako = NULL;
	int python = 0;
	*out_path = NULL;
	ald__error_clear();
	if ((error = choose_python(&python, p, o)) < 0)
		goto done;
	if ((error = resolve_parents(&parents, p, heads, n_heads)) < 0)
		goto done;
	if ((error = choose_dir(&dir, p, &parents, o->version_path)) < 0)
		goto done;
	for (size_t i = 0; i < parents.n; i++) {
		const struct ald_rev *r = &p->graph->revs[parents.v[i]];
		if (!o->splice && !(r->flags & ALD_REV_HEAD)) {
			error = ald__error_set(ALD_EUSAGE,
					      "Revision %s is not a head revision; please specify --splice to "
					      "create a new branch from this revision",
					      r->file.id);
			goto done;
		}
		ald__strvec_pushdup(&down, r->file.id);
	}
	if ((error = resolve_depends(&deps, p, o->depends_on, o->n_depends_on)) < 0)
		goto done;
	if ((error = check_new_keys(p, rev_id, o)) < 0)
		goto done;

	struct timeval tv;
	gettimeofday(&tv, NULL);
	struct ald_newrev nr = {
		.rev_id = rev_id,
		.message = o->message,
		.down = (const char *const *)down.v,
		.n_down = down.n,
		.labels = o->branch_labels,
		.n_labels = o->n_branch_labels,
		.depends = (const char *const *)deps.v,
		.n_depends = deps.n,
		.python = python,
		.dir = dir,
		.file_template = p->config.file_template,
		.truncate_slug_length = p->config.truncate_slug_length,
		.now_sec = tv.tv_sec,
		.now_usec = tv.tv_usec,
		.main_option = main_option,
		.payload = p,
	};
	/* as Alembic: the scripts folder's script.py.mako is the template */
	mako = ald__xasprintf("%s/script.py.mako", p->config.script_location);
	if (python && access(mako, F_OK) == 0)
		nr.mako_path = mako;
	error = ald__revision_write(out_path, &nr);
done:
	ald__ixvec_free(&parents);
	ald__strvec_free(&down);
	ald__strvec_free(&deps);
	free(rev_id);
	free(mako);
	return error;
}

int ald_project_revision_create(char **out_path, ald_project *p, const ald_revision_options *opts)
{
	ald_revision_options defaults = ALD_REVISION_OPTIONS_INIT;
	*out_path = NULL;
	ald__error_clear();
	if (!opts)
		opts = &defaults;
	int err = ald__options_version_check("ald_project_revision_create", opts->version,
					    ALD_REVISION_OPTIONS_VERSION);
	if (err < 0)
		return err;
	const char *head = opts->head ? opts->head : "head";
	return write_revision(out_path, p, &head, 1, opts);
}

int ald_project_merge(char **out_path, ald_project *p, const char *const *revs, size_t n_revs,
		      const ald_merge_options *opts)
{
	ald_revision_options o = ALD_REVISION_OPTIONS_INIT;
	*out_path = NULL;
	ald__error_clear();
	if (opts) {
		int err = ald__options_version_check("ald_project_merge", opts->version, ALD_MERGE_OPTIONS_VERSION);
		if (err < 0)
			return err;
		o.message = opts->message;
		o.branch_labels = opts->branch_labels;
		o.n_branch_labels = opts->n_branch_labels;
		o.rev_id = opts->rev_id;
		o.format = opts->format;
	}
	if (n_revs == 0)
		return ald__error_set(ALD_EUSAGE, "merge needs at least one revision");
	return write_revision(out_path, p, revs, n_revs, &o);
}
