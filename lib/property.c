/* property.c — the property tree's rules: shapes, unique names, in-use checks, audit. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "auth.h"
#include "db.h"
#include "property.h"
#include "resident.h"
#include "util.h"

#define CODE_CHARS "abcdefghijklmnopqrstuvwxyz0123456789_"
#define SORT_MAX 1000000000LL

static void err_add(struct org_errors *e, const char *field, const char *key)
{
	if (e->n >= ORG_MAX_ERRORS)
		return;
	e->v[e->n].field = field;
	e->v[e->n].key = key;
	e->n++;
}

/* Adds an error unless v is a one-line text of at most max characters (and present
 * when required). */
static void check_text(struct org_errors *e, const char *field, const char *v, size_t max,
		       int required)
{
	if (!v || !*v) {
		if (required)
			err_add(e, field, "err.required");
		return;
	}
	if (org_strlen(v) > max) {
		err_add(e, field, "err.too_long_field");
		return;
	}
	for (const unsigned char *c = (const unsigned char *)v; *c; c++) {
		if (*c < 0x20 || *c == 0x7f) {
			err_add(e, field, "err.invalid");
			return;
		}
	}
}

static void check_sort(struct org_errors *e, long long sort)
{
	if (sort < -SORT_MAX || sort > SORT_MAX)
		err_add(e, "sort", "err.invalid");
}

/* Ends a transaction: commits when res is ORG_OK, else rolls back.  Returns the result. */
static enum org_result tx_end(enum org_result res)
{
	if (res == ORG_OK && db_commit())
		res = ORG_DB;
	if (res != ORG_OK)
		db_rollback();
	return res;
}

/* The result of a failed write: a duplicate name is the user's error, a missing parent
 * means the parent is gone. */
static enum org_result write_failed(struct org_errors *e, const char *dup_field)
{
	if (db_errno() == DB_ER_DUP_ENTRY) {
		err_add(e, dup_field, "err.duplicate");
		return ORG_INVALID;
	}
	return db_errno() == DB_ER_NO_REFERENCED_ROW ? ORG_NOT_FOUND : ORG_DB;
}

/* Locks the row sql counts by id: ORG_OK, ORG_NOT_FOUND or ORG_DB. */
static enum org_result row_lock(const char *sql, long long id)
{
	long long n = db_int_query(-1, sql, "i", id);

	return n < 0 ? ORG_DB : n ? ORG_OK : ORG_NOT_FOUND;
}

/* Copies the first column of the row sql selects (and locks) by id into out.  Returns 1,
 * 0 when there is no such row, or -1 on error. */
static int row_text(char *out, size_t outlen, const char *sql, long long id)
{
	struct stmt *st = db_query(sql, "i", id);
	int found;

	out[0] = '\0';
	if (!st)
		return -1;
	found = db_next(st);
	if (found == 1 && db_text(st, 0))
		snprintf(out, outlen, "%s", db_text(st, 0));
	db_done(st);
	return found;
}

/* ------------------------------------------------------------------ shapes */

const char *property_check_floor(const char *floor)
{
	char *end;
	long v;

	if (!floor || !*floor)
		return NULL;
	errno = 0;
	v = strtol(floor, &end, 10);
	return errno || *end || v < -9 || v > 300 ? "crm.prop.err_floor" : NULL;
}

const char *property_check_area(const char *area)
{
	const char *dot;
	char *end;
	double v;

	if (!area || !*area)
		return NULL;
	if (strspn(area, "0123456789.") != strlen(area) || area[0] == '.')
		return "crm.prop.err_area";
	dot = strchr(area, '.');
	if (dot && (strchr(dot + 1, '.') || strlen(dot + 1) > 2 || !dot[1]))
		return "crm.prop.err_area";
	v = strtod(area, &end);
	return *end || v < 0.01 || v >= 100000 ? "crm.prop.err_area" : NULL;
}

const char *property_heating(const char *v)
{
	static const char *const normal[] = { "normal", "正常", "供暖", "在供", "供热", NULL };
	static const char *const stopped[] = { "stopped", "报停", "停供", "停暖", "停止", NULL };

	if (!v || !*v)
		return "normal";
	for (int i = 0; normal[i]; i++)
		if (!strcasecmp(v, normal[i]))
			return "normal";
	for (int i = 0; stopped[i]; i++)
		if (!strcasecmp(v, stopped[i]))
			return "stopped";
	return NULL;
}

/* ------------------------------------------------------------------ deleting */

/* A reason not to delete: a query counting what still hangs on the node, and the key. */
struct guard {
	const char *sql;
	const char *key;
};

