/* meal.c — the resident orders meals: the menu of today (or a day ahead) per period with
 * what is left and the promotions, an order to one of their households in a slot, their
 * orders, one order, cancel before the cut-off.  Only their own orders: another's is the
 * same 404 as none.  The rules live in lib/meal.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attach.h"
#include "db.h"
#include "meal.h"
#include "portal_pages.h"

#define YUAN(col) "CONCAT(FLOOR(" col " / 100), '.', LPAD(" col " % 100, 2, '0'))"
#define MY_ORDERS_MAX 20

static long long id_param(const struct req *r, const char *name)
{
	const char *v = req_param(r, name);
	char *end;
	long long n;

	if (!v || !*v)
		return 0;
	n = strtoll(v, &end, 10);
	return *end || n <= 0 ? 0 : n;
}

/* The menu of date (Periods, Slots, Menu as meal/order.cs reads them), promotions, the
 * resident's households and orders; the chosen period in Form.period.  0 or -1. */
static int meal_page_fill(struct req *r, const char *date)
{
	long long me = portal_me(r), period = id_param(r, "period");
	char node[64];
	HDF *ps;
	int n;

	n = db_query_hdf(r, "Periods", "SELECT id, name, TIME_FORMAT(cutoff, '%H:%i') AS cutoff"
			 " FROM meal_period WHERE active = 1 ORDER BY sort, id", "");
	if (n < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		snprintf(node, sizeof(node), "Periods.%d.id", i);
		long long pid = hdf_get_int_value(r->hdf, node, 0);
		snprintf(node, sizeof(node), "Periods.%d.open", i);
		hset_int(r, node, meal_open(date, pid) == 1);
		if (!period && meal_open(date, pid) == 1)
			period = pid;
	}
	ps = hdf_get_obj(r->hdf, "Periods");
	if (!period && ps && hdf_obj_child(ps))
		period = hdf_get_int_value(hdf_obj_child(ps), "id", 0);
	hset_int(r, "Form.period", period);
	if (!hdf_get_value(r->hdf, "Form.payment", NULL))
		hset(r, "Form.payment", "cash");
	hset(r, "Meal.PhotoBase", "/portal/meal/photos/");
	if (db_query_hdf(r, "Slots", "SELECT id, period_id, label FROM meal_slot ORDER BY period_id,"
			 " sort, id", "") < 0 ||
	    db_query_hdf(r, "Menu", "SELECT m.period_id, i.id AS item_id, i.kind, i.name, i.category,"
			 " " YUAN("i.price_fen") " AS price, i.diet, i.photo_sha256 IS NOT NULL AS photo,"
			 " m.stock - m.sold AS left_count, (SELECT GROUP_CONCAT(d.name ORDER BY d.name"
			 " SEPARATOR '、') FROM meal_set_item si JOIN meal_item d ON d.id = si.dish_id"
			 " WHERE si.set_id = i.id) AS dishes FROM meal_menu m JOIN meal_item i ON i.id ="
			 " m.item_id WHERE m.menu_date = ? AND m.period_id = ? AND i.active = 1"
			 " ORDER BY i.kind = 'dish', i.category, m.sort, i.name", "si", date, period) < 0 ||
	    db_query_hdf(r, "Promos", "SELECT p.name, p.kind, p.percent_off, " YUAN("p.amount_fen")
			 " AS amount, " YUAN("p.threshold_fen") " AS threshold, i.name AS free_item,"
			 " pe.name AS period, p.resident_tag, p.exclusive FROM meal_promo p LEFT JOIN"
			 " meal_item i ON i.id = p.free_item_id LEFT JOIN meal_period pe ON pe.id ="
			 " p.period_id WHERE p.active = 1 AND ? BETWEEN p.valid_from AND p.valid_to AND"
			 " (p.resident_tag IS NULL OR p.resident_tag IN (SELECT tag FROM resident_tag"
			 " WHERE resident_id = ?)) ORDER BY p.id", "si", date, me) < 0 ||
	    db_query_hdf(r, "Households", "SELECT h.id, CONCAT(c.name, ' ', b.name, u.name, h.room)"
			 " AS address FROM resident_household rh JOIN household h ON h.id ="
			 " rh.household_id JOIN unit u ON u.id = h.unit_id JOIN building b ON b.id ="
			 " u.building_id JOIN community c ON c.id = b.community_id WHERE"
			 " rh.resident_id = ? ORDER BY h.id", "i", me) < 0 ||
	    db_query_hdf(r, "Orders", "SELECT o.id, o.number, o.menu_date, p.name AS period,"
			 " s.label AS slot, o.status, " YUAN("o.total_fen") " AS total, (SELECT"
			 " GROUP_CONCAT(CONCAT(l.name, '×', l.qty) SEPARATOR '、') FROM meal_order_line"
			 " l WHERE l.order_id = o.id) AS items FROM meal_order o JOIN meal_period p ON"
			 " p.id = o.period_id JOIN meal_slot s ON s.id = o.slot_id WHERE"
			 " o.resident_id = ? ORDER BY o.id DESC LIMIT ?", "ii", me,
			 (long long)MY_ORDERS_MAX) < 0)
		return -1;
	return 0;
}

