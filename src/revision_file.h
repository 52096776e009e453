/* revision_file.h - one revision file as read from disk, before it joins the graph.
 *
 * Two formats: native SQL revisions (<rev>_<slug>.sql, header in a leading
 * comment block, "-- migrate:upgrade" / "-- migrate:downgrade" sections) and
 * Alembic's Python revisions (*.py, read statically for the graph only).
 * SQL bodies are not kept in memory: only their offsets, so that a plan can
 * re-read them lazily (see ald__revfile_section()).
 */
#ifndef ALD_REVFILE_H
#define ALD_REVFILE_H

#include <stddef.h>

#include "util.h"

enum ald_revfile_kind {
	ALD_REVFILE_SQL = 0,
	ALD_REVFILE_PY = 1,
};

/* A byte range of the file holding one migration section's SQL. */
struct ald_section {
	int present;     /* the "-- migrate:..." marker exists */
	unsigned line;   /* 1-based line number of the first byte at offset */
	size_t offset;   /* first byte after the marker line */
	size_t length;   /* bytes up to the next marker or end of file */
};

/* The revision record's fields: THE one definition that the struct below,
 * the pack (ald__revfile_pack), the clear, the comparison (ald__revfile_diff)
 * and the header cache's encoder and decoder (revision_cache.c) all follow.
 * A new field is one line here (and the parser that fills it, the writer that
 * writes it): no copy can forget it and keep a borrowed pointer, and the
 * cache's format word, derived from this list, changes with it.
 *
 * X(KIND, member, KEEP) in the struct's order (strings and lists, then the
 * small scalars together, so that padding stays small: a scanned project
 * holds one struct per revision), which is also the order of a cache entry. KIND is the member's type (ALD_RF_CTYPE_<KIND>):
 *   STR      char *, owned, never NULL from a parser
 *   OPT      char *, owned or NULL
 *   LIST     struct ald_strvec, owned items
 *   LINE     unsigned, a 1-based line number (0 unknown)
 *   FLAG     int, 0 or 1
 *   KIND     enum ald_revfile_kind
 *   SECTION  struct ald_section
 * KEEP says where the field lives on after the parse:
 *   CACHED   in the packed copy and in the header cache
 *   PACKED   in the packed copy only (the cache's caller gives it: the path)
 *   REREAD   in neither: read from the file again when asked (the doc)
 */
#define ALD_REVFILE_FIELDS(X)                                                                       \
	/* as given to the parser */                                                                \
	X(STR, path, PACKED)                                                                        \
	/* Revision ID */                                                                           \
	X(STR, id, CACHED)                                                                          \
	/* docstring / header text, whitespace-stripped; never NULL from a parser,                  \
	 * NULL after a folder scan until ald_revision_read_doc() reads it again */                 \
	X(OPT, doc, REREAD)                                                                         \
	/* first paragraph of doc (text before the first blank line; SQL: the                       \
	 * message line, "" when the header starts with a field) */                                 \
	X(STR, message, CACHED)                                                                     \
	/* "Create Date" value (SQL header; for .py the docstring's "Create Date:" line) */         \
	X(OPT, create_date, CACHED)                                                                 \
	/* down revisions as written (Revises / down_revision) */                                   \
	X(LIST, down, CACHED)                                                                       \
	/* depends_on as written */                                                                 \
	X(LIST, depends, CACHED)                                                                    \
	/* branch labels as written, in written order */                                            \
	X(LIST, labels, CACHED)                                                                     \
	X(KIND, kind, CACHED)                                                                       \
	/* line of the Revision ID (SQL) or `revision =` (py); 0 unknown */                         \
	X(LINE, id_line, CACHED)                                                                    \
	/* line of Revises / down_revision; 0 unknown */                                            \
	X(LINE, down_line, CACHED)                                                                  \
	/* line of Depends On / depends_on; 0 unknown */                                            \
	X(LINE, depends_line, CACHED)                                                               \
	/* 1 unless "Transactional: false" */                                                       \
	X(FLAG, transactional, CACHED)                                                              \
	/* SQL only */                                                                              \
	X(SECTION, upgrade, CACHED)                                                                 \
	/* SQL only; .present == 0: cannot be downgraded */                                         \
	X(SECTION, downgrade, CACHED)

