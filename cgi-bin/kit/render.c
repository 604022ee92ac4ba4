/* render.c — HDF and ClearSilver: language files, the layout, error pages, JSON and
 * raw bodies, and the response headers every page carries. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <glob.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
#include "db.h"
#include "kit_private.h"
#include "log.h"
#include "message.h"
#include "names.h"

static const char security_headers[] =
	"Content-Security-Policy: default-src 'self'; img-src 'self' data:; style-src 'self';"
	" script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'\r\n"
	"X-Frame-Options: DENY\r\n"
	"X-Content-Type-Options: nosniff\r\n"
	"Referrer-Policy: same-origin\r\n";

struct nav_entry {
	const char *href;
	const char *label;	/* language key */
	const char *perm;	/* NULL: every logged-in user */
	const char *prefix;	/* active when the path starts with it */
};

/* The navigation of every program, in order; an entry shows when the user has its
 * permission.  Later areas add their lines here. */
static const struct nav_entry nav[] = {
	{ "/dashboard", "nav.dashboard", "dashboard.view", "/dashboard" },
	{ "/pop", "nav.pop", "ticket.create", "/pop" },
	{ "/tickets", "nav.tickets", "ticket.view", "/tickets" },
	{ "/calls", "nav.calls", "call.view", "/calls" },
	{ "/wallboard", "nav.wallboard", "call.view_all", "/wallboard" },
	{ "/messages", "nav.messages", "message.view", "/messages" },
	{ "/meal", "nav.meal", "meal.order", "/meal" },
	{ "/meal/kitchen", "nav.meal_kitchen", "meal.kitchen", "/meal/kitchen" },
	{ "/reports", "nav.reports", "report.view", "/reports" },
	{ "/crm/residents", "nav.residents", "crm.view", "/crm/residents" },
	{ "/crm/properties", "nav.properties", "crm.properties", "/crm/properties" },
	{ "/m", "nav.mobile", "tech.mobile", "/m" },
	{ "/admin/staff", "nav.admin_staff", "admin.staff", "/admin/staff" },
	{ "/admin/departments", "nav.admin_departments", "admin.departments", "/admin/departments" },
	{ "/admin/roles", "nav.admin_roles", "admin.roles", "/admin/roles" },
	{ "/admin/dictionaries", "nav.admin_dictionaries", "admin.dictionaries", "/admin/dictionaries" },
	{ "/admin/apikeys", "nav.admin_apikeys", "admin.apikeys", "/admin/apikeys" },
	{ "/admin/notify", "nav.admin_notify", "admin.notify", "/admin/notify" },
	{ "/admin/audit", "nav.admin_audit", "admin.audit", "/admin/audit" },
	{ "/admin/ivr/flows", "nav.admin_ivr", "ivr.admin", "/admin/ivr" },
};

static HDF *lang_zh, *lang_en;
/* Per language, the tree templates see beneath each request's own: Lang.* and App.Name.
 * ClearSilver looks names up in the request's HDF first, then here, so the strings are
 * never copied per request. */
static HDF *global_zh, *global_en;

/* Parsed layouts, one per page template (the layout includes it at parse time), reused
 * across requests: parsing costs more than rendering. */
struct tpl {
	char *name;
	CSPARSE *cs;
	HDF *hdf;	/* what the parse saw: escaping mode, load path, Page.Template */
	time_t mtime;	/* newest of layout.cs and the page template when parsed */
};
static struct tpl tpls[64];
static size_t ntpls;

/* For HDF writes that can only fail on memory exhaustion. */
static void nerr_drop(NEOERR *err)
{
	if (err)
		nerr_ignore(&err);
}
static char *template_dir;

static void render_log_error(const char *what, NEOERR *err)
{
	STRING s;

	string_init(&s);
	nerr_error_string(err, &s);
	log_err("render: %s: %s", what, s.buf);
	string_clear(&s);
	nerr_ignore(&err);
}

static int lang_read(HDF *h, const char *path)
{
	NEOERR *err = hdf_read_file(h, path);

	if (err) {
		render_log_error(path, err);
		return -1;
	}
	return 0;
}

/* templates/lang/<name>.hdf, then each area's templates/lang/<name>-<area>.hdf (so areas
 * keep their strings in their own files), merged into one tree. */
