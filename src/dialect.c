/* dialect.c - finding a dialect's table (dialect.h): by name and by URL
 * scheme, the one place that maps schemes to dialects, and what the tables
 * share (the reserved-word search, double-quote quoting). */
#include "dialect.h"
#include "db.h"
#include "error.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* Every dialect, in the order lookups try them and the URL error names them. */
static const struct ald_dialect *const dialects[] = {
	&ald__dialect_sqlite,
	&ald__dialect_postgresql,
};
#define N_DIALECTS (sizeof(dialects) / sizeof(*dialects))

const struct ald_dialect *const *ald__dialect_all(size_t *n)
{
	*n = N_DIALECTS;
	return dialects;
}

const struct ald_dialect *ald__dialect_by_name(const char *name)
{
	for (size_t i = 0; name && i < N_DIALECTS; i++)
		if (strcmp(dialects[i]->name, name) == 0)
			return dialects[i];
	return NULL;
}

const struct ald_dialect *ald__dialect_of_scheme(const char *scheme)
{
	if (!scheme)
		return NULL;
	size_t base = strcspn(scheme, "+"); /* postgresql+psycopg2: the driver does not matter */
	for (size_t i = 0; i < N_DIALECTS; i++)
		for (const char *const *s = dialects[i]->url_schemes; *s; s++)
			if (strlen(*s) == base && strncmp(*s, scheme, base) == 0)
				return dialects[i];
	return NULL;
}

int ald__dialect_by_scheme(const struct ald_dialect **out, const char *scheme, const char *url_display)
{
	*out = ald__dialect_of_scheme(scheme);
	if (*out)
		return 0;
	struct ald_buf known = {0};
	for (size_t i = 0; i < N_DIALECTS; i++)
		ald__buf_printf(&known, "%s%s://", i == 0 ? "" : i + 1 < N_DIALECTS ? ", " : " and ",
			       dialects[i]->url_schemes[0]);
	int base = scheme ? (int)strcspn(scheme, "+") : 0;
	int error = ald__error_set(ALD_EINVALID, "unsupported database URL scheme '%.*s'%s%s: aludel supports %s",
				  base, scheme ? scheme : "", url_display ? " in " : "",
				  url_display ? url_display : "", ald__buf_cstr(&known));
	ald__buf_free(&known);
	return error;
}

static int cmp_word(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

int ald__dialect_is_reserved(const struct ald_dialect *d, const char *word)
{
	return bsearch(word, d->reserved, d->n_reserved, sizeof(*d->reserved), cmp_word) != NULL;
}

char *ald__dialect_quote_double(const char *ident)
{
	return ald__sql_quote(ident, '"');
}
