/* track.c — the public tracking page behind the link in every SMS (/t/<token>): no login,
 * the work order's progress, and after completion a one-time rating.  The rating form's
 * token is bound both to the browser (the kit's _csrf) and to the tracking token. */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "log.h"
#include "portal.h"
#include "portal_pages.h"

#define TRACK_TOKEN_LEN 24

/* The work order of the token in r->word, or 0 (malformed or unknown). */
static long long track_ticket(const struct req *r)
{
	if (strlen(r->word) != TRACK_TOKEN_LEN ||
	    strspn(r->word, "0123456789abcdef") != TRACK_TOKEN_LEN)
		return 0;
	return db_int_query(0, "SELECT ticket_id FROM ticket_track WHERE token = ?", "s", r->word);
}

/* The rating form's second token: the page's CSRF token bound to the tracking token. */
static void track_form_token(const struct req *r, char *out)
{
	char msg[AUTH_TOKEN_LEN + TRACK_TOKEN_LEN + 2];

	snprintf(msg, sizeof(msg), "%s:%s", hdf_get_value(r->hdf, "CSRF", ""), r->word);
	auth_mac(out, "portal-track", msg);
}

/* The page for work order id (r->status kept after a failed rating). */
static int track_show(struct req *r, long long id)
{
	char form_token[AUTH_TOKEN_LEN + 1];

	if (portal_ticket_load(r, id) != 1 || portal_timeline(r, id))
		return req_fail(r, 500, "err.db");
	track_form_token(r, form_token);
	hset(r, "Track.Token", r->word);
	hset(r, "Track.FormToken", form_token);
	hset(r, "Page.Title", tr(r, "portal.track_title"));
	r->template = "portal/track.cs";
	return 0;
}

/* The Chinese 404 page of an unknown link, inside the portal's look. */
static int track_not_found(struct req *r)
{
	r->status = 404;
	hset(r, "Page.Title", tr(r, "portal.not_found_title"));
	r->template = "portal/not_found.cs";
	return 0;
}

int page_track(struct req *r)
{
	long long id = track_ticket(r);

	return id ? track_show(r, id) : track_not_found(r);
}

int page_track_rate(struct req *r)
{
	long long id = track_ticket(r);
	char want[AUTH_TOKEN_LEN + 1], where[80];
	struct org_errors e = { 0 };
	const char *comment;
	int stars, res;

	if (!id)
		return track_not_found(r);
	track_form_token(r, want);
	if (!auth_equal(req_field(r, "_track"), want)) {
		audit(0, r->ip, "csrf.reject", "ticket", id, "tracking rating");
		return req_fail(r, 403, "err.csrf");
	}
	if (portal_rating_read(r, &stars, &comment)) {
		r->status = 422;
		return track_show(r, id);
	}
	res = portal_rate(&e, r->ip, id, stars, comment);
	if (res) {
		int status = portal_step_errors(r, res, &e);
		return status ? status : track_show(r, id);
	}
	req_flash(r, "portal.flash.rated");
	snprintf(where, sizeof(where), "/t/%s", r->word);
	return req_redirect(r, where);
}
