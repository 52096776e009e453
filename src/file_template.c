/* file_template.c - expanding Alembic's file_template, the subset of
 * Python's `format % mapping` that file names need (see revision_write.h). */
#include "revision_write.h"
#include "error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One conversion's flags, width and precision (-1: none). */
struct spec {
	int minus, zero, plus, space;
	long width, prec;
};

/* Number of UTF-8 characters in the first `bytes` bytes of s. */
static size_t chars_in(const char *s, size_t bytes)
{
	size_t n = 0;
	for (size_t i = 0; i < bytes; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	return n;
}

/* Byte length of the first `chars` characters of s. */
static size_t bytes_of(const char *s, size_t chars)
{
	size_t i = 0;
	for (; s[i]; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80 && chars-- == 0)
			break;
	return i;
}

static void pad(struct ald_buf *b, char c, long n)
{
	for (; n > 0; n--)
		ald__buf_putc(b, c);
}

static void put_str(struct ald_buf *b, const char *s, const struct spec *sp)
{
	size_t len = sp->prec >= 0 ? bytes_of(s, (size_t)sp->prec) : strlen(s);
	long fill = sp->width - (long)chars_in(s, len);
	if (!sp->minus)
		pad(b, ' ', fill);
	ald__buf_put(b, s, len);
	if (sp->minus)
		pad(b, ' ', fill);
}

/* Python's %d: precision = minimum digits, '0' pads after the sign even
 * with a precision, '-' wins over '0'. */
static void put_int(struct ald_buf *b, long long v, const struct spec *sp)
{
	char digits[32];
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	int nd = snprintf(digits, sizeof(digits), "%llu", u);
	const char *sign = v < 0 ? "-" : sp->plus ? "+" : sp->space ? " " : "";
	long zeros = sp->prec > nd ? sp->prec - nd : 0;
	long body = (long)strlen(sign) + zeros + nd;
	long fill = sp->width > body ? sp->width - body : 0;
	if (!sp->minus && !sp->zero)
		pad(b, ' ', fill);
	ald__buf_puts(b, sign);
	if (!sp->minus && sp->zero)
		pad(b, '0', fill);
	pad(b, '0', zeros);
	ald__buf_puts(b, digits);
	if (sp->minus)
		pad(b, ' ', fill);
}

static long read_num(const char **s)
{
	long n = 0;
	while (**s >= '0' && **s <= '9' && n < 10000)
		n = n * 10 + (*(*s)++ - '0');
	return n;
}

/* Looks a token up: *str for rev/slug, else *num; 0 if unknown. */
static int token(const char *name, const struct ald_template_values *v, const char **str,
		 long long *num)
{
	const struct {
		const char *name;
		long long value;
	} nums[] = {
		{"epoch", v->epoch}, {"year", v->year},     {"month", v->month},   {"day", v->day},
		{"hour", v->hour},   {"minute", v->minute}, {"second", v->second},
	};
	*str = ald__streq(name, "rev") ? v->rev : ald__streq(name, "slug") ? v->slug : NULL;
	if (*str)
		return 1;
	for (size_t i = 0; i < sizeof(nums) / sizeof(*nums); i++)
		if (ald__streq(name, nums[i].name)) {
			*num = nums[i].value;
			return 1;
		}
	return 0;
}

/* One %(name)<spec><conv> at *sp (after "%("). */
static int conversion(struct ald_buf *b, const char **sp, const struct ald_template_values *v)
{
	const char *s = *sp, *close = strchr(s, ')');
	if (!close)
		return ald__error_set(ALD_EINVALID, "file_template: '%%(' without ')'");
	char *name = ald__xstrndup(s, (size_t)(close - s));
	s = close + 1;
	struct spec sp_ = {.width = 0, .prec = -1};
	for (;; s++) {
		if (*s == '-')
			sp_.minus = 1;
		else if (*s == '0')
			sp_.zero = 1;
		else if (*s == '+')
			sp_.plus = 1;
		else if (*s == ' ')
			sp_.space = 1;
		else if (*s != '#')
			break;
	}
	sp_.width = read_num(&s);
	if (*s == '.') {
		s++;
		sp_.prec = read_num(&s);
	}
	while (*s == 'h' || *s == 'l' || *s == 'L')
		s++; /* length modifiers: accepted and ignored, as by Python */
	char conv = *s;
	const char *str;
	long long num = 0;
	int error = 0;
	if (!token(name, v, &str, &num)) {
		error = ald__error_set(ALD_EINVALID, "file_template: unknown token '%s' (known: rev, "
						    "slug, epoch, year, month, day, hour, minute, second)",
				      name);
	} else if (conv == 's') {
		if (str) {
			put_str(b, str, &sp_);
		} else {
			char *t = ald__xasprintf("%lld", num);
			put_str(b, t, &sp_);
			free(t);
		}
	} else if (conv == 'd' || conv == 'i' || conv == 'u') {
		if (str)
			error = ald__error_set(ALD_EINVALID,
					      "file_template: %%(%s)%c needs a number, and %s is text",
					      name, conv, name);
		else
			put_int(b, num, &sp_);
	} else {
		error = ald__error_set(ALD_EINVALID,
				      "file_template: unsupported conversion '%c' for '%s' (use s or d)",
				      conv ? conv : ' ', name);
	}
	free(name);
	*sp = conv ? s + 1 : s;
	return error;
}

int ald__file_template_expand(char **out, const char *tmpl, const struct ald_template_values *v)
{
	struct ald_buf b = {0};
	int error = 0;
	*out = NULL;
	for (const char *s = tmpl; *s && error == 0;) {
		if (s[0] != '%') {
			ald__buf_putc(&b, *s++);
		} else if (s[1] == '%') {
			ald__buf_putc(&b, '%');
			s += 2;
		} else if (s[1] == '(') {
			s += 2;
			error = conversion(&b, &s, v);
		} else {
			error = ald__error_set(ALD_EINVALID,
					      "file_template: '%%' must be followed by '(name)' or '%%'");
		}
	}
	if (error < 0) {
		ald__buf_free(&b);
		return error;
	}
	*out = ald__buf_detach(&b);
	return 0;
}
