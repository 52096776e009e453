/* version_sql.h - the SQL texts of Alembic's version table, in one place.
 *
 * Every statement is the text SQLAlchemy 1.4 compiles for Alembic 1.8, without
 * the trailing ';', byte for byte: the same text runs online and, through
 * ald__vsql_offline(), is printed by --sql. `dialect` says which words are
 * reserved and whether the INSERT has RETURNING (NULL: ALD_DIALECT_DEFAULT,
 * SQLite). `schema` may be NULL. Table and schema names are quoted only where SQLAlchemy quotes them
 * (ald__vsql_ident). Revisions are written as SQL literals, not parameters.
 */
#ifndef ALD_VERSION_SQL_H
#define ALD_VERSION_SQL_H

#include "dialect.h"

/* An identifier as SQLAlchemy renders it: bare when it is lower case, made of
 * [a-z0-9_$], does not start with a digit or '$' and is not a reserved word of
 * the dialect; else in double quotes with inner quotes doubled. Caller frees. */
char *ald__vsql_ident(const struct ald_dialect *dialect, const char *ident);
/* `schema.table` (or `table`), each part through ald__vsql_ident. Caller frees. */
char *ald__vsql_table(const struct ald_dialect *dialect, const char *table, const char *schema);

/* CREATE TABLE <t> (\n\tversion_num VARCHAR(32) NOT NULL, \n\tCONSTRAINT <table>_pkc
 * PRIMARY KEY (version_num)\n) - tab indented as SQLAlchemy compiles it (and as
 * SQLite stores it); offline output turns the tabs into four spaces. */
char *ald__vsql_create(const struct ald_dialect *dialect, const char *table, const char *schema);
/* INSERT INTO <t> (version_num) VALUES ('<rev>'), with
 * ` RETURNING <t>.version_num` on PostgreSQL. */
char *ald__vsql_insert(const struct ald_dialect *dialect, const char *table, const char *schema, const char *rev);
/* UPDATE <t> SET version_num='<to>' WHERE <t>.version_num = '<from>' */
char *ald__vsql_update(const struct ald_dialect *dialect, const char *table, const char *schema,
		const char *from, const char *to);
/* DELETE FROM <t> WHERE <t>.version_num = '<rev>' */
char *ald__vsql_delete(const struct ald_dialect *dialect, const char *table, const char *schema, const char *rev);
/* DELETE FROM <t>   (stamp --purge) */
char *ald__vsql_purge(const struct ald_dialect *dialect, const char *table, const char *schema);
/* DROP TABLE <t> */
char *ald__vsql_drop(const struct ald_dialect *dialect, const char *table, const char *schema);
/* SELECT <t>.version_num FROM <t> */
char *ald__vsql_select(const struct ald_dialect *dialect, const char *table, const char *schema);

/* A statement as offline mode prints it (doc/alembic-compat.md §6.8): tabs replaced by four spaces,
 * leading and trailing white space stripped, then ";\n\n". Caller frees. */
char *ald__vsql_offline(const char *stmt);

/* A version-table statement with what it is about, as a plan stores it. */
enum ald_vsql_kind {
	ALD_VSQL_CREATE,
	ALD_VSQL_INSERT, /* to = the revision */
	ALD_VSQL_UPDATE, /* from -> to; online it must change exactly one row */
	ALD_VSQL_DELETE, /* from = the revision; online it must delete exactly one row */
	ALD_VSQL_PURGE,
	ALD_VSQL_DROP
};
struct ald_vsql {
	enum ald_vsql_kind kind;
	char *sql;   /* the statement text (as above) */
	char *from;  /* UPDATE: the old revision; DELETE: the deleted one; else NULL */
	char *to;    /* UPDATE: the new revision; INSERT: the inserted one; else NULL */
	char *table; /* the table's unqualified name, for messages */
};
/* Fills *out with the statement of `kind`; `from`/`to` as the kind needs them
 * (others ignored). Everything in *out is owned by it (ald__vsql_clear). */
void ald__vsql_make(struct ald_vsql *out, enum ald_vsql_kind kind, const struct ald_dialect *dialect,
		const char *table, const char *schema, const char *from, const char *to);
void ald__vsql_clear(struct ald_vsql *st);

#endif