static void date_param(struct req *r, char *date)
{
	const char *v = req_param(r, "date");

	if (v && strlen(v) == 10 && strspn(v, "0123456789-") == 10)
		snprintf(date, 11, "%s", v);
	else
		meal_today(date);
	hset(r, "Filter.date", date);
}

int page_meal_home(struct req *r)
{
	char date[11];

	date_param(r, date);
	if (meal_page_fill(r, date))
		return req_fail(r, 500, "err.db");
	hset(r, "Page.Title", tr(r, "meal.portal_title"));
	r->template = "portal/meal.cs";
	return 0;
}

int page_meal_place(struct req *r)
{
	struct org_errors e = { 0 };
	struct meal_order_input in;
	const char *items[64], *qty[64];
	size_t ni, nq;
	enum org_result res;
	long long id = 0;
	char date[11], url[64];

	memset(&in, 0, sizeof(in));
	date_param(r, date);
	form_keep(r, "household", "slot", "payment", "note", NULL);
	ni = form_all(r, "item", items, 64);
	nq = form_all(r, "qty", qty, 64);
	for (size_t i = 0; i < ni && i < nq && in.nlines < MEAL_MAX_LINES; i++) {
		int q = atoi(qty[i]);
		if (q <= 0 && strspn(qty[i], "0") == strlen(qty[i]))
			continue;
		in.item_ids[in.nlines] = atoll(items[i]);
		in.qty[in.nlines++] = q;
	}
	in.resident_id = portal_me(r);
	in.household_id = id_param(r, "household");
	in.period_id = id_param(r, "period");
	in.slot_id = id_param(r, "slot");
	in.date = date;
	in.note = req_field(r, "note");
	in.payment = req_field(r, "payment");
	in.channel = "portal";
	in.ip = r->ip;
	res = meal_order_place(&id, &e, &in);
	if (res) {
		int status = portal_step_errors(r, res, &e);
		if (status)
			return status;
		status = r->status;
		if (meal_page_fill(r, date))
			return req_fail(r, 500, "err.db");
		r->status = status;
		for (int i = 0; i < in.nlines; i++) {	/* the portions typed, again */
			HDF *m = hdf_get_obj(r->hdf, "Menu");
			for (HDF *c = m ? hdf_obj_child(m) : NULL; c; c = hdf_obj_next(c))
				if (atoll(hdf_get_value(c, "item_id", "0")) == in.item_ids[i]) {
					char node[64];
					snprintf(node, sizeof(node), "Menu.%s.qty", hdf_obj_name(c));
					hset_int(r, node, in.qty[i]);
				}
		}
		hset(r, "Page.Title", tr(r, "meal.portal_title"));
		r->template = "portal/meal.cs";
		return 0;
	}
	req_flash(r, "meal.flash_placed");
	snprintf(url, sizeof(url), "/portal/meal/orders/%lld", id);
	return req_redirect(r, url);
}