#define ALD_RF_CTYPE_STR char *
#define ALD_RF_CTYPE_OPT char *
#define ALD_RF_CTYPE_LIST struct ald_strvec
#define ALD_RF_CTYPE_LINE unsigned
#define ALD_RF_CTYPE_FLAG int
#define ALD_RF_CTYPE_KIND enum ald_revfile_kind
#define ALD_RF_CTYPE_SECTION struct ald_section
#define ALD_RF_MEMBER(kind, name, keep) ALD_RF_CTYPE_##kind name;

struct ald_revfile {
	ALD_REVFILE_FIELDS(ALD_RF_MEMBER)
	char *block; /* when set (ald__revfile_pack), every string and list of a PACKED or
	                CACHED field, arrays and items, lives in this one allocation; owned */
};

enum ald_rf_kind { ALD_RF_STR, ALD_RF_OPT, ALD_RF_LIST, ALD_RF_LINE, ALD_RF_FLAG, ALD_RF_KIND, ALD_RF_SECTION };
/* in this order: a field kept in the cache is also packed */
enum ald_rf_keep { ALD_RF_CACHED, ALD_RF_PACKED, ALD_RF_REREAD };

/* One entry of the field table, made from ALD_REVFILE_FIELDS. */
struct ald_revfile_field {
	const char *name;
	enum ald_rf_kind kind;
	enum ald_rf_keep keep;
	size_t offset; /* offsetof(struct ald_revfile, name) */
};

/* The table of ALD_REVFILE_FIELDS, in its order; ald__revfile_n_fields entries. */
extern const struct ald_revfile_field ald__revfile_fields[];
extern const size_t ald__revfile_n_fields;

/* ALD_REVFILE_FIELDS spelled out as one string ("STR path PACKED;..."): what
 * the cache's format word is derived from. */
extern const char ald__revfile_layout[];

/* Field f of rf, by kind (the member's address). */
#define ALD_RF_AT(rf, f, type) ((type *)(void *)((char *)(rf) + (f)->offset))
#define ALD_RF_CAT(rf, f, type) ((const type *)(const void *)((const char *)(rf) + (f)->offset))

/* Parses the text of a native SQL revision file. `path` is copied and used in
 * messages ("<path>:<line>: ..."). On error returns a negative code with the
 * error set (ALD_EINVALID for malformed content, ALD_ECYCLE for a self-loop)
 * and leaves *out cleared. */
int ald__revfile_parse_sql(struct ald_revfile *out, const char *path, const char *text, size_t len);

/* Parses the text of an Alembic Python revision file statically (module-level
 * `revision`, `down_revision`, `branch_labels`, `depends_on`, with or without
 * type annotations; the module docstring). Same error contract. */
int ald__revfile_parse_py(struct ald_revfile *out, const char *path, const char *text, size_t len);

/* Parses `text` as SQL when `path` ends in .sql, else as Python. */
int ald__revfile_parse(struct ald_revfile *out, const char *path, const char *text, size_t len);

/* Reads `path` and parses it according to its extension (.sql or .py; any
 * other name is ALD_EINVALID). *out is cleared on error. */
int ald__revfile_load(struct ald_revfile *out, const char *path);

/* Reads rf's file again and parses it into *now, its text into *text / *len
 * (both the caller's on success: ald__revfile_clear, free). Fails, with
 * nothing left to free, when it cannot be read or parsed or now holds another
 * revision id ("the file changed since it was read"). */
int ald__revfile_reread(struct ald_revfile *now, char **text, size_t *len, const struct ald_revfile *rf);

/* Re-reads the file and returns a copy of one section's text (upgrade when
 * `upgrade` is non-zero). *out is the caller's. Fails if the section is absent
 * (ALD_ENOTFOUND), or if the file now holds another revision id. The file is
 * parsed again, so the text is the section as the file holds it now. */
