/* csv.h — CSV as spreadsheet software reads and writes it: encoding detection (UTF-8 with
 * or without BOM, else GB18030), RFC 4180 parsing, and escaping for export.
 *
 * Pure functions over byte buffers, so they can be unit tested. */
#ifndef WL_CSV_H
#define WL_CSV_H

#include <stddef.h>

#include "util.h"

/* True when buf[0..len) is valid UTF-8 (no overlongs, no surrogates, no NUL). */
int csv_utf8_valid(const char *buf, size_t len);

/* Converts an uploaded file to UTF-8 in out: valid UTF-8 is taken as it is (a BOM is
 * dropped), anything else is converted from GB18030.  *encoding receives "UTF-8" or
 * "GB18030".  Returns 0, or -1 when the bytes are neither (out is then empty). */
int csv_to_utf8(struct buf *out, const char *data, size_t len, const char **encoding);

/* A reader over UTF-8 text; fields of the current record point into its own storage. */
struct csv_reader {
	const char *p, *end;
	long row;		/* 1-based number of the record just read (spreadsheet row) */
	long line;		/* 1-based line of the file where that record starts */
	long next_line;
	struct buf store;	/* the current record's fields, each NUL-terminated */
	size_t *offs;		/* field i starts at store.data + offs[i] */
	size_t nf, capf;
};

void csv_reader_init(struct csv_reader *cr, const char *text, size_t len);
void csv_reader_free(struct csv_reader *cr);
/* Reads the next record: quoted fields ("a, ""b""" with commas, quotes, CR/LF inside),
 * CRLF, LF or CR line ends.  Returns 1 for a record, 0 at the end, -1 for a quote that is
 * never closed (cr->line says where the record began). */
int csv_read(struct csv_reader *cr);
/* Field i of the current record ("" past the last one). */
const char *csv_get(const struct csv_reader *cr, size_t i);
/* True when every field of the current record is empty (a blank spreadsheet row). */
int csv_blank(const struct csv_reader *cr);

/* Appends v as one CSV field: quoted when it holds a comma, quote, CR or LF; a value that
 * a spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a leading
 * apostrophe, so it shows as text. */
void csv_field(struct buf *b, const char *v);
/* The value an exported field stood for: drops the apostrophe csv_field put before a
 * formula character.  Returns a pointer into v. */
const char *csv_unguard(const char *v);

#endif
