/* login.c — the login form, login and logout. */
#include <string.h>

#include "staff.h"

/* Where to go after login: a local path only (never another site). */
static const char *login_next(struct req *r)
{
	const char *next = req_param(r, "next");

	if (!next || next[0] != '/' || next[1] == '/' || strchr(next, '\\') ||
	    !strncmp(next, "/login", 6) || !strncmp(next, "/logout", 7))
		return "/dashboard";
	return next;
}

int page_home(struct req *r)
{
	return req_redirect(r, "/dashboard");
}

int page_login_form(struct req *r)
{
	if (r->logged_in)
		return req_redirect(r, login_next(r));
	hset(r, "Form.Next", login_next(r));
	hset(r, "Page.Title", tr(r, "login.title"));
	r->template = "staff/login.cs";
	return 0;
}

int page_login(struct req *r)
{
	const char *login = req_field(r, "login");
	const char *password = req_form(r, "password");
	char token[AUTH_TOKEN_LEN + 1];
	enum auth_result res;

	hset(r, "Form.Login", login);
	hset(r, "Form.Next", login_next(r));
	hset(r, "Page.Title", tr(r, "login.title"));
	r->template = "staff/login.cs";
	if (!*login || !password || !*password || strlen(login) > 64 || strlen(password) > 1024) {
		hset(r, "Page.Error", tr(r, "err.login_bad"));
		r->status = 400;
		return 0;
	}
	res = auth_login(&r->user, token, login, password, r->ip, r->user_agent);
	if (res == AUTH_OK) {
		req_set_cookie(r, "wl_sid", token, 0);
		req_set_cookie(r, "wl_anon", "", -1);
		if (r->user.must_change_password)
			return req_redirect(r, "/account");
		return req_redirect(r, login_next(r));
	}
	hset(r, "Page.Error", tr(r, res == AUTH_LOCKED ? "err.login_locked" :
				    res == AUTH_BAD ? "err.login_bad" : "err.server"));
	r->status = res == AUTH_LOCKED ? 429 : res == AUTH_BAD ? 403 : 500;
	return 0;
}

int page_logout(struct req *r)
{
	auth_logout(&r->user, r->sid, r->ip);
	req_set_cookie(r, "wl_sid", "", -1);
	req_flash(r, "flash.logged_out");
	return req_redirect(r, "/login");
}
