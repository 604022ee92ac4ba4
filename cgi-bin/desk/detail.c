/* detail.c — one work order: header with SLA, the timeline, attachments, parts, links,
 * and the forms for the steps the user may take from here. */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "desk.h"
#include "ticket.h"

/* The header row as Ticket.*; 1, 0 (no such order) or -1. */
static int detail_header(struct req *r, long long id)
{
	return db_row_hdf(r, "Ticket",
		"SELECT t.id, t.number, t.status, t.pending_from, t.pending_reason, t.resume_at,"
		" t.priority, t.emergency, t.title, t.description, t.channel, ty.name AS type,"
		" st.name AS subtype, t.department_id, d.name AS department, t.assignee_id,"
		" a.name AS assignee, cb.name AS creator, t.resident_id, rs.name AS resident,"
		" t.household_id, CONCAT_WS(' ', c.name, b.name, u.name, h.room) AS location,"
		" t.address, t.contact_name, t.contact_phone, t.appointment_at, t.response_due_at,"
		" t.resolve_due_at, t.first_response_at, t.resolved_at, t.closed_at,"
		" t.satisfaction, t.visit_comment, t.version, t.created_at, t.updated_at,"
		" t.merged_into_id, m.number AS merged_into_number, t.call_id,"
		" (t.status IN " TICKET_OPEN_SQL " AND t.resolve_due_at < UTC_TIMESTAMP()) AS overdue,"
		" (t.first_response_at IS NULL AND t.status IN " TICKET_OPEN_SQL
		" AND t.response_due_at < UTC_TIMESTAMP()) AS response_overdue"
		" FROM ticket t JOIN ticket_type ty ON ty.id = t.type_id"
		" LEFT JOIN ticket_type st ON st.id = t.subtype_id"
		" LEFT JOIN department d ON d.id = t.department_id"
		" LEFT JOIN staff a ON a.id = t.assignee_id LEFT JOIN staff cb ON cb.id = t.created_by"
		" LEFT JOIN resident rs ON rs.id = t.resident_id"
		" LEFT JOIN household h ON h.id = t.household_id LEFT JOIN unit u ON u.id = h.unit_id"
		" LEFT JOIN building b ON b.id = u.building_id"
		" LEFT JOIN community c ON c.id = b.community_id"
		" LEFT JOIN ticket m ON m.id = t.merged_into_id WHERE t.id = ?", "i", id);
}

/* The timeline, attachments, parts and links of work order id.  0 or -1. */
static int detail_lists(struct req *r, long long id)
{
	if (db_query_hdf(r, "Events", "SELECT e.id, e.at AS happened_at, e.kind, e.from_status,"
			 " e.to_status, e.public, e.body, s.name AS staff, d.name AS department,"
			 " a.name AS assignee, o.id AS other_id, o.number AS other_number,"
			 " IF(e.kind = 'link', SUBSTRING_INDEX(e.body, ' ', -1), NULL) AS link_kind"
			 " FROM ticket_event e LEFT JOIN staff s ON s.id = e.staff_id"
			 " LEFT JOIN department d ON d.id = e.department_id"
			 " LEFT JOIN staff a ON a.id = e.assignee_id"
			 " LEFT JOIN ticket o ON e.kind IN ('link', 'merge')"
			 "  AND o.id = CAST(SUBSTRING_INDEX(e.body, ' ', 1) AS UNSIGNED)"
			 " WHERE e.ticket_id = ? ORDER BY e.id", "i", id) < 0 ||
	    db_query_hdf(r, "Attachments", "SELECT a.id, a.filename, a.mime, a.size,"
			 " a.created_at, s.name AS uploader, a.mime LIKE 'image/%' AS is_image"
			 " FROM attachment a LEFT JOIN staff s ON s.id = a.uploaded_by"
			 " WHERE a.ticket_id = ? ORDER BY a.id", "i", id) < 0 ||
	    db_query_hdf(r, "Parts", "SELECT p.name, p.quantity + 0 AS quantity, p.unit,"
			 " s.name AS staff, p.created_at FROM ticket_part p"
			 " LEFT JOIN staff s ON s.id = p.staff_id WHERE p.ticket_id = ?"
			 " ORDER BY p.id", "i", id) < 0)
		return -1;
	return db_query_hdf(r, "Links", "SELECT o.id, o.number, o.status, o.title, x.kind FROM"
			    " ((SELECT other_id AS oid, kind FROM ticket_link WHERE ticket_id = ?)"
			    " UNION ALL (SELECT ticket_id, kind FROM ticket_link WHERE other_id = ?))"
			    " x JOIN ticket o ON o.id = x.oid ORDER BY o.id", "ii", id, id) < 0 ? -1 : 0;
}

