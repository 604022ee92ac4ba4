/* home.c — the resident's start page: their households and their work orders (reported by
 * them or located at one of their households), newest first. */
#include "db.h"
#include "portal_pages.h"

#define HOME_TICKETS_MAX 50

int page_home(struct req *r)
{
	long long me = portal_me(r);

	if (db_query_hdf(r, "Households", "SELECT h.id, c.name AS community, b.name AS building,"
			 " u.name AS unit, h.room, rh.relation FROM resident_household rh"
			 " JOIN household h ON h.id = rh.household_id JOIN unit u ON u.id = h.unit_id"
			 " JOIN building b ON b.id = u.building_id"
			 " JOIN community c ON c.id = b.community_id WHERE rh.resident_id = ?"
			 " ORDER BY c.name, b.name, u.name, h.room", "i", me) < 0 ||
	    db_query_hdf(r, "Tickets", "SELECT t.id, t.number, t.title, t.status, t.created_at,"
			 " t.satisfaction FROM ticket t WHERE t.resident_id = ?"
			 " OR t.household_id IN (SELECT household_id FROM resident_household"
			 " WHERE resident_id = ?) ORDER BY t.created_at DESC, t.id DESC LIMIT ?",
			 "iii", me, me, (long long)HOME_TICKETS_MAX) < 0)
		return req_fail(r, 500, "err.db");
	hset(r, "Page.Title", tr(r, "portal.home_title"));
	r->template = "portal/home.cs";
	return 0;
}
