/* list.c — the work-order list: filters, three sort orders and OFFSET paging capped at
 * DESK_MAX_PAGE pages, one indexed query per page (no COUNT over a million rows). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "desk.h"
#include "names.h"
#include "resident.h"
#include "ticket.h"

static const char *const statuses[] = { TS_NEW, TS_DISPATCHED, TS_ACCEPTED, TS_EN_ROUTE,
					TS_ON_SITE, TS_PENDING, TS_RESOLVED, TS_CLOSED,
					TS_CANCELLED, TS_REOPENED };
#define NSTATUS (sizeof(statuses) / sizeof(statuses[0]))

struct list_filter {
	const char *status[NSTATUS];	/* chosen statuses, the rest "" (for URLs) */
	const char *slot[NSTATUS];	/* the chosen ones, then the first again (for SQL) */
	long long nstatus;
	long long type, department, assignee, community, building;
	char from[20], to[20];		/* UTC bounds of the local dates, or "" */
	long long overdue, emergency;
	char number[TICKET_NUMBER_MAX + 1];	/* a number searched for: open it */
	char phone[PHONE_MAX + 1];
	int sort;			/* index into list_sql */
	long long page;
};

/* One more row than a page shows, to know whether there is a next page.  A literal: the
 * statement is at db.c's limit of 32 values. */
#define LIST_LIMIT "51"
_Static_assert(DESK_PER_PAGE == 50, "LIST_LIMIT is DESK_PER_PAGE + 1");

/* Each filter is "(value unset OR condition)": the server folds the unset ones away when
 * it plans the statement with the bound values, and picks the index for the rest.  The
 * page's ids are found first and only they are joined for display, so rows skipped by
 * OFFSET cost an index entry each, not five joins. */
#define LIST_WHERE \
	" WHERE (? = 0 OR t.status IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?))" \
	" AND (? = 0 OR t.type_id = ?) AND (? = 0 OR t.department_id = ?)" \
	" AND (? = 0 OR t.assignee_id = ?) AND (? = 0 OR t.community_id = ?)" \
	" AND (? = 0 OR t.building_id = ?) AND (? = '' OR t.created_at >= ?)" \
	" AND (? = '' OR t.created_at < ?)" \
	" AND (? = 0 OR (t.status IN " TICKET_OPEN_SQL " AND t.resolve_due_at < UTC_TIMESTAMP()))" \
	" AND (? = 0 OR t.emergency = 1)"
/* The columns of the rows whose ids the derived table x holds, in the given order; the
 * names of type, subtype, department and assignee come from names.h (list_rows). */
#define LIST_SHOW(ids, order) \
	"SELECT t.id, t.number, t.status, t.priority, t.emergency, t.title, t.created_at," \
	" t.resolve_due_at, t.type_id, t.subtype_id, t.department_id, t.assignee_id," \
	" CONCAT_WS(' ', c.name, b.name, u.name, h.room) AS location," \
	" t.address, (t.status IN " TICKET_OPEN_SQL " AND t.resolve_due_at < UTC_TIMESTAMP())" \
	" AS overdue FROM (" ids ") x JOIN ticket t ON t.id = x.id" \
	" LEFT JOIN household h ON h.id = t.household_id LEFT JOIN unit u ON u.id = h.unit_id" \
	" LEFT JOIN building b ON b.id = u.building_id" \
	" LEFT JOIN community c ON c.id = b.community_id ORDER BY " order
enum { LIST_TYPE = 8, LIST_SUBTYPE, LIST_DEPARTMENT, LIST_ASSIGNEE };
#define LIST_SQL(order) \
	LIST_SHOW("SELECT t.id FROM ticket t" LIST_WHERE " ORDER BY " order " LIMIT " LIST_LIMIT \
		  " OFFSET ?", order)

