/* attachment.c — a work order's photo or file, for those who may see the work order. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attach.h"
#include "db.h"
#include "log.h"
#include "tech.h"
#include "ticket.h"

int page_tech_attachment(struct req *r)
{
	struct stmt *st;
	char *path = NULL;
	int found = 0, err = 0;

	if (!ticket_may_view(&r->user, r->args[0]))
		return tech_not_found(r);
	st = db_query("SELECT sha256, mime, filename FROM attachment WHERE id = ? AND"
		      " ticket_id = ?", "ii", r->args[1], r->args[0]);
	if (!st)
		return req_fail(r, 500, "err.db");
	if (db_next(st) == 1) {
		found = 1;
		path = attach_path(db_text(st, 0));
		/* The HDF outlives the handler: the kit sends the body after it returns. */
		hset(r, "Download.Mime", db_text(st, 1));
		hset(r, "Download.Name", db_text(st, 2));
	}
	db_done(st);
	if (!found)
		return tech_not_found(r);
	err = !path || req_body_file(r, path, 0);
	free(path);
	if (err)
		return req_fail(r, 500, "err.server");
	r->raw_type = hdf_get_value(r->hdf, "Download.Mime", "application/octet-stream");
	req_disposition(r, hdf_get_value(r->hdf, "Download.Name", "file"), 0);
	return 0;
}
