/* pop.c — the screen pop's statements (pop.h).  Measured on the bench data (1M work
 * orders, 2M calls): a SELECT of one table along an index costs MariaDB about 50 µs, each
 * further joined table about 15 µs, each UNION part as much as a statement.  So the
 * resident's latest work orders and calls are read once and sorted into their kinds here;
 * only a resident with more history than that scan needs a second look further back. */
#include <stdio.h>

#include "db.h"
#include "pop.h"
#include "ticket.h"

/* Where the residents come from: everyone with the number, or one resident by id. */
#define OF_PHONE "resident_phone p JOIN resident r ON r.id = p.resident_id" \
	" AND r.merged_into_id IS NULL"
#define WHERE_PHONE " WHERE p.phone = ?"
#define OF_ID "resident r"
#define WHERE_ID " WHERE r.id = ? AND r.merged_into_id IS NULL"

#define RESIDENTS(of, where) \
	"SELECT 'resident', r.id, r.name, r.gender, r.level, r.category," \
	" r.preferred_channel, r.note, r.version, r.updated_at FROM " of where " LIMIT 20"
_Static_assert(POP_MAX == 20, "the LIMIT above is POP_MAX");

/* Three parts with the union of their columns, each NULL where a part has no value. */
#define DETAILS(of, where) \
	"(SELECT 'phone' AS kind, r.id AS resident_id, x.phone, x.kind AS phone_kind," \
	" x.is_primary, NULL AS code, NULL AS household_id, NULL AS relation," \
	" NULL AS community_id, NULL AS community, NULL AS building, NULL AS unit," \
	" NULL AS room, NULL AS heating_status" \
	" FROM " of " JOIN resident_phone x ON x.resident_id = r.id" where ")" \
	" UNION ALL (SELECT 'tag', r.id, NULL, NULL, NULL, t.tag, NULL, NULL, NULL, NULL," \
	" NULL, NULL, NULL, NULL FROM " of " JOIN resident_tag t ON t.resident_id = r.id" \
	where ")" \
	" UNION ALL (SELECT 'household', r.id, NULL, NULL, NULL, NULL, h.id, rh.relation," \
	" c.id, c.name, b.name, u.name, h.room, h.heating_status" \
	" FROM " of " JOIN resident_household rh ON rh.resident_id = r.id" \
	" JOIN household h ON h.id = rh.household_id JOIN unit u ON u.id = h.unit_id" \
	" JOIN building b ON b.id = u.building_id JOIN community c ON c.id = b.community_id" \
	where ")"

/* Runs a statement's rows through fn, kind from column 0.  0 or -1. */
static int pass_rows(struct stmt *st, pop_row_fn *fn, void *arg)
{
	if (!st)
		return -1;
	while (db_next(st) == 1)
		fn(arg, db_text(st, 0), st);
	db_done(st);
	return 0;
}

int pop_residents(const char *phone, long long id, pop_row_fn *fn, void *arg)
{
	if (phone && *phone)
		return pass_rows(db_query(RESIDENTS(OF_PHONE, WHERE_PHONE), "s", phone), fn, arg);
	return pass_rows(db_query(RESIDENTS(OF_ID, WHERE_ID), "i", id), fn, arg);
}

int pop_details(const char *phone, long long id, pop_row_fn *fn, void *arg)
{
	if (phone && *phone)
		return pass_rows(db_query(DETAILS(OF_PHONE, WHERE_PHONE), "sss", phone, phone,
					  phone), fn, arg);
	return pass_rows(db_query(DETAILS(OF_ID, WHERE_ID), "iii", id, id, id), fn, arg);
}

/* A resident's work orders newest first along k_ticket_resident, cond narrowing them. */
#define TICKETS(cond, limit) \
	"SELECT 0, t.id, t.number, t.status, t.type_id, t.title, t.priority, t.emergency," \
	" t.household_id, t.department_id, t.assignee_id, t.created_by AS created_by_id," \
	" t.satisfaction, t.created_at, t.closed_at, t.resolve_due_at," \
	" t.status IN " TICKET_OPEN_SQL " AS open," \
	" (t.status IN " TICKET_OPEN_SQL " AND t.resolve_due_at < UTC_TIMESTAMP()) AS overdue" \
	" FROM ticket t FORCE INDEX (k_ticket_resident) WHERE t.resident_id = ?" cond \
	" ORDER BY t.created_at DESC, t.id DESC LIMIT " limit
/* Older than the row at (created_at, id). */
#define BEFORE " AND (t.created_at < ? OR (t.created_at = ? AND t.id < ?))"
#define TICKET_SCAN 30
enum { T_SATISFACTION = 12, T_CREATED = 13, T_OPEN = 16 };
_Static_assert(POP_OPEN_MAX == 20 && POP_RECENT_MAX < TICKET_SCAN, "the LIMITs below");

