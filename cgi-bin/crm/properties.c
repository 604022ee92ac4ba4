/* properties.c — the property tree pages: communities, their buildings, units and
 * households, each with its add and edit forms; the tree as CSV. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crm.h"
#include "csv.h"
#include "db.h"
#include "property.h"

#define SORT_LIMIT 1000000000LL

/* After a successful change: a notice, then the page base/id. */
static int done(struct req *r, const char *flash, const char *base, long long id)
{
	char *to = xasprintf("%s/%lld", base, id);
	int status;

	req_flash(r, flash);
	status = req_redirect(r, to);
	free(to);
	return status;
}

/* ------------------------------------------------------------------ communities */

int page_properties(struct req *r)
{
	long long page = crm_page(r);
	struct buf url;
	int n;

	n = db_query_hdf(r, "Communities", "SELECT c.id, c.code, c.name, c.city, c.district,"
			 " c.phone, (SELECT COUNT(*) FROM building b WHERE b.community_id = c.id)"
			 " AS building_count, (SELECT COUNT(*) FROM building b JOIN unit u"
			 " ON u.building_id = b.id JOIN household h ON h.unit_id = u.id"
			 " WHERE b.community_id = c.id) AS household_count, (SELECT COUNT(*)"
			 " FROM building b JOIN unit u ON u.building_id = b.id JOIN household h"
			 " ON h.unit_id = u.id WHERE b.community_id = c.id AND h.heating_status ="
			 " 'stopped') AS stopped_count FROM community c ORDER BY c.name, c.id"
			 " LIMIT ? OFFSET ?", "ii", (long long)CRM_PER_PAGE + 1,
			 (page - 1) * CRM_PER_PAGE);
	if (n < 0)
		return req_fail(r, 500, "err.db");
	if (n > CRM_PER_PAGE)
		crm_drop_row(r, "Communities", CRM_PER_PAGE);
	buf_init(&url);
	buf_puts(&url, "/crm/properties");
	crm_pager(r, &url, page, n > CRM_PER_PAGE);
	buf_free(&url);
	crm_can_hdf(r);
	hset(r, "Page.Title", tr(r, "crm.prop.title"));
	r->template = "crm/properties.cs";
	return 0;
}

static int community_form(struct req *r, long long id)
{
	if (id)
		hset_int(r, "Form.id", id);
	hset(r, "Page.Title", tr(r, id ? "crm.prop.community_edit" : "crm.prop.community_new"));
	r->template = "crm/community_form.cs";
	return 0;
}

int page_community_new(struct req *r)
{
	return community_form(r, 0);
}

int page_community_edit(struct req *r)
{
	int found = db_row_hdf(r, "Form", "SELECT code, name, city, district, address, phone"
				" FROM community WHERE id = ?", "i", r->args[0]);

	if (found <= 0)
		return req_fail(r, found < 0 ? 500 : 404, found < 0 ? "err.db" : "err.not_found_object");
	return community_form(r, r->args[0]);
}

static void community_read(struct req *r, struct property_community *c)
{
	form_keep(r, "code", "name", "city", "district", "address", "phone", NULL);
	c->code = req_field(r, "code");
	c->name = req_field(r, "name");
	c->city = req_field(r, "city");
	c->district = req_field(r, "district");
	c->address = req_field(r, "address");
	c->phone = req_field(r, "phone");
}

int page_community_create(struct req *r)
{
	struct org_actor who = crm_actor(r);
	struct org_errors e = { 0 };
	struct property_community c;
	enum org_result res;
	long long id;
	int status;

	community_read(r, &c);
	res = property_community_create(&id, &e, &who, &c);
	if (res) {
		status = crm_org_errors(r, res, &e);
		return status ? status : community_form(r, 0);
	}
	return done(r, "flash.created", "/crm/properties", id);
}

int page_community_update(struct req *r)
{
	struct org_actor who = crm_actor(r);
	struct org_errors e = { 0 };
	struct property_community c;
	enum org_result res;
	int status;

	community_read(r, &c);
	res = property_community_update(&e, &who, r->args[0], &c);
	if (res) {
		status = crm_org_errors(r, res, &e);
		return status ? status : community_form(r, r->args[0]);
	}
	return done(r, "flash.saved", "/crm/properties", r->args[0]);
}

