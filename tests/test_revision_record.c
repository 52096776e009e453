/* test_revision_record.c - the revision record's one field list
 * (ALD_REVFILE_FIELDS, src/revision_file.h): for every field of it, a record
 * with that field set - its strings and lists borrowed from one source
 * buffer, as the cache's reader and the parsers' callers hand them over -
 * comes out of ald__revfile_pack unchanged with no pointer into that buffer
 * (the buffer is overwritten and freed before the copy is read: AddressSanitizer
 * reports any read of it), and comes out of a header cache write and read
 * (ald__revcache_store, ald__revcache_lookup) unchanged. The doc, read again
 * from the file when asked, is dropped by both. A cache file of another
 * format word (e.g. format 3, before the list) is ignored without a word. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bincodec.h"
#include "revision_cache.h"

static char *root; /* temporary folder: the cache's */

static int setup(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/ald_revrecord_XXXXXX";
	if (!mkdtemp(tmpl))
		return -1;
	root = ald__xstrdup(tmpl);
	setenv("ALUDEL_CACHE_DIR", root, 1);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char *cmd = ald__xasprintf("rm -rf '%s'", root);
	int rc = system(cmd);
	free(cmd);
	free(root);
	unsetenv("ALUDEL_CACHE_DIR");
	return rc;
}

/* The source buffer: every string and list array of a record under test is
 * carved from it. */
struct arena {
	char *base;
	size_t used, cap;
};

static void *carve(struct arena *a, size_t n)
{
	size_t at = (a->used + 15) & ~(size_t)15;
	assert_true(at + n <= a->cap);
	a->used = at + n;
	return a->base + at;
}

static char *carve_str(struct arena *a, const char *s)
{
	return strcpy(carve(a, strlen(s) + 1), s);
}

/* A plain record, strings in the arena: the base every field is set on. */
static void base_record(struct ald_revfile *rf, struct arena *a)
{
	memset(rf, 0, sizeof(*rf));
	rf->path = carve_str(a, "versions/base.sql");
	rf->doc = carve_str(a, "base\n\nmore text");
	rf->id = carve_str(a, "base");
	rf->message = carve_str(a, "base");
	rf->kind = ALD_REVFILE_SQL;
	rf->transactional = 1;
	rf->upgrade = (struct ald_section){1, 9, 120, 30};
}

/* Sets field number i of rf to a value other than base_record's. */
static void set_field(struct ald_revfile *rf, size_t i, struct arena *a)
{
	const struct ald_revfile_field *f = &ald__revfile_fields[i];
	char text[64];
	switch (f->kind) {
	case ALD_RF_STR:
	case ALD_RF_OPT:
		snprintf(text, sizeof(text), "value of %s", f->name);
		*ALD_RF_AT(rf, f, char *) = carve_str(a, text);
		break;
	case ALD_RF_LIST: {
		struct ald_strvec *l = ALD_RF_AT(rf, f, struct ald_strvec);
		l->n = l->cap = 3;
		l->v = carve(a, 3 * sizeof(char *));
		for (size_t k = 0; k < 3; k++) {
			snprintf(text, sizeof(text), "%s_%zu", f->name, k);
			l->v[k] = carve_str(a, text);
		}
		break;
	}
	case ALD_RF_LINE:
		*ALD_RF_AT(rf, f, unsigned) = 40 + (unsigned)i;
		break;
	case ALD_RF_FLAG:
		*ALD_RF_AT(rf, f, int) = !*ALD_RF_AT(rf, f, int);
		break;
	case ALD_RF_KIND:
		*ALD_RF_AT(rf, f, enum ald_revfile_kind) = ALD_REVFILE_PY;
		break;
	case ALD_RF_SECTION:
		*ALD_RF_AT(rf, f, struct ald_section) =
			(struct ald_section){1, 1000 + (unsigned)i, 70000 + i, 5000 + i};
		break;
	default:
		fail_msg("field %s has a kind this test does not know: teach set_field", f->name);
	}
}

/* Whether p points into [lo, lo + n). */
static int inside(const void *p, const void *lo, size_t n)
{
	uintptr_t x = (uintptr_t)p, l = (uintptr_t)lo;
	return x >= l && x < l + n;
}

