/* parse.c — HTTP request parsing: urlencoded and multipart bodies, cookies, paths. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse.h"

#define MP_MAX_BOUNDARY 70	/* RFC 2046 5.1.1 */

const struct parse_limits parse_default_limits = {
	.max_fields = 1000,
	.max_files = 16,
	.max_part = 20 * 1024 * 1024,
	.max_name = 256,
};

/* One multipart part's headers while they are being read. */
struct mp_part {
	char *name;
	char *filename;
	char *ctype;
	int seen_disposition;
};

void params_init(struct params *p)
{
	memset(p, 0, sizeof(*p));
}

static void param_clear(struct param *pa)
{
	free(pa->name);
	free(pa->value);
	free(pa->filename);
	free(pa->ctype);
	memset(pa, 0, sizeof(*pa));
}

void params_free(struct params *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->n; i++)
		param_clear(&p->v[i]);
	free(p->v);
	params_init(p);
}

const struct param *params_find(const struct params *p, const char *name)
{
	size_t i;

	if (!p || !name)
		return NULL;
	for (i = 0; i < p->n; i++)
		if (!strcmp(p->v[i].name, name))
			return &p->v[i];
	return NULL;
}

const char *params_get(const struct params *p, const char *name)
{
	size_t i;

	if (!p || !name)
		return NULL;
	for (i = 0; i < p->n; i++)
		if (!p->v[i].filename && !strcmp(p->v[i].name, name))
			return p->v[i].value;
	return NULL;
}

/* Appends one field, taking ownership of the strings (freed on failure too). */
static int params_add(struct params *out, char *name, char *value, size_t len,
		      char *filename, char *ctype)
{
	struct param *pa;

	if (out->n == out->cap) {
		size_t cap = out->cap ? out->cap * 2 : 8;
		struct param *v;

		if (cap > SIZE_MAX / sizeof(*v) / 2)
			goto nomem;
		v = realloc(out->v, cap * sizeof(*v));
		if (!v)
			goto nomem;
		out->v = v;
		out->cap = cap;
	}
	pa = &out->v[out->n++];
	pa->name = name;
	pa->value = value;
	pa->len = len;
	pa->filename = filename;
	pa->ctype = ctype;
	return PARSE_OK;

nomem:
	free(name);
	free(value);
	free(filename);
	free(ctype);
	return PARSE_NOMEM;
}

