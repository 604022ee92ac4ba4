/* lists.c — the kitchen's production list, the delivery lists by building in walking order,
 * the daily sales summary and the printable menu (all printable on A4), and dish photos. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attach.h"
#include "db.h"
#include "meal_pages.h"

#define YUAN(col) "CONCAT(FLOOR(" col " / 100), '.', LPAD(" col " % 100, 2, '0'))"

/* Portions per dish of the day's orders that are not cancelled, set meals counted as their
 * dishes: by period and slot, and per period. */
#define DISH_PORTIONS \
	"(SELECT o.period_id, o.slot_id, l.item_id AS dish_id, l.qty AS n FROM meal_order_line l" \
	" JOIN meal_order o ON o.id = l.order_id JOIN meal_item i ON i.id = l.item_id" \
	" WHERE o.menu_date = ? AND o.status <> 'cancelled' AND i.kind = 'dish'" \
	" UNION ALL SELECT o.period_id, o.slot_id, si.dish_id, l.qty * si.qty FROM meal_order_line l" \
	" JOIN meal_order o ON o.id = l.order_id JOIN meal_set_item si ON si.set_id = l.item_id" \
	" WHERE o.menu_date = ? AND o.status <> 'cancelled') x"

int page_meal_kitchen(struct req *r)
{
	char date[11];

	meal_date_param(r, date);
	if (db_query_hdf(r, "Slots", "SELECT p.name AS period, s.label AS slot, d.name AS dish,"
			 " SUM(x.n) AS portions FROM " DISH_PORTIONS " JOIN meal_period p ON p.id ="
			 " x.period_id JOIN meal_slot s ON s.id = x.slot_id JOIN meal_item d ON d.id ="
			 " x.dish_id GROUP BY p.id, s.id, d.id ORDER BY p.sort, p.id, s.sort, s.id,"
			 " d.category, d.name", "ss", date, date) < 0 ||
	    db_query_hdf(r, "Totals", "SELECT p.name AS period, d.name AS dish, d.category,"
			 " SUM(x.n) AS portions FROM " DISH_PORTIONS " JOIN meal_period p ON p.id ="
			 " x.period_id JOIN meal_item d ON d.id = x.dish_id GROUP BY p.id, d.id"
			 " ORDER BY p.sort, p.id, d.category, d.name", "ss", date, date) < 0 ||
	    db_query_hdf(r, "Sets", "SELECT p.name AS period, i.name AS item, SUM(l.qty) AS"
			 " portions FROM meal_order_line l JOIN meal_order o ON o.id = l.order_id"
			 " JOIN meal_item i ON i.id = l.item_id JOIN meal_period p ON p.id ="
			 " o.period_id WHERE o.menu_date = ? AND o.status <> 'cancelled' AND i.kind ="
			 " 'set' GROUP BY p.id, i.id ORDER BY p.sort, i.name", "s", date) < 0)
		return req_fail(r, 500, "err.db");
	hset(r, "Page.Title", tr(r, "meal.kitchen_title"));
	r->template = "meal/kitchen.cs";
	return 0;
}

int page_meal_delivery(struct req *r)
{
	long long period = meal_id_param(r, "period");
	char date[11];

	meal_date_param(r, date);
	hset_int(r, "Filter.period", period);
	if (db_query_hdf(r, "Periods", "SELECT id, name FROM meal_period ORDER BY sort, id", "") < 0 ||
	    db_query_hdf(r, "Stops", "SELECT o.id, o.number, CONCAT(c.name, ' ', b.name) AS building,"
			 " u.name AS unit, h.room, rs.name AS resident, (SELECT phone FROM"
			 " resident_phone WHERE resident_id = rs.id ORDER BY is_primary DESC, id"
			 " LIMIT 1) AS phone, p.name AS period, s.label AS slot, o.note, o.status,"
			 " o.payment, " YUAN("o.total_fen") " AS total, (SELECT GROUP_CONCAT(CONCAT("
			 "l.name, '×', l.qty) ORDER BY l.id SEPARATOR '、') FROM meal_order_line l"
			 " WHERE l.order_id = o.id) AS items FROM meal_order o JOIN resident rs ON"
			 " rs.id = o.resident_id JOIN meal_period p ON p.id = o.period_id JOIN"
			 " meal_slot s ON s.id = o.slot_id JOIN household h ON h.id = o.household_id"
			 " JOIN unit u ON u.id = h.unit_id JOIN building b ON b.id = u.building_id"
			 " JOIN community c ON c.id = b.community_id LEFT JOIN meal_route rt ON"
			 " rt.building_id = b.id WHERE o.menu_date = ? AND o.status <> 'cancelled'"
			 " AND (? = 0 OR o.period_id = ?) ORDER BY p.sort, p.id, c.name,"
			 " rt.seq IS NULL, rt.seq, b.sort, b.name, u.sort, u.name, h.floor, h.room",
			 "sii", date, period, period) < 0)
		return req_fail(r, 500, "err.db");
	hset(r, "Page.Title", tr(r, "meal.delivery_title"));
	r->template = "meal/delivery.cs";
	return 0;
}

