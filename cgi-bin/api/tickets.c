/* tickets.c — the API's work orders: list with filters and a keyset cursor, create, read,
 * status transitions, the timeline, comments.  Who may see what is ticket_may_view's:
 * a technician gets 404 for another team's work order, as if it did not exist. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api.h"
#include "db.h"
#include "ticket.h"
#include "util.h"


/* Every join is a LEFT JOIN on a primary key, so the work order stays the first table and
 * a list walks one of its indexes in order, stopping after LIMIT rows. */
#define TICKET_COLUMNS \
	"SELECT t.id, t.number, t.status, t.type_id, tt.name AS type, t.subtype_id," \
	" st.name AS subtype, t.priority, t.emergency, t.title, t.channel, t.resident_id," \
	" t.household_id, t.community_id, t.building_id, t.department_id, d.name AS department," \
	" t.assignee_id, a.name AS assignee, t.version, t.created_at, t.updated_at," \
	" t.response_due_at, t.resolve_due_at," \
	" (t.status IN " TICKET_OPEN_SQL " AND t.resolve_due_at < UTC_TIMESTAMP()) AS overdue"
#define TICKET_JOINS \
	" FROM ticket t LEFT JOIN ticket_type tt ON tt.id = t.type_id" \
	" LEFT JOIN ticket_type st ON st.id = t.subtype_id" \
	" LEFT JOIN department d ON d.id = t.department_id" \
	" LEFT JOIN staff a ON a.id = t.assignee_id"

static const char *const ticket_ints[] = { "priority", "emergency", "version", "satisfaction",
					   "overdue", NULL };

static const char *const statuses[] = { TS_NEW, TS_DISPATCHED, TS_ACCEPTED, TS_EN_ROUTE,
					TS_ON_SITE, TS_RESOLVED, TS_CLOSED, TS_PENDING,
					TS_CANCELLED, TS_REOPENED, NULL };

static int is_status(const char *s)
{
	for (const char *const *p = statuses; *p; p++)
		if (!strcmp(*p, s))
			return 1;
	return 0;
}

/* Adds member key_label with the translation of ticket.status.<member key>, if set. */
static void status_label(struct req *r, json_t *o, const char *key, const char *key_label)
{
	const char *s = json_string_value(json_object_get(o, key));
	char lk[64];

	if (!s)
		return;
	snprintf(lk, sizeof(lk), "ticket.status.%s", s);
	json_object_set_new(o, key_label, json_string(tr(r, lk)));
}

int api_ticket_visible_or_fail(struct req *r, long long id)
{
	if (!req_can(r, "ticket.view") && !req_can(r, "tech.mobile"))
		return api_fail(r, 403, "forbidden", "api.forbidden");
	if (!ticket_may_view(&r->user, id))
		return api_fail(r, 404, "not_found", "api.not_found");
	return 0;
}

/* The targets of the buttons this user has on the work order o. */
static json_t *ticket_actions(struct req *r, json_t *o)
{
	const char *from = json_string_value(json_object_get(o, "status"));
	long long assignee = json_integer_value(json_object_get(o, "assignee_id"));
	long long dept = json_integer_value(json_object_get(o, "department_id"));
	json_t *out = json_array();

	for (const char *const *to = ticket_edges_from(from); *to; to++)
		if (ticket_may(&r->user, from, assignee, dept, *to))
			json_array_append_new(out, json_string(*to));
	return out;
}

/* Answers with work order id in full (status 200 or 201). */
static int ticket_reply(struct req *r, long long id, int status)
{
	json_t *att, *o = db_query_json(TICKET_COLUMNS ", t.description, t.address,"
		" t.contact_name, t.contact_phone, t.appointment_at, t.first_response_at,"
		" t.resolved_at, t.closed_at, t.satisfaction, t.visit_comment, t.pending_from,"
		" t.pending_reason, t.resume_at, t.merged_into_id, t.created_by AS created_by_id,"
		" t.call_id, rs.name AS resident, c.name AS community, b.name AS building,"
		" u.name AS unit, h.room" TICKET_JOINS
		" LEFT JOIN resident rs ON rs.id = t.resident_id"
		" LEFT JOIN household h ON h.id = t.household_id"
		" LEFT JOIN unit u ON u.id = h.unit_id"
		" LEFT JOIN building b ON b.id = u.building_id"
		" LEFT JOIN community c ON c.id = t.community_id WHERE t.id = ?", "i", id);
	int err = api_item_or_fail(r, o);

	if (err)
		return err;
	api_ints(r->json, ticket_ints);
	status_label(r, r->json, "status", "status_label");
	json_object_set_new(r->json, "actions", ticket_actions(r, r->json));
	att = db_query_json("SELECT id, filename, mime, size, uploaded_by AS uploaded_by_id,"
			    " created_at FROM attachment WHERE ticket_id = ? ORDER BY id", "i", id);
	api_ints_all(att, (const char *const[]){ "size", NULL });
	json_object_set_new(r->json, "attachments", att ? att : json_array());
	req_header_add(r, "ETag: \"%lld\"",
		       (long long)json_integer_value(json_object_get(r->json, "version")));
	return status;
}

