/* admin.c — the admin start page and the helpers every admin area uses: form values,
 * errors from lib/org.c, single rows into HDF, translations of codes, paging. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "db.h"

/* The admin areas in the order of the navigation. */
static const struct {
	const char *perm;
	const char *href;
} admin_areas[] = {
	{ "admin.staff", "/admin/staff" },
	{ "admin.departments", "/admin/departments" },
	{ "admin.roles", "/admin/roles" },
	{ "admin.dictionaries", "/admin/dictionaries" },
	{ "admin.apikeys", "/admin/apikeys" },
	{ "admin.notify", "/admin/notify" },
	{ "admin.audit", "/admin/audit" },
	{ "ivr.admin", "/admin/ivr/flows" },
};

int page_admin_home(struct req *r)
{
	for (size_t i = 0; i < sizeof(admin_areas) / sizeof(admin_areas[0]); i++)
		if (req_can(r, admin_areas[i].perm))
			return req_redirect(r, admin_areas[i].href);
	return req_fail(r, 403, "err.forbidden");
}

int admin_org_errors(struct req *r, enum org_result res, const struct org_errors *e)
{
	if (res == ORG_NOT_FOUND)
		return req_fail(r, 404, "err.not_found_object");
	if (res == ORG_DB || res == ORG_OK)
		return req_fail(r, 500, "err.db");
	for (int i = 0; i < e->n; i++) {
		if (e->v[i].field)
			form_error(r, e->v[i].field, e->v[i].key);
		else
			hset(r, "Page.Error", tr(r, e->v[i].key));
	}
	if (!form_has_errors(r) && !e->n)
		hset(r, "Page.Error", tr(r, "err.form"));
	r->status = res == ORG_REFUSED ? 409 : 422;
	return 0;
}

int admin_parse_int(long long *out, const char *v, long long def, long long min, long long max)
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

long long admin_form_int(struct req *r, const char *name, long long def, long long min,
			 long long max)
{
	long long n;

	if (admin_parse_int(&n, req_field(r, name), def, min, max))
		form_error(r, name, "err.invalid");
	return n;
}

char *admin_words(const char *const *v, size_t n)
{
	struct buf b;

	buf_init(&b);
	buf_puts(&b, " ");
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s ", v[i]);
	return b.data;
}

char *admin_query_words(const char *sql, const char *types, ...)
{
	struct stmt *st;
	struct buf b;
	va_list ap;
	int rc;

	va_start(ap, types);
	st = db_vquery(sql, types, ap);
	va_end(ap);
	if (!st)
		return NULL;
	buf_init(&b);
	buf_puts(&b, " ");
	while ((rc = db_next(st)) == 1)
		buf_printf(&b, "%s ", db_text(st, 0) ? db_text(st, 0) : "");
	db_done(st);
	if (rc < 0)
		buf_free(&b);
	return b.data;
}

int admin_has_word(const char *list, const char *word)
{
	char needle[128];

	if (!list || !*word)
		return 0;
	snprintf(needle, sizeof(needle), " %s ", word);
	return strstr(list, needle) != NULL;
}

const char *admin_tr_or(const struct req *r, const char *key, const char *fallback)
{
	const char *t = tr(r, key);

	return strcmp(t, key) ? t : fallback;
}

void admin_tr_rows(struct req *r, const char *prefix, const char *src, const char *key_prefix,
		   const char *dst)
{
	HDF *row = hdf_get_child(r->hdf, prefix);
	char key[160], name[160];

	for (; row; row = hdf_obj_next(row)) {
		const char *v = hdf_get_value(row, src, "");

		snprintf(key, sizeof(key), "%s.%s", key_prefix, v);
		snprintf(name, sizeof(name), "%s.%s.%s", prefix, hdf_obj_name(row), dst);
		hset(r, name, admin_tr_or(r, key, v));
	}
}

void admin_label_rows(struct req *r, const char *prefix, const char *key_prefix)
{
	char key[160];

	for (HDF *row = hdf_get_child(r->hdf, prefix); row; row = hdf_obj_next(row)) {
		const char *stored = hdf_get_value(row, "name", "");

		snprintf(key, sizeof(key), "%s.%s", key_prefix, hdf_get_value(row, "code", ""));
		hset_row(r, prefix, atoi(hdf_obj_name(row)), "label",
			       hdf_get_int_value(row, "builtin", 0) ? admin_tr_or(r, key, stored)
								    : stored);
	}
}

long long admin_page(const struct req *r)
{
	long long page = req_int(r, "page", 1, 1, 1000000);

	return page < 1 ? 1 : page;
}

void admin_pager(struct req *r, const struct buf *url, long long page, int has_next,
		 long long total)
{
	char sep = strchr(url->data, '?') ? '&' : '?';

	hset_int(r, "Pager.Page", page);
	if (page > 1)
		hsetf(r, "Pager.PrevHref", "%s%cpage=%lld", url->data, sep, page - 1);
	if (has_next)
		hsetf(r, "Pager.NextHref", "%s%cpage=%lld", url->data, sep, page + 1);
	if (total >= 0) {
		hset_int(r, "Pager.Total", total);
		hset_int(r, "Pager.Pages", total ? (total + ADMIN_PER_PAGE - 1) / ADMIN_PER_PAGE : 1);
	}
}
