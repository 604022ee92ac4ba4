/* crm.c — the CRM start page and the helpers every CRM area uses: form values, errors
 * from lib/, single rows and dictionaries into HDF, tags, paging. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"
#include "db.h"

int page_crm_home(struct req *r)
{
	if (req_can(r, "crm.view"))
		return req_redirect(r, "/crm/residents");
	if (req_can(r, "crm.properties"))
		return req_redirect(r, "/crm/properties");
	if (req_can(r, "crm.import"))
		return req_redirect(r, "/crm/import");
	return req_fail(r, 403, "err.forbidden");
}

int crm_org_errors(struct req *r, enum org_result res, const struct org_errors *e)
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
	r->status = res == ORG_INVALID ? 422 : 409;
	return 0;
}

char *crm_tr_fill(const struct req *r, const char *key, ...)
{
	const char *t = tr(r, key), *names[8], *values[8];
	size_t n = 0;
	struct buf b;
	va_list ap;

	va_start(ap, key);
	while (n < 8 && (names[n] = va_arg(ap, const char *)))
		values[n++] = va_arg(ap, const char *);
	va_end(ap);
	buf_init(&b);
	while (*t) {
		size_t i = 0, len = 0;

		for (; *t == '{' && i < n; i++) {
			len = strlen(names[i]);
			if (!strncmp(t + 1, names[i], len) && t[len + 1] == '}')
				break;
		}
		if (*t == '{' && i < n) {
			buf_puts(&b, values[i] ? values[i] : "");
			t += len + 2;
		} else {
			buf_add(&b, t++, 1);
		}
	}
	return b.data;
}

long long crm_form_int(struct req *r, const char *name, long long def, long long min,
		       long long max)
{
	const char *v = req_field(r, name);
	char *end;
	long long n;

	if (!*v)
		return def;
	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno || *end || n < min || n > max) {
		form_error(r, name, "err.invalid");
		return def;
	}
	return n;
}

void crm_can_hdf(struct req *r)
{
	static const char *const perms[][2] = {
		{ "Can.view", "crm.view" }, { "Can.edit", "crm.edit" },
		{ "Can.import", "crm.import" }, { "Can.properties", "crm.properties" },
		{ "Can.tickets", "ticket.view" },
	};

	for (size_t i = 0; i < sizeof(perms) / sizeof(perms[0]); i++)
		if (req_can(r, perms[i][1]))
			hset(r, perms[i][0], "1");
}

/* 1 when word is in a " a b c " list. */
static int has_word(const char *list, const char *word)
{
	char needle[96];

	if (!list || !*word)
		return 0;
	snprintf(needle, sizeof(needle), " %s ", word);
	return strstr(list, needle) != NULL;
}

int crm_dict_hdf(struct req *r, const char *prefix, const char *dict, const char *keep)
{
	struct stmt *st = db_query("SELECT i.code, i.label, i.active FROM dictionary_item i"
				   " JOIN dictionary d ON d.id = i.dictionary_id WHERE d.code = ?"
				   " ORDER BY i.sort, i.id", "s", dict);
	int n = 0;

	if (!st)
		return -1;
	while (db_next(st) == 1) {
		const char *code = db_text(st, 0);

		if (!db_int(st, 2) && !has_word(keep, code))
			continue;
		hset_row(r, prefix, n, "code", code);
		hset_row(r, prefix, n, "label", db_text(st, 1));
		if (has_word(keep, code))
			hset_row(r, prefix, n, "checked", "1");
		n++;
	}
	db_done(st);
	return n;
}

const char *crm_tag_class(const char *code)
{
	if (!strcmp(code, "elderly_alone") || !strcmp(code, "disabled"))
		return "badge-warn";
	if (!strcmp(code, "frequent_complainant"))
		return "badge-danger";
	if (!strcmp(code, "heating_stop"))
		return "badge-info";
	return "badge-accent";
}

void crm_split_tags(struct req *r, const char *prefix, const char *src, const char *dst)
{
	char name[128], *save = NULL;

	for (HDF *row = hdf_get_child(r->hdf, prefix); row; row = hdf_obj_next(row)) {
		char *list = xstrdup(hdf_get_value(row, src, ""));
		int m = 0;

		snprintf(name, sizeof(name), "%s.%s.%s", prefix, hdf_obj_name(row), dst);
		for (char *t = strtok_r(list, "\x1e", &save); t; t = strtok_r(NULL, "\x1e", &save)) {
			char *label = strchr(t, '\x1f');

			if (label)
				*label++ = '\0';
			hset_row(r, name, m, "code", t);
			hset_row(r, name, m, "label", label && *label ? label : t);
			hset_row(r, name, m++, "class", crm_tag_class(t));
		}
		free(list);
	}
}

void crm_drop_row(struct req *r, const char *prefix, int n)
{
	char name[96];

	snprintf(name, sizeof(name), "%s.%d", prefix, n);
	hdf_remove_tree(r->hdf, name);
}

long long crm_page(const struct req *r)
{
	long long page = req_int(r, "page", 1, 1, 1000000);

	return page < 1 ? 1 : page;
}

void crm_pager(struct req *r, const struct buf *url, long long page, int has_next)
{
	char sep = strchr(url->data, '?') ? '&' : '?';

	hset_int(r, "Pager.Page", page);
	if (page > 1)
		hsetf(r, "Pager.PrevHref", "%s%cpage=%lld", url->data, sep, page - 1);
	if (has_next)
		hsetf(r, "Pager.NextHref", "%s%cpage=%lld", url->data, sep, page + 1);
}
