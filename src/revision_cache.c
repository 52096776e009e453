/* revision_cache.c - the parsed-header cache of a versions folder (see revision_cache.h).
 *
 * File format (native byte order; the cache never leaves the machine):
 *   "ALDREVC" NUL, u64 file checksum, u32 format, u32 entry count n,
 *   u64 file length, stat of the folder, str folder, then a table of n
 *   (u64 offset of the entry from the file's start, u64 entry checksum),
 *   then the entries in name order, each ending where the next begins.
 *   entry: str name, stat, then each CACHED field of ALD_REVFILE_FIELDS
 *          (revision_file.h) in its order, by its kind:
 *          STR str; OPT u32 set, str ("" when not set); LIST list;
 *          LINE u32; FLAG u32; KIND u32; SECTION section
 *   stat: u64 size, ino, dev, mtime s, mtime ns, ctime s, ctime ns
 *   str: u32 length, bytes, NUL; list: u32 count, strs;
 *   section: u32 present, u64 offset, u64 length, u32 line.
 * The format word is not a number kept by hand: it is derived from FORMAT
 * (this file's own layout: header, table, stat, the encoding of each kind)
 * and from the field list itself (ald__revfile_layout), so a field added,
 * removed, moved or given another kind changes it and old files are refused.
 * Checksums are XXH64 (ald__hash64, bincodec.h). The file checksum covers
 * every byte from the format to the end of the table - so the count, the
 * length, the folder and each entry's offset and checksum - and an entry's
 * checksum covers all of its bytes: every byte of the file is covered once.
 * A file whose header, length or checksum does not verify, or that was
 * written for another folder, is ignored whole; an entry whose checksum does
 * not verify is ignored alone (its file is parsed again). Entries travel from
 * one cache file to the next with their checksums, verified when used.
 * The docstring is not kept (it is read from the file when asked for: see
 * ald_revision_read_doc). Bump FORMAT whenever the encoding of a kind, the
 * header or what the parsers produce changes; a file of another format is
 * replaced without a word.
 */
#include "revision_cache.h"
#include "bincodec.h"
#include "revision_write.h"
#include "scan.h"
#include "error.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define MAGIC "ALDREVC"
#define FORMAT 4u /* with the field list: see format_word() */
#define SUMMED_FROM 16 /* the file checksum covers the bytes from here */
#define RACY_SECONDS 2
#define STAT_WORDS 7

/* One entry of the next cache file: bytes of the old one, or of `fresh`. */
struct piece {
	size_t start, end;
	uint64_t sum;
	int fresh;
};

/* What is known of an old entry's checksum. */
enum { UNCHECKED, GOOD, BAD };

struct ald_revcache {
	char *path;           /* the cache file */
	char *dir;            /* the folder it describes */
	uint64_t dir_st[STAT_WORDS]; /* the folder's stat in this run */
	int dir_known;        /* dir_st is old enough to be trusted */
	int same_dir;         /* the old file recorded that same stat */
	char *data;           /* the old cache file, mapped read-only, or NULL */
	size_t len;
	uint64_t *offsets;    /* n + 1 entry offsets (the last: data's end); owned */
	uint64_t *sums;       /* n entry checksums; owned */
	unsigned char *state; /* n UNCHECKED / GOOD / BAD; owned */
	size_t n;             /* entries in the old file */
	size_t next;          /* lookup cursor */
	const char **names;   /* ald__revcache_names' answer; owned array */
	char **scratch;       /* list items of the entry being decoded */
	size_t cap_scratch;
	struct ald_buf fresh; /* entries parsed in this run, serialised */
	struct piece *pieces; /* the entries of this run, in name order */
	size_t n_pieces, cap_pieces;
	size_t hits, seen;    /* entries found; files looked up or stored */
	int dirty;
	const char *damage;   /* why (part of) the old file was not trusted, or NULL */
	time_t now;
};

static long clock_skew;

void ald__revcache_test_skew(long seconds)
{
	clock_skew = seconds;
}

/* The format word of this build's files: XXH64 of FORMAT and the field list,
 * cut to 32 bits (the numbers 1 to 3 of earlier files, kept by hand, are
 * refused like any other word). */
static uint32_t format_word(void)
{
	struct ald_buf b = {0};
	ald__buf_printf(&b, "%u:%s", FORMAT, ald__revfile_layout);
	uint32_t w = (uint32_t)ald__hash64(b.ptr, b.len);
	ald__buf_free(&b);
	return w;
}

/* ---- decoding (a damaged cache reads as empty) and encoding ---- */

