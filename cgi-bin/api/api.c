/* api.c — what the API's endpoints share: JSON bodies in, core results and rows out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api.h"

struct org_actor api_actor(const struct req *r)
{
	struct org_actor who = { r->user.id, r->ip };

	return who;
}

json_t *api_body_or_fail(struct req *r, int *status)
{
	json_error_t jerr;
	json_t *o;

	if (!r->input.len) {
		*status = api_fail(r, 400, "bad_request", "api.body_json");
		return NULL;
	}
	o = json_loadb(r->input.data, r->input.len, JSON_REJECT_DUPLICATES, &jerr);
	if (!json_is_object(o)) {
		json_decref(o);
		*status = api_fail(r, 400, "bad_request", "api.body_json");
		return NULL;
	}
	return o;
}

void api_error_add(struct org_errors *e, const char *field, const char *key)
{
	if (e->n < ORG_MAX_ERRORS) {
		e->v[e->n].field = field;
		e->v[e->n].key = key;
		e->n++;
	}
}

const char *api_str(json_t *o, const char *key, struct org_errors *e)
{
	json_t *v = json_object_get(o, key);

	if (!v || json_is_null(v))
		return "";
	if (!json_is_string(v)) {
		api_error_add(e, key, "err.invalid");
		return "";
	}
	return json_string_value(v);
}

long long api_int(json_t *o, const char *key, struct org_errors *e)
{
	json_t *v = json_object_get(o, key);

	if (!v || json_is_null(v))
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) < 0) {
		api_error_add(e, key, "err.invalid");
		return 0;
	}
	return json_integer_value(v);
}

int api_bool(json_t *o, const char *key, struct org_errors *e)
{
	json_t *v = json_object_get(o, key);

	if (!v || json_is_null(v))
		return 0;
	if (json_is_boolean(v))
		return json_is_true(v);
	if (json_is_integer(v) && (json_integer_value(v) == 0 || json_integer_value(v) == 1))
		return (int)json_integer_value(v);
	api_error_add(e, key, "err.invalid");
	return 0;
}

/* Seconds east of UTC of a "Z", "+08:00" or "-0500" suffix at s; 1 when s is one. */
static int zone_offset(const char *s, long *off)
{
	int h, m;

	if (!strcmp(s, "Z")) {
		*off = 0;
		return 1;
	}
	if ((s[0] != '+' && s[0] != '-') ||
	    (sscanf(s + 1, "%2d:%2d", &h, &m) != 2 && sscanf(s + 1, "%2d%2d", &h, &m) != 2))
		return 0;
	*off = (s[0] == '-' ? -1 : 1) * (h * 3600L + m * 60L);
	return h <= 14 && m < 60;
}

/* An ISO 8601 time with a zone (2026-11-21T06:00:00Z, ...:00.000Z, ...+08:00) as a local
 * "YYYY-MM-DD HH:MM:SS"; 0, or -1 when s has no zone (it is local already), -2 when it
 * has one but does not parse. */
static int time_zoned_local(char *out, size_t outlen, const char *s)
{
	static const char *const formats[] = { "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M",
					       "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", NULL };
	struct tm tm;
	long off;
	time_t t;

	for (int i = 0; formats[i]; i++) {
		const char *end;
		memset(&tm, 0, sizeof(tm));
		end = strptime(s, formats[i], &tm);
		if (!end || !*end)
			continue;
		if (*end == '.' && i == 0)	/* fractions of a second, as JavaScript sends */
			end += 1 + strspn(end + 1, "0123456789");
		if (!zone_offset(end, &off))
			return -2;
		t = timegm(&tm) - off;
		localtime_r(&t, &tm);
		strftime(out, outlen, "%Y-%m-%d %H:%M:%S", &tm);
		return 0;
	}
	return -1;
}

const char *api_time(json_t *o, const char *key, char *out, size_t outlen,
		     struct org_errors *e)
{
	const char *s = api_str(o, key, e);
	int res;

	if (!*s)
		return "";
	res = time_zoned_local(out, outlen, s);
	if (res == -2) {
		api_error_add(e, key, "err.invalid");
		return "";
	}
	return res ? s : out;
}

int api_fail_invalid(struct req *r, const struct org_errors *e)
{
	json_t *errors = json_array();

	for (int i = 0; i < e->n; i++)
		json_array_append_new(errors, json_pack("{s:s?,s:s}", "field", e->v[i].field,
							"message", tr(r, e->v[i].key)));
	api_fail(r, 422, "invalid", e->n ? e->v[0].key : "api.bad_request");
	json_object_set_new(json_object_get(r->json, "error"), "errors", errors);
	return 422;
}

int api_fail_org(struct req *r, enum org_result res, const struct org_errors *e,
		 const char *conflict_key)
{
	const char *key = e->n ? e->v[0].key : "";

	switch (res) {
	case ORG_OK:
		return 0;
	case ORG_INVALID:
		return api_fail_invalid(r, e);
	case ORG_NOT_FOUND:
		return api_fail(r, 404, "not_found", "api.not_found");
	case ORG_CONFLICT:
		return api_fail(r, 409, "conflict", conflict_key);
	case ORG_REFUSED:
		if (!strcmp(key, "err.forbidden"))
			return api_fail(r, 403, "forbidden", "api.forbidden");
		api_fail_invalid(r, e);
		json_object_set_new(json_object_get(r->json, "error"), "code", json_string(
			!strcmp(key, "ticket.err_transition") ? "invalid_transition" : "refused"));
		return 409;
	default:
		return api_fail(r, 500, "server_error", "err.db");
	}
}

json_t *api_first(json_t *items)
{
	json_t *o = json_incref(json_array_get(items, 0));

	json_decref(items);
	return o;
}

int api_item_or_fail(struct req *r, json_t *items)
{
	if (!items)
		return api_fail(r, 500, "server_error", "err.db");
	if (!json_array_size(items)) {
		json_decref(items);
		return api_fail(r, 404, "not_found", "api.not_found");
	}
	json_decref(r->json);
	r->json = api_first(items);
	return 0;
}

void api_ints(json_t *o, const char *const *keys)
{
	for (; *keys; keys++) {
		json_t *v = json_object_get(o, *keys);
		if (json_is_string(v))
			json_object_set_new(o, *keys, json_integer(strtoll(json_string_value(v),
									   NULL, 10)));
	}
}

void api_ints_all(json_t *arr, const char *const *keys)
{
	size_t i;
	json_t *o;

	json_array_foreach(arr, i, o)
		api_ints(o, keys);
}

json_t *api_words(const char *list)
{
	json_t *arr = json_array();
	const char *p = list ? list : "", *end;

	for (; *p; p = end) {
		while (*p == ' ')
			p++;
		end = p + strcspn(p, " ");
		if (end > p)
			json_array_append_new(arr, json_stringn(p, (size_t)(end - p)));
	}
	return arr;
}

long long api_if_match(const struct req *r)
{
	const char *h = req_header(r, "HTTP_IF_MATCH");
	char *end;
	long long v;

	if (!h)
		return 0;
	if (!strncmp(h, "W/", 2))
		h += 2;
	if (*h == '"')
		h++;
	v = strtoll(h, &end, 10);
	return v > 0 && (*end == '"' || !*end) ? v : 0;
}

void api_like_prefix(char *out, size_t outlen, const char *s)
{
	size_t n = 0;

	for (; s && *s && n + 3 < outlen; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			out[n++] = '\\';
		out[n++] = *s;
	}
	out[n++] = '%';
	out[n] = '\0';
}
