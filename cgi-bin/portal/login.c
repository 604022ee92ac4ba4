/* login.c — the resident logs in with their mobile number and a 6-digit code sent by SMS.
 * Whether the number is a resident's never shows: the answers are the same either way. */
#include <stdio.h>
#include <string.h>

#include "portal.h"
#include "portal_pages.h"
#include "resident.h"

/* The login page: step "phone" (ask for a code) or "code" (enter it). */
static int login_show(struct req *r, const char *step)
{
	hset(r, "Login.Step", step);
	hset(r, "Page.Title", tr(r, "portal.login_title"));
	r->template = "portal/login.cs";
	return 0;
}

/* The normalised mobile number of field phone into out, or a form error. */
static int login_phone(struct req *r, char *out)
{
	const char *kind = NULL;
	const char *typed = req_field(r, "phone");

	hset(r, "Form.phone", typed);
	if (!*typed) {
		form_error(r, "phone", "portal.err_phone_required");
		return -1;
	}
	if (phone_normalize(out, typed, &kind) || strcmp(kind, "mobile")) {
		form_error(r, "phone", "portal.err_phone");
		return -1;
	}
	hset(r, "Form.phone", out);
	return 0;
}

int page_login(struct req *r)
{
	const char *token = params_get(&r->cookies, PORTAL_COOKIE);
	long long me;

	if (token && !portal_session(&me, token))
		return req_redirect(r, "/portal");
	return login_show(r, "phone");
}

int page_login_code(struct req *r)
{
	char phone[PHONE_MAX + 1];

	if (login_phone(r, phone)) {
		r->status = 422;
		return login_show(r, "phone");
	}
	switch (portal_code_send(phone, r->ip)) {
	case PORTAL_OK:
		hset(r, "Page.Flash", tr(r, "portal.code_sent"));
		return login_show(r, "code");
	case PORTAL_LIMITED:
		hset(r, "Page.Error", tr(r, "portal.err_limited"));
		r->status = 429;
		return login_show(r, "code");
	default:
		return req_fail(r, 500, "err.db");
	}
}

int page_login_check(struct req *r)
{
	static const char *const problems[] = {
		[PORTAL_BAD_CODE] = "portal.err_code",
		[PORTAL_EXPIRED] = "portal.err_code_expired",
		[PORTAL_TOO_MANY] = "portal.err_code_tries",
	};
	char phone[PHONE_MAX + 1], token[AUTH_TOKEN_LEN + 1];
	const char *code;
	long long resident_id;
	enum portal_result res;

	if (login_phone(r, phone)) {
		r->status = 422;
		return login_show(r, "phone");
	}
	code = req_field(r, "code");
	if (strlen(code) != PORTAL_CODE_LEN || strspn(code, "0123456789") != PORTAL_CODE_LEN) {
		form_error(r, "code", "portal.err_code_shape");
		r->status = 422;
		return login_show(r, "code");
	}
	res = portal_code_check(&resident_id, token, phone, code, r->ip, r->user_agent);
	if (res == PORTAL_ERROR)
		return req_fail(r, 500, "err.db");
	if (res != PORTAL_OK) {
		form_error(r, "code", problems[res]);
		r->status = 422;
		return login_show(r, "code");
	}
	req_set_cookie(r, PORTAL_COOKIE, token, PORTAL_SESSION_TTL);
	req_flash(r, "portal.flash.welcome");
	return req_redirect(r, "/portal");
}

int page_logout(struct req *r)
{
	portal_logout(params_get(&r->cookies, PORTAL_COOKIE));
	req_set_cookie(r, PORTAL_COOKIE, "", -1);
	req_flash(r, "portal.flash.logged_out");
	return req_redirect(r, "/portal/login");
}
