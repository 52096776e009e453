/* init.c - creating a new project (see init.h) and the public ald_init(). */
#include "init.h"
#include "config.h"
#include "error.h"
#include "revwrite.h"

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
		return ald_error_set(ALD_EINVALID, "%s exists and is not a directory", dir);
	DIR *d = opendir(dir);
	if (!d)
		return ald_error_set(ALD_ERROR, "Cannot read directory %s: %s", dir, strerror(errno));
	struct dirent *e;
	int full = 0;
	while (!full && (e = readdir(d)))
		full = !ald_streq(e->d_name, ".") && !ald_streq(e->d_name, "..");
	closedir(d);
	return full;
}

/* script_location for the ini: under the ini's folder as %(here)s/..., '%'
 * doubled. */
static char *location_value(const char *abs_dir, const char *here)
{
	size_t hl = strlen(here);
	const char *rest = NULL;
	if (ald_streq(here, "/"))
		rest = abs_dir + 1;
	else if (strncmp(abs_dir, here, hl) == 0 && (abs_dir[hl] == '/' || abs_dir[hl] == '\0'))
		rest = abs_dir + hl + (abs_dir[hl] == '/');
	struct ald_buf b = {0};
	if (rest)
		ald_buf_puts(&b, *rest ? "%(here)s/" : "%(here)s");
	for (const char *s = rest ? rest : abs_dir; *s; s++)
		ald_buf_puts(&b, *s == '%' ? "%%" : (char[]){*s, 0});
	return ald_buf_detach(&b);
}

static int write_ini(const char *path, const char *location)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0)
		return ald_error_set(ALD_ERROR, "Cannot create %s: %s", path, strerror(errno));
	char *text = ald_xasprintf("%s%s\n%s", ini_head, location, ini_tail);
	size_t len = strlen(text);
	ssize_t w = write(fd, text, len);
	int saved = errno;
	free(text);
	if (close(fd) != 0 && w == (ssize_t)len)
		saved = errno, w = -1;
	if (w != (ssize_t)len) {
		unlink(path);
		return ald_error_set(ALD_ERROR, "Cannot write %s: %s", path,
				     w < 0 ? strerror(saved) : "short write");
	}
	return 0;
}

/* Alembic's util.status(): "<what> ..." then "  done" or "  FAILED". */
static int status_mkdir(struct ald_buf *msg, const char *abs)
{
	ald_buf_printf(msg, "Creating directory %s ...", abs);
	int error = ald_make_dirs(abs);
	ald_buf_puts(msg, error < 0 ? "  FAILED\n" : "  done\n");
	return error;
}

int ald_init_project(const char *dir, const char *ini_path, char **out_message)
{
	struct ald_buf msg = {0};
	char *abs_dir = ald_abspath(dir), *versions = ald_xasprintf("%s/versions", abs_dir);
	char *abs_ini = ald_abspath(ini_path ? ini_path : "aludel.ini");
	char *location = NULL, *slash = strrchr(abs_ini, '/');
	char *here = slash == abs_ini ? ald_xstrdup("/")
				      : ald_xstrndup(abs_ini, (size_t)(slash - abs_ini));
	int error = dir_state(dir);
	if (error > 0)
		error = ald_error_set(ALD_EINVALID, "Directory %s already exists and is not empty", dir);
	if (error < 0)
		goto done;
	if (access(abs_dir, F_OK) != 0 && (error = status_mkdir(&msg, abs_dir)) < 0)
		goto done;
	if ((error = status_mkdir(&msg, versions)) < 0)
		goto done;
	if (access(abs_ini, F_OK) == 0) {
		ald_buf_printf(&msg, "File %s already exists, skipping\n", abs_ini);
	} else {
		location = location_value(abs_dir, here);
		ald_buf_printf(&msg, "Generating %s ...", abs_ini);
		error = write_ini(abs_ini, location);
		ald_buf_puts(&msg, error < 0 ? "  FAILED\n" : "  done\n");
		if (error < 0)
			goto done;
	}
	char *r = ald_py_repr(abs_ini);
	ald_buf_printf(&msg, "Please edit configuration/connection settings in %s before proceeding.\n",
		       r);
	free(r);
done:
	*out_message = ald_buf_detach(&msg);
	free(abs_dir);
	free(versions);
	free(abs_ini);
	free(here);
	free(location);
	return error;
}

int ald_init(char **out_message, const char *dir, const char *config_path)
{
	ald_error_clear();
	return ald_init_project(dir, config_path, out_message);
}
