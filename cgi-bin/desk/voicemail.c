/* voicemail.c — voicemail left by callers (留言), as callback tasks: the list for the
 * user's department (everyone's with call.view_all), each with a player, a link to the
 * caller's pop and "called back".  ivrd stores the messages (ivr/flow.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "call.h"
#include "db.h"
#include "desk.h"
#include "names.h"

static const char *const vm_states[] = { "open", "handled", "all" };

/* Copies the rows of st into Messages.N (with the department's and the handler's name,
 * and whether the user may see it).  Returns how many, or -1. */
static int vm_rows(struct req *r, struct stmt *st)
{
	char node[32], col[48];
	const char *name;
	int n = 0;

	if (!st)
		return -1;
	while (db_next(st) == 1) {
		snprintf(node, sizeof(node), "Messages.%d", n++);
		stmt_row_hdf(r, node, st, 0);
		snprintf(col, sizeof(col), "%s.department", node);
		if ((name = names_department(db_int(st, VM_C_DEPARTMENT))))
			hset(r, col, name);
		snprintf(col, sizeof(col), "%s.handler", node);
		if ((name = names_staff(db_int(st, VM_C_HANDLED_BY))))
			hset(r, col, name);
		snprintf(col, sizeof(col), "%s.seconds", node);
		hset_int(r, col, (db_int(st, 5) + 500) / 1000);
	}
	db_done(st);
	return n;
}

int page_voicemail(struct req *r)
{
	const char *state = req_query(r, "state");
	long long page = req_int(r, "page", 1, 1, DESK_MAX_PAGE), dept = 0;
	int which = 0, n;
	struct buf url;
	char extra[32];

	for (int i = 0; state && i < 3; i++)
		if (!strcmp(state, vm_states[i]))
			which = i;
	hset(r, "Filter.state", vm_states[which]);
	hset(r, "Page.Title", tr(r, "desk.vm.title"));
	r->template = "desk/voicemail.cs";
	if (page < 1)
		page = 1;
	if (!req_can(r, "call.view_all")) {
		dept = r->user.department_id;
		hset_int(r, "Perm.own_department", 1);
		if (!dept)
			return 0;	/* no department: no callback tasks */
	}
	n = vm_rows(r, voicemail_list(which == 2 ? -1 : which, dept, DESK_PER_PAGE + 1,
				      (page - 1) * DESK_PER_PAGE));
	if (n < 0)
		return req_fail(r, 500, "err.db");
	snprintf(extra, sizeof(extra), "Messages.%d", DESK_PER_PAGE);
	if (n > DESK_PER_PAGE)
		hdf_remove_tree(r->hdf, extra);
	buf_init(&url);
	buf_printf(&url, "/calls/voicemail?state=%s", vm_states[which]);
	hset_int(r, "Pager.Page", page);
	if (page > 1)
		hsetf(r, "Pager.PrevHref", "%s&page=%lld", url.data, page - 1);
	if (n > DESK_PER_PAGE && page < DESK_MAX_PAGE)
		hsetf(r, "Pager.NextHref", "%s&page=%lld", url.data, page + 1);
	buf_free(&url);
	return 0;
}

/* Reads message id into Message when the user may see it: 0, or the status of the 404
 * (or 500) answered. */
static int vm_load_or_fail(struct req *r, long long id)
{
	struct stmt *st = voicemail_get(id);
	int found = st ? db_next(st) : -1;

	if (found == 1)
		stmt_row_hdf(r, "Message", st, 0);
	if (st)
		db_done(st);
	if (found < 0)
		return req_fail(r, 500, "err.db");
	if (!found || !voicemail_may_view(&r->user, atoll(hdf_get_value(
			r->hdf, "Message.department_id", "0"))))
		return req_fail(r, 404, "err.not_found_object");
	return 0;
}

int page_voicemail_recording(struct req *r)
{
	char path[1024], name[64];
	int status = vm_load_or_fail(r, r->args[0]);

	if (status)
		return status;
	if (call_recording_file(path, sizeof(path), hdf_get_value(r->hdf, "Message.recording_path",
								  NULL)) ||
	    req_body_file(r, path, 0))
		return req_fail(r, 404, "desk.calls.err_no_recording");
	r->raw_type = "audio/wav";
	snprintf(name, sizeof(name), "voicemail-%lld.wav", r->args[0]);
	req_disposition(r, name, req_query(r, "download") != NULL);
	return 0;
}

int page_voicemail_handled(struct req *r)
{
	struct org_actor who = desk_actor(r);
	struct org_errors e = { 0 };
	int status = vm_load_or_fail(r, r->args[0]);
	enum org_result res;

	if (status)
		return status;
	res = voicemail_handled(&e, &who, r->args[0]);
	if (res == ORG_REFUSED)
		req_flash(r, "desk.vm.err_handled");
	else if (res)
		return req_fail(r, res == ORG_NOT_FOUND ? 404 : 500, res == ORG_NOT_FOUND ?
				"err.not_found_object" : "err.db");
	else
		req_flash(r, "desk.vm.flash_handled");
	return desk_redirectf(r, "/calls/voicemail");
}