struct node_kind {
	const char *type;	/* audit object type */
	const char *lock_sql;	/* its name by id, FOR UPDATE */
	const char *delete_sql;
	const char *event;
	const struct guard *guards;	/* ends with a NULL sql */
};

static enum org_result node_delete(struct org_errors *e, const struct org_actor *who,
				   long long id, const struct node_kind *k)
{
	char name[404];
	int found;

	if (db_begin())
		return ORG_DB;
	found = row_text(name, sizeof(name), k->lock_sql, id);
	if (found <= 0)
		return tx_end(found < 0 ? ORG_DB : ORG_NOT_FOUND);
	for (const struct guard *g = k->guards; g->sql; g++) {
		long long n = db_int_query(-1, g->sql, "i", id);

		if (n < 0)
			return tx_end(ORG_DB);
		if (n)
			err_add(e, NULL, g->key);
	}
	if (e->n)
		return tx_end(ORG_REFUSED);
	if (db_exec(k->delete_sql, "i", id) < 0) {
		if (db_errno() != DB_ER_ROW_IS_REFERENCED)
			return tx_end(ORG_DB);
		err_add(e, NULL, "err.in_use");
		return tx_end(ORG_REFUSED);
	}
	audit(who->staff_id, who->ip, k->event, k->type, id, "name=%s", name);
	return tx_end(ORG_OK);
}

static const struct guard community_guards[] = {
	{ "SELECT EXISTS(SELECT 1 FROM building WHERE community_id = ?)", "crm.prop.err_has_buildings" },
	{ "SELECT EXISTS(SELECT 1 FROM ticket WHERE community_id = ?)", "crm.prop.err_has_tickets" },
	{ NULL, NULL }
};
static const struct guard building_guards[] = {
	{ "SELECT EXISTS(SELECT 1 FROM unit WHERE building_id = ?)", "crm.prop.err_has_units" },
	{ "SELECT EXISTS(SELECT 1 FROM ticket WHERE building_id = ?)", "crm.prop.err_has_tickets" },
	{ NULL, NULL }
};
static const struct guard unit_guards[] = {
	{ "SELECT EXISTS(SELECT 1 FROM household WHERE unit_id = ?)", "crm.prop.err_has_households" },
	{ NULL, NULL }
};
static const struct guard household_guards[] = {
	{ "SELECT EXISTS(SELECT 1 FROM resident_household WHERE household_id = ?)",
	  "crm.prop.err_has_residents" },
	{ "SELECT EXISTS(SELECT 1 FROM ticket WHERE household_id = ?)", "crm.prop.err_has_tickets" },
	{ NULL, NULL }
};

static const struct node_kind kind_community = {
	"community", "SELECT name FROM community WHERE id = ? FOR UPDATE",
	"DELETE FROM community WHERE id = ?", "community.delete", community_guards
};
static const struct node_kind kind_building = {
	"building", "SELECT name FROM building WHERE id = ? FOR UPDATE",
	"DELETE FROM building WHERE id = ?", "building.delete", building_guards
};
static const struct node_kind kind_unit = {
	"unit", "SELECT name FROM unit WHERE id = ? FOR UPDATE",
	"DELETE FROM unit WHERE id = ?", "unit.delete", unit_guards
};
static const struct node_kind kind_household = {
	"household", "SELECT room FROM household WHERE id = ? FOR UPDATE",
	"DELETE FROM household WHERE id = ?", "household.delete", household_guards
};

enum org_result property_community_delete(struct org_errors *e, const struct org_actor *who,
					  long long id)
{
	return node_delete(e, who, id, &kind_community);
}

enum org_result property_building_delete(struct org_errors *e, const struct org_actor *who,
					 long long id)
{
	return node_delete(e, who, id, &kind_building);
}

enum org_result property_unit_delete(struct org_errors *e, const struct org_actor *who,
				     long long id)
{
	return node_delete(e, who, id, &kind_unit);
}

enum org_result property_household_delete(struct org_errors *e, const struct org_actor *who,
					  long long id)
{
	return node_delete(e, who, id, &kind_household);
}

/* ------------------------------------------------------------------ communities */

