/* db.c — MariaDB Connector/C behind a small prepared-statement API with a per-process
 * statement cache and reconnect on a lost connection. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <errmsg.h>
#include <mysql.h>

#include "config.h"
#include "db.h"
#include "log.h"
#include "util.h"

#define DB_MAX_PARAMS 32
#define DB_CACHE_SIZE 128

struct stmt {
	const char *sql;	/* cache key: the literal's address */
	MYSQL_STMT *h;
	int busy;		/* a cursor is open on it */
	int cached;
	unsigned ncols;
	MYSQL_BIND *res;	/* result bindings, one per column */
	unsigned long *lens;
	my_bool *nulls;
	char **bufs;
	size_t *caps;
	MYSQL_FIELD *fields;
	MYSQL_RES *meta;
};

static MYSQL *conn;
static struct stmt *cache[DB_CACHE_SIZE];
static size_t ncache;
static unsigned int last_errno;
static char last_error[512];
static int in_tx;		/* depth of db_begin calls */
static int tx_failed;		/* an inner level rolled back */

static void db_set_error(unsigned int no, const char *msg)
{
	last_errno = no;
	snprintf(last_error, sizeof(last_error), "%s", msg ? msg : "");
}

static void stmt_free_results(struct stmt *st)
{
	for (unsigned i = 0; i < st->ncols; i++)
		free(st->bufs[i]);
	free(st->bufs);
	free(st->caps);
	free(st->lens);
	free(st->nulls);
	free(st->res);
	if (st->meta)
		mysql_free_result(st->meta);
	st->bufs = NULL;
	st->caps = NULL;
	st->lens = NULL;
	st->nulls = NULL;
	st->res = NULL;
	st->meta = NULL;
	st->fields = NULL;
	st->ncols = 0;
}

static void stmt_destroy(struct stmt *st)
{
	if (!st)
		return;
	stmt_free_results(st);
	if (st->h)
		mysql_stmt_close(st->h);
	free(st);
}

static void cache_clear(void)
{
	for (size_t i = 0; i < ncache; i++)
		stmt_destroy(cache[i]);
	ncache = 0;
}

static char db_password[256];
static int db_password_loaded;

int db_init(void)
{
	char *pwfile = config_path("WL_VAR", "secret/db.password");
	FILE *f = pwfile ? fopen(pwfile, "r") : NULL;

	if (!f) {
		log_err("db: cannot read %s", pwfile ? pwfile : "WL_VAR/secret/db.password");
		free(pwfile);
		return -1;
	}
	if (fgets(db_password, sizeof(db_password), f))
		db_password[strcspn(db_password, "\r\n")] = '\0';
	fclose(f);
	free(pwfile);
	db_password_loaded = 1;
	return 0;
}

