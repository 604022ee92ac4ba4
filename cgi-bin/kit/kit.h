/* kit.h — the web kit: one request, the page table, the dispatcher, sessions, rendering.
 *
 * A program is a table of pages.  The dispatcher parses the request, finds the page by
 * method and path, enforces login, permission and CSRF, calls the handler, and renders
 * the handler's template inside the shared layout (or the JSON it built, for the API).
 * Handlers never print.
 *
 * HDF contract every template can rely on (set by the kit before the handler runs):
 *   Lang.*            strings of the request's language (templates/lang/<lang>.hdf)
 *   Page.Lang         "zh-CN" or "en" (for <html lang>)   Page.LangCode  "zh_CN" | "en"
 *   Page.Path         the request path                  Page.Title     set by handler
 *   Page.Template     the template the layout includes (set by the handler via r->template)
 *   Page.Flash        one-time notice after a redirect (already translated), may be empty
 *   App.Company       WL_COMPANY                        App.Name       暖线 WarmLine
 *   CSRF              the token every state-changing form must send as field "_csrf"
 *   User.Id, User.Login, User.Name    when logged in (absent otherwise)
 *   Nav.N.Href, Nav.N.Label, Nav.N.Active   navigation entries the user may open
 *   Query.<name>      NOT set: user input reaches HDF only through handlers, as values.
 */
#ifndef WL_KIT_H
#define WL_KIT_H

#include <fcgiapp.h>
#include <ClearSilver.h>
#include <jansson.h>

#include "auth.h"
#include "parse.h"
#include "util.h"

#define KIT_MAX_ARGS 4
#define KIT_MAX_WORD 64

struct req {
	FCGX_Request *fx;
	const char *method;	/* "GET", "POST", ... */
	char *path;		/* percent-decoded path, no query string */
	const char *ip;
	const char *user_agent;
	struct params query;	/* query string */
	struct params form;	/* urlencoded or multipart body (files have ->filename) */
	struct params cookies;
	struct buf input;	/* raw body of other content types (JSON), up to WL_MAX_FORM */
	const char *content_type;
	long long args[KIT_MAX_ARGS];	/* integers matched by '#' segments of the page path */
	char word[KIT_MAX_WORD + 1];	/* the segment matched by '*' (tokens), or "" */
	HDF *hdf;

	struct staff user;	/* valid when logged_in */
	int logged_in;
	int via_api;		/* authenticated by an API key */
	char sid[64];		/* session token (cookie), empty when none */
	const char *lang;	/* "zh_CN" or "en" */

	/* Response */
	int status;
	const char *template;	/* page template, relative to templates/ */
	const char *error_key;	/* language key explaining an error status */
	char *error_detail;	/* optional detail appended to the error (malloc'd) */
	json_t *json;		/* API pages: the response document */
	struct buf headers;	/* extra header lines, each ending in \r\n */
	struct buf body;	/* raw body (downloads, CSV) when raw_type is set */
	const char *raw_type;
	const struct page *page;
};

/* A handler returns 0 to render r->template with status r->status (200 by default),
 * or an HTTP status (303 via req_redirect, 400/403/404/409/500 via req_fail) that the
 * dispatcher turns into the right response. */
typedef int (*page_fn)(struct req *r);

enum page_flags {
	PAGE_PUBLIC = 1 << 0,	/* no login needed */
	PAGE_API = 1 << 1,	/* Bearer API key or session; JSON errors; no CSRF for keys */
	PAGE_NOCSRF = 1 << 2,	/* state-changing but checked otherwise (never for forms) */
};

struct page {
	const char *method;	/* "GET" or "POST" (GET pages also answer HEAD) */
	const char *path;	/* "/admin/staff/#/edit": '#' matches a positive integer;
				 * '*' one segment of letters, digits, '-' and '_' (a token,
				 * at most KIT_MAX_WORD), into r->word */
	const char *perm;	/* permission code, or NULL: any logged-in user */
	page_fn fn;
	unsigned flags;
};

struct program {
	const char *name;		/* "staff", "admin", "api" */
	const struct page *pages;	/* terminated by a zeroed entry */
};

