/* meal.c — the API's meal ordering: the menu of a day, place an order, read one, cancel one.
 * A staff API key with meal.order acts for any resident; a resident's portal session token
 * (Authorization: Bearer <token>, from the portal's SMS-code login) acts for that resident
 * only: another's order is the same 404 as none.  Rules: lib/meal.c. */
#include <stdio.h>
#include <string.h>

#include "api.h"
#include "db.h"
#include "meal.h"
#include "portal.h"

static const char *const order_ints[] = { "subtotal_fen", "discount_fen", "total_fen", NULL };
static const char *const line_ints[] = { "price_fen", "qty", "free", NULL };
static const char *const item_ints[] = { "price_fen", "left", NULL };

/* Who asks: 0 with *resident 0 for staff with meal.order, or the resident's id; otherwise
 * the status of the 401/403 answered. */
static int meal_caller(struct req *r, long long *resident)
{
	const char *authz = req_header(r, "HTTP_AUTHORIZATION");

	*resident = 0;
	if (!authz || strncasecmp(authz, "Bearer ", 7)) {
		req_header_add(r, "WWW-Authenticate: Bearer realm=\"warmline\"");
		return api_fail(r, 401, "unauthorized", "api.unauthorized");
	}
	if (auth_apikey(&r->user, authz + 7) == 0) {
		r->logged_in = 1;
		r->via_api = 1;
		if (!staff_can(&r->user, "meal.order")) {
			audit(r->user.id, r->ip, "forbidden", NULL, 0, "%s %s", r->method, r->path);
			return api_fail(r, 403, "forbidden", "api.forbidden");
		}
		return 0;
	}
	if (strlen(authz + 7) == AUTH_TOKEN_LEN && portal_session(resident, authz + 7) == 0)
		return 0;
	req_header_add(r, "WWW-Authenticate: Bearer realm=\"warmline\"");
	return api_fail(r, 401, "unauthorized", "api.unauthorized");
}

int api_meal_menu(struct req *r)
{
	const char *d = req_query(r, "date");
	char date[11];
	long long resident;
	json_t *periods, *p, *promos;
	size_t i;
	int status = meal_caller(r, &resident);

	if (status)
		return status;
	if (d && *d && (strlen(d) != 10 || strspn(d, "0123456789-") != 10))
		return api_fail(r, 400, "bad_request", "meal.err_date");
	if (d && *d)
		snprintf(date, sizeof(date), "%s", d);
	else
		meal_today(date);
	periods = db_query_json("SELECT id, name, TIME_FORMAT(cutoff, '%H:%i') AS cutoff FROM"
				" meal_period WHERE active = 1 ORDER BY sort, id", "");
	promos = db_query_json("SELECT p.id, p.name, p.kind, p.percent_off, p.amount_fen,"
			       " p.threshold_fen, p.free_item_id, p.period_id, p.resident_tag,"
			       " p.exclusive FROM meal_promo p WHERE p.active = 1 AND ? BETWEEN"
			       " p.valid_from AND p.valid_to AND (? = 0 OR p.resident_tag IS NULL OR"
			       " p.resident_tag IN (SELECT tag FROM resident_tag WHERE resident_id = ?))"
			       " ORDER BY p.id", "sii", date, resident, resident);
	if (!periods || !promos)
		goto fail;
	json_array_foreach(periods, i, p) {
		long long pid = json_integer_value(json_object_get(p, "id"));
		json_t *slots = db_query_json("SELECT id, label FROM meal_slot WHERE period_id = ?"
					      " ORDER BY sort, id", "i", pid);
		json_t *items = db_query_json("SELECT i.id AS item_id, i.kind, i.name, i.category,"
					      " i.price_fen, i.diet, m.stock - m.sold AS `left` FROM"
					      " meal_menu m JOIN meal_item i ON i.id = m.item_id WHERE"
					      " m.menu_date = ? AND m.period_id = ? AND i.active = 1"
					      " ORDER BY i.kind = 'dish', i.category, m.sort, i.name",
					      "si", date, pid);
		if (!slots || !items) {
			json_decref(slots);
			json_decref(items);
			goto fail;
		}
		api_ints_all(items, item_ints);
		json_object_set_new(p, "open", json_boolean(meal_open(date, pid) == 1));
		json_object_set_new(p, "slots", slots);
		json_object_set_new(p, "items", items);
	}
	{
		static const char *const promo_ints[] = { "percent_off", "amount_fen", "threshold_fen",
							  "exclusive", NULL };
		api_ints_all(promos, promo_ints);
	}
	r->json = json_pack("{s:s,s:o,s:o}", "date", date, "periods", periods, "promotions", promos);
	return 0;
fail:
	json_decref(periods);
	json_decref(promos);
	return api_fail(r, 500, "server_error", "err.db");
}

