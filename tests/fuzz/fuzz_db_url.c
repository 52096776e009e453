/* fuzz_db_url.c - libFuzzer target: database URLs (ald__db_url_parse) and their
 * display form. The input is the URL up to its first NUL byte. When it holds
 * a DEL byte (0x7f), the first one is replaced by one of two canaries and both
 * URLs are parsed: if each parse succeeds with the canary in its password (as
 * libpq would receive it in conninfo), the two displays must be the same text
 * (the display never depends on the password) and not contain the canary.
 * With ALD_FUZZ_STRICT_MASK=1 in the environment, a canary written between the
 * user's ':' and the URL's last '@' must appear neither in the display nor in
 * an error message, however the URL is (mal)formed. */
#include "db.h"
#include "error.h"
#include "fuzz_util.h"

#define CANARY1 "Zq7Pw9Kx"
#define CANARY2 "Hm4Rt8Vb"

static int strict;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	const char *v = getenv("ALD_FUZZ_STRICT_MASK");
	strict = v && strcmp(v, "1") == 0;
	return 0;
}

/* The value of keyword `password` in a libpq conninfo string as db_url writes
 * it (key='value', backslash escapes), or NULL; the caller's. */
static char *conninfo_password(const char *ci)
{
	const char *p = ci;
	while (p && *p) {
		while (*p == ' ')
			p++;
		const char *eq = strchr(p, '=');
		FUZZ_CHECK(eq && eq[1] == '\'', ci);
		int is_pw = (size_t)(eq - p) == 8 && strncmp(p, "password", 8) == 0;
		char *v = malloc(strlen(eq) + 1), *o = v;
		if (!v)
			abort();
		for (p = eq + 2; *p && *p != '\''; p++) {
			if (*p == '\\' && p[1])
				p++;
			*o++ = *p;
		}
		*o = '\0';
		FUZZ_CHECK(*p == '\'', ci);
		p++;
		if (is_pw)
			return v;
		free(v);
	}
	return NULL;
}

struct parsed {
	int err;
	struct ald_db_url u;
	char *message;  /* the error's message */
	char *password; /* from conninfo */
};

static void parse(struct parsed *r, const char *url)
{
	memset(r, 0, sizeof(*r));
	r->err = ald__db_url_parse(&r->u, url);
	if (r->err == 0) {
		FUZZ_CHECK(r->u.scheme && r->u.display, url);
		if (strcmp(r->u.scheme, "sqlite") == 0)
			FUZZ_CHECK(r->u.path && !r->u.conninfo, url);
		else
			FUZZ_CHECK(strcmp(r->u.scheme, "postgresql") == 0 && r->u.conninfo && !r->u.path,
				   url);
		if (r->u.conninfo)
			r->password = conninfo_password(r->u.conninfo);
	} else {
		const ald_error *e = ald_error_last();
		FUZZ_CHECK(e && e->message, url);
		FUZZ_CHECK(!r->u.scheme && !r->u.display && !r->u.conninfo, "*out zeroed on error");
		r->message = strdup(e->message);
	}
	ald__error_clear();
}

static void parsed_clear(struct parsed *r)
{
	ald__db_url_clear(&r->u);
	free(r->message);
	free(r->password);
}

/* `s` with its first occurrence of `from` replaced by `to` (same length); the caller's. */
static char *replaced(const char *s, const char *from, const char *to)
{
	char *c = strdup(s), *at = c ? strstr(c, from) : NULL;
	if (!c)
		abort();
	if (at)
		memcpy(at, to, strlen(to));
	return c;
}

/* Whether the canary at `at` lies where the masking rule hides
 * everything: after the ':' ending the user name, before the URL's last '@'. */
static int in_password_region(const char *url, const char *at)
{
	const char *sep = strstr(url, "://");
	if (!sep)
		return 0;
	const char *user = sep + 3;
	const char *colon = user + strcspn(user, ":/");
	const char *last_at = strrchr(url, '@');
	return *colon == ':' && colon < at && last_at && last_at > at;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *url = fuzz_text(data, size); /* ends at the first NUL */
	char *marker = strchr(url, 0x7f);
	if (!marker) {
		struct parsed r;
		parse(&r, url);
		parsed_clear(&r);
		free(url);
		return 0;
	}
	/* the canary must be the only one in the URL: no false alarm from text written around it */
	if (strstr(url, CANARY1) || strstr(url, CANARY2)) {
		free(url);
		return 0;
	}
	size_t pre = (size_t)(marker - url);
	size_t n = strlen(url) + strlen(CANARY1);
	char *u1 = malloc(n), *u2 = malloc(n);
	if (!u1 || !u2)
		abort();
	snprintf(u1, n, "%.*s%s%s", (int)pre, url, CANARY1, marker + 1);
	snprintf(u2, n, "%.*s%s%s", (int)pre, url, CANARY2, marker + 1);
	struct parsed r1, r2;
	parse(&r1, u1);
	parse(&r2, u2);
	if (r1.err == 0 && r2.err == 0 && r1.password && r2.password && strstr(r1.password, CANARY1)) {
		char *expect2 = replaced(r1.password, CANARY1, CANARY2);
		if (strcmp(expect2, r2.password) == 0) {
			/* the canary is (part of) the password */
			if (strcmp(r1.u.display, r2.u.display) != 0 || strstr(r1.u.display, CANARY1)) {
				fprintf(stderr, "password shown: %s -> %s\n", u1, r1.u.display);
				abort();
			}
		}
		free(expect2);
	}
	if (strict && in_password_region(u1, u1 + pre)) {
		const char *shown = r1.err == 0 ? r1.u.display : r1.message;
		if (strstr(shown, CANARY1)) {
			fprintf(stderr, "password region shown: %s -> %s\n", u1, shown);
			abort();
		}
	}
	parsed_clear(&r1);
	parsed_clear(&r2);
	free(u1);
	free(u2);
	free(url);
	return 0;
}