static const char *const list_sort[] = { "created", "priority", "due" };
static const char *const list_sql[] = {
	LIST_SQL("t.created_at DESC, t.id DESC"),
	LIST_SQL("t.priority DESC, t.created_at DESC, t.id DESC"),
	LIST_SQL("t.resolve_due_at, t.id"),
};
/* A phone number: the work orders of the residents with that number and those that give
 * it as the contact phone, newest first (the other filters do not apply). */
static const char list_phone_sql[] = LIST_SHOW(
	"(SELECT t.id, t.created_at FROM ticket t WHERE t.resident_id IN"
	" (SELECT p.resident_id FROM resident_phone p WHERE p.phone = ?))"
	" UNION (SELECT t.id, t.created_at FROM ticket t WHERE t.contact_phone = ?)"
	" ORDER BY created_at DESC, id DESC LIMIT " LIST_LIMIT " OFFSET ?",
	"t.created_at DESC, t.id DESC");

/* Reads the statuses ticked (?status=new&status=...) and lists them all as
 * Statuses.N.{code,checked}.  Sorting by priority or due date is for the work still to
 * do: without a choice, it shows the open statuses (and never sorts a million rows). */
static void list_statuses(struct req *r, struct list_filter *f)
{
	static const char *const open[] = { TS_NEW, TS_REOPENED, TS_DISPATCHED, TS_ACCEPTED,
					    TS_EN_ROUTE, TS_ON_SITE, TS_PENDING };
	const char *v[32];
	size_t n = desk_params_all(&r->query, "status", v, 32);

	if (!n && f->sort) {
		memcpy(v, open, sizeof(open));
		n = sizeof(open) / sizeof(open[0]);
	}
	for (size_t i = 0; i < NSTATUS; i++) {
		int on = 0;

		for (size_t j = 0; j < n && !on; j++)
			on = !strcmp(v[j], statuses[i]);
		f->status[i] = on ? statuses[i] : "";
		if (on)
			f->slot[f->nstatus++] = statuses[i];
		hset_row(r, "Statuses", (int)i, "code", statuses[i]);
		hset_row(r, "Statuses", (int)i, "checked", on ? "1" : "0");
	}
	/* Repeating a status rather than adding '' keeps one range, so the server can read
	 * k_ticket_due or k_ticket_status in order instead of sorting. */
	for (size_t i = f->nstatus; i < NSTATUS; i++)
		f->slot[i] = f->nstatus ? f->slot[0] : "";
}

/* The dates and the search box; bad values become errors shown above the list. */
static void list_search(struct req *r, struct list_filter *f)
{
	const char *q = req_query(r, "q");

	desk_filter_dates(r, f->from, f->to);
	hset(r, "Filter.q", q);
	if (!q || !*q)
		return;
	/* A work-order number (20261121-0042), else a phone number. */
	if (strlen(q) <= TICKET_NUMBER_MAX && strlen(q) > 9 && q[8] == '-' &&
	    strspn(q, "0123456789") == 8 && strspn(q + 9, "0123456789") == strlen(q + 9))
		snprintf(f->number, sizeof(f->number), "%s", q);
	else if (strlen(q) > 64 || phone_normalize(f->phone, q, NULL))
		form_error(r, "q", "desk.list.err_search");
}

static void list_filter_read(struct req *r, struct list_filter *f)
{
	const char *sort = req_query(r, "sort");

	memset(f, 0, sizeof(*f));
	for (size_t i = 0; sort && i < sizeof(list_sort) / sizeof(list_sort[0]); i++)
		if (!strcmp(sort, list_sort[i]))
			f->sort = (int)i;
	hset(r, "Filter.sort", list_sort[f->sort]);
	list_statuses(r, f);
	f->type = desk_filter_id(r, "type");
	f->department = desk_filter_id(r, "department");
	f->assignee = desk_filter_id(r, "assignee");
	f->community = desk_filter_id(r, "community");
	f->building = desk_filter_id(r, "building");
	f->overdue = req_query(r, "overdue") && !strcmp(req_query(r, "overdue"), "1");
	f->emergency = req_query(r, "emergency") && !strcmp(req_query(r, "emergency"), "1");
	hset_int(r, "Filter.overdue", f->overdue);
	hset_int(r, "Filter.emergency", f->emergency);
	list_search(r, f);
	f->page = req_int(r, "page", 1, 1, DESK_MAX_PAGE);
	if (f->page < 1)
		f->page = 1;
}