int page_meal_order(struct req *r)
{
	long long id = r->args[0];
	int found;

	if (!meal_order_mine(portal_me(r), id))
		return portal_not_found(r);
	found = db_row_hdf(r, "Order", "SELECT o.id, o.number, o.menu_date, p.name AS period,"
			   " s.label AS slot, o.status, o.payment, o.note, " YUAN("o.subtotal_fen")
			   " AS subtotal, " YUAN("o.discount_fen") " AS discount, " YUAN("o.total_fen")
			   " AS total, o.cancel_reason, CONCAT(b.name, u.name, h.room) AS address,"
			   " o.period_id FROM meal_order o JOIN meal_period p ON p.id = o.period_id"
			   " JOIN meal_slot s ON s.id = o.slot_id JOIN household h ON h.id ="
			   " o.household_id JOIN unit u ON u.id = h.unit_id JOIN building b ON b.id ="
			   " u.building_id WHERE o.id = ?", "i", id);
	if (found <= 0)
		return found < 0 ? req_fail(r, 500, "err.db") : portal_not_found(r);
	if (db_query_hdf(r, "Lines", "SELECT name, " YUAN("price_fen") " AS price, qty, free FROM"
			 " meal_order_line WHERE order_id = ? ORDER BY free, id", "i", id) < 0 ||
	    db_query_hdf(r, "Promos", "SELECT name, " YUAN("discount_fen") " AS discount FROM"
			 " meal_order_promo WHERE order_id = ?", "i", id) < 0)
		return req_fail(r, 500, "err.db");
	{
		const char *st = hdf_get_value(r->hdf, "Order.status", "");
		int open = meal_open(hdf_get_value(r->hdf, "Order.menu_date", ""),
				     hdf_get_int_value(r->hdf, "Order.period_id", 0)) == 1;
		hset_int(r, "Order.may_cancel", open && strcmp(st, "cancelled") &&
			 strcmp(st, "delivered"));
	}
	hset(r, "Page.Title", hdf_get_value(r->hdf, "Order.number", ""));
	r->template = "portal/meal_order.cs";
	return 0;
}

int page_meal_cancel(struct req *r)
{
	struct org_actor who = { 0, r->ip };
	struct org_errors e = { 0 };
	enum org_result res;
	char url[64];
	int status;

	if (!meal_order_mine(portal_me(r), r->args[0]))
		return portal_not_found(r);
	res = meal_order_cancel(&e, &who, portal_me(r), r->args[0], req_field(r, "reason"));
	if (res) {
		if ((status = portal_step_errors(r, res, &e)))
			return status;
		status = r->status;
		if ((res = page_meal_order(r)))
			return res;
		r->status = status;
		return 0;
	}
	req_flash(r, "meal.flash_cancelled");
	snprintf(url, sizeof(url), "/portal/meal/orders/%lld", r->args[0]);
	return req_redirect(r, url);
}

int page_meal_photo(struct req *r)
{
	struct stmt *st = db_query("SELECT photo_sha256, photo_mime FROM meal_item WHERE id = ? AND"
				   " photo_sha256 IS NOT NULL AND active = 1", "i", r->args[0]);
	static char mime[64];
	char *path = NULL;

	if (!st)
		return req_fail(r, 500, "err.db");
	if (db_next(st) == 1) {
		path = attach_path(db_text(st, 0));
		snprintf(mime, sizeof(mime), "%s", db_text(st, 1) ?: "application/octet-stream");
	}
	db_done(st);
	if (!path || req_body_file(r, path, ATTACH_MAX_BYTES)) {
		free(path);
		return portal_not_found(r);
	}
	free(path);
	r->raw_type = mime;
	return 0;
}