int db_connect(void)
{
	char *sock;
	int err = -1;

	if (!db_password_loaded && db_init())
		return -1;
	sock = config_path("WL_VAR", "run/mysqld.sock");
	db_disconnect();
	conn = mysql_init(NULL);
	if (!conn)
		goto out;
	mysql_optionsv(conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_optionsv(conn, MYSQL_INIT_COMMAND, "SET time_zone = '+00:00'");
	if (!mysql_real_connect(conn, NULL, config_get("WL_DB_USER", "warmline"), db_password,
				config_get("WL_DB_NAME", "warmline"), 0, sock, 0)) {
		log_err("db: cannot connect via %s: %s", sock, mysql_error(conn));
		mysql_close(conn);
		conn = NULL;
		goto out;
	}
	err = 0;
out:
	free(sock);
	return err;
}

void db_disconnect(void)
{
	cache_clear();
	if (conn)
		mysql_close(conn);
	conn = NULL;
	in_tx = 0;
}

static int conn_lost(unsigned int no)
{
	return no == CR_SERVER_GONE_ERROR || no == CR_SERVER_LOST || no == CR_CONNECTION_ERROR;
}

static struct stmt *stmt_prepare(const char *sql)
{
	struct stmt *st;

	for (size_t i = 0; i < ncache; i++)
		if (cache[i]->sql == sql && !cache[i]->busy)
			return cache[i];
	if (!conn && db_connect())
		return NULL;
	st = xcalloc(1, sizeof(*st));
	st->sql = sql;
	st->h = mysql_stmt_init(conn);
	if (!st->h || mysql_stmt_prepare(st->h, sql, strlen(sql))) {
		unsigned int no = st->h ? mysql_stmt_errno(st->h) : mysql_errno(conn);
		db_set_error(no, st->h ? mysql_stmt_error(st->h) : mysql_error(conn));
		log_err("db: prepare failed (%u %s): %s", no, last_error, sql);
		stmt_destroy(st);
		return NULL;
	}
	if (ncache < DB_CACHE_SIZE) {
		st->cached = 1;
		cache[ncache++] = st;
	}
	return st;
}

/* Binds the arguments described by types; values live in the caller's arrays. */
static int stmt_bind(struct stmt *st, const char *types, va_list ap, MYSQL_BIND *b,
		     long long *ints, unsigned long *lens, my_bool *nulls)
{
	size_t n = strlen(types);

	if (n > DB_MAX_PARAMS || n != mysql_stmt_param_count(st->h)) {
		db_set_error(0, "parameter count mismatch");
		log_err("db: %zu values for %lu placeholders: %s", n,
			mysql_stmt_param_count(st->h), st->sql);
		return -1;
	}
	memset(b, 0, n * sizeof(*b));
	for (size_t i = 0; i < n; i++) {
		const char *s;
		switch (types[i]) {
		case 'i':
		case 'u':
			ints[i] = types[i] == 'i' ? va_arg(ap, long long)
						  : (long long)va_arg(ap, unsigned long long);
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].buffer = &ints[i];
			b[i].is_unsigned = types[i] == 'u';
			break;
		case 's':
			s = va_arg(ap, const char *);
			b[i].buffer_type = MYSQL_TYPE_STRING;
			nulls[i] = s == NULL;
			b[i].is_null = &nulls[i];
			b[i].buffer = (void *)(s ? s : "");
			lens[i] = s ? strlen(s) : 0;
			b[i].length = &lens[i];
			break;
		case 'b':
			b[i].buffer = (void *)va_arg(ap, const void *);
			lens[i] = va_arg(ap, size_t);
			b[i].buffer_type = MYSQL_TYPE_BLOB;
			nulls[i] = b[i].buffer == NULL;
			b[i].is_null = &nulls[i];
			b[i].length = &lens[i];
			break;
		default:
			db_set_error(0, "bad type letter");
			log_err("db: bad type letter '%c' for %s", types[i], st->sql);
			return -1;
		}
	}
	if (n && mysql_stmt_bind_param(st->h, b)) {
		db_set_error(mysql_stmt_errno(st->h), mysql_stmt_error(st->h));
		return -1;
	}
	return 0;
}

/* Prepares (or finds), binds and executes; retries once on a lost connection. */
static struct stmt *stmt_run(const char *sql, const char *types, va_list ap)
{
	MYSQL_BIND b[DB_MAX_PARAMS];
	long long ints[DB_MAX_PARAMS];
	unsigned long lens[DB_MAX_PARAMS];
	my_bool nulls[DB_MAX_PARAMS];

