/* url_mask.c - masks passwords in database URLs (see url_mask.h). */
#include "url_mask.h"
#include "util.h"

#include <string.h>
#include <strings.h>

/* Replaces the value of every `password=` query parameter. */
static void mask_query(struct ald_buf *b, const char *q)
{
	while (*q) {
		const char *end = q + strcspn(q, "&");
		if (strncasecmp(q, "password=", 9) == 0) {
			ald_buf_puts(b, "password=XXXXX");
		} else {
			ald_buf_put(b, q, (size_t)(end - q));
		}
		if (*end == '&')
			ald_buf_putc(b, *end++);
		q = end;
	}
}

char *ald_url_mask(const char *url)
{
	struct ald_buf b = {0};
	const char *rest = url;
	const char *scheme_end = strstr(url, "://");
	if (scheme_end) {
		const char *auth = scheme_end + 3;
		const char *auth_end = auth + strcspn(auth, "/?#");
		const char *at = NULL;
		for (const char *c = auth; c < auth_end; c++)
			if (*c == '@')
				at = c; /* the last @ ends the user info */
		const char *colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
		if (colon) {
			ald_buf_put(&b, url, (size_t)(colon + 1 - url));
			ald_buf_puts(&b, "XXXXX");
			rest = at;
		}
	}
	const char *q = strchr(rest, '?');
	if (q) {
		ald_buf_put(&b, rest, (size_t)(q + 1 - rest));
		mask_query(&b, q + 1);
	} else {
		ald_buf_puts(&b, rest);
	}
	return ald_buf_detach(&b);
}