static HDF *lang_load(const char *name)
{
	char *path = xasprintf("%s/lang/%s.hdf", template_dir, name);
	char *pattern = xasprintf("%s/lang/%s-*.hdf", template_dir, name);
	HDF *h = NULL;
	glob_t g;
	int err;

	hdf_init(&h);
	err = lang_read(h, path);
	if (!err && !glob(pattern, 0, NULL, &g)) {
		for (size_t i = 0; i < g.gl_pathc && !err; i++)
			err = lang_read(h, g.gl_pathv[i]);
		globfree(&g);
	}
	if (err)
		hdf_destroy(&h);
	free(path);
	free(pattern);
	return h;
}

static HDF *global_make(HDF *lang)
{
	HDF *g = NULL;

	hdf_init(&g);
	nerr_drop(hdf_copy(g, "Lang", lang));
	nerr_drop(hdf_set_value(g, "App.Name", hdf_get_value(lang, "app.name", "")));
	return g;
}

int render_init(void)
{
	template_dir = config_path("WL_ROOT", "templates");
	lang_zh = lang_load("zh_CN");
	lang_en = lang_load("en");
	if (!lang_zh || !lang_en)
		return -1;
	global_zh = global_make(lang_zh);
	global_en = global_make(lang_en);
	return 0;
}

static void tpl_free(struct tpl *t)
{
	cs_destroy(&t->cs);
	hdf_destroy(&t->hdf);
	free(t->name);
	memset(t, 0, sizeof(*t));
}

void render_close(void)
{
	for (size_t i = 0; i < ntpls; i++)
		tpl_free(&tpls[i]);
	ntpls = 0;
	hdf_destroy(&global_zh);
	hdf_destroy(&global_en);
	hdf_destroy(&lang_zh);
	hdf_destroy(&lang_en);
	free(template_dir);
	template_dir = NULL;
}

HDF *render_lang(const char *lang)
{
	if (!lang)
		return NULL;
	if (!strcmp(lang, "zh_CN"))
		return lang_zh;
	if (!strcmp(lang, "en"))
		return lang_en;
	return NULL;
}

const char *tr(const struct req *r, const char *key)
{
	HDF *h = render_lang(r && r->lang ? r->lang : "zh_CN");

	if (!key)
		return "";
	return h ? hdf_get_value(h, key, key) : key;
}

void hset(struct req *r, const char *name, const char *value)
{
	nerr_drop(hdf_set_value(r->hdf, name, value ? value : ""));
}

void hsetf(struct req *r, const char *name, const char *fmt, ...)
{
	char *s;
	va_list ap;
	struct buf b;

	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	s = b.data;
	hset(r, name, s);
	free(s);
}

void hset_int(struct req *r, const char *name, long long v)
{
	hsetf(r, name, "%lld", v);
}

void form_error(struct req *r, const char *field, const char *key)
{
	char name[128];

	snprintf(name, sizeof(name), "Form.Error.%s", field);
	hset(r, name, tr(r, key));
	if (!hdf_get_value(r->hdf, "Page.Error", NULL))
		hset(r, "Page.Error", tr(r, "err.form"));
}

void form_keep(struct req *r, ...)
{
	va_list ap;
	const char *field;
	char name[96];

	va_start(ap, r);
	while ((field = va_arg(ap, const char *))) {
		snprintf(name, sizeof(name), "Form.%s", field);
		hset(r, name, req_field(r, field));
	}
	va_end(ap);
}

size_t form_all(struct req *r, const char *name, const char **out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < r->form.n && n < max; i++)
		if (!strcmp(r->form.v[i].name, name) && !r->form.v[i].filename)
			out[n++] = r->form.v[i].value;
	return n;
}

int form_has_errors(const struct req *r)
{
	return hdf_get_obj(r->hdf, "Form.Error") != NULL;
}

void stmt_row_hdf(struct req *r, const char *node, const struct stmt *st, int from)
{
	for (int i = from; i < db_ncols(st); i++) {
		const char *col = db_colname(st, i), *v = db_text(st, i);
		size_t cl = strlen(col);
		char name[256], local[32];

		if (!v)
			continue;
		if (cl > 3 && !strcmp(col + cl - 3, "_at"))
			v = time_local(local, sizeof(local), v, 0);
		snprintf(name, sizeof(name), "%s.%s", node, col);
		hset(r, name, v);
	}
}

