/* order.c — the agent's order page (from the screen pop: the resident pre-filled, an unknown
 * caller created inline), order lists and lookups, one order with its steps and cancel. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "meal_pages.h"
#include "resident.h"

#define EARLIER_MAX 10
#define LIST_MAX 200

#define ADDRESS "CONCAT(c.name, ' ', b.name, u.name, h.room)"
#define ADDRESS_JOINS " JOIN household h ON h.id = o.household_id JOIN unit u ON u.id = h.unit_id" \
	" JOIN building b ON b.id = u.building_id JOIN community c ON c.id = b.community_id"
#define YUAN(col) "CONCAT(FLOOR(" col " / 100), '.', LPAD(" col " % 100, 2, '0'))"

/* Puts the posted portions back on the menu rows (Menu.N.qty) to show the form again. */
static void qty_keep(struct req *r, const long long *items, const int *qty, int n)
{
	HDF *menu = hdf_get_obj(r->hdf, "Menu");
	char node[64];

	for (HDF *c = menu ? hdf_obj_child(menu) : NULL; c; c = hdf_obj_next(c))
		for (int i = 0; i < n; i++)
			if (atoll(hdf_get_value(c, "item_id", "0")) == items[i]) {
				snprintf(node, sizeof(node), "Menu.%s.qty", hdf_obj_name(c));
				hset_int(r, node, qty[i]);
			}
}

/* The posted item/qty pairs (lines with 0 portions left out) into in; a field error when
 * a value is not a number. */
static void order_lines(struct req *r, struct meal_order_input *in)
{
	const char *items[64], *qty[64];
	size_t ni = form_all(r, "item", items, 64), nq = form_all(r, "qty", qty, 64);

	in->nlines = 0;
	for (size_t i = 0; i < ni && i < nq; i++) {
		char *end;
		long long id = strtoll(items[i], &end, 10), q;

		if (*end || id <= 0)
			continue;
		q = *qty[i] ? strtoll(qty[i], &end, 10) : 0;
		if (*end || q < 0 || q > MEAL_MAX_QTY) {
			form_error(r, "items", "meal.err_qty");
			continue;
		}
		if (!q)
			continue;
		if (in->nlines == MEAL_MAX_LINES) {
			form_error(r, "items", "meal.err_qty");
			break;
		}
		in->item_ids[in->nlines] = id;
		in->qty[in->nlines++] = (int)q;
	}
	qty_keep(r, in->item_ids, in->qty, in->nlines);
}

/* The resident's card: Resident.*, Tags, Households, Earlier orders.  1, 0 absent, -1. */
static int resident_load(struct req *r, long long id)
{
	int found = db_row_hdf(r, "Resident", "SELECT r.id, r.name, (SELECT GROUP_CONCAT(phone"
			       " ORDER BY is_primary DESC, id SEPARATOR ' ') FROM resident_phone WHERE"
			       " resident_id = r.id) AS phones, r.note FROM resident r WHERE r.id = ?"
			       " AND r.merged_into_id IS NULL", "i", id);

	if (found <= 0)
		return found;
	if (db_query_hdf(r, "Tags", "SELECT t.tag AS code, IFNULL(d.label, t.tag) AS label FROM"
			 " resident_tag t LEFT JOIN dictionary_item d ON d.code = t.tag AND"
			 " d.dictionary_id = (SELECT id FROM dictionary WHERE code = 'customer_tag') WHERE t.resident_id = ?"
			 " ORDER BY d.sort", "i", id) < 0 ||
	    db_query_hdf(r, "Households", "SELECT h.id, CONCAT(c.name, ' ', b.name, u.name, h.room)"
			 " AS address FROM resident_household rh JOIN household h ON h.id ="
			 " rh.household_id JOIN unit u ON u.id = h.unit_id JOIN building b ON b.id ="
			 " u.building_id JOIN community c ON c.id = b.community_id WHERE"
			 " rh.resident_id = ? ORDER BY rh.relation = 'owner' DESC, h.id", "i", id) < 0 ||
	    db_query_hdf(r, "Earlier", "SELECT o.id, o.number, o.menu_date, p.name AS period,"
			 " o.status, " YUAN("o.total_fen") " AS total, (SELECT GROUP_CONCAT(CONCAT("
			 "l.name, '×', l.qty) SEPARATOR '、') FROM meal_order_line l WHERE l.order_id"
			 " = o.id) AS items FROM meal_order o JOIN meal_period p ON p.id = o.period_id"
			 " WHERE o.resident_id = ? ORDER BY o.id DESC LIMIT ?", "ii", id,
			 (long long)EARLIER_MAX) < 0)
		return -1;
	return 1;
}