/* Copies s[0..n) into a new NUL-terminated string (unlike strndup, never stops at a NUL). */
static char *mem_dup(const char *s, size_t n)
{
	char *d = malloc(n + 1);

	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

int utf8_valid(const char *buf, size_t len)
{
	const unsigned char *s = (const unsigned char *)buf;
	size_t i = 0, k, n;

	if (!buf)
		return len == 0;
	while (i < len) {
		unsigned char c = s[i], lo = 0x80, hi = 0xbf;

		if (c == 0)
			return 0;
		if (c < 0x80) {
			i++;
			continue;
		}
		/* C0/C1 only start overlongs; F5..FF would be above U+10FFFF. */
		if (c < 0xc2 || c > 0xf4)
			return 0;
		n = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : 1;
		if (len - i <= n)
			return 0;
		if (c == 0xe0)
			lo = 0xa0;	/* overlong 3-byte */
		else if (c == 0xed)
			hi = 0x9f;	/* surrogates D800..DFFF */
		else if (c == 0xf0)
			lo = 0x90;	/* overlong 4-byte */
		else if (c == 0xf4)
			hi = 0x8f;	/* above U+10FFFF */
		if (s[i + 1] < lo || s[i + 1] > hi)
			return 0;
		for (k = 2; k <= n; k++)
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
		i += n + 1;
	}
	return 1;
}

static int hex_val(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decodes src[0..n) into dst, which may be src itself (the output is never
 * longer).  Returns PARSE_OK or PARSE_BAD_PERCENT; *outlen is the decoded length. */
static int pct_decode(char *dst, size_t *outlen, const char *src, size_t n, int plus_space)
{
	size_t i = 0, k = 0;

	while (i < n) {
		char c = src[i];

		if (c == '%') {
			int h, l;

			if (n - i < 3 || (h = hex_val(src[i + 1])) < 0 ||
			    (l = hex_val(src[i + 2])) < 0)
				return PARSE_BAD_PERCENT;
			dst[k++] = (char)(h << 4 | l);
			i += 3;
			continue;
		}
		dst[k++] = plus_space && c == '+' ? ' ' : c;
		i++;
	}
	*outlen = k;
	return PARSE_OK;
}

/* Decodes one urlencoded name or value into a new string, which must be valid UTF-8. */
static int form_decode(char **out, size_t *outlen, const char *s, size_t n)
{
	char *d = malloc(n + 1);
	int err;

	*out = NULL;
	if (!d)
		return PARSE_NOMEM;
	err = pct_decode(d, outlen, s, n, 1);
	if (err)
		goto out;
	d[*outlen] = '\0';
	if (!utf8_valid(d, *outlen))
		err = PARSE_BAD_UTF8;
out:
	if (err)
		free(d);
	else
		*out = d;
	return err;
}

/* Adds one "name=value" pair of a urlencoded buffer; empty pairs add nothing. */
static int form_add_pair(struct params *out, const char *s, size_t n,
			 const struct parse_limits *lim)
{
	const char *eq = memchr(s, '=', n);
	size_t nlen = eq ? (size_t)(eq - s) : n;
	size_t vlen = eq ? n - nlen - 1 : 0;
	char *name = NULL, *value = NULL;
	size_t dn, dv;
	int err;

	if (nlen == 0)
		return vlen ? PARSE_BAD_REQUEST : PARSE_OK;
	if (out->n >= lim->max_fields)
		return PARSE_TOO_MANY;
	err = form_decode(&name, &dn, s, nlen);
	if (err)
		goto out;
	if (dn > lim->max_name) {
		err = PARSE_TOO_LARGE;
		goto out;
	}
	err = form_decode(&value, &dv, eq ? eq + 1 : s + n, vlen);
	if (err)
		goto out;
	err = params_add(out, name, value, dv, NULL, NULL);
	name = value = NULL;
out:
	free(name);
	free(value);
	return err;
}

int parse_urlencoded(struct params *out, const char *buf, size_t len,
		     const struct parse_limits *lim)
{
	const char *p = buf, *end;
	int err = PARSE_OK;

	if (!lim)
		lim = &parse_default_limits;
	if (!buf || !len)
		return buf || !len ? PARSE_OK : PARSE_BAD_REQUEST;
	end = buf + len;
	while (p < end && !err) {
		const char *amp = memchr(p, '&', end - p);
		const char *seg_end = amp ? amp : end;

		err = form_add_pair(out, p, seg_end - p, lim);
		p = amp ? amp + 1 : end;
	}
	return err;
}

static int is_ows(char c)
{
	return c == ' ' || c == '\t';
}

static int is_ctl(char c)
{
	return (unsigned char)c < 0x20 || c == 0x7f;
}

/* Trims spaces and tabs around s[0..*n), returning the new start. */
static const char *span_trim(const char *s, size_t *n)
{
	while (*n && is_ows(*s)) {
		s++;
		(*n)--;
	}
	while (*n && is_ows(s[*n - 1]))
		(*n)--;
	return s;
}

static int cookie_name_ok(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (is_ctl(s[i]) || is_ows(s[i]) || s[i] == '"' || s[i] == ',' || s[i] == '\\')
			return 0;
	return utf8_valid(s, n);
}

static int cookie_value_ok(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (is_ctl(s[i]))
			return 0;
	return utf8_valid(s, n);
}

/* Adds one "name=value" cookie; malformed ones are skipped without an error. */
static int cookie_add(struct params *out, const char *s, size_t n,
		      const struct parse_limits *lim)
{
	const char *eq = memchr(s, '=', n), *name, *value;
	size_t nlen, vlen;
	char *nm, *val;

	if (!eq)
		return PARSE_OK;
	nlen = eq - s;
	vlen = n - nlen - 1;
	name = span_trim(s, &nlen);
	value = span_trim(eq + 1, &vlen);
	if (vlen >= 2 && value[0] == '"' && value[vlen - 1] == '"') {
		value++;
		vlen -= 2;
	}
	if (!nlen || nlen > lim->max_name || !cookie_name_ok(name, nlen) ||
	    !cookie_value_ok(value, vlen))
		return PARSE_OK;
	if (out->n >= lim->max_fields)
		return PARSE_TOO_MANY;
	nm = mem_dup(name, nlen);
	val = mem_dup(value, vlen);
	if (!nm || !val) {
		free(nm);
		free(val);
		return PARSE_NOMEM;
	}
	return params_add(out, nm, val, vlen, NULL, NULL);
}

int parse_cookies(struct params *out, const char *header, const struct parse_limits *lim)
{
	const char *p = header;
	int err = PARSE_OK;

	if (!lim)
		lim = &parse_default_limits;
	if (!header)
		return PARSE_OK;
	while (*p && !err) {
		const char *semi = strchr(p, ';');
		size_t n = semi ? (size_t)(semi - p) : strlen(p);

		err = cookie_add(out, p, n, lim);
		p += n + (semi != NULL);
	}
	return err;
}

static const char *skip_ows(const char *p, const char *end)
{
	while (p < end && is_ows(*p))
		p++;
	return p;
}

/* True if s[0..n) equals the literal, ignoring ASCII case. */
static int span_ieq(const char *s, size_t n, const char *lit)
{
	return n == strlen(lit) && !strncasecmp(s, lit, n);
}

/* Unquotes the quoted-string at *pp into a new buffer.  Only \" and \\ are escapes:
 * old browsers send Windows paths ("C:\dir\f.txt") unescaped. */
static int hdr_unquote(const char **pp, const char *end, char **val, size_t *vlen)
{
	const char *p = *pp + 1;
	char *d = malloc(end - *pp);
	size_t k = 0;

	if (!d)
		return PARSE_NOMEM;
	while (p < end && *p != '"') {
		if (*p == '\\' && end - p > 1 && (p[1] == '"' || p[1] == '\\'))
			p++;
		d[k++] = *p++;
	}
	if (p == end) {
		free(d);
		return PARSE_BAD_MULTIPART;
	}
	d[k] = '\0';
	*val = d;
	*vlen = k;
	*pp = p + 1;
	return PARSE_OK;
}

/* Reads the next "; attr=value" of a header value (quoted or token).  At the end it
 * returns PARSE_OK with *attr NULL; otherwise the caller frees *val. */
static int hdr_next_param(const char **pp, const char *end, const char **attr, size_t *alen,
			  char **val, size_t *vlen)
{
	const char *p = skip_ows(*pp, end), *a, *v;
	int err;

	*attr = NULL;
	*val = NULL;
	if (p < end && *p == ';')
		p = skip_ows(p + 1, end);
	else if (p < end)
		return PARSE_BAD_MULTIPART;
	*pp = p;
	if (p == end)
		return PARSE_OK;
	for (a = p; p < end && *p != '=' && *p != ';' && !is_ows(*p); p++)
		;
	*alen = p - a;
	p = skip_ows(p, end);
	if (!*alen || p == end || *p != '=')
		return PARSE_BAD_MULTIPART;
	p = skip_ows(p + 1, end);
	if (p < end && *p == '"') {
		err = hdr_unquote(&p, end, val, vlen);
		if (err)
			return err;
	} else {
		for (v = p; p < end && *p != ';' && *p != '"' && !is_ows(*p); p++)
			;
		*vlen = p - v;
		*val = mem_dup(v, *vlen);
		if (!*val)
			return PARSE_NOMEM;
	}
	*attr = a;
	*pp = p;
	return PARSE_OK;
}

/* Reads the leading token of a header value ("form-data", "multipart/form-data"). */
static const char *hdr_token(const char *p, const char *end, size_t *n)
{
	const char *t = skip_ows(p, end);

	for (p = t; p < end && *p != ';' && !is_ows(*p); p++)
		;
	*n = p - t;
	return t;
}

static int mp_boundary_ok(const char *b, size_t n)
{
	size_t i;

	if (n < 1 || n > MP_MAX_BOUNDARY || b[n - 1] == ' ')
		return 0;
	for (i = 0; i < n; i++)
		if (!strchr("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "'()+_,-./:=? ", b[i]) || !b[i])
			return 0;
	return 1;
}

/* Copies the boundary parameter of a multipart/form-data Content-Type into bnd. */
static int mp_boundary(char *bnd, size_t *blen, const char *ctype)
{
	const char *p, *end, *t, *attr;
	size_t tlen, alen, vlen;
	char *val = NULL;
	int err, found = 0;

	if (!ctype)
		return PARSE_BAD_MULTIPART;
	end = ctype + strlen(ctype);
	t = hdr_token(ctype, end, &tlen);
	if (!span_ieq(t, tlen, "multipart/form-data"))
		return PARSE_BAD_MULTIPART;
	p = t + tlen;
	for (;;) {
		err = hdr_next_param(&p, end, &attr, &alen, &val, &vlen);
		if (err || !attr)
			break;
		if (span_ieq(attr, alen, "boundary")) {
			if (found || !mp_boundary_ok(val, vlen)) {
				err = PARSE_BAD_MULTIPART;
				break;
			}
			memcpy(bnd, val, vlen);
			*blen = vlen;
			found = 1;
		}
		free(val);
		val = NULL;
	}
	free(val);
	if (!err && !found)
		err = PARSE_BAD_MULTIPART;
	return err;
}

/* Keeps a Content-Disposition parameter; a repeated one makes the part ambiguous. */
static int mp_keep(char **slot, char **val)
{
	if (*slot)
		return PARSE_BAD_MULTIPART;
	*slot = *val;
	*val = NULL;
	return PARSE_OK;
}

/* Reads "form-data; name=...; filename=..." (filename* is ignored). */
static int mp_disposition(struct mp_part *part, const char *p, const char *end)
{
	const char *t, *attr;
	size_t tlen, alen, vlen;
	char *val = NULL;
	int err;

	if (part->seen_disposition)
		return PARSE_BAD_MULTIPART;
	part->seen_disposition = 1;
	t = hdr_token(p, end, &tlen);
	if (!span_ieq(t, tlen, "form-data"))
		return PARSE_BAD_MULTIPART;
	p = t + tlen;
	for (;;) {
		err = hdr_next_param(&p, end, &attr, &alen, &val, &vlen);
		if (err || !attr)
			break;
		if (memchr(val, '\0', vlen))
			err = PARSE_BAD_UTF8;	/* would silently cut the name short */
		else if (span_ieq(attr, alen, "name"))
			err = mp_keep(&part->name, &val);
		else if (span_ieq(attr, alen, "filename"))
			err = mp_keep(&part->filename, &val);
		free(val);
		val = NULL;
		if (err)
			break;
	}
	free(val);
	return err;
}

/* Handles one part header line [line, end) (without its line end). */
static int mp_header(struct mp_part *part, const char *line, const char *end)
{
	const char *colon = memchr(line, ':', end - line), *h, *v;
	size_t hlen, vlen;

	if (!colon)
		return PARSE_BAD_MULTIPART;
	hlen = colon - line;
	h = span_trim(line, &hlen);
	if (span_ieq(h, hlen, "Content-Disposition"))
		return mp_disposition(part, colon + 1, end);
	if (!span_ieq(h, hlen, "Content-Type"))
		return PARSE_OK;
	if (part->ctype)
		return PARSE_BAD_MULTIPART;
	vlen = end - colon - 1;
	v = span_trim(colon + 1, &vlen);
	if (!utf8_valid(v, vlen))
		return PARSE_BAD_UTF8;
	part->ctype = mem_dup(v, vlen);
	return part->ctype ? PARSE_OK : PARSE_NOMEM;
}

/* Reads the header lines in [p, end) up to the blank line; *body is set just after it.
 * Lines end in CRLF or bare LF. */
static int mp_headers(struct mp_part *part, const char *p, const char *end, const char **body)
{
	int err;

	while (p < end) {
		const char *nl = memchr(p, '\n', end - p), *le;

		if (!nl)
			break;
		le = nl;
		if (le > p && le[-1] == '\r')
			le--;
		if (le == p) {
			*body = nl + 1;
			return PARSE_OK;
		}
		err = mp_header(part, p, le);
		if (err)
			return err;
		p = nl + 1;
	}
	return PARSE_BAD_MULTIPART;
}

/* Checks what follows "--boundary" at s[t]: "--" closes the body, otherwise optional
 * spaces and a line end.  Returns 0 if this is not a delimiter after all. */
static int mp_delim_tail(const char *s, size_t n, size_t t, size_t *next, int *final)
{
	if (n - t >= 2 && s[t] == '-' && s[t + 1] == '-') {
		*final = 1;
		*next = t + 2;
		return 1;
	}
	while (t < n && is_ows(s[t]))
		t++;
	if (t < n && s[t] == '\n')
		*next = t + 1;
	else if (n - t >= 2 && s[t] == '\r' && s[t + 1] == '\n')
		*next = t + 2;
	else
		return 0;
	*final = 0;
	return 1;
}

/* Finds the first delimiter "\n--boundary" (needle) at or after from.  *at is the
 * index of its '\n', *next the start of what follows its line. */
static int mp_find_delim(const char *s, size_t n, size_t from, const char *needle,
			 size_t nlen, size_t *at, size_t *next, int *final)
{
	while (from < n) {
		const char *hit = memmem(s + from, n - from, needle, nlen);

		if (!hit)
			return 0;
		*at = hit - s;
		if (mp_delim_tail(s, n, *at + nlen, next, final))
			return 1;
		from = *at + 1;
	}
	return 0;
}

/* Applies the limits and encoding rules to a part before it is copied. */
static int mp_check_part(const struct mp_part *part, const char *body, size_t len,
			 const struct parse_limits *lim, size_t nfields, size_t nfiles)
{
	size_t nlen = strlen(part->name);

	if (!nlen)
		return PARSE_BAD_REQUEST;
	if (nlen > lim->max_name)
		return PARSE_TOO_LARGE;
	if (!utf8_valid(part->name, nlen))
		return PARSE_BAD_UTF8;
	if (part->filename && !utf8_valid(part->filename, strlen(part->filename)))
		return PARSE_BAD_UTF8;
	if (nfields >= lim->max_fields || (part->filename && nfiles >= lim->max_files))
		return PARSE_TOO_MANY;
	if (len > lim->max_part)
		return PARSE_TOO_LARGE;
	if (!part->filename && !utf8_valid(body, len))
		return PARSE_BAD_UTF8;
	return PARSE_OK;
}

/* Adds the part whose headers start at s[p] and whose body ends before the '\n' of the
 * delimiter at s[d]. */
static int mp_add_part(struct params *out, const char *s, size_t p, size_t d,
		       const struct parse_limits *lim, size_t *nfiles)
{
	struct mp_part part = { NULL, NULL, NULL, 0 };
	const char *body, *bend = s + d;
	char *value = NULL;
	size_t len;
	int err;

	err = mp_headers(&part, s + p, s + d + 1, &body);
	if (err)
		goto out;
	if (body > bend)	/* the blank line was the delimiter's own line end */
		body = bend;
	if (bend > body && bend[-1] == '\r')
		bend--;
	len = bend - body;
	err = PARSE_BAD_MULTIPART;
	if (!part.name)
		goto out;
	err = mp_check_part(&part, body, len, lim, out->n, *nfiles);
	if (err)
		goto out;
	value = mem_dup(body, len);
	if (!value) {
		err = PARSE_NOMEM;
		goto out;
	}
	if (part.filename)
		(*nfiles)++;
	else {
		free(part.ctype);
		part.ctype = NULL;
	}
	err = params_add(out, part.name, value, len, part.filename, part.ctype);
	part.name = part.filename = part.ctype = NULL;
out:
	free(part.name);
	free(part.filename);
	free(part.ctype);
	return err;
}

int parse_multipart(struct params *out, const char *content_type, const char *body,
		    size_t len, const struct parse_limits *lim)
{
	char needle[MP_MAX_BOUNDARY + 3] = "\n--";
	size_t blen, nlen, at, p, nfiles = 0;
	int err, final = 0;

	if (!lim)
		lim = &parse_default_limits;
	err = mp_boundary(needle + 3, &blen, content_type);
	if (err)
		return err;
	if (!body || !len)
		return PARSE_BAD_MULTIPART;
	nlen = blen + 3;
	/* The first delimiter may open the body without a line end before it. */
	if (len < nlen - 1 || memcmp(body, needle + 1, nlen - 1) ||
	    !mp_delim_tail(body, len, nlen - 1, &p, &final)) {
		if (!mp_find_delim(body, len, 0, needle, nlen, &at, &p, &final))
			return PARSE_BAD_MULTIPART;
	}
	while (!final) {
		size_t start = p;

		/* Search from the '\n' ending the delimiter line: an empty part is legal. */
		if (!mp_find_delim(body, len, start - 1, needle, nlen, &at, &p, &final))
			return PARSE_BAD_MULTIPART;
		err = mp_add_part(out, body, start, at, lim, &nfiles);
		if (err)
			return err;
	}
	return PARSE_OK;
}

int parse_path(char *path)
{
	size_t n;
	int err;

	if (!path)
		return PARSE_BAD_REQUEST;
	err = pct_decode(path, &n, path, strlen(path), 0);
	if (err)
		return err;
	path[n] = '\0';
	return utf8_valid(path, n) ? PARSE_OK : PARSE_BAD_UTF8;
}

const char *parse_strerror(int err)
{
	switch (err) {
	case PARSE_BAD_PERCENT:
		return "err.bad_percent";
	case PARSE_BAD_UTF8:
		return "err.bad_utf8";
	case PARSE_TOO_LARGE:
		return "err.too_large";
	case PARSE_TOO_MANY:
		return "err.too_many";
	case PARSE_BAD_MULTIPART:
		return "err.bad_multipart";
	case PARSE_NOMEM:
		return "err.nomem";
	default:
		return "err.bad_request";
	}
}
