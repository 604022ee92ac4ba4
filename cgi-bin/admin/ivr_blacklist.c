/* ivr_blacklist.c — the blacklist: numbers (normalised) with reason, action and expiry,
 * the attempts ivrd logged, add, edit, delete. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "ivr.h"

/* The list, the latest attempts and the add form (Form.* already set). */
static int blacklist_show(struct req *r)
{
	int status = ivr_options(r);

	if (status)
		return status;
	if (db_query_hdf(r, "Blocks", "SELECT b.id, b.number, b.reason, b.action, b.expires_at,"
			 " b.expires_at IS NOT NULL AND b.expires_at < UTC_TIMESTAMP() AS expired,"
			 " p.name AS prompt, (SELECT COUNT(*) FROM ivr_blacklist_attempt a"
			 " WHERE a.number = b.number) AS attempt_count, b.created_at"
			 " FROM ivr_blacklist b LEFT JOIN ivr_prompt p ON p.id = b.prompt_id"
			 " ORDER BY b.created_at DESC, b.id DESC", "") < 0 ||
	    db_query_hdf(r, "Attempts", "SELECT a.number, a.at, a.action, a.call_id"
			 " FROM ivr_blacklist_attempt a ORDER BY a.at DESC, a.id DESC LIMIT 100", "") < 0)
		return req_fail(r, 500, "err.db");
	admin_tr_rows(r, "Blocks", "action", "ivr.block.action", "action_label");
	admin_tr_rows(r, "Attempts", "action", "ivr.block.action", "action_label");
	if (!hdf_get_value(r->hdf, "Form.action", NULL))
		hset(r, "Form.action", "message");
	ivr_page(r, "blacklist", "ivr.block.title", "admin/ivr_blacklist.cs");
	return 0;
}

int page_ivr_blacklist(struct req *r)
{
	return blacklist_show(r);
}

static int block_show(struct req *r, long long id)
{
	int status = ivr_options(r);

	if (status)
		return status;
	if (db_query_hdf(r, "Attempts", "SELECT a.number, a.at, a.action, a.call_id"
			 " FROM ivr_blacklist_attempt a JOIN ivr_blacklist b ON b.number = a.number"
			 " WHERE b.id = ? ORDER BY a.at DESC, a.id DESC LIMIT 100", "i", id) < 0)
		return req_fail(r, 500, "err.db");
	admin_tr_rows(r, "Attempts", "action", "ivr.block.action", "action_label");
	hset_int(r, "Form.id", id);
	ivr_page(r, "blacklist", "ivr.block.edit", "admin/ivr_block.cs");
	return 0;
}

int page_ivr_block_edit(struct req *r)
{
	char local[24];
	int found = db_row_hdf(r, "Form", "SELECT number, reason, action, prompt_id, expires_at,"
			       " version FROM ivr_blacklist WHERE id = ?", "i", r->args[0]);

	if (found <= 0)
		return found < 0 ? req_fail(r, 500, "err.db") : req_fail(r, 404, "err.not_found_object");
	/* db_row_hdf shows _at columns in local time; the form field is "expires". */
	snprintf(local, sizeof(local), "%s", hdf_get_value(r->hdf, "Form.expires_at", ""));
	hset(r, "Form.expires", local);
	return block_show(r, r->args[0]);
}

static void block_read(struct req *r, struct ivr_block_def *b)
{
	form_keep(r, "number", "reason", "action", "prompt_id", "expires", "version", NULL);
	b->number = req_field(r, "number");
	b->reason = req_field(r, "reason");
	b->action = req_field(r, "action");
	b->expires = req_field(r, "expires");
	b->prompt_id = admin_form_int(r, "prompt_id", 0, 0, LLONG_MAX);
}

int page_ivr_block_create(struct req *r)
{
	struct org_actor who = admin_actor(r);
	struct org_errors e = { 0 };
	struct ivr_block_def b = { 0 };
	enum org_result res = ORG_INVALID;
	long long id = 0;
	int status;

	block_read(r, &b);
	if (!form_has_errors(r))
		res = ivr_block_save(&id, &e, &who, 0, &b);
	if (res) {
		status = ivr_errors(r, res, &e);
		return status ? status : blacklist_show(r);
	}
	return ivr_redirectf(r, "flash.created", "/admin/ivr/blacklist");
}

int page_ivr_block_update(struct req *r)
{
	struct org_actor who = admin_actor(r);
	struct org_errors e = { 0 };
	struct ivr_block_def b = { 0 };
	enum org_result res = ORG_INVALID;
	long long id = r->args[0], version;
	int status;

	block_read(r, &b);
	version = admin_form_int(r, "version", 0, 1, LLONG_MAX);
	if (!form_has_errors(r))
		res = ivr_block_save(&id, &e, &who, version, &b);
	if (res) {
		status = ivr_errors(r, res, &e);
		return status ? status : block_show(r, id);
	}
	return ivr_redirectf(r, "flash.saved", "/admin/ivr/blacklist");
}

int page_ivr_block_delete(struct req *r)
{
	struct org_actor who = admin_actor(r);
	struct org_errors e = { 0 };
	enum org_result res = ivr_block_delete(&e, &who, r->args[0]);

	if (res == ORG_NOT_FOUND)
		return req_fail(r, 404, "err.not_found_object");
	if (res)
		return req_fail(r, 500, "err.db");
	return ivr_redirectf(r, "flash.deleted", "/admin/ivr/blacklist");
}