/* A string borrowed from the mapped file (writable type for the view only). */
static char *rd_view(struct reader *r)
{
	uint32_t len;
	return (char *)rd_raw(r, &len);
}

/* A list borrowed from the file: its item pointers go to c->scratch, at *used;
 * the caller points the list's array into scratch once all lists are read
 * (scratch may move while it grows). */
static void rd_view_list(struct reader *r, struct ald_revcache *c, struct ald_strvec *out,
			 size_t *used)
{
	uint32_t n = rd_u32(r);
	if (r->bad || n > (size_t)(r->end - r->p) / 5) {
		r->bad = 1;
		return;
	}
	c->scratch = ald__xgrow(c->scratch, &c->cap_scratch, *used + n, sizeof(*c->scratch));
	out->v = (char **)(uintptr_t)*used; /* an index until fixed up */
	out->n = n;
	for (uint32_t i = 0; i < n; i++)
		c->scratch[(*used)++] = rd_view(r);
}

static void rd_section(struct reader *r, struct ald_section *s)
{
	s->present = (int)rd_u32(r);
	s->offset = (size_t)rd_u64(r);
	s->length = (size_t)rd_u64(r);
	s->line = rd_u32(r);
}

/* Reads the CACHED fields of an entry into the view v, its strings borrowed
 * from the file and its lists' items in c->scratch; *ok = 0 when a value is
 * one this writer cannot have written. */
static void rd_fields(struct reader *r, struct ald_revcache *c, struct ald_revfile *v, int *ok)
{
	size_t used = 0;
	*ok = 1;
	for (size_t i = 0; i < ald__revfile_n_fields; i++) {
		const struct ald_revfile_field *f = &ald__revfile_fields[i];
		if (f->keep != ALD_RF_CACHED)
			continue;
		switch (f->kind) {
		case ALD_RF_STR:
			*ALD_RF_AT(v, f, char *) = rd_view(r);
			break;
		case ALD_RF_OPT: {
			uint32_t set = rd_u32(r);
			char *s = rd_view(r);
			*ALD_RF_AT(v, f, char *) = set ? s : NULL;
			*ok &= set <= 1;
			break;
		}
		case ALD_RF_LIST:
			rd_view_list(r, c, ALD_RF_AT(v, f, struct ald_strvec), &used);
			break;
		case ALD_RF_LINE:
			*ALD_RF_AT(v, f, unsigned) = rd_u32(r);
			break;
		case ALD_RF_FLAG: {
			uint32_t x = rd_u32(r);
			*ALD_RF_AT(v, f, int) = (int)x;
			*ok &= x <= 1;
			break;
		}
		case ALD_RF_KIND: {
			uint32_t x = rd_u32(r);
			*ALD_RF_AT(v, f, enum ald_revfile_kind) = (enum ald_revfile_kind)x;
			*ok &= x == ALD_REVFILE_SQL || x == ALD_REVFILE_PY;
			break;
		}
		case ALD_RF_SECTION: {
			struct ald_section *s = ALD_RF_AT(v, f, struct ald_section);
			rd_section(r, s);
			*ok &= (unsigned)s->present <= 1;
			break;
		}
		}
	}
	/* scratch no longer moves: the lists' indexes become pointers */
	for (size_t i = 0; i < ald__revfile_n_fields && !r->bad; i++) {
		const struct ald_revfile_field *f = &ald__revfile_fields[i];
		if (f->keep != ALD_RF_CACHED || f->kind != ALD_RF_LIST)
			continue;
		struct ald_strvec *l = ALD_RF_AT(v, f, struct ald_strvec);
		l->v = l->n ? c->scratch + (uintptr_t)l->v : NULL;
	}
}

static void wr_list(struct ald_buf *b, const struct ald_strvec *l)
{
	wr_u32(b, (uint32_t)l->n);
	for (size_t i = 0; i < l->n; i++)
		wr_str(b, l->v[i]);
}

static void wr_section(struct ald_buf *b, const struct ald_section *s)
{
	wr_u32(b, (uint32_t)s->present);
	wr_u64(b, s->offset);
	wr_u64(b, s->length);
	wr_u32(b, s->line);
}

