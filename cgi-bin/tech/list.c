/* list.c — my work orders: the ones assigned to me, then my team's unassigned ones. */
#include "db.h"
#include "tech.h"

/* Cards show at most this many orders per section; the oldest wait below. */
#define TECH_LIST_MAX 100

/* What a card shows; the order: emergencies, then priority, then the earliest appointment. */
#define TECH_LIST_SELECT \
	"SELECT t.id, t.number, t.title, t.status, t.priority, t.emergency," \
	" tt.name AS type_name, st.name AS subtype_name, c.name AS community," \
	" b.name AS building, u.name AS unit, h.room, t.address, t.appointment_at," \
	" t.resume_at, (t.resolve_due_at < UTC_TIMESTAMP() OR (t.first_response_at IS NULL" \
	"  AND t.response_due_at < UTC_TIMESTAMP())) AS overdue" \
	" FROM ticket t JOIN ticket_type tt ON tt.id = t.type_id" \
	" LEFT JOIN ticket_type st ON st.id = t.subtype_id" \
	" LEFT JOIN household h ON h.id = t.household_id" \
	" LEFT JOIN unit u ON u.id = h.unit_id" \
	" LEFT JOIN building b ON b.id = u.building_id" \
	" LEFT JOIN community c ON c.id = b.community_id"
/* The statuses a technician still has work in (new and reopened wait for dispatch). */
#define TECH_OPEN \
	" t.status IN ('dispatched', 'accepted', 'en_route', 'on_site', 'pending')"
#define TECH_ORDER \
	" ORDER BY t.emergency DESC, t.priority DESC, t.appointment_at IS NULL," \
	" t.appointment_at, t.id LIMIT ?"

int page_tech_list(struct req *r)
{
	int mine, team = 0;

	mine = db_query_hdf(r, "Mine", TECH_LIST_SELECT " WHERE t.assignee_id = ? AND"
			    TECH_OPEN TECH_ORDER, "ii", r->user.id,
			    (long long)TECH_LIST_MAX);
	if (mine >= 0 && r->user.department_id)
		team = db_query_hdf(r, "Team", TECH_LIST_SELECT " WHERE t.department_id = ?"
				    " AND t.assignee_id IS NULL AND" TECH_OPEN TECH_ORDER, "ii",
				    r->user.department_id, (long long)TECH_LIST_MAX);
	if (mine < 0 || team < 0)
		return req_fail(r, 500, "err.db");
	hset_int(r, "List.MineCount", mine);
	hset_int(r, "List.TeamCount", team);
	hset_int(r, "List.Max", TECH_LIST_MAX);
	if (r->user.department[0])
		hset(r, "List.Department", r->user.department);
	hset(r, "Page.Title", tr(r, "tech.title"));
	r->template = "tech/list.cs";
	return 0;
}
