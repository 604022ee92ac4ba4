/* ticket.c — one work order on the phone: where to go, whom to call, what happened so far,
 * what was done at that household before, and the actions the technician may take now. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "tech.h"
#include "ticket.h"

/* Previous work orders shown for the household. */
#define TECH_HISTORY_MAX 5

/* The targets the mobile pages offer; anything else (dispatch, cancel, close) is the
 * desk's.  ticket_may decides which of them the user may take now. */
static const char *const tech_targets[] = { TS_ACCEPTED, TT_DECLINE, TS_EN_ROUTE, TS_ON_SITE,
					    TS_RESOLVED, TS_PENDING, TT_RESUME, NULL };

int tech_target_ok(const char *to)
{
	for (const char *const *t = tech_targets; to && *t; t++)
		if (!strcmp(*t, to))
			return 1;
	return 0;
}

/* The work order itself into Ticket.*; 1, 0 when absent, -1 on error. */
static int ticket_load(struct req *r, long long id)
{
	return db_row_hdf(r, "Ticket",
		"SELECT t.id, t.number, t.title, t.description, t.status, t.priority, t.emergency,"
		" t.version, tt.name AS type_name, st.name AS subtype_name, c.name AS community,"
		" b.name AS building, u.name AS unit, h.room, t.address, t.household_id,"
		" t.resident_id, t.assignee_id, t.department_id,"
		" COALESCE(t.contact_name, rs.name) AS contact_name, t.contact_phone,"
		" rs.name AS resident_name, d.name AS department_name, a.name AS assignee_name,"
		" t.appointment_at, t.response_due_at, t.resolve_due_at, t.created_at,"
		" t.resolved_at, t.pending_reason, t.resume_at,"
		" (t.status IN " TICKET_OPEN_SQL " AND (t.resolve_due_at < UTC_TIMESTAMP()"
		"  OR (t.first_response_at IS NULL AND t.response_due_at < UTC_TIMESTAMP())))"
		" AS overdue"
		" FROM ticket t JOIN ticket_type tt ON tt.id = t.type_id"
		" LEFT JOIN ticket_type st ON st.id = t.subtype_id"
		" LEFT JOIN household h ON h.id = t.household_id"
		" LEFT JOIN unit u ON u.id = h.unit_id"
		" LEFT JOIN building b ON b.id = u.building_id"
		" LEFT JOIN community c ON c.id = b.community_id"
		" LEFT JOIN resident rs ON rs.id = t.resident_id"
		" LEFT JOIN department d ON d.id = t.department_id"
		" LEFT JOIN staff a ON a.id = t.assignee_id"
		" WHERE t.id = ?", "i", id);
}

/* The resident's other numbers (the contact phone is shown first, on its own). */
static int ticket_phones(struct req *r)
{
	long long resident = hdf_get_int_value(r->hdf, "Ticket.resident_id", 0);

	if (!resident)
		return 0;
	return db_query_hdf(r, "Phones", "SELECT phone FROM resident_phone WHERE resident_id = ?"
			    " AND phone <> ? ORDER BY is_primary DESC, id LIMIT 4", "is", resident,
			    hdf_get_value(r->hdf, "Ticket.contact_phone", ""));
}

/* The whole timeline, public steps and internal notes, oldest first. */
static int ticket_events(struct req *r, long long id)
{
	return db_query_hdf(r, "Events", "SELECT e.id, e.at AS event_at, e.kind, e.from_status,"
			    " e.to_status, e.public, e.body, s.name AS staff_name,"
			    " d.name AS department_name, a.name AS assignee_name"
			    " FROM ticket_event e LEFT JOIN staff s ON s.id = e.staff_id"
			    " LEFT JOIN department d ON d.id = e.department_id"
			    " LEFT JOIN staff a ON a.id = e.assignee_id"
			    " WHERE e.ticket_id = ? ORDER BY e.id", "i", id);
}

/* Parts used and files attached. */
static int ticket_parts_files(struct req *r, long long id)
{
	if (db_query_hdf(r, "Parts", "SELECT p.name, TRIM(TRAILING '.' FROM TRIM(TRAILING '0'"
			 " FROM p.quantity)) AS quantity, p.unit, s.name AS staff_name"
			 " FROM ticket_part p LEFT JOIN staff s ON s.id = p.staff_id"
			 " WHERE p.ticket_id = ? ORDER BY p.id", "i", id) < 0)
		return -1;
	return db_query_hdf(r, "Files", "SELECT id, filename, mime, size, created_at,"
			    " mime IN ('image/jpeg', 'image/png', 'image/gif', 'image/webp')"
			    " AS is_image FROM attachment WHERE ticket_id = ? ORDER BY id", "i", id);
}

/* The last work orders at the same household; links only to those the user may open. */
static int ticket_history(struct req *r, long long id)
{
	long long household = hdf_get_int_value(r->hdf, "Ticket.household_id", 0);
	int n;

	if (!household)
		return 0;
	n = db_query_hdf(r, "History", "SELECT t.id, t.number, t.title, t.status, t.created_at,"
			 " tt.name AS type_name FROM ticket t JOIN ticket_type tt ON tt.id ="
			 " t.type_id WHERE t.household_id = ? AND t.id <> ?"
			 " ORDER BY t.created_at DESC, t.id DESC LIMIT ?", "iii", household, id,
			 (long long)TECH_HISTORY_MAX);
	for (int i = 0; i < n; i++) {
		char name[64];

		snprintf(name, sizeof(name), "History.%d.id", i);
		if (ticket_may_view(&r->user, hdf_get_int_value(r->hdf, name, 0))) {
			snprintf(name, sizeof(name), "History.%d.may_view", i);
			hset(r, name, "1");
		}
	}
	return n;
}

/* Actions.<target> = 1 for each step the user may take from the current status. */
static void ticket_actions(struct req *r)
{
	const char *status = hdf_get_value(r->hdf, "Ticket.status", "");
	long long assignee = hdf_get_int_value(r->hdf, "Ticket.assignee_id", 0);
	long long department = hdf_get_int_value(r->hdf, "Ticket.department_id", 0);

	for (const char *const *to = tech_targets; *to; to++) {
		char name[64];

		if (!ticket_may(&r->user, status, assignee, department, *to))
			continue;
		/* Declining hands back what was given to me; a team order is simply left. */
		if (!strcmp(*to, TT_DECLINE) && assignee != r->user.id)
			continue;
		snprintf(name, sizeof(name), "Actions.%s", *to);
		hset(r, name, "1");
		hset(r, "Actions.any", "1");
	}
}

int tech_ticket_show(struct req *r, long long id)
{
	int found;

	if (!ticket_may_view(&r->user, id))
		return tech_not_found(r);
	found = ticket_load(r, id);
	if (found == 0)
		return tech_not_found(r);
	if (found < 0 || ticket_phones(r) < 0 || ticket_events(r, id) < 0 ||
	    ticket_parts_files(r, id) < 0 || ticket_history(r, id) < 0)
		return req_fail(r, 500, "err.db");
	ticket_actions(r);
	hset_int(r, "Limits.Photos", TECH_MAX_PHOTOS);
	for (int i = 0; i < TECH_PART_ROWS; i++) {
		char name[32];

		snprintf(name, sizeof(name), "PartRows.%d", i);
		hset_int(r, name, i);
	}
	hset(r, "Page.Title", hdf_get_value(r->hdf, "Ticket.number", ""));
	r->template = "tech/ticket.cs";
	return 0;
}

int page_tech_ticket(struct req *r)
{
	return tech_ticket_show(r, r->args[0]);
}
