/* pop.c — the screen pop (来电弹屏): who is calling, what they have open, how they were
 * served; a quick-create form for unknown callers.  The reads are lib/pop.c's four
 * statements; this file orders their few rows and puts them where the template wants them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "desk.h"
#include "names.h"
#include "pop.h"
#include "resident.h"

/* HDF calls here fail only when memory runs out; the page then shows less. */
static void nerr_drop(NEOERR *err)
{
	nerr_ignore(&err);
}

/* Orders the children of node with cmp (HDF ** arguments), keeping at most keep. */
static void pop_sort(struct req *r, const char *node, int (*cmp)(const void *, const void *),
		     int keep)
{
	HDF *h = hdf_get_obj(r->hdf, node), *c;
	int n = 0;

	if (!h)
		return;
	nerr_drop(hdf_sort_obj(h, cmp));
	for (c = hdf_obj_child(h); c;) {
		HDF *next = hdf_obj_next(c);

		if (++n > keep)
			nerr_drop(hdf_remove_tree(h, hdf_obj_name(c)));
		c = next;
	}
}

static int by_value_desc(HDF *a, HDF *b, const char *name)
{
	return strcmp(hdf_get_value(b, name, ""), hdf_get_value(a, name, ""));
}

static int by_int(HDF *a, HDF *b, const char *name)
{
	long long x = atoll(hdf_get_value(a, name, "0")), y = atoll(hdf_get_value(b, name, "0"));

	return (x > y) - (x < y);
}

/* The latest edited resident first. */
static int cmp_resident(const void *pa, const void *pb)
{
	HDF *a = *(HDF *const *)pa, *b = *(HDF *const *)pb;
	int c = by_value_desc(a, b, "updated_at");

	return c ? c : by_int(b, a, "id");
}

/* Tags in the dictionary's order, unknown codes last. */
static int cmp_tag(const void *pa, const void *pb)
{
	HDF *a = *(HDF *const *)pa, *b = *(HDF *const *)pb;
	int c = by_int(a, b, "sort");

	return c ? c : strcmp(hdf_get_value(a, "code", ""), hdf_get_value(b, "code", ""));
}

/* Households: where the resident is the owner first, then in the order of the tree. */
static int cmp_household(const void *pa, const void *pb)
{
	HDF *a = *(HDF *const *)pa, *b = *(HDF *const *)pb;
	int oa = !strcmp(hdf_get_value(a, "relation", ""), "owner");
	int ob = !strcmp(hdf_get_value(b, "relation", ""), "owner");

	return ob != oa ? ob - oa : by_int(a, b, "household_id");
}

/* Calls and work orders: newest first. */
static int cmp_newest(const void *pa, const void *pb)
{
	HDF *a = *(HDF *const *)pa, *b = *(HDF *const *)pb;
	int c = by_value_desc(a, b, "started_at");

	return c ? c : by_int(b, a, "id");
}

/* Appends child "N" to node and returns its name "node.N" in name (size 160). */
static void pop_child(struct req *r, char *name, const char *node)
{
	HDF *h = hdf_get_obj(r->hdf, node);
	int n = 0;

	for (HDF *c = h ? hdf_obj_child(h) : NULL; c; c = hdf_obj_next(c))
		n++;
	snprintf(name, 160, "%s.%d", node, n);
}

/* Sets node.col to name when there is one. */
static void hset_name(struct req *r, const char *node, const char *col, const char *name)
{
	char full[192];

	if (!name)
		return;
	snprintf(full, sizeof(full), "%s.%s", node, col);
	hset(r, full, name);
}

/* What the row callbacks fill. */
struct pop_page {
	struct req *r;
	long long ids[POP_MAX];		/* the residents found, in display order */
	char nodes[POP_MAX][32];	/* where each one's row is ("Choices.N") */
	int n;
	long long only;			/* details of this resident alone, or 0: of all */
	struct buf phones;		/* its numbers, the primary first */
	long long seen[2 * POP_CALLS_MAX];	/* calls shown */
	int nseen;
};