/* Promotions valid on date (shown to the agent and the resident). */
static int promos_load(struct req *r, const char *date)
{
	return db_query_hdf(r, "Promos", "SELECT p.id, p.name, p.kind, p.percent_off, "
			    YUAN("p.amount_fen") " AS amount, " YUAN("p.threshold_fen") " AS threshold,"
			    " i.name AS free_item, pe.name AS period, p.resident_tag, p.exclusive"
			    " FROM meal_promo p LEFT JOIN meal_item i ON i.id = p.free_item_id"
			    " LEFT JOIN meal_period pe ON pe.id = p.period_id WHERE p.active = 1 AND ?"
			    " BETWEEN p.valid_from AND p.valid_to ORDER BY p.id", "s", date);
}

/* The form's choices and the chosen period (?period=, else the first still open). */
static int order_page_fill(struct req *r, const char *date)
{
	long long period = meal_id_param(r, "period");
	HDF *ps;

	if (meal_menu_load(r, date, 1) || promos_load(r, date) < 0 ||
	    db_query_hdf(r, "Buildings", "SELECT b.id, CONCAT(c.name, ' ', b.name) AS name FROM"
			 " building b JOIN community c ON c.id = b.community_id ORDER BY c.name,"
			 " b.sort, b.name", "") < 0)
		return -1;
	ps = hdf_get_obj(r->hdf, "Periods");
	if (!period)
		for (HDF *c = ps ? hdf_obj_child(ps) : NULL; c && !period; c = hdf_obj_next(c))
			if (hdf_get_int_value(c, "open", 0))
				period = hdf_get_int_value(c, "id", 0);
	if (!period && ps && hdf_obj_child(ps))
		period = hdf_get_int_value(hdf_obj_child(ps), "id", 0);
	hset_int(r, "Form.period", period);
	if (!hdf_get_value(r->hdf, "Form.payment", NULL))
		hset(r, "Form.payment", "cash");
	return 0;
}

int page_meal_order_new(struct req *r)
{
	long long id = meal_id_param(r, "resident"), ids[8];
	const char *in = req_query(r, "phone");
	char phone[PHONE_MAX + 1], date[11];
	int n;

	meal_date_param(r, date);
	hset(r, "Page.Title", tr(r, "meal.order_title"));
	r->template = "meal/order.cs";
	if (!id && in && *in) {
		if (phone_normalize(phone, in, NULL)) {
			form_error(r, "new_phone", "err.phone_invalid");
			hset(r, "Form.new_phone", in);
		} else {
			hset(r, "Form.new_phone", phone);
			if ((n = resident_find_by_phone(ids, 8, phone)) < 0)
				return req_fail(r, 500, "err.db");
			if (n == 1)
				id = ids[0];
			for (int i = 0; n > 1 && i < n; i++) {
				char node[64];
				snprintf(node, sizeof(node), "Choices.%d", i);
				if (db_row_hdf(r, node, "SELECT id, name FROM resident WHERE id = ?", "i",
					       ids[i]) < 0)
					return req_fail(r, 500, "err.db");
			}
		}
	}
	if (id && (n = resident_load(r, id)) <= 0)
		return n < 0 ? req_fail(r, 500, "err.db") : req_fail(r, 404, "err.not_found_object");
	if (!id)
		hset(r, "Order.NewResident", "1");
	if (order_page_fill(r, date))
		return req_fail(r, 500, "err.db");
	return 0;
}

/* The household at building, unit name and room (the inline new resident's address);
 * 0 with a field error when there is none. */
static long long household_find(struct req *r)
{
	long long building = meal_id_param(r, "building"), id;
	const char *unit = req_field(r, "unit"), *room = req_field(r, "room");

	id = db_int_query(0, "SELECT h.id FROM household h JOIN unit u ON u.id = h.unit_id WHERE"
			  " u.building_id = ? AND (u.name = ? OR u.name = CONCAT(?, '单元')) AND"
			  " h.room = ?", "isss", building, unit, unit, room);
	if (!id)
		form_error(r, "room", "meal.err_address");
	return id;
}

/* Creates the caller as a resident of the household (inside the order's transaction). */
static enum org_result resident_new(long long *id, struct org_errors *e, struct req *r,
				    long long household)
{
	struct org_actor who = meal_actor(r);
	struct resident_input in;

	memset(&in, 0, sizeof(in));
	in.name = req_field(r, "new_name");
	in.phones[0] = req_field(r, "new_phone");
	in.nphones = 1;
	in.household_ids[0] = household;
	in.relations[0] = "owner";
	in.nhouseholds = 1;
	return resident_create(id, e, &who, &in);
}