/* The outbox messages of work order id (SMS and e-mail, automatic and by hand) as
 * Messages.N, oldest first.  0 or -1. */
static int detail_messages(struct req *r, long long id)
{
	hset_int(r, "Perm.message_view", 1);
	return db_query_hdf(r, "Messages", "SELECT o.id, o.channel, o.recipient, o.event,"
			    " o.subject, o.body, o.segments, o.status, o.attempts, o.last_error,"
			    " o.created_at, o.sent_at, o.dlr_at, s.name AS sender FROM outbox o"
			    " LEFT JOIN staff s ON s.id = o.created_by WHERE o.ticket_id = ?"
			    " ORDER BY o.id", "i", id) < 0 ? -1 : 0;
}

/* Actions.N.to: the steps from the current status this user may take; loads what the
 * dispatch form needs when dispatching is one of them.  0 or -1. */
static int detail_actions(struct req *r)
{
	const char *status = hdf_get_value(r->hdf, "Ticket.status", "");
	long long assignee = hdf_get_int_value(r->hdf, "Ticket.assignee_id", 0);
	long long department = hdf_get_int_value(r->hdf, "Ticket.department_id", 0);
	const char *const *to = ticket_edges_from(status);
	int n = 0, dispatch = 0;

	for (; *to; to++) {
		if (!ticket_may(&r->user, status, assignee, department, *to))
			continue;
		hset_row(r, "Actions", n++, "to", *to);
		dispatch |= !strcmp(*to, TS_DISPATCHED);
	}
	if (dispatch && (desk_departments(r, "Departments") < 0 || desk_staff(r, "Assignees") < 0))
		return -1;
	return 0;
}

/* The edit form's values, unless the caller kept posted ones. */
static void detail_form(struct req *r)
{
	char appt[32] = "";

	/* datetime-local inputs want "YYYY-MM-DDTHH:MM". */
	snprintf(appt, sizeof(appt), "%s", hdf_get_value(r->hdf, "Ticket.appointment_at", ""));
	if (appt[10] == ' ')
		appt[10] = 'T';
	if (!hdf_get_value(r->hdf, "Form.title", NULL)) {
		hset(r, "Form.title", hdf_get_value(r->hdf, "Ticket.title", ""));
		hset(r, "Form.description", hdf_get_value(r->hdf, "Ticket.description", ""));
		hset(r, "Form.priority", hdf_get_value(r->hdf, "Ticket.priority", ""));
		hset(r, "Form.emergency", hdf_get_value(r->hdf, "Ticket.emergency", "0"));
		hset(r, "Form.appointment_at", appt);
	}
	desk_set_default(r, "Form.version", hdf_get_value(r->hdf, "Ticket.version", ""));
}

int desk_ticket_show(struct req *r, long long id)
{
	int found;

	if (!ticket_may_view(&r->user, id))
		return req_fail(r, 404, "err.not_found_object");
	found = detail_header(r, id);
	if (found <= 0)
		return found < 0 ? req_fail(r, 500, "err.db") : req_fail(r, 404, "err.not_found_object");
	if (detail_lists(r, id) || detail_actions(r) ||
	    db_query_hdf(r, "Canned", "SELECT id, title FROM canned_reply WHERE active = 1"
			 " ORDER BY sort, id", "") < 0)
		return req_fail(r, 500, "err.db");
	detail_form(r);
	hset_int(r, "Perm.edit", req_can(r, "ticket.edit"));
	hset_int(r, "Perm.crm", req_can(r, "crm.view"));
	hset_int(r, "Perm.message_send", req_can(r, "message.send"));
	if (req_can(r, "message.view") && detail_messages(r, id))
		return req_fail(r, 500, "err.db");
	hsetf(r, "Page.Title", "%s %s", tr(r, "desk.ticket.title"),
	      hdf_get_value(r->hdf, "Ticket.number", ""));
	r->template = "desk/detail.cs";
	return 0;
}

int page_ticket(struct req *r)
{
	return desk_ticket_show(r, r->args[0]);
}
