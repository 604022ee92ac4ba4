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

/* Reads the whole file at path into b; 0 or -1. */
static int file_read(struct buf *b, const char *path)
{
	FILE *f = fopen(path, "rb");
	char chunk[65536];
	size_t n;
	int err;

	if (!f) {
		log_err("tech: cannot open %s: %s", path, strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(b, chunk, n);
	err = ferror(f);
	fclose(f);
	return err ? -1 : 0;
}

/* Content-Disposition with the stored name, percent-encoded (RFC 6266, RFC 8187). */
static void disposition_add(struct req *r, const char *filename)
{
	static const char keep[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
				   "0123456789!#$&+.^_`|~-";
	struct buf v;

	buf_init(&v);
	for (const unsigned char *c = (const unsigned char *)filename; *c; c++) {
		if (strchr(keep, *c))
			buf_add(&v, c, 1);
		else
			buf_printf(&v, "%%%02X", *c);
	}
	req_header_add(r, "Content-Disposition: inline; filename*=UTF-8''%s",
		       v.data ? v.data : "file");
	buf_free(&v);
}

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
	err = !path || file_read(&r->body, path);
	free(path);
	if (err)
		return req_fail(r, 500, "err.server");
	r->raw_type = hdf_get_value(r->hdf, "Download.Mime", "application/octet-stream");
	disposition_add(r, hdf_get_value(r->hdf, "Download.Name", "file"));
	return 0;
}
