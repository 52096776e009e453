/* slug.c - the small text pieces of a new revision: a random id, the slug of
 * its message (Unicode-aware, like Python's re \w) and Python's repr(). */
#include "revision_write.h"
#include "error.h"

#include <fcntl.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>
#include <wctype.h>

static void random_bytes(unsigned char *buf, size_t n)
{
	size_t got = 0;
	while (got < n) {
		ssize_t r = getrandom(buf + got, n - got, 0);
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	if (got == n)
		return;
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	while (fd >= 0 && got < n) {
		ssize_t r = read(fd, buf + got, n - got);
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	if (fd >= 0)
		close(fd);
	if (got < n) {
		fputs("aludel: no random numbers available\n", stderr);
		abort();
	}
}

void ald__random_hex(char *out, size_t n)
{
	unsigned char b[64];
	if (n > 2 * sizeof(b))
		n = 2 * sizeof(b);
	random_bytes(b, (n + 1) / 2);
	for (size_t i = 0; i < n; i++)
		out[i] = "0123456789abcdef"[(i % 2 ? b[i / 2] : b[i / 2] >> 4) & 15];
	out[n] = '\0';
}

char *ald__revid_random(void)
{
	char hex[13];
	ald__random_hex(hex, 12);
	return ald__xstrdup(hex);
}

/* Decodes one UTF-8 character at s; *len gets its byte length. An invalid
 * sequence yields (uint32_t)-1 with *len = 1. */
static uint32_t utf8_decode(const unsigned char *s, size_t *len)
{
	uint32_t c = s[0];
	size_t n = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
	*len = 1;
	if (n == 0)
		return (uint32_t)-1;
	if (n == 1)
		return c;
	c &= 0x7fu >> n;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return (uint32_t)-1;
		c = (c << 6) | (s[i] & 0x3fu);
	}
	static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
	if (c < min[n] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return (uint32_t)-1;
	*len = n;
	return c;
}

static void utf8_put(struct ald_buf *b, uint32_t c)
{
	char s[4];
	size_t n;
	if (c < 0x80) {
		s[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		s[0] = (char)(0xc0 | (c >> 6));
		s[1] = (char)(0x80 | (c & 0x3f));
		n = 2;
	} else if (c < 0x10000) {
		s[0] = (char)(0xe0 | (c >> 12));
		s[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		s[2] = (char)(0x80 | (c & 0x3f));
		n = 3;
	} else {
		s[0] = (char)(0xf0 | (c >> 18));
		s[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		s[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		s[3] = (char)(0x80 | (c & 0x3f));
		n = 4;
	}
	ald__buf_put(b, s, n);
}

/* The "other numbers" (Unicode category No) of the BMP: Python's \w (via
 * str.isalnum()) matches them, glibc's iswalnum() does not: superscripts,
 * fractions, circled numbers, ... */
static const uint32_t other_numbers[][2] = {
	{0xb2, 0xb3},     {0xb9, 0xb9},     {0xbc, 0xbe},     {0x9f4, 0x9f9},   {0xb72, 0xb77},
	{0xbf0, 0xbf2},   {0xc78, 0xc7e},   {0xd58, 0xd5e},   {0xd70, 0xd78},   {0xf2a, 0xf33},
	{0x1369, 0x137c}, {0x17f0, 0x17f9}, {0x19da, 0x19da}, {0x2070, 0x2070}, {0x2074, 0x2079},
	{0x2080, 0x2089}, {0x2150, 0x215f}, {0x2189, 0x2189}, {0x2460, 0x249b}, {0x24ea, 0x24ff},
	{0x2776, 0x2793}, {0x2cfd, 0x2cfd}, {0x3192, 0x3195}, {0x3220, 0x3229}, {0x3248, 0x324f},
	{0x3251, 0x325f}, {0x3280, 0x3289}, {0x32b1, 0x32bf}, {0xa830, 0xa835},
};

/* Whether c is a word character (\w); `loc` is a UTF-8 locale or 0. */
static int is_word(uint32_t c, locale_t loc)
{
	if (c == '_')
		return 1;
	if (c < 0x80 || !loc)
		return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
	for (size_t i = 0; i < sizeof(other_numbers) / sizeof(*other_numbers); i++)
		if (c >= other_numbers[i][0] && c <= other_numbers[i][1])
			return 1;
	return iswalnum_l((wint_t)c, loc) != 0;
}

static uint32_t to_lower(uint32_t c, locale_t loc)
{
	if (c < 0x80 || !loc)
		return c >= 'A' && c <= 'Z' ? c + 32 : c;
	return (uint32_t)towlower_l((wint_t)c, loc);
}

char *ald__slugify(const char *message, int truncate_len)
{
	if (truncate_len <= 0)
		truncate_len = 40;
	/* A private locale object: the process locale is left alone. */
	locale_t loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	uint32_t *cp = ald__xmalloc((strlen(message ? message : "") + 1) * sizeof(*cp));
	size_t n = 0;
	int in_word = 0;
	for (const unsigned char *s = (const unsigned char *)(message ? message : ""); *s;) {
		size_t len;
		uint32_t c = utf8_decode(s, &len);
		s += len;
		if (c != (uint32_t)-1 && is_word(c, loc)) {
			if (!in_word && n > 0)
				cp[n++] = '_';
			cp[n++] = to_lower(c, loc);
			in_word = 1;
		} else {
			in_word = 0;
		}
	}
	if (loc)
		freelocale(loc);
	if (n > (size_t)truncate_len) {
		size_t cut = (size_t)truncate_len;
		size_t last = cut;
		while (last > 0 && cp[last - 1] != '_')
			last--;
		n = last > 0 ? last : cut + 1; /* up to and including the last '_' */
		cp[n - 1] = '_';
	}
	struct ald_buf b = {0};
	for (size_t i = 0; i < n; i++)
		utf8_put(&b, cp[i]);
	free(cp);
	return ald__buf_detach(&b);
}

char *ald__py_repr(const char *s)
{
	char q = strchr(s, '\'') && !strchr(s, '"') ? '"' : '\'';
	struct ald_buf b = {0};
	ald__buf_putc(&b, q);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\\' || *p == (unsigned char)q) {
			ald__buf_putc(&b, '\\');
			ald__buf_putc(&b, (char)*p);
		} else if (*p == '\n') {
			ald__buf_puts(&b, "\\n");
		} else if (*p == '\t') {
			ald__buf_puts(&b, "\\t");
		} else if (*p == '\r') {
			ald__buf_puts(&b, "\\r");
		} else if (*p < 0x20 || *p == 0x7f) {
			ald__buf_printf(&b, "\\x%02x", *p);
		} else {
			ald__buf_putc(&b, (char)*p);
		}
	}
	ald__buf_putc(&b, q);
	return ald__buf_detach(&b);
}
