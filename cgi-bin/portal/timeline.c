/* timeline.c — a work order as the resident sees it: number, type, address (no other
 * personal data), status, and the parcel-tracking timeline of its public steps.  Internal
 * notes never leave the database; a technician appears by surname only ("李师傅"). */
#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "portal_pages.h"
#include "ticket.h"

int portal_ticket_load(struct req *r, long long id)
{
	return db_row_hdf(r, "Ticket",
		"SELECT t.id, t.number, t.title, t.status, tt.name AS type_name,"
		" st.name AS subtype_name, c.name AS community, b.name AS building,"
		" u.name AS unit, h.room, t.created_at, t.satisfaction, t.household_id"
		" FROM ticket t JOIN ticket_type tt ON tt.id = t.type_id"
		" LEFT JOIN ticket_type st ON st.id = t.subtype_id"
		" LEFT JOIN household h ON h.id = t.household_id"
		" LEFT JOIN unit u ON u.id = h.unit_id"
		" LEFT JOIN building b ON b.id = u.building_id"
		" LEFT JOIN community c ON c.id = b.community_id"
		" WHERE t.id = ?", "i", id);
}

/* The surname of a full name: its first character when Chinese, else its first word. */
static void surname(char *out, size_t len, const char *name)
{
	size_t n = 0;

	out[0] = '\0';
	if (!name || !*name)
		return;
	if ((unsigned char)name[0] >= 0x80) {
		n = 1;
		while (name[n] && ((unsigned char)name[n] & 0xC0) == 0x80)
			n++;
	} else {
		n = strcspn(name, " ");
	}
	snprintf(out, len, "%.*s", (int)n, name);
}

/* "11-22 14:00–16:00": the two-hour window of an appointment (UTC) in local time. */
static void window_text(char *out, size_t len, const char *appt_utc)
{
	struct tm tm;
	time_t t;
	char a[16], b[8];

	out[0] = '\0';
	memset(&tm, 0, sizeof(tm));
	if (!appt_utc || !strptime(appt_utc, "%Y-%m-%d %H:%M:%S", &tm))
		return;
	t = timegm(&tm);
	localtime_r(&t, &tm);
	strftime(a, sizeof(a), "%m-%d %H:%M", &tm);
	t += 2 * 3600;
	localtime_r(&t, &tm);
	strftime(b, sizeof(b), "%H:%M", &tm);
	snprintf(out, len, "%s–%s", a, b);
}

/* The step a public event is for the resident (Lang.portal.step.<key>), or NULL to hide it. */
static const char *event_step(const char *kind, const char *to, int has_assignee)
{
	static const char *const steps[] = { TS_ACCEPTED, TS_EN_ROUTE, TS_ON_SITE, TS_RESOLVED,
					     TS_CLOSED, TS_PENDING, TS_CANCELLED, TS_REOPENED,
					     NULL };

	if (!strcmp(kind, "created"))
		return "received";
	if (!strcmp(kind, "assign"))
		return has_assignee ? "assigned" : "dispatched";
	if (!strcmp(kind, "comment"))
		return "comment";
	if (!strcmp(kind, "merge"))
		return "merged";
	if (strcmp(kind, "status") || !to)
		return NULL;
	if (!strcmp(to, TS_DISPATCHED))
		return "redispatch";
	for (const char *const *s = steps; *s; s++)
		if (!strcmp(*s, to))
			return *s;
	return NULL;
}

/* Steps done by the technician, shown with their surname. */
static int tech_step(const char *step)
{
	return !strcmp(step, "assigned") || !strcmp(step, TS_ACCEPTED) ||
	       !strcmp(step, TS_EN_ROUTE) || !strcmp(step, TS_ON_SITE);
}

int portal_timeline(struct req *r, long long id)
{
	struct stmt *st = db_query(
		"SELECT e.kind, e.to_status, e.at, e.body, COALESCE(a.name, s.name, ta.name),"
		" e.assignee_id IS NOT NULL, t.appointment_at"
		" FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id"
		" LEFT JOIN staff s ON s.id = e.staff_id"
		" LEFT JOIN staff a ON a.id = e.assignee_id"
		" LEFT JOIN staff ta ON ta.id = t.assignee_id"
		" WHERE e.ticket_id = ? AND e.public = 1 ORDER BY e.id", "i", id);
	int n = 0;

	if (!st)
		return -1;
	while (db_next(st) == 1) {
		const char *kind = db_text(st, 0), *step;
		char at[32], name[64], window[48];

		step = event_step(kind, db_text(st, 1), db_int(st, 5) != 0);
		if (!step)
			continue;
		hset_row(r, "Events", n, "step", step);
		hset_row(r, "Events", n, "event_at", time_local(at, sizeof(at), db_text(st, 2), 0));
		if (tech_step(step)) {
			surname(name, sizeof(name), db_text(st, 4));
			hset_row(r, "Events", n, "tech", name);
		}
		if (!strcmp(step, "assigned")) {
			window_text(window, sizeof(window), db_text(st, 6));
			hset_row(r, "Events", n, "window", window);
		}
		/* Bodies of public steps are written for the resident; a merge's is an id. */
		if (strcmp(kind, "merge") && db_text(st, 3))
			hset_row(r, "Events", n, "body", db_text(st, 3));
		n++;
	}
	db_done(st);
	return 0;
}
