/* revision_write.c - the contents and the file of a new revision (see revision_write.h).
 *
 * The .py file is byte for byte what Alembic 1.8.1's `generic` template
 * (script.py.mako) renders, or the project's own script.py.mako rendered by
 * mako.c; the .sql file is aludel's native header (the
 * format revision_read_sql.c reads) with two empty sections.
 */
#include "revision_write.h"
#include "error.h"
#include "revision_file.h"
#include "mako.h"

#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Python's str(datetime): "YYYY-MM-DD HH:MM:SS[.ffffff]" in local time. */
static char *create_date(const struct tm *tm, long usec)
{
	char *s = ald__xasprintf("%04d-%02d-%02d %02d:%02d:%02d", tm->tm_year + 1900, tm->tm_mon + 1,
				tm->tm_mday, tm->tm_hour, tm->tm_min, tm->tm_sec);
	if (usec <= 0)
		return s;
	char *t = ald__xasprintf("%s.%06ld", s, usec);
	free(s);
	return t;
}

static void join(struct ald_buf *b, const char *const *v, size_t n, const char *sep)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			ald__buf_puts(b, sep);
		ald__buf_puts(b, v[i]);
	}
}

/* repr() of: None, a string, or a tuple/list of strings (open/close "()"
 * or "[]"; a one-element tuple gets Python's trailing comma). `scalar`: one
 * element is shown as a plain string. */
static void put_repr(struct ald_buf *b, const char *const *v, size_t n, const char *brackets,
		     int scalar)
{
	if (n == 0) {
		ald__buf_puts(b, "None");
		return;
	}
	if (n == 1 && scalar) {
		char *r = ald__py_repr(v[0]);
		ald__buf_puts(b, r);
		free(r);
		return;
	}
	ald__buf_putc(b, brackets[0]);
	for (size_t i = 0; i < n; i++) {
		char *r = ald__py_repr(v[i]);
		ald__buf_printf(b, "%s%s", i ? ", " : "", r);
		free(r);
	}
	if (n == 1 && brackets[0] == '(')
		ald__buf_putc(b, ',');
	ald__buf_putc(b, brackets[1]);
}

/* Alembic 1.8.1's generic script.py.mako with no upgrade/downgrade code. */
static char *python_text(const struct ald_newrev *nr, const char *id, const char *date)
{
	struct ald_buf b = {0};
	ald__buf_printf(&b, "\"\"\"%s\n\nRevision ID: %s\nRevises: ",
		       nr->message ? nr->message : "empty message", id);
	join(&b, nr->down, nr->n_down, ", ");
	ald__buf_printf(&b, "\nCreate Date: %s\n\n\"\"\"\n", date);
	ald__buf_puts(&b, "from alembic import op\nimport sqlalchemy as sa\n\n\n"
			 "# revision identifiers, used by Alembic.\nrevision = ");
	put_repr(&b, &id, 1, "()", 1);
	ald__buf_puts(&b, "\ndown_revision = ");
	put_repr(&b, nr->down, nr->n_down, "()", 1);
	ald__buf_puts(&b, "\nbranch_labels = ");
	put_repr(&b, nr->labels, nr->n_labels, "()", 0);
	ald__buf_puts(&b, "\ndepends_on = ");
	put_repr(&b, nr->depends, nr->n_depends, "[]", 1);
	ald__buf_puts(&b, "\n\n\ndef upgrade() -> None:\n    pass\n\n\n"
			 "def downgrade() -> None:\n    pass\n");
	return ald__buf_detach(&b);
}

