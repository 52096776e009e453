/* cli_util.h - the command line's own small helpers: allocation that aborts
 * on failure, a growable string buffer and a vector of owned strings. The
 * front end uses these instead of the engine's private ones (it sees only
 * include/aludel.h). */
#ifndef ALD_CLI_UTIL_H
#define ALD_CLI_UTIL_H

#include <stddef.h>

#define CLI_ATTR_PRINTF(f, a) __attribute__((format(printf, f, a)))

/* Allocation failure prints a message and aborts: callers never check. */
void *cli_xrealloc(void *p, size_t n);
char *cli_xstrdup(const char *s);
char *cli_xstrndup(const char *s, size_t n);

/* A growable NUL-terminated byte buffer. Zero-initialise it ({0}) before use. */
struct cli_buf {
	char *ptr;
	size_t len, cap;
};
void cli_buf_put(struct cli_buf *b, const char *s, size_t n);
void cli_buf_puts(struct cli_buf *b, const char *s);
void cli_buf_putc(struct cli_buf *b, char c);
void cli_buf_printf(struct cli_buf *b, const char *fmt, ...) CLI_ATTR_PRINTF(2, 3);
/* The contents, never NULL; borrowed from the buffer. */
const char *cli_buf_cstr(const struct cli_buf *b);
void cli_buf_free(struct cli_buf *b);
/* Appends s as Python's repr() of a str writes it: in single quotes (double
 * when s holds a ' and no "), backslash, the quote and control characters
 * escaped - how Alembic's messages quote paths. */
void cli_buf_put_repr(struct cli_buf *b, const char *s);

/* A growable vector of owned strings. Zero-initialise before use. */
struct cli_strvec {
	char **v;
	size_t n, cap;
};
/* Takes ownership of s. */
void cli_strvec_push(struct cli_strvec *sv, char *s);
void cli_strvec_pushdup(struct cli_strvec *sv, const char *s);
int cli_strvec_contains(const struct cli_strvec *sv, const char *s);
void cli_strvec_free(struct cli_strvec *sv);

#endif
