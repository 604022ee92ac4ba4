/* common.c — what the meal pages share: errors on forms, parameters, the menu of a day. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "meal_pages.h"

int meal_errors(struct req *r, enum org_result res, const struct org_errors *e)
{
	if (res == ORG_NOT_FOUND)
		return req_fail(r, 404, "err.not_found_object");
	if (res == ORG_DB || res == ORG_OK)
		return req_fail(r, 500, "err.db");
	for (int i = 0; i < e->n; i++) {
		if (e->v[i].field)
			form_error(r, e->v[i].field, e->v[i].key);
		hset(r, "Page.Error", tr(r, e->v[i].key));
	}
	if (!e->n)
		hset(r, "Page.Error", tr(r, "err.form"));
	r->status = res == ORG_REFUSED ? 409 : 422;
	return 0;
}

long long meal_id_param(const struct req *r, const char *name)
{
	const char *v = req_param(r, name);
	char *end;
	long long n;

	if (!v || !*v)
		return 0;
	n = strtoll(v, &end, 10);
	return *end || n <= 0 ? 0 : n;
}

void meal_date_param(struct req *r, char *date)
{
	const char *v = req_param(r, "date");
	int y, m, d;
	char tail;

	if (v && strlen(v) == 10 && sscanf(v, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3)
		snprintf(date, 11, "%s", v);
	else
		meal_today(date);
	hset(r, "Filter.date", date);
}

#define YUAN(col) "CONCAT(FLOOR(" col " / 100), '.', LPAD(" col " % 100, 2, '0'))"

int meal_menu_load(struct req *r, const char *date, int active_only)
{
	char node[64];
	int n;

	n = db_query_hdf(r, "Periods", "SELECT id, name, TIME_FORMAT(cutoff, '%H:%i') AS cutoff,"
			 " active FROM meal_period WHERE active = 1 OR ? = 0 ORDER BY sort, id",
			 "i", (long long)active_only);
	if (n < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		snprintf(node, sizeof(node), "Periods.%d.id", i);
		long long pid = hdf_get_int_value(r->hdf, node, 0);
		snprintf(node, sizeof(node), "Periods.%d.open", i);
		hset_int(r, node, meal_open(date, pid) == 1);
	}
	if (db_query_hdf(r, "Slots", "SELECT s.id, s.period_id, s.label FROM meal_slot s"
			 " ORDER BY s.period_id, s.sort, s.id", "") < 0 ||
	    db_query_hdf(r, "Menu", "SELECT m.id AS menu_id, m.period_id, i.id AS item_id, i.kind,"
			 " i.name, i.category, " YUAN("i.price_fen") " AS price, i.price_fen, i.diet,"
			 " i.description, i.photo_sha256 IS NOT NULL AS photo, m.stock, m.sold,"
			 " m.stock - m.sold AS left_count, (SELECT GROUP_CONCAT(CONCAT(d.name,"
			 " IF(si.qty > 1, CONCAT('×', si.qty), '')) ORDER BY d.name SEPARATOR '、')"
			 " FROM meal_set_item si JOIN meal_item d ON d.id = si.dish_id WHERE"
			 " si.set_id = i.id) AS dishes FROM meal_menu m JOIN meal_item i ON i.id ="
			 " m.item_id WHERE m.menu_date = ? AND (i.active = 1 OR ? = 0)"
			 " ORDER BY m.period_id, i.kind = 'dish', i.category, m.sort, i.name", "si",
			 date, (long long)active_only) < 0)
		return -1;
	return 0;
}
