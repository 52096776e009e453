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

extern struct ald_pq_api ald__pq;

/* Loads libpq once (later calls return at once). On failure sets the error
 * (naming the library and the Debian package) and returns ALD_ERROR. */
int ald__pq_load(void);

#ifndef ALD_PQ_LOADER_IMPL
#define PQcancel ald__pq.PQcancel
#define PQclear ald__pq.PQclear
#define PQcmdStatus ald__pq.PQcmdStatus
#define PQcmdTuples ald__pq.PQcmdTuples
#define PQconnectdb ald__pq.PQconnectdb
#define PQconninfoFree ald__pq.PQconninfoFree
#define PQconninfoParse ald__pq.PQconninfoParse
#define PQerrorMessage ald__pq.PQerrorMessage
#define PQexec ald__pq.PQexec
#define PQfinish ald__pq.PQfinish
#define PQfreeCancel ald__pq.PQfreeCancel
#define PQfreemem ald__pq.PQfreemem
#define PQgetCancel ald__pq.PQgetCancel
#define PQgetCopyData ald__pq.PQgetCopyData
#define PQgetResult ald__pq.PQgetResult
#define PQgetisnull ald__pq.PQgetisnull
#define PQgetvalue ald__pq.PQgetvalue
#define PQnfields ald__pq.PQnfields
#define PQntuples ald__pq.PQntuples
#define PQputCopyEnd ald__pq.PQputCopyEnd
#define PQresultErrorField ald__pq.PQresultErrorField
#define PQresultStatus ald__pq.PQresultStatus
#define PQsetClientEncoding ald__pq.PQsetClientEncoding
#define PQsetNoticeProcessor ald__pq.PQsetNoticeProcessor
#define PQstatus ald__pq.PQstatus
#define PQtransactionStatus ald__pq.PQtransactionStatus
#endif

#endif
