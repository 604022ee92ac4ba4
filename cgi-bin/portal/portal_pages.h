/* portal_pages.h — the residents' pages: the public tracking page of a work order (/t/<token>)
 * and the self-service portal (/portal: log in with an SMS code, my households, my work
 * orders, report a fault, cancel, rate).  The rules live in lib/portal.c and lib/ticket.c. */
#ifndef WL_PORTAL_PAGES_H
#define WL_PORTAL_PAGES_H

#include "kit.h"

/* The resident's session cookie (the staff's is wl_sid). */
#define PORTAL_COOKIE "wl_rsid"
/* Photos and videos one report may carry. */
#define PORTAL_MAX_PHOTOS 6
#define PORTAL_MAX_VIDEOS 1

/* main.c: the logged-in resident of this request (set before a resident page runs). */
long long portal_me(const struct req *r);

/* track.c */
int page_track(struct req *r);
int page_track_rate(struct req *r);

/* timeline.c: the resident-visible timeline of work order id into Events.N.{event_at,
 * step, tech, window, body}, and Ticket.* (number, type, address, status, satisfaction)
 * for the pages that show it.  0, or -1 on database trouble. */
int portal_timeline(struct req *r, long long id);
/* Ticket.* of work order id as the resident sees it; 1, 0 when absent, -1 on error. */
int portal_ticket_load(struct req *r, long long id);

/* login.c */
int page_login(struct req *r);
int page_login_code(struct req *r);
int page_login_check(struct req *r);
int page_logout(struct req *r);

/* home.c */
int page_home(struct req *r);

/* ticket.c */
int page_ticket(struct req *r);
int page_ticket_cancel(struct req *r);
int page_ticket_rate(struct req *r);
int page_ticket_attachment(struct req *r);
/* The rating form's fields (stars, comment): 0 with *stars set, or form errors. */
int portal_rating_read(struct req *r, int *stars, const char **comment);
/* Shows why a resident's step failed: sets Page.Error (and Form.Error) and r->status 409
 * or 422 and returns 0 for the caller to show the page again; or returns 404 / 500. */
int portal_step_errors(struct req *r, int res, const void *errors);

/* report.c */
int page_report(struct req *r);
int page_report_save(struct req *r);

/* meal.c: meals (订餐): the menu and order form with the resident's orders, one order,
 * cancel before the cut-off, dish photos. */
int page_meal_home(struct req *r);
int page_meal_place(struct req *r);
int page_meal_order(struct req *r);
int page_meal_cancel(struct req *r);
int page_meal_photo(struct req *r);

/* A page for something that does not exist or is not the resident's: the same 404. */
static inline int portal_not_found(struct req *r)
{
	return req_fail(r, 404, "portal.not_found");
}

#endif