/* No string or list array of `copy` lies in the arena. */
static void assert_nothing_borrowed(const struct ald_revfile *copy, const struct arena *a)
{
	for (size_t i = 0; i < ald__revfile_n_fields; i++) {
		const struct ald_revfile_field *f = &ald__revfile_fields[i];
		if (f->kind == ALD_RF_STR || f->kind == ALD_RF_OPT) {
			if (inside(*ALD_RF_CAT(copy, f, char *), a->base, a->cap))
				fail_msg("the copy's %s points into the source", f->name);
		} else if (f->kind == ALD_RF_LIST) {
			const struct ald_strvec *l = ALD_RF_CAT(copy, f, struct ald_strvec);
			if (l->n && inside(l->v, a->base, a->cap))
				fail_msg("the copy's %s array is the source's", f->name);
			for (size_t k = 0; k < l->n; k++)
				if (inside(l->v[k], a->base, a->cap))
					fail_msg("the copy's %s item %zu points into the source", f->name, k);
		}
	}
}

/* A made-up stat, old enough to be recorded, and a made-up folder. */
static const struct stat file_st = {.st_size = 321, .st_ino = 42, .st_dev = 7,
				    .st_mtim = {1000000, 5}, .st_ctim = {1000001, 6}};
static const struct stat dir_st = {.st_size = 4096, .st_ino = 9, .st_mtim = {1000, 0},
				   .st_ctim = {1000, 0}};

/* rf written to a cache file and read back into *got (caller clears). */
static void cache_round_trip(struct ald_revfile *got, const struct ald_revfile *rf)
{
	struct ald_revcache *c = ald__revcache_open("/some/folder", &dir_st);
	assert_non_null(c);
	ald__revcache_store(c, "base.sql", &file_st, rf);
	ald__revcache_close(c, 1);
	c = ald__revcache_open("/some/folder", &dir_st);
	assert_non_null(c);
	assert_int_equal(ald__revcache_lookup(c, "base.sql", &file_st, got, rf->path), 1);
	assert_null(ald__revcache_damage(c));
	ald__revcache_close(c, 0);
}

/* `set` (fields `which` set on the base) through the pack, then the cache;
 * `want` is the same record built again, in a buffer of its own. */
static void check_record(struct ald_revfile *set, struct arena *src, const struct ald_revfile *want,
			 const char *what)
{
	struct ald_revfile copy, got;
	ald__revfile_pack(&copy, set);
	assert_non_null(copy.block);
	assert_nothing_borrowed(&copy, src);
	/* the source is overwritten and freed: the copy must not need it */
	memset(src->base, 'Z', src->cap);
	free(src->base);
	src->base = NULL;
	memset(set, 0, sizeof(*set));

	const char *diff = ald__revfile_diff(&copy, want, ALD_RF_PACKED);
	if (diff)
		fail_msg("%s: the packed copy's %s differs", what, diff);
	assert_null(copy.doc); /* REREAD: never packed */

	cache_round_trip(&got, &copy);
	diff = ald__revfile_diff(&got, want, ALD_RF_PACKED);
	if (diff)
		fail_msg("%s: %s differs through the cache", what, diff);
	assert_null(got.doc);
	ald__revfile_clear(&got);
	ald__revfile_clear(&copy);
}

static void arena_init(struct arena *a)
{
	a->cap = 8192;
	a->used = 0;
	a->base = ald__xmalloc(a->cap);
}

/* Each field alone: set on the base, it differs from the base in that field
 * (first), and survives the pack and the cache. */
static void every_field_survives_pack_and_cache(void **state)
{
	(void)state;
	assert_true(ald__revfile_n_fields >= 15);
	for (size_t i = 0; i < ald__revfile_n_fields; i++) {
		const struct ald_revfile_field *f = &ald__revfile_fields[i];
		struct arena a, b, c;
		struct ald_revfile base, set, want;
		arena_init(&a);
		arena_init(&b);
		arena_init(&c);
		base_record(&base, &c);
		base_record(&set, &a);
		set_field(&set, i, &a);
		base_record(&want, &b);
		set_field(&want, i, &b);
		const char *diff = ald__revfile_diff(&base, &set, ALD_RF_REREAD);
		assert_non_null(diff);
		assert_string_equal(diff, f->name);
		if (f->keep == ALD_RF_REREAD)
			want.doc = NULL;
		check_record(&set, &a, &want, f->name);
		free(b.base);
		free(c.base);
	}
}

