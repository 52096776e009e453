/* sha256.h - SHA-256 (FIPS 180-4), small and self-contained: the checksums of
 * the history table (history_table.h). No library of the build provides it
 * (libpq and sqlite3 are loaded at run time; nothing links a crypto library). */
#ifndef ALD_SHA256_H
#define ALD_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct ald_sha256 {
	uint32_t h[8];
	uint64_t bytes;          /* message length so far */
	unsigned char block[64]; /* the partial block */
	size_t fill;             /* bytes in block */
};

void ald__sha256_init(struct ald_sha256 *s);
void ald__sha256_update(struct ald_sha256 *s, const void *data, size_t len);
/* Finishes the digest: 32 bytes into `digest`; s must be initialised again before reuse. */
void ald__sha256_final(struct ald_sha256 *s, unsigned char digest[32]);
/* The digest of data as 64 lower-case hex digits and a NUL into `hex`. */
void ald__sha256_hex(char hex[65], const void *data, size_t len);
/* The digest in s as hex (finishes s, like ald__sha256_final). */
void ald__sha256_final_hex(struct ald_sha256 *s, char hex[65]);

#endif