/* Copies the rows of st into Tickets.N with the names of their ids.  Returns how many
 * or -1. */
static int list_rows(struct req *r, struct stmt *st)
{
	static const struct { int col; const char *name; } names[] = {
		{ LIST_TYPE, "type" }, { LIST_SUBTYPE, "subtype" },
		{ LIST_DEPARTMENT, "department" }, { LIST_ASSIGNEE, "assignee" } };
	char node[32], col[48];
	int n = 0;

	if (!st)
		return -1;
	while (db_next(st) == 1) {
		snprintf(node, sizeof(node), "Tickets.%d", n++);
		stmt_row_hdf(r, node, st, 0);
		for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
			long long id = db_int(st, names[i].col);
			const char *name = names[i].col == LIST_DEPARTMENT ? names_department(id) :
					   names[i].col == LIST_ASSIGNEE ? names_staff(id) :
					   names_type(id);
			snprintf(col, sizeof(col), "%s.%s", node, names[i].name);
			if (name)
				hset(r, col, name);
		}
	}
	db_done(st);
	return n;
}

/* One page of rows (one more than shown, to know whether a next page exists). */
static int list_query(struct req *r, const struct list_filter *f)
{
	const char *const *s = f->slot;

	if (f->phone[0])
		return list_rows(r, db_query(list_phone_sql, "ssi", f->phone, f->phone,
					     (f->page - 1) * DESK_PER_PAGE));
	return list_rows(r, db_query(list_sql[f->sort],
			 "i" "ssssssssss" "iiiiiiiiii" "ssss" "iii", f->nstatus, s[0], s[1], s[2],
			 s[3], s[4], s[5], s[6], s[7], s[8], s[9], f->type, f->type,
			 f->department, f->department, f->assignee, f->assignee, f->community,
			 f->community, f->building, f->building, f->from, f->from, f->to, f->to,
			 f->overdue, f->emergency, (f->page - 1) * DESK_PER_PAGE));
}

/* The list's URL with its filters (not the page, nor the sort when with_sort is 0). */
static void list_url(struct req *r, struct buf *url, const struct list_filter *f, int with_sort)
{
	static const char *const ids[] = { "type", "department", "assignee", "community",
					   "building", NULL };
	char node[64];

	buf_puts(url, "/tickets");
	for (size_t i = 0; i < NSTATUS; i++)
		url_param(url, "status", f->status[i]);
	for (int i = 0; ids[i]; i++) {
		snprintf(node, sizeof(node), "Filter.%s", ids[i]);
		url_param(url, ids[i], hdf_get_value(r->hdf, node, ""));
	}
	url_param(url, "from", req_query(r, "from"));
	url_param(url, "to", req_query(r, "to"));
	url_param(url, "overdue", f->overdue ? "1" : "");
	url_param(url, "emergency", f->emergency ? "1" : "");
	url_param(url, "q", req_query(r, "q"));
	if (with_sort && f->sort)
		url_param(url, "sort", list_sort[f->sort]);
}

/* Pager.{Page,PrevHref,NextHref} and List.SortBase for the sort links. */
static void list_pager(struct req *r, const struct list_filter *f, int has_next)
{
	struct buf url;
	char sep;

	buf_init(&url);
	list_url(r, &url, f, 0);
	hsetf(r, "List.SortBase", "%s%c", url.data, strchr(url.data, '?') ? '&' : '?');
	buf_reset(&url);
	list_url(r, &url, f, 1);
	sep = strchr(url.data, '?') ? '&' : '?';
	hset_int(r, "Pager.Page", f->page);
	if (f->page > 1)
		hsetf(r, "Pager.PrevHref", "%s%cpage=%lld", url.data, sep, f->page - 1);
	if (has_next && f->page < DESK_MAX_PAGE)
		hsetf(r, "Pager.NextHref", "%s%cpage=%lld", url.data, sep, f->page + 1);
	buf_free(&url);
}

