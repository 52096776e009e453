/* url_mask.h - hiding the password of a database URL before it is shown. */
#ifndef ALD_URL_MASK_H
#define ALD_URL_MASK_H

/* A copy of `url` with the password of its user-info part (scheme://user:pw@host)
 * and any password=... query parameter replaced by XXXXX, as Alembic shows
 * URLs. The caller frees the result. */
char *ald_url_mask(const char *url);

#endif