/* The order as JSON with its lines and promotions into r->json; 0 or the failure status. */
static int order_json(struct req *r, long long id)
{
	json_t *items = db_query_json("SELECT id, number, resident_id, household_id, menu_date,"
				      " period_id, slot_id, note, status, payment, channel, subtotal_fen,"
				      " discount_fen, total_fen, cancel_reason, created_at FROM meal_order"
				      " WHERE id = ?", "i", id);
	json_t *lines = db_query_json("SELECT item_id, name, price_fen, qty, free FROM"
				      " meal_order_line WHERE order_id = ? ORDER BY free, id", "i", id);
	json_t *promos = db_query_json("SELECT promo_id, name, discount_fen FROM meal_order_promo"
				       " WHERE order_id = ?", "i", id);
	int status;

	if (!lines || !promos) {
		json_decref(items);
		json_decref(lines);
		json_decref(promos);
		return api_fail(r, 500, "server_error", "err.db");
	}
	api_ints_all(items, order_ints);
	api_ints_all(lines, line_ints);
	{
		static const char *const promo_ints[] = { "discount_fen", NULL };
		api_ints_all(promos, promo_ints);
	}
	if ((status = api_item_or_fail(r, items))) {
		json_decref(lines);
		json_decref(promos);
		return status;
	}
	json_object_set_new(r->json, "lines", lines);
	json_object_set_new(r->json, "promotions", promos);
	return 0;
}

int api_meal_order_create(struct req *r)
{
	struct org_errors e = { 0 };
	struct meal_order_input in;
	enum org_result res = ORG_INVALID;
	long long resident, id = 0;
	json_t *body, *lines, *l;
	size_t i;
	int status = meal_caller(r, &resident);

	if (status)
		return status;
	if (!(body = api_body_or_fail(r, &status)))
		return status;
	memset(&in, 0, sizeof(in));
	in.resident_id = resident ? resident : api_int(body, "resident_id", &e);
	in.household_id = api_int(body, "household_id", &e);
	in.period_id = api_int(body, "period_id", &e);
	in.slot_id = api_int(body, "slot_id", &e);
	in.date = api_str(body, "date", &e);
	in.note = api_str(body, "note", &e);
	in.payment = api_str(body, "payment", &e);
	if (!*in.payment)
		in.payment = "cash";
	in.channel = resident ? "portal" : "api";
	in.staff_id = resident ? 0 : r->user.id;
	in.ip = r->ip;
	lines = json_object_get(body, "items");
	if (!json_is_array(lines) || !json_array_size(lines))
		api_error_add(&e, "items", "meal.err_no_items");
	json_array_foreach(lines, i, l) {
		if (in.nlines == MEAL_MAX_LINES || !json_is_object(l)) {
			api_error_add(&e, "items", "meal.err_qty");
			break;
		}
		in.item_ids[in.nlines] = api_int(l, "item_id", &e);
		in.qty[in.nlines++] = (int)api_int(l, "qty", &e);
	}
	if (!e.n && in.resident_id <= 0)
		api_error_add(&e, "resident_id", "err.required");
	if (!e.n)
		res = meal_order_place(&id, &e, &in);
	json_decref(body);
	if (res)
		return api_fail_org(r, res, &e, "meal.err_sold_out");
	if ((status = order_json(r, id)))
		return status;
	req_header_add(r, "Location: /api/v1/meal/orders/%lld", id);
	return 201;
}

int api_meal_order_one(struct req *r)
{
	long long resident;
	int status = meal_caller(r, &resident);

	if (status)
		return status;
	if (resident && !meal_order_mine(resident, r->args[0]))
		return api_fail(r, 404, "not_found", "api.not_found");
	return order_json(r, r->args[0]);
}

int api_meal_order_cancel(struct req *r)
{
	struct org_errors e = { 0 };
	struct org_actor who;
	enum org_result res = ORG_INVALID;
	long long resident;
	json_t *body;
	const char *reason;
	int status = meal_caller(r, &resident);

	if (status)
		return status;
	if (resident && !meal_order_mine(resident, r->args[0]))
		return api_fail(r, 404, "not_found", "api.not_found");
	if (!(body = api_body_or_fail(r, &status)))
		return status;
	who.staff_id = resident ? 0 : r->user.id;
	who.ip = r->ip;
	reason = api_str(body, "reason", &e);
	if (!e.n)
		res = meal_order_cancel(&e, &who, resident, r->args[0], reason);
	json_decref(body);
	if (res)
		return api_fail_org(r, res, &e, "meal.err_cancelled");
	return order_json(r, r->args[0]);
}