/* Community id with its buildings and the add-building form. */
static int community_page(struct req *r, long long id)
{
	int found = db_row_hdf(r, "Community", "SELECT id, code, name, city, district, address,"
				" phone FROM community WHERE id = ?", "i", id);

	if (found <= 0)
		return req_fail(r, found < 0 ? 500 : 404, found < 0 ? "err.db" : "err.not_found_object");
	if (db_query_hdf(r, "Buildings", "SELECT b.id, b.name, b.sort, (SELECT COUNT(*) FROM unit u"
			 " WHERE u.building_id = b.id) AS unit_count, (SELECT COUNT(*) FROM unit u"
			 " JOIN household h ON h.unit_id = u.id WHERE u.building_id = b.id)"
			 " AS household_count, (SELECT COUNT(*) FROM unit u JOIN household h"
			 " ON h.unit_id = u.id WHERE u.building_id = b.id AND h.heating_status ="
			 " 'stopped') AS stopped_count FROM building b WHERE b.community_id = ?"
			 " ORDER BY b.sort, b.name", "i", id) < 0)
		return req_fail(r, 500, "err.db");
	crm_can_hdf(r);
	hset(r, "Page.Title", hdf_get_value(r->hdf, "Community.name", ""));
	r->template = "crm/community.cs";
	return 0;
}

int page_community(struct req *r)
{
	return community_page(r, r->args[0]);
}

/* Shows why a change of a node on its page failed: the page again, or an error page. */
static int node_failed(struct req *r, enum org_result res, const struct org_errors *e,
		       int (*page)(struct req *, long long), long long id)
{
	int status = crm_org_errors(r, res, e);

	if (status)
		return status;
	status = r->status;
	page(r, id);
	r->status = status;
	return 0;
}

int page_community_delete(struct req *r)
{
	struct org_actor who = crm_actor(r);
	struct org_errors e = { 0 };
	enum org_result res = property_community_delete(&e, &who, r->args[0]);

	if (res)
		return node_failed(r, res, &e, community_page, r->args[0]);
	req_flash(r, "flash.deleted");
	return req_redirect(r, "/crm/properties");
}

/* ------------------------------------------------------------------ buildings */

/* The sort field of an add or edit form. */
static long long form_sort(struct req *r)
{
	return crm_form_int(r, "sort", 0, -SORT_LIMIT, SORT_LIMIT);
}

int page_building_create(struct req *r)
{
	struct org_actor who = crm_actor(r);
	struct org_errors e = { 0 };
	enum org_result res = ORG_INVALID;
	long long id, sort;

	form_keep(r, "name", "sort", NULL);
	hset(r, "Form.which", "add");
	sort = form_sort(r);
	if (!form_has_errors(r))
		res = property_building_create(&id, &e, &who, r->args[0], req_field(r, "name"), sort);
	if (res)
		return node_failed(r, res, &e, community_page, r->args[0]);
	return done(r, "flash.created", "/crm/properties", r->args[0]);
}

/* Building id with its units, its edit form and the add-unit form. */
static int building_page(struct req *r, long long id)
{
	int found = db_row_hdf(r, "Building", "SELECT b.id, b.name, b.sort, c.id AS community_id,"
				" c.name AS community FROM building b JOIN community c"
				" ON c.id = b.community_id WHERE b.id = ?", "i", id);

	if (found <= 0)
		return req_fail(r, found < 0 ? 500 : 404, found < 0 ? "err.db" : "err.not_found_object");
	if (db_query_hdf(r, "Units", "SELECT u.id, u.name, u.floors, u.sort, (SELECT COUNT(*)"
			 " FROM household h WHERE h.unit_id = u.id) AS household_count,"
			 " (SELECT COUNT(*) FROM household h WHERE h.unit_id = u.id"
			 " AND h.heating_status = 'stopped') AS stopped_count FROM unit u"
			 " WHERE u.building_id = ? ORDER BY u.sort, u.name", "i", id) < 0)
		return req_fail(r, 500, "err.db");
	hset(r, "Page.Title", hdf_get_value(r->hdf, "Building.name", ""));
	r->template = "crm/building.cs";
	return 0;
}

int page_building(struct req *r)
{
	return building_page(r, r->args[0]);
}

int page_building_update(struct req *r)
{
	struct org_actor who = crm_actor(r);
	struct org_errors e = { 0 };
	enum org_result res = ORG_INVALID;
	long long sort;

	form_keep(r, "name", "sort", NULL);
	hset(r, "Form.which", "edit");
	sort = form_sort(r);
	if (!form_has_errors(r))
		res = property_building_update(&e, &who, r->args[0], req_field(r, "name"), sort);
	if (res)
		return node_failed(r, res, &e, building_page, r->args[0]);
	return done(r, "flash.saved", "/crm/properties/buildings", r->args[0]);
}

