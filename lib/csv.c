/* csv.c — CSV files: UTF-8 or GB18030 in, RFC 4180 records out; escaped fields for export. */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

#define FORMULA_CHARS "=+-@\t\r"

/* Length of the UTF-8 sequence at s (at most n bytes available), or 0 when invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	size_t len;
	unsigned int cp;

	if (s[0] == 0)
		return 0;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		len = 2, cp = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		len = 3, cp = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

int csv_utf8_valid(const char *buf, size_t len)
{
	const unsigned char *s = (const unsigned char *)buf;

	for (size_t i = 0; i < len;) {
		size_t n = utf8_seq(s + i, len - i);

		if (!n)
			return 0;
		i += n;
	}
	return 1;
}

/* GB18030 to UTF-8 with iconv(3); 0 or -1 on an invalid or truncated sequence. */
static int gb18030_to_utf8(struct buf *out, const char *data, size_t len)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	char chunk[8192], *in = (char *)data;
	size_t left = len;
	int err = 0;

	if (cd == (iconv_t)-1)
		return -1;
	while (left > 0 && !err) {
		char *o = chunk;
		size_t room = sizeof(chunk);

		if (iconv(cd, &in, &left, &o, &room) == (size_t)-1 && errno != E2BIG)
			err = -1;
		buf_add(out, chunk, sizeof(chunk) - room);
	}
	iconv_close(cd);
	/* NUL is valid GB18030 but never part of a spreadsheet's text. */
	if (!err && !csv_utf8_valid(out->data, out->len))
		err = -1;
	return err;
}

int csv_to_utf8(struct buf *out, const char *data, size_t len, const char **encoding)
{
	buf_reset(out);
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
		data += 3;
		len -= 3;
	}
	if (csv_utf8_valid(data, len)) {
		*encoding = "UTF-8";
		buf_add(out, data, len);
		return 0;
	}
	*encoding = "GB18030";
	if (gb18030_to_utf8(out, data, len)) {
		buf_reset(out);
		return -1;
	}
	return 0;
}

void csv_reader_init(struct csv_reader *cr, const char *text, size_t len)
{
	memset(cr, 0, sizeof(*cr));
	cr->p = text;
	cr->end = text + len;
	cr->next_line = 1;
	buf_init(&cr->store);
}

void csv_reader_free(struct csv_reader *cr)
{
	buf_free(&cr->store);
	free(cr->offs);
	cr->offs = NULL;
}

static void field_start(struct csv_reader *cr)
{
	if (cr->nf == cr->capf) {
		cr->capf = cr->capf ? cr->capf * 2 : 16;
		cr->offs = xrealloc(cr->offs, cr->capf * sizeof(*cr->offs));
	}
	cr->offs[cr->nf++] = cr->store.len;
}

/* Consumes a line end at p (CRLF, LF or CR); returns how many bytes it had. */
static size_t line_end(const char *p, const char *end)
{
	if (p < end && *p == '\r')
		return p + 1 < end && p[1] == '\n' ? 2 : 1;
	return p < end && *p == '\n' ? 1 : 0;
}

/* Reads a quoted field's content after its opening quote.  Returns 0, or -1 when the
 * closing quote is missing. */
static int read_quoted(struct csv_reader *cr)
{
	const char *p = cr->p;

	for (;;) {
		const char *q = memchr(p, '"', (size_t)(cr->end - p));

		if (!q) {
			cr->p = cr->end;
			return -1;
		}
		for (const char *c = p; c < q; c++)
			if (*c == '\n' || (*c == '\r' && (c + 1 == q || c[1] != '\n')))
				cr->next_line++;
		buf_add(&cr->store, p, (size_t)(q - p));
		if (q + 1 < cr->end && q[1] == '"') {
			buf_add(&cr->store, "\"", 1);
			p = q + 2;
			continue;
		}
		cr->p = q + 1;
		return 0;
	}
}

int csv_read(struct csv_reader *cr)
{
	size_t eol;

	if (cr->p >= cr->end)
		return 0;
	buf_reset(&cr->store);
	cr->nf = 0;
	cr->row++;
	cr->line = cr->next_line;
	for (;;) {
		field_start(cr);
		if (cr->p < cr->end && *cr->p == '"') {
			cr->p++;
			if (read_quoted(cr))
				return -1;
		}
		/* Unquoted text (or what follows a closing quote, kept as spreadsheets do). */
		while (cr->p < cr->end && *cr->p != ',' && *cr->p != '\r' && *cr->p != '\n')
			buf_add(&cr->store, cr->p++, 1);
		buf_add(&cr->store, "", 1);
		if (cr->p < cr->end && *cr->p == ',') {
			cr->p++;
			continue;
		}
		eol = line_end(cr->p, cr->end);
		cr->p += eol;
		if (eol)
			cr->next_line++;
		return 1;
	}
}

const char *csv_get(const struct csv_reader *cr, size_t i)
{
	return i < cr->nf ? cr->store.data + cr->offs[i] : "";
}

int csv_blank(const struct csv_reader *cr)
{
	for (size_t i = 0; i < cr->nf; i++) {
		const char *v = csv_get(cr, i);

		if (v[strspn(v, " \t")])
			return 0;
	}
	return 1;
}

void csv_field(struct buf *b, const char *v)
{
	int guard = v && *v && strchr(FORMULA_CHARS, *v);

	if (!v)
		v = "";
	if (!guard && !v[strcspn(v, ",\"\r\n")]) {
		buf_puts(b, v);
		return;
	}
	buf_puts(b, guard ? "\"'" : "\"");
	for (const char *c = v; *c; c++) {
		if (*c == '"')
			buf_add(b, "\"", 1);
		buf_add(b, c, 1);
	}
	buf_puts(b, "\"");
}

const char *csv_unguard(const char *v)
{
	if (v[0] == '\'' && v[1] && strchr(FORMULA_CHARS, v[1]))
		return v + 1;
	return v;
}
