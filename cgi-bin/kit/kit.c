/* kit.c — one request from FastCGI parameters to the handler's result: parsing, limits,
 * page lookup, login, permission and CSRF checks. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "config.h"
#include "db.h"
#include "kit_private.h"
#include "log.h"
#include "names.h"

#define KIT_MAX_URI 8192
#define KIT_MAX_COOKIE 8192

static volatile sig_atomic_t worker_stop;

static void worker_on_term(int sig)
{
	worker_stop = 1;
	FCGX_ShutdownPending();
}

const char *req_header(const struct req *r, const char *cgi_name)
{
	return FCGX_GetParam(cgi_name, r->fx->envp);
}

const char *req_query(const struct req *r, const char *name)
{
	return params_get(&r->query, name);
}

const char *req_form(const struct req *r, const char *name)
{
	return params_get(&r->form, name);
}

const char *req_param(const struct req *r, const char *name)
{
	const char *v = req_form(r, name);

	return v ? v : req_query(r, name);
}

const char *req_field(struct req *r, const char *name)
{
	struct param *p = (struct param *)params_find(&r->form, name);
	char *s, *e;

	if (!p || p->filename)
		return "";
	/* Trim in place: leading and trailing ASCII white space. */
	for (s = p->value; *s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'; s++)
		;
	memmove(p->value, s, strlen(s) + 1);
	for (e = p->value + strlen(p->value); e > p->value && strchr(" \t\r\n", e[-1]); e--)
		e[-1] = '\0';
	p->len = strlen(p->value);
	return p->value;
}

void req_header_add(struct req *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&r->headers, fmt, ap);
	va_end(ap);
	buf_puts(&r->headers, "\r\n");
}

void req_set_cookie(struct req *r, const char *name, const char *value, int max_age)
{
	const char *https = req_header(r, "HTTPS");
	int secure = https && !strcasecmp(https, "on");

	if (max_age < 0)
		req_header_add(r, "Set-Cookie: %s=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax%s",
			       name, secure ? "; Secure" : "");
	else if (max_age == 0)
		req_header_add(r, "Set-Cookie: %s=%s; Path=/; HttpOnly; SameSite=Lax%s", name,
			       value, secure ? "; Secure" : "");
	else
		req_header_add(r, "Set-Cookie: %s=%s; Path=/; Max-Age=%d; HttpOnly; SameSite=Lax%s",
			       name, value, max_age, secure ? "; Secure" : "");
}

int req_redirect(struct req *r, const char *location)
{
	/* Only local paths: an open redirect would help phishing. */
	if (location[0] != '/' || location[1] == '/' || strchr(location, '\\') ||
	    strpbrk(location, "\r\n"))
		location = "/";
	req_header_add(r, "Location: %s", location);
	return 303;
}

int req_fail(struct req *r, int status, const char *error_key)
{
	r->error_key = error_key;
	return status;
}

void req_flash(struct req *r, const char *key)
{
	req_set_cookie(r, "wl_flash", key, 60);
}

int req_can(const struct req *r, const char *perm)
{
	return r->logged_in && staff_can(&r->user, perm);
}

int api_fail(struct req *r, int status, const char *code, const char *message_key)
{
	json_decref(r->json);
	r->json = json_pack("{s:{s:s,s:s}}", "error", "code", code, "message",
			    tr(r, message_key));
	return status;
}

/* Page path matching: literal segments, '#' for a positive integer. */
static int page_match(struct req *r, const char *pattern, const char *path)
{
	int nargs = 0;

	while (*pattern && *path) {
		if (*pattern == '#') {
			char *end;
			long long v;
			if (*path < '1' || *path > '9')
				return 0;
			errno = 0;
			v = strtoll(path, &end, 10);
			if (errno || v <= 0 || nargs >= KIT_MAX_ARGS)
				return 0;
			r->args[nargs++] = v;
			path = end;
			pattern++;
			continue;
		}
		if (*pattern == '*') {
			size_t n = strspn(path, "abcdefghijklmnopqrstuvwxyz"
					  "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");
			if (!n || n > KIT_MAX_WORD)
				return 0;
			memcpy(r->word, path, n);
			r->word[n] = '\0';
			path += n;
			pattern++;
			continue;
		}
		if (*pattern++ != *path++)
			return 0;
	}
	return !*pattern && !*path;
}

static const struct page *page_find(struct req *r, const struct program *prog, int *wrong_method)
{
	const char *m = !strcmp(r->method, "HEAD") ? "GET" : r->method;

	*wrong_method = 0;
	for (const struct page *p = prog->pages; p->path; p++) {
		if (!page_match(r, p->path, r->path))
			continue;
		if (!strcmp(p->method, m))
			return p;
		*wrong_method = 1;
	}
	return NULL;
}