int ald__revfile_section(char **out, const struct ald_revfile *rf, int upgrade);

/* Alembic's self-loop checks: a revision listed in its own Revises
 * ("Self-loop is detected in revisions (<rev>)") or Depends On ("Dependency
 * self-loop ..."), prefixed with path:line. Returns ALD_ECYCLE or 0. */
int ald__revfile_check_loops(const struct ald_revfile *rf, const char *path);

/* Fills *out with a copy of `in` whose strings and lists all live in one
 * allocation (out->block): a scanned folder holds one block per revision
 * instead of half a dozen small ones. Every field of ALD_REVFILE_FIELDS is
 * copied by its kind (no string of *out points into `in`); REREAD fields are
 * not (out->doc is NULL, see ald_revision_read_doc). `in` is unchanged; its
 * strings may be borrowed. */
void ald__revfile_pack(struct ald_revfile *out, const struct ald_revfile *in);

/* Frees everything the struct owns and zeroes it. */
void ald__revfile_clear(struct ald_revfile *rf);

/* The name of the first field of ALD_REVFILE_FIELDS in which a and b differ
 * (strings and lists by value, NULL equal only to NULL), among the fields
 * kept at least as long as `keep` (ALD_RF_CACHED: those of the cache;
 * ALD_RF_PACKED: all but the doc; ALD_RF_REREAD: all); NULL if none. */
const char *ald__revfile_diff(const struct ald_revfile *a, const struct ald_revfile *b,
			     enum ald_rf_keep keep);

/* The longest revision id: the width of the version table's column. */
#define ALD_REVID_MAX 32

/* aludel's one rule for revision ids (revision_id.c), applied when reading and
 * when writing: 1 to ALD_REVID_MAX ASCII letters, digits or '_'. Stricter
 * than Alembic, which refuses only '@', '-' and '+' (and so also refused
 * here); Alembic's generated ids (12 hex digits) pass. Returns 1 if `id`
 * follows it. */
int ald__revid_valid(const char *id);

/* Checks `id` against the rule; ALD_EINVALID with the error set when it does
 * not: "<where>:<line>: <what is wrong> (a revision identifier is 1 to 32
 * ASCII letters, digits or '_')", no ":<line>" when line is 0. `where` is the
 * file being read, or the option that gave the id ("--rev-id"). What is
 * wrong: "empty revision identifier", "Character(s) '<c>, ...' not allowed in
 * revision identifier '<id>'" (Alembic's wording; the bad bytes in byte
 * order, non-printable ones as \xNN) or "revision identifier '<id>' is <n>
 * characters long". */
int ald__revid_check(const char *where, unsigned line, const char *id);

/* A NUL byte anywhere in a revision file's text is an error naming the file
 * and the line (a C string would silently stop there). 0 or ALD_EINVALID. */
int ald__revfile_check_nul(const char *path, const char *text, size_t len);

/* For the writer: whether `msg` (n bytes, one line) can be the first line
 * of a native header, "-- <msg>", and be read back as the message; a line
 * that reads as a known "Key: value" field (e.g. "Transactional: false") or
 * as a "-- migrate:" marker is ALD_EINVALID, the error naming `opt`. */
int ald__revfile_sql_message_check(const char *opt, const char *msg, size_t n);

/* Internal to the two readers (revision_file.c). Checks that a branch label (or a
 * Depends On item that is no id, hence a label) has none of the characters
 * that break revision syntax (blanks, '@', '-', '+', ','); the error reads
 * "<path>:<line>: Character(s) '-' not allowed in <what> '<name>'" (no
 * ":<line>" when line is 0). */
int ald__revfile_check_name(const char *path, unsigned line, const char *name, const char *what);
/* Takes ownership of `doc`, strips its surrounding whitespace and sets rf->doc
 * and rf->message (the text before the first "\n\n"). */
void ald__revfile_set_doc(struct ald_revfile *rf, char *doc);

#endif