int page_meal_sales(struct req *r)
{
	char date[11];

	meal_date_param(r, date);
	if (db_query_hdf(r, "Periods", "SELECT IF(p.id IS NULL, NULL, MAX(p.name)) AS period, SUM(o.status <> 'cancelled') AS"
			 " orders, SUM(o.status = 'cancelled') AS cancelled, "
			 YUAN("SUM(IF(o.status <> 'cancelled', o.subtotal_fen, 0))") " AS subtotal, "
			 YUAN("SUM(IF(o.status <> 'cancelled', o.discount_fen, 0))") " AS discount, "
			 YUAN("SUM(IF(o.status <> 'cancelled', o.total_fen, 0))") " AS total, "
			 YUAN("SUM(IF(o.status <> 'cancelled' AND o.payment = 'cash', o.total_fen, 0))")
			 " AS cash, "
			 YUAN("SUM(IF(o.status <> 'cancelled' AND o.payment = 'monthly', o.total_fen, 0))")
			 " AS monthly FROM meal_order o JOIN meal_period p ON p.id = o.period_id"
			 " WHERE o.menu_date = ? GROUP BY p.id WITH ROLLUP", "s", date) < 0 ||
	    db_query_hdf(r, "Items", "SELECT l.name AS item, SUM(IF(l.free, 0, l.qty)) AS sold,"
			 " SUM(IF(l.free, l.qty, 0)) AS gifts, " YUAN("SUM(l.price_fen * l.qty)")
			 " AS amount FROM meal_order_line l JOIN meal_order o ON o.id = l.order_id"
			 " WHERE o.menu_date = ? AND o.status <> 'cancelled' GROUP BY l.item_id, l.name"
			 " ORDER BY SUM(l.price_fen * l.qty) DESC, l.name", "s", date) < 0 ||
	    db_query_hdf(r, "Promos", "SELECT op.name, COUNT(*) AS orders, "
			 YUAN("SUM(op.discount_fen)") " AS discount FROM meal_order_promo op JOIN"
			 " meal_order o ON o.id = op.order_id WHERE o.menu_date = ? AND o.status <>"
			 " 'cancelled' GROUP BY op.promo_id, op.name ORDER BY op.name", "s", date) < 0)
		return req_fail(r, 500, "err.db");
	hset(r, "Page.Title", tr(r, "meal.sales_title"));
	r->template = "meal/sales.cs";
	return 0;
}

int page_meal_menu_sheet(struct req *r)
{
	char date[11];

	meal_date_param(r, date);
	if (meal_menu_load(r, date, 1) ||
	    db_query_hdf(r, "Promos", "SELECT name FROM meal_promo WHERE active = 1 AND ? BETWEEN"
			 " valid_from AND valid_to ORDER BY id", "s", date) < 0)
		return req_fail(r, 500, "err.db");
	hset(r, "Page.Title", tr(r, "meal.sheet_title"));
	r->template = "meal/sheet.cs";
	return 0;
}

int page_meal_photo(struct req *r)
{
	struct stmt *st = db_query("SELECT photo_sha256, photo_mime FROM meal_item WHERE id = ? AND"
				   " photo_sha256 IS NOT NULL", "i", r->args[0]);
	char *path = NULL;
	static char mime[64];

	if (!st)
		return req_fail(r, 500, "err.db");
	if (db_next(st) == 1) {
		path = attach_path(db_text(st, 0));
		snprintf(mime, sizeof(mime), "%s", db_text(st, 1) ?: "application/octet-stream");
	}
	db_done(st);
	if (!path)
		return req_fail(r, 404, "err.not_found_object");
	if (req_body_file(r, path, ATTACH_MAX_BYTES)) {
		free(path);
		return req_fail(r, 404, "err.not_found_object");
	}
	free(path);
	r->raw_type = mime;
	return 0;
}
