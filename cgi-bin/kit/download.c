/* download.c — files sent as the response body: reading them and naming them. */
#include <stdio.h>
#include <string.h>

#include "kit.h"

int req_body_file(struct req *r, const char *path, size_t max)
{
	FILE *f = fopen(path, "rb");
	char chunk[65536];
	size_t n;
	int err;

	if (!f)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 && (!max || r->body.len <= max))
		buf_add(&r->body, chunk, n);
	err = ferror(f) || (max && r->body.len > max);
	fclose(f);
	return err ? -1 : 0;
}

void req_disposition(struct req *r, const char *filename, int attachment)
{
	static const char safe[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				   "0123456789.-_";
	struct buf ascii, utf8;

	buf_init(&ascii);
	buf_init(&utf8);
	for (const unsigned char *c = (const unsigned char *)filename; c && *c; c++) {
		if (strchr(safe, *c)) {
			buf_add(&ascii, c, 1);
			buf_add(&utf8, c, 1);
		} else {
			buf_puts(&ascii, "_");
			buf_printf(&utf8, "%%%02X", *c);
		}
	}
	req_header_add(r, "Content-Disposition: %s; filename=\"%s\"; filename*=UTF-8''%s",
		       attachment ? "attachment" : "inline", ascii.len ? ascii.data : "file",
		       utf8.len ? utf8.data : "file");
	buf_free(&ascii);
	buf_free(&utf8);
}
