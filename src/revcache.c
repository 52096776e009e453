/* revcache.c - the parsed-header cache of a versions folder (see revcache.h).
 *
 * File format (native byte order; the cache never leaves the machine):
 *   "ALDREVC" NUL, u32 format, u32 entry count, str folder, entries sorted by name.
 *   entry: str name, u64 size, ino, dev, i64 mtime s, ns, ctime s, ns,
 *          u32 kind, str id, u32 id_line, str message,
 *          u32 has_date, str date, list down, u32 line, list depends, u32 line,
 *          list labels, u32 transactional, section upgrade, section downgrade
 *   str: u32 length + bytes; list: u32 count + strs;
 *   section: u32 present, u64 offset, u64 length, u32 line.
 * The docstring is not kept (it is read from the file when asked for: see
 * ald_revision_doc). Bump FORMAT whenever this layout or what the parsers
 * produce changes.
 */
#include "revcache.h"

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
#define FORMAT 1u
#define RACY_SECONDS 2

/* One entry of the next cache file: bytes of the old one, or of `fresh`. */
struct piece {
	size_t start, end;
	int fresh;
};

struct ald_revcache {
	char *path;          /* the cache file */
	char *dir;           /* the folder it describes */
	char *data;          /* the old cache file, mapped read-only, or NULL */
	size_t len;
	size_t n;            /* its entries */
	size_t next, at;     /* lookup cursor: entry number and its offset in data */
	struct ald_buf fresh;/* entries parsed in this run, serialised */
	struct piece *pieces;/* the entries of this run, in name order */
	size_t n_pieces, cap_pieces;
	size_t hits;
	int dirty;
	time_t now;
};

static void add_piece(struct ald_revcache *c, size_t start, size_t end, int fresh)
{
	c->pieces = ald_xgrow(c->pieces, &c->cap_pieces, c->n_pieces + 1, sizeof(*c->pieces));
	c->pieces[c->n_pieces++] = (struct piece){start, end, fresh};
}

/* ---- decoding, bounds-checked: a damaged cache reads as empty ---- */

struct reader {
	const char *p, *end;
	int bad;
};

static void rd(struct reader *r, void *dst, size_t n)
{
	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = 1;
		memset(dst, 0, n);
		return;
	}
	memcpy(dst, r->p, n);
	r->p += n;
}

static uint32_t rd_u32(struct reader *r)
{
	uint32_t v;
	rd(r, &v, sizeof(v));
	return v;
}

static uint64_t rd_u64(struct reader *r)
{
	uint64_t v;
	rd(r, &v, sizeof(v));
	return v;
}

/* A string's bytes in place (not NUL-terminated); *len is its length. */
static const char *rd_raw(struct reader *r, uint32_t *len)
{
	*len = rd_u32(r);
	if (r->bad || (size_t)(r->end - r->p) < *len) {
		r->bad = 1;
		*len = 0;
		return "";
	}
	const char *s = r->p;
	r->p += *len;
	return s;
}

static char *rd_str(struct reader *r)
{
	uint32_t len;
	const char *s = rd_raw(r, &len);
	return ald_xstrndup(s, len);
}

static void rd_list(struct reader *r, struct ald_strvec *out)
{
	uint32_t n = rd_u32(r);
	if (n == 0)
		return;
	if (r->bad || n > (size_t)(r->end - r->p) / 4) {
		r->bad = 1;
		return;
	}
	out->v = ald_xmalloc(n * sizeof(*out->v)); /* exact size: most lists hold one id */
	out->cap = n;
	for (uint32_t i = 0; i < n && !r->bad; i++)
		out->v[out->n++] = rd_str(r);
}

static void rd_section(struct reader *r, struct ald_section *s)
{
	s->present = (int)rd_u32(r);
	s->offset = (size_t)rd_u64(r);
	s->length = (size_t)rd_u64(r);
	s->line = rd_u32(r);
}

/* ---- encoding ---- */

static void wr(struct ald_buf *b, const void *p, size_t n)
{
	ald_buf_put(b, p, n);
}

static void wr_u32(struct ald_buf *b, uint32_t v)
{
	wr(b, &v, sizeof(v));
}

static void wr_u64(struct ald_buf *b, uint64_t v)
{
	wr(b, &v, sizeof(v));
}