/* The selects of the filter form, read from the database. */
static int list_choices_read(struct req *r, long long community)
{
	if (db_query_hdf(r, "Types", "SELECT id, name FROM ticket_type WHERE parent_id IS NULL"
			 " ORDER BY sort, id", "") < 0 ||
	    desk_departments(r, "Departments") < 0 || desk_staff(r, "Assignees") < 0 ||
	    db_query_hdf(r, "Communities", "SELECT id, name FROM community ORDER BY name",
			 "") < 0)
		return -1;
	if (community && db_query_hdf(r, "Buildings", "SELECT id, name FROM building"
				      " WHERE community_id = ? ORDER BY sort, name", "i",
				      community) < 0)
		return -1;
	return 0;
}

/* The choices change only with the reference tables (types, departments, staff, the
 * property tree), whose changes move names_current(), so a worker keeps the last few
 * sets, one per community filtered on, and copies them into each page. */
static const char *const choice_nodes[] = { "Types", "Departments", "Assignees",
					    "Communities", "Buildings" };
static struct {
	long long version, community;
	HDF *hdf;
} choices_cache[4];
static unsigned choices_next;

static void list_choices_copy(HDF *to, HDF *from)
{
	NEOERR *err = NULL;

	for (size_t i = 0; !err && i < sizeof(choice_nodes) / sizeof(choice_nodes[0]); i++) {
		HDF *h = hdf_get_obj(from, choice_nodes[i]);
		if (h)
			err = hdf_copy(to, choice_nodes[i], h);
	}
	nerr_ignore(&err);
}

static int list_choices(struct req *r, const struct list_filter *f)
{
	const size_t n = sizeof(choices_cache) / sizeof(choices_cache[0]);
	long long version = names_current();
	NEOERR *err;
	size_t i;

	for (i = 0; i < n; i++)
		if (choices_cache[i].hdf && choices_cache[i].version == version &&
		    choices_cache[i].community == f->community) {
			list_choices_copy(r->hdf, choices_cache[i].hdf);
			return 0;
		}
	if (list_choices_read(r, f->community))
		return -1;
	i = choices_next++ % n;
	hdf_destroy(&choices_cache[i].hdf);
	if ((err = hdf_init(&choices_cache[i].hdf))) {
		nerr_ignore(&err);
		choices_cache[i].hdf = NULL;
		return 0;
	}
	list_choices_copy(choices_cache[i].hdf, r->hdf);
	choices_cache[i].version = version;
	choices_cache[i].community = f->community;
	return 0;
}

int page_tickets(struct req *r)
{
	struct list_filter f;
	char extra[32];
	int n = 0;

	list_filter_read(r, &f);
	if (f.number[0]) {
		long long id = db_int_query(0, "SELECT id FROM ticket WHERE number = ?", "s", f.number);

		if (id)
			return desk_redirectf(r, "/tickets/%lld", id);
		form_error(r, "q", "desk.ticket.err_number");
	}
	if (list_choices(r, &f))
		return req_fail(r, 500, "err.db");
	if (form_has_errors(r))
		r->status = 422;
	else if ((n = list_query(r, &f)) < 0)
		return req_fail(r, 500, "err.db");
	snprintf(extra, sizeof(extra), "Tickets.%d", DESK_PER_PAGE);
	if (n > DESK_PER_PAGE)
		hdf_remove_tree(r->hdf, extra);
	list_pager(r, &f, n > DESK_PER_PAGE);
	hset(r, "Page.Title", tr(r, "desk.list.title"));
	r->template = "desk/list.cs";
	return 0;
}