	for (int attempt = 0; attempt < 2; attempt++) {
		struct stmt *st = stmt_prepare(sql);
		va_list aq;
		unsigned int no;
		int err;

		if (!st) {
			if (attempt == 0 && !in_tx && conn_lost(last_errno)) {
				db_disconnect();
				continue;
			}
			return NULL;
		}
		va_copy(aq, ap);
		err = stmt_bind(st, types ? types : "", aq, b, ints, lens, nulls);
		va_end(aq);
		if (err)
			goto fail;
		if (!mysql_stmt_execute(st->h))
			return st;
		no = mysql_stmt_errno(st->h);
		db_set_error(no, mysql_stmt_error(st->h));
		if (attempt == 0 && !in_tx && conn_lost(no)) {
			log_warn("db: connection lost (%s), reconnecting", last_error);
			db_disconnect();
			continue;
		}
		if (no != DB_ER_DUP_ENTRY)
			log_err("db: execute failed (%u %s): %s", no, last_error, sql);
fail:
		if (!st->cached)
			stmt_destroy(st);
		return NULL;
	}
	return NULL;
}

long long db_exec(const char *sql, const char *types, ...)
{
	struct stmt *st;
	long long n;
	va_list ap;

	va_start(ap, types);
	st = stmt_run(sql, types, ap);
	va_end(ap);
	if (!st)
		return -1;
	n = (long long)mysql_stmt_affected_rows(st->h);
	mysql_stmt_free_result(st->h);
	if (!st->cached)
		stmt_destroy(st);
	return n < 0 ? 0 : n;
}

static int stmt_bind_results(struct stmt *st)
{
	my_bool update = 1;

	mysql_stmt_attr_set(st->h, STMT_ATTR_UPDATE_MAX_LENGTH, &update);
	if (mysql_stmt_store_result(st->h))
		goto fail;
	stmt_free_results(st);
	st->meta = mysql_stmt_result_metadata(st->h);
	if (!st->meta)
		return 0;	/* no result set */
	st->ncols = mysql_num_fields(st->meta);
	st->fields = mysql_fetch_fields(st->meta);
	st->res = xcalloc(st->ncols, sizeof(*st->res));
	st->lens = xcalloc(st->ncols, sizeof(*st->lens));
	st->nulls = xcalloc(st->ncols, sizeof(*st->nulls));
	st->bufs = xcalloc(st->ncols, sizeof(*st->bufs));
	st->caps = xcalloc(st->ncols, sizeof(*st->caps));
	for (unsigned i = 0; i < st->ncols; i++) {
		size_t cap = st->fields[i].max_length + 1;
		if (cap < 64)
			cap = 64;
		st->caps[i] = cap;
		st->bufs[i] = xmalloc(cap);
		st->res[i].buffer_type = MYSQL_TYPE_STRING;
		st->res[i].buffer = st->bufs[i];
		st->res[i].buffer_length = cap - 1;
		st->res[i].length = &st->lens[i];
		st->res[i].is_null = &st->nulls[i];
	}
	if (mysql_stmt_bind_result(st->h, st->res))
		goto fail;
	return 0;
fail:
	db_set_error(mysql_stmt_errno(st->h), mysql_stmt_error(st->h));
	log_err("db: result failed (%s): %s", last_error, st->sql);
	return -1;
}

struct stmt *db_query(const char *sql, const char *types, ...)
{
	struct stmt *st;
	va_list ap;

	va_start(ap, types);
	st = db_vquery(sql, types, ap);
	va_end(ap);
	return st;
}

struct stmt *db_vquery(const char *sql, const char *types, va_list ap)
{
	struct stmt *st = stmt_run(sql, types, ap);

	if (!st)
		return NULL;
	if (stmt_bind_results(st)) {
		mysql_stmt_free_result(st->h);
		if (!st->cached)
			stmt_destroy(st);
		return NULL;
	}
	st->busy = 1;
	return st;
}

