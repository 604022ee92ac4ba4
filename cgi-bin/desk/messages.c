/* messages.c — messages to residents: the message log (/messages, filters and paging),
 * one SMS or e-mail to a resident (from the screen pop or a work order), and bulk SMS
 * (form, preview as a draft, confirmation, results).  Rules: lib/message.c. */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "desk.h"
#include "message.h"
#include "names.h"
#include "outbox.h"
#include "ticket.h"

static const char *const channels[] = { "sms", "email", NULL };
static const char *const statuses[] = { "queued", "sending", "sent", "delivered", "failed",
					"cancelled", NULL };

/* The value of query parameter name when it is one of allowed, else "" (an error for a
 * value that is not). */
static const char *log_choice(struct req *r, const char *name, const char *const *allowed)
{
	const char *v = req_query(r, name);
	char node[64];

	if (!v || !*v)
		return "";
	for (int i = 0; allowed[i]; i++)
		if (!strcmp(v, allowed[i])) {
			snprintf(node, sizeof(node), "Filter.%s", name);
			hset(r, node, allowed[i]);
			return allowed[i];
		}
	form_error(r, name, "err.invalid");
	return "";
}

/* One more row than a page shows, to know whether there is a next page. */
#define LOG_LIMIT "51"
_Static_assert(DESK_PER_PAGE == 50, "LOG_LIMIT is DESK_PER_PAGE + 1");

/* The page's ids first (k_outbox_resident, k_outbox_ticket, k_outbox_bulk or the
 * primary key in order), then only they are joined for display. */
static const char log_sql[] =
	"SELECT o.id, o.channel, o.recipient, o.resident_id, r.name AS resident, o.ticket_id,"
	" t.number AS ticket_number, o.bulk_id, o.event, o.subject, o.body, o.segments, o.status,"
	" o.attempts, o.last_error, o.dlr_status, o.created_at, o.sent_at, o.dlr_at,"
	" s.name AS sender FROM (SELECT o.id FROM outbox o"
	" WHERE (? = '' OR o.channel = ?) AND (? = '' OR o.status = ?)"
	" AND (? = 0 OR o.resident_id = ?) AND (? = 0 OR o.ticket_id = ?)"
	" AND (? = 0 OR o.bulk_id = ?) AND (? = '' OR o.created_at >= ?)"
	" AND (? = '' OR o.created_at < ?) ORDER BY o.id DESC LIMIT " LOG_LIMIT " OFFSET ?) x"
	" JOIN outbox o ON o.id = x.id LEFT JOIN resident r ON r.id = o.resident_id"
	" LEFT JOIN ticket t ON t.id = o.ticket_id LEFT JOIN staff s ON s.id = o.created_by"
	" ORDER BY o.id DESC";

int page_messages(struct req *r)
{
	const char *channel = log_choice(r, "channel", channels);
	const char *status = log_choice(r, "status", statuses);
	long long resident = desk_filter_id(r, "resident"), ticket = desk_filter_id(r, "ticket");
	long long bulk = desk_filter_id(r, "bulk");
	long long page = req_int(r, "page", 1, 1, DESK_MAX_PAGE);
	char from[20], to[20], extra[32];
	struct buf url;
	int n = 0;

	desk_filter_dates(r, from, to);
	if (page < 1)
		page = 1;
	if (form_has_errors(r))
		r->status = 422;
	else if ((n = db_query_hdf(r, "Messages", log_sql, "ssssiiiiiissssi", channel, channel,
				   status, status, resident, resident, ticket, ticket, bulk, bulk,
				   from, from, to, to, (page - 1) * DESK_PER_PAGE)) < 0)
		return req_fail(r, 500, "err.db");
	snprintf(extra, sizeof(extra), "Messages.%d", DESK_PER_PAGE);
	if (n > DESK_PER_PAGE)
		hdf_remove_tree(r->hdf, extra);
	buf_init(&url);
	buf_puts(&url, "/messages");
	url_param(&url, "channel", channel);
	url_param(&url, "status", status);
	url_param(&url, "resident", hdf_get_value(r->hdf, "Filter.resident", ""));
	url_param(&url, "ticket", hdf_get_value(r->hdf, "Filter.ticket", ""));
	url_param(&url, "bulk", hdf_get_value(r->hdf, "Filter.bulk", ""));
	url_param(&url, "from", req_query(r, "from"));
	url_param(&url, "to", req_query(r, "to"));
	hset_int(r, "Pager.Page", page);
	if (page > 1)
		hsetf(r, "Pager.PrevHref", "%s%cpage=%lld", url.data, strchr(url.data, '?') ? '&' : '?',
		      page - 1);
	if (n > DESK_PER_PAGE && page < DESK_MAX_PAGE)
		hsetf(r, "Pager.NextHref", "%s%cpage=%lld", url.data, strchr(url.data, '?') ? '&' : '?',
		      page + 1);
	buf_free(&url);
	if (resident)
		db_row_hdf(r, "Resident", "SELECT id, name FROM resident WHERE id = ?", "i", resident);
	hset_int(r, "Perm.send", req_can(r, "message.send"));
	hset(r, "Page.Title", tr(r, "message.log.title"));
	r->template = "desk/messages.cs";
	return 0;
}

