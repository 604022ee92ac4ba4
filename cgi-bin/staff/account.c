/* account.c — a staff member's own account: password and language. */
#include <string.h>

#include "db.h"
#include "staff.h"

static int account_show(struct req *r)
{
	hset(r, "Account.Lang", r->user.lang);
	if (r->user.must_change_password)
		hset(r, "Account.MustChange", "1");
	hset(r, "Page.Title", tr(r, "account.title"));
	r->template = "staff/account.cs";
	return 0;
}

int page_account(struct req *r)
{
	return account_show(r);
}

int page_account_password(struct req *r)
{
	const char *old_pw = req_form(r, "old_password");
	const char *new_pw = req_form(r, "new_password");
	const char *new_pw2 = req_form(r, "new_password2");
	const char *problem;

	if (!old_pw || !*old_pw)
		form_error(r, "old_password", "err.required");
	if (!new_pw || !*new_pw)
		form_error(r, "new_password", "err.required");
	else if ((problem = auth_password_problem(new_pw)))
		form_error(r, "new_password", problem);
	else if (!new_pw2 || strcmp(new_pw, new_pw2))
		form_error(r, "new_password2", "err.password_mismatch");
	if (!form_has_errors(r)) {
		problem = auth_password_change(&r->user, old_pw, new_pw, r->ip);
		if (!problem) {
			req_flash(r, "account.password_changed");
			return req_redirect(r, "/dashboard");
		}
		form_error(r, !strcmp(problem, "err.password_old_wrong") ? "old_password"
									  : "new_password", problem);
	}
	r->status = 422;
	return account_show(r);
}

int page_account_lang(struct req *r)
{
	const char *lang = req_field(r, "lang");

	if (*lang && strcmp(lang, "zh_CN") && strcmp(lang, "en")) {
		form_error(r, "lang", "err.invalid");
		r->status = 422;
		return account_show(r);
	}
	if (db_exec("UPDATE staff SET lang = NULLIF(?, '') WHERE id = ?", "si", lang,
		    r->user.id) < 0)
		return req_fail(r, 500, "err.db");
	/* The choice wins over an earlier ?lang= cookie. */
	req_set_cookie(r, "wl_lang", "", -1);
	req_flash(r, "account.saved");
	return req_redirect(r, "/account");
}