/* Checks c; the office phone is normalised into phone (PHONE_MAX + 1 bytes, "" if none). */
static enum org_result community_check(struct org_errors *e, const struct property_community *c,
				       char *phone, long long id)
{
	size_t n = c->code ? strlen(c->code) : 0;
	long long same;

	if (!n)
		err_add(e, "code", "err.required");
	else if (n > ORG_CODE_MAX || strspn(c->code, CODE_CHARS) != n)
		err_add(e, "code", "err.code_format");
	check_text(e, "name", c->name, ORG_NAME_MAX, 1);
	check_text(e, "city", c->city, 32, 0);
	check_text(e, "district", c->district, 32, 0);
	check_text(e, "address", c->address, 255, 0);
	phone[0] = '\0';
	if (c->phone && *c->phone && phone_normalize(phone, c->phone, NULL))
		err_add(e, "phone", "err.phone_invalid");
	if (e->n)
		return ORG_INVALID;
	/* Imports find communities by name: two of the same name would be ambiguous. */
	same = db_int_query(-1, "SELECT COUNT(*) FROM community WHERE name = ? AND id <> ?", "si",
			    c->name, id);
	if (same < 0)
		return ORG_DB;
	if (same)
		err_add(e, "name", "err.duplicate");
	return e->n ? ORG_INVALID : ORG_OK;
}

enum org_result property_community_create(long long *id, struct org_errors *e,
					  const struct org_actor *who,
					  const struct property_community *c)
{
	char phone[PHONE_MAX + 1];
	enum org_result res = community_check(e, c, phone, 0);

	if (res)
		return res;
	if (db_begin())
		return ORG_DB;
	if (db_exec("INSERT INTO community (code, name, city, district, address, phone)"
		    " VALUES (?, ?, NULLIF(?, ''), NULLIF(?, ''), NULLIF(?, ''), NULLIF(?, ''))",
		    "ssssss", c->code, c->name, c->city ? c->city : "",
		    c->district ? c->district : "", c->address ? c->address : "", phone) < 0)
		return tx_end(write_failed(e, "code"));
	*id = (long long)db_insert_id();
	audit(who->staff_id, who->ip, "community.create", "community", *id, "code=%s name=%s",
	      c->code, c->name);
	return tx_end(ORG_OK);
}

enum org_result property_community_update(struct org_errors *e, const struct org_actor *who,
					  long long id, const struct property_community *c)
{
	char phone[PHONE_MAX + 1];
	enum org_result res = community_check(e, c, phone, id);
	long long rows;

	if (res)
		return res;
	if (db_begin())
		return ORG_DB;
	if ((res = row_lock("SELECT COUNT(*) FROM community WHERE id = ? FOR UPDATE", id)))
		return tx_end(res);
	rows = db_exec("UPDATE community SET code = ?, name = ?, city = NULLIF(?, ''),"
		       " district = NULLIF(?, ''), address = NULLIF(?, ''), phone = NULLIF(?, '')"
		       " WHERE id = ?", "ssssssi", c->code, c->name, c->city ? c->city : "",
		       c->district ? c->district : "", c->address ? c->address : "", phone, id);
	if (rows < 0)
		return tx_end(write_failed(e, "code"));
	audit(who->staff_id, who->ip, "community.update", "community", id, "code=%s name=%s",
	      c->code, c->name);
	return tx_end(ORG_OK);
}

/* ------------------------------------------------------------------ buildings and units */

enum org_result property_building_create(long long *id, struct org_errors *e,
					 const struct org_actor *who, long long community_id,
					 const char *name, long long sort)
{
	check_text(e, "name", name, PROPERTY_NAME_MAX, 1);
	check_sort(e, sort);
	if (e->n)
		return ORG_INVALID;
	if (db_begin())
		return ORG_DB;
	if (db_exec("INSERT INTO building (community_id, name, sort) VALUES (?, ?, ?)", "isi",
		    community_id, name, sort) < 0)
		return tx_end(write_failed(e, "name"));
	*id = (long long)db_insert_id();
	audit(who->staff_id, who->ip, "building.create", "building", *id, "community=%lld name=%s",
	      community_id, name);
	return tx_end(ORG_OK);
}

enum org_result property_building_update(struct org_errors *e, const struct org_actor *who,
					 long long id, const char *name, long long sort)
{
	enum org_result res;
	long long rows;

	check_text(e, "name", name, PROPERTY_NAME_MAX, 1);
	check_sort(e, sort);
	if (e->n)
		return ORG_INVALID;
	if (db_begin())
		return ORG_DB;
	if ((res = row_lock("SELECT COUNT(*) FROM building WHERE id = ? FOR UPDATE", id)))
		return tx_end(res);
	rows = db_exec("UPDATE building SET name = ?, sort = ? WHERE id = ?", "sii", name, sort, id);
	if (rows < 0)
		return tx_end(write_failed(e, "name"));
	audit(who->staff_id, who->ip, "building.update", "building", id, "name=%s", name);
	return tx_end(ORG_OK);
}

