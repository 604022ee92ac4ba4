/* desk.c — what the desk's pages share: errors from lib/, form values, single rows into
 * HDF, URLs, the department and staff selects. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "desk.h"
#include "util.h"

int desk_org_errors(struct req *r, enum org_result res, const struct org_errors *e)
{
	if (res == ORG_NOT_FOUND)
		return req_fail(r, 404, "err.not_found_object");
	if (res == ORG_DB || res == ORG_OK)
		return req_fail(r, 500, "err.db");
	if (res == ORG_CONFLICT) {
		hset(r, "Page.Error", tr(r, "ticket.err_conflict"));
		r->status = 409;
		return 0;
	}
	r->status = res == ORG_REFUSED ? 409 : 422;
	for (int i = 0; i < e->n; i++) {
		/* A refusal concerns the whole work order, not one field: say it at the top. */
		if (e->v[i].field && res != ORG_REFUSED)
			form_error(r, e->v[i].field, e->v[i].key);
		else
			hset(r, "Page.Error", tr(r, e->v[i].key));
		if (res == ORG_REFUSED && !strcmp(e->v[i].key, "err.forbidden"))
			r->status = 403;
	}
	if (!hdf_get_value(r->hdf, "Page.Error", NULL))
		hset(r, "Page.Error", tr(r, "err.form"));
	return 0;
}

void desk_set_default(struct req *r, const char *name, const char *value)
{
	if (!hdf_get_value(r->hdf, name, NULL))
		hset(r, name, value);
}

int desk_parse_int(long long *out, const char *v, long long def, long long min, long long max)
{
	char *end;
	long long n;

	*out = def;
	if (!v || !*v)
		return 0;
	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno || *end || n < min || n > max)
		return -1;
	*out = n;
	return 0;
}

long long desk_form_int(struct req *r, const char *name, long long def, long long min,
			long long max)
{
	long long n;

	if (desk_parse_int(&n, req_field(r, name), def, min, max))
		form_error(r, name, "err.invalid");
	return n;
}

long long desk_query_id(const struct req *r, const char *name)
{
	long long n;

	if (desk_parse_int(&n, req_query(r, name), 0, 1, 4294967295LL))
		return 0;
	return n;
}

size_t desk_params_all(const struct params *p, const char *name, const char **out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < p->n && n < max; i++)
		if (!strcmp(p->v[i].name, name) && !p->v[i].filename)
			out[n++] = p->v[i].value;
	return n;
}

int desk_redirectf(struct req *r, const char *fmt, ...)
{
	struct buf b;
	va_list ap;
	int status;

	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	status = req_redirect(r, b.data);
	buf_free(&b);
	return status;
}

int desk_departments(struct req *r, const char *prefix)
{
	return db_query_hdf(r, prefix, "SELECT id, name FROM department ORDER BY sort, name", "");
}

int desk_staff(struct req *r, const char *prefix)
{
	return db_query_hdf(r, prefix, "SELECT s.id, s.name, d.name AS department FROM staff s"
			    " LEFT JOIN department d ON d.id = s.department_id WHERE s.active = 1"
			    " ORDER BY d.sort, d.name, s.name", "");
}

void desk_filter_dates(struct req *r, char *from, char *to)
{
	const char *f = req_query(r, "from"), *t = req_query(r, "to");

	from[0] = to[0] = '\0';
	hset(r, "Filter.from", f);
	hset(r, "Filter.to", t);
	if (f && *f && time_day_utc(from, f, 0))
		form_error(r, "from", "err.invalid");
	if (t && *t && time_day_utc(to, t, 1))
		form_error(r, "to", "err.invalid");
}

long long desk_filter_id(struct req *r, const char *name)
{
	long long id = desk_query_id(r, name);
	char node[64];

	if (id) {
		snprintf(node, sizeof(node), "Filter.%s", name);
		hset_int(r, node, id);
	}
	return id;
}
