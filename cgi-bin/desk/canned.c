/* canned.c — canned replies (常用回复): the texts agents insert into comments.  Every
 * change is audited. */
#include <string.h>

#include "auth.h"
#include "db.h"
#include "desk.h"

#define CANNED_BODY_MAX 5000

int page_canned(struct req *r)
{
	if (db_query_hdf(r, "Canned", "SELECT id, title, body, active, sort FROM canned_reply"
			 " ORDER BY sort, id", "") < 0)
		return req_fail(r, 500, "err.db");
	hset(r, "Page.Title", tr(r, "desk.canned.title"));
	r->template = "desk/canned.cs";
	return 0;
}

/* The form for reply id (0: new) with Form.* already set. */
static int canned_form(struct req *r, long long id)
{
	if (id)
		hset_int(r, "Form.id", id);
	hset(r, "Page.Title", tr(r, id ? "desk.canned.edit" : "desk.canned.new"));
	r->template = "desk/canned_form.cs";
	return 0;
}

int page_canned_new(struct req *r)
{
	hset(r, "Form.active", "1");
	hset(r, "Form.sort", "0");
	return canned_form(r, 0);
}

int page_canned_edit(struct req *r)
{
	int found = db_row_hdf(r, "Form", "SELECT title, body, active, sort FROM canned_reply"
				 " WHERE id = ?", "i", r->args[0]);

	if (found <= 0)
		return found < 0 ? req_fail(r, 500, "err.db") : req_fail(r, 404, "err.not_found_object");
	return canned_form(r, r->args[0]);
}

/* Writes reply id (0: a new one) from the checked form; the affected rows or -1. */
static long long canned_save(struct req *r, long long *id, long long sort, int active)
{
	const char *title = req_field(r, "title"), *body = req_field(r, "body");
	long long n;

	if (*id)
		return db_exec("UPDATE canned_reply SET title = ?, body = ?, active = ?, sort = ?"
			       " WHERE id = ?", "ssiii", title, body, (long long)active, sort, *id);
	n = db_exec("INSERT INTO canned_reply (title, body, active, sort) VALUES (?, ?, ?, ?)",
		    "ssii", title, body, (long long)active, sort);
	if (n == 1)
		*id = (long long)db_insert_id();
	return n;
}

/* Create (id 0) or update reply id from the posted form. */
static int canned_submit(struct req *r, long long id)
{
	long long sort, saved = id, n;
	int active;

	form_keep(r, "title", "body", "sort", NULL);
	sort = desk_form_int(r, "sort", 0, -1000000, 1000000);
	active = *req_field(r, "active") != '\0';
	hset(r, "Form.active", active ? "1" : "0");
	if (!*req_field(r, "title"))
		form_error(r, "title", "err.required");
	else if (org_strlen(req_field(r, "title")) > 100)
		form_error(r, "title", "err.too_long_field");
	if (!*req_field(r, "body"))
		form_error(r, "body", "err.required");
	else if (org_strlen(req_field(r, "body")) > CANNED_BODY_MAX)
		form_error(r, "body", "err.too_long_field");
	if (form_has_errors(r)) {
		r->status = 422;
		return canned_form(r, id);
	}
	n = canned_save(r, &saved, sort, active);
	if (n < 0)
		return req_fail(r, 500, "err.db");
	if (id && !db_int_query(0, "SELECT COUNT(*) FROM canned_reply WHERE id = ?", "i", id))
		return req_fail(r, 404, "err.not_found_object");
	audit(r->user.id, r->ip, id ? "canned_reply.update" : "canned_reply.create",
	      "canned_reply", saved, "%s", req_field(r, "title"));
	req_flash(r, "flash.saved");
	return req_redirect(r, "/tickets/canned");
}

int page_canned_create(struct req *r)
{
	return canned_submit(r, 0);
}

int page_canned_update(struct req *r)
{
	return canned_submit(r, r->args[0]);
}

int page_canned_delete(struct req *r)
{
	long long n = db_exec("DELETE FROM canned_reply WHERE id = ?", "i", r->args[0]);

	if (n < 0)
		return req_fail(r, 500, "err.db");
	if (n == 0)
		return req_fail(r, 404, "err.not_found_object");
	audit(r->user.id, r->ip, "canned_reply.delete", "canned_reply", r->args[0], "id=%lld", r->args[0]);
	req_flash(r, "flash.deleted");
	return req_redirect(r, "/tickets/canned");
}