int page_building_delete(struct req *r)
{
	struct org_actor who = crm_actor(r);
	struct org_errors e = { 0 };
	long long parent = db_int_query(0, "SELECT community_id FROM building WHERE id = ?", "i",
					r->args[0]);
	enum org_result res = property_building_delete(&e, &who, r->args[0]);

	if (res)
		return node_failed(r, res, &e, building_page, r->args[0]);
	return done(r, "flash.deleted", "/crm/properties", parent);
}

/* ------------------------------------------------------------------ units */

int page_unit_create(struct req *r)
{
	struct org_actor who = crm_actor(r);
	struct org_errors e = { 0 };
	enum org_result res = ORG_INVALID;
	long long id, sort;

	form_keep(r, "name", "floors", "sort", NULL);
	hset(r, "Form.which", "add");
	sort = form_sort(r);
	if (!form_has_errors(r))
		res = property_unit_create(&id, &e, &who, r->args[0], req_field(r, "name"),
					   req_field(r, "floors"), sort);
	if (res)
		return node_failed(r, res, &e, building_page, r->args[0]);
	return done(r, "flash.created", "/crm/properties/buildings", r->args[0]);
}

/* Unit id with its households, its edit form and the add-household form. */
static int unit_page(struct req *r, long long id)
{
	int found = db_row_hdf(r, "Unit", "SELECT u.id, u.name, u.floors, u.sort,"
				" b.id AS building_id, b.name AS building, c.id AS community_id,"
				" c.name AS community FROM unit u JOIN building b ON b.id = u.building_id"
				" JOIN community c ON c.id = b.community_id WHERE u.id = ?", "i", id);

	if (found <= 0)
		return req_fail(r, found < 0 ? 500 : 404, found < 0 ? "err.db" : "err.not_found_object");
	if (db_query_hdf(r, "Households", "SELECT h.id, h.room, h.floor, h.area_m2,"
			 " h.heating_status, (SELECT COUNT(*) FROM resident_household rh"
			 " WHERE rh.household_id = h.id) AS resident_count FROM household h"
			 " WHERE h.unit_id = ? ORDER BY h.floor, LENGTH(h.room), h.room", "i", id) < 0)
		return req_fail(r, 500, "err.db");
	hset(r, "Page.Title", hdf_get_value(r->hdf, "Unit.name", ""));
	r->template = "crm/unit.cs";
	return 0;
}

int page_unit(struct req *r)
{
	return unit_page(r, r->args[0]);
}

int page_unit_update(struct req *r)
{
	struct org_actor who = crm_actor(r);
	struct org_errors e = { 0 };
	enum org_result res = ORG_INVALID;
	long long sort;

	form_keep(r, "name", "floors", "sort", NULL);
	hset(r, "Form.which", "edit");
	sort = form_sort(r);
	if (!form_has_errors(r))
		res = property_unit_update(&e, &who, r->args[0], req_field(r, "name"),
					   req_field(r, "floors"), sort);
	if (res)
		return node_failed(r, res, &e, unit_page, r->args[0]);
	return done(r, "flash.saved", "/crm/properties/units", r->args[0]);
}

int page_unit_delete(struct req *r)
{
	struct org_actor who = crm_actor(r);
	struct org_errors e = { 0 };
	long long parent = db_int_query(0, "SELECT building_id FROM unit WHERE id = ?", "i",
					r->args[0]);
	enum org_result res = property_unit_delete(&e, &who, r->args[0]);

	if (res)
		return node_failed(r, res, &e, unit_page, r->args[0]);
	return done(r, "flash.deleted", "/crm/properties/buildings", parent);
}

/* ------------------------------------------------------------------ households */

static void household_read(struct req *r, struct property_household *h)
{
	form_keep(r, "room", "floor", "area_m2", "heating_status", NULL);
	h->room = req_field(r, "room");
	h->floor = req_field(r, "floor");
	h->area = req_field(r, "area_m2");
	h->heating = req_field(r, "heating_status");
}

int page_household_create(struct req *r)
{
	struct org_actor who = crm_actor(r);
	struct org_errors e = { 0 };
	struct property_household h;
	enum org_result res;
	long long id;

	household_read(r, &h);
	hset(r, "Form.which", "add");
	res = property_household_create(&id, &e, &who, r->args[0], &h);
	if (res)
		return node_failed(r, res, &e, unit_page, r->args[0]);
	return done(r, "flash.created", "/crm/properties/units", r->args[0]);
}

