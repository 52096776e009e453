/* revision_write.h - writing a new revision file (`revision`, `merge`): the id,
 * the slug and file name (Alembic's file_template), and the contents, either
 * Alembic 1.8.1's generic template (.py; or the project's own script.py.mako,
 * rendered by mako.c) or aludel's native format (.sql).
 */
#ifndef ALD_REVWRITE_H
#define ALD_REVWRITE_H

#include <stddef.h>

/* A new random revision id: 12 lower-case hex digits (48 random bits, like
 * Alembic's uuid4().hex[-12:]). The caller's. */
char *ald__revid_random(void);
/* n (at most 128) random lower-case hex digits and a NUL into out; aborts,
 * saying so, when the system gives no random numbers. */
void ald__random_hex(char *out, size_t n);

/* Alembic's slug of a message: the runs of word characters (letters, digits
 * and '_' of any script; UTF-8) joined by '_' and lower-cased; longer than
 * truncate_len characters (<= 0: 40) -> cut there, back to the last '_' of
 * the cut, plus '_'. NULL -> "". The caller's. */
char *ald__slugify(const char *message, int truncate_len);

/* Python's repr() of a str: 'abc', "it's", with \\, \n, \t, \r, \xNN
 * escapes. The caller's. */
char *ald__py_repr(const char *s);

/* The values of file_template's tokens. */
struct ald_template_values {
	const char *rev, *slug;
	long long epoch;
	int year, month, day, hour, minute, second;
};

/* Expands `tmpl`, a Python %-format with a mapping: %(name)s, %(name)d
 * (also i, u) with flags "-0+ #", width and precision; %% is '%'. An
 * unknown token or conversion is an error ("file_template: ..."). */
int ald__file_template_expand(char **out, const char *tmpl, const struct ald_template_values *v);

struct ald_newrev {
	const char *rev_id;  /* NULL: random */
	const char *message; /* NULL: "empty message" (and an empty slug) */
	const char *const *down; size_t n_down;       /* parent ids */
	const char *const *labels; size_t n_labels;   /* branch labels */
	const char *const *depends; size_t n_depends; /* depends_on ids or labels */
	int python;          /* 1: Alembic generic template .py; 0: native .sql */
	const char *dir;     /* version directory (created if missing) */
	const char *file_template; /* NULL: "%(rev)s_%(slug)s" */
	int truncate_slug_length;  /* <= 0: 40 */
	long long now_sec; long now_usec; /* create date (shown in local time) */
	/* python: the project's script.py.mako to render (mako.h), or NULL for
	 * the built-in generic template; main_option answers its
	 * config.get_main_option() (may be NULL) */
	const char *mako_path;
	int (*main_option)(char **out, const char *name, void *payload);
	void *payload;
};

/* Creates dir and its missing parents (mkdir -p); an existing dir is fine. */
int ald__make_dirs(const char *dir);

/* Writes `text` (`len` bytes) to `path` atomically: a temporary file in the
 * same folder, written and fsync'ed, then given its name, so a reader sees
 * either nothing (or the old file) or the whole new one. overwrite = 0: an
 * existing `path` is never replaced ("File ... already exists; not
 * overwriting it", ALD_EINVALID); 1: it is replaced. */
int ald__write_file_atomic(const char *path, const char *text, size_t len, int overwrite);

/* Writes the new revision file; *out_path = its path (the caller's). Refuses
 * to overwrite an existing file, an id (nr->rev_id) that breaks the id rule
 * of revision_file.h (ald__revid_check; the message names "--rev-id"), and, for a
 * .sql file, a label or Depends On item its header could not hold (blanks,
 * line breaks, ',', '@', '-', '+': ald__revfile_check_name). */
int ald__revision_write(char **out_path, const struct ald_newrev *nr);

#endif