int api_ticket_one(struct req *r)
{
	int status = api_ticket_visible_or_fail(r, r->args[0]);

	return status ? status : ticket_reply(r, r->args[0], 0);
}

/* ---------------------------------------------------------------------------------------
 * The list */

struct ticket_filter {
	long long single;		/* 1: one status (status), so its index gives the order */
	char status[200];		/* one status, or several comma-separated */
	long long type_id, department_id, assignee_id, community_id, resident_id, overdue;
	char from[20], to[20];		/* UTC bounds of created_at, "" for none */
	long long all;			/* 0: only the technician's own and team's */
	char after_at[20];		/* keyset cursor: the last row's created_at and id */
	long long after_id;
	long long limit, offset;
};

/* A created_from/created_to value as a UTC bound: a local date (its start, or with
 * next_day the start of the day after) or an ISO 8601 UTC time.  0, or -1. */
static int date_bound(char *out, const char *in, int next_day)
{
	struct tm tm;
	const char *end;
	time_t t;

	out[0] = '\0';
	if (!in || !*in)
		return 0;
	memset(&tm, 0, sizeof(tm));
	if ((end = strptime(in, "%Y-%m-%dT%H:%M:%SZ", &tm)) && !*end) {
		t = timegm(&tm);
	} else {
		memset(&tm, 0, sizeof(tm));
		if (!(end = strptime(in, "%Y-%m-%d", &tm)) || *end)
			return -1;
		tm.tm_mday += next_day;
		tm.tm_isdst = -1;
		if ((t = mktime(&tm)) == (time_t)-1)
			return -1;
	}
	gmtime_r(&t, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
	return 0;
}

/* The status filter: known statuses, comma-separated.  0, or -1. */
static int status_filter(struct ticket_filter *f, const char *in)
{
	char copy[200], *save = NULL;
	int n = 0;

	if (!in || !*in)
		return 0;
	if (strlen(in) >= sizeof(copy))
		return -1;
	snprintf(copy, sizeof(copy), "%s", in);
	for (char *s = strtok_r(copy, ",", &save); s; s = strtok_r(NULL, ",", &save), n++)
		if (!is_status(s))
			return -1;
	snprintf(f->status, sizeof(f->status), "%s", in);
	f->single = n == 1;
	return n ? 0 : -1;
}

/* The cursor "YYYYMMDDhhmmss.ID" of a row (as next_cursor) and back. */
static int cursor_parse(struct ticket_filter *f, const char *c)
{
	int y, mo, d, h, mi, s, used = 0;

	if (!c || !*c)
		return 0;
	if (sscanf(c, "%4d%2d%2d%2d%2d%2d.%lld%n", &y, &mo, &d, &h, &mi, &s, &f->after_id,
		   &used) != 7 || c[used] || f->after_id <= 0)
		return -1;
	snprintf(f->after_at, sizeof(f->after_at), "%04d-%02d-%02d %02d:%02d:%02d", y, mo, d,
		 h, mi, s);
	return 0;
}

static json_t *cursor_of(json_t *row)
{
	const char *at = json_string_value(json_object_get(row, "created_at"));
	char digits[20];
	size_t n = 0;

	for (; at && *at && n + 1 < sizeof(digits); at++)
		if (*at >= '0' && *at <= '9')
			digits[n++] = *at;
	digits[n] = '\0';
	return json_sprintf("%s.%lld", digits,
			    (long long)json_integer_value(json_object_get(row, "id")));
}

/* Reads the list's query parameters; 0, or -1 when one is invalid. */
static int filter_read(struct ticket_filter *f, struct req *r)
{
	const char *ov = req_query(r, "overdue");

	memset(f, 0, sizeof(*f));
	f->type_id = req_int(r, "type_id", 0, 1, 1LL << 32);
	f->department_id = req_int(r, "department_id", 0, 1, 1LL << 32);
	f->assignee_id = req_int(r, "assignee_id", 0, 1, 1LL << 32);
	f->community_id = req_int(r, "community_id", 0, 1, 1LL << 32);
	f->resident_id = req_int(r, "resident_id", 0, 1, 1LL << 32);
	f->limit = req_int(r, "limit", 50, 1, 200);
	/* Deeper pages cost a walk over every row before them: use the cursor. */
	f->offset = req_int(r, "offset", 0, 0, 10000);
	f->overdue = ov && (!strcmp(ov, "1") || !strcmp(ov, "true"));
	f->all = req_can(r, "ticket.view");
	if (f->type_id < 0 || f->department_id < 0 || f->assignee_id < 0 ||
	    f->community_id < 0 || f->resident_id < 0 || f->limit < 0 || f->offset < 0 ||
	    (ov && !f->overdue && strcmp(ov, "0") && strcmp(ov, "false")))
		return -1;
	if (status_filter(f, req_query(r, "status")) ||
	    date_bound(f->from, req_query(r, "created_from"), 0) ||
	    date_bound(f->to, req_query(r, "created_to"), 1) ||
	    cursor_parse(f, req_query(r, "cursor")) || (f->after_id && f->offset))
		return -1;
	return 0;
}

int api_tickets_list(struct req *r)
{
	struct ticket_filter f;
	json_t *items, *o;
	size_t i;

	if (!req_can(r, "ticket.view") && !req_can(r, "tech.mobile"))
		return api_fail(r, 403, "forbidden", "api.forbidden");
	if (filter_read(&f, r))
		return api_fail(r, 400, "bad_request", "api.bad_request");
	/* Each filter is "(? = 0 OR ...)": MariaDB folds the unused ones away per execution,
	 * so the optimizer sees only the conditions given (e.g. ref on k_ticket_status). */
	items = db_query_json(TICKET_COLUMNS TICKET_JOINS
		" WHERE (? = 0 OR t.status = ?) AND (? = 0 OR FIND_IN_SET(t.status, ?))"
		" AND (? = 0 OR t.type_id = ?) AND (? = 0 OR t.department_id = ?)"
		" AND (? = 0 OR t.assignee_id = ?) AND (? = 0 OR t.community_id = ?)"
		" AND (? = 0 OR t.resident_id = ?) AND (? = 0 OR (t.status IN " TICKET_OPEN_SQL
		" AND t.resolve_due_at < UTC_TIMESTAMP())) AND (? = '' OR t.created_at >= ?)"
		" AND (? = '' OR t.created_at < ?)"
		" AND (? = 1 OR t.assignee_id = ? OR t.department_id = ?)"
		" AND (? = '' OR t.created_at < ? OR (t.created_at = ? AND t.id < ?))"
		" ORDER BY t.created_at DESC, t.id DESC LIMIT ? OFFSET ?",
		"isisiiiiiiiiiiissssiiisssiii", f.single, f.status,
		(long long)(f.status[0] && !f.single), f.status, f.type_id, f.type_id,
		f.department_id, f.department_id, f.assignee_id, f.assignee_id, f.community_id,
		f.community_id, f.resident_id, f.resident_id, f.overdue, f.from, f.from, f.to,
		f.to, f.all, r->user.id, r->user.department_id, f.after_at, f.after_at, f.after_at,
		f.after_id, f.limit, f.offset);
	if (!items)
		return api_fail(r, 500, "server_error", "err.db");
	json_array_foreach(items, i, o) {
		api_ints(o, ticket_ints);
		status_label(r, o, "status", "status_label");
	}
	r->json = json_pack("{s:o,s:I,s:I,s:o}", "items", items, "limit", (json_int_t)f.limit,
			    "offset", (json_int_t)f.offset, "next_cursor",
			    json_array_size(items) == (size_t)f.limit
			    ? cursor_of(json_array_get(items, json_array_size(items) - 1))
			    : json_null());
	return 0;
}

/* ---------------------------------------------------------------------------------------
 * Changes */

int api_ticket_create(struct req *r)
{
	struct org_actor who = api_actor(r);
	struct org_errors e = { 0 };
	struct ticket_new t;
	char number[TICKET_NUMBER_MAX + 1], appt[20];
	enum org_result res;
	long long id = 0;
	int status;
	json_t *body = api_body_or_fail(r, &status);

	if (!body)
		return status;
	memset(&t, 0, sizeof(t));
	t.type_id = api_int(body, "type_id", &e);
	t.subtype_id = api_int(body, "subtype_id", &e);
	t.priority = (int)api_int(body, "priority", &e);
	t.emergency = api_bool(body, "emergency", &e);
	t.title = api_str(body, "title", &e);
	t.description = api_str(body, "description", &e);
	t.channel = "api";
	t.resident_id = api_int(body, "resident_id", &e);
	t.household_id = api_int(body, "household_id", &e);
	t.address = api_str(body, "address", &e);
	t.contact_name = api_str(body, "contact_name", &e);
	t.contact_phone = api_str(body, "contact_phone", &e);
	t.department_id = api_int(body, "department_id", &e);
	t.appointment_at = api_time(body, "appointment_at", appt, sizeof(appt), &e);
	t.call_id = api_int(body, "call_id", &e);
	if (!t.type_id && !e.n)
		api_error_add(&e, "type_id", "err.required");
	res = e.n ? ORG_INVALID : ticket_create(&id, number, &e, &who, &t);
	json_decref(body);
	if (res)
		return api_fail_org(r, res, &e, "ticket.err_conflict");
	req_header_add(r, "Location: /api/v1/tickets/%lld", id);
	/* A new work order is at status new and version 1 (sql/003's defaults). */
	r->json = json_pack("{s:I,s:s,s:s,s:I}", "id", (json_int_t)id, "number", number,
			    "status", TS_NEW, "version", (json_int_t)1);
	return 201;
}

/* Whether to names a status or one of the two pseudo-targets. */
static int is_target(const char *to)
{
	return is_status(to) || !strcmp(to, TT_DECLINE) || !strcmp(to, TT_RESUME);
}

int api_ticket_transition(struct req *r)
{
	struct org_actor who = api_actor(r);
	struct org_errors e = { 0 };
	struct ticket_change c;
	char resume[20];
	enum org_result res;
	int status = api_ticket_visible_or_fail(r, r->args[0]);
	json_t *body = status ? NULL : api_body_or_fail(r, &status);

	if (!body)
		return status;
	memset(&c, 0, sizeof(c));
	c.to = api_str(body, "to", &e);
	c.version = api_int(body, "version", &e);
	if (!c.version)
		c.version = api_if_match(r);
	c.note = api_str(body, "note", &e);
	c.public = api_bool(body, "public", &e);
	c.department_id = api_int(body, "department_id", &e);
	c.assignee_id = api_int(body, "assignee_id", &e);
	c.resume_at = api_time(body, "resume_at", resume, sizeof(resume), &e);
	c.satisfaction = (int)api_int(body, "satisfaction", &e);
	if (!e.n && !is_target(c.to))
		api_error_add(&e, "to", *c.to ? "err.invalid" : "err.required");
	res = e.n ? ORG_INVALID : ticket_transition(&e, &who, &r->user, r->args[0], &c);
	json_decref(body);
	if (res)
		return api_fail_org(r, res, &e, "ticket.err_conflict");
	return ticket_reply(r, r->args[0], 0);
}

#define EVENT_ROW \
	"SELECT e.id, e.at AS created_at, e.kind, e.from_status, e.to_status, e.public," \
	" e.body, e.staff_id, s.name AS staff, e.department_id, d.name AS department," \
	" e.assignee_id, a.name AS assignee FROM ticket_event e" \
	" LEFT JOIN staff s ON s.id = e.staff_id LEFT JOIN department d ON d.id = e.department_id" \
	" LEFT JOIN staff a ON a.id = e.assignee_id"

/* Event o as the API shows it: public as an integer, statuses also translated. */
static void event_fix(struct req *r, json_t *o)
{
	api_ints(o, (const char *const[]){ "public", NULL });
	status_label(r, o, "from_status", "from_status_label");
	status_label(r, o, "to_status", "to_status_label");
}

int api_ticket_events(struct req *r)
{
	int status = api_ticket_visible_or_fail(r, r->args[0]);
	json_t *items, *o;
	size_t i;

	if (status)
		return status;
	items = db_query_json(EVENT_ROW " WHERE e.ticket_id = ? ORDER BY e.id", "i", r->args[0]);
	if (!items)
		return api_fail(r, 500, "server_error", "err.db");
	json_array_foreach(items, i, o)
		event_fix(r, o);
	r->json = json_pack("{s:o}", "items", items);
	return 0;
}

int api_ticket_comment(struct req *r)
{
	struct org_actor who = api_actor(r);
	struct org_errors e = { 0 };
	enum org_result res;
	const char *text;
	long long version, event_id = 0;
	int public, status = api_ticket_visible_or_fail(r, r->args[0]);
	json_t *body;

	if (status)
		return status;
	if (!req_can(r, "ticket.edit") && !req_can(r, "tech.mobile"))
		return api_fail(r, 403, "forbidden", "api.forbidden");
	if (!(body = api_body_or_fail(r, &status)))
		return status;
	text = api_str(body, "body", &e);
	public = api_bool(body, "public", &e);
	version = api_int(body, "version", &e);
	res = e.n ? ORG_INVALID : ticket_comment(&event_id, &e, &who, r->args[0], version, text,
						 public);
	json_decref(body);
	if (res)
		return api_fail_org(r, res, &e, "ticket.err_conflict");
	if ((status = api_item_or_fail(r, db_query_json(EVENT_ROW " WHERE e.id = ?", "i",
							event_id))))
		return status;
	event_fix(r, r->json);
	return 201;
}
