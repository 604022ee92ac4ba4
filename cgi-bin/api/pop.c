/* pop.c — the screen pop as JSON (GET /api/v1/pop?phone=): who is calling and what is
 * going on with them.  The same reads as the agent's page (lib/pop.c); this file shapes
 * their rows into the Pop document of openapi.json. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "db.h"
#include "names.h"
#include "pop.h"
#include "resident.h"

static const char *const resident_ints[] = { "version", NULL };
static const char *const ticket_ints[] = { "priority", "emergency", "satisfaction", "open",
					   "overdue", NULL };
static const char *const call_ints[] = { "rating", NULL };

/* Sorts the items of arr with cmp (arguments are json_t **). */
static void pop_sort(json_t *arr, int (*cmp)(const void *, const void *))
{
	size_t n = json_array_size(arr);
	json_t **v;

	if (n < 2 || !(v = malloc(n * sizeof(*v))))
		return;
	for (size_t i = 0; i < n; i++)
		v[i] = json_incref(json_array_get(arr, i));
	qsort(v, n, sizeof(*v), cmp);
	json_array_clear(arr);
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, v[i]);
	free(v);
}

static const char *str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

static long long num(const json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

/* The latest edited resident first. */
static int cmp_resident(const void *pa, const void *pb)
{
	const json_t *a = *(json_t *const *)pa, *b = *(json_t *const *)pb;
	int c = strcmp(str(b, "updated_at"), str(a, "updated_at"));

	return c ? c : (num(b, "id") > num(a, "id")) - (num(b, "id") < num(a, "id"));
}

/* Tags in the dictionary's order (the "sort" member, dropped afterwards), then by code. */
static int cmp_tag(const void *pa, const void *pb)
{
	const json_t *a = *(json_t *const *)pa, *b = *(json_t *const *)pb;
	long long x = num(a, "sort"), y = num(b, "sort");

	return x != y ? (x > y) - (x < y) : strcmp(str(a, "code"), str(b, "code"));
}

/* Households: where the resident is the owner first, then in the order of the tree. */
static int cmp_household(const void *pa, const void *pb)
{
	const json_t *a = *(json_t *const *)pa, *b = *(json_t *const *)pb;
	int oa = !strcmp(str(a, "relation"), "owner"), ob = !strcmp(str(b, "relation"), "owner");
	long long x = num(a, "household_id"), y = num(b, "household_id");

	return oa != ob ? ob - oa : (x > y) - (x < y);
}

/* Sets o.key to name, or null. */
static void set_name(json_t *o, const char *key, const char *name)
{
	json_object_set_new(o, key, name ? json_string(name) : json_null());
}

static void on_resident(void *arg, const char *kind, const struct stmt *st)
{
	json_t *o = stmt_row_json(st, 1);

	api_ints(o, resident_ints);
	set_name(o, "category_label", names_label("customer_category", str(o, "category"),
						  NULL));
	set_name(o, "level_label", names_label("customer_level", str(o, "level"), NULL));
	json_object_set_new(o, "phones", json_array());
	json_object_set_new(o, "tags", json_array());
	json_object_set_new(o, "households", json_array());
	json_array_append_new(arg, o);
}

static json_t *person(json_t *people, long long id)
{
	size_t i;
	json_t *o;

	json_array_foreach(people, i, o)
		if (num(o, "id") == id)
			return o;
	return NULL;
}

static void on_detail(void *arg, const char *kind, const struct stmt *st)
{
	json_t *p = person(arg, db_int(st, POP_D_RESIDENT)), *list;
	const char *v;
	int sort;

	if (!p)
		return;
	if (!strcmp(kind, "phone")) {
		list = json_object_get(p, "phones");
		json_array_insert_new(list, db_int(st, POP_D_PRIMARY) ? 0 : json_array_size(list),
				      json_string(db_text(st, POP_D_PHONE)));
	} else if (!strcmp(kind, "tag")) {
		v = db_text(st, POP_D_TAG);
		list = json_pack("{s:s,s:s}", "code", v, "label",
				 names_label("customer_tag", v, &sort) ?: v);
		json_object_set_new(list, "sort", json_integer(sort));
		json_array_append_new(json_object_get(p, "tags"), list);
	} else {
		json_array_append_new(json_object_get(p, "households"),
				      stmt_row_json(st, POP_D_HOUSEHOLD));
	}
}

/* The residents with the number, the latest edited first, with their phones (primary
 * first), tags and households; NULL on database trouble. */
static json_t *pop_people(const char *phone)
{
	json_t *people = json_array(), *o;
	size_t i;

	if (pop_residents(phone, 0, on_resident, people) ||
	    pop_details(phone, 0, on_detail, people)) {
		json_decref(people);
		return NULL;
	}
	pop_sort(people, cmp_resident);
	json_array_foreach(people, i, o) {
		size_t j;
		json_t *t;

		pop_sort(json_object_get(o, "tags"), cmp_tag);
		json_array_foreach(json_object_get(o, "tags"), j, t)
			json_object_del(t, "sort");
		pop_sort(json_object_get(o, "households"), cmp_household);
		json_object_del(o, "updated_at");
	}
	return people;
}

/* What the work-order and call callbacks fill for one resident. */
struct pop_doc {
	struct req *r;
	json_t *open, *recent, *calls, *number_calls, *scores;
};

static void on_ticket(void *arg, const char *kind, const struct stmt *st)
{
	struct pop_doc *d = arg;
	json_t *t = stmt_row_json(st, 1);
	char key[64];

	api_ints(t, ticket_ints);
	set_name(t, "type", names_type(db_int(st, POP_T_TYPE)));
	set_name(t, "department", names_department(db_int(st, POP_T_DEPARTMENT)));
	set_name(t, "assignee", names_staff(db_int(st, POP_T_ASSIGNEE)));
	set_name(t, "created_by", names_staff(db_int(st, POP_T_CREATED_BY)));
	snprintf(key, sizeof(key), "ticket.status.%s", str(t, "status"));
	json_object_set_new(t, "status_label", json_string(tr(d->r, key)));
	if (!strcmp(kind, "scored")) {
		json_object_set_new(d->scores, "ticket", json_pack(
			"{s:O,s:O,s:O,s:O}", "score", json_object_get(t, "satisfaction"), "at",
			json_object_get(t, "closed_at"), "ticket_id", json_object_get(t, "id"),
			"number", json_object_get(t, "number")));
		json_decref(t);
		return;
	}
	json_array_append_new(!strcmp(kind, "open") ? d->open : d->recent, t);
}

static void on_call(void *arg, const char *kind, const struct stmt *st)
{
	struct pop_doc *d = arg;
	json_t *c = stmt_row_json(st, 1);

	api_ints(c, call_ints);
	set_name(c, "agent", names_staff(db_int(st, POP_C_AGENT)));
	if (!strcmp(kind, "rated")) {
		json_object_set_new(d->scores, "call", json_pack(
			"{s:O,s:O,s:O}", "score", json_object_get(c, "rating"), "at",
			json_object_get(c, "started_at"), "call_id", json_object_get(c, "id")));
		json_decref(c);
		return;
	}
	json_array_append_new(!strcmp(kind, "number") ? d->number_calls : d->calls, c);
}

/* The first item of arr whose member key is not null, or NULL. */
static json_t *first_with(json_t *arr, const char *key)
{
	size_t i;
	json_t *o;

	json_array_foreach(arr, i, o)
		if (!json_is_null(json_object_get(o, key)))
			return o;
	return NULL;
}

/* The agent who served p last: on a call, or creating a work order, whichever was later. */
static json_t *pop_last_agent(json_t *p)
{
	json_t *tc = first_with(json_object_get(p, "recent_tickets"), "created_by_id");
	json_t *cc = first_with(json_object_get(p, "recent_calls"), "agent_id");

	if (cc && (!tc || strcmp(str(cc, "started_at"), str(tc, "created_at")) >= 0))
		return json_pack("{s:O,s:O,s:O,s:s}", "id", json_object_get(cc, "agent_id"),
				 "name", json_object_get(cc, "agent"), "at",
				 json_object_get(cc, "started_at"), "via", "call");
	if (tc)
		return json_pack("{s:O,s:O,s:O,s:s}", "id", json_object_get(tc, "created_by_id"),
				 "name", json_object_get(tc, "created_by"), "at",
				 json_object_get(tc, "created_at"), "via", "ticket");
	return json_null();
}

/* The work orders and calls of person p (or only the number's calls when p is NULL),
 * the last scores and the agent who served p last.  0 or -1. */
static int pop_fill(struct req *r, json_t *p, const char *phone, json_t *number_calls)
{
	struct pop_doc d = { r, json_array(), json_array(), json_array(), number_calls,
			     json_pack("{s:n,s:n}", "ticket", "call") };
	int err = p && pop_tickets(num(p, "id"), on_ticket, &d);

	err = err || pop_calls(p ? num(p, "id") : 0, phone, on_call, &d);
	if (p) {
		json_object_set_new(p, "last_satisfaction", json_incref(d.scores));
		json_object_set_new(p, "open_tickets", json_incref(d.open));
		json_object_set_new(p, "recent_tickets", json_incref(d.recent));
		json_object_set_new(p, "recent_calls", json_incref(d.calls));
		json_object_set_new(p, "last_agent", pop_last_agent(p));
	}
	json_decref(d.open);
	json_decref(d.recent);
	json_decref(d.calls);
	json_decref(d.scores);
	return err ? -1 : 0;
}

int api_pop(struct req *r)
{
	const char *kind = NULL;
	char phone[PHONE_MAX + 1];
	json_t *people, *calls, *p;
	size_t i;

	if (!req_can(r, "ticket.create") && !req_can(r, "crm.view"))
		return api_fail(r, 403, "forbidden", "api.forbidden");
	if (phone_normalize(phone, req_query(r, "phone"), &kind))
		return api_fail(r, 400, "bad_request", "err.phone_invalid");
	if (!(people = pop_people(phone)))
		return api_fail(r, 500, "server_error", "err.db");
	calls = json_array();
	/* The number's own calls come with the first resident's (or alone). */
	if (!json_array_size(people) && pop_fill(r, NULL, phone, calls))
		goto db_error;
	json_array_foreach(people, i, p)
		if (pop_fill(r, p, i ? "" : phone, calls))
			goto db_error;
	r->json = json_pack("{s:s,s:s,s:o,s:o}", "phone", phone, "kind", kind, "residents",
			    people, "calls", calls);
	return 0;
db_error:
	json_decref(people);
	json_decref(calls);
	return api_fail(r, 500, "server_error", "err.db");
}