/* The project's script.py.mako rendered as Alembic renders it. */
static int mako_text(char **out, const struct ald_newrev *nr, const char *id, const char *date)
{
	char *tmpl = NULL;
	int error = ald__read_file(&tmpl, NULL, nr->mako_path);
	if (error < 0)
		return error;
	struct ald_mako_vars v = {
		.up_revision = id,
		.down = nr->down, .n_down = nr->n_down,
		.labels = nr->labels, .n_labels = nr->n_labels,
		.depends = nr->depends, .n_depends = nr->n_depends,
		.message = nr->message,
		.create_date = date,
		.main_option = nr->main_option,
		.payload = nr->payload,
	};
	error = ald__mako_render(out, nr->mako_path, tmpl, &v);
	free(tmpl);
	return error;
}

/* The native format. Only the message's first line fits in the header's
 * first comment line; the rest of a multi-line message is dropped. */
static char *sql_text(const struct ald_newrev *nr, const char *id, const char *date)
{
	struct ald_buf b = {0};
	const char *msg = nr->message ? nr->message : "empty message";
	size_t mlen = strcspn(msg, "\r\n");
	ald__buf_puts(&b, mlen ? "-- " : "--");
	ald__buf_put(&b, msg, mlen);
	ald__buf_printf(&b, "\n--\n-- Revision ID: %s\n-- Revises: ", id);
	join(&b, nr->down, nr->n_down, ", ");
	ald__buf_printf(&b, "\n-- Create Date: %s\n", date);
	if (nr->n_labels) {
		ald__buf_puts(&b, "-- Branch Labels: ");
		join(&b, nr->labels, nr->n_labels, ", ");
		ald__buf_putc(&b, '\n');
	}
	if (nr->n_depends) {
		ald__buf_puts(&b, "-- Depends On: ");
		join(&b, nr->depends, nr->n_depends, ", ");
		ald__buf_putc(&b, '\n');
	}
	ald__buf_puts(&b, "\n-- migrate:upgrade\n\n\n-- migrate:downgrade\n");
	return ald__buf_detach(&b);
}