/* Where resident id is in ids, or -1. */
static int pop_index(const long long *ids, int n, long long id)
{
	for (int i = 0; i < n; i++)
		if (ids[i] == id)
			return i;
	return -1;
}

static void on_resident(void *arg, const char *kind, const struct stmt *st)
{
	struct pop_page *p = arg;
	char node[32];

	if (p->n == POP_MAX)
		return;
	snprintf(node, sizeof(node), "Choices.%d", p->n++);
	stmt_row_hdf(p->r, node, st, 1);
	hset_name(p->r, node, "level_label",
		  names_label("customer_level", db_text(st, 4), NULL) ?: db_text(st, 4));
	hset_name(p->r, node, "category_label", names_label("customer_category",
							    db_text(st, 5), NULL));
}

/* The residents with the number (or the one resident id) under Choices, the latest
 * edited first, into p.  Returns how many, or -1. */
static int pop_load_residents(struct pop_page *p, const char *phone, long long id)
{
	int n = 0;

	if (pop_residents(phone, id, on_resident, p))
		return -1;
	pop_sort(p->r, "Choices", cmp_resident, POP_MAX);
	for (HDF *c = hdf_obj_child(hdf_get_obj(p->r->hdf, "Choices") ?: p->r->hdf);
	     c && n < p->n; c = hdf_obj_next(c), n++) {
		p->ids[n] = atoll(hdf_get_value(c, "id", "0"));
		snprintf(p->nodes[n], sizeof(p->nodes[n]), "Choices.%s", hdf_obj_name(c));
	}
	return p->n = n;
}

static void on_detail(void *arg, const char *kind, const struct stmt *st)
{
	struct pop_page *p = arg;
	struct req *r = p->r;
	long long rid = db_int(st, POP_D_RESIDENT);
	char node[160];
	const char *base, *v;
	int k, sort;

	if ((p->only && rid != p->only) || (k = pop_index(p->ids, p->n, rid)) < 0)
		return;
	base = p->only ? "Resident" : p->nodes[k];
	if (!strcmp(kind, "phone")) {
		v = db_text(st, POP_D_PHONE);
		if (db_int(st, POP_D_PRIMARY) && p->phones.len) {	/* the primary first */
			struct buf b;
			buf_init(&b);
			buf_printf(&b, "%s %s", v, p->phones.data);
			buf_free(&p->phones);
			p->phones = b;
		} else {
			buf_printf(&p->phones, "%s%s", p->phones.len ? " " : "", v);
		}
	} else if (!strcmp(kind, "tag")) {
		char tags[64];

		v = db_text(st, POP_D_TAG);
		snprintf(tags, sizeof(tags), "%s.Tags", base);
		pop_child(r, node, tags);
		hset_name(r, node, "code", v);
		hset_name(r, node, "label", names_label("customer_tag", v, &sort) ?: v);
		snprintf(node + strlen(node), sizeof(node) - strlen(node), ".sort");
		hset_int(r, node, sort);
	} else if (p->only) {
		pop_child(r, node, "Households");
		stmt_row_hdf(r, node, st, POP_D_HOUSEHOLD);
	} else {
		snprintf(node, sizeof(node), "%s.households", base);
		v = hdf_get_value(r->hdf, node, "");
		hsetf(r, node, "%s%s%s %s %s %s", v, *v ? "；" : "", db_text(st, 9),
		      db_text(st, 10), db_text(st, 11), db_text(st, 12));
	}
}

/* Phones, tags and households: for the one resident p->only as Resident.{phones,Tags}
 * and Households, else the tags and a one-line list of households of each resident of
 * p (to choose from) under its Choices node.  0 or -1. */
