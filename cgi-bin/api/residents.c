/* residents.c — the API's residents: search by phone or name, create, read, partial update. */
#include <stdio.h>
#include <string.h>

#include "api.h"
#include "db.h"
#include "resident.h"

static const char *const resident_ints[] = { "version", NULL };

/* Resident id with its phones, households and tags into *out: 0, 1 when there is no
 * such resident, -1 on database trouble. */
static int resident_load(json_t **out, long long id)
{
	json_t *o = db_query_json(
		"SELECT r.id, r.name, r.gender, r.category, r.level, r.preferred_channel, r.email,"
		" r.note, r.merged_into_id, r.version, r.created_at, r.updated_at"
		" FROM resident r WHERE r.id = ?", "i", id);
	json_t *phones, *households, *tags;

	*out = NULL;
	if (!o)
		return -1;
	if (!(o = api_first(o)))
		return 1;
	api_ints(o, resident_ints);
	phones = db_query_json("SELECT phone, kind, is_primary FROM resident_phone"
			       " WHERE resident_id = ? ORDER BY is_primary DESC, id", "i", id);
	households = db_query_json(
		"SELECT h.id AS household_id, rh.relation, c.id AS community_id,"
		" c.name AS community, b.name AS building, u.name AS unit, h.room,"
		" h.heating_status FROM resident_household rh"
		" JOIN household h ON h.id = rh.household_id JOIN unit u ON u.id = h.unit_id"
		" JOIN building b ON b.id = u.building_id JOIN community c ON c.id = b.community_id"
		" WHERE rh.resident_id = ? ORDER BY rh.relation <> 'owner', h.id", "i", id);
	tags = db_query_json(
		"SELECT t.tag AS code, i.label FROM resident_tag t LEFT JOIN dictionary_item i"
		" ON i.code = t.tag AND i.dictionary_id = (SELECT d.id FROM dictionary d"
		" WHERE d.code = 'customer_tag') WHERE t.resident_id = ? ORDER BY i.sort, t.tag",
		"i", id);
	if (!phones || !households || !tags) {
		json_decref(o);
		json_decref(phones);
		json_decref(households);
		json_decref(tags);
		return -1;
	}
	api_ints_all(phones, (const char *const[]){ "is_primary", NULL });
	json_object_set_new(o, "phones", phones);
	json_object_set_new(o, "households", households);
	json_object_set_new(o, "tags", tags);
	*out = o;
	return 0;
}

/* A member of an array given as a string or as an object with member key. */
static const char *item_str(json_t *item, const char *key)
{
	if (json_is_object(item))
		item = json_object_get(item, key);
	return json_is_string(item) ? json_string_value(item) : NULL;
}

/* The JSON array member key of o, or NULL (with an error when it is not an array or
 * holds more than max items). */
static json_t *array_member(json_t *o, const char *key, size_t max, struct org_errors *e)
{
	json_t *a = json_object_get(o, key);

	if (!a || json_is_null(a))
		return NULL;
	if (!json_is_array(a) || json_array_size(a) > max) {
		api_error_add(e, key, "err.invalid");
		return NULL;
	}
	return a;
}

static void phones_from(struct resident_input *in, json_t *o, struct org_errors *e)
{
	json_t *a = array_member(o, "phones", RESIDENT_MAX_PHONES, e), *item;
	size_t i;

	json_array_foreach(a, i, item) {
		const char *p = item_str(item, "phone");
		if (!p) {
			api_error_add(e, "phones", "err.invalid");
			return;
		}
		in->phones[in->nphones++] = p;
	}
}

static void households_from(struct resident_input *in, json_t *o, struct org_errors *e)
{
	json_t *a = array_member(o, "households", RESIDENT_MAX_HOUSEHOLDS, e), *item;
	size_t i;

	json_array_foreach(a, i, item) {
		json_t *hid = json_object_get(item, "household_id");
		const char *rel = item_str(json_object_get(item, "relation"), "");
		if (!json_is_integer(hid) || json_integer_value(hid) <= 0) {
			api_error_add(e, "households", "err.invalid");
			return;
		}
		in->household_ids[in->nhouseholds] = json_integer_value(hid);
		in->relations[in->nhouseholds++] = rel ? rel : "owner";
	}
}

