/* ticket.c — work orders: numbers, SLA, the status machine, the timeline, permissions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "log.h"
#include "outbox.h"
#include "resident.h"
#include "ticket.h"
#include "util.h"

/* The status machine: from each status, the targets that may follow. */
static const char *const edges_new[] = { TS_DISPATCHED, TS_CANCELLED, NULL };
static const char *const edges_dispatched[] = { TS_ACCEPTED, TT_DECLINE, TS_DISPATCHED,
						TS_PENDING, TS_CANCELLED, NULL };
static const char *const edges_accepted[] = { TS_EN_ROUTE, TS_ON_SITE, TS_DISPATCHED,
					      TS_PENDING, TS_CANCELLED, NULL };
static const char *const edges_en_route[] = { TS_ON_SITE, TS_DISPATCHED, TS_PENDING, NULL };
static const char *const edges_on_site[] = { TS_RESOLVED, TS_PENDING, NULL };
static const char *const edges_resolved[] = { TS_CLOSED, TS_REOPENED, NULL };
static const char *const edges_closed[] = { TS_REOPENED, NULL };
static const char *const edges_pending[] = { TT_RESUME, TS_CANCELLED, NULL };
static const char *const edges_none[] = { NULL };

static const struct {
	const char *from;
	const char *const *to;
} machine[] = {
	{ TS_NEW, edges_new },
	{ TS_REOPENED, edges_new },
	{ TS_DISPATCHED, edges_dispatched },
	{ TS_ACCEPTED, edges_accepted },
	{ TS_EN_ROUTE, edges_en_route },
	{ TS_ON_SITE, edges_on_site },
	{ TS_RESOLVED, edges_resolved },
	{ TS_CLOSED, edges_closed },
	{ TS_PENDING, edges_pending },
	{ TS_CANCELLED, edges_none },
};

const char *const *ticket_edges_from(const char *from)
{
	for (size_t i = 0; from && i < sizeof(machine) / sizeof(machine[0]); i++)
		if (!strcmp(machine[i].from, from))
			return machine[i].to;
	return edges_none;
}

int ticket_edge(const char *from, const char *to)
{
	for (const char *const *t = ticket_edges_from(from); to && *t; t++)
		if (!strcmp(*t, to))
			return 1;
	return 0;
}

static int is_any(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(s, *list))
			return 1;
	return 0;
}

int ticket_may(const struct staff *s, const char *from, long long assignee_id,
	       long long department_id, const char *to)
{
	static const char *const tech_steps[] = { TS_ACCEPTED, TT_DECLINE, TS_EN_ROUTE,
						  TS_ON_SITE, TS_RESOLVED, TS_PENDING,
						  TT_RESUME, NULL };
	static const char *const visit_steps[] = { TS_CLOSED, TS_REOPENED, NULL };
	int mine;

	if (!ticket_edge(from, to))
		return 0;
	if (is_any(to, visit_steps))
		return staff_can(s, "ticket.visit");
	if (staff_can(s, "ticket.edit"))
		return 1;
	/* A technician works on what is theirs, or on the team's unassigned orders. */
	mine = assignee_id == s->id ||
	       (!assignee_id && department_id && department_id == s->department_id);
	return staff_can(s, "tech.mobile") && mine && is_any(to, tech_steps);
}

int ticket_may_view(const struct staff *s, long long id)
{
	struct stmt *st;
	int ok = 0;

	if (staff_can(s, "ticket.view"))
		return db_int_query(0, "SELECT COUNT(*) FROM ticket WHERE id = ?", "i", id) > 0;
	if (!staff_can(s, "tech.mobile"))
		return 0;
	st = db_query("SELECT assignee_id, department_id FROM ticket WHERE id = ?", "i", id);
	if (st && db_next(st) == 1)
		ok = db_int(st, 0) == s->id ||
		     (s->department_id && db_int(st, 1) == s->department_id);
	db_done(st);
	return ok;
}