/* The program's main: pool master or single worker, then the accept loop. */
int kit_main(int argc, char **argv, const struct program *prog);

/* Input. */
const char *req_param(const struct req *r, const char *name);	/* form, then query */
const char *req_query(const struct req *r, const char *name);
const char *req_form(const struct req *r, const char *name);
/* A trimmed form value or "" (never NULL). */
const char *req_field(struct req *r, const char *name);
const char *req_header(const struct req *r, const char *cgi_name);	/* e.g. "HTTP_ACCEPT" */

/* Output helpers; each returns the status for the handler to return. */
int req_redirect(struct req *r, const char *location);
int req_fail(struct req *r, int status, const char *error_key);
/* Sets a one-time notice (a language key) shown on the next page. */
void req_flash(struct req *r, const char *key);
void req_set_cookie(struct req *r, const char *name, const char *value, int max_age);
void req_header_add(struct req *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Downloads (download.c).  Reads the file at path into r->body, at most max bytes (0: no
 * limit); 0, or -1 when it cannot be read or is larger.  Then set r->raw_type. */
int req_body_file(struct req *r, const char *path, size_t max);
/* Content-Disposition naming the file (an ASCII fallback and the UTF-8 name, RFC 6266 and
 * 8187, so no quote or line break reaches the header): attachment, or inline (shown in the
 * browser). */
void req_disposition(struct req *r, const char *filename, int attachment);

/* The request's language string for key ("err.bad_utf8"), or the key itself. */
const char *tr(const struct req *r, const char *key);

/* HDF helpers: values only — names are always constants from the code. */
void hset(struct req *r, const char *name, const char *value);
void hsetf(struct req *r, const char *name, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void hset_int(struct req *r, const char *name, long long v);
/* Copies the cursor's current row, from column from on, into node.<column>: DATETIME
 * columns whose name ends in "_at" in local time, NULLs left out. */
struct stmt;
void stmt_row_hdf(struct req *r, const char *node, const struct stmt *st, int from);
/* Copies a query's rows into prefix.N.<column> (N from 0); DATETIME columns whose name
 * ends in "_at" are shown in local time.  Returns the row count or -1. */
int db_query_hdf(struct req *r, const char *prefix, const char *sql, const char *types, ...);

/* The first row of a query as prefix.<column> ("_at" columns in local time).
 * Returns 1, 0 when there is no row, or -1 on error. */
int db_row_hdf(struct req *r, const char *prefix, const char *sql, const char *types, ...);
/* Sets prefix.N.col = value. */
void hset_row(struct req *r, const char *prefix, int n, const char *col, const char *value);
/* Appends "?name=value" or "&name=value" (value percent-encoded) to url; nothing when
 * value is empty. */
void url_param(struct buf *url, const char *name, const char *value);

/* Copies the named form fields (trimmed) to Form.<field>, to show a form again with what
 * the user typed; the list ends with NULL. */
void form_keep(struct req *r, ...) __attribute__((sentinel));
/* Every text value of form field name (checkboxes, repeated inputs), at most max. */
size_t form_all(struct req *r, const char *name, const char **out, size_t max);

/* Errors for validated forms: sets Form.Error.<field> = translated key and Page.Error. */
void form_error(struct req *r, const char *field, const char *key);
int form_has_errors(const struct req *r);

/* Permission check for the current user. */
int req_can(const struct req *r, const char *perm);

/* JSON (API pages): the rows of a query as an array of objects keyed by column name.
 * Columns named "id", "*_id", "*_count", "sort", "active" become integers, "*_at" become
 * ISO 8601 UTC strings, NULL becomes null, the rest strings.  NULL on error. */
json_t *db_query_json(const char *sql, const char *types, ...);
/* The cursor's current row, from column from on, as such an object. */
json_t *stmt_row_json(const struct stmt *st, int from);
/* An integer query parameter within [min, max], or def when absent; -1 if invalid. */
long long req_int(const struct req *r, const char *name, long long def, long long min,
		  long long max);

/* JSON (API pages): sets r->json to an error document and returns status. */
int api_fail(struct req *r, int status, const char *code, const char *message_key);

#endif