static int req_read_body(struct req *r)
{
	const char *cl = req_header(r, "CONTENT_LENGTH");
	const char *ct = req_header(r, "CONTENT_TYPE");
	size_t max_body = (size_t)config_int("WL_MAX_BODY", 25 << 20);
	size_t max_form = (size_t)config_int("WL_MAX_FORM", 1 << 20);
	int multipart = ct && !strncasecmp(ct, "multipart/form-data", 19);
	int urlencoded = ct && !strncasecmp(ct, "application/x-www-form-urlencoded", 33);
	size_t limit = multipart ? max_body : max_form;
	unsigned long long len;
	char *end, chunk[16384];
	int err;

	r->content_type = ct;
	if (!cl || !*cl)
		return PARSE_OK;
	errno = 0;
	len = strtoull(cl, &end, 10);
	if (errno || *end || cl[0] == '-')
		return req_fail(r, 400, "err.bad_request");
	if (len > limit) {
		/* Drain what the client sends so the connection ends cleanly, then refuse. */
		for (unsigned long long left = len; left > 0 && left <= 2ULL * max_body;) {
			int n = FCGX_GetStr(chunk, (int)(left > sizeof(chunk) ? sizeof(chunk) : left),
					    r->fx->in);
			if (n <= 0)
				break;
			left -= n;
		}
		r->error_detail = xasprintf("%llu KB > %zu KB", len / 1024, limit / 1024);
		return req_fail(r, 413, "err.too_large");
	}
	buf_reset(&r->input);
	while (r->input.len < len) {
		size_t want = len - r->input.len;
		int n = FCGX_GetStr(chunk, want > sizeof(chunk) ? (int)sizeof(chunk) : (int)want,
				    r->fx->in);
		if (n <= 0)
			break;
		buf_add(&r->input, chunk, n);
	}
	if (r->input.len != len)
		return req_fail(r, 400, "err.bad_request");
	if (multipart)
		err = parse_multipart(&r->form, ct, r->input.data, r->input.len,
				      &parse_default_limits);
	else if (urlencoded)
		err = parse_urlencoded(&r->form, r->input.data, r->input.len,
				       &parse_default_limits);
	else
		return PARSE_OK;
	if (err)
		return req_fail(r, 400, parse_strerror(err));
	return PARSE_OK;
}

/* Builds r from the FastCGI parameters.  Returns 0 or an error status. */
static int req_parse(struct req *r)
{
	const char *uri = req_header(r, "REQUEST_URI");
	const char *cookie = req_header(r, "HTTP_COOKIE");
	const char *q;
	size_t plen;
	int err;

	r->method = req_header(r, "REQUEST_METHOD");
	r->ip = req_header(r, "REMOTE_ADDR");
	r->user_agent = req_header(r, "HTTP_USER_AGENT");
	if (!r->method)
		r->method = "GET";
	if (!r->ip)
		r->ip = "";
	if (!uri)
		uri = "/";
	if (strlen(uri) > KIT_MAX_URI)
		return req_fail(r, 414, "err.uri_too_long");
	q = strchr(uri, '?');
	plen = q ? (size_t)(q - uri) : strlen(uri);
	r->path = xstrndup(uri, plen);
	if ((err = parse_path(r->path))) {
		strcpy(r->path, "/");
		return req_fail(r, 400, parse_strerror(err));
	}
	if (q && (err = parse_urlencoded(&r->query, q + 1, strlen(q + 1), &parse_default_limits)))
		return req_fail(r, 400, parse_strerror(err));
	if (cookie) {
		if (strlen(cookie) > KIT_MAX_COOKIE)
			return req_fail(r, 400, "err.header_too_large");
		parse_cookies(&r->cookies, cookie, &parse_default_limits);
	}
	if (strcmp(r->method, "GET") && strcmp(r->method, "HEAD"))
		return req_read_body(r);
	return 0;
}

static void req_choose_lang(struct req *r)
{
	const char *q = req_query(r, "lang");
	const char *c = params_get(&r->cookies, "wl_lang");

	r->lang = config_get("WL_LANG", "zh_CN");
	if (c && render_lang(c))
		r->lang = render_lang(c) == render_lang("en") ? "en" : "zh_CN";
	if (r->logged_in && r->user.lang[0] && render_lang(r->user.lang))
		r->lang = !strcmp(r->user.lang, "en") ? "en" : "zh_CN";
	if (q && render_lang(q)) {
		r->lang = !strcmp(q, "en") ? "en" : "zh_CN";
		req_set_cookie(r, "wl_lang", r->lang, 365 * 86400);
	}
}