/* ---------------------------------------------------------------------------------------
 * One message */

/* The send form for resident (and work order ticket): the resident, their mobiles and
 * e-mail, a fresh token unless the form is shown again.  Returns 0 or a failure status. */
static int one_form(struct req *r, long long resident, long long ticket, const char *channel)
{
	int found;

	if (ticket && !ticket_may_view(&r->user, ticket))
		return req_fail(r, 404, "err.not_found_object");
	found = db_row_hdf(r, "Resident", "SELECT id, name, email FROM resident WHERE id = ?", "i",
			   resident);
	if (found <= 0)
		return found < 0 ? req_fail(r, 500, "err.db") : req_fail(r, 404, "err.not_found_object");
	if (db_query_hdf(r, "Mobiles", "SELECT phone, is_primary FROM resident_phone"
			 " WHERE resident_id = ? AND kind = 'mobile' ORDER BY is_primary DESC, id",
			 "i", resident) < 0 ||
	    (ticket && db_row_hdf(r, "Ticket", "SELECT id, number, title FROM ticket WHERE id = ?",
				  "i", ticket) < 0))
		return req_fail(r, 500, "err.db");
	if (!hdf_get_value(r->hdf, "Form.token", NULL)) {
		char token[AUTH_TOKEN_LEN + 1];

		auth_token_new(token);
		hset(r, "Form.token", token);
	}
	hset(r, "Form.channel", channel);
	hset_int(r, "Form.resident", resident);
	if (ticket)
		hset_int(r, "Form.ticket", ticket);
	hset(r, "Page.Title", tr(r, !strcmp(channel, "email") ? "message.one.title_email"
							      : "message.one.title_sms"));
	r->template = "desk/message_new.cs";
	return 0;
}

int page_message_new(struct req *r)
{
	const char *channel = req_query(r, "channel");
	long long resident = desk_query_id(r, "resident"), ticket = desk_query_id(r, "ticket");

	if (ticket && !resident)
		resident = db_int_query(0, "SELECT COALESCE(resident_id, 0) FROM ticket WHERE id = ?",
					"i", ticket);
	if (!resident)
		return req_fail(r, 404, "message.err_no_resident");
	return one_form(r, resident, ticket, channel && !strcmp(channel, "email") ? "email" : "sms");
}

int page_message_send(struct req *r)
{
	struct org_actor who = desk_actor(r);
	struct org_errors e = { 0 };
	struct message_one m = { 0 };
	struct sms_size sz;
	enum org_result res;
	long long id, resident, ticket;
	int dup;

	resident = desk_form_int(r, "resident", 0, 1, 4294967295LL);
	ticket = desk_form_int(r, "ticket", 0, 0, 4294967295LL);
	if (form_has_errors(r) || !resident)
		return req_fail(r, 400, "err.bad_request");
	if (ticket && !ticket_may_view(&r->user, ticket))
		return req_fail(r, 404, "err.not_found_object");
	m.channel = !strcmp(req_field(r, "channel"), "email") ? "email" : "sms";
	m.resident_id = resident;
	m.ticket_id = ticket;
	m.mobile = req_field(r, "mobile");
	m.subject = req_field(r, "subject");
	m.text = req_field(r, "text");
	m.token = req_field(r, "token");
	res = message_send(&id, &dup, &e, &who, &m);
	if (res == ORG_OK) {
		req_flash(r, dup ? "message.flash_dup" : "message.flash_queued");
		if (ticket)
			return desk_redirectf(r, "/tickets/%lld#messages", ticket);
		return desk_redirectf(r, "/messages?resident=%lld", resident);
	}
	form_keep(r, "mobile", "subject", "text", "token", NULL);
	sms_measure(&sz, m.text);
	hset_int(r, "Form.segments", sz.segments);
	if ((res = desk_org_errors(r, res, &e)))
		return res;
	return one_form(r, resident, ticket, m.channel);
}

/* ---------------------------------------------------------------------------------------
 * Bulk SMS */

/* What the bulk form offers: buildings (with their community), communities, tags, and
 * the last bulk sends. */
