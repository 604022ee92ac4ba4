/* ticket.c — one of the resident's work orders: its progress, photos, and the steps the
 * resident may take (cancel before dispatch, rate after completion).  A work order that
 * is not the resident's is a 404, exactly as one that does not exist. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attach.h"
#include "db.h"
#include "portal.h"
#include "portal_pages.h"
#include "ticket.h"

/* The page of work order id (r->status kept after a failed step). */
static int ticket_show(struct req *r, long long id)
{
	const char *status;

	if (portal_ticket_load(r, id) != 1 || portal_timeline(r, id) ||
	    db_row_hdf(r, "Ticket", "SELECT description, visit_comment FROM ticket WHERE id = ?",
		       "i", id) < 0 ||
	    db_query_hdf(r, "Files", "SELECT id, filename, mime LIKE 'image/%' AS is_image"
			 " FROM attachment WHERE ticket_id = ? ORDER BY id", "i", id) < 0)
		return req_fail(r, 500, "err.db");
	status = hdf_get_value(r->hdf, "Ticket.status", "");
	if (!strcmp(status, TS_NEW))
		hset(r, "Actions.cancel", "1");
	if (!strcmp(status, TS_RESOLVED) && !hdf_get_value(r->hdf, "Ticket.satisfaction", NULL))
		hset(r, "Actions.rate", "1");
	hset(r, "Page.Title", hdf_get_value(r->hdf, "Ticket.number", ""));
	r->template = "portal/ticket.cs";
	return 0;
}

int page_ticket(struct req *r)
{
	if (!portal_may_view(portal_me(r), r->args[0]))
		return portal_not_found(r);
	return ticket_show(r, r->args[0]);
}

int portal_step_errors(struct req *r, int res, const void *errors)
{
	const struct org_errors *e = errors;

	if (res == ORG_NOT_FOUND)
		return portal_not_found(r);
	if (res == ORG_DB || res == ORG_OK)
		return req_fail(r, 500, "err.db");
	for (int i = 0; i < e->n; i++) {
		if (e->v[i].field && strcmp(e->v[i].field, "to"))
			form_error(r, !strcmp(e->v[i].field, "satisfaction") ? "stars" :
				      e->v[i].field, e->v[i].key);
		else
			hset(r, "Page.Error", tr(r, e->v[i].key));
	}
	if (!hdf_get_value(r->hdf, "Page.Error", NULL))
		hset(r, "Page.Error", tr(r, res == ORG_CONFLICT ? "ticket.err_conflict" : "err.form"));
	r->status = res == ORG_INVALID ? 422 : 409;
	return 0;
}

int portal_rating_read(struct req *r, int *stars, const char **comment)
{
	const char *s = req_field(r, "stars");

	*comment = req_field(r, "comment");
	hset(r, "Form.stars", s);
	hset(r, "Form.comment", *comment);
	*stars = strlen(s) == 1 && s[0] >= '1' && s[0] <= '5' ? s[0] - '0' : 0;
	if (!*stars)
		form_error(r, "stars", "portal.err_stars");
	if (org_strlen(*comment) > 500)
		form_error(r, "comment", "portal.err_comment_long");
	return form_has_errors(r) ? -1 : 0;
}

int page_ticket_cancel(struct req *r)
{
	long long id = r->args[0];
	struct org_errors e = { 0 };
	const char *reason;
	char where[64];
	int res;

	if (!portal_may_view(portal_me(r), id))
		return portal_not_found(r);
	reason = req_field(r, "reason");
	hset(r, "Form.reason", reason);
	if (!*reason)
		form_error(r, "reason", "portal.err_reason");
	else if (org_strlen(reason) > 200)
		form_error(r, "reason", "err.too_long_field");
	if (form_has_errors(r)) {
		r->status = 422;
		return ticket_show(r, id);
	}
	res = portal_cancel(&e, r->ip, id, reason);
	if (res) {
		int status = portal_step_errors(r, res, &e);
		return status ? status : ticket_show(r, id);
	}
	req_flash(r, "portal.flash.cancelled");
	snprintf(where, sizeof(where), "/portal/tickets/%lld", id);
	return req_redirect(r, where);
}

int page_ticket_rate(struct req *r)
{
	long long id = r->args[0];
	struct org_errors e = { 0 };
	const char *comment;
	char where[64];
	int stars, res;

	if (!portal_may_view(portal_me(r), id))
		return portal_not_found(r);
	if (portal_rating_read(r, &stars, &comment)) {
		r->status = 422;
		return ticket_show(r, id);
	}
	res = portal_rate(&e, r->ip, id, stars, comment);
	if (res) {
		int status = portal_step_errors(r, res, &e);
		return status ? status : ticket_show(r, id);
	}
	req_flash(r, "portal.flash.rated");
	snprintf(where, sizeof(where), "/portal/tickets/%lld", id);
	return req_redirect(r, where);
}

int page_ticket_attachment(struct req *r)
{
	struct stmt *st;
	char *path = NULL;
	int found = 0, err;

	if (!portal_may_view(portal_me(r), r->args[0]))
		return portal_not_found(r);
	st = db_query("SELECT sha256, mime, filename FROM attachment WHERE id = ? AND"
		      " ticket_id = ?", "ii", r->args[1], r->args[0]);
	if (!st)
		return req_fail(r, 500, "err.db");
	if (db_next(st) == 1) {
		found = 1;
		path = attach_path(db_text(st, 0));
		hset(r, "Download.Mime", db_text(st, 1));
		hset(r, "Download.Name", db_text(st, 2));
	}
	db_done(st);
	if (!found)
		return portal_not_found(r);
	err = !path || req_body_file(r, path, 0);
	free(path);
	if (err)
		return req_fail(r, 500, "err.server");
	r->raw_type = hdf_get_value(r->hdf, "Download.Mime", "application/octet-stream");
	req_disposition(r, hdf_get_value(r->hdf, "Download.Name", "file"), 0);
	return 0;
}
