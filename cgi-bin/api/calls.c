/* calls.c — call records (CDRs written by ivrd) and desk phones as JSON: the list with
 * filters, one call with its events, its recording, the agents' phones.  Who sees which
 * call is lib/call.c's rule (the same as the call log page). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "call.h"
#include "db.h"
#include "names.h"
#include "resident.h"
#include "util.h"

static const char *const call_ints[] = { "wait_seconds", "talk_seconds", "rating",
					 "has_recording", NULL };

/* The rows of st as call objects with the agent's name and, when the user may hear it,
 * where the recording is.  NULL on error. */
static json_t *calls_json(struct req *r, struct stmt *st)
{
	json_t *items;

	if (!st)
		return NULL;
	items = json_array();
	while (db_next(st) == 1) {
		json_t *o = stmt_row_json(st, 0);
		long long id = db_int(st, CALL_C_ID), agent = db_int(st, CALL_C_AGENT);
		const char *name = names_staff(agent);
		char url[64];

		api_ints(o, call_ints);
		json_object_set_new(o, "agent", name ? json_string(name) : json_null());
		snprintf(url, sizeof(url), "/api/v1/calls/%lld/recording", id);
		json_object_del(o, "recording_path");	/* a file of the server's */
		json_object_set_new(o, "recording_url", db_int(st, CALL_C_HAS_RECORDING) &&
				    call_may_listen(
			&r->user, agent) ? json_string(url) : json_null());
		json_array_append_new(items, o);
	}
	db_done(st);
	return items;
}

/* A choice parameter: "" when absent, the value when one of list, NULL when not. */
static const char *choice(const struct req *r, const char *name, const char *const *list)
{
	const char *v = req_query(r, name);

	if (!v || !*v)
		return "";
	for (int i = 0; list[i]; i++)
		if (!strcmp(v, list[i]))
			return v;
	return NULL;
}

int api_calls_list(struct req *r)
{
	const char *number = req_query(r, "number"), *from = req_query(r, "from");
	const char *to = req_query(r, "to");
	char phone[PHONE_MAX + 1] = "", utc_from[20] = "", utc_to[20] = "";
	struct call_filter f = {
		.all = req_can(r, "call.view_all"), .me = r->user.id, .phone = phone,
		.agent = req_int(r, "agent_id", 0, 1, 4294967295LL), .queue = req_query(r, "queue"),
		.disposition = choice(r, "disposition", call_dispositions), .from = utc_from,
		.to = utc_to, .limit = req_int(r, "limit", 50, 1, 200),
		.offset = req_int(r, "offset", 0, 0, 10000) };
	struct org_errors e = { 0 };
	json_t *items;

	if (number && *number && (strlen(number) > 64 || phone_normalize(phone, number, NULL)))
		api_error_add(&e, "number", "err.phone_invalid");
	if (f.agent < 0)
		api_error_add(&e, "agent_id", "err.invalid");
	if (!f.disposition)
		api_error_add(&e, "disposition", "err.invalid");
	if (f.queue && strlen(f.queue) > 32)
		api_error_add(&e, "queue", "err.invalid");
	if (from && *from && time_day_utc(utc_from, from, 0))
		api_error_add(&e, "from", "err.invalid");
	if (to && *to && time_day_utc(utc_to, to, 1))
		api_error_add(&e, "to", "err.invalid");
	if (f.limit < 0)
		api_error_add(&e, "limit", "err.invalid");
	if (f.offset < 0)
		api_error_add(&e, "offset", "err.invalid");
	if (e.n)
		return api_fail_invalid(r, &e);
	if (f.agent && !f.all && f.agent != f.me)
		return api_fail(r, 403, "forbidden", "api.forbidden");
	if (!(items = calls_json(r, call_list(&f))))
		return api_fail(r, 500, "server_error", "err.db");
	r->json = json_pack("{s:o,s:I,s:I}", "items", items, "limit", (json_int_t)f.limit,
			    "offset", (json_int_t)f.offset);
	return 0;
}

/* Call id as an object if the user may see it; NULL after answering 404 (or 500), with
 * the status in *status. */
static json_t *call_visible_or_fail(struct req *r, long long id, int *status)
{
	json_t *items = calls_json(r, call_get(id));
	json_t *o = items && json_array_size(items) ? json_incref(json_array_get(items, 0)) : NULL;

	json_decref(items);
	if (!items)
		*status = api_fail(r, 500, "server_error", "err.db");
	else if (!o || !call_may_view(&r->user, json_integer_value(json_object_get(o, "agent_id"))))
		*status = api_fail(r, 404, "not_found", "api.not_found");
	else
		return o;
	json_decref(o);
	return NULL;
}

int api_call_one(struct req *r)
{
	int status = 0;
	json_t *o = call_visible_or_fail(r, r->args[0], &status), *events;
	size_t i;
	json_t *ev;

	if (!o)
		return status;
	events = db_query_json("SELECT e.id, e.at, e.event, e.detail, e.queue, e.agent_id"
			       " FROM call_event e WHERE e.call_id = ? ORDER BY e.at, e.id", "i",
			       r->args[0]);
	if (!events) {
		json_decref(o);
		return api_fail(r, 500, "server_error", "err.db");
	}
	json_array_foreach(events, i, ev) {
		const char *name = names_staff(json_integer_value(json_object_get(ev, "agent_id")));
		json_object_set_new(ev, "agent", name ? json_string(name) : json_null());
	}
	json_object_set_new(o, "events", events);
	r->json = o;
	return 0;
}