static void wr_str(struct ald_buf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	wr_u32(b, (uint32_t)n);
	wr(b, s ? s : "", n);
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

/* The stat fields an entry must match, in file order. */
static void wr_stat(struct ald_buf *b, const struct stat *st)
{
	wr_u64(b, (uint64_t)st->st_size);
	wr_u64(b, (uint64_t)st->st_ino);
	wr_u64(b, (uint64_t)st->st_dev);
	wr_u64(b, (uint64_t)st->st_mtim.tv_sec);
	wr_u64(b, (uint64_t)st->st_mtim.tv_nsec);
	wr_u64(b, (uint64_t)st->st_ctim.tv_sec);
	wr_u64(b, (uint64_t)st->st_ctim.tv_nsec);
}

/* ---- the cache file ---- */

/* The cache folder, or NULL when caching is off. Caller frees. */
static char *cache_folder(void)
{
	const char *v = getenv("ALUDEL_CACHE_DIR");
	if (v)
		return *v ? ald_xstrdup(v) : NULL;
	v = getenv("XDG_CACHE_HOME");
	if (v && *v == '/')
		return ald_xasprintf("%s/aludel", v);
	v = getenv("HOME");
	if (v && *v == '/')
		return ald_xasprintf("%s/.cache/aludel", v);
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

/* Reads the cache file and indexes its entries; leaves c empty if the file is
 * missing, of another format or folder, or damaged. */
static void load(struct ald_revcache *c)
{
	int fd = open(c->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	struct stat st;
	if (fstat(fd, &st) != 0 || st.st_size < 16) {
		close(fd);
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
	rd(&r, magic, sizeof(magic));
	uint32_t format = rd_u32(&r), n = rd_u32(&r), dlen;
	const char *dir = rd_raw(&r, &dlen);
	if (r.bad || memcmp(magic, MAGIC, sizeof(magic)) != 0 || format != FORMAT ||
	    dlen != strlen(c->dir) || memcmp(dir, c->dir, dlen) != 0 || n > c->len)
		return;
	c->n = n;
	c->at = (size_t)(r.p - c->data);
}

static long clock_skew;

void ald_revcache_test_skew(long seconds)
{
	clock_skew = seconds;
}

struct ald_revcache *ald_revcache_open(const char *dir_real)
{
	char *folder = cache_folder();
	if (!folder)
		return NULL;
	struct ald_revcache *c = ald_xcalloc(1, sizeof(*c));
	c->path = ald_xasprintf("%s/%016llx.revs", folder, (unsigned long long)name_hash(dir_real));
	free(folder);
	c->dir = ald_xstrdup(dir_real);
	c->now = time(NULL) + clock_skew;
	load(c);
	return c;
}

/* Walks over one entry (after its name): the stat fields and the revision. */
static void skip_entry(struct reader *r)
{
	uint64_t stat_fields[7];
	uint32_t len;
	rd(r, stat_fields, sizeof(stat_fields));
	rd_u32(r);                 /* kind */
	rd_raw(r, &len);           /* id */
	rd_u32(r);                 /* id_line */
	rd_raw(r, &len);           /* message */
	rd_u32(r);                 /* has_date */
	rd_raw(r, &len);           /* date */
	for (int l = 0; l < 3; l++) { /* down, depends, labels */
		uint32_t k = rd_u32(r);
		for (uint32_t j = 0; j < k && !r->bad; j++)
			rd_raw(r, &len);
		rd_u32(r);         /* its line; for labels: transactional */
	}
	struct ald_section s;
	rd_section(r, &s);
	rd_section(r, &s);
}

static int name_cmp(const char *a, uint32_t alen, const char *name)
{
	size_t n = strlen(name);
	int d = memcmp(a, name, alen < n ? alen : n);
	if (d)
		return d;
	return (alen > n) - (alen < n);
}

/* Finds the entry named `name` by walking forward from the cursor (calls come
 * in name order); on success *start and *end delimit it in data. */
static int find(struct ald_revcache *c, const char *name, size_t *start, size_t *end)
{
	while (c->next < c->n) {
		struct reader r = {c->data + c->at, c->data + c->len, 0};
		uint32_t len;
		const char *ename = rd_raw(&r, &len);
		int d = name_cmp(ename, len, name);
		if (d > 0)
			return 0;
		skip_entry(&r);
		if (r.bad) { /* damaged: stop using the rest */
			c->next = c->n;
			return 0;
		}
		*start = c->at;
		*end = c->at = (size_t)(r.p - c->data);
		c->next++;
		if (d == 0)
			return 1;
	}
	return 0;
}

int ald_revcache_lookup(struct ald_revcache *c, const char *name, const struct stat *st,
			struct ald_revfile *out, const char *path)
{
	memset(out, 0, sizeof(*out));
	size_t start, end;
	if (!find(c, name, &start, &end))
		return 0;
	struct reader r = {c->data + start, c->data + end, 0};
	uint32_t len;
	rd_raw(&r, &len);
	struct ald_buf want = {0};
	wr_stat(&want, st);
	int same = (size_t)(r.end - r.p) >= want.len && memcmp(r.p, want.ptr, want.len) == 0;
	r.p += same ? want.len : 0;
	ald_buf_free(&want);
	if (!same)
		return 0;
	out->kind = (enum ald_revfile_kind)rd_u32(&r);
	out->id = rd_str(&r);
	out->id_line = rd_u32(&r);
	out->message = rd_str(&r);
	uint32_t has_date = rd_u32(&r);
	char *date = rd_str(&r);
	if (has_date)
		out->create_date = date;
	else
		free(date);
	rd_list(&r, &out->down);
	out->down_line = rd_u32(&r);
	rd_list(&r, &out->depends);
	out->depends_line = rd_u32(&r);
	rd_list(&r, &out->labels);
	out->transactional = (int)rd_u32(&r);
	rd_section(&r, &out->upgrade);
	rd_section(&r, &out->downgrade);
	if (r.bad) { /* cannot happen: find() walked the same bytes */
		ald_revfile_clear(out);
		return 0;
	}
	out->path = ald_xstrdup(path);
	add_piece(c, start, end, 0);
	c->hits++;
	return 1;
}

static int racy(const struct ald_revcache *c, const struct stat *st)
{
	return st->st_mtim.tv_sec >= c->now - RACY_SECONDS ||
	       st->st_ctim.tv_sec >= c->now - RACY_SECONDS;
}

void ald_revcache_store(struct ald_revcache *c, const char *name, const struct stat *st,
			const struct ald_revfile *rf)
{
	c->dirty = 1; /* a file was parsed: the cache missed it */
	if (racy(c, st))
		return;
	struct ald_buf *b = &c->fresh;
	size_t start = b->len;
	wr_str(b, name);
	wr_stat(b, st);
	wr_u32(b, (uint32_t)rf->kind);
	wr_str(b, rf->id);
	wr_u32(b, rf->id_line);
	wr_str(b, rf->message);
	wr_u32(b, rf->create_date != NULL);
	wr_str(b, rf->create_date);
	wr_list(b, &rf->down);
	wr_u32(b, rf->down_line);
	wr_list(b, &rf->depends);
	wr_u32(b, rf->depends_line);
	wr_list(b, &rf->labels);
	wr_u32(b, (uint32_t)rf->transactional);
	wr_section(b, &rf->upgrade);
	wr_section(b, &rf->downgrade);
	add_piece(c, start, b->len, 1);
}

/* mkdir -p of the cache folder (the last two levels at most are created). */
static void make_folder(const char *file)
{
	char *dir = ald_xstrdup(file);
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

static void save(struct ald_revcache *c)
{
	make_folder(c->path);
	char *tmp = ald_xasprintf("%s.%ld.tmp", c->path, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		free(tmp);
		return;
	}
	struct ald_buf out = {0};
	wr(&out, MAGIC, sizeof(MAGIC));
	wr_u32(&out, FORMAT);
	wr_u32(&out, (uint32_t)c->n_pieces);
	wr_str(&out, c->dir);
	for (size_t i = 0; i < c->n_pieces; i++) {
		const struct piece *p = &c->pieces[i];
		wr(&out, (p->fresh ? c->fresh.ptr : c->data) + p->start, p->end - p->start);
	}
	int ok = write(fd, out.ptr, out.len) == (ssize_t)out.len;
	ok = close(fd) == 0 && ok;
	if (!ok || rename(tmp, c->path) != 0)
		unlink(tmp);
	ald_buf_free(&out);
	free(tmp);
}

void ald_revcache_close(struct ald_revcache *c, int keep)
{
	if (!c)
		return;
	if (keep && (c->dirty || c->hits != c->n))
		save(c);
	free(c->path);
	free(c->dir);
	if (c->data)
		munmap(c->data, c->len);
	ald_buf_free(&c->fresh);
	free(c->pieces);
	free(c);
}