int db_query_hdf(struct req *r, const char *prefix, const char *sql, const char *types, ...)
{
	struct stmt *st;
	va_list ap;
	int n = 0;

	va_start(ap, types);
	st = db_vquery(sql, types, ap);
	va_end(ap);
	if (!st)
		return -1;
	while (db_next(st) == 1) {
		char node[160];

		snprintf(node, sizeof(node), "%s.%d", prefix, n++);
		stmt_row_hdf(r, node, st, 0);
	}
	db_done(st);
	return n;
}

int db_row_hdf(struct req *r, const char *prefix, const char *sql, const char *types, ...)
{
	struct stmt *st;
	va_list ap;
	int found;

	va_start(ap, types);
	st = db_vquery(sql, types, ap);
	va_end(ap);
	if (!st)
		return -1;
	found = db_next(st);
	if (found == 1)
		stmt_row_hdf(r, prefix, st, 0);
	db_done(st);
	return found;
}

void hset_row(struct req *r, const char *prefix, int n, const char *col, const char *value)
{
	char name[160];

	snprintf(name, sizeof(name), "%s.%d.%s", prefix, n, col);
	hset(r, name, value);
}

void url_param(struct buf *url, const char *name, const char *value)
{
	if (!value || !*value)
		return;
	buf_printf(url, "%c%s=", strchr(url->data, '?') ? '&' : '?', name);
	for (const unsigned char *c = (const unsigned char *)value; *c; c++) {
		if (strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~", *c))
			buf_add(url, c, 1);
		else
			buf_printf(url, "%%%02X", *c);
	}
}

void render_nav(struct req *r)
{
	int n = 0;

	for (size_t i = 0; i < sizeof(nav) / sizeof(nav[0]); i++) {
		char name[64];

		if (!staff_can(&r->user, nav[i].perm))
			continue;
		snprintf(name, sizeof(name), "Nav.%d.Href", n);
		hset(r, name, nav[i].href);
		snprintf(name, sizeof(name), "Nav.%d.Label", n);
		hset(r, name, tr(r, nav[i].label));
		if (!strncmp(r->path, nav[i].prefix, strlen(nav[i].prefix))) {
			snprintf(name, sizeof(name), "Nav.%d.Active", n);
			hset(r, name, "1");
		}
		n++;
	}
	/* The header's 站内短信 counter: one indexed COUNT per page (k_staff_message_unread). */
	hset_int(r, "User.Unread", message_internal_unread(r->user.id));
}

void render_request_init(struct req *r)
{
	render_hdf_init(r->hdf, template_dir);
	hset(r, "Page.LangCode", r->lang);
	hset(r, "Page.Lang", !strcmp(r->lang, "en") ? "en" : "zh-CN");
	hset(r, "Page.Path", r->path ? r->path : "/");
	hset(r, "App.Company", config_get("WL_COMPANY", ""));
	if (r->logged_in) {
		hset_int(r, "User.Id", r->user.id);
		hset(r, "User.Login", r->user.login);
		hset(r, "User.Name", r->user.name);
		/* Agents' pages ask for the calls the ACD offers them and show their ACD
		 * state with its buttons (htdocs/js/pop.js); the pause reasons are the
		 * pause_reason dictionary's. */
		if (req_can(r, "call.view") && req_can(r, "ticket.create")) {
			const char *codes[32], *labels[32];
			int n = names_items("pause_reason", codes, labels, 32);

			hset(r, "User.PopPoll", "1");
			for (int i = 0; i < n; i++) {
				if (!strcmp(codes[i], "auto"))
					continue;	/* the ACD's own, after unanswered calls */
				hset_row(r, "AgentBar.Reasons", i, "code", codes[i]);
				hset_row(r, "AgentBar.Reasons", i, "label", labels[i]);
			}
		}
	}
}

static const char *status_text(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	case 206: return "Partial Content";
	case 303: return "See Other";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 414: return "URI Too Long";
	case 416: return "Range Not Satisfiable";
	case 422: return "Unprocessable Entity";
	case 429: return "Too Many Requests";
	default: return status >= 500 ? "Internal Server Error" : "Error";
	}
}

static const char *api_code(int status)
{
	switch (status) {
	case 400: return "bad_request";
	case 401: return "unauthorized";
	case 403: return "forbidden";
	case 404: return "not_found";
	case 405: return "method_not_allowed";
	case 409: return "conflict";
	case 413: return "too_large";
	case 414: return "uri_too_long";
	case 422: return "invalid";
	case 429: return "too_many_requests";
	default: return "server_error";
	}
}