int api_call_recording(struct req *r)
{
	static char name[48];	/* lives until the response is written */
	char path[1024];
	const char *rel;
	struct stmt *st;
	int status = 0, err;
	json_t *o = call_visible_or_fail(r, r->args[0], &status);

	if (!o)
		return status;
	err = !call_may_listen(&r->user, json_integer_value(json_object_get(o, "agent_id")));
	json_decref(o);
	if (err)
		return api_fail(r, 403, "forbidden", "desk.calls.err_listen");
	if (!(st = call_get(r->args[0])))
		return api_fail(r, 500, "server_error", "err.db");
	rel = db_next(st) == 1 ? db_text(st, CALL_C_RECORDING) : NULL;
	err = !rel || call_recording_file(path, sizeof(path), rel);
	db_done(st);
	if (err || req_body_file(r, path, 0))
		return api_fail(r, 404, "not_found", "desk.calls.err_no_recording");
	r->raw_type = "audio/wav";
	snprintf(name, sizeof(name), "call-%lld.wav", r->args[0]);
	req_disposition(r, name, 1);
	return 0;
}

int api_agents(struct req *r)
{
	json_t *items = db_query_json(
		"SELECT s.id AS staff_id, s.name, s.sip_extension AS extension,"
		" s.department_id, g.contact, g.user_agent, g.registered_at, g.expires_at,"
		" (g.expires_at > UTC_TIMESTAMP()) AS registered"
		" FROM staff s LEFT JOIN sip_registration g ON g.extension = s.sip_extension"
		" WHERE s.sip_extension IS NOT NULL AND s.active = 1 ORDER BY s.sip_extension", "");
	size_t i;
	json_t *o;

	if (!items)
		return api_fail(r, 500, "server_error", "err.db");
	json_array_foreach(items, i, o) {
		const char *d = names_department(json_integer_value(json_object_get(o, "department_id")));

		json_object_set_new(o, "department", d ? json_string(d) : json_null());
		json_object_set_new(o, "registered", json_boolean(
			!strcmp(json_string_value(json_object_get(o, "registered")) ?: "0", "1")));
	}
	r->json = json_pack("{s:o}", "items", items);
	return 0;
}

/* The user's desk phone and ACD state (ivrd's agent_state; logged_out without a row), or
 * null when the account has no extension. */
static json_t *me_agent(struct req *r)
{
	struct stmt *st = db_query(
		"SELECT s.sip_extension, COALESCE(a.state, 'logged_out'), a.reason,"
		" TIMESTAMPDIFF(SECOND, a.since, UTC_TIMESTAMP(3))"
		" FROM staff s LEFT JOIN agent_state a ON a.staff_id = s.id"
		" WHERE s.id = ? AND s.sip_extension IS NOT NULL", "i", r->user.id);
	json_t *o = json_null();

	if (st && db_next(st) == 1) {
		const char *reason = db_text(st, 2);

		o = json_pack("{s:s,s:s,s:s?,s:s?,s:o}", "extension", db_text(st, 0), "state",
			      db_text(st, 1), "reason", reason, "reason_label",
			      reason ? names_label("pause_reason", reason, NULL) : NULL, "seconds",
			      db_text(st, 3) ? json_integer(db_int(st, 3)) : json_null());
	}
	if (st)
		db_done(st);
	return o;
}

/* The call last offered to the user by the ACD, for the agent desktop's screen pop: ivrd
 * writes a call_event "offer" with the agent when it rings their phone, and each staff
 * page asks here about once a second.  With ?after=N only offers after event N (the last
 * one the page saw); without it those of the last 10 seconds.  Offers older than two
 * minutes are history, not a ringing phone. */
int api_me_offers(struct req *r)
{
	long long after = req_int(r, "after", -1, 0, 9223372036854775807LL);
	struct stmt *st;
	json_t *offer = json_null();
	long long last = after > 0 ? after : 0;

	if (req_query(r, "after") && after < 0)
		return api_fail(r, 400, "bad_request", "err.invalid");
	st = db_query("SELECT e.id, e.call_id, DATE_FORMAT(e.at, '%Y-%m-%dT%H:%i:%SZ'), e.queue, c.caller, c.resident_id,"
		      " r.name AS resident FROM call_event e JOIN `call` c ON c.id = e.call_id"
		      " LEFT JOIN resident r ON r.id = c.resident_id"
		      " WHERE e.agent_id = ? AND e.event = 'offer' AND e.id > ?"
		      " AND e.at > UTC_TIMESTAMP(3) - INTERVAL IF(? < 0, 10, 120) SECOND"
		      " ORDER BY e.id DESC LIMIT 1", "iii", r->user.id, after, after);
	if (!st)
		return api_fail(r, 500, "server_error", "err.db");
	if (db_next(st) == 1) {
		struct buf url;

		last = db_int(st, 0);
		buf_init(&url);
		buf_puts(&url, "/pop");
		url_param(&url, "phone", db_text(st, 4));
		url_param(&url, "resident", db_text(st, 5));
		offer = json_pack("{s:I,s:I,s:s?,s:s?,s:s?,s:I,s:s?,s:s}", "event_id",
				  (json_int_t)last, "call_id", (json_int_t)db_int(st, 1), "at",
				  db_text(st, 2), "queue", db_text(st, 3), "caller", db_text(st, 4),
				  "resident_id", (json_int_t)db_int(st, 5), "resident", db_text(st, 6),
				  "pop_url", url.data);
		buf_free(&url);
	}
	db_done(st);
	r->json = json_pack("{s:o,s:I,s:o}", "offer", offer, "last_event_id", (json_int_t)last,
			    "agent", me_agent(r));
	return 0;
}
