/* messages.c — the API's messages to residents: the log (GET /api/v1/messages) and one
 * SMS to a resident (POST).  Rules: lib/message.c. */
#include <stdio.h>
#include <string.h>

#include "api.h"
#include "db.h"
#include "message.h"

static const char *const message_ints[] = { "segments", "attempts", "dlr_status", NULL };

#define MESSAGE_COLUMNS \
	"SELECT o.id, o.channel, o.recipient, o.resident_id, o.ticket_id, o.bulk_id, o.event," \
	" o.subject, o.body, o.segments, o.status, o.attempts, o.last_error, o.dlr_status," \
	" o.created_by AS staff_id, o.created_at, o.sent_at, o.dlr_at FROM outbox o"

static void message_labels(struct req *r, json_t *items)
{
	size_t i;
	json_t *o;
	char key[48];

	api_ints_all(items, message_ints);
	json_array_foreach(items, i, o) {
		snprintf(key, sizeof(key), "message.status.%s",
			 json_string_value(json_object_get(o, "status")));
		json_object_set_new(o, "status_label", json_string(tr(r, key)));
	}
}

/* A query value that must be one of allowed (or absent: ""); NULL when it is not. */
static const char *choice(const struct req *r, const char *name, const char *const *allowed)
{
	const char *v = req_query(r, name);

	if (!v || !*v)
		return "";
	for (int i = 0; allowed[i]; i++)
		if (!strcmp(v, allowed[i]))
			return allowed[i];
	return NULL;
}

int api_messages_list(struct req *r)
{
	static const char *const channels[] = { "sms", "email", NULL };
	static const char *const statuses[] = { "queued", "sending", "sent", "delivered",
						"failed", "cancelled", NULL };
	const char *channel = choice(r, "channel", channels);
	const char *status = choice(r, "status", statuses);
	long long resident = req_int(r, "resident_id", 0, 1, 1LL << 32);
	long long ticket = req_int(r, "ticket_id", 0, 1, 1LL << 32);
	long long limit = req_int(r, "limit", 50, 1, 200);
	long long offset = req_int(r, "offset", 0, 0, 10000);
	json_t *items;

	if (!channel || !status || resident < 0 || ticket < 0 || limit < 0 || offset < 0)
		return api_fail(r, 400, "bad_request", "api.bad_request");
	items = db_query_json(MESSAGE_COLUMNS " JOIN (SELECT o.id FROM outbox o"
		" WHERE (? = '' OR o.channel = ?) AND (? = '' OR o.status = ?)"
		" AND (? = 0 OR o.resident_id = ?) AND (? = 0 OR o.ticket_id = ?)"
		" ORDER BY o.id DESC LIMIT ? OFFSET ?) x ON x.id = o.id ORDER BY o.id DESC",
		"ssssiiiiii", channel, channel, status, status, resident, resident, ticket, ticket,
		limit, offset);
	if (!items)
		return api_fail(r, 500, "server_error", "err.db");
	message_labels(r, items);
	r->json = json_pack("{s:o,s:I,s:I}", "items", items, "limit", (json_int_t)limit,
			    "offset", (json_int_t)offset);
	return 0;
}

int api_message_create(struct req *r)
{
	struct org_actor who = api_actor(r);
	struct org_errors e = { 0 };
	struct message_one m = { 0 };
	char token[AUTH_TOKEN_LEN + 1];
	enum org_result res = ORG_INVALID;
	long long id = 0;
	int status, dup;
	json_t *body = api_body_or_fail(r, &status), *items;

	if (!body)
		return status;
	m.channel = "sms";
	m.resident_id = api_int(body, "resident_id", &e);
	m.ticket_id = api_int(body, "ticket_id", &e);
	m.mobile = api_str(body, "mobile", &e);
	m.text = api_str(body, "text", &e);
	auth_token_new(token);
	m.token = token;
	if (!e.n && m.resident_id <= 0)
		api_error_add(&e, "resident_id", "message.err_resident");
	if (!e.n && m.ticket_id < 0)
		api_error_add(&e, "ticket_id", "err.invalid");
	if (!e.n && m.ticket_id && (status = api_ticket_visible_or_fail(r, m.ticket_id))) {
		json_decref(body);
		return status;
	}
	if (!e.n)
		res = message_send(&id, &dup, &e, &who, &m);
	json_decref(body);
	if (res)
		return api_fail_org(r, res, &e, "api.bad_request");
	items = db_query_json(MESSAGE_COLUMNS " WHERE o.id = ?", "i", id);
	if (items)
		message_labels(r, items);
	if ((status = api_item_or_fail(r, items)))
		return status;
	req_header_add(r, "Location: /api/v1/messages?resident_id=%lld", m.resident_id);
	return 201;
}