static void err_add(struct org_errors *e, const char *field, const char *key)
{
	if (e->n < ORG_MAX_ERRORS) {
		e->v[e->n].field = field;
		e->v[e->n].key = key;
		e->n++;
	}
}

static int blank(const char *s)
{
	return !s || !*s;
}

/* Length in characters of UTF-8 text. */
static size_t chars(const char *s)
{
	size_t n = 0;

	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static void check_len(struct org_errors *e, const char *field, const char *s, size_t max)
{
	if (chars(s) > max)
		err_add(e, field, "err.too_long_field");
}

static long long event_add(long long ticket_id, long long staff_id, const char *kind,
			   const char *from, const char *to, int public, const char *body)
{
	if (db_exec("INSERT INTO ticket_event (ticket_id, staff_id, kind, from_status, to_status,"
		    " public, body) VALUES (?, NULLIF(?, 0), ?, ?, ?, ?, NULLIF(?, ''))", "iisssis",
		    ticket_id, staff_id, kind, from, to, (long long)public, body ? body : "") < 0)
		return -1;
	return (long long)db_insert_id();
}

/* ---------------------------------------------------------------------------------------
 * Creation */

struct ticket_type_row {
	long long priority, response, resolve, department_id;
	char required[201];
	char name[101];
};

/* Reads the defaults of type (top level) and subtype (0 or one of its children). */
static int type_load(struct ticket_type_row *t, struct org_errors *e, long long type_id,
		     long long subtype_id)
{
	struct stmt *st = db_query(
		"SELECT p.priority, p.response_minutes, p.resolve_minutes, p.department_id,"
		" p.required_fields, p.name, s.id, s.priority, s.response_minutes,"
		" s.resolve_minutes, s.name, s.department_id FROM ticket_type p"
		" LEFT JOIN ticket_type s ON s.id = ? AND s.parent_id = p.id AND s.active = 1"
		" WHERE p.id = ? AND p.parent_id IS NULL AND p.active = 1", "ii", subtype_id, type_id);
	int found = 0, sub = 0;

	if (!st)
		return -1;
	if (db_next(st) == 1) {
		found = 1;
		sub = db_text(st, 6) != NULL;
		t->priority = db_int(st, sub ? 7 : 0);
		t->response = db_int(st, sub ? 8 : 1);
		t->resolve = db_int(st, sub ? 9 : 2);
		t->department_id = sub && db_text(st, 11) ? db_int(st, 11) : db_int(st, 3);
		snprintf(t->required, sizeof(t->required), " %s ", db_text(st, 4));
		snprintf(t->name, sizeof(t->name), "%s", db_text(st, sub ? 10 : 5));
	}
	db_done(st);
	if (!found)
		err_add(e, "type_id", "err.invalid");
	else if (subtype_id && !sub)
		err_add(e, "subtype_id", "err.invalid");
	return 0;
}

static int required(const struct ticket_type_row *t, const char *field)
{
	char needle[40];

	snprintf(needle, sizeof(needle), " %s ", field);
	return strstr(t->required, needle) != NULL;
}

/* Checks a new work order's fields against its type; fills the location ids. */
static void create_check(struct org_errors *e, const struct ticket_new *t,
			 const struct ticket_type_row *type, char *phone, char *appt,
			 long long *community_id, long long *building_id)
{
	static const char *const channels[] = { "staff", "phone", "sms", "portal", "wechat",
						"api", NULL };
	struct stmt *st;

	if (t->priority && (t->priority < 1 || t->priority > 4))
		err_add(e, "priority", "err.invalid");
	if (!is_any(t->channel ? t->channel : "", channels))
		err_add(e, "channel", "err.invalid");
	check_len(e, "title", t->title, 200);
	check_len(e, "address", t->address, 300);
	check_len(e, "contact_name", t->contact_name, 100);
	check_len(e, "description", t->description, 20000);
	phone[0] = '\0';
	if (!blank(t->contact_phone) && phone_normalize(phone, t->contact_phone, NULL))
		err_add(e, "contact_phone", "err.phone_invalid");
	appt[0] = '\0';
	if (!blank(t->appointment_at) && time_utc_from_local(appt, t->appointment_at))
		err_add(e, "appointment_at", "err.invalid");
	if (t->household_id) {
		st = db_query("SELECT b.community_id, b.id FROM household h JOIN unit u ON u.id ="
			      " h.unit_id JOIN building b ON b.id = u.building_id WHERE h.id = ?",
			      "i", t->household_id);
		if (st && db_next(st) == 1) {
			*community_id = db_int(st, 0);
			*building_id = db_int(st, 1);
		} else {
			err_add(e, "household_id", "err.invalid");
		}
		db_done(st);
	}
	if (t->resident_id && db_int_query(0, "SELECT COUNT(*) FROM resident WHERE id = ?"
					   " AND merged_into_id IS NULL", "i", t->resident_id) != 1)
		err_add(e, "resident_id", "err.invalid");
	if (t->department_id && db_int_query(0, "SELECT COUNT(*) FROM department WHERE id = ?",
					     "i", t->department_id) != 1)
		err_add(e, "department_id", "err.invalid");
	if (required(type, "household") && !t->household_id && blank(t->address))
		err_add(e, "household_id", "ticket.err_location");
	if (required(type, "phone") && !phone[0] && !t->resident_id)
		err_add(e, "contact_phone", "err.required");
	if (required(type, "description") && blank(t->description))
		err_add(e, "description", "err.required");
	if (required(type, "appointment") && !appt[0])
		err_add(e, "appointment_at", "err.required");
}

/* The next number of today's (local) sequence.  Its own statement, outside the work
 * order's transaction, so the counter row is locked only for an instant. */
static int ticket_number(char *number)
{
	char day[16], ymd[16];
	time_t now = time(NULL);
	struct tm tm;
	long long n;

	localtime_r(&now, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	strftime(ymd, sizeof(ymd), "%Y%m%d", &tm);
	if (db_exec("INSERT INTO ticket_counter (day, n) VALUES (?, LAST_INSERT_ID(1))"
		    " ON DUPLICATE KEY UPDATE n = LAST_INSERT_ID(n + 1)", "s", day) < 0)
		return -1;
	n = (long long)db_insert_id();
	if (n <= 0)
		return -1;
	if (n > 999999)
		return -1;
	snprintf(number, TICKET_NUMBER_MAX + 1, "%.8s-%04d", ymd, (int)n);
	return 0;
}

enum org_result ticket_create(long long *id, char *number, struct org_errors *e,
			      const struct org_actor *who, const struct ticket_new *t)
{
	struct ticket_type_row type;
	char phone[PHONE_MAX + 1], appt[20];
	long long community_id = 0, building_id = 0, priority;

	memset(&type, 0, sizeof(type));
	e->n = 0;
	if (type_load(&type, e, t->type_id, t->subtype_id))
		return ORG_DB;
	if (e->n)
		return ORG_INVALID;
	create_check(e, t, &type, phone, appt, &community_id, &building_id);
	if (e->n)
		return ORG_INVALID;
	priority = t->emergency ? 4 : t->priority ? t->priority : type.priority;
	if (ticket_number(number) || db_begin())
		return ORG_DB;
	if (db_exec("INSERT INTO ticket (number, type_id, subtype_id, priority, emergency, title,"
		    " description, channel, resident_id, household_id, community_id, building_id,"
		    " address, contact_name, contact_phone, department_id, appointment_at,"
		    " created_by, call_id, response_due_at, resolve_due_at) VALUES (?, ?,"
		    " NULLIF(?, 0), ?, ?, ?, NULLIF(?, ''), ?, NULLIF(?, 0), NULLIF(?, 0),"
		    " NULLIF(?, 0), NULLIF(?, 0), NULLIF(?, ''), NULLIF(?, ''), NULLIF(?, ''),"
		    " NULLIF(?, 0), NULLIF(?, ''), NULLIF(?, 0), NULLIF(?, 0),"
		    " UTC_TIMESTAMP() + INTERVAL ? MINUTE, UTC_TIMESTAMP() + INTERVAL ? MINUTE)",
		    "siiiisssiiiisssisiiii", number, t->type_id, t->subtype_id, priority,
		    (long long)(t->emergency != 0), blank(t->title) ? type.name : t->title,
		    t->description ? t->description : "", t->channel, t->resident_id,
		    t->household_id, community_id, building_id, t->address ? t->address : "",
		    t->contact_name ? t->contact_name : "", phone,
		    t->department_id ? t->department_id : type.department_id, appt, who->staff_id,
		    t->call_id, t->emergency && type.response > 15 ? 15LL : type.response,
		    type.resolve) < 0)
		goto fail;
	*id = (long long)db_insert_id();
	if (event_add(*id, who->staff_id, "created", NULL, TS_NEW, 1, NULL) < 0 ||
	    outbox_ticket_changed(*id, NULL, TS_NEW, 0) ||	/* outbox: resident notices */
	    db_commit())
		goto fail;
	return ORG_OK;
fail:
	db_rollback();
	return ORG_DB;
}

/* ---------------------------------------------------------------------------------------
 * Transitions */

struct ticket_row {
	char status[17], pending_from[17];
	long long version, assignee_id, department_id;
	int first_response;
};

/* Reads and locks work order id for the rest of the transaction; 0, or -1 if absent. */
static int ticket_lock(struct ticket_row *t, long long id)
{
	struct stmt *st = db_query("SELECT status, COALESCE(pending_from, ''), version,"
				   " assignee_id, department_id, first_response_at IS NOT NULL"
				   " FROM ticket WHERE id = ? FOR UPDATE", "i", id);
	int found = 0;

	if (st && db_next(st) == 1) {
		snprintf(t->status, sizeof(t->status), "%s", db_text(st, 0));
		snprintf(t->pending_from, sizeof(t->pending_from), "%s", db_text(st, 1));
		t->version = db_int(st, 2);
		t->assignee_id = db_int(st, 3);
		t->department_id = db_int(st, 4);
		t->first_response = (int)db_int(st, 5);
		found = 1;
	}
	db_done(st);
	return found ? 0 : -1;
}

/* Checks what target c->to needs (reasons, people, times); fills resume (UTC). */
static void change_check(struct org_errors *e, const struct ticket_change *c,
			 const struct ticket_row *t, char *resume)
{
	static const char *const need_reason[] = { TT_DECLINE, TS_PENDING, TS_CANCELLED,
						   TS_REOPENED, NULL };

	if (is_any(c->to, need_reason) && blank(c->note))
		err_add(e, "note", "ticket.err_reason");
	check_len(e, "note", c->note, 2000);
	if (!strcmp(c->to, TS_DISPATCHED)) {
		if (!c->department_id && !c->assignee_id && !t->department_id)
			err_add(e, "department_id", "ticket.err_dispatch");
		if (c->department_id && db_int_query(0, "SELECT COUNT(*) FROM department"
						     " WHERE id = ?", "i", c->department_id) != 1)
			err_add(e, "department_id", "err.invalid");
		if (c->assignee_id && db_int_query(0, "SELECT COUNT(*) FROM staff WHERE id = ?"
						   " AND active = 1", "i", c->assignee_id) != 1)
			err_add(e, "assignee_id", "err.invalid");
	}
	if (!strcmp(c->to, TS_PENDING) &&
	    (blank(c->resume_at) || time_utc_from_local(resume, c->resume_at)))
		err_add(e, "resume_at", "ticket.err_resume");
	/* Closing is the follow-up visit (回访): it records the resident's score. */
	if (!strcmp(c->to, TS_CLOSED) && (c->satisfaction < 1 || c->satisfaction > 5))
		err_add(e, "satisfaction", "ticket.err_satisfaction");
}

/* Applies the change to the row; the statement depends on the target. */
static int change_apply(long long id, const struct ticket_change *c, const struct ticket_row *t,
			const struct staff *actor, const char *resume, const char **status)
{
	const char *to = c->to;

	if (!strcmp(to, TT_DECLINE)) {
		*status = TS_DISPATCHED;
		return db_exec("UPDATE ticket SET status = 'dispatched', assignee_id = NULL,"
			       " version = version + 1 WHERE id = ?", "i", id) < 0;
	}
	if (!strcmp(to, TT_RESUME)) {
		*status = t->pending_from[0] ? t->pending_from : TS_DISPATCHED;
		return db_exec("UPDATE ticket SET status = ?, pending_from = NULL, pending_reason ="
			       " NULL, resume_at = NULL, version = version + 1 WHERE id = ?", "si",
			       *status, id) < 0;
	}
	*status = to;
	if (!strcmp(to, TS_DISPATCHED))
		return db_exec("UPDATE ticket SET status = 'dispatched', department_id ="
			       " COALESCE(NULLIF(?, 0), department_id), assignee_id = NULLIF(?, 0),"
			       " version = version + 1 WHERE id = ?", "iii", c->department_id,
			       c->assignee_id, id) < 0;
	if (!strcmp(to, TS_PENDING))
		return db_exec("UPDATE ticket SET status = 'pending', pending_from = ?,"
			       " pending_reason = ?, resume_at = ?, version = version + 1"
			       " WHERE id = ?", "sssi", t->status, c->note, resume, id) < 0;
	if (!strcmp(to, TS_CLOSED))
		return db_exec("UPDATE ticket SET status = 'closed', closed_at = UTC_TIMESTAMP(),"
			       " satisfaction = NULLIF(?, 0), visit_comment = NULLIF(?, ''),"
			       " version = version + 1 WHERE id = ?", "isi",
			       (long long)c->satisfaction, c->note ? c->note : "", id) < 0;
	/* A technician accepting a team order takes it. */
	return db_exec("UPDATE ticket SET status = ?, version = version + 1,"
		       " assignee_id = IF(? = 'accepted' AND assignee_id IS NULL, NULLIF(?, 0),"
		       "  assignee_id),"
		       " first_response_at = IF(? = 'accepted', COALESCE(first_response_at,"
		       "  UTC_TIMESTAMP()), first_response_at),"
		       " resolved_at = CASE ? WHEN 'resolved' THEN UTC_TIMESTAMP()"
		       "  WHEN 'reopened' THEN NULL ELSE resolved_at END,"
		       " closed_at = IF(? = 'reopened', NULL, closed_at)"
		       " WHERE id = ?", "ssisssi", to, to,
		       staff_can(actor, "tech.mobile") ? actor->id : 0LL, to, to, to, id) < 0;
}

/* The timeline entries of a change: the status step (public: the resident follows it),
 * with the note on it when public, else the note as an internal entry. */
static int change_events(long long id, long long staff_id, const struct ticket_change *c,
			 const char *from, const char *status)
{
	long long ev = event_add(id, staff_id, strcmp(c->to, TS_DISPATCHED) ? "status" : "assign",
				 from, status, 1, c->public ? c->note : NULL);

	if (ev < 0)
		return -1;
	if (!strcmp(status, TS_DISPATCHED) &&
	    db_exec("UPDATE ticket_event e JOIN ticket t ON t.id = e.ticket_id SET"
		    " e.department_id = t.department_id, e.assignee_id = t.assignee_id"
		    " WHERE e.id = ?", "i", ev) < 0)
		return -1;
	if (!c->public && !blank(c->note) &&
	    event_add(id, staff_id, "note", NULL, NULL, 0, c->note) < 0)
		return -1;
	return 0;
}

enum org_result ticket_transition(struct org_errors *e, const struct org_actor *who,
				  const struct staff *actor, long long id,
				  const struct ticket_change *c)
{
	struct ticket_row t;
	char resume[20] = "";
	const char *status = NULL;
	enum org_result res = ORG_DB;

	e->n = 0;
	if (blank(c->to)) {
		err_add(e, "to", "ticket.err_transition");
		return ORG_INVALID;
	}
	if (db_begin())
		return ORG_DB;
	if (ticket_lock(&t, id)) {
		res = ORG_NOT_FOUND;
		goto fail;
	}
	if (c->version && c->version != t.version) {
		res = ORG_CONFLICT;
		goto fail;
	}
	if (!ticket_edge(t.status, c->to)) {
		err_add(e, "to", "ticket.err_transition");
		res = ORG_REFUSED;
		goto fail;
	}
	if (!ticket_may(actor, t.status, t.assignee_id, t.department_id, c->to)) {
		err_add(e, "to", "err.forbidden");
		res = ORG_REFUSED;
		goto fail;
	}
	change_check(e, c, &t, resume);
	if (e->n) {
		res = ORG_INVALID;
		goto fail;
	}
	if (change_apply(id, c, &t, actor, resume, &status) ||
	    change_events(id, who->staff_id, c, t.status, status) ||
	    outbox_ticket_changed(id, t.status, status, t.assignee_id) ||	/* outbox */
	    db_commit())
		goto fail;
	return ORG_OK;
fail:
	db_rollback();
	return res;
}

/* ---------------------------------------------------------------------------------------
 * Timeline entries without a status change */

/* Checks that the work order exists and, when version is given, that it is current. */
static enum org_result ticket_current(long long id, long long version)
{
	long long v = db_int_query(-1, "SELECT version FROM ticket WHERE id = ?", "i", id);

	if (v < 0)
		return ORG_NOT_FOUND;
	return version && version != v ? ORG_CONFLICT : ORG_OK;
}

enum org_result ticket_update(struct org_errors *e, const struct org_actor *who, long long id,
			      long long version, const struct ticket_edit *f)
{
	char appt[20] = "";
	long long n;

	e->n = 0;
	if (blank(f->title))
		err_add(e, "title", "err.required");
	check_len(e, "title", f->title, 200);
	check_len(e, "description", f->description, 20000);
	if (f->priority < 1 || f->priority > 4)
		err_add(e, "priority", "err.invalid");
	if (!blank(f->appointment_at) && time_utc_from_local(appt, f->appointment_at))
		err_add(e, "appointment_at", "err.invalid");
	if (e->n)
		return ORG_INVALID;
	if (db_begin())
		return ORG_DB;
	n = db_exec("UPDATE ticket SET title = ?, description = NULLIF(?, ''), priority = ?,"
		    " emergency = ?, appointment_at = NULLIF(?, ''), version = version + 1"
		    " WHERE id = ? AND (? = 0 OR version = ?)", "ssiisiii", f->title,
		    f->description ? f->description : "", (long long)(f->emergency ? 4 : f->priority),
		    (long long)(f->emergency != 0), appt, id, version, version);
	if (n < 0 || (n == 1 && event_add(id, who->staff_id, "edit", NULL, NULL, 0, NULL) < 0)) {
		db_rollback();
		return ORG_DB;
	}
	if (db_commit())
		return ORG_DB;
	if (n == 1)
		return ORG_OK;
	return ticket_current(id, 0) == ORG_NOT_FOUND ? ORG_NOT_FOUND : ORG_CONFLICT;
}

enum org_result ticket_comment(long long *event_id, struct org_errors *e,
			       const struct org_actor *who, long long id, long long version,
			       const char *body, int public)
{
	enum org_result res;

	e->n = 0;
	if (blank(body))
		err_add(e, "body", "err.required");
	check_len(e, "body", body, 20000);
	if (e->n)
		return ORG_INVALID;
	if ((res = ticket_current(id, version)))
		return res;
	*event_id = event_add(id, who->staff_id, public ? "comment" : "note", NULL, NULL,
			      public != 0, body);
	if (*event_id < 0)
		return ORG_DB;
	/* A staff member's first public word counts as the response for the SLA. */
	if (public && who->staff_id)
		db_exec("UPDATE ticket SET first_response_at = UTC_TIMESTAMP() WHERE id = ?"
			" AND first_response_at IS NULL", "i", id);
	return ORG_OK;
}

enum org_result ticket_link(struct org_errors *e, const struct org_actor *who, long long id,
			    long long other_id, const char *kind)
{
	long long a = id < other_id ? id : other_id, b = id < other_id ? other_id : id;
	char body[64];

	e->n = 0;
	if (!kind || (strcmp(kind, "related") && strcmp(kind, "duplicate")))
		err_add(e, "kind", "err.invalid");
	if (id == other_id || db_int_query(0, "SELECT COUNT(*) FROM ticket WHERE id IN (?, ?)",
					   "ii", id, other_id) != 2)
		err_add(e, "other", "ticket.err_link");
	if (e->n)
		return ORG_INVALID;
	if (db_begin())
		return ORG_DB;
	if (db_exec("INSERT INTO ticket_link (ticket_id, other_id, kind, created_by) VALUES"
		    " (?, ?, ?, NULLIF(?, 0)) ON DUPLICATE KEY UPDATE kind = VALUES(kind)", "iisi",
		    a, b, kind, who->staff_id) < 0)
		goto fail;
	snprintf(body, sizeof(body), "%lld %s", other_id, kind);
	if (event_add(id, who->staff_id, "link", NULL, NULL, 0, body) < 0)
		goto fail;
	snprintf(body, sizeof(body), "%lld %s", id, kind);
	if (event_add(other_id, who->staff_id, "link", NULL, NULL, 0, body) < 0 || db_commit())
		goto fail;
	return ORG_OK;
fail:
	db_rollback();
	return ORG_DB;
}

enum org_result ticket_merge(struct org_errors *e, const struct org_actor *who, long long id,
			     long long into_id)
{
	struct ticket_row t;
	char body[64];

	e->n = 0;
	if (id == into_id || db_int_query(0, "SELECT COUNT(*) FROM ticket WHERE id = ?"
					  " AND merged_into_id IS NULL", "i", into_id) != 1) {
		err_add(e, "other", "ticket.err_link");
		return ORG_INVALID;
	}
	if (db_begin())
		return ORG_DB;
	if (ticket_lock(&t, id)) {
		db_rollback();
		return ORG_NOT_FOUND;
	}
	if (!strcmp(t.status, TS_CLOSED) || !strcmp(t.status, TS_CANCELLED)) {
		db_rollback();
		err_add(e, "other", "ticket.err_merge_done");
		return ORG_REFUSED;
	}
	snprintf(body, sizeof(body), "%lld", into_id);
	if (db_exec("UPDATE ticket SET status = 'cancelled', merged_into_id = ?,"
		    " version = version + 1 WHERE id = ?", "ii", into_id, id) < 0 ||
	    db_exec("INSERT IGNORE INTO ticket_link (ticket_id, other_id, kind, created_by)"
		    " VALUES (LEAST(?, ?), GREATEST(?, ?), 'duplicate', NULLIF(?, 0))", "iiiii",
		    id, into_id, id, into_id, who->staff_id) < 0 ||
	    event_add(id, who->staff_id, "merge", t.status, TS_CANCELLED, 1, body) < 0)
		goto fail;
	snprintf(body, sizeof(body), "%lld", id);
	if (event_add(into_id, who->staff_id, "merge", NULL, NULL, 0, body) < 0 || db_commit())
		goto fail;
	return ORG_OK;
fail:
	db_rollback();
	return ORG_DB;
}

enum org_result ticket_part_add(struct org_errors *e, const struct org_actor *who,
				long long id, const char *name, const char *quantity,
				const char *unit)
{
	char body[200];
	double q = 1;
	enum org_result res;

	e->n = 0;
	/* A plain decimal ("2", "0.5"): strtod alone would take "nan", "1e3" and "0x10". */
	if (!blank(quantity)) {
		size_t digits = strspn(quantity, "0123456789");
		const char *rest = quantity + digits;
		if (*rest == '.')
			rest += 1 + strspn(rest + 1, "0123456789");
		q = digits && !*rest && strlen(quantity) <= 12 ? strtod(quantity, NULL) : -1;
	}
	if (blank(name))
		err_add(e, "part_name", "err.required");
	check_len(e, "part_name", name, 100);
	check_len(e, "part_unit", unit, 16);
	if (q <= 0 || q > 100000)
		err_add(e, "part_quantity", "err.invalid");
	if (e->n)
		return ORG_INVALID;
	if ((res = ticket_current(id, 0)))
		return res;
	snprintf(body, sizeof(body), "%s × %g%s%s", name, q, blank(unit) ? "" : " ",
		 blank(unit) ? "" : unit);
	if (db_begin())
		return ORG_DB;
	if (db_exec("INSERT INTO ticket_part (ticket_id, name, quantity, unit, staff_id)"
		    " VALUES (?, ?, ?, NULLIF(?, ''), NULLIF(?, 0))", "isssi", id, name,
		    blank(quantity) ? "1" : quantity, unit ? unit : "", who->staff_id) < 0 ||
	    event_add(id, who->staff_id, "part", NULL, NULL, 0, body) < 0 || db_commit()) {
		db_rollback();
		return ORG_DB;
	}
	return ORG_OK;
}

enum org_result ticket_attach(long long *attachment_id, struct org_errors *e,
			      const struct org_actor *who, long long id, const char *sha256,
			      long long size, const char *mime, const char *filename)
{
	enum org_result res;
	long long ev;

	e->n = 0;
	if (blank(filename))
		filename = "file";
	if ((res = ticket_current(id, 0)))
		return res;
	if (db_begin())
		return ORG_DB;
	ev = event_add(id, who->staff_id, "attachment", NULL, NULL, 0, filename);
	if (ev < 0 || db_exec("INSERT INTO attachment (ticket_id, event_id, sha256, size, mime,"
			      " filename, uploaded_by) VALUES (?, ?, ?, ?, ?, LEFT(?, 255),"
			      " NULLIF(?, 0))", "iisissi", id, ev, sha256, size, mime, filename,
			      who->staff_id) < 0)
		goto fail;
	*attachment_id = (long long)db_insert_id();
	if (db_commit())
		goto fail;
	return ORG_OK;
fail:
	db_rollback();
	return ORG_DB;
}

enum org_result ticket_complete(struct org_errors *e, const struct org_actor *who,
				const struct staff *actor, long long id,
				const struct ticket_change *c, const struct ticket_photo *photos,
				int nphotos, const struct ticket_part_in *parts, int nparts)
{
	enum org_result res;
	long long att;

	e->n = 0;
	if (!c->to || strcmp(c->to, TS_RESOLVED)) {
		err_add(e, "to", "ticket.err_transition");
		return ORG_INVALID;
	}
	if (db_begin())
		return ORG_DB;
	res = ticket_transition(e, who, actor, id, c);
	for (int i = 0; i < nphotos && !res; i++)
		res = ticket_attach(&att, e, who, id, photos[i].sha256, photos[i].size,
				    photos[i].mime, photos[i].filename);
	for (int i = 0; i < nparts && !res; i++)
		res = ticket_part_add(e, who, id, parts[i].name, parts[i].quantity, parts[i].unit);
	if (res) {
		db_rollback();
		return res;
	}
	return db_commit() ? ORG_DB : ORG_OK;
}
