/* revcache.c - the parsed-header cache of a versions folder (see revcache.h).
 *
 * File format (native byte order; the cache never leaves the machine):
 *   "ALDREVC" NUL, u32 format, u32 entry count n, stat of the folder,
 *   str folder, u64 offset of each entry (from the file's start), entries in
 *   name order.
 *   entry: str name, stat, u32 kind, str id, u32 id_line, str message,
 *          u32 has_date, str date, list down, u32 line, list depends,
 *          u32 line, list labels, u32 transactional, section up, section down
 *   stat: u64 size, ino, dev, mtime s, mtime ns, ctime s, ctime ns
 *   str: u32 length, bytes, NUL; list: u32 count, strs;
 *   section: u32 present, u64 offset, u64 length, u32 line.
 * The docstring is not kept (it is read from the file when asked for: see
 * ald_revision_doc). Bump FORMAT whenever this layout or what the parsers
 * produce changes.
 */
#include "revcache.h"
#include "bincodec.h"

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
#define FORMAT 2u
#define RACY_SECONDS 2
#define STAT_WORDS 7

/* One entry of the next cache file: bytes of the old one, or of `fresh`. */
struct piece {
	size_t start, end;
	int fresh;
};

struct ald_revcache {
	char *path;           /* the cache file */
	char *dir;            /* the folder it describes */
	uint64_t dir_st[STAT_WORDS]; /* the folder's stat in this run */
	int dir_known;        /* dir_st is old enough to be trusted */
	int same_dir;         /* the old file recorded that same stat */
	char *data;           /* the old cache file, mapped read-only, or NULL */
	size_t len;
	uint64_t *offsets;    /* n + 1 entry offsets (the last: data's end); owned */
	size_t n;             /* entries in the old file */
	size_t next;          /* lookup cursor */
	const char **names;   /* ald_revcache_names' answer; owned array */
	char **scratch;       /* list items of the entry being decoded */
	size_t cap_scratch;
	struct ald_buf fresh; /* entries parsed in this run, serialised */
	struct piece *pieces; /* the entries of this run, in name order */
	size_t n_pieces, cap_pieces;
	size_t hits, seen;    /* entries found; files looked up or stored */
	int dirty;
	time_t now;
};

static long clock_skew;

void ald_revcache_test_skew(long seconds)
{
	clock_skew = seconds;
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
	c->scratch = ald_xgrow(c->scratch, &c->cap_scratch, *used + n, sizeof(*c->scratch));
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

/* Maps the cache file and checks its header and offset table; leaves c empty
 * if the file is missing, of another format or folder, or damaged. */
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
	uint64_t dir_st[STAT_WORDS];
	rd(&r, magic, sizeof(magic));
	uint32_t format = rd_u32(&r), n = rd_u32(&r), dlen;
	rd(&r, dir_st, sizeof(dir_st));
	const char *dir = rd_raw(&r, &dlen);
	if (r.bad || memcmp(magic, MAGIC, sizeof(magic)) != 0 || format != FORMAT ||
	    strcmp(dir, c->dir) != 0 || n > (size_t)(r.end - r.p) / 8)
		return;
	/* the table, then a check that the entries follow each other in order */
	uint64_t *table = ald_xmalloc(((size_t)n + 1) * sizeof(*table));
	rd(&r, table, (size_t)n * sizeof(*table));
	table[n] = c->len;
	size_t at = (size_t)(r.p - c->data);
	for (uint32_t i = 0; i <= n; i++) {
		if (table[i] < at || table[i] > c->len || (i == 0 && table[i] != at)) {
			free(table);
			return;
		}
		at = (size_t)table[i];
	}
	c->offsets = table;
	c->n = n;
	/* a folder recorded as unknown has all-zero words, never a real stat */
	c->same_dir = c->dir_known && memcmp(dir_st, c->dir_st, sizeof(dir_st)) == 0;
}

struct ald_revcache *ald_revcache_open(const char *dir_real, const struct stat *dir_st)
{
	char *folder = cache_folder();
	if (!folder)
		return NULL;
	struct ald_revcache *c = ald_xcalloc(1, sizeof(*c));
	c->path = ald_xasprintf("%s/%016llx.revs", folder, (unsigned long long)name_hash(dir_real));
	free(folder);
	c->dir = ald_xstrdup(dir_real);
	c->now = time(NULL) + clock_skew;
	c->dir_known = !racy(c, dir_st);
	if (c->dir_known)
		stat_words(c->dir_st, dir_st);
	load(c);
	return c;
}

