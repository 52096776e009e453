/* init.c - creating a new project (see init.h) and the public ald_project_init(). */
#include "init.h"
#include "config.h"
#include "error.h"
#include "revision_write.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char ini_head[] =
	"# aludel.ini - configuration of an aludel project.\n"
	"#\n"
	"# aludel reads the [aludel] section of aludel.ini, or else the [alembic]\n"
	"# section of alembic.ini: the keys are Alembic's.  In values, %(here)s is\n"
	"# this file's directory, %(key)s the value of another key of the section\n"
	"# (or of [DEFAULT]), %% a literal %, and ${NAME} the environment variable\n"
	"# NAME.  A '#' or ';' at the start of a value or after a blank begins a\n"
	"# comment.\n"
	"\n"
	"[aludel]\n"
	"# The scripts folder; revision files go in its versions/ folder.  A\n"
	"# relative path is taken from the current directory: %(here)s makes it\n"
	"# independent of where aludel runs.\n"
	"script_location = ";

static const char ini_tail[] =
	"\n"
	"# The database.  The --url option, then the DATABASE_URL environment\n"
	"# variable, take precedence.  Forms:\n"
	"#   sqlite:///relative/to/the/current/directory.db\n"
	"#   sqlite:////absolute/path.db\n"
	"#   postgresql://user:password@host:5432/dbname\n"
	"sqlalchemy.url = sqlite:///aludel.db\n"
	"\n"
	"# Several version folders, instead of <script_location>/versions.  Split\n"
	"# on version_path_separator: space, os (= ':'), ':' or ';'; unset: commas\n"
	"# and/or spaces.  Relative paths are taken from the current directory.\n"
	"# version_locations = %(here)s/migrations/versions %(here)s/more\n"
	"# version_path_separator = os\n"
	"\n"
	"# The name of new revision files, without .sql or .py.  Tokens: rev,\n"
	"# slug, epoch, year, month, day, hour, minute, second, with printf\n"
	"# flags; % is written %% in this file.  Default: %%(rev)s_%%(slug)s\n"
	"# file_template = %%(year)d_%%(month).2d_%%(day).2d-%%(rev)s_%%(slug)s\n"
	"\n"
	"# The longest slug (the words of the message) in a file name.\n"
	"# truncate_slug_length = 40\n"
	"\n"
	"# The table recording the applied revisions, and its schema.\n"
	"# version_table = alembic_version\n"
	"# version_table_schema = public\n"
	"\n"
	"# true: one transaction per revision; false: one for the whole run.\n"
	"# transaction_per_migration = false\n"
	"\n"
	"# Alembic's prepend_sys_path, timezone, revision_environment, sourceless,\n"
	"# output_encoding, recursive_version_locations and path_separator are\n"
	"# accepted and ignored; any other key in this section is an error.\n";

/* 1: dir exists and has entries; 0: missing or empty; <0: error. */
static int dir_state(const char *dir)
{
	struct stat st;
	if (stat(dir, &st) != 0)
		return 0; /* creating it will tell what is wrong */
	if (!S_ISDIR(st.st_mode))
		return ald__error_set(ALD_EINVALID, "%s exists and is not a directory", dir);
	DIR *d = opendir(dir);
	if (!d)
		return ald__error_set(ALD_ERROR, "Cannot read directory %s: %s", dir, strerror(errno));
	struct dirent *e;
	int full = 0;
	while (!full && (e = readdir(d)))
		full = !ald__streq(e->d_name, ".") && !ald__streq(e->d_name, "..");
	closedir(d);
	return full;
}

/* script_location for the ini: under the ini's folder as %(here)s/..., '%'
 * doubled. */
static char *location_value(const char *abs_dir, const char *here)
{
	size_t hl = strlen(here);
	const char *rest = NULL;
	if (ald__streq(here, "/"))
		rest = abs_dir + 1;
	else if (strncmp(abs_dir, here, hl) == 0 && (abs_dir[hl] == '/' || abs_dir[hl] == '\0'))
		rest = abs_dir + hl + (abs_dir[hl] == '/');
	struct ald_buf b = {0};
	if (rest)
		ald__buf_puts(&b, *rest ? "%(here)s/" : "%(here)s");
	for (const char *s = rest ? rest : abs_dir; *s; s++)
		ald__buf_puts(&b, *s == '%' ? "%%" : (char[]){*s, 0});
	return ald__buf_detach(&b);
}

/* The result of ald_project_init: the steps in order (paths owned). */
struct ald_init_result {
	ald_init_step *v;
	size_t n, cap;
	char *config_path;    /* set once the configuration file is handled */
	const char *settings; /* the template's words for what to edit */
};

/* Records a step (path copied), failed when error < 0; returns error. */
static int add_step(struct ald_init_result *r, int kind, const char *path, int error)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 8;
		r->v = ald__xrealloc(r->v, r->cap * sizeof(*r->v));
	}
	r->v[r->n++] = (ald_init_step){kind, ald__xstrdup(path), error < 0};
	return error;
}

/* A file of a template's scripts folder. */
struct template_file {
	const char *name;
	const char *text;
};

/* A project template of `init --template`. */
struct init_template {
	const char *name, *description;
	const char *default_ini;      /* the configuration file without -c / ALEMBIC_CONFIG */
	const char *ini_head, *ini_tail; /* the file is head + script_location + tail */
	const char *final_words;      /* what to edit, in Alembic's closing line */
	struct template_file files[4]; /* written into the scripts folder; ends at NULL name */
};