/* Household id: its edit form, who lives there, its recent work orders. */
static int household_page(struct req *r, long long id)
{
	int found = db_row_hdf(r, "Household", "SELECT h.id, h.room, h.floor, h.area_m2,"
				" h.heating_status, u.id AS unit_id, u.name AS unit, b.id AS building_id,"
				" b.name AS building, c.id AS community_id, c.name AS community"
				" FROM household h JOIN unit u ON u.id = h.unit_id JOIN building b"
				" ON b.id = u.building_id JOIN community c ON c.id = b.community_id"
				" WHERE h.id = ?", "i", id);

	if (found <= 0)
		return req_fail(r, found < 0 ? 500 : 404, found < 0 ? "err.db" : "err.not_found_object");
	if (db_query_hdf(r, "Residents", "SELECT r.id, r.name, rh.relation, (SELECT p.phone FROM"
			 " resident_phone p WHERE p.resident_id = r.id ORDER BY p.is_primary DESC,"
			 " p.id LIMIT 1) AS phone FROM resident_household rh JOIN resident r"
			 " ON r.id = rh.resident_id WHERE rh.household_id = ? ORDER BY r.name", "i",
			 id) < 0 ||
	    db_query_hdf(r, "Tickets", "SELECT id, number, title, status, created_at FROM ticket"
			 " WHERE household_id = ? ORDER BY created_at DESC LIMIT 10", "i", id) < 0)
		return req_fail(r, 500, "err.db");
	crm_can_hdf(r);
	if (!hdf_get_obj(r->hdf, "Form.room") && db_row_hdf(r, "Form", "SELECT room, floor,"
				" area_m2, heating_status FROM household WHERE id = ?", "i", id) < 0)
		return req_fail(r, 500, "err.db");
	hset(r, "Page.Title", hdf_get_value(r->hdf, "Household.room", ""));
	r->template = "crm/household.cs";
	return 0;
}

int page_household(struct req *r)
{
	return household_page(r, r->args[0]);
}

int page_household_update(struct req *r)
{
	struct org_actor who = crm_actor(r);
	struct org_errors e = { 0 };
	struct property_household h;
	enum org_result res;
	long long unit;

	household_read(r, &h);
	res = property_household_update(&e, &who, r->args[0], &h);
	if (res)
		return node_failed(r, res, &e, household_page, r->args[0]);
	unit = db_int_query(0, "SELECT unit_id FROM household WHERE id = ?", "i", r->args[0]);
	return done(r, "flash.saved", "/crm/properties/units", unit);
}

int page_household_delete(struct req *r)
{
	struct org_actor who = crm_actor(r);
	struct org_errors e = { 0 };
	long long parent = db_int_query(0, "SELECT unit_id FROM household WHERE id = ?", "i",
					r->args[0]);
	enum org_result res = property_household_delete(&e, &who, r->args[0]);

	if (res)
		return node_failed(r, res, &e, household_page, r->args[0]);
	return done(r, "flash.deleted", "/crm/properties/units", parent);
}

/* ------------------------------------------------------------------ export */

void crm_csv_start(struct req *r, const char *base)
{
	char day[16];
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(day, sizeof(day), "%Y%m%d", &tm);
	r->raw_type = "text/csv; charset=utf-8";
	req_header_add(r, "Content-Disposition: attachment; filename=\"%s-%s.csv\"", base, day);
	buf_reset(&r->body);
	buf_puts(&r->body, "\xEF\xBB\xBF");
}

void crm_csv_row(struct buf *b, const char *const *fields, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_puts(b, ",");
		csv_field(b, fields[i]);
	}
	buf_puts(b, "\r\n");
}

int page_properties_csv(struct req *r)
{
	static const char *const head[] = { "小区", "楼栋", "单元", "房号", "楼层", "面积", "供暖状态" };
	long long community = req_int(r, "community", 0, 1, LLONG_MAX);
	struct stmt *st = db_query("SELECT c.name, b.name, u.name, h.room, h.floor, h.area_m2,"
				   " h.heating_status FROM household h JOIN unit u ON u.id = h.unit_id"
				   " JOIN building b ON b.id = u.building_id JOIN community c"
				   " ON c.id = b.community_id WHERE (? <= 0 OR c.id = ?) ORDER BY c.name,"
				   " c.id, b.sort, b.name, u.sort, u.name, h.floor, LENGTH(h.room), h.room",
				   "ii", community, community);
	const char *f[7];

	if (!st)
		return req_fail(r, 500, "err.db");
	crm_csv_start(r, "properties");
	crm_csv_row(&r->body, head, 7);
	while (db_next(st) == 1) {
		for (int i = 0; i < 6; i++)
			f[i] = db_text(st, i) ? db_text(st, i) : "";
		f[6] = strcmp(db_text(st, 6), "stopped") ? "正常" : "报停";
		crm_csv_row(&r->body, f, 7);
	}
	db_done(st);
	return 0;
}