static NEOERR *render_out(void *ctx, char *s)
{
	buf_puts(ctx, s);
	return STATUS_OK;
}

void render_hdf_init(HDF *hdf, const char *dir)
{
	/* Every var: is HTML-escaped unless a template asks for another escaping. */
	nerr_drop(hdf_set_value(hdf, "Config.VarEscapeMode", "html"));
	nerr_drop(hdf_set_value(hdf, "hdf.loadpaths.0", dir));
}

int render_file(HDF *hdf, const char *file, struct buf *out)
{
	CSPARSE *cs = NULL;
	NEOERR *err;

	err = cs_init(&cs, hdf);
	if (!err)
		err = cgi_register_strfuncs(cs);
	if (!err)
		err = cs_parse_file(cs, file);
	if (!err)
		err = cs_render(cs, out, render_out);
	cs_destroy(&cs);
	if (err) {
		STRING s;
		string_init(&s);
		nerr_error_string(err, &s);
		log_err("render: %s: %s", file, s.buf);
		string_clear(&s);
		nerr_ignore(&err);
		return -1;
	}
	return 0;
}

static time_t tpl_mtime(const char *name)
{
	char *path = xasprintf("%s/%s", template_dir, name);
	struct stat st;
	time_t t = stat(path, &st) ? 0 : st.st_mtime;

	free(path);
	return t;
}

/* The parsed layout for page template name, parsing it when new or edited. */
static struct tpl *tpl_get(const char *name)
{
	time_t mtime = tpl_mtime("layout.cs"), m2 = tpl_mtime(name);
	struct tpl *t = NULL;
	NEOERR *err;

	/* ClearSilver skips an include it cannot find: a missing page would be blank. */
	if (!m2) {
		log_err("render: template %s/%s is missing", template_dir, name);
		return NULL;
	}
	if (m2 > mtime)
		mtime = m2;
	for (size_t i = 0; i < ntpls && !t; i++)
		if (!strcmp(tpls[i].name, name))
			t = &tpls[i];
	if (t && t->mtime == mtime)
		return t;
	if (t)
		tpl_free(t);
	else if (ntpls < sizeof(tpls) / sizeof(tpls[0]))
		t = &tpls[ntpls++];
	else
		tpl_free(t = &tpls[0]);
	t->name = xstrdup(name);
	t->mtime = mtime;
	hdf_init(&t->hdf);
	render_hdf_init(t->hdf, template_dir);
	nerr_drop(hdf_set_value(t->hdf, "Page.Template", name));
	err = cs_init(&t->cs, t->hdf);
	if (!err)
		err = cgi_register_strfuncs(t->cs);
	if (!err)
		err = cs_parse_file(t->cs, "layout.cs");
	if (err) {
		render_log_error(name, err);
		tpl_free(t);
		if (t == &tpls[ntpls - 1])
			ntpls--;
		return NULL;
	}
	return t;
}

/* Renders r's page template inside the layout into out; 0 or -1. */
static int render_page(struct req *r, struct buf *out)
{
	struct tpl *t = tpl_get(r->template);
	NEOERR *err;

	if (!t)
		return -1;
	hset(r, "Page.Template", r->template);
	t->cs->hdf = r->hdf;
	t->cs->global_hdf = !strcmp(r->lang, "en") ? global_en : global_zh;
	err = cs_render(t->cs, out, render_out);
	t->cs->hdf = t->hdf;
	t->cs->global_hdf = NULL;
	if (err) {
		render_log_error(r->template, err);
		return -1;
	}
	return 0;
}

static void render_error_page(struct req *r)
{
	char key[32];

	if (r->status == 401)
		r->status = 403;
	snprintf(key, sizeof(key), "error.title_%d", r->status);
	r->template = "error.cs";
	hset_int(r, "Error.Status", r->status);
	hset(r, "Error.Title", tr(r, key));
	hset(r, "Error.Message", tr(r, r->error_key ? r->error_key
						    : r->status >= 500 ? "err.server"
								       : "err.bad_request"));
	if (r->error_detail)
		hset(r, "Error.Detail", r->error_detail);
	/* Residents (the portal and its tracking pages) go back to the portal, not to the
	 * staff's start page and login. */
	if (r->path && (!strncmp(r->path, "/portal", 7) || !strncmp(r->path, "/t/", 3)))
		hset(r, "Error.Home", "/portal");
	hset(r, "Page.Title", tr(r, key));
}

