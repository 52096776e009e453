/* bincodec.h - a bounds-checked reader and a writer of native-order binary
 * records (the header cache file, revcache.c): fixed-size integers and
 * length-prefixed, NUL-terminated strings. A read past the end, or a string
 * without its NUL, marks the reader bad and yields zeros / "": the caller
 * checks `bad` once at the end of a record. */
#ifndef ALD_BINCODEC_H
#define ALD_BINCODEC_H

#include <stdint.h>
#include <string.h>

#include "util.h"

struct reader {
	const char *p, *end;
	int bad;
};

static inline void rd(struct reader *r, void *dst, size_t n)
{
	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = 1;
		memset(dst, 0, n);
		return;
	}
	memcpy(dst, r->p, n);
	r->p += n;
}

static inline uint32_t rd_u32(struct reader *r)
{
	uint32_t v;
	rd(r, &v, sizeof(v));
	return v;
}

static inline uint64_t rd_u64(struct reader *r)
{
	uint64_t v;
	rd(r, &v, sizeof(v));
	return v;
}

/* A string in place (NUL-terminated in the record); *len is its length. */
static inline const char *rd_raw(struct reader *r, uint32_t *len)
{
	*len = rd_u32(r);
	if (r->bad || (size_t)(r->end - r->p) <= *len || r->p[*len] != '\0') {
		r->bad = 1;
		*len = 0;
		return "";
	}
	const char *s = r->p;
	r->p += *len + 1;
	return s;
}

static inline void wr(struct ald_buf *b, const void *p, size_t n)
{
	ald_buf_put(b, p, n);
}

static inline void wr_u32(struct ald_buf *b, uint32_t v)
{
	wr(b, &v, sizeof(v));
}

static inline void wr_u64(struct ald_buf *b, uint64_t v)
{
	wr(b, &v, sizeof(v));
}

/* u32 length, the bytes, NUL; NULL is written as "". */
static inline void wr_str(struct ald_buf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	wr_u32(b, (uint32_t)n);
	wr(b, s ? s : "", n + 1);
}

#endif