/* Every field at once. */
static void all_fields_at_once(void **state)
{
	(void)state;
	struct arena a, b;
	struct ald_revfile set, want;
	arena_init(&a);
	arena_init(&b);
	base_record(&set, &a);
	base_record(&want, &b);
	for (size_t i = 0; i < ald__revfile_n_fields; i++) {
		set_field(&set, i, &a);
		set_field(&want, i, &b);
	}
	want.doc = NULL;
	check_record(&set, &a, &want, "all fields");
	free(b.base);
}

/* The fields the table names are the struct's: their offsets are distinct,
 * in order, and within the struct; the list's first string member is path. */
static void table_matches_struct(void **state)
{
	(void)state;
	for (size_t i = 0; i < ald__revfile_n_fields; i++) {
		const struct ald_revfile_field *f = &ald__revfile_fields[i];
		assert_true(f->offset < offsetof(struct ald_revfile, block));
		if (i)
			assert_true(f->offset > ald__revfile_fields[i - 1].offset);
	}
	assert_string_equal(ald__revfile_fields[0].name, "path");
	assert_non_null(strstr(ald__revfile_layout, "STR id CACHED;"));
}

/* The one cache file of the cache folder: its bytes into *data, *len. */
static char *cache_file(char **data, size_t *len)
{
	DIR *d = opendir(root);
	assert_non_null(d);
	char *path = NULL;
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.') {
			assert_null(path);
			path = ald__xasprintf("%s/%s", root, e->d_name);
		}
	closedir(d);
	assert_non_null(path);
	assert_int_equal(ald__read_file(data, len, path), 0);
	return path;
}

static void write_bytes(const char *path, const char *data, size_t len)
{
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

/* Whether the cache of /some/folder gives copy's entry, and what it says. */
static int cache_hit(const struct ald_revfile *copy, const char **damage)
{
	struct ald_revfile got;
	struct ald_revcache *c = ald__revcache_open("/some/folder", &dir_st);
	int hit = ald__revcache_lookup(c, "base.sql", &file_st, &got, copy->path);
	*damage = ald__revcache_damage(c);
	ald__revfile_clear(&got);
	ald__revcache_close(c, 0);
	return hit;
}

/* A cache file whose format word is another one (3: aludel's before the
 * field list), its checksum right, is ignored, quietly: not used, not called
 * damaged. The same bytes with the word put back are used. */
static void another_format_is_ignored(void **state)
{
	(void)state;
	struct arena a;
	struct ald_revfile set, copy, got;
	arena_init(&a);
	base_record(&set, &a);
	ald__revfile_pack(&copy, &set);
	free(a.base);
	cache_round_trip(&got, &copy);
	ald__revfile_clear(&got);

	char *data;
	size_t len;
	char *path = cache_file(&data, &len);
	/* magic 8, checksum 8, format 4, count 4, length 8, folder stat 56, folder str */
	enum { SUM = 8, WORD = 16, COUNT = 20, DIR_STR = 88 };
	uint32_t word, n, dlen, three = 3;
	memcpy(&word, data + WORD, 4);
	memcpy(&n, data + COUNT, 4);
	memcpy(&dlen, data + DIR_STR, 4);
	assert_int_not_equal(word, three);
	size_t table_end = DIR_STR + 4 + dlen + 1 + (size_t)n * 16;
	assert_true(table_end <= len);
	memcpy(data + WORD, &three, 4);
	uint64_t sum = ald__hash64(data + WORD, table_end - WORD);
	memcpy(data + SUM, &sum, 8);
	write_bytes(path, data, len);
	const char *damage;
	assert_int_equal(cache_hit(&copy, &damage), 0);
	assert_null(damage);

	memcpy(data + WORD, &word, 4);
	sum = ald__hash64(data + WORD, table_end - WORD);
	memcpy(data + SUM, &sum, 8);
	write_bytes(path, data, len);
	assert_int_equal(cache_hit(&copy, &damage), 1);
	assert_null(damage);
	ald__revfile_clear(&copy);
	free(data);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table_matches_struct),
		cmocka_unit_test_setup_teardown(every_field_survives_pack_and_cache, setup, teardown),
		cmocka_unit_test_setup_teardown(all_fields_at_once, setup, teardown),
		cmocka_unit_test_setup_teardown(another_format_is_ignored, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
