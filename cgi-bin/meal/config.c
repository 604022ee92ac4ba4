/* config.c — configuration pages (meal.admin): dishes and set meals with photos, meal
 * periods with cut-off and delivery slots, promotions, and the menu of a day.  Each is one
 * page with the list and a form (?id= fills it to edit). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attach.h"
#include "db.h"
#include "meal_pages.h"

#define YUAN(col) "CONCAT(FLOOR(" col " / 100), '.', LPAD(" col " % 100, 2, '0'))"

static int saved(struct req *r, const char *to)
{
	req_flash(r, "flash.saved");
	return req_redirect(r, to);
}

/* ---- dishes and set meals */

static int items_show(struct req *r)
{
	long long id = meal_id_param(r, "id");

	if (db_query_hdf(r, "Items", "SELECT i.id, i.kind, i.name, i.category, " YUAN("i.price_fen")
			 " AS price, i.diet, i.weekdays, i.daily_stock, i.active, i.photo_sha256 IS"
			 " NOT NULL AS photo, (SELECT GROUP_CONCAT(CONCAT(d.name, '×', si.qty)"
			 " SEPARATOR '、') FROM meal_set_item si JOIN meal_item d ON d.id = si.dish_id"
			 " WHERE si.set_id = i.id) AS dishes FROM meal_item i ORDER BY i.kind,"
			 " i.category, i.name", "") < 0 ||
	    db_query_hdf(r, "Dishes", "SELECT id, name FROM meal_item WHERE kind = 'dish' ORDER BY"
			 " name", "") < 0)
		return req_fail(r, 500, "err.db");
	for (int i = 0; meal_diets[i]; i++)
		hset_row(r, "Diets", i, "code", meal_diets[i]);
	if (id && !hdf_get_value(r->hdf, "Form.name", NULL)) {
		if (db_row_hdf(r, "Form", "SELECT id, kind, name, category, " YUAN("price_fen")
			       " AS price, diet, weekdays, daily_stock, description, active FROM"
			       " meal_item WHERE id = ?", "i", id) <= 0)
			return req_fail(r, 404, "err.not_found_object");
		if (db_query_hdf(r, "Form.Set", "SELECT dish_id, qty FROM meal_set_item WHERE set_id"
				 " = ? ORDER BY dish_id", "i", id) < 0)
			return req_fail(r, 500, "err.db");
	} else if (!hdf_get_value(r->hdf, "Form.kind", NULL)) {
		hset(r, "Form.kind", "dish");
		hset(r, "Form.weekdays", "127");
		hset(r, "Form.daily_stock", "50");
		hset(r, "Form.active", "1");
	}
	for (int w = 0; w < 7; w++) {
		char node[16];
		snprintf(node, sizeof(node), "Form.Wd.%d", w);
		hset_int(r, node, (hdf_get_int_value(r->hdf, "Form.weekdays", 0) >> w) & 1);
	}
	hset(r, "Page.Title", tr(r, "meal.items_title"));
	r->template = "meal/items.cs";
	return 0;
}

int page_meal_items(struct req *r)
{
	return items_show(r);
}

/* The photo upload, if any: stored, its hash and type into d.  0, or -1 with an error. */
static int item_photo(struct req *r, struct meal_item_def *d, char *sha, char *mime)
{
	for (size_t i = 0; i < r->form.n; i++) {
		const struct param *p = &r->form.v[i];
		const char *err;

		if (strcmp(p->name, "photo") || !p->filename || !p->len)
			continue;
		if ((err = attach_store(sha, mime, p->value, p->len))) {
			form_error(r, "photo", err);
			return -1;
		}
		if (strncmp(mime, "image/", 6)) {
			form_error(r, "photo", "attach.err_type");
			return -1;
		}
		d->photo_sha256 = sha;
		d->photo_mime = mime;
	}
	return 0;
}

