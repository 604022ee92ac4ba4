/* org.c — the API's read-only view of the organisation: me, departments, staff. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "config.h"
#include "db.h"

/* The role codes of a " a b " list as a JSON array. */
static json_t *codes_array(const char *list)
{
	json_t *arr = json_array();
	char copy[1024], *save = NULL;

	snprintf(copy, sizeof(copy), "%s", list);
	for (char *t = strtok_r(copy, " ", &save); t; t = strtok_r(NULL, " ", &save))
		json_array_append_new(arr, json_string(t));
	return arr;
}

int api_openapi(struct req *r)
{
	static char *doc;
	static size_t doclen;

	if (!doc) {
		char *path = config_path("WL_ROOT", "cgi-bin/api/openapi.json");
		FILE *f = fopen(path, "rb");
		struct buf b;
		char chunk[8192];
		size_t n;

		free(path);
		if (!f)
			return api_fail(r, 500, "server_error", "err.server");
		buf_init(&b);
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			buf_add(&b, chunk, n);
		fclose(f);
		doc = b.data;
		doclen = b.len;
	}
	buf_add(&r->body, doc, doclen);
	r->raw_type = "application/json; charset=utf-8";
	return 0;
}

int api_me(struct req *r)
{
	json_t *me = json_pack("{s:I,s:s,s:s,s:o,s:o,s:s,s:b}", "id", (json_int_t)r->user.id,
			       "login", r->user.login, "name", r->user.name,
			       "roles", codes_array(r->user.roles),
			       "permissions", codes_array(r->user.perms),
			       "lang", r->user.lang[0] ? r->user.lang : r->lang,
			       "via_api_key", r->via_api);

	json_object_set_new(me, "department_id", r->user.department_id
				? json_integer(r->user.department_id) : json_null());
	r->json = me;
	return 0;
}

static int api_list(struct req *r, json_t *items, long long total, long long limit,
		    long long offset)
{
	if (!items)
		return api_fail(r, 500, "server_error", "err.db");
	r->json = json_pack("{s:o,s:I,s:I,s:I}", "items", items, "total", (json_int_t)total,
			    "limit", (json_int_t)limit, "offset", (json_int_t)offset);
	return 0;
}

int api_departments(struct req *r)
{
	json_t *items = db_query_json(
		"SELECT d.id, d.parent_id, d.name, d.code, d.sort,"
		" (SELECT COUNT(*) FROM staff s WHERE s.department_id = d.id AND s.active = 1)"
		" AS staff_count FROM department d ORDER BY d.parent_id IS NOT NULL, d.sort, d.id", "");

	return api_list(r, items, items ? (long long)json_array_size(items) : 0,
			items ? (long long)json_array_size(items) : 0, 0);
}

int api_department(struct req *r)
{
	json_t *items = db_query_json(
		"SELECT d.id, d.parent_id, d.name, d.code, d.sort,"
		" (SELECT COUNT(*) FROM staff s WHERE s.department_id = d.id AND s.active = 1)"
		" AS staff_count FROM department d WHERE d.id = ?", "i", r->args[0]);

	if (!items)
		return api_fail(r, 500, "server_error", "err.db");
	if (!json_array_size(items)) {
		json_decref(items);
		return api_fail(r, 404, "not_found", "api.not_found");
	}
	r->json = json_incref(json_array_get(items, 0));
	json_decref(items);
	return 0;
}

#define STAFF_COLUMNS \
	"SELECT s.id, s.login, s.name, s.department_id, d.name AS department, s.phone," \
	" s.email, s.active, s.last_login_at, (SELECT GROUP_CONCAT(r.code ORDER BY r.id" \
	" SEPARATOR ' ') FROM staff_role sr JOIN role r ON r.id = sr.role_id" \
	" WHERE sr.staff_id = s.id) AS roles FROM staff s" \
	" LEFT JOIN department d ON d.id = s.department_id"

/* Turns the space-separated "roles" column of each item into an array. */
static void staff_roles_arrays(json_t *items)
{
	size_t i;
	json_t *o;

	json_array_foreach(items, i, o) {
		json_t *roles = json_object_get(o, "roles");
		json_object_set_new(o, "roles", codes_array(json_is_string(roles)
							     ? json_string_value(roles) : ""));
	}
}

int api_staff_list(struct req *r)
{
	const char *q = req_query(r, "q");
	long long dept = req_int(r, "department_id", 0, 1, 1LL << 31);
	long long limit = req_int(r, "limit", 50, 1, 200);
	long long offset = req_int(r, "offset", 0, 0, 1LL << 31);
	char like[200];
	json_t *items;
	long long total;

	if (dept < 0 || limit < 0 || offset < 0 || (q && strlen(q) > 64))
		return api_fail(r, 400, "bad_request", "api.bad_request");
	snprintf(like, sizeof(like), "%s%%", q ? q : "");
	items = db_query_json(STAFF_COLUMNS
			      " WHERE (? = '' OR s.login LIKE ? OR s.name LIKE ?)"
			      " AND (? = 0 OR s.department_id = ?)"
			      " ORDER BY s.id LIMIT ? OFFSET ?", "sssiiii",
			      q ? q : "", like, like, dept, dept, limit, offset);
	total = db_int_query(0, "SELECT COUNT(*) FROM staff s WHERE (? = '' OR s.login LIKE ?"
			     " OR s.name LIKE ?) AND (? = 0 OR s.department_id = ?)", "sssii",
			     q ? q : "", like, like, dept, dept);
	if (items)
		staff_roles_arrays(items);
	return api_list(r, items, total, limit, offset);
}

int api_staff_one(struct req *r)
{
	json_t *items = db_query_json(STAFF_COLUMNS " WHERE s.id = ?", "i", r->args[0]);

	if (!items)
		return api_fail(r, 500, "server_error", "err.db");
	if (!json_array_size(items)) {
		json_decref(items);
		return api_fail(r, 404, "not_found", "api.not_found");
	}
	staff_roles_arrays(items);
	r->json = json_incref(json_array_get(items, 0));
	json_decref(items);
	return 0;
}
