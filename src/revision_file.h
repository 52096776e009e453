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

struct ald_revfile {
	char *path;               /* as given to the parser; owned */
	char *id;                 /* Revision ID; owned */
	char *doc;                /* docstring / header text, whitespace-stripped; owned; never
	                             NULL from a parser, NULL after a folder scan until
	                             ald_revision_read_doc() reads it again */
	char *message;            /* first paragraph of doc (text before the first blank line; SQL:
	                             the message line, "" when the header starts with a field);
	                             owned, never NULL */
	char *create_date;        /* "Create Date" value (SQL header; for .py the docstring's
	                             "Create Date:" line) or NULL; owned */
	struct ald_strvec down;   /* down revisions as written (Revises / down_revision) */
	struct ald_strvec depends;/* depends_on as written */
	struct ald_strvec labels; /* branch labels as written, in written order */
	enum ald_revfile_kind kind;
	unsigned id_line;         /* line of the Revision ID (SQL) or `revision =` (py); 0 unknown */
	unsigned down_line;       /* line of Revises / down_revision; 0 unknown */
	unsigned depends_line;    /* line of Depends On / depends_on; 0 unknown */
	int transactional;        /* 1 unless "Transactional: false" */
	struct ald_section upgrade;   /* SQL only */
	struct ald_section downgrade; /* SQL only; .present == 0: cannot be downgraded */
	char *block;              /* when set (ald__revfile_pack), path, id, message, create_date
	                             and the three lists, arrays and items, live in this one
	                             allocation; owned */
};

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
 * instead of half a dozen small ones. The doc is not copied (out->doc is NULL,
 * see ald_revision_read_doc). `in` is unchanged; its strings may be borrowed. */
void ald__revfile_pack(struct ald_revfile *out, const struct ald_revfile *in);

/* Frees everything the struct owns and zeroes it. */
void ald__revfile_clear(struct ald_revfile *rf);

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