static int bulk_choices(struct req *r)
{
	const char *codes[64], *labels[64];
	int n = names_items("customer_tag", codes, labels, 64);

	for (int i = 0; i < n; i++) {
		hset_row(r, "Tags", i, "code", codes[i]);
		hset_row(r, "Tags", i, "label", labels[i]);
	}
	if (db_query_hdf(r, "Communities", "SELECT id, name FROM community ORDER BY name", "") < 0 ||
	    db_query_hdf(r, "Buildings", "SELECT b.id, b.name, c.name AS community FROM building b"
			 " JOIN community c ON c.id = b.community_id"
			 " ORDER BY c.name, b.sort, b.name LIMIT 2000", "") < 0 ||
	    db_query_hdf(r, "Bulks", "SELECT b.id, b.target_label, b.status, b.recipients,"
			 " b.skipped, b.created_at, b.sent_at, s.name AS sender, LEFT(b.body, 40)"
			 " AS excerpt FROM message_bulk b LEFT JOIN staff s ON s.id = b.created_by"
			 " WHERE b.status = 'sent' ORDER BY b.id DESC LIMIT 20", "") < 0)
		return -1;
	return 0;
}

int page_bulk_new(struct req *r)
{
	if (bulk_choices(r))
		return req_fail(r, 500, "err.db");
	desk_set_default(r, "Form.target", "building");
	hset(r, "Page.Title", tr(r, "message.bulk.title"));
	r->template = "desk/bulk.cs";
	return 0;
}

int page_bulk_preview(struct req *r)
{
	struct org_actor who = desk_actor(r);
	struct org_errors e = { 0 };
	struct message_target t = { 0 };
	struct message_counts c;
	enum org_result res;
	long long id = 0;
	struct sms_size sz;

	t.target = req_field(r, "target");
	if (!strcmp(t.target, "building"))
		t.id = desk_form_int(r, "building", 0, 0, 4294967295LL);
	else if (!strcmp(t.target, "community"))
		t.id = desk_form_int(r, "community", 0, 0, 4294967295LL);
	else
		t.code = req_field(r, "tag");
	if (!form_has_errors(r)) {
		res = message_bulk_prepare(&id, &c, &e, &who, &t, req_field(r, "text"),
					   !strcmp(req_field(r, "essential"), "1"));
		if (res == ORG_OK)
			return desk_redirectf(r, "/messages/bulk/%lld", id);
		if ((res = desk_org_errors(r, res, &e)))
			return res;
	} else {
		r->status = 422;
	}
	form_keep(r, "target", "building", "community", "tag", "text", "essential", NULL);
	sms_measure(&sz, req_field(r, "text"));
	hset_int(r, "Form.segments", sz.segments);
	return page_bulk_new(r);
}

/* A bulk send: the draft with its counts and the confirmation, or the results. */
int page_bulk(struct req *r)
{
	long long id = r->args[0];
	int found = db_row_hdf(r, "Bulk", "SELECT b.id, b.target, b.target_label, b.body,"
			       " b.essential, b.segments, b.status, b.recipients, b.skipped,"
			       " b.no_mobile, b.created_by, b.created_at, b.sent_at, s.name AS sender"
			       " FROM message_bulk b LEFT JOIN staff s ON s.id = b.created_by"
			       " WHERE b.id = ?", "i", id);

	if (found <= 0)
		return found < 0 ? req_fail(r, 500, "err.db") : req_fail(r, 404, "err.not_found_object");
	/* Someone else's draft is not there for others (only its author may confirm it). */
	if (!strcmp(hdf_get_value(r->hdf, "Bulk.status", ""), "draft") &&
	    hdf_get_int_value(r->hdf, "Bulk.created_by", 0) != r->user.id)
		return req_fail(r, 404, "err.not_found_object");
	if (db_query_hdf(r, "Results", "SELECT status, COUNT(*) AS n FROM outbox WHERE bulk_id = ?"
			 " GROUP BY status ORDER BY status", "i", id) < 0 ||
	    db_query_hdf(r, "Messages", "SELECT o.id, o.recipient, o.resident_id, r.name AS"
			 " resident, o.status, o.attempts, o.last_error, o.sent_at, o.dlr_at"
			 " FROM outbox o LEFT JOIN resident r ON r.id = o.resident_id"
			 " WHERE o.bulk_id = ? ORDER BY o.id LIMIT 500", "i", id) < 0)
		return req_fail(r, 500, "err.db");
	hset(r, "Page.Title", tr(r, "message.bulk.title_one"));
	r->template = "desk/bulk_one.cs";
	return 0;
}

int page_bulk_send(struct req *r)
{
	struct org_actor who = desk_actor(r);
	struct message_counts c;
	enum org_result res;
	int already;

	res = message_bulk_send(&c, &already, &who, r->args[0]);
	if (res == ORG_NOT_FOUND)
		return req_fail(r, 404, "err.not_found_object");
	if (res != ORG_OK)
		return req_fail(r, 500, "err.db");
	req_flash(r, already ? "message.bulk.flash_already" : "message.bulk.flash_sent");
	return desk_redirectf(r, "/messages/bulk/%lld", r->args[0]);
}
