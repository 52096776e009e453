/* util.h - small memory, string-buffer and vector helpers used across libaludel.
 *
 * Allocation failure is fatal (the process prints a message and aborts), so
 * callers never check the result of ald_x*() functions.
 */
#ifndef ALD_UTIL_H
#define ALD_UTIL_H

#include <stdarg.h>
#include <stddef.h>

#define ALD_ATTR_PRINTF(f, a) __attribute__((format(printf, f, a)))

void *ald__xmalloc(size_t n);
void *ald__xcalloc(size_t n, size_t size);
void *ald__xrealloc(void *p, size_t n);
/* Grow an array so that it can hold at least `need` elements of `size` bytes. */
void *ald__xgrow(void *p, size_t *cap, size_t need, size_t size);
char *ald__xstrdup(const char *s);
char *ald__xstrndup(const char *s, size_t n);
char *ald__xasprintf(const char *fmt, ...) ALD_ATTR_PRINTF(1, 2);
char *ald__xvasprintf(const char *fmt, va_list ap);

/* Whether two strings are equal. */
static inline int ald__streq(const char *a, const char *b)
{
	return __builtin_strcmp(a, b) == 0;
}

/* Maps in at once the pages of a large block about to be written in full
 * (below 64 pages, or where the kernel cannot, it does nothing). */
void ald__prefault(void *p, size_t len);

/* Parses a boolean as configuration files spell it (true/yes/on/1,
 * false/no/off/0, any case) into *out; returns -1 for anything else. */
int ald__parse_bool(const char *v, int *out);

/* A growable NUL-terminated byte buffer. Zero-initialise it ({0}) before use. */
struct ald_buf {
	char *ptr;
	size_t len, cap;
};
void ald__buf_put(struct ald_buf *b, const char *s, size_t n);
void ald__buf_puts(struct ald_buf *b, const char *s);
void ald__buf_putc(struct ald_buf *b, char c);
void ald__buf_printf(struct ald_buf *b, const char *fmt, ...) ALD_ATTR_PRINTF(2, 3);
/* Returns the contents ("" if empty) and leaves the buffer empty; caller frees. */
char *ald__buf_detach(struct ald_buf *b);
/* The contents, never NULL; borrowed from the buffer. */
const char *ald__buf_cstr(const struct ald_buf *b);
void ald__buf_free(struct ald_buf *b);

/* A growable vector of owned strings. Zero-initialise before use. */
struct ald_strvec {
	char **v;
	size_t n, cap;
};
/* Takes ownership of s. */
void ald__strvec_push(struct ald_strvec *sv, char *s);
void ald__strvec_pushdup(struct ald_strvec *sv, const char *s);
int ald__strvec_contains(const struct ald_strvec *sv, const char *s);
/* Joins the strings with sep; caller frees. */
char *ald__strvec_join(const struct ald_strvec *sv, const char *sep);
void ald__strvec_free(struct ald_strvec *sv);

/* A growable vector of indexes (revision positions). Zero-initialise before use. */
struct ald_ixvec {
	size_t *v;
	size_t n, cap;
};
void ald__ixvec_push(struct ald_ixvec *iv, size_t x);
int ald__ixvec_contains(const struct ald_ixvec *iv, size_t x);
void ald__ixvec_free(struct ald_ixvec *iv);

/* Reading whole files (read_file.c: part of the engine only). Only regular
 * files are read (opened non-blocking, checked with fstat: a FIFO, device,
 * socket or directory is an error naming the path and what it is), and never
 * more than a limit + 1 bytes: a larger file is an error naming it, its size
 * and the limit. */

/* The default limit of a revision file, and the least limit of the other files. */
#define ALD_READ_DEFAULT_LIMIT ((size_t)64 << 20)
/* The revision file limit (max_revision_size): process-wide, set by each
 * configuration loaded (0: the default). */
void ald__read_set_limit(size_t max);
size_t ald__read_limit(void);

/* Reads a whole file into a NUL-terminated buffer; on failure sets the error
 * (naming the path) and returns it. *out is the caller's. The limit is the
 * larger of ald__read_limit() and the default: for the ini file, templates and
 * the like. */
int ald__read_file(char **out, size_t *len, const char *path);
/* The same with a limit of `max` bytes (revision files: ald__read_limit()). */
int ald__read_file_max(char **out, size_t *len, const char *path, size_t max);
/* Reads file `name` of the folder open as `dirfd` (AT_FDCWD: the current
 * one) into *buf, replacing its contents, NUL-terminated; the buffer is meant
 * to be reused from file to file. `path` names the file in messages. */
int ald__read_at(int dirfd, const char *name, const char *path, size_t max, struct ald_buf *buf);
/* Reads the open file fd the same way (its type and size checked first). */
int ald__read_fd(int fd, const char *path, size_t max, struct ald_buf *buf);
/* The error for a file of stat `st` that is not a regular file or is larger
 * than `max` bytes, else 0. */
struct stat;
int ald__read_check_stat(const char *path, const struct stat *st, size_t max);
/* What a file of mode `mode` is, for messages: "a FIFO", "a directory"... */
const char *ald__file_type_name(unsigned mode);

#endif
