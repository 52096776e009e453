/* util.c - the engine's memory, string-buffer and vector helpers (see
 * util.h); internal: the front ends have their own (src/cli/cli_util.c). */
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

static void oom(void)
{
	fputs("aludel: out of memory\n", stderr);
	abort();
}

void *ald__xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *ald__xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *ald__xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom();
	return q;
}

void *ald__xgrow(void *p, size_t *cap, size_t need, size_t size)
{
	size_t c = *cap;
	if (need <= c)
		return p;
	if (c < 8)
		c = 8;
	while (c < need)
		c *= 2;
	*cap = c;
	return ald__xrealloc(p, c * size);
}

char *ald__xstrdup(const char *s)
{
	return ald__xstrndup(s, strlen(s));
}

char *ald__xstrndup(const char *s, size_t n)
{
	char *p = ald__xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *ald__xvasprintf(const char *fmt, va_list ap)
{
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		oom();
	char *p = ald__xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *ald__xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = ald__xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void ald__buf_put(struct ald_buf *b, const char *s, size_t n)
{
	b->ptr = ald__xgrow(b->ptr, &b->cap, b->len + n + 1, 1);
	memcpy(b->ptr + b->len, s, n);
	b->len += n;
	b->ptr[b->len] = '\0';
}

void ald__buf_puts(struct ald_buf *b, const char *s)
{
	ald__buf_put(b, s, strlen(s));
}

void ald__buf_putc(struct ald_buf *b, char c)
{
	if (b->len + 2 > b->cap) /* the one call that grows; the common case is two stores */
		b->ptr = ald__xgrow(b->ptr, &b->cap, b->len + 2, 1);
	b->ptr[b->len++] = c;
	b->ptr[b->len] = '\0';
}

void ald__buf_printf(struct ald_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = ald__xvasprintf(fmt, ap);
	va_end(ap);
	ald__buf_puts(b, s);
	free(s);
}

char *ald__buf_detach(struct ald_buf *b)
{
	char *p = b->ptr ? b->ptr : ald__xstrdup("");
	b->ptr = NULL;
	b->len = b->cap = 0;
	return p;
}

const char *ald__buf_cstr(const struct ald_buf *b)
{
	return b->ptr ? b->ptr : "";
}

void ald__buf_free(struct ald_buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
}

void ald__strvec_push(struct ald_strvec *sv, char *s)
{
	sv->v = ald__xgrow(sv->v, &sv->cap, sv->n + 1, sizeof(*sv->v));
	sv->v[sv->n++] = s;
}

void ald__strvec_pushdup(struct ald_strvec *sv, const char *s)
{
	ald__strvec_push(sv, ald__xstrdup(s));
}

int ald__strvec_contains(const struct ald_strvec *sv, const char *s)
{
	for (size_t i = 0; i < sv->n; i++)
		if (strcmp(sv->v[i], s) == 0)
			return 1;
	return 0;
}

char *ald__strvec_join(const struct ald_strvec *sv, const char *sep)
{
	struct ald_buf b = {0};
	for (size_t i = 0; i < sv->n; i++) {
		if (i)
			ald__buf_puts(&b, sep);
		ald__buf_puts(&b, sv->v[i]);
	}
	return ald__buf_detach(&b);
}

void ald__strvec_free(struct ald_strvec *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = sv->cap = 0;
}

void ald__ixvec_push(struct ald_ixvec *iv, size_t x)
{
	iv->v = ald__xgrow(iv->v, &iv->cap, iv->n + 1, sizeof(*iv->v));
	iv->v[iv->n++] = x;
}

int ald__ixvec_contains(const struct ald_ixvec *iv, size_t x)
{
	for (size_t i = 0; i < iv->n; i++)
		if (iv->v[i] == x)
			return 1;
	return 0;
}

void ald__ixvec_free(struct ald_ixvec *iv)
{
	free(iv->v);
	iv->v = NULL;
	iv->n = iv->cap = 0;
}

int ald__parse_bool(const char *v, int *out)
{
	static const char *const yes[] = {"true", "yes", "on", "1"};
	static const char *const no[] = {"false", "no", "off", "0"};
	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(v, yes[i]) == 0)
			return *out = 1, 0;
		if (strcasecmp(v, no[i]) == 0)
			return *out = 0, 0;
	}
	return -1;
}

/* One madvise instead of a page fault per 4 KiB, which costs microseconds in
 * a VM. Best effort: kernels before 5.14 lack MADV_POPULATE_WRITE. */
void ald__prefault(void *p, size_t len)
{
#ifdef MADV_POPULATE_WRITE
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t start = ((uintptr_t)p + page - 1) & ~(page - 1);
	uintptr_t end = ((uintptr_t)p + len) & ~(page - 1);
	if (len >= 64 * page && end > start)
		(void)madvise((void *)start, end - start, MADV_POPULATE_WRITE);
#else
	(void)p;
	(void)len;
#endif
}