static int pop_load_details(struct pop_page *p, const char *phone, long long id)
{
	char node[64];
	int err = pop_details(phone, id, on_detail, p);

	if (p->only) {
		hset(p->r, "Resident.phones", p->phones.len ? p->phones.data : "");
		pop_sort(p->r, "Resident.Tags", cmp_tag, 1000);
		pop_sort(p->r, "Households", cmp_household, 1000);
	}
	for (int k = 0; !p->only && k < p->n; k++) {
		snprintf(node, sizeof(node), "%s.Tags", p->nodes[k]);
		pop_sort(p->r, node, cmp_tag, 1000);
	}
	return err;
}

static void on_ticket(void *arg, const char *kind, const struct stmt *st)
{
	struct pop_page *p = arg;
	char node[160];

	if (!strcmp(kind, "scored"))
		snprintf(node, sizeof(node), "Score.Ticket");
	else
		pop_child(p->r, node, !strcmp(kind, "open") ? "Open" : "Recent");
	stmt_row_hdf(p->r, node, st, 1);
	hset_name(p->r, node, "type", names_type(db_int(st, POP_T_TYPE)));
	hset_name(p->r, node, "created_by", names_staff(db_int(st, POP_T_CREATED_BY)));
}

static void on_call(void *arg, const char *kind, const struct stmt *st)
{
	struct pop_page *p = arg;
	long long call = db_int(st, POP_C_ID);
	char node[160];

	if (!strcmp(kind, "rated")) {
		snprintf(node, sizeof(node), "Score.Call");
	} else {	/* the trail: the resident's calls and the number's, each once */
		if (p->nseen == 2 * POP_CALLS_MAX || pop_index(p->seen, p->nseen, call) >= 0)
			return;
		p->seen[p->nseen] = call;
		snprintf(node, sizeof(node), "Calls.%d", p->nseen++);
	}
	stmt_row_hdf(p->r, node, st, 1);
	hset_name(p->r, node, "agent", names_staff(db_int(st, POP_C_AGENT)));
}

/* Who served the resident last: the agent of the latest call or the creator of the
 * latest work order, whichever came later. */
static void pop_last_agent(struct req *r)
{
	HDF *calls = hdf_get_obj(r->hdf, "Calls"), *recent = hdf_get_obj(r->hdf, "Recent");
	HDF *call = calls ? hdf_obj_child(calls) : NULL;
	HDF *ticket = recent ? hdf_obj_child(recent) : NULL;
	const char *call_at = call ? hdf_get_value(call, "started_at", "") : "";
	const char *agent = call ? hdf_get_value(call, "agent", "") : "";
	const char *ticket_at = ticket ? hdf_get_value(ticket, "created_at", "") : "";
	const char *creator = ticket ? hdf_get_value(ticket, "created_by", "") : "";

	if (*agent && strcmp(call_at, ticket_at) >= 0) {
		hset(r, "LastAgent.name", agent);
		hset(r, "LastAgent.at", call_at);
		hset(r, "LastAgent.via", "call");
	} else if (*creator) {
		hset(r, "LastAgent.name", creator);
		hset(r, "LastAgent.at", ticket_at);
		hset(r, "LastAgent.via", "ticket");
	}
}

/* The whole pop for the k-th resident of p, reached by number phone ("" when opened by
 * id). */
static int pop_show(struct pop_page *p, int k, const char *phone)
{
	struct req *r = p->r;
	long long id = p->ids[k];
	struct buf url;
	int err;

	nerr_drop(hdf_copy(r->hdf, "Resident", hdf_get_obj(r->hdf, p->nodes[k])));
	nerr_drop(hdf_remove_tree(r->hdf, "Choices"));
	p->only = id;
	err = pop_load_details(p, phone, id) || pop_tickets(id, on_ticket, p) ||
	      pop_calls(id, phone, on_call, p);
	if (err)
		return req_fail(r, 500, "err.db");
	pop_sort(r, "Calls", cmp_newest, POP_CALLS_MAX);
	pop_last_agent(r);
	hset_int(r, "Perm.crm", req_can(r, "crm.view"));
	hset_int(r, "Perm.message_send", req_can(r, "message.send"));
	buf_init(&url);
	buf_printf(&url, "/tickets/new?resident=%lld", id);
	url_param(&url, "phone", phone);
	hset(r, "Pop.NewHref", url.data);
	buf_free(&url);
	hset(r, "Page.Title", hdf_get_value(r->hdf, "Resident.name", ""));
	return 0;
}