/* Writes the CACHED fields of rf, as rd_fields reads them. */
static void wr_fields(struct ald_buf *b, const struct ald_revfile *rf)
{
	for (size_t i = 0; i < ald__revfile_n_fields; i++) {
		const struct ald_revfile_field *f = &ald__revfile_fields[i];
		if (f->keep != ALD_RF_CACHED)
			continue;
		switch (f->kind) {
		case ALD_RF_STR:
			wr_str(b, *ALD_RF_CAT(rf, f, char *));
			break;
		case ALD_RF_OPT: {
			const char *s = *ALD_RF_CAT(rf, f, char *);
			wr_u32(b, s != NULL);
			wr_str(b, s);
			break;
		}
		case ALD_RF_LIST:
			wr_list(b, ALD_RF_CAT(rf, f, struct ald_strvec));
			break;
		case ALD_RF_LINE:
			wr_u32(b, *ALD_RF_CAT(rf, f, unsigned));
			break;
		case ALD_RF_FLAG:
			wr_u32(b, (uint32_t)*ALD_RF_CAT(rf, f, int));
			break;
		case ALD_RF_KIND:
			wr_u32(b, (uint32_t)*ALD_RF_CAT(rf, f, enum ald_revfile_kind));
			break;
		case ALD_RF_SECTION:
			wr_section(b, ALD_RF_CAT(rf, f, struct ald_section));
			break;
		}
	}
}

/* The stat fields an entry (or the folder) must match. */
static void stat_words(uint64_t w[STAT_WORDS], const struct stat *st)
{
	w[0] = (uint64_t)st->st_size;
	w[1] = (uint64_t)st->st_ino;
	w[2] = (uint64_t)st->st_dev;
	w[3] = (uint64_t)st->st_mtim.tv_sec;
	w[4] = (uint64_t)st->st_mtim.tv_nsec;
	w[5] = (uint64_t)st->st_ctim.tv_sec;
	w[6] = (uint64_t)st->st_ctim.tv_nsec;
}

static int racy(const struct ald_revcache *c, const struct stat *st)
{
	return st->st_mtim.tv_sec >= c->now - RACY_SECONDS ||
	       st->st_ctim.tv_sec >= c->now - RACY_SECONDS;
}

/* ---- the cache file ---- */

/* The cache folder, or NULL when caching is off. Caller frees. */
static char *cache_folder(void)
{
	const char *v = getenv("ALUDEL_CACHE_DIR");
	if (v)
		return *v ? ald__xstrdup(v) : NULL;
	v = getenv("XDG_CACHE_HOME");
	if (v && *v == '/')
		return ald__xasprintf("%s/aludel", v);
	v = getenv("HOME");
	if (v && *v == '/')
		return ald__xasprintf("%s/.cache/aludel", v);
	return NULL;
}

/* 64-bit FNV-1a of the folder's path: the cache file's name. */
static uint64_t name_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* Maps the cache file and verifies its header, checksum and table; leaves c
 * empty if the file is missing, of another format or folder, or damaged (then
 * c->damage says why). The entries are verified one by one when used. */
