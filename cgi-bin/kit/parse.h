/* parse.h — HTTP request parsing: query strings, urlencoded and multipart bodies, cookies.
 *
 * Pure functions over byte buffers, independent of FastCGI, so they can be unit tested
 * and fuzzed.  Every name and value that comes out is NUL-terminated, valid UTF-8 (for
 * names and text fields) and owned by the params list.  Nothing here ever aborts on bad
 * input: it returns an error code, which parse_strerror() turns into a language key. */
#ifndef WL_PARSE_H
#define WL_PARSE_H

#include <stddef.h>

enum parse_err {
	PARSE_OK = 0,
	PARSE_BAD_PERCENT,	/* "%zz", "%4" at the end */
	PARSE_BAD_UTF8,		/* name or text value is not valid UTF-8 (overlongs, surrogates, NUL refused) */
	PARSE_TOO_LARGE,	/* body or a single part exceeds its limit */
	PARSE_TOO_MANY,		/* more fields/files/cookies than allowed */
	PARSE_BAD_MULTIPART,	/* malformed multipart: no boundary, missing headers, unterminated */
	PARSE_BAD_REQUEST,	/* anything else malformed (e.g. empty field name) */
	PARSE_NOMEM,
};

struct param {
	char *name;		/* NUL-terminated, valid UTF-8 */
	char *value;		/* NUL-terminated; for files the raw content (may hold NULs, use len) */
	size_t len;		/* length of value in bytes */
	char *filename;		/* multipart file parts only: client's file name (UTF-8 checked), else NULL */
	char *ctype;		/* multipart file parts only: the part's Content-Type as sent, else NULL */
};

struct params {
	struct param *v;
	size_t n, cap;
};

struct parse_limits {
	size_t max_fields;	/* fields (and cookies) in one list, e.g. 1000 */
	size_t max_files;	/* file parts in one multipart body, e.g. 16 */
	size_t max_part;	/* bytes in one multipart part, e.g. 20 MiB */
	size_t max_name;	/* bytes in one field name, e.g. 256 */
};

/* Sensible defaults for the limits above. */
extern const struct parse_limits parse_default_limits;

void params_init(struct params *p);
void params_free(struct params *p);

/* First value of name, or NULL.  Files are returned too (check ->filename). */
const struct param *params_find(const struct params *p, const char *name);
/* First text value of name, or NULL. */
const char *params_get(const struct params *p, const char *name);

/* Appends the fields of an application/x-www-form-urlencoded buffer (also used for the
 * query string): '&'-separated, '+' is space, %XX decoded; empty pairs are skipped;
 * a name without '=' has the empty value. Returns PARSE_OK or an error; on error the
 * list may hold the fields parsed before the error (caller frees it anyway). */
int parse_urlencoded(struct params *out, const char *buf, size_t len,
		     const struct parse_limits *lim);

/* Appends the cookies of a Cookie header ("a=1; b=2").  Cookie values are not percent
 * decoded (we only set base64url tokens); malformed pairs are skipped, never an error,
 * because browsers send cookies of other sites' software on localhost. Invalid UTF-8
 * cookies are skipped too. Returns PARSE_OK or PARSE_TOO_MANY/PARSE_NOMEM. */
int parse_cookies(struct params *out, const char *header, const struct parse_limits *lim);

/* Appends the parts of a multipart/form-data body.  content_type is the full header
 * (the boundary parameter is read from it, quoted or not).  Text parts (no filename)
 * must be valid UTF-8; file parts keep raw bytes.  Handles CRLF and bare LF line ends in
 * part headers, a preamble and epilogue, parts with no Content-Type. */
int parse_multipart(struct params *out, const char *content_type, const char *body,
		    size_t len, const struct parse_limits *lim);

/* Percent-decodes a URL path in place ('+' is NOT a space in paths).  Fails on bad
 * escapes, invalid UTF-8 and on decoded NUL. */
int parse_path(char *path);

/* True if buf[0..len) is valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF, no NUL). */
int utf8_valid(const char *buf, size_t len);

/* A language-file key describing the error, e.g. "err.bad_percent". */
const char *parse_strerror(int err);

#endif
