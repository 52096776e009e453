/* pq_loader.h - libpq, loaded on the first PostgreSQL connection.
 *
 * Linking libpq makes every start of aludel load and relocate it and its two
 * dozen dependencies (OpenSSL, Kerberos, LDAP...), which costs as much as
 * reading a thousand revision files. db_pg.c includes this header instead of
 * calling libpq directly: each PQ function below goes through a pointer that
 * ald__pq_load() fills with dlopen/dlsym. */
#ifndef ALD_PQ_LOADER_H
#define ALD_PQ_LOADER_H

#include <libpq-fe.h>

#define ALD_PQ_FUNCTIONS(X)                                                                    \
	X(PQcancel) X(PQclear) X(PQcmdStatus) X(PQcmdTuples) X(PQconnectdb) X(PQconninfoFree)   \
	X(PQconninfoParse) X(PQerrorMessage) X(PQexec) X(PQfinish) X(PQfreeCancel) X(PQfreemem) \
	X(PQgetCancel) X(PQgetCopyData) X(PQgetResult) X(PQgetisnull) X(PQgetvalue)             \
	X(PQnfields) X(PQntuples) X(PQputCopyEnd) X(PQresultErrorField) X(PQresultStatus)       \
	X(PQsetClientEncoding) X(PQsetNoticeProcessor) X(PQstatus) X(PQtransactionStatus)

struct ald_pq_api {
#define ALD_PQ_MEMBER(f) __typeof__(&f) f;
	ALD_PQ_FUNCTIONS(ALD_PQ_MEMBER)
#undef ALD_PQ_MEMBER
};

extern struct ald_pq_api ald_pq;

/* Loads libpq once (later calls return at once). On failure sets the error
 * (naming the library and the Debian package) and returns ALD_ERROR. */
int ald__pq_load(void);

#ifndef ALD_PQ_LOADER_IMPL
#define PQcancel ald_pq.PQcancel
#define PQclear ald_pq.PQclear
#define PQcmdStatus ald_pq.PQcmdStatus
#define PQcmdTuples ald_pq.PQcmdTuples
#define PQconnectdb ald_pq.PQconnectdb
#define PQconninfoFree ald_pq.PQconninfoFree
#define PQconninfoParse ald_pq.PQconninfoParse
#define PQerrorMessage ald_pq.PQerrorMessage
#define PQexec ald_pq.PQexec
#define PQfinish ald_pq.PQfinish
#define PQfreeCancel ald_pq.PQfreeCancel
#define PQfreemem ald_pq.PQfreemem
#define PQgetCancel ald_pq.PQgetCancel
#define PQgetCopyData ald_pq.PQgetCopyData
#define PQgetResult ald_pq.PQgetResult
#define PQgetisnull ald_pq.PQgetisnull
#define PQgetvalue ald_pq.PQgetvalue
#define PQnfields ald_pq.PQnfields
#define PQntuples ald_pq.PQntuples
#define PQputCopyEnd ald_pq.PQputCopyEnd
#define PQresultErrorField ald_pq.PQresultErrorField
#define PQresultStatus ald_pq.PQresultStatus
#define PQsetClientEncoding ald_pq.PQsetClientEncoding
#define PQsetNoticeProcessor ald_pq.PQsetNoticeProcessor
#define PQstatus ald_pq.PQstatus
#define PQtransactionStatus ald_pq.PQtransactionStatus
#endif

#endif