/* Entry i's name, or NULL if damaged. */
static const char *entry_name(const struct ald_revcache *c, size_t i)
{
	struct reader r = {c->data + c->offsets[i], c->data + c->offsets[i + 1], 0};
	uint32_t len;
	const char *name = rd_raw(&r, &len);
	return r.bad ? NULL : name;
}

size_t ald_revcache_names(struct ald_revcache *c, const char *const **names)
{
	*names = NULL;
	if (!c->same_dir || c->n == 0)
		return 0;
	if (!c->names) {
		c->names = ald_xmalloc(c->n * sizeof(*c->names));
		for (size_t i = 0; i < c->n; i++) {
			c->names[i] = entry_name(c, i);
			if (!c->names[i] || (i && strcmp(c->names[i - 1], c->names[i]) >= 0)) {
				free(c->names);
				c->names = NULL;
				c->same_dir = 0;
				return 0;
			}
		}
	}
	*names = c->names;
	return c->n;
}

/* Moves the cursor to the entry named `name`; 1 if there is one. */
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

int ald_revcache_lookup(struct ald_revcache *c, const char *name, const struct stat *st,
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
	size_t used = 0;
	v.path = (char *)path;
	v.kind = (enum ald_revfile_kind)rd_u32(&r);
	v.id = rd_view(&r);
	v.id_line = rd_u32(&r);
	v.message = rd_view(&r);
	uint32_t has_date = rd_u32(&r);
	char *date = rd_view(&r);
	v.create_date = has_date ? date : NULL;
	rd_view_list(&r, c, &v.down, &used);
	v.down_line = rd_u32(&r);
	rd_view_list(&r, c, &v.depends, &used);
	v.depends_line = rd_u32(&r);
	rd_view_list(&r, c, &v.labels, &used);
	v.transactional = (int)rd_u32(&r);
	rd_section(&r, &v.upgrade);
	rd_section(&r, &v.downgrade);
	if (r.bad || r.p != r.end) /* damaged: never trusted */
		return 0;
	struct ald_strvec *lists[] = {&v.down, &v.depends, &v.labels};
	for (int k = 0; k < 3; k++)
		lists[k]->v = lists[k]->n ? c->scratch + (uintptr_t)lists[k]->v : NULL;
	ald_revfile_pack(out, &v);
	c->pieces = ald_xgrow(c->pieces, &c->cap_pieces, c->n_pieces + 1, sizeof(*c->pieces));
	c->pieces[c->n_pieces++] = (struct piece){c->offsets[i], c->offsets[i + 1], 0};
	c->hits++;
	c->seen++;
	return 1;
}

void ald_revcache_store(struct ald_revcache *c, const char *name, const struct stat *st,
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
	c->pieces = ald_xgrow(c->pieces, &c->cap_pieces, c->n_pieces + 1, sizeof(*c->pieces));
	c->pieces[c->n_pieces++] = (struct piece){start, b->len, 1};
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
	/* the listing is trusted next time only if every file is in it */
	uint64_t zeros[STAT_WORDS] = {0};
	int complete = c->dir_known && c->n_pieces == c->seen;
	struct ald_buf out = {0};
	wr(&out, MAGIC, sizeof(MAGIC));
	wr_u32(&out, FORMAT);
	wr_u32(&out, (uint32_t)c->n_pieces);
	wr(&out, complete ? c->dir_st : zeros, sizeof(zeros));
	wr_str(&out, c->dir);
	size_t table = out.len;
	uint64_t at = table + c->n_pieces * sizeof(uint64_t);
	for (size_t i = 0; i < c->n_pieces; i++) {
		wr_u64(&out, at);
		at += c->pieces[i].end - c->pieces[i].start;
	}
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
	if (keep && (c->dirty || c->hits != c->n || !c->same_dir))
		save(c);
	free(c->path);
	free(c->dir);
	if (c->data)
		munmap(c->data, c->len);
	free(c->offsets);
	free(c->names);
	free(c->scratch);
	ald_buf_free(&c->fresh);
	free(c->pieces);
	free(c);
}
