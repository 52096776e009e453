/* cli_util.c - the command line's allocation, buffer and string-vector
 * helpers (see cli_util.h). */
#include "cli_util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(void)
{
	fputs("aludel: out of memory\n", stderr);
	abort();
}

void *cli_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		out_of_memory();
	return q;
}

char *cli_xstrndup(const char *s, size_t n)
{
	char *p = cli_xrealloc(NULL, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *cli_xstrdup(const char *s)
{
	return cli_xstrndup(s, strlen(s));
}

/* Makes room for `need` bytes in b (doubling, at least 64). */
static void buf_reserve(struct cli_buf *b, size_t need)
{
	if (need <= b->cap)
		return;
	size_t cap = b->cap < 64 ? 64 : b->cap;
	while (cap < need)
		cap *= 2;
	b->ptr = cli_xrealloc(b->ptr, cap);
	b->cap = cap;
}

void cli_buf_put(struct cli_buf *b, const char *s, size_t n)
{
	buf_reserve(b, b->len + n + 1);
	memcpy(b->ptr + b->len, s, n);
	b->len += n;
	b->ptr[b->len] = '\0';
}

void cli_buf_puts(struct cli_buf *b, const char *s)
{
	cli_buf_put(b, s, strlen(s));
}

void cli_buf_putc(struct cli_buf *b, char c)
{
	cli_buf_put(b, &c, 1);
}

void cli_buf_printf(struct cli_buf *b, const char *fmt, ...)
{
	va_list ap, aq;
	va_start(ap, fmt);
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		out_of_memory();
	buf_reserve(b, b->len + (size_t)n + 1);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

const char *cli_buf_cstr(const struct cli_buf *b)
{
	return b->ptr ? b->ptr : "";
}

void cli_buf_put_repr(struct cli_buf *b, const char *s)
{
	char q = strchr(s, '\'') && !strchr(s, '"') ? '"' : '\'';
	cli_buf_putc(b, q);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		const char *esc = *p == '\n' ? "\\n" : *p == '\t' ? "\\t" : *p == '\r' ? "\\r" : NULL;
		if (esc)
			cli_buf_puts(b, esc);
		else if (*p == '\\' || *p == (unsigned char)q)
			cli_buf_printf(b, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			cli_buf_printf(b, "\\x%02x", *p);
		else
			cli_buf_putc(b, (char)*p);
	}
	cli_buf_putc(b, q);
}

void cli_buf_free(struct cli_buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
}

void cli_strvec_push(struct cli_strvec *sv, char *s)
{
	if (sv->n == sv->cap) {
		sv->cap = sv->cap ? sv->cap * 2 : 8;
		sv->v = cli_xrealloc(sv->v, sv->cap * sizeof *sv->v);
	}
	sv->v[sv->n++] = s;
}

void cli_strvec_pushdup(struct cli_strvec *sv, const char *s)
{
	cli_strvec_push(sv, cli_xstrdup(s));
}

int cli_strvec_contains(const struct cli_strvec *sv, const char *s)
{
	for (size_t i = 0; i < sv->n; i++)
		if (strcmp(sv->v[i], s) == 0)
			return 1;
	return 0;
}

void cli_strvec_free(struct cli_strvec *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = sv->cap = 0;
}