static void tags_from(struct resident_input *in, json_t *o, struct org_errors *e)
{
	json_t *a = array_member(o, "tags", RESIDENT_MAX_TAGS, e), *item;
	size_t i;

	json_array_foreach(a, i, item) {
		const char *t = item_str(item, "code");
		if (!t) {
			api_error_add(e, "tags", "err.invalid");
			return;
		}
		in->tags[in->ntags++] = t;
	}
}

/* Fills in from a resident document (the strings stay owned by o). */
static void resident_input_from(struct resident_input *in, json_t *o, struct org_errors *e)
{
	memset(in, 0, sizeof(*in));
	in->name = api_str(o, "name", e);
	in->gender = api_str(o, "gender", e);
	in->category = api_str(o, "category", e);
	in->level = api_str(o, "level", e);
	in->preferred_channel = api_str(o, "preferred_channel", e);
	in->email = api_str(o, "email", e);
	in->note = api_str(o, "note", e);
	phones_from(in, o, e);
	households_from(in, o, e);
	tags_from(in, o, e);
}

/* Answers with resident id (status 200 or 201) and its version as the ETag. */
static int resident_reply(struct req *r, long long id, int status)
{
	json_t *o;
	int res = resident_load(&o, id);

	if (res)
		return res > 0 ? api_fail(r, 404, "not_found", "api.not_found")
			       : api_fail(r, 500, "server_error", "err.db");
	req_header_add(r, "ETag: \"%lld\"", (long long)json_integer_value(
		json_object_get(o, "version")));
	r->json = o;
	return status;
}

int api_resident_one(struct req *r)
{
	return resident_reply(r, r->args[0], 0);
}

int api_resident_create(struct req *r)
{
	struct org_actor who = api_actor(r);
	struct org_errors e = { 0 };
	struct resident_input in;
	enum org_result res;
	long long id = 0;
	int status;
	json_t *body = api_body_or_fail(r, &status);

	if (!body)
		return status;
	resident_input_from(&in, body, &e);
	res = e.n ? ORG_INVALID : resident_create(&id, &e, &who, &in);
	if (res)
		status = api_fail_org(r, res, &e, "api.resident_conflict");
	else {
		req_header_add(r, "Location: /api/v1/residents/%lld", id);
		status = resident_reply(r, id, 201);
	}
	json_decref(body);
	return status;
}

/* The members a PATCH may change; the others (id, version, dates) are read-only. */
static const char *const writable[] = { "name", "gender", "category", "level",
					"preferred_channel", "email", "note", "phones",
					"households", "tags", NULL };

int api_resident_patch(struct req *r)
{
	struct org_actor who = api_actor(r);
	struct org_errors e = { 0 };
	struct resident_input in;
	enum org_result res;
	json_t *cur = NULL, *body;
	long long version;
	int status, found;

	if (!(body = api_body_or_fail(r, &status)))
		return status;
	if ((found = resident_load(&cur, r->args[0]))) {
		status = found > 0 ? api_fail(r, 404, "not_found", "api.not_found")
				   : api_fail(r, 500, "server_error", "err.db");
		goto out;
	}
	/* The version the client saw; without one, the one just read, so a change made
	 * between this read and the update still conflicts. */
	version = api_int(body, "version", &e);
	if (!version)
		version = api_if_match(r);
	if (!version)
		version = json_integer_value(json_object_get(cur, "version"));
	for (const char *const *k = writable; *k; k++)
		if (json_object_get(body, *k))
			json_object_set(cur, *k, json_object_get(body, *k));
	resident_input_from(&in, cur, &e);
	res = e.n ? ORG_INVALID : resident_update(&e, &who, r->args[0], version, &in);
	status = res ? api_fail_org(r, res, &e, "api.resident_conflict")
		     : resident_reply(r, r->args[0], 0);
out:
	json_decref(cur);
	json_decref(body);
	return status;
}

#define RESIDENT_ROW \
	"SELECT r.id, r.name, r.gender, r.category, r.level, r.version, r.updated_at," \
	" (SELECT GROUP_CONCAT(p.phone ORDER BY p.is_primary DESC, p.id SEPARATOR ' ')" \
	"  FROM resident_phone p WHERE p.resident_id = r.id) AS phones," \
	" (SELECT GROUP_CONCAT(t.tag ORDER BY t.tag SEPARATOR ' ') FROM resident_tag t" \
	"  WHERE t.resident_id = r.id) AS tags"
