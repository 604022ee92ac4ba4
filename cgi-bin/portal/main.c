/* portal — the residents' side: the public tracking page of a work order (/t/<token>, the
 * link in every SMS) and the self-service portal (/portal).  Pages under /portal other than
 * the login need the resident's session (cookie wl_rsid): portal_guard checks it for every
 * page of resident_pages before the handler runs, so a handler cannot forget it. */
#include <string.h>

#include "db.h"
#include "portal.h"
#include "portal_pages.h"

static int portal_guard(struct req *r);

static const struct page pages[] = {
	{ "GET", "/t/*", NULL, page_track, PAGE_PUBLIC },
	{ "POST", "/t/*/rate", NULL, page_track_rate, PAGE_PUBLIC },
	{ "GET", "/portal/login", NULL, page_login, PAGE_PUBLIC },
	{ "POST", "/portal/login/code", NULL, page_login_code, PAGE_PUBLIC },
	{ "POST", "/portal/login", NULL, page_login_check, PAGE_PUBLIC },
	{ "POST", "/portal/logout", NULL, page_logout, PAGE_PUBLIC },
	{ "GET", "/portal", NULL, portal_guard, PAGE_PUBLIC },
	{ "GET", "/portal/report", NULL, portal_guard, PAGE_PUBLIC },
	{ "POST", "/portal/report", NULL, portal_guard, PAGE_PUBLIC },
	{ "GET", "/portal/tickets/#", NULL, portal_guard, PAGE_PUBLIC },
	{ "POST", "/portal/tickets/#/cancel", NULL, portal_guard, PAGE_PUBLIC },
	{ "POST", "/portal/tickets/#/rate", NULL, portal_guard, PAGE_PUBLIC },
	{ "GET", "/portal/tickets/#/attachments/#", NULL, portal_guard, PAGE_PUBLIC },
	{ "GET", "/portal/meal", NULL, portal_guard, PAGE_PUBLIC },
	{ "POST", "/portal/meal", NULL, portal_guard, PAGE_PUBLIC },
	{ "GET", "/portal/meal/orders/#", NULL, portal_guard, PAGE_PUBLIC },
	{ "POST", "/portal/meal/orders/#/cancel", NULL, portal_guard, PAGE_PUBLIC },
	{ "GET", "/portal/meal/photos/#", NULL, portal_guard, PAGE_PUBLIC },
	{ 0 }
};

/* The pages behind the resident's login, by the page table's method and path. */
static const struct {
	const char *method, *path;
	page_fn fn;
} resident_pages[] = {
	{ "GET", "/portal", page_home },
	{ "GET", "/portal/report", page_report },
	{ "POST", "/portal/report", page_report_save },
	{ "GET", "/portal/tickets/#", page_ticket },
	{ "POST", "/portal/tickets/#/cancel", page_ticket_cancel },
	{ "POST", "/portal/tickets/#/rate", page_ticket_rate },
	{ "GET", "/portal/tickets/#/attachments/#", page_ticket_attachment },
	{ "GET", "/portal/meal", page_meal_home },
	{ "POST", "/portal/meal", page_meal_place },
	{ "GET", "/portal/meal/orders/#", page_meal_order },
	{ "POST", "/portal/meal/orders/#/cancel", page_meal_cancel },
	{ "GET", "/portal/meal/photos/#", page_meal_photo },
};

long long portal_me(const struct req *r)
{
	return hdf_get_int_value(r->hdf, "Resident.Id", 0);
}

/* Loads the resident's session, then runs the page; without one, the login. */
static int portal_guard(struct req *r)
{
	const char *token = params_get(&r->cookies, PORTAL_COOKIE);
	long long resident_id;

	if (!token || portal_session(&resident_id, token)) {
		if (token)
			req_set_cookie(r, PORTAL_COOKIE, "", -1);
		if (strcmp(r->method, "GET") && strcmp(r->method, "HEAD"))
			return req_fail(r, 403, "portal.err_session");
		req_flash(r, token ? "portal.err_session" : "portal.login_first");
		return req_redirect(r, "/portal/login");
	}
	hset_int(r, "Resident.Id", resident_id);
	db_row_hdf(r, "Resident", "SELECT name FROM resident WHERE id = ?", "i", resident_id);
	for (size_t i = 0; i < sizeof(resident_pages) / sizeof(resident_pages[0]); i++)
		if (!strcmp(resident_pages[i].method, r->page->method) &&
		    !strcmp(resident_pages[i].path, r->page->path))
			return resident_pages[i].fn(r);
	return portal_not_found(r);
}

static const struct program portal = { "portal", pages };

int main(int argc, char **argv)
{
	return kit_main(argc, argv, &portal);
}
