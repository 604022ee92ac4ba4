/* inbox.c — internal messages between staff (站内短信): inbox, sent, compose, read.  A
 * message is there only for its sender and its recipient (message_internal_role). */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "desk.h"
#include "message.h"

/* One page of the signed-in user's received (sent = 0) or sent messages. */
static int inbox_list(struct req *r, int sent)
{
	long long page = req_int(r, "page", 1, 1, DESK_MAX_PAGE);
	char extra[32];
	int n;

	if (page < 1)
		page = 1;
	n = sent ? db_query_hdf(r, "Notes", "SELECT m.id, m.subject, m.read_at, m.created_at,"
				" s.name AS other FROM staff_message m JOIN staff s ON s.id = m.recipient_id"
				" WHERE m.sender_id = ? ORDER BY m.id DESC LIMIT 51 OFFSET ?", "ii",
				r->user.id, (page - 1) * DESK_PER_PAGE)
		 : db_query_hdf(r, "Notes", "SELECT m.id, m.subject, m.read_at, m.created_at,"
				" s.name AS other FROM staff_message m JOIN staff s ON s.id = m.sender_id"
				" WHERE m.recipient_id = ? ORDER BY m.id DESC LIMIT 51 OFFSET ?", "ii",
				r->user.id, (page - 1) * DESK_PER_PAGE);
	if (n < 0)
		return req_fail(r, 500, "err.db");
	snprintf(extra, sizeof(extra), "Notes.%d", DESK_PER_PAGE);
	if (n > DESK_PER_PAGE)
		hdf_remove_tree(r->hdf, extra);
	hset_int(r, "Pager.Page", page);
	if (page > 1)
		hsetf(r, "Pager.PrevHref", "%s?page=%lld", sent ? "/inbox/sent" : "/inbox", page - 1);
	if (n > DESK_PER_PAGE && page < DESK_MAX_PAGE)
		hsetf(r, "Pager.NextHref", "%s?page=%lld", sent ? "/inbox/sent" : "/inbox", page + 1);
	hset_int(r, "Inbox.sent", sent);
	hset(r, "Page.Title", tr(r, sent ? "message.inbox.sent_title" : "message.inbox.title"));
	r->template = "desk/inbox.cs";
	return 0;
}

int page_inbox(struct req *r)
{
	return inbox_list(r, 0);
}

int page_inbox_sent(struct req *r)
{
	return inbox_list(r, 1);
}

static int inbox_form(struct req *r)
{
	if (db_query_hdf(r, "Staff", "SELECT s.id, s.name, d.name AS department FROM staff s"
			 " LEFT JOIN department d ON d.id = s.department_id WHERE s.active = 1"
			 " AND s.id <> ? ORDER BY d.sort, d.name, s.name", "i", r->user.id) < 0)
		return req_fail(r, 500, "err.db");
	hset(r, "Page.Title", tr(r, "message.inbox.new_title"));
	r->template = "desk/inbox_new.cs";
	return 0;
}

int page_inbox_new(struct req *r)
{
	long long to = desk_query_id(r, "to");

	if (to)
		hset_int(r, "Form.recipient", to);
	return inbox_form(r);
}

int page_inbox_send(struct req *r)
{
	struct org_actor who = desk_actor(r);
	struct org_errors e = { 0 };
	enum org_result res;
	long long id, to;

	to = desk_form_int(r, "recipient", 0, 0, 4294967295LL);
	if (!form_has_errors(r) && to == r->user.id)
		form_error(r, "recipient", "message.err_self");
	if (!form_has_errors(r)) {
		res = message_internal_send(&id, &e, &who, to, req_field(r, "subject"),
					    req_field(r, "body"));
		if (res == ORG_OK) {
			req_flash(r, "message.inbox.flash_sent");
			return req_redirect(r, "/inbox/sent");
		}
		if ((res = desk_org_errors(r, res, &e)))
			return res;
	} else {
		r->status = 422;
	}
	form_keep(r, "recipient", "subject", "body", NULL);
	return inbox_form(r);
}

/* One message; opening it marks it read for its recipient. */
int page_inbox_one(struct req *r)
{
	long long id = r->args[0];
	int role = message_internal_role(r->user.id, id), found, marked = 0;

	if (role < 0)
		return req_fail(r, 500, "err.db");
	if (!role)
		return req_fail(r, 404, "err.not_found_object");
	if (role == 1 && (marked = message_internal_mark_read(r->user.id, id)) < 0)
		return req_fail(r, 500, "err.db");
	/* The header's counter was read before this page marked the message read. */
	if (marked)
		hset_int(r, "User.Unread", hdf_get_int_value(r->hdf, "User.Unread", 1) - 1);
	found = db_row_hdf(r, "Note", "SELECT m.id, m.subject, m.body, m.read_at, m.created_at,"
			   " m.sender_id, f.name AS sender, m.recipient_id, t.name AS recipient"
			   " FROM staff_message m JOIN staff f ON f.id = m.sender_id"
			   " JOIN staff t ON t.id = m.recipient_id WHERE m.id = ?", "i", id);
	if (found <= 0)
		return found < 0 ? req_fail(r, 500, "err.db") : req_fail(r, 404, "err.not_found_object");
	hset_int(r, "Note.mine", role == 1);
	hset(r, "Page.Title", hdf_get_value(r->hdf, "Note.subject", ""));
	r->template = "desk/inbox_one.cs";
	return 0;
}

int page_inbox_read_all(struct req *r)
{
	if (message_internal_mark_all(r->user.id) < 0)
		return req_fail(r, 500, "err.db");
	req_flash(r, "message.inbox.flash_read_all");
	return req_redirect(r, "/inbox");
}
