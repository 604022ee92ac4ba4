/* apikeys.c — API keys: list, create (the key is shown once), revoke. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "admin.h"
#include "db.h"

/* The keys (one page) and the new-key form (Form.* already set). */
static int apikeys_show(struct req *r)
{
	long long page = admin_page(r);
	struct buf url;
	int n;

	n = db_query_hdf(r, "Keys", "SELECT k.id, k.name, k.prefix, k.created_at, k.last_used_at,"
			 " k.revoked_at, s.login, s.name AS staff_name, c.login AS creator"
			 " FROM api_key k JOIN staff s ON s.id = k.staff_id"
			 " LEFT JOIN staff c ON c.id = k.created_by"
			 " ORDER BY k.revoked_at IS NOT NULL, k.id DESC LIMIT ? OFFSET ?", "ii",
			 (long long)ADMIN_PER_PAGE + 1, (page - 1) * ADMIN_PER_PAGE);
	if (n < 0 || db_query_hdf(r, "StaffOptions", "SELECT id, login, name FROM staff"
				  " WHERE active = 1 ORDER BY login", "") < 0)
		return req_fail(r, 500, "err.db");
	if (n > ADMIN_PER_PAGE) {
		char extra[32];
		snprintf(extra, sizeof(extra), "Keys.%d", ADMIN_PER_PAGE);
		hdf_remove_tree(r->hdf, extra);
	}
	buf_init(&url);
	buf_puts(&url, "/admin/apikeys");
	admin_pager(r, &url, page, n > ADMIN_PER_PAGE, -1);
	buf_free(&url);
	hset(r, "Page.Title", tr(r, "admin.apikeys.title"));
	r->template = "admin/apikeys.cs";
	return 0;
}

int page_apikeys(struct req *r)
{
	return apikeys_show(r);
}

int page_apikey_create(struct req *r)
{
	struct org_actor who = admin_actor(r);
	struct org_errors e = { 0 };
	enum org_result res = ORG_INVALID;
	long long staff_id, id;
	char key[64];
	int status;

	form_keep(r, "staff_id", "name", NULL);
	staff_id = admin_form_int(r, "staff_id", 0, 1, LLONG_MAX);
	if (!form_has_errors(r))
		res = org_apikey_create(&id, key, sizeof(key), &e, &who, staff_id,
					req_field(r, "name"));
	if (res) {
		status = admin_org_errors(r, res, &e);
		return status ? status : apikeys_show(r);
	}
	/* Shown on this response only: the database keeps just its hash. */
	hset(r, "Key.value", key);
	sodium_memzero(key, sizeof(key));
	hset_int(r, "Key.id", id);
	hset(r, "Key.name", req_field(r, "name"));
	db_row_hdf(r, "Key", "SELECT login, name AS staff_name FROM staff WHERE id = ?", "i",
		      staff_id);
	hset(r, "Page.Title", tr(r, "admin.apikeys.new"));
	r->template = "admin/apikey_created.cs";
	r->status = 201;
	return 0;
}

int page_apikey_revoke(struct req *r)
{
	struct org_actor who = admin_actor(r);
	struct org_errors e = { 0 };
	enum org_result res = org_apikey_revoke(&e, &who, r->args[0]);
	int status;

	if (res) {
		status = admin_org_errors(r, res, &e);
		return status ? status : apikeys_show(r);
	}
	req_flash(r, "admin.apikeys.revoked");
	return req_redirect(r, "/admin/apikeys");
}
