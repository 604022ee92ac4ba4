/* actions.c — the POSTs of a work order's page: status steps, edits, comments and notes,
 * links and merges.  Each calls lib/ticket.c and, when refused, shows the page again with
 * the reason and the user's input. */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "desk.h"
#include "ticket.h"

#define DESK_ID_MAX 4294967295LL

/* After a failed change of work order id: the reason on its page.  A conflict shows the
 * current values rather than the user's, so nothing stale can be resubmitted blindly. */
static int actions_failed(struct req *r, long long id, enum org_result res,
			  const struct org_errors *e)
{
	int status = desk_org_errors(r, res, e);

	if (status)
		return status;
	if (res == ORG_CONFLICT)
		hdf_remove_tree(r->hdf, "Form");
	return desk_ticket_show(r, id);
}

/* The version the form was rendered with: required, so no forged POST skips the check. */
static long long actions_version(struct req *r)
{
	long long v = desk_form_int(r, "version", 0, 1, DESK_ID_MAX);

	if (!v && !form_has_errors(r))
		form_error(r, "version", "err.required");
	return v;
}

int page_ticket_transition(struct req *r)
{
	struct org_actor who = desk_actor(r);
	struct org_errors e = { 0 };
	struct ticket_change c;
	enum org_result res = ORG_INVALID;
	long long id = r->args[0];

	if (!ticket_may_view(&r->user, id))
		return req_fail(r, 404, "err.not_found_object");
	memset(&c, 0, sizeof(c));
	form_keep(r, "to", "note", "department_id", "assignee_id", "resume_at",
		       "satisfaction", NULL);
	c.to = req_field(r, "to");
	c.version = actions_version(r);
	c.note = req_field(r, "note");
	c.public = *req_field(r, "public") != '\0';
	hset(r, "Form.public", c.public ? "1" : "0");
	c.department_id = desk_form_int(r, "department_id", 0, 0, DESK_ID_MAX);
	c.assignee_id = desk_form_int(r, "assignee_id", 0, 0, DESK_ID_MAX);
	c.resume_at = req_field(r, "resume_at");
	c.satisfaction = (int)desk_form_int(r, "satisfaction", 0, 1, 5);
	if (!form_has_errors(r))
		res = ticket_transition(&e, &who, &r->user, id, &c);
	if (res)
		return actions_failed(r, id, res, &e);
	req_flash(r, "desk.ticket.flash_status");
	return desk_redirectf(r, "/tickets/%lld", id);
}

int page_ticket_update(struct req *r)
{
	struct org_actor who = desk_actor(r);
	struct org_errors e = { 0 };
	struct ticket_edit f;
	enum org_result res = ORG_INVALID;
	long long id = r->args[0], version;

	if (!ticket_may_view(&r->user, id))
		return req_fail(r, 404, "err.not_found_object");
	memset(&f, 0, sizeof(f));
	form_keep(r, "title", "description", "priority", "appointment_at", "version", NULL);
	version = actions_version(r);
	f.title = req_field(r, "title");
	f.description = req_field(r, "description");
	f.priority = (int)desk_form_int(r, "priority", 0, 1, 4);
	f.emergency = *req_field(r, "emergency") != '\0';
	hset(r, "Form.emergency", f.emergency ? "1" : "0");
	f.appointment_at = req_field(r, "appointment_at");
	hset(r, "Form.to", "edit");
	if (!form_has_errors(r))
		res = ticket_update(&e, &who, id, version, &f);
	if (res)
		return actions_failed(r, id, res, &e);
	req_flash(r, "flash.saved");
	return desk_redirectf(r, "/tickets/%lld", id);
}

/* The comment's text: as typed, or the chosen canned reply when nothing was typed. */
static const char *actions_comment_body(struct req *r)
{
	long long canned = desk_form_int(r, "canned", 0, 0, DESK_ID_MAX);

	if (*req_field(r, "body") || !canned)
		return req_field(r, "body");
	if (db_row_hdf(r, "Form", "SELECT body FROM canned_reply WHERE id = ? AND active = 1",
			 "i", canned) != 1)
		form_error(r, "canned", "err.invalid");
	return hdf_get_value(r->hdf, "Form.body", "");
}

int page_ticket_comment(struct req *r)
{
	struct org_actor who = desk_actor(r);
	struct org_errors e = { 0 };
	enum org_result res = ORG_INVALID;
	long long id = r->args[0], event;
	const char *body;
	int public;

	if (!ticket_may_view(&r->user, id))
		return req_fail(r, 404, "err.not_found_object");
	form_keep(r, "body", "canned", NULL);
	public = !strcmp(req_field(r, "public"), "1");
	hset(r, "Form.public", public ? "1" : "0");
	hset(r, "Form.to", "comment");
	body = actions_comment_body(r);
	if (!form_has_errors(r))
		res = ticket_comment(&event, &e, &who, id, 0, body, public);
	if (res)
		return actions_failed(r, id, res, &e);
	req_flash(r, public ? "desk.ticket.flash_comment" : "desk.ticket.flash_note");
	return desk_redirectf(r, "/tickets/%lld#timeline", id);
}

int page_ticket_link(struct req *r)
{
	struct org_actor who = desk_actor(r);
	struct org_errors e = { 0 };
	enum org_result res = ORG_INVALID;
	long long id = r->args[0], other = 0;
	const char *kind;

	if (!ticket_may_view(&r->user, id))
		return req_fail(r, 404, "err.not_found_object");
	form_keep(r, "other", "kind", NULL);
	hset(r, "Form.to", "link");
	kind = req_field(r, "kind");
	if (strcmp(kind, "related") && strcmp(kind, "duplicate") && strcmp(kind, "merge"))
		form_error(r, "kind", "err.invalid");
	if (strlen(req_field(r, "other")) <= TICKET_NUMBER_MAX)
		other = db_int_query(0, "SELECT id FROM ticket WHERE number = ?", "s",
				     req_field(r, "other"));
	if (!other || !ticket_may_view(&r->user, other))
		form_error(r, "other", "desk.ticket.err_number");
	if (!form_has_errors(r))
		res = !strcmp(kind, "merge") ? ticket_merge(&e, &who, id, other)
					     : ticket_link(&e, &who, id, other, kind);
	if (res)
		return actions_failed(r, id, res, &e);
	req_flash(r, !strcmp(kind, "merge") ? "desk.ticket.flash_merged" : "desk.ticket.flash_linked");
	return desk_redirectf(r, "/tickets/%lld", id);
}