/* A unit's floor count: "" or 1..200. */
static void check_floors(struct org_errors *e, const char *floors)
{
	char *end;
	long v;

	if (!floors || !*floors)
		return;
	errno = 0;
	v = strtol(floors, &end, 10);
	if (errno || *end || v < 1 || v > 200)
		err_add(e, "floors", "err.invalid");
}

enum org_result property_unit_create(long long *id, struct org_errors *e,
				     const struct org_actor *who, long long building_id,
				     const char *name, const char *floors, long long sort)
{
	check_text(e, "name", name, PROPERTY_NAME_MAX, 1);
	check_floors(e, floors);
	check_sort(e, sort);
	if (e->n)
		return ORG_INVALID;
	if (db_begin())
		return ORG_DB;
	if (db_exec("INSERT INTO unit (building_id, name, floors, sort) VALUES (?, ?, NULLIF(?, ''), ?)",
		    "issi", building_id, name, floors ? floors : "", sort) < 0)
		return tx_end(write_failed(e, "name"));
	*id = (long long)db_insert_id();
	audit(who->staff_id, who->ip, "unit.create", "unit", *id, "building=%lld name=%s",
	      building_id, name);
	return tx_end(ORG_OK);
}

enum org_result property_unit_update(struct org_errors *e, const struct org_actor *who,
				     long long id, const char *name, const char *floors,
				     long long sort)
{
	enum org_result res;
	long long rows;

	check_text(e, "name", name, PROPERTY_NAME_MAX, 1);
	check_floors(e, floors);
	check_sort(e, sort);
	if (e->n)
		return ORG_INVALID;
	if (db_begin())
		return ORG_DB;
	if ((res = row_lock("SELECT COUNT(*) FROM unit WHERE id = ? FOR UPDATE", id)))
		return tx_end(res);
	rows = db_exec("UPDATE unit SET name = ?, floors = NULLIF(?, ''), sort = ? WHERE id = ?",
		       "ssii", name, floors ? floors : "", sort, id);
	if (rows < 0)
		return tx_end(write_failed(e, "name"));
	audit(who->staff_id, who->ip, "unit.update", "unit", id, "name=%s", name);
	return tx_end(ORG_OK);
}

/* ------------------------------------------------------------------ households */

/* Checks h; the heating status as stored goes to *heating. */
static void household_check(struct org_errors *e, const struct property_household *h,
			    const char **heating)
{
	const char *key;

	check_text(e, "room", h->room, PROPERTY_ROOM_MAX, 1);
	if ((key = property_check_floor(h->floor)))
		err_add(e, "floor", key);
	if ((key = property_check_area(h->area)))
		err_add(e, "area_m2", key);
	*heating = property_heating(h->heating);
	if (!*heating || (h->heating && *h->heating && strcmp(h->heating, *heating)))
		err_add(e, "heating_status", "err.invalid");
}

enum org_result property_household_create(long long *id, struct org_errors *e,
					  const struct org_actor *who, long long unit_id,
					  const struct property_household *h)
{
	const char *heating;

	household_check(e, h, &heating);
	if (e->n)
		return ORG_INVALID;
	if (db_begin())
		return ORG_DB;
	if (db_exec("INSERT INTO household (unit_id, room, floor, area_m2, heating_status)"
		    " VALUES (?, ?, NULLIF(?, ''), NULLIF(?, ''), ?)", "issss", unit_id, h->room,
		    h->floor ? h->floor : "", h->area ? h->area : "", heating) < 0)
		return tx_end(write_failed(e, "room"));
	*id = (long long)db_insert_id();
	audit(who->staff_id, who->ip, "household.create", "household", *id,
	      "unit=%lld room=%s heating=%s", unit_id, h->room, heating);
	return tx_end(ORG_OK);
}

enum org_result property_household_update(struct org_errors *e, const struct org_actor *who,
					  long long id, const struct property_household *h)
{
	const char *heating;
	enum org_result res;
	long long rows;

	household_check(e, h, &heating);
	if (e->n)
		return ORG_INVALID;
	if (db_begin())
		return ORG_DB;
	if ((res = row_lock("SELECT COUNT(*) FROM household WHERE id = ? FOR UPDATE", id)))
		return tx_end(res);
	rows = db_exec("UPDATE household SET room = ?, floor = NULLIF(?, ''), area_m2 = NULLIF(?, ''),"
		       " heating_status = ? WHERE id = ?", "ssssi", h->room, h->floor ? h->floor : "",
		       h->area ? h->area : "", heating, id);
	if (rows < 0)
		return tx_end(write_failed(e, "room"));
	audit(who->staff_id, who->ip, "household.update", "household", id, "room=%s heating=%s",
	      h->room, heating);
	return tx_end(ORG_OK);
}
