/* attachments.c — files on work orders through the API: upload (multipart field "file",
 * or the raw body with ?filename=), download for those who may see the work order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api.h"
#include "attach.h"
#include "db.h"
#include "log.h"
#include "ticket.h"

/* The uploaded bytes and their name: the multipart part "file", else the raw body. */
static int upload_find(struct req *r, const char **data, size_t *len, const char **name)
{
	const struct param *f = params_find(&r->form, "file");
	const char *slash;

	if (r->content_type && !strncasecmp(r->content_type, "multipart/form-data", 19)) {
		if (!f || !f->filename)
			return -1;
		*data = f->value;
		*len = f->len;
		*name = f->filename;
	} else {
		*data = r->input.data;
		*len = r->input.len;
		*name = req_query(r, "filename");
	}
	if (!*name || !**name)
		*name = "file";
	/* Only the last part of a path some clients send along. */
	if ((slash = strrchr(*name, '/')) || (slash = strrchr(*name, '\\')))
		*name = slash[1] ? slash + 1 : "file";
	return 0;
}

int api_ticket_attachment_add(struct req *r)
{
	struct org_actor who = api_actor(r);
	struct org_errors e = { 0 };
	char sha256[65], mime[64];
	const char *data = NULL, *name = NULL, *problem;
	enum org_result res;
	long long aid = 0;
	size_t len = 0;
	int status = api_ticket_visible_or_fail(r, r->args[0]);

	if (status)
		return status;
	if (!req_can(r, "ticket.edit") && !req_can(r, "tech.mobile"))
		return api_fail(r, 403, "forbidden", "api.forbidden");
	if (upload_find(r, &data, &len, &name)) {
		api_error_add(&e, "file", "err.required");
		return api_fail_invalid(r, &e);
	}
	if ((problem = attach_store(sha256, mime, data, len))) {
		if (!strcmp(problem, "err.server"))
			return api_fail(r, 500, "server_error", problem);
		api_error_add(&e, "file", problem);
		return api_fail_invalid(r, &e);
	}
	res = ticket_attach(&aid, &e, &who, r->args[0], sha256, (long long)len, mime, name);
	if (res)
		return api_fail_org(r, res, &e, "ticket.err_conflict");
	req_header_add(r, "Location: /api/v1/tickets/%lld/attachments/%lld", r->args[0], aid);
	if ((status = api_item_or_fail(r, db_query_json(
		"SELECT id, ticket_id, filename, mime, size, uploaded_by AS uploaded_by_id,"
		" created_at FROM attachment WHERE id = ?", "i", aid))))
		return status;
	api_ints(r->json, (const char *const[]){ "size", NULL });
	return 201;
}

int api_ticket_attachment_get(struct req *r)
{
	/* Lives until the response is written (one request at a time per worker). */
	static char mime[101];
	char sha256[65] = "", name[256] = "";
	struct stmt *st;
	char *path;
	int status = api_ticket_visible_or_fail(r, r->args[0]);

	if (status)
		return status;
	st = db_query("SELECT sha256, mime, filename FROM attachment WHERE id = ? AND"
		      " ticket_id = ?", "ii", r->args[1], r->args[0]);
	if (!st)
		return api_fail(r, 500, "server_error", "err.db");
	if (db_next(st) == 1) {
		snprintf(sha256, sizeof(sha256), "%s", db_text(st, 0));
		snprintf(mime, sizeof(mime), "%s", db_text(st, 1));
		snprintf(name, sizeof(name), "%s", db_text(st, 2));
	}
	db_done(st);
	if (!sha256[0])
		return api_fail(r, 404, "not_found", "api.not_found");
	path = attach_path(sha256);
	if (!path || req_body_file(r, path, 0)) {
		log_err("api: attachment %lld: cannot read %s", r->args[1], path ? path : sha256);
		free(path);
		return api_fail(r, 500, "server_error", "err.server");
	}
	free(path);
	r->raw_type = mime;
	req_disposition(r, name, 1);
	return 0;
}
