/* pop.c — the screen pop (来电弹屏): who is calling, what they have open, how they were
 * served; a quick-create form for unknown callers.  A handful of indexed queries. */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "desk.h"
#include "resident.h"

#define POP_MAX 20
/* Separates the tags GROUP_CONCAT joins (a byte no label contains). */
#define POP_SEP "\036"

/* Splits the row's prefix.tags ("code=label" joined by POP_SEP) into
 * prefix.Tags.M.{code,label}, for badges. */
static void pop_split_tags(struct req *r, const char *prefix)
{
	char name[160], v[2048], *save = NULL;
	int m = 0;

	snprintf(name, sizeof(name), "%s.tags", prefix);
	snprintf(v, sizeof(v), "%s", hdf_get_value(r->hdf, name, ""));
	for (char *t = strtok_r(v, POP_SEP, &save); t; t = strtok_r(NULL, POP_SEP, &save)) {
		char *eq = strchr(t, '=');

		if (!eq)
			continue;
		*eq = '\0';
		snprintf(name, sizeof(name), "%s.Tags.%d.code", prefix, m);
		hset(r, name, t);
		snprintf(name, sizeof(name), "%s.Tags.%d.label", prefix, m++);
		hset(r, name, eq + 1);
	}
}

/* The residents sharing the number, to choose from. */
static int pop_choices(struct req *r, const char *phone)
{
	char prefix[32];
	int n = db_query_hdf(r, "Choices",
		"SELECT r.id, r.name, COALESCE(lv.label, r.level) AS level_label, r.level,"
		" (SELECT GROUP_CONCAT(CONCAT_WS(' ', c.name, b.name, u.name, h.room)"
		"  SEPARATOR '；') FROM resident_household rh JOIN household h ON h.id ="
		"  rh.household_id JOIN unit u ON u.id = h.unit_id JOIN building b ON b.id ="
		"  u.building_id JOIN community c ON c.id = b.community_id"
		"  WHERE rh.resident_id = r.id) AS households,"
		" (SELECT GROUP_CONCAT(CONCAT(t.tag, '=', COALESCE(di.label, t.tag)) ORDER BY"
		"  di.sort SEPARATOR '" POP_SEP "') FROM resident_tag t LEFT JOIN dictionary d ON"
		"  d.code = 'customer_tag' LEFT JOIN dictionary_item di ON di.dictionary_id = d.id"
		"  AND di.code = t.tag WHERE t.resident_id = r.id) AS tags"
		" FROM resident r LEFT JOIN dictionary dl ON dl.code = 'customer_level'"
		" LEFT JOIN dictionary_item lv ON lv.dictionary_id = dl.id AND lv.code = r.level"
		" WHERE r.merged_into_id IS NULL AND r.id IN (SELECT p.resident_id FROM"
		" resident_phone p WHERE p.phone = ?) ORDER BY r.updated_at DESC, r.id DESC LIMIT 20",
		"s", phone);

	if (n < 0)
		return req_fail(r, 500, "err.db");
	for (int i = 0; i < n; i++) {
		snprintf(prefix, sizeof(prefix), "Choices.%d", i);
		pop_split_tags(r, prefix);
	}
	return 0;
}

/* The resident's own row: name, level, category, tags, phones.  1, 0 or -1. */
static int pop_resident(struct req *r, long long id)
{
	int found = db_row_hdf(r, "Resident",
		"SELECT r.id, r.name, r.gender, r.level, r.note, r.preferred_channel,"
		" COALESCE(lv.label, r.level) AS level_label, COALESCE(ca.label, r.category)"
		" AS category_label,"
		" (SELECT GROUP_CONCAT(CONCAT(t.tag, '=', COALESCE(di.label, t.tag)) ORDER BY"
		"  di.sort SEPARATOR '" POP_SEP "') FROM resident_tag t LEFT JOIN dictionary d ON"
		"  d.code = 'customer_tag' LEFT JOIN dictionary_item di ON di.dictionary_id = d.id"
		"  AND di.code = t.tag WHERE t.resident_id = r.id) AS tags,"
		" (SELECT GROUP_CONCAT(p.phone ORDER BY p.is_primary DESC, p.id SEPARATOR ' ')"
		"  FROM resident_phone p WHERE p.resident_id = r.id) AS phones"
		" FROM resident r LEFT JOIN dictionary dl ON dl.code = 'customer_level'"
		" LEFT JOIN dictionary_item lv ON lv.dictionary_id = dl.id AND lv.code = r.level"
		" LEFT JOIN dictionary dc ON dc.code = 'customer_category'"
		" LEFT JOIN dictionary_item ca ON ca.dictionary_id = dc.id AND ca.code = r.category"
		" WHERE r.id = ? AND r.merged_into_id IS NULL", "i", id);

	if (found == 1)
		pop_split_tags(r, "Resident");
	return found;
}