int db_next(struct stmt *st)
{
	int rc;

	if (!st || !st->ncols)
		return 0;
	rc = mysql_stmt_fetch(st->h);
	if (rc == MYSQL_NO_DATA)
		return 0;
	if (rc == 1) {
		db_set_error(mysql_stmt_errno(st->h), mysql_stmt_error(st->h));
		log_err("db: fetch failed (%s): %s", last_error, st->sql);
		return -1;
	}
	if (rc == MYSQL_DATA_TRUNCATED) {
		for (unsigned i = 0; i < st->ncols; i++) {
			if (st->nulls[i] || st->lens[i] < st->caps[i])
				continue;
			st->caps[i] = st->lens[i] + 1;
			st->bufs[i] = xrealloc(st->bufs[i], st->caps[i]);
			st->res[i].buffer = st->bufs[i];
			st->res[i].buffer_length = st->caps[i] - 1;
			if (mysql_stmt_fetch_column(st->h, &st->res[i], i, 0))
				return -1;
		}
	}
	for (unsigned i = 0; i < st->ncols; i++)
		if (!st->nulls[i])
			st->bufs[i][st->lens[i]] = '\0';
	return 1;
}

const char *db_text(const struct stmt *st, int i)
{
	if (!st || i < 0 || (unsigned)i >= st->ncols || st->nulls[i])
		return NULL;
	return st->bufs[i];
}

long long db_int(const struct stmt *st, int i)
{
	const char *s = db_text(st, i);

	return s ? strtoll(s, NULL, 10) : 0;
}

size_t db_len(const struct stmt *st, int i)
{
	if (!st || i < 0 || (unsigned)i >= st->ncols || st->nulls[i])
		return 0;
	return st->lens[i];
}

int db_ncols(const struct stmt *st)
{
	return st ? (int)st->ncols : 0;
}

const char *db_colname(const struct stmt *st, int i)
{
	if (!st || i < 0 || (unsigned)i >= st->ncols)
		return NULL;
	return st->fields[i].name;
}

void db_done(struct stmt *st)
{
	if (!st)
		return;
	mysql_stmt_free_result(st->h);
	st->busy = 0;
	if (!st->cached)
		stmt_destroy(st);
}

long long db_int_query(long long def, const char *sql, const char *types, ...)
{
	struct stmt *st;
	long long v = def;
	va_list ap;

	va_start(ap, types);
	st = stmt_run(sql, types, ap);
	va_end(ap);
	if (!st)
		return def;
	st->busy = 1;
	if (!stmt_bind_results(st) && db_next(st) == 1 && db_text(st, 0))
		v = db_int(st, 0);
	db_done(st);
	return v;
}

unsigned long long db_insert_id(void)
{
	return conn ? mysql_insert_id(conn) : 0;
}

unsigned int db_errno(void)
{
	return last_errno;
}

const char *db_error(void)
{
	return last_error;
}

static int db_simple(const char *sql)
{
	if (!conn && db_connect())
		return -1;
	if (mysql_real_query(conn, sql, strlen(sql))) {
		db_set_error(mysql_errno(conn), mysql_error(conn));
		log_err("db: %s failed: %s", sql, last_error);
		if (conn_lost(last_errno))
			db_disconnect();
		return -1;
	}
	return 0;
}

/* Transactions nest: an inner begin/commit pair joins the outer transaction, so a core
 * function that makes its own transaction can also be one step of a larger one.  A
 * rollback at any depth undoes the whole and makes the outer commit fail. */
int db_begin(void)
{
	if (in_tx++)
		return 0;
	tx_failed = 0;
	if (db_simple("START TRANSACTION")) {
		in_tx = 0;
		return -1;
	}
	return 0;
}

int db_commit(void)
{
	if (in_tx > 1) {
		in_tx--;
		return tx_failed ? -1 : 0;
	}
	in_tx = 0;
	if (tx_failed) {
		db_simple("ROLLBACK");
		return -1;
	}
	return db_simple("COMMIT");
}

int db_rollback(void)
{
	if (in_tx > 1) {
		in_tx--;
		tx_failed = 1;
		return 0;
	}
	in_tx = 0;
	return db_simple("ROLLBACK");
}

void db_abandon(void)
{
	if (!in_tx)
		return;
	log_warn("db: a transaction was left open; rolling it back");
	in_tx = 1;
	db_rollback();
}