/* Two forms, so that a phone search is a semi-join from k_resident_phone_rev (under an
 * OR the optimizer could not make it one, and would scan every resident). */
#define RESIDENT_BY_NAME \
	" FROM resident r WHERE r.merged_into_id IS NULL AND (? = '' OR r.name LIKE ?)"
#define RESIDENT_BY_PHONE RESIDENT_BY_NAME \
	" AND r.id IN (SELECT p2.resident_id FROM resident_phone p2 WHERE p2.phone_rev LIKE ?)"
/* Totals are counted up to this many (a count of every resident would read them all). */
#define RESIDENT_COUNT_MAX 10000

/* The ?phone= parameter as a reversed-number prefix pattern into rev ("" when absent):
 * a whole number (normalised, so +86 and trunk prefixes match) or its last digits.
 * Returns 0, or -1 when it is neither. */
static int phone_pattern(char *rev, size_t revlen, const char *phone)
{
	char norm[PHONE_MAX + 1];
	size_t n;

	rev[0] = '\0';
	if (!phone || !*phone)
		return 0;
	if (phone_normalize(norm, phone, NULL)) {
		n = strlen(phone);
		if (n < 4 || n > PHONE_MAX || strspn(phone, "0123456789") != n)
			return -1;
		snprintf(norm, sizeof(norm), "%s", phone);
	}
	n = strlen(norm);
	if (n + 2 > revlen)
		return -1;
	for (size_t i = 0; i < n; i++)
		rev[i] = norm[n - 1 - i];
	rev[n] = '%';
	rev[n + 1] = '\0';
	return 0;
}

int api_residents_list(struct req *r)
{
	const char *q = req_query(r, "q");
	long long limit = req_int(r, "limit", 50, 1, 200);
	long long offset = req_int(r, "offset", 0, 0, 100000);
	char like[300], rev[PHONE_MAX + 2];
	json_t *items, *o;
	long long total;
	size_t i;

	if (limit < 0 || offset < 0 || (q && strlen(q) > 100))
		return api_fail(r, 400, "bad_request", "api.bad_request");
	if (phone_pattern(rev, sizeof(rev), req_query(r, "phone")))
		return api_fail(r, 400, "bad_request", "err.phone_invalid");
	q = q ? q : "";
	api_like_prefix(like, sizeof(like), q);
	if (rev[0]) {
		items = db_query_json(RESIDENT_ROW RESIDENT_BY_PHONE " ORDER BY r.id DESC"
				      " LIMIT ? OFFSET ?", "sssii", q, like, rev, limit, offset);
		total = db_int_query(-1, "SELECT COUNT(*) FROM (SELECT 1" RESIDENT_BY_PHONE
				     " LIMIT ?) x", "sssi", q, like, rev, RESIDENT_COUNT_MAX + 1LL);
	} else {
		items = db_query_json(RESIDENT_ROW RESIDENT_BY_NAME " ORDER BY r.id DESC"
				      " LIMIT ? OFFSET ?", "ssii", q, like, limit, offset);
		total = db_int_query(-1, "SELECT COUNT(*) FROM (SELECT 1" RESIDENT_BY_NAME
				     " LIMIT ?) x", "ssi", q, like, RESIDENT_COUNT_MAX + 1LL);
	}
	if (!items || total < 0) {
		json_decref(items);
		return api_fail(r, 500, "server_error", "err.db");
	}
	json_array_foreach(items, i, o) {
		api_ints(o, resident_ints);
		json_object_set_new(o, "phones", api_words(json_string_value(
			json_object_get(o, "phones"))));
		json_object_set_new(o, "tags", api_words(json_string_value(
			json_object_get(o, "tags"))));
	}
	r->json = json_pack("{s:o,s:I,s:b,s:I,s:I}", "items", items, "total",
			    (json_int_t)(total > RESIDENT_COUNT_MAX ? RESIDENT_COUNT_MAX : total),
			    "total_capped", total > RESIDENT_COUNT_MAX, "limit", (json_int_t)limit,
			    "offset", (json_int_t)offset);
	return 0;
}
