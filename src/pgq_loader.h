/* pgq_loader.h - libpg_query (PostgreSQL's own parser as a library), loaded
 * on the first lint or the first split of a PostgreSQL migration section
 * (sql_split.c): commands that read no SQL never load its 2.7 MB.
 *
 * The lint files and sql_split_pg.c include this header instead of calling libpg_query
 * directly: each function below goes through a pointer that ald__pgq_load()
 * fills with dlopen/dlsym. The protobuf parse tree is unpacked by the
 * generated pg_query__parse_result__unpack, which libpg_query carries
 * together with its own copy of the protobuf-c runtime: only the headers of
 * protobuf-c are needed (for the struct layouts), not its library. */
#ifndef ALD_PGQ_LOADER_H
#define ALD_PGQ_LOADER_H

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#define ALD_PGQ_FUNCTIONS(X)                                                                  \
	X(pg_query_parse_protobuf) X(pg_query_free_protobuf_parse_result)                      \
	X(pg_query_split_with_scanner) X(pg_query_split_with_parser) X(pg_query_free_split_result) \
	X(pg_query_scan) X(pg_query_free_scan_result) X(pg_query__parse_result__unpack)             \
	X(pg_query__scan_result__unpack) X(pg_query__scan_result__free_unpacked)

struct ald_pgq_api {
#define ALD_PGQ_MEMBER(f) __typeof__(&f) f;
	ALD_PGQ_FUNCTIONS(ALD_PGQ_MEMBER)
#undef ALD_PGQ_MEMBER
};

extern struct ald_pgq_api ald__pgq;

/* Loads libpg_query once (later calls return at once). On failure sets the
 * error (naming the library and the Debian package) and returns ALD_ERROR. */
int ald__pgq_load(void);

#ifndef ALD_PGQ_LOADER_IMPL
#define pg_query_parse_protobuf ald__pgq.pg_query_parse_protobuf
#define pg_query_free_protobuf_parse_result ald__pgq.pg_query_free_protobuf_parse_result
#define pg_query_split_with_scanner ald__pgq.pg_query_split_with_scanner
#define pg_query_split_with_parser ald__pgq.pg_query_split_with_parser
#define pg_query_free_split_result ald__pgq.pg_query_free_split_result
#define pg_query__parse_result__unpack ald__pgq.pg_query__parse_result__unpack
#define pg_query_scan ald__pgq.pg_query_scan
#define pg_query_free_scan_result ald__pgq.pg_query_free_scan_result
#define pg_query__scan_result__unpack ald__pgq.pg_query__scan_result__unpack
#define pg_query__scan_result__free_unpacked ald__pgq.pg_query__scan_result__free_unpacked
#endif

#endif
