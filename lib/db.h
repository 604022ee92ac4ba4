/* db.h — the one database helper: every SQL statement in WarmLine goes through here.
 *
 * Values are always bound, never formatted into SQL.  A type string names the
 * arguments that follow the SQL, one letter each:
 *   'i'  long long          'u'  unsigned long long
 *   's'  const char *       (NULL binds SQL NULL)
 *   'b'  const void *, size_t   (binary; NULL binds SQL NULL)
 * Prepared statements are cached per process by the address of the SQL text, so the
 * SQL must be a string literal (or otherwise live as long as the process).
 * Result columns are read as text (numbers and DATETIME as their usual text form). */
#ifndef WL_DB_H
#define WL_DB_H

#include <stdarg.h>
#include <stddef.h>

struct stmt;

/* Reads the database password (WL_VAR/secret/db.password) into memory, so processes
 * that drop privileges later can still connect.  Returns 0 or -1 after logging. */
int db_init(void);
/* Connects with the instance's settings (socket under WL_VAR, user WL_DB_USER, password
 * from WL_VAR/secret/db.password).  Returns 0, or -1 after logging the reason. */
int db_connect(void);
void db_disconnect(void);

/* Runs a statement that returns no rows.  Returns the number of affected rows, or -1
 * on error (see db_errno). */
long long db_exec(const char *sql, const char *types, ...);

/* Runs a query.  Returns a cursor to read with db_next and release with db_done, or
 * NULL on error.  Only one cursor per SQL text may be open at a time. */
struct stmt *db_query(const char *sql, const char *types, ...);
/* db_query with the values in a va_list (for wrappers). */
struct stmt *db_vquery(const char *sql, const char *types, va_list ap);
/* Moves to the next row: 1 when there is one, 0 at the end, -1 on error. */
int db_next(struct stmt *st);
/* Column i of the current row as text; NULL for SQL NULL. */
const char *db_text(const struct stmt *st, int i);
/* Column i as an integer (0 for NULL or non-numbers). */
long long db_int(const struct stmt *st, int i);
/* Column i's length in bytes (for binary columns). */
size_t db_len(const struct stmt *st, int i);
int db_ncols(const struct stmt *st);
const char *db_colname(const struct stmt *st, int i);
void db_done(struct stmt *st);

/* First column of the first row as an integer, or def when there is no row or on error. */
long long db_int_query(long long def, const char *sql, const char *types, ...);

unsigned long long db_insert_id(void);
/* The server's error number of the last failed call (e.g. 1062 duplicate key), or 0. */
unsigned int db_errno(void);
const char *db_error(void);

/* Transactions; each returns 0 or -1.  They nest: inner pairs join the outer
 * transaction, and a rollback at any level undoes it all (the outer commit then fails). */
int db_begin(void);
int db_commit(void);
int db_rollback(void);

/* Rolls back a transaction someone forgot to end (called after every request). */
void db_abandon(void);

#define DB_ER_DUP_ENTRY 1062
#define DB_ER_ROW_IS_REFERENCED 1451
#define DB_ER_NO_REFERENCED_ROW 1452

#endif
