/* attachments.c — photos, videos and PDFs of a work order: upload (typed by content in
 * lib/attach.c) and download, both only for those who may see the work order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attach.h"
#include "db.h"
#include "desk.h"
#include "ticket.h"

/* Stores one uploaded file and records it on work order id.  NULL or a language key. */
static const char *attach_one(struct req *r, long long id, const struct param *p)
{
	struct org_actor who = desk_actor(r);
	struct org_errors e = { 0 };
	char sha[65], mime[64];
	const char *err = attach_store(sha, mime, p->value, p->len);
	long long aid;

	if (err)
		return err;
	if (ticket_attach(&aid, &e, &who, id, sha, (long long)p->len, mime, p->filename))
		return e.n ? e.v[0].key : "err.db";
	return NULL;
}

int page_ticket_attach(struct req *r)
{
	long long id = r->args[0];
	const char *err = NULL;
	int n = 0;

	if (!ticket_may_view(&r->user, id))
		return req_fail(r, 404, "err.not_found_object");
	hset(r, "Form.to", "attach");
	/* Every file part called "file" (the input allows several); the first bad one stops. */
	for (size_t i = 0; i < r->form.n && !err; i++) {
		const struct param *p = &r->form.v[i];

		if (strcmp(p->name, "file") || !p->filename || (!p->len && !*p->filename))
			continue;
		err = attach_one(r, id, p);
		n += !err;
	}
	if (!err && !n)
		err = "attach.err_empty";
	if (err) {
		form_error(r, "file", err);
		r->status = 422;
		return desk_ticket_show(r, id);
	}
	req_flash(r, "desk.ticket.flash_attached");
	return desk_redirectf(r, "/tickets/%lld#attachments", id);
}

int page_ticket_download(struct req *r)
{
	char *path;
	int found, err;

	if (!ticket_may_view(&r->user, r->args[0]))
		return req_fail(r, 404, "err.not_found_object");
	found = db_row_hdf(r, "File", "SELECT sha256, mime, filename FROM attachment"
			     " WHERE id = ? AND ticket_id = ?", "ii", r->args[1], r->args[0]);
	if (found <= 0)
		return found < 0 ? req_fail(r, 500, "err.db") : req_fail(r, 404, "err.not_found_object");
	path = attach_path(hdf_get_value(r->hdf, "File.sha256", ""));
	err = !path || req_body_file(r, path, ATTACH_MAX_BYTES);
	free(path);
	if (err)
		return req_fail(r, 404, "err.not_found_object");
	r->raw_type = hdf_get_value(r->hdf, "File.mime", "application/octet-stream");
	/* Pictures, videos and PDFs open in the browser, the rest download. */
	req_disposition(r, hdf_get_value(r->hdf, "File.filename", "file"),
			strncmp(r->raw_type, "image/", 6) && strncmp(r->raw_type, "video/", 6) &&
			strcmp(r->raw_type, "application/pdf"));
	return 0;
}