/* Where a scan stopped: the last row's time and id, to continue before it. */
struct mark {
	char at[24];
	long long id;
};

static void mark_row(struct mark *m, const struct stmt *st, int at_col)
{
	const char *at = db_text(st, at_col);

	snprintf(m->at, sizeof(m->at), "%s", at ? at : "");
	m->id = db_int(st, 1);
}

/* Passes rows of st as kind, at most max of them; returns how many, or -1. */
static int pass_as(struct stmt *st, const char *kind, int max, pop_row_fn *fn, void *arg)
{
	int n = 0;

	if (!st)
		return -1;
	while (n < max && db_next(st) == 1) {
		fn(arg, kind, st);
		n++;
	}
	db_done(st);
	return n;
}

int pop_tickets(long long id, pop_row_fn *fn, void *arg)
{
	struct stmt *st = db_query(TICKETS("", "30"), "i", id);
	struct mark m = { "", 0 };
	int n = 0, open = 0, scored = 0;

	_Static_assert(TICKET_SCAN == 30, "the LIMIT above");
	if (!st)
		return -1;
	while (db_next(st) == 1) {
		if (n < POP_RECENT_MAX)
			fn(arg, "recent", st);
		if (db_int(st, T_OPEN) && open < POP_OPEN_MAX) {
			fn(arg, "open", st);
			open++;
		}
		if (!scored && db_text(st, T_SATISFACTION)) {
			fn(arg, "scored", st);
			scored = 1;
		}
		mark_row(&m, st, T_CREATED);
		n++;
	}
	db_done(st);
	if (n < TICKET_SCAN)
		return 0;
	/* A long history: open work and the last score may lie further back. */
	if (open < POP_OPEN_MAX &&
	    pass_as(db_query(TICKETS(" AND t.status IN " TICKET_OPEN_SQL BEFORE, "20"), "issi",
			     id, m.at, m.at, m.id), "open", POP_OPEN_MAX - open, fn, arg) < 0)
		return -1;
	if (!scored &&
	    pass_as(db_query(TICKETS(" AND t.satisfaction IS NOT NULL" BEFORE, "1"), "issi", id,
			     m.at, m.at, m.id), "scored", 1, fn, arg) < 0)
		return -1;
	return 0;
}

#define CALL_COLS \
	" c.id, c.direction, c.caller, c.callee, c.queue, c.started_at, c.answered_at," \
	" c.ended_at, c.disposition, c.rating, c.ticket_id, c.agent_id FROM `call` c"
#define CALL_SCAN 20
enum { C_RATING = 10 };
_Static_assert(POP_CALLS_MAX == 10 && POP_CALLS_MAX < CALL_SCAN, "the LIMITs below");

int pop_calls(long long id, const char *phone, pop_row_fn *fn, void *arg)
{
	struct stmt *st = db_query(
		"(SELECT 'resident' AS kind," CALL_COLS " FORCE INDEX (k_call_resident)"
		" WHERE c.resident_id = ? ORDER BY c.started_at DESC, c.id DESC LIMIT 20)"
		" UNION ALL (SELECT 'number'," CALL_COLS " FORCE INDEX (k_call_caller)"
		" WHERE ? <> '' AND c.caller = ? ORDER BY c.started_at DESC, c.id DESC LIMIT 10)",
		"iss", id, phone ? phone : "", phone ? phone : "");
	struct mark m = { "", 0 };
	int n = 0, rated = 0;

	_Static_assert(CALL_SCAN == 20, "the LIMIT above");
	if (!st)
		return -1;
	while (db_next(st) == 1) {
		if (db_text(st, 0)[0] == 'n') {
			fn(arg, "number", st);
			continue;
		}
		if (n < POP_CALLS_MAX)
			fn(arg, "resident", st);
		if (!rated && db_text(st, C_RATING)) {
			fn(arg, "rated", st);
			rated = 1;
		}
		mark_row(&m, st, POP_C_STARTED);
		n++;
	}
	db_done(st);
	if (n < CALL_SCAN || rated)
		return 0;
	return pass_as(db_query("SELECT 0," CALL_COLS " FORCE INDEX (k_call_resident)"
				" WHERE c.resident_id = ? AND c.rating IS NOT NULL AND"
				" (c.started_at < ? OR (c.started_at = ? AND c.id < ?))"
				" ORDER BY c.started_at DESC, c.id DESC LIMIT 1", "issi", id, m.at,
				m.at, m.id), "rated", 1, fn, arg) < 0 ? -1 : 0;
}
