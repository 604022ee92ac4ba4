/* pop.c — the screen pop as JSON: who is calling, and what is going on with them. */
#include <string.h>

#include "api.h"
#include "db.h"
#include "resident.h"

#define POP_MAX_RESIDENTS 10
#define POP_RECENT 10
#define OPEN_STATUSES "('new', 'dispatched', 'accepted', 'en_route', 'on_site', 'pending'," \
	" 'reopened')"

/* The tags of a "code US label RS code US label ..." list (ASCII unit and record
 * separators, which neither codes nor labels contain) as [{code, label}]. */
static json_t *tags_split(const char *p)
{
	json_t *tags = json_array();

	while (p && *p) {
		size_t n = strcspn(p, "\x1e"), c = strcspn(p, "\x1f");
		int labelled = c < n;	/* else the code stands for its label */

		json_array_append_new(tags, json_pack("{s:s%,s:s%}", "code", p, labelled ? c : n,
						      "label", labelled ? p + c + 1 : p,
						      labelled ? n - c - 1 : n));
		p += n + (p[n] != '\0');
	}
	return tags;
}

/* The resident's own fields with labels, phones and tags, in one query. */
static json_t *pop_person(long long id)
{
	json_t *o = api_first(db_query_json(
		"SELECT r.id, r.name, r.gender, r.category, (SELECT i.label FROM dictionary_item i"
		" JOIN dictionary d ON d.id = i.dictionary_id WHERE d.code = 'customer_category'"
		" AND i.code = r.category) AS category_label, r.level, (SELECT i.label FROM"
		" dictionary_item i JOIN dictionary d ON d.id = i.dictionary_id WHERE d.code ="
		" 'customer_level' AND i.code = r.level) AS level_label, r.preferred_channel,"
		" r.note, r.version, (SELECT GROUP_CONCAT(p.phone ORDER BY p.is_primary DESC, p.id"
		" SEPARATOR ' ') FROM resident_phone p WHERE p.resident_id = r.id) AS phones,"
		" (SELECT GROUP_CONCAT(CONCAT(t.tag, CHAR(31), COALESCE(i.label, t.tag))"
		" ORDER BY i.sort, t.tag SEPARATOR 0x1e) FROM resident_tag t LEFT JOIN"
		" dictionary_item i ON i.code = t.tag AND i.dictionary_id = (SELECT d.id FROM"
		" dictionary d WHERE d.code = 'customer_tag') WHERE t.resident_id = r.id) AS tags"
		" FROM resident r WHERE r.id = ?", "i", id));

	if (!o)
		return NULL;
	api_ints(o, (const char *const[]){ "version", NULL });
	json_object_set_new(o, "phones", api_words(json_string_value(
		json_object_get(o, "phones"))));
	json_object_set_new(o, "tags", tags_split(json_string_value(json_object_get(o, "tags"))));
	return o;
}

static json_t *pop_households(long long id)
{
	return db_query_json(
		"SELECT h.id AS household_id, rh.relation, c.id AS community_id,"
		" c.name AS community, b.name AS building, u.name AS unit, h.room,"
		" h.heating_status FROM resident_household rh"
		" JOIN household h ON h.id = rh.household_id JOIN unit u ON u.id = h.unit_id"
		" JOIN building b ON b.id = u.building_id JOIN community c ON c.id = b.community_id"
		" WHERE rh.resident_id = ? ORDER BY rh.relation <> 'owner', h.id", "i", id);
}

/* The resident's latest work orders (a resident has few: k_ticket_resident). */
static json_t *pop_tickets(struct req *r, long long id)
{
	json_t *items = db_query_json(
		"SELECT t.id, t.number, t.status, t.type_id, tt.name AS type, t.title, t.priority,"
		" t.emergency, t.household_id, t.department_id, d.name AS department,"
		" t.assignee_id, a.name AS assignee, t.created_by AS created_by_id,"
		" s.name AS created_by, t.satisfaction, t.created_at, t.closed_at,"
		" t.resolve_due_at, t.status IN " OPEN_STATUSES " AS open,"
		" (t.status IN " OPEN_STATUSES " AND t.resolve_due_at < UTC_TIMESTAMP()) AS overdue"
		" FROM ticket t JOIN ticket_type tt ON tt.id = t.type_id"
		" LEFT JOIN department d ON d.id = t.department_id"
		" LEFT JOIN staff a ON a.id = t.assignee_id"
		" LEFT JOIN staff s ON s.id = t.created_by"
		" WHERE t.resident_id = ? ORDER BY t.created_at DESC, t.id DESC LIMIT 50", "i", id);
	size_t i;
	json_t *o;

	api_ints_all(items, (const char *const[]){ "priority", "emergency", "satisfaction",
						   "open", "overdue", NULL });
	json_array_foreach(items, i, o) {
		char key[64];
		snprintf(key, sizeof(key), "ticket.status.%s",
			 json_string_value(json_object_get(o, "status")));
		json_object_set_new(o, "status_label", json_string(tr(r, key)));
	}
	return items;
}

#define CALL_ROW \
	"SELECT c.id, c.direction, c.caller, c.callee, c.queue, c.started_at, c.answered_at," \
	" c.ended_at, c.disposition, c.rating, c.ticket_id, c.agent_id, s.name AS agent" \
	" FROM `call` c LEFT JOIN staff s ON s.id = c.agent_id"