static const struct init_template templates[] = {
	{
		.name = "native",
		.description = "aludel's own project: aludel.ini and native .sql revisions (the default).",
		.default_ini = "aludel.ini",
		.ini_head = ini_head,
		.ini_tail = ini_tail,
		.final_words = "configuration/connection",
		.files = {{NULL, NULL}},
	},
	{
		.name = "generic",
		.description = "An Alembic project for one database: alembic.ini, env.py, script.py.mako.",
		.default_ini = "alembic.ini",
		.ini_head = ald__generic_ini_head,
		.ini_tail = ald__generic_ini_tail,
		.final_words = "configuration/connection/logging",
		.files = {
			{"README", ald__generic_readme},
			{"env.py", ald__generic_env_py},
			{"script.py.mako", ald__generic_script_mako},
			{NULL, NULL},
		},
	},
};
#define N_TEMPLATES (sizeof(templates) / sizeof(*templates))

size_t ald_project_template_count(void)
{
	return N_TEMPLATES;
}

const char *ald_project_template_name(size_t i)
{
	return i < N_TEMPLATES ? templates[i].name : NULL;
}

const char *ald_project_template_description(size_t i)
{
	return i < N_TEMPLATES ? templates[i].description : NULL;
}

static const struct init_template *find_template(const char *name)
{
	for (size_t i = 0; i < N_TEMPLATES; i++)
		if (ald__streq(templates[i].name, name))
			return &templates[i];
	return NULL;
}

/* "No such template 'x'" with the names there are. */
static int unknown_template(const char *name)
{
	struct ald_buf names = {0};
	for (size_t i = 0; i < N_TEMPLATES; i++)
		ald__buf_printf(&names, "%s%s", i ? ", " : "", templates[i].name);
	char *r = ald__py_repr(name);
	int error = ald__error_set(ALD_ENOTFOUND, "No such template %s; the templates are: %s", r,
				  ald__buf_cstr(&names));
	free(r);
	ald__buf_free(&names);
	return error;
}

int ald__init_project_template(const char *dir, const char *ini_path, const char *template_name,
			      ald_init_result **out)
{
	ald_init_result *res = ald__xcalloc(1, sizeof(*res));
	*out = res;
	const struct init_template *t = find_template(template_name ? template_name : "native");
	char *abs_dir = NULL, *versions = NULL, *abs_ini = NULL, *here = NULL, *location = NULL;
	int error;
	if (!t) {
		error = unknown_template(template_name);
		goto done;
	}
	if (!ini_path) /* as Alembic: $ALEMBIC_CONFIG, else the template's file */
		ini_path = getenv("ALEMBIC_CONFIG");
	if (!ini_path || !*ini_path)
		ini_path = t->default_ini;
	abs_dir = ald__abspath(dir);
	versions = ald__xasprintf("%s/versions", abs_dir);
	abs_ini = ald__abspath(ini_path);
	char *slash = strrchr(abs_ini, '/');
	here = slash == abs_ini ? ald__xstrdup("/") : ald__xstrndup(abs_ini, (size_t)(slash - abs_ini));
	error = dir_state(dir);
	if (error > 0)
		error = ald__error_set(ALD_EINVALID, "Directory %s already exists and is not empty", dir);
	if (error < 0)
		goto done;
	if (access(abs_dir, F_OK) != 0 &&
	    (error = add_step(res, ALD_INIT_DIRECTORY, abs_dir, ald__make_dirs(abs_dir))) < 0)
		goto done;
	if ((error = add_step(res, ALD_INIT_DIRECTORY, versions, ald__make_dirs(versions))) < 0)
		goto done;
	for (const struct template_file *f = t->files; f->name; f++) {
		char *path = ald__xasprintf("%s/%s", abs_dir, f->name);
		error = add_step(res, ALD_INIT_FILE, path, ald__write_file_atomic(path, f->text, strlen(f->text), 0));
		free(path);
		if (error < 0)
			goto done;
	}
	if (access(abs_ini, F_OK) == 0) {
		add_step(res, ALD_INIT_FILE_KEPT, abs_ini, 0);
	} else {
		location = location_value(abs_dir, here);
		char *text = ald__xasprintf("%s%s\n%s", t->ini_head, location, t->ini_tail);
		error = add_step(res, ALD_INIT_FILE, abs_ini, ald__write_file_atomic(abs_ini, text, strlen(text), 0));
		free(text);
		if (error < 0)
			goto done;
	}
	res->config_path = abs_ini;
	abs_ini = NULL;
	res->settings = t->final_words;
done:
	free(abs_dir);
	free(versions);
	free(abs_ini);
	free(here);
	free(location);
	return error;
}

int ald_project_init(ald_init_result **out, const char *dir, const char *config_path,
		     const char *template_name)
{
	ald__error_clear();
	return ald__init_project_template(dir, config_path, template_name, out);
}

size_t ald_init_result_count(const ald_init_result *r)
{
	return r ? r->n : 0;
}

const ald_init_step *ald_init_result_at(const ald_init_result *r, size_t i)
{
	return r && i < r->n ? &r->v[i] : NULL;
}

const char *ald_init_result_config_path(const ald_init_result *r)
{
	return r ? r->config_path : NULL;
}

const char *ald_init_result_settings(const ald_init_result *r)
{
	return r && r->config_path ? r->settings : NULL;
}

void ald_init_result_free(ald_init_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++)
		free((char *)r->v[i].path);
	free(r->v);
	free(r->config_path);
	free(r);
}