int page_meal_item_save(struct req *r)
{
	struct org_actor who = meal_actor(r);
	struct org_errors e = { 0 };
	struct meal_item_def d;
	const char *days[8], *diets[16], *dish[MEAL_MAX_SET + 4], *qty[MEAL_MAX_SET + 4];
	char sha[65], mime[64], diet[256] = "";
	long long id = meal_id_param(r, "id");
	size_t n;
	enum org_result res;
	int status;

	memset(&d, 0, sizeof(d));
	form_keep(r, "id", "kind", "name", "category", "price", "daily_stock", "description", NULL);
	d.kind = req_field(r, "kind");
	d.name = req_field(r, "name");
	d.category = req_field(r, "category");
	d.price = req_field(r, "price");
	d.description = req_field(r, "description");
	d.active = *req_field(r, "active") != '\0';
	d.daily_stock = atoll(req_field(r, "daily_stock"));
	n = form_all(r, "weekday", days, 8);
	for (size_t i = 0; i < n; i++)
		if (atoi(days[i]) >= 0 && atoi(days[i]) < 7)
			d.weekdays |= 1 << atoi(days[i]);
	n = form_all(r, "diet", diets, 16);
	for (size_t i = 0; i < n; i++)
		snprintf(diet + strlen(diet), sizeof(diet) - strlen(diet), "%s%s", i ? "," : "",
			 diets[i]);
	d.diet = diet;
	n = form_all(r, "dish", dish, MEAL_MAX_SET + 4);
	form_all(r, "dish_qty", qty, MEAL_MAX_SET + 4);
	for (size_t i = 0; i < n; i++) {
		if (atoll(dish[i]) <= 0)
			continue;
		if (d.nset == MEAL_MAX_SET) {
			d.nset++;
			break;
		}
		d.set_dish_ids[d.nset] = atoll(dish[i]);
		d.set_qty[d.nset++] = atoi(qty[i]) > 0 ? atoi(qty[i]) : 1;
	}
	hset_int(r, "Form.weekdays", d.weekdays);
	hset(r, "Form.diet", diet);
	hset_int(r, "Form.active", d.active);
	if (item_photo(r, &d, sha, mime))
		return items_show(r) ?: (r->status = 422, 0);
	res = meal_item_save(&id, &e, &who, &d);
	if (res) {
		if ((status = meal_errors(r, res, &e)))
			return status;
		status = r->status;
		return items_show(r) ?: (r->status = status, 0);
	}
	return saved(r, "/meal/items");
}

/* ---- periods */

static int periods_show(struct req *r)
{
	long long id = meal_id_param(r, "id");

	if (db_query_hdf(r, "PeriodList", "SELECT p.id, p.name, TIME_FORMAT(p.cutoff, '%H:%i') AS"
			 " cutoff, p.sort, p.active, (SELECT GROUP_CONCAT(label ORDER BY sort SEPARATOR"
			 " ' ') FROM meal_slot WHERE period_id = p.id) AS slots FROM meal_period p"
			 " ORDER BY p.sort, p.id", "") < 0)
		return req_fail(r, 500, "err.db");
	if (id && !hdf_get_value(r->hdf, "Form.name", NULL) &&
	    db_row_hdf(r, "Form", "SELECT p.id, p.name, TIME_FORMAT(p.cutoff, '%H:%i') AS cutoff,"
		       " p.sort, p.active, (SELECT GROUP_CONCAT(label ORDER BY sort SEPARATOR ' ')"
		       " FROM meal_slot WHERE period_id = p.id) AS slots FROM meal_period p WHERE"
		       " p.id = ?", "i", id) <= 0)
		return req_fail(r, 404, "err.not_found_object");
	if (!id && !hdf_get_value(r->hdf, "Form.active", NULL))
		hset(r, "Form.active", "1");
	hset(r, "Page.Title", tr(r, "meal.periods_title"));
	r->template = "meal/periods.cs";
	return 0;
}

int page_meal_periods(struct req *r)
{
	return periods_show(r);
}

int page_meal_period_save(struct req *r)
{
	struct org_actor who = meal_actor(r);
	struct org_errors e = { 0 };
	long long id = meal_id_param(r, "id");
	int active = *req_field(r, "active") != '\0', status;
	enum org_result res;

	form_keep(r, "id", "name", "cutoff", "slots", "sort", NULL);
	hset_int(r, "Form.active", active);
	res = meal_period_save(&id, &e, &who, req_field(r, "name"), req_field(r, "cutoff"),
			       req_field(r, "slots"), atoi(req_field(r, "sort")), active);
	if (res) {
		if ((status = meal_errors(r, res, &e)))
			return status;
		status = r->status;
		return periods_show(r) ?: (r->status = status, 0);
	}
	return saved(r, "/meal/periods");
}

/* ---- promotions */

static int promos_show(struct req *r)
{
	long long id = meal_id_param(r, "id");
	char today[11];

	if (db_query_hdf(r, "PromoList", "SELECT p.id, p.name, p.kind, p.percent_off, "
			 YUAN("p.amount_fen") " AS amount, " YUAN("p.threshold_fen") " AS threshold,"
			 " i.name AS free_item, p.valid_from, p.valid_to, pe.name AS period,"
			 " p.resident_tag, p.exclusive, p.active FROM meal_promo p LEFT JOIN meal_item"
			 " i ON i.id = p.free_item_id LEFT JOIN meal_period pe ON pe.id = p.period_id"
			 " ORDER BY p.active DESC, p.valid_to DESC, p.id", "") < 0 ||
	    db_query_hdf(r, "ItemList", "SELECT id, name FROM meal_item WHERE active = 1 ORDER BY"
			 " kind, name", "") < 0 ||
	    db_query_hdf(r, "PeriodList", "SELECT id, name FROM meal_period ORDER BY sort", "") < 0 ||
	    db_query_hdf(r, "TagList", "SELECT i.code, i.label FROM dictionary_item i JOIN"
			 " dictionary d ON d.id = i.dictionary_id WHERE d.code = 'customer_tag'"
			 " AND i.active = 1 ORDER BY i.sort", "") < 0)
		return req_fail(r, 500, "err.db");
	if (id && !hdf_get_value(r->hdf, "Form.name", NULL) &&
	    db_row_hdf(r, "Form", "SELECT id, name, kind, percent_off, " YUAN("amount_fen")
		       " AS amount, " YUAN("threshold_fen") " AS threshold, free_item_id, valid_from,"
		       " valid_to, period_id, resident_tag, exclusive, active FROM meal_promo WHERE"
		       " id = ?", "i", id) <= 0)
		return req_fail(r, 404, "err.not_found_object");
	if (!hdf_get_value(r->hdf, "Form.kind", NULL)) {
		hset(r, "Form.kind", "percent");
		hset(r, "Form.valid_from", meal_today(today));
		hset(r, "Form.valid_to", today);
		hset(r, "Form.active", "1");
	}
	hset(r, "Page.Title", tr(r, "meal.promos_title"));
	r->template = "meal/promos.cs";
	return 0;
}