/* The CSRF token of this browser: bound to the session, or to an anonymous cookie. */
static void req_csrf_token(struct req *r, char *out)
{
	const char *anon = params_get(&r->cookies, "wl_anon");
	char fresh[AUTH_TOKEN_LEN + 1];

	if (r->sid[0]) {
		auth_mac(out, "csrf", r->sid);
		return;
	}
	if (!anon || strlen(anon) != AUTH_TOKEN_LEN) {
		auth_token_new(fresh);
		req_set_cookie(r, "wl_anon", fresh, 0);
		anon = fresh;
	}
	auth_mac(out, "csrf", anon);
}

static int req_csrf_ok(struct req *r, const char *expected)
{
	const char *sent = req_form(r, "_csrf");

	if (!sent)
		sent = req_header(r, "HTTP_X_CSRF_TOKEN");
	return sent && auth_equal(sent, expected);
}

static int req_authenticate(struct req *r, int api)
{
	const char *sid = params_get(&r->cookies, "wl_sid");
	const char *authz = api ? req_header(r, "HTTP_AUTHORIZATION") : NULL;

	if (authz && !strncasecmp(authz, "Bearer ", 7)) {
		if (auth_apikey(&r->user, authz + 7) == 0) {
			r->logged_in = 1;
			r->via_api = 1;
		}
		return r->logged_in;
	}
	if (sid && strlen(sid) == AUTH_TOKEN_LEN && auth_session(&r->user, sid) == 0) {
		snprintf(r->sid, sizeof(r->sid), "%s", sid);
		r->logged_in = 1;
	}
	return r->logged_in;
}

/* Where the language switch links: the current page for GET, otherwise the page a POST
 * came from (the same path as GET, or its parent), so it never lands on a POST-only URL. */
static void req_lang_base(struct req *r, const struct program *prog)
{
	long long args[KIT_MAX_ARGS];
	char word[KIT_MAX_WORD + 1];
	char *base = xstrdup(r->path ? r->path : "/"), *slash;
	int found = !strcmp(r->method, "GET") || !strcmp(r->method, "HEAD");

	memcpy(args, r->args, sizeof(args));
	memcpy(word, r->word, sizeof(word));
	while (!found && base[1]) {
		for (const struct page *p = prog->pages; p->path && !found; p++)
			found = !strcmp(p->method, "GET") && page_match(r, p->path, base);
		if (found || !(slash = strrchr(base, '/')))
			continue;
		if (slash == base)
			base[1] = '\0';
		else
			*slash = '\0';
	}
	memcpy(r->args, args, sizeof(args));
	memcpy(r->word, word, sizeof(word));
	hset(r, "Page.LangBase", base);
	free(base);
}

/* Runs the page for r; returns the status the handler (or a check) decided. */
static int req_dispatch(struct req *r, const struct program *prog)
{
	const struct page *p;
	char csrf[AUTH_TOKEN_LEN + 1];
	int wrong_method, api, status = req_parse(r);

	p = page_find(r, prog, &wrong_method);
	r->page = p;
	api = p ? (p->flags & PAGE_API) != 0 : !strncmp(r->path, "/api/", 5);
	if (!status && (!p || !(p->flags & PAGE_PUBLIC) || !api))
		req_authenticate(r, api);
	req_choose_lang(r);
	if (!r->via_api) {
		req_csrf_token(r, csrf);
		hset(r, "CSRF", csrf);
	}
	render_request_init(r);
	req_lang_base(r, prog);
	if (status)
		return status;
	if (!p) {
		if (wrong_method)
			req_header_add(r, "Allow: %s", "GET, HEAD, POST");
		return api ? api_fail(r, wrong_method ? 405 : 404, wrong_method ? "method" :
				      "not_found", wrong_method ? "api.method" : "api.not_found")
			   : req_fail(r, wrong_method ? 405 : 404,
				      wrong_method ? "err.method" : "err.not_found");
	}
	if (!(p->flags & PAGE_PUBLIC) && !r->logged_in) {
		if (api) {
			req_header_add(r, "WWW-Authenticate: Bearer realm=\"warmline\"");
			return api_fail(r, 401, "unauthorized", "api.unauthorized");
		}
		if (!strcmp(r->method, "GET") && strcmp(r->path, "/")) {
			struct buf next;
			int s;
			buf_init(&next);
			buf_puts(&next, "/login?next=");
			for (const unsigned char *c = (const unsigned char *)r->path; *c; c++) {
				if (strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
					   "0123456789-._~/", *c))
					buf_add(&next, c, 1);
				else
					buf_printf(&next, "%%%02X", *c);
			}
			s = req_redirect(r, next.data);
			buf_free(&next);
			req_flash(r, params_get(&r->cookies, "wl_sid") ? "err.session_expired"
								      : "err.login_required");
			return s;
		}
		if (strcmp(r->method, "GET"))
			return req_fail(r, 403, "err.session_expired");
		return req_redirect(r, "/login");
	}
	if (strcmp(r->method, "GET") && strcmp(r->method, "HEAD") && !r->via_api &&
	    !(p->flags & PAGE_NOCSRF) && !req_csrf_ok(r, csrf)) {
		audit(r->logged_in ? r->user.id : 0, r->ip, "csrf.reject", NULL, 0, "%s %s",
		      r->method, r->path);
		return api ? api_fail(r, 403, "csrf", "err.csrf") : req_fail(r, 403, "err.csrf");
	}
	/* After an admin reset the account must choose its own password before anything else. */
	if (r->logged_in && !r->via_api && r->user.must_change_password && !api &&
	    strncmp(r->path, "/account", 8) && strcmp(r->path, "/logout")) {
		req_flash(r, "account.must_change");
		return req_redirect(r, "/account");
	}
	if (p->perm && !staff_can(&r->user, p->perm)) {
		audit(r->user.id, r->ip, "forbidden", NULL, 0, "%s %s", r->method, r->path);
		return api ? api_fail(r, 403, "forbidden", "api.forbidden")
			   : req_fail(r, 403, "err.forbidden");
	}
	if (r->logged_in && !api)
		render_nav(r);
	return p->fn(r);
}