static const char *const call_ints[] = { "rating", NULL };

/* The resident's latest calls (the call trail), newest first. */
static json_t *pop_calls(long long id)
{
	json_t *items = db_query_json(CALL_ROW " WHERE c.resident_id = ?"
				      " ORDER BY c.started_at DESC LIMIT 20", "i", id);

	api_ints_all(items, call_ints);
	return items;
}

/* The first n items of arr (a new array). */
static json_t *head(json_t *arr, size_t n)
{
	json_t *out = json_array();

	for (size_t i = 0; i < n && i < json_array_size(arr); i++)
		json_array_append(out, json_array_get(arr, i));
	return out;
}

/* The first item of arr whose member key is not null, or NULL. */
static json_t *first_with(json_t *arr, const char *key)
{
	size_t i;
	json_t *o;

	json_array_foreach(arr, i, o)
		if (!json_is_null(json_object_get(o, key)))
			return o;
	return NULL;
}

/* Last satisfaction scores (follow-up visit of a work order, rating after a call) and
 * the agent who served the resident last (on a call, or creating a work order). */
static void pop_summary(json_t *p, json_t *tickets, json_t *calls)
{
	json_t *t = first_with(tickets, "satisfaction"), *c = first_with(calls, "rating");
	json_t *tc = first_with(tickets, "created_by_id"), *cc = first_with(calls, "agent_id");
	const char *tat = tc ? json_string_value(json_object_get(tc, "created_at")) : NULL;
	const char *cat = cc ? json_string_value(json_object_get(cc, "started_at")) : NULL;

	json_object_set_new(p, "last_satisfaction", json_pack(
		"{s:o,s:o}", "ticket", t ? json_pack("{s:O,s:O,s:O,s:O}", "score",
			json_object_get(t, "satisfaction"), "at", json_object_get(t, "closed_at"),
			"ticket_id", json_object_get(t, "id"), "number",
			json_object_get(t, "number")) : json_null(),
		"call", c ? json_pack("{s:O,s:O,s:O}", "score", json_object_get(c, "rating"),
			"at", json_object_get(c, "started_at"), "call_id",
			json_object_get(c, "id")) : json_null()));
	if (cat && (!tat || strcmp(cat, tat) >= 0))
		json_object_set_new(p, "last_agent", json_pack("{s:O,s:O,s:O,s:s}", "id",
			json_object_get(cc, "agent_id"), "name", json_object_get(cc, "agent"),
			"at", json_object_get(cc, "started_at"), "via", "call"));
	else if (tat)
		json_object_set_new(p, "last_agent", json_pack("{s:O,s:O,s:O,s:s}", "id",
			json_object_get(tc, "created_by_id"), "name",
			json_object_get(tc, "created_by"), "at", json_object_get(tc, "created_at"),
			"via", "ticket"));
	else
		json_object_set_new(p, "last_agent", json_null());
}

/* Everything the pop shows about resident id, or NULL on database trouble. */
static json_t *pop_resident(struct req *r, long long id)
{
	json_t *p = pop_person(id), *households = pop_households(id);
	json_t *tickets = pop_tickets(r, id);
	json_t *calls = pop_calls(id);
	json_t *open = json_array();
	size_t i;
	json_t *o;

	if (!p || !households || !tickets || !calls) {
		json_decref(p);
		p = NULL;
		goto out;
	}
	json_array_foreach(tickets, i, o)
		if (json_integer_value(json_object_get(o, "open")))
			json_array_append(open, o);
	json_object_set(p, "households", households);
	json_object_set(p, "open_tickets", open);
	json_object_set_new(p, "recent_tickets", head(tickets, POP_RECENT));
	json_object_set_new(p, "recent_calls", head(calls, POP_RECENT));
	pop_summary(p, tickets, calls);
out:
	json_decref(households);
	json_decref(tickets);
	json_decref(calls);
	json_decref(open);
	return p;
}

int api_pop(struct req *r)
{
	const char *kind = NULL;
	char phone[PHONE_MAX + 1];
	long long ids[POP_MAX_RESIDENTS];
	json_t *residents, *calls;
	int n;

	if (!req_can(r, "ticket.create") && !req_can(r, "crm.view"))
		return api_fail(r, 403, "forbidden", "api.forbidden");
	if (phone_normalize(phone, req_query(r, "phone"), &kind))
		return api_fail(r, 400, "bad_request", "err.phone_invalid");
	if ((n = resident_find_by_phone(ids, POP_MAX_RESIDENTS, phone)) < 0)
		return api_fail(r, 500, "server_error", "err.db");
	residents = json_array();
	for (int i = 0; i < n; i++) {
		json_t *p = pop_resident(r, ids[i]);
		if (!p) {
			json_decref(residents);
			return api_fail(r, 500, "server_error", "err.db");
		}
		json_array_append_new(residents, p);
	}
	calls = db_query_json(CALL_ROW " WHERE c.caller = ? ORDER BY c.started_at DESC LIMIT 10",
			      "s", phone);
	if (!calls) {
		json_decref(residents);
		return api_fail(r, 500, "server_error", "err.db");
	}
	api_ints_all(calls, call_ints);
	r->json = json_pack("{s:s,s:s,s:o,s:o}", "phone", phone, "kind", kind, "residents",
			    residents, "calls", calls);
	return 0;
}
