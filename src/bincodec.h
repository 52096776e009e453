/* bincodec.h - a bounds-checked reader and a writer of native-order binary
 * records (the header cache file, revision_cache.c): fixed-size integers and
 * length-prefixed, NUL-terminated strings. A read past the end, or a string
 * without its NUL, marks the reader bad and yields zeros / "": the caller
 * checks `bad` once at the end of a record. Also the records' checksum,
 * ald__hash64 (XXH64). */
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
	ald__buf_put(b, p, n);
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

/* ---- ald__hash64: XXH64 (seed 0), written from the published description of
 * the xxHash 64-bit algorithm: four 64-bit accumulators take 32-byte stripes
 * (acc = rotl(acc + lane * P2, 31) * P1), are merged, then the remaining 8-,
 * 4- and 1-byte pieces are mixed in and the result is avalanched. Input words
 * are read little-endian, so the value is XXH64's on every machine (the unit
 * test checks known values). Not cryptographic: it detects damage, not
 * forgery. */

#define ALD_H64_P1 0x9E3779B185EBCA87ull
#define ALD_H64_P2 0xC2B2AE3D27D4EB4Full
#define ALD_H64_P3 0x165667B19E3779F9ull
#define ALD_H64_P4 0x85EBCA77C2B2AE63ull
#define ALD_H64_P5 0x27D4EB2F165667C5ull

static inline uint64_t ald__h64_rotl(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

/* Little-endian words: one load where the machine is little-endian. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
static inline uint64_t ald__h64_le64(const unsigned char *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof(v));
	return v;
}

static inline uint64_t ald__h64_le32(const unsigned char *p)
{
	uint32_t v;
	memcpy(&v, p, sizeof(v));
	return v;
}
#else
static inline uint64_t ald__h64_le64(const unsigned char *p)
{
	uint64_t v = 0;
	for (int i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

static inline uint64_t ald__h64_le32(const unsigned char *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24;
}
#endif

static inline uint64_t ald__h64_round(uint64_t acc, uint64_t lane)
{
	acc += lane * ALD_H64_P2;
	return ald__h64_rotl(acc, 31) * ALD_H64_P1;
}

static inline uint64_t ald__h64_merge(uint64_t acc, uint64_t v)
{
	acc ^= ald__h64_round(0, v);
	return acc * ALD_H64_P1 + ALD_H64_P4;
}

static inline uint64_t ald__hash64(const void *data, size_t len)
{
	const unsigned char *p = data, *end = p + len;
	uint64_t acc;
	if (len >= 32) {
		uint64_t v1 = ALD_H64_P1 + ALD_H64_P2, v2 = ALD_H64_P2, v3 = 0, v4 = 0 - ALD_H64_P1;
		do {
			v1 = ald__h64_round(v1, ald__h64_le64(p));
			v2 = ald__h64_round(v2, ald__h64_le64(p + 8));
			v3 = ald__h64_round(v3, ald__h64_le64(p + 16));
			v4 = ald__h64_round(v4, ald__h64_le64(p + 24));
			p += 32;
		} while ((size_t)(end - p) >= 32);
		acc = ald__h64_rotl(v1, 1) + ald__h64_rotl(v2, 7) + ald__h64_rotl(v3, 12) +
		      ald__h64_rotl(v4, 18);
		acc = ald__h64_merge(acc, v1);
		acc = ald__h64_merge(acc, v2);
		acc = ald__h64_merge(acc, v3);
		acc = ald__h64_merge(acc, v4);
	} else {
		acc = ALD_H64_P5;
	}
	acc += (uint64_t)len;
	for (; end - p >= 8; p += 8) {
		acc ^= ald__h64_round(0, ald__h64_le64(p));
		acc = ald__h64_rotl(acc, 27) * ALD_H64_P1 + ALD_H64_P4;
	}
	if (end - p >= 4) {
		acc ^= ald__h64_le32(p) * ALD_H64_P1;
		acc = ald__h64_rotl(acc, 23) * ALD_H64_P2 + ALD_H64_P3;
		p += 4;
	}
	for (; p < end; p++) {
		acc ^= *p * ALD_H64_P5;
		acc = ald__h64_rotl(acc, 11) * ALD_H64_P1;
	}
	acc ^= acc >> 33;
	acc *= ALD_H64_P2;
	acc ^= acc >> 29;
	acc *= ALD_H64_P3;
	acc ^= acc >> 32;
	return acc;
}

#endif