/* A refused order: the page again with what was typed and why. */
static int order_again(struct req *r, enum org_result res, const struct org_errors *e,
		       const char *date, long long resident)
{
	int status = res ? meal_errors(r, res, e) : 0;

	if (status)
		return status;
	if (!res) {	/* errors found before the core was asked */
		hset(r, "Page.Error", tr(r, "err.form"));
		r->status = 422;
	}
	if (resident && resident_load(r, resident) < 0)
		return req_fail(r, 500, "err.db");
	if (!resident)
		hset(r, "Order.NewResident", "1");
	if (order_page_fill(r, date))
		return req_fail(r, 500, "err.db");
	return 0;
}

int page_meal_order_create(struct req *r)
{
	struct org_errors e = { 0 };
	struct meal_order_input in;
	enum org_result res = ORG_INVALID;
	long long resident = meal_id_param(r, "resident"), household = 0, id = 0;
	char date[11], url[64];

	memset(&in, 0, sizeof(in));
	meal_date_param(r, date);
	hset(r, "Page.Title", tr(r, "meal.order_title"));
	r->template = "meal/order.cs";
	form_keep(r, "household", "period", "slot", "payment", "note", "new_name", "new_phone",
		  "building", "unit", "room", NULL);
	order_lines(r, &in);
	if (!resident) {
		household = household_find(r);
		if (!*req_field(r, "new_phone"))	/* the number they call from */
			form_error(r, "new_phone", "err.required");
	}
	if (form_has_errors(r))
		return order_again(r, 0, &e, date, resident);
	in.household_id = resident ? meal_id_param(r, "household") : household;
	in.period_id = meal_id_param(r, "period");
	in.slot_id = meal_id_param(r, "slot");
	in.date = date;
	in.note = req_field(r, "note");
	in.payment = req_field(r, "payment");
	in.channel = "phone";
	in.staff_id = r->user.id;
	in.ip = r->ip;
	if (db_begin())
		return req_fail(r, 500, "err.db");
	res = resident ? ORG_OK : resident_new(&resident, &e, r, household);
	if (!res) {
		in.resident_id = resident;
		res = meal_order_place(&id, &e, &in);
	}
	if (res) {
		db_rollback();
		db_commit();	/* ends the outer transaction (it fails: already rolled back) */
		return order_again(r, res, &e, date, meal_id_param(r, "resident"));
	}
	if (db_commit())
		return req_fail(r, 500, "err.db");
	req_flash(r, "meal.flash_placed");
	snprintf(url, sizeof(url), "/meal/orders/%lld", id);
	return req_redirect(r, url);
}

int page_meal_order(struct req *r)
{
	long long id = r->args[0];
	int found = db_row_hdf(r, "Order", "SELECT o.id, o.number, o.resident_id, rs.name AS"
			       " resident, " ADDRESS " AS address, o.menu_date, p.name AS period,"
			       " s.label AS slot, o.note, o.status, o.payment, o.channel, "
			       YUAN("o.subtotal_fen") " AS subtotal, " YUAN("o.discount_fen")
			       " AS discount, " YUAN("o.total_fen") " AS total, o.cancel_reason,"
			       " o.cancelled_by, o.created_at FROM meal_order o JOIN resident rs ON"
			       " rs.id = o.resident_id JOIN meal_period p ON p.id = o.period_id JOIN"
			       " meal_slot s ON s.id = o.slot_id" ADDRESS_JOINS " WHERE o.id = ?", "i", id);
	const char *status;
	int k;

	if (found <= 0)
		return found < 0 ? req_fail(r, 500, "err.db") : req_fail(r, 404, "err.not_found_object");
	if (db_query_hdf(r, "Lines", "SELECT name, " YUAN("price_fen") " AS price, qty, free, "
			 YUAN("price_fen * qty") " AS amount FROM meal_order_line WHERE order_id = ?"
			 " ORDER BY free, id", "i", id) < 0 ||
	    db_query_hdf(r, "Promos", "SELECT name, " YUAN("discount_fen") " AS discount FROM"
			 " meal_order_promo WHERE order_id = ?", "i", id) < 0 ||
	    db_query_hdf(r, "Events", "SELECT e.status, e.note, e.created_at, st.name AS staff FROM"
			 " meal_order_event e LEFT JOIN staff st ON st.id = e.staff_id WHERE"
			 " e.order_id = ? ORDER BY e.id", "i", id) < 0)
		return req_fail(r, 500, "err.db");
	status = hdf_get_value(r->hdf, "Order.status", "");
	for (k = 0; meal_statuses[k] && strcmp(meal_statuses[k], status); k++)
		;
	if (k < 4 && req_can(r, "meal.kitchen"))
		hset(r, "Order.next", meal_statuses[k + 1]);
	hset_int(r, "Order.may_cancel", k < 4);
	hset(r, "Page.Title", hdf_get_value(r->hdf, "Order.number", ""));
	r->template = "meal/order_view.cs";
	return 0;
}

