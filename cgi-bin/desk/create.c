/* create.c — a new work order: the form (pre-filled from the screen pop) and its POST. */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "desk.h"
#include "ticket.h"

/* The active top-level types as prefix.N.{id,code,name,priority,department_id}. */
static int create_types(struct req *r, const char *prefix)
{
	return db_query_hdf(r, prefix, "SELECT id, code, name, priority, department_id"
			    " FROM ticket_type WHERE parent_id IS NULL AND active = 1"
			    " ORDER BY sort, id", "");
}

/* Every common problem of the active types as Problems.N.text (suggestions for the title). */
static int create_problems(struct req *r)
{
	struct stmt *st = db_query("SELECT common_problems FROM ticket_type WHERE active = 1"
				   " AND common_problems <> '' ORDER BY sort, id", "");
	char line[1001], *save = NULL;
	int n = 0;

	if (!st)
		return -1;
	while (db_next(st) == 1) {
		snprintf(line, sizeof(line), "%s", db_text(st, 0));
		for (char *t = strtok_r(line, "\r\n", &save); t; t = strtok_r(NULL, "\r\n", &save))
			hset_row(r, "Problems", n++, "text", t);
	}
	db_done(st);
	return 0;
}

/* The resident the work order is for (Form.resident_id): name and households. */
static int create_resident(struct req *r)
{
	long long id = hdf_get_int_value(r->hdf, "Form.resident_id", 0);
	int found;

	if (!id)
		return 0;
	found = db_row_hdf(r, "Resident", "SELECT id, name FROM resident WHERE id = ?"
			     " AND merged_into_id IS NULL", "i", id);
	if (found <= 0)
		return found;
	return db_query_hdf(r, "ResidentHouseholds", "SELECT h.id, rh.relation,"
			    " CONCAT_WS(' ', c.name, b.name, u.name, h.room) AS location"
			    " FROM resident_household rh JOIN household h ON h.id = rh.household_id"
			    " JOIN unit u ON u.id = h.unit_id JOIN building b ON b.id = u.building_id"
			    " JOIN community c ON c.id = b.community_id WHERE rh.resident_id = ?"
			    " ORDER BY c.name, b.sort, u.sort, h.room", "i", id) < 0 ? -1 : 0;
}

/* The form with Form.* as set by the caller. */
static int create_form(struct req *r)
{
	if (create_types(r, "Types") < 0 ||
	    db_query_hdf(r, "Subtypes", "SELECT s.id, s.name, s.parent_id FROM ticket_type s"
			 " JOIN ticket_type p ON p.id = s.parent_id WHERE s.active = 1"
			 " ORDER BY s.sort, s.id", "") < 0 ||
	    create_problems(r) || desk_departments(r, "Departments") < 0 ||
	    db_query_hdf(r, "Communities", "SELECT id, name FROM community ORDER BY name",
			 "") < 0 || create_resident(r) < 0)
		return req_fail(r, 500, "err.db");
	hset(r, "Page.Title", tr(r, "desk.new.title"));
	r->template = "desk/new.cs";
	return 0;
}

int page_ticket_new(struct req *r)
{
	const char *phone = req_query(r, "phone");
	long long resident = desk_query_id(r, "resident");

	if (resident)
		hset_int(r, "Form.resident_id", resident);
	if (desk_query_id(r, "household"))
		hset_int(r, "Form.household_id", desk_query_id(r, "household"));
	if (desk_query_id(r, "call"))
		hset_int(r, "Form.call_id", desk_query_id(r, "call"));
	hset(r, "Form.contact_phone", phone && strlen(phone) <= 32 ? phone : "");
	hset(r, "Form.channel", phone && *phone ? "phone" : "staff");
	if (resident && db_row_hdf(r, "Form", "SELECT name AS contact_name FROM resident"
				     " WHERE id = ?", "i", resident) < 0)
		return req_fail(r, 500, "err.db");
	return create_form(r);
}

/* The household typed as community + building + unit + room; 0 when not given. */
static long long create_household(struct req *r)
{
	long long community = desk_form_int(r, "community_id", 0, 0, 4294967295LL);
	const char *building = req_field(r, "building"), *unit = req_field(r, "unit");
	const char *room = req_field(r, "room");
	long long id;

	if (!*room && !*building && !*unit)
		return 0;
	id = db_int_query(0, "SELECT h.id FROM household h JOIN unit u ON u.id = h.unit_id"
			  " JOIN building b ON b.id = u.building_id WHERE b.community_id = ?"
			  " AND b.name = ? AND u.name = ? AND h.room = ?", "isss", community,
			  building, unit, room);
	if (!id)
		form_error(r, "room", "desk.new.err_household");
	return id;
}

/* Reads the posted form into t (strings point into the request). */
static void create_read(struct req *r, struct ticket_new *t)
{
	const char *channel = req_field(r, "channel");

	form_keep(r, "type_id", "subtype_id", "priority", "title", "description",
		       "household_id", "community_id", "building", "unit", "room", "address",
		       "contact_name", "contact_phone", "department_id", "appointment_at",
		       "resident_id", "call_id", "channel", NULL);
	t->type_id = desk_form_int(r, "type_id", 0, 0, 4294967295LL);
	t->subtype_id = desk_form_int(r, "subtype_id", 0, 0, 4294967295LL);
	t->priority = (int)desk_form_int(r, "priority", 0, 0, 4);
	t->emergency = *req_field(r, "emergency") != '\0';
	hset(r, "Form.emergency", t->emergency ? "1" : "0");
	t->title = req_field(r, "title");
	t->description = req_field(r, "description");
	t->channel = !strcmp(channel, "phone") ? "phone" : "staff";
	t->resident_id = desk_form_int(r, "resident_id", 0, 0, 4294967295LL);
	t->household_id = desk_form_int(r, "household_id", 0, 0, 4294967295LL);
	if (!t->household_id)
		t->household_id = create_household(r);
	t->address = req_field(r, "address");
	t->contact_name = req_field(r, "contact_name");
	t->contact_phone = req_field(r, "contact_phone");
	t->department_id = desk_form_int(r, "department_id", 0, 0, 4294967295LL);
	t->appointment_at = req_field(r, "appointment_at");
	t->call_id = desk_form_int(r, "call_id", 0, 0, 1LL << 62);
	if (!t->type_id)
		form_error(r, "type_id", "err.required");
}

int page_ticket_create(struct req *r)
{
	struct org_actor who = desk_actor(r);
	struct org_errors e = { 0 };
	struct ticket_new t;
	char number[TICKET_NUMBER_MAX + 1];
	enum org_result res = ORG_INVALID;
	long long id;
	int status;

	memset(&t, 0, sizeof(t));
	create_read(r, &t);
	if (!form_has_errors(r))
		res = ticket_create(&id, number, &e, &who, &t);
	if (res) {
		status = desk_org_errors(r, res, &e);
		return status ? status : create_form(r);
	}
	req_flash(r, "desk.new.created");
	return desk_redirectf(r, "/tickets/%lld", id);
}