static void req_free(struct req *r)
{
	params_free(&r->query);
	params_free(&r->form);
	params_free(&r->cookies);
	buf_free(&r->input);
	buf_free(&r->headers);
	buf_free(&r->body);
	hdf_destroy(&r->hdf);
	json_decref(r->json);
	free(r->path);
	free(r->error_detail);
}

static void kit_handle(FCGX_Request *fx, const struct program *prog)
{
	struct req r;
	int status;

	memset(&r, 0, sizeof(r));
	r.fx = fx;
	r.status = 200;
	params_init(&r.query);
	params_init(&r.form);
	params_init(&r.cookies);
	buf_init(&r.input);
	buf_init(&r.headers);
	buf_init(&r.body);
	hdf_init(&r.hdf);
	status = req_dispatch(&r, prog);
	db_abandon();
	if (status)
		r.status = status;
	render_response(&r, !strcmp(r.method ? r.method : "GET", "HEAD"));
	req_free(&r);
}

int kit_worker(int fd, const struct program *prog)
{
	FCGX_Request fx;
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = worker_on_term;	/* no SA_RESTART: accept() fails with EINTR */
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (render_init() || FCGX_Init())
		return -1;
	db_connect();	/* failures are retried per request */
	FCGX_InitRequest(&fx, fd, FCGI_FAIL_ACCEPT_ON_INTR);
	while (!worker_stop && FCGX_Accept_r(&fx) >= 0) {
		kit_handle(&fx, prog);
		FCGX_Finish_r(&fx);
	}
	FCGX_Free(&fx, 1);
	names_free();
	db_disconnect();
	render_close();
	config_free();
	return 0;
}

static void usage(const char *argv0)
{
	fprintf(stderr, "usage: %s [--listen SOCKET --workers N --pidfile FILE]\n"
		"Without --listen, serves the FastCGI socket on fd 0 (mod_fcgid).\n", argv0);
}

int kit_main(int argc, char **argv, const struct program *prog)
{
	const char *sock = NULL, *pidfile = NULL;
	int workers = 0, err;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--listen") && i + 1 < argc)
			sock = argv[++i];
		else if (!strcmp(argv[i], "--workers") && i + 1 < argc)
			workers = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--pidfile") && i + 1 < argc)
			pidfile = argv[++i];
		else {
			usage(argv[0]);
			return 2;
		}
	}
	log_init(prog->name);
	if ((err = config_load())) {
		fprintf(stderr, "%s: cannot read conf/warmline.conf under WL_ROOT: %s\n",
			prog->name, strerror(err));
		return 1;
	}
	setenv("TZ", config_get("WL_TZ", "Asia/Shanghai"), 1);
	tzset();
	if (auth_init() || db_init()) {
		fprintf(stderr, "%s: cannot read the server key or the database password under"
			" WL_VAR/secret\n", prog->name);
		return 1;
	}
	if (!sock)
		return kit_worker(0, prog) ? 1 : 0;
	if (!workers)
		workers = (int)config_int("WL_WORKERS", 4);
	err = pool_run(prog, sock, workers, pidfile);
	config_free();
	return err;
}