int page_meal_order_step(struct req *r)
{
	struct org_actor who = meal_actor(r);
	struct org_errors e = { 0 };
	enum org_result res = meal_order_step(&e, &who, r->args[0], req_field(r, "to"));
	char url[64];
	int status;

	if (res) {
		if ((status = meal_errors(r, res, &e)))
			return status;
		return page_meal_order(r) ?: (r->status = 409, 0);
	}
	req_flash(r, "flash.saved");
	snprintf(url, sizeof(url), "/meal/orders/%lld", r->args[0]);
	return req_redirect(r, url);
}

int page_meal_order_cancel(struct req *r)
{
	struct org_actor who = meal_actor(r);
	struct org_errors e = { 0 };
	enum org_result res;
	char url[64];
	int status, code;

	form_keep(r, "reason", NULL);
	res = meal_order_cancel(&e, &who, 0, r->args[0], req_field(r, "reason"));
	if (res) {
		if ((status = meal_errors(r, res, &e)))
			return status;
		code = r->status;
		status = page_meal_order(r);
		r->status = code;
		return status;
	}
	req_flash(r, "meal.flash_cancelled");
	snprintf(url, sizeof(url), "/meal/orders/%lld", r->args[0]);
	return req_redirect(r, url);
}

/* Lookups: by day, period, status, building, resident (id, or a name or number typed). */
int page_meal_orders(struct req *r)
{
	long long period = meal_id_param(r, "period"), building = meal_id_param(r, "building");
	long long resident = meal_id_param(r, "resident");
	const char *status = req_query(r, "status"), *q = req_query(r, "q");
	char date[11], phone[PHONE_MAX + 1] = "";
	int all_days = resident || (q && *q);

	meal_date_param(r, date);
	if (!status)
		status = "";
	if (!q)
		q = "";
	if (*q && phone_normalize(phone, q, NULL))
		*phone = '\0';
	hset_int(r, "Filter.period", period);
	hset_int(r, "Filter.building", building);
	hset_int(r, "Filter.resident", resident);
	hset(r, "Filter.status", status);
	hset(r, "Filter.q", q);
	if (db_query_hdf(r, "Periods", "SELECT id, name FROM meal_period ORDER BY sort, id", "") < 0 ||
	    db_query_hdf(r, "Buildings", "SELECT b.id, CONCAT(c.name, ' ', b.name) AS name FROM"
			 " building b JOIN community c ON c.id = b.community_id ORDER BY c.name,"
			 " b.sort, b.name", "") < 0 ||
	    db_query_hdf(r, "Orders", "SELECT o.id, o.number, rs.name AS resident, " ADDRESS
			 " AS address, o.menu_date, p.name AS period, s.label AS slot, o.status,"
			 " o.payment, " YUAN("o.total_fen") " AS total, o.created_at FROM meal_order o"
			 " JOIN resident rs ON rs.id = o.resident_id JOIN meal_period p ON p.id ="
			 " o.period_id JOIN meal_slot s ON s.id = o.slot_id" ADDRESS_JOINS
			 " WHERE (? = 1 OR o.menu_date = ?) AND (? = 0 OR o.period_id = ?)"
			 " AND (? = '' OR o.status = ?) AND (? = 0 OR b.id = ?)"
			 " AND (? = 0 OR o.resident_id = ?) AND (? = '' OR rs.name = ? OR"
			 " o.number = ? OR o.resident_id IN (SELECT resident_id FROM resident_phone"
			 " WHERE phone = ?)) ORDER BY o.menu_date DESC, p.sort, o.id DESC LIMIT ?",
			 "isiissiiiissssi", (long long)all_days, date, period, period, status, status,
			 building, building, resident, resident, q, q, q, phone, (long long)LIST_MAX) < 0)
		return req_fail(r, 500, "err.db");
	hset_int(r, "Perm.kitchen", req_can(r, "meal.kitchen"));
	hset_int(r, "Perm.admin", req_can(r, "meal.admin"));
	hset(r, "Page.Title", tr(r, "meal.orders_title"));
	r->template = "meal/orders.cs";
	return 0;
}
