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

void *ald_xmalloc(size_t n);
void *ald_xcalloc(size_t n, size_t size);
void *ald_xrealloc(void *p, size_t n);
/* Grow an array so that it can hold at least `need` elements of `size` bytes. */
void *ald_xgrow(void *p, size_t *cap, size_t need, size_t size);
char *ald_xstrdup(const char *s);
char *ald_xstrndup(const char *s, size_t n);
char *ald_xasprintf(const char *fmt, ...) ALD_ATTR_PRINTF(1, 2);
char *ald_xvasprintf(const char *fmt, va_list ap);

/* Whether two strings are equal. */
static inline int ald_streq(const char *a, const char *b)
{
	return __builtin_strcmp(a, b) == 0;
}

/* Maps in at once the pages of a large block about to be written in full
 * (below 64 pages, or where the kernel cannot, it does nothing). */
void ald_prefault(void *p, size_t len);

/* Parses a boolean as configuration files spell it (true/yes/on/1,
 * false/no/off/0, any case) into *out; returns -1 for anything else. */
int ald_parse_bool(const char *v, int *out);

/* A growable NUL-terminated byte buffer. Zero-initialise it ({0}) before use. */
struct ald_buf {
	char *ptr;
	size_t len, cap;
};
void ald_buf_put(struct ald_buf *b, const char *s, size_t n);
void ald_buf_puts(struct ald_buf *b, const char *s);
void ald_buf_putc(struct ald_buf *b, char c);
void ald_buf_printf(struct ald_buf *b, const char *fmt, ...) ALD_ATTR_PRINTF(2, 3);
/* Returns the contents ("" if empty) and leaves the buffer empty; caller frees. */
char *ald_buf_detach(struct ald_buf *b);
/* The contents, never NULL; borrowed from the buffer. */
const char *ald_buf_cstr(const struct ald_buf *b);
void ald_buf_free(struct ald_buf *b);

/* A growable vector of owned strings. Zero-initialise before use. */
struct ald_strvec {
	char **v;
	size_t n, cap;
};
/* Takes ownership of s. */
void ald_strvec_push(struct ald_strvec *sv, char *s);
void ald_strvec_pushdup(struct ald_strvec *sv, const char *s);
int ald_strvec_contains(const struct ald_strvec *sv, const char *s);
/* Joins the strings with sep; caller frees. */
char *ald_strvec_join(const struct ald_strvec *sv, const char *sep);
void ald_strvec_free(struct ald_strvec *sv);

/* A growable vector of indexes (revision positions). Zero-initialise before use. */
struct ald_ixvec {
	size_t *v;
	size_t n, cap;
};
void ald_ixvec_push(struct ald_ixvec *iv, size_t x);
int ald_ixvec_contains(const struct ald_ixvec *iv, size_t x);
void ald_ixvec_free(struct ald_ixvec *iv);

/* Reading whole files (read_file.c: part of the engine only). Only regular
 * files are read (opened non-blocking, checked with fstat: a FIFO, device,
 * socket or directory is an error naming the path and what it is), and never
 * more than a limit + 1 bytes: a larger file is an error naming it, its size
 * and the limit. */

/* The default limit of a revision file, and the least limit of the other files. */
#define ALD_READ_DEFAULT_LIMIT ((size_t)64 << 20)
/* The revision file limit (max_revision_size): process-wide, set by each
 * configuration loaded (0: the default). */
void ald_read_set_limit(size_t max);
size_t ald_read_limit(void);

/* Reads a whole file into a NUL-terminated buffer; on failure sets the error
 * (naming the path) and returns it. *out is the caller's. The limit is the
 * larger of ald_read_limit() and the default: for the ini file, templates and
 * the like. */
int ald_read_file(char **out, size_t *len, const char *path);
/* The same with a limit of `max` bytes (revision files: ald_read_limit()). */
int ald_read_file_max(char **out, size_t *len, const char *path, size_t max);
/* Reads file `name` of the folder open as `dirfd` (AT_FDCWD: the current
 * one) into *buf, replacing its contents, NUL-terminated; the buffer is meant
 * to be reused from file to file. `path` names the file in messages. */
int ald_read_at(int dirfd, const char *name, const char *path, size_t max, struct ald_buf *buf);
/* Reads the open file fd the same way (its type and size checked first). */
int ald_read_fd(int fd, const char *path, size_t max, struct ald_buf *buf);
/* The error for a file of stat `st` that is not a regular file or is larger
 * than `max` bytes, else 0. */
struct stat;
int ald_read_check_stat(const char *path, const struct stat *st, size_t max);
/* What a file of mode `mode` is, for messages: "a FIFO", "a directory"... */
const char *ald_file_type_name(unsigned mode);

#endif