/* Households, open and recent work orders of resident id.  0 or -1. */
static int pop_tickets(struct req *r, long long id)
{
	if (db_query_hdf(r, "Households", "SELECT h.id, rh.relation, c.name AS community,"
			 " b.name AS building, u.name AS unit, h.room, h.heating_status"
			 " FROM resident_household rh JOIN household h ON h.id = rh.household_id"
			 " JOIN unit u ON u.id = h.unit_id JOIN building b ON b.id = u.building_id"
			 " JOIN community c ON c.id = b.community_id WHERE rh.resident_id = ?"
			 " ORDER BY c.name, b.sort, b.name, u.sort, u.name, h.room", "i", id) < 0)
		return -1;
	if (db_query_hdf(r, "Open", "SELECT t.id, t.number, t.status, t.title, t.emergency,"
			 " t.created_at, t.resolve_due_at, t.resolve_due_at < UTC_TIMESTAMP()"
			 " AS overdue FROM ticket t WHERE t.resident_id = ? AND t.status IN "
			 DESK_OPEN_SQL " ORDER BY t.created_at DESC LIMIT 20", "i", id) < 0)
		return -1;
	return db_query_hdf(r, "Recent", "SELECT t.id, t.number, t.status, t.title,"
			    " ty.name AS type, t.created_at, t.satisfaction, s.name AS created_by"
			    " FROM ticket t JOIN ticket_type ty ON ty.id = t.type_id"
			    " LEFT JOIN staff s ON s.id = t.created_by WHERE t.resident_id = ?"
			    " ORDER BY t.created_at DESC LIMIT 10", "i", id) < 0 ? -1 : 0;
}

/* The call trail (by resident or by the calling number) and the last scores.  0 or -1. */
static int pop_calls(struct req *r, long long id, const char *phone)
{
	if (db_query_hdf(r, "Calls", "SELECT x.id, x.direction, x.caller, x.started_at,"
			 " x.disposition, x.rating, x.ticket_id, s.name AS agent FROM ("
			 " (SELECT * FROM `call` WHERE resident_id = ? ORDER BY started_at DESC"
			 "  LIMIT 10) UNION"
			 " (SELECT * FROM `call` WHERE ? <> '' AND caller = ? ORDER BY started_at"
			 "  DESC LIMIT 10)) x LEFT JOIN staff s ON s.id = x.agent_id"
			 " ORDER BY x.started_at DESC, x.id DESC LIMIT 10", "iss", id, phone,
			 phone) < 0)
		return -1;
	if (db_row_hdf(r, "Score.Ticket", "SELECT id, number, satisfaction, closed_at"
			 " FROM ticket WHERE resident_id = ? AND satisfaction IS NOT NULL"
			 " ORDER BY created_at DESC LIMIT 1", "i", id) < 0)
		return -1;
	return db_row_hdf(r, "Score.Call", "SELECT rating, started_at FROM `call`"
			    " WHERE resident_id = ? AND rating IS NOT NULL"
			    " ORDER BY started_at DESC LIMIT 1", "i", id) < 0 ? -1 : 0;
}

/* Who served the resident last: the agent of the latest call or the creator of the
 * latest work order, whichever came later. */