/* Validates the typed number into phone (PHONE_MAX + 1); a field error when implausible. */
static int pop_phone(struct req *r, char *phone, const char *in)
{
	if (phone_normalize(phone, in, NULL)) {
		form_error(r, "phone", "err.phone_invalid");
		r->status = 422;
		return -1;
	}
	hset(r, "Pop.Phone", phone);
	return 0;
}

/* The page once p is set up: the pop of the resident chosen (or the only one), the list
 * to choose from, or the form for an unknown caller. */
static int pop_page_fill(struct pop_page *p, const char *phone, long long chosen)
{
	struct req *r = p->r;
	int n, k;

	if (!*phone) {
		if ((n = pop_load_residents(p, "", chosen)) <= 0)
			return req_fail(r, n < 0 ? 500 : 404, n < 0 ? "err.db" :
					"err.not_found_object");
		return pop_show(p, 0, "");
	}
	if ((n = pop_load_residents(p, phone, 0)) < 0)
		return req_fail(r, 500, "err.db");
	if (n == 0) {
		hset(r, "Pop.Unknown", "1");
		hset(r, "Form.phone", phone);
		return 0;
	}
	if ((k = pop_index(p->ids, n, chosen)) >= 0 || (n == 1 && (k = 0) == 0))
		return pop_show(p, k, phone);
	return pop_load_details(p, phone, 0) ? req_fail(r, 500, "err.db") : 0;
}

int page_pop(struct req *r)
{
	const char *in = req_query(r, "phone");
	long long chosen = desk_query_id(r, "resident");
	char phone[PHONE_MAX + 1];
	struct pop_page *p;
	int status;

	hset(r, "Page.Title", tr(r, "desk.pop.title"));
	r->template = "desk/pop.cs";
	hset_int(r, "Perm.meal", req_can(r, "meal.order"));	/* 订餐 from the pop */
	if (!in || !*in) {
		if (!chosen)
			return 0;
		*phone = '\0';
	} else {
		hset(r, "Pop.Query", in);
		if (strlen(in) > 64 || pop_phone(r, phone, in))
			return 0;
	}
	if (!(p = calloc(1, sizeof(*p))))
		return req_fail(r, 500, "err.nomem");
	p->r = r;
	buf_init(&p->phones);
	status = pop_page_fill(p, phone, chosen);
	buf_free(&p->phones);
	free(p);
	return status;
}

int page_pop_resident(struct req *r)
{
	struct org_actor who = desk_actor(r);
	struct org_errors e = { 0 };
	struct resident_input in;
	char phone[PHONE_MAX + 1];
	enum org_result res;
	long long id;
	int status;

	memset(&in, 0, sizeof(in));
	form_keep(r, "name", "phone", "note", NULL);
	hset(r, "Page.Title", tr(r, "desk.pop.title"));
	r->template = "desk/pop.cs";
	hset_int(r, "Perm.meal", req_can(r, "meal.order"));
	hset(r, "Pop.Unknown", "1");
	hset(r, "Pop.Query", req_field(r, "phone"));
	if (pop_phone(r, phone, req_field(r, "phone")))
		return 0;
	in.name = req_field(r, "name");
	in.note = req_field(r, "note");
	in.phones[0] = phone;
	in.nphones = 1;
	res = resident_create(&id, &e, &who, &in);
	if (res) {
		status = desk_org_errors(r, res, &e);
		return status;
	}
	req_flash(r, "desk.pop.created");
	return desk_redirectf(r, "/pop?phone=%s&resident=%lld", phone, id);
}
