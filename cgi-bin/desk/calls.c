/* calls.c — the call log (通话记录): call records written by ivrd, filtered and paged; one
 * call with its events and recording; the recording itself.  Who sees which call and
 * hears which recording is lib/call.c's rule: agents their own calls, supervisors all. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "call.h"
#include "db.h"
#include "desk.h"
#include "names.h"
#include "resident.h"
#include "util.h"

/* One more row than a page shows, to know whether there is a next page. */
#define CALLS_LIMIT (DESK_PER_PAGE + 1)

/* Copies the rows of st into Calls.N with agent names.  Returns how many, or -1. */
static int calls_rows(struct req *r, struct stmt *st)
{
	char node[32], col[48];
	int n = 0;

	if (!st)
		return -1;
	while (db_next(st) == 1) {
		const char *agent = names_staff(db_int(st, CALL_C_AGENT));

		snprintf(node, sizeof(node), "Calls.%d", n++);
		stmt_row_hdf(r, node, st, 0);
		snprintf(col, sizeof(col), "%s.agent", node);
		if (agent)
			hset(r, col, agent);
	}
	db_done(st);
	return n;
}

/* A value of list (NULL-terminated) from the query, shown back as Filter.<name>; ""
 * when absent, and a field error when not one of them. */
static const char *calls_choice(struct req *r, const char *name, const char *const *list)
{
	const char *v = req_query(r, name);
	char node[64];

	if (!v || !*v)
		return "";
	snprintf(node, sizeof(node), "Filter.%s", name);
	hset(r, node, v);
	for (int i = 0; list && list[i]; i++)
		if (!strcmp(v, list[i]))
			return v;
	if (!list && strlen(v) <= 32 && strspn(v, "abcdefghijklmnopqrstuvwxyz0123456789_-") ==
	    strlen(v))
		return v;
	form_error(r, name, "err.invalid");
	return "";
}

/* Reads the filters into f (phone and dates into the buffers given). */
static void calls_filter_read(struct req *r, struct call_filter *f, char *phone, char *from,
			      char *to)
{
	const char *q = req_query(r, "q");
	long long page;

	memset(f, 0, sizeof(*f));
	f->all = req_can(r, "call.view_all");
	f->me = r->user.id;
	hset_int(r, "Perm.all", f->all);
	if (f->all)
		f->agent = desk_filter_id(r, "agent");
	f->queue = calls_choice(r, "queue", NULL);
	f->disposition = calls_choice(r, "disposition", call_dispositions);
	desk_filter_dates(r, from, to);
	f->from = from;
	f->to = to;
	hset(r, "Filter.q", q);
	phone[0] = '\0';
	if (q && *q && (strlen(q) > 64 || phone_normalize(phone, q, NULL)))
		form_error(r, "q", "err.phone_invalid");
	f->phone = phone;
	page = req_int(r, "page", 1, 1, DESK_MAX_PAGE);
	f->limit = CALLS_LIMIT;
	f->offset = ((page < 1 ? 1 : page) - 1) * DESK_PER_PAGE;
}

/* Pager.{Page,PrevHref,NextHref}: the list's URL with its filters and the page. */
static void calls_pager(struct req *r, long long page, int has_next)
{
	static const char *const keep[] = { "q", "agent", "queue", "disposition", "from", "to",
					    NULL };
	struct buf url;
	char sep;

	buf_init(&url);
	buf_puts(&url, "/calls");
	for (int i = 0; keep[i]; i++)
		url_param(&url, keep[i], req_query(r, keep[i]));
	sep = strchr(url.data, '?') ? '&' : '?';
	hset_int(r, "Pager.Page", page);
	if (page > 1)
		hsetf(r, "Pager.PrevHref", "%s%cpage=%lld", url.data, sep, page - 1);
	if (has_next && page < DESK_MAX_PAGE)
		hsetf(r, "Pager.NextHref", "%s%cpage=%lld", url.data, sep, page + 1);
	buf_free(&url);
}