static void pop_last_agent(struct req *r)
{
	const char *call_at = hdf_get_value(r->hdf, "Calls.0.started_at", "");
	const char *agent = hdf_get_value(r->hdf, "Calls.0.agent", "");
	const char *ticket_at = hdf_get_value(r->hdf, "Recent.0.created_at", "");
	const char *creator = hdf_get_value(r->hdf, "Recent.0.created_by", "");

	if (*agent && strcmp(call_at, ticket_at) >= 0) {
		hset(r, "LastAgent.name", agent);
		hset(r, "LastAgent.at", call_at);
		hset(r, "LastAgent.via", "call");
	} else if (*creator) {
		hset(r, "LastAgent.name", creator);
		hset(r, "LastAgent.at", ticket_at);
		hset(r, "LastAgent.via", "ticket");
	}
}

/* The whole pop for resident id, reached by number phone ("" when opened by id). */
static int pop_show(struct req *r, long long id, const char *phone)
{
	struct buf url;
	int found = pop_resident(r, id);

	if (found <= 0)
		return found < 0 ? req_fail(r, 500, "err.db") : req_fail(r, 404, "err.not_found_object");
	if (pop_tickets(r, id) || pop_calls(r, id, phone))
		return req_fail(r, 500, "err.db");
	pop_last_agent(r);
	hset_int(r, "Perm.crm", req_can(r, "crm.view"));
	buf_init(&url);
	buf_printf(&url, "/tickets/new?resident=%lld", id);
	url_param(&url, "phone", phone);
	hset(r, "Pop.NewHref", url.data);
	buf_free(&url);
	hset(r, "Page.Title", hdf_get_value(r->hdf, "Resident.name", ""));
	return 0;
}

/* Validates the typed number into phone (PHONE_MAX + 1); a field error when implausible. */
static int pop_phone(struct req *r, char *phone, const char *in)
{
	if (phone_normalize(phone, in, NULL)) {
		form_error(r, "phone", "err.phone_invalid");
		r->status = 422;
		return -1;
	}
	hset(r, "Pop.Phone", phone);
	return 0;
}

int page_pop(struct req *r)
{
	const char *in = req_query(r, "phone");
	long long ids[POP_MAX], chosen = desk_query_id(r, "resident");
	char phone[PHONE_MAX + 1];
	int n;

	hset(r, "Page.Title", tr(r, "desk.pop.title"));
	r->template = "desk/pop.cs";
	if (!in || !*in)
		return chosen ? pop_show(r, chosen, "") : 0;
	hset(r, "Pop.Query", in);
	if (strlen(in) > 64 || pop_phone(r, phone, in))
		return 0;
	if ((n = resident_find_by_phone(ids, POP_MAX, phone)) < 0)
		return req_fail(r, 500, "err.db");
	for (int i = 0; i < n && chosen; i++)
		if (ids[i] == chosen)
			return pop_show(r, chosen, phone);
	if (n == 1)
		return pop_show(r, ids[0], phone);
	if (n > 1)
		return pop_choices(r, phone);
	hset(r, "Pop.Unknown", "1");
	hset(r, "Form.phone", phone);
	return 0;
}

int page_pop_resident(struct req *r)
{
	struct org_actor who = desk_actor(r);
	struct org_errors e = { 0 };
	struct resident_input in;
	char phone[PHONE_MAX + 1];
	enum org_result res;
	long long id;
	int status;

	memset(&in, 0, sizeof(in));
	form_keep(r, "name", "phone", "note", NULL);
	hset(r, "Page.Title", tr(r, "desk.pop.title"));
	r->template = "desk/pop.cs";
	hset(r, "Pop.Unknown", "1");
	hset(r, "Pop.Query", req_field(r, "phone"));
	if (pop_phone(r, phone, req_field(r, "phone")))
		return 0;
	in.name = req_field(r, "name");
	in.note = req_field(r, "note");
	in.phones[0] = phone;
	in.nphones = 1;
	res = resident_create(&id, &e, &who, &in);
	if (res) {
		status = desk_org_errors(r, res, &e);
		return status;
	}
	req_flash(r, "desk.pop.created");
	return desk_redirectf(r, "/pop?phone=%s&resident=%lld", phone, id);
}