static void load(struct ald_revcache *c)
{
	int fd = open(c->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	struct stat st;
	if (fstat(fd, &st) != 0 || st.st_size <= 0) {
		close(fd);
		c->damage = "empty";
		return;
	}
	/* mapped and populated at once: cheaper than a heap copy page by page */
	void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return;
	c->data = m;
	c->len = (size_t)st.st_size;
	struct reader r = {c->data, c->data + c->len, 0};
	char magic[8];
	uint64_t dir_st[STAT_WORDS];
	rd(&r, magic, sizeof(magic));
	uint64_t sum = rd_u64(&r);
	uint32_t format = rd_u32(&r), n = rd_u32(&r), dlen;
	if (!r.bad && memcmp(magic, MAGIC, sizeof(magic)) == 0 && format != format_word())
		return; /* another version of aludel's: replaced, not damaged */
	uint64_t length = rd_u64(&r);
	rd(&r, dir_st, sizeof(dir_st));
	const char *dir = rd_raw(&r, &dlen);
	if (r.bad || memcmp(magic, MAGIC, sizeof(magic)) != 0 || length != c->len ||
	    n > (size_t)(r.end - r.p) / 16) {
		c->damage = "truncated or not a cache file";
		return;
	}
	size_t table = (size_t)(r.p - c->data), table_end = table + (size_t)n * 16;
	if (ald__hash64(c->data + SUMMED_FROM, table_end - SUMMED_FROM) != sum) {
		c->damage = "wrong checksum";
		return;
	}
	if (strcmp(dir, c->dir) != 0) {
		c->damage = "written for another folder";
		return;
	}
	/* the table; the entries must follow each other in order to the end */
	uint64_t *offsets = ald__xmalloc(((size_t)n + 1) * sizeof(*offsets));
	uint64_t *sums = ald__xmalloc(((size_t)n + 1) * sizeof(*sums));
	for (uint32_t i = 0; i < n; i++) {
		offsets[i] = rd_u64(&r);
		sums[i] = rd_u64(&r);
	}
	offsets[n] = c->len;
	size_t at = table_end;
	for (uint32_t i = 0; i <= n; i++) {
		if (offsets[i] < at || offsets[i] > c->len || (i == 0 && offsets[i] != at)) {
			free(offsets);
			free(sums);
			c->damage = "bad entry table";
			return;
		}
		at = (size_t)offsets[i];
	}
	c->offsets = offsets;
	c->sums = sums;
	c->state = ald__xcalloc((size_t)n + 1, 1);
	c->n = n;
	/* a folder recorded as unknown has all-zero words, never a real stat */
	c->same_dir = c->dir_known && memcmp(dir_st, c->dir_st, sizeof(dir_st)) == 0;
}

struct ald_revcache *ald__revcache_open(const char *dir_real, const struct stat *dir_st)
{
	char *folder = cache_folder();
	if (!folder)
		return NULL;
	struct ald_revcache *c = ald__xcalloc(1, sizeof(*c));
	c->path = ald__xasprintf("%s/%016llx.revs", folder, (unsigned long long)name_hash(dir_real));
	free(folder);
	c->dir = ald__xstrdup(dir_real);
	c->now = time(NULL) + clock_skew;
	c->dir_known = !racy(c, dir_st);
	if (c->dir_known)
		stat_words(c->dir_st, dir_st);
	load(c);
	return c;
}

/* 1 if old entry i's checksum verifies (checked once, then remembered). */
static int entry_ok(struct ald_revcache *c, size_t i)
{
	if (c->state[i] == UNCHECKED) {
		size_t start = (size_t)c->offsets[i], end = (size_t)c->offsets[i + 1];
		c->state[i] = ald__hash64(c->data + start, end - start) == c->sums[i] ? GOOD : BAD;
		if (c->state[i] == BAD)
			c->damage = "an entry with a wrong checksum";
	}
	return c->state[i] == GOOD;
}

/* Entry i's name, or NULL if damaged. */
static const char *entry_name(struct ald_revcache *c, size_t i)
{
	if (!entry_ok(c, i))
		return NULL;
	struct reader r = {c->data + c->offsets[i], c->data + c->offsets[i + 1], 0};
	uint32_t len;
	const char *name = rd_raw(&r, &len);
	return r.bad ? NULL : name;
}

size_t ald__revcache_names(struct ald_revcache *c, const char *const **names)
{
	*names = NULL;
	if (!c->same_dir || c->n == 0)
		return 0;
	if (!c->names) {
		c->names = ald__xmalloc(c->n * sizeof(*c->names));
		for (size_t i = 0; i < c->n; i++) {
			/* only names a listing of the folder could give, in order */
			const char *name = c->names[i] = entry_name(c, i);
			if (!name || strchr(name, '/') || !ald__scan_is_revision_name(name) ||
			    (i && strcmp(c->names[i - 1], name) >= 0)) {
				free(c->names);
				c->names = NULL;
				c->same_dir = 0;
				if (name && !c->damage)
					c->damage = "a bad listing";
				return 0;
			}
		}
	}
	*names = c->names;
	return c->n;
}

void ald__revcache_distrust_names(struct ald_revcache *c)
{
	c->same_dir = 0;
	c->damage = "a listing of files that do not exist";
}

const char *ald__revcache_damage(const struct ald_revcache *c)
{
	return c->damage;
}

const char *ald__revcache_file(const struct ald_revcache *c)
{
	return c->path;
}

/* Moves the cursor to the entry named `name`; 1 if there is one (damaged
 * entries are passed over: their files are parsed). */
static int find(struct ald_revcache *c, const char *name)
{
	while (c->next < c->n) {
		const char *e = entry_name(c, c->next);
		int d = e ? strcmp(e, name) : -1;
		if (d == 0)
			return 1;
		if (d > 0)
			return 0;
		c->next++;
	}
	return 0;
}

int ald__revcache_lookup(struct ald_revcache *c, const char *name, const struct stat *st,
			struct ald_revfile *out, const char *path)
{
	memset(out, 0, sizeof(*out));
	if (!find(c, name))
		return 0;
	size_t i = c->next++;
	struct reader r = {c->data + c->offsets[i], c->data + c->offsets[i + 1], 0};
	uint32_t len;
	uint64_t want[STAT_WORDS], have[STAT_WORDS];
	rd_raw(&r, &len);
	rd(&r, have, sizeof(have));
	stat_words(want, st);
	if (r.bad || memcmp(want, have, sizeof(want)) != 0)
		return 0;
	/* a view of the entry, borrowing the file's strings, then one packed copy */
	struct ald_revfile v = {0};
	int ok;
	rd_fields(&r, c, &v, &ok);
	v.path = (char *)path;
	/* the checksum held; these are what this writer can have written */
	if (r.bad || r.p != r.end || !ok) {
		c->damage = "an entry that cannot be read";
		return 0;
	}
	ald__revfile_pack(out, &v);
	c->pieces = ald__xgrow(c->pieces, &c->cap_pieces, c->n_pieces + 1, sizeof(*c->pieces));
	c->pieces[c->n_pieces++] = (struct piece){c->offsets[i], c->offsets[i + 1], c->sums[i], 0};
	c->hits++;
	c->seen++;
	return 1;
}

void ald__revcache_store(struct ald_revcache *c, const char *name, const struct stat *st,
			const struct ald_revfile *rf)
{
	c->dirty = 1; /* a file was parsed: the cache missed it */
	c->seen++;
	if (racy(c, st))
		return;
	struct ald_buf *b = &c->fresh;
	size_t start = b->len;
	uint64_t w[STAT_WORDS];
	stat_words(w, st);
	wr_str(b, name);
	wr(b, w, sizeof(w));
	wr_fields(b, rf);
	c->pieces = ald__xgrow(c->pieces, &c->cap_pieces, c->n_pieces + 1, sizeof(*c->pieces));
	c->pieces[c->n_pieces++] =
		(struct piece){start, b->len, ald__hash64(b->ptr + start, b->len - start), 1};
}

/* mkdir -p of the cache folder (the last two levels at most are created). */
static void make_folder(const char *file)
{
	char *dir = ald__xstrdup(file);
	char *slash = strrchr(dir, '/');
	if (slash) {
		*slash = '\0';
		if (mkdir(dir, 0700) != 0 && errno == ENOENT) {
			char *up = strrchr(dir, '/');
			if (up && up != dir) {
				*up = '\0';
				(void)mkdir(dir, 0700);
				*up = '/';
			}
			(void)mkdir(dir, 0700);
		}
	}
	free(dir);
}

/* Writes the new cache file (ald__write_file_atomic: a temporary file in the
 * cache folder, fsynced, renamed over the old one, the folder fsynced). A
 * failure is silent: the error it recorded is forgotten. */
static void save(struct ald_revcache *c)
{
	make_folder(c->path);
	/* the listing is trusted next time only if every file is in it */
	uint64_t zeros[STAT_WORDS] = {0};
	int complete = c->dir_known && c->n_pieces == c->seen;
	struct ald_buf out = {0};
	wr(&out, MAGIC, sizeof(MAGIC));
	wr_u64(&out, 0); /* the checksum, below */
	wr_u32(&out, format_word());
	wr_u32(&out, (uint32_t)c->n_pieces);
	size_t length_at = out.len;
	wr_u64(&out, 0); /* the length, below */
	wr(&out, complete ? c->dir_st : zeros, sizeof(zeros));
	wr_str(&out, c->dir);
	uint64_t at = out.len + c->n_pieces * 16;
	for (size_t i = 0; i < c->n_pieces; i++) {
		wr_u64(&out, at);
		wr_u64(&out, c->pieces[i].sum);
		at += c->pieces[i].end - c->pieces[i].start;
	}
	uint64_t length = at;
	memcpy(out.ptr + length_at, &length, sizeof(length));
	uint64_t sum = ald__hash64(out.ptr + SUMMED_FROM, out.len - SUMMED_FROM);
	memcpy(out.ptr + sizeof(MAGIC), &sum, sizeof(sum));
	for (size_t i = 0; i < c->n_pieces; i++) {
		const struct piece *p = &c->pieces[i];
		wr(&out, (p->fresh ? c->fresh.ptr : c->data) + p->start, p->end - p->start);
	}
	if (ald__write_file_atomic(c->path, out.ptr, out.len, 1) < 0)
		ald__error_clear();
	ald__buf_free(&out);
}

void ald__revcache_close(struct ald_revcache *c, int keep)
{
	if (!c)
		return;
	if (keep && (c->dirty || c->hits != c->n || !c->same_dir))
		save(c);
	free(c->path);
	free(c->dir);
	if (c->data)
		munmap(c->data, c->len);
	free(c->offsets);
	free(c->sums);
	free(c->state);
	free(c->names);
	free(c->scratch);
	ald__buf_free(&c->fresh);
	free(c->pieces);
	free(c);
}