int ald__make_dirs(const char *dir)
{
	if (!*dir)
		return ald__error_set(ALD_EINVALID, "No version directory given");
	char *p = ald__xstrdup(dir);
	int error = 0;
	for (char *s = p + 1;; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			error = ald__error_set(ALD_ERROR, "Cannot create directory %s: %s", p,
					      strerror(errno));
			break;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return error;
}

/* Writes all of text to fd; 0 or -1 with errno set. */
static int write_all(int fd, const char *text, size_t len)
{
	size_t done = 0;
	while (done < len) {
		ssize_t w = write(fd, text + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		if (w == 0) {
			errno = EIO;
			return -1;
		}
		done += (size_t)w;
	}
	return 0;
}

/* Makes a finished file's name (or its removal) durable: fsync of the folder. */
static void sync_dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? (slash == path ? ald__xstrdup("/")
					   : ald__xstrndup(path, (size_t)(slash - path)))
			  : ald__xstrdup(".");
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

int ald__write_file_atomic(const char *path, const char *text, size_t len, int overwrite)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	char *tmp = NULL;
	int fd = -1;
	for (int attempt = 0; fd < 0 && attempt < 16; attempt++) {
		char *rnd = ald__revid_random();
		free(tmp);
		tmp = ald__xasprintf("%.*s.%s.%s.tmp", (int)dirlen, path, path + dirlen, rnd);
		free(rnd);
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0) {
		int error = ald__error_set(ALD_ERROR, "Cannot create %s: %s", path, strerror(errno));
		free(tmp);
		return error;
	}
	int failed = write_all(fd, text, len) < 0 || fsync(fd) < 0;
	int saved = errno;
	if (close(fd) != 0 && !failed)
		failed = 1, saved = errno;
	if (!failed && overwrite) {
		if (rename(tmp, path) != 0)
			failed = 1, saved = errno;
	} else if (!failed && link(tmp, path) != 0) {
		/* link() refuses an existing name atomically; where the file
		 * system has no hard links, check, then rename */
		if (errno == EEXIST || access(path, F_OK) == 0)
			failed = 1, saved = EEXIST;
		else if (rename(tmp, path) != 0)
			failed = 1, saved = errno;
	}
	unlink(tmp);
	free(tmp);
	if (failed && saved == EEXIST)
		return ald__error_set(ALD_EINVALID, "File %s already exists; not overwriting it", path);
	if (failed)
		return ald__error_set(ALD_ERROR, "Cannot write %s: %s", path, strerror(saved));
	sync_dir_of(path);
	return 0;
}

/* The path of the new file from file_template. */
static int file_path(char **out, const struct ald_newrev *nr, const char *id, const struct tm *tm)
{
	char *slug = ald__slugify(nr->message, nr->truncate_slug_length);
	struct ald_template_values tv = {
		.rev = id, .slug = slug, .epoch = nr->now_sec,
		.year = tm->tm_year + 1900, .month = tm->tm_mon + 1, .day = tm->tm_mday,
		.hour = tm->tm_hour, .minute = tm->tm_min, .second = tm->tm_sec,
	};
	char *name;
	int error = ald__file_template_expand(&name, nr->file_template ? nr->file_template
								      : "%(rev)s_%(slug)s",
					     &tv);
	free(slug);
	if (error < 0)
		return error;
	if (!*name || strchr(name, '/')) {
		error = ald__error_set(ALD_EINVALID,
				      "file_template: the file name '%s' is empty or contains '/'",
				      name);
		free(name);
		return error;
	}
	*out = ald__xasprintf("%s/%s.%s", nr->dir, name, nr->python ? "py" : "sql");
	free(name);
	return 0;
}

/* A native header holds labels and Depends On items as comma-separated text
 * on one line: one with a comma, a line break or another character the
 * reader refuses would be read back as something else (a line break could
 * even add header fields), so it is refused here with the reader's rule; so
 * is a message whose first line would read as a field or a marker. The .py
 * form writes repr()s, which read back exactly. */
static int check_sql_names(const struct ald_newrev *nr)
{
	int error = 0;
	if (nr->python)
		return 0;
	if (nr->message)
		error = ald__revfile_sql_message_check("-m", nr->message,
						      strcspn(nr->message, "\r\n"));
	for (size_t i = 0; error == 0 && i < nr->n_labels; i++)
		error = ald__revfile_check_name("--branch-label", 0, nr->labels[i], "branch label");
	for (size_t i = 0; error == 0 && i < nr->n_depends; i++)
		if (!ald__revid_valid(nr->depends[i]))
			error = ald__revfile_check_name("--depends-on", 0, nr->depends[i],
						       "revision identifier or branch label");
	return error;
}

int ald__revision_write(char **out_path, const struct ald_newrev *nr)
{
	char *id = nr->rev_id ? ald__xstrdup(nr->rev_id) : ald__revid_random();
	char *path = NULL, *date = NULL, *text = NULL;
	int error;
	*out_path = NULL;
	/* the one id rule of the readers (revision_id.c): what is written can be read
	 * back and fits the version table */
	if ((error = ald__revid_check("--rev-id", 0, id)) < 0 || (error = check_sql_names(nr)) < 0)
		goto done;
	time_t t = (time_t)nr->now_sec;
	struct tm tm;
	if (!localtime_r(&t, &tm)) {
		error = ald__error_set(ALD_EINVALID, "Bad creation time %lld", nr->now_sec);
		goto done;
	}
	if ((error = file_path(&path, nr, id, &tm)) < 0)
		goto done;
	date = create_date(&tm, nr->now_usec);
	if (nr->python && nr->mako_path)
		error = mako_text(&text, nr, id, date);
	else
		text = nr->python ? python_text(nr, id, date) : sql_text(nr, id, date);
	if (error < 0)
		goto done;
	if ((error = ald__make_dirs(nr->dir)) < 0 || (error = ald__write_file_atomic(path, text, strlen(text), 0)) < 0)
		goto done;
	*out_path = path;
	path = NULL;
done:
	free(id);
	free(path);
	free(date);
	free(text);
	return error;
}