static void render_flash(struct req *r)
{
	const char *key = params_get(&r->cookies, "wl_flash");
	HDF *h = render_lang(r->lang);

	if (!key)
		return;
	/* Only keys of the language file: the cookie is not trusted to carry text. */
	if (h && hdf_get_value(h, key, NULL))
		hset(r, "Page.Flash", tr(r, key));
	req_set_cookie(r, "wl_flash", "", -1);
}

/* One byte range of a len-byte download from the Range header ("bytes=A-B", "bytes=A-",
 * "bytes=-N"; RFC 9110 14.1.2), so that a browser can seek in a recording.  0 with the
 * range in *from and *to (inclusive), 1 for no (usable) header: send everything, -1 when
 * the range lies outside the file (416).  Several ranges are answered with everything. */
static int download_range(const struct req *r, size_t len, size_t *from, size_t *to)
{
	const char *h = req_header(r, "HTTP_RANGE");
	unsigned long long a, b;
	char tail;

	if (!h || strncmp(h, "bytes=", 6) || strchr(h, ','))
		return 1;
	h += 6;
	if (sscanf(h, "-%llu%c", &b, &tail) == 1) {	/* the last b bytes */
		if (!b || !len)
			return -1;
		*from = b >= len ? 0 : len - (size_t)b;
		*to = len - 1;
		return 0;
	}
	if (sscanf(h, "%llu-%c", &a, &tail) == 1 && h[strlen(h) - 1] == '-')
		b = len ? len - 1 : 0;
	else if (sscanf(h, "%llu-%llu%c", &a, &b, &tail) != 2 || b < a)
		return 1;
	if (a >= len)
		return -1;
	*from = (size_t)a;
	*to = b >= len ? len - 1 : (size_t)b;
	return 0;
}

void render_response(struct req *r, int head_only)
{
	const struct page *p = r->page;
	int api = p ? (p->flags & PAGE_API) != 0 : r->path && !strncmp(r->path, "/api/", 5);
	const char *ctype = "text/html; charset=utf-8";
	struct buf body, head;
	char *json = NULL;
	const char *data;
	size_t len;

	buf_init(&body);
	buf_init(&head);
	if (r->status >= 400 && api && !r->json)
		api_fail(r, r->status, api_code(r->status), r->error_key ? r->error_key
									 : "api.bad_request");
	if (r->json) {
		ctype = "application/json; charset=utf-8";
		json = json_dumps(r->json, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
		buf_puts(&body, json ? json : "{}");
		buf_puts(&body, "\n");
	} else if (r->raw_type) {
		ctype = r->raw_type;
	} else if (r->status != 303) {
		if (!r->template || (r->status >= 400 && r->error_key))
			render_error_page(r);
		render_flash(r);
		if (render_page(r, &body)) {
			r->status = 500;
			buf_reset(&body);
			buf_puts(&body, "<!DOCTYPE html><meta charset=\"utf-8\"><title>500</title>"
					"<p>服务器内部错误 / Internal server error</p>\n");
		}
	}
	data = r->raw_type && !r->json ? r->body.data : body.data;
	len = r->raw_type && !r->json ? r->body.len : body.len;
	if (r->raw_type && !r->json && r->status == 200) {
		size_t from = 0, to = 0;
		int range = download_range(r, len, &from, &to);

		req_header_add(r, "Accept-Ranges: bytes");
		if (range < 0) {
			r->status = 416;
			req_header_add(r, "Content-Range: bytes */%lu", (unsigned long)len);
			len = 0;
		} else if (range == 0) {
			r->status = 206;
			req_header_add(r, "Content-Range: bytes %lu-%lu/%lu",
				       (unsigned long)from, (unsigned long)to, (unsigned long)len);
			data += from;
			len = to - from + 1;
		}
	}
	/* libfcgi's own printf knows no %zu: build the header block with ours. */
	buf_printf(&head, "Status: %d %s\r\nContent-Type: %s\r\nCache-Control: no-store\r\n"
		   "%s%sContent-Length: %zu\r\n\r\n", r->status, status_text(r->status), ctype,
		   security_headers, r->headers.data, len);
	FCGX_PutStr(head.data, (int)head.len, r->fx->out);
	if (!head_only && len)
		FCGX_PutStr(data, (int)len, r->fx->out);
	free(json);
	buf_free(&body);
	buf_free(&head);
}
