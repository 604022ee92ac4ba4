/* json.c — query results as JSON for the API, and integer parameters. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "kit.h"

static int col_is_int(const char *col)
{
	size_t n = strlen(col);

	return !strcmp(col, "id") || !strcmp(col, "sort") || !strcmp(col, "active") ||
	       !strcmp(col, "builtin") || (n > 3 && !strcmp(col + n - 3, "_id")) ||
	       (n > 6 && !strcmp(col + n - 6, "_count"));
}

static json_t *col_value(const char *col, const char *v)
{
	size_t n = strlen(col);

	if (!v)
		return json_null();
	if (col_is_int(col))
		return json_integer(strtoll(v, NULL, 10));
	if (n > 3 && !strcmp(col + n - 3, "_at") && strlen(v) == 19) {
		char iso[24];
		memcpy(iso, v, 19);
		iso[10] = 'T';
		strcpy(iso + 19, "Z");
		return json_string(iso);
	}
	return json_string(v);
}

json_t *stmt_row_json(const struct stmt *st, int from)
{
	json_t *o = json_object();

	for (int i = from; i < db_ncols(st); i++)
		json_object_set_new(o, db_colname(st, i), col_value(db_colname(st, i),
								      db_text(st, i)));
	return o;
}

json_t *db_query_json(const char *sql, const char *types, ...)
{
	struct stmt *st;
	json_t *arr;
	va_list ap;

	va_start(ap, types);
	st = db_vquery(sql, types, ap);
	va_end(ap);
	if (!st)
		return NULL;
	arr = json_array();
	while (db_next(st) == 1)
		json_array_append_new(arr, stmt_row_json(st, 0));
	db_done(st);
	return arr;
}

long long req_int(const struct req *r, const char *name, long long def, long long min,
		  long long max)
{
	const char *v = req_param(r, name);
	char *end;
	long long n;

	if (!v || !*v)
		return def;
	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno || *end || n < min || n > max)
		return -1;
	return n;
}