int page_meal_promos(struct req *r)
{
	return promos_show(r);
}

int page_meal_promo_save(struct req *r)
{
	struct org_actor who = meal_actor(r);
	struct org_errors e = { 0 };
	struct meal_promo_def d;
	long long id = meal_id_param(r, "id");
	enum org_result res;
	int status;

	form_keep(r, "id", "name", "kind", "percent_off", "amount", "threshold", "free_item_id",
		  "valid_from", "valid_to", "period_id", "resident_tag", NULL);
	memset(&d, 0, sizeof(d));
	d.name = req_field(r, "name");
	d.kind = req_field(r, "kind");
	d.percent_off = atoll(req_field(r, "percent_off"));
	d.amount = req_field(r, "amount");
	d.threshold = req_field(r, "threshold");
	d.free_item_id = meal_id_param(r, "free_item_id");
	d.valid_from = req_field(r, "valid_from");
	d.valid_to = req_field(r, "valid_to");
	d.period_id = meal_id_param(r, "period_id");
	d.resident_tag = req_field(r, "resident_tag");
	d.exclusive = *req_field(r, "exclusive") != '\0';
	d.active = *req_field(r, "active") != '\0';
	hset_int(r, "Form.exclusive", d.exclusive);
	hset_int(r, "Form.active", d.active);
	res = meal_promo_save(&id, &e, &who, &d);
	if (res) {
		if ((status = meal_errors(r, res, &e)))
			return status;
		status = r->status;
		return promos_show(r) ?: (r->status = status, 0);
	}
	return saved(r, "/meal/promos");
}

/* ---- the menu of a day */

static int menu_show(struct req *r, const char *date)
{
	if (meal_menu_load(r, date, 0) ||
	    db_query_hdf(r, "ItemList", "SELECT id, kind, name, daily_stock, weekdays FROM meal_item"
			 " WHERE active = 1 ORDER BY kind, category, name", "") < 0)
		return req_fail(r, 500, "err.db");
	hset(r, "Page.Title", tr(r, "meal.menu_title"));
	r->template = "meal/menu.cs";
	return 0;
}

int page_meal_menu(struct req *r)
{
	char date[11];

	meal_date_param(r, date);
	return menu_show(r, date);
}

int page_meal_menu_set(struct req *r)
{
	struct org_actor who = meal_actor(r);
	struct org_errors e = { 0 };
	const char *stock = req_field(r, "stock");
	char date[11], url[40];
	enum org_result res;
	int status;

	meal_date_param(r, date);
	form_keep(r, "period_id", "item_id", "stock", NULL);
	if (*stock && strspn(stock, "0123456789") != strlen(stock)) {
		form_error(r, "stock", "meal.err_stock");
		r->status = 422;
		return menu_show(r, date);
	}
	res = meal_menu_set(&e, &who, date, meal_id_param(r, "period_id"),
			    meal_id_param(r, "item_id"), *stock ? atoll(stock) : -1);
	if (res) {
		if ((status = meal_errors(r, res, &e)))
			return status;
		status = r->status;
		return menu_show(r, date) ?: (r->status = status, 0);
	}
	snprintf(url, sizeof(url), "/meal/menu?date=%s", date);
	return saved(r, url);
}

int page_meal_menu_remove(struct req *r)
{
	struct org_actor who = meal_actor(r);
	struct org_errors e = { 0 };
	enum org_result res = meal_menu_remove(&e, &who, r->args[0]);
	char date[11], url[40];
	int status;

	meal_date_param(r, date);
	if (res) {
		if ((status = meal_errors(r, res, &e)))
			return status;
		status = r->status;
		return menu_show(r, date) ?: (r->status = status, 0);
	}
	snprintf(url, sizeof(url), "/meal/menu?date=%s", date);
	return saved(r, url);
}