int page_calls(struct req *r)
{
	char phone[PHONE_MAX + 1], from[20], to[20], extra[32];
	struct call_filter f;
	int n;

	calls_filter_read(r, &f, phone, from, to);
	hset(r, "Page.Title", tr(r, "desk.calls.title"));
	r->template = "desk/calls.cs";
	if (f.all && desk_staff(r, "Agents") < 0)
		return req_fail(r, 500, "err.db");
	if (form_has_errors(r)) {
		r->status = 422;
		return 0;
	}
	if ((n = calls_rows(r, call_list(&f))) < 0)
		return req_fail(r, 500, "err.db");
	snprintf(extra, sizeof(extra), "Calls.%d", DESK_PER_PAGE);
	if (n > DESK_PER_PAGE)
		hdf_remove_tree(r->hdf, extra);
	calls_pager(r, f.offset / DESK_PER_PAGE + 1, n > DESK_PER_PAGE);
	return 0;
}

/* Reads call id into Call and checks that the user may see it: 0, or the status of the
 * 404 answered (also for someone else's call: its existence is nobody else's business). */
static int call_load_or_fail(struct req *r, long long id)
{
	struct stmt *st = call_get(id);
	int found = st ? db_next(st) : -1;

	if (found == 1)
		stmt_row_hdf(r, "Call", st, 0);
	if (st)
		db_done(st);
	if (found < 0)
		return req_fail(r, 500, "err.db");
	if (!found || !call_may_view(&r->user, atoll(hdf_get_value(r->hdf, "Call.agent_id", "0"))))
		return req_fail(r, 404, "err.not_found_object");
	return 0;
}

int page_call(struct req *r)
{
	long long id = r->args[0];
	const char *agent;
	HDF *events;
	int status = call_load_or_fail(r, id);

	if (status)
		return status;
	if ((agent = names_staff(atoll(hdf_get_value(r->hdf, "Call.agent_id", "0")))))
		hset(r, "Call.agent", agent);
	if (db_query_hdf(r, "Events", "SELECT CAST(e.at AS DATETIME) AS at, e.event, e.detail,"
			 " e.queue, e.agent_id FROM call_event e WHERE e.call_id = ?"
			 " ORDER BY e.at, e.id", "i", id) < 0)
		return req_fail(r, 500, "err.db");
	events = hdf_get_obj(r->hdf, "Events");
	for (HDF *e = events ? hdf_obj_child(events) : NULL; e; e = hdf_obj_next(e)) {
		NEOERR *err = NULL;
		char local[32];

		/* Times to the second: a call's steps are seconds apart. */
		err = hdf_set_value(e, "at", time_local(local, sizeof(local),
							 hdf_get_value(e, "at", ""), 1));
		if (!err && (agent = names_staff(atoll(hdf_get_value(e, "agent_id", "0")))))
			err = hdf_set_value(e, "agent", agent);
		nerr_ignore(&err);
	}
	hset_int(r, "Perm.listen", call_may_listen(&r->user, atoll(hdf_get_value(
		r->hdf, "Call.agent_id", "0"))));
	/* Supervisors score answered calls (质检, the report program). */
	hset_int(r, "Perm.qa", req_can(r, "qa.score"));
	hsetf(r, "Page.Title", "%s %s", tr(r, "desk.calls.one"),
	      hdf_get_value(r->hdf, "Call.caller", ""));
	r->template = "desk/call.cs";
	return 0;
}

int page_call_recording(struct req *r)
{
	long long id = r->args[0];
	char path[1024], name[64];
	int status = call_load_or_fail(r, id);
	const char *rel;

	if (status)
		return status;
	if (!call_may_listen(&r->user, atoll(hdf_get_value(r->hdf, "Call.agent_id", "0"))))
		return req_fail(r, 403, "desk.calls.err_listen");
	rel = hdf_get_value(r->hdf, "Call.recording_path", NULL);
	if (!rel || call_recording_file(path, sizeof(path), rel) || req_body_file(r, path, 0))
		return req_fail(r, 404, "desk.calls.err_no_recording");
	r->raw_type = "audio/wav";
	snprintf(name, sizeof(name), "call-%lld.wav", id);
	req_disposition(r, name, req_query(r, "download") != NULL);
	return 0;
}
